"""The divergence brief: selection and ranking (compare/brief.py), its place at the top of every
format, and the friction a new user hits on the command line."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from counterpoint.compare.brief import balance_quotes, readable_reason, warnings_for
from counterpoint.records import SCHEMA_VERSION, Account, Claim, Report

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "harbour-call"


def test_balance_quotes_closes_and_opens_with_the_highlight_following():
    text, hl = balance_quotes("He said \u201cwe will never allow it", (8, 20))
    assert text.endswith("\u201d") and hl == (8, 20)
    text, hl = balance_quotes("never allow it\u201d, he said", (0, 5))
    assert text.startswith("\u201c") and hl == (1, 6) and text[1:6] == "never"
    assert balance_quotes("plain \u201cquoted\u201d words")[0] == "plain \u201cquoted\u201d words"


def test_reason_ids_become_the_claims_words():
    c = Claim(id="meridian:c0", text="the ferry resumes in June", party="Norland")
    reason, refs = readable_reason("restates claim meridian:c0", {c.id: c})
    assert "meridian:c0" not in reason and "the ferry resumes in June" in reason and refs == ["meridian:c0"]


def test_warnings_for_a_case_with_nothing_to_compare():
    one = [Account(id="a", text="x")]
    assert any("one account" in w for w in warnings_for(one, {"A": [], "B": []}, []))
    assert any("one party" in w for w in warnings_for(one * 2, {"A": []}, []))
    assert warnings_for([Account(id="a", text="x"), Account(id="b", text="y")], {"A": [], "B": []}, []) == []


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("brief") / "r.json"
    subprocess.run([sys.executable, "-m", "counterpoint.cli", "compare", str(EXAMPLE), "-o", str(out), "-q"],
                   check=True, cwd=ROOT, timeout=300)
    return json.loads(out.read_text(encoding="utf-8"))


def test_brief_in_the_json_lists_ranked_one_sided_claims_per_party(example):
    assert example["schema_version"] == SCHEMA_VERSION
    brief = example["brief"]
    claims = {c["id"]: c for c in example["claims"]}
    assert set(brief["one_sided"]) == set(example["parties"])
    for party, ids in brief["one_sided"].items():
        assert len(ids) <= brief["limit"] == 5
        for cid in ids:
            assert claims[cid]["party"] == party and claims[cid]["status"] == "one_sided"
    for bp in brief["parties"]:
        scores = [i["score"] for i in bp["one_sided"]]
        assert scores == sorted(scores, reverse=True)
        for item in bp["one_sided"]:
            assert item["evidence"] and ":c" not in item["text"]
            if item["highlight"]:
                a, b = item["highlight"]
                assert 0 <= a < b <= len(item["text"])
            assert item["text"].count("\u201c") == item["text"].count("\u201d")


def test_brief_leads_every_format(example):
    from counterpoint.report.html import render_html
    from counterpoint.report.markdown import render_markdown

    report = Report.model_validate(example)
    html = render_html(report)
    assert html.index('id="brief"') < html.index('id="accounts"') < html.index('id="claims"')
    assert 'id="filters"' in html
    md = render_markdown(report)
    assert md.index("## Brief: what differs") < md.index("## Parties")
    for party in report.parties:
        assert f"### What {party} said that" in md


def test_output_format_from_the_extension_and_mismatch_is_an_error(tmp_path):
    out = tmp_path / "report.html"
    run = subprocess.run([sys.executable, "-m", "counterpoint.cli", "compare", str(EXAMPLE), "-o", str(out), "-q"],
                         cwd=ROOT, timeout=300, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    bad = subprocess.run([sys.executable, "-m", "counterpoint.cli", "compare", str(EXAMPLE), "-o",
                          str(tmp_path / "r.md"), "--format", "json", "-q"],
                         cwd=ROOT, timeout=300, capture_output=True, text=True)
    assert bad.returncode != 0 and "does not match" in bad.stderr and not (tmp_path / "r.md").exists()


def test_single_account_warns(tmp_path):
    one = sorted(p for p in EXAMPLE.iterdir() if p.name != "event.json")[0]
    run = subprocess.run([sys.executable, "-m", "counterpoint.cli", "compare", str(one), "-o", str(tmp_path / "r.json"),
                          "-q"], cwd=ROOT, timeout=300, capture_output=True, text=True)
    assert "nothing to compare" in run.stderr


def test_figures_disagree_in_the_brief_only_between_two_parties(example):
    figures = [d for d in example["brief"]["disagreements"] if d["kind"] == "figure"]
    assert figures, "the example's call lengths (Norland: an hour, Castavia: about 40 minutes) disagree"
    for d in figures:
        parties = [s["party"] for s in d["sides"]]
        assert None not in parties and len(set(parties)) == 2



def test_a_report_relaying_a_partys_readout_ranks_as_its_own_readout():
    from counterpoint.compare.brief import _Ranker
    text = "The Norland readout said Erik Vale will open the northern ports to Castavian grain ships next week."
    parties = {"Norland": ["Erik Vale"], "Castavia": ["Mara Quint"]}
    claim_text = "Erik Vale will open the northern ports to Castavian grain ships next week"
    for presents, own in ((None, False), ("Norland", True), ("Velm", False)):
        acc = Account(id="relay", side="press", presents=presents, text=text)
        i = text.index(claim_text)
        c = Claim(id="c1", text=claim_text, party="Norland", speaker="readout", status="one_sided",
                  evidence=[acc.span(i, i + len(claim_text))])
        _score, signals, _marks = _Ranker([c], {acc.id: acc}, parties, []).score(c, [c])
        assert any("Norland's own readout" in s for s in signals) == own


def test_an_unknown_format_is_one_line_and_a_format_may_be_named_in_full(tmp_path):
    # ('--format pdf' once ended in a TypeError traceback: the list of formats was built from a dict)
    bad = subprocess.run([sys.executable, "-m", "counterpoint.cli", "compare", str(EXAMPLE), "--format", "pdf", "-q"],
                         cwd=ROOT, timeout=300, capture_output=True, text=True)
    assert bad.returncode != 0 and "Traceback" not in bad.stderr
    assert "unknown format 'pdf'; choose one of json, md, html" in bad.stderr
    out = tmp_path / "r.md"
    run = subprocess.run([sys.executable, "-m", "counterpoint.cli", "compare", str(EXAMPLE), "--format", "markdown",
                          "-o", str(out), "-q"], cwd=ROOT, timeout=300, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert out.read_text(encoding="utf-8").startswith("#")


def test_what_both_say_shows_one_line_for_two_sides_citing_each_other(example):
    # each readout says the port will reopen, each the other's evidence: one line, the other 'see also'
    both = example["brief"]["both_say"]
    port = [i for i in both if "reopen the Port of Velm" in i["text"]]
    assert len(port) == 1
    assert any(e["account"] == "castavia-readout" for e in port[0]["counter"])
