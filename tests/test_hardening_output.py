"""Hardening (issue 12, items 1-3): what kharita prints and writes cannot be hijacked.

1. Escape sequences in article text, titles, ids, URLs and file names never reach
   the terminal raw (`show`, the `events` table, `failed:` and warning lines); a
   newline in a file name cannot forge a line; highlights stay on their words.
2. `export --format acled-csv` never writes a cell a spreadsheet would run.
3. `-o FILE` writes through a symlink to its target and into a FIFO, instead of
   replacing them with a regular file.
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import make_airstrike_document
from kharita.cli import app
from kharita.cli.render import highlighted_text
from kharita.model import Document, Place, Span
from kharita.store import SQLiteStore

runner = CliRunner()

ESC = "\x1b"
# a window-title change, a screen clear, an OSC-8 hyperlink, a bell, an 8-bit CSI
HOSTILE = f"{ESC}]0;pwned\x07{ESC}[2J{ESC}]8;;http://evil.example/\x07click{ESC}]8;;\x07\x9b31m"
RAW_CONTROLS = (ESC, "\x07", "\x9b", "\r")


def run(*args: object, **kwargs: object):
    return runner.invoke(app, [str(a) for a in args], **kwargs)


def _no_raw_controls(output: str) -> None:
    leaked = [repr(c) for c in RAW_CONTROLS if c in output]
    assert not leaked, f"control characters reached the terminal: {leaked}"


def hostile_document() -> Document:
    """The airstrike document with escape sequences in its text, title, url, id and actors."""
    doc = make_airstrike_document(doc_id=f"evil{ESC}[2J-1")
    prefix = f"{HOSTILE}\x07 "
    shift = len(prefix)
    doc.text = prefix + doc.text
    for p in doc.places:
        p.start, p.end = p.start + shift, p.end + shift
    for a in doc.actors:
        a.start, a.end = a.start + shift, a.end + shift
    for e in doc.events:
        for span in (e.evidence, e.trigger, e.attribution, e.date_text):
            if span is not None:
                span.start, span.end = span.start + shift, span.end + shift
        for a in e.actors:
            a.name = f"{a.name}{ESC}]0;actor\x07"
        e.evidence = Span(HOSTILE + e.evidence.text, e.evidence.start, e.evidence.end)
    doc.title = f"Title {HOSTILE}"
    doc.url = f"https://example.org/{ESC}[2J"
    doc.warnings = [f"warning {HOSTILE}"]
    return doc


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.sqlite"
    with SQLiteStore(path) as s:
        s.save(hostile_document())
    return path


def test_show_prints_no_escape_sequences(hostile_db: Path) -> None:
    r = run("show", "evil", "--db", hostile_db)
    assert r.exit_code == 0, r.output
    _no_raw_controls(r.stdout)
    assert "\u241b]0;pwned" in r.stdout  # shown, as a visible ␛, not obeyed
    assert "Hodeidah" in r.stdout


def test_show_highlights_stay_on_their_words_after_control_characters() -> None:
    doc = hostile_document()
    text = highlighted_text(doc)
    assert len(text.plain) == len(doc.text)  # one visible character per control character
    places = [text.plain[s.start:s.end] for s in text.spans if s.style == "bold green"]
    assert places and set(places) <= {"Hodeidah", "Sanaa"}
    assert text.plain[doc.places[0].start:doc.places[0].end] == "Hodeidah"


def test_events_table_prints_no_escape_sequences(hostile_db: Path) -> None:
    r = run("events", "--db", hostile_db)
    assert r.exit_code == 0, r.output
    _no_raw_controls(r.stdout)
    assert "ASSAULT" in r.stdout


def test_failed_line_cannot_be_forged_by_a_file_name(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    evil = f"evil\nkharita: failed: forged.txt: fake reason{ESC}]0;pwned\x07.bin"
    (folder / evil).write_bytes(bytes(range(256)) * 8)  # binary: fails
    r = run("extract", folder)
    assert r.exit_code == 1
    _no_raw_controls(r.stderr)
    failed = [ln for ln in r.stderr.splitlines() if ln.startswith("kharita: failed:")]
    assert len(failed) == 1, r.stderr
    assert "forged.txt" in failed[0] and "binary" in failed[0]  # one line, name made visible


def test_terminal_safe_keeps_length_and_lines() -> None:
    from kharita.cli.terminal import terminal_safe

    s = f"a{ESC}[31mb\x07\tc\nd\x9b\u202ee"
    one_line = terminal_safe(s)
    assert len(one_line) == len(s) and "\n" not in one_line and "\t" not in one_line
    text = terminal_safe(s, lines=True)
    assert len(text) == len(s) and "\n" in text and "\t" in text
    assert not any(c in text for c in (ESC, "\x07", "\x9b", "\u202e"))


# ------------------------------------------------------------------ 2. CSV injection


def test_acled_csv_cells_cannot_start_a_formula(tmp_path: Path) -> None:
    doc = make_airstrike_document(doc_id="=1+2")
    doc.url = "+cmd|' /C calc'!A0"
    doc.source = "@SUM(1,1)"
    strike = doc.events[0]
    strike.evidence = Span('=HYPERLINK("http://evil.example","click")', 0, 10)
    strike.id = "-2+3"
    strike.location = Place("Somewhere", 0, 4, name="-Somewhere", lat=-1.25, lon=-70.5,
                            country="YE", precision=1)
    db = tmp_path / "csv.sqlite"
    with SQLiteStore(db) as s:
        s.save(doc)
    r = run("export", "--format", "acled-csv", "--db", db, "--all-events")
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert rows
    for row in rows:
        for column, cell in row.items():
            if cell[:1] in ("=", "+", "@", "\t", "\r"):
                pytest.fail(f"{column} starts a formula: {cell!r}")
            if cell.startswith("-"):
                float(cell)  # only a negative number may start with '-'
    first = next(r for r in rows if r["event_id_cnty"] == "'-2+3")
    assert first["notes"].startswith("'=HYPERLINK")
    assert first["source"] == "'@SUM(1,1)" and first["url"] == "'+cmd|' /C calc'!A0"
    assert first["doc_id"] == "'=1+2" and first["location"] == "'-Somewhere"
    assert first["latitude"] == "-1.25" and first["longitude"] == "-70.5"


# ------------------------------------------------------------------ 3. -o special files


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "out.sqlite"
    with SQLiteStore(path) as s:
        s.save(make_airstrike_document())
    return path


def test_output_through_a_symlink_writes_its_target(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "real.jsonl"
    target.write_text("old\n")
    target.chmod(0o640)
    link = tmp_path / "link.jsonl"
    link.symlink_to(target)
    r = run("export", "--format", "jsonl", "--db", db, "-o", link)
    assert r.exit_code == 0, r.output
    assert link.is_symlink() and os.readlink(link) == str(target)
    records = [json.loads(x) for x in target.read_text().splitlines()]
    assert sorted(x["id"] for x in records) == ["doc-yemen-1:e1", "doc-yemen-1:e2"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # the file's mode is kept
    assert not list(tmp_path.glob("*.part"))


def test_output_into_a_fifo_keeps_the_fifo(db: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "events.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []

    def reader() -> None:
        with open(fifo, "rb") as fh:
            got.append(fh.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    r = run("export", "--format", "jsonl", "--db", db, "-o", fifo)
    thread.join(timeout=20)
    assert r.exit_code == 0, r.output
    assert stat.S_ISFIFO(fifo.stat().st_mode), "the FIFO was replaced by a regular file"
    assert got and b"doc-yemen-1:e1" in got[0]
    assert not list(tmp_path.glob("*.part"))


def test_output_to_a_directory_is_a_usage_error(db: Path, tmp_path: Path) -> None:
    r = run("export", "--format", "jsonl", "--db", db, "-o", tmp_path)
    assert r.exit_code == 2
    assert "directory" in r.stderr and "Traceback" not in r.output
