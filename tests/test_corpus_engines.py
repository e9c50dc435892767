"""The Ray engine (Ray tasks, one pipeline per worker process) stores exactly what the in-process
engine stores for the same input."""
from __future__ import annotations

import json

import duckdb
import pytest

from counterpoint.corpus.engines import LocalEngine
from counterpoint.corpus.pipeline import ingest

ARTICLES = [
    ("Senator Rina Coll said on Monday that the Verdan canal treaty would be signed in Pell next week. "
     "\"We have waited twenty years for this,\" Coll told reporters."),
    ("The Verdan canal treaty will be signed in Pell, Senator Rina Coll announced, ending a dispute over "
     "shipping fees that cost exporters 45 million dollars a year."),
    ("Farmers near Osterby reported that the drought had cut wheat yields by a third since March, the "
     "regional agriculture office said on Friday."),
    ("Minister Tal Brook said yesterday that Osterby farmers would receive emergency drought aid of "
     "12 million, according to a statement from his office."),
    ("The Pell city council voted 7 to 2 on Tuesday to rename the central square after the poet Mara Ilves, "
     "who died in 1998."),
    ("Senator Rina Coll said on Monday that the Verdan canal treaty would be signed in Pell next week. "
     "\"We have waited twenty years for this,\" Coll told reporters."),
]


def _dump(db) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables "
                                            "WHERE table_type = 'BASE TABLE' ORDER BY 1").fetchall()]
        return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}
    finally:
        con.close()


@pytest.mark.ray
@pytest.mark.slow
def test_ray_engine_stores_the_same_as_local(tmp_path):
    pytest.importorskip("ray")
    from counterpoint.corpus.engines import RayEngine

    src = tmp_path / "feed.jsonl"
    src.write_text("".join(json.dumps({"id": f"r{i}", "url": f"https://eq.example/{i}", "published": "2025-04-0" +
                                       str(1 + i % 3), "text": t}) + "\n" for i, t in enumerate(ARTICLES)))
    ingest([src], tmp_path / "local.duckdb", LocalEngine(), batch_size=4)
    engine = RayEngine(num_cpus=2)
    try:
        s = ingest([src], tmp_path / "ray.duckdb", engine, batch_size=4)
    finally:
        engine.close()
    assert (s.articles, s.exact_duplicates) == (5, 1)
    local, ray_ = _dump(tmp_path / "local.duckdb"), _dump(tmp_path / "ray.duckdb")
    assert local["entities"], "the analysis stored nothing to compare"
    assert local == ray_
