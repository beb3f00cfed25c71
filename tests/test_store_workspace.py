"""The store queries behind `kharita serve`, through the public Store API only.

Each test uses the two hand-built documents of conftest (an air strike in Hodeidah
and a movement Hodeidah -> Sanaa in Yemen; a protest and a planned protest in
Khartoum), so another backend can run the same tests.
"""

from __future__ import annotations

import json
import sqlite3

import pytest

from conftest import make_airstrike_document, make_protest_document
from kharita.highlight import marks, segments
from kharita.review import ReviewError
from kharita.store import EventFilter, QueryError, SQLiteStore, Store, StoreError, open_store
from kharita.store.query import BBox

STRIKE, MOVE = "doc-yemen-1:e1", "doc-yemen-1:e2"
PROTEST, PLANNED = "doc-sudan-1:e1", "doc-sudan-1:e2"
YEMEN = BBox(42.0, 12.0, 46.0, 17.0)
WORLD = BBox(-180.0, -90.0, 180.0, 90.0)


@pytest.fixture
def filled(store: Store) -> Store:
    store.save(make_airstrike_document())
    store.save(make_protest_document())
    return store


def _ids(store: Store, **kw) -> list[str]:
    return [r.event.id for r in store.events(EventFilter.parse(**kw))]


# -- filters ----------------------------------------------------------------


def test_parse_takes_strings_as_typed() -> None:
    f = EventFilter.parse(near="15.35,44.2,50", bbox="42,12,46,17", background="no",
                          min_confidence="0.5", limit="10", offset="", since="2024-03")
    assert f.near is not None and f.near.km == 50
    assert f.bbox == YEMEN
    assert f.background is False and f.min_confidence == 0.5 and f.limit == 10
    assert f.offset is None and f.since == "2024-03"


@pytest.mark.parametrize("options, message", [
    ({"bbox": "1,2,3"}, "WEST,SOUTH,EAST,NORTH"),
    ({"bbox": "0,10,5,5"}, "south must not be above north"),
    ({"bbox": "nan,1,2,3"}, "finite"),
    ({"near": "x"}, "LAT,LON,KM"),
    ({"min_confidence": "lots"}, "expected a number"),
    ({"min_confidence": "2"}, "between 0 and 1"),
    ({"limit": "-1"}, "zero or more"),
    ({"offset": "1.5"}, "whole number"),
    ({"since": "2024-02-30"}, "real date"),
    ({"background": "maybe"}, "yes or no"),
    ({"review": "perhaps"}, "choose one of"),
    ({"order": "colour"}, "choose one of"),
])
def test_parse_rejects_bad_values_with_a_reason(options, message) -> None:
    with pytest.raises(QueryError, match=message):
        EventFilter.parse(**options)


def test_bbox_wraps_longitudes_and_whole_world() -> None:
    assert BBox.parse("-200,-10,200,10") == BBox(-180.0, -10.0, 180.0, 10.0)
    assert BBox.parse("170,0,190,10") == BBox(170.0, 0.0, -170.0, 10.0)


def test_bbox_filter_matches_any_place(filled: Store) -> None:
    assert set(_ids(filled, bbox="42,12,46,17")) == {STRIKE, MOVE}
    assert set(_ids(filled, bbox="44,15,45,16")) == {MOVE}  # Sanaa, the destination
    assert _ids(filled, bbox="170,0,-170,10") == []  # across the antimeridian


def test_modality_admin1_and_order_and_offset(filled: Store) -> None:
    assert _ids(filled, modality="planned") == [PLANNED]
    assert _ids(filled, admin1="al hudaydah") == [STRIKE]
    by_date = _ids(filled, order="date")
    assert by_date == list(reversed(_ids(filled)))
    assert _ids(filled, limit="2", offset="1") == _ids(filled)[1:3]
    assert _ids(filled, offset="3") == _ids(filled)[3:]


def test_count_ignores_limit(filled: Store) -> None:
    assert filled.count_events(EventFilter(limit=1)) == 4
    assert filled.count_events(EventFilter(country="SD")) == 2


# -- one event, stats, map ----------------------------------------------------


def test_event_by_id(filled: Store) -> None:
    row = filled.event(STRIKE)
    assert row is not None and row.event.id == STRIKE and row.url == "https://example.org/yemen"
    assert row.review is not None and row.review.status == "unreviewed"
    assert filled.event("no-such-event") is None


def test_stats_per_day_week_type_country(filled: Store) -> None:
    s = filled.stats(EventFilter())
    assert s["total"] == 4
    assert {d["key"]: d["n"] for d in s["timeline"]}["2024-03-12"] == 1
    assert [d["key"] for d in s["timeline"]] == sorted(d["key"] for d in s["timeline"])
    assert {d["key"]: d["n"] for d in s["types"]}["Protests"] == 2
    assert {d["key"]: d["n"] for d in s["countries"]} == {"YE": 2, "SD": 2}
    weeks = filled.stats(EventFilter(country="YE"), bucket="week")["timeline"]
    assert weeks == [{"key": "2024-03-11", "n": 2}]  # Tuesday 12 and Wednesday 13 March
    assert filled.stats(EventFilter(country="YE"), bucket="month")["timeline"][0]["key"] == "2024-03"
    with pytest.raises(QueryError, match="bucket"):
        filled.stats(EventFilter(), bucket="fortnight")
    with pytest.raises(QueryError, match="parts"):
        filled.stats(EventFilter(), parts=("colours",))
    only = filled.stats(EventFilter(), parts=("timeline",))
    assert set(only) == {"bucket", "total", "fatalities", "timeline"} and only["total"] == 4
    assert filled.stats(EventFilter(), parts=())["total"] == 4


def test_clusters_group_by_grid_and_keep_singles_detailed(filled: Store) -> None:
    world = filled.clusters(EventFilter(), WORLD, zoom=3)
    assert sum(c["n"] for c in world) == 4
    yemen = next(c for c in world if c["types"].get("Explosions/Remote violence"))
    assert yemen["n"] == 2 and yemen["fatalities"] >= 0
    near = filled.clusters(EventFilter(), YEMEN, zoom=6)  # the strike: Hodeidah; the movement: its origin
    assert sum(c["n"] for c in near) == 2
    singles = [c for c in filled.clusters(EventFilter(country="SD"), WORLD, zoom=3)]
    assert len(singles) == 1 and singles[0]["n"] == 2  # same town: one cell at any zoom
    one = filled.clusters(EventFilter(type="ASSAULT"), YEMEN, zoom=8)
    assert one[0]["n"] == 1 and one[0]["event"]["id"] == STRIKE
    assert one[0]["event"]["precision"] == 1


def test_movements_as_lines(filled: Store) -> None:
    lines = filled.movements(EventFilter())
    assert lines == [{"id": MOVE, "type": "Strategic developments", "origin": [14.7978, 42.9545],
                      "route": [], "destinations": [[15.3547, 44.2066]]}]
    assert filled.movements(EventFilter(), BBox(0, 0, 1, 1)) == []


def test_actors_and_counterparts(filled: Store) -> None:
    found = filled.actors("civ")
    assert found[0]["name"].startswith("Civilians")
    assert all("civ" in a["name"].lower() for a in found)
    assert filled.actors("%") == []  # LIKE wildcards match themselves
    names = [a["name"] for a in filled.counterparts("Civilians (Yemen)")]
    assert names and "Civilians (Yemen)" not in names


def test_map_place_is_backfilled_by_the_migration(tmp_path) -> None:
    """A store from before the workspace gets its events' map places and days on opening
    (SQLite's own migration: made old by hand)."""
    path = tmp_path / "old.sqlite"
    with SQLiteStore(path) as s:
        s.save(make_airstrike_document())
        s.save(make_protest_document())
        expected = [r.event.id for r in s.events()]
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM migrations WHERE name IN "
                 "('0006_event_map_place', '0008_event_day_facets')")
    for index in ("events_facets", "events_doc_id", "event_actors_name", "event_places_admin1"):
        conn.execute(f"DROP INDEX {index}")
    for col in ("lat", "lon", "geo_precision", "country", "admin1", "place_name", "day"):
        conn.execute(f"ALTER TABLE events DROP COLUMN {col}")
    conn.commit()
    conn.close()
    with SQLiteStore(path) as s:
        assert sum(c["n"] for c in s.clusters(EventFilter(), YEMEN, zoom=5)) == 2
        assert [r.event.id for r in s.events()] == expected  # undated: the publication day
        assert [r.event.id for r in s.events(EventFilter(since="2023-06-05"))] == expected[:3]


# -- reviews -------------------------------------------------------------------


def test_review_is_a_layer_machine_output_unchanged(filled: Store) -> None:
    r = filled.add_review(STRIKE, "amal", field="fatalities", new=7)
    assert r.old == {"low": 4, "best": 5, "high": 5} or r.old["best"] != 7
    assert r.new == {"low": 7, "best": 7, "high": 7} and r.id is not None and r.at
    assert filled.event(STRIKE).event.fatalities.best == 7
    assert filled.event(STRIKE, reviewed=False).event.fatalities.best != 7
    machine = next(filled.events(EventFilter(type="ASSAULT")))
    assert machine.event.fatalities.best != 7 and machine.review is None
    reviewed = next(filled.events(EventFilter(type="ASSAULT"), reviewed=True))
    assert reviewed.event.fatalities.best == 7 and reviewed.review.status == "corrected"


def test_later_correction_wins_and_old_is_the_shown_value(filled: Store) -> None:
    filled.add_review(STRIKE, "amal", field="date", new="2024-03-10")
    second = filled.add_review(STRIKE, "bo", field="date", new="2024-03-11")
    assert second.old == "2024-03-10"
    assert filled.event(STRIKE).event.date == "2024-03-11"
    assert [r.reviewer for r in filled.reviews(STRIKE)] == ["amal", "bo"]
    assert filled.event(STRIKE).review.reviewers == ("amal", "bo")


def test_corrections_of_place_actors_and_type(filled: Store) -> None:
    filled.add_review(STRIKE, "amal", field="location",
                      new={"name": "Zabid", "lat": 14.2, "lon": 43.3, "country": "YE", "precision": 2})
    filled.add_review(STRIKE, "amal", field="actors",
                      new=[{"role": "actor1", "name": "Ansar Allah"}])
    filled.add_review(STRIKE, "amal", field="acled_event_type", new="Battles")
    filled.add_review(STRIKE, "amal", field="type", new="coerce")
    e = filled.event(STRIKE).event
    assert (e.location.name, e.location.precision, e.location.text) == ("Zabid", 2, "")
    assert [(a.role, a.name, a.start, a.end) for a in e.actors] == [("actor1", "Ansar Allah", 0, 0)]
    assert e.acled_event_type == "Battles" and e.type == "COERCE"


def test_verdicts_and_review_status_filter(filled: Store) -> None:
    filled.add_review(STRIKE, "amal", verdict="wrong")
    filled.add_review(PROTEST, "amal", verdict="wrong")
    filled.add_review(PROTEST, "bo", verdict="right")  # the latest verdict wins
    filled.add_review(MOVE, "bo", field="date", new="2024-03-14")
    assert set(_ids(filled, review="reviewed")) == {STRIKE, PROTEST, MOVE}
    assert _ids(filled, review="unreviewed") == [PLANNED]
    assert _ids(filled, review="wrong") == [STRIKE]
    assert _ids(filled, review="right") == [PROTEST]
    assert _ids(filled, review="corrected") == [MOVE]
    assert filled.event(STRIKE).review.status == "wrong"


@pytest.mark.parametrize("kw, message", [
    ({"verdict": "maybe"}, "right or wrong"),
    ({"field": "colour", "new": "red"}, "can correct"),
    ({"field": "date", "new": "2024-02-30"}, "real day"),
    ({"field": "fatalities", "new": -1}, "whole number"),
    ({"field": "fatalities", "new": {"low": 5, "best": 2, "high": 9}}, "low <= best"),
    ({"field": "location", "new": {"name": "X", "lat": 95, "lon": 0}}, "lat"),
    ({"field": "actors", "new": [{"role": "boss", "name": "X"}]}, "role"),
    ({"field": "type", "new": "PARTY"}, "choose one of"),
    ({}, "either a verdict"),
    ({"verdict": "right", "field": "date", "new": "2024-01-01"}, "either a verdict"),
])
def test_bad_reviews_are_refused_with_a_reason(filled: Store, kw, message) -> None:
    with pytest.raises(ReviewError, match=message):
        filled.add_review(STRIKE, "amal", **kw)
    assert filled.reviews() == []


def test_review_needs_a_reviewer_and_an_event(filled: Store) -> None:
    with pytest.raises(ReviewError, match="reviewer"):
        filled.add_review(STRIKE, "  ", verdict="right")
    with pytest.raises(StoreError, match="no event"):
        filled.add_review("nope", "amal", verdict="right")


def test_reviews_survive_reingest(filled: Store) -> None:
    filled.add_review(STRIKE, "amal", verdict="right")
    filled.save(make_airstrike_document())
    assert filled.event(STRIKE).review.status == "right"


def test_review_on_read_only_store_is_a_store_error(filled: Store) -> None:
    path = filled.target
    filled.close()
    with open_store(path, create=False) as ro, pytest.raises(StoreError, match="read-only|readonly"):
        ro.add_review(STRIKE, "amal", verdict="right")


def test_review_to_dict_is_json(filled: Store) -> None:
    r = filled.add_review(STRIKE, "amal", field="fatalities", new=3, note="per the UN")
    assert json.loads(json.dumps(r.to_dict()))["note"] == "per the UN"


# -- highlighting ----------------------------------------------------------------


def test_marks_and_segments_cover_the_text_once() -> None:
    doc = make_airstrike_document()
    ms = marks(doc)
    assert {m.kind for m in ms} >= {"evidence", "place", "actor", "trigger"}
    segs = segments(doc.text, ms)
    assert "".join(s.text for s in segs) == doc.text
    strike = doc.events[0]
    inside = [s for s in segs if strike.trigger.start <= s.start < strike.trigger.end]
    assert inside and all("trigger" in s.kinds and "evidence" in s.kinds for s in inside)
    assert all(0 in s.events for s in inside)


def test_marks_skip_spans_outside_the_text() -> None:
    doc = make_airstrike_document()
    doc.places[0].end = len(doc.text) + 5
    assert all(m.end <= len(doc.text) for m in marks(doc))


# -- exports with reviews (the CLI) ---------------------------------------------


def test_cli_export_reviewed_and_reviews_as_gold(filled: Store) -> None:
    from typer.testing import CliRunner

    from kharita.cli import app

    filled.add_review(STRIKE, "amal", field="fatalities", new=9)
    filled.add_review(PROTEST, "amal", verdict="wrong")
    db = filled.target
    filled.close()
    runner = CliRunner()
    plain = runner.invoke(app, ["export", "-f", "jsonl", "--db", db])
    applied = runner.invoke(app, ["export", "-f", "jsonl", "--reviewed", "--db", db])
    gold = runner.invoke(app, ["export", "-f", "reviews", "--db", db])
    assert plain.exit_code == applied.exit_code == gold.exit_code == 0, gold.output
    machine = {r["id"]: r for r in map(json.loads, plain.stdout.splitlines())}
    reviewed = {r["id"]: r for r in map(json.loads, applied.stdout.splitlines())}
    assert machine[STRIKE]["fatalities"]["best"] != 9 and reviewed[STRIKE]["fatalities"]["best"] == 9
    assert PROTEST in machine and PROTEST not in reviewed
    records = [json.loads(line) for line in gold.stdout.splitlines()]
    assert {r["id"] for r in records} == {STRIKE, PROTEST}
    strike = next(r for r in records if r["id"] == STRIKE)
    assert strike["fatalities"]["best"] == 9 and strike["review"]["status"] == "corrected"
    assert strike["review"]["history"][0]["reviewer"] == "amal"
    assert strike["review"]["history"][0]["old"]["best"] == machine[STRIKE]["fatalities"]["best"]


def test_map_draws_a_corrected_place_where_the_analyst_put_it(filled: Store) -> None:
    filled.add_review(STRIKE, "amal", field="location",
                      new={"name": "Zabid", "lat": 14.2, "lon": 43.3, "precision": 2})
    one = filled.clusters(EventFilter(type="ASSAULT"), YEMEN, zoom=8)
    assert len(one) == 1 and (one[0]["lat"], one[0]["lon"]) == (14.2, 43.3)
    assert one[0]["event"]["place"] == "Zabid" and one[0]["event"]["precision"] == 2
    assert one[0]["event"]["corrected"] is True
    assert filled.clusters(EventFilter(type="ASSAULT"), BBox(42.9, 14.7, 43.0, 14.9), zoom=8) == []
    assert sum(c["n"] for c in filled.clusters(EventFilter(), WORLD, zoom=3)) == 4
