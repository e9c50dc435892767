"""Temporal expressions (TimeML TIMEX3) and the dated happenings of one account.

`extract(doc, account)` tags every temporal expression with the rules of `timex_rules`, normalises
it against the account's reference date (its publication date, or the latest full date written in
the text), lets the tense of the clause choose between past and future readings ("announced in
December" -> the previous December, "will host the summit in December" -> the coming one), and
turns each dated DATE/TIME expression in a sentence that describes a happening into a
`TimelineEntry`.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc, Span as SpacySpan, Token

from counterpoint.analysis import timex_rules as R
from counterpoint.analysis.docindex import index_of
from counterpoint.records import Account, TimelineEntry, Timex

FUTURE_AUX = {"will", "'ll", "shall", "wo"}
MODAL_FUTURE = {"may", "might", "should", "must", "can", "ca"}
MODAL_OPEN = {"would", "could", "'d"}  # future-in-the-past or hypothetical: no reading either way
# verbs and adjectives whose complement lies ahead of them ('expected to meet on Friday', 'a planned visit')
PROSPECTIVE = {"expect", "plan", "schedule", "set", "due", "intend", "hope", "aim", "prepare", "propose",
               "invite", "agree", "promise", "pledge", "vow", "want", "seek", "arrange", "upcoming", "planned",
               "forthcoming", "scheduled", "expected", "proposed", "future", "next", "likely", "slate", "poise",
               "deadline", "postpone", "delay", "extend", "await", "look"}
# verbs after which an infinitive names something still to come ('voted to close the plant in May')
INFINITIVE_AHEAD = {"decide", "vote", "order", "threaten", "offer", "ask", "urge", "require", "call", "be",
                    "need", "have", "go", "get", "move", "choose", "elect", "resolve", "authorize", "allow"}
# verbs whose own time is the planned one: 'has scheduled a news conference Thursday'
PLANNING = {"schedule", "plan", "slate", "postpone", "delay", "extend", "reschedule", "set"}
# reporting verbs in the present tense ('Reuters says Tuesday') report what was said before
REPORTING = {"say", "tell", "report", "announce", "state", "add", "note", "claim", "insist", "confirm", "deny",
             "write", "declare", "warn", "accuse", "urge", "quote"}
# leading words that point the way but are not part of a TimeML extent
LEADING_PREPOSITIONS = re.compile(r"^(?:on|since|until|till|by|in|during|for|at|from|of|before|after)\s+", re.I)

# rules that name a quarter themselves (not 'a year earlier', which only shifts one)
EXPLICIT_QUARTER_RULES = {"quarter", "quarter_rel"}
QUARTER_REACH = 800  # characters: about the paragraph that named the quarter
RANGE_JOIN = re.compile(r"\s*(?:and|to|until|till|through|-|–|—)\s*(?:(?:early|late|mid)[\s-]+)?", re.I)
RANGE_OPEN = re.compile(r"\b(?:between|from)\s+(?:(?:early|late|mid)[\s-]+)?$", re.I)
DATE_VALUE = re.compile(r"^(\d{4})(?:-(\d\d))?(?:-(\d\d))?$")


@dataclass
class Candidate:
    start: int
    end: int
    rule: R.Rule
    match: re.Match


class TokenIndex:
    """Character offset -> spaCy token, for the tags and the parse around a match."""

    def __init__(self, doc: Doc):
        self.doc = doc
        ix = index_of(doc)  # token offsets and Token objects made once per Doc, not per lookup
        self.starts = ix.idx
        self.token = ix.token
        self.token_range = ix.token_range

    def at(self, offset: int) -> Optional[Token]:
        if not self.starts:
            return None
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.token(max(i, 0))

    def inside(self, start: int, end: int) -> list[Token]:
        i = bisect.bisect_left(self.starts, start)
        j = bisect.bisect_left(self.starts, end)
        return self.token_range(i, j)

    def before(self, start: int) -> Optional[Token]:
        i = bisect.bisect_left(self.starts, start) - 1
        return self.token(i) if i >= 0 else None

    def after(self, end: int) -> Optional[Token]:
        i = bisect.bisect_left(self.starts, end)
        return self.token(i) if i < len(self.starts) else None


# ---------------------------------------------------------------- tense

def _verb_tense(verb: Token) -> Optional[str]:
    """Tense of one verb from its own tag and its auxiliaries: past, present, future, 'open' (a
    modal such as 'would' that fixes nothing) or None (an infinitive, which takes the time of the
    verb that governs it)."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & FUTURE_AUX:
        return "future"
    if any(a.lower_ == "going" for a in auxes) or (verb.lower_ == "going" and any(c.tag_ == "TO" for c in verb.children)):
        return "future"
    if words & (MODAL_OPEN | MODAL_FUTURE) and "have" in words and verb.tag_ == "VBN":
        return "past"  # 'may have been', 'would have fallen': a modal perfect looks back
    if words & MODAL_OPEN:
        return "open"
    if words & MODAL_FUTURE:
        return "future"
    if any(a.tag_ == "TO" for a in auxes):
        return None
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod") and not auxes:
        if verb.lemma_ in PLANNING and (verb.lemma_ != "set" or any(c.lower_ == "for" for c in verb.children)):
            return "future"  # 'a summit set for April', 'talks scheduled for Friday' (not 'a record set on May 6')
        return "past"  # reduced relative: 'the injunction issued Thursday'
    if any(a.tag_ == "VBD" for a in auxes) or any(a.lower_ in ("had", "was", "were", "did") for a in auxes):
        return "past"
    if any(a.lower_ in ("has", "have", "'ve") for a in auxes):
        return "past"  # present perfect reports something done
    if verb.tag_ == "VBD":
        return "past"
    if verb.tag_ in ("VBZ", "VBP"):
        if verb.lemma_ in REPORTING:
            return "past"
        if verb.lemma_ in ("be", "have") and any(c.dep_ == "xcomp" and any(a.tag_ == "TO" for a in c.children)
                                                  for c in verb.children):
            return "future"  # 'is to resume trading Tuesday', 'has to file by May'
        if verb.lemma_ in ("be", "have") and not any(c.dep_ in ("xcomp",) or c.lemma_ in PROSPECTIVE for c in verb.children):
            return "stative"
        # a dynamic present with a date mostly announces a scheduled thing ('China hosts APEC in
        # November'), but headlines and mis-tagged past forms use it too: a weak cue
        return "scheduled"
    if verb.tag_ == "VBG" and any(a.lower_ in ("is", "are", "am", "'s", "'re") for a in auxes):
        return "future"  # 'is hosting the summit in December'
    if verb.tag_ == "VBN" and any(a.lower_ in ("is", "are", "'s", "'re", "be") for a in auxes):
        return "stative" if verb.lemma_ not in PROSPECTIVE else "future"
    if verb.tag_ == "MD":
        return "future" if verb.lower_ in FUTURE_AUX | MODAL_FUTURE else "open"
    return None


def _object_is_prospective(verb: Token, timex_tokens: list[Token]) -> bool:
    """The verb's object is a planned thing ('a planned visit', 'the upcoming summit') standing
    right before the expression, so the date may belong to it."""
    first = timex_tokens[0].i
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubjpass", "attr") and c.i < first:
            if any(m.dep_ == "amod" and m.lemma_.lower() in PROSPECTIVE for m in c.children):
                return True
    return False


def clause_tense(tokens: list[Token]) -> tuple[Optional[str], bool]:
    """The tense that should decide the reading of a timex, and whether it is a strong cue.

    Walks up the parse from the expression to the verb governing it. An infinitive on the way
    ('agreed to hold talks in December') or a prospective word ('a planned visit in April',
    'expected to') points ahead; a modal like 'would' leaves the reading open. The cue is strong
    when the expression modifies the verb directly, weak when it reaches it through a noun."""
    if not tokens:
        return None, False
    span_ids = {t.i for t in tokens}
    node = next((t for t in tokens if t.head.i not in span_ids or t.head.i == t.i), tokens[0])
    prospective = False
    ahead_by_infinitive = False   # 'invited him to visit in the autumn': the infinitive's own time is ahead
    through_noun = False
    for _ in range(12):
        head = node.head
        if head.i == node.i:
            break
        child, node = node, head
        # a prospective noun or adjective on the way ('the planned visit', 'the deadline'); a verb's
        # own lemma counts only through the infinitive it governs ('expected to meet')
        if node.pos_ not in ("VERB", "AUX") and (node.lemma_.lower() in PROSPECTIVE or any(
                c.dep_ == "amod" and c.lemma_.lower() in PROSPECTIVE for c in node.children)):
            prospective = True
        if node.pos_ in ("NOUN", "PROPN", "ADJ", "NUM") and child.dep_ not in ("npadvmod",):
            through_noun = True
        if node.pos_ not in ("VERB", "AUX"):
            continue
        if _object_is_prospective(node, tokens):
            prospective = True  # 'discussed a planned visit to Beijing in April': the PP may hang off either
        tense = _verb_tense(node)
        if tense is None:
            # an infinitive looks ahead of the verb that governs it when that verb plans or
            # expects ('agreed to meet in May'); after 'began', 'tried', 'continued' it does not
            if (any(c.tag_ == "TO" for c in node.children) or node.dep_ == "xcomp") and \
                    node.head.lemma_.lower() in PROSPECTIVE | INFINITIVE_AHEAD:
                prospective = True
                ahead_by_infinitive = not through_noun
            continue  # an infinitive: ask the governing verb
        if tense == "open":
            return "open", False
        if tense == "scheduled":
            # a dynamic present is a weak cue, unless the date modifies an infinitive that the verb
            # points ahead ('we call on our supporters to join a rally on Saturday')
            return "future", ahead_by_infinitive
        if tense == "stative":
            return ("future", ahead_by_infinitive) if prospective else (None, False)
        if prospective:
            if tense == "past" and node.lemma_ not in PLANNING:
                # planned in the past, happening after that: likely still ahead; certainly so when
                # the date modifies the infinitive itself ('invited her to visit Tyrvik in the autumn')
                return "future", ahead_by_infinitive
            return "future", not through_noun
        if tense == "past" and node.lemma_ in PLANNING and not through_noun and child.dep_ in ("npadvmod", "prep", "dobj"):
            return "future", False
        return tense, not through_noun
    if prospective:
        return "future", False
    return None, False


# ---------------------------------------------------------------- reference date

def reference_date(account: Account, text: Optional[str] = None,
                   scan: Optional[R.TextScan] = None) -> Optional[dt.date]:
    """The account's publication date; failing that, the latest full date written in its text."""
    if account.published:
        try:
            return dt.date.fromisoformat(account.published[:10])
        except ValueError:
            pass
    return latest_full_date(text if text is not None else account.text, scan)


def latest_full_date(text: str, scan: Optional[R.TextScan] = None) -> Optional[dt.date]:
    ctx = R.Context(ref=None)
    found = []
    scan = scan if scan is not None and scan.text == text else R.TextScan(text)
    for r in R.RULES:
        if r.name not in ("iso_date", "month_day", "month_day_i", "day_month", "slash_date"):
            continue
        for m in scan.finditer(r):
            if r.name != "iso_date" and r.name != "slash_date" and not R.g(m, "y"):
                continue
            ctx.tags_in = []
            try:
                out = r.normalize(m, ctx)
            except (ValueError, KeyError):
                out = None
            if out and DATE_VALUE.match(out[1][:10]) and len(out[1]) >= 10:
                try:
                    found.append(dt.date.fromisoformat(out[1][:10]))
                except ValueError:
                    pass
    return max(found) if found else None


# ---------------------------------------------------------------- tagging

def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    lead = LEADING_PREPOSITIONS.match(text[start:end])
    if lead and end - start - lead.end() > 2:
        start += lead.end()
    return start, end


def _context(idx: TokenIndex, text: str, start: int, end: int, ref: Optional[dt.date]) -> R.Context:
    inside = idx.inside(start, end)
    before, after = idx.before(start), idx.after(end)
    tense, strong = clause_tense(inside)
    return R.Context(ref=ref, tense=tense, strong=strong,
                     tag_before=before.tag_ if before is not None else "",
                     tag_after=after.tag_ if after is not None else "",
                     word_before=before.text if before is not None else "",
                     word_after=after.text if after is not None else "",
                     text_before=text[max(0, start - 24):start],
                     tags_in=[t.tag_ for t in inside])


def _normalize(c: Candidate, ctx: R.Context) -> Optional[tuple[str, str]]:
    try:
        return c.rule.normalize(c.match, ctx)
    except (ValueError, KeyError, OverflowError):
        return None  # an impossible calendar date written in the text ('February 30'): not a timex


def _as_when(value: str) -> Optional[R.When]:
    m = re.match(r"^(\d{4})(?:-(?:(\d\d)(?:-(\d\d))?|W(\d\d)|Q(\d)|H(\d)|(SP|SU|FA|WI)))?(?:T.*)?$", value)
    if not m:
        return None
    y = int(m.group(1))
    try:
        if m.group(3):
            return R.When(y, int(m.group(2)), int(m.group(3)))
        if m.group(2):
            return R.When(y, int(m.group(2)))
        if m.group(4):
            return R.When(y, week=int(m.group(4)))
        if m.group(5):
            return R.When(y, quarter=int(m.group(5)))
        if m.group(6):
            return R.When(y, half=int(m.group(6)))
        if m.group(7):
            return R.When(y, season=m.group(7))
    except ValueError:
        return None
    return R.When(y)


def tag(doc: Doc, text: str, ref: Optional[dt.date],
        scan: Optional[R.TextScan] = None) -> list[tuple[int, int, str, str]]:
    """(start, end, type, value) of every temporal expression in `text` (the text `doc` parses)."""
    idx = TokenIndex(doc)
    cands: list[tuple[Candidate, R.Context]] = []
    scan = scan if scan is not None and scan.text == text else R.TextScan(text)
    for r in R.RULES:
        for m in scan.finditer(r):
            s, e = _trim(text, m.start(), m.end())
            if e <= s:
                continue
            c = Candidate(s, e, r, m)
            ctx = _context(idx, text, s, e, ref)
            # anaphoric rules ('that year', 'the next morning') need an earlier date, known only
            # once the kept expressions are read in order: the day before the reference stands in for it here
            ctx.last = R.day(ref - dt.timedelta(days=1)) if ref is not None else None
            if _normalize(c, ctx) is None:
                continue
            ctx.last = None
            cands.append((c, ctx))
    # longest first, then the rule listed first; keep those that overlap nothing kept
    cands.sort(key=lambda x: (-(x[0].end - x[0].start), R.RULE_ORDER[x[0].rule.name], x[0].start))
    kept: list[tuple[Candidate, R.Context]] = []
    taken: list[tuple[int, int]] = []
    for c, ctx in cands:
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        kept.append((c, ctx))
        taken.append((c.start, c.end))
    kept.sort(key=lambda x: x[0].start)
    out = []
    offsets: set[int] = set()
    last: Optional[R.When] = None
    last_quarter: Optional[R.When] = None
    quarter_at = 0
    for c, ctx in kept:
        # a fiscal quarter anchors 'a year earlier', 'the period' only while the story is still
        # about it; several sentences on, the comparison is with the year
        recent_quarter = last_quarter if last_quarter is not None and c.start - quarter_at <= QUARTER_REACH else None
        ctx.last, ctx.last_quarter = last, recent_quarter
        res = _normalize(c, ctx)
        if res is None:
            continue
        typ, value = res
        if c.rule.name == "ago" and _ANAPHORIC_OFFSET.fullmatch(c.match["dir"] or ""):
            offsets.add(len(out))
        out.append((c.start, c.end, typ, value))
        w = _as_when(value)
        if w is not None and typ in ("DATE", "TIME"):
            last = w
            if w.gran == "quarter" and c.rule.name in EXPLICIT_QUARTER_RULES:
                last_quarter = w
            if w.gran == "quarter":
                quarter_at = c.end
    return _share_range_year(text, _restated_offsets(text, out, offsets))


# 'six days later' / '15 days earlier': an offset from the date the story last gave
_ANAPHORIC_OFFSET = re.compile(r"earlier|later|before|after", re.I)
# what may stand between an offset and the date it restates: a comma, a colon or a dash, 'on'
_APPOSITION = re.compile(r"\s*[,:;–—-]?\s*(?:on\s+)?", re.I)
_DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}$")


def _restated_offsets(text: str, found: list[tuple[int, int, str, str]],
                      offsets: set[int]) -> list[tuple[int, int, str, str]]:
    """An offset set beside a date ('detected the intrusion on 17 February, 15 days earlier',
    '5 March, six days later', 'two weeks later, on 2 March') restates that date, whatever date
    came before: it takes the date's value."""
    out = list(found)
    for k in sorted(offsets):
        s, e, typ, _ = out[k]
        for j in (k - 1, k + 1):
            if not 0 <= j < len(out) or j in offsets:
                continue
            s2, e2, typ2, value2 = out[j]
            between = text[e2:s] if j < k else text[e:s2]
            if typ2 == "DATE" and _DAY_VALUE.match(value2) and _APPOSITION.fullmatch(between):
                out[k] = (s, e, typ, value2)
                break
    return out


def _share_range_year(text: str, found: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """'between March and May 2020': the year written once at the end belongs to both months."""
    out = list(found)
    for k in range(len(out) - 1):
        s1, e1, t1, v1 = out[k]
        s2, e2, t2, v2 = out[k + 1]
        m1, m2 = re.fullmatch(r"(?:\d{4}|XXXX)-(\d\d)", v1), re.fullmatch(r"(\d{4})-(\d\d)", v2)
        if not (m1 and m2 and re.search(r"\d{4}\s*$", text[s2:e2])):
            continue
        if re.search(r"\d{4}", text[s1:e1]) or not RANGE_JOIN.fullmatch(text[e1:s2]):
            continue
        if not RANGE_OPEN.search(text[max(0, s1 - 12):s1]):
            continue
        year = int(m2.group(1)) - (1 if int(m1.group(1)) > int(m2.group(2)) else 0)
        out[k] = (s1, e1, t1, f"{year:04d}-{m1.group(1)}")
    return out


# ---------------------------------------------------------------- timeline

def timeline_date(value: str) -> Optional[str]:
    """A TimeML value as an ISO date at the precision the text gives (year, month or day), or
    None for values that do not place a happening on the calendar (PRESENT_REF, decades)."""
    m = DATE_VALUE.match(value[:10])
    if m and "T" not in value[:10]:
        return value[:10] if len(value) >= 10 else value[: len(m.group(0))]
    w = _as_when(value)
    if w is None:
        return None
    if w.gran == "week":  # the month holding most of the week (its Thursday, as ISO weeks count)
        thursday = w.first_day() + dt.timedelta(days=3)
        return f"{thursday.year:04d}-{thursday.month:02d}"
    if w.gran in ("quarter", "half", "season"):
        return f"{w.year:04d}"
    return None


def _sentence_for(doc: Doc, start: int, end: int) -> Optional[SpacySpan]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return index_of(doc).sent_of(span.start)


def _describes_happening(sent: SpacySpan, start: int, end: int) -> bool:
    """A sentence with a verb outside the timex itself (not a bare dateline or a caption stamp)."""
    ix = index_of(sent.doc)  # read off the token arrays: no Token objects for a yes/no
    pos, idx = ix.pos, ix.idx
    span = range(sent.start, sent.end)
    return any(pos[i] in ("VERB", "AUX") and not (start <= idx[i] < end) for i in span) or \
        any(pos[i] == "NOUN" for i in span if not (start <= idx[i] < end)) and len(sent) > 4


def _tense_word(tense: Optional[str], date: str, ref: Optional[dt.date]) -> Optional[str]:
    """past / present / future of a dated happening: the clause's tense, unless the date itself
    settles it. A date wholly before the reference date is past whatever the clause says ('the crew,
    detained last month', under 'urged Norland to release')."""
    if ref is not None and tense in ("future", "present") and date < ref.isoformat()[: len(date)]:
        return "past"
    if tense in ("past", "future", "present"):
        return tense
    if ref is None:
        return None
    if date < ref.isoformat()[: len(date)]:
        return "past"
    if date > ref.isoformat()[: len(date)]:
        return "future"
    return "present"


def events(doc: Doc, account: Account, timexes: list[Timex], ref: Optional[dt.date]) -> list[TimelineEntry]:
    """One entry per dated DATE/TIME expression in a sentence that describes a happening. When a
    sentence carries several dates, each entry's text is the clause its expression belongs to."""
    dated = []
    for t in timexes:
        if t.type not in ("DATE", "TIME"):
            continue
        date = timeline_date(t.value)
        if date is None or "X" in date:
            continue
        sent = _sentence_for(doc, t.start, t.end)
        if sent is None or not _describes_happening(sent, t.start, t.end):
            continue
        dated.append((t, date, sent))
    per_sentence: dict[int, set[str]] = {}
    for t, date, sent in dated:
        per_sentence.setdefault(sent.start, set()).add(date)
    # 'the 2026 strategy, published last month': the month refines the year; one happening
    dated = [(t, date, sent) for t, date, sent in dated
             if not any(other != date and other.startswith(date + "-") for other in per_sentence[sent.start])]
    per_sentence = {}
    for t, date, sent in dated:
        per_sentence.setdefault(sent.start, set()).add(date)
    # 'between December and early January', 'from March to May': one happening over a range,
    # dated by its start, with the end recorded
    range_end: dict[int, str] = {}
    dropped: set[int] = set()
    for k in range(len(dated) - 1):
        (t1, d1, s1), (t2, d2, s2) = dated[k], dated[k + 1]
        if s1.start != s2.start or d2 < d1:
            continue
        between = account.text[t1.end:t2.start]
        before = account.text[max(s1.start_char, t1.start - 12):t1.start]
        if RANGE_JOIN.fullmatch(between) and RANGE_OPEN.search(before):
            range_end[id(t1)] = d2
            dropped.add(id(t2))
    dated = [x for x in dated if id(x[0]) not in dropped]
    per_sentence = {}
    for t, date, sent in dated:
        per_sentence.setdefault(sent.start, set()).add(date)
    out: list[TimelineEntry] = []
    seen: set[tuple[int, str]] = set()
    idx = TokenIndex(doc)
    for t, date, sent in dated:
        key = (sent.start, date)
        if key in seen:
            continue
        seen.add(key)
        start, end = sent.start_char, sent.end_char
        if len(per_sentence[sent.start]) > 1:
            start, end = _clause_bounds(doc, sent, t.start, t.end)
        while end > start and account.text[end - 1].isspace():
            end -= 1
        tense, _ = clause_tense(idx.inside(t.start, t.end))
        out.append(TimelineEntry(date=date, end=range_end.get(id(t)), text=account.text[start:end].strip(), accounts=[account.id],
                                 tense=_tense_word(tense, date, ref), evidence=[account.span(start, end)]))
    return out


def _clause_bounds(doc: Doc, sent: SpacySpan, start: int, end: int) -> tuple[int, int]:
    """The clause an expression sits in: the subtree of the nearest verb governing it that is not
    the sentence root (or the whole sentence when it hangs off the root)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    node = span.root
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX") and node.dep_ in ("ccomp", "advcl", "relcl", "conj", "xcomp", "acl", "pcomp"):
            toks = list(node.subtree)
            if len(toks) >= 4:
                return toks[0].idx, toks[-1].idx + len(toks[-1])
    return sent.start_char, sent.end_char


def extract(doc: Doc, account: Account) -> tuple[list[Timex], list[TimelineEntry]]:
    text = account.text
    scan = R.TextScan(text)  # the rules' start positions, listed once for both passes over the text
    ref = reference_date(account, text, scan)
    out = []
    for start, end, typ, value in tag(doc, text, ref, scan):
        span = account.span(start, end)
        out.append(Timex(account=account.id, start=start, end=end, text=span.text, type=typ, value=value,
                         source_start=span.source_start, source_end=span.source_end))
    return out, events(doc, account, out, ref)
