"""The store's schema as named migrations, applied once each, in order.

A migration is never edited after release: to change the schema, append a new
one.  ``migrations`` records which ones a database has seen, so an old database
opened by a newer kharita is brought up to date in place.

Design: every table keeps the flat columns that queries filter on, plus a
``data`` JSON column holding the record's full ``to_dict()``.  Loading reads
``data``, so a field another stage adds to the model later round-trips without a
schema change; the flat columns are derived from it on write.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

Migration = tuple[str, Callable[[sqlite3.Connection], None]]

_INITIAL = """
CREATE TABLE documents (
    pk INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    content_hash TEXT,
    url TEXT,
    title TEXT,
    source TEXT,
    published TEXT,
    language TEXT,
    text TEXT NOT NULL DEFAULT '',
    duplicate_of TEXT,
    author TEXT,
    site TEXT,
    coded INTEGER NOT NULL DEFAULT 1,
    input TEXT,
    focus TEXT NOT NULL DEFAULT '{}',
    warnings TEXT NOT NULL DEFAULT '[]',
    extra TEXT NOT NULL DEFAULT '{}',
    ingested_at TEXT NOT NULL
);
CREATE INDEX documents_content_hash ON documents(content_hash);
CREATE INDEX documents_input ON documents(input);

CREATE TABLE places (
    pk INTEGER PRIMARY KEY,
    doc_pk INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    text TEXT, start INTEGER, "end" INTEGER,
    name TEXT, geonameid INTEGER, lat REAL, lon REAL, feature_code TEXT,
    country TEXT, admin1 TEXT, admin2 TEXT, precision INTEGER, score REAL,
    data TEXT NOT NULL
);
CREATE INDEX places_doc ON places(doc_pk);
CREATE INDEX places_geonameid ON places(geonameid);

CREATE TABLE actor_mentions (
    pk INTEGER PRIMARY KEY,
    doc_pk INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    text TEXT, start INTEGER, "end" INTEGER,
    actor_id TEXT, name TEXT, type TEXT, sector TEXT, country TEXT,
    data TEXT NOT NULL
);
CREATE INDEX actor_mentions_doc ON actor_mentions(doc_pk);
CREATE INDEX actor_mentions_actor ON actor_mentions(actor_id);

CREATE TABLE events (
    pk INTEGER PRIMARY KEY,
    doc_pk INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    id TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    type TEXT, mode TEXT, kind TEXT,
    acled_event_type TEXT, acled_sub_event_type TEXT,
    date TEXT, date_precision INTEGER, modality TEXT, confidence REAL,
    fatalities_low INTEGER, fatalities_best INTEGER, fatalities_high INTEGER,
    data TEXT NOT NULL
);
CREATE INDEX events_doc ON events(doc_pk);
CREATE INDEX events_id ON events(id);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_type ON events(type);

CREATE TABLE event_actors (
    pk INTEGER PRIMARY KEY,
    event_pk INTEGER NOT NULL REFERENCES events(pk) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    role TEXT, actor_id TEXT, name TEXT, text TEXT, start INTEGER, "end" INTEGER,
    sector TEXT, country TEXT, inter INTEGER
);
CREATE INDEX event_actors_event ON event_actors(event_pk);

-- role: location | origin | destination | route
CREATE TABLE event_places (
    pk INTEGER PRIMARY KEY,
    event_pk INTEGER NOT NULL REFERENCES events(pk) ON DELETE CASCADE,
    role TEXT NOT NULL,
    idx INTEGER NOT NULL,
    text TEXT, start INTEGER, "end" INTEGER,
    name TEXT, geonameid INTEGER, lat REAL, lon REAL,
    country TEXT, admin1 TEXT, admin2 TEXT, precision INTEGER
);
CREATE INDEX event_places_event ON event_places(event_pk);
CREATE INDEX event_places_latlon ON event_places(lat, lon);
CREATE INDEX event_places_country ON event_places(country);

-- kind: the Event field the span comes from (evidence, trigger, attribution, ...)
CREATE TABLE evidence (
    pk INTEGER PRIMARY KEY,
    event_pk INTEGER NOT NULL REFERENCES events(pk) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    text TEXT NOT NULL, start INTEGER, "end" INTEGER
);
CREATE INDEX evidence_event ON evidence(event_pk);

CREATE TABLE failures (
    pk INTEGER PRIMARY KEY,
    input TEXT NOT NULL UNIQUE,
    reason TEXT NOT NULL,
    stage TEXT NOT NULL,
    time TEXT NOT NULL
);
"""

# External-content FTS5 tables kept in step by triggers, so no write path can
# forget them (cascading deletes fire these triggers too).
_FTS = """
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content='documents', content_rowid='pk', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
END;
CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
    VALUES ('delete', old.pk, old.title, old.text);
END;
CREATE TRIGGER documents_au AFTER UPDATE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
    VALUES ('delete', old.pk, old.title, old.text);
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
END;

CREATE VIRTUAL TABLE evidence_fts USING fts5(
    text, content='evidence', content_rowid='pk', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER evidence_ai AFTER INSERT ON evidence BEGIN
    INSERT INTO evidence_fts(rowid, text) VALUES (new.pk, new.text);
END;
CREATE TRIGGER evidence_ad AFTER DELETE ON evidence BEGIN
    INSERT INTO evidence_fts(evidence_fts, rowid, text) VALUES ('delete', old.pk, old.text);
END;
"""


def _initial(conn: sqlite3.Connection) -> None:
    conn.executescript(_INITIAL)


def _fts(conn: sqlite3.Connection) -> None:
    conn.executescript(_FTS)


def _signatures(conn: sqlite3.Connection) -> None:
    """Each document's near-duplicate signature (``Deduplicator.signature``), so a new
    run seeds duplicate detection from 512-byte blobs instead of re-hashing texts."""
    conn.execute("ALTER TABLE documents ADD COLUMN minhash BLOB")


def _reporting(conn: sqlite3.Connection) -> None:
    """The reporting stage's marks as flat columns for filtering: an event's
    ``background``/``aggregate`` flags and a document's ``relevance`` (events and
    documents stored before it keep 0/0 and null: they were never judged)."""
    conn.execute("ALTER TABLE events ADD COLUMN background INTEGER NOT NULL DEFAULT 0")
    conn.execute("ALTER TABLE events ADD COLUMN aggregate INTEGER NOT NULL DEFAULT 0")
    conn.execute("ALTER TABLE documents ADD COLUMN relevance REAL")


_FEEDS = """
-- feeds that `kharita watch` follows, and what each poll said
CREATE TABLE feeds (
    pk INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    name TEXT,
    language TEXT,
    title TEXT,
    etag TEXT,
    last_modified TEXT,
    last_polled TEXT,
    last_success TEXT,
    last_error TEXT,
    last_error_at TEXT,
    errors INTEGER NOT NULL DEFAULT 0,
    retry_at TEXT,
    added_at TEXT NOT NULL
);

-- every item a feed listed; status: stored | duplicate | retry | failed | disallowed
CREATE TABLE feed_items (
    pk INTEGER PRIMARY KEY,
    feed_pk INTEGER NOT NULL REFERENCES feeds(pk) ON DELETE CASCADE,
    key TEXT NOT NULL,
    url TEXT,
    canonical_url TEXT,
    title TEXT,
    published TEXT,
    status TEXT NOT NULL,
    doc_id TEXT,
    events INTEGER NOT NULL DEFAULT 0,
    reason TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    first_seen TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE(feed_pk, key)
);
CREATE INDEX feed_items_url ON feed_items(url);
CREATE INDEX feed_items_canonical ON feed_items(canonical_url);
CREATE INDEX feed_items_doc ON feed_items(doc_id);
CREATE INDEX feed_items_status ON feed_items(feed_pk, status);
"""


def _feeds(conn: sqlite3.Connection) -> None:
    """What `kharita watch` remembers between runs: each feed's HTTP validators, its
    last success and error, when it may be polled again, and every item it listed
    with what became of it, so a restart neither misses nor re-fetches an item."""
    conn.executescript(_FEEDS)


# The place an event is drawn at (its location; a movement without one: its origin,
# else its first destination), flat on the event row, so the map, its clusters and
# the table's sort need no join.  Derived from event_places on write and here.
_PRIMARY_PLACE = """
SELECT {col} FROM event_places p WHERE p.event_pk = events.pk AND p.lat IS NOT NULL
ORDER BY CASE p.role WHEN 'location' THEN 0 WHEN 'origin' THEN 1 WHEN 'destination' THEN 2
    ELSE 3 END, p.idx LIMIT 1
"""
MAP_COLUMNS = (("lat", "REAL", "p.lat"), ("lon", "REAL", "p.lon"),
               ("geo_precision", "INTEGER", "p.precision"), ("country", "TEXT", "p.country"),
               ("admin1", "TEXT", "p.admin1"), ("place_name", "TEXT", "coalesce(p.name, p.text)"))


def _map_place(conn: sqlite3.Connection) -> None:
    """Each event's map place as flat columns (see _PRIMARY_PLACE), with the indexes
    the workspace's map, timeline and table filter and sort on."""
    for name, kind, _ in MAP_COLUMNS:
        conn.execute(f"ALTER TABLE events ADD COLUMN {name} {kind}")
    sets = ", ".join(f"{name} = ({_PRIMARY_PLACE.format(col=expr)})" for name, _, expr in MAP_COLUMNS)
    conn.execute(f"UPDATE events SET {sets}")
    conn.execute("CREATE INDEX events_latlon ON events(lat, lon)")
    conn.execute("CREATE INDEX events_acled_type ON events(acled_event_type)")
    conn.execute("CREATE INDEX event_actors_name ON event_actors(name)")
    conn.execute("CREATE INDEX event_places_admin1 ON event_places(admin1)")


# the covering index's columns, the day first (date ranges, the timeline, newest first)
FACETS = ("day", "acled_event_type", "type", "acled_sub_event_type", "modality", "kind",
          "country", "lat", "lon", "geo_precision", "fatalities_best", "confidence",
          "background", "aggregate", "doc_pk", "idx")


def _event_day_facets(conn: sqlite3.Connection) -> None:
    """Each event's day (its date, else its document's publication day) as a flat
    column, and one covering index holding every column the workspace's counts,
    timeline, clusters and table order read, so they scan a few MB of index, never
    the events' JSON or their documents (100,000 events: 3 s -> 0.3 s a redraw).  It
    replaces 0006's lat/lon and type indexes; admin1 is matched without case."""
    conn.execute("ALTER TABLE events ADD COLUMN day TEXT")
    conn.execute("UPDATE events SET day = coalesce(date, (SELECT substr(d.published, 1, 10) "
                 "FROM documents d WHERE d.pk = events.doc_pk))")
    conn.execute("DROP INDEX events_latlon")
    conn.execute("DROP INDEX events_acled_type")
    conn.execute("DROP INDEX event_places_admin1")
    conn.execute(f"CREATE INDEX events_facets ON events({', '.join(FACETS)})")
    conn.execute("CREATE INDEX events_doc_id ON events(doc_id)")
    conn.execute("CREATE INDEX event_places_admin1 ON event_places(admin1 COLLATE NOCASE)")


_REVIEWS = """
-- An analyst's reviews: a layer over the machine's events, never written into them.
-- One row per act: a verdict (right | wrong) with field NULL, or a correction of one
-- field (old and new as JSON; verdict NULL).  The latest row per field wins.
CREATE TABLE reviews (
    pk INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    at TEXT NOT NULL,
    field TEXT,
    old TEXT,
    new TEXT,
    verdict TEXT,
    note TEXT
);
CREATE INDEX reviews_event ON reviews(event_id);
"""


def _reviews(conn: sqlite3.Connection) -> None:
    """Reviews of events by analysts (kharita serve --allow-review): who, when, which
    field, old -> new, or a verdict; kept apart so machine output is never overwritten
    and a re-ingest keeps them (they refer to events by id)."""
    conn.executescript(_REVIEWS)


MIGRATIONS: list[Migration] = [
    ("0001_initial_tables", _initial),
    ("0002_full_text_search", _fts),
    ("0003_near_duplicate_signatures", _signatures),
    ("0004_reporting_marks", _reporting),
    ("0005_feed_watch", _feeds),
    ("0006_event_map_place", _map_place),
    ("0007_reviews", _reviews),
    ("0008_event_day_facets", _event_day_facets),
]


def applied(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations this database has already seen, in order."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    return _recorded(conn)


def _recorded(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT name FROM migrations ORDER BY rowid")]


def pending(conn: sqlite3.Connection, migrations: list[Migration] | None = None) -> list[str]:
    """Names of the migrations this database still needs; reads only (a read-only
    store is opened without writing unless it needs upgrading)."""
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'"
    ).fetchone()
    done = set(_recorded(conn)) if has_table else set()
    return [name for name, _ in (MIGRATIONS if migrations is None else migrations)
            if name not in done]


def migrate(conn: sqlite3.Connection, migrations: list[Migration] | None = None) -> list[str]:
    """Apply every migration not yet recorded; return the names applied now.

    Each migration runs in its own transaction together with its ``migrations``
    row, so a crash mid-way leaves the database at the previous version.  Whether
    it is still needed is checked again inside that transaction: another process
    may have applied it while this one waited for the lock.
    """
    done = set(applied(conn))
    ran: list[str] = []
    for name, apply in migrations if migrations is not None else MIGRATIONS:
        if name in done:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            if name not in _recorded(conn):
                apply_in_transaction(conn, apply)
                conn.execute(
                    "INSERT INTO migrations(name, applied_at) VALUES (?, ?)",
                    (name, datetime.now(UTC).isoformat(timespec="seconds")),
                )
                ran.append(name)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # SQLite may have rolled back already (disk full)
                conn.execute("ROLLBACK")
            raise
    return ran


def apply_in_transaction(conn: sqlite3.Connection, apply: Callable[[sqlite3.Connection], None]) -> None:
    """Run a migration without letting ``executescript`` commit half of it.

    ``executescript`` issues a COMMIT first; running the statements one by one
    keeps the migration inside the caller's transaction.
    """
    proxy = _ScriptInTransaction(conn)
    apply(proxy)  # type: ignore[arg-type]


class _ScriptInTransaction:
    """Stands in for a connection: ``executescript`` runs statement by statement."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def executescript(self, script: str) -> None:
        for statement in split_statements(script):
            self._conn.execute(statement)

    def execute(self, sql: str, params: tuple = ()) -> sqlite3.Cursor:
        return self._conn.execute(sql, params)


def split_statements(script: str) -> list[str]:
    """Split SQL on statement boundaries, keeping trigger bodies whole."""
    out: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        if line.strip().startswith("--") and not buf.strip():
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
