"""`serve --db`: the story list with search, and a story's report, over a corpus built from the example case."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from counterpoint.case import Case
from counterpoint.records import Report
from counterpoint.server import create_app

ROOT = Path(__file__).resolve().parents[1]
pytest.importorskip("counterpoint.corpus.queries")
pytestmark = pytest.mark.slow  # builds a corpus store with the spaCy pipeline


def shallow_compare(case: Case) -> Report:
    return Report(event_id=case.event_id, description=case.description, accounts=case.accounts)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = tmp_path_factory.mktemp("corpus") / "corpus.duckdb"
    subprocess.run([sys.executable, "-m", "counterpoint.cli", "corpus", "ingest", str(ROOT / "examples" / "harbour-call"),
                    "--db", str(db), "--quiet"], check=True, cwd=ROOT, timeout=300, capture_output=True)
    with TestClient(create_app([], db=db, compare=shallow_compare), base_url="http://127.0.0.1") as c:
        yield c


def test_story_list_search_and_report(client):
    listed = client.get("/stories").json()["stories"]
    assert listed and all("id" in s and "title" in s for s in listed)
    page = client.get("/stories", headers={"accept": "text/html"})
    assert page.status_code == 200 and f'href="/stories/{listed[0]["id"]}"' in page.text
    # Sources by outlet, the date span, readable account ids, the report link.
    assert "<dt>The Meridian Ledger</dt>" in page.text and "2026-03-10 – 2026-03-11" in page.text
    assert "the-meridian-ledger-2026-03-11-norland-and-castavia" in page.text and ">report</a>" in page.text
    hits = client.get("/stories", params={"q": "Velm"}).json()["stories"]
    assert hits and {s["id"] for s in hits} <= {s["id"] for s in listed}
    assert client.get("/stories", params={"q": "zqxjv-no-such-word"}).json()["stories"] == []
    biggest = listed[0]
    report = client.get(f"/stories/{biggest['id']}", params={"format": "json"})
    assert report.status_code == 200
    assert len(report.json()["accounts"]) == biggest["size"]
    assert all(not a["id"].isalnum() for a in report.json()["accounts"])  # outlet-date-slug, not a hash
    html = client.get(f"/stories/{biggest['id']}")
    assert html.status_code == 200 and '<section id="accounts"' in html.text
    assert client.get("/stories/999999").status_code == 404
    assert client.get("/stories/not-a-number").status_code == 422
