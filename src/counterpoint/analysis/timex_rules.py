"""TIMEX3 recognition and normalisation rules (HeidelTime-style).

Each rule is a regular expression over the cleaned text plus a normaliser that turns the match
into a TimeML (type, value) pair against a `Context`: the reference date (the account's
publication date), the tense of the clause the expression sits in, and the last date mentioned
(for anaphoric expressions such as "a year earlier" or "the quarter").

Recognition runs every rule over the whole text; overlapping candidates are resolved in favour of
the longest (then the earliest rule), which is how "late December last year" beats "December"
and "the past three years" beats "three years".
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from counterpoint.analysis.timex_calendar import (Context, When, add_months, day, end_of, holiday_date, pick,
                                                  quarter_of, resolve_month, resolve_weekday, shift, week_of)
from counterpoint.analysis.timex_scan import RULES, Rule, TextScan, g, rule  # noqa: F401 - used by timex.py
from counterpoint.analysis.timex_words import (APPROX, DAYNUM, EDGE, LAW_NOUNS, MONTH, MONTH_FULL, MONTHS, NUM, NUMWORD,
                                               ORDINALS, PARTS_OF_DAY, SEASONS, SMALL, SPOKEN_YEAR, TENS, UNIT,
                                               UNITS, WEEKDAY, WEEKDAYS, YEAR, _alt, month_num, number_value,
                                               relative_direction, unit_of, weekday_num, year_value)

def _month_word_ok(m: re.Match, group: str, ctx: Context) -> bool:
    """'May' the modal, 'march' the verb and 'Sun.' the newspaper are not months/weekdays."""
    word = m.group(group)
    low = word.lower().rstrip(".")
    if low in ("may", "march", "mar") and not word[0].isupper():
        return False
    if low == "may" and (ctx.tags_in[:1] == ["MD"] or ctx.tag_after in ("VB", "RB", "PRP")) and m.end(group) == m.end():
        return False
    if low in ("march",) and ctx.tags_in[:1] in (["VB"], ["VBP"]) and m.end(group) == m.end():
        return False
    return True


# full dates: 2013-03-19, 03/19/2013, Tuesday, March 19, 2013, 19 March 2013
@rule("iso_date", r"(?P<y>" + YEAR + r")-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-2]\d|3[01])(?:T(?P<hh>\d\d):(?P<mm>\d\d))?")
def _iso(m, ctx):
    try:
        d = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    if m["hh"]:
        return "TIME", f"{d.isoformat()}T{m['hh']}:{m['mm']}"
    return "DATE", d.isoformat()


@rule("slash_date", r"(?P<m>0?[1-9]|1[0-2])/(?P<d>[0-2]?\d|3[01])/(?P<y>" + YEAR + r"|\d\d)")
def _slash(m, ctx):
    y = int(m["y"])
    if y < 100:
        y += 1900 if y > 40 else 2000
    try:
        return "DATE", dt.date(y, int(m["m"]), int(m["d"])).isoformat()
    except ValueError:
        return None


_MDY = r"(?:(?P<rel>last|next|this)\s+)?(?:(?P<wd>" + WEEKDAY + r"),?\s+)?(?P<mon>" + MONTH + r")\s+(?P<d>" + DAYNUM + r")(?:,?\s+(?P<y>" + YEAR + r"))?"
_DMY = r"(?:(?P<rel>last|next|this)\s+)?(?:(?P<wd>" + WEEKDAY + r"),?\s+)?(?:the\s+)?(?P<d>" + DAYNUM + r")\s+(?:of\s+)?(?P<mon>" + MONTH + r")(?:,?\s+(?P<y>" + YEAR + r"))?"


def _day_month(m, ctx):
    if not _month_word_ok(m, "mon", ctx):
        return None
    mon = month_num(m["mon"])
    dn = ORDINALS[g(m, "dw").lower()] if g(m, "dw") else int(re.match(r"\d+", m["d"]).group())
    if m["y"]:
        try:
            return "DATE", dt.date(int(m["y"]), mon, dn).isoformat()
        except ValueError:
            return None
    if ctx.ref is None:
        return "DATE", f"XXXX-{mon:02d}-{dn:02d}"
    rel = (g(m, "rel") or "").lower()
    if g(m, "wd"):  # 'Monday, Oct. 26': the year in which that day is a Monday
        wd = weekday_num(m["wd"])
        for y in sorted((ctx.ref.year, ctx.ref.year - 1, ctx.ref.year + 1), key=lambda y: abs(y - ctx.ref.year)):
            try:
                if dt.date(y, mon, dn).isoweekday() == wd:
                    return "DATE", dt.date(y, mon, dn).isoformat()
            except ValueError:
                continue
    if rel in ("last", "next"):
        sub = Context(ref=ctx.ref, tense="past" if rel == "last" else "future", strong=True)
        return "DATE", resolve_month(mon, dn, sub).value()
    return "DATE", resolve_month(mon, dn, ctx).value()


rule("month_day", _MDY, flags=0)(_day_month)
rule("month_day_i", _MDY.replace("(?P<mon>" + MONTH + ")", "(?P<mon>(?i:" + MONTH + "))"), flags=0)(_day_month)
rule("day_month", _DMY)(_day_month)
# 'from the first of March', 'on the twenty-third of May 2026'
_DAY_ORDINALS = [w for w, n in ORDINALS.items() if n <= 31 and not w[:1].isdigit()]
rule("ordinal_day_month", r"the\s+(?P<dw>" + _alt(_DAY_ORDINALS) + r")\s+of\s+(?P<mon>" + MONTH + r")(?:,?\s+(?P<y>" + YEAR + r"))?")(_day_month)


@rule("week_of", r"(?:the\s+)?week\s+of\s+(?P<mon>" + MONTH + r")\s+(?P<d>" + DAYNUM + r")(?:,?\s+(?P<y>" + YEAR + r"))?")
def _week_of(m, ctx):
    r = _day_month(m, ctx)
    if not r or "X" in r[1]:
        return r
    return "DATE", week_of(dt.date.fromisoformat(r[1])).value()


# month and year: February 2022, Feb. of 2022, late December last year, last July, in November
_MONTH_REL = r"(?P<edge>" + EDGE + r")?(?:(?P<rel>last|next|this|this\s+past|this\s+coming|coming|past|previous)\s+)?" \
             r"(?P<mon>" + MONTH + r")(?:,?\s+(?:of\s+)?(?P<y>" + YEAR + "|" + SPOKEN_YEAR + r")|\s+(?:of\s+)?(?P<yrel>this|last|next)\s+year)?"


@rule("month", _MONTH_REL)
def _month(m, ctx):
    if not _month_word_ok(m, "mon", ctx):
        return None
    word = m["mon"]
    if not word[0].isupper():
        return None
    if word.isupper() and len(word) > 1 and word.lower().rstrip(".") in ("may", "mar"):
        return None
    mon = month_num(word)
    if not m["y"] and not m["yrel"]:
        if not word.endswith(".") and word.lower() not in MONTH_FULL:
            return None  # 'Jan Kavan': an abbreviation needs its period or a number after it
        if ctx.word_after.lower() in ("of", "for", "on") and ctx.tag_before in ("DT", "JJ", "``"):
            return None  # 'the March of the Mothers', 'the annual March for Life'
    if m["y"]:
        return "DATE", f"{year_value(m['y']):04d}-{mon:02d}"
    if ctx.ref is None:
        return "DATE", f"XXXX-{mon:02d}"
    if m["yrel"]:
        y = ctx.ref.year + relative_direction(m["yrel"])
        return "DATE", f"{y:04d}-{mon:02d}"
    d = relative_direction(m["rel"])
    if d < 0:
        y = ctx.ref.year if mon < ctx.ref.month else ctx.ref.year - 1
        return "DATE", f"{y:04d}-{mon:02d}"
    if d > 0:
        y = ctx.ref.year if mon > ctx.ref.month else ctx.ref.year + 1
        return "DATE", f"{y:04d}-{mon:02d}"
    if m["rel"] and m["rel"].lower() == "this":
        return "DATE", f"{ctx.ref.year:04d}-{mon:02d}"
    return "DATE", resolve_month(mon, None, ctx).value()


# years: 2005, fiscal 1989, early 1990, the 1990s, mid-1990s, the '80s
@rule("year", r"(?P<edge>" + EDGE + r")?(?:(?P<fiscal>fiscal(?:\s+year)?|calendar(?:\s+year)?|the\s+year|FY)\s*)?(?P<y>" + YEAR + r")(?!\s*(?:%|percent|per\s+cent))")
def _year(m, ctx):
    y = int(m["y"])
    if ctx.word_before in ("$", "£", "€", "No.", "no.", "#") or ctx.word_after in (",000",):
        return None
    if ctx.word_before[:1].isupper() and ctx.word_before.lower() in LAW_NOUNS and not m["fiscal"] and not m["edge"]:
        return None   # 'the Data Protection Act 2017': the law's name, not a date
    # '2000 troops', '1500 people' - a count, not a year - unless it reads like a date adjunct
    if ctx.tag_after in ("NNS", "NNPS") and not m["fiscal"] and not m["edge"] and ctx.tag_before not in ("IN", "DT", "POS", "TO"):
        if ctx.word_after.lower() not in ("budget", "sales", "results", "earnings", "elections", "levels", "figures", "profits", "games", "olympics"):
            return None
    if ctx.tag_before == "CD" or ctx.tag_after == "CD" and ctx.word_after not in ("'s",):
        return None
    if ctx.ref is not None and y > ctx.ref.year + 80:
        return None
    return "DATE", f"{y:04d}"


@rule("decade", r"(?:the\s+)?(?P<edge>(?:early|late|mid)[\s-]+|the\s+(?:early|late|mid)[\s-]+)?(?P<dec>(?:1[5-9]|20)\d0)'?s")
def _decade(m, ctx):
    # TimeML writes a decade as its first three digits: 'the 1990s' -> 199
    return "DATE", m["dec"][:3]


@rule("decade_short", r"(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?'(?P<dec>\d0)s")
def _decade_short(m, ctx):
    base = 19 if int(m["dec"]) >= 20 or ctx.ref is None or ctx.ref.year < 2000 else 20
    return "DATE", f"{base}{m['dec'][0]}"


@rule("decade_word", r"the\s+(?:(?:early|late|mid)[\s-]+)?(?P<dec>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)")
def _decade_word(m, ctx):
    d = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8, "nineties": 9}[m["dec"].lower()]
    return "DATE", f"19{d}"


@rule("century", r"(?:the\s+)?(?P<ord>" + _alt(ORDINALS) + r"|\d{1,2}(?:st|nd|rd|th))[\s-]+century")
def _century(m, ctx):
    o = m["ord"].lower()
    n = ORDINALS[o] if o in ORDINALS else int(re.match(r"\d+", o).group())
    return "DATE", f"{n - 1:02d}"


@rule("this_century", r"(?P<rel>this|last|next|the\s+last|the\s+next|the\s+past)\s+(?P<u>century|decade)")
def _this_century(m, ctx):
    if ctx.ref is None:
        return None
    rel = m["rel"].lower()
    if rel.startswith("the"):
        return "DURATION", "P100Y" if m["u"].lower() == "century" else "P10Y"
    k = relative_direction(rel)
    if m["u"].lower() == "century":
        return "DATE", f"{ctx.ref.year // 100 + k:02d}"
    return "DATE", f"{ctx.ref.year // 10 + k:03d}"


# seasons: this summer, last fall, the spring of 1998, summer 2020
@rule("season", r"(?P<edge>" + EDGE + r")?(?:(?P<rel>this\s+past|this\s+coming|last|next|this|coming|past|the)\s+)?(?:(?:early|late)\s+)?"
      r"(?P<s>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?P<y>" + YEAR + "|" + SPOKEN_YEAR + r")|\s+(?:of\s+)?(?P<yrel>this|last|next)\s+year)?")
def _season(m, ctx):
    s = SEASONS[m["s"].lower()]
    if m["y"]:
        return "DATE", f"{year_value(m['y']):04d}-{s}"
    rel = (m["rel"] or "").lower()
    if m["s"].lower() == "fall" and rel in ("", "the"):
        return None  # 'a fall in prices', 'the fall of the Wall'
    if not rel and not m["edge"] and ctx.tag_before not in ("IN",):
        return None
    if ctx.ref is None:
        return "DATE", f"XXXX-{s}"
    if m["yrel"]:
        return "DATE", f"{ctx.ref.year + relative_direction(m['yrel']):04d}-{s}"
    cands = [When(y, season=s) for y in (ctx.ref.year - 1, ctx.ref.year, ctx.ref.year + 1)]
    k = relative_direction(rel) if rel not in ("the",) else 0
    if "past" in rel or k < 0:
        ok = [c for c in cands if end_of(c) < ctx.ref] or cands
        return "DATE", max(ok, key=lambda c: c.first_day()).value()
    if k > 0:
        ok = [c for c in cands if c.first_day() > ctx.ref] or cands
        return "DATE", min(ok, key=lambda c: c.first_day()).value()
    if rel == "this":
        return "DATE", f"{ctx.ref.year:04d}-{s}" if not (s == "WI" and ctx.ref.month < 3) else f"{ctx.ref.year - 1:04d}-{s}"
    return "DATE", pick(cands, ctx.ref, ctx.tense, end_of, ctx.strong).value()


# fiscal quarters and halves
_QORD = r"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th|final|last)"


@rule("quarter", r"(?:(?P<det>the|this\s+year'?s|last\s+year'?s|next\s+year'?s|a|its|their|(?P<py>" + YEAR + r")'?s?)\s+)?(?:(?P<adj>fiscal|calendar|flat|latest|current|year-earlier|year-ago|strong|weak|seasonally\s+slow)[\s-]+)?(?:(?P<y2>"
      + YEAR + r")\s+)?" + _QORD + r"[\s-]+(?:fiscal\s+)?(?:quarter|period)s?(?:\s+(?:of|in|for)\s+(?:(?:fiscal|calendar)\s+)?(?:(?P<y3>" + YEAR + r")|(?P<yrel>this|last|next)\s+year|the\s+year))?")
def _quarter(m, ctx):
    q = m["q"].lower()
    qn = 4 if q in ("final", "last") else ORDINALS[q]
    y = m["py"] or m["y2"] or m["y3"]
    if y:
        return "DATE", f"{int(y):04d}-Q{qn}"
    if ctx.ref is None:
        return "DATE", f"XXXX-Q{qn}"
    year = ctx.ref.year
    det = (m["det"] or "").lower()
    if m["yrel"]:
        year += relative_direction(m["yrel"])
    elif det.startswith("last year"):
        year -= 1
    elif det.startswith("next year"):
        year += 1
    elif m["adj"] and m["adj"].lower() in ("year-earlier", "year-ago"):
        year -= 1
    elif ctx.tense == "past" and qn > quarter_of(ctx.ref):
        year -= 1
    return "DATE", f"{year:04d}-Q{qn}"


@rule("quarter_rel", r"(?:(?P<rel>the\s+latest|the\s+current|the\s+most\s+recent|the\s+past|the\s+last|the\s+previous|the\s+next|the\s+coming|this|last|next|the\s+recent|the|that|the\s+same)\s+)(?:fiscal\s+)?quarter(?=\s+(?:ended|ending|that\s+ended)\s+(?P<mon>" + MONTH + r")\s+(?P<d>" + DAYNUM + r"))?")
def _quarter_rel(m, ctx):
    rel = " ".join(m["rel"].lower().split())
    if ctx.ref is None:
        return "DATE", "XXXX-QX"
    current = When(ctx.ref.year, quarter=quarter_of(ctx.ref))
    if m["mon"]:  # 'the quarter ended Sept. 30': the quarter holding that day
        end = resolve_month(month_num(m["mon"]), int(re.match(r"\d+", m["d"]).group()),
                            Context(ref=ctx.ref, tense="past", strong=True)).first_day()
        return "DATE", When(end.year, quarter=quarter_of(end)).value()
    if rel in ("the", "that", "the same"):
        if ctx.last_quarter is not None:
            return "DATE", ctx.last_quarter.value()
        return "DATE", shift(current, "quarter", -1).value()
    if rel in ("the latest", "the most recent", "the recent", "the past", "the last", "the previous", "last"):
        if rel in ("the past", "the last") and ctx.tense in ("present",):
            return "DURATION", "P1Q"
        return "DATE", shift(current, "quarter", -1).value()
    if rel in ("this", "the current"):
        return "DATE", current.value()
    return "DATE", shift(current, "quarter", 1).value()


@rule("half", r"(?:the\s+)?(?P<h>first|second|last|latter)\s+half(?:\s+of\s+(?:(?P<y>" + YEAR + r")|(?P<yrel>this|last|next)\s+year|the\s+year))?")
def _half(m, ctx):
    h = 1 if m["h"].lower() == "first" else 2
    if m["y"]:
        return "DATE", f"{m['y']}-H{h}"
    if ctx.ref is None:
        return None
    if not (m["y"] or m["yrel"] or m.group(0).lower().endswith("the year")):
        return None  # 'the first half' of a match, of a speech...
    y = ctx.ref.year + relative_direction(m["yrel"])
    return "DATE", f"{y:04d}-H{h}"


# days relative to the reference: today, yesterday, tomorrow night, last night
@rule("day_word", r"(?P<edge>(?:early|earlier|late|later)\s+)?(?:the\s+day\s+(?P<ba>before|after)\s+)?(?P<w>today|yesterday|tomorrow|tonight|overnight)"
      r"(?:\s+(?P<pod>morning|afternoon|evening|night))?(?:'s)?")
def _day_word(m, ctx):
    w = m["w"].lower()
    off = {"today": 0, "tonight": 0, "overnight": 0, "yesterday": -1, "tomorrow": 1}[w]
    if m["ba"]:
        off += -1 if m["ba"].lower() == "before" else 1
    if ctx.ref is None:
        return "DATE", "XXXX-XX-XX"
    d = (ctx.ref + dt.timedelta(days=off)).isoformat()
    pod = m["pod"] or (w if w in ("tonight", "overnight") else None)
    if pod:
        return "TIME", f"{d}T{PARTS_OF_DAY[pod.lower()]}"
    return "DATE", d


@rule("part_of_day", r"(?P<rel>this|last|the|later\s+this|earlier\s+this)\s+(?P<pod>morning|afternoon|evening|night)")
def _part_of_day(m, ctx):
    rel = m["rel"].lower()
    if ctx.ref is None:
        return None
    if rel == "the" and (ctx.last is None or ctx.word_after.lower() in ("of", "the", "that", "when", "before", "after", "he", "she", "they")):
        return None  # 'the night of Oct. 23', 'the night the plane went down': not the day last named
    base = ctx.ref - dt.timedelta(days=1) if rel == "last" else ctx.ref
    if rel == "the" and ctx.last is not None and ctx.last.gran == "day":
        base = ctx.last.first_day()
    elif rel == "the":
        return None
    return "TIME", f"{base.isoformat()}T{PARTS_OF_DAY[m['pod'].lower()]}"


@rule("weekday", r"(?P<rel>the\s+previous|the\s+preceding|the\s+following|the\s+next|last|next|this|this\s+past|this\s+coming|coming|past|early|late|on|since|until|by)?\s*(?P<wd>" + WEEKDAY +
      r")(?P<plural>s)?(?:\s+(?P<pod>(?i:morning|afternoon|evening|night))(?P<podplural>s)?)?", flags=0)
def _weekday(m, ctx):
    wd = weekday_num(m["wd"])
    rel = (m["rel"] or "").lower()
    # 'Friday night', 'Tuesday morning': a part of that day, which TimeML types as TIME
    pod = f"T{PARTS_OF_DAY[m['pod'].lower()]}" if m["pod"] else ""
    typ = "TIME" if pod else "DATE"
    if m["plural"] or m["podplural"]:
        return "SET", f"XXXX-WXX-{wd}{pod}"  # 'on Tuesday nights', 'Mondays': a recurrence
    if ctx.ref is None:
        return typ, f"XXXX-WXX-{wd}{pod}"
    rel = " ".join(rel.split())
    if rel.startswith("the "):
        # 'the previous Friday', 'the following Monday': counted from the day the story is at
        base = ctx.last.first_day() if ctx.last is not None and ctx.last.gran == "day" else ctx.ref
        if rel in ("the previous", "the preceding"):
            d = base - dt.timedelta(days=(base.isoweekday() - wd - 1) % 7 + 1)
        else:
            d = base + dt.timedelta(days=(wd - base.isoweekday() - 1) % 7 + 1)
        return typ, day(d).value() + pod
    direction = None
    if rel in ("last", "past", "this past", "since"):
        direction = "past"
    elif rel in ("next", "coming", "this coming", "until") or re.search(r"as\s+(?:early|soon|late)\s+as\s*$", ctx.text_before):
        direction = "future"
    w = resolve_weekday(wd, ctx, direction)
    if rel in ("last", "next") and w.first_day() == ctx.ref:
        w = day(ctx.ref + dt.timedelta(days=7 if rel == "next" else -7))
    return typ, w.value() + pod


# clock times: 10 a.m., 3:30 p.m. Tuesday, noon, midnight
@rule("clock", r"(?:(?:around|about|at|approximately|shortly\s+(?:before|after))\s+)?(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))?\s*(?P<ap>a\.?\s?m\.?|p\.?\s?m\.?|o'clock)"
      r"(?:\s+(?P<tz>EST|EDT|CST|CDT|PST|PDT|GMT|UTC|BST|CET|[A-Z]{2,3}T))?(?:,?\s+(?:(?P<dw>today|yesterday|tomorrow)|(?P<wd>" + WEEKDAY + r")|(?P<mon>" + MONTH + r")\s+(?P<d>" + DAYNUM + r")))?")
def _clock(m, ctx):
    h, mi = int(m["h"]), int(m["mi"] or 0)
    ap = m["ap"].lower().replace(".", "").replace(" ", "")
    if h > 12 or h == 0 and ap != "o'clock":
        return None
    if ap == "pm" and h < 12:
        h += 12
    if ap == "am" and h == 12:
        h = 0
    if ctx.ref is None:
        return "TIME", f"XXXX-XX-XXT{h:02d}:{mi:02d}"
    d = ctx.ref
    if m["dw"]:
        d = ctx.ref + dt.timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[m["dw"].lower()])
    elif m["wd"]:
        d = resolve_weekday(weekday_num(m["wd"]), ctx).first_day()
    elif m["mon"]:
        d = resolve_month(month_num(m["mon"]), int(re.match(r"\d+", m["d"]).group()), ctx).first_day()
    elif ctx.last is not None and ctx.last.gran == "day":
        d = ctx.last.first_day()
    return "TIME", f"{d.isoformat()}T{h:02d}:{mi:02d}"


@rule("noon", r"(?P<w>noon|midnight|midday|mid-afternoon|mid\s+afternoon)(?:\s+(?:(?P<dw>today|yesterday|tomorrow)|(?P<wd>" + WEEKDAY + r")))?")
def _noon(m, ctx):
    if ctx.ref is None:
        return None
    d = ctx.ref
    if m["dw"]:
        d = ctx.ref + dt.timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[m["dw"].lower()])
    elif m["wd"]:
        d = resolve_weekday(weekday_num(m["wd"]), ctx).first_day()
    elif ctx.last is not None and ctx.last.gran == "day":
        d = ctx.last.first_day()   # 'on Saturday at noon': the day just named, as for a clock time
    w = m["w"].lower()
    t = {"noon": "12:00", "midnight": "24:00", "midday": "12:00"}.get(w)
    return "TIME", f"{d.isoformat()}T{t}" if t else f"{d.isoformat()}TAF"


# relative units: last week, this month, next year, earlier this year, late last year, the weekend
@rule("rel_unit", r"(?P<edge>" + EDGE + r")?(?P<rel>last|next|this|coming|previous|current|following|this\s+past|this\s+coming)\s+(?P<u>week|month|year|weekend)")
def _rel_unit(m, ctx):
    if ctx.ref is None:
        return None
    u = m["u"].lower()
    k = relative_direction(m["rel"])
    if m["rel"].lower() in ("previous", "following"):
        if ctx.last is None:
            return None
        # 'the following year', 'the previous month': counted from the date the story is at
        base = ctx.last.first_day()
        if u == "year":
            return "DATE", f"{base.year + k:04d}"
        if u == "month":
            y, mo = add_months(base.year, base.month, k)
            return "DATE", f"{y:04d}-{mo:02d}"
        if u == "week":
            return "DATE", week_of(base + dt.timedelta(days=7 * k)).value()
        return None
    ref = ctx.ref
    if u == "year":
        return "DATE", f"{ref.year + k:04d}"
    if u == "month":
        y, mo = add_months(ref.year, ref.month, k)
        return "DATE", f"{y:04d}-{mo:02d}"
    if u == "week":
        return "DATE", week_of(ref + dt.timedelta(days=7 * k)).value()
    sat = ref + dt.timedelta(days=6 - ref.isoweekday() + 7 * k)
    if k == 0 and ref.isoweekday() in (1, 2) and ctx.tense == "past":
        sat -= dt.timedelta(days=7)
    return "DATE", week_of(sat).value() + "-WE"


@rule("the_weekend", r"(?:over\s+)?the\s+weekend")
def _the_weekend(m, ctx):
    if ctx.ref is None:
        return "DATE", "XXXX-WXX-WE"
    # in news, 'the weekend' is the nearest one: the past one early in the week or in a past clause
    sat = ctx.ref + dt.timedelta(days=6 - ctx.ref.isoweekday())
    if ctx.tense == "past" or ctx.ref.isoweekday() <= 2:
        if sat > ctx.ref:
            sat -= dt.timedelta(days=7)
    return "DATE", week_of(sat).value() + "-WE"


@rule("the_past_unit", r"(?:" + APPROX + r")?(?:(?:each\s+of|in|during|over|for)\s+)?the\s+(?P<rel>past|last|next|coming|first|final)\s+(?P<u>week|month|year|decade|day|hour|fortnight)")
def _the_past_unit(m, ctx):
    u = m["u"].lower()
    letter, small, _ = UNITS[u]
    if u == "decade":
        return "DURATION", "P10Y"
    return "DURATION", f"P{'T' if small else ''}1{letter}"


# N units ago / earlier / later; a year earlier; the year-earlier quarter
@rule("ago", r"(?:" + APPROX + r")?(?P<n>" + NUM + r")(?:\s+or\s+so)?\s+(?P<u>" + UNIT + r")(?:\s+or\s+so)?\s+(?P<dir>ago|from\s+now|hence|back|(?:earlier|later)(?!\s+(?:than|this|that|in\s+the)))(?P<today>\s+today)?")
def _ago(m, ctx):
    if m["n"].lower() == "the":
        return None
    n = number_value(m["n"])
    u = unit_of(m["u"])
    direction = -1 if m["dir"].lower() in ("ago", "earlier", "before", "back") else 1
    # 'two days later' / 'three years before' relate to the narrative, 'ago' to the reference date
    anaphoric = m["dir"].lower() in ("earlier", "later", "before", "after")
    base_date = ctx.ref
    if anaphoric and ctx.last is not None and ctx.last.gran == "day":
        base_date = ctx.last.first_day()
    if base_date is None:
        return None
    if n is None:
        return "DATE", "PAST_REF" if direction < 0 else "FUTURE_REF"
    n = int(n)
    if u == "year" and n == 1 and ctx.last_quarter is not None and direction < 0:
        return "DATE", shift(ctx.last_quarter, "year", -1).value()
    base = day(base_date)
    if g(m, "today") and u in ("day", "night", "week", "fortnight"):
        # 'two weeks ago today': that very day
        return "DATE", shift(base, "day", direction * n * (14 if u == "fortnight" else 7 if u == "week" else 1)).value()
    if u in ("second", "minute", "hour"):
        return "DATE", base.value()  # 'two hours ago': the day it happened
    if u in ("day", "night"):
        return "DATE", shift(base, "day", direction * n).value()
    if u in ("week", "fortnight"):
        return "DATE", week_of(shift(base, u, direction * n).first_day()).value()
    if u == "month":
        w = shift(When(base_date.year, base_date.month), "month", direction * n)
        return "DATE", w.value()
    if u == "quarter":
        w = shift(When(base_date.year, quarter=quarter_of(base_date)), "quarter", direction * n)
        return "DATE", w.value()
    if u == "decade":
        return "DATE", f"{base_date.year + direction * 10 * n:04d}"
    if u == "century":
        return "DATE", f"{(base_date.year + direction * 100 * n) // 100:02d}"
    return "DATE", f"{base_date.year + direction * n:04d}"


@rule("year_earlier", r"(?:the\s+|a\s+)?(?:comparable\s+|corresponding\s+)?(?:year-earlier|year-ago|prior-year|year\s+earlier)(?:\s+(?P<what>quarter|period|level|levels|figure|results|month|week))?")
def _year_earlier(m, ctx):
    if ctx.ref is None:
        return None
    what = (m["what"] or "").lower()
    if ctx.last_quarter is not None and what in ("", "quarter", "period", "level", "levels", "figure", "results"):
        return "DATE", shift(ctx.last_quarter, "year", -1).value()
    if what in ("month",) and ctx.last is not None and ctx.last.month is not None:
        return "DATE", shift(When(ctx.last.year, ctx.last.month), "year", -1).value()
    base = ctx.last if ctx.last is not None and ctx.last.gran in ("year", "month", "quarter") else When(ctx.ref.year)
    return "DATE", shift(base, "year", -1).value()


@rule("earlier_rel", r"(?P<edge>earlier|later|early|late|sometime|some\s+time|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|end\s+of)\s+(?:(?P<rel>this|last|next|the)\s+)(?P<u>week|month|year|quarter|decade|century)")
def _earlier_rel(m, ctx):
    if ctx.ref is None:
        return None
    rel = m["rel"].lower()
    u = m["u"].lower()
    if rel == "the":
        base = ctx.last if ctx.last is not None else day(ctx.ref)
        if u == "year":
            return "DATE", f"{base.year:04d}"
        if u == "month" and base.month is not None:
            return "DATE", f"{base.year:04d}-{base.month:02d}"
        if u == "week" and base.gran in ("day", "week"):
            return "DATE", week_of(base.first_day()).value()
        return None
    k = relative_direction(rel)
    if u == "year":
        return "DATE", f"{ctx.ref.year + k:04d}"
    if u == "month":
        y, mo = add_months(ctx.ref.year, ctx.ref.month, k)
        return "DATE", f"{y:04d}-{mo:02d}"
    if u == "week":
        return "DATE", week_of(ctx.ref + dt.timedelta(days=7 * k)).value()
    if u == "quarter":
        return "DATE", shift(When(ctx.ref.year, quarter=quarter_of(ctx.ref)), "quarter", k).value()
    if u == "decade":
        return "DATE", f"{ctx.ref.year // 10 + k:03d}"
    return "DATE", f"{ctx.ref.year // 100 + k:02d}"


# durations: two hours, the past three years, a four-year war, 2 1/2 years, several months
def _duration_value(n: Optional[float], u: str) -> str:
    letter, small, _ = UNITS[u]
    if n is None:
        return f"P{'T' if small else ''}X{letter if letter not in ('DE', 'CE') else ('DE' if u == 'decade' else 'CE')}"
    if letter == "DE":
        letter, n = "Y", n * 10
    elif letter == "CE":
        letter, n = "Y", n * 100
    whole = int(n)
    frac = n - whole
    out = f"P{'T' if small else ''}{whole}{letter}"
    if frac:
        sub = {"Y": (12, "M"), "M": (30, "D") if not small else (60, "S"), "W": (7, "D"), "D": (24, "H"), "H": (60, "M")}.get(letter)
        if sub:
            amount, sl = sub
            extra = int(round(frac * amount))
            if letter == "D":
                out = f"P{whole}DT{extra}H"
            else:
                out += f"{extra}{sl}"
            if whole == 0:
                out = out.replace(f"{'T' if small else ''}0{letter}", "T" if small else "", 1) if not small else out.replace("T0H", "T")
    return out


@rule("duration", r"(?P<pre>" + APPROX + r"|(?:the\s+)?(?:past|last|next|first|previous|coming|final|remaining|following|latest|initial)\s+|each\s+of\s+the\s+(?:past|last)\s+|the\s+)?(?P<pre2>" + APPROX + r")?(?P<n>"
      + NUM + r")(?:\s+(?:more|additional|full|straight|consecutive|long|further|extra|trading|business|working|calendar))?\s+(?P<u>" + UNIT + r")(?P<half>\s+and\s+a\s+half)?(?P<post>\s+(?:long|old|running|in\s+a\s+row))?")
def _duration(m, ctx):
    n_text = m["n"].lower()
    u = unit_of(m["u"])
    if n_text == "the" and not m["pre"]:
        return None
    n = number_value(n_text)
    if n is not None and n >= 1000 and u != "year":
        return None  # 'the 1988 quarter' is a year, not 1988 quarters
    if n is not None and m["half"]:
        n += 0.5
    plural = m["u"].lower().endswith("s") or m["u"].lower() == "centuries"
    if n is not None and n == 1 and plural and n_text not in ("1",):
        return None  # 'a days' does not occur; guards odd matches
    if n is None and n_text == "the":
        # 'the past two years' is caught with its number; 'the first quarter' etc. belong to other rules
        return None
    if u == "quarter" and n is not None and re.search(r"first|second|third|fourth", n_text):
        return None
    if (m["post"] or "").strip().lower() == "old":
        return None  # an age
    if n_text in ("a", "an") and not m["pre"] and not m["pre2"] and ctx.tag_before in ("CD", "$"):
        return None  # '$2 million a year' is a rate, which TimeML leaves unmarked
    pre = (m["pre"] or "").lower()
    if n is None and "recent" in pre:
        return "DURATION", _duration_value(None, u)
    return "DURATION", _duration_value(n, u)


@rule("duration_adj", r"(?P<n>\d+(?:\.\d+)?|" + NUMWORD + r"|half|one-and-a-half)-(?P<u>second|minute|hour|day|night|week|month|year|decade|century|quarter)(?:-(?:long|old))?(?P<s>s)?")
def _duration_adj(m, ctx):
    if m.group(0).lower().endswith("-old") or ctx.word_after.lower() in ("old", "-old"):
        return None  # an age ('a 6-year-old boy') is not a temporal expression
    n = 0.5 if m["n"].lower() == "half" else 1.5 if m["n"].lower() == "one-and-a-half" else number_value(m["n"].replace("-", " "))
    if n is None:
        return None
    return "DURATION", _duration_value(n, unit_of(m["u"]))


@rule("duration_long", r"(?P<u>day|week|month|year|decade|hour)[\s-]long")
def _duration_long(m, ctx):
    return "DURATION", _duration_value(1, m["u"].lower())


@rule("vague_duration", r"(?:(?:for|in|over|within)\s+)?(?P<pre>recent|coming|the\s+coming|the\s+past\s+few|the\s+last\s+few|the\s+next\s+few|the\s+past\s+several|the\s+last\s+several|the\s+next\s+several|several|many|a\s+few|few|some|the\s+early|the)\s+(?P<u>seconds|minutes|hours|days|weeks|months|years|decades|centuries)")
def _vague_duration(m, ctx):
    u = unit_of(m["u"])
    pre = m["pre"].lower()
    if pre == "the" and not m.group(0).lower().startswith(("for", "in", "over", "within")):
        return None
    return "DURATION", _duration_value(None, u)


@rule("bare_units", r"(?:(?P<prep>for|over|in|within|take|took|takes|taking|lasted|last|lasts)\s+)(?P<u>years|months|weeks|days|decades|centuries|hours|minutes)(?!\s+(?:of|ago|before|after|earlier|later))")
def _bare_units(m, ctx):
    return "DURATION", _duration_value(None, unit_of(m["u"]))


# sets: every week, each year, weekly, twice a month
@rule("set", r"(?P<pre>every|each|per|once\s+a|twice\s+a|(?:\w+)\s+times\s+a)\s+(?:(?P<n>" + NUMWORD + r"|\d+|other)\s+)?(?P<u>" + UNIT + r"|" + WEEKDAY + r"|" + MONTH + r")")
def _set(m, ctx):
    word = m["u"]
    low = word.lower().rstrip(".")
    if low in WEEKDAYS:
        return "SET", f"XXXX-WXX-{WEEKDAYS[low]}"
    if low in MONTHS and word[0].isupper():
        return "SET", f"XXXX-{MONTHS[low]:02d}"
    if low in MONTHS:
        return None
    u = unit_of(word)
    n = 2 if (m["n"] or "").lower() == "other" else number_value(m["n"]) if m["n"] else 1
    return "SET", _duration_value(n, u)


@rule("set_adverb", r"(?P<w>daily|weekly|monthly|annually|yearly|hourly|quarterly|nightly|biweekly|semiannually|fortnightly)")
def _set_adverb(m, ctx):
    if m["w"].lower() in ("quarterly", "monthly", "yearly", "weekly") and ctx.tags_in[:1] == ["JJ"]:
        return None  # 'a quarterly dividend', 'the weekly magazine': a kind of thing, not a recurrence
    return "SET", {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
                   "hourly": "PT1H", "quarterly": "P3M", "nightly": "P1D", "biweekly": "P2W",
                   "semiannually": "P6M", "fortnightly": "P2W"}[m["w"].lower()]


# indefinite references: now, recently, the future
@rule("present_ref", r"(?P<w>right\s+now|now|currently|nowadays|these\s+days|at\s+present|presently|at\s+this\s+time|at\s+the\s+moment|for\s+now|so\s+far|current|the\s+present)")
def _present(m, ctx):
    w = " ".join(m["w"].lower().split())
    if w == "current" and (ctx.tags_in[:1] != ["JJ"] or ctx.word_after.lower() in ("account", "accounts", "events", "affairs", "president", "leader")):
        return None
    if w == "so far":
        return None
    return "DATE", "PRESENT_REF"


@rule("past_ref", r"(?P<w>recently|more\s+recently|until\s+recently|in\s+the\s+past|the\s+past|lately|in\s+years\s+past)")
def _past(m, ctx):
    w = " ".join(m["w"].lower().split())
    if w == "the past" and ctx.tag_after in ("CD", "NN", "NNS"):
        return None
    return "DATE", "PAST_REF"


@rule("future_ref", r"(?P<w>(?:in\s+)?the\s+(?:near\s+|distant\s+|foreseeable\s+|immediate\s+)?future|the\s+near\s+term|the\s+short\s+term|the\s+long\s+term|the\s+medium\s+term|a\s+later\s+date|as\s+soon\s+as\s+possible|shortly|the\s+days\s+ahead|the\s+weeks\s+ahead|the\s+months\s+ahead|the\s+years\s+ahead)")
def _future(m, ctx):
    w = " ".join(m["w"].lower().split())
    if w.startswith("in "):
        return "DATE", "FUTURE_REF"
    if w.endswith("ahead"):
        u = w.split()[2]
        return "DURATION", _duration_value(None, unit_of(u))
    if w in ("shortly",):
        return None
    return "DATE", "FUTURE_REF"


@rule("holiday", r"(?P<h>Christmas(?:\s+Day|\s+Eve)?|New\s+Year'?s?\s+(?:Day|Eve)|Thanksgiving(?:\s+Day)?|Easter(?:\s+Sunday)?|Independence\s+Day|Labor\s+Day|Memorial\s+Day|Halloween|Valentine'?s\s+Day)(?:\s+(?P<y>" + YEAR + "))?", flags=0)
def _holiday(m, ctx):
    h = " ".join(m["h"].lower().replace("'", "").split())
    if m["y"]:
        return "DATE", holiday_date(h, int(m["y"])).isoformat()
    if ctx.ref is None:
        return None
    cands = [day(holiday_date(h, y)) for y in (ctx.ref.year - 1, ctx.ref.year, ctx.ref.year + 1)]
    return "DATE", pick(cands, ctx.ref, ctx.tense, end_of, ctx.strong).value()


# the year of the report or of the narrative: for the full year, the fiscal year, year-end, that year
@rule("the_year", r"(?P<edge>(?:later|earlier|early|late)\s+(?:in\s+)?)?(?P<det>the|this|that|the\s+same|the\s+current|the\s+latest|the\s+previous|the\s+following|the\s+next|the\s+prior)\s+(?:(?P<full>full|fiscal|calendar|financial)[\s-]+)*year")
def _the_year(m, ctx):
    det = " ".join(m["det"].lower().split())
    if det == "the" and ctx.word_after.lower() in ("ended", "ending", "to", "through"):
        return "DURATION", "P1Y"  # 'the year ended Sept. 30': a twelve-month period, not a calendar year
    if ctx.ref is None:
        return None
    if det in ("the following", "the next", "the previous", "the prior"):
        if ctx.last is None or ctx.last.gran == "day" and ctx.last.first_day() == ctx.ref:
            return None  # 'the next year' with nothing before it reads as a span of time
        return "DATE", f"{ctx.last.year + (1 if det in ('the following', 'the next') else -1):04d}"
    if det in ("that", "the same"):
        return ("DATE", f"{ctx.last.year:04d}") if ctx.last is not None else None
    if det == "the latest":
        return "DATE", f"{ctx.ref.year - 1:04d}"
    if det == "the" and not m["full"] and not m["edge"]:
        # 'for the year', 'of the year' in a report about results: the current year
        if ctx.word_before.lower() not in ("for", "of", "in", "during", "through", "throughout"):
            return None
    return "DATE", f"{ctx.ref.year:04d}"


@rule("year_end", r"(?:(?:around|by|at|before|until|through)\s+)?(?P<which>this\s+|last\s+|next\s+|the\s+)?(?:year[\s-]end|year'?s\s+end|the\s+end\s+of\s+the\s+year)")
def _year_end(m, ctx):
    if ctx.ref is None:
        return None
    which = (m["which"] or "").strip().lower()
    y = ctx.ref.year + relative_direction(which) if which in ("last", "next") else ctx.ref.year
    return "DATE", f"{y:04d}"


@rule("anaphoric_unit", r"(?P<det>the\s+following|the\s+next|the\s+previous|the\s+preceding|the\s+prior|that|the\s+same|later\s+that|earlier\s+that|earlier\s+in\s+the|later\s+in\s+the|the\s+rest\s+of\s+the)\s+(?P<u>month|week|day|morning|afternoon|evening|night)")
def _anaphoric_unit(m, ctx):
    det = " ".join(m["det"].lower().split())
    u = m["u"].lower()
    if ctx.last is None or ctx.ref is None:
        return None
    base = ctx.last
    if det in ("earlier in the", "later in the") and u == "day":
        base = day(ctx.ref) if base.gran != "day" else base
    k = 1 if det in ("the following", "the next") else -1 if det in ("the previous", "the preceding", "the prior") else 0
    if det == "the next" and u in ("month", "week", "day"):
        return None  # 'the next month' mostly measures time
    if u in ("morning", "afternoon", "evening", "night"):
        if base.gran != "day":
            return None
        d = base.first_day() + dt.timedelta(days=k)
        return "TIME", f"{d.isoformat()}T{PARTS_OF_DAY[u]}"
    if u == "day":
        if base.gran != "day":
            return None
        return "DATE", shift(base, "day", k).value()
    if u == "week":
        return "DATE", week_of(base.first_day() + dt.timedelta(days=7 * k)).value()
    if base.month is None:
        return None
    return "DATE", shift(When(base.year, base.month), "month", k).value()


@rule("latest_period", r"the\s+(?:latest|most\s+recent|recent|current|same)\s+(?:fiscal\s+)?period")
def _latest_period(m, ctx):
    if ctx.ref is None:
        return None
    if ctx.last_quarter is not None:
        return "DATE", ctx.last_quarter.value()
    return "DATE", shift(When(ctx.ref.year, quarter=quarter_of(ctx.ref)), "quarter", -1).value()


_SPOKEN_UNITS = _alt([w for w in SMALL if 1 <= SMALL[w] <= 9 and w not in ("a", "an", "single", "couple", "dozen")])
_SPOKEN_TEENS = _alt([w for w in SMALL if 10 <= SMALL[w] <= 19 and w != "dozen"])


@rule("spoken_year", r"(?:the\s+year\s+)?(?P<c>nineteen|eighteen|twenty)[\s-]+(?P<rest>(?:" + _alt(TENS) + r")(?:[\s-](?:" + _SPOKEN_UNITS + r"))?|" + _SPOKEN_TEENS + r"|hundred)"
      r"|(?:the\s+year\s+)?two\s+thousand(?:\s+(?:and\s+)?(?P<rest2>" + _SPOKEN_TEENS + "|" + _SPOKEN_UNITS + r"))?")
def _spoken_year(m, ctx):
    if m["c"]:
        century = {"nineteen": 1900, "eighteen": 1800, "twenty": 2000}[m["c"].lower()]
        rest = m["rest"].lower()
        n = 0 if rest == "hundred" else number_value(rest.replace("-", " "))
        if century == 2000 and m["c"].lower() == "twenty" and n < 10:
            return None  # 'twenty-five' is a number
        return "DATE", f"{century + int(n):04d}"
    if not m.group(0).lower().startswith("the year") and not m["rest2"] and ctx.word_before.lower() not in ("in", "by", "since", "until", "of"):
        return None
    n = number_value(m["rest2"]) if m["rest2"] else 0
    return "DATE", f"{2000 + int(n or 0):04d}"

@rule("year_period", r"(?:the\s+(?P<y>" + YEAR + r")|(?P<rel>last|this|next)\s+year'?s|the\s+(?:corresponding|comparable|same)\s+(?:period|quarter)\s+(?P<rel2>last|this|a)\s+year(?:\s+(?:ago|earlier))?)\s*(?P<what>quarter|period)?")
def _year_period(m, ctx):
    if m["y"] and not m["what"]:
        return None
    if m["rel"] and not m["what"]:
        return None
    if ctx.ref is None:
        return None
    if m["y"]:
        y = int(m["y"])
    else:
        rel = (m["rel"] or m["rel2"]).lower()
        y = ctx.ref.year + (-1 if rel in ("last", "a") else 1 if rel == "next" else 0)
    q = ctx.last_quarter.quarter if ctx.last_quarter is not None else quarter_of(ctx.ref) - 1 or 4
    return "DATE", f"{y:04d}-Q{q}"


RULE_ORDER = {r.name: i for i, r in enumerate(RULES)}
