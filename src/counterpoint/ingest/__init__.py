"""Files, pages, JSONL, WARC -> Account (clean text, offset map, metadata)."""
from counterpoint.ingest.case import build_account, load_case
from counterpoint.ingest.errors import MAX_ACCOUNTS, MAX_FILE_BYTES, MAX_TEXT_CHARS, InputError

__all__ = ["InputError", "build_account", "load_case", "MAX_ACCOUNTS", "MAX_FILE_BYTES", "MAX_TEXT_CHARS"]
