"""The brief of a real case in headless Chromium: it leads the page, its evidence links light up the
highlighted span in the account, and the filters hide what does not match."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
CASE = ROOT.parent / "shared" / "events" / "2026-02-04-trump-xi-call"


def test_trump_xi_brief_leads_links_and_filters(browser, artifacts, tmp_path):
    if not CASE.is_dir():
        pytest.skip(f"{CASE} is not here")
    out = tmp_path / "trump-xi.html"
    subprocess.run([sys.executable, "-m", "counterpoint.cli", "compare", str(CASE), "-o", str(out), "--quiet"],
                   check=True, cwd=ROOT, timeout=300)
    browser.get(out.as_uri())
    brief = browser.find_element("id", "brief")
    assert brief.is_displayed()
    # the brief is the first section of the page and sits above every other one
    first = browser.execute_script("return document.querySelector('main > section').id")
    assert first == "brief"
    top = brief.location["y"]
    for other in browser.find_elements("css selector", "main > section:not(#brief)"):
        assert other.location["y"] > top
    items = brief.find_elements("css selector", ".one-sided .brief-item")
    assert items, "the brief lists no one-sided findings"
    parties = {i.get_attribute("data-party") for i in items}
    assert len(parties) == 2
    browser.save_screenshot(str(artifacts / "brief-trump-xi.png"))

    # an item's evidence link opens the account with exactly the highlighted claim marked
    link = items[0].find_element("css selector", "a.src mark.hl").find_element("xpath", "..")
    expected = " ".join(link.text.split())
    link.click()
    mark = browser.find_element("css selector", "#source-text mark")
    assert browser.find_element("id", "source").is_displayed()
    assert " ".join(browser.execute_script("return arguments[0].textContent", mark).split()) == expected
    browser.find_element("id", "source-close").click()

    # the party filter hides the other party's items, brief and claim cards alike
    from selenium.webdriver.support.ui import Select

    party = items[0].get_attribute("data-party")
    Select(browser.find_element("css selector", "#filters select[data-filter-key='party']")).select_by_value(party)
    visible = [e for e in browser.find_elements("css selector", "[data-filter]") if e.is_displayed()]
    assert visible and all(e.get_attribute("data-party") == party for e in visible)
    assert "items shown" in browser.find_element("id", "filter-count").text
    hidden_other = browser.find_elements("css selector", f".brief-item:not([data-party='{party}'])")
    assert all(not e.is_displayed() for e in hidden_other)
    Select(browser.find_element("css selector", "#filters select[data-filter-key='party']")).select_by_value("")
    assert all(e.is_displayed() for e in items)
