"""Attacks on the web app (`counterpoint serve`): path traversal in every spelling, symlink escapes,
hostile file names, upload floods, slow bodies, script injection through every field a report
shows, outbound requests, and the default bind. The web layer is tested with a stand-in for the
NLP stages unless the analysis itself is what is under test."""
from __future__ import annotations

import asyncio
import json
import os
import re
import socket
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from counterpoint.case import Case
from counterpoint.records import Report
from counterpoint.server import MAX_FILE_BYTES, MAX_FILES, MAX_REQUEST_BYTES, create_app

BASE = "http://127.0.0.1"
TEXT = "Minister Ada Roe said on Monday that the bridge talks had gone well, officials said.\n"
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'
SECRET = "the secret text of another folder"


def shallow_compare(case: Case) -> Report:
    return Report(event_id=case.event_id, description=case.description, parties=case.parties,
                  accounts=case.accounts, problems=case.problems)


@pytest.fixture
def web(tmp_path):
    root = tmp_path / "root"
    (root / "case").mkdir(parents=True)
    (root / "case" / "a.txt").write_text(TEXT)
    (root / "case" / "sub").mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.txt").write_text(SECRET + "\n")
    app = create_app([root], allowed_hosts={"127.0.0.1"}, compare=shallow_compare)
    with TestClient(app, base_url=BASE) as c:
        c.root, c.outside, c.tmp = root, tmp_path / "outside", tmp_path
        yield c


def _no_secret(r) -> None:
    assert SECRET not in r.text


@pytest.mark.parametrize("path", [
    "../outside", "case/../../outside", "..", "./..", "case/./../..", "..\\outside", "case/..%2f..%2foutside",
    "%2e%2e/outside", "/etc", "/etc/passwd", "/proc/self", "//etc", "/", "~", "~/", "case\x00/../..",
    "\u2025/outside", "case/" + "../" * 40 + "etc",
])
def test_case_path_traversal_is_refused(web, path):
    r = web.get("/case", params={"path": path, "format": "json"})
    assert r.status_code in (400, 403, 404), (path, r.status_code)
    _no_secret(r)


def test_raw_encoded_traversal_in_the_url(web):
    for url in ("/case?path=..%2Foutside", "/case?path=%2E%2E/outside", "/case?path=case%2F..%2F..%2Foutside",
                "/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py", "/static/%2e%2e%2f%2e%2e%2fetc/passwd",
                "/reports/..%2F..%2Fetc%2Fpasswd", "/stories/..%2F1"):
        r = web.get(url)
        assert r.status_code in (400, 403, 404, 422), (url, r.status_code)
        assert "create_app" not in r.text and "root:" not in r.text


def test_symlink_escapes_are_refused(web):
    os.symlink(web.outside, web.root / "link-folder")
    assert web.get("/case", params={"path": "link-folder"}).status_code == 403
    os.symlink(web.outside / "secret.txt", web.root / "case" / "sub" / "deep.txt")  # nested one level down
    r = web.get("/case", params={"path": "case", "format": "json"})
    assert r.status_code == 403
    _no_secret(r)
    (web.root / "case" / "sub" / "deep.txt").unlink()
    os.symlink("loop", web.root / "case" / "loop")  # a link to itself must not hang the walk
    r = web.get("/case", params={"path": "case", "format": "json"})
    assert r.status_code in (200, 403)
    _no_secret(r)


def test_manifest_file_entries_cannot_leave_the_roots(web):
    case = web.root / "m"
    case.mkdir()
    (case / "a.txt").write_text(TEXT)
    for bad in (str(web.outside / "secret.txt"), "../../outside/secret.txt", "sub/../../../outside/secret.txt"):
        (case / "event.json").write_text(json.dumps({"accounts": [{"id": "a", "file": "a.txt"},
                                                                  {"id": "s", "file": bad}]}))
        r = web.get("/case", params={"path": "m", "format": "json"})
        assert r.status_code == 403, bad
        _no_secret(r)


@pytest.mark.parametrize("name", ["../../evil.txt", "/tmp/evil.txt", "..\\..\\evil.txt", "C:\\evil.txt",
                                  ".hidden.txt", "event.json/../../evil.txt", "a" * 600 + ".txt",
                                  "évil\u202etxt.exe.txt", "con.txt", "\x00evil.txt"])
def test_hostile_upload_names_stay_inside_the_private_folder(web, name, tmp_path):
    before = set(os.listdir(web.tmp))
    r = web.post("/upload?format=json", files=[("files", (name, TEXT.encode(), "text/plain"))])
    assert r.status_code in (200, 415, 422), r.text
    assert set(os.listdir(web.tmp)) == before  # nothing written beside the roots
    assert not Path("/tmp/evil.txt").exists()
    if r.status_code == 200:
        files = [a["file"] for a in r.json()["accounts"]]
        assert all("/" not in f and "\\" not in f and not f.startswith(".") for f in files), files


def test_upload_count_and_size_limits(web):
    many = [("files", (f"f{i}.txt", TEXT.encode(), "text/plain")) for i in range(MAX_FILES + 1)]
    assert web.post("/upload", files=many).status_code == 413
    big = [("files", ("big.txt", b"word " * (MAX_FILE_BYTES // 5 + 10), "text/plain"))]
    assert web.post("/upload", files=big).status_code == 413
    pasted = {"text": ["x " * (MAX_FILE_BYTES // 2 + 10)]}
    assert web.post("/paste", data=pasted).status_code == 413
    texts = {"text": [TEXT] * (MAX_FILES + 1)}
    assert web.post("/paste", data=texts).status_code == 413


def test_request_body_limit_holds_without_content_length(web):
    """A chunked body (no Content-Length) is counted as it streams and cut at the limit."""
    sent = 0

    def chunks():
        nonlocal sent
        boundary = b"--xx\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.txt\"\r\n\r\n"
        yield boundary
        while sent < MAX_REQUEST_BYTES + (4 << 20):
            sent += 1 << 20
            yield b"a" * (1 << 20)

    r = web.post("/upload", content=chunks(), headers={"content-type": "multipart/form-data; boundary=xx"})
    assert r.status_code == 413


def test_gzip_bomb_upload_is_refused_quickly(web):
    import time

    from fuzz.generate import gzip_bomb_warc

    bomb = gzip_bomb_warc(inflated=400_000_000)
    assert len(bomb) < MAX_FILE_BYTES
    t = time.perf_counter()
    r = web.post("/upload?format=json", files=[("files", ("crawl.warc.gz", bomb, "application/gzip"))])
    assert time.perf_counter() - t < 10
    assert r.status_code == 422 and "inflates to more than" in r.json()["error"]


def test_slow_body_is_cut_off(web, monkeypatch):
    """A client that starts a body and stalls gets 408, not a worker held forever."""
    from counterpoint.server import uploads

    monkeypatch.setattr(uploads, "BODY_SECONDS", 0.5)

    async def scenario():
        transport = httpx.ASGITransport(app=web.app)
        async with httpx.AsyncClient(transport=transport, base_url=BASE) as client:
            async def body():
                yield b"--xx\r\n"
                await asyncio.sleep(3)
                yield b"late"

            return await client.post("/upload", content=body(),
                                     headers={"content-type": "multipart/form-data; boundary=xx"})

    r = asyncio.run(asyncio.wait_for(scenario(), 10))
    assert r.status_code == 408


class _Elements(HTMLParser):
    """Every element as a browser's tokenizer sees it: tag, attributes, and the text of scripts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        # data blocks (application/json) hold the account texts as JSON; only runnable scripts count
        self._in_script = tag == "script" and (dict(attrs).get("type") or "text/javascript") in (
            "text/javascript", "module", "application/javascript")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def _assert_escaped(html: str) -> None:
    parsed = _Elements()
    parsed.feed(html)
    for tag, attrs in parsed.tags:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)  # no event handler got through
        assert tag not in ("img", "iframe", "svg", "object", "embed") or attrs.get("src") != "x", (tag, attrs)
        for k in ("href", "src", "action", "formaction"):
            assert not (attrs.get(k) or "").strip().lower().startswith("javascript:"), (tag, attrs)
    assert not any("alert(" in s for s in parsed.scripts)  # no injected script text ran as a script
    assert len(parsed.scripts) <= 1  # the report's own script, nothing injected beside it


def test_every_shown_field_is_escaped(web):
    manifest = {"event_id": XSS, "description": XSS, "date": "2025-03-04",
                "parties": {XSS: [XSS, "Ada Roe"], "B": ["Pel Dunn"]},
                "accounts": [{"id": "a", "file": "a.txt", "outlet": XSS, "url": "javascript:alert(1)", "side": XSS,
                              "kind": XSS, "note": XSS},
                             {"id": "b", "file": "b.txt", "outlet": "B news"}]}
    files = [("files", ("event.json", json.dumps(manifest).encode(), "application/json")),
             ("files", ("a.txt", (TEXT + XSS + "\n" + "</script><script>alert(2)</script>\n").encode(), "text/plain")),
             ("files", ("b.txt", ("Envoy Pel Dunn said " + XSS + " was false.\n").encode(), "text/plain"))]
    r = web.post("/upload", files=files)
    assert r.status_code == 200, r.text
    _assert_escaped(r.text)
    assert 'href="javascript:' not in r.text
    # the error page shows the client's input back too
    err = web.get("/case", params={"path": XSS}, headers={"accept": "text/html"})
    assert err.status_code in (403, 404) and "text/html" in err.headers["content-type"]
    _assert_escaped(err.text)
    pasted = web.post("/paste", data={"text": [TEXT], "name": [XSS]})
    _assert_escaped(pasted.text)


@pytest.mark.timeout(180)
def test_real_analysis_report_escapes_hostile_text_and_fetches_nothing(monkeypatch, tmp_path):
    """The full pipeline on pages full of URLs and markup: no socket is opened, nothing is unescaped."""
    from fuzz.generate import html_with_injection

    attempts = []
    real_connect = socket.socket.connect

    def guarded_connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            attempts.append(address)
            raise OSError("outbound connection attempted in a test")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: attempts.append(a) or (_ for _ in ()).throw(
        OSError("outbound connection attempted in a test")))
    page = html_with_injection().replace("</article>", '<img src="http://127.0.0.1:9/pixel.png">'
                                         '<link rel="stylesheet" href="http://169.254.169.254/latest/meta-data/">'
                                         "<iframe src='http://10.0.0.1/'></iframe></article>")
    feed = json.dumps({"id": "u", "url": "http://127.0.0.1:9/article", "text": TEXT + " See http://localhost:9/x ."})
    with TestClient(create_app([], allowed_hosts={"127.0.0.1"}), base_url=BASE) as c:
        r = c.post("/upload", files=[("files", ("page.html", page.encode(), "text/html")),
                                     ("files", ("feed.jsonl", feed.encode(), "application/x-ndjson")),
                                     ("files", ("url.txt", b"http://127.0.0.1:9/only-a-url\n", "text/plain"))])
    assert r.status_code == 200, r.text[:500]
    assert attempts == []
    _assert_escaped(r.text)
    # the report itself loads nothing from anywhere else
    assert not re.search(r"""<(img|script|link|iframe)[^>]+(src|href)=["']?https?://""", r.text)


def test_security_headers_on_every_kind_of_response(web):
    responses = [web.get("/"), web.get("/healthz"), web.get("/nowhere"), web.get("/case", params={"path": ".."}),
                 web.post("/upload", files=[("files", ("x.exe", b"MZ", "application/octet-stream"))]),
                 web.post("/paste", content=b"x", headers={"content-type": "text/plain"})]
    for r in responses:
        csp = r.headers.get("content-security-policy", "")
        assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-eval" not in csp, r.url
        assert "frame-ancestors 'none'" in csp
        assert r.headers.get("x-content-type-options") == "nosniff"
        assert "server" not in {k.lower() for k in r.headers} or "uvicorn" not in r.headers.get("server", "")


def test_default_bind_is_loopback(monkeypatch, tmp_path):
    import inspect

    import uvicorn

    from counterpoint import cli
    from counterpoint.server import run_server

    assert inspect.signature(run_server).parameters["host"].default == "127.0.0.1"
    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw))
    from typer.testing import CliRunner

    result = CliRunner().invoke(cli.app, ["serve", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert seen["host"] == "127.0.0.1"


def test_dns_rebinding_hosts_are_refused_when_served_on_loopback(monkeypatch, tmp_path):
    import uvicorn

    from counterpoint.server import run_server

    apps = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: apps.append(app))
    run_server([tmp_path])
    with TestClient(apps[0], base_url=BASE) as c:
        assert c.get("/healthz").status_code == 200
        for host in ("evil.example", "127.0.0.1.evil.example", "localhost.evil.example:8000"):
            assert c.get("/healthz", headers={"host": host}).status_code == 400


def test_cross_site_post_without_origin_is_refused(web):
    """The CSRF check read only Origin: a browser request with no Origin but Sec-Fetch-Site: cross-site
    got through."""
    for site in ("cross-site", "same-site", "Cross-Site"):
        r = web.post("/paste", data={"text": [TEXT]}, headers={"sec-fetch-site": site}, follow_redirects=False)
        assert r.status_code == 403, site
    ok = web.post("/paste", data={"text": [TEXT]}, headers={"sec-fetch-site": "same-origin"}, follow_redirects=False)
    assert ok.status_code == 303


def test_referrer_policy_is_the_documented_one(web):
    docs = (Path(__file__).resolve().parents[1] / "docs" / "robustness.md").read_text()
    sent = web.get("/healthz").headers["referrer-policy"]
    assert f"`Referrer-Policy: {sent}`" in docs
    report_docs = (Path(__file__).resolve().parents[1] / "docs" / "report.md").read_text()
    assert f"`Referrer-Policy: {sent}`" in report_docs


def test_stored_report_is_rendered_once(web, monkeypatch):
    """A stored upload report was drawn again on every GET (10,000 parties: 99 s each); now once per format."""
    from counterpoint.server import responses

    calls = []
    real_html, real_render = responses.render_report_html, responses.render
    monkeypatch.setattr(responses, "render_report_html", lambda *a, **k: calls.append("html") or real_html(*a, **k))
    monkeypatch.setattr(responses, "render", lambda *a, **k: calls.append(a[1]) or real_render(*a, **k))
    r = web.post("/paste", data={"text": [TEXT]}, follow_redirects=False)
    url = r.headers["location"]
    pages = [web.get(url).text for _ in range(3)]
    assert len(set(pages)) == 1 and calls == ["html"]
    jsons = [web.get(url, params={"format": "json"}).text for _ in range(3)]
    assert len(set(jsons)) == 1 and calls == ["html", "json"]
    assert web.get(url, params={"format": "json", "download": "1"}).headers["content-disposition"].startswith("attachment")


def test_concurrent_first_requests_analyse_a_case_once(tmp_path):
    """10 concurrent first requests for one uncached case each analysed it; now one does, the rest wait."""
    import threading
    import time as _time

    root = tmp_path / "root"
    (root / "case").mkdir(parents=True)
    (root / "case" / "a.txt").write_text(TEXT)
    (root / "other").mkdir()
    (root / "other" / "b.txt").write_text(TEXT)
    calls, active, most = [], [0], [0]
    guard = threading.Lock()

    def slow_compare(case: Case) -> Report:
        with guard:
            calls.append(case.accounts[0].file)
            active[0] += 1
            most[0] = max(most[0], active[0])
        _time.sleep(0.5)
        with guard:
            active[0] -= 1
        return shallow_compare(case)

    app = create_app([root], allowed_hosts={"127.0.0.1"}, compare=slow_compare)

    async def scenario():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=BASE) as client:
            gets = [client.get("/case", params={"path": "case", "format": "json"}) for _ in range(10)]
            gets += [client.get("/case", params={"path": "other", "format": "json"}) for _ in range(3)]
            return await asyncio.gather(*gets)

    answers = asyncio.run(asyncio.wait_for(scenario(), 60))
    assert [r.status_code for r in answers] == [200] * 13
    assert len({r.text for r in answers[:10]}) == 1
    assert len(calls) == 2  # each case analysed once
    assert most[0] == 2  # different cases are not held up by each other's lock


def test_bodies_in_flight_are_capped_and_not_kept(web, monkeypatch):
    """No cap on request bodies in flight: 30 concurrent 19.6 MB uploads took 2 GB. Past
    MAX_BODIES_IN_FLIGHT a request is 503 before its body is read, and a refused body leaves nothing
    reserved; a body that is not a form is 415 before it is read."""
    from counterpoint.server import uploads

    monkeypatch.setattr(uploads, "MAX_BODIES_IN_FLIGHT", 3 << 20)

    async def scenario():
        transport = httpx.ASGITransport(app=web.app)
        async with httpx.AsyncClient(transport=transport, base_url=BASE) as client:
            release = asyncio.Event()

            async def slow_body():
                yield b"--xx\r\n" + b"a" * (2 << 20)
                await release.wait()
                yield b"--"

            first = asyncio.create_task(client.post("/upload", content=slow_body(),
                                                    headers={"content-type": "multipart/form-data; boundary=xx"}))
            for _ in range(100):
                await asyncio.sleep(0.05)
                if uploads.in_flight() >= 2 << 20:
                    break
            held = uploads.in_flight()
            second = await client.post("/upload", files=[("files", ("a.txt", b"x" * (2 << 20), "text/plain"))])
            declared = await client.post("/upload", content=b"x" * (2 << 20),
                                         headers={"content-type": "multipart/form-data; boundary=xx"})
            release.set()
            return held, await first, second, declared

    held, first, second, declared = asyncio.run(asyncio.wait_for(scenario(), 30))
    assert held >= 2 << 20
    assert second.status_code == 503 and declared.status_code == 503, (second.text, declared.text)
    assert first.status_code == 400
    assert uploads.in_flight() == 0
    ok = web.post("/upload?format=json", files=[("files", ("a.txt", TEXT.encode(), "text/plain"))])
    assert ok.status_code == 200 and uploads.in_flight() == 0

    read = []

    async def body():
        read.append(1)
        yield b"x" * 1000

    async def not_a_form():
        transport = httpx.ASGITransport(app=web.app)
        async with httpx.AsyncClient(transport=transport, base_url=BASE) as client:
            return await client.post("/upload", content=body(), headers={"content-type": "application/zip"})

    assert asyncio.run(not_a_form()).status_code == 415
    assert read == []  # refused before a byte of the body was read


@pytest.mark.timeout(60)
def test_slow_request_headers_are_cut_off(monkeypatch, tmp_path):
    """uvicorn has no deadline on request headers (its keep-alive timeout stops at the first byte): a
    client dribbling a header line every second held a connection forever. `serve` runs uvicorn with
    HEADER_SECONDS."""
    import threading
    import time as _time

    import uvicorn

    from counterpoint.server import app as app_module

    monkeypatch.setattr(app_module, "HEADER_SECONDS", 1.5)
    app = create_app([tmp_path], allowed_hosts=None, compare=shallow_compare)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           **app_module.uvicorn_options()))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(100):
            if server.started:
                break
            _time.sleep(0.1)
        assert httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200  # ordinary requests still work
        conn = socket.create_connection(("127.0.0.1", port))
        conn.settimeout(10)
        t = _time.monotonic()
        closed = False
        try:
            conn.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            for i in range(20):
                _time.sleep(0.5)
                conn.sendall(f"X-Slow-{i}: 1\r\n".encode())  # never the blank line that ends the head
        except OSError:
            closed = True
        if not closed:
            closed = conn.recv(100) == b""
        conn.close()
        assert closed and _time.monotonic() - t < 6
    finally:
        server.should_exit = True
        thread.join(10)


def test_damaged_corpus_store_is_one_line_not_a_500(tmp_path):
    db = tmp_path / "c.duckdb"
    db.write_bytes(b"DUCK" + os.urandom(40_000))
    app = create_app([tmp_path], db=db, allowed_hosts=None, compare=shallow_compare)
    with TestClient(app, base_url=BASE) as c:
        for url in ("/stories", "/stories/1"):
            r = c.get(url)
            assert r.status_code == 503, (url, r.status_code, r.text)
            assert str(db) in r.json()["error"] and "\n" not in r.json()["error"]
