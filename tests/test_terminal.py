"""The terminal summary: every section shows up, and it fits in 100 columns."""
from __future__ import annotations

import io

from rich.console import Console

from counterpoint.records import (Account, Claim, Figure, Report, Span, TimelineEntry, Tone, Topic)
from counterpoint.report.terminal import print_summary


def _report() -> Report:
    acc = Account(id="ledger", text="x" * 200, outlet="The Ledger", side="press")
    ev = Span(account="ledger", start=0, end=10, text="Castavia has not confirmed the wool deal.")
    return Report(
        event_id="norland-castavia-call", parties={"Norland": ["Erik Vale"], "Castavia": ["Mara Quint"]},
        parties_source="manifest", accounts=[acc],
        topics=[Topic(label="wool quota", terms=["wool quota"], by_party={"Norland": 3},
                      emphasis={"Norland": [Span(account="ledger", start=0, end=5, text="the most important issue")]})],
        claims=[Claim(text="Castavia agreed to buy all of Norland's wool for the next three seasons", speaker="Erik Vale",
                      party="Norland", status="one_sided", status_reason="an account says Castavia did not confirm it",
                      evidence=[Span(account="ledger", start=0, end=5, text="...")], status_evidence=[ev]),
                Claim(text="the ferry deal covers 40 vessels", speaker="Mara Quint", party="Castavia",
                      status="contradicted", status_reason="Norland gives 25 (not 40) for vessel")],
        figures=[Figure(account="ledger", value=40, text="40 vessels", start=0, end=2, conflict=True,
                        measures="ferry vessels a week", conflicts_with=[Span(account="x", start=0, end=1, text="25 vessels")])],
        timeline=[TimelineEntry(date="2026-05", text="The quota will be reviewed in May.", accounts=["ledger"])],
        tone=[Tone(party="Norland", score=0.4, words=["cordial"])],
    )


def test_summary_has_every_section_within_100_columns():
    buf = io.StringIO()
    print_summary(_report(), Console(file=buf, width=100, color_system=None))
    out = buf.getvalue()
    for needle in ("Norland", "Castavia", "wool quota", "3*", "one-sided claims (1)",
                   "contradicted claims (1)", "has not confirmed", "conflicting figures", "25 vessels",
                   "2026-05", "cordial", "Erik Vale"):
        assert needle in out, needle
    assert max(len(line) for line in out.splitlines()) <= 100


def test_summary_of_an_empty_report():
    buf = io.StringIO()
    print_summary(Report(), Console(file=buf, width=100, color_system=None))
    assert "case" in buf.getvalue()
