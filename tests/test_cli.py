"""CLI commands through typer's runner against temporary databases.

events/export/show run on stores filled with hand-built documents; extract and
ingest run the real pipeline on small text files written here.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import make_airstrike_document, make_protest_document
from kharita.cli import app
from kharita.store import SQLiteStore

runner = CliRunner()


def run(*args: str, input: str | None = None):
    return runner.invoke(app, [str(a) for a in args], input=input)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "cli.sqlite"
    with SQLiteStore(path) as s:
        s.save(make_airstrike_document())
        s.save(make_protest_document())
    return path


def test_events_table(db: Path) -> None:
    r = run("events", "--db", db)
    assert r.exit_code == 0, r.output
    assert "ASSAULT" in r.stdout and "PROTEST" in r.stdout and "Al Hudaydah" in r.stdout


def test_events_jsonl_filters(db: Path) -> None:
    r = run("events", "--db", db, "--format", "jsonl", "--country", "YE", "--type", "assault")
    assert r.exit_code == 0, r.output
    records = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x["id"] for x in records] == ["doc-yemen-1:e1"]
    assert records[0]["url"] == "https://example.org/yemen"


def test_events_near_and_text_and_dates(db: Path) -> None:
    r = run("events", "--db", db, "-f", "jsonl", "--near", "15.55,32.53,25", "--text", "tear gas",
            "--since", "2023-01-01", "--until", "2023-12-31", "--actor", "police")
    assert r.exit_code == 0, r.output
    assert [json.loads(x)["id"] for x in r.stdout.splitlines()] == ["doc-sudan-1:e1"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--near", "15,44"], "LAT,LON,KM"),
        (["--near", "x,y,z"], "LAT,LON,KM"),
        (["--since", "yesterday"], "YYYY-MM-DD"),
        (["--country", "Narnia"], "country name"),
        (["--format", "xml"], "table or jsonl"),
    ],
)
def test_events_usage_errors_exit_2(db: Path, args: list[str], message: str) -> None:
    r = run("events", "--db", db, *args)
    assert r.exit_code == 2
    assert message in r.stderr
    assert "Traceback" not in r.output


def test_missing_database_is_usage_error(tmp_path: Path) -> None:
    for cmd in (["events"], ["export", "--format", "jsonl"], ["show", "x"]):
        r = run(*cmd, "--db", tmp_path / "nope.sqlite")
        assert r.exit_code == 2, cmd
        assert "no kharita database" in r.stderr
        assert not (tmp_path / "nope.sqlite").exists()


def test_export_formats(db: Path, tmp_path: Path) -> None:
    r = run("export", "--db", db, "--format", "acled-csv")
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert len(rows) == 3 and rows[0]["event_id_cnty"]
    r = run("export", "--db", db, "--format", "acled-csv", "--all-events")
    assert len(list(csv.DictReader(io.StringIO(r.stdout)))) == 4
    out = tmp_path / "e.geojson"
    r = run("export", "--db", db, "--format", "geojson", "--output", out)
    assert r.exit_code == 0 and json.loads(out.read_text())["type"] == "FeatureCollection"
    out = tmp_path / "e.parquet"
    r = run("export", "--db", db, "--format", "parquet", "-o", out)
    assert r.exit_code == 0 and out.read_bytes()[:4] == b"PAR1"
    r = run("export", "--db", db, "--format", "jsonl")
    assert len(r.stdout.splitlines()) == 4


def test_export_unknown_format(db: Path) -> None:
    r = run("export", "--db", db, "--format", "xlsx")
    assert r.exit_code == 2 and "acled-csv" in r.stderr


def test_show_document(db: Path) -> None:
    r = run("show", "doc-yemen", "--db", db)
    assert r.exit_code == 0, r.output
    assert "Airstrike kills five in Hodeidah" in r.stdout
    assert "legend" in r.stdout
    assert "[1] ASSAULT" in r.stdout and "[2] MOBILIZE" in r.stdout
    assert "Al Hudaydah" in r.stdout and "Sanaa" in r.stdout


def test_show_unknown_document(db: Path) -> None:
    r = run("show", "zzz", "--db", db)
    assert r.exit_code == 2 and "no document" in r.stderr


def test_every_command_has_an_example_in_its_help() -> None:
    for cmd in ("extract", "ingest", "events", "export", "show"):
        r = run(cmd, "--help")
        assert r.exit_code == 0
        assert "Example: kharita " + cmd in r.stdout, cmd


ARTICLE = (
    "Clashes in Kandahar leave six dead\n\n"
    "Fighting between Taliban fighters and Afghan security forces killed six people in "
    "Kandahar province on Monday, a provincial spokesman said. The clashes began near the "
    "city's airport and lasted several hours, officials said on Tuesday.\n"
)


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE.replace("six", "seven").replace("Monday", "Sunday"),
                                  encoding="utf-8")
    return folder


def test_extract_documents_in_input_order(articles: Path) -> None:
    r = run("extract", articles / "b.txt", articles / "a.txt", "--documents", "-q")
    assert r.exit_code == 0, r.output
    docs = [json.loads(x) for x in r.stdout.splitlines()]
    assert [d["input"].rsplit("/", 1)[-1] for d in docs] == ["b.txt", "a.txt"]
    assert docs[0]["text"].startswith("Clashes in Kandahar leave seven dead")
    for key in ("id", "text", "places", "actors", "events", "duplicate_of"):
        assert key in docs[0]


def test_extract_names_failed_input_and_exits_1(articles: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "out.jsonl"
    r = run("extract", articles / "a.txt", empty, "--documents", "--output", out)
    assert r.exit_code == 1
    assert "empty.txt" in r.stderr
    assert len(out.read_text().splitlines()) == 1


def test_ingest_twice_adds_nothing(articles: Path, tmp_path: Path) -> None:
    db = tmp_path / "k.sqlite"
    r = run("ingest", articles, "--db", db)
    assert r.exit_code == 0, r.output
    assert "documents: 2 new" in r.stderr
    with SQLiteStore(db) as s:
        first = s.counts()
    r = run("ingest", articles, "--db", db)
    assert r.exit_code == 0, r.output
    assert "documents: 0 new, 2 duplicate, 0 failed" in r.stderr
    with SQLiteStore(db) as s:
        assert s.counts() == first
        assert first["documents"] == 2


def test_ingest_default_db_from_environment(articles: Path, tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "env.sqlite"
    monkeypatch.setenv("KHARITA_DB", str(db))
    r = run("ingest", articles / "a.txt", "-q")
    assert r.exit_code == 0, r.output
    assert r.stderr == ""
    assert db.exists()


def test_stage_failure_warned_once(capsys) -> None:
    from kharita.cli.documents import StageWarnings
    from kharita.model import Document

    warn = StageWarnings()
    for i in range(3):
        warn(Document(id=f"d{i}", input=f"in{i}.txt",
                      warnings=["places stage failed: gazetteer not found", "other note"]))
    err = capsys.readouterr().err
    assert err.count("gazetteer not found") == 1 and "in0.txt" in err
    assert "other note" not in err


def test_show_highlights_at_the_stored_offsets() -> None:
    from kharita.cli.render import STYLES, highlighted_text

    doc = make_airstrike_document()
    text = highlighted_text(doc)
    spans = {(s.start, s.end, str(s.style)) for s in text.spans}
    p, a, e = doc.places[0], doc.actors[0], doc.events[0]
    assert (p.start, p.end, STYLES["place"]) in spans
    assert (a.start, a.end, STYLES["actor"]) in spans
    assert (e.trigger.start, e.trigger.end, STYLES["trigger"]) in spans
    assert (e.evidence.start, e.evidence.end, STYLES["evidence"]) in spans
    assert text.plain == doc.text


@pytest.fixture
def marked_db(tmp_path: Path) -> Path:
    """The two illustrative documents, the airstrike recalled as background."""
    path = tmp_path / "marked.sqlite"
    doc = make_airstrike_document()
    doc.events[0].background = True
    with SQLiteStore(path) as s:
        s.save(doc)
        s.save(make_protest_document())
    return path


def test_acled_csv_leaves_out_background_unless_asked(marked_db: Path) -> None:
    r = run("export", "--db", marked_db, "--format", "acled-csv")
    ids = [row["event_id_cnty"] for row in csv.DictReader(io.StringIO(r.stdout))]
    assert "doc-yemen-1:e1" not in ids and len(ids) == 2
    r = run("export", "--db", marked_db, "--format", "acled-csv", "--background")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert "doc-yemen-1:e1" in [row["event_id_cnty"] for row in rows]
    assert next(row for row in rows if row["event_id_cnty"] == "doc-yemen-1:e1")["background"] == "1"
    # the other formats keep it, marked
    r = run("export", "--db", marked_db, "--format", "jsonl")
    rec = next(json.loads(x) for x in r.stdout.splitlines() if json.loads(x)["id"] == "doc-yemen-1:e1")
    assert rec["background"] is True and rec["aggregate"] is False
    r = run("export", "--db", marked_db, "--format", "jsonl", "--no-background")
    assert "doc-yemen-1:e1" not in r.stdout


def test_events_background_and_confidence_flags(marked_db: Path) -> None:
    r = run("events", "--db", marked_db, "-f", "jsonl", "--no-background")
    ids = [json.loads(x)["id"] for x in r.stdout.splitlines()]
    assert "doc-yemen-1:e1" not in ids and ids
    r = run("events", "--db", marked_db, "-f", "jsonl", "--min-confidence", "0.99")
    assert r.exit_code == 0 and r.stdout.strip() == ""
    r = run("events", "--db", marked_db, "--min-confidence", "2")
    assert r.exit_code == 2
