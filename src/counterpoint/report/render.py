"""Dispatch a Report to the renderer of the asked format."""
from __future__ import annotations

from counterpoint.records import Report


def render_json(report: Report) -> str:
    return report.model_dump_json(indent=1)


def render_md(report: Report) -> str:
    from counterpoint.report.markdown import render_markdown

    return render_markdown(report)


def render_html(report: Report) -> str:
    # Imported on use: matplotlib is only needed for HTML.
    from counterpoint.report.html import render_html as html

    return html(report)


FORMATS = {"json": render_json, "md": render_md, "html": render_html}
MEDIA_TYPES = {"json": "application/json", "md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8"}


def render(report: Report, fmt: str) -> str:
    return FORMATS[fmt](report)
