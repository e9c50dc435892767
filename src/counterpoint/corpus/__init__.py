"""Corpus scale: stream articles into a DuckDB store, link duplicates, group stories incrementally."""
