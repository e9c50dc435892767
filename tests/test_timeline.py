"""Merging dated happenings across accounts (sentences are our own)."""
from __future__ import annotations

from types import SimpleNamespace

from counterpoint.compare.timeline import merge_events, merge_entries, same_happening
from counterpoint.records import Account, TimelineEntry


def entry(account_id: str, date: str, text: str) -> TimelineEntry:
    acc = Account(id=account_id, text=text)
    return TimelineEntry(date=date, text=text, accounts=[account_id], tense="past",
                         evidence=[acc.span(0, len(text))])


def test_same_date_and_content_merge_with_all_evidence():
    a = entry("wire", "2026-02-04", "President Lula spoke with Chancellor Merz by phone about the Mercosur trade deal.")
    b = entry("daily", "2026-02-04", "Lula and Merz discussed the Mercosur deal in a phone call, the ministry said.")
    merged = merge_events([SimpleNamespace(events=[a]), SimpleNamespace(events=[b])])
    assert len(merged) == 1
    assert merged[0].accounts == ["wire", "daily"]
    assert [ev.account for ev in merged[0].evidence] == ["wire", "daily"]


def test_different_happenings_on_one_day_stay_apart():
    a = entry("wire", "2026-02-04", "President Lula spoke with Chancellor Merz by phone about the Mercosur trade deal.")
    b = entry("wire", "2026-02-04", "Floods in Porto Alegre displaced thousands of residents overnight.")
    assert not same_happening(a, b)
    assert len(merge_entries([a, b])) == 2


def test_same_content_on_different_dates_stay_apart():
    a = entry("wire", "2025-10", "Lula met Merz in Belem to discuss the Mercosur trade deal.")
    b = entry("daily", "2026-02-04", "Lula met Merz in Berlin to discuss the Mercosur trade deal.")
    assert len(merge_entries([a, b])) == 2


def test_sorted_by_date_with_coarse_dates_first():
    entries = [entry("x", "2026-02-04", "The ministers met in Oslo."),
               entry("x", "2026", "Elections are due in Norway."),
               entry("x", "2025-11", "The ceasefire collapsed in the north."),
               entry("x", "2026-01", "Parliament passed the budget bill.")]
    assert [e.date for e in merge_entries(entries)] == ["2025-11", "2026", "2026-01", "2026-02-04"]


def test_inputs_are_not_mutated():
    a = entry("wire", "2026-02-04", "President Lula spoke with Chancellor Merz about the Mercosur trade deal.")
    b = entry("daily", "2026-02-04", "Lula and Merz discussed the Mercosur trade deal by phone.")
    merge_entries([a, b])
    assert len(a.evidence) == 1 and a.accounts == ["wire"]


def test_coarse_entry_joins_finer_one_from_another_account():
    year = entry("wire", "2026", "Premier Kishida confirmed a planned state visit to Canberra later this year.")
    month = entry("daily", "2026-04", "Kishida's planned state visit to Canberra is expected in April.")
    merged = merge_entries([year, month])
    assert len(merged) == 1
    assert merged[0].date == "2026-04"
    assert sorted(merged[0].accounts) == ["daily", "wire"]
    assert len(merged[0].evidence) == 2


def test_coarse_entry_of_the_same_account_stays_apart():
    # one writer dating one thing to the month and another to the year tells of two things
    year = entry("wire", "2025", "Kishida raised tariffs on Canberra steel imports last year.")
    month = entry("wire", "2025-10", "Kishida and Albanese cut steel tariffs at a meeting in Canberra in October.")
    assert [e.date for e in merge_entries([year, month])] == ["2025", "2025-10"]


def test_unrelated_entries_in_the_same_year_stay_apart():
    year = entry("wire", "2026", "Premier Kishida confirmed a planned state visit to Canberra later this year.")
    month = entry("daily", "2026-04", "Floods in Queensland displaced thousands of residents in April.")
    assert [e.date for e in merge_entries([year, month])] == ["2026", "2026-04"]


def test_the_event_first_then_the_background():
    before = entry("wire", "2025-11", "Trade fell sharply in November after the ports closed.")
    coarse = entry("wire", "2026", "The two countries plan to double wheat sales this year.")
    day = entry("daily", "2026-02-04", "President Lula spoke with Chancellor Merz by phone.")
    later = entry("daily", "2026-04", "Merz will visit Brasilia in April.")
    merged = merge_events([SimpleNamespace(events=[before, coarse, day, later])], "2026-02-04")
    assert [e.date for e in merged] == ["2026-02-04", "2026", "2026-04", "2025-11"]
    assert [e.background for e in merged] == [False, False, False, True]
    # with no manifest date, the day most entries are dated to is the event's day
    again = merge_events([SimpleNamespace(events=[before, coarse, day, later])])
    assert [e.date for e in again] == ["2026-02-04", "2026", "2026-04", "2025-11"]


def test_timeline_chart_labels_never_print_over_each_other():
    from datetime import date, timedelta

    from counterpoint.report.plots import AXIS_CHARS, _Point, point_labels

    start = date(2026, 3, 1)
    pts = [_Point(start, "day", 1), _Point(start, "day", 2), _Point(start + timedelta(days=1), "day", 3),
           _Point(start + timedelta(days=3), "day", 4), _Point(start + timedelta(days=4), "day", 5),
           _Point(start + timedelta(days=90), "month", 6)]
    span = 90
    labels = point_labels(pts, span)
    shown = set()
    for _, text, _ in labels:
        for part in text.split(","):
            lo, _, hi = part.partition("\u2013")  # a run shows as 1–3
            shown |= set(range(int(lo), int(hi or lo) + 1))
    assert shown == {1, 2, 3, 4, 5, 6}  # every point keeps its number
    per_char = span / AXIS_CHARS
    boxes = [((w - start).days - (len(t) / 2) * per_char, (w - start).days + (len(t) / 2) * per_char, lvl)
             for w, t, lvl in labels]
    for i, (l1, r1, v1) in enumerate(boxes):
        for l2, r2, v2 in boxes[i + 1:]:
            assert v1 != v2 or r1 <= l2 or r2 <= l1, labels
