"""Fuzz/soak: one ingest of 10,000 documents of which 5% are garbage of every kind.

    .venv/bin/python benchmarks/hardening_soak.py [--docs 10000] [--keep DIR]

Writes a corpus (JSON Lines, text, HTML, WARC, gzip files and special files) in
which 95% of the documents are good (some with hostile escape sequences in their
text and titles, some with a publication date that is not a date, a few longer
than the coded prefix) and 5% are bad: binary, empty, over-size, malformed or
mistyped JSONL lines, lines without text or not UTF-8, a second text under an
id already used, pretty-printed JSON, corrupt gzip, pages without article text,
truncated WARC records (plain and gzipped), FIFOs and unreadable folders inside
the input folder, symlink loops, missing paths, and hostile file names.

Then runs ``kharita ingest`` on it twice (as root, without the capabilities that
bypass file permissions, so unreadable folders are unreadable) and checks that:
every good document is stored, every bad input is named once with its reason,
every warning is said, the exit code is 1, no escape sequence reaches stderr,
and the second run adds nothing.  Prints the figures and writes them to
``benchmarks/results/hardening_soak.json``; exits 1 if a check fails.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from kharita.cli.terminal import terminal_safe
from processes import KHARITA, _drop_file_powers

RESULTS = ROOT / "benchmarks" / "results" / "hardening_soak.json"
MAX_BYTES = 200_000
ESC = "\x1b"
HOSTILE = f"{ESC}]0;pwned\x07{ESC}[2J{ESC}]8;;http://evil.example/\x07link{ESC}]8;;\x07"
HOSTILE_NAME = f"{ESC}]0;pwned\x07{ESC}[2J"  # no "/" in a file name

PLACES = ["Zamfara", "Goma", "Aleppo", "Hodeidah", "Kandahar", "Gao", "Mogadishu", "Kharkiv",
          "Khartoum", "Idlib", "Maiduguri", "Bunia", "Sanaa", "Mosul", "Timbuktu", "Juba"]
TEMPLATES = [
    ("Gunmen killed {n} villagers in an attack on a village near {p} on {day}, police said. "
     "Residents said the attackers arrived on motorcycles and burned houses."),
    ("Security forces clashed with armed men in {p} on {day}, officials said, and at least {n} "
     "people were wounded in the exchange of fire that followed."),
    ("Thousands of protesters marched through central {p} on {day} against rising prices, and "
     "police fired tear gas to disperse the crowd, witnesses said. {n} people were arrested."),
    ("An airstrike hit a market in {p} on {day}, killing {n} civilians, according to local "
     "health officials. No group claimed responsibility for the strike."),
    ("Militants attacked an army post outside {p} on {day}, the defence ministry said, adding "
     "that {n} soldiers were killed and several vehicles were destroyed."),
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass
class Corpus:
    """What was written, and what a correct run must say about it."""

    root: Path
    inputs: list[str] = field(default_factory=list)  # command-line inputs
    good: int = 0  # documents that must be stored
    good_ids: set[str] = field(default_factory=set)  # caller ids among them
    bad: list[tuple[str, str, str]] = field(default_factory=list)  # (name, reason part, kind)
    warned: list[tuple[str, str]] = field(default_factory=list)  # (name, warning part)

    def fail(self, name: str | Path, reason: str, kind: str) -> None:
        self.bad.append((str(name), reason, kind))


def article(i: int, rng: random.Random) -> str:
    body = rng.choice(TEMPLATES).format(n=2 + i % 40, p=rng.choice(PLACES), day=rng.choice(DAYS))
    return f"Report {i} from the field\n\n{body} The report was filed as item {i}."


def build(root: Path, n_docs: int, seed: int = 12) -> Corpus:
    """The corpus: ``n_docs`` documents, 5% of them bad; input order is deterministic."""
    rng = random.Random(seed)
    c = Corpus(root)
    news = root / "news"
    news.mkdir(parents=True)
    c.inputs.append(str(news))
    n_bad = n_docs // 20
    k = max(1, n_bad // 25)  # one unit of the bad mix (500 bad: k = 20)
    files_good = _bad_files(c, news, k, rng)
    jsonl_good = n_docs - n_bad - files_good
    _jsonl(c, news, jsonl_good, n_bad - len(c.bad) - k // 2, rng)
    for i in range(k // 2):
        missing = root / f"missing-{i}.txt"
        c.inputs.append(str(missing))
        c.fail(missing, "no such file or directory", "missing path")
    return c


def _bad_files(c: Corpus, news: Path, k: int, rng: random.Random) -> int:
    """Bad files (and the good documents that travel with them); returns the good count."""
    files = news / "files"
    files.mkdir()
    good = 0
    for i in range(k * 2):
        name = f"binary-{i}.bin" if i % 4 else f"evil-{i}\nkharita: failed: forged: x{HOSTILE_NAME}.bin"
        (files / name).write_bytes(bytes(range(256)) * 16)
        c.fail(files / name, "binary file", "binary")
        (files / f"empty-{i}.txt").write_bytes(b"")
        c.fail(files / f"empty-{i}.txt", "empty file", "empty")
    for i in range(k // 2):
        (files / f"huge-{i}.txt").write_text("A long line of filler text. " * 12_000)
        c.fail(files / f"huge-{i}.txt", "larger than the 200 KB limit", "over size")
        (files / f"pretty-{i}.json").write_text(json.dumps({"id": i, "text": "x"}, indent=2))
        c.fail(files / f"pretty-{i}.json", "not JSON Lines", "pretty-printed JSON")
        (files / f"cut-{i}.txt.gz").write_bytes(gzip.compress(os.urandom(4000).hex().encode())[:900])
        c.fail(files / f"cut-{i}.txt.gz", "corrupt or truncated input", "truncated gzip")
        os.mkfifo(files / f"pipe-{i}.txt")
        c.fail(files / f"pipe-{i}.txt", "named pipe", "FIFO")
        os.symlink(f"loop-{i}.txt", files / f"loop-{i}.txt")
        c.fail(files / f"loop-{i}.txt", "cannot open", "symlink loop")
        locked = files / f"locked-{i}"
        locked.mkdir()
        (locked / "inside.txt").write_text(article(i, rng))
        locked.chmod(0)
        c.fail(locked, "cannot read directory", "unreadable folder")
    for i in range(k + k // 2):
        page = "<html><head><title>Menu</title></head><body><script>var x = 1;</script></body></html>"
        (files / f"nothing-{i}.html").write_text(page)
        c.fail(files / f"nothing-{i}.html", "no article text", "page without text")
    for i in range(k // 2):
        good += _warc(c, files, i, gz=bool(i % 2), rng=rng)
    for i in range(k * 10):  # good single files, some hostile
        text = article(100_000 + i, rng)
        if i % 10 == 0:
            text = text.replace("from the field", f"from the field {HOSTILE}")
        (files / f"good-{i}.txt").write_text(text)
        good += 1
    for i in range(max(1, k // 4)):  # longer than the coded prefix: coded in part, said
        parts = [article(200_000 + i * 1000, rng)]
        while sum(map(len, parts)) < 110_000:  # past the 100,000 characters that are coded
            parts.append(article(200_000 + i * 1000 + len(parts), rng))
        long_text = "\n\n".join(parts)
        (files / f"long-{i}.txt").write_text(long_text)
        c.warned.append((str(files / f"long-{i}.txt"), "characters were coded"))
        good += 1
    c.good += good
    return good


def _warc(c: Corpus, folder: Path, i: int, gz: bool, rng: random.Random) -> int:
    """A WARC of three pages whose last record is cut; the first two are good."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    def records(n: int) -> bytes:
        buf = io.BytesIO()
        writer = WARCWriter(buf, gzip=gz)
        for j in range(n):
            body = f"<html><body><article><p>{article(300_000 + i * 10 + j, rng)}</p></article></body></html>"
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"http://example.org/{i}/{j}", "response", payload=io.BytesIO(body.encode()),
                http_headers=headers))
        return buf.getvalue()

    two, three = len(records(2)), records(3)
    path = folder / f"crawl-{i}.warc{'.gz' if gz else ''}"
    path.write_bytes(three[: two + (len(three) - two) // 2])
    c.fail(f"{path}#", "truncated WARC record", "truncated WARC record")
    return 2


def _jsonl(c: Corpus, news: Path, good: int, bad: int, rng: random.Random) -> None:
    """JSON Lines files holding ``good`` good documents and ``bad`` bad lines, mixed."""
    kinds = ["malformed", "id object", "title list", "published object", "no text",
             "not UTF-8", "id used", "line too long"]
    plan = ["good"] * good + [kinds[j % len(kinds)] for j in range(bad)]
    rng.shuffle(plan)
    per_file = 1000
    used: list[str] = []
    for f in range(0, len(plan), per_file):
        path = news / f"feed-{f // per_file:03}.jsonl"
        with open(path, "wb") as fh:
            for lineno, kind in enumerate(plan[f : f + per_file], 1):
                where = f"{path}:{lineno}"
                fh.write(_line(c, kind, where, len(c.good_ids), used, rng) + b"\n")


def _line(c: Corpus, kind: str, where: str, i: int, used: list[str], rng: random.Random) -> bytes:
    text = article(i, rng)
    if kind == "good" or (kind == "id used" and not used):
        doc_id = f"soak-{i}"
        record = {"id": doc_id, "text": text, "title": f"Report {i}", "published": "2024-05-10"}
        if i % 50 == 0:
            record["title"] = f"Report {i} {HOSTILE}"
            record["text"] = text.replace("from the field", f"from the field {HOSTILE}")
        if i % 97 == 0:
            record["published"] = "sometime last week"
            c.warned.append((where, "is not a date"))
        c.good += 1
        c.good_ids.add(doc_id)
        used.append(doc_id)
        return json.dumps(record).encode()
    reasons = {
        "malformed": (b'{"id": "broken", "text": "unterminated', "malformed JSON line"),
        "id object": (json.dumps({"id": {"a": 1}, "text": text}).encode(), "'id' must be"),
        "title list": (json.dumps({"id": "t", "title": ["x"], "text": text}).encode(), "'title' must be"),
        "published object": (json.dumps({"text": text, "published": {"y": 2024}}).encode(),
                             "'published' must be"),
        "no text": (json.dumps({"id": "empty", "text": "  "}).encode(), "no 'text' or 'html'"),
        "not UTF-8": (b'{"id": "latin", "text": "caf\xe9 ' + json.dumps(text)[1:-1].encode() + b'"}',
                      "must be UTF-8"),
        "id used": (json.dumps({"id": rng.choice(used), "text": text + " Updated."}).encode(),
                    "is already used by"),
        "line too long": (json.dumps({"id": "big", "text": "word " * 50_000}).encode(), "larger than"),
    }
    line, reason = reasons[kind]
    c.fail(where, reason, f"JSONL {kind}")
    return line


# ---------------------------------------------------------------------- checks


def run_ingest(c: Corpus, db: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    """``kharita ingest`` on the corpus, held to file permissions even as root."""
    extra = {"preexec_fn": _drop_file_powers} if os.geteuid() == 0 else {}
    start = time.perf_counter()
    r = subprocess.run([*KHARITA, "ingest", *c.inputs, "--db", str(db), "--max-bytes",
                        str(MAX_BYTES)], check=False, capture_output=True, text=True, **extra)
    return r, time.perf_counter() - start


def check(c: Corpus, r: subprocess.CompletedProcess[str], db: Path, first: bool) -> list[str]:
    """Every way the run differs from what the corpus asks for (empty: all good).

    Warnings are said when a document is coded: on the first run, not on a re-run
    that finds it stored.
    """
    problems = []
    if r.returncode != 1:
        problems.append(f"exit code {r.returncode}, expected 1")
    leaked = [repr(ch) for ch in (ESC, "\x07") if ch in r.stderr]
    if leaked:
        problems.append(f"control characters on stderr: {leaked}")
    if "Traceback" in r.stderr:
        problems.append("a traceback on stderr")
    failed = [ln for ln in r.stderr.splitlines() if ln.startswith("kharita: failed: ")]
    if len(failed) != len(c.bad):
        problems.append(f"{len(failed)} failed lines for {len(c.bad)} bad inputs")
    by_name: dict[str, list[str]] = {}
    for ln in failed:
        by_name.setdefault(_name_of(ln, c), []).append(ln)
    for name, reason, kind in c.bad:
        lines = by_name.get(terminal_safe(name), [])
        if len(lines) != 1 or reason not in lines[0]:
            problems.append(f"{kind}: {name!r} not named once with {reason!r}: {lines}")
    warnings = [ln for ln in r.stderr.splitlines() if ln.startswith("kharita: warning: ")]
    for name, part in c.warned if first else []:
        if not any(terminal_safe(name) in ln and part in ln for ln in warnings):
            problems.append(f"warning {part!r} not said for {name}")
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        ids = {row[0] for row in conn.execute("SELECT id FROM documents")}
    if len(ids) != c.good:
        problems.append(f"{len(ids)} documents stored, {c.good} good ones given")
    missing = c.good_ids - ids
    if missing:
        problems.append(f"{len(missing)} good JSONL documents not stored, e.g. {sorted(missing)[:3]}")
    return problems


def _name_of(line: str, c: Corpus) -> str:
    """The input named by a failed line (a WARC record's name cut to ``path#``)."""
    rest = line[len("kharita: failed: "):]
    for name, _, _ in c.bad:
        safe = terminal_safe(name)
        if rest.startswith(safe if safe.endswith("#") else safe + ": "):
            return safe
    return re.split(r": ", rest, maxsplit=1)[0]


def store_counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("documents", "events", "places", "actor_mentions", "failures")}


def summary_line(stderr: str) -> str:
    return next((ln for ln in stderr.splitlines() if ln.startswith("kharita: documents:")), "")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--keep", type=Path, help="build the corpus and store here and keep them")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="kharita-soak-"))
    try:
        return soak(work, args.docs)
    finally:
        if not args.keep:
            for locked in work.rglob("locked-*"):
                locked.chmod(0o755)
            shutil.rmtree(work, ignore_errors=True)


def soak(work: Path, n_docs: int) -> int:
    corpus = build(work / "corpus", n_docs)
    db = work / "soak.sqlite"
    kinds: dict[str, int] = {}
    for _, _, kind in corpus.bad:
        kinds[kind] = kinds.get(kind, 0) + 1
    first, first_s = run_ingest(corpus, db)
    problems = check(corpus, first, db, first=True)
    counts = store_counts(db)
    second, second_s = run_ingest(corpus, db)
    again = check(corpus, second, db, first=False)
    if store_counts(db) != counts:
        again.append(f"the re-run changed the store: {counts} -> {store_counts(db)}")
    if "documents: 0 new," not in summary_line(second.stderr):
        again.append(f"the re-run added documents: {summary_line(second.stderr)}")
    total = corpus.good + len(corpus.bad)
    out = {
        "documents": total, "good": corpus.good, "bad": len(corpus.bad),
        "bad_share": round(len(corpus.bad) / total, 4), "bad_by_kind": dict(sorted(kinds.items())),
        "warned": len(corpus.warned),
        "first_run": {"exit_code": first.returncode, "seconds": round(first_s, 1),
                      "documents_per_s": round(total / first_s, 1),
                      "summary": summary_line(first.stderr), "store": counts},
        "second_run": {"exit_code": second.returncode, "seconds": round(second_s, 1),
                       "summary": summary_line(second.stderr), "store": store_counts(db)},
        "problems_first_run": problems, "problems_second_run": again,
        "ok": not problems and not again,
        "cpus": os.cpu_count(),
        "command": f".venv/bin/python benchmarks/hardening_soak.py --docs {n_docs}",
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(out, indent=2, ensure_ascii=False))
    return 0 if out["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
