"""report/view.py: the one place the Markdown and HTML reports take labels, grouping and counts from."""
from __future__ import annotations

from counterpoint.records import Claim, Quote, Report
from counterpoint.report import view


def _report() -> Report:
    claims = [Claim(text="a", party="Norland", status="one_sided"), Claim(text="b", party=None),
              Claim(text="c", party="Elsewhere", status="one_sided"), Claim(text="d", party="Norland", status=None)]
    quotes = [Quote(account="x", text="q1", start=0, end=2, speaker="Roe", kind="direct"),
              Quote(account="x", text="q2", start=3, end=5, speaker="Dunn", party="Castavia", kind="direct"),
              Quote(account="x", text="q3", start=6, end=8, speaker="Dunn", kind="direct"),
              Quote(account="x", text="q4", start=9, end=11, kind="direct"),
              Quote(account="x", text="q5", start=12, end=14, speaker="Roe", party="Norland", kind="direct"),
              Quote(account="x", text="q6", start=15, end=17, speaker="Dunn", kind="direct")]
    return Report(parties={"Norland": ["Roe"], "Castavia": ["Dunn"]}, claims=claims, quotes=quotes)


def test_claim_columns_keep_every_party_and_place_claims_without_one():
    r = _report()
    html = [(name, [c.text for c in cs]) for name, cs in view.claim_columns(r)]
    assert html == [("Norland", ["a", "d"]), ("Castavia", []), ("Elsewhere", ["c"]), (view.NO_PARTY, ["b"])]
    md = [(name, [c.text for c in cs]) for name, cs in view.claim_columns(r, no_party_last=False)]
    assert md == [("Norland", ["a", "d"]), ("Castavia", []), (view.NO_PARTY, ["b"]), ("Elsewhere", ["c"])]


def test_quote_groups_by_speaker_with_the_first_party_given():
    r = _report()
    groups = [(s, p, [q.text for q in qs]) for s, p, qs in view.quote_groups(r)]
    assert groups == [("Dunn", "Castavia", ["q2", "q3", "q6"]), ("Roe", "Norland", ["q1", "q5"]),
                      (view.UNKNOWN_SPEAKER, None, ["q4"])]
    in_order = [s for s, _, _ in view.quote_groups(r, most_quoted_first=False)]
    assert in_order == ["Roe", "Dunn", view.UNKNOWN_SPEAKER]


def test_labels_and_counts():
    r = _report()
    assert view.status_counts(r) == [("one_sided", 2), (None, 2)]
    assert [view.status_label(s) for s in (*view.STATUSES, None)] == [
        "one-sided", "corroborated", "contradicted", "unattributed", "no status"]
    assert view.counter_label("contradicted") == "contradicted by" and view.counter_label(None) == "see also"
    assert view.evidence_label("contradicted") == "contradicted by" and view.evidence_label("one_sided") == "see also"
    assert view.number(1200.0) == "1,200" and view.number(2.5) == "2.5"
    assert view.marker_text('  “a  \n"big" step”') == "a big step"


def test_renderers_take_the_view_model():
    """Neither renderer keeps its own copy of the labels or the grouping."""
    from pathlib import Path

    here = Path(view.__file__).parent
    for name in ("markdown.py", "html.py", "templates/report.html.j2"):
        text = (here / name).read_text(encoding="utf-8")
        assert '"one-sided"' not in text and "singled out by" not in text and '"unnamed speaker"' not in text, name
        assert "setdefault(" not in text, name
