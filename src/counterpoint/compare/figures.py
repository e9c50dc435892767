"""Figure conflicts (interim)."""


def flag_conflicts(figures):
    return figures
