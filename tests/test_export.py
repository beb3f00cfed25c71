"""Exports: JSON Lines, ACLED CSV, GeoJSON and Parquet from hand-built stored events."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

from conftest import make_airstrike_document, make_protest_document
from kharita.export import FORMATS, export
from kharita.export.records import FLAT_COLUMNS
from kharita.export.writers import ACLED_COLUMNS, interaction
from kharita.model import Event, to_dict
from kharita.store import Store


@pytest.fixture
def filled(store: Store) -> Store:
    store.save(make_airstrike_document())
    store.save(make_protest_document())
    return store


def test_jsonl_is_event_contract_plus_document_fields(filled: Store) -> None:
    out = io.StringIO()
    assert export(filled.events(), "jsonl", out) == 4
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    strike = next(r for r in records if r["id"] == "doc-yemen-1:e1")
    original = make_airstrike_document().events[0]
    assert {k: v for k, v in strike.items() if k not in ("url", "title", "published")} == to_dict(
        original
    )
    assert strike["url"] == "https://example.org/yemen"
    assert strike["published"] == "2024-03-13"
    # the contract parses back into an Event
    assert to_dict(_event_from(strike)) == to_dict(original)


def _event_from(record: dict) -> Event:
    from kharita.model import from_dict

    return from_dict(Event, record)


def test_acled_csv_columns_and_values(filled: Store) -> None:
    out = io.StringIO()
    n = export(filled.events(), "acled-csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0])[: len(ACLED_COLUMNS)] == ACLED_COLUMNS
    # the planned protest did not happen: left out by default
    assert n == len(rows) == 3
    strike = next(r for r in rows if r["event_id_cnty"] == "doc-yemen-1:e1")
    assert strike["event_type"] == "Explosions/Remote violence"
    assert strike["disorder_type"] == "Political violence"
    assert strike["actor1"] == "Military Forces of Saudi Arabia"
    assert strike["inter1"] == "8" and strike["inter2"] == "7" and strike["interaction"] == "78"
    assert strike["country"] == "Yemen" and strike["iso"] == "887"
    assert strike["location"] == "Al Hudaydah" and strike["geo_precision"] == "1"
    assert float(strike["latitude"]) == pytest.approx(14.7978)
    assert strike["fatalities"] == "5" and strike["year"] == "2024"
    assert strike["notes"].startswith("An airstrike by the Saudi-led coalition")
    assert strike["modality"] == "asserted" and strike["doc_id"] == "doc-yemen-1"
    assert int(strike["evidence_end"]) > int(strike["evidence_start"])
    protest = next(r for r in rows if r["event_id_cnty"] == "doc-sudan-1:e1")
    assert protest["fatalities"] == "0"  # ACLED writes 0 when none are reported
    assert protest["interaction"] == "16"


def test_acled_csv_all_events_flag(filled: Store) -> None:
    out = io.StringIO()
    assert export(filled.events(), "acled-csv", out, all_events=True) == 4


def test_interaction_codes() -> None:
    assert interaction(2, 1) == 12
    assert interaction(6, None) == 60
    assert interaction(None, 3) is None


def test_geojson_points_and_movement_lines(filled: Store) -> None:
    out = io.StringIO()
    n = export(filled.events(), "geojson", out)
    fc = json.loads(out.getvalue())
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == n
    kinds = sorted((f["geometry"]["type"], f["properties"]["id"]) for f in fc["features"])
    # strike and two protests are points; the movement has no location, only a line
    assert kinds == [
        ("LineString", "doc-yemen-1:e2"),
        ("Point", "doc-sudan-1:e1"),
        ("Point", "doc-sudan-1:e2"),
        ("Point", "doc-yemen-1:e1"),
    ]
    line = next(f for f in fc["features"] if f["geometry"]["type"] == "LineString")
    assert line["geometry"]["coordinates"] == [[42.9545, 14.7978], [44.2066, 15.3547]]
    point = next(f for f in fc["features"] if f["properties"]["id"] == "doc-yemen-1:e1")
    assert point["geometry"]["coordinates"] == [42.9545, 14.7978]  # lon, lat
    assert point["properties"]["type"] == "ASSAULT"


def test_geojson_empty_store_is_valid(store: Store) -> None:
    out = io.StringIO()
    assert export(store.events(), "geojson", out) == 0
    assert json.loads(out.getvalue()) == {"type": "FeatureCollection", "features": []}


def test_parquet_flat_columns(filled: Store) -> None:
    out = io.BytesIO()
    assert export(filled.events(), "parquet", out) == 4
    table = pq.read_table(io.BytesIO(out.getvalue()))
    assert table.column_names == [name for name, _ in FLAT_COLUMNS]
    rows = {r["event_id"]: r for r in table.to_pylist()}
    strike = rows["doc-yemen-1:e1"]
    assert strike["fatalities_best"] == 5 and strike["country_code"] == "YE"
    move = rows["doc-yemen-1:e2"]
    assert move["movers"] == "Ansar Allah" and move["destinations"] == "Sanaa"
    assert move["place_role"] == "origin"


def test_parquet_empty_has_schema(store: Store) -> None:
    out = io.BytesIO()
    assert export(store.events(), "parquet", out) == 0
    assert pq.read_table(io.BytesIO(out.getvalue())).num_rows == 0


def test_unknown_format() -> None:
    assert "jsonl" in FORMATS
    with pytest.raises(ValueError, match="unknown export format"):
        export([], "xml", io.StringIO())


def test_partitioned_parquet_reads_back_by_country_and_month(tmp_path) -> None:
    import pyarrow.dataset as ds
    from typer.testing import CliRunner

    from kharita.cli import app
    from kharita.store import SQLiteStore

    db = tmp_path / "k.sqlite"
    with SQLiteStore(db) as s:
        s.save(make_airstrike_document())
        s.save(make_protest_document())
    out = tmp_path / "events"
    r = CliRunner().invoke(app, ["export", "--format", "parquet", "--partition", "country,month",
                                 str(out), "--db", str(db)])
    assert r.exit_code == 0, r.output
    dirs = sorted(str(p.relative_to(out)) for p in out.glob("*/*"))
    assert dirs == ["country=SD/month=2023-06", "country=YE/month=2024-03"]
    table = ds.dataset(out, format="parquet", partitioning="hive").to_table()
    assert table.num_rows == 4
    rows = sorted(table.to_pylist(), key=lambda r: r["event_id"])
    assert [(r["event_id"], r["country"], r["month"]) for r in rows] == [
        ("doc-sudan-1:e1", "SD", "2023-06"), ("doc-sudan-1:e2", "SD", "2023-06"),
        ("doc-yemen-1:e1", "YE", "2024-03"), ("doc-yemen-1:e2", "YE", "2024-03")]
    flat = pq.read_table(next(out.glob("country=YE/month=2024-03/*.parquet")))
    assert set(FLAT_COLUMNS_NAMES) <= set(flat.column_names)
    # a second export into the same, now full, directory is refused, and nothing is changed
    r = CliRunner().invoke(app, ["export", "--format", "parquet", "--partition", "country,month",
                                 str(out), "--db", str(db)])
    assert r.exit_code == 2 and "not an empty directory" in r.stderr
    for bad, message in ((["--partition", "planet", str(tmp_path / "x")], "choose from country"),
                         (["--partition", "country"], "needs the dataset's directory")):
        r = CliRunner().invoke(app, ["export", "--format", "parquet", *bad, "--db", str(db)])
        assert r.exit_code == 2 and message in r.stderr, r.output
    r = CliRunner().invoke(app, ["export", "--format", "jsonl", "--partition", "country",
                                 str(tmp_path / "y"), "--db", str(db)])
    assert r.exit_code == 2 and "use --format parquet" in r.stderr


FLAT_COLUMNS_NAMES = [name for name, _ in FLAT_COLUMNS]
