"""Claims that are not assertions about the event: questions, background, the writer's
inference, joint reports, remarks about the statement itself, bare reactions. Sentences of our own
about two invented governments, Norland and Castavia."""
from __future__ import annotations

from counterpoint.analysis.freeze import parse
from counterpoint.analysis.pipeline import AccountAnalysis
from counterpoint.compare.claims import assign_status
from counterpoint.records import Account, Claim, Timex

from test_claims import by_text

PARTIES = {"Norland": ["Erik Vale", "Norland Foreign Office"], "Castavia": ["Mara Quint", "Castavian Palace"]}


def _claim(account: Account, text: str, party: str, speaker: str, verb: str | None = None) -> Claim:
    i = account.text.index(text)
    return Claim(text=text, party=party, speaker=speaker, verb=verb, evidence=[account.span(i, i + len(text))])


def _timex(account: Account, text: str, value: str) -> Timex:
    i = account.text.index(text)
    return Timex(account=account.id, start=i, end=i + len(text), text=text, type="DATE", value=value)


def _statuses(account: Account, claims: list[Claim], timexes=(), event_date=None) -> dict[str, Claim]:
    analysis = AccountAnalysis(account=account, claims=claims, timexes=list(timexes), parsed=parse(account.text))
    return by_text(assign_status(claims, [analysis], PARTIES, [], event_date=event_date))


def test_a_question_is_not_a_claim():
    a = Account(id="a", text="Has Erik Vale persuaded Castavia to lease more harbour cranes?\n"
                             "Erik Vale said Castavia will lease forty harbour cranes from Norland.")
    claims = [_claim(a, "to lease more harbour cranes", "Norland", "Erik Vale"),
              _claim(a, "Castavia will lease forty harbour cranes from Norland", "Norland", "Erik Vale")]
    got = _statuses(a, claims)
    asked = got["Has Erik Vale persuaded Castavia to lease more harbour cranes"]   # shown as its clause
    assert asked.status is None
    assert "question" in asked.status_reason
    assert got["Castavia will lease forty harbour cranes from Norland"].status == "one_sided"


def test_an_act_dated_before_the_event_is_background_but_a_later_plan_is_not():
    a = Account(id="a", text="On Monday, Erik Vale announced a new levy on Castavian copper imports. "
                             "In the call on Thursday, Erik Vale said the two would open a railway to the port in June. "
                             "Erik Vale said the copper quotas signed in 2019 must be reviewed by the ministers.")
    claims = [_claim(a, "a new levy on Castavian copper imports", "Norland", "Erik Vale", verb="announce"),
              _claim(a, "the two would open a railway to the port in June", "Norland", "Erik Vale"),
              _claim(a, "the copper quotas signed in 2019 must be reviewed by the ministers", "Norland", "Erik Vale")]
    timexes = [_timex(a, "Monday", "2031-03-10"), _timex(a, "Thursday", "2031-03-13"),
               _timex(a, "June", "2031-06"), _timex(a, "2019", "2019")]
    got = _statuses(a, claims, timexes, event_date="2031-03-13")
    levy = got["a new levy on Castavian copper imports"]
    assert levy.status is None and levy.status_reason.startswith("background: dated 2031-03-10")
    assert got["the two would open a railway to the port in June"].status == "one_sided"
    # a year inside a noun phrase ('quotas signed in 2019') does not date the claim's own act
    assert got["the copper quotas signed in 2019 must be reviewed by the ministers"].status == "one_sided"


def test_without_a_manifest_date_the_event_day_is_the_timelines_most_named_day():
    from counterpoint.compare.claims import _event_day
    from counterpoint.records import TimelineEntry
    a = Account(id="a", text="x")
    events = [TimelineEntry(date=d, text="x") for d in ["2031-03-13", "2031-03-13", "2031-03-10", "2031-03"]]
    assert str(_event_day(None, [AccountAnalysis(account=a, events=events)])) == "2031-03-13"
    assert str(_event_day("2031-01-02", [AccountAnalysis(account=a, events=events)])) == "2031-01-02"


def test_the_writers_inference_is_not_the_partys_claim():
    a = Account(id="a", text="Officials said the Castavian note was not signed by both governments, "
                             "suggesting Norland may not accept the new fishing boundaries.")
    claims = [_claim(a, "Norland may not accept the new fishing boundaries", "Castavia", "Castavian Palace")]
    c = _statuses(a, claims)["Norland may not accept the new fishing boundaries"]
    assert c.status is None and "inference" in c.status_reason


def test_a_report_voiced_by_both_parties_is_corroborated():
    a = Account(id="a", text="Both the Norland Foreign Office and the Castavian Palace confirmed "
                             "Erik Vale made no promise on the salmon quotas.")
    claims = [_claim(a, "Erik Vale made no promise on the salmon quotas", "Norland", "Norland Foreign Office")]
    c = _statuses(a, claims)["Erik Vale made no promise on the salmon quotas"]
    assert c.status == "corroborated" and "Castavia and Norland" in c.status_reason


def test_remarks_about_the_statement_itself_get_no_status():
    a = Account(id="a", text="Mara Quint said: \"There were many questions about that treaty. It is a document "
                             "anyone can read. It is on our website.\"")
    text = "There were many questions about that treaty. It is a document anyone can read. It is on our website."
    c = _statuses(a, [_claim(a, text, "Castavia", "Mara Quint")])[text]
    assert c.status is None and "statement or the question" in c.status_reason


def test_a_bare_reaction_to_the_other_sides_proposal_is_not_a_proposition():
    a = Account(id="a", text="Erik Vale proposed a joint survey of the river delta. Mara Quint welcomed the proposal. "
                             "Mara Quint responded to the proposal with a plan to dredge the delta canals.")
    claims = [_claim(a, "Mara Quint welcomed the proposal", "Castavia", "Mara Quint"),
              _claim(a, "Mara Quint responded to the proposal with a plan to dredge the delta canals",
                     "Castavia", "Mara Quint")]
    got = _statuses(a, claims)
    assert got["Mara Quint welcomed the proposal"].status is None
    assert "reaction" in got["Mara Quint welcomed the proposal"].status_reason
    # a reaction that brings content of its own stays a claim
    assert got["Mara Quint responded to the proposal with a plan to dredge the delta canals"].status == "one_sided"


def test_advice_to_the_reader_is_no_claim():
    a = Account(id="a", side="Norland",
                text="Erik Vale said the harbour data of 40,000 Castavian skippers had been taken.\n"
                     "- Change your password on any other service where you used your harbour password.\n")
    advice = "- Change your password on any other service where you used your harbour password."
    claims = [_claim(a, advice, "Norland", "Norland Foreign Office"),
              _claim(a, "the harbour data of 40,000 Castavian skippers had been taken", "Norland", "Erik Vale", "say")]
    got = _statuses(a, claims)
    assert got[advice].status is None and "instruction" in got[advice].status_reason
    assert got["the harbour data of 40,000 Castavian skippers had been taken"].status == "one_sided"


def test_a_sentence_cut_where_the_account_ends_is_no_finding():
    a = Account(id="a", text="Erik Vale said the ports will reopen in May.\n\n"
                             "Erik Vale spoke to reporters. He said he has asked the Minister of Trade, the Minister of "
                             "Transport and the Special Envoy to the Middle")
    claims = [_claim(a, "he has asked the Minister of Trade, the Minister of Transport and the Special Envoy to the Middle",
                     "Norland", "Erik Vale"),
              _claim(a, "the ports will reopen in May", "Norland", "Erik Vale")]
    got = _statuses(a, claims)
    cut = got["he has asked the Minister of Trade, the Minister of Transport and the Special Envoy to the Middle"]
    assert cut.status is None and "cut off" in cut.status_reason
    assert got["the ports will reopen in May"].status == "one_sided"


def test_a_choice_told_in_a_relative_clause_describes_its_noun():
    a = Account(id="a", text="For around 40,000 passengers who chose to save passport details for faster boarding, "
                             "passport numbers were also involved. Erik Vale said the ferry line will refund every ticket.")
    chose = Claim(text="to save passport details for faster boarding", party="Norland", speaker="around 40,000 passengers",
                  verb="choose", stance="preference",
                  evidence=[a.span(a.text.index("to save"), a.text.index("to save") + len("to save passport details for faster boarding"))])
    claims = [chose, _claim(a, "the ferry line will refund every ticket", "Norland", "Erik Vale")]
    got = _statuses(a, claims)
    assert got["to save passport details for faster boarding"].status is None
    assert "describes" in got["to save passport details for faster boarding"].status_reason


def test_a_subjunctive_with_its_subject_is_a_proposition():
    # the tagger reads 'withdraw' here as a bare verb (VB), not a present tense
    a = Account(id="a", text="Spokesperson Danel Kreuz told reporters Castavia would raise the incident at the Southern Seas "
                             "Forum next month and demanded that the other side withdraw its ships from the reef.")
    text = "the other side withdraw its ships from the reef"
    got = _statuses(a, [_claim(a, text, "Castavia", "Danel Kreuz", verb="demand")])
    assert got[text].status == "one_sided", got[text].status_reason


def test_a_cleft_sentences_it_points_forward_not_back():
    a = Account(id="a", text="The exchange is the result of many months of discreet contacts. It was the Castavian side that "
                             "approached Norland through intermediaries in April with a proposal to resume talks.")
    text = ("It was the Castavian side that approached Norland through intermediaries in April with a proposal "
            "to resume talks.")
    got = _statuses(a, [_claim(a, text, "Norland", "Norland Foreign Office")])
    c = next(iter(got.values()))
    assert "stands for something said before" not in c.status_reason, c.status_reason


def test_a_noun_that_only_heads_another_words_content_is_no_term():
    a = Account(id="a", text="Both sides reiterated that the implementation work should continue.")
    text = "the implementation work should continue"
    got = _statuses(a, [_claim(a, text, "Norland", "Norland Foreign Office", verb="reiterate")])
    assert got[text].status is None and "too little" in got[text].status_reason, got[text].status_reason
