"""Live monitoring: follow news feeds over HTTP and keep the store current.

The only part of kharita that touches the network, and only when the user runs
``kharita watch``; everything downstream of a fetched page is the same pipeline
``kharita ingest`` runs.

    feeds.py   the feeds to follow (feeds file, URLs) and what one fetched feed lists
    fetch.py   the HTTP client: timeouts, capped redirects and size, user agent,
               conditional requests, per-host politeness and back-off (httpx)
    robots.py  robots.txt for article pages (urllib.robotparser), cached per site
    urls.py    canonical URLs: tracking parameters stripped, <link rel=canonical>
    loop.py    the cycle: poll, follow new items, code pages into the store

    from kharita.watch import read_feed_specs, watch
    with Store(path) as store:
        watch(read_feed_specs(["feeds.txt"]), store, cycles=1)

What the watcher remembers between runs is kept in the store
(:mod:`kharita.store.feeds`).
"""

from __future__ import annotations

from kharita.watch.feeds import FeedListError, FeedSpec, parse_every, read_feed_specs
from kharita.watch.fetch import USER_AGENT, Fetcher, FetchError
from kharita.watch.loop import (
    CycleReport,
    FeedReport,
    ItemOutcome,
    Stop,
    Watcher,
    WatchSummary,
    stop_on_signals,
    watch,
)

__all__ = [
    "USER_AGENT", "CycleReport", "FeedListError", "FeedReport", "FeedSpec", "FetchError",
    "Fetcher", "ItemOutcome", "Stop", "WatchSummary", "Watcher", "parse_every",
    "read_feed_specs", "stop_on_signals", "watch",
]
