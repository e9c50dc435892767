"""Property-based tests (Hypothesis) of ingestion: whatever bytes arrive, under whatever name, the
loader returns accounts or one-line problems naming the file, never an exception; offsets of
cleaned text always map back inside the original; the quotation-mark pairer returns well-formed
spans quickly on any text. Fixed budgets keep the file well under a minute."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counterpoint.analysis.quotes import find_quotes
from counterpoint.ingest import MAX_TEXT_CHARS, load_case
from counterpoint.ingest.formats import KNOWN

# No per-example deadline: a loaded CI machine would make it flaky; pytest-timeout bounds each test.
FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                            HealthCheck.too_slow])

# Text alphabets a hostile page mixes: quote marks of every kind, controls, scripts, invisible marks.
QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb\u2039\u203a"
hostile_chars = st.one_of(
    st.characters(codec="utf-8"),
    st.sampled_from(list(QUOTE_MARKS)),
    st.sampled_from(list("\n\r\t\x00\x07\x0b\x0c\x1b\x7f\x85\u2028\u2029\ufeff\u200b\u202e")),
    st.sampled_from(list("Алда Вей قالت 部长 ראש é́ 𝕏 🤝")),
)
hostile_text = st.text(hostile_chars, max_size=600)
prose_words = st.sampled_from(["the", "minister", "said", "talks", "would", "resume", "Vey", "Marek", "on",
                               "Tuesday", "$4.5", "billion", "told", "reporters", ",", ".", "\n"])
prose_with_marks = st.lists(st.one_of(prose_words, st.sampled_from(list(QUOTE_MARKS))), max_size=300).map(" ".join)

EXTENSIONS = list(KNOWN) + ["", ".pdf", ".TXT", ".Html", ".warc.GZ", ".exe", ".json.gz"]


def _check_loaded(case, path: Path) -> None:
    for p in case.problems:
        line = p.line()
        assert "\n" not in line and "Traceback" not in line
        assert str(path) in p.file or p.file.startswith(str(path)), (p.file, path)
    for acc in case.accounts:
        assert acc.text.strip() or acc.text  # an account always carries text
        assert len(acc.text) <= MAX_TEXT_CHARS
        assert acc.file and acc.file.startswith(str(path))


@pytest.mark.timeout(120)
@FAST
@given(data=st.binary(max_size=4000), ext=st.sampled_from(EXTENSIONS))
def test_any_bytes_under_any_name_load_or_are_one_problem(tmp_path_factory, data, ext):
    folder = tmp_path_factory.mktemp("bytes")
    path = folder / f"input{ext}"
    path.write_bytes(data)
    case = load_case(None, [path], keep_going=True)
    assert case.accounts or case.problems
    _check_loaded(case, path)


@pytest.mark.timeout(120)
@FAST
@given(text=hostile_text, ext=st.sampled_from([".txt", ".md", ".html", ".jsonl", ".json", ""]))
def test_hostile_text_loads_or_is_one_problem(tmp_path_factory, text, ext):
    folder = tmp_path_factory.mktemp("text")
    path = folder / f"input{ext}"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    case = load_case(None, [path], keep_going=True)
    assert case.accounts or case.problems
    _check_loaded(case, path)


@pytest.mark.timeout(120)
@FAST
@given(records=st.lists(st.one_of(
    st.dictionaries(st.sampled_from(["id", "text", "html", "title", "published", "url", "outlet", "side", "lang"]),
                    st.one_of(hostile_text, st.integers(), st.floats(), st.none(), st.lists(st.integers(), max_size=3)),
                    max_size=6),
    hostile_text.map(lambda t: {"raw": t})), min_size=1, max_size=8))
def test_jsonl_lines_fail_one_by_one(tmp_path_factory, records):
    """Every line of a JSONL file is an account or a problem naming that line; none is lost."""
    import json

    folder = tmp_path_factory.mktemp("jsonl")
    lines = [r["raw"].replace("\n", " ").replace("\r", " ") if set(r) == {"raw"} else json.dumps(r) for r in records]
    path = folder / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    case = load_case(None, [path], keep_going=True)
    _check_loaded(case, path)
    nonblank = [ln for ln in path.read_text(encoding="utf-8", errors="surrogatepass").split("\n") if ln.strip()]
    if nonblank and not any(p.file == str(path) for p in case.problems):
        # no whole-file failure: each non-blank line ended as an account or as a problem of its own
        assert len(case.accounts) + len(case.problems) >= len(nonblank) or any(
            "duplicate" in p.message for p in case.problems)


@pytest.mark.timeout(120)
@FAST
@given(text=st.one_of(hostile_text, prose_with_marks))
def test_offsets_map_into_the_original(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("offsets")
    path = folder / "a.txt"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    case = load_case(None, [path], keep_going=True)
    original = path.read_bytes().decode("utf-8", "replace")
    for acc in case.accounts:
        for start in range(0, len(acc.text) + 1, max(1, len(acc.text) // 25)):
            src = acc.offset_map.to_source(start)
            assert src is None or 0 <= src <= len(original) + 1
        for cs, ss, n in acc.offset_map.runs:
            assert 0 <= cs and cs + n <= len(acc.text)


@pytest.mark.timeout(120)
@settings(max_examples=200, deadline=None)
@given(text=st.one_of(prose_with_marks, hostile_text))
def test_quote_pairing_gives_wellformed_spans(text):
    spans = find_quotes(text)
    for q in spans:
        assert 0 <= q.open_mark < q.start <= q.end <= len(text)
        assert q.close_mark <= len(text)
        assert text[q.start:q.end].strip()


@pytest.mark.parametrize("n", [2_000, 20_000])
def test_quote_pairing_is_linear_on_thousands_of_marks(n):
    """Pairing work grows with the text, not with the square of its quote marks."""
    texts = ['"' * n, "\u201c" * n, 'He said "yes ' * (n // 4), ("\u201c a \u2019 " * n)]
    for text in texts:
        t = time.perf_counter()
        find_quotes(text)
        assert time.perf_counter() - t < 0.5 + n / 4000, (text[:20], n)
