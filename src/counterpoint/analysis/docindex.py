"""Lookups over one parsed Doc that several extractors need, built once per Doc.

spaCy builds `doc.text`, `doc.sents` and `doc.ents` anew on every access (joining every token, or
making a Span per sentence or entity), and every `doc[i]` or pass over a Span makes new Token
objects. Asked per token, per sentence or per quote, that made the extractors cost a fifth of the
parse itself. Each lookup here is computed on first use and kept: the text, the sentences, the
entities and which entity each token is in, and per-token strings (lower form, lemma, tags) read
in one go through `Doc.to_array`, for scans that need no Token object.
"""
from __future__ import annotations

import bisect
from functools import cached_property
from typing import Optional

from spacy.attrs import DEP, ENT_TYPE, IDX, LEMMA, LOWER, ORTH, POS, SPACY, TAG
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc, Span, Token


class DocIndex:
    """Per-Doc lookups. They describe the Doc as it was when first asked: a Doc changed afterwards
    (retokenized, re-annotated) needs a new index (`index_of(doc, fresh=True)`)."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.memo: dict = {}  # results of whole-Doc passes that more than one extractor asks for

    @cached_property
    def text(self) -> str:
        # what `doc.text` joins, read from the arrays: each token's text plus its trailing space
        # (spaCy keeps any other whitespace as tokens of its own)
        doc = self.doc
        if not len(doc):
            return doc.text
        orth, space = doc.to_array([ORTH, SPACY]).T.tolist()
        words = _strings(doc, orth)
        return "".join([w + " " if sp else w for w, sp in zip(words, space)])

    @cached_property
    def _tokens(self) -> list[Optional[Token]]:
        return [None] * len(self.doc)

    def token(self, i: int) -> Token:
        """`doc[i]`, one Token object per index however often asked."""
        t = self._tokens[i]
        if t is None:
            t = self._tokens[i] = self.doc[i]
        return t

    def token_range(self, i: int, j: int) -> list[Token]:
        return [self.token(k) for k in range(i, j)]

    # -- sentences --------------------------------------------------------------------------------
    @cached_property
    def sents(self) -> list[Span]:
        return list(self.doc.sents)

    @cached_property
    def _sent_ends(self) -> list[int]:
        return [s.end for s in self.sents]

    def sent_of(self, i: int) -> Span:
        """The sentence holding token i (what `doc[i].sent` gives, without rebuilding it)."""
        return self.sents[bisect.bisect_right(self._sent_ends, i)]

    # -- entities ---------------------------------------------------------------------------------
    @cached_property
    def ents(self) -> tuple[Span, ...]:
        return tuple(self.doc.ents)

    @cached_property
    def _ent_of_token(self) -> list[int]:
        out = [-1] * len(self.doc)
        for k, e in enumerate(self.ents):
            for i in range(e.start, e.end):
                out[i] = k
        return out

    def ent_at(self, i: int) -> Optional[Span]:
        """The entity token i is part of (entities do not overlap), or None."""
        k = self._ent_of_token[i]
        return self.ents[k] if k >= 0 else None

    # -- per-token strings, without Token objects ---------------------------------------------------
    @cached_property
    def _arrays(self) -> dict[str, list]:
        doc = self.doc
        if not len(doc):
            return {k: [] for k in ("idx", "lower", "lemma", "pos", "tag", "dep", "ent_type")}
        cols = doc.to_array([IDX, LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE]).T.tolist()
        return {"idx": cols[0], "lower": _strings(doc, cols[1]), "lemma": _strings(doc, cols[2], str.lower),
                "pos": [POS_NAMES.get(p, "") for p in cols[3]], "tag": _strings(doc, cols[4]),
                "dep": _strings(doc, cols[5]), "ent_type": _strings(doc, cols[6])}

    @property
    def idx(self) -> list[int]:
        """Character offset of each token (`Token.idx`)."""
        return self._arrays["idx"]

    @property
    def lower(self) -> list[str]:
        return self._arrays["lower"]

    @property
    def lemma(self) -> list[str]:
        """`Token.lemma_.lower()` of each token."""
        return self._arrays["lemma"]

    @property
    def pos(self) -> list[str]:
        return self._arrays["pos"]

    @property
    def tag(self) -> list[str]:
        return self._arrays["tag"]

    @property
    def dep(self) -> list[str]:
        return self._arrays["dep"]

    @property
    def ent_type(self) -> list[str]:
        return self._arrays["ent_type"]


def _strings(doc: Doc, hashes: list[int], fold=None) -> list[str]:
    """The strings of a column of hashes, each distinct one looked up (and folded) once."""
    strings = doc.vocab.strings
    table = {h: (strings[h] if h else "") for h in set(hashes)}
    if fold is not None:
        table = {h: fold(s) for h, s in table.items()}
    return [table[h] for h in hashes]


# The extractors of one account run one after another on the same Doc: remembering the last Doc's
# index is all the sharing they need, and holds on to no more than one Doc.
_last: Optional[tuple[Doc, DocIndex]] = None


def index_of(doc: Doc, fresh: bool = False) -> DocIndex:
    global _last
    last = _last  # one read: another thread may replace it meanwhile
    if not fresh and last is not None and last[0] is doc:
        return last[1]
    ix = DocIndex(doc)
    _last = (doc, ix)
    return ix


def forget() -> None:
    """Drop the remembered index (benchmarks timing a Doc's analysis more than once)."""
    global _last
    _last = None
