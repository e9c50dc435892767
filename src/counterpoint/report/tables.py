"""Report -> tables for spreadsheet users: claims, quotes, figures, timeline and accounts, one row per
item with its provenance (account, offsets into the cleaned text and into the original, page or
paragraph for PDF and .docx accounts) and status. Written as CSV files (a folder, or a .zip) or one
.xlsx workbook with a sheet per table. Renders only: every value comes from the Report."""
from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import Iterable, Optional

from counterpoint.records import Account, Report, Span

TABLE_FORMATS = ("csv", "xlsx")
TABLES = ("claims", "quotes", "figures", "timeline", "accounts")

_PROVENANCE = ["account", "start", "end", "source_start", "source_end", "location"]


def _where(accounts: dict[str, Account], account: Optional[str], start: Optional[int]) -> str:
    acc = accounts.get(account or "")
    part = acc.part_at(start) if acc is not None and start is not None else None
    return f"{part.kind} {part.number}" if part else ""


def _prov(accounts: dict[str, Account], span: Optional[Span]) -> list:
    if span is None:
        return ["", "", "", "", "", ""]
    return [span.account, span.start, span.end, _blank(span.source_start), _blank(span.source_end),
            _where(accounts, span.account, span.start)]


def _blank(v):
    return "" if v is None else v


def _spans(spans: Iterable[Span]) -> str:
    return "; ".join(f"{s.account}:{s.start}-{s.end}" for s in spans)


def tables(report: Report) -> dict[str, tuple[list[str], list[list]]]:
    """Table name -> (header, rows)."""
    accounts = {a.id: a for a in report.accounts}
    out: dict[str, tuple[list[str], list[list]]] = {}
    out["claims"] = (["claim_id"] + _PROVENANCE + ["status", "status_reason", "speaker", "party", "stance", "verb",
                                                   "channel", "topics", "group", "text", "more_evidence",
                                                   "status_evidence"],
                     [[c.id] + _prov(accounts, c.evidence[0] if c.evidence else None)
                      + [_blank(c.status), _blank(c.status_reason), _blank(c.speaker), _blank(c.party),
                         _blank(c.stance), _blank(c.verb), _blank(c.channel), "; ".join(c.topics), _blank(c.group),
                         c.text, _spans(c.evidence[1:]), _spans(c.status_evidence)]
                      for c in report.claims])
    out["quotes"] = (_PROVENANCE + ["speaker", "party", "kind", "cue", "channel", "text"],
                     [[q.account, q.start, q.end, _blank(q.source_start), _blank(q.source_end),
                       _where(accounts, q.account, q.start), _blank(q.speaker), _blank(q.party), q.kind,
                       _blank(q.cue), _blank(q.channel), q.text] for q in report.quotes])
    out["figures"] = (_PROVENANCE + ["value", "unit", "approx", "measures", "conflict", "conflicts_with", "text"],
                      [[f.account, f.start, f.end, _blank(f.source_start), _blank(f.source_end),
                        _where(accounts, f.account, f.start), f.value, f.unit, _blank(f.approx), _blank(f.measures),
                        f.conflict, _spans(f.conflicts_with), f.text] for f in report.figures])
    out["timeline"] = (["date", "end_date", "tense"] + _PROVENANCE + ["accounts", "more_evidence", "text"],
                       [[t.date, _blank(t.end), _blank(t.tense)] + _prov(accounts, t.evidence[0] if t.evidence else None)
                        + ["; ".join(t.accounts), _spans(t.evidence[1:]), t.text] for t in report.timeline])
    out["accounts"] = (["account", "file", "format", "outlet", "url", "title", "published", "published_source",
                        "side", "kind", "language", "characters"],
                       [[a.id, _blank(a.file), a.format, _blank(a.outlet), _blank(a.url), _blank(a.title),
                         _blank(a.published), a.published_source, a.side, a.kind, _blank(a.language), len(a.text)]
                        for a in report.accounts])
    return out


def _csv_bytes(header: list[str], rows: list[list]) -> bytes:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode("utf-8-sig")  # with a byte-order mark, so spreadsheets read UTF-8


def write_tables(report: Report, fmt: str, out: Path) -> list[Path]:
    """Write the tables to `out`: csv -> a folder of TABLE.csv files, or a .zip of them when `out`
    ends in .zip; xlsx -> one workbook. Files are written beside and renamed, so a failure leaves
    no half-written file. Returns the paths written. Raises OSError when `out` cannot be written."""
    data = tables(report)
    if fmt == "csv" and out.suffix.lower() != ".zip":
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name, (header, rows) in data.items():
            written.append(_atomic(out / f"{name}.csv", _csv_bytes(header, rows)))
        return written
    if fmt == "csv":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for name, (header, rows) in data.items():
                z.writestr(f"{name}.csv", _csv_bytes(header, rows))
        return [_atomic(out, buf.getvalue())]
    if fmt == "xlsx":
        return [_atomic(out, _xlsx_bytes(data))]
    raise ValueError(f"unknown table format {fmt!r}")


def _xlsx_bytes(data: dict[str, tuple[list[str], list[list]]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    wb = Workbook(write_only=True)
    for name, (header, rows) in data.items():
        ws = wb.create_sheet(name)
        ws.append(header)
        for row in rows:
            cells = []
            for v in row:
                if isinstance(v, str):
                    cell = WriteOnlyCell(ws, ILLEGAL_CHARACTERS_RE.sub("\ufffd", v))
                    cell.data_type = "s"  # text stays text: "=..." in an account is never a formula
                    cells.append(cell)
                else:
                    cells.append(v)
            ws.append(cells)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _atomic(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    try:
        part.write_bytes(data)
        part.replace(path)
    except OSError:
        part.unlink(missing_ok=True)
        raise
    return path
