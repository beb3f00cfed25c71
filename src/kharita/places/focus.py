"""Document focus: the countries and admin1 units a document is about (CLIFF-style).

Every resolved place votes for its country and (below country level) its admin1
unit, weighted by its resolution score; a place placed in a container votes at
half weight; a demonym ("Syrian forces") votes for its country at half weight.
Scores are each unit's share of the votes, so the country list sums to 1.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from kharita.model import Place

# "Ankara-backed rebels", "the London-based monitor", "Kurdish-held": a place joined to
# one of these describes who backs, hosts or holds something, not where anything happens
DESCRIBING = re.compile(r"-(?:backed|based|led|aligned|allied|supported|sponsored|funded|"
                        r"controlled|held|run|affiliated|linked|trained|armed|friendly)\b")

DEMONYM_WEIGHT = 0.5
CONTAINER_WEIGHT = 0.5
MAX_ITEMS = 5


def compute_focus(places: list[Place], demonyms: list[tuple[int, int, str]], gaz: Any) -> dict:
    """``{"countries": [...], "admin1": [...]}`` sorted by score (see docs/places.md)."""
    countries: dict[str, float] = defaultdict(float)
    admin1: dict[tuple[str, str], float] = defaultdict(float)
    for p in places:
        if p.country is None or p.lat is None or p.resolved_as == "demonym":
            continue
        contained = p.geonameid is None and p.resolved_as != "direction"  # "eastern Syria" names Syria
        w = max(p.score, 0.1) * (CONTAINER_WEIGHT if contained else 1.0)
        countries[p.country] += w
        code = _admin1_code(p, gaz)
        if code:
            admin1[(p.country, code)] += w
    for _, _, code in demonyms:  # "ISO2" or "ISO2/admin1 name"
        countries[code.split("/")[0]] += DEMONYM_WEIGHT
    return {"countries": _countries(countries, gaz), "admin1": _admin1(admin1, gaz)}


def _admin1_code(p: Place, gaz: Any) -> str | None:
    gid = p.geonameid if p.geonameid is not None else p.within
    if gid is None or (p.feature_code in {"PCLI", "PCLD", "CONT", "RGN", "TERR"}
                       and p.resolved_as != "direction"):  # "northern Idlib" is in Idlib
        return None
    entry = gaz.get(gid)
    return entry.admin1_code if entry is not None else None


def _countries(weights: dict[str, float], gaz: Any) -> list[dict]:
    total = sum(weights.values())
    out = []
    for iso2, w in sorted(weights.items(), key=lambda kv: -kv[1])[:MAX_ITEMS]:
        e = gaz.country(iso2)
        out.append({
            "country": iso2, "name": e.name if e else iso2,
            "geonameid": e.geonameid if e else None,
            "lat": e.lat if e else None, "lon": e.lon if e else None,
            "score": round(w / total, 3),
        })
    return out


def _admin1(weights: dict[tuple[str, str], float], gaz: Any) -> list[dict]:
    total = sum(weights.values())
    out = []
    for (iso2, code), w in sorted(weights.items(), key=lambda kv: -kv[1])[:MAX_ITEMS]:
        e = gaz.admin1(iso2, code)
        if e is None:
            continue
        out.append({
            "country": iso2, "admin1": e.name, "name": e.name, "geonameid": e.geonameid,
            "lat": e.lat, "lon": e.lon, "score": round(w / total, 3),
        })
    return out
