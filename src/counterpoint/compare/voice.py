"""The parties' voices in a case, as comparable statements.

A party's voice is everything the case attributes to it: claims and quotes whose `party` is set
(its officials, ministries, state media) and every sentence of an account whose `side` is that
party (an official readout). Each statement is reduced to what alignment compares: stemmed content
terms, numbers keyed by what they count, and years/months, with provenance spans.

Also here: the party lexicon (the words that name each party, learned from the manifest aliases,
the speakers the attribution stage assigned to a party and the actor mentions). Statements are
made from the tokens of the analysis stage's parse (`counterpoint.parsed` records); nothing here
parses.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Iterable, Optional

import snowballstemmer

from counterpoint import yamlfast
from counterpoint.analysis.lexicon import compare_words, numbers as number_words
from counterpoint.parsed import ParsedDoc, ParsedSpan, ParsedToken
from counterpoint.records import Account, Claim, Quote, Span

_STEMMER = snowballstemmer.stemmer("english")

# The general words of the compare stage live in data/compare.yaml (checked by analysis/lexicon.py).
_WORDS = compare_words()
# Verbs that report or frame speech rather than carry the proposition.
REPORTING_VERBS = frozenset(_WORDS["speech"].words("reporting_verbs"))

# Nouns and verbs that are the frame of any diplomatic event rather than a topic of it.
FRAME_WORDS = frozenset(_WORDS["event"].words("frame_words"))
_GENERIC_NOUNS = frozenset(_WORDS["event"].words("generic_nouns"))

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}

# number words and scales from data/numbers.yaml ('fourteen citizens', '1.2 million customers')
_NUMBER_WORDS = number_words()["numbers"]
_WORD_NUMBERS = {**_NUMBER_WORDS.values("cardinals"), **_NUMBER_WORDS.values("tens")}
_SCALES = _NUMBER_WORDS.values("scales")


@lru_cache(maxsize=1 << 16)
def _snowball(word: str) -> str:
    return _STEMMER.stemWord(word)


@lru_cache(maxsize=1 << 16)
def spelled_stem(word: str) -> str:
    """The Snowball stem of a word in American spelling ('defence' and 'defense' alike), without the
    relations classes: how the lexicon's word lists are keyed."""
    return _snowball(_american(word.lower()))


def _american(word: str) -> str:
    """A lower-case word in American spelling (data/claim_lexicon.yaml `spelling`)."""
    for pattern, repl in claim_lexicon().spelling:
        word = pattern.sub(repl, word)
    return word


_TRANSLIT_END = re.compile(r"(?:yy|iy|ij|yi)$")


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """The comparison key of a word: its Snowball stem, mapped onto the first member of its
    lexical-relations class (purchase ~ buy, trip ~ visit). Cached: the Snowball stemmer is pure
    Python (about 0.3 ms a word) and a case asks for the same few thousand words again and again."""
    w = word.lower().strip("'’\"")
    if word[:1].isupper():   # a name's transliterations: Zelenskyy ~ Zelenskiy ~ Zelensky
        w = _TRANSLIT_END.sub("y", w)
    if w.endswith("ship") and len(w) > 8:  # relationship ~ relations
        w = w[:-4]
    s = _snowball(_american(w))   # 'defence' ~ 'defense', 'centre' ~ 'center'
    return claim_lexicon().relations.get(s, s)


def implied_terms(terms: set[str]) -> set[str]:
    """The terms a statement's terms imply and it does not itself have ('visit' -> 'meet')."""
    entails = claim_lexicon().entails
    return {b for t in terms if t in entails for b in entails[t]} - terms if entails else set()


@dataclass(frozen=True)
class ClaimLexicon:
    relations: dict[str, str]        # stem -> stem of its class's first member
    abstract: frozenset[str]         # stems of abstract and relational nouns
    wish: frozenset[str]             # lemmas of wishing and readiness
    communication: frozenset[str] = frozenset()   # lemmas of nouns naming the statement itself
    reception: frozenset[str] = frozenset()       # lemmas of verbs of reacting to a move
    proposals: frozenset[str] = frozenset()       # lemmas of nouns of such moves
    inference: frozenset[str] = frozenset()       # lemmas of a writer's verbs of inference
    discussion: frozenset[str] = frozenset()      # lemmas of verbs saying a subject came up
    discussion_by_prep: frozenset[str] = frozenset()  # of those, the ones that do only with 'on' ('touched on')
    topic_nouns: frozenset[str] = frozenset()     # lemmas of nouns naming a subject of talks
    asking: frozenset[str] = frozenset()          # lemmas of verbs of asking
    exchange: frozenset[str] = frozenset()        # lemmas naming the exchange itself (verbs and nouns)
    circumstance: frozenset[str] = frozenset()    # modifiers of an exchange saying when or how it was held
    atmosphere: frozenset[str] = frozenset()      # nouns of the atmosphere an exchange took place in
    light: frozenset[str] = frozenset()           # verbs and nouns that carry another word's content
    initiative: frozenset[str] = frozenset()      # lemmas of nouns saying who asked for the event ('at her request')
    means: frozenset[str] = frozenset()           # lemmas of nouns for the means of an exchange ('over a video link')
    cessation: frozenset[str] = frozenset()       # lemmas of stopping ('refrain', 'pause', 'halt')
    hostile_acts: frozenset[str] = frozenset()    # lemmas of the acts a ceasefire stops ('strike', 'attack')
    ceasefire: str = ""                           # the word of one stopping them ('ceasefire'), compared as its class
    event_nouns: frozenset[str] = frozenset()     # nouns of the event itself ('the call came as ...')
    circumstance_links: frozenset[str] = frozenset()  # 'as', 'amid': what goes on around the event
    obligation: frozenset[str] = frozenset()      # modals of obligation ('should', 'must')
    side_preps: frozenset[str] = frozenset()      # prepositions of taking a side ('spoke against')
    side_nouns: frozenset[str] = frozenset()      # nouns of taking a side under 'in' ('in favour of')
    act_stems: frozenset[str] = frozenset()       # stems of every member of a relations class (named acts and things)
    inclusion: frozenset[str] = frozenset()       # lemmas of verbs of including ('the consensus includes A, B and C')
    entails: dict[str, frozenset[str]] = field(default_factory=dict)  # class key -> class keys it implies
    opposites: dict[str, frozenset[str]] = field(default_factory=dict)  # class key -> the keys of its opposites
    descriptions: dict[str, frozenset[str]] = field(default_factory=dict)  # stem -> stems describing the same the opposite way
    spelling: tuple = ()                          # (compiled pattern, replacement): British to American spelling
    being: frozenset[str] = frozenset()           # verbs of what the parties are or have to each other
    announcing: frozenset[str] = frozenset()      # verbs under which a verb of saying announces what comes


@lru_cache(maxsize=1)
def claim_lexicon() -> ClaimLexicon:
    """The general vocabulary of src/counterpoint/data/claim_lexicon.yaml."""
    data = yamlfast.safe_load(resources.files("counterpoint.data").joinpath("claim_lexicon.yaml").read_text("utf-8"))
    spelling = tuple((re.compile(a), b) for a, b in data.get("spelling") or [])

    def spelled(word: str) -> str:
        for pattern, repl in spelling:
            word = pattern.sub(repl, word)
        return word

    relations: dict[str, str] = {}
    for members in data.get("relations") or []:
        stems = [_STEMMER.stemWord(spelled(str(m).lower())) for m in members]
        for s in stems[1:]:
            relations.setdefault(s, stems[0])
    abstract = frozenset(_STEMMER.stemWord(spelled(w)) for w in str(data.get("abstract_nouns") or "").split())
    wish = frozenset(w for word in str(data.get("wish_words") or "").split() for w in (word, _STEMMER.stemWord(word)))
    def words(key: str) -> frozenset[str]:
        return frozenset(str(data.get(key) or "").split())

    def key(word) -> str:   # a word's relations class, as stem() gives it
        s = _STEMMER.stemWord(spelled(str(word).lower()))
        return relations.get(s, s)

    entails: dict[str, set[str]] = {}
    for a, b in data.get("entails") or []:
        entails.setdefault(key(a), set()).add(key(b))
    opposites: dict[str, set[str]] = {}
    for a, b in data.get("opposites") or []:
        opposites.setdefault(key(a), set()).add(key(b))
        opposites.setdefault(key(b), set()).add(key(a))
    descriptions: dict[str, set[str]] = {}
    for a, b in data.get("opposite_descriptions") or []:
        sa, sb = (_STEMMER.stemWord(spelled(str(w).lower())) for w in (a, b))
        descriptions.setdefault(sa, set()).add(sb)
        descriptions.setdefault(sb, set()).add(sa)
    act_stems = frozenset(_STEMMER.stemWord(spelled(str(m).lower())) for members in data.get("relations") or []
                          for m in members)
    return ClaimLexicon(relations=relations, act_stems=act_stems,
                        opposites={k: frozenset(v) for k, v in opposites.items()},
                        descriptions={k: frozenset(v) for k, v in descriptions.items()},
                        entails={k: frozenset(v) for k, v in entails.items()}, spelling=spelling, abstract=abstract, wish=wish, communication=words("communication_nouns"),
                        reception=words("reception_verbs"), proposals=words("proposal_nouns"),
                        inference=words("inference_verbs"), discussion=words("discussion_verbs"),
                        discussion_by_prep=words("discussion_verbs_by_preposition"),
                        topic_nouns=words("discussion_nouns"), inclusion=words("inclusion_verbs"), asking=words("asking_verbs"),
                        exchange=words("exchange_words"), circumstance=words("exchange_circumstance"),
                        atmosphere=words("atmosphere_nouns"),
                        light=words("light_words"), initiative=words("initiative_nouns"),
                        means=words("means_nouns"), cessation=words("cessation_words"),
                        hostile_acts=words("hostile_acts"), ceasefire=str(data.get("ceasefire_word") or ""),
                        side_preps=words("side_prepositions"), side_nouns=words("side_nouns"),
                        event_nouns=words("event_nouns"), circumstance_links=words("circumstance_links"),
                        obligation=words("obligation_modals"), being=words("being_verbs"),
                        announcing=words("announcing_verbs"))


# ---------------------------------------------------------------- party lexicon

_GENERIC_NAME_WORDS = frozenset(_WORDS["parties"].words("generic_name_words"))


@dataclass
class PartyLexicon:
    """Lower-cased words and phrases that name each party."""

    phrases: dict[str, set[str]] = field(default_factory=dict)   # party -> multiword names
    words: dict[str, set[str]] = field(default_factory=dict)     # party -> single words

    def parties_of_token(self, tok: ParsedToken) -> list[str]:
        """Every party the word names (a word of two parties' names, 'Coast Guard', names both)."""
        low = _bare(tok.text)
        return [party for party, ws in self.words.items() if low in ws or _demonym_of(low, party)]

    def party_of_token(self, tok: ParsedToken) -> Optional[str]:
        found = self.parties_of_token(tok)
        return found[0] if found else None

    def parties_in(self, text: str) -> set[str]:
        low = " " + re.sub(r"[^\w\s]", " ", text.lower()) + " "
        found = set()
        for party in self.words:
            names = self.phrases.get(party, set()) | self.words.get(party, set())
            if any(f" {n} " in low for n in names):
                found.add(party)
            elif any(_demonym_of(w, party) for w in low.split()):
                found.add(party)
        return found

    def in_party_name(self, tok: ParsedToken) -> bool:
        """Is the token part of a multiword name of a party ('the United States', 'White House'),
        read as the run of proper nouns (or one entity) around it?"""
        if not self.phrases or (tok.pos_ != "PROPN" and not tok.ent_type_):
            return False
        doc, kind = tok.doc, tok.ent_type_

        def same(t: ParsedToken) -> bool:
            return t.ent_type_ == kind if kind else t.pos_ == "PROPN"
        lo = hi = tok.i
        while lo > 0 and same(doc[lo - 1]):
            lo -= 1
        while hi + 1 < len(doc) and same(doc[hi + 1]):
            hi += 1
        words = " ".join(re.sub(r"[^\w\s]", " ", doc[k].text.lower()) for k in range(lo, hi + 1)).split()
        if words[:1] == ["the"]:
            words = words[1:]
        if len(words) < 2:
            return False
        name = " ".join(words)
        return any(name in ps for ps in self.phrases.values())

    def names_by_head(self, tok: ParsedToken) -> bool:
        """Is the noun the last word of a party's multiword name, used alone for it ('the Commission',
        'the commission said' for the Central Electoral Commission; 'the Party' for the Unity Party):
        capitalised, or with 'the' and no other modifier?"""
        if not any(p.split()[-1] == tok.lower_ for ps in self.phrases.values() for p in ps):
            return False
        kids = [c for c in tok.children if c.i < tok.i]
        return tok.text[:1].isupper() or (len(kids) == 1 and kids[0].lower_ == "the")

    def is_party_word(self, word: str) -> bool:
        low = _bare(word)
        return any(low in ws or _demonym_of(low, p) for p, ws in self.words.items())


def _bare(word: str) -> str:
    """'U.S.' ~ 'us', 'U.K.' ~ 'uk': initialisms compare without their dots."""
    low = word.lower()
    return low.replace(".", "") if re.fullmatch(r"(?:[a-z]\.){2,}", low) else low


def _demonym_of(word: str, party: str) -> bool:
    """'chinese' ~ China, 'indian' ~ India, 'russian' ~ Russia: a shared stem of 4+ letters
    followed by a demonym suffix."""
    p = party.lower()
    if len(p) < 4 or not word[:1].isalpha():
        return False
    root = p[:-1] if p.endswith(("a", "y")) else p
    if len(root) < 4 or not word.startswith(root[:4]):
        return False
    return word in {p, p + "n", p + "ns", root + "ese", root + "an", root + "ans", root + "ian", root + "ians",
                    p + "'s", root + "ish"}


def build_lexicon(parties: dict[str, list[str]], quotes: Iterable[Quote] = (), claims: Iterable[Claim] = (),
                  mentions: Iterable = ()) -> PartyLexicon:
    lex = PartyLexicon()
    speakers: dict[str, set[str]] = {p: set() for p in parties}
    for item in list(quotes) + list(claims):
        if item.party in parties and item.speaker:
            speakers[item.party].add(item.speaker)
    canon_party = {}
    for p, names in parties.items():
        for n in list(names) + sorted(speakers[p]):
            canon_party[n.lower()] = p
    surfaces: dict[str, set[str]] = {p: set() for p in parties}
    for m in mentions:
        canon = (getattr(m, "canonical", None) or "").lower()
        if canon in canon_party:
            surfaces[canon_party[canon]].add(m.text)
    kb_names = _kb_names(list(parties))
    for p, names in parties.items():
        phrases, words = set(), {p.lower()}
        # whole names only from the knowledge base and the attribution stage: 'Ministry of External
        # Affairs', not 'external'; speaker strings with clauses in them name nobody reliably
        learned = [n for n in sorted(speakers[p]) + sorted(surfaces[p]) if "," not in n and len(n.split()) <= 4
                   and not _names_other_party(n, p, parties) and not _GENERIC_SPEAKER.match(n)]
        for n in kb_names.get(p, []) + learned:
            clean = re.sub(r"[^\w\s]", " ", n.lower()).split()
            if len(clean) > 1:
                phrases.add(" ".join(clean))
            elif clean and clean[0] not in _GENERIC_NAME_WORDS and clean[0] not in {"he", "she", "they", "it", "we"}:
                words.add(clean[0])
        for n in names:
            clean = re.sub(r"[^\w\s]", " ", n.lower()).split()
            if not clean:
                continue
            if len(clean) > 1:
                phrases.add(" ".join(clean))
            for w in clean:
                if w not in _GENERIC_NAME_WORDS and len(w) > 1 and w[0].isalpha():
                    words.add(w)
        lex.phrases[p], lex.words[p] = phrases, words
    return lex


_GENERIC_SPEAKER = re.compile(r"^(the\s+)?(two|both|leaders?|sides?|officials?|sources?)\b", re.I)


def _names_other_party(name: str, party: str, parties) -> bool:
    """'the Castavian leader' attributed to Norland by mistake must not teach Norland's lexicon."""
    words = re.sub(r"[^\w\s]", " ", name.lower()).split()
    return any(w == o.lower() or _demonym_of(w, o) for o in parties if o != party for w in words)


def _kb_names(party_keys: list[str]) -> dict[str, list[str]]:
    """Names, demonyms, capitals, people and bodies the actors knowledge base gives each party."""
    try:
        from counterpoint.analysis import kb as kb_module
        kb = kb_module.load()
    except Exception:  # the knowledge base is optional here: manifest aliases still work
        return {}
    out: dict[str, list[str]] = {}
    for key in party_keys:
        country = kb.country_of(key) or (key if key in kb.countries else None)
        if not country or kb.match_party(country, party_keys) != key:
            continue
        c = kb.countries.get(country, {})
        names = list(c.get("names") or []) + list(c.get("adjectives") or []) + list(c.get("capitals") or [])
        names += list(c.get("bodies") or []) + list(c.get("state_media") or [])
        for person in c.get("people") or []:
            if person.get("years"):
                continue  # former office holders speak for nobody today
            names += [person["name"]] + list(person.get("aliases") or [])
        out[key] = names
    return out


# ---------------------------------------------------------------- statements

@dataclass
class Statement:
    """One stretch of a party's (or the press's) voice, reduced for comparison."""

    party: Optional[str]
    account: str
    text: str
    span: Span
    terms: set[str]
    numbers: dict[str, set[float]]   # counted noun stem ('' when unknown) -> values
    years: set[int]
    months: set[int]
    negated: set[str]                # stems of negated predicates
    denial: bool                     # the statement denies or rejects something
    refutes: bool = False            # it calls an assertion false ('the claim that ... is a fabrication')
    irrealis: bool = False           # under a modal or an infinitive: what will, would or is to happen
    polarity: int = 0                # the sign of its evaluative words' valence (a negated one counts reversed)
    count_mods: dict[str, set[str]] = field(default_factory=dict)  # counted noun stem -> its modifiers ('pellandrian', 'fishing')
    count_acts: dict[str, set[str]] = field(default_factory=dict)  # counted noun stem -> what they do ('march')
    count_doers: dict[str, set[str]] = field(default_factory=dict)  # counted noun stem -> who does it to them ('paramedic')
    preds: set[str] = field(default_factory=set)   # stems of every verb, frame verbs included
    tone: set[str] = field(default_factory=set)    # evaluative words ('excellent', 'warned')
    kind: str = "claim"              # claim | quote | readout
    fragment: bool = False           # no verb and short: a noun phrase, not a proposition
    claim_index: Optional[int] = None
    concrete: bool = True            # names a thing, a number or a date, not only attitudes and relations
    wish: bool = False               # a hope or readiness ('willing to ...') rather than an act
    occurrence: bool = False         # says only that the event itself took place ('the talks were held on 18th')
    topic: Optional[set[str]] = None  # a discussion claim: the terms of what it says was discussed
    named: set[str] = field(default_factory=set)  # terms of proper names in it ('Ukraine', 'Middle East')
    frame: set[str] = field(default_factory=set)  # the event and relationship nouns it speaks of ('call', 'relations')
    parts: list[set[str]] = field(default_factory=list)  # terms of each conjoined predicate, when there are several
    manner: set[str] = field(default_factory=set)  # how it says the exchange went ('candid', 'in-depth')
    initiative: bool = False         # says at whose request or initiative the event took place
    blame: set = field(default_factory=set)  # (kind, party) who did the hostile act or bears the blame
    rejects: Optional[str] = None    # the party whose conclusions it rejects ('disagree with its conclusions')
    asker: Optional[str] = None      # the party it names as having asked for it ('at the request of the latter')
    acts: set[tuple[str, str]] = field(default_factory=set)  # (action, what it acts on): 'begin negotiations'
    not_so: set[str] = field(default_factory=set)   # nouns it denies something is: 'these were not journalists'
    changes: set[tuple[str, str, bool]] = field(default_factory=set)  # (verb of a change with an opposite, its thing, to come?): 'fees rose'
    main_acts: set[tuple[str, str]] = field(default_factory=set)  # those of its main verb (under 'agreed to', 'said')
    dates: set[str] = field(default_factory=set)  # TimeML values of its dates finer than a year ('2027-04', '2027-FA')
    adjs: set[str] = field(default_factory=set)   # its predicative adjectives, lower-case, not negated ('disproportionate')
    # the things it judges: noun stem -> (sign of the judgement, said of it as a predicate) ('this
    # election was rigged' -> election: (-1, True); 'a free and fair election' -> election: (1, False))
    judged: dict[str, tuple[int, bool]] = field(default_factory=dict)
    main_verbs: set[str] = field(default_factory=set)  # stems of its root verb and the verbs a light or reporting root carries
    ahead: set[str] = field(default_factory=set)  # those that begin after the day of the event
    implied: set[str] = field(default_factory=set)  # terms its terms imply, one way ('trip' -> 'meet'; data entails)
    nouns: set[str] = field(default_factory=set)    # those of its terms that are nouns in it ('contact details', not 'contacting')
    described: set[str] = field(default_factory=set)  # stems of its words with an opposite description ('innocent', 'guilt')
    denied_numbers: set[tuple[str, float]] = field(default_factory=set)  # (counted key, value) it says is not so: 'Not 12%'


DENIAL_WORDS = frozenset(_WORDS["speech"].words("denial_words"))
NEGATIVE_PRONOUNS = frozenset(_WORDS["speech"].words("negative_pronouns"))
CONTRAST_HEADS = frozenset(_WORDS["speech"].words("contrast_heads"))
ASSERTION_NOUNS = frozenset(_WORDS["speech"].words("assertion_nouns"))
NEGATING_PREFIXES = tuple(sorted(_WORDS["speech"].words("negating_prefixes"), key=len, reverse=True))


def adjective_base(word: str) -> str:
    """An adjective less a negating prefix ('disproportionate' -> 'proportionate'), where four
    letters or more remain; else the adjective."""
    for p in NEGATING_PREFIXES:
        if word.startswith(p) and len(word) - len(p) >= 4:
            return word[len(p):]
    return word


def opposite_adjectives(a: set[str], b: set[str]) -> Optional[tuple[str, str]]:
    """A pair of adjectives, one of `a` and one of `b`, one the other with a negating prefix
    ('proportionate' / 'disproportionate'); None when there is none. The base must be a word of
    four letters or more ('fair' / 'unfair')."""
    for x in a:
        for y in b:
            long, short = (x, y) if len(x) > len(y) else (y, x)
            for p in NEGATING_PREFIXES:
                if long.startswith(p) and long[len(p):] == short and len(short) >= 4:
                    return x, y
    return None


def content_tokens(tokens: Iterable[ParsedToken], lexicon: PartyLexicon) -> list[ParsedToken]:
    out = []
    for t in tokens:
        if t.is_stop or t.is_punct or t.is_space or t.like_num or not t.text[:1].isalnum():
            continue
        if t.pos_ not in {"NOUN", "PROPN", "VERB", "ADJ"}:
            continue
        if t.ent_type_ in {"DATE", "TIME"} and t.pos_ == "PROPN":
            continue   # 'Wednesday', 'November': when, not what (dates are compared as dates)
        lemma = t.lemma_.lower()
        if lemma in REPORTING_VERBS or lemma in FRAME_WORDS or (t.pos_ == "NOUN" and lemma in _GENERIC_NOUNS):
            continue
        if lemma in MONTHS and (t.text[:1].isupper() or t.ent_type_ == "DATE"):
            continue   # 'in March' is when; 'the march', 'people marched' is what
        if lexicon.is_party_word(t.text) or lexicon.in_party_name(t):
            continue   # a party's name ('the United States') is who, not what: both sides name the parties
        out.append(t)
    return out


def _number_value(tok: ParsedToken) -> Optional[float]:
    txt = tok.text.lower().replace(",", "")
    if txt in _WORD_NUMBERS:
        return float(_WORD_NUMBERS[txt])
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?:-\w+)?", txt)
    return float(m.group(1)) if m else None


def reduce_tokens(tokens: list[ParsedToken], lexicon: PartyLexicon) -> tuple[set[str], dict[str, set[float]], set[int], set[int], set[str], bool]:
    terms = {stem(t.lemma_) for t in content_tokens(tokens, lexicon)}
    numbers: dict[str, set[float]] = {}
    years, months = set(), set()
    negated, denial = set(), False
    for t in tokens:
        low = t.lower_
        if low in MONTHS and t.pos_ == "PROPN":
            months.add(MONTHS[low])
        m = re.fullmatch(r"(1[89]\d\d|20\d\d)s?", t.text)
        if m:
            years.add(int(m.group(1)))
            continue
        hyphen = re.fullmatch(r"(\d+|[a-z]+)-([a-z]+)", low)   # '30-day', 'six-point' kept as one token
        if hyphen:
            first = hyphen.group(1)
            val = float(first) if first.isdigit() else _WORD_NUMBERS.get(first)
            if val is not None:
                numbers.setdefault(stem(hyphen.group(2)), set()).add(float(val))
                continue
        if t.like_num or low in _WORD_NUMBERS:
            if low == "one" and (t.pos_ in {"PRON", "NOUN"} or any(c.dep_ == "det" for c in t.children)):
                continue  # 'an extremely good one' is a pronoun, not a count
            if t.head.lower_ in MONTHS and t.head.i != t.i or any(c.lower_ in MONTHS for c in t.children):
                continue  # '12 March', 'March 31': a day of the month is a date, not a count
            val = _number_value(t)
            if val is None:
                continue
            node = t
            while node.dep_ in {"compound", "nummod", "quantmod"} and node.head.i != node.i \
                    and node.head.lower_ in _SCALES:
                node = node.head   # '1.2 million customers': the scale multiplies, its noun is counted
                val *= _SCALES[node.lower_]
            head = node.head if node.dep_ in {"nummod", "quantmod", "compound", "appos"} else None
            if head is not None and head.i < t.i and head.pos_ in {"NOUN", "PROPN"}:
                continue  # 'vessel 5203', 'Resolution 2231': a number after its noun names one, it counts none
            key = count_key(head.lemma_) if head is not None and head.pos_ in {"NOUN", "PROPN"} else ""
            if not key and _counts_people(node):
                key = _PEOPLE_KEY   # 'more than 25,000 took part': a bare number doing something counts people
            numbers.setdefault(key, set()).add(val)
        if t.lemma_.lower() in DENIAL_WORDS:
            denial = True
        if t.dep_ == "neg" and t.head.pos_ in {"VERB", "AUX", "ADJ"}:
            negated.add(stem(t.head.lemma_))
            if t.head.lemma_.lower() in claim_lexicon().light:
                # 'never agreed to purchase targets': what the light verb carries is denied with it
                negated.update(stem(c.lemma_) for c in t.head.children if c.dep_ == "xcomp" and c.pos_ == "VERB")
        elif t.dep_ == "neg" and t.head.pos_ == "NOUN":
            # 'the intentions of importers, not a government commitment': the noun after 'not'
            negated.update(stem(n.lemma_) for n in [t.head] + [c for c in t.head.children if c.dep_ in {"appos", "conj"}]
                           if n.i > t.i and n.pos_ == "NOUN")
        negated |= _none_of(t)
        negated |= _set_against(t)
        negated |= _without(t)
    return terms, numbers, years, months, negated, denial


def not_what_it_is(t: ParsedToken) -> set[str]:
    """'These were not journalists or tourists', 'it was not a water cannon': a negated copula
    denies its predicate nouns (all of a list joined by 'or', 'and', 'nor'; not what 'but' puts in
    their place: 'not negotiations but consultations')."""
    if t.dep_ != "neg" or t.head.lemma_.lower() != "be":
        return set()
    out = set()
    for a in t.head.children:
        if a.dep_ != "attr" or a.pos_ != "NOUN":
            continue
        out.add(stem(a.lemma_))
        if not any(c.dep_ == "cc" and c.lower_ == "but" for c in a.children):
            out |= {stem(c.lemma_) for c in a.conjuncts if c.pos_ == "NOUN"}
    return out


def _set_against(t: ParsedToken) -> set[str]:
    """'described it as water spray rather than a water cannon', 'used spray instead of batons': the
    thing after the contrast ('than', 'of' under 'rather', 'instead') is denied: its head word (not its
    compounds, which the thing put in its place may share: 'water')."""
    if t.lower_ not in {"than", "of"} or not any(c.dep_ == "advmod" and c.lower_ in CONTRAST_HEADS for c in t.children):
        return set()
    denied = [c for c in t.children if c.dep_ == "pobj"]
    if not denied and t.dep_ == "cc":
        denied = [c for c in t.head.children if c.dep_ == "conj" and c.i > t.i]
    return {stem(d.lemma_) for d in denied if d.pos_ in {"NOUN", "PROPN", "VERB"}}


def _counts_people(num: ParsedToken) -> bool:
    """A bare number as the subject of a verb of doing ('more than 25,000 took part', 'about 300
    marched'), not of 'be' or 'have' ('2,000 is the target')."""
    return num.dep_ == "nsubj" and num.head.pos_ == "VERB" and num.head.lemma_ not in {"be", "have"}


def _counted_nouns(tokens: list[ParsedToken], numbers: dict[str, set[float]]):
    """(stem, noun) for each noun a number of the statement counts ('four ships' -> ship); a bare
    number doing something stands for the people it counts ('25,000 took part')."""
    for t in tokens:
        if t.like_num and _counts_people(t) and _PEOPLE_KEY in numbers:
            yield _PEOPLE_KEY, t
        if t.dep_ in {"nummod", "quantmod"} and t.head.pos_ in {"NOUN", "PROPN"}:
            key = count_key(t.head.lemma_)
            if key in numbers:
                yield key, t.head


def _count_modifiers(tokens: list[ParsedToken], numbers: dict[str, set[float]]) -> dict[str, set[str]]:
    """The words that say which of the counted things are meant ('four Pellandrian Coast Guard
    ships' -> pellandrian, coast, guard; 'about 40 fishing boats' -> fishing)."""
    out: dict[str, set[str]] = {}
    for key, head in _counted_nouns(tokens, numbers):
        words = out.setdefault(key, set())
        for c in head.children:
            if c.dep_ in {"amod", "compound", "nmod"} and c.i < head.i and not c.like_num:
                words.update(x.lower_ for x in c.subtree if x.is_alpha and not x.like_num)
            elif c.dep_ == "prep" and c.lower_ in {"of", "from"}:   # 'nine citizens of Korvath'
                words.update(x.lower_ for o in c.children if o.dep_ == "pobj" for x in o.subtree
                             if x.is_alpha and not x.is_stop)
    return out


def _count_acts(tokens: list[ParsedToken], numbers: dict[str, set[float]],
                doers: Optional[dict[str, set[str]]] = None) -> dict[str, set[str]]:
    """What the counted things do or undergo: the verb the counted noun hangs from (through 'of',
    'a group of ...') and that verb's objects ('6,000 people took part in the march' -> take, part,
    march; '25,000 people marched through Corvenna' -> march, corvenna), stems by counted noun.
    Who does it to them, where the counted things undergo it ('treated by paramedics', 'our medics
    treated 41 people'), goes into `doers` by counted noun."""
    inside = {t.i for t in tokens}
    out: dict[str, set[str]] = {}
    for key, noun in _counted_nouns(tokens, numbers):
        node, steps, holders = noun, 0, set()
        while node.pos_ not in {"VERB", "AUX"} and node.head.i != node.i and node.head.i in inside and steps < 4:
            if node.dep_ not in {"pobj", "prep", "compound", "appos", "conj", "nsubj", "nsubjpass", "dobj", "attr",
                                 "acomp"}:
                break   # ('were present at 412 polling stations': up through the adjective to its verb)
            node, steps = node.head, steps + 1
            if node.pos_ == "NOUN":
                holders.add(stem(node.lemma_))   # ('records of 1.2 million customers were taken' -> record)
        if node.pos_ not in {"VERB", "AUX"}:
            continue
        acts = out.setdefault(key, set())
        acts.add(stem(node.lemma_))
        acts |= holders
        undergo = noun.dep_ in {"dobj", "nsubjpass"} and noun.head.i == node.i
        for c in node.children:
            if c.dep_ in {"dobj", "prt", "attr", "acomp"}:
                acts.add(stem(c.lemma_))
            elif c.dep_ == "prep":   # (not when: 'on Saturday' is no act of the counted things)
                acts.update(stem(o.lemma_) for o in c.children if o.dep_ == "pobj" and o.pos_ in {"NOUN", "PROPN"}
                            and o.ent_type_ not in {"DATE", "TIME"})
            if doers is not None and undergo and (c.dep_ == "nsubj" or c.dep_ == "agent"):
                heads = [c] if c.dep_ == "nsubj" else [o for o in c.children if o.dep_ == "pobj"]
                doers.setdefault(key, set()).update(stem(h.lemma_) for h in heads if h.pos_ in {"NOUN", "PROPN"})
        acts.discard(key)   # (the counted things themselves are no act: 'food for 40 boats')
    return out


def _none_of(t: ParsedToken) -> set[str]:
    """'No personnel were injured', 'nobody was hurt', 'none of the ships fired': a negative word
    as (the determiner of) a subject or object negates its verb, and what it quantifies."""
    low = t.lower_
    if low == "no" and t.dep_ == "det":
        noun = t.head
    elif low in NEGATIVE_PRONOUNS and t.dep_ in _ARGUMENT_DEPS:
        noun = t
    else:
        return set()
    out = {stem(noun.lemma_)} if noun.pos_ in {"NOUN", "PROPN"} else set()
    if noun.dep_ in _ARGUMENT_DEPS and noun.head.pos_ in {"VERB", "AUX"}:
        out.add(stem(noun.head.lemma_))
    return out


_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})


def _without(t: ParsedToken) -> set[str]:
    """'flying without a transponder', 'talks without preconditions': what 'without' takes is denied."""
    if t.lower_ != "without" or t.dep_ != "prep":
        return set()
    return {stem(o.lemma_) for o in t.children if o.dep_ == "pobj" and o.pos_ in {"NOUN", "PROPN"}}


def refutes(tokens: list[ParsedToken]) -> bool:
    """Does the statement call an assertion false ('the claim that four ships took part is a
    fabrication', 'denied that any agreement was reached', 'reports of a deal are baseless')? Not
    every denial word does: 'rejects independence' opposes a thing, which the other side may oppose
    too. A refutation is a denial word governing a clause or an assertion noun, or a word of
    falsehood said of a subject."""
    inside = {t.i for t in tokens}
    for t in tokens:
        lemma = t.lemma_.lower()
        if lemma not in DENIAL_WORDS:
            continue
        if t.pos_ in {"ADJ", "NOUN"} and t.dep_ in {"acomp", "attr", "oprd"}:
            return True   # '... is false', '... is a fabrication'
        args = [c for c in t.children if c.i in inside]
        if any(c.dep_ in {"ccomp"} for c in args):
            return True   # 'denied that ...'
        if any(c.dep_ in {"dobj", "nsubjpass", "pobj"} and c.lemma_.lower() in ASSERTION_NOUNS for c in args):
            return True   # 'rejected the claim', 'the reports were dismissed'
    return False


def _ceasefire_term(tokens: list[ParsedToken]) -> set[str]:
    """'refrain from striking energy infrastructure', 'a 30-day pause in attacks', 'an early cessation
    of hostilities': a word of stopping that governs a hostile act (as its object, or the object of
    its preposition) names a ceasefire, which the other side may put in that one word."""
    lex = claim_lexicon()
    if not lex.ceasefire:
        return set()
    inside = {t.i for t in tokens}
    for t in tokens:
        if t.lemma_.lower() not in lex.cessation:
            continue
        if any(c.dep_ == "neg" for c in t.children):
            continue   # 'did not refrain from striking'
        near = [k for c in t.children for k in ([c] + (list(c.children) if c.dep_ == "prep" else []))]
        if any(k.i in inside and k.lemma_.lower() in lex.hostile_acts for k in near):
            return {stem(lex.ceasefire)}
    return set()


_ACT_ARGS = {"dobj", "nsubj", "nsubjpass"}


def main_verbs_of(tokens: list[ParsedToken]) -> set[str]:
    """Stems of the claim's root verb and, where it only carries another verb ('were allowed to
    leave', 'said the talks would resume'), of the verbs it carries, up to the first content verb."""
    lex = claim_lexicon()
    inside = {t.i for t in tokens}
    out: set[str] = set()
    for root in clause_roots(tokens)[:1]:
        verb, seen = root, 0
        while verb.pos_ in {"VERB", "AUX"} and seen < 4:
            out.add(stem(verb.lemma_))
            lemma = verb.lemma_.lower()
            nxt = next((c for c in verb.children if c.dep_ in {"xcomp", "ccomp"} and c.i in inside), None) or \
                next((g for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" for g in c.children
                      if g.i in inside and _committed_to(g)), None)
            if nxt is None or not (lemma in lex.light or lemma in REPORTING_VERBS or lemma in FRAME_WORDS
                                   or lemma in {"allow", "permit", "let"}):
                break
            verb, seen = nxt, seen + 1
        # a predicate joined to the root is a main verb too ('The strike was precise and targeted
        # only military infrastructure')
        out.update(stem(c.lemma_) for c in root.children if c.dep_ == "conj" and c.pos_ == "VERB" and c.i in inside)
        if root.pos_ in {"NOUN", "PROPN"}:
            # a sentence without a verb of its own says what its relative clause does ('First, the
            # memorandum on joint monitoring, which the ministers signed today.')
            rel = next((t for t in tokens if t.dep_ == "relcl" and t.pos_ == "VERB"), None)
            if rel is not None:
                out.add(stem(rel.lemma_))
    return out


def acts_of(tokens: list[ParsedToken], lexicon: PartyLexicon) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """What the statement says is done to what, and what its main verb does: each content verb with
    the content noun it acts on or that acts, as stems, whatever the syntax ('agreed to begin
    negotiations' and 'these negotiations will begin' are both (begin, negotiation); 'ending
    hostilities' and 'the conflict needs to end' are both (end, conflict): an infinitive without a
    subject takes its governor's). The main verb is the claim's root, or where the root only carries
    another verb ('it was agreed to begin negotiations', 'they said the talks would resume'), the
    verb of its infinitive or clause."""
    lex = claim_lexicon()
    inside = {t.i for t in tokens}
    content = {t.i for t in content_tokens(tokens, lexicon)}
    acts = {a for t in tokens for a in _verb_acts(t, inside, content)}
    main: set[tuple[str, str]] = set()
    for root in clause_roots(tokens)[:1]:
        verb, seen = root, 0
        while verb.pos_ in {"VERB", "AUX"} and seen < 4:
            lemma = verb.lemma_.lower()
            if lemma not in lex.light and lemma not in REPORTING_VERBS and lemma not in FRAME_WORDS:
                main = _verb_acts(verb, inside, content)
                break
            nxt = next((c for c in verb.children if c.dep_ in {"xcomp", "ccomp"} and c.i in inside), None)
            if nxt is None:
                # 'expressed its gratitude to the Government of Estavel', 'held talks with X': the
                # verb only carries its object noun, which names the act, done to what the
                # prepositions name
                main = _noun_acts(verb, inside, content)
                acts |= main
                break
            verb, seen = nxt, seen + 1
    return acts, main


_NOUN_ACT_PREPS = frozenset({"to", "with", "for", "on", "towards", "toward"})


def _noun_acts(verb: ParsedToken, inside: set[int], content: set[int]) -> set[tuple[str, str]]:
    """The acts of a light or reporting verb's object noun: (noun, thing) for each content noun
    under a preposition of the noun or of the verb, and under 'of' below it ('gratitude to the
    leadership of Estavel' is (gratitude, leadership) and (gratitude, Estavel))."""
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i in content and c.pos_ == "NOUN"), None)
    if obj is None:
        return set()
    things = []
    for head in (obj, verb):
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in _NOUN_ACT_PREPS:
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                things.append(pobj)
                things += [n for of in pobj.children if of.dep_ == "prep" and of.lower_ == "of"
                           for n in of.children if n.dep_ == "pobj"]
    return {(stem(obj.lemma_), stem(n.lemma_)) for t in things for n in [t] + list(t.conjuncts)
            if n.i in inside and n.i in content and n.pos_ in {"NOUN", "PROPN"}}


def _verb_acts(t: ParsedToken, inside: set[int], content: set[int]) -> set[tuple[str, str]]:
    if t.pos_ != "VERB" or t.i not in content:
        return set()
    args = [c for c in t.children if c.dep_ in _ACT_ARGS]
    if not any(c.dep_ in {"nsubj", "nsubjpass"} for c in args) and t.dep_ == "xcomp" and t.head.i in inside:
        args += [c for c in t.head.children if c.dep_ == "nsubj"]
    if t.dep_ == "relcl" and t.head.i in inside:
        args.append(t.head)   # 'the memorandum, which the ministers signed today' signs the memorandum
    return {(stem(t.lemma_), stem(n.lemma_)) for a in args for n in [a] + list(a.conjuncts)
            if n.i in content and n.pos_ in {"NOUN", "PROPN"}}


_MODAL_TAGS = frozenset({"MD", "TO"})


def _committed_to(t: ParsedToken) -> bool:
    """'committed to buying', 'pledged to opening': a gerund after 'to' under a verb that carries
    another's content is what is to happen, like an infinitive ('committed to buy')."""
    return t.tag_ == "VBG" and t.dep_ == "pcomp" and t.head.lower_ == "to" \
        and t.head.head.lemma_.lower() in claim_lexicon().light


def changes_of(tokens: list[ParsedToken]) -> set[tuple[str, str, bool]]:
    """The statement's verbs of a change or outcome that has an opposite (data/claim_lexicon.yaml
    opposites: 'rose', 'have fallen', 'will be overturned'), each with the noun it is said of (its
    subject, else its object) and whether it is told as what will or may be (under a modal or
    'to'): (verb, thing, to_come). Not where the verb is negated."""
    opposites = claim_lexicon().opposites
    inside = {t.i for t in tokens}
    out = set()
    for t in tokens:
        if t.pos_ != "VERB" or stem(t.lemma_) not in opposites:
            continue
        if any(c.dep_ == "neg" for c in t.children):
            continue
        to_come = any(c.tag_ in _MODAL_TAGS for c in t.children)
        args = [c for c in t.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i in inside] or \
            [c for c in t.children if c.dep_ == "dobj" and c.i in inside]
        if not args and t.dep_ == "relcl" and t.head.i in inside:
            args = [t.head]   # 'the fees, which rose ...'
        out |= {(stem(t.lemma_), stem(n.lemma_), to_come) for a in args for n in [a] + list(a.conjuncts)
                if n.pos_ in {"NOUN", "PROPN"}}
    return out


JUDGING_VALENCE = 1.5   # the least |valence| of a word that judges what it is said of ('rigged', 'free')


def _judged(tokens: list[ParsedToken]) -> dict[str, tuple[int, bool]]:
    """What the statement judges, and how: an evaluative adjective's noun ('a free, fair and
    transparent election'), the subject of an evaluative predicate ('the conduct was unsafe') or
    of an evaluative passive participle ('this election was rigged'), the subject of a verb an
    evaluative adverb qualifies ('our pilot acted professionally'), and what such a subject is of
    ('the conduct of the pilots was unsafe'). Negation turns the sign; a modal hedges it away."""
    out: dict[str, tuple[int, bool]] = {}
    for t in tokens:
        v = valence(t.lower_)
        if abs(v) < JUDGING_VALENCE:
            continue
        sign = (1 if v > 0 else -1) * (-1 if any(c.dep_ == "neg" for c in list(t.children) + list(t.head.children)) else 1)
        word = t.head if t.dep_ == "conj" else t
        if t.pos_ == "ADJ" and word.dep_ == "amod" and word.head.pos_ in {"NOUN", "PROPN"}:
            out.setdefault(stem(word.head.lemma_), (sign, False))
            continue
        if t.pos_ == "ADJ" and word.dep_ in {"acomp", "attr"}:
            verb, deps = word.head, {"nsubj"}
        elif t.pos_ == "VERB" and t.tag_ == "VBN" and word is t:
            verb, deps = t, {"nsubjpass"}
        elif t.pos_ == "ADV" and word.dep_ == "advmod" and word.head.pos_ == "VERB":
            verb, deps = word.head, {"nsubj"}   # 'our pilot acted professionally'
        else:
            continue
        if any(c.tag_ == "MD" for c in verb.children):
            continue   # ('the talks could be difficult': a verdict hedged is none)
        for c in verb.children:
            if c.dep_ in deps and c.pos_ in {"NOUN", "PROPN"}:
                out[stem(c.lemma_)] = (sign, True)
                # 'the conduct of the Velyrian pilots was unsafe' judges the pilots too
                out.update({stem(o.lemma_): (sign, True) for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                            for o in p.children if o.dep_ == "pobj" and o.pos_ in {"NOUN", "PROPN"}})
    return out


def make_statement(tokens: list[ParsedToken], party: Optional[str], account: Account, lexicon: PartyLexicon,
                   kind: str, claim_index: Optional[int] = None, span: Optional[Span] = None,
                   text: Optional[str] = None) -> Statement:
    terms, numbers, years, months, negated, denial = reduce_tokens(tokens, lexicon)
    not_so = set().union(*(not_what_it_is(t) for t in tokens))   # ('these were not journalists')
    negated |= not_so
    clause = _content_clause(tokens)
    if clause:
        # 'supported the thesis that the time has come to work together': the proposition is the clause
        terms = {stem(t.lemma_) for t in content_tokens(clause, lexicon)}
    terms |= _ceasefire_term(tokens)
    acts, main_acts = acts_of(tokens, lexicon)
    # evaluative modifiers ('excellent', 'very positive') carry tone, not the proposition
    evaluative = [t for t in tokens if t.pos_ in {"ADJ", "ADV"} and abs(valence(t.lower_)) >= 1.5]
    tone = {stem(t.lemma_) for t in evaluative}
    weight = sum(valence(t.lower_) * (-1 if any(c.dep_ == "neg" for c in t.children) else 1) for t in evaluative)
    terms -= tone
    preds = {stem(t.lemma_) for t in tokens if t.pos_ in {"VERB", "AUX"}}
    # what the statement predicates of its subject ('the force used was proportionate', 'the
    # response was disproportionate and unlawful'), not an attributive adjective ('an official
    # visit', 'a mutually acceptable solution'), which names a kind of thing
    predicative = {"acomp", "attr", "oprd"}
    adjs = {t.lower_ for t in tokens if t.pos_ == "ADJ"
            and (t.dep_ in predicative or t.dep_ == "conj" and t.head.dep_ in predicative)
            and not any(c.dep_ == "neg" for c in t.children) and not any(c.dep_ == "neg" for c in t.head.children)}
    if any(_salience_mark(t) for t in tokens):
        terms.add(SALIENT)  # 'the most important issue' is part of the proposition: the other side must say it too
    concrete = _is_concrete(tokens, lexicon, numbers, years, months, tone)
    doers: dict[str, set[str]] = {}
    if span is None:
        start = tokens[0].idx if tokens else 0
        end = tokens[-1].idx + len(tokens[-1].text) if tokens else 0
        span = account.span(start, end)
    return Statement(party=party, account=account.id, text=text if text is not None else span.text, span=span,
                     terms=terms, implied=implied_terms(terms), judged=_judged(tokens),
                     nouns={stem(t.lemma_) for t in content_tokens(tokens, lexicon) if t.pos_ in ("NOUN", "PROPN")}, numbers=numbers, years=years, months=months, negated=negated, denial=denial,
                     kind=kind, claim_index=claim_index, preds=preds, tone=tone, refutes=refutes(tokens),
                     polarity=(weight > 0) - (weight < 0), count_mods=_count_modifiers(tokens, numbers), count_acts=_count_acts(tokens, numbers, doers), count_doers=doers,
                     irrealis=any(t.tag_ == "MD" or t.dep_ == "aux" and t.lower_ == "to" or _committed_to(t)
                                  for t in tokens),
                     fragment=not _clause_verbs(tokens) and len(tokens) < 8 or (bool(tokens) and tokens[-1].dep_ == "prep"),
                     concrete=concrete, wish=_is_wish(tokens), occurrence=_is_occurrence(tokens, lexicon),
                     acts=acts, main_acts=main_acts, changes=changes_of(tokens),
                     not_so=not_so, adjs=adjs, main_verbs=main_verbs_of(tokens),
                     topic=_discussed(tokens, lexicon),
                     named={stem(t.lemma_) for t in content_tokens(tokens, lexicon) if t.pos_ == "PROPN"},
                     frame={_FRAME_OBJECTS[stem(t.lemma_)] for t in tokens
                            if t.pos_ == "NOUN" and stem(t.lemma_) in _FRAME_OBJECTS},
                     parts=[p - tone for p in _predicate_parts(tokens, lexicon)],
                     manner=_exchange_manner(tokens, lexicon), initiative=_says_who_asked(tokens),
                     blame=_blame(tokens, lexicon, party), rejects=_rejected_party(tokens, lexicon, party) or _wrongdoing_denied(tokens, lexicon, party),
                     asker=_asker(tokens, lexicon, party), denied_numbers=denied_numbers(tokens),
                     described=_described(tokens))


def _described(tokens: list[ParsedToken]) -> set[str]:
    """Stems of its words that have an opposite description (data opposite_descriptions), where
    neither the word nor the verb it hangs on is negated ('not guilty' is no 'guilty')."""
    opposite = claim_lexicon().descriptions
    out = set()
    for t in tokens:
        if t.pos_ in {"ADJ", "NOUN", "ADV"} and (s := stem(t.lemma_)) in opposite and not any(
                c.dep_ == "neg" for c in list(t.children) + list(t.head.children)):
            out.add(s)
    return out


def denied_numbers(tokens: list[ParsedToken]) -> set[tuple[str, float]]:
    """The figures a statement says are not so: a number whose own phrase is negated ('Not 12%,
    whatever their press office says', 'not 40 minutes but two hours'), as (counted key, value)."""
    out = set()
    for t in tokens:
        if not (t.like_num and t.dep_ in {"nummod", "quantmod"}) or t.head is t:
            continue
        head = t.head
        if any(c.dep_ == "neg" and c.i < t.i for c in list(t.children) + list(head.children)):
            val = _number_value(t)
            if val is not None:
                out.add((count_key(head.lemma_), val))
    return out


_LIGHT_DEPS = frozenset({"dobj", "attr", "xcomp", "acl", "nsubj", "nsubjpass", "conj", "ccomp"})


def _carries_clause(tok: ParsedToken, inside: set[int]) -> bool:
    """The word is what the clause is about: its root, or reached from the root through verbs and
    nouns that add no content ('had a candid exchange', 'welcomed the opportunity to speak')."""
    light = claim_lexicon().light
    node = tok
    for _ in range(8):
        if node.head.i == node.i or node.head.i not in inside:
            return True
        if node.dep_ not in _LIGHT_DEPS:
            return False
        node = node.head
        if node.lemma_.lower() not in light and node.lemma_.lower() not in REPORTING_VERBS:
            return False
    return False


def _exchange_manner(tokens: list[ParsedToken], lexicon: PartyLexicon) -> set[str]:
    """Words characterising the exchange itself: adjectives of an exchange noun ('a candid
    communication', 'full and in-depth exchanges') and -ly adverbs of an exchange verb ('spoke
    candidly and straightforwardly'), with their conjuncts; not when or by what means it was held,
    and not of an exchange on a named subject ('a frank exchange on Ukraine' says what was discussed)."""
    lex = claim_lexicon()
    inside = {t.i for t in tokens}
    out: set[str] = set()
    for head in tokens:
        lemma = head.lemma_.lower()
        atmosphere = lemma in lex.atmosphere and head.pos_ == "NOUN" and head.dep_ == "pobj" \
            and head.head.lower_ == "in"   # 'took place in a warm and constructive atmosphere'
        # 'the talks were frank and constructive', 'hopes that the discussion would be candid': said
        # of the exchange itself wherever the clause stands
        predicated = head.pos_ == "NOUN" and head.dep_ == "nsubj" and head.head.lemma_ == "be" and \
            any(c.dep_ == "acomp" and c.pos_ == "ADJ" for c in head.head.children)
        if not atmosphere and (lemma not in lex.exchange or head.pos_ not in {"NOUN", "VERB"}
                               or not (predicated or _carries_clause(head, inside))):
            continue
        if any(t.pos_ == "PROPN" for t in content_tokens([t for t in head.subtree if t.i in inside], lexicon)):
            continue
        if head.pos_ == "NOUN" and head.tag_ == "NNS" and not atmosphere and not (
                head.dep_ == "dobj" and head.head.lemma_.lower() in OCCURRENCE_VERBS
                and not any(c.dep_ == "prep" and c.lower_ in _TOPIC_PREPS for c in head.children)):
            continue   # 'cultural exchanges', 'possible peace talks': things exchanged, negotiations
                       # (but 'held frank talks' is the exchange itself, unless it names a subject)
        if head.pos_ == "NOUN":
            mods = [c for c in head.children if c.dep_ in {"amod", "compound"} and c.pos_ in {"ADJ", "NOUN"}]
            if head.dep_ == "nsubj" and head.head.lemma_ == "be":   # 'the talks were frank and constructive'
                mods += [c for c in head.head.children if c.dep_ == "acomp" and c.pos_ == "ADJ"]
        else:
            mods = [c for c in head.children if c.dep_ == "advmod" and c.pos_ == "ADV" and c.lower_.endswith("ly")]
        mods += [cj for m in mods for cj in m.conjuncts]
        for m in mods:
            word = m.lemma_.lower()
            if m.i not in inside or word in lex.circumstance or m.ent_type_ in {"DATE", "TIME"}:
                continue
            if m.pos_ == "NOUN" and not any(c.text == "-" for c in m.children) and m.i > 0 and \
                    m.doc[m.i - 1].text != "-":
                continue   # a noun compound ('phone call', 'trade talks') names a kind, not a manner
            out.add(stem(word))
    return out


def _clause_verbs(tokens: list[ParsedToken]) -> list[ParsedToken]:
    """The verbs that head a clause: not a participle modifying a noun ('self-ruled Taiwan', 'the
    proposed visit'), which leaves a noun phrase a noun phrase."""
    return [t for t in tokens if t.pos_ in {"VERB", "AUX"} and t.dep_ not in {"amod", "compound", "nmod"}]


def _says_who_asked(tokens: list[ParsedToken]) -> bool:
    """'... spoke by telephone with Y at the request of the latter', 'at her request', 'on the
    initiative of the Norland side': the statement says who asked for the event, a proposition of
    its own (the other side may not say it). Who is named as asking is `Statement.asker` (_asker)."""
    nouns = claim_lexicon().initiative
    return any(t.lemma_.lower() in nouns and t.dep_ == "pobj" and t.head.lower_ in {"at", "on", "upon"}
               for t in tokens)


def _asker(tokens: list[ParsedToken], lexicon: PartyLexicon, own: Optional[str]) -> Optional[str]:
    """The party the statement names as having asked for or begun it: 'at the request of the
    latter' (the last party named before it; 'the former', the first), 'at Norland's request', 'on
    the initiative of the Castavian side', 'the initiative for the exchange came from Norland'."""
    nouns = claim_lexicon().initiative
    inside = {t.i for t in tokens}
    for t in tokens:
        if t.lemma_.lower() not in nouns:
            continue
        holders = [c for c in t.children if c.dep_ == "poss"]
        holders += [o for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]
        if t.dep_ == "nsubj" and t.head.lemma_ == "come":   # 'the initiative came from X'
            holders += [o for c in t.head.children if c.dep_ == "prep" and c.lower_ == "from"
                        for o in c.children if o.dep_ == "pobj"]
        for h in holders:
            if h.i not in inside:
                continue
            if h.lower_ in {"latter", "former"}:
                named = [p for x in tokens if x.i < t.i and x.i != h.i for p in [_party_of_phrase(x, {x.i}, lexicon, own)] if p]
                if named:
                    return named[-1] if h.lower_ == "latter" else named[0]
                continue
            p = _party_of_phrase(h, inside, lexicon, own)
            if p:
                return p
    return None


def _content_clause(tokens: list[ParsedToken]) -> list[ParsedToken]:
    """The clause a noun of the main clause holds as its content ('the idea that ...', 'one of
    the theses that ...'), where the main clause only frames it; [] when there is none."""
    inside = {t.i for t in tokens}
    for t in tokens:
        if t.pos_ != "NOUN" or not _carries_clause(t, inside) and t.dep_ != "pobj":
            continue
        for c in t.children:
            if c.dep_ in {"acl", "relcl", "ccomp"} and c.i in inside and \
                    any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
                return [x for x in c.subtree if x.i in inside]
    return []


def _predicate_parts(tokens: list[ParsedToken], lexicon: PartyLexicon) -> list[set[str]]:
    """'Putin agreed to work together with Trump and expressed readiness to negotiate peace':
    conjoined predicates of the main clause are propositions of their own. The terms of each: a
    conjoined verb's subtree (without further conjuncts), and for the first, what is left."""
    roots = clause_roots(tokens)
    if len(roots) != 1 or roots[0].pos_ not in {"VERB", "AUX"}:
        return []
    spine, node = [roots[0]], roots[0]
    while True:   # the main verb and the verbs it takes as complements ('agreed to work ...')
        nxt = [c for c in node.children if c.dep_ in {"xcomp", "ccomp"} and c.pos_ in {"VERB", "AUX"}]
        if not nxt:
            break
        node = nxt[0]
        spine.append(node)
    conj = [c for v in spine for c in v.children if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"}]
    if not conj:
        return []
    ids = {t.i for t in tokens}
    subtrees = [{t.i for t in c.subtree} for c in conj]
    parts = []
    for k, sub in enumerate(subtrees):
        inner = set().union(*(s2 for j, s2 in enumerate(subtrees) if j != k and s2 < sub)) if len(subtrees) > 1 else set()
        parts.append([t for t in tokens if t.i in sub - inner])
    taken = set().union(*subtrees)
    parts.insert(0, [t for t in tokens if t.i in ids - taken])
    out = [{stem(t.lemma_) for t in content_tokens(p, lexicon)} for p in parts]
    out = [p for p in out if p]
    return out if len(out) >= 2 else []


# What an evaluation of the event is about: the event itself, or the relationship between the parties.
_FRAME_OBJECTS = {stem(w): kind for kind, words in (("event", "call conversation talk meeting summit discussion exchange"),
                                                    ("relation", "relation relationship tie"))
                  for w in words.split()}


def subject_heads(verb: ParsedToken) -> list[ParsedToken]:
    """The heads of a verb's subjects, in order: 'A and B agreed' gives A and B (B a conjunct of A,
    or read by the parser as a second subject of the verb)."""
    subj = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return list({x.i: x for s in subj for x in [s, *s.conjuncts]}.values())


def clause_roots(tokens: list[ParsedToken]) -> list[ParsedToken]:
    """The heads of a claim's words: those whose syntactic head lies outside the claim (or is
    themselves). For a claim excerpt these are its roots; for a claim read inside its whole
    sentence ('the Kremlin reported that [the two leaders spoke about ...]') the main verb of the
    claim, not of the sentence."""
    ids = {t.i for t in tokens}
    return [t for t in tokens if t.head.i == t.i or t.head.i not in ids]


def discussed_items(tokens: list[ParsedToken], lexicon: PartyLexicon) -> list[list[ParsedToken]]:
    """The subjects a discussion claim lists ('discussed the Middle East, energy, artificial
    intelligence and the dollar'; 'the subjects of the Middle East settlement, the Iranian nuclear
    program and economic relations were touched upon'), each item's tokens; [] when it lists fewer
    than three. Generic items ('other key topics') are left out. A pair is one subject more often
    than an agenda ('the war in Ukraine and possible peace talks', 'the strengths of our nations
    and the benefit of working together'): split, each half is weaker than the whole."""
    lex = claim_lexicon()
    roots = clause_roots(tokens)
    if len(roots) != 1 or roots[0].pos_ != "VERB":
        return []
    root = roots[0]
    ids = {t.i for t in tokens}
    if root.lemma_.lower() in lex.discussion | lex.inclusion:
        objects = [c for c in root.children if c.dep_ in {"dobj", "nsubjpass"}]
        objects += [g for c in root.children if c.dep_ == "prep" and c.lower_ in _TOPIC_PREPS | {"upon"}
                    for g in c.children if g.dep_ == "pobj"]
    else:
        objects = _exchange_topics(root, lex)   # 'held frank talks on trade, energy and security'
    if not objects:
        return []
    first = objects[0]
    if first.lemma_.lower() in lex.topic_nouns:   # 'the subjects of X, Y and Z'
        inner = [g for c in first.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                 if g.dep_ == "pobj"]
        if not inner:
            return []
        first = inner[0]
    heads = [first] + [c for c in first.conjuncts]
    for h in heads:   # 'X, Y, as well as Z' (or 'X, Y and Z') is often parsed with Y in apposition to X, Z its conjunct
        heads += [x for a in h.children if a.dep_ == "appos" for x in [a, *a.conjuncts] if x not in heads]
    heads.sort(key=lambda t: t.i)
    if len(heads) < 2:
        return []
    items = []
    for h in heads:
        span = []
        for t in h.subtree:
            path, node = [], t
            while node.i != h.i:
                path.append(node)
                node = node.head
            if t.i not in ids or any(n.dep_ in {"conj", "cc", "preconj", "appos"} or
                                     (n.dep_ == "punct" and n.text not in {"-", "\u2013"}) for n in path):
                continue
            span.append(t)
        span.sort(key=lambda t: t.i)
        run = span[:1]
        for t in span[1:]:   # the contiguous words of the item, up to the first left out
            if t.i != run[-1].i + 1:
                break
            run.append(t)
        while run and (run[-1].is_punct or run[-1].dep_ == "cc"):
            run.pop()
        if not run or h.lemma_.lower() in lex.topic_nouns:
            continue
        if not content_tokens(run, lexicon):   # 'other issues', 'the phone call': frame words only
            continue
        items.append(run)
    return items if len(items) >= 3 else []


def _exchange_topics(root: ParsedToken, lex: "ClaimLexicon") -> list[ParsedToken]:
    """'continued a detailed and frank exchange of views on the situation around Ukraine', 'held
    talks on trade': a light verb carrying a noun of the exchange (no clause of its own under it),
    whose topic phrase is what came up; the heads of those topic phrases, else []."""
    noun = next((c for c in root.children if c.dep_ == "dobj" and c.lemma_.lower() in lex.exchange), None)
    if root.lemma_.lower() not in lex.light or noun is None or any(
            c.dep_ in {"ccomp", "xcomp", "advcl"} for c in root.children):
        return []
    heads = [noun] + [g for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
                      for g in p.children if g.dep_ == "pobj" and g.lemma_.lower() in {"view", "opinion"}]
    return [g for h in heads for p in h.children if p.dep_ == "prep" and p.lower_ in _TOPIC_PREPS
            for g in p.children if g.dep_ == "pobj"]


def _discussed(tokens: list[ParsedToken], lexicon: PartyLexicon) -> Optional[set[str]]:
    """The terms of what a discussion claim says came up, or None for any other claim: the main
    verb is one of discussing ('the two presidents discussed the situation in Ukraine', 'the topic
    of a settlement was also discussed', 'the leaders exchanged views on trade') and the claim says
    nothing more (no clause of its own under the verb)."""
    lex = claim_lexicon()
    roots = clause_roots(tokens)
    if len(roots) != 1:
        return None
    root = roots[0]
    if root.pos_ != "VERB" or any(c.dep_ == "neg" for c in root.children):
        return None   # ('its jet never touched the drone', 'did not discuss X': no subject came up)
    if root.lemma_.lower() in lex.discussion_by_prep and not any(
            c.dep_ == "prep" and c.lower_ in {"on", "upon"} for c in root.children):
        return None   # 'touched on trade' discusses it, 'touched the drone' does not
    objects: list[ParsedToken] = []
    if root.lemma_.lower() not in lex.discussion:
        objects = _exchange_topics(root, lex)
        noun = next((c for c in root.children if c.dep_ == "dobj"), None)
        if not objects or noun is not None and any(c.dep_ == "amod" for c in noun.children):
            return None   # ('a detailed and frank exchange of views on X': how it went is said too)
    for c in root.children if not objects else ():
        if c.dep_ in {"ccomp", "xcomp", "advcl"}:
            return None
        if c.dep_ in {"dobj", "nsubjpass"}:
            objects.append(c)
        elif c.dep_ == "prep" and c.lower_ in _TOPIC_PREPS | {"upon"}:
            objects += [g for g in c.children if g.dep_ == "pobj"]
    if not objects:
        return None
    what: list[ParsedToken] = []
    for o in objects:
        sub = list(o.subtree)
        if o.lemma_.lower() in lex.topic_nouns or o.lemma_.lower() in {"view", "opinion"}:
            sub = [t for t in sub if t.i != o.i]   # 'the topic of X', 'views on X': X is the subject
        elif o.lemma_.lower() in lex.light and any(c.dep_ == "acl" and c.pos_ == "VERB" for c in o.children):
            sub = [t for t in sub if t.i != o.i]   # 'opportunities to meet': the meeting is the subject
        what += sub
    terms = {stem(t.lemma_) for t in content_tokens(what, lexicon)} - {stem(w) for w in lex.topic_nouns}
    return terms or None


_PEOPLE = _WORDS["people"]
_SAME_PEOPLE = _PEOPLE.words("nationality")


def count_key(lemma: str) -> str:
    """The key a count of this noun is filed under: its stem, one key for the lemmas that count the
    same people ('nationals', 'citizens')."""
    return stem(_SAME_PEOPLE[0]) if lemma.lower() in _SAME_PEOPLE else stem(lemma)


#: keys of counts of people of any kind ('people', 'persons') and of people by a role ('customers')
PEOPLE_GENERAL = frozenset(count_key(w) for w in _PEOPLE.words("general"))
_PEOPLE_KEY = count_key(_PEOPLE.words("general")[0])
PEOPLE_ROLES = frozenset(count_key(w) for w in _PEOPLE.words("roles") + _SAME_PEOPLE)

JOINT_COUNTS = frozenset(stem(w) for w in "side leader country nation government party delegation president minister head".split())


def _is_concrete(tokens: list[ParsedToken], lexicon: PartyLexicon, numbers, years, months, tone) -> bool:
    """Does the statement name something one side could leave out: a number, a date, or a noun
    that is neither a party, a frame word of the event, an evaluation nor an abstract noun of
    relations ('mutual respect', 'a very good relationship')?"""
    if years or months or any(k not in JOINT_COUNTS for k in numbers):
        return True
    abstract = claim_lexicon().abstract
    if _characterises_parties(tokens, lexicon, abstract):
        return False
    if _prescribes(tokens, lexicon) or _conduct_of_a_party(tokens, lexicon):
        return True
    acts = claim_lexicon().act_stems
    for t in content_tokens(tokens, lexicon):
        if t.pos_ == "VERB" and spelled_stem(t.lemma_) in acts:
            return True   # 'opportunities to meet': an act the lexicon names, which one side could leave out
        if t.pos_ not in {"NOUN", "PROPN"}:
            continue
        key = spelled_stem(t.lemma_)
        if key in abstract or stem(t.lemma_) in tone:
            continue
        if abs(valence(t.lower_)) >= 1.5 and stem(t.lemma_) not in acts:
            continue   # ('a success', 'a disaster'; not 'the attackers', who did an act the lexicon names)
        return True
    return False


def _conduct_of_a_party(tokens: list[ParsedToken], lexicon: PartyLexicon) -> bool:
    """'The Pellandrian Coast Guard acted in a professional, restrained and standard manner',
    'Castavian officers behaved responsibly': how one party's people conducted themselves (a verb
    with no object, the party as its subject, and how it was done) is a proposition about what
    happened, which the other side can tell otherwise, not an evaluation of the event."""
    for root in clause_roots(tokens):
        lemma = root.lemma_.lower()
        if root.pos_ != "VERB" or lemma in FRAME_WORDS or lemma in REPORTING_VERBS or lemma in claim_lexicon().light:
            continue
        kids = list(root.children)
        if any(c.dep_ in {"dobj", "ccomp", "xcomp", "attr", "acomp"} for c in kids):
            continue
        subj = next((c for c in kids if c.dep_ == "nsubj"), None)
        if subj is None or not (lexicon.is_party_word(subj.text) or lexicon.in_party_name(subj)
                                or any(lexicon.is_party_word(x.text) for x in subj.children)):
            continue
        manner = any(c.dep_ == "advmod" and c.lower_.endswith("ly") for c in kids) or any(
            c.dep_ == "prep" and any(o.dep_ == "pobj" and (o.lemma_.lower() == "manner" or abs(valence(o.lower_)) >= 1.5)
                                     for o in c.children) for c in kids)
        if manner:
            return True
    return False


def _prescribes(tokens: list[ParsedToken], lexicon: PartyLexicon) -> bool:
    """'China and the United States should respect each other, coexist peacefully and cooperate':
    a modal of obligation over verbs of what the parties are to do is a position one side may hold
    and the other leave out, whatever its nouns."""
    lex = claim_lexicon()
    content = {t.i for t in content_tokens(tokens, lexicon)}
    for t in tokens:
        if t.tag_ == "MD" and t.lower_ in lex.obligation and t.head.pos_ == "VERB" and t.head.i in content \
                and t.head.lemma_.lower() not in lex.light:
            return True
    return False


def _characterises_parties(tokens: list[ParsedToken], lexicon: PartyLexicon, abstract: frozenset[str]) -> bool:
    """'Norland and Castavia are neighbours first', 'the relationship is an extremely good one',
    'Norland and Castavia share a river and a long history': a copula (or 'share', 'have') whose subject is the parties themselves or their relationship says what they are to
    each other, not what either did."""
    roots = clause_roots(tokens)
    if len(roots) != 1 or roots[0].lemma_.lower() not in claim_lexicon().being or roots[0].tag_ not in {"VBZ", "VBP", "VBD"}:
        return False   # 'urged the US to be prudent on arms sales' is no copula of what the parties are
    subj = [c for c in roots[0].children if c.dep_ == "nsubj"]
    if not subj:
        return False
    heads = [subj[0]] + list(subj[0].conjuncts)
    return all(lexicon.is_party_word(h.text) or h.lemma_.lower() in FRAME_WORDS
               or spelled_stem(h.lemma_) in abstract for h in heads)


def _is_wish(tokens: list[ParsedToken]) -> bool:
    """A hope, wish or readiness heads the statement: 'he was willing to work with you ...',
    'X hopes to ...', 'both sides look forward to ...'."""
    wish = claim_lexicon().wish
    top = {t.i for t in clause_roots(tokens)}
    for t in tokens:
        lemma = t.lemma_.lower()
        if lemma == "look" and any(c.lower_ == "forward" for c in t.children):
            lemma = "look forward"
        elif lemma not in wish and _snowball(t.lower_) not in wish:
            continue
        # the wish governs the rest of the statement: the root, or the predicate of the root
        if t.i in top or t.head.i in top and t.dep_ in {"acomp", "xcomp", "ccomp", "attr"} \
                or lemma == "look forward" or t.i == tokens[0].i:
            return True
    return False


_BLAME = _WORDS["blame"]
_HOSTILE_ACTS = frozenset(_BLAME.words("hostile_acts"))
_BLAME_WORDS = frozenset(_BLAME.words("blame_words"))
_ACT_PREPS = frozenset(_BLAME.words("act_preps"))
_FIRST_PERSON = frozenset({"we", "our", "us", "ours"})


def _party_of_phrase(head: ParsedToken, inside: set[int], lexicon: PartyLexicon, own: Optional[str]) -> Optional[str]:
    """The one party a noun phrase names or belongs to ('the Merovian ship', 'Pellandrian Coast
    Guard vessel 5203', 'our ship' in a party's own words), else None."""
    found = set()
    for t in head.subtree:
        if t.i not in inside or t.dep_ in {"relcl", "acl"}:
            continue
        if t.lower_ in _FIRST_PERSON and own:
            found.add(own)
        else:
            named = lexicon.parties_of_token(t)   # (a word in both parties' names, 'Coast Guard', tells neither)
            if len(named) == 1:
                found.add(named[0])
    return found.pop() if len(found) == 1 else None


def _blame(tokens: list[ParsedToken], lexicon: PartyLexicon, own: Optional[str]) -> set:
    """Who the statement says did a hostile act to the other side ('was rammed by Pellandrian vessel
    5203' -> (act, Pellandria); 'the Merovian ship veered into the bow of vessel 5203' -> (act,
    Merovia)) or bears the blame ('the responsibility lies entirely with Merovia'): (kind, party)
    pairs, only where the act's target is not the doer's own."""
    inside = {t.i for t in tokens}
    out = set()
    for t in tokens:
        lemma = t.lemma_.lower()
        if t.pos_ == "VERB" and lemma in _HOSTILE_ACTS and not any(c.dep_ == "neg" for c in t.children):
            kids = [c for c in t.children if c.i in inside]
            passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in kids)
            doers = ([o for c in kids if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"] if passive
                     else [c for c in kids if c.dep_ == "nsubj"])
            targets = [c for c in kids if c.dep_ in ({"nsubjpass"} if passive else {"dobj"})]
            targets += [o for c in kids if c.dep_ == "prep" and c.lower_ in _ACT_PREPS
                        for o in c.children if o.dep_ == "pobj"]
            doer = next((p for d in doers if (p := _party_of_phrase(d, inside, lexicon, own))), None)
            target = next((p for d in targets if (p := _party_of_phrase(d, inside, lexicon, own))), None)
            if doer and target != doer:
                out.add(("act", doer))
        elif lemma in _BLAME_WORDS and t.pos_ in {"NOUN", "ADJ"}:
            # 'lies with X', 'X bears the responsibility', 'X is responsible', 'X is to blame'
            verb = t.head if t.head.i in inside else None
            if verb is None:
                continue
            holders = [o for c in verb.children if c.dep_ == "prep" and c.lower_ in {"with", "on", "upon"}
                       for o in c.children if o.dep_ == "pobj"] if verb.lemma_ in {"lie", "rest", "fall"} else \
                [c for c in verb.children if c.dep_ == "nsubj" and c.i != t.i]
            party = next((p for h in holders if h.i in inside and (p := _party_of_phrase(h, inside, lexicon, own))), None)
            if party and not any(c.dep_ == "neg" for c in verb.children):
                out.add(("responsibility", party))
    return out


_REJECTION_VERBS = frozenset(_WORDS["speech"].words("rejection_verbs"))
_FINDING_NOUNS = frozenset(_WORDS["speech"].words("finding_nouns"))
_WRONGDOING = frozenset(_WORDS["blame"].words("wrongdoing_words"))
_SELF_SUBJECTS = frozenset({"we", "i", "it", "they", "he", "she"})


def _wrongdoing_denied(tokens: list[ParsedToken], lexicon: PartyLexicon, own: Optional[str]) -> Optional[str]:
    """The other party, where the statement denies wrongdoing of its own side ('We did nothing
    wrong', 'the company denies any wrongdoing', 'we did not act unlawfully') in a case of exactly
    two parties: that rejects what the other side concluded. Not where the subject names the other
    party ('Norland did nothing wrong' is no denial of one's own)."""
    others = [p for p in lexicon.words if p != own]
    if own is None or own not in lexicon.words or len(others) != 1:
        return None
    for t in tokens:
        if t.lemma_.lower() not in _WRONGDOING and t.lower_ not in _WRONGDOING:
            continue
        node = t.head if t.dep_ in {"amod", "advmod"} and t.head.lower_ in NEGATIVE_PRONOUNS | {"anything", "any"} else t
        verb = node.head if node.dep_ in {"dobj", "attr", "amod", "advmod", "acomp", "pobj"} else None
        if verb is None or verb.pos_ not in {"VERB", "AUX"}:
            continue
        negated = node.lower_ in NEGATIVE_PRONOUNS or verb.lemma_.lower() in _REJECTION_VERBS \
            or any(c.dep_ == "neg" or (c.dep_ in {"dobj", "attr"} and c.lower_ in NEGATIVE_PRONOUNS)
                   for c in verb.children)
        if not negated:
            continue
        subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        named = {lexicon.party_of_token(x) for x in subj.subtree} - {None} if subj is not None else set()
        if subj is None or subj.lower_ in _SELF_SUBJECTS or named <= {own}:
            return others[0]
    return None


def _rejected_party(tokens: list[ParsedToken], lexicon: PartyLexicon, own: Optional[str]) -> Optional[str]:
    """The other party whose conclusions the statement rejects: a rejection verb whose object (or
    its 'with' complement) is a noun of findings belonging to a party ('the Commission's findings'),
    or to 'its'/'their' where the statement names exactly one other party ('We respect the role of
    the Commission, but we firmly disagree with its conclusions')."""
    inside = {t.i for t in tokens}
    named = {p for t in tokens for p in [lexicon.party_of_token(t)] if p and p != own}
    for t in tokens:
        if t.pos_ != "VERB" or t.lemma_.lower() not in _REJECTION_VERBS or any(c.dep_ == "neg" for c in t.children):
            continue
        objs = [c for c in t.children if c.dep_ == "dobj"]
        objs += [o for c in t.children if c.dep_ == "prep" and c.lower_ == "with" for o in c.children if o.dep_ == "pobj"]
        for o in objs:
            if o.i not in inside or o.lemma_.lower() not in _FINDING_NOUNS:
                continue
            owner = _party_of_phrase(o, inside, lexicon, None)
            if owner is None and any(c.dep_ == "poss" and c.lower_ in {"its", "their"} for c in o.children) \
                    and len(named) == 1:
                owner = next(iter(named))
            if owner and owner != own:
                return owner
    return None


def governed_by_wish(doc: ParsedDoc, start: int, end: int) -> bool:
    """Is the text at [start, end) the complement of a wish word outside it ('willing to “work with
    you to steer the giant ship ...”': the quote is a readiness, not an act)?"""
    wish = claim_lexicon().wish
    inner = doc.tokens_in(start, end)
    ids = {t.i for t in inner}
    return any(t.head.i not in ids and t.dep_ in {"xcomp", "ccomp"}
               and (t.head.lemma_.lower() in wish or _snowball(t.head.lower_) in wish) for t in inner)


def _is_means(prep: ParsedToken) -> bool:
    """'on the phone', 'over a video link': by what means the exchange was held, not its subject."""
    lex = claim_lexicon()
    return any(g.dep_ == "pobj" and (g.lemma_.lower() in lex.circumstance or g.lemma_.lower() in lex.exchange
                                     or g.lemma_.lower() in lex.means)
               for g in prep.children)


def _is_when(prep: ParsedToken) -> bool:
    """'on the 18th', 'on Tuesday': a date, not a topic."""
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objs) and all(o.ent_type_ in {"DATE", "TIME"} or o.like_num or o.lower_ in MONTHS
                              or re.fullmatch(r"\d+(st|nd|rd|th)", o.lower_) for o in objs)


OCCURRENCE_VERBS = frozenset(_WORDS["event"].words("occurrence_verbs"))
HOSTING_VERBS = frozenset(_WORDS["event"].words("hosting_verbs"))
LIGHT_OCCURRENCE_VERBS = frozenset(_WORDS["event"].words("light_occurrence_verbs"))
_EVENT_NOUNS = frozenset(_WORDS["event"].words("occurrence_nouns"))
_TOPIC_PREPS = frozenset("on about over regarding concerning".split())


def _takes_a_side(prep: ParsedToken) -> bool:
    """'for', 'against' (not of a time: 'for an hour'), 'in favour of', 'in support of': what follows
    is what the speaker argued for, not when or how the exchange took place."""
    lex = claim_lexicon()
    if prep.lower_ in lex.side_preps:
        return not _is_when(prep) and not any(o.ent_type_ in {"DATE", "TIME"} for o in prep.children)
    return any(o.dep_ == "pobj" and o.lemma_.lower() in lex.side_nouns for o in prep.children)


def _a_person(t: ParsedToken) -> bool:
    """A named person, or a title with a name in apposition ('the Minister ..., Teodor Brask')."""
    return t.ent_type_ == "PERSON" or t.pos_ == "PROPN" and t.text[:1].isupper() or any(
        c.dep_ == "appos" and (c.ent_type_ == "PERSON" or c.pos_ == "PROPN") for c in t.children)


def _is_occurrence(tokens: list[ParsedToken], lexicon: PartyLexicon) -> bool:
    """'The talks were held in the capital on the 18th', 'X spoke by telephone with Y': the main
    clause only says the event took place (occurrence verb, the event or the participants as
    arguments, no topic phrase or clause)."""
    roots = clause_roots(tokens)
    if len(roots) != 1:
        return False
    root = roots[0]
    lemma = root.lemma_.lower()
    # a host receiving a named visitor (another object is a misparsed apposition: 'the first by ...')
    hosting = lemma in HOSTING_VERBS and any(c.dep_ == "dobj" and _a_person(c) for c in root.children)
    if lemma in LIGHT_OCCURRENCE_VERBS:
        if not any(c.dep_ == "dobj" and c.lemma_.lower() in _EVENT_NOUNS for c in root.children):
            return False   # 'will not pay the attackers'
    elif lemma not in OCCURRENCE_VERBS and not hosting or (lemma == "take" and not any(c.lower_ == "place" for c in root.children)):
        return False
    if any(c.dep_ == "aux" and (c.tag_ == "MD" or c.lower_ == "to") for c in root.children) or \
            any(c.lower_ in ("again", "next") for c in root.subtree):
        return False   # 'the two sides will meet again on October 1': a meeting to come, not this one
    for c in root.children:
        if c.dep_ in {"ccomp", "xcomp", "advcl"}:
            return False
        if c.dep_ == "prep" and c.lower_ in _TOPIC_PREPS and not _is_when(c) and not _is_means(c):
            return False
        if c.dep_ == "prep" and _takes_a_side(c):
            return False   # 'spoke in favour of a swift ceasefire', 'spoke against sanctions': a position
        if c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() not in _EVENT_NOUNS and not lexicon.is_party_word(c.text) \
                and not hosting:
            return False
        if c.dep_ == "dobj" and not hosting:   # ('received the Minister of Foreign Affairs of ...': who, not what)
            if any(g.dep_ == "prep" and g.lower_ in _TOPIC_PREPS for g in c.children):
                return False
    return True


SALIENT = "<salient>"
_SALIENCE_ADJS = frozenset(_WORDS["topics"].words("salience_adjectives"))


def _salience_mark(t: ParsedToken) -> bool:
    """A superlative or priority marker on a noun: 'most important issue', 'top priority', 'biggest'."""
    if t.pos_ != "ADJ" or t.dep_ not in {"amod", "acomp", "attr"}:
        return False
    return t.tag_ == "JJS" and t.lower_ not in {"least", "latest"} or \
        (t.lower_ in _SALIENCE_ADJS and any(c.lower_ == "most" for c in t.children)) or t.lower_ in {"top", "paramount"}


@lru_cache(maxsize=1)
def _vader_lexicon() -> dict[str, float]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    return SentimentIntensityAnalyzer().lexicon


@lru_cache(maxsize=None)
def valence(word: str) -> float:
    """VADER's valence of a word, else of the word it is made from: an adverb of its adjective
    ('professionally' -> professional), a word of its opposite with a negating prefix taken off or
    put on ('unsafe' against 'safe', 'professional' against 'unprofessional'), reversed. 0 when
    none of these is in the lexicon."""
    lex = _vader_lexicon()
    if word in lex:
        return lex[word]
    for p in _PLAIN_NEGATING_PREFIXES:
        if word.startswith(p) and len(word) - len(p) >= 4 and word[len(p):] in lex:
            return -lex[word[len(p):]]   # ('unsafe', 'untrue')
    base = word[:-2] if word.endswith("ly") else word
    if not base.endswith(_ADJECTIVE_ENDINGS) or base.endswith("ment") or len(base) < 5:
        return 0.0   # (only adjectives: 'stably' is no 'stab', 'press' no 'depress', 'may' no 'dismay')
    if base != word and base in lex:
        return lex[base]
    for p in NEGATING_PREFIXES:
        if p + base in lex:
            return -lex[p + base]
    return 0.0


_PLAIN_NEGATING_PREFIXES = tuple(sorted(_WORDS["speech"].words("plain_negating_prefixes"), key=len, reverse=True))
_ADJECTIVE_ENDINGS = tuple(_WORDS["speech"].words("adjective_endings"))


def doc_text(doc: ParsedDoc) -> str:
    """The parsed account's text."""
    return doc.text


def tokens_in(doc: ParsedDoc, start: int, end: int) -> list[ParsedToken]:
    """The tokens lying wholly inside [start, end) (found by bisection in the parse's offsets)."""
    return doc.tokens_in(start, end)


def parse_of(analysis) -> ParsedDoc:
    """The account's parse from the analysis stage (`AccountAnalysis.parsed`): each account is
    parsed once per run, and compare parses nothing."""
    parsed = getattr(analysis, "parsed", None)
    if parsed is None or parsed.text != analysis.account.text:
        raise ValueError(f"account {analysis.account.id!r} has no parse of its text: the compare stage works "
                         "on the analysis stage's (AccountAnalysis.parsed)")
    return parsed


def statement_tokens(doc: ParsedDoc, account: Account, start: int, end: int, text: str) -> list[ParsedToken]:
    """The tokens of a claim or quote, from the account's parse: those of its text where it lies
    inside [start, end) (a claim's evidence may hold more: 'that ' before a reported clause),
    else those of [start, end). An excerpt of the parse (`ParsedDoc.excerpt`): the words keep the
    labels of their context, and the word whose head lies outside is the statement's root."""
    i = account.text.find(text, start, end) if text else -1
    if i >= 0:
        start, end = i, i + len(text)
    return list(doc.excerpt(start, end))


def locate(text: str, account: Account, near: Optional[Span] = None) -> Optional[tuple[int, int]]:
    """Offsets of `text` in the account, preferring an occurrence inside `near`."""
    if not text:
        return None
    if near is not None and near.account == account.id:
        i = account.text.find(text, near.start, max(near.end, near.start + len(text)))
        if i >= 0:
            return i, i + len(text)
    i = account.text.find(text)
    return (i, i + len(text)) if i >= 0 else None


def sentence_of(doc: ParsedDoc, start: int, end: int) -> Optional[ParsedSpan]:
    for s in doc.sents:
        if s.start_char <= start < s.end_char:
            return s
    return None
