"""Document structure: paragraphs and section headings, and the speaker a heading gives the
paragraphs under it ("Trump's Statement", "Xi/Chinese Official Statement", "Remarks by the
Foreign Minister"). Headings are recognised by shape, not by wording: a short line with no final
punctuation, followed by more text."""
from __future__ import annotations

import re
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
    author: Optional[str] = None    # a social post's author as its header names them ('Lucía Arvelo')


# A social post's header line, by its shape on X, Threads, Bluesky, Mastodon or Truth Social: the
# author's name (a verified mark after it), the @handle, a separator and the date or age
# ("ADWU Union @ADWUnion · 18 Sep 2026", "Lucía Arvelo ✔ @LuciaArveloC · 9 Jun 2026").
_POST_HEADER = re.compile(r"(?P<name>[^\W\d_][^\n@·•|]{0,58}?)[\s\u2714\u2713\u2611\ufe0f]*"
                          r"@(?P<handle>\w[\w.-]{1,39})\s*[·•|]\s*\S[^\n]{0,40}")
# The line under a header that says whom a post answers ("Replying to @BrenmoorLogistics").
_REPLYING = re.compile(r"\s*Replying to\s+@\w[\w.-]*(?:\s+and\s+@\w[\w.-]*)*\s*")
# A line of short items between separators ("Reply · Repost 412 · Like 1.3K · Views 48K",
# "Home | About | Careers"): page furniture, neither a heading nor a sentence.
_FURNITURE = re.compile(r"[^·•|\n]{1,30}(?:\s*[·•|]\s*[^·•|\n]{1,30}){2,}"
                        # a breadcrumb trail ("Home > Press Room > Spokesperson's Remarks")
                        r"|[A-Z][^>›»\n.!?\d]{0,29}(?:\s*[>›»]\s*[A-Z][^>›»\n.!?\d]{0,39})+"
                        # a bracketed language or edition switch ("[ English | Pellandrian ]")
                        r"|\[\s*[^\]\n|]{1,30}(?:\|\s*[^\]\n|]{1,30}){1,}\]")


@dataclass
class Post:
    """One social post in an account that holds several (a thread, replies, a page of posts)."""
    start: int       # the header line
    body_start: int  # its text (after a 'Replying to' line)
    end: int
    author: str      # the name the header gives
    handle: str
    party: Optional[str] = None   # the party the author speaks for (filled by the analysis)


def posts(text: str) -> list[Post]:
    """The posts of an account, each from its header line to the next header; none when the
    account has no post header."""
    paras = paragraphs(text)
    out: list[Post] = []
    for k, (lo, hi) in enumerate(paras):
        m = _POST_HEADER.fullmatch(text[lo:hi].strip())
        if m is None:
            continue
        body = paras[k + 1][0] if k + 1 < len(paras) else hi
        if k + 1 < len(paras) and _REPLYING.fullmatch(text[paras[k + 1][0]:paras[k + 1][1]]):
            body = paras[k + 2][0] if k + 2 < len(paras) else paras[k + 1][1]
        if out:
            out[-1].end = lo
        out.append(Post(lo, body, len(text), m.group("name").strip(), m.group("handle")))
    return out


# A copyright line and what follows it on the line ("© 2026 Government Press Service. When using
# materials, a hyperlink is required.").
_COPYRIGHT = re.compile(r"(?:©|copyright\b|all rights reserved\b)", re.I)


def is_furniture(line: str) -> bool:
    """A line of short items between separators (navigation, share and reaction counts), or a
    copyright line."""
    s = line.strip()
    return bool(_FURNITURE.fullmatch(s) or _COPYRIGHT.match(s))


# The end of a press release's text and the back matter after it: an end mark on a line of its own
# ("ENDS", "-ends-", "###", "-30-"), or the heading of the notes under it ("Notes to editors",
# "Editor's note", "About Brenmoor Logistics"). What follows is about the issuer, not the event.
_END_MARK = re.compile(r"[-–—\s]*(?:ENDS?|Ends|ends|#\s*#\s*#|-\s*30\s*-)[-–—\s]*")
_NOTES_HEADING = re.compile(r"(?:notes?\s+(?:to|for)\s+editors?|editor['’]?s\s+notes?)\s*:?", re.I)
_ABOUT_HEADING = re.compile(r"About\s+(?:the\s+)?[A-Z][\w&'’.-]*(?:\s+(?:of\s+|the\s+|and\s+)?[A-Z][\w&'’.-]*){0,6}\s*:?")


def back_matter(text: str) -> Optional[int]:
    """Where a release's back matter begins (the line of its end mark or notes heading), or None.
    An 'About <Name>' heading counts only in the second half of the text, where notes stand, and
    only with text after it."""
    paras = paragraphs(text)
    for k, (lo, hi) in enumerate(paras):
        line = text[lo:hi].strip()
        if _END_MARK.fullmatch(line) or _NOTES_HEADING.fullmatch(line):
            return lo
        if _ABOUT_HEADING.fullmatch(line) and lo >= len(text) // 2 and k + 1 < len(paras):
            return lo
    return None


def is_heading(line: str) -> bool:
    s = line.strip()
    if not s or len(s) > 80 or s[-1] in FINAL_PUNCT or s[0] in "-•*–—(“\"‘'" or is_furniture(s):
        return False
    words = s.split()
    if len(words) > 10:
        return False
    return s[0].isupper() or s[0].isdigit()


def sections(doc: Doc) -> list[Section]:
    text = index_of(doc).text
    paras = paragraphs(text)
    out: list[Section] = []
    heads = {p.start: p for p in posts(text)}
    for k, (lo, hi) in enumerate(paras):
        if lo in heads:
            # a post: its author speaks its words
            post = heads[lo]
            name_at = text.index(post.author, lo)
            if out:
                out[-1].end = lo
            out.append(Section(lo, post.body_start, len(text), text[lo:hi].strip(),
                               doc.char_span(name_at, name_at + len(post.author), alignment_mode="expand"),
                               author=post.author))
            continue
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
    # the first run of proper nouns (or a demonym) names the speaker: "Trump's Statement" -> Trump;
    # not a date ("Sunday 15 November 2026 · Press statement") nor a place the heading says the
    # statement is about ("Statement following disorder at Veldt Square")
    run: list = []
    for t in list(span) + [None]:
        if t is not None and t.ent_type_ not in ("DATE", "TIME") and (
                t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") and t.lower_ not in STATEMENT_NOUNS):
            if t.lower_ in STATEMENT_NOUNS:
                break
            run.append(t)
        elif run:
            if not _under_place_preposition(run):
                break
            run = []
    if not run:
        return None
    return doc[run[0].i: run[-1].i + 1]


# Prepositions under which a heading's proper noun is who speaks ("Remarks by the Foreign Minister",
# "Statement of the Ministry", "Message from the President"); under any other it is where or what.
_SPEAKER_PREPOSITIONS = {"by", "of", "from"}


def _under_place_preposition(run: list) -> bool:
    head = run[-1]
    while head.dep_ in ("compound", "flat", "amod") and head.head is not head:
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ not in _SPEAKER_PREPOSITIONS


def section_at(secs: list[Section], offset: int) -> Optional[Section]:
    for s in secs:
        if s.body_start <= offset < s.end:
            return s
    return None
