"""Per-article analysis, the same function in every engine: the project's extractors
(`analysis.pipeline.analyze_doc`) plus the features the corpus needs to group stories
(named-entity keys and content terms). Results are plain JSON-able dicts so they cross
process and Ray boundaries unchanged."""
from __future__ import annotations

import dataclasses
from collections import Counter
from typing import Iterable, Iterator

from spacy.attrs import IS_ALPHA, IS_STOP, LENGTH
from spacy.tokens import Doc

from counterpoint.analysis.docindex import index_of
from counterpoint.records import Account

# Entity kinds that identify an event: who, which organisation, where, what.
ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
TERM_POS = {"NOUN", "PROPN", "VERB"}
_DROP = {"the", "'s", "’s", "a", "an"}


def entity_key(ent) -> str | None:
    """A key that names the same actor or place across articles: persons by surname (so "Jane Doe" and
    "Doe" meet), places and organisations by their full lowercased name."""
    toks = [t for t in ent if not (t.is_punct or t.is_space or t.lower_ in _DROP)]
    if not toks:
        return None
    if ent.label_ == "PERSON":
        return "p:" + toks[-1].lower_
    prefix = "g:" if ent.label_ in PLACE_LABELS else ("n:" if ent.label_ == "NORP" else "o:")
    return prefix + " ".join(t.lower_ for t in toks)


def features(doc: Doc) -> dict:
    # Per-token strings from the Doc's index (shared with the extractors that ran on this Doc) and
    # one `to_array` for the flags: the same terms as a pass over Token objects, in the same order.
    ix = index_of(doc)
    entities = []
    for ent in ix.ents:
        if ent.label_ in ENTITY_LABELS:
            key = entity_key(ent)
            if key:
                entities.append([ent.text, ent.label_, ent.start_char, ent.end_char, key])
    terms: Counter = Counter()
    if len(doc):
        flags = doc.to_array([IS_ALPHA, IS_STOP, LENGTH]).tolist()
        lemma, pos = ix.lemma, ix.pos
        terms.update(lemma[i] for i, (alpha, stop, length) in enumerate(flags)
                     if alpha and not stop and length > 2 and pos[i] in TERM_POS)
    return {"entities": entities, "terms": dict(terms), "n_tokens": len(doc),
            "n_sents": len(ix.sents) if doc.has_annotation("SENT_START") else 0}


_ATOMS = (str, int, float, bool, type(None))
_FIELDS: dict[type, tuple[str, ...]] = {}


def _fields(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def _dump(items) -> list[dict]:
    out = []
    for x in items:
        if hasattr(x, "model_dump"):
            out.append(x.model_dump(mode="json"))
        elif dataclasses.is_dataclass(x):
            # what dataclasses.asdict gives, without its deep copy when every field is a plain
            # value (a mention's are): copying a string or number gives the same value
            d = {name: getattr(x, name) for name in _fields(type(x))}
            if not all(type(v) in _ATOMS for v in d.values()):
                d = dataclasses.asdict(x)
            out.append(d)
        else:
            out.append(dict(x))
    return out


def analyze_parsed(doc: Doc, account: Account) -> dict:
    from counterpoint.analysis.pipeline import analyze_doc

    result = {"quotes": [], "claims": [], "figures": [], "timexes": [], "events": [], "mentions": []}
    try:
        a = analyze_doc(doc, account, {})
        result = {"quotes": _dump(a.quotes), "claims": _dump(a.claims), "figures": _dump(a.figures),
                  "timexes": _dump(a.timexes), "events": _dump(a.events),
                  "mentions": _dump(getattr(a, "mentions", []))}
    except Exception as e:  # an extractor failing on one article must not stop a corpus run
        result["error"] = f"analysis failed ({type(e).__name__}: {str(e)[:200]})"
    result.update(features(doc))
    return result


def analyze_accounts(accounts: Iterable[Account], batch_size: int = 16, n_process: int = 1) -> Iterator[dict]:
    """Parse with one nlp.pipe over the stream and analyse each Doc, in input order."""
    from counterpoint.analysis.nlp import load_pipeline

    nlp = load_pipeline()
    pairs = ((a.text, a) for a in accounts)
    for doc, account in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield analyze_parsed(doc, account)
