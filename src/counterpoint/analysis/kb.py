"""The built-in knowledge base of state actors (data/actors_kb.yaml): country names, demonyms and
capitals, heads of state and government, ministers, spokespeople, government bodies and state media."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from importlib import resources
from typing import Iterator, Optional

import yaml

from counterpoint import yamlfast

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


# Knowledge-base files merged over the built-in one (`--kb FILE`, or the COUNTERPOINT_KB environment
# variable: paths joined by the path separator). The variable carries the choice into worker processes
# (Ray actors, forked parsers); `use_files` sets both.
ENV_VAR = "COUNTERPOINT_KB"


class KBError(ValueError):
    """A knowledge-base file that cannot be read or does not have the layout of actors_kb.yaml."""


def _extra_files() -> tuple[str, ...]:
    return tuple(p for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p)


_extra = _extra_files()  # read once: load() is asked thousands of times per account


def use_files(paths) -> KnowledgeBase:
    """Merge these knowledge-base files over the built-in one for the rest of this process (and the
    worker processes it starts); an empty list goes back to the built-in one. Each file is checked
    first: a KBError names the file that is wrong."""
    global _extra
    paths = tuple(os.path.abspath(os.fspath(p)) for p in paths)
    for p in paths:
        _read_file(p)
    _extra = paths
    if paths:
        os.environ[ENV_VAR] = os.pathsep.join(paths)
    else:
        os.environ.pop(ENV_VAR, None)
    return load()


def _read_file(path: str) -> dict:
    try:
        with open(path, encoding="utf-8") as fh:
            data = yamlfast.safe_load(fh)
    except OSError as e:
        raise KBError(f"{path}: cannot read the knowledge base ({e.strerror or e})") from None
    except yaml.YAMLError as e:
        raise KBError(f"{path}: not valid YAML ({e})") from None
    data = data or {}
    if not isinstance(data, dict) or not isinstance(data.get("countries") or {}, dict):
        raise KBError(f"{path}: a knowledge base is a mapping with `countries:` (see the built-in actors_kb.yaml)")
    for key, c in (data.get("countries") or {}).items():
        if not isinstance(c, dict):
            raise KBError(f"{path}: country {key!r} must be a mapping (names, adjectives, people...)")
        for p in c.get("people") or []:
            if not isinstance(p, dict) or not p.get("name"):
                raise KBError(f"{path}: country {key!r}: every person needs a `name`")
    return data


def merge(base: dict, extra: dict) -> dict:
    """`extra`'s countries over `base`'s: a country key in `extra` replaces the built-in entry of that
    key, a new key adds a country. The file's countries come first, so a name both give resolves to
    the file's entry."""
    countries = dict(extra.get("countries") or {})
    for key, c in (base.get("countries") or {}).items():
        countries.setdefault(key, c)
    sources = "\n".join(s for s in (base.get("sources"), extra.get("sources")) if s)
    return {**base, "countries": countries, "sources": sources}


# A knowledge base given for the current context (the spaCy component's `kb` setting) wins over both.
_override: ContextVar[Optional[KnowledgeBase]] = ContextVar("counterpoint_kb", default=None)


def load() -> KnowledgeBase:
    """The knowledge base in force: one set with `using(...)`, else the built-in one with the files
    of `use_files` merged over it."""
    return _override.get() or _load(_extra)


@lru_cache(maxsize=4)
def _load(extra: tuple[str, ...]) -> KnowledgeBase:
    text = resources.files("counterpoint").joinpath("data/actors_kb.yaml").read_text(encoding="utf-8")
    data = yamlfast.safe_load(text) or {}
    for path in extra:
        data = merge(data, _read_file(path))
    return _build(data)


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
        return _build(yamlfast.safe_load(fh) or {})
