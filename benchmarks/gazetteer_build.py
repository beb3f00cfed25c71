"""Gazetteer build time, size, counts and lookup speed.

    .venv/bin/python benchmarks/gazetteer_build.py [--lookups N] [--skip-build]
                                                   [--coverage PATH]

Builds the full gazetteer into a temporary directory (the set-up target is < 90 s on
2 cores), reports wall and CPU time, peak memory, file size and counts, then times
``Gazetteer.lookup`` on a seeded sample of real name keys: cold (first call, SQLite
query) and warm (LRU cache hit), plus ``name_keys()`` enumeration.  ``--skip-build``
times lookups on the installed gazetteer instead.

``--coverage PATH`` scores the gazetteer alone on a corpus in the LGL/GeoWebNews XML format
(e.g. ../shared/eval/geo/lgl.xml): for each gold toponym with a GeoNames id, whether the id
is in the gazetteer, whether ``lookup(phrase)`` returns it, and whether it returns any
candidate within 161 km of the gold point -- the ceiling a geoparser using this gazetteer
can reach.  Writes benchmarks/results/gazetteer_build.json.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import resource
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import Counter
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


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


def coverage(path: Path | None, corpus: Path) -> dict:
    """Gazetteer-only ceiling on a GeoNames-tagged toponym corpus."""
    gaz = Gazetteer.open(path)
    n = in_gaz = id_found = near = 0
    misses: Counter[str] = Counter()
    for top in ET.parse(corpus).getroot().iter("toponym"):
        tag = top.find("gaztag")
        phrase = top.findtext("phrase") or ""
        if tag is None or not tag.get("geonameid") or tag.findtext("lat") is None:
            continue
        gid, lat, lon = int(tag.get("geonameid")), float(tag.findtext("lat")), float(
            tag.findtext("lon"))
        n += 1
        in_gaz += gaz.get(gid) is not None
        cands = gaz.lookup(phrase)
        id_found += any(c.geonameid == gid for c in cands)
        if any(_km(lat, lon, c.lat, c.lon) <= 161 for c in cands):
            near += 1
        else:
            misses[f"{tag.findtext('fcode')}"] += 1
    gaz.close()
    return {
        "corpus": str(corpus), "toponyms_with_id": n,
        "gold_id_in_gazetteer": round(in_gaz / n, 3),
        "lookup_returns_gold_id": round(id_found / n, 3),
        "lookup_has_candidate_within_161km": round(near / n, 3),
        "misses_by_gold_feature_code": dict(misses.most_common(10)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lookups", type=int, default=20000)
    parser.add_argument("--skip-build", action="store_true")
    parser.add_argument("--coverage", type=Path, help="LGL-format XML corpus to score against")
    args = parser.parse_args()
    result: dict = {"command": "python benchmarks/gazetteer_build.py " + " ".join(sys.argv[1:])}
    with tempfile.TemporaryDirectory() as tmp:
        path = None
        if not args.skip_build:
            built = time_build(Path(tmp))
            path = built.pop("path")
            result.update(built)
        result.update(time_lookups(path, args.lookups))
        if args.coverage:
            if not args.coverage.is_file():
                sys.exit(f"{args.coverage}: no such file (the evaluation data is not shipped)")
            result["coverage"] = coverage(path, args.coverage)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
