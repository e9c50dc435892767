"""Files, pages, JSONL, WARC -> Account (clean text, offset map, metadata)."""
from counterpoint.ingest.case import InputError, load_case

__all__ = ["InputError", "load_case"]
