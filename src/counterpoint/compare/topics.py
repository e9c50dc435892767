"""Topics of a case and who raised them.

Found automatically, or read from a user's YAML file (`label: [terms]`). Automatic topics are
keyphrases of the accounts: named entities (places, organisations, events, laws; demonyms folded
into their country through the actors knowledge base) and noun chunks reduced to their head noun
with its classifying modifiers ('arms sales', 'critical minerals'). Terms sharing a head are one
topic; topics whose sentences mostly coincide are merged ('Russia' + 'Ukraine') and named by
their head (the leading named thing, else the leading term). Units (a noun inside a number
entity: '30 percent', '2 million tonnes') and the generic words of `data/topics.yaml`
('relations', 'neighbours', 'world') never name a topic alone. Topics raised by a party's voice
rank first, and at most MAX_TOPICS are kept.

A party raises a topic when one of its statements (a claim or quote with that party, or a sentence
of its own readout) names one of the topic's terms; it marks it as salient when such a statement
puts the topic next to a superlative or priority phrase ('the most important issue', 'top
priority', 'key condition'). `Topic.raised` keeps, per party, short excerpts of the first such
statements around the topic's term, for the reports to show as text.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import yaml

from counterpoint import yamlfast

from counterpoint import settings
from counterpoint.analysis.lexicon import compare_words
from counterpoint.analysis.datelines import dateline_spans
from counterpoint.compare.voice import FRAME_WORDS, PartyLexicon, build_lexicon, parse_of, valence
from counterpoint.ingest.errors import InputError
from counterpoint.parsed import ParsedDoc, ParsedSpan, ParsedToken
from counterpoint.records import Account, Problem, Span, Topic

if TYPE_CHECKING:
    from counterpoint.analysis.pipeline import AccountAnalysis

# The general words of the compare stage live in data/compare.yaml (checked by analysis/lexicon.py).
_WORDS = compare_words()
MAX_TOPICS = settings.TOPICS
ENTITY_LABELS = {"GPE", "LOC", "NORP", "ORG", "EVENT", "FAC", "PRODUCT", "LAW"}
# Nouns that name the salience of something rather than a topic.
ISSUE_NOUNS = frozenset(_WORDS["topics"].words("issue_nouns"))
SALIENCE_WORDS = frozenset(_WORDS["topics"].words("salience_words"))
# Modifiers that say nothing about what a thing is.
_WEAK_MODIFIERS = frozenset(_WORDS["topics"].words("weak_modifiers"))
_MERGE_OVERLAP = 0.6
# Entity labels of numbers and measures: a noun inside one is a unit ('30 percent', '2 million tonnes').
_MEASURE_LABELS = frozenset({"PERCENT", "QUANTITY", "MONEY", "CARDINAL", "DATE", "TIME", "ORDINAL"})
#: Words raised by a party shown per topic (`Topic.raised`), and the characters of each excerpt.
RAISED_PER_PARTY = 3
EXCERPT_CHARS = settings.TOPIC_EXCERPT_CHARS


def _generic_words() -> frozenset[str]:
    """data/topics.yaml: nouns that never name a topic alone (relations, units, too-wide words)."""
    from counterpoint.analysis import lexicon
    return frozenset(lexicon.load("topics")["generic"].all_words())


_GENERIC = _generic_words()
# Bare nouns that frame rather than name a subject ('the situation in Iran', 'plans for ...').
_ABSTRACT_NOUNS = frozenset(_WORDS["topics"].words("framing_nouns"))


@dataclass
class _Candidate:
    key: str
    surfaces: Counter = field(default_factory=Counter)
    sentences: set = field(default_factory=set)         # (account, sentence start)
    spans: list = field(default_factory=list)


@dataclass
class _VoiceSentence:
    party: str
    span: Span
    doc_sent: Optional[ParsedSpan]


def load_topics_file(path: Path) -> list[Topic]:
    """User topics: a YAML mapping label -> list of terms (or one term). Bad files raise InputError."""
    def bad(msg: str) -> InputError:
        return InputError(Problem(file=str(path), message=msg))
    try:
        data = yamlfast.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise bad("topics file not found")
    except (OSError, UnicodeDecodeError) as e:
        raise bad(f"cannot read topics file ({e.__class__.__name__})")
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise bad(f"not valid YAML{f' (line {mark.line + 1})' if mark else ''}")
    if not isinstance(data, dict) or not data:
        raise bad("expected a mapping of topic label -> list of terms")
    topics = []
    for label, terms in data.items():
        if isinstance(terms, str):
            terms = [terms]
        if terms is None:
            terms = [str(label)]
        if not isinstance(terms, list) or not all(isinstance(t, (str, int, float)) for t in terms):
            raise bad(f"topic {label!r}: terms must be a list of strings")
        clean = [str(t).strip() for t in terms if str(t).strip()]
        if not clean:
            raise bad(f"topic {label!r} has no terms")
        topics.append(Topic(label=str(label), terms=clean, source="user"))
    return topics


def find_topics(analyses: list[AccountAnalysis], parties: dict[str, list[str]],
                topics_file: Optional[Path] = None) -> list[Topic]:
    quotes = [q for a in analyses for q in a.quotes]
    claims = [c for a in analyses for c in a.claims]
    lexicon = build_lexicon(parties, quotes, claims, [m for a in analyses for m in a.mentions])
    docs = {a.account.id: parse_of(a) for a in analyses}
    voice = _voice_sentences(analyses, parties, docs)
    if topics_file is not None:
        topics = load_topics_file(topics_file)
    else:
        topics = _auto_topics(analyses, docs, lexicon, voice)
    for t in topics:
        _fill(t, analyses, docs, voice)
    if topics_file is None:
        topics.sort(key=lambda t: (-sum(t.by_party.values()), -len(t.evidence), t.label))
        topics = topics[:MAX_TOPICS]
    return topics


# ---------------------------------------------------------------- voice

def _voice_sentences(analyses, parties, docs) -> list[_VoiceSentence]:
    out = []
    for a in analyses:
        acc = a.account
        doc = docs[acc.id]
        if acc.side in parties:
            out += [_VoiceSentence(acc.side, acc.span(s.start_char, s.end_char), s) for s in doc.sents]
            continue
        items = [(q.party, q.start, q.end) for q in a.quotes if q.party in parties]
        items += [(c.party, e.start, e.end) for c in a.claims if c.party in parties
                  for e in c.evidence[:1] if e.account == acc.id]
        seen = set()
        for party, start, end in items:
            if (party, start, end) in seen:
                continue
            seen.add((party, start, end))
            sent = doc.char_span(start, end, alignment_mode="expand")
            out.append(_VoiceSentence(party, acc.span(start, end), sent))
    return out


# ---------------------------------------------------------------- automatic topics

def _auto_topics(analyses, docs: dict[str, ParsedDoc], lexicon: PartyLexicon, voice) -> list[Topic]:
    outlets = {re.sub(r"[^\w]", "", (a.account.outlet or "").lower()) for a in analyses} - {""}
    cands: dict[str, _Candidate] = {}
    kb = _kb()
    for a in analyses:
        acc = a.account
        doc = docs[acc.id]
        # entities and noun chunks bucketed by sentence once: Span.ents and Span.noun_chunks walk
        # the whole document on every call
        # a dateline's place is where the story was filed, not what it is about
        filed = dateline_spans(doc.text)
        ents = _by_sentence(doc, [e for e in doc.ents if not any(s <= e.start_char < end for s, end in filed)])
        chunks = _by_sentence(doc, doc.noun_chunks)
        for sent in doc.sents:
            for key, surface, start, end in _sentence_terms(ents.get(sent.start, []), chunks.get(sent.start, []),
                                                             lexicon, outlets, kb):
                c = cands.setdefault(key, _Candidate(key))
                c.surfaces[surface] += 1
                c.sentences.add((acc.id, sent.start_char))
                c.spans.append(acc.span(start, end))
    voiced = defaultdict(int)
    for v in voice:
        low = v.span.text.lower()
        for key, c in cands.items():
            if any(s.lower() in low for s in c.surfaces):
                voiced[key] += 1
    kept = [c for c in cands.values() if len(c.sentences) >= 2 and (voiced[c.key] or _accounts(c) >= 2)]
    kept.sort(key=lambda c: (-voiced[c.key], -len(c.sentences), c.key))
    kept = kept[: MAX_TOPICS * 3]
    merged = _merge(kept)
    topics = []
    taken: set[str] = set()
    for group in merged:
        terms = sorted({s for c in group for s in c.surfaces}, key=lambda s: (-sum(c.surfaces[s] for c in group), s))
        label = _head_label(group, taken)
        taken.add(label.lower())
        topics.append(Topic(label=label, terms=terms[:8], source="auto"))
    return topics


def _head_label(group: list[_Candidate], taken: set[str]) -> str:
    """A merged topic is named by its head, as a person would name it: its leading named thing
    (place, body, event) if it has one, else its leading term; one no other topic already has."""
    labels = [c.surfaces.most_common(1)[0][0] for c in group]
    order = [i for i, c in enumerate(group) if c.key.startswith("e:")] + \
        [i for i, c in enumerate(group) if not c.key.startswith("e:")]
    for i in order:
        if labels[i].lower() not in taken:
            return labels[i]
    return labels[0]


def _accounts(c: _Candidate) -> int:
    return len({acc for acc, _ in c.sentences})


def _merge(cands: list[_Candidate]) -> list[list[_Candidate]]:
    """Merge candidates whose sentences mostly coincide (single link, strongest first)."""
    groups: list[list[_Candidate]] = []
    for c in cands:
        for g in groups:
            sents = set().union(*(x.sentences for x in g))
            overlap = len(c.sentences & sents) / min(len(c.sentences), len(sents))
            if overlap >= _MERGE_OVERLAP and len(c.sentences & sents) >= 2:
                g.append(c)
                break
        else:
            groups.append([c])
    return groups


def _kb():
    try:
        from counterpoint.analysis import kb
        return kb.load()
    except Exception:  # topics work without the knowledge base, only demonyms stay apart
        return None


def _by_sentence(doc: ParsedDoc, spans) -> dict[int, list[ParsedSpan]]:
    """Spans grouped by the first token of the sentence they start in, in document order."""
    out: dict[int, list[ParsedSpan]] = defaultdict(list)
    # Token.sent walks to its sentence's edges: per span, that was quadratic in one long sentence.
    starts = [sent.start for sent in doc.sents]
    for span in spans:
        out[starts[bisect_right(starts, span.start) - 1]].append(span)
    return out


def _sentence_terms(ents: list[ParsedSpan], chunks: list[ParsedSpan], lexicon: PartyLexicon, outlets: set[str], kb):
    """(key, surface, start, end) for each keyphrase in one sentence, from its entities and noun chunks."""
    taken: set[int] = set()
    for ent in ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        toks = [t for t in ent if not (t.i == ent.start and t.lower_ == "the") and t.text not in {"'s", "’s"}]
        if not toks:
            continue
        text = " ".join(t.text for t in toks)
        if any(lexicon.is_party_word(t.text) for t in toks) or lexicon.parties_in(text):
            continue
        if re.sub(r"[^\w]", "", text.lower()) in outlets:
            continue
        if ent.label_ == "NORP" and kb is not None and kb.country_of(text):
            text = kb.country_of(text)
        taken.update(t.i for t in ent)
        yield "e:" + text.lower(), text, toks[0].idx, toks[-1].idx + len(toks[-1].text)
    for chunk in chunks:
        root = chunk.root
        if root.i in taken or root.pos_ != "NOUN" or not root.is_alpha or len(root.text) < 3:
            continue
        if root.ent_type_ in _MEASURE_LABELS:
            continue  # a unit: '30 percent', '2 million tonnes', 'two hours'
        if root.lemma_.lower() in FRAME_WORDS or root.lemma_.lower() in ISSUE_NOUNS or root.is_stop:
            continue
        if lexicon.names_by_head(root):
            continue   # 'the Commission' is the party, not a topic
        mods = [t for t in chunk if t.i < root.i and _classifier(t, lexicon)]
        # keep only the contiguous run of modifiers before the head ('arms sales', not 'US arms sales')
        run: list[ParsedToken] = []
        for t in reversed(mods):
            if t.i == (run[0].i if run else root.i) - 1:
                run.insert(0, t)
        surface = " ".join(t.text for t in run + [root])
        if not run and (root.lemma_.lower() in _ABSTRACT_NOUNS or root.lemma_.lower() in _GENERIC
                        or root.lower_ in _GENERIC):
            continue
        if root.lemma_.lower() in _GENERIC and any(t.lemma_.lower() in _GENERIC for t in run):
            continue  # 'percent trade' + 'tariff' aside, a unit on a unit says nothing
        key = "n:" + root.lemma_.lower()
        yield key, surface if run else root.text.lower(), (run or [root])[0].idx, root.idx + len(root.text)


def _classifier(t: ParsedToken, lexicon: PartyLexicon) -> bool:
    if t.dep_ not in {"compound", "amod"} or not t.is_alpha or lexicon.is_party_word(t.text):
        return False
    if t.lower_ in _WEAK_MODIFIERS or t.is_stop or t.ent_type_ in _MEASURE_LABELS:
        return False
    if t.dep_ == "amod":
        return t.pos_ == "ADJ" and valence(t.lower_) == 0 and t.tag_ not in {"JJR", "JJS"}
    return t.pos_ in {"NOUN", "PROPN"}


# ---------------------------------------------------------------- counts, emphasis, evidence

def _term_pattern(terms: list[str]) -> re.Pattern:
    alts = sorted({re.escape(t.lower()) for t in terms if t}, key=len, reverse=True)
    # a term matches as a word, plural or possessive allowed ('soya bean' ~ 'soya beans')
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?:s|es|'s|’s)?(?!\w)", re.I)


def _fill(topic: Topic, analyses, docs, voice: list[_VoiceSentence]) -> None:
    pat = _term_pattern(topic.terms)
    topic.by_party, topic.emphasis, topic.evidence, topic.raised = {}, {}, [], {}
    accounts = {a.account.id: a.account for a in analyses}   # (a search of the analyses per sentence was quadratic)
    for v in voice:
        m = pat.search(v.span.text)
        if not m:
            continue
        topic.by_party[v.party] = topic.by_party.get(v.party, 0) + 1
        raised = topic.raised.setdefault(v.party, [])
        if len(raised) < RAISED_PER_PARTY:
            lo, hi = _excerpt(v.span, m.start(), m.end())
            ex = analyses_account(analyses, v.span.account).span(lo, hi)
            if not any(r.account == ex.account and r.start < ex.end and ex.start < r.end for r in raised):
                raised.append(ex)
        if v.doc_sent is not None:
            for span in emphasis_spans(v.doc_sent, pat, accounts[v.span.account]):
                if not any(e.start == span.start for e in topic.emphasis.get(v.party, [])):
                    topic.emphasis.setdefault(v.party, []).append(span)
    for a in analyses:
        for m in pat.finditer(a.account.text):
            if len(topic.evidence) >= 12:
                break
            topic.evidence.append(a.account.span(m.start(), m.end()))


def _excerpt(sentence: Span, start: int, end: int, width: int = EXCERPT_CHARS) -> tuple[int, int]:
    """A short excerpt of a voice sentence around the topic's term (offsets relative to the
    sentence's text): whole words, at most about `width` characters, the term kept whole."""
    text = sentence.text
    lo = max(0, start - (width - (end - start)) // 2)
    hi = min(len(text), max(end, lo + width))
    lo = max(0, min(lo, hi - width))
    if lo > 0:  # start at a word
        nxt = re.search(r"\s", text[lo:start])
        lo = lo + nxt.end() if nxt else lo
    if hi < len(text):  # end at a word
        prev = text.rfind(" ", end, hi)
        hi = prev if prev > end else hi
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and (text[hi - 1].isspace() or text[hi - 1] in ",;:"):
        hi -= 1
    return sentence.start + lo, sentence.start + hi


def analyses_account(analyses, account_id: str) -> Account:
    return next(a.account for a in analyses if a.account.id == account_id)


def emphasis_spans(sent: ParsedSpan, pat: re.Pattern, account: Account) -> list[Span]:
    """Salience phrases of this sentence that are about the topic: a superlative or priority
    modifier on an issue-like noun ('the most important issue', 'top priority', 'key condition'),
    with the topic as its subject or complement, or inside the same clause."""
    out = []
    for tok in sent:
        if tok.lemma_.lower() not in ISSUE_NOUNS or tok.pos_ != "NOUN":
            continue
        marks = [c for c in tok.children if c.dep_ in {"amod", "compound", "nmod"} and _salient(c)]
        if not marks:
            continue
        clause = _clause_of(tok)
        topic_in_clause = any(pat.fullmatch(t.text) or pat.search(t.text) for t in clause) or \
            pat.search(" ".join(t.text for t in clause))
        if not topic_in_clause:
            continue
        start = min([tok.idx] + [m.left_edge.idx for m in marks] + [c.idx for c in tok.children if c.dep_ == "det"])
        out.append(account.span(start, tok.idx + len(tok.text)))
    return out


def _salient(t: ParsedToken) -> bool:
    if t.tag_ == "JJS" or t.lower_ in SALIENCE_WORDS:
        return True
    # 'most important': an adjective with 'most' as its adverb
    return t.pos_ == "ADJ" and any(c.lower_ == "most" for c in t.children)


def _clause_of(tok: ParsedToken) -> list[ParsedToken]:
    """The tokens of the clause around tok: up to the nearest verb (through copulas and clausal
    complements), so that 'said the most important issue was Taiwan' reaches 'Taiwan'."""
    head = tok
    while head.dep_ not in {"ROOT", "ccomp", "relcl", "advcl", "xcomp"} and head.head is not head:
        head = head.head
    return list(head.subtree)
