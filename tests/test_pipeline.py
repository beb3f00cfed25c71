"""The pipeline runner: input order, failures passed through, and worker processes
giving exactly the in-process result."""

from __future__ import annotations

import pytest

from kharita.model import Document, Failure, RawDocument, to_dict
from kharita.pipeline import MIN_PARALLEL_DOCS, Options, Pipeline, default_workers

TEXTS = [
    "Taliban fighters attacked a checkpoint in Kunduz on Monday, killing three soldiers.",
    "Protesters gathered outside parliament in Khartoum on Tuesday to demand elections.",
    "An airstrike hit a market in Hodeidah, Yemen, on Wednesday, local officials said.",
    "Police arrested twelve suspected cartel members in Culiacan, Mexico, on Thursday.",
    "Al-Shabaab militants ambushed an army convoy near Mogadishu, Somalia, on Friday.",
    "Thousands of families fled Goma towards Rwanda as M23 rebels advanced on Saturday.",
    "Russian forces shelled Kharkiv overnight, Ukrainian officials said on Sunday.",
    "The army and the rebels signed a ceasefire agreement in Bamako, Mali, on Monday.",
]


def _raws() -> list[RawDocument | Failure]:
    items: list[RawDocument | Failure] = [
        RawDocument(input=f"doc{i}", text=t, published="2024-03-10") for i, t in enumerate(TEXTS)
    ]
    items.insert(3, Failure("broken.bin", "binary file, not text/HTML"))
    return items


def _coded(workers: int) -> list[dict]:
    with Pipeline(Options(workers=workers, batch_size=16)) as pipe:
        return [to_dict(d) for d in pipe.process(_raws())]


def test_order_and_failures_are_kept():
    out = _coded(1)
    assert [d.get("input") for d in out] == [r.input for r in _raws()]
    assert out[3]["reason"] == "binary file, not text/HTML"


def test_workers_give_the_in_process_result():
    assert len(TEXTS) >= MIN_PARALLEL_DOCS  # so the worker path is really taken
    serial = _coded(1)
    parallel = _coded(2)
    assert parallel == serial
    assert any(d.get("events") for d in parallel)


@pytest.mark.parametrize(("env", "expected"), [("3", 3), ("0", None), ("x", None)])
def test_default_workers_reads_the_environment(monkeypatch, env, expected):
    monkeypatch.setenv("KHARITA_WORKERS", env)
    n = default_workers()
    assert n == expected if expected else 1 <= n <= 4


def test_documents_are_documents():
    out = Pipeline().process_batch(_raws()[:2])
    assert all(isinstance(d, Document) for d in out)
