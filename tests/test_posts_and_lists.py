"""Document shapes other than a readout's paragraphs: a thread of social posts (each post its
author's voice) and a list of outcomes under a lead that ends with a colon. Invented parties."""
from __future__ import annotations

import pytest

import json

from counterpoint.analysis.structure import is_furniture, is_heading, posts
from counterpoint.ingest.case import load_case
from counterpoint.run import compare_case

PARTIES = {"Brenmoor": ["Brenmoor Logistics", "Owen Trelawny"], "ADWU": ["ADWU", "Rosa Kettering"]}

THREAD = """Home  Explore  Notifications
Post

ADWU Union @ADWUnion · 18 Sep 2026
After nine hours of talks, Brenmoor still refuses to restore the sick-pay scheme for depot staff.

Reply · Repost 412 · Like 1.3K · Views 48K

Brenmoor Logistics @BrenmoorLogistics · 18 Sep 2026
Replying to @ADWUnion
Our improved offer stands and we will meet the union again on 1 October.

Tom Reyes ✔ @treyes_news · 18 Sep 2026
Replying to @ADWUnion
The depots in Port Ardley will close for two days if the strike goes ahead next month.
"""


def test_post_headers_give_each_post_its_author():
    found = posts(THREAD)
    assert [(p.author, p.handle) for p in found] == [("ADWU Union", "ADWUnion"),
                                                     ("Brenmoor Logistics", "BrenmoorLogistics"),
                                                     ("Tom Reyes", "treyes_news")]
    # the 'Replying to' line is no part of the post's text
    assert THREAD[found[1].body_start:].startswith("Our improved offer stands")
    assert found[0].end == found[1].start
    assert is_furniture("Reply · Repost 412 · Like 1.3K · Views 48K")
    assert not is_heading("Reply · Repost 412 · Like 1.3K · Views 48K")
    assert not posts("Brenmoor said on Tuesday that talks would resume. Contact: press@brenmoor.example")
    assert is_furniture("© Government Press Service, 2026. When using materials, a hyperlink is required.")
    assert not is_furniture("(c) the two sides agreed to meet again in October.")


def _case(tmp_path, files: dict[str, tuple[str, str]]):
    accounts = []
    for acc_id, (side, text) in files.items():
        (tmp_path / f"{acc_id}.txt").write_text(text)
        accounts.append({"id": acc_id, "file": f"{acc_id}.txt", "side": side, "published": "2026-09-18",
                         "kind": "official readout" if side != "press" else "news report"})
    (tmp_path / "event.json").write_text(json.dumps({"event_id": "t", "date": "2026-09-17", "parties": PARTIES,
                                                     "accounts": accounts}))
    return compare_case(load_case(tmp_path))


def test_a_reply_in_a_partys_thread_is_the_replying_partys_voice(tmp_path):
    report = _case(tmp_path, {
        "thread": ("ADWU", THREAD),
        "release": ("Brenmoor", "Brenmoor Logistics held pay talks with ADWU on 17 September. "
                               "The sick-pay scheme was not on the agenda.\n")})
    by_text = {c.text: c for c in report.claims}
    reply = by_text["Our improved offer stands and we will meet the union again on 1 October."]
    assert (reply.party, reply.speaker) == ("Brenmoor", "Brenmoor Logistics")
    assert {c.party for c in report.claims if "restore the sick-pay scheme" in c.text} == {"ADWU"}
    # a post by someone who speaks for no party is no party's voice
    assert not any(c.party in PARTIES and "Port Ardley will close" in c.text for c in report.claims)
    # reaction counts are no claim
    assert not any("Repost" in c.text for c in report.claims)


def test_items_of_a_list_under_a_colon_lead_are_claims_not_headings(tmp_path):
    release = ("Brenmoor Logistics met ADWU on 17 September. The two sides agreed on the following:\n"
               "- the night shift at Kelby will move to a four-on, four-off rota\n"
               "- a joint review of depot safety will report by December\n\n"
               "Talks will resume on 1 October.\n")
    report = _case(tmp_path, {"release": ("Brenmoor", release),
                              "union": ("ADWU", "ADWU met Brenmoor Logistics on 17 September. "
                                                "A joint review of depot safety will report by December.\n")})
    item = next(c for c in report.claims if "joint review of depot safety" in c.text and c.party == "Brenmoor")
    assert "heading" not in (item.status_reason or "")
    assert item.status == "corroborated"


def test_a_releases_notes_to_editors_are_no_claims(tmp_path):
    from test_contradictions import _compare
    norland = ("Erik Vale said the talks with Castavia on the timber tariff had been constructive.\n\n"
               "The Norland Foreign Office will publish the agreed text on Monday.\n\n"
               "ENDS\n\nNotes to editors\n"
               "The Norland Timber Board is one of the region's largest exporters, employing 5,800 people across 14 sites.\n")
    castavia = "Mara Quint said the talks with Norland on the timber tariff had been constructive.\n"
    report = _compare(tmp_path, "2026-03-10", norland, castavia)
    texts = [c.text for c in report.claims]
    assert not any("5,800 people" in t for t in texts)
    assert any("publish the agreed text" in t for t in texts)


def test_back_matter_starts_at_an_end_mark_or_a_notes_heading():
    from counterpoint.analysis.structure import back_matter
    body = "The talks ended without agreement on the timber tariff.\n\n" * 3
    assert back_matter(body + "###\n\nMedia enquiries: press@example.org\n") == len(body)
    assert back_matter(body + "Editor's note:\nThe board was founded in 1990.\n") == len(body)
    assert back_matter(body + "About the Norland Timber Board\n\nThe board exports timber.\n") == len(body)
    # an 'About' heading near the top is the page's menu or a section of the story, not its notes
    assert back_matter("About the talks\n\n" + body) is None
    assert back_matter(body + "The ends justify the means, he said.\n") is None


@pytest.mark.parametrize("line, furniture", [
    ("Home > Press Room > Spokesperson's Remarks", True),
    ("You are here: Front page > News > Press releases", True),
    ("[ English | Pellandrian ]", True),
    ("The gap > 5% was large.", False),
    ("Growth > Inflation, said Vale.", False),
])
def test_breadcrumbs_and_language_switches_are_furniture(line, furniture):
    from counterpoint.analysis.structure import is_furniture
    assert is_furniture(line) is furniture


def test_first_person_in_a_post_is_the_posts_author_not_the_platform(tmp_path):
    thread = ("ADWU Union @ADWUnion · 18 Sep 2026\n"
              "Replying to @BrenmoorLogistics\n"
              "No, we did NOT agree to take your offer to members.\n")
    (tmp_path / "thread.txt").write_text(thread)
    (tmp_path / "release.txt").write_text("Brenmoor Logistics held pay talks with ADWU on 17 September.\n")
    (tmp_path / "event.json").write_text(json.dumps({"event_id": "t", "date": "2026-09-17", "parties": PARTIES, "accounts": [
        {"id": "thread", "file": "thread.txt", "side": "ADWU", "outlet": "X", "kind": "social post", "published": "2026-09-18"},
        {"id": "release", "file": "release.txt", "side": "Brenmoor", "kind": "official readout", "published": "2026-09-17"}]}))
    report = compare_case(load_case(tmp_path))
    asked = next(c for c in report.claims if "take your offer to members" in c.text)
    assert asked.speaker == "ADWU Union" and asked.party == "ADWU"


def test_a_relayed_readout_speaks_with_the_voice_of_the_body_its_head_names(tmp_path):
    # a blog relays the Kremlin's readout: its sentences are the Kremlin's, not the blog's
    blog = ("Here's the Kremlin's readout of the phone chat:\n\n"
            "The heads of state discussed the exchange of citizens of Russia and the United States. "
            "The President of Russia invited the President of the United States to visit Moscow.\n")
    us = "Donald Trump said he had a long and productive call with Vladimir Putin about Ukraine.\n"
    (tmp_path / "blog.txt").write_text(blog)
    (tmp_path / "us.txt").write_text(us)
    (tmp_path / "event.json").write_text(json.dumps({"event_id": "t", "date": "2025-02-12",
        "parties": {"US": ["United States", "White House"], "Russia": ["Russia", "Kremlin"]}, "accounts": [
        {"id": "blog", "file": "blog.txt", "side": "Russia", "outlet": "A Substack blog", "kind": "official readout",
         "published": "2025-02-12"},
        {"id": "us", "file": "us.txt", "side": "US", "kind": "official readout", "published": "2025-02-12"}]}))
    report = compare_case(load_case(tmp_path))
    invited = next(c for c in report.claims if "invited the President of the United States" in c.text)
    assert invited.speaker == "Kremlin" and invited.party == "Russia"
    # 'The heads of state discussed ...': the pair is no speaker; the relayed readout's body is
    assert {c.speaker for c in report.claims if "exchange of citizens" in c.text} == {"Kremlin"}
