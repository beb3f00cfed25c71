"""Byte streams for readers: transparent gzip, a peekable head, format sniffing.

Readers never hold a whole large input in memory: they look at the first
``HEAD_BYTES`` to decide the format, then stream the rest line by line (JSONL)
or record by record (WARC).  Single-document formats (HTML, text, feeds) are
read whole, but only after a size check against ``max_bytes``.
"""

from __future__ import annotations

import gzip
import io
import re
from typing import BinaryIO

HEAD_BYTES = 65_536
GZIP_MAGIC = b"\x1f\x8b"

# Format names used by the dispatcher.
HTML, TEXT, JSONL, WARC, FEED, JSON = "html", "text", "jsonl", "warc", "feed", "json"

_EXTENSIONS = {
    ".html": HTML, ".htm": HTML, ".xhtml": HTML, ".shtml": HTML,
    ".txt": TEXT, ".text": TEXT, ".md": TEXT,
    ".jsonl": JSONL, ".ndjson": JSONL, ".jsonlines": JSONL,
    ".warc": WARC, ".arc": WARC,
    ".rss": FEED, ".atom": FEED, ".rdf": FEED,
}

_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title)\b",
                         re.IGNORECASE | re.DOTALL)
_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)\b", re.IGNORECASE)
_TAGS = re.compile(rb"</?(p|div|br|span|a|table|h[1-6]|article|section|li)\b[^>]*>", re.IGNORECASE)


class PrefixedReader(io.RawIOBase):
    """A raw stream that first replays ``head`` and then continues with ``rest``.

    Lets a reader sniff the first bytes of a non-seekable stream (stdin, gzip)
    and still hand the whole stream to a parser.
    """

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._pos = 0
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._pos < len(self._head):
            n = min(len(buffer), len(self._head) - self._pos)
            buffer[:n] = self._head[self._pos : self._pos + n]
            self._pos += n
            return n
        chunk = self._rest.read(len(buffer))
        n = len(chunk)
        buffer[:n] = chunk
        return n


def read_head(stream: BinaryIO, size: int = HEAD_BYTES) -> bytes:
    """Read up to ``size`` bytes, looping over short reads (pipes)."""
    parts: list[bytes] = []
    got = 0
    while got < size:
        chunk = stream.read(size - got)
        if not chunk:
            break
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts)


def with_head(stream: BinaryIO) -> tuple[bytes, io.BufferedReader]:
    """Return the stream's head and a buffered stream that still starts at byte 0."""
    head = read_head(stream)
    return head, io.BufferedReader(PrefixedReader(head, stream), buffer_size=HEAD_BYTES)


def gzip_head(head: bytes, stream: BinaryIO) -> tuple[bytes, bool]:
    """The first decompressed bytes of a gzip stream, and whether it ended early.

    A truncated gzip file still tells its format from what it holds: a WARC's
    complete records before the cut can then be read.
    """
    reader = gzip.GzipFile(fileobj=io.BufferedReader(PrefixedReader(head, stream)), mode="rb")
    parts: list[bytes] = []
    got = 0
    try:
        while got < HEAD_BYTES:
            chunk = reader.read1(HEAD_BYTES - got)  # one decompression at a time: a cut costs little
            if not chunk:
                break
            parts.append(chunk)
            got += len(chunk)
    except EOFError:
        return b"".join(parts), True
    return b"".join(parts), False


def ungzip(head: bytes, stream: BinaryIO) -> tuple[bytes, io.BufferedReader]:
    """If ``head`` starts a gzip stream, return the decompressed head and stream."""
    if not head.startswith(GZIP_MAGIC):
        return head, io.BufferedReader(PrefixedReader(head, stream))
    raw = io.BufferedReader(PrefixedReader(head, stream))
    return with_head(gzip.GzipFile(fileobj=raw, mode="rb"))  # type: ignore[arg-type]


def looks_like_html(head: bytes) -> bool:
    """The content starts like an HTML document (whatever the file is called)."""
    return bool(_HTML_START.match(head.lstrip(b"\xef\xbb\xbf \t\r\n")[:4096]))


def format_from_name(name: str) -> str | None:
    """The format an extension promises (``.gz`` stripped), or None when unknown."""
    lower = name.lower()
    lower = lower.removesuffix(".gz")
    if lower.endswith((".warc", ".arc")):
        return WARC
    dot = lower.rfind(".")
    return _EXTENSIONS.get(lower[dot:]) if dot >= 0 else None


def sniff(head: bytes) -> str:
    """Guess the format from the first bytes (content, not name)."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"WARC/"):
        return WARC
    if stripped.startswith(b"{") and _first_line_is_json_object(stripped):
        return JSONL
    if stripped[:1] in (b"{", b"[") and stripped.rstrip()[-1:] in (b"}", b"]", b","):
        return JSON  # a pretty-printed JSON document: not something kharita reads
    sample = stripped[:4096]
    if sample.startswith((b"<?xml", b"<rss", b"<feed")) and _FEED_ROOT.search(sample):
        return FEED
    if _HTML_START.match(sample) or len(_TAGS.findall(stripped[:HEAD_BYTES])) >= 5:
        return HTML
    return TEXT


def _first_line_is_json_object(data: bytes) -> bool:
    import json

    line = data.split(b"\n", 1)[0]
    if len(line) >= HEAD_BYTES - 1:  # a huge first line: trust the brace
        return True
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def human_size(n: int) -> str:
    """Bytes as a short human-readable size (``52.4 MB``)."""
    size = float(n)
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            if unit == "bytes":
                return f"{int(size)} bytes"
            return f"{size:.1f}".removesuffix(".0") + f" {unit}"
        size /= 1000
    return f"{n} bytes"
