"""Headless Debian Chromium driven by Selenium. Browser tests skip (not fail) where it is absent."""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

if str(HERE) not in sys.path:  # sample_report sits beside the tests
    sys.path.insert(0, str(HERE))


def make_driver(user_data_dir: str, width: int = 1400, height: int = 1000):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--disable-default-apps", "--disable-extensions",
                 f"--user-data-dir={user_data_dir}", f"--window-size={width},{height}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.skip("Debian chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)")
    profile = tempfile.mkdtemp(prefix="counterpoint-chromium-")
    driver = make_driver(profile)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


ENABLE = "apt-get install chromium chromium-driver"


def skip_banner(skipped_reports) -> list[str]:
    """The lines of the boxed warning for skipped browser tests (empty when none was skipped)."""
    browser = [r for r in skipped_reports if "browser/" in r.nodeid.replace("\\", "/").split("::")[0]]
    if not browser:
        return []
    reasons = []
    for r in browser:
        longrepr = r.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) and len(longrepr) == 3 else str(longrepr)
        reason = reason.removeprefix("Skipped: ")
        if reason not in reasons:
            reasons.append(reason)
    lines = [f"{len(browser)} BROWSER TEST{'S' if len(browser) != 1 else ''} SKIPPED: the HTML report and the web app "
             "were not checked in a browser", ""]
    lines += [f"reason: {r}" for r in reasons]
    lines += ["", f"enable them: {ENABLE}  (Debian: {CHROMIUM}, {CHROMEDRIVER}), then rerun ./scripts/test"]
    return lines


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Say loudly, at the end of the run, that browser tests were skipped and how to enable them."""
    lines = skip_banner(terminalreporter.stats.get("skipped", []))
    if not lines:
        return
    width = max(len(line) for line in lines) + 4
    terminalreporter.write_line("")
    terminalreporter.write_line("!" * width, yellow=True, bold=True)
    for line in lines:
        terminalreporter.write_line(f"! {line.ljust(width - 4)} !", yellow=True, bold=True)
    terminalreporter.write_line("!" * width, yellow=True, bold=True)
