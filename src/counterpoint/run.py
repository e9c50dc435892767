"""The one path from loaded accounts to a Report, shared by the faces (cli compare, the web app)."""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Optional

from counterpoint.case import Case
from counterpoint.records import Account, Report


def compare_case(case: Case, topics_file: Optional[Path] = None,
                 on_done: Optional[Callable[[Account], None]] = None, deadline: Optional[float] = None) -> Report:
    """Analyse every account of a loaded case and assemble its Report (the case's problems included).
    `deadline` (time.monotonic()): accounts whose analysis is still running or not begun by then are
    one problem line each (the web app's per-request budget); each account also has its own
    (counterpoint.analysis.pipeline.ACCOUNT_TIME_BUDGET_S)."""
    from counterpoint.analysis import analyze_accounts
    from counterpoint.compare import build_report

    analyses, actors, parties = analyze_accounts(case.accounts, case.parties, on_done=on_done, deadline=deadline)
    return build_report(case, analyses, actors, parties, topics_file=topics_file)
