"""Ingest stage: readers for files, directories, stdin, JSONL, WARC and feeds.

``read_inputs`` streams one :class:`~kharita.model.RawDocument` or
:class:`~kharita.model.Failure` per document, in input order.  Formats:

* ``.html`` / ``.htm`` (also ``.gz``) and ``.txt`` — one document per file;
* ``.jsonl`` (also ``.jsonl.gz``) — one document per line, streamed; fields
  ``id``, ``text`` or ``html``, optional ``url``, ``title``, ``published``,
  ``source``, ``language``; a bad line is named ``path:LINENO``;
* WARC (``.warc``, ``.warc.gz``) — HTML response records, streamed; named
  ``path#<target URI>`` (or ``path#<record number>``);
* RSS / Atom feeds — one document per item (``path#<item number>``);
* directories (recursive, sorted, hidden entries skipped) and ``-`` (stdin).

Unknown extensions are sniffed from the content.  Nothing here raises for bad
input: binary, empty, undecodable, missing or over-size inputs come out as
Failures with a reason, and the batch carries on.
"""

from __future__ import annotations

import io
import logging
import os
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from kharita.ingest import readers
from kharita.ingest.encoding import looks_binary
from kharita.ingest.streams import (
    FEED,
    GZIP_MAGIC,
    HEAD_BYTES,
    HTML,
    JSON,
    JSONL,
    TEXT,
    WARC,
    PrefixedReader,
    format_from_name,
    gzip_head,
    looks_like_html,
    read_head,
    sniff,
    ungzip,
)
from kharita.model import Failure, RawDocument

__all__ = ["DEFAULT_MAX_BYTES", "read_inputs", "read_path", "read_stream"]

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 10_000_000
STDIN = "-"
SINGLE = (HTML, TEXT, FEED)  # formats that hold one document per file
Item = RawDocument | Failure


def read_inputs(inputs: Iterable[str], max_bytes: int | None = None) -> Iterator[Item]:
    """Yield one RawDocument (or Failure) per document found in ``inputs``, in order.

    ``max_bytes`` caps a single document (a file, a JSONL line, a WARC record);
    bigger ones are rejected without being read.  Default 10 MB.
    """
    limit = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    for name in inputs:
        if name == STDIN:
            yield from _guarded("<stdin>", read_stream(sys.stdin.buffer, "<stdin>", limit))
        else:
            yield from read_path(name, limit)


def read_path(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Documents from one path: a file or a directory tree."""
    if os.path.isdir(path):
        yield from _read_directory(path, max_bytes)
    elif not os.path.exists(path):
        yield Failure(path, "no such file or directory")
    else:
        yield from _guarded(path, _read_file(path, max_bytes))


def _guarded(label: str, items: Iterator[Item]) -> Iterator[Item]:
    """Turn an unexpected error inside a reader into a Failure instead of a traceback."""
    try:
        yield from items
    except (OSError, EOFError, zlib.error) as exc:
        log.debug("reader failed", exc_info=True)
        yield Failure(label, f"corrupt or truncated input: {exc}")
    except Exception as exc:
        log.debug("reader failed", exc_info=True)
        yield Failure(label, f"could not read input: {type(exc).__name__}: {exc}")


def _read_directory(root: str, max_bytes: int) -> Iterator[Item]:
    """Every file under ``root``, depth-first in sorted order, hidden entries skipped.

    A subdirectory that cannot be listed, and an entry that is not a regular file
    (a FIFO would block the run, a device never ends), are named as Failures.
    """
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append):
        yield from _walk_failures(errors)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = os.path.join(dirpath, name)
            kind = _special_kind(path)
            if kind:
                yield Failure(path, f"not a regular file ({kind}); name it on its own to read it")
                continue
            yield from _guarded(path, _read_file(path, max_bytes))
    yield from _walk_failures(errors)


def _walk_failures(errors: list[OSError]) -> Iterator[Failure]:
    """The directories os.walk could not list since the last call, as Failures."""
    while errors:
        exc = errors.pop(0)
        yield Failure(exc.filename or "?", f"cannot read directory: {exc.strerror or exc}")


_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _special_kind(path: str) -> str | None:
    """What a path is when it is not a regular file or directory (None: regular, or gone)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # _read_file names the error
    return next((name for test, name in _KINDS if test(mode)), None)


def _read_file(path: str, max_bytes: int) -> Iterator[Item]:
    kind = _special_kind(path)
    if kind in ("a named pipe", "a character device"):  # `<(cmd)`, /dev/stdin: a stream
        yield from _read_special(path, max_bytes)
        return
    if kind:
        yield Failure(path, f"not a regular file ({kind})")
        return
    try:
        size = os.path.getsize(path)
        handle = open(path, "rb")  # noqa: SIM115 - closed below, generator-owned
    except OSError as exc:
        yield Failure(path, f"cannot open: {exc.strerror or exc}")
        return
    if size == 0:
        handle.close()
        yield Failure(path, "empty file")
        return
    single = format_from_name(path) in SINGLE and not path.lower().endswith(".gz")
    if single and size > max_bytes:
        handle.close()
        yield Failure(path, readers.too_big(size, max_bytes))
        return
    with handle:
        yield from _read_opened(handle, path, max_bytes, size)


def _read_special(path: str, max_bytes: int) -> Iterator[Item]:
    """A named pipe or character device given by name: read as a stream, like stdin."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below, generator-owned
    except OSError as exc:
        yield Failure(path, f"cannot open: {exc.strerror or exc}")
        return
    with handle:
        yield from read_stream(handle, path, max_bytes)


def _read_opened(handle: BinaryIO, path: str, max_bytes: int, size: int) -> Iterator[Item]:
    head = read_head(handle)
    by_name = format_from_name(path)
    if head.startswith(GZIP_MAGIC):
        plain_head, _ = gzip_head(head, handle)  # tolerates a cut: a WARC's records are read up to it
        handle.seek(0)
        if plain_head.lstrip().startswith(b"WARC/"):
            yield from readers.read_warc(handle, path, max_bytes)
            return
        plain_head, plain = ungzip(read_head(handle), handle)
        if by_name == WARC:
            by_name = None  # a .warc.gz that is not a WARC: trust the content
        yield from _dispatch(plain_head, plain, path, by_name, max_bytes, size=None)
        return
    handle.seek(0)
    yield from _dispatch(head, handle, path, by_name, max_bytes, size=size)


def read_stream(stream: BinaryIO, label: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Documents from a non-seekable byte stream (stdin): format sniffed from content."""
    head = read_head(stream)
    if not head.strip():
        yield Failure(label, "empty input")
        return
    if head.startswith(GZIP_MAGIC):
        # gzip (single or multi-member, as record-gzipped WARCs are) is undone
        # here; every format reader then sees plain bytes.
        head, plain = ungzip(head, stream)
    else:
        plain = io.BufferedReader(PrefixedReader(head, stream), buffer_size=HEAD_BYTES)
    yield from _dispatch(head, plain, label, None, max_bytes, size=None)


def _dispatch(
    head: bytes, stream: BinaryIO, label: str, by_name: str | None, max_bytes: int, size: int | None
) -> Iterator[Item]:
    """Route an opened (plain) stream to the reader for its format.

    ``size`` is the known byte size (plain files), or None when only reading
    will tell (gzip, stdin): then at most ``max_bytes + 1`` bytes are read.
    """
    fmt = by_name or sniff(head)
    if fmt == TEXT and looks_like_html(head):
        fmt = HTML  # a saved web page named .txt: its markup is not article text
    if fmt == JSON:
        yield Failure(label, "a JSON document, not JSON Lines (put one JSON object per line)")
        return
    if fmt == WARC:
        yield from readers.read_warc(stream, label, max_bytes)
        return
    if fmt != JSONL and size is not None and size > max_bytes:
        yield Failure(label, readers.too_big(size, max_bytes))
        return
    if looks_binary(head):
        yield Failure(label, "binary file, not text/HTML")
        return
    if fmt == JSONL:
        yield from readers.read_jsonl(stream, label, max_bytes)
        return
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield Failure(label, readers.too_big(None, max_bytes, "input"))
        return
    if fmt == FEED:
        yield from readers.read_feed(data, label)
        return
    yield readers.single_document(label, data, fmt)
