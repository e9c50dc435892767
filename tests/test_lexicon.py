"""The word lists in src/counterpoint/data/*.yaml and their loader."""
import pytest

from counterpoint.analysis import attribution, lexicon
from counterpoint.analysis.lexicon import LexiconError


def _write(tmp_path, text):
    p = tmp_path / "words.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_word_in_two_classes_of_an_exclusive_family_is_refused(tmp_path):
    p = _write(tmp_path, "stance:\n  exclusive: true\n  classes:\n"
                         "    neutral: [say, recall]\n    preference: [want, recall]\n")
    with pytest.raises(LexiconError) as e:
        lexicon.load_file(p)
    msg = str(e.value)
    assert "'recall'" in msg and str(p) in msg and "neutral" in msg and "preference" in msg


def test_overlap_is_allowed_in_a_family_that_is_not_exclusive(tmp_path):
    p = _write(tmp_path, "frames:\n  exclusive: false\n  classes:\n    xcomp: [urge, want]\n    dobj: [urge, stress]\n")
    fam = lexicon.load_file(p)["frames"]
    assert fam.words("xcomp") == ["urge", "want"] and "urge" in fam.words("dobj")


def test_word_twice_in_one_class_and_key_twice_in_a_mapping_are_refused(tmp_path):
    p = _write(tmp_path, "f:\n  exclusive: false\n  classes:\n    a: [say, tell, say]\n")
    with pytest.raises(LexiconError, match="'say' is listed twice"):
        lexicon.load_file(p)
    p = _write(tmp_path, "months:\n  exclusive: true\n  classes:\n    names: {may: 5, june: 6, may: 6}\n")
    with pytest.raises(LexiconError, match=r"'may' is listed twice.*line"):
        lexicon.load_file(p)


def test_a_family_needs_to_say_whether_it_is_exclusive(tmp_path):
    p = _write(tmp_path, "f:\n  classes:\n    a: [x]\n")
    with pytest.raises(LexiconError, match="exclusive"):
        lexicon.load_file(p)


def test_builtin_lexicons_load_and_keep_the_stance_that_won_before():
    for name in ("attribution", "numbers", "calendar", "speakers", "compare", "figures"):
        assert lexicon.load(name).families
    # "recall" and "repeat" were listed in two stance classes; the later one (preference) counted
    assert attribution.STANCE["recall"] == "preference" and attribution.STANCE["repeat"] == "preference"
    assert {"urge", "want"} <= attribution.XCOMP_VERBS & attribution.DOBJ_VERBS
    assert attribution.PREP_VERBS["agree"] == {"on", "with"}
    assert lexicon.months().values("names")["may"] == 5
    assert lexicon.numbers()["numbers"].values("tens")["ninety"] == 90


def _builtin_text(name):
    from importlib import resources
    return resources.files("counterpoint").joinpath(f"data/{name}.yaml").read_text(encoding="utf-8")


def test_speaker_words_load_and_a_word_twice_in_one_class_is_refused(tmp_path):
    from counterpoint.analysis import speakers
    lex = lexicon.load("speakers")
    assert not lex["people"].exclusive and not lex["issuers"].exclusive
    assert "president" in speakers.TITLES and "al jazeera" in speakers.MEDIA_OUTLETS
    assert speakers.LEADER_WORDS <= speakers.ROLE_WORDS and "state media" in speakers.ORG_NOUNS
    text = _builtin_text("speakers")
    assert "    titles: [president," in text
    p = _write(tmp_path, text.replace("    titles: [president,", "    titles: [president, president,", 1))
    with pytest.raises(LexiconError) as e:
        lexicon.load_file(p)
    msg = str(e.value)
    assert "'president' is listed twice" in msg and str(p) in msg and "people.titles" in msg


def test_compare_words_load_and_a_word_twice_in_one_class_is_refused(tmp_path):
    from counterpoint.compare import statements, topics, voice
    lex = lexicon.compare_words()
    assert not any(fam.exclusive for fam in lex.families.values())
    assert "say" in voice.REPORTING_VERBS and "readout" in voice.FRAME_WORDS and "key" in topics.SALIENCE_WORDS
    # two lists of event nouns, kept as they were: only the occurrence test knows 'round' and 'session'
    assert {"round", "session"} <= voice._EVENT_NOUNS and not {"round", "session"} & statements._EVENT_NOUNS
    text = _builtin_text("compare")
    assert "    anaphors: [this," in text
    p = _write(tmp_path, text.replace("    anaphors: [this,", "    anaphors: [this, this,", 1))
    with pytest.raises(LexiconError) as e:
        lexicon.load_file(p)
    msg = str(e.value)
    assert "'this' is listed twice" in msg and str(p) in msg and "reference.anaphors" in msg


def test_analysis_nouns_are_read_from_the_data_files():
    from counterpoint.analysis import actors, figures, structure
    assert "statement" in structure.STATEMENT_NOUNS and "communiqué" in structure.STATEMENT_NOUNS
    assert {"the", "von", "press"} <= actors.GENERIC
    assert "leader" in figures.PARTICIPANT_NOUNS and "third" in figures.NON_COUNT_NOUNS
