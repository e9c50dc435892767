"""Temporal expressions (interim)."""


def extract(doc, account):
    return [], []
