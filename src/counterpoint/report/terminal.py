"""A readable summary of a Report in the terminal (Rich)."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table

from counterpoint.records import Report


def print_summary(report: Report, console: Console) -> None:
    title = report.event_id or "case"
    console.rule(f"[bold]{title}")
    if report.description:
        console.print(report.description, highlight=False)
    if report.parties:
        console.print("parties: " + ", ".join(report.parties), highlight=False)
    t = Table(title="accounts", show_lines=False)
    for col in ("id", "outlet", "side", "kind", "published", "chars", "removed"):
        t.add_column(col)
    for a in report.accounts:
        t.add_row(a.id, a.outlet or "", a.side, a.kind, f"{a.published or '?'} ({a.published_source})",
                  str(len(a.text)), str(len(a.removed)))
    console.print(t)
    console.print(f"{len(report.quotes)} quotes, {len(report.claims)} claims, {len(report.figures)} figures, "
                  f"{len(report.timeline)} timeline entries", highlight=False)
