"""A well-behaved HTTP client for following news sites for months (on httpx).

What a site's operator would ask of a robot that polls them every 15 minutes, and
what keeps one bad site from stalling the watcher:

* **a clear user agent** naming kharita and its version;
* **timeouts** on connecting and on every read, and a deadline for the whole
  response (a server that drips one byte a second never trips a read timeout);
* **redirects followed by hand, at most 5**, each hop checked like a first request
  (http(s) only, rate-limited, robots.txt for pages);
* **a size cap while streaming**: a ``Content-Length`` over the cap is refused
  before the body is read, and a body without one is cut at the cap, counted
  after gzip/deflate are undone (a small compressed body can unpack to gigabytes);
* **conditional requests**: the caller passes the ETag / Last-Modified it kept,
  and an unchanged feed costs a 304 with no body;
* **per-host politeness**: at least ``delay`` seconds between two requests to the
  same host (more if its robots.txt asks for a ``Crawl-delay``);
* **back-off after 429 and 5xx**: after an answer that speaks for the whole host
  (429, 502, 503, 504, or a 5xx with ``Retry-After``) the host is left alone until
  its ``Retry-After`` (seconds or an HTTP date), else for a time that doubles with
  each such answer in a row (30 s, 1 min, 2 min...); requests to it meanwhile fail
  at once, without being sent.  A plain 500 is one broken page: that page is
  retried in a later cycle, the feed behind a 500 backs off on its own.

The clock and the sleep are injected, so a test can run a thousand cycles on a
fake clock without waiting.  Per-host memory is an LRU of bounded size.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from kharita import __version__
from kharita.ingest.readers import too_big
from kharita.watch.urls import is_web_url, origin

USER_AGENT = f"kharita/{__version__} (news feed monitor; python-httpx/{httpx.__version__})"
ROBOTS_AGENT = "kharita"  # the token robots.txt rules name

DEFAULT_TIMEOUT = 20.0  # seconds to connect, and between two reads
DEFAULT_DELAY = 1.0  # seconds between two requests to one host
DEFAULT_MAX_BYTES = 10_000_000
MAX_REDIRECTS = 5
MAX_CRAWL_DELAY = 60.0  # a robots.txt Crawl-delay above this is read as this
MAX_RETRY_AFTER = 6 * 3600.0  # a Retry-After further away than this is read as this
FIRST_BACKOFF = 30.0  # seconds a host is left alone after its first 429/5xx without Retry-After
HOSTS_REMEMBERED = 1024  # per-host state kept (least recently used dropped)

_REDIRECTS = (301, 302, 303, 307, 308)
_OVERLOADED = (429, 502, 503, 504)  # answers that speak for the whole host

Clock = Callable[[], float]
Sleep = Callable[[float], None]


class FetchError(Exception):
    """A request that gave no usable response; ``reason`` is for the user.

    ``transient``: it may work later (timeout, connection refused, 429, 5xx); else
    it will not (404, too big, not a web URL).  ``sent``: a request went out (a host
    in back-off fails without one, which is no attempt on the item).
    """

    def __init__(self, reason: str, *, transient: bool = False, retry_after: float | None = None,
                 sent: bool = True) -> None:
        super().__init__(reason)
        self.reason = reason
        self.transient = transient
        self.retry_after = retry_after
        self.sent = sent


class Refused(FetchError):
    """A hop the caller's ``allow`` check refused (robots.txt): never sent."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason, sent=False)


@dataclass
class Fetched:
    """A response read whole (within the cap): final URL, status, headers and body."""

    url: str
    status: int
    headers: httpx.Headers = field(default_factory=httpx.Headers)
    content: bytes = b""

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


@dataclass
class _Host:
    """What the client remembers of one host (scheme://host:port)."""

    last_request: float | None = None
    blocked_until: float = 0.0
    blocked_why: str = ""
    errors: int = 0  # 429/5xx in a row
    crawl_delay: float = 0.0


class Fetcher:
    """GET with timeouts, capped redirects and size, politeness and back-off per host."""

    def __init__(
        self,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        delay: float = DEFAULT_DELAY,
        max_bytes: int = DEFAULT_MAX_BYTES,
        clock: Clock = time.time,
        sleep: Sleep = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.timeout = timeout
        self.delay = delay
        self.max_bytes = max_bytes
        self.clock = clock
        self.sleep = sleep
        self.requests = 0  # requests sent, redirects and robots.txt included
        self._hosts: OrderedDict[str, _Host] = OrderedDict()
        self._client = httpx.Client(
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(timeout),
            follow_redirects=False,
            transport=transport,
        )

    def close(self) -> None:
        self._client.close()

    def get(
        self,
        url: str,
        *,
        headers: dict[str, str] | None = None,
        allow: Callable[[str], str | None] | None = None,
        max_bytes: int | None = None,
    ) -> Fetched:
        """Fetch ``url``, following redirects; any status but a redirect is returned.

        ``allow(url)`` is asked before every hop and returns a reason to refuse it
        (robots.txt); ``headers`` (conditional-request validators) go with the first
        hop only, since they belong to the URL they were received from.
        """
        cap = self.max_bytes if max_bytes is None else max_bytes
        for hop in range(MAX_REDIRECTS + 1):
            if not is_web_url(url):
                raise FetchError(f"not an http(s) URL: {url[:200]}")
            refused = allow(url) if allow else None
            if refused:
                raise Refused(refused)
            got = self._once(url, headers if hop == 0 else None, cap)
            location = got.headers.get("location")
            if got.status not in _REDIRECTS or not location:
                return got
            url = str(httpx.URL(url).join(location.strip()))
        raise FetchError(f"more than {MAX_REDIRECTS} redirects")

    def set_crawl_delay(self, url: str, seconds: float | None) -> None:
        """Honour a robots.txt ``Crawl-delay`` for the host of ``url`` (capped)."""
        if seconds:
            self._host(origin(url)).crawl_delay = min(float(seconds), MAX_CRAWL_DELAY)

    # -- one request ------------------------------------------------------

    def _once(self, url: str, headers: dict[str, str] | None, cap: int) -> Fetched:
        host = origin(url)
        state = self._wait_turn(host)
        self.requests += 1
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                got = Fetched(str(response.url), response.status_code, response.headers)
                self._note_status(state, got)
                # read even a 304's or a redirect's (empty, small) body: a response left
                # unread closes its connection, and the next request pays a new one
                got.content = self._read(response, cap)
                return got
        except httpx.TimeoutException as exc:
            raise FetchError(f"timed out (no answer within {self.timeout:g} s)",
                             transient=True) from exc
        except httpx.DecodingError as exc:
            raise FetchError(f"undecodable compressed body: {_short(exc)}") from exc
        except httpx.ConnectError as exc:
            raise FetchError(f"cannot connect: {_short(exc)}", transient=True) from exc
        except httpx.TransportError as exc:  # the connection broke, the server spoke nonsense
            raise FetchError(f"connection failed: {_short(exc)}", transient=True) from exc
        finally:
            state.last_request = self.clock()

    def _read(self, response: httpx.Response, cap: int) -> bytes:
        """The decoded body, refused past ``cap`` bytes or past the whole-response deadline."""
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise FetchError(too_big(int(declared), cap, "response"))
        deadline = time.monotonic() + 3 * self.timeout
        body = bytearray()
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > cap:
                raise FetchError(too_big(None, cap, "response"))
            if time.monotonic() > deadline:
                raise FetchError(f"too slow (not complete within {3 * self.timeout:g} s)",
                                 transient=True)
        return bytes(body)

    # -- politeness --------------------------------------------------------

    def _host(self, host: str) -> _Host:
        state = self._hosts.pop(host, None) or _Host()
        self._hosts[host] = state  # most recently used last
        while len(self._hosts) > HOSTS_REMEMBERED:
            self._hosts.popitem(last=False)
        return state

    def _wait_turn(self, host: str) -> _Host:
        """Refuse a host in back-off; else wait until its politeness delay has passed."""
        state = self._host(host)
        now = self.clock()
        if now < state.blocked_until:
            raise FetchError(f"{host} answered {state.blocked_why}: left alone until "
                             f"{_hhmm(state.blocked_until)}", transient=True,
                             retry_after=state.blocked_until - now, sent=False)
        gap = max(self.delay, state.crawl_delay)
        if state.last_request is not None and now < state.last_request + gap:
            self.sleep(state.last_request + gap - now)
        return state

    def _note_status(self, state: _Host, got: Fetched) -> None:
        """After an answer that says the server is overloaded (429, 502-504, or any
        Retry-After with a 5xx) leave the host alone for a while; any other answer
        resets that.  A plain 500 is usually one broken page: only that page waits."""
        wait = retry_after(got.headers.get("retry-after"), self.clock())
        if got.status not in _OVERLOADED and not (got.status >= 500 and wait is not None):
            if got.status < 500:
                state.errors = 0
            return
        state.errors += 1
        if wait is None:
            wait = min(FIRST_BACKOFF * 2 ** (state.errors - 1), MAX_RETRY_AFTER)
        state.blocked_until = self.clock() + wait
        state.blocked_why = f"HTTP {got.status}"


def status_error(got: Fetched, now: float) -> FetchError | None:
    """The error an HTTP status means for the caller (None for 2xx and 304)."""
    if 200 <= got.status < 300 or got.status == 304:
        return None
    phrase = _PHRASES.get(got.status, "")
    reason = f"HTTP {got.status}" + (f" {phrase}" if phrase else "")
    transient = got.status == 429 or got.status >= 500 or got.status == 408
    wait = retry_after(got.headers.get("retry-after"), now) if transient else None
    return FetchError(reason, transient=transient, retry_after=wait)


def retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delay-seconds or an HTTP date), capped."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return min(max(0.0, when - now), MAX_RETRY_AFTER)


_PHRASES = {
    400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
    408: "Request Timeout", 410: "Gone", 429: "Too Many Requests",
    500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
    504: "Gateway Timeout",
}


def _short(exc: Any) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 200 else text[:200] + "..."


def _hhmm(seconds: float) -> str:
    from kharita.store.feeds import iso

    return (iso(seconds) or "").replace("T", " ").replace("+00:00", " UTC")
