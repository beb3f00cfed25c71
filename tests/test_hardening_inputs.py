"""Hardening (issue 12, items 4-8): no input is lost silently.

4. A truncated WARC record is named, not stored as a short page; a truncated
   ``.warc.gz`` keeps its complete records.
5. An unreadable subdirectory of an input directory is named.
6. A document longer than the coded prefix is named on stderr and counted in the
   run summary.
7. A FIFO inside an input directory is named instead of hanging the run; a FIFO
   given by name is read like stdin.
8. JSONL fields of the wrong type are refused with the field named; a publication
   date that is not a date is said; two inputs with one id and two texts: the
   later one is named, and the same one is stored on every run.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kharita.cli import app
from kharita.ingest import read_inputs
from kharita.model import Failure, RawDocument
from kharita.store import SQLiteStore
from processes import unprivileged_kwargs

runner = CliRunner()

GOOD = ("Gunmen killed nine villagers in an attack on a village in Zamfara state on Saturday, "
        "police said. Residents said the attackers arrived on motorcycles.")


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


def _items(*paths: Path) -> list[RawDocument | Failure]:
    return list(read_inputs([str(p) for p in paths]))


# ------------------------------------------------------------------ 4. truncated WARC


def warc_bytes(gz: bool, pages: int = 3) -> bytes:
    """A WARC of ``pages`` HTML responses (each record its own gzip member when ``gz``)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for i in range(pages):
        body = (f"<html><head><title>Page {i}</title></head><body><article><p>{GOOD * 8}"
                "</p></article></body></html>").encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"http://example.org/{i}", "response", payload=io.BytesIO(body), http_headers=headers))
    return buf.getvalue()


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_truncated_warc_keeps_complete_records_and_names_the_cut_one(tmp_path: Path, gz: bool) -> None:
    two = len(warc_bytes(gz, pages=2))  # where the third record starts (give or take a byte)
    data = warc_bytes(gz)
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    path.write_bytes(data[: two + (len(data) - two) // 2])
    items = _items(path)
    docs = [i for i in items if isinstance(i, RawDocument)]
    failures = [i for i in items if isinstance(i, Failure)]
    assert [d.url for d in docs] == ["http://example.org/0", "http://example.org/1"]
    assert len(failures) == 1 and "truncated WARC record" in failures[0].reason, items
    assert failures[0].input.startswith(str(path) + "#")


def test_complete_warc_has_no_failure(tmp_path: Path) -> None:
    for gz, name in ((False, "a.warc"), (True, "a.warc.gz")):
        (tmp_path / name).write_bytes(warc_bytes(gz))
        items = _items(tmp_path / name)
        assert all(isinstance(i, RawDocument) for i in items) and len(items) == 3, items


# ------------------------------------------------------------------ 5. unreadable folder

_LIST_INPUTS = """
import json, sys
from kharita.ingest import read_inputs
out = [[type(i).__name__, i.input, getattr(i, "reason", None)] for i in read_inputs([sys.argv[1]])]
print(json.dumps(out))
"""


def test_unreadable_subdirectory_is_named(tmp_path: Path) -> None:
    root = tmp_path / "news"
    (root / "locked").mkdir(parents=True)
    (root / "a.txt").write_text(GOOD)
    (root / "locked" / "b.txt").write_text(GOOD)
    (root / "z.txt").write_text(GOOD)
    (root / "locked").chmod(0)
    try:
        r = subprocess.run([sys.executable, "-c", _LIST_INPUTS, str(root)], check=False,
                           capture_output=True, text=True, timeout=120, **unprivileged_kwargs())
    finally:
        (root / "locked").chmod(0o755)
    assert r.returncode == 0, r.stderr
    items = json.loads(r.stdout)
    names = [(kind, Path(name).name) for kind, name, _ in items]
    assert ("RawDocument", "a.txt") in names and ("RawDocument", "z.txt") in names
    failed = [(name, reason) for kind, name, reason in items if kind == "Failure"]
    assert failed == [(str(root / "locked"), "cannot read directory: Permission denied")]


# ------------------------------------------------------------------ 6. coded prefix


def test_document_coded_only_in_part_is_named_and_counted(tmp_path: Path, monkeypatch) -> None:
    from kharita import pipeline

    monkeypatch.setattr(pipeline, "MAX_CODED_CHARS", 300)
    long_text = "Clashes in Zamfara\n\n" + " ".join([GOOD] * 8)
    (tmp_path / "long.txt").write_text(long_text)
    (tmp_path / "short.txt").write_text(GOOD)
    r = run("ingest", tmp_path / "long.txt", tmp_path / "short.txt", "--db", tmp_path / "s.sqlite")
    assert r.exit_code == 0, r.output
    warnings = [ln for ln in r.stderr.splitlines() if ln.startswith("kharita: warning:")]
    assert len(warnings) == 1 and "long.txt" in warnings[0], r.stderr
    assert "only the first 300 of its" in warnings[0] and "characters were coded" in warnings[0]
    assert "1 coded only in part (the first 300 characters)" in r.stderr

    quiet = run("ingest", tmp_path / "long.txt", "--db", tmp_path / "q.sqlite", "-q")
    assert quiet.exit_code == 0 and "warning" not in quiet.stderr


# ------------------------------------------------------------------ 7. FIFOs


def _in_thread(fn, timeout: float = 20.0):
    """fn() in a daemon thread; fails the test instead of hanging it."""
    result: list = []
    thread = threading.Thread(target=lambda: result.append(fn()), daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        pytest.fail(f"still blocked after {timeout:.0f} s")
    return result[0]


def test_fifo_inside_a_directory_is_named_not_waited_on(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "z.txt").write_text(GOOD)
    items = _in_thread(lambda: _items(tmp_path))
    assert [Path(i.input).name for i in items] == ["a.txt", "pipe.txt", "z.txt"]
    fifo = items[1]
    assert isinstance(fifo, Failure) and "named pipe" in fifo.reason


def test_fifo_given_by_name_is_read_like_stdin(tmp_path: Path) -> None:
    fifo = tmp_path / "feed"
    os.mkfifo(fifo)

    def writer() -> None:
        with open(fifo, "w") as fh:
            fh.write(GOOD)

    threading.Thread(target=writer, daemon=True).start()
    items = _in_thread(lambda: _items(fifo))
    assert len(items) == 1 and isinstance(items[0], RawDocument), items
    assert "Zamfara" in (items[0].text or "")


# ------------------------------------------------------------------ 8. JSONL fields


def _jsonl(tmp_path: Path, *records: dict) -> Path:
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def test_failed_jsonl_line_100_is_named_as_such(tmp_path: Path) -> None:
    """rich turned "feed.jsonl:100: reason" into an emoji (":100:") on stderr."""
    records = [{"id": f"d{i}", "text": ""} for i in range(100)]
    r = run("extract", _jsonl(tmp_path, *records))
    assert r.exit_code == 1
    assert "feed.jsonl:100: JSON line has no 'text'" in r.stderr


def test_jsonl_fields_of_the_wrong_type_are_refused(tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path,
        {"id": {"a": 1}, "text": GOOD},
        {"id": "t", "title": ["x"], "text": GOOD},
        {"id": "p", "published": {"year": 2024}, "text": GOOD},
        {"id": True, "text": GOOD},
        {"id": 7, "title": "Fine", "url": "https://example.org/7", "text": GOOD},
    )
    items = _items(path)
    reasons = [getattr(i, "reason", None) for i in items]
    assert reasons[0] == "JSON line's 'id' must be a string or an integer, not dict"
    assert reasons[1] == "JSON line's 'title' must be a string, not list"
    assert reasons[2] == "JSON line's 'published' must be a string, not dict"
    assert reasons[3] == "JSON line's 'id' must be a string or an integer, not bool"
    assert isinstance(items[4], RawDocument) and items[4].id == "7"
    assert [i.input.rsplit(":", 1)[1] for i in items] == ["1", "2", "3", "4", "5"]


def test_unparseable_published_is_said(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, {"id": "d1", "text": GOOD, "published": "sometime last week"},
                  {"id": "d2", "text": GOOD.replace("nine", "ten"), "published": "2024-02-30"})
    r = run("extract", path, "--documents")
    assert r.exit_code == 0, r.output
    docs = {d["id"]: d for d in map(json.loads, r.stdout.splitlines())}
    for doc_id, value in (("d1", "sometime last week"), ("d2", "2024-02-30")):
        assert docs[doc_id]["published"] is None
        assert any("is not a date" in w and value in w for w in docs[doc_id]["warnings"])
    warned = [ln for ln in r.stderr.splitlines() if "is not a date" in ln]
    assert len(warned) == 2 and "feed.jsonl:1" in warned[0], r.stderr


def test_same_id_different_text_is_named_and_the_first_is_always_stored(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, {"id": "same", "text": GOOD},
                  {"id": "same", "text": GOOD.replace("nine", "twelve")},
                  {"id": "same", "text": GOOD})  # an exact copy: a duplicate, no message
    db = tmp_path / "ids.sqlite"
    for attempt in range(2):
        r = run("ingest", path, "--db", db)
        assert r.exit_code == 1, r.output
        failed = [ln for ln in r.stderr.splitlines() if ln.startswith("kharita: failed:")]
        assert len(failed) == 1 and "feed.jsonl:2" in failed[0], r.stderr
        assert "'same' is already used by" in failed[0] and "feed.jsonl:1" in failed[0]
        with SQLiteStore(db) as s:
            assert "nine villagers" in s.get("same").text
            assert s.counts()["documents"] == 1
        if attempt == 0:
            assert "documents: 1 new, 1 duplicate, 1 failed" in r.stderr
        else:
            assert "documents: 0 new, 2 duplicate, 1 failed" in r.stderr
