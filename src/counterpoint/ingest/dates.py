"""Publication dates: normalise metadata date strings, and infer one from explicit dates in the text."""
from __future__ import annotations

import re
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Optional

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], 1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MON = r"(?P<mon>(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# Full dates only (day, month and year): "February 4, 2026", "4 February 2026", "2026-02-04", "Feb. 4 2026".
FULL_DATE = re.compile(
    rf"\b(?:{_MON}\s+{_DAY},?\s+{_YEAR}"
    rf"|(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<mon2>(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*)\.?,?\s+(?P<year2>(?:19|20)\d\d)"
    rf"|(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d))\b",
    re.I,
)
_TIME = re.compile(r"\b\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?|GMT|UTC|[A-Z]{2,4}T)?\b|\b\d{1,2}\s*[ap]\.?m\.?\b", re.I)
# Any four-digit year (ISO 8601): a manifest may date a case in 1850 or 2150. Dates found in running text
# (FULL_DATE) keep to 19xx and 20xx, where a bare number is unlikely to be something else.
_ISO_PARTIAL = re.compile(r"^\s*(\d{4})(?:-([01]\d)(?:-([0-3]\d))?)?\s*$")


def _make(y: int, m: int, d: int) -> Optional[date]:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _match_date(m: re.Match) -> Optional[date]:
    if m.group("iso"):
        y, mo, d = m.group("iso").split("-")
        return _make(int(y), int(mo), int(d))
    mon, day, year = (m.group("mon"), m.group("day"), m.group("year")) if m.group("mon") else \
        (m.group("mon2"), m.group("day2"), m.group("year2"))
    month = _MONTHS.get(mon.lower().rstrip(".")) or _MONTHS.get(mon.lower()[:3])
    if month is None or (len(mon) > 3 and mon.lower() not in _MONTHS):
        return None  # "Marching 4 2020" and the like
    return _make(int(year), month, int(day))


def normalize_date(value: object) -> Optional[str]:
    """A metadata date (ISO, RFC 2822, 'February 4, 2026', epoch seconds) as YYYY-MM-DD, or None."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value if value < 1e11 else value / 1000, tz=timezone.utc).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    s = str(value).strip()
    m = _ISO_PARTIAL.match(s)
    if m and m.group(3):
        d = _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return d.isoformat() if d else None
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    m = FULL_DATE.search(s)
    if m:
        d = _match_date(m)
        return d.isoformat() if d else None
    return None


def valid_manifest_date(value: str) -> bool:
    """Manifest dates are ISO 8601 at year, month or day precision."""
    m = _ISO_PARTIAL.match(value)
    if not m:
        return False
    y, mo, d = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    return _make(y, mo, d) is not None


def infer_from_text(text: str, head_chars: int = 1200, head_paragraphs: int = 1) -> Optional[str]:
    """The publication date a reader would take from the head of the text, or None.

    Only full explicit dates count (no relative ones). The head is everything up to the end of the
    first paragraph of running text (the dateline paragraph), at most `head_chars`. A date on a byline/timestamp-shaped line (short, or
    carrying a clock time) wins, since that is where pages print publication dates; otherwise the
    latest date in the head, since a report is written after the events it dates.
    """
    head_end, prose = 0, 0
    for line in text.splitlines(keepends=True):
        head_end += len(line)
        words = len(line.split())
        if words >= 25 or (words >= 12 and re.search(r"[.!?][\"'”’)]*\s*$", line)):
            prose += 1  # running text, not a headline
        if prose >= head_paragraphs or head_end >= head_chars:
            break
    head = text[:max(head_end, 1)]
    stamped: list[date] = []
    others: list[date] = []
    for line in head.splitlines():
        for m in FULL_DATE.finditer(line):
            d = _match_date(m)
            if d is None:
                continue
            words = len(line.split())
            (stamped if words <= 14 or _TIME.search(line) else others).append(d)
    if stamped:
        return max(stamped).isoformat()
    if others:
        return max(others).isoformat()
    return None
