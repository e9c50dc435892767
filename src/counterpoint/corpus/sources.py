"""Stream articles out of folders, JSONL and WARC files, one record at a time (never a whole file in
memory). Each record becomes an Account; a bad record becomes a Problem naming file and place."""
from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional, Union
from urllib.parse import urlsplit

from counterpoint.records import Account, Problem

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz"}
WARC_SUFFIXES = {".warc", ".warc.gz"}
# Files a case folder carries beside its accounts.
CASE_SIDECARS = {"event.json", "gold.json"}
MAX_RECORD_BYTES = 20 * 1024 * 1024


@dataclass
class SourceRecord:
    account: Account  # id is provisional (the source's own name); the store assigns the article id
    locator: str  # where it came from: "file", "file.jsonl:12", "file.warc.gz@offset"


Item = Union[SourceRecord, Problem]


def _suffix(p: Path) -> str:
    name = p.name.lower()
    for s in (".jsonl.gz", ".ndjson.gz", ".warc.gz"):
        if name.endswith(s):
            return s
    return p.suffix.lower()


def _decode(data: bytes) -> tuple[str, str]:
    from counterpoint.ingest.decode import decode_bytes  # raises BadInput with a one-line message
    return decode_bytes(data)


def _date(value) -> Optional[str]:
    from counterpoint.ingest.dates import normalize_date
    return normalize_date(value)


def _account(art, name: str, meta: dict) -> Optional[Account]:
    """The ingest layer's per-document cleaning (the same `build_account` a case uses: mojibake
    repair, boilerplate removal with what was removed kept, the text-size bound, offsets mapped to
    the original), applied to one streamed record; None when nothing is left after cleaning.
    Cross-account furniture detection needs the whole set of accounts, so a stream skips it."""
    from counterpoint.ingest import build_account
    from counterpoint.ingest.errors import BadInput

    meta = {**meta, "published": _date(meta.get("published"))}
    try:
        acc = build_account(art, art.id_hint or name, meta)
    except BadInput:
        return None
    if meta.get("title"):
        acc.title = meta["title"]
    return acc


def _html_account(html: str, where: str, meta: dict, fmt: str = "html", encoding: Optional[str] = None) -> Account:
    from counterpoint.ingest.formats import html_article  # raises BadInput

    art = html_article(html, where, fmt, encoding, url=meta.get("url"))
    acc = _account(art, Path(where).stem, meta)
    if acc is None:
        from counterpoint.ingest.errors import BadInput
        raise BadInput("no text left after removing boilerplate")
    return acc


def _text_account(text: str, where: str, name: str, meta: dict, encoding: Optional[str]) -> Optional[Account]:
    from counterpoint.ingest.formats import Article
    from counterpoint.ingest.offsets import identity

    art = Article(where=where, format="text", original=text, body=text, runs=identity(len(text)), encoding=encoding)
    return _account(art, name, meta)


def _read_file(path: Path, meta: dict) -> Item:
    from counterpoint.ingest.errors import BadInput

    try:
        if path.stat().st_size > MAX_RECORD_BYTES:
            return Problem(file=str(path), message=f"file over the {MAX_RECORD_BYTES // (1024 * 1024)} MiB limit")
        text, enc = _decode(path.read_bytes())
    except BadInput as e:
        return Problem(file=str(path), message=e.message)
    except OSError as e:
        return Problem(file=str(path), message=f"cannot read: {e.strerror or e}")
    if not text.strip():
        return Problem(file=str(path), message="empty file")
    try:
        if _suffix(path) in HTML_SUFFIXES:
            return SourceRecord(_html_account(text, str(path), meta, "html", enc), str(path))
        acc = _text_account(text, str(path), meta.get("id") or path.stem, meta, enc)
    except BadInput as e:
        return Problem(file=str(path), message=e.message)
    if acc is None:
        return Problem(file=str(path), message="no text left after removing boilerplate")
    return SourceRecord(acc, str(path))


def iter_folder(folder: Path) -> Iterator[Item]:
    """Every article file under the folder, in name order; a case folder's event.json supplies metadata."""
    manifest: dict[str, dict] = {}
    mf = folder / "event.json"
    if mf.exists():
        try:
            for a in json.loads(mf.read_text(encoding="utf-8")).get("accounts", []):
                if isinstance(a, dict) and a.get("file"):
                    manifest[a["file"]] = a
        except (ValueError, OSError, AttributeError) as e:
            yield Problem(file=str(mf), message=f"invalid manifest, its metadata is ignored: {e}")
    for p in sorted(folder.iterdir()):
        if p.name.startswith(".") or p.name in CASE_SIDECARS:
            continue
        if p.is_dir():
            yield from iter_folder(p)
        else:
            yield from iter_path(p, manifest.get(p.name, {}))


def iter_jsonl(path: Path) -> Iterator[Item]:
    """One article per line: `text` or `html`, and optional id, url, title, outlet, published, side, kind."""
    from counterpoint.ingest.errors import BadInput
    from counterpoint.ingest.formats import record_article

    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        fh = opener(path, "rb")
    except OSError as e:
        yield Problem(file=str(path), message=f"cannot read: {e.strerror or e}")
        return
    with fh:
        n = 0
        try:
            for n, raw in enumerate(fh, 1):
                where = f"{path}:{n}"
                if not raw.strip():
                    continue
                if len(raw) > MAX_RECORD_BYTES:
                    yield Problem(file=where, message="record over the size limit")
                    continue
                try:
                    rec = json.loads(raw)
                except ValueError as e:
                    yield Problem(file=where, message=f"invalid JSON: {e}")
                    continue
                if not isinstance(rec, dict):
                    yield Problem(file=where, message="a line must be a JSON object")
                    continue
                try:
                    acc = _account(record_article(rec, where, "jsonl", "utf-8"), f"{path.stem}-{n}", {})
                except BadInput as e:
                    yield Problem(file=e.where or where, message=e.message)
                    continue
                if acc is None:
                    yield Problem(file=where, message="no text left after removing boilerplate")
                else:
                    yield SourceRecord(acc, where)
        except (OSError, EOFError) as e:
            yield Problem(file=f"{path}:{n + 1}", message=f"truncated or corrupt file: {e}")


def iter_warc(path: Path) -> Iterator[Item]:
    """HTML responses of a WARC (or WARC.gz) become articles; other records are passed over."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from counterpoint.ingest.errors import BadInput
    from counterpoint.ingest.formats import decode_html_bytes

    try:
        fh = open(path, "rb")
    except OSError as e:
        yield Problem(file=str(path), message=f"cannot read: {e.strerror or e}")
        return
    with fh:
        it = ArchiveIterator(fh)
        try:
            for rec in it:
                if rec.rec_type != "response" or not rec.http_headers:
                    continue
                ctype = (rec.http_headers.get_header("Content-Type") or "").lower()
                if "html" not in ctype:
                    continue
                data = rec.content_stream().read(MAX_RECORD_BYTES + 1)
                where = f"{path}@{it.offset}"  # the record's offset, once its payload has been read
                if len(data) > MAX_RECORD_BYTES:
                    yield Problem(file=where, message="record over the size limit")
                    continue
                url = rec.rec_headers.get_header("WARC-Target-URI")
                m = re.search(r"charset=([\w\-:.]+)", ctype, re.I)
                try:
                    html, enc = decode_html_bytes(data, m.group(1) if m else None)
                    acc = _html_account(html, where, {"url": url}, "warc", enc)
                except BadInput as e:
                    yield Problem(file=where, message=f"{url}: {e.message}")
                    continue
                if not acc.outlet and url:
                    acc = acc.model_copy(update={"outlet": urlsplit(url).hostname})
                if not acc.published:
                    d = _date(rec.rec_headers.get_header("WARC-Date"))
                    if d:
                        acc = acc.model_copy(update={"published": d, "published_source": "warc header"})
                yield SourceRecord(acc, where)
        except (ArchiveLoadFailed, OSError, EOFError, ValueError) as e:
            yield Problem(file=str(path), message=f"corrupt WARC: {e}")


def iter_path(path: Path, meta: Optional[dict] = None) -> Iterator[Item]:
    if not path.exists():
        yield Problem(file=str(path), message="no such file or folder")
    elif path.is_dir():
        yield from iter_folder(path)
    else:
        s = _suffix(path)
        if s in JSONL_SUFFIXES:
            yield from iter_jsonl(path)
        elif s in WARC_SUFFIXES:
            yield from iter_warc(path)
        elif s in TEXT_SUFFIXES or s in HTML_SUFFIXES:
            yield _read_file(path, meta or {})
        else:
            yield Problem(file=str(path), message=f"unknown format {s or '(no extension)'}: expected a folder, "
                                                  ".txt, .html, .jsonl or .warc(.gz)")


def iter_sources(paths: list[Path]) -> Iterator[Item]:
    for p in paths:
        yield from iter_path(Path(p))
