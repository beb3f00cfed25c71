"""The workspace's web app: JSON API and the page, over one store.

Each request opens the store (read-only unless reviews are allowed): SQLite
connections belong to one thread, requests run on a pool of them, and opening is
cheap.  Bad input is a 400 with the reason; nothing answers with a traceback.
"""

from __future__ import annotations

import contextlib
import json
import logging
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Body, Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape

from kharita import __version__
from kharita.export import event_record, without_rejected, write_reviews
from kharita.export.writers import geojson_features, write_acled_csv, write_geojson, write_jsonl
from kharita.highlight import marks, segments
from kharita.model import MODALITIES, PLOVER_TYPES, to_dict
from kharita.review import ACLED_TYPES, FIELDS, ReviewError
from kharita.serve.security import WRITE_HEADER, Guard, is_loopback
from kharita.store import EventFilter, QueryError, Store, StoreError, open_store
from kharita.store.base import STATS_PARTS
from kharita.store.query import ORDERS, REVIEW_STATUSES, BBox
from kharita.store.types import EventRow, map_place

log = logging.getLogger("kharita.serve")
HERE = Path(str(resources.files("kharita.serve")))
PAGE_SIZE = 50
MAX_PAGE = 1000
MAX_MOVEMENTS = 500


@dataclass
class Settings:
    db: str | Path | None  # a SQLite path or a postgresql:// URL; None: $KHARITA_DB or the default
    host: str = "127.0.0.1"
    port: int = 8000
    allow_review: bool = False
    token: str | None = None
    tiles: str | None = None  # a tile URL template, e.g. http://tiles.local/{z}/{x}/{y}.png
    gazetteer: Path | None = None
    location: str = ""  # the store as named in messages (a URL without its password)


class Problem(HTTPException):
    def __init__(self, status: int, detail: str) -> None:
        super().__init__(status_code=status, detail=detail)


def create_app(settings: Settings) -> FastAPI:
    """The ASGI app.  Raises StoreError at once when the store cannot be opened."""
    if not is_loopback(settings.host) and not settings.token:
        raise StoreError(f"--host {settings.host} is reachable from other machines: "
                         "give --token SECRET (or bind to 127.0.0.1)")
    with open_store(settings.db, create=False) as opened:  # fail now, with its own message
        settings.location = opened.location
    app = FastAPI(title="kharita workspace API", version=__version__,
                  description="Events, documents, actors, counts and reviews of a kharita "
                              "store.  Read-only unless the server runs with --allow-review; "
                              f"writes need the header `{WRITE_HEADER}: 1`.",
                  docs_url=None, redoc_url=None)
    app.add_middleware(Guard, loopback=is_loopback(settings.host), token=settings.token,
                       tiles=settings.tiles)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Environment(loader=FileSystemLoader(HERE / "templates"),
                            autoescape=select_autoescape(default=True))

    @contextlib.contextmanager
    def store(write: bool = False) -> Iterator[Store]:
        try:
            with open_store(settings.db, create=write) as s:
                yield s
        except (QueryError, ReviewError) as exc:
            raise Problem(400, str(exc)) from None
        except StoreError as exc:
            raise Problem(400 if "bad query" in str(exc) else 503, str(exc)) from None

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        reasons = "; ".join(f"{'.'.join(str(x) for x in e['loc'][1:])}: {e['msg']}"
                            for e in exc.errors())
        return JSONResponse({"detail": reasons or "bad request"}, status_code=400)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s", request.url.path)
        return JSONResponse({"detail": f"internal error ({type(exc).__name__}); "
                             "the server's log has the details"}, status_code=500)

    # -- the page -------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def page() -> HTMLResponse:
        config = {"allow_review": settings.allow_review, "tiles": settings.tiles or "",
                  "types": list(ACLED_TYPES), "plover": list(PLOVER_TYPES),
                  "modalities": list(MODALITIES), "reviews": list(REVIEW_STATUSES),
                  "fields": list(FIELDS), "orders": list(ORDERS), "version": __version__}
        html = templates.get_template("index.html").render(config=json.dumps(config))
        return HTMLResponse(html)

    # -- events ---------------------------------------------------------------

    @app.get("/api/events", summary="Events matching the filters, a page at a time")
    def events(flt: Annotated[EventFilter, Depends(event_filter)],
               limit: Annotated[int, Query(ge=0, le=MAX_PAGE)] = PAGE_SIZE,
               offset: Annotated[int, Query(ge=0)] = 0,
               order: Annotated[str, Query(description="a column; a leading - sorts descending: "
                                           + ", ".join(ORDERS))] = "-date",
               format: Literal["json", "geojson"] = "json") -> Any:
        flt.limit, flt.offset, flt.order = limit, offset, order
        with store() as s:
            total = s.count_events(flt)
            rows = list(s.events(flt, reviewed=True))
        if format == "geojson":
            return {"type": "FeatureCollection", "total": total,
                    "features": [f for r in rows for f in geojson_features(r)]}
        return {"total": total, "offset": offset, "limit": limit,
                "events": [summary(r) for r in rows]}

    @app.get("/api/events/{event_id}", summary="One event with its reviews applied")
    def event(event_id: str) -> Any:
        with store() as s:
            row = s.event(event_id)
            if row is None:
                raise Problem(404, f"no event {event_id!r}")
            machine = s.event(event_id, reviewed=False)
            history = [r.to_dict() for r in s.reviews(event_id)]
        assert machine is not None
        return {"event": event_record(row), "machine": event_record(machine),
                "review": row.review.to_dict() if row.review else None, "reviews": history,
                "summary": summary(row)}

    @app.get("/api/documents/{doc_id}",
             summary="A document's text cut into marked segments, with its events")
    def document(doc_id: str) -> Any:
        with store() as s:
            doc = s.get(doc_id)
            if doc is None:
                raise Problem(404, f"no document {doc_id!r}")
            rows = list(s.events(EventFilter(doc_id=doc.id, order="date"), reviewed=True))
        by_id = {r.event.id: r for r in rows}
        return {
            "id": doc.id, "title": doc.title, "url": doc.url, "source": doc.source,
            "site": doc.site, "published": doc.published, "language": doc.language,
            "duplicate_of": doc.duplicate_of, "warnings": doc.warnings,
            "segments": [{"text": g.text, "kinds": g.kinds,
                          "events": [doc.events[i].id for i in g.events]}
                         for g in segments(doc.text, marks(doc))],
            "events": [summary(by_id[e.id]) if e.id in by_id else {"id": e.id}
                       for e in doc.events],
            "places": [to_dict(p) for p in doc.places],
            "actors": [to_dict(a) for a in doc.actors],
        }

    # -- counts, map, actors, places ----------------------------------------------

    @app.get("/api/stats", summary="Counts per day/week/month, type, country, modality")
    def stats(flt: Annotated[EventFilter, Depends(event_filter)],
              bucket: Annotated[Literal["day", "week", "month", "auto"], Query(
                  description="auto: per day, per week when the days span over 18 months")]
              = "day",
              parts: Annotated[str, Query(description="comma-separated: "
                                          + ", ".join(STATS_PARTS))] = ",".join(STATS_PARTS))\
            -> Any:
        wanted = tuple(p.strip() for p in parts.split(",") if p.strip())
        with store() as s:
            out = s.stats(flt, "day" if bucket == "auto" else bucket, wanted)
        if bucket == "auto" and "timeline" in out:
            out.update(auto_bucket(out["timeline"]))
        return out

    @app.get("/api/map", summary="Clusters of the events in a map view, and movement lines")
    def map_view(flt: Annotated[EventFilter, Depends(event_filter)],
                 view: Annotated[str, Query(description="WEST,SOUTH,EAST,NORTH of the map")]
                 = "-180,-90,180,90",
                 zoom: Annotated[int, Query(ge=0, le=20)] = 2) -> Any:
        try:
            box = BBox.parse(view)
        except QueryError as exc:
            raise Problem(400, str(exc)) from None
        with store() as s:
            clusters = s.clusters(flt, box, zoom)
            lines = s.movements(flt, box, MAX_MOVEMENTS)
        return {"clusters": clusters, "movements": lines, "zoom": zoom,
                "in_view": sum(c["n"] for c in clusters)}

    @app.get("/api/actors", summary="Actor names containing q, with their event counts")
    def actors(q: str = "", limit: Annotated[int, Query(ge=1, le=100)] = 20) -> Any:
        with store() as s:
            return {"actors": s.actors(q, limit)}

    @app.get("/api/actor", summary="One actor: its events over time and its counterparts")
    def actor(name: Annotated[str, Query(min_length=1)],
              bucket: Literal["day", "week", "month"] = "week") -> Any:
        with store() as s:
            flt = EventFilter(actor=name)
            return {"name": name, "stats": s.stats(flt, bucket),
                    "counterparts": s.counterparts(name),
                    "events": [summary(r) for r in s.events(
                        EventFilter(actor=name, limit=20), reviewed=True)]}

    @app.get("/api/places", summary="Gazetteer places with this name (for a correction)")
    def places(q: Annotated[str, Query(min_length=1, max_length=200)]) -> Any:
        from kharita.places.gazetteer import Gazetteer, GazetteerMissing

        try:
            with Gazetteer.open(settings.gazetteer) as gaz:
                found = gaz.lookup(q)[:10]
        except GazetteerMissing as exc:
            raise Problem(503, str(exc)) from None
        return {"places": [{"name": g.name, "lat": g.lat, "lon": g.lon, "country": g.country,
                            "admin1": g.admin1, "admin2": g.admin2, "geonameid": g.geonameid,
                            "feature_code": g.feature_code,
                            "precision": 3 if g.feature_code == "ADM1"
                            else 2 if g.feature_code == "ADM2" else 1} for g in found]}

    # -- reviews ------------------------------------------------------------------

    @app.get("/api/reviews", summary="Every review, or one event's, in the order made")
    def reviews(event_id: str | None = None) -> Any:
        with store() as s:
            return {"reviews": [r.to_dict() for r in s.reviews(event_id)]}

    @app.post("/api/events/{event_id}/reviews", status_code=201,
              summary=f"Review an event (needs --allow-review and the header {WRITE_HEADER}: 1)")
    def add_review(event_id: str, body: Annotated[dict[str, Any], Body(examples=[
            {"reviewer": "amal", "verdict": "right"},
            {"reviewer": "amal", "field": "fatalities", "new": 7, "note": "per the UN"}])]) -> Any:
        if not settings.allow_review:
            raise Problem(403, "read-only: start kharita serve with --allow-review to review")
        unknown = set(body) - {"reviewer", "verdict", "field", "new", "note"}
        if unknown:
            raise Problem(400, f"unknown review keys: {', '.join(sorted(unknown))}")
        with store(write=True) as s:
            if s.event(event_id, reviewed=False) is None:
                raise Problem(404, f"no event {event_id!r}")
            review = s.add_review(event_id, body.get("reviewer"), verdict=body.get("verdict"),
                                  field=body.get("field"), new=body.get("new"),
                                  note=body.get("note"))
            row = s.event(event_id)
        assert row is not None
        return {"review": review.to_dict(), "event": event_record(row),
                "state": row.review.to_dict() if row.review else None}

    # -- export -------------------------------------------------------------------

    @app.get("/api/export", summary="The events matching the filters as a file")
    def export(flt: Annotated[EventFilter, Depends(event_filter)],
               format: Literal["acled-csv", "geojson", "jsonl", "reviews"] = "jsonl",
               reviewed: bool = False, all_events: bool = False) -> Response:
        by_event: dict[str, list] = {}
        with store() as s:
            if format == "reviews":
                flt.review = "reviewed"
                for r in s.reviews():
                    by_event.setdefault(r.event_id, []).append(r)
            rows: Iterable[EventRow] = s.events(flt, reviewed=reviewed or format == "reviews")
            if reviewed:
                rows = without_rejected(rows)
            return _export_file(rows, format, by_event, all_events)

    return app


def _export_file(rows: Iterable[EventRow], format: str, by_event: dict[str, list],
                 all_events: bool) -> Response:
    """The export as a download, streamed from a spooled file."""
    # written to a spooled file (memory, then disk past 8 MB) and streamed from it:
    # the store is closed by then and a 100,000-event export is not held in memory
    # closed by chunks() once sent, or here when writing fails
    out = tempfile.SpooledTemporaryFile(max_size=8 * 2**20, mode="w+",  # noqa: SIM115
                                        encoding="utf-8", newline="")
    try:
        if format == "acled-csv":
            write_acled_csv(rows, out, all_events=all_events)
        elif format == "geojson":
            write_geojson(rows, out)
        elif format == "jsonl":
            write_jsonl(rows, out)
        else:
            write_reviews(rows, by_event, out)
        out.seek(0)
    except BaseException:
        out.close()
        raise
    suffix = {"acled-csv": "csv", "geojson": "geojson", "jsonl": "jsonl",
              "reviews": "reviews.jsonl"}[format]
    media = {"acled-csv": "text/csv", "geojson": "application/geo+json"}.get(
        format, "application/x-ndjson")

    def chunks() -> Iterator[str]:
        with out:
            yield from iter(lambda: out.read(1 << 16), "")

    return StreamingResponse(
        chunks(), media_type=f"{media}; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="kharita-events.{suffix}"'})


def event_filter(
    actor: Annotated[str | None, Query(description="actor name, id or mention contains")] = None,
    type: Annotated[str | None, Query(description="PLOVER type, ACLED event or sub-event type")]
    = None,
    country: Annotated[str | None, Query(description="ISO2 code or name of any place")] = None,
    admin1: Annotated[str | None, Query(description="first-level division of any place")] = None,
    since: Annotated[str | None, Query(description="event date on or after YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(description="event date on or before (YYYY-MM: month)")]
    = None,
    near: Annotated[str | None, Query(description="LAT,LON,KM")] = None,
    bbox: Annotated[str | None, Query(description="WEST,SOUTH,EAST,NORTH: any place inside")]
    = None,
    text: Annotated[str | None, Query(description="words in the evidence or title")] = None,
    modality: Annotated[str | None, Query(description=", ".join(MODALITIES))] = None,
    min_confidence: Annotated[str | None, Query(description="0-1")] = None,
    background: Annotated[str | None, Query(description="include background events (yes/no)")]
    = None,
    aggregate: Annotated[str | None, Query(description="include aggregates (yes/no)")] = None,
    review: Annotated[str | None, Query(description=", ".join(REVIEW_STATUSES))] = None,
) -> EventFilter:
    """The filters of ``kharita events`` (plus bbox, admin1, modality, review) from the URL."""
    try:
        return EventFilter.parse(actor=actor, type=type, country=country, admin1=admin1,
                                 since=since, until=until, near=near, bbox=bbox, text=text,
                                 modality=modality, min_confidence=min_confidence,
                                 background=background, aggregate=aggregate, review=review)
    except QueryError as exc:
        raise Problem(400, str(exc)) from None


AUTO_WEEKS_AFTER_DAYS = 540


def auto_bucket(days: list[dict[str, Any]]) -> dict[str, Any]:
    """A per-day timeline folded into weeks (Mondays) when it spans over 18 months."""
    as_days = {"bucket": "day", "timeline": days}
    try:
        parsed = [(date.fromisoformat(d["key"]), d["n"]) for d in days]
    except ValueError:  # a publication day that is only a month or a year: keep days
        return as_days
    if len(parsed) < 2 or (parsed[-1][0] - parsed[0][0]).days <= AUTO_WEEKS_AFTER_DAYS:
        return as_days
    weeks: dict[str, int] = {}
    for day, n in parsed:
        monday = (day - timedelta(days=day.weekday())).isoformat()
        weeks[monday] = weeks.get(monday, 0) + n
    return {"bucket": "week", "timeline": [{"key": k, "n": n} for k, n in weeks.items()]}


def summary(row: EventRow) -> dict[str, Any]:
    """An event as a table row and map popup show it."""
    e = row.event
    place = map_place(e)
    actors: dict[str, list[str]] = {}
    for a in e.actors:
        actors.setdefault(a.role, []).append(a.name or a.text)
    return {
        "id": e.id, "doc_id": e.doc_id, "date": e.date or (row.published or "")[:10] or None,
        "dated": e.date is not None, "type": e.type, "acled_event_type": e.acled_event_type,
        "acled_sub_event_type": e.acled_sub_event_type, "kind": e.kind, "actors": actors,
        "place": (place.name or place.text) if place else None,
        "country": place.country if place else None, "admin1": place.admin1 if place else None,
        "lat": place.lat if place else None, "lon": place.lon if place else None,
        "precision": place.precision if place else None,
        "fatalities": e.fatalities.best if e.fatalities else None, "modality": e.modality,
        "confidence": e.confidence, "background": e.background, "aggregate": e.aggregate,
        "evidence": e.evidence.text if e.evidence else None, "title": row.title,
        "review": row.review.status if row.review else "unreviewed",
    }
