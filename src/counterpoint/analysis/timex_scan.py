"""The rule registry and the scanner of the TIMEX3 rules: `rule` registers a pattern with its
normaliser (in `RULES`, in definition order, which breaks ties between overlapping matches), and
`TextScan` runs every rule over one text without each rule trying every position."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional

from counterpoint.analysis.timex_calendar import Context

# Every rule's match starts where this look-behind allows: not inside a word, number or amount.
RULE_START = r"(?<![\w$£€-])"


@dataclass
class Rule:
    name: str
    pattern: re.Pattern
    normalize: Callable[[re.Match, Context], Optional[tuple[str, str]]]
    # the characters a match can start with (a class compiled with the rule's flags), None when the
    # pattern's shape does not tell: see `TextScan`
    first: Optional[re.Pattern] = None


RULES: list[Rule] = []


def rule(name: str, pattern: str, flags=re.I):
    def wrap(fn):
        first = first_char_class(pattern, flags)
        RULES.append(Rule(name, re.compile(RULE_START + r"(?:" + pattern + r")(?![\w%-])", flags), fn,
                          re.compile(first, flags) if first else None))
        return fn
    return wrap


def first_char_class(pattern: str, flags: int) -> Optional[str]:
    """A character class holding every character a match of `pattern` can start with, or None when
    that cannot be read off the parsed pattern (or the pattern can match the empty string)."""
    try:  # the standard library's own pattern parser (private, Python 3.11+): the class is exact
        from re import _constants as C
        from re import _parser as P
    except ImportError:
        return None  # no class: the rule runs without the fast start

    def first_of_seq(items) -> Optional[tuple[list, bool]]:  # (class items, can be empty)
        out = []
        for op, av in items:
            r = first_of_op(op, av)
            if r is None:
                return None
            out += r[0]
            if not r[1]:
                return out, False
        return out, True

    def first_of_op(op, av) -> Optional[tuple[list, bool]]:
        if op is C.LITERAL:
            return [(op, av)], False
        if op is C.IN:
            if any(o is C.NEGATE or (o is C.CATEGORY and a not in CATEGORIES) for o, a in av):
                return None
            return list(av), False
        if op is C.SUBPATTERN:
            if av[1] or av[2]:
                return None  # inline flags change what a class would match
            return first_of_seq(av[3])
        if op is C.BRANCH:
            out, empty = [], False
            for branch in av[1]:
                r = first_of_seq(branch)
                if r is None:
                    return None
                out += r[0]
                empty = empty or r[1]
            return out, empty
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            r = first_of_seq(av[2])
            return None if r is None else (r[0], r[1] or av[0] == 0)
        if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
            return [], True  # consumes nothing: the next item's first character counts
        return None

    CATEGORIES = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_SPACE: r"\s", C.CATEGORY_WORD: r"\w"}
    try:
        r = first_of_seq(P.parse(pattern, flags))
    except Exception:  # noqa: BLE001 - an unfamiliar pattern shape only costs the fast path
        return None
    if r is None or r[1] or not r[0]:
        return None
    parts = set()
    for op, av in r[0]:
        if op is C.LITERAL:
            parts.add(re.escape(chr(av)))
        elif op is C.RANGE:
            parts.add(re.escape(chr(av[0])) + "-" + re.escape(chr(av[1])))
        elif op is C.CATEGORY:
            parts.add(CATEGORIES[av])
        else:
            return None
    return "[" + "".join(sorted(parts)) + "]"


_START_AFTER: dict[int, re.Pattern] = {}  # flags -> the characters a match can start right after


class TextScan:
    """`rule.pattern.finditer(text)` for every rule over one text, without each rule trying every
    position. Python's engine finds no fast start for patterns opening with a look-behind, so each
    rule walked the whole text, position by position: a tenth of the parse's time. A match starts
    only where RULE_START allows and on a character of the rule's `first` class; those positions
    are listed once per text (by their character), and each rule tries its pattern at its own
    candidates only, left to right, resuming after each match, as finditer does."""

    def __init__(self, text: str):
        self.text = text
        self._at: dict[int, dict[str, list[int]]] = {}  # flags -> character -> start positions

    def _starts(self, flags: int) -> dict[str, list[int]]:
        at = self._at.get(flags)
        if at is None:
            stop = _START_AFTER.get(flags)
            if stop is None:
                # the complement of the look-behind's class, under the same flags: exactly the
                # characters after which RULE_START lets a match begin
                stop = _START_AFTER[flags] = re.compile(r"[^\w$£€-]", flags)
            text, at = self.text, {}
            if text:
                at.setdefault(text[0], []).append(0)
            n = len(text)
            for m in stop.finditer(text):
                p = m.end()
                if p < n:
                    at.setdefault(text[p], []).append(p)
            self._at[flags] = at
        return at

    def finditer(self, r: Rule):
        # A case-sensitive pattern already gets a fast start from the engine (it checks the first
        # letter of each alternative before trying it), and trying a pattern at a position from
        # Python costs about what the engine spends on ten positions: those rules, and rules with
        # candidates at more than one position in ten, are left to the engine.
        lists = None
        if r.first is not None and r.pattern.flags & re.IGNORECASE:
            at = self._starts(r.pattern.flags)
            accepts = _ACCEPTS.setdefault(r.name, {})
            lists = [ps for ch, ps in at.items()
                     if (accepts[ch] if ch in accepts else _accepts(r, ch, accepts))]
            if sum(map(len, lists)) * 10 > len(self.text):
                lists = None
        if lists is None:
            yield from r.pattern.finditer(self.text)
            return
        cands = lists[0] if len(lists) == 1 else sorted(p for ps in lists for p in ps)
        text, match, resume = self.text, r.pattern.match, 0
        for p in cands:
            if p < resume:
                continue
            m = match(text, p)
            if m is not None:
                yield m
                resume = m.end()  # never empty: `first` exists only for patterns that consume


_ACCEPTS: dict[str, dict[str, bool]] = {}  # rule name -> character -> whether a match can start with it


def _accepts(r: Rule, ch: str, accepts: dict[str, bool]) -> bool:
    ok = accepts[ch] = r.first.match(ch) is not None
    return ok


def g(m: re.Match, name: str) -> Optional[str]:
    try:
        return m.group(name)
    except IndexError:
        return None
