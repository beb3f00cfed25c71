"""Runs the stages in flow order: ingest -> text -> places -> actors -> events.

Each stage is a callable that takes the shared :class:`~kharita.model.Document`
(and, after the text stage, the spaCy parse of ``Document.text``) and returns it
with the fields it assigns filled in.  This module holds no I/O: readers live in
:mod:`kharita.ingest`, writers in :mod:`kharita.store` and :mod:`kharita.export`.

    stage            reads                         assigns
    ingest           files, stdin                  RawDocument | Failure
    text             RawDocument                   Document.text/title/published/language/id/...
    places           text, spaCy parse             Document.places, Document.focus
    actors           text, parse, places, focus    Document.actors
    events           all of the above              Document.events (every candidate)
    reporting        events, parse                 Document.relevance; Document.events kept,
                                                   scored, marked and folded
"""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Self

from kharita.model import Document, Failure, RawDocument

log = logging.getLogger(__name__)

# Longest text handed to the parser; longer documents are stored whole but only
# this prefix is coded (a news article is a few thousand characters).
MAX_CODED_CHARS = 100_000

# Wording of the warnings put on a document, which the CLI and the store look for.
STAGE_FAILED = "stage failed"  # a stage raised on the document (see stage_warning)
TRUNCATED = "characters were coded"  # only the first MAX_CODED_CHARS were coded

# Errors of the machine, not of the text: the same document may code once they pass
# (a gazetteer built, memory or disk freed).  Anything else a stage raises on a
# document is a bug that the same text meets again under the same kharita version.
_PASSING_ERRORS: tuple[type[BaseException], ...] = (OSError, MemoryError, ImportError)


def stage_warning(stage: str, exc: BaseException) -> str:
    """The warning for a stage that raised on a document.

    A failure of the text itself names the kharita version and the error type, so
    the store can tell that coding the same text again would fail the same way.
    """
    if isinstance(exc, _PASSING_ERRORS) or _is_passing(exc):
        return f"{stage} {STAGE_FAILED}: {exc}"
    return f"{stage} {STAGE_FAILED} ({_version_tag()}, {type(exc).__name__}): {exc}"


def recode_may_help(warning: str) -> bool:
    """Whether coding a document again could clear this warning: a stage failed for a
    passing reason, or under another kharita version than this one."""
    if STAGE_FAILED not in warning:
        return False
    return f"{STAGE_FAILED} ({_version_tag()}," not in warning


def _version_tag() -> str:
    from kharita import __version__

    return f"kharita {__version__}"


def _is_passing(exc: BaseException) -> bool:
    """A missing gazetteer or a SQLite error (locked, disk full) passes with the machine."""
    import sqlite3

    from kharita.places.gazetteer import GazetteerMissing

    return isinstance(exc, GazetteerMissing | sqlite3.Error)


def _add_warning(doc: Document, warning: str) -> None:
    """Add a warning once (a batch retried document by document codes some twice)."""
    if warning not in doc.warnings:
        doc.warnings.append(warning)


@dataclass
class Options:
    """Which stages run, and how documents are batched through spaCy."""

    places: bool = True
    actors: bool = True
    events: bool = True
    # the reporting stage (relevance, which candidates a coder would code, folding);
    # off, every candidate the events stage codes is kept (for training and debugging)
    reporting: bool = True
    batch_size: int = 16
    # Worker processes for the parse and the stages; 1 codes in this process.
    # Batches smaller than MIN_PARALLEL_DOCS are always coded here, so a single
    # article never pays a worker's start-up (~3 s to load spaCy, gazetteer, KB).
    workers: int = 1


MIN_PARALLEL_DOCS = 8
# Documents per task sent to a worker (see Pipeline._annotate_parallel).
PARALLEL_CHUNK = 4


def default_workers() -> int:
    """Workers for the CLI: ``KHARITA_WORKERS``, else one per core (at most 4)."""
    env = os.environ.get("KHARITA_WORKERS")
    if env and env.strip().isdigit() and int(env) > 0:
        return int(env)
    return max(1, min(4, os.cpu_count() or 1))


Stage = Callable[[Document, Any], Document]


class Pipeline:
    """Turns raw inputs into coded documents, one batch at a time, in input order."""

    def __init__(self, options: Options | None = None, dedup: Any | None = None,
                 stages: list[tuple[str, Stage]] | None = None, executor: Any | None = None) -> None:
        """``stages`` hands the pipeline stage objects already built (say, a Geoparser
        whose gazetteer is open); by default they are built from ``options`` on first
        use.  ``executor`` codes chunks of documents elsewhere (a Dask cluster, see
        :mod:`kharita.runner.cluster`): ``submit(chunks)`` starts them and returns a
        handle, ``gather(handle)`` yields each chunk's coded documents in order."""
        from kharita.text import Deduplicator

        self.options = options or Options()
        self.dedup = dedup if dedup is not None else Deduplicator()
        self._stages: list[tuple[str, Stage]] | None = stages
        self._pool: Any = None
        self.executor = executor

    def close(self) -> None:
        """Stop the worker processes, if any were started."""
        if self.executor is not None:
            self.executor.close()
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def needs_parser(self) -> bool:
        o = self.options
        return o.places or o.actors or o.events

    def stages(self) -> list[tuple[str, Stage]]:
        """Build the stage objects lazily (they load the gazetteer and actor KB)."""
        if self._stages is None:
            stages: list[tuple[str, Stage]] = []
            if self.options.places or self.options.events:
                from kharita.places import Geoparser

                stages.append(("places", Geoparser()))
            if self.options.actors or self.options.events:
                from kharita.actors import ActorResolver

                stages.append(("actors", ActorResolver()))
            if self.options.events:
                from kharita.events import EventCoder

                stages.append(("events", EventCoder()))
                if self.options.reporting:
                    from kharita.reporting import Reporter

                    stages.append(("reporting", Reporter()))
            self._stages = stages
        return self._stages

    def clean(self, item: RawDocument | Failure, dedup: bool = True) -> Document | Failure:
        """The text stage for one input, with near-duplicate detection.

        ``dedup=False`` leaves duplicate detection to the caller (the store-backed
        runner skips documents it already holds before seeding the detector).
        """
        from kharita.text import clean

        if isinstance(item, Failure):
            return item
        try:
            result = clean(item)
        except Exception as exc:  # a stage bug must not lose the rest of the batch
            log.debug("text stage failed", exc_info=True)
            return Failure(item.input, f"text extraction failed: {exc}", stage="text")
        if dedup and isinstance(result, Document):
            self.dedup.check(result)
        return result

    def process(self, items: Iterable[RawDocument | Failure]) -> Iterator[Document | Failure]:
        """Yield one Document or Failure per input item, in input order (through the
        one runner, :func:`kharita.runner.code`, and its failure guard)."""
        from kharita.runner import code

        return code(self, items)

    def process_batch(self, batch: list[RawDocument | Failure]) -> list[Document | Failure]:
        """One batch through the runner (a list, in input order)."""
        return list(self.process(batch))

    def annotate(self, cleaned: list[Document | Failure],
                 submitted: Any = None) -> list[Document | Failure]:
        """Run the parser and the places/actors/events stages over coded documents.

        ``submitted``: what :meth:`submit` returned for this same list, whose results
        are collected instead of coding the documents again.
        """
        if submitted is not None:
            return self._collect(cleaned, submitted)
        todo = self._todo(cleaned)
        if not todo:
            return cleaned
        if self.executor is not None:
            return self._collect(cleaned, self.submit(cleaned))
        workers = self.options.workers
        if workers > 1 and len(todo) >= MIN_PARALLEL_DOCS:
            return self._annotate_parallel(cleaned, todo, workers)
        return self._annotate_here(cleaned, todo)

    def _todo(self, cleaned: list[Document | Failure]) -> list[int]:
        """Indexes of the documents the parser and the stages have work on."""
        if not self.needs_parser:
            return []
        return [i for i, d in enumerate(cleaned) if isinstance(d, Document) and d.coded and d.text]

    def submit(self, cleaned: list[Document | Failure]) -> Any:
        """Start coding ``cleaned`` on the executor and return at once (None without an
        executor or work); :meth:`annotate` with ``submitted=`` collects the results, so
        the runner can read and clean the next batch meanwhile."""
        todo = self._todo(cleaned)
        if self.executor is None or not todo:
            return None
        size = max(1, PARALLEL_CHUNK)
        chunks = [todo[k : k + size] for k in range(0, len(todo), size)]
        return chunks, self.executor.submit([[cleaned[i] for i in c] for c in chunks])

    def _collect(self, cleaned: list[Document | Failure], submitted: Any) -> list[Document | Failure]:
        """The submitted chunks' results, in input order."""
        if submitted is None:
            return cleaned
        chunks, handle = submitted
        for chunk, docs in zip(chunks, self.executor.gather(handle)):
            for i, doc in zip(chunk, docs):
                cleaned[i] = doc
        return cleaned

    def _annotate_parallel(
        self, cleaned: list[Document | Failure], todo: list[int], workers: int
    ) -> list[Document | Failure]:
        """Split the batch into contiguous chunks, one per worker; order is kept."""
        if self._pool is None:
            import multiprocessing

            # spawn, not fork: a forked child would share this process's open
            # SQLite handles (gazetteer, store), which SQLite forbids.
            ctx = multiprocessing.get_context("spawn")
            opts = dataclasses.replace(self.options, workers=1)
            _quiet_resource_tracker()
            level = logging.getLogger("kharita").getEffectiveLevel()
            self._pool = ctx.Pool(workers, initializer=_worker_init,
                                  initargs=(opts, level, os.getpid()))
        # Small chunks handed out as workers free up: documents differ in length, and
        # with one chunk per worker the batch waits for the slowest.
        size = max(1, min(PARALLEL_CHUNK, -(-len(todo) // workers)))
        chunks = [todo[k : k + size] for k in range(0, len(todo), size)]
        results = self._pool.imap(_worker_annotate, [[cleaned[i] for i in c] for c in chunks])
        for chunk, docs in zip(chunks, results):
            for i, doc in zip(chunk, docs):
                cleaned[i] = doc
        return cleaned

    def _annotate_here(
        self, cleaned: list[Document | Failure], todo: list[int]
    ) -> list[Document | Failure]:
        from kharita import nlp

        parser = nlp.load()
        texts = []
        for i in todo:
            doc = cleaned[i]
            assert isinstance(doc, Document)
            if len(doc.text) > MAX_CODED_CHARS:
                _add_warning(doc, f"only the first {MAX_CODED_CHARS:,} of its {len(doc.text):,} "
                                  f"{TRUNCATED}")
            texts.append(doc.text[:MAX_CODED_CHARS])
        stages = self.stages()
        for i, sdoc in zip(todo, parser.pipe(texts, batch_size=self.options.batch_size)):
            doc = cleaned[i]
            assert isinstance(doc, Document)
            for name, stage in stages:
                try:
                    doc = stage(doc, sdoc)
                except Exception as exc:  # keep the document, say which stage failed
                    log.warning("%s: %s stage failed: %s", doc.input or doc.id, name, exc)
                    log.debug("stage failure", exc_info=True)
                    _add_warning(doc, stage_warning(name, exc))
            cleaned[i] = doc
        return cleaned


_WORKER: Pipeline | None = None


def _quiet_resource_tracker() -> None:
    """Keep multiprocessing's resource tracker quiet when kharita is killed.

    The tracker (a helper process started with the workers) cleans up the pool's
    semaphores after a ``kill -9`` and then warns about them on the user's
    terminal: noise about a cleanup that worked.  It takes its warning filters
    from ``sys.warnoptions``; this one ignores only that module's UserWarning.
    """
    import sys

    ignore = "ignore::UserWarning:multiprocessing.resource_tracker"
    if ignore not in sys.warnoptions:
        sys.warnoptions.append(ignore)


def _worker_init(options: Options, log_level: int = logging.WARNING, parent: int = 0) -> None:
    global _WORKER, _BLAS_LIMIT
    _quiet_worker(log_level, parent)
    # One BLAS thread per worker: the workers already use every core, and numpy's
    # OpenBLAS (which the parser's matrix products go through, see nlp_speed) would
    # otherwise start one thread per core in each of them.  threadpoolctl only sees
    # libraries already loaded, hence numpy first.
    import numpy  # noqa: F401
    from threadpoolctl import threadpool_limits

    _BLAS_LIMIT = threadpool_limits(limits=1, user_api="blas")
    _WORKER = Pipeline(options)


def _quiet_worker(log_level: int, parent: int) -> None:
    """A worker speaks only through its results; the parent process talks to the user.

    * it logs at the parent's level (the CLI keeps stage warnings off stderr and
      says them once itself; a spawned worker would otherwise say them again);
    * Ctrl-C is the parent's to handle (it stops the workers): a worker that took
      the terminal's SIGINT itself would print a KeyboardInterrupt traceback;
    * once the parent is gone (killed), nobody reads the worker's results: its
      BrokenPipe traceback on the user's terminal would be noise, so stderr falls
      silent.
    """
    import signal
    import sys

    logging.getLogger("kharita").setLevel(log_level)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if parent:
        sys.stderr = _SilentWhenOrphaned(sys.stderr, parent)


class _SilentWhenOrphaned:
    """A stderr that drops what is written once the parent process has died."""

    def __init__(self, stream: Any, parent: int) -> None:
        self._stream = stream
        self._parent = parent

    def write(self, text: str) -> int:
        if os.getppid() != self._parent:
            return len(text)
        return self._stream.write(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


_BLAS_LIMIT: Any = None


def _worker_annotate(docs: list[Document]) -> list[Document | Failure]:
    assert _WORKER is not None
    return _WORKER.annotate(list(docs))


def run(items: Iterable[RawDocument | Failure], options: Options | None = None) -> Iterator[Document | Failure]:
    """Convenience: ``Pipeline(options).process(items)``."""
    return Pipeline(options).process(items)
