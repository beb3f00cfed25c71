"""Store and export speed on synthetic coded documents (no NLP: the store alone).

    .venv/bin/python benchmarks/store_speed.py [--docs N]

Saves N hand-built documents (2 events, 3 places, 3 actor mentions each; one
transaction per document, as ``kharita ingest`` does), runs each kind of event
query with ``--limit 100``, and exports every event as ACLED CSV and JSONL.
Writes ``benchmarks/results/store_speed.json``.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from conftest import make_airstrike_document
from kharita.export import export
from kharita.store import EventFilter, Near, SQLiteStore

RESULTS = Path(__file__).resolve().parent / "results" / "store_speed.json"

QUERIES = {
    "near": {"near": Near(15.35, 44.21, 20)},
    "country_name": {"country": "Yemen"},
    "actor_substring": {"actor": "saudi"},
    "text_and_country": {"text": "airstrike", "country": "YE"},
    "since_and_type": {"since": "2024-03-13", "type": "MOBILIZE"},
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=5000)
    args = ap.parse_args()
    docs = [make_airstrike_document(f"d{i}") for i in range(args.docs)]
    out: dict[str, object] = {"documents": args.docs, "events": 2 * args.docs}
    with tempfile.TemporaryDirectory() as tmp, SQLiteStore(Path(tmp) / "bench.sqlite") as store:
        t = time.perf_counter()
        for doc in docs:
            store.save(doc)
        secs = time.perf_counter() - t
        out["save_docs_per_s"] = round(args.docs / secs, 1)
        t = time.perf_counter()
        for doc in docs[:500]:
            store.save(doc)  # re-saving replaces: the idempotent-upsert path
        out["resave_docs_per_s"] = round(500 / (time.perf_counter() - t), 1)
        out["query_ms"] = {}
        for name, kw in QUERIES.items():
            t = time.perf_counter()
            n = sum(1 for _ in store.events(EventFilter(limit=100, **kw)))
            out["query_ms"][name] = {"ms": round((time.perf_counter() - t) * 1000, 1), "rows": n}
        for fmt in ("acled-csv", "jsonl"):
            t = time.perf_counter()
            n = export(store.events(), fmt, io.StringIO())
            out[f"export_{fmt}_rows_per_s"] = round(n / (time.perf_counter() - t), 1)
    out["command"] = f".venv/bin/python benchmarks/store_speed.py --docs {args.docs}"
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
