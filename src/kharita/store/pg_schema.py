"""The PostgreSQL store's schema: the SQLite migrations (``schema.py``), one for one,
under the same names, in PostgreSQL's dialect.

What differs from SQLite, and why:

* full text: a ``tsvector`` column generated from each evidence span and each
  document title (``'simple'`` configuration: no stemming, as FTS5's unicode61)
  with a GIN index, instead of FTS5 tables kept by triggers; ``kharita_fold``
  removes diacritics as FTS5's ``remove_diacritics`` does;
* places of events: a PostGIS ``geography`` point with a GiST index, for
  ``--near`` (``ST_DWithin`` on the sphere :mod:`kharita.geo` measures on);
* identity columns instead of ``INTEGER PRIMARY KEY``, ``bytea`` for signatures.

A migration is never edited after release; a schema change appends one here and
one in ``schema.py`` under the same name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_EXTENSIONS = """
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS unaccent;
"""

_INITIAL = """
CREATE TABLE documents (
    pk BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
CREATE INDEX documents_id_prefix ON documents(id text_pattern_ops);

CREATE TABLE places (
    pk BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    doc_pk BIGINT NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    text TEXT, start INTEGER, "end" INTEGER,
    name TEXT, geonameid BIGINT, lat DOUBLE PRECISION, lon DOUBLE PRECISION, feature_code TEXT,
    country TEXT, admin1 TEXT, admin2 TEXT, precision INTEGER, score DOUBLE PRECISION,
    data TEXT NOT NULL
);
CREATE INDEX places_doc ON places(doc_pk);
CREATE INDEX places_geonameid ON places(geonameid);

CREATE TABLE actor_mentions (
    pk BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    doc_pk BIGINT NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    text TEXT, start INTEGER, "end" INTEGER,
    actor_id TEXT, name TEXT, type TEXT, sector TEXT, country TEXT,
    data TEXT NOT NULL
);
CREATE INDEX actor_mentions_doc ON actor_mentions(doc_pk);
CREATE INDEX actor_mentions_actor ON actor_mentions(actor_id);

CREATE TABLE events (
    pk BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    doc_pk BIGINT NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    id TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    type TEXT, mode TEXT, kind TEXT,
    acled_event_type TEXT, acled_sub_event_type TEXT,
    date TEXT, date_precision INTEGER, modality TEXT, confidence DOUBLE PRECISION,
    fatalities_low INTEGER, fatalities_best INTEGER, fatalities_high INTEGER,
    data TEXT NOT NULL
);
CREATE INDEX events_doc ON events(doc_pk);
CREATE INDEX events_id ON events(id);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_type ON events(type);

CREATE TABLE event_actors (
    pk BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_pk BIGINT NOT NULL REFERENCES events(pk) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    role TEXT, actor_id TEXT, name TEXT, text TEXT, start INTEGER, "end" INTEGER,
    sector TEXT, country TEXT, inter INTEGER
);
CREATE INDEX event_actors_event ON event_actors(event_pk);

-- role: location | origin | destination | route
CREATE TABLE event_places (
    pk BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_pk BIGINT NOT NULL REFERENCES events(pk) ON DELETE CASCADE,
    role TEXT NOT NULL,
    idx INTEGER NOT NULL,
    text TEXT, start INTEGER, "end" INTEGER,
    name TEXT, geonameid BIGINT, lat DOUBLE PRECISION, lon DOUBLE PRECISION,
    country TEXT, admin1 TEXT, admin2 TEXT, precision INTEGER
);
CREATE INDEX event_places_event ON event_places(event_pk);
CREATE INDEX event_places_latlon ON event_places(lat, lon);
CREATE INDEX event_places_country ON event_places(country);

-- kind: the Event field the span comes from (evidence, trigger, attribution, ...)
CREATE TABLE evidence (
    pk BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_pk BIGINT NOT NULL REFERENCES events(pk) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    text TEXT NOT NULL, start INTEGER, "end" INTEGER
);
CREATE INDEX evidence_event ON evidence(event_pk);

CREATE TABLE failures (
    pk BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    input TEXT NOT NULL UNIQUE,
    reason TEXT NOT NULL,
    stage TEXT NOT NULL,
    time TEXT NOT NULL
);
"""

# Full text (tsvector + GIN) and the places of events as PostGIS geography (GiST).
_SEARCH = """
CREATE OR REPLACE FUNCTION kharita_fold(t text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, t) $$;
ALTER TABLE documents ADD COLUMN title_tsv tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', kharita_fold(coalesce(title, '')))) STORED;
CREATE INDEX documents_title_tsv ON documents USING gin(title_tsv);
ALTER TABLE evidence ADD COLUMN tsv tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', kharita_fold(text))) STORED;
CREATE INDEX evidence_tsv ON evidence USING gin(tsv);
ALTER TABLE event_places ADD COLUMN geog geography(Point, 4326);
CREATE INDEX event_places_geog ON event_places USING gist(geog);
"""

_SIGNATURES = "ALTER TABLE documents ADD COLUMN minhash BYTEA;"

_REPORTING = """
ALTER TABLE events ADD COLUMN background INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN aggregate INTEGER NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN relevance DOUBLE PRECISION;
"""

_FEEDS = """
CREATE TABLE feeds (
    pk BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
CREATE TABLE feed_items (
    pk BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    feed_pk BIGINT NOT NULL REFERENCES feeds(pk) ON DELETE CASCADE,
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

# Each event's map place as flat columns (see schema._map_place), backfilled from
# event_places for events stored before it.
_MAP_PLACE = """
ALTER TABLE events ADD COLUMN lat DOUBLE PRECISION;
ALTER TABLE events ADD COLUMN lon DOUBLE PRECISION;
ALTER TABLE events ADD COLUMN geo_precision INTEGER;
ALTER TABLE events ADD COLUMN country TEXT;
ALTER TABLE events ADD COLUMN admin1 TEXT;
ALTER TABLE events ADD COLUMN place_name TEXT;
UPDATE events SET (lat, lon, geo_precision, country, admin1, place_name) = (
    SELECT p.lat, p.lon, p.precision, p.country, p.admin1, coalesce(p.name, p.text)
    FROM event_places p WHERE p.event_pk = events.pk AND p.lat IS NOT NULL AND p.lon IS NOT NULL
    ORDER BY CASE p.role WHEN 'location' THEN 0 WHEN 'origin' THEN 1 WHEN 'destination' THEN 2
        ELSE 3 END, p.idx LIMIT 1);
CREATE INDEX events_latlon ON events(lat, lon);
CREATE INDEX events_acled_type ON events(acled_event_type);
CREATE INDEX event_actors_name ON event_actors(name);
CREATE INDEX event_places_admin1 ON event_places(admin1);
"""

# Analysts' reviews (see schema._reviews).
_REVIEWS = """
CREATE TABLE reviews (
    pk BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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

# Each event's day as a flat column and one covering index over what the workspace's
# counts, timeline, clusters and table order read (see schema._event_day_facets).
_DAY_FACETS = """
ALTER TABLE events ADD COLUMN day TEXT;
UPDATE events SET day = coalesce(date, (SELECT substr(d.published, 1, 10)
    FROM documents d WHERE d.pk = events.doc_pk));
DROP INDEX events_latlon;
DROP INDEX events_acled_type;
DROP INDEX event_places_admin1;
CREATE INDEX events_facets ON events(day COLLATE "C", acled_event_type, type,
    acled_sub_event_type, modality, kind, country, lat, lon, geo_precision, fatalities_best,
    confidence, background, aggregate, doc_pk, idx);
CREATE INDEX events_doc_id ON events(doc_id);
CREATE INDEX event_places_admin1 ON event_places(lower(admin1));
"""

# Same names as schema.MIGRATIONS; the first also needs the extensions.
MIGRATIONS: list[tuple[str, str]] = [
    ("0001_initial_tables", _EXTENSIONS + _INITIAL),
    ("0002_full_text_search", _SEARCH),
    ("0003_near_duplicate_signatures", _SIGNATURES),
    ("0004_reporting_marks", _REPORTING),
    ("0005_feed_watch", _FEEDS),
    ("0006_event_map_place", _MAP_PLACE),
    ("0007_reviews", _REVIEWS),
    ("0008_event_day_facets", _DAY_FACETS),
]

# pg_advisory_lock key that serialises migrations between processes ("kharita" in hex-ish)
MIGRATION_LOCK = 0x6B68617269746101


def pending(conn: Any) -> list[str]:
    """Migrations this database still needs (reads only)."""
    row = conn.execute("SELECT to_regclass('migrations')").fetchone()
    done: set[str] = set()
    if row[0] is not None:
        done = {r[0] for r in conn.execute("SELECT name FROM migrations")}
    return [name for name, _ in MIGRATIONS if name not in done]


def migrate(conn: Any, on_error: Callable[[Exception, str], Exception] | None = None) -> list[str]:
    """Apply the pending migrations, each in its own transaction with its
    ``migrations`` row, holding an advisory lock so two processes opening a new
    database at once apply each migration once."""
    ran: list[str] = []
    conn.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
    try:
        conn.execute("CREATE TABLE IF NOT EXISTS migrations "
                     "(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        done = {r[0] for r in conn.execute("SELECT name FROM migrations")}
        for name, script in MIGRATIONS:
            if name in done:
                continue
            try:
                with conn.transaction():
                    conn.execute(script)
                    conn.execute("INSERT INTO migrations(name, applied_at) "
                                 "VALUES (%s, to_char(now() AT TIME ZONE 'UTC', "
                                 "'YYYY-MM-DD\"T\"HH24:MI:SS\"+00:00\"'))", (name,))
            except Exception as exc:
                raise (on_error(exc, name) if on_error else exc) from exc
            ran.append(name)
    finally:
        conn.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))
    return ran


def applied(conn: Any) -> list[str]:
    return [r[0] for r in conn.execute("SELECT name FROM migrations ORDER BY applied_at, name")]
