"""Canonical actors across the accounts of a case, and the party behind each voice.

Names are merged across accounts ("Trump" -> "Donald Trump" when some account gives the full name,
or the knowledge base does); a speaker's party comes from the manifest's `parties` (name lists,
matched by shared name words) or, failing that, from the knowledge base's country for the speaker.
With no manifest parties, the parties are the knowledge-base countries whose voices are heard."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Optional

from counterpoint.analysis import kb as kbase
from counterpoint.analysis import lexicon
from counterpoint.records import Actor

# words too common to tie a speaker to a party on their own (data/speakers.yaml, checked by `lexicon`)
GENERIC = set(lexicon.speakers()["sources"].words("generic_name_words"))


def _words(name: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", kbase.norm(name))} - GENERIC


def country_of_name(name: str) -> Optional[str]:
    k = kbase.load()
    entry = k.lookup(name)
    if entry:
        return entry.country
    first = name.split()[0] if name.split() else ""
    return k.country_of(name) or (k.country_of(first) if first else None)


def party_for(name: Optional[str], country: Optional[str], parties: dict[str, list[str]]) -> Optional[str]:
    """The party a speaker speaks for: a manifest party whose names share a name word with the
    speaker, else the party of the speaker's country; None for independent voices."""
    if not name:
        return None
    k = kbase.load()
    if parties:
        words = _words(name)
        for key, names in parties.items():
            if any(kbase.norm(alias) == kbase.norm(name) for alias in names):
                return key
        # a word in the names of two parties ('Corvenna' of 'Corvenna Metropolitan Police' and
        # 'Corvenna Housing Action Coalition') tells neither: 'Corvenna General Hospital' is neither's
        shared = _shared_name_words(parties)
        best, best_n, tied = None, 0, False
        for key, names in parties.items():
            n = max((len((words & _words(alias)) - shared) for alias in names), default=0)
            if n > best_n:
                best, best_n, tied = key, n, False
            elif n == best_n and n > 0:
                tied = True
        if best and not tied:
            return best
        return k.match_party(country or country_of_name(name), list(parties))
    return country or country_of_name(name)


def _shared_name_words(parties: dict[str, list[str]]) -> set[str]:
    """Name words of more than one party."""
    seen: dict[str, str] = {}
    shared: set[str] = set()
    for key, names in parties.items():
        for w in set().union(*(_words(a) for a in names)) if names else set():
            if seen.setdefault(w, key) != key:
                shared.add(w)
    return shared


def _party_of(name: str, parties: dict[str, list[str]], person_place: dict[str, str],
              voiced: set[str], country: Optional[str] = None) -> Optional[str]:
    """A speaker's party when the parties were found (not given): knowledge base first, then the text."""
    if not parties:
        return None
    kb_country = country or country_of_name(name)
    if kb_country:
        return party_for(name, kb_country, parties)
    found = _text_party(name, person_place, voiced)
    return found if found in parties else party_for(name, None, parties)


def normalise_org(name: str) -> str:
    """"China Foreign Ministry" / "China's Foreign Ministry" -> "Chinese Foreign Ministry"."""
    k = kbase.load()
    parts = name.replace("’s ", " ").replace("'s ", " ").split()
    for n in (2, 1):
        if len(parts) > n:
            head = " ".join(parts[:n])
            c = k.country_of(head)
            if c and kbase.norm(head) not in {kbase.norm(a) for a in k.countries[c].get("adjectives", [])} \
                    and kbase.norm(head) not in {kbase.norm(a) for a in k.countries[c].get("capitals", [])}:
                return " ".join([k.adjective(c)] + parts[n:])
    return name


def _canonical_map(names: Counter, kinds: Optional[dict[str, str]] = None) -> dict[str, str]:
    """Map each name to the fullest name it abbreviates across the case ("Kim" -> "Patricia Kim")."""
    k = kbase.load()
    out: dict[str, str] = {}
    ordered = sorted(names, key=lambda n: (-len(n.split()), -names[n]))
    # words before a person's name the case also uses are an epithet or a title the tagger took in
    # ("Crooked Hillary Clinton", "Universe Alicia Machado"): that name, not a fuller one (a body's
    # name is not so: the Democratic and the Republican National Committee are two)
    epithet = {}
    person = {n for n, kind in (kinds or {}).items() if kind.lower() == "person"}
    for n in ordered:
        parts = n.split()
        shorter = next((" ".join(parts[i:]) for i in range(1, len(parts) - 1)
                        if parts[i][:1].isupper() and " ".join(parts[i:]) in person
                        and names.get(" ".join(parts[i:]), 0) >= names[n]), None)
        if shorter is not None and not k.lookup(n):
            epithet[n] = shorter
    ordered = [n for n in ordered if n not in epithet]
    for n in ordered:
        entry = k.lookup(n)
        if entry and entry.kind == "person":
            out[n] = entry.name
            continue
        parts = n.split()
        longer = [m for m in ordered if len(m.split()) > len(parts) and m.split()[-len(parts):] == parts
                  and m[0].isupper()]
        out[n] = out.get(longer[0], longer[0]) if len(set(longer)) >= 1 and parts[0][:1].isupper() and longer else n
    for n, shorter in epithet.items():
        out[n] = out.get(shorter, shorter)
    return out


def text_voices(analyses, canon: dict[str, str]) -> tuple[dict[str, str], set[str]]:
    """Parties read from the text: each person an office title ties to a place ("Norland's President
    Ilse Varga", "Prime Minister Sallis of Castavia", "the Castavian prime minister X") speaks for that
    place; demonyms are mapped to the case's place names by stem. Returns person -> place and
    the places with at least one such official voice."""
    from counterpoint.analysis.speakers import place_of_demonym

    pairs = [(p, pl) for a in analyses for p, pl in getattr(a, "voices", [])]
    named = {pl for a in analyses for pl in getattr(a, "places", [])} | {pl for _, pl in pairs}
    # a word that is the demonym of another named place is not a place of its own
    nouns = {pl for pl in named if place_of_demonym(pl, named - {pl}) is None}
    k = kbase.load()
    person_place: dict[str, str] = {}
    for person, pl in pairs:
        place = place_of_demonym(pl, nouns)
        if place is None:
            continue
        name = canon.get(person, person)
        entry = k.lookup(name)
        if entry and entry.kind == "person":
            continue  # the knowledge base knows this person: its country wins
        person_place.setdefault(name, place)
    return person_place, set(person_place.values())


def _text_party(name: str, person_place: dict[str, str], voiced: set[str]) -> Optional[str]:
    """The place a speaker speaks for by the text: an official voice, the place itself, or one of its
    bodies or documents ("Castavia's foreign ministry", "the Castavian trade ministry", "the Norland readout")."""
    if name in person_place:
        return person_place[name]
    from counterpoint.analysis.speakers import DOC_NOUNS, GOVERNMENT_NOUNS, ORG_NOUNS, place_of_demonym
    if not name.split():
        return None
    first = re.sub(r"['’]s$", "", name.split()[0])
    place = place_of_demonym(first, voiced)
    rest = {w.lower() for w in name.split()[1:]}
    if place and (not rest and first[:1].isupper()
                  or rest & (GOVERNMENT_NOUNS | ORG_NOUNS | DOC_NOUNS | {"leader", "minister", "president"})):
        return place
    return None


def resolve(analyses, parties):
    parties = dict(parties or {})
    from_manifest = bool(parties)
    names: Counter = Counter()
    kinds: dict[str, str] = {}
    roles: dict[str, str] = {}
    countries: dict[str, str] = {}
    surfaces: dict[str, set[str]] = defaultdict(set)
    for a in analyses:
        for q in a.quotes:
            if q.speaker:
                q.speaker = normalise_org(q.speaker)
                names[q.speaker] += 1
        for c in a.claims:
            if c.speaker:
                c.speaker = normalise_org(c.speaker)
                names[c.speaker] += 1
        for m in a.mentions:
            if m.canonical:
                m.canonical = normalise_org(m.canonical)
                names[m.canonical] += 0
                surfaces[m.canonical].add(m.text)
                kinds.setdefault(m.canonical, m.label.split(":")[-1])
                if m.role:
                    roles.setdefault(m.canonical, m.role)
                if m.country:
                    countries.setdefault(m.canonical, m.country)
            elif m.label == "PERSON":
                names[m.text] += 0
                kinds.setdefault(m.text, "person")
    canon = _canonical_map(names, kinds)

    heard: dict[str, set[str]] = defaultdict(set)
    for a in analyses:
        for item in list(a.quotes) + list(a.claims):
            if not item.speaker:
                continue
            name = canon.get(item.speaker, item.speaker)
            if name != item.speaker:
                surfaces[name].add(item.speaker)
            item.speaker = name
            country = countries.get(name) or countries.get(item.speaker) or country_of_name(name)
            item.party = party_for(name, country, parties)
            if item.party:
                heard[item.party].add(name)
        for m in a.mentions:
            key = m.canonical or (m.text if m.label == "PERSON" else None)
            if key:
                m.canonical = canon.get(key, key)

    person_place: dict[str, str] = {}
    voiced: set[str] = set()
    if not parties:
        # knowledge-base countries first; places the text ties official voices to fill the gaps
        person_place, voiced = text_voices(analyses, canon)
        for a in analyses:
            for item in list(a.quotes) + list(a.claims):
                if item.speaker and not item.party:
                    item.party = _text_party(item.speaker, person_place, voiced)
                    if item.party:
                        heard[item.party].add(item.speaker)
        parties = {p: sorted(v) for p, v in sorted(heard.items())}
        # re-derive party of each item now that the party keys exist
        for a in analyses:
            for item in list(a.quotes) + list(a.claims):
                if item.speaker:
                    item.party = _party_of(item.speaker, parties, person_place, voiced)

    mention_count: Counter = Counter()
    for a in analyses:
        for m in a.mentions:
            if m.canonical:
                mention_count[m.canonical] += 1
    actors: list[Actor] = []
    k = kbase.load()
    spoken = {item.speaker for a in analyses for item in list(a.quotes) + list(a.claims) if item.speaker}
    for name in sorted(spoken):
        entry = k.lookup(name)
        kind = (entry.kind if entry else kinds.get(name)) or "unknown"
        if kind == "government":
            kind = "organization"
        if kind not in ("person", "organization", "media", "document", "group", "unknown"):
            kind = "unknown"
        party = _party_of(name, parties, person_place, voiced, countries.get(name)) if not from_manifest \
            else party_for(name, countries.get(name) or country_of_name(name), parties)
        actors.append(Actor(name=name, party=party,
                            kind=kind, role=roles.get(name) or (entry.role if entry else None),
                            aliases=sorted(s for s in surfaces.get(name, set()) if s != name),
                            mentions=mention_count.get(name, 0)))
    return actors, parties
