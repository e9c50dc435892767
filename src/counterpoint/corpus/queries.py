"""Read-only queries over a corpus store, for the CLI and the web server."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

from counterpoint.corpus import store
from counterpoint.records import Account


def _story_dict(row: tuple) -> dict:
    sid, title, size, first, last, divergence, dups, sources = row
    return {"id": sid, "title": title, "size": size, "duplicates": dups,
            "first_published": first.isoformat() if first else None,
            "last_published": last.isoformat() if last else None,
            "divergence": None if divergence is None else round(float(divergence), 4),
            "sources": [s for s in (sources or []) if s]}


def list_stories(db: Path | str, q: Optional[str] = None, limit: int = 50, offset: int = 0,
                 min_size: int = 1) -> list[dict]:
    """Stories, largest and most recent first: id, title, size, duplicates, date span, divergence
    (1 - mean similarity of the members to the story when they joined; None for one article) and
    sources. `q` keeps the stories whose title or one of whose articles' titles or text has every word of q."""
    with store.reading(db) as con:
        where, params = ["o.size >= ?"], [min_size]
        for word in (q or "").split():
            where.append("EXISTS (SELECT 1 FROM story_members m JOIN articles a ON a.id = m.article_id "
                         "WHERE m.story_id = o.id AND (a.title ILIKE ? OR a.text ILIKE ?))")
            params += [f"%{word}%", f"%{word}%"]
        rows = con.execute(
            "SELECT o.id, o.title, o.size, o.first_published, o.last_published, o.divergence, o.duplicates, o.sources "
            f"FROM story_overview o WHERE {' AND '.join(where)} "
            "ORDER BY o.size DESC, o.last_published DESC NULLS LAST, o.id LIMIT ? OFFSET ?",
            params + [limit, offset]).fetchall()
        return [_story_dict(r) for r in rows]


def get_story(db: Path | str, story_id: int) -> Optional[dict]:
    with store.reading(db) as con:
        rows = con.execute("SELECT id, title, size, first_published, last_published, divergence, duplicates, "
                           "sources FROM story_overview WHERE id = ?", [story_id]).fetchall()
        return _story_dict(rows[0]) if rows else None


def story_accounts(db: Path | str, story_id: int) -> list[Account]:
    """The accounts of one story, as ingested (cleaned text and metadata), in publication order."""
    with store.reading(db) as con:
        rows = con.execute(
            "SELECT a.text, a.account FROM story_members m JOIN articles a ON a.id = m.article_id "
            "WHERE m.story_id = ? ORDER BY a.published NULLS LAST, a.seq", [story_id]).fetchall()
    return [Account.model_validate({**json.loads(meta), "text": text}) for text, meta in rows]


def totals(db: Path | str) -> dict:
    with store.reading(db) as con:
        a, d, s, m = con.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM duplicates), "
            "(SELECT count(*) FROM stories), (SELECT count(*) FROM stories WHERE size > 1)").fetchall()[0]
        return {"articles": a, "duplicates": d, "stories": s, "multi_stories": m}


def story_case(db: Path | str, story_id: int):
    """One story as a Case for `counterpoint compare --db --story`: its accounts, its title as the
    description, its first date; parties are left to the knowledge base (a corpus has no manifest)."""
    from counterpoint.case import Case
    from counterpoint.corpus.store import StoreError

    info = get_story(db, story_id)
    if info is None:
        raise StoreError(f"{db}: no story {story_id}")
    return Case(event_id=f"story-{story_id}", description=info["title"], date=info["first_published"],
                accounts=story_accounts(db, story_id))
