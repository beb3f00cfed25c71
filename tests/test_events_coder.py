"""Event coder behaviour on hand-written sentences from several conflicts.

Documents are built by hand (text, places, actors) and parsed with the shared spaCy
model, so the tests exercise the coder's own rules, not the places/actors stages.
"""

from __future__ import annotations

import pytest

from kharita import nlp
from kharita.events import EventCoder
from kharita.model import ActorMention, Document, Place


@pytest.fixture(scope="module")
def parser():
    return nlp.load()


def _actor(text: str, sentence: str, name: str, inter: int, sector: str, n: int = 0,
           actor_id: str | None = None) -> ActorMention:
    start = -1
    for _ in range(n + 1):
        start = sentence.index(text, start + 1)
    return ActorMention(text=text, start=start, end=start + len(text), actor_id=actor_id or name,
                        name=name, type="named", sector=sector, inter=inter)


def _place(text: str, sentence: str, gid: int, n: int = 0) -> Place:
    start = -1
    for _ in range(n + 1):
        start = sentence.index(text, start + 1)
    return Place(text=text, start=start, end=start + len(text), name=text, geonameid=gid,
                 precision=1)


def code(parser, text: str, actors=(), places=()) -> Document:
    doc = Document(id="t", text=text, actors=sorted(actors, key=lambda a: a.start),
                   places=sorted(places, key=lambda p: p.start))
    return EventCoder()(doc, parser(text))


def one(doc: Document, type_: str):
    found = [e for e in doc.events if e.type == type_]
    assert found, [(e.type, e.trigger.text) for e in doc.events]
    return found[0]


def test_evidence_and_trigger_spans_equal_text(parser):
    text = "Gunmen attacked a checkpoint in Kunduz. Later, protesters marched in Kabul."
    doc = code(parser, text)
    assert len(doc.events) >= 2
    for e in doc.events:
        assert text[e.evidence.start:e.evidence.end] == e.evidence.text
        assert text[e.trigger.start:e.trigger.end] == e.trigger.text
        assert 0.0 <= e.confidence <= 1.0
        assert e.id.startswith("t:")


def test_passive_agent_is_actor1_and_civilians_make_violence_against_civilians(parser):
    text = "Three civilians were killed by Taliban gunmen in Kunduz."
    doc = code(parser, text, actors=[_actor("Taliban", text, "Taliban", 2, "REB")])
    e = one(doc, "ASSAULT")
    roles = {a.role: a for a in e.actors}
    assert roles["actor1"].name == "Taliban"
    assert roles["actor2"].sector == "CVL"
    assert (e.acled_event_type, e.acled_sub_event_type) == ("Violence against civilians", "Attack")


def test_roadside_bomb_is_remote_explosive_one_event(parser):
    doc = code(parser, "A roadside bomb killed two soldiers in Helmand.")
    assault = [e for e in doc.events if e.type == "ASSAULT"]
    assert len(assault) == 1
    assert assault[0].acled_sub_event_type == "Remote explosive/landmine/IED"


def test_negation_is_read_from_the_parse(parser):
    doc = code(parser, "The army did not attack the village.")
    assert one(doc, "ASSAULT").modality == "negated"


def test_attempt_and_attribution(parser):
    text = "Local sources said the militants were trying to negotiate with the army."
    doc = code(parser, text)
    e = one(doc, "CONSULT")
    assert e.modality == "attempted"
    assert e.attribution is not None and e.attribution.text == "Local sources"
