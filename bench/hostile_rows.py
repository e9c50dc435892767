"""Issue 14 ("Hostile input at scale"), row by row: generates each row's input in a temporary folder,
runs it through the real faces and prints one table line per measurement:

    wall s | CPU s (user + system) | peak RSS MB | output size | outcome

- CLI rows run `counterpoint compare` (or `counterpoint corpus ingest`) in a subprocess under
  `/usr/bin/time -v`: wall, CPU and peak RSS are those of that process.
- Server rows run a real server: `counterpoint serve` (uvicorn, the CLI's own options) in a
  subprocess under `/usr/bin/time -v`, driven over HTTP with httpx. The subprocess wraps
  `counterpoint.run.compare_case` to print one `ANALYSIS` line per analysis, so the
  concurrent-request row can count them. Wall is the client's time for the attack; CPU and peak
  RSS are the server process's over its whole life (spaCy loaded included); the RSS it holds after
  the attack is read from /proc.

    .venv/bin/python bench/hostile_rows.py                     # every row (about 12 minutes on 2 shared cores)
    .venv/bin/python bench/hostile_rows.py quotes prose        # some rows
    .venv/bin/python bench/hostile_rows.py --markdown          # the table as Markdown (docs/robustness.md)

The generators are those of the tests where they exist (tests/fuzz/generate.py,
tests/test_hostile_scale.py, tests/test_faults.py, bench/many_accounts.py). Bounds (the issue's
done-when): under 60 s and 1 GB per row, one line per bad input, good inputs reported; a `!` in
the last column marks a row past a bound.
"""
from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "tests")]
from many_accounts import write_case as many_accounts_case  # noqa: E402
from fuzz.generate import PROSE  # noqa: E402
from test_hostile_scale import PROSE as GOOD, long_prose  # noqa: E402

PY = sys.executable
CLI = [PY, "-m", "counterpoint.cli"]
EXAMPLE = ROOT / "examples" / "harbour-call"
MAX_S, MAX_MB = 60, 1024


@dataclass
class Row:
    row: str
    wall: float
    cpu: float
    rss: float
    size: str
    outcome: str
    bad: bool = False

    def cells(self) -> list[str]:
        return [self.row, f"{self.wall:.1f}", f"{self.cpu:.1f}", f"{self.rss:.0f}", self.size,
                self.outcome + (" **!**" if self.bad else "")]


def human(n: int | None) -> str:
    if n is None:
        return "-"
    for unit, k in (("GB", 2**30), ("MB", 2**20), ("KB", 2**10)):
        if n >= k:
            return f"{n / k:.1f} {unit}"
    return f"{n} B"


# ---------------------------------------------------------------- measuring a process

@dataclass
class Ran:
    rc: int
    wall: float
    cpu: float
    rss: float
    stdout: str
    stderr: str


def _time_v(stderr: str) -> tuple[float, float, str]:
    """(CPU s, peak RSS MB, stderr without /usr/bin/time's lines)."""
    cpu = sum(float(m) for m in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", stderr))
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr)
    rest = stderr.split("\tCommand being timed:")[0]
    return cpu, (int(m.group(1)) / 1024 if m else float("nan")), rest


def measure(cmd: list[str], timeout: float = 300, **kw) -> Ran:
    t = time.perf_counter()
    try:
        proc = subprocess.run(["/usr/bin/time", "-v", *cmd], capture_output=True, text=True, timeout=timeout, **kw)
    except subprocess.TimeoutExpired as e:
        return Ran(124, time.perf_counter() - t, float("nan"), float("nan"), "", f"killed after {timeout} s "
                   + (e.stderr or b"").decode(errors="replace")[-300:])
    wall = time.perf_counter() - t
    cpu, rss, err = _time_v(proc.stderr)
    return Ran(proc.returncode, wall, cpu, rss, proc.stdout, err)


def problem_lines(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if ln.startswith(("skipped:", "error:", "warning:"))]


def cli_outcome(ran: Ran, out: Path | None, must_have: set[str] = frozenset()) -> tuple[str, bool]:
    """The outcome cell, and whether the row misses a bound."""
    bad = ran.rc == 124 or ran.wall > MAX_S or ran.rss > MAX_MB or "Traceback" in ran.stderr
    if "Traceback" in ran.stderr:
        last = [ln for ln in ran.stderr.splitlines() if ln.strip()][-1]
        return f"traceback: {last[:120]}", True
    if ran.rc == 124:
        return ran.stderr[:120], True
    parts = []
    if out is not None and out.exists() and out.suffix == ".json":
        report = json.loads(out.read_text())
        ids = {a["id"] for a in report["accounts"]}
        parts.append(f"report, {len(ids)} account{'s' * (len(ids) != 1)}, {len(report.get('quotes', []))} quotes, "
                     f"{len(report.get('claims', []))} claims")
        missing = set(must_have) - ids
        if missing:
            parts.append(f"good input(s) lost: {sorted(missing)}")
            bad = True
    elif out is not None and out.exists():
        parts.append("report")
    lines = problem_lines(ran.stderr)
    for ln in lines[:6]:
        parts.append(f"`{ln[:150]}`")
    if len(lines) > 6:
        parts.append(f"(+{len(lines) - 6} more lines)")
    if not parts:
        parts.append(f"exit {ran.rc}: {ran.stderr.strip()[-150:]}")
    return "; ".join(parts) + ("" if ran.rc == 0 else f" (exit {ran.rc})"), bad


def compare_row(label: str, tmp: Path, inputs: list[Path], fmt: str = "json", must_have=frozenset(),
                timeout: float = 300) -> Row:
    out = tmp / f"report.{fmt}"
    out.unlink(missing_ok=True)
    ran = measure(CLI + ["compare", *map(str, inputs), "--format", fmt, "-o", str(out), "-q", "--keep-going"],
                  timeout=timeout)
    outcome, bad = cli_outcome(ran, out, must_have)
    return Row(label, ran.wall, ran.cpu, ran.rss, human(out.stat().st_size if out.exists() else None), outcome, bad)


def ingest_row(label: str, tmp: Path, sources: list[Path], db: Path | None = None, prefix=(), timeout=300,
               expect_records: int | None = None) -> Row:
    db = db or tmp / "store.duckdb"
    ran = measure([*prefix, *CLI, "corpus", "ingest", *map(str, sources), "--db", str(db)], timeout=timeout)
    outcome, bad = cli_outcome(ran, None)
    summary = [ln for ln in (ran.stdout + ran.stderr).splitlines() if ln.strip() and not ln.startswith(
        ("skipped:", "error:", "warning:"))][-1:]
    if ran.rc == 0 and summary:
        outcome = summary[0].strip()[:120] if outcome.startswith("exit 0") else f"{summary[0].strip()[:120]}; " + outcome
    if expect_records is not None and db.exists():
        import duckdb

        with duckdb.connect(str(db), read_only=True) as con:
            n = con.execute("select count(*) from articles").fetchone()[0]
        outcome += f"; {n} articles stored"
        bad |= n < expect_records
    return Row(label, ran.wall, ran.cpu, ran.rss, human(db.stat().st_size if db.exists() else None), outcome, bad)


# ---------------------------------------------------------------- a real server

COUNTING_SERVE = """
import sys
import counterpoint.run as run
real = run.compare_case
def counted(*a, **k):
    print("ANALYSIS", flush=True)
    return real(*a, **k)
run.compare_case = counted
from counterpoint.cli import app
sys.argv = ["counterpoint", "serve", *sys.argv[1:]]
app()
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _rss_mb(pid: int) -> float:
    m = re.search(r"VmRSS:\s+(\d+)", Path(f"/proc/{pid}/status").read_text())
    return int(m.group(1)) / 1024


class Server:
    """`counterpoint serve FOLDERS` on a free loopback port, under /usr/bin/time -v."""

    def __init__(self, tmp: Path, folders: list[Path] = ()):
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.out, self.err = open(tmp / "serve.out", "w+"), open(tmp / "serve.err", "w+")
        self.proc = subprocess.Popen(["/usr/bin/time", "-v", PY, "-c", COUNTING_SERVE, *map(str, folders),
                                      "--port", str(self.port)], stdout=self.out, stderr=self.err,
                                     start_new_session=True, cwd=tmp)
        import httpx

        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.base + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        else:
            raise RuntimeError("server did not start: " + Path(self.err.name).read_text()[-1000:])
        kids = _children(self.proc.pid)
        self.pid = kids[0] if kids else self.proc.pid

    def rss(self) -> float:
        return _rss_mb(self.pid)

    def analyses(self) -> int:
        return Path(self.out.name).read_text().count("ANALYSIS")

    def stop(self) -> tuple[float, float, str]:
        """(CPU s, peak RSS MB, the server's stderr)."""
        os.kill(self.pid, signal.SIGINT)
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        return _time_v(Path(self.err.name).read_text())


def _one_line(r) -> str:
    try:
        body = r.json()
        msg = body.get("error") if isinstance(body, dict) else None
    except ValueError:
        msg = None
    if msg is None:
        m = re.search(r'<p class="error">(.*?)</p>', r.text, re.S) or re.search(r"<main[^>]*>(.*?)</main>", r.text, re.S)
        msg = re.sub(r"<[^>]+>|\s+", " ", m.group(1) if m else r.text[:200]).strip()
    return f"{r.status_code} `{msg[:140]}`"


# ---------------------------------------------------------------- the rows

def quote_text(n: int) -> str:
    return " ".join(f'Putin said "we agree on point {i}" and' for i in range(n)) + " nothing more.\n"


def row_quotes(tmp: Path) -> list[Row]:
    f = tmp / "quotes.txt"
    f.write_text(quote_text(1000), encoding="utf-8")
    rows = [compare_row(f"1,000 sentences `Putin said \"we agree on point N\" and` ({human(f.stat().st_size)}), CLI JSON",
                        tmp, [f], must_have={"quotes"})]
    if rows[0].size != "-" and (tmp / "report.json").stat().st_size > 2 * 2**20:
        rows[0].bad = True
        rows[0].outcome += "; over 2 MB of JSON"
    paste = quote_text(2000)
    import httpx

    srv = Server(tmp)
    try:
        t = time.perf_counter()
        r = httpx.post(srv.base + "/paste?format=json", data={"text": paste, "name": "quotes"}, timeout=600)
        wall = time.perf_counter() - t
        after = srv.rss()
    finally:
        cpu, rss, err = srv.stop()
    ok = r.status_code == 200
    rows.append(Row(f"the same, {human(len(paste.encode()))} pasted to the server (`counterpoint serve`)", wall, cpu, rss,
                    human(len(r.content)), (f"200, report of {len(r.json()['quotes'])} quotes" if ok else _one_line(r))
                    + f"; server RSS after {after:.0f} MB",
                    bad=not ok or wall > MAX_S or rss > MAX_MB or len(r.content) > 4 * 2**20 or "Traceback" in err))
    return rows


def row_prose(tmp: Path) -> list[Row]:
    text = long_prose(1200)
    rows, took = [], {}
    for n in (25_000, 50_000, 100_000, 150_000):
        f = tmp / f"prose{n // 1000}k.txt"
        f.write_text(text[:n], encoding="utf-8")
        row = compare_row(f"ordinary prose {n // 1000}k characters", tmp, [f], must_have={f.stem})
        took[n] = row.wall
        rows.append(row)
    ratio = took[100_000] / took[25_000]
    rows[2].outcome += f"; 100k / 25k = {ratio:.1f}x"
    rows[2].bad |= ratio > 3
    return rows


def row_amp_run(tmp: Path) -> list[Row]:
    rows = []
    for n in (5_000, 10_000, 20_000):
        f = tmp / f"amp{n // 1000}k.txt"
        f.write_text("The talks went well, the minister said. " + "&" * n + " Vey said.\n", encoding="utf-8")
        rows.append(compare_row(f"a run of {n:,} `&` in a .txt", tmp, [f], must_have={f.stem}))
    return rows


def row_entities(tmp: Path) -> list[Row]:
    rows = []
    good = tmp / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    for name, ent in (("amp", "&amp; "), ("quote", "&#x201C;")):
        f = tmp / f"{name}.html"
        f.write_text("<html><head><title>Talks</title></head><body><article><h1>Talks</h1><p>" + GOOD + "</p><p>"
                     + ent * 10**6 + "</p></article></body></html>", encoding="utf-8")
        rows.append(compare_row(f"HTML with 10^6 `{ent.strip()}` ({human(f.stat().st_size)}) plus a good account",
                                tmp, [f, good], must_have={name, "good"}))
    return rows


def row_nested_quotes(tmp: Path) -> list[Row]:
    rows = []
    for n in (2_500, 5_000, 10_000):
        f = tmp / f"nested{n}.txt"
        f.write_text("".join(('"' if i % 2 == 0 else "'") + f"w{i} " for i in range(n)) + "\n", encoding="utf-8")
        rows.append(compare_row(f"quotes nested {n:,} deep", tmp, [f], must_have={f.stem}))
    return rows


def row_quoted_sentences(tmp: Path) -> list[Row]:
    f = tmp / "quoted.txt"
    f.write_text("".join(f'"We will sign the harbour agreement number {i} in March," Vey said. ' for i in range(50_000)),
                 encoding="utf-8")
    return [compare_row(f"50,000 quoted sentences ({human(f.stat().st_size)})", tmp, [f], must_have={"quoted"})]


def row_scripts(tmp: Path) -> list[Row]:
    r = random.Random(5)
    ranges = [(0x590, 0x5FF), (0x600, 0x6FF), (0x4E00, 0x4FFF), (0x202A, 0x202E)]
    out, size = [], 0
    while size < 836_000:
        c = chr(r.randint(*r.choice(ranges)))
        out.append(c)
        size += len(c.encode())
        if r.random() < 0.1:
            out.append(" ")
            size += 1
    f = tmp / "scripts.txt"
    f.write_text("".join(out), encoding="utf-8")
    return [compare_row(f"{human(f.stat().st_size)} of Arabic, Hebrew, Chinese and RTL-override text", tmp, [f],
                        must_have={"scripts"})]


def row_tiny_accounts(tmp: Path) -> list[Row]:
    case = many_accounts_case(tmp / "case", 5000)
    row = compare_row("5,000 tiny accounts (`bench/many_accounts.py`)", tmp, [case], timeout=400)
    return [row]


def parties_case(folder: Path, n: int = 10_000) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    parties = {f"Party{i:05d}": [f"Minister Alda{i:05d} Vey", f"Party{i:05d} ministry"] for i in range(n)}
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b.txt").write_text(PROSE, encoding="utf-8")
    (folder / "event.json").write_text(json.dumps({
        "event_id": "ten-thousand-parties", "date": "2026-03-10", "parties": parties,
        "accounts": [{"id": "a", "file": "a.txt", "side": "Party00000"}, {"id": "b", "file": "b.txt", "side": "Party00001"}]}),
        encoding="utf-8")
    return folder


def row_parties(tmp: Path) -> list[Row]:
    case = parties_case(tmp / "case")
    rows = [compare_row("event.json with 10,000 parties, CLI HTML report", tmp, [case], fmt="html")]
    import httpx

    srv = Server(tmp)
    try:
        files = [("files", (p.name, p.read_bytes(), "application/octet-stream")) for p in sorted(case.iterdir())]
        t = time.perf_counter()
        r = httpx.post(srv.base + "/upload", files=files, timeout=600)
        up = time.perf_counter() - t
        token = r.headers.get("location", "")
        gets = []
        for _ in range(3):
            t = time.perf_counter()
            g = httpx.get(srv.base + token, timeout=600)
            gets.append((time.perf_counter() - t, g.status_code, len(g.content)))
        rss_after = srv.rss()
    finally:
        cpu, rss, err = srv.stop()
    ok = r.status_code == 303 and all(code == 200 for _, code, _ in gets)
    rows.append(Row("the same uploaded to the server, then the stored report GET 3 times", up + sum(g[0] for g in gets),
                    cpu, rss, human(gets[0][2]),
                    (f"upload {up:.1f} s ({r.status_code}); GETs " + " / ".join(f"{w:.1f} s" for w, _, _ in gets)
                     + f"; server RSS after {rss_after:.0f} MB" if ok else _one_line(r)),
                    bad=not ok or max(g[0] for g in gets[1:]) > 5 or rss > MAX_MB or up > MAX_S or "Traceback" in err))
    return rows


def undated_feed(path: Path, n: int = 40) -> Path:
    rows = [{"id": f"u{i}", "title": f"Bridge {i}", "text": f"Mayor Ada Brenner opened bridge number {i} in Arlen, "
             f"officials said. It cost {i + 2} million euros and took {i % 5 + 1} years to build."} for i in range(n)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def row_undated(tmp: Path) -> list[Row]:
    return [ingest_row("`corpus ingest` of a batch of 40 undated articles", tmp, [undated_feed(tmp / "undated.jsonl")],
                       expect_records=30)]


def huge_line_gz(path: Path, mb: int) -> Path:
    member = gzip.compress(b"a" * (1 << 20))
    with open(path, "wb") as fh:
        fh.write(gzip.compress(b'{"id": "before", "text": "' + GOOD.replace('"', '\\"').replace("\n", " ").encode()
                               + b'"}\n{"id": "huge", "text": "'))
        for _ in range(mb):
            fh.write(member)
        fh.write(gzip.compress(b'"}\n{"id": "after", "text": "' + PROSE.replace('"', '\\"').encode() + b'"}\n'))
    return path


def row_huge_line(tmp: Path) -> list[Row]:
    src = huge_line_gz(tmp / "huge.jsonl.gz", 3072)
    size = human(src.stat().st_size)
    return [ingest_row(f"`.jsonl.gz` ({size}) holding one 3 GB line between two good lines, `corpus ingest`", tmp,
                       [src], expect_records=2)]


def hostile_folder(folder: Path, outside: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    os.symlink("/dev/zero", folder / "zero.txt")
    os.mkfifo(folder / "pipe.txt")
    os.symlink(".", folder / "loop1")
    os.symlink(".", folder / "loop2")
    os.symlink(outside, folder / "leak.txt")
    return folder


def row_links(tmp: Path) -> list[Row]:
    secret = tmp / "secret.txt"
    secret.write_text("SECRET-OUTSIDE-TEXT The minister said the secret talks went well.\n", encoding="utf-8")
    folder = hostile_folder(tmp / "feed", secret)
    rows = [ingest_row("corpus folder: good.txt, symlinks to `/dev/zero`, `-> .` twice, to a file outside; a FIFO",
                       tmp, [folder], expect_records=1, timeout=120)]
    row = compare_row("the same folder as a case without manifest (`compare`)", tmp, [folder], must_have={"good"},
                      timeout=120)
    if (tmp / "report.json").exists() and "SECRET-OUTSIDE" in (tmp / "report.json").read_text():
        row.bad, row.outcome = True, row.outcome + "; the outside file was read into the report"
    elif (tmp / "report.json").exists():
        row.outcome += "; the outside file is not in the report"
    rows.append(row)
    return rows


def deep_case(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "event.json").write_text('{"accounts": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    return folder


def row_deep_json(tmp: Path) -> list[Row]:
    case = deep_case(tmp / "case")
    rows = [compare_row("event.json nested 100,000 deep, `compare`", tmp, [case]),
            ingest_row("the same, `corpus ingest`", tmp, [case], expect_records=1)]
    import httpx

    srv = Server(tmp)
    try:
        files = [("files", (p.name, p.read_bytes(), "application/octet-stream")) for p in sorted(case.iterdir())]
        t = time.perf_counter()
        r = httpx.post(srv.base + "/upload?format=json", files=files, timeout=300)
        wall = time.perf_counter() - t
    finally:
        cpu, rss, err = srv.stop()
    rows.append(Row("the same uploaded to the server", wall, cpu, rss, human(len(r.content)), _one_line(r),
                    bad=r.status_code >= 500 or "Traceback" in err or wall > MAX_S))
    return rows


def row_store_faults(tmp: Path) -> list[Row]:
    from test_faults import _without_root_bypass, feed

    rows = []
    folder = tmp / "case"
    folder.mkdir()
    (folder / "event.json").write_text('{"accounts": 5}', encoding="utf-8")
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    rows.append(ingest_row('corpus manifest `{"accounts": 5}` beside a good file', tmp, [folder],
                           db=tmp / "m.duckdb", expect_records=1))
    db = tmp / "cut.duckdb"
    subprocess.run(CLI + ["corpus", "ingest", str(feed(tmp / "feed.jsonl", 6, words=3)), "--db", str(db), "-q"],
                   check=True, capture_output=True)
    with open(db, "r+b") as fh:
        fh.truncate(db.stat().st_size // 3)
    rows.append(ingest_row("a truncated store (cut to a third), `corpus ingest`", tmp, [feed(tmp / "more.jsonl", 4)],
                           db=db))
    ro = tmp / "ro"
    ro.mkdir()
    ro_db = ro / "c.duckdb"
    subprocess.run(CLI + ["corpus", "ingest", str(tmp / "feed.jsonl"), "--db", str(ro_db), "-q"], check=True,
                   capture_output=True)
    ro.chmod(0o555)
    try:
        rows.append(ingest_row("a store folder that is not writable (root's override dropped by setpriv)", tmp,
                               [tmp / "more.jsonl"], db=ro_db, prefix=_without_root_bypass()))
    finally:
        ro.chmod(0o755)
    for r in rows[1:]:
        r.bad |= "error:" not in r.outcome
    return rows


async def _uploads(base: str, n: int, size: int, form: bool) -> list:
    import httpx

    blob = b"x" * size
    async with httpx.AsyncClient(base_url=base, timeout=300) as client:
        async def one():
            try:
                if form:
                    return (await client.post("/upload", files=[("files", ("big.txt", blob, "text/plain"))])).status_code
                return (await client.post("/upload", content=blob,
                                          headers={"content-type": "application/octet-stream"})).status_code
            except httpx.HTTPError as e:
                return type(e).__name__
        return await asyncio.gather(*(one() for _ in range(n)))


def row_concurrent_uploads(tmp: Path) -> list[Row]:
    srv = Server(tmp)
    results = {}
    try:
        for label, form in (("30 concurrent 19.6 MB uploads (not a form)", False),
                            ("30 concurrent 19.6 MB uploads as forms (one 19.6 MB file each)", True)):
            idle = srv.rss()
            t = time.perf_counter()
            codes = asyncio.run(_uploads(srv.base, 30, int(19.6 * 2**20), form))
            wall = time.perf_counter() - t
            time.sleep(1)
            results[label] = (codes, wall, idle, srv.rss())
    finally:
        cpu, rss, err = srv.stop()
    rows = []
    for label, (codes, wall, idle, after) in results.items():
        codes = [str(c) for c in codes]
        counts = {c: codes.count(c) for c in sorted(set(codes))}
        rows.append(Row(label, wall, cpu, rss, "-", "answers " + ", ".join(f"{k} x{v}" for k, v in counts.items())
                        + f"; server RSS before {idle:.0f} MB, after {after:.0f} MB",
                        bad=rss > MAX_MB or after - idle > 100 or "Traceback" in err
                        or any(c.startswith("5") and c != "503" for c in codes)))
    rows[-1].row += " (same server; CPU and peak RSS over both)"
    return rows


async def _first_requests(base: str, n: int) -> list:
    import httpx

    async with httpx.AsyncClient(base_url=base, timeout=300) as client:
        return await asyncio.gather(*(client.get("/case", params={"path": "harbour-call", "format": "json"})
                                      for _ in range(n)))


def row_first_requests(tmp: Path) -> list[Row]:
    root = tmp / "root"
    root.mkdir()
    shutil.copytree(EXAMPLE, root / "harbour-call")
    srv = Server(tmp, [root])
    try:
        t = time.perf_counter()
        answers = asyncio.run(_first_requests(srv.base, 10))
        wall = time.perf_counter() - t
        analyses = srv.analyses()
    finally:
        cpu, rss, err = srv.stop()
    codes = [r.status_code for r in answers]
    same = len({r.content for r in answers}) == 1
    return [Row("10 concurrent first requests for one uncached case (`examples/harbour-call`)", wall, cpu, rss,
                human(len(answers[0].content)),
                f"{codes.count(200)} x 200, {'identical' if same else 'different'} reports, analysed {analyses} time(s)",
                bad=analyses != 1 or not same or wall > MAX_S)]


ROWS = {
    "quotes": row_quotes, "prose": row_prose, "amp-run": row_amp_run, "entities": row_entities,
    "nested-quotes": row_nested_quotes, "quoted-sentences": row_quoted_sentences, "scripts": row_scripts,
    "tiny-accounts": row_tiny_accounts, "parties": row_parties, "undated": row_undated, "huge-line": row_huge_line,
    "links": row_links, "deep-json": row_deep_json, "store-faults": row_store_faults,
    "concurrent-uploads": row_concurrent_uploads, "first-requests": row_first_requests,
}
HEAD = ["input", "wall s", "CPU s", "peak RSS MB", "output", "outcome"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("rows", nargs="*", help="rows to run (default: all): " + ", ".join(ROWS), metavar="ROW")
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown at the end")
    ap.add_argument("--json", type=Path, help="also write the rows here as JSON lines (appended)")
    args = ap.parse_args()
    unknown = set(args.rows) - set(ROWS)
    if unknown:
        ap.error(f"unknown rows: {', '.join(sorted(unknown))}")
    os.environ["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    done: list[Row] = []
    for name in args.rows or list(ROWS):
        tmp = Path(tempfile.mkdtemp(prefix=f"cp-rows-{name}-"))
        try:
            got = ROWS[name](tmp)
        except Exception as e:  # the bench keeps going: a crash here is a row's outcome
            got = [Row(name, float("nan"), float("nan"), float("nan"), "-", f"bench error: {type(e).__name__}: {e}",
                       True)]
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        for r in got:
            r.outcome = r.outcome.replace(str(tmp) + "/", "")
            print(" | ".join(r.cells()), flush=True)
            if args.json:
                with open(args.json, "a") as fh:
                    fh.write(json.dumps({"key": name, **r.__dict__}) + "\n")
        done += got
    if args.markdown:
        print("\n| " + " | ".join(HEAD) + " |\n|" + "---|" * len(HEAD))
        for r in done:
            print("| " + " | ".join(c.replace("|", "\\|") for c in r.cells()) + " |")


if __name__ == "__main__":
    main()
