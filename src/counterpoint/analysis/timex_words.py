"""The words and regular-expression pieces of the TIMEX3 rules (`timex_rules`): month, weekday,
season, unit and number words (from data/calendar.yaml and data/numbers.yaml, read by `lexicon`),
the pattern fragments built from them, and the functions that read those words back as values."""
from __future__ import annotations

import re
from typing import Optional

from counterpoint.analysis import lexicon

_CAL = lexicon.load("calendar")  # data/calendar.yaml and data/numbers.yaml: the words, checked
_NUM = lexicon.numbers()
MONTHS = {**_CAL["months"].values("names"), **_CAL["months"].values("abbreviations")}
MONTH_FULL = set(_CAL["months"].words("names"))
WEEKDAYS = {**_CAL["weekdays"].values("names"), **_CAL["weekdays"].values("abbreviations")}
SEASONS = _CAL["seasons"].values("codes")
PARTS_OF_DAY = _CAL["parts_of_day"].values("codes")
ORDINALS = _CAL["ordinals"].values("values")
# unit word -> (TimeML duration letter, is time-of-day unit, days it spans)
UNITS = {u: tuple(v) for u, v in _CAL["time_units"].values("units").items()}
# number words of durations: the cardinals and the counting words ('a year', 'a couple of days')
SMALL = {**_NUM["numbers"].values("cardinals"), **_NUM["counting"].values("timex")}
TENS = _NUM["numbers"].values("tens")
VAGUE_QUANTITIES = set(_NUM["counting"].words("vague"))
LAW_NOUNS = set(_CAL["law_names"].words("nouns"))


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


MONTH = r"(?:" + "|".join(w.capitalize() for w in _CAL["months"].words("names")) + "|" \
        + "|".join(w.capitalize() + r"\.?" for w in _CAL["months"].words("abbreviations")) + ")"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon\.|Tues?\.|Wed\.|Thu(?:rs?)?\.|Fri\.|Sat\.|Sun\.)"
NUMWORD = r"(?:(?:" + _alt(TENS) + r")(?:[\s-](?:" + _alt([w for w in SMALL if SMALL[w] < 10 and w not in ("a", "an", "single", "couple", "zero")]) + r"))?|" \
          + _alt([w for w in SMALL if w not in ("a", "an", "single", "couple", "dozen")]) + r"|hundred|thousand)"
NUM = r"(?:\d+(?:[.,]\d+)?(?:\s+1/2)?|" + NUMWORD + r"(?:\s+and\s+a\s+half)?|an?|a\s+couple\s+of|a\s+few|a\s+dozen|several|few|many|some|the)"
UNIT = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|decades?|centuries|century)"
YEAR = r"(?:1[5-9]\d\d|20\d\d)"
SPOKEN_YEAR = r"(?:(?:nineteen|eighteen)[\s-]+(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|two\s+thousand(?:\s+and)?(?:\s+(?:one|two|three|four|five|six|seven|eight|nine|ten))?)"


def year_value(text: str) -> int:
    """'1996' -> 1996, 'nineteen ninety-six' -> 1996, 'two thousand and one' -> 2001."""
    t = text.strip().lower()
    if t.isdigit():
        return int(t)
    words = re.split(r"[\s-]+", t)
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        return 2000 + int(number_value(" ".join(rest)) or 0) if rest else 2000
    return {"nineteen": 1900, "eighteen": 1800}[words[0]] + int(number_value(" ".join(words[1:])) or 0)
DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
APPROX = r"(?:(?:about|around|approximately|nearly|almost|roughly|some|more\s+than|less\s+than|fewer\s+than|" \
         r"at\s+least|at\s+most|up\s+to|over|under|within|no\s+more\s+than|no\s+less\s+than|only|just|barely|" \
         r"another|an\s+additional|close\s+to|upwards\s+of)\s+)"
EDGE = r"(?:(?:early|earlier|late|later|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|" \
       r"the\s+first\s+half\s+of|the\s+second\s+half\s+of|end\s+of|start\s+of|beginning\s+of|sometime|some\s+time|" \
       r"the\s+rest\s+of|the\s+remainder\s+of)[\s-]+)"


def number_value(text: str) -> Optional[float]:
    """'three' -> 3, 'twenty-four' -> 24, '2 1/2' -> 2.5, 'a' -> 1; None for vague ('several')."""
    t = text.lower().strip()
    t = re.sub(r"\s+", " ", t)
    half = 0.0
    if t.endswith(" and a half"):
        t, half = t[: -len(" and a half")], 0.5
    if t.endswith(" 1/2"):
        t, half = t[:-4], 0.5
    if t in VAGUE_QUANTITIES or t == "the":
        return None
    if t in ("a couple of",):
        return 2
    if t == "a dozen":
        return 12
    if re.fullmatch(r"\d+(?:,\d{3})*(?:\.\d+)?", t):
        return float(t.replace(",", "")) + half
    parts = re.split(r"[\s-]+", t)
    total = 0.0
    for p in parts:
        if p in SMALL:
            total += SMALL[p]
        elif p in TENS:
            total += TENS[p]
        elif p == "hundred":
            total = max(total, 1) * 100
        elif p == "thousand":
            total = max(total, 1) * 1000
        else:
            return None
    return total + half


def unit_of(word: str) -> str:
    w = word.lower()
    if w == "centuries":
        return "century"
    return w[:-1] if w.endswith("s") and w[:-1] in UNITS else w


def month_num(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def weekday_num(word: str) -> int:
    return WEEKDAYS[word.lower().rstrip(".")]


def relative_direction(word: Optional[str]) -> int:
    """'last'/'past'/'previous' -> -1, 'next'/'coming'/'following' -> +1, 'this'/'current' -> 0."""
    w = (word or "").lower().split()
    if not w:
        return 0
    w = w[-1] if w[0] == "this" and len(w) > 1 else w[0]
    if w in ("last", "past", "previous", "preceding", "prior"):
        return -1
    if w in ("next", "coming", "following", "upcoming"):
        return 1
    return 0
