"""``kharita serve``: the analyst's workspace in the browser (see docs/serve.md)."""

from __future__ import annotations

from typing import Annotated

import typer

from kharita.cli import app
from kharita.cli.documents import DbOpt, err, usage_error
from kharita.cli.terminal import markup_safe


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="Address to listen on; anything but a loopback address needs --token.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    tiles: Annotated[str | None, typer.Option(help="A tile server's URL template (http://host/{z}/{x}/{y}.png) for the basemap, instead of the built-in country outlines.", show_default=False)] = None,
    allow_review: Annotated[bool, typer.Option("--allow-review", help="Let analysts review events (verdicts and corrections, stored apart from the machine's output); read-only without it.")] = False,
    token: Annotated[str | None, typer.Option(help="Secret that every request must carry (open the printed link once); required with a non-loopback --host.", envvar="KHARITA_SERVE_TOKEN", show_default=False)] = None,
) -> None:
    """Open the workspace: map, timeline, table, evidence and review, in the browser, offline.

    Binds 127.0.0.1 by default and is read-only unless --allow-review.  Nothing is
    fetched from the network: the map's country outlines are built in.

    Example: kharita serve --db news.sqlite --allow-review
    """
    from kharita.serve import Settings, create_app
    from kharita.serve.security import tiles_origin
    from kharita.store import StoreError

    if tiles is not None and not tiles_origin(tiles):
        usage_error(f"--tiles {tiles!r}: expected an http(s) URL template, e.g. "
                    "http://localhost:8080/{z}/{x}/{y}.png")
    if token is not None and len(token) < 8:
        usage_error("--token: use at least 8 characters")
    settings = Settings(db=db or None, host=host, port=port,
                        allow_review=allow_review, token=token, tiles=tiles)
    try:
        web = create_app(settings)
    except StoreError as exc:
        usage_error(str(exc))
    import socket

    import uvicorn

    try:  # uvicorn says a taken port only in its log and exits 1: say it as a usage error
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        usage_error(f"cannot listen on {host}:{port}: {exc.strerror or exc}")
    shown = f"[{host}]" if ":" in host else host
    link = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    mode = "reviews allowed" if allow_review else "read-only"
    err.print(f"kharita: serving {markup_safe(settings.location)} at {markup_safe(link)} ({mode}); "
              "Ctrl-C stops")
    uvicorn.run(web, host=host, port=port, log_level="warning")
