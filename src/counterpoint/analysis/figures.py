"""Quantities in an account: percentages, money, physical measures, durations and counts of things.

Two passes. `scan` reads the plain text and finds every number (digits with scale suffixes such as
"300bn", or written out: "two-and-a-half", "half a million", "a dozen") together with what is glued
to it: a currency before it, a scale word and a unit after it, an approximation word in front. It
normalises each to a value in base units and a canonical unit. `extract` then uses the spaCy parse
of the account to decide what a careful reader would list: numbers without a unit only count when
they count the things of a plural noun; dates, times, ordinals, numbers inside names, footnote
markers and page furniture are dropped; and each figure gets the noun phrase it measures.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc, Span as SpacySpan, Token

from counterpoint.analysis import lexicon
from counterpoint.analysis.docindex import index_of
from counterpoint.analysis.timex_scan import first_char_class
from counterpoint.records import Account, Figure

# --- number words -------------------------------------------------------------------------

_NUMBERS = lexicon.numbers()["numbers"]  # data/numbers.yaml, checked
UNITS_WORDS = _NUMBERS.values("cardinals")
TENS_WORDS = _NUMBERS.values("tens")
SCALE_WORDS = _NUMBERS.values("scales")
# Abbreviated scales, written after digits ("300bn", "$5m", "2.3 tn").
SCALE_ABBREV = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12, "trn": 1e12,
                "cr": 1e7}

_NUMWORD = "|".join(sorted(list(UNITS_WORDS) + list(TENS_WORDS) + ["hundred", "thousand", "million",
                                                                    "billion", "trillion", "dozen"],
                           key=len, reverse=True))
# A run of number words: "twenty-five", "one hundred and twenty", "two-and-a-half", "a dozen",
# "half a million". Validated and evaluated by `words_value`.
_WORD_NUMBER = (
    rf"(?:(?:an?[\s-]+)?half[\s-]+dozen\b"
    rf"|(?:half[\s-]+an?|an?)[\s-]+(?:hundred|thousand|million|billion|trillion|dozen)\b"
    rf"|half[\s-]+an?(?=[\s-]+(?:second|minute|hour|day|week|month|year|decade|century)\b)"
    rf"|(?:{_NUMWORD})\b(?:(?:[\s-]+and)?[\s-]+(?:{_NUMWORD})\b)*"
    rf"(?:[\s-]+and[\s-]+an?[\s-]+(?:half|quarter)\b)?)")
# The engine tries a pattern opening with \b at every word edge, each time through the whole alternation
# of number words; a look-ahead for the letters a match can start with (read off the pattern) turns most
# edges away first: the same matches in half the time.
_FIRST = first_char_class(_WORD_NUMBER, re.I)  # None: no look-ahead, the same matches
WORD_NUMBER = re.compile(r"\b" + (f"(?={_FIRST})" if _FIRST else "") + _WORD_NUMBER, re.I)
DIGITS = re.compile(r"(?<![\w.,:/])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)")


def words_value(words: str) -> Optional[float]:
    """Value of a run of English number words, or None when it is not one number."""
    toks = [t for t in re.split(r"[\s-]+", words.lower()) if t]
    if toks[-2:] == ["half", "dozen"] and len(toks) <= 3:
        return 6.0  # "half-dozen", "a half dozen"
    total, current, seen = 0.0, 0.0, False
    fraction = 0.0
    i = 0
    while i < len(toks):
        t = toks[i]
        if t in ("a", "an") and i + 1 < len(toks) and toks[i + 1] in ("half", "quarter"):
            fraction = 0.5 if toks[i + 1] == "half" else 0.25
            i += 2
            continue
        if t == "half" and i + 1 < len(toks) and toks[i + 1] in ("a", "an"):
            current, seen = 0.5, True
            i += 2
            continue
        if t in ("a", "an"):
            current, seen = 1.0, True
        elif t == "and":
            pass
        elif t in UNITS_WORDS:
            if seen and current % 100 and current % 10 == 0 and current >= 20 and UNITS_WORDS[t] < 10:
                current += UNITS_WORDS[t]  # "twenty five"
            elif seen and current and current % 100:
                return None  # "two three": two numbers, not one
            else:
                current += UNITS_WORDS[t]
            seen = True
        elif t in TENS_WORDS:
            if seen and current % 100:
                return None
            current += TENS_WORDS[t]
            seen = True
        elif t == "dozen":
            current = (current or 1) * 12
            seen = True
        elif t == "hundred":
            current = (current or 1) * 100
            seen = True
        elif t in SCALE_WORDS:
            total += (current or 1) * SCALE_WORDS[t]
            current = 0.0
            seen = True
        else:
            return None
        i += 1
    if not seen:
        return None
    return total + current + fraction


def digits_value(s: str) -> float:
    return float(s.replace(",", ""))


# --- units --------------------------------------------------------------------------------

PERCENT = {"%": 1, "percent": 1, "per cent": 1, "pct": 1, "percentage point": 1, "percentage points": 1,
           "percentage-point": 1}

# unit word -> (canonical unit, factor to that unit)
DURATION_UNITS = {
    "second": ("s", 1), "seconds": ("s", 1), "sec": ("s", 1), "secs": ("s", 1),
    "minute": ("min", 1), "minutes": ("min", 1), "min": ("min", 1), "mins": ("min", 1),
    "hour": ("h", 1), "hours": ("h", 1), "hr": ("h", 1), "hrs": ("h", 1),
    "day": ("d", 1), "days": ("d", 1),
    "week": ("week", 1), "weeks": ("week", 1), "fortnight": ("week", 2), "fortnights": ("week", 2),
    "month": ("month", 1), "months": ("month", 1),
    "year": ("year", 1), "years": ("year", 1), "yr": ("year", 1), "yrs": ("year", 1),
    "decade": ("year", 10), "decades": ("year", 10), "century": ("year", 100), "centuries": ("year", 100),
}
MEASURE_UNITS = {
    "tonne": ("t", 1), "tonnes": ("t", 1), "ton": ("t", 1), "tons": ("t", 1), "metric ton": ("t", 1),
    "metric tons": ("t", 1), "metric tonne": ("t", 1), "metric tonnes": ("t", 1),
    "kilogram": ("kg", 1), "kilograms": ("kg", 1), "kg": ("kg", 1), "kgs": ("kg", 1),
    "gram": ("g", 1), "grams": ("g", 1),
    "lb": ("lb", 1), "lbs": ("lb", 1), "pound": ("lb", 1), "pounds": ("lb", 1),
    "kilometre": ("km", 1), "kilometres": ("km", 1), "kilometer": ("km", 1), "kilometers": ("km", 1),
    "km": ("km", 1), "mile": ("mi", 1), "miles": ("mi", 1), "nautical mile": ("nmi", 1),
    "nautical miles": ("nmi", 1), "metre": ("m", 1), "metres": ("m", 1), "meter": ("m", 1),
    "meters": ("m", 1),
    "square kilometre": ("km2", 1), "square kilometres": ("km2", 1), "square kilometer": ("km2", 1),
    "square kilometers": ("km2", 1), "sq km": ("km2", 1), "km2": ("km2", 1), "square miles": ("mi2", 1),
    "square mile": ("mi2", 1), "hectare": ("ha", 1), "hectares": ("ha", 1), "acre": ("acre", 1),
    "acres": ("acre", 1),
    "barrels per day": ("bbl/d", 1), "barrels a day": ("bbl/d", 1), "bpd": ("bbl/d", 1),
    "barrel": ("bbl", 1), "barrels": ("bbl", 1), "bbl": ("bbl", 1),
    "cubic metres": ("m3", 1), "cubic meters": ("m3", 1), "bcm": ("m3", 1e9),
    "litre": ("L", 1), "litres": ("L", 1), "liter": ("L", 1), "liters": ("L", 1),
    "gallon": ("gal", 1), "gallons": ("gal", 1),
    "kilowatt": ("W", 1e3), "kilowatts": ("W", 1e3), "kw": ("W", 1e3),
    "megawatt": ("W", 1e6), "megawatts": ("W", 1e6), "mw": ("W", 1e6),
    "gigawatt": ("W", 1e9), "gigawatts": ("W", 1e9), "gw": ("W", 1e9),
    "kwh": ("Wh", 1e3), "mwh": ("Wh", 1e6), "gwh": ("Wh", 1e9), "twh": ("Wh", 1e12),
    "degrees celsius": ("°C", 1), "°c": ("°C", 1), "degrees": ("°", 1),
}
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "us dollars": "USD", "euro": "EUR", "euros": "EUR",
    "pounds sterling": "GBP", "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
    "rupee": "INR", "rupees": "INR", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB",
    "riyal": "SAR", "riyals": "SAR", "dirham": "AED", "dirhams": "AED", "lira": "TRY",
    "swiss francs": "CHF", "hryvnia": "UAH", "hryvnias": "UAH", "shekel": "ILS",
    "shekels": "ILS", "won": "KRW", "usd": "USD", "eur": "EUR", "gbp": "GBP", "jpy": "JPY",
    "cny": "CNY", "rmb": "CNY", "inr": "INR", "rub": "RUB",
}
CURRENCY_PREFIX = {
    "us$": "USD", "usd": "USD", "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD", "hk$": "HKD",
    "s$": "SGD", "nz$": "NZD", "r$": "BRL", "$": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP",
    "¥": "JPY", "jpy": "JPY", "cny": "CNY", "rmb": "CNY", "₹": "INR", "rs": "INR", "rs.": "INR", "inr": "INR",
    "₽": "RUB", "rub": "RUB", "₩": "KRW", "₺": "TRY", "₪": "ILS", "₴": "UAH",
}
_PREFIX_RE = re.compile(
    r"(?:(?<![A-Za-z])(?:US|A|AU|C|CA|HK|S|NZ|R)\$|(?<![A-Za-z])(?:USD|EUR|GBP|JPY|CNY|RMB|INR|RUB|Rs\.?)"
    r"|[$€£¥₹₽₩₺₪₴])\s?$")


def _unit_regex(keys) -> re.Pattern:
    alts = sorted(keys, key=len, reverse=True)
    body = "|".join(re.escape(k).replace(r"\ ", r"[\s-]+") for k in alts)
    return re.compile(rf"[\s-]*(?:{body})(?![\w])", re.I)


_LETTER_END_RE = re.compile(r"[A-Za-z][-.]?$")
_ORDINAL_SUFFIX_RE = re.compile(r"(?:st|nd|rd|th)\b", re.I)
_CLOCK_AFTER_RE = re.compile(r":\d")
_CLOCK_BEFORE_RE = re.compile(r"\d:$")
_NEXT_WORD_RE = re.compile(r"[\s-]+([A-Za-z]+)")
_PERCENT_RE = re.compile(r"\s?%|[\s-]*(?:per[\s-]?cent|percentage[\s-]+points?|pct)(?!\w)", re.I)
_DURATION_RE = _unit_regex(DURATION_UNITS)
_MEASURE_RE = _unit_regex(MEASURE_UNITS)
_CURRENCY_WORD_RE = _unit_regex(CURRENCY_WORDS)
# "4 in 10 voters", "one out of five": a proportion, reported as a percentage
_PROPORTION_RE = re.compile(rf"\s+(?:in|out\s+of)\s+(\d+|{_NUMWORD})\b(?![.,]\d)", re.I)
_SCALE_WORD_RE = re.compile(r"[\s-]*(hundred|thousand|million|billion|trillion|lakhs?|crores?|bn|mn|mln|tn|trn)(?!\w)", re.I)
_SCALE_ATTACHED_RE = re.compile(r"(k|m|mn|bn|b|tn|trn|cr)(?![\w])", re.I)

APPROX_WORDS = ["more than", "less than", "fewer than", "greater than", "close to", "up to", "at least",
                "at most", "as many as", "as much as", "as few as", "in excess of", "upwards of", "just over",
                "just under", "well over", "an estimated", "nearly", "almost", "about", "around", "roughly",
                "approximately", "some", "over", "under", "below", "above", "circa", "~"]
_APPROX_RE = re.compile(r"(?:(?<=\s)|^)(" + "|".join(re.escape(w) for w in APPROX_WORDS) + r")\s+$", re.I)

MONTHS = lexicon.months().words("names") + lexicon.months().words("abbreviations")
_MONTH_BEFORE_RE = re.compile(r"\b(?:" + "|".join(MONTHS) + r")\.?\s+$", re.I)
_MONTH_AFTER_RE = re.compile(r"^(?:st|nd|rd|th)?\s+(?:of\s+)?(?:" + "|".join(MONTHS) + r")\b", re.I)
# Web-page furniture that carries numbers: reading time, list widgets, slideshows, comment counters.
BOILERPLATE = [
    re.compile(r"\b\d+\s*(?:min|minute)s?\s+read\b", re.I),
    re.compile(r"\blist\s+of\s+\d+\s+items?", re.I),
    re.compile(r"\b(?:image|photo|slide|page|item)\s+\d+\s+of\s+\d+\b", re.I),
    re.compile(r"\b\d+\s+(?:comments?|shares?|replies|likes)\b(?!\s+(?:from|by|of|on))", re.I),
    re.compile(r"\+?\(?\d{1,4}\)?(?:[\s.-]\d{2,4}){2,}\d"),  # phone numbers
]
# Numbers that place a happening in time ("two days ago") rather than measure something.
_TEMPORAL_ANCHOR_RE = re.compile(r"^\s+(?:ago|later|earlier|from now|hence)\b", re.I)


@dataclass
class Quantity:
    """A number found in the text with what is glued to it."""

    start: int          # figure text start (incl. approximation word)
    end: int
    num_start: int      # the number itself (incl. currency sign)
    num_end: int
    value: float
    unit: Optional[str]  # None: a bare number, to be judged a count or not
    approx: Optional[str] = None
    hyphen_noun: bool = False  # "six-point consensus": the number is fused to a noun by a hyphen
    kind: str = ""       # "percent", "money", "duration", "measure" or "" for bare numbers
    scale: float = 1.0   # the scale word or suffix that multiplied the number ("bn": 1e9)


def _numbers(text: str):
    """(start, end, value, written_out) for every number, digits or words, left to right."""
    found = []
    for m in DIGITS.finditer(text):
        found.append((m.start(), m.end(), digits_value(m.group()), False))
    for m in WORD_NUMBER.finditer(text):
        v = words_value(m.group())
        if v is None:  # a run of several numbers: take the words one at a time
            for w in re.finditer(rf"\b(?:{_NUMWORD})\b", m.group(), re.I):
                wv = words_value(w.group())
                if wv is not None:
                    found.append((m.start() + w.start(), m.start() + w.end(), wv, True))
            continue
        found.append((m.start(), m.end(), v, True))
    found.sort()
    out, last_end = [], -1
    for f in found:
        if f[0] >= last_end:
            out.append(f)
            last_end = f[1]
    return out



def _unit_key(s: str) -> str:
    # Any run of whitespace (a no-break space between number and unit, too) or hyphens is one space.
    return re.sub(r"[\s-]+", " ", s.lower()).strip()

def scan(text: str) -> list[Quantity]:
    """Every number in `text` with its currency, scale, unit and approximation word."""
    out: list[Quantity] = []
    consumed = 0  # end of the last figure: a scale word it swallowed is not a number of its own
    for s, e, value, written in _numbers(text):
        if s < consumed:
            continue
        # The tests below read only the number's neighbourhood: the last 8 characters before it hold
        # any match of the end-anchored patterns (with the character their look-behind checks), and
        # the patterns after it are matched in place. Slicing text[:s] and text[e:] per number
        # copied the whole account each time.
        tail = text[max(0, s - 8):s]
        if not written:
            # Glued to letters: part of a name or code ("G20", "COVID-19", "infrastructure.1").
            if _LETTER_END_RE.search(tail) and not _PREFIX_RE.search(tail):
                continue
            if _ORDINAL_SUFFIX_RE.match(text, e):  # ordinal
                continue
            if _CLOCK_AFTER_RE.match(text, e) or _CLOCK_BEFORE_RE.search(tail):  # clock time
                continue
        else:
            word = text[s:e]
            # A capitalised number word inside a run of capitalised words is part of a name
            # ("Five-Year Plan", "Group of Seven"), unless it opens the sentence.
            if word[0].isupper() and not _sentence_initial_at(text, s):
                nxt = _NEXT_WORD_RE.match(text, e)
                prev = _previous_word_start(text, s)
                if (nxt and nxt.group(1)[0].isupper()) or (prev is not None and text[prev].isupper()):
                    continue
        num_start, pos = s, e
        currency = None
        pm = _PREFIX_RE.search(text[max(0, s - 6):s]) if s > 0 else None
        if pm and not written:
            currency = CURRENCY_PREFIX[pm.group().strip().lower()]
            num_start = s - len(pm.group())
        scale = 1.0
        m = _SCALE_ATTACHED_RE.match(text, pos) if not written else None
        if m and (currency or m.group(1).lower() in ("bn", "mn", "tn", "trn", "k")
                  or re.match(r" [a-z]", text[m.end():m.end() + 2])):  # "12m tonnes", "5m people"
            scale, pos = SCALE_ABBREV[m.group(1).lower()], m.end()
        else:
            m = _SCALE_WORD_RE.match(text, pos)
            if m:
                w = m.group(1).lower()
                scale, pos = SCALE_WORDS.get(w, SCALE_ABBREV.get(w, 1.0)), m.end()
        value *= scale
        unit, kind, factor = None, "", 1.0
        prop = None if currency or scale != 1 else _PROPORTION_RE.match(text, pos)
        if prop:
            whole = words_value(prop.group(1)) if prop.group(1)[0].isalpha() else digits_value(prop.group(1))
            if whole and whole > value and not (1800 <= whole <= 2100):
                value, unit, kind, pos = 100.0 * value / whole, "%", "percent", prop.end()
        if unit is None:
            if currency:
                unit, kind = currency, "money"
                m = _CURRENCY_WORD_RE.match(text, pos)
                if m and currency == "JPY" and m.group().strip().lower() in ("yuan", "renminbi", "rmb"):
                    unit, pos = "CNY", m.end()
            elif (m := _PERCENT_RE.match(text, pos)):
                unit, kind, pos = "%", "percent", m.end()
            elif (m := _CURRENCY_WORD_RE.match(text, pos)) and (scale > 1 or m.group().strip().lower() != "won"):
                unit, kind, pos = CURRENCY_WORDS[_unit_key(m.group())], "money", m.end()
            elif (m := _DURATION_RE.match(text, pos)):
                unit, factor = DURATION_UNITS[_unit_key(m.group())]
                kind, pos = "duration", m.end()
            elif (m := _MEASURE_RE.match(text, pos)):
                key = _unit_key(m.group())
                if key in MEASURE_UNITS:
                    unit, factor = MEASURE_UNITS[key]
                    kind, pos = "measure", m.end()
        value *= factor
        if pos == e and not written and re.match(r"[A-Za-z]", text[e:e + 1]):
            continue  # a code such as "5G", "9am", "737MAX"
        if kind == "duration" and re.match(r"[\s-]*old\b", text[pos:pos + 6]):
            continue  # an age ("a 45-year-old envoy"), not a span of time in the story
        hyphen_noun = False
        if unit is None:
            hyphen_noun = bool(re.match(r"-[A-Za-z]", text[pos:pos + 2]))
        start, approx = num_start, None
        am = _APPROX_RE.search(text[max(0, num_start - 30):num_start])
        if am:
            approx = am.group(1).lower()
            start = num_start - (len(am.group()))
        consumed = pos
        out.append(Quantity(start=start, end=pos, num_start=num_start, num_end=pos, value=value, unit=unit,
                            approx=approx, hyphen_noun=hyphen_noun, kind=kind, scale=scale))
    out += _unit_long(text, out)
    ranges = _clock_ranges(text)
    if ranges:   # the clock times' own numbers ('9 a.m.') are no figures of their own
        out = [q for q in out if not any(r.start <= q.num_start < r.end for r in ranges)] + ranges
    out.sort(key=lambda q: q.start)
    out = _compound_durations(text, out)
    _share_range_units(text, out)
    return out


# Hours in one unit of each duration, to add the parts of a compound duration.
_UNIT_HOURS = {"s": 1 / 3600, "min": 1 / 60, "h": 1.0, "d": 24.0, "week": 168.0, "month": 730.0, "year": 8760.0}
_COMPOUND_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)?$")


def _compound_durations(text: str, qs: list) -> list:
    """'two hours and 17 minutes', '2 hour, 17 minute': a larger unit followed by a smaller one is one
    duration, in the larger unit."""
    out: list = []
    for q in qs:
        prev = out[-1] if out else None
        if (prev is not None and prev.kind == "duration" and q.kind == "duration" and q.approx is None
                and prev.unit in _UNIT_HOURS and q.unit in _UNIT_HOURS
                and _UNIT_HOURS[q.unit] < _UNIT_HOURS[prev.unit]
                and 0 <= q.start - prev.end <= 8 and _COMPOUND_GAP.match(text[prev.end:q.start])):
            prev.value += q.value * _UNIT_HOURS[q.unit] / _UNIT_HOURS[prev.unit]
            prev.end = prev.num_end = q.end
            continue
        out.append(q)
    return out


# 'an hour-long call', 'a year-long war': one unit of time written as an adjective, with no number.
_UNIT_LONG_RE = re.compile(r"(?<![\w.-])(?:(?:an?|one)[\s-]+)?(second|minute|hour|day|week|month|year)-long\b", re.I)


def _unit_long(text: str, found: list) -> list:
    taken = [(q.start, q.end) for q in found]
    out = []
    for m in _UNIT_LONG_RE.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        unit, factor = DURATION_UNITS[m.group(1).lower()]
        end = m.end()
        out.append(Quantity(start=m.start(), end=end, num_start=m.start(), num_end=end, value=float(factor),
                            unit=unit, approx=None, hyphen_noun=False, kind="duration", scale=1.0))
    return out


_HALF_DAY = r"\s*(?:[ap]\.m\.|[ap]m\b)"
# '22:10', '4:15pm', '9.30am', '10pm'; a dotted time only with its half of the day ('2.50' is a price)
_CLOCK = rf"\d{{1,2}}(?::\d{{2}}(?:{_HALF_DAY})?(?![\w:])|\.\d{{2}}{_HALF_DAY}|{_HALF_DAY})"
_CLOCK_RANGE_RE = re.compile(rf"\b(?:between|from)\s+({_CLOCK})\s*(?:and|to|until|till|–|-)\s*({_CLOCK})", re.I)
_CLOCK_PARTS_RE = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?\s*([ap])?", re.I)


def _clock_ranges(text: str) -> list:
    """The length of a span of clock time ('halted between 22:10 and 22:50', 'in force from 4:15pm
    until 10pm'): a duration in minutes, the text the range. Past midnight where the end is earlier
    ('from 23:30 to 01:10'); no range of a day or more."""
    out = []
    for m in _CLOCK_RANGE_RE.finditer(text):
        a, b = _clock_minutes(m.group(1)), _clock_minutes(m.group(2))
        if a is None or b is None:
            continue
        if b <= a:
            b += 24 * 60
        if not 0 < b - a < 24 * 60:
            continue
        out.append(Quantity(start=m.start(), end=m.end(), num_start=m.start(1), num_end=m.end(2),
                            value=float(b - a), unit="min", kind="duration"))
    return out


def _clock_minutes(clock: str) -> Optional[int]:
    """Minutes past midnight of a clock time ('22:10', '4:15pm', '10pm'); None if it is none."""
    m = _CLOCK_PARTS_RE.match(clock)
    hour, minute, half = int(m.group(1)), int(m.group(2) or 0), (m.group(3) or "").lower()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "p" else 0)
    return hour * 60 + minute if hour < 24 and minute < 60 else None


def _sentence_initial_at(text: str, s: int) -> bool:
    """Whether s opens a sentence or line (past any opening quotes, brackets and spaces), walking
    back from s instead of copying the text before it."""
    j = s
    while j > 0 and text[j - 1] in " \t\"'“‘(":
        j -= 1
    return j == 0 or text[j - 1] in ".!?:\n•-–—"


_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _previous_word_start(text: str, s: int) -> Optional[int]:
    """Where the word before s begins when only whitespace separates them: the start of the match
    of `([A-Za-z]+)\\s+$` on text[:s], found by walking back instead of searching the whole prefix."""
    j = s
    while j > 0 and text[j - 1].isspace():
        j -= 1
    if j == s or j == 0 or text[j - 1] not in _ASCII_LETTERS:
        return None
    while j > 0 and text[j - 1] in _ASCII_LETTERS:
        j -= 1
    return j


def _share_range_units(text: str, qs: list[Quantity]) -> None:
    """In a range ("10 to 15 percent", "$2-3bn") each number takes the unit and scale it lacks from the other."""
    for a, b in zip(qs, qs[1:]):
        if not re.fullmatch(r"\s*(?:-|–|to)\s*", text[a.end:b.start]):
            continue
        if a.unit is None and re.fullmatch(r"1[89]\d\d|20\d\d", text[a.num_start:a.num_end]) and b.value < a.value:
            continue   # a year and what follows it ('26 April 2027 - 5 min read'), no range
        if a.scale == 1 and b.scale != 1:
            a.value, a.scale = a.value * b.scale, b.scale
        if a.unit is None and b.unit is not None:
            a.unit, a.kind = b.unit, b.kind
        elif b.unit is None and a.unit is not None:
            b.unit, b.kind = a.unit, a.kind


# --- judging with the parse ---------------------------------------------------------------

# Entity types whose numbers belong to a name, not to a quantity ("247 Real News", "Boeing 737").
NAME_ENTS = {"ORG", "PERSON", "WORK_OF_ART", "LAW", "PRODUCT", "FAC", "EVENT", "NORP", "GPE", "LOC"}
# Determiners and possessives before a count make it a reference back to known things ("the two
# leaders", "its three partners"), not a quantity being reported.
DEFINITE = {"the", "these", "those", "its", "their", "our", "his", "her", "your", "my", "both", "all", "each"}
# The nouns below live in data/figures.yaml (checked by `lexicon`).
_COUNTED = lexicon.load("figures")["counted"]
# Plural nouns for the participants themselves: "two leaders", "two sides", "two countries" name
# the pair that the event is about rather than count anything.
PARTICIPANT_NOUNS = set(_COUNTED.words("participants"))
# Plural nouns that do not denote countable things worth reporting, and denominators of fractions ("two thirds").
NON_COUNT_NOUNS = set(_COUNTED.words("non_count"))
# Nouns of an event: a duration of what one does is the event's length.
EVENT_NOUNS = set(lexicon.load("figures")["measured"].words("event_nouns"))
CHANGE_NOUNS = set(lexicon.load("figures")["measured"].words("change_nouns"))
LEVEL_VERBS = set(lexicon.load("figures")["measured"].words("level_verbs"))
PLACE_PREPOSITIONS = set(lexicon.load("figures")["counted"].words("place_prepositions"))

STOP = {"the", "a", "an", "of", "to", "on", "in", "for", "with", "from", "and", "its", "their", "this",
        "that", "these", "those", "by", "at", "as"}


def extract(doc: Doc, account: Account) -> list[Figure]:
    """Figures a careful reader would list from one parsed account."""
    text = index_of(doc).text
    figures: list[Figure] = []
    lines: dict = {}
    for q in scan(text):
        if _is_furniture(text, q, lines):
            continue
        span = doc.char_span(q.num_start, q.num_end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        if _in_name(span):
            continue
        if q.unit is None:
            counted = _counted_noun(doc, span, q, text)
            if counted is None:
                continue
            fused = set(range(span.start, counted.i)) if q.hyphen_noun else set(range(span.start, span.end))
            # '19 of the 23 people': the partitive's own count is not what the 19 measure
            fused |= {c.i for c in counted.children if c.dep_ == "nummod" and c.i not in range(span.start, span.end)}
            unit, measures = "", _phrase(counted, exclude=fused)
            place_of = _place_of(counted)
            if 0 <= counted.i - span.end <= 3 or q.hyphen_noun or _partitive_of(counted, span):
                # "50 countries", "six-point consensus", "1,020 of the region's 1,126 polling stations"
                q.end = max(q.end, counted.idx + len(counted.text))
        else:
            if _TEMPORAL_ANCHOR_RE.match(text[q.end:q.end + 12]) and q.kind == "duration":
                continue
            unit, measures, place_of = q.unit, _measured_phrase(doc, span, q), None
        sp = account.span(q.start, q.end)
        figures.append(Figure(account=account.id, value=q.value, unit=unit, text=sp.text, start=q.start,
                              end=q.end, source_start=sp.source_start, source_end=sp.source_end,
                              approx=q.approx, measures=measures or None, place_of=place_of))
    return figures


def _partitive_of(counted: Token, span: SpacySpan) -> bool:
    """The counted noun is the whole of a partitive with a count of its own ('1,020 of the region's
    1,126 polling stations'): the figure's text runs to it, so that it reads as a part of a whole."""
    prep = counted.head
    return (counted.dep_ == "pobj" and prep.lower_ == "of" and span.start <= prep.head.i < span.end
            and any(c.dep_ == "nummod" for c in counted.children))


def _place_of(counted: Token) -> Optional[str]:
    """What happened at the places a count counts, where the counted noun is under a preposition
    ('were expelled from at least 140 polling stations' -> expel, 'were present at 412 polling
    stations' -> present, 'a parallel count from 2,100 polling stations' -> count): the lemma of the
    word the preposition hangs from, else None."""
    prep = counted.head
    if counted.dep_ != "pobj" or prep is counted or prep.dep_ != "prep" or prep.head is prep \
            or prep.lower_ not in PLACE_PREPOSITIONS:
        return None   # ('records of 1.2 million customers' are no places)
    return prep.head.lemma_.lower()


def _is_furniture(text: str, q: Quantity, lines: Optional[dict] = None) -> bool:
    """The number lies inside a boilerplate phrase of its line. `lines` keeps each line's matches, so
    a line holding many numbers is searched once (searched per number, one long line was quadratic)."""
    line_start = text.rfind("\n", 0, q.num_start) + 1
    line_end = text.find("\n", q.num_end)
    key = (line_start, line_end)
    found = None if lines is None else lines.get(key)
    if found is None:
        line = text[line_start:line_end if line_end >= 0 else len(text)]
        found = [(m.start() + line_start, m.end() + line_start) for pat in BOILERPLATE for m in pat.finditer(line)]
        if lines is not None:
            lines[key] = found
    return any(s <= q.num_start < e for s, e in found)


def _in_name(span: SpacySpan) -> bool:
    return any(t.ent_type_ in NAME_ENTS for t in span if t.like_num or t.pos_ == "NUM")


def _is_date(doc: Doc, span: SpacySpan, q: Quantity, text: str) -> bool:
    before, after = text[max(0, q.num_start - 12):q.num_start], text[q.num_end:q.num_end + 14]
    if _MONTH_BEFORE_RE.search(before) or _MONTH_AFTER_RE.match(after):
        return True
    raw = text[q.num_start:q.num_end]
    if re.fullmatch(r"\d{4}", raw) and 1800 <= q.value <= 2100:
        return True  # a year, whatever follows ("2026 National Defense Strategy", "2024 elections")
    if re.match(r"\s*(?:a\.m\.|p\.m\.|am\b|pm\b|gmt\b|utc\b|hrs\b)", after, re.I):
        return True
    if re.fullmatch(r"\d{4}s", text[q.num_start:q.num_end + 1]):
        return True  # "the 1990s"
    return False


def _counted_noun(doc: Doc, span: SpacySpan, q: Quantity, text: str) -> Optional[Token]:
    """The plural noun a bare number counts ("50 countries", "six-point consensus" -> point), or None."""
    if q.value != int(q.value) or q.value <= 1 or _is_date(doc, span, q, text):
        return None
    if q.hyphen_noun:
        # "six-point consensus", "10-nation tour": the fused noun is what is counted.
        nxt = doc.char_span(q.num_end + 1, q.num_end + 1 + len(re.match(r"[A-Za-z]+", text[q.num_end + 1:]).group()),
                            alignment_mode="expand")
        if nxt is None or nxt.root.pos_ not in ("NOUN", "ADJ", "PROPN") or nxt.text[0].isupper():
            return None
        head = nxt.root.head if nxt.root.head.pos_ in ("NOUN", "PROPN") and nxt.root.head.i > nxt.root.i else nxt.root
        return head
    # the token that ties the number to the rest of the sentence ("a half-dozen": "dozen", not "a")
    outward = [t for t in span if not span.start <= t.head.i < span.end]
    tok = next((t for t in outward if t.dep_ in ("nummod", "compound", "quantmod")), span.root)
    noun = None
    if tok.dep_ in ("nummod", "compound", "quantmod") and tok.head.i > tok.i:
        noun = tok.head
        while noun.dep_ in ("compound", "nummod") and noun.head.i > noun.i and noun.head.pos_ == "NOUN":
            noun = noun.head
    elif tok.pos_ == "NUM" and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "attr"):
        noun = _bare_count_noun(tok)
    if noun is not None and noun.tag_ == "NNPS" and noun.i > tok.i:
        return noun   # a demonym's plural: 'about 1.8 million Lorvenians'
    if noun is None or noun.pos_ != "NOUN" or noun.tag_ not in ("NNS", "NN") or noun.tag_ == "NN" and noun.i > tok.i:
        return None
    if noun.lemma_.lower() in NON_COUNT_NOUNS:
        return None
    if q.value == 2 and noun.lemma_.lower() in PARTICIPANT_NOUNS:
        return None
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is not None and prev.is_title and prev.pos_ == "PROPN" and not prev.is_sent_start:
        return None  # a designator: "Boeing 737 jets", "Section 301 tariffs", "Resolution 2231"
    if q.approx is None:
        if prev is not None and (prev.lower_ in DEFINITE or prev.tag_ == "PRP$" or prev.tag_ == "POS"):
            return None
    return noun


def _bare_count_noun(num: Token) -> Optional[Token]:
    """What a number standing alone as a noun phrase counts: the things of a partitive ('19 of the
    23 people arrested'), or the crowd an estimate puts at it ('police put the crowd at around
    6,000'); None where the sentence does not say."""
    for prep in num.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ == "NOUN" and obj.tag_ == "NNS":
                return obj
    head = num.head
    if num.dep_ == "pobj" and head.lower_ == "at" and head.head.pos_ == "VERB":
        obj = next((c for c in head.head.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
        if obj is not None:
            return obj   # 'put the crowd at around 6,000', 'estimated attendance at 25,000'
    return None


_NP_DEPS_LEFT = {"compound", "amod", "nmod", "poss", "npadvmod", "nummod", "quantmod"}
_NP_PREPS = {"on", "of", "to", "for", "from", "with", "against"}


def _phrase(noun: Token, exclude: set[int]) -> str:
    """A compact noun phrase around `noun`: its left modifiers and one prepositional complement."""
    if noun.pos_ == "PRON":
        return ""
    keep = {noun.i}
    for child in noun.lefts:
        if child.dep_ in _NP_DEPS_LEFT and child.i not in exclude:
            keep.update(t.i for t in child.subtree if t.i not in exclude)
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in _NP_PREPS:
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs and not any(t.i in exclude for t in objs[0].subtree):
                keep.add(child.i)
                keep.update(t.i for t in objs[0].subtree if t.dep_ not in ("relcl", "acl") and t.i - noun.i < 9)
            break
    idx = sorted(i for i in keep if noun.doc[i].pos_ not in ("DET", "PUNCT", "SPACE") and noun.doc[i].tag_ != "POS")
    if not idx:
        return ""
    # a contiguous stretch that stays on the noun's own line (headers run into sentences otherwise)
    lo, hi = idx[0], idx[-1]
    words = []
    for i in range(lo, hi + 1):
        t = noun.doc[i]
        if "\n" in t.text or "\n" in t.whitespace_:
            if i < noun.i:
                words = []
                continue
            if i >= noun.i:
                if i not in exclude and t.pos_ not in ("DET", "SPACE", "PRON"):
                    words.append(t)
                break
        if i not in exclude and t.pos_ not in ("DET", "SPACE", "PRON"):
            words.append(t)
    return _join(words)


def _join(tokens: list[Token]) -> str:
    """Tokens as they read in the text, one space where tokens were left out between them."""
    out = []
    for t, nxt in zip(tokens, tokens[1:] + [None]):
        out.append(t.text)
        if nxt is not None:
            out.append(t.whitespace_ if nxt.i == t.i + 1 else " ")
    return re.sub(r"\s+", " ", "".join(out)).strip()


def _measured_phrase(doc: Doc, span: SpacySpan, q: Quantity) -> str:
    """The noun phrase a figure with a unit belongs to, found by walking up the dependency parse."""
    exclude = set(range(span.start, span.end))
    root = span.root
    level = _level_of(root, exclude)
    if level:
        return level
    # "12 million tonnes of soya beans", "25 percent of the vote": the 'of' complement is measured.
    for child in root.rights:
        # "€5m in emergency aid", "$2bn in loans": money counted in something
        if child.dep_ == "prep" and (child.lower_ == "of" or (child.lower_ == "in" and q.kind == "money")):
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs and objs[0].pos_ in ("NOUN", "PROPN"):
                return _phrase(objs[0], exclude)
    node = root
    for _ in range(4):
        dep, head = node.dep_, node.head
        if head is node:
            break
        if dep in ("compound", "nmod", "nummod", "amod", "quantmod", "appos") and head.pos_ in ("NOUN", "PROPN"):
            owner = _changed_thing(head)
            return _phrase(owner if owner is not None else head, exclude)
        if head.pos_ == "ADJ" and head.head.pos_ in ("NOUN", "PROPN") and head.head is not head:
            return _phrase(head.head, exclude)  # "a plan worth 100 million dollars"
        if dep == "pobj":
            prep = head
            target = prep.head
            if target.pos_ == "ADJ" and target.head.pos_ in ("NOUN", "PROPN"):
                target = target.head  # "a deal worth up to $1bn"
            if target.pos_ in ("NOUN", "PROPN"):
                return _phrase(target, exclude | {prep.i})
            node = prep
            continue
        if dep == "prep":
            node = head
            dep, head = node.dep_, node.head
        if node.pos_ in ("VERB", "AUX") or dep in ("dobj", "attr", "npadvmod", "advmod", "conj", "oprd"):
            verb = node if node.pos_ in ("VERB", "AUX") else head
            if verb.pos_ == "ADJ" and verb.dep_ == "acomp" and verb.head.i != verb.i:
                verb = verb.head   # 'the offer is worth just 3.2%': what the predicate is said of
            if verb.pos_ not in ("VERB", "AUX"):
                if verb.pos_ in ("NOUN", "PROPN"):
                    return _phrase(verb, exclude)
                break
            if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
                return _phrase(_relative_antecedent(verb), exclude)
            if q.kind == "money":  # "pledged €5m in emergency aid"
                for c in verb.children:
                    if c.dep_ == "prep" and c.lower_ == "in" and c.i > root.i:
                        objs = [o for o in c.children if o.dep_ == "pobj" and o.pos_ == "NOUN"]
                        if objs:
                            return _phrase(objs[0], exclude)
            if q.kind == "duration" and verb.lemma_ not in ("be", "have", "last", "take", "reach", "run", "continue", "go"):
                # "spoke for 90 minutes", "refrain from striking ... for 30 days": the activity is measured;
                # "the talks broke down after nine hours": the event is
                event = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in EVENT_NOUNS]
                if event:
                    return _phrase(event[0], exclude)
                objs = [c for c in verb.children if c.dep_ == "dobj" and c.i not in exclude]
                return (verb.lemma_ + " " + _phrase(objs[0], exclude)).strip() if objs else verb.lemma_
            for dep_wanted in (("dobj",), ("nsubj", "nsubjpass")):
                for c in verb.children:
                    if c.dep_ in dep_wanted and c.i not in exclude and c.pos_ in ("NOUN", "PROPN"):
                        return _phrase(c, exclude)
            return verb.lemma_
        node = head
    return ""


def _level_of(root: Token, exclude: set[int]) -> str:
    """What stands at an amount of a whole: the subject of a verb of level ('turnout stands at 58.4%
    of the registered voters', 'public debt reached 90% of GDP'; data/figures.yaml level_verbs), with
    the whole it is a share of; '' where the amount is no such complement ('received 52.7% of the
    valid votes' measures the votes)."""
    of = next((c for c in root.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    whole = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if whole is None:
        return ""
    verb = root.head
    if root.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ in ("at", "to"):
        verb = verb.head
    elif root.dep_ not in ("dobj", "attr"):
        return ""
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in LEVEL_VERBS:
        return ""
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"), None)
    if subject is None:
        return ""
    return f"{_phrase(subject, exclude)} of {_phrase(whole, exclude)}"


def _changed_thing(noun: Token) -> Optional[Token]:
    """What a change by an amount is the size of: 'an improved offer of a 4.5% increase' -> offer,
    'the claim amounts to a 12% increase' -> claim, 'the offer is a 5% rise' -> offer; None where
    the change noun stands for itself ('a 4.5% increase in basic pay')."""
    if noun.lemma_.lower() not in CHANGE_NOUNS:
        return None
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in {"of", "to", "for"}:
        owner = head.head
        if owner.pos_ in ("NOUN", "PROPN") and head.lower_ == "of":
            return owner
        if owner.pos_ in ("VERB", "AUX"):
            head = owner
        else:
            return None
    elif noun.dep_ in ("attr", "dobj") and head.pos_ in ("VERB", "AUX") and head.lemma_ in ("be", "amount", "represent", "mean"):
        pass
    else:
        return None
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")), None)
    return subject if subject is not None and head.lemma_ in ("be", "amount", "represent", "mean", "come") else None


def _relative_antecedent(verb: Token) -> Token:
    """The noun a relative clause describes. The parser often hangs "which ..." on the nearest
    name ("his call with Putin, which lasted two hours"); "which" does not refer to a person, so
    climb from a person's name to the thing that governs it."""
    noun = verb.head
    relativizer = next((c for c in verb.children if c.tag_ in ("WDT", "WP")), None)
    if relativizer is not None and relativizer.lower_ == "which":
        while noun.ent_type_ == "PERSON" or (noun.pos_ == "PROPN" and noun.ent_type_ in ("", "PERSON")):
            if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("NOUN", "PROPN"):
                noun = noun.head.head
            elif noun.dep_ in ("appos", "compound", "conj") and noun.head.i != noun.i:
                noun = noun.head
            else:
                break
    return noun
