"""The rule registry and the scanner of the TIMEX3 rules: `rule` registers a pattern with its
normaliser (in `RULES`, in definition order, which breaks ties between overlapping matches), and
`TextScan` runs every rule over one text without each rule trying every position."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional

from counterpoint import settings
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
    # the first two characters a match can start with (compiled with the rule's flags; a prefix
    # the pattern can end after one character accepts any second one), None when not known
    second: Optional[re.Pattern] = None
    # the same for the first PREFIX_LENGTH characters, None when not known
    prefix: Optional[re.Pattern] = None


# How many leading characters of a position `TextScan` reads before trying a rule there. Two let a rule
# starting with 'the' try every 'th' ('this', 'that', 'they'); five tell 'the past' from 'the first'
# and leave about a fifth of the tries of two. The rules' prefixes are followed up to PREFIX_ALTERNATIVES
# alternatives (a rule with more keeps its first two characters).
PREFIX_LENGTH = 5
PREFIX_ALTERNATIVES = 3000


RULES: list[Rule] = []


def rule(name: str, pattern: str, flags=re.I):
    def wrap(fn):
        parsed = _parse(pattern, flags)  # parsed once for the three readings of its start
        first = first_char_class(pattern, flags, parsed)
        second = first_chars(pattern, flags, parsed=parsed) if first else None
        prefix = first_chars(pattern, flags, PREFIX_LENGTH, PREFIX_ALTERNATIVES, parsed) if second else None
        RULES.append(Rule(name, re.compile(RULE_START + r"(?:" + pattern + r")(?![\w%-])", flags), fn,
                          re.compile(first, flags) if first else None,
                          re.compile(second, flags) if second else None,
                          re.compile(prefix, flags) if prefix else None))
        _REGISTERED[name] = RULES[-1]
        return fn
    return wrap


def _parse(pattern: str, flags: int):
    """The standard library's parse of `pattern` (private, Python 3.11+), or None where it is not
    available or fails: the readings below then parse for themselves or give up."""
    try:
        from re import _parser as P
        return P.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - an unfamiliar pattern shape only costs the fast path
        return None


def first_char_class(pattern: str, flags: int, parsed=None) -> Optional[str]:
    """A character class holding every character a match of `pattern` can start with, or None when
    that cannot be read off the parsed pattern (or the pattern can match the empty string).
    `parsed`: the pattern as `_parse` returns it, where the caller has it already."""
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
        r = first_of_seq(parsed if parsed is not None else P.parse(pattern, flags))
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


def first_chars(pattern: str, flags: int, k: int = 2, limit: int = 400, parsed=None) -> Optional[str]:
    """A pattern matching (at the start of a string) every run of `k` characters a match of `pattern`
    can start with: an alternation of k classes in a row, or fewer where a match can end after
    fewer characters (the next character is then the rule's closing look-ahead's business).
    Look-arounds and anchors are passed over (what follows them is a superset); None when the
    pattern's shape is not followed here or there are more than `limit` alternatives."""
    try:
        from re import _constants as C
        from re import _parser as P
    except ImportError:
        return None
    CATEGORIES = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_SPACE: r"\s", C.CATEGORY_WORD: r"\w"}

    class GiveUp(Exception):
        pass

    def one_char(op, av) -> Optional[str]:  # a class string for a one-character item, else None
        items = [(op, av)] if op is not C.IN else list(av)
        if op not in (C.LITERAL, C.IN):
            return None
        parts = []
        for o, a in items:
            if o is C.LITERAL:
                parts.append(re.escape(chr(a)))
            elif o is C.RANGE:
                parts.append(re.escape(chr(a[0])) + "-" + re.escape(chr(a[1])))
            elif o is C.CATEGORY and a in CATEGORIES:
                parts.append(CATEGORIES[a])
            else:
                raise GiveUp
        return "[" + "".join(parts) + "]"

    def prefixes(items: list, k: int) -> set[tuple[str, ...]]:
        """Every sequence of up to k classes a match of `items` (then anything) starts with;
        a sequence shorter than k: a match can end there."""
        if k == 0 or not items:
            return {()}
        (op, av), rest = items[0], items[1:]
        cls = one_char(op, av)
        if cls is not None:
            return {(cls,) + p for p in prefixes(rest, k - 1)}
        if op is C.SUBPATTERN:
            if av[1] or av[2]:
                raise GiveUp
            return prefixes(list(av[3]) + rest, k)
        if op is C.BRANCH:
            out: set = set()
            for branch in av[1]:
                out |= prefixes(list(branch) + rest, k)
                if len(out) > limit:
                    raise GiveUp
            return out
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            lo, hi, body = av
            out = set()
            if lo == 0:
                out |= prefixes(rest, k)
            if hi != 0:
                again = [] if hi == 1 else [(op, (max(lo - 1, 0), hi - 1 if hi != C.MAXREPEAT else hi, body))]
                out |= prefixes(list(body) + again + rest, k)
            if len(out) > limit:
                raise GiveUp
            return out
        if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
            return prefixes(rest, k)
        raise GiveUp

    try:
        found = prefixes(list(parsed if parsed is not None else P.parse(pattern, flags)), k)
    except (GiveUp, RecursionError):
        return None
    except Exception:  # noqa: BLE001 - an unfamiliar pattern shape only costs the fast path
        return None
    if not found or any(len(p) == 0 for p in found):
        return None
    return _trie(found)


def _trie(seqs: set[tuple[str, ...]]) -> str:
    """The alternation of the sequences of classes, as a tree on their first classes ('[t](?:[h]...|[o]...)'):
    the same strings match (at the start of a string), but the engine tries each class once instead of
    once per sequence holding it, which made thousands of alternatives slow to try. A sequence that ends
    (a match can end there) accepts whatever follows."""
    if () in seqs:
        return ""
    by: dict[str, set[tuple[str, ...]]] = {}
    for p in seqs:
        by.setdefault(p[0], set()).add(p[1:])
    alts = [cls + _trie(rest) for cls, rest in sorted(by.items())]
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


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
        self._by_pair: dict[tuple[int, str], dict[str, list[int]]] = {}  # (flags, character) -> two characters -> positions
        self._lists: dict[int, dict[str, list[list[int]]]] = {}  # flags -> rule name -> its lists of candidates

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

    def _pairs(self, flags: int, ch: str, starts: list[int]) -> dict[str, list[int]]:
        """The start positions of one first character, by their first two characters."""
        key = (flags, ch)
        by = self._by_pair.get(key)
        if by is None:
            text, by = self.text, {}
            for p in starts:
                by.setdefault(text[p:p + 2], []).append(p)
            self._by_pair[key] = by
        return by

    def _candidates(self, r: Rule) -> list[list[int]]:
        """The start positions `r` may match at, as lists (one per character or pair of characters)."""
        at = self._starts(r.pattern.flags)
        accepts = _ACCEPTS.setdefault(r.name, {})
        chars = [(ch, ps) for ch, ps in at.items()
                 if (accepts[ch] if ch in accepts else _accepts(r, ch, accepts))]
        if r.second is None:
            return [ps for _ch, ps in chars]
        pairs = _ACCEPTS2.setdefault(r.name, {})
        lists = []
        for ch, ps in chars:
            for pair, qs in self._pairs(r.pattern.flags, ch, ps).items():
                ok = pairs.get(pair)
                if ok is None:
                    ok = pairs[pair] = r.second.match(pair) is not None
                if ok:
                    lists.append(qs)
        return lists

    def _all_candidates(self, flags: int) -> dict[str, list[list[int]]]:
        """The start positions of every registered rule with these flags, from one pass over the
        text's pairs of first characters: each pair knows the rules that may start with it
        (`_RULES_OF_PAIR`), so a rule costs its own candidates, not a look at every character of
        the text (which made this loop cost as much as trying the candidates). Where a rule's first
        PREFIX_LENGTH characters are known, the pair's positions are narrowed by those (`_narrowed`)."""
        lists = self._lists.get(flags)
        if lists is None:
            lists = self._lists[flags] = {}
            fast = [r for r in RULES if _fast(r) and r.pattern.flags == flags]
            if not fast:
                return lists
            names = _RULES_OF_PAIR.setdefault(flags, {})
            for ch, ps in self._starts(flags).items():
                for pair, qs in self._pairs(flags, ch, ps).items():
                    rules = names.get(pair)
                    if rules is None:
                        rules = names[pair] = tuple(r for r in fast if _accepts_pair(r, pair))
                    if not rules:
                        continue
                    if not any(r.prefix is not None for r in rules):
                        for r in rules:
                            lists.setdefault(r.name, []).append(qs)
                        continue
                    for name, positions in self._narrowed(flags, rules, qs):
                        lists.setdefault(name, []).append(positions)
        return lists

    def _narrowed(self, flags: int, rules: tuple[Rule, ...], positions: list[int]):
        """(rule name, positions) for the rules whose first PREFIX_LENGTH characters fit, over the
        positions of one pair grouped by their first PREFIX_LENGTH characters (each group in text order)."""
        text, k = self.text, PREFIX_LENGTH
        by: dict[str, list[int]] = {}
        for p in positions:
            by.setdefault(text[p:p + k], []).append(p)
        known = _RULES_OF_PREFIX.setdefault(flags, {})
        if len(known) > PREFIX_CACHE:  # a bound on memory over a long corpus: start again
            known.clear()
        for head, ps in by.items():
            names = known.get(head)
            if names is None:
                names = known[head] = tuple(r.name for r in rules if r.prefix is None or r.prefix.match(head))
            for name in names:
                yield name, ps

    def finditer(self, r: Rule):
        # A case-sensitive pattern already gets a fast start from the engine (it checks the first
        # letter of each alternative before trying it), and trying a pattern at a position from
        # Python costs about what the engine spends on ten positions: those rules, and rules with
        # candidates at more than one position in ten, are left to the engine. Where the rule's
        # first characters are known (two, or PREFIX_LENGTH), only the positions they fit are tried.
        lists = None
        if _fast(r):
            if _REGISTERED.get(r.name) is r:
                lists = self._all_candidates(r.pattern.flags).get(r.name, [])
            else:  # a rule made outside the registry: its own pass over the characters
                lists = self._candidates(r)
            if sum(map(len, lists)) * 10 > len(self.text):
                lists = None
        if lists is None:
            yield from r.pattern.finditer(self.text)
            return
        if not lists:
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
_ACCEPTS2: dict[str, dict[str, bool]] = {}  # rule name -> two characters -> whether a match can start with them
_RULES_OF_PAIR: dict[int, dict[str, tuple[Rule, ...]]] = {}  # flags -> two characters -> rules that may start so
_REGISTERED: dict[str, Rule] = {}  # rule name -> the rule of RULES (filled by `rule`)
# flags -> first PREFIX_LENGTH characters -> the rules that may start so (of those its pair allows)
_RULES_OF_PREFIX: dict[int, dict[str, tuple[str, ...]]] = {}
PREFIX_CACHE = settings.TIMEX_PREFIX_CACHE


def _fast(r: Rule) -> bool:
    """Whether `TextScan` lists the rule's candidate positions itself (see `TextScan.finditer`)."""
    return r.first is not None and bool(r.pattern.flags & re.IGNORECASE)


def _accepts_pair(r: Rule, pair: str) -> bool:
    """What `_candidates` asks of a position's first character, and of its first two when known."""
    accepts = _ACCEPTS.setdefault(r.name, {})
    ch = pair[0]
    if not (accepts[ch] if ch in accepts else _accepts(r, ch, accepts)):
        return False
    if r.second is None:
        return True
    pairs = _ACCEPTS2.setdefault(r.name, {})
    ok = pairs.get(pair)
    if ok is None:
        ok = pairs[pair] = r.second.match(pair) is not None
    return ok


def _accepts(r: Rule, ch: str, accepts: dict[str, bool]) -> bool:
    ok = accepts[ch] = r.first.match(ch) is not None
    return ok


def g(m: re.Match, name: str) -> Optional[str]:
    try:
        return m.group(name)
    except IndexError:
        return None
