"""Places commands: ``kharita geoparse`` and ``kharita evaluate geo``.

Both only parse arguments and call plain functions (:mod:`kharita.places`,
:mod:`kharita.evaluate.geo`).  Exit codes: 0 all good, 1 some inputs failed,
2 usage error (missing gazetteer, unreadable gold file).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from kharita.cli import app, evaluate_app
from kharita.cli.terminal import terminal_safe
from kharita.model import Document, Failure, to_dict


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"kharita: error: {message}", err=True)
    raise typer.Exit(code)


def _geoparser():  # the Geoparser type is imported lazily
    from kharita.places import Geoparser
    from kharita.places.gazetteer import GazetteerMissing

    gp = Geoparser()
    try:
        gp.gazetteer  # noqa: B018 - open now, so a missing gazetteer is a clean error
    except GazetteerMissing as exc:
        _fail(str(exc))
    return gp


@app.command()
def geoparse(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, or - for stdin.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write JSONL here.")] = None,
) -> None:
    """Find and resolve the places in documents; one JSON line per document.

    Each line is {"id", "places": [Place...], "focus": {"countries", "admin1"}}.

    Example: kharita geoparse article.html > places.jsonl
    """
    from kharita.ingest import read_inputs
    from kharita.pipeline import Options, Pipeline, default_workers

    gp = _geoparser()
    # Worker processes as for extract/ingest ($KHARITA_WORKERS, default one per core).
    # the stage is handed its opened gazetteer rather than loading it again
    pipe = Pipeline(Options(places=True, actors=False, events=False, workers=default_workers()),
                    stages=[("places", gp)])
    failed = 0
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        for item in pipe.process(read_inputs(inputs)):
            if isinstance(item, Failure):
                failed += 1
                typer.echo(f"kharita: failed: {terminal_safe(item.input)}: "
                           f"{terminal_safe(item.reason)}", err=True)
                continue
            out.write(json.dumps(_line(item), ensure_ascii=False) + "\n")
    finally:
        pipe.close()
        if output:
            out.close()
    if failed:
        raise typer.Exit(1)


def _line(doc: Document) -> dict:
    return {"id": doc.id, "input": doc.input, "places": to_dict(doc.places), "focus": doc.focus,
            "warnings": doc.warnings}


@evaluate_app.command("geo")
def evaluate_geo_cmd(
    path: Annotated[Path, typer.Argument(help="Gold corpus (LGL/GeoWebNews/TR-News XML).")],
    fmt: Annotated[str, typer.Option("--format", help="Corpus format.")] = "gritta-xml",
    limit: Annotated[int | None, typer.Option("--limit", help="Only the first N articles.", min=1)] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="JSON results (default benchmarks/results/geo_<corpus>.json).")] = None,
) -> None:
    """Score the geoparser: toponym recall/precision, exact id, within 161 km, error km.

    Example: kharita evaluate geo --format gritta-xml ../shared/eval/geo/lgl.xml --limit 100
    """
    from kharita.evaluate.geo import GoldFormatError, evaluate_geo

    if fmt != "gritta-xml":
        _fail(f"unknown --format {fmt!r}; supported: gritta-xml")
    if not path.is_file():
        _fail(f"{path}: no such file")
    gp = _geoparser()
    try:
        result = evaluate_geo(path, limit=limit, geoparser=gp)
    except GoldFormatError as exc:
        _fail(str(exc))
    result["command"] = " ".join(["kharita", "evaluate", "geo", "--format", fmt, str(path)]
                                 + (["--limit", str(limit)] if limit else []))
    target = output or Path("benchmarks/results") / f"geo_{path.stem}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    for key, value in result.items():
        typer.echo(f"{key:32} {value}")
    typer.echo(f"written to {target}", err=True)
