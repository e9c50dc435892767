"""Charts of a Report drawn with matplotlib (Agg/SVG, no pyplot), returned as inline SVG markup.

Only the two views people would rather look at than read: the party x topic matrix as a heatmap
and the timeline. Both draw what the Report holds; nothing is recomputed here.
"""
from __future__ import annotations

import io
import re
import threading
from dataclasses import dataclass
from datetime import date
from typing import Optional

import matplotlib

matplotlib.use("Agg")  # no display, ever; must precede any backend import

from matplotlib import rc_context  # noqa: E402
from matplotlib.backends.backend_svg import FigureCanvasSVG  # noqa: E402
from matplotlib.colors import LinearSegmentedColormap  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from counterpoint import settings  # noqa: E402
from counterpoint.records import Report  # noqa: E402

# Okabe-Ito: distinguishable with the common colour-vision deficiencies, legible on white.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
NEUTRAL = "#7a7a7a"  # press, unknown side, no party
LABEL_CHARS = settings.PLOT_LABEL_CHARS

# rcParams are process-global; the server may render several reports at once.
_LOCK = threading.Lock()
_SVG_RC = {
    "svg.fonttype": "none",  # real <text> elements: small, selectable, styled by the page
    "font.family": "DejaVu Sans",  # shipped with matplotlib: labels are measured with the font browsers get
    "font.size": 9,
}


def party_colours(report: Report) -> dict[str, str]:
    """A colour per party that depends only on the set of party names: the names in sorted order
    take the palette in turn, so the same parties get the same colours whatever the order of the
    manifest, of the accounts or of the claims, and no two parties share one while the palette lasts."""
    names = set(report.parties) | set(_parties_seen(report))
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(sorted(names, key=lambda n: (n.casefold(), n)))}


def _parties_seen(report: Report) -> list[str]:
    seen: list[str] = []
    for name in [t for topic in report.topics for t in topic.by_party] + [c.party for c in report.claims if c.party]:
        if name not in seen:
            seen.append(name)
    return seen


def _short(label: str) -> str:
    label = " ".join(label.split())
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "\u2026"


def _to_svg(fig: Figure, salt: str) -> str:
    buf = io.StringIO()
    # A distinct salt keeps the ids of clip paths unique when several SVGs share one page.
    with rc_context({**_SVG_RC, "svg.hashsalt": salt}):
        FigureCanvasSVG(fig).print_svg(buf, metadata={"Date": None, "Creator": None})
    svg = buf.getvalue()
    svg = svg[svg.find("<svg"):]  # drop the XML declaration and DOCTYPE: the SVG is inlined in HTML
    # Element ids (figure_1, axes_1, ...) repeat across figures; prefix them so the page keeps unique ids.
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{salt}-{m.group(1)}"', svg)
    svg = re.sub(r'url\(#([^)]+)\)', lambda m: f'url(#{salt}-{m.group(1)})', svg)
    return re.sub(r'href="#([^"]+)"', lambda m: f'href="#{salt}-{m.group(1)}"', svg)


def topic_heatmap_svg(report: Report) -> Optional[str]:
    """Heatmap of how often each party raised each topic (Topic.by_party); None if there are no topics."""
    topics = [t for t in report.topics if t.by_party or report.parties]
    if not topics:
        return None
    parties = list(report.parties)
    known = set(parties)
    for name in _parties_seen(report):
        if name not in known:
            parties.append(name)
            known.add(name)
    if not parties:
        return None
    title = "mentions of each topic, by party"
    if len(parties) > settings.CHART_PARTIES:
        # One row per party: 10,000 parties drew 10,000 tick labels (150 s, 1.3 GB in matplotlib).
        # The parties with the most mentions are drawn, in their order; the rest are counted.
        total = {p: sum(t.by_party.get(p, 0) for t in topics) for p in parties}
        keep = set(sorted(parties, key=lambda p: -total[p])[:settings.CHART_PARTIES])
        title += f" ({len(parties) - len(keep):,} more parties with fewer mentions not drawn)"
        parties = [p for p in parties if p in keep]
    counts = [[t.by_party.get(p, 0) for t in topics] for p in parties]
    peak = max((v for row in counts for v in row), default=0) or 1
    cmap = LinearSegmentedColormap.from_list("counterpoint", ["#f7fbff", "#6baed6", "#08306b"])
    with _LOCK, rc_context(_SVG_RC):
        width = min(2.2 + 0.75 * len(topics), 16)
        height = 1.4 + 0.45 * len(parties)
        fig = Figure(figsize=(width, height))
        ax = fig.add_subplot()
        ax.pcolormesh(counts, cmap=cmap, vmin=0, vmax=peak, edgecolors="white", linewidth=2)
        ax.set_xticks([i + 0.5 for i in range(len(topics))], [_short(t.label) for t in topics],
                      rotation=35, ha="right", parse_math=False)
        ax.set_yticks([i + 0.5 for i in range(len(parties))], [_short(p) for p in parties], parse_math=False)
        ax.invert_yaxis()
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        for r, row in enumerate(counts):
            for c, value in enumerate(row):
                ax.text(c + 0.5, r + 0.5, str(value), ha="center", va="center", parse_math=False,
                        color="white" if value > peak * 0.55 else "#1b1b1b")
        ax.set_title(title, loc="left", fontsize=9, color="#444")
        fig.tight_layout()
        return _to_svg(fig, "heatmap")


@dataclass
class _Point:
    when: date
    precision: str  # day, month, year
    index: int  # 1-based number of the timeline entry, shown beside the point and in the list


_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def parse_timeline_date(value: str) -> Optional[tuple[date, str]]:
    """The calendar position of an ISO/TIMEX date value (2026-03-10, 2026-03, 2026, 2026-W10 -> year)."""
    m = _ISO.match(value or "")
    if not m:
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    try:
        if day:
            return date(int(year), int(month), int(day)), "day"
        if month:
            return date(int(year), int(month), 1), "month"
        return date(int(year), 1, 1), "year"
    except ValueError:
        return None


#: Width of the chart's axis in characters of the point labels (9 in wide, 7 pt digits): two labels
#: closer than their own width on the axis would print over each other.
AXIS_CHARS = settings.CHART_AXIS_CHARS


def point_labels(points: list[_Point], span_days: int) -> list[tuple[date, str, int]]:
    """The number labels of one lane's points as (where, text, level) so that none prints over
    another: points on the same or nearly the same day share one label ("4,5"; a run "4–7"), and a
    label too close to the one before it goes one level up."""
    per_char = span_days / AXIS_CHARS  # days one character of a label covers on the axis
    groups: list[list[_Point]] = []
    for p in sorted(points, key=lambda p: (p.when, p.index)):
        if groups and (p.when - groups[-1][0].when).days <= 2 * per_char:
            groups[-1].append(p)
        else:
            groups.append([p])
    out: list[tuple[date, str, int]] = []
    placed: list[tuple[float, float, int]] = []  # (left, right, level) in days from the first point
    origin = groups[0][0].when if groups else None
    for g in groups:
        text = _numbers(sorted({p.index for p in g}))
        centre = (g[0].when - origin).days
        half = (len(text) / 2 + 1) * per_char
        level = 0
        while any(lvl == level and left < centre + half and centre - half < right for left, right, lvl in placed):
            level += 1
        placed.append((centre - half, centre + half, level))
        out.append((g[0].when, text, level))
    return out


def _numbers(ns: list[int]) -> str:
    """'4,5' for a few numbers, '4–7' for a run of more than two."""
    if len(ns) > 2 and ns == list(range(ns[0], ns[-1] + 1)):
        return f"{ns[0]}\u2013{ns[-1]}"
    return ",".join(str(n) for n in ns)


def timeline_svg(report: Report) -> Optional[str]:
    """Dated entries as points on a time axis, one lane per account; None if nothing has a calendar date."""
    colours = party_colours(report)
    lanes = [a.id for a in report.accounts]
    lane_colour = {a.id: colours.get(a.side, NEUTRAL) for a in report.accounts}
    points: dict[str, list[_Point]] = {}
    for i, entry in enumerate(report.timeline, start=1):
        parsed = parse_timeline_date(entry.date)
        if parsed is None:
            continue
        accounts = entry.accounts or sorted({s.account for s in entry.evidence}) or ["(no account)"]
        for acc in accounts:
            if acc not in lanes:
                lanes.append(acc)
            points.setdefault(acc, []).append(_Point(parsed[0], parsed[1], i))
    if not points:
        return None
    lanes = [lane for lane in lanes if lane in points]
    markers = {"day": "o", "month": "s", "year": "D"}
    all_days = [p.when for pts in points.values() for p in pts]
    span_days = max(6, (max(all_days) - min(all_days)).days)
    with _LOCK, rc_context(_SVG_RC):
        fig = Figure(figsize=(9, 1.3 + 0.42 * len(lanes)))
        ax = fig.add_subplot()
        for y, lane in enumerate(lanes):
            ax.axhline(y, color="#e3e3e3", linewidth=1, zorder=0)
            for precision, marker in markers.items():
                pts = [p for p in points[lane] if p.precision == precision]
                if pts:
                    ax.scatter([p.when for p in pts], [y] * len(pts), marker=marker, s=42, zorder=2,
                               color=lane_colour.get(lane, NEUTRAL), edgecolors="white", linewidths=0.8)
            for when, text, level in point_labels(points[lane], span_days):
                ax.annotate(text, (when, y), xytext=(0, 7 + 9 * level), textcoords="offset points",
                            ha="center", fontsize=7, color="#333", parse_math=False)
        ax.set_yticks(range(len(lanes)), [_short(lane) for lane in lanes], parse_math=False)
        ax.set_ylim(-0.7, len(lanes) - 0.3)
        ax.invert_yaxis()
        all_dates = [p.when for pts in points.values() for p in pts]
        if min(all_dates) == max(all_dates):  # one day: give the axis some width around it
            from datetime import timedelta
            ax.set_xlim(min(all_dates) - timedelta(days=3), max(all_dates) + timedelta(days=3))
        fig.autofmt_xdate(rotation=30)
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        ax.tick_params(axis="y", length=0)
        ax.set_title("dated events by account (numbers refer to the list below; \u25a0 month, \u25c6 year precision)",
                     loc="left", fontsize=9, color="#444")
        fig.tight_layout()
        return _to_svg(fig, "timeline")
