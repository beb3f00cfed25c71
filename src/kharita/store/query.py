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
SQLITE_MAX_INT = 2**63 - 1


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
class BBox:
    """A map view: west, south, east, north in degrees (west > east crosses the antimeridian)."""

    west: float
    south: float
    east: float
    north: float

    @classmethod
    def parse(cls, value: str) -> BBox:
        """Parse ``WEST,SOUTH,EAST,NORTH`` (e.g. ``42,12,54,19``, Leaflet's toBBoxString)."""
        parts = [p.strip() for p in value.split(",")]
        try:
            west, south, east, north = (float(p) for p in parts)
        except ValueError:
            raise QueryError(
                f"bbox {value!r}: expected WEST,SOUTH,EAST,NORTH as four numbers, e.g. 42,12,54,19"
            ) from None
        if not all(math.isfinite(v) for v in (west, south, east, north)):
            raise QueryError(f"bbox {value!r}: the four numbers must be finite")
        if south > north:
            raise QueryError(f"bbox {value!r}: south must not be above north")
        south, north = max(south, -90.0), min(north, 90.0)
        if east - west >= 360:  # the whole world, as a zoomed-out map reports it
            return cls(-180.0, south, 180.0, north)
        west, east = _wrap(west), _wrap(east)
        return cls(west, south, east, north)


def _wrap(lon: float) -> float:
    """A longitude brought into -180..180 (a panned Leaflet map reports 190 or -200)."""
    return ((lon + 180.0) % 360.0) - 180.0 if not -180 <= lon <= 180 else lon


@dataclass(frozen=True)
class Dialect:
    """What differs between the backends' SQL for the same filter (placeholders are
    ``?`` in both; the PostgreSQL store turns them into psycopg's ``%s``)."""

    name: str
    like: str  # case-insensitive (for ASCII, as SQLite's LIKE) substring match
    collate: str  # ISO dates and ids compare byte-wise, whatever the server's locale
    int_param: str  # an integer parameter
    no_limit: str  # LIMIT for "all rows" (an OFFSET needs a LIMIT in SQLite)
    cell: str  # the map grid cell of {x} (>= 0) at a cell size given as a parameter
    buckets: dict[str, str]  # timeline bucket -> SQL of the day {date} (YYYY-MM-DD) falls in


_DAY_SQLITE = "{date} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"
_DAY_PG = "{date} ~ '^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}$'"
SQLITE = Dialect(
    "sqlite", like="LIKE", collate="", int_param="?", no_limit="LIMIT -1",
    cell="CAST(({x}) / ? AS INTEGER)",
    buckets={"day": "substr({date}, 1, 10)",
             "week": f"CASE WHEN {_DAY_SQLITE} THEN date({{date}}, '-6 days', 'weekday 1') END",
             "month": "substr({date}, 1, 7)"})
POSTGRES = Dialect(
    "postgresql", like="ILIKE", collate=' COLLATE "C"', int_param="?::int", no_limit="LIMIT ALL",
    cell="floor(({x}) / ?::float8)::int",
    buckets={"day": "substr({date}, 1, 10)",
             "week": f"CASE WHEN {_DAY_PG} THEN to_char(date_trunc('week', ({{date}})::date), "
                     "'YYYY-MM-DD') END",
             "month": "substr({date}, 1, 7)"})


# What the review status filter accepts (see kharita.review).
REVIEW_STATUSES = ("reviewed", "unreviewed", "right", "wrong", "corrected")
# Orders the table can ask for: column name -> SQL (descending with a leading "-").
TEXT_ORDERS = ("date", "type", "plover", "country", "modality", "place")
ORDERS = {
    "date": "{date}", "type": "e.acled_event_type", "plover": "e.type",
    "fatalities": "e.fatalities_best", "confidence": "e.confidence", "country": "e.country",
    "modality": "e.modality", "place": "e.place_name",
}


@dataclass
class EventFilter:
    """What ``kharita events`` (and the workspace) can ask for.  Empty fields do not filter."""

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
    # the workspace's further filters
    bbox: BBox | None = None
    admin1: str | None = None
    modality: str | None = None
    review: str | None = None  # one of REVIEW_STATUSES
    offset: int | None = None
    order: str | None = None  # a key of ORDERS, "-" in front for descending (default -date)

    @classmethod
    def parse(cls, **options: Any) -> EventFilter:
        """An EventFilter from options as a user typed them (CLI flags or URL parameters).

        Strings are checked and converted here, for the CLI and the workspace alike:
        ``near`` is ``LAT,LON,KM``, ``bbox`` ``WEST,SOUTH,EAST,NORTH``, numbers and
        yes/no values may be strings.  Empty strings do not filter.  A bad value raises
        :class:`QueryError` naming it; an unknown option is a TypeError (a bug).
        """
        names = set(cls.__dataclass_fields__)
        unknown = set(options) - names
        if unknown:
            raise TypeError(f"unknown filter options: {', '.join(sorted(unknown))}")
        values = {k: (v.strip() if isinstance(v, str) else v) for k, v in options.items()}
        values = {k: v for k, v in values.items() if v is not None and v != ""}
        if isinstance(values.get("near"), str):
            values["near"] = Near.parse(values["near"])
        if isinstance(values.get("bbox"), str):
            values["bbox"] = BBox.parse(values["bbox"])
        for flag in ("background", "aggregate"):
            if isinstance(values.get(flag), str):
                values[flag] = _yes_no(flag, values[flag])
        if isinstance(values.get("min_confidence"), str):
            values["min_confidence"] = _number("min_confidence", values["min_confidence"], float)
        for flag in ("limit", "offset"):
            if isinstance(values.get(flag), str):
                values[flag] = _number(flag, values[flag], int)
        for flag in ("since", "until"):
            if flag in values:
                _check_date(f"--{flag}", values[flag])
        flt = cls(**values)
        flt.check()
        return flt

    def check(self) -> None:
        """Raise QueryError for a value no query can use (also run by ``build_event_query``)."""
        if self.min_confidence is not None and not 0.0 <= self.min_confidence <= 1.0:
            raise QueryError("--min-confidence must be between 0 and 1")
        if self.limit is not None and self.limit < 0:
            raise QueryError("--limit must be zero or more")
        if self.offset is not None and self.offset < 0:
            raise QueryError("offset must be zero or more")
        if self.review and self.review not in REVIEW_STATUSES:
            raise QueryError(f"review {self.review!r}: choose one of {', '.join(REVIEW_STATUSES)}")
        if self.order and self.order.lstrip("-") not in ORDERS:
            raise QueryError(f"order {self.order!r}: choose one of {', '.join(ORDERS)} "
                             "(a leading - sorts descending)")


def _yes_no(flag: str, value: str) -> bool:
    low = value.lower()
    if low in ("1", "true", "yes", "on"):
        return True
    if low in ("0", "false", "no", "off"):
        return False
    raise QueryError(f"{flag} {value!r}: expected yes or no (true/false, 1/0)")


def _number(flag: str, value: str, kind: type) -> Any:
    try:
        return kind(value)
    except ValueError:
        what = "a whole number" if kind is int else "a number"
        raise QueryError(f"{flag} {value!r}: expected {what}") from None


_DATE_FORMATS = {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# the event's day: its date, else its document's publication day (a flat column)
_EVENT_DATE = "e.day"


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


def event_where(f: EventFilter, dialect: Dialect = SQLITE) -> tuple[str, list[Any]]:
    """The WHERE clause (``""`` when nothing filters) over ``events e JOIN documents d``.

    Every filter is an uncorrelated ``e.pk IN (subquery)``: SQLite evaluates each
    once (using the country, lat/lon and FTS indexes) instead of once per event.
    Shared by the event list, the counts, the map and the timeline, so they agree.
    """
    f.check()
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
    if f.modality:
        where.append("e.modality = ?")
        params.append(f.modality)
    if f.country:
        iso = to_iso2(f.country)
        if iso is None:
            raise QueryError(f"--country {f.country!r}: not a known ISO2 code or country name")
        where.append("e.pk IN (SELECT p.event_pk FROM event_places p WHERE p.country = ?)")
        params.append(iso)
    if f.admin1:
        same = "lower(p.admin1) = lower(?)" if pg else "p.admin1 = ? COLLATE NOCASE"
        where.append(f"e.pk IN (SELECT p.event_pk FROM event_places p WHERE {same})")
        params.append(f.admin1)
    if f.since:
        where.append(f"{event_date} >= ?")
        params.append(_check_date("--since", f.since))
    if f.until:
        # "2024-03" must include every day of March: "~" sorts after every digit and "-"
        until = _check_date("--until", f.until)
        where.append(f"{event_date} <= ?")
        params.append(until + "~")
    if f.near:
        where.append(_near_clause_pg(f.near, params) if pg else _near_clause(f.near, params))
    if f.bbox:
        where.append(_bbox_clause(f.bbox, params))
    if f.review:
        where.append(_REVIEW_CLAUSES[f.review])
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
    return (" WHERE " + " AND ".join(where)) if where else "", params


# Filters, counts, clusters and the table's order read only flat columns of ``events``
# (most of them in its covering index); the document is joined for the page only.
EVENT_FROM = "FROM events e"
EVENT_ROW = ("SELECT e.data, d.url, d.title, d.published, d.source, d.site, d.ingested_at "
             "FROM events e JOIN documents d ON d.pk = e.doc_pk")


# An event's review status is its latest verdict (right/wrong) and whether any field
# was corrected: see kharita.review.
_REVIEWED = "SELECT r.event_id FROM reviews r"
_REVIEW_CLAUSES = {
    "reviewed": f"e.id IN ({_REVIEWED})",
    "unreviewed": f"e.id NOT IN ({_REVIEWED})",
    "corrected": f"e.id IN ({_REVIEWED} WHERE r.field IS NOT NULL)",
    "right": "e.id IN (SELECT r.event_id FROM reviews r WHERE r.verdict IS NOT NULL "
             "AND r.pk = (SELECT max(r2.pk) FROM reviews r2 WHERE r2.event_id = r.event_id "
             "AND r2.verdict IS NOT NULL) AND r.verdict = 'right')",
    "wrong": "e.id IN (SELECT r.event_id FROM reviews r WHERE r.verdict IS NOT NULL "
             "AND r.pk = (SELECT max(r2.pk) FROM reviews r2 WHERE r2.event_id = r.event_id "
             "AND r2.verdict IS NOT NULL) AND r.verdict = 'wrong')",
}


def build_event_query(f: EventFilter, dialect: Dialect = SQLITE) -> tuple[str, list[Any]]:
    """SQL and parameters selecting (event data JSON, doc url/title/published/source/site/time).

    With a limit, the page is chosen first on the narrow columns (the covering index)
    and only its rows' JSON and documents are read.
    """
    where, params = event_where(f, dialect)
    order = _order(f.order, dialect)
    if f.limit is None and not f.offset:
        return f"{EVENT_ROW}{where} ORDER BY {order}", params
    big = dialect.int_param.replace("int", "bigint")
    page = f"SELECT e.pk {EVENT_FROM}{where} ORDER BY {order}"
    if f.limit is None:
        page += " " + dialect.no_limit
    else:
        page += f" LIMIT {big}"
        params.append(min(int(f.limit), SQLITE_MAX_INT))  # more than SQLite can count: all
    if f.offset:
        page += f" OFFSET {big}"
        params.append(min(int(f.offset), SQLITE_MAX_INT))
    return f"{EVENT_ROW} WHERE e.pk IN ({page}) ORDER BY {order}", params


def _order(order: str | None, dialect: Dialect = SQLITE) -> str:
    """ORDER BY for a table column (nulls last, then newest first, then text order)."""
    default = f"{_event_date(dialect)} DESC NULLS LAST, e.doc_pk, e.idx"
    if not order or order == "-date":
        return default
    key = order.lstrip("-")
    column = ORDERS[key].format(date=_EVENT_DATE)
    if key in TEXT_ORDERS:  # text sorts byte-wise on both backends
        column += dialect.collate
    direction = "DESC" if order.startswith("-") else "ASC"
    return f"{column} {direction} NULLS LAST, {default}"


def _bbox_clause(box: BBox, params: list[Any]) -> str:
    """Any of the event's places inside the box (on the indexed lat/lon)."""
    clause = "p.lat BETWEEN ? AND ?"
    params += [box.south, box.north]
    if box.west <= box.east:
        clause += " AND p.lon BETWEEN ? AND ?"
        params += [box.west, box.east]
    else:  # across the antimeridian
        clause += " AND (p.lon >= ? OR p.lon <= ?)"
        params += [box.west, box.east]
    return f"e.pk IN (SELECT p.event_pk FROM event_places p WHERE {clause})"


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
