"""Temporal expressions: recognition, TimeML values, tense-driven resolution, dated events.
Sentences are our own; the reference date is given as the account's publication date."""
from __future__ import annotations

import pytest

from counterpoint.analysis import timex
from counterpoint.analysis.nlp import load_pipeline
from counterpoint.records import Account, OffsetMap


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def run(nlp, text, published="2026-02-05"):  # 2026-02-05 is a Thursday
    account = Account(id="acc", text=text, published=published, offset_map=OffsetMap.identity(len(text)))
    return timex.extract(nlp(text), account)


def values(nlp, text, published="2026-02-05"):
    tx, _ = run(nlp, text, published)
    return {t.text: (t.type, t.value) for t in tx}


@pytest.mark.parametrize("sentence, expr, value", [
    # tense chooses past or future for an underspecified month
    ("The ministry announced the export ban in December.", "December", "2025-12"),
    ("The country is hosting the regional summit in December.", "December", "2026-12"),
    ("The port will reopen in November, officials said.", "November", "2026-11"),
    ("The minister discussed a planned visit to the capital in April.", "April", "2026-04"),
    ("Farmers harvested the crop in September.", "September", "2025-09"),
    # explicit direction words
    ("Prices collapsed last July.", "last July", "2025-07"),
    ("Troops held exercises in late December last year.", "late December last year", "2025-12"),
    ("Exports fell sharply last month.", "last month", "2026-01"),
    ("Negotiators met this week in Geneva.", "this week", "2026-W06"),
    ("The treaty was signed in February 2022.", "February 2022", "2022-02"),
    ("The dam was completed in 2005.", "2005", "2005"),
    ("The deficit is projected to shrink by 2030.", "2030", "2030"),
    ("The committee will meet again next year.", "next year", "2027"),
])
def test_dates_resolve_against_reference(nlp, sentence, expr, value):
    assert values(nlp, sentence)[expr] == ("DATE", value)


@pytest.mark.parametrize("sentence, value", [
    # published on a Thursday: a past-tense report looks back, an expectation looks ahead
    ("The two presidents spoke by phone on Wednesday.", "2026-02-04"),
    ("Delegations are expected to hold talks in Muscat on Friday.", "2026-02-06"),
    ("The envoy will travel to Nairobi on Monday.", "2026-02-09"),
    ("The court ruled on Monday that the law was void.", "2026-02-02"),
    ("The minister said on Thursday that talks had stalled.", "2026-02-05"),
])
def test_weekdays(nlp, sentence, value):
    tx, _ = run(nlp, sentence)
    days = [t for t in tx if t.type == "DATE" and t.value.count("-") == 2]
    assert [t.value for t in days] == [value]


def test_day_words_and_partial_dates(nlp):
    v = values(nlp, "Yesterday the bank cut rates; on March 3 it will review them, and tomorrow it meets lenders.")
    assert v["Yesterday"] == ("DATE", "2026-02-04")
    assert v["March 3"] == ("DATE", "2026-03-03")
    assert v["tomorrow"] == ("DATE", "2026-02-06")


@pytest.mark.parametrize("sentence, expr, typ, value", [
    ("The four-year war left the region in ruins.", "four-year", "DURATION", "P4Y"),
    ("The call lasted two hours.", "two hours", "DURATION", "PT2H"),
    ("Output has doubled over the past three years.", "the past three years", "DURATION", "P3Y"),
    ("The strike lasted 2 1/2 years.", "2 1/2 years", "DURATION", "P2Y6M"),
    ("Inspectors visit the plant every week.", "every week", "SET", "P1W"),
    ("The index is published monthly.", "monthly", "SET", "P1M"),
    ("Unemployment rose in the 1990s.", "the 1990s", "DATE", "199"),
    ("The bank made a profit in the third quarter.", "the third quarter", "DATE", "2025-Q3"),
    ("Prices are rising now.", "now", "DATE", "PRESENT_REF"),
    ("Sales usually peak this summer.", "this summer", "DATE", "2026-SU"),
    ("The riots happened late at night, and the army moved in Saturday night.", "Saturday night", "TIME", "2026-01-31TNI"),
])
def test_timeml_values(nlp, sentence, expr, typ, value):
    assert values(nlp, sentence)[expr] == (typ, value)


def test_ages_and_modal_may_are_not_timexes(nlp):
    v = values(nlp, "A 6-year-old boy may attend the fair, the mayor said.")
    assert v == {}


def test_offsets_point_into_the_text(nlp):
    text = "After talks on Tuesday, the ministers agreed to meet again in the spring of 2027."
    tx, _ = run(nlp, text)
    assert tx and all(text[t.start:t.end] == t.text for t in tx)
    assert {t.value for t in tx} == {"2026-02-03", "2027-SP"}


def test_reference_date_from_text_when_unpublished(nlp):
    text = "Beijing, February 4, 2026. The two leaders spoke on Wednesday about trade and agreed to meet in April."
    tx, events = run(nlp, text, published=None)
    v = {t.text: t.value for t in tx}
    assert v["Wednesday"] == "2026-02-04"
    assert v["April"] == "2026-04"
    assert timex.latest_full_date("Filed 3 March 2024; updated March 5, 2024.").isoformat() == "2024-03-05"


def test_events_one_per_dated_happening(nlp):
    text = ("The foreign ministers met in Geneva on Wednesday. The war has lasted four years. "
            "Protests that were held between December and early January left dozens injured.")
    _, events = run(nlp, text)
    by_date = {e.date: e for e in events}
    assert set(by_date) == {"2026-02-04", "2025-12"}
    meeting = by_date["2026-02-04"]
    assert meeting.tense == "past" and meeting.accounts == ["acc"]
    assert meeting.evidence[0].text == meeting.text and "Geneva" in meeting.text
    assert by_date["2025-12"].end == "2026-01"


def test_clause_of_a_sentence_with_two_dates(nlp):
    text = "The president, who visited Tokyo in October, said on Wednesday that he would return."
    _, events = run(nlp, text)
    dates = sorted(e.date for e in events)
    assert dates == ["2025-10", "2026-02-04"]
    october = next(e for e in events if e.date == "2025-10")
    assert "Tokyo" in october.text and "said" not in october.text


def test_range_shares_its_written_year(nlp):
    v = values(nlp, "Exports were halted between March and May 2020, and again from November to February 2022.")
    assert v["March"] == ("DATE", "2020-03")
    assert v["May 2020"] == ("DATE", "2020-05")
    assert v["November"] == ("DATE", "2021-11")


def test_no_reference_date_leaves_relative_values_open(nlp):
    tx, events = run(nlp, "The envoys met on Tuesday and again in March.", published=None)
    assert {t.value for t in tx} == {"XXXX-WXX-2", "XXXX-03"}
    assert events == []


@pytest.mark.parametrize("sentence, expr, typ, value", [
    # a weekday with a part of the day is a TIME; in the plural, a recurrence
    ("Protesters gathered outside the embassy on Tuesday night.", "Tuesday night", "TIME", "2026-02-03TNI"),
    ("The ferry to the island sails on Friday evenings.", "Friday evenings", "SET", "XXXX-WXX-5TEV"),
    # a modal perfect looks back; 'is to' looks ahead
    ("The storm may have damaged the bridge on Monday.", "Monday", "DATE", "2026-02-02"),
    ("The minister is to visit Paris on Monday.", "Monday", "DATE", "2026-02-09"),
    # 'would' fixes no direction: the nearer Saturday
    ("The envoy said he would travel to Cairo on Saturday.", "Saturday", "DATE", "2026-02-07"),
    # a gerund after 'began' does not look ahead the way an infinitive after 'agreed' would
    ("The company began selling its shares in November.", "November", "DATE", "2025-11"),
    # 'set for' plans; 'set on' records
    ("Diplomats discussed the referendum set for January.", "January", "DATE", "2027-01"),
    ("The index fell below the record set on January 6.", "January 6", "DATE", "2026-01-06"),
    # a twelve-month period ending on a date is a duration; 'this year through August' is the year
    ("Revenue rose in the year ended March 31.", "the year", "DURATION", "P1Y"),
    ("The fund has lost money this year through August.", "this year", "DATE", "2026"),
])
def test_tense_and_extent_rules(nlp, sentence, expr, typ, value):
    assert values(nlp, sentence)[expr] == (typ, value)


def test_day_dates_stay_near_the_report(nlp):
    # news leaves out the year of a date within months of the report: a past-tense verb
    # does not push 'Nov. 10' a year back when it is eight days ahead
    v = values(nlp, "The board has set Nov. 10 as the deadline for rival bids.", published="2026-11-02")
    assert v["Nov. 10"] == ("DATE", "2026-11-10")
    v = values(nlp, "The carrier reported a loss for the year ended March 31.", published="2026-10-20")
    assert v["March 31"] == ("DATE", "2026-03-31")


def test_anaphora_follows_the_story(nlp):
    text = ("The mill opened on May 3, 2019. Earlier that day, workers had blocked the gate. "
            "The owners sold it later that year, and the following year it closed. "
            "Shares closed at 120 on Friday, up from 110 the previous Friday.")
    v = values(nlp, text)
    assert v["Earlier that day"] == ("DATE", "2019-05-03")
    assert v["later that year"] == ("DATE", "2019")
    assert v["the following year"] == ("DATE", "2020")
    assert v["Friday"] == ("DATE", "2026-01-30")
    assert v["the previous Friday"] == ("DATE", "2026-01-23")


def test_an_offset_beside_a_date_restates_the_date(nlp):
    # the offset counts from a date given earlier (4 March), not from the one beside it
    text = ("The company notified the regulator on 4 March. Its team first detected the intrusion on "
            "17 February, 15 days earlier. - 27 February: I emailed them. - 5 March, six days later: "
            "a reply came. Two weeks later, on 19 March, it wrote again. Three days later the site closed.")
    v = values(nlp, text, published="2027-03-20")
    assert v["15 days earlier"] == ("DATE", "2027-02-17")
    assert v["six days later"] == ("DATE", "2027-03-05")
    assert v["Two weeks later"] == ("DATE", "2027-03-19")
    assert v["Three days later"] == ("DATE", "2027-03-22")   # no date beside it: counted on


def test_a_quarter_anchors_comparisons_only_nearby(nlp):
    near = "The brewer earned $5 million in the third quarter, up from $4 million a year earlier."
    assert values(nlp, near)["a year earlier"] == ("DATE", "2024-Q3")
    filler = " ".join(["The brewer also opened a new plant in the north and hired more staff for it."] * 12)
    far = f"The brewer earned $5 million in the third quarter. {filler} Its debt was lower than a year earlier."
    assert values(nlp, far)["a year earlier"] == ("DATE", "2025")


def test_a_date_already_past_is_past_whatever_the_clause(nlp):
    text = ("On 10 March 2026, Prime Minister Piet Orsen spoke with President Anna Linn. He urged Estmark to release "
            "the trawler Vesta and its crew of 14, detained by the Estmark coast guard last month.")
    _, events = run(nlp, text, published="2026-03-10")
    last_month = [e for e in events if e.date == "2026-02"]
    assert last_month and all(e.tense == "past" for e in last_month)


@pytest.mark.parametrize("sentence, expr, value", [
    ("Freight will be able to cross from the first of March.", "the first of March", "2026-03-01"),
    ("The treaty was signed on the twenty-third of May 2024.", "the twenty-third of May 2024", "2024-05-23"),
    ("Two weeks ago today, a seller put the data up for sale.", "Two weeks ago today", "2026-01-22"),
])
def test_ordinal_days_and_a_span_ago_today(nlp, sentence, expr, value):
    assert values(nlp, sentence)[expr] == ("DATE", value)


def test_the_year_in_a_laws_name_dates_nothing(nlp):
    got = values(nlp, "The company was fined under the Data Protection Act 2017 last year.")
    assert "2017" not in got
    assert got["last year"] == ("DATE", "2025")
    assert values(nlp, "The law changed in 2017.")["2017"] == ("DATE", "2017")


def test_a_season_under_an_infinitive_of_an_invitation_lies_ahead(nlp):
    got = values(nlp, "Erik Vale invited Mara Quint to pay a return visit to Velmstad in the autumn.", "2027-01-20")
    assert got["the autumn"] == ("DATE", "2027-FA")
    assert values(nlp, "They met in the autumn.", "2027-01-20")["the autumn"] == ("DATE", "2026-FA")


def test_a_weekday_of_an_infinitive_a_present_verb_points_ahead_is_ahead(nlp):
    # published on a Monday: the rally the statement calls people to is next Saturday, not the last
    got = values(nlp, "We call on our supporters to join a peaceful rally in the square on Saturday at noon.",
                 published="2027-05-17")
    assert got["Saturday"] == ("DATE", "2027-05-22")
    # noon after a named day is that day's noon, as a clock time is
    assert got["noon"] == ("TIME", "2027-05-22T12:00")
    # a dynamic present alone stays a weak cue: the nearer Saturday
    got = values(nlp, "Farmers protest in the square on Saturday.", published="2027-05-17")
    assert got["Saturday"] == ("DATE", "2027-05-15")
