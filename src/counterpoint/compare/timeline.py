"""The case timeline: dated happenings from every account, merged across accounts.

Two entries are the same happening when they carry the same date and their texts share enough
content: names (capitalised words, numbers) weigh most, then other content words. An entry dated
only to the year (or month) joins a finer entry with shared content whose date lies within it
('later this year' and 'in April' of the same planned visit). A merged entry
keeps every account's evidence, so a reader can see who reported what. Entries are sorted by date
(coarser dates such as '2025' before the days within them), then by first appearance.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Optional

from counterpoint.records import TimelineEntry

# words too common in news prose to say two sentences tell of the same happening
STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having he
her here hers herself him himself his how i if in into is it its itself just me more most my no nor not now of
off on once only or other our ours out over own same she should so some such than that the their theirs them
then there these they this those through to too under until up very was we were what when where which while
who whom why will with would you your said says say told according also new year years month months week
weeks day days today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday january
february march april may june july august september october november december last next earlier later
reported report reports statement added noted
""".split())

TOKEN = re.compile(r"[A-Za-z][A-Za-z'\-]+|\d+(?:[.,]\d+)?")


def content_terms(text: str) -> tuple[set[str], set[str]]:
    """(names, words): capitalised words and numbers not at a sentence start, and the other
    content words, lower-cased and crudely stemmed."""
    names, words = set(), set()
    for i, m in enumerate(TOKEN.finditer(text)):
        tok = m.group(0)
        low = tok.lower().strip("'-")
        if low in STOPWORDS or len(low) < 3 and not tok.isdigit():
            continue
        stem = re.sub(r"(?:'s|ing|ed|es|s)$", "", low) or low
        if tok.isdigit() or (tok[0].isupper() and i > 0):
            names.add(stem)
        else:
            words.add(stem)
    return names, words


def refines(fine: str, coarse: str) -> bool:
    """'2026-04' refines '2026', '2026-04-02' refines '2026-04' (and '2026')."""
    return fine.startswith(coarse + "-")


def same_happening(a: TimelineEntry, b: TimelineEntry) -> bool:
    if a.date != b.date:
        return False
    return same_content(a, b)


def same_content(a: TimelineEntry, b: TimelineEntry) -> bool:
    """The two texts tell of one happening: shared names and words, whatever their dates."""
    na, wa = content_terms(a.text)
    nb, wb = content_terms(b.text)
    shared_names = len(na & nb)
    shared_words = len(wa & wb)
    smaller = max(1, min(len(na | wa), len(nb | wb)))
    overlap = (2 * shared_names + shared_words) / smaller
    return shared_names >= 2 and shared_words >= 1 or overlap >= 0.5


def _date_key(date: str) -> tuple:
    parts = date.split("-")
    return tuple(int(p) if p.isdigit() else 0 for p in parts) + (-1,) * (3 - len(parts))


def merge_entries(entries: Iterable[TimelineEntry]) -> list[TimelineEntry]:
    """Merge entries about the same happening (same date, shared content), keeping all evidence."""
    merged: list[TimelineEntry] = []
    order: list[int] = []
    for n, e in enumerate(entries):
        for m in merged:
            if same_happening(m, e) and not _same_evidence(m, e):
                _absorb(m, e)
                break
        else:
            merged.append(e.model_copy(deep=True))
            order.append(n)
    merged, order = _fold_coarse_into_finer(merged, order)
    ranked = sorted(zip(order, merged), key=lambda x: (_date_key(x[1].date), x[0]))
    return [e for _, e in ranked]


def _absorb(into: TimelineEntry, e: TimelineEntry) -> None:
    into.evidence.extend(ev for ev in e.evidence if ev not in into.evidence)
    for acc in e.accounts:
        if acc not in into.accounts:
            into.accounts.append(acc)
    if into.tense is None:
        into.tense = e.tense


def _fold_coarse_into_finer(merged: list[TimelineEntry], order: list[int]) -> tuple[list[TimelineEntry], list[int]]:
    """'a planned trip to Beijing later this year' (2026) and 'the planned visit to Beijing in
    April' (2026-04) tell of one happening at two precisions: the coarse entry joins the finest
    entry from another account it shares content with, which keeps its date."""
    keep = [True] * len(merged)
    # coarsest first, so a year can join a month that itself joins a day
    by_precision = sorted(range(len(merged)), key=lambda i: len(merged[i].date))
    for i in by_precision:
        coarse = merged[i]
        # across accounts only: one writer who dates one thing to the month and another only to
        # the year ('tariffs of 145 percent last year', 'the truce in October') tells of two things
        finer = [j for j in range(len(merged)) if keep[j] and j != i and refines(merged[j].date, coarse.date)
                 and not set(merged[j].accounts) & set(coarse.accounts) and same_content(coarse, merged[j])]
        if not finer:
            continue
        target = max(finer, key=lambda j: (len(merged[j].date), -order[j]))
        _absorb(merged[target], coarse)
        keep[i] = False
    return [e for e, k in zip(merged, keep) if k], [o for o, k in zip(order, keep) if k]


def _same_evidence(a: TimelineEntry, b: TimelineEntry) -> bool:
    return bool(a.evidence) and a.evidence == b.evidence


def merge_events(analyses, event_date: Optional[str] = None) -> list[TimelineEntry]:
    """The case timeline from every account's dated happenings (`AccountAnalysis.events`): the
    happenings of the event first (its day and what follows or is planned), then the background
    (entries dated wholly before the event's day, `background`), each part in date order. The
    event's day is the manifest's date, else the day the accounts date most happenings to."""
    merged = merge_entries(e for a in analyses for e in a.events)
    return event_first(merged, event_date or _most_named_day(merged))


def event_first(entries: list[TimelineEntry], event_day: Optional[str]) -> list[TimelineEntry]:
    """Entries dated wholly before `event_day` marked as background and moved after the others
    (a stable sort: date order within each part)."""
    if not event_day or not _DAY.fullmatch(event_day):
        return entries
    for e in entries:
        last = e.end or e.date
        e.background = _date_key(last) < _date_key(event_day[: len(last)]) if _DAY_PREFIX.match(last) else False
    day = _date_key(event_day)
    order = {id(e): n for n, e in enumerate(entries)}

    def key(e: TimelineEntry):
        if e.background:
            return (1, (), 0, order[id(e)])
        # a coarse date that holds the event's day ('this year') follows the day's own entries
        return (0, max(_date_key(e.date), day), -len(e.date), order[id(e)])
    return sorted(entries, key=key)


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_DAY_PREFIX = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def _most_named_day(entries: list[TimelineEntry]) -> Optional[str]:
    days = Counter()
    for e in entries:
        if _DAY.fullmatch(e.date):
            days[e.date] += len(e.accounts) or 1
    return days.most_common(1)[0][0] if days else None
