"""counterpoint's attribution as a spaCy pipeline component, for spaCy users:

    import spacy
    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("counterpoint_attribution", config={"parties": {"Norland": ["Ilse Varga"]}})
    doc = nlp(text)
    for q in doc._.quotes:
        print(q.speaker, q.speaker_span, q.cue, q.content)

Registered through the `spacy_factories` entry point, so spaCy finds it without an import. It wraps
`analysis.attribution.extract` and needs a parser and entity recogniser before it. `doc._.quotes` and
`doc._.claims` are lists of `Attribution`: the resolved speaker name and party, the speaker's mention,
the cue and the content as spaCy Spans, and the Quote or Claim record. Config: `kb`, a YAML file in
the format of `counterpoint/data/actors_kb.yaml` used instead of the built-in knowledge base, and
`parties` (party -> names). What the component finds is kept in `doc.user_data` as offsets, so Docs
still serialise (DocBin, to_bytes); the Spans are built when read.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Union

from spacy.language import Language
from spacy.tokens import Doc, Span

from counterpoint.analysis import attribution
from counterpoint.analysis import kb as kbase
from counterpoint.analysis import nlp as _nlp  # noqa: F401 - registers "paragraph_breaks" for users who want it
from counterpoint.records import Account, Claim, Quote

_KEY = "counterpoint_attribution"


@dataclass
class Attribution:
    """Who said what, in one Doc: `content` is what was said; `speaker_span` and `cue` are None when
    the text gives no mention or cue word for them (a speaker from a heading, a quote's neighbour)."""

    speaker: Optional[str]
    party: Optional[str]
    speaker_span: Optional[Span]
    cue: Optional[Span]
    content: Span
    record: Union[Quote, Claim]


def _get(kind: str):
    def getter(doc: Doc) -> Optional[List[Attribution]]:
        found = doc.user_data.get((_KEY, kind))
        if found is None:
            return None
        out = []
        for speaker, party, sp, cue, content, record in found:
            rec = (Quote if kind == "quotes" else Claim).model_validate_json(record)
            out.append(Attribution(speaker, party, _span(doc, sp), _span(doc, cue), _span(doc, content), rec))
        return out
    return getter


for _kind in ("quotes", "claims"):
    if not Doc.has_extension(_kind):
        Doc.set_extension(_kind, getter=_get(_kind))


def _span(doc: Doc, rng) -> Optional[Span]:
    if not rng:
        return None
    return doc.char_span(rng[0], rng[1], alignment_mode="expand")


class AttributionComponent:
    def __init__(self, nlp: Language, name: str, kb: Optional[str], parties: Dict[str, List[str]]):
        self.name = name
        self.parties = {k: list(v) for k, v in (parties or {}).items()}
        self.kb = kbase.from_file(kb) if kb else None

    def __call__(self, doc: Doc) -> Doc:
        if not doc.has_annotation("DEP"):
            raise ValueError("counterpoint_attribution needs a dependency parser before it in the pipeline "
                             "(e.g. en_core_web_sm's 'parser')")
        account = Account(id=str(doc.user_data.get("counterpoint_account", "doc")), text=doc.text)
        with kbase.using(self.kb):
            quotes, claims, mentions = attribution.extract(doc, account, self.parties)
        speakers = [m for m in mentions if m.label.startswith("speaker:")]
        doc.user_data[(_KEY, "quotes")] = [
            (q.speaker, q.party, _speaker_at(speakers, q.speaker, q.start, q.end),
             _cue_at(doc, q.cue, q.start, q.end), (q.start, q.end), q.model_dump_json()) for q in quotes]
        doc.user_data[(_KEY, "claims")] = [
            (c.speaker, c.party, _speaker_at(speakers, c.speaker, c.evidence[0].start, c.evidence[0].end),
             _cue_at(doc, c.verb, c.evidence[0].start, c.evidence[0].end, lemma=True),
             _content(c), c.model_dump_json()) for c in claims if c.evidence]
        return doc


def _content(c: Claim) -> tuple[int, int]:
    """The claim's words, without the complementiser the record also drops ("that ...")."""
    ev = c.evidence[0]
    return (ev.start + 5, ev.end) if ev.text.lower().startswith("that ") else (ev.start, ev.end)


def _speaker_at(mentions, name: Optional[str], start: int, end: int, reach: int = 400):
    """The mention of the resolved speaker nearest the content (the subject of its cue), if any."""
    if not name:
        return None
    near = [m for m in mentions if m.canonical == name and not (start <= m.start < end)
            and (start - reach <= m.start <= end + reach)]
    if not near:
        return None
    m = min(near, key=lambda m: min(abs(m.start - start), abs(m.start - end)))
    return (m.start, m.end)


def _cue_at(doc: Doc, cue: Optional[str], start: int, end: int, lemma: bool = False, reach: int = 300):
    """The cue word (a reporting verb, 'according to') nearest the content, outside it."""
    if not cue:
        return None
    first = cue.split()[0].lower()
    best = None
    for tok in doc:
        if tok.idx < start - reach:
            continue
        if tok.idx > end + reach:
            break
        if start <= tok.idx < end:
            continue
        if (tok.lemma_.lower() if lemma else tok.lower_) == first or tok.lower_ == first:
            d = min(abs(tok.idx - start), abs(tok.idx - end))
            if best is None or d < best[0]:
                n = len(cue.split()) if not lemma else 1
                last = doc[min(tok.i + n, len(doc)) - 1]
                best = (d, (tok.idx, last.idx + len(last.text)))
    return best[1] if best else None


@Language.factory(_KEY, default_config={"kb": None, "parties": {}},
                  requires=["token.dep", "token.lemma", "doc.ents"], assigns=["doc._.quotes", "doc._.claims"])
def make_attribution(nlp: Language, name: str, kb: Optional[str], parties: Dict[str, List[str]]) -> AttributionComponent:
    """The `counterpoint_attribution` factory (entry point `spacy_factories`)."""
    return AttributionComponent(nlp, name, kb, parties)
