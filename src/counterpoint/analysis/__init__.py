"""One Account -> its actors, quotes, claims, figures and timexes. spaCy lives here (not in the
spaCy-free modules `lexicon`, `kb`, `stances`, which the compare stage may import: the pipeline is
imported when first asked for)."""
from __future__ import annotations

__all__ = ["AccountAnalysis", "analyze_accounts"]


def __getattr__(name: str):
    if name in __all__:
        from counterpoint.analysis import pipeline
        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
