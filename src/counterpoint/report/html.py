"""Report -> one self-contained HTML file (inline CSS, JS and SVG charts; no external loads).

Safety: every value from the report goes through Jinja2 autoescaping. The account texts the
source viewer needs travel as JSON in a `<script type="application/json">` block, escaped so
that no `</script>` (or `<!--`) inside an article can end the block, and the page script only
ever puts them into the document with textContent and DOM ranges. A Content-Security-Policy
meta allows nothing but the one inline script (by hash), inline styles and data: images.
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Optional, Sequence

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from counterpoint.records import Claim, Report
from counterpoint.report import plots, view

TEMPLATES = Path(__file__).parent / "templates"

SCRIPT = (TEMPLATES / "report.js").read_text(encoding="utf-8")
STYLE = (TEMPLATES / "report.css").read_text(encoding="utf-8")
SCRIPT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
# The report itself may load nothing from anywhere: only its own inline script (pinned by hash),
# its inline styles (the SVG charts use style attributes) and data: images.
CSP = (f"default-src 'none'; script-src '{SCRIPT_HASH}'; style-src 'unsafe-inline'; img-src data:; "
       "base-uri 'none'; form-action 'none'")


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                       trim_blocks=False, lstrip_blocks=False)


def json_for_script(value: object) -> str:
    """JSON that is inert inside an HTML <script> data block: no '<', '>' or '&' can close it or open a comment."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


def _accounts_payload(report: Report) -> dict[str, dict[str, str]]:
    payload = {}
    for a in report.accounts:
        label = a.id + (f" \u2014 {a.outlet}" if a.outlet else "")
        meta = " \u00b7 ".join(x for x in (a.kind, a.side, a.published or "", a.file or "") if x)
        payload[a.id] = {"text": a.text, "label": label, "meta": meta}
    return payload


_CLAIM_REF = re.compile(r"\bclaim (\S+?)(?=[\s,;.)]|$)")


def _reason_parts(report: Report):
    """A status reason as (text, claim) pieces: an internal id ('restates claim c4') becomes the
    claim it names, shown by its words and linked to its card."""
    by_id = {c.id: c for c in report.claims if c.id}

    def parts(reason: str) -> list[tuple[str, Optional[Claim]]]:
        out: list[tuple[str, Optional[Claim]]] = []
        pos = 0
        for m in _CLAIM_REF.finditer(reason):
            ref = by_id.get(m.group(1))
            if ref is None:
                continue
            out.append((reason[pos:m.start()], None))
            out.append(("", ref))
            pos = m.end()
        out.append((reason[pos:], None))
        return [(t, c) for t, c in out if t or c]

    return parts


def render_html(report: Report, downloads: Sequence[tuple[str, str]] = ()) -> str:
    """The report page. `downloads` (label, href) adds links to other formats (the web app uses it)."""
    from counterpoint import __version__

    colours = plots.party_colours(report)
    account_side = {a.id: a.side for a in report.accounts}
    party_names = list(report.parties) + [p for p in colours if p not in report.parties]  # manifest order
    heatmap = plots.topic_heatmap_svg(report)
    timeline_plot = plots.timeline_svg(report)
    template = _environment().get_template("report.html.j2")
    return template.render(
        r=report,
        version=__version__,
        csp=CSP,
        css=Markup(STYLE),
        script=Markup(SCRIPT),
        accounts_json=Markup(json_for_script(_accounts_payload(report))),
        heatmap=Markup(heatmap) if heatmap else None,  # matplotlib escapes every label it writes
        timeline_plot=Markup(timeline_plot) if timeline_plot else None,
        parties=[(name, report.parties.get(name, [])) for name in party_names],
        party_names=party_names,
        colour=lambda name: colours.get(name or "", colours.get(account_side.get(name or "", ""), plots.NEUTRAL)),
        view=view,
        status_counts=view.status_counts(report),
        claim_columns=view.claim_columns(report),
        quote_groups=view.quote_groups(report),
        conflict_count=view.conflict_count(report),
        removed_count=len(view.removed_text(report)),
        tone_width=lambda score: max(2, min(120, round(abs(score) * 120))),
        downloads=list(downloads),
        reason_parts=_reason_parts(report),
        excerpt=view.excerpt,
    )
