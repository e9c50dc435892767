"""`counterpoint corpus ...`: ingest a stream of articles into a DuckDB store, list its stories."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    SpinnerColumn,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
)

from counterpoint.console import err
from counterpoint.console import fail as _fail

corpus_app = typer.Typer(add_completion=False, no_args_is_help=True,
                         help="Corpus scale: ingest a stream of articles, link duplicates, group stories.")


class _Rate(TextColumn):
    """Items per second of a task."""

    def __init__(self):
        super().__init__("")

    def render(self, task):
        from rich.text import Text

        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f}/s" if speed else "", style="progress.data.speed")


@corpus_app.command("ingest")
def ingest_cmd(
    sources: List[Path] = typer.Argument(..., help="Folders, .txt/.html files, .jsonl(.gz) and .warc(.gz) files."),
    db: Path = typer.Option(Path("corpus.duckdb"), "--db", help="The corpus database (created if missing)."),
    engine: str = typer.Option("local", "--engine", help="local (in-process spaCy) or ray (Ray tasks, locally or on a cluster)."),
    address: Optional[str] = typer.Option(None, "--address", help="Ray cluster address (with --engine ray)."),
    batch_size: int = typer.Option(256, "--batch-size", min=1, help="Records per batch (one transaction each)."),
    workers: int = typer.Option(1, "--workers", min=1, help="Parser processes (local) or CPUs (local Ray)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress or summary."),
    kb: Optional[List[Path]] = typer.Option(None, "--kb", help="Knowledge-base YAML file (layout of the built-in "
                                            "actors_kb.yaml) merged over the built-in one: its countries add to "
                                            "or replace built-in ones. Repeatable."),
) -> None:
    """Stream SOURCES into the store: dedupe, analyse, group into stories."""
    from counterpoint.corpus.engines import EngineError, make_engine
    from counterpoint.corpus.pipeline import ingest
    from counterpoint.corpus.store import StoreError

    if engine not in ("local", "ray"):
        _fail(f"unknown engine {engine!r}: choose local or ray")
    if address and engine != "ray":
        _fail("--address needs --engine ray")
    for s in sources:
        if not s.exists():
            _fail(f"{s}: no such file or folder")
    if kb:  # a bad knowledge-base file is reported before anything runs
        from counterpoint.analysis import kb as kbase
        try:
            kbase.use_files(kb)
        except kbase.KBError as e:
            _fail(str(e))
    interactive = err.is_terminal and not quiet
    try:
        eng = make_engine(engine, address=address, workers=workers)
    except Exception as e:  # Ray start-up failures come in many types; one line is what the user needs
        _fail(f"cannot start the {engine} engine: {str(e).splitlines()[0] if str(e) else type(e).__name__}")
    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
                        TextColumn("{task.completed:,} done"), _Rate(), TimeElapsedColumn(),
                        console=err, disable=not interactive)
    tasks = {}

    def on_progress(stage: str, n: int) -> None:
        if stage not in tasks:
            tasks[stage] = progress.add_task({"records": "records read", "analysed": "articles analysed"}[stage],
                                             total=None)
        progress.advance(tasks[stage], n)

    def on_batch(no: int, s) -> None:
        if not interactive and not quiet:  # logs get one line per committed batch
            err.print(f"batch {no} committed: {s.records} records, {s.articles} articles, {s.duplicates} duplicates, "
                      f"{s.already_stored} already stored", highlight=False)

    try:
        with progress:
            summary = ingest(sources, db, eng, batch_size=batch_size, on_progress=on_progress, on_batch=on_batch)
    except (StoreError, EngineError) as e:
        _fail(str(e))
    finally:
        eng.close()
    for p in summary.problems:
        err.print(f"[yellow]skipped:[/] {p.line()}", highlight=False, soft_wrap=True)
    if not quiet:
        from counterpoint.corpus.queries import totals

        try:
            tot = totals(db)
        except StoreError as e:
            _fail(str(e))
        rate = summary.records / summary.seconds if summary.seconds else 0.0
        Console().print(
            f"ingested {summary.records:,} records in {summary.seconds:,.1f} s ({rate:,.1f}/s): "
            f"{summary.articles:,} new articles, {summary.exact_duplicates:,} exact and "
            f"{summary.near_duplicates:,} near duplicates, {summary.already_stored:,} already stored, "
            f"{summary.new_stories:,} new stories, {len(summary.problems):,} problems\n"
            f"store {db}: {tot['articles']:,} articles, {tot['duplicates']:,} duplicates, {tot['stories']:,} stories "
            f"({tot['multi_stories']:,} with more than one article)", highlight=False, soft_wrap=True)
        if hasattr(eng, "describe"):
            Console().print(eng.describe(), highlight=False, soft_wrap=True)
    if summary.problems:
        raise typer.Exit(1)


@corpus_app.command("export")
def export_cmd(
    db: Path = typer.Option(Path("corpus.duckdb"), "--db", help="The corpus database."),
    fmt: str = typer.Option("parquet", "--format", "-f", help="parquet or csv."),
    out: Path = typer.Option(Path("corpus-export"), "--out", "-o", help="Folder to write TABLE.FORMAT files into."),
    quiet: bool = typer.Option(False, "--quiet", "-q"),
) -> None:
    """Write the corpus tables (articles, duplicates, stories, quotes, claims, figures ...) with DuckDB's COPY."""
    from counterpoint.corpus.export import export
    from counterpoint.corpus.store import StoreError

    try:
        written = export(db, out, fmt)
    except StoreError as e:
        _fail(str(e))
    if not quiet:
        for path, rows in written:
            Console().print(f"{path}: {rows:,} rows", highlight=False)


@corpus_app.command("stories")
def stories_cmd(
    db: Path = typer.Option(Path("corpus.duckdb"), "--db", help="The corpus database."),
    query: Optional[str] = typer.Option(None, "--search", "-s", help="Only stories whose titles or text match."),
    min_size: int = typer.Option(1, "--min-size", help="Only stories with at least this many articles."),
    limit: int = typer.Option(50, "--limit", help="How many to list."),
    offset: int = typer.Option(0, "--offset"),
    as_json: bool = typer.Option(False, "--json", help="Print JSON lines instead of a table."),
) -> None:
    """List the stories: id, size, sources, date span, divergence (largest first)."""
    import json

    from counterpoint.corpus.queries import list_stories
    from counterpoint.corpus.store import StoreError

    try:
        rows = list_stories(db, q=query, limit=limit, offset=offset, min_size=min_size)
    except StoreError as e:
        _fail(str(e))
    if as_json:
        for r in rows:
            sys.stdout.write(json.dumps(r, default=str) + "\n")
        return
    console = Console(highlight=False)
    width = max(40, min(console.width, 100))
    if not rows:
        console.print("no stories" + (f" match {query!r}" if query else ""))
    for r in rows:
        console.print(story_block(r, width), soft_wrap=True, markup=False)


def story_block(r: dict, width: int = 80) -> str:
    """One story as a few lines that fit `width` columns: title; id, size, dates, divergence; outlets."""
    import textwrap

    span = r["first_published"] or "undated"
    if r["last_published"] and r["last_published"] != r["first_published"]:
        span += f" to {r['last_published']}"
    facts = [f"#{r['id']}", f"{r['size']} article{'s' if r['size'] != 1 else ''}"]
    if r["duplicates"]:
        facts.append(f"{r['duplicates']} cop{'ies' if r['duplicates'] != 1 else 'y'}")
    facts.append(span)
    if r["divergence"] is not None:
        facts.append(f"divergence {r['divergence']:.2f}")
    title = textwrap.shorten(r["title"] or f"story {r['id']}", width=2 * width - 2, placeholder=" …")
    lines = textwrap.wrap(title, width=width)
    lines += textwrap.wrap(" · ".join(facts), width=width, initial_indent="  ", subsequent_indent="  ")
    srcs = r["sources"]
    shown = ", ".join(srcs[:6]) + (f" and {len(srcs) - 6} more" if len(srcs) > 6 else "")
    lines += textwrap.wrap(f"sources: {shown}", width=width, initial_indent="  ", subsequent_indent="    ",
                           max_lines=2, placeholder=" …")
    return "\n".join(lines) + "\n"
