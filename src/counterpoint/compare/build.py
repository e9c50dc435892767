"""Assemble the Report of a case from the per-account analyses."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Optional

from counterpoint.case import Case
from counterpoint.compare import brief as divergence
from counterpoint.compare import claims as claim_status
from counterpoint.compare import figures as figure_conflicts
from counterpoint.compare import timeline, tone, topics
from counterpoint.records import Actor, Problem, Report

if TYPE_CHECKING:
    from counterpoint.analysis.pipeline import AccountAnalysis


def build_report(case: Case, analyses: list[AccountAnalysis], actors: list[Actor],
                 parties: dict[str, list[str]], topics_file: Optional[Path] = None) -> Report:
    quotes = [q for a in analyses for q in a.quotes]
    claims = [c for a in analyses for c in a.claims]
    figs = figure_conflicts.flag_conflicts([f for a in analyses for f in a.figures])
    found_topics = topics.find_topics(analyses, parties, topics_file)
    claims = claim_status.assign_status(claims, analyses, parties, found_topics, event_date=case.date)
    tones = tone.score_parties(analyses, parties)
    brief = divergence.build_brief(claims, analyses, parties, found_topics, tones, figs)
    return Report(
        event_id=case.event_id, description=case.description, date=case.date,
        parties=parties, parties_source="manifest" if case.parties else ("knowledge base" if parties else "none"),
        accounts=[a.account for a in analyses], actors=actors, quotes=quotes, claims=claims, figures=figs,
        timexes=[t for a in analyses for t in a.timexes],
        timeline=timeline.merge_events(analyses, case.date),
        topics=found_topics, tone=tones, brief=brief,
        problems=case.problems + [Problem(file=a.account.file or a.account.id, message=a.error)
                                  for a in analyses if a.error],
    )
