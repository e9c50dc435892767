"""Bad-input errors and the documented input limits (docs/input.md, "Input formats and limits")."""
from __future__ import annotations

from counterpoint import settings
from counterpoint.records import Problem

# The input limits, declared with their help in counterpoint.settings; these names are what the
# ingest modules read (tests lower them with monkeypatch).
MAX_FILE_BYTES = settings.INGEST_FILE_BYTES
MAX_WARC_INFLATED_BYTES = settings.WARC_INFLATED_BYTES
MAX_RECORD_BYTES = settings.INGEST_RECORD_BYTES
MAX_WARC_INFLATION_RATIO = settings.WARC_INFLATION_RATIO
MAX_JSON_DEPTH = settings.JSON_DEPTH
MAX_TEXT_CHARS = settings.TEXT_CHARS
MAX_ACCOUNTS = settings.ACCOUNTS
MAX_SYMBOL_RUN = settings.SYMBOL_RUN
MAX_TEXT_TOKENS = settings.TEXT_TOKENS


class InputError(Exception):
    """A bad input that stops the run (unless --keep-going)."""

    def __init__(self, problem: Problem):
        super().__init__(problem.line())
        self.problem = problem


class BadInput(Exception):
    """Raised inside the readers; the loader turns it into a Problem naming the file."""

    def __init__(self, message: str, where: str | None = None):
        super().__init__(message)
        self.message = message
        self.where = where  # e.g. "file.jsonl:12" when narrower than the file
