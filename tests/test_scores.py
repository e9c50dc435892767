"""The measured figures the issues ask for, held as regression floors (slow: each runs the CLI
over a whole shared data set). Skipped where ../shared is absent."""
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CLI = f"{sys.executable} -m counterpoint.cli compare {{dir}} --format json -o {{out}} -q"

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not (SHARED / "eval").is_dir(), reason="../shared/eval not available")]


def _run(*args: str) -> str:
    r = subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=1500, cwd=ROOT)
    assert r.returncode == 0, r.stderr[-2000:]
    return r.stdout.strip().splitlines()[-1]


def test_event_cases_meet_the_issue_floors():
    line = _run(str(SHARED / "eval/score.py"), "--suite", str(SHARED / "events"), "--cmd", CLI)
    f1 = dict(re.findall(r"(quotes|one-sided|figures|timeline) F1 ([\d.]+)", line))
    assert float(f1["quotes"]) >= 0.85, line
    assert float(f1["one-sided"]) >= 0.8, line
    assert float(f1["figures"]) >= 0.9, line
    assert float(f1["timeline"]) >= 0.8, line


def test_polnear_dev_attribution_floor():
    line = _run(str(SHARED / "eval/polnear_score.py"), str(SHARED / "polnear/dev"), "--cmd", CLI)
    assert float(re.search(r"attribution F1 ([\d.]+)", line).group(1)) >= 0.70, line


def test_tempeval_value_floor():
    line = _run(str(SHARED / "eval/timex_score.py"), str(SHARED / "tempeval3"), "--cmd", CLI)
    assert float(re.search(r"value F1 ([\d.]+)", line).group(1)) >= 0.80, line
