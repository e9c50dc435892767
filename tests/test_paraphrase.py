"""What the two sides both say in their own constructions: an act named by a noun under a light or
reporting verb ('expresses its gratitude to ...'). Invented governments, Norland and Castavia, and
a mediating state, Estavel."""
from __future__ import annotations

import pytest

from test_contradictions import _both


def test_gratitude_expressed_to_the_same_mediator_is_said_by_both():
    mine = "The Republic of Norland expresses its deep gratitude to the Government of Estavel for its tireless mediation."
    theirs = "Castavia expresses its gratitude to the leadership of Estavel for its constructive and impartial role."
    got = _both(mine, theirs)
    assert got[mine].status == "corroborated"
    assert got[mine].status_evidence[0].account == "ca"
    assert got[theirs].status == "corroborated"


def test_gratitude_to_different_states_is_not_the_same_act():
    mine = "The Republic of Norland expresses its deep gratitude to the Government of Estavel for its mediation."
    theirs = "Castavia expresses its gratitude to the leadership of Velmor for its constructive and impartial role."
    got = _both(mine, theirs)
    assert got[mine].status == "one_sided"
    assert got[theirs].status == "one_sided"


def test_the_same_place_at_the_same_time_to_come_is_one_happening(tmp_path):
    from test_contradictions import _compare
    norland = "Erik Vale said the Dunmere-Haskov border crossing will reopen to freight traffic on 1 March."
    castavia = ("Mara Quint said that, beginning in March, the Haskov checkpoint will once again handle cargo "
                "vehicles crossing the border.")
    report = _compare(tmp_path, "2027-01-20", norland, castavia)
    mine = next(c for c in report.claims if "reopen to freight" in c.text)
    assert mine.status == "corroborated" and "March 2027" in mine.status_reason


def test_the_same_place_today_is_no_shared_happening(tmp_path):
    from test_contradictions import _compare
    norland = "Erik Vale said the ministers discussed the Haskov border crossing today."
    castavia = "Mara Quint said the two ministers will visit the Haskov dam project today."
    report = _compare(tmp_path, "2027-01-20", norland, castavia)
    mine = next(c for c in report.claims if "border crossing" in c.text)
    assert "also puts" not in (mine.status_reason or "")


def test_a_trip_implies_a_meeting_but_a_meeting_no_trip():
    # one way: the Norland leader's trip to Castavia is a meeting of the two; a meeting is no trip there
    mine = "The two sides discussed opportunities to meet in the coming year."
    theirs = "The two leaders discussed a planned trip by the Castavian president to Dunmere in April."
    got = _both(mine, theirs)
    assert got[mine].status == "corroborated"
    assert "implied" in got[mine].status_reason
    assert got[theirs].status == "one_sided"


def test_a_meeting_is_not_confirmed_without_a_trip_or_meeting():
    mine = "The two sides discussed opportunities to meet in the coming year."
    theirs = "The two leaders discussed grain exports to Dunmere in April."
    got = _both(mine, theirs)
    assert got[mine].status == "one_sided"


@pytest.mark.slow
def test_the_same_case_gives_the_same_report_under_any_hash_seed(tmp_path):
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    case = Path(__file__).resolve().parents[1].parent / "shared" / "events" / "2024-12-18-india-china-sr-talks"
    if not case.exists():
        pytest.skip("the shared dev cases are not here")
    out = []
    for seed in ("1", "2"):
        path = tmp_path / f"r{seed}.json"
        subprocess.run([sys.executable, "-m", "counterpoint.cli", "compare", str(case), "--format", "json",
                        "-o", str(path), "-q"], check=True, env={**os.environ, "PYTHONHASHSEED": seed})
        r = json.loads(path.read_text())
        out.append([(c["text"], c["status"], c.get("status_reason"),
                     [(e["account"], e["start"]) for e in c.get("status_evidence", [])]) for c in r["claims"]])
    assert out[0] == out[1]


def test_transliterations_of_a_name_are_one_word():
    from counterpoint.compare.voice import stem
    assert stem("Zelenskyy") == stem("Zelenskiy") == stem("Zelensky")
    assert stem("Dmitriy") == stem("Dmitry")
    assert stem("ferryy") != stem("ferry")            # lower-case words are left as they are
    mine = "Erik Vale said the ministers will brief President Zelenskiy on the corridor plan."
    theirs = "Mara Quint said the ministers will brief President Zelenskyy on the corridor plan."
    got = _both(mine, theirs)
    assert got[mine].status == "corroborated"


def test_british_and_american_spellings_are_one_word():
    from counterpoint.compare.voice import stem
    for british, american in [("defence", "defense"), ("organisation", "organization"), ("centre", "center"),
                               ("programme", "program"), ("labour", "labor"), ("honour", "honor"),
                               ("analyse", "analyze"), ("judgement", "judgment"), ("favourable", "favorable")]:
        assert stem(british) == stem(american), british
    for other in ["hour", "four", "here", "there", "more", "acre"]:   # no other spelling: left as they were
        assert stem(other) == stem(other.upper())
    mine = "Erik Vale said the two ministries will sign a defence cooperation programme with the harbour centre."
    theirs = "Mara Quint said the ministries will sign a defense cooperation program with the harbor center."
    got = _both(mine, theirs)
    assert got[mine].status == "corroborated"
