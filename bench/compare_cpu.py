#!/usr/bin/env python3
"""CPU time of `counterpoint compare` per case, this working tree against a baseline commit, in one run.

    .venv/bin/python bench/compare_cpu.py [--base REV] [--events DIR] [--reps N]

The baseline is checked out into a temporary git worktree and run with the same virtual environment
(its `src/` first on PYTHONPATH). Runs alternate base / current, N times each; the figure per side is
the least CPU time (user + system of the child, model load included) over the runs, which is the
least disturbed by other load on the machine. Prints seconds per case and the ratio current / base.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cpu_of(cmd: list[str], env: dict) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", default="af9704e", help="baseline commit (default: main before the findings work)")
    ap.add_argument("--events", default=str(ROOT.parent / "shared" / "events"))
    ap.add_argument("--reps", type=int, default=3)
    a = ap.parse_args()
    cases = sorted(p.parent for p in Path(a.events).glob("*/event.json"))
    py = str(ROOT / ".venv" / "bin" / "python")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(base), a.base], check=True)
        try:
            # the environment's spaCy entry points name this tree's component module: give the
            # baseline the same file so that loading the pipeline finds it
            comp = ROOT / "src/counterpoint/analysis/spacy_component.py"
            if comp.exists() and not (base / "src/counterpoint/analysis/spacy_component.py").exists():
                shutil.copy(comp, base / "src/counterpoint/analysis/")
            envs = {"base": dict(os.environ, PYTHONPATH=str(base / "src")),
                    "current": dict(os.environ, PYTHONPATH=str(ROOT / "src"))}
            total = {"base": 0.0, "current": 0.0}
            for case in cases:
                best = {"base": float("inf"), "current": float("inf")}
                for _ in range(a.reps):
                    for side, env in envs.items():
                        out = Path(tmp) / f"{side}.json"
                        cmd = [py, "-m", "counterpoint.cli", "compare", str(case), "--format", "json", "-o", str(out), "-q"]
                        best[side] = min(best[side], cpu_of(cmd, env))
                for side in total:
                    total[side] += best[side]
                print(f"{case.name}: base {best['base']:.2f} s, current {best['current']:.2f} s, "
                      f"ratio {best['current'] / best['base']:.2f}")
            print(f"all cases: base {total['base']:.2f} s, current {total['current']:.2f} s, "
                  f"ratio {total['current'] / total['base']:.2f}")
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base)], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
