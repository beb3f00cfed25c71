"""The embedded store: round-trip, idempotent upserts, migrations, failures, queries."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from conftest import make_airstrike_document, make_protest_document
from kharita.model import Document, Failure
from kharita.runner import known
from kharita.store import EventFilter, Near, QueryError, SQLiteStore, Store, StoreError
from kharita.store.schema import MIGRATIONS, applied, migrate


def test_round_trip_equals_original(store: Store, airstrike_doc: Document) -> None:
    store.save(airstrike_doc)
    loaded = store.get(airstrike_doc.id)
    assert loaded is not None
    assert loaded.to_dict() == airstrike_doc.to_dict()


def test_round_trip_keeps_every_document_field(store: Store) -> None:
    """Every Document field, set to a non-default value, survives storage."""
    doc = make_airstrike_document()
    doc.coded = False
    doc.duplicate_of = "doc-other"
    store.save(doc)
    loaded = store.get(doc.id)
    assert loaded is not None
    for f in dataclasses.fields(Document):
        assert getattr(loaded, f.name) == getattr(doc, f.name), f.name


def test_wal_mode_and_named_migrations(tmp_path: Path) -> None:
    path = tmp_path / "k.sqlite"
    with SQLiteStore(path) as s:
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert applied(s.conn) == [name for name, _ in MIGRATIONS]
    with SQLiteStore(path) as s:  # reopening applies nothing twice
        assert migrate(s.conn) == []


def test_new_migration_applied_once_in_order(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "m.sqlite", isolation_level=None)
    calls: list[str] = []

    def extra(c: sqlite3.Connection) -> None:
        calls.append("extra")
        c.execute("CREATE TABLE extra_table (x INTEGER)")

    assert migrate(conn, MIGRATIONS + [("0099_extra", extra)])[-1] == "0099_extra"
    assert migrate(conn, MIGRATIONS + [("0099_extra", extra)]) == []
    assert calls == ["extra"]


def test_failed_migration_rolls_back(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "m.sqlite", isolation_level=None)

    def broken(c: sqlite3.Connection) -> None:
        c.execute("CREATE TABLE half (x INTEGER)")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        migrate(conn, [("0001_broken", broken)])
    assert applied(conn) == []
    assert conn.execute("SELECT name FROM sqlite_master WHERE name='half'").fetchone() is None


def test_resave_replaces_annotations_never_duplicates(store: Store, airstrike_doc: Document) -> None:
    store.save(airstrike_doc)
    store.save(airstrike_doc)
    counts = store.counts()
    assert counts["documents"] == 1
    assert counts["events"] == 2
    assert counts["places"] == 3
    changed = make_airstrike_document()
    changed.events = changed.events[:1]
    changed.places = []
    store.save(changed)
    counts = store.counts()
    assert (counts["documents"], counts["events"], counts["places"]) == (1, 1, 0)
    n_evidence = store.execute("SELECT count(*) FROM evidence")[0][0]
    assert n_evidence == 4  # evidence, attribution, trigger, date_text of the one event left
    # the movement's evidence left the full-text index with it
    assert list(store.events(EventFilter(text="Houthi"))) == []


def test_save_is_atomic(store: Store, airstrike_doc: Document, monkeypatch) -> None:
    store.save(airstrike_doc)

    def explode(*args, **kwargs):
        raise RuntimeError("disk on fire")

    broken = make_airstrike_document()
    broken.title = "changed"
    monkeypatch.setattr(store, "_insert_event", explode)
    with pytest.raises(RuntimeError):
        store.save(broken)
    loaded = store.get(airstrike_doc.id)
    assert loaded is not None and loaded.to_dict() == airstrike_doc.to_dict()


def test_known_by_id_and_content_hash(store: Store, airstrike_doc: Document) -> None:
    assert not known(store, airstrike_doc.id, airstrike_doc.content_hash)
    store.save(airstrike_doc)
    assert known(store, airstrike_doc.id, airstrike_doc.content_hash)
    assert not known(store, airstrike_doc.id, "another-hash")


def test_failures_recorded_and_cleared_on_success(store: Store, airstrike_doc: Document) -> None:
    store.record_failure(Failure("examples/yemen.txt", "empty file"))
    store.record_failure(Failure("examples/yemen.txt", "still empty", stage="text"))
    failures = store.failures()
    assert [(f.input, f.reason, f.stage) for f in failures] == [
        ("examples/yemen.txt", "still empty", "text")
    ]
    store.save(airstrike_doc)  # same input now succeeds
    assert store.failures() == []


def test_get_by_unique_prefix(store: Store, airstrike_doc: Document, protest_doc: Document) -> None:
    store.save(airstrike_doc)
    store.save(protest_doc)
    assert store.get("doc-yem").id == airstrike_doc.id
    assert store.get("doc-") is None  # ambiguous
    assert store.get("nothing") is None


def test_documents_iterates_in_ingestion_order(store: Store) -> None:
    docs = [make_airstrike_document(f"d{i}") for i in range(3)]
    for d in docs:
        store.save(d)
    assert [d.id for d in store.documents()] == ["d0", "d1", "d2"]


def test_open_missing_database_without_create(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no kharita database"):
        SQLiteStore(tmp_path / "absent.sqlite", create=False)


def test_open_non_database_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not a usable"):
        SQLiteStore(bad)


@pytest.fixture
def filled(store: Store) -> Store:
    store.save(make_airstrike_document())
    store.save(make_protest_document())
    return store


def _ids(store: Store, **kw) -> list[str]:
    return [r.event.id for r in store.events(EventFilter(**kw))]


def test_events_unfiltered_newest_first(filled: Store) -> None:
    ids = _ids(filled)
    # the undated planned protest sorts by its document's publication day (5 June)
    assert ids == ["doc-yemen-1:e2", "doc-yemen-1:e1", "doc-sudan-1:e2", "doc-sudan-1:e1"]


def test_events_carry_document_fields(filled: Store) -> None:
    row = next(filled.events(EventFilter(type="ASSAULT")))
    assert row.url == "https://example.org/yemen"
    assert row.published == "2024-03-13"
    assert row.ingested_at


def test_filter_actor_substring_by_name_id_or_text(filled: Store) -> None:
    assert _ids(filled, actor="saudi") == ["doc-yemen-1:e1"]
    assert _ids(filled, actor="houthi") == ["doc-yemen-1:e2"]
    assert _ids(filled, actor="Police Forces") == ["doc-sudan-1:e1"]


def test_filter_type_plover_or_acled(filled: Store) -> None:
    assert _ids(filled, type="assault") == ["doc-yemen-1:e1"]
    assert _ids(filled, type="Air/drone strike") == ["doc-yemen-1:e1"]
    assert len(_ids(filled, type="Protests")) == 2


def test_filter_country_iso2_or_name(filled: Store) -> None:
    assert set(_ids(filled, country="YE")) == {"doc-yemen-1:e1", "doc-yemen-1:e2"}
    assert set(_ids(filled, country="sudan")) == {"doc-sudan-1:e1", "doc-sudan-1:e2"}
    with pytest.raises(QueryError):
        _ids(filled, country="Atlantis")


def test_filter_since_until(filled: Store) -> None:
    assert _ids(filled, since="2024-01-01") == ["doc-yemen-1:e2", "doc-yemen-1:e1"]
    assert _ids(filled, until="2024-03-12") == [
        "doc-yemen-1:e1", "doc-sudan-1:e2", "doc-sudan-1:e1"
    ]
    assert _ids(filled, since="2023-06", until="2023-06") == ["doc-sudan-1:e2", "doc-sudan-1:e1"]
    with pytest.raises(QueryError):
        _ids(filled, since="last week")


def test_filter_near(filled: Store) -> None:
    # Sanaa is ~190 km from Hodeidah: the movement's destination is near Sanaa, the strike is not
    assert _ids(filled, near=Near(15.35, 44.21, 20)) == ["doc-yemen-1:e2"]
    assert set(_ids(filled, near=Near(14.8, 42.95, 10))) == {"doc-yemen-1:e1", "doc-yemen-1:e2"}
    assert _ids(filled, near=Near(0, 0, 100)) == []


def test_near_parse_rejects_bad_values() -> None:
    assert Near.parse("15.3, 44.2, 50") == Near(15.3, 44.2, 50)
    for bad in ("15.3,44.2", "a,b,c", "95,0,10", "0,0,-5"):
        with pytest.raises(QueryError):
            Near.parse(bad)


def test_near_bbox_at_antimeridian_and_pole() -> None:
    assert Near(0, 179.9, 100).bbox()[2] is None
    assert Near(89.9, 0, 100).bbox()[2] is None


def test_filter_text_over_evidence_and_title(filled: Store) -> None:
    assert _ids(filled, text="tear gas") == ["doc-sudan-1:e2", "doc-sudan-1:e1"]
    # words only in the document's body, outside every evidence span, do not match
    assert _ids(filled, text="witnesses") == ["doc-sudan-1:e2", "doc-sudan-1:e1"]
    assert _ids(filled, text="contested") == []
    # a word in the movement's sentence matches the movement, not the airstrike
    assert _ids(filled, text="Sanaa") == ["doc-yemen-1:e2"]
    # the title matches every event of its document
    assert set(_ids(filled, text="kills")) == {"doc-yemen-1:e1", "doc-yemen-1:e2"}
    assert set(_ids(filled, text="airstr*")) == {"doc-yemen-1:e1", "doc-yemen-1:e2"}
    assert _ids(filled, text='"no such phrase" OR (') == []


def test_filters_combine_and_limit(filled: Store) -> None:
    assert _ids(filled, country="YE", type="MOBILIZE") == ["doc-yemen-1:e2"]
    assert len(_ids(filled, limit=1)) == 1


def test_document_stored_with_a_failed_stage_is_not_known(store: Store) -> None:
    doc = make_airstrike_document()
    doc.warnings = ["places stage failed: gazetteer not found"]
    store.save(doc)
    assert not known(store, doc.id, doc.content_hash)  # the next run re-codes it


def test_background_aggregate_and_confidence_filters(store: Store) -> None:
    doc = make_airstrike_document()
    strike, move = doc.events
    strike.background, move.aggregate = True, True
    strike.confidence, move.confidence = 0.9, 0.4
    doc.relevance = 0.93
    store.save(doc)
    ids = lambda **kw: {r.event.id for r in store.events(EventFilter(**kw))}
    assert ids() == {strike.id, move.id}
    assert ids(background=False) == {move.id}
    assert ids(aggregate=False) == {strike.id}
    assert ids(background=False, aggregate=False) == set()
    assert ids(min_confidence=0.5) == {strike.id}
    loaded = store.get(doc.id)
    assert loaded is not None and loaded.relevance == 0.93
    assert loaded.events[0].background is True
    with pytest.raises(QueryError):
        list(store.events(EventFilter(min_confidence=1.5)))


def test_reporting_migration_upgrades_an_older_store(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, [m for m in MIGRATIONS if m[0] < "0004"])
    conn.close()
    with SQLiteStore(path) as s:  # opening brings it up to date
        cols = {r[1] for r in s.conn.execute("PRAGMA table_info(events)")}
        assert {"background", "aggregate"} <= cols
        s.save(make_airstrike_document())
        assert len(list(s.events(EventFilter(background=False)))) == 2
