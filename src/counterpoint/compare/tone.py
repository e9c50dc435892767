"""Tone (interim)."""


def score_parties(analyses, parties):
    return []
