"""`counterpoint corpus export`: the corpus tables written out with DuckDB's own COPY, one file per
table (Parquet, or CSV with a header), for pandas, Arrow, Spark or a spreadsheet."""
from __future__ import annotations

from pathlib import Path

import duckdb

from counterpoint.corpus.store import StoreError, connect, store_error

#: The tables a user reads (articles and their findings, duplicates, stories); the index tables of the
#: ingest (minhashes, lsh_bands, story_keys, key_df, meta) stay inside the store.
EXPORT_TABLES = ("articles", "duplicates", "stories", "story_members", "entities", "quotes", "claims",
                 "figures", "timexes", "events", "mentions")
EXPORT_FORMATS = {"parquet": "(FORMAT parquet, COMPRESSION zstd)", "csv": "(FORMAT csv, HEADER true)"}


def export(db: Path, out: Path, fmt: str = "parquet") -> list[tuple[Path, int]]:
    """Write every table of EXPORT_TABLES to OUT/TABLE.FORMAT; returns (file, rows) for each. Each file
    is written beside and renamed. Raises StoreError (one line) on a missing or damaged store, or
    when OUT cannot be written."""
    if fmt not in EXPORT_FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    con = connect(db, read_only=True)
    written = []
    try:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(f"{out}: cannot create the folder ({e.strerror or e})") from None
        present = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        for table in EXPORT_TABLES:
            if table not in present:
                continue
            target = out / f"{table}.{fmt}"
            part = target.with_name(target.name + ".part")
            literal = str(part).replace("'", "''")
            try:
                con.execute(f"COPY {table} TO '{literal}' {EXPORT_FORMATS[fmt]}").fetchall()
                part.replace(target)
            except duckdb.Error as e:
                part.unlink(missing_ok=True)
                raise store_error(db, e) from None
            except OSError as e:
                part.unlink(missing_ok=True)
                raise StoreError(f"{target}: cannot write ({e.strerror or e})") from None
            rows = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            written.append((target, rows))
    finally:
        con.close()
    return written
