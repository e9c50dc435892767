"""The HTML report: every section rendered from a hand-built Report, self-contained, inert to markup."""
from __future__ import annotations

import base64
import hashlib
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from sample_report import HOSTILE_TEXT, rich_report  # noqa: E402

from counterpoint.records import Report  # noqa: E402
from counterpoint.report import FORMATS, render  # noqa: E402
from counterpoint.report.html import CSP, SCRIPT, SCRIPT_HASH, json_for_script, render_html  # noqa: E402
from counterpoint.report.plots import parse_timeline_date, party_colours, timeline_svg, topic_heatmap_svg  # noqa: E402


class Elements(HTMLParser):
    """Collects tags with their attributes, and the raw text of each <script>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._in_script: dict | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def handle_data(self, data):
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)


def parse(html: str) -> Elements:
    p = Elements()
    p.feed(html)
    return p


def by_id(html: str, section: str) -> str:
    m = re.search(rf'<section id="{section}".*?</section>', html, re.S)
    assert m, f"section {section} missing"
    return m.group(0)


def test_formats_registered():
    assert set(FORMATS) >= {"json", "md", "html"}
    report = rich_report()
    assert json.loads(render(report, "json"))["event_id"] == report.event_id
    assert render(report, "html").startswith("<!DOCTYPE html>")


def test_every_section_is_rendered_from_the_report():
    report = rich_report()
    html = render_html(report)
    colours = party_colours(report)
    # the case: parties with their colours, accounts with outlet, kind, date
    for name in report.parties:
        assert f'data-party="{name}"' in html and colours[name] in html
    accounts = by_id(html, "accounts")
    for a in report.accounts:
        assert a.id in accounts and a.kind in accounts and a.published in accounts
    assert "The Aldburg Gazette" in accounts and "Brevian Premier&#39;s Office" in accounts
    # topics: heatmap and matrix
    topics = by_id(html, "topics")
    assert "<svg" in topics and "river ferry" in topics and "(your topic)" in topics
    # claims: one column per party plus "no party", with status badges and speakers
    claims = by_id(html, "claims")
    columns = re.findall(r'<div class="column" data-party="([^"]+)"', claims)
    assert columns == ["Aldoria", "Brevia", "no party"]
    for status, label in (("corroborated", "corroborated"), ("one_sided", "one-sided"), ("contradicted", "contradicted")):
        assert f'<span class="badge {status}">{label}</span>' in claims
    assert "Anna Lind" in claims and "contradicted by" in claims and "Brevia&#39;s readout puts" in claims
    # quotes grouped by speaker, most quoted first
    quotes = by_id(html, "quotes")
    assert re.findall(r'data-speaker="([^"]+)"', quotes) == ["Odo Vask", "Anna Lind", "Mira Holt"]
    # figures with conflicts highlighted
    figures = by_id(html, "figures")
    assert figures.count('class="figure conflict"') == 2 and figures.count('class="figure"') == 1
    assert "2 figures in conflict" in figures
    # timeline: chart and numbered list (undated entries listed, not plotted)
    timeline = by_id(html, "timeline")
    assert "<svg" in timeline and "PRESENT_REF" in timeline and timeline.count('class="entry"') == 4
    assert "+0.62" in by_id(html, "tone") and "-0.15" in by_id(html, "tone")
    assert "Chancellor" in by_id(html, "actors")
    assert "2026-05" in by_id(html, "timexes")
    assert "Share this page on social media" in by_id(html, "removed")
    assert "broken.bin: binary file, not text" in by_id(html, "problems")


def test_every_item_links_to_its_exact_source_span():
    report = rich_report()
    html = render_html(report)
    texts = {a.id: a.text for a in report.accounts}
    links = [attrs for tag, attrs in parse(html).tags if "data-account" in attrs]
    assert len(links) > 40
    for attrs in links:
        assert attrs["data-account"] in texts
        start, end = int(attrs["data-start"]), int(attrs["data-end"])
        assert 0 <= start <= end <= len(texts[attrs["data-account"]])
    # the clickable text of each quote is exactly the span it points to
    for q in report.quotes:
        assert (f'data-account="{q.account}" data-start="{q.start}" data-end="{q.end}">'
                f'<span class="item-text">') in html
        assert texts[q.account][q.start:q.end] == q.text


def test_self_contained_and_locked_down():
    html = render_html(rich_report())
    elements = parse(html)
    for tag, attrs in elements.tags:
        assert tag not in ("link", "iframe", "object", "embed", "img", "base"), tag
        for key in ("src", "href", "xlink:href"):
            value = attrs.get(key) or ""
            assert not re.match(r"\s*(https?:|//|javascript:)", value), (tag, key, value)
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in html.replace("&#39;", "'")
    assert "default-src 'none'" in CSP and "form-action 'none'" in CSP
    inline = [text for attrs, text in elements.scripts if "type" not in attrs]
    assert inline == [SCRIPT]
    assert SCRIPT_HASH == "sha256-" + base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
    assert not re.search(r"\son[a-z]+=", html)  # no inline event handlers anywhere


def test_markup_in_accounts_and_fields_stays_text():
    report = rich_report(with_hostile=True)
    html = render_html(report)
    elements = parse(html)
    # only our two script elements exist; no <img> came from the account or the fields
    assert [attrs.get("type") for attrs, _ in elements.scripts] == ["application/json", None]
    assert not any(tag == "img" for tag, _ in elements.tags)
    assert "<script>window.__pwned" not in html.replace("\\u003cscript", "")
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&#34;window.__pwned=1&#34;&gt;" in html
    assert "&lt;i&gt;Pasted&lt;/i&gt; outlet" in html
    # the data block carries the texts exactly, and nothing inside it can close the block
    data_attrs, data = elements.scripts[0]
    assert data_attrs["id"] == "cp-accounts" and "<" not in data and ">" not in data
    assert json.loads(data)["hostile"]["text"] == HOSTILE_TEXT


@settings(max_examples=200, deadline=None)
@given(st.recursive(st.text() | st.integers(), lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(), c, max_size=3),
                    max_leaves=8))
def test_json_for_script_is_inert_and_lossless(value):
    out = json_for_script(value)
    assert not set(out) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(out) == value


def test_empty_report_says_so_in_every_section():
    html = render_html(Report())
    for section, phrase in (("topics", "no topics found"), ("claims", "no claims found"),
                            ("quotes", "no quotes found"), ("figures", "no figures found"),
                            ("timeline", "no dated events found"), ("tone", "no tone scores"),
                            ("actors", "no actors found"), ("removed", "nothing removed")):
        assert phrase in by_id(html, section)
    assert "<svg" not in html


def test_plots_escape_labels_and_skip_what_has_no_data():
    report = rich_report(with_hostile=True)
    heatmap = topic_heatmap_svg(report)
    assert heatmap.startswith("<svg") and "<script" not in heatmap and "&lt;script&gt;" in heatmap
    assert ">river ferry<" in heatmap and ">3<" in heatmap  # Brevia raised the ferry 3 times
    timeline = timeline_svg(report)
    assert timeline.startswith("<svg") and "brevia-readout" in timeline
    # ids of the two charts must not collide when both are inlined in one page
    ids = re.findall(r'id="([^"]+)"', heatmap), re.findall(r'id="([^"]+)"', timeline)
    assert not set(ids[0]) & set(ids[1])
    undated = report.model_copy(update={"timeline": [e for e in report.timeline if e.date == "PRESENT_REF"],
                                        "topics": []})
    assert timeline_svg(undated) is None and topic_heatmap_svg(undated) is None


def test_parse_timeline_date_precision():
    assert parse_timeline_date("2026-03-10") == (parse_timeline_date("2026-03-10")[0], "day")
    assert parse_timeline_date("2026-05")[1] == "month"
    assert parse_timeline_date("2026-W10")[1] == "year"
    assert parse_timeline_date("2026-02-30") is None
    assert parse_timeline_date("PAST_REF") is None


def test_party_colours_depend_only_on_the_party_names():
    report = rich_report()
    colours = party_colours(report)
    assert len(set(colours.values())) == len(colours)  # distinct while the palette lasts
    # the same parties in another manifest order, accounts and claims reversed: the same colours
    shuffled = report.model_copy(deep=True)
    shuffled.parties = dict(reversed(list(report.parties.items())))
    shuffled.accounts = list(reversed(shuffled.accounts))
    shuffled.claims = list(reversed(shuffled.claims))
    assert party_colours(shuffled) == colours
    assert party_colours(report.model_copy(deep=True)) == colours  # and the same on every run
