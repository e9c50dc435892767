"""Claim status with sentences of our own: two invented governments, Norland and Castavia."""
from __future__ import annotations

from counterpoint.analysis.freeze import parse
from counterpoint.analysis.pipeline import AccountAnalysis
from counterpoint.compare.claims import assign_status
from counterpoint.compare.statements import find_non_confirmations
from counterpoint.compare.voice import build_lexicon
from counterpoint.records import Account, Claim

PARTIES = {"Norland": ["Erik Vale", "Norland Foreign Office"], "Castavia": ["Mara Quint", "Castavian Palace"]}


def _account(id_, text, side="press"):
    return Account(id=id_, text=text, side=side)


def _claim(account: Account, text: str, party: str | None, speaker: str, verb: str | None = None) -> Claim:
    i = account.text.rindex(text)  # the last occurrence: later sentences restate earlier ones
    return Claim(text=text, party=party, speaker=speaker, verb=verb, evidence=[account.span(i, i + len(text))])


def _status(claims, accounts):
    analyses = [AccountAnalysis(account=a, claims=[c for c in claims if c.evidence[0].account == a.id],
                                parsed=parse(a.text))
                for a in accounts]
    return by_text(assign_status(claims, analyses, PARTIES, []))


def by_text(claims) -> dict:
    """Claims by the words they show, or by what was said where they show more (their cue)."""
    found = {c.text: c for c in claims}
    for c in claims:
        if c.evidence and c.evidence[0].text.strip() != c.text:
            found.setdefault(c.evidence[0].text.strip(), c)
    return found


def test_corroborated_when_the_other_party_says_it_too():
    a = _account("a", "Erik Vale said the two governments agreed to reopen the northern fishing grounds next spring.")
    b = _account("b", "Mara Quint said both governments will reopen the northern fishing grounds in the spring.")
    claims = [_claim(a, "the two governments agreed to reopen the northern fishing grounds next spring", "Norland", "Erik Vale"),
              _claim(b, "both governments will reopen the northern fishing grounds in the spring", "Castavia", "Mara Quint")]
    got = _status(claims, [a, b])
    c = got["the two governments agreed to reopen the northern fishing grounds next spring"]
    assert c.status == "corroborated"
    assert c.status_evidence and c.status_evidence[0].account == "b"
    assert c.group is not None and c.group == got["both governments will reopen the northern fishing grounds in the spring"].group


def test_one_sided_without_explicit_statement():
    a = _account("a", "Erik Vale said Castavia promised to buy more Norland timber. "
                      "Mara Quint said the talks covered the harbour tariffs.")
    claims = [_claim(a, "Castavia promised to buy more Norland timber", "Norland", "Erik Vale"),
              _claim(a, "the talks covered the harbour tariffs", "Castavia", "Mara Quint")]
    got = _status(claims, [a])
    c = got["Castavia promised to buy more Norland timber"]
    assert c.status == "one_sided"
    assert not c.status_evidence
    assert "Castavia" in c.status_reason


def test_one_sided_with_explicit_not_confirmed_statement():
    a = _account("a", "Erik Vale said Castavia promised to buy more Norland timber and wool. "
                      "This has not been confirmed by Castavia. "
                      "Mara Quint said Castavia will buy more Norland timber.")
    claims = [_claim(a, "Castavia promised to buy more Norland timber and wool", "Norland", "Erik Vale"),
              _claim(a, "Castavia will buy more Norland timber", "Castavia", "Mara Quint")]
    got = _status(claims, [a])
    c = got["Castavia promised to buy more Norland timber and wool"]
    # the press says outright that Castavia did not confirm it: that wins over a partial echo
    assert c.status == "one_sided"
    assert any("not been confirmed" in s.text for s in c.status_evidence)


def test_no_mention_statement_names_the_silent_party_not_the_object():
    a = _account("a", "The Castavian Palace described the call as cordial. "
                      "There was no mention of Erik Vale's visit to the Castavian capital, nor of the wool quota.")
    lex = build_lexicon(PARTIES)
    ncs = find_non_confirmations(parse(a.text), a, lex)
    assert len(ncs) == 1
    assert ncs[0].holder == "Castavia"
    assert {"visit", "wool", "quota"} <= ncs[0].terms


def test_contradicted_by_denial():
    a = _account("a", "Erik Vale said Castavia had agreed to withdraw its frigates from the strait. "
                      "Mara Quint rejected reports that Castavia would withdraw its frigates from the strait as false.")
    claims = [_claim(a, "Castavia had agreed to withdraw its frigates from the strait", "Norland", "Erik Vale"),
              _claim(a, "reports that Castavia would withdraw its frigates from the strait as false", "Castavia", "Mara Quint")]
    got = _status(claims, [a])
    c = got["Castavia had agreed to withdraw its frigates from the strait"]
    assert c.status == "contradicted"
    assert "denies" in c.status_reason


def test_contradicted_by_conflicting_number():
    a = _account("a", "Erik Vale said the ferry deal covers 40 vessels a week on the strait route. "
                      "Mara Quint said the ferry deal covers 25 vessels a week on the strait route.")
    claims = [_claim(a, "the ferry deal covers 40 vessels a week on the strait route", "Norland", "Erik Vale"),
              _claim(a, "the ferry deal covers 25 vessels a week on the strait route", "Castavia", "Mara Quint")]
    got = _status(claims, [a])
    c = got["the ferry deal covers 40 vessels a week on the strait route"]
    assert c.status == "contradicted"
    assert "25" in c.status_reason


def test_missing_year_keeps_a_claim_one_sided():
    a = _account("a", "Erik Vale said that, learning from the floods of 2019, both sides discussed dike repairs "
                      "on the river border. Mara Quint said both sides discussed dike repairs on the river border.")
    claims = [_claim(a, "learning from the floods of 2019, both sides discussed dike repairs on the river border",
                     "Norland", "Erik Vale"),
              _claim(a, "both sides discussed dike repairs on the river border", "Castavia", "Mara Quint")]
    got = _status(claims, [a])
    assert got["learning from the floods of 2019, both sides discussed dike repairs on the river border"].status == "one_sided"
    assert got["both sides discussed dike repairs on the river border"].status == "corroborated"


def test_independent_voice_is_unattributed():
    a = _account("a", "An analyst said the deal would not last the winter.")
    claims = [_claim(a, "the deal would not last the winter", None, "an analyst")]
    got = _status(claims, [a])
    assert got["the deal would not last the winter"].status == "unattributed"


def test_official_readout_is_the_party_voice():
    readout = _account("castavia-readout", "The two leaders agreed to open a joint customs office at the northern "
                                           "border crossing before the harvest season.", side="Castavia")
    press = _account("p", "Erik Vale said the leaders agreed to open a joint customs office at the northern border "
                          "crossing.")
    claims = [_claim(press, "the leaders agreed to open a joint customs office at the northern border crossing",
                     "Norland", "Erik Vale")]
    got = _status(claims, [readout, press])
    c = got["the leaders agreed to open a joint customs office at the northern border crossing"]
    assert c.status == "corroborated"
    assert c.status_evidence[0].account == "castavia-readout"
    # the readout's own sentence became a claim of Castavia, corroborated by Norland's claim
    readout_claims = [x for x in got.values() if x.party == "Castavia"]
    assert readout_claims and readout_claims[0].status == "corroborated"


def test_parties_from_knowledge_base_names():
    """Without a manifest the parties are bare country keys; names still come from the knowledge base."""
    parties = {"China": [], "India": []}
    a = _account("a", "Beijing said the two sides agreed to resume direct flights. "
                      "New Delhi has not confirmed this.")
    lex = build_lexicon(parties)
    ncs = find_non_confirmations(parse(a.text), a, lex)
    assert [nc.holder for nc in ncs] == ["India"]
    claim = _claim(a, "the two sides agreed to resume direct flights", "China", "Chinese foreign ministry")
    out = assign_status([claim], [AccountAnalysis(account=a, claims=[claim], parsed=parse(a.text))], parties, [])
    assert out[0].status == "one_sided" and out[0].status_evidence


# ---------------------------------------------------------------- what is not a one-sided proposition

def test_evaluation_of_the_relationship_is_not_one_sided():
    a = _account("a", "Erik Vale said the relationship with Castavia is an excellent one. "
                      "Mara Quint said the talks covered the harbour tariffs.")
    claims = [_claim(a, "the relationship with Castavia is an excellent one", "Norland", "Erik Vale"),
              _claim(a, "the talks covered the harbour tariffs", "Castavia", "Mara Quint")]
    got = _status(claims, [a])
    c = got["the relationship with Castavia is an excellent one"]
    assert c.status in (None, "corroborated")
    # the concrete claim of the other side is still one-sided
    assert got["the talks covered the harbour tariffs"].status == "one_sided"


def test_an_evaluation_is_confirmed_only_by_an_evaluation_of_the_same_object():
    a = _account("a", "Erik Vale said the relationship between the two countries is excellent and warm. "
                      "Mara Quint said the relationship was very good and friendly. "
                      "Erik Vale said the two countries will deepen mutual respect and understanding. "
                      "Mara Quint said the harbour was beautiful and very warm.")
    claims = [_claim(a, "the relationship between the two countries is excellent and warm", "Norland", "Erik Vale"),
              _claim(a, "the relationship was very good and friendly", "Castavia", "Mara Quint"),
              _claim(a, "the two countries will deepen mutual respect and understanding", "Norland", "Erik Vale"),
              _claim(a, "the harbour was beautiful and very warm", "Castavia", "Mara Quint")]
    got = _status(claims, [a])
    c = got["the relationship between the two countries is excellent and warm"]
    assert c.status == "corroborated"
    assert c.status_evidence and "friendly" in c.status_evidence[0].text
    # goodwill about the relationship is not confirmed by praise of something else
    assert got["the two countries will deepen mutual respect and understanding"].status is None


def test_a_hope_without_a_date_is_not_one_sided_but_a_dated_plan_is():
    a = _account("a", "Erik Vale said he was willing to sail the old boat of friendship through rough seas. "
                      "Erik Vale said he hopes to host Mara Quint in Norhaven in June.")
    claims = [_claim(a, "he was willing to sail the old boat of friendship through rough seas", "Norland", "Erik Vale"),
              _claim(a, "he hopes to host Mara Quint in Norhaven in June", "Norland", "Erik Vale")]
    got = _status(claims, [a])
    assert got["he was willing to sail the old boat of friendship through rough seas"].status != "one_sided"
    assert got["he hopes to host Mara Quint in Norhaven in June"].status == "one_sided"


def test_that_the_event_took_place_is_corroborated_by_the_other_readout():
    n = _account("n", "Erik Vale spoke by telephone with Mara Quint on Tuesday.", side="Norland")
    # ('... at his request' would say who asked for it as well: test_who_asked_for_the_call_is_a_proposition_of_its_own)
    c = _account("c", "On 4 May 2027, Mara Quint held a telephone conversation with Erik Vale.", side="Castavia")
    got = _status([], [n, c])
    castavia = next(x for x in got.values() if x.party == "Castavia")
    assert castavia.status == "corroborated"
    assert "took place" in castavia.status_reason
    assert castavia.status_evidence[0].account == "n"


def test_synonyms_align_purchase_and_buy():
    a = _account("a", "Erik Vale said Castavia will purchase more Norland timber next year. "
                      "Mara Quint said Castavia is going to buy more Norland timber next year.")
    claims = [_claim(a, "Castavia will purchase more Norland timber next year", "Norland", "Erik Vale"),
              _claim(a, "Castavia is going to buy more Norland timber next year", "Castavia", "Mara Quint")]
    got = _status(claims, [a])
    assert got["Castavia will purchase more Norland timber next year"].status == "corroborated"


def test_restatements_of_one_side_become_one_claim_with_all_evidence():
    readout = _account("norland-readout", "The Norland Foreign Office said Castavia pledged to buy 300 tonnes "
                                          "of Norland salt.", side="Norland")
    press = _account("p", "Erik Vale said Castavia pledged to buy 300 tonnes of Norland salt. "
                          "Mara Quint said the talks covered the harbour tariffs.")
    claims = [_claim(readout, "Castavia pledged to buy 300 tonnes of Norland salt", "Norland", "Norland Foreign Office"),
              _claim(press, "Castavia pledged to buy 300 tonnes of Norland salt", "Norland", "Erik Vale"),
              _claim(press, "the talks covered the harbour tariffs", "Castavia", "Mara Quint")]
    analyses = [AccountAnalysis(account=acc, claims=[c for c in claims if c.evidence[0].account == acc.id],
                                parsed=parse(acc.text))
                for acc in (readout, press)]
    out = assign_status(claims, analyses, PARTIES, [])
    salt = [c for c in out if "salt" in c.text and c.party == "Norland"]
    one = [c for c in salt if c.status == "one_sided"]
    assert len(one) == 1
    assert one[0].evidence[0].account == "norland-readout"  # the party's own readout speaks first
    assert {e.account for e in one[0].evidence} == {"norland-readout", "p"}
    rest = [c for c in salt if c is not one[0]]
    assert rest and all(c.status is None and one[0].id in c.status_reason for c in rest)


def test_reported_denial_without_speaker_contradicts():
    # (salmon, not herring: the tagger reads 'herring' as a proper noun in the first sentence and
    # as a verb ('herre') in the second, so the two sentences shared no word for the fish)
    a = _account("a", "Erik Vale said the leaders agreed on a shared quota for salmon. "
                      "Castavia's foreign office on Monday denied that any deal on salmon quotas had been reached.")
    claims = [_claim(a, "the leaders agreed on a shared quota for salmon", "Norland", "Erik Vale")]
    got = _status(claims, [a])
    c = got["the leaders agreed on a shared quota for salmon"]
    assert c.status == "contradicted"
    assert "Castavia" in c.status_reason
    assert "denied" in c.status_evidence[0].text


def test_reporters_gloss_is_not_a_denial():
    a = _account("a", "Erik Vale said the leaders agreed on a shared quota for herring, contradicting "
                      "the Castavian position on the herring quota.")
    lex = build_lexicon(PARTIES)
    from counterpoint.compare.claims import _reported_denials
    assert _reported_denials([AccountAnalysis(account=a)], {"a": parse(a.text)}, lex) == []


def test_definite_noun_refers_back_to_its_fuller_mention():
    a = _account("a", "Mara Quint demanded the return of the seized ferry Blue Heron. "
                      "Norland's statement did not mention the ferry.")
    ncs = find_non_confirmations(parse(a.text), a, build_lexicon(PARTIES))
    assert [nc.holder for nc in ncs] == ["Norland"]
    assert {"ferri", "blue", "heron"} <= ncs[0].terms


def test_of_the_statements_covering_a_dated_claim_one_giving_its_year_corroborates():
    a = _account("a", "Erik Vale said both sides will seek a fair settlement of the river border under the rules agreed "
                      "in 2005.")
    b = _account("b", "Mara Quint said both sides will seek a fair settlement of the river border. Mara Quint said "
                      "both sides will seek a fair settlement of the river border as agreed in 2005.")
    mine = "both sides will seek a fair settlement of the river border under the rules agreed in 2005"
    claims = [_claim(a, mine, "Norland", "Erik Vale"),
              _claim(b, "both sides will seek a fair settlement of the river border", "Castavia", "Mara Quint"),
              _claim(b, "both sides will seek a fair settlement of the river border as agreed in 2005", "Castavia",
                     "Mara Quint")]
    got = _status(claims, [a, b])
    assert got[mine].status == "corroborated", got[mine].status_reason
