"""Readers: one file -> articles (decoded original text, body text, map between them, page metadata).

Formats: plain text (.txt .text .md), HTML (.html .htm .xhtml), JSONL (.jsonl .ndjson), JSON (.json: an
article object or a list of them), WARC (.warc .warc.gz), PDF (.pdf) and Word (.docx) (ingest/documents.py). Files without a known extension are sniffed.
"""
from __future__ import annotations

import io
import re
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import BinaryIO, Iterator, Optional, Union
from urllib.parse import urlparse

from counterpoint import settings
from counterpoint.ingest.dates import normalize_date
from counterpoint.ingest.decode import BOMS, binary_kind, decode_bytes, text_head_problem
from counterpoint.ingest.errors import MAX_FILE_BYTES, MAX_RECORD_BYTES, MAX_WARC_INFLATED_BYTES, BadInput
from counterpoint.ingest.offsets import Run, add_run, identity
from counterpoint.ingest.streams import parse_json
from counterpoint.records import SourcePart

TEXT_EXT = (".txt", ".text", ".md")
HTML_EXT = (".html", ".htm", ".xhtml")
JSONL_EXT = (".jsonl", ".ndjson")
JSON_EXT = (".json",)
WARC_EXT = (".warc", ".warc.gz")
PDF_EXT = (".pdf",)
DOCX_EXT = (".docx",)
KNOWN = TEXT_EXT + HTML_EXT + JSONL_EXT + JSON_EXT + WARC_EXT + PDF_EXT + DOCX_EXT

# Field names accepted in JSONL/JSON articles, in order of preference.
TEXT_FIELDS = ("text", "content", "body", "article", "maintext")
HTML_FIELDS = ("html", "raw_html", "content_html")
ID_FIELDS = ("id", "account", "doc_id", "uid")
URL_FIELDS = ("url", "link", "source_url", "uri")
TITLE_FIELDS = ("title", "headline")
OUTLET_FIELDS = ("outlet", "source", "site", "sitename", "site_name", "publisher", "domain")
DATE_FIELDS = ("published", "date", "published_at", "publish_date", "date_published", "pubdate", "datetime", "timestamp")
LANG_FIELDS = ("language", "lang")


@dataclass
class Article:
    """One document read from a file, before cleaning. `runs` map `body` offsets into `original`."""

    where: str  # the file, or file:line for JSONL
    format: str
    original: str
    body: str
    runs: list[Run]
    encoding: Optional[str] = None
    id_hint: Optional[str] = None
    title: Optional[str] = None
    outlet: Optional[str] = None
    url: Optional[str] = None
    published: Optional[str] = None
    published_source: str = "none"
    language: Optional[str] = None
    extra: dict = field(default_factory=dict)  # side / kind / presents / note given inside JSONL records
    repaired: Optional[tuple[str, list[Run]]] = field(default=None, repr=False)  # body after mojibake repair
    parts: list[SourcePart] = field(default_factory=list)  # pages (PDF) or paragraphs (.docx) of `original`


@dataclass
class Failure:
    """A bad record inside a file whose other records still load (a broken JSONL line)."""

    where: str
    message: str


Item = Union[Article, Failure]


def file_kind(path: Path, head: bytes) -> str:
    name = path.name.lower()
    for kind, exts in (("warc", WARC_EXT), ("html", HTML_EXT), ("jsonl", JSONL_EXT), ("json", JSON_EXT),
                       ("text", TEXT_EXT), ("pdf", PDF_EXT), ("docx", DOCX_EXT)):
        if name.endswith(exts):
            if kind == "text" and _looks_html(head):
                return "html"  # a saved page named .txt
            return kind
    if not path.suffix:
        if head.startswith(b"WARC/") or (head.startswith(b"\x1f\x8b") and b"WARC/" in _gunzip_head(head)):
            return "warc"
        if _looks_html(head):
            return "html"
        if head.startswith(b"%PDF-"):
            return "pdf"
        return "text"
    kind = binary_kind(head)
    detail = f" (binary: {kind})" if kind else ""
    raise BadInput(f"unknown format {path.suffix!r}{detail}; readable formats are {', '.join(KNOWN)}")


def _looks_html(head: bytes) -> bool:
    start = head[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html", b"<?xml version")) and b"<html" in head[:4096].lower()


def _gunzip_head(head: bytes) -> bytes:
    import zlib
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
    except zlib.error:
        return b""


def read_file(path: Path, data: bytes) -> list[Item]:
    """All articles in one file held in memory (see read_stream)."""
    return read_stream(path, io.BytesIO(data))


def read_stream(path: Path, fh: BinaryIO) -> list[Item]:
    """All articles in one open (seekable) file. JSONL and WARC are read record by record with bounded
    reads; other formats whole, up to MAX_FILE_BYTES. Raises BadInput when the whole file is bad."""
    head = fh.read(4096)
    fh.seek(0)
    if not head:
        raise BadInput("empty file")
    kind = file_kind(path, head)
    where = str(path)
    if kind == "warc":
        return read_warc(fh, where)
    if kind == "jsonl":
        return [item for _, item in iter_jsonl(fh, where)]
    data = fh.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise BadInput(f"file over the {MAX_FILE_BYTES // 2**20} MB limit per file")
    if kind in ("pdf", "docx"):
        from counterpoint.ingest.documents import read_docx, read_pdf
        return [(read_pdf if kind == "pdf" else read_docx)(data, where)]
    if kind == "html":
        text, enc = decode_html_bytes(data)
        return [html_article(text, where, "html", enc)]
    text, enc = decode_bytes(data)
    if not text.strip():
        raise BadInput("empty file (only whitespace)")
    if kind == "json":
        return read_json(text, where, enc)
    return [Article(where=where, format="text", original=text, body=text, runs=identity(len(text)), encoding=enc)]


# ---------------------------------------------------------------- HTML

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_HTML_LANG = re.compile(r"""<html[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)?""", re.I)
_BODY = re.compile(r"<body\b[^>]*>", re.I)
# A quoted attribute value over HTML_ATTRIBUTE_CHARS (a data: URI, a JSON blob in data-*): lxml refuses
# a page holding one over 10,000,000 characters, so the whole article was lost; it never holds text.
_LONG_ATTRIBUTE = re.compile(r"""=\s*(?:"[^"]{%d,}"|'[^']{%d,}')""" % ((settings.HTML_ATTRIBUTE_CHARS,) * 2))


def _without_long_attributes(html: str) -> str:
    """The page with every overlong quoted attribute value emptied, for the extractor only (offsets are
    found in the original page)."""
    return _LONG_ATTRIBUTE.sub('=""', html) if len(html) > settings.HTML_ATTRIBUTE_CHARS else html


def decode_html_bytes(data: bytes, declared: Optional[str] = None) -> tuple[str, str]:
    """Decode a page by its byte-order mark, HTTP or <meta> charset, else by detection."""
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        m = _META_CHARSET.search(data[:8192])
        for enc in (declared, m.group(1).decode("ascii", "ignore") if m else None):
            if not enc:
                continue
            try:
                return data.decode(enc), enc.lower()
            except (LookupError, UnicodeDecodeError):
                continue
    return decode_bytes(data)


def html_article(html: str, where: str, fmt: str, encoding: Optional[str], url: Optional[str] = None) -> Article:
    import htmldate
    import trafilatura

    if not html.strip():
        raise BadInput("empty file (only whitespace)")
    page = _without_long_attributes(html)
    try:
        doc = trafilatura.bare_extraction(page, url=url, with_metadata=True, include_comments=False,
                                          include_tables=True, include_images=False, deduplicate=False)
    except Exception as e:  # trafilatura raises assorted lxml errors on broken markup
        raise BadInput(f"could not parse the HTML page ({type(e).__name__})") from None
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not body:
        raise BadInput("no article text found in the HTML page")
    if not any(len(line.split()) >= 6 for line in body.splitlines()):
        # The extractor falls back to whatever text there is; menus alone are not an article.
        raise BadInput(f"no article text found in the HTML page (only short lines such as {body.splitlines()[0][:40]!r})")
    published = None
    try:
        published = htmldate.find_date(page, url=url, extensive_search=False, original_date=True,
                                       max_date=datetime(2100, 1, 1))
    except Exception:  # a date is a nicety; a page without one still loads
        published = None
    lang = _HTML_LANG.search(html[:4096])
    return Article(where=where, format=fmt, original=html, body=body, runs=locate_in_source(body, html),
                   encoding=encoding, title=getattr(doc, "title", None) or None,
                   outlet=getattr(doc, "sitename", None) or None, url=url or getattr(doc, "url", None) or None,
                   published=normalize_date(published), published_source="page metadata" if published else "none",
                   language=lang.group(1).lower() if lang else None)


def locate_in_source(text: str, source: str, window: int = 4000) -> list[Run]:
    """Map extracted text back into the page source: each word is found, in order, where it is
    written verbatim. Words the page spells differently (entities, split by tags) stay unmapped
    and resolve to the next mapped word."""
    body = _BODY.search(source)
    pos = body.end() if body else 0
    runs: list[Run] = []
    tokens = [(m.start(), m.group()) for m in re.finditer(r"\S+", text)]
    misses = 0
    for k, (start, tok) in enumerate(tokens):
        j = source.find(tok, pos, pos + window + len(tok))
        if j < 0 and misses >= 2:
            # Lost sync (a long stretch of markup): look further ahead for a phrase distinctive enough to trust.
            phrase = " ".join(t for _, t in tokens[k:k + 4])
            if len(phrase) >= 20:
                j = source.find(phrase, pos)
        if j < 0:
            misses += 1
            continue
        misses = 0
        add_run(runs, start, j, len(tok))
        pos = j + len(tok)
        nxt = start + len(tok)
        if nxt < len(text) and text[nxt].isspace() and pos < len(source) and source[pos] == text[nxt]:
            add_run(runs, nxt, pos, 1)
            pos += 1
    return runs


# ---------------------------------------------------------------- JSONL / JSON

def _first(record: dict, names: tuple[str, ...]) -> Optional[object]:
    for n in names:
        v = record.get(n)
        if v not in (None, ""):
            return v
    return None


def _as_name(v: object) -> Optional[str]:
    if isinstance(v, dict):  # {"source": {"name": "Daily Planet", "url": ...}}
        v = v.get("name") or v.get("title")
    return str(v).strip() if isinstance(v, (str, int, float)) and str(v).strip() else None


def record_article(record: object, where: str, fmt: str, encoding: Optional[str]) -> Article:
    if not isinstance(record, dict):
        raise BadInput(f"expected a JSON object per article, got {type(record).__name__}", where)
    url = _as_name(_first(record, URL_FIELDS))
    text = _first(record, TEXT_FIELDS)
    html = _first(record, HTML_FIELDS)
    if isinstance(text, str) and text.strip():
        art = Article(where=where, format=fmt, original=text, body=text, runs=identity(len(text)), encoding=encoding)
    elif isinstance(html, str) and html.strip():
        art = html_article(html, where, fmt, encoding, url=url)
    else:
        raise BadInput(f"no article text (one of the fields {', '.join(TEXT_FIELDS + HTML_FIELDS)})", where)
    raw_id = _first(record, ID_FIELDS)
    art.id_hint = str(raw_id) if isinstance(raw_id, (str, int)) else None
    art.url = url or art.url
    art.title = _as_name(_first(record, TITLE_FIELDS)) or art.title
    art.outlet = _as_name(_first(record, OUTLET_FIELDS)) or art.outlet
    raw_date = _first(record, DATE_FIELDS)
    if raw_date is not None:
        d = normalize_date(raw_date)
        if d is None:
            raise BadInput(f"unreadable date {raw_date!r}", where)
        art.published, art.published_source = d, "jsonl metadata"
    lang = _first(record, LANG_FIELDS)
    if isinstance(lang, str) and lang.strip():
        art.language = lang.strip().lower()[:2]
    art.extra = {k: record[k] for k in ("side", "kind", "presents", "note") if isinstance(record.get(k), str) and record[k].strip()}
    return art


def iter_jsonl(fh: BinaryIO, where: str, limit: int = MAX_RECORD_BYTES) -> Iterator[tuple[int, Item]]:
    """(line number, Article or Failure) for each non-blank line of a JSONL stream (plain or gzip,
    `compare` and `corpus ingest` alike). Lines are read with a bounded readline: a line longer than
    `limit` bytes is refused before it is held whole and skipped in small blocks. Lines are UTF-8
    (a line that is not is decoded on its own), or UTF-16/32 when the file starts with that
    byte-order mark. Raises BadInput when the whole stream is bad (binary, empty)."""
    head = fh.read(65536)
    fh.seek(0)
    problem = text_head_problem(head)
    if problem:
        raise BadInput(problem)
    bom = next(((mark, codec, name) for mark, codec, name in BOMS if head.startswith(mark)), None)
    if bom is not None and bom[1] != "utf-8-sig":
        lines = _text_lines(io.TextIOWrapper(fh, encoding=bom[1], newline="\n"), limit)
    else:
        lines = _byte_lines(fh, limit, skip=len(bom[0]) if bom else 0)
    default_enc = bom[2] if bom else "utf-8"
    any_line = False
    n = 0
    try:
        for n, line in enumerate(lines, 1):
            at = f"{where}:{n}"
            if line is None:
                any_line = True
                yield n, Failure(at, f"record over the size limit of {limit // 2**20} MB; not read")
                continue
            enc = default_enc
            if isinstance(line, bytes):
                try:
                    line = line.decode("utf-8")
                except UnicodeDecodeError:
                    try:
                        line, enc = decode_bytes(line)
                    except BadInput as e:
                        any_line = True
                        yield n, Failure(at, e.message)
                        continue
            if not line.strip():
                continue
            any_line = True
            try:
                yield n, record_article(parse_json(line, lines=False), at, "jsonl", enc)
            except BadInput as e:
                yield n, Failure(e.where or at, e.message)
    except (OSError, EOFError, zlib.error, UnicodeDecodeError) as e:  # a cut or corrupt gzip stream, bad UTF-16
        yield n + 1, Failure(f"{where}:{n + 1}", f"truncated or corrupt file ({type(e).__name__}: {str(e)[:120]}); "
                                                 f"the lines after it were not read")
        return
    if not any_line:
        raise BadInput("empty file (only whitespace)")


def _byte_lines(fh: BinaryIO, limit: int, skip: int = 0) -> Iterator[Optional[bytes]]:
    """Lines of a byte stream, each at most `limit` bytes (without its newline); None for a longer one,
    whose rest is read through in blocks of 1 MB and dropped."""
    if skip:
        fh.read(skip)
    while True:
        raw = fh.readline(limit + 1)
        if not raw:
            return
        if len(raw) > limit and not raw.endswith(b"\n"):
            raw = None
            while True:
                rest = fh.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
        yield raw


def _text_lines(fh: io.TextIOWrapper, limit: int) -> Iterator[Optional[str]]:
    """As _byte_lines for a decoded stream (UTF-16/32); `limit` counts characters."""
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith("\n"):
            line = None
            while True:
                rest = fh.readline(1 << 20)
                if not rest or rest.endswith("\n"):
                    break
        yield line


def read_json(text: str, where: str, encoding: Optional[str]) -> list[Item]:
    data = parse_json(text)
    records = data if isinstance(data, list) else [data]
    if not records:
        raise BadInput("empty file (an empty JSON list)")
    out: list[Item] = []
    for n, rec in enumerate(records, 1):
        at = where if len(records) == 1 else f"{where}[{n}]"
        try:
            out.append(record_article(rec, at, "json", encoding))
        except BadInput as e:
            if len(records) == 1:
                raise BadInput(e.message) from None
            out.append(Failure(e.where or at, e.message))
    return out


# ---------------------------------------------------------------- WARC

def read_warc(fh: BinaryIO, where: str, max_inflated: int = MAX_WARC_INFLATED_BYTES) -> list[Item]:
    items = list(iter_warc(fh, where, max_inflated))
    if not items:
        raise BadInput("no HTML responses with article text in the WARC file")
    return items


def iter_warc(fh: BinaryIO, where: str, max_inflated: int = MAX_WARC_INFLATED_BYTES,
              by_offset: bool = False) -> Iterator[Item]:
    """Articles of a WARC stream (plain or gzip), for `compare` and `corpus ingest` alike: each
    `response` with HTTP status 200 and each `resource` record whose content type is HTML. Records
    are named `where#N` (N counts every record), or `where@OFFSET` with `by_offset`.

    Bounds: a record's payload is read up to MAX_RECORD_BYTES (a longer one is one Failure); the
    declared lengths of all records met, read or skipped, may sum to `max_inflated`: reading stops
    before the record that would pass it, so a small gzip bomb is refused before it is inflated.
    A file that cannot be parsed raises BadInput when nothing was read from it, else ends with a
    Failure naming where it broke."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    inflated = 0  # declared (decompressed) bytes of the records met so far, read or skipped
    n = 0
    at = where
    yielded = False
    it = ArchiveIterator(fh)
    try:
        for record in it:
            n += 1
            at = f"{where}@{it.offset}" if by_offset else f"{where}#{n}"
            url = record.rec_headers.get_header("WARC-Target-URI")
            declared = record.rec_headers.get_header("Content-Length") or "0"
            inflated += int(declared) if declared.isdigit() else 0
            if inflated > max_inflated:
                # Stop before the iterator inflates the record to skip it: a small .warc.gz may hold gigabytes.
                yield Failure(at, f"the WARC file inflates to more than {max_inflated // 2**20} MB; "
                                  f"this record and the ones after it were not read")
                return
            yielded = True  # a record was read: a later break is one Failure, not the loss of the file
            if record.rec_type not in ("response", "resource"):
                continue
            if record.rec_type == "response":
                if record.http_headers is None:
                    continue
                status = record.http_headers.get_statuscode()
                ctype = record.http_headers.get_header("Content-Type") or ""
                if status != "200":
                    continue  # redirects and errors are not articles
            else:
                ctype = record.rec_headers.get_header("Content-Type") or ""
            if "html" not in ctype.lower():
                continue  # images, scripts, robots.txt ...
            payload = record.content_stream().read(MAX_RECORD_BYTES + 1)
            if len(payload) > MAX_RECORD_BYTES:
                yield Failure(at, f"record for {url} is over the size limit of {MAX_RECORD_BYTES // 2**20} MB; not read")
                continue
            m = re.search(r"charset=([\w\-:.]+)", ctype, re.I)
            try:
                html, enc = decode_html_bytes(payload, m.group(1) if m else None)
                art = html_article(html, at, "warc", enc, url=url)
            except BadInput as e:
                yield Failure(at, f"{url}: {e.message}")
                continue
            art.url = url or art.url
            if not art.outlet and url:
                art.outlet = urlparse(url).hostname
            warc_date = normalize_date(record.rec_headers.get_header("WARC-Date"))
            if art.published is None and warc_date:
                art.published, art.published_source = warc_date, "warc header"
            yield art
    except ArchiveLoadFailed as e:
        message = f"not a readable WARC file ({str(e).splitlines()[0][:120]})"
    except (EOFError, OSError, ValueError, zlib.error) as e:  # truncated or corrupt gzip members
        message = f"not a readable WARC file ({type(e).__name__}: {str(e)[:120]})"
    else:
        return
    if not yielded:
        raise BadInput(message)
    yield Failure(at, f"{message}; the records after it were not read")
