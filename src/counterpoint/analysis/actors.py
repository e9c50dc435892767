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
from counterpoint.records import Actor

# words too common to tie a speaker to a party on their own
GENERIC = {"the", "of", "and", "government", "state", "media", "house", "office", "ministry", "foreign",
           "affairs", "administration", "official", "officials", "department", "side", "statement", "news",
           "agency", "president", "minister", "prime", "national", "security", "council", "party", "people",
           "republic", "united", "new", "mr", "ms", "dr", "de", "van", "von", "der", "al", "el", "press"}


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
        best, best_n = None, 0
        for key, names in parties.items():
            for alias in names:
                if kbase.norm(alias) == kbase.norm(name):
                    return key
                n = len(words & _words(alias))
                if n > best_n:
                    best, best_n = key, n
        if best:
            return best
        return k.match_party(country or country_of_name(name), list(parties))
    return country or country_of_name(name)


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


def _canonical_map(names: Counter) -> dict[str, str]:
    """Map each name to the fullest name it abbreviates across the case ("Kim" -> "Patricia Kim")."""
    k = kbase.load()
    out: dict[str, str] = {}
    ordered = sorted(names, key=lambda n: (-len(n.split()), -names[n]))
    for n in ordered:
        entry = k.lookup(n)
        if entry and entry.kind == "person":
            out[n] = entry.name
            continue
        parts = n.split()
        longer = [m for m in ordered if len(m.split()) > len(parts) and m.split()[-len(parts):] == parts
                  and m[0].isupper()]
        out[n] = out.get(longer[0], longer[0]) if len(set(longer)) >= 1 and parts[0][:1].isupper() and longer else n
    return out


def resolve(analyses, parties):
    parties = dict(parties or {})
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
    canon = _canonical_map(names)

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

    if not parties:
        parties = {p: sorted(v) for p, v in sorted(heard.items())}
        # re-derive party of each item now that the party keys exist
        for a in analyses:
            for item in list(a.quotes) + list(a.claims):
                if item.speaker:
                    item.party = party_for(item.speaker, country_of_name(item.speaker), parties) if parties else None

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
        actors.append(Actor(name=name, party=party_for(name, countries.get(name) or country_of_name(name), parties),
                            kind=kind, role=roles.get(name) or (entry.role if entry else None),
                            aliases=sorted(s for s in surfaces.get(name, set()) if s != name),
                            mentions=mention_count.get(name, 0)))
    return actors, parties
