"""What the two sides both say in their own constructions: an act named by a noun under a light or
reporting verb ('expresses its gratitude to ...'). Invented governments, Norland and Castavia, and
a mediating state, Estavel."""
from __future__ import annotations

from test_claims import _claim, _status
from test_contradictions import _readouts


def test_gratitude_expressed_to_the_same_mediator_is_said_by_both():
    mine = "The Republic of Norland expresses its deep gratitude to the Government of Estavel for its tireless mediation."
    theirs = "Castavia expresses its gratitude to the leadership of Estavel for its constructive and impartial role."
    a, b = _readouts(mine, theirs)
    got = _status([_claim(a, mine, "Norland", "readout"), _claim(b, theirs, "Castavia", "readout")], [a, b])
    assert got[mine].status == "corroborated"
    assert got[mine].status_evidence[0].account == "ca"
    assert got[theirs].status == "corroborated"


def test_gratitude_to_different_states_is_not_the_same_act():
    mine = "The Republic of Norland expresses its deep gratitude to the Government of Estavel for its mediation."
    theirs = "Castavia expresses its gratitude to the leadership of Velmor for its constructive and impartial role."
    a, b = _readouts(mine, theirs)
    got = _status([_claim(a, mine, "Norland", "readout"), _claim(b, theirs, "Castavia", "readout")], [a, b])
    assert got[mine].status == "one_sided"
    assert got[theirs].status == "one_sided"
