"""Acceptance: one batch of bad and good inputs through `kharita ingest`.

A binary file, an empty file, a malformed JSONL line among good lines, a
Windows-1256 Arabic HTML page, a 50 MB text file (over the 10 MB per-document
default) and good files: every good input stored, each bad one named with a
reason on stderr, exit code 1, no traceback; a second run stores nothing new.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kharita.cli import app
from kharita.store import SQLiteStore

ARABIC_PAGE = """<html><head><meta charset="windows-1256"><title>اشتباكات في حلب</title></head>
<body><article><h1>اشتباكات في حلب</h1>
<p>قالت مصادر محلية إن اشتباكات عنيفة اندلعت يوم الثلاثاء في مدينة حلب بين مجموعات مسلحة،
وأسفرت عن مقتل ثلاثة أشخاص وإصابة آخرين، فيما نزحت عائلات عديدة من الأحياء الشرقية.</p>
<p>وأضافت المصادر أن القتال استمر لساعات قبل أن يعود الهدوء الحذر إلى المنطقة.</p>
</article></body></html>"""

GOOD_TEXT = (
    "Gunmen attack village in Zamfara\n\n"
    "Gunmen killed nine villagers in an attack on a village in Zamfara state, north-west "
    "Nigeria, on Saturday, police said. Residents said the attackers arrived on motorcycles "
    "and burned several houses before leaving.\n"
)
GOOD_HTML = """<!doctype html><html><head><title>Protesters rally in Nairobi</title>
<meta property="article:published_time" content="2024-07-02"></head><body>
<nav>Home | World | Africa</nav><article><h1>Protesters rally in Nairobi</h1>
<p>Thousands of protesters marched through central Nairobi on Tuesday against proposed tax
increases, and police fired tear gas to disperse crowds near parliament, witnesses said.</p>
<p>Organisers said the demonstrations would continue until the finance bill was withdrawn.</p>
</article><footer>Subscribe to our newsletter</footer></body></html>"""


def _good_jsonl_line(doc_id: str, place: str) -> str:
    text = (f"Security forces clashed with armed men in {place} on Friday, officials said, "
            "and at least two people were wounded in the exchange of fire that followed.")
    return json.dumps({"id": doc_id, "text": text, "title": f"Clash in {place}",
                       "published": "2024-05-10"})


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("batch")
    (folder / "binary.bin").write_bytes(bytes(range(256)) * 64)
    (folder / "empty.txt").write_bytes(b"")
    lines = [_good_jsonl_line("feed-1", "Goma"), '{"id": "feed-2", "text": "unterminated',
             _good_jsonl_line("feed-3", "Gao")]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "arabic.html").write_bytes(ARABIC_PAGE.encode("cp1256"))
    sentence = b"This sentence repeats to make a very large text file for the size limit test. "
    with open(folder / "huge.txt", "wb") as fh:
        block = sentence * 13000  # ~1 MB
        fh.writelines(block for _ in range(50))
    (folder / "zamfara.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (folder / "nairobi.html").write_text(GOOD_HTML, encoding="utf-8")
    assert os.path.getsize(folder / "huge.txt") > 50_000_000
    return folder


def test_bad_inputs_named_good_inputs_stored(batch: Path, tmp_path: Path) -> None:
    db = tmp_path / "bad.sqlite"
    runner = CliRunner()
    r = runner.invoke(app, ["ingest", str(batch), "--db", str(db)])
    assert r.exit_code == 1, r.output
    assert r.exception is None or isinstance(r.exception, SystemExit)
    assert "Traceback" not in r.output
    err = r.stderr
    for name in ("binary.bin", "empty.txt", "feed.jsonl:2", "huge.txt"):
        lines = [ln for ln in err.splitlines() if name in ln]
        assert lines, f"{name} not named on stderr:\n{err}"
        reason = lines[0].split(name, 1)[1].strip(" :")
        assert reason, f"{name} has no reason"
    for good in ("zamfara.txt", "nairobi.html", "arabic.html", "feed.jsonl:1", "feed.jsonl:3"):
        assert good not in err, f"good input {good} reported as failed:\n{err}"
    assert "documents: 5 new" in err and "4 failed" in err

    with SQLiteStore(db) as s:
        docs = {d.input.rsplit("/", 1)[-1]: d for d in s.documents()}
        assert set(docs) == {"zamfara.txt", "nairobi.html", "arabic.html", "feed.jsonl:1",
                             "feed.jsonl:3"}
        assert s.get("feed-1") is not None and s.get("feed-3") is not None  # own ids kept
        arabic = docs["arabic.html"]
        assert "اشتباكات" in arabic.text and "حلب" in arabic.text  # decoded right
        assert arabic.language == "ar" and not arabic.coded
        assert "nairobi" in docs["nairobi.html"].text.lower()
        failed = {f.input.rsplit("/", 1)[-1] for f in s.failures()}
        assert failed == {"binary.bin", "empty.txt", "feed.jsonl:2", "huge.txt"}
        first = s.counts()

    r2 = runner.invoke(app, ["ingest", str(batch), "--db", str(db)])
    assert r2.exit_code == 1
    assert "documents: 0 new, 5 duplicate, 4 failed" in r2.stderr
    with SQLiteStore(db) as s:
        assert s.counts() == first
