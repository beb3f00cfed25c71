"""Hardening (issue 12, items 10-13): the store is opened, written and queried safely.

10. Two processes creating the same new store at once both succeed.
11. A store in a read-only folder can be queried; a read-only store file is refused
    before any coding; a 0-byte file and a database URL are refused, not turned
    into stores.
12. A full disk and a lock held by another program are named as such (the full
    disk is simulated with SQLite's SQLITE_FULL: ``PRAGMA max_page_count`` at
    the store's current size; the lock with a short ``KHARITA_BUSY_TIMEOUT``).
13. ``--actor %`` matches a literal %, ``--limit`` past SQLite's integers means
    all, impossible dates are refused, an ambiguous id prefix is said so.
"""

from __future__ import annotations

import json
import multiprocessing
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import make_airstrike_document, make_protest_document
from kharita.cli import app
from kharita.store import SQLiteStore, StoreError
from processes import run_unprivileged

runner = CliRunner()


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "store" / "s.sqlite"
    with SQLiteStore(path) as s:
        s.save(make_airstrike_document())
        s.save(make_protest_document())
    return path


GOOD = ("Gunmen killed nine villagers in an attack on a village in Zamfara state on Saturday, "
        "police said. Residents said the attackers arrived on motorcycles.")


# ------------------------------------------------------------------ 10. concurrent creation


def _create_and_save(folder: str, rounds: int, who: int, barrier, results) -> None:
    """One of two processes: for each round, create the round's new store at the same moment."""
    from conftest import make_protest_document
    from kharita.store import SQLiteStore

    for r in range(rounds):
        barrier.wait()
        try:
            with SQLiteStore(Path(folder) / f"round{r}.sqlite") as store:
                store.save(make_protest_document(f"doc-{who}"))
            results.put((r, who, None))
        except Exception as exc:  # noqa: BLE001 - reported to the test
            results.put((r, who, f"{type(exc).__name__}: {exc}"))


def test_two_processes_create_the_same_new_store_at_once(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    rounds = 12
    barrier, results = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=_create_and_save, args=(str(tmp_path), rounds, who, barrier, results))
             for who in (1, 2)]
    for p in procs:
        p.start()
    outcomes = [results.get(timeout=120) for _ in range(2 * rounds)]
    for p in procs:
        p.join(timeout=60)
    errors = [o for o in outcomes if o[2] is not None]
    assert not errors, errors
    for r in range(rounds):
        with SQLiteStore(tmp_path / f"round{r}.sqlite", create=False) as store:
            assert store.ids() == {"doc-1", "doc-2"}
    assert not list(tmp_path.glob(".*.new*"))  # no private creation files left behind


# ------------------------------------------------------------------ 11. store access


def test_store_in_a_read_only_folder_can_be_queried(db: Path) -> None:
    folder = db.parent
    with SQLiteStore(db):  # a checkpointed, closed store, as a finished ingest leaves it
        pass
    folder.chmod(0o555)
    try:
        r = run_unprivileged("events", "--db", db, "--format", "jsonl")
        shown = run_unprivileged("show", "doc-yemen", "--db", db)
    finally:
        folder.chmod(0o755)
    assert r.returncode == 0, r.stderr
    assert len(r.stdout.splitlines()) == 4
    assert shown.returncode == 0 and "Hodeidah" in shown.stdout, shown.stderr


def test_read_only_store_file_is_refused_before_coding(db: Path, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    db.chmod(0o444)
    try:
        start = time.monotonic()
        r = run_unprivileged("ingest", tmp_path / "a.txt", "--db", db)
        took = time.monotonic() - start
    finally:
        db.chmod(0o644)
    assert r.returncode == 2, r.stderr
    assert "read-only" in r.stderr and "Traceback" not in r.stderr
    assert took < 15, f"failed only after {took:.0f} s: it coded first"


def test_empty_file_is_not_turned_into_a_store(tmp_path: Path) -> None:
    empty = tmp_path / "notes.sqlite"
    empty.write_bytes(b"")
    (tmp_path / "a.txt").write_text(GOOD)
    for args in (["ingest", tmp_path / "a.txt"], ["events"]):
        r = run(*args, "--db", empty)
        assert r.exit_code == 2, r.output
        assert "empty file, not a kharita database" in r.stderr
    assert empty.stat().st_size == 0


def test_unknown_database_url_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(GOOD)
    r = run("ingest", "a.txt", "--db", "mysql://user@localhost/news")
    assert r.exit_code == 2, r.output
    assert "mysql://user@localhost/news: not a database kharita knows" in r.stderr
    assert list(tmp_path.iterdir()) == [tmp_path / "a.txt"]  # no "mysql:" folder made


def test_another_programs_database_is_left_alone(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
    with pytest.raises(StoreError, match="another program"):
        SQLiteStore(other)
    with sqlite3.connect(other) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"contacts"}


# ------------------------------------------------------------------ 12. disk full, lock


def test_full_disk_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "full.sqlite"
    with SQLiteStore(db) as s:  # the schema fits; the disk is full from here on
        pages = s.conn.execute("PRAGMA page_count").fetchone()[0]
    connect = sqlite3.connect

    def full_disk(target, *args, **kwargs):
        conn = connect(target, *args, **kwargs)
        if "full.sqlite" in str(target):
            conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    monkeypatch.setattr(sqlite3, "connect", full_disk)
    (tmp_path / "a.txt").write_text("\n\n".join([GOOD] * 60))  # needs pages the disk has not
    r = run("ingest", tmp_path / "a.txt", "--db", db)
    assert r.exit_code == 2, r.output
    assert "no transaction is active" not in r.stderr
    assert "disk is full" in r.stderr and "full.sqlite" in r.stderr, r.stderr
    assert "Traceback" not in r.output
    monkeypatch.undo()
    with SQLiteStore(db) as s:
        assert s.counts()["documents"] == 0  # nothing half-written


_HOLD_LOCK = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
if sys.argv[2] == "exclusive":
    conn.execute("PRAGMA locking_mode=EXCLUSIVE")
    conn.execute("BEGIN EXCLUSIVE")
else:
    conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(60)
"""


@pytest.mark.parametrize("command", ["ingest", "events"])
def test_lock_held_by_another_program_is_named(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    mode = "write" if command == "ingest" else "exclusive"
    holder = subprocess.Popen([sys.executable, "-c", _HOLD_LOCK, str(db), mode],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        monkeypatch.setenv("KHARITA_BUSY_TIMEOUT", "0.5")
        args = ["ingest", tmp_path / "a.txt"] if command == "ingest" else ["events"]
        start = time.monotonic()
        r = run(*args, "--db", db)
        took = time.monotonic() - start
    finally:
        holder.kill()
        holder.wait()
    assert r.exit_code == 2, r.output
    assert "is locked by another program (waited 0.5 s)" in r.stderr, r.stderr
    assert took < 20


# ------------------------------------------------------------------ 13. queries


def _ids(r) -> set[str]:
    assert r.exit_code == 0, r.output
    return {json.loads(x)["id"] for x in r.stdout.splitlines()}


def test_actor_like_wildcards_match_themselves(db: Path) -> None:
    assert _ids(run("events", "--db", db, "-f", "jsonl", "--actor", "%")) == set()
    assert _ids(run("events", "--db", db, "-f", "jsonl", "--actor", "_")) == {
        "doc-yemen-1:e1", "doc-sudan-1:e1"}  # saudi_coalition, sudan_police
    assert _ids(run("events", "--db", db, "-f", "jsonl", "--actor", "i_c")) == {"doc-yemen-1:e1"}


def test_huge_limit_means_all(db: Path) -> None:
    r = run("events", "--db", db, "-f", "jsonl", "--limit", "99999999999999999999")
    assert len(_ids(r)) == 4
    table = run("events", "--db", db, "--limit", str(2**70))
    assert table.exit_code == 0 and "Traceback" not in table.output


@pytest.mark.parametrize("flag, value", [("--since", "2019-02-30"), ("--until", "2019-13"),
                                         ("--since", "2019-00"), ("--until", "2023-04-31")])
def test_impossible_dates_are_refused(db: Path, flag: str, value: str) -> None:
    r = run("events", "--db", db, flag, value)
    assert r.exit_code == 2, r.output
    assert value in r.stderr and "YYYY-MM-DD" in r.stderr


def test_real_dates_still_work(db: Path) -> None:
    r = run("events", "--db", db, "-f", "jsonl", "--since", "2024-02-29", "--until", "2024-12")
    assert _ids(r) == {"doc-yemen-1:e1", "doc-yemen-1:e2"}


def test_ambiguous_id_prefix_is_said(db: Path) -> None:
    r = run("show", "doc-", "--db", db)
    assert r.exit_code == 2
    assert "several document ids" in r.stderr
    assert "doc-sudan-1" in r.stderr and "doc-yemen-1" in r.stderr
    assert run("show", "doc-y", "--db", db).exit_code == 0
    missing = run("show", "nothing", "--db", db)
    assert missing.exit_code == 2 and "no document 'nothing'" in missing.stderr
