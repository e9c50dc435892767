"""Routes: the index page, case folders (`/case`) and stored reports of uploads (`/reports/{token}`)."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from counterpoint.server import paths
from counterpoint.server.errors import Refused
from counterpoint.server.responses import attach, page, respond, stored_page, uploads_limits
from counterpoint.server.state import app_state

router = APIRouter()


def folder_key(folder: Path) -> tuple:
    """The folder and its files' sizes and times: a changed file is a new report."""
    stats = []
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            st = p.stat()
            stats.append((str(p), st.st_size, st.st_mtime_ns))
    return (str(folder), tuple(stats))


@router.get("/", response_class=HTMLResponse)
def index(request: Request):
    state = app_state(request)
    cases = paths.list_cases(state.roots)
    return page(state, "index.html.j2", cases=cases, roots=state.roots, limits=uploads_limits())


@router.get("/healthz")
def healthz():
    return {"ok": True}


@router.get("/case")
def case_report(request: Request, path: str = Query(..., description="case folder, absolute or relative to a root"),
                format: str = "html", download: bool = False):
    state = app_state(request)
    folder = paths.resolve_case_folder(path, state.roots)
    key = folder_key(folder)
    # One request analyses the case; concurrent first requests for it wait for that report.
    report = state.reports.get_or_compute(key, lambda: state.run_case(folder), owner=("folder", str(folder)))
    label = report.event_id or folder.name

    def draw() -> tuple[bytes, str]:
        built = respond(report, format, label, f"/case?path={quote(path, safe='')}")
        return (bytes(built.body), built.media_type)

    body, media_type = state.pages.get_or_compute((key, format, path), draw)
    return attach(Response(body, media_type=media_type), label, format, download)


@router.get("/reports/{token}")
def stored_report(request: Request, token: str, format: str = "html", download: bool = False):
    item = app_state(request).store.get(token)
    if item is None:
        raise Refused(404, "no such report (reports of uploads are kept in memory for a while, then dropped)")
    return attach(stored_page(token, item, format), item.label, format, download)
