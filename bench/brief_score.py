#!/usr/bin/env python3
"""Precision of the brief's one-sided items, by the strict findings rule of ../shared/eval/score.py.

    .venv/bin/python bench/brief_score.py [--events DIR] [--reports DIR] [-v]

Every case folder of --events with a gold.json is compared (`counterpoint compare DIR --format json`),
or, with --reports, its report is read from REPORTS/<case>.json. Only the claims listed in
`brief.one_sided` (party -> ranked claim ids, at most 5 per party by default) are scored: each is a
finding of its status, judged as score.py judges every finding (the most specific gold items it
matches decide; a claim matching only optional items of its status counts neither way). The scorer's
functions are imported from the shared evaluation folder, unchanged.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(SHARED / "eval"))

from score import FINDING_STATUSES, claim_status, finding_matches  # noqa: E402


def judge(claim: dict, gold: dict) -> str:
    """'ok', 'wrong: ...' or 'skip' (matches only optional gold items of its status)."""
    status = claim_status(claim)
    if status not in FINDING_STATUSES:
        return "wrong: no status"
    hits = [(len(g["match"]), s, g) for s in FINDING_STATUSES for g in gold.get(s, []) if finding_matches(claim, g, s)]
    top = max((n for n, _, _ in hits), default=0)
    decisive = [(s, g) for n, s, g in hits if n == top]
    mine = [g for s, g in decisive if s == status]
    if mine and all(g.get("optional") for g in mine):
        return "skip"
    if mine:
        return "ok"
    return f"wrong: gold says {decisive[0][0]}" if decisive else "wrong: matches no gold finding"


def score_case(report: dict, gold: dict, verbose: bool = False, label: str = "") -> tuple[int, int]:
    claims = {c.get("id"): c for c in report.get("claims", [])}
    shown = (report.get("brief") or {}).get("one_sided") or {}
    ok = n = 0
    for party, ids in shown.items():
        for cid in ids:
            c = claims.get(cid)
            verdict = judge(c, gold) if c else "wrong: unknown claim id"
            if verdict == "skip":
                if verbose:
                    print(f"  {label}[{party}] skip (optional) {cid}: {(c or {}).get('text', '')[:90]!r}")
                continue
            n += 1
            ok += verdict == "ok"
            if verbose:
                print(f"  {label}[{party}] {verdict:<32} {cid}: {(c or {}).get('text', '')[:90]!r}")
    return ok, n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=Path, default=SHARED / "events")
    ap.add_argument("--reports", type=Path, help="read REPORTS/<case>.json instead of running compare")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    cases = sorted(p.parent for p in a.events.glob("*/gold.json"))
    total_ok = total_n = 0
    with tempfile.TemporaryDirectory() as tmp:
        for case in cases:
            if a.reports:
                path = a.reports / f"{case.name}.json"
            else:
                path = Path(tmp) / f"{case.name}.json"
                subprocess.run([str(ROOT / ".venv" / "bin" / "counterpoint"), "compare", str(case), "--format", "json",
                                "-o", str(path), "-q"], check=False, capture_output=True)
            if not path.exists():
                print(f"{case.name}: no report")
                continue
            report = json.loads(path.read_text(encoding="utf-8"))
            gold = json.loads((case / "gold.json").read_text(encoding="utf-8"))
            ok, n = score_case(report, gold, a.verbose, label="")
            total_ok, total_n = total_ok + ok, total_n + n
            shown = {p: len(ids) for p, ids in ((report.get("brief") or {}).get("one_sided") or {}).items()}
            prec = f"{ok / n:.2f}" if n else "n/a"
            print(f"{case.name}: brief one-sided precision {prec} ({ok}/{n} scored; shown per party {shown})")
    print(f"all cases: brief one-sided precision {total_ok / total_n:.2f} ({total_ok}/{total_n})" if total_n
          else "all cases: nothing scored")
    return 0


if __name__ == "__main__":
    sys.exit(main())
