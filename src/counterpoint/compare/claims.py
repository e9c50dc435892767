"""Claim alignment and status.

Every claim of a party is compared with the other parties' voices (their claims and quotes, the
sentences of their own readouts, and press sentences whose subject is both of them: "both sides
agreed ..."). Statements are compared on stemmed content terms weighted by rarity in the case
(idf over all sentences), on numbers keyed by what they count and on years.

Status of a party's claim:
- one_sided: an account says outright that the other party did not confirm or mention it (that
  sentence becomes status_evidence), or no statement of the other party covers it, or the best
  match leaves out a year the claim gives;
- contradicted: the matching statement of the other party denies it (deny/reject/false or the same
  predicate negated) or gives another number for the same thing;
- corroborated: a statement of the other party covers it.
Before any of this, compare/assertion.py sets aside claims that are no assertion about the event
(questions, background dated before the event, the writer's inference, remarks about the statement
itself, bare reactions) and marks reports voiced by both parties corroborated.
Claims of independent voices (party None) are 'unattributed'. Claims covering each other are
given one `group` id, across speakers and accounts.
"""
from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from datetime import date
from typing import TYPE_CHECKING, Optional

from counterpoint import settings
from counterpoint.analysis import kb as kbase
from counterpoint.analysis.actors import party_for
from counterpoint.analysis import lexicon as lexicon_words
from counterpoint.analysis.lexicon import compare_words
from counterpoint.compare import assertion
from counterpoint.compare import figures as figure_conflicts
from counterpoint.compare.statements import NonConfirmation, find_non_confirmations
from counterpoint.compare.voice import (REPORTING_VERBS, JOINT_COUNTS, PEOPLE_GENERAL, PEOPLE_ROLES, adjective_base, count_key, governed_by_wish, opposite_adjectives, subject_heads, MONTHS, SALIENT, PartyLexicon, Statement, build_lexicon, discussed_items, make_statement,
                                        claim_lexicon, parse_of, statement_tokens, stem)
from counterpoint.records import Claim, Figure, Span, Topic

if TYPE_CHECKING:
    from counterpoint.analysis.pipeline import AccountAnalysis

# The general words of the compare stage live in data/compare.yaml (checked by analysis/lexicon.py).
_WORDS = compare_words()

COVER = 0.5          # share of a claim's weighted terms another statement must cover
EVIDENCE_TIE = 0.05  # statements covering a claim within this much of the best one are as good: the one most about it is shown
CLOSEST_COVER = 0.1  # the least share the other side's nearest statement to a one-sided claim shows
GROUP_COVER = 0.45   # both ways, to put two claims in one group
MANNER_REASON = "also characterises the exchange"   # ... by _manner_confirmed
NAMED_REASON = "also speaks of"   # the reason a claim corroborated by _named_and_more gives
NAMED_COVER = 0.3    # with every named thing shared, the share of the rest another statement must cover
STRONG_COVER = 0.7   # a claim the other side says nearly whole (outweighs a loose 'did not mention these')
JOINT_SUBJECT = re.compile(r"^(both|the two|two)\b.*\b(sides?|leaders?|countries|nations|governments|presidents|"
                           r"ministers|parties|delegations|representatives|srs)\b", re.I)
JOINT_NOUNS = frozenset(_WORDS["parties"].words("joint_nouns"))
MIN_TERMS = 2        # a claim with fewer content terms (and no number) is a fragment, not a proposition


def assign_status(claims: list[Claim], analyses: list[AccountAnalysis], parties: dict[str, list[str]],
                  topics: list[Topic], event_date: Optional[str] = None) -> list[Claim]:
    if not claims and not any(a.account.side in parties for a in analyses):
        return claims
    accounts = {a.account.id: a.account for a in analyses}
    quotes = [q for a in analyses for q in a.quotes]
    lexicon = build_lexicon(parties, quotes, claims, [m for a in analyses for m in a.mentions])
    docs = {a.account.id: parse_of(a) for a in analyses}

    claims = [c.model_copy(deep=True) for c in claims]
    side_of = {a.account.id: a.account.side for a in analyses if a.account.side in parties}
    _resolve_voices(claims, quotes, side_of)
    _whole_infinitives(claims, docs, accounts, parties)
    # whose voice a party's readout is, where another outlet relays it ('Here's the Kremlin's readout:')
    voice_of = {acc_id: _readout_issuer(accounts[acc_id], docs[acc_id], parties) or accounts[acc_id].outlet
                for acc_id in side_of}
    _first_person_in_readouts(claims, accounts, side_of, {a.account.id: getattr(a, "posts", None) or [] for a in analyses},
                              voice_of)
    _pair_under_a_speaker(claims, docs, lexicon, side_of)
    _relay_speaks_for_pairs(claims, docs, accounts, parties, lexicon)
    _readout_speaks_for_both(claims, accounts, side_of, voice_of)
    claims += _readout_claims(analyses, claims, parties, docs, voice_of)
    items = _list_items(claims, docs, accounts, lexicon, parties)
    lists = {id(item): parent for item, parent in items}   # a listed subject -> the claim listing it
    claims += [item for item, _parent in items]
    turns = _turn_sentences(claims, docs, accounts, parties)
    claims += [sentence for sentence, _turn in turns]
    for i, c in enumerate(claims):
        if not c.id:
            c.id = f"c{i + 1}"
    question_turns = _question_turns(accounts, side_of)
    _questioners(claims, question_turns, side_of, lexicon)

    claim_stmts = _claim_statements(claims, accounts, lexicon, docs)
    idf = _idf(docs.values())
    day = _event_day(event_date, analyses)
    timexes = {a.account.id: a.timexes for a in analyses}
    # what is no assertion of the event (background, a heading, a question, the writer's inference)
    # gets no status and is no evidence for another claim's either
    # the days each party's own accounts name: a day both sides name is part of the story they both
    # tell ('detected the intrusion on 17 February'), not another event's
    days_told: dict[str, set[str]] = {}
    for a in analyses:
        side = a.account.side if a.account.side in parties else a.account.presents
        if side in parties:
            days_told.setdefault(side, set()).update(
                tx.value for tx in a.timexes if tx.type == "DATE" and len(tx.value) == 10)
    asides = {id(c): assertion.not_an_assertion_of_the_event(
                  c, docs, timexes, day, lexicon, accounts,
                  told_by_others=set().union(*(v for p, v in days_told.items() if p != c.party)))
              for c in claims if c.party in parties and c.stance != "withheld" and id(c) not in lists}
    evidence_stmts = [st for c, st in zip(claims, claim_stmts)
                      if asides.get(id(c)) is None or asides[id(c)][0] is not None]
    voice = _Voices(evidence_stmts + _quote_statements(quotes, parties, accounts, lexicon, side_of, docs, question_turns) +
                    _joint_statements(analyses, claims, docs, lexicon) + _reported_denials(analyses, docs, lexicon) +
                    _relayed_occurrences(analyses, claims, docs, lexicon))
    _years_of_relative_dates(claim_stmts + list(voice), timexes)
    _dates_within(claim_stmts + list(voice), timexes, day)
    ncs = [nc for a in analyses
           for nc in find_non_confirmations(docs[a.account.id], a.account, lexicon,
                                            before_event=assertion.dated_before(timexes[a.account.id], day))
           if nc.holder in parties]

    _group(claims, claim_stmts, idf)
    set_aside: set[int] = set()   # claims that are no assertion of the event (phrases, background, questions)
    for c, st in zip(claims, claim_stmts):
        c.topics = c.topics or [t.label for t in topics if _mentions_topic(c, t)]
        if c.party not in parties:
            c.status, c.status_reason = "unattributed", "not a party's voice"
            continue
        if c.stance == "withheld":
            # "X has not confirmed Y": X asserts nothing; the non-confirmation is evidence for
            # the other side's claim (statements.find_non_confirmations), not a claim of X's
            c.status, c.status_reason = None, f"{c.speaker or c.party} withholds it (did not {c.verb} it)"
            continue
        if id(c) in lists:
            _decide_item(c, lists[id(c)], st, voice, idf, parties, set_aside)
            continue
        aside = asides[id(c)]
        if aside is not None and aside[0] is None:
            set_aside.add(id(c))
        if aside is not None and aside[0] == "corroborated":
            # reported as said by both: the other side's own statement is the better evidence
            _decide(c, st, voice, ncs, claims, claim_stmts, idf, parties)
            if c.status != "corroborated":
                c.status, c.status_reason, c.status_evidence = aside
            if _speaker_is_one_of_a_pair(c, docs, lexicon):
                # the press telling what both parties did ('A and B agreed ...'): the voice is no one
                # party's, whatever name attribution took from the subject
                c.party, c.speaker = None, aside[1].removeprefix("reported as said by ")
            continue
        if aside is not None:
            c.status, c.status_reason, c.status_evidence = aside
            continue
        _decide(c, st, voice, ncs, claims, claim_stmts, idf, parties)
        if c.stance == "denial" and c.status == "corroborated":
            # the other side asserts what this party denies
            c.status, c.status_reason = "contradicted", f"{c.party} denies what the other side asserts"
    for parent in {id(p): p for p in lists.values()}.values():
        if id(parent) not in set_aside and parent.status in FINDINGS:
            parent.status, parent.status_reason, parent.status_evidence = \
                None, "lists subjects: each item is a finding of its own", []
    for turn in {id(t): t for _s, t in turns}.values():
        if turn.status in FINDINGS:
            turn.status, turn.status_reason, turn.status_evidence = \
                None, "a speaker's turn of several sentences: each sentence is a finding of its own", []
            turn.closest = turn.closest_cover = None
    _pair_denials(claims)
    # a figure of another year is still a figure both sides give ('trade reached US$8.6 billion last
    # year' against 'USD 7.9 billion in 2025'): background in time, but two versions of one fact
    dated = {id(c) for c in claims
             if id(c) in set_aside and (asides.get(id(c)) or (None, ""))[1].startswith(assertion.DATED_REASON)}
    _figure_contradictions([c for c in claims if (id(c) not in set_aside or id(c) in dated) and c.party in parties],
                           [f for a in analyses for f in a.figures], side_of, docs, accounts, lexicon, timexes)
    _denied_figures(claims, claim_stmts, voice)
    _one_status_per_proposition(claims, claim_stmts, idf)
    _mirrors(claims, claim_stmts, idf)
    _one_status_per_proposition(claims, claim_stmts, idf)   # restatements of what a mirror corroborated
    _merge_restatements(claims, side_of)
    _parts_of_one_sided_wholes(claims)
    for c in claims:
        if c.status != "one_sided":   # the nearest statement matters only to a claim left one-sided
            c.closest = c.closest_cover = None
    return claims


FINDINGS = frozenset({"one_sided", "corroborated", "contradicted"})
MAX_FRAME_CHARS = settings.CLAIM_FRAME_CHARS   # the longest quote or claim span looked for around a claim that it may hold


def _whole_infinitives(claims: list[Claim], docs, accounts, parties) -> None:
    """A party's claim that is an infinitive under its cue ('to continue personal contacts', 'to
    contribute to ... the noble goal', under 'agreed', 'his desire') reads as the clause it is the
    complement of, from that clause's subject: 'Vladimir Putin and Donald Trump agreed to continue
    personal contacts ...'. Only the words shown change: the claim is compared as before, and its
    evidence is still what was said."""
    for c in claims:
        if c.party not in parties or not c.evidence:
            continue
        ev = c.evidence[0]
        doc, acc = docs.get(ev.account), accounts.get(ev.account)
        if not c.text.startswith("to "):
            if doc is not None and acc is not None:
                _object_with_its_infinitive(c, doc, acc)
                _denial_with_its_verb(c, doc, acc)
            continue
        at = acc.text.find(c.text, ev.start, ev.end) if doc is not None and acc is not None else -1
        toks = doc.tokens_in(at, at + 2) if at >= 0 else []
        if not toks or toks[0].dep_ != "aux":
            continue
        node, subj = toks[0].head, None
        cue = node.head if node.head is not node else node
        owner = next((k for k in cue.children if k.dep_ == "poss" and k.pos_ != "PRON"), None) \
            if cue.pos_ == "NOUN" else None
        if owner is not None and owner.left_edge.idx < at and cue.left_edge.idx < at:
            # 'the United States' continued determination to honor its commitments': the noun
            # phrase says whose it is
            c.text = acc.text[cue.left_edge.idx:at + len(c.text)]
            continue
        for _ in range(6):   # up from the infinitive to the first clause with a subject of its own
            if node.head is node:
                break
            node = node.head
            if node.pos_ in ("VERB", "AUX"):
                subj = next((k for k in node.children if k.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None:
                    break
        negated = any(k.dep_ == "neg" for k in node.children)
        if subj is None or subj.pos_ == "PRON" and not negated or subj.left_edge.idx >= at \
                or subj.sent.start != toks[0].sent.start:
            # (a pronoun subject shows no one, but 'we did NOT agree to take your offer to members'
            # must show the 'not': without it the words say the opposite)
            continue
        # an auxiliary before the subject ('Has Erik Vale persuaded Castavia to ...?') is part of it
        # ('if Erik Vale asked Castavia to ...': the mark that makes it a supposition too)
        start = min([subj.left_edge.idx] + [k.idx for k in node.children if k.dep_ in ("aux", "auxpass", "mark")
                                            and k.idx < subj.left_edge.idx])
        c.text = acc.text[start:at + len(c.text)]


def _denial_with_its_verb(c: Claim, doc, acc) -> None:
    """What a party denies reads with the verb of denying ('denied that any agreement on fishing
    quotas had been reached', not 'any agreement on fishing quotas had been reached', which says
    the opposite). Only the words shown change."""
    if c.stance != "denial" or not c.evidence:
        return
    ev = c.evidence[0]
    at = acc.text.find(c.text, ev.start, ev.end)
    toks = doc.tokens_in(at, at + len(c.text)) if at >= 0 else []
    inside = {t.i for t in toks}
    root = next((t for t in toks if t.head.i not in inside or t.head is t), None)
    if root is None or root.head is root or root.dep_ != "ccomp":
        return
    verb = root.head
    if verb.lemma_.lower() != (c.verb or "") or verb.idx >= at:
        return
    c.text = acc.text[verb.idx:at + len(c.text)]


def _object_with_its_infinitive(c: Claim, doc, acc) -> None:
    """A claim that is only the object of its cue, whose infinitive follows it ('He asked [Rubio,
    Ratcliffe, Waltz and Witkoff] to lead the negotiations'), reads with its cue and infinitive:
    'asked Rubio, Ratcliffe, Waltz and Witkoff to lead the negotiations' (from the subject where it
    is no pronoun)."""
    ev = c.evidence[0]
    at = acc.text.find(c.text, ev.start, ev.end)
    toks = doc.tokens_in(at, at + len(c.text)) if at >= 0 else []
    ids = {t.i for t in toks}
    heads = [t for t in toks if t.head.i not in ids and not t.is_punct]
    obj = next((t for t in heads if t.dep_ == "dobj"), None)
    if obj is None or obj.head.pos_ != "VERB" or any(t.head.i != obj.head.i or t.dep_ not in ("dobj", "xcomp")
                                                       for t in heads):
        return
    cue = obj.head
    inf = next((k for k in cue.children if k.dep_ == "xcomp" and k.i > obj.i), None)
    if inf is None:
        # 'China fiercely opposes [Taiwan independence and the interference of external forces]':
        # the object alone names no proposition; with its cue it is one
        if c.verb and cue.lemma_.lower() == c.verb and len(heads) == 1 and cue.i < obj.i:
            subj = next((k for k in cue.children if k.dep_ == "nsubj"), None)
            start = subj.left_edge.idx if subj is not None and subj.pos_ != "PRON" and subj.i < cue.i else \
                min([cue.idx] + [k.idx for k in cue.children if k.dep_ in ("advmod", "neg", "aux") and k.i < cue.i
                                 and k.i > (subj.i if subj is not None else -1)])
            c.text = acc.text[start:at + len(c.text)].strip()
        return
    subj = next((k for k in cue.children if k.dep_ == "nsubj"), None)
    start = subj.left_edge.idx if subj is not None and subj.pos_ != "PRON" else cue.idx
    start = min([start] + [k.idx for k in cue.children if k.dep_ in ("mark", "aux") and k.idx < start])
    last = max((t for t in inf.subtree if not t.is_punct), key=lambda t: t.i)
    c.text = acc.text[start:max(last.idx + len(last.text), at + len(c.text))].strip()


TURN_CUE = ":"   # the cue of a speaker's turn in a transcript ('MINISTER VOSS: Thank you. ...')


def _turn_sentences(claims: list[Claim], docs, accounts, parties) -> list[tuple[Claim, Claim]]:
    """A party speaker's turn in a transcript ('MINISTER VOSS: ... I want to highlight three
    results. First, the memorandum ..., which Minister Brask and I signed today. Second, ...') says
    one thing per sentence: each sentence becomes a claim of the speaker's (its words, its span), so
    that one can be corroborated, another one-sided and a third contradicted."""
    out: list[tuple[Claim, Claim]] = []
    for c in claims:
        if c.verb != TURN_CUE or c.party not in parties or not c.evidence or c.evidence[0].account not in docs:
            continue
        ev, acc = c.evidence[0], accounts.get(c.evidence[0].account)
        if acc is None:
            continue
        pieces = _sentences_within(docs[ev.account], acc.text, ev.start, ev.end)
        if len(pieces) < 2:
            continue
        for lo, hi in pieces:
            out.append((Claim(text=acc.text[lo:hi], speaker=c.speaker, party=c.party, channel=c.channel,
                              verb=c.verb, stance=c.stance, evidence=[acc.span(lo, hi)]), c))
    return out


def _sentences_within(doc, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The parts of [start, end) in each sentence it spans, without surrounding white space."""
    sents = {t.sent.start: t.sent for t in doc.tokens_in(start, end) if t.sent is not None}
    out = []
    for sent in sents.values():
        lo, hi = max(sent.start_char, start), min(sent.end_char, end)
        piece = text[lo:hi]
        lo, hi = lo + len(piece) - len(piece.lstrip()), hi - (len(piece) - len(piece.rstrip()))
        if hi > lo:
            out.append((lo, hi))
    return out


def _list_items(claims: list[Claim], docs, accounts, lexicon: PartyLexicon, parties) -> list[tuple[Claim, Claim]]:
    """A party's claim that lists the subjects discussed ('the leaders also discussed the Middle
    East, energy, artificial intelligence and the dollar') says of each that it came up: each item
    becomes a claim of its own (its words, its span), so that one subject can be corroborated and
    another one-sided."""
    out: list[tuple[Claim, Claim]] = []
    for c in claims:
        if c.party not in parties or not c.evidence or c.evidence[0].account not in docs:
            continue
        ev = c.evidence[0]
        span = docs[ev.account].char_span(ev.start, ev.end, alignment_mode="expand")
        if span is None:
            continue
        items = discussed_items(list(span), lexicon)
        text = accounts[ev.account].text
        at = text.find(c.text, ev.start, ev.end) if c.text else -1
        lo, hi = (at, at + len(c.text)) if at >= 0 else (ev.start, ev.end)
        lex = claim_lexicon()
        sent = span[0].sent if len(span) else None
        if not items and (c.verb or "") in lex.discussion | lex.inclusion and sent is not None:
            # the claim is the list itself, the object of its cue ('The parties discussed [Ukraine,
            # the Middle East, energy, ...]'): read it with the words of its clause before it
            whole = docs[ev.account].char_span(sent.start_char, ev.end, alignment_mode="expand")
            if whole is not None:
                items = discussed_items(list(whole), lexicon)
                if items:
                    span, lo = whole, whole.start_char
        # each item is read as the proposition the list makes of it: 'the leaders also discussed
        # energy', not the bare 'energy' (the lead before the first item, or after the last)
        first, last = (items[0][0].idx, items[-1][-1].idx + len(items[-1][-1].text)) if items else (0, 0)

        def verbed(a: int, b: int) -> str:
            # the words between, where they hold the verb of the list ('the leaders discussed', 'were
            # touched upon'); none where they only frame it ('During the conversation, the subjects of')
            if not any(t.pos_ in ("VERB", "AUX") and a <= t.idx < b for t in span):
                return ""
            return " ".join(text[a:b].split()).strip(" ,;:").rstrip(".")

        lead = verbed(lo, first) if first > lo else ""
        shown_first = c.text.find(text[first:items[0][-1].idx + len(items[0][-1].text)]) if items else -1
        if lead and shown_first > 0 and at < 0:
            # the claim is shown with more words before its evidence ('Both leaders ..., agreeing to
            # continue discussions on'): its items too
            lead = " ".join(c.text[:shown_first].split()).strip(" ,;:")
        tail = verbed(last, hi) if not lead and last < hi else ""
        for item in items:
            start, end = item[0].idx, item[-1].idx + len(item[-1].text)
            words = text[start:end]
            shown = f"{lead} {words}" if lead else f"{words} {_agreeing(tail, item)}" if tail else words
            sub = Claim(text=shown, speaker=c.speaker, party=c.party,
                        channel=c.channel, verb=c.verb, stance="listed",
                        evidence=[accounts[ev.account].span(start, end)])
            out.append((sub, c))
    return out


_SINGULAR_OF = {"were": "was", "are": "is", "have": "has"}


def _agreeing(tail: str, item) -> str:
    """The list's verb after one item, in that item's number ('were touched upon' after 'the
    Iranian nuclear program' is 'was touched upon')."""
    head = next((t for t in item if t.head.i not in {u.i for u in item}), item[-1])
    first, _, rest = tail.partition(" ")
    if head.tag_ in ("NN", "NNP") and first.lower() in _SINGULAR_OF:
        return " ".join(x for x in (_SINGULAR_OF[first.lower()], rest) if x)
    return tail


def _decide_item(c: Claim, parent: Claim, st: Statement, voice: list[Statement], idf, parties,
                 set_aside: set[int]) -> None:
    """One listed subject: corroborated when the other side raises it, else one-sided; set aside
    with the claim that lists it."""
    if id(parent) in set_aside or parent.status not in FINDINGS:
        c.status, c.status_reason = None, "listed in a claim that is no finding"
        set_aside.add(id(c))
        return
    st.topic = set(st.terms)
    others = [v for v in _candidates(voice, c, st, idf, lambda v: not _same_place(v.span, parent.evidence))
              if v.party not in (c.party, None) and v.kind != "occurrence" and not _same_place(v.span, parent.evidence)]
    if st.topic and _topic_raised(c, st, others, idf, nominal=True):
        return
    c.status = "one_sided"
    c.status_reason = f"listed; no statement of {_other_names(c.party, parties)} raises it"
    _note_closest(c, st, others, idf)


QUESTION_LABELS = frozenset(lexicon_words.attribution()["cues"].words("question_labels"))
_TURN = re.compile(r"(?m)^[ \t]*[\"“]?([A-Za-z][\w.'’ -]{0,40}?)[ \t]*:")


def _questioners(claims: list[Claim], turns: dict[str, list[tuple[int, int]]], side_of: dict[str, str],
                 lexicon: PartyLexicon) -> None:
    """In a party's transcript, a questioner's turn ('Question: Merovia has accused a Pellandrian
    ship of ramming its vessel. What is your comment?', up to the next turn label) is the
    questioner's words, not the party's voice: as in a press report, a claim there is the party's
    its speaker names ('Merovia has accused ...' is Merovia's accusation), else no party's."""
    if not turns:
        return
    for c in claims:
        ev = c.evidence[0] if c.evidence else None
        if ev is not None and _in_a_turn(turns, ev.account, ev.start):
            c.party = _questioned_party(c.speaker, side_of[ev.account], lexicon)
            if c.party is None or not c.speaker:
                c.speaker = "questioner"


def _question_turns(accounts, side_of: dict[str, str]) -> dict[str, list[tuple[int, int]]]:
    """(start, end) of each questioner's turn in the parties' transcripts, by account."""
    turns: dict[str, list[tuple[int, int]]] = {}
    for acc_id in side_of:
        text = accounts[acc_id].text
        labels = [(m.start(), m.group(1).strip().lower()) for m in _TURN.finditer(text)]
        for k, (start, label) in enumerate(labels):
            if label in QUESTION_LABELS:
                end = labels[k + 1][0] if k + 1 < len(labels) else len(text)
                turns.setdefault(acc_id, []).append((start, end))
    return turns


def _in_a_turn(turns: dict[str, list[tuple[int, int]]], account: str, offset: int) -> bool:
    return any(s <= offset < e for s, e in turns.get(account, ()))


def _questioned_party(speaker: Optional[str], own: str, lexicon: PartyLexicon) -> Optional[str]:
    """Whose voice words in a questioner's turn are: the one other party their speaker names
    ('Merovia has accused ...'), else no party's."""
    named = lexicon.parties_in(speaker or "")
    return next(iter(named)) if len(named) == 1 and own not in named else None


def _resolve_voices(claims: list[Claim], quotes, side_of: dict[str, str]) -> None:
    """A claim belongs to the party whose voice asserts it: every sentence of an official readout
    is its party's voice, what it says the other leader said included ('Biden said X' in the Chinese
    readout alone is China's claim); elsewhere a claim nested inside the words of a voice that is no
    party's (an analyst quoted saying 'officials insist they will ...') is no party's claim."""
    frames: dict[str, list[tuple[int, int, Optional[str], Optional[str]]]] = {}
    for acc, s, e, party, who in [(e.account, e.start, e.end, c.party, c.speaker) for c in claims
                                  for e in c.evidence[:1]] + \
            [(q.account, q.start, q.end, q.party, q.speaker) for q in quotes]:
        frames.setdefault(acc, []).append((s, e, party, who))
    frames = {acc: sorted(fs, key=lambda f: (f[0], f[1])) for acc, fs in frames.items()}
    starts = {acc: [f[0] for f in fs] for acc, fs in frames.items()}

    def holding(ev):
        """The frames holding the claim's span (start at or before it, within one frame's reach)."""
        fs, hi = frames[ev.account], bisect.bisect_right(starts[ev.account], ev.start)
        lo = bisect.bisect_left(starts[ev.account], ev.start - MAX_FRAME_CHARS, 0, hi)
        return [(e - s, party, who) for s, e, party, who in fs[lo:hi]
                if ev.end <= e and (e - s) > (ev.end - ev.start)]

    for c in claims:
        if not c.evidence:
            continue
        ev = c.evidence[0]
        if ev.account in side_of:
            c.party = side_of[ev.account]
            if (not c.speaker or c.speaker[:1].islower()) and ev.account in frames:
                # 'Xi said the international community expects ...': the unnamed subject of an
                # attitude inside a speaker's words is not who says it
                named = [(n, who) for n, _party, who in holding(ev) if who and not who[:1].islower()]
                if named:
                    c.speaker = min(named, key=lambda o: o[0])[1]
            continue
        if ev.account not in frames:
            continue
        if c.party is None and (c.speaker == AUTHOR or not c.speaker):
            # 'I want to highlight three results' inside a minister's turn of a transcript or a quote:
            # the first person is the speaker whose words hold it, not the article's author
            named = [(n, party, who) for n, party, who in holding(ev) if who and not who[:1].islower()]
            if named:
                _n, c.party, c.speaker = min(named, key=lambda o: o[0])
            continue
        if c.party is None:
            continue
        held = holding(ev)
        outer = [(n, party) for n, party, _who in held]
        if outer and all(party is None for _n, party in outer):
            c.party = None
        elif outer:
            # 'the White House readout stated: "The leaders agreed that ..."': the outermost voice
            # that is a party's asserts what it reports the leaders said or agreed
            _n, outermost, who = max(held, key=lambda o: o[0])
            if outermost is not None and c.party is not None:
                if outermost != c.party and who:
                    c.speaker = who   # the readout that says so, not the leader it says agreed
                c.party = outermost


def _timexes_within(stmts: list[Statement], timexes: dict[str, list]):
    """(statement, timex) for each timex lying wholly inside a statement's span (bisected per account)."""
    ordered = {acc: sorted(txs, key=lambda tx: (tx.start, tx.end)) for acc, txs in timexes.items()}
    starts = {acc: [tx.start for tx in txs] for acc, txs in ordered.items()}
    for st in stmts:
        found = ordered.get(st.account)
        if not found:
            continue
        for tx in found[bisect.bisect_left(starts[st.account], st.span.start):]:
            if tx.start >= st.span.end:
                break
            if tx.end <= st.span.end:
                yield st, tx


def _years_of_relative_dates(stmts: list[Statement], timexes: dict[str, list]) -> None:
    """A year named relatively ('next year', 'last year', resolved by the timex stage against the
    account's date) is the year it names: 'meet again next year' in an account of 2026 and 'in
    2027' in the other side's say the same. Only year-long expressions: a day or a month carries
    no year of its own to compare."""
    for st, tx in _timexes_within(stmts, timexes):
        if len(tx.value) == 4 and tx.value.isdigit():
            st.years.add(int(tx.value))


_WHEN = re.compile(r"(\d{4})-(?:(0[1-9]|1[0-2])(?:-(\d\d))?|(SP|SU|FA|WI))$")
# the months of each season (northern: the accounts' own hemisphere is not known)
_SEASON_MONTHS = {"SP": {3, 4, 5}, "SU": {6, 7, 8}, "FA": {9, 10, 11}, "WI": {12, 1, 2}}


_SEASON_NAMES = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}


def _show_date(value: str) -> str:
    """'2027-04' -> 'April 2027', '2027-03-01' -> '1 March 2027', '2027-FA' -> 'autumn 2027'."""
    m = _WHEN.match(value)
    if m is None:
        return value
    if m.group(4):
        return f"{_SEASON_NAMES[m.group(4)]} {m.group(1)}"
    month = date(2000, int(m.group(2)), 1).strftime("%B")
    return f"{int(m.group(3))} {month} {m.group(1)}" if m.group(3) else f"{month} {m.group(1)}"


def _dates_within(stmts: list[Statement], timexes: dict[str, list], day: Optional[date] = None) -> None:
    """The dates finer than a year a statement gives (a month, a day, a season), as the timex stage
    resolved them: 'a return visit in April' against 'in the autumn' name two times for one visit;
    and those of them that begin after the day of the event (`ahead`)."""
    for st, tx in _timexes_within(stmts, timexes):
        if getattr(tx, "type", "DATE") == "DATE" and _WHEN.match(tx.value or ""):
            st.dates.add(tx.value)
            if day is not None and _first_day(tx.value) > day:
                st.ahead.add(tx.value)


def _first_day(value: str) -> date:
    year, months, d = _months_of(value)
    first = min(months) if not (months == _SEASON_MONTHS["WI"]) else 12
    return date(year, first, d or 1)


def _months_of(value: str) -> tuple[int, set[int], Optional[int]]:
    """(year, months, day or None) of a TimeML date finer than a year."""
    m = _WHEN.match(value)
    year = int(m.group(1))
    if m.group(4):
        return year, _SEASON_MONTHS[m.group(4)], None
    return year, {int(m.group(2))}, int(m.group(3)) if m.group(3) else None


def _dates_conflict(a: set[str], b: set[str]) -> bool:
    """No date of one can be a date of the other: another year, other months, or another day."""
    if not a or not b:
        return False
    for x in a:
        for y in b:
            (ya, ma, da), (yb, mb, db) = _months_of(x), _months_of(y)
            if ya == yb and ma & mb and (da is None or db is None or da == db):
                return False
    return True


def _dated_otherwise(st: Statement, others: list[Statement]) -> Optional[Statement]:
    """The other side's statement that puts the same act on the same thing ('a return visit to
    Tyrvik') at another time ('in the autumn' against 'in April')."""
    if not st.dates:
        return None
    for v in others:
        if v.kind == "denial" or v.party == "*" or not v.dates or not (st.named & v.named):
            continue
        same = (st.acts & v.acts and st.irrealis == v.irrealis) or (_meeting(st) and _meeting(v))
        if same and _dates_conflict(st.dates, v.dates):
            return v
    return None


def _opposite_words(st: Statement, others: list[Statement]) -> Optional[tuple[Statement, tuple[str, str]]]:
    """The other side's statement using the opposite form of one of the claim's adjectives ('the
    force used was proportionate' against 'the police response was disproportionate'): in one
    event, two sides' opposite words for a thing are their two versions of it."""
    if not st.adjs and not st.described:
        return None
    opposite = claim_lexicon().descriptions
    for v in others:
        if v.kind == "denial" or v.party == "*" or not (v.adjs or v.described):
            continue
        pair = opposite_adjectives(st.adjs, v.adjs)
        if pair is not None:
            return v, pair
        # a word of the other's that describes the same the opposite way ('innocent' / 'guilt')
        for mine in st.described:
            theirs = opposite.get(mine, frozenset()) & v.described
            if theirs:
                return v, (_surface({mine}, st.text), _surface(theirs, v.text))
    return None


RARE_DF = 3   # a noun in at most this many sentences of the case names a particular thing, not a common one


def _identity_denied(st: Statement, others: list[Statement], idf) -> Optional[tuple[Statement, str]]:
    """The claim denies what something is ('These were not journalists or tourists') and the other
    side calls it so ('14 citizens had come home, including journalist Anton Greve'): two versions of
    who or what they were. Only for a noun rare in the case (in at most RARE_DF sentences), which
    names the disputed description rather than a common word of the story."""
    if not st.not_so:
        return None
    n = idf.get("__n__", 1.0)
    rare = {w for w in st.not_so if _weight(w, idf) >= math.log((n + 1) / (RARE_DF + 1)) + 1.0}
    if not rare:
        return None
    for v in others:
        if v.kind == "denial" or v.party == "*" or v.negated & rare or st.irrealis != v.irrealis:
            continue
        said = rare & v.nouns
        if said:
            return v, _surface(said, v.text)
    return None


def _opposite_acts(st: Statement, others: list[Statement]) -> Optional[tuple[Statement, tuple[str, str, str, bool]]]:
    """The other side saying the same thing did the opposite ('fees rose by up to 18%' against
    'Kestova Express fees have fallen in real terms'; 'the decision will withstand any appeal' against
    'the decision will be overturned'; data/claim_lexicon.yaml opposites): two versions of it, both
    told as facts or both as what will be. Not where they speak of other years."""
    opposites = claim_lexicon().opposites
    if not st.changes:
        return None
    for v in others:
        if v.kind == "denial" or v.party == "*" or not v.changes:
            continue
        if st.years and v.years and not st.years & v.years:
            continue   # ('exports fell in 2024', 'exports rose in 2025')
        for verb, thing, to_come in sorted(st.changes):
            theirs = next((w for w, t, later in sorted(v.changes)
                           if t == thing and later == to_come and w in opposites.get(verb, ())), None)
            if theirs is not None:
                return v, (_surface({thing}, st.text) or thing, verb, theirs, to_come)
    return None


LIGHT_STEMS = frozenset(stem(w) for w in claim_lexicon().light)


def _piece(st: Statement, terms: set[str]) -> Statement:
    """A part of a statement (some of its terms) to compare on its own."""
    return Statement(party=st.party, account=st.account, text="", span=st.span, terms=terms, numbers={},
                     years=set(), months=set(), negated=set(), denial=False)


def _negation_answered(st: Statement, others: list[Statement], idf) -> Optional[Statement]:
    """A predicate of the claim that it negates ('Nobody was allowed to leave, ... and there was no
    access to water'), asserted by the other side ('People who were not involved were allowed to
    leave through a marked exit'), the other side's main verb: that part of the claim denies the
    other side's statement, which has a fair share of the part (ACT_COVER) though not of the whole."""
    if not st.negated:
        return None
    parts = st.parts or [st.terms]
    for part in parts:
        neg = st.negated & part
        if not neg:
            continue
        piece = _piece(st, part)
        for v in others:
            if v.denial or v.negated & neg or v.party == "*":
                continue
            if st.irrealis != v.irrealis and not neg & v.main_verbs & LIGHT_STEMS:
                continue   # (a denied commitment answers a commitment whatever is to follow it)
            if neg & v.main_verbs and _covers(piece, v, idf) >= ACT_COVER and _same_things(neg & v.main_verbs, st, v):
                return v   # (what the other side's main clause asserts, not a verb under 'opposes efforts to ...')
    return None


SHORT_DENIAL_TERMS = 3   # a negation of at most this many terms is a focused denial of one thing


def _denied_by(st: Statement, others: list[Statement], idf) -> Optional[Statement]:
    """The other way round: a short negation of the other side (SHORT_DENIAL_TERMS; 'Norhavn had never agreed to
    purchase targets') whose negated verb is the claim's main verb ('Norhavn committed to purchase
    US$3.4 billion ...') and whose negated part the claim covers (ACT_COVER): the other side denies
    the claim, though it shares too little of the claim's words for the claim to find it."""
    for v in others:
        if not v.negated or v.party == "*" or st.negated & v.negated or len(v.terms) > SHORT_DENIAL_TERMS:
            continue   # (a focused denial: a long sentence negating one of its verbs denies that, not the claim)
        for part in v.parts or [v.terms]:
            neg = v.negated & part
            if not neg or not neg & st.main_verbs:
                continue
            if st.irrealis != v.irrealis and not neg & st.main_verbs & LIGHT_STEMS:
                continue
            piece = _piece(v, part)
            if _covers(piece, st, idf) >= ACT_COVER and _same_things(neg & st.main_verbs, v, st):
                return v
    return None


def _same_things(verbs: set[str], a: Statement, b: Statement) -> bool:
    """Do the two put the verbs on the same things, where both say what on ('the conflict should never
    have started' does not deny 'it was agreed to begin negotiations')?"""
    for verb in verbs:
        mine = {t for w, t in a.acts if w == verb}
        theirs = {t for w, t in b.acts if w == verb}
        if mine and theirs and not mine & theirs:
            return False
    return True


def _dated_alike(c: Claim, st: Statement, others: list[Statement]) -> bool:
    """The other side puts something still to come at the same named place or thing, at the same
    time, with another word of the claim ('the Dunmere-Haskov border crossing will reopen to
    freight traffic on 1 March' ~ 'beginning in March, the Haskov checkpoint will once again handle
    cargo vehicles'): the same happening in other words. Sets the status when so."""
    if not st.ahead or not st.named or not st.irrealis:
        return False   # (things to come: what happened on the day of the event shares its date with everything)
    for v in others:
        if v.kind == "denial" or v.party == "*" or not v.ahead or not v.irrealis or _one_negates(st, v):
            continue
        named = st.named & v.named
        if named and (st.terms & v.terms) - named and not _dates_conflict(st.ahead, v.ahead):
            when = ", ".join(_show_date(d) for d in sorted(v.ahead))
            c.status, c.status_reason = "corroborated", f"{_who(v)} also puts {_surface(named, c.text)} at {when}"
            c.status_evidence = [v.span]
            return True
    return False


_MEETING_TERMS = frozenset({stem("visit"), stem("meet")})


def _meeting(st: Statement) -> bool:
    """Does the statement speak of a meeting or a visit still to come ('their next meeting, which
    will take place in April', 'to pay a return visit to Tyrvik in the autumn')?"""
    return st.irrealis and bool(st.terms & _MEETING_TERMS or "event" in st.frame)


def _pair_denials(claims: list[Claim]) -> None:
    """A contradiction has two halves: a one-sided claim whose words another party's claim was
    contradicted by (its status evidence) is contradicted by that claim ('the claim that four ships
    took part is a fabrication', contradicted by 'surrounded by four ships', contradicts it)."""
    for d in claims:
        if d.status != "one_sided" or d.party is None:
            continue
        for c in claims:
            if c.party in (d.party, None) or c.status != "contradicted":
                continue
            if any(se.account == e.account and se.start < e.end and e.start < se.end
                   for se in c.status_evidence for e in d.evidence):
                d.status = "contradicted"
                d.status_reason = (f"{d.party} denies what {c.party} asserts" if d.stance == "denial"
                                   else f"{c.party} says otherwise (claim {c.id})")
                d.status_evidence = list(c.evidence)
                d.closest = d.closest_cover = None
                break


def _denied_figures(claims: list[Claim], stmts: list[Statement], voice: list[Statement]) -> None:
    """A party saying a figure is not so ('Not 12%, whatever their press office says') contradicts
    the other party's statement giving that figure for the same kind of thing ('the union's claim
    amounts to a 12% increase'), and that statement's claims are contradicted by it."""
    for c, st in zip(claims, stmts):
        if not st.denied_numbers or c.party is None or c.status not in FINDINGS:
            continue
        given = next((v for v in voice if v.party not in (c.party, None, "*") and any(
            val in v.numbers.get(key, ()) for key, val in st.denied_numbers)), None)
        if given is None:
            continue
        c.status, c.status_evidence = "contradicted", [given.span]
        c.status_reason = f"{c.party} denies the figure {_who(given)} gives"
        c.closest = c.closest_cover = None
        for o, ost in zip(claims, stmts):
            if o.party == given.party and o.status in FINDINGS and o.status != "contradicted" and any(
                    val in ost.numbers.get(key, ()) for key, val in st.denied_numbers) and o.evidence \
                    and _same_place(given.span, o.evidence):
                o.status, o.status_evidence = "contradicted", list(c.evidence)
                o.status_reason = f"{c.party} denies the figure (claim {c.id})"
                o.closest = o.closest_cover = None


def _figure_contradictions(claims: list[Claim], figures: list[Figure], side_of: dict[str, str], docs,
                           accounts, lexicon: Optional[PartyLexicon] = None,
                           timexes: Optional[dict[str, list]] = None) -> None:
    """A party giving a value the other party's voice contradicts for the same measured thing (the
    call 'lasted about 40 minutes' against 'a two-hour call') is contradicted, with the other
    side's sentence as evidence. The other side's voice is its claims and every sentence of its own
    readout. Values of other years are no two versions of one ('US$8.6 billion in 2024' against
    'USD 7.9 billion in 2025')."""
    def years(span: Span) -> set[str]:
        return {tx.value[:4] for tx in (timexes or {}).get(span.account, [])
                if span.start <= tx.start and tx.end <= span.end and tx.value[:4].isdigit()}

    by_account: dict[str, list[Figure]] = {}
    for f in sorted(figures, key=lambda f: (f.account, f.start)):
        by_account.setdefault(f.account, []).append(f)
    starts = {acc: [f.start for f in fs] for acc, fs in by_account.items()}

    def within(ev: Span) -> list[Figure]:
        fs = by_account.get(ev.account, [])
        lo = bisect.bisect_left(starts.get(ev.account, []), ev.start)
        hi = bisect.bisect_left(starts.get(ev.account, []), ev.end)
        return [f for f in fs[lo:hi] if f.end <= ev.end]

    voiced: list[tuple[str, Figure, Span]] = []
    for c in claims:
        for ev in c.evidence[:1]:
            voiced += [(c.party, f, ev) for f in within(ev)]
    for f in figures:
        if f.account in side_of:
            sent = docs[f.account].char_span(f.start, f.end, alignment_mode="expand")
            if sent is not None:
                sent = sent.sent
                voiced.append((side_of[f.account], f, accounts[f.account].span(sent.start_char, sent.end_char)))
    def former(f: Figure) -> bool:
        # 'cut from 12% to 4%': the value it had, not the one the claim gives
        text = accounts[f.account].text
        return text[max(0, f.start - 6):f.start].lower().endswith("from ") and \
            bool(_TO_VALUE.match(text, f.end))

    voiced = [(p, f, span) for p, f, span in voiced if not former(f)]
    by_family: dict[str, list[tuple[str, Figure, Span]]] = {}
    for p, f, span in _distinct_figures(voiced):
        by_family.setdefault(figure_conflicts.family(f), []).append((p, f, span))
    for c in claims:
        for mine in ([f for f in within(c.evidence[0]) if not former(f)] if c.evidence else []):
            clash = next(((p, f, span) for p, f, span in by_family.get(figure_conflicts.family(mine), [])
                          if p != c.party and figure_conflicts.incompatible(mine, f)
                          and not _of_other_parties(mine, f, lexicon)
                          and not _other_years(years(c.evidence[0]), years(span))), None)
            if clash is None:
                continue
            party, theirs, span = clash
            c.status = "contradicted"
            c.status_reason = (f"{party} gives {theirs.text!r} where {c.party} gives {mine.text!r} "
                               f"for {mine.measures or 'the same thing'}")
            c.status_evidence = [span]
            break


def _other_years(a: set[str], b: set[str]) -> bool:
    return bool(a and b and not a & b)


def _one_status_per_proposition(claims: list[Claim], stmts: list[Statement], idf) -> None:
    """Restatements of one proposition by one party share its status: where the other side says
    it (or says otherwise) in answer to one wording, it has done so for all of them. A restatement is a claim of the
    same group whose words the corroborated one nearly all has (a longer claim that adds
    something keeps its own status), and a one-sided status resting on an account's explicit 'X
    did not mention it' stands."""
    found: dict[tuple, list[int]] = {}
    for k, c in enumerate(claims):
        if c.group is not None and c.party and c.status in ("corroborated", "contradicted") and c.status_evidence \
                and not any(w in (c.status_reason or "") for w in (NAMED_REASON, MANNER_REASON)):
            # not where only the same named matter or the manner of the talks was found: of a part, maybe
            found.setdefault((c.group, c.party), []).append(k)
    for k, c in enumerate(claims):
        if c.group is None or c.status != "one_sided" or c.status_evidence:
            continue
        for j in found.get((c.group, c.party), []):
            if coverage(stmts[k], stmts[j], idf)[0] >= STRONG_COVER:
                peer = claims[j]
                if peer.status == "contradicted" and coverage(stmts[j], stmts[k], idf)[0] < STRONG_COVER:
                    continue   # a part of the contradicted claim ('zero tariff on flowers' in the
                    # sentence whose coffee tariff is disputed) is not what is disputed
                c.status, c.status_evidence = peer.status, list(peer.status_evidence)
                c.status_reason = f"{peer.status_reason} (a restatement of {peer.id})"
                break


MIRROR_COVER = 0.25   # the least share of a one-sided claim's terms the other side's claim citing it must have


def _mirrors(claims: list[Claim], stmts: list[Statement], idf) -> None:
    """Where the other side's claim is corroborated by this claim's very words, this claim is not
    one-sided either: a reader sees the two cite each other ('Putin agreed to work together'
    corroborated by Trump's 'We agreed to work together ...', which would otherwise stay one-sided).
    Only where the corroborated claim also has a fair share of this claim's terms (MIRROR_COVER):
    a long claim of which it matches one clause keeps its status."""
    where = {}
    for k, c in enumerate(claims):
        if c.status == "one_sided" and c.party and c.evidence and not c.status_evidence and c.stance != "listed":
            ev = c.evidence[0]
            where.setdefault(ev.account, []).append((ev.start, ev.end, k))
    for j, c in enumerate(claims):
        if c.status != "corroborated" or not c.party or not c.status_reason or not c.status_reason.endswith("says it too"):
            continue
        for e in c.status_evidence[:1]:
            for s, t, k in where.get(e.account, []):
                d = claims[k]
                if d.status != "one_sided" or d.party in (None, c.party) or not (s <= e.start and e.end <= t):
                    continue
                if coverage(stmts[k], stmts[j], idf)[0] < MIRROR_COVER or SALIENT in stmts[k].terms - stmts[j].terms:
                    continue   # (singling a matter out is confirmed only by singling it out)
                d.status, d.status_evidence = "corroborated", list(c.evidence[:1])
                d.status_reason = f"{c.party} says it too (claim {c.id}, which these words corroborate)"
                d.closest = d.closest_cover = None


def _parts_of_one_sided_wholes(claims: list[Claim]) -> None:
    """A one-sided claim inside a longer one-sided claim of the same party in the same account
    ('the Russian military to comply' inside the Kremlin's 'Putin welcomed the initiative and
    immediately instructed the Russian military to comply') is one finding, the longer one: the
    part gets no status of its own and points to it. (A part the other side corroborates keeps
    its finding: it says what of the whole the other side confirms.)"""
    wholes: dict[tuple, list[tuple[int, int, Claim]]] = {}
    for c in claims:
        if c.status == "one_sided" and c.party and c.evidence and c.stance != "listed":
            ev = c.evidence[0]
            wholes.setdefault((ev.account, c.party), []).append((ev.start, ev.end, c))
    for c in claims:
        if c.status != "one_sided" or not c.party or not c.evidence or c.stance == "listed":
            continue
        ev = c.evidence[0]
        whole = next((w for s, e, w in wholes.get((ev.account, c.party), [])
                      if w is not c and s <= ev.start and ev.end <= e and e - s > ev.end - ev.start), None)
        if whole is not None:
            c.status, c.status_evidence, c.closest, c.closest_cover = None, [], None, None
            c.status_reason = f"part of claim {whole.id}, which is the finding"


def _of_other_parties(a: Figure, b: Figure, lexicon: Optional[PartyLexicon]) -> bool:
    """Do the two figures count things of different parties ('fourteen Dravenian citizens',
    'nine citizens of Korvath')? Then they are two counts, not two versions of one."""
    if lexicon is None:
        return False
    pa, pb = lexicon.parties_in(a.measures or ""), lexicon.parties_in(b.measures or "")
    return bool(pa and pb) and pa.isdisjoint(pb)


_TO_VALUE = re.compile(r"\s*(?:to|-|–)\s*\S")


def _distinct_figures(voiced: list[tuple[str, Figure, Span]]) -> list[tuple[str, Figure, Span]]:
    """The first of each party's figures alike in all that `incompatible` reads (unit, value, hedge,
    what it measures): the others clash with the same figures, after it (5,000 accounts giving one
    count made the search for a clash quadratic)."""
    seen: set = set()
    out = []
    for p, f, span in voiced:
        key = (p, f.unit, f.value, (f.approx or "").lower(), f.measures)
        if key not in seen:
            seen.add(key)
            out.append((p, f, span))
    return out


def _merge_restatements(claims: list[Claim], side_of: dict[str, str]) -> None:
    """One party stating one proposition several times (its readout, then press echoes of it) is
    one claim: the group's first statement from the party's own readout (else the longest) takes
    every member's evidence; the others stay listed, pointing to it, with no status of their own."""
    members: dict[tuple, list[Claim]] = {}
    for c in claims:
        if c.group is not None and c.party and c.status in {"one_sided", "contradicted", "corroborated"}:
            members.setdefault((c.group, c.party, c.status), []).append(c)
    for (_g, party, _status), same in members.items():
        if len(same) < 2:
            continue
        own = [c for c in same if c.evidence and side_of.get(c.evidence[0].account) == party]
        rep = own[0] if own else max(same, key=lambda c: len(c.text))
        seen = {(e.account, e.start, e.end) for e in rep.evidence}
        seen_status = {(e.account, e.start, e.end) for e in rep.status_evidence}
        for c in same:
            if c is rep:
                continue
            for e in c.evidence:
                if (e.account, e.start, e.end) not in seen:
                    seen.add((e.account, e.start, e.end))
                    rep.evidence.append(e)
            for e in c.status_evidence:
                if (e.account, e.start, e.end) not in seen_status:
                    seen_status.add((e.account, e.start, e.end))
                    rep.status_evidence.append(e)
            c.status, c.status_reason, c.status_evidence = None, f"restates claim {rep.id}", []


# ---------------------------------------------------------------- statements of the voices

def _claim_statements(claims: list[Claim], accounts, lexicon: PartyLexicon, docs) -> list[Statement]:
    """Each claim as a statement, from the tokens of its account's parse (a claim with no evidence
    in a parsed account has none)."""
    out = []
    for i, c in enumerate(claims):
        ev = c.evidence[0] if c.evidence else None
        account = accounts.get(ev.account) if ev else None
        toks = statement_tokens(docs[ev.account], account, ev.start, ev.end, c.text) \
            if account is not None and ev.account in docs else []
        if account is None:
            account = next(iter(accounts.values()))
        span = ev or account.span(0, 0)
        st = make_statement(toks, c.party, account, lexicon, "claim", i, span=span, text=c.text)
        if toks and not st.wish:
            # 'I want [to highlight three results]', 'expressed readiness [to continue personal
            # contacts]': the cue outside the claim makes it a wish
            st.wish = governed_by_wish(docs[ev.account], ev.start, ev.end)
        if c.stance == "commitment" and c.verb:
            # 'agreed to put the offer to members': the commitment is part of what is claimed, and
            # what 'did not agree to put the offer to members' denies
            st.preds.add(stem(c.verb))
            st.main_verbs.add(stem(c.verb))
        out.append(st)
    return out


def _quote_statements(quotes, parties, accounts, lexicon, side_of: dict[str, str], docs,
                      turns: dict[str, list[tuple[int, int]]]) -> list[Statement]:
    """Quotes as statements of the voice that relays them: a quote of the other leader inside a
    party's own readout is that party's voice, as its claims are."""
    # a quote in a questioner's turn ('Q: Sorvask claims the drone "had its transponders switched
    # off". Is that true?') is the questioner's relaying, not the transcript's party
    def voice(q) -> Optional[str]:
        if _in_a_turn(turns, q.account, q.start):
            return _questioned_party(q.speaker, side_of[q.account], lexicon)
        return side_of.get(q.account) or (_teller_of_a_pair(docs.get(q.account), q.start, q.end, lexicon) or (q.party,))[0]

    voiced = [(q, voice(q)) for q in quotes if q.account in accounts]
    voiced = [(q, party) for q, party in voiced if party in parties]
    out = []
    for q, party in voiced:
        st = make_statement(statement_tokens(docs[q.account], accounts[q.account], q.start, q.end, q.text)
                            if q.account in docs else [], party, accounts[q.account], lexicon, "quote",
                            span=accounts[q.account].span(q.start, q.end), text=q.text)
        # 'willing to “work with you ...”': the words around the quote make it a wish
        st.wish = st.wish or (q.account in docs and governed_by_wish(docs[q.account], q.start, q.end))
        out.append(st)
        out += _sentences_of_quote(q, party, accounts[q.account], docs.get(q.account), lexicon)
    return out


def _sentences_of_quote(q, party: str, account, doc, lexicon) -> list[Statement]:
    """Each sentence of a quote of several ('"There was no military target in Telno. The jets hit a
    school ...," the minister said') as a statement of its own too: a short denial in one of them
    answers the other side's claim though the whole quote says more."""
    pieces = _sentences_within(doc, account.text, q.start, q.end) if doc is not None else []
    if len(pieces) < 2:
        return []
    out = []
    for lo, hi in pieces:
        toks = doc.tokens_in(lo, hi)
        if sum(1 for t in toks if t.is_alpha) < 3:
            continue
        out.append(make_statement(list(toks), party, account, lexicon, "quote", span=account.span(lo, hi),
                                  text=account.text[lo:hi]))
    return out


def _evidence_by_account(claims: list[Claim]) -> dict[str, list[tuple[Claim, Span]]]:
    """Each account's claim evidence, in the order of the claims (a scan of every claim per account
    was quadratic in the number of accounts)."""
    out: dict[str, list[tuple[Claim, Span]]] = {}
    for c in claims:
        for e in c.evidence:
            out.setdefault(e.account, []).append((c, e))
    return out


def _speaker_is_one_of_a_pair(c: Claim, docs, lexicon: Optional[PartyLexicon] = None) -> bool:
    """The claim's speaker is one conjunct of the subject of a verb of its sentence ('Both the White
    House and the Kremlin confirmed ...', 'Varga and Sallis agreed ...'), not a source that tells
    what the pair did ('The Kremlin said Putin and Trump had held ...')."""
    ev = c.evidence[0] if c.evidence else None
    doc = docs.get(ev.account) if ev else None
    if doc is None or not doc.tokens or not c.speaker:
        return False
    toks = doc.tokens_in(ev.start, ev.end) or doc.tokens_in(ev.start, ev.start + 1)
    if not toks:
        return False
    name = {w.lower() for w in re.findall(r"\w+", c.speaker)}
    for v in doc.sent_of(toks[0].i):
        heads = subject_heads(v)
        if len(heads) == 1 and lexicon is not None and any(t.dep_ == "cc" for t in heads[0].subtree):
            # 'President Donald Trump and Russian President Vladimir Putin agreed', parsed as one noun
            # phrase: the pair is in its words, each party named
            words = list(heads[0].subtree)
            if len(lexicon.parties_in(" ".join(t.text for t in words))) >= 2 and \
                    name <= {t.lower_ for t in words}:
                return True
        if len(heads) < 2:   # 'A and B agreed' (B a conjunct of A, or a second subject of the verb)
            continue
        for h in heads:
            words = {x.lower_ for x in h.subtree if x.i == h.i or x.dep_ in {"compound", "amod", "poss", "det", "preconj"}}
            if h.lower_ in name or name <= words:
                return True
    return False


READOUT_CLAIMED = 0.25   # the share of a readout sentence claims must cover for it to be no claim of its own


def _readout_claims(analyses, claims: list[Claim], parties, docs, voice_of: Optional[dict[str, str]] = None) -> list[Claim]:
    """Sentences of a party's own readout that no claim covers become claims of that party. In an
    account of social posts each post is its author's: a reply by the other party is that party's
    voice, a post by no party's author nobody's, and a party's post embedded in a press account is
    that party's voice too."""
    out = []
    spans = _evidence_by_account(claims)
    for a in analyses:
        acc = a.account
        if acc.side not in parties and not any(p.party in parties for p in a.posts):
            continue
        issuer = (voice_of or {}).get(acc.id)   # the relayed readout's body, or its outlet
        # (a request the sentence puts to someone, 'you will be asked to choose a new one', is an act
        # told in it, not what it says: it leaves the sentence its own claim)
        asking = claim_lexicon().asking
        covered = [(e.start, e.end) for c, e in spans.get(acc.id, []) if c.verb not in asking]
        figures = [(f.start, f.end) for f in a.figures]
        for sent in docs[acc.id].sents:
            # headings and bylines are not propositions; a short sentence that gives a figure is one
            # ('The conversation lasted about 40 minutes.')
            short = sum(1 for t in sent if t.is_alpha) < (3 if any(sent.start_char <= f < sent.end_char
                                                                   for f, _e in figures) else 6)
            if short or "\n" in sent.text.strip():
                continue
            if any(s < sent.end_char and sent.start_char < e for s, e in a.furniture):
                continue
            # a claim inside the sentence makes it that claim's, unless the claim is a small part of
            # it ('... within 72 hours of confirming [the breach], and we have informed ...')
            inside = sum(min(e, sent.end_char) - max(s, sent.start_char)
                         for s, e in covered if s < sent.end_char and sent.start_char < e)
            if inside and inside >= READOUT_CLAIMED * (sent.end_char - sent.start_char) \
                    and not _figure_left_out(figures, covered, sent):
                continue
            post = next((p for p in a.posts if p.start <= sent.start_char < p.end), None)
            if post is not None:
                if post.party not in parties or sent.start_char < post.body_start:
                    continue
                speaker, party = post.author, post.party
            elif acc.side not in parties:
                continue
            else:
                speaker = (None if _names_an_actor(sent) else _speaker_continued(acc, spans.get(acc.id, []),
                                                                                  sent.start_char)) \
                    or issuer or acc.side
                party = acc.side
            out.append(Claim(text=sent.text.strip(), speaker=speaker, party=party,
                             channel=acc.kind, evidence=[acc.span(sent.start_char, sent.end_char)]))
    return out


def _figure_left_out(figures: list[tuple[int, int]], covered: list[tuple[int, int]], sent) -> bool:
    """A figure of the sentence that none of the claims inside it holds ('The ministers reviewed
    bilateral trade, which reached US$8.6 billion last year, and agreed on [a package of measures
    ...]'): the claims leave out what the sentence gives, so the sentence is a claim of its own."""
    return any(sent.start_char <= f < sent.end_char and not any(s <= f and e <= ce for s, ce in covered)
               for f, e in figures)


READOUT_HEAD_CHARS = 400   # where a relayed readout names its issuer ('Here's the Kremlin's readout:', a title '... - The Kremlin')


def _readout_issuer(acc, doc, parties, party: Optional[str] = None) -> Optional[str]:
    """The body of the account's own party that its head names, where the account relays that
    party's readout (a blog's 'Here's the Kremlin's readout of the phone chat:', a title ending
    '- The Kremlin', a 'The White House' line): its sentences are that body's words, not the relaying
    outlet's. None where the head names no such body."""
    k = kbase.load()
    for ent in doc.ents:
        if ent.start_char >= READOUT_HEAD_CHARS:
            break
        entry = k.lookup(ent.text)
        if entry is not None and entry.kind != "person" and \
                party_for(entry.name, entry.country, parties) == (party or acc.side):
            return entry.name
    return None


_ACTOR_NOUNS = frozenset(_WORDS["parties"].words("actor_nouns"))


def _names_an_actor(sent) -> bool:
    """The sentence's subject is a person or an office holder ('The President of Russia invited
    ...'), or it is passive: the readout narrates what someone did or what happened, it does not go
    on with the previous speaker's words."""
    for t in sent:
        if t.dep_ == "nsubjpass" and t.head.dep_ == "ROOT":
            return True   # 'the subjects of ... were touched upon': the readout telling what happened
        if t.dep_ == "nsubj" and t.head.dep_ == "ROOT":
            return any(x.ent_type_ == "PERSON" or x.lemma_.lower() in _ACTOR_NOUNS for x in t.subtree)
    return False


def _first_person_in_readouts(claims: list[Claim], accounts, side_of: dict[str, str],
                              posts: Optional[dict[str, list]] = None, voice_of: Optional[dict[str, str]] = None) -> None:
    """'I would like to work with Mr. President ...' outside quotes in a party's readout is the leader
    whose words the paragraph gives, not the readout's writer. So is a sentence whose 'speaker' is
    an unnamed collective of the leader's own words ('... the international community expects
    China and the US to take the lead'): a lower-case speaker names no one."""
    spans = None
    for c in claims:
        if not c.speaker or not (c.speaker == AUTHOR or c.speaker.islower()) or not c.evidence \
                or c.evidence[0].account not in side_of:
            continue
        spans = spans if spans is not None else _evidence_by_account(claims)
        ev = c.evidence[0]
        who = _speaker_continued(accounts[ev.account], [(o, e) for o, e in spans.get(ev.account, [])
                                                        if o.speaker != AUTHOR and not o.speaker.islower()], ev.start)
        if who:
            c.speaker = who
        elif c.speaker == AUTHOR:
            # 'We will appeal ...' in a company's own statement: the first person is the statement's
            # author, the account's outlet (or its side); in a post, the post's author (the outlet
            # of a page of posts is its platform)
            acc = accounts[ev.account]
            post = next((p for p in (posts or {}).get(ev.account, ()) if p.body_start <= ev.start < p.end), None)
            c.speaker = post.author if post is not None and post.author else \
                (voice_of or {}).get(ev.account) or acc.outlet or side_of[ev.account]


def _pair_under_a_speaker(claims: list[Claim], docs, lexicon: PartyLexicon, side_of: dict[str, str]) -> None:
    """'While Trump said he and Putin agreed that "we want to stop ..."': what a pair agreed, as one
    person tells it, is that person's claim (his party's voice), not the other member's. Applies
    where the claim's cue has two or more subjects and is itself the content of a speech verb whose
    subject names exactly one party; a party's own readout keeps its voice."""
    for c in claims:
        ev = c.evidence[0] if c.evidence else None
        if ev is None or ev.account in side_of:
            continue
        teller = _teller_of_a_pair(docs.get(ev.account), ev.start, ev.end, lexicon)
        if teller is not None and teller[0] != c.party:
            c.party, c.speaker = teller


def _relay_speaks_for_pairs(claims: list[Claim], docs, accounts, parties, lexicon: PartyLexicon) -> None:
    """'Trump and Putin agreed that the conflict needs to end' in a report that relays the White
    House readout (`Account.presents`): the relayed party's account of both, not one member's claim."""
    voice: dict[str, str] = {}   # account -> the relayed party's voice in it, found once
    for c in claims:
        ev = c.evidence[0] if c.evidence else None
        acc = accounts.get(ev.account) if ev else None
        if acc is None or acc.side != "press" or acc.presents not in parties or c.party == acc.presents:
            continue
        if (c.party is None and _names_both_sides(c.speaker)) or \
                (c.party is not None and _speaker_is_one_of_a_pair(c, docs, lexicon)):
            if acc.id not in voice:
                voice[acc.id] = (_readout_issuer(acc, docs[acc.id], parties, acc.presents) if acc.id in docs else None) \
                    or acc.outlet or f"{acc.presents} (as {acc.id} relays it)"
            c.party, c.speaker = acc.presents, voice[acc.id]


def _names_both_sides(speaker: Optional[str]) -> bool:
    """'sides', 'two sides', 'SRs', 'the two parties': a plural of the nouns for either party's
    people or side, the subject of 'Both sides agreed ...'."""
    words = re.findall(r"[a-z]+", (speaker or "").lower())
    if not words or not words[-1].endswith("s") or len(words) > 3:
        return False
    return words[-1][:-1] in JOINT_NOUNS or words[-1][:-3] + "y" in JOINT_NOUNS


def _teller_of_a_pair(doc, start: int, end: int, lexicon: PartyLexicon) -> Optional[tuple[str, str]]:
    """(party, words) of the one who tells what a pair agreed, for the words at [start, end) (see
    `_pair_under_a_speaker`); None where that is not the frame."""
    if doc is None or not doc.tokens:
        return None
    toks = doc.tokens_in(start, end)
    if not toks:
        return None
    ids = {t.i for t in toks}
    cues = [t.head for t in toks if t.head.i not in ids and t.head.pos_ in {"VERB", "AUX"}]
    if not cues:
        return None
    cue = cues[0]
    if len(subject_heads(cue)) < 2:
        return None
    if cue.dep_ in {"ccomp", "xcomp"}:
        outer = cue.head
    else:
        # 'While Trump said he and Putin agreed ...' parsed with 'said' as a clause of 'agreed':
        # a speech verb hanging off the cue with no content of its own is the cue's frame
        outer = next((v for v in cue.children if v.dep_ == "advcl" and v.i < cue.i
                      and not any(x.dep_ in {"ccomp", "xcomp", "dobj"} for x in v.children)), None)
        if outer is None:
            return None
    if outer.pos_ != "VERB" or outer.lemma_.lower() not in REPORTING_VERBS:
        return None
    speaker = [s for s in outer.children if s.dep_ == "nsubj"]
    if len(speaker) != 1 or speaker[0].conjuncts:
        return None
    words = list(speaker[0].subtree)
    named = {lexicon.party_of_token(t) for t in words} - {None}
    named |= lexicon.parties_in(" ".join(t.text for t in words))
    return (named.pop(), " ".join(t.text for t in words)) if len(named) == 1 else None


def _readout_speaks_for_both(claims: list[Claim], accounts, side_of: dict[str, str],
                             voice_of: Optional[dict[str, str]] = None) -> None:
    """'The two sides agreed to ...' in a party's readout: the subject is no speaker; the readout
    (its outlet, else its party) is."""
    for c in claims:
        if not c.speaker or not c.evidence or c.evidence[0].account not in side_of:
            continue
        words = c.speaker.lower().split()
        if JOINT_SUBJECT.match(c.speaker) or (len(words) == 1 and words[0].rstrip("s") in JOINT_NOUNS | {"head"}):
            acc = accounts[c.evidence[0].account]
            c.speaker = (voice_of or {}).get(acc.id) or acc.outlet or f"{side_of[acc.id]} readout"


AUTHOR = "the author"   # the speaker attribution gives first-person narration outside quotes


def _speaker_continued(acc, spans: list, start: int) -> Optional[str]:
    """A readout sentence with no attribution of its own that follows, in the same paragraph, a
    sentence telling what someone said ('Xi pointed out that ... . China and the US should ...')
    goes on with that speaker's words."""
    before = [(e.end, c.speaker, c.stance) for c, e in spans if e.end <= start and c.speaker]
    if not before:
        return None
    end, speaker, stance = max(before, key=lambda x: x[0])
    if "\n\n" in acc.text[end:start] or speaker in (acc.outlet, acc.side) or speaker.islower():
        return None   # a new paragraph; the readout itself; an unnamed 'heads', 'sides'
    if stance == "contested":
        return None   # 'The Commission claims a turnout of 58.4%. The protocols in our hands show ...':
        #               what the readout disputes is no speaker it goes on quoting
    return speaker


DISAGREEMENT_WORDS = frozenset(_WORDS["speech"].words("disagreement_words"))


def _says_they_disagree(verb) -> bool:
    """'differ', 'gave conflicting accounts', 'have different views': the verb, or its object and
    that object's modifiers, say the two disagree."""
    words = [verb] + [c for c in verb.children if c.dep_ in {"dobj", "attr", "acomp", "oprd"}]
    words += [m for w in words[1:] for m in w.children if m.dep_ == "amod"]
    return any(w.lemma_.lower() in DISAGREEMENT_WORDS or w.lower_ in DISAGREEMENT_WORDS for w in words)


def _joint_statements(analyses, claims: list[Claim], docs, lexicon) -> list[Statement]:
    """Press sentences whose subject is both parties ('both sides agreed ...') speak for each of them,
    unless a party's claim already covers the sentence (then it is that party's account of both). In
    a report that relays one party's statement (`Account.presents`) they are that party's account of
    both, a statement of that party only."""
    out = []
    spans = _evidence_by_account(claims)
    for a in analyses:
        acc = a.account
        if acc.side != "press":
            continue
        relayed = acc.presents if acc.presents in lexicon.words else None
        voiced = [(e.start, e.end) for c, e in spans.get(acc.id, []) if c.party]
        # a party's quoted words ('"The two leaders shared the view ...," said the readout') are that
        # party's account of both, not a report of both
        voiced += [(q.start, q.end) for q in a.quotes if q.party]
        for sent in docs[acc.id].sents:
            subj = [t for t in sent if t.dep_ in {"nsubj", "nsubjpass"} and t.head.dep_ == "ROOT"]
            if not subj:
                continue
            head = subj[0]
            subj_text = " ".join(t.text for t in sorted(head.subtree, key=lambda t: t.i))
            # 'both sides', 'the two leaders', or 'Norland and Castavia' (the parties as conjuncts)
            conjuncts = [head] + [t for t in head.conjuncts]
            joint = bool(JOINT_SUBJECT.match(subj_text)) and head.lemma_.lower() in JOINT_NOUNS or (
                len(conjuncts) >= 2 and len({lexicon.party_of_token(t) for t in conjuncts} - {None}) >= 2)
            if not joint or any(s < sent.end_char and sent.start_char < e for s, e in voiced):
                continue
            if not _reports_an_act(head.head):
                continue  # 'China and the US are the world's largest economies': the writer's description
            if _says_they_disagree(head.head):
                continue  # 'Lorvenia and Haldmark gave conflicting accounts of whether ...': no agreement
            out.append(make_statement(list(sent), relayed or "*", acc, lexicon, "joint"))
    return out


def _relayed_occurrences(analyses, claims: list[Claim], docs, lexicon) -> list[Statement]:
    """A report relaying one party's statement (`Account.presents`) that says the event took place
    ('The 23rd meeting ... was held in Beijing'): that party's side confirms the event. Such a
    sentence is evidence only that the event took place (kind 'occurrence'), never for what was
    said in it."""
    out = []
    spans = _evidence_by_account(claims)
    for a in analyses:
        acc = a.account
        if acc.side != "press" or acc.presents not in lexicon.words:
            continue
        voiced = [(e.start, e.end) for c, e in spans.get(acc.id, []) if c.party]
        for sent in docs[acc.id].sents:
            if any(s < sent.end_char and sent.start_char < e for s, e in voiced):
                continue
            st = make_statement(list(sent), acc.presents, acc, lexicon, "occurrence")
            if st.occurrence:
                out.append(st)
    return out


def _reports_an_act(verb) -> bool:
    """The sentence tells what the subject did (a past or perfect verb other than 'be'/'have':
    'both sides agreed ...', 'the two leaders have discussed ...'), not what it is."""
    if verb.lemma_.lower() in {"be", "have"}:
        return False
    return verb.tag_ in {"VBD", "VBN"}


DENIAL_VERBS = frozenset(_WORDS["speech"].words("denial_verbs"))


def _reported_denials(analyses, docs, lexicon) -> list[Statement]:
    """Press sentences reporting that one party denied something ('Castavia's foreign ministry
    denied that any agreement had been reached') are that party's denial, even where attribution
    gave the sentence no speaker: the subject of the denial verb names exactly one party. The
    whole sentence is the statement: it usually restates what is denied ('..., contradicting the
    readout, which said ...')."""
    out = []
    for a in analyses:
        acc = a.account
        if acc.side != "press":
            continue
        for sent in docs[acc.id].sents:
            for tok in sent:
                if tok.pos_ != "VERB" or tok.lemma_.lower() not in DENIAL_VERBS or tok.dep_ in {"advcl", "xcomp"}:
                    continue  # '..., contradicting the readout' is the reporter's gloss, not a party's act
                subj = [t for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree]
                named = {lexicon.party_of_token(t) for t in subj} - {None}
                named |= lexicon.parties_in(" ".join(t.text for t in subj))
                if len(named) != 1:
                    continue
                st = make_statement(list(sent), named.pop(), acc, lexicon, "denial")
                st.denial = True
                out.append(st)
                break
    return out


def _idf(docs) -> dict[str, float]:
    df: Counter = Counter()
    n = 0
    stems: dict[str, str] = {}   # stemming is the slow part: once per lemma
    for doc in docs:
        for sent in doc.sents:
            n += 1
            df.update({stems.get(t.lemma_) or stems.setdefault(t.lemma_, stem(t.lemma_)) for t in sent if t.is_alpha})
    return {t: math.log((n + 1) / (c + 1)) + 1.0 for t, c in df.items()} | {"__n__": float(n)}


def _weight(term: str, idf: dict[str, float]) -> float:
    return idf.get(term, math.log(idf.get("__n__", 1.0) + 1) + 1.0)


def coverage(a: Statement, b: Statement, idf: dict[str, float]) -> tuple[float, int]:
    """Weighted share of a's terms (and counted things) that b also has, and how many."""
    if not a.terms:
        return 0.0, 0
    shared = a.terms & b.terms
    if b.implied:   # 'a trip to Beijing' says they meet
        shared |= a.terms & b.implied
    total = math.fsum(_weight(t, idf) for t in a.terms)
    return math.fsum(_weight(t, idf) for t in shared) / total, len(shared)


COPY_WORDS = 8   # a run of this many words in a row, the same in two statements, is one text copied
COPY_MIN = 5     # ... or the whole of a shorter claim, if it has this many words (articles aside)
_ARTICLES = frozenset({"the", "a", "an"})


_QUOTED = re.compile(r"[\"\u201c]([^\"\u201c\u201d]+)(?:[\"\u201d]|$)")


def _quoted(text: str) -> str:
    """The words of a text inside quotation marks (an open quote may run to its end)."""
    return " / ".join(m.group(1) for m in _QUOTED.finditer(text))


def _copies(a: str, b: str) -> bool:
    """Does one text repeat a run of COPY_WORDS words of the other? A press sentence giving both
    sides' names to a party's own wording in quotation marks ('Trump and Putin also "discussed the
    need to stop proliferation ..."') relays that party's readout: it is no second voice for it.
    (Unquoted, the same words may be the other side's own: joint readouts share agreed wording.)"""
    # articles aside ('the need to stop the proliferation' ~ 'the need to stop proliferation'); a
    # claim shorter than COPY_WORDS words is copied where all of it is, if it has COPY_MIN words
    wa, wb = ([w for w in re.findall(r"\w+", t.lower()) if w not in _ARTICLES] for t in (a, b))
    n = min(COPY_WORDS, len(wb))
    if n < COPY_MIN:
        return False
    grams = {tuple(wa[i:i + n]) for i in range(len(wa) - n + 1)}
    return any(tuple(wb[i:i + n]) in grams for i in range(len(wb) - n + 1))


def _covers(a: Statement, b: Statement, idf) -> float:
    cov, n = coverage(a, b, idf)
    need = 1 if len(a.terms) <= 2 else 2
    return cov if n >= need else 0.0


# ---------------------------------------------------------------- grouping

def _group(claims: list[Claim], stmts: list[Statement], idf) -> None:
    parent = list(range(len(claims)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # _covers reads only the terms: statements with the same terms are joined to the first of them
    # as any two of them would be, and the pairs are tried between term sets only. Of those, only
    # pairs where one holds a term of the other's rarest terms (_rare_terms) can cover each other:
    # found through an index of terms rather than by trying every pair (the groups are the same)
    reps: dict[frozenset, int] = {}
    for k, st in enumerate(stmts):
        r = reps.setdefault(frozenset(st.terms), k)
        if r != k and _covers(st, stmts[r], idf) >= GROUP_COVER and _covers(stmts[r], st, idf) >= GROUP_COVER:
            parent[find(k)] = find(r)
    by_term: dict[str, list[int]] = {}
    for k in reps.values():
        for t in stmts[k].terms:
            by_term.setdefault(t, []).append(k)
    for i in reps.values():
        rare = _rare_terms(stmts[i].terms, idf, GROUP_COVER)
        for j in sorted({j for t in rare for j in by_term[t] if j > i}):
            if len(stmts[i].terms & stmts[j].terms) < 2:
                continue   # one shared word is no shared proposition (equal term sets were joined above)
            if _covers(stmts[i], stmts[j], idf) >= GROUP_COVER and _covers(stmts[j], stmts[i], idf) >= GROUP_COVER:
                parent[find(j)] = find(i)
    roots: dict[int, int] = {}
    sizes = Counter(find(i) for i in range(len(claims)))
    for i, c in enumerate(claims):
        r = find(i)
        if sizes[r] > 1:
            c.group = roots.setdefault(r, len(roots) + 1)


# ---------------------------------------------------------------- candidate statements

def _rare_terms(terms: set[str], idf, share: float) -> list[str]:
    """The rarest of `terms` (heaviest by idf) whose weight leaves less than `share` of the total to
    the others: a statement holding none of them covers less than `share` of `terms`."""
    ws = sorted(((_weight(t, idf), t) for t in terms), reverse=True)
    total = math.fsum(w for w, _t in ws)
    rest, out = total, []
    for w, t in ws:
        if rest < share * total * (1 - 1e-6):   # a margin for the order of float sums
            break
        out.append(t)
        rest -= w
    return out


class _Voices(list):
    """The voice statements of a case with an index of where each term, frame noun, evaluative
    statement and occurrence statement lies, per party (built on first use). `_candidates` reads it
    so that a claim is compared with the statements that could matter to its status, not with every
    statement of the other side (all pairs: 5,000 one-line accounts took more than 5 minutes)."""

    _index = None

    def index(self) -> "_VoiceIndex":
        if self._index is None or self._index.size != len(self):
            self._index = _VoiceIndex(self)
        return self._index


class _VoiceIndex:
    def __init__(self, voice: list[Statement]):
        self.size = len(voice)
        self.parties = list(dict.fromkeys(v.party for v in voice if v.party is not None))
        self.by_terms: dict[tuple, list[int]] = {}          # (party, term) -> term sets holding it
        self.members: dict[tuple, list[int]] = {}           # (party, term set) -> statements, in order
        self.occurring: dict[tuple, list[int]] = {}         # (party, term set) -> its occurrence statements
        self.tone_terms: dict[tuple, list[int]] = {}        # (party, term) -> evaluative statements
        self.tone_frame: dict[tuple, list[int]] = {}        # (party, frame noun) -> evaluative statements
        self.occurrences: dict[Optional[str], list[int]] = {}
        self.manner: dict[Optional[str], list[int]] = {}    # party -> statements characterising the exchange
        self.acts: dict[Optional[str], list[int]] = {}      # party -> its claims and quotes (not denials)
        self.event_acts: dict[Optional[str], list[int]] = {}  # ... of them, those naming the event
        self.by_adjective: dict[tuple, list[int]] = {}      # (party, adjective less a negating prefix) -> statements
        self.by_description: dict[tuple, list[int]] = {}    # (party, stem of a word with an opposite description) -> statements
        self.term_set: list[int] = []                       # statement -> its term set's number
        self.by_count: dict[tuple, list[int]] = {}          # (party, counted key) -> statements counting it
        self.blaming: dict[Optional[str], list[int]] = {}   # party -> statements naming who did it
        self.asking: dict[Optional[str], list[int]] = {}    # party -> statements naming who asked for it
        self.finding: dict[Optional[str], list[int]] = {}   # party -> its statements of what it concluded
        self.negating: dict[tuple, list[int]] = {}          # (party, negated stem) -> statements negating it
        self.denying_nouns: dict[tuple, list[int]] = {}     # (party, noun) -> statements saying something is not one
        self.naming: dict[tuple, list[int]] = {}            # (party, noun) -> statements with that noun
        self.changing: dict[tuple, list[int]] = {}          # (party, thing) -> statements telling a change of it
        self.main_verb: dict[tuple, list[int]] = {}         # (party, main verb stem) -> statements
        sets: dict[frozenset, int] = {}
        for k, v in enumerate(voice):
            key = frozenset(v.terms)
            n = sets.setdefault(key, len(sets))
            self.term_set.append(n)
            if (v.party, n) not in self.members:
                for t in key | v.implied:
                    self.by_terms.setdefault((v.party, t), []).append(n)
            self.members.setdefault((v.party, n), []).append(k)
            if v.tone:
                for t in v.terms:
                    self.tone_terms.setdefault((v.party, t), []).append(k)
                for t in v.frame:
                    self.tone_frame.setdefault((v.party, t), []).append(k)
            if v.manner:
                self.manner.setdefault(v.party, []).append(k)
            if v.kind in ("claim", "quote") and not v.denial:
                self.acts.setdefault(v.party, []).append(k)
                if "event" in v.frame:
                    self.event_acts.setdefault(v.party, []).append(k)
            if v.occurrence:
                self.occurrences.setdefault(v.party, []).append(k)
                self.occurring.setdefault((v.party, n), []).append(k)
            for a in v.adjs:
                self.by_adjective.setdefault((v.party, adjective_base(a)), []).append(k)
            for d in v.described:
                self.by_description.setdefault((v.party, d), []).append(k)
            for key in v.numbers:
                if _counts_things(key):
                    self.by_count.setdefault((v.party, key), []).append(k)
            if v.blame:
                self.blaming.setdefault(v.party, []).append(k)
            if v.asker:
                self.asking.setdefault(v.party, []).append(k)
            if v.kind in ("claim", "quote") and not v.denial and not v.negated and v.terms & _FINDING_STEMS:
                self.finding.setdefault(v.party, []).append(k)
            for t in v.negated:
                self.negating.setdefault((v.party, t), []).append(k)
            for t in v.not_so:
                self.denying_nouns.setdefault((v.party, t), []).append(k)
            for t in v.nouns:
                self.naming.setdefault((v.party, t), []).append(k)
            for _verb, thing, _later in v.changes:
                self.changing.setdefault((v.party, thing), []).append(k)
            for t in v.main_verbs:
                self.main_verb.setdefault((v.party, t), []).append(k)


def _candidates(voice: list[Statement], c: Claim, st: Statement, idf, keep) -> list[Statement]:
    """The statements of other parties that can decide claim c's status, in voice order: a subset of
    the other side's voice that gives _decide the same result as all of it. `keep(v)` says whether
    v would be compared at all (its place, the statement itself); the party is checked here. Taken:
    - of each term set holding one of the claim's rarest terms (those a statement covering COVER of
      the claim's terms, of its discussed topic or of one of its parts must share), its first three
      statements and its first occurrence statement (statements of one term set score alike: only
      the first three can be among the best three, the first occurrence among the occurred);
    - for each of the claim's terms, the first statement holding it (the union of the other
      side's terms);
    - for each of the claim's terms and frame nouns, the first two evaluative statements holding it
      (peers of an evaluation);
    - the first occurrence statement of each party;
    - for a claim characterising the exchange, each party's first two statements that do too;
    - for a claim that the event took place, each party's first claim or quote, and first naming the
      event (telling what was said there takes it that it took place);
    - for a claim naming things or giving counts, the first three statements of each term set holding
      one of the rarest terms a statement covering NAMED_COVER of the claim must share;
    - for a claim counting things, the first three statements of each term set holding the counted noun;
    - for each of its adjectives, the first two statements with the same adjective or its opposite form;
    - for each of its main verbs, the first three statements negating it; for each of its nouns, the
      first three denying something is one; for each noun it denies something is, the first three
      naming it; for each thing it says changed, the first three telling a change of it; for each
      stem it negates, the first three with it as their main verb."""
    if not isinstance(voice, _Voices):
        return voice
    ix = voice.index()
    parties = [p for p in ix.parties if p != c.party]
    picked: set[int] = set()

    def first(ks, n) -> int:
        got = 0
        for k in ks:
            if keep(voice[k]):
                picked.add(k)
                got += 1
                if got == n:
                    break
        return got

    rare: set[str] = set(_rare_terms(st.terms, idf, COVER))
    if st.topic:
        want = st.topic & st.named or st.topic   # as _topic_raised reads it
        rare.update(_rare_terms(want, idf, COVER))
    for part in st.parts:
        rare.update(_rare_terms(part, idf, COVER))
    if st.named or st.numbers:
        rare.update(_rare_terms(st.terms, idf, NAMED_COVER))
    for p in parties:
        term_sets = {n for t in rare for n in ix.by_terms.get((p, t), ())}
        for n in term_sets:
            ks = ix.members[(p, n)]
            first(ks, 3)
            first(ix.occurring.get((p, n), ()), 1)
        for t in st.terms:
            for n in ix.by_terms.get((p, t), ()):
                if first(ix.members[(p, n)], 1):
                    break
        for t in st.numbers:
            if _counts_things(t):   # statements counting the same things (_counted_otherwise)
                for n in ix.by_terms.get((p, t), ()):
                    first(ix.members[(p, n)], 3)
                kin = PEOPLE_ROLES | PEOPLE_GENERAL if t in PEOPLE_GENERAL else PEOPLE_GENERAL if t in PEOPLE_ROLES else ()
                for key in {t} | set(kin):
                    first(ix.by_count.get((p, key), ()), 3)
        for t in st.terms | st.frame:
            first(ix.tone_terms.get((p, t), ()), 2)
            first(ix.tone_frame.get((p, t), ()), 2)
        first(ix.occurrences.get(p, ()), 1)
        for a in st.adjs:   # the opposite form of one of its adjectives (_opposite_words)
            first(ix.by_adjective.get((p, adjective_base(a)), ()), 2)
        for d in st.described:   # a word describing it the opposite way (_opposite_words)
            for o in claim_lexicon().descriptions.get(d, ()):
                first(ix.by_description.get((p, o), ()), 2)
        if st.manner:
            first(ix.manner.get(p, ()), 2)
        if st.blame:   # who did it, as the other side tells it (_blamed_otherwise)
            first(ix.blaming.get(p, ()), 5)
        if st.asker:   # who asked for it, as the other side tells it
            first(ix.asking.get(p, ()), 3)
        if st.rejects == p:   # what that side concluded (_findings_of)
            first(ix.finding.get(p, ()), 3)
            first(ix.acts.get(p, ()), 1)
        if st.occurrence:
            first(ix.acts.get(p, ()), 1)
            first(ix.event_acts.get(p, ()), 1)
        for t in st.main_verbs:   # a short denial of what the claim's main verb asserts (_denied_by)
            first(ix.negating.get((p, t), ()), 3)
        for t in st.negated:      # what the claim denies, as the other side's main verb (_negation_answered)
            first(ix.main_verb.get((p, t), ()), 3)
        for t in st.nouns:        # the other side denying that something is one (_identity_denied, reversed)
            first(ix.denying_nouns.get((p, t), ()), 3)
        for t in st.not_so:       # the other side calling something what the claim denies it is
            first(ix.naming.get((p, t), ()), 3)
        for _verb, thing, _later in st.changes:   # the same thing doing the opposite (_opposite_acts)
            first(ix.changing.get((p, thing), ()), 3)
    return [voice[k] for k in sorted(picked)]


# ---------------------------------------------------------------- status

def _decide(c: Claim, st: Statement, voice: list[Statement], ncs: list[NonConfirmation], claims, claim_stmts,
            idf, parties) -> None:
    # a statement of the other party at the very place of this claim is a clash of attributions, not
    # a second voice
    others = [v for v in _candidates(voice, c, st, idf,
                                     lambda v: v is not st and (v.kind == "denial" or not _same_place(v.span, c.evidence)))
              if v.party not in (c.party, None) and v is not st
              and (v.kind != "occurrence" or st.occurrence)
              and (v.kind == "denial" or not _same_place(v.span, c.evidence))
              and not (v.kind == "joint" and v.party == "*" and _copies(_quoted(v.text), c.text))]
    silent = [nc for nc in ncs if nc.holder != c.party and _nc_targets(nc, c, st, idf)]
    if silent and all(nc.anaphoric for nc in silent) and _said_nearly_whole(st, others, idf, COVER):
        # 'India had not mentioned any of these aspects' refers to a few sentences before it, loosely;
        # the other side saying nearly the whole claim in its own words outweighs it
        silent = []
    if silent:
        c.status = "one_sided"
        c.status_evidence = [nc.span for nc in silent]
        who = sorted({nc.holder for nc in silent})
        c.status_reason = f"an account says {', '.join(who)} did not confirm or mention it ({silent[0].cue})"
        return

    if st.fragment:
        c.status, c.status_reason = None, "a phrase, not a full proposition"
        return
    if st.initiative and st.occurrence and _initiative_decided(c, st, voice, parties):
        return
    if len(st.terms) < MIN_TERMS and not st.numbers and not st.years:
        if _manner_confirmed(c, st, others):
            return
        # an evaluation of the event ('an excellent call') or a fragment: does the other side evaluate too?
        peers = _evaluations_of_the_same(st, others)
        alike = [v for v in peers if v.polarity * st.polarity >= 0]
        if st.tone and alike:
            c.status, c.status_reason = "corroborated", "the other side also characterises the event"
            c.status_evidence = [alike[0].span]
        elif st.tone and peers:
            # 'acted in a professional and restrained manner' against 'a dangerous and unprovoked act'
            c.status, c.status_reason = "contradicted", f"{_who(peers[0])} characterises it the other way"
            c.status_evidence = [peers[0].span]
        elif (answered := _negation_answered(st, others, idf)) is not None:
            # 'no document had been signed' against 'The ministers signed a Memorandum ...'
            c.status, c.status_reason = "contradicted", f"{c.party} denies what {_who(answered)} asserts"
            c.status_evidence = [answered.span]
        else:
            c.status, c.status_reason = None, "too little to compare"
        return

    if st.topic and not (set(st.numbers) - JOINT_COUNTS) & st.topic and _topic_raised(c, st, others, idf):
        return
    scored = sorted(((_covers(st, v, idf), k, v) for k, v in enumerate(others)), key=lambda x: (-x[0], x[1]))
    best = [v for cov, _k, v in scored if cov >= COVER]
    clash = _contradiction(c, st, others, idf, best)
    if clash is not None:
        v, reason = clash
        c.status, c.status_reason, c.status_evidence = "contradicted", reason, [v.span]
        return
    if not best and _manner_confirmed(c, st, others):
        return
    if not best and _named_and_more(c, st, others, idf):
        return
    if not best and _same_act(c, st, others, idf):
        return
    if not best and _dated_alike(c, st, others):
        return
    if not best and _parts_covered(c, st, others, idf):
        return
    if not best and _not_a_proposition(c, st, others):
        return
    if not best and not st.refutes and not st.negated and (refuted := _refuted_by(st, others, idf)) is not None:
        c.status, c.status_reason = "contradicted", f"{_who(refuted)} calls it false"
        c.status_evidence = [refuted.span]
        return
    if not best and (judged := _judged_otherwise(st, others)) is not None:
        v, noun = judged
        c.status = "contradicted"
        c.status_reason = f"{_who(v)} judges the {_surface({noun}, v.text)} the other way"
        c.status_evidence = [v.span]
        return
    if not best:
        c.status = "one_sided"
        c.status_reason = f"no statement of {_other_names(c.party, parties)} covers it"
        _note_closest(c, st, others, idf)
        return
    # a negation of another mood is neither: 'no notice has been served' neither confirms nor denies
    # 'notice will be served on Monday'
    best = [v for v in best if st.irrealis == v.irrealis or not _one_negates(st, v)]
    if not best:
        c.status = "one_sided"
        c.status_reason = f"no statement of {_other_names(c.party, parties)} covers it"
        _note_closest(c, st, others, idf)
        return
    for v in best[:3]:
        conflict = _conflicting_number(st, v)
        # a negation answers an assertion of the same mood: 'no notice has been served' does not
        # answer 'notice will be served on Monday'
        same_mood = st.irrealis == v.irrealis
        if v.denial and not st.denial or (v.negated & _asserted(st) and not st.negated and same_mood) \
                or (same_mood and not st.negated and _negates_the_same_thing(v, st, idf)):
            c.status, c.status_reason = "contradicted", f"{_who(v)} denies it"
            c.status_evidence = [v.span]
            return
        if st.refutes and not v.denial and not v.negated \
                or st.negated & _asserted(v) and not v.negated and same_mood:
            # the claim calls false, or says did not happen, what the other side asserts
            c.status, c.status_reason = "contradicted", f"{c.party} denies what {_who(v)} asserts"
            c.status_evidence = [v.span]
            return
        if conflict:
            c.status, c.status_reason = "contradicted", f"{_who(v)} gives {conflict}"
            c.status_evidence = [v.span]
            return
    v = best[0]
    occurred = [b for b in best if b.occurrence]
    if st.occurrence and occurred:
        v = occurred[0]
        c.status, c.status_reason = "corroborated", f"{_who(v)} also reports the event took place"
        c.status_evidence = [v.span]
        return
    dated = [b for b in best if st.years and st.years <= b.years]
    if dated:
        v = dated[0]   # of the statements that cover it, one giving its years too
    missing = st.years - v.years
    if missing and not (st.months & v.months):
        c.status = "one_sided"
        c.status_reason = f"{_who(v)} says something alike but not {', '.join(str(y) for y in sorted(missing))}"
        c.status_evidence = [v.span]
        return
    uncounted = [k for k in st.numbers if (k in PEOPLE_GENERAL or k in PEOPLE_ROLES)
                 and not any(_counts_of_the_same(k, b.numbers) for b in best)]
    if uncounted:
        # 'at least 23 civilians were killed in an air strike on Telno' is not said by 'jets struck a
        # weapons depot near Telno': a count of people is what the claim tells, and no statement
        # covering it counts them
        c.status = "one_sided"
        c.status_reason = f"{_who(v)} says something alike but does not count the {_count_word(uncounted[0], c.text)}"
        c.status_evidence = [v.span]
        return
    embedded = (st.negated & v.preds - v.main_verbs) | (v.negated & st.preds - st.main_verbs)
    if bool(st.negated) != bool(v.negated) and st.irrealis == v.irrealis and not embedded:
        # (not where the other side has the negated verb only under another: 'opposes efforts to
        # change the status quo' against 'the policy has not changed')
        # the same things, one side negating and the other asserting ('No payment card data was
        # accessed' against 'the database contained payment card details'): never agreement
        c.status, c.status_reason = "contradicted", f"{_who(v)} says it the other way"
        c.status_evidence = [v.span]
        return
    if st.polarity * v.polarity < 0:
        # the same thing judged the other way ('a reckless and dangerous act by Velyrian pilots'
        # against 'our pilot acted professionally and in full accordance with international rules')
        c.status = "contradicted"
        c.status_reason = f"{_who(v)} judges it the other way ('{_surface(v.tone, v.text)}' where this says " \
                          f"'{_surface(st.tone, c.text)}')"
        c.status_evidence = [v.span]
        return
    if st.named and v.named and not st.named & v.named and not any(st.named & b.named for b in best):
        # the same words said of other named places or things ('a full, public recount of every
        # ballot cast in Osterveld Region' against 'a recount of all ballots cast in Harrowgate district')
        c.status = "one_sided"
        c.status_reason = f"{_who(v)} says something alike of {_surface(v.named, v.text)}, not of {_surface(st.named, c.text)}"
        c.status_evidence = [v.span]
        return
    if bool(st.negated) != bool(v.negated) and not embedded:
        # one side negating, the other asserting in another mood ('the jet did not come into contact
        # with the drone' against 'Ostmark will demand compensation for the drone'): no agreement
        c.status = "one_sided"
        c.status_reason = f"{_who(v)} says something alike, but not that"
        c.status_evidence = [v.span]
        return
    if v is best[0]:
        # the evidence shown: of the statements covering as much of the claim and agreeing with it,
        # the one most about it (most of its own words the claim's: 'will be held in San Aurelio in
        # 2027' for 'agreed to meet again next year in San Aurelio', not 'an air link between San
        # Aurelio and Vesterholm')
        top = _covers(st, v, idf)
        v = max((b for b in best if _covers(st, b, idf) >= top - EVIDENCE_TIE and bool(b.negated) == bool(v.negated)
                 and b.irrealis == v.irrealis and not (st.years - b.years)),
                key=lambda b: coverage(b, st, idf)[0], default=v)
    c.status, c.status_reason = "corroborated", f"{_who(v)} says it too"
    c.status_evidence = [v.span]


UNIT_NOUNS = frozenset(stem(w) for w in _WORDS["counting"].words("unit_nouns"))
_MONTH_STEMS = frozenset(stem(m) for m in MONTHS)


def _counts_things(key: str) -> bool:
    """Is a number's noun a thing counted ('ships', 'citizens'), not a unit, a share, a date's month
    ('1 October') or the participants?"""
    return key.isalpha() and key not in JOINT_COUNTS and key not in UNIT_NOUNS and key not in _MONTH_STEMS


def _counted_otherwise(st: Statement, others: list[Statement]) -> Optional[tuple[Statement, str]]:
    """The other side's statement that counts the very things this claim counts, differently ('Only
    one vessel was involved' against 'surrounded by four ships'), though it shares little else: a
    count of one kind of thing in one event is one fact, whatever the sentences around it."""
    mine = {k: vals for k, vals in st.numbers.items() if _counts_things(k)}
    if not mine:
        return None
    for v in others:
        if v.kind == "denial" or v.party == "*":
            continue
        if st.years and v.years and not st.years & v.years:
            continue   # counts of other years ('rose by 18% in 2024', 'fell by 5% in 2025')
        for key, vals in mine.items():
            for other in _counts_of_the_same(key, v.numbers):
                theirs = v.numbers[other]
                a, b = st.count_mods.get(key, set()), v.count_mods.get(other, set())
                if not (a <= b or b <= a):
                    continue   # 'one Pellandrian vessel' and 'about 40 fishing boats' count different things
                acts = st.count_acts.get(key, set()) & v.count_acts.get(other, set())
                did, they_did = st.count_doers.get(key, set()), v.count_doers.get(other, set())
                if did and they_did and not did & they_did:
                    continue   # 'treated by paramedics' and 'our medics treated 41 people': two counts
                if _other_sets(st, v, key, other):
                    continue
                if not (a & b) and not acts:
                    # 'four ships' may be any ships: only the same act ('surrounded') makes them these,
                    # the counted things' own verb or its object ('6,000 people took part in the march'
                    # ~ '25,000 people marched'; not 'a group of 200 people ... left the route' as the
                    # march reached Tanner Street)
                    continue
                if not vals & theirs:
                    return v, _versions(theirs, vals, other, v.text)
    return None


_FINDING_VERB_STEMS = frozenset(stem(w) for w in _WORDS["speech"].words("finding_verbs"))
_FINDING_STEMS = frozenset(stem(w) for w in _WORDS["speech"].words("finding_nouns")) | _FINDING_VERB_STEMS


def _findings_of(party: str, others: list[Statement]) -> Optional[Statement]:
    """The party's statement of what it concluded ('... after concluding that the company abused its
    dominant position'), else one naming a finding or decision, else its first claim."""
    own = [v for v in others if v.party == party and v.kind in ("claim", "quote") and not v.denial and not v.negated]
    return next((v for v in own if v.terms & _FINDING_VERB_STEMS),
                next((v for v in own if v.terms & _FINDING_STEMS), own[0] if own else None))


HOSTILE_ACT_STEMS = frozenset(stem(w) for w in _WORDS["blame"].words("hostile_acts"))


def _contradiction(c: Claim, st: Statement, others: list[Statement], idf,
                   best: list[Statement]) -> Optional[tuple[Statement, str]]:
    """The other side's statement the claim cannot stand with, and why, tried in this order: a
    different count of the same things (unless the statement covering it best gives the same
    count), a rejection of the other side's conclusions, a dispute over who did it, the opposite
    form of an adjective, a negation of what the other side asserts, another date for the same act."""
    counted = _counted_otherwise(st, others)
    agreed = bool(best) and _conflicting_number(st, best[0]) is None and bool(set(st.numbers) & set(best[0].numbers))
    if counted is not None and not agreed:
        v, conflict = counted
        return v, f"{_who(v)} gives {conflict}"
    if st.rejects and st.rejects != c.party:
        found = _findings_of(st.rejects, others)
        if found is not None:   # 'we firmly disagree with its conclusions'
            return found, f"{c.party} rejects the conclusions of {_who(found)}"
    blamed = _blamed_otherwise(st, others)
    if blamed is not None:
        v, reason = blamed
        return v, f"{_who(v)} {reason}"
    asked = next((v for v in others if v.asker and st.asker and v.asker != st.asker and v.party != "*"), None)
    if asked is not None:   # 'the initiative came from Norland' against 'it was Castavia that asked'
        return asked, f"{_who(asked)} says {asked.asker} asked for it, not {st.asker}"
    denied = _identity_denied(st, others, idf)
    if denied is not None:
        v, what = denied
        return v, f"{c.party} denies they were what {_who(v)} calls them ('{what}')"
    opposed = _opposite_words(st, others)
    if opposed is not None:
        v, (mine, theirs) = opposed
        return v, f"{_who(v)} says '{theirs}' where this says '{mine}'"
    turned = _opposite_acts(st, others)
    if turned is not None:
        v, (thing, mine, theirs, to_come) = turned
        did = "will do" if to_come else "did"
        return v, f"{_who(v)} says the {thing} {did} the opposite ('{theirs}' where this says '{mine}')"
    answered = _negation_answered(st, others, idf)
    if answered is not None:
        return answered, f"{c.party} denies what {_who(answered)} asserts"
    denier = _denied_by(st, others, idf)
    if denier is not None:
        return denier, f"{_who(denier)} denies it"
    dated = _dated_otherwise(st, others)
    if dated is not None:
        return dated, (f"{_who(dated)} gives another date ({', '.join(_show_date(d) for d in sorted(dated.dates))}, "
                       f"not {', '.join(_show_date(d) for d in sorted(st.dates))})")
    return None


def _blamed_otherwise(st: Statement, others: list[Statement]) -> Optional[tuple[Statement, str]]:
    """The other side names another party as the one who did the hostile act ('was deliberately
    rammed by Pellandrian vessel 5203' against 'the Merovian ship deliberately veered into the bow of
    vessel 5203') or bears the blame ('the responsibility lies entirely with Merovia'): a dispute
    over who is at fault. Two acts must also share a word (the same incident, not two acts of a long
    conflict: a word besides the act's own verb); a statement of blame answers any act."""
    if not st.blame:
        return None
    for v in others:
        if v.party == "*" or v.kind == "denial" or not v.blame:
            continue
        for kind, party in st.blame:
            theirs = {(k, p) for k, p in v.blame if p != party and p != v.party}
            if kind == "act" and not (st.terms & v.terms) - HOSTILE_ACT_STEMS:
                theirs = {(k, p) for k, p in theirs if k == "responsibility"}
            if not theirs:
                continue
            k, p = sorted(theirs)[0]
            return v, (f"says {p} did it, not {party}" if k == "act" else
                       f"puts the responsibility on {p}, not {party}")
    return None


def _counts_of_the_same(key: str, numbers: dict[str, set[float]]) -> list[str]:
    """The keys of another statement's counts that can count what a count under `key` counts: the
    same key, and people in general against people by a role ('around 3.4 million people',
    'approximately 1.2 million customers'), which the caller then holds to the same act."""
    out = [key] if key in numbers else []
    if key in PEOPLE_GENERAL:
        out += [k for k in numbers if k != key and (k in PEOPLE_ROLES or k in PEOPLE_GENERAL)]
    elif key in PEOPLE_ROLES:
        out += [k for k in numbers if k in PEOPLE_GENERAL]
    return out


def _asserted(st: Statement) -> set[str]:
    """What a negation of the other side can deny of a statement: its main verbs ('were allowed to
    leave') and its nouns, not a verb under another ('opposes efforts to change the status quo'
    asserts no change)."""
    return st.main_verbs | (st.terms - st.preds)


def _negates_the_same_thing(v: Statement, st: Statement, idf) -> bool:
    """`v` negates a verb of its own whose object or subject is one of the claim's things, and
    has nearly all of the claim's terms: 'we will not be putting this offer to members' answers
    'agreed to take our offer back to their members' though the verbs differ."""
    on = {noun for verb, noun in v.acts if verb in v.negated}
    return bool(on & st.terms) and coverage(st, v, idf)[0] >= STRONG_COVER


def _one_negates(a: Statement, b: Statement) -> bool:
    """Does one of the two, and only one, negate what they share ('No personnel were injured'
    against 'Three of our personnel were injured')?"""
    return bool(b.negated & (a.preds | a.terms)) != bool(a.negated & (b.preds | b.terms))


def _named_and_more(c: Claim, st: Statement, others: list[Statement], idf) -> bool:
    """The other side names every named thing of the claim ('the Black Sea') and gives each of its
    counts ('30 days'), and says, of it, at least two of the claim's other words ('negotiations',
    'maritime'): the same matter, worded differently, even where the rest of the sentence differs."""
    counted = {k: vals for k, vals in st.numbers.items() if k and k not in JOINT_COUNTS and k not in MONTHS}
    if not st.named and not counted:
        return False
    for v in others:
        if v.denial or not st.named <= v.terms or v.negated & st.terms:
            continue
        if any(not (vals & v.numbers.get(k, set())) for k, vals in counted.items()):
            continue   # every count the claim gives ('30 days'), the other side gives too
        more = (st.terms & v.terms) - st.named
        cov, _n = coverage(st, v, idf)
        if len(more) >= 2 and cov >= NAMED_COVER:
            same = sorted(st.named) + [f"{_readable_number(n)} {_count_word(k, v.text)}"
                                       for k, vals in counted.items() for n in sorted(vals)]
            c.status, c.status_reason = "corroborated", \
                f"{_who(v)} {NAMED_REASON} {', '.join(same)} and {_surface(more, c.text)}"
            c.status_evidence = [v.span]
            return True
    return False


def _manner_confirmed(c: Claim, st: Statement, others: list[Statement]) -> bool:
    """How the talks went ('spoke candidly', 'a full and in-depth exchange'): the other side's own
    characterisation of the exchange confirms that there was one of that kind."""
    peers = [v for v in others if v.manner] if st.manner else []
    if not peers:
        return False
    c.status = "corroborated"
    c.status_reason = f"{_who(peers[0])} {MANNER_REASON} ({', '.join(sorted(peers[0].manner))})"
    c.status_evidence = [v.span for v in peers[:2]]
    return True


def _said_nearly_whole(st: Statement, others: list[Statement], idf, least: float = STRONG_COVER) -> bool:
    """Another voice shares most of the claim's weighted terms (`least` of them), and several."""
    for v in others:
        cov, n = coverage(st, v, idf)
        if cov >= least and n >= 3 and not v.denial and not v.negated & st.terms:
            return True
    return False


def _parts_covered(c: Claim, st: Statement, others: list[Statement], idf) -> bool:
    """A claim of conjoined predicates ('agreed to work together and expressed readiness to
    negotiate peace') is corroborated when the other side covers each predicate, in one statement
    or in several."""
    if not st.parts:
        return False
    evidence: list[Statement] = []
    for part in st.parts:
        piece = _piece(st, part)
        cover = max(others, key=lambda v: _covers(piece, v, idf), default=None)
        if cover is None or _covers(piece, cover, idf) < COVER or cover.denial or cover.negated & part:
            return False
        if cover not in evidence:
            evidence.append(cover)
    c.status, c.status_reason = "corroborated", f"{_who(evidence[0])} says each part of it"
    c.status_evidence = [v.span for v in evidence[:3]]
    return True


def _initiative_decided(c: Claim, st: Statement, voice: list[Statement], parties) -> bool:
    """'X spoke with Y at the request of the latter': besides that the event took place, the claim
    says who asked for it. Corroborated where the other side also says at whose request or initiative
    it took place; one-sided where it does not. (Rare enough to scan the statements.)"""
    peers = [v for v in voice if v.initiative and v.party not in (c.party, None)
             and not _same_place(v.span, c.evidence)]
    other = next((v for v in voice if v.asker and st.asker and v.asker != st.asker and v.party not in (c.party, None, "*")
                  and not _same_place(v.span, c.evidence)), None)
    if other is not None:   # each side saying the other asked for it
        c.status, c.status_reason = "contradicted", f"{_who(other)} says {other.asker} asked for it, not {st.asker}"
        c.status_evidence = [other.span]
    elif peers:
        c.status, c.status_reason = "corroborated", f"{_who(peers[0])} also says at whose request it took place"
        c.status_evidence = [peers[0].span]
    else:
        c.status = "one_sided"
        c.status_reason = f"says at whose request it took place; no statement of {_other_names(c.party, parties)} does"
    return True


_BEING = frozenset({stem("be"), stem("have"), stem("do")})


def _refuted_by(st: Statement, others: list[Statement], idf) -> Optional[Statement]:
    """The other side calling false a proposition the claim tells in more detail ('sacks of ballot
    papers from at least 30 polling stations were burned behind the Harrowgate district commission
    building' against 'Claims ... that ballots were burned in Harrowgate are false'): most of what
    the refutation denies is in the claim, the refuted verb among the claim's main verbs."""
    for v in others:
        if not v.refutes or v.party == "*" or v.irrealis != st.irrealis:
            continue
        # (the refutation's main verb is its own, 'are false': the refuted clause's verb is among its others)
        if (v.preds & st.main_verbs) - LIGHT_STEMS - _BEING and _covers(v, st, idf) >= COVER:
            return v
    return None


def _judged_otherwise(st: Statement, others: list[Statement]) -> Optional[tuple[Statement, str]]:
    """The other side judging a thing the claim judges the other way, one of the two saying it of
    the thing as a predicate ('This election was rigged' against 'voted in a free, fair and
    transparent election'): two verdicts on one thing, whatever else the sentences say. Two
    attributive judgements ('free trade', 'unfair trade practices') name kinds of things: no verdict."""
    if not st.judged:
        return None
    for v in others:
        if v.party == "*":
            continue
        for noun, (sign, said) in st.judged.items():
            other = v.judged.get(noun)
            if other is not None and other[0] != sign and (said or other[1]) and noun not in GENERIC_JUDGED:
                return v, noun
    return None


#: nouns too general to be the one thing two verdicts are on ('a good thing', 'the situation is bad')
GENERIC_JUDGED = frozenset(stem(w) for w in _WORDS["speech"].words("generic_judged"))


def _evaluations_of_the_same(st: Statement, others: list[Statement]) -> list[Statement]:
    """The other side's evaluations of the same object: an evaluation confirms another only where
    both evaluate one thing (the call, the relationship), not any evaluation of anything."""
    objects = st.terms | st.frame
    salient = SALIENT in st.terms   # 'the most important issue': the other side must single it out too

    def same_object(v: Statement) -> bool:
        if st.terms & v.terms or (st.frame & v.frame) - {"event"}:
            return True
        # only the event in common: the other statement must say how the exchange itself went
        # ('a frank and constructive conversation'), not evaluate something it mentions beside it
        return "event" in st.frame & v.frame and bool(v.manner)
    return [v for v in others if v.tone and objects & (v.terms | v.frame) and same_object(v)
            and (not salient or SALIENT in v.terms)]


def _note_closest(c: Claim, st: Statement, others: list[Statement], idf) -> None:
    """A one-sided claim keeps the other side's statement that comes closest to it: the one sharing
    the largest weighted share of its terms (too small a share to say it too, at least
    CLOSEST_COVER). A reader checks it before trusting that the other side left the claim out."""
    best, best_cov = None, 0.0
    for v in others:
        if v.kind == "denial":
            continue
        cov = coverage(st, v, idf)[0]
        if cov > best_cov:
            best, best_cov = v, cov
    if best is not None and best_cov >= CLOSEST_COVER:
        c.closest, c.closest_cover = best.span, round(best_cov, 2)


ACT_COVER = 0.2   # with the same act on the same thing, the share of the rest another statement must cover


def _same_act(c: Claim, st: Statement, others: list[Statement], idf) -> bool:
    """The other side says the claim's main act is done to the same thing, in its own construction
    ('it was agreed to begin negotiations to elaborate the details' ~ 'these negotiations will
    begin immediately'): corroborated where that statement also covers a fair share of the claim's
    terms. (Only the main verb's act: one shared act among the many parts of a long claim is a part
    of it.) Sets the status when so."""
    if not st.main_acts:
        return False
    for v in others:
        shared = st.main_acts & v.acts
        if not shared or v.denial or v.negated & {a for a, _ in shared}:
            continue
        if coverage(st, v, idf)[0] < ACT_COVER:
            continue
        act = sorted(shared)[0]
        c.status, c.status_reason = "corroborated", f"{_who(v)} also says: {_surface([act[0]], c.text)} / {_surface([act[1]], c.text)}"
        c.status_evidence = [v.span]
        return True
    return False


def _topic_raised(c: Claim, st: Statement, others: list[Statement], idf, nominal: bool = False) -> bool:
    """A discussion claim ('they discussed the situation in Ukraine') is confirmed by the other
    side raising the same subject: its proper names, else most of its weighted terms, in one of
    the other side's statements. Sets the status when it is; otherwise the claim is compared whole."""
    assert st.topic is not None
    want = st.topic & st.named or st.topic
    total = math.fsum(_weight(t, idf) for t in want)
    best, best_cov = None, 0.0
    # a listed thing named by nouns is raised by the same nouns: 'contact details' not by 'contacting'
    nominal = nominal and want <= st.nouns
    for v in others:
        cov = math.fsum(_weight(t, idf) for t in want & ((v.nouns if nominal else v.terms) | v.implied)) / total
        if cov > best_cov:
            best, best_cov = v, cov
    if best is None or best_cov < (1.0 if want <= st.named else COVER):
        return False
    said = _surface(want & best.terms, c.text)
    implied = want & best.implied - best.terms
    if implied:   # 'meet', which the other side's 'trip' implies
        said = ", ".join(x for x in (said, f"{_surface(implied, c.text)} (implied by its words)") if x)
    c.status, c.status_reason = "corroborated", f"{_who(best)} also raises {said}"
    c.status_evidence = [best.span]
    return True


def _not_a_proposition(c: Claim, st: Statement, others: list[Statement]) -> bool:
    """Statements nobody could 'leave out': that the event took place, evaluations of the event or
    the relationship with nothing concrete in them, and hopes without a date or number. Sets their
    status (corroborated where the other side also reports or evaluates the event) and says so."""
    dated = bool(st.numbers or st.years or st.months)
    if st.occurrence:
        peers = [v for v in others if v.occurrence]
        acts = [v for v in others if v.kind in ("claim", "quote") and v.party != "*" and not v.denial]
        acts.sort(key=lambda v: "event" not in v.frame)   # one that names the meeting or call first
        if peers:
            c.status, c.status_reason = "corroborated", f"{_who(peers[0])} also reports the event took place"
            c.status_evidence = [peers[0].span]
        elif acts:
            # the other side telling what was said or agreed there takes it that the event took place
            c.status, c.status_reason = "corroborated", f"{_who(acts[0])} tells what was said there, so it took place"
            c.status_evidence = [acts[0].span]
        else:
            c.status, c.status_reason = None, "says only that the event took place"
        return True
    if (st.concrete or SALIENT in st.terms) and not (st.wish and not dated):
        return False
    peers = _evaluations_of_the_same(st, others)
    # of the same leaning: both favourable or neutral, or both unfavourable ('a professional manner'
    # is not confirmed by 'a dangerous act')
    alike = [v for v in peers if (v.polarity < 0) == (st.polarity < 0)]
    # a wish is confirmed by a wish, an evaluation by an evaluation: 'an extremely good relationship'
    # and 'willing to steer the giant ship of relations through winds and storms' say different things
    alike = [v for v in alike if v.wish == st.wish]
    if alike:
        c.status, c.status_reason = "corroborated", "an evaluation or wish; the other side also characterises the event"
        c.status_evidence = [alike[0].span]
    elif any(v.polarity * st.polarity < 0 for v in peers):
        v = next(v for v in peers if v.polarity * st.polarity < 0)
        c.status, c.status_reason = "contradicted", f"{_who(v)} characterises it the other way"
        c.status_evidence = [v.span]
    else:
        what = "a hope or readiness, no act" if st.concrete else "an evaluation of the event or relationship"
        c.status, c.status_reason = None, f"{what}, not a proposition to confirm"
    return True


def _event_day(event_date: Optional[str], analyses: list[AccountAnalysis]) -> Optional[date]:
    """The day of the event: the manifest's, else the day the accounts' timelines name most often."""
    parsed = _day(event_date)
    if parsed:
        return parsed
    days = Counter(d for a in analyses for e in a.events if (d := _day(e.date)))
    return days.most_common(1)[0][0] if days else None


def _day(value: Optional[str]) -> Optional[date]:
    try:
        return date.fromisoformat(value) if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None
    except ValueError:
        return None


def _who(v: Statement) -> str:
    if v.kind == "joint":
        return "an account of both sides" if v.party == "*" else f"{v.party} (its account of both, {v.account})"
    return f"{v.party} ({v.kind}, {v.account})"


def _other_names(party: Optional[str], parties) -> str:
    return ", ".join(p for p in parties if p != party) or "another party"


def _same_place(span: Span, evidence: list[Span]) -> bool:
    return any(e.account == span.account and e.start < span.end and span.start < e.end for e in evidence)


def _conflicting_number(a: Statement, b: Statement) -> Optional[str]:
    if a.years and b.years and not a.years & b.years:
        return None   # numbers of other years are no two versions of one
    for key, vals in a.numbers.items():
        if key and key in b.numbers and not (vals & b.numbers[key]) and not _other_sets(a, b, key, key):
            return _versions(b.numbers[key], vals, key, b.text)
    return None


def _other_sets(a: Statement, b: Statement, key: str, other: str) -> bool:
    """Things named alike that undergo different acts ('observers were present at 412 polling
    stations', 'our observers were expelled from at least 140 polling stations'): two sets, not two
    counts of one."""
    acts_a, acts_b = a.count_acts.get(key, set()), b.count_acts.get(other, set())
    return bool(a.count_mods.get(key, set()) & b.count_mods.get(other, set())) and bool(acts_a) and bool(acts_b) \
        and not acts_a & acts_b


def _readable_number(x: float) -> str:
    """3400000 -> '3.4 million', 12000 -> '12,000', 2.5 -> '2.5'."""
    for scale, word in ((1e9, "billion"), (1e6, "million")):
        if abs(x) >= scale:
            return f"{x / scale:g} {word}"
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:g}"


def _versions(theirs: set[float], mine: set[float], key: str, text: str = "") -> str:
    """'4 (not 1) for ships': the other side's values against the claim's, the counted thing in the
    other side's word for it (`text`), its stem where that has none."""
    def show(vals: set[float]) -> str:
        return ", ".join(_readable_number(x) for x in sorted(vals))
    return f"{show(theirs)} (not {show(mine)}) for {_count_word(key, text)}"


def _surface(stems, text: str) -> str:
    """Comparison keys shown as a reader wrote them: each stem as the first word of `text` with that
    stem ('gratitud' -> 'gratitude'), else as it is; sorted, comma-separated."""
    words = re.findall(r"[A-Za-z][\w'-]*", text)
    shown = {}
    for key in stems:
        shown[key] = next((w for w in words if stem(w) == key), key)
    return ", ".join(sorted(shown.values(), key=str.lower))


def _count_word(key: str, text: str) -> str:
    """The word a text uses for the things counted under `key` ('nationals' for citizen), else the key."""
    if not key:
        return key
    return next((w for w in re.findall(r"[A-Za-z][\w'-]*", text)
                 if stem(w) == key or count_key(w.lower().removesuffix("s")) == key),
                "people" if key in PEOPLE_GENERAL else key)   # ('more than 25,000 took part')


def _nc_targets(nc: NonConfirmation, c: Claim, st: Statement, idf) -> bool:
    """Does this 'X did not confirm ...' sentence speak of claim c?"""
    if _same_place(nc.span, c.evidence) and c.party != nc.holder:
        return bool(st.terms & nc.terms)
    shared = st.terms & nc.terms
    if not shared:
        return False
    rare = [t for t in shared if _weight(t, idf) >= _rarity_cut(idf)]
    cov = math.fsum(_weight(t, idf) for t in shared) / max(1e-9, math.fsum(_weight(t, idf) for t in st.terms))
    return bool(rare) and (cov >= 0.34 or len(rare) >= 2)


def _rarity_cut(idf) -> float:
    """The weight of a term found in 15% of the case's sentences: rarer terms identify a subject."""
    n = idf.get("__n__", 1.0)
    return math.log((n + 1) / (max(1.0, 0.15 * n) + 1)) + 1.0


def _mentions_topic(c: Claim, t: Topic) -> bool:
    low = " " + re.sub(r"[^\w\s]", " ", c.text.lower()) + " "
    return any(f" {term.lower()} " in low for term in t.terms)
