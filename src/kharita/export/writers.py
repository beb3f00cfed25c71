"""Streaming writers: events in, one format out, one record at a time.

Each writer takes an iterable of :class:`~kharita.store.EventRow` and a text (or,
for Parquet, binary) file object, and returns how many records it wrote.  None
of them holds the whole dataset in memory.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from datetime import datetime
from typing import IO, Any

from kharita.export.records import (
    actor_name,
    actors_in,
    event_record,
    flat_record,
)
from kharita.model import Event, Place
from kharita.store import countries
from kharita.store.types import EventRow

# Modalities that say the event did not (or not yet) happen: ACLED codes only events
# that took place, so the ACLED export leaves these out unless asked for all events.
NOT_HAPPENED = ("negated", "denied", "planned", "threatened", "hypothetical")


def write_jsonl(rows: Iterable[EventRow], out: IO[str]) -> int:
    """One event per line: the Event JSON contract plus url/title/published."""
    n = 0
    for row in rows:
        out.write(json.dumps(event_record(row), ensure_ascii=False) + "\n")
        n += 1
    return n


# ---------------------------------------------------------------- ACLED CSV

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "iso", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "timestamp",
]
KHARITA_COLUMNS = [
    "plover_type", "kind", "modality", "confidence", "background", "aggregate", "doc_id", "url",
    "evidence_start", "evidence_end",
]

_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence; Demonstrations",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}


def acled_eligible(event: Event, all_events: bool = False) -> bool:
    """By default: events with an ACLED type whose modality says they happened."""
    if all_events:
        return True
    return bool(event.acled_event_type) and event.modality not in NOT_HAPPENED


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two inter codes, lower first (sole actor: inter1 * 10)."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    lo, hi = sorted((inter1, inter2))
    return lo * 10 + hi


def _timestamp(ingested_at: str | None) -> int | None:
    if not ingested_at:
        return None
    try:
        return int(datetime.fromisoformat(ingested_at).timestamp())
    except ValueError:
        return None


def acled_row(row: EventRow) -> dict[str, Any]:
    """One event in ACLED's column names, then kharita's own columns."""
    flat = flat_record(row)
    e = row.event
    iso2 = flat["country_code"]
    a1 = actors_in(e, "actor1") or actors_in(e, "mover")
    a2 = actors_in(e, "actor2")
    inter1 = a1[0].inter if a1 else None
    inter2 = a2[0].inter if a2 else None
    return {
        "event_id_cnty": e.id,
        "event_date": e.date,
        "year": e.date[:4] if e.date else None,
        "time_precision": e.date_precision,
        "disorder_type": _DISORDER.get(e.acled_event_type or ""),
        "event_type": e.acled_event_type,
        "sub_event_type": e.acled_sub_event_type,
        "actor1": actor_name(a1[0]) if a1 else None,
        "assoc_actor_1": flat["assoc_actor_1"],
        "inter1": inter1,
        "actor2": actor_name(a2[0]) if a2 else None,
        "assoc_actor_2": flat["assoc_actor_2"],
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "iso": countries.numeric(iso2),
        "country": countries.name(iso2),
        "admin1": flat["admin1"],
        "admin2": flat["admin2"],
        "admin3": None,
        "location": flat["location"],
        "latitude": flat["latitude"],
        "longitude": flat["longitude"],
        "geo_precision": flat["geo_precision"],
        "source": row.source or row.site,
        "source_scale": None,
        "notes": flat["evidence"],
        "fatalities": e.fatalities.best if e.fatalities else 0,
        "timestamp": _timestamp(row.ingested_at),
        "plover_type": e.type,
        "kind": e.kind,
        "modality": e.modality,
        "confidence": e.confidence,
        "background": int(bool(e.background)),
        "aggregate": int(bool(e.aggregate)),
        "doc_id": e.doc_id,
        "url": row.url,
        "evidence_start": flat["evidence_start"],
        "evidence_end": flat["evidence_end"],
    }


def write_acled_csv(rows: Iterable[EventRow], out: IO[str], all_events: bool = False) -> int:
    """ACLED-shaped CSV (see docs/cli.md for which events are included)."""
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS + KHARITA_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        if acled_eligible(row.event, all_events):
            writer.writerow({k: spreadsheet_safe(v) for k, v in acled_row(row).items()})
            n += 1
    return n


# What a spreadsheet takes for the start of a formula (OWASP's "CSV injection" list).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula, with a ``'`` in front.

    Sources, URLs, evidence sentences and caller ids come from articles: a cell
    ``=HYPERLINK(...)`` must open as text.  Numbers are left alone (a negative
    longitude stays a number).
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


# ---------------------------------------------------------------- GeoJSON


def _located(p: Place | None) -> bool:
    return p is not None and p.lat is not None and p.lon is not None


def geojson_features(row: EventRow) -> list[dict[str, Any]]:
    """A Point at the event's location; a movement also gets a LineString per destination.

    The line runs origin -> route places -> destination (GeoJSON order: lon, lat).
    """
    e = row.event
    props = event_record(row)
    features: list[dict[str, Any]] = []
    if _located(e.location):
        assert e.location is not None
        features.append(_feature({"type": "Point", "coordinates": [e.location.lon, e.location.lat]},
                                 props, "location"))
    if e.kind == "movement" and _located(e.origin):
        assert e.origin is not None
        via = [[p.lon, p.lat] for p in e.route if _located(p)]
        for dest in e.destinations:
            if _located(dest):
                coords = [[e.origin.lon, e.origin.lat], *via, [dest.lon, dest.lat]]
                features.append(_feature({"type": "LineString", "coordinates": coords},
                                         props, "movement"))
    return features


def _feature(geometry: dict[str, Any], props: dict[str, Any], role: str) -> dict[str, Any]:
    return {"type": "Feature", "geometry": geometry,
            "properties": {**props, "geometry_role": role}}


def write_geojson(rows: Iterable[EventRow], out: IO[str]) -> int:
    """A FeatureCollection, written feature by feature; unlocated events are left out."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for row in rows:
        for feature in geojson_features(row):
            out.write((",\n" if n else "") + json.dumps(feature, ensure_ascii=False))
            n += 1
    out.write("\n]}\n")
    return n
