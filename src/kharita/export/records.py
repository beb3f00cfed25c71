"""One event as an output record: the Event JSON contract, or a flat row.

Both carry the document fields a reader needs to check the event at its source
(``url``, ``title``, ``published``).  ``flat_record`` is the single flattening
that the tabular formats (ACLED CSV, Parquet) share, so their columns agree.
"""

from __future__ import annotations

import json
from typing import Any

from kharita.model import Event, EventActor, Place, to_dict
from kharita.store.types import EventRow

DOC_FIELDS = ("url", "title", "published")


def event_record(row: EventRow) -> dict[str, Any]:
    """The Event JSON contract (docs/data-model.md) plus the document's url/title/published."""
    record = to_dict(row.event)
    for name in DOC_FIELDS:
        record[name] = getattr(row, name)
    return record


def actors_in(event: Event, role: str) -> list[EventActor]:
    return [a for a in event.actors if a.role == role]


def actor_name(actor: EventActor) -> str:
    """The resolved actor name, or the words of the text when the actor is unresolved."""
    return actor.name or actor.text


def primary_place(event: Event) -> tuple[Place | None, str | None]:
    """Where to put an event on a map: its location; for a movement without one, its origin."""
    if event.location is not None:
        return event.location, "location"
    if event.origin is not None:
        return event.origin, "origin"
    for dest in event.destinations:
        return dest, "destination"
    return None, None


# Column order of the flat record (Parquet schema and the kharita part of the CSV).
FLAT_COLUMNS: list[tuple[str, str]] = [
    ("event_id", "string"), ("doc_id", "string"), ("type", "string"), ("kind", "string"),
    ("mode", "string"), ("cameo", "string"), ("acled_event_type", "string"),
    ("acled_sub_event_type", "string"), ("date", "string"), ("date_precision", "int"),
    ("modality", "string"), ("confidence", "float"), ("background", "bool"),
    ("aggregate", "bool"), ("mentions", "int"),
    ("actor1", "string"), ("actor1_id", "string"), ("inter1", "int"), ("assoc_actor_1", "string"),
    ("actor2", "string"), ("actor2_id", "string"), ("inter2", "int"), ("assoc_actor_2", "string"),
    ("movers", "string"),
    ("place_role", "string"), ("location", "string"), ("geonameid", "int"),
    ("latitude", "float"), ("longitude", "float"), ("country_code", "string"),
    ("admin1", "string"), ("admin2", "string"), ("geo_precision", "int"),
    ("origin", "string"), ("origin_latitude", "float"), ("origin_longitude", "float"),
    ("destinations", "string"),
    ("fatalities_low", "int"), ("fatalities_best", "int"), ("fatalities_high", "int"),
    ("injured_best", "int"), ("arrested_best", "int"),
    ("evidence", "string"), ("evidence_start", "int"), ("evidence_end", "int"),
    ("attribution", "string"), ("trigger", "string"),
    ("url", "string"), ("title", "string"), ("published", "string"), ("source", "string"),
    ("actors_json", "string"),
]


def _join(names: list[str]) -> str | None:
    return "; ".join(names) if names else None


def _first(actors: list[EventActor]) -> EventActor | None:
    return actors[0] if actors else None


def flat_record(row: EventRow) -> dict[str, Any]:
    """One flat row per event; lists become '; '-joined text, the actors also as JSON."""
    e = row.event
    a1, a2 = _first(actors_in(e, "actor1")), _first(actors_in(e, "actor2"))
    place, role = primary_place(e)
    rec: dict[str, Any] = {
        "event_id": e.id, "doc_id": e.doc_id, "type": e.type, "kind": e.kind, "mode": e.mode,
        "cameo": e.cameo, "acled_event_type": e.acled_event_type,
        "acled_sub_event_type": e.acled_sub_event_type, "date": e.date,
        "date_precision": e.date_precision, "modality": e.modality, "confidence": e.confidence,
        "background": bool(e.background), "aggregate": bool(e.aggregate),
        "mentions": len(e.mentions) or (1 if e.evidence else 0),
        "actor1": actor_name(a1) if a1 else None, "actor1_id": a1.actor_id if a1 else None,
        "inter1": a1.inter if a1 else None,
        "assoc_actor_1": _join([actor_name(a) for a in actors_in(e, "assoc_actor1")]),
        "actor2": actor_name(a2) if a2 else None, "actor2_id": a2.actor_id if a2 else None,
        "inter2": a2.inter if a2 else None,
        "assoc_actor_2": _join([actor_name(a) for a in actors_in(e, "assoc_actor2")]),
        "movers": _join([actor_name(a) for a in actors_in(e, "mover")]),
        "place_role": role,
        "origin": _place_name(e.origin),
        "origin_latitude": e.origin.lat if e.origin else None,
        "origin_longitude": e.origin.lon if e.origin else None,
        "destinations": _join([n for p in e.destinations if (n := _place_name(p))]),
        "evidence": e.evidence.text if e.evidence else None,
        "evidence_start": e.evidence.start if e.evidence else None,
        "evidence_end": e.evidence.end if e.evidence else None,
        "attribution": e.attribution.text if e.attribution else None,
        "trigger": e.trigger.text if e.trigger else None,
        "url": row.url, "title": row.title, "published": row.published, "source": row.source,
        "actors_json": json.dumps(to_dict(e.actors), ensure_ascii=False),
    }
    rec.update(_place_columns(place))
    rec.update(_quantity_columns(e))
    return rec


def _place_name(p: Place | None) -> str | None:
    return (p.name or p.text) if p is not None else None


def _place_columns(p: Place | None) -> dict[str, Any]:
    if p is None:
        return {k: None for k in ("location", "geonameid", "latitude", "longitude",
                                  "country_code", "admin1", "admin2", "geo_precision")}
    return {
        "location": _place_name(p), "geonameid": p.geonameid, "latitude": p.lat,
        "longitude": p.lon, "country_code": p.country, "admin1": p.admin1, "admin2": p.admin2,
        "geo_precision": p.precision,
    }


def _quantity_columns(e: Event) -> dict[str, Any]:
    f = e.fatalities
    return {
        "fatalities_low": f.low if f else None, "fatalities_best": f.best if f else None,
        "fatalities_high": f.high if f else None,
        "injured_best": e.injured.best if e.injured else None,
        "arrested_best": e.arrested.best if e.arrested else None,
    }
