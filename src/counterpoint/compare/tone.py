"""Tone per party: how warmly or coldly each party's own voice speaks of the event and the other side.

Each distinct statement of a party (its quotes, and its claims not already covered by a quote) is
scored with VADER (Hutto & Gilbert, 2014), whose lexicon ships in the vaderSentiment wheel and whose
rules handle negation ("not a good deal"), boosters ("very positive") and contrast ("but").
The party's score is the mean compound score of its statements, in [-1, 1]. The words that carry
it are listed with their sign after negation ("not good" counts against), strongest first, and the
statements that carry the most weight are kept as evidence.
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import Iterable, Optional

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer, negated

from counterpoint.analysis.lexicon import compare_words
from counterpoint.records import Span, Tone

# The general words of the compare stage live in data/compare.yaml (checked by analysis/lexicon.py).
_WORDS = compare_words()
# Diplomatic register that VADER's social-media lexicon lacks; valences on VADER's -4..4 scale,
# set by analogy with neighbours it has ("positive" 2.6, "good" 1.9, "worry" -1.9, "threat" -2.4).
DIPLOMATIC_LEXICON = {
    "productive": 1.9, "constructive": 1.9, "constructively": 1.9, "cooperation": 1.5, "cooperate": 1.5,
    "mutually": 0.8, "win-win": 2.0, "stability": 1.2, "fruitful": 2.0, "candid": 0.5, "cordial": 1.8,
    "warm": 1.5, "lauded": 2.2, "laud": 2.2, "concern": -1.2, "concerns": -1.2, "concerned": -1.2,
    "escalation": -1.5, "provocation": -2.0, "provocative": -2.0, "interference": -1.6, "prudence": 0.4,
    "muted": -0.6, "reserved": -0.3, "refute": -1.4, "refutes": -1.4, "reject": -1.5, "rejects": -1.5,
    "sabotaged": -2.4, "barbaric": -3.0, "undermining": -1.8,
}
# Subject matter, not tone: "ending the war" is not a cold remark about the other side.
SUBJECT_MATTER = set(_WORDS["topics"].words("subject_matter"))

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


@lru_cache(maxsize=1)
def analyzer() -> SentimentIntensityAnalyzer:
    a = SentimentIntensityAnalyzer()
    a.lexicon.update(DIPLOMATIC_LEXICON)
    for w in SUBJECT_MATTER:
        a.lexicon.pop(w, None)
    return a


def _lexicon_form(word: str, lexicon: dict) -> Optional[str]:
    """The lexicon entry for an inflected word ("praising" -> "praise", "welcomes" -> "welcome")."""
    w = word.lower().replace("’", "'")
    if w in lexicon:
        return w
    for suffix, repl in (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"),
                         ("ly", ""), ("ily", "y")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            base = w[: -len(suffix)] + repl
            if base in lexicon:
                return base
    return None


def _is_name(m: re.Match, text: str) -> bool:
    """A capitalised word inside a sentence is part of a name ("United States", "Hope Street")."""
    w = m.group()
    if len(w) < 2 or not w[0].isupper() or w.isupper():
        return False
    before = text[:m.start()].rstrip(" \t\"'“‘(")
    return bool(before) and before[-1] not in ".!?:;\n"


def _words(text: str) -> list[tuple[str, bool]]:
    """(word, is part of a name) for every word of `text`."""
    return [(m.group(), _is_name(m, text)) for m in _WORD.finditer(text)]


def _normalise(text: str, lexicon: dict) -> str:
    """The text with inflected sentiment words replaced by their lexicon form, so VADER sees them,
    and words of names masked, so that they carry no sentiment."""
    def sub(m: re.Match) -> str:
        if _is_name(m, text):
            return "Name"
        form = _lexicon_form(m.group(), lexicon)
        return form if form and form != m.group().lower() else m.group()
    return _WORD.sub(sub, text)


def carrying_words(text: str) -> list[tuple[str, float]]:
    """(word, signed valence) for each sentiment word of `text`; negated words flip sign."""
    a = analyzer()
    tagged = _words(text)
    words = [w for w, _ in tagged]
    out = []
    for i, (w, is_name) in enumerate(tagged):
        form = None if is_name else _lexicon_form(w, a.lexicon)
        if not form:
            continue
        valence = a.lexicon[form]
        window = [x.lower().replace("’", "'") for x in words[max(0, i - 3):i]]
        if window and negated(window):
            negator = next((x for x in reversed(window) if negated([x])), "not")
            out.append((f"{negator} {w.lower()}", -0.74 * valence))  # VADER's own negation scalar
        else:
            out.append((w.lower(), valence))
    return out


def statement_score(text: str) -> float:
    a = analyzer()
    return a.polarity_scores(_normalise(text, a.lexicon))["compound"]


def _statements(analyses: Iterable, party: str) -> list[tuple[str, Span]]:
    """A party's distinct statements: its quotes, then its claims that no quote already covers."""
    out: list[tuple[str, Span]] = []
    covered: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for an in analyses:
        for q in an.quotes:
            if q.party != party or not q.text.strip():
                continue
            covered[q.account].append((q.start, q.end))
            out.append((q.text, Span(account=q.account, start=q.start, end=q.end, text=q.text,
                                     source_start=q.source_start, source_end=q.source_end)))
    for an in analyses:
        for c in an.claims:
            if c.party != party or not c.text.strip():
                continue
            ev = c.evidence[0] if c.evidence else Span(account=an.account.id, start=0, end=0, text=c.text)
            if any(s < ev.end and ev.start < e for s, e in covered[ev.account]):
                continue
            out.append((c.text, ev))
    return out


def score_parties(analyses, parties: dict[str, list[str]]) -> list[Tone]:
    """One Tone per party that has a voice in the case, in the order of `parties`."""
    tones = []
    for party in parties:
        statements = _statements(analyses, party)
        if not statements:
            continue
        scored = [(statement_score(text), text, span) for text, span in statements]
        score = sum(s for s, _, _ in scored) / len(scored)
        weights: dict[str, float] = defaultdict(float)
        for _, text, _ in scored:
            for word, valence in carrying_words(text):
                weights[word] += valence
        # words that pull the same way as the score first, strongest first
        sign = 1 if score >= 0 else -1
        words = sorted(weights, key=lambda w: (-(weights[w] * sign), w))
        evidence = [span for s, _, span in sorted(scored, key=lambda x: -abs(x[0])) if s != 0][:5]
        tones.append(Tone(party=party, score=round(max(-1.0, min(1.0, score)), 3),
                          words=[w for w in words if weights[w] != 0][:12], evidence=evidence))
    return tones
