"""Bad input: each case is one line naming the file, through load_case and through the CLI."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

import counterpoint.ingest.case as ingest_case
from counterpoint.cli import app
from counterpoint.ingest import MAX_FILE_BYTES, InputError, load_case

GOOD = ("The foreign ministers of Norland and Vestria spoke by telephone on Tuesday, officials said.\n"
        "\"We agreed to reopen the northern ferry route,\" Minister Ilse Varga told reporters in Halden.\n")


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def manifest_case(tmp_path: Path, accounts: list, files: dict | None = None, raw: str | None = None) -> Path:
    d = tmp_path / "case"
    d.mkdir(parents=True, exist_ok=True)
    for name, text in (files or {}).items():
        write(d / name, text)
    (d / "event.json").write_text(raw if raw is not None else json.dumps(
        {"event_id": "ferry", "parties": {"Norland": ["Ilse Varga"]}, "accounts": accounts}), encoding="utf-8")
    return d


def problem_of(path: Path | None, files: list[Path] = ()) -> str:
    with pytest.raises(InputError) as e:
        load_case(path, list(files), keep_going=False)
    return str(e.value)


def cli_fails_with_one_line(args: list[str], must_contain: str) -> str:
    r = CliRunner().invoke(app, ["compare", *args, "-q"])
    assert r.exit_code != 0
    assert "Traceback" not in r.output
    assert r.exception is None or isinstance(r.exception, SystemExit)  # no uncaught error
    lines = [ln for ln in r.output.splitlines() if ln.strip()]
    assert len(lines) == 1, r.output
    assert lines[0].startswith("error: ") and must_contain in lines[0]
    return lines[0]


# ---------------------------------------------------------------- one file at a time

BAD_FILES = {
    "empty": ("empty.txt", b"", "empty file"),
    "whitespace": ("blank.txt", b"  \n\n\t\n", "empty file"),
    "png_renamed": ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file (a PNG image)"),
    "zip_renamed": ("report.txt", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(200), "binary file (a ZIP archive"),
    "nul_bytes": ("dump.txt", b"header\x00\x01\x02\x00\x00\x05data" * 50, "binary file"),
    "unknown_ext": ("notes.xyz", GOOD.encode(), "unknown format '.xyz'"),
    "unknown_binary_ext": ("scan.xyz", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(100), "unknown format '.xyz' (binary: a PDF document)"),
    "broken_pdf": ("scan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(100), "not a readable PDF"),
    "undecodable": ("garbled.txt", bytes(range(0x80, 0x100)) * 8, "undecodable bytes"),
    "bad_utf16_bom": ("half.txt", b"\xff\xfe" + "Norland".encode("utf-16-le") + b"\x00", "undecodable bytes"),
    "html_without_text": ("empty.html", b"<html><head><title>x</title></head><body><nav><a href=/>Home</a></nav></body></html>",
                          "no article text"),
    "not_a_warc": ("crawl.warc.gz", b"\x1f\x8b\x08\x00" + bytes(40), "not a readable WARC file"),
    "only_boilerplate": ("widget.txt", b"Advertisement\nShare this article\n", "no text left after removing boilerplate"),
}


@pytest.mark.parametrize("case_name", sorted(BAD_FILES))
def test_bad_file_is_one_problem_naming_it(tmp_path, case_name):
    name, data, message = BAD_FILES[case_name]
    p = write(tmp_path / name, data)
    line = problem_of(None, [p])
    assert line.startswith(f"{p}: ") and message in line and "\n" not in line


@pytest.mark.parametrize("case_name", sorted(BAD_FILES))
def test_bad_file_via_cli(tmp_path, case_name):
    name, data, message = BAD_FILES[case_name]
    p = write(tmp_path / name, data)
    line = cli_fails_with_one_line([str(p)], message)
    assert str(p) in line


def test_missing_path_via_cli(tmp_path):
    cli_fails_with_one_line([str(tmp_path / "nowhere.txt")], "nowhere.txt: not found")


def test_file_over_size_limit(tmp_path):
    p = tmp_path / "huge.txt"
    with open(p, "wb") as fh:  # sparse: nothing is written, only the size is set
        fh.truncate(MAX_FILE_BYTES + 1)
    line = problem_of(None, [p])
    assert line.startswith(f"{p}: ") and f"over the {MAX_FILE_BYTES // 2**20} MB limit" in line
    cli_fails_with_one_line([str(p)], "MB limit per file")


def test_too_many_accounts(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_case, "MAX_ACCOUNTS", 2)
    files = [write(tmp_path / f"a{i}.txt", GOOD) for i in range(3)]
    line = problem_of(None, files)
    assert line.startswith(f"{files[2]}: more than 2 accounts")
    case = load_case(None, files, keep_going=True)
    assert len(case.accounts) == 2 and len(case.problems) == 1


# ---------------------------------------------------------------- manifests

def test_manifest_invalid_json(tmp_path):
    d = manifest_case(tmp_path, [], files={"a.txt": GOOD}, raw='{"event_id": "ferry", "accounts": [')
    line = problem_of(d)
    assert line.startswith(f"{d / 'event.json'}: invalid JSON")
    cli_fails_with_one_line([str(d)], "event.json: invalid JSON")
    # With keep_going the folder still loads, as a case without a manifest.
    case = load_case(d, [], keep_going=True)
    assert [a.id for a in case.accounts] == ["a"] and case.problems[0].message.startswith("invalid JSON")


def test_manifest_names_missing_file(tmp_path):
    d = manifest_case(tmp_path, [{"id": "a", "file": "a.txt"}, {"id": "gone", "file": "gone.txt"}], files={"a.txt": GOOD})
    line = problem_of(d)
    assert line.startswith(f"{d / 'gone.txt'}: not found (listed in event.json")
    cli_fails_with_one_line([str(d)], "gone.txt: not found")


@pytest.mark.parametrize("entry,message", [
    ({"id": "a", "file": "a.txt", "published": "5th of March"}, "'published' must be an ISO date"),
    ({"id": 7, "file": "a.txt"}, "'id' must be a string or null"),
    ({"id": "a"}, "no 'file'"),
    ("a.txt", "must be a JSON object"),
    ({"id": "a", "file": "a.txt", "side": ["press"]}, "'side' must be a string or null"),
])
def test_manifest_invalid_fields(tmp_path, entry, message):
    d = manifest_case(tmp_path, [entry], files={"a.txt": GOOD})
    line = problem_of(d)
    assert line.startswith(f"{d / 'event.json'}: account 1") and message in line
    cli_fails_with_one_line([str(d)], message)


def test_manifest_without_accounts_list(tmp_path):
    d = manifest_case(tmp_path, [], raw=json.dumps({"event_id": "ferry", "accounts": "a.txt"}))
    assert "no 'accounts' list" in problem_of(d)


def test_manifest_path_may_not_escape_the_case_folder(tmp_path):
    write(tmp_path / "secret.txt", GOOD)
    d = manifest_case(tmp_path, [{"id": "x", "file": "../secret.txt"}])
    line = problem_of(d)
    assert "outside the case folder" in line and line.startswith(str(d / "event.json"))
    d2 = manifest_case(tmp_path / "abs", [{"id": "x", "file": str(tmp_path / "secret.txt")}])
    assert "outside the case folder" in problem_of(d2)
    cli_fails_with_one_line([str(d)], "outside the case folder")


def test_duplicate_account_ids_in_manifest(tmp_path):
    d = manifest_case(tmp_path, [{"id": "a", "file": "a.txt"}, {"id": "a", "file": "b.txt"}],
                      files={"a.txt": GOOD, "b.txt": GOOD})
    line = problem_of(d)
    assert line == f"{d / 'event.json'}: duplicate account id 'a' (accounts 1 and 2)"
    cli_fails_with_one_line([str(d)], "duplicate account id 'a'")


def test_duplicate_account_ids_in_jsonl(tmp_path):
    p = write(tmp_path / "feed.jsonl", "\n".join(json.dumps({"id": "x", "text": GOOD}) for _ in range(2)) + "\n")
    assert problem_of(None, [p]) == f"{p}:2: duplicate account id 'x'"


def test_broken_jsonl_line_via_cli(tmp_path):
    p = write(tmp_path / "feed.jsonl", json.dumps({"id": "x", "text": GOOD}) + "\n{not json\n")
    cli_fails_with_one_line([str(p)], f"{p}:2: invalid JSON")


# ---------------------------------------------------------------- keep going

def test_keep_going_reports_bad_files_and_writes_report_for_good_ones(tmp_path):
    good = write(tmp_path / "in" / "ferry.txt", GOOD)
    write(tmp_path / "in" / "empty.txt", b"")
    write(tmp_path / "in" / "photo.txt", BAD_FILES["png_renamed"][1])
    write(tmp_path / "in" / "notes.xyz", GOOD)
    out = tmp_path / "report.json"
    r = CliRunner().invoke(app, ["compare", str(tmp_path / "in"), "--keep-going", "-q", "--format", "json", "-o", str(out)])
    assert r.exit_code == 1, r.output  # problems were found, but the report exists
    assert "Traceback" not in r.output
    skipped = [ln for ln in r.output.splitlines() if ln.startswith("skipped:")]
    assert len(skipped) == 3
    assert any("empty.txt: empty file" in s for s in skipped)
    assert any("photo.txt: binary file" in s for s in skipped)
    assert any("notes.xyz: unknown format" in s for s in skipped)
    report = json.loads(out.read_text())
    assert [a["id"] for a in report["accounts"]] == ["ferry"]
    assert report["accounts"][0]["file"] == str(good)
    assert len(report["problems"]) == 3


def test_without_keep_going_nothing_is_written(tmp_path):
    write(tmp_path / "in" / "ferry.txt", GOOD)
    write(tmp_path / "in" / "empty.txt", b"")
    out = tmp_path / "report.json"
    r = CliRunner().invoke(app, ["compare", str(tmp_path / "in"), "-q", "-o", str(out)])
    assert r.exit_code != 0 and not out.exists()
    assert "empty.txt: empty file" in r.output


def test_every_loaded_problem_is_one_line(tmp_path):
    for case_name, (name, data, _m) in BAD_FILES.items():
        write(tmp_path / case_name / name, data)
    case = load_case(tmp_path, [], keep_going=True)
    assert case.accounts == []
    assert len(case.problems) == len(BAD_FILES)
    assert all("\n" not in p.line() and p.file.startswith(str(tmp_path)) for p in case.problems)
    assert os.path.commonpath([p.file for p in case.problems]) == str(tmp_path)


def test_account_limit_counts_articles_inside_one_file(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_case, "MAX_ACCOUNTS", 2)
    p = write(tmp_path / "feed.jsonl", "".join(json.dumps({"text": GOOD}) + "\n" for _ in range(4)))
    later = write(tmp_path / "later.txt", GOOD)
    case = load_case(None, [p, later], keep_going=True)
    assert [a.id for a in case.accounts] == ["feed-1", "feed-2"]
    assert [pr.line() for pr in case.problems] == [f"{p}:3: more than 2 accounts in the case; this and later "
                                                   f"articles were not loaded"]


# ---------------------------------------------------------------- folder walks and nesting

@pytest.mark.timeout(60)
def test_folder_without_manifest_stays_inside_and_reads_only_regular_files(tmp_path):
    secret = write(tmp_path / "secret.txt", "SECRET " + GOOD)
    d = tmp_path / "case"
    write(d / "good.txt", GOOD)
    write(d / "sub" / "more.txt", GOOD.replace("Tuesday", "Wednesday"))
    os.symlink(secret, d / "leak.txt")
    os.symlink("/proc/self/status", d / "status.txt")
    os.symlink("/dev/zero", d / "zero.txt")
    os.symlink(".", d / "loop1")
    os.symlink(".", d / "loop2")
    os.symlink("sub/more.txt", d / "inside.txt")  # a link that stays inside the folder is read
    os.mkfifo(d / "pipe.txt")
    case = load_case(d, [], keep_going=True)
    assert [a.id for a in case.accounts] == ["good", "inside", "more"]
    assert not any("SECRET" in a.text or "VmRSS" in a.text for a in case.accounts)
    problems = {Path(p.file).name: p.message for p in case.problems}
    assert set(problems) == {"leak.txt", "status.txt", "zero.txt", "loop1", "loop2", "pipe.txt"}
    assert "outside the folder" in problems["leak.txt"] and "outside the folder" in problems["status.txt"]
    assert "to a folder" in problems["loop2"] and "FIFO" in problems["pipe.txt"]
    # Without --keep-going the first of them stops the run with one line naming it.
    cli_fails_with_one_line([str(d)], "leak.txt: a symbolic link leading outside the folder")
    # A device or FIFO named on the command line is refused, never read.
    assert "not a regular file" in problem_of(None, [d / "pipe.txt"])
    assert "not a regular file" in problem_of(None, [Path("/dev/zero")])


def test_manifest_nested_too_deep_is_one_line(tmp_path):
    raw = '{"event_id": "ferry", "accounts": ' + "[" * 100_000 + "]" * 100_000 + "}"
    d = manifest_case(tmp_path, [], files={"a.txt": GOOD}, raw=raw)
    line = problem_of(d)
    assert line == f"{d / 'event.json'}: invalid JSON (nesting deeper than 100 levels)"
    cli_fails_with_one_line([str(d)], "event.json: invalid JSON (nesting deeper than 100 levels)")
    case = load_case(d, [], keep_going=True)  # with keep_going: read as a case without a manifest
    assert [a.id for a in case.accounts] == ["a"]


def test_manifest_file_entries_that_are_not_regular_files(tmp_path):
    d = manifest_case(tmp_path, [{"id": "p", "file": "pipe.txt"}, {"id": "a", "file": "a.txt"}],
                      files={"a.txt": GOOD})
    os.mkfifo(d / "pipe.txt")
    case = load_case(d, [], keep_going=True)
    assert [a.id for a in case.accounts] == ["a"]
    assert case.problems[0].file == str(d / "pipe.txt") and "not a regular file" in case.problems[0].message


@pytest.mark.parametrize("text, deep", [
    ("[1, [2, [3]]]", False),
    ("[" * 100 + "]" * 100, False),
    ("[" * 101 + "]" * 101, True),
    ('["' + "[" * 500 + '"]', False),  # brackets inside a string do not nest
    ('["\\"' + "[" * 500 + '"]', False),  # nor after an escaped quote
    ("[" * 50 + '{"a": "' + "{" * 500 + '"}' + "]" * 50, False),
    ("[" * 100 + '"unterminated ' + "[" * 500, False),  # the parser stops at the cut string
    ("[]" * 100_000, False),
])
def test_json_depth_bound(text, deep):
    from counterpoint.ingest.streams import json_too_deep
    assert json_too_deep(text, 100) is deep
