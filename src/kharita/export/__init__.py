"""Exports: stored events out as JSON Lines, ACLED-shaped CSV, GeoJSON or Parquet.

    from kharita.export import export
    with Store(path) as store, open("events.csv", "w") as out:
        export(store.events(), "acled-csv", out)

Writers stream: they take an iterable of :class:`~kharita.store.EventRow`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO, Any

from kharita.export.parquet import write_parquet
from kharita.export.records import event_record, flat_record
from kharita.export.writers import write_acled_csv, write_geojson, write_jsonl
from kharita.review import Review
from kharita.store.types import EventRow

FORMATS = ("jsonl", "acled-csv", "geojson", "parquet")
# ``reviews`` is written from the reviews themselves (write_reviews), not from rows.
ALL_FORMATS = (*FORMATS, "reviews")
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


def without_rejected(rows: Iterable[EventRow]) -> Iterator[EventRow]:
    """Rows read with reviews applied, less the events whose latest verdict is wrong."""
    for row in rows:
        if row.review is None or row.review.verdict != "wrong":
            yield row


def write_reviews(rows: Iterable[EventRow], reviews: dict[str, list[Review]], out: IO[str]) -> int:
    """The reviewed events as gold, one JSON line each: the event with its corrections
    applied (the Event contract plus url/title/published) and ``review``: its status,
    latest verdict, corrected fields and every review made (who, when, old -> new).
    ``rows`` are read with reviews applied; events without reviews are skipped."""
    import json

    n = 0
    for row in rows:
        mine = reviews.get(row.event.id)
        if not mine or row.review is None:
            continue
        record = event_record(row)
        record["review"] = {**row.review.to_dict(), "history": [r.to_dict() for r in mine]}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


__all__ = ["ALL_FORMATS", "BINARY_FORMATS", "FORMATS", "event_record", "export", "flat_record",
           "without_rejected", "write_reviews"]
