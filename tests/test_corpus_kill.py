"""An ingest killed with SIGKILL half way, then run again, ends with every article stored exactly once
and the same store as an uninterrupted run."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

TOWNS = ["Arlen", "Brisk", "Corva", "Dunmoor", "Elsby", "Farrow", "Galt", "Hollin", "Iver", "Jessop"]
PEOPLE = ["Ada Brenner", "Boris Kell", "Carla Imre", "Dev Ostrow", "Edda Lumi", "Felix Narr", "Greta Holm"]
THINGS = ["a new library", "the tram line", "a water plant", "the old bridge", "a school wing", "the harbour wall"]


def make_articles(n: int) -> list[dict]:
    out = []
    for i in range(n):
        town, person, thing = TOWNS[i % 10], PEOPLE[(i // 10) % 7], THINGS[(i // 70) % 6]
        text = (f"Officials in {town} opened {thing} on day {i} of the programme, mayor {person} said. "
                f"The project cost {i + 3} million and took {i % 9 + 2} years. "
                f"Residents of {town} had asked for it since {1990 + i % 30}, according to the council.")
        out.append({"id": f"k{i}", "url": f"https://kill.example/{i}", "title": f"{town} item {i}",
                    "published": f"2025-0{1 + i % 9}-{10 + i % 15}", "text": text})
    return out


def _ingest(src: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "counterpoint.cli", "corpus", "ingest", str(src), "--db", str(db),
                             "--batch-size", "10"], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)


def _dump(db: Path) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for t in ("articles", "duplicates", "stories", "story_members", "story_keys", "key_df", "entities",
                  "lsh_bands", "minhashes"):
            out[t] = sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
        return out
    finally:
        con.close()


@pytest.mark.slow
def test_kill_nine_midway_then_rerun_stores_each_article_once(tmp_path):
    articles = make_articles(300)
    articles += [dict(articles[5], id="copy5", url="https://mirror.example/5")]  # one exact duplicate
    src = tmp_path / "feed.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    db = tmp_path / "killed.duckdb"

    proc = _ingest(src, db)
    committed = 0
    deadline = time.time() + 300
    while time.time() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        if line.startswith("batch ") and " committed" in line:
            committed += 1
            if committed == 5:  # well inside the run: 31 batches in all
                os.kill(proc.pid, signal.SIGKILL)
                break
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    con = duckdb.connect(str(db), read_only=True)
    partial = con.execute("SELECT count(*) FROM articles").fetchall()[0][0]
    con.close()
    assert 0 < partial < 300

    rerun = _ingest(src, db)
    _, errors = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, errors
    con = duckdb.connect(str(db), read_only=True)
    ids = [r[0] for r in con.execute("SELECT source_name FROM articles").fetchall()]
    dups = con.execute("SELECT source_name, kind FROM duplicates").fetchall()
    per_article = con.execute("SELECT count(*) FROM (SELECT article_id FROM minhashes GROUP BY 1 HAVING count(*) > 1)"
                              ).fetchall()[0][0]
    con.close()
    # Every input record is stored once: as an article, or as a duplicate linked to one.
    assert sorted(ids + [d[0] for d in dups]) == sorted(a["id"] for a in articles)
    assert ("copy5", "exact") in dups and len(ids) > 250
    assert per_article == 0

    clean = tmp_path / "clean.duckdb"
    once = _ingest(src, clean)
    once.communicate(timeout=300)
    assert once.returncode == 0
    assert _dump(db) == _dump(clean)
