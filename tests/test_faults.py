"""Faults around the corpus store and the report file: the database locked by another process or
not writable, the disk filling up mid-ingest (RLIMIT_FSIZE in a subprocess: the write fails with
EFBIG exactly as on a full disk), and a Ray worker killed mid-batch. Each ends with one clear line
and a store that still opens, holds whole batches only, and completes on a second run."""
from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from counterpoint.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "harbour-call"


def feed(path: Path, n: int, words: int = 1) -> Path:
    towns = ["Arlen", "Brisk", "Corva", "Dunmoor", "Elsby", "Farrow"]
    rows = []
    for i in range(n):
        text = (f"Mayor Ada Brenner of {towns[i % 6]} opened bridge number {i} on Monday, officials said. "
                f"It cost {i + 2} million and took {i % 5 + 1} years to build. ") * words
        rows.append({"id": f"f{i}", "url": f"https://faults.example/{i}", "title": f"Bridge {i}",
                     "published": f"2025-03-{1 + i % 28:02d}", "text": text})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def run_cli(args: list[str], fsize: int | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    def limits():
        if fsize is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write then fails with EFBIG, as on a full disk
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    return subprocess.run([sys.executable, "-m", "counterpoint.cli", *args], capture_output=True, text=True,
                          preexec_fn=limits, timeout=timeout)


def one_error_line(stderr: str) -> str:
    assert "Traceback" not in stderr and "╭" not in stderr, stderr[-2000:]
    errors = [ln for ln in stderr.splitlines() if ln.startswith("error:")]
    assert len(errors) == 1, stderr[-2000:]
    return errors[0]


def articles_in(db: Path) -> list[str]:
    """Input ids stored, in input order: as articles, or as duplicates linked to one."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [r[0] for r in con.execute("SELECT source_name FROM (SELECT source_name, seq FROM articles UNION ALL "
                                          "SELECT source_name, seq FROM duplicates) ORDER BY seq").fetchall()]
    finally:
        con.close()


HOLD_LOCK = textwrap.dedent("""
    import duckdb, sys, time
    con = duckdb.connect(sys.argv[1])
    con.execute("CREATE TABLE IF NOT EXISTS t (x INT)")
    print("locked", flush=True)
    time.sleep(120)
""")


@pytest.fixture
def locked_db(tmp_path):
    db = tmp_path / "locked.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        yield db
    finally:
        holder.kill()
        holder.wait(timeout=30)


def test_store_locked_by_another_process(locked_db, tmp_path):
    src = feed(tmp_path / "feed.jsonl", 3)
    for args in (["corpus", "ingest", str(src), "--db", str(locked_db), "-q"],
                 ["corpus", "stories", "--db", str(locked_db)],
                 ["compare", "--db", str(locked_db), "--story", "1", "-q"]):
        proc = run_cli(args, timeout=120)
        assert proc.returncode == 2, (args, proc.stderr[-1500:])
        line = one_error_line(proc.stderr)
        assert str(locked_db) in line and ("in use by another process" in line or "cannot open" in line), line


def test_store_that_cannot_be_opened_for_writing(tmp_path, monkeypatch):
    """A read-only file or file system: duckdb's IOException becomes one line naming the store."""
    from counterpoint.corpus import store

    db = tmp_path / "ro.duckdb"
    real_connect = duckdb.connect

    def refuse(path, read_only=False, **kw):
        if str(path) == str(db) and not read_only:
            raise duckdb.IOException(f'IO Error: Cannot open file "{db}": Read-only file system')
        return real_connect(path, read_only=read_only, **kw)

    monkeypatch.setattr(duckdb, "connect", refuse)
    with pytest.raises(store.StoreError) as info:
        store.connect(db)
    assert str(db) in str(info.value) and "Read-only file system" in str(info.value)
    src = feed(tmp_path / "feed.jsonl", 2)
    result = CliRunner().invoke(app, ["corpus", "ingest", str(src), "--db", str(db), "-q"])
    assert result.exit_code == 2 and "Read-only file system" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through file permissions")
def test_store_file_without_write_permission(tmp_path):
    src = feed(tmp_path / "feed.jsonl", 2)
    db = tmp_path / "ro.duckdb"
    assert run_cli(["corpus", "ingest", str(src), "--db", str(db), "-q"]).returncode == 0
    os.chmod(db, 0o444)
    proc = run_cli(["corpus", "ingest", str(feed(tmp_path / "more.jsonl", 4)), "--db", str(db), "-q"])
    assert proc.returncode == 2
    assert str(db) in one_error_line(proc.stderr)
    assert len(articles_in(db)) == 2


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_disk_full_mid_ingest_keeps_whole_batches_and_resumes(tmp_path):
    src = feed(tmp_path / "feed.jsonl", 60, words=20)
    db = tmp_path / "full.duckdb"
    proc = run_cli(["corpus", "ingest", str(src), "--db", str(db), "--batch-size", "10"], fsize=400_000)
    assert proc.returncode == 2, proc.stderr[-1500:]
    line = one_error_line(proc.stderr)
    assert str(db) in line and "could not write batch" in line and "run again" in line
    stored = articles_in(db)
    assert len(stored) % 10 == 0 and len(stored) < 60  # whole batches only, the failed one rolled back
    assert stored == [f"f{i}" for i in range(len(stored))]
    again = run_cli(["corpus", "ingest", str(src), "--db", str(db), "--batch-size", "10", "-q"])
    assert again.returncode == 0, again.stderr[-1500:]
    assert sorted(articles_in(db)) == sorted(f"f{i}" for i in range(60))


@pytest.mark.timeout(300)
def test_disk_full_while_writing_the_report(tmp_path):
    out = tmp_path / "report.json"
    out.write_text('{"old": "report"}')
    proc = run_cli(["compare", str(EXAMPLE), "-q", "-o", str(out)], fsize=2_000)
    assert proc.returncode == 2
    line = one_error_line(proc.stderr)
    assert str(out) in line and "cannot write the report" in line
    assert json.loads(out.read_text()) == {"old": "report"}  # the previous report is intact
    assert not list(tmp_path.glob("*.part"))


def _ancestors(pid: int) -> set[int]:
    out = set()
    while pid > 1 and pid not in out:
        out.add(pid)
        try:
            pid = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            break
    return out


def _analysis_workers(driver: int) -> list[int]:
    """Ray actor processes running the analysis UDF, started under `driver` only (raylet's children)."""
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\x00", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if cmd.startswith("ray::") and ("Analyzer" in cmd or "MapBatches" in cmd or "MapWorker" in cmd) \
                and driver in _ancestors(int(pid)):
            found.append(int(pid))
    return found


@pytest.mark.ray
@pytest.mark.slow
@pytest.mark.timeout(900)
def test_ray_worker_killed_mid_batch(tmp_path):
    pytest.importorskip("ray")
    src = feed(tmp_path / "feed.jsonl", 120, words=6)
    db = tmp_path / "ray.duckdb"
    proc = subprocess.Popen([sys.executable, "-m", "counterpoint.cli", "corpus", "ingest", str(src), "--db", str(db),
                             "--engine", "ray", "--batch-size", "20"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    killed = None
    deadline = time.time() + 400
    try:
        while time.time() < deadline and proc.poll() is None and killed is None:
            workers = _analysis_workers(proc.pid)
            if workers:
                time.sleep(2)  # let it take a batch
                try:
                    os.kill(workers[0], signal.SIGKILL)
                    killed = workers[0]
                except ProcessLookupError:
                    pass
            time.sleep(0.5)
        out, err = proc.communicate(timeout=max(30, deadline - time.time()))
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    if killed is None:
        pytest.skip("no Ray analysis worker was seen to kill (the run ended first)")
    # Either Ray restarted the worker and the ingest finished, or it stopped with one line; the store is whole.
    if proc.returncode != 0:
        one_error_line(err)
    stored = articles_in(db) if db.exists() else []
    assert len(stored) == len(set(stored))
    assert len(stored) % 20 == 0 or len(stored) == 120
    again = run_cli(["corpus", "ingest", str(src), "--db", str(db), "-q"], timeout=600)
    assert again.returncode == 0, again.stderr[-1500:]
    assert sorted(articles_in(db)) == sorted(f"f{i}" for i in range(120))


@pytest.mark.timeout(300)
@pytest.mark.parametrize("damage", ["truncated", "overwritten"])
def test_damaged_store_is_one_line_with_what_to_do(tmp_path, damage):
    """A store cut short (a copy interrupted, a full disk) or with garbage in its blocks: every command
    that opens it says so in one line naming the file (was a traceback from the first query that read
    a missing block)."""
    db = tmp_path / "c.duckdb"
    assert run_cli(["corpus", "ingest", str(feed(tmp_path / "feed.jsonl", 6, words=3)), "--db", str(db), "-q"]
                   ).returncode == 0
    size = db.stat().st_size
    with open(db, "r+b") as f:
        if damage == "truncated":
            f.truncate(size // 3)
        else:
            f.seek(12288)  # past DuckDB's three file headers: the first blocks (catalog and data)
            f.write(os.urandom(200_000))
    for args in (["corpus", "ingest", str(feed(tmp_path / "more.jsonl", 4)), "--db", str(db), "-q"],
                 ["corpus", "stories", "--db", str(db)],
                 ["compare", "--db", str(db), "--story", "1", "-q", "-o", str(tmp_path / "r.json")]):
        proc = run_cli(args, timeout=120)
        assert proc.returncode == 2, (args, proc.stderr[-1500:])
        line = one_error_line(proc.stderr)
        assert str(db) in line and "damaged" in line and "restore it from a backup" in line, line


def _without_root_bypass() -> list[str]:
    """A command prefix under which file permissions apply (root drops its override capabilities)."""
    if os.geteuid() != 0:
        return []
    import shutil

    if not shutil.which("setpriv"):
        pytest.skip("root writes through file permissions and setpriv is missing")
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"]


@pytest.mark.timeout(300)
def test_store_folder_not_writable(tmp_path):
    """DuckDB writes a .wal journal beside the store: a read-only folder fails the first commit (was a
    traceback from a TransactionException); a new store there cannot be created. One line each, naming
    the file and the folder to make writable."""
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "c.duckdb"
    assert run_cli(["corpus", "ingest", str(feed(tmp_path / "feed.jsonl", 2)), "--db", str(db), "-q"]).returncode == 0
    more = feed(tmp_path / "more.jsonl", 4)
    (tmp_path / "ro" / "c.duckdb").chmod(0o666)
    folder.chmod(0o555)
    try:
        prefix = _without_root_bypass()
        for target in (db, folder / "new.duckdb"):
            proc = subprocess.run(prefix + [sys.executable, "-m", "counterpoint.cli", "corpus", "ingest", str(more),
                                            "--db", str(target), "-q"], capture_output=True, text=True, timeout=300)
            assert proc.returncode == 2, proc.stderr[-1500:]
            line = one_error_line(proc.stderr)
            assert str(target) in line and "Permission denied" in line and str(folder) in line, line
            assert "writable" in line
    finally:
        folder.chmod(0o755)
    assert len(articles_in(db)) == 2
