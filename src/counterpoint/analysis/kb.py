"""The built-in knowledge base of state actors (data/actors_kb.yaml): country names, demonyms and
capitals, heads of state and government, ministers, spokespeople, government bodies and state media."""
from __future__ import annotations

import re
from dataclasses import dataclass
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from importlib import resources
from typing import Iterator, Optional

import yaml

LEADER_ROLES = {"head_of_state", "head_of_government"}


_POSSESSIVE = re.compile(r"'s\b")
_ARTICLE = re.compile(r"^(the|a|an)\s+")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1 << 16)  # asked for the same few words thousands of times per account
def norm(s: str) -> str:
    """Lower-case, dots and apostrophe variants folded, leading article dropped: the key for lookups."""
    s = s.replace("\u2019", "'").replace(".", "").lower()
    s = _POSSESSIVE.sub("", s)
    s = _ARTICLE.sub("", s.strip())
    return _SPACES.sub(" ", s).strip()


@dataclass(frozen=True)
class Entry:
    name: str
    country: str
    kind: str  # person | organization | media
    role: Optional[str] = None
    title: Optional[str] = None
    current: bool = True


@dataclass
class KnowledgeBase:
    countries: dict[str, dict]
    sources: str
    by_name: dict[str, Entry]
    country_words: dict[str, str]  # normalised country name / adjective / capital -> key
    capitals: dict[str, str]

    def country_of(self, text: str) -> Optional[str]:
        """The country a name, demonym or capital denotes ("Chinese", "U.S.", "Beijing")."""
        return self.country_words.get(norm(text))

    def lookup(self, name: str) -> Optional[Entry]:
        return self.by_name.get(norm(name))

    def people(self, country: str) -> list[Entry]:
        return [e for e in self.by_name.values() if e.country == country and e.kind == "person"]

    def office_holder(self, country: str, word: str) -> Optional[Entry]:
        """The current holder of an office described by a role word ("president", "leader",
        "foreign minister") in a country, when the knowledge base has one."""
        people = [e for e in self.people(country) if e.current]
        exact = [e for e in people if e.title and (e.title == word or e.title.endswith(" " + word))]
        if exact:
            return exact[0]
        if word in ("leader", "counterpart", "head"):
            leaders = [e for e in people if e.role in LEADER_ROLES]
            return leaders[0] if leaders else None
        if word == "minister" or word == "foreign minister":
            fm = [e for e in people if e.role == "foreign_minister"]
            return fm[0] if fm else None
        if word in ("spokesperson", "spokesman", "spokeswoman"):
            sp = [e for e in people if e.role == "spokesperson"]
            return sp[0] if len(sp) == 1 else None
        return None

    def adjective(self, country: str) -> str:
        adj = self.countries.get(country, {}).get("adjectives") or [country]
        return adj[0]

    def match_party(self, country: Optional[str], party_keys: list[str]) -> Optional[str]:
        """The manifest party key that names `country` ("US" for "United States"), if any."""
        if not country:
            return None
        for key in party_keys:
            if key == country or self.country_of(key) == country:
                return key
        return None


def _build(data: dict) -> KnowledgeBase:
    by_name: dict[str, Entry] = {}
    words: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for key, c in (data.get("countries") or {}).items():
        for w in [key] + list(c.get("names") or []) + list(c.get("adjectives") or []):
            words.setdefault(norm(w), key)
        for w in c.get("capitals") or []:
            words.setdefault(norm(w), key)
            capitals[norm(w)] = key
        for p in c.get("people") or []:
            e = Entry(p["name"], key, "person", p.get("role"), p.get("title"), "years" not in p)
            for alias in [p["name"]] + list(p.get("aliases") or []):
                by_name.setdefault(norm(alias), e)
        for b in c.get("bodies") or []:
            by_name.setdefault(norm(b), Entry(b, key, "organization"))
        for m in c.get("state_media") or []:
            by_name.setdefault(norm(m), Entry(m, key, "media"))
    return KnowledgeBase(countries=data.get("countries") or {}, sources=data.get("sources", ""),
                         by_name=by_name, country_words=words, capitals=capitals)


# A knowledge base given for the current context (the spaCy component's `kb` setting), else the built-in one.
_override: ContextVar[Optional[KnowledgeBase]] = ContextVar("counterpoint_kb", default=None)


def load() -> KnowledgeBase:
    """The knowledge base in force: one set with `using(...)`, else the built-in one."""
    return _override.get() or _builtin()


@lru_cache(maxsize=1)
def _builtin() -> KnowledgeBase:
    text = resources.files("counterpoint").joinpath("data/actors_kb.yaml").read_text(encoding="utf-8")
    return _build(yaml.safe_load(text) or {})


@contextmanager
def using(kb: Optional[KnowledgeBase]) -> Iterator[None]:
    """Use `kb` instead of the built-in knowledge base inside the block (None: the built-in one)."""
    token = _override.set(kb)
    try:
        yield
    finally:
        _override.reset(token)


def from_file(path) -> KnowledgeBase:
    with open(path, encoding="utf-8") as fh:
        return _build(yaml.safe_load(fh) or {})
