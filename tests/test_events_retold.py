"""A headline and the body sentence telling the same happening give one event."""

from __future__ import annotations

import pytest

from builders import actor, code, place
from kharita import nlp
from kharita.events.retold import headline_end, merge_headline, merge_retold, same_happening
from kharita.model import ActorMention, Document, Event, EventActor, Place, Quantity, Span


@pytest.fixture(scope="module")
def parser():
    return nlp.load()


def _mention(text: str, doc_text: str, actor_id: str, n: int = 0) -> ActorMention:
    return actor(text, doc_text, actor_id, 2, "REB", n)


def _town(text: str, doc_text: str, gid: int, lat: float, lon: float, n: int = 0) -> Place:
    return place(text, doc_text, gid, n, lat=lat, lon=lon, country="SD", admin1="North Darfur")


def _code(parser, text: str, title: str | None, actors=(), places=()) -> Document:
    return code(parser, text, actors, places, id="h", title=title)


TEXT = ("RSF shelling kills 14 in El Fasher\n\n"
        "The Rapid Support Forces shelled a market in El Fasher on Monday, killing 14 people, "
        "medics said.")


def _annotations(text: str) -> tuple[list[ActorMention], list[Place]]:
    return ([_mention("RSF", text, "rsf"), _mention("Rapid Support Forces", text, "rsf")],
            [_town("El Fasher", text, 379555, 13.63, 25.35), _town("El Fasher", text, 379555, 13.63, 25.35, 1)])


def test_headline_event_is_folded_into_the_body_event(parser):
    actors, places = _annotations(TEXT)
    doc = _code(parser, TEXT, "RSF shelling kills 14 in El Fasher", actors, places)
    assaults = [e for e in doc.events if e.type == "ASSAULT"]
    assert len(assaults) == 1, [(e.trigger.text, e.evidence.text) for e in assaults]
    ev = assaults[0]
    assert ev.evidence.start > len("RSF shelling kills 14 in El Fasher")  # the body leads
    assert any(s.text.startswith("RSF shelling kills 14") for s in ev.more_evidence)
    for span in ev.more_evidence:
        assert doc.text[span.start:span.end] == span.text


def test_without_a_title_the_first_line_is_not_a_headline(parser):
    actors, places = _annotations(TEXT)
    doc = _code(parser, TEXT, None, actors, places)
    assert len([e for e in doc.events if e.type == "ASSAULT"]) == 2


def test_headline_about_another_place_stays_its_own_event(parser):
    text = ("RSF shelling kills 14 in Nyala\n\n"
            "The Rapid Support Forces shelled a market in El Fasher on Monday, killing 14 people.")
    actors = [_mention("RSF", text, "rsf"), _mention("Rapid Support Forces", text, "rsf")]
    places = [_town("Nyala", text, 364933, 12.05, 24.88), _town("El Fasher", text, 379555, 13.63, 25.35)]
    doc = _code(parser, text, "RSF shelling kills 14 in Nyala", actors, places)
    assert len([e for e in doc.events if e.type == "ASSAULT"]) == 2


def _ea(actor_id: str) -> EventActor:
    return EventActor(role="actor1", actor_id=actor_id, name=actor_id, text=actor_id, start=0, end=3)


def _event(eid: str, start: int, end: int, **kw) -> Event:
    return Event(id=eid, doc_id="d", type=kw.pop("type", "ASSAULT"),
                 evidence=Span("x" * (end - start), start, end), **kw)


@pytest.mark.parametrize("head,body,same", [
    ({}, {}, True),
    ({"type": "PROTEST"}, {}, False),
    ({"modality": "planned"}, {}, False),
    ({"fatalities": Quantity(14, 14, 14)}, {"fatalities": Quantity(12, 14, 20)}, True),
    ({"fatalities": Quantity(3, 3, 3)}, {"fatalities": Quantity(14, 14, 14)}, False),
    ({"date": "2024-03-01"}, {"date": "2024-03-02"}, False),
    ({"actors": [_ea("rsf")]},
     {"actors": [_ea("saf")]}, False),
    ({"actors": [_ea("rsf")]}, {"actors": []}, True),
])
def test_same_happening_rules(head, body, same):
    assert same_happening(_event("h", 0, 10, **head), _event("b", 20, 40, **body)) is same


def test_merge_fills_what_the_body_left_empty():
    doc = Document(id="d", text="Headline here\nBody sentence of the article.", title="Headline here")
    assert headline_end(doc) == len("Headline here")
    head = _event("h", 0, 13, fatalities=Quantity(5, 5, 5),
                  actors=[_ea("rsf")])
    body = _event("b", 14, 43)
    out = merge_headline([head, body], doc)
    assert out == [body]
    assert body.fatalities.best == 5 and body.actors[0].actor_id == "rsf"
    assert body.more_evidence == [head.evidence]


def _placed(eid: str, start: int, gid: int = 379555, **kw) -> Event:
    loc = Place(text="El Fasher", start=0, end=9, name="El Fasher", geonameid=gid, precision=1)
    kw.setdefault("actors", [_ea("rsf")])
    return _event(eid, start, start + 10, location=loc, **kw)


def test_a_body_event_told_again_is_folded_into_the_first_telling():
    first, again = _placed("a", 0), _placed("b", 50, fatalities=Quantity(3, 3, 3))
    assert merge_retold([first, again]) == [first]
    assert first.more_evidence == [again.evidence] and first.fatalities.best == 3


@pytest.mark.parametrize("change", [
    {"gid": 364933},                              # another town
    {"actors": [_ea("saf")]},                     # another actor
    {"actors": []},                               # nobody named: cannot tell
    {"modality": "negated"},
    {"date": "2024-03-02"},
    {"kind": "movement"},
    {"type": "PROTEST"},
])
def test_events_that_differ_in_anything_are_kept_apart(change):
    first = _placed("a", 0, date="2024-03-01")
    change = {"date": "2024-03-01", **change}
    assert len(merge_retold([first, _placed("b", 50, **change)])) == 2


def test_a_headline_typed_differently_by_the_same_doer_is_still_folded():
    head = _event("h", 0, 10, acled_event_type="Battles", actors=[_ea("israel")])
    body = _event("b", 20, 40, acled_event_type="Explosions/Remote violence", actors=[_ea("israel")])
    assert same_happening(head, body)
    assert not same_happening(_event("h", 0, 10, acled_event_type="Battles"), body)


def test_a_country_headline_contains_a_province_of_the_body():
    country = Place(text="Nigeria", start=0, end=7, name="Nigeria", geonameid=2328926, lat=10.0,
                    lon=8.0, country="NG", feature_code="PCLI", precision=3)
    province = Place(text="Kaduna", start=0, end=6, name="Kaduna", geonameid=2335722, lat=10.5,
                     lon=7.4, country="NG", feature_code="ADM1", admin1="Kaduna", precision=3)
    assert same_happening(_event("h", 0, 10, location=country), _event("b", 20, 40, location=province))


def test_a_place_guessed_from_the_focus_is_no_proof_of_one_place():
    # the second telling names no place: the document's main town is a guess, not the
    # same resolved place, so an analyst decides
    first, again = _placed("a", 0, date="2024-03-01"), _placed("b", 50, date="2024-03-01")
    again.location = Place(text="El Fasher", start=0, end=9, name="El Fasher", geonameid=379555, precision=3,
                           resolved_as="focus")
    assert len(merge_retold([first, again])) == 2
