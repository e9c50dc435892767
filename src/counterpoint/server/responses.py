"""What the routes answer with: the app's own pages, error answers, and reports rendered per format."""
from __future__ import annotations

import re
from pathlib import Path

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from counterpoint.records import Report
from counterpoint.report.html import render_html as render_report_html
from counterpoint.report.render import FORMATS, MEDIA_TYPES, render
from counterpoint.server import uploads
from counterpoint.server.errors import Refused
from counterpoint.server.state import AppState, Stored

HERE = Path(__file__).parent
TEMPLATES = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=True, undefined=StrictUndefined)


def page(state: AppState, name: str, status: int = 200, **context) -> HTMLResponse:
    return HTMLResponse(TEMPLATES.get_template(name).render(**context, has_db=state.db is not None),
                        status_code=status)


def wants_html(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "text/html" in accept and "application/json" not in accept.split(",")[0]


def error(state: AppState, request: Request, status: int, message: str) -> Response:
    if wants_html(request):
        return page(state, "error.html.j2", status=status, status_code=status, message=message)
    return JSONResponse({"error": message, "status": status}, status_code=status)


def download_name(label: str, fmt: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", label).strip("-.")[:80] or "report"
    return f"{stem}.{fmt}"


def respond(report: Report, fmt: str, label: str, base_url: str) -> Response:
    """The report in `fmt`; the HTML page links its downloads under `base_url`."""
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
        response.headers["content-disposition"] = f'attachment; filename="{download_name(label, fmt)}"'
    return response


def stored_page(token: str, item: Stored, fmt: str) -> Response:
    """A stored report's page in `fmt`, rendered on its first request and served as bytes after."""
    with item.lock:
        hit = item.pages.get(fmt)
        if hit is None:
            built = respond(item.report, fmt, item.label, f"/reports/{token}")
            hit = item.pages[fmt] = (bytes(built.body), built.media_type)
    return Response(hit[0], media_type=hit[1])


def uploads_limits() -> dict:
    return {"files": uploads.MAX_FILES, "file_mb": uploads.MAX_FILE_BYTES // (1024 * 1024),
            "request_mb": uploads.MAX_REQUEST_BYTES // (1024 * 1024), "kinds": uploads.KINDS}
