"""The watch loop: poll each feed, fetch each new article page, code it into the store.

One cycle, feed by feed:

1. a feed in back-off (it failed, or its server sent ``Retry-After``) waits;
2. the feed is fetched with the validators kept from the last poll: an unchanged
   feed costs one request and a 304;
3. items never recorded for this feed, and items whose page failed for a reason
   that may pass (at most :data:`MAX_ATTEMPTS` fetches), are followed in feed
   order, oldest first: an item whose link, or whose page's canonical URL, is a
   story already stored from another item is recorded as its duplicate without
   being coded; otherwise the page (robots.txt permitting) goes through the text
   stage with the feed's title, date and language as its metadata, and through
   the pipeline into the store, where a near-duplicate of a stored document is
   recorded as such, not coded;
4. the feed's new validators are kept only once every item of that poll has been
   recorded, so a run stopped half-way polls the whole feed again next time.

What became of each feed and item is written to the store as it happens (see
:mod:`kharita.store.feeds`); the loop itself keeps nothing between cycles but a
bounded per-host memory in the HTTP client, so a run of months stays as small
as a run of minutes.  A failure of one feed or one page is recorded with its
reason and the cycle carries on; a stop request (Ctrl-C, SIGTERM) is honoured
between two documents.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import signal
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Self

from threadpoolctl import threadpool_limits

from kharita.ingest.encoding import header_charset, looks_binary
from kharita.ingest.readers import single_document
from kharita.model import Document, Failure, RawDocument
from kharita.pipeline import Options, Pipeline
from kharita.runner import Ingester
from kharita.store import Store, StoreError
from kharita.store.feeds import (
    DISALLOWED,
    DUPLICATE,
    FAILED,
    RETRY,
    STORED,
    FeedLog,
    FeedState,
    ItemRecord,
    iso,
    seconds,
)
from kharita.text import Deduplicator
from kharita.watch.feeds import FeedItem, FeedSpec, parse_feed
from kharita.watch.fetch import (
    DEFAULT_DELAY,
    DEFAULT_MAX_BYTES,
    DEFAULT_TIMEOUT,
    Clock,
    Fetched,
    Fetcher,
    FetchError,
    Refused,
    Sleep,
    status_error,
)
from kharita.watch.robots import Robots
from kharita.watch.urls import clean_url, page_canonical

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3  # fetches of one page that failed for a passing reason, then it is given up
FIRST_FEED_BACKOFF = 300.0  # a feed that failed once is polled again after 5 min, then 10, 20...
MAX_FEED_BACKOFF = 6 * 3600.0
_PAGE_TYPES = ("text/html", "application/xhtml+xml")
_ACCEPT_PAGE = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
_ACCEPT_FEED = ("application/rss+xml,application/atom+xml,application/rdf+xml;q=0.9,"
                "application/xml;q=0.8,text/xml;q=0.8,*/*;q=0.5")


# ------------------------------------------------------------------ reports


@dataclass
class ItemOutcome:
    """What became of one feed item this cycle (for the CLI's messages)."""

    feed: str
    url: str | None
    status: str
    reason: str | None = None
    document: Document | None = None  # the coded document, when one was stored


@dataclass
class FeedReport:
    """One feed in one cycle: the summary line the CLI prints."""

    name: str
    status: str = "ok"  # ok | not-modified | failed | waiting
    reason: str | None = None
    retry_at: float | None = None
    new: int = 0  # items seen for the first time
    stored: int = 0
    duplicate: int = 0
    failed: int = 0
    retry: int = 0
    disallowed: int = 0
    events: int = 0

    def count(self, status: str, events: int) -> None:
        if status == STORED:
            self.stored += 1
            self.events += events
        elif status == DUPLICATE:
            self.duplicate += 1
        elif status == RETRY:
            self.retry += 1
        elif status == DISALLOWED:
            self.disallowed += 1
        else:
            self.failed += 1

    @property
    def failures(self) -> int:
        """Failed items and a failed poll: what makes ``--once`` exit 1."""
        return self.failed + self.retry + (self.status == "failed")

    def line(self) -> str:
        """``NAME: N new, E events, F failed`` and what else happened."""
        text = f"{self.name}: {self.new} new, {self.events} events, {self.failed + self.retry} failed"
        extras = [f"{self.duplicate} already stored from another item" if self.duplicate else "",
                  f"{self.retry} to retry" if self.retry else "",
                  f"{self.disallowed} disallowed by robots.txt" if self.disallowed else ""]
        text += "".join(f", {x}" for x in extras if x)
        if self.status == "not-modified":
            text += "; feed not modified"
        elif self.status == "failed":
            text += f"; feed failed: {self.reason}"
            if self.retry_at is not None:
                text += f" (next poll after {clock_time(self.retry_at)})"
        elif self.status == "waiting":
            text += f"; feed not polled until {clock_time(self.retry_at)}"
            if self.reason:
                text += f" (last error: {self.reason})"
        return text


@dataclass
class CycleReport:
    """One cycle over every feed."""

    number: int
    started: float
    seconds: float = 0.0
    requests: int = 0
    feeds: list[FeedReport] = field(default_factory=list)

    def total(self, name: str) -> int:
        return sum(getattr(f, name) for f in self.feeds)

    def line(self) -> str:
        return (f"cycle {self.number}: {len(self.feeds)} feeds, {self.total('new')} new items, "
                f"{self.total('stored')} stored, {self.total('events')} events, "
                f"{self.total('failures')} failed; {self.requests} requests in {self.seconds:.1f} s")


@dataclass
class WatchSummary:
    """A whole run: for the closing line and the exit code."""

    cycles: int = 0
    new: int = 0
    stored: int = 0
    events: int = 0
    failures: int = 0
    requests: int = 0
    stopped: bool = False

    def add(self, cycle: CycleReport) -> None:
        self.cycles += 1
        self.new += cycle.total("new")
        self.stored += cycle.total("stored")
        self.events += cycle.total("events")
        self.failures += cycle.total("failures")
        self.requests += cycle.requests

    def line(self) -> str:
        cycles = f"{self.cycles} cycle" + ("s" if self.cycles != 1 else "")
        return (f"{cycles}: {self.new} new items, {self.stored} stored, {self.events} events, "
                f"{self.failures} failed")


def clock_time(seconds_: float | None) -> str:
    """Unix seconds as ``2024-03-12 10:15:00 UTC`` for messages."""
    return (iso(seconds_) or "?").replace("T", " ").replace("+00:00", " UTC")


# --------------------------------------------------------------------- stop


class Stop:
    """A stop request honoured between documents; its ``sleep`` wakes up when set."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def set(self) -> None:
        self._event.set()

    def __bool__(self) -> bool:
        return self._event.is_set()

    def sleep(self, seconds_: float) -> None:
        self._event.wait(max(0.0, seconds_))


@contextlib.contextmanager
def stop_on_signals(stop: Stop, on_first: Callable[[], None] | None = None) -> Iterator[Stop]:
    """The first Ctrl-C or SIGTERM asks ``stop`` to end the run after the current
    document; a second Ctrl-C raises KeyboardInterrupt at once (the store is safe
    either way: every document is its own transaction)."""

    def handler(signum: int, frame: object) -> None:
        if stop and signum == signal.SIGINT:
            raise KeyboardInterrupt
        stop.set()
        if on_first:
            on_first()

    previous = {}
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(ValueError):  # not the main thread (a test runner)
            previous[sig] = signal.signal(sig, handler)
    try:
        yield stop
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


# ------------------------------------------------------------------ watcher


class Watcher:
    """Follows feeds into a store; see the module docstring for one cycle's steps.

    Everything with a side effect can be injected: the pipeline, the HTTP client
    (or its ``transport``), the clock and the sleep.
    """

    def __init__(
        self,
        store: Store,
        specs: list[FeedSpec],
        *,
        pipeline: Pipeline | None = None,
        fetcher: Fetcher | None = None,
        clock: Clock = time.time,
        sleep: Sleep | None = None,
        stop: Stop | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        delay: float = DEFAULT_DELAY,
        max_bytes: int = DEFAULT_MAX_BYTES,
        on_feed: Callable[[FeedReport], None] | None = None,
        on_item: Callable[[ItemOutcome], None] | None = None,
    ) -> None:
        self.store = store
        self.specs = specs
        self.stop = stop if stop is not None else Stop()  # a Stop not yet set is falsy
        self.clock = clock
        # between cycles a stop request ends the wait at once; the politeness wait before
        # a request is never cut short (it ends, then the stop is honoured)
        self.sleep = sleep or self.stop.sleep
        self._own_pipeline = pipeline is None
        self.pipeline = pipeline or Pipeline(Options(workers=1))
        self._own_fetcher = fetcher is None
        self.fetcher = fetcher or Fetcher(timeout=timeout, delay=delay, max_bytes=max_bytes,
                                          clock=clock, sleep=sleep or time.sleep)
        self.robots = Robots(self.fetcher, clock)
        self.log = FeedLog(store)
        self.on_feed = on_feed or (lambda report: None)
        self.on_item = on_item or (lambda outcome: None)
        self.cycles = 0
        # Near-duplicate detection is seeded from the store for each cycle that codes
        # a page (the latest 10,000 documents) and dropped after it, so a long run
        # holds no index that grows with every document it has coded.
        self._ingester: Ingester | None = None
        self._idle_dedup = self.pipeline.dedup
        self._blas: threadpool_limits | None = None
        self._coded: list[tuple[Document | Failure, str]] = []
        now = clock()
        for spec in specs:
            self.log.add_feed(spec.url, spec.name, spec.language, now)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._own_fetcher:
            self.fetcher.close()
        if self._own_pipeline:
            self.pipeline.close()

    # -- the loop -----------------------------------------------------------

    def run(self, every: float, cycles: int | None = None,
            on_cycle: Callable[[CycleReport], None] | None = None) -> WatchSummary:
        """Cycle every ``every`` seconds until stopped (or ``cycles`` have run).

        Cycles start on a fixed schedule; one that overruns its slot is followed
        by the next at once, never by a burst of missed ones.
        """
        summary = WatchSummary()
        next_start = self.clock()
        while not self.stop:
            report = self.cycle()
            summary.add(report)
            if on_cycle:
                on_cycle(report)
            if cycles is not None and summary.cycles >= cycles:
                break
            next_start = max(next_start + every, self.clock())
            self._sleep_until(next_start)
        summary.stopped = bool(self.stop)
        return summary

    def _sleep_until(self, when: float) -> None:
        while not self.stop and (left := when - self.clock()) > 0:
            self.sleep(left)

    def cycle(self) -> CycleReport:
        """Poll every feed once; each feed's report goes to ``on_feed`` as it ends."""
        self.cycles += 1
        report = CycleReport(self.cycles, self.clock())
        before, began = self.fetcher.requests, time.monotonic()
        for spec in self.specs:
            if self.stop:
                break
            feed_report = self._poll_safely(spec)
            report.feeds.append(feed_report)
            self.on_feed(feed_report)
        if self._ingester is not None:  # drop the cycle's near-duplicate index (re-seeded next time)
            self._ingester = None
            self.pipeline.dedup = self._idle_dedup
            self._blas.restore_original_limits()
        report.requests = self.fetcher.requests - before
        report.seconds = time.monotonic() - began
        return report

    # -- one feed ---------------------------------------------------------------

    def _poll_safely(self, spec: FeedSpec) -> FeedReport:
        """One feed; an unexpected error costs this feed's cycle, never the loop."""
        state = self.log.feed(spec.url)
        assert state is not None
        try:
            return self._poll(spec, state)
        except StoreError:
            raise
        except Exception as exc:  # a bug on one feed must not end the watch
            log.debug("feed %s failed", spec.url, exc_info=True)
            reason = f"unexpected error: {type(exc).__name__}: {exc}"
            return self._feed_failed(state, FeedReport(state.label), FetchError(reason))

    def _poll(self, spec: FeedSpec, state: FeedState) -> FeedReport:
        report = FeedReport(state.label)
        now = self.clock()
        wait_until = seconds(state.retry_at)
        if wait_until is not None and now < wait_until:
            report.status, report.retry_at, report.reason = "waiting", wait_until, state.last_error
            self._follow_all(spec, state, [], report)  # pages to retry live on other URLs
            return report
        try:
            got = self._fetch_feed(state)
        except FetchError as exc:
            self._follow_all(spec, state, [], report)
            if not exc.sent:  # its host is in back-off: not polled, not a failure of the feed
                report.status, report.reason = "waiting", exc.reason
                report.retry_at = now + (exc.retry_after or 0.0)
                return report
            return self._feed_failed(state, report, exc)
        return self._answered(spec, state, got, report, now)

    def _answered(self, spec: FeedSpec, state: FeedState, got: Fetched, report: FeedReport,
                  now: float) -> FeedReport:
        """Follow what a fetched feed lists (nothing new after a 304), then keep its
        validators: only once every item it lists has been recorded."""
        if got.status == 304:
            report.status = "not-modified"
            if self._follow_all(spec, state, [], report):
                self.log.polled(state.pk, now, etag=state.etag,
                                last_modified=state.last_modified, title=None)
            return report
        parsed = parse_feed(got.content, got.url)
        if not (spec.name or state.title) and parsed.title:
            report.name = parsed.title  # a new feed is named by its own title at once
        complete = self._follow_all(spec, state, parsed.items, report)
        if parsed.error:
            return self._feed_failed(state, report, FetchError(parsed.error))
        if complete:
            self.log.polled(state.pk, now, etag=got.headers.get("etag"),
                            last_modified=got.headers.get("last-modified"), title=parsed.title)
        return report

    def _fetch_feed(self, state: FeedState) -> Fetched:
        headers = {"Accept": _ACCEPT_FEED}
        if state.etag:
            headers["If-None-Match"] = state.etag
        if state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
        got = self.fetcher.get(state.url, headers=headers)
        error = status_error(got, self.clock())
        if error:
            raise error
        return got

    def _feed_failed(self, state: FeedState, report: FeedReport, exc: FetchError) -> FeedReport:
        """Record a failed poll and when to try again: the server's Retry-After, else a
        back-off that doubles with every failure in a row."""
        now = self.clock()
        wait = exc.retry_after
        if wait is None:
            wait = min(FIRST_FEED_BACKOFF * 2 ** state.errors, MAX_FEED_BACKOFF)
        report.status, report.reason, report.retry_at = "failed", exc.reason, now + wait
        self.log.poll_failed(state.pk, now, exc.reason, now + wait)
        return report

    # -- items ----------------------------------------------------------------------

    def _follow_all(self, spec: FeedSpec, state: FeedState, items: list[FeedItem],
                    report: FeedReport) -> bool:
        """Follow the new items listed now and the items waiting for a retry; False when
        a stop request left some of them for the next run."""
        known = self.log.items(state.pk, (i.key for i in items))
        fresh = [ItemRecord(i.key, i.link, i.title, i.published)
                 for i in items if i.key not in known]
        fresh = list({r.key: r for r in fresh}.values())  # a feed listing an item twice
        report.new += len(fresh)
        for record in fresh + self.log.to_retry(state.pk):
            if self.stop:
                return False
            self._follow(spec, state, record, report)
        return True

    def _follow(self, spec: FeedSpec, state: FeedState, item: ItemRecord,
                report: FeedReport) -> None:
        """Fetch and code one item's page and record what became of it."""
        try:
            outcome, attempted = self._outcome(spec, state, item)
        except StoreError:
            raise
        except Exception as exc:  # a bug on one page must not end the feed
            log.debug("item %s failed", item.url, exc_info=True)
            outcome = dataclasses.replace(item, status=FAILED,
                                          reason=f"unexpected error: {type(exc).__name__}: {exc}")
            attempted = True
        self.log.record_item(state.pk, outcome, self.clock(), attempted)
        coded = bool(self._coded)  # the Ingester has recorded a failure of its own stages
        if outcome.url and outcome.reason and outcome.status in (FAILED, RETRY) and not coded:
            self.store.record_failure(Failure(outcome.url, outcome.reason, stage="fetch"))
        elif outcome.url and outcome.status == DUPLICATE:
            self.store.clear_failure(outcome.url)
        report.count(outcome.status, outcome.events)
        document = self._coded[-1][0] if self._coded and outcome.status == STORED else None
        self.on_item(ItemOutcome(state.label, outcome.url, outcome.status, outcome.reason,
                                 document if isinstance(document, Document) else None))
        self._coded.clear()

    def _outcome(self, spec: FeedSpec, state: FeedState,
                 item: ItemRecord) -> tuple[ItemRecord, bool]:
        """What becomes of an item, and whether its page was asked for."""
        if not item.url:
            reason = "the feed item has no http(s) link to an article page"
            return dataclasses.replace(item, status=FAILED, reason=reason), False
        earlier = self.log.story_at(item.url, state.pk, item.key)
        if earlier is not None:
            return _same_story(item, earlier), False
        try:
            page = self._fetch_page(item.url)
        except Refused as exc:
            return dataclasses.replace(item, status=DISALLOWED, reason=exc.reason), False
        except FetchError as exc:
            return _fetch_failed(item, exc), exc.sent
        raw = _raw_document(page, item, spec, state)
        if isinstance(raw, Failure):
            return dataclasses.replace(item, status=FAILED, reason=raw.reason), True
        canonical = page_canonical(raw.html or "", page.url) or clean_url(page.url) or item.url
        item = dataclasses.replace(item, canonical_url=canonical)
        if canonical != item.url and (earlier := self.log.story_at(canonical, state.pk, item.key)):
            return _same_story(item, earlier), True
        raw.url = canonical
        return self._code(raw, item), True

    def _fetch_page(self, url: str) -> Fetched:
        got = self.fetcher.get(url, headers={"Accept": _ACCEPT_PAGE}, allow=self.robots.refusal)
        error = status_error(got, self.clock())
        if error:
            raise error
        return got

    def _code(self, raw: RawDocument, item: ItemRecord) -> ItemRecord:
        """Run the page through the pipeline into the store, as `kharita ingest` does."""
        if self._ingester is None:  # one per cycle with news, seeded from the store
            self.pipeline.dedup = Deduplicator()
            self._ingester = Ingester(self.store, self.pipeline, code_near_duplicates=False,
                                      on_result=self._note_coded)
            # Pages are coded one at a time: a second BLAS thread only adds contention to
            # the parse's small matrix products (0.24 s a page against 0.02 s with one
            # thread, on 2 cores with another program busy); output is the same.
            self._blas = threadpool_limits(limits=1, user_api="blas")
        self._coded.clear()
        self._ingester.run_batch([raw])
        result, status = self._coded[-1]
        if isinstance(result, Failure):
            return dataclasses.replace(item, status=FAILED, reason=result.reason)
        if status == "near-duplicate":
            return dataclasses.replace(item, status=DUPLICATE, doc_id=result.duplicate_of,
                                       reason=f"near-duplicate of document {result.duplicate_of}")
        if status == "duplicate" and self.log.claimed(result.id):
            return dataclasses.replace(item, status=DUPLICATE, doc_id=result.id,
                                       reason=f"same text as document {result.id}")
        events = len(result.events) if status != "duplicate" else self.log.events_of(result.id)
        return dataclasses.replace(item, status=STORED, doc_id=result.id, events=events,
                                   reason=None)


    def _note_coded(self, result: Document | Failure, status: str) -> None:
        self._coded.append((result, status))


def _same_story(item: ItemRecord, earlier: ItemRecord) -> ItemRecord:
    return dataclasses.replace(item, status=DUPLICATE, doc_id=earlier.doc_id,
                               reason=f"same story as an item of {earlier.feed} "
                                      f"(document {earlier.doc_id})")


def _fetch_failed(item: ItemRecord, exc: FetchError) -> ItemRecord:
    """A page that failed: retried later while the reason may pass, at most MAX_ATTEMPTS."""
    tries = item.attempts + int(exc.sent)
    if exc.transient and tries < MAX_ATTEMPTS:
        return dataclasses.replace(item, status=RETRY, reason=exc.reason)
    given_up = f" (given up after {tries} attempts)" if exc.transient else ""
    return dataclasses.replace(item, status=FAILED, reason=exc.reason + given_up)


def _raw_document(page: Fetched, item: ItemRecord, spec: FeedSpec,
                  state: FeedState) -> RawDocument | Failure:
    """The fetched page as the text stage's input: the page's own HTML, with the feed's
    title, date and language, and the feed's name as its source."""
    where = item.url or page.url
    ctype = page.content_type
    if ctype and ctype not in _PAGE_TYPES and ctype != "text/plain":
        return Failure(where, f"not an HTML page (Content-Type {ctype})", stage="fetch")
    if looks_binary(page.content[:4096]):
        return Failure(where, "binary content, not an HTML page", stage="fetch")
    fmt = "text" if ctype == "text/plain" else "html"
    raw = single_document(where, page.content, fmt, header_charset(page.headers.get("content-type")))
    if isinstance(raw, Failure):
        reason = "empty page" if raw.reason == "empty file" else raw.reason
        return Failure(where, reason, stage="fetch")
    raw.title = item.title
    raw.published = item.published
    raw.source = spec.name or state.title
    raw.language = spec.language
    return raw


def watch(
    specs: list[FeedSpec],
    store: Store,
    *,
    every: float = 900.0,
    cycles: int | None = None,
    on_cycle: Callable[[CycleReport], None] | None = None,
    **options: object,
) -> WatchSummary:
    """Follow ``specs`` into ``store``: a cycle every ``every`` seconds until stopped, or
    ``cycles`` cycles (``--once`` is ``cycles=1``).  ``options`` go to :class:`Watcher`."""
    with Watcher(store, specs, **options) as watcher:  # type: ignore[arg-type]
        return watcher.run(every, cycles, on_cycle)
