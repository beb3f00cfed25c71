"""Event evaluation on tiny hand-made gold files in the real PLOVER and ACLED formats."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kharita.evaluate.events import (
    PLOVER_TYPE_MAP,
    acled_date,
    format_report,
    normalise_actor,
    score_acled,
    score_plover,
)
from kharita.model import Document, Event, EventActor, Place, Quantity, RawDocument

PLOVER_DOC = {"id": "PLOVER-GSR01-DOCUMENT-0001", "event": "DOCUMENT", "eventText": "documentation"}


def _plover_file(tmp_path: Path) -> Path:
    records = [
        PLOVER_DOC,
        {"id": "A-1", "date": "2000-01-01", "event": "DEMAND", "text": "Ruritania demanded talks with Freedonia.",
         "source": [{"actorText": "Ruritania", "code": "FRA", "sector": "GOV"}],
         "target": [{"actorText": "Freedonia", "code": "DEU"}], "textInfo": {"markup": "x"}},
        {"id": "A-2", "date": "2000-01-01", "event": "ASSAULT", "text": "Rebels shelled the town, killing 3.",
         "source": [{"actorText": "Rebels", "code": "SYR", "sector": "REB"}], "dead": 3,
         "eventLoc": {"name": "Homs"}},
        {"id": "A-3", "date": "2000-01-01", "event": "PROTEST", "text": "Rebels shelled the town, killing 3.",
         "source": [{"actorText": "Rebels", "code": "SYR"}], "target": ""},
    ]
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(records))
    return path


ACLED_HEADER = ["data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year", "time_precision",
                "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
                "inter2", "interaction", "region", "country", "admin1", "admin2", "admin3", "location",
                "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities",
                "timestamp", "iso3"]


def _acled_file(tmp_path: Path) -> Path:
    rows = [
        {"event_date": "21 March 2020", "event_type": "Battles", "sub_event_type": "Armed clash",
         "actor1": "Taliban", "actor2": "Military Forces of Afghanistan (2014-)", "admin1": "Balkh",
         "latitude": "36.0", "longitude": "66.0", "geo_precision": "1", "fatalities": "4",
         "notes": "On 21 March 2020, 4 soldiers were killed in a clash with Taliban militants in a village."},
        {"event_date": "20 March 2020", "event_type": "Explosions/Remote violence",
         "sub_event_type": "Remote explosive/landmine/IED", "actor1": "Taliban", "actor2": "Civilians (Afghanistan)",
         "admin1": "Kabul", "latitude": "34.5", "longitude": "69.2", "geo_precision": "3", "fatalities": "0",
         "notes": "On 20 March 2020, a roadside bomb hit a car in the province."},
    ]
    path = tmp_path / "acled.csv"
    with path.open("w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=ACLED_HEADER)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: row.get(k, "") for k in ACLED_HEADER})
    return path


class FakePipeline:
    """Stands in for the real pipeline: codes each text with a fixed event."""

    def __init__(self, events: dict[str, list[Event]]) -> None:
        self.events = events

    def process(self, raws):
        for raw in raws:
            assert isinstance(raw, RawDocument)
            yield Document(id=raw.input, text=raw.text, published=raw.published,
                           events=self.events.get(raw.text, []))


def _ev(kind: str, conf: float, **kw) -> Event:
    return Event(id=kind, doc_id="d", type=kind, confidence=conf, **kw)


def test_plover_type_map_and_scores(tmp_path: Path) -> None:
    path = _plover_file(tmp_path)
    fake = FakePipeline({
        "Ruritania demanded talks with Freedonia.": [
            _ev("REQUEST", 0.9, actors=[EventActor("actor1", None, "Ruritania", "Ruritania", 0, 9,
                                                   sector="GOV", country="FR")])],
        "Rebels shelled the town, killing 3.": [
            _ev("ASSAULT", 0.8, fatalities=Quantity(3, 3, 3),
                location=Place("Homs", 0, 4, name="Homs"),
                actors=[EventActor("actor1", None, "Rebels", "Rebels", 0, 6, sector="REB", country="SY")]),
            _ev("COERCE", 0.5)],
    })
    r = score_plover(path, pipeline=fake)
    assert PLOVER_TYPE_MAP["DEMAND"] == "REQUEST"
    assert r["records"] == 3 and r["sentences"] == 2
    # A-1 right (after the map), A-2 right; A-3's sentence top-1 ASSAULT is a gold type of it.
    assert r["type_accuracy"] == 1.0
    assert r["type_accuracy_any"] == pytest.approx(2 / 3, abs=1e-3)
    assert r["source_country_match"] == 1.0
    assert r["source_sector_match"] == 1.0
    assert r["target_country_match"] == 0.0
    assert r["dead_exact"] == 1.0 and r["location_name_match"] == 1.0
    assert r["per_class"]["PROTEST"]["recall"] == 0.0
    assert "type_accuracy" in format_report(r)


def test_acled_scores(tmp_path: Path) -> None:
    path = _acled_file(tmp_path)
    clash = _ev("ASSAULT", 0.9, acled_event_type="Battles", acled_sub_event_type="Armed clash",
                date="2020-03-21", fatalities=Quantity(4, 4, 4),
                location=Place("x", 0, 1, lat=36.1, lon=66.1, admin1="Balkh"),
                actors=[EventActor("actor1", None, "Taliban", "Taliban", 0, 1),
                        EventActor("actor2", None, "Military Forces of Afghanistan (2014-2021)", "s", 0, 1)])
    fake = FakePipeline({
        _acled_rows_text(path, 0): [clash, _ev("ACCUSE", 0.95)],  # out of ACLED scope: skipped
        _acled_rows_text(path, 1): [_ev("ASSAULT", 0.7, acled_event_type="Explosions/Remote violence",
                                        acled_sub_event_type="Shelling/artillery/missile attack",
                                        date="2020-03-19", location=Place("y", 0, 1, lat=34.0, lon=69.0,
                                                                          admin1="Kabul"))],
    })
    r = score_acled(path, pipeline=fake)
    assert r["rows"] == 2
    assert r["event_type_accuracy"] == 1.0
    assert r["sub_event_type_accuracy"] == 0.5
    assert r["actor1_match"] == 0.5 and r["actor2_match"] == 0.5
    assert r["location_within_25km_precision1"] == 1.0
    assert r["location_precision3_admin1"] == 1.0
    assert r["date_exact"] == 0.5
    assert r["fatalities_exact"] == 1.0  # no stated fatalities counts as 0
    assert 0.0 < r["sub_event_type_macro_f1"] < 1.0


def _acled_rows_text(path: Path, i: int) -> str:
    with path.open(newline="") as fh:
        return list(csv.DictReader(fh))[i]["notes"]


def test_helpers() -> None:
    assert acled_date("21 March 2020") == "2020-03-21"
    assert acled_date("nonsense") is None
    assert normalise_actor("Military Forces of Afghanistan (2014-)") == "military forces of afghanistan"


def test_cli_bad_input_is_a_message(tmp_path: Path) -> None:
    from kharita.cli import app

    runner = CliRunner()
    missing = runner.invoke(app, ["evaluate", "events", "--format", "acled-csv", str(tmp_path / "nope.csv")])
    assert missing.exit_code == 2 and "no such file" in missing.output
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n")
    res = runner.invoke(app, ["evaluate", "events", "--format", "acled-csv", str(bad)])
    assert res.exit_code == 2 and "not an ACLED CSV" in res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)


def test_cli_runs_real_pipeline_on_tiny_file(tmp_path: Path) -> None:
    from kharita.cli import app

    path = _acled_file(tmp_path)
    out = tmp_path / "out.json"
    res = CliRunner().invoke(app, ["evaluate", "events", "--format", "acled-csv", str(path), "-o", str(out)])
    assert res.exit_code == 0, res.output
    data = json.loads(out.read_text())
    assert data["rows"] == 2 and "command" in data
    assert 0.0 <= data["event_type_accuracy"] <= 1.0


def test_article_results_name_events_without_their_text() -> None:
    # illustrative article, written for this test
    from kharita.evaluate.articles import Article, result_json, score_documents

    text = ("Rebels shelled the village of Kafr Zita on Monday, killing two farmers. "
            "The army said it would send reinforcements to the district. "
            "A columnist argued that the war could last for years.")
    shelled, sent, columnist = (text.index(s) for s in ("Rebels", "The army", "A columnist"))
    gold = [{"id": "a-1", "acled_event_type": "Explosions/Remote violence",
             "acled_sub_event_type": "Shelling/artillery/missile attack", "mentions": ["Rebels shelled the village of Kafr Zita on Monday, killing two farmers."]},
            {"id": "a-2", "acled_event_type": "Movement", "acled_sub_event_type": None,
             "mentions": ["The army said it would send reinforcements to the district."]}]
    art = Article(doc="a", text=text, published="2024-05-06", source=None, events=gold)
    coded = {"a": {"text": text, "events": [
        {"acled_event_type": "Explosions/Remote violence", "confidence": 0.9,
         "evidence": {"start": shelled, "end": sent - 1, "text": text[shelled:sent - 1]}},
        {"acled_event_type": "Battles", "confidence": 0.6,
         "evidence": {"start": columnist, "end": len(text), "text": text[columnist:]}},
    ]}}
    result = score_documents([art], coded)
    assert (result["precision"], result["recall"]) == (0.5, 0.5)
    out = json.dumps(result_json(result))
    assert result_json(result)["misses"] == ["a-2"]
    assert result_json(result)["false_positives"] == [f"a: Battles @ {columnist}-{len(text)}"]
    for words in ("shelled", "reinforcements", "columnist", "Kafr Zita"):
        assert words not in out
