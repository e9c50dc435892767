"""What accounts say outright about a party's silence: "this has not been confirmed by China",
"there was no mention of the visit", "India had not mentioned any of these aspects in its
statement", "it refrained from mentioning any consensus", "absent from the White House summary".

Found from syntax: a verb or noun of confirming/mentioning/commenting, negated (a `neg` child, a
negative determiner, 'nor', a verb of refraining/omitting, or 'absent from'). The silent party is
read from the holder roles only (subject, agent, 'in/from <statement>'), never from what was not
mentioned; a pronoun or missing holder is taken from the previous sentence. What was not confirmed
is the object of the verb or noun; an anaphoric object ("this", "these aspects", "the claim") is
replaced by the sentence before, where the claim was reported.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from counterpoint.analysis.lexicon import compare_words
from counterpoint.compare.voice import PartyLexicon, content_tokens, stem
from counterpoint.parsed import ParsedDoc, ParsedSpan, ParsedToken
from counterpoint.records import Account, Span

# The general words of the compare stage live in data/compare.yaml (checked by analysis/lexicon.py).
_WORDS = compare_words()
CONFIRM_VERBS = frozenset(_WORDS["speech"].words("confirm_verbs"))
CONFIRM_NOUNS = frozenset(_WORDS["speech"].words("confirm_nouns"))
REFRAIN_VERBS = frozenset(_WORDS["speech"].words("refrain_verbs"))
ABSENT_ADJS = frozenset(_WORDS["speech"].words("absent_adjectives"))
NEGATIVE_DETS = frozenset("no neither nor none never".split())
ANAPHORS = frozenset(_WORDS["reference"].words("anaphors"))
PLURAL_ANAPHORS = frozenset(_WORDS["reference"].words("plural_anaphors"))
HOLDER_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "expl"})


@dataclass
class NonConfirmation:
    """A sentence saying that `holder` did not confirm or mention something."""

    holder: str                # the silent party
    span: Span                 # the sentence saying so
    terms: set[str]            # stems of what was not confirmed (with the antecedent for anaphors)
    numbers: set[float]
    cue: str                   # the negated word
    anaphoric: bool = False    # what it was not confirmed is only referred to ('these aspects', 'this claim')


def _negated(tok: ParsedToken) -> Optional[ParsedToken]:
    """The negating word governing a confirm-verb or confirm-noun, if any."""
    for c in tok.children:
        if c.dep_ == "neg" or (c.lower_ in NEGATIVE_DETS and c.dep_ in {"det", "advmod", "preconj", "cc"}):
            return c
    # 'confirmed or denied' shares the negation of its first conjunct
    if tok.dep_ == "conj" and tok.head is not tok:
        return _negated(tok.head)
    head = tok.head
    # 'refrained from mentioning', 'failed to confirm'
    if head is not tok and head.lemma_.lower() in REFRAIN_VERBS and tok.dep_ in {"pcomp", "xcomp"}:
        return head
    if tok.dep_ == "pcomp" and head.dep_ == "prep" and head.head.lemma_.lower() in REFRAIN_VERBS:
        return head.head
    return None


def _cues(sent: ParsedSpan) -> list[tuple[ParsedToken, ParsedToken]]:
    out = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ in {"VERB", "AUX"} and lemma in CONFIRM_VERBS:
            neg = _negated(tok)
            if neg is not None:
                out.append((tok, neg))
        elif tok.pos_ == "NOUN" and lemma in CONFIRM_NOUNS:
            neg = _negated(tok)
            if neg is not None:
                out.append((tok, neg))
        elif tok.pos_ == "ADJ" and lemma in ABSENT_ADJS and any(c.lower_ in {"from", "in", "on"} for c in tok.children):
            out.append((tok, tok))
    return out


def _holder_tokens(cue: ParsedToken) -> list[ParsedToken]:
    """Tokens in holder roles around the cue: subject, agent, 'in/from/by <statement>'."""
    verb = cue
    while verb.dep_ in {"conj", "xcomp", "pcomp", "pobj", "prep", "dobj", "attr"} and verb.head is not verb:
        verb = verb.head
        if verb.pos_ in {"VERB", "AUX"} and any(c.dep_ in HOLDER_DEPS for c in verb.children):
            break
    out: list[ParsedToken] = []
    for node in {cue, verb}:
        for c in node.children:
            if c.dep_ in {"nsubj", "nsubjpass"}:
                out.extend(c.subtree)
            elif c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in {"by", "in", "from"}):
                out.extend(c.subtree)
    if cue.dep_ == "relcl" or cue.dep_ == "acl":  # 'items not mentioned in the readout'
        for c in cue.children:
            if c.dep_ == "prep" and c.lower_ in {"in", "by", "from"}:
                out.extend(c.subtree)
    return out


def _object_tokens(cue: ParsedToken, holder: list[ParsedToken], sent: ParsedSpan) -> list[ParsedToken]:
    holder_ids = {t.i for t in holder}
    obj: list[ParsedToken] = []
    for c in cue.children:
        if c.dep_ in {"dobj", "pobj", "attr", "oprd", "ccomp", "xcomp"} or (
                c.dep_ == "prep" and c.lower_ not in {"by", "in", "from", "since"}):
            obj.extend(t for t in c.subtree if t.i not in holder_ids)
    if cue.pos_ == "ADJ":   # 'X ..., which is absent from the summary': X is what was left out
        clause_head = cue.head
        obj.extend(t for t in sent if t.i < clause_head.i and t.i not in holder_ids)
    if cue.dep_ in {"relcl", "acl"}:   # the modified noun is what was not mentioned
        obj.extend(t for t in cue.head.subtree if t.i not in holder_ids and t.i < cue.i)
    # 'nor of buying soya beans' hangs elsewhere: take the rest of the sentence after the cue
    if any(t.lower_ == "nor" for t in sent):
        obj.extend(t for t in sent if t.i > cue.i and t.i not in holder_ids)
    return obj


def _parties_of(tokens: list[ParsedToken], lexicon: PartyLexicon, ordered: bool = False):
    """Parties named in these tokens (words, demonyms and multiword names such as 'White House')."""
    found: list[str] = []
    for t in sorted(tokens, key=lambda t: t.i):
        p = lexicon.party_of_token(t)
        if p and p not in found:
            found.append(p)
    text = " ".join(t.text for t in sorted(tokens, key=lambda t: t.i))
    for p in sorted(lexicon.parties_in(text)):
        if p not in found:
            found.append(p)
    return found if ordered else set(found)


def _antecedents(obj: list[ParsedToken], previous: list[ParsedSpan]) -> list[ParsedToken]:
    """A definite noun ('did not mention the trawler') refers back to its fuller mention in the
    sentences before ('the detained trawler Santa Inez'): the words of that noun phrase."""
    out: list[ParsedToken] = []
    for t in obj:
        if t.pos_ != "NOUN" or not any(c.lower_ == "the" and c.dep_ == "det" for c in t.children):
            continue
        for sent in reversed(previous):
            same = [p for p in sent if p.lemma_.lower() == t.lemma_.lower() and p.pos_ in {"NOUN", "PROPN"}]
            if not same:
                continue
            head = same[-1]
            while head.dep_ in {"compound", "amod"} and head.head is not head:
                head = head.head
            out.extend(p for p in head.subtree if p.i <= head.i or p.dep_ in {"appos", "compound", "flat"})
            break
    return out


_EVENT_NOUNS = frozenset(_WORDS["event"].words("event_nouns"))


def _another_event(sent: ParsedSpan, lexicon: PartyLexicon) -> bool:
    """The sentence tells of an event with someone who belongs to no party ('Xi separately held a
    phone call with Russian President Putin'): an event noun and a person, place or people named
    that no party's words cover."""
    if not any(t.lemma_.lower() in _EVENT_NOUNS and t.pos_ == "NOUN" for t in sent):
        return False
    for ent in sent.ents:
        if ent.label_ in {"PERSON", "GPE", "NORP"} and not any(lexicon.is_party_word(t.text) for t in ent) \
                and not lexicon.parties_in(ent.text):
            return True
    return False


def find_non_confirmations(doc: ParsedDoc, account: Account, lexicon: PartyLexicon,
                           before_event: Sequence[tuple[int, int]] = ()) -> list[NonConfirmation]:
    """`before_event`: offsets of dates before the event; a sentence holding one ('the strategy,
    published last month, made no mention of ...') speaks of an earlier document or act."""
    out: list[NonConfirmation] = []
    sents = list(doc.sents)
    for si, sent in enumerate(sents):
        if any(sent.start_char <= s < sent.end_char for s, _e in before_event):
            continue
        for cue, neg in _cues(sent):
            holder_toks = _holder_tokens(cue)
            holders = _parties_of(holder_toks, lexicon)
            named_other = any(t.pos_ in {"PROPN", "NOUN"} and t.dep_ in {"nsubj", "nsubjpass"} for t in holder_toks)
            if not holders and not named_other and si > 0:
                # a pronoun or 'there was no mention': the party spoken of in the sentence before,
                # unless that sentence is about another event (a call or meeting with a third party)
                prev = sents[si - 1]
                if _another_event(prev, lexicon):
                    continue
                subj = [t for t in prev if t.dep_ in {"nsubj", "nsubjpass"}]
                for group in [[t for s in subj for t in s.subtree], list(prev)]:
                    found = _parties_of(group, lexicon, ordered=True)
                    if found:
                        holders = {found[0]}
                        break
            if len(holders) != 1:
                continue
            holder = holders.pop()
            obj = _object_tokens(cue, holder_toks, sent)
            obj = obj + _antecedents(obj, sents[max(0, si - 3):si])
            terms = {stem(t.lemma_) for t in content_tokens(obj, lexicon)}
            numbers = {float(t.text) for t in obj if t.text.isdigit()}
            anaphoric = not terms or any(t.lower_ in ANAPHORS and t.dep_ in {"dobj", "pobj", "det", "nsubjpass"}
                                         for t in obj)
            if anaphoric and si > 0:
                back = 2 if any(t.lower_ in PLURAL_ANAPHORS for t in obj) else 1
                for prev in sents[max(0, si - back):si]:
                    terms |= {stem(t.lemma_) for t in content_tokens(prev, lexicon)}
                    numbers |= {float(t.text) for t in prev if t.text.isdigit()}
            if not terms:
                continue
            if out and out[-1].span.start == sent.start_char and out[-1].holder == holder:
                out[-1].terms |= terms  # '... no mention of X, and ... has not confirmed Y': one statement
                out[-1].numbers |= numbers
                out[-1].anaphoric = out[-1].anaphoric and anaphoric
                continue
            out.append(NonConfirmation(holder=holder, span=account.span(sent.start_char, sent.end_char),
                                       terms=terms, numbers=numbers, cue=f"{neg.text} {cue.text}",
                                       anaphoric=anaphoric))
    return out
