"""Compass parts of a country or province: "eastern Syria", "north-west Syria",
"southern Helmand", "central Mali".

A compass word before a country or first-order unit names a part of it, and news
names places this way all the time ("air strikes in eastern Syria").  Coded as the
country, such an event sits at the country's centre, hundreds of kilometres from
where it happened, with nothing to say the point stands for a part.  Here the
mention becomes a region Place:

- ``text`` and offsets cover the whole phrase ("eastern Syria");
- ``lat``/``lon`` are a point of that part computed from the gazetteer, not written
  by hand: the mean position of the unit's own subdivisions (a country's provinces;
  a province's districts, else its towns) that lie in that direction from the
  unit's centre (within 45 degrees of it; for "central", the nearer half);
- ``precision`` 3 (ACLED: a region) for part of a country, 2 for part of a province;
  ``where_prec`` 5 / 4 (UCDP: above / at first-order unit level);
- ``geonameid`` is None, as no gazetteer entry is this place; ``within`` is the
  unit's id, ``resolved_as="direction"`` and ``feature_code="RGN"``.

When the gazetteer knows the whole phrase as a name ("northeastern Syria" is an
alias of the region written in ``regions.yaml``; "South Sudan" is a country) that
entry is used instead.  A phrase whose unit has too few located subdivisions to say
where its east is stays the unit itself.
"""

from __future__ import annotations

import re
from typing import Any

from kharita.geo import bearing_deg, haversine_km
from kharita.model import Place
from kharita.places.resolve import is_country, make_place

# compass word -> (bearing in degrees from north, or None for "central"; the name's adjective)
_COMPASS: dict[str, tuple[float | None, str]] = {}
for _words, _bearing, _adj in (
    (("north", "northern"), 0.0, "Northern"),
    (("northeast", "northeastern"), 45.0, "North-eastern"),
    (("east", "eastern"), 90.0, "Eastern"),
    (("southeast", "southeastern"), 135.0, "South-eastern"),
    (("south", "southern"), 180.0, "Southern"),
    (("southwest", "southwestern"), 225.0, "South-western"),
    (("west", "western"), 270.0, "Western"),
    (("northwest", "northwestern"), 315.0, "North-western"),
):
    for _w in _words:
        _COMPASS[_w] = (_bearing, _adj)
_COMPASS["central"] = (None, "Central")

# the compass phrase right before a place name: "eastern ", "north-east ", "North East ",
# "north-eastern " (a hyphen or a space may join the two words)
_BEFORE = re.compile(
    r"(?<![\w-])(?P<dir>(?:north|south)(?:[- ]?(?:east|west))?(?:ern)?|east(?:ern)?|west(?:ern)?"
    r"|central)[ -]$",
    re.IGNORECASE,
)
# a subdivision within this angle of the direction lies in that part
HALF_ANGLE = 45.0
MIN_UNITS = 3


def compass_word(text: str) -> tuple[float | None, str] | None:
    """(bearing, or None for "central"; adjective) of a compass phrase."""
    key = re.sub(r"[- ]", "", text.lower())
    return _COMPASS.get(key)


def directional_places(gaz: Any, text: str, places: list[Place]) -> list[Place]:
    """``places`` with every country or province preceded by a compass word replaced
    by the part it names (see the module docstring); a separate mention of the
    compass word itself ("south-east" taken for a place) is dropped."""
    out: list[Place] = []
    absorbed: list[tuple[int, int]] = []
    for p in places:
        region = _part_of(gaz, text, p)
        if region is not None:
            absorbed.append((region.start, p.start))
            out.append(region)
        else:
            out.append(p)
    if absorbed:
        out = [p for p in out if not any(s <= p.start and p.end <= e for s, e in absorbed)]
    return out


def _part_of(gaz: Any, text: str, p: Place) -> Place | None:
    if p.geonameid is None or p.resolved_as not in ("gazetteer", "variant"):
        return None
    if not (p.feature_code or "").startswith("PCL") and p.feature_code not in ("ADM1", "PPLA"):
        return None
    m = _BEFORE.search(text, max(0, p.start - 20), p.start)
    if m is None:
        return None
    found = compass_word(m.group("dir"))
    if found is None:
        return None
    start = m.start("dir")
    phrase = text[start:p.end]
    named = [e for e in gaz.lookup(phrase) if e.country in (p.country, None)]
    if named:  # "northeastern Syria" (a written region), "South Sudan" (a country)
        return make_place(phrase, start, p.end, named[0], score=p.score,
                          how="region" if named[0].feature_class in ("L", "H", "T") else "gazetteer")
    unit = gaz.get(p.geonameid) if p.feature_code != "PPLA" else _province_of(gaz, p)
    if unit is None:
        return None
    point = part_point(gaz, unit, found[0])
    if point is None:
        return None
    country = is_country(unit)
    return Place(
        text=phrase, start=start, end=p.end, name=f"{found[1]} {unit.name}", geonameid=None,
        lat=round(point[0], 5), lon=round(point[1], 5), feature_code="RGN", feature_class="L",
        country=p.country, admin1=None if country else p.admin1,
        precision=3 if country else 2, where_prec=5 if country else 4, score=p.score,
        resolved_as="direction", within=unit.geonameid,
    )


def part_point(gaz: Any, unit: Any, bearing: float | None) -> tuple[float, float] | None:
    """(lat, lon) of the part of ``unit`` that lies towards ``bearing`` (degrees from
    north; None: the middle), from the unit's subdivisions; None when it has too few."""
    cache = _cache(gaz)
    key = (unit.geonameid, bearing)
    if key in cache:
        return cache[key]
    subs = [c for c in gaz.children(unit.geonameid, "A")
            if (c.feature_code or "").startswith("ADM") and _located(c, unit)]
    if len(subs) < MIN_UNITS:  # too few located units: their towns say where the unit is
        subs += [c for c in gaz.children(unit.geonameid, "P")[:200] if _located(c, unit)]
    point = None
    if len(subs) >= MIN_UNITS:
        if bearing is None:
            far = sorted((haversine_km(unit.lat, unit.lon, c.lat, c.lon), i) for i, c in enumerate(subs))
            chosen = [subs[i] for _, i in far[: (len(far) + 1) // 2]]
        else:
            chosen = [c for c in subs
                      if _angle(bearing_deg(unit.lat, unit.lon, c.lat, c.lon), bearing) <= HALF_ANGLE]
        if chosen:
            point = (sum(c.lat for c in chosen) / len(chosen), sum(c.lon for c in chosen) / len(chosen))
    cache[key] = point
    return point


def _angle(a: float, b: float) -> float:
    """The angle between two bearings (0-180 degrees)."""
    d = abs(a - b) % 360.0
    return min(d, 360.0 - d)


def _province_of(gaz: Any, p: Place) -> Any | None:
    """The province a provincial capital is named after ("northern Idlib" is the
    north of Idlib province, not of the city); None for any other town."""
    town = gaz.get(p.geonameid)
    if town is None or not town.admin1_code or not town.country:
        return None
    unit = gaz.admin1(town.country, town.admin1_code)
    if unit is None or unit.name.lower() not in {town.name.lower(), p.text.lower()}:
        return None
    return unit


def _located(sub: Any, unit: Any) -> bool:
    """A subdivision with a position of its own (packaged data gives some units their
    parent's centre when theirs is unknown)."""
    return abs(sub.lat - unit.lat) + abs(sub.lon - unit.lon) > 0.01


def _cache(gaz: Any) -> dict:
    """Points computed for this gazetteer (kept on it: tests open small ones)."""
    store = getattr(gaz, "__dict__", None)
    if store is None:
        return {}
    return store.setdefault("_compass_points", {})
