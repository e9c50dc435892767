"""Each account is parsed once per run: the analysis stage parses it and freezes the parse into
spaCy-free records (`counterpoint.parsed`); the compare stage parses nothing and imports no spaCy."""
from __future__ import annotations

import ast
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from spacy.language import Language

from counterpoint.ingest.case import load_case
from counterpoint.run import compare_case

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "harbour-call"
DEV_CASE = ROOT.parent / "shared" / "events" / "2026-02-04-trump-xi-call"
COMPARE = ROOT / "src" / "counterpoint" / "compare"
# modules that are, or import, spaCy: compare must reach the parse through `counterpoint.parsed` only
SPACY_MODULES = ("spacy", "counterpoint.analysis.nlp", "counterpoint.analysis.docindex",
                 "counterpoint.analysis.freeze", "counterpoint.analysis.spacy_component")


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """Every text any spaCy pipeline parses while the test runs (`nlp(text)` and `nlp.pipe(texts)`)."""
    seen: list[str] = []
    call, pipe = Language.__call__, Language.pipe

    def counting_call(self, text, *a, **k):
        seen.append(text if isinstance(text, str) else text.text)
        return call(self, text, *a, **k)

    def counting_pipe(self, texts, *a, **k):
        texts = list(texts)
        seen.extend(t if isinstance(t, str) else t[0] if isinstance(t, tuple) else t.text for t in texts)
        return pipe(self, texts, *a, **k)

    monkeypatch.setattr(Language, "__call__", counting_call)
    monkeypatch.setattr(Language, "pipe", counting_pipe)
    return seen


@pytest.mark.parametrize("case_dir", [
    EXAMPLE,
    pytest.param(DEV_CASE, marks=pytest.mark.skipif(not DEV_CASE.is_dir(), reason="../shared/events not present")),
], ids=["example", "dev-case"])
def test_each_account_is_parsed_once_and_compare_parses_nothing(case_dir, parses):
    case = load_case(case_dir)
    report = compare_case(case)
    assert report.claims and report.brief is not None
    # the analysis stage's parses, one per account, and nothing else: no claim, quote or account again
    assert Counter(parses) == Counter(a.text for a in case.accounts)
    assert len(parses) == len(case.accounts)


def test_compare_works_on_the_analysis_stage_records(parses):
    from counterpoint.analysis import analyze_accounts
    from counterpoint.compare import build_report
    from counterpoint.parsed import ParsedDoc

    case = load_case(EXAMPLE)
    analyses, actors, parties = analyze_accounts(case.accounts, case.parties)
    assert all(isinstance(a.parsed, ParsedDoc) and a.parsed.text == a.account.text for a in analyses)
    assert not hasattr(analyses[0], "doc")   # the spaCy Doc is not kept
    del parses[:]
    report = build_report(case, analyses, actors, parties)
    assert report.claims and parses == []


def _imports(path: Path) -> list[str]:
    """Every module a file imports, at any depth of the file (function-local imports included)."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:   # relative: from the package counterpoint.compare
                base = ".".join(["counterpoint", "compare"][:max(0, 2 - node.level + 1)] + ([base] if base else []))
            out += [base] + [f"{base}.{a.name}" for a in node.names]
    return out


def test_no_compare_module_imports_spacy():
    files = sorted(COMPARE.glob("*.py"))
    assert len(files) >= 10
    for path in files:
        bad = [m for m in _imports(path) if any(m == s or m.startswith(s + ".") for s in SPACY_MODULES)]
        assert not bad, f"{path.name} imports {bad}: compare works on counterpoint.parsed records, not spaCy"


def test_compare_and_the_records_import_without_spacy():
    """With spaCy made unimportable, the records and every compare module still import."""
    modules = ["counterpoint.parsed"] + [f"counterpoint.compare.{p.stem}" for p in sorted(COMPARE.glob("*.py"))
                                         if p.stem != "__init__"]
    code = ("import sys\n"
            "for name in ('spacy', 'thinc'):\n"
            "    sys.modules[name] = None\n"
            f"import importlib\nfor m in {modules!r}:\n    importlib.import_module(m)\n"
            "assert not any(k == 'spacy' or k.startswith('spacy.') for k, v in sys.modules.items() if v is not None)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT / "src"), "PATH": ""})
    assert done.returncode == 0, done.stderr[-2000:]
