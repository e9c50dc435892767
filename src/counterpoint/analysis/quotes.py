"""Quotation-mark spans: pairs straight and curly, double and single marks per paragraph, tolerating
the unbalanced marks real copy has (a quote left open runs to the end of its paragraph; a curly
double quote closed by a curly single one is accepted)."""
from __future__ import annotations

import re
from dataclasses import dataclass

OPEN_DOUBLE, CLOSE_DOUBLE = "\u201c\u201e\u00ab", "\u201d\u00bb"
OPEN_SINGLE, CLOSE_SINGLE = "\u2018", "\u2019"
TRAILING = " \t,;:"


@dataclass
class QuoteSpan:
    start: int  # content, without the marks
    end: int
    open_mark: int  # offset of the opening mark
    close_mark: int  # offset of the closing mark (== end of paragraph when left open)
    closed: bool = True


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            out.append((m.start(), m.end()))
    return out


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _straight_role(text: str, i: int, lo: int, hi: int, n: int = 1) -> str:
    """'open', 'close' or '' for a straight double quote (n characters long) at i, judged by its neighbours."""
    before = text[i - 1] if i > lo else " "
    after = text[i + n] if i + n < hi else " "
    if (before.isspace() or before in "([{—–-/") and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–-/'\u2019"):
        return "close"
    return "open" if before.isspace() else "close"


def _apostrophe(text: str, i: int, lo: int, hi: int) -> bool:
    """A right single mark between two letters (China’s, don’t) is an apostrophe, not a quote."""
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    return _is_word(before) and _is_word(after)


def _double_mark(text: str, i: int) -> int:
    """Length of a double quotation mark at i: 1 for " and curly marks, 2 for two apostrophes used as
    one ('' in copy converted from typewriter quotes), else 0."""
    ch = text[i]
    if ch == '"' or ch in OPEN_DOUBLE or ch in CLOSE_DOUBLE:
        return 1
    if ch == "'" and text[i + 1: i + 2] == "'" and text[i + 2: i + 3] != "'":
        return 2
    return 0


# Characters that can open a quote, and those the search for a closing mark reacts to: the scans
# below jump from one to the next instead of stepping through every character in Python.
_OPENING = re.compile("[\"'" + OPEN_DOUBLE + OPEN_SINGLE + "]")
_CLOSING = re.compile("[\"'" + OPEN_DOUBLE + CLOSE_DOUBLE + CLOSE_SINGLE + "]")


def _pair_in_paragraph(text: str, lo: int, hi: int) -> list[QuoteSpan]:
    out: list[QuoteSpan] = []
    i = lo
    while i < hi:
        nxt = _OPENING.search(text, i, hi)
        if nxt is None:
            break  # no mark left that could open a quote
        i = nxt.start()
        ch = text[i]
        n = _double_mark(text, i) if ch in "\"'" else 0
        straight = n == 2 or ch == '"'
        if ch in OPEN_DOUBLE or (straight and _straight_role(text, i, lo, hi, n) == "open"):
            close = _find_double_close(text, i + max(n, 1), hi, straight=straight)
            if close is None:
                out.append(QuoteSpan(i + max(n, 1), hi, i, hi, closed=False))
                break
            out.append(QuoteSpan(i + max(n, 1), close, i, close))
            i = close + max(_double_mark(text, close), 1)
            continue
        if ch == OPEN_SINGLE or (ch == "'" and n == 0 and _single_straight_open(text, i, lo, hi)):
            close = _find_single_close(text, i + 1, hi, straight=(ch == "'"))
            if close is not None:
                out.append(QuoteSpan(i + 1, close, i, close))
                i = close + 1
                continue
        i += max(n, 1)
    # A quote must hold a word once trimmed: stray marks around punctuation are not quotes.
    trimmed = (_trim(text, q) for q in out if q.end > q.start)
    return [q for q in trimmed if any(c.isalnum() for c in text[q.start:q.end])]


def _find_double_close(text: str, i: int, hi: int, straight: bool) -> int | None:
    stray_single = None
    j = i
    while j < hi:
        nxt = _CLOSING.search(text, j, hi)
        if nxt is None:
            break
        j = nxt.start()
        ch = text[j]
        n = _double_mark(text, j) if ch in "\"'" else 0
        if ch in CLOSE_DOUBLE or (n and ch in "\"'" and (straight or _straight_role(text, j, i, hi, n) == "close")):
            return j
        if ch in OPEN_DOUBLE and not straight:
            return None  # a new quote opens before this one closed: this one is left open
        if ch == CLOSE_SINGLE and stray_single is None and not _apostrophe(text, j, i, hi) and j > i \
                and not text[j - 1].isspace():
            stray_single = j
        j += max(n, 1)
    return stray_single  # “...’ : a double opened and closed by a curly single


def _single_straight_open(text: str, i: int, lo: int, hi: int) -> bool:
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    return (before.isspace() or before in "([") and after.isalpha()


def _find_single_close(text: str, i: int, hi: int, straight: bool) -> int | None:
    mark = "'" if straight else CLOSE_SINGLE
    limit = min(hi, i + 300)  # single-quoted scare phrases are short; farther marks are apostrophes
    for j in range(i, limit):
        if text[j] == mark and not _apostrophe(text, j, i, hi) and not text[j - 1].isspace():
            after = text[j + 1] if j + 1 < hi else " "
            if not _is_word(after):
                return j
    return None


def _trim(text: str, q: QuoteSpan) -> QuoteSpan:
    s, e = q.start, q.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1] in TRAILING:
        e -= 1
    q.start, q.end = s, e
    return q


def find_quotes(text: str) -> list[QuoteSpan]:
    out: list[QuoteSpan] = []
    for lo, hi in paragraphs(text):
        out.extend(_pair_in_paragraph(text, lo, hi))
    return out
