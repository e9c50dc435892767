"""A case: the accounts of one event, with the manifest's metadata. Produced by ingest."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from counterpoint.records import Account, Problem


@dataclass
class Case:
    event_id: Optional[str] = None
    description: Optional[str] = None
    date: Optional[str] = None
    parties: dict[str, list[str]] = field(default_factory=dict)
    accounts: list[Account] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
