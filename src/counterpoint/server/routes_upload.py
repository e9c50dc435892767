"""Routes: uploaded files (`POST /upload`) and pasted texts (`POST /paste`) -> a stored report."""
from __future__ import annotations

import shutil

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from counterpoint.server import uploads
from counterpoint.server.responses import attach, stored_page
from counterpoint.server.state import Stored, app_state

router = APIRouter()


async def store_upload(request: Request, collect) -> Response:
    state = app_state(request)
    async with uploads.receive_body(request) as body:  # counted against the bodies in flight until written
        form = await uploads.parse_form(request, body)
        try:
            items = await collect(form)
        finally:
            await form.close()
        folder = uploads.write_case(items)
        default_label = items[0].name.rsplit(".", 1)[0] if len(items) == 1 else "uploaded-case"
        skipped = list(getattr(items, "problems", []))  # files left out, reported as the CLI's --keep-going does
        del items  # the uploaded bytes are on disk now
    try:
        report = await run_in_threadpool(state.run_case, folder, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    report.problems[:0] = skipped
    label = report.event_id or default_label
    token = state.store.put(report, label)
    fmt = request.query_params.get("format", "html")
    if fmt != "html":
        item = state.store.get(token) or Stored(report, label)
        return attach(await run_in_threadpool(stored_page, token, item, fmt), label, fmt, True)
    return RedirectResponse(f"/reports/{token}", status_code=303)


@router.post("/upload")
async def upload(request: Request):
    return await store_upload(request, uploads.collect_uploads)


@router.post("/paste")
async def paste(request: Request):
    async def collect(form):
        return uploads.collect_pasted(form)
    return await store_upload(request, collect)
