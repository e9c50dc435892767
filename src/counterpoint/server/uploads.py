"""Uploaded files and pasted texts -> a private temporary case folder, within documented limits.

Limits (docs/report.md, "Web app"): at most MAX_FILES files (or pasted texts) per request, each
at most MAX_FILE_BYTES, and at most MAX_REQUEST_BYTES for the whole request body. The body is
counted while it streams in, so a client cannot get past the limit by lying in Content-Length.
"""
from __future__ import annotations

import asyncio
import json
import re
import tempfile
import time
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Optional

from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import Request

from counterpoint import settings
from counterpoint.ingest.dates import valid_manifest_date
from counterpoint.ingest.decode import binary_kind, decode_bytes
from counterpoint.ingest.errors import BadInput
from counterpoint.ingest.formats import KNOWN, WARC_EXT
from counterpoint.ingest.streams import parse_json
from counterpoint.server.errors import Refused as UploadRefused  # the app's one error type
from counterpoint.records import Problem

MAX_FILE_BYTES = settings.UPLOAD_FILE_BYTES
MAX_FILES = settings.UPLOAD_FILES
MAX_REQUEST_BYTES = settings.UPLOAD_REQUEST_BYTES
#: Seconds a client has to send its whole request body: a stalled upload must not hold a worker.
BODY_SECONDS = settings.UPLOAD_BODY_SECONDS
MANIFEST = "event.json"


MAX_REQUEST_CHARS = settings.REQUEST_CHARS
REQUEST_TIME_BUDGET_S = settings.REQUEST_TIME_BUDGET_S


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


#: Bytes of request bodies being received or parsed at once, over all requests: past it a request is
#: refused with 503 before its body is read, so a flood of uploads cannot take the server's memory.
MAX_BODIES_IN_FLIGHT = settings.UPLOAD_BODIES_IN_FLIGHT_BYTES
#: Bodies are spooled to a private temporary file past this size instead of being held in memory.
SPOOL_BYTES = settings.UPLOAD_SPOOL_BYTES
_in_flight = 0  # bytes reserved by the bodies being received (the event loop's thread only)


def in_flight() -> int:
    return _in_flight


def check_content_type(request: Request) -> str:
    """Refuse (415) a body that is not a form before reading any of it."""
    ctype = request.headers.get("content-type", "")
    if not ctype.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        raise UploadRefused(415, f"expected a multipart/form-data or urlencoded form, got {ctype or 'no content type'!r}")
    return ctype


def _busy() -> UploadRefused:
    return UploadRefused(503, f"the server is receiving {_mb(MAX_BODIES_IN_FLIGHT)} of uploads at once; "
                              "try again in a moment")


@asynccontextmanager
async def receive_body(request: Request):
    """The request body in a spooled temporary file (memory up to SPOOL_BYTES, then disk), refused with
    415 for a body that is not a form and 413 as soon as it passes MAX_REQUEST_BYTES, before any
    parsing; 503 when the bodies in flight would pass MAX_BODIES_IN_FLIGHT. The bytes stay reserved
    until the block ends (the form parsed and written out) and the file is deleted then."""
    global _in_flight
    check_content_type(request)
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_REQUEST_BYTES:
        raise UploadRefused(413, f"request of {_mb(int(declared))} is over the limit of {_mb(MAX_REQUEST_BYTES)}")
    reserved = 0

    def reserve(n: int) -> None:
        global _in_flight
        nonlocal reserved
        if n > reserved:
            if _in_flight + (n - reserved) > MAX_BODIES_IN_FLIGHT:
                raise _busy()
            _in_flight += n - reserved
            reserved = n

    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, prefix="counterpoint-body-")
    try:
        if declared and declared.isdigit():
            reserve(int(declared))
        size = 0
        try:
            async with asyncio.timeout(BODY_SECONDS):
                async for chunk in request.stream():
                    size += len(chunk)
                    if size > MAX_REQUEST_BYTES:
                        raise UploadRefused(413, f"request is over the limit of {_mb(MAX_REQUEST_BYTES)}")
                    reserve(size)
                    spool.write(chunk)
        except TimeoutError:
            raise UploadRefused(408, f"the request body did not arrive within {BODY_SECONDS} s") from None
        spool.seek(0)
        yield spool
    finally:
        spool.close()
        _in_flight -= reserved


async def read_body(request: Request) -> bytes:
    """The whole request body as bytes, within the same limits (for callers that need bytes)."""
    async with receive_body(request) as body:
        return body.read()


async def parse_form(request: Request, body) -> FormData:
    """Parse a multipart or urlencoded body already received (and size-checked) by receive_body:
    a file-like object (or bytes)."""
    ctype = check_content_type(request)
    if isinstance(body, (bytes, bytearray)):
        import io

        body = io.BytesIO(body)

    async def stream():
        while chunk := body.read(64 * 1024):
            yield chunk
        yield b""

    if ctype.startswith("multipart/form-data"):
        # Count limits are checked after parsing, with clearer messages; the byte limit already holds.
        parser = MultiPartParser(request.headers, stream(), max_files=10_000, max_fields=10_000,
                                 max_part_size=MAX_FILE_BYTES)
        try:
            return await parser.parse()
        except MultiPartException as e:
            status = 413 if "exceeded maximum size" in str(e) else 400
            raise UploadRefused(status, f"malformed multipart form: {e}") from None
        except HTTPException as e:
            raise UploadRefused(400, f"malformed multipart form: {e.detail}") from None
        except Exception as e:  # python-multipart raises its own errors on broken framing
            raise UploadRefused(400, f"malformed multipart form: {type(e).__name__}: {e}") from None
    try:
        return await Request(request.scope, _receive_from(body.read())).form(max_files=0, max_fields=2 * MAX_FILES + 10,
                                                                             max_part_size=MAX_FILE_BYTES)
    except HTTPException as e:
        status = 413 if "maximum size" in str(e.detail) else 400  # a pasted text over the per-text limit
        raise UploadRefused(status, f"malformed form: {e.detail}") from None


def _receive_from(body: bytes):
    sent = False

    async def receive():
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(name: str, taken: set[str]) -> str:
    """A plain file name for an uploaded file: no folders, no leading dot, unique in the case."""
    base = PurePath(name.replace("\\", "/")).name
    base = _UNSAFE.sub("_", base).lstrip("._") or "upload.txt"
    base = base[-120:]
    candidate, n = base, 1
    while candidate.lower() in taken:
        n += 1
        stem, dot, ext = base.partition(".")
        candidate = f"{stem}-{n}{dot}{ext}"
    taken.add(candidate.lower())
    return candidate


@dataclass
class Upload:
    name: str
    data: bytes
    # what the form says of this account, as a manifest entry would: its party ("press" for none),
    # kind (official readout, news report ...) and publication date (YYYY-MM-DD)
    side: Optional[str] = None
    kind: Optional[str] = None
    published: Optional[str] = None


class Batch(list):
    """The accepted uploads of one request, with a problem line for each file left out (the others
    are compared, as `compare --keep-going` does)."""

    def __init__(self, items=(), problems: Optional[list[Problem]] = None):
        super().__init__(items)
        self.problems: list[Problem] = list(problems or [])


#: Kinds of account offered by the form (any other short text is accepted too).
KINDS = ("official readout", "news report", "press release", "analysis", "social post", "transcript")
MAX_META_CHARS = settings.UPLOAD_META_CHARS


def account_meta(form: FormData, n: int) -> list[dict[str, Optional[str]]]:
    """Side, kind and date of the n accounts of a form (fields `side`, `kind`, `date`, the i-th value
    for the i-th file or text; empty values mean unknown). A malformed value is refused (422)."""
    def values(field: str) -> list[str]:
        got = [v.strip() if isinstance(v, str) else "" for v in form.getlist(field)]
        return got + [""] * (n - len(got))

    sides, kinds, dates = values("side"), values("kind"), values("date")
    out = []
    for i in range(n):
        side, kind, day = sides[i], kinds[i], dates[i]
        for label, value in (("side", side), ("kind", kind)):
            if len(value) > MAX_META_CHARS or any(ord(ch) < 32 for ch in value):
                raise UploadRefused(422, f"account {i + 1}: {label} must be a short line of text")
        if day and not valid_manifest_date(day):
            raise UploadRefused(422, f"account {i + 1}: date must be YYYY-MM-DD, got {day[:40]!r}")
        out.append({"side": side or None, "kind": kind or None, "published": day or None})
    return out


def check_file(name: str, data: bytes) -> None:
    """Refuse what the loader cannot read, with the status a client can act on."""
    lower = name.lower()
    if len(data) > MAX_FILE_BYTES:
        raise UploadRefused(413, f"{name}: {_mb(len(data))} is over the limit of {_mb(MAX_FILE_BYTES)} per file")
    if not data:
        raise UploadRefused(422, f"{name}: empty file")
    if lower == MANIFEST:
        return
    has_suffix = "." in lower.lstrip(".")
    if has_suffix and not lower.endswith(KNOWN):
        kind = binary_kind(data)
        detail = f" (binary: {kind})" if kind else ""
        raise UploadRefused(415, f"{name}: unsupported file type{detail}; readable formats are {', '.join(KNOWN)}")
    if lower.endswith(WARC_EXT) or data.startswith(b"WARC/"):
        return  # WARC files may be gzip-compressed; the loader checks them record by record
    kind = binary_kind(data)
    if kind:
        raise UploadRefused(415, f"{name}: binary file ({kind}), not text")
    try:
        decode_bytes(data)
    except BadInput as e:
        status = 415 if "binary" in e.message else 422
        raise UploadRefused(status, f"{name}: {e.message}") from None


async def collect_uploads(form: FormData) -> list[Upload]:
    files = [v for v in form.getlist("files") if isinstance(v, UploadFile)]
    stray = [k for k, v in form.multi_items() if isinstance(v, UploadFile) and k != "files"]
    if stray:
        raise UploadRefused(422, f"upload files in the 'files' field (got {', '.join(sorted(set(stray)))})")
    files = [f for f in files if f.filename or (f.size or 0) > 0]  # a browser sends an empty part when none is chosen
    if not files:
        raise UploadRefused(422, "no files in the upload (field 'files')")
    if len(files) > MAX_FILES:
        raise UploadRefused(413, f"{len(files)} files is over the limit of {MAX_FILES} per request")
    meta = account_meta(form, len(files))
    out, taken, refused = Batch(), set(), []
    for f, m in zip(files, meta):
        data = await f.read(MAX_FILE_BYTES + 1)
        name = safe_name(f.filename or "upload.txt", taken)
        try:
            check_file(f.filename or name, data)
        except UploadRefused as e:
            # one bad file among good ones is a problem line of the report; the others are compared
            refused.append(e)
            out.problems.append(Problem(file=name, message=_without_name(e.message, f.filename or name)))
            continue
        out.append(Upload(name, data, **m))
    if not out:
        raise refused[0]
    if not any(u.name.lower() != MANIFEST for u in out):
        raise refused[0] if refused else UploadRefused(422, "no account files in the upload, only a manifest")
    return out


def _without_name(message: str, name: str) -> str:
    return message[len(name) + 2:] if message.startswith(name + ": ") else message


def collect_pasted(form: FormData) -> list[Upload]:
    texts = [v for v in form.getlist("text") if isinstance(v, str)]
    names = [v for v in form.getlist("name") if isinstance(v, str)]
    pairs = [(names[i] if i < len(names) else "", t) for i, t in enumerate(texts) if t.strip()]
    if not pairs:
        raise UploadRefused(422, "no text pasted (field 'text')")
    if len(pairs) > MAX_FILES:
        raise UploadRefused(413, f"{len(pairs)} texts is over the limit of {MAX_FILES} per request")
    meta = account_meta(form, len(texts))
    kept = [i for i, t in enumerate(texts) if t.strip()]
    out, taken = Batch(), set()
    for n, ((name, text), i) in enumerate(zip(pairs, kept), start=1):
        stem = _UNSAFE.sub("-", name.strip()).strip("-.")[:80] or f"pasted-{n}"
        fname = safe_name(stem + ".txt", taken)
        data = text.replace("\r\n", "\n").encode("utf-8")
        if len(data) > MAX_FILE_BYTES:
            raise UploadRefused(413, f"{name or fname}: {_mb(len(data))} is over the limit of "
                                     f"{_mb(MAX_FILE_BYTES)} per text")
        out.append(Upload(fname, data, **meta[i]))
    return out


def write_case(uploads: list[Upload], folder: Optional[Path] = None) -> Path:
    """Write the uploads into a fresh private folder (mode 0700); check an uploaded manifest names only them."""
    names = {u.name for u in uploads} | {p.file for p in getattr(uploads, "problems", [])}
    manifest = next((u for u in uploads if u.name.lower() == MANIFEST), None)
    if manifest is not None:
        try:
            data = parse_json(manifest.data.decode("utf-8-sig"))
        except UnicodeDecodeError as e:
            raise UploadRefused(422, f"{MANIFEST}: not valid JSON ({e})") from None
        except BadInput as e:  # invalid, or nested past the bound (never a RecursionError)
            raise UploadRefused(422, f"{MANIFEST}: not valid JSON ({e.message})") from None
        accounts = data.get("accounts") if isinstance(data, dict) else None
        for entry in accounts if isinstance(accounts, list) else []:
            file = entry.get("file") if isinstance(entry, dict) else None
            if isinstance(file, str) and file not in names:
                raise UploadRefused(422, f"{MANIFEST}: account file {file!r} is not among the uploaded files")
    folder = folder or Path(tempfile.mkdtemp(prefix="counterpoint-upload-"))
    for u in uploads:
        target = folder / (MANIFEST if u.name.lower() == MANIFEST else u.name)
        target.write_bytes(u.data)
    if manifest is None and any(u.side or u.kind or u.published for u in uploads):
        (folder / MANIFEST).write_text(json.dumps(form_manifest(uploads)), encoding="utf-8")
    return folder


def form_manifest(uploads: list[Upload]) -> dict:
    """The manifest the form's side, kind and date of each account stand for. It names no parties:
    they are found as for a folder without a manifest, and an account whose side is one of them is
    that party's own voice (an official readout), as with a manifest's `side`."""
    accounts, ids = [], set()
    for u in uploads:
        stem = u.name.rsplit(".", 1)[0] or "account"
        acc_id, k = stem, 1
        while acc_id in ids:
            k += 1
            acc_id = f"{stem}-{k}"
        ids.add(acc_id)
        accounts.append({"id": acc_id, "file": u.name, "url": None, "outlet": None, "published": u.published,
                         "side": u.side or "press", "kind": u.kind or "news report"})
    return {"accounts": accounts}


def check_case_size(case) -> None:
    """Refuse (413) an uploaded case whose accounts hold more than MAX_REQUEST_CHARS characters to
    analyse, naming the largest of them."""
    total = sum(len(a.text) for a in case.accounts)
    if total <= MAX_REQUEST_CHARS:
        return
    largest = sorted(case.accounts, key=lambda a: -len(a.text))[:3]
    names = ", ".join(f"{a.file or a.id} ({len(a.text):,})" for a in largest)
    raise UploadRefused(413, f"the uploaded texts hold {total:,} characters to analyse, over the limit of "
                             f"{MAX_REQUEST_CHARS:,} per request (largest: {names})")


def request_deadline() -> float:
    """The deadline (time.monotonic()) of an analysis starting now."""
    return time.monotonic() + REQUEST_TIME_BUDGET_S
