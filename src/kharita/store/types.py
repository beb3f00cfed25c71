"""Records the store hands out, shared by every backend (no SQL, no pipeline)."""

from __future__ import annotations

from dataclasses import dataclass

from kharita.model import Event, Place
from kharita.review import ReviewState


class StoreError(Exception):
    """A store that cannot be opened or queried; the message says what to do."""


@dataclass
class EventRow:
    """An event with the fields of its document that outputs carry beside it."""

    event: Event
    url: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None
    site: str | None = None
    ingested_at: str | None = None
    # set when read with reviews applied (Store.events(reviewed=True), Store.event)
    review: ReviewState | None = None


@dataclass
class StoredFailure:
    input: str
    reason: str
    stage: str
    time: str


@dataclass
class StoredVersion:
    """What the store holds under a document id: enough for the runner to decide
    whether coding the same input again could change anything."""

    content_hash: str | None
    warnings: list[str]


def map_place(e: Event) -> Place | None:
    """Where the map draws an event: its location; a movement without one, its origin,
    else its first destination; only a place with coordinates counts."""
    for p in (e.location, e.origin, *e.destinations, *e.route):
        if p is not None and p.lat is not None and p.lon is not None:
            return p
    return None
