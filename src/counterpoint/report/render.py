"""Dispatch a Report to the renderer of the asked format."""
from __future__ import annotations

from counterpoint.records import Report


def render_json(report: Report) -> str:
    return report.model_dump_json(indent=1)


FORMATS = {"json": render_json}


def render(report: Report, fmt: str) -> str:
    return FORMATS[fmt](report)
