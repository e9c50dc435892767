"""The word lists of the analysis, read from data files (src/counterpoint/data/*.yaml) and checked.

A data file holds *families*; a family holds named *classes*; a class lists words, or maps words to a
value (a month's number, a number word's value). A family is either

  exclusive: true   every word belongs to at most one of its classes (a reporting verb has one stance,
                    a number word one value): a word listed in two classes is an error, and so is a
                    word listed twice in one class; or
  exclusive: false  its classes are independent sets that may share words (syntax frames: a verb can
                    take both a direct object and an object + infinitive).

    stance:
      exclusive: true
      classes:
        neutral: [say, tell, ...]
        emphatic: [insist, stress, ...]

Every file is read with a YAML loader that also refuses a mapping key given twice (plain YAML keeps
the last one silently). Errors are `LexiconError`s naming the word and the file (and line).

The loaded lexicons are the single source of these words for the analysis; other stages (compare/)
can switch to `numbers()` and `months()` below instead of declaring their own.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Union

import yaml

from counterpoint import yamlfast


class LexiconError(ValueError):
    """A data file of word lists that does not hold together (a word in two exclusive classes...)."""


class _StrictLoader(yamlfast.SafeLoader):
    """SafeLoader that refuses a key given twice in one mapping (on libyaml's parser where PyYAML
    has it: the word files are read at every start, and the pure-Python parser took ~40 ms)."""

    def construct_mapping(self, node, deep=False):
        seen: dict[Any, Any] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise LexiconError(f"{self.name}: {key!r} is listed twice in one mapping "
                                   f"(lines {seen[key] + 1} and {key_node.start_mark.line + 1})")
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)


@dataclass(frozen=True)
class Family:
    name: str
    exclusive: bool
    classes: dict[str, dict[str, Any]]  # class -> word -> value (None for a plain list)

    def words(self, cls: str) -> list[str]:
        """The words of one class, in file order."""
        return list(self.classes[cls])

    def values(self, cls: str) -> dict[str, Any]:
        """word -> value of one class (a class written as a mapping), in file order."""
        return dict(self.classes[cls])

    def class_of(self) -> dict[str, str]:
        """word -> its class (an exclusive family: each word has one)."""
        return {w: c for c, ws in self.classes.items() for w in ws}

    def all_words(self) -> list[str]:
        out: dict[str, None] = {}
        for ws in self.classes.values():
            out.update(dict.fromkeys(ws))
        return list(out)


@dataclass(frozen=True)
class Lexicon:
    source: str
    families: dict[str, Family]

    def __getitem__(self, family: str) -> Family:
        return self.families[family]


def parse(text: str, source: str) -> Lexicon:
    """Read and check the text of a lexicon file; `source` names it in errors."""
    try:
        loader = _StrictLoader(text)
        loader.name = source
        try:
            data = loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.YAMLError as e:
        raise LexiconError(f"{source}: not valid YAML ({e})") from None
    if not isinstance(data, dict):
        raise LexiconError(f"{source}: expected a mapping of families")
    families = {}
    for fname, fam in data.items():
        if not isinstance(fam, dict) or not isinstance(fam.get("classes"), dict) \
                or not isinstance(fam.get("exclusive"), bool):
            raise LexiconError(f"{source}: family {fname!r} needs `exclusive: true|false` and `classes:`")
        classes: dict[str, dict[str, Any]] = {}
        owner: dict[str, str] = {}
        for cname, words in fam["classes"].items():
            if isinstance(words, list):
                items = [(w, None) for w in words]
            elif isinstance(words, dict):
                items = list(words.items())
            else:
                raise LexiconError(f"{source}: class {fname}.{cname} must be a list or a mapping of words")
            entries: dict[str, Any] = {}
            for w, v in items:
                if not isinstance(w, str):
                    raise LexiconError(f"{source}: class {fname}.{cname}: {w!r} is not a word")
                if w in entries:
                    raise LexiconError(f"{source}: {w!r} is listed twice in class {fname}.{cname}")
                if fam["exclusive"] and w in owner:
                    raise LexiconError(f"{source}: {w!r} is listed in two classes of the exclusive family "
                                       f"{fname!r}: {owner[w]} and {cname}")
                entries[w] = v
                owner.setdefault(w, cname)
            classes[cname] = entries
        families[fname] = Family(fname, fam["exclusive"], classes)
    return Lexicon(source, families)


def load_file(path: Union[str, os.PathLike]) -> Lexicon:
    with open(path, encoding="utf-8") as fh:
        return parse(fh.read(), str(path))


@lru_cache(maxsize=None)
def load(name: str) -> Lexicon:
    """The built-in lexicon `data/<name>.yaml` of the package, checked (read once per process)."""
    ref = resources.files("counterpoint").joinpath(f"data/{name}.yaml")
    return parse(ref.read_text(encoding="utf-8"), f"src/counterpoint/data/{name}.yaml")


# -- the lexicons, for callers outside analysis/ ---------------------------------------------------

def numbers() -> Lexicon:
    """data/numbers.yaml: `cardinals` (zero..nineteen), `tens`, `scales` and the counting words."""
    return load("numbers")


def months() -> Family:
    """data/calendar.yaml's `months` family: class `names` (january -> 1 ...) and `abbreviations`."""
    return load("calendar")["months"]


def attribution() -> Lexicon:
    """data/attribution.yaml: stance classes of reporting verbs, syntax frames, attitude words."""
    return load("attribution")


def speakers() -> Lexicon:
    """data/speakers.yaml: `people` (titles, leader, role and office nouns) and `issuers` (document,
    organisation, government and media nouns, news outlets)."""
    return load("speakers")


def compare_words() -> Lexicon:
    """data/compare.yaml: the general words of the compare stage (speech acts, the event's frame,
    parties, words that refer back, topics and salience)."""
    return load("compare")
