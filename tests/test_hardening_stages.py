"""Hardening (issue 12, item 9): a stage's failure costs neither the places nor re-runs.

* The places stage crashed (IndexError in ``_apply_qualifiers``) when a landmark
  ("White House") was dropped before an "X, Y" pair: the pair's index link
  pointed past the end of the list.  Generated text, same code path.
* A document on which a stage failed because of its text (a bug, which the same
  kharita meets again) is not re-coded on every run; one on which it failed for a
  passing reason (no gazetteer yet) still is.
* A stage warning is said once, also when worker processes code, and not with -q.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kharita.cli import app
from kharita.pipeline import Pipeline
from processes import run_kharita

runner = CliRunner()

LANDMARKS_THEN_QUALIFIER = (
    "The White House said on Monday that talks would continue. A spokesman at the White "
    "House added that Downing Street agreed. Rebels shelled Idlib, Syria."
)


def test_places_survive_a_landmark_before_a_qualified_place(gp) -> None:
    from kharita import nlp

    text = LANDMARKS_THEN_QUALIFIER
    places, _ = gp.parse(text, nlp.load()(text))
    found = {(p.text, p.country) for p in places}
    assert ("Idlib", "SY") in found and ("Syria", "SY") in found


def test_stage_warning_says_whether_coding_again_could_help() -> None:
    from kharita.pipeline import recode_may_help, stage_warning

    bug = stage_warning("places", IndexError("list index out of range"))
    assert "places stage failed" in bug and "IndexError" in bug
    assert not recode_may_help(bug)  # same text, same kharita: same failure
    from kharita import __version__

    older = bug.replace(f"kharita {__version__},", "kharita 0.0.1,")
    assert older != bug and recode_may_help(older)  # coded by another version: try again
    assert recode_may_help("places stage failed: gazetteer not found at x")  # passes when built
    assert recode_may_help(stage_warning("places", OSError("disk I/O error")))
    assert not recode_may_help("a hand-made warning")


GOOD = ("Gunmen killed {n} villagers in an attack on a village in Zamfara state on Saturday, "
        "police said. Residents said the attackers arrived on motorcycles.")


def _inputs(folder: Path, n: int) -> Path:
    folder.mkdir(exist_ok=True)
    for i in range(n):
        (folder / f"d{i}.txt").write_text(GOOD.format(n=i + 2))
    return folder


def test_document_whose_stage_failed_on_its_text_is_not_recoded_forever(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(doc, sdoc):
        raise IndexError("list index out of range")

    original = Pipeline.stages
    monkeypatch.setattr(Pipeline, "stages",
                        lambda self: [("places", broken), *original(self)[1:]])
    folder = _inputs(tmp_path / "in", 2)
    db = tmp_path / "s.sqlite"
    first = runner.invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert first.exit_code == 0, first.output
    warned = [ln for ln in first.stderr.splitlines() if "places stage failed" in ln]
    assert len(warned) == 1 and "IndexError" in warned[0], first.stderr  # once for both
    assert "documents: 2 new" in first.stderr
    again = runner.invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert again.exit_code == 0, again.output
    assert "documents: 0 new, 2 duplicate, 0 failed" in again.stderr
    assert "stage failed" not in again.stderr
    forced = runner.invoke(app, ["ingest", str(folder), "--db", str(db), "--force", "-q"])
    assert forced.exit_code == 0 and forced.stderr == ""  # -q: no warning, no summary


def test_stage_warning_from_workers_is_said_once_and_not_with_quiet(tmp_path: Path) -> None:
    folder = _inputs(tmp_path / "in", 9)  # >= 8 documents: coded in worker processes
    env = {**os.environ, "KHARITA_GAZETTEER": str(tmp_path / "no-gazetteer.sqlite")}
    r = run_kharita("ingest", folder, "--db", tmp_path / "a.sqlite", "-j", "2", env=env)
    assert r.returncode == 0, r.stderr
    lines = [ln for ln in r.stderr.splitlines() if "stage failed" in ln]
    assert len(lines) == 1 and lines[0].startswith("kharita: warning:"), r.stderr
    quiet = run_kharita("ingest", folder, "--db", tmp_path / "b.sqlite", "-j", "2", "-q", env=env)
    assert quiet.returncode == 0 and quiet.stderr == "", quiet.stderr
