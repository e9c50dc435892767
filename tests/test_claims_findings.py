"""What may be a finding, and whose: the asserting voice, propositions against phrases, discussion
claims. Invented governments, Norland and Castavia."""
from __future__ import annotations

from counterpoint.analysis.freeze import parse
from counterpoint.analysis.pipeline import AccountAnalysis
from counterpoint.compare.claims import assign_status
from counterpoint.compare.voice import build_lexicon
from counterpoint.records import Account, Claim

from test_claims import PARTIES, _account, _claim, _status


def test_a_readout_voices_what_it_says_the_other_leader_said():
    a = Account(id="nl", side="Norland", kind="official readout",
                text="Mara Quint said Castavia will open its northern ports to Norland grain ships.")
    claims = [_claim(a, "Castavia will open its northern ports to Norland grain ships", "Castavia", "Mara Quint")]
    got = _status(claims, [a])
    c = got["Castavia will open its northern ports to Norland grain ships"]
    assert c.party == "Norland"          # Norland's readout alone says it: Norland's claim
    assert c.status == "one_sided"


def test_a_claim_inside_an_analysts_words_is_no_partys():
    text = ("\u201cCastavian officials insist they will keep selling timber to whoever they choose,\u201d "
            "said Ola Brun of the Harbour Institute.")
    a = _account("p", text)
    outer = "Castavian officials insist they will keep selling timber to whoever they choose,"
    claims = [_claim(a, outer, None, "Ola Brun"),
              _claim(a, "they will keep selling timber to whoever they choose", "Castavia", "Castavian officials")]
    got = _status(claims, [a])
    assert got["they will keep selling timber to whoever they choose"].party is None
    assert got["they will keep selling timber to whoever they choose"].status == "unattributed"


def test_phrases_and_cut_sentences_get_no_status_but_a_cue_object_does():
    a = _account("a", "Erik Vale spoke of the old ties with self-governing Velm. Erik Vale underlined his support for a\n"
                      "Erik Vale reiterated the importance of free navigation in the strait.")
    claims = [_claim(a, "self-governing Velm", "Norland", "Erik Vale"),
              _claim(a, "his support for a", "Norland", "Erik Vale"),
              _claim(a, "the importance of free navigation in the strait", "Norland", "Erik Vale", verb="reiterate")]
    got = _status(claims, [a])
    assert got["self-governing Velm"].status is None
    assert "predicate" in got["self-governing Velm"].status_reason
    assert got["his support for a"].status is None
    assert "proposition" in got["his support for a"].status_reason
    # 'reiterated the importance of X': the cue and its object are the proposition
    assert got["the importance of free navigation in the strait"].status == "one_sided"


def test_a_discussion_claim_is_confirmed_by_the_other_side_raising_the_subject():
    a = Account(id="nl", side="Norland", kind="official readout",
                text="The two leaders discussed the situation in Velmland and the harbour tariffs.")
    b = Account(id="ca", side="Castavia", kind="official readout",
                text="Mara Quint said the war in Velmland must end soon through negotiations.")
    claims = [_claim(a, "The two leaders discussed the situation in Velmland and the harbour tariffs", "Norland", "readout"),
              _claim(b, "the war in Velmland must end soon through negotiations", "Castavia", "Mara Quint")]
    got = _status(claims, [a, b])
    c = got["The two leaders discussed the situation in Velmland and the harbour tariffs"]
    assert c.status == "corroborated"
    assert c.status_evidence and c.status_evidence[0].account == "ca"


def test_a_discussion_claim_whose_subject_the_other_side_never_raises_is_one_sided():
    a = Account(id="nl", side="Norland", kind="official readout",
                text="The two leaders discussed the harbour tariffs.")
    b = Account(id="ca", side="Castavia", kind="official readout",
                text="Mara Quint said the war in Velmland must end soon through negotiations.")
    claims = [_claim(a, "The two leaders discussed the harbour tariffs", "Norland", "readout"),
              _claim(b, "the war in Velmland must end soon through negotiations", "Castavia", "Mara Quint")]
    got = _status(claims, [a, b])
    assert got["The two leaders discussed the harbour tariffs"].status == "one_sided"


def test_initialisms_name_their_party():
    lex = build_lexicon({"US": ["White House"], "China": ["Xinhua"]})
    assert lex.is_party_word("U.S.") and lex.is_party_word("US")
    assert not lex.is_party_word("u.n.")


def test_each_conjoined_predicate_covered_by_the_other_side_corroborates():
    a = _account("a", "Erik Vale agreed to work together with Mara Quint and offered talks on the fishing quota.")
    b = Account(id="ca", side="Castavia", kind="official readout",
                text="Mara Quint said both leaders agreed to work together. "
                     "Mara Quint said Castavia welcomed talks on the fishing quota.")
    claims = [_claim(a, "Erik Vale agreed to work together with Mara Quint and offered talks on the fishing quota",
                     "Norland", "Erik Vale")]
    got = _status(claims, [a, b])
    c = got["Erik Vale agreed to work together with Mara Quint and offered talks on the fishing quota"]
    assert c.status == "corroborated"
    assert {e.account for e in c.status_evidence} == {"ca"}


def test_a_press_description_of_both_parties_is_not_their_joint_voice():
    a = _account("p", "Norland and Castavia are the largest fishing nations of the strait. "
                      "Erik Vale said Norland will build the largest fishing fleet of the strait.")
    claims = [_claim(a, "Norland will build the largest fishing fleet of the strait", "Norland", "Erik Vale")]
    got = _status(claims, [a])
    assert got["Norland will build the largest fishing fleet of the strait"].status == "one_sided"


def test_incompatible_figures_of_the_two_parties_contradict(tmp_path):
    import json

    from counterpoint.ingest.case import load_case
    from counterpoint.run import compare_case

    (tmp_path / "nl.txt").write_text("President Erik Vale spoke by telephone with Prime Minister Mara Quint. "
                                     "The call lasted two hours and covered the fishing quota.\n")
    (tmp_path / "ca.txt").write_text("Prime Minister Mara Quint held a telephone conversation with President Erik "
                                     "Vale. The conversation lasted about 40 minutes.\n")
    (tmp_path / "event.json").write_text(json.dumps({
        "event_id": "t", "date": "2026-03-10", "parties": PARTIES,
        "accounts": [{"id": "nl", "file": "nl.txt", "side": "Norland", "kind": "official readout", "published": "2026-03-10"},
                     {"id": "ca", "file": "ca.txt", "side": "Castavia", "kind": "official readout", "published": "2026-03-10"}]}))
    report = compare_case(load_case(tmp_path))
    contra = [c for c in report.claims if c.status == "contradicted"]
    assert {c.party for c in contra} == {"Norland", "Castavia"}
    norland = next(c for c in contra if c.party == "Norland")
    assert "40 minutes" in norland.status_reason and norland.status_evidence[0].account == "ca"


def test_background_questions_and_headings_get_no_status():
    a = _account("p", "Vale warns Castavia over trawlers\n"
                      "It is unclear if Erik Vale asked Mara Quint to free the trawler crews. "
                      "Norland has vowed to defend its fishing grounds. "
                      "Earlier versions of the strategy noted Castavian trawlers in the strait. "
                      "Erik Vale said Norland will open two new ferry routes to Castavia.")
    texts = ["Vale warns Castavia over trawlers", "Mara Quint to free the trawler crews",
             "to defend its fishing grounds", "Castavian trawlers in the strait",
             "Norland will open two new ferry routes to Castavia"]
    verbs = [None, "ask", "vow", "note", "say"]
    claims = [_claim(a, t, "Norland", "Erik Vale", verb=v) for t, v in zip(texts, verbs)]
    got = _status(claims, [a])
    assert "heading" in got[texts[0]].status_reason
    asked = got["if Erik Vale asked " + texts[1]]   # shown with its cue, and the 'if' that makes it a question
    assert "question" in asked.status_reason
    # the infinitive reads as its clause: 'Norland has vowed to defend its fishing grounds'
    vowed = got["Norland has vowed to defend its fishing grounds"]
    assert vowed.status is None and "background" in vowed.status_reason
    assert got[texts[3]].status is None and "background" in got[texts[3]].status_reason
    assert got[texts[4]].status == "one_sided"


def test_singling_out_is_confirmed_only_by_singling_out():
    a = Account(id="ca", side="Castavia", kind="official readout",
                text="Mara Quint said the trawler crews were the most important issue between the two countries.")
    b = Account(id="nl", side="Norland", kind="official readout",
                text="Erik Vale said the talks with Castavia on the trawler crews were very good and friendly.")
    claims = [_claim(a, "the trawler crews were the most important issue between the two countries", "Castavia", "Mara Quint"),
              _claim(b, "the talks with Castavia on the trawler crews were very good and friendly", "Norland", "Erik Vale")]
    got = _status(claims, [a, b])
    assert got["the trawler crews were the most important issue between the two countries"].status == "one_sided"


def test_each_listed_subject_is_a_finding_of_its_own():
    a = Account(id="nl", side="Norland", kind="official readout",
                text="The leaders also discussed the harbour tariffs, the fishing quota and the Velm railway.")
    b = Account(id="ca", side="Castavia", kind="official readout",
                text="Mara Quint said the fishing quota must be set by the coastal communities.")
    claims = [_claim(a, "The leaders also discussed the harbour tariffs, the fishing quota and the Velm railway",
                     "Norland", "readout", verb="discuss"),
              _claim(b, "the fishing quota must be set by the coastal communities", "Castavia", "Mara Quint")]
    analyses = [AccountAnalysis(account=x, claims=[c for c in claims if c.evidence[0].account == x.id], parsed=parse(x.text))
                for x in (a, b)]
    out = {c.text: c for c in assign_status(claims, analyses, PARTIES, [])}
    # each item reads as the proposition the list makes of it, its evidence the item's own words
    assert out["The leaders also discussed the fishing quota"].status == "corroborated"
    assert out["The leaders also discussed the harbour tariffs"].status == "one_sided"
    railway = out["The leaders also discussed the Velm railway"]
    assert railway.status == "one_sided" and railway.evidence[0].text == "the Velm railway"
    assert out["The leaders also discussed the harbour tariffs, the fishing quota and the Velm railway"].status is None


def test_each_side_characterising_the_exchange_corroborates_that_it_was_frank():
    a = Account(id="nl", side="Norland", kind="official readout",
                text="Erik Vale welcomed the opportunity to speak candidly and openly with Mara Quint.")
    b = Account(id="ca", side="Castavia", kind="official readout",
                text="The two leaders had a full and in-depth communication on bilateral relations.")
    c_ = Account(id="ca2", side="Castavia", kind="official readout",
                 text="The two leaders held a frank exchange on the Velmland harbour dispute.")
    claims = [_claim(a, "the opportunity to speak candidly and openly with Mara Quint", "Norland", "Erik Vale",
                     verb="welcome"),
              _claim(b, "The two leaders had a full and in-depth communication on bilateral relations", "Castavia", "readout")]
    got = _status(claims, [a, b])
    frank = got["the opportunity to speak candidly and openly with Mara Quint"]
    assert frank.status == "corroborated"
    assert "characterises the exchange" in frank.status_reason
    assert frank.status_evidence[0].account == "ca"
    # a frank exchange on a named subject says what was discussed: the other side must raise it
    claims = [_claim(a, "the opportunity to speak candidly and openly with Mara Quint", "Norland", "Erik Vale",
                     verb="welcome"),
              _claim(c_, "The two leaders held a frank exchange on the Velmland harbour dispute", "Castavia", "readout")]
    got = _status(claims, [a, c_])
    assert got["The two leaders held a frank exchange on the Velmland harbour dispute"].status == "one_sided"


def test_a_loose_did_not_mention_these_yields_to_the_other_side_saying_it_nearly_whole():
    a = Account(id="ca", side="Castavia", kind="official readout",
                text="Both sides affirmed the implementation of the October disengagement agreement on the Velm ridge.")
    b = Account(id="nl", side="Norland", kind="official readout",
                text="The envoys affirmed the implementation of the latest disengagement agreement on the Velm ridge.")
    p = _account("p", "Castavia said both sides agreed on six points, including a new trade fair. "
                      "Norland had not mentioned any of these aspects in its statement.")
    claims = [_claim(a, "Both sides affirmed the implementation of the October disengagement agreement on the Velm ridge",
                     "Castavia", "readout"),
              _claim(b, "The envoys affirmed the implementation of the latest disengagement agreement on the Velm ridge",
                     "Norland", "readout"),
              _claim(p, "both sides agreed on six points, including a new trade fair", "Castavia", "Castavia")]
    got = _status(claims, [a, b, p])
    assert got["Both sides affirmed the implementation of the October disengagement agreement on the Velm ridge"
               ].status == "corroborated"
    # what the sentence before it named is still left out by Norland
    assert got["both sides agreed on six points, including a new trade fair"].status == "one_sided"


def test_the_same_named_matter_in_other_words_is_corroborated():
    a = Account(id="ca", side="Castavia", kind="official readout",
                text="Mara Quint responded constructively to the proposal on shipping safety in the Velm Strait, "
                     "and the leaders agreed to start negotiations on such an arrangement.")
    b = Account(id="nl", side="Norland", kind="official readout",
                text="Technical negotiations on a shipping truce in the Velm Strait will begin next week.")
    c_ = Account(id="nl2", side="Norland", kind="official readout",
                 text="Erik Vale said the Velm Strait is a beautiful place for holidays.")
    text = ("Mara Quint responded constructively to the proposal on shipping safety in the Velm Strait, "
            "and the leaders agreed to start negotiations on such an arrangement")
    got = _status([_claim(a, text, "Castavia", "readout"),
                   _claim(b, "Technical negotiations on a shipping truce in the Velm Strait will begin next week",
                          "Norland", "readout")], [a, b])
    assert got[text].status == "corroborated"
    # the same place, nothing else in common: not the same matter
    got = _status([_claim(a, text, "Castavia", "readout"),
                   _claim(c_, "the Velm Strait is a beautiful place for holidays", "Norland", "Erik Vale")], [a, c_])
    assert got[text].status == "one_sided"


def test_what_a_partys_quoted_readout_says_the_leaders_agreed_is_that_partys_voice():
    text = ("\u201cThe leaders agreed that the harbour talks will begin with a fishing truce,\u201d the Norland "
            "readout stated.")
    a = _account("p", text)
    outer = "The leaders agreed that the harbour talks will begin with a fishing truce,"
    claims = [_claim(a, outer, "Norland", "Norland readout"),
              _claim(a, "the harbour talks will begin with a fishing truce", "Castavia", "Mara Quint")]
    got = _status(claims, [a])
    assert got["the harbour talks will begin with a fishing truce"].party == "Norland"
    assert got["the harbour talks will begin with a fishing truce"].speaker == "Norland readout"


def test_the_same_count_and_two_more_words_is_the_same_matter():
    a = Account(id="nl", side="Norland", kind="official readout",
                text="The leaders agreed that talks begin with a 30-day harbour and shipping truce.")
    b = Account(id="ca", side="Castavia", kind="official readout",
                text="Mara Quint proposed that both sides refrain from stopping harbour shipping for 30 days.")
    claims = [_claim(a, "The leaders agreed that talks begin with a 30-day harbour and shipping truce",
                     "Norland", "readout"),
              _claim(b, "both sides refrain from stopping harbour shipping for 30 days", "Castavia", "Mara Quint")]
    got = _status(claims, [a, b])
    c = got["The leaders agreed that talks begin with a 30-day harbour and shipping truce"]
    assert c.status == "corroborated" and "30 day" in c.status_reason


def test_restatements_of_one_proposition_share_its_status():
    a = Account(id="nl", side="Norland", kind="official readout",
                text="The leaders agreed that the talks will begin with a harbour fishing truce.")
    b = Account(id="ca", side="Castavia", kind="official readout",
                text="Mara Quint said both leaders agreed that talks will begin with a harbour fishing truce.")
    p = _account("p", "Norland said the leaders agreed the talks begin with the harbour fishing truce, as Norland wants.")
    claims = [_claim(a, "The leaders agreed that the talks will begin with a harbour fishing truce", "Norland", "readout"),
              _claim(b, "both leaders agreed that talks will begin with a harbour fishing truce", "Castavia", "Mara Quint"),
              _claim(p, "the leaders agreed the talks begin with the harbour fishing truce, as Norland wants",
                     "Norland", "Norland")]
    got = _status(claims, [a, b, p])
    statuses = {got[t].status for t in ("The leaders agreed that the talks will begin with a harbour fishing truce",
                                         "the leaders agreed the talks begin with the harbour fishing truce, as Norland wants")}
    assert statuses <= {"corroborated", None}   # one proposition, one status (a restatement may point to it)


def test_one_shared_word_does_not_make_two_claims_one_proposition():
    from counterpoint.compare import claims as claim_status
    from counterpoint.compare.voice import Statement
    a = Account(id="nl", side="Norland", kind="official readout", text="x" * 40)

    def st(terms):
        return Statement(party="Norland", account="nl", text="", span=a.span(0, 1), terms=set(terms), numbers={},
                         years=set(), months=set(), negated=set(), denial=False)

    stmts = [st({"work"}), st({"work", "visit"}), st({"visit", "moscow"}), st({"work"})]
    claims = [Claim(text=f"c{k}", party="Norland", evidence=[a.span(0, 1)]) for k in range(4)]
    idf = {"work": 1.0, "visit": 1.0, "moscow": 1.0, "__n__": 10.0}
    claim_status._group(claims, stmts, idf)
    assert claims[0].group is not None and claims[0].group == claims[3].group   # the same one word
    assert claims[1].group != claims[0].group and claims[2].group != claims[0].group


def test_the_other_side_telling_what_was_agreed_there_takes_it_that_the_meeting_took_place():
    a = Account(id="nl", side="Norland", kind="official readout",
                text="The envoys of Norland and Castavia met in Velm on Tuesday.")
    b = Account(id="ca", side="Castavia", kind="official readout",
                text="During their meeting, both sides affirmed the harbour agreement of October.")
    claims = [_claim(a, "The envoys of Norland and Castavia met in Velm on Tuesday", "Norland", "readout"),
              _claim(b, "During their meeting, both sides affirmed the harbour agreement of October", "Castavia",
                     "readout")]
    got = _status(claims, [a, b])
    c = got["The envoys of Norland and Castavia met in Velm on Tuesday"]
    assert c.status == "corroborated" and "took place" in c.status_reason
    assert c.status_evidence[0].account == "ca"


def test_both_sides_inside_one_partys_quoted_words_is_that_partys_account():
    from counterpoint.records import Quote
    text = ("The Norland readout of the call was published on Tuesday.\n\n"
            "\u201cBoth sides agreed to reopen the northern fishing grounds,\u201d")
    p = _account("p", text)
    q0 = text.index("Both")
    q = Quote(text="Both sides agreed to reopen the northern fishing grounds,", speaker="Norland readout",
              party="Norland", account="p", start=q0, end=q0 + len("Both sides agreed to reopen the northern fishing grounds,"))
    b = Account(id="ca", side="Castavia", kind="official readout", text="Mara Quint spoke about the weather.")
    a = Account(id="nl", side="Norland", kind="official readout",
                text="Erik Vale said both governments agreed to reopen the northern fishing grounds.")
    claims = [_claim(a, "both governments agreed to reopen the northern fishing grounds", "Norland", "Erik Vale")]
    analyses = [AccountAnalysis(account=a, claims=claims, parsed=parse(a.text)),
                AccountAnalysis(account=b, claims=[], parsed=parse(b.text)),
                AccountAnalysis(account=p, claims=[], quotes=[q], parsed=parse(p.text))]
    out = {c.text: c for c in assign_status(claims, analyses, PARTIES, [])}
    # Norland's own quoted readout is no report that Castavia agreed too
    assert out["both governments agreed to reopen the northern fishing grounds"].status == "one_sided"


def test_a_readout_sentence_going_on_with_a_speakers_words_keeps_the_speaker():
    a = Account(id="ca", side="Castavia", kind="official readout", outlet="Castavia News",
                text="Mara Quint pointed out that the harbour talks are at a critical stage. "
                     "The two neighbours should share the fishing grounds and respect each other. "
                     "The President of Norland thanked her for the call.\n\n"
                     "Both governments should open the northern ports to grain ships.")
    claims = [_claim(a, "the harbour talks are at a critical stage", "Castavia", "Mara Quint")]
    got = _status(claims, [a])
    assert got["The two neighbours should share the fishing grounds and respect each other."].speaker == "Mara Quint"
    # the readout narrating an act, or a new paragraph: the readout's own words
    assert got["The President of Norland thanked her for the call."].speaker == "Castavia News"
    assert got["Both governments should open the northern ports to grain ships."].speaker == "Castavia News"


def test_an_unnamed_subject_inside_a_named_speakers_words_gives_way_to_the_speaker():
    a = Account(id="ca", side="Castavia", kind="official readout",
                text="Mara Quint said the international community expects Castavia and Norland to lead on fishing.")
    claims = [_claim(a, "the international community expects Castavia and Norland to lead on fishing", "Castavia",
                     "Mara Quint"),
              _claim(a, "Castavia and Norland to lead on fishing", "Castavia", "international community")]
    got = _status(claims, [a])
    assert got["Castavia and Norland to lead on fishing"].speaker == "Mara Quint"


def test_first_person_in_a_readout_is_the_leader_whose_words_the_paragraph_gives():
    a = Account(id="ca", side="Castavia", kind="official readout", outlet="Castavia News",
                text="Mara Quint pointed out that the harbour talks are at a critical stage. "
                     "I would like to work with the President to open the northern ports.")
    claims = [_claim(a, "the harbour talks are at a critical stage", "Castavia", "Mara Quint"),
              _claim(a, "to work with the President to open the northern ports", "Castavia", "the author")]
    got = _status(claims, [a])
    assert got["to work with the President to open the northern ports"].speaker == "Mara Quint"


def test_a_report_relaying_one_partys_readout_is_its_account_of_both():
    # 'Both sides agreed ...' in a news report that relays Norland's readout (the manifest's
    # `presents`) is Norland's account of both: a Norland statement, not the press reporting both
    # sides saying it. It corroborates Castavia's claim as Norland's word, and no Norland claim.
    text = ("The Norland readout was published on Monday. Both sides agreed to review the herring "
            "quota in the autumn.")
    b = Account(id="ca", side="Castavia", kind="official readout",
                text="Mara Quint said the herring quota will be reviewed in the autumn.")
    c_claim = "the herring quota will be reviewed in the autumn"
    for presents, who in ((None, "an account of both sides"), ("Norland", "Norland (its account of both, relay)")):
        relay = Account(id="relay", side="press", presents=presents, text=text)
        n = Account(id="nl", side="Norland", kind="official readout",
                    text="Erik Vale said the herring quota must be reviewed in the autumn.")
        claims = [_claim(b, c_claim, "Castavia", "Mara Quint"),
                  _claim(n, "the herring quota must be reviewed in the autumn", "Norland", "Erik Vale")]
        got = _status(claims[:1], [relay, b])
        assert got[c_claim].status == "corroborated"
        assert got[c_claim].status_reason.startswith(who)
        # Norland's own claim: the relayed sentence is Norland's too, no evidence for it
        got = _status(claims[1:], [relay, n])
        c = got["the herring quota must be reviewed in the autumn"]
        assert (c.status == "corroborated") == (presents is None)


def test_subjects_listed_inside_a_reported_clause_are_each_a_finding():
    # the claim is the reported clause, not the sentence: its main verb is 'spoke', not 'reported'
    a = Account(id="nl", side="Norland", kind="official readout",
                text="The ministry reported that the two leaders spoke about the harbour tariffs, a prisoner "
                     "exchange and the fishing quota.")
    b = Account(id="ca", side="Castavia", kind="official readout",
                text="Mara Quint said the harbour tariffs would be cut by half.")
    claims = [_claim(a, "the two leaders spoke about the harbour tariffs, a prisoner exchange and the fishing quota",
                     "Norland", "ministry"),
              _claim(b, "the harbour tariffs would be cut by half", "Castavia", "Mara Quint")]
    got = _status(claims, [a, b])
    assert got["the two leaders spoke about the harbour tariffs, a prisoner exchange and the fishing quota"].status is None
    assert got["the two leaders spoke about the harbour tariffs"].status == "corroborated"
    assert got["the two leaders spoke about a prisoner exchange"].status == "one_sided"
    assert got["the two leaders spoke about the fishing quota"].status == "one_sided"


def test_subjects_listed_before_their_verb_take_the_verb_after_them_in_their_number():
    listed = "The harbour tariffs, the fishing quota and regional security projects were also discussed"
    a = Account(id="nl", side="Norland", kind="official readout", text=listed + ".")
    b = Account(id="ca", side="Castavia", kind="official readout",
                text="Mara Quint said the harbour tariffs would be cut by half.")
    got = _status([_claim(a, listed, "Norland", "readout"),
                   _claim(b, "the harbour tariffs would be cut by half", "Castavia", "Mara Quint")], [a, b])
    assert got["The harbour tariffs were also discussed"].status == "corroborated"
    assert got["the fishing quota was also discussed"].status == "one_sided"
    assert got["regional security projects were also discussed"].status == "one_sided"


def test_what_is_no_assertion_of_the_event_is_no_evidence_either():
    # Castavia's minister only asks whether the ports will reopen: no status of its own, and no
    # corroboration of Norland's claim that they will
    a = Account(id="nl", side="Norland", kind="official readout",
                text="Erik Vale said the northern ports will reopen to Castavian grain ships next spring.")
    b = Account(id="ca", side="Castavia", kind="official readout",
                text="Would the northern ports reopen to Castavian grain ships next spring?")
    n_claim = "the northern ports will reopen to Castavian grain ships next spring"
    claims = [_claim(a, n_claim, "Norland", "Erik Vale"),
              _claim(b, "Would the northern ports reopen to Castavian grain ships next spring?", "Castavia", "readout")]
    got = _status(claims, [a, b])
    asked = got["Would the northern ports reopen to Castavian grain ships next spring?"]
    assert asked.status is None and "question" in asked.status_reason
    assert got[n_claim].status == "one_sided"


def test_who_asked_for_the_call_is_a_proposition_of_its_own():
    # 'at the request of the latter' says more than that the call took place: the other side only
    # reporting the call leaves it one-sided; the other side saying at whose request corroborates it
    a = Account(id="ca", side="Castavia", kind="official readout",
                text="Marco Sallis spoke with Ilse Varga on the phone at the request of the latter on Tuesday.")
    b = Account(id="nl", side="Norland", kind="official readout",
                text="Ilse Varga held a telephone call with Marco Sallis on Tuesday.")
    claim = "Marco Sallis spoke with Ilse Varga on the phone at the request of the latter on Tuesday."
    claims = [_claim(a, claim, "Castavia", "readout"),
              _claim(b, "Ilse Varga held a telephone call with Marco Sallis on Tuesday.", "Norland", "readout")]
    got = _status(claims, [a, b])
    assert got[claim].status == "one_sided" and "request" in got[claim].status_reason
    # the plain occurrence is corroborated by the other side's occurrence, as before
    assert got["Ilse Varga held a telephone call with Marco Sallis on Tuesday."].status == "corroborated"
    b2 = Account(id="nl", side="Norland", kind="official readout",
                 text="At her request, Ilse Varga held a telephone call with Marco Sallis on Tuesday.")
    claims = [_claim(a, claim, "Castavia", "readout"),
              _claim(b2, "At her request, Ilse Varga held a telephone call with Marco Sallis on Tuesday.", "Norland", "readout")]
    assert _status(claims, [a, b2])[claim].status == "corroborated"


def test_the_press_telling_what_both_parties_said_is_no_one_partys_claim():
    text = ("Both the Norland foreign ministry and the Castavian foreign ministry confirmed that the northern "
            "ports will reopen to grain ships in May. The Norland foreign ministry said that Erik Vale and "
            "Mara Quint had held a long telephone call about the northern ports and the grain ships.")
    a = _account("p", text)
    both = "the northern ports will reopen to grain ships in May"
    told = "Erik Vale and Mara Quint had held a long telephone call about the northern ports and the grain ships"
    claims = [_claim(a, both, "Norland", "Norland foreign ministry", verb="confirm"),
              _claim(a, told, "Norland", "Norland foreign ministry")]
    got = _status(claims, [a])
    assert got[both].status == "corroborated" and got[both].party is None
    assert "Castavia" in got[both].speaker and "Norland" in got[both].speaker
    # the ministry telling what the two leaders did is still the ministry's (Norland's) voice
    assert got[told].party == "Norland"


def test_both_sides_in_a_readout_speak_through_the_readout():
    a = Account(id="ca", side="Castavia", kind="official readout", outlet="Castavia Prime Minister's Office",
                text="The two sides agreed to reopen the northern ports to grain ships in May.")
    claim = "to reopen the northern ports to grain ships in May"
    got = _status([_claim(a, claim, "Castavia", "two sides", verb="agree")], [a])
    whole = got["The two sides agreed " + claim]   # an infinitive reads as the clause it completes
    assert whole.speaker == "Castavia Prime Minister's Office" and whole.party == "Castavia"
    assert whole.evidence[0].text == claim   # ... and its evidence is still what was said


def test_a_press_copy_of_one_partys_words_under_both_names_is_no_second_voice():
    # the press puts both sides' names on Norland's readout wording, in quotation marks: Norland's
    # own words relayed, no report of both
    n = Account(id="nl", side="Norland", kind="official readout",
                text="The two leaders agreed to reopen the Port of Velm to commercial shipping by the end of April.")
    claim = "The two leaders agreed to reopen the Port of Velm to commercial shipping by the end of April."
    quoted = _account("p", "The two sides \u201cagreed to reopen the Port of Velm to commercial shipping by the end "
                           "of April,\u201d the paper said.")
    assert _status([_claim(n, claim, "Norland", "readout")], [n, quoted])[claim].status == "one_sided"
    # unquoted, the same words are a report of both sides (joint readouts share agreed wording)
    unquoted = _account("p", "The two sides agreed to reopen the Port of Velm to commercial shipping by the end of April.")
    assert _status([_claim(n, claim, "Norland", "readout")], [n, unquoted])[claim].status == "corroborated"
    from counterpoint.compare.claims import COPY_WORDS, _copies, _quoted
    assert _copies(_quoted(quoted.text), claim) and not _copies(_quoted(unquoted.text), claim)
    words = claim.split()
    assert not _copies(" ".join(words[:COPY_WORDS - 1]) + " and more", claim + " " + claim[::-1])


def test_a_noun_phrase_with_a_participle_is_still_a_phrase():
    # 'self-ruled' is a participle modifying the noun, not a clause's verb: the statement is a
    # fragment (never a finding), as 'Velm' alone would be; 'Castavia rules Velm' is not
    from counterpoint.analysis.freeze import parse
    from counterpoint.compare.voice import make_statement
    lexicon = build_lexicon(PARTIES)
    a = _account("a", "Castavia claims self-ruled Velm as its own territory. Castavia rules Velm.")
    doc = parse(a.text)
    phrase = [t for t in doc.tokens if 15 <= t.idx < 30]
    assert a.text[phrase[0].idx:phrase[-1].idx + len(phrase[-1].text)] == "self-ruled Velm"
    assert make_statement(phrase, "Castavia", a, lexicon, "claim").fragment
    clause = [t for t in doc.tokens if t.idx >= a.text.index("Castavia rules")]
    assert not make_statement(clause, "Castavia", a, lexicon, "claim").fragment


def test_an_unnamed_collective_in_a_leaders_words_gives_way_to_the_leader():
    a = Account(id="nl", side="Norland", kind="official readout", outlet="Norland Foreign Office",
                text="Erik Vale pointed out that the northern ports must reopen soon. Faced with a long winter, "
                     "the fishing communities expect Norland and Castavia to keep the sea lanes open.")
    claims = [_claim(a, "the northern ports must reopen soon", "Norland", "Erik Vale"),
              _claim(a, "Norland and Castavia to keep the sea lanes open", "Norland", "fishing communities")]
    got = _status(claims, [a])
    assert got["Norland and Castavia to keep the sea lanes open"].speaker == "Erik Vale"


def test_what_a_pair_agreed_as_one_of_them_tells_it_is_his_claim():
    p = _account("p", "Erik Vale said he and Mara Quint agreed that the northern ports must reopen before winter.")
    claims = [_claim(p, "the northern ports must reopen before winter", "Castavia", "Mara Quint", verb="agree")]
    got = _status(claims, [p])
    c = got["the northern ports must reopen before winter"]
    assert c.party == "Norland" and "Vale" in c.speaker


def test_a_pair_in_a_report_relaying_one_partys_readout_is_that_partys_account():
    text = "During the call on Tuesday, Erik Vale and Mara Quint agreed that the northern ports must reopen before winter."
    relay = Account(id="relay", side="press", presents="Norland", outlet="Harbour News", text=text)
    claim = "the northern ports must reopen before winter"
    got = _status([_claim(relay, claim, "Castavia", "Mara Quint", verb="agree")], [relay])
    assert got[claim].party == "Norland" and got[claim].speaker == "Harbour News"


def test_a_one_sided_claim_names_the_other_sides_nearest_statement():
    a = Account(id="nl", side="Norland", kind="official readout",
                text="Erik Vale said Norland will open a consulate in Velm and fund a new ferry line to the islands.")
    b = Account(id="ca", side="Castavia", kind="official readout",
                text="Mara Quint said the ferry timetable to the islands was discussed. "
                     "Mara Quint said the grain harvest was poor this year.")
    claims = [_claim(a, "Norland will open a consulate in Velm and fund a new ferry line to the islands", "Norland",
                     "Erik Vale"),
              _claim(b, "the ferry timetable to the islands was discussed", "Castavia", "Mara Quint"),
              _claim(b, "the grain harvest was poor this year", "Castavia", "Mara Quint")]
    got = _status(claims, [a, b])
    mine = got["Norland will open a consulate in Velm and fund a new ferry line to the islands"]
    assert mine.status == "one_sided"
    # the ferry sentence shares some of its words, too few to say it too; the harvest shares none
    assert mine.closest is not None and "ferry timetable" in mine.closest.text
    assert 0.1 <= mine.closest_cover < 0.5
    harvest = got["the grain harvest was poor this year"]
    assert harvest.status == "one_sided" and harvest.closest is None


def test_a_halt_to_strikes_in_other_words_is_the_same_ceasefire():
    a = Account(id="nl", side="Norland", kind="official readout",
                text="Erik Vale said the leaders agreed on an immediate ceasefire in the harbour.")
    mine = "the leaders agreed on an immediate ceasefire in the harbour"
    for theirs, status in (("both sides will refrain from striking the harbour", "corroborated"),
                           # stopping something that is no hostile act is no ceasefire
                           ("both sides will refrain from taxing the harbour", "one_sided")):
        b = Account(id="ca", side="Castavia", kind="official readout", text=f"Mara Quint said {theirs}.")
        got = _status([_claim(a, mine, "Norland", "Erik Vale"), _claim(b, theirs, "Castavia", "Mara Quint")], [a, b])
        assert got[mine].status == status, theirs


def test_a_relative_clause_tells_of_a_thing_outside_it_and_gets_no_status():
    a = _account("a", "Vale agreed to reopen the port, the Norland office said in its readout of the call, "
                      "which it said lasted almost two hours.")
    b = _account("b", "Mara Quint said the port would reopen in April.")
    rel = "which it said lasted almost two hours"
    claims = [_claim(a, rel, "Norland", "Norland office"),
              _claim(b, "the port would reopen in April", "Castavia", "Mara Quint")]
    got = _status(claims, [a, b])
    assert got[rel].status is None and "relative clause" in got[rel].status_reason


def test_a_content_clause_opening_with_that_is_no_relative_clause():
    # (parsed as a relative clause of 'the call': 'that' tagged a relative pronoun)
    a = _account("a", "Erik Vale claimed after the call that Castavia had promised to increase the volume of wheat "
                      "it buys from Norland.")
    b = _account("b", "Mara Quint said the port would reopen in April.")
    mine = "that Castavia had promised to increase the volume of wheat it buys from Norland"
    claims = [_claim(a, mine, "Norland", "Erik Vale"), _claim(b, "the port would reopen in April", "Castavia", "Mara Quint")]
    got = _status(claims, [a, b])
    assert got[mine].status == "one_sided"


def test_speaking_in_favour_of_something_is_a_position_not_that_the_talks_took_place():
    a = Account(id="nl", side="Norland", kind="official readout",
                text="Erik Vale spoke in favour of a swift ceasefire in the strait.")
    b = Account(id="ca", side="Castavia", kind="official readout",
                text="Mara Quint said the two leaders agreed to reopen the port of Velm.")
    mine = "Erik Vale spoke in favour of a swift ceasefire in the strait"
    claims = [_claim(a, mine, "Norland", "Erik Vale"),
              _claim(b, "the two leaders agreed to reopen the port of Velm", "Castavia", "Mara Quint")]
    got = _status(claims, [a, b])
    assert got[mine].status == "one_sided", got[mine].status_reason


def test_what_went_on_around_the_event_is_background():
    a = _account("a", "The leaders' call came as Castavia warned against Norland ships entering the strait.")
    b = _account("b", "Erik Vale said Norland ships would keep out of the strait.")
    mine = "Norland ships entering the strait"
    claims = [_claim(a, mine, "Castavia", "Castavia", verb="warn"),
              _claim(b, "Norland ships would keep out of the strait", "Norland", "Erik Vale")]
    got = _status(claims, [a, b])
    assert got[mine].status is None and "around the event ('came as" in got[mine].status_reason
    # the same warning as the event's content is a claim of it
    a = _account("a", "During the call, Castavia warned against Norland ships entering the strait.")
    claims = [_claim(a, mine, "Castavia", "Castavia", verb="warn"),
              _claim(b, "Norland ships would keep out of the strait", "Norland", "Erik Vale")]
    assert _status(claims, [a, b])[mine].status is not None


def test_a_one_sided_part_of_a_one_sided_claim_is_one_finding():
    a = _account("a", "“During the call, Vale proposed a joint survey of the fishing grounds, welcomed the plan for "
                      "new lighthouses on the coast and immediately instructed the Norland navy to withdraw from "
                      "the strait,” the Norland office said.")
    b = _account("b", "Mara Quint said the grain harvest was poor this year.")
    whole = ("During the call, Vale proposed a joint survey of the fishing grounds, welcomed the plan for new "
             "lighthouses on the coast and immediately instructed the Norland navy to withdraw from the strait")
    part = "the Norland navy to withdraw from the strait"
    claims = [_claim(a, whole, "Norland", "Norland office"), _claim(a, part, "Norland", "Erik Vale", verb="instruct"),
              _claim(b, "the grain harvest was poor this year", "Castavia", "Mara Quint")]
    got = _status(claims, [a, b])
    assert got[whole].status == "one_sided"
    part = "instructed " + part   # shown with its cue
    assert got[part].status is None and got[part].status_reason.startswith("part of claim")


def test_both_sides_in_a_report_relaying_one_partys_statement_is_that_partys_account():
    text = "Both sides agreed to reopen the northern ports before winter, the Norland statement said."
    relay = Account(id="relay", side="press", presents="Norland", outlet="Harbour News", text=text)
    claim = "to reopen the northern ports before winter"
    got = _status([_claim(relay, claim, None, "sides", verb="agree")], [relay])
    assert got[claim].party == "Norland" and got[claim].speaker == "Harbour News"
    # in a report relaying no one, 'both sides' stays no one party's
    plain = Account(id="plain", side="press", outlet="Harbour News", text=text)
    assert _status([_claim(plain, claim, None, "sides", verb="agree")], [plain])[claim].party is None



def test_the_same_act_on_the_same_thing_in_another_construction_corroborates():
    a = Account(id="nl", side="Norland", kind="official readout",
                text="It was agreed to begin negotiations to settle the remaining questions of the harbour lease.")
    b = Account(id="ca", side="Castavia", kind="official readout",
                text="Mara Quint said these negotiations will begin next week in Velm.")
    mine = "It was agreed to begin negotiations to settle the remaining questions of the harbour lease"
    got = _status([_claim(a, mine, "Norland", "Norland readout", verb="agree"),
                   _claim(b, "these negotiations will begin next week in Velm", "Castavia", "Mara Quint")], [a, b])
    assert got[mine].status == "corroborated" and "begin / negoti" in got[mine].status_reason
    # the same words doing other things are no act in common
    b = Account(id="ca", side="Castavia", kind="official readout",
                text="Mara Quint said the negotiations with the fishing guild had ended before the season could begin.")
    theirs = "the negotiations with the fishing guild had ended before the season could begin"
    got = _status([_claim(a, mine, "Norland", "Norland readout", verb="agree"),
                   _claim(b, theirs, "Castavia", "Mara Quint")], [a, b])
    assert got[mine].status == "one_sided"



def test_a_loose_did_not_mention_these_yields_to_the_other_side_saying_most_of_it():
    # 'had not mentioned any of these aspects' points loosely back at a list; the other side covering
    # the claim as much as any corroboration needs (not nearly whole) outweighs it
    def status(tail):
        a = Account(id="ca", side="Castavia", kind="official readout",
                    text=f"Both sides agreed that the border dispute should be handled so that it does not hold back "
                         f"the growth of harbour trade{tail}.")
        b = Account(id="nl", side="Norland", kind="official readout",
                    text="The envoys said the border dispute must not hold back the growth of harbour trade.")
        p = _account("p", f"Castavia said the border dispute should not hold back the growth of harbour trade{tail}. "
                          "Norland had not mentioned any of these aspects in its statement.")
        q = _account("q", " ".join(f"The weather in town {i} was mild on day {i}." for i in range(12)))
        mine = f"the border dispute should be handled so that it does not hold back the growth of harbour trade{tail}"
        got = _status([_claim(a, mine, "Castavia", "readout"),
                       _claim(b, "the border dispute must not hold back the growth of harbour trade", "Norland",
                              "readout")], [a, b, p, q])
        return got[mine].status, got[mine].status_reason
    assert status(" and fishing quotas")[0] == "corroborated"
    # with more the other side leaves out, the account's 'not mentioned' stands
    st, why = status(", fishing quotas and the lighthouse tender")
    assert st == "one_sided" and "did not confirm or mention" in why


def test_a_partys_multiword_name_is_who_not_what():
    # both sides name the parties: 'the United States' (a name the knowledge base gives the US) is
    # no content term of a statement, as 'Trump' or 'Russia' are not
    from counterpoint.compare.voice import content_tokens
    lexicon = build_lexicon({"US": ["Donald Trump"], "Russia": ["Vladimir Putin"]})
    doc = parse("Vladimir Putin said the United States will reopen the consulate archive.")
    assert [t.text for t in content_tokens(list(doc), lexicon)] == ["reopen", "consulate", "archive"]


def test_what_the_parties_should_do_is_a_position_even_in_abstract_words():
    a = Account(id="ca", side="Castavia", kind="official readout",
                text="Mara Quint said Norland and Castavia should respect each other and coexist peacefully.")
    b = Account(id="nl", side="Norland", kind="official readout", text="Erik Vale said the grain harvest was poor.")
    mine = "Norland and Castavia should respect each other and coexist peacefully"
    got = _status([_claim(a, mine, "Castavia", "Mara Quint"),
                   _claim(b, "the grain harvest was poor", "Norland", "Erik Vale")], [a, b])
    assert got[mine].status == "one_sided", got[mine].status_reason


def test_a_report_relaying_one_party_that_says_the_event_took_place_confirms_it_for_that_party():
    a = Account(id="nl", side="Norland", kind="official readout",
                text="The envoys met in Velm on Tuesday.")
    relay = Account(id="relay", side="press", presents="Castavia", outlet="Castavia Today",
                    text="The harbour talks were held in Velm on Tuesday. The weather was fine.")
    mine = "The envoys met in Velm on Tuesday"
    got = _status([_claim(a, mine, "Norland", "Norland readout")], [a, relay])
    assert got[mine].status == "corroborated" and "took place" in got[mine].status_reason
    assert got[mine].status_evidence[0].text.startswith("The harbour talks were held")


def test_a_claim_whose_words_corroborate_the_other_sides_claim_is_not_one_sided():
    a = Account(id="nl", side="Norland", kind="official readout",
                text="Erik Vale said the leaders agreed to work together on fishery patrols, and Norland will open "
                     "a consulate in Velm.")
    b = _account("b", "Mara Quint said Vale agreed to work together on fishery patrols.")
    q = _account("q", " ".join(f"The weather in town {i} was mild on day {i}." for i in range(12)))
    mine = "the leaders agreed to work together on fishery patrols, and Norland will open a consulate in Velm"
    theirs = "Vale agreed to work together on fishery patrols"
    got = _status([_claim(a, mine, "Norland", "Erik Vale"), _claim(b, theirs, "Castavia", "Mara Quint")], [a, b, q])
    assert got[theirs].status == "corroborated"
    assert got[mine].status == "corroborated" and "which these words corroborate" in got[mine].status_reason


def test_a_restatement_of_a_claim_its_mirror_corroborates_is_not_one_sided():
    a = Account(id="nl", side="Norland", kind="official readout",
                text="Erik Vale said the leaders agreed to work together on fishery patrols, and Norland will open "
                     "a consulate in Velm.")
    a2 = Account(id="nl2", side="Norland", kind="official readout",
                 text="Erik Vale said Norland will open a consulate in Velm, and the leaders agreed to work together "
                      "on patrols.")
    b = _account("b", "Mara Quint said Vale agreed to work together on fishery patrols.")
    q = _account("q", " ".join(f"The weather in town {i} was mild on day {i}." for i in range(12)))
    mine = "the leaders agreed to work together on fishery patrols, and Norland will open a consulate in Velm"
    again = "Norland will open a consulate in Velm, and the leaders agreed to work together on patrols"
    theirs = "Vale agreed to work together on fishery patrols"
    got = _status([_claim(a, mine, "Norland", "Erik Vale"), _claim(a2, again, "Norland", "Erik Vale"),
                   _claim(b, theirs, "Castavia", "Mara Quint")], [a, a2, b, q])
    assert got[mine].status == "corroborated" and "which these words corroborate" in got[mine].status_reason
    assert got[again].status != "one_sided", got[again].status_reason


def test_an_evaluation_of_the_call_is_confirmed_only_by_an_evaluation_of_how_the_exchange_went():
    a = Account(id="nl", side="Norland", kind="official readout",
                text="Erik Vale said he just had a lengthy and highly productive phone call with Mara Quint.")
    mine = "he just had a lengthy and highly productive phone call with Mara Quint"
    for theirs, corroborated in (("a lasting settlement can be achieved through peaceful negotiations", False),
                                 ("they had a frank and constructive conversation", True)):
        b = Account(id="ca", side="Castavia", kind="official readout", text=f"Mara Quint said {theirs}.")
        got = _status([_claim(a, mine, "Norland", "Erik Vale"), _claim(b, theirs, "Castavia", "Mara Quint")], [a, b])
        assert (got[mine].status == "corroborated") is corroborated, (theirs, got[mine].status_reason)



def test_need_is_no_matter_two_statements_share():
    # 'needs to end' and 'the need to end the mobilisation' share 'end' and a modal in all but form
    a = Account(id="nl", side="Norland", kind="official readout", text="Erik Vale said the blockade needs to end.")
    b = Account(id="ca", side="Castavia", kind="official readout",
                text="Mara Quint said the need to end the mobilisation is clear.")
    q = _account("q", " ".join(f"The weather in town {i} was mild on day {i}." for i in range(12)))
    mine = "the blockade needs to end"
    got = _status([_claim(a, mine, "Norland", "Erik Vale"),
                   _claim(b, "the need to end the mobilisation is clear", "Castavia", "Mara Quint")], [a, b, q])
    assert got[mine].status == "one_sided", got[mine].status_reason


def test_a_press_report_that_the_two_sides_disagree_is_no_joint_voice():
    mine = "Erik Vale signed a memorandum on joint monitoring of the Velm River with Mara Quint"
    a = _account("nl", mine + ".", side="Norland")
    p = _account("p", "Norland and Castavia gave conflicting accounts on Thursday of whether Erik Vale and "
                      "Mara Quint had signed a memorandum on joint monitoring of the Velm River.")
    got = _status([_claim(a, mine, "Norland", "Norland Foreign Office")], [a, p])
    assert got[mine].status != "corroborated"


def test_a_meeting_to_come_is_no_report_that_the_event_took_place():
    a = _account("p", "Erik Vale said the two sides will meet again on October 1.", side="press")
    b = _account("ca", "Mara Quint said Castavia remains available for genuine talks at any time.", side="Castavia")
    mine = "the two sides will meet again on October 1"
    got = _status([_claim(a, mine, "Norland", "Erik Vale", "say"),
                   _claim(b, "Castavia remains available for genuine talks at any time", "Castavia", "Mara Quint", "say")],
                  [a, b])
    assert got[mine].status != "corroborated"


def test_receiving_a_visitor_and_paying_a_visit_both_report_the_visit():
    a = _account("nl", "Foreign Minister Erik Vale today received the Foreign Minister of Castavia, Mara Quint, "
                       "who is on an official visit to Norland.", side="Norland")
    b = _account("ca", "Foreign Minister Mara Quint today paid an official visit to Norland, where she held talks "
                       "with Foreign Minister Erik Vale.", side="Castavia")
    mine = a.text.rstrip(".")
    theirs = b.text.rstrip(".")
    got = _status([_claim(a, mine, "Norland", "Norland Foreign Office"), _claim(b, theirs, "Castavia", "Castavian Palace")],
                  [a, b])
    assert got[mine].status == "corroborated" and "took place" in got[mine].status_reason
    assert got[theirs].status == "corroborated"


def test_refusing_to_pay_attackers_is_no_visit():
    from counterpoint.analysis.freeze import parse
    from counterpoint.compare.voice import _is_occurrence, build_lexicon
    doc = parse("Orlenza has not paid and will not pay the attackers.")
    assert not _is_occurrence(list(doc), build_lexicon({"Orlenza": ["Orlenza"], "ADPA": ["ADPA"]}))


def test_the_atmosphere_of_the_talks_characterises_the_exchange():
    a = _account("nl", "The talks took place in a warm and constructive atmosphere.", side="Norland")
    b = _account("ca", "Mara Quint said the two ministers had a long and open conversation on Tuesday.", side="Castavia")
    mine = "The talks took place in a warm and constructive atmosphere"
    got = _status([_claim(a, mine, "Norland", "Norland Foreign Office"),
                   _claim(b, "the two ministers had a long and open conversation on Tuesday", "Castavia", "Mara Quint", "say")],
                  [a, b])
    assert got[mine].status == "corroborated" and "characterises the exchange" in got[mine].status_reason


def test_what_a_claim_says_something_includes_is_listed_item_by_item():
    listed = "The seized cargo includes timber, diesel fuel, fishing nets and spare engine parts"
    a = Account(id="nl", side="Norland", kind="official readout", text=listed + ".")
    b = Account(id="ca", side="Castavia", kind="official readout",
                text="Mara Quint said the timber on board had been bought legally. Thank you for contacting the ministry.")
    got = _status([_claim(a, listed, "Norland", "readout"),
                   _claim(b, "the timber on board had been bought legally", "Castavia", "Mara Quint")], [a, b])
    assert got[listed].status is None
    assert got["The seized cargo includes timber"].status == "corroborated"
    assert got["The seized cargo includes diesel fuel"].status == "one_sided"


def test_a_listed_thing_named_by_nouns_is_not_raised_by_a_verb_of_the_same_stem():
    listed = "The leaders discussed the harbour tariffs, the fishing quota and contact details"
    a = Account(id="nl", side="Norland", kind="official readout", text=listed + ".")
    b = Account(id="ca", side="Castavia", kind="official readout",
                text="Mara Quint said she would keep contacting the ministry about the harbour tariffs.")
    got = _status([_claim(a, listed, "Norland", "readout"),
                   _claim(b, "she would keep contacting the ministry about the harbour tariffs", "Castavia", "Mara Quint")],
                  [a, b])
    assert got["The leaders discussed the harbour tariffs"].status == "corroborated"
    assert got["The leaders discussed contact details"].status == "one_sided"


def test_a_claim_that_is_the_list_itself_reads_each_item_with_its_verb():
    # the claim is the object of its cue 'discussed': the list, no verb of its own
    listed = "the harbour tariffs, the fishing quota, the Velm railway and many other topics"
    a = Account(id="nl", side="Norland", kind="official readout", text=f"The parties discussed {listed}.")
    b = Account(id="ca", side="Castavia", kind="official readout",
                text="Mara Quint said the fishing quota must be set by the coastal communities.")
    got = _status([_claim(a, listed, "Norland", "readout", verb="discuss"),
                   _claim(b, "the fishing quota must be set by the coastal communities", "Castavia", "Mara Quint")],
                  [a, b])
    assert got["The parties discussed the fishing quota"].status == "corroborated"
    assert got["The parties discussed the Velm railway"].status == "one_sided"
    assert got[listed].status is None


def test_an_infinitive_under_a_noun_reads_as_the_noun_phrase_that_says_whose():
    a = Account(id="nl", side="Norland", kind="official readout",
                text="He also expressed Norland's continued determination to honor its commitments in the strait.")
    claim = "to honor its commitments in the strait"
    got = _status([_claim(a, claim, "Norland", "readout", verb="determination")], [a])
    assert "Norland's continued determination " + claim in got


def test_a_light_verb_carrying_an_exchange_names_its_topic():
    # 'continued an exchange of views on X' says X came up, as 'discussed X' does
    mine = "The leaders continued an exchange of views on the situation around the Velm railway"
    a = Account(id="nl", side="Norland", kind="official readout", text=mine + ".")
    b = Account(id="ca", side="Castavia", kind="official readout",
                text="Mara Quint said the Velm railway must reopen to freight.")
    got = _status([_claim(a, mine, "Norland", "readout"),
                   _claim(b, "the Velm railway must reopen to freight", "Castavia", "Mara Quint")], [a, b])
    assert got[mine].status == "corroborated" and "Velm" in got[mine].status_reason


def test_talks_held_on_several_subjects_list_them():
    listed = "The ministers held talks on trade, fisheries and the Velm railway"
    a = Account(id="nl", side="Norland", kind="official readout", text=listed + ".")
    b = Account(id="ca", side="Castavia", kind="official readout",
                text="Mara Quint said the Velm railway must reopen to freight.")
    got = _status([_claim(a, listed, "Norland", "readout"),
                   _claim(b, "the Velm railway must reopen to freight", "Castavia", "Mara Quint")], [a, b])
    assert got["The ministers held talks on the Velm railway"].status == "corroborated"
    assert got["The ministers held talks on fisheries"].status == "one_sided"


def test_an_object_and_its_infinitive_read_with_their_cue():
    # 'Erik Vale asked [the trade minister and the transport minister] [to lead the negotiations]'
    a = Account(id="nl", side="Norland", kind="official readout",
                text="Erik Vale asked the trade minister and the transport minister to lead the negotiations.")
    claim = "the trade minister and the transport minister to lead the negotiations"
    got = _status([_claim(a, claim, "Norland", "Erik Vale", verb="ask")], [a])
    shown = got["Erik Vale asked " + claim]
    assert shown.status == "one_sided"   # a request is an act, not a question
    assert shown.evidence[0].text == claim


def test_a_claim_that_is_its_cues_object_reads_with_the_cue():
    a = Account(id="nl", side="Norland", kind="official readout",
                text="Erik Vale firmly opposes the new toll on the Velm bridge.")
    got = _status([_claim(a, "the new toll on the Velm bridge", "Norland", "Erik Vale", verb="oppose")], [a])
    shown = got["Erik Vale firmly opposes the new toll on the Velm bridge"]
    assert shown.evidence[0].text == "the new toll on the Velm bridge"


def test_the_evidence_shown_is_the_statement_most_about_the_claim():
    a = Account(id="nl", side="Norland", kind="official readout",
                text="Erik Vale said the two ministers agreed to meet again next year in Port Velm.")
    b = Account(id="ca", side="Castavia", kind="official readout",
                text="The ministers will meet the ferry operators next year in Port Velm to open a ferry link "
                     "between Port Velm and Tarn, with new berths and a customs post. The ministers will meet again "
                     "in Port Velm next year.")
    q = _account("q", " ".join(f"The weather in town {i} was mild on day {i}." for i in range(12)))
    mine = "the two ministers agreed to meet again next year in Port Velm"
    link = ("The ministers will meet the ferry operators next year in Port Velm to open a ferry link between Port Velm "
            "and Tarn, with new berths and a customs post")
    meet = "The ministers will meet again in Port Velm next year"
    got = _status([_claim(a, mine, "Norland", "Erik Vale"), _claim(b, link, "Castavia", "Mara Quint"),
                   _claim(b, meet, "Castavia", "Mara Quint")], [a, b, q])
    assert got[mine].status == "corroborated", got[mine].status_reason
    assert got[mine].status_evidence[0].text.startswith("The ministers will meet again"), got[mine].status_evidence


def test_a_negated_agreement_shows_its_not_whatever_its_subject():
    a = Account(id="ca", side="Castavia", kind="social posts", outlet="Castavia Dockers Union",
                text="No, we did NOT agree to take your offer to members. Nobody in that room said yes.")
    claim = "to take your offer to members"
    got = _status([_claim(a, claim, "Castavia", "Castavia Dockers Union", verb="agree")], [a])
    assert "we did NOT agree " + claim in got, list(got)


def test_a_denial_shows_its_verb_of_denying():
    text = ("Castavia's foreign ministry on Wednesday denied that any agreement on fishing quotas had been "
            "reached, contradicting the Norland readout.")
    a = Account(id="press", side="press", kind="news report", outlet="Meridian Ledger", text=text)
    claim = "any agreement on fishing quotas had been reached"
    c = _claim(a, claim, "Castavia", "Castavian foreign ministry", verb="deny")
    c.stance = "denial"
    got = _status([c], [a])
    assert "denied that " + claim in got, list(got)


def test_a_readout_sentence_after_a_claim_it_disputes_is_the_readouts_own():
    a = Account(id="ca", side="Castavia", kind="official readout", outlet="Castavia News",
                text="The Commission claims a turnout of 58.4%. "
                     "The protocols in our hands show that real turnout was no higher than 46%.")
    disputed = _claim(a, "a turnout of 58.4%", "Castavia", "Norland Commission", verb="claim")
    claims = [disputed.model_copy(update={"stance": "contested"})]
    got = _status(claims, [a])
    sentence = "The protocols in our hands show that real turnout was no higher than 46%."
    assert got[sentence].speaker == "Castavia News"


def test_the_items_of_a_list_a_clause_leads_are_propositions():
    a = Account(id="nl", side="Norland", kind="official readout", outlet="Norland Foreign Office",
                text="The count was not fair.\n\nWe demand:\n• a full, public recount of every ballot cast in the region;\n"
                     "• the publication of all camera footage from the count centre;\n"
                     "• the resignation of the commission chair.\n\nTopics:\n• fishing quotas\n• harbour fees\n• ferry links\n")
    b = Account(id="ca", side="Castavia", kind="official readout",
                text="Mara Quint said there is no basis for a recount across the region.")
    claims = [_claim(b, "there is no basis for a recount across the region", "Castavia", "Mara Quint")]
    got = _status(claims, [a, b])
    # 'We demand:' takes each item; a heading of topics takes none
    assert got["• the resignation of the commission chair."].status == "one_sided"
    assert got["• a full, public recount of every ballot cast in the region;"].status == "contradicted"
    assert all(c.status is None for t, c in got.items() if "harbour fees" in t)


def test_the_same_words_said_of_other_named_places_are_no_corroboration():
    a = Account(id="nl", side="Norland", kind="official readout",
                text="Erik Vale called for a full recount of every ballot cast in Osterveld Region.")
    b = Account(id="ca", side="Castavia", kind="official readout",
                text="Mara Quint said the commission ordered a recount of all ballots cast in Harrowgate district.")
    claims = [_claim(a, "a full recount of every ballot cast in Osterveld Region", "Norland", "Erik Vale", verb="call"),
              _claim(b, "the commission ordered a recount of all ballots cast in Harrowgate district", "Castavia",
                     "Mara Quint")]
    got = _status(claims, [a, b])
    assert got["a full recount of every ballot cast in Osterveld Region"].status == "one_sided"


def test_touching_a_thing_or_not_discussing_it_is_no_subject_raised():
    a = Account(id="nl", side="Norland", kind="official readout",
                text="Erik Vale said its jet never touched the drone. The two leaders touched on the harbour tariffs.")
    b = Account(id="ca", side="Castavia", kind="official readout",
                text="Mara Quint said a frigate reached the area where the drone went down and the harbour tariffs must fall.")
    claims = [_claim(a, "its jet never touched the drone", "Norland", "Erik Vale"),
              _claim(a, "The two leaders touched on the harbour tariffs", "Norland", "readout"),
              _claim(b, "a frigate reached the area where the drone went down and the harbour tariffs must fall",
                     "Castavia", "Mara Quint")]
    got = _status(claims, [a, b])
    assert got["its jet never touched the drone"].status != "corroborated"
    assert got["The two leaders touched on the harbour tariffs"].status == "corroborated"


def test_what_without_takes_is_denied():
    a = Account(id="nl", side="Norland", kind="official readout",
                text="Erik Vale said the drone was flying without a transponder near the coast.")
    b = Account(id="ca", side="Castavia", kind="official readout",
                text="Mara Quint said the drone was flying with a transponder near the coast.")
    claims = [_claim(a, "the drone was flying without a transponder near the coast", "Norland", "Erik Vale"),
              _claim(b, "the drone was flying with a transponder near the coast", "Castavia", "Mara Quint")]
    got = _status(claims, [a, b])
    assert got["the drone was flying without a transponder near the coast"].status == "contradicted"


def test_verdicts_on_one_thing_the_other_way_contradict():
    a = Account(id="nl", side="Norland", kind="official readout",
                text="Erik Vale said the people of the region voted in a free, fair and transparent election.")
    b = Account(id="ca", side="Castavia", kind="official readout",
                text="Mara Quint said this election was rigged, and everyone in the count centre knows it.")
    claims = [_claim(a, "the people of the region voted in a free, fair and transparent election", "Norland", "Erik Vale"),
              _claim(b, "this election was rigged, and everyone in the count centre knows it", "Castavia", "Mara Quint")]
    got = _status(claims, [a, b])
    assert got["this election was rigged, and everyone in the count centre knows it"].status == "contradicted"
    assert got["the people of the region voted in a free, fair and transparent election"].status == "contradicted"


def test_two_attributive_judgements_name_kinds_of_things_not_verdicts():
    a = Account(id="nl", side="Norland", kind="official readout",
                text="Erik Vale said Norland wants free trade with its neighbours in grain.")
    b = Account(id="ca", side="Castavia", kind="official readout",
                text="Mara Quint said Castavia will fight unfair trade practices in steel.")
    claims = [_claim(a, "Norland wants free trade with its neighbours in grain", "Norland", "Erik Vale"),
              _claim(b, "Castavia will fight unfair trade practices in steel", "Castavia", "Mara Quint")]
    got = _status(claims, [a, b])
    assert got["Norland wants free trade with its neighbours in grain"].status != "contradicted"


def test_a_verdict_on_what_the_pilots_did_meets_one_on_how_they_acted():
    a = Account(id="nl", side="Norland", kind="official readout",
                text="Erik Vale said the conduct of the Castavian pilots was unsafe and could have led to a crash.")
    b = Account(id="ca", side="Castavia", kind="official readout",
                text="Mara Quint said our pilot acted professionally throughout the flight.")
    claims = [_claim(a, "the conduct of the Castavian pilots was unsafe and could have led to a crash", "Norland", "Erik Vale"),
              _claim(b, "our pilot acted professionally throughout the flight", "Castavia", "Mara Quint")]
    got = _status(claims, [a, b])
    assert got["the conduct of the Castavian pilots was unsafe and could have led to a crash"].status == "contradicted"
    # a hedged verdict is none
    a2 = Account(id="nl", side="Norland", kind="official readout",
                 text="Erik Vale said the pilots could be unsafe in bad weather over the strait.")
    claims = [_claim(a2, "the pilots could be unsafe in bad weather over the strait", "Norland", "Erik Vale"),
              _claim(b, "our pilot acted professionally throughout the flight", "Castavia", "Mara Quint")]
    got = _status(claims, [a2, b])
    assert got["the pilots could be unsafe in bad weather over the strait"].status != "contradicted"


def test_thanks_said_to_the_listeners_are_no_findings_thanks_for_a_deed_are():
    a = Account(id="nl", side="Norland", kind="official readout",
                text="Thank you to everyone who voted today. Thank you, Mara, for your hospitality. "
                     "Thank you, Minister Quint, for Castavia's backing of our bid to join the Northern Compact.")
    b = Account(id="ca", side="Castavia", kind="official readout",
                text="Mara Quint said the harbour fees will fall in May.")
    claims = [_claim(b, "the harbour fees will fall in May", "Castavia", "Mara Quint")]
    got = _status(claims, [a, b])
    assert got["Thank you to everyone who voted today."].status is None
    assert got["Thank you, Mara, for your hospitality."].status is None
    assert got["Thank you, Minister Quint, for Castavia's backing of our bid to join the Northern Compact."].status \
        == "one_sided"


def test_a_claim_told_in_more_detail_than_the_other_side_calls_false_is_contradicted():
    a = Account(id="nl", side="Norland", kind="official readout",
                text="In the early hours of this morning, sacks of ballot papers from at least 30 polling stations "
                     "were burned behind the Harrowgate district commission building.")
    b = Account(id="ca", side="Castavia", kind="official readout",
                text="Claims circulating on social media that ballots were burned in Harrowgate are false.")
    claims = [_claim(a, a.text, "Norland", "Norland Foreign Office"),
              _claim(b, b.text, "Castavia", "Castavian Palace")]
    got = _status(claims, [a, b])
    assert got[a.text].status == "contradicted"
    assert "false" in got[a.text].status_reason
