"""Calendar arithmetic of the TIMEX3 rules: a resolved value at some granularity (`When`), shifting
it by units, the context an expression is read in (`Context`) and the choice among the readings of
an underspecified date (a month without a year, a bare weekday, a holiday)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable, Optional

@dataclass(frozen=True)
class When:
    """A resolved calendar value at some granularity."""

    year: int
    month: Optional[int] = None
    day: Optional[int] = None
    week: Optional[int] = None
    quarter: Optional[int] = None
    half: Optional[int] = None
    season: Optional[str] = None

    @property
    def gran(self) -> str:
        if self.day is not None:
            return "day"
        if self.week is not None:
            return "week"
        if self.month is not None:
            return "month"
        if self.quarter is not None:
            return "quarter"
        if self.half is not None:
            return "half"
        if self.season is not None:
            return "season"
        return "year"

    def value(self) -> str:
        y = f"{self.year:04d}"
        if self.day is not None:
            return f"{y}-{self.month:02d}-{self.day:02d}"
        if self.week is not None:
            return f"{y}-W{self.week:02d}"
        if self.month is not None:
            return f"{y}-{self.month:02d}"
        if self.quarter is not None:
            return f"{y}-Q{self.quarter}"
        if self.half is not None:
            return f"{y}-H{self.half}"
        if self.season is not None:
            return f"{y}-{self.season}"
        return y

    def first_day(self) -> dt.date:
        if self.day is not None:
            return dt.date(self.year, self.month, self.day)
        if self.week is not None:
            return dt.date.fromisocalendar(self.year, self.week, 1)
        if self.month is not None:
            return dt.date(self.year, self.month, 1)
        if self.quarter is not None:
            return dt.date(self.year, 3 * self.quarter - 2, 1)
        if self.half is not None:
            return dt.date(self.year, 6 * self.half - 5, 1)
        if self.season is not None:
            return dt.date(self.year, {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[self.season], 1)
        return dt.date(self.year, 1, 1)


def day(d: dt.date) -> When:
    return When(d.year, d.month, d.day)


def week_of(d: dt.date) -> When:
    y, w, _ = d.isocalendar()
    return When(y, week=w)


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def shift(w: When, unit: str, n: int) -> When:
    """Move a value by n units, keeping its granularity."""
    if unit == "year" or unit in ("decade", "century"):
        years = n * {"year": 1, "decade": 10, "century": 100}[unit]
        if w.gran == "day":
            d = w.first_day()
            try:
                return day(d.replace(year=d.year + years))
            except ValueError:
                return day(d.replace(year=d.year + years, day=28))
        if w.gran == "week":
            return When(w.year + years, week=w.week)
        return When(w.year + years, w.month, None, None, w.quarter, w.half, w.season)
    if unit == "quarter":
        if w.quarter is not None:
            y, m = add_months(w.year, 3 * w.quarter - 2, 3 * n)
            return When(y, quarter=(m - 1) // 3 + 1)
        return shift(w, "month", 3 * n)
    if unit == "month":
        if w.gran == "day":
            y, m = add_months(w.year, w.month, n)
            last = (dt.date(*add_months(y, m, 1), 1) - dt.timedelta(days=1)).day
            return When(y, m, min(w.day, last))
        if w.month is not None:
            y, m = add_months(w.year, w.month, n)
            return When(y, m)
        return w
    if unit in ("week", "fortnight", "weekend"):
        days = 7 * n * (2 if unit == "fortnight" else 1)
        d = w.first_day() + dt.timedelta(days=days)
        return week_of(d) if w.gran == "week" else day(d)
    if unit in ("day", "night"):
        return day(w.first_day() + dt.timedelta(days=n))
    return w


def quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


@dataclass
class Context:
    ref: Optional[dt.date]          # the reference date (document creation time)
    tense: Optional[str] = None     # past / present / future / None, of the clause the timex sits in
    strong: bool = False            # the timex modifies that verb directly (not through a noun)
    last: Optional[When] = None     # last date mentioned before this expression (anaphora)
    last_quarter: Optional[When] = None  # last fiscal quarter mentioned (financial anaphora)
    tag_before: str = ""            # fine POS tag of the token right before the match
    tag_after: str = ""             # fine POS tag of the token right after the match
    word_before: str = ""
    word_after: str = ""
    text_before: str = ""           # a few characters of text before the match
    tags_in: list[str] = field(default_factory=list)


def pick(candidates: list[When], ref: dt.date, tense: Optional[str], gran_end: Callable[[When], dt.date],
         strong: bool = True) -> When:
    """Choose among the readings of an underspecified date (e.g. 'December' in year-1, year, year+1)
    by tense: past -> the latest one that has begun by the reference date; future -> the earliest
    one not yet over; no tense -> the nearest. A tense that reaches the expression only through a
    noun ('the Nov. 1 deadline set in the agreement') is a weaker cue: it only weighs the distance."""

    def distance(c: When) -> int:
        a, b = c.first_day(), gran_end(c)
        if a <= ref <= b:
            return 0
        return min(abs((a - ref).days), abs((b - ref).days))

    if tense == "past":
        ok = [c for c in candidates if c.first_day() <= ref]
        if ok and strong:
            return max(ok, key=lambda c: c.first_day())
        return min(candidates, key=lambda c: distance(c) * (1 if c.first_day() <= ref else 1.5))
    if tense == "future":
        ok = [c for c in candidates if gran_end(c) >= ref]
        if ok and strong:
            return min(ok, key=lambda c: c.first_day())
        return min(candidates, key=lambda c: distance(c) * (1 if gran_end(c) >= ref else 1.5))
    return min(candidates, key=distance)


def end_of(w: When) -> dt.date:
    if w.gran == "day":
        return w.first_day()
    if w.gran == "week":
        return w.first_day() + dt.timedelta(days=6)
    if w.gran == "month":
        y, m = add_months(w.year, w.month, 1)
        return dt.date(y, m, 1) - dt.timedelta(days=1)
    if w.gran == "quarter":
        y, m = add_months(w.year, 3 * w.quarter - 2, 3)
        return dt.date(y, m, 1) - dt.timedelta(days=1)
    if w.gran == "season":
        return w.first_day() + dt.timedelta(days=91)
    if w.gran == "half":
        y, m = add_months(w.year, 6 * w.half - 5, 6)
        return dt.date(y, m, 1) - dt.timedelta(days=1)
    return dt.date(w.year, 12, 31)


def resolve_month(month: int, dayn: Optional[int], ctx: Context) -> Optional[When]:
    if ctx.ref is None:
        return None
    cands = []
    for y in (ctx.ref.year - 1, ctx.ref.year, ctx.ref.year + 1):
        if dayn is None:
            cands.append(When(y, month))
        else:
            try:
                dt.date(y, month, dayn)
                cands.append(When(y, month, dayn))
            except ValueError:
                pass
    if not cands:
        return None
    # news leaves the year out of a date within about half a year of the report: a tense cue
    # only chooses among those ('has set Nov. 10 as the deadline', written on Nov. 2)
    near = [c for c in cands if _gap_days(c, ctx.ref) <= NEAR_DAYS[c.gran]]
    return pick(near or cands, ctx.ref, ctx.tense, end_of, ctx.strong)


NEAR_DAYS = {"day": 300, "month": 400}


def _gap_days(w: When, ref: dt.date) -> int:
    a, b = w.first_day(), end_of(w)
    return 0 if a <= ref <= b else min(abs((a - ref).days), abs((b - ref).days))


def resolve_weekday(wd: int, ctx: Context, direction: Optional[str] = None) -> Optional[When]:
    """A bare weekday: news reports mostly look back over the past week; a future clause (or
    'next') looks forward. The reference day itself counts for both."""
    if ctx.ref is None:
        return None
    ref = ctx.ref
    back = (ref.isoweekday() - wd) % 7
    fwd = (wd - ref.isoweekday()) % 7
    way = direction or {"future": "future", "past": "past"}.get(ctx.tense or "", "past")
    if direction is None and (ctx.tense == "open" or ctx.tense == "future" and not ctx.strong):
        # 'would travel Thursday', a date reached through a noun: the nearer of the two
        way = "future" if fwd < back else "past"
    if way == "future":
        return day(ref + dt.timedelta(days=fwd))
    return day(ref - dt.timedelta(days=back))


def holiday_date(h: str, y: int) -> dt.date:
    fixed = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24), "new years day": (1, 1),
             "new year day": (1, 1), "new years eve": (12, 31), "new year eve": (12, 31), "independence day": (7, 4),
             "halloween": (10, 31), "valentines day": (2, 14)}
    if h in fixed:
        mo, d = fixed[h]
    elif h.startswith("thanksgiving"):
        first = dt.date(y, 11, 1)
        d = 1 + (3 - first.weekday()) % 7 + 21
        mo = 11
    elif h == "labor day":
        first = dt.date(y, 9, 1)
        mo, d = 9, 1 + (0 - first.weekday()) % 7
    elif h == "memorial day":
        last = dt.date(y, 5, 31)
        mo, d = 5, 31 - (last.weekday() - 0) % 7
    else:  # Easter (anonymous Gregorian algorithm)
        a, b, c = y % 19, y // 100, y % 100
        d_, e = b // 4, b % 4
        f_ = (b + 8) // 25
        g_ = (b - f_ + 1) // 3
        h_ = (19 * a + b - d_ - g_ + 15) % 30
        i, k = c // 4, c % 4
        l_ = (32 + 2 * e + 2 * i - h_ - k) % 7
        m_ = (a + 11 * h_ + 22 * l_) // 451
        mo = (h_ + l_ - 7 * m_ + 114) // 31
        d = (h_ + l_ - 7 * m_ + 114) % 31 + 1
    return dt.date(y, mo, d)
