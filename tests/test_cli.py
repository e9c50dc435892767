import json
from pathlib import Path

from typer.testing import CliRunner

from counterpoint.cli import app

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def test_schema_prints_json_schema():
    r = CliRunner().invoke(app, ["schema"])
    assert r.exit_code == 0
    schema = json.loads(r.stdout)
    assert "quotes" in schema["properties"] and "schema_version" in schema["properties"]


def test_an_extractor_failure_on_one_account_keeps_the_others(tmp_path, monkeypatch):
    from counterpoint.analysis import figures

    (tmp_path / "a.txt").write_text("The minister said the ferry would run again in May.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Officials said 40 boats had been stopped at the quay.\n", encoding="utf-8")
    real = figures.extract

    def failing(doc, account):
        if account.id == "b":
            raise ValueError("boom")
        return real(doc, account)

    monkeypatch.setattr(figures, "extract", failing)
    out = tmp_path / "r.json"
    r = CliRunner().invoke(app, ["compare", str(tmp_path), "-o", str(out), "-q"])
    assert r.exit_code == 1
    assert "Traceback" not in r.output
    report = json.loads(out.read_text())
    assert [a["id"] for a in report["accounts"]] == ["a", "b"]
    assert any(p["file"].endswith("b.txt") and "analysis failed" in p["message"] for p in report["problems"])
