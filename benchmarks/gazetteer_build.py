"""Gazetteer build time, size, counts and lookup speed.

    .venv/bin/python benchmarks/gazetteer_build.py [--lookups N] [--skip-build]

Builds the full gazetteer into a temporary directory (the set-up target is < 90 s on
2 cores), reports wall and CPU time, peak memory, file size and counts, then times
``Gazetteer.lookup`` on a seeded sample of real name keys: cold (first call, SQLite
query) and warm (LRU cache hit), plus ``name_keys()`` enumeration.  ``--skip-build``
times lookups on the installed gazetteer instead.  Writes
benchmarks/results/gazetteer_build.json.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from kharita.places.gazetteer import Gazetteer, build

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "results" / "gazetteer_build.json"


def time_build(directory: Path) -> dict:
    path = directory / "gazetteer.sqlite"
    wall, cpu = time.perf_counter(), time.process_time()
    counts = build(path, progress=lambda m: print(f"  {m}", file=sys.stderr))
    return {
        "build_wall_s": round(time.perf_counter() - wall, 1),
        "build_cpu_s": round(time.process_time() - cpu, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "db_size_mb": round(path.stat().st_size / 1e6, 1),
        "counts": counts,
        "path": path,
    }


def time_lookups(path: Path | None, n: int) -> dict:
    gaz = Gazetteer.open(path)
    started = time.perf_counter()
    keys = list(gaz.name_keys())
    enum_s = time.perf_counter() - started
    sample = random.Random(13).sample(keys, min(n, len(keys)))
    started = time.perf_counter()
    hits = sum(len(gaz.lookup(k)) for k in sample)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    for k in sample:
        gaz.lookup(k)
    warm = time.perf_counter() - started
    gaz.close()
    return {
        "name_keys": len(keys),
        "name_keys_enumeration_s": round(enum_s, 2),
        "lookups": len(sample),
        "mean_candidates": round(hits / len(sample), 2),
        "cold_lookup_us": round(cold / len(sample) * 1e6, 1),
        "warm_lookup_us": round(warm / len(sample) * 1e6, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lookups", type=int, default=20000)
    parser.add_argument("--skip-build", action="store_true")
    args = parser.parse_args()
    result: dict = {"command": "python benchmarks/gazetteer_build.py " + " ".join(sys.argv[1:])}
    with tempfile.TemporaryDirectory() as tmp:
        path = None
        if not args.skip_build:
            built = time_build(Path(tmp))
            path = built.pop("path")
            result.update(built)
        result.update(time_lookups(path, args.lookups))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
