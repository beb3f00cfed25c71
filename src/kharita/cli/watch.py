"""Live monitoring commands: watch, feeds.

``watch`` parses its options and calls :func:`kharita.watch.watch`; ``feeds``
lists what the store remembers of each feed.  Everything printed here comes from
the network (feed names, URLs, reasons) and goes through the terminal-safe helpers.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from kharita.cli import app
from kharita.cli.documents import (
    DbOpt,
    MaxBytes,
    Quiet,
    StageWarnings,
    _quiet_logs,
    err,
    open_store,
    out_console,
    usage_error,
)
from kharita.cli.terminal import markup_safe
from kharita.store import StoreError
from kharita.store.feeds import DISALLOWED, FAILED, RETRY
from kharita.watch.fetch import DEFAULT_DELAY, DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT

if TYPE_CHECKING:
    from kharita.watch import CycleReport, FeedReport, ItemOutcome

Every = Annotated[str, typer.Option("--every", help="Time between two cycles: 15m, 1h, 90s, 1h30m (at least 1m).")]
Once = Annotated[bool, typer.Option("--once", help="Run one cycle and exit (for cron).")]
Delay = Annotated[float, typer.Option("--delay", help="Seconds between two requests to the same host (longer if its robots.txt asks).", min=0.0)]
Timeout = Annotated[float, typer.Option("--timeout", help="Seconds to wait for a server to connect or send more; a whole response gets three times this.", min=0.1)]


@app.command("watch")
def watch_cmd(
    feeds: Annotated[list[str], typer.Argument(help="Feeds files (one feed URL per line, optional name and lang=xx) or feed URLs.", show_default=False)],
    every: Every = "15m",
    once: Once = False,
    db: DbOpt = None,
    delay: Delay = DEFAULT_DELAY,
    timeout: Timeout = DEFAULT_TIMEOUT,
    max_bytes: MaxBytes = None,
    quiet: Quiet = False,
) -> None:
    """Follow news feeds: each cycle fetches every feed, then each new article page,
    and codes it into the store; one line per feed says what happened.

    Runs until Ctrl-C (which stops between two documents), or one cycle with --once.
    What was seen is kept in the store, so a restart neither misses nor re-fetches
    an item; `kharita feeds` lists each feed's state.

    Example: kharita watch docs/examples/feeds.txt --every 15m --db news.sqlite
    """
    from kharita.watch import FeedListError, Stop, parse_every, read_feed_specs, stop_on_signals
    from kharita.watch import watch as run_watch

    try:
        specs = read_feed_specs(feeds)
        interval = parse_every(every)
    except FeedListError as exc:
        usage_error(str(exc))
    _quiet_logs()
    stop = Stop()
    printer = _Printer(quiet, once)
    with open_store(db, create=True) as store, \
            stop_on_signals(stop, on_first=printer.stopping):
        try:
            summary = run_watch(
                specs, store, every=interval, cycles=1 if once else None, stop=stop,
                delay=delay, timeout=timeout, max_bytes=max_bytes or DEFAULT_MAX_BYTES,
                on_feed=printer.feed, on_item=printer.item, on_cycle=printer.cycle,
            )
        except KeyboardInterrupt:
            err.print("kharita: interrupted; every document stored so far is whole; "
                      "run again to go on")
            raise typer.Exit(130) from None
        except StoreError as exc:
            err.print(f"kharita: error: {markup_safe(exc)}; run again when it is fixed")
            raise typer.Exit(2) from None
    if not quiet:
        err.print(f"kharita: {summary.line()} (store: {markup_safe(store.location)})")
    if summary.stopped:
        raise typer.Exit(130)
    raise typer.Exit(1 if summary.failures else 0)


class _Printer:
    """What `kharita watch` says on stderr: a line per feed, each failed page, warnings."""

    def __init__(self, quiet: bool, once: bool) -> None:
        self.quiet = quiet
        self.once = once
        self.warn = StageWarnings(quiet)

    def feed(self, report: FeedReport) -> None:
        if not self.quiet:
            err.print(f"kharita: {markup_safe(report.line())}")

    def item(self, outcome: ItemOutcome) -> None:
        url, reason = outcome.url or outcome.feed, outcome.reason or ""
        if outcome.status in (FAILED, RETRY):
            later = " (will try again next cycle)" if outcome.status == RETRY else ""
            err.print(f"kharita: failed: {markup_safe(url)}: {markup_safe(reason)}{later}")
        elif outcome.status == DISALLOWED and not self.quiet:
            err.print(f"kharita: skipped: {markup_safe(url)}: {markup_safe(reason)}")
        elif outcome.document is not None:
            self.warn(outcome.document)

    def cycle(self, report: CycleReport) -> None:
        if not self.quiet and not self.once:
            err.print(f"kharita: {markup_safe(report.line())}")

    def stopping(self) -> None:
        err.print("kharita: stopping (a document being coded is finished first; "
                  "Ctrl-C again stops at once)")


@app.command("feeds")
def feeds_cmd(
    db: DbOpt = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table or jsonl.")] = "table",
) -> None:
    """List the feeds `kharita watch` follows: last success, last error, items seen
    (stored, duplicates, failed) and when each will next be polled.

    Example: kharita feeds --db news.sqlite
    """
    from kharita.cli.render import feeds_table
    from kharita.store.feeds import FeedLog

    if format not in ("table", "jsonl"):
        usage_error(f"--format {format!r}: choose table or jsonl")
    with open_store(db) as store:
        try:
            states = FeedLog(store).feeds()
        except StoreError as exc:
            usage_error(str(exc))
    if format == "jsonl":
        for state in states:
            record = {k: v for k, v in dataclasses.asdict(state).items() if k != "pk"}
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        return
    out_console().print(feeds_table(states))
