"""The web app through httpx/TestClient: reports, downloads, upload limits, path safety, headers."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from counterpoint.case import Case
from counterpoint.records import Report
from counterpoint.server import MAX_FILE_BYTES, MAX_FILES, MAX_REQUEST_BYTES, create_app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
BASE = "http://127.0.0.1"
TEXT_A = b"Minister Ada Roe said on Monday that the bridge talks had gone well.\n"
TEXT_B = b"Envoy Pel Dunn told reporters the bridge talks had failed.\n"


def shallow_compare(case: Case) -> Report:
    """Stands in for the NLP stages where a test is about the web layer only."""
    return Report(event_id=case.event_id, description=case.description, parties=case.parties,
                  accounts=case.accounts, problems=case.problems)


@pytest.fixture(scope="module")
def client():
    """The real analysis on the shipped example case (spaCy loaded once for the module)."""
    with TestClient(create_app([EXAMPLES], allowed_hosts={"127.0.0.1"}), base_url=BASE) as c:
        yield c


@pytest.fixture
def fast(tmp_path):
    root = tmp_path / "root"
    (root / "case").mkdir(parents=True)
    (root / "case" / "a.txt").write_bytes(TEXT_A)
    (root / "case" / "b.txt").write_bytes(TEXT_B)
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.txt").write_text("the secret text of another folder\n")
    app = create_app([root], allowed_hosts={"127.0.0.1"}, compare=shallow_compare)
    with TestClient(app, base_url=BASE) as c:
        c.root = root
        c.outside = tmp_path / "outside"
        yield c


def assert_security_headers(r):
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["referrer-policy"] == "same-origin"


def test_example_case_report_in_every_format(client):
    index = client.get("/")
    assert index.status_code == 200 and "harbour-call" in index.text
    r = client.get("/case", params={"path": "harbour-call"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert_security_headers(r)
    assert '<section id="claims"' in r.text and "norland-readout" in r.text
    assert "format=json" in r.text and "format=md" in r.text  # download links
    j = client.get("/case", params={"path": "harbour-call", "format": "json"})
    assert j.status_code == 200 and "attachment" in j.headers["content-disposition"]
    report = json.loads(j.text)
    assert report["event_id"] == "2026-03-10-varga-sallis-call" and len(report["accounts"]) == 3
    md = client.get("/case", params={"path": "harbour-call", "format": "md"})
    assert md.status_code == 200 and md.text.startswith("# 2026-03-10-varga-sallis-call")
    assert md.headers["content-disposition"] == 'attachment; filename="2026-03-10-varga-sallis-call.md"'
    html = client.get("/case", params={"path": "harbour-call", "format": "html", "download": "1"})
    assert "attachment" in html.headers["content-disposition"]
    absolute = client.get("/case", params={"path": str(EXAMPLES / "harbour-call"), "format": "json"})
    assert json.loads(absolute.text)["event_id"] == report["event_id"]
    assert client.get("/case", params={"path": "harbour-call", "format": "pdf"}).status_code == 422


def test_upload_and_paste_give_a_report_with_downloads(client):
    r = client.post("/upload", files=[("files", ("roe.txt", TEXT_A, "text/plain")),
                                      ("files", ("dunn.txt", TEXT_B, "text/plain"))], follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/reports/")
    page = client.get(r.headers["location"])
    assert page.status_code == 200 and "Ada Roe" in page.text
    data = client.get(r.headers["location"], params={"format": "json"}).json()
    assert sorted(a["file"] for a in data["accounts"]) == ["dunn.txt", "roe.txt"]  # not the temporary folder
    pasted = client.post("/paste", data={"name": ["Roe office", ""], "text": [TEXT_A.decode(), TEXT_B.decode()]},
                         params={"format": "json"})
    assert pasted.status_code == 200
    assert [a["text"] for a in pasted.json()["accounts"]] == [TEXT_A.decode(), TEXT_B.decode()]
    assert client.get("/reports/not-a-token").status_code == 404


def test_uploaded_manifest_is_used_and_must_name_uploaded_files(fast):
    manifest = {"event_id": "bridge-talks", "parties": {"East": ["Ada Roe"], "West": ["Pel Dunn"]},
                "accounts": [{"id": "east", "file": "a.txt", "side": "East"}, {"id": "west", "file": "b.txt"}]}
    files = [("files", ("event.json", json.dumps(manifest).encode(), "application/json")),
             ("files", ("a.txt", TEXT_A, "text/plain")), ("files", ("b.txt", TEXT_B, "text/plain"))]
    r = fast.post("/upload", files=files, params={"format": "json"})
    assert r.status_code == 200 and r.json()["event_id"] == "bridge-talks"
    assert [a["id"] for a in r.json()["accounts"]] == ["east", "west"]
    manifest["accounts"][1]["file"] = "../../etc/passwd"
    files[0] = ("files", ("event.json", json.dumps(manifest).encode(), "application/json"))
    bad = fast.post("/upload", files=files)
    assert bad.status_code == 422 and "'../../etc/passwd' is not among the uploaded files" in bad.json()["error"]


def test_oversized_uploads_are_413(fast):
    big = fast.post("/upload", files=[("files", ("big.txt", b"a" * (MAX_FILE_BYTES + 1), "text/plain"))])
    assert big.status_code == 413 and "per file" in big.json()["error"]
    assert_security_headers(big)
    many = fast.post("/upload", files=[("files", (f"f{i}.txt", TEXT_A, "text/plain")) for i in range(MAX_FILES + 1)])
    assert many.status_code == 413 and f"limit of {MAX_FILES}" in many.json()["error"]
    declared = fast.post("/upload", content=b"x", headers={"content-type": "multipart/form-data; boundary=b",
                                                           "content-length": str(MAX_REQUEST_BYTES + 1)})
    assert declared.status_code == 413
    # chunked (no Content-Length): counted while streaming
    chunks = (b"z" * (1024 * 1024) for _ in range(MAX_REQUEST_BYTES // (1024 * 1024) + 2))
    streamed = fast.post("/upload", content=chunks, headers={"content-type": "multipart/form-data; boundary=b"})
    assert streamed.status_code == 413
    pasted = fast.post("/paste", files=[("text", (None, "a" * (MAX_FILE_BYTES + 1)))])
    assert pasted.status_code == 413


def test_binary_undecodable_and_malformed_uploads_are_4xx(fast):
    png = fast.post("/upload", files=[("files", ("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(64), "text/plain"))])
    assert png.status_code == 415 and "binary" in png.json()["error"]
    exe = fast.post("/upload", files=[("files", ("tool.exe", b"MZ\x90\x00" + bytes(64), "application/octet-stream"))])
    assert exe.status_code == 415 and "unsupported file type" in exe.json()["error"]
    # a UTF-16 byte-order mark followed by an odd, broken byte sequence
    broken = fast.post("/upload", files=[("files", ("odd.txt", b"\xff\xfe\x00\xd8a", "text/plain"))])
    assert broken.status_code == 422 and "odd.txt" in broken.json()["error"]
    empty = fast.post("/upload", files=[("files", ("empty.txt", b"", "text/plain"))])
    assert empty.status_code == 422
    no_boundary = fast.post("/upload", content=b"--x\r\n", headers={"content-type": "multipart/form-data"})
    assert no_boundary.status_code == 400 and "malformed multipart" in no_boundary.json()["error"]
    not_a_form = fast.post("/upload", json={"files": ["a"]})
    assert not_a_form.status_code == 415
    wrong_field = fast.post("/upload", files=[("file", ("a.txt", TEXT_A, "text/plain"))])
    assert wrong_field.status_code == 422 and "'files' field" in wrong_field.json()["error"]
    nothing = fast.post("/paste", data={"text": ["   "]})
    assert nothing.status_code == 422


def test_errors_are_html_for_browsers(fast):
    r = fast.post("/upload", files=[("files", ("big.txt", b"a" * (MAX_FILE_BYTES + 1), "text/plain"))],
                  headers={"accept": "text/html,application/xhtml+xml"})
    assert r.status_code == 413 and r.headers["content-type"].startswith("text/html")
    assert 'id="error-message"' in r.text and "per file" in r.text
    assert_security_headers(r)


def test_paths_outside_the_roots_are_refused(fast):
    ok = fast.get("/case", params={"path": "case", "format": "json"})
    assert ok.status_code == 200 and len(ok.json()["accounts"]) == 2
    for path in ("../outside", "case/../../outside", str(fast.outside), "/etc", "/"):
        r = fast.get("/case", params={"path": path})
        assert r.status_code == 403, path
        assert "secret" not in r.text
    assert fast.get("/case", params={"path": "missing"}).status_code == 404
    assert fast.get("/case", params={"path": "case/a.txt"}).status_code == 400
    # a symlinked folder, or a symlinked file inside a case, pointing out of the roots
    os.symlink(fast.outside, fast.root / "escape")
    assert fast.get("/case", params={"path": "escape"}).status_code == 403
    os.symlink(fast.outside / "secret.txt", fast.root / "case" / "c.txt")
    r = fast.get("/case", params={"path": "case"})
    assert r.status_code == 403 and "c.txt" in r.json()["error"]


def test_manifest_cannot_name_files_outside_the_roots(fast):
    case = fast.root / "manifested"
    case.mkdir()
    (case / "a.txt").write_bytes(TEXT_A)
    (case / "event.json").write_text(json.dumps({"accounts": [{"id": "a", "file": "a.txt"},
                                                              {"id": "s", "file": "../../outside/secret.txt"}]}))
    r = fast.get("/case", params={"path": "manifested"})
    assert r.status_code == 403 and "secret" not in json.dumps(r.json()).replace("secret.txt", "")


def test_headers_host_and_origin_checks(fast):
    for r in (fast.get("/"), fast.get("/healthz"), fast.get("/static/app.css"), fast.get("/nowhere"),
              fast.get("/case", params={"path": "../x"})):
        assert_security_headers(r)
    assert fast.get("/nowhere").status_code == 404
    rebound = fast.get("/", headers={"host": "attacker.example"})
    assert rebound.status_code == 400
    cross = fast.post("/paste", data={"text": ["x"]}, headers={"origin": "http://attacker.example"})
    assert cross.status_code == 403
    same = fast.post("/paste", data={"text": [TEXT_A.decode()]}, headers={"origin": BASE}, follow_redirects=False)
    assert same.status_code == 303


def test_server_without_roots_or_with_bad_options(tmp_path):
    from counterpoint.server import ServerConfigError

    with TestClient(create_app([], compare=shallow_compare), base_url=BASE) as c:
        r = c.get("/case", params={"path": "anything"})
        assert r.status_code == 403 and "without case folders" in r.json()["error"]
        assert "upload or paste" in c.get("/").text
        assert c.get("/stories").status_code == 404
    with pytest.raises(ServerConfigError):
        create_app([tmp_path / "missing"])
    with pytest.raises(ServerConfigError):
        create_app([tmp_path], db=tmp_path / "missing.duckdb")


def test_concurrent_threads_analyse_an_uncached_case_once(tmp_path, monkeypatch):
    """10 threads ask at once for one uncached case through the default analysis (compare_case,
    patched to count its calls): it is analysed once and all get the same report; the app keeps one
    error type for paths, uploads and routes."""
    import threading
    import time

    import counterpoint.run
    from counterpoint.server import errors, uploads

    assert uploads.UploadRefused is errors.Refused
    root = tmp_path / "root"
    (root / "case").mkdir(parents=True)
    (root / "case" / "a.txt").write_bytes(TEXT_A)
    calls = []
    started = threading.Event()

    def counting_compare(case, **kw):
        calls.append(case.accounts[0].file)
        started.set()
        time.sleep(0.3)  # long enough for every other request to arrive while it runs
        return shallow_compare(case)

    monkeypatch.setattr(counterpoint.run, "compare_case", counting_compare)
    app = create_app([root], allowed_hosts={"127.0.0.1"}, warm_pipeline=False)
    assert app.state.counterpoint.roots == [root.resolve()]
    barrier = threading.Barrier(10)
    answers = [None] * 10

    with TestClient(app, base_url=BASE) as c:
        def get(i):
            barrier.wait()
            answers[i] = c.get("/case", params={"path": "case", "format": "json"})

        threads = [threading.Thread(target=get, args=(i,)) for i in range(10)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert [r.status_code for r in answers] == [200] * 10
        assert len({r.text for r in answers}) == 1
        assert len(calls) == 1
        assert len(app.state.counterpoint.reports) == 1 and len(app.state.counterpoint.reports.locks) == 0
        refused = c.get("/case", params={"path": "../outside"})
        assert refused.status_code == 403 and "'..' is not allowed" in refused.json()["error"]


def test_side_kind_and_date_of_each_account_are_used_as_a_manifest_would(fast):
    files = [("files", ("roe.txt", TEXT_A, "text/plain")), ("files", ("dunn.txt", TEXT_B, "text/plain"))]
    data = {"side": ["East", ""], "kind": ["official readout", ""], "date": ["2026-03-02", "2026-03-03"]}
    r = fast.post("/upload", files=files, data=data, params={"format": "json"})
    assert r.status_code == 200
    accounts = {a["id"]: a for a in r.json()["accounts"]}
    assert accounts["roe"]["side"] == "East" and accounts["roe"]["kind"] == "official readout"
    assert accounts["roe"]["published"] == "2026-03-02" and accounts["roe"]["published_source"] == "manifest"
    assert accounts["dunn"]["side"] == "press" and accounts["dunn"]["kind"] == "news report"
    assert accounts["dunn"]["published"] == "2026-03-03"
    pasted = fast.post("/paste", params={"format": "json"},
                       data={"name": ["East office", "", "Dunn"], "text": [TEXT_A.decode(), "  ", TEXT_B.decode()],
                             "side": ["East", "", "West"], "kind": ["press release", "", "official readout"],
                             "date": ["", "", "2026-03-04"]})
    assert pasted.status_code == 200
    got = [(a["side"], a["kind"], a["published"]) for a in pasted.json()["accounts"]]
    assert got[0][:2] == ("East", "press release") and got[1] == ("West", "official readout", "2026-03-04")
    bad = fast.post("/paste", data={"text": [TEXT_A.decode()], "date": ["March 4"]})
    assert bad.status_code == 422 and "YYYY-MM-DD" in bad.json()["error"]


def test_side_of_a_pasted_readout_makes_it_that_partys_voice(client):
    """The real analysis: a readout whose side the form sets is its party's own voice."""
    texts = {name: (EXAMPLES / "harbour-call" / f"{name}.txt").read_text(encoding="utf-8")
             for name in ("norland_readout", "castavia_readout", "meridian_report")}
    r = client.post("/paste", params={"format": "json"},
                    data={"name": list(texts), "text": list(texts.values()),
                          "side": ["Norland", "Castavia", "press"],
                          "kind": ["official readout", "official readout", "news report"],
                          "date": ["2026-03-10", "2026-03-10", "2026-03-11"]})
    assert r.status_code == 200
    report = r.json()
    assert set(report["parties"]) >= {"Norland", "Castavia"}
    statuses = {c["status"] for c in report["claims"] if c["evidence"][0]["account"] == "norland_readout"}
    assert "one_sided" in statuses and "corroborated" in statuses


def test_one_bad_file_among_good_ones_is_a_problem_line(fast):
    files = [("files", ("roe.txt", TEXT_A, "text/plain")),
             ("files", ("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(64), "text/plain")),
             ("files", ("empty.txt", b"", "text/plain")),
             ("files", ("dunn.txt", TEXT_B, "text/plain"))]
    r = fast.post("/upload", files=files, params={"format": "json"})
    assert r.status_code == 200
    report = r.json()
    assert sorted(a["file"] for a in report["accounts"]) == ["dunn.txt", "roe.txt"]
    lines = {p["file"]: p["message"] for p in report["problems"]}
    assert "binary" in lines["photo.txt"] and "empty" in lines["empty.txt"]
    # the page shows them too
    page = fast.post("/upload", files=files, follow_redirects=True)
    assert page.status_code == 200 and "photo.txt" in page.text


def test_index_form_offers_side_kind_and_date(fast):
    page = fast.get("/").text
    assert page.count('name="side"') >= 3 and page.count('name="kind"') >= 3 and page.count('name="date"') >= 3
    assert 'id="file-meta"' in page and "/static/upload.js" in page
    assert fast.get("/static/upload.js").status_code == 200
