"""Parquet export: the flat record, written in row groups so memory stays bounded."""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, Any

from kharita.export.records import FLAT_COLUMNS, flat_record
from kharita.store.types import EventRow

ROW_GROUP = 5000
# Rows per write of a partitioned dataset: each write adds one file to each partition
# it touches, so this bounds both memory and the number of files.
DATASET_CHUNK = 100_000


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


# Columns a dataset can be partitioned by: name -> its value for a flat record.
# Hive-style directories (country=YE/month=2024-03/part-0.parquet) that DuckDB, pandas,
# Spark and pyarrow read as columns; an event without the value goes to pyarrow's
# __HIVE_DEFAULT_PARTITION__ (read back as null).
def _month(r: dict[str, Any]) -> str | None:
    day = r.get("date") or (r.get("published") or "")[:10] or None
    return day[:7] if day and len(day) >= 7 else None


PARTITIONS: dict[str, Any] = {
    "country": lambda r: r.get("country_code"),
    "year": lambda r: (_month(r) or "")[:4] or None,
    "month": _month,
    "type": lambda r: r.get("type"),
}


class PartitionError(ValueError):
    """A --partition value that cannot be used; the message says which and why."""


def parse_partition(value: str) -> list[str]:
    names = [n.strip() for n in value.split(",") if n.strip()]
    bad = [n for n in names if n not in PARTITIONS]
    if not names or bad:
        raise PartitionError(f"--partition {value!r}: choose from {', '.join(PARTITIONS)} "
                             "(comma-separated, e.g. country,month)")
    if len(set(names)) != len(names):
        raise PartitionError(f"--partition {value!r}: a column is named twice")
    return names


def write_parquet_dataset(rows: Iterable[EventRow], directory: Any, partition: list[str]) -> int:
    """Every event as one flat row, in a hive-partitioned Parquet dataset under
    ``directory`` (which must not exist yet, or be empty); returns the rows written.

    Written into a temporary directory beside it and renamed into place when
    complete, so a failed export never leaves half a dataset.
    """
    import shutil
    import uuid
    from pathlib import Path

    import pyarrow as pa
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    target = Path(directory)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise PartitionError(f"{target}: exists and is not an empty directory; "
                             "give a new directory for a partitioned export")
    parts = pa.schema([(name, pa.string()) for name in partition])
    sch = pa.schema(list(schema()) + list(parts))
    count = 0

    def tables() -> Iterable[Any]:
        """Tables of DATASET_CHUNK rows, read here: the store's connection belongs to
        this thread, and pyarrow's writer pulls an iterator from threads of its own."""
        nonlocal count
        buf: list[dict[str, Any]] = []
        for row in rows:
            record = flat_record(row)
            for name in partition:
                record[name] = PARTITIONS[name](record)
            buf.append(record)
            count += 1
            if len(buf) >= DATASET_CHUNK:
                yield pa.Table.from_pylist(buf, schema=sch)
                buf = []
        if buf:
            yield pa.Table.from_pylist(buf, schema=sch)

    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        for k, table in enumerate(tables()):
            ds.write_dataset(
                table, tmp, format="parquet",
                partitioning=ds.partitioning(parts, flavor="hive"),
                basename_template=f"part-{k}-{{i}}.parquet",
                file_options=ds.ParquetFileFormat().make_write_options(compression="zstd"),
                existing_data_behavior="overwrite_or_ignore", use_threads=False,
                max_rows_per_group=ROW_GROUP,
            )
        if count == 0:  # an empty export still says what its columns are
            tmp.mkdir(parents=True, exist_ok=True)
            pq.write_table(pa.Table.from_pylist([], schema=schema()), tmp / "part-0.parquet")
        if target.exists():
            target.rmdir()
        tmp.rename(target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return count
