"""The layering issue 10 asked for, checked so it stays: the store only stores (it
imports no stage, runner or pipeline), there is one distance function, and nothing
reaches into the pipeline's private parts."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "kharita"
# What the store may not depend on: the code that produces documents.
ABOVE_STORE = ("kharita.pipeline", "kharita.runner", "kharita.text", "kharita.places",
               "kharita.actors", "kharita.events", "kharita.reporting", "kharita.nlp",
               "kharita.watch", "kharita.cli", "kharita.ingest", "kharita.export")


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at its top or inside a function."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
            out |= {f"{node.module}.{a.name}" for a in node.names}
    return out


def test_the_store_imports_nothing_above_it() -> None:
    bad = {
        f"{path.name}: {name}"
        for path in (SRC / "store").glob("*.py")
        for name in _imports(path)
        if name.startswith(ABOVE_STORE)
    }
    assert not bad, bad


def test_importing_every_backend_loads_no_pipeline() -> None:
    modules = ["kharita.store"] + sorted(
        f"kharita.store.{p.stem}" for p in (SRC / "store").glob("*.py") if p.stem != "__init__")
    code = (f"import sys, {', '.join(modules)}; "
            f"print(sorted(m for m in sys.modules if m.startswith({ABOVE_STORE!r})))")
    env = {**os.environ, "PYTHONPATH": str(SRC.parent)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         check=True).stdout
    assert out.strip() == "[]"


def test_one_earth_radius_and_one_distance_formula() -> None:
    radius = re.compile(r"\b6371(\.\d+)?\b|6378137")
    trig = re.compile(r"math\.asin|math\.hypot")
    found = [str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
             if radius.search(p.read_text(encoding="utf-8"))
             or trig.search(p.read_text(encoding="utf-8"))]
    assert found == ["geo.py"], found


def test_nobody_reaches_into_private_pipeline_state() -> None:
    users = [str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
             if p.name != "pipeline.py" and re.search(r"\._stages\b|\._pool\b", p.read_text("utf-8"))]
    assert users == []


def test_both_backends_have_the_same_migrations() -> None:
    # a schema change is written twice (SQLite and PostgreSQL dialects): same names, same order
    from kharita.store import pg_schema, schema

    assert [name for name, _ in pg_schema.MIGRATIONS] == [name for name, _ in schema.MIGRATIONS]
