"""Boilerplate that survives in plain text: page furniture removed line by line, by the shape of the line.

Only whole lines go, and only lines without the structure of running text: a heading such as
"Iran" or "What was discussed regarding Taiwan?" stays, because nothing marks it as page furniture.
Each line is described by features (word count, sentence punctuation, share of interface words,
separators, screen-reader list markers, position before or after the running text, repetition) and
removed when the features together describe a widget:

- screen-reader list announcements ("list of N items" ... "end of list") and the items between them;
- link lists: three or more short items joined by separators (Home | World | Asia);
- interface lines made only of interface words (Share this article, Advertisement, Sign up ...);
- a label plus a link to another story ("Read more: ...", "See also - "), or a related-stories
  label followed by title-case headlines;
- calls to action aimed at the reader (an interface verb such as follow/subscribe with a social
  network, newsletter or podcast as its object), and picture credit lines ("J. Roe/Getty Images");
- cookie and consent notices, and rights notices ("All materials may be reproduced with a link to
  the source", "© 2027 ... All rights reserved");
- a language selector above the running text;
- the heading of a removed list widget (a short line with no sentence punctuation right before it);
- a line that repeats the line before it, and short lines repeated above or below the running text
  of several accounts (site furniture shared by pages of one outlet).

Every removal is returned with its reason, so the report shows what went.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Optional

from counterpoint.ingest.offsets import Run, TextBuilder

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*\s*$")
# A dateline leads into the first paragraph ("CITY, Country (Agency) _" / "CITY —"): article text, not
# furniture, even when several accounts share it.
_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'’-]+(?:,[^,()\n]{1,40})?\s*(?:\([^()\n]{1,40}\))?\s*(?:_|—|–|--?)\s*$")
_LIST_OPEN = re.compile(r"\blist of (\d+) items?", re.I)
_LIST_CLOSE = re.compile(r"\bend of list\b", re.I)
_SEPARATORS = re.compile(r"\s*(?:\||•|·|»|›|▸|►|◦|‣)\s*")
_CTA = re.compile(
    r"^\W*(?:also read|read also|read more|read next|more on this(?: story)?|see also|related(?: stories| articles| coverage| content| news| reading)?"
    r"|(?:must|editor'?s?) (?:read|picks?)|don'?t miss|watch|listen|recommended(?: for you)?|more from \w+|tags?|topics|filed under)"
    r"\s*[:\-–—|>»]\s*\S", re.I)
_CTA_LABEL = re.compile(
    r"^\W*(?:also read|read also|read more|read next|more on this(?: story)?|see also|related(?: stories| articles| coverage| content| news| reading)?"
    r"|(?:must|editor'?s?) (?:read|picks?)|don'?t miss|recommended(?: for you)?|more from \w+)\s*:?\W*$", re.I)
# A call to action aimed at the reader: an interface verb first, an interface object after it.
_CTA_VERB = re.compile(r"^\W*(?:follow|subscribe|sign up|like|share|listen|watch|download|click|tap|join|get)\b", re.I)
_CTA_OBJECT = re.compile(r"@\w|\b(?:twitter|facebook|instagram|telegram|whatsapp|youtube|tiktok|linkedin|newsletters?"
                         r"|podcasts?|app|rss|notifications|alerts)\b", re.I)
# Credit lines under pictures ("Jane Roe/Getty Images", "Photo: Jane Roe"); captions themselves stay.
_CREDIT_WORDS = r"(?:getty(?: images)?|shutterstock|afp|ap photo|epa(?:-efe)?|pool|handout|images|photos?|pictures)"
_CREDIT = re.compile(
    rf"^\W*(?:(?:photo(?:graph)?|image|picture|credit)s?\s*(?:by\b|:)\s*[^.!?]{{0,60}}|[^/\n]{{0,40}}/\s*(?:[\w.'-]+\s+)?{_CREDIT_WORDS}"
    rf"|{_CREDIT_WORDS})\W*$", re.I)
_COOKIE = re.compile(r"\bcookies?\b", re.I)
_CONSENT = re.compile(r"\b(?:consent|accept|agree|privacy|policy|preferences|settings)", re.I)
_READER = re.compile(r"\b(?:we|our|you|your|this (?:site|website|page))\b", re.I)
_HEADLINE_WORD = re.compile(r"[^\W\d_]{4,}")

# Words of page furniture. A line counts as interface text when every word is one of these and at
# least one is an action word (not a generic label such as "more" or "latest").
_UI_ACTIONS = set("""
advertisement advertisements advert advertising sponsored share shares shared subscribe subscribed subscription
subscriptions newsletter newsletters signup sign login log logout register follow print email e-mail whatsapp facebook
twitter linkedin telegram reddit pinterest instagram youtube tiktok x flipboard copy copied skip menu search close
loading scroll download app apps podcast podcasts listen play playing watch video videos gallery photos comment
comments reply cookies cookie bookmark save saved tweet rss feed feeds notifications alerts donate
""".split())
_UI_LABELS = set("""
article story stories this our us the to on in for of and or with up out main content more read reading min mins minute
minutes next previous prev back top home page link links here now click tap free via by your you all see related latest
trending popular recommended full view open audio also continue site new
""".split())
_LANGUAGES = set("""
english français francais french español espanol spanish deutsch german العربية arabic 中文 简体中文 繁體中文 chinese
русский russian português portugues portuguese italiano italian 日本語 japanese 한국어 korean हिन्दी hindi türkçe
turkish bahasa tiếng việt vietnamese polski polish nederlands dutch українська ukrainian فارسی
persian urdu اردو kiswahili swahili ελληνικά greek עברית hebrew language languages edition
""".split())

LIST_WIDGET = "list widget"


@dataclass
class Line:
    start: int  # offset of the first character in the text
    end: int  # offset after the last character, newline excluded
    raw: str  # the line without its newline
    words: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.raw.strip()

    @property
    def blank(self) -> bool:
        return not self.raw.strip()

    @property
    def sentence_end(self) -> bool:
        return bool(_SENTENCE_END.search(self.raw))

    @property
    def prose(self) -> bool:
        """Running text: a sentence of some length, not a heading or a widget."""
        return len(self.words) >= 12 or (len(self.words) >= 6 and self.sentence_end)


def split_lines(text: str) -> list[Line]:
    lines, pos = [], 0
    for chunk in text.splitlines(keepends=True):
        body = chunk.rstrip("\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85")
        lines.append(Line(pos, pos + len(body), body, _WORD.findall(body)))
        pos += len(chunk)
    return lines


def normalize_line(s: str) -> str:
    return " ".join(w.lower() for w in _WORD.findall(s))


def furniture_lines(text: str) -> set[str]:
    """Normalised short lines above or below the running text: candidates for cross-account repetition."""
    lines = split_lines(text)
    prose = [i for i, ln in enumerate(lines) if ln.prose]
    if not prose:
        return set()
    edge = [ln for i, ln in enumerate(lines) if (i < prose[0] or i > prose[-1]) and _short_label(ln)]
    return {normalize_line(ln.raw) for ln in edge}


def _short_label(line: Line) -> bool:
    return 0 < len(line.words) <= 12 and not line.sentence_end


def _interface_line(line: Line) -> bool:
    words = [w.lower() for w in line.words if not w.isdigit()]
    if not words or len(line.words) > 10 or line.sentence_end and not line.raw.rstrip().endswith(":"):
        return False
    return all(w in _UI_ACTIONS or w in _UI_LABELS for w in words) and any(w in _UI_ACTIONS for w in words)


def _link_list(line: Line) -> bool:
    parts = [p for p in _SEPARATORS.split(line.text) if p.strip()]
    if len(parts) < 3 or line.sentence_end:
        return False
    # Bylines share the separators ("By A. Writer · March 3, 2025 · 5 min read") but carry numbers.
    if any(ch.isdigit() for ch in line.raw) or parts[0].lower().startswith("by "):
        return False
    return all(len(_WORD.findall(p)) <= 5 for p in parts)


def _cookie_notice(line: Line) -> bool:
    # Cookies, consent and an address to the reader together: a notice, not a story about biscuits.
    return bool(_COOKIE.search(line.raw) and _CONSENT.search(line.raw) and _READER.search(line.raw)) \
        and len(line.words) <= 60


# The page's terms of reuse: '© 2027 Tidewire. All rights reserved.', 'All materials may be reproduced
# with a link to the source.', 'This article may not be republished without permission.'
_COPY_SIGN = r"(?:^|(?<=[\s(]))©\s*(?:\d|[A-Z])"   # (not the '©' of a mis-decoded 'é': 'clichÃ©')
_RIGHTS = re.compile(rf"{_COPY_SIGN}|\bcopyright\s+(?:\(c\)\s*)?(?:19|20)\d\d\b|\ball rights reserved\b|\b(?:may|must|can)(?:\s+not|n['’]t)?\s+be\s+"
                     r"(?:reproduced|republished|reprinted|redistributed|copied)\b", re.I)
_RIGHTS_OBJECT = re.compile(rf"{_COPY_SIGN}|\bcopyright\b|\brights\s+reserved\b|\b(?:material|materials|content|article|text|source|"
                            r"permission|link|consent|credit)\b", re.I)


def _rights_notice(line: Line) -> bool:
    """A line of the page's terms of reuse: a reproduction or rights formula with what it is about
    (the materials, the source, a permission), short."""
    return len(line.words) <= 25 and bool(_RIGHTS.search(line.raw) and _RIGHTS_OBJECT.search(line.raw))


def _call_to_action(line: Line) -> bool:
    return len(line.words) <= 20 and bool(_CTA_VERB.search(line.raw) and _CTA_OBJECT.search(line.raw))


def _headline(line: Line) -> bool:
    """A title-case line of a few words: the shape of a link to another story."""
    words = _HEADLINE_WORD.findall(line.raw)
    if not (3 <= len(line.words) <= 20) or len(words) < 2:
        return False
    return sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _language_selector(line: Line) -> bool:
    words = [w.lower() for w in line.words]
    return bool(words) and len(words) <= 12 and all(w in _LANGUAGES for w in words) and \
        any(w not in ("language", "languages", "edition") for w in words)


def find_boilerplate(text: str, shared_furniture: Optional[dict[str, int]] = None) -> list[tuple[int, str]]:
    """(line index, reason) for every line to remove. `shared_furniture` maps normalised edge lines
    to the number of accounts whose edges carry them."""
    lines = split_lines(text)
    reasons: dict[int, str] = {}
    prose = [i for i, ln in enumerate(lines) if ln.prose]
    first_prose = prose[0] if prose else len(lines)
    last_prose = prose[-1] if prose else -1

    i = 0
    while i < len(lines):
        ln = lines[i]
        if ln.blank:
            i += 1
            continue
        opened = _LIST_OPEN.search(ln.raw)
        if (opened or _LIST_CLOSE.search(ln.raw)) and len(ln.words) <= 15:
            reasons[i] = f"{LIST_WIDGET}: screen-reader list marker"
            if opened and not _LIST_CLOSE.search(ln.raw):
                # The items announced by the marker, up to "end of list" (bounded by the announced count).
                want = int(opened.group(1))
                j, seen = i + 1, 0
                while j < len(lines) and seen <= want + 1:
                    if _LIST_CLOSE.search(lines[j].raw) and len(lines[j].words) <= 15:
                        for k in range(i + 1, j + 1):
                            if not lines[k].blank:
                                reasons[k] = f"{LIST_WIDGET}: item of an announced list" if k < j else \
                                    f"{LIST_WIDGET}: screen-reader list marker"
                        break
                    seen += 0 if lines[j].blank else 1
                    j += 1
        elif _link_list(ln):
            reasons[i] = f"{LIST_WIDGET}: link list"
        elif _CTA.search(ln.raw) and len(ln.words) <= 25:
            reasons[i] = "link to another story"
        elif _CTA_LABEL.search(ln.raw) and ln.words:
            # A related-stories label; it goes when headlines follow it, with them.
            j, heads = i + 1, []
            while j < len(lines) and (lines[j].blank or _headline(lines[j])):
                if not lines[j].blank:
                    heads.append(j)
                j += 1
            if heads:
                reasons[i] = f"{LIST_WIDGET}: heading of the widget"
                for k in heads:
                    reasons[k] = f"{LIST_WIDGET}: link to another story"
                i = j
                continue
        elif _call_to_action(ln):
            reasons[i] = "call to action"
        elif len(ln.words) <= 8 and _CREDIT.search(ln.raw):
            reasons[i] = "picture credit"
        elif _interface_line(ln):
            reasons[i] = "interface text"
        elif _cookie_notice(ln):
            reasons[i] = "cookie notice"
        elif _rights_notice(ln):
            reasons[i] = "rights notice"
        elif i < first_prose and _language_selector(ln):
            reasons[i] = "language selector"
        i += 1

    # A short heading with no sentence punctuation directly above a removed list widget is its title.
    for i, ln in enumerate(lines):
        if i in reasons or ln.blank or not (0 < len(ln.words) <= 6) or ln.sentence_end:
            continue
        j = i + 1
        while j < len(lines) and lines[j].blank:
            j += 1
        if j < len(lines) and reasons.get(j, "").startswith(LIST_WIDGET):
            reasons[i] = f"{LIST_WIDGET}: heading of the widget"

    previous: Optional[str] = None
    for i, ln in enumerate(lines):
        if ln.blank or i in reasons:
            continue
        norm = normalize_line(ln.raw)
        if norm and norm == previous:
            reasons[i] = "repeats the line before"
        elif shared_furniture and (i < first_prose or i > last_prose) and _short_label(ln) \
                and shared_furniture.get(norm, 0) >= 3 and not _DATELINE.match(ln.raw):
            reasons[i] = f"repeated at the edge of {shared_furniture[norm]} accounts"
        previous = norm
    return sorted(reasons.items())


@dataclass
class Cleaned:
    text: str
    runs: list[Run]  # cleaned text -> input text
    removed: list[tuple[int, int, str, str]]  # (start, end, text, reason) in the input text


def remove_boilerplate(text: str, shared_furniture: Optional[dict[str, int]] = None) -> Cleaned:
    """Drop boilerplate lines (with their line breaks, and the blank line a removal leaves doubled)."""
    found = dict(find_boilerplate(text, shared_furniture))
    if not found:
        return Cleaned(text, [(0, 0, len(text))] if text else [], [])
    lines = split_lines(text)
    builder = TextBuilder(text)
    removed = []
    after_blank, dropping = True, False
    for i, ln in enumerate(lines):
        line_end = lines[i + 1].start if i + 1 < len(lines) else len(text)
        if i in found:
            removed.append((ln.start, ln.end, ln.raw, found[i]))
            dropping = True
            continue
        if ln.blank and dropping and after_blank:
            continue
        builder.keep(ln.start, line_end)
        dropping, after_blank = False, ln.blank
    return Cleaned(builder.text(), builder.runs, removed)


def shared_furniture_counts(texts: Iterable[str]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for t in texts:
        counts.update(furniture_lines(t))
    return {k: v for k, v in counts.items() if v >= 2}
