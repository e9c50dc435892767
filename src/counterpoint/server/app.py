"""The web app: open a case folder, upload files or paste texts; read the report, download JSON/MD/HTML.

A face like the CLI: it checks requests, calls counterpoint.ingest.load_case and
counterpoint.run.compare_case (the same calls `counterpoint compare` makes) and renders with
counterpoint.report. It makes no outbound requests, reads only inside the folders it was given,
and binds to loopback unless told otherwise.
"""
from __future__ import annotations

import html
import logging
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Callable, Optional
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from counterpoint import settings
from counterpoint.case import Case
from counterpoint.records import Report
from counterpoint.report.html import SCRIPT_HASH
from counterpoint.server import paths, routes_cases, routes_stories, routes_upload
from counterpoint.server.errors import Refused
from counterpoint.server.responses import error
from counterpoint.server.state import AppState, default_compare

log = logging.getLogger("counterpoint.server")
HERE = Path(__file__).parent

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


def create_app(roots: list[Path] = (), db: Optional[Path] = None, allowed_hosts: Optional[set[str]] = None,
               compare: Optional[Callable[[Case], Report]] = None, warm_pipeline: bool = True) -> FastAPI:
    """The app. `roots`: folders cases may be read from. `allowed_hosts`: Host names accepted
    (None accepts any; run_server passes the loopback names). `compare` replaces the analysis
    (tests); by default counterpoint.run.compare_case, serialised by a lock. Its state (an AppState)
    is `app.state.counterpoint`; the routes are in routes_cases, routes_upload and routes_stories."""
    try:
        real_roots = paths.resolve_roots(roots)
    except Refused as e:
        raise ServerConfigError(e.message) from None
    if db is not None and not Path(db).is_file():
        raise ServerConfigError(f"{db}: no such corpus store")
    state = AppState(roots=real_roots, db=db, compare=compare or default_compare())

    @asynccontextmanager
    async def lifespan(_app):
        if warm_pipeline and compare is None:
            from counterpoint.analysis.nlp import load_pipeline

            await run_in_threadpool(load_pipeline)  # load spaCy once, before the first request
        yield

    app = FastAPI(title="counterpoint", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.state.counterpoint = state
    app.add_middleware(SecurityHeaders, allowed_hosts=allowed_hosts)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return error(state, request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        parts = ["{}: {}".format(".".join(str(x) for x in e.get("loc", ())[1:]) or "request", e.get("msg", "invalid"))
                 for e in exc.errors()]
        return error(state, request, 422, "; ".join(parts) or "invalid request")

    @app.exception_handler(Refused)
    async def refused(request: Request, exc: Refused):
        return error(state, request, exc.status, exc.message)

    for routes in (routes_cases, routes_upload, routes_stories):
        app.include_router(routes.router)
    return app


#: Seconds a client has to send a request's headers, from connecting or from the end of the previous
#: response; then the connection is closed (slow-header attacks: uvicorn itself has no such deadline,
#: its keep-alive timeout stops counting as soon as a byte arrives).
HEADER_SECONDS = settings.HEADER_SECONDS
#: uvicorn's keep-alive timeout: an idle connection is closed after this many seconds.
KEEP_ALIVE_SECONDS = settings.KEEP_ALIVE_SECONDS
#: uvicorn's h11 limit on the bytes of an incomplete request head (headers past it: 400).
MAX_HEADER_BYTES = settings.HEADER_BYTES


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
