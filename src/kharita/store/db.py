"""The embedded store: one SQLite file in WAL mode, written by one writer.

All SQL of kharita lives in this package.  A document and all its annotations
are written in one transaction, replacing whatever was stored under the same
id, so a re-run never duplicates and an interrupted run never leaves a half-
written document behind.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self
from urllib.parse import quote

from kharita.model import ActorMention, Document, Event, Failure, Place, Span, from_dict, to_dict
from kharita.pipeline import STAGE_FAILED, recode_may_help
from kharita.review import (
    Review,
    ReviewError,
    ReviewState,
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
    BBox,
    EventFilter,
    QueryError,
    build_event_query,
    event_where,
    like_escape,
)
from kharita.store.schema import migrate, pending
from kharita.text.dedup import Deduplicator

# Document fields that have their own column; the rest go to ``extra``.
_DOC_COLUMNS = (
    "id", "content_hash", "url", "title", "source", "published", "language", "text",
    "duplicate_of", "author", "site", "coded", "input", "relevance",
)
_DOC_JSON_COLUMNS = ("focus", "warnings")
_ANNOTATIONS = ("places", "actors", "events")


__all__ = ["STAGE_FAILED", "EventRow", "Store", "StoreError", "StoredFailure"]

DEFAULT_BUSY_TIMEOUT = 30.0
STATS_PARTS = ("timeline", "types", "countries", "modalities")  # seconds to wait for another program's lock on the store


class StoreError(Exception):
    """A store that cannot be opened or queried; the message says what to do."""


@dataclass
class EventRow:
    """An event with the fields of its document that outputs carry beside it."""

    event: Event
    url: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None
    site: str | None = None
    ingested_at: str | None = None
    # set when read with reviews applied (Store.events(reviewed=True), Store.event)
    review: ReviewState | None = None


@dataclass
class StoredFailure:
    input: str
    reason: str
    stage: str
    time: str


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float | None:
    if None in (lat1, lon1, lat2, lon2):
        return None
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


class Store:
    """Read and write documents, annotations and failures in one SQLite file.

    Use as a context manager, or call :meth:`close`.  ``create=False`` opens the
    store read-only and refuses to make a new one (query commands must not
    silently create an empty database, and must work on a store they cannot
    write).  ``timeout`` is how long to wait for another program's lock, in
    seconds (default ``$KHARITA_BUSY_TIMEOUT``, else 30).
    """

    def __init__(self, path: str | Path, create: bool = True, timeout: float | None = None) -> None:
        self.path = checked_path(path, create)
        self.readonly = not create
        self.timeout = busy_timeout() if timeout is None else timeout
        self.conn: sqlite3.Connection | None = None
        try:
            if create and not self.path.exists():
                _create_new(self.path, self.timeout)
            self.conn = self._connect()
        except sqlite3.Error as exc:
            if self.conn is not None:
                self.conn.close()
            raise StoreError(self._explain(exc, "not a usable kharita database")) from exc

    def _connect(self) -> sqlite3.Connection:
        """Open the existing store: read-write (checked writable) or read-only."""
        if self.readonly:
            conn = _open_readonly(self.path, self.timeout)
        else:
            _check_writable(self.path)
            conn = _open(str(self.path), self.timeout)
            conn.execute("PRAGMA journal_mode=WAL")
        _check_kharita_database(conn, self.path)
        if pending(conn):
            if self.readonly:  # an older kharita's store: upgrade it through a writable handle
                _check_writable(self.path, "it needs upgrading to this kharita version")
                with contextlib.closing(_open(str(self.path), self.timeout)) as rw:
                    migrate(rw)
            else:
                migrate(conn)
        return conn

    def _explain(self, exc: sqlite3.Error, what: str = "cannot use the store") -> str:
        """A one-line reason for a SQLite error that says what to do about it."""
        msg = str(exc)
        if "locked" in msg or "busy" in msg:
            return (f"{self.path} is locked by another program (waited {self.timeout:g} s); "
                    "try again when it has finished")
        if "full" in msg:
            return f"cannot write to {self.path}: the disk is full ({msg}); free some space"
        if "readonly" in msg or "read-only" in msg:
            return f"cannot write to {self.path}: it is read-only ({msg})"
        return f"{self.path}: {what} ({msg})"

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        """Turn a SQLite error (locked, disk full, read-only, corrupt) into a StoreError."""
        try:
            yield
        except sqlite3.Error as exc:
            raise StoreError(self._explain(exc)) from exc

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()

    # -- writing ---------------------------------------------------------

    def save(self, doc: Document) -> None:
        """Store ``doc`` with all its annotations, replacing any earlier copy, atomically.

        Also clears a failure recorded for the same input: it has now succeeded.
        """
        with self._guard():
            self._save(doc)

    def _save(self, doc: Document) -> None:
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            data = to_dict(doc)  # once: the annotation rows reuse its parts as their JSON
            conn.execute("DELETE FROM documents WHERE id = ?", (doc.id,))
            doc_pk = self._insert_document(doc, data)
            for i, place in enumerate(doc.places):
                self._insert_place(doc_pk, i, place, data["places"][i])
            for i, actor in enumerate(doc.actors):
                self._insert_actor(doc_pk, i, actor, data["actors"][i])
            for i, event in enumerate(doc.events):
                self._insert_event(doc_pk, i, event, data["events"][i], doc.published)
            if doc.input:
                conn.execute("DELETE FROM failures WHERE input = ?", (doc.input,))
            conn.execute("COMMIT")
        except BaseException:
            # SQLite has already rolled back on some errors (a full disk): a second
            # ROLLBACK would replace the real cause by "no transaction is active".
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def record_failure(self, failure: Failure) -> None:
        """Remember why an input failed (one row per input, the latest reason wins)."""
        with self._guard():
            self.conn.execute(
                "INSERT INTO failures(input, reason, stage, time) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(input) DO UPDATE SET reason=excluded.reason, stage=excluded.stage, "
                "time=excluded.time",
                (failure.input, failure.reason, failure.stage, _now()),
            )

    def clear_failure(self, input_name: str) -> None:
        """Forget a recorded failure: the input has since been read successfully."""
        with self._guard():
            self.conn.execute("DELETE FROM failures WHERE input = ?", (input_name,))

    def _insert_document(self, doc: Document, data: dict[str, Any]) -> int:
        row = {c: data.get(c) for c in _DOC_COLUMNS}
        row["coded"] = 1 if doc.coded else 0
        row["focus"] = json.dumps(data.get("focus") or {}, ensure_ascii=False)
        row["warnings"] = json.dumps(data.get("warnings") or [], ensure_ascii=False)
        known = set(_DOC_COLUMNS) | set(_DOC_JSON_COLUMNS) | set(_ANNOTATIONS)
        extra = {k: v for k, v in data.items() if k not in known}
        row["extra"] = json.dumps(extra, ensure_ascii=False)
        row["ingested_at"] = _now()
        row["minhash"] = Deduplicator.signature(doc.text)
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        cur = self.conn.execute(
            f"INSERT INTO documents({cols}) VALUES ({marks})", tuple(row.values())
        )
        assert cur.lastrowid is not None
        return cur.lastrowid

    def _insert_place(self, doc_pk: int, idx: int, p: Place, data: dict[str, Any]) -> None:
        self.conn.execute(
            'INSERT INTO places(doc_pk, idx, text, start, "end", name, geonameid, lat, lon, '
            "feature_code, country, admin1, admin2, precision, score, data) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc_pk, idx, p.text, p.start, p.end, p.name, p.geonameid, p.lat, p.lon,
             p.feature_code, p.country, p.admin1, p.admin2, p.precision, p.score, _json(data)),
        )

    def _insert_actor(self, doc_pk: int, idx: int, a: ActorMention, data: dict[str, Any]) -> None:
        self.conn.execute(
            'INSERT INTO actor_mentions(doc_pk, idx, text, start, "end", actor_id, name, type, '
            "sector, country, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc_pk, idx, a.text, a.start, a.end, a.actor_id, a.name, a.type, a.sector,
             a.country, _json(data)),
        )

    def _insert_event(self, doc_pk: int, idx: int, e: Event, data: dict[str, Any],
                      published: str | None) -> None:
        fat = e.fatalities
        place = map_place(e)
        cur = self.conn.execute(
            "INSERT INTO events(doc_pk, idx, id, doc_id, type, mode, kind, acled_event_type, "
            "acled_sub_event_type, date, date_precision, modality, confidence, fatalities_low, "
            "fatalities_best, fatalities_high, background, aggregate, data, "
            "day, lat, lon, geo_precision, country, admin1, place_name) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc_pk, idx, e.id, e.doc_id, e.type, e.mode, e.kind, e.acled_event_type,
             e.acled_sub_event_type, e.date, e.date_precision, e.modality, e.confidence,
             fat.low if fat else None, fat.best if fat else None, fat.high if fat else None,
             int(bool(e.background)), int(bool(e.aggregate)), _json(data),
             e.date or (published[:10] if published else None),
             *((place.lat, place.lon, place.precision, place.country, place.admin1,
                place.name or place.text) if place else (None,) * 6)),
        )
        event_pk = cur.lastrowid
        for i, a in enumerate(e.actors):
            self.conn.execute(
                'INSERT INTO event_actors(event_pk, idx, role, actor_id, name, text, start, "end", '
                "sector, country, inter) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (event_pk, i, a.role, a.actor_id, a.name, a.text, a.start, a.end, a.sector,
                 a.country, a.inter),
            )
        roles: list[tuple[str, int, Place]] = []
        if e.location is not None:
            roles.append(("location", 0, e.location))
        if e.origin is not None:
            roles.append(("origin", 0, e.origin))
        roles += [("destination", i, p) for i, p in enumerate(e.destinations)]
        roles += [("route", i, p) for i, p in enumerate(e.route)]
        for role, i, p in roles:
            self.conn.execute(
                'INSERT INTO event_places(event_pk, role, idx, text, start, "end", name, geonameid, '
                "lat, lon, country, admin1, admin2, precision) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (event_pk, role, i, p.text, p.start, p.end, p.name, p.geonameid, p.lat, p.lon,
                 p.country, p.admin1, p.admin2, p.precision),
            )
        for kind, s in _event_spans(e):
            self.conn.execute(
                'INSERT INTO evidence(event_pk, kind, text, start, "end") VALUES (?, ?, ?, ?, ?)',
                (event_pk, kind, s.text or "", s.start, s.end),
            )

    # -- reading ---------------------------------------------------------

    def known(self, doc_id: str, content_hash: str | None) -> bool:
        """True when this exact document (same id and content) is already stored, whole.

        A copy stored while a stage was failing for a reason that may pass (say,
        before the gazetteer was built) does not count: the next run codes it
        again and replaces it.  A stage that failed on the text itself, under this
        kharita version, would fail the same way again: that copy counts, so a
        re-run adds nothing (``--force`` or a new version codes it again).
        """
        with self._guard():
            row = self.conn.execute(
                "SELECT content_hash, warnings FROM documents WHERE id = ?", (doc_id,)
            ).fetchone()
        if row is None or row[0] != content_hash:
            return False
        return not any(recode_may_help(w) for w in json.loads(row[1]))

    def has(self, doc_id: str) -> bool:
        """True when a document with this id is stored (in any version)."""
        with self._guard():
            row = self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row is not None

    def get(self, doc_id: str) -> Document | None:
        """The stored document with this id (or a unique id prefix), with annotations."""
        with self._guard():
            row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
            if row is None and doc_id:
                rows = self.conn.execute(
                    "SELECT * FROM documents WHERE id LIKE ? ESCAPE '\\' LIMIT 2",
                    (like_prefix(doc_id),),
                ).fetchall()
                row = rows[0] if len(rows) == 1 else None
            return None if row is None else self._load_document(row)

    def ids_starting(self, prefix: str, limit: int = 6) -> list[str]:
        """Stored ids that start with ``prefix`` (at most ``limit``): to say a prefix is ambiguous."""
        with self._guard():
            rows = self.conn.execute(
                "SELECT id FROM documents WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT ?",
                (like_prefix(prefix), limit),
            ).fetchall()
        return [r[0] for r in rows]

    def documents(self) -> Iterator[Document]:
        """Every stored document in ingestion order, streamed."""
        with self._guard():
            for row in self.conn.execute("SELECT * FROM documents ORDER BY pk"):
                yield self._load_document(row)

    def _load_document(self, row: sqlite3.Row) -> Document:
        data: dict[str, Any] = {c: row[c] for c in _DOC_COLUMNS}
        data["coded"] = bool(row["coded"])
        data["focus"] = json.loads(row["focus"])
        data["warnings"] = json.loads(row["warnings"])
        data.update(json.loads(row["extra"]))
        pk = row["pk"]
        data["places"] = self._json_rows("places", pk)
        data["actors"] = self._json_rows("actor_mentions", pk)
        data["events"] = self._json_rows("events", pk)
        return from_dict(Document, data)

    def _json_rows(self, table: str, doc_pk: int) -> list[dict[str, Any]]:
        sql = f"SELECT data FROM {table} WHERE doc_pk = ? ORDER BY idx"  # table is ours, not input
        return [json.loads(r[0]) for r in self.conn.execute(sql, (doc_pk,))]

    def events(self, flt: EventFilter | None = None, reviewed: bool = False) -> Iterator[EventRow]:
        """Events matching ``flt`` (all when None), newest event date first, streamed.

        ``reviewed``: each event with its analysts' corrections applied and its
        review state on the row (the stored machine event is unchanged).
        """
        sql, params = build_event_query(flt or EventFilter())
        reviews = self._reviews_by_event() if reviewed else {}
        try:
            for data, url, title, published, source, site, ingested_at in self.conn.execute(sql, params):
                event = from_dict(Event, json.loads(data))
                state = None
                if reviewed:
                    mine = reviews.get(event.id, [])
                    state = review_state(mine)
                    if mine:
                        event = apply_reviews(event, mine)
                yield EventRow(event, url, title, published, source, site, ingested_at, state)
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise StoreError(self._explain(exc)) from exc
            raise StoreError(f"bad query: {exc}") from exc
        except sqlite3.Error as exc:
            raise StoreError(self._explain(exc)) from exc

    # -- the workspace (kharita serve): one event, counts, map, actors, reviews --

    def event(self, event_id: str, reviewed: bool = True) -> EventRow | None:
        """The event with this id (with its reviews applied unless ``reviewed=False``)."""
        with self._guard():
            row = self.conn.execute(
                f"{EVENT_ROW} WHERE e.id = ? ORDER BY e.pk LIMIT 1", (event_id,),
            ).fetchone()
        if row is None:
            return None
        out = EventRow(from_dict(Event, json.loads(row[0])), *tuple(row)[1:])
        if reviewed:
            mine = self.reviews(event_id)
            out.review = review_state(mine)
            out.event = apply_reviews(out.event, mine)
        return out

    def count_events(self, flt: EventFilter | None = None) -> int:
        """How many events match ``flt`` (its limit and offset are ignored)."""
        where, params = event_where(flt or EventFilter())
        with self._guard():
            return self.conn.execute(f"SELECT count(*) {EVENT_FROM}{where}", params).fetchone()[0]

    def stats(self, flt: EventFilter | None = None, bucket: str = "day",
              parts: tuple[str, ...] = STATS_PARTS) -> dict[str, Any]:
        """Counts of the events matching ``flt``: in all (``total``) with their best-estimate
        ``fatalities``, and the ``parts`` asked for: ``timeline`` per day/week/month (by
        event date, else publication day), ``types`` per ACLED type (else PLOVER type),
        ``countries`` per country of the map place, ``modalities``."""
        if bucket not in _BUCKETS:
            raise QueryError(f"bucket {bucket!r}: choose one of {', '.join(_BUCKETS)}")
        unknown = set(parts) - set(STATS_PARTS)
        if unknown:
            raise QueryError(f"stats parts {', '.join(sorted(unknown))}: choose from "
                             f"{', '.join(STATS_PARTS)}")
        where, params = event_where(flt or EventFilter())
        key = _BUCKETS[bucket].format(date=_EVENT_DATE)
        out: dict[str, Any] = {"bucket": bucket}
        groups = {"timeline": key, "types": "coalesce(e.acled_event_type, e.type)",
                  "countries": "e.country", "modalities": "e.modality"}
        asked = [name for name in STATS_PARTS if name in parts]
        with self._guard():
            # one GROUP BY per part, each a scan of the covering index; the first gives the totals
            if not asked:
                out["total"], out["fatalities"] = self.conn.execute(
                    f"SELECT count(*), coalesce(sum(e.fatalities_best), 0) {EVENT_FROM}{where}",
                    params).fetchone()
            for name in asked:
                rows = self.conn.execute(
                    f"SELECT {groups[name]}, count(*), coalesce(sum(e.fatalities_best), 0) "
                    f"{EVENT_FROM}{where} GROUP BY 1", params).fetchall()
                if "total" not in out:
                    out["total"] = sum(r[1] for r in rows)
                    out["fatalities"] = sum(r[2] for r in rows)
                items = [(k, n) for k, n, _ in rows if k is not None]
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
        where, params = event_where(flt or EventFilter())
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
        sql = (f"SELECT CAST((e.lon + 180) / ? AS INTEGER), CAST((e.lat + 90) / ? AS INTEGER), "
               "coalesce(e.acled_event_type, e.type), count(*), sum(e.lat), sum(e.lon), "
               "min(e.lat), max(e.lat), min(e.lon), max(e.lon), "
               "coalesce(sum(e.fatalities_best), 0), min(e.pk) "
               f"{EVENT_FROM}{grid} GROUP BY 1, 2, 3")
        with self._guard():
            for cx, cy, kind, n, slat, slon, lat0, lat1, lon0, lon1, deaths, first in \
                    self.conn.execute(sql, [cell, cell, *params, *box_params, *skip]):
                add(cx, cy, kind, n, slat, slon, [lat0, lon0, lat1, lon1], deaths, first)
            placed: dict[int, dict[str, Any]] = {}
            if moved:
                marks = ",".join("?" * len(moved))
                for pk, eid, kind, deaths in self.conn.execute(
                    "SELECT e.pk, e.id, coalesce(e.acled_event_type, e.type), "
                    f"coalesce(e.fatalities_best, 0) {EVENT_FROM}"
                    f"{where}{' AND ' if where else ' WHERE '}e.id IN ({marks})",
                    [*params, *moved],
                ):
                    place = moved[eid]
                    lat, lon = place["lat"], place["lon"]
                    if _in_box(bbox, lat, lon):
                        add(int((lon + 180) / cell), int((lat + 90) / cell), kind, 1, lat, lon,
                            [lat, lon, lat, lon], deaths, pk)
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
        with self._guard():
            rows = self.conn.execute(
                "SELECT event_id, new FROM reviews WHERE field = 'location' ORDER BY pk"
            ).fetchall()
        return {eid: json.loads(new) for eid, new in rows}

    def _map_details(self, ids: list[int]) -> dict[int, dict[str, Any]]:
        out: dict[int, dict[str, Any]] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                "SELECT e.id, e.type, e.acled_event_type, e.acled_sub_event_type, "
                f"{_EVENT_DATE}, e.place_name, e.geo_precision, e.fatalities_best, e.kind, "
                f"e.lat, e.lon, e.pk {EVENT_FROM} WHERE e.pk IN ({marks})", chunk,
            ):
                keys = ("id", "type", "acled_event_type", "acled_sub_event_type", "date", "place",
                        "precision", "fatalities", "kind", "lat", "lon")
                out[row[-1]] = dict(zip(keys, tuple(row)[:-1], strict=True))
        return out

    def movements(self, flt: EventFilter | None, bbox: BBox | None = None,
                  limit: int = 500) -> list[dict[str, Any]]:
        """Matching movements (newest first, at most ``limit``) as lines: origin, route
        places, destinations, each ``[lat, lon]``; only movements with a located origin
        and destination (and, with ``bbox``, a map place inside it)."""
        where, params = event_where(flt or EventFilter())
        where = (where + " AND " if where else " WHERE ") + "e.kind = 'movement'"
        if bbox is not None:
            box, box_params = _map_box(bbox)
            where += " AND " + box
            params = [*params, *box_params]
        with self._guard():
            rows = self.conn.execute(
                f"SELECT e.pk, e.id, coalesce(e.acled_event_type, e.type) {EVENT_FROM}{where} "
                f"ORDER BY {_EVENT_DATE} DESC LIMIT ?", [*params, int(limit)],
            ).fetchall()
            lines: dict[int, dict[str, Any]] = {
                pk: {"id": eid, "type": kind, "origin": None, "route": [], "destinations": []}
                for pk, eid, kind in rows
            }
            pks = list(lines)
            for i in range(0, len(pks), 500):
                chunk = pks[i:i + 500]
                for pk, role, lat, lon in self.conn.execute(
                    "SELECT event_pk, role, lat, lon FROM event_places WHERE event_pk IN "
                    f"({','.join('?' * len(chunk))}) AND lat IS NOT NULL "
                    "AND role IN ('origin', 'route', 'destination') ORDER BY event_pk, role, idx",
                    chunk,
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
        with self._guard():
            rows = self.conn.execute(
                "SELECT coalesce(a.name, a.text) AS n, max(a.actor_id), count(DISTINCT a.event_pk) "
                "FROM event_actors a WHERE coalesce(a.name, a.text) LIKE ? ESCAPE '\\' "
                "GROUP BY n ORDER BY n LIKE ? ESCAPE '\\' DESC, 3 DESC, n LIMIT ?",
                (like, like_escape(contains) + "%", int(limit)),
            ).fetchall()
        return [{"name": n, "actor_id": aid, "events": c} for n, aid, c in rows]

    def counterparts(self, actor: str, limit: int = 20) -> list[dict[str, Any]]:
        """The actors that share events with ``actor`` (by exact name), most shared first."""
        with self._guard():
            rows = self.conn.execute(
                "SELECT coalesce(b.name, b.text) AS n, max(b.actor_id), count(DISTINCT b.event_pk) "
                "FROM event_actors b WHERE b.event_pk IN (SELECT a.event_pk FROM event_actors a "
                "WHERE coalesce(a.name, a.text) = ?) AND coalesce(b.name, b.text) != ? "
                "GROUP BY n ORDER BY 3 DESC, n LIMIT ?",
                (actor, actor, int(limit)),
            ).fetchall()
        return [{"name": n, "actor_id": aid, "events": c} for n, aid, c in rows]

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
            raise StoreError(f"no event {event_id!r} in {self.path}")
        old = None
        if verdict is not None:
            verdict = check_verdict(verdict)
        else:
            assert field is not None
            new = check_correction(field, new)
            old = field_value(row.event, field)
        review = Review(event_id=event_id, doc_id=row.event.doc_id, reviewer=reviewer, at=_now(),
                        field=field, old=old, new=new, verdict=verdict, note=note)
        with self._guard():
            cur = self.conn.execute(
                "INSERT INTO reviews(event_id, doc_id, reviewer, at, field, old, new, verdict, note) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (review.event_id, review.doc_id, review.reviewer, review.at, review.field,
                 None if field is None else _json(old), None if field is None else _json(new),
                 review.verdict, review.note),
            )
        review.id = cur.lastrowid
        return review

    def reviews(self, event_id: str | None = None) -> list[Review]:
        """Reviews in the order they were made: of one event, or all."""
        sql = ("SELECT pk, event_id, doc_id, reviewer, at, field, old, new, verdict, note "
               "FROM reviews")
        params: tuple[Any, ...] = ()
        if event_id is not None:
            sql += " WHERE event_id = ?"
            params = (event_id,)
        with self._guard():
            rows = self.conn.execute(sql + " ORDER BY pk", params).fetchall()
        return [Review(event_id=r[1], doc_id=r[2], reviewer=r[3], at=r[4], field=r[5],
                       old=None if r[6] is None else json.loads(r[6]),
                       new=None if r[7] is None else json.loads(r[7]),
                       verdict=r[8], note=r[9], id=r[0]) for r in rows]

    def _reviews_by_event(self) -> dict[str, list[Review]]:
        out: dict[str, list[Review]] = {}
        for r in self.reviews():
            out.setdefault(r.event_id, []).append(r)
        return out

    def failures(self) -> list[StoredFailure]:
        with self._guard():
            rows = self.conn.execute("SELECT input, reason, stage, time FROM failures ORDER BY pk")
            return [StoredFailure(*r) for r in rows]

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables, for summaries."""
        out = {}
        with self._guard():
            for table in ("documents", "places", "actor_mentions", "events", "failures"):
                out[table] = self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        return out

    def ids(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT id FROM documents")}

    def texts(self, limit: int | None = None) -> Iterator[tuple[str, str]]:
        """(id, text) of stored documents, most recent first: seeds near-duplicate detection."""
        sql = "SELECT id, text FROM documents WHERE duplicate_of IS NULL ORDER BY pk DESC"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        yield from self.conn.execute(sql)

    def signatures(self, limit: int | None = None) -> Iterator[tuple[str, str, bytes | None, str | None]]:
        """(id, content_hash, signature, text) of stored documents, most recent first.

        ``text`` is given only where no signature is stored (documents stored by an
        older kharita), so seeding duplicate detection reads 512 bytes a document.
        """
        sql = ("SELECT id, content_hash, minhash, CASE WHEN minhash IS NULL THEN text END "
               "FROM documents WHERE duplicate_of IS NULL ORDER BY pk DESC")
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        yield from self.conn.execute(sql)


_BUCKETS = {"day": "{date}", "week": "date({date}, '-6 days', 'weekday 1')",
            "month": "substr({date}, 1, 7)"}


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


def busy_timeout() -> float:
    """Seconds to wait for a lock: ``$KHARITA_BUSY_TIMEOUT`` (tests use a short one), else 30."""
    try:
        value = float(os.environ.get("KHARITA_BUSY_TIMEOUT", DEFAULT_BUSY_TIMEOUT))
    except ValueError:
        return DEFAULT_BUSY_TIMEOUT
    return value if value >= 0 else DEFAULT_BUSY_TIMEOUT


# "postgresql://host/db" arrives as the Path "postgresql:/host/db"; two letters at
# least, so a Windows drive ("C:/...") is still a path.
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:/")


def checked_path(path: str | Path, create: bool) -> Path:
    """The store's path, or a StoreError when it cannot be a kharita store file."""
    text = str(path)
    if _URL.match(text):
        raise StoreError(f"{text}: looks like a database URL; the store is a SQLite file, "
                         "give its path (no other backend exists yet)")
    p = Path(path)
    if p.is_dir():
        raise StoreError(f"{p} is a directory; give the path of the store file")
    if p.exists() and p.stat().st_size == 0:
        raise StoreError(f"{p} is an empty file, not a kharita database; "
                         "remove it or give another --db")
    if not create and not p.exists():
        raise StoreError(
            f"no kharita database at {p}; run `kharita ingest INPUT...` first "
            "or point --db at an existing one"
        )
    return p


def _open(target: str, timeout: float, uri: bool = False) -> sqlite3.Connection:
    conn = sqlite3.connect(target, isolation_level=None, timeout=timeout, uri=uri)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.create_function("haversine_km", 4, _haversine_km, deterministic=True)
    return conn


def _create_new(path: Path, timeout: float) -> None:
    """Make a new, complete store at ``path`` atomically.

    The schema is written to a private file that is then linked into place, so no
    process ever sees a half-made store, and two processes creating the same store
    at once both end up using the one that was linked first.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the folder for {path}: {exc.strerror or exc}") from exc
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.new")
    try:
        with contextlib.closing(_open(str(tmp), timeout)) as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            migrate(conn)
        _link_into_place(tmp, path)
    except OSError as exc:
        raise StoreError(f"cannot create {path}: {exc.strerror or exc}") from exc
    finally:
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            leftover.unlink(missing_ok=True)


def _link_into_place(tmp: Path, path: Path) -> None:
    """Hard-link ``tmp`` to ``path`` unless ``path`` exists (another process won)."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        pass
    except OSError:  # a file system without hard links: rename, unless someone was first
        if not path.exists():
            os.replace(tmp, path)


def _check_writable(path: Path, why: str = "") -> None:
    """Fail now, not after minutes of coding, when the store or its folder is read-only.

    SQLite opens a read-only file without complaint and fails only at the first
    write; in WAL mode it also needs to create files beside the store.
    """
    folder = path.parent if str(path.parent) else Path(".")
    for what, target in (("the file", path), ("its folder", folder)):
        if not os.access(target, os.W_OK):
            because = f" ({why})" if why else ""
            raise StoreError(f"cannot write to {path}: {what} is read-only{because}; "
                             "give a writable --db or change its permissions")


def _open_readonly(path: Path, timeout: float) -> sqlite3.Connection:
    """A read-only connection.

    In a read-only folder SQLite cannot make the shared-memory file a WAL store
    needs even for reading; nothing can be writing the store there either (unless
    a write-ahead log is already waiting beside it), so the file is read as it is
    on disk (SQLite's ``immutable``).
    """
    target = f"file:{quote(str(path.absolute()))}?mode=ro"
    wal = Path(f"{path}-wal")
    folder = path.parent if str(path.parent) else Path(".")
    if not os.access(folder, os.W_OK) and not (wal.exists() and wal.stat().st_size):
        target += "&immutable=1"
    return _open(target, timeout, uri=True)


def _check_kharita_database(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse another program's SQLite database instead of adding kharita's tables to it."""
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if names and "migrations" not in names:
        raise StoreError(f"{path} is a SQLite database of another program, not a kharita store; "
                         "give another --db")


def _event_spans(e: Event) -> list[tuple[str, Span]]:
    """Every text span of an event (evidence, trigger, attribution, ...), named by its field.

    Found by type rather than by a list of names, so a span field another stage
    adds later (say ``more_evidence``) is searchable without touching the store.
    """
    out: list[tuple[str, Span]] = []
    for f in fields(e):
        value = getattr(e, f.name)
        if isinstance(value, Span):
            out.append((f.name, value))
        elif isinstance(value, list):
            out += [(f.name, v) for v in value if isinstance(v, Span)]
    return out


def map_place(e: Event) -> Place | None:
    """Where the map draws an event: its location; a movement without one, its origin,
    else its first destination; only a place with coordinates counts."""
    for p in (e.location, e.origin, *e.destinations, *e.route):
        if p is not None and p.lat is not None and p.lon is not None:
            return p
    return None


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


def like_prefix(prefix: str) -> str:
    """A LIKE pattern (``ESCAPE '\\'``) matching strings that start with ``prefix`` as typed."""
    return like_escape(prefix) + "%"


def document_fields() -> list[str]:
    """Names of all Document fields (used by tests that check nothing is lost)."""
    return [f.name for f in fields(Document)]
