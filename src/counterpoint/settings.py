"""Every limit and cap of counterpoint in one place: name, default, unit and what it bounds.

Each setting is a module constant (read it as `settings.INGEST_FILE_BYTES`) declared with
`_setting(...)`, which also records it in `SETTINGS` (name -> Setting): the table in
`docs/settings.md` is checked against that registry by the tests, so the two cannot drift.
The modules that use a setting read it from here; some keep their old constant name as an alias
(`counterpoint.ingest.MAX_FILE_BYTES`, `counterpoint.server.MAX_FILE_BYTES`), which is what they
read at run time, so a test can still lower a limit on one module with monkeypatch.

Scoring thresholds of the analysis (cover shares, similarity cut-offs, tolerances) are not
settings: they are part of the method and documented where they are used.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Union

Number = Union[int, float]
KB = 1024
MB = 1024 * 1024


@dataclass(frozen=True)
class Setting:
    name: str
    default: Number
    unit: str      # bytes, characters, seconds, levels, pages, ... (the plural noun it counts)
    help: str      # one line: what it bounds
    stage: str     # where it applies: ingest, analysis, report, server, corpus


SETTINGS: dict[str, Setting] = {}


def _setting(name: str, default: Number, unit: str, stage: str, help: str) -> Number:
    if name in SETTINGS:
        raise ValueError(f"setting {name} declared twice")
    SETTINGS[name] = Setting(name, default, unit, help, stage)
    return default


# ---- ingest (counterpoint.ingest): files, records and accounts read for a case
INGEST_FILE_BYTES = _setting(
    "INGEST_FILE_BYTES", 20 * MB, "bytes", "ingest",
    "largest input file read (a .warc.gz measured compressed; each WARC record held to it decompressed)")
INGEST_RECORD_BYTES = _setting(
    "INGEST_RECORD_BYTES", INGEST_FILE_BYTES, "bytes", "ingest",
    "largest JSONL line or WARC record, checked while it streams (a longer one is refused before it is held)")
WARC_INFLATED_BYTES = _setting(
    "WARC_INFLATED_BYTES", 5 * INGEST_FILE_BYTES, "bytes", "ingest",
    "most bytes one WARC file may inflate to (records read and skipped, by declared length)")
WARC_INFLATION_RATIO = _setting(
    "WARC_INFLATION_RATIO", 20, "times", "corpus",
    "corpus ingest: a WARC file may also inflate to this many times its size on disk, if more")
JSON_DEPTH = _setting(
    "JSON_DEPTH", 100, "levels", "ingest",
    "deepest nesting of arrays and objects in any JSON read, checked before parsing")
TEXT_CHARS = _setting(
    "TEXT_CHARS", 150_000, "characters", "ingest",
    "cleaned text analysed per account; the rest is cut and kept in Account.removed")
TEXT_TOKENS = _setting(
    "TEXT_TOKENS", 40_000, "tokens", "ingest",
    "words and marks analysed per account (the parser's memory follows tokens); the rest is cut and kept")
ACCOUNTS = _setting(
    "ACCOUNTS", 5000, "accounts", "ingest",
    "most accounts in one case; files past it are reported and not loaded")
SYMBOL_RUN = _setting(
    "SYMBOL_RUN", 100, "characters", "ingest",
    "longest run of punctuation and symbols kept in an account's text (spaCy splits such runs quadratically)")
HTML_ATTRIBUTE_CHARS = _setting(
    "HTML_ATTRIBUTE_CHARS", 100_000, "characters", "ingest",
    "an HTML attribute value longer than this is emptied before the page extractor sees it (lxml drops pages past 10 MB)")
PDF_PAGES = _setting(
    "PDF_PAGES", 2000, "pages", "ingest",
    "pages of one PDF read at most (reading also stops at twice TEXT_CHARS of text)")
DOCX_INFLATED_BYTES = _setting(
    "DOCX_INFLATED_BYTES", 100 * MB, "bytes", "ingest",
    "most bytes the parts of one .docx (a zip) may inflate to, by their declared sizes")
API_PATH_CHARS = _setting(
    "API_PATH_CHARS", 4096, "characters", "ingest",
    "counterpoint.compare: a string longer than this is taken as a text, never as a path")
DOWNLOAD_SECONDS = _setting(
    "DOWNLOAD_SECONDS", 20, "seconds", "ingest",
    "--fetch: time allowed to connect, and between bytes read, per request")
DOWNLOAD_REDIRECTS = _setting(
    "DOWNLOAD_REDIRECTS", 5, "redirects", "ingest",
    "--fetch: redirects followed at most")

# ---- analysis
SPACY_MAX_CHARS = _setting(
    "SPACY_MAX_CHARS", 2_000_000, "characters", "analysis",
    "spaCy's own nlp.max_length guard (texts are parsed in pieces well below it)")
BATCH_TOKENS = _setting(
    "BATCH_TOKENS", 40_000, "tokens", "analysis",
    "words and marks parsed in one spaCy batch (an account over it is parsed alone)")
ACCOUNT_TIME_BUDGET_S = _setting(
    "ACCOUNT_TIME_BUDGET_S", 60.0, "seconds", "analysis",
    "wall clock one account's analysis may take, checked between stages; past it the account is a problem line")
CLAIM_FRAME_CHARS = _setting(
    "CLAIM_FRAME_CHARS", 20_000, "characters", "analysis",
    "longest quote or claim span looked for around a claim that it may hold")
TIMEX_PREFIX_CACHE = _setting(
    "TIMEX_PREFIX_CACHE", 200_000, "entries", "analysis",
    "word openings remembered with the date rules that may start there (emptied when full)")

# ---- report: what the report lists
SENTENCE_CONTEXT = _setting(
    "SENTENCE_CONTEXT", 200, "characters", "report",
    "text of a quote's sentence kept in quotes[].sentence.text, on each side of the quote")
TOPICS = _setting(
    "TOPICS", 12, "topics", "report",
    "topics found per case")
TOPIC_EXCERPT_CHARS = _setting(
    "TOPIC_EXCERPT_CHARS", 110, "characters", "report",
    "length of each excerpt showing where a party raised a topic (topics[].raised)")
CHART_AXIS_CHARS = _setting(
    "CHART_AXIS_CHARS", 150, "characters", "report",
    "characters of label text the timeline chart's axis is taken to hold when labels are spaced apart")
UPLOAD_META_CHARS = _setting(
    "UPLOAD_META_CHARS", 80, "characters", "server",
    "longest side or kind a web-app upload may give an account")
CONFLICTS_LISTED = _setting(
    "CONFLICTS_LISTED", 10, "figures", "report",
    "conflicting figures listed per figure (figures[].conflicts_with); every one is still marked conflict")
BRIEF_ITEMS = _setting(
    "BRIEF_ITEMS", 5, "items", "report",
    "items per party and section shown in the brief before the rest go under 'more'")
BRIEF_SENTENCE_CHARS = _setting(
    "BRIEF_SENTENCE_CHARS", 420, "characters", "report",
    "a sentence shown around a brief item before it is cut to the claim's clause")
BRIEF_FIGURE_DISAGREEMENTS = _setting(
    "BRIEF_FIGURE_DISAGREEMENTS", 100, "pairs", "report",
    "pairs of conflicting figures in the brief (disagreements + more_disagreements)")
CHART_PARTIES = _setting(
    "CHART_PARTIES", 40, "parties", "report",
    "rows (parties) of the HTML report's topic heatmap: those with the most mentions; the rest are counted in its title")
BRIEF_MORE_ITEMS = _setting(
    "BRIEF_MORE_ITEMS", 50, "claims", "report",
    "one-sided claims of a party kept in the brief past the shown ones (brief.parties[].more); more_total counts all")
BRIEF_OTHER_PARTIES = _setting(
    "BRIEF_OTHER_PARTIES", 10, "parties", "report",
    "other parties named in each party's brief heading (brief.parties[].others); the rest are counted in others_more")
BRIEF_LEADING_TOPICS = _setting(
    "BRIEF_LEADING_TOPICS", 3, "topics", "report",
    "topics named per party in the brief's emphasis line")

PLOT_LABEL_CHARS = _setting(
    "PLOT_LABEL_CHARS", 28, "characters", "report",
    "a label on a chart of the HTML report is cut to this length")

# ---- server (counterpoint serve)
UPLOAD_FILE_BYTES = _setting(
    "UPLOAD_FILE_BYTES", 5 * MB, "bytes", "server",
    "one uploaded file or pasted text")
REQUEST_CHARS = _setting(
    "REQUEST_CHARS", 1_000_000, "characters", "server",
    "characters one uploaded case may give the analysis, all accounts together (past it: 413 before parsing)")
REQUEST_TIME_BUDGET_S = _setting(
    "REQUEST_TIME_BUDGET_S", 120.0, "seconds", "server",
    "wall clock one request's analysis may take; accounts not analysed by then are a problem line each")
UPLOAD_FILES = _setting(
    "UPLOAD_FILES", 20, "files", "server",
    "files per upload / texts per paste")
UPLOAD_REQUEST_BYTES = _setting(
    "UPLOAD_REQUEST_BYTES", 20 * MB, "bytes", "server",
    "whole request body, counted while it streams")
UPLOAD_BODY_SECONDS = _setting(
    "UPLOAD_BODY_SECONDS", 120, "seconds", "server",
    "time to send a whole request body (then 408)")
UPLOAD_BODIES_IN_FLIGHT_BYTES = _setting(
    "UPLOAD_BODIES_IN_FLIGHT_BYTES", 64 * MB, "bytes", "server",
    "request bodies received and parsed at once, over all requests (past it: 503 before reading)")
UPLOAD_SPOOL_BYTES = _setting(
    "UPLOAD_SPOOL_BYTES", 1 * MB, "bytes", "server",
    "a request body past this size is spooled to a private temporary file")
SERVER_KEPT_REPORTS = _setting(
    "SERVER_KEPT_REPORTS", 32, "reports", "server",
    "reports of uploads and pastes kept in memory for their download links")
SERVER_CACHED_CASES = _setting(
    "SERVER_CACHED_CASES", 16, "reports", "server",
    "reports of case folders cached, keyed by the folder and its files' sizes and times")
SERVER_CACHED_PAGES = _setting(
    "SERVER_CACHED_PAGES", 3 * SERVER_CACHED_CASES, "pages", "server",
    "rendered pages of cached case reports kept as bytes")
SERVER_LISTED_CASES = _setting(
    "SERVER_LISTED_CASES", 200, "folders", "server",
    "case folders listed on the index page")
SERVER_STORIES_PAGE = _setting(
    "SERVER_STORIES_PAGE", 50, "stories", "server",
    "stories per page of /stories by default")
SERVER_STORIES_PAGE_MAX = _setting(
    "SERVER_STORIES_PAGE_MAX", 200, "stories", "server",
    "largest `limit` a client may ask of /stories")
HEADER_SECONDS = _setting(
    "HEADER_SECONDS", 15, "seconds", "server",
    "time to send a request's headers, from connecting or the previous response; then the connection is closed")
KEEP_ALIVE_SECONDS = _setting(
    "KEEP_ALIVE_SECONDS", 5, "seconds", "server",
    "uvicorn keep-alive: an idle connection is closed after this")
HEADER_BYTES = _setting(
    "HEADER_BYTES", 16 * KB, "bytes", "server",
    "uvicorn h11 limit on an incomplete request head (past it: 400)")

# ---- corpus (counterpoint corpus)
CORPUS_REOPEN_EVERY = _setting(
    "CORPUS_REOPEN_EVERY", 32, "batches", "corpus",
    "ingest closes and reopens its DuckDB store every this many batches (DuckDB keeps memory per join)")
CORPUS_DF_CAP = _setting(
    "CORPUS_DF_CAP", 200, "articles", "corpus",
    "a story key found in more articles than this identifies no event and is not used for retrieval")
CORPUS_CANDIDATES = _setting(
    "CORPUS_CANDIDATES", 10, "stories", "corpus",
    "candidate stories scored per article")
CORPUS_INDEX_TERMS = _setting(
    "CORPUS_INDEX_TERMS", 15, "terms", "corpus",
    "content terms indexed per article (besides its entity keys)")
CORPUS_PROFILE_TERMS = _setting(
    "CORPUS_PROFILE_TERMS", 80, "terms", "corpus",
    "term weights kept in a story's profile")

# ---- terminal summary (counterpoint compare without -o)
TERMINAL_TIMELINE_ROWS = _setting(
    "TERMINAL_TIMELINE_ROWS", 12, "rows", "report",
    "timeline rows printed in the terminal summary")
TERMINAL_CLAIM_ROWS = _setting(
    "TERMINAL_CLAIM_ROWS", 20, "rows", "report",
    "claim rows printed in the terminal summary")
TERMINAL_EXCERPT_CHARS = _setting(
    "TERMINAL_EXCERPT_CHARS", 140, "characters", "report",
    "excerpt length in the terminal summary")


def _value(s: Setting) -> str:
    v = s.default
    if s.unit == "bytes" and v >= KB:
        return f"{v // MB} MB" if v % MB == 0 else f"{v // KB} KB"
    return f"{v:,}" if isinstance(v, int) else str(v)


def markdown_table() -> str:
    """The table of docs/settings.md (`python -m counterpoint.settings` prints it)."""
    rows = ["| Setting | Default | Unit | Stage | What it bounds |", "|---|---|---|---|---|"]
    rows += [f"| `{s.name}` | {_value(s)} | {s.unit} | {s.stage} | {s.help} |" for s in SETTINGS.values()]
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    print(markdown_table(), end="")
