"""Records the store hands out, shared by every backend (no SQL, no pipeline)."""

from __future__ import annotations

from dataclasses import dataclass

from kharita.model import Event


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
