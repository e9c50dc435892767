"""The Python API: `import counterpoint; counterpoint.compare(...)`, `counterpoint.load_case(...)`,
one exception class per kind of bad input, with the CLI's message."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import counterpoint
from counterpoint import errors
from counterpoint.ingest import InputError
from counterpoint.records import Report

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "harbour-call"


def test_compare_example_folder_matches_the_cli_path():
    report = counterpoint.compare(EXAMPLE)
    assert isinstance(report, Report)
    assert {a.id for a in report.accounts} == {"norland-readout", "castavia-readout", "meridian"}
    assert {c.status for c in report.claims} >= {"one_sided", "contradicted"}
    for claim in report.claims:
        ev = claim.evidence[0]
        account = next(a for a in report.accounts if a.id == ev.account)
        assert account.text[ev.start:ev.end] == ev.text
    # the same case through the CLI's path gives the same findings
    from counterpoint.ingest import load_case
    from counterpoint.run import compare_case
    cli = compare_case(load_case(EXAMPLE))
    assert [(c.text, c.status) for c in cli.claims] == [(c.text, c.status) for c in report.claims]


def test_compare_texts_with_parties_and_date():
    report = counterpoint.compare(
        {"norland": "President Ilse Varga said on Tuesday that the port of Velm would reopen in April.",
         "castavia": "Prime Minister Marco Sallis denied that the port of Velm would reopen in April."},
        parties={"Norland": ["Ilse Varga"], "Castavia": ["Marco Sallis"]}, event_date="2026-03-10")
    assert report.date == "2026-03-10"
    assert report.parties == {"Norland": ["Ilse Varga"], "Castavia": ["Marco Sallis"]}
    assert {a.id for a in report.accounts} == {"norland", "castavia"}
    assert report.claims and all(c.evidence[0].account in ("norland", "castavia") for c in report.claims)


def test_mixed_paths_and_texts(tmp_path):
    f = tmp_path / "readout.txt"
    f.write_text("President Ilse Varga said the port of Velm would reopen in April.\n", encoding="utf-8")
    report = counterpoint.compare([f, "Prime Minister Marco Sallis said the port would stay closed.\n"])
    assert [a.id for a in report.accounts] == ["readout", "text-2"]


def test_load_case_is_exported_and_typed():
    case = counterpoint.load_case(EXAMPLE)
    assert len(case.accounts) == 3 and case.parties
    from counterpoint.api import compare, load_case
    assert compare.__annotations__["return"] in ("Report", Report)
    assert "keep_going" in load_case.__annotations__


@pytest.mark.parametrize("setup, kind, words", [
    (lambda d: [d / "missing.txt"], errors.NotFoundError, "not found"),
    (lambda d: [_w(d / "empty.txt", b"  \n")], errors.EmptyInputError, "empty file"),
    (lambda d: [_w(d / "photo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)], errors.UnsupportedFormatError, "unknown format"),
    (lambda d: [_w(d / "feed.json", b"{\"text\": ")], errors.MalformedInputError, "invalid JSON"),
    (lambda d: [_w(d / "page.html", b"<html><body><nav>Home | News</nav></body></html>")], errors.NoTextError,
     "no article text"),
    (lambda d: _manifest(d, '{"accounts": 3}'), errors.ManifestError, "accounts"),
    (lambda d: _manifest(d, json.dumps({"accounts": [{"id": "a", "file": "a.txt"}, {"id": "a", "file": "a.txt"}]})),
     errors.DuplicateIdError, "duplicate account id"),
])
def test_one_exception_class_per_kind_of_bad_input(tmp_path, setup, kind, words):
    inputs = setup(tmp_path)
    with pytest.raises(kind) as e:
        counterpoint.compare(inputs)
    assert words in str(e.value) and "\n" not in str(e.value)
    assert isinstance(e.value, errors.BadInputError) and isinstance(e.value, InputError)
    assert isinstance(e.value, counterpoint.CounterpointError)
    assert e.value.problem.message in str(e.value)


def test_too_large(tmp_path, monkeypatch):
    import counterpoint.ingest.case as ingest_case
    monkeypatch.setattr(ingest_case, "MAX_FILE_BYTES", 10)
    with pytest.raises(errors.TooLargeError, match="limit"):
        counterpoint.compare([_w(tmp_path / "a.txt", b"President Varga said the port would reopen.")])


def test_keep_going_lists_problems(tmp_path):
    good = _w(tmp_path / "a.txt", b"President Ilse Varga said the port of Velm would reopen in April.\n")
    report = counterpoint.compare([good, tmp_path / "missing.txt", "   "], keep_going=True)
    assert [a.id for a in report.accounts] == ["a"]
    assert len(report.problems) == 2


@pytest.mark.parametrize("kwargs", [{"parties": {"Norland": "Ilse Varga"}}, {"event_date": "10 March"},
                                    {"parties": ["Norland"]}])
def test_bad_arguments(kwargs):
    with pytest.raises(errors.InvalidArgumentError):
        counterpoint.compare({"a": "President Varga said the port would reopen."}, **kwargs)
    with pytest.raises(ValueError):  # an InvalidArgumentError is a ValueError too
        counterpoint.compare({"a": "President Varga said the port would reopen."}, **kwargs)


def test_wrong_input_types():
    with pytest.raises(errors.InvalidArgumentError):
        counterpoint.compare([42])
    with pytest.raises(errors.InvalidArgumentError):
        counterpoint.compare([])


def test_analysis_failure_is_one_exception(monkeypatch):
    import counterpoint.run as run
    monkeypatch.setattr(run, "compare_case", lambda *a, **k: (_ for _ in ()).throw(KeyError("boom")))
    with pytest.raises(errors.AnalysisError, match="KeyError"):
        counterpoint.compare({"a": "President Varga said the port would reopen."})


def test_the_name_compare_still_reaches_the_stage_package():
    import counterpoint.compare.topics  # noqa: F401 - importing the package must not hide the function
    from counterpoint.compare import build_report
    assert callable(counterpoint.compare) and counterpoint.compare.build_report is build_report


def _w(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _manifest(d: Path, text: str) -> list[Path]:
    case = d / "case"
    case.mkdir()
    (case / "a.txt").write_text("President Ilse Varga said the port would reopen.\n", encoding="utf-8")
    (case / "event.json").write_text(text, encoding="utf-8")
    return [case]
