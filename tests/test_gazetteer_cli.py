"""``kharita gazetteer build|import|info`` through the CLI runner, on temporary files."""

from __future__ import annotations

import json
import sqlite3

import pytest
from typer.testing import CliRunner

from kharita.cli import app
from kharita.places.gazetteer import GazEntry, Gazetteer
from kharita.places.gazetteer_build import build_fingerprint

runner = CliRunner()


def _small(path, meta=None):
    entry = GazEntry(163843, "Syria", 35.0, 38.0, "A", "PCLI", "SY", None, None, None, None, 1, 0)
    gaz = Gazetteer.from_entries([entry], path=path)
    gaz.close()
    if meta:
        conn = sqlite3.connect(path)
        conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                         [(k, json.dumps(v)) for k, v in meta.items()])
        conn.commit()
        conn.close()


def test_build_if_missing_keeps_a_current_gazetteer(tmp_path):
    path = tmp_path / "g.sqlite"
    _small(path, {"build_fingerprint": build_fingerprint()})
    result = runner.invoke(app, ["gazetteer", "build", "--if-missing", "--path", str(path)])
    assert result.exit_code == 0, result.output
    assert "not rebuilt" in result.output
    with Gazetteer.open(path) as gaz:
        assert gaz.counts()["places"] == 1


def test_build_if_missing_rebuilds_one_from_another_version(tmp_path, monkeypatch):
    import kharita.places.gazetteer as gazetteer_mod

    calls = []
    monkeypatch.setattr(gazetteer_mod, "build", lambda target, progress=None: calls.append(target) or {})
    monkeypatch.setattr(gazetteer_mod, "prepare_indexes", lambda target=None: None)
    path = tmp_path / "g.sqlite"
    _small(path, {"build_fingerprint": "0000000000000000"})
    result = runner.invoke(app, ["gazetteer", "build", "--if-missing", "--path", str(path)])
    assert result.exit_code == 0, result.output
    assert "another kharita version; rebuilding" in result.output
    assert calls == [path]


def test_build_if_missing_keeps_user_imports_of_another_version(tmp_path, monkeypatch):
    import kharita.places.gazetteer as gazetteer_mod

    monkeypatch.setattr(gazetteer_mod, "build", lambda *a, **k: pytest.fail("rebuilt"))
    path = tmp_path / "g.sqlite"
    _small(path, {"build_fingerprint": "0000000000000000", "imports": [{"file": "SY.zip"}]})
    result = runner.invoke(app, ["gazetteer", "build", "--if-missing", "--path", str(path)])
    assert result.exit_code == 0, result.output
    assert "holds imported GeoNames files" in result.output


def test_build_reports_unwritable_target(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = runner.invoke(app, ["gazetteer", "build", "-q", "--path", str(blocker / "g.sqlite")])
    assert result.exit_code == 1
    assert "cannot write the gazetteer" in result.output
    assert "Traceback" not in result.output


def test_info_shows_counts_and_missing_file_is_an_error(tmp_path):
    path = tmp_path / "g.sqlite"
    _small(path)
    result = runner.invoke(app, ["gazetteer", "info", "--json", "--path", str(path)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["counts"]["places"] == 1
    missing = runner.invoke(app, ["gazetteer", "info", "--path", str(tmp_path / "none.sqlite")])
    assert missing.exit_code == 1
    assert "kharita gazetteer build" in missing.output


def test_import_via_cli_and_bad_file(tmp_path):
    path = tmp_path / "g.sqlite"
    _small(path)
    cols = ["9000002", "Al Baghuz Fawqani", "Al Baghuz Fawqani", "", "34.47", "40.94", "P", "PPL",
            "SY", "", "07", "", "", "", "900", "", "", "", "2024-01-01"]  # the 19 dump columns
    dump = tmp_path / "SY.txt"
    dump.write_text("\t".join(cols) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["gazetteer", "import", str(dump), "--path", str(path)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output.strip().splitlines()[-1])["places_written"] == 1
    with Gazetteer.open(path) as gaz:
        assert gaz.get(9000002).country == "SY"
    bad = runner.invoke(app, ["gazetteer", "import", str(tmp_path / "nope.zip"), "--path",
                              str(path)])
    assert bad.exit_code == 1 and "nope.zip: no such file" in bad.output
