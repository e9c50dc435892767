"""Offset bookkeeping: build cleaned text while remembering where each kept character came from.

Maps are lists of runs `(clean_start, source_start, length)` as in `records.OffsetMap`. Every
character inside a run is a verbatim copy of the source character it maps to; characters outside
runs (inserted separators, repaired mojibake) have no exact source and map to the next run.
"""
from __future__ import annotations

import difflib
from bisect import bisect_right

Run = tuple[int, int, int]


class TextBuilder:
    """Appends verbatim slices of a source text (mapped) and inserted strings (unmapped)."""

    def __init__(self, source: str):
        self.source = source
        self.parts: list[str] = []
        self.runs: list[Run] = []
        self.length = 0

    def keep(self, start: int, end: int) -> None:
        if end <= start:
            return
        self.parts.append(self.source[start:end])
        add_run(self.runs, self.length, start, end - start)
        self.length += end - start

    def insert(self, text: str) -> None:
        if text:
            self.parts.append(text)
            self.length += len(text)

    def text(self) -> str:
        return "".join(self.parts)


def add_run(runs: list[Run], clean_start: int, source_start: int, length: int) -> None:
    """Append a run, merging it into the previous one when both sides are contiguous."""
    if length <= 0:
        return
    if runs:
        cs, ss, n = runs[-1]
        if cs + n == clean_start and ss + n == source_start:
            runs[-1] = (cs, ss, n + length)
            return
    runs.append((clean_start, source_start, length))


def compose(outer: list[Run], inner: list[Run]) -> list[Run]:
    """Chain two maps: `outer` maps text C -> text B, `inner` maps B -> A; the result maps C -> A.

    Characters of C whose B position is not covered by `inner` become unmapped.
    """
    starts = [r[0] for r in inner]
    out: list[Run] = []
    for cs, ss, n in outer:
        pos, end = ss, ss + n
        i = max(bisect_right(starts, pos) - 1, 0)
        while pos < end and i < len(inner):
            ics, iss, il = inner[i]
            lo, hi = max(pos, ics), min(end, ics + il)
            if hi > lo:
                add_run(out, cs + (lo - ss), iss + (lo - ics), hi - lo)
            if ics + il >= end:
                break
            pos = max(pos, ics + il)
            i += 1
    return out


def align_runs(old: str, new: str, old_offset: int, new_offset: int) -> list[Run]:
    """Runs for the characters `new` shares verbatim with `old` (used after a local repair)."""
    runs: list[Run] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        add_run(runs, new_offset + b, old_offset + a, size)
    return runs


def identity(length: int) -> list[Run]:
    return [(0, 0, length)] if length else []
