"""The Store interface: what the CLI, the runner, ``kharita watch`` and the web app
call, whatever database holds the data.

Two backends implement it: :class:`~kharita.store.db.SQLiteStore` (one file, the
default) and :class:`~kharita.store.postgres.PostgresStore` (a shared PostgreSQL +
PostGIS database).  :func:`kharita.store.open_store` picks one from a path or URL.

A store only stores: it saves documents it is given (with the near-duplicate
signature the runner computed), answers queries, and remembers failed inputs.  It
never runs a stage and does not import the pipeline.
"""

from __future__ import annotations

import abc
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, Self

from kharita.model import Document, Event, Failure, from_dict
from kharita.review import (
    Review,
    ReviewError,
    check_correction,
    check_reviewer,
    check_verdict,
    field_value,
)
from kharita.review import apply as apply_reviews
from kharita.review import state as review_state
from kharita.store.query import (
    _EVENT_DATE,
    EVENT_FROM,
    EVENT_ROW,
    SQLITE,
    BBox,
    Dialect,
    EventFilter,
    QueryError,
    event_where,
    like_escape,
)
from kharita.store.types import EventRow, StoredFailure, StoredVersion, StoreError

# What Store.stats can count, besides the total.
STATS_PARTS = ("timeline", "types", "countries", "modalities")
# Tables every backend has, counted by :meth:`Store.counts`.
COUNTED_TABLES = ("documents", "places", "actor_mentions", "events", "failures")


class Store(abc.ABC):
    """Documents, their annotations and failures, saved idempotently and queried.

    Use as a context manager, or call :meth:`close`.
    """

    #: How the store is named in messages (a path, or a URL without its password).
    location: str
    #: What open_store() takes to open this store again (a path, or the full URL).
    target: str
    readonly: bool = False
    #: The SQL dialect of the shared queries below (``query.SQLITE`` or ``query.POSTGRES``).
    dialect: Dialect = SQLITE

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @abc.abstractmethod
    def close(self) -> None: ...

    # -- writing ---------------------------------------------------------

    @abc.abstractmethod
    def save(self, doc: Document, signature: bytes | None = None) -> None:
        """Store ``doc`` with all its annotations, replacing any copy under the same id,
        in one transaction, and clear a failure recorded for its input.  ``signature``
        is the document's near-duplicate signature, kept to seed later runs."""

    def record_failure(self, failure: Failure) -> None:
        """Remember why an input failed (one row per input, the latest reason wins)."""
        self.execute(
            "INSERT INTO failures(input, reason, stage, time) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(input) DO UPDATE SET reason=excluded.reason, stage=excluded.stage, "
            "time=excluded.time",
            (failure.input, failure.reason, failure.stage, _now()),
        )

    def clear_failure(self, input_name: str) -> None:
        """Forget a recorded failure: the input has since been read successfully."""
        self.execute("DELETE FROM failures WHERE input = ?", (input_name,))

    # -- reading ---------------------------------------------------------

    @abc.abstractmethod
    def stored_version(self, doc_id: str) -> StoredVersion | None:
        """Content hash and warnings of the document stored under ``doc_id``, if any."""

    def has(self, doc_id: str) -> bool:
        """True when a document with this id is stored (in any version)."""
        return self.stored_version(doc_id) is not None

    @abc.abstractmethod
    def get(self, doc_id: str) -> Document | None:
        """The stored document with this id (or a unique id prefix), with annotations."""

    @abc.abstractmethod
    def ids_starting(self, prefix: str, limit: int = 6) -> list[str]:
        """Stored ids that start with ``prefix`` (at most ``limit``), sorted."""

    @abc.abstractmethod
    def documents(self) -> Iterator[Document]:
        """Every stored document in ingestion order, streamed."""

    @abc.abstractmethod
    def events(self, flt: EventFilter | None = None, reviewed: bool = False) -> Iterator[EventRow]:
        """Events matching ``flt`` (all when None): newest event date first, then in
        ingestion order, streamed.  ``reviewed``: each event with its analysts'
        corrections applied and its review state on the row."""

    def failures(self) -> list[StoredFailure]:
        """Recorded failures, oldest first."""
        rows = self.execute("SELECT input, reason, stage, time FROM failures ORDER BY pk")
        return [StoredFailure(*r) for r in rows]

    def counts(self) -> dict[str, int]:
        """Row counts of :data:`COUNTED_TABLES`, for summaries."""
        return {table: self.execute(f"SELECT count(*) FROM {table}")[0][0]
                for table in COUNTED_TABLES}

    def ids(self) -> set[str]:
        """Ids of every stored document."""
        return {r[0] for r in self.execute("SELECT id FROM documents")}

    @abc.abstractmethod
    def signatures(self, limit: int | None = None) -> Iterator[tuple[str, str, bytes | None, str | None]]:
        """(id, content_hash, signature, text) of stored documents that are not
        near-duplicates, most recent first; ``text`` only where no signature is stored."""

    # -- the watch log's SQL (kharita.store.feeds) ------------------------

    @abc.abstractmethod
    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Run one statement written with ``?`` placeholders in its own transaction
        and return its rows (empty for statements that return none).  Only the
        store package's own modules call it (``feeds.py``)."""

    # -- the workspace (kharita serve): one event, counts, map, actors, reviews --
    # Written once for both backends, on execute() and the backend's SQL dialect.

    def _with_reviews(self, rows: Iterator[EventRow], reviewed: bool) -> Iterator[EventRow]:
        """``rows`` with each event's reviews applied and its review state set."""
        if not reviewed:
            yield from rows
            return
        reviews = self._reviews_by_event()
        for row in rows:
            mine = reviews.get(row.event.id, [])
            row.review = review_state(mine)
            if mine:
                row.event = apply_reviews(row.event, mine)
            yield row

    def event(self, event_id: str, reviewed: bool = True) -> EventRow | None:
        """The event with this id (with its reviews applied unless ``reviewed=False``)."""
        rows = self.execute(f"{EVENT_ROW} WHERE e.id = ? ORDER BY e.pk LIMIT 1", (event_id,))
        if not rows:
            return None
        out = EventRow(from_dict(Event, json.loads(rows[0][0])), *rows[0][1:])
        if reviewed:
            mine = self.reviews(event_id)
            out.review = review_state(mine)
            out.event = apply_reviews(out.event, mine)
        return out

    def count_events(self, flt: EventFilter | None = None) -> int:
        """How many events match ``flt`` (its limit and offset are ignored)."""
        where, params = event_where(flt or EventFilter(), self.dialect)
        return int(self.execute(f"SELECT count(*) {EVENT_FROM}{where}", tuple(params))[0][0])

    def stats(self, flt: EventFilter | None = None, bucket: str = "day",
              parts: tuple[str, ...] = STATS_PARTS) -> dict[str, Any]:
        """Counts of the events matching ``flt``: in all (``total``) with their best-estimate
        ``fatalities``, and the ``parts`` asked for: ``timeline`` per day/week/month (by
        event date, else publication day), ``types`` per ACLED type (else PLOVER type),
        ``countries`` per country of the map place, ``modalities``."""
        buckets = self.dialect.buckets
        if bucket not in buckets:
            raise QueryError(f"bucket {bucket!r}: choose one of {', '.join(buckets)}")
        unknown = set(parts) - set(STATS_PARTS)
        if unknown:
            raise QueryError(f"stats parts {', '.join(sorted(unknown))}: choose from "
                             f"{', '.join(STATS_PARTS)}")
        where, params = event_where(flt or EventFilter(), self.dialect)
        key = buckets[bucket].format(date=_EVENT_DATE)
        out: dict[str, Any] = {"bucket": bucket}
        groups = {"timeline": key, "types": "coalesce(e.acled_event_type, e.type)",
                  "countries": "e.country", "modalities": "e.modality"}
        asked = [name for name in STATS_PARTS if name in parts]
        # one GROUP BY per part, each a scan of the covering index; the first gives the totals
        if not asked:
            total, deaths = self.execute(
                f"SELECT count(*), coalesce(sum(e.fatalities_best), 0) {EVENT_FROM}{where}",
                tuple(params))[0]
            out["total"], out["fatalities"] = int(total), int(deaths)
        for name in asked:
            rows = self.execute(
                f"SELECT {groups[name]}, count(*), coalesce(sum(e.fatalities_best), 0) "
                f"{EVENT_FROM}{where} GROUP BY {groups[name]}", tuple(params))
            if "total" not in out:
                out["total"] = sum(int(r[1]) for r in rows)
                out["fatalities"] = sum(int(r[2]) for r in rows)
            items = [(k, int(n)) for k, n, _ in rows if k is not None]
            items.sort(key=(lambda kv: kv[0]) if name == "timeline" else (lambda kv: (-kv[1], kv[0])))
            out[name] = [{"key": k, "n": n} for k, n in items]
        return out

    def clusters(self, flt: EventFilter | None, bbox: BBox, zoom: int) -> list[dict[str, Any]]:
        """The matching events in ``bbox`` at their map place, grouped on a grid of
        about 64 screen pixels at web-map ``zoom`` (0-20): one item per cell with its
        count, centre, bounds, counts per type and fatalities; a cell of one event
        carries that event's id, type, date, place and precision.  An event whose place
        an analyst corrected is drawn at the corrected place (filters still match the
        machine's places)."""
        zoom = max(0, min(int(zoom), 20))
        cell = 360.0 / (2 ** zoom) / 4
        where, params = event_where(flt or EventFilter(), self.dialect)
        moved = self._corrected_places()
        cells: dict[tuple[int, int], dict[str, Any]] = {}

        def add(cx: int, cy: int, kind: str, n: int, slat: float, slon: float,
                bounds: list[float], deaths: int, first: int) -> None:
            c = cells.setdefault((cx, cy), {"n": 0, "slat": 0.0, "slon": 0.0, "types": {},
                                            "fatalities": 0, "bounds": bounds, "id": first})
            c["n"] += n
            c["slat"] += slat
            c["slon"] += slon
            c["fatalities"] += deaths
            c["types"][kind] = c["types"].get(kind, 0) + n
            b = c["bounds"]
            c["bounds"] = [min(b[0], bounds[0]), min(b[1], bounds[1]),
                           max(b[2], bounds[2]), max(b[3], bounds[3])]

        box, box_params = _map_box(bbox)
        grid = where + (" AND " if where else " WHERE ") + box
        skip: list[Any] = []
        if moved:
            grid += f" AND e.id NOT IN ({','.join('?' * len(moved))})"
            skip = list(moved)
        cx, cy = (self.dialect.cell.format(x="e.lon + 180"), self.dialect.cell.format(x="e.lat + 90"))
        sql = (f"SELECT {cx}, {cy}, "
               "coalesce(e.acled_event_type, e.type), count(*), sum(e.lat), sum(e.lon), "
               "min(e.lat), max(e.lat), min(e.lon), max(e.lon), "
               "coalesce(sum(e.fatalities_best), 0), min(e.pk) "
               f"{EVENT_FROM}{grid} GROUP BY 1, 2, 3")
        for x, y, kind, n, slat, slon, lat0, lat1, lon0, lon1, deaths, first in \
                self.execute(sql, (cell, cell, *params, *box_params, *skip)):
            add(x, y, kind, int(n), slat, slon, [lat0, lon0, lat1, lon1], int(deaths), first)
        placed: dict[int, dict[str, Any]] = {}
        if moved:
            marks = ",".join("?" * len(moved))
            for pk, eid, kind, deaths in self.execute(
                "SELECT e.pk, e.id, coalesce(e.acled_event_type, e.type), "
                f"coalesce(e.fatalities_best, 0) {EVENT_FROM}"
                f"{where}{' AND ' if where else ' WHERE '}e.id IN ({marks})",
                (*params, *moved),
            ):
                place = moved[eid]
                lat, lon = place["lat"], place["lon"]
                if _in_box(bbox, lat, lon):
                    add(int((lon + 180) / cell), int((lat + 90) / cell), kind, 1, lat, lon,
                        [lat, lon, lat, lon], int(deaths), pk)
                    placed[pk] = place
        singles = [c["id"] for c in cells.values() if c["n"] == 1]
        details = self._map_details(singles)
        for pk, place in placed.items():
            if pk in details:
                details[pk].update(lat=place["lat"], lon=place["lon"], place=place["name"],
                                   precision=place.get("precision"), corrected=True)
        out = []
        for c in cells.values():
            item = {"n": c["n"], "lat": c["slat"] / c["n"], "lon": c["slon"] / c["n"],
                    "bounds": c["bounds"], "types": c["types"], "fatalities": c["fatalities"]}
            if c["n"] == 1:
                item["event"] = details.get(c["id"])
            out.append(item)
        out.sort(key=lambda i: (-i["n"], i["lat"], i["lon"]))
        return out

    def _corrected_places(self) -> dict[str, dict[str, Any]]:
        """Event id -> its latest location correction (reviews are few: read them all)."""
        rows = self.execute(
            "SELECT event_id, new FROM reviews WHERE field = 'location' ORDER BY pk")
        return {eid: json.loads(new) for eid, new in rows}

    def _map_details(self, ids: list[int]) -> dict[int, dict[str, Any]]:
        out: dict[int, dict[str, Any]] = {}
        keys = ("id", "type", "acled_event_type", "acled_sub_event_type", "date", "place",
                "precision", "fatalities", "kind", "lat", "lon")
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.execute(
                "SELECT e.id, e.type, e.acled_event_type, e.acled_sub_event_type, "
                f"{_EVENT_DATE}, e.place_name, e.geo_precision, e.fatalities_best, e.kind, "
                f"e.lat, e.lon, e.pk {EVENT_FROM} WHERE e.pk IN ({marks})", tuple(chunk),
            ):
                out[row[-1]] = dict(zip(keys, tuple(row)[:-1], strict=True))
        return out

    def movements(self, flt: EventFilter | None, bbox: BBox | None = None,
                  limit: int = 500) -> list[dict[str, Any]]:
        """Matching movements (newest first, at most ``limit``) as lines: origin, route
        places, destinations, each ``[lat, lon]``; only movements with a located origin
        and destination (and, with ``bbox``, a map place inside it)."""
        where, params = event_where(flt or EventFilter(), self.dialect)
        where = (where + " AND " if where else " WHERE ") + "e.kind = 'movement'"
        if bbox is not None:
            box, box_params = _map_box(bbox)
            where += " AND " + box
            params = [*params, *box_params]
        rows = self.execute(
            f"SELECT e.pk, e.id, coalesce(e.acled_event_type, e.type) {EVENT_FROM}{where} "
            f"ORDER BY {_EVENT_DATE}{self.dialect.collate} DESC, e.doc_pk, e.idx "
            f"LIMIT {self.dialect.int_param}", (*params, int(limit)))
        lines: dict[int, dict[str, Any]] = {
            pk: {"id": eid, "type": kind, "origin": None, "route": [], "destinations": []}
            for pk, eid, kind in rows
        }
        pks = list(lines)
        for i in range(0, len(pks), 500):
            chunk = pks[i:i + 500]
            for pk, role, lat, lon in self.execute(
                "SELECT event_pk, role, lat, lon FROM event_places WHERE event_pk IN "
                f"({','.join('?' * len(chunk))}) AND lat IS NOT NULL "
                "AND role IN ('origin', 'route', 'destination') "
                f"ORDER BY event_pk, role{self.dialect.collate}, idx", tuple(chunk),
            ):
                line = lines[pk]
                if role == "origin":
                    line["origin"] = [lat, lon]
                else:
                    line["route" if role == "route" else "destinations"].append([lat, lon])
        return [m for m in lines.values() if m["origin"] and m["destinations"]]

    def actors(self, contains: str = "", limit: int = 20) -> list[dict[str, Any]]:
        """Actor names on events containing ``contains`` (case-insensitive), with their
        event counts: names that start with it first, then the most frequent."""
        like = f"%{like_escape(contains)}%"
        name, op, collate = "coalesce(a.name, a.text)", self.dialect.like, self.dialect.collate
        rows = self.execute(
            f"SELECT {name}, max(a.actor_id), count(DISTINCT a.event_pk) "
            f"FROM event_actors a WHERE {name} {op} ? ESCAPE '\\' "
            f"GROUP BY {name} ORDER BY {name} {op} ? ESCAPE '\\' DESC, 3 DESC, {name}{collate} "
            f"LIMIT {self.dialect.int_param}",
            (like, like_escape(contains) + "%", int(limit)))
        return [{"name": n, "actor_id": aid, "events": int(c)} for n, aid, c in rows]

    def counterparts(self, actor: str, limit: int = 20) -> list[dict[str, Any]]:
        """The actors that share events with ``actor`` (by exact name), most shared first."""
        name = "coalesce(b.name, b.text)"
        rows = self.execute(
            f"SELECT {name}, max(b.actor_id), count(DISTINCT b.event_pk) "
            "FROM event_actors b WHERE b.event_pk IN (SELECT a.event_pk FROM event_actors a "
            f"WHERE coalesce(a.name, a.text) = ?) AND {name} != ? "
            f"GROUP BY {name} ORDER BY 3 DESC, {name}{self.dialect.collate} "
            f"LIMIT {self.dialect.int_param}",
            (actor, actor, int(limit)))
        return [{"name": n, "actor_id": aid, "events": int(c)} for n, aid, c in rows]

    def add_review(self, event_id: str, reviewer: str, *, verdict: str | None = None,
                   field: str | None = None, new: Any = None, note: str | None = None) -> Review:
        """Record one review of an event: a ``verdict`` (right/wrong) or a correction of
        ``field`` to ``new`` (old is the value shown before it: the machine's, or an
        earlier correction's).  Raises ReviewError for a bad value, StoreError when the
        event does not exist or the store is read-only."""
        reviewer = check_reviewer(reviewer)
        if (verdict is None) == (field is None):
            raise ReviewError("give either a verdict (right/wrong) or a field to correct")
        if note is not None and len(note) > 2000:
            raise ReviewError("note: at most 2000 characters")
        row = self.event(event_id)
        if row is None:
            raise StoreError(f"no event {event_id!r} in {self.location}")
        old = None
        if verdict is not None:
            verdict = check_verdict(verdict)
        else:
            assert field is not None
            new = check_correction(field, new)
            old = field_value(row.event, field)
        review = Review(event_id=event_id, doc_id=row.event.doc_id, reviewer=reviewer, at=_now(),
                        field=field, old=old, new=new, verdict=verdict, note=note)
        rows = self.execute(
            "INSERT INTO reviews(event_id, doc_id, reviewer, at, field, old, new, verdict, note) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING pk",
            (review.event_id, review.doc_id, review.reviewer, review.at, review.field,
             None if field is None else _json(old), None if field is None else _json(new),
             review.verdict, review.note))
        review.id = int(rows[0][0])
        return review

    def reviews(self, event_id: str | None = None) -> list[Review]:
        """Reviews in the order they were made: of one event, or all."""
        sql = ("SELECT pk, event_id, doc_id, reviewer, at, field, old, new, verdict, note "
               "FROM reviews")
        params: tuple[Any, ...] = ()
        if event_id is not None:
            sql += " WHERE event_id = ?"
            params = (event_id,)
        rows = self.execute(sql + " ORDER BY pk", params)
        return [Review(event_id=r[1], doc_id=r[2], reviewer=r[3], at=r[4], field=r[5],
                       old=None if r[6] is None else json.loads(r[6]),
                       new=None if r[7] is None else json.loads(r[7]),
                       verdict=r[8], note=r[9], id=int(r[0])) for r in rows]

    def _reviews_by_event(self) -> dict[str, list[Review]]:
        out: dict[str, list[Review]] = {}
        for r in self.reviews():
            out.setdefault(r.event_id, []).append(r)
        return out


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


def _map_box(bbox: BBox) -> tuple[str, list[Any]]:
    """The map place (flat columns, indexed) inside ``bbox``."""
    clause = "e.lat BETWEEN ? AND ?"
    params: list[Any] = [bbox.south, bbox.north]
    if bbox.west <= bbox.east:
        clause += " AND e.lon BETWEEN ? AND ?"
    else:  # across the antimeridian
        clause += " AND (e.lon >= ? OR e.lon <= ?)"
    params += [bbox.west, bbox.east]
    return clause, params


def _in_box(bbox: BBox, lat: float, lon: float) -> bool:
    if not bbox.south <= lat <= bbox.north:
        return False
    if bbox.west <= bbox.east:
        return bbox.west <= lon <= bbox.east
    return lon >= bbox.west or lon <= bbox.east
