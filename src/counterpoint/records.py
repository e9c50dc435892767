"""Typed records that flow through the stages: ingest -> analysis -> compare -> report.

Every extracted item carries provenance: the account id and character offsets into that
account's cleaned text (`start`/`end`), and where known the offsets mapped back to the
original decoded file (`source_start`/`source_end`). The JSON report is `Report`; its schema
is versioned by `SCHEMA_VERSION` and printed by `counterpoint schema`.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from counterpoint import settings

SCHEMA_VERSION = "1.9"  # 1.1: Quote.sentence is a SentenceSpan (text clipped around the quote); 1.2: Report.brief;
#                       1.3: Account.parts (page or paragraph of PDF and Word input); 1.4: Topic.raised, TimelineEntry.background;
#                       1.5: BriefParty.others at most BRIEF_OTHER_PARTIES names, BriefParty.others_more;
#                       1.6: BriefParty.more at most BRIEF_MORE_ITEMS items, BriefParty.more_total;
#                       1.7: Account.presents (the party whose own statement a press account relays);
#                       1.8: Claim.closest, Claim.closest_cover (the other side's nearest statement to a one-sided claim);
#                       1.9: Figure.place_of (what happened at the places a count counts)
#: Characters of a quote's sentence kept on each side of the quote in `Quote.sentence.text`: every quote
#: copied its whole sentence, so one long sentence of N quotes made a report of N x its length.
SENTENCE_CONTEXT = settings.SENTENCE_CONTEXT

Status = Literal["corroborated", "one_sided", "contradicted", "unattributed"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(Record):
    """A stretch of one account's cleaned text."""

    account: str
    start: int
    end: int
    text: str
    source_start: Optional[int] = None
    source_end: Optional[int] = None


class RemovedText(Record):
    """Text dropped while cleaning an account (boilerplate, widgets), kept so nothing disappears silently."""

    text: str
    reason: str
    source_start: Optional[int] = None
    source_end: Optional[int] = None


class OffsetMap(Record):
    """Maps cleaned-text offsets back to the decoded original file.

    Piecewise linear: `runs` is a sorted list of [clean_start, source_start, length]; a clean offset
    inside a run maps to source_start + (offset - clean_start). Offsets between runs (inserted
    characters such as joining newlines) map to the start of the next run.
    """

    runs: list[tuple[int, int, int]] = Field(default_factory=list)

    def to_source(self, offset: int) -> Optional[int]:
        lo, hi = 0, len(self.runs)
        while lo < hi:  # last run with clean_start <= offset
            mid = (lo + hi) // 2
            if self.runs[mid][0] <= offset:
                lo = mid + 1
            else:
                hi = mid
        i = lo - 1
        if i < 0:
            return self.runs[0][1] if self.runs else None
        cs, ss, n = self.runs[i]
        if offset <= cs + n:
            return ss + (offset - cs)
        if i + 1 < len(self.runs):
            return self.runs[i + 1][1]
        return ss + n

    @classmethod
    def identity(cls, length: int) -> "OffsetMap":
        return cls(runs=[(0, 0, length)])


class SourcePart(Record):
    """A page of a PDF or a paragraph of a .docx: the stretch of the extracted text (the account's
    original, which `source_start`/`source_end` offsets point into) that came from it."""

    kind: Literal["page", "paragraph"]
    number: int
    source_start: int
    source_end: int


class Account(Record):
    """One account of the event: a document, cleaned, with its metadata."""

    id: str
    file: Optional[str] = None
    format: str = "text"
    outlet: Optional[str] = None
    url: Optional[str] = None
    title: Optional[str] = None
    published: Optional[str] = None  # ISO date
    published_source: Literal["manifest", "page metadata", "jsonl metadata", "warc header", "text", "none"] = "none"
    side: str = "press"
    kind: str = "news report"
    # A press account that relays a party's own statement (a news report quoting most of a readout,
    # a repost of a ministry's release): that party. Its sentences keep their own attribution; the
    # brief ranks what the account gives that party as it ranks the party's own readout.
    presents: Optional[str] = None
    language: Optional[str] = None
    encoding: Optional[str] = None
    note: Optional[str] = None  # the manifest's free-text note on this account
    text: str
    offset_map: OffsetMap = Field(default_factory=OffsetMap)
    removed: list[RemovedText] = Field(default_factory=list)
    parts: list[SourcePart] = Field(default_factory=list)  # pages (PDF) or paragraphs (.docx)

    def part_at(self, start: int) -> Optional[SourcePart]:
        """The page or paragraph a cleaned-text offset came from (PDF and .docx accounts)."""
        src = self.offset_map.to_source(start) if self.parts else None
        if src is None:
            return None
        return next((p for p in self.parts if p.source_start <= src <= p.source_end), None)

    def span(self, start: int, end: int) -> Span:
        return Span(account=self.id, start=start, end=end, text=self.text[start:end],
                    source_start=self.offset_map.to_source(start), source_end=self.offset_map.to_source(end))


class Problem(Record):
    """A bad input: which file and what is wrong (one line)."""

    file: str
    message: str

    def line(self) -> str:
        return f"{self.file}: {self.message}"


class Actor(Record):
    """A canonical speaker or mentioned actor across all accounts of a case."""

    name: str
    party: Optional[str] = None
    kind: Literal["person", "organization", "media", "document", "group", "unknown"] = "unknown"
    role: Optional[str] = None
    aliases: list[str] = Field(default_factory=list)
    mentions: int = 0


class SentenceSpan(Span):
    """The sentence a quote stands in. `start`/`end` (and `source_start`/`source_end`) cover the whole
    sentence. `text` is the whole sentence when it is at most the quote plus SENTENCE_CONTEXT characters
    on each side; otherwise it is the window of the sentence from `text_start` to `text_end` (offsets in
    the account's cleaned text) around the quote. `text_start`/`text_end` are null when nothing was clipped."""

    text_start: Optional[int] = None
    text_end: Optional[int] = None


class Quote(Record):
    account: str
    speaker: Optional[str] = None
    party: Optional[str] = None
    channel: Optional[str] = None
    kind: Literal["direct", "partial", "indirect", "according_to", "structural"] = "direct"
    cue: Optional[str] = None
    text: str
    start: int
    end: int
    source_start: Optional[int] = None
    source_end: Optional[int] = None
    sentence: Optional[SentenceSpan] = None

    @field_validator("sentence", mode="before")
    @classmethod
    def _sentence_span(cls, value):
        return value.model_dump() if isinstance(value, Span) and not isinstance(value, SentenceSpan) else value

    @model_validator(mode="after")
    def _clip_sentence(self) -> "Quote":
        """Keep the report linear in its input: at most SENTENCE_CONTEXT characters of the sentence on
        each side of the quote."""
        s = self.sentence
        if s is None or s.text_start is not None or len(s.text) <= (self.end - self.start) + 2 * SENTENCE_CONTEXT:
            return self
        lo = min(max(s.start, self.start - SENTENCE_CONTEXT), s.end)
        hi = max(min(s.end, self.end + SENTENCE_CONTEXT), lo)
        s.text, s.text_start, s.text_end = s.text[lo - s.start:hi - s.start], lo, hi
        return self


class Claim(Record):
    id: str = ""
    text: str
    speaker: Optional[str] = None
    party: Optional[str] = None
    channel: Optional[str] = None
    verb: Optional[str] = None
    stance: Optional[str] = None
    status: Optional[Status] = None
    status_reason: Optional[str] = None
    topics: list[str] = Field(default_factory=list)
    group: Optional[int] = None
    evidence: list[Span] = Field(default_factory=list)
    status_evidence: list[Span] = Field(default_factory=list)
    #: for a one-sided claim, the other side's statement that comes closest to it (sharing some of its
    #: terms, too few to say it too) and the weighted share of the claim's terms it has: what a reader
    #: checks before trusting that the other side left it out
    closest: Optional[Span] = None
    closest_cover: Optional[float] = None


class Figure(Record):
    account: str
    value: float
    unit: str = ""
    text: str
    start: int
    end: int
    source_start: Optional[int] = None
    source_end: Optional[int] = None
    approx: Optional[str] = None
    measures: Optional[str] = None
    # for a count of the places where something happened, the lemma of what happened there ('expel'
    # for 'expelled from at least 140 polling stations'): counts of places of other acts are two sets
    place_of: Optional[str] = None
    conflict: bool = False
    conflicts_with: list[Span] = Field(default_factory=list)


class Timex(Record):
    account: str
    start: int
    end: int
    text: str
    type: TimexType
    value: str
    source_start: Optional[int] = None
    source_end: Optional[int] = None


class TimelineEntry(Record):
    date: str
    end: Optional[str] = None  # last date of a range ('between December and early January')
    text: str
    accounts: list[str] = Field(default_factory=list)
    tense: Optional[Literal["past", "present", "future"]] = None
    evidence: list[Span] = Field(default_factory=list)
    # dated before the day of the event: what led up to it, listed after the event's own entries
    background: bool = False


class Topic(Record):
    label: str
    terms: list[str] = Field(default_factory=list)
    source: Literal["auto", "user"] = "auto"
    by_party: dict[str, int] = Field(default_factory=dict)
    emphasis: dict[str, list[Span]] = Field(default_factory=dict)
    evidence: list[Span] = Field(default_factory=list)
    # where each party raised it: short excerpts of its own statements around the topic's term
    raised: dict[str, list[Span]] = Field(default_factory=dict)


class Tone(Record):
    party: str
    score: float
    words: list[str] = Field(default_factory=list)
    evidence: list[Span] = Field(default_factory=list)


class BriefItem(Record):
    """One line of the brief: a finding as a readable sentence, who said it and where.

    `text` is the whole sentence the claim stands in (quotation marks balanced); `highlight` gives
    the offsets of the claim inside `text` ([start, end), null when the claim is the whole line).
    `evidence` holds the claim in every account that carries it; `counter` the other side's version
    or the sentences that single it out ('no mention of ...'). `reason` is the status reason with
    internal claim ids replaced by the claims' words; `refs` are the ids it referred to."""

    claim: Optional[str] = None
    kind: Literal["claim", "figure"] = "claim"
    party: Optional[str] = None
    speaker: Optional[str] = None
    channel: Optional[str] = None
    status: Optional[Status] = None
    text: str
    highlight: Optional[tuple[int, int]] = None
    sentence: Optional[Span] = None
    evidence: list[Span] = Field(default_factory=list)
    counter: list[Span] = Field(default_factory=list)
    reason: Optional[str] = None
    refs: list[str] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list)
    score: float = 0.0
    signals: list[str] = Field(default_factory=list)  # why it ranks where it does


class BriefDisagreement(Record):
    """Where the parties disagree: a contradicted claim or conflicting figures, each side's version."""

    kind: Literal["claim", "figure"] = "claim"
    about: Optional[str] = None
    sides: list[BriefItem] = Field(default_factory=list)


class BriefParty(Record):
    """What one party said that the others did not, what it stressed, and its tone."""

    party: str
    # The other parties, at most settings.BRIEF_OTHER_PARTIES of them (every party listed every other:
    # 10,000 parties made a brief of 10^8 names, 5.5 GB and a 1.3 GB page); others_more counts the rest.
    others: list[str] = Field(default_factory=list)
    others_more: int = 0
    one_sided: list[BriefItem] = Field(default_factory=list)  # shown, ranked by salience
    # the rest, ranked: at most settings.BRIEF_MORE_ITEMS of them (a case of 1,000 one-sided claims
    # repeated each in the brief); more_total counts them all, and every one is in `claims`
    more: list[BriefItem] = Field(default_factory=list)
    more_total: int = 0
    topics: list[str] = Field(default_factory=list)           # its leading topics
    markers: list[Span] = Field(default_factory=list)         # its own salience markers
    tone: Optional[str] = None                                # one line
    tone_words: list[str] = Field(default_factory=list)
    tone_evidence: list[Span] = Field(default_factory=list)


class Brief(Record):
    """The divergence brief that leads every report. `one_sided` maps each party to the ranked ids
    of the claims the brief shows for it (at most `limit`), so the brief can be scored."""

    limit: int = 5
    parties: list[BriefParty] = Field(default_factory=list)
    one_sided: dict[str, list[str]] = Field(default_factory=dict)
    disagreements: list[BriefDisagreement] = Field(default_factory=list)
    more_disagreements: list[BriefDisagreement] = Field(default_factory=list)
    both_say: list[BriefItem] = Field(default_factory=list)
    more_both_say: list[BriefItem] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)  # e.g. nothing to compare against


class Report(Record):
    schema_version: str = SCHEMA_VERSION
    event_id: Optional[str] = None
    description: Optional[str] = None
    date: Optional[str] = None
    parties: dict[str, list[str]] = Field(default_factory=dict)
    parties_source: Literal["manifest", "knowledge base", "none"] = "none"
    accounts: list[Account] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    timexes: list[Timex] = Field(default_factory=list)
    timeline: list[TimelineEntry] = Field(default_factory=list)
    topics: list[Topic] = Field(default_factory=list)
    tone: list[Tone] = Field(default_factory=list)
    problems: list[Problem] = Field(default_factory=list)
    brief: Brief = Field(default_factory=Brief)
