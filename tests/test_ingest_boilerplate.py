"""Boilerplate removal in plain text: widgets go (and are recorded), headings and metadata lines stay."""
from __future__ import annotations

from pathlib import Path

import pytest

from counterpoint.ingest import load_case
from counterpoint.ingest.boilerplate import remove_boilerplate

SHARED_CASE = Path(__file__).resolve().parents[1].parent / "shared" / "events" / "2026-02-04-trump-xi-call"

STORY = """Vestria and Norland agree to reopen ferry route
By Anna Holt · March 4, 2026 · 4 min read

Norland's foreign minister spoke with her Vestrian counterpart on Tuesday, officials in Halden said.
Editor's Picks
list of 3 itemsend of list
"We agreed to reopen the northern ferry route before the winter," Minister Ilse Varga told reporters.
Share this article
Home | World | Europe | Politics
What did they agree on fishing?
Both sides said the talks on fishing quotas would continue next month in the Vestrian capital.
Read more: Storm closes mountain pass for a week
Fisheries
The quota commission, set up in 2019, has not met since the dispute over the northern banks began.
Advertisement
We use cookies to improve your experience. By continuing to browse you accept our cookie policy.
The Ministers' Statement
The two ministers said they would speak again before the summer recess of the parliament.
"""


def removed_texts(cleaned):
    return {text: reason for _s, _e, text, reason in cleaned.removed}


def test_widgets_are_removed_by_shape_and_recorded():
    c = remove_boilerplate(STORY)
    gone = removed_texts(c)
    assert set(gone) == {"Editor's Picks", "list of 3 itemsend of list", "Share this article",
                         "Home | World | Europe | Politics", "Read more: Storm closes mountain pass for a week",
                         "Advertisement",
                         "We use cookies to improve your experience. By continuing to browse you accept our cookie policy."}
    assert gone["Editor's Picks"].startswith("list widget")  # a heading is dropped only as a widget's title
    assert gone["Home | World | Europe | Politics"] == "list widget: link list"
    assert gone["Advertisement"] == "interface text"
    for kept in ("What did they agree on fishing?", "Fisheries", "The Ministers' Statement",
                 "By Anna Holt · March 4, 2026 · 4 min read", "Vestria and Norland agree to reopen ferry route"):
        assert kept in c.text.splitlines()


def test_removed_offsets_and_map_point_into_the_original():
    c = remove_boilerplate(STORY)
    for start, end, text, _reason in c.removed:
        assert STORY[start:end] == text
    for cs, ss, n in c.runs:
        assert c.text[cs:cs + n] == STORY[ss:ss + n]
    # No line of running text is split or altered.
    for line in STORY.splitlines():
        if line not in removed_texts(c):
            assert line in c.text


def test_announced_list_items_go_with_their_markers():
    text = ("The ministers met in Halden on Tuesday and spoke for two hours about the ferry route.\n"
            "Related coverage\nlist of 2 items\nStorm closes mountain pass\nLocal choir wins national prize\nend of list\n"
            "Both sides said talks on fishing quotas would continue next month in the capital.\n")
    c = remove_boilerplate(text)
    assert c.text == ("The ministers met in Halden on Tuesday and spoke for two hours about the ferry route.\n"
                      "Both sides said talks on fishing quotas would continue next month in the capital.\n")
    assert [r for *_x, r in c.removed].count("list widget: item of an announced list") == 2


def test_headings_without_widgets_stay_and_text_is_untouched():
    text = ("Ferry talks\n\nIran\nThe ministers also discussed sanctions.\n\nWhat comes next?\n"
            "A second round is planned for April, officials said.\n\nKey Points of the Call\n"
            "Trade and energy.\n\n(With agency inputs)\n")
    c = remove_boilerplate(text)
    assert c.text == text and c.removed == [] and c.runs == [(0, 0, len(text))]


def test_language_selector_above_the_text_and_a_repeated_title():
    text = ("English\n\nFerry talks resume\n\nFerry talks resume\n\nThe two ministers met in Halden on Tuesday "
            "and agreed to reopen the northern ferry route.\n\nEnglish\n")
    c = remove_boilerplate(text)
    assert removed_texts(c) == {"English": "language selector", "Ferry talks resume": "repeats the line before"}
    assert c.text.startswith("Ferry talks resume\n\nThe two ministers")
    assert c.text.rstrip().endswith("English")  # a language name inside or after the text is not a selector


def test_furniture_repeated_at_the_edges_of_several_accounts(tmp_path):
    body = "The ministers met in Halden on {} and agreed to reopen the northern ferry route before winter.\n"
    for i, day in enumerate(["Monday", "Tuesday", "Wednesday"]):
        (tmp_path / f"page{i}.txt").write_text(f"Halden Courier Weekly Edition\n{body.format(day)}Fisheries\n"
                                               f"Quotas were discussed at length by both sides, officials said.\n",
                                               encoding="utf-8")
    case = load_case(tmp_path, [], keep_going=False)
    for acc in case.accounts:
        assert not acc.text.startswith("Halden Courier Weekly Edition")
        assert acc.removed[0].reason == "repeated at the edge of 3 accounts"
        assert "\nFisheries\n" in acc.text  # repeated, but inside the running text: a heading


def test_shared_dateline_is_article_text_not_furniture(tmp_path):
    # Wire stories from one city share their dateline; it leads into the first paragraph and stays.
    for i, day in enumerate(["Monday", "Tuesday", "Wednesday"]):
        (tmp_path / f"wire{i}.txt").write_text(
            f"\n\nPORT HALDEN, Norland (WP) _\n\nThe ferry union voted on {day} to end the strike "
            f"that had stopped crossings for a week, officials said.\n", encoding="utf-8")
    case = load_case(tmp_path, [], keep_going=False)
    for acc in case.accounts:
        assert "PORT HALDEN, Norland (WP) _" in acc.text
        assert acc.removed == []


def test_account_records_what_was_removed(tmp_path):
    p = tmp_path / "story.txt"
    p.write_text(STORY, encoding="utf-8")
    acc = load_case(None, [p], keep_going=False).accounts[0]
    assert "Share this article" not in acc.text
    rec = {r.text: r for r in acc.removed}
    r = rec["Share this article"]
    assert STORY[r.source_start:r.source_end] == "Share this article"
    for i in range(len(acc.text)):
        j = acc.offset_map.to_source(i)
        assert acc.text[i] == STORY[j]


@pytest.mark.skipif(not SHARED_CASE.is_dir(), reason="../shared/events not available")
def test_shared_case_widget_removed_headings_kept():
    case = load_case(SHARED_CASE, [], keep_going=False)
    acc = {a.id: a for a in case.accounts}["aljazeera"]
    original = (SHARED_CASE / "aljazeera.txt").read_text(encoding="utf-8")
    assert "Recommended Stories" not in acc.text and "itemsend of list" not in acc.text
    assert any("Recommended Stories" in r.text for r in acc.removed)
    assert any("itemsend of list" in r.text for r in acc.removed)
    lines = acc.text.splitlines()
    for heading in ("Iran", "Russia", "What was discussed regarding Taiwan?", "Critical minerals"):
        assert heading in lines
    assert len(acc.removed) == 2
    for r in acc.removed:
        assert original[r.source_start:r.source_end] == r.text
    for cs, ss, n in acc.offset_map.runs:
        assert acc.text[cs:cs + n] == original[ss:ss + n]
    assert acc.published == "2026-02-05" and acc.published_source == "manifest" and acc.language == "en"


def test_related_label_with_headlines_calls_to_action_and_credits():
    text = ("The minister said the ferry would run again by December, according to officials in Halden.\n"
            "Jane Roe/Getty Images.\n"
            "Minister Ilse Varga arrives for talks in Halden, Norland, on March 3, 2026.\n"
            "Related:\n"
            "Storm Closes Mountain Pass For A Week.\n"
            "Harbour Fees To Rise In Spring.\n"
            "The quota commission will meet next month, a spokesman for the ministry said on Tuesday.\n"
            "Follow Anna Holt on Twitter @annaholt.\n"
            "Subscribe to the Courier's politics podcast here.\n"
            "A bakery in Halden said its cookies sold out during the talks, and staff agreed to bake more.\n")
    c = remove_boilerplate(text)
    assert removed_texts(c) == {
        "Jane Roe/Getty Images.": "picture credit",
        "Related:": "list widget: heading of the widget",
        "Storm Closes Mountain Pass For A Week.": "list widget: link to another story",
        "Harbour Fees To Rise In Spring.": "list widget: link to another story",
        "Follow Anna Holt on Twitter @annaholt.": "call to action",
        "Subscribe to the Courier's politics podcast here.": "call to action",
    }
    assert "Minister Ilse Varga arrives for talks in Halden" in c.text  # the caption itself carries facts
    assert "its cookies sold out" in c.text  # cookies without a consent notice addressed to the reader


POLNEAR = Path(__file__).resolve().parents[1].parent / "shared" / "polnear"


def _attribution_spans(split: Path) -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = {}
    for ann in (split / "attributions").glob("*.ann"):
        stem = ann.stem.rsplit("_", 1)[0]  # one file per annotator: <text stem>_<annotator>
        for line in ann.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if not line.startswith("T") or len(parts) < 3 or parts[1].startswith("Discard"):
                continue
            for rng in parts[1].split(" ", 1)[1].split(";"):
                s, e = map(int, rng.split())
                spans.setdefault(stem, []).append((s, e))
    return spans


def _check_polnear(split: Path) -> int:
    case = load_case(split / "text", [], keep_going=False)
    spans = _attribution_spans(split)
    removed = 0
    for acc in case.accounts:
        original = Path(acc.file).read_text(encoding="utf-8")
        for cs, ss, n in acc.offset_map.runs:
            assert acc.text[cs:cs + n] == original[ss:ss + n]
        for r in acc.removed:
            removed += 1
            assert not any(s < r.source_end and e > r.source_start for s, e in spans.get(acc.id, [])), \
                f"{acc.id}: removed {r.text!r} overlaps an annotated attribution"
    return removed


@pytest.mark.skipif(not (POLNEAR / "dev").is_dir(), reason="../shared/polnear not available")
def test_polnear_dev_offsets_exact_and_no_attribution_removed():
    _check_polnear(POLNEAR / "dev")


@pytest.mark.slow
@pytest.mark.skipif(not (POLNEAR / "train").is_dir(), reason="../shared/polnear not available")
def test_polnear_train_removals_never_touch_attributions():
    assert _check_polnear(POLNEAR / "train") > 20  # the train split has share lines, credits, related widgets


def test_rights_notices_go_sentences_about_rights_stay():
    from counterpoint.ingest.boilerplate import find_boilerplate
    lines = ["All materials may be reproduced with a link to the source.",
             "The ministry said the drone may be used again.",
             "© 2027 The Tarsbury Herald. All rights reserved.",
             "He said the report could not be published until the inquiry was complete, citing the source of the leak.",
             "Copyright law was discussed at length by the ministers, who agreed to review it.",
             "Copyright 2026 Wire Service",
             "The group said rights reserved for citizens may not be used to justify the ban, the article said.",
             "It is a clichÃ© that the text may be used by anyone."]
    assert find_boilerplate("\n".join(lines)) == [(0, "rights notice"), (2, "rights notice"), (5, "rights notice")]
