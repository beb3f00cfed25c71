"""``kharita evaluate events``: score event coding against gold data.

Parses options and calls :func:`kharita.evaluate.events.evaluate_events`; prints a
table and writes the figures as JSON with the command that produced them.
"""

from __future__ import annotations

import shlex
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from kharita.cli import evaluate_app

DEFAULT_OUT = {"plover-gsr": "benchmarks/results/events_plover.json",
               "acled-csv": "benchmarks/results/events_acled.json",
               "articles": "benchmarks/results/events_articles.json"}


class GoldFormat(str, Enum):
    plover_gsr = "plover-gsr"
    acled_csv = "acled-csv"
    articles = "articles"


@evaluate_app.command("events")
def evaluate_events_cmd(
    path: Annotated[Path, typer.Argument(help="Gold file (PLOVER GSR JSON, ACLED CSV) or, for "
                                         "--format articles, a directory of N.txt/N.meta.json/N.json.")],
    fmt: Annotated[GoldFormat, typer.Option("--format", "-f", help="Gold-data format.")],
    limit: Annotated[int | None, typer.Option("--limit", "-n", min=1, help="Score only the first N items.")] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Where to write the JSON figures "
                                             "(default benchmarks/results/events_<format>.json).")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="articles: list misses, false "
                                          "positives and duplicates.")] = False,
    docs: Annotated[str | None, typer.Option("--docs", help="articles: only these articles "
                                             "(comma-separated names).", show_default=False)] = None,
    predictions: Annotated[Path | None, typer.Option(
        "--predictions", help="articles: score this `kharita extract --documents` output (ids a<N>) "
        "instead of coding the articles.", show_default=False)] = None,
) -> None:
    """Run the full pipeline over a gold file and score event coding.

    Example: kharita evaluate events --format acled-csv ../shared/eval/events/acled_afghanistan_2020-03.csv

    Whole articles with every codable event annotated (precision, recall, duplicates):

    Example: kharita evaluate events --format articles ../shared/eval/events/articles -v
    """
    from kharita.evaluate.events import evaluate_events, format_report, write_result

    if fmt is GoldFormat.articles:
        result = _articles(path, verbose, docs, predictions)
    else:
        if not path.is_file():
            typer.echo(f"kharita: error: {path}: no such file", err=True)
            raise typer.Exit(2)
        try:
            result = evaluate_events(fmt.value, path, limit)
        except (ValueError, OSError, UnicodeDecodeError) as exc:
            typer.echo(f"kharita: error: {path}: cannot score as {fmt.value}: {exc}", err=True)
            raise typer.Exit(2) from None
        typer.echo(format_report(result))
    command = "kharita " + " ".join(shlex.quote(a) for a in sys.argv[1:]) if sys.argv else "kharita evaluate events"
    written = write_result(result, out or Path(DEFAULT_OUT[fmt.value]), command)
    typer.echo(f"\nwritten to {written}", err=True)


def _articles(path: Path, verbose: bool, docs: str | None, predictions: Path | None) -> dict:
    """Score a directory of gold articles; print the report; the figures for the file."""
    from kharita.evaluate.articles import format_article_report, result_json, score_articles

    if not path.is_dir():
        typer.echo(f"kharita: error: {path}: not a directory of gold articles", err=True)
        raise typer.Exit(2)
    if predictions is not None and not predictions.is_file():
        typer.echo(f"kharita: error: {predictions}: no such file", err=True)
        raise typer.Exit(2)
    try:
        result = score_articles(path, docs.split(",") if docs else None, predictions=predictions)
    except (ValueError, OSError, UnicodeDecodeError, KeyError) as exc:
        typer.echo(f"kharita: error: {path}: cannot score as articles: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(format_article_report(result, verbose))
    return result_json(result)
