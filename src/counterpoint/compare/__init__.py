"""The accounts of a case -> topics, claim status, figure conflicts, timeline, tone -> Report."""
from counterpoint.compare.build import build_report

__all__ = ["build_report"]
