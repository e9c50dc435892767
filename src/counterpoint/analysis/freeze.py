"""Freeze a spaCy parse into the spaCy-free records of `counterpoint.parsed`, right after the parse:
the compare stage works on those, and the spaCy Doc can go once the account is analysed."""
from __future__ import annotations

from spacy.attrs import (DEP, ENT_TYPE, HEAD, IDX, IS_ALPHA, IS_PUNCT, IS_SPACE, IS_STOP, LEMMA, LENGTH, LIKE_NUM,
                         LOWER, MORPH, POS, SENT_START, SPACY, TAG)
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc

from counterpoint.parsed import Morph, ParsedDoc, ParsedToken

_COLUMNS = [IDX, LENGTH, SPACY, LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, IS_ALPHA, IS_STOP, IS_PUNCT, IS_SPACE,
            LIKE_NUM, MORPH, HEAD, SENT_START]


def freeze(doc: Doc) -> ParsedDoc:
    """The records of a parsed Doc: every token attribute compare reads, its tree, sentences,
    entities and noun chunks. Read column-wise (`Doc.to_array`), each distinct string looked up once."""
    text = doc.text
    out = ParsedDoc(text)
    n = len(doc)
    if not n:
        return out.finish([], [], [], [])
    arr = doc.to_array(_COLUMNS).astype("int64")   # HEAD is a signed offset
    (idx, length, space, lower, lemma, pos, tag, dep, ent, alpha, stop, punct, is_space, num, morph, head,
     sent_start) = arr.T.tolist()
    strings = doc.vocab.strings
    table: dict[int, str] = {0: ""}

    def s(h: int) -> str:
        v = table.get(h)
        if v is None:
            v = table[h] = strings[h & 0xFFFFFFFFFFFFFFFF]
        return v

    morphs: dict[int, Morph] = {}

    def m(h: int) -> Morph:
        v = morphs.get(h)
        if v is None:
            v = morphs[h] = Morph(s(h))
        return v

    toks = out.tokens
    for i in range(n):
        start = idx[i]
        toks.append(ParsedToken(out, i, text[start:start + length[i]], start, " " if space[i] else "", s(lemma[i]),
                                s(lower[i]), POS_NAMES.get(pos[i], ""), s(tag[i]), s(dep[i]), s(ent[i]),
                                bool(alpha[i]), bool(stop[i]), bool(punct[i]), bool(is_space[i]), bool(num[i]),
                                m(morph[i])))
    heads = [i + h for i, h in enumerate(head)]
    starts = [i for i, v in enumerate(sent_start) if v == 1]
    ents = [(e.start, e.end, e.label_) for e in doc.ents]
    chunks = [(c.start, c.end) for c in doc.noun_chunks] if doc.has_annotation("DEP") else []
    return out.finish(heads, starts, ents, chunks)


def parse(text: str) -> ParsedDoc:
    """One text parsed by the project's pipeline and frozen (tests, and callers building an
    `AccountAnalysis` of their own for the compare stage)."""
    from counterpoint.analysis.nlp import load_pipeline
    return freeze(load_pipeline()(text))
