"""The view model the Markdown and HTML reports share: what a report shows, before formatting.

Status labels and the words around evidence, the grouping of claims by party and of quotes by
speaker, the counts shown in section heads, and number and marker formatting. The renderers
(markdown.py, html.py with templates/report.html.j2) only format what this module decides.
"""
from __future__ import annotations

import re
from typing import Optional

from counterpoint.records import Claim, Quote, RemovedText, Report

STATUS_LABELS = {"corroborated": "corroborated", "one_sided": "one-sided", "contradicted": "contradicted",
                 "unattributed": "unattributed", None: "no status"}
#: Statuses that are findings (a comparison of the parties); the rest are shown after them.
FINDINGS = ("one_sided", "corroborated", "contradicted")
#: The statuses a reader can filter by, in this order.
STATUSES = ("one_sided", "corroborated", "contradicted", "unattributed")
NO_PARTY = "no party"
UNKNOWN_SPEAKER = "unnamed speaker"
UNNAMED_SOURCE = "unnamed source"   # a brief item with neither speaker nor party
PRESS = "press"                     # a side of a disagreement with no party


def status_label(status: Optional[str]) -> str:
    return STATUS_LABELS.get(status, str(status))


def counter_label(status: Optional[str]) -> str:
    """The words before a brief item's counter-evidence."""
    return {"one_sided": "singled out by", "contradicted": "contradicted by"}.get(status or "", "see also")


def evidence_label(status: Optional[str]) -> str:
    """The words before a claim's status evidence."""
    return "contradicted by" if status == "contradicted" else "see also"


def closest_label(cover: Optional[float]) -> str:
    """The words before a one-sided claim's nearest statement of the other side."""
    share = f" (it shares {cover:.0%} of the claim's weighted terms)" if cover is not None else ""
    return f"closest the other side comes{share}"


def clip(text: str, limit: int = 160) -> str:
    """One line of at most `limit` characters, cut at a word with an ellipsis."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    return line[:limit].rsplit(" ", 1)[0] + " …"


def number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.4g}"


def marker_text(text: str) -> str:
    """A salience marker as a phrase to quote: one line, without quotation marks of its own."""
    return " ".join(re.sub(r"[\"\u201c\u201d]", "", text).split())


def excerpt(text: str) -> str:
    """A topic's excerpt as a quotation: one line, with an ellipsis where it cuts into a sentence."""
    line = " ".join(text.split())
    head = "" if line[:1].isupper() or line[:1] in "\"“‘'" else "…"
    tail = "" if line[-1:] in ".!?\"”’'" else "…"
    return f"“{head}{line}{tail}”"


def claim_columns(report: Report, no_party_last: bool = True) -> list[tuple[str, list[Claim]]]:
    """Claims by party: one column per party (manifest order, empty ones too), then parties the
    claims name that the manifest does not, and NO_PARTY for claims without one: last, or (the
    Markdown report) where its first claim comes."""
    columns: dict[str, list[Claim]] = {name: [] for name in report.parties}
    other: list[Claim] = []
    for c in report.claims:
        if c.party:
            columns.setdefault(c.party, []).append(c)
        elif no_party_last:
            other.append(c)
        else:
            columns.setdefault(NO_PARTY, []).append(c)
    out = list(columns.items())
    if other:
        out.append((NO_PARTY, other))
    return out


def quote_groups(report: Report, most_quoted_first: bool = True) -> list[tuple[str, Optional[str], list[Quote]]]:
    """Quotes by speaker (UNKNOWN_SPEAKER when none) with the speaker's party (the first one given):
    in order of first appearance, or most quoted first (ties in order of first appearance)."""
    groups: dict[str, list[Quote]] = {}
    for q in report.quotes:
        groups.setdefault(q.speaker or UNKNOWN_SPEAKER, []).append(q)
    order = list(groups)
    if most_quoted_first:
        order = sorted(order, key=lambda k: (-len(groups[k]), order.index(k)))
    return [(k, next((q.party for q in groups[k] if q.party), None), groups[k]) for k in order]


def status_counts(report: Report) -> list[tuple[Optional[str], int]]:
    """Claims per status, the commonest first (ties in order of first appearance)."""
    counts: dict[Optional[str], int] = {}
    for c in report.claims:
        counts[c.status] = counts.get(c.status, 0) + 1
    return sorted(counts.items(), key=lambda x: -x[1])


def conflict_count(report: Report) -> int:
    return sum(1 for f in report.figures if f.conflict)


def removed_text(report: Report) -> list[tuple[str, RemovedText]]:
    """(account id, removed piece) for every piece of text removed while cleaning, account by account."""
    return [(a.id, x) for a in report.accounts for x in a.removed]
