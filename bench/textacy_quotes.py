#!/usr/bin/env python3
"""Benchmark: textacy's direct-quotation extractor against counterpoint's attribution, on the shared
cases (../shared/events, scored by score.py) and PolNeAR dev (scored by polnear_score.py), with the
time per article of each system.

    .venv/bin/python bench/textacy_quotes.py [--limit N] [--events DIR] [--polnear DIR]

textacy 0.13 pins dependencies that do not sit beside spaCy 3.8 in the project venv, so this script
builds its own venv under bench/work/textacy-venv (git-ignored): textacy is installed there with
--no-deps plus the few pure dependencies it imports, and the project venv's site-packages are put
on its path (a .pth file) so both systems use the same spaCy model. Each system's output is
converted to the report JSON shape and scored by the shared scorers, unchanged.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "bench" / "work"
VENV = WORK / "textacy-venv"
SHARED = ROOT.parent / "shared"
PROJECT_PY = ROOT / ".venv" / "bin" / "python"
TEXTACY_PKGS = ["textacy==0.13.0"]
TEXTACY_DEPS = ["cytoolz", "jellyfish", "pyphen", "networkx", "cachetools", "joblib", "scikit-learn", "floret"]


def venv_python() -> Path:
    return VENV / "bin" / "python"


def ensure_textacy() -> tuple[bool, str]:
    """Create the side venv and install textacy; (ok, log of what failed)."""
    log = []
    py = venv_python()
    if not py.exists():
        WORK.mkdir(parents=True, exist_ok=True)
        r = subprocess.run([sys.executable, "-m", "venv", str(VENV)], capture_output=True, text=True)
        if r.returncode:
            return False, f"venv creation failed: {r.stderr.strip()[-400:]}"
    # reuse the project's spaCy and model: its site-packages go after the side venv's own
    site = subprocess.run([str(py), "-c", "import sysconfig;print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True).stdout.strip()
    proj_site = subprocess.run([str(PROJECT_PY), "-c", "import sysconfig;print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True).stdout.strip()
    Path(site, "counterpoint_project.pth").write_text(proj_site + "\n")
    check = subprocess.run([str(py), "-c", "import textacy.extract.triples"], capture_output=True, text=True)
    if check.returncode == 0:
        return True, ""
    pip = [str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    r = subprocess.run(pip + ["--no-deps"] + TEXTACY_PKGS, capture_output=True, text=True)
    log.append(f"pip install --no-deps {' '.join(TEXTACY_PKGS)}: rc={r.returncode} {r.stderr.strip()[-300:]}")
    for dep in TEXTACY_DEPS:
        r = subprocess.run(pip + [dep], capture_output=True, text=True)
        if r.returncode:
            log.append(f"pip install {dep}: rc={r.returncode} {r.stderr.strip()[-200:]}")
    check = subprocess.run([str(py), "-c", "import textacy.extract.triples"], capture_output=True, text=True)
    if check.returncode:
        log.append("import textacy.extract.triples failed: " + check.stderr.strip()[-600:])
        return False, "\n".join(log)
    return True, "\n".join(log)


# -- worker: runs inside the textacy venv --------------------------------------------------------

def worker(job: Path, out: Path) -> None:
    import textacy.extract.triples as triples

    from counterpoint.analysis.nlp import load_pipeline

    nlp = load_pipeline()
    items = json.loads(job.read_text())
    quotes, seconds = [], 0.0
    for it in items:
        text = Path(it["file"]).read_text(encoding="utf-8", errors="replace")
        t0 = time.perf_counter()
        doc = nlp(text)
        try:
            found = list(triples.direct_quotations(doc))
        except Exception:  # textacy raises on unbalanced quotation marks: the article yields nothing
            found = []
        seconds += time.perf_counter() - t0
        for trip in found:
            content = trip.content
            s, e = content.start_char, content.end_char
            while s < e and text[s] in "\"“”'‘’ ":
                s += 1
            while e > s and text[e - 1] in "\"“”'‘’ ,":
                e -= 1
            speaker = " ".join(t.text for t in trip.speaker) if trip.speaker else None
            quotes.append({"account": it["id"], "speaker": speaker, "party": None, "text": text[s:e],
                           "start": s, "end": e})
    out.write_text(json.dumps({"accounts": [{"id": it["id"]} for it in items], "quotes": quotes,
                               "claims": [], "seconds": seconds, "articles": len(items)}))


# -- driver ----------------------------------------------------------------------------------------

def case_items(event: Path) -> list[dict]:
    manifest = json.loads((event / "event.json").read_text())
    return [{"id": a["id"], "file": str(event / a["file"])} for a in manifest.get("accounts", [])]


def polnear_items(split: Path, limit: int | None) -> list[dict]:
    texts = sorted((split / "text").glob("*.txt"))[: limit or None]
    return [{"id": t.stem, "file": str(t)} for t in texts]


def run_textacy(items: list[dict], name: str) -> tuple[Path, float]:
    job, out = WORK / f"{name}.job.json", WORK / f"{name}.textacy.json"
    job.write_text(json.dumps(items))
    r = subprocess.run([str(venv_python()), __file__, "--worker", str(job), str(out)], capture_output=True, text=True,
                       env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    if r.returncode:
        raise RuntimeError(f"textacy worker failed: {r.stderr.strip()[-600:]}")
    rep = json.loads(out.read_text())
    return out, rep["seconds"] / max(1, rep["articles"])


def run_ours(folder: Path, name: str, n: int) -> tuple[Path, float]:
    out = WORK / f"{name}.counterpoint.json"
    t0 = time.perf_counter()
    r = subprocess.run([str(ROOT / ".venv" / "bin" / "counterpoint"), "compare", str(folder), "--format", "json",
                        "-o", str(out), "-q"], capture_output=True, text=True)
    if r.returncode:
        raise RuntimeError(f"counterpoint failed on {folder}: {r.stderr.strip()[-400:]}")
    return out, (time.perf_counter() - t0) / max(1, n)


def last_line(cmd: list[str]) -> str:
    r = subprocess.run(cmd, capture_output=True, text=True)
    lines = [l for l in r.stdout.splitlines() if l.strip()]
    return lines[-1] if lines else f"(scorer failed: {r.stderr.strip()[-200:]})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    ap.add_argument("--events", default=str(SHARED / "events"))
    ap.add_argument("--polnear", default=str(SHARED / "polnear" / "dev"))
    ap.add_argument("--limit", type=int, help="PolNeAR: only the first N articles")
    a = ap.parse_args()
    if a.worker:
        worker(Path(a.worker[0]), Path(a.worker[1]))
        return 0
    WORK.mkdir(parents=True, exist_ok=True)
    ok, log = ensure_textacy()
    if not ok:
        print("textacy could not be installed in bench/work/textacy-venv:\n" + log)
        return 1
    score, pscore = SHARED / "eval" / "score.py", SHARED / "eval" / "polnear_score.py"
    rows = []
    for event in sorted(p.parent for p in Path(a.events).glob("*/gold.json")):
        items = case_items(event)
        t_rep, t_sec = run_textacy(items, event.name)
        o_rep, o_sec = run_ours(event, event.name, len(items))
        gold = str(event / "gold.json")
        rows.append((event.name, "textacy", last_line([sys.executable, str(score), gold, str(t_rep)]), t_sec))
        rows.append((event.name, "counterpoint", last_line([sys.executable, str(score), gold, str(o_rep)]), o_sec))
    split = Path(a.polnear)
    if (split / "text").is_dir():
        items = polnear_items(split, a.limit)
        t_rep, t_sec = run_textacy(items, "polnear")
        folder = WORK / "polnear-texts"
        folder.mkdir(exist_ok=True)
        for old in folder.glob("*.txt"):
            old.unlink()
        for it in items:
            Path(folder, Path(it["file"]).name).write_bytes(Path(it["file"]).read_bytes())
        o_rep, o_sec = run_ours(folder, "polnear", len(items))
        lim = ["--limit", str(a.limit)] if a.limit else []
        rows.append(("polnear-dev", "textacy", last_line([sys.executable, str(pscore), str(split), str(t_rep)] + lim), t_sec))
        rows.append(("polnear-dev", "counterpoint", last_line([sys.executable, str(pscore), str(split), str(o_rep)] + lim), o_sec))
    print("time per article: textacy = parse + direct_quotations; counterpoint = the whole CLI run (start-up, model "
          "load, every stage of the report) divided by the articles")
    for data, system, line, sec in rows:
        short = re.sub(r"\s*\|\s*(one-sided|figures|timeline|overall).*", "", line)
        print(f"{data:34s} {system:13s} {sec * 1000:8.0f} ms/article  {short}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
