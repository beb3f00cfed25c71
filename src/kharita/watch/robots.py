"""robots.txt for article pages (urllib.robotparser), one fetch per site and day.

Feeds are addresses the user subscribed to and the site publishes for robots;
article pages are what robots.txt is written for, so every page (and every
redirect hop to one) is checked against its site's rules for the ``kharita``
agent.  As crawlers commonly read the file: a 404 or other 4xx means no rules,
401/403 means the whole site is off limits, and a 5xx or a timeout means "not
now" (the page is tried again in a later cycle, and the file is not asked for
again for ten minutes).  A ``Crawl-delay`` slows requests to that host.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from urllib.robotparser import RobotFileParser

from kharita.watch.fetch import ROBOTS_AGENT, Clock, Fetcher, FetchError
from kharita.watch.urls import origin

ROBOTS_TTL = 24 * 3600.0  # a site's rules are fetched again after a day
UNAVAILABLE_TTL = 600.0  # after a 5xx/timeout, ask again after ten minutes
ROBOTS_MAX_BYTES = 500_000  # Google reads the first 500 KiB
SITES_REMEMBERED = 512


@dataclass
class _Rules:
    expires: float
    parser: RobotFileParser | None = None  # None: allow_all / deny_all below
    allow_all: bool = False
    unavailable: str | None = None  # why the rules could not be read (try later)


class Robots:
    """Answers "may kharita fetch this page?" from each site's robots.txt, cached."""

    def __init__(self, fetcher: Fetcher, clock: Clock) -> None:
        self.fetcher = fetcher
        self.clock = clock
        self._sites: OrderedDict[str, _Rules] = OrderedDict()

    def refusal(self, url: str) -> str | None:
        """None when ``url`` may be fetched, else the reason it may not.

        Raises a transient :class:`FetchError` when the site's rules cannot be read
        now: the page is neither fetched nor given up.
        """
        rules = self._rules(origin(url))
        if rules.unavailable:
            raise FetchError(f"robots.txt unavailable ({rules.unavailable}); will try again",
                             transient=True)
        if rules.allow_all:
            return None
        if rules.parser is None or not rules.parser.can_fetch(ROBOTS_AGENT, url):
            return "robots.txt of the site disallows fetching this page"
        return None

    def _rules(self, site: str) -> _Rules:
        now = self.clock()
        rules = self._sites.pop(site, None)
        if rules is None or rules.expires <= now:
            rules = self._load(site, now)
        self._sites[site] = rules
        while len(self._sites) > SITES_REMEMBERED:
            self._sites.popitem(last=False)
        return rules

    def _load(self, site: str, now: float) -> _Rules:
        try:
            got = self.fetcher.get(f"{site}/robots.txt", max_bytes=ROBOTS_MAX_BYTES)
        except FetchError as exc:
            if exc.transient:
                return _Rules(now + UNAVAILABLE_TTL, unavailable=exc.reason)
            return _Rules(now + ROBOTS_TTL, allow_all=True)  # too big, redirect loop: no rules read
        if got.status in (401, 403):
            return _Rules(now + ROBOTS_TTL)  # deny all
        if got.status == 429 or got.status >= 500:
            return _Rules(now + UNAVAILABLE_TTL, unavailable=f"HTTP {got.status}")
        if not 200 <= got.status < 300:
            return _Rules(now + ROBOTS_TTL, allow_all=True)
        parser = RobotFileParser()
        parser.parse(got.content.decode("utf-8", "replace").splitlines())
        self.fetcher.set_crawl_delay(site, parser.crawl_delay(ROBOTS_AGENT))
        return _Rules(now + ROBOTS_TTL, parser=parser)
