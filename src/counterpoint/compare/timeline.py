"""Timeline (interim)."""


def merge_events(analyses):
    return []
