"""Tone per party from its own quotes and claims, with sentences written for these tests."""
from dataclasses import dataclass, field

import pytest

from counterpoint.compare import tone
from counterpoint.records import Account, Claim, Quote, Span


@dataclass
class FakeAnalysis:  # the fields of analysis.pipeline.AccountAnalysis that tone reads
    account: Account
    quotes: list = field(default_factory=list)
    claims: list = field(default_factory=list)


def quote(acc: str, party: str | None, text: str, start: int = 0) -> Quote:
    return Quote(account=acc, speaker="someone", party=party, text=text, start=start, end=start + len(text))


def claim(acc: str, party: str, text: str, start: int = 0) -> Claim:
    return Claim(text=text, speaker="someone", party=party,
                 evidence=[Span(account=acc, start=start, end=start + len(text), text=text)])


def analyses(*items):
    acc = Account(id="a1", text="x" * 2000)
    return [FakeAnalysis(account=acc, quotes=[i for i in items if isinstance(i, Quote)],
                         claims=[i for i in items if isinstance(i, Claim)])]


def test_warm_and_cold_parties_get_opposite_signs():
    an = analyses(
        quote("a1", "North", "It was a wonderful, very productive meeting with a great friend.", 0),
        quote("a1", "South", "We warn them that this reckless provocation will fail.", 100),
    )
    out = {t.party: t for t in tone.score_parties(an, {"North": [], "South": []})}
    assert out["North"].score > 0.3
    assert out["South"].score < -0.3
    assert "wonderful" in out["North"].words and "productive" in out["North"].words
    assert "reckless" in out["South"].words
    assert out["North"].evidence[0].account == "a1" and out["North"].evidence[0].start == 0


def test_negation_flips_the_sign():
    pos = tone.statement_score("The talks were good and helpful.")
    neg = tone.statement_score("The talks were not good and not helpful.")
    assert pos > 0 > neg
    words = dict(tone.carrying_words("The outcome was never satisfactory."))
    assert words["never satisfactory"] < 0


def test_inflected_words_are_found_in_the_lexicon():
    assert dict(tone.carrying_words("She praised the plan and welcomes talks."))["praised"] > 0
    assert tone.statement_score("Both sides lauded the agreement.") > 0


def test_parties_without_voice_get_no_entry_and_scores_stay_in_range():
    an = analyses(quote("a1", "North", "Excellent! Excellent! Excellent! The best, most wonderful call ever!!!"),
                  quote("a1", None, "An analyst called it a disaster."))
    out = tone.score_parties(an, {"North": [], "South": []})
    assert [t.party for t in out] == ["North"]
    assert -1 <= out[0].score <= 1


def test_claims_covered_by_a_quote_are_not_counted_twice():
    text = "a terrible and hostile step"
    an = analyses(quote("a1", "South", text, 10),
                  claim("a1", "South", "South called it a terrible and hostile step", 0),
                  claim("a1", "South", "South said the visit was a success", 500))
    [t] = tone.score_parties(an, {"South": []})
    assert len(t.evidence) == 2
    assert {e.start for e in t.evidence} == {10, 500}
    assert t.score == pytest.approx((tone.statement_score(text)
                                     + tone.statement_score("South said the visit was a success")) / 2, abs=1e-3)


def test_subject_matter_words_do_not_set_the_tone():
    assert tone.statement_score("The two leaders discussed the war.") == 0


def test_words_of_names_carry_no_sentiment():
    assert tone.carrying_words("Officials of the United States met in Hope Springs.") == []
    assert tone.statement_score("Delegates from the United Nations arrived.") == 0
