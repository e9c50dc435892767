"""Load a case folder (with or without event.json) or a list of files (interim: plain text only)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

from counterpoint.case import Case
from counterpoint.records import Account, OffsetMap, Problem


class InputError(Exception):
    """A bad input that stops the run (unless --keep-going)."""

    def __init__(self, problem: Problem):
        super().__init__(problem.line())
        self.problem = problem


def load_case(path: Optional[Path], files: list[Path] = (), keep_going: bool = False) -> Case:
    case = Case()
    entries = []
    if path and (path / "event.json").exists():
        m = json.loads((path / "event.json").read_text())
        case.event_id, case.description, case.date = m.get("event_id"), m.get("description"), m.get("date")
        case.parties = m.get("parties") or {}
        entries = [(path / a["file"], a) for a in m.get("accounts", [])]
    elif path:
        entries = [(p, {}) for p in sorted(path.iterdir()) if p.suffix == ".txt"]
    entries += [(Path(f), {}) for f in files]
    for p, meta in entries:
        text = p.read_text(encoding="utf-8")
        case.accounts.append(Account(id=meta.get("id") or p.stem, file=str(p), outlet=meta.get("outlet"),
                                     url=meta.get("url"), published=meta.get("published"),
                                     published_source="manifest" if meta.get("published") else "none",
                                     side=meta.get("side") or "press", kind=meta.get("kind") or "news report",
                                     text=text, offset_map=OffsetMap.identity(len(text))))
    return case
