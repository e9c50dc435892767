"""Quantities in an account (interim)."""


def extract(doc, account):
    return []
