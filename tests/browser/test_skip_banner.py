"""`./scripts/test` says loudly when browser tests were skipped, with the reason and how to enable them."""
from __future__ import annotations

import io
from types import SimpleNamespace

from conftest import ENABLE, pytest_terminal_summary, skip_banner


def report(nodeid, reason):
    return SimpleNamespace(nodeid=nodeid, longrepr=(nodeid.split("::")[0], 1, f"Skipped: {reason}"))


class Reporter:
    def __init__(self, stats):
        self.stats, self.out = stats, io.StringIO()

    def write_line(self, line, **markup):
        self.out.write(line + "\n")


def test_banner_names_count_reason_and_fix():
    why = "Debian chromium and chromium-driver are not installed"
    skipped = [report("tests/browser/test_browser_report.py::test_a", why),
               report("tests/browser/test_browser_server.py::test_b", why),
               report("tests/test_other.py::test_c", "no corpus extra")]
    reporter = Reporter({"skipped": skipped})
    pytest_terminal_summary(reporter, 0, None)
    text = reporter.out.getvalue()
    assert "2 BROWSER TESTS SKIPPED" in text
    assert text.count(why) == 1 and "no corpus extra" not in text
    assert ENABLE in text and "apt-get install chromium chromium-driver" in text
    assert text.strip().splitlines()[0].startswith("!!!")  # boxed


def test_no_banner_when_none_skipped():
    reporter = Reporter({"skipped": [report("tests/test_other.py::test_c", "x")]})
    pytest_terminal_summary(reporter, 0, None)
    assert reporter.out.getvalue() == "" and skip_banner([]) == []
