"""Document commands: extract, ingest, events, export, show.

Each command parses its options and calls one plain function from
:mod:`kharita.runner`, :mod:`kharita.store` or :mod:`kharita.export`.
Exit codes: 0 all good, 1 some inputs failed, 2 usage error (bad option, no
database).  Progress and summaries go to stderr; data goes to stdout or --output.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from kharita.cli import app
from kharita.cli.render import events_table, render_document
from kharita.cli.terminal import markup_safe
from kharita.model import Document, Failure
from kharita.pipeline import STAGE_FAILED, TRUNCATED, Options, Pipeline, default_workers
from kharita.store import EventFilter, QueryError, Store, StoreError
from kharita.store import open_store as _open_store
from kharita.store.types import EventRow
from kharita.text import NOT_A_DATE

# emoji=False: rich would turn "feed.jsonl:100: reason" into "feed.jsonl💯 reason"
err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)

DB_HELP = ("Store: a SQLite file, or a postgresql://USER@HOST:PORT/DBNAME URL "
           "(default: $KHARITA_DB, else a SQLite file in the user data dir).")
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar, warnings or summary (failures are still named).")]
DbOpt = Annotated[str | None, typer.Option("--db", help=DB_HELP, show_default=False)]
Workers = Annotated[
    int | None,
    typer.Option("--workers", "-j", help="Processes that parse and code documents (default: one per core, at most 4; or $KHARITA_WORKERS). Small batches are coded in-process.",
                 show_default=False, min=1),
]
Background = Annotated[bool, typer.Option("--background/--no-background", help="Include events an article recalls as background (past happenings).")]
Aggregate = Annotated[bool, typer.Option("--aggregate/--no-aggregate", help="Include summaries of many happenings (\"more than 100 air strikes this week\").")]
MinConfidence = Annotated[float | None, typer.Option("--min-confidence", help="Only events whose confidence (the estimated probability that a careful coder would code them) is at least this.", show_default=False, min=0.0, max=1.0)]
MaxBytes = Annotated[
    int | None,
    typer.Option("--max-bytes", help="Reject a single document larger than N bytes (default 10 MB).",
                 show_default=False, min=1),
]


def out_console() -> Console:
    """stdout console; piped output gets a wide fixed width instead of rich's 80 columns."""
    console = Console(highlight=False, emoji=False)
    if not console.is_terminal:
        console = Console(highlight=False, emoji=False, width=200)
    return console


def usage_error(message: str) -> NoReturn:
    """Say what is wrong and exit 2 (usage error), without a traceback."""
    err.print(f"kharita: error: {markup_safe(message)}")
    raise typer.Exit(2)


def open_store(db: str | Path | None, create: bool = False) -> Store:
    """The store ``--db`` names (a path or a postgresql:// URL), or a clean exit 2."""
    try:
        return _open_store(db or None, create=create)
    except StoreError as exc:
        usage_error(str(exc))


@contextlib.contextmanager
def progress_bar(quiet: bool, label: str) -> Iterator[Any]:
    """A spinner with a running count on stderr (only on a terminal, never with --quiet)."""
    progress = Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} documents"),
        TimeElapsedColumn(), console=err, transient=True,
        disable=quiet or not err.is_terminal,
    )
    with progress:
        task = progress.add_task(label, total=None)
        yield lambda: progress.advance(task)


def report_failure(failure: Failure) -> None:
    """One line per failed input; its name and reason are made inert for the terminal."""
    err.print(f"kharita: failed: {markup_safe(failure.input)}: {markup_safe(failure.reason)}")


# Document warnings about that one document, named each time on stderr: it was
# coded only in part, or its caller's publication date was not a date.
PER_DOCUMENT = (TRUNCATED, NOT_A_DATE)


class StageWarnings:
    """Say on stderr what a stored document's warnings mean for the user (not with -q).

    The document is still stored, with the warning on it; without this the user
    would only find out from empty place lists or missing events.  A failed stage
    is said once per distinct message (a missing gazetteer fails every document
    alike); a per-document warning (:data:`PER_DOCUMENT`) names each document.
    """

    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet
        self.seen: set[str] = set()

    def __call__(self, doc: Document) -> None:
        if self.quiet:
            return
        name = markup_safe(doc.input or doc.id)
        for w in doc.warnings:
            if STAGE_FAILED in w and w not in self.seen:
                self.seen.add(w)
                err.print(f"kharita: warning: {name}: {markup_safe(w)} "
                          "(further documents with this warning are not named)")
            elif any(marker in w for marker in PER_DOCUMENT):
                err.print(f"kharita: warning: {name}: {markup_safe(w)}")


@contextlib.contextmanager
def output_file(path: Path | None, binary: bool = False) -> Iterator[IO[Any]]:
    """``--output`` or stdout.

    A regular file is written under a temporary name beside it and renamed over it
    when complete, so a failed run never leaves half a file.  A symlink is followed:
    its target is written and the link stays.  A FIFO, a device or anything else
    that is not a regular file (``/dev/stdout``, a named pipe) is written straight
    into: renaming over it would replace it.
    """
    if path is None:
        yield sys.stdout.buffer if binary else sys.stdout
        return
    real = Path(os.path.realpath(path))
    if real.is_dir():
        usage_error(f"cannot write {path}: it is a directory")
    special = real.exists() and not real.is_file()
    target = real if special else real.with_name(real.name + ".part")
    try:
        with open(target, "wb" if binary else "w", encoding=None if binary else "utf-8",
                  newline=None if binary else "") as fh:
            yield fh
        if not special:
            _keep_mode(real, target)
            target.replace(real)
    except OSError as exc:
        usage_error(f"cannot write {path}: {exc.strerror or exc}")
    finally:
        if not special:
            target.unlink(missing_ok=True)


def _keep_mode(existing: Path, replacement: Path) -> None:
    """Give the new file the permissions of the one it replaces (none to keep: umask's)."""
    with contextlib.suppress(OSError):
        os.chmod(replacement, stat.S_IMODE(existing.stat().st_mode))


def _quiet_logs() -> None:
    # Stage warnings are recorded on the document; don't spray them over the progress bar.
    logging.getLogger("kharita").setLevel(logging.ERROR)


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, JSONL, WARC, feeds, or - for stdin.", show_default=False)],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.", show_default=False)] = None,
    documents: Annotated[bool, typer.Option("--documents", help="One record per document (text, places, actors, events) instead of one per event.")] = False,
    max_bytes: MaxBytes = None,
    workers: Workers = None,
    quiet: Quiet = False,
    candidates: Annotated[bool, typer.Option("--candidates", help="Keep every candidate the events stage codes: no relevance gate, no reporting model, no folding (to audit what the reporting stage removes).")] = False,
) -> None:
    """Code INPUT... and print JSON Lines of events (or documents); stores nothing.

    Records come out in input order.  Failed inputs are named on stderr with the
    reason, and the exit code is then 1.

    Example: kharita extract examples/yemen_airstrike.html --documents
    """
    from kharita.runner import extract as run_extract

    _quiet_logs()
    _terminate_as_interrupt()
    failed = 0
    warn = StageWarnings(quiet)
    try:
        with output_file(output) as out, progress_bar(quiet, "extracting") as tick, \
                _pipeline(workers, reporting=not candidates) as pipeline:
            for result in run_extract(inputs, pipeline=pipeline, max_bytes=max_bytes):
                tick()
                if isinstance(result, Failure):
                    failed += 1
                    report_failure(result)
                    continue
                warn(result)
                _write_result(out, result, documents)
    except KeyboardInterrupt:
        err.print("kharita: interrupted")
        raise typer.Exit(130) from None
    raise typer.Exit(1 if failed else 0)


def _write_result(out: IO[str], doc: Document, documents: bool) -> None:
    """One document's JSON Lines: the document itself, or one line per event."""
    if documents:
        out.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
    else:
        for record in document_events(doc):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    out.flush()


def _pipeline(workers: int | None, reporting: bool = True, cluster: str | None = None,
              quiet: bool = False) -> Pipeline:
    """The pipeline the batch commands use; closed (workers stopped) on exit.

    With ``cluster`` its parse and stages run on Dask workers (kharita.runner.cluster).
    """
    if cluster is None:
        return Pipeline(Options(workers=workers or default_workers(), reporting=reporting))
    from kharita.runner.cluster import ClusterError, cluster_pipeline

    try:
        pipeline = cluster_pipeline(cluster, Options(reporting=reporting))
    except ClusterError as exc:
        usage_error(str(exc))
    if not quiet:
        n = pipeline.executor.workers
        err.print(f"kharita: coding on {n} Dask worker{'s' if n != 1 else ''} ({markup_safe(cluster)})")
    return pipeline


def document_events(doc: Document) -> Iterator[dict[str, Any]]:
    """A document's events as export records (the Event contract plus url/title/published)."""
    from kharita.export import event_record

    for event in doc.events:
        yield event_record(EventRow(event, doc.url, doc.title, doc.published, doc.source, doc.site))


@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, JSONL, WARC, feeds, or - for stdin.", show_default=False)],
    db: DbOpt = None,
    max_bytes: MaxBytes = None,
    force: Annotated[bool, typer.Option("--force", help="Re-code documents already stored (e.g. after upgrading kharita).")] = False,
    workers: Workers = None,
    cluster: Annotated[str | None, typer.Option("--cluster", help="Code on a Dask cluster: tcp://HOST:8786 (a running scheduler) or local:N (N worker processes here). The store is written from this machine.", show_default=False)] = None,
    quiet: Quiet = False,
) -> None:
    """Code INPUT... into the store; re-running on the same input adds nothing.

    Each document is committed on its own, so an interrupted run can simply be run
    again: stored documents are skipped, failed inputs are retried.  Ends with a
    one-line summary on stderr.

    Example: kharita ingest examples/ --db news.sqlite
    """
    from kharita.runner import Ingester, RunAborted

    _quiet_logs()
    _terminate_as_interrupt()
    with open_store(db, create=True) as store, progress_bar(quiet, "ingesting") as tick, \
            _pipeline(workers, cluster=cluster, quiet=quiet) as pipeline:

        warn = StageWarnings(quiet)

        def on_result(item: Document | Failure, status: str) -> None:
            tick()
            if isinstance(item, Failure):
                report_failure(item)
            elif status in ("new", "updated"):
                warn(item)

        ingester = Ingester(store, pipeline, force=force, on_result=on_result)
        try:
            summary = ingester.run(inputs, max_bytes=max_bytes)
        except KeyboardInterrupt:
            err.print(f"kharita: interrupted; {ingester.summary.line()}; run again to finish")
            raise typer.Exit(130) from None
        except (StoreError, RunAborted) as exc:  # disk full, store locked, cluster lost: stop
            err.print(f"kharita: error: {markup_safe(exc)}; {ingester.summary.line()}; "
                      "run again to finish")
            raise typer.Exit(2) from None
    if not quiet:
        err.print(f"kharita: {summary.line()} (store: {markup_safe(store.location)})")
    raise typer.Exit(1 if summary.failed else 0)


def _terminate_as_interrupt() -> None:
    """Treat `kill` (SIGTERM) like Ctrl-C, so the document being written is rolled back
    and the run ends with its summary; the store is consistent either way (one
    transaction per document), this only makes the ending tidy."""
    import signal

    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    with contextlib.suppress(ValueError):  # not in the main thread (e.g. a test runner)
        signal.signal(signal.SIGTERM, handler)


@app.command()
def events(
    db: DbOpt = None,
    actor: Annotated[str | None, typer.Option(help="Actor name, id or mention text contains this.", show_default=False)] = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER type (ASSAULT) or ACLED event/sub-event type.", show_default=False)] = None,
    country: Annotated[str | None, typer.Option(help="ISO2 code or country name of any of the event's places.", show_default=False)] = None,
    since: Annotated[str | None, typer.Option(help="Event date on or after YYYY-MM-DD.", show_default=False)] = None,
    until: Annotated[str | None, typer.Option(help="Event date on or before YYYY-MM-DD (YYYY-MM: whole month).", show_default=False)] = None,
    near: Annotated[str | None, typer.Option(help="LAT,LON,KM: a place of the event within KM of the point.", show_default=False)] = None,
    text: Annotated[str | None, typer.Option(help="Words in the event's evidence or the article title (word* for prefixes).", show_default=False)] = None,
    limit: Annotated[int | None, typer.Option(help="At most N events (table default: 50).", show_default=False, min=0)] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table or jsonl.")] = "table",
    background: Background = True,
    aggregate: Aggregate = True,
    min_confidence: MinConfidence = None,
) -> None:
    """List stored events, newest first, filtered by actor, type, place, date or words.

    Background events (past happenings an article recalls) and aggregates (summaries of
    many happenings) are listed, marked, unless --no-background / --no-aggregate.

    Example: kharita events --country Yemen --since 2024-03-01 --near 14.8,42.95,50
    """
    if format not in ("table", "jsonl"):
        usage_error(f"--format {format!r}: choose table or jsonl")
    try:
        flt = EventFilter.parse(actor=actor, type=type, country=country, since=since,
                                until=until, near=near, text=text,
                                limit=limit if limit is not None or format == "jsonl" else 51,
                                background=background, aggregate=aggregate,
                                min_confidence=min_confidence)
    except QueryError as exc:
        usage_error(str(exc))
    with open_store(db) as store:
        try:
            rows = list(store.events(flt)) if format == "table" else store.events(flt)
            if format == "jsonl":
                from kharita.export import event_record

                for row in rows:
                    sys.stdout.write(json.dumps(event_record(row), ensure_ascii=False) + "\n")
                return
        except (QueryError, StoreError) as exc:
            usage_error(str(exc))
    assert isinstance(rows, list)
    shown = rows if limit is not None else rows[:50]
    out_console().print(events_table(shown))
    if limit is None and len(rows) > 50:
        err.print("kharita: showing the newest 50 events; use --limit N for more")


@app.command("export")
def export_cmd(
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl, acled-csv, geojson, parquet, or reviews (the analysts' reviewed events as gold).", show_default=False)],
    db: DbOpt = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.", show_default=False)] = None,
    all_events: Annotated[bool, typer.Option("--all-events", help="acled-csv: also events without an ACLED type or that did not happen (negated, denied, planned, threatened, hypothetical).")] = False,
    background: Annotated[bool | None, typer.Option("--background/--no-background", help="Include events recalled as background (default: yes, but no for acled-csv).", show_default=False)] = None,
    aggregate: Annotated[bool | None, typer.Option("--aggregate/--no-aggregate", help="Include summaries of many happenings (default: yes, but no for acled-csv).", show_default=False)] = None,
    min_confidence: MinConfidence = None,
    reviewed: Annotated[bool, typer.Option("--reviewed", help="Apply analysts' reviews (kharita serve): corrected values replace the machine's, events reviewed as wrong are left out.")] = False,
    partition: Annotated[str | None, typer.Option("--partition", help="parquet: write a hive-partitioned dataset into the directory DIR, split by these columns (country, year, month, type; comma-separated).", show_default=False)] = None,
    directory: Annotated[Path | None, typer.Argument(help="With --partition: the dataset's directory (new or empty).", show_default=False)] = None,
) -> None:
    """Write every stored event in one format, streamed.

    acled-csv holds, by default, the events that have an ACLED type and happened, and
    are neither background nor aggregate (ACLED's own unit); the other formats hold
    every event, with its background/aggregate marks.  `--format reviews` writes each
    reviewed event with its corrections applied and its review history, as gold.

    Example: kharita export --format geojson --output events.geojson

    Example: kharita export --format parquet --partition country,month events/
    """
    from kharita.export import ALL_FORMATS, BINARY_FORMATS, export, without_rejected, write_reviews

    if format not in ALL_FORMATS:
        usage_error(f"--format {format!r}: choose one of {', '.join(ALL_FORMATS)}")
    if partition is not None or directory is not None:
        _export_partitioned(format, partition, directory or output, db, min_confidence, reviewed)
        return
    if format == "parquet" and output is None and sys.stdout.isatty():
        usage_error("parquet is binary: give --output FILE (or redirect stdout)")
    acled = format == "acled-csv"
    try:
        flt = EventFilter(background=(not acled) if background is None else background,
                          aggregate=(not acled) if aggregate is None else aggregate,
                          min_confidence=min_confidence)
    except QueryError as exc:
        usage_error(str(exc))
    with open_store(db) as store, output_file(output, binary=format in BINARY_FORMATS) as out:
        try:
            if format == "reviews":
                flt.review = "reviewed"
                by_event: dict[str, list] = {}
                for r in store.reviews():
                    by_event.setdefault(r.event_id, []).append(r)
                n = write_reviews(store.events(flt, reviewed=True), by_event, out)
            else:
                rows = store.events(flt, reviewed=reviewed)
                n = export(without_rejected(rows) if reviewed else rows, format, out,
                           all_events=all_events)
        except (QueryError, StoreError) as exc:
            usage_error(str(exc))
    err.print(f"kharita: exported {n} records as {format}")


def _export_partitioned(format: str, partition: str | None, directory: Path | None,
                        db: str | None, min_confidence: float | None, reviewed: bool) -> None:
    """``export --format parquet --partition COLS DIR``: a hive-partitioned dataset."""
    from kharita.export.parquet import PartitionError, parse_partition, write_parquet_dataset

    if format != "parquet":
        usage_error(f"--partition writes Parquet datasets; use --format parquet, not {format!r}")
    if partition is None:
        usage_error("a directory argument is for --partition; otherwise use --output FILE")
    if directory is None:
        usage_error("--partition needs the dataset's directory, e.g. "
                    "kharita export --format parquet --partition country,month events/")
    try:
        names = parse_partition(partition)
        flt = EventFilter(min_confidence=min_confidence)
    except (PartitionError, QueryError) as exc:
        usage_error(str(exc))
    with open_store(db) as store:
        try:
            from kharita.export import without_rejected

            rows = store.events(flt, reviewed=reviewed)
            n = write_parquet_dataset(without_rejected(rows) if reviewed else rows, directory,
                                      names)
        except (PartitionError, QueryError, StoreError) as exc:
            usage_error(str(exc))
        except OSError as exc:
            usage_error(f"cannot write {directory}: {exc.strerror or exc}")
    err.print(f"kharita: exported {n} records as a Parquet dataset in "
              f"{markup_safe(directory)} (partitioned by {', '.join(names)})")


@app.command()
def show(
    doc_id: Annotated[str, typer.Argument(help="Document id (or a unique prefix of it).", show_default=False)],
    db: DbOpt = None,
) -> None:
    """Print a stored document's clean text with places, actors and events highlighted.

    Places are green, actors cyan, event evidence on a dark background with the
    trigger word in bold red; a numbered list of the events follows.

    Example: kharita show 3f2a9c
    """
    with open_store(db) as store:
        try:
            doc = store.get(doc_id)
            several = store.ids_starting(doc_id) if doc is None else []
        except StoreError as exc:
            usage_error(str(exc))
    if len(several) > 1:
        shown = ", ".join(several[:5]) + (", ..." if len(several) > 5 else "")
        usage_error(f"{doc_id!r} is the start of several document ids ({shown}); give more of it")
    if doc is None:
        usage_error(f"no document {doc_id!r} in {store.location} (ids are listed by `kharita events`)")
    render_document(doc, out_console())
