"""The DuckDB store of a corpus: schema, connection, and batched writes (docs/corpus.md documents
every table). One writer at a time; every batch is written in one transaction."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

SCHEMA_VERSION = "1"

# No PRIMARY KEY on `articles.id` / `duplicates.id`: DuckDB keeps a key's ART index in memory and must
# load all of it to insert, so memory and the cost of a batch would grow with the store (and a store of
# millions would not fit the ingest's memory cap). Ids stay unique because the ingest is the only writer
# (DuckDB's file lock) and looks every id up in both tables before it writes the batch.
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR NOT NULL, seq BIGINT, source VARCHAR, source_name VARCHAR, url VARCHAR, title VARCHAR,
    outlet VARCHAR, published DATE, published_source VARCHAR, side VARCHAR, kind VARCHAR, language VARCHAR,
    format VARCHAR, content_hash VARCHAR, n_words INTEGER, n_tokens INTEGER, n_sentences INTEGER,
    story_id BIGINT, text VARCHAR, account JSON);
CREATE TABLE IF NOT EXISTS duplicates (
    id VARCHAR NOT NULL, seq BIGINT, original_id VARCHAR, kind VARCHAR, similarity DOUBLE, source VARCHAR,
    source_name VARCHAR, url VARCHAR, title VARCHAR, outlet VARCHAR, published DATE, content_hash VARCHAR);
CREATE TABLE IF NOT EXISTS minhashes (article_id VARCHAR, n_shingles INTEGER, signature BLOB);
CREATE TABLE IF NOT EXISTS lsh_bands (key BIGINT, article_id VARCHAR);
CREATE TABLE IF NOT EXISTS stories (
    id BIGINT, title VARCHAR, first_published DATE, last_published DATE, size INTEGER,
    similarity_sum DOUBLE, profile JSON);
CREATE TABLE IF NOT EXISTS story_members (story_id BIGINT, article_id VARCHAR, similarity DOUBLE, seq BIGINT);
CREATE TABLE IF NOT EXISTS story_keys (key VARCHAR, article_id VARCHAR, story_id BIGINT, published DATE);
CREATE TABLE IF NOT EXISTS key_df (key VARCHAR, df BIGINT);
CREATE TABLE IF NOT EXISTS entities (
    article_id VARCHAR, idx INTEGER, text VARCHAR, label VARCHAR, "start" INTEGER, "end" INTEGER, key VARCHAR);
CREATE TABLE IF NOT EXISTS quotes (
    article_id VARCHAR, idx INTEGER, speaker VARCHAR, party VARCHAR, channel VARCHAR, kind VARCHAR, cue VARCHAR,
    text VARCHAR, "start" INTEGER, "end" INTEGER, source_start INTEGER, source_end INTEGER, record JSON);
CREATE TABLE IF NOT EXISTS claims (
    article_id VARCHAR, idx INTEGER, speaker VARCHAR, party VARCHAR, channel VARCHAR, verb VARCHAR,
    stance VARCHAR, text VARCHAR, "start" INTEGER, "end" INTEGER, record JSON);
CREATE TABLE IF NOT EXISTS figures (
    article_id VARCHAR, idx INTEGER, value DOUBLE, unit VARCHAR, approx VARCHAR, measures VARCHAR,
    text VARCHAR, "start" INTEGER, "end" INTEGER, record JSON);
CREATE TABLE IF NOT EXISTS timexes (
    article_id VARCHAR, idx INTEGER, type VARCHAR, value VARCHAR, text VARCHAR, "start" INTEGER, "end" INTEGER,
    record JSON);
CREATE TABLE IF NOT EXISTS events (
    article_id VARCHAR, idx INTEGER, date VARCHAR, tense VARCHAR, text VARCHAR, record JSON);
CREATE TABLE IF NOT EXISTS mentions (
    article_id VARCHAR, idx INTEGER, text VARCHAR, label VARCHAR, canonical VARCHAR, "start" INTEGER, "end" INTEGER);
CREATE OR REPLACE VIEW actors AS
    SELECT key, any_value(text ORDER BY length(text) DESC) AS name, any_value(label) AS label,
           count(*) AS mentions, count(DISTINCT article_id) AS articles
    FROM entities WHERE label IN ('PERSON', 'ORG', 'NORP', 'GPE') GROUP BY key;
CREATE OR REPLACE VIEW story_overview AS
    SELECT s.id, s.title, s.size, s.first_published, s.last_published,
           CASE WHEN s.size > 1 THEN 1 - (s.similarity_sum / (s.size - 1)) END AS divergence,
           (SELECT count(*) FROM duplicates d JOIN story_members m ON m.article_id = d.original_id
             WHERE m.story_id = s.id) AS duplicates,
           (SELECT list(DISTINCT coalesce(a.outlet, regexp_extract(a.url, '//(?:www\\.)?([^/]+)', 1), a.source_name)
                        ORDER BY coalesce(a.outlet, regexp_extract(a.url, '//(?:www\\.)?([^/]+)', 1), a.source_name))
             FROM story_members m JOIN articles a ON a.id = m.article_id WHERE m.story_id = s.id) AS sources
    FROM stories s;
"""

# The tables whose rows one batch appends, with their columns in order.
APPEND_TABLES = {
    "articles": ["id", "seq", "source", "source_name", "url", "title", "outlet", "published", "published_source",
                 "side", "kind", "language", "format", "content_hash", "n_words", "n_tokens", "n_sentences",
                 "story_id", "text", "account"],
    "duplicates": ["id", "seq", "original_id", "kind", "similarity", "source", "source_name", "url", "title",
                   "outlet", "published", "content_hash"],
    "minhashes": ["article_id", "n_shingles", "signature"],
    "lsh_bands": ["key", "article_id"],
    "story_members": ["story_id", "article_id", "similarity", "seq"],
    "story_keys": ["key", "article_id", "story_id", "published"],
    "entities": ["article_id", "idx", "text", "label", "start", "end", "key"],
    "quotes": ["article_id", "idx", "speaker", "party", "channel", "kind", "cue", "text", "start", "end",
               "source_start", "source_end", "record"],
    "claims": ["article_id", "idx", "speaker", "party", "channel", "verb", "stance", "text", "start", "end", "record"],
    "figures": ["article_id", "idx", "value", "unit", "approx", "measures", "text", "start", "end", "record"],
    "timexes": ["article_id", "idx", "type", "value", "text", "start", "end", "record"],
    "events": ["article_id", "idx", "date", "tense", "text", "record"],
    "mentions": ["article_id", "idx", "text", "label", "canonical", "start", "end"],
}


class StoreError(Exception):
    """The store cannot be opened or used (one line, naming the file)."""


# The ingest scans its lookup tables (LSH bands, story keys) once per batch; DuckDB would otherwise keep
# every block it has read cached, up to 80% of RAM, so its memory would grow with the store. Evicted
# blocks come back from the OS page cache, cheaply.
INGEST_MEMORY_LIMIT = "64MB"
# DuckDB's allocator keeps freed memory for reuse until a task has allocated this much (128 MB by default),
# which shows up as resident memory that creeps up over a long ingest; the ingest's tasks are small.
INGEST_ALLOCATOR_FLUSH = "16MB"


# DuckDB's file: three 4 KiB headers, then the blocks.
_FILE_HEADERS = 3 * 4096
_DAMAGED = ("could not read enough bytes", "corrupt", "checksum", "not a valid duckdb database",
            "serialization error", "invalid block", "malformed")
DAMAGED_ADVICE = "restore it from a backup, or ingest the sources again into a new --db"


def damaged(path: Path | str, detail: str) -> StoreError:
    return StoreError(f"{path}: the corpus database is damaged ({detail}); {DAMAGED_ADVICE}")


def is_damage(e: BaseException) -> bool:
    """Does this DuckDB error say the file itself is cut or corrupt (rather than the disk full or locked)?"""
    msg = str(e).lower()
    return isinstance(e, (duckdb.SerializationException, duckdb.InternalException)) or any(m in msg for m in _DAMAGED)


def store_error(path: Path | str, e: BaseException) -> StoreError:
    """One line for a DuckDB error on the store at `path`, with what to do about it."""
    msg = str(e).splitlines()[0] if str(e) else type(e).__name__
    low = msg.lower()
    if "lock" in low and ("conflicting" in low or "could not set lock" in low):
        return StoreError(f"{path}: the corpus database is in use by another process")
    if is_damage(e):
        return damaged(path, msg)
    if "permission denied" in low or "read-only file system" in low:
        folder = Path(path).resolve().parent
        return StoreError(f"{path}: cannot write the corpus database ({msg}); DuckDB writes the database and its "
                          f".wal journal in {folder}: make that folder and file writable, or pass another --db")
    return StoreError(f"{path}: cannot open the corpus database ({msg})")


def check_intact(con: duckdb.DuckDBPyConnection, path: str) -> None:
    """Refuse a truncated file at once: every used block must lie inside it. Otherwise DuckDB opens it and
    fails later, on the first query that reads a missing block (mid-ingest, after the analysis)."""
    try:
        row = con.execute("SELECT block_size, used_blocks FROM pragma_database_size() "
                          "WHERE database_name = current_database()").fetchall()
        size = Path(path).stat().st_size
    except (duckdb.Error, OSError):
        return
    if row and row[0][0] and size < _FILE_HEADERS + row[0][0] * row[0][1]:
        raise damaged(path, f"the file is {size:,} bytes, too short for its {row[0][1]:,} blocks of "
                            f"{row[0][0]:,} bytes: it was cut short")


def connect(path: Path | str, read_only: bool = False, memory_limit: str | None = None) -> duckdb.DuckDBPyConnection:
    """Open the store; every failure is a StoreError of one line naming the file and what to do."""
    path = str(path)
    if read_only and path != ":memory:" and not Path(path).exists():
        raise StoreError(f"{path}: no such corpus database")
    try:
        con = duckdb.connect(path, read_only=read_only)
    except duckdb.Error as e:
        err = store_error(path, e)
        if not isinstance(e, duckdb.IOException) and "cannot open" in str(err):
            err = StoreError(f"{path}: not a corpus database ({str(e).splitlines()[0]})")
        raise err from None
    try:
        if path != ":memory:":
            check_intact(con, path)
        if memory_limit:
            con.execute(f"SET memory_limit = '{memory_limit}'").fetchall()
            con.execute(f"SET allocator_flush_threshold = '{INGEST_ALLOCATOR_FLUSH}'").fetchall()
        if not read_only:
            con.execute(SCHEMA).fetchall()
            con.execute("INSERT INTO meta SELECT 'schema_version', ? WHERE NOT EXISTS "
                        "(SELECT 1 FROM meta WHERE key = 'schema_version')", [SCHEMA_VERSION]).fetchall()
        else:
            tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
            if "articles" not in tables:
                raise StoreError(f"{path}: not a corpus database (no articles table)")
    except (duckdb.Error, StoreError) as e:
        try:
            con.close()
        except duckdb.Error:
            pass
        raise (e if isinstance(e, StoreError) else store_error(path, e)) from None
    return con


@contextmanager
def reading(path: Path | str):
    """A read-only connection whose DuckDB errors (a block of a damaged file) become one StoreError line."""
    con = connect(path, read_only=True)
    try:
        yield con
    except duckdb.Error as e:
        raise store_error(path, e) from None
    finally:
        try:
            con.close()
        except duckdb.Error:
            pass


def arrow_table(columns: list[str], rows: list[tuple]) -> pa.Table:
    cols = list(zip(*rows)) if rows else [[] for _ in columns]
    return pa.table({c: pa.array(list(v)) if rows else pa.array([], pa.null()) for c, v in zip(columns, cols)})


def append(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple]) -> None:
    if not rows:
        return
    columns = APPEND_TABLES[table]
    data = arrow_table(columns, rows)
    con.register("_batch_rows", data)
    try:
        cols = ", ".join(f'"{c}"' for c in columns)
        con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _batch_rows").fetchall()
    finally:
        con.unregister("_batch_rows")


def with_rows(con: duckdb.DuckDBPyConnection, name: str, columns: list[str], rows: list[tuple], sql: str,
              params: Any = None) -> list[tuple]:
    """Run `sql` with the rows registered as a temporary relation `name` (batched look-ups)."""
    if not rows:
        return []
    con.register(name, arrow_table(columns, rows))
    try:
        return con.execute(sql, params).fetchall() if params is not None else con.execute(sql).fetchall()
    finally:
        con.unregister(name)


def count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    return con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
