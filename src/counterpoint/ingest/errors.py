"""Bad-input errors and the documented input limits (docs/input.md, "Input formats and limits")."""
from __future__ import annotations

from counterpoint.records import Problem

#: Largest input file read, in bytes (a WARC.gz is measured compressed; each of its records
#: is held to the same limit once decompressed).
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Most bytes one WARC file may inflate to (records read and records skipped, by their declared
#: lengths); reading stops at the record that would pass it, so a gzip bomb costs no time.
MAX_WARC_INFLATED_BYTES = 5 * MAX_FILE_BYTES
#: Largest record read from a JSONL line or a WARC record (decompressed), in bytes. Records are read
#: with a bounded read, so a longer one is refused before it is held whole (and skipped by reading
#: on in small blocks), whatever the size of the file around it.
MAX_RECORD_BYTES = MAX_FILE_BYTES
#: For `counterpoint corpus ingest`, whose WARC files may be large crawls: a WARC file may inflate to
#: MAX_WARC_INFLATED_BYTES, or this many times its size on disk if that is more (HTML compresses about
#: 5-10 times; a gzip bomb 1,000 times). A case (`compare`) holds to MAX_WARC_INFLATED_BYTES.
MAX_WARC_INFLATION_RATIO = 20
#: Deepest nesting of arrays and objects in any JSON read (event.json, JSON and JSONL articles,
#: corpus manifests); an article or manifest needs fewer than ten levels. Checked before parsing,
#: so a deeply nested input is one problem line, never a RecursionError.
MAX_JSON_DEPTH = 100
#: Longest cleaned text analysed per account, in characters (about 25,000 words, several times a
#: long feature). The rest is cut at a line or word break and kept in `Account.removed`, so a
#: 20 MB single-line file cannot hold the parser for an hour.
MAX_TEXT_CHARS = 150_000
#: Most accounts in one case; files past the limit are reported and not loaded.
MAX_ACCOUNTS = 5000
#: Longest run of punctuation and symbols (no letter, digit or space) kept in an account's text; the
#: rest of a longer run is cut (kept in `Account.removed`). spaCy's tokenizer splits such a run one
#: character at a time, re-slicing the rest each time: 20,000 `&` took 31 s.
MAX_SYMBOL_RUN = 100
#: Most words and marks (runs of letters and digits, and single other characters: about spaCy's
#: tokens) analysed per account; the rest is cut at a line or word break and kept in
#: `Account.removed`. The parser's memory follows tokens, not characters (about 17 KB a token at
#: its peak): 150,000 characters of one-letter words are 75,000 tokens and peaked at 1.4 GB.
#: Ordinary prose has one token in 4 to 5 characters, so the character limit is reached first.
MAX_TEXT_TOKENS = 40_000


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
