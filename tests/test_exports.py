"""Spreadsheet exports: `compare --format csv|xlsx` (claims, quotes, figures, timeline, accounts with
provenance and status) and `corpus export --format parquet|csv` (DuckDB COPY), read back here."""
from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from counterpoint.cli import app
from counterpoint.ingest import load_case
from counterpoint.report.tables import write_tables
from counterpoint.run import compare_case

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "harbour-call"


@pytest.fixture(scope="module")
def report():
    return compare_case(load_case(EXAMPLE))


def _rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def _check_claims(rows: list[dict], report) -> None:
    assert len(rows) == len(report.claims)
    texts = {a.id: a.text for a in report.accounts}
    for row, claim in zip(rows, report.claims):
        assert row["claim_id"] == claim.id and row["text"] == claim.text
        assert row["status"] == (claim.status or "")
        ev = claim.evidence[0]
        assert (row["account"], int(row["start"]), int(row["end"])) == (ev.account, ev.start, ev.end)
        assert texts[row["account"]][int(row["start"]):int(row["end"])] == ev.text
    assert {r["status"] for r in rows} >= {"one_sided", "contradicted", "corroborated"}


def test_csv_folder_via_cli(tmp_path, report):
    out = tmp_path / "tables"
    r = CliRunner().invoke(app, ["compare", str(EXAMPLE), "--format", "csv", "-o", str(out), "-q"])
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in out.iterdir()) == ["accounts.csv", "claims.csv", "figures.csv", "quotes.csv",
                                                     "timeline.csv"]
    _check_claims(_rows((out / "claims.csv").read_text(encoding="utf-8")), report)
    quotes = _rows((out / "quotes.csv").read_text(encoding="utf-8"))
    assert [(q["account"], int(q["start"]), q["text"]) for q in quotes] == [(q.account, q.start, q.text) for q in report.quotes]
    figures = _rows((out / "figures.csv").read_text(encoding="utf-8"))
    assert len(figures) == len(report.figures) and all(f["account"] and f["start"] for f in figures)
    timeline = _rows((out / "timeline.csv").read_text(encoding="utf-8"))
    assert [t["date"] for t in timeline] == [t.date for t in report.timeline]


def test_csv_zip(tmp_path, report):
    out = write_tables(report, "csv", tmp_path / "report.zip")[0]
    with zipfile.ZipFile(out) as z:
        assert set(z.namelist()) == {"claims.csv", "quotes.csv", "figures.csv", "timeline.csv", "accounts.csv"}
        _check_claims(_rows(z.read("claims.csv").decode("utf-8")), report)


def test_xlsx_opens_with_openpyxl_and_pandas(tmp_path, report):
    out = tmp_path / "report.xlsx"
    r = CliRunner().invoke(app, ["compare", str(EXAMPLE), "--format", "xlsx", "-o", str(out), "-q"])
    assert r.exit_code == 0, r.output
    from openpyxl import load_workbook
    wb = load_workbook(out, read_only=True)
    assert wb.sheetnames == ["claims", "quotes", "figures", "timeline", "accounts"]
    rows = list(wb["claims"].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    _check_claims([{k: ("" if v is None else str(v)) for k, v in zip(header, row)} for row in body], report)
    import pandas as pd
    df = pd.read_excel(out, sheet_name="claims")
    assert len(df) == len(report.claims) and {"account", "start", "end", "status"} <= set(df.columns)


def test_xlsx_keeps_formula_like_text_as_text(tmp_path):
    from openpyxl import load_workbook
    from counterpoint.records import Quote, Report
    rep = Report(quotes=[Quote(account="a", text="=HYPERLINK(\"http://x\")\x07", start=0, end=5)])
    out = write_tables(rep, "xlsx", tmp_path / "r.xlsx")[0]
    cell = load_workbook(out)["quotes"]["L2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_table_formats_need_an_output_path():
    r = CliRunner().invoke(app, ["compare", str(EXAMPLE), "--format", "xlsx", "-q"])
    assert r.exit_code == 2 and "give -o" in r.output


def test_pdf_account_rows_name_the_page(tmp_path):
    from docmaker import text_to_pdf
    text = (EXAMPLE / "meridian_report.txt").read_text(encoding="utf-8")
    pdf = text_to_pdf(text, tmp_path / "meridian.pdf", per_page=4)
    rep = compare_case(load_case(None, [pdf]))
    out = write_tables(rep, "csv", tmp_path / "t")
    rows = _rows((tmp_path / "t" / "quotes.csv").read_text(encoding="utf-8"))
    assert rows and {r["location"] for r in rows} <= {"page 1", "page 2", "page 3"}
    assert len({r["location"] for r in rows}) > 1


def test_corpus_export_parquet_and_csv(tmp_path):
    src = tmp_path / "feed.jsonl"
    lines = [{"id": f"a{i}", "outlet": "Daily", "published": "2026-03-10",
              "text": f"President Ilse Varga said on Tuesday that the port of Velm would reopen in April. Story {i}."}
             for i in range(3)]
    src.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    db = tmp_path / "c.duckdb"
    runner = CliRunner()
    assert runner.invoke(app, ["corpus", "ingest", str(src), "--db", str(db), "-q"]).exit_code == 0
    out = tmp_path / "export"
    r = runner.invoke(app, ["corpus", "export", "--db", str(db), "--format", "parquet", "-o", str(out)])
    assert r.exit_code == 0, r.output
    con = duckdb.connect()
    src_con = duckdb.connect(str(db), read_only=True)
    for table in ("articles", "claims", "quotes", "stories"):
        n = con.execute(f"SELECT count(*) FROM read_parquet('{out / (table + '.parquet')}')").fetchone()[0]
        assert n == src_con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    claims = con.execute(f"SELECT article_id, speaker, \"start\", \"end\", text FROM read_parquet('{out / 'claims.parquet'}')").fetchall()
    assert claims and all(c[0] and c[2] is not None for c in claims)
    import pandas as pd
    n_articles = src_con.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert n_articles >= 1 and len(pd.read_parquet(out / "articles.parquet")) == n_articles
    src_con.close()
    r = runner.invoke(app, ["corpus", "export", "--db", str(db), "--format", "csv", "-o", str(tmp_path / "csv")])
    assert r.exit_code == 0 and (tmp_path / "csv" / "claims.csv").read_text().startswith("article_id,")
    r = runner.invoke(app, ["corpus", "export", "--db", str(tmp_path / "missing.duckdb"), "-o", str(out)])
    assert r.exit_code != 0 and "no such corpus database" in r.output
    r = runner.invoke(app, ["corpus", "export", "--db", str(db), "--format", "orc", "-o", str(out)])
    assert r.exit_code != 0 and "unknown export format" in r.output
