"""Figure conflicts: accounts that give different values for the same measured thing.

Two figures from different accounts are about the same thing when they are in the same unit family
(durations are all compared in hours) and what they measure has the same head word, or head words of
one concept class ("call" / "conversation" / "spoke"; "ceasefire" / "truce"). A head that is only
mentioned in the other's phrase is not enough: 'pay fell 11%' measures pay, 'a 4.5% increase in
basic pay' an increase. Where both say of what, they must share a word of it: 'the tariff on
machinery parts' and 'the tariff on roasted coffee' are two things. They conflict when their
values differ beyond rounding (more than 2% apart). Both get `conflict=True` and point at each other.
A count of a part of an earlier count ("two of them police officers", "19 of the 23 people"), or of a
possessor's own ("14 of its citizens": whose, the figure does not say), is compared with nothing.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from counterpoint import settings
from counterpoint.analysis.lexicon import load as _load_words
from counterpoint.records import Figure, Span

HOURS = {"s": 1 / 3600, "min": 1 / 60, "h": 1.0, "d": 24.0, "week": 168.0, "month": 730.0, "year": 8760.0}
TOLERANCE = 0.02
#: Conflicting figures listed per figure (`Figure.conflicts_with`); past it the figure is still marked
#: `conflict`. Without a bound, n accounts giving n different counts of one thing listed n² pairs
#: (5,000 one-line accounts: a report of many GB).
MAX_CONFLICTS_LISTED = settings.CONFLICTS_LISTED

# Words that name one kind of thing in reports (data/figures.yaml `kinds`); a figure measuring "the
# call" and one measuring "the conversation" (or how long two leaders "spoke") are about the same thing.
_CONCEPT_OF = _load_words("figures")["kinds"].class_of()
# Verbs of one act at the places a count counts (data/figures.yaml `place_acts`): 'recorded at 14
# polling stations' and 'documented at 212 polling stations' count the places of one act.
_PLACE_ACT_OF = _load_words("figures")["place_acts"].class_of()
# Too general to say two figures measure one thing.
GENERIC = {"new", "us", "u.s.", "total", "first", "last", "more", "other", "year", "time", "number", "amount",
           "level", "share", "rate", "part", "point", "mark", "percent", "people", "country", "countries"}
_SPLIT_PREP = re.compile(r"\s(?:of|on|to|for|from|with|against|in)\s", re.I)


def _stem(word: str) -> str:
    w = word.lower().strip("’'\".,()")
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("es", "e"), ("s", "")):
        if w.endswith(suffix) and len(w) > len(suffix) + 2 and not w.endswith("ss"):
            w = w[: -len(suffix)] + repl
            break
    return w


@lru_cache(maxsize=4096)
def _keys(measures: Optional[str]) -> tuple[frozenset, frozenset]:
    """(head keys, all keys) of what a figure measures; keys are stems or concept classes (read
    once per wording: every pair of figures of one unit compares them)."""
    if not measures:
        return frozenset(), frozenset()
    head_part = _SPLIT_PREP.split(measures)[0]
    words = re.findall(r"[A-Za-z][\w.-]*", measures)
    head_words = re.findall(r"[A-Za-z][\w.-]*", head_part)

    def key(w: str):
        s = _stem(w)
        if s in GENERIC or w.lower() in GENERIC or len(s) < 3:
            return None
        c = _CONCEPT_OF.get(s, _CONCEPT_OF.get(w.lower()))
        return ("concept", c) if c is not None else s

    heads = {key(head_words[-1])} - {None} if head_words else set()
    return frozenset(heads), frozenset({key(w) for w in words} - {None})


@lru_cache(maxsize=4096)
def _complement(measures: Optional[str]) -> frozenset:
    """The keys of what a measured phrase says it is of or on ('the tariff on roasted coffee' ->
    roasted, coffee), after its first preposition; empty when it has none."""
    if not measures:
        return frozenset()
    parts = _SPLIT_PREP.split(measures, maxsplit=1)
    if len(parts) < 2:
        return frozenset()
    return _keys(parts[1])[1]


def _family(fig: Figure) -> tuple[str, float]:
    """Unit family and the value in that family's base (durations in hours)."""
    if fig.unit in HOURS:
        return "duration", fig.value * HOURS[fig.unit]
    return fig.unit, fig.value


def family(f: Figure) -> str:
    """The unit family a figure is compared within (all durations are one)."""
    return _family(f)[0]


def same_thing(a: Figure, b: Figure) -> bool:
    return _same(_profile(a), _profile(b))


def differ(a: Figure, b: Figure) -> bool:
    return _differ(_family(a)[1], _family(b)[1])


# A count of a part of what a count before it counted ('11 people ..., two of them police officers',
# 'three of whom were taken to hospital'): a subset, not another count of the same things.
# 'of the region's 1,126 polling stations' names the whole by a count of its own: a part of that count.
_PARTITIVE = re.compile(r"\S+\s+of\s+(?:them|whom|those|these|which|its|their|our|his|her|"
                        r"the\s+(?:[\w-]+(?:['’]s)?\s+){0,3}?\d[\d,.]*)\b", re.I)


def _profile(f: Figure) -> tuple[str, float, set, set, set, bool, Optional[str]]:
    family, value = _family(f)
    heads, words = _keys(f.measures)
    place = f.place_of and _PLACE_ACT_OF.get(f.place_of, f.place_of)
    return family, value, heads, words, _complement(f.measures), bool(_PARTITIVE.match(f.text)), place


def _same(pa: tuple, pb: tuple) -> bool:
    # the same head, and where both say of what ('the tariff on machinery parts', 'the tariff on
    # roasted coffee'), some word of that in common; never a part of an earlier count, nor the
    # places of another act ('present at 412 polling stations', 'expelled from 140 polling stations')
    if pa[0] != pb[0] or not pa[2] & pb[2] or pa[5] or pb[5]:
        return False
    if pa[6] != pb[6]:
        return False   # the places of an act are a set of their own: 'recorded at 14 polling stations'
        #                is no count of 'the region's polling stations'; two acts' places are two sets
    return not (pa[4] and pb[4]) or bool(pa[4] & pb[4])


def _differ(va: float, vb: float) -> bool:
    return abs(va - vb) > TOLERANCE * max(abs(va), abs(vb))


def _span(f: Figure) -> Span:
    return Span(account=f.account, start=f.start, end=f.end, text=f.text,
                source_start=f.source_start, source_end=f.source_end)


def flag_conflicts(figures: list[Figure]) -> list[Figure]:
    """The same figures, with conflicts between accounts marked on both sides: a figure conflicts
    with each figure of another account that measures the same thing with another value, and lists
    the first MAX_CONFLICTS_LISTED of them in the figures' order."""
    out = [f.model_copy(deep=True) for f in figures]
    profiles = [_profile(f) for f in out]
    # figures alike in all that _same and _differ read (unit family, value, keys) are one class:
    # classes are compared in pairs, not figures (5,000 accounts giving one count were 12.5 million pairs)
    classes: dict[tuple, list[int]] = {}
    for i, p in enumerate(profiles):
        classes.setdefault(p, []).append(i)
    by_family: dict[str, list[tuple]] = {}
    for p in classes:
        by_family.setdefault(p[0], []).append(p)
    for keys in by_family.values():
        for pa in keys:
            clashing = [classes[pb] for pb in keys if _same(pa, pb) and _differ(pa[1], pb[1])]
            if not clashing:
                continue
            for i in classes[pa]:
                a, found = out[i], []
                for members in clashing:
                    taken = 0
                    for j in members:
                        if out[j].account != a.account:
                            found.append(j)
                            taken += 1
                            if taken == MAX_CONFLICTS_LISTED:
                                break
                if found:
                    a.conflict = True
                    room = max(0, MAX_CONFLICTS_LISTED - len(a.conflicts_with))
                    a.conflicts_with.extend(_span(out[j]) for j in sorted(found)[:room])
    return out


# How far a figure's hedge lets its value reach: (low, high) factors of the value.
_REACH = {"about": (0.8, 1.25), "around": (0.8, 1.25), "approximately": (0.8, 1.25), "roughly": (0.8, 1.25),
          "some": (0.8, 1.25), "nearly": (0.8, 1.0), "almost": (0.8, 1.0), "under": (0.5, 1.0),
          "less than": (0.0, 1.0), "up to": (0.0, 1.0), "over": (1.0, 2.0), "more than": (1.0, 2.0),
          "above": (1.0, 2.0), "at least": (1.0, 2.0), "an estimated": (0.8, 1.25)}


def incompatible(a: Figure, b: Figure) -> bool:
    """Same measured thing, and values that cannot both be right given each one's hedge ('about 40
    minutes' and 'an hour' cannot; 'over two hours' and 'two and a half hours' can)."""
    if not same_thing(a, b):
        return False
    lo_a, hi_a = _interval(a)
    lo_b, hi_b = _interval(b)
    return hi_a < lo_b or hi_b < lo_a


def _interval(f: Figure) -> tuple[float, float]:
    value = _family(f)[1]
    low, high = _REACH.get((f.approx or "").lower(), (1 - TOLERANCE, 1 + TOLERANCE))
    return value * low, value * high
