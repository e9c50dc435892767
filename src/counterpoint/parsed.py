"""Typed records of one parsed account, free of spaCy.

The analysis stage parses each account once with spaCy and freezes the parse into these records
(`analysis/freeze.py`); the compare stage works on them alone. They implement the part of spaCy's
`Doc` / `Token` / `Span` API that compare uses, with spaCy's semantics:

- `ParsedToken`: text, i, idx, lemma_, lower_, pos_, tag_, dep_, ent_type_, is_alpha, is_stop,
  is_punct, is_space, like_num, morph (`.get(feature)` -> list of values), head (the root's head is
  itself), children (in order), subtree (spaCy's order), left_edge, conjuncts, sent, doc.
- `ParsedSpan`: start, end, start_char, end_char, text, label_, root (spaCy's rule), sent, ents,
  doc; iterating, indexing and slicing give tokens.
- `ParsedDoc`: text, tokens by index and slice, sents, ents, noun_chunks, char_span (alignment
  modes 'strict', 'contract', 'expand'), and a sentence index (`sent_of`, `tokens_in`).

Everything a token has is a plain attribute, read without spaCy's string-store lookups; one token
object stands for each index, so identity (`tok.head is tok`) means what it says.
"""
from __future__ import annotations

import bisect
from typing import Iterator, Optional, Union


class Morph:
    """A token's morphological features ('VerbForm=Fin|Tense=Past'): `get(field)` lists the values."""

    __slots__ = ("_features",)

    def __init__(self, features: str = ""):
        out: dict[str, list[str]] = {}
        for part in features.split("|") if features and features != "_" else ():   # "_": none
            field, _, values = part.partition("=")
            out[field] = values.split(",") if values else []
        self._features = out

    def get(self, field: str) -> list[str]:
        return list(self._features.get(field, ()))

    def __str__(self) -> str:
        return "|".join(f"{k}={','.join(v)}" for k, v in self._features.items())


class ParsedToken:
    __slots__ = ("doc", "i", "text", "idx", "whitespace_", "lemma_", "lower_", "pos_", "tag_", "dep_", "ent_type_",
                 "is_alpha", "is_stop", "is_punct", "is_space", "like_num", "morph", "head", "children", "sent")

    def __init__(self, doc: "ParsedDoc", i: int, text: str, idx: int, whitespace_: str, lemma_: str, lower_: str,
                 pos_: str, tag_: str, dep_: str, ent_type_: str, is_alpha: bool, is_stop: bool, is_punct: bool,
                 is_space: bool, like_num: bool, morph: Morph):
        self.doc, self.i, self.text, self.idx, self.whitespace_ = doc, i, text, idx, whitespace_
        self.lemma_, self.lower_, self.pos_, self.tag_, self.dep_ = lemma_, lower_, pos_, tag_, dep_
        self.ent_type_, self.is_alpha, self.is_stop, self.is_punct = ent_type_, is_alpha, is_stop, is_punct
        self.is_space, self.like_num, self.morph = is_space, like_num, morph
        self.head: ParsedToken = self            # set by ParsedDoc
        self.children: tuple[ParsedToken, ...] = ()
        self.sent: Optional[ParsedSpan] = None

    def __len__(self) -> int:
        return len(self.text)

    def __repr__(self) -> str:
        return self.text

    @property
    def lefts(self) -> Iterator["ParsedToken"]:
        return (c for c in self.children if c.i < self.i)

    @property
    def rights(self) -> Iterator["ParsedToken"]:
        return (c for c in self.children if c.i > self.i)

    @property
    def subtree(self) -> Iterator["ParsedToken"]:
        """The token and its descendants, in spaCy's order: each left child's subtree, the token,
        each right child's subtree."""
        stack: list[tuple[ParsedToken, bool]] = [(self, False)]
        while stack:
            tok, expanded = stack.pop()
            if expanded:
                yield tok
                continue
            kids = tok.children
            for c in reversed(kids):
                if c.i > tok.i:
                    stack.append((c, False))
            stack.append((tok, True))
            for c in reversed(kids):
                if c.i < tok.i:
                    stack.append((c, False))

    @property
    def left_edge(self) -> "ParsedToken":
        """The leftmost token of the subtree."""
        return self.doc.tokens[min(t.i for t in self.subtree)]

    @property
    def conjuncts(self) -> tuple["ParsedToken", ...]:
        """The tokens coordinated with this one, itself left out (spaCy's walk: up the 'conj'
        arcs to the first conjunct, then down its right 'conj' children)."""
        start = self
        while start.head is not start and start.dep_ == "conj":
            start = start.head
        queue, output = [start], [start]
        for word in queue:
            for child in word.rights:
                if child.dep_ == "conj":
                    output.append(child)
                    queue.append(child)
        return tuple(w for w in output if w is not self)


class ParsedSpan:
    __slots__ = ("doc", "start", "end", "label_")

    def __init__(self, doc: "ParsedDoc", start: int, end: int, label_: str = ""):
        self.doc, self.start, self.end, self.label_ = doc, start, end, label_

    def __len__(self) -> int:
        return max(0, self.end - self.start)

    def __iter__(self) -> Iterator[ParsedToken]:
        return iter(self.doc.tokens[self.start:self.end])

    def __getitem__(self, key: Union[int, slice]):
        if isinstance(key, slice):
            lo, hi, _ = key.indices(len(self))
            return ParsedSpan(self.doc, self.start + lo, self.start + max(lo, hi))
        n = len(self)
        if key < 0:
            key += n
        if not 0 <= key < n:
            raise IndexError(key)
        return self.doc.tokens[self.start + key]

    def __repr__(self) -> str:
        return self.text

    @property
    def start_char(self) -> int:
        toks = self.doc.tokens
        return toks[self.start].idx if self.start < len(toks) and self.end > self.start else self.end_char

    @property
    def end_char(self) -> int:
        toks = self.doc.tokens
        if self.end > self.start:
            last = toks[self.end - 1]
            return last.idx + len(last.text)
        return toks[self.start].idx if self.start < len(toks) else len(self.doc.text)

    @property
    def text(self) -> str:
        return self.doc.text[self.start_char:self.end_char] if self.end > self.start else ""

    @property
    def sent(self) -> "ParsedSpan":
        """The sentence holding the span's first token."""
        return self.doc.sent_of(self.start)

    @property
    def ents(self) -> list["ParsedSpan"]:
        """The entities wholly inside the span."""
        out = []
        for ent in self.doc.ents:
            if ent.start >= self.start:
                if ent.end <= self.end:
                    out.append(ent)
                else:
                    break
        return out

    @property
    def root(self) -> ParsedToken:
        """spaCy's choice: a sentence root inside the span, else the token whose head lies outside
        the span with the fewest steps to its sentence root (a childless space or punctuation
        mark only when nothing else is there), else the first token."""
        toks = self.doc.tokens
        for i in range(self.start, self.end):
            if toks[i].head is toks[i]:
                return toks[i]
        best, root = len(toks), -1
        for i in range(self.start, self.end):
            tok = toks[i]
            if self.start <= tok.head.i < self.end:
                continue
            if (tok.is_space or tok.is_punct) and not tok.children:
                steps = len(toks) - 1
            else:
                steps, node = 0, tok
                while node.head is not node:
                    node = node.head
                    steps += 1
                    if steps >= len(toks):
                        raise RuntimeError("the parse has a cycle")
            if steps < best:
                best, root = steps, i
        return toks[self.start if root == -1 else root]


class ParsedDoc:
    __slots__ = ("text", "tokens", "sents", "ents", "noun_chunks", "_starts", "_ends", "_sent_ends")

    def __init__(self, text: str):
        self.text = text
        self.tokens: list[ParsedToken] = []
        self.sents: list[ParsedSpan] = []
        self.ents: tuple[ParsedSpan, ...] = ()
        self.noun_chunks: tuple[ParsedSpan, ...] = ()
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._sent_ends: list[int] = []

    def finish(self, heads: list[int], sent_starts: list[int], ents: list[tuple[int, int, str]],
               noun_chunks: list[tuple[int, int]]) -> "ParsedDoc":
        """Link the tokens (`heads`: each token's head index), and set the sentences (the index of
        each sentence's first token), entities and noun chunks."""
        toks = self.tokens
        kids: list[list[ParsedToken]] = [[] for _ in toks]
        for tok, h in zip(toks, heads):
            if h != tok.i:
                tok.head = toks[h]
                kids[h].append(tok)
        for tok, ks in zip(toks, kids):
            if ks:
                tok.children = tuple(ks)
        bounds = sorted(set(s for s in sent_starts if 0 < s < len(toks)))
        self.sents = [ParsedSpan(self, a, b) for a, b in zip([0] + bounds, bounds + [len(toks)])] if toks else []
        for sent in self.sents:
            for k in range(sent.start, sent.end):
                toks[k].sent = sent
        self._sent_ends = [s.end for s in self.sents]
        self.ents = tuple(ParsedSpan(self, a, b, label) for a, b, label in ents)
        self.noun_chunks = tuple(ParsedSpan(self, a, b) for a, b in noun_chunks)
        self._starts = [t.idx for t in toks]
        self._ends = [t.idx + len(t.text) for t in toks]
        return self

    def __len__(self) -> int:
        return len(self.tokens)

    def __iter__(self) -> Iterator[ParsedToken]:
        return iter(self.tokens)

    def __getitem__(self, key: Union[int, slice]):
        if isinstance(key, slice):
            lo, hi, _ = key.indices(len(self.tokens))
            return ParsedSpan(self, lo, max(lo, hi))
        return self.tokens[key]

    def __repr__(self) -> str:
        return f"ParsedDoc({len(self.tokens)} tokens)"

    def excerpt(self, start_char: int, end_char: int) -> "ParsedDoc":
        """The tokens wholly inside the characters [start_char, end_char) as a parse of their own,
        with the labels they have in context: indices and offsets count from the first token, an
        arc to a token outside is cut (a token whose head lies outside is a root, dep_ 'ROOT'), and
        the sentences, entities and noun chunks are those of the context, cut to the excerpt."""
        inner = self.tokens_in(start_char, end_char)
        if not inner:
            return ParsedDoc("").finish([], [], [], [])
        i0, base = inner[0].i, inner[0].idx
        i1 = inner[-1].i + 1
        out = ParsedDoc(self.text[base:inner[-1].idx + len(inner[-1].text)])
        heads, starts = [], []
        for t in inner:
            k = t.i - i0
            outside = not i0 <= t.head.i < i1 or t.head is t
            out.tokens.append(ParsedToken(out, k, t.text, t.idx - base, t.whitespace_, t.lemma_, t.lower_, t.pos_,
                                          t.tag_, "ROOT" if outside and t.head is not t else t.dep_, t.ent_type_,
                                          t.is_alpha, t.is_stop, t.is_punct, t.is_space, t.like_num, t.morph))
            heads.append(k if outside else t.head.i - i0)
            if t.sent is not None and t.sent.start == t.i:
                starts.append(k)
        ents = [(e.start - i0, e.end - i0, e.label_) for e in self.ents if i0 <= e.start and e.end <= i1]
        chunks = [(c.start - i0, c.end - i0) for c in self.noun_chunks if i0 <= c.start and c.end <= i1]
        return out.finish(heads, starts, ents, chunks)

    # -- the sentence index (what `analysis.docindex.DocIndex` gives a spaCy Doc) ---------------
    def sent_of(self, i: int) -> ParsedSpan:
        """The sentence holding token i."""
        return self.sents[bisect.bisect_right(self._sent_ends, i)]

    def tokens_in(self, start: int, end: int) -> list[ParsedToken]:
        """The tokens lying wholly inside the characters [start, end)."""
        i, j = bisect.bisect_left(self._starts, start), bisect.bisect_right(self._ends, end)
        return self.tokens[i:j]

    def _token_at(self, char: int) -> int:
        """The token whose characters, trailing space included, hold `char`; -1 for none."""
        toks = self.tokens
        k = bisect.bisect_right(self._starts, char) - 1
        if k < 0:
            return -1
        tok = toks[k]
        return k if char < tok.idx + len(tok.text) + len(tok.whitespace_) else -1

    def char_span(self, start_idx: int, end_idx: int, alignment_mode: str = "strict") -> Optional[ParsedSpan]:
        """The span of the characters [start_idx, end_idx), aligned to tokens as spaCy does:
        'strict' (both ends on token boundaries, else None), 'contract' (the tokens wholly inside)
        or 'expand' (the tokens at least partly inside)."""
        if alignment_mode not in ("strict", "contract", "expand"):
            raise ValueError(f"unknown alignment mode {alignment_mode!r}")
        toks = self.tokens
        start = self._token_at(start_idx)
        if start < 0 or (alignment_mode == "strict" and start_idx != toks[start].idx):
            return None
        end = self._token_at(end_idx - 1)
        if end < 0 or (alignment_mode == "strict" and end_idx != toks[end].idx + len(toks[end].text)):
            return None
        if alignment_mode == "contract":
            if toks[start].idx < start_idx:
                start += 1
            if end_idx < toks[end].idx + len(toks[end].text):
                end -= 1
            if end < start:
                return None
        elif alignment_mode == "expand":
            if start_idx == toks[start].idx + len(toks[start].text):
                start += 1
        return ParsedSpan(self, start, end + 1)


def index_of(doc: ParsedDoc) -> ParsedDoc:
    """The sentence index of a parse: the records carry their own (`ParsedDoc.sent_of`). Named as
    `analysis.docindex.index_of`, which gives the same lookups over a spaCy Doc."""
    return doc
