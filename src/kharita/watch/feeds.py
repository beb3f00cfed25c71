"""The feeds to follow (a feeds file, URLs) and what one fetched feed lists.

A feeds file holds one feed per line: its URL, then optionally a name and a
language (``lang=fr``); ``#`` starts a comment line::

    https://news.example.org/world/rss.xml   Example World News
    https://example.net/fr/feed.atom         Exemple Infos   lang=fr

The language is handed to the text stage as the documents' declared language
(so a French feed is stored as French without guessing); the name is the
documents' ``source`` and names the feed in messages.
"""

from __future__ import annotations

import hashlib
import re
import xml.sax
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kharita.ingest.encoding import looks_binary
from kharita.ingest.readers import entry_date
from kharita.ingest.streams import HTML, looks_like_html, sniff
from kharita.text.language import normalise_code
from kharita.watch.urls import clean_url, is_web_url

MAX_ITEMS = 1000  # items read from one feed document (the newest, in feed order)
MIN_EVERY = 60.0  # polling more often than once a minute is not polite
_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd]?)", re.IGNORECASE)
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


class FeedListError(ValueError):
    """A feeds argument that cannot be used; the message names it and says why."""


@dataclass(frozen=True)
class FeedSpec:
    """A feed to follow: URL, and the user's name and language for it."""

    url: str
    name: str | None = None
    language: str | None = None


@dataclass
class FeedItem:
    """One item of a feed: its identity, article link and metadata."""

    key: str  # the item's guid/id, else its link, else a hash of its title
    link: str | None  # cleaned http(s) link to the article page
    title: str | None = None
    published: str | None = None  # ISO 8601


@dataclass
class ParsedFeed:
    """What a fetched feed document lists; ``error`` says what was wrong with it."""

    title: str | None = None
    items: list[FeedItem] = field(default_factory=list)
    error: str | None = None


def read_feed_specs(args: Iterable[str]) -> list[FeedSpec]:
    """Feeds from the command line: each argument a feed URL or a feeds file.

    Raises FeedListError naming the argument (or ``file:line``) when one is unusable.
    """
    specs: dict[str, FeedSpec] = {}
    for arg in args:
        found = [FeedSpec(arg.strip())] if _looks_like_url(arg) else _read_file(arg)
        for spec in found:
            if not is_web_url(spec.url):
                raise FeedListError(f"{arg!r} is not an http(s) feed URL")
            specs.setdefault(spec.url, spec)  # a feed listed twice is followed once
    if not specs:
        raise FeedListError("no feed URLs given (name a feeds file or give feed URLs)")
    return list(specs.values())


def _looks_like_url(arg: str) -> bool:
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", arg.strip()))


def _read_file(path: str) -> list[FeedSpec]:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise FeedListError(f"{path}: no such feeds file (give a file of feed URLs, "
                            "or URLs starting with http:// or https://)") from None
    except IsADirectoryError:
        raise FeedListError(f"{path}: is a directory, not a feeds file") from None
    except UnicodeDecodeError:
        raise FeedListError(f"{path}: not a text file of feed URLs (not UTF-8)") from None
    except OSError as exc:
        raise FeedListError(f"{path}: cannot read: {exc.strerror or exc}") from None
    specs = [_line(path, n, line) for n, line in enumerate(text.splitlines(), 1)]
    found = [s for s in specs if s is not None]
    if not found:
        raise FeedListError(f"{path}: no feed URLs in it (one URL per line)")
    return found


def _line(path: str, lineno: int, line: str) -> FeedSpec | None:
    """``URL [NAME...] [lang=CODE]`` -> FeedSpec; blank and ``#`` lines -> None."""
    words = line.split()
    if not words or words[0].startswith("#"):
        return None
    url, rest = words[0], words[1:]
    if not is_web_url(url):
        raise FeedListError(f"{path}:{lineno}: {url[:100]!r} is not an http(s) feed URL")
    language = None
    name_words = []
    for word in rest:
        key, sep, value = word.partition("=")
        if sep and key.lower() in ("lang", "language"):
            language = normalise_code(value)
            if not language or not _LANGUAGE.match(language):
                raise FeedListError(f"{path}:{lineno}: unknown language {value!r} "
                                    "(give an ISO 639-1 code such as en, fr or ar)")
        else:
            name_words.append(word)
    return FeedSpec(url, " ".join(name_words) or None, language)


def parse_every(value: str) -> float:
    """``15m``, ``1h``, ``90s``, ``1h30m`` or plain seconds -> seconds (at least a minute)."""
    text = value.strip().lower().replace(" ", "")
    parts = _DURATION.findall(text)
    if not text or "".join(n + u for n, u in parts) != text:
        raise FeedListError(f"--every {value!r}: give a duration like 15m, 1h or 90s")
    total = sum(float(n) * _UNITS[u] for n, u in parts)
    if total < MIN_EVERY:
        raise FeedListError(f"--every {value!r}: at least 1m (polling more often is not polite)")
    return total


# ------------------------------------------------------------- one feed document


def parse_feed(data: bytes, url: str) -> ParsedFeed:
    """The items of a fetched RSS/Atom document, newest last; ``error`` when it is not
    a feed (an HTML page, binary) or its XML is malformed (the items the lenient
    parser still recovers are kept: they are complete)."""
    import feedparser

    head = data[:65_536]
    if not data.strip():
        return ParsedFeed(error="empty response, not an RSS/Atom feed")
    if looks_binary(head):
        return ParsedFeed(error="binary content, not an RSS/Atom feed")
    if looks_like_html(head) or sniff(head) == HTML:
        return ParsedFeed(error="an HTML page, not an RSS/Atom feed "
                                "(is this the site's address rather than its feed's?)")
    parsed = feedparser.parse(data, response_headers={"content-location": url})
    entries = parsed.get("entries") or []
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    out = ParsedFeed(title=_text(parsed.get("feed", {}).get("title")))
    out.items = [_item(e) for e in reversed(entries[:MAX_ITEMS])]
    if not parsed.get("version") and not entries:
        out.error = "not an RSS/Atom feed" + (f": {_reason(problem)}" if problem else "")
    elif isinstance(problem, xml.sax.SAXException):
        read = f"; {len(entries)} items read anyway" if entries else ""
        out.error = f"malformed XML: {_reason(problem)}{read}"
    return out


def _item(entry: Any) -> FeedItem:
    link = entry.get("link") or None
    link = clean_url(link) if link else None
    title = _text(entry.get("title"))
    key = entry.get("id") or entry.get("link") or _digest(title, entry.get("summary"))
    return FeedItem(key=str(key)[:2000], link=link, title=title, published=entry_date(entry))


def _digest(*parts: str | None) -> str:
    joined = "\x1f".join(p or "" for p in parts)
    return "sha1:" + hashlib.sha1(joined.encode("utf-8", "replace")).hexdigest()


def _text(value: Any) -> str | None:
    if not value:
        return None
    text = " ".join(str(value).split())
    return text or None


def _reason(exc: Any) -> str:
    if isinstance(exc, xml.sax.SAXParseException):
        return f"{exc.getMessage()} (line {exc.getLineNumber()}, column {exc.getColumnNumber()})"
    text = str(exc)
    return text[:200] or type(exc).__name__
