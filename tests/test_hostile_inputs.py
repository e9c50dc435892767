"""The hostile-input corpus (tests/fuzz/generate.py), class by class: each file loads as an account
or is refused with one line naming it, within a time bound, and never costs the other inputs their
results. Loading runs for every class; analysis and the CLI run over them too (the 1 MB line and
the whole corpus end to end are marked slow)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

from counterpoint.cli import app
from counterpoint.ingest import MAX_TEXT_CHARS, load_case
from fuzz.generate import CORPUS, PROSE, write_corpus

BY_NAME = {h.name: h for h in CORPUS}
GOOD = ("Minister Alda Vey met envoy Jon Marek in Port Calder on Tuesday, the ministry said.\n\n"
        "\"The harbour agreement will be signed in March,\" Vey told reporters after the meeting.\n\n"
        "Marek said the project would cost about $4.5 billion over ten years.\n")
# Seconds a single file may take to load; the gzip bomb is refused before it is inflated.
LOAD_SECONDS = 20


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    return {h.name: p for h, p in write_corpus(folder)}


@pytest.mark.timeout(120)
@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_hostile_file_loads_or_is_one_problem(corpus, name):
    hostile, path = BY_NAME[name], corpus[name]
    t = time.perf_counter()
    case = load_case(None, [path], keep_going=True)
    took = time.perf_counter() - t
    assert took < LOAD_SECONDS, f"{name} took {took:.1f} s to load"
    for p in case.problems:
        assert p.file.startswith(str(path)) and "\n" not in p.line() and "Traceback" not in p.line()
    for acc in case.accounts:
        assert 0 < len(acc.text) <= MAX_TEXT_CHARS
    if hostile.expect == "account":
        assert case.accounts, [p.line() for p in case.problems]
    elif hostile.expect == "problem":
        assert not case.accounts and case.problems
    else:
        assert case.accounts or case.problems


def test_without_keep_going_the_first_bad_file_stops_with_one_line(corpus):
    runner = CliRunner()
    result = runner.invoke(app, ["compare", str(corpus["image.txt"]), "-q"])
    assert result.exit_code == 2
    assert "image.txt" in result.output and "binary file" in result.output and "Traceback" not in result.output


def test_broken_jsonl_keeps_every_good_line(corpus):
    case = load_case(None, [corpus["broken.jsonl"]], keep_going=True)
    assert {"good-1", "good-2"} <= {a.id for a in case.accounts}
    lines = {p.file.rsplit(":", 1)[1] for p in case.problems}
    assert {"2", "3", "7"} <= lines  # cut line, non-JSON line, line nested past the parser's limit


def test_gzip_bomb_is_refused_before_inflating(corpus):
    t = time.perf_counter()
    case = load_case(None, [corpus["bomb.warc.gz"]], keep_going=True)
    assert time.perf_counter() - t < 5
    assert not case.accounts
    assert "inflates to more than" in case.problems[0].message


def test_many_small_records_are_bounded_in_sum(corpus):
    case = load_case(None, [corpus["many_records.warc.gz"]], keep_going=True)
    assert len(case.accounts) == 1 and case.accounts[0].url == "https://many.example/page"
    assert any("inflates to more than" in p.message for p in case.problems)


def test_over_long_text_is_cut_and_the_rest_recorded(corpus):
    case = load_case(None, [corpus["one_mb_line.txt"]], keep_going=True)
    acc = case.accounts[0]
    assert len(acc.text) <= MAX_TEXT_CHARS
    tail = [r for r in acc.removed if "limit" in r.reason]
    assert len(tail) == 1 and len(acc.text) + len(tail[0].text) == len(corpus["one_mb_line.txt"].read_text())
    original = corpus["one_mb_line.txt"].read_text()
    assert original[tail[0].source_start:tail[0].source_end] == tail[0].text
    # kept offsets still point at the same characters of the original
    for start in (0, 1000, len(acc.text) - 10):
        s = acc.offset_map.to_source(start)
        assert original[s:s + 10] == acc.text[start:start + 10]


# ---------------------------------------------------------------- analysis of hostile accounts

SMALL = ["few_controls.txt", "mixed_scripts.txt", "unbalanced_quotes.txt", "numbers_dates.txt", "injection.html",
         "utf16.txt", "latin1.json", "only_marks.txt", "random_unicode.txt"]


@pytest.mark.timeout(300)
def test_small_hostile_accounts_analyse_with_valid_provenance(corpus):
    from counterpoint.run import compare_case

    paths = [corpus[n] for n in SMALL]
    case = load_case(None, paths, keep_going=True)
    report = compare_case(case)
    texts = {a.id: a.text for a in report.accounts}
    assert set(texts) == {a.id for a in case.accounts}
    for item in list(report.quotes) + list(report.figures) + list(report.timexes):
        text = texts[item.account]
        assert 0 <= item.start <= item.end <= len(text)
        assert item.text == text[item.start:item.end] or item.text.strip() in text
    for f in report.figures:
        assert f.value is None or f.value == f.value  # no NaN
    json.loads(report.model_dump_json())  # serialisable: no inf/NaN leaking into the JSON


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_thousands_of_quote_marks_analyse_in_bounded_time(corpus):
    from counterpoint.run import compare_case

    case = load_case(None, [corpus["thousands_of_quotes.txt"]], keep_going=True)
    t = time.perf_counter()
    report = compare_case(case)
    # One 70 KB account; before doc.text was cached per doc attribution was quadratic here (10 minutes).
    assert time.perf_counter() - t < 400
    assert report.accounts


def test_cli_keep_going_reports_good_account_beside_bad_ones(tmp_path, corpus):
    case = tmp_path / "case"
    case.mkdir()
    (case / "good.txt").write_text(GOOD, encoding="utf-8")
    for n in ("image.txt", "bomb.warc.gz", "deep.json", "empty.txt", "archive.html", "page.jsonl", "nul_padded.txt"):
        shutil.copy(corpus[n], case / n)  # copies: a folder scan does not follow links leading out of it
    out = tmp_path / "report.json"
    result = CliRunner().invoke(app, ["compare", str(case), "--keep-going", "-q", "-o", str(out)])
    assert result.exit_code == 1, result.output
    report = json.loads(out.read_text())
    assert [a["id"] for a in report["accounts"]] == ["good"]
    assert any(q["account"] == "good" for q in report["quotes"])
    skipped = [ln for ln in result.output.splitlines() if ln.startswith("skipped:")]
    assert len(skipped) == 7 and "Traceback" not in result.output


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_whole_corpus_through_the_cli_subprocess(tmp_path, corpus):
    """Every class at once, as a user would run it: one report, one line per refused input, no traceback."""
    case = tmp_path / "all"
    case.mkdir()
    (case / "good.txt").write_text(GOOD, encoding="utf-8")
    for name, path in corpus.items():
        shutil.copy(path, case / name)
    out = tmp_path / "all.json"
    proc = subprocess.run([sys.executable, "-m", "counterpoint.cli", "compare", str(case), "--keep-going", "-q",
                           "-o", str(out)], capture_output=True, text=True, timeout=840)
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    report = json.loads(out.read_text())
    ids = {a["id"] for a in report["accounts"]}
    assert "good" in ids and "one_mb_line" in ids and {"good-1", "good-2"} <= ids
    for name, h in BY_NAME.items():
        if h.expect == "problem":
            assert f"{name}" in proc.stderr, name
    assert PROSE[:20] not in proc.stderr  # problems name inputs, they do not dump them
