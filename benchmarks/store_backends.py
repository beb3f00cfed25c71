"""SQLite vs PostgreSQL: same events, and ingest speed on the same input.

    PYTHONPATH=src .venv/bin/python benchmarks/store_backends.py [--repeat 2] [--pg-url URL]

1. **Same answers.**  Ingests ``examples/``, the seed (``../shared/seed``) and
   ``../shared/eval/events/guardian_pool.jsonl`` with ``kharita ingest -j 1`` into a
   new SQLite file and a new PostgreSQL database, and compares ``kharita events
   --format jsonl`` (and a few filtered queries) byte for byte.
2. **Ingest speed**, documents per second, the whole command (reading, coding,
   saving) on the same inputs, each backend ``--repeat`` times, alternating; the
   best run of each is reported (the machine is shared: the best run is the one
   least disturbed).
3. **Saving alone**: the stored documents loaded back and saved again into a new
   store of each backend (the store's own cost, without coding).

PostgreSQL is a throwaway cluster (tests/pgcluster.py: initdb in a temporary
directory, fsync off as for the tests, and ``synchronous_commit`` as configured,
default on) unless ``--pg-url`` names a database.  Writes
``benchmarks/results/store_backends.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
RESULTS = ROOT / "benchmarks" / "results" / "store_backends.json"
SHARED = ROOT.parent / "shared"
KHARITA = [sys.executable, "-c",
           "import sys; sys.argv[0] = 'kharita'; from kharita.cli import main; main()"]
QUERIES = [[], ["--country", "Syria"], ["--text", "air strike*"], ["--near", "36.2,37.15,40"],
           ["--actor", "police"], ["--since", "2019-01", "--until", "2019-12"],
           ["--no-background", "--min-confidence", "0.7"]]


DEFAULT_INPUTS = [ROOT / "examples", SHARED / "seed",
                  SHARED / "eval" / "events" / "guardian_pool.jsonl"]
INPUTS: list[str] = []


def inputs() -> list[str]:
    return INPUTS


def kharita(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    r = subprocess.run([*KHARITA, *args], capture_output=True, text=True, env=env, check=False)
    if r.returncode not in (0, 1):
        sys.exit(f"kharita {' '.join(args)} failed: {r.stderr.strip()}")
    return r


def ingest(db: str, env: dict[str, str]) -> tuple[float, int]:
    t = time.perf_counter()
    kharita("ingest", *inputs(), "--db", db, "-j", "1", "-q", env=env)
    secs = time.perf_counter() - t
    from kharita.store import open_store

    with open_store(db, create=False) as s:
        return secs, s.counts()["documents"]


def answers(db: str, env: dict[str, str]) -> dict[str, str]:
    out = {}
    for q in QUERIES:
        r = kharita("events", "--db", db, "--format", "jsonl", *q, env=env)
        out[" ".join(q) or "all"] = hashlib.sha256(r.stdout.encode()).hexdigest()[:16] + \
            f" ({r.stdout.count(chr(10))} events)"
    return out


def save_only(source: str, make_target) -> float:
    from kharita.store import open_store
    from kharita.text.dedup import Deduplicator

    with open_store(source, create=False) as s:
        docs = list(s.documents())
    sigs = [Deduplicator.signature(d.text) for d in docs]
    target = make_target()
    with open_store(target) as store:
        t = time.perf_counter()
        for d, sig in zip(docs, sigs):
            store.save(d, signature=sig)
        return len(docs) / (time.perf_counter() - t)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--pg-url", help="an existing, empty PostgreSQL database (default: a throwaway cluster)")
    ap.add_argument("--inputs", nargs="+", type=Path, default=DEFAULT_INPUTS)
    args = ap.parse_args()
    INPUTS.extend(str(p) for p in args.inputs if p.exists())
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "KHARITA_WORKERS": "1"}
    load_before = os.getloadavg()[0]
    from pgcluster import PgCluster

    cluster = None if args.pg_url else PgCluster.start()
    tmp = Path(tempfile.mkdtemp(prefix="kharita-bench-"))
    try:
        def new_pg() -> str:
            return args.pg_url or cluster.new_database()

        def new_sqlite() -> str:
            return str(tmp / f"s{time.perf_counter_ns()}.sqlite")

        runs: dict[str, list[float]] = {"sqlite": [], "postgresql": []}
        stores: dict[str, str] = {}
        docs = 0
        for _ in range(args.repeat):
            for backend, make in (("sqlite", new_sqlite), ("postgresql", new_pg)):
                db = make()
                secs, docs = ingest(db, env)
                runs[backend].append(round(docs / secs, 2))
                stores[backend] = db
        same = {b: answers(db, env) for b, db in stores.items()}
        save = {"sqlite": round(save_only(stores["sqlite"], new_sqlite), 1),
                "postgresql": round(save_only(stores["sqlite"], new_pg), 1)}
        best = {b: max(v) for b, v in runs.items()}
        result = {
            "command": "PYTHONPATH=src .venv/bin/python benchmarks/store_backends.py "
                       f"--repeat {args.repeat}" + (" --pg-url URL" if args.pg_url else "")
                       + ("" if args.inputs == DEFAULT_INPUTS else
                          " --inputs " + " ".join(os.path.relpath(p, ROOT) for p in args.inputs)),
            "inputs": [os.path.relpath(p, ROOT) for p in inputs()],
            "documents": docs,
            "same_events_on_both": same["sqlite"] == same["postgresql"],
            "events_jsonl_sha256": same,
            "ingest_docs_per_s_runs": runs,
            "ingest_docs_per_s_best": best,
            "postgresql_vs_sqlite_ingest": round(best["postgresql"] / best["sqlite"], 3),
            "save_only_docs_per_s": save,
            "postgresql_vs_sqlite_save_only": round(save["postgresql"] / save["sqlite"], 3),
            "machine": f"{os.cpu_count()} cores, shared with other work; 1-minute load "
                       f"average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after",
            "postgresql": "throwaway cluster (tests/pgcluster.py), fsync off, "
                          "synchronous_commit on" if not args.pg_url else "given URL",
        }
    finally:
        if cluster is not None:
            cluster.stop()
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
