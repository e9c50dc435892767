"""The stances of reporting verbs, from data/attribution.yaml (checked by `lexicon`). No spaCy here:
attribution reads them, and so does the compare stage (the brief)."""
from __future__ import annotations

from counterpoint.analysis import lexicon

_LEX = lexicon.attribution()
# Reporting verbs by stance (lemma -> stance). The stance says how the source puts the content forward.
STANCE = _LEX["stance"].class_of()
# speech acts: a quote next to one of these verbs is what was said even when the parse gives no content
SPEECH_STANCES = set(_LEX["speech"].words("stances"))
if not SPEECH_STANCES <= set(_LEX["stance"].classes):
    raise lexicon.LexiconError(f"{_LEX.source}: speech.stances names a class that `stance` does not have: "
                               f"{sorted(SPEECH_STANCES - set(_LEX['stance'].classes))}")
