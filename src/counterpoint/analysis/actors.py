"""Canonical actors across the accounts of a case (interim)."""
from __future__ import annotations


def resolve(analyses, parties):
    return [], parties
