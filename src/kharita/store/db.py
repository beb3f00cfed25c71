"""The embedded store: one SQLite file in WAL mode, written by one writer.

The default backend of the :class:`~kharita.store.base.Store` interface.  A document and all its annotations
are written in one transaction, replacing whatever was stored under the same
id, so a re-run never duplicates and an interrupted run never leaves a half-
written document behind.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from kharita.geo import haversine_km
from kharita.model import ActorMention, Document, Event, Place, Span, from_dict, to_dict
from kharita.store.base import Store
from kharita.store.query import EventFilter, build_event_query, like_escape
from kharita.store.schema import migrate, pending
from kharita.store.types import EventRow, StoredFailure, StoredVersion, StoreError, map_place

# Document fields that have their own column; the rest go to ``extra``.
_DOC_COLUMNS = (
    "id", "content_hash", "url", "title", "source", "published", "language", "text",
    "duplicate_of", "author", "site", "coded", "input", "relevance",
)
_DOC_JSON_COLUMNS = ("focus", "warnings")
_ANNOTATIONS = ("places", "actors", "events")


__all__ = ["EventRow", "SQLiteStore", "StoreError", "StoredFailure", "map_place"]

DEFAULT_BUSY_TIMEOUT = 30.0  # seconds to wait for another program's lock on the store


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float | None:
    """:func:`kharita.geo.haversine_km` for SQL, where a missing coordinate is NULL."""
    if None in (lat1, lon1, lat2, lon2):
        return None
    return haversine_km(lat1, lon1, lat2, lon2)


class SQLiteStore(Store):
    """Read and write documents, annotations and failures in one SQLite file.

    Use as a context manager, or call :meth:`close`.  ``create=False`` opens the
    store read-only and refuses to make a new one (query commands must not
    silently create an empty database, and must work on a store they cannot
    write).  ``timeout`` is how long to wait for another program's lock, in
    seconds (default ``$KHARITA_BUSY_TIMEOUT``, else 30).
    """

    def __init__(self, path: str | Path, create: bool = True, timeout: float | None = None) -> None:
        self.path = checked_path(path, create)
        self.location = self.target = str(self.path)
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

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()

    # -- writing ---------------------------------------------------------

    def save(self, doc: Document, signature: bytes | None = None) -> None:
        """Store ``doc`` with all its annotations, replacing any earlier copy, atomically.

        Also clears a failure recorded for the same input: it has now succeeded.
        """
        with self._guard():
            self._save(doc, signature)

    def _save(self, doc: Document, signature: bytes | None) -> None:
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            data = to_dict(doc)  # once: the annotation rows reuse its parts as their JSON
            conn.execute("DELETE FROM documents WHERE id = ?", (doc.id,))
            doc_pk = self._insert_document(doc, data, signature)
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

    def _insert_document(self, doc: Document, data: dict[str, Any], signature: bytes | None) -> int:
        row = {c: data.get(c) for c in _DOC_COLUMNS}
        row["coded"] = 1 if doc.coded else 0
        row["focus"] = json.dumps(data.get("focus") or {}, ensure_ascii=False)
        row["warnings"] = json.dumps(data.get("warnings") or [], ensure_ascii=False)
        known = set(_DOC_COLUMNS) | set(_DOC_JSON_COLUMNS) | set(_ANNOTATIONS)
        extra = {k: v for k, v in data.items() if k not in known}
        row["extra"] = json.dumps(extra, ensure_ascii=False)
        row["ingested_at"] = _now()
        row["minhash"] = signature
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

    def stored_version(self, doc_id: str) -> StoredVersion | None:
        with self._guard():
            row = self.conn.execute(
                "SELECT content_hash, warnings FROM documents WHERE id = ?", (doc_id,)
            ).fetchone()
        return None if row is None else StoredVersion(row[0], json.loads(row[1]))

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
        yield from self._with_reviews(self._event_rows(flt), reviewed)

    def _event_rows(self, flt: EventFilter | None) -> Iterator[EventRow]:
        sql, params = build_event_query(flt or EventFilter())
        try:
            for data, url, title, published, source, site, ingested_at in self.conn.execute(sql, params):
                yield EventRow(from_dict(Event, json.loads(data)), url, title, published, source,
                               site, ingested_at)
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise StoreError(self._explain(exc)) from exc
            raise StoreError(f"bad query: {exc}") from exc
        except sqlite3.Error as exc:
            raise StoreError(self._explain(exc)) from exc

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


    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._guard():
            return [tuple(r) for r in self.conn.execute(sql, params).fetchall()]


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
        raise StoreError(f"{text}: not a database kharita knows; give the path of a SQLite "
                         "store file or a postgresql://USER@HOST:PORT/DBNAME URL")
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


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


def like_prefix(prefix: str) -> str:
    """A LIKE pattern (``ESCAPE '\\'``) matching strings that start with ``prefix`` as typed."""
    return like_escape(prefix) + "%"


def document_fields() -> list[str]:
    """Names of all Document fields (used by tests that check nothing is lost)."""
    return [f.name for f in fields(Document)]
