"""A readable summary of a Report in the terminal (Rich), laid out for 100 columns: the parties,
the accounts, the party x topic matrix with tone beside it, one-sided and contradicted claims with
who said them and the evidence, conflicting figures and the first timeline entries."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from counterpoint import settings
from counterpoint.records import BriefItem, Claim, Report

TIMELINE_ROWS = settings.TERMINAL_TIMELINE_ROWS
CLAIM_ROWS = settings.TERMINAL_CLAIM_ROWS
EXCERPT = settings.TERMINAL_EXCERPT_CHARS


def _cut(text: str, n: int = EXCERPT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def print_summary(report: Report, console: Console) -> None:
    title = report.event_id or "case"
    console.rule(f"[bold]{title}")
    if report.description:
        console.print(report.description, highlight=False)
    if report.parties:
        src = f" (from the {report.parties_source})" if report.parties_source != "none" else ""
        console.print("parties: " + ", ".join(
            f"[bold]{p}[/] ({', '.join(names[:3])}{'…' if len(names) > 3 else ''})" if names else f"[bold]{p}[/]"
            for p, names in report.parties.items()) + src, highlight=False)
    _brief(report, console)
    _accounts(report, console)
    console.print(f"{len(report.quotes)} quotes, {len(report.claims)} claims, {len(report.figures)} figures, "
                  f"{len(report.timeline)} timeline entries", highlight=False)
    _topics(report, console)
    _tone(report, console)
    _claims(report, console)
    _figures(report, console)
    _timeline(report, console)


def _item(item: BriefItem) -> Text:
    """One brief line: the sentence with the claim in bold, who said it, via what, where."""
    text = Text()
    sentence = " ".join(item.text.split()) if not item.highlight else item.text
    if item.highlight:
        a, b = item.highlight
        text.append(sentence[:a])
        text.append(sentence[a:b], style="bold")
        text.append(sentence[b:])
    else:
        text.append(_cut(sentence, 300))
    who = ", ".join(x for x in (item.speaker, item.party) if x) or "unnamed source"
    where = " ".join(f"[{e.account} {e.start}-{e.end}]" for e in item.evidence[:3])
    text.append(f"  — {who}" + (f" via {item.channel}" if item.channel else "") + f" {where}", style="dim")
    return text


def _brief(report: Report, console: Console) -> None:
    brief = report.brief
    if not brief.parties:
        return
    console.rule("[bold]what differs", style="dim")
    for bp in brief.parties:
        others = " or ".join(bp.others) or "the other side"
        if bp.others_more:
            others = ", ".join(bp.others) + f" or {bp.others_more:,} other parties"
        console.print(f"[bold]What {bp.party} said that {others} did not[/]", highlight=False)
        for i, item in enumerate(bp.one_sided, start=1):
            console.print(Text(f" {i}. ").append(_item(item)), highlight=False)
        if not bp.one_sided:
            console.print("  nothing found with enough confidence", style="dim", highlight=False)
        if bp.more_total:
            console.print(f"  … {bp.more_total} more in the report", style="dim", highlight=False)
    if brief.disagreements:
        console.print("[bold]Where they disagree[/]", highlight=False)
        for d in brief.disagreements:
            for side in d.sides:
                console.print(Text(f"  {side.party or 'press'}: ").append(_item(side)), highlight=False)
            console.print("")
    if brief.both_say:
        console.print("[bold]What both say[/]", highlight=False)
        for item in brief.both_say:
            console.print(Text("  · ").append(_item(item)), highlight=False)
    for bp in brief.parties:
        marks = ", ".join(dict.fromkeys(" ".join(m.text.replace("“", "").replace("”", "").split()) for m in bp.markers))
        console.print(f"[bold]{bp.party}[/] emphasis: {', '.join(bp.topics) or 'no topics'}"
                      + (f"; marks as salient: {marks}" if marks else "")
                      + (f" · tone: {bp.tone}" if bp.tone else ""), highlight=False)


def _accounts(report: Report, console: Console) -> None:
    t = Table(title="accounts", title_justify="left", show_lines=False)
    for col in ("id", "outlet", "side", "kind", "published", "chars"):
        t.add_column(col, overflow="fold")
    for a in report.accounts:
        t.add_row(a.id, a.outlet or "", a.side, a.kind, f"{a.published or '?'} ({a.published_source})",
                  str(len(a.text)))
    console.print(t)


def _topics(report: Report, console: Console) -> None:
    if not report.topics:
        return
    parties = list(report.parties) or sorted({p for t in report.topics for p in t.by_party})
    t = Table(title="who raised what (statements per party; * = marked as salient)", title_justify="left")
    t.add_column("topic", max_width=36, overflow="fold")
    for p in parties:
        t.add_column(p, justify="right")
    t.add_column("accounts", justify="right")
    for topic in report.topics:
        cells = []
        for p in parties:
            n = topic.by_party.get(p, 0)
            mark = "*" if topic.emphasis.get(p) else ""
            cells.append(Text(f"{n}{mark}" if n or mark else "·", style="bold" if mark else ""))
        label = topic.label + (" (yours)" if topic.source == "user" else "")
        t.add_row(label, *cells, str(len({e.account for e in topic.evidence})))
    console.print(t)
    for topic in report.topics:
        for p, spans in topic.emphasis.items():
            if spans:
                console.print(f"  * {p} on {topic.label}: “{_cut(spans[0].text, 80)}” [{spans[0].account}]",
                              highlight=False)


def _tone(report: Report, console: Console) -> None:
    if not report.tone:
        return
    t = Table(title="tone per party", title_justify="left")
    t.add_column("party")
    t.add_column("score", justify="right")
    t.add_column("words", max_width=70, overflow="fold")
    for tone in report.tone:
        t.add_row(tone.party, f"{tone.score:+.2f}", ", ".join(tone.words[:10]))
    console.print(t)


def _claim_row(c: Claim) -> tuple[str, str, str]:
    who = c.speaker or "?"
    src = c.evidence[0].account if c.evidence else ""
    why = c.status_reason or ""
    if c.status_evidence:
        ev = c.status_evidence[0]
        why += f"\n“{_cut(ev.text, 110)}” [{ev.account}]"
    return f"{who}\n({c.party}, {src})", _cut(c.text), why


def _claims(report: Report, console: Console) -> None:
    for status, title in (("one_sided", "one-sided claims"), ("contradicted", "contradicted claims")):
        rows = [c for c in report.claims if c.status == status]
        if not rows:
            continue
        t = Table(title=f"{title} ({len(rows)})", title_justify="left", show_lines=True)
        t.add_column("who", max_width=22, overflow="fold")
        t.add_column("claim", max_width=44, overflow="fold")
        t.add_column("why", max_width=32, overflow="fold")
        seen_groups = set()
        shown = 0
        for c in rows:
            if c.group is not None:
                if (c.party, c.group) in seen_groups:
                    continue  # the same proposition again from another account
                seen_groups.add((c.party, c.group))
            if shown >= CLAIM_ROWS:
                break
            t.add_row(*_claim_row(c))
            shown += 1
        console.print(t)
    n_corr = sum(1 for c in report.claims if c.status == "corroborated")
    if n_corr:
        console.print(f"{n_corr} claims corroborated by the other party's voice", highlight=False)


def _figures(report: Report, console: Console) -> None:
    conflicts = [f for f in report.figures if f.conflict]
    if not conflicts:
        return
    t = Table(title="conflicting figures", title_justify="left")
    t.add_column("account")
    t.add_column("figure", max_width=30, overflow="fold")
    t.add_column("measures", max_width=30, overflow="fold")
    t.add_column("against", max_width=30, overflow="fold")
    for f in conflicts:
        against = "; ".join(f"{s.text} [{s.account}]" for s in f.conflicts_with[:2])
        t.add_row(f.account, f.text, f.measures or "", against)
    console.print(t)


def _timeline(report: Report, console: Console) -> None:
    if not report.timeline:
        return
    t = Table(title=f"timeline (first {min(TIMELINE_ROWS, len(report.timeline))} of {len(report.timeline)})",
              title_justify="left")
    t.add_column("date", no_wrap=True)
    t.add_column("what", max_width=70, overflow="fold")
    t.add_column("accounts", max_width=20, overflow="fold")
    for e in report.timeline[:TIMELINE_ROWS]:
        t.add_row(e.date, _cut(e.text, 120), ", ".join(e.accounts))
    console.print(t)
