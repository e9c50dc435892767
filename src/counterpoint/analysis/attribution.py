"""Who said what (interim: to be replaced by the attribution work)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc

from counterpoint.records import Account, Claim, Quote


@dataclass
class Mention:
    """A mention of an actor in one account: the surface name and where it is."""

    account: str
    text: str
    start: int
    end: int
    label: str = ""
    canonical: Optional[str] = None


def extract(doc: Doc, account: Account, parties: dict[str, list[str]]) -> tuple[list[Quote], list[Claim], list[Mention]]:
    return [], [], []
