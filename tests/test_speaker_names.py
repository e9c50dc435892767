"""Speaker names as a reader would write them: a place and its demonym never doubled, relative
pronouns and document nouns never speakers of their own, office descriptions tied to their party.
Written with invented places the knowledge base does not know, so the text alone must tell."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from counterpoint.analysis import attribution
from counterpoint.analysis.nlp import load_pipeline
from counterpoint.analysis.speakers import DOC_NOUNS, RELATIVE
from counterpoint.records import Account, OffsetMap

ROOT = Path(__file__).resolve().parents[1]
PARTIES = {"Estmark": ["Anna Linn"], "Valdoria": ["Piet Orsen"]}
INTRO = ("President Anna Linn of Estmark spoke with Prime Minister Piet Orsen of Valdoria on Monday. "
         "Valdoria's Prime Minister Piet Orsen called it useful. ")


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def speakers_of(nlp, text, parties=PARTIES):
    acc = Account(id="t", text=text, offset_map=OffsetMap.identity(len(text)))
    quotes, claims, _ = attribution.extract(nlp(text), acc, parties)
    return {c.text: (c.speaker, c.party) for c in list(claims) + list(quotes)}


def find(got, fragment):
    hits = [v for k, v in got.items() if fragment in k]
    assert hits, f"nothing with {fragment!r} in {got}"
    return hits[0]


def test_a_company_or_union_party_speaks_as_itself_not_as_a_government(nlp):
    parties = {"Brenmoor": ["Brenmoor Logistics", "Owen Trelawny"], "ADWU": ["ADWU", "Rosa Kettering"]}
    got = speakers_of(nlp, "Brenmoor Logistics held pay talks with the ADWU union on Tuesday. "
                           "Brenmoor said its offer is worth 4.5% this year.", parties)
    speaker, party = find(got, "its offer is worth")
    assert party == "Brenmoor" and "government" not in speaker


def test_both_as_a_subject_is_the_two_parties_not_the_last_speaker(nlp):
    got = speakers_of(nlp, INTRO + "The Estmark government said trade grew. "
                                   "Both say the tariff on timber is coming down.")
    speaker, party = find(got, "tariff on timber")
    assert party is None and "Estmark" not in speaker


def test_place_speaking_is_its_government_not_doubled(nlp):
    got = speakers_of(nlp, INTRO + "Estmark described a two-hour conversation.")
    assert find(got, "two-hour conversation") == ("Estmark government", "Estmark")


def test_demonym_body_keeps_the_demonym_once(nlp):
    got = speakers_of(nlp, INTRO + "The Valdorian trade ministry has not confirmed the tariff cut announced by Estmark.")
    speaker, party = find(got, "tariff cut")
    assert speaker == "Valdorian trade ministry" and party == "Valdoria"


def test_possessive_place_body_with_its_own_modifier(nlp):
    text = INTRO + ("The Valdorian trade ministry has not confirmed the tariff cut. "
                    "Valdoria's foreign ministry on Wednesday denied that any agreement on grain had been reached.")
    speaker, party = find(speakers_of(nlp, text), "agreement on grain")
    assert speaker == "Valdorian foreign ministry" and party == "Valdoria"  # not the trade ministry named before


def test_office_description_gets_the_party_of_its_demonym(nlp):
    text = INTRO + "The Valdorian prime minister's office said the call lasted about 40 minutes."
    speaker, party = find(speakers_of(nlp, text), "40 minutes")
    assert party == "Valdoria"
    assert speaker == "Valdorian prime minister's office"


def test_document_of_a_place_speaks_for_it(nlp):
    text = INTRO + "Estmark's account of the call did not mention the grain deal."
    speaker, party = find(speakers_of(nlp, text), "grain deal")
    assert speaker == "Estmark government" and party == "Estmark"


def test_a_document_nobody_issued_is_no_speaker(nlp):
    got = speakers_of(nlp, "The statement said the port would reopen in April.", {})
    assert all((s or "").lower() not in DOC_NOUNS for s, _ in got.values())


def test_relative_pronoun_is_never_a_speaker(nlp):
    text = INTRO + "The leaders met the press, which said the talks had been long."
    got = speakers_of(nlp, text)
    assert all((s or "").lower() not in RELATIVE for s, _ in got.values())


def _bad_name(name: str, places: set[str]) -> bool:
    words = name.split()
    low = name.lower()
    stems = [w.lower()[:5] for w in words if w[:1].isupper()]
    doubled = any(stems.count(s) > 1 for s in stems)  # "Norland Norland", "Castavia Castavian"
    return doubled or low in RELATIVE or low in DOC_NOUNS or low in {"account", "readout"}


def test_example_case_has_no_garbled_speakers():
    import counterpoint

    report = counterpoint.compare(str(ROOT / "examples" / "harbour-call"))
    names = {x.speaker for x in list(report.quotes) + list(report.claims) if x.speaker}
    bad = [n for n in names if _bad_name(n, set(report.parties))]
    assert not bad, bad
    # office descriptions carry their party
    for c in report.claims:
        if c.speaker and re.search(r"\b(office|ministry|government)\b", c.speaker):
            assert c.party, c.speaker


def test_he_opening_a_sentence_continues_the_previous_subject(nlp):
    # 'he' is the person the previous sentence is about (its subject), not the last man who spoke
    text = ("Karl Berg said the northern ports matter most. Piet Orsen heaped praise on the Estmark "
            "president in a long post.\n\nHe said they \"both agreed, we want to reopen the ports before the winter.\"")
    got = speakers_of(nlp, text)
    assert find(got, "reopen the ports")[0] == "Piet Orsen"
    assert find(got, "northern ports matter")[0] == "Karl Berg"


def test_the_outlet_not_the_call_is_the_channel(nlp):
    text = ("Piet Orsen told Anna Linn on the Wednesday phone call to handle any arms sales with prudence, "
            "according to Valdorian state media.")
    acc = Account(id="t", text=text, offset_map=OffsetMap.identity(len(text)))
    quotes, claims, _ = attribution.extract(nlp(text), acc, PARTIES)
    c = next(c for c in claims if "prudence" in c.text)
    assert c.speaker == "Piet Orsen" and c.channel == "Valdorian state media"


def test_evidence_that_indicates_something_is_no_speaker(nlp):
    parties = {"ADPA": ["Aldmere Data Protection Authority", "Hedda Lorne"], "Orlenza": ["Orlenza Travel Group"]}
    got = speakers_of(nlp, "The Aldmere Data Protection Authority opened an inquiry on Friday. "
                           "Information provided to the Authority indicates that the database held 3.4 million records. "
                           "Hedda Lorne said the company had waited 15 days.", parties)
    assert not any(sp and sp[0] == "Information" for sp in got.values())
    assert find(got, "waited 15 days")[0] == "Hedda Lorne"


def test_a_company_party_is_no_place_a_title_ties_someone_to(nlp):
    parties = {"Orlenza": ["Orlenza Travel Group", "Clara Vintsen"], "ADPA": ["Aldmere Data Protection Authority"]}
    got = speakers_of(nlp, "Orlenza spokesperson Clara Vintsen told reporters the cards had expired. "
                           "Orlenza disclosed the breach last Tuesday, saying records of about 1.2 million "
                           "customers had been taken.", parties)
    speaker, party = find(got, "1.2 million customers")
    assert party == "Orlenza" and "government" not in speaker


@pytest.mark.parametrize("heading", ["Statement following disorder at Veldt Square",
                                     "Sunday 15 November 2026 · Press statement"])
def test_a_place_or_a_date_in_a_statement_heading_is_no_speaker(nlp, heading):
    from counterpoint.analysis.structure import _speaker_tokens
    assert _speaker_tokens(nlp(heading), 0, len(heading)) is None


@pytest.mark.parametrize("heading, who", [("Remarks by Foreign Minister Anika Voss", "Foreign Minister Anika Voss"),
                                          ("Trump's Statement", "Trump")])
def test_who_a_statement_heading_names(nlp, heading, who):
    from counterpoint.analysis.structure import _speaker_tokens
    assert _speaker_tokens(nlp(heading), 0, len(heading)).text == who


def test_a_question_label_names_no_speaker_and_a_places_television_shows(nlp):
    parties = {"Pellandria": ["Anwen Tarrow"], "Merovia": ["Lidia Orsat"]}
    got = speakers_of(nlp, "Question: Merovia has accused a Pellandrian ship of ramming its vessel. What is your comment?\n\n"
                           "Anwen Tarrow: The Merovian ship veered into our vessel.\n\n"
                           "President Ilian Sarovic greeted the crew at the airfield, Pellandrian television showed.",
                      parties)
    assert not any(sp and sp[0] == "Question" for sp in got.values())
    assert find(got, "greeted the crew")[0] == "Pellandrian television"


def test_a_crowd_marching_to_tell_the_council_is_no_statement(nlp):
    parties = {"Velm Police": ["Velm Metropolitan Police"], "VHAC": ["Velm Housing Action Coalition"]}
    got = speakers_of(nlp, "More than 25,000 people marched through Velm yesterday to tell the City Council to keep "
                           "rent stabilisation. The coalition said the march was peaceful.", parties)
    assert not any("City Council to keep" in text for text in got)
    assert find(got, "the march was peaceful")


def test_a_name_after_an_office_title_leaves_the_title_out(nlp):
    parties = {"Calvera": ["Lucía Arvelo"], "Norhavn": ["Henrik Saltvik"]}
    text = ("Vesterholm, 9 June 2026 — Minister of Commerce and Industry Lucía Arvelo and Norhavn's Minister of "
            "Trade Henrik Saltvik today co-chaired the Joint Trade Commission. "
            '"Norhavn has shown it is a reliable partner," said Arvelo.')
    acc = Account(id="t", text=text, offset_map=OffsetMap.identity(len(text)))
    _, _, mentions = attribution.extract(nlp(text), acc, parties)
    assert "Lucía Arvelo" in {m.text for m in mentions}
    assert not any(m.text.startswith("Industry") for m in mentions)


def test_a_post_is_its_authors_as_the_header_names_them(nlp):
    text = (ROOT / "tests/cases/2026-06-09-calvera-norhavn-trade-commission/arvelo-social.txt").read_text()
    got = speakers_of(nlp, text, {"Calvera": ["Lucía Arvelo"], "Norhavn": ["Henrik Saltvik"]})
    assert find(got, "Great day in Vesterholm")[0] == "Lucía Arvelo"


def test_she_said_after_a_quote_continues_the_woman_the_sentence_before_is_about(nlp):
    text = INTRO + ("Lena Hoszko, a security analyst at the Caldera Institute, said the gap most likely reflected "
                    "two dual nationals whom Korvath regards as its own citizens. \"Ostrel does not recognise "
                    "their Estmark passports, so in its books they were simply pardoned,\" she said.")
    got = speakers_of(nlp, text)   # ('Korvath', a place, is tagged a person by the small model)
    assert find(got, "does not recognise their Estmark passports")[0] == "Lena Hoszko"


def test_an_epithet_before_a_persons_name_the_case_also_uses_is_no_part_of_it():
    from collections import Counter

    from counterpoint.analysis.actors import _canonical_map
    names = Counter({"Crooked Helen Marsh": 1, "Helen Marsh": 3, "Marsh": 2,
                     "Democratic National Committee": 1, "National Committee": 1})
    kinds = {"Helen Marsh": "person", "Crooked Helen Marsh": "person"}
    canon = _canonical_map(names, kinds)
    assert canon["Crooked Helen Marsh"] == "Helen Marsh"
    assert canon["Marsh"] == "Helen Marsh"
    assert canon["Democratic National Committee"] == "Democratic National Committee"   # a body's name


def test_a_possessor_is_named_whole_or_not_at_all(nlp):
    got = speakers_of(nlp, "Erik Vale’s campaign said the ad was false.", {})
    assert find(got, "the ad was false")[0] == "Erik Vale’s campaign"


def test_an_office_of_a_place_is_named_once_with_its_office(nlp):
    text = ("The nominee was speaking Friday in Dayton, Ohio, hours after the debate. "
            "The Ohio governor said the council was to blame.")
    assert find(speakers_of(nlp, text, {}), "council was to blame")[0] == "Ohio governor"


def test_a_dateline_is_never_a_speaker(nlp):
    text = ("LOS ANGELES, Sept. 28 (UPI) — In a preview clip for Mary J. Quint’s upcoming Apple Music show The 411, "
            "Quint sings Bruce Springsteen’s “American Skin” to Hillary Clinton.\n"
            "“Promise mama you’ll keep your hands in sight,” Quint sings to Clinton.")
    got = speakers_of(nlp, text, {})
    assert all(sp != "LOS ANGELES" for sp, _ in got.values()), got


def test_a_day_after_a_noun_is_not_its_name(nlp):
    text = "Erik Vale is a sailor. He released a letter from his doctor Friday afternoon that says he is fit."
    got = speakers_of(nlp, text, {})
    assert all(sp != "Friday" for sp, _ in got.values()), got


def test_an_indefinite_body_is_a_new_one_and_goes_by_the_name_it_gives_itself(nlp):
    text = ("Orlenza Travel Group said the attack was contained. "
            "A group calling itself Greyhollow has claimed responsibility for the attack.")
    assert find(speakers_of(nlp, text, {}), "responsibility for the attack")[0] == "Greyhollow"


def test_a_turn_label_before_a_colon_is_not_the_subject_after_it(nlp):
    got = speakers_of(nlp, "Foreign Ministry Spokesperson Anwen Tarrow's Remarks on the Incident at Tanbi Shoal\n"
                           "2026-05-10 16:30\n\nQuestion: Merovia has accused a Pellandrian coast guard ship of "
                           "ramming its vessel near Tanbi Shoal yesterday. What is your comment?", {})
    assert find(got, "ramming its vessel")[0] != "Question"


def test_an_event_is_no_speaker_whoever_it_belongs_to(nlp):
    got = speakers_of(nlp, "Vale's \"respectful\" three-hour virtual summit with Castavia's Quint focuses on "
                           "\"managing strategic risks\" like the strait", {})
    assert all(sp is None or "summit" not in sp for sp, _ in got.values()), got


def test_a_bodys_name_keeps_its_office_words(nlp):
    got = speakers_of(nlp, "Castavia's Defense Ministry warned of \"strong measures\" if the ferry sails.", {})
    assert "Defense Ministry" in find(got, "strong measures")[0]


def test_a_political_party_speaks_as_itself_not_as_a_government(nlp):
    parties = {"Electoral Commission": ["Central Electoral Commission", "Marta Olsen"],
               "Unity Party": ["Unity Party", "Pavel Dran"]}
    got = speakers_of(nlp, "The Unity Party said its observers were expelled from 140 polling stations.", parties)
    speaker, party = find(got, "its observers were expelled")
    assert party == "Unity Party" and "government" not in speaker, speaker


def test_a_dateline_the_parser_takes_for_a_second_subject_is_not_the_speaker(nlp):
    parties = {"Electoral Commission": ["Central Electoral Commission", "Marta Olsen"],
               "Unity Party": ["Unity Party", "Pavel Dran"]}
    got = speakers_of(nlp, "Valdora, 2 May 2027 — The Central Electoral Commission announced today that turnout "
                           "in Sunday's presidential election was 61.4%.", parties)
    speaker, party = find(got, "turnout in Sunday")
    assert speaker and "Valdora" not in speaker and "Commission" in speaker, speaker


def test_a_title_with_of_before_a_name_is_no_part_of_the_name(nlp):
    got = speakers_of(nlp, INTRO + '"We cannot confirm either side\'s figures at this stage," said Head of '
                      'Mission Ludmila Ferrante. "We will respond," said the Minister of Foreign Affairs.')
    assert find(got, "cannot confirm")[0] == "Ludmila Ferrante"
    assert not find(got, "We will respond")[0].startswith("of ")


def test_things_that_show_a_clause_are_no_speakers_people_who_show_courage_are(nlp):
    text = ("The protocols in our hands show that real turnout was no higher than 46%. "
            "Our personnel showed great courage, the captain said.")
    acc = Account(id="t", text=text, offset_map=OffsetMap.identity(len(text)))
    _quotes, claims, _ = attribution.extract(nlp(text), acc, PARTIES)
    assert not any(c.speaker == "protocols" for c in claims)
