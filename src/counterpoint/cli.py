"""The `counterpoint` command. A face: parses arguments, calls the stages, owns no logic."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)

from counterpoint.console import err
from counterpoint.console import fail as _fail
from counterpoint.records import Report

#: Report formats implied by the extension of --out.
EXTENSIONS = {".json": "json", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".xlsx": "xlsx",
              ".zip": "csv"}
FORMAT_NAMES = {"markdown": "md", "htm": "html"}   # what a user may type for a format's name

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Compare several accounts of the same event: who said what, who raised what, figures, timeline.")


@app.command()
def compare(
    case: Optional[Path] = typer.Argument(None, help="Case folder (with event.json) or a file."),
    files: Optional[List[Path]] = typer.Argument(None, help="More files to compare."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="json, md or html (default: from the extension "
                                                                  "of --out, else json); csv (a folder, or a .zip) or "
                                                                  "xlsx (tables of claims, quotes, figures, timeline) with -o."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Where to write the report (default: stdout)."),
    keep_going: bool = typer.Option(False, "--keep-going", help="Report bad inputs and go on with the good ones."),
    topics: Optional[Path] = typer.Option(None, "--topics", help="YAML file of topics: label -> terms."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary in the terminal."),
    db: Optional[Path] = typer.Option(None, "--db", help="A corpus database (with --story)."),
    story: Optional[int] = typer.Option(None, "--story", help="Compare the accounts of this story of --db."),
    fetch: Optional[List[str]] = typer.Option(None, "--fetch", help="A web page to download as an account "
                                                                    "(repeat for more; needs --allow-network)."),
    allow_network: bool = typer.Option(False, "--allow-network", help="Allow --fetch to use the network "
                                                                      "(off by default; public addresses only)."),
    kb: Optional[List[Path]] = typer.Option(None, "--kb", help="Knowledge-base YAML file (layout of the built-in "
                                            "actors_kb.yaml) merged over the built-in one: its countries add to "
                                            "or replace built-in ones. Repeatable."),
) -> None:
    """Compare the accounts of CASE (a folder with event.json, or any set of files), or of one corpus story."""
    from counterpoint.ingest import InputError, load_case
    from counterpoint.report import FORMATS, render
    from counterpoint.report.tables import TABLE_FORMATS, write_tables
    from counterpoint.report.terminal import print_summary
    from counterpoint.run import compare_case

    implied = EXTENSIONS.get(out.suffix.lower()) if out is not None else None
    if fmt is None:
        fmt = implied or "json"
    fmt = FORMAT_NAMES.get(fmt.lower(), fmt.lower())
    if fmt not in FORMATS and fmt not in TABLE_FORMATS:
        _fail(f"unknown format {fmt!r}; choose one of {', '.join(list(FORMATS) + list(TABLE_FORMATS))}")
    if fmt in TABLE_FORMATS and out is None:
        _fail(f"--format {fmt} writes files: give -o (csv: a folder or a .zip file; xlsx: a .xlsx file)")
    if implied is not None and implied != fmt:
        _fail(f"--format {fmt} does not match the extension of {out} ({implied}); drop --format or change the name")
    if topics is not None:  # a bad topics file is reported before the analysis runs
        from counterpoint.compare.topics import load_topics_file
        try:
            load_topics_file(topics)
        except InputError as e:
            _fail(str(e))
    if kb:  # a bad knowledge-base file is reported before anything runs
        from counterpoint.analysis import kb as kbase
        try:
            kbase.use_files(kb)
        except kbase.KBError as e:
            _fail(str(e))
    paths = list(files or [])
    folder = None
    if case is not None:
        if case.is_dir():
            folder = case
        else:
            paths.insert(0, case)
    if (db is None) != (story is None):
        _fail("--db and --story go together")
    if db is not None and (folder is not None or paths):
        _fail("give either a case (folder or files) or --db with --story, not both")
    if fetch and not allow_network:
        _fail("refusing to fetch URLs: network access is off by default; add --allow-network")
    if fetch and db is not None:
        _fail("give either --fetch or --db with --story, not both")
    if db is None and folder is None and not paths and not fetch:
        _fail("give a case folder or at least one file")
    if db is not None:
        from counterpoint.corpus.queries import story_case
        from counterpoint.corpus.store import StoreError
        try:
            loaded = story_case(db, story)
        except StoreError as e:
            _fail(str(e))
    else:
        try:
            if folder is not None or paths:
                loaded = load_case(folder, paths, keep_going=keep_going)
            else:
                from counterpoint.case import Case
                loaded = Case()
            if fetch:
                from counterpoint.ingest.fetch import add_fetched
                add_fetched(loaded, list(fetch), allow_network, keep_going=keep_going)
        except InputError as e:
            _fail(str(e))
    for p in loaded.problems:
        err.print(f"[yellow]skipped:[/] {p.line()}", highlight=False, soft_wrap=True)
    if not loaded.accounts:
        _fail("no readable accounts in the input")

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True, disable=quiet) as progress:
        task = progress.add_task("analysing accounts", total=len(loaded.accounts))
        try:
            report = compare_case(loaded, topics_file=topics, on_done=lambda _a: progress.advance(task))
        except Exception as e:  # noqa: BLE001 - a defect of ours: one line, never a traceback
            _fail(f"comparing the case failed ({type(e).__name__}: {e}); please report this with the input")
    for p in report.problems[len(loaded.problems):]:
        err.print(f"[yellow]skipped:[/] {p.line()}", highlight=False, soft_wrap=True)
    for w in report.brief.warnings:
        err.print(f"[yellow]warning:[/] {w}", highlight=False, soft_wrap=True)
    if fmt in TABLE_FORMATS:
        try:
            write_tables(report, fmt, out)
        except OSError as e:
            _fail(f"{out}: cannot write the tables ({e.strerror or e})")
        text = ""
    else:
        text = render(report, fmt)
    if fmt in TABLE_FORMATS:
        pass
    elif out:
        # written beside, then renamed: a full disk leaves the old report (or none), never half of one
        part = out.with_name(out.name + ".part")
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            part.write_text(text, encoding="utf-8")
            part.replace(out)
        except OSError as e:
            part.unlink(missing_ok=True)
            _fail(f"{out}: cannot write the report ({e.strerror or e})")
    else:
        sys.stdout.write(text)
    if not quiet:
        print_summary(report, err if out is None else Console())
        if out:
            Console().print(f"report written to {out}", highlight=False)
    if report.problems:
        raise typer.Exit(1)


@app.command()
def serve(
    folders: Optional[List[Path]] = typer.Argument(None, help="Folders the app may read cases from (default: none; "
                                                              "uploads and pasted texts still work)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (default: loopback only)."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    db: Optional[Path] = typer.Option(None, "--db", help="Corpus store (DuckDB) whose stories to browse."),
    kb: Optional[List[Path]] = typer.Option(None, "--kb", help="Knowledge-base YAML file (layout of the built-in "
                                            "actors_kb.yaml) merged over the built-in one: its countries add to "
                                            "or replace built-in ones. Repeatable."),
) -> None:
    """Web app: open a case folder, upload files or paste texts, read and download the report."""
    from counterpoint.server import ServerConfigError, run_server
    if kb:  # a bad knowledge-base file is reported before anything runs
        from counterpoint.analysis import kb as kbase
        try:
            kbase.use_files(kb)
        except kbase.KBError as e:
            _fail(str(e))

    try:
        run_server(list(folders or []), host=host, port=port, db=db)
    except ServerConfigError as e:
        _fail(str(e))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the report."""
    sys.stdout.write(json.dumps(Report.model_json_schema(), indent=1) + "\n")


from counterpoint.corpus.cli import corpus_app  # noqa: E402  (the sub-app is a face too)

app.add_typer(corpus_app, name="corpus", help="Corpus scale: ingest a stream of articles, group stories.")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
