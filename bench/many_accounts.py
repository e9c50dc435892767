"""Many tiny accounts of two parties (issue 14, "Hostile input at scale"): writes a case folder of N
one- or two-sentence accounts with an `event.json` manifest (half of them per party by `side`), runs
`counterpoint compare` on it in a subprocess under `/usr/bin/time -v` where present, and prints wall
seconds, CPU seconds and peak RSS.

    .venv/bin/python bench/many_accounts.py                  # 5,000 accounts
    .venv/bin/python bench/many_accounts.py -n 300 --keep DIR

`write_case` is also used by the slow test in tests/test_hostile_scale.py.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PARTIES = {"Norland": ["Ilse Varga", "Norland Foreign Ministry"], "Castavia": ["Marco Sallis", "Castavia Foreign Ministry"]}
TEMPLATES = (
    "{p}'s minister said the talks on fishing quota {i} went well.",
    "{p}'s minister said the talks on fishing quota {i} went well. The two sides agreed to meet again in {month}.",
    "{p} said the ferry line {i} will reopen in {month} after the port dispute.",
    "{p}'s foreign ministry said {n} boats were inspected at quay {i} last week.",
    "{p} denied that the harbour fee {i} had been raised. Officials said the fee stays at {n} euros.",
    "{p}'s envoy said the bridge project {i} will cost about {n} million euros.",
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October")


def account_text(i: int, party: str) -> str:
    t = TEMPLATES[(i // 2) % len(TEMPLATES)]
    # shared subjects: accounts i and i+1 (one per party) usually speak of the same numbered item
    return t.format(p=party, i=i // 2, month=MONTHS[(i // 2) % len(MONTHS)], n=10 + (i // 2) % 7 + (i % 2) * (i % 3 == 0))


def write_case(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    names = list(PARTIES)
    accounts = []
    for i in range(n):
        party = names[i % 2]
        name = f"a{i:05d}.txt"
        (folder / name).write_text(account_text(i, party) + "\n", encoding="utf-8")
        accounts.append({"id": f"a{i:05d}", "file": name, "url": None, "outlet": f"{party} desk {i % 7}",
                         "published": "2026-03-10", "side": party, "kind": "news report"})
    (folder / "event.json").write_text(json.dumps({
        "event_id": "many-tiny-accounts", "description": "Fishing and harbour talks between Norland and Castavia",
        "date": "2026-03-10", "parties": PARTIES, "accounts": accounts}, indent=1), encoding="utf-8")
    return folder


def run(folder: Path, out: Path, timeout: float) -> dict:
    cmd = [str(Path(sys.executable).with_name("counterpoint")), "compare", str(folder), "--format", "json",
           "-o", str(out), "-q"]
    timed = Path("/usr/bin/time").exists()
    if timed:
        cmd = ["/usr/bin/time", "-v"] + cmd
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    wall = time.perf_counter() - t
    res = {"rc": proc.returncode, "wall_s": round(wall, 1)}
    if timed:
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
        u = re.search(r"User time \(seconds\): ([\d.]+)", proc.stderr)
        s = re.search(r"System time \(seconds\): ([\d.]+)", proc.stderr)
        if m:
            res["peak_rss_mb"] = round(int(m.group(1)) / 1024)
        if u and s:
            res["cpu_s"] = round(float(u.group(1)) + float(s.group(1)), 1)
    if proc.returncode not in (0, 1):
        res["stderr"] = proc.stderr[-2000:]
    if out.exists():
        res["report_mb"] = round(out.stat().st_size / 2**20, 2)
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=5000)
    ap.add_argument("--keep", type=Path, help="write the case here and keep it")
    ap.add_argument("--timeout", type=float, default=900)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="cp-many-"))
    try:
        folder = write_case(args.keep or tmp / "case", args.n)
        res = run(folder, tmp / "report.json", args.timeout)
        print(json.dumps({"accounts": args.n, **res}))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    os._exit(0)


if __name__ == "__main__":
    main()
