"""Read-only queries over a corpus store, for the CLI and the web server."""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Optional

from counterpoint.corpus import store
from counterpoint.records import Account


# A story's title: its stored one (its first article's), else the first line of its first article's text.
_TITLE = ("coalesce(nullif(trim(o.title), ''), (SELECT left(trim(split_part(trim(a.text), chr(10), 1)), 120) "
          "FROM story_members m JOIN articles a ON a.id = m.article_id WHERE m.story_id = o.id "
          "ORDER BY m.seq LIMIT 1))")


def slug(text: Optional[str], words: int = 5) -> str:
    """A few lowercase ASCII words of `text`, joined by hyphens ("Trump, Putin speak" -> "trump-putin-speak")."""
    ascii_ = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_.lower())[:words])


def readable_id(outlet: Optional[str], published: Optional[str], title: Optional[str], fallback: str) -> str:
    """An account id that says what it is: outlet, date, a slug of the title (`reuters-2025-03-18-trump-putin`)."""
    parts = [p for p in (slug(outlet, 3), (published or "")[:10], slug(title)) if p]
    return "-".join(parts) or fallback


def _story_dict(row: tuple) -> dict:
    sid, title, size, first, last, divergence, dups, sources = row
    return {"id": sid, "title": title or f"story {sid}", "size": size, "duplicates": dups,
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
            f"SELECT o.id, {_TITLE}, o.size, o.first_published, o.last_published, o.divergence, o.duplicates, o.sources "
            f"FROM story_overview o WHERE {' AND '.join(where)} "
            "ORDER BY o.size DESC, o.last_published DESC NULLS LAST, o.id LIMIT ? OFFSET ?",
            params + [limit, offset]).fetchall()
        return [_story_dict(r) for r in rows]


def get_story(db: Path | str, story_id: int) -> Optional[dict]:
    with store.reading(db) as con:
        rows = con.execute(f"SELECT o.id, {_TITLE}, o.size, o.first_published, o.last_published, o.divergence, "
                           "o.duplicates, o.sources FROM story_overview o WHERE o.id = ?", [story_id]).fetchall()
        return _story_dict(rows[0]) if rows else None


def story_accounts(db: Path | str, story_id: int) -> list[Account]:
    """The accounts of one story, as ingested (cleaned text and metadata), in publication order, each
    with a readable id (outlet, date, slug of the title; `-2`, `-3` when two would be the same)."""
    with store.reading(db) as con:
        rows = con.execute(
            "SELECT a.text, a.account, a.id FROM story_members m JOIN articles a ON a.id = m.article_id "
            "WHERE m.story_id = ? ORDER BY a.published NULLS LAST, a.seq", [story_id]).fetchall()
    out, seen = [], {}
    for text, meta, aid in rows:
        acc = Account.model_validate({**json.loads(meta), "text": text})
        rid = readable_id(acc.outlet or _host(acc.url), acc.published, acc.title or text.strip().split("\n")[0], aid)
        seen[rid] = seen.get(rid, 0) + 1
        out.append(acc.model_copy(update={"id": rid if seen[rid] == 1 else f"{rid}-{seen[rid]}"}))
    return out


def _host(url: Optional[str]) -> Optional[str]:
    m = re.match(r"[a-z]+://(?:www\.)?([^/:]+)", url or "")
    return m.group(1) if m else None


def story_sources(db: Path | str, story_ids: list[int]) -> dict[int, list[dict]]:
    """Per story, its sources by outlet: [{outlet, articles: [{id (readable), title, published, url}]}],
    outlets in order of their first article. Duplicates (republished copies) are listed under their outlet
    with `copy_of` set."""
    if not story_ids:
        return {}
    with store.reading(db) as con:
        rows = con.execute(
            "SELECT m.story_id, a.outlet, a.url, a.title, a.published, a.id, NULL AS copy_of, a.seq, "
            "       left(trim(a.text), 200) FROM story_members m JOIN articles a ON a.id = m.article_id "
            "WHERE m.story_id IN (SELECT unnest(?)) "
            "UNION ALL "
            "SELECT m.story_id, d.outlet, d.url, d.title, d.published, d.id, d.original_id, d.seq, NULL "
            "FROM duplicates d JOIN story_members m ON m.article_id = d.original_id "
            "WHERE m.story_id IN (SELECT unnest(?)) ORDER BY 1, 5 NULLS LAST, 8", [story_ids, story_ids]).fetchall()
    out: dict[int, dict[str, list[dict]]] = {}
    for sid, outlet, url, title, published, aid, copy_of, _seq, text in rows:
        name = outlet or _host(url) or "unknown outlet"
        pub = published.isoformat() if published else None
        title = title or (text or "").split("\n")[0][:120] or None
        out.setdefault(sid, {}).setdefault(name, []).append(
            {"id": readable_id(name, pub, title, aid), "title": title, "published": pub, "url": url,
             "copy_of": copy_of})
    return {sid: [{"outlet": o, "articles": arts} for o, arts in by.items()] for sid, by in out.items()}


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
