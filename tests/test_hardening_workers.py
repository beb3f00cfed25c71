"""Hardening (issue 12, item 14): stopping a run never sprays the workers' tracebacks.

`kharita ingest -j 2` codes in spawned worker processes.  Ctrl-C (SIGINT to the
whole process group, as a terminal sends it) ends the run with its one-line
"interrupted" summary; `kill -9` of kharita itself leaves the workers to notice
and exit on their own.  Neither prints a KeyboardInterrupt or BrokenPipe
traceback, nor the resource tracker's warning, on the user's terminal.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from processes import KHARITA

SENTENCE = ("Gunmen killed {n} villagers in an attack on a village in Zamfara state on "
            "Saturday, police said, and residents said the attackers arrived on motorcycles "
            "before burning houses. ")
NOISE = ("Traceback", "BrokenPipe", "KeyboardInterrupt", "SpawnPoolWorker", "leaked")


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(600):  # enough work that the workers are still busy when the run is stopped,
        # even when a busy machine lets the first poll of the store see it late
        (folder / f"d{i:04}.txt").write_text(f"Clashes in Zamfara {i}\n\n" + SENTENCE.format(n=i) * 15)
    return folder


def _start(batch: Path, db: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen([*KHARITA, "ingest", str(batch), "--db", str(db), "-j", "2"],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                            start_new_session=True)  # its own process group, like a shell job
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # until the workers have coded something
        if db.exists() and db.stat().st_size and _stored(db):
            return proc
        time.sleep(0.2)
    _stop_group(proc)
    pytest.fail("the workers stored nothing within 120 s")


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0


def _stop_group(proc: subprocess.Popen[str]) -> None:
    """Kill what is left of the process group this test started."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _stderr(proc: subprocess.Popen[str]) -> str:
    """Everything written to stderr, by kharita and its workers, until all have exited."""
    try:
        return proc.communicate(timeout=60)[1]
    finally:
        _stop_group(proc)


def test_ctrl_c_ends_the_run_with_its_summary_and_no_tracebacks(batch: Path, tmp_path: Path) -> None:
    proc = _start(batch, tmp_path / "int.sqlite")
    os.killpg(proc.pid, signal.SIGINT)  # the terminal sends Ctrl-C to the whole group
    err = _stderr(proc)
    assert proc.returncode == 130, err
    assert "kharita: interrupted;" in err and "run again to finish" in err
    assert not [n for n in NOISE if n in err], err


def test_kill_9_leaves_no_tracebacks_from_the_workers(batch: Path, tmp_path: Path) -> None:
    proc = _start(batch, tmp_path / "kill.sqlite")
    os.kill(proc.pid, signal.SIGKILL)  # kharita only; its workers find out by themselves
    err = _stderr(proc)
    assert proc.returncode == -signal.SIGKILL
    assert not [n for n in NOISE if n in err], err
