"""Routes: corpus stories (`serve --db corpus.duckdb`): the list (`/stories`) and one story's report."""
from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from counterpoint import settings
from counterpoint.server.errors import Refused
from counterpoint.server.responses import attach, page, respond, wants_html
from counterpoint.server.state import AppState, app_state

router = APIRouter()


def corpus_queries(state: AppState):
    if state.db is None:
        raise Refused(404, "this server was started without a corpus store (serve --db corpus.duckdb)")
    try:
        from counterpoint.corpus import queries
    except ImportError:
        raise Refused(501, "this installation cannot browse corpus stories yet (counterpoint.corpus.queries)")
    return queries


def story_row(story: dict) -> dict:
    """A story from corpus.queries.list_stories, with list values (sources) joined for display."""
    return {k: ", ".join(map(str, v)) if isinstance(v, list) else v for k, v in story.items()}


@router.get("/stories", response_class=HTMLResponse)
def stories(request: Request, q: str = "", offset: int = Query(0, ge=0),
            limit: int = Query(settings.SERVER_STORIES_PAGE, ge=1, le=settings.SERVER_STORIES_PAGE_MAX)):
    state = app_state(request)
    queries = corpus_queries(state)
    from counterpoint.corpus.store import StoreError

    db = str(state.db)
    try:
        found = queries.list_stories(db, q or None, limit, offset)
        if not wants_html(request):
            return JSONResponse({"stories": [story_row(s) for s in found], "offset": offset, "limit": limit})
        by_outlet = queries.story_sources(db, [s["id"] for s in found])
    except StoreError as e:  # a damaged or locked store: one line, not a 500
        raise Refused(503, str(e)) from None
    found = [{**s, "outlets": by_outlet.get(s["id"], [])} for s in found]
    return page(state, "stories.html.j2", stories=found, q=q, offset=offset, limit=limit)


@router.get("/stories/{story_id}")
def story_report(request: Request, story_id: int, format: str = "html", download: bool = False):
    state = app_state(request)
    queries = corpus_queries(state)
    from counterpoint.corpus.store import StoreError

    db = str(state.db)
    try:
        case = queries.story_case(db, story_id)
    except StoreError as e:
        raise Refused(404 if f"no story {story_id}" in str(e) else 503, str(e)) from None
    if not case.accounts:
        raise Refused(404, f"story {story_id} has no accounts")
    key = ("story", db, story_id, tuple((a.id, len(a.text)) for a in case.accounts))
    report = state.reports.get_or_compute(key, lambda: state.compare(case), owner=("story", db, story_id))
    label = f"story-{story_id}"
    return attach(respond(report, format, label, f"/stories/{story_id}"), label, format, download)
