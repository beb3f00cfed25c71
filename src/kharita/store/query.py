"""Event queries: a filter object in, one parameterised SQL statement out.

Filters combine with AND.  Place-based filters (country, near) match any of an
event's places (location, origin, destinations, route), so a movement from
Deir Ezzor into Iraq is found by either country.  Full-text search matches an
event's own evidence spans (sentence, trigger, attribution, date phrase) and its
document's title, not the whole article: a word elsewhere in the article says
nothing about this event.  Date filters use the event's
date, falling back to the document's publication day when the event has none.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kharita.geo import EARTH_RADIUS_M, KM_PER_DEG_LAT, POSTGIS_SPHERE_RADIUS_M
from kharita.store.countries import to_iso2

EARTH_KM_PER_DEG_LAT = KM_PER_DEG_LAT
SQLITE_MAX_INT = 2**63 - 1  # also PostgreSQL's bigint


@dataclass(frozen=True)
class Dialect:
    """What differs between the backends' SQL for the same filter (placeholders are
    ``?`` in both; the PostgreSQL store turns them into psycopg's ``%s``)."""

    name: str
    like: str  # case-insensitive (for ASCII, as SQLite's LIKE) substring match
    collate: str  # ISO dates and ids compare byte-wise, whatever the server's locale
    int_param: str  # an integer parameter


SQLITE = Dialect("sqlite", like="LIKE", collate="", int_param="?")
POSTGRES = Dialect("postgresql", like="ILIKE", collate=' COLLATE "C"', int_param="?::int")


class QueryError(ValueError):
    """A filter value that cannot be used; the message says which and why."""


@dataclass
class Near:
    lat: float
    lon: float
    km: float

    @classmethod
    def parse(cls, value: str) -> Near:
        """Parse ``LAT,LON,KM`` (e.g. ``15.35,44.2,50``)."""
        parts = [p.strip() for p in value.split(",")]
        try:
            lat, lon, km = (float(p) for p in parts)
        except ValueError:
            raise QueryError(
                f"--near {value!r}: expected LAT,LON,KM as three numbers, e.g. 15.35,44.21,50"
            ) from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise QueryError(f"--near {value!r}: latitude must be in -90..90, longitude in -180..180")
        if not km > 0:
            raise QueryError(f"--near {value!r}: the radius in km must be positive")
        return cls(lat, lon, km)

    def bbox(self) -> tuple[float, float, float | None, float | None]:
        """(lat_min, lat_max, lon_min, lon_max); lon bounds None when the box wraps or hits a pole."""
        dlat = self.km / EARTH_KM_PER_DEG_LAT
        lat_min, lat_max = self.lat - dlat, self.lat + dlat
        cos_lat = math.cos(math.radians(self.lat))
        if lat_min <= -90 or lat_max >= 90 or cos_lat < 1e-6:
            return lat_min, lat_max, None, None
        dlon = self.km / (EARTH_KM_PER_DEG_LAT * cos_lat)
        lon_min, lon_max = self.lon - dlon, self.lon + dlon
        if lon_min < -180 or lon_max > 180:
            return lat_min, lat_max, None, None
        return lat_min, lat_max, lon_min, lon_max


@dataclass
class EventFilter:
    """What ``kharita events`` can ask for.  Empty fields do not filter."""

    actor: str | None = None
    type: str | None = None
    country: str | None = None
    since: str | None = None
    until: str | None = None
    near: Near | None = None
    text: str | None = None
    doc_id: str | None = None
    limit: int | None = None
    # the reporting stage's marks: include recalled past happenings / summaries of many
    background: bool = True
    aggregate: bool = True
    min_confidence: float | None = None


_DATE_FORMATS = {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_EVENT_DATE = "COALESCE(e.date, substr(d.published, 1, 10))"


def _event_date(dialect: Dialect) -> str:
    return f"{_EVENT_DATE}{dialect.collate}"


def _check_date(flag: str, value: str) -> str:
    """``value`` if it is a real day, month or year (``2019-02-30`` and ``2019-13`` are not)."""
    try:
        if not _DATE.match(value):
            raise ValueError
        datetime.strptime(value, _DATE_FORMATS[len(value)])
    except ValueError:
        raise QueryError(
            f"{flag} {value!r}: expected a real date as YYYY-MM-DD (or YYYY-MM, YYYY)"
        ) from None
    return value


def like_escape(text: str) -> str:
    """``text`` for a LIKE pattern with ``ESCAPE '\\'``: ``%`` and ``_`` match themselves."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def fts_query(text: str) -> str:
    """Make free text safe for FTS5: each word becomes a quoted term (AND-ed).

    FTS5 syntax errors would otherwise reach the user as SQL errors; a quoted
    phrase ("...") in the input is kept as a phrase and ``word*`` matches a prefix.
    """
    terms = re.findall(r'"[^"]+"|[^\s"]+', text)
    quoted = []
    for t in terms:
        prefix = t.endswith("*") and not t.startswith('"')
        t = t.rstrip("*") if prefix else t
        t = t.strip('"').replace('"', '""')
        if t:
            quoted.append(f'"{t}"*' if prefix else f'"{t}"')
    if not quoted:
        raise QueryError("--text: give at least one word to search for")
    return " ".join(quoted)


def tsquery_sql(text: str, params: list[Any]) -> str:
    """PostgreSQL's reading of :func:`fts_query`: each word (AND-ed) a term, ``"..."`` a
    phrase, ``word*`` a prefix; folded as the indexed text is (``kharita_fold``)."""
    terms = re.findall(r'"[^"]+"|[^\s"]+', text)
    parts = []
    for t in terms:
        prefix = t.endswith("*") and not t.startswith('"')
        phrase = t.startswith('"')
        t = t.rstrip("*") if prefix else t.strip('"')
        if not t.strip():
            continue
        if prefix:
            words = re.findall(r"\w+", t)
            if not words:
                continue
            # every word of "saudi-led*" must be there; the last is a prefix
            lexemes = [w.replace("'", "''") for w in words]
            query = " & ".join(f"'{w}'" for w in lexemes[:-1]) + \
                (" & " if len(lexemes) > 1 else "") + f"'{lexemes[-1]}':*"
            parts.append("to_tsquery('simple', kharita_fold(?))")
            params.append(query)
        else:
            fn = "phraseto_tsquery" if phrase else "plainto_tsquery"
            parts.append(f"{fn}('simple', kharita_fold(?))")
            params.append(t)
    if not parts:
        raise QueryError("--text: give at least one word to search for")
    return "(" + " && ".join(parts) + ")"


def build_event_query(f: EventFilter, dialect: Dialect = SQLITE) -> tuple[str, list[Any]]:
    """SQL and parameters selecting (event data JSON, doc url/title/published/source/site/time).

    Every filter is an uncorrelated ``e.pk IN (subquery)``: the database evaluates each
    once (using the country, lat/lon or geography, and full-text indexes) instead of
    once per event.
    """
    pg = dialect is POSTGRES
    event_date = _event_date(dialect)
    where: list[str] = []
    params: list[Any] = []
    if f.doc_id:
        where.append("e.doc_id = ?")
        params.append(f.doc_id)
    if not f.background:
        where.append("e.background = 0")
    if not f.aggregate:
        where.append("e.aggregate = 0")
    if f.min_confidence is not None:
        if not 0.0 <= f.min_confidence <= 1.0:
            raise QueryError("--min-confidence must be between 0 and 1")
        where.append("e.confidence >= ?")
        params.append(float(f.min_confidence))
    if f.actor:
        like = f"%{like_escape(f.actor)}%"
        like_ = dialect.like
        where.append(
            f"e.pk IN (SELECT a.event_pk FROM event_actors a WHERE a.name {like_} ? ESCAPE '\\' "
            f"OR a.actor_id {like_} ? ESCAPE '\\' OR a.text {like_} ? ESCAPE '\\')"
        )
        params += [like, like, like]
    if f.type:
        where.append(
            "(upper(e.type) = upper(?) OR lower(e.acled_event_type) = lower(?) "
            "OR lower(e.acled_sub_event_type) = lower(?))"
        )
        params += [f.type] * 3
    if f.country:
        iso = to_iso2(f.country)
        if iso is None:
            raise QueryError(f"--country {f.country!r}: not a known ISO2 code or country name")
        where.append("e.pk IN (SELECT p.event_pk FROM event_places p WHERE p.country = ?)")
        params.append(iso)
    if f.since:
        where.append(f"{event_date} >= ?")
        params.append(_check_date("--since", f.since))
    if f.until:
        # "2024-03" must include every day of March: compare on the given prefix length.
        until = _check_date("--until", f.until)
        where.append(f"substr({_EVENT_DATE}, 1, {dialect.int_param}){dialect.collate} <= ?")
        params += [len(until), until]
    if f.near:
        where.append(_near_clause_pg(f.near, params) if pg else _near_clause(f.near, params))
    if f.text and pg:
        here: list[Any] = []
        q = tsquery_sql(f.text, here)
        where.append(
            f"(e.pk IN (SELECT v.event_pk FROM evidence v WHERE v.tsv @@ {q}) "
            f"OR e.doc_pk IN (SELECT d2.pk FROM documents d2 WHERE d2.title_tsv @@ {q}))"
        )
        params += here + here
    elif f.text:
        q = fts_query(f.text)
        where.append(
            "(e.pk IN (SELECT v.event_pk FROM evidence v WHERE v.pk IN "
            "(SELECT rowid FROM evidence_fts WHERE evidence_fts MATCH ?)) "
            "OR e.doc_pk IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?))"
        )
        params += [q, f"title : ({q})"]
    sql = (
        "SELECT e.data, d.url, d.title, d.published, d.source, d.site, d.ingested_at "
        "FROM events e JOIN documents d ON d.pk = e.doc_pk"
    )
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f" ORDER BY {_EVENT_DATE} IS NULL, {event_date} DESC, e.doc_pk, e.idx"
    if f.limit is not None:
        if f.limit < 0:
            raise QueryError("--limit must be zero or more")
        sql += f" LIMIT {dialect.int_param.replace('int', 'bigint')}"
        params.append(min(int(f.limit), SQLITE_MAX_INT))  # more than SQLite can count: all
    return sql, params


def _near_clause(near: Near, params: list[Any]) -> str:
    """Bounding box on the indexed lat/lon first, exact great-circle distance second."""
    lat_min, lat_max, lon_min, lon_max = near.bbox()
    clause = "p.lat BETWEEN ? AND ?"
    params_here: list[Any] = [lat_min, lat_max]
    if lon_min is not None:
        clause += " AND p.lon BETWEEN ? AND ?"
        params_here += [lon_min, lon_max]
    clause += " AND haversine_km(?, ?, p.lat, p.lon) <= ?"
    params_here += [near.lat, near.lon, near.km]
    params += params_here
    return f"e.pk IN (SELECT p.event_pk FROM event_places p WHERE {clause})"


def _near_clause_pg(near: Near, params: list[Any]) -> str:
    """PostGIS: within the radius on the same sphere as :func:`kharita.geo.haversine_km`
    (``use_spheroid => false``), answered from the GiST index on ``event_places.geog``."""
    params += [near.lon, near.lat, near.km * 1000.0 * (POSTGIS_SPHERE_RADIUS_M / EARTH_RADIUS_M)]
    return ("e.pk IN (SELECT p.event_pk FROM event_places p WHERE ST_DWithin(p.geog, "
            "ST_SetSRID(ST_MakePoint(?::float8, ?::float8), 4326)::geography, ?::float8, false))")
