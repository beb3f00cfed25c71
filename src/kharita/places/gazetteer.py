"""Offline gazetteer: GeoNames places, admin units and regions in one SQLite file.

The geoparser resolves every toponym against this.  Two tables carry it:

* ``places``: one row per GeoNames id (or a negative synthetic id for places GeoNames
  does not cover, e.g. hand-written macro-regions), with coordinates, feature class and
  code, country, admin codes and admin *names* (denormalised so a lookup needs no join),
  population, the number of alternate names (a prominence signal) and ``parent``, the id
  of the containing unit (admin2, else admin1, else country).
* ``names``: ``(key, geonameid)`` where ``key`` is :func:`normalize_name` of the place's
  name or of one of its alternate names.  ``lookup`` is one indexed query, cached.

``meta`` stores the build version, sources and counts.  The file is built by
:func:`build` (``kharita gazetteer build``) from registry packages and can be extended
with real GeoNames dumps by :mod:`kharita.places.geonames_import`.
"""

from __future__ import annotations

import functools
import json
import operator
import sqlite3
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Self

from kharita import settings

SCHEMA_VERSION = 1

# Quotes and apostrophes (incl. the Arabic 'ayn/hamza transliteration marks) vanish:
# "Dar'a" == "Dara", "Ra’s" == "Ras", "Ṣanʿāʾ" == "Sanaa" minus the doubled vowel.
_DROP = "'\"`´‘’‚‛“”„‟′″ʹʺʻʼʽʾʿˈˊˋ·.־"
# Hyphens, dashes, slashes and other separators become a space: "Deir ez-Zor" == "Deir ez Zor".
_SPACE = "-‐‑‒–—―−_/\\,;:()[]{}|+&~*#!?<>=@"
# Letters that NFKD does not decompose into base letter + combining mark.
_LETTERS = {
    "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d",
    "þ": "th", "Þ": "th", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i",
    "ħ": "h", "Ħ": "h", "ŧ": "t", "ƒ": "f", "ə": "e", "Ə": "e",
    # Arabic: letter variants that spellings mix freely; tatweel is decoration.
    "ٱ": "ا", "ى": "ي", "ـ": "", "ک": "ك", "ی": "ي",
}
_TABLE = str.maketrans(
    {**{c: "" for c in _DROP}, **{c: " " for c in _SPACE}, **_LETTERS}
)


@functools.lru_cache(maxsize=200_000)
def normalize_name(s: str) -> str:
    """The shared name key: compare place names regardless of script accidents.

    NFKD, strip combining marks (diacritics, Arabic harakat and hamza), casefold, drop
    apostrophes and quotes, turn hyphens, dashes and punctuation into spaces, collapse
    whitespace.  ``"Deir ez-Zor"`` -> ``"deir ez zor"``; ``"Ḩimş"`` -> ``"hims"``.
    The geoparser must build its search keys with this same function.
    """
    if not s:
        return ""
    if s.isascii():  # fast path, same result: ASCII has no marks to strip
        return " ".join(s.translate(_TABLE).lower().split())
    decomposed = unicodedata.normalize("NFKD", s.translate(_TABLE))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().translate(_TABLE).split())


# Countries where place names are mostly romanised from Arabic; their names get the
# article and ta-marbuta variants of :func:`name_variants` indexed too.
ARABIC_NAME_COUNTRIES = frozenset((
    "DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA",
    "SA", "SO", "SD", "SY", "TN", "AE", "YE", "EH", "TD",
))
_ARTICLES = frozenset((
    "al", "el", "il", "ul", "ar", "er", "as", "es", "ash", "esh", "at", "et", "ath", "eth",
    "ad", "ed", "adh", "edh", "az", "ez", "an", "en",
))
# Arabic "sun letters" as romanised: the article assimilates to them ("al-Zor" -> "az-Zor").
_SUN = ("th", "dh", "sh", "t", "d", "r", "z", "s", "n", "l")
MAX_VARIANTS = 12


def _article_forms(word: str) -> list[tuple[str, bool]]:
    """Spellings of "al-" + word: (text, joined); joined forms are one token ("ezzor")."""
    forms = [(f"al {word}", False), (f"el {word}", False)]
    sun = next((c for c in _SUN if word.startswith(c)), None)
    if sun:
        forms += [(f"a{sun} {word}", False), (f"e{sun} {word}", False),
                  (f"a{sun}{word}", True), (f"e{sun}{word}", True)]
    return forms


def name_variants(key: str) -> set[str]:
    """Romanisation variants of an Arabic-origin name key (already ``normalize_name``-d).

    News spells the same place "Deir ez-Zor", "Deir Ezzor", "Deir al-Zor"; "Raqqa" and
    "Raqqah"; "al-Bab" and "Bab".  Generated: every spelling of the article (al/el,
    assimilated to a sun letter, joined to its word), the name without a leading article,
    and a final "-ah" with or without its "h".  At most ``MAX_VARIANTS``; excludes ``key``.
    """
    tokens = key.split()
    if not tokens:
        return set()
    options: list[list[str]] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok in _ARTICLES and i + 1 < len(tokens):
            word = tokens[i + 1]
            forms = [f"{tok} {word}"]
            if i == 0 and len(word) >= 4:
                forms.append(word)
            forms += [f for f, _ in _article_forms(word) if f not in forms]
            options.append(forms)
            i += 2
            continue
        options.append([tok])
        i += 1
    tail = tokens[-1]
    if len(tail) >= 4 and tail.endswith("a"):
        alt = tail + "h"
    elif len(tail) >= 5 and tail.endswith("ah"):
        alt = tail[:-1]
    else:
        alt = ""
    if alt:  # each spelling of the last option right after its -a/-ah twin
        options[-1] = [g for f in options[-1] for g in (f, f[: -len(tail)] + alt)
                       if f.endswith(tail)] + [f for f in options[-1] if not f.endswith(tail)]
    out: set[str] = set()
    combos = [""]
    for forms in options:
        combos = [f"{c} {f}".strip() for c in combos for f in forms][: MAX_VARIANTS * 4]
    for combo in combos:
        if combo != key:
            out.add(combo)
        if len(out) >= MAX_VARIANTS:
            break
    return out


# English abbreviations in place names, both ways: "Mt. Pleasant" == "Mount Pleasant".
_ABBREVIATIONS = {
    "mount": "mt", "mt": "mount", "saint": "st", "st": "saint", "sainte": "ste",
    "ste": "sainte", "fort": "ft", "ft": "fort", "mountains": "mts", "mts": "mountains",
    "county": "co", "co": "county", "township": "twp", "twp": "township",
}


def abbreviation_variants(key: str) -> set[str]:
    """The key with "mount/mt", "saint/st", "sainte/ste", "fort/ft", "mountains/mts",
    "county/co", "township/twp" swapped ("Loudon Co." == "Loudon County")."""
    tokens = key.split()
    if not any(t in _ABBREVIATIONS for t in tokens):
        return set()
    return {" ".join(_ABBREVIATIONS.get(t, t) for t in tokens)} - {key}


@dataclass(frozen=True)
class GazEntry:
    """One gazetteer place.  Codes follow GeoNames (feature class/code, admin codes)."""

    geonameid: int
    name: str
    lat: float
    lon: float
    feature_class: str  # P populated place, A admin/country, L region/continent, H water, T relief
    feature_code: str  # PPL, PPLA, PPLC, PCLI, ADM1, ADM2, CONT, RGN, STM, VAL, DSRT, ...
    country: str | None  # ISO2; None for continents and regions spanning several countries
    admin1_code: str | None
    admin2_code: str | None
    admin1: str | None  # name of the containing admin1 (for an ADM1 entry: its own name)
    admin2: str | None  # name of the containing admin2 (for an ADM2 entry: its own name)
    population: int
    alt_count: int = 0  # number of alternate names, a prominence signal


_COLUMNS = tuple(f.name for f in fields(GazEntry))
_as_row = operator.attrgetter(*_COLUMNS)
_SELECT = "SELECT " + ", ".join(f"p.{c}" for c in _COLUMNS) + " FROM places p"
COUNTRY_CODES = ("PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR", "PCLH")

SCHEMA = """
CREATE TABLE IF NOT EXISTS places (
    geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    feature_class TEXT NOT NULL, feature_code TEXT NOT NULL, country TEXT,
    admin1_code TEXT, admin2_code TEXT, admin1 TEXT, admin2 TEXT,
    population INTEGER NOT NULL DEFAULT 0, alt_count INTEGER NOT NULL DEFAULT 0,
    parent INTEGER
);
CREATE TABLE IF NOT EXISTS names (
    key TEXT NOT NULL, geonameid INTEGER NOT NULL, PRIMARY KEY (key, geonameid)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
INDEXES = """
CREATE INDEX IF NOT EXISTS places_admin ON places (country, feature_code, admin1_code, admin2_code);
CREATE INDEX IF NOT EXISTS places_parent ON places (parent, feature_class);
CREATE INDEX IF NOT EXISTS names_id ON names (geonameid);
"""


class GazetteerMissing(RuntimeError):
    """The gazetteer file does not exist or is not a kharita gazetteer."""


def _row_to_entry(row: tuple) -> GazEntry:
    return GazEntry(*row)


class Gazetteer:
    """Read access to a gazetteer file (or an in-memory one built by ``from_entries``).

    ``lookup`` is on the geoparser's hot path: one query on the ``names`` primary key,
    behind an LRU cache, so repeated names cost a dict hit.
    """

    def __init__(self, conn: sqlite3.Connection, path: str | Path, cache_size: int = 100_000):
        self._conn = conn
        self.path = path
        self._cached_lookup = functools.lru_cache(maxsize=cache_size)(self._lookup)
        self._cached_get = functools.lru_cache(maxsize=cache_size)(self._get)
        # Admin lookups run once per resolved place on the geoparser's hot path too.
        self.country = functools.lru_cache(maxsize=4096)(self.country)  # type: ignore[method-assign]
        self.admin1 = functools.lru_cache(maxsize=16384)(self.admin1)  # type: ignore[method-assign]
        self.admin2 = functools.lru_cache(maxsize=65536)(self.admin2)  # type: ignore[method-assign]

    # -- construction ---------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path | None = None) -> Gazetteer:
        """Open a built gazetteer read-only; default ``settings.gazetteer_path()``."""
        path = Path(path) if path is not None else settings.gazetteer_path()
        hint = "run `kharita gazetteer build` to create it"
        if not path.is_file():
            raise GazetteerMissing(f"gazetteer not found at {path}: {hint}")
        try:
            uri = f"{path.resolve().as_uri()}?mode=ro"  # as_uri escapes spaces, '?', '#'
            conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            conn.execute("SELECT 1 FROM places LIMIT 1").fetchall()
            conn.execute("SELECT 1 FROM names LIMIT 1").fetchall()
        except sqlite3.DatabaseError as exc:
            raise GazetteerMissing(f"{path} is not a kharita gazetteer ({exc}): {hint}") from exc
        conn.execute("PRAGMA query_only = 1")
        conn.execute("PRAGMA cache_size = -65536")  # 64 MB page cache
        conn.execute("PRAGMA mmap_size = 268435456")
        return cls(conn, path)

    @classmethod
    def from_entries(
        cls,
        entries: Iterable[GazEntry],
        names: Iterable[tuple[int, str]] = (),
        path: str | Path = ":memory:",
    ) -> Gazetteer:
        """Build a gazetteer from entries plus extra ``(geonameid, alternate name)`` pairs.

        Meant for tests and small custom gazetteers; each entry's own name is indexed too,
        and names in Arabic-name countries get :func:`name_variants`, as in the full build.
        Missing admin names and parents are filled from the entries present.
        """
        conn = sqlite3.connect(str(path), check_same_thread=False)
        create_schema(conn)
        entries = list(entries)
        upsert_entries(conn, entries)
        country_of = {e.geonameid: e.country for e in entries}
        pairs = [(e.geonameid, e.name) for e in entries] + list(names)
        add_keys(conn, with_variants(pairs, country_of))
        finalize(conn)
        conn.commit()
        return cls(conn, path)

    # -- queries ----------------------------------------------------------------------
    def _lookup(self, name: str) -> tuple[GazEntry, ...]:
        key = normalize_name(name)
        if not key:
            return ()
        rows = self._conn.execute(
            _SELECT + " JOIN names n ON n.geonameid = p.geonameid WHERE n.key = ?"
            " ORDER BY p.population DESC, p.alt_count DESC, p.geonameid",
            (key,),
        ).fetchall()
        return tuple(_row_to_entry(r) for r in rows)

    def lookup(self, name: str) -> list[GazEntry]:
        """All entries whose name or an alternate name has the key ``normalize_name(name)``.

        Sorted by population (desc), then number of alternate names, then id.  Cached.
        """
        return list(self._cached_lookup(name))

    def _get(self, geonameid: int) -> GazEntry | None:
        row = self._conn.execute(_SELECT + " WHERE p.geonameid = ?", (geonameid,)).fetchone()
        return _row_to_entry(row) if row else None

    def get(self, geonameid: int) -> GazEntry | None:
        """The entry with this id, or None.  Cached."""
        return self._cached_get(geonameid)

    def names_of(self, geonameid: int) -> list[str]:
        """The normalised name keys indexed for one place."""
        rows = self._conn.execute("SELECT key FROM names WHERE geonameid = ?", (geonameid,))
        return [r[0] for r in rows]

    def name_keys(self) -> Iterator[str]:
        """Every distinct normalised name, in key order (for an Aho-Corasick automaton).

        The full build has about 1.5 million keys; see docs/gazetteer.md for the figure.
        """
        cur = self._conn.execute("SELECT DISTINCT key FROM names ORDER BY key")
        for (key,) in cur:
            yield key

    def country(self, iso2: str) -> GazEntry | None:
        """The country-level entry (PCLI, or a dependency's PCLD/TERR...) for an ISO2 code."""
        order = " ".join(f"WHEN '{c}' THEN {i}" for i, c in enumerate(COUNTRY_CODES))
        marks = ",".join("?" * len(COUNTRY_CODES))
        row = self._conn.execute(
            _SELECT + f" WHERE p.country = ? AND p.feature_code IN ({marks})"
            f" ORDER BY CASE p.feature_code {order} END, p.geonameid LIMIT 1",
            (iso2.upper(), *COUNTRY_CODES),
        ).fetchone()
        return _row_to_entry(row) if row else None

    def admin1(self, country: str, admin1_code: str) -> GazEntry | None:
        """The ADM1 unit with GeoNames code ``country.admin1_code`` (e.g. SY, 07)."""
        row = self._conn.execute(
            _SELECT + " WHERE p.country = ? AND p.feature_code = 'ADM1' AND p.admin1_code = ?"
            " ORDER BY p.geonameid LIMIT 1",
            (country.upper(), admin1_code),
        ).fetchone()
        return _row_to_entry(row) if row else None

    def admin2(self, country: str, admin1_code: str, admin2_code: str) -> GazEntry | None:
        """The ADM2 unit with GeoNames code ``country.admin1_code.admin2_code``."""
        row = self._conn.execute(
            _SELECT + " WHERE p.country = ? AND p.feature_code = 'ADM2' AND p.admin1_code = ?"
            " AND p.admin2_code = ? ORDER BY p.geonameid LIMIT 1",
            (country.upper(), admin1_code, admin2_code),
        ).fetchone()
        return _row_to_entry(row) if row else None

    def parent(self, geonameid: int) -> GazEntry | None:
        """The containing unit: admin2, else admin1, else country (None at the top)."""
        row = self._conn.execute(
            "SELECT parent FROM places WHERE geonameid = ?", (geonameid,)
        ).fetchone()
        return self.get(row[0]) if row and row[0] is not None else None

    def children(self, geonameid: int, feature_class: str | None = None) -> list[GazEntry]:
        """Entries whose direct container is ``geonameid`` (a country's ADM1s, ...).

        With ``feature_class`` only that class, e.g. ``"A"`` for admin units, ``"P"``
        for the populated places directly inside an admin unit.
        """
        sql = _SELECT + " WHERE p.parent = ?"
        args: tuple = (geonameid,)
        if feature_class:
            sql += " AND p.feature_class = ?"
            args += (feature_class,)
        rows = self._conn.execute(sql + " ORDER BY p.population DESC, p.geonameid", args)
        return [_row_to_entry(r) for r in rows]

    def metadata(self) -> dict[str, object]:
        """Build metadata (version, sources, counts) stored with the file."""
        out: dict[str, object] = {}
        for key, value in self._conn.execute("SELECT key, value FROM meta"):
            try:
                out[key] = json.loads(value)
            except ValueError:
                out[key] = value
        return out

    def counts(self) -> dict[str, int]:
        """Places by feature class, plus name rows and distinct keys (for ``info``)."""
        out = {f"places_{fc}": n for fc, n in self._conn.execute(
            "SELECT feature_class, COUNT(*) FROM places GROUP BY feature_class")}
        out["places"] = sum(out.values())
        out["names"] = self._conn.execute("SELECT COUNT(*) FROM names").fetchone()[0]
        out["name_keys"] = self._conn.execute(
            "SELECT COUNT(DISTINCT key) FROM names").fetchone()[0]
        return out

    def close(self) -> None:
        """Close the connection and drop the caches."""
        for cached in (self._cached_lookup, self._cached_get, self.country, self.admin1,
                       self.admin2):
            cached.cache_clear()  # type: ignore[attr-defined]
        self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# -- writing (shared by from_entries, build and the GeoNames importer) -------------------
def create_schema(conn: sqlite3.Connection) -> None:
    """Create the tables and indexes if absent."""
    conn.executescript(SCHEMA)
    conn.executescript(INDEXES)


def upsert_entries(conn: sqlite3.Connection, entries: Iterable[GazEntry]) -> int:
    """Insert or replace places by geonameid; returns how many rows were written."""
    cols = ", ".join(_COLUMNS)
    marks = ", ".join("?" * len(_COLUMNS))
    cur = conn.executemany(
        f"INSERT OR REPLACE INTO places ({cols}) VALUES ({marks})",
        (_as_row(e) for e in entries),  # not dataclasses.astuple: it deep-copies (slow)
    )
    return cur.rowcount


def add_names(conn: sqlite3.Connection, pairs: Iterable[tuple[int, str]]) -> None:
    """Index ``(geonameid, name)`` pairs under their normalised key (duplicates ignored)."""
    add_keys(conn, ((gid, normalize_name(name)) for gid, name in pairs))


def add_keys(conn: sqlite3.Connection, pairs: Iterable[tuple[int, str]]) -> None:
    """Index ``(geonameid, key)`` pairs whose keys are already normalised."""
    conn.executemany(
        "INSERT OR IGNORE INTO names (key, geonameid) VALUES (?, ?)",
        ((key, gid) for gid, key in pairs if key),
    )


def with_variants(pairs: Iterable[tuple[int, str]], country_of: dict[int, str | None],
                  normalized: bool = False) -> Iterator[tuple[int, str]]:
    """``(geonameid, key)`` for each name, plus :func:`abbreviation_variants` of every key
    and :func:`name_variants` for places in Arabic-name countries.

    ``normalized`` says the names are keys already (saves re-normalising in the build).
    """
    for gid, name in pairs:
        key = name if normalized else normalize_name(name)
        if not key:
            continue
        yield gid, key
        for variant in abbreviation_variants(key):
            yield gid, variant
        if country_of.get(gid) in ARABIC_NAME_COUNTRIES:
            for variant in name_variants(key):
                yield gid, variant


def finalize(conn: sqlite3.Connection) -> None:
    """Fill admin names and ``parent`` links from the admin units present.

    Why in SQL: the importer and ``from_entries`` add places whose containing units may
    come from another source; resolving after all inserts makes the order irrelevant.
    """
    conn.executescript(
        """
        UPDATE places SET admin1 = (
            SELECT a.name FROM places a WHERE a.feature_code = 'ADM1'
            AND a.country = places.country AND a.admin1_code = places.admin1_code
            ORDER BY a.geonameid LIMIT 1)
        WHERE admin1 IS NULL AND admin1_code IS NOT NULL AND country IS NOT NULL;
        UPDATE places SET admin2 = (
            SELECT a.name FROM places a WHERE a.feature_code = 'ADM2'
            AND a.country = places.country AND a.admin1_code = places.admin1_code
            AND a.admin2_code = places.admin2_code ORDER BY a.geonameid LIMIT 1)
        WHERE admin2 IS NULL AND admin2_code IS NOT NULL AND country IS NOT NULL;
        DROP TABLE IF EXISTS temp.country_ids;
        CREATE TEMP TABLE country_ids AS SELECT country, MIN(geonameid) AS gid FROM places
            WHERE feature_code IN ('PCLI','PCLD','PCLF','PCLS','PCLIX','PCL','TERR','PCLH')
            GROUP BY country;
        UPDATE places SET parent = COALESCE(
            CASE WHEN feature_code NOT IN ('ADM1', 'ADM2') AND admin2_code IS NOT NULL THEN (
                SELECT a.geonameid FROM places a WHERE a.feature_code = 'ADM2'
                AND a.country = places.country AND a.admin1_code = places.admin1_code
                AND a.admin2_code = places.admin2_code ORDER BY a.geonameid LIMIT 1) END,
            CASE WHEN feature_code != 'ADM1' AND admin1_code IS NOT NULL THEN (
                SELECT a.geonameid FROM places a WHERE a.feature_code = 'ADM1'
                AND a.country = places.country AND a.admin1_code = places.admin1_code
                ORDER BY a.geonameid LIMIT 1) END,
            CASE WHEN feature_code NOT IN ('PCLI','PCLD','PCLF','PCLS','PCLIX','PCL','TERR','PCLH')
                THEN (SELECT c.gid FROM temp.country_ids c WHERE c.country = places.country) END);
        DROP TABLE temp.country_ids;
        """
    )


def build(path: Path | None = None, progress: Callable[[str], None] | None = None,
          **options: object) -> dict:
    """Build the gazetteer from registry packages and return its counts.

    See :func:`kharita.places.gazetteer_build.build` for ``options`` (``countries``: only
    these ISO2 codes' cities and admin units); imported lazily so reading a gazetteer never loads the build code.
    """
    from kharita.places.gazetteer_build import build as _build

    counts = _build(path, progress=progress, **options)  # type: ignore[arg-type]
    prepare_indexes(path)
    return counts


def prepare_indexes(path: Path | None = None) -> None:
    """Build the geoparser's side-car spelling-variant index for the gazetteer at ``path``."""
    from kharita.places.variants import VariantIndex

    gaz = Gazetteer.open(path)
    try:
        VariantIndex(gaz).prepare()
    finally:
        gaz.close()
