"""Exports: stored events out as JSON Lines, ACLED-shaped CSV, GeoJSON or Parquet.

    from kharita.export import export
    with Store(path) as store, open("events.csv", "w") as out:
        export(store.events(), "acled-csv", out)

Writers stream: they take an iterable of :class:`~kharita.store.EventRow`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, Any

from kharita.export.parquet import write_parquet
from kharita.export.records import event_record, flat_record
from kharita.export.writers import write_acled_csv, write_geojson, write_jsonl
from kharita.store.types import EventRow

FORMATS = ("jsonl", "acled-csv", "geojson", "parquet")
BINARY_FORMATS = ("parquet",)


def export(rows: Iterable[EventRow], fmt: str, out: IO[Any], all_events: bool = False) -> int:
    """Write ``rows`` to ``out`` in ``fmt``; return the number of records written.

    ``all_events`` only matters for ``acled-csv``, which by default keeps events
    with an ACLED type that happened (see :func:`kharita.export.writers.acled_eligible`).
    """
    if fmt == "jsonl":
        return write_jsonl(rows, out)
    if fmt == "acled-csv":
        return write_acled_csv(rows, out, all_events=all_events)
    if fmt == "geojson":
        return write_geojson(rows, out)
    if fmt == "parquet":
        return write_parquet(rows, out)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


__all__ = ["BINARY_FORMATS", "FORMATS", "event_record", "export", "flat_record"]
