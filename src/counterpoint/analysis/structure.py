"""Document structure: paragraphs and section headings, and the speaker a heading gives the
paragraphs under it ("Trump's Statement", "Xi/Chinese Official Statement", "Remarks by the
Foreign Minister"). Headings are recognised by shape, not by wording: a short line with no final
punctuation, followed by more text."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc, Span

from counterpoint.analysis import lexicon
from counterpoint.analysis.docindex import index_of
from counterpoint.analysis.quotes import paragraphs

# Nouns that make a heading the label of someone's words rather than a topic ("Iran", "Broader Context"):
# data/speakers.yaml, checked by `lexicon`.
STATEMENT_NOUNS = set(lexicon.speakers()["sources"].words("statement_nouns"))
FINAL_PUNCT = ".!?:;,\"”’)"


@dataclass
class Section:
    start: int  # the heading line
    body_start: int
    end: int
    heading: str
    speaker: Optional[Span] = None  # the tokens of the heading that name who is speaking


def is_heading(line: str) -> bool:
    s = line.strip()
    if not s or len(s) > 80 or s[-1] in FINAL_PUNCT or s[0] in "-•*–—(“\"‘'":
        return False
    words = s.split()
    if len(words) > 10:
        return False
    return s[0].isupper() or s[0].isdigit()


def sections(doc: Doc) -> list[Section]:
    text = index_of(doc).text
    paras = paragraphs(text)
    out: list[Section] = []
    for k, (lo, hi) in enumerate(paras):
        if k + 1 < len(paras) and is_heading(text[lo:hi]) and not is_heading(text[paras[k + 1][0]:paras[k + 1][1]]) \
                or (k + 1 < len(paras) and is_heading(text[lo:hi]) and _speaker_tokens(doc, lo, hi) is not None):
            if out:
                out[-1].end = lo
            out.append(Section(lo, paras[k + 1][0], len(text), text[lo:hi].strip(), _speaker_tokens(doc, lo, hi)))
    return out


def _speaker_tokens(doc: Doc, lo: int, hi: int) -> Optional[Span]:
    span = doc.char_span(lo, hi, alignment_mode="expand")
    if span is None:
        return None
    words = {t.lower_ for t in span}
    if not words & STATEMENT_NOUNS:
        return None
    # the first run of proper nouns (or a demonym) names the speaker: "Trump's Statement" -> Trump
    run: list = []
    for t in span:
        if t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") and t.lower_ not in STATEMENT_NOUNS:
            if t.lower_ in STATEMENT_NOUNS:
                break
            run.append(t)
        elif run:
            break
    if not run:
        return None
    return doc[run[0].i: run[-1].i + 1]


def section_at(secs: list[Section], offset: int) -> Optional[Section]:
    for s in secs:
        if s.body_start <= offset < s.end:
            return s
    return None
