"""Ingest stage: readers for files, directories, stdin, JSONL, WARC and feeds.

Owner's TODO: implement the readers (placeholder until the text-stage work lands).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from kharita.model import Failure, RawDocument


def read_inputs(inputs: Iterable[str], max_bytes: int | None = None) -> Iterator[RawDocument | Failure]:
    """Yield one RawDocument (or Failure) per document found in ``inputs``, in order."""
    raise NotImplementedError
