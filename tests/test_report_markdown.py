"""The Markdown report: every section, every item cited as [account start–end], markup inert."""
from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from sample_report import rich_report  # noqa: E402

from counterpoint.records import Report  # noqa: E402
from counterpoint.report import render  # noqa: E402
from counterpoint.report.markdown import esc  # noqa: E402

SECTIONS = ["Brief: what differs", "Parties", "Accounts", "Topics by party", "Claims by party", "Quotes by speaker", "Figures", "Timeline",
            "Tone by party", "Actors", "Time expressions", "Text removed while cleaning", "Problems with the input"]


def section(md: str, title: str) -> str:
    m = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", md, re.S | re.M)
    assert m, title
    return m.group(1)


def test_sections_in_order():
    md = render(rich_report(), "md")
    assert md.startswith("# 2026-03-03-lind-vask-call\n")
    found = re.findall(r"^## (.+)$", md, re.M)
    assert found == SECTIONS


def test_items_cite_account_and_offsets():
    report = rich_report()
    md = render(report, "md")
    texts = {a.id: a.text for a in report.accounts}
    cites = re.findall(r"\[([a-z-]+) (\d+)–(\d+)\]", md)
    assert len(cites) > 30
    for account, start, end in cites:
        assert account in texts and int(start) <= int(end) <= len(texts[account])
    for q in report.quotes:
        assert f"[{q.account} {q.start}–{q.end}]" in section(md, "Quotes by speaker")
    claims = section(md, "Claims by party")
    assert "### Aldoria (2)" in claims and "### Brevia (1)" in claims and "### no party (1)" in claims
    assert "**contradicted**" in claims and "**one-sided**" in claims and "**corroborated**" in claims
    assert "contradicted by: [brevia-readout" in claims


def test_tables_and_values():
    md = render(rich_report(), "md")
    topics = section(md, "Topics by party")
    assert "| topic | Aldoria | Brevia | terms |" in topics
    assert "| river ferry | 2 | 3 | ferry, river |" in topics
    figures = section(md, "Figures")
    assert figures.count("**conflict**") == 2 and "| 40,000 |" in figures
    timeline = section(md, "Timeline")
    assert timeline.strip().splitlines()[0].startswith("1. **2026-03-03** (past) Lind and Vask spoke by phone")
    assert "PRESENT\\_REF" in timeline
    assert "+0.62" in section(md, "Tone by party")
    assert "boilerplate: share widget (original file characters 300–331)" in section(md, "Text removed while cleaning")
    assert "- broken.bin: binary file, not text" in section(md, "Problems with the input")


def test_markup_and_table_breakers_are_escaped():
    md = render(rich_report(with_hostile=True), "md")
    assert "<script" not in md and "<img" not in md and "<i>" not in md
    assert "&lt;script&gt;window.\\_\\_pwned=1&lt;/script&gt;" in md
    assert esc("a | b\nc") == "a \\| b c"
    assert esc("# [x](y) *z*") == "\\# \\[x\\](y) \\*z\\*"


def test_empty_report():
    md = render(Report(), "md")
    assert "_no claims found_" in md and "_no quotes found_" in md and "_no parties known_" in md
    assert re.findall(r"^## (.+)$", md, re.M) == SECTIONS


def test_a_one_sided_claim_shows_the_other_sides_nearest_statement_in_markdown_and_html():
    rep = rich_report()
    mine = next(c for c in rep.claims if c.status == "one_sided")
    other = next(c for c in rep.claims if c.party not in (None, mine.party) and c.evidence)
    mine.closest, mine.closest_cover = other.evidence[0], 0.34
    ev = other.evidence[0]
    md = render(rep, "md")
    assert f"closest the other side comes (it shares 34% of the claim's weighted terms): " in md
    assert f"[{esc(ev.account)} {ev.start}–{ev.end}]" in md.split("closest the other side comes", 1)[1]
    html = render(rep, "html")
    assert 'class="meta closest"' in html and f'data-start="{ev.start}"' in html
