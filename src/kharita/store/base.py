"""The Store interface: what the CLI, the runner, ``kharita watch`` and the web app
call, whatever database holds the data.

Two backends implement it: :class:`~kharita.store.db.SQLiteStore` (one file, the
default) and :class:`~kharita.store.postgres.PostgresStore` (a shared PostgreSQL +
PostGIS database).  :func:`kharita.store.open_store` picks one from a path or URL.

A store only stores: it saves documents it is given (with the near-duplicate
signature the runner computed), answers queries, and remembers failed inputs.  It
never runs a stage and does not import the pipeline.
"""

from __future__ import annotations

import abc
from collections.abc import Iterator
from typing import Any, Self

from kharita.model import Document, Failure
from kharita.store.query import EventFilter
from kharita.store.types import EventRow, StoredFailure, StoredVersion

# Tables every backend has, counted by :meth:`Store.counts`.
COUNTED_TABLES = ("documents", "places", "actor_mentions", "events", "failures")


class Store(abc.ABC):
    """Documents, their annotations and failures, saved idempotently and queried.

    Use as a context manager, or call :meth:`close`.
    """

    #: How the store is named in messages (a path, or a URL without its password).
    location: str
    readonly: bool = False

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @abc.abstractmethod
    def close(self) -> None: ...

    # -- writing ---------------------------------------------------------

    @abc.abstractmethod
    def save(self, doc: Document, signature: bytes | None = None) -> None:
        """Store ``doc`` with all its annotations, replacing any copy under the same id,
        in one transaction, and clear a failure recorded for its input.  ``signature``
        is the document's near-duplicate signature, kept to seed later runs."""

    @abc.abstractmethod
    def record_failure(self, failure: Failure) -> None:
        """Remember why an input failed (one row per input, the latest reason wins)."""

    @abc.abstractmethod
    def clear_failure(self, input_name: str) -> None:
        """Forget a recorded failure: the input has since been read successfully."""

    # -- reading ---------------------------------------------------------

    @abc.abstractmethod
    def stored_version(self, doc_id: str) -> StoredVersion | None:
        """Content hash and warnings of the document stored under ``doc_id``, if any."""

    def has(self, doc_id: str) -> bool:
        """True when a document with this id is stored (in any version)."""
        return self.stored_version(doc_id) is not None

    @abc.abstractmethod
    def get(self, doc_id: str) -> Document | None:
        """The stored document with this id (or a unique id prefix), with annotations."""

    @abc.abstractmethod
    def ids_starting(self, prefix: str, limit: int = 6) -> list[str]:
        """Stored ids that start with ``prefix`` (at most ``limit``), sorted."""

    @abc.abstractmethod
    def documents(self) -> Iterator[Document]:
        """Every stored document in ingestion order, streamed."""

    @abc.abstractmethod
    def events(self, flt: EventFilter | None = None) -> Iterator[EventRow]:
        """Events matching ``flt`` (all when None): newest event date first, then in
        ingestion order, streamed."""

    @abc.abstractmethod
    def failures(self) -> list[StoredFailure]:
        """Recorded failures, oldest first."""

    @abc.abstractmethod
    def counts(self) -> dict[str, int]:
        """Row counts of :data:`COUNTED_TABLES`, for summaries."""

    @abc.abstractmethod
    def ids(self) -> set[str]:
        """Ids of every stored document."""

    @abc.abstractmethod
    def signatures(self, limit: int | None = None) -> Iterator[tuple[str, str, bytes | None, str | None]]:
        """(id, content_hash, signature, text) of stored documents that are not
        near-duplicates, most recent first; ``text`` only where no signature is stored."""

    # -- the watch log's SQL (kharita.store.feeds) ------------------------

    @abc.abstractmethod
    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Run one statement written with ``?`` placeholders in its own transaction
        and return its rows (empty for statements that return none).  Only the
        store package's own modules call it (``feeds.py``)."""
