"""Runs the spaCy pipeline once over every account (nlp.pipe, batched) and hands each parsed Doc
to the extractors: attribution (quotes, claims), figures and temporal expressions. Actor names
are then canonicalised across all accounts of the case."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional

from spacy.tokens import Doc

from counterpoint.analysis import actors, attribution, figures, speakers, timex
from counterpoint.analysis.nlp import load_pipeline
from counterpoint.records import Account, Actor, Claim, Figure, Quote, TimelineEntry, Timex


@dataclass
class AccountAnalysis:
    account: Account
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    events: list[TimelineEntry] = field(default_factory=list)  # dated happenings, one per dated sentence
    mentions: list[attribution.Mention] = field(default_factory=list)
    # (person, place) pairs an office title ties together, and the places named: parties from the
    # text when neither manifest nor knowledge base names them
    voices: list[tuple[str, str]] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    error: Optional[str] = None  # an extractor failed on this account: nothing from it is reported
    # the parsed account, kept for the compare stage of the same run (each account is parsed once)
    doc: Optional[Doc] = field(default=None, repr=False, compare=False)


def analyze_doc(doc: Doc, account: Account, parties: dict[str, list[str]]) -> AccountAnalysis:
    """Everything one account yields on its own, before case-level actor resolution."""
    quotes, claims, mentions = attribution.extract(doc, account, parties)
    tx, events = timex.extract(doc, account)
    return AccountAnalysis(account=account, quotes=quotes, claims=claims, mentions=mentions,
                           figures=figures.extract(doc, account), timexes=tx, events=events,
                           voices=speakers.place_voices(doc), places=speakers.places_in(doc))


def analyze_accounts(accounts: list[Account], parties: dict[str, list[str]],
                     on_done: Optional[Callable[[Account], None]] = None,
                     batch_size: int = 16, n_process: int = 1) -> tuple[list[AccountAnalysis], list[Actor], dict[str, list[str]]]:
    """Parse and analyse every account; return the analyses, the case's canonical actors and the
    parties (the manifest's, or those found through the knowledge base when none were given)."""
    nlp = load_pipeline()
    texts: Iterable[tuple[str, Account]] = ((a.text, a) for a in accounts)
    out = []
    for doc, account in nlp.pipe(texts, as_tuples=True, batch_size=batch_size, n_process=n_process):
        try:
            out.append(analyze_doc(doc, account, parties))
        except Exception as e:  # noqa: BLE001 - one account's failure must not lose the others
            out.append(AccountAnalysis(account=account, error=f"analysis failed ({type(e).__name__}: {e})"))
        out[-1].doc = doc
        if on_done:
            on_done(account)
    found_actors, parties = actors.resolve(out, parties)
    return out, found_actors, parties
