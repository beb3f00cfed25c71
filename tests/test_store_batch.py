"""The batch runner: interrupt safety, resumption, retried failures, crash isolation.

Stages are switched off (no spaCy parse) except where a test injects a failing one,
so these tests exercise the plumbing quickly.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kharita import runner
from kharita.model import Document, Failure
from kharita.pipeline import Options, Pipeline
from kharita.runner import Ingester, extract
from kharita.store import SQLiteStore


def _pipeline() -> Pipeline:
    return Pipeline(Options(places=False, actors=False, events=False, batch_size=4))


def _write_articles(folder: Path, n: int) -> list[Path]:
    paths = []
    for i in range(n):
        p = folder / f"article{i:02d}.txt"
        p.write_text(
            f"Report number {i} from the field\n\n"
            f"Armed men attacked checkpoint {i} near the river crossing on Wednesday, "
            f"killing {i + 2} soldiers, according to a military statement issued on Thursday. "
            f"Local officials said the attack on checkpoint {i} lasted about an hour.\n",
            encoding="utf-8",
        )
        paths.append(p)
    return paths


def test_interrupt_leaves_store_consistent_and_rerun_completes(tmp_path: Path) -> None:
    paths = _write_articles(tmp_path, 10)
    db = tmp_path / "k.sqlite"
    seen: list[str] = []

    def interrupt_after_three(item: Document | Failure, status: str) -> None:
        seen.append(status)
        if len(seen) == 3:
            raise KeyboardInterrupt

    with SQLiteStore(db) as store:
        ingester = Ingester(store, _pipeline(), on_result=interrupt_after_three)
        with pytest.raises(KeyboardInterrupt):
            ingester.run([str(p) for p in paths])
        assert ingester.summary.new == 3
    with SQLiteStore(db) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.counts()["documents"] == 3
        summary = Ingester(store, _pipeline()).run([str(p) for p in paths])
        assert (summary.new, summary.duplicate, summary.failed) == (7, 3, 0)
        assert store.counts()["documents"] == 10


def test_failed_input_retried_and_cleared(tmp_path: Path) -> None:
    empty = tmp_path / "later.txt"
    empty.write_bytes(b"")
    with SQLiteStore(tmp_path / "k.sqlite") as store:
        summary = Ingester(store, _pipeline()).run([str(empty)])
        assert summary.failed == 1
        assert [f.input for f in store.failures()] == [str(empty)]
        _write_articles(tmp_path, 1)[0].replace(empty)
        summary = Ingester(store, _pipeline()).run([str(empty)])
        assert summary.new == 1 and summary.failed == 0
        assert store.failures() == []


def test_reader_crash_costs_only_its_input(tmp_path: Path, monkeypatch) -> None:
    good = _write_articles(tmp_path, 2)
    import kharita.ingest

    real = kharita.ingest.read_inputs

    def flaky(inputs, max_bytes=None):
        inputs = list(inputs)
        if inputs == ["boom"]:
            raise RuntimeError("reader exploded")
        return real(inputs, max_bytes=max_bytes)

    monkeypatch.setattr(kharita.ingest, "read_inputs", flaky)
    results = list(extract([str(good[0]), "boom", str(good[1])], _pipeline()))
    assert [type(r).__name__ for r in results] == ["Document", "Failure", "Document"]
    assert results[1].input == "boom" and "reader exploded" in results[1].reason


def test_stage_crash_on_whole_batch_retried_per_document(tmp_path: Path) -> None:
    paths = _write_articles(tmp_path, 3)
    pipeline = _pipeline()

    def annotate(docs: list[Document]):
        if len(docs) > 1 or "checkpoint 1 " in docs[0].text:
            raise RuntimeError("parser fell over")
        return docs

    pipeline.annotate = annotate  # type: ignore[method-assign]
    results = list(extract([str(p) for p in paths], pipeline))
    assert [type(r).__name__ for r in results] == ["Document", "Failure", "Document"]
    assert results[1].stage == "annotate" and "parser fell over" in results[1].reason


def test_text_stage_crash_is_a_failure(tmp_path: Path, monkeypatch) -> None:
    paths = _write_articles(tmp_path, 2)
    pipeline = _pipeline()
    real_clean = pipeline.clean

    def clean(item, dedup=True):
        if str(item.input).endswith("article00.txt"):
            raise ValueError("bad markup")
        return real_clean(item, dedup=dedup)

    monkeypatch.setattr(pipeline, "clean", clean)
    results = list(extract([str(p) for p in paths], pipeline))
    assert isinstance(results[0], Failure) and "bad markup" in results[0].reason
    assert isinstance(results[1], Document)


def _article_and_edited_copy(folder: Path) -> tuple[Path, Path]:
    """An article and a lightly edited copy of it (a near-duplicate)."""
    first = _write_articles(folder, 1)[0]
    copy = folder / "copy.txt"
    copy.write_text(first.read_text(encoding="utf-8").replace("about an hour", "about one hour"),
                    encoding="utf-8")
    return first, copy


def test_near_duplicate_seeded_from_store(tmp_path: Path) -> None:
    """A lightly edited copy arriving in a later run is marked as a near-duplicate."""
    first, copy = _article_and_edited_copy(tmp_path)
    with SQLiteStore(tmp_path / "k.sqlite") as store:
        Ingester(store, _pipeline()).run([str(first)])
        summary = Ingester(store, _pipeline()).run([str(copy)])
        assert summary.new == 1 and summary.near_duplicate == 1
        stored = next(d for d in store.documents() if d.input == str(copy))
        assert stored.duplicate_of is not None and stored.duplicate_of != stored.id


def test_near_duplicate_seeded_from_text_when_no_signature_is_stored(tmp_path: Path) -> None:
    """Documents stored before signatures were kept are seeded from their text."""
    first, copy = _article_and_edited_copy(tmp_path)
    with SQLiteStore(tmp_path / "k.sqlite") as store:
        Ingester(store, _pipeline()).run([str(first)])
        assert store.conn.execute("SELECT count(*) FROM documents WHERE minhash IS NOT NULL").fetchone()[0] == 1
        store.conn.execute("UPDATE documents SET minhash = NULL")
        summary = Ingester(store, _pipeline()).run([str(copy)])
        assert summary.near_duplicate == 1


def test_same_document_twice_in_one_run_counted_once(tmp_path: Path) -> None:
    p = _write_articles(tmp_path, 1)[0]
    with SQLiteStore(tmp_path / "k.sqlite") as store:
        summary = Ingester(store, _pipeline()).run([str(p), str(p)])
        assert (summary.new, summary.duplicate) == (1, 1)


def test_summary_line() -> None:
    s = runner.Summary(new=3, duplicate=1, near_duplicate=1, failed=2, events=7)
    assert s.line() == "documents: 3 new (1 near-duplicate), 1 duplicate, 2 failed; events: 7"
    s.updated = 2
    assert s.line().startswith("documents: 3 new (1 near-duplicate), 2 updated, 1 duplicate")


def test_same_caller_id_with_new_text_replaces_the_document(tmp_path: Path) -> None:
    """A JSONL document that keeps its id but changes its text is re-coded and replaced."""
    feed = tmp_path / "feed.jsonl"
    line = ('{"id": "story-1", "published": "2024-05-01", "text": "Protesters gathered in the '
            'capital on Monday to demand the release of detained journalists, organisers said."}')
    feed.write_text(line + "\n", encoding="utf-8")
    with SQLiteStore(tmp_path / "k.sqlite") as store:
        assert Ingester(store, _pipeline()).run([str(feed)]).new == 1
        feed.write_text(line.replace("Monday", "Tuesday") + "\n", encoding="utf-8")
        summary = Ingester(store, _pipeline()).run([str(feed)])
        assert (summary.new, summary.updated, summary.duplicate) == (0, 1, 0)
        assert store.counts()["documents"] == 1
        assert "Tuesday" in store.get("story-1").text
