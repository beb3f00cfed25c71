"""`kharita geoparse` and `kharita evaluate geo` through the CLI, on a tiny gazetteer."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from kharita.cli import app
from kharita.evaluate.geo import evaluate_geo
from kharita.places import Geoparser
from kharita.places.gazetteer import GazEntry, Gazetteer

ENTRIES = [
    GazEntry(163843, "Syria", 35.0, 38.0, "A", "PCLI", "SY", None, None, None, None,
             22_000_000, 200),
    GazEntry(169389, "Idlib", 35.93, 36.63, "P", "PPLA", "SY", "10", None, None, None,
             128_840, 28),
    GazEntry(170063, "Aleppo", 36.2, 37.16, "P", "PPLA", "SY", "09", None, None, None,
             1_600_000, 60),
]

GOLD = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="1">
    <text><![CDATA[Shelling hit Idlib and Aleppo in Syria on Monday.]]></text>
    <toponyms>
      <toponym><start>13</start><end>18</end><phrase>Idlib</phrase>
        <gaztag geonameid="169389"><lat>35.93</lat><lon>36.63</lon></gaztag></toponym>
      <toponym><start>23</start><end>29</end><phrase>Aleppo</phrase>
        <gaztag geonameid="170063"><lat>36.2</lat><lon>37.16</lon></gaztag></toponym>
      <toponym><start>33</start><end>38</end><phrase>Syria</phrase>
        <gaztag geonameid="163843"><lat>35.0</lat><lon>38.0</lon></gaztag></toponym>
    </toponyms>
  </article>
</articles>
"""


@pytest.fixture()
def gazetteer_file(tmp_path, monkeypatch):
    path = tmp_path / "gaz.sqlite"
    Gazetteer.from_entries(ENTRIES, path=path).close()
    monkeypatch.setenv("KHARITA_GAZETTEER", str(path))
    return path


def test_geoparse_writes_one_line_per_document(gazetteer_file, tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("Shelling hit Idlib and Aleppo in Syria on Monday, residents said.\n")
    r = CliRunner().invoke(app, ["geoparse", str(src)])
    assert r.exit_code == 0, r.output
    line = json.loads(r.stdout.strip().splitlines()[0])
    assert {p["geonameid"] for p in line["places"]} == {169389, 170063, 163843}
    assert line["focus"]["countries"][0]["country"] == "SY"


def test_geoparse_missing_gazetteer_is_a_clean_error(tmp_path, monkeypatch):
    monkeypatch.setenv("KHARITA_GAZETTEER", str(tmp_path / "none.sqlite"))
    src = tmp_path / "a.txt"
    src.write_text("Shelling hit Idlib.\n")
    r = CliRunner().invoke(app, ["geoparse", str(src)])
    assert r.exit_code == 2
    assert "gazetteer build" in r.output and "Traceback" not in r.output


def test_evaluate_geo_scores_and_writes(gazetteer_file, tmp_path):
    gold = tmp_path / "gold.xml"
    gold.write_text(GOLD)
    out = tmp_path / "res.json"
    r = CliRunner().invoke(app, ["evaluate", "geo", str(gold), "-o", str(out)])
    assert r.exit_code == 0, r.output
    res = json.loads(out.read_text())
    assert res["gold_toponyms"] == 3 and res["toponym_recall"] == 1.0
    assert res["exact_geonameid"] == 1.0 and res["within_161km"] == 1.0
    assert res["command"].startswith("kharita evaluate geo")


def test_evaluate_geo_counts_misses_and_errors(tmp_path):
    gold = tmp_path / "gold.xml"
    gold.write_text(GOLD.replace("37.16</lon>", "39.9</lon>"))  # Aleppo gold moved 245 km
    gp = Geoparser(Gazetteer.from_entries(ENTRIES[:2] + [ENTRIES[2]]))
    res = evaluate_geo(gold, geoparser=gp)
    assert res["within_161km_raw_coordinates"] < 1.0  # raw distance sees the moved point
    assert res["exact_geonameid"] == 1.0


def test_evaluate_geo_rejects_bad_files(gazetteer_file, tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<not-closed")
    r = CliRunner().invoke(app, ["evaluate", "geo", str(bad)])
    assert r.exit_code == 2 and "cannot read as XML" in r.output
    r = CliRunner().invoke(app, ["evaluate", "geo", str(tmp_path / "missing.xml")])
    assert r.exit_code == 2 and "no such file" in r.output
    r = CliRunner().invoke(app, ["evaluate", "geo", "--format", "conll", str(bad)])
    assert r.exit_code == 2 and "unknown --format" in r.output
