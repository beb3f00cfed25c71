"""Format readers: each turns one opened input into RawDocuments or Failures.

Every reader takes a ``label`` (how the input is named in messages and in
``RawDocument.input``) and never raises for bad content: it yields a
:class:`~kharita.model.Failure` and carries on with the next line or record.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import re
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, BinaryIO

from kharita.ingest.encoding import DecodeError, declared_charset, decode, header_charset
from kharita.ingest.streams import human_size
from kharita.model import Failure, RawDocument

log = logging.getLogger(__name__)

Item = RawDocument | Failure
_META_FIELDS = ("url", "title", "published", "source", "language")
_HTML_TYPES = ("text/html", "application/xhtml")


def too_big(size: int | None, max_bytes: int, what: str = "file") -> str:
    """The user-facing reason for an input over the size limit (size None: not known)."""
    limit = f"the {human_size(max_bytes)} limit (raise it with --max-bytes)"
    if size is None:
        return f"{what} is larger than {limit}"
    return f"{what} is {human_size(size)}, larger than {limit}"


def single_document(label: str, data: bytes, fmt: str, encoding_hint: str | None = None) -> Item:
    """A whole HTML or plain-text document already in memory (size-checked)."""
    if not data.strip():
        return Failure(label, "empty file")
    declared = [encoding_hint]
    if fmt == "html":
        declared.append(declared_charset(data))
    try:
        text, enc = decode(data, declared)
    except DecodeError as exc:
        return Failure(label, str(exc))
    if not text.strip():
        return Failure(label, "empty file")
    if fmt == "html":
        return RawDocument(input=label, html=text, encoding=enc)
    return RawDocument(input=label, text=text, encoding=enc)


# --------------------------------------------------------------------- JSONL


def read_jsonl(stream: BinaryIO, label: str, max_bytes: int) -> Iterator[Item]:
    """One document per line; a bad line is a Failure named ``label:LINENO``."""
    lineno = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        lineno += 1
        where = f"{label}:{lineno}"
        if len(line) > max_bytes and not line.endswith(b"\n"):
            size = len(line) + _skip_line(stream)
            yield Failure(where, too_big(size, max_bytes, "line"))
            continue
        if not line.strip():
            continue
        yield jsonl_record(where, line, first=lineno == 1)


def _skip_line(stream: BinaryIO) -> int:
    """Discard the rest of an over-long line without holding it; return its length."""
    skipped = 0
    while True:
        chunk = stream.readline(1 << 20)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def jsonl_record(where: str, line: bytes, first: bool = False) -> Item:
    """Parse one JSON Lines record into a RawDocument."""
    try:
        text = line.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError as exc:
        return Failure(where, f"undecodable bytes: JSON Lines must be UTF-8 ({exc.reason})")
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        return Failure(where, f"malformed JSON line: {exc.msg} (column {exc.colno})")
    if not isinstance(obj, dict):
        return Failure(where, f"malformed JSON line: expected an object, got {type(obj).__name__}")
    for key in ("text", "html"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            return Failure(where, f"JSON line's '{key}' must be a string, not {type(obj[key]).__name__}")
    html, body = obj.get("html"), obj.get("text")
    if not (html and html.strip()) and not (body and body.strip()):
        return Failure(where, "JSON line has no 'text' or 'html' field with content")
    bad = _bad_field(obj)
    if bad:
        return Failure(where, bad)
    meta = {k: _string(obj.get(k)) for k in _META_FIELDS}
    meta["published"] = _published(obj.get("published"))
    doc_id = obj.get("id")
    # The caller's own text wins over HTML: offsets then refer to what they sent.
    has_text = bool(body and body.strip())
    return RawDocument(
        input=where,
        html=None if has_text else html,
        text=body if has_text else None,
        id=None if doc_id is None or doc_id == "" else str(doc_id),
        **meta,
    )


def _bad_field(obj: dict[str, Any]) -> str | None:
    """Why a metadata field cannot be used as given, or None.

    An id or title given as an object or list would otherwise be stored as a
    Python repr (and an id of ``true`` as "True"); the caller gets the line back.
    """
    doc_id = obj.get("id")
    if doc_id is not None and (isinstance(doc_id, bool) or not isinstance(doc_id, str | int)):
        return f"JSON line's 'id' must be a string or an integer, not {type(doc_id).__name__}"
    for key in _META_FIELDS:
        value = obj.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, str | int | float)):
            return f"JSON line's '{key}' must be a string, not {type(value).__name__}"
    return None


def _published(value: Any) -> str | None:
    """A JSONL ``published`` value as text; Unix timestamps become ISO datetimes.

    Text is passed on as written: the text stage parses it, and says so on the
    document when it is not a date.
    """
    if isinstance(value, int | float) and 0 < value < 1e11:
        return datetime.fromtimestamp(value, tz=UTC).isoformat()
    return _string(value)


def _string(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


# ---------------------------------------------------------------------- WARC


def read_warc(stream: BinaryIO, label: str, max_bytes: int) -> Iterator[Item]:
    """HTML response records of a WARC (plain or gzipped), one document each.

    A record cut short (a crawl interrupted, a partial download) is named as a
    Failure, never stored as a short document; the complete records before it
    are read as usual.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    n = found = end = 0
    archive = ArchiveIterator(stream)
    records = iter(archive)
    try:
        while True:
            item, more, end = _next_warc_item(archive, records, label, n + 1, max_bytes, end)
            if not more:
                break
            n += 1
            if item is not None:
                found += 1
                yield item
        tail = _bytes_read(archive) - end
        if tail > _RECORD_SEPARATOR:
            found += 1
            yield Failure(f"{label}#{n + 1}", f"truncated WARC record: the file ends {tail} "
                                              "bytes into a record that is not complete")
        if not found:
            what = "no WARC records found" if not n else f"no HTML pages among its {n} WARC records"
            yield Failure(label, what)
    except (ArchiveLoadFailed, ValueError, OSError, EOFError, zlib.error) as exc:
        yield Failure(f"{label}#{n + 1}", f"unreadable WARC record: {exc}")
    except Exception as exc:
        log.debug("warcio failed", exc_info=True)
        yield Failure(f"{label}#{n + 1}", f"unreadable WARC record: {type(exc).__name__}: {exc}")


# What may follow the last record of a complete uncompressed WARC ("\r\n\r\n").
_RECORD_SEPARATOR = 4


def _bytes_read(archive: Any) -> int:
    """How far into the (compressed) file warcio has read: all of it, at the end."""
    try:
        return int(archive.fh.tell())
    except (OSError, ValueError, AttributeError):
        return 0


def _next_warc_item(
    archive: Any, records: Iterator[Any], label: str, n: int, max_bytes: int, end: int
) -> tuple[Item | None, bool, int]:
    """The next record as an item (None if not a page), whether there was one, and
    where the last complete record ends in the file.

    warcio prints its warnings about malformed records straight to stderr; they
    are caught here (around warcio's own work only, never across a yield, so
    nothing else's output is swallowed) and logged instead.
    """
    captured = io.StringIO()
    with contextlib.redirect_stderr(captured):
        record = next(records, None)
        item = _warc_record(record, label, n, max_bytes) if record is not None else None
        if record is not None:
            end = archive.get_record_offset() + archive.get_record_length()
    if captured.getvalue():
        log.debug("%s: warcio: %s", label, captured.getvalue().strip())
    return item, record is not None, end


def _warc_record(record: Any, label: str, n: int, max_bytes: int) -> Item | None:
    """A RawDocument for an HTML response record; None for records that are not pages."""
    if record.rec_type not in ("response", "resource"):
        return None
    headers = record.http_headers
    ctype = (headers.get_header("Content-Type") if headers else None) or record.rec_headers.get_header(
        "Content-Type"
    ) or ""
    if not any(t in ctype.lower() for t in _HTML_TYPES):
        return None
    if headers is not None:
        status = headers.get_statuscode()
        if status and not status.startswith("2"):
            return None
    uri = record.rec_headers.get_header("WARC-Target-URI")
    where = f"{label}#{uri or n}"
    size = record.length or 0
    if size > max_bytes:
        return Failure(where, too_big(size, max_bytes, "WARC record"))
    data = record.content_stream().read(max_bytes + 1)
    if len(data) > max_bytes:
        return Failure(where, too_big(len(data), max_bytes, "WARC record"))
    missing = getattr(record.raw_stream, "limit", 0)
    if missing > 0:  # the file ended inside the record: only a part of the page is here
        return Failure(where, f"truncated WARC record: {missing} of its {size} bytes are missing")
    item = single_document(where, data, "html", header_charset(ctype))
    if isinstance(item, RawDocument):
        item.url = uri
    return item


# ----------------------------------------------------------------- RSS / Atom


def read_feed(data: bytes, label: str) -> Iterator[Item]:
    """Items of an RSS/Atom feed: full content where present, else the summary."""
    import feedparser

    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        reason = parsed.get("bozo_exception") or "no items"
        yield Failure(label, f"not a readable RSS/Atom feed: {reason}")
        return
    source = parsed.get("feed", {}).get("title") or None
    for i, entry in enumerate(entries, 1):
        yield _feed_item(entry, f"{label}#{i}", source)


def _feed_item(entry: Any, where: str, source: str | None) -> Item:
    body, is_html = _entry_body(entry)
    if not body or not body.strip():
        return Failure(where, "feed item has no content or summary")
    text = html_fragment_text(body) if is_html else body
    if not text.strip():
        return Failure(where, "feed item has no content or summary")
    return RawDocument(
        input=where,
        text=text,
        url=entry.get("link") or None,
        title=entry.get("title") or None,
        published=entry_date(entry),
        source=source,
    )


def _entry_body(entry: Any) -> tuple[str | None, bool]:
    """The longest full-content block, else the summary; and whether it is HTML."""
    contents = [c for c in entry.get("content") or [] if c.get("value")]
    if contents:
        best = max(contents, key=lambda c: len(c["value"]))
        return best["value"], "html" in (best.get("type") or "text/html")
    detail = entry.get("summary_detail") or {}
    summary = entry.get("summary")
    return summary, "html" in (detail.get("type") or "text/html")


def entry_date(entry: Any) -> str | None:
    """A feed item's date (published, else updated, else created) as ISO 8601 UTC; also
    the metadata `kharita watch` gives an article page it fetches from a feed."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return datetime(*parsed[:6], tzinfo=UTC).isoformat()
            except (TypeError, ValueError):
                continue
    return None


_BLOCKS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "section", "article", "table", "tr", "pre", "figure", "figcaption", "header", "footer", "hr",
}


def html_fragment_text(fragment: str) -> str:
    """Text of an HTML fragment with a paragraph break after each block element.

    Feed content is already the article (no page chrome), so a plain structural
    conversion is more faithful than boilerplate removal, which is tuned for
    whole pages and drops short fragments.
    """
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # noqa: BLE001 - lxml raises assorted errors on odd fragments
        return _TAG.sub(" ", fragment).strip()
    return element_text(root)


_TAG = re.compile(r"<[^>]{0,2000}>")


def element_text(root: Any) -> str:
    """Text of a parsed element, one paragraph per block element, scripts dropped."""
    from lxml import etree

    etree.strip_elements(root, "script", "style", "noscript", with_tail=False)
    parts: list[str] = []
    _walk(root, parts)
    return "".join(parts).strip()


def _walk(el: Any, parts: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    block = tag.lower() in _BLOCKS
    if block:
        parts.append("\n\n")
    if el.text and tag:
        parts.append(el.text)
    for child in el:
        _walk(child, parts)
        if child.tail:
            parts.append(child.tail)
    if block:
        parts.append("\n\n")
