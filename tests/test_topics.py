"""Topics: automatic grouping, user topics files, emphasis, with sentences of our own."""
from __future__ import annotations

import pytest

from counterpoint.analysis.freeze import parse
from counterpoint.analysis.pipeline import AccountAnalysis
from counterpoint.compare.topics import find_topics, load_topics_file
from counterpoint.ingest.errors import InputError
from counterpoint.records import Account

PARTIES = {"Norland": ["Erik Vale"], "Castavia": ["Mara Quint"]}

NORLAND = ("Erik Vale said the wool quota was the most important issue between the two countries. "
           "Erik Vale said the wool quota would be reviewed in May. "
           "Erik Vale said Castavia had agreed to lower harbour fees at Port Saltby.")
CASTAVIA = ("Mara Quint said the harbour fees at Port Saltby would stay as they are. "
            "Mara Quint said the wool quota was discussed. Mara Quint praised the harbour fees deal at Port Saltby.")


def _analyses():
    out = []
    for id_, text, side in (("n", NORLAND, "Norland"), ("c", CASTAVIA, "Castavia")):
        out.append(AccountAnalysis(account=Account(id=id_, text=text, side=side), parsed=parse(text)))
    return out


def test_auto_topics_group_terms_and_count_party_voices():
    topics = find_topics(_analyses(), PARTIES)
    by_label = {t.label.lower(): t for t in topics}
    quota = next(t for l, t in by_label.items() if "quota" in l)
    assert quota.by_party.get("Norland") == 2 and quota.by_party.get("Castavia") == 1
    fees = next(t for l, t in by_label.items() if "fee" in l or "saltby" in l)
    assert fees.by_party.get("Castavia") >= 2
    assert len(topics) <= 12
    assert all(t.source == "auto" for t in topics)


def test_emphasis_marks_the_superlative_issue_for_its_party():
    topics = find_topics(_analyses(), PARTIES)
    quota = next(t for t in topics if "quota" in t.label.lower())
    assert [s.text for s in quota.emphasis.get("Norland", [])] == ["the most important issue"]
    assert "Castavia" not in quota.emphasis
    fees = next(t for t in topics if "fee" in t.label.lower() or "saltby" in t.label.lower())
    assert not fees.emphasis


def test_user_topics_file(tmp_path):
    f = tmp_path / "topics.yaml"
    f.write_text("wool: [wool quota, wool]\nharbour: harbour fees\n", encoding="utf-8")
    topics = find_topics(_analyses(), PARTIES, f)
    assert [t.label for t in topics] == ["wool", "harbour"]
    assert all(t.source == "user" for t in topics)
    assert topics[1].terms == ["harbour fees"]
    assert topics[0].by_party == {"Norland": 2, "Castavia": 1}
    assert topics[1].evidence and topics[1].evidence[0].text.lower() == "harbour fees"


@pytest.mark.parametrize("content, message", [
    ("- just\n- a list\n", "mapping"),
    ("wool: [1, [2]]\n", "list of strings"),
    ("wool: [\n", "not valid YAML"),
    ("wool: []\n", "no terms"),
])
def test_bad_topics_file_names_file_and_problem(tmp_path, content, message):
    f = tmp_path / "t.yaml"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_topics_file(f)
    assert str(f) in str(e.value) and message in str(e.value)


def test_missing_topics_file(tmp_path):
    with pytest.raises(InputError, match="not found"):
        load_topics_file(tmp_path / "nope.yaml")


# -- names a person would give, and where each party raised the topic ---------------------------

UNITS_N = ("Erik Vale said exports of wool rose by 30 percent to 2 million tonnes last year. "
           "Erik Vale said the two neighbours would keep good relations. "
           "Erik Vale said wool exports would rise by 20 percent next year. "
           "Erik Vale said relations between the neighbours were good.")
UNITS_C = ("Mara Quint said wool exports to Castavia fell by 10 percent. "
           "Mara Quint said the neighbours had strong relations and that wool prices had risen.")


def _units_analyses():
    return [AccountAnalysis(account=Account(id=i, text=t, side=s), parsed=parse(t))
            for i, t, s in (("n", UNITS_N, "Norland"), ("c", UNITS_C, "Castavia"))]


def test_units_and_generic_words_never_name_a_topic():
    labels = [t.label.lower() for t in find_topics(_units_analyses(), PARTIES)]
    assert any("wool" in l for l in labels)
    words = {w for l in labels for w in l.replace("–", " ").split()}
    assert not words & {"percent", "tonnes", "neighbours", "relations"}, labels


def test_merged_topics_are_named_by_their_head():
    topics = find_topics(_analyses(), PARTIES)
    assert all("–" not in t.label for t in topics)  # one name, not two glued together
    assert len({t.label.lower() for t in topics}) == len(topics)


def test_where_each_party_raised_a_topic_is_a_short_excerpt():
    topics = find_topics(_analyses(), PARTIES)
    quota = next(t for t in topics if "quota" in t.label.lower())
    assert set(quota.raised) == {"Norland", "Castavia"}
    for party, spans in quota.raised.items():
        assert len(spans) <= 3
        for s in spans:
            assert "quota" in s.text and len(s.text) <= 120
            assert s.text == (NORLAND if s.account == "n" else CASTAVIA)[s.start:s.end]


def test_reports_show_excerpts_where_a_party_raised_a_topic():
    import re

    from counterpoint.records import Report
    from counterpoint.report.render import render

    analyses = _analyses()
    topics = find_topics(analyses, PARTIES)
    report = Report(event_id="t", parties=PARTIES, accounts=[a.account for a in analyses], topics=topics)
    quota = next(t for t in topics if "quota" in t.label.lower())
    first = quota.raised["Norland"][0].text
    md = render(report, "md")
    assert "“" + first.split()[0] in md.replace("\\", "")
    html = render(report, "html")
    cells = [c.split("</td>")[0] for c in html.split('<td class="raised">')[1:]]
    assert len(cells) == len(topics) and any("quota" in c for c in cells)
    assert not any(re.search(r">\w+ \d+\u2013\d+<", c) for c in cells)  # text, not "n 0–52"


def test_a_datelines_place_and_a_partys_name_said_short_are_no_topics():
    parties = {"Electoral Commission": ["Central Electoral Commission"], "Unity Party": ["Unity Party"]}
    texts = (("cec", "Electoral Commission",
              "LENMARK, May 3 - The Commission said the recount in Osterby would start on Monday.\n"
              "LENMARK, May 4 - The Commission said the recount in Osterby would take a week."),
             ("unity", "Unity Party",
              "LENMARK, May 3 - We say the Commission has not started the recount in Osterby.\n"
              "LENMARK, May 4 - We say the Commission must publish the recount in Osterby."))
    analyses = [AccountAnalysis(account=Account(id=i, text=t, side=s), parsed=parse(t)) for i, s, t in texts]
    terms = {term.lower() for topic in find_topics(analyses, parties) for term in [topic.label] + topic.terms}
    assert "lenmark" not in terms and "commission" not in terms, terms
    assert any("recount" in t for t in terms), terms
