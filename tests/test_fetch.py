"""`compare --fetch URL`: refused without --allow-network; with it, a page from a test HTTP server on
loopback (let through by the test-only override) becomes an account; private addresses are refused."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

import counterpoint.ingest.fetch as fetch
from counterpoint.cli import app
from counterpoint.ingest.errors import BadInput

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "harbour-call"
PAGE = ("<!doctype html><html lang=en><head><title>Norland and Castavia reopen the port</title>"
        "<meta name=\"date\" content=\"2026-03-11\"></head><body><article><h1>Norland and Castavia reopen the port</h1>"
        + "".join(f"<p>{p}</p>" for p in (EXAMPLE / "meridian_report.txt").read_text(encoding="utf-8").split("\n\n")[3:])
        + "</article></body></html>")


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        if self.path == "/redirect-private":
            self.send_response(302)
            self.send_header("Location", "http://10.0.0.1/secret")
            self.end_headers()
            return
        if self.path == "/missing":
            self.send_response(404)
            self.end_headers()
            return
        body = PAGE.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture()
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_fetch_without_allow_network_is_one_line(server):
    r = CliRunner().invoke(app, ["compare", "--fetch", server + "/story", "-q"])
    assert r.exit_code == 2
    lines = [ln for ln in r.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and "--allow-network" in lines[0]


def test_loopback_is_refused_without_the_test_override(server):
    r = CliRunner().invoke(app, ["compare", "--fetch", server + "/story", "--allow-network", "-q"])
    assert r.exit_code == 2 and "loopback" in r.output and "refused" in r.output


def test_page_from_a_loopback_server_becomes_an_account(server, monkeypatch, tmp_path):
    monkeypatch.setattr(fetch, "ALLOW_PRIVATE_FOR_TESTS", True)
    out = tmp_path / "r.json"
    r = CliRunner().invoke(app, ["compare", str(EXAMPLE / "norland_readout.txt"), "--fetch", server + "/news/story.html",
                                 "--allow-network", "-f", "json", "-o", str(out), "-q"])
    assert r.exit_code == 0, r.output
    report = json.loads(out.read_text(encoding="utf-8"))
    acc = next(a for a in report["accounts"] if a["id"] == "127.0.0.1-story")
    assert acc["url"] == server + "/news/story.html" and acc["format"] == "html"
    assert "Petra Lind" in acc["text"]
    assert any(q["account"] == acc["id"] and q["speaker"] == "Petra Lind" for q in report["quotes"])


def test_http_errors_and_redirects_to_private_addresses(server, monkeypatch):
    monkeypatch.setattr(fetch, "ALLOW_PRIVATE_FOR_TESTS", True)
    with pytest.raises(BadInput, match="HTTP status 404"):
        fetch.fetch_article(server + "/missing", allow_network=True)
    monkeypatch.setattr(fetch, "ALLOW_PRIVATE_FOR_TESTS", False)
    with pytest.raises(BadInput, match="loopback"):
        fetch.fetch_article(server + "/redirect-private", allow_network=True)
    # every connection, each redirect hop included, is checked again once made: with the address check on,
    # trafilatura's guard refuses the loopback peer even when the first check is skipped
    from trafilatura.downloads import fetch_response
    assert fetch_response(server + "/story", config=fetch._config(check_addresses=True)) is None
    assert fetch_response(server + "/story", config=fetch._config(check_addresses=False)).status == 200


@pytest.mark.parametrize("host, kind", [("10.1.2.3", "private"), ("192.168.0.7", "private"), ("127.0.0.1", "loopback"),
                                        ("169.254.169.254", "link-local"), ("[::1]", "loopback"),
                                        ("[fe80::1]", "link-local"), ("0.0.0.0", "private")])
def test_private_addresses_are_refused(host, kind):
    with pytest.raises(BadInput, match=f"is {kind}"):
        fetch.check_url(f"http://{host}/page")


def test_a_name_resolving_to_a_private_address_is_refused(monkeypatch):
    import socket
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.5", 80))])
    with pytest.raises(BadInput, match="10.0.0.5 of intranet.example is private"):
        fetch.fetch_article("http://intranet.example/", allow_network=True)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "http:///nohost", "gopher://x"])
def test_only_http_urls(url):
    with pytest.raises(BadInput, match="only http"):
        fetch.check_url(url)


def test_network_off_in_the_function_too():
    with pytest.raises(BadInput, match="network access is off"):
        fetch.fetch_article("http://example.org/", allow_network=False)


def test_size_bound(server, monkeypatch):
    monkeypatch.setattr(fetch, "ALLOW_PRIVATE_FOR_TESTS", True)
    monkeypatch.setattr(fetch, "MAX_FILE_BYTES", 100)
    with pytest.raises(BadInput, match="limit"):
        fetch.fetch_article(server + "/story", allow_network=True)
