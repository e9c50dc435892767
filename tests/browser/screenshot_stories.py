"""Writes docs/stories.png: the story browser (`counterpoint serve --db`) over a small corpus of the shared
event accounts and the example case, searched for "Putin", in headless Chromium.

    .venv/bin/python tests/browser/screenshot_stories.py [OUT.png]   (needs Debian chromium and chromium-driver)"""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

from conftest import make_driver  # noqa: E402

SOURCES = [ROOT.parent / "shared" / "events" / name for name in
           ("2025-02-12-trump-putin-call", "2025-03-18-trump-putin-call", "2026-02-04-trump-xi-call")]


def main(out: Path = ROOT / "docs" / "stories.png", query: str = "Putin") -> None:
    work = Path(tempfile.mkdtemp(prefix="counterpoint-stories-shot-"))
    server = None
    try:
        db = work / "corpus.duckdb"
        sources = [str(p) for p in SOURCES if p.is_dir()] + [str(ROOT / "examples" / "harbour-call")]
        subprocess.run([sys.executable, "-m", "counterpoint.cli", "corpus", "ingest", *sources, "--db", str(db),
                        "--quiet"], check=True, cwd=ROOT)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = subprocess.Popen([sys.executable, "-m", "counterpoint.cli", "serve", "--db", str(db), "--port",
                                   str(port)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}/stories?q={query}"
        for _ in range(120):
            try:
                urllib.request.urlopen(url, timeout=2).read()
                break
            except OSError:
                time.sleep(0.5)
        driver = make_driver(str(work / "profile"), width=1100, height=1300)
        try:
            driver.get(url)
            out.parent.mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(str(out))
        finally:
            driver.quit()
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    print(f"screenshot written to {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "stories.png")
