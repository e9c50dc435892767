"""Topics: automatic grouping, user topics files, emphasis, with sentences of our own."""
from __future__ import annotations

import pytest

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
        out.append(AccountAnalysis(account=Account(id=id_, text=text, side=side)))
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
