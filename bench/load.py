"""Load test of `counterpoint serve` on loopback: starts the server itself, runs N concurrent clients
(asyncio + httpx) requesting a case's report for a bounded time, stops the server, and prints the
error rate, the 5xx count, latency percentiles and the server's memory.

    python bench/load.py                       # 20 clients, 60 s, examples/harbour-call, HTML report
    python bench/load.py --clients 40 --seconds 30 --format json --json-out load.json

Every request has a timeout (--request-timeout); the run stops after --seconds plus one timeout
whatever happens, and the server is terminated (then killed) on the way out. Exit status 1 when
any 5xx or transport error was seen, so CI can use it as a check.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CASE = ROOT / "examples" / "harbour-call"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_bytes(pid: int) -> int | None:
    """Resident memory of a process: psutil when installed, else /proc."""
    try:
        import psutil

        return psutil.Process(pid).memory_info().rss
    except ImportError:
        pass
    except Exception:
        return None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


class MemorySampler(threading.Thread):
    """Samples the server's RSS every half second (peak and last)."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid = pid
        self.samples: list[int] = []
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.5):
            r = rss_bytes(self.pid)
            if r:
                self.samples.append(r)


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)  # seconds, successful and failed answers alike
    statuses: dict[int, int] = field(default_factory=dict)
    transport_errors: dict[str, int] = field(default_factory=dict)

    @property
    def requests(self) -> int:
        return sum(self.statuses.values()) + sum(self.transport_errors.values())

    @property
    def server_errors(self) -> int:
        return sum(n for s, n in self.statuses.items() if s >= 500)

    @property
    def errors(self) -> int:
        return sum(n for s, n in self.statuses.items() if s >= 400) + sum(self.transport_errors.values())


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def start_server(case_root: Path, port: int, log_path: Path) -> subprocess.Popen:
    log = open(log_path, "wb")
    return subprocess.Popen([sys.executable, "-m", "counterpoint.cli", "serve", str(case_root), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def wait_ready(proc: subprocess.Popen, base: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with status {proc.returncode} before answering")
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"the server did not answer /healthz within {timeout:.0f} s")


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=15)


async def client_loop(client: httpx.AsyncClient, url: str, params: dict, until: float, tally: Tally) -> None:
    while time.monotonic() < until:
        t = time.perf_counter()
        try:
            r = await client.get(url, params=params)
            await r.aread()
            tally.statuses[r.status_code] = tally.statuses.get(r.status_code, 0) + 1
        except httpx.HTTPError as e:
            name = type(e).__name__
            tally.transport_errors[name] = tally.transport_errors.get(name, 0) + 1
        tally.latencies.append(time.perf_counter() - t)


async def run_clients(base: str, case_path: str, fmt: str, clients: int, seconds: float,
                      request_timeout: float) -> tuple[Tally, float]:
    tally = Tally()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=request_timeout, limits=limits) as client:
        t0 = time.monotonic()
        until = t0 + seconds
        tasks = [asyncio.create_task(client_loop(client, "/case", {"path": case_path, "format": fmt}, until, tally))
                 for _ in range(clients)]
        # a hung server cannot keep the bench running: give up one request timeout after the end
        done, pending = await asyncio.wait(tasks, timeout=seconds + request_timeout + 5)
        for t in pending:
            t.cancel()
        elapsed = time.monotonic() - t0
    return tally, elapsed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--case", type=Path, default=DEFAULT_CASE, help="case folder (served from its parent)")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--format", default="html", choices=["html", "json", "md"])
    ap.add_argument("--request-timeout", type=float, default=30.0)
    ap.add_argument("--startup-timeout", type=float, default=180.0)
    ap.add_argument("--json-out", type=Path, help="also write the figures as JSON here")
    args = ap.parse_args(argv)

    case = args.case.resolve()
    if not (case.is_dir()):
        print(f"error: {args.case}: not a case folder", file=sys.stderr)
        return 2
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"counterpoint-load-{port}.log"
    proc = start_server(case.parent, port, log_path)
    sampler = None
    try:
        wait_ready(proc, base, args.startup_timeout)
        rss_idle = rss_bytes(proc.pid)
        # the first request builds the report (analysis); the load measures serving it
        t = time.perf_counter()
        first = httpx.get(f"{base}/case", params={"path": case.name, "format": args.format},
                          timeout=max(args.request_timeout, 300))
        first_seconds = time.perf_counter() - t
        if first.status_code != 200:
            print(f"error: first report request answered {first.status_code}: {first.text[:200]}", file=sys.stderr)
            return 1
        sampler = MemorySampler(proc.pid)
        sampler.start()
        tally, elapsed = asyncio.run(run_clients(base, case.name, args.format, args.clients, args.seconds,
                                                 args.request_timeout))
    finally:
        if sampler:
            sampler.stop.set()
        stop_server(proc)

    lat = tally.latencies
    mem = sampler.samples if sampler else []
    figures = {
        "clients": args.clients, "seconds": round(elapsed, 1), "format": args.format, "case": str(args.case),
        "requests": tally.requests, "requests_per_second": round(tally.requests / elapsed, 1) if elapsed else 0,
        "errors": tally.errors, "error_rate": round(tally.errors / tally.requests, 4) if tally.requests else None,
        "status_5xx": tally.server_errors, "statuses": {str(k): v for k, v in sorted(tally.statuses.items())},
        "transport_errors": tally.transport_errors,
        "latency_ms": {"p50": round(percentile(lat, 0.50) * 1000, 1), "p95": round(percentile(lat, 0.95) * 1000, 1),
                       "p99": round(percentile(lat, 0.99) * 1000, 1), "max": round(max(lat) * 1000, 1) if lat else None,
                       "mean": round(statistics.fmean(lat) * 1000, 1) if lat else None},
        "first_report_seconds": round(first_seconds, 2),
        "server_rss_mb": {"idle": round(rss_idle / 2**20, 1) if rss_idle else None,
                          "peak": round(max(mem) / 2**20, 1) if mem else None,
                          "end": round(mem[-1] / 2**20, 1) if mem else None},
    }
    lm = figures["latency_ms"]
    print(f"clients {args.clients}, {elapsed:.1f} s, {tally.requests} requests ({figures['requests_per_second']}/s), "
          f"errors {tally.errors} (rate {figures['error_rate']}), 5xx {tally.server_errors}, "
          f"transport errors {sum(tally.transport_errors.values())}")
    print(f"latency ms: p50 {lm['p50']}, p95 {lm['p95']}, p99 {lm['p99']}, max {lm['max']}; "
          f"first (uncached) report {first_seconds:.2f} s")
    rss = figures["server_rss_mb"]
    print(f"server RSS MB: idle {rss['idle']}, peak {rss['peak']}, end {rss['end']}")
    if args.json_out:
        args.json_out.write_text(json.dumps(figures, indent=1) + "\n")
    return 1 if tally.server_errors or tally.transport_errors else 0


if __name__ == "__main__":
    sys.exit(main())
