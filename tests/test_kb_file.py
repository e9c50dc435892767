"""`--kb FILE`: a knowledge-base file merged over the built-in one (compare, serve, corpus ingest)."""
import json

import pytest
from typer.testing import CliRunner

from counterpoint.analysis import kb
from counterpoint.cli import app

EXTRA = """
countries:
  Zembla:
    names: [Zembla]
    adjectives: [Zemblan]
    capitals: [Onhava]
    people:
      - {name: Oskar Trel, title: president, role: head_of_state, aliases: [Trel]}
"""
TEXTS = {
    "a.txt": "Oskar Trel said on Monday that the strait would stay open to all shipping.\n\n"
             "Trel added that the ferry link would resume in June.\n",
    "b.txt": "Officials in the capital said 40 boats had been stopped at the quay on Sunday.\n",
}


@pytest.fixture
def builtin_kb_after(monkeypatch):
    monkeypatch.delenv(kb.ENV_VAR, raising=False)
    yield
    kb.use_files([])


def _case(tmp_path):
    case = tmp_path / "case"
    case.mkdir()
    for name, text in TEXTS.items():
        (case / name).write_text(text, encoding="utf-8")
    (tmp_path / "extra.yaml").write_text(EXTRA, encoding="utf-8")
    return case, tmp_path / "extra.yaml"


def _parties(tmp_path, case, *args):
    out = tmp_path / "r.json"
    r = CliRunner().invoke(app, ["compare", str(case), "-o", str(out), "-q", *args])
    assert r.exit_code == 0, r.output
    return json.loads(out.read_text())["parties"]


def test_kb_file_adds_a_country_and_its_leader_to_a_no_manifest_case(tmp_path, builtin_kb_after):
    case, extra = _case(tmp_path)
    assert "Zembla" not in _parties(tmp_path, case)
    parties = _parties(tmp_path, case, "--kb", str(extra))
    assert "Oskar Trel" in parties["Zembla"]
    # built-in entries are still there, and the choice reaches worker processes through the environment
    assert kb.load().lookup("Xi Jinping").country == "China" and kb.load().lookup("Trel").country == "Zembla"
    assert kb.os.environ[kb.ENV_VAR] == str(extra)


def test_kb_file_entry_replaces_the_builtin_one_of_its_key(tmp_path, builtin_kb_after):
    p = tmp_path / "kb.yaml"
    p.write_text("countries:\n  China:\n    names: [China]\n    people:\n"
                 "      - {name: Wen Lao, title: president, role: head_of_state}\n", encoding="utf-8")
    k = kb.use_files([p])
    assert k.office_holder("China", "president").name == "Wen Lao"
    assert k.lookup("Xi Jinping") is None and k.lookup("Donald Trump").country == "US"
    assert kb.use_files([]).lookup("Xi Jinping").country == "China"


@pytest.mark.parametrize("text, words", [
    ("countries: [China]\n", "countries"),
    ("countries:\n  Zembla:\n    people:\n      - {title: president}\n", "name"),
    ("countries: {Zembla: {names: [Zembla}\n", "YAML"),
])
def test_bad_kb_file_is_refused_naming_the_file(tmp_path, builtin_kb_after, text, words):
    p = tmp_path / "bad.yaml"
    p.write_text(text, encoding="utf-8")
    (tmp_path / "a.txt").write_text("The minister spoke.\n", encoding="utf-8")
    for cmd in (["compare", str(tmp_path / "a.txt"), "-q"], ["serve"], ["corpus", "ingest", str(tmp_path / "a.txt")]):
        r = CliRunner().invoke(app, [*cmd, "--kb", str(p)])
        assert r.exit_code != 0 and str(p) in r.output and words in r.output, (cmd, r.output)
    r = CliRunner().invoke(app, ["compare", str(tmp_path / "a.txt"), "-q", "--kb", str(tmp_path / "none.yaml")])
    assert r.exit_code != 0 and "none.yaml" in r.output
