"""Parquet export: the flat record, written in row groups so memory stays bounded."""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, Any

from kharita.export.records import FLAT_COLUMNS, flat_record
from kharita.store.types import EventRow

ROW_GROUP = 5000


def schema() -> Any:
    import pyarrow as pa

    types = {"string": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    return pa.schema([(name, types[kind]) for name, kind in FLAT_COLUMNS])


def write_parquet(rows: Iterable[EventRow], out: IO[bytes]) -> int:
    """Every event as one flat row; the schema is fixed, so an empty export still has columns."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    sch = schema()
    n = 0
    buf: list[dict[str, Any]] = []
    with pq.ParquetWriter(out, sch, compression="zstd") as writer:
        for row in rows:
            buf.append(flat_record(row))
            n += 1
            if len(buf) >= ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(buf, schema=sch))
                buf = []
        if buf or n == 0:
            writer.write_table(pa.Table.from_pylist(buf, schema=sch))
    return n
