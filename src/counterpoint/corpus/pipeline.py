"""`corpus ingest`: stream records in batches; per batch, fingerprint, drop what is stored already,
link exact and near duplicates to their original, analyse the new articles (engine), group them
into stories, and write everything in one transaction. A killed run loses at most its open batch,
and running it again over the same input completes the store without storing anything twice."""
from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path, PurePath
from typing import Callable, Iterable, Iterator, Optional

import duckdb
import numpy as np

from counterpoint import settings
from counterpoint.corpus import store, stories
from counterpoint.corpus.engines import EngineError
from counterpoint.corpus.sources import SourceRecord, iter_sources
from counterpoint.corpus.text import Fingerprint, fingerprint, near_duplicate
from counterpoint.records import Problem


@dataclass
class Summary:
    records: int = 0
    articles: int = 0
    exact_duplicates: int = 0
    near_duplicates: int = 0
    already_stored: int = 0
    new_stories: int = 0
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=lambda: {
        "read": 0.0, "fingerprint": 0.0, "dedupe": 0.0, "analysis": 0.0, "stories": 0.0, "storage": 0.0})

    @property
    def duplicates(self) -> int:
        return self.exact_duplicates + self.near_duplicates


def _to_date(s: Optional[str]) -> Optional[date]:
    if not s:
        return None
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


_DAY = re.compile(r"(\d{4}|XXXX)-(\d\d)-(\d\d)")
_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
_CALENDAR = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b\.?|\b\d{1,4}[/.-]\d{1,2}\b", re.I)


def named_days(timexes: list[dict]) -> list[tuple[date, bool]]:
    """The calendar days an article names ("March 18", "18 March 2025", "3/18"), each with whether the text
    writes the year out, in order of first mention. Relative days ("Tuesday", "today") are left out: they
    are anchored to the publication date, which the story window already checks, or, in a text without
    one, to whatever date it named last. A day without a year is kept with the year it was resolved to
    (or 2000 when unresolved): `stories.dates_agree` compares those by month and day."""
    out: dict[tuple[date, bool], None] = {}
    for t in timexes:
        m = _DAY.fullmatch(str(t.get("value") or ""))
        text = t.get("text") or ""
        if t.get("type") != "DATE" or not m or not _CALENDAR.search(text):
            continue
        try:
            d = date(2000 if m[1] == "XXXX" else int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            continue
        out[(d, m[1] != "XXXX" and bool(_YEAR.search(text)))] = None
    return list(out)


def _batches(items: Iterator, size: int) -> Iterator[list]:
    while True:
        chunk = list(islice(items, size))
        if not chunk:
            return
        yield chunk


@dataclass
class _Decision:
    record: SourceRecord
    fp: Fingerprint
    kind: str  # "new", "stored", "exact", "near"
    original: Optional[str] = None
    similarity: Optional[float] = None


def _dedupe(con, recs: list[SourceRecord], fps: list[Fingerprint]) -> list[_Decision]:
    """Decide, in input order, what each record is; the batch's own new articles count as stored."""
    ids = sorted({fp.article_id for fp in fps})
    known = {r[0] for r in store.with_rows(
        con, "_ids", ["id"], [(i,) for i in ids],
        "SELECT id FROM articles JOIN _ids USING (id) UNION SELECT id FROM duplicates JOIN _ids USING (id)")}
    hashes = sorted({fp.content_hash for fp in fps})
    by_hash = dict(store.with_rows(
        con, "_h", ["h"], [(h,) for h in hashes],
        "SELECT a.content_hash, min_by(a.id, a.seq) FROM articles a JOIN _h ON a.content_hash = _h.h GROUP BY 1"))
    # A copy of a stored duplicate links to that duplicate's original: only originals are stored.
    for h, orig in store.with_rows(
            con, "_h", ["h"], [(h,) for h in hashes if h not in by_hash],
            "SELECT d.content_hash, min_by(d.original_id, d.seq) FROM duplicates d JOIN _h ON d.content_hash = _h.h "
            "GROUP BY 1"):
        by_hash[h] = orig
    band_rows = sorted({(k,) for fp in fps for k in fp.bands})
    band_hits: dict[int, set[str]] = {}
    for key, aid in store.with_rows(con, "_b", ["key"], band_rows,
                                    "SELECT l.key, l.article_id FROM lsh_bands l JOIN _b USING (key)"):
        band_hits.setdefault(key, set()).add(aid)
    cand_ids = sorted({a for s in band_hits.values() for a in s})
    sigs: dict[str, tuple[np.ndarray, int]] = {}
    for aid, n, blob in store.with_rows(con, "_c", ["article_id"], [(c,) for c in cand_ids],
                                        "SELECT m.article_id, m.n_shingles, m.signature FROM minhashes m "
                                        "JOIN _c USING (article_id)"):
        sigs[aid] = (np.frombuffer(blob, dtype=np.uint32), n)

    out: list[_Decision] = []
    seen_ids: set[str] = set()
    for rec, fp in zip(recs, fps):
        if fp.article_id in known or fp.article_id in seen_ids:
            out.append(_Decision(rec, fp, "stored"))
            continue
        seen_ids.add(fp.article_id)
        if fp.content_hash in by_hash:
            out.append(_Decision(rec, fp, "exact", by_hash[fp.content_hash], 1.0))
            continue
        best, best_j = None, -1.0
        for cid in sorted({c for k in fp.bands for c in band_hits.get(k, ())}):
            sig, n = sigs[cid]
            is_dup, j = near_duplicate(fp.signature, fp.n_shingles, sig, n)
            if is_dup and j > best_j:
                best, best_j = cid, j
        if best is not None:
            out.append(_Decision(rec, fp, "near", best, round(best_j, 6)))
            by_hash[fp.content_hash] = best
            continue
        out.append(_Decision(rec, fp, "new"))
        by_hash[fp.content_hash] = fp.article_id
        sigs[fp.article_id] = (fp.signature, fp.n_shingles)
        for k in fp.bands:
            band_hits.setdefault(k, set()).add(fp.article_id)
    return out


# One encoder for every record: json.dumps with options builds a new JSONEncoder on each call, and an
# article has dozens of records (the same text as json.dumps(r, sort_keys=True, ensure_ascii=False)).
_RECORD_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False)


def _record_rows(aid: str, items: list[dict], table: str) -> list[tuple]:
    rows = []
    encode = _RECORD_JSON.encode
    for i, r in enumerate(items):
        g = r.get
        rec = encode(r)
        if table == "quotes":
            rows.append((aid, i, g("speaker"), g("party"), g("channel"), g("kind"), g("cue"), g("text"), g("start"),
                         g("end"), g("source_start"), g("source_end"), rec))
        elif table == "claims":
            ev = (g("evidence") or [{}])[0] or {}
            rows.append((aid, i, g("speaker"), g("party"), g("channel"), g("verb"), g("stance"), g("text"),
                         ev.get("start"), ev.get("end"), rec))
        elif table == "figures":
            rows.append((aid, i, g("value"), g("unit"), g("approx"), g("measures"), g("text"), g("start"), g("end"), rec))
        elif table == "timexes":
            rows.append((aid, i, g("type"), g("value"), g("text"), g("start"), g("end"), rec))
        elif table == "events":
            rows.append((aid, i, g("date"), g("tense"), g("text"), rec))
        elif table == "mentions":
            rows.append((aid, i, g("text"), g("label"), g("canonical"), g("start"), g("end")))
    return rows


# A DuckDB database keeps a few KB for every join it has run (measured with DuckDB 2.0: about 3.5 KB per
# hash join, levelling off near 36 MB), released only when it is closed. An ingest runs a dozen joins per
# batch, so it closes and reopens its store every REOPEN_EVERY batches: memory stays flat however long
# the stream, for a few milliseconds per reopen. Batches are committed, so nothing is open at that point.
REOPEN_EVERY = settings.CORPUS_REOPEN_EVERY



def ingest(paths: list[Path], db: Path | str, engine, batch_size: int = 256,
           on_progress: Optional[Callable[[str, int], None]] = None,
           on_batch: Optional[Callable[[int, Summary], None]] = None,
           records: Optional[Iterable] = None) -> Summary:
    """Ingest the sources into the store at `db` (created if missing). `records` replaces the sources
    with an iterable of SourceRecord/Problem (used by the bench).

    Records are read in chunks of `engine.batches_per_call` batches: the chunk is fingerprinted and
    deduplicated in order, its new articles go to the engine in ONE call (so an engine with start-up
    cost per call, Ray's task scheduling or forked spaCy workers, pays it once per chunk), and then each batch
    of `batch_size` records is grouped into stories and committed in its own transaction. Deciding a
    whole chunk at once gives the same decisions as batch by batch, since a batch's new articles count
    as stored for the records after them, so the store does not depend on the engine."""
    con = store.connect(db, memory_limit=store.INGEST_MEMORY_LIMIT)
    summary = Summary()
    t0 = time.perf_counter()
    tick = on_progress or (lambda _stage, _n: None)
    items = iter(records if records is not None else iter_sources(paths))
    grouper = stories.StoryGrouper(con)
    per_call = max(1, int(getattr(engine, "batches_per_call", 1)))
    try:
        batch_no = opened_at = 0
        while True:
            t = time.perf_counter()
            chunk = list(islice(items, batch_size * per_call))
            summary.stage_seconds["read"] += time.perf_counter() - t
            if not chunk:
                break
            if batch_no - opened_at >= REOPEN_EVERY:
                t = time.perf_counter()
                con.close()
                con = store.connect(db, memory_limit=store.INGEST_MEMORY_LIMIT)
                grouper = stories.StoryGrouper(con)
                opened_at = batch_no
                summary.stage_seconds["storage"] += time.perf_counter() - t
            batches = [chunk[i:i + batch_size] for i in range(0, len(chunk), batch_size)]
            plans = _decide(con, engine, batches, summary, tick)
            for batch, (decisions, results) in zip(batches, plans):
                summary.records += len(batch)
                _commit(con, grouper, decisions, results, summary)
                tick("records", len(batch))
                batch_no += 1
                if on_batch:
                    on_batch(batch_no, summary)
    except EngineError as e:  # the analysis of the open chunk failed: what was committed stays
        raise EngineError(f"the {getattr(engine, 'name', 'analysis')} engine failed on batch {batch_no + 1}: {e}; "
                          f"the {batch_no} batches before it are stored, run again to resume") from None
    except duckdb.Error as e:
        if store.is_damage(e):  # a block of the file missing or corrupt: running again will not help
            raise store.damaged(db, str(e).splitlines()[0]) from None
        # A full disk, a lost file or a failed commit: the open batch was rolled back, the ones before it stay.
        raise store.StoreError(f"{db}: could not write batch {batch_no + 1} ({str(e).splitlines()[0]}); "
                               f"the {batch_no} batches before it are stored, run again to resume") from None
    finally:
        try:
            con.close()
        except duckdb.Error:
            pass
    summary.seconds = time.perf_counter() - t0
    return summary


def _decide(con, engine, batches: list[list], summary: Summary, tick) -> list[tuple[list[_Decision], list[dict]]]:
    """Fingerprint and dedupe a chunk of batches, analyse all its new articles in one engine call;
    returns per batch its decisions and the analyses of its new articles (in order)."""
    st = summary.stage_seconds
    recs_per_batch = []
    for batch in batches:
        recs = []
        for it in batch:
            if isinstance(it, Problem):
                summary.problems.append(it)
            else:
                recs.append(it)
        recs_per_batch.append(recs)
    all_recs = [r for recs in recs_per_batch for r in recs]
    t = time.perf_counter()
    # a URL-less record's key holds its source's name (not the folder: a moved file is the same source)
    fps = [fingerprint(r.account.text, r.account.url, PurePath(r.locator).name) for r in all_recs]
    st["fingerprint"] += time.perf_counter() - t

    t = time.perf_counter()
    decisions = _dedupe(con, all_recs, fps)
    st["dedupe"] += time.perf_counter() - t

    new = [d for d in decisions if d.kind == "new"]
    accounts = [d.record.account.model_copy(update={"id": d.fp.article_id}) for d in new]
    t = time.perf_counter()
    results = engine.analyze(accounts) if accounts else []
    st["analysis"] += time.perf_counter() - t
    tick("analysed", len(accounts))
    result_of = {id(d): res for d, res in zip(new, results)}
    for d, res in zip(new, results):
        if res.get("error"):  # stored without extracted records; said once, naming the record
            summary.problems.append(Problem(file=d.record.locator, message=res["error"]))
    plans, pos = [], 0
    for recs in recs_per_batch:
        ds = decisions[pos:pos + len(recs)]
        pos += len(recs)
        plans.append((ds, [result_of[id(d)] for d in ds if d.kind == "new"]))
    return plans


def _commit(con, grouper, decisions: list[_Decision], results: list[dict], summary: Summary) -> None:
    """Group one batch's new articles into stories and write the batch in one transaction."""
    st = summary.stage_seconds
    new = [d for d in decisions if d.kind == "new"]
    accounts = [d.record.account.model_copy(update={"id": d.fp.article_id}) for d in new]
    t = time.perf_counter()
    seq0 = (con.execute("SELECT coalesce(max(seq), 0) FROM (SELECT max(seq) AS seq FROM articles "
                        "UNION ALL SELECT max(seq) FROM duplicates)").fetchall()[0][0] or 0) + 1
    seqs = {id(d): seq0 + i for i, d in enumerate(x for x in decisions if x.kind != "stored")}
    new_articles = []
    for d, acc, res in zip(new, accounts, results):
        ekeys: dict[str, int] = {}
        for e in res["entities"]:
            ekeys[e[4]] = ekeys.get(e[4], 0) + 1
        new_articles.append(stories.NewArticle(acc.id, seqs[id(d)], _to_date(acc.published), acc.title,
                                               ekeys, res["terms"], named_days(res.get("timexes") or [])))
    assignments, changed, df_inc = grouper.assign(new_articles)
    st["stories"] += time.perf_counter() - t

    t = time.perf_counter()
    rows: dict[str, list[tuple]] = {k: [] for k in store.APPEND_TABLES}
    for d, acc, res, a, asg in zip(new, accounts, results, new_articles, assignments):
        aid = acc.id
        meta = acc.model_dump(mode="json", exclude={"text"})
        rows["articles"].append((aid, a.seq, d.record.locator, d.record.account.id, acc.url, acc.title, acc.outlet,
                                 acc.published and acc.published[:10], acc.published_source, acc.side, acc.kind,
                                 acc.language, acc.format, d.fp.content_hash, d.fp.n_words, res.get("n_tokens"),
                                 res.get("n_sents"), asg.story_id, acc.text, json.dumps(meta, ensure_ascii=False)))
        rows["minhashes"].append((aid, d.fp.n_shingles, d.fp.signature.tobytes()))
        rows["lsh_bands"].extend((k, aid) for k in d.fp.bands)
        rows["story_members"].append((asg.story_id, aid, asg.similarity, a.seq))
        rows["story_keys"].extend((k, aid, asg.story_id, a.published) for k in asg.keys)
        rows["entities"].extend((aid, i, e[0], e[1], e[2], e[3], e[4]) for i, e in enumerate(res["entities"]))
        for table in ("quotes", "claims", "figures", "timexes", "events", "mentions"):
            rows[table].extend(_record_rows(aid, res.get(table) or [], table))
    for d in decisions:
        if d.kind in ("exact", "near"):
            acc = d.record.account
            rows["duplicates"].append((d.fp.article_id, seqs[id(d)], d.original, d.kind, d.similarity,
                                       d.record.locator, acc.id, acc.url, acc.title, acc.outlet,
                                       acc.published and acc.published[:10], d.fp.content_hash))
    con.execute("BEGIN TRANSACTION").fetchall()
    try:
        for table, table_rows in rows.items():
            store.append(con, table, table_rows)
        stories.write(con, changed, df_inc)
        con.execute("COMMIT").fetchall()
    except BaseException:
        try:
            con.execute("ROLLBACK").fetchall()
        except duckdb.Error:
            pass  # a COMMIT that failed has already ended the transaction
        raise
    st["storage"] += time.perf_counter() - t
    summary.articles += len(new)
    summary.exact_duplicates += sum(d.kind == "exact" for d in decisions)
    summary.near_duplicates += sum(d.kind == "near" for d in decisions)
    summary.already_stored += sum(d.kind == "stored" for d in decisions)
    summary.new_stories += sum(1 for a in assignments if a.similarity is None)
