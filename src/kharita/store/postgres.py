"""The shared store: PostgreSQL with PostGIS, written by many ingesters at once.

    kharita ingest crawl/ --db postgresql://kharita@db.example.org/news
    KHARITA_DB=postgresql://kharita@db.example.org/news kharita events --near 14.8,42.95,50

Same interface and same answers as the SQLite store (``db.py``); the schema is the
same migrations in PostgreSQL's dialect (``pg_schema.py``).  Writers need no
coordination: a document is saved in one transaction that first takes an advisory
lock on its id, so two ingesters saving the same document one after the other
replace it (the later wins, whole), never store it twice; different documents are
saved in parallel.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from kharita.model import ActorMention, Document, Event, Place, from_dict, to_dict
from kharita.store.base import Store
from kharita.store.db import (
    _ANNOTATIONS,
    _DOC_COLUMNS,
    _DOC_JSON_COLUMNS,
    _event_spans,
    like_prefix,
)
from kharita.store.pg_schema import migrate, pending
from kharita.store.query import POSTGRES, EventFilter, QueryError, build_event_query
from kharita.store.types import EventRow, StoredVersion, StoreError, map_place

CONNECT_TIMEOUT = 10  # seconds
_CURSORS = itertools.count(1)


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"^(\w+://[^:/@]*):[^@]*@", r"\1:***@", url)


def _pg(sql: str) -> str:
    """Statements are written with ``?`` placeholders (as for SQLite); psycopg wants ``%s``."""
    return sql.replace("%", "%%").replace("?", "%s")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _first_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split("\n")[:1]).strip()
    return text or type(exc).__name__


class PostgresStore(Store):
    """The Store interface on a PostgreSQL database with PostGIS.

    ``create=False`` opens read-only (every transaction is read-only) and refuses a
    database kharita has never written to.  ``timeout``: how long to wait for the
    server when connecting, in seconds.
    """

    dialect = POSTGRES

    def __init__(self, url: str, create: bool = True, timeout: float | None = None) -> None:
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - psycopg is a dependency
            raise StoreError("PostgreSQL needs the psycopg package (pip install kharita)") from exc
        self._psycopg = psycopg
        self.url = self.target = url
        self.location = redact(url)
        self.readonly = not create
        self.conn: Any = None
        wait = max(1, round(timeout)) if timeout else CONNECT_TIMEOUT
        try:
            self.conn = psycopg.connect(url, autocommit=True, connect_timeout=wait)
        except psycopg.Error as exc:
            raise StoreError(self._explain_connect(exc)) from exc
        except Exception as exc:  # a malformed URL is a ProgrammingError or a ValueError
            raise StoreError(f"{self.location}: not a usable PostgreSQL URL ({_first_line(exc)})") from exc
        try:
            todo = pending(self.conn)
            if not create and "0001_initial_tables" in todo:
                raise StoreError(f"no kharita database at {self.location}; run `kharita ingest "
                                 "INPUT... --db URL` first or point --db at an existing one")
            if todo:
                migrate(self.conn, on_error=self._explain_migration)
            if self.readonly:
                self.conn.execute("SET default_transaction_read_only = on")
        except StoreError:
            self.close()
            raise
        except psycopg.Error as exc:
            self.close()
            raise StoreError(f"{self.location}: {_first_line(exc)}") from exc

    def _explain_connect(self, exc: Exception) -> str:
        msg = _first_line(exc)
        if "does not exist" in msg and "database" in msg:
            return (f"cannot use {self.location}: {msg}; create it first "
                    "(createdb, see docs/deploy.md)")
        if "password" in msg or "authentication" in msg:
            return f"cannot use {self.location}: {msg}; check the user and password in the URL"
        return f"cannot connect to {self.location}: {msg}; is PostgreSQL running there?"

    def _explain_migration(self, exc: Exception, name: str) -> Exception:
        msg = _first_line(exc)
        if "postgis" in msg or "unaccent" in msg or "extension" in msg:
            return StoreError(
                f"{self.location}: the PostGIS and unaccent extensions are needed ({msg}); "
                "install postgresql-15-postgis-3 on the server and run "
                "`CREATE EXTENSION postgis; CREATE EXTENSION unaccent;` in the database "
                "as a superuser (docs/deploy.md)")
        if "read-only" in msg or "permission denied" in msg:
            return StoreError(f"cannot set up {self.location} ({name}): {msg}")
        return StoreError(f"{self.location}: schema migration {name} failed: {msg}")

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        """A database error becomes a one-line StoreError naming the store."""
        try:
            yield
        except self._psycopg.errors.ReadOnlySqlTransaction as exc:
            raise StoreError(f"cannot write to {self.location}: opened read-only") from exc
        except self._psycopg.OperationalError as exc:
            raise StoreError(f"lost {self.location}: {_first_line(exc)}") from exc
        except self._psycopg.Error as exc:
            raise StoreError(f"{self.location}: {_first_line(exc)}") from exc

    def close(self) -> None:
        if self.conn is not None:
            with contextlib.suppress(Exception):
                self.conn.close()
            self.conn = None

    # -- writing ---------------------------------------------------------

    def save(self, doc: Document, signature: bytes | None = None) -> None:
        # pipeline mode: the statements of one document travel together, in three
        # round trips (the document's pk, the events' pks, the rest and the commit)
        with self._guard(), self.conn.pipeline(), self.conn.transaction():
            # One writer per document id at a time, across processes and machines: a
            # second ingester saving the same id waits, then replaces the first's copy.
            self.conn.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (doc.id,))
            data = to_dict(doc)
            self.conn.execute("DELETE FROM documents WHERE id = %s", (doc.id,))
            doc_pk = self._insert_document(doc, data, signature)
            self._insert_places(doc_pk, doc.places, data["places"])
            self._insert_actors(doc_pk, doc.actors, data["actors"])
            self._insert_events(doc_pk, doc.events, data["events"], doc.published)
            if doc.input:
                self.conn.execute("DELETE FROM failures WHERE input = %s", (doc.input,))

    def _insert_document(self, doc: Document, data: dict[str, Any], signature: bytes | None) -> int:
        row = {c: data.get(c) for c in _DOC_COLUMNS}
        row["coded"] = 1 if doc.coded else 0
        row["focus"] = json.dumps(data.get("focus") or {}, ensure_ascii=False)
        row["warnings"] = json.dumps(data.get("warnings") or [], ensure_ascii=False)
        known = set(_DOC_COLUMNS) | set(_DOC_JSON_COLUMNS) | set(_ANNOTATIONS)
        row["extra"] = json.dumps({k: v for k, v in data.items() if k not in known},
                                  ensure_ascii=False)
        row["ingested_at"] = _now()
        row["minhash"] = signature
        cols = ", ".join(f'"{c}"' for c in row)
        marks = ", ".join("%s" for _ in row)
        cur = self.conn.execute(
            f"INSERT INTO documents({cols}) VALUES ({marks}) RETURNING pk", tuple(row.values()))
        return cur.fetchone()[0]

    def _insert_places(self, doc_pk: int, places: list[Place], data: list[dict[str, Any]]) -> None:
        if not places:
            return
        with self.conn.cursor() as cur:
            cur.executemany(
                'INSERT INTO places(doc_pk, idx, text, start, "end", name, geonameid, lat, lon, '
                "feature_code, country, admin1, admin2, precision, score, data) VALUES "
                "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                [(doc_pk, i, p.text, p.start, p.end, p.name, p.geonameid, p.lat, p.lon,
                  p.feature_code, p.country, p.admin1, p.admin2, p.precision, p.score,
                  _json(data[i])) for i, p in enumerate(places)])

    def _insert_actors(self, doc_pk: int, actors: list[ActorMention],
                       data: list[dict[str, Any]]) -> None:
        if not actors:
            return
        with self.conn.cursor() as cur:
            cur.executemany(
                'INSERT INTO actor_mentions(doc_pk, idx, text, start, "end", actor_id, name, type, '
                "sector, country, data) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                [(doc_pk, i, a.text, a.start, a.end, a.actor_id, a.name, a.type, a.sector,
                  a.country, _json(data[i])) for i, a in enumerate(actors)])

    def _insert_events(self, doc_pk: int, events: list[Event], data: list[dict[str, Any]],
                       published: str | None) -> None:
        if not events:
            return
        # every INSERT ... RETURNING is queued first, then read: one round trip for all
        cursors = [self._insert_event(doc_pk, i, e, data[i], published)
                   for i, e in enumerate(events)]
        pks = [cur.fetchone()[0] for cur in cursors]
        actors, places, spans = [], [], []
        for event_pk, e in zip(pks, events):
            actors += [(event_pk, i, a.role, a.actor_id, a.name, a.text, a.start, a.end,
                        a.sector, a.country, a.inter) for i, a in enumerate(e.actors)]
            roles: list[tuple[str, int, Place]] = []
            if e.location is not None:
                roles.append(("location", 0, e.location))
            if e.origin is not None:
                roles.append(("origin", 0, e.origin))
            roles += [("destination", i, p) for i, p in enumerate(e.destinations)]
            roles += [("route", i, p) for i, p in enumerate(e.route)]
            places += [(event_pk, role, i, p.text, p.start, p.end, p.name, p.geonameid, p.lat,
                        p.lon, p.country, p.admin1, p.admin2, p.precision, p.lon, p.lat)
                       for role, i, p in roles]
            spans += [(event_pk, kind, sp.text or "", sp.start, sp.end)
                      for kind, sp in _event_spans(e)]
        with self.conn.cursor() as cur:
            if actors:
                cur.executemany(
                    'INSERT INTO event_actors(event_pk, idx, role, actor_id, name, text, start, '
                    '"end", sector, country, inter) '
                    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)", actors)
            if places:
                cur.executemany(
                    'INSERT INTO event_places(event_pk, role, idx, text, start, "end", name, '
                    "geonameid, lat, lon, country, admin1, admin2, precision, geog) VALUES "
                    "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, "
                    "ST_SetSRID(ST_MakePoint(%s::float8, %s::float8), 4326)::geography)", places)
            if spans:
                cur.executemany(
                    'INSERT INTO evidence(event_pk, kind, text, start, "end") '
                    "VALUES (%s, %s, %s, %s, %s)", spans)

    def _insert_event(self, doc_pk: int, idx: int, e: Event, data: dict[str, Any],
                      published: str | None) -> Any:
        """Queue the event's row; returns the cursor that will hold its pk."""
        fat = e.fatalities
        at = map_place(e)  # where the map draws it, flat on the row (migration 0006)
        cur = self.conn.execute(
            "INSERT INTO events(doc_pk, idx, id, doc_id, type, mode, kind, acled_event_type, "
            "acled_sub_event_type, date, date_precision, modality, confidence, fatalities_low, "
            "fatalities_best, fatalities_high, background, aggregate, data, "
            "day, lat, lon, geo_precision, country, admin1, place_name) VALUES "
            "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, "
            "%s, %s, %s, %s, %s, %s, %s) RETURNING pk",
            (doc_pk, idx, e.id, e.doc_id, e.type, e.mode, e.kind, e.acled_event_type,
             e.acled_sub_event_type, e.date, e.date_precision, e.modality, e.confidence,
             fat.low if fat else None, fat.best if fat else None, fat.high if fat else None,
             int(bool(e.background)), int(bool(e.aggregate)), _json(data),
             e.date or (published[:10] if published else None),
             *((at.lat, at.lon, at.precision, at.country, at.admin1, at.name or at.text)
               if at is not None else (None,) * 6)),
        )
        return cur

    # -- reading ---------------------------------------------------------

    def stored_version(self, doc_id: str) -> StoredVersion | None:
        with self._guard():
            row = self.conn.execute(
                "SELECT content_hash, warnings FROM documents WHERE id = %s", (doc_id,)
            ).fetchone()
        return None if row is None else StoredVersion(row[0], json.loads(row[1]))

    _DOC_SELECT = ("SELECT pk, " + ", ".join(f'"{c}"' for c in _DOC_COLUMNS)
                   + ", focus, warnings, extra FROM documents")

    def get(self, doc_id: str) -> Document | None:
        with self._guard():
            row = self.conn.execute(f"{self._DOC_SELECT} WHERE id = %s", (doc_id,)).fetchone()
            if row is None and doc_id:
                rows = self.conn.execute(
                    f"{self._DOC_SELECT} WHERE id LIKE %s ESCAPE '\\' LIMIT 2",
                    (like_prefix(doc_id),),
                ).fetchall()
                row = rows[0] if len(rows) == 1 else None
            return None if row is None else self._load_document(row)

    def ids_starting(self, prefix: str, limit: int = 6) -> list[str]:
        with self._guard():
            rows = self.conn.execute(
                "SELECT id FROM documents WHERE id LIKE %s ESCAPE '\\' "
                'ORDER BY id COLLATE "C" LIMIT %s',
                (like_prefix(prefix), limit),
            ).fetchall()
        return [r[0] for r in rows]

    def documents(self) -> Iterator[Document]:
        with self._guard():
            pks = [r[0] for r in self.conn.execute("SELECT pk FROM documents ORDER BY pk")]
        for pk in pks:
            with self._guard():
                row = self.conn.execute(f"{self._DOC_SELECT} WHERE pk = %s", (pk,)).fetchone()
                if row is not None:  # deleted by another writer meanwhile
                    yield self._load_document(row)

    def _load_document(self, row: tuple[Any, ...]) -> Document:
        pk = row[0]
        data: dict[str, Any] = dict(zip(_DOC_COLUMNS, row[1:1 + len(_DOC_COLUMNS)]))
        focus, warnings, extra = row[1 + len(_DOC_COLUMNS):]
        data["coded"] = bool(data["coded"])
        data["focus"] = json.loads(focus)
        data["warnings"] = json.loads(warnings)
        data.update(json.loads(extra))
        data["places"] = self._json_rows("places", pk)
        data["actors"] = self._json_rows("actor_mentions", pk)
        data["events"] = self._json_rows("events", pk)
        return from_dict(Document, data)

    def _json_rows(self, table: str, doc_pk: int) -> list[dict[str, Any]]:
        sql = f"SELECT data FROM {table} WHERE doc_pk = %s ORDER BY idx"  # table is ours
        return [json.loads(r[0]) for r in self.conn.execute(sql, (doc_pk,))]

    def events(self, flt: EventFilter | None = None, reviewed: bool = False) -> Iterator[EventRow]:
        yield from self._with_reviews(self._event_rows(flt), reviewed)

    def _event_rows(self, flt: EventFilter | None) -> Iterator[EventRow]:
        sql, params = build_event_query(flt or EventFilter(), POSTGRES)
        psycopg = self._psycopg
        try:
            # a server-side cursor: rows arrive in pages, so an export of millions of
            # events streams in bounded memory, as it does from SQLite
            name = f"kharita_events_{next(_CURSORS)}"  # several may be open at once
            with self.conn.transaction(), self.conn.cursor(name=name) as cur:
                cur.itersize = 2000
                cur.execute(_pg(sql), params)
                for data, url, title, published, source, site, ingested_at in cur:
                    yield EventRow(from_dict(Event, json.loads(data)), url, title, published,
                                   source, site, ingested_at)
        except QueryError:
            raise
        except psycopg.OperationalError as exc:
            raise StoreError(f"lost {self.location}: {_first_line(exc)}") from exc
        except psycopg.Error as exc:
            raise StoreError(f"bad query: {_first_line(exc)}") from exc

    def signatures(self, limit: int | None = None) -> Iterator[tuple[str, str, bytes | None, str | None]]:
        sql = ("SELECT id, content_hash, minhash, CASE WHEN minhash IS NULL THEN text END "
               "FROM documents WHERE duplicate_of IS NULL ORDER BY pk DESC")
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        with self._guard():
            rows = self.conn.execute(sql).fetchall()
        for doc_id, digest, sig, text in rows:
            yield doc_id, digest, None if sig is None else bytes(sig), text

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._guard():
            cur = self.conn.execute(_pg(sql), params)
            return [tuple(r) for r in cur.fetchall()] if cur.description else []


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)
