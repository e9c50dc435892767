"""The hostile-input corpus (tests/fuzz/generate.py), class by class: each file loads as an account
or is refused with one line naming it, within a time bound, and never costs the other inputs their
results. Loading runs for every class; analysis and the CLI run over them too (the 1 MB line and
the whole corpus end to end are marked slow)."""
from __future__ import annotations

import json
import random
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


# ---------------------------------------------------------------- hostile input at scale

def test_runs_of_symbols_are_cut_with_provenance():
    """spaCy's tokenizer splits a run of punctuation one character at a time, re-slicing the rest:
    20,000 `&` took 31 s. Runs past MAX_SYMBOL_RUN are cut; the rest is kept in `removed`."""
    from counterpoint.ingest.errors import MAX_SYMBOL_RUN

    source = "The talks went well. " + "&" * 20_000 + " Vey said. " + "\u201c!" * 3_000 + "\nEnd.\n"
    acc = load_case_text(source)
    assert "&" * MAX_SYMBOL_RUN in acc.text and "&" * (MAX_SYMBOL_RUN + 1) not in acc.text
    cut = [r for r in acc.removed if "punctuation" in r.reason]
    assert len(cut) == 2
    for r in cut:
        assert source[r.source_start:r.source_end] == r.text
    kept = acc.text.index(" Vey said.")
    s = acc.offset_map.to_source(kept)
    assert source[s:s + 10] == acc.text[kept:kept + 10]
    # ordinary text is left alone, a long dash or dot leader too
    plain = load_case_text(GOOD + "-" * 60 + "\n")
    assert plain.text == GOOD + "-" * 60 + "\n" and not plain.removed


def load_case_text(text: str):
    """An account built from a text as a .txt file is (build_account: the one path every format takes)."""
    from counterpoint.ingest import build_account
    from counterpoint.ingest.formats import Article

    return build_account(Article(where="t.txt", format="txt", original=text, body=text, runs=[(0, 0, len(text))]), "t")


def test_tokens_in_matches_a_scan_of_the_doc():
    from counterpoint.analysis.freeze import freeze
    from counterpoint.analysis.nlp import load_pipeline
    from counterpoint.compare.voice import tokens_in

    doc = load_pipeline()(GOOD * 3)
    parsed = freeze(doc)
    n = len(doc.text)
    for start, end in [(0, n), (0, 0), (5, 17), (13, 14), (30, 200), (n - 20, n), (n, n + 5), (7, 3)]:
        want = [t.i for t in doc if t.idx >= start and t.idx + len(t.text) <= end]
        assert [t.i for t in tokens_in(parsed, start, end)] == want, (start, end)


def test_conflicting_figures_are_listed_within_a_bound():
    """n accounts each giving another count of one thing: every figure is marked, at most
    MAX_CONFLICTS_LISTED are listed per figure (was n², a report of many GB for 5,000 accounts)."""
    from counterpoint.compare.figures import MAX_CONFLICTS_LISTED, flag_conflicts
    from counterpoint.records import Figure

    figs = [Figure(account=f"a{i}", value=float(i + 1), text=f"{i + 1} ships", start=0, end=8, measures="ships")
            for i in range(200)]
    out = flag_conflicts(figs)
    assert all(f.conflict for f in out)
    assert max(len(f.conflicts_with) for f in out) == MAX_CONFLICTS_LISTED


def _timed_report(folder, files: dict[str, str]):
    from counterpoint.run import compare_case

    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    case = load_case(folder, keep_going=True)
    t = time.perf_counter()
    report = compare_case(case)
    return report, time.perf_counter() - t


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_prose_time_grows_linearly(tmp_path):
    """Ordinary prose: 100k characters within 3x the time of 25k (a whole-doc scan per claim made it
    25 s against 5 s)."""
    sentences = [f"Minister {w} said on Tuesday that the talks on item {i} in Port {w}ville would resume in "
                 f"month {i % 12 + 1}, and the envoy said the harbour plan would cost {i} million." for i, w in
                 enumerate(("Vey Marek Calder Brenn Sallis Varga Ostrom Lind " * 500).split())]
    text = " ".join(sentences)
    took = {}
    for n in (25_000, 100_000):
        report, took[n] = _timed_report(tmp_path / f"p{n}", {"prose.txt": text[:n]})
        assert report.accounts
    assert took[100_000] <= 3.5 * took[25_000] + 5, took


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_degenerate_inputs_analyse_in_bounded_time(tmp_path):
    """Each of these took minutes (a run of punctuation, deeply nested quotes, a long line of numbers
    in other scripts): now well under a minute each, and the report stays linear in the input."""
    r = random.Random(5)
    ranges = [(0x590, 0x5FF), (0x600, 0x6FF), (0x4E00, 0x4FFF), (0x202A, 0x202E)]
    scripts = "".join(chr(r.randint(*r.choice(ranges))) + (" " if r.random() < 0.1 else "") for _ in range(150_000))
    cases = {
        "amp": "Intro. " + "&" * 20_000 + " end.\n",
        "nested": "".join(('"' if i % 2 == 0 else "'") + f"w{i} " for i in range(10_000)) + "\n",
        "scripts": scripts,
    }
    for name, text in cases.items():
        report, took = _timed_report(tmp_path / name, {f"{name}.txt": text})
        assert report.accounts and took < 60, (name, took)
        assert len(report.model_dump_json()) < 60 * len(text.encode()), name


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_many_accounts_disagreeing_on_one_figure(tmp_path):
    """300 one-line accounts each giving another number of ships: the report is linear in the number
    of accounts (every pair of figures was listed, and listed again in the brief)."""
    accounts = []
    files = {}
    for i in range(300):
        files[f"a{i:03d}.txt"] = (f"Ilse Varga said \"the port of Velm will reopen on Friday for {i} ships,\" according "
                                  f"to the readout. Marco Sallis told reporters the talks on item {i} were frank.\n")
        side = ("Norland", "Castavia", "press")[i % 3]
        accounts.append({"id": f"a{i:03d}", "file": f"a{i:03d}.txt", "side": side, "published": "2026-03-10"})
    files["event.json"] = json.dumps({"event_id": "x", "date": "2026-03-10", "accounts": accounts,
                                      "parties": {"Norland": ["Ilse Varga"], "Castavia": ["Marco Sallis"]}})
    report, took = _timed_report(tmp_path / "many", files)
    assert len(report.accounts) == 300 and took < 120
    assert len(report.brief.more_disagreements) <= 100
    assert len(report.model_dump_json()) < 30_000 * 300
