"""A real Ray cluster on this machine: a head node and a worker node started with `ray start` as separate
processes, each with one CPU, its own temp dir and its own ports. `corpus ingest --engine ray --address`
stores exactly what the in-process engine stores; a worker node killed mid-run leaves every article
stored once (the run completes on the head, or stops with one line and a rerun completes).

The cluster is torn down by the fixture whatever happens: each `ray start --block` runs in its own
process group, which is killed, and any process still naming the cluster's temp dir is killed by pid
(never `ray stop`, which would stop every Ray cluster of every user of the machine)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from counterpoint.corpus.localcluster import LocalCluster
from test_corpus_engines import _dump
from test_corpus_kill import make_articles

pytestmark = [pytest.mark.slow, pytest.mark.ray]


@pytest.fixture
def cluster():
    pytest.importorskip("ray")
    c = LocalCluster()
    try:
        c.start("head", head=True)
        c.start("worker", head=False, resources={"worker_node": 1})
        c.wait_nodes(2)
        yield c
    finally:
        c.down()
    assert not c.alive(), f"cluster processes left running: {c.alive()}"


def _cli(*args: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "counterpoint.cli", "corpus", "ingest", *args],
                            stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)


def _feed(tmp_path: Path, n: int) -> tuple[Path, list[dict]]:
    articles = make_articles(n)
    articles += [dict(articles[5], id="copy5", url="https://mirror.example/5")]  # one exact duplicate
    src = tmp_path / "feed.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return src, articles


def _stored_once(db: Path, articles: list[dict]) -> None:
    con = duckdb.connect(str(db), read_only=True)
    try:
        names = [r[0] for r in con.execute("SELECT source_name FROM articles UNION ALL "
                                           "SELECT source_name FROM duplicates").fetchall()]
        twice = con.execute("SELECT count(*) FROM (SELECT id FROM articles GROUP BY id HAVING count(*) > 1)"
                            ).fetchall()[0][0]
        members = con.execute("SELECT count(*), count(DISTINCT article_id) FROM story_members").fetchall()[0]
        n_articles = con.execute("SELECT count(*) FROM articles").fetchall()[0][0]
    finally:
        con.close()
    assert sorted(names) == sorted(a["id"] for a in articles)  # every record once: article or duplicate
    assert twice == 0 and members == (n_articles, n_articles)


def test_two_node_cluster_stores_the_same_as_in_process(cluster, tmp_path):
    src, articles = _feed(tmp_path, 40)
    local = _cli(str(src), "--db", str(tmp_path / "local.duckdb"), "--batch-size", "8")
    _, errors = local.communicate(timeout=300)
    assert local.returncode == 0, errors
    proc = _cli(str(src), "--db", str(tmp_path / "ray.duckdb"), "--batch-size", "8", "--engine", "ray",
                "--address", cluster.address,
                env=cluster.env)
    out, errors = proc.communicate(timeout=300)
    assert proc.returncode == 0, errors + cluster.logs()
    _stored_once(tmp_path / "ray.duckdb", articles)
    assert _dump(tmp_path / "local.duckdb") == _dump(tmp_path / "ray.duckdb")
    assert " analysis tasks on 2 nodes " in out, out  # both nodes did work


def test_worker_node_lost_mid_run(cluster, tmp_path):
    src, articles = _feed(tmp_path, 240)
    db = tmp_path / "lost.duckdb"
    proc = _cli(str(src), "--db", str(db), "--batch-size", "8", "--engine", "ray", "--address", cluster.address,
                env=cluster.env)
    lines: list[str] = []
    deadline = time.time() + 300
    while time.time() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        lines.append(line)
        if line.startswith("batch 1 committed"):  # the first chunk is in; the next is being analysed
            time.sleep(1.0)
            cluster.kill("worker")
            break
    stdout, rest = proc.communicate(timeout=300)
    out = "".join(lines) + rest + stdout
    assert "worker" not in cluster.nodes, f"the ingest ended before the node was killed:\n{out}"
    print("lost-node run:", "completed on the head node" if proc.returncode == 0 else "stopped, then rerun",
          next((x for x in out.splitlines() if x.startswith("ray: ")), ""))
    if proc.returncode != 0:  # it stopped: one clear line, then a rerun on the remaining node completes
        errors = [x for x in out.splitlines() if x.startswith("error:")]
        assert len(errors) == 1 and "run again to resume" in errors[0], out
        rerun = _cli(str(src), "--db", str(db), "--batch-size", "8", "--engine", "ray", "--address", cluster.address,
                env=cluster.env)
        _, errs = rerun.communicate(timeout=300)
        assert rerun.returncode == 0, errs
    _stored_once(db, articles)
