"""The divergence brief: what each party said that the other did not, where they disagree, what
both say, what each stressed and in what tone — the few findings a reader needs first.

The brief selects and ranks what the comparison already found; it decides no status. Per party:

- 'What A said that B did not': A's one-sided claims, one line per proposition (claims of one
  `group` are one line, with evidence in every account that carries it), ranked by salience:
  place in the party's own readout (earlier ranks higher), the party's salience markers in the
  sentence ('the most important issue', data/brief.yaml), repetition across accounts, and press
  sentences that single it out ('no mention of ...', the claim's status evidence). Claims from a
  party's own readout, whole propositions and claims whose status rests on evidence rank first;
  fragments and over-long sentences rank last.
- 'Where they disagree': contradicted claims and conflicting figures, each side's version.
- 'What both say': corroborated claims, shortest list.
- 'Emphasis': the party's leading topics and its own salience markers.
- 'Tone': one line from the party's tone score and the words that carry it.

At most LIMIT items per party and section are shown; the rest are kept, ranked, in `more`.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice
from importlib import resources
from typing import TYPE_CHECKING, Optional

from counterpoint import settings, yamlfast
from counterpoint.analysis.stances import SPEECH_STANCES, STANCE
from counterpoint.compare.voice import REPORTING_VERBS, PartyLexicon, build_lexicon, claim_lexicon, parse_of
from counterpoint.parsed import ParsedDoc
from counterpoint.records import (Account, Brief, BriefDisagreement, BriefItem, BriefParty, Claim, Figure, Span,
                                  Tone, Topic)

if TYPE_CHECKING:
    from counterpoint.analysis.pipeline import AccountAnalysis

LIMIT = settings.BRIEF_ITEMS
MAX_SENTENCE = settings.BRIEF_SENTENCE_CHARS  # characters of a sentence shown around a claim before it is cut
MIN_WORDS = 5          # a claim of fewer words is a phrase, ranked last
MAX_WORDS = 60
MAX_FIGURE_DISAGREEMENTS = settings.BRIEF_FIGURE_DISAGREEMENTS  # pairs listed (each pair is also in `figures`)
LEADING_TOPICS = settings.BRIEF_LEADING_TOPICS
MIN_SCORE = 0.25       # below this a one-sided claim stays out of the brief (one click away, under 'more')

_OPEN, _CLOSE = "\u201c", "\u201d"
# A claim whose subject is both parties ('the two sides agreed', 'both leaders discussed') tells
# what they did together: it is rarely what one side said and the other did not.
_JOINT = re.compile(r"^(?:\W*\w+\W+){0,4}?(?:both|the two|two)\s+(?:\w+\s+)?(?:sides?|leaders?|countries|nations|"
                    r"governments|presidents|ministers|parties|delegations|heads|men)\b|^\W*(?:the two|both)\b", re.I)


@lru_cache(maxsize=1)
def _data() -> dict:
    return yamlfast.safe_load(resources.files("counterpoint.data").joinpath("brief.yaml").read_text("utf-8"))


@lru_cache(maxsize=1)
def _marker_pattern() -> re.Pattern:
    words = sorted(_data()["salience_markers"], key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.I)


def tone_word(score: float) -> str:
    for row in _data()["tone_words"]:
        if score >= row["min"]:
            return row["word"]
    return _data()["tone_words"][-1]["word"]


# ---------------------------------------------------------------- readable lines

def balance_quotes(text: str, highlight: Optional[tuple[int, int]] = None) -> tuple[str, Optional[tuple[int, int]]]:
    """Close an opened quotation (or open a closed one) so every line reads with balanced marks;
    the highlight offsets follow the text."""
    shift = 0
    depth, unopened = 0, 0
    for ch in text:
        if ch == _OPEN:
            depth += 1
        elif ch == _CLOSE:
            if depth:
                depth -= 1
            else:
                unopened += 1
    if unopened:
        text, shift = _OPEN * unopened + text, unopened
    if depth:
        text = text.rstrip() + _CLOSE * depth
    if text.count('"') % 2:
        if text.lstrip().startswith('"') or text.index('"') > len(text) / 2:
            text = text + '"'
        else:
            text, shift = '"' + text, shift + 1
    if highlight is not None:
        highlight = (highlight[0] + shift, min(highlight[1] + shift, len(text)))
    return text, highlight


def _sentence_of(account: Account, span: Span, doc: Optional[ParsedDoc]) -> Optional[Span]:
    """The sentence (by the account's parse) around a claim's span; None when it cannot be found."""
    if doc is None:  # no parse, no sentence: the claim alone is shown
        return None
    first = last = None
    for sent in doc.sents:
        s, e = sent.start_char, sent.end_char
        if e <= span.start:
            continue
        if s >= span.end:
            break
        first = s if first is None else first
        last = e
    if first is None:
        return None
    text = account.text[first:last]
    lead = len(text) - len(text.lstrip())
    first, last = first + lead, first + len(text.rstrip())
    if last - first > MAX_SENTENCE:
        return None
    return account.span(first, last)


def _line(claim: Claim, accounts: dict[str, Account],
          docs: dict[str, ParsedDoc]) -> tuple[str, Optional[tuple[int, int]], Optional[Span]]:
    """The claim's whole sentence with the claim's offsets in it, quotation marks balanced."""
    ev = claim.evidence[0] if claim.evidence else None
    account = accounts.get(ev.account) if ev else None
    sentence = _sentence_of(account, ev, docs.get(account.id)) if account and ev else None
    if sentence is None or not (sentence.start <= ev.start and ev.end <= sentence.end):
        text = " ".join((ev.text if ev else claim.text).split())
        text, _ = balance_quotes(text)
        return text, None, sentence
    raw = sentence.text
    lo, hi = ev.start - sentence.start, ev.end - sentence.start
    # collapse whitespace while keeping the highlight offsets
    out, pos, hl = [], 0, [None, None]
    prev_space = False
    for i, ch in enumerate(raw):
        if i == lo:
            hl[0] = pos
        if i == hi:
            hl[1] = pos
        if ch.isspace():
            if prev_space:
                continue
            ch, prev_space = " ", True
        else:
            prev_space = False
        out.append(ch)
        pos += 1
    if hl[1] is None:
        hl[1] = pos
    text = "".join(out)
    highlight = (hl[0] or 0, hl[1]) if (hl[0] or 0, hl[1]) != (0, len(text)) else None
    text, highlight = balance_quotes(text, highlight)
    return text, highlight, sentence


_CLAIM_ID = re.compile(r"\bclaim (\S+?)(?=[\s,;.)]|$)")


def readable_reason(reason: Optional[str], by_id: dict[str, Claim]) -> tuple[Optional[str], list[str]]:
    """A status reason without internal ids: 'restates claim c4' -> 'restates “<c4's words>”'."""
    if not reason:
        return reason, []
    refs: list[str] = []

    def swap(m: re.Match) -> str:
        c = by_id.get(m.group(1))
        if c is None:
            return m.group(0)
        refs.append(c.id)
        words = " ".join(c.text.split())
        words = words if len(words) <= 90 else words[:89].rstrip() + "\u2026"
        return f"{_OPEN}{words}{_CLOSE}" + (f" ({c.party})" if c.party else "")

    return _CLAIM_ID.sub(swap, reason), refs


# ---------------------------------------------------------------- ranking

def _sentence_index(account: Account, start: int, doc: Optional[ParsedDoc]) -> tuple[int, int]:
    """(index of the sentence at `start`, number of sentences) in the account's parse."""
    if doc is None:
        return 0, 1
    sents = doc.sents
    for i, s in enumerate(sents):
        if s.end_char > start:
            return i, len(sents)
    return len(sents), max(1, len(sents))


def _marker_spans(account: Account, sentence: Optional[Span], pat: re.Pattern) -> list[Span]:
    if sentence is None:
        return []
    return [account.span(sentence.start + m.start(), sentence.start + m.end()) for m in pat.finditer(sentence.text)]


class _Ranker:
    def __init__(self, claims: list[Claim], accounts: dict[str, Account], parties: dict[str, list[str]],
                 topics: list[Topic], lexicon: Optional[PartyLexicon] = None,
                 docs: Optional[dict[str, ParsedDoc]] = None):
        self.lexicon = lexicon
        self.docs = docs or {}   # account id -> its parse
        self.claims = claims
        self.accounts = accounts
        self.parties = parties
        # the party whose own words an account gives: its side, or the party a press account relays
        self.side = {a.id: a.side if a.side in parties or a.presents not in parties else a.presents
                     for a in accounts.values()}
        self.topic_marks = {p: [s for t in topics for s in t.emphasis.get(p, [])] for p in parties}

    def names_a_party(self, c: Claim) -> bool:
        return bool(self.lexicon.parties_in(c.text))

    def has_verb(self, c: Claim) -> bool:
        ev = c.evidence[0] if c.evidence else None
        acc = self.accounts.get(ev.account) if ev else None
        if acc is None:
            return True
        doc = self.docs.get(acc.id)
        if doc is None:
            return True
        span = doc.char_span(ev.start, ev.end, alignment_mode="expand")
        return span is None or any(t.pos_ in {"VERB", "AUX"} for t in span)

    def members(self, c: Claim, pool: list[Claim]) -> list[Claim]:
        if c.group is None:
            return [c]
        return [x for x in pool if x.group == c.group and x.party == c.party] or [c]

    def score(self, c: Claim, members: list[Claim]) -> tuple[float, list[str], list[Span]]:
        """Salience of a proposition for its party, the signals behind it and its marker spans."""
        score, signals, marks = 0.0, [], []
        accounts_with = {e.account for m in members for e in m.evidence[:1]}
        own = [m for m in members if m.evidence and self.side.get(m.evidence[0].account) == c.party]
        if own:
            i, n = _sentence_index(self.accounts[own[0].evidence[0].account], own[0].evidence[0].start,
                                   self.docs.get(own[0].evidence[0].account))
            place = 1.0 - i / max(1, n)
            score += 2.0 + 1.5 * place
            signals.append(f"in {c.party}'s own readout, sentence {i + 1} of {n}")
        elif c.evidence and c.evidence[0].account in self.accounts:
            i, n = _sentence_index(self.accounts[c.evidence[0].account], c.evidence[0].start,
                                   self.docs.get(c.evidence[0].account))
            score += 0.75 * (1.0 - i / max(1, n))
        if len(accounts_with) > 1:
            score += 0.75 * (len(accounts_with) - 1)
            signals.append(f"in {len(accounts_with)} accounts")
        if c.status_evidence and c.status == "one_sided":
            score += 2.0
            signals.append("an account singles it out")
        for m in members:
            ev = m.evidence[0] if m.evidence else None
            acc = self.accounts.get(ev.account) if ev else None
            if acc is None:
                continue
            sentence = _sentence_of(acc, ev, self.docs.get(acc.id)) or ev
            if any(s.account == ev.account and s.start < sentence.end and sentence.start < s.end
                   for s in self.topic_marks.get(c.party, [])):
                marks += [s for s in self.topic_marks.get(c.party, [])
                          if s.account == ev.account and s.start < sentence.end and sentence.start < s.end]
            marks += _marker_spans(acc, sentence, _marker_pattern())
        if marks:
            score += 1.5
            signals.append("marked as salient: " + ", ".join(sorted({" ".join(s.text.split()).lower() for s in marks})))
        if c.verb in claim_lexicon().reception:
            score -= 1.5
            signals.append(f"a reaction ({c.verb})")
        elif c.verb and c.verb != "accord" and c.verb not in REPORTING_VERBS and \
                STANCE.get(c.verb) not in SPEECH_STANCES:
            score -= 2.0
            signals.append(f"'{c.verb}' is no speech act")
        elif STANCE.get(c.verb or "") in {"emphatic", "warning", "demand", "commitment", "denial"}:
            score += 0.75
            signals.append(f"{STANCE[c.verb]} ({c.verb})")
        if _JOINT.search(c.text):
            score -= 1.5 if c.status_evidence else 2.5
            signals.append("about both sides")
        if not marks and not self.has_verb(c):
            score -= 2.5
            signals.append("no verb")
        if self.lexicon is not None and not self.names_a_party(c):
            score -= 1.0
            signals.append("names neither side")
        words = len(c.text.split())
        if words < MIN_WORDS:
            score -= 3.0
            signals.append("a phrase")
        elif words > MAX_WORDS:
            score -= 1.0
        return score, signals, marks


def _item(c: Claim, members: list[Claim], accounts: dict[str, Account], by_id: dict[str, Claim],
          docs: dict[str, ParsedDoc], score: float = 0.0, signals: Optional[list[str]] = None) -> BriefItem:
    text, highlight, sentence = _line(c, accounts, docs)
    reason, refs = readable_reason(c.status_reason, by_id)
    evidence: list[Span] = []
    for m in [c] + [m for m in members if m is not c]:
        for e in m.evidence[:1]:
            if not any(x.account == e.account and x.start == e.start for x in evidence):
                evidence.append(e)
    counter = []
    for m in [c] + [m for m in members if m is not c]:
        for e in m.status_evidence:
            if not any(x.account == e.account and x.start == e.start for x in counter):
                counter.append(e)
    return BriefItem(claim=c.id, party=c.party, speaker=c.speaker, channel=c.channel or (
        accounts[c.evidence[0].account].outlet if c.evidence and c.evidence[0].account in accounts else None),
        status=c.status, text=text, highlight=highlight, sentence=sentence, evidence=evidence,
        counter=counter, reason=reason, refs=refs, topics=list(c.topics), score=round(score, 3),
        signals=signals or [])


def _ranked(pool: list[Claim], ranker: _Ranker) -> list[tuple[float, Claim, list[Claim], list[str], list[Span]]]:
    """One entry per proposition (claim group), best representative first, ranked by salience."""
    seen: set = set()
    out = []
    # Positions and groups looked up once (pool.index and a scan of the pool per claim were quadratic:
    # 2,000 claims of one long sentence spent 20 s comparing claims).
    position: dict[int, int] = {}
    grouped: dict[tuple, list[Claim]] = {}
    for i, c in enumerate(pool):
        position.setdefault(id(c), i)
        if c.group is not None:
            grouped.setdefault((c.group, c.party), []).append(c)
    for c in pool:
        key = (c.party, c.group) if c.group is not None else ("", c.id)
        if key in seen:
            continue
        seen.add(key)
        members = grouped[(c.group, c.party)] if c.group is not None else [c]
        rep = max(members, key=lambda m: (ranker.side.get(m.evidence[0].account if m.evidence else "") == m.party,
                                          MIN_WORDS <= len(m.text.split()) <= MAX_WORDS, bool(m.status_evidence),
                                          -position[id(m)]))
        score, signals, marks = ranker.score(rep, members)
        out.append((score, rep, members, signals, marks))
    out.sort(key=lambda x: -x[0])
    return out


# ---------------------------------------------------------------- sections

def _disagreements(claims: list[Claim], figures: list[Figure], accounts: dict[str, Account],
                   by_id: dict[str, Claim], ranker: _Ranker) -> list[BriefDisagreement]:
    out: list[tuple[float, BriefDisagreement]] = []
    used: set[str] = set()
    contradicted = [c for c in claims if c.status == "contradicted" and c.party in ranker.parties and c.evidence]
    for score, c, members, signals, _marks in _ranked(contradicted, ranker):
        if c.id in used:
            continue
        used.update(m.id for m in members)
        sides = [_item(c, members, accounts, by_id, ranker.docs, score, signals)]
        for e in c.status_evidence[:2]:
            other = next((x for x in claims if x.id not in used and x.party != c.party and x.evidence
                          and x.evidence[0].account == e.account and x.evidence[0].start < e.end
                          and e.start < x.evidence[0].end), None)
            if other is not None:
                used.add(other.id)
                sides.append(_item(other, [other], accounts, by_id, ranker.docs))
            else:
                acc = accounts.get(e.account)
                party = acc.side if acc and acc.side in ranker.parties else None
                text, _ = balance_quotes(" ".join(e.text.split()))
                sides.append(BriefItem(party=party, channel=acc.outlet if acc else None, text=text, evidence=[e]))
        out.append((score, BriefDisagreement(kind="claim", about=", ".join(c.topics[:2]) or None, sides=sides)))
    pairs: set[frozenset] = set()
    for f in figures:
        if not f.conflict:
            continue
        for other in f.conflicts_with:
            key = frozenset({(f.account, f.start), (other.account, other.start)})
            if key in pairs or len(pairs) >= MAX_FIGURE_DISAGREEMENTS:
                continue
            pairs.add(key)
            sides = []
            for acc_id, start, end, text in ((f.account, f.start, f.end, f.text),
                                             (other.account, other.start, other.end, other.text)):
                acc = accounts.get(acc_id)
                span = acc.span(start, end) if acc else Span(account=acc_id, start=start, end=end, text=text)
                sentence = _sentence_of(acc, span, ranker.docs.get(acc.id)) if acc else None
                line, hl = (sentence.text, (start - sentence.start, end - sentence.start)) if sentence else (text, None)
                line, hl = balance_quotes(" ".join(line.split()) if hl is None else line, hl)
                party = acc.side if acc and acc.side in ranker.parties else None
                sides.append(BriefItem(kind="figure", party=party, channel=acc.outlet if acc else None, text=line,
                                       highlight=hl, sentence=sentence, evidence=[span]))
            if len({sd.party for sd in sides}) < 2 or any(sd.party is None for sd in sides):
                continue   # two outlets, or one party and the press, differing: not the parties disagreeing
            out.append((1.0, BriefDisagreement(kind="figure", about=f.measures, sides=sides)))
    out.sort(key=lambda x: -x[0])
    return [d for _s, d in out]


def _emphasis(party: str, topics: list[Topic], claims: list[Claim], accounts: dict[str, Account],
              ranker: _Ranker) -> tuple[list[str], list[Span]]:
    ranked = sorted((t for t in topics if t.by_party.get(party)),
                    key=lambda t: (-len(t.emphasis.get(party, [])), -t.by_party.get(party, 0)))
    leading = [t.label for t in ranked[:LEADING_TOPICS]]
    marks: list[Span] = [s for t in ranked for s in t.emphasis.get(party, [])]
    own = [c for c in claims if c.party == party and c.evidence and c.evidence[0].account in accounts]
    seen_sentences: set = set()
    for c in own:
        ev = c.evidence[0]
        acc = accounts[ev.account]
        sentence = _sentence_of(acc, ev, ranker.docs.get(acc.id))
        if sentence is None or (sentence.account, sentence.start) in seen_sentences:
            continue
        seen_sentences.add((sentence.account, sentence.start))
        marks += _marker_spans(acc, ev, _marker_pattern())
    out: list[Span] = []
    for s in marks:
        if not any(x.account == s.account and x.start < s.end and s.start < x.end for x in out):
            out.append(s)
    return leading, out[:LIMIT]


def _tone_line(party: str, tones: list[Tone]) -> tuple[Optional[str], list[str], list[Span]]:
    t = next((t for t in tones if t.party == party), None)
    if t is None:
        return None, [], []
    words = t.words[:5]
    line = f"{tone_word(t.score)} ({t.score:+.2f})" + (": " + ", ".join(words) if words else "")
    return line, words, t.evidence[:2]


def warnings_for(accounts: list[Account], parties: dict[str, list[str]], claims: list[Claim]) -> list[str]:
    out = []
    if len(accounts) < 2:
        out.append("only one account: there is nothing to compare it against")
    if len(parties) < 2:
        named = ", ".join(parties) or "none"
        out.append(f"only one party known ({named}): there is no other side to compare its claims against"
                   if parties else "no parties known: there are no sides to compare")
    return out


def _overlaps(a: Span, b: Span) -> bool:
    return a.account == b.account and a.start < b.end and b.start < a.end


def _cite_each_other(a: Claim, b: Claim) -> bool:
    """Two parties' claims of one proposition, each the other's status evidence ('The two leaders
    agreed to reopen the Port of Velm' in each readout): one line in 'What both say'."""
    return a.party != b.party and any(_overlaps(e, b.evidence[0]) for e in a.status_evidence) \
        and any(_overlaps(e, a.evidence[0]) for e in b.status_evidence)


def build_brief(claims: list[Claim], analyses: list[AccountAnalysis], parties: dict[str, list[str]],
                topics: list[Topic], tones: list[Tone], figures: list[Figure], limit: int = LIMIT) -> Brief:
    accounts = {a.account.id: a.account for a in analyses}
    by_id = {c.id: c for c in claims if c.id}
    quotes = [q for a in analyses for q in a.quotes]
    lexicon = build_lexicon(parties, quotes, claims, [m for a in analyses for m in a.mentions]) if parties else None
    docs = {a.account.id: parse_of(a) for a in analyses}
    ranker = _Ranker(claims, accounts, parties, topics, lexicon, docs)
    brief = Brief(limit=limit, warnings=warnings_for(list(accounts.values()), parties, claims))
    for party in parties:
        pool = [c for c in claims if c.party == party and c.status == "one_sided" and c.evidence]
        ranked = _ranked(pool, ranker)
        items = [_item(c, members, accounts, by_id, docs, score, signals)
                 for score, c, members, signals, _marks in ranked if score >= MIN_SCORE]
        rest = [_item(c, members, accounts, by_id, docs, score, signals)
                for score, c, members, signals, _marks in ranked if score < MIN_SCORE]
        leading, markers = _emphasis(party, topics, claims, accounts, ranker)
        tone, words, tone_ev = _tone_line(party, tones)
        others = list(islice((p for p in parties if p != party), settings.BRIEF_OTHER_PARTIES))
        brief.parties.append(BriefParty(party=party, others=others, others_more=len(parties) - 1 - len(others),
                                        one_sided=items[:limit],
                                        more=(items[limit:] + rest)[:settings.BRIEF_MORE_ITEMS],
                                        more_total=len(items[limit:]) + len(rest), topics=leading,
                                        markers=markers, tone=tone, tone_words=words, tone_evidence=tone_ev))
        brief.one_sided[party] = [i.claim for i in items[:limit] if i.claim]
    disagreements = _disagreements(claims, figures, accounts, by_id, ranker)
    brief.disagreements, brief.more_disagreements = disagreements[:limit], disagreements[limit:]
    both = [c for c in claims if c.status == "corroborated" and c.party in parties and c.evidence]
    both_items, shown = [], []
    for score, c, members, signals, _m in _ranked(both, ranker):
        if any(_cite_each_other(c, k) for k in shown):
            continue   # the other side's words for it are already a line, with this one as 'see also'
        shown.append(c)
        both_items.append(_item(c, members, accounts, by_id, docs, score, signals))
    brief.both_say, brief.more_both_say = both_items[:limit], both_items[limit:]
    return brief
