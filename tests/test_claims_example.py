"""End to end on the shipped example case (examples/harbour-call): the statuses an analyst expects."""
from __future__ import annotations

from pathlib import Path

import pytest

from counterpoint.ingest.case import load_case
from counterpoint.run import compare_case

CASE = Path(__file__).resolve().parents[1] / "examples" / "harbour-call"


@pytest.fixture(scope="module")
def report():
    if not CASE.is_dir():
        pytest.skip("example case missing")
    return compare_case(load_case(CASE))


def _with(report, party, *words):
    return [c for c in report.claims if c.party == party and all(w.lower() in c.text.lower() for w in words)]


def _statuses(claims):
    return {c.status for c in claims} - {None}


def test_norland_claims_castavia_left_out_are_one_sided(report):
    for words in (("wheat",), ("tariff",), ("June",)):
        found = _with(report, "Norland", *words)
        assert found, words
        assert _statuses(found) == {"one_sided"}, words


def test_castavia_claims_norland_left_out_are_one_sided(report):
    trawler = _with(report, "Castavia", "trawler")
    assert trawler and _statuses(trawler) == {"one_sided"}
    # the press says outright that Norland's account left the trawler out
    assert any("did not mention the trawler" in e.text for c in trawler for e in c.status_evidence)
    urgent = _with(report, "Castavia", "most urgent issue")
    assert urgent and _statuses(urgent) == {"one_sided"}


def test_port_reopening_is_corroborated(report):
    for party in ("Norland", "Castavia"):
        port = _with(report, party, "reopen", "Port of Velm")
        assert port and _statuses(port) == {"corroborated"}, party


def test_quota_claim_is_contradicted_by_the_reported_denial(report):
    quota = [c for c in _with(report, "Norland", "quota", "cod") if c.status]
    assert quota and {c.status for c in quota} == {"contradicted"}
    assert any("denied" in e.text and e.account == "meridian" for c in quota for e in c.status_evidence)


def test_evaluations_are_not_one_sided(report):
    assert not [c for c in _with(report, "Norland", "neighbours first") if c.status == "one_sided"]


def test_a_withheld_confirmation_is_not_a_claim_of_the_withholder(report):
    # "the Castavian trade ministry has not confirmed the tariff cut": Castavia asserts nothing
    withheld = [c for c in report.claims if c.party == "Castavia" and c.stance == "withheld"]
    assert withheld and all(c.status is None for c in withheld)


def test_the_denial_itself_is_the_other_half_of_the_contradiction(report):
    denial = [c for c in report.claims if c.party == "Castavia" and c.stance == "denial" and "quota" in c.text]
    assert denial and _statuses(denial) == {"contradicted"}
    assert any("cod fishing" in e.text for c in denial for e in c.status_evidence)


def test_the_two_call_lengths_contradict_each_other(report):
    castavia = [c for c in _with(report, "Castavia", "40 minutes") if c.evidence[0].account == "castavia-readout"]
    assert castavia and _statuses(castavia) == {"contradicted"}
    norland = [c for c in report.claims if c.party == "Norland" and c.status == "contradicted" and "hour" in c.text]
    assert norland
    assert all("40 minutes" in c.status_reason for c in norland)


@pytest.mark.xfail(strict=True, reason="compare/claims.py: the press restatement 'the Castavian prime minister's "
                   "office said it lasted about 40 minutes' (Castavia's voice since its speaker has a party) is "
                   "one_sided, not contradicted: its subject 'it' does not name the call the figures measure")
def test_the_press_restatement_of_the_call_length_is_contradicted_too(report):
    press = [c for c in _with(report, "Castavia", "40 minutes") if c.evidence[0].account == "meridian"]
    assert press and _statuses(press) == {"contradicted"}
