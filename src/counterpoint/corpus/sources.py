"""Stream articles out of folders, JSONL and WARC files, one record at a time (never a whole file in
memory). Each record becomes an Account; a bad record becomes a Problem naming file and place."""
from __future__ import annotations

import gzip
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional, Union

from counterpoint.ingest.errors import MAX_RECORD_BYTES, MAX_WARC_INFLATED_BYTES, MAX_WARC_INFLATION_RATIO, BadInput
from counterpoint.ingest.streams import open_regular, parse_json, read_bounded, walk_files
from counterpoint.records import Account, Problem

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz"}
WARC_SUFFIXES = {".warc", ".warc.gz"}
# Files a case folder carries beside its accounts.
CASE_SIDECARS = {"event.json", "gold.json"}
# MAX_RECORD_BYTES (one JSONL line, one WARC record, one .txt/.html file) is the ingest layer's bound.


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
        raise BadInput("no text left after removing boilerplate")
    return acc


def _text_account(text: str, where: str, name: str, meta: dict, encoding: Optional[str]) -> Optional[Account]:
    from counterpoint.ingest.formats import Article
    from counterpoint.ingest.offsets import identity

    art = Article(where=where, format="text", original=text, body=text, runs=identity(len(text)), encoding=encoding)
    return _account(art, name, meta)


def _read_file(path: Path, meta: dict) -> Item:
    try:
        text, enc = _decode(read_bounded(path, MAX_RECORD_BYTES))
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


def _folder_manifest(folder: Path) -> tuple[dict[str, dict], Optional[Problem]]:
    """A case folder's event.json: file name -> its account entry (metadata for that file)."""
    mf = folder / "event.json"
    if not os.path.lexists(mf):
        return {}, None
    try:
        if not mf.resolve().is_relative_to(folder.resolve()):
            raise BadInput("a symbolic link leading outside the folder; not followed")
        data = parse_json(read_bounded(mf, MAX_RECORD_BYTES, "manifest").decode("utf-8-sig"))
        accounts = data.get("accounts") if isinstance(data, dict) else None
        if not isinstance(data, dict):
            raise BadInput("the manifest must be a JSON object")
        if not isinstance(accounts, list):
            raise BadInput("the manifest has no 'accounts' list")
    except (BadInput, UnicodeDecodeError, OSError, RuntimeError) as e:
        why = e.message if isinstance(e, BadInput) else "not UTF-8 text" if isinstance(e, UnicodeDecodeError) else \
            f"cannot read: {getattr(e, 'strerror', None) or e}"
        return {}, Problem(file=str(mf), message=f"invalid manifest, its metadata is ignored: {why}")
    return {a["file"]: a for a in accounts if isinstance(a, dict) and isinstance(a.get("file"), str)}, None


def iter_folder(folder: Path) -> Iterator[Item]:
    """Every article file under the folder, in name order; a case folder's event.json supplies metadata.
    Links leading out of the folder or to a folder, FIFOs, devices and sockets are one Problem each."""
    manifests: dict[Path, dict[str, dict]] = {}
    for p, refused in walk_files(folder, CASE_SIDECARS):
        if p.parent not in manifests:
            manifests[p.parent], problem = _folder_manifest(p.parent)
            if problem:
                yield problem
        if refused:
            yield Problem(file=str(p), message=refused)
        else:
            yield from iter_path(p, manifests[p.parent].get(p.name, {}))


def iter_jsonl(path: Path) -> Iterator[Item]:
    """One article per line: `text` or `html`, and optional id, url, title, outlet, published, side, kind
    (the ingest layer's reader, ingest.formats.iter_jsonl: bounded lines, bounded JSON depth)."""
    from counterpoint.ingest.formats import Failure
    from counterpoint.ingest.formats import iter_jsonl as read_jsonl

    try:
        raw = open_regular(path)
    except BadInput as e:
        yield Problem(file=str(path), message=e.message)
        return
    except OSError as e:
        yield Problem(file=str(path), message=f"cannot read: {e.strerror or e}")
        return
    with raw, (gzip.GzipFile(fileobj=raw, mode="rb") if path.name.lower().endswith(".gz") else raw) as fh:
        try:
            for n, item in read_jsonl(fh, str(path)):
                if isinstance(item, Failure):
                    yield Problem(file=item.where, message=item.message)
                    continue
                acc = _account(item, f"{path.stem}-{n}", {})
                if acc is None:
                    yield Problem(file=item.where, message="no text left after removing boilerplate")
                else:
                    yield SourceRecord(acc, item.where)
        except BadInput as e:
            yield Problem(file=e.where or str(path), message=e.message)
        except (OSError, EOFError) as e:  # a cut or corrupt gzip header, before the first line
            yield Problem(file=str(path), message=f"truncated or corrupt file ({type(e).__name__}: {str(e)[:120]})")


def warc_inflation_limit(size: int) -> int:
    """Most bytes a corpus WARC file of `size` bytes on disk may inflate to (see MAX_WARC_INFLATION_RATIO)."""
    return max(MAX_WARC_INFLATED_BYTES, MAX_WARC_INFLATION_RATIO * size)


def iter_warc(path: Path) -> Iterator[Item]:
    """HTML `response` (status 200) and `resource` records of a WARC (or WARC.gz) become articles; other
    records are passed over (the ingest layer's reader, ingest.formats.iter_warc, records named file@offset)."""
    from counterpoint.ingest.formats import Failure
    from counterpoint.ingest.formats import iter_warc as read_warc

    try:
        fh = open_regular(path)
    except BadInput as e:
        yield Problem(file=str(path), message=e.message)
        return
    except OSError as e:
        yield Problem(file=str(path), message=f"cannot read: {e.strerror or e}")
        return
    with fh:
        limit = warc_inflation_limit(os.fstat(fh.fileno()).st_size)
        try:
            for item in read_warc(fh, str(path), limit, by_offset=True):
                if isinstance(item, Failure):
                    yield Problem(file=item.where, message=item.message)
                    continue
                acc = _account(item, Path(item.where).stem, {"url": item.url})
                if acc is None:
                    yield Problem(file=item.where, message=f"{item.url}: no text left after removing boilerplate")
                else:
                    yield SourceRecord(acc, item.where)
        except BadInput as e:
            yield Problem(file=e.where or str(path), message=e.message)


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
