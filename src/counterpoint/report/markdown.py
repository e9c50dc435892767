"""Report -> Markdown: the same sections as the HTML report, as text to read, paste or diff.

Every item cites its account and character offsets into that account's cleaned text as
`[account start–end]`. Text from the accounts is escaped so a Markdown viewer shows it as
written: HTML tags stay text, and table cells cannot be broken by `|` or newlines.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

from counterpoint.records import Brief, BriefItem, Report, Span
from counterpoint.report import view
from counterpoint.report.view import UNKNOWN_SPEAKER, excerpt, marker_text

_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|])")


def esc(text: Optional[str]) -> str:
    """Inline text: HTML-inert, Markdown-inert, one line."""
    if not text:
        return ""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return " ".join(text.split())


def cite(account: str, start: int, end: int) -> str:
    return f"[{esc(account)} {start}\u2013{end}]"


def cite_spans(spans: Iterable[Span]) -> str:
    return " ".join(cite(s.account, s.start, s.end) for s in spans)


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out + [""]


def _item_list(add, items: list[BriefItem], empty: str, more: Optional[str]) -> None:
    """A brief section's items, one line each; a note when there are none, and how many more there are."""
    for item in items:
        add(f"- {item_line(item)}")
    if not items:
        add(empty)
    elif more:
        add(more)
    add("")


def item_line(item: BriefItem) -> str:
    """One brief item: the sentence with the claim in bold, who said it and through which channel,
    and the evidence in every account."""
    if item.highlight:
        a, b = item.highlight
        mid = item.text[a:b]
        lead, trail = mid[:len(mid) - len(mid.lstrip())], mid[len(mid.rstrip()):]
        before, after = item.text[:a], item.text[b:]
        # esc() folds whitespace at the ends too: keep the space that parts the bold claim from its sentence
        lead = lead or (" " if before[-1:].isspace() else "")
        trail = trail or (" " if after[:1].isspace() else "")
        text = f"{esc(before)}{' ' if lead else ''}**{esc(mid.strip())}**{' ' if trail else ''}{esc(after)}"
        text = text.strip()
    else:
        text = esc(item.text)
    who = ", ".join(esc(x) for x in (item.speaker, item.party) if x)
    via = f" via {esc(item.channel)}" if item.channel else ""
    line = f"{text} — {who or view.UNNAMED_SOURCE}{via} {cite_spans(item.evidence)}"
    if item.counter:
        line += f" · {view.counter_label(item.status)}: {cite_spans(item.counter)}"
    return line.rstrip()


def render_brief(brief: Brief, parties: list[str]) -> list[str]:
    out: list[str] = ["## Brief: what differs", ""]
    add = out.append
    for w in brief.warnings:
        add(f"> **Note:** {esc(w)}")
        add("")
    for bp in brief.parties:
        others = " or ".join(esc(o) for o in bp.others) or "the other side"
        if bp.others_more:
            others = ", ".join(esc(o) for o in bp.others) + f" or {bp.others_more:,} other parties"
        add(f"### What {esc(bp.party)} said that {others} did not")
        add("")
        _item_list(add, bp.one_sided, "_nothing found with enough confidence_",
                   f"- _and {bp.more_total} more one-sided claims of {esc(bp.party)} under Claims_" if bp.more_total else None)
    add("### Where they disagree")
    add("")
    for d in brief.disagreements:
        about = f" ({esc(d.about)})" if d.about else ""
        add(f"- {'figures' if d.kind == 'figure' else 'claim'}{about}:")
        for side in d.sides:
            add(f"  - **{esc(side.party) or view.PRESS}**: {item_line(side)}")
    if not brief.disagreements:
        add("_no contradictions or conflicting figures found_")
    elif brief.more_disagreements:
        add(f"- _and {len(brief.more_disagreements)} more_")
    add("")
    add("### What both say")
    add("")
    _item_list(add, brief.both_say, "_nothing corroborated_",
               f"- _and {len(brief.more_both_say)} more_" if brief.more_both_say else None)
    add("### Emphasis")
    add("")
    for bp in brief.parties:
        topics = ", ".join(esc(t) for t in bp.topics) or "no topics"
        marks = "; ".join(f"“{esc(marker_text(m.text))}” {cite(m.account, m.start, m.end)}" for m in bp.markers)
        add(f"- **{esc(bp.party)}**: leads with {topics}" + (f"; marks as salient: {marks}" if marks else ""))
    add("")
    add("### Tone")
    add("")
    for bp in brief.parties:
        add(f"- **{esc(bp.party)}**: {esc(bp.tone) or 'no statements to score'}")
    add("")
    return out


def render_markdown(report: Report) -> str:
    out: list[str] = []
    add = out.append
    add(f"# {esc(report.event_id) or 'Untitled case'}")
    add("")
    if report.description:
        add(esc(report.description))
        add("")
    facts = []
    if report.date:
        facts.append(f"date of the event: {esc(report.date)}")
    facts.append(f"{len(report.accounts)} accounts")
    facts.append(f"parties from {report.parties_source}")
    add(" · ".join(facts))
    add("")
    out.extend(render_brief(report.brief, list(report.parties)))

    add("## Parties")
    add("")
    if report.parties:
        for name, members in report.parties.items():
            add(f"- **{esc(name)}**: {', '.join(esc(m) for m in members) or '(no members listed)'}")
    else:
        add("_no parties known_")
    add("")

    add("## Accounts")
    add("")
    if report.accounts:
        out.extend(_table(["account", "outlet", "side", "kind", "published", "characters", "file"], [
            [esc(a.id), esc(a.outlet), esc(a.side), esc(a.kind), f"{esc(a.published) or 'unknown'} ({a.published_source})",
             str(len(a.text)), esc(a.file)] for a in report.accounts]))
    else:
        add("_no accounts_")
        add("")

    add("## Topics by party")
    add("")
    if report.topics:
        parties = list(report.parties)
        for t in report.topics:
            parties += [p for p in t.by_party if p not in parties]
        out.extend(_table(["topic"] + [esc(p) for p in parties] + ["terms"], [
            [esc(t.label) + (" (your topic)" if t.source == "user" else "")] + [str(t.by_party.get(p, 0)) for p in parties]
            + [esc(", ".join(t.terms))] for t in report.topics]))
        for t in report.topics:
            if not (t.raised or t.evidence):
                continue
            add(f"- **{esc(t.label)}** — where each party raised it:")
            for party, spans in t.raised.items():
                said = "; ".join(f"{esc(excerpt(s.text))} {cite(s.account, s.start, s.end)}" for s in spans)
                marks = t.emphasis.get(party)
                add(f"  - {esc(party)}: {said}" + (f"; marks as salient: {cite_spans(marks)}" if marks else ""))
            if t.evidence and not t.raised:
                add("  - no party's own words; in the accounts: " + "; ".join(
                    f"{esc(excerpt(s.text))} {cite(s.account, s.start, s.end)}" for s in t.evidence[:3]))
        add("")
    else:
        add("_no topics found_")
        add("")

    add("## Claims by party")
    add("")
    if report.claims:
        for name, claims in view.claim_columns(report, no_party_last=False):
            add(f"### {esc(name)} ({len(claims)})")
            add("")
            if not claims:
                add("_no claims_")
            for c in claims:
                who = esc(c.speaker) or UNKNOWN_SPEAKER
                extra = "".join(f" · {label} {esc(v)}" for label, v in (("verb", c.verb), ("via", c.channel),
                                                                        ("stance", c.stance)) if v)
                add(f"- **{view.status_label(c.status)}** — {esc(c.text)} — {who}{extra} "
                    f"{cite_spans(c.evidence)}")
                if c.topics:
                    add(f"  - topics: {esc(', '.join(c.topics))}")
                if c.status_reason:
                    add(f"  - why: {esc(c.status_reason)}")
                if c.status_evidence:
                    add(f"  - {view.evidence_label(c.status)}: {cite_spans(c.status_evidence)}")
                if c.closest is not None:
                    add(f"  - {view.closest_label(c.closest_cover)}: “{esc(view.clip(c.closest.text))}” "
                        f"{cite_spans([c.closest])}")
            add("")
    else:
        add("_no claims found_")
        add("")

    add("## Quotes by speaker")
    add("")
    if report.quotes:
        for speaker, party, quotes in view.quote_groups(report, most_quoted_first=False):
            add(f"### {esc(speaker)}" + (f" ({esc(party)})" if party else ""))
            add("")
            for q in quotes:
                meta = q.kind.replace("_", " ") + (f", cue “{esc(q.cue)}”" if q.cue else "") + \
                    (f", via {esc(q.channel)}" if q.channel else "")
                add(f"> {esc(q.text)}")
                add(">")
                add(f"> — {meta} {cite(q.account, q.start, q.end)}")
                add("")
    else:
        add("_no quotes found_")
        add("")

    add("## Figures")
    add("")
    if report.figures:
        add(f"{view.conflict_count(report)} in conflict with another account.")
        add("")
        out.extend(_table(["as written", "value", "unit", "measures", "source", "conflict", "conflicts with"], [
            [esc(f.text), (esc(f.approx) + " " if f.approx else "") + view.number(f.value), esc(f.unit), esc(f.measures),
             cite(f.account, f.start, f.end), "**conflict**" if f.conflict else "",
             "; ".join(f"{esc(s.text)} {cite(s.account, s.start, s.end)}" for s in f.conflicts_with)]
            for f in report.figures]))
    else:
        add("_no figures found_")
        add("")

    add("## Timeline")
    add("")
    if report.timeline:
        for i, e in enumerate(report.timeline, start=1):
            if e.background and (i == 1 or not report.timeline[i - 2].background):
                add("")
                add("Background, before the event:")
                add("")
            tense = f" ({e.tense})" if e.tense else ""
            accounts = f" — {esc(', '.join(e.accounts))}" if e.accounts else ""
            add(f"{i}. **{esc(e.date)}**{tense} {esc(e.text)}{accounts} {cite_spans(e.evidence)}".rstrip())
        add("")
    else:
        add("_no dated events found_")
        add("")

    add("## Tone by party")
    add("")
    if report.tone:
        out.extend(_table(["party", "score", "words", "evidence"], [
            [esc(t.party), f"{t.score:+.2f}", esc(", ".join(t.words)), cite_spans(t.evidence)] for t in report.tone]))
    else:
        add("_no tone scores_")
        add("")

    add("## Actors")
    add("")
    if report.actors:
        out.extend(_table(["name", "party", "kind", "role", "also called", "mentions"], [
            [esc(a.name), esc(a.party), a.kind, esc(a.role), esc(", ".join(a.aliases)), str(a.mentions)]
            for a in report.actors]))
    else:
        add("_no actors found_")
        add("")

    add("## Time expressions")
    add("")
    if report.timexes:
        out.extend(_table(["as written", "type", "value", "source"], [
            [esc(t.text), t.type, esc(t.value), cite(t.account, t.start, t.end)] for t in report.timexes]))
    else:
        add("_no time expressions found_")
        add("")

    add("## Text removed while cleaning")
    add("")
    removed = view.removed_text(report)
    if removed:
        for account, x in removed:
            where = f" (original file characters {x.source_start}–{x.source_end})" if x.source_start is not None else ""
            add(f"- {esc(account)}: {esc(x.reason)}{where}: {esc(x.text)}")
        add("")
    else:
        add("_nothing removed_")
        add("")

    add("## Problems with the input")
    add("")
    if report.problems:
        for p in report.problems:
            add(f"- {esc(p.file)}: {esc(p.message)}")
    else:
        add("_none_")
    add("")
    add(f"_counterpoint report, schema {esc(report.schema_version)}; citations are [account start–end] "
        "character offsets into each account's cleaned text._")
    return "\n".join(out) + "\n"
