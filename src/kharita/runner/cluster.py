"""Distributed runs: the stages on a Dask cluster, the store written by the client.

    kharita ingest crawl/*.warc.gz --cluster tcp://scheduler:8786 --db postgresql://...
    kharita ingest guardian.jsonl --cluster local:2          # a LocalCluster of 2 processes

How work is split: the client reads the inputs (files, JSON Lines, WARC records, one
input at a time as for a local run), runs the cheap text stage, drops what the store
already holds and marks near-duplicates, exactly as a local run does; what is left
goes to the workers in chunks of :data:`~kharita.pipeline.PARALLEL_CHUNK` documents
(the parse and the places/actors/events/reporting stages, which are nearly all of the
time).  Chunks are sent as a batch of several per worker and come back in input
order; the client saves each document in its own transaction, in input order, so a
cluster run stores the same rows in the same order as a local run, and its events
are the same, byte for byte.

Why the client writes: a worker that dies mid-chunk has written nothing, so nothing
is half-stored; Dask gives its chunk to another worker; and a re-run of a run that
was stopped skips every document already stored (the runner checks id and content
hash before coding), so it adds nothing.  Workers need no database access.

Each worker process builds the stages once (spaCy, the gazetteer, the actor
knowledge base) when it joins (:class:`Preload`, a worker plugin) and keeps them
for every chunk after (:func:`code_chunk`).
"""

from __future__ import annotations

import dataclasses
import logging
import re
import time
from collections.abc import Iterator
from typing import Any

from distributed import WorkerPlugin

from kharita.model import Document, Failure
from kharita.pipeline import Options, Pipeline
from kharita.runner import RunAborted

log = logging.getLogger(__name__)

LOCAL = re.compile(r"^local:(\d+)$")
CONNECT_TIMEOUT = 15.0  # seconds to reach the scheduler ($KHARITA_CLUSTER_TIMEOUT)
# Chunks in flight per worker: enough that no worker waits for the client.
CHUNKS_PER_WORKER = 16
REGISTER_ATTEMPTS = 3  # plugin registration tries (a worker may be restarting)


class ClusterError(RunAborted):
    """The cluster cannot be used (unreachable, lost, no workers); the run stops."""


# -- on the workers ---------------------------------------------------------

_PIPELINES: dict[tuple[Any, ...], Pipeline] = {}


def _pipeline_for(options: Options) -> Pipeline:
    """This worker process's pipeline for ``options``, built once."""
    key = dataclasses.astuple(options)
    pipe = _PIPELINES.get(key)
    if pipe is None:
        import numpy  # noqa: F401 - loaded first so threadpoolctl sees its BLAS
        from threadpoolctl import threadpool_limits

        # one BLAS thread per worker process: a cluster runs one process per core
        threadpool_limits(limits=1, user_api="blas")
        logging.getLogger("kharita").setLevel(logging.ERROR)  # warnings travel on documents
        pipe = Pipeline(options)
        pipe.stages()  # spaCy is loaded by the first parse; the gazetteer and KB now
        from kharita import nlp

        nlp.load()
        _PIPELINES[key] = pipe
    return pipe


def code_chunk(docs: list[Document], options: Options) -> list[Document | Failure]:
    """The task: parse and code a chunk of cleaned documents, in order."""
    return _pipeline_for(options).annotate(list(docs))


class Preload(WorkerPlugin):
    """Dask worker plugin: build the stages when a worker joins (a restarted worker
    too), not in its first task."""

    name = "kharita-preload"

    def __init__(self, options: Options) -> None:
        self.options = options

    def setup(self, worker: Any) -> None:
        _pipeline_for(self.options)


# -- on the client ----------------------------------------------------------


def parse_address(address: str) -> tuple[str, int | None]:
    """("local", N) for ``local:N``, else (the scheduler address, None)."""
    m = LOCAL.match(address.strip())
    if m:
        n = int(m.group(1))
        if n < 1:
            raise ClusterError(f"--cluster {address!r}: local:N needs at least one worker")
        return "local", n
    if address.startswith("local"):
        raise ClusterError(f"--cluster {address!r}: write local:N, e.g. local:2")
    if not re.match(r"^(tcp|tls|ucx|inproc|ws|wss)://[^/\s]+$", address.strip()):
        raise ClusterError(f"--cluster {address!r}: expected a scheduler address like "
                           "tcp://HOST:8786, or local:N")
    return address.strip(), None


class DaskExecutor:
    """Codes chunks of documents on a Dask cluster (see the module docstring)."""

    def __init__(self, address: str, options: Options) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - a dependency
            raise ClusterError("distributed runs need the dask[distributed] package") from exc
        target, n = parse_address(address)
        # The client speaks through ClusterError; distributed's own logger would print
        # tracebacks on the user's terminal when the scheduler goes away.
        for name in ["distributed", *logging.root.manager.loggerDict]:
            if name.startswith("distributed"):  # its config gives some their own levels
                logging.getLogger(name).setLevel(logging.CRITICAL)
        self.address = address
        self.options = dataclasses.replace(options, workers=1)
        self._cluster: Any = None
        self.client: Any = None
        try:
            if n is not None:
                self._cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                             dashboard_address=":0", silence_logs=logging.ERROR)
                self.client = Client(self._cluster)
            else:
                self.client = Client(target, timeout=f"{connect_timeout()}s")
        except Exception as exc:
            self.close()
            raise ClusterError(f"cannot reach the Dask scheduler at {address}: "
                               f"{_reason(exc)}") from exc
        # A worker that its nanny is restarting (after a crash or a kill) closes the
        # plugin registration's connection; a moment later it is back: try again.
        for attempt in range(REGISTER_ATTEMPTS):
            try:
                if not self.client.scheduler_info().get("workers"):
                    self.client.wait_for_workers(1, timeout=60)
                self.client.register_plugin(Preload(self.options))
                break
            except Exception as exc:
                if attempt + 1 < REGISTER_ATTEMPTS:
                    time.sleep(1.0 + attempt)
                    continue
                self.close()
                raise ClusterError(f"the Dask cluster at {address} has no usable worker: "
                                   f"{_reason(exc)}") from exc

    @property
    def workers(self) -> int:
        return len(self.client.scheduler_info().get("workers", {}))

    def submit(self, chunks: list[list[Document]]) -> list[Any]:
        """Send the chunks to the cluster; returns their futures, in order."""
        try:
            return self.client.map(code_chunk, chunks, options=self.options, pure=False)
        except Exception as exc:
            raise ClusterError(f"lost the Dask cluster at {self.address}: "
                               f"{_reason(exc)}") from exc

    def gather(self, futures: list[Any]) -> Iterator[list[Document | Failure]]:
        """Each chunk's coded documents, in order; a chunk that raised raises here."""
        from distributed import KilledWorker

        try:
            for future in futures:
                try:
                    yield future.result()
                except KilledWorker:
                    raise  # the chunk killed worker after worker: the runner isolates the document
                except Exception as exc:
                    if self.client.status != "running" or _is_connection_error(exc):
                        raise ClusterError(f"lost the Dask cluster at {self.address}: "
                                           f"{_reason(exc)}") from exc
                    raise
        finally:
            self.client.cancel([f for f in futures if not f.done()])

    def map(self, chunks: list[list[Document]]) -> Iterator[list[Document | Failure]]:
        return self.gather(self.submit(chunks))

    def close(self) -> None:
        import contextlib

        if self.client is not None:
            with contextlib.suppress(Exception):
                self.client.close()
            self.client = None
        if self._cluster is not None:
            with contextlib.suppress(Exception):
                self._cluster.close()
            self._cluster = None


def _reason(exc: BaseException) -> str:
    """One line: the exception's type and the first line of its message."""
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__


def connect_timeout() -> float:
    import os

    try:
        value = float(os.environ.get("KHARITA_CLUSTER_TIMEOUT", CONNECT_TIMEOUT))
    except ValueError:
        return CONNECT_TIMEOUT
    return value if value > 0 else CONNECT_TIMEOUT


def _is_connection_error(exc: BaseException) -> bool:
    from asyncio import CancelledError

    from distributed.comm.core import CommClosedError

    return isinstance(exc, CommClosedError | OSError | TimeoutError | CancelledError)


def cluster_pipeline(address: str, options: Options, batch_size: int | None = None) -> Pipeline:
    """A Pipeline whose parse and stages run on the cluster at ``address``; its batches
    hold several chunks per worker (unless ``batch_size`` says otherwise) so no worker
    waits for the client, which reads and sends the next batch meanwhile."""
    from kharita.pipeline import PARALLEL_CHUNK

    executor = DaskExecutor(address, options)
    batch = batch_size or max(options.batch_size,
                              CHUNKS_PER_WORKER * PARALLEL_CHUNK * max(1, executor.workers))
    return Pipeline(dataclasses.replace(options, batch_size=batch, workers=1), executor=executor)
