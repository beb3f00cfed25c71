"""Analysts' reviews of events: a layer of its own over the machine's output.

A review is one act by one person at one time: a verdict on the event (``right`` or
``wrong``) or a correction of one field (``old`` -> ``new``).  Reviews are stored
apart from the events (:meth:`kharita.store.Store.add_review`) and applied on
reading, so the machine's output is never overwritten and a re-ingest keeps them.
The latest verdict and, per field, the latest correction win.

This module holds no SQL: it checks corrections and applies them to an Event.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from kharita.model import ACTOR_ROLES, PLOVER_TYPES, Event, EventActor, Place, Quantity, to_dict

VERDICTS = ("right", "wrong")
FIELDS = ("type", "acled_event_type", "acled_sub_event_type", "actors", "location", "date",
          "fatalities")
ACLED_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots",
               "Protests", "Strategic developments")
MAX_TEXT = 200


class ReviewError(ValueError):
    """A review that cannot be recorded; the message says which value and why."""


@dataclass
class Review:
    event_id: str
    doc_id: str
    reviewer: str
    at: str
    field: str | None = None  # None for a verdict
    old: Any = None
    new: Any = None
    verdict: str | None = None  # "right" | "wrong" for a verdict, None for a correction
    note: str | None = None
    id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)


@dataclass
class ReviewState:
    """What an event's reviews add up to."""

    verdict: str | None = None  # the latest verdict
    corrected: tuple[str, ...] = ()  # fields with a correction
    reviewers: tuple[str, ...] = ()

    @property
    def status(self) -> str:
        if self.verdict == "wrong":
            return "wrong"
        if self.corrected:
            return "corrected"
        return self.verdict or "unreviewed"

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "verdict": self.verdict, "corrected": list(self.corrected),
                "reviewers": list(self.reviewers)}


def check_reviewer(name: str | None) -> str:
    name = (name or "").strip()
    if not name or len(name) > 80 or not name.isprintable():
        raise ReviewError("reviewer: give a name of 1 to 80 printable characters")
    return name


def check_verdict(verdict: str) -> str:
    if verdict not in VERDICTS:
        raise ReviewError(f"verdict {verdict!r}: choose right or wrong")
    return verdict


def check_correction(field: str, value: Any) -> Any:
    """The correction's new value in its stored JSON form, or ReviewError."""
    if field not in FIELDS:
        raise ReviewError(f"field {field!r}: can correct {', '.join(FIELDS)}")
    check = _CHECKS[field]
    return check(value)


def _text(name: str, value: Any, allowed: tuple[str, ...] | None = None) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_TEXT:
        raise ReviewError(f"{name}: give a text of 1 to {MAX_TEXT} characters")
    value = value.strip()
    if allowed is not None and value not in allowed:
        raise ReviewError(f"{name} {value!r}: choose one of {', '.join(allowed)}")
    return value


def _type(value: Any) -> str:
    return _text("type", value.upper() if isinstance(value, str) else value, PLOVER_TYPES)


def _acled_type(value: Any) -> str:
    return _text("acled_event_type", value, ACLED_TYPES)


def _sub_type(value: Any) -> str:
    return _text("acled_sub_event_type", value)


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _date(value: Any) -> str:
    try:
        if not isinstance(value, str) or not _DAY.match(value):
            raise ValueError
        date.fromisoformat(value)
    except ValueError:
        raise ReviewError(f"date {value!r}: expected a real day as YYYY-MM-DD") from None
    return value


def _count(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10_000_000:
        raise ReviewError(f"{name} {value!r}: expected a whole number from 0")
    return value


def _fatalities(value: Any) -> dict[str, int]:
    if isinstance(value, dict):
        low, best, high = (_count("fatalities", value.get(k)) for k in ("low", "best", "high"))
        if not low <= best <= high:
            raise ReviewError("fatalities: expected low <= best <= high")
        return {"low": low, "best": best, "high": high}
    n = _count("fatalities", value)
    return {"low": n, "best": n, "high": n}


def _number(name: str, value: Any, lo: float, hi: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not lo <= value <= hi:
        raise ReviewError(f"{name} {value!r}: expected a number from {lo:g} to {hi:g}")
    return float(value)


def _location(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ReviewError("location: expected an object with name, lat, lon")
    out: dict[str, Any] = {
        "name": _text("location name", value.get("name")),
        "lat": _number("location lat", value.get("lat"), -90, 90),
        "lon": _number("location lon", value.get("lon"), -180, 180),
    }
    for key in ("country", "admin1", "admin2"):
        if value.get(key) not in (None, ""):
            out[key] = _text(f"location {key}", value[key])
    if value.get("geonameid") is not None:
        out["geonameid"] = _count("location geonameid", value["geonameid"])
    precision = value.get("precision", 1)
    if precision not in (1, 2, 3):
        raise ReviewError(f"location precision {precision!r}: expected 1, 2 or 3 (ACLED geo_precision)")
    out["precision"] = precision
    return out


def _actors(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list) or len(value) > 20:
        raise ReviewError("actors: expected a list of at most 20 {role, name}")
    out = []
    for a in value:
        if not isinstance(a, dict):
            raise ReviewError("actors: each actor is an object with role and name")
        item = {"role": _text("actor role", a.get("role"), ACTOR_ROLES),
                "name": _text("actor name", a.get("name"))}
        if a.get("actor_id") not in (None, ""):
            item["actor_id"] = _text("actor_id", a["actor_id"])
        out.append(item)
    return out


_CHECKS = {"type": _type, "acled_event_type": _acled_type, "acled_sub_event_type": _sub_type,
           "actors": _actors, "location": _location, "date": _date, "fatalities": _fatalities}


def field_value(event: Event, field: str) -> Any:
    """The event's current value of a reviewable field, in the JSON form reviews store."""
    value = getattr(event, field)
    if field == "actors":
        return [{k: v for k, v in (("role", a.role), ("name", a.name or a.text),
                                   ("actor_id", a.actor_id)) if v is not None} for a in value]
    if field == "fatalities" and value is not None:
        return {"low": value.low, "best": value.best, "high": value.high}
    if field == "location" and value is not None:
        return {k: v for k, v in to_dict(value).items()
                if k in ("name", "lat", "lon", "country", "admin1", "admin2", "geonameid",
                         "precision") and v is not None} | {"name": value.name or value.text}
    return value


def _set(event: Event, field: str, value: Any) -> None:
    """Put a checked correction on ``event``.  Corrected places and actors were not read
    in the text: they carry an empty span (``text == doc.text[0:0]``)."""
    if field == "actors":
        value = [EventActor(role=a["role"], actor_id=a.get("actor_id"), name=a["name"],
                            text="", start=0, end=0) for a in value]
    elif field == "location":
        value = Place(text="", start=0, end=0, resolved_as="review",
                      **{k: v for k, v in value.items()})
    elif field == "fatalities":
        value = Quantity(low=value["low"], best=value["best"], high=value["high"])
    setattr(event, field, value)


def state(reviews: list[Review]) -> ReviewState:
    verdict = None
    corrected: list[str] = []
    reviewers: list[str] = []
    for r in reviews:
        if r.verdict:
            verdict = r.verdict
        elif r.field and r.field not in corrected:
            corrected.append(r.field)
        if r.reviewer not in reviewers:
            reviewers.append(r.reviewer)
    return ReviewState(verdict, tuple(corrected), tuple(reviewers))


def apply(event: Event, reviews: list[Review]) -> Event:
    """A copy of ``event`` with its corrections applied (the latest per field wins).

    The machine's event is left as it is.  A verdict changes no field: exports that
    apply reviews leave out events whose latest verdict is ``wrong``.
    """
    out = copy.deepcopy(event)
    for r in reviews:  # in the order they were made: later ones win
        if r.field and r.event_id == event.id:
            _set(out, r.field, r.new)
    return out
