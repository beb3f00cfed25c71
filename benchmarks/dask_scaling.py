"""Dask: 2 workers vs 1 worker over guardian_pool.jsonl, and the same events as a local run.

    PYTHONPATH=src .venv/bin/python benchmarks/dask_scaling.py [--input FILE] [--repeat 1]

For N in 1, 2: a LocalCluster of N worker processes (one thread each) is started and
its workers load spaCy, the gazetteer and the actor knowledge base (the
``Preload`` plugin), as a standing team cluster would have; then ``kharita
ingest`` of the input into a new SQLite store is timed through the runner
(``Ingester`` with ``cluster_pipeline``: the client reads, runs the text stage and
saves; the workers code).  ``cold_s`` adds the cluster's start and the workers'
loading, as ``--cluster local:N`` pays on every command.  The speed-up is reported
for the best run of each (the machine is shared) and for the mean of the runs.  A
local run (``-j 1``, in this process, whose numpy BLAS may use both cores while each
Dask worker is held to one BLAS thread) is the reference whose ``kharita events --format jsonl`` each
cluster run must equal byte for byte.  Writes ``benchmarks/results/dask_scaling.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "dask_scaling.json"
DEFAULT = ROOT.parent / "shared" / "eval" / "events" / "guardian_pool.jsonl"


def events_digest(db: Path) -> str:
    from kharita.export import export
    from kharita.store import EventFilter, open_store

    out = io.StringIO()
    with open_store(db, create=False) as s:
        n = export(s.events(EventFilter()), "jsonl", out)
    return f"{hashlib.sha256(out.getvalue().encode()).hexdigest()[:16]} ({n} events)"


def run_local(inp: Path, db: Path) -> float:
    from kharita.pipeline import Options, Pipeline
    from kharita.runner import Ingester
    from kharita.store import open_store

    with open_store(db) as store, Pipeline(Options(workers=1)) as pipe:
        from kharita import nlp

        nlp.load()  # loaded before the clock starts, as the cluster's workers are
        pipe.stages()
        t = time.perf_counter()
        Ingester(store, pipe).run([str(inp)])
        return time.perf_counter() - t


def run_cluster(inp: Path, db: Path, n: int) -> tuple[float, float]:
    from distributed import LocalCluster

    from kharita.pipeline import Options
    from kharita.runner import Ingester
    from kharita.runner.cluster import cluster_pipeline
    from kharita.store import open_store

    t0 = time.perf_counter()
    cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                           dashboard_address=":0", silence_logs=50)
    try:
        pipe = cluster_pipeline(cluster.scheduler_address, Options())  # workers preload here
        try:
            with open_store(db) as store:
                t = time.perf_counter()
                summary = Ingester(store, pipe).run([str(inp)])
                warm = time.perf_counter() - t
            assert summary.failed == 0, summary.line()
        finally:
            pipe.close()
    finally:
        cluster.close()
    return warm, time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input", type=Path, default=DEFAULT)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    if not args.input.exists():
        sys.exit(f"{args.input}: not found (evaluation data is not shipped with kharita)")
    docs = sum(1 for line in args.input.open(encoding="utf-8") if line.strip())
    load_before = os.getloadavg()[0]
    tmp = Path(tempfile.mkdtemp(prefix="kharita-dask-"))
    ref = tmp / "local.sqlite"
    local_s = run_local(args.input, ref)
    reference = events_digest(ref)
    runs: dict[str, list[dict[str, float]]] = {"1": [], "2": []}
    same = True
    for r in range(args.repeat):
        for n in (1, 2):
            db = tmp / f"dask{n}_{r}.sqlite"
            warm, cold = run_cluster(args.input, db, n)
            same &= events_digest(db) == reference
            runs[str(n)].append({"warm_s": round(warm, 2), "cold_s": round(cold, 2),
                                 "docs_per_s": round(docs / warm, 2)})
    best = {n: min(x["warm_s"] for x in v) for n, v in runs.items()}
    best_cold = {n: min(x["cold_s"] for x in v) for n, v in runs.items()}
    result = {
        "command": "PYTHONPATH=src .venv/bin/python benchmarks/dask_scaling.py "
                   f"--input {os.path.relpath(args.input, ROOT)} --repeat {args.repeat}",
        "documents": docs,
        "same_events_as_local_run": same,
        "events_jsonl_sha256": reference,
        "local_j1_s": round(local_s, 2),
        "runs": runs,
        "speedup_2_vs_1_workers": round(best["1"] / best["2"], 3),
        "speedup_2_vs_1_workers_mean_of_runs": round(
            (sum(x["warm_s"] for x in runs["1"]) / len(runs["1"]))
            / (sum(x["warm_s"] for x in runs["2"]) / len(runs["2"])), 3),
        "speedup_2_workers_vs_local_j1": round(local_s / best["2"], 3),
        "speedup_2_vs_1_workers_cold": round(best_cold["1"] / best_cold["2"], 3),
        "machine": f"{os.cpu_count()} cores, shared with other work; 1-minute load average "
                   f"{load_before:.2f} before, {os.getloadavg()[0]:.2f} after",
    }
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
