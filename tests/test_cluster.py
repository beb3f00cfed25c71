"""Distributed runs on a Dask LocalCluster (2 worker processes): the same events as a
local run, and a worker killed mid-run loses nothing and a re-run adds nothing."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import _REAL_GAZETTEER
from kharita.cli import app
from kharita.pipeline import Options, Pipeline
from kharita.runner import Ingester
from kharita.runner.cluster import ClusterError, DaskExecutor, cluster_pipeline, parse_address
from kharita.store import open_store

runner = CliRunner()


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


def _corpus(folder: Path, n: int) -> Path:
    """Short news-like texts, one JSON Lines shard and loose files (the input kinds mix)."""
    import json

    folder.mkdir(parents=True)
    towns = ["Kano", "Maiduguri", "Aleppo", "Hodeidah", "Goma", "Gao", "Kandahar", "Kherson"]
    lines = []
    for i in range(n):
        town = towns[i % len(towns)]
        text = (f"Gunmen killed {i + 2} villagers in an attack near {town} on Saturday, police "
                f"said. Item {i}: residents of {town} said soldiers arrived hours later and "
                "hundreds of families fled the area.")
        if i % 2:
            (folder / f"d{i:02}.txt").write_text(text, encoding="utf-8")
        else:
            lines.append(json.dumps({"id": f"shard-{i}", "text": text,
                                     "published": "2024-05-04T10:00:00Z"}))
    (folder / "shard.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def scheduler():
    """A LocalCluster of 2 worker processes for the module; yields its address."""
    from distributed import LocalCluster

    if _REAL_GAZETTEER is not None and _REAL_GAZETTEER.exists():  # workers code as this process
        os.environ.setdefault("KHARITA_GAZETTEER", str(_REAL_GAZETTEER))
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           dashboard_address=":0")
    yield cluster.scheduler_address
    cluster.close()


def _events(db: Path | str) -> str:
    r = run("events", "--db", db, "--format", "jsonl")
    assert r.exit_code == 0, r.output
    return r.stdout


def test_a_cluster_run_stores_the_same_events_as_a_local_run(tmp_path: Path, scheduler: str) -> None:
    inputs = _corpus(tmp_path / "in", 24)
    local, dist = tmp_path / "local.sqlite", tmp_path / "dist.sqlite"
    assert run("ingest", inputs, "--db", local, "-j", "1", "-q").exit_code == 0
    r = run("ingest", inputs, "--db", dist, "--cluster", scheduler)
    assert r.exit_code == 0, r.output
    assert "coding on 2 Dask workers" in r.stderr
    assert "documents: 24 new, 0 duplicate, 0 failed" in r.stderr
    expected = _events(local)
    assert expected.count("\n") >= 24
    assert _events(dist) == expected  # byte for byte, same order
    r = run("ingest", inputs, "--db", dist, "--cluster", scheduler)  # a re-run adds nothing
    assert "0 new, 0 duplicate" not in r.stderr and "24 duplicate" in r.stderr, r.stderr


def test_batches_overlap_and_keep_input_order(tmp_path: Path, scheduler: str) -> None:
    """Batches of 5 (the client cleans and sends the next while one is coded): the
    same events, in the same order, as a local run; a copy in a later batch is a duplicate."""
    inputs = _corpus(tmp_path / "in", 23)
    (inputs / "zz-copy.txt").write_text((inputs / "d01.txt").read_text(encoding="utf-8"))
    reference = tmp_path / "ref.sqlite"
    assert run("ingest", inputs, "--db", reference, "-j", "1", "-q").exit_code == 0
    db = tmp_path / "k.sqlite"
    pipeline = cluster_pipeline(scheduler, Options(), batch_size=5)
    try:
        with open_store(db) as store:
            summary = Ingester(store, pipeline).run([str(inputs)])
    finally:
        pipeline.close()
    assert (summary.new, summary.duplicate, summary.failed) == (23, 1, 0)
    assert _events(db) == _events(reference)


def test_a_worker_killed_mid_run_loses_nothing(tmp_path: Path, scheduler: str) -> None:
    inputs = _corpus(tmp_path / "in", 40)
    reference = tmp_path / "ref.sqlite"
    assert run("ingest", inputs, "--db", reference, "-j", "1", "-q").exit_code == 0
    db = tmp_path / "k.sqlite"
    pipeline = cluster_pipeline(scheduler, Options())
    client = pipeline.executor.client
    pids = client.run(os.getpid)
    killed, done = threading.Event(), threading.Event()

    def kill_a_busy_worker() -> None:
        """SIGKILL a worker while it is coding a chunk, as soon as one is."""
        while not done.is_set():
            busy = [w for w, keys in client.processing().items() if keys and w in pids]
            if busy:
                time.sleep(0.3)  # well into its chunk
                os.kill(pids[busy[0]], signal.SIGKILL)
                killed.set()
                return
            time.sleep(0.02)

    killer = threading.Thread(target=kill_a_busy_worker, daemon=True)
    killer.start()
    try:
        with open_store(db) as store:
            summary = Ingester(store, pipeline).run([str(inputs)])
    finally:
        done.set()
        killer.join()
        pipeline.close()
    assert killed.is_set()
    assert summary.failed == 0 and summary.new == 40
    with open_store(db) as store, open_store(reference) as ref:
        assert store.counts() == ref.counts()
        assert store.execute("SELECT id FROM documents GROUP BY id HAVING count(*) > 1") == []
    r = run("ingest", inputs, "--db", db, "--cluster", scheduler, "-q")  # re-run: adds nothing
    assert r.exit_code == 0, r.output
    with open_store(db) as store, open_store(reference) as ref:
        assert store.counts() == ref.counts()
    assert _events(db) == _events(reference)


def test_a_lost_cluster_stops_the_run_and_a_rerun_finishes_it(tmp_path: Path, scheduler: str) -> None:
    """The scheduler goes away mid-run: the run stops with ClusterError (the CLI's
    exit 2, one line), what was saved stays whole, and a run on a cluster finishes it."""
    from distributed import LocalCluster

    inputs = _corpus(tmp_path / "in", 30)
    reference = tmp_path / "ref.sqlite"
    assert run("ingest", inputs, "--db", reference, "-j", "1", "-q").exit_code == 0
    doomed = LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                          dashboard_address=":0")
    db = tmp_path / "k.sqlite"
    pipeline = cluster_pipeline(doomed.scheduler_address, Options(), batch_size=4)
    client = pipeline.executor.client
    done = threading.Event()

    def close_when_busy() -> None:
        while not done.is_set():
            if any(client.processing().values()):
                time.sleep(0.3)
                doomed.close()
                return
            time.sleep(0.02)

    closer = threading.Thread(target=close_when_busy, daemon=True)
    closer.start()
    try:
        with open_store(db) as store, pytest.raises(ClusterError, match="lost the Dask cluster"):
            Ingester(store, pipeline).run([str(inputs)])
    finally:
        done.set()
        closer.join()
        pipeline.close()
        doomed.close()
    with open_store(db) as store:
        saved = store.counts()["documents"]
        assert store.execute("SELECT id FROM documents GROUP BY id HAVING count(*) > 1") == []
    assert saved < 30
    r = run("ingest", inputs, "--db", db, "--cluster", scheduler, "-q")
    assert r.exit_code == 0, r.output
    assert _events(db) == _events(reference)


def test_bad_cluster_addresses_are_one_line_errors(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KHARITA_CLUSTER_TIMEOUT", "2")
    (tmp_path / "a.txt").write_text("Gunmen killed nine villagers near Kano, police said.")
    for address, message in (("tcp://127.0.0.1:1", "cannot reach the Dask scheduler at tcp://127.0.0.1:1"),
                             ("local:0", "at least one worker"),
                             ("localhost", "write local:N"),
                             ("10.0.0.5:8786", "expected a scheduler address")):
        r = run("ingest", tmp_path / "a.txt", "--db", tmp_path / "k.sqlite", "--cluster", address)
        assert r.exit_code == 2, (address, r.output)
        assert message in r.stderr and "Traceback" not in r.output, r.stderr
        assert len(r.stderr.strip().splitlines()) == 1


def test_parse_address() -> None:
    assert parse_address("local:3") == ("local", 3)
    assert parse_address("tcp://10.0.0.5:8786") == ("tcp://10.0.0.5:8786", None)
    with pytest.raises(ClusterError):
        parse_address("10.0.0.5:8786")


def test_the_executor_keeps_input_order(scheduler: str) -> None:
    from kharita.model import RawDocument

    ex = DaskExecutor(scheduler, Options(places=False, actors=False, events=False))
    try:
        pipe = Pipeline(Options(places=False, actors=False, events=False), executor=ex)
        docs = list(pipe.process([RawDocument(input=f"t{i}", text=f"Text number {i}.")
                                  for i in range(10)]))
        assert [d.input for d in docs] == [f"t{i}" for i in range(10)]
    finally:
        ex.close()
