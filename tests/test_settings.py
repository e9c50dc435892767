"""counterpoint.settings: every limit declared once, documented in docs/settings.md, read by the modules."""
from __future__ import annotations

import re
from pathlib import Path

from counterpoint import settings

DOC = Path(__file__).resolve().parents[1] / "docs" / "settings.md"

# The values before the limits moved to one module: moving them must not change one.
ORIGINAL = {
    "INGEST_FILE_BYTES": 20 * 2**20, "INGEST_RECORD_BYTES": 20 * 2**20, "WARC_INFLATED_BYTES": 100 * 2**20,
    "WARC_INFLATION_RATIO": 20, "JSON_DEPTH": 100, "TEXT_CHARS": 150_000, "TEXT_TOKENS": 40_000, "BATCH_TOKENS": 40_000, "ACCOUNT_TIME_BUDGET_S": 60.0, "ACCOUNTS": 5000, "SYMBOL_RUN": 100, "HTML_ATTRIBUTE_CHARS": 100_000, "BRIEF_OTHER_PARTIES": 10, "CHART_PARTIES": 40,
    "PDF_PAGES": 2000, "DOCX_INFLATED_BYTES": 100 * 2**20, "API_PATH_CHARS": 4096, "DOWNLOAD_SECONDS": 20,
    "DOWNLOAD_REDIRECTS": 5, "SPACY_MAX_CHARS": 2_000_000,
    "CLAIM_FRAME_CHARS": 20_000, "TIMEX_PREFIX_CACHE": 200_000, "SENTENCE_CONTEXT": 200, "TOPICS": 12, "TOPIC_EXCERPT_CHARS": 110, "CHART_AXIS_CHARS": 150, "UPLOAD_META_CHARS": 80, "REQUEST_CHARS": 1_000_000, "REQUEST_TIME_BUDGET_S": 120.0, "CONFLICTS_LISTED": 10, "BRIEF_ITEMS": 5, "BRIEF_MORE_ITEMS": 50,
    "BRIEF_SENTENCE_CHARS": 420, "BRIEF_FIGURE_DISAGREEMENTS": 100, "BRIEF_LEADING_TOPICS": 3, "PLOT_LABEL_CHARS": 28,
    "UPLOAD_FILE_BYTES": 5 * 2**20, "UPLOAD_FILES": 20, "UPLOAD_REQUEST_BYTES": 20 * 2**20, "UPLOAD_BODY_SECONDS": 120,
    "UPLOAD_BODIES_IN_FLIGHT_BYTES": 64 * 2**20, "UPLOAD_SPOOL_BYTES": 2**20, "SERVER_KEPT_REPORTS": 32,
    "SERVER_CACHED_CASES": 16, "SERVER_CACHED_PAGES": 48, "SERVER_LISTED_CASES": 200, "SERVER_STORIES_PAGE": 50,
    "SERVER_STORIES_PAGE_MAX": 200, "HEADER_SECONDS": 15, "KEEP_ALIVE_SECONDS": 5, "HEADER_BYTES": 16 * 1024,
    "CORPUS_REOPEN_EVERY": 32, "CORPUS_DF_CAP": 200, "CORPUS_CANDIDATES": 10, "CORPUS_INDEX_TERMS": 15,
    "CORPUS_PROFILE_TERMS": 80, "TERMINAL_TIMELINE_ROWS": 12, "TERMINAL_CLAIM_ROWS": 20, "TERMINAL_EXCERPT_CHARS": 140,
}


# Not limits but part of the ranking method (documented where they are used).
# constants of a method, not limits on resources: how far a rule looks, not how much work it may do
METHOD = {"compare/brief.py: MAX_WORDS", "compare/claims.py: READOUT_HEAD_CHARS"}


def test_values_unchanged():
    assert {name: s.default for name, s in settings.SETTINGS.items()} == ORIGINAL


def test_each_setting_is_a_module_constant_with_unit_and_help():
    for name, s in settings.SETTINGS.items():
        assert getattr(settings, name) == s.default and s.name == name
        assert s.unit and s.stage in {"ingest", "analysis", "report", "server", "corpus"}
        assert s.help and "\n" not in s.help and "|" not in s.help


def test_docs_table_is_the_generated_one():
    """docs/settings.md holds the table `python -m counterpoint.settings` prints: no setting undocumented."""
    doc = DOC.read_text(encoding="utf-8")
    assert settings.markdown_table() in doc, "docs/settings.md is stale: paste `python -m counterpoint.settings`"
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", doc, re.M))
    assert documented == set(settings.SETTINGS)


def test_modules_read_their_limits_from_settings():
    """The old module-level names are the settings (one value, one place), not copies of the numbers."""
    from counterpoint import api, records
    from counterpoint.analysis import nlp
    from counterpoint.compare import brief, claims, figures, topics
    from counterpoint.corpus import pipeline, stories
    from counterpoint.ingest import documents, errors, fetch
    from counterpoint.report import plots, terminal
    from counterpoint.server import app, uploads
    import counterpoint.ingest as ingest
    import counterpoint.server as server

    pairs = [
        (errors.MAX_FILE_BYTES, "INGEST_FILE_BYTES"), (ingest.MAX_FILE_BYTES, "INGEST_FILE_BYTES"),
        (fetch.MAX_FILE_BYTES, "INGEST_FILE_BYTES"), (errors.MAX_RECORD_BYTES, "INGEST_RECORD_BYTES"),
        (errors.MAX_WARC_INFLATED_BYTES, "WARC_INFLATED_BYTES"), (errors.MAX_WARC_INFLATION_RATIO, "WARC_INFLATION_RATIO"),
        (errors.MAX_JSON_DEPTH, "JSON_DEPTH"), (errors.MAX_TEXT_CHARS, "TEXT_CHARS"), (errors.MAX_ACCOUNTS, "ACCOUNTS"),
        (errors.MAX_SYMBOL_RUN, "SYMBOL_RUN"), (documents.MAX_PDF_PAGES, "PDF_PAGES"),
        (documents.MAX_DOCX_INFLATED_BYTES, "DOCX_INFLATED_BYTES"), (api._MAX_PATH_CHARS, "API_PATH_CHARS"),
        (fetch.DOWNLOAD_TIMEOUT, "DOWNLOAD_SECONDS"), (fetch.MAX_REDIRECTS, "DOWNLOAD_REDIRECTS"),
        (nlp.MAX_CHARS, "SPACY_MAX_CHARS"),
        (claims.MAX_FRAME_CHARS, "CLAIM_FRAME_CHARS"), (records.SENTENCE_CONTEXT, "SENTENCE_CONTEXT"),
        (topics.MAX_TOPICS, "TOPICS"), (figures.MAX_CONFLICTS_LISTED, "CONFLICTS_LISTED"), (brief.LIMIT, "BRIEF_ITEMS"),
        (brief.MAX_SENTENCE, "BRIEF_SENTENCE_CHARS"), (brief.MAX_FIGURE_DISAGREEMENTS, "BRIEF_FIGURE_DISAGREEMENTS"),
        (brief.LEADING_TOPICS, "BRIEF_LEADING_TOPICS"), (uploads.MAX_FILE_BYTES, "UPLOAD_FILE_BYTES"),
        (server.MAX_FILE_BYTES, "UPLOAD_FILE_BYTES"), (uploads.MAX_FILES, "UPLOAD_FILES"),
        (uploads.MAX_REQUEST_BYTES, "UPLOAD_REQUEST_BYTES"), (uploads.BODY_SECONDS, "UPLOAD_BODY_SECONDS"),
        (uploads.MAX_BODIES_IN_FLIGHT, "UPLOAD_BODIES_IN_FLIGHT_BYTES"), (uploads.SPOOL_BYTES, "UPLOAD_SPOOL_BYTES"),
        (app.HEADER_SECONDS, "HEADER_SECONDS"), (app.KEEP_ALIVE_SECONDS, "KEEP_ALIVE_SECONDS"),
        (app.MAX_HEADER_BYTES, "HEADER_BYTES"), (pipeline.REOPEN_EVERY, "CORPUS_REOPEN_EVERY"),
        (stories.DF_CAP, "CORPUS_DF_CAP"), (stories.CANDIDATES, "CORPUS_CANDIDATES"),
        (stories.INDEX_TERMS, "CORPUS_INDEX_TERMS"), (stories.PROFILE_TERMS, "CORPUS_PROFILE_TERMS"),
        (terminal.TIMELINE_ROWS, "TERMINAL_TIMELINE_ROWS"), (terminal.CLAIM_ROWS, "TERMINAL_CLAIM_ROWS"),
        (terminal.EXCERPT, "TERMINAL_EXCERPT_CHARS"), (plots.LABEL_CHARS, "PLOT_LABEL_CHARS"),
    ]
    for value, name in pairs:
        assert value == getattr(settings, name), name
    # The two limits once both called MAX_FILE_BYTES bound different things and differ.
    assert ingest.MAX_FILE_BYTES != server.MAX_FILE_BYTES


def test_no_limit_left_as_a_bare_number():
    """A limit-like constant (MAX_*, *_SECONDS, *_BYTES ...) assigned a literal number outside settings.py."""
    src = Path(settings.__file__).parent
    pattern = re.compile(r"^_?(MAX_\w+|\w+_(SECONDS|BYTES|TIMEOUT|LIMIT|CHARS|ROWS)|LIMIT|KEPT_\w+|CACHED_\w+)\s*=\s*[\d(]",
                         re.M)
    found = [f"{p.relative_to(src)}: {m.group(1)}" for p in src.rglob("*.py") if p.name != "settings.py"
             for m in pattern.finditer(p.read_text(encoding="utf-8"))]
    found = [f for f in found if f not in METHOD]
    assert not found, found


def test_limit_tables_name_declared_settings():
    """The limits tables of docs/input.md and docs/robustness.md name settings that exist."""
    docs = DOC.parent
    for name in ("input.md", "robustness.md"):
        text = (docs / name).read_text(encoding="utf-8")
        section = text[text.index("Limits"):]
        section = section[: section.index("\n\n", section.index("|---"))]
        named = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", section))
        assert named and named <= set(settings.SETTINGS), (name, named - set(settings.SETTINGS))
