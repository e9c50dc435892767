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
