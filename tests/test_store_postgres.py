"""PostgreSQL as the store, through the CLI: the same events as SQLite, several
ingesters writing at once, and clean one-line errors for a bad URL or a server
that is not there.  (tests/test_store.py runs the store's own tests on both.)"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kharita.cli import app
from kharita.store import open_store
from processes import KHARITA

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
runner = CliRunner()


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


def _events_jsonl(db: str | Path) -> list[str]:
    r = run("events", "--db", db, "--format", "jsonl")
    assert r.exit_code == 0, r.output
    return r.stdout.splitlines()


def test_examples_give_the_same_events_on_both_backends(tmp_path: Path, pg_url: str) -> None:
    sqlite = tmp_path / "k.sqlite"
    for db in (sqlite, pg_url):
        r = run("ingest", EXAMPLES, "--db", db, "-q")
        assert r.exit_code == 0, r.output
    lines = _events_jsonl(sqlite)
    assert len(lines) > 10
    assert _events_jsonl(pg_url) == lines  # byte for byte, in the same order
    for flags in (["--country", "Yemen"], ["--text", "airstrike*"], ["--near", "14.8,42.95,60"],
                  ["--actor", "police"], ["--since", "2024-03"], ["--no-background"]):
        a = run("events", "--db", sqlite, "--format", "jsonl", *flags)
        b = run("events", "--db", pg_url, "--format", "jsonl", *flags)
        assert a.exit_code == b.exit_code == 0, (flags, a.output, b.output)
        assert a.stdout == b.stdout, flags
    r = run("ingest", EXAMPLES, "--db", pg_url)  # a re-run adds nothing
    assert "0 new" in r.stderr and r.exit_code == 0


def _corpus(folder: Path, n: int, offset: int = 0) -> Path:
    folder.mkdir(parents=True)
    towns = ["Kano", "Maiduguri", "Zaria", "Sokoto", "Gusau", "Katsina", "Bauchi", "Yola",
             "Jos", "Minna", "Lafia", "Damaturu"]
    for i in range(offset, offset + n):
        town = towns[i % len(towns)]
        (folder / f"d{i}.txt").write_text(
            f"Gunmen killed {i + 2} villagers in an attack near {town} on Saturday, police said. "
            f"Report number {i}: residents of {town} said the attackers arrived on motorcycles "
            "and burned houses before soldiers arrived.\n", encoding="utf-8")
    return folder


def _ingest_at_once(db: str, *folders: Path) -> list[subprocess.CompletedProcess[str]]:
    procs = [subprocess.Popen([*KHARITA, "ingest", str(f), "--db", db, "-q", "-j", "1"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for f in folders]
    out = []
    for p in procs:
        stdout, stderr = p.communicate(timeout=300)
        out.append(subprocess.CompletedProcess(p.args, p.returncode, stdout, stderr))
    return out


def _no_duplicates(db: str) -> dict[str, int]:
    with open_store(db) as s:
        dup_docs = s.execute("SELECT id FROM documents GROUP BY id HAVING count(*) > 1")
        dup_events = s.execute("SELECT id FROM events GROUP BY id HAVING count(*) > 1")
        assert dup_docs == [] and dup_events == []
        return s.counts()


def _event_ids(db: str | Path) -> list[str]:
    return sorted(json.loads(line)["id"] for line in _events_jsonl(db))


def test_two_ingesters_at_once_lose_nothing_and_duplicate_nothing(
        tmp_path: Path, pg_url: str, pg_cluster) -> None:
    a = _corpus(tmp_path / "a", 10)
    b = _corpus(tmp_path / "b", 10, offset=10)
    reference = tmp_path / "ref.sqlite"
    for folder in (a, b):
        assert run("ingest", folder, "--db", reference, "-q").exit_code == 0
    expected = _event_ids(reference)
    assert expected

    # different inputs at once
    for r in _ingest_at_once(pg_url, a, b):
        assert r.returncode == 0, r.stderr
    counts = _no_duplicates(pg_url)
    assert counts["documents"] == 20
    assert _event_ids(pg_url) == expected

    # the same inputs at once, into a fresh database
    same = pg_cluster.new_database()
    try:
        for r in _ingest_at_once(same, a, a, b):
            assert r.returncode == 0, r.stderr
        counts = _no_duplicates(same)
        assert counts["documents"] == 20
        assert _event_ids(same) == expected
    finally:
        pg_cluster.drop_database(same)


@pytest.mark.parametrize("command", [["events"], ["ingest", str(EXAMPLES / "gaza_wire.txt")],
                                     ["export", "--format", "jsonl"], ["feeds"]])
def test_a_server_that_is_not_there_is_one_line(command: list[str]) -> None:
    url = "postgresql://kharita:secret@127.0.0.1:1/news"
    r = run(*command, "--db", url)
    assert r.exit_code == 2, r.output
    assert "cannot connect to postgresql://kharita:***@127.0.0.1:1/news" in r.stderr
    assert "secret" not in r.stderr and "Traceback" not in r.output
    assert len(r.stderr.strip().splitlines()) == 1


def test_a_missing_database_and_an_empty_one_are_named(pg_cluster, pg_url: str) -> None:
    missing = pg_cluster.url("no_such_db")
    r = run("events", "--db", missing)
    assert r.exit_code == 2 and "does not exist; create it first" in r.stderr, r.output
    r = run("events", "--db", pg_url)  # exists, but kharita never wrote to it
    assert r.exit_code == 2 and "no kharita database at" in r.stderr, r.output
    r = run("events", "--db", "postgresql://[nonsense")
    assert r.exit_code == 2 and "Traceback" not in r.output, r.output


def test_the_database_url_can_come_from_the_environment(
        pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KHARITA_DB", pg_url)
    r = run("ingest", EXAMPLES / "gaza_wire.txt")
    assert r.exit_code == 0, r.output
    assert "store: postgresql://kharita@127.0.0.1" in r.stderr
    assert _events_jsonl(pg_url) == run("events", "--format", "jsonl").stdout.splitlines()
