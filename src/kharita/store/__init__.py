"""The store: documents, annotations and failures, saved idempotently and queried.

    from kharita.store import EventFilter, open_store
    with open_store(path_or_url) as store:       # SQLite file, or postgresql://...
        store.save(document)                     # one transaction per document
        for row in store.events(EventFilter(country="YE", since="2024-03-01")):
            print(row.event.type, row.url)

:class:`Store` is the interface (``base.py``); :class:`SQLiteStore` (``db.py``,
the default) and :class:`~kharita.store.postgres.PostgresStore` (``postgres.py``)
implement it.  All of kharita's SQL lives in this package; the store never runs
the pipeline (the runner, :mod:`kharita.runner`, does and hands it documents).
"""

from __future__ import annotations

import os
from pathlib import Path

from kharita.store.base import Store
from kharita.store.db import SQLiteStore
from kharita.store.query import EventFilter, Near, QueryError
from kharita.store.types import EventRow, StoredFailure, StoredVersion, StoreError

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres_url(target: str | Path) -> bool:
    return str(target).startswith(POSTGRES_SCHEMES)


def open_store(target: str | Path | None = None, create: bool = True,
               timeout: float | None = None) -> Store:
    """The store at ``target``: a ``postgresql://`` URL opens PostgreSQL, anything else
    is a SQLite file.  None means ``$KHARITA_DB``, else the SQLite file in the user
    data directory.  ``create=False`` opens read-only and never creates a store."""
    if target is None or str(target) == "":
        from kharita.settings import default_db_path

        target = os.environ.get("KHARITA_DB") or default_db_path()
    if is_postgres_url(target):
        from kharita.store.postgres import PostgresStore

        return PostgresStore(str(target), create=create, timeout=timeout)
    return SQLiteStore(target, create=create, timeout=timeout)


__all__ = ["EventFilter", "EventRow", "Near", "QueryError", "SQLiteStore", "Store", "StoreError",
           "StoredFailure", "StoredVersion", "is_postgres_url", "open_store"]
