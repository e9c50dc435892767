"""Hostile-input generator for the robustness tests (tests/test_fuzz*.py, tests/test_hostile*.py)."""
