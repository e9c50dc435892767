"""Writes docs/report.png: the example case's HTML report in headless Chromium, one item's source shown.

Run by scripts/screenshot (needs Debian chromium and chromium-driver)."""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

from conftest import make_driver  # noqa: E402


def main(out: Path = ROOT / "docs" / "report.png") -> None:
    work = Path(tempfile.mkdtemp(prefix="counterpoint-shot-"))
    try:
        page = work / "harbour-call.html"
        subprocess.run([sys.executable, "-m", "counterpoint.cli", "compare", "examples/harbour-call",  # relative: shown as file
                        "--format", "html", "-o", str(page), "--quiet"], check=True, cwd=ROOT)
        driver = make_driver(str(work / "profile"), width=1440, height=1500)
        try:
            driver.get(page.as_uri())
            items = driver.find_elements("css selector", "#claims a.src .item-text") or \
                driver.find_elements("css selector", "a.src .item-text")
            if items:  # open one claim's source so the picture shows the highlighting too
                link = items[0].find_element("xpath", "..")
                link.click()
                driver.execute_script("window.scrollTo(0, 0)")
            out.parent.mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(str(out))
        finally:
            driver.quit()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"screenshot written to {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "report.png")
