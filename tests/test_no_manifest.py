"""Without a manifest: parties come from the text (office titles tied to places) when the knowledge
base does not know the actors, undated accounts take the case's date, and the shipped fictional
example still gets the statuses it gets with its manifest."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from counterpoint.analysis.nlp import load_pipeline
from counterpoint.analysis.speakers import place_of_demonym, place_voices
from counterpoint.ingest.case import load_case
from counterpoint.run import compare_case

CASE = Path(__file__).resolve().parents[1] / "examples" / "harbour-call"


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.mark.parametrize("sentence, expected", [
    ("Veloria's Foreign Minister Jan Oske said the border would stay open.", ("Jan Oske", "Veloria")),
    ("Prime Minister Anke Holm of Veloria spoke to reporters on Monday.", ("Anke Holm", "Veloria")),
    ("Later, President Tarvo Linn of Estmark thanked the mediators.", ("Tarvo Linn", "Estmark")),
    ("The Veloran Prime Minister Anke Holm rejected the offer.", ("Anke Holm", "Veloran")),
])
def test_office_title_ties_person_to_place(nlp, sentence, expected):
    assert expected in place_voices(nlp(sentence))


@pytest.mark.parametrize("sentence", [
    "Director Ann Berg of the Coastal Policy Institute said the talks had stalled.",
    "Jan Oske, an analyst, said the border would stay open.",
])
def test_no_place_without_office_or_place(nlp, sentence):
    assert place_voices(nlp(sentence)) == []


@pytest.mark.parametrize("adjective, places, expected", [
    ("Castavian", ["Castavia", "Norland"], "Castavia"),
    ("Veloran", ["Veloria", "Estmark"], "Veloria"),
    ("Chinese", ["China", "India"], "China"),
    ("Israeli", ["Israel"], "Israel"),
    ("Canadian", ["Canada", "Cuba"], "Canada"),
    ("German", ["Germany", "France"], "Germany"),
    ("Estmark", ["Estmark", "Veloria"], "Estmark"),
    ("Atlantic", ["Estmark", "Veloria"], None),
    ("Iranian", ["Iraq"], None),
])
def test_demonym_maps_to_place_by_stem(adjective, places, expected):
    assert place_of_demonym(adjective, places) == expected


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    if not CASE.is_dir():
        pytest.skip("example case missing")
    folder = tmp_path_factory.mktemp("no-manifest")
    for f in CASE.glob("*.txt"):
        shutil.copy(f, folder)
    assert not (folder / "event.json").exists()
    return compare_case(load_case(folder))


def _with(report, party, *words):
    return [c for c in report.claims if c.party == party and all(w.lower() in c.text.lower() for w in words)]


def _statuses(claims):
    return {c.status for c in claims} - {None}


def test_parties_are_the_places_with_official_voices(report):
    assert set(report.parties) == {"Norland", "Castavia"}
    assert "Ilse Varga" in report.parties["Norland"] and "Marco Sallis" in report.parties["Castavia"]
    # the analyst speaks for no party
    assert not [a for a in report.actors if a.name == "Petra Lind" and a.party]


def test_one_sided_claims_match_the_manifest_run(report):
    for words in (("wheat",), ("tariff",), ("June",)):
        found = _with(report, "Norland", *words)
        assert found and "one_sided" in _statuses(found), words
    for words in (("trawler",), ("most urgent issue",)):
        found = _with(report, "Castavia", *words)
        assert found and _statuses(found) == {"one_sided"}, words


def test_port_corroborated_and_quota_contradicted(report):
    # (Castavia's side of the port deal is "The two sides agreed ..." in its own readout, which only a
    # manifest's `side` attributes to Castavia)
    port = _with(report, "Norland", "reopen", "Port of Velm")
    assert port and _statuses(port) == {"corroborated"}
    quota = [c for c in _with(report, "Norland", "quota", "cod") if c.status]
    assert quota and {c.status for c in quota} == {"contradicted"}
    assert any("denied" in e.text for c in quota for e in c.status_evidence)


def test_undated_readout_takes_the_case_date(report):
    by_id = {a.id: a for a in report.accounts}
    readout = next(a for i, a in by_id.items() if i.startswith("norland"))
    assert readout.published == "2026-03-10" and readout.published_source == "text"
