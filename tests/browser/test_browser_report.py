"""The HTML report in headless Chromium: every part rendered, items highlight their source, markup inert."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sample_report import rich_report

from counterpoint.report.html import render_html

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
SECTIONS = ["brief", "accounts", "topics", "claims", "quotes", "figures", "timeline", "tone", "actors", "timexes", "removed",
            "problems"]


def open_report(browser, path: Path):
    browser.get(path.as_uri())
    browser.find_element("id", "cp-accounts")
    # claims without a finding and the quotes are collapsed under the brief: open them to reach every item
    browser.execute_script("document.querySelectorAll('details').forEach(function (d) { d.open = true; })")


def click_and_read_mark(browser, element) -> str:
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()
    mark = browser.find_element("css selector", "#source-text mark")
    assert browser.find_element("id", "source").is_displayed()
    return browser.execute_script("return arguments[0].textContent", mark)


def csp_errors(browser) -> list[str]:
    return [e["message"] for e in browser.get_log("browser") if "Content Security Policy" in e["message"]]


def test_rich_report_parts_and_source_highlighting(browser, artifacts, tmp_path):
    report = rich_report()
    page = tmp_path / "rich.html"
    page.write_text(render_html(report), encoding="utf-8")
    open_report(browser, page)
    for section in SECTIONS:
        assert browser.find_element("id", section).is_displayed(), section
    assert len(browser.find_elements("css selector", "#parties .chip")) == 2
    assert len(browser.find_elements("css selector", "#topics .plot svg")) == 1
    assert len(browser.find_elements("css selector", "#timeline .plot svg")) == 1
    assert len(browser.find_elements("css selector", "#claims .column")) == 3
    assert len(browser.find_elements("css selector", "#claims .badge.contradicted")) >= 1
    assert len(browser.find_elements("css selector", "#figures tr.conflict")) == 2
    assert not csp_errors(browser)
    browser.save_screenshot(str(artifacts / "report-rich.png"))

    # every kind of item: its highlighted span is exactly its text (a span after an emoji checks the
    # code-point -> UTF-16 offset conversion)
    items = browser.find_elements("css selector", "a.src[data-account] .item-text")
    assert len(items) >= len(report.quotes) + len(report.figures)
    checked = 0
    for item in items:
        link = item.find_element("xpath", "..")
        expected = item.text
        start, end = int(link.get_attribute("data-start")), int(link.get_attribute("data-end"))
        account = next(a for a in report.accounts if a.id == link.get_attribute("data-account"))
        if account.text[start:end] != expected:
            continue  # claims/timeline entries show a summary; their first evidence span is what lights up
        assert click_and_read_mark(browser, link) == expected
        checked += 1
    assert checked >= len(report.quotes) + len(report.figures) + len(report.timexes)
    after_emoji = browser.find_element("xpath", "//a[@data-account='brevia-readout' and @data-start='265']")
    assert click_and_read_mark(browser, after_emoji) == "the ferry would not resume before June"
    browser.save_screenshot(str(artifacts / "report-rich-source.png"))
    browser.find_element("id", "source-close").click()
    assert not browser.find_element("id", "source").is_displayed()


def test_markup_inside_an_account_is_shown_as_text(browser, artifacts, tmp_path):
    page = tmp_path / "hostile.html"
    page.write_text(render_html(rich_report(with_hostile=True)), encoding="utf-8")
    open_report(browser, page)
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    assert browser.execute_script("return document.images.length") == 0
    assert "<i>Pasted</i> outlet" in browser.find_element("css selector", "[data-account-row='hostile']").text
    links = browser.find_elements("xpath", "//a[@data-account='hostile' and .//span[@class='item-text']]")
    shown = {link.text for link in links}
    assert shown == {"<script>window.__pwned=1</script>", '<img src=x onerror="window.__pwned=1">'}
    for link in links:
        assert click_and_read_mark(browser, link) == link.text
    source = browser.find_element("id", "source-text")
    assert '<img src=x onerror="window.__pwned=1">' in source.text
    assert "</script><b>bold</b> & more." in source.text
    assert browser.execute_script("return document.querySelectorAll('#source-text *').length") == 1  # only the mark
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    browser.save_screenshot(str(artifacts / "report-hostile.png"))


def test_example_case_report(browser, artifacts, tmp_path):
    out = tmp_path / "harbour-call.html"
    subprocess.run([sys.executable, "-m", "counterpoint.cli", "compare", str(ROOT / "examples" / "harbour-call"),
                    "--format", "html", "-o", str(out), "--quiet"], check=True, cwd=ROOT, timeout=300)
    open_report(browser, out)
    for section in SECTIONS:
        assert browser.find_element("id", section).is_displayed(), section
    assert [e.text for e in browser.find_elements("css selector", "#parties .chip")] == ["Norland", "Castavia"]
    assert len(browser.find_elements("css selector", "#accounts tbody tr")) == 3
    assert not csp_errors(browser)
    browser.save_screenshot(str(artifacts / "report-example.png"))
    quotes = browser.find_elements("css selector", "#quotes a.src .item-text")
    if not quotes:
        pytest.skip("the analysis found no quotes in the example case")
    link = quotes[0].find_element("xpath", "..")
    assert click_and_read_mark(browser, link) == quotes[0].text
    browser.save_screenshot(str(artifacts / "report-example-source.png"))
