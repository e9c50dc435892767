"""Each account is parsed once per run: the compare stage uses the analysis stage's parse."""
from __future__ import annotations

from pathlib import Path

from counterpoint.compare import voice
from counterpoint.ingest.case import load_case
from counterpoint.run import compare_case

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "harbour-call"


def test_compare_parses_no_account_again(monkeypatch):
    real = voice.load_pipeline()
    account_parses: list[str] = []

    class Counting:
        def __call__(self, text, *a, **k):
            account_parses.append(text)
            return real(text, *a, **k)

        def __getattr__(self, name):
            return getattr(real, name)

    monkeypatch.setattr(voice, "load_pipeline", lambda: Counting())
    monkeypatch.setattr(voice, "_PARSED", type(voice._PARSED)())
    case = load_case(EXAMPLE)
    report = compare_case(case)
    assert report.claims and report.brief is not None
    texts = {a.text for a in case.accounts}
    assert [t for t in account_parses if t in texts] == []
