"""The web app: open a case folder, upload files or paste texts; read the report, download JSON/MD/HTML.

A face like the CLI: it checks requests, calls counterpoint.ingest.load_case and
counterpoint.run.compare_case (the same calls `counterpoint compare` makes) and renders with
counterpoint.report. It makes no outbound requests, reads only inside the folders it was given,
and binds to loopback unless told otherwise.
"""
from __future__ import annotations

import html
import logging
import re
import secrets
import shutil
import threading
from collections import OrderedDict
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional
from urllib.parse import quote, urlsplit

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from counterpoint.case import Case
from counterpoint.records import Report
from counterpoint.report.html import SCRIPT_HASH
from counterpoint.report.html import render_html as render_report_html
from counterpoint.report.render import FORMATS, MEDIA_TYPES, render
from counterpoint.server import paths, uploads

log = logging.getLogger("counterpoint.server")
HERE = Path(__file__).parent
KEPT_REPORTS = 32  # reports of uploads and pastes kept in memory for their download links
CACHED_CASES = 16  # reports of case folders, keyed by the folder and its files' sizes and times

# Every response: nothing from other origins; the report's one inline script is allowed by hash.
CSP = ("default-src 'self'; script-src 'self' '" + SCRIPT_HASH + "'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),  # not no-referrer: that makes browsers send "Origin: null" on our own forms
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
    (b"cache-control", b"no-store"),
]
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}


class ServerConfigError(Exception):
    """A bad `serve` option (one line for the CLI)."""


class SecurityHeaders:
    """ASGI middleware: security headers on every response; refuse unknown Host headers (DNS rebinding)
    and cross-origin form posts."""

    def __init__(self, app, allowed_hosts: Optional[set[str]]):
        self.app = app
        self.allowed_hosts = allowed_hosts

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get("host", "")
        hostname = _hostname(host)
        problem = None
        if self.allowed_hosts is not None and hostname not in self.allowed_hosts:
            problem = (400, f"unknown host {host!r}")
        elif scope["method"] not in ("GET", "HEAD", "OPTIONS") and _cross_site(headers, host):
            problem = (403, "cross-origin request refused")

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                existing = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in SECURITY_HEADERS if k not in existing]
            await send(message)

        if problem:
            if "text/html" in headers.get("accept", ""):
                response = HTMLResponse(f"<!DOCTYPE html><title>{problem[0]}</title><h2>Cannot do that ({problem[0]})</h2>"
                                        f"<p id=\"error-message\">{html.escape(problem[1])}</p>", status_code=problem[0])
            else:
                response = JSONResponse({"error": problem[1], "status": problem[0]}, status_code=problem[0])
            return await response(scope, receive, send_with_headers)
        started = False

        async def tracking_send(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send_with_headers(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            # Answer here, inside the headers, rather than in Starlette's outermost error handler.
            log.exception("request failed: %s", scope.get("path"))
            if started:
                raise
            response = JSONResponse({"error": "internal error while building the report (see the server log)",
                                     "status": 500}, status_code=500)
            await response(scope, receive, send_with_headers)


def _cross_site(headers: dict[str, str], host: str) -> bool:
    """A state-changing request from another site: its Origin names another host, or (a browser that
    sends no Origin) its Sec-Fetch-Site says cross-site or same-site (another subdomain or port)."""
    if "origin" in headers and urlsplit(headers["origin"]).netloc != host:
        return True
    return headers.get("sec-fetch-site", "").strip().lower() in ("cross-site", "same-site")


def _hostname(host: str) -> str:
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


@dataclass
class Stored:
    report: Report
    label: str
    # Rendered once per format: drawing a large report's page costs far more than keeping its bytes.
    pages: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


class KeyedLocks:
    """One lock per key (a case folder, a rendered page), dropped when nobody holds or waits for it:
    the first request for a key does the work, the ones that arrive meanwhile wait for its result."""

    def __init__(self):
        self._locks: dict = {}
        self._guard = threading.Lock()

    @contextmanager
    def hold(self, key):
        with self._guard:
            entry = self._locks.get(key)
            if entry is None:
                entry = self._locks[key] = [threading.Lock(), 0]
            entry[1] += 1
        try:
            with entry[0]:
                yield
        finally:
            with self._guard:
                entry[1] -= 1
                if entry[1] == 0:
                    del self._locks[key]

    def __len__(self) -> int:
        with self._guard:
            return len(self._locks)


class ReportStore:
    """Recent reports by unguessable token, oldest dropped first."""

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict[str, Stored] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, report: Report, label: str) -> str:
        token = secrets.token_urlsafe(16)
        with self._lock:
            self._items[token] = Stored(report, label)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return token

    def get(self, token: str) -> Optional[Stored]:
        with self._lock:
            return self._items.get(token)


class Refused(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def _wants_html(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "text/html" in accept and "application/json" not in accept.split(",")[0]


def _download_name(label: str, fmt: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", label).strip("-.")[:80] or "report"
    return f"{stem}.{fmt}"


def create_app(roots: list[Path] = (), db: Optional[Path] = None, allowed_hosts: Optional[set[str]] = None,
               compare: Optional[Callable[[Case], Report]] = None, warm_pipeline: bool = True) -> FastAPI:
    """The app. `roots`: folders cases may be read from. `allowed_hosts`: Host names accepted
    (None accepts any; run_server passes the loopback names). `compare` replaces the analysis
    (tests); by default counterpoint.run.compare_case, serialised by a lock."""
    try:
        real_roots = paths.resolve_roots(roots)
    except paths.PathRefused as e:
        raise ServerConfigError(e.message) from None
    if db is not None and not Path(db).is_file():
        raise ServerConfigError(f"{db}: no such corpus store")
    analysis_lock = threading.Lock()

    def default_compare(case: Case) -> Report:
        from counterpoint.run import compare_case

        with analysis_lock:  # one spaCy pipeline per process; parse one case at a time
            return compare_case(case, deadline=uploads.request_deadline())

    compare_fn = compare or default_compare
    store = ReportStore(KEPT_REPORTS)
    case_cache: OrderedDict[tuple, Report] = OrderedDict()
    # Rendered pages of cached case reports: drawing the charts costs seconds, serving bytes does not.
    rendered: OrderedDict[tuple, tuple[bytes, str]] = OrderedDict()
    rendered_lock = threading.Lock()

    case_guard = threading.Lock()
    case_locks = KeyedLocks()  # one per case: concurrent first requests analyse it once
    page_locks = KeyedLocks()  # one per rendered page: concurrent first requests draw it once

    def cached_report(key: tuple, compute, case: tuple) -> Report:
        """The report under `key`, computed once: requests for the same `case` wait for the one computing
        it (the analysis is not repeated per request); the least recently added goes past CACHED_CASES."""
        with case_guard:
            report = case_cache.get(key)
        if report is not None:
            return report
        with case_locks.hold(case):
            with case_guard:
                report = case_cache.get(key)
            if report is None:
                report = compute()
                with case_guard:
                    case_cache[key] = report
                    while len(case_cache) > CACHED_CASES:
                        case_cache.popitem(last=False)
        return report

    env = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=True, undefined=StrictUndefined)

    @asynccontextmanager
    async def lifespan(_app):
        if warm_pipeline and compare is None:
            from counterpoint.analysis.nlp import load_pipeline

            await run_in_threadpool(load_pipeline)  # load spaCy once, before the first request
        yield

    app = FastAPI(title="counterpoint", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.add_middleware(SecurityHeaders, allowed_hosts=allowed_hosts)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    def page(name: str, status: int = 200, **context) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**context, has_db=db is not None), status_code=status)

    def error(request: Request, status: int, message: str) -> Response:
        if _wants_html(request):
            return page("error.html.j2", status=status, status_code=status, message=message)
        return JSONResponse({"error": message, "status": status}, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        parts = ["{}: {}".format(".".join(str(x) for x in e.get("loc", ())[1:]) or "request", e.get("msg", "invalid"))
                 for e in exc.errors()]
        return error(request, 422, "; ".join(parts) or "invalid request")

    @app.exception_handler(paths.PathRefused)
    async def path_refused(request: Request, exc: paths.PathRefused):
        return error(request, exc.status, exc.message)

    @app.exception_handler(uploads.UploadRefused)
    async def upload_refused(request: Request, exc: uploads.UploadRefused):
        return error(request, exc.status, exc.message)

    @app.exception_handler(Refused)
    async def refused(request: Request, exc: Refused):
        return error(request, exc.status, exc.message)

    def respond(report: Report, fmt: str, label: str, base_url: str) -> Response:
        if fmt not in FORMATS:
            raise Refused(422, f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        sep = "&" if "?" in base_url else "?"
        if fmt == "html":
            downloads = [("JSON", f"{base_url}{sep}format=json"), ("Markdown", f"{base_url}{sep}format=md"),
                         ("HTML", f"{base_url}{sep}format=html&download=1"), ("new case", "/")]
            return HTMLResponse(render_report_html(report, downloads=downloads))
        return Response(render(report, fmt), media_type=MEDIA_TYPES[fmt])

    def attach(response: Response, label: str, fmt: str, download: bool) -> Response:
        if download or fmt != "html":
            response.headers["content-disposition"] = f'attachment; filename="{_download_name(label, fmt)}"'
        return response

    def run_case(folder: Path, label_for_files: Optional[Path] = None) -> Report:
        from counterpoint.ingest import InputError, load_case

        try:
            case = load_case(folder, [], keep_going=True)
        except InputError as e:
            raise Refused(422, str(e)) from None
        if label_for_files is not None:  # show uploaded files by their names, not the temporary folder
            for account in case.accounts:
                if account.file and account.file.startswith(str(label_for_files)):
                    account.file = account.file[len(str(label_for_files)):].lstrip("/\\")
            for problem in case.problems:
                problem.file = problem.file.replace(str(label_for_files) + "/", "")
            uploads.check_case_size(case)  # 413 past MAX_REQUEST_CHARS
        if not case.accounts:
            lines = "; ".join(p.line() for p in case.problems) or "the folder holds no files"
            raise Refused(422, f"no readable accounts: {lines}")
        return compare_fn(case)

    def folder_key(folder: Path) -> tuple:
        stats = []
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                st = p.stat()
                stats.append((str(p), st.st_size, st.st_mtime_ns))
        return (str(folder), tuple(stats))

    @app.get("/", response_class=HTMLResponse)
    def index():
        cases = paths.list_cases(real_roots)
        return page("index.html.j2", cases=cases, roots=real_roots, limits=uploads_limits())

    @app.get("/healthz")
    def healthz():
        return {"ok": True}

    @app.get("/case")
    def case_report(request: Request, path: str = Query(..., description="case folder, absolute or relative to a root"),
                    format: str = "html", download: bool = False):
        folder = paths.resolve_case_folder(path, real_roots)
        key = folder_key(folder)
        report = cached_report(key, lambda: run_case(folder), case=("folder", str(folder)))
        label = report.event_id or folder.name
        rkey = (key, format, path)
        with rendered_lock:
            hit = rendered.get(rkey)
        if hit is None:
            with page_locks.hold(rkey):
                with rendered_lock:
                    hit = rendered.get(rkey)
                if hit is None:
                    built = respond(report, format, label, f"/case?path={quote(path, safe='')}")
                    hit = (bytes(built.body), built.media_type)
                    with rendered_lock:
                        rendered[rkey] = hit
                        while len(rendered) > 3 * CACHED_CASES:
                            rendered.popitem(last=False)
        response = Response(hit[0], media_type=hit[1])
        return attach(response, label, format, download)

    async def store_upload(request: Request, collect) -> Response:
        async with uploads.receive_body(request) as body:  # counted against the bodies in flight until written
            form = await uploads.parse_form(request, body)
            try:
                items = await collect(form)
            finally:
                await form.close()
            folder = uploads.write_case(items)
            default_label = items[0].name.rsplit(".", 1)[0] if len(items) == 1 else "uploaded-case"
            del items  # the uploaded bytes are on disk now
        try:
            report = await run_in_threadpool(run_case, folder, folder)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        label = report.event_id or default_label
        token = store.put(report, label)
        fmt = request.query_params.get("format", "html")
        if fmt != "html":
            item = store.get(token) or Stored(report, label)
            return attach(await run_in_threadpool(stored_page, token, item, fmt), label, fmt, True)
        return RedirectResponse(f"/reports/{token}", status_code=303)

    def stored_page(token: str, item: Stored, fmt: str) -> Response:
        """A stored report's page in `fmt`, rendered on its first request and served as bytes after."""
        with item.lock:
            hit = item.pages.get(fmt)
            if hit is None:
                built = respond(item.report, fmt, item.label, f"/reports/{token}")
                hit = item.pages[fmt] = (bytes(built.body), built.media_type)
        return Response(hit[0], media_type=hit[1])

    @app.post("/upload")
    async def upload(request: Request):
        return await store_upload(request, uploads.collect_uploads)

    @app.post("/paste")
    async def paste(request: Request):
        async def collect(form):
            return uploads.collect_pasted(form)
        return await store_upload(request, collect)

    @app.get("/reports/{token}")
    def stored_report(token: str, format: str = "html", download: bool = False):
        item = store.get(token)
        if item is None:
            raise Refused(404, "no such report (reports of uploads are kept in memory for a while, then dropped)")
        return attach(stored_page(token, item, format), item.label, format, download)

    # ---- corpus stories (serve --db corpus.duckdb)
    def corpus_queries():
        if db is None:
            raise Refused(404, "this server was started without a corpus store (serve --db corpus.duckdb)")
        try:
            from counterpoint.corpus import queries
        except ImportError:
            raise Refused(501, "this installation cannot browse corpus stories yet (counterpoint.corpus.queries)")
        return queries

    @app.get("/stories", response_class=HTMLResponse)
    def stories(request: Request, q: str = "", offset: int = Query(0, ge=0), limit: int = Query(50, ge=1, le=200)):
        queries = corpus_queries()
        from counterpoint.corpus.store import StoreError

        try:
            found = queries.list_stories(str(db), q or None, limit, offset)
            if not _wants_html(request):
                return JSONResponse({"stories": [_story_row(s) for s in found], "offset": offset, "limit": limit})
            by_outlet = queries.story_sources(str(db), [s["id"] for s in found])
        except StoreError as e:  # a damaged or locked store: one line, not a 500
            raise Refused(503, str(e)) from None
        found = [{**s, "outlets": by_outlet.get(s["id"], [])} for s in found]
        return page("stories.html.j2", stories=found, q=q, offset=offset, limit=limit)

    @app.get("/stories/{story_id}")
    def story_report(story_id: int, format: str = "html", download: bool = False):
        queries = corpus_queries()
        from counterpoint.corpus.store import StoreError

        try:
            case = queries.story_case(str(db), story_id)
        except StoreError as e:
            raise Refused(404 if f"no story {story_id}" in str(e) else 503, str(e)) from None
        if not case.accounts:
            raise Refused(404, f"story {story_id} has no accounts")
        key = ("story", str(db), story_id, tuple((a.id, len(a.text)) for a in case.accounts))
        report = cached_report(key, lambda: compare_fn(case), case=("story", str(db), story_id))
        label = f"story-{story_id}"
        return attach(respond(report, format, label, f"/stories/{story_id}"), label, format, download)

    return app


def _story_row(story: dict) -> dict:
    """A story from corpus.queries.list_stories, with list values (sources) joined for display."""
    return {k: ", ".join(map(str, v)) if isinstance(v, list) else v for k, v in story.items()}


def uploads_limits() -> dict:
    return {"files": uploads.MAX_FILES, "file_mb": uploads.MAX_FILE_BYTES // (1024 * 1024),
            "request_mb": uploads.MAX_REQUEST_BYTES // (1024 * 1024)}


#: Seconds a client has to send a request's headers, from connecting or from the end of the previous
#: response; then the connection is closed (slow-header attacks: uvicorn itself has no such deadline,
#: its keep-alive timeout stops counting as soon as a byte arrives).
HEADER_SECONDS = 15
#: uvicorn's keep-alive timeout: an idle connection is closed after this many seconds.
KEEP_ALIVE_SECONDS = 5
#: uvicorn's h11 limit on the bytes of an incomplete request head (headers past it: 400).
MAX_HEADER_BYTES = 16 * 1024


def header_deadline_protocol():
    """uvicorn's h11 protocol with a deadline on the request head (HEADER_SECONDS)."""
    import h11
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class HeaderDeadlineH11(H11Protocol):
        _header_timer = None

        def connection_made(self, transport):
            super().connection_made(transport)
            self._arm_header_deadline()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            self._arm_header_deadline()

        def connection_lost(self, exc) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
            super().connection_lost(exc)

        def _arm_header_deadline(self) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
            self._header_timer = self.loop.call_later(HEADER_SECONDS, self._header_deadline)

        def _header_deadline(self) -> None:
            self._header_timer = None
            if self.transport.is_closing() or (self.cycle is not None and not self.cycle.response_complete):
                return  # a request is being answered (its body has its own deadline, BODY_SECONDS)
            try:
                self.conn.send(h11.ConnectionClosed())
            except h11.LocalProtocolError:
                pass
            self.transport.close()

    return HeaderDeadlineH11


def uvicorn_options() -> dict:
    """How `counterpoint serve` runs uvicorn (docs/robustness.md, Limits)."""
    return {"http": header_deadline_protocol(), "timeout_keep_alive": KEEP_ALIVE_SECONDS,
            "h11_max_incomplete_event_size": MAX_HEADER_BYTES, "server_header": False, "proxy_headers": False}


def run_server(folders: list[Path], host: str = "127.0.0.1", port: int = 8000, db: Optional[Path] = None) -> None:
    import uvicorn

    allowed = None if host in ("0.0.0.0", "::") else LOOPBACK_HOSTS | {host}
    app = create_app(folders, db=db, allowed_hosts=allowed)
    if host not in LOOPBACK_HOSTS:
        log.warning("serving on %s: anyone who can reach this address can read the cases under %s",
                    host, ", ".join(map(str, folders)) or "(no folders)")
    uvicorn.run(app, host=host, port=port, log_level="info", **uvicorn_options())
