"""`counterpoint serve` in a subprocess on a free loopback port, used through headless Chromium."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ("Pasted page\n\nIt said <script>window.__pwned=1</script> and "
           "<img src=x onerror=\"window.__pwned=1\"> in the middle of the text.\n")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = free_port()
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "counterpoint.cli", "serve", str(ROOT / "examples"),
                                 "--port", str(port)], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                env={**os.environ, "PYTHONUNBUFFERED": "1"})
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 120
        while True:
            try:
                with urllib.request.urlopen(url + "/healthz", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.time() > deadline:
                pytest.fail("counterpoint serve did not start:\n" + log.read_text(errors="replace"))
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_open_the_example_case_in_the_app(browser, server, artifacts):
    browser.get(server + "/")
    browser.save_screenshot(str(artifacts / "app-index.png"))
    link = next(a for a in browser.find_elements("css selector", "a.case-link") if a.text == "harbour-call")
    link.click()
    WebDriverWait(browser, 120).until(ec.presence_of_element_located(("id", "cp-accounts")))
    assert "varga-sallis-call" in browser.title
    for section in ("accounts", "topics", "claims", "quotes", "figures", "timeline"):
        assert browser.find_element("id", section).is_displayed()
    downloads = {a.text: a.get_attribute("href") for a in browser.find_elements("css selector", "nav .downloads a")}
    assert {"JSON", "Markdown", "HTML"} <= set(downloads)
    with urllib.request.urlopen(downloads["JSON"], timeout=60) as r:
        assert b'"event_id": "2026-03-10-varga-sallis-call"' in r.read()
    assert not [e for e in browser.get_log("browser") if "Content Security Policy" in e["message"]]
    # quotes are collapsed under the brief: open them to reach one
    browser.execute_script("document.querySelectorAll('details').forEach(function (d) { d.open = true; })")
    items = browser.find_elements("css selector", "#quotes a.src .item-text, #figures a.src .item-text")
    if items:
        link = items[0].find_element("xpath", "..")
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
        link.click()
        mark = browser.find_element("css selector", "#source-text mark")
        assert browser.execute_script("return arguments[0].textContent", mark) == items[0].text
    browser.save_screenshot(str(artifacts / "app-report.png"))


def test_upload_through_the_form_keeps_markup_inert(browser, server, artifacts, tmp_path):
    page = tmp_path / "pasted-page.txt"
    page.write_text(HOSTILE, encoding="utf-8")
    browser.get(server + "/")
    browser.find_element("id", "files").send_keys(str(page))
    browser.find_element("css selector", "#upload button[type=submit]").click()
    WebDriverWait(browser, 120).until(ec.presence_of_element_located(("id", "cp-accounts")))
    assert "/reports/" in browser.current_url
    row = browser.find_element("css selector", "#accounts tbody tr td a")
    row.click()
    source = browser.find_element("id", "source-text")
    assert "<script>window.__pwned=1</script>" in source.text
    assert '<img src=x onerror="window.__pwned=1">' in source.text
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    assert browser.execute_script("return document.images.length") == 0
    browser.save_screenshot(str(artifacts / "app-upload.png"))


def test_app_error_page_for_a_path_outside_the_roots(browser, server):
    browser.get(server + "/case?path=../src")
    assert "Cannot do that (403)" in browser.find_element("tag name", "h2").text
    assert "'..' is not allowed" in browser.find_element("id", "error-message").text


def test_upload_form_sets_side_kind_and_date_per_file(browser, server, tmp_path):
    a, b = tmp_path / "east.txt", tmp_path / "west.txt"
    a.write_text("Minister Ada Roe said on Monday that the bridge talks had gone well.\n", encoding="utf-8")
    b.write_text("Envoy Pel Dunn told reporters the bridge talks had failed.\n", encoding="utf-8")
    browser.get(server + "/")
    browser.find_element("id", "files").send_keys(f"{a}\n{b}")
    rows = browser.find_elements("css selector", "#file-meta .file-row")
    assert [r.find_element("css selector", ".file-name").text for r in rows] == ["east.txt", "west.txt"]
    rows[0].find_element("css selector", "input[name=side]").send_keys("East")
    from selenium.webdriver.support.ui import Select
    Select(rows[0].find_element("css selector", "select[name=kind]")).select_by_visible_text("official readout")
    browser.execute_script("arguments[0].value = '2026-03-02'", rows[0].find_element("css selector", "input[name=date]"))
    browser.find_element("css selector", "#upload button[type=submit]").click()
    WebDriverWait(browser, 120).until(ec.presence_of_element_located(("id", "cp-accounts")))
    accounts = browser.find_element("id", "accounts").text
    assert "official readout" in accounts and "2026-03-02" in accounts
