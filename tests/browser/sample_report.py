"""A hand-built Report with every field filled, for the renderer and browser tests.

The accounts are invented sentences (two governments, Aldoria and Brevia, and a newspaper);
every item's offsets are computed from the text so a wrong offset in a renderer shows up as a
wrong highlight, not as a silently different test fixture.
"""
from __future__ import annotations

from counterpoint.records import (Account, Actor, Claim, Figure, OffsetMap, Problem, Quote, RemovedText, Report, Span,
                                  TimelineEntry, Timex, Tone, Topic)

ALDORIA_TEXT = (
    "Readout of the Chancellor's call with the Brevian Premier\n\n"
    "Chancellor Anna Lind spoke with Premier Odo Vask on Tuesday. "
    "The two leaders agreed to restore the river ferry by the end of May. "
    "Chancellor Lind said that \"the river unites our peoples\" and welcomed Brevia's pledge "
    "to buy 40,000 tonnes of Aldorian barley.\n"
)
BREVIA_TEXT = (
    "Premier Vask held talks with Chancellor Lind\n\n"
    "Premier Odo Vask told Chancellor Lind that the ferry dispute must be settled on equal terms. "
    "Brevia will buy 25,000 tonnes of barley, the Premier's office said. "
    "Vask described the talks as \"sober but useful\" \U0001F6A2 and said the ferry would not resume before June.\n"
)
GAZETTE_TEXT = (
    "Neighbours edge toward a ferry deal\n\n"
    "ALDBURG, March 4 (Gazette) - The leaders of Aldoria and Brevia discussed the closed river ferry "
    "on Tuesday, officials on both sides said. Aldoria's readout said Brevia would buy 40,000 tonnes "
    "of barley; Brevia's statement put the figure at 25,000 tonnes. "
    "\"Nothing is agreed until the boats run,\" said Mira Holt, an analyst at the Vell Institute.\n"
)
HOSTILE_TEXT = (
    "A pasted page with markup in it\n\n"
    "The comment read <script>window.__pwned=1</script> and then "
    "<img src=x onerror=\"window.__pwned=1\"> followed by </script><b>bold</b> & more.\n"
)

PARTIES = {"Aldoria": ["Anna Lind", "Aldorian Chancellery"], "Brevia": ["Odo Vask", "Brevian Premier's Office"]}


def _account(id: str, text: str, outlet: str, side: str, kind: str, published: str) -> Account:
    return Account(id=id, file=f"{id}.txt", outlet=outlet, published=published, published_source="manifest",
                   side=side, kind=kind, text=text, offset_map=OffsetMap.identity(len(text)), language="en",
                   encoding="utf-8")


def _at(account: Account, needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = account.text.index(needle, start + 1)
    return account.span(start, start + len(needle))


def rich_report(with_hostile: bool = False) -> Report:
    ald = _account("aldoria-readout", ALDORIA_TEXT, "Aldorian Chancellery", "Aldoria", "official readout", "2026-03-03")
    bre = _account("brevia-readout", BREVIA_TEXT, "Brevian Premier's Office", "Brevia", "official readout",
                   "2026-03-03")
    gaz = _account("gazette", GAZETTE_TEXT, "The Aldburg Gazette", "press", "news report", "2026-03-04")
    ald.removed = [RemovedText(text="Share this page on social media", reason="boilerplate: share widget",
                               source_start=300, source_end=331)]
    accounts = [ald, bre, gaz]
    if with_hostile:
        accounts.append(_account("hostile", HOSTILE_TEXT, "<i>Pasted</i> outlet", "press", "news report", "2026-03-05"))

    def quote(acc: Account, needle: str, speaker: str, party: str | None, kind: str = "direct", cue: str = "said",
              channel: str | None = None) -> Quote:
        s = _at(acc, needle)
        sentence = acc.span(acc.text.rfind(". ", 0, s.start) + 2, acc.text.find(".", s.end) + 1)
        return Quote(account=acc.id, speaker=speaker, party=party, kind=kind, cue=cue, channel=channel, text=s.text,
                     start=s.start, end=s.end, source_start=s.source_start, source_end=s.source_end, sentence=sentence)

    quotes = [
        quote(ald, "the river unites our peoples", "Anna Lind", "Aldoria", channel="readout"),
        quote(bre, "sober but useful", "Odo Vask", "Brevia", channel="readout"),
        quote(bre, "the ferry dispute must be settled on equal terms", "Odo Vask", "Brevia", kind="indirect",
              cue="told"),
        quote(gaz, "Nothing is agreed until the boats run,", "Mira Holt", None, channel="interview"),
    ]
    ferry_ald = _at(ald, "The two leaders agreed to restore the river ferry by the end of May.")
    ferry_bre = _at(bre, "the ferry would not resume before June")
    barley_ald = _at(ald, "welcomed Brevia's pledge to buy 40,000 tonnes of Aldorian barley")
    barley_bre = _at(bre, "Brevia will buy 25,000 tonnes of barley")
    equal = _at(bre, "the ferry dispute must be settled on equal terms")
    claims = [
        Claim(id="c1", text=ferry_ald.text, speaker="Anna Lind", party="Aldoria", channel="readout", verb="agreed",
              status="contradicted", status_reason="Brevia's readout puts the ferry's return after June",
              topics=["river ferry"], group=1, evidence=[ferry_ald], status_evidence=[ferry_bre]),
        Claim(id="c2", text=barley_ald.text, speaker="Anna Lind", party="Aldoria", verb="welcomed",
              status="corroborated", status_reason="both readouts report a barley purchase",
              topics=["barley trade"], group=2, evidence=[barley_ald], status_evidence=[barley_bre]),
        Claim(id="c3", text=equal.text, speaker="Odo Vask", party="Brevia", verb="told", stance="demand",
              status="one_sided", status_reason="only Brevia mentions equal terms", topics=["river ferry"],
              evidence=[equal]),
        Claim(id="c4", text=_at(gaz, "Nothing is agreed until the boats run,").text, speaker="Mira Holt",
              status="unattributed", evidence=[_at(gaz, "Nothing is agreed until the boats run,")]),
    ]

    def figure(acc: Account, needle: str, value: float, unit: str, conflicts: list[Span]) -> Figure:
        s = _at(acc, needle)
        return Figure(account=acc.id, value=value, unit=unit, text=s.text, start=s.start, end=s.end,
                      source_start=s.source_start, source_end=s.source_end, measures="barley purchase",
                      conflict=bool(conflicts), conflicts_with=conflicts)

    fig_ald = _at(ald, "40,000 tonnes")
    fig_bre = _at(bre, "25,000 tonnes")
    figures = [
        figure(ald, "40,000 tonnes", 40000, "t", [fig_bre]),
        figure(bre, "25,000 tonnes", 25000, "t", [fig_ald]),
        figure(gaz, "40,000 tonnes", 40000, "t", []),
    ]
    tuesday = _at(ald, "Tuesday")
    end_may = _at(ald, "the end of May")
    june = _at(bre, "June")
    march4 = _at(gaz, "March 4")
    timexes = [
        Timex(account=ald.id, start=tuesday.start, end=tuesday.end, text=tuesday.text, type="DATE", value="2026-03-03"),
        Timex(account=ald.id, start=end_may.start, end=end_may.end, text=end_may.text, type="DATE", value="2026-05"),
        Timex(account=bre.id, start=june.start, end=june.end, text=june.text, type="DATE", value="2026-06"),
        Timex(account=gaz.id, start=march4.start, end=march4.end, text=march4.text, type="DATE", value="2026-03-04"),
    ]
    timeline = [
        TimelineEntry(date="2026-03-03", text="Lind and Vask spoke by phone", accounts=[ald.id, bre.id, gaz.id],
                      tense="past", evidence=[_at(ald, "Chancellor Anna Lind spoke with Premier Odo Vask on Tuesday."),
                                              _at(gaz, "discussed the closed river ferry on Tuesday")]),
        TimelineEntry(date="2026-05", text="river ferry restored (Aldoria)", accounts=[ald.id], tense="future",
                      evidence=[ferry_ald]),
        TimelineEntry(date="2026-06", text="ferry not before June (Brevia)", accounts=[bre.id], tense="future",
                      evidence=[ferry_bre]),
        TimelineEntry(date="PRESENT_REF", text="talks continue", accounts=[gaz.id], tense="present", evidence=[]),
    ]
    topics = [
        Topic(label="river ferry", terms=["ferry", "river"], by_party={"Aldoria": 2, "Brevia": 3},
              emphasis={"Aldoria": [ferry_ald], "Brevia": [equal, ferry_bre]}, evidence=[ferry_ald, ferry_bre],
              raised={"Aldoria": [ferry_ald], "Brevia": [ferry_bre]}),
        Topic(label="barley trade", terms=["barley", "tonnes"], source="user", by_party={"Aldoria": 1, "Brevia": 1},
              emphasis={"Aldoria": [barley_ald], "Brevia": [barley_bre]}, evidence=[barley_ald, barley_bre],
              raised={"Aldoria": [barley_ald], "Brevia": [barley_bre]}),
        Topic(label="equal terms", terms=["equal terms"], by_party={"Brevia": 1}, emphasis={"Brevia": [equal]},
              evidence=[equal], raised={"Brevia": [equal]}),
    ]
    tone = [
        Tone(party="Aldoria", score=0.62, words=["unites", "welcomed"],
             evidence=[_at(ald, "the river unites our peoples")]),
        Tone(party="Brevia", score=-0.15, words=["dispute", "sober"], evidence=[_at(bre, "sober but useful")]),
    ]
    actors = [
        Actor(name="Anna Lind", party="Aldoria", kind="person", role="Chancellor", aliases=["Lind"], mentions=4),
        Actor(name="Odo Vask", party="Brevia", kind="person", role="Premier", aliases=["Vask"], mentions=4),
        Actor(name="Mira Holt", kind="person", role="analyst", mentions=1),
    ]
    problems = [Problem(file="broken.bin", message="binary file, not text")]
    if with_hostile:
        hostile = accounts[-1]
        script = _at(hostile, "<script>window.__pwned=1</script>")
        img = _at(hostile, '<img src=x onerror="window.__pwned=1">')
        quotes.append(Quote(account=hostile.id, speaker='<img src=x onerror="window.__pwned=1">', kind="direct",
                            text=script.text, start=script.start, end=script.end))
        claims.append(Claim(id="h1", text=img.text, speaker="<script>window.__pwned=1</script>", status="one_sided",
                            evidence=[img]))
        topics.append(Topic(label="<script>window.__pwned=1</script>", by_party={"Aldoria": 1}, evidence=[script]))
        problems.append(Problem(file="<b>x</b>.txt", message='<img src=x onerror="window.__pwned=1">'))
    return Report(event_id="2026-03-03-lind-vask-call", description="Invented call between Aldoria and Brevia",
                  date="2026-03-03", parties=PARTIES, parties_source="manifest", accounts=accounts, actors=actors,
                  quotes=quotes, claims=claims, figures=figures, timexes=timexes, timeline=timeline, topics=topics,
                  tone=tone, problems=problems)
