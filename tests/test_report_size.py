"""The JSON report grows linearly with its input: no field copies a stretch of text once per finding."""
from __future__ import annotations

import json

import pytest

from counterpoint.records import SCHEMA_VERSION, SENTENCE_CONTEXT, Quote, Report, SentenceSpan, Span


def test_quote_sentence_is_clipped_around_the_quote():
    text = "a" * 5000 + '"we agree"' + "b" * 5000
    q0 = text.index('"')
    sent = Span(account="x", start=0, end=len(text), text=text, source_start=0, source_end=len(text))
    q = Quote(account="x", text='"we agree"', start=q0, end=q0 + 10, sentence=sent)
    s = q.sentence
    assert isinstance(s, SentenceSpan)
    assert (s.start, s.end, s.source_start, s.source_end) == (0, len(text), 0, len(text))  # the whole sentence
    assert (s.text_start, s.text_end) == (q0 - SENTENCE_CONTEXT, q0 + 10 + SENTENCE_CONTEXT)
    assert s.text == text[s.text_start:s.text_end]
    assert Quote.model_validate_json(q.model_dump_json()) == q  # a stored report reads back unchanged
    short = Quote(account="x", text="ok", start=3, end=5, sentence=Span(account="x", start=0, end=9, text="I said ok"))
    assert short.sentence.text == "I said ok" and short.sentence.text_start is None


def test_report_of_many_quotes_in_one_sentence_stays_linear():
    """1,000 quotes in one 39 KB sentence gave a 42 MB report (each quote copied the sentence)."""
    text = " ".join(f'Putin said "we agree on point {n}" and' for n in range(1000)) + " that was all."
    quotes = []
    for n in range(1000):
        start = text.index(f'"we agree on point {n}"')
        end = start + len(f'"we agree on point {n}"')
        quotes.append(Quote(account="a", text=text[start:end], start=start, end=end,
                            sentence=Span(account="a", start=0, end=len(text), text=text)))
    size = len(Report(quotes=quotes, schema_version=SCHEMA_VERSION).model_dump_json())
    assert size < 1000 * (2 * SENTENCE_CONTEXT + 400)  # bounded per quote, not per quote x sentence


@pytest.mark.timeout(600)
def test_analysed_long_sentence_of_quotes_gives_a_linear_report(tmp_path):
    from counterpoint.ingest import load_case
    from counterpoint.run import compare_case

    text = "The leaders spoke on Monday. " + " ".join(
        f'Putin said "we agree on point {n}" and' for n in range(300)) + " that was all.\n"
    (tmp_path / "a.txt").write_text(text)
    report = compare_case(load_case(tmp_path, [], keep_going=True))
    assert len(report.quotes) >= 250
    quotes = json.dumps([q.model_dump() for q in report.quotes])
    assert len(quotes) < len(report.quotes) * (2 * SENTENCE_CONTEXT + 600)
    # the brief keeps a bounded number of further one-sided claims and counts the rest
    from counterpoint import settings
    for bp in report.brief.parties:
        one_sided = [c for c in report.claims if c.party == bp.party and c.status == "one_sided"]
        assert len(bp.more) <= settings.BRIEF_MORE_ITEMS
        assert bp.more_total == len(one_sided) - len(bp.one_sided) >= len(bp.more)
