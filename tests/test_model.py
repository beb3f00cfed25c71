"""The data model's JSON round-trip: the contract every output and the store rely on."""

from __future__ import annotations

import json

from conftest import make_airstrike_document, make_protest_document
from kharita.model import Document, Event, Place, Span, from_dict, to_dict


def test_document_round_trips_through_json() -> None:
    for doc in (make_airstrike_document(), make_protest_document()):
        again = Document.from_dict(json.loads(json.dumps(doc.to_dict())))
        assert again == doc
        assert again.to_dict() == doc.to_dict()


def test_nested_records_come_back_typed() -> None:
    doc = Document.from_dict(make_airstrike_document().to_dict())
    strike, move = doc.events
    assert isinstance(strike, Event) and isinstance(strike.location, Place)
    assert isinstance(strike.evidence, Span) and strike.fatalities.best == 5
    assert isinstance(move.destinations[0], Place) and move.actors[0].role == "mover"


def test_unknown_fields_are_ignored_so_old_readers_survive_new_fields() -> None:
    data = make_protest_document().to_dict()
    data["field_from_the_future"] = 1
    data["events"][0]["another_new_field"] = {"x": 1}
    doc = Document.from_dict(data)
    assert doc.id == "doc-sudan-1" and doc.events[0].type == "PROTEST"


def test_spans_point_into_the_text() -> None:
    doc = make_airstrike_document()
    spans = [p for p in doc.places] + [a for a in doc.actors]
    for e in doc.events:
        spans += [s for s in (e.evidence, e.trigger, e.attribution, e.date_text) if s]
        spans += e.actors
    for s in spans:
        assert doc.text[s.start:s.end] == s.text
    assert doc.span(0, 9) == Span(doc.text[:9], 0, 9)


def test_contract_names_present() -> None:
    """The JSON names the foundation issue promises (add freely, rename none)."""
    d = make_airstrike_document().to_dict()
    assert {"id", "url", "title", "source", "published", "language", "text", "places", "actors",
            "events", "duplicate_of"} <= set(d)
    assert {"text", "start", "end", "name", "geonameid", "lat", "lon", "feature_code", "country",
            "admin1", "admin2", "precision", "score"} <= set(d["places"][0])
    assert {"text", "start", "end", "actor_id", "name", "type", "sector", "country"} <= set(
        d["actors"][0])
    e = d["events"][0]
    assert {"id", "doc_id", "type", "mode", "acled_event_type", "acled_sub_event_type", "actors",
            "location", "origin", "destinations", "date", "date_precision", "modality",
            "attribution", "fatalities", "evidence", "confidence"} <= set(e)
    assert {"role", "actor_id", "name", "text", "start", "end"} <= set(e["actors"][0])
    assert set(e["fatalities"]) >= {"low", "best", "high"}
    assert set(e["evidence"]) == {"text", "start", "end"}
    assert to_dict(from_dict(Event, e)) == e


def test_reporting_fields_round_trip_typed() -> None:
    doc = make_airstrike_document()
    strike = doc.events[0]
    strike.mentions = [strike.evidence, Span(doc.text[:32], 0, 32)]
    strike.background, strike.aggregate = True, False
    doc.relevance = 0.87
    again = Document.from_dict(json.loads(json.dumps(doc.to_dict())))
    assert again.relevance == 0.87
    ev = again.events[0]
    assert ev.background is True and ev.aggregate is False
    assert all(isinstance(m, Span) for m in ev.mentions) and ev.mentions == strike.mentions
    # records written before these fields existed read back with their defaults
    old = doc.to_dict()
    del old["relevance"]
    for e in old["events"]:
        for name in ("mentions", "background", "aggregate"):
            del e[name]
    legacy = Document.from_dict(old)
    assert legacy.relevance is None and legacy.events[0].mentions == []
    assert legacy.events[0].background is False
