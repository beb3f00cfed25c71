"""A local news site for the watch tests: feeds, article pages, robots.txt on 127.0.0.1.

``NewsServer`` runs ``http.server`` in a thread on a free port of 127.0.0.1 (never
another address) and answers each path from a route the test sets: a fixed
:class:`Reply`, a list of replies served in turn (the last one repeats: "500,
500, then the feed"), or a function called per request (a feed that follows a
fake clock).  Every request is logged with its headers, so tests can say what
was fetched, how often, and with which validators (counts per path, headers of
the latest 100 requests: a thousand-cycle run keeps a flat memory).

Replies support what a well-behaved client must cope with: ETag / Last-Modified
and 304s, gzip, a delay before answering (a slow server), a body streamed in
chunks without a length (a 50 MB page), redirects and Retry-After.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self
from xml.sax.saxutils import escape

import pytest


@pytest.fixture(autouse=True)
def local_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """No proxy from the environment may carry a test's requests off 127.0.0.1
    (import this fixture into a test module to make it apply there)."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
                 "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


@dataclass
class Reply:
    """One HTTP answer."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    validators: bool = True  # send ETag/Last-Modified, answer 304 to a matching request
    gzip: bool = False  # gzip the body when the client accepts it
    chunks: Callable[[], Iterator[bytes]] | None = None  # streamed, no Content-Length


def redirect(location: str, status: int = 301) -> Reply:
    return Reply(status=status, headers={"Location": location}, validators=False)


Route = Reply | list[Reply] | Callable[[], Reply]


@dataclass
class Request:
    path: str
    headers: dict[str, str]


class NewsServer:
    """``with NewsServer() as site: site.route("/feed.xml", Reply(...)); site.url("/feed.xml")``."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.counts: Counter[str] = Counter()  # requests per path (query string included)
        self.requests: deque[Request] = deque(maxlen=100)  # the latest, with their headers
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str, reply: Route) -> None:
        with self._lock:
            self.routes[path] = list(reply) if isinstance(reply, list) else reply

    def hits(self, path: str) -> int:
        """How many requests asked for ``path`` (query string included in the path)."""
        with self._lock:
            return self.counts[path]

    def last(self, path: str) -> Request:
        """The latest request for ``path`` (its headers: validators, user agent)."""
        with self._lock:
            return next(r for r in reversed(self.requests) if r.path == path)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _reply_for(self, path: str, headers: dict[str, str]) -> Reply:
        with self._lock:
            self.counts[path] += 1
            self.requests.append(Request(path, headers))
            route = self.routes.get(path)
            if route is None:
                route = self.routes.get(path.split("?")[0])
            if isinstance(route, list):
                reply = route.pop(0) if len(route) > 1 else route[0]
            elif callable(route):
                reply = route()
            elif route is None:
                reply = Reply(b"not found", status=404, content_type="text/plain")
            else:
                reply = route
        return reply


def _handler(site: NewsServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out at once, no delayed-ACK stall

        def do_GET(self) -> None:
            reply = site._reply_for(self.path, {k.lower(): v for k, v in self.headers.items()})
            if reply.delay:
                time.sleep(reply.delay)
            try:
                self._answer(reply)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the client gave up (timeout, size cap)

        def _answer(self, reply: Reply) -> None:
            body = reply.body
            headers = dict(reply.headers)
            if reply.validators and reply.status == 200 and reply.chunks is None:
                etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                stamp = formatdate(1_700_000_000 + int(hashlib.sha1(body).hexdigest()[:6], 16),
                                   usegmt=True)
                headers.update({"ETag": etag, "Last-Modified": stamp})
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
            if reply.gzip and "gzip" in (self.headers.get("Accept-Encoding") or ""):
                body = gzip.compress(body)
                headers["Content-Encoding"] = "gzip"
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            for k, v in headers.items():
                self.send_header(k, v)
            if reply.chunks is not None:
                self.send_header("Connection", "close")
                self.end_headers()
                for chunk in reply.chunks():
                    self.wfile.write(chunk)
                self.close_connection = True
                return
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

    return Handler


# ------------------------------------------------------------------ content


def rss(items: list[dict[str, str]], title: str = "Example Wire") -> Reply:
    """An RSS 2.0 feed; each item: ``guid``, ``link``, ``title``, ``date`` (RFC 822), ``summary``."""
    parts = [(f"<?xml version='1.0' encoding='utf-8'?>\n<rss version='2.0'><channel>"
             f"<title>{escape(title)}</title><link>http://127.0.0.1/</link>"
             "<description>Illustrative feed written for the kharita tests</description>")]
    for item in items:
        parts.append("<item>")
        for tag, key in (("guid", "guid"), ("link", "link"), ("title", "title"),
                         ("pubDate", "date"), ("description", "summary")):
            if item.get(key):
                parts.append(f"<{tag}>{escape(item[key])}</{tag}>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return Reply("".join(parts).encode("utf-8"), content_type="application/rss+xml; charset=utf-8")


def article(title: str, paragraphs: list[str], *, canonical: str | None = None,
            published: str | None = None, site: str = "Example Wire") -> Reply:
    """An article page (illustrative text), with its own title, date and canonical link."""
    head = [f"<title>{escape(title)}</title>", f'<meta property="og:title" content="{escape(title)}">',
            f'<meta property="og:site_name" content="{escape(site)}">']
    if canonical:
        head.append(f'<link rel="canonical" href="{escape(canonical)}">')
    if published:
        head.append(f'<meta property="article:published_time" content="{published}">')
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    page = (f"<!DOCTYPE html><html><head><meta charset='utf-8'>{''.join(head)}</head><body>"
            f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>{escape(title)}</h1>{body}</article>"
            f"<footer>Illustrative page written for the kharita tests.</footer></body></html>")
    return Reply(page.encode("utf-8"))


def rfc822(seconds: float) -> str:
    return formatdate(seconds, usegmt=True)
