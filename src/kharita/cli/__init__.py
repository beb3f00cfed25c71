"""Command-line interface.  Commands only parse arguments and call plain functions.

``app`` is the root; sub-apps group commands.  Each module below registers its
commands on import:

    documents.py   extract, ingest, events, export, show           (store/export owner)
    gazetteer.py   gazetteer build|import                         (gazetteer owner)
    geo.py         geoparse, evaluate geo                         (places owner)
    evaluation.py  evaluate events                                (events owner)
    watch.py       watch, feeds                                   (live monitoring)
    serve.py       serve                                          (the analyst's workspace)
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="kharita",
    help="Conflict news in, an auditable, geolocated event dataset out.",
    no_args_is_help=True,
    add_completion=False,
)
gazetteer_app = typer.Typer(help="Build or extend the offline gazetteer.", no_args_is_help=True)
evaluate_app = typer.Typer(help="Score kharita against gold data.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")
app.add_typer(evaluate_app, name="evaluate")

# Register commands (import for side effects).
from kharita.cli import documents, evaluation, gazetteer, geo, serve, watch  # noqa: F401


def main() -> None:
    """Console entry point: an unexpected error is one line, not a traceback.

    Per-input errors never get here (the batch runner turns them into failures);
    this is the last guard.  ``KHARITA_DEBUG=1`` shows the traceback.
    """
    import os
    import sys

    try:
        app()
    except Exception as exc:
        if os.environ.get("KHARITA_DEBUG"):
            raise
        print(f"kharita: error: {type(exc).__name__}: {exc} (KHARITA_DEBUG=1 shows the traceback)",
              file=sys.stderr)
        sys.exit(3)
