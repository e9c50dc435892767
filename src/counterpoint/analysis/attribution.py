"""Who said what: quotes (direct, partial, structural), reported speech and 'according to'
attributions, each with a resolved speaker, the channel it came through and character offsets.

The mechanism is syntactic: a reporting, belief, perception, intention or evaluation verb (lexicon
below, by linguistic class) with a subject and a content clause (ccomp, an object + xcomp, "as ...",
the topic of "complained about ..."), an attitude noun ("X's claim that ...", "voiced concern about
...") or adjective ("is worried about ..."), an "according to X" phrase, "X quoted Y as saying", a
line opening "Name: ...", plus quotation-mark spans paired per paragraph. An attribution inside
another's content is the outer source's claim, never its embedded subject's (unless the outer source
only passes the words on: a news agency, a document). Quotes take the speaker of the attribution whose content
holds them, else of the attribution in the same or the neighbouring sentence, else of the section
heading above them ("Trump's Statement"). Pronoun, role and document sources are resolved by
`speakers.Resolver`; canonical names across accounts are settled later by `actors.resolve`.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Doc, Span as SpacySpan, Token

from counterpoint.analysis import actors as actor_party
from counterpoint.analysis import lexicon
from counterpoint.analysis.docindex import DocIndex, index_of
from counterpoint.analysis.quotes import QuoteSpan, find_quotes, paragraphs
from counterpoint.analysis.speakers import (DOC_NOUNS, MEDIA_OUTLETS, MEDIA_WORDS, ORG_NOUNS, ROLE_WORDS, Resolver,
                                            Speaker, after_a_title, strip_media_words)
from counterpoint.analysis.stances import SPEECH_STANCES, STANCE
from counterpoint.analysis.structure import Section, is_furniture, section_at, sections
from counterpoint.records import Account, Claim, Quote

# The words of attribution live in data/attribution.yaml (checked by `lexicon`): stance classes of the
# reporting verbs, syntax frames, prepositional frames, channel and attitude nouns, attitude adjectives.
_LEX = lexicon.attribution()
# Reporting verbs by stance (lemma -> stance), and the stances of speech acts: `stances` (spaCy-free,
# for the compare stage too).
REPORT_VERBS = set(STANCE)
# verbs whose object + infinitive is the content ("urged Beijing to ...", "told him to ...")
XCOMP_VERBS = set(_LEX["frames"].words("xcomp"))
# verbs whose direct object is itself what was said ("stressed mutual respect", "denied the report")
DOBJ_VERBS = set(_LEX["frames"].words("dobj"))
# stances toward a person: "prefer Sanders", "endorsed Clinton"
PERSON_OBJ_VERBS = set(_LEX["frames"].words("person_obj"))
# verbs whose prepositional object is the content ("called for ...", "warned of ...", "spoke about ...")
PREP_VERBS = {v: set(ps) for v, ps in _LEX["prep_frames"].values("verbs").items()}
AS_VERBS = set(_LEX["frames"].words("as"))
CHANNEL_NOUNS = set(_LEX["cues"].words("channel_nouns"))
# Nouns that name an attitude or a speech act: "Trump's claim that ...", "her criticism of ...",
# "voiced support for ...". The possessor (or the subject of a light verb taking the noun) is the source.
ATTITUDE_NOUNS = set(_LEX["cues"].words("attitude_nouns"))
EVIDENTIAL_VERBS = set(_LEX["cues"].words("evidential_verbs"))
EVENT_SUBJECTS = set(_LEX["cues"].words("event_subjects"))
TURN_LABELS = set(_LEX["cues"].words("turn_labels"))
# verbs that take an attitude noun and lend it their subject: "expressed concern", "made the case"
LIGHT_VERBS = set(_LEX["frames"].words("light"))
# Adjectives (and participles) of attitude: "is concerned about ...", "remains confident that ..."
ATTITUDE_ADJ = set(_LEX["cues"].words("attitude_adjectives"))
# prepositions that introduce the topic of an attitude noun or adjective
TOPIC_PREPS = set(_LEX["cues"].words("topic_preps"))
RELATIVE_WORDS = set(_LEX["cues"].words("relative_words"))
EDGE_JUNK = " \t\n,;:-–—\"'“”‘’()"


@dataclass
class Mention:
    """A mention of an actor in one account: the surface name and where it is."""

    account: str
    text: str
    start: int
    end: int
    label: str = ""
    canonical: Optional[str] = None
    country: Optional[str] = None
    role: Optional[str] = None


@dataclass
class Frame:
    """One attribution found in the text: cue, source, content."""

    cue: Optional[Token]
    kind: str  # verb | according_to | quoted_as | noun | adjective | colon
    sent: SpacySpan
    source: Optional[Token] = None
    speaker: Optional[Speaker] = None
    channel: Optional[str] = None
    content: Optional[tuple[int, int]] = None
    outer_of: list["Frame"] = field(default_factory=list)
    embedded_in: Optional["Frame"] = None  # the frame whose content holds this one's cue
    channel_only: bool = False  # a media frame whose inner frame names the real speaker

    @property
    def cue_text(self) -> Optional[str]:
        return self.cue.text if self.cue is not None else None

    @property
    def verb(self) -> Optional[str]:
        return self.cue.lemma_.lower() if self.cue is not None else None


# -- syntax helpers -------------------------------------------------------------------------------

def _subject(verb: Token) -> Optional[Token]:
    """The source of a reporting verb: its subject, the agent of a passive, or the subject it shares
    with the verb it hangs from ("Trump said ..., adding that ...")."""
    tok = verb
    if verb.dep_ in ("pcomp", "acl") and verb.head.lower_ == "with":
        # 'with Trump later saying ...': the absolute phrase's noun is who says it
        pobj = next((c for c in verb.head.children if c.dep_ == "pobj" and c.i < verb.i), None)
        if pobj is not None:
            return pobj
    for _ in range(5):
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "csubj") and not _labels_a_line(c)]
        if len(subjects) > 1:
            # 'Valdora, 2 May 2027 — The Central Electoral Commission announced ...': the parser
            # takes the dateline for a second subject; the subject is the one nearest the verb
            before = [c for c in subjects if c.i < tok.i]
            return before[-1] if before else subjects[0]
        if subjects:
            return subjects[0]
        for c in tok.children:
            if c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return p
        for c in tok.children:
            if c.dep_ == "nsubjpass" and verb.lemma_.lower() in ("quote", "cite"):
                return c
        if tok.dep_ in ("xcomp", "advcl", "conj", "pcomp", "pobj", "prep", "acomp") and tok.head is not tok:
            head = tok.head
            if head.dep_ == "ccomp" and head.head is not head and head.head.lemma_.lower() in REPORT_VERBS \
                    and head.head.i < head.i:
                # "said he saw no need, telling reporters ...": the parser hung the second report on the
                # content clause; its source is the reporter's, never the subject inside the content
                head = head.head
            elif tok.dep_ == "advcl" and tok.tag_ == "VBG" and head.dep_ == "advcl" and head.i < tok.i \
                    and any(c.dep_ == "mark" for c in head.children) and head.head is not head \
                    and head.head.pos_ in ("VERB", "AUX"):
                # "Lorvenia has objected to the dam since construction began in 2024, saying ...": the
                # parser hung the participle on the subordinate clause before it; its source is the
                # subject of the clause that one qualifies
                head = head.head
            tok = head
            continue
        if tok.dep_ == "relcl":
            return tok.head
        if tok.dep_ == "acl" and _misparsed_main_verb(tok):
            return tok.sent.root
        break
    return None


def _labels_a_line(tok: Token) -> bool:
    """'Question: Merovia has accused ...': a word before a colon that opens the line labels the
    turn; the parser may take it for a second subject, but the subject is the one after it."""
    doc = tok.doc
    return tok.i + 1 < len(doc) and doc[tok.i + 1].text == ":" and \
        (tok.i == 0 or "\n" in doc[tok.i - 1].text_with_ws or doc[tok.i - 1].is_space)


def _misparsed_main_verb(verb: Token) -> bool:
    """'Martin Osei, whose ward includes the depot, called on both sides to ...': the parser hangs
    the main verb on the last noun of the relative clause as a participle, and the sentence has a
    noun for its root. A participle after the comma that closes a relative clause on the root noun
    is that noun's verb."""
    root = verb.sent.root
    if root.pos_ not in ("PROPN", "NOUN") or verb.i == 0 or verb.doc[verb.i - 1].text != ",":
        return False
    rel = next((c for c in root.children if c.dep_ == "relcl" and c.i < verb.i), None)
    if rel is None or verb.head.i not in {t.i for t in rel.subtree}:
        return False
    under = {t.i for t in verb.subtree}
    return max(t.i for t in rel.subtree if t.i not in under) == verb.i - 1   # it ends at the comma before the verb


def _span_of(tokens: list[Token]) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _subtree_span(tok: Token) -> tuple[int, int]:
    return tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)


def _text(doc) -> str:
    """The doc's text, built once per doc: spaCy joins every token on each `doc.text` access, and
    reading it per candidate made attribution quadratic in the account's length (found by fuzzing)."""
    return index_of(doc).text


def _trim(text: str, s: int, e: int) -> Optional[tuple[int, int]]:
    while s < e and text[s] in EDGE_JUNK:
        s += 1
    while e > s and text[e - 1] in EDGE_JUNK:
        e -= 1
    # keep a closing mark's partner balanced: drop a lone leading/trailing bracket already trimmed
    return (s, e) if e - s >= 2 else None


def _conjunct_of_the_content(verb: Token, c: Token, ccomp: Token) -> bool:
    """'He said the two sides need to work for ..., help rid the world of ..., and safeguard ...':
    the parser hangs the later verbs on the reporting verb; a verb after the content clause in
    another form than the reporting verb ('help' after 'said'), with no subject of its own, cannot
    go with it and continues the clause."""
    return c.dep_ == "conj" and c.i > ccomp.i and c.tag_ in ("VB", "VBP") and verb.tag_ in ("VBD", "VBZ", "VBP") \
        and c.tag_ != verb.tag_ and not any(m.dep_ in ("nsubj", "nsubjpass", "aux") for m in c.children)


def _content(verb: Token, source: Optional[Token]) -> Optional[tuple[int, int]]:
    lemma = verb.lemma_.lower()
    kids = list(verb.children)
    ccomps = [c for c in kids if c.dep_ == "ccomp"]
    if ccomps:
        parts = [_clause_span(c) for c in ccomps]
        # "warned that A, and that B": a coordinated second content clause
        for c in kids:
            if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and any(m.dep_ == "mark" for m in c.children) \
                    and not any(m.dep_ in ("nsubj",) and m.i < c.i and m.lower_ in ("he", "she") for m in c.children):
                parts.append(_subtree_span(c))
            elif _conjunct_of_the_content(verb, c, ccomps[-1]):
                parts.append(_subtree_span(c))
        s, e = min(p[0] for p in parts), max(p[1] for p in parts)
        if source is not None and s <= source.idx < e and not (ccomps[0].i > source.i):
            return None
        return _trim(_text(verb.doc), s, e)
    if lemma in REPORT_VERBS and not any(c.dep_ == "dobj" for c in kids):
        r = _misparsed_that_clause(verb)
        if r is not None:
            return _trim(_text(verb.doc), r.left_edge.idx, _subtree_span(r)[1])
        main = _misparsed_main_clause(verb)
        if main is not None:
            return _trim(_text(verb.doc), verb.right_edge.idx + len(verb.right_edge.text), _subtree_span(main)[1])
    if lemma in XCOMP_VERBS:
        x = next((c for c in kids if c.dep_ == "xcomp"), None)
        if x is not None:
            obj = next((c for c in kids if c.dep_ in ("dobj", "dative") and c.i < x.i and c.lower_ not in RELATIVE_WORDS), None)
            s = _subtree_span(obj)[0] if obj is not None else _subtree_span(x)[0]
            return _trim(_text(verb.doc), s, _subtree_span(x)[1])
    oprd = next((c for c in kids if c.dep_ == "oprd"), None)
    dobj = next((c for c in kids if c.dep_ == "dobj"), None)
    if lemma in AS_VERBS and oprd is not None and dobj is not None:
        # "called the plan a sham"
        return _trim(_text(verb.doc), _subtree_span(dobj)[0], _subtree_span(oprd)[1])
    if lemma in AS_VERBS:
        as_prep = next((c for c in kids if c.dep_ == "prep" and c.lower_ == "as"), None)
        obj = next((c for c in kids if c.dep_ == "dobj"), None)
        if obj is not None and as_prep is None:
            as_prep = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "as"), None)
        if as_prep is not None:
            s = _subtree_span(obj)[0] if obj is not None else as_prep.idx
            return _trim(_text(verb.doc), s, max(_subtree_span(as_prep)[1], _subtree_span(obj)[1] if obj is not None else 0))
    if lemma in DOBJ_VERBS:
        obj = next((c for c in kids if c.dep_ == "dobj"), None)
        why = next((c for c in kids if c.dep_ == "prep" and c.lower_ in ("for", "of") and obj is not None and c.i > obj.i), None)
        if obj is not None and why is not None:
            # "accused X of ...", "praised X for ..."
            return _trim(_text(verb.doc), _subtree_span(obj)[0], _subtree_span(why)[1])
        if obj is not None and STANCE.get(lemma) == "belief":
            # "consider the incumbent out of touch": the object and what it is held to be
            ends = [_subtree_span(c)[1] for c in kids if c.i > obj.i and c.dep_ in ("oprd", "xcomp", "ccomp", "acomp", "prep", "advmod")]
            return _trim(_text(verb.doc), _subtree_span(obj)[0], max([_subtree_span(obj)[1]] + ends))
        if obj is not None and obj.pos_ not in ("PRON",) and (obj.ent_type_ != "PERSON" or lemma in PERSON_OBJ_VERBS):
            return _trim(_text(verb.doc), *_subtree_span(obj))
    if lemma in PREP_VERBS:
        p = next((c for c in kids if c.dep_ == "prep" and c.lower_ in PREP_VERBS[lemma]), None)
        obj = next((c for c in p.children if c.dep_ in ("pobj", "pcomp")), None) if p is not None else None
        if obj is not None:
            # the topic, without the preposition: "talked about [the working class]"
            return _trim(_text(verb.doc), _subtree_span(obj)[0], _subtree_span(p)[1])
    if verb.dep_ in ("parataxis", "ccomp", "advcl") and verb.head is not verb and (verb.head.i < verb.i or _parenthetical(verb)) \
            and lemma in ("say", "add", "tell", "write", "note", "explain", "state", "argue", "insist", "claim", "continue") \
            and not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in kids):
        # inverted parse of '..., he said': the clause before the cue is what was said
        # "The economy, he said, is strong."
        head = verb.head
        toks = [t for t in head.subtree if not (verb.left_edge.i <= t.i <= verb.right_edge.i)]
        if toks:
            return _trim(_text(verb.doc), *_span_of(toks))
    return None


def _parenthetical(verb: Token) -> bool:
    """A reporting clause set off by commas inside what it reports: "The plan, officials said, is
    dead." The clause is the verb's own subtree with a comma (or dash) on each side."""
    doc = verb.doc
    marks = (",", "—", "–")
    lo, hi = verb.left_edge.i, verb.right_edge.i
    # the parser hangs the commas on the verb or on its host: look just inside and just outside the edges
    lo = lo if doc[lo].text in marks else lo - 1
    hi = hi if doc[hi].text in marks else hi + 1
    return verb.dep_ == "parataxis" and verb.head.left_edge.i < lo < verb.i < hi < len(doc) \
        and doc[lo].text in marks and doc[hi].text in marks


def _clause_span(head: Token) -> tuple[int, int]:
    """A content clause's extent, without what the parser hung on it but the source did: a
    coordinated reporting verb with no subject of its own ("said the party was calm, and urged
    ...", "... but added"), a participial report ("..., telling reporters that ...")."""
    cut = None
    for c in head.children:
        if c.i <= head.i or c.pos_ not in ("VERB", "AUX") or c.lemma_.lower() not in REPORT_VERBS:
            continue
        own_subject = any(k.dep_ in ("nsubj", "nsubjpass", "expl") for k in c.children)
        if (c.dep_ == "conj" and not own_subject) or (c.dep_ in ("advcl", "xcomp") and c.tag_ == "VBG" and not own_subject
                                                      and c.i > head.i + 1 and c.doc[c.i - 1].is_punct):
            cut = c.left_edge.i if cut is None else min(cut, c.left_edge.i)
    s, e = _subtree_span(head)
    if cut is not None and cut > head.left_edge.i:
        k = cut - 1
        while k > head.left_edge.i and (head.doc[k].is_punct or head.doc[k].dep_ == "cc"):
            k -= 1
        e = head.doc[k].idx + len(head.doc[k].text)
    return s, e


def _cut_trailing(doc: Doc, rng: Optional[tuple[int, int]]) -> Optional[tuple[int, int]]:
    """End what was said before the writer's own additions set off by a comma at its end: a
    non-restrictive relative clause (", who also held a rally"), an appositive (", an important
    development"), a participial or contrastive clause (", recalling how ...", ", while others ...")."""
    if rng is None:
        return None
    s, e = rng
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None or len(span) < 6:
        return rng
    for t in span[3:]:
        if t.i == 0 or doc[t.i - 1].text != "," or doc[t.i - 1].idx < s:
            continue
        h = next((h for h in (t.head, t) if h.left_edge.i == t.i), None)
        if h is None or h.right_edge.idx + len(h.right_edge.text) < e - 1 or not (s <= h.head.idx < e):
            continue
        marks = {c.lower_ for c in h.children if c.dep_ == "mark"}
        # an "appositive" holding a coordination is a list the parser misread ("oil, soya beans and engines")
        listy = h.dep_ == "appos" and any(k.dep_ in ("cc", "conj") for k in h.subtree)
        # ', with Trump later saying ...': another source's words in an absolute phrase
        reported = h.dep_ == "prep" and h.lower_ == "with" and any(
            k.dep_ in ("pcomp", "acl") and k.lemma_.lower() in REPORT_VERBS for k in h.subtree)
        if h.dep_ in ("relcl", "appos") and t.lower_ not in ("that",) and not listy \
                or h.dep_ in ("advcl", "acl") and (h.tag_ == "VBG" or marks & {"while", "whereas", "although", "though"}) \
                or reported:
            return _trim(_text(doc), s, doc[t.i - 1].idx)
    return rng


def _misparsed_that_clause(verb: Token) -> Optional[Token]:
    """"claimed after the call that China had promised ...": with no complement of its own, a
    communication verb's "that"-clause is often parsed as a relative clause on the noun of an
    intervening phrase. A clause opened by "that" that has a subject of its own is the complement."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.i > verb.i):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            for r in pobj.children:
                if r.dep_ != "relcl" or r.left_edge.lower_ != "that" or r.left_edge.i != pobj.i + 1:
                    continue
                that = r.left_edge
                subj = next((k for k in r.children if k.dep_ in ("nsubj", "nsubjpass") and k.i != that.i), None)
                if subj is not None and that.i < subj.i:
                    return r
    return None


def _misparsed_main_clause(verb: Token) -> Optional[Token]:
    """'While Trump said he and Putin agreed that ...': the parser makes the reporting verb a
    subordinate clause of the clause it reports. A fronted subordinate clause ends at a comma; with
    no comma between the reporting verb and the clause after it, that clause is its content."""
    head = verb.head
    if verb.dep_ != "advcl" or head.i <= verb.i or head.pos_ not in ("VERB", "AUX"):
        return None
    if any(c.dep_ in ("ccomp", "xcomp") for c in verb.children):
        return None
    start = verb.right_edge.i + 1
    if start >= head.i or any(t.is_punct for t in verb.doc[start:head.i]):
        return None
    return head if any(c.dep_ in ("nsubj", "nsubjpass") and c.i > verb.i for c in head.children) else None


EVALUATIVE_STANCES = frozenset({"positive", "negative"})
MODALS = frozenset("should must could would can may might shall ought".split())


def _irrealis(verb: Token) -> bool:
    """The verb tells what should or could be done, or is an infinitive ('to jointly promote'):
    no act took place."""
    return any(c.dep_ == "aux" and (c.lower_ in MODALS or c.lower_ == "to") for c in verb.children)


def _channel(verb: Token, resolver: Resolver) -> Optional[str]:
    """Where the words were said or published: "in a post on his Truth Social website",
    "told Al Jazeera", "said in a statement"."""
    found = None
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "on", "during", "via", "through", "to", "at")]
    for p in preps:
        for pobj in (c for c in p.children if c.dep_ == "pobj"):
            names = [t for t in pobj.subtree if t.pos_ == "PROPN" and t.ent_type_ not in ("DATE", "TIME")]
            if pobj.lemma_.lower() in CHANNEL_NOUNS or pobj.lower_ in MEDIA_OUTLETS or \
                    (names and " ".join(t.text for t in names).lower() in MEDIA_OUTLETS):
                if names:
                    run = resolver.proper_name(names[0]) or names
                    return " ".join(t.text for t in run)
                found = found or " ".join(t.text for t in pobj.subtree
                                          if (t.dep_ in ("compound",) and t.ent_type_ not in ("DATE", "TIME"))
                                          or t.i == pobj.i)   # 'the Wednesday phone call' -> 'phone call' 
    if verb.lemma_.lower() in ("tell", "say", "speak", "write"):
        for c in verb.children:
            if c.dep_ in ("dobj", "dative", "iobj"):
                cand = c
                if c.dep_ == "dative" and c.pos_ == "ADP":
                    cand = next((p for p in c.children if p.dep_ == "pobj"), c)
                name = _media_name(cand, resolver)
                if name:
                    return name
    return found


def _event_medium(channel: str) -> bool:
    """'phone call', 'the video conference': the medium of the exchange itself, not a channel that
    published the words."""
    words = channel.lower().split()
    return bool(words) and words[-1] in {"call", "conversation", "conference", "meeting", "talks", "summit"}


def _media_name(tok: Token, resolver: Resolver) -> Optional[str]:
    names = resolver.proper_name(tok)
    if names is None:
        comp = [c for c in tok.children if c.pos_ == "PROPN" and c.dep_ in ("compound", "appos", "nmod")]
        names = resolver.proper_name(comp[0]) if comp else None
    words = {t.lower_ for t in tok.subtree}
    if names:
        text = " ".join(t.text for t in names if t.lower_ != "the")
        if text.lower() in MEDIA_OUTLETS or words & MEDIA_WORDS or (resolver.kb.lookup(text) and resolver.kb.lookup(text).kind == "media"):
            return text
    return None


# -- frames ---------------------------------------------------------------------------------------

def _cue_candidates(ix: DocIndex) -> list[int]:
    """Indices of the tokens that can cue an attribution in `_frames_in` ("according", an attitude
    noun or adjective, a reporting verb), read off the token arrays: every other token is passed
    over there, and making a Token object for each cost more than the frames themselves."""
    lower, lemma, pos = ix.lower, ix.lemma, ix.pos
    return [i for i in range(len(lower))
            if lower[i] == "according" or lower[i] in ATTITUDE_ADJ
            or (pos[i] == "NOUN" and lemma[i] in ATTITUDE_NOUNS)
            or (pos[i] in ("VERB", "AUX") and lemma[i] in REPORT_VERBS)]


def _frames_in(sent: SpacySpan, resolver: Resolver, section: Optional[Section], heading_speaker: Optional[Speaker],
               cues: Optional[list[int]] = None) -> list[Frame]:
    """The attributions of one sentence; `cues` (sorted token indices, see `_cue_candidates`) limits
    the tokens looked at to those that can cue one."""
    doc = sent.doc
    out: list[Frame] = []
    sec_start = section.body_start if section else 0
    lead = _colon_lead(sent, resolver, heading_speaker, sec_start)
    if lead is not None:
        out.append(lead)
    if cues is None:
        toks = iter(sent)
    else:
        token = index_of(doc).token
        toks = (token(i) for i in cues[bisect.bisect_left(cues, sent.start):bisect.bisect_left(cues, sent.end)])
    for tok in toks:
        low = tok.lower_
        if low == "according" and tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "to":
            to = doc[tok.i + 1]
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None) or \
                next((c for c in tok.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            lo, hi = tok.i, max(tok.right_edge.i, pobj.right_edge.i) + 1
            content = _according_content(tok, lo, hi, sent)
            sp = resolver.resolve(pobj, heading_speaker, sec_start)
            out.append(Frame(tok, "according_to", sent, pobj, sp, None, content))
            continue
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in ATTITUDE_NOUNS:
            fr = _nominal_frame(tok, sent, resolver, heading_speaker, sec_start)
            if fr is not None:
                out.append(fr)
            continue
        if tok.lower_ in ATTITUDE_ADJ and tok.pos_ in ("ADJ", "VERB") and tok.dep_ in ("acomp", "ROOT", "amod", "ccomp",
                                                                                     "conj", "oprd", "xcomp"):
            fr = _adjective_frame(tok, sent, resolver, heading_speaker, sec_start)
            if fr is not None:
                out.append(fr)
                continue
        if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in REPORT_VERBS:
            continue
        lemma = tok.lemma_.lower()
        if STANCE.get(lemma) in EVALUATIVE_STANCES and _irrealis(tok):
            continue  # 'the two countries should jointly promote peace': an aim, not an act of praise
        src = _subject(tok)
        if src is None or src.i == tok.i:
            continue
        if src.lower_ in ("i", "we", "you", "me", "us") and _inside_quote(src, resolver):
            continue
        content = _cut_trailing(doc, _content(tok, src))
        channel = _channel(tok, resolver)
        if lemma in ("quote", "cite"):
            # "CGTN quoted Xi as saying": the object speaks, the subject is the channel
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            as_saying = any(c.lower_ == "as" for c in tok.children)
            if obj is not None and (as_saying or obj.ent_type_ == "PERSON"):
                ch = resolver.resolve(src, heading_speaker, sec_start)
                sp = resolver.resolve(obj, heading_speaker, sec_start)
                out.append(Frame(tok, "quoted_as", sent, obj, sp, ch.name if ch else channel, content))
                continue
        if lemma == "continue" and (content is not None or any(c.dep_ == "xcomp" for c in tok.children)
                                    or not any(t.text in "\"“”" for t in sent)):
            continue  # "continued" reports only as in '“...,” the readout continued, “...”'
        if content is None and (lemma in ("call", "find", "show", "learn", "hear", "ask", "feel", "expect", "want", "agree",
                                          "press", "answer", "see", "view", "raise", "express", "publish", "post")
                                or STANCE.get(lemma) not in SPEECH_STANCES):
            continue  # these verbs attribute only with a content clause: attitudes, intentions, judgements
        if content is None and sent.text.rstrip().endswith(":") and sent.end < len(doc):
            # 'He put it this way:' + the next sentence
            nxt = doc[sent.end].sent
            content = _trim(_text(doc), nxt.start_char, nxt.end_char)
        sp = resolver.resolve(src, heading_speaker, sec_start)
        if lemma in EVIDENTIAL_VERBS and _evidence_subject(src, sp, tok):
            continue   # 'Information provided to the Authority indicates that ...': evidence, not a speaker
        if _purpose_of_a_crowd(tok, sp):
            continue   # '25,000 people marched ... to tell the City Council to keep ...': why they marched
        if sp is None and src.lower_ in ("i", "we") and not _inside_quote(src, resolver):
            # first-person narration outside quotes: the writer of the account speaks
            sp = Speaker("the author", "person", via="author", surface=src.text)
        if sp is None:
            continue
        fr = Frame(tok, "verb", sent, src, sp, channel, content)
        if channel and channel.lower() in {w for w in DOC_NOUNS} | {"press release", "statement"}:
            resolver.note_document(tok.idx, sp)
        out.append(fr)
    # nested attributions: "Xi warned that ..., Xinhua reported" -> speaker Xi, channel Xinhua
    for a in out:
        for b in out:
            if a is b or a.content is None or b.cue is None:
                continue
            if a.content[0] <= b.cue.idx < a.content[1]:
                a.outer_of.append(b)
                if b.embedded_in is None or (b.embedded_in.content[1] - b.embedded_in.content[0]) > (a.content[1] - a.content[0]):
                    b.embedded_in = a
                if a.speaker is not None and (a.speaker.kind in ("media", "document") or a.kind == "according_to"
                                              and a.speaker.kind != "person"):
                    # 'Xi told Trump on the phone call ..., according to Chinese state media': the
                    # call is the event itself; the outlet is how the words reached the account
                    if not b.channel or _event_medium(b.channel):
                        b.channel = strip_media_words(a.speaker.name)
                    a.channel_only = (b.speaker is not None and not _generic(b.speaker)
                                      and (b.speaker.kind == "person" or a.kind == "according_to")) \
                        or a.speaker.kind == "media" and not _state_outlet_over_generic(a, b)
    for fr in out:
        if fr.speaker is not None:
            resolver.history.add(fr.source.idx if fr.source is not None else fr.sent.start_char, fr.speaker, speaker=True)
    return out


def _colon_lead(sent: SpacySpan, resolver: Resolver, heading_speaker, sec_start) -> Optional[Frame]:
    """A line that opens with a name and a colon gives that name's words: headlines ("Kasich: 'We
    will go all the way'"), transcripts ("SMITH: We disagree."). Place names (datelines) are not speakers."""
    doc = sent.doc
    text = _text(doc)
    start = sent.start
    while start < sent.end - 1 and doc[start].text in OPEN_MARKS:
        start += 1  # transcripts quoted line by line: '"SMITH: We disagree.'
    line_start = text.rfind("\n", 0, doc[start].idx) + 1
    if text[line_start:doc[start].idx].strip(OPEN_MARKS + " \t"):
        return None
    caps = _caps_label(doc, start, sent.end)
    if caps is not None:
        # a transcript's speaker label in capitals ("SMITH:", "JANE SMITH:"): whoever the account
        # names so; a lone capitalised word it names nowhere else is a rubric ("UPDATE:"), no speaker
        k = caps
        lead = " ".join(t.text for t in doc[start:k]).lower()
        known = next((p for name, p in resolver.people.items()
                      if name.lower() == lead or name.lower().endswith(" " + lead)), None)
        if known is not None:
            return _colon_frame(doc, k, sent, doc[k - 1], Speaker(known.name, "person", known.country, known.role,
                                                                 surface=lead))
        last = doc[k - 1].text
        labels = re.findall(rf"(?m)^[\"“]?((?:[A-Z]+ )*){re.escape(last)}:", text)
        full = max(labels, key=len, default="") + last  # "MARSH:" after "LENA MARSH:" is Lena Marsh
        if len(full.split()) >= 2 and (re.search(rf"\b{re.escape(last.capitalize())}\b", text) or len(labels) >= 2):
            # a full name in capitals the account names elsewhere, or a speaker who labels more than
            # one line; a rubric ("BREAKING NEWS:") is neither
            name = " ".join(w.capitalize() for w in full.split())
            return _colon_frame(doc, k, sent, doc[k - 1], Speaker(name, "person", surface=name))
        return None
    k = start
    while k < sent.end and k - start < 5 and doc[k].text[:1].isupper() and doc[k].pos_ in ("PROPN", "NOUN") \
            and doc[k].ent_type_ not in ("GPE", "DATE", "LOC"):
        k += 1
    if k == start or k >= sent.end - 1 or doc[k].text != ":" or doc[k - 1].is_punct:
        return None
    src = doc[k - 1]
    lead = " ".join(t.text for t in doc[start:k])
    if lead.lower() in TURN_LABELS:
        return None   # 'Question: ...' labels a turn, it names no speaker
    known = next((p for name, p in resolver.people.items() if name == lead or name.endswith(" " + lead)), None)
    if known is not None:
        # title-case headlines defeat the tagger: a name the article gives in full elsewhere
        return _colon_frame(doc, k, sent, src, Speaker(known.name, "person", known.country, known.role, surface=lead))
    if any(t.pos_ != "PROPN" for t in doc[start:k]):
        return None
    sp = resolver.resolve(src, heading_speaker, sec_start)
    if sp is None or sp.kind not in ("person", "organization", "government", "media"):
        return None
    return _colon_frame(doc, k, sent, src, sp)


OPEN_MARKS = "\"“‘'"


def _caps_label(doc, start: int, end: int) -> Optional[int]:
    """The index of the colon after one to three words in capitals opening a line ("SMITH:"), or None."""
    k = start
    while k < end and k - start < 3 and len(doc[k].text) >= 2 and doc[k].text.isalpha() and doc[k].text.isupper():
        k += 1
    # the parser often ends the sentence at the label's colon: the words run on to the line's end
    if k == start or k >= end or doc[k].text != ":":
        return None
    return k


def _colon_frame(doc, k: int, sent: SpacySpan, src: Token, sp: Speaker) -> Optional[Frame]:
    text = _text(doc)
    line_end = text.find("\n", doc[k].idx)
    line_end = len(text) if line_end < 0 else line_end
    content = _trim(text, doc[k].idx + 1, line_end)
    if content is None:
        return None
    return Frame(doc[k], "colon", sent, src, sp, None, content)


def _complement(head: Token) -> Optional[tuple[int, int]]:
    """What an attitude noun or adjective is about: its "that"-clause ("the claim that ..."), its
    infinitive ("a decision to run"), or the object of its topic preposition ("concern about ...")."""
    text = _text(head.doc)
    for c in head.children:
        if c.i < head.i:
            continue
        if c.dep_ in ("acl", "ccomp", "relcl", "advcl") and c.pos_ in ("VERB", "AUX"):
            first = c.left_edge
            own_subject = any(k.dep_ in ("nsubj", "nsubjpass", "expl") and k.i != first.i for k in c.children)
            if first.lower_ == "that" and own_subject and (first.dep_ == "mark" or c.dep_ != "relcl"):
                return _trim(text, first.idx + len(first.text), _clause_span(c)[1])
            if c.dep_ in ("acl", "xcomp", "advcl") and any(k.dep_ == "aux" and k.lower_ == "to" for k in c.children) \
                    and c.left_edge.i == head.i + 1:
                return _trim(text, *_clause_span(c))
        if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX"):
            return _trim(text, *_clause_span(c))
        if c.dep_ == "prep" and c.lower_ in TOPIC_PREPS and c.i == head.i + 1:
            obj = next((k for k in c.children if k.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                return _trim(text, _subtree_span(obj)[0], _subtree_span(c)[1])
    return None


def _nominal_frame(noun: Token, sent: SpacySpan, resolver: Resolver, heading_speaker, sec_start) -> Optional[Frame]:
    """"Trump's claim that ...", "Democrats voiced concern about ...", "criticism of X by Y"."""
    content = _cut_trailing(noun.doc, _complement(noun))
    if content is None:
        return None
    src = next((c for c in noun.children if c.dep_ == "poss"), None)
    if src is not None and src.pos_ == "PRON":
        # 'Putin expressed gratitude to Trump for his desire to ...': an attitude told of someone in a
        # phrase of another's act is that other's account of it
        teller = _teller_of(noun)
        if teller is not None:
            src = teller
    if src is None and noun.dep_ in ("dobj", "attr") and noun.head.lemma_.lower() in LIGHT_VERBS | REPORT_VERBS:
        src = _subject(noun.head)
        if src is not None and src.i > noun.i and src.dep_ != "agent":
            src = None
    if src is None:
        by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
        src = next((k for k in by.children if k.dep_ == "pobj"), None) if by is not None else None
    if src is None or src.lower_ in ("it", "its", "this", "that", "there"):
        return None
    if src.lower_ in ("i", "we", "you", "me", "us", "my", "our", "your") and _inside_quote(src, resolver):
        return None
    sp = resolver.resolve(src, heading_speaker, sec_start)
    if sp is None and src.lower_ in ("i", "my", "we", "our") and not _inside_quote(src, resolver):
        sp = Speaker("the author", "person", via="author", surface=src.text)
    if sp is None:
        return None
    return Frame(noun, "noun", sent, src, sp, None, content)


def _teller_of(noun: Token) -> Optional[Token]:
    """The subject of the verb whose prepositional phrase holds `noun` ('... expressed gratitude to
    Trump for his desire', 'welcomed ... in view of her readiness'), where that verb is no denial;
    None elsewhere."""
    if noun.dep_ != "pobj" or noun.head.dep_ != "prep":
        return None
    head = noun.head.head
    while head.pos_ == "NOUN" and head.dep_ in ("dobj", "pobj", "attr") and head.head is not head:
        head = head.head   # 'gratitude ... for': up to the verb of the noun it modifies
        if head.dep_ == "prep":
            head = head.head
    if head.pos_ not in ("VERB", "AUX") or STANCE.get(head.lemma_.lower()) == "denial":
        return None
    subj = _subject(head)   # its own, or the one it shares ('expressed gratitude, thanking ...')
    return subj if subj is not None and subj.pos_ in ("PROPN", "NOUN") and subj.i < noun.i else None


def _adjective_frame(adj: Token, sent: SpacySpan, resolver: Resolver, heading_speaker, sec_start) -> Optional[Frame]:
    """"Voters are worried about ...", "she remains confident that ...": the subject of the
    copula holds the attitude."""
    content = _cut_trailing(adj.doc, _complement(adj))
    if content is None:
        return None
    if adj.dep_ == "amod":
        return None  # "a worried official" names no content
    src = next((c for c in adj.children if c.dep_ in ("nsubj", "nsubjpass")), None) or _subject(adj)
    if src is None or src.lower_ in ("it", "there", "this", "that") or src.i == adj.i:
        return None
    if src.lower_ in ("i", "we", "you", "me", "us") and _inside_quote(src, resolver):
        return None
    sp = resolver.resolve(src, heading_speaker, sec_start)
    if sp is None and src.lower_ in ("i", "we") and not _inside_quote(src, resolver):
        sp = Speaker("the author", "person", via="author", surface=src.text)
    if sp is None:
        return None
    return Frame(adj, "adjective", sent, src, sp, None, content)


def _according_content(tok: Token, lo: int, hi: int, sent: SpacySpan) -> Optional[tuple[int, int]]:
    """What "according to X" vouches for: the clause the phrase hangs from, without the phrase and
    without clauses coordinated after it; else the longer side of the sentence."""
    doc = sent.doc
    head = tok.head
    if head is not tok and head.pos_ in ("VERB", "AUX") and sent.start <= head.i < sent.end:
        drop = set(range(lo, hi))
        for c in head.children:
            if c.dep_ in ("conj", "cc") and c.i > hi:
                drop.update(t.i for t in c.subtree)
        toks = [t for t in head.subtree if t.i not in drop and not t.is_punct]
        if toks:
            rng = _trim(_text(doc), toks[0].idx, toks[-1].idx + len(toks[-1].text))
            if rng:
                return rng
    before = _trim(_text(doc), sent.start_char, doc[lo].idx)
    after = _trim(_text(doc), doc[hi - 1].idx + len(doc[hi - 1].text), sent.end_char) if hi < sent.end else None
    pieces = [p for p in (before, after) if p]
    return max(pieces, key=lambda p: p[1] - p[0]) if pieces else None


def _inside_quote(tok: Token, resolver: Resolver) -> bool:
    return any(q.start <= tok.idx < q.end for q in getattr(resolver, "quote_spans", []))


# -- assembly -------------------------------------------------------------------------------------

def extract(doc: Doc, account: Account, parties: dict[str, list[str]]) -> tuple[list[Quote], list[Claim], list[Mention]]:
    text = _text(doc)
    resolver = Resolver(doc, parties)
    qspans = find_quotes(text)
    qstarts = [q.start for q in qspans]  # sorted, spans do not overlap: bisect instead of scanning all
    resolver.quote_spans = qspans
    resolver.scan_documents()
    secs = sections(doc)
    sec_speakers: dict[int, Optional[Speaker]] = {}
    for s in secs:
        sp = None
        if s.speaker is not None:
            sp = resolver.resolve(s.speaker.root)
            if s.author and (sp is None or sp.name != s.author and sp.name in s.author):
                # the post header names its author in full ('Lucía Arvelo ✔ @LuciaArveloC'), where
                # the tagger may see only part of the name
                known = resolver.people.get(s.author)
                sp = Speaker(s.author, "person", known.country if known else None, known.role if known else None,
                             via="heading", surface=s.author)
        sec_speakers[s.start] = sp
    paras = paragraphs(text)

    ix = index_of(doc)
    sents = ix.sents
    cues = _cue_candidates(ix)
    frames_by_sent: list[list[Frame]] = []
    for sent in sents:
        sec = section_at(secs, sent.start_char)
        hsp = sec_speakers.get(sec.start) if sec else None
        frames_by_sent.append(_frames_in(sent, resolver, sec, hsp, cues))

    def sent_index(off: int) -> int:
        lo, hi = 0, len(sents)
        while lo < hi:
            mid = (lo + hi) // 2
            if sents[mid].end_char <= off:
                lo = mid + 1
            else:
                hi = mid
        return min(lo, len(sents) - 1)

    para_starts = [p[0] for p in paras]

    def para_of(off: int) -> tuple[int, int]:
        i = bisect.bisect_right(para_starts, off) - 1
        if i >= 0 and paras[i][0] <= off <= paras[i][1]:
            return paras[i]
        return (off, off)

    quotes: list[Quote] = []
    claims: list[Claim] = []
    last_frame_of_para: dict[tuple[int, int], Frame] = {}
    for k, fs in enumerate(frames_by_sent):
        for fr in fs:
            if not _generic(fr.speaker) and not _in_quote(fr.cue.idx, qspans, qstarts):
                last_frame_of_para[para_of(sents[k].start_char)] = fr

    for q in qspans:
        i0, i1 = sent_index(q.open_mark), sent_index(max(q.start, q.end - 1))
        fr, kind = _frame_for_quote(q, i0, i1, sents, frames_by_sent, para_of, last_frame_of_para, text, qspans,
                                    qstarts)
        sec = section_at(secs, q.start)
        speaker = fr.speaker if fr else None
        if speaker is None:
            sp = _subject_speaker(sents[i0], resolver, sec, sec_speakers) if sents else None
            if sp is not None:
                speaker, kind = sp, "partial"
        if speaker is None:
            # reported wording with no source of its own continues the statement reported just before
            para = para_of(q.start)
            prev = sorted(p for p in last_frame_of_para if p[1] <= para[0])[-2:]
            for p in reversed(prev):
                cand = last_frame_of_para[p]
                if cand.speaker.kind in ("organization", "government", "document"):
                    fr, speaker, kind = cand, cand.speaker, "partial"
                    break
        if speaker is None and not (sec is not None and sec_speakers.get(sec.start) is not None):
            # a quote left without a cue in running copy belongs to the voice quoted just before it
            para = para_of(q.start)
            prev = sorted(p for p in last_frame_of_para if p[1] <= para[1] and p[0] >= para[0] - 1500)
            prev = [p for p in prev if last_frame_of_para[p].cue is not None and last_frame_of_para[p].cue.idx < q.start]
            if prev:
                cand = last_frame_of_para[prev[-1]]
                fr, speaker, kind = cand, cand.speaker, "direct"
        if speaker is None and sec is not None and sec_speakers.get(sec.start) is not None:
            speaker, kind = sec_speakers[sec.start], "structural"
        if speaker is not None and speaker.via == "heading":
            kind = "structural"
        sent = sents[i0]
        span = account.span(q.start, q.end)
        sent_span = account.span(sent.start_char, sents[i1].end_char)
        quotes.append(Quote(account=account.id, speaker=speaker.name if speaker else None,
                            party=actor_party.party_for(speaker.name, speaker.country, parties) if speaker else None,
                            channel=fr.channel if fr else None, kind=kind, cue=fr.cue_text if fr else None,
                            text=span.text, start=q.start, end=q.end, source_start=span.source_start,
                            source_end=span.source_end, sentence=sent_span))
        if fr is not None and fr.content is not None and fr.content[0] <= q.start and q.end <= fr.content[1] + 2:
            continue
        if fr is not None and fr.kind == "colon" and q.start <= fr.source.idx and q.end <= fr.content[1] + 2:
            continue  # a quoted transcript line: its label's frame already gives the words
        if speaker is not None:
            claims.append(_claim(account, (q.start, q.end), speaker, fr, parties, len(claims)))

    _same_words_same_speaker(quotes)

    for fs in frames_by_sent:
        for fr in fs:
            if fr.speaker is None or fr.content is None or fr.channel_only or _embedded(fr):
                continue
            claims.append(_claim(account, fr.content, fr.speaker, fr, parties, len(claims)))

    # paragraphs under a speaker heading that attribute nothing themselves are that speaker's words
    for s in secs:
        hsp = sec_speakers.get(s.start)
        if hsp is None:
            continue
        for k, sent in enumerate(sents):
            if not (s.body_start <= sent.start_char < s.end) or frames_by_sent[k]:
                continue
            j = bisect.bisect_left(qstarts, sent.start_char)
            if j < len(qspans) and qspans[j].end <= sent.end_char:
                continue
            line_start = text.rfind("\n", 0, sent.start_char) + 1
            line_end = text.find("\n", sent.start_char)
            if is_furniture(text[line_start:len(text) if line_end < 0 else line_end]):
                continue   # 'Reply · Repost 412 · Like 1.3K' under a post
            rng = _trim(text, sent.start_char, sent.end_char)
            if rng:
                claims.append(_claim(account, rng, hsp, None, parties, len(claims), structural=True))

    mentions = _mentions(account, resolver, frames_by_sent)
    return quotes, claims, mentions


def _purpose_of_a_crowd(verb: Token, sp: Optional[Speaker]) -> bool:
    """A reporting verb in an infinitive of purpose ('marched ... to tell the council ...') whose
    subject is a described group, no person, body or party: what they set out to say, which nobody
    reports them saying."""
    if sp is None or sp.via != "description" or sp.kind not in ("group", "unknown"):
        return False
    return verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children) \
        and verb.head.lemma_.lower() not in REPORT_VERBS


def _evidence_subject(src: Token, sp: Optional[Speaker], verb: Optional[Token] = None) -> bool:
    """A subject that is a common noun of no person, body or document ('information', 'the
    evidence reviewed', 'the video'): what it indicates or shows is no one's statement. A plural
    taken for a group is such a subject only where the verb shows a clause ('the protocols in our
    hands show that ...'; not 'our personnel showed great courage')."""
    if sp is None or sp.via != "description" or sp.kind not in ("unknown", "group"):
        return False
    if sp.kind == "group" and not (verb is not None and any(c.dep_ == "ccomp" for c in verb.children)):
        return False
    if src.pos_ == "VERB":   # a misparse making the participle the subject ('Evidence reviewed by ...')
        src = next((c for c in src.children if c.dep_ in ("nsubj", "nsubjpass")), src)
    lemma = src.lemma_.lower()
    if src.pos_ == "NOUN" and lemma in EVENT_SUBJECTS:
        return True    # "Biden's summit with Xi focuses on ...": the event, whoever's it is, says nothing
    if any(c.ent_type_ in ("NORP", "GPE", "ORG") or c.pos_ == "PROPN" for c in src.children):
        return False   # 'Dravenian television showed': a place's or a body's own medium
    return src.pos_ == "NOUN" and not src.ent_type_ and lemma not in ROLE_WORDS | ORG_NOUNS | DOC_NOUNS | MEDIA_WORDS


def _embedded(fr: Frame) -> bool:
    """An attribution inside what someone else said ("Trump claimed China had promised to buy more")
    is that someone's claim: the subject inside the content never becomes a speaker. Only a channel
    passing the words on ("Xinhua reported Xi said ...") leaves the inner speaker the source."""
    outer = fr.embedded_in
    if outer is None or outer.speaker is None:
        return False
    if _state_outlet_over_generic(outer, fr):
        return True
    return not (outer.channel_only or outer.kind == "according_to" or outer.speaker.kind in ("media", "document"))


def _state_outlet_over_generic(outer: Frame, inner: Frame) -> bool:
    """A state's outlet reporting what described participants did ("Chinese state media reported
    that both sides discussed ...") speaks with its state's voice: the words are its own account
    of the event, not a channel for a named source."""
    return outer.speaker is not None and outer.speaker.kind == "media" and bool(outer.speaker.country) \
        and _generic(inner.speaker)


def _generic(sp: Optional[Speaker]) -> bool:
    """Participants described, not named ("both sides", "the SRs", "the leaders"): in a report
    of a statement they are what the statement says, not who says it."""
    return sp is None or (sp.kind in ("group", "unknown") and sp.via in ("description", "name") and sp.kind != "person")


def _in_quote(off: int, qspans, qstarts: list[int]) -> bool:
    """Whether `off` lies inside one of the quote spans (sorted by start, not overlapping)."""
    i = bisect.bisect_right(qstarts, off) - 1
    return i >= 0 and qspans[i].start <= off < qspans[i].end


def _frame_for_quote(q: QuoteSpan, i0: int, i1: int, sents, frames_by_sent, para_of, last_frame_of_para, text,
                     qspans=(), qstarts=None):
    if qstarts is None:
        qstarts = [o.start for o in qspans]
    # attributions inside a quote are part of what was quoted, not who quoted it
    def in_quote(fr):
        if fr.kind == "colon" and fr.source is not None and q.start <= fr.source.idx <= q.start + 2:
            return False  # the label opening a quoted transcript line names who speaks it
        return fr.cue is not None and _in_quote(fr.cue.idx, qspans, qstarts)
    cands = [fr for k in range(i0, i1 + 1) for fr in frames_by_sent[k] if fr.speaker is not None and not in_quote(fr)]
    named = [fr for fr in cands if not _generic(fr.speaker)]
    inside = [fr for fr in named if fr.content and fr.content[0] <= q.end and q.start <= fr.content[1]]
    if inside:
        # the outermost attribution whose content holds the quote, unless it only passes the words on
        # (media, "according to" an outlet): then the inner speaker
        inside.sort(key=lambda fr: fr.content[0] - fr.content[1])
        best = inside[0]
        for fr in inside[1:]:
            if best.channel_only or best.speaker.kind == "media":
                best = fr
        return best, _quote_kind(q, best, sents[i0])
    outside = [fr for fr in named if fr.cue is not None and not (q.start <= fr.cue.idx < q.end)]
    if outside:
        outside.sort(key=lambda fr: min(abs(fr.cue.idx - q.end), abs(fr.cue.idx - q.start)))
        fr = outside[0]
        return fr, "according_to" if fr.kind == "according_to" else _quote_kind(q, fr, sents[i0])
    # an unnamed source in the quote's own sentence ('a senior official described the meeting as
    # "open"') speaks it, rather than a named speaker of another sentence or paragraph
    unnamed = [fr for fr in cands if fr.cue is not None and not (q.start <= fr.cue.idx < q.end)
               and not _joint_source(fr.source)]
    if unnamed:
        unnamed.sort(key=lambda fr: min(abs(fr.cue.idx - q.end), abs(fr.cue.idx - q.start)))
        return unnamed[0], _quote_kind(q, unnamed[0], sents[i0])
    para = para_of(q.start)
    # another sentence of the same paragraph, nearest first: '"...," he said. "..."'
    near = []
    k = i0 - 1
    while k >= 0 and para_of(sents[k].start_char) == para:
        near.append(k)
        k -= 1
    k = i1 + 1
    while k < len(sents) and para_of(sents[k].start_char) == para:
        near.append(k)
        k += 1
    near.sort(key=lambda k: (min(abs(k - i0), abs(k - i1)), k > i1))
    for k in near:
        fs = [fr for fr in frames_by_sent[k] if fr.speaker is not None and not in_quote(fr)]
        if fs:
            return (fs[-1] if k < i0 else fs[0]), "direct"
    # a paragraph that is nothing but a quote continues the previous paragraphs' speaker
    body = text[para[0]:para[1]].strip()
    if q.end - q.start >= 0.7 * len(body):
        prev = sorted(p for p in last_frame_of_para if p[1] <= para[0])[-2:]
        if prev:
            return last_frame_of_para[prev[-1]], "direct"
    return None, "direct"


_WORDS = re.compile(r"\w+")
SHORTEST_ECHO = 6   # characters: a quote of fewer ('no', 'the') is too short to say whose words it repeats


def _same_words_same_speaker(quotes: list[Quote]) -> None:
    """A quote left without a speaker whose words the account quotes again with one (a headline's
    'Biden's "respectful" summit' and, below, an official calling it "respectful and straightforward")
    is that speaker's too."""
    known = [(" ".join(_WORDS.findall(q.text.lower())), q) for q in quotes if q.speaker]
    if not known:
        return
    for q in quotes:
        if q.speaker is not None or len(q.text.strip()) < SHORTEST_ECHO:
            continue
        words = " ".join(_WORDS.findall(q.text.lower()))
        src = next((k for text, k in known if words and f" {words} " in f" {text} "), None)
        if src is not None:
            q.speaker, q.party, q.channel, q.kind = src.speaker, src.party, src.channel, "partial"


def _joint_source(tok: Optional[Token]) -> bool:
    """'both sides', 'the two countries': the parties together, whom a reporter's quote describes
    rather than quotes."""
    if tok is None:
        return False
    return tok.lemma_.lower() == "side" or any(c.lower_ == "both" or c.dep_ == "nummod" for c in tok.children)


def _quote_kind(q: QuoteSpan, fr: Frame, sent: SpacySpan) -> str:
    if fr.kind == "according_to":
        return "according_to"
    if fr.content and (q.end - q.start) >= 0.8 * (fr.content[1] - fr.content[0]):
        return "direct"
    if (q.end - q.start) >= 0.6 * (sent.end_char - sent.start_char):  # len(sent.text), without rebuilding it
        return "direct"
    return "partial"


def _subject_speaker(sent: SpacySpan, resolver: Resolver, sec, sec_speakers) -> Optional[Speaker]:
    """For a quoted phrase with no reporting verb ("the readout includes a claim that ... “...”"),
    the subject of the main clause when it names someone."""
    root = sent.root
    subj = next((c for c in root.children if c.dep_ in ("nsubj",)), None)
    if subj is None:
        return None
    hsp = sec_speakers.get(sec.start) if sec else None
    sp = resolver.resolve(subj, hsp, sec.body_start if sec else 0)
    if sp is None or sp.kind in ("unknown", "group", "person"):
        return None
    return sp


def _claim(account: Account, rng: tuple[int, int], speaker: Speaker, fr: Optional[Frame],
           parties: dict[str, list[str]], n: int, structural: bool = False) -> Claim:
    s, e = rng
    ev = account.span(s, e)
    body = ev.text
    low = body.lower()
    if low.startswith("that "):
        body = body[5:]
    verb = fr.verb if fr is not None else None
    stance = STANCE.get(verb or "", "neutral") if fr is not None and fr.kind == "verb" else (
        "reported" if fr is not None else ("structural" if structural else "quoted"))
    if fr is not None and fr.kind == "verb" and fr.cue is not None and any(c.dep_ == "neg" for c in fr.cue.children):
        # "has not confirmed X", "did not say X": the source withholds X rather than asserting it;
        # "did not agree to X", "never promised X": it denies a commitment the other side may assert
        stance = {"denial": "neutral", "commitment": "denial"}.get(stance, "withheld")
    return Claim(id=f"{account.id}:c{n}", text=body.strip(), speaker=speaker.name,
                 party=actor_party.party_for(speaker.name, speaker.country, parties),
                 channel=fr.channel if fr else None, verb=verb, stance=stance, evidence=[ev])


def _mentions(account: Account, resolver: Resolver, frames_by_sent) -> list[Mention]:
    out: list[Mention] = []
    doc = resolver.doc
    for ent in index_of(doc).ents:
        if ent.label_ == "PERSON":
            # 'Minister of Commerce and Industry Lucía Arvelo': the tagger's span may open inside the title
            toks = after_a_title(list(ent), doc)
            out.append(Mention(account.id, doc[toks[0].i:toks[-1].i + 1].text, toks[0].idx, ent.end_char, ent.label_))
        elif ent.label_ in ("ORG", "NORP", "GPE"):
            out.append(Mention(account.id, ent.text, ent.start_char, ent.end_char, ent.label_))
    for fs in frames_by_sent:
        for fr in fs:
            if fr.speaker is None or fr.source is None:
                continue
            s, e = _subtree_span(fr.source) if fr.source.pos_ != "PRON" else (fr.source.idx, fr.source.idx + len(fr.source))
            out.append(Mention(account.id, _text(doc)[s:e], s, e, f"speaker:{fr.speaker.kind}", fr.speaker.name,
                               fr.speaker.country, fr.speaker.role))
    return out
