"""Report -> JSON / Markdown / HTML. Renders, never recomputes."""
from counterpoint.report.render import FORMATS, render

__all__ = ["FORMATS", "render"]
