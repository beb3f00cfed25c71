"""What one `kharita watch` cycle costs for 50 feeds with no news, against local servers.

    .venv/bin/python benchmarks/watch_cycle.py [--feeds 50] [--items 20] [--cycles 20]

Starts ``--feeds`` news sites on 127.0.0.1 in a child process (tests/newsserver.py:
one http.server each, on a port of its own, so each is a host of its own for the
per-host politeness delay), each with a feed of ``--items`` items.  A first cycle fetches
and stores every page (text stage only: the cycles measured code nothing); then
``--cycles`` cycles run in which no feed has news, in three set-ups (in the
first two each host gets one request a cycle, so no politeness delay applies; it
is set to 0 there so that the first cycle, which stores the pages, is quick):

* ``conditional``: the servers send ETag/Last-Modified and answer 304 to an
  unchanged feed, as most news sites do;
* ``unconditional``: the servers send the whole feed every time (no validators),
  so every item is parsed and looked up in the store;
* ``one_host``: the same feeds all on one host, with the default politeness delay
  (1 s between two requests to a host); the waits are counted, not slept.

Each set-up is measured with warm connections (cycles back to back on one client)
and cold ones (a new client each cycle, so every request opens a connection, as
after the 15 minutes between two real cycles).  Seconds are wall-clock per cycle
(median, 90th percentile) and CPU seconds of the watcher's process per cycle (the
servers run in another process); a real network adds its round trips and TLS
handshakes to the wall-clock figures.  Writes ``benchmarks/results/watch_cycle.json``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
import httpx

from kharita.pipeline import Options, Pipeline
from kharita.store import SQLiteStore, Store
from kharita.watch import FeedSpec, Fetcher, Watcher
from newsserver import NewsServer, Reply, article, rfc822, rss

RESULTS = Path(__file__).resolve().parent / "results" / "watch_cycle.json"
T0 = 1_710_230_400.0


def site_content(site: NewsServer, prefix: str, items: int, validators: bool, n: int) -> None:
    """A feed at ``{prefix}feed.xml`` with ``items`` illustrative articles (site ``n``)."""
    entries = []
    for k in range(items):
        path = f"{prefix}news/{k}"
        site.route(path, article(f"Illustrative report {prefix}{k}", [
            (f"Illustrative report number {k} from site {n}: armed men attacked checkpoint {n} "
             f"near river crossing {k} on Monday, officials said, and {k + 2} people were hurt "
             f"in district {n * 100 + k}."),
        ]))
        entries.append({"guid": f"urn:bench:{prefix}{k}", "link": site.url(path),
                        "title": f"Illustrative report {prefix}{k}", "date": rfc822(T0 + 60 * k)})
    feed = rss(list(reversed(entries)), title=f"Bench feed {prefix}")
    site.route(f"{prefix}feed.xml", Reply(feed.body, content_type=feed.content_type,
                                          validators=validators))


class CountedSleep:
    """A clock and sleep that count the politeness waits instead of waiting them."""

    def __init__(self) -> None:
        self.offset = 0.0
        self.waited = 0.0

    def clock(self) -> float:
        return time.time() + self.offset

    def sleep(self, seconds: float) -> None:
        self.waited += max(0.0, seconds)
        self.offset += max(0.0, seconds)


def measure(specs: list[FeedSpec], cycles: int, tmp: Path, name: str,
            counted: CountedSleep | None = None) -> dict[str, object]:
    """One set-up: a first cycle that stores every page, then ``cycles`` cycles with no
    news on the same client (``warm``: connections kept alive from the cycle before)
    and ``cycles`` cycles each on a new client (``cold``: every request opens a new
    connection, as after the 15 minutes between two real cycles, when servers and the
    client have long closed idle connections)."""
    pipeline = Pipeline(Options(places=False, actors=False, events=False))

    def watcher(store: Store) -> Watcher:
        if counted is not None:
            return Watcher(store, specs, pipeline=pipeline, clock=counted.clock,
                           sleep=counted.sleep,
                           fetcher=Fetcher(clock=counted.clock, sleep=counted.sleep))
        # one request per host per measured cycle: no politeness delay applies
        return Watcher(store, specs, pipeline=pipeline, delay=0.0)

    out: dict[str, object] = {"feeds": len(specs)}
    with SQLiteStore(tmp / f"{name}.sqlite") as store:
        w = watcher(store)
        first = w.cycle()
        assert first.total("stored") == first.total("new"), first.line()
        out["first_cycle"] = {"requests": first.requests, "pages_stored": first.total("stored"),
                              "seconds": round(first.seconds, 2)}
        out["warm"] = _cycles(lambda: w, cycles, counted, close=False)
        w.fetcher.close()
        out["cold"] = _cycles(lambda: watcher(store), cycles, counted, close=True)
    return out


def _cycles(make: object, cycles: int, counted: CountedSleep | None,
            close: bool) -> dict[str, object]:
    walls, cpus, requests, waits, statuses = [], [], [], [], set()
    for _ in range(cycles):
        w = make()  # type: ignore[operator]
        if counted is not None:
            counted.offset += 900.0  # the 15 minutes between two cycles
        waited, cpu = counted.waited if counted else 0.0, time.process_time()
        report = w.cycle()
        cpus.append(time.process_time() - cpu)
        walls.append(report.seconds)
        requests.append(report.requests)
        waits.append((counted.waited - waited) if counted else 0.0)
        statuses |= {f.status for f in report.feeds}
        assert report.total("new") == 0 and report.total("failures") == 0, report.line()
        if close:
            w.fetcher.close()
    out: dict[str, object] = {
        "requests_per_cycle": statistics.median(requests),
        "feed_status": sorted(statuses),
        "seconds_per_cycle_median": round(statistics.median(walls), 4),
        "seconds_per_cycle_p90": round(sorted(walls)[int(0.9 * (len(walls) - 1))], 4),
        "cpu_seconds_per_cycle_median": round(statistics.median(cpus), 4),
    }
    if counted is not None:
        out["politeness_wait_seconds_per_cycle"] = round(statistics.median(waits), 1)
    return out


@contextlib.contextmanager
def servers(hosts: int, feeds_per_host: int, items: int, validators: bool) -> Iterator[list[str]]:
    """The news sites in a process of their own (so the CPU figures are the watcher's
    alone); yields the feed URLs."""
    ctx = multiprocessing.get_context("spawn")
    here, there = ctx.Pipe()
    child = ctx.Process(target=_serve, args=(there, hosts, feeds_per_host, items, validators),
                        daemon=True)
    child.start()
    try:
        yield here.recv()
    finally:
        here.send("stop")
        child.join(10)


def _serve(conn: Any, hosts: int, feeds_per_host: int, items: int, validators: bool) -> None:
    with ExitStack() as stack:
        sites = [stack.enter_context(NewsServer()) for _ in range(hosts)]
        urls = []
        for i, site in enumerate(sites):
            for j in range(feeds_per_host):
                prefix = "/" if feeds_per_host == 1 else f"/s{j}/"
                site_content(site, prefix, items, validators, i * feeds_per_host + j)
                urls.append(site.url(f"{prefix}feed.xml"))
        conn.send(urls)
        conn.recv()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--feeds", type=int, default=50)
    ap.add_argument("--items", type=int, default=20)
    ap.add_argument("--cycles", type=int, default=20)
    args = ap.parse_args()
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        os.environ.pop(name, None)  # every request stays on 127.0.0.1
    out: dict[str, object] = {"feeds": args.feeds, "items_per_feed": args.items,
                              "cycles_measured": args.cycles}
    setups = (("conditional", args.feeds, 1, True, None),
              ("unconditional", args.feeds, 1, False, None),
              ("one_host", 1, args.feeds, True, CountedSleep()))
    with tempfile.TemporaryDirectory() as tmp:
        for name, hosts, per_host, validators, counted in setups:
            with servers(hosts, per_host, args.items, validators) as urls:
                specs = [FeedSpec(url, f"feed {i}") for i, url in enumerate(urls)]
                out[name] = measure(specs, args.cycles, Path(tmp), name, counted)
            print(f"{name}: {json.dumps(out[name])}", flush=True)
    out["notes"] = [
        ("requests_per_cycle: one per feed; an unchanged feed is a 304 without a body "
        "(conditional) or the whole feed parsed and its items looked up (unconditional)"),
        ("cpu_seconds_per_cycle is the watcher's own work; wall-clock seconds with 50 hosts "
        "include the latency of the 50 http.server threads of the test's server process, "
        "one_host shows the wall-clock cost of the same 50 feeds from one server"),
        ("one_host: with the default politeness delay (1 s) the 50 requests to one host "
        "are spread over 49 s of waiting per cycle (counted, not slept)"),
    ]
    out["machine"] = {"cpus": os.cpu_count(), "load_average": [round(x, 2) for x in os.getloadavg()],
                      "python": platform.python_version(), "httpx": httpx.__version__}
    out["command"] = ("python benchmarks/watch_cycle.py "
                      f"--feeds {args.feeds} --items {args.items} --cycles {args.cycles}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
