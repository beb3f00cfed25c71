"""The one runner: inputs in, stages run, finished documents handed to a sink.

Every command that codes text goes through here: ``kharita extract`` (to a stream,
:func:`extract`), ``kharita ingest`` and ``kharita watch`` (into a store,
:class:`Ingester`), and ``Pipeline.process`` (:func:`code`).  The failure guard is
written once, here: a batch must survive anything one input does.  A reader that
raises costs only its own input; a parser/stage error on a batch is retried document
by document; and when writing to the store each document is committed in its own
transaction, so
Ctrl-C or a kill leaves every stored document whole and a re-run picks up
where the last one stopped (stored documents are recognised by id and content
hash *before* the costly parse, failed inputs are retried and their failure
rows cleared when they succeed).
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from kharita import pipeline as stages
from kharita.model import Document, Failure, RawDocument
from kharita.pipeline import TRUNCATED, Pipeline, recode_may_help
from kharita.store.base import Store
from kharita.text.dedup import Deduplicator

log = logging.getLogger(__name__)

# How many stored documents seed near-duplicate detection on a new run: the
# most recent ones, which is where re-published copies of an article land.
# Seeding reads each one's stored 512-byte signature (~0.05 ms; documents stored
# before signatures were kept are re-hashed, ~3 ms), once per run and only if a run
# has a new document; exact copies are recognised by id and content hash regardless.
DEDUP_SEED_LIMIT = 10_000

Item = RawDocument | Failure
Result = Document | Failure
# Called once per input item with its outcome: "new", "updated", "duplicate", "failed"
# (or "near-duplicate", only when near-duplicates are not coded).
Callback = Callable[[Result, str], None]


@dataclass
class Summary:
    """What one ingest run did, for the closing line and the exit code."""

    new: int = 0
    updated: int = 0  # stored before, coded again: changed text, --force, or a stage had failed
    duplicate: int = 0
    near_duplicate: int = 0
    failed: int = 0
    events: int = 0
    truncated: int = 0  # stored but coded only in part (longer than MAX_CODED_CHARS)

    def line(self) -> str:
        near = f" ({self.near_duplicate} near-duplicate)" if self.near_duplicate else ""
        updated = f", {self.updated} updated" if self.updated else ""
        truncated = (f"; {self.truncated} coded only in part (the first "
                     f"{stages.MAX_CODED_CHARS:,} characters)") if self.truncated else ""
        return (
            f"documents: {self.new} new{near}{updated}, {self.duplicate} duplicate, "
            f"{self.failed} failed; events: {self.events}{truncated}"
        )


class RunAborted(Exception):
    """The machinery, not a document, failed (say, the cluster was lost): the run stops
    here, every document saved so far is whole, and running again finishes it."""


def read_safely(inputs: Iterable[str], max_bytes: int | None = None) -> Iterator[Item]:
    """``kharita.ingest.read_inputs`` one input at a time, so a reader crash costs one input."""
    from kharita.ingest import read_inputs

    for name in inputs:
        try:
            yield from read_inputs([name], max_bytes=max_bytes)
        except Exception as exc:  # a reader bug must not end the batch
            log.debug("reader failed", exc_info=True)
            yield Failure(name, f"could not read: {type(exc).__name__}: {exc}", stage="ingest")


def annotate_safely(pipeline: Pipeline, docs: list[Document], submitted: Any = None) -> list[Result]:
    """Code a batch (or collect it, when ``pipeline.submit`` started it: ``submitted``);
    if the batch fails as a whole, code its documents one by one."""
    if not docs:
        return []
    try:
        return pipeline.annotate(list(docs), submitted) if submitted is not None \
            else pipeline.annotate(list(docs))
    except RunAborted:
        raise
    except Exception:
        log.debug("batch coding failed; retrying one by one", exc_info=True)
    out: list[Result] = []
    for doc in docs:
        try:
            out += pipeline.annotate([doc])
        except RunAborted:
            raise
        except Exception as exc:  # one document's bug must not end the batch
            log.debug("coding failed for %s", doc.input or doc.id, exc_info=True)
            out.append(Failure(doc.input or doc.id, f"coding failed: {exc}", stage="annotate"))
    return out


def clean_safely(pipeline: Pipeline, item: Item) -> Result:
    """The text stage for one input; near-duplicate detection is the caller's (see check_duplicate)."""
    try:
        return pipeline.clean(item, dedup=False)
    except Exception as exc:  # one input's bug must not end the batch
        log.debug("text stage failed", exc_info=True)
        return Failure(getattr(item, "input", "?"), f"text extraction failed: {exc}", stage="text")


def check_duplicate(pipeline: Pipeline, doc: Document) -> None:
    """Mark ``doc`` as a near-duplicate when it is one; a detector bug only costs a warning."""
    try:
        pipeline.dedup.check(doc)
    except Exception as exc:  # duplicate marking is optional, the document is not
        log.debug("duplicate check failed", exc_info=True)
        doc.warnings.append(f"near-duplicate check failed: {exc}")
    if doc.duplicate_of == doc.id:  # its own stored copy (a forced re-code)
        doc.duplicate_of = None


def extract(
    inputs: Iterable[str], pipeline: Pipeline | None = None, max_bytes: int | None = None
) -> Iterator[Result]:
    """One Document or Failure per input document, in input order; stores nothing."""
    return code(pipeline or Pipeline(), read_safely(inputs, max_bytes))


def code(pipeline: Pipeline, items: Iterable[Item]) -> Iterator[Result]:
    """One Document or Failure per item, in order: text stage, near-duplicate marks,
    then the parse and the stages, batch by batch, each failure kept to its input."""
    items = iter(items)
    while batch := list(itertools.islice(items, pipeline.options.batch_size)):
        cleaned = [clean_safely(pipeline, item) for item in batch]
        docs = [d for d in cleaned if isinstance(d, Document)]
        for doc in docs:
            check_duplicate(pipeline, doc)
        coded = iter(annotate_safely(pipeline, docs))
        for item in cleaned:
            yield next(coded) if isinstance(item, Document) else item


def known(store: Store, doc_id: str, content_hash: str | None) -> bool:
    """True when this exact document (same id and content) is already stored, whole.

    A copy stored while a stage was failing for a reason that may pass (say,
    before the gazetteer was built) does not count: the next run codes it
    again and replaces it.  A stage that failed on the text itself, under this
    kharita version, would fail the same way again: that copy counts, so a
    re-run adds nothing (``--force`` or a new version codes it again).
    """
    stored = store.stored_version(doc_id)
    if stored is None or stored.content_hash != content_hash:
        return False
    return not any(recode_may_help(w) for w in stored.warnings)


class Ingester:
    """Feeds inputs through the pipeline into a store; keeps a running :class:`Summary`.

    The summary stays readable after an interrupt, so the CLI can say how far it got.
    """

    def __init__(
        self,
        store: Store,
        pipeline: Pipeline | None = None,
        *,
        force: bool = False,
        on_result: Callback | None = None,
        code_near_duplicates: bool = True,
    ) -> None:
        self.store = store
        self.pipeline = pipeline or Pipeline()
        self.force = force
        # False: a near-duplicate of a stored document is neither coded nor stored, and
        # is reported as "near-duplicate" (kharita watch: one story from several feeds
        # is coded once); True: it is coded and stored, marked duplicate_of (ingest)
        self.code_near_duplicates = code_near_duplicates
        self.on_result = on_result or (lambda item, status: None)
        self.summary = Summary()
        # id -> (content hash, input) of the first document of this run with that id
        self._seen: dict[str, tuple[str | None, str | None]] = {}
        self._seeded = False

    def run(self, inputs: Iterable[str], max_bytes: int | None = None) -> Summary:
        items = read_safely(inputs, max_bytes)
        size = self.pipeline.options.batch_size
        if getattr(self.pipeline, "executor", None) is None:
            while batch := list(itertools.islice(items, size)):
                self.run_batch(batch)
            return self.summary
        # On a cluster, the next batch is read, cleaned and sent while this one is coded;
        # documents are still saved batch by batch, in input order.
        pending: tuple[list[Document], Any] | None = None
        while batch := list(itertools.islice(items, size)):
            todo = self._prepare(batch)
            submitted = self.pipeline.submit(list(todo))
            if pending is not None:
                self._finish(*pending)
            pending = (todo, submitted)
        if pending is not None:
            self._finish(*pending)
        return self.summary

    def run_batch(self, batch: list[Item]) -> None:
        self._finish(self._prepare(batch))

    def _prepare(self, batch: list[Item]) -> list[Document]:
        """The text stage and the checks before coding; what is left to code."""
        todo: list[Document] = []
        for item in batch:
            result = clean_safely(self.pipeline, item)
            if isinstance(result, Document):
                result = self._id_conflict(result) or result
            if isinstance(result, Failure):
                self._failed(result)
            elif self._already_stored(result):
                self.summary.duplicate += 1
                self.on_result(result, "duplicate")
            else:
                self._check_near_duplicate(result)
                if result.duplicate_of and not self.code_near_duplicates:
                    self.summary.duplicate += 1
                    self.on_result(result, "near-duplicate")
                    continue
                todo.append(result)
        return todo

    def _finish(self, todo: list[Document], submitted: Any = None) -> None:
        """Code (or collect) the batch and save each document, in input order."""
        for result in annotate_safely(self.pipeline, todo, submitted):
            if isinstance(result, Failure):
                self._failed(result)
                continue
            status = "updated" if self.store.has(result.id) else "new"
            # its own transaction: an interrupt loses at most this one
            self.store.save(result, signature=Deduplicator.signature(result.text))
            if status == "new":
                self.summary.new += 1
                self.summary.near_duplicate += result.duplicate_of is not None
            else:
                self.summary.updated += 1
            self.summary.events += len(result.events)
            self.summary.truncated += any(TRUNCATED in w for w in result.warnings)
            self.on_result(result, status)

    def _failed(self, failure: Failure) -> None:
        self.store.record_failure(failure)
        self.summary.failed += 1
        self.on_result(failure, "failed")

    def _id_conflict(self, doc: Document) -> Failure | None:
        """A Failure when an earlier input of this run had the same id and another text.

        The first one in input order is stored, every run alike; the later one is
        named rather than silently counted as a duplicate.
        """
        first = self._seen.get(doc.id)
        if first is None or first[0] == doc.content_hash:
            return None
        where = first[1] or "an earlier input"
        return Failure(doc.input or doc.id,
                       f"id {doc.id!r} is already used by {where} for a different text; "
                       "not stored (give each document its own id)", stage="ingest")

    def _already_stored(self, doc: Document) -> bool:
        if doc.id in self._seen:
            return True
        self._seen[doc.id] = (doc.content_hash, doc.input)
        if not self.force and known(self.store, doc.id, doc.content_hash):
            if doc.input:
                self.store.clear_failure(doc.input)
            return True
        return False

    def _check_near_duplicate(self, doc: Document) -> None:
        if not self._seeded:
            self._seeded = True
            try:
                dedup = self.pipeline.dedup
                for doc_id, digest, signature, text in self.store.signatures(limit=DEDUP_SEED_LIMIT):
                    if signature is None and text is not None:  # stored by an older kharita
                        dedup.add(doc_id, text, digest)
                    else:
                        dedup.add_signature(doc_id, digest, signature)
            except Exception:  # without seeds, only this run's copies are found
                log.warning("could not seed near-duplicate detection", exc_info=True)
        check_duplicate(self.pipeline, doc)
