"""Is a party's claim an assertion about the event at all?

Before a claim is compared with the other side's voice, the sentence it stands in is read for
signs that it is something else:
- a question ('Has X persuaded Y to ...?') asserts nothing;
- background: the act the claim reports is dated (a timex attached to the claim's verb or to the
  verb reporting it) to a day, month or year before the event ('On Monday, X announced ...', 'when
  he imposed tariffs last year'): it is context the accounts give, not something said of the event.
  Dates after the event (plans) stay claims;
- the writer's inference: the claim is the complement of a participial adjunct of inference
  ('..., suggesting India may not endorse it', '..., signalling ...'): the journalist's reading;
- a report whose speaker is both parties ('Both X and Y confirmed that ...'): corroborated by
  construction;
- a remark about the communication itself ('There were questions about this. It is a document
  on our website'): most of its sentences have the statement, the question or the page as subject;
- a reaction with no content of its own ('X welcomed the initiative', 'Y responded positively to
  the proposal'): the content is the other side's proposal.
`not_an_assertion_of_the_event` returns (status, reason, status evidence) or None.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Optional

from counterpoint.analysis.lexicon import compare_words
from counterpoint.compare.voice import REPORTING_VERBS, PartyLexicon, claim_lexicon, doc_text, subject_heads, tokens_in
from counterpoint.parsed import ParsedDoc, ParsedToken, index_of
from counterpoint.records import Claim, Span, Timex

# The general words of the compare stage live in data/compare.yaml (checked by analysis/lexicon.py).
_WORDS = compare_words()

Verdict = tuple[Optional[str], str, list[Span]]
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "attr", "expl"})

DATED_REASON = "background: dated"   # the reason given a claim about another time than the event


def _imperative(toks) -> bool:
    """A sentence that opens with its main verb in the base form and has no subject ('Change your
    password', '- Be alert to emails asking for card details'): advice or an order to the reader."""
    words = [t for t in toks if not (t.is_punct or t.is_space or t.text in "-•*–—")]
    if not words:
        return False
    first = words[0]
    inside = {t.i for t in toks}
    root = next((t for t in toks if t.head.i not in inside or t.head.i == t.i), None)
    return (root is not None and root is first and first.tag_ == "VB" and first.pos_ in ("VERB", "AUX")
            and not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "aux") for c in first.children))


def not_an_assertion_of_the_event(c: Claim, docs: dict[str, ParsedDoc], timexes: dict[str, list[Timex]],
                                  event_day: Optional[date], lexicon: PartyLexicon, accounts,
                                  told_by_others: frozenset = frozenset()) -> Optional[Verdict]:
    """Why claim `c` is no assertion of the event (a verdict with no status and its reason), or None.
    `told_by_others`: the days (YYYY-MM-DD) the other parties' own accounts name; an earlier day
    one of them also names is part of the story both tell, not background."""
    if not c.evidence or c.evidence[0].account not in docs:
        return None
    ev = c.evidence[0]
    doc = docs[ev.account]
    toks = tokens_in(doc, ev.start, ev.end)
    if not toks:
        return None
    sent = index_of(doc).sent_of(toks[0].i)   # (Token.sent and Span.text walk and join the whole sentence)
    if doc_text(doc)[sent.start_char:sent.end_char].strip().endswith("?"):
        return None, "a question, not an assertion", []
    if c.verb is None and _imperative(toks):
        return None, "an instruction to the reader, not an assertion", []
    if _heading(toks[0]) and not _list_item(toks[0]):
        return None, "a heading or link line, not a sentence of the account", []
    fragment = _not_a_clause(toks, c.verb)
    if fragment is not None and fragment.startswith(_NO_PREDICATE) and _item_of_a_clause(toks[0]):
        fragment = None   # 'We demand: • a full, public recount ...': the lead's verb takes the item
    if fragment is not None:
        return None, fragment, []
    text = doc_text(doc)
    if not text[sent.end_char:].strip() and not _SENTENCE_END.search(text[sent.start_char:sent.end_char]) \
            and not text[ev.end:sent.end_char].strip(" \t\n\"'”’"):
        # '... and Special Envoy to the Middle' where the account ends: the excerpt cut the sentence
        return None, f"cut off where the account ends (after '{toks[-1].text}'), not a whole proposition", []
    back = _refers_back(toks)
    if back is not None:
        return None, f"its subject '{back.text}' stands for something said before; that statement carries it", []
    relative = _relative_clause(toks)
    if relative is not None:
        return None, f"a relative clause ('{relative.text} ...'): what it tells of is named outside it", []
    inside = {t.i for t in toks}
    tops = [t for t in toks if t.head.i not in inside or t.head.i == t.i]
    governors = _governing_chain(tops, inside)
    described = next((g for g in governors[:1] if g.dep_ == "relcl" and c.stance in DESCRIBING_STANCES), None)
    if described is not None:
        # 'customers who chose to save passport details': a liking or a choice told in a relative
        # clause describes the noun it hangs on; no one states it
        return None, f"describes '{described.head.text}' ('{described.text} ...'), no statement of the event", []
    unasserted = _embedded_question(tops, governors)
    if unasserted is not None:
        return None, f"put as a question or supposition ('{unasserted.text} ...'), not asserted", []
    gloss = _inference_gloss(governors)
    if gloss is not None:
        return None, f"the writer's inference ('{gloss.text} ...'), not a statement of {c.party}", []
    dated = _background_date(toks, tops, governors, timexes.get(ev.account, []), event_day, told_by_others)
    if dated is not None:
        return None, f"{DATED_REASON} {dated}, not the event", []
    around = _circumstance_of_the_event(governors)
    if around is not None:
        return None, f"background: what went on around the event ('{around[0].text} {around[1].text} ...'), not said in it", []
    own = accounts[ev.account].side == c.party if ev.account in accounts else False
    standing = _standing_position(governors, own)
    if standing is not None:
        return None, f"background: '{standing.text}' reports a standing position or an earlier act, not the event", []
    account = accounts[ev.account]
    # (in a report relaying one party's statement, 'A and B agreed' is that party's account of both:
    # claims._relay_speaks_for_pairs gave it that party)
    both = _joint_speakers(governors, lexicon) if c.party not in (account.side, account.presents) else set()
    if len(both) >= 2:
        # the press reports both parties saying it; a party's own readout saying 'X and Y agreed'
        # (or a report relaying that readout) is that party's account of both, compared with the
        # other side like any claim
        return ("corroborated", f"reported as said by {' and '.join(sorted(both))}",
                [account.span(sent.start_char, sent.end_char)])
    if _about_the_communication(toks, inside):
        return None, "about the statement or the question itself, not the event", []
    if _bare_reaction(tops, inside):
        return None, "a reaction to the other side's move with no content of its own", []
    if _announces_itself(tops, inside):
        return None, "the speaker announcing what they will say, not what happened", []
    if _courtesy(tops):
        return None, "a courtesy to the listeners, not a statement of the event", []
    return None


_CUT_ENDINGS = frozenset({"DET", "ADP", "CCONJ", "SCONJ", "PART"})


def _not_a_clause(toks: list[ParsedToken], cue: Optional[str] = None) -> Optional[str]:
    """A proposition is a clause with a predicate, or what a cue verb takes as its object ('Biden
    reiterated the importance of freedom of navigation': the cue and its object are the
    proposition). A noun phrase standing alone or inside another phrase ('self-ruled Taiwan', a
    scare quote), a heading or byline, a participle ('photographed by ...') and a sentence cut off
    at a line break or the end of an excerpt ('... his support for a') are phrases a report can
    show but never findings."""
    words = [t for t in toks if not (t.is_punct or t.is_space)]
    if not words:
        return "a phrase, not a proposition"
    last = words[-1]
    if last.pos_ in _CUT_ENDINGS and last.dep_ != "prt" and not _followed_by_stop(last):
        return f"cut off after '{last.text}', not a whole proposition"
    inside = {t.i for t in words}
    if any(_predicate(t, inside) for t in words):
        return None
    tops = [t for t in words if t.head.i not in inside or t.head.i == t.i]
    if tops and _cue_object(tops[0], inside, cue):
        return None
    return _NO_PREDICATE + ", not a proposition"


_NO_PREDICATE = "a phrase without a predicate"


_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s*$|[.!?:;,]\s*[\"'\u201d\u2019]\s*$")


_INNER_STOP = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+[\"'\u201c\u2018(]?[A-Z]")


def _heading(tok: ParsedToken) -> bool:
    """The claim stands on a line of one sentence that does not end like one: a headline, a 'READ |
    ...' link, a caption. (A paragraph of several sentences cut where the excerpt ends is no heading;
    its last, cut sentence is a fragment.)"""
    text = doc_text(tok.doc)
    start = text.rfind("\n", 0, tok.idx) + 1
    end = text.find("\n", tok.idx)
    line = text[start:len(text) if end < 0 else end].strip()
    return bool(line) and not _SENTENCE_END.search(line) and not _INNER_STOP.search(line)


LIST_ITEMS = 15   # the most lines a list under a colon lead is read back through


def _list_item(tok: ParsedToken) -> bool:
    """The line is an item of a list under a lead that ends with a colon ('What Calvera takes home:',
    'The two sides agreed on the following:'), directly or below other items: no heading, however
    it ends."""
    return _list_lead(tok) is not None


def _item_of_a_clause(tok: ParsedToken) -> bool:
    """The line is an item of a list whose lead is a clause ('We demand:', 'The two sides agreed on
    the following:'): the item is what the lead's verb takes, a proposition though it has no verb
    of its own ('• the resignation of Commission Chair Helka Varro')."""
    lead = _list_lead(tok)
    return lead is not None and any(t.pos_ == "VERB" for t in tokens_in(tok.doc, *lead))


def _list_lead(tok: ParsedToken) -> Optional[tuple[int, int]]:
    """Where the colon lead of the list the token's line is an item of lies, or None."""
    text = doc_text(tok.doc)
    start = text.rfind("\n", 0, tok.idx) + 1
    for _ in range(LIST_ITEMS):
        if start <= 0:
            return None
        prev_end = start - 1
        while prev_end > 0 and text[prev_end - 1] in " \t\n":   # blank lines between items
            prev_end -= 1
        prev_start = text.rfind("\n", 0, prev_end) + 1
        line = text[prev_start:prev_end].strip()
        if line.endswith(":"):
            # one line under a colon is a quotation, not a list
            return (prev_start, prev_end) if _items_after(text, prev_end) >= 2 else None
        if not _itemish(line):
            return None   # a paragraph of sentences: the line is no item of a list
        start = prev_start
    return None


def _itemish(line: str) -> bool:
    return bool(line) and not _SENTENCE_END.search(line) and len(line.split()) <= 30


def _items_after(text: str, lead_end: int) -> int:
    """How many item lines follow a colon lead, up to the first line that is none."""
    n = 0
    for line in text[lead_end:].split("\n")[1:]:
        if not line.strip():
            continue
        if not _itemish(line.strip()) or n >= LIST_ITEMS:
            break
        n += 1
    return n


_EARLIER = frozenset(_WORDS["event"].words("earlier"))


def _standing_position(governors: list[ParsedToken], own: bool = False) -> Optional[ParsedToken]:
    """The verb that reports the claim is a present perfect ('Beijing has vowed to ...', 'he has
    also held a ministerial ... to discuss ...') or a participle hanging on a present-tense verb
    ('Washington adheres to ... while pledging to ...'): what a party has long said or did before,
    told as context, not what it said of this event. (In the party's own statement a present
    perfect tells what it has just done: 'The Authority has ordered Orlenza to notify ...'.)"""
    for g in governors:
        if g.pos_ not in {"VERB", "AUX"}:
            continue
        if g.tag_ == "VB" and g.dep_ in {"xcomp", "advcl", "ccomp"} and any(c.lower_ == "to" for c in g.children):
            continue   # '... held a ministerial this week, to discuss ways ...': the act is the verb above
        subj = [c for c in g.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subj and any(m.dep_ == "amod" and m.lower_ in _EARLIER for m in subj[0].children):
            return g   # 'earlier versions of it noted ...', 'previous statements said ...'
        if g.tag_ == "VBN" and not own and any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in {"VBZ", "VBP"}
                                               for c in g.children):
            return g
        if g.tag_ == "VBG" and g.dep_ in {"advcl", "conj", "pcomp"}:
            head = g.head if g.dep_ != "pcomp" else g.head.head
            if head.tag_ in {"VBZ", "VBP"} and head.lemma_ != "be":
                return g
        return None
    return None


DESCRIBING_STANCES = frozenset({"preference", "belief"})   # attitudes that, in a relative clause, describe its noun
_ANAPHORS = frozenset("this that these those it they".split())


def _refers_back(toks: list[ParsedToken]) -> Optional[ParsedToken]:
    """'This is the responsibility of both countries', 'They would only make the world economy more
    vulnerable': a whole sentence whose subject is a pronoun standing for the previous sentence's
    matter says nothing one could confirm or leave out apart from that sentence."""
    first = next((t for t in toks if not (t.is_punct or t.is_space)), None)
    if first is None or first.i != index_of(first.doc).sent_of(first.i).start or first.lower_ not in _ANAPHORS:
        return None
    if first.lower_ == "it" and any(c.dep_ in {"ccomp", "xcomp", "csubj"} and c.i > first.i for c in first.head.children):
        return None   # 'It was agreed to begin negotiations': an empty subject for the clause that follows
    if first.lower_ == "it" and first.head.lemma_.lower() == "be" and any(
            c.dep_ == "attr" and any(r.dep_ == "relcl" and r.i > c.i for r in c.children) for c in first.head.children):
        return None   # a cleft, 'It was the Korvathi side that approached Dravenia': it points to what follows
    return first if first.dep_ in {"nsubj", "nsubjpass"} and first.head.dep_ == "ROOT" else None


def _circumstance_of_the_event(governors: list[ParsedToken]) -> Optional[tuple[ParsedToken, ParsedToken]]:
    """'Biden's discussion with Xi came as China warned against X visiting Taiwan', 'The call came
    amid reports that ...': the claim sits in a clause or phrase that sets the scene of a clause
    whose subject is the event itself. Returns that clause's verb and the link word ('came', 'as')."""
    lex = claim_lexicon()
    for g in governors:
        link = None
        if g.dep_ == "advcl":
            link = next((m for m in g.children if m.dep_ == "mark" and m.lower_ in lex.circumstance_links), None)
        elif g.dep_ == "prep" and g.lower_ in lex.circumstance_links:
            link = g
        if link is None:
            continue
        head = g.head
        if any(c.dep_ in {"nsubj", "nsubjpass"} and c.lemma_.lower() in lex.event_nouns for c in head.children):
            return head, link
    return None


def _relative_clause(toks: list[ParsedToken]) -> Optional[ParsedToken]:
    """'..., which it said lasted almost one-and-a-half hours': a claim opening with a relative
    pronoun is a relative clause of a noun outside it (the call); it tells of something it does not
    name, and a figure in it is compared as a figure of that thing."""
    first = next((t for t in toks if not (t.is_punct or t.is_space)), None)
    if first is None or first.tag_ not in {"WDT", "WP", "WP$"} or first.lower_ == "that":
        return None   # ('that' opens content clauses too, and 'claimed after the call that ...' parses as one)
    inside = {t.i for t in toks}
    node = first
    while node.head.i != node.i and node.head.i in inside:
        node = node.head
    return first if node.dep_ == "relcl" or (node.head.i not in inside and node.head.dep_ == "relcl") else None


def _followed_by_stop(t: ParsedToken) -> bool:
    """Sentence-final punctuation right after the token ('... were touched upon.')."""
    rest = doc_text(t.doc)[t.idx + len(t.text):t.idx + len(t.text) + 3].lstrip(" ")
    return rest[:1] in {".", "!", "?", '"', "\u201d", "'", "\u2019", ")"}


def _predicate(t: ParsedToken, inside: set[int]) -> bool:
    """A tensed verb, an infinitive with 'to' ('warned the US to be prudent': the cue's object and
    its infinitive are the proposition), a subjunctive with its subject, or the predicate of a small clause ('described Taiwan as
    the most important issue')."""
    if "Fin" in t.morph.get("VerbForm") or t.tag_ in {"MD", "VBD", "VBZ", "VBP"}:
        return True
    if t.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
        return t.dep_ not in {"acl", "relcl"} or t.head.i not in inside
    if t.tag_ == "VB" and any(c.dep_ in {"nsubj", "nsubjpass"} and c.i in inside for c in t.children):
        return True   # a subjunctive with its subject: 'demanded that Pellandria pay compensation'
    return t.lower_ == "as" and t.dep_ == "prep" and t.head.pos_ == "VERB" and t.head.i not in inside


def _cue_object(top: ParsedToken, inside: set[int], cue: Optional[str]) -> bool:
    """The phrase is what the claim's own cue takes as object ('stressed the need to ...', 'spoke
    about the importance of ...') or what a verb of discussing takes ('discussed the situation in
    Ukraine'), and the cue is not negated ('did not mention any consensus' asserts nothing)."""
    lex = claim_lexicon()
    head = top.head
    if head.i == top.i or head.i in inside:
        return False
    if top.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif top.dep_ not in {"dobj", "attr", "oprd", "dative"}:   # a clause (ccomp, xcomp) needs a predicate of its own
        return False
    if head.pos_ != "VERB" or head.i in inside or any(c.dep_ == "neg" for c in head.children):
        return False
    lemma = head.lemma_.lower()
    return lemma == (cue or "").lower() or lemma in lex.discussion


def _governing_chain(tops: list[ParsedToken], inside: set[int]) -> list[ParsedToken]:
    """The tokens above the claim outside it, nearest first: its cue and the clauses over that."""
    out: list[ParsedToken] = []
    for top in tops[:1]:
        node = top
        while node.head.i != node.i:
            node = node.head
            if node.i not in inside:
                out.append(node)
    return out


def _embedded_question(tops: list[ParsedToken], governors: list[ParsedToken]) -> Optional[ParsedToken]:
    """'It is unclear if Trump asked Xi to stop buying oil', 'whether the visit will happen': a
    clause introduced by 'if' or 'whether' on the claim or the verb that reports it asks or
    supposes; it asserts nothing."""
    for v in tops[:1] + governors[:2]:
        for c in v.children:
            if c.dep_ == "mark" and c.lower_ in {"if", "whether"}:
                return c
    cue = next((g for g in governors if g.pos_ in {"VERB", "AUX"}), None)
    if cue is not None and cue.lemma_.lower() in claim_lexicon().asking and not any(
            c.dep_ == "xcomp" or c.dep_ == "prep" and c.lower_ == "for" for c in cue.children):
        # 'when asked about no mention of X': the question, not an answer ('asked Rubio to lead the
        # negotiations', 'asked for talks' are requests, which are acts)
        return cue
    return None


def _inference_gloss(governors: list[ParsedToken]) -> Optional[ParsedToken]:
    lex = claim_lexicon()
    inference = lex.inference
    cue = next((g for g in governors if g.pos_ in {"VERB", "AUX"}), None)
    if cue is not None and cue.lemma_.lower() in inference:
        subj = [c for c in cue.children if c.dep_ == "nsubj"]
        if subj and subj[0].lemma_.lower() in lex.communication:
            return cue   # 'the readouts revealed substantive differences': the writer reading documents
    for g in governors[:3]:
        if g.tag_ == "VBG" and g.dep_ in {"advcl", "xcomp", "acl", "conj"} and g.lemma_.lower() in inference \
                and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in g.children):
            return g
        if g.pos_ in {"VERB", "AUX"} and any(c.dep_ in {"nsubj", "nsubjpass"} for c in g.children):
            break  # a verb with its own subject is the cue: above it is another clause
    return None


def _joint_speakers(governors: list[ParsedToken], lexicon: PartyLexicon) -> set[str]:
    """Parties named as conjoined subjects of the cue: 'Both X and Y confirmed ...'."""
    for g in governors:
        if g.pos_ == "VERB" and g.dep_ in {"pcomp", "acl"} and g.head.lower_ == "with" \
                and g.lemma_.lower() in REPORTING_VERBS:
            return set()   # ', with Trump later saying ...': one source's words, nearer than any pair
        heads = subject_heads(g)
        if g.pos_ not in {"VERB", "AUX"} or not heads:
            continue
        if len(heads) < 2:
            continue   # the claim's own verb ('... that the conflict needs to end'): the cue is further up
        found: set[str] = set()
        for h in heads:
            # the conjunct's own words ("Norland's President Ilse Varga"), not the conjuncts after it
            rest = {x.i for c in h.children if c.dep_ in {"conj", "cc", "punct", "appos", "relcl", "prep"}
                    for x in c.subtree}
            words = [t for t in h.subtree if t.i not in rest]
            named = {lexicon.party_of_token(t) for t in words} - {None}
            named |= lexicon.parties_in(" ".join(t.text for t in words))
            if len(named) == 1:
                found |= named
        return found
    return set()


_DATE_VALUE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2}))?$")


def _last_day(value: str) -> Optional[date]:
    """The last day a DATE value covers (a day, an ISO week, a month or a year)."""
    m = _DATE_VALUE.match(value)
    if not m:
        return None
    year, month, day, week = m.groups()
    try:
        if day:
            return date(int(year), int(month), int(day))
        if month:
            nxt = date(int(year) + (month == "12"), int(month) % 12 + 1, 1)
            return nxt - timedelta(days=1)
        if week:
            return date.fromisocalendar(int(year), int(week), 7)
        return date(int(year), 12, 31)
    except ValueError:
        return None


def dated_before(timexes: list[Timex], event_day: Optional[date]) -> list[tuple[int, int]]:
    """Offsets of the account's dates that end before the event ('last month', 'in 2005')."""
    if event_day is None:
        return []
    out = []
    for tx in timexes:
        last = _last_day(tx.value) if tx.type == "DATE" else None
        if last is not None and last < event_day:
            out.append((tx.start, tx.end))
    return out


def _background_date(toks: list[ParsedToken], tops: list[ParsedToken], governors: list[ParsedToken], timexes: list[Timex],
                     event_day: Optional[date], told_by_others=frozenset()) -> Optional[str]:
    if event_day is None or not toks:
        return None
    sent = index_of(toks[0].doc).sent_of(toks[0].i)
    inside = {t.i for t in toks}
    # the verbs whose date is the claim's act: its main verbs (with their 'when' clauses and
    # conjuncts) and the cue reporting it; not verbs inside its noun phrases ('principles agreed in 2005')
    verbs = {t.i for t in tops if t.pos_ in {"VERB", "AUX"}}
    verbs |= {c.i for t in tops for c in t.children
              if c.i in inside and c.pos_ in {"VERB", "AUX"} and c.dep_ in {"advcl", "conj"} and _finite(c)}
    for g in governors:
        if g.pos_ in {"VERB", "AUX"}:
            verbs.add(g.i)
            break
    for tx in timexes:
        if tx.type != "DATE" or not (sent.start_char <= tx.start < sent.end_char):
            continue
        last = _last_day(tx.value)
        if last is None or last >= event_day or tx.value in told_by_others:
            continue
        span = tokens_in(sent.doc, tx.start, tx.end)
        if not span:
            continue
        ids = {t.i for t in span}
        head = next((t for t in span if t.head.i not in ids), span[0])
        attach = head.head
        if head.dep_ == "pobj" and attach.dep_ == "prep":
            attach = attach.head
        if attach.i in verbs:
            return tx.value
    return None


def _finite(verb: ParsedToken) -> bool:
    """A clause with its own subject or auxiliary ('when he imposed ...'), not a bare participle
    ('..., detained last month'), which describes a thing the claim is about."""
    return any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass"} for c in verb.children)


def _about_the_communication(toks: list[ParsedToken], inside: set[int]) -> bool:
    """Most sentences of the claim have the statement, the question or its page as what they are
    about: a subject or predicate noun, or where a copula places something ('on our website')."""
    communication = claim_lexicon().communication
    by_sent: dict[int, list[ParsedToken]] = {}
    ix = index_of(toks[0].doc) if toks else None
    for t in toks:
        by_sent.setdefault(ix.sent_of(t.i).start, []).append(t)
    meta = total = 0
    for part in by_sent.values():
        ids = {t.i for t in part}
        roots = [t for t in part if t.head.i not in ids or t.head.i == t.i]
        if not any(t.is_alpha and not t.is_stop for t in part):
            continue
        total += 1
        for root in roots[:1]:
            if root.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in root.children) \
                    and root.lemma_.lower() not in REPORTING_VERBS:
                continue   # 'no document had been signed', 'the text is agreed': an act done to a document
            args = [c for c in root.children if c.dep_ in ARGUMENT_DEPS]
            if root.lemma_.lower() == "be":
                args += [g for p in root.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"]
            if any(a.lemma_.lower() in communication for a in args):
                meta += 1
    return total > 0 and meta * 2 >= total and meta >= 1 and total >= 2 or (total == 1 and meta == 1 and len(toks) < 12)


_FIRST_PERSON = frozenset({"i", "we", "me", "us"})


_COURTESY = frozenset(_WORDS["speech"].words("courtesy_verbs"))


def _courtesy(tops: list[ParsedToken]) -> bool:
    """'Thank you to everyone who voted today', 'Thank you, Anika, for your hospitality': a verb
    of courtesy with no subject, said to 'you', thanking for nothing more than a few words: the
    speaker's manners, no statement of the event ('We thank the mediators for their help' has a
    subject and tells who helped)."""
    if len(tops) != 1:
        return False
    root = tops[0]
    if root.lemma_.lower() not in _COURTESY or any(c.dep_ in {"nsubj", "nsubjpass"} for c in root.children) \
            or not any(c.dep_ in {"dobj", "npadvmod", "intj"} and c.lower_ == "you" for c in root.children):
        return False
    # what the thanks are for may tell something ('Thank you, Minister, for Norhavn's backing of our
    # bid to join the Compact'); 'for your hospitality' tells nothing
    return not any(c.dep_ == "prep" and c.lower_ == "for" and sum(1 for _ in c.subtree) > 4 for c in root.children)


def _announces_itself(tops: list[ParsedToken], inside: set[int]) -> bool:
    """'I want to highlight three results', 'Let me add a word', 'We would like to stress two
    points': the speaker saying what they are about to say. A verb of saying under a first-person
    wish or 'let', with no clause of content: what follows it is the proposition, not this."""
    if len(tops) != 1:
        return False
    root = tops[0]
    if root.lemma_.lower() in REPORTING_VERBS and root.dep_ in {"xcomp", "ccomp"} and root.head.i not in inside:
        # the claim is the infinitive alone ('[to highlight three results]' under 'I want')
        inside, root = inside | {root.head.i}, root.head
    if root.lemma_.lower() not in claim_lexicon().wish | claim_lexicon().announcing:
        return False
    speaker = [c for c in root.children if c.dep_ in {"nsubj", "dobj", "nsubjpass"} and c.lower_ in _FIRST_PERSON]
    says = [c for c in root.children if c.dep_ in {"xcomp", "ccomp"} and c.i in inside
            and c.lemma_.lower() in REPORTING_VERBS]
    if not speaker and root.lemma_.lower() != "let":
        return False
    for verb in says:
        if not any(k.dep_ in {"ccomp", "xcomp"} for k in verb.children) and \
                (root.lemma_.lower() != "let" or any(k.lower_ in _FIRST_PERSON for k in verb.children)):
            return True
    return False


def _bare_reaction(tops: list[ParsedToken], inside: set[int]) -> bool:
    """'X welcomed the initiative', 'responded positively to this proposal': a verb of reception
    whose only argument beyond the subject is the other side's move, with nothing said about it."""
    lex = claim_lexicon()
    if len(tops) != 1:
        return False
    root = tops[0]
    if root.lemma_.lower() not in lex.reception:
        return False
    objects = []
    for c in root.children:
        if c.i not in inside:
            continue   # the claim is its span: a conjunct left out of it is another claim
        if c.dep_ in {"dobj"}:
            objects.append(c)
        elif c.dep_ == "prep":
            objects += [g for g in c.children if g.dep_ == "pobj"]
        elif c.dep_ in {"ccomp", "xcomp", "conj", "advcl"}:
            return False   # 'welcomed ... and instructed the army to comply': a further act
    if not objects:
        return False
    for o in objects:
        if o.lemma_.lower() not in lex.proposals and o.pos_ != "PRON":
            return False
        if any(c.dep_ in {"prep", "acl", "relcl", "amod", "compound"} and c.lemma_.lower() not in lex.proposals
               and c.pos_ != "ADJ" for c in o.children if c.dep_ != "poss"):
            return False   # 'the proposal regarding maritime security': content of its own
    return True
