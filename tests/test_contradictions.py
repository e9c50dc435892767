"""Where the two sides disagree: negated assertions, refutations, evaluations of opposite leaning,
and what is not a disagreement (a negation of another mood, a number that names a ship). Invented
governments, Norland and Castavia; an incident at sea rather than a call."""
from __future__ import annotations

from counterpoint.analysis.freeze import parse
from counterpoint.analysis.pipeline import AccountAnalysis
from counterpoint.compare.claims import assign_status
from counterpoint.records import Account

from test_claims import _claim, _status


def _readouts(norland: str, castavia: str) -> tuple[Account, Account]:
    return (Account(id="nl", side="Norland", kind="official readout", text=norland),
            Account(id="ca", side="Castavia", kind="official readout", text=castavia))


def _both(mine: str, theirs: str) -> dict:
    """The statuses of Norland's readout `mine` and Castavia's readout `theirs`, each one claim."""
    a, b = _readouts(mine, theirs)
    return _status([_claim(a, mine, "Norland", "readout"), _claim(b, theirs, "Castavia", "readout")], [a, b])


def _compare(tmp_path, day: str, norland: str, castavia: str):
    """The whole compare of a case of two readouts, Norland's and Castavia's, published on `day`."""
    import json

    from counterpoint.ingest.case import load_case
    from counterpoint.run import compare_case

    from test_claims import PARTIES

    (tmp_path / "nl.txt").write_text(norland)
    (tmp_path / "ca.txt").write_text(castavia)
    (tmp_path / "event.json").write_text(json.dumps({
        "event_id": "t", "date": day, "parties": PARTIES,
        "accounts": [{"id": acc, "file": f"{acc}.txt", "side": side, "kind": "official readout", "published": day}
                     for acc, side in (("nl", "Norland"), ("ca", "Castavia"))]}))
    return compare_case(load_case(tmp_path))


def test_a_negated_subject_contradicts_the_assertion_and_both_halves_say_so():
    a, b = _readouts("Three of our sailors were injured in the collision near Velm Reef.",
                     "No sailors on either side were injured in the collision near Velm Reef.")
    mine, theirs = ("Three of our sailors were injured in the collision near Velm Reef.",
                    "No sailors on either side were injured in the collision near Velm Reef.")
    got = _status([_claim(a, mine, "Norland", "readout"), _claim(b, theirs, "Castavia", "readout")], [a, b])
    assert got[mine].status == "contradicted"
    assert got[mine].status_evidence[0].account == "ca"
    assert got[theirs].status == "contradicted"
    assert got[theirs].status_evidence[0].account == "nl"


def test_calling_the_other_sides_claim_a_fabrication_contradicts_it():
    mine = "Before the collision the ferry Aster was surrounded by four Castavian patrol ships."
    theirs = "The claim that four patrol ships surrounded the ferry Aster is a fabrication."
    got = _both(mine, theirs)
    assert got[theirs].status == "contradicted"
    assert got[mine].status == "contradicted"


def test_rejecting_the_same_thing_is_agreement_not_contradiction():
    mine = "Erik Vale rejected the proposed tariff on Velm timber exports."
    theirs = "Mara Quint rejected the proposed tariff on Velm timber exports as unfair."
    got = _both(mine, theirs)
    assert got[mine].status == "corroborated"
    assert got[theirs].status == "corroborated"


def test_a_negation_of_another_mood_neither_confirms_nor_contradicts():
    # 'no notice has been served' (now) does not answer 'notice will be served on Monday' (to come)
    a, b = _readouts("The union said formal strike notice at the Velm depots would be served on Monday.",
                     "No strike notice at the Velm depots has been served.")
    mine = "formal strike notice at the Velm depots would be served on Monday"
    theirs = "No strike notice at the Velm depots has been served."
    got = _status([_claim(a, mine, "Norland", "the union"), _claim(b, theirs, "Castavia", "readout")], [a, b])
    assert got[mine].status == "one_sided"
    assert got[theirs].status == "one_sided"


def test_an_evaluation_is_not_confirmed_by_one_of_the_opposite_leaning():
    parties = {"Norland": ["Erik Vale", "Norland Coast Guard"], "Castavia": ["Mara Quint", "Castavian Coast Guard"]}
    mine = "Mara Quint's ramming of the ferry was a dangerous and unprovoked act that put the lives of our crew at risk."
    theirs = "The Castavian Coast Guard acted in a professional, restrained and standard manner."
    a, b = _readouts(mine, theirs)
    claims = [_claim(a, mine, "Norland", "readout"), _claim(b, theirs, "Castavia", "readout")]
    analyses = [AccountAnalysis(account=x, claims=[c for c in claims if c.evidence[0].account == x.id],
                                parsed=parse(x.text)) for x in (a, b)]
    got = {c.text: c for c in assign_status(claims, analyses, parties, [])}
    assert got[theirs].status != "corroborated"


def test_a_number_after_its_noun_names_a_ship_and_counts_none():
    mine = "The ferry Aster was deliberately rammed by Castavian coast guard vessel 5203 near Velm Reef."
    theirs = "Only one Castavian coast guard vessel was involved in the operation near Velm Reef."
    got = _both(mine, theirs)
    assert "5203" not in (got[theirs].status_reason or "")
    assert "5203" not in (got[mine].status_reason or "")


def test_a_relative_year_is_the_year_it_names(tmp_path):
    report = _compare(tmp_path, "2026-06-09",
                      "Erik Vale met Mara Quint in Velm. "
                      "The next joint fisheries commission will be held in Ostra in 2027.\n",
                      "Mara Quint met Erik Vale in Velm. "
                      "The two sides will hold the next joint fisheries commission in Ostra next year.\n")
    claim = next(c for c in report.claims if "2027" in c.text)
    assert claim.status == "corroborated", claim.status_reason
    assert claim.status_evidence[0].account == "ca"


def test_the_length_of_talks_that_broke_down_is_the_length_of_the_session(tmp_path):
    report = _compare(tmp_path, "2026-06-09",
                      "Erik Vale met Mara Quint in Velm. "
                      "During the session, which lasted almost seven hours, Norland tabled a new offer.\n",
                      "Mara Quint met Erik Vale in Velm. "
                      "The talks broke down after nine hours without any agreement.\n")
    nine = next(f for f in report.figures if f.text == "nine hours")
    assert nine.measures == "talks" and nine.conflict
    contra = {c.party for c in report.claims if c.status == "contradicted"}
    assert contra == {"Norland", "Castavia"}


def test_a_new_rate_is_compared_not_the_old_one_and_only_for_the_same_good(tmp_path):
    report = _compare(tmp_path, "2026-06-09",
                      "Erik Vale met Mara Quint in Velm on Tuesday.\n\n"
                      "Castavia will cut its tariff on Norland timber from 12% to 4% from January, and remove its "
                      "tariff on Norland wool.\n\nNorland will lower its tariff on Castavian wine from 10% to 5%.\n",
                      "Mara Quint met Erik Vale in Velm on Tuesday.\n\n"
                      "The two ministers agreed that the tariff on Norland timber will be reduced to 8%.\n")
    timber = next(c for c in report.claims if "timber from 12%" in c.text)
    assert timber.status == "contradicted"
    assert "4%" in timber.status_reason and "12%" not in timber.status_reason
    wine = next(c for c in report.claims if "wine" in c.text)
    assert wine.status != "contradicted"


def test_counts_of_each_partys_people_are_two_counts_not_two_versions(tmp_path):
    report = _compare(tmp_path, "2026-08-13",
                      "Erik Vale thanked the mediators on Thursday.\n\n"
                      "Fourteen Norland citizens detained in Castavia returned home on Thursday.\n",
                      "Mara Quint thanked the mediators on Thursday.\n\n"
                      "Castavia received nine citizens of Castavia, released from prisons in Norland.\n")
    assert not [c for c in report.claims if c.status == "contradicted"]


def test_not_agreeing_denies_the_agreement_the_other_side_asserts(tmp_path):
    report = _compare(tmp_path, "2026-09-17",
                      "Erik Vale met Mara Quint in Velm on Tuesday.\n\n"
                      "Castavia's negotiators agreed to put the new quota offer to their fishing fleet.\n",
                      "Mara Quint met Erik Vale in Velm on Tuesday.\n\n"
                      "Mara Quint said Castavia did not agree to put the new quota offer to its fishing fleet.\n")
    contra = {c.party for c in report.claims if c.status == "contradicted"}
    assert contra == {"Norland", "Castavia"}


def test_a_count_of_the_same_things_contradicts_though_the_sentences_differ():
    mine = "Before the collision, the ferry Aster was surrounded by four Castavian patrol ships."
    theirs = "Only one Castavian patrol vessel was involved in the operation."
    other = "The ferry Aster was carrying fuel for about 40 fishing boats."
    a = Account(id="nl", side="Norland", kind="official readout", text=other + " " + mine)
    b = Account(id="ca", side="Castavia", kind="official readout", text=theirs)
    got = _status([_claim(a, other, "Norland", "readout"), _claim(a, mine, "Norland", "readout"),
                   _claim(b, theirs, "Castavia", "readout")], [a, b])
    assert got[theirs].status == "contradicted"
    assert got[theirs].status_evidence[0].text == mine       # four patrol ships, not forty fishing boats
    assert got[mine].status == "contradicted"
    assert got[other].status != "contradicted"


def test_a_day_of_the_month_and_any_ships_are_no_count_of_these_things():
    mine = "The union agreed to meet again on 1 October, and the ferry Aster was carrying fuel for 40 fishing boats."
    theirs = "The union will strike from 5 October, and four ships blocked the harbour entrance."
    a = Account(id="nl", side="Norland", kind="official readout", text=mine)
    b = Account(id="ca", side="Castavia", kind="official readout", text=theirs)
    got = _status([_claim(a, mine, "Norland", "readout"), _claim(b, theirs, "Castavia", "readout")], [a, b])
    assert got[mine].status != "contradicted", got[mine].status_reason
    assert got[theirs].status != "contradicted", got[theirs].status_reason


def test_refusing_to_put_the_offer_to_members_answers_taking_it_back_to_them():
    # what the negotiators agreed to (the object of the commitment cue) against the refusal
    mine = "to take our offer back to their members"
    theirs = "We will not be putting this offer to members, because it is an insult."
    a, b = _readouts(f"The union's negotiators agreed {mine}.", theirs)
    got = _status([_claim(a, mine, "Norland", "Erik Vale", "agree"), _claim(b, theirs, "Castavia", "readout")], [a, b])
    mine = "The union's negotiators agreed " + mine   # shown as the clause it completes
    assert got[mine].status == "contradicted"
    assert got[mine].status_evidence[0].account == "ca"
    assert got[theirs].status == "contradicted"


def test_a_negation_about_another_thing_does_not_answer_the_claim():
    mine = "The union's negotiators agreed to take our offer back to their members."
    theirs = "We will not be putting the sick-pay scheme to a vote, because members rejected it last year."
    got = _both(mine, theirs)
    assert got[mine].status != "contradicted"


def test_a_crowd_counted_by_the_act_one_side_names_as_a_noun_and_the_other_as_a_verb():
    mine = ("Around 6,000 people took part in today's march from Almsgate Park to Veldt Square against "
            "the proposed repeal of the city's rent rules.")
    theirs = ("More than 25,000 people marched through Velm yesterday to tell the City Council to keep rent "
              "stabilisation, making it the largest housing protest this city has seen in a decade.")
    got = _both(mine, theirs)
    assert got[mine].status == "contradicted"
    assert got[theirs].status == "contradicted"


def test_a_negation_and_an_assertion_of_the_same_things_are_no_agreement():
    mine = "No payment card data of Norland customers was accessed in the breach of the booking database."
    theirs = "The booking database held payment card details of Norland customers when the breach happened."
    got = _both(mine, theirs)
    assert got[mine].status == "contradicted"
    assert got[mine].status_evidence[0].account == "ca"
    assert got[theirs].status == "contradicted"


def test_two_times_for_the_next_meeting_at_the_same_place_contradict(tmp_path):
    norland = "Erik Vale invited Mara Quint to Velmstad for their next meeting, which will take place in April."
    castavia = "Erik Vale invited Mara Quint to pay a return visit to Velmstad in the autumn."
    report = _compare(tmp_path, "2027-01-20", norland, castavia)
    by_text = {c.text: c for c in report.claims}
    mine = next(c for t, c in by_text.items() if "next meeting" in t)
    theirs = next(c for t, c in by_text.items() if "return visit" in t)
    assert mine.status == "contradicted" and theirs.status == "contradicted"
    assert "April 2027" in mine.status_reason or "autumn 2027" in mine.status_reason


def test_dates_of_different_places_or_one_within_the_other_do_not_contradict():
    from counterpoint.compare.claims import _dates_conflict
    assert not _dates_conflict({"2027-03"}, {"2027-03-01"})
    assert not _dates_conflict({"2027-10"}, {"2027-FA"})
    assert _dates_conflict({"2027-04"}, {"2027-FA"})
    assert _dates_conflict({"2027-03-01"}, {"2027-03-05"})


def test_the_opposite_form_of_an_adjective_is_the_other_version():
    mine = "The force used by Norland officers at the harbour was proportionate to the threat they faced."
    theirs = "The response of the Norland officers was disproportionate and, in our view, unlawful."
    got = _both(mine, theirs)
    assert got[mine].status == "contradicted" and "disproportionate" in got[mine].status_reason
    assert got[theirs].status == "contradicted"


def test_adjectives_that_only_look_alike_are_no_opposites():
    from counterpoint.compare.voice import opposite_adjectives
    assert opposite_adjectives({"lawful"}, {"unlawful"}) == ("lawful", "unlawful")
    assert opposite_adjectives({"tense"}, {"intense"}) is None or len("tense") >= 4   # (documented limit)
    assert opposite_adjectives({"due"}, {"undue"}) is None    # a base under four letters
    assert opposite_adjectives({"important"}, {"important"}) is None


def test_a_negated_main_verb_answers_the_other_sides_assertion_of_it():
    mine = "Nobody was allowed to leave the square, including parents with small children."
    theirs = "People who were not involved in the violence were allowed to leave through a marked exit."
    got = _both(mine, theirs)
    assert got[mine].status == "contradicted"
    assert got[theirs].status == "contradicted"


def test_opposing_efforts_to_change_is_not_changing():
    mine = "The Norland policy on the strait has not changed and will not change."
    theirs = "Castavia strongly opposes unilateral efforts to change the status quo in the strait."
    got = _both(mine, theirs)
    assert got[mine].status != "contradicted"


def test_no_document_signed_denies_the_signing(tmp_path):
    norland = "The ministers signed a memorandum of understanding on joint monitoring of the Velm River."
    castavia = "Castavian spokesman Ivo Serrat said on Thursday that no document had been signed."
    report = _compare(tmp_path, "2027-01-21", norland, castavia)   # a Thursday
    by = {c.text: c for c in report.claims}
    signed = next(c for t, c in by.items() if "memorandum of understanding" in t)
    denial = next(c for t, c in by.items() if "no document had been signed" in t)
    assert denial.status == "contradicted"
    assert signed.status == "contradicted"


def test_an_attributive_adjective_and_its_opposite_are_no_two_versions():
    mine = "Erik Vale called for a mutually acceptable solution on the Velm fishing quota."
    theirs = "Mara Quint said any unilateral quota on Velm fishing is unacceptable."
    got = _both(mine, theirs)
    assert "unacceptable" not in (got[mine].status_reason or "")


def test_a_group_of_people_doing_something_else_is_not_the_crowd():
    mine = ("At approximately 3:40pm, as the march reached Tanner Street, a group of around 200 people left the "
            "agreed route and attempted to force their way through the barriers.")
    theirs = ("More than 25,000 people marched through Velm yesterday to tell the City Council to keep rent "
              "stabilisation, making it the largest housing protest in a decade.")
    got = _both(mine, theirs)
    assert got[mine].status != "contradicted"


def test_food_for_forty_boats_is_no_count_of_the_ships_that_surrounded_them():
    mine = "The Aster was carrying food, drinking water and fuel for about 40 fishing boats sheltering near Velm Reef."
    theirs = "The claim that four Castavian ships surrounded the Aster is a fabrication."
    got = _both(mine, theirs)
    assert "40" not in (got[mine].status_reason or "")


def test_a_count_in_millions_is_the_whole_number_and_people_may_be_the_customers():
    mine = "The affected records relate to approximately 1.2 million customers who made a booking with us."
    theirs = "The compromised database held records relating to around 3.4 million people."
    got = _both(mine, theirs)
    assert got[mine].status == "contradicted"
    assert "3.4 million (not 1.2 million)" in got[mine].status_reason
    assert got[theirs].status == "contradicted"


def test_the_things_a_count_is_part_of_make_the_counts_one():
    # 'records of ... customers' and 'records on ... people': the records are what both counts are of,
    # though the verbs differ (taken, held)
    mine = "Records of about 1.2 million customers had been taken in the attack."
    theirs = "The database held records on around 3.4 million people."
    got = _both(mine, theirs)
    assert got[mine].status == "contradicted"
    assert "3.4 million (not 1.2 million)" in got[mine].status_reason
    # a group a count is of, doing something else, is still no version of the crowd
    other = _both("A group of 200 people left the agreed route at Tanner Street.",
                  "More than 25,000 people marched through the city centre.")
    assert all(c.status != "contradicted" for c in other.values())


def test_a_spelled_out_count_past_twelve_is_a_count():
    mine = "Fourteen Norlander citizens detained in Castavia returned home in the exchange on Thursday."
    theirs = "In the exchange on Thursday, twelve persons convicted by Castavian courts were handed over."
    got = _both(mine, theirs)
    assert got[mine].status == "contradicted"
    assert "12 (not 14) for persons" in got[mine].status_reason


def test_nationals_and_citizens_are_one_count():
    mine = "In return, Norland released nine Castavian nationals who had been serving sentences in Norland prisons."
    theirs = "Nine citizens of Castavia who had been held in Norland prisons returned to their homeland on Thursday."
    got = _both(mine, theirs)
    assert got[mine].status == "corroborated"
    assert "9 citizens" in got[mine].status_reason


def test_people_treated_by_other_hands_are_another_count():
    mine = "Six members of the public were treated at the scene by paramedics."
    theirs = "Our volunteer medics treated 41 people, mostly for the effects of pepper spray."
    got = _both(mine, theirs)
    assert got[mine].status != "contradicted"
    assert got[theirs].status != "contradicted"


def test_people_in_general_are_not_any_role_without_the_same_act():
    mine = "About 300 officers were deployed along the route on Saturday."
    theirs = "More than 25,000 people marched through Velm on Saturday."
    got = _both(mine, theirs)
    assert got[mine].status != "contradicted"


def test_an_earlier_day_both_sides_name_is_the_story_not_background(tmp_path):
    report = _compare(tmp_path, "2027-03-09",
                      "On 17 February, our security team detected unusual activity on the Velm harbour database. "
                      "We notified the Castavian Data Authority on 4 March.",
                      "Norland's security team first detected the intrusion into the Velm harbour database on "
                      "17 February. Norland notified the Authority on 4 March, 15 days later.")
    by_text = {c.text: c for c in report.claims}
    mine = next(c for t, c in by_text.items() if t.startswith("On 17 February"))
    assert mine.status == "corroborated", (mine.status, mine.status_reason)


def test_a_readout_sentence_with_a_small_claim_inside_is_still_a_claim(tmp_path):
    report = _compare(tmp_path, "2027-03-09",
                      "We notified the Castavian Data Authority within three days of confirming the "
                      "breach, as the law requires of every harbour operator, and we have informed the Velm "
                      "harbour police.",
                      "Castavia opened an investigation into the breach at the Velm harbour database.")
    assert any("informed the Velm harbour police" in c.text and c.status == "one_sided" for c in report.claims)


def test_talks_said_to_be_candid_characterise_the_exchange(tmp_path):
    report = _compare(tmp_path, "2027-03-09",
                      "Before the call began, Erik Vale and Mara Quint expressed their hopes that the discussion "
                      "would be candid and forthright.",
                      "The two sides had a frank and in-depth exchange of views.")
    mine = next(c for c in report.claims if c.text.startswith("Before the call"))
    assert mine.status == "corroborated", mine.status_reason


def test_a_quoted_readiness_does_not_confirm_an_evaluation(tmp_path):
    report = _compare(tmp_path, "2027-03-09",
                      "Erik Vale said the relationship with Castavia is an extremely good one, and that both "
                      "sides realise how important it is to keep it that way.",
                      "Mara Quint told Erik Vale that she was willing to \u201cwork with you to steer the relationship "
                      "steadily forward through winds and storms, and accomplish more good things\u201d.")
    mine = next(c for c in report.claims if "extremely good" in c.text)
    assert mine.status != "corroborated", mine.status_reason


def test_a_short_claim_quoted_whole_under_both_names_is_a_copy():
    from counterpoint.compare.claims import _copies
    quoted = "discussed the need to stop proliferation of strategic weapons and will engage with others"
    assert _copies(quoted, "the need to stop the proliferation of strategic weapons")
    assert not _copies(quoted, "the need to stop the fighting")        # too short to tell
    assert not _copies(quoted, "the need to curb the spread of strategic weapons")


def test_each_side_naming_the_other_as_the_one_who_rammed_contradicts():
    mine = ("At 6:40 a.m. the Norland patrol ship Aster was deliberately rammed by Castavian coast guard vessel 5203 "
            "near Velm Reef.")
    theirs = "The Norland ship then deliberately veered into the bow of our vessel 5203 near Velm Reef."
    got = _both(mine, theirs)
    assert got[mine].status == "contradicted"
    assert "says Norland did it, not Castavia" in got[mine].status_reason
    assert got[theirs].status == "contradicted"
    assert "says Castavia did it, not Norland" in got[theirs].status_reason


def test_putting_the_responsibility_on_the_other_side_answers_its_account_of_the_act():
    mine = "The Aster was deliberately rammed by Castavian vessel 5203 near Velm Reef."
    theirs = "The responsibility lies entirely with Norland."
    got = _both(mine, theirs)
    assert got[theirs].status == "contradicted"
    assert "Castavia did it" in got[theirs].status_reason


def test_acts_by_each_side_in_different_places_are_no_dispute_over_who():
    mine = "Castavian drones attacked the Norland grain port at Halden overnight."
    theirs = "Norland artillery shelled the Castavian border town of Orsk last week."
    got = _both(mine, theirs)
    assert got[mine].status != "contradicted"
    assert got[theirs].status != "contradicted"


def test_disagreeing_with_the_other_sides_conclusions_contradicts_its_findings():
    mine = "The Castavian Competition Board concluded that Norland Shipping abused its dominant position in Velm."
    theirs = "We respect the role of the Castavian Competition Board, but we firmly disagree with its conclusions."
    a = Account(id="ca", side="Castavia", kind="official readout", text=mine)
    b = Account(id="nl", side="Norland", kind="official readout", text=theirs)
    got = _status([_claim(a, mine, "Castavia", "readout"), _claim(b, theirs, "Norland", "readout")], [a, b])
    assert got[theirs].status == "contradicted", got[theirs].status_reason
    assert "rejects the conclusions of Castavia" in got[theirs].status_reason


def test_denying_wrongdoing_of_ones_own_rejects_the_other_sides_findings():
    mine = "The Castavian Competition Board concluded that Norland Shipping abused its dominant position in Velm."
    for theirs in ("We did nothing wrong, and we will make that case in court.",
                   "Norland Shipping denied any wrongdoing in the Velm harbour case.",
                   "We have not done anything wrong in Velm harbour."):
        a = Account(id="ca", side="Castavia", kind="official readout", text=mine)
        b = Account(id="nl", side="Norland", kind="official readout", text=theirs)
        got = _status([_claim(a, mine, "Castavia", "readout"), _claim(b, theirs, "Norland", "readout")], [a, b])
        assert got[theirs].status == "contradicted", (theirs, got[theirs].status_reason)
        assert "rejects the conclusions of Castavia" in got[theirs].status_reason
    # saying the other side did nothing wrong rejects nothing of it
    theirs = "The Castavian Competition Board did nothing wrong in Velm harbour."
    a = Account(id="ca", side="Castavia", kind="official readout", text=mine)
    b = Account(id="nl", side="Norland", kind="official readout", text=theirs)
    got = _status([_claim(a, mine, "Castavia", "readout"), _claim(b, theirs, "Norland", "readout")], [a, b])
    assert "rejects" not in (got[theirs].status_reason or "")


def test_disputing_an_outcome_noun_of_ones_own_is_no_rejection():
    mine = "The Castavian Competition Board fined Norland Shipping for its conduct in Velm harbour."
    theirs = "Norland Shipping will challenge its own earlier decision on the Velm harbour fees."
    got = _both(theirs, mine)
    assert got[theirs].status != "contradicted" or "rejects" not in (got[theirs].status_reason or "")


def test_a_claim_under_a_wish_word_outside_it_is_a_wish():
    a, b = _readouts("Erik Vale said he was glad to welcome his friend Mara to Halden.",
                     "Mara Quint and Erik Vale discussed the Velm fishing quota in Halden.")
    mine = "to welcome his friend Mara to Halden"
    got = _status([_claim(a, mine, "Norland", "Erik Vale"),
                   _claim(b, b.text, "Castavia", "readout")], [a, b])
    assert got[mine].status is None, got[mine].status_reason


def test_not_a_commitment_answers_committed():
    mine = "Castavia committed to buying $3.4 billion of Norland farm goods over three years."
    theirs = "The figure reflects the commercial intentions of importers, not a government commitment by Castavia."
    got = _both(mine, theirs)
    assert got[theirs].status == "contradicted", got[theirs].status_reason
    assert got[mine].status == "contradicted", got[mine].status_reason


def test_a_bare_number_taking_part_counts_people():
    mine = "Around 6,000 people took part in the march from Almsgate Park to Veldt Square."
    theirs = "The organisers said more than 25,000 took part in the march."
    got = _both(mine, theirs)
    assert got[mine].status == "contradicted", got[mine].status_reason
    assert "25,000 (not 6,000) for people" in got[mine].status_reason


def test_each_side_saying_the_other_asked_for_the_call_contradicts():
    mine = "Erik Vale spoke by telephone with Mara Quint of Castavia at the request of the latter."
    theirs = "Mara Quint spoke by telephone with Erik Vale of Norland at the request of the latter."
    got = _both(mine, theirs)
    assert got[mine].status == "contradicted", got[mine].status_reason
    assert "says Norland asked for it, not Castavia" in got[mine].status_reason


def test_the_same_side_named_as_asking_by_both_is_no_dispute():
    mine = "Erik Vale spoke by telephone with Mara Quint of Castavia at the request of the latter."
    theirs = "The call between Mara Quint and Erik Vale took place on the initiative of the Castavian side."
    got = _both(mine, theirs)
    assert got[mine].status != "contradicted", got[mine].status_reason


def test_the_initiative_coming_from_one_side_answers_the_other_sides_account():
    mine = "The initiative for the prisoner exchange at Velm came from Castavia, which had repeatedly asked for talks."
    theirs = "The prisoner exchange at Velm took place on the initiative of the Norland side."
    got = _both(mine, theirs)
    assert got[mine].status == "contradicted", got[mine].status_reason


def test_an_evaluation_is_not_confirmed_by_its_words_scattered_over_the_other_sides_statements():
    # each Castavian sentence shares a word; none makes the evaluation
    mine = "Erik Vale made a sincere and constructive effort to settle the old border dispute"
    theirs = ["Mara Quint praised the sincere efforts of the mediators",
              "the dispute over fishing rights continues",
              "the old harbour accounts were settled in cash"]
    a = Account(id="nl", side="Norland", kind="official readout", text=mine + ".")
    b = Account(id="ca", side="Castavia", kind="official readout", text=". ".join(theirs) + ".")
    got = _status([_claim(a, mine, "Norland", "readout")] + [_claim(b, t, "Castavia", "Mara Quint") for t in theirs],
                  [a, b])
    assert got[mine].status != "corroborated", got[mine].status_reason


def test_a_thing_set_against_another_denies_it():
    # 'X rather than Y' says Y was not so: against the other side's Y it is a contradiction, never agreement
    mine = "Castavian patrol ship 5203 fired its water cannon at the ferry Aster twice."
    theirs = "The Castavian patrol ship 5203 used a water spray rather than a water cannon on the ferry Aster."
    got = _both(mine, theirs)
    assert got[theirs].status == "contradicted", got[theirs].status_reason
    assert got[mine].status == "contradicted", got[mine].status_reason


def test_the_same_thing_said_to_do_the_opposite_is_two_versions_of_it():
    mine = "Berth fees at the harbour of Velm rose by up to 18% over the period."
    theirs = "The berth fees that ferry operators pay at the harbour of Velm have fallen in real terms."
    got = _both(mine, theirs)
    assert got[mine].status == "contradicted", got[mine].status_reason
    assert "opposite" in got[mine].status_reason
    assert got[theirs].status == "contradicted", got[theirs].status_reason


def test_opposite_changes_of_other_years_or_under_a_modal_are_no_dispute():
    mine = "Berth fees at the harbour of Velm rose by 18% in 2024."
    theirs = "Berth fees at the harbour of Velm fell by 5% in 2025."
    got = _both(mine, theirs)
    assert got[mine].status != "contradicted", got[mine].status_reason
    mine = "Berth fees at the harbour of Velm rose by 18% last year."
    theirs = "Berth fees at the harbour of Velm could fall next year if traffic recovers."
    got = _both(mine, theirs)
    assert got[mine].status != "contradicted", got[mine].status_reason


def test_opposite_outcomes_both_to_come_are_two_versions():
    mine = "Erik Vale said he was confident the harbour ruling will withstand any appeal."
    theirs = "Mara Quint said she was confident the harbour ruling will be overturned."
    got = _both(mine, theirs)
    assert got[mine].status == "contradicted", got[mine].status_reason
    assert "will do the opposite" in got[mine].status_reason


def test_denying_what_they_were_answers_the_other_side_calling_them_so():
    mine = "The nine men who came home on Thursday include the harbour pilot and journalist Anton Greve."
    theirs = "These men were not journalists or pilots. Their guilt was proven in open court."
    got = _both(mine, theirs)
    assert got[theirs].status == "contradicted", got[theirs].status_reason
    assert "journalist" in got[theirs].status_reason


def test_not_this_but_that_denies_only_the_first():
    from counterpoint.compare.voice import not_what_it_is
    from counterpoint.analysis.freeze import parse
    doc = parse("The talks were not negotiations but consultations.")
    neg = next(t for t in doc if t.dep_ == "neg")
    assert not_what_it_is(neg) == {"negoti"}


def test_never_agreeing_to_buy_answers_a_commitment_to_buying():
    mine = "Castavia had committed to buying $3.4 billion of Norland farm goods over three years."
    theirs = "Castavia had never agreed to purchase targets."
    got = _both(mine, theirs)
    assert got[theirs].status == "contradicted", got[theirs].status_reason
    assert got[mine].status == "contradicted", got[mine].status_reason


def test_a_request_told_in_a_readout_sentence_leaves_the_sentence_its_own_claim(tmp_path):
    report = _compare(tmp_path, "2026-03-09",
                      "Norland's ferry company was attacked last week. Customer passwords are stored in hashed form; "
                      "as a precaution, we have reset all passwords, and you will be asked to choose a new one the "
                      "next time you sign in.",
                      "Castavia's regulator said the ferry company of Norland was attacked last week.")
    texts = [c.text for c in report.claims if c.party == "Norland"]
    assert any(t.startswith("Customer passwords are stored in hashed form") for t in texts), texts


def test_a_claim_about_who_did_an_act_is_concrete_though_the_word_sounds_bad():
    mine = "Norland has not paid and will not pay the attackers."
    theirs = "Castavia's regulator fined the ferry company for the late report."
    got = _both(mine, theirs)
    assert got[mine].status == "one_sided", got[mine].status_reason


def test_a_questioners_turn_in_a_partys_transcript_is_not_that_partys_voice(tmp_path):
    report = _compare(tmp_path, "2026-05-10",
                      "Spokesperson Erik Vale's Remarks on the Incident at Velm Reef\n\n"
                      "Question: Castavia has accused a Norland patrol ship of ramming its ferry near Velm Reef "
                      "yesterday. What is your comment?\n\n"
                      "Erik Vale: The Castavian ferry entered our waters without permission and ignored our warnings.",
                      "Castavia's ministry said a Norland patrol ship rammed the ferry Aster near Velm Reef.")
    ramming = [c for c in report.claims if "ramming its ferry" in c.text]
    assert ramming and all(c.party != "Norland" for c in ramming), [(c.text, c.party, c.speaker) for c in ramming]
    assert any(c.party == "Norland" and "entered our waters" in c.text for c in report.claims)


def test_a_quote_in_a_questioners_turn_does_not_say_what_it_relays(tmp_path):
    # the question quotes the other side's claim; the transcript's party does not say it too
    report = _compare(tmp_path, "2026-05-10",
                      "Regular press briefing\n\n"
                      'Q: Sorvask also claims the ferry "had its transponders switched off" near Velm Reef. Is that true?\n\n'
                      "Spokesperson: We will publish the ferry's full track near Velm Reef tomorrow.",
                      "The ferry had its transponders switched off.")
    claim = next(c for c in report.claims if c.text.startswith("The ferry had"))
    assert claim.status != "corroborated", claim.status_reason


def test_a_negated_claim_is_not_corroborated_by_a_statement_in_another_mood():
    mine = "The Castavian jet did not come into contact with the Norland drone over Velm Reef."
    theirs = "Norland will demand compensation from Castavia for the drone lost over Velm Reef."
    got = _both(mine, theirs)
    assert got[mine].status != "corroborated", got[mine].status_reason


def test_the_same_conduct_judged_the_other_way_is_contradicted():
    mine = "Castavian pilots acted in a reckless and dangerous way against an unarmed aircraft in international airspace."
    theirs = "Our pilot acted professionally and in full accordance with international rules for the use of airspace."
    got = _both(mine, theirs)
    assert got[mine].status == "contradicted", got[mine].status_reason
    assert "judges it the other way" in got[mine].status_reason


def test_valence_of_adverbs_and_prefixed_opposites():
    from counterpoint.compare.voice import valence
    assert valence("professionally") > 1.5 and valence("professional") > 1.5   # against 'unprofessional'
    assert valence("unsafe") < -1.5                                           # against 'safe'
    # no prefix read into words that are no adjectives ('dismay', 'depress', 'disappointment')
    assert valence("may") == 0 and valence("press") == 0 and valence("appointment") == 0


def test_what_a_party_has_just_done_in_its_own_statement_is_the_event_not_background():
    a, b = _readouts("The Authority has ordered the ferry company to notify every affected passenger within ten days.",
                     "The ferry company said it would appeal against the Authority.")
    mine = "the ferry company to notify every affected passenger within ten days"
    got = _status([_claim(a, mine, "Norland", "readout", verb="order"),
                   _claim(b, "The ferry company said it would appeal against the Authority.", "Castavia", "readout")],
                  [a, b])
    assert "background" not in (got[mine].status_reason or ""), got[mine].status_reason


def test_a_day_of_the_month_is_no_count():
    mine = "We will email every affected passenger by 12 March."
    theirs = "The company must email every affected passenger and send its report by 31 March."
    got = _both(mine, theirs)
    assert "(not" not in (got[mine].status_reason or ""), got[mine].status_reason


def test_a_short_denial_answers_a_longer_claim_of_what_it_denies():
    # the denial finds the press's shorter version first; the readout's own longer one is denied too
    mine = ("Castavia committed to purchase $3.4 billion of Norland farm goods, principally soybeans, "
            "avocados and beef, over the next three years.")
    relayed = "Castavia had committed to buying $3.4 billion of Norland farm goods over three years"
    theirs = "Castavia had never agreed to purchase targets."
    a, b = _readouts(mine, theirs)
    press = Account(id="press", side="press", presents="Norland", outlet="Harbour Times",
                    text=f"{relayed}, Norland's ministry said.")
    got = _status([_claim(press, relayed, "Norland", "Norland ministry"), _claim(a, mine, "Norland", "readout"),
                   _claim(b, theirs, "Castavia", "readout")], [press, a, b])
    assert got[theirs].status == "contradicted", got[theirs].status_reason
    assert got[mine].status == "contradicted", got[mine].status_reason


def test_a_negated_verb_on_another_thing_denies_nothing():
    mine = "This conflict should never have started."
    theirs = "It was agreed to begin negotiations on the details of a ceasefire."
    got = _both(mine, theirs)
    assert got[mine].status != "contradicted", got[mine].status_reason
    assert got[theirs].status != "contradicted", got[theirs].status_reason


def test_two_figures_for_one_fact_of_another_year_contradict_each_other(tmp_path):
    # the readout's claim 'a package of measures ...' leaves out the sentence's figure, so the
    # sentence is a claim too; last year's trade is background, but two values for it disagree
    nl = ("The ministers reviewed bilateral trade, which reached US$8.6 billion last year, and agreed on a "
          "package of measures that will open new opportunities for Norland producers.")
    ca = "Trade between Castavia and Norland amounted to USD 7.9 billion in 2025."
    report = _compare(tmp_path, "2026-06-09", nl, ca)
    statuses = {c.text: c.status for c in report.claims}
    assert statuses.get(nl) == "contradicted", statuses
    assert statuses.get(ca) == "contradicted", statuses


def test_figures_of_other_years_are_no_two_versions_of_one(tmp_path):
    nl = "Trade between Norland and Castavia reached US$8.6 billion in 2024, the ministers noted."
    ca = "Trade between Castavia and Norland amounted to USD 7.9 billion in 2025."
    report = _compare(tmp_path, "2026-06-09", nl, ca)
    assert not [c for c in report.claims if c.status == "contradicted"], [(c.text, c.status_reason) for c in report.claims]


def test_saying_a_figure_is_not_so_contradicts_the_side_that_gives_it():
    mine = "Not 12%, whatever their press office says."
    theirs = "The union's current claim amounts to a 12% increase once allowances are included."
    got = _both(mine, theirs)
    assert got[mine].status == "contradicted", got[mine].status_reason
    assert got[mine].status_evidence[0].account == "ca"
    assert got[theirs].status == "contradicted", got[theirs].status_reason


def test_a_figure_said_not_to_be_so_denies_only_that_value():
    mine = "Not 12%, whatever their press office says."
    theirs = "The union's current claim amounts to a 9% increase once allowances are included."
    got = _both(mine, theirs)
    assert got[mine].status != "contradicted", got[mine].status_reason


def test_how_a_partys_people_conducted_themselves_is_a_proposition_not_an_evaluation():
    # 'Castavian Palace' is a name of the party: the subject is the party's own people
    mine = "The Castavian Palace acted in a professional, restrained and standard manner."
    theirs = "A Castavian patrol ship rammed the ferry Aster near Velm Reef on Saturday."
    got = _both(theirs, mine)
    assert got[mine].status == "one_sided", got[mine].status_reason


def test_words_that_describe_the_same_people_the_opposite_way_are_two_versions():
    mine = "The fourteen were innocent people held as bargaining chips."
    theirs = "Their guilt was proven in open court."
    got = _both(mine, theirs)
    assert got[mine].status == "contradicted", got[mine].status_reason
    assert got[theirs].status == "contradicted", got[theirs].status_reason


def test_a_negated_description_is_not_its_opposite():
    mine = "The fourteen were innocent people held as bargaining chips."
    theirs = "The court did not find them guilty of espionage."
    got = _both(mine, theirs)
    assert got[mine].status != "contradicted", got[mine].status_reason


def test_each_sentence_of_a_speakers_turn_is_a_finding_of_its_own(tmp_path):
    report = _compare(tmp_path, "2027-01-20",
                      "Joint press conference in Senna\n\n"
                      "ERIK VALE: Thank you. I want to highlight two results. First, the memorandum on joint "
                      "monitoring of the Kelda, which Minister Quint and I signed today. Second, freight will be "
                      "able to cross at Dunmere from the first of March.\n\n"
                      "MARA QUINT: Norland and Castavia share a river, a border and a great deal of history.",
                      "Castavia's ministry said that no document had been signed.")
    by_text = {c.text: c for c in report.claims}
    turn = next(c for t, c in by_text.items() if t.startswith("Thank you. I want"))
    assert turn.status is None and "each sentence" in turn.status_reason, turn.status_reason
    signed = [c for c in report.claims if c.text.startswith("First, the memorandum")]
    # the sentence is contradicted, or restates a contradicted claim of Norland's
    assert signed and (signed[0].status == "contradicted" or "restates" in (signed[0].status_reason or "")), \
        [(c.status, c.status_reason) for c in signed]
    announced = by_text["I want to highlight two results."]
    assert announced.status is None and "announcing" in announced.status_reason, announced.status_reason
    shared = by_text["Norland and Castavia share a river, a border and a great deal of history."]
    assert shared.status is None, shared.status_reason


def test_counts_of_the_places_of_different_acts_are_no_two_versions(tmp_path):
    report = _compare(tmp_path, "2027-05-02",
                      "International observers were present at 412 polling stations. "
                      "The commission received 37 complaints.",
                      "Our observers were expelled from at least 140 polling stations before the count began. "
                      "We have filed more than 600 complaints.")
    got = {c.text: c for c in report.claims}
    expelled = next(c for t, c in got.items() if "expelled" in t)
    present = next(c for t, c in got.items() if "present at 412" in t)
    assert expelled.status != "contradicted", expelled.status_reason
    assert present.status != "contradicted", present.status_reason
    complaints = next(c for t, c in got.items() if "37 complaints" in t)
    assert complaints.status == "contradicted", complaints.status_reason   # one count of one thing


def test_a_count_of_people_is_not_corroborated_by_a_statement_that_counts_none():
    mine = "At least 23 civilians were killed in a Castavian air strike on the village of Telno."
    theirs = "Castavian air force jets struck a weapons depot near the village of Telno."
    got = _both(mine, theirs)
    assert got[mine].status == "one_sided", got[mine].status_reason
    assert "count" in got[mine].status_reason


def test_a_short_denial_inside_a_longer_quote_answers_the_other_sides_claim(tmp_path):
    report = _compare(tmp_path, "2027-08-14",
                      "The strike was precise and targeted only military infrastructure.",
                      '"There was no military target in Telno. The jets hit a school that was being used as a '
                      'shelter for displaced families," Health Minister Mara Quint said.')
    got = {c.text: c for c in report.claims}
    strike = got["The strike was precise and targeted only military infrastructure."]
    assert strike.status == "contradicted", strike.status_reason
    assert any("no military target" in e.text for e in strike.status_evidence)
