"""One Account -> its actors, quotes, claims, figures and timexes. spaCy lives here."""
from counterpoint.analysis.pipeline import AccountAnalysis, analyze_accounts

__all__ = ["AccountAnalysis", "analyze_accounts"]
