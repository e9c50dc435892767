"""Runs the spaCy pipeline once over every account (nlp.pipe, batched) and hands each parsed Doc
to the extractors: attribution (quotes, claims), figures and temporal expressions. Actor names
are then canonicalised across all accounts of the case. Each parse is then frozen into the
spaCy-free records of `counterpoint.parsed` (`AccountAnalysis.parsed`), which is all the compare
stage reads of it; the spaCy Doc is not kept."""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Callable, Iterator, Optional

from spacy.tokens import Doc

from counterpoint import settings
from counterpoint.analysis import actors, attribution, figures, speakers, structure, timex
from counterpoint.analysis.freeze import freeze
from counterpoint.analysis.nlp import load_pipeline
from counterpoint.analysis.quotes import paragraphs
from counterpoint.parsed import ParsedDoc
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
    # social posts (a thread, replies): each post is its author's voice, whatever the account's side
    posts: list[structure.Post] = field(default_factory=list)
    # lines of page furniture ('Reply · Repost 412 · Like 1.3K') and a release's back matter (from
    # 'ENDS' or 'Notes to editors' on): (start, end), never a claim
    furniture: list[tuple[int, int]] = field(default_factory=list)
    error: Optional[str] = None  # an extractor failed on this account: nothing from it is reported
    # the parsed account as spaCy-free records, for the compare stage of the same run (each account
    # is parsed once; compare parses nothing)
    parsed: Optional[ParsedDoc] = field(default=None, repr=False, compare=False)


#: Wall-clock seconds one account's analysis may take: its share of its batch's parse, then each
#: stage (attribution, temporal expressions, figures, speakers), checked between stages. Past it the
#: account is one problem line and the others are still reported. None: no budget. Size bounds
#: (MAX_TEXT_CHARS, MAX_TEXT_TOKENS) keep ordinary accounts far below it; this is the backstop for
#: what they do not foresee. A stage already running is not interrupted (that needs a process).
ACCOUNT_TIME_BUDGET_S: Optional[float] = settings.ACCOUNT_TIME_BUDGET_S


class AnalysisTimeout(Exception):
    """An account's analysis passed its time budget (ACCOUNT_TIME_BUDGET_S or a run's deadline)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class _Clock:
    """One account's deadline (now, plus its budget, less the parse time already spent on it) and
    the run's."""

    def __init__(self, budget: Optional[float], spent: float = 0.0, run_deadline: Optional[float] = None):
        self.budget, self.spent = budget, spent
        self.deadline = None if budget is None else time.monotonic() + budget - spent
        self.run_deadline = run_deadline

    def check(self, stage: str) -> None:
        now = time.monotonic()
        if self.deadline is not None and now > self.deadline:
            raise AnalysisTimeout(f"analysis stopped {stage}: over the time budget of {self.budget:g} s per account")
        if self.run_deadline is not None and now > self.run_deadline:
            raise AnalysisTimeout(f"analysis stopped {stage}: the run's time budget was spent")


def analyze_doc(doc: Doc, account: Account, parties: dict[str, list[str]],
                clock: Optional[_Clock] = None) -> AccountAnalysis:
    """Everything one account yields on its own, before case-level actor resolution. `clock` is
    checked before each stage (AnalysisTimeout past its deadline); work done is not thrown away."""
    check = clock.check if clock is not None else (lambda _stage: None)
    check("after parsing")
    quotes, claims, mentions = attribution.extract(doc, account, parties)
    check("after quotes and claims")
    tx, events = timex.extract(doc, account)
    check("after dates")
    found = figures.extract(doc, account)
    check("after figures")
    voices, places = speakers.place_voices(doc), speakers.places_in(doc)
    found_posts = structure.posts(account.text)
    for post in found_posts:
        post.party = actors.party_for(post.author, None, parties)
    furniture = [(lo, hi) for lo, hi in paragraphs(account.text) if structure.is_furniture(account.text[lo:hi])]
    back = structure.back_matter(account.text)
    if back is not None:   # a release's notes to editors: about the issuer, not the event
        furniture.append((back, len(account.text)))
    return AccountAnalysis(account=account, quotes=quotes, claims=claims, mentions=mentions,
                           figures=found, timexes=tx, events=events, voices=voices, places=places,
                           posts=found_posts, furniture=furniture)


#: Words and marks parsed in one spaCy batch, at most: the parser's memory follows the tokens of
#: the whole batch (about 17 KB a token at its peak; 4 accounts of 10,000 one-letter words in one
#: batch peaked at 819 MB, as one of 40,000 does), so 16 accounts at the per-account limit in one
#: batch of 16 would need many GB. An account over it is parsed alone.
MAX_BATCH_TOKENS = settings.BATCH_TOKENS
_TOKEN = re.compile(r"\w+|[^\w\s]")


def _batches(accounts: list[Account], batch_size: int) -> Iterator[list[Account]]:
    """Consecutive accounts, at most `batch_size` and MAX_BATCH_TOKENS words and marks a batch."""
    batch: list[Account] = []
    tokens = 0
    for a in accounts:
        n = sum(1 for _ in _TOKEN.finditer(a.text))
        if batch and (len(batch) >= batch_size or tokens + n > MAX_BATCH_TOKENS):
            yield batch
            batch, tokens = [], 0
        batch.append(a)
        tokens += n
    if batch:
        yield batch


def analyze_accounts(accounts: list[Account], parties: dict[str, list[str]],
                     on_done: Optional[Callable[[Account], None]] = None,
                     batch_size: int = 16, n_process: int = 1,
                     deadline: Optional[float] = None) -> tuple[list[AccountAnalysis], list[Actor], dict[str, list[str]]]:
    """Parse and analyse every account; return the analyses, the case's canonical actors and the
    parties (the manifest's, or those found through the knowledge base when none were given).
    An account past ACCOUNT_TIME_BUDGET_S is one error (`AccountAnalysis.error`), the others go on;
    past `deadline` (time.monotonic(), a whole run's budget) the accounts not yet analysed are
    one error each."""
    nlp = load_pipeline()
    out = []
    for batch in _batches(accounts, batch_size):
        # the batch's parse time is shared out over its accounts by length
        asked = time.monotonic()
        docs = list(nlp.pipe([a.text for a in batch], batch_size=len(batch), n_process=n_process))
        parse, chars = time.monotonic() - asked, max(1, sum(len(a.text) for a in batch))
        for doc, account in zip(docs, batch):
            clock = _Clock(ACCOUNT_TIME_BUDGET_S, parse * len(account.text) / chars, deadline)
            try:
                out.append(analyze_doc(doc, account, parties, clock))
            except AnalysisTimeout as e:
                out.append(AccountAnalysis(account=account, error=e.message))
            except Exception as e:  # noqa: BLE001 - one account's failure must not lose the others
                out.append(AccountAnalysis(account=account, error=f"analysis failed ({type(e).__name__}: {e})"))
            out[-1].parsed = freeze(doc)
            if on_done:
                on_done(account)
    found_actors, parties = actors.resolve(out, parties)
    return out, found_actors, parties
