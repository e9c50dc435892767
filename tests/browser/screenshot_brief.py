"""Writes docs/brief.png: the top of the Trump–Xi case's HTML report (the brief) in headless Chromium.

    .venv/bin/python tests/browser/screenshot_brief.py [OUT.png]   (needs Debian chromium and chromium-driver)"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CASE = ROOT.parent / "shared" / "events" / "2026-02-04-trump-xi-call"
sys.path.insert(0, str(HERE))

from conftest import make_driver  # noqa: E402


def main(out: Path = ROOT / "docs" / "brief.png") -> None:
    work = Path(tempfile.mkdtemp(prefix="counterpoint-brief-"))
    try:
        page = work / "trump-xi.html"
        subprocess.run([sys.executable, "-m", "counterpoint.cli", "compare", str(CASE), "-o", str(page), "--quiet"],
                       check=True, cwd=ROOT)
        driver = make_driver(str(work / "profile"), width=1440, height=1300)
        try:
            driver.get(page.as_uri())
            out.parent.mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(str(out))
        finally:
            driver.quit()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"screenshot written to {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "brief.png")
