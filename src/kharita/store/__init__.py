"""Embedded store: SQLite (WAL) with named migrations, idempotent upserts and FTS5.

    from kharita.store import Store, EventFilter
    with Store(path) as store:
        store.save(document)                     # one transaction per document
        for row in store.events(EventFilter(country="YE", since="2024-03-01")):
            print(row.event.type, row.url)

All SQL of kharita lives in this package; :mod:`kharita.store.batch` runs the
pipeline into a store with interrupt-safe, resumable commits.
"""

from __future__ import annotations

from kharita.store.db import EventRow, Store, StoredFailure, StoreError
from kharita.store.query import EventFilter, Near, QueryError

__all__ = ["EventFilter", "EventRow", "Near", "QueryError", "Store", "StoreError", "StoredFailure"]
