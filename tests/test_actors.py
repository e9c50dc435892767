"""Canonical actors across accounts and the party behind each voice."""
from __future__ import annotations

import pytest

from counterpoint.analysis import actors, kb
from counterpoint.analysis.attribution import Mention
from counterpoint.analysis.pipeline import AccountAnalysis
from counterpoint.records import Account, Claim, Quote


def test_kb_has_required_countries_and_sources():
    k = kb.load()
    for c in ("US", "China", "Russia", "Ukraine", "India", "UK", "France", "Germany", "Japan", "Iran", "Israel", "EU"):
        assert c in k.countries
        assert any(e.country == c and e.kind == "person" for e in k.by_name.values())
    assert "gov" in k.sources
    assert k.lookup("Xinhua").kind == "media" and k.lookup("the Kremlin").country == "Russia"
    assert k.country_of("U.S.") == "US" and k.country_of("Beijing") == "China"


def _analysis(acc_id, speakers):
    acc = Account(id=acc_id, text="x")
    quotes = [Quote(account=acc_id, speaker=s, text="x", start=0, end=1) for s in speakers]
    claims = [Claim(text="x", speaker=s) for s in speakers]
    return AccountAnalysis(account=acc, quotes=quotes, claims=claims,
                           mentions=[Mention(acc_id, s, 0, 1, "PERSON") for s in speakers])


def test_names_merge_across_accounts_and_take_manifest_party():
    parties = {"Atlantis": ["Mara Quill", "Atlantean Foreign Ministry"], "Lemuria": ["Odo Brandt"]}
    analyses = [_analysis("a", ["Mara Quill", "Odo Brandt"]), _analysis("b", ["Quill", "Brandt", "Ines Vale"])]
    found, out_parties = actors.resolve(analyses, parties)
    assert out_parties == parties
    by_name = {a.name: a for a in found}
    assert set(by_name) == {"Mara Quill", "Odo Brandt", "Ines Vale"}
    assert by_name["Mara Quill"].party == "Atlantis" and by_name["Odo Brandt"].party == "Lemuria"
    assert by_name["Ines Vale"].party is None  # an independent voice
    assert [q.speaker for q in analyses[1].quotes] == ["Mara Quill", "Odo Brandt", "Ines Vale"]
    assert "Quill" in by_name["Mara Quill"].aliases


def test_parties_from_knowledge_base_when_manifest_has_none():
    analyses = [_analysis("a", ["Xi", "Emmanuel Macron", "Some Analyst"])]
    found, parties = actors.resolve(analyses, {})
    assert set(parties) == {"China", "France"}
    assert "Xi Jinping" in parties["China"]
    assert {a.name: a.party for a in found}["Some Analyst"] is None


@pytest.mark.parametrize("name,party", [("Chinese government", "China"), ("Kremlin", "Russia"),
                                         ("Trump administration", "US"), ("Reuters", None)])
def test_party_for_uses_manifest_words_then_kb(name, party):
    parties = {"US": ["Donald Trump", "White House"], "China": ["Xi Jinping"], "Russia": ["Vladimir Putin"]}
    assert actors.party_for(name, None, parties) == party


def test_normalise_org_uses_demonym():
    assert actors.normalise_org("China's Foreign Ministry") == "Chinese Foreign Ministry"
    assert actors.normalise_org("US State Department") == "US State Department"


def test_a_name_word_of_both_parties_tells_neither():
    from counterpoint.analysis.actors import party_for
    parties = {"Velm Police": ["Velm Metropolitan Police", "Ines Harlow"],
               "VHAC": ["Velm Housing Action Coalition", "Mila Trevanne"]}
    assert party_for("Velm General Hospital", None, parties) is None
    assert party_for("Velm Metropolitan Police spokesperson", None, parties) == "Velm Police"
    assert party_for("the Housing Action Coalition", None, parties) == "VHAC"
