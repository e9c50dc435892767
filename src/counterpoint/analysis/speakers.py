"""Who a source phrase denotes: proper names completed within the account ("Kim" -> "Patricia Kim"),
pronouns resolved to the latest fitting speaker or mention, role descriptions ("the Chinese
leader", "his U.S. counterpart") matched to a person of that country and role, and documents
("the readout", "the Kremlin's statement") resolved to whoever issued them."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional

from spacy.tokens import Doc, Token

from counterpoint.analysis import kb as kbase
from counterpoint.analysis import lexicon
from counterpoint.analysis.datelines import dateline_spans
from counterpoint.analysis.docindex import index_of

PERSONAL_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "i", "me", "you"}
MALE_PRONOUNS = {"he", "him", "his", "himself"}
FEMALE_PRONOUNS = {"she", "her", "hers", "herself"}
MALE_TITLES = {"mr", "mr."}
FEMALE_TITLES = {"mrs", "mrs.", "ms", "ms.", "miss"}
GROUP_PRONOUNS = {"it", "they", "them", "its", "their", "we", "us", "our"}
# Words that as a subject stand for both parties together ('Both say ...').
JOINT_PRONOUNS = {"both"}
RELATIVE = {"who", "that", "which", "whom"}
# The words of speakers live in data/speakers.yaml (checked by `lexicon`): titles, leader, role and
# office nouns (family `people`), document, organisation, government and media nouns and outlet names
# (family `issuers`).
_PEOPLE = lexicon.speakers()["people"]
_ISSUERS = lexicon.speakers()["issuers"]
TITLES = set(_PEOPLE.words("titles"))
LEADER_WORDS = set(_PEOPLE.words("leaders"))
ROLE_WORDS = LEADER_WORDS | set(_PEOPLE.words("roles"))
DOC_NOUNS = set(_ISSUERS.words("documents"))
ORG_NOUNS = set(_ISSUERS.words("organisations"))
COMMON_HEADS = set()  # filled below: ROLE_WORDS | ORG_NOUNS | DOC_NOUNS, lower case only
MEDIA_WORDS = set(_ISSUERS.words("media_words"))
# Well-known news outlets: "told Al Jazeera" names a channel, "told Trump" an addressee.
MEDIA_OUTLETS = set(_ISSUERS.words("media_outlets"))

COMMON_HEADS |= ROLE_WORDS | {w for w in ORG_NOUNS if " " not in w} | DOC_NOUNS | {"minister"}


@dataclass
class Speaker:
    name: str
    kind: str = "unknown"  # person | organization | media | document | group | government | unknown
    country: Optional[str] = None
    role: Optional[str] = None
    via: str = "name"  # name | pronoun | role | document | heading | description
    surface: str = ""


@dataclass
class History:
    """What the account has named so far, for pronouns and definite descriptions."""

    items: list[tuple[int, Speaker]] = field(default_factory=list)  # (char offset, speaker), sorted
    speakers: list[tuple[int, Speaker]] = field(default_factory=list)  # sources of attributions, sorted
    issuers: list[tuple[int, Speaker]] = field(default_factory=list)  # documents and who issued them

    def add(self, offset: int, sp: Speaker, speaker: bool = False) -> None:
        bisect.insort(self.items, (offset, sp), key=lambda x: x[0])
        if speaker:
            bisect.insort(self.speakers, (offset, sp), key=lambda x: x[0])

    def last(self, before: int, after: int, kinds: set[str], pool: Optional[list] = None,
             accept: Optional[Callable[[Speaker], bool]] = None) -> Optional[Speaker]:
        for off, sp in reversed(self.items if pool is None else pool):
            if off >= before:
                continue
            if off < after:
                break
            if sp.kind in kinds and (accept is None or accept(sp)):
                return sp
        return None


def strip_media_words(name: str) -> str:
    """"IRNA news agency" -> "IRNA": the outlet's name without the generic words after it."""
    parts = name.split()
    while len(parts) > 1 and parts[-1].lower() in MEDIA_WORDS:
        parts.pop()
    if parts[-1].islower() and parts != name.split():
        return name   # "Chinese state media": without its media words the rest names nothing
    return " ".join(parts)


def clean_name(tokens: list[Token]) -> str:
    """A name without leading titles, articles, demonyms or the possessive ending."""
    k = kbase.load()
    toks = [t for t in tokens if t.tag_ != "POS" and t.text not in ("'s", "’s", "’", "'")]
    # a body's name keeps its office words ('Defense Ministry', 'State Department'); a person's loses its titles
    body = bool(toks) and toks[-1].lower_ in ORG_NOUNS
    while toks and (toks[0].lower_ in TITLES and not body or toks[0].pos_ in ("DET", "ADJ", "PUNCT") and toks[0].ent_type_ != "PERSON"
                    or (len(toks) > 1 and k.country_of(toks[0].text) and toks[0].ent_type_ != "PERSON"
                        and toks[1].ent_type_ == "PERSON")):
        toks = toks[1:]
    while toks and toks[-1].pos_ == "PUNCT":
        toks = toks[:-1]
    text = " ".join(t.text for t in toks)
    text = _SPACED_APOSTROPHE.sub(r"\1", text)
    return _SPACED_HYPHEN.sub("-", text).strip()


INDEFINITE = frozenset({"a", "an", "another", "some"})
SELF_NAMING = frozenset(_ISSUERS.words("self_naming"))   # 'calling itself X', 'known as X', 'named X'
_SPACED_APOSTROPHE = re.compile(r"\s+([’'])\s*")
_SPACED_HYPHEN = re.compile(r"\s*-\s*")
_POSSESSIVE_END = re.compile(r"['’]s$")


class Resolver:
    """Per-account resolution of source phrases to speakers."""

    def __init__(self, doc: Doc, parties: dict[str, list[str]]):
        self.doc = doc
        self.index = index_of(doc)
        self.kb = kbase.load()
        self.parties = parties
        self.history = History()
        self.people: dict[str, Speaker] = {}  # full names seen in the account
        self._datelines: Optional[list[tuple[int, int]]] = None   # char spans, found on first use
        self._gender: Optional[dict[str, str]] = None  # full name -> "m" | "f", read off the account on first use
        # Places the knowledge base may not know (an invented or minor country): people an office
        # title ties to a place in this text get that place as their country.
        self.places = places_in(doc)
        voices = place_voices(doc)
        # places that act as states here: the parties, and places an office title ties someone to
        # ("President Varga of Norland"); a ship or port the tagger calls a place is none
        # (a party that is a body, not a state, is no place an office ties someone to: "Orlenza's
        # chief executive" works for a company)
        bodies = {p for p in parties or {} if not self._is_polity(p)}
        self.polities = sorted({p for p in parties or {} if self._is_polity(p)}
                               | {place_of_demonym(pl, self.places) or pl for _, pl in voices} - bodies)
        self._collect_people()
        for name, place in voices:
            sp = self.people.get(name)
            if sp is not None and not sp.country:
                sp.country = place
                self.places.append(place)

    # -- names ---------------------------------------------------------------------------------
    def _collect_people(self) -> None:
        ix = self.index
        for ent in ix.ents:
            if ent.label_ != "PERSON":
                continue
            name = clean_name(after_a_title(list(ent), self.doc))
            if not name or name.lower() in TITLES:
                continue
            name = self._known_prefix(name)
            country, role = self._title_context(ent.start, ent.end)
            entry = self.kb.lookup(name)
            if entry and entry.kind == "person":
                name, country, role = entry.name, entry.country, role or entry.role
            cur = self.people.get(name)
            if cur is None or (country and not cur.country):
                self.people[name] = Speaker(name, "person", country, role)
            self.history.add(ent.start_char, self.people[name])
        # a name with words before a shorter name the account also uses is that name with an epithet
        # or a title the tagger took in ("Crooked Hillary Clinton", "Miss Universe Alicia Machado")
        alias = {}
        for name, sp in self.people.items():
            parts = name.split()
            shorter = next((" ".join(parts[n:]) for n in range(1, len(parts) - 1)
                            if parts[n][:1].isupper() and " ".join(parts[n:]) in self.people), None)
            if shorter is not None and not self.kb.lookup(name):
                alias[id(sp)] = self.people[shorter]
                self.people[name] = self.people[shorter]
        if alias:
            self.history.items = [(off, alias.get(id(sp), sp)) for off, sp in self.history.items]
        # names the tagger missed: a run of two or three capitalised proper nouns with no entity label
        pos, ent_type, dep = ix.pos, ix.ent_type, ix.dep
        for i in range(len(pos)):
            # the test on the token arrays first: only proper-noun heads become Token objects
            if pos[i] != "PROPN" or ent_type[i] not in ("", "ORG", "PERSON") or dep[i] == "compound":
                continue
            tok = ix.token(i)
            run = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i
                   and c.ent_type_ in ("", "ORG", "PERSON")]
            if 1 <= len(run) <= 2 and all(t.text[:1].isupper() and t.text[1:].islower() for t in run + [tok]) \
                    and not any(t.lower_ in TITLES or t.lower_ in ORG_NOUNS or t.lower_ in MEDIA_WORDS for t in run + [tok]):
                words = after_a_title(run + [tok], self.doc)   # ('Head of Mission Ludmila Ferrante')
                name = " ".join(t.text for t in words)
                if name not in self.people and not self.kb.lookup(name):
                    self.people[name] = Speaker(name, "person")
                    self.history.add(words[0].idx, self.people[name])
        for ent in ix.ents:
            if ent.label_ == "ORG":
                sp = self._named([t for t in ent if t.lower_ != "the"], ent.root)
                if sp is not None and sp.kind != "person":
                    self.history.add(ent.start_char, sp)

    def _known_prefix(self, name: str) -> str:
        """NER over title-case headlines runs on ("Xi Jinping Important Phone"): keep the longest
        leading part that the knowledge base knows as a person."""
        parts = name.split()
        for n in range(len(parts) - 1, 1, -1):
            entry = self.kb.lookup(" ".join(parts[:n]))
            if entry and entry.kind == "person":
                return " ".join(parts[:n])
        return name

    def _title_context(self, start: int, end: int) -> tuple[Optional[str], Optional[str]]:
        """Country and role from the words before a name: "China's President Xi Jinping"."""
        country = role = None
        i = start - 1
        while i >= 0 and start - i <= 5:
            t = self.doc[i]
            if t.lower_ in ROLE_WORDS or t.lower_ in TITLES:
                role = role or ("leader" if t.lower_ in LEADER_WORDS else t.lower_)
            elif self.kb.country_of(t.text) and t.pos_ != "VERB":
                country = self.kb.country_of(t.text)
            elif t.tag_ == "POS" or t.text in ("’s", "'s"):
                pass
            else:
                break
            i -= 1
        return country, role

    def full_name(self, name: str) -> tuple[str, Optional[str], Optional[str]]:
        """Complete a partial name from the account's people or the knowledge base."""
        if name in self.people:
            p = self.people[name]
            return p.name, p.country, p.role
        parts = name.split()
        best = None
        for full, p in self.people.items():
            fparts = full.split()
            if len(fparts) > len(parts) and fparts[-len(parts):] == parts:
                best = p if best is None or len(full) > len(best.name) else best
        if best:
            return best.name, best.country, best.role
        entry = self.kb.lookup(name)
        if entry:
            return entry.name, entry.country, entry.role
        return name, None, None

    def proper_name(self, tok: Token) -> Optional[list[Token]]:
        """The tokens of the proper name headed by (or attached to) `tok`."""
        if tok.text.islower() and tok.lemma_.lower() in COMMON_HEADS:
            return None  # "Castavia's foreign ministry": a common noun the tagger took for a name
        if tok.lower_ in TITLES or tok.lemma_.lower() in ROLE_WORDS:
            # 'said Head of Mission Ludmila Ferrante': the parser heads the phrase with the title; the
            # name is the person named after its 'of'
            named = next((o for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                          for o in c.children if o.dep_ == "pobj" and o.pos_ == "PROPN"), None)
            run = self.proper_name(named) if named is not None else None
            if run and (named.ent_type_ == "PERSON" or len(run) >= 2 and run[-1].lower_ not in ORG_NOUNS
                        and not any(t.ent_type_ in ("ORG", "GPE", "NORP") for t in run)):
                return run
        if tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "FAC", "WORK_OF_ART") and tok.pos_ == "PROPN":
            ent = self.index.ent_at(tok.i)
            if ent is not None:
                toks = [t for t in ent if t.lower_ not in ("the",)]
                toks = after_a_title(toks, self.doc) if ent.label_ == "PERSON" else toks
                if toks and toks[0].lower_ in ("of", "and", "for"):
                    return None   # the tail of a title the tagger took for a name ('Head of')
                if ent.label_ != "PERSON" and len(toks) > 2 and toks[1].lower_ == "of" \
                        and (toks[0].lower_ in TITLES or toks[0].lemma_.lower() in ROLE_WORDS):
                    return None   # an office, not a body's name ('the Minister of Foreign Affairs')
                return toks
        if tok.pos_ == "PROPN":
            sent = self.index.sent_of(tok.i)  # `tok.sent` walks the whole sentence on each access
            lo = tok.i
            while lo > sent.start and self.doc[lo - 1].pos_ == "PROPN" and self.doc[lo - 1].dep_ in ("compound", "flat", "nmod", "amod", "advmod", "nsubj"):
                lo -= 1
            hi = tok.i + 1
            while hi < sent.end and self.doc[hi].pos_ == "PROPN" and self.doc[hi].head.i in range(lo, hi + 1):
                hi += 1
            return after_a_title(list(self.doc[lo:hi]), self.doc)
        return None

    # -- resolution ----------------------------------------------------------------------------
    def in_dateline(self, tok: Token) -> bool:
        """Is the token part of a dateline ("LOS ANGELES, Sept. 28 (UPI) — ...")? A place there is
        where the story was filed, never a speaker, whatever the parser makes of it."""
        if self._datelines is None:
            self._datelines = dateline_spans(self.doc.text)
        return any(s <= tok.idx < e for s, e in self._datelines)

    def resolve(self, tok: Token, section_speaker: Optional[Speaker] = None, section_start: int = 0) -> Optional[Speaker]:
        if tok.lower_ in RELATIVE and tok.head.dep_ == "relcl":
            tok = tok.head.head
        elif tok.lower_ in RELATIVE and tok.tag_ in ("WDT", "WP", "WP$"):
            # a relative pronoun stands for the noun its clause modifies; never a speaker of its own
            # (a demonstrative "that" is no relative pronoun)
            clause = next((h for h in _heads(tok, 4) if h.dep_ in ("relcl", "acl")), None)
            if clause is None or clause.head.lower_ in RELATIVE:
                return None
            tok = clause.head
        if tok.text.isupper() and self.in_dateline(tok):
            return None
        low = tok.lower_
        if low in JOINT_PRONOUNS and tok.dep_ in ("nsubj", "nsubjpass"):
            # 'Both say the tariff is coming down': the two parties together, no one of them
            return Speaker("both sides", "group", None, via="description", surface=tok.text)
        if tok.pos_ == "PRON" or low in PERSONAL_PRONOUNS or low in GROUP_PRONOUNS:
            return self.antecedent(tok, section_speaker, section_start)
        names = self.proper_name(tok)
        if not names and tok.pos_ == "NOUN":
            # "The MEA spokesperson, Randhir Jaiswal, ..."
            app = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
            if app is not None:
                return self.resolve(app, section_speaker, section_start)
        if not names and tok.pos_ in ("NOUN", "PROPN"):
            # "the Xinhua news agency", "state broadcaster CGTN", "the White House readout"
            comp = [c for c in tok.children if c.pos_ == "PROPN" and (c.dep_ in ("compound", "appos", "nmod")
                                                                     or c.i < tok.i and c.dep_ != "poss")
                    and not (c.text.islower() and tok.text.islower())]  # "defence ministry": no name in it
            if not comp and tok.i + 1 < tok.sent.end and self.doc[tok.i + 1].pos_ == "PROPN" \
                    and self.doc[tok.i + 1].dep_ in ("advmod", "appos", "npadvmod", "compound"):
                comp = [self.doc[tok.i + 1]]
            # a day or an hour is no name of the noun ('his doctor Friday afternoon')
            comp = [c for c in comp if c.ent_type_ not in ("DATE", "TIME")]
            if comp:
                names = self.proper_name(comp[0]) or [comp[0]]
                if tok.lemma_.lower() in DOC_NOUNS:
                    issuer = self._named(names, tok)
                    return self._document(issuer, tok)
        if names:
            return self._named(names, tok)
        lead = next((t for t in self.doc[tok.left_edge.i: tok.i] if not t.is_punct), tok)
        if lead.i < tok.i and lead.tag_ in ("VBD", "VBN") and all(t.is_punct for t in self.doc[tok.sent.start:lead.i]):
            # '- discussed trade and development, and agreed that ...': a list item opening with its
            # verb, which the parser took for a modifier of a subject; the item has no subject of its own
            return None
        lemma = tok.lemma_.lower()
        if lemma in DOC_NOUNS:
            return self._document(self._issuer(tok), tok)
        country = self._np_country(tok)
        if country is None and (lemma in GOVERNMENT_NOUNS or low in GOVERNMENT_NOUNS):
            country = self._governing_polity(tok)
            if country:
                return self._org_description(tok, country)
        if lemma in ROLE_WORDS or (lemma == "minister"):
            p = self._role_person(country, tok)
            if p:
                return p
        if lemma in ORG_NOUNS or (tok.ent_type_ == "ORG"):
            sp = self._org_description(tok, country)
            if tok.pos_ == "PROPN" and sp.kind == "unknown":
                sp.kind = "organization"  # "the defence ministry" tagged as a name: a body all the same
            return sp
        return self._generic(tok)

    def _named(self, toks: list[Token], head: Token) -> Optional[Speaker]:
        name = clean_name(toks)
        if not name:
            return None
        ent_types = {t.ent_type_ for t in toks}
        country = self.kb.country_of(name)
        if country and ("GPE" in ent_types or "NORP" in ent_types or self.kb.country_of(name)):
            # "the US president": the person holding that role, when the account or the knowledge base knows them
            if head.lemma_.lower() in ROLE_WORDS and head not in toks:
                p = self._role_person(country, head)
                if p is not None:
                    return p
            # a country or its capital speaking stands for its government
            if head.lemma_.lower() in ORG_NOUNS and head.lemma_.lower() not in ("state",):
                return self._org_description(head, country)
            return Speaker(f"{self.kb.adjective(country)} government", "government", country, surface=name)
        place = self._text_place(name) if "PERSON" not in ent_types else None
        if place is not None and not self.kb.lookup(name):
            # the same for a place the knowledge base does not know ("Norland said", "the Castavian ministry")
            if head.lemma_.lower() in ROLE_WORDS and head not in toks:
                p = self._role_person(place, head)
                if p is not None:
                    return p
            if head.lemma_.lower() in ORG_NOUNS and head not in toks and head.lemma_.lower() not in ("state",):
                return self._org_description(head, place)
            return Speaker(f"{self._adjective(place)} government", "government", place, surface=name)
        entry = self.kb.lookup(name)
        full, pcountry, role = self.full_name(name)
        if entry is None:
            entry = self.kb.lookup(full)
        kind = "person" if ("PERSON" in ent_types or full in self.people) else "organization"
        if entry:
            kind = entry.kind
            full = entry.name
            pcountry = pcountry or entry.country
        elif name.lower() in MEDIA_OUTLETS or any(w in MEDIA_WORDS for w in name.lower().split()):
            kind = "media"
        if kind != "person" and not entry:
            # "China's Foreign Ministry" -> "Chinese Foreign Ministry"
            from counterpoint.analysis.actors import normalise_org
            normed = normalise_org(full)
            if normed != full:
                full, pcountry = normed, pcountry or self.kb.country_of(normed.split()[0])
        if kind != "person":
            # "Foreign Ministry" under "China's": name the country's body
            c = self._np_country(head)
            if c and not entry and not self.kb.country_of(full.split()[0]) and self._text_place(full.split()[0]) != c \
                    and full.split()[0].lower() != c.lower():   # "the Indiana governor": not "Indiana Indiana"
                full = f"{self._adjective(c)} {full}"
                pcountry = c
            if not entry and head.lemma_.lower() in TITLES and head not in toks and head.pos_ == "NOUN" \
                    and head.tag_ == "NN":
                # "the Indiana governor", "the Tulsa police chief" with no such person named: the
                # office, not the place
                words = [t.text for t in self.doc[head.left_edge.i: head.i + 1]
                         if t.pos_ not in ("DET", "PUNCT") and t.tag_ != "POS"]
                return Speaker(" ".join(words), "person", pcountry, head.lemma_.lower(), via="role", surface=name)
        return Speaker(full, kind, pcountry, role, surface=name)

    def _np_country(self, tok: Token, depth: int = 0) -> Optional[str]:
        for c in tok.children:
            if c.dep_ in ("amod", "compound", "poss", "nmod") and self.kb.country_of(c.text):
                return self.kb.country_of(c.text)
            if c.dep_ in ("amod", "compound", "poss", "nmod") and c.text[:1].isupper():
                place = place_of_demonym(_POSSESSIVE_END.sub("", c.text), self.places)
                if place:
                    return place
            if c.dep_ == "compound" and c.ent_type_ == "GPE":
                sub = " ".join(t.text for t in self.doc[c.left_edge.i: c.i + 1])
                if self.kb.country_of(sub):
                    return self.kb.country_of(sub)
        if depth < 2:
            # "the Castavian prime minister's office", "the Chinese foreign minister's spokesman"
            for c in tok.children:
                if c.dep_ in ("poss", "compound") and c.pos_ == "NOUN" and c.lemma_.lower() in COMMON_HEADS:
                    found = self._np_country(c, depth + 1)
                    if found:
                        return found
        return None

    def _governing_polity(self, tok: Token) -> Optional[str]:
        """The state whose body an unqualified one is, from the clause it hangs on: "China reacted
        ..., with state media reporting that ..." (the body in an adjunct of a clause whose subject
        is a state speaks for that state). None where the governing clause's subject is no state,
        or where the body is no adjunct ("China said state media lied" says nothing of whose)."""
        path, h = {tok.i}, tok
        adjunct = False
        for _ in range(5):
            if h.head is h:
                return None
            adjunct = adjunct or h.dep_ in ("prep", "advcl", "pcomp")
            h = h.head
            path.add(h.i)
            if h.pos_ not in ("VERB", "AUX"):
                continue
            subj = [c for c in h.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in path]
            if not subj:
                continue
            if not adjunct or subj[0].ent_type_ == "PERSON":
                return None
            return self._text_place(subj[0].text)
        return None

    def _is_polity(self, party: str) -> bool:
        """A party that is a state, as parties mostly are: unless the knowledge base knows it as a
        country, one of its names ending like a company's or a union's ('Brenmoor Logistics',
        'Amalgamated Depot Workers' Union') makes it a body that speaks as itself ('Brenmoor said'
        is Brenmoor's, not 'the Brenmoor government's')."""
        if self.kb.country_of(party):
            return True
        names = (self.parties or {}).get(party) or []
        return not any(n.split()[-1].lower().strip("'’") in NONSTATE_WORDS for n in names if n.split())

    def _text_place(self, word: str) -> Optional[str]:
        """The place a word names, as the knowledge base or this account has it: a country, or a
        place of the text or its demonym ("Castavian" -> "Castavia"); None for anything else."""
        word = _POSSESSIVE_END.sub("", word.strip())
        if not word[:1].isupper():
            return None
        return self.kb.country_of(word) or place_of_demonym(word, self.polities)

    def _adjective(self, place: str) -> str:
        """The adjective for a place: the knowledge base's, else a demonym the account itself uses
        ("Castavian"), else the place's name ("Norland")."""
        if place in self.kb.countries:
            return self.kb.adjective(place)
        memo = self.index.memo.setdefault("demonyms", {})
        if place not in memo:
            words = {t.text for t in self.doc if t.pos_ in ("ADJ", "PROPN") and t.text[:1].isupper()
                     and t.text != place and place_of_demonym(t.text, [place]) == place
                     and t.text.lower().startswith(place.lower()[:3])}
            memo[place] = sorted(words, key=len)[0] if words else place
        return memo[place]

    def _role_person(self, country: Optional[str], tok: Token) -> Optional[Speaker]:
        lemma = tok.lemma_.lower()
        want_leader = lemma in LEADER_WORDS
        cands = []
        for off, sp in reversed(self.history.items):
            if off >= tok.idx or sp.kind != "person":
                continue
            if country and sp.country != country:
                continue
            if lemma == "counterpart" and sp.name in self._sentence_people(tok):
                continue
            role = sp.role or ""
            if want_leader and (role in ("leader", "president", "premier", "chancellor") or role in kbase.LEADER_ROLES):
                cands.append(sp)
            elif not want_leader and lemma in role:
                cands.append(sp)
            if cands:
                break
        if not cands and want_leader and country:
            # "the Castavian leader" where the text names one person of that country: that person
            same = {sp.name: sp for off, sp in self.history.items
                    if off < tok.idx and sp.kind == "person" and sp.country == country}
            if len(same) == 1:
                cands = list(same.values())
        if cands:
            return Speaker(cands[0].name, "person", cands[0].country, cands[0].role, via="role", surface=tok.text)
        if country:
            e = self.kb.office_holder(country, "prime minister" if lemma == "minister" and any(
                c.lower_ == "prime" for c in tok.children) else lemma)
            if e is not None:
                return Speaker(e.name, "person", e.country, e.role, via="role", surface=tok.text)
        return None

    def _sentence_people(self, tok: Token) -> set[str]:
        out = set()
        for t in tok.sent:
            if t.ent_type_ == "PERSON":
                out.add(self.full_name(clean_name([t]))[0])
        return out

    def _org_description(self, tok: Token, country: Optional[str]) -> Speaker:
        words = [t for t in tok.subtree if t.i <= tok.i and t.dep_ in ("amod", "compound", "nmod", "poss") or t.i == tok.i]
        words = [t for t in words if t.i >= tok.left_edge.i and t.tag_ != "POS"]
        noun = " ".join(t.text + ("'s" if any(c.tag_ == "POS" for c in t.children) and t.i != tok.i else "")
                        for t in words if not self.kb.country_of(t.text)
                        and not (t.text[:1].isupper() and self._text_place(t.text) == country)).strip() or tok.text
        # an earlier named body of the same country with this head noun ("the Chinese ministry"); an
        # indefinite one ("a group calling itself Greyhollow") is another
        own = {w.lower() for w in noun.split()[:-1]}  # the description's own modifiers ("foreign" ministry)
        indefinite = any(c.dep_ == "det" and c.lower_ in INDEFINITE for c in tok.children)
        for off, sp in ([] if indefinite else reversed(self.history.items)):
            if off < tok.idx and sp.kind in ("organization", "media") and (country is None or sp.country == country) \
                    and tok.lemma_.lower() in sp.name.lower().split() and sp.name.lower() != tok.lower_ \
                    and own <= set(sp.name.lower().split()):
                return Speaker(sp.name, sp.kind, sp.country, via="description", surface=tok.text)
        if country:
            name = f"{self._adjective(country)} {noun}"
            entry = self.kb.lookup(name)
            kind = entry.kind if entry else ("media" if tok.lemma_.lower() in MEDIA_WORDS else "organization")
            if tok.lemma_.lower() in ("side",):
                name, kind = f"{self._adjective(country)} government", "government"
            return Speaker(entry.name if entry else name, kind, country, via="description", surface=tok.text)
        return self._generic(tok)

    def _self_named(self, tok: Token) -> Optional[Speaker]:
        """'a group calling itself Greyhollow', 'an outfit known as Greyhollow': the name it goes by."""
        for c in tok.children:
            if c.dep_ != "acl" or c.lemma_.lower() not in SELF_NAMING:
                continue
            name = next((o for o in c.children if o.dep_ in ("oprd", "dobj", "attr") and o.pos_ == "PROPN"), None)
            if name is None:
                name = next((o for p in c.children if p.dep_ == "prep" and p.lower_ == "as"
                             for o in p.children if o.dep_ == "pobj" and o.pos_ == "PROPN"), None)
            if name is not None:
                words = self.proper_name(name) or [name]
                return Speaker(clean_name(words), "group", self._np_country(tok), via="name", surface=tok.text)
        return None

    def _generic(self, tok: Token) -> Speaker:
        named = self._self_named(tok)
        if named is not None:
            return named
        if any(c.lower_ == "the" and c.dep_ == "det" for c in tok.children) and len(list(tok.children)) == 1:
            # 'the official' refers back to 'a senior administration official' spoken of before
            for off, sp in reversed(self.history.items):
                words = sp.name.lower().split()
                if off < tok.idx and len(words) > 1 and words[-1] == tok.lower_:
                    return Speaker(sp.name, sp.kind, sp.country, sp.role, via="description", surface=tok.text)
        # the possessor whole or not at all: "Donald Trump's campaign", never "Donald campaign"
        poss = [c for c in tok.children if c.dep_ == "poss" and c.i < tok.i]
        owned = {t.i for c in poss for t in c.subtree}
        words = [t for t in self.doc[tok.left_edge.i: tok.i + 1] if t.pos_ not in ("DET", "PUNCT") and t.tag_ != "POS"
                 and t.i not in owned]
        name = " ".join(t.text for t in words) or tok.text
        owner = next((c for c in poss if c.pos_ == "PROPN"), None)
        if owner is not None and (tok.lemma_.lower() in ORG_NOUNS or tok.lemma_.lower() in TITLES
                                  or tok.lemma_.lower() in ROLE_WORDS):
            names = self.proper_name(owner)
            who = self.full_name(clean_name(names))[0] if names else ""
            mark = next((t.text for t in owner.children if t.tag_ == "POS"), "'s")
            if who:
                name = f"{who}{mark} {name}"
        kind = "group" if tok.tag_ in ("NNS", "NNPS") else ("person" if tok.lemma_.lower() in ROLE_WORDS else "unknown")
        return Speaker(name, kind, self._np_country(tok), via="description", surface=tok.text)

    # -- documents -----------------------------------------------------------------------------
    def _issuer(self, tok: Token) -> Optional[Speaker]:
        for c in tok.children:
            if c.dep_ == "poss" and c.pos_ != "PRON":
                return self.resolve(c)
            if c.dep_ == "poss" and c.pos_ == "PRON":
                subj = self._clause_subject_for(c)
                return self.resolve(subj) if subj is not None else self.antecedent(c, None, 0)
            if c.dep_ == "compound" and c.pos_ == "PROPN":
                return self._named(self.proper_name(c) or [c], tok)
        for c in tok.subtree:
            if c.dep_ in ("agent",) or (c.dep_ == "prep" and c.lower_ in ("from", "by")):
                for p in c.children:
                    if p.dep_ == "pobj":
                        return self.resolve(p)
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj" and (p.pos_ == "PROPN" or p.ent_type_ in ("ORG", "GPE", "PERSON")):
                        return self.resolve(p)
        country = self._np_country(tok)
        if country:
            for off, sp in reversed(self.history.issuers):
                if off < tok.idx and sp.country == country:
                    return sp
            return Speaker(f"{self.kb.adjective(country)} government", "government", country, via="document")
        return None

    def _clause_subject_for(self, pron: Token) -> Optional[Token]:
        """The subject of the clause a possessive pronoun stands in, where the pronoun can be it:
        "Norhavn's trade ministry made no mention of it in its own statement" (its: no person; his,
        her: a person). None where the clause has no subject of its own before the pronoun."""
        verb = pron.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb:
            verb = verb.head
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < pron.i), None)
        if subj is None or subj.pos_ == "PRON":
            return None
        person = subj.ent_type_ == "PERSON" or subj.lemma_.lower() in ROLE_WORDS
        low = pron.lower_
        if low == "its" and not person or low in ("his", "her") and person or low == "their":
            return subj
        return None

    def _document(self, issuer: Optional[Speaker], tok: Token) -> Speaker:
        if issuer is None:
            for off, sp in reversed(self.history.issuers):
                if off < tok.idx:
                    issuer = sp
                    break
        if issuer is None:
            # a document nobody is named as issuing ("the statement", "an account") is no speaker
            return None
        if not any(off == tok.idx for off, _ in self.history.issuers):
            bisect.insort(self.history.issuers, (tok.idx, issuer), key=lambda x: x[0])
        return Speaker(issuer.name, issuer.kind, issuer.country, issuer.role, via="document", surface=tok.text)

    def scan_documents(self) -> None:
        """Documents named with their issuer anywhere ("the MEA's statement", "a readout issued by the
        Kremlin") become antecedents for a later bare "the statement"."""
        ix = self.index
        pos, lemma = ix.pos, ix.lemma
        for i in range(len(pos)):
            if not (pos[i] == "NOUN" and lemma[i] in DOC_NOUNS):
                continue
            tok = ix.token(i)
            has_issuer = any(c.dep_ in ("poss", "compound", "amod") and (c.pos_ == "PROPN" or self.kb.country_of(c.text)
                             or c.ent_type_ in ("ORG", "GPE", "NORP")) for c in tok.children) or \
                any(c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in ("from", "by")) for c in tok.subtree)
            if has_issuer:
                issuer = self._issuer(tok)
                if issuer is not None and issuer.kind != "unknown":
                    bisect.insort(self.history.issuers, (tok.idx, issuer), key=lambda x: x[0])

    def note_document(self, offset: int, issuer: Speaker) -> None:
        bisect.insort(self.history.issuers, (offset, issuer), key=lambda x: x[0])

    # -- pronouns ------------------------------------------------------------------------------
    def genders(self) -> dict[str, str]:
        """Each named person's grammatical gender as the account itself shows it: the title before
        the name ("Mr.", "Ms.") and the first personal pronoun after a name that is a clause's
        subject, in the same sentence, with no other person named in between ("Ms. Ortiz said
        she ..."). Votes over the whole account; a name with no majority gets none."""
        if self._gender is not None:
            return self._gender
        ix = self.index
        lower, ent_type, dep = ix.lower, ix.ent_type, ix.dep
        quotes = getattr(self, "quote_spans", [])
        qstarts = [q.start for q in quotes]
        votes: dict[str, list[int]] = {}
        for ent in ix.ents:
            if ent.label_ != "PERSON":
                continue
            name = clean_name(list(ent))
            if not name:
                continue
            v = votes.setdefault(self.full_name(self._known_prefix(name))[0], [0, 0])
            for j in (ent.start - 1, ent.start):
                if 0 <= j < len(lower) and lower[j] in MALE_TITLES:
                    v[0] += 2
                elif 0 <= j < len(lower) and lower[j] in FEMALE_TITLES:
                    v[1] += 2
            subj = next((j for j in range(ent.start, ent.end) if dep[j] in ("nsubj", "nsubjpass")), None)
            if subj is None:
                continue
            verb = ix.token(subj).head
            sent_end = ix.sent_of(ent.start).end
            for k in range(ent.end, min(sent_end, ent.end + 30)):
                if ent_type[k] == "PERSON":
                    break
                if lower[k] not in MALE_PRONOUNS and lower[k] not in FEMALE_PRONOUNS:
                    continue
                # only the subject of a clause the name's own verb governs: "Ortiz said she ...",
                # "Ortiz left because she ..."; a possessive or object may well be someone else
                tok = ix.token(k)
                q = bisect.bisect_right(qstarts, tok.idx) - 1
                quoted = q >= 0 and quotes[q].start <= tok.idx < quotes[q].end  # words quoted are another voice
                if dep[k] == "nsubj" and not quoted and any(h.i == verb.i for h in _heads(tok, 3)):
                    v[0 if lower[k] in MALE_PRONOUNS else 1] += 1
                break
        self._gender = {n: ("m" if m > f else "f") for n, (m, f) in votes.items() if m != f}
        return self._gender

    def _previous_person_subject(self, tok: Token, accept) -> Optional[Speaker]:
        """'Trump heaped praise on the Russian president, saying that Putin "even used ...". He said
        ...': a sentence that opens with 'he' or 'she' as its subject continues the previous
        sentence's subject when that is a person the pronoun fits (the centre of attention), not
        the last person named in it."""
        sent = tok.sent
        if sent.start == 0 or tok.dep_ not in ("nsubj", "nsubjpass"):
            return None
        before = self.doc[sent.start: tok.i]
        # '"Ostrel does not recognise ...," she said.': after a quotation that opens the sentence the
        # pronoun is the sentence's first word of its own
        marks = [t for t in before if t.text in _OPEN_QUOTES or t.text in _CLOSE_QUOTES]
        quoted = len(before) > 1 and before[0].text in _OPEN_QUOTES and len(marks) == 2 and \
            marks[1].text in _CLOSE_QUOTES and marks[1].i >= tok.i - 3
        if any(t.is_alpha for t in before) and not quoted:
            return None
        prev = self.doc[sent.start - 1].sent
        while not any(t.is_alpha for t in prev) and prev.start > 0:   # a closing quote mark left alone
            prev = self.doc[prev.start - 1].sent
        subj = next((t for t in prev if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"), None)
        if subj is None and prev[0].ent_type_ == "PERSON":
            # the parse lost the subject ('Trump heaped praise ...' read as a noun phrase): the
            # person the sentence opens with
            subj = prev[0]
            while subj.i + 1 < prev.end and self.doc[subj.i + 1].ent_type_ == "PERSON" and self.doc[subj.i + 1].ent_iob_ == "I":
                subj = self.doc[subj.i + 1]
        if subj is None or (subj.pos_ != "PROPN" and subj.ent_type_ != "PERSON"):
            return None
        sp = self.resolve(subj)
        if sp is not None and sp.kind == "unknown" and subj.ent_type_ == "PERSON":
            sp = Speaker(sp.name, "person", sp.country, sp.role)   # a name the tagger took for a verb
        if sp is None or sp.kind != "person" or (accept is not None and not accept(sp)):
            return None
        return Speaker(sp.name, sp.kind, sp.country, sp.role, via="pronoun", surface=tok.text)

    def _previous_subject(self, tok: Token) -> Optional[Speaker]:
        """'The ministry's statement was restrained. While acknowledging the talks, it refrained
        from ...': a sentence whose first argument is 'it' continues the previous sentence's
        subject when that is a body or a document (the most salient thing just spoken of)."""
        sent = tok.sent
        if sent.start == 0 or any(t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN", "PRON")
                                  for t in self.doc[sent.start: tok.i]):
            return None
        prev = self.doc[sent.start - 1].sent
        subj = next((t for t in prev if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"), None)
        if subj is None or subj.pos_ not in ("NOUN", "PROPN"):
            return None
        lemma = subj.lemma_.lower()
        if lemma not in DOC_NOUNS and lemma not in ORG_NOUNS and subj.ent_type_ != "ORG":
            return None
        sp = self.resolve(subj)
        if sp is None or sp.kind == "person":
            return None
        return Speaker(sp.name, sp.kind, sp.country, sp.role, via="pronoun", surface=tok.text)

    def antecedent(self, tok: Token, section_speaker: Optional[Speaker], section_start: int) -> Optional[Speaker]:
        low = tok.lower_
        if low in ("i", "me", "you", "we", "us", "our"):
            return None  # first and second person inside a quote are the quoted speaker, not a source
        kinds = {"person"} if low in PERSONAL_PRONOUNS else {"organization", "government", "media", "document", "group"}
        want = "m" if low in MALE_PRONOUNS else "f" if low in FEMALE_PRONOUNS else None
        accept = None
        if want is not None:
            genders = self.genders()
            # "she" never takes a man the account calls "he" (or "Mr."), and the other way round
            accept = lambda sp: genders.get(sp.name, want) == want  # noqa: E731
        if low in ("it", "its"):
            prior = self._previous_subject(tok)
            if prior is not None:
                return prior
        if low in ("he", "she"):
            prior = self._previous_person_subject(tok, accept)
            if prior is not None:
                return prior
        # a recent source (previous sentence or two) beats a mere mention: "..., he added."
        recent = max(section_start, tok.sent.start_char - 400)
        sp = self.history.last(tok.idx, recent, kinds, self.history.speakers, accept) \
            or self.history.last(tok.idx, section_start, kinds, accept=accept)
        if sp is None and section_speaker is not None:
            return Speaker(section_speaker.name, section_speaker.kind, section_speaker.country, section_speaker.role,
                           via="heading", surface=tok.text)
        if sp is None:
            return None
        return Speaker(sp.name, sp.kind, sp.country, sp.role, via="pronoun", surface=tok.text)


_OPEN_QUOTES = frozenset({'"', "\u201c", "\u2018"})
_CLOSE_QUOTES = frozenset({'"', "\u201d", "\u2019"})


def _heads(tok: Token, n: int) -> list[Token]:
    """The first n heads above tok, nearest first."""
    out = []
    while len(out) < n and tok.head is not tok:
        tok = tok.head
        out.append(tok)
    return out


# -- office holders tied to a place by syntax ------------------------------------------------------
OFFICE_WORDS = LEADER_WORDS | set(_PEOPLE.words("offices"))
GOVERNMENT_NOUNS = set(_ISSUERS.words("government"))
NONSTATE_WORDS = set(_ISSUERS.words("nonstate"))
DEMONYM_SUFFIXES = ("ian", "ean", "ese", "an", "i", "n")


def _place_text(tok: Token, after_of: bool = False) -> Optional[str]:
    """The place name a token belongs to, without article or possessive ending. Invented or rare
    places are often tagged ORG or nothing, so any proper name that is not a person and has no
    organisation word in it counts; a capitalised demonym adjective counts too."""
    if not tok.text[:1].isupper() or tok.lower_ in TITLES:
        return None
    if tok.ent_type_ == "PERSON":
        # "President Linn of Estmark": the small model often tags an unfamiliar place after "of" as a
        # person; a single proper noun there names a place
        if not (after_of and tok.pos_ == "PROPN" and not any(c.dep_ == "compound" for c in tok.children)):
            return None
        return tok.text
    if tok.ent_type_ in ("GPE", "NORP", "ORG"):
        ent = index_of(tok.doc).ent_at(tok.i)
        toks = [t for t in ent if t.lower_ != "the" and t.tag_ != "POS"] if ent is not None else [tok]
    elif tok.pos_ == "PROPN" or (tok.pos_ == "ADJ" and tok.i > 0):
        toks = [tok]
    else:
        return None
    words = [_POSSESSIVE_END.sub("", t.text) for t in toks if t.text not in ("'s", "’s")]
    if not words or any(w.lower() in ORG_NOUNS or w.lower() in MEDIA_WORDS or w.lower() in TITLES for w in words):
        return None
    return " ".join(words)


def after_a_title(toks: list, doc) -> list:
    """A name run that begins inside an office's title ('Minister of Commerce and Industry Lucía
    Arvelo', 'Secretary of State Antony Blinken'): the words after 'of' or 'and' that close the
    title are not the name. Two words at least are kept."""
    def in_title(i: int) -> bool:   # an office word ('Minister') opens the run of title words before i
        k = i - 1
        while k >= 0 and i - k <= 6 and (doc[k].lower_ in ("of", "and", "for") or doc[k].text[:1].isupper()):
            if doc[k].lemma_.lower() in ROLE_WORDS or doc[k].lower_ in TITLES:
                return True
            k -= 1
        return False

    while len(toks) > 2 and toks[0].i > 0 and doc[toks[0].i - 1].lower_ in ("of", "and") and in_title(toks[0].i):
        toks = toks[1:]
    return toks


def place_of_demonym(word: str, places: Iterable[str]) -> Optional[str]:
    """The place a demonym adjective names among the case's places ("Castavian" -> "Castavia",
    "Chinese" -> "China"): the place whose name and the adjective's stem (the adjective less
    -ian/-an/-ese/-i/-n) are one a prefix of the other; the place itself when `word` is one."""
    places = [p for p in places if p]
    low = word.lower()
    for p in places:
        if p.lower() == low:
            return p
    best = None
    for suffix in DEMONYM_SUFFIXES:
        if not low.endswith(suffix) or len(low) - len(suffix) < 4:
            continue
        stem = low[: -len(suffix)]
        for p in places:
            pl = p.lower()
            if " " in pl:
                continue
            if stem == pl or stem.startswith(pl) or (pl.startswith(stem) and len(pl) - len(stem) <= 2):
                if best is None or len(p) > len(best):
                    best = p
        if best:
            return best
    return None


def place_voices(doc: Doc) -> list[tuple[str, str]]:
    """People an office title ties to a place by syntax, as (person name, place surface):
    "Norland's President Ilse Varga", "Prime Minister Marco Sallis of Castavia",
    "President Varga of Norland", "Castavian Prime Minister Marco Sallis"."""
    # the resolver and the pipeline both ask: one pass per Doc, a fresh list per caller
    memo = index_of(doc).memo
    if "place_voices" not in memo:
        memo["place_voices"] = _place_voices(doc)
    return list(memo["place_voices"])


def _place_voices(doc: Doc) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for ent in index_of(doc).ents:
        if ent.label_ != "PERSON":
            continue
        name = clean_name([t for t in ent if t.lower_ not in TITLES])
        if not name:
            continue
        titled, place = False, None
        # the words before the name: titles, a possessive place or a demonym
        i = ent.start - 1
        for t in ent:  # titles the tagger folded into the entity ("President Ilse Varga")
            if t.lower_ in OFFICE_WORDS:
                titled = True
        while i >= 0 and ent.start - i <= 6:
            t = doc[i]
            if t.lower_ in OFFICE_WORDS:
                titled = True
            elif t.tag_ == "POS" or t.text in ("'s", "’s"):
                pass
            elif titled and _place_text(t):
                place = place or _place_text(t)
                # skip the rest of a multi-word place
                while i > 0 and doc[i - 1].ent_iob_ == "I" and doc[i - 1].ent_type_ == t.ent_type_:
                    i -= 1
            else:
                break
            i -= 1
        # "<title> <name> of <place>"
        if titled and place is None and ent.end + 1 < len(doc) and doc[ent.end].lower_ == "of":
            place = _place_text(doc[ent.end + 1], after_of=True) or (
                _place_text(doc[ent.end + 2], after_of=True) if ent.end + 2 < len(doc) and doc[ent.end + 1].lower_ == "the" else None)
        if titled and place:
            out.append((name, place))
    return out


def places_in(doc: Doc) -> list[str]:
    """The place names (GPE entities) an account mentions."""
    memo = index_of(doc).memo
    if "places_in" not in memo:
        memo["places_in"] = sorted({p for e in index_of(doc).ents if e.label_ == "GPE" for p in [_place_text(e[0])] if p})
    return list(memo["places_in"])  # a copy: the resolver adds to its list
