"""Datelines ("LENMARK, May 3 (Valdora Wire) - ..."): where a story was filed. A plain-text
pattern, free of spaCy, read by the speaker resolver (a dateline's place is never a speaker) and by
the topics of the compare stage (nor a topic)."""
from __future__ import annotations

import re

# a line opening with a place in capitals, then a date or an agency, then a dash: a dateline
_INLINE_DATELINE = re.compile(r"(?m)^[\"“]?([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}"
                              r"(?:,[^,()\n—–]{1,40})?\s*(?:\([^()\n]{1,40}\))?\s*(?:—|–|--|_|\s-\s))")


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Where the places of the text's datelines lie ("LENMARK, May 3 (Valdora Wire) - ..."): where a
    story was filed, never a speaker nor a topic of it."""
    return [m.span(1) for m in _INLINE_DATELINE.finditer(text)]
