"""The analyst's workspace: ``kharita serve``, a local web app over the store.

    from kharita.serve import Settings, create_app
    app = create_app(Settings(db=Path("kharita.sqlite")))   # an ASGI app (FastAPI)

A JSON API (OpenAPI at ``/openapi.json``) and one page of plain JavaScript with a
map drawn from vendored Natural Earth data: nothing is fetched from the network.
Every query is a :class:`~kharita.store.Store` method; this package holds no SQL.
"""

from __future__ import annotations

from kharita.serve.app import Settings, create_app

__all__ = ["Settings", "create_app"]
