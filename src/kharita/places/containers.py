"""Turning choices into Places, and placing unknown toponyms in a containing unit.

An unknown toponym ("Baghuz Fawqani") keeps its text and gets the coordinates of
the smallest unit the context supports, in this order:

1. "X, Y": the unit Y names;
2. a known place inside the name ("Baghuz" in "Baghuz Fawqani"): near that place;
3. the nearest resolved place in the same sentence, else within two sentences:
   its admin2/admin1 unit when that place is an admin unit, the admin1 unit
   containing it when it is a town (an unnamed village mentioned next to a town
   is in the same province, not necessarily the same district);
4. the document's leading admin1 unit when it clearly dominates, else its country.

Never a town that merely shares letters: unknown names get no fuzzy town match.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from kharita.model import Place
from kharita.places.cues import seat_of_outlet
from kharita.places.recognize import Mention
from kharita.places.resolve import (
    Choice,
    doc_countries,
    haversine_km,
    is_country,
    make_place,
    precision_of,
    resolved_as,
)

SENTENCE_WINDOW = 2
# a name right after a preposition of place or motion
_AFTER_PLACE_PREP = re.compile(r"\b(?:from|into|towards|toward|near|outside|around)\s+$")


def build_places(gaz: Any, text: str, mentions: list[Mention], choices: list[Choice],
                 demonyms: list[tuple[int, int, str]]) -> list[Place]:
    """One Place per mention and per demonym, sorted by start."""
    places: list[Place] = []
    strong = [ch.entry for m, ch in zip(mentions, choices, strict=True)
              if ch.entry is not None and not m.weak and not is_country(ch.entry)]
    weak = [(m.text, ch.entry) for m, ch in zip(mentions, choices, strict=True)
            if ch.entry is not None and m.weak and not is_country(ch.entry)]
    # countries the text names for sure: a city of 100,000 or more in one of them fits
    # ("Congo's army sent reinforcements from Goma", Goma tagged PERSON)
    countries = {ch.entry.country for m, ch in zip(mentions, choices, strict=True)
                 if ch.entry is not None and not m.weak and is_country(ch.entry)}
    for m, ch in zip(mentions, choices, strict=True):
        if m.outlier and m.label not in {"GPE", "LOC"}:
            continue  # a capitalised word that only matched a far-away place
        if m.weak and (ch.entry is None or not (
                _fits(ch.entry, strong) or _fits(ch.entry, [e for t, e in weak if t != m.text])
                or ch.entry.country in countries and (ch.entry.population or 0) >= 100_000
                and _AFTER_PLACE_PREP.search(text, max(0, m.start - 12), m.start) is not None)):
            continue  # a doubtful name far from everything else the text names;
            # two doubtful names next to each other ("from Sake to Goma") vouch for each other
        if ch.entry is not None:
            p, w = precision_of(ch.entry, m.near)
            places.append(make_place(m.text, m.start, m.end, ch.entry, p, w,
                                     ch.score * m.quality, resolved_as(ch.entry, m)))
    known = list(places)
    for m in mentions:
        m.outlet = seat_of_outlet(text, m.end)
    placed: dict[int, Place] = {}
    order = sorted(range(len(mentions)), key=lambda k: mentions[k].abbreviation_of is not None)
    for i in order:  # long forms before their abbreviations
        if mentions[i].outlier and mentions[i].label not in {"GPE", "LOC"}:
            continue
        if choices[i].entry is None:
            placed[i] = _unknown(gaz, i, mentions[i], mentions, choices, known, demonyms, placed)
            places.append(placed[i])
    places.extend(_demonym_places(gaz, text, demonyms))
    places.sort(key=lambda p: p.start)
    return places


def _fits(entry: Any, strong: list[Any]) -> bool:
    """Whether ``entry`` lies in the admin1 unit of, or within 100 km of, a confident place."""
    for e in strong:
        if e.country == entry.country and e.admin1_code and e.admin1_code == entry.admin1_code:
            return True
        if haversine_km(e.lat, e.lon, entry.lat, entry.lon) < 100:
            return True
    return False


def _demonym_places(gaz: Any, text: str, demonyms: list[tuple[int, int, str]]) -> list[Place]:
    """ "Syrian" as a country-level Place (resolved_as="demonym", precision 3).

    Kept because adjectives of place are location evidence ("Egyptian police
    said" is about Egypt); stages that want only toponyms filter on resolved_as.
    """
    out = []
    for start, end, code in demonyms:
        iso2, _, admin1 = code.partition("/")
        if admin1:  # "Texan": the state
            units = [c for c in gaz.lookup(admin1) if c.feature_code == "ADM1" and c.country == iso2]
            unit = units[0] if units else None
            prec = (3, 4)
        else:
            unit, prec = gaz.country(iso2), (3, 6)
        if unit is not None:
            out.append(make_place(text[start:end], start, end, unit, *prec, 0.5, "demonym"))
    return out


def _unknown(gaz: Any, i: int, m: Mention, mentions: list[Mention], choices: list[Choice],
             known: list[Place], demonyms: list[tuple[int, int, str]],
             placed: dict[int, Place]) -> Place:
    place = Place(text=m.text, start=m.start, end=m.end, name=m.text, resolved_as="unresolved")
    if m.abbreviation_of is not None:
        base = placed.get(m.abbreviation_of)
        if base is not None and base.within is not None:
            same = dataclasses.replace(base, text=m.text, start=m.start, end=m.end, name=base.name)
            same.resolved_as = "abbreviation"
            return same
    q = m.qualifier
    if q is not None and choices[q].entry is not None:
        return _contained(place, choices[q].entry, 0.6)
    countries = doc_countries(mentions, choices)
    inner = [c for c in m.inner if c.country in countries] if countries else [
        c for c in m.inner if c.feature_class == "P"]  # a lone "Homs Alwaer": near the town
    if inner:  # "Baghuz Fawqani" around a known "Baghuz": near that town
        town = max(inner, key=lambda c: c.population)
        _contained(place, town, 0.5)
        place.precision, place.where_prec = 2, 2
        return place
    if m.hint == "street":  # a street is in the nearest town the text names
        town = _context_place(i, mentions, choices, {"P"})
        if town is not None:
            _contained(place, town, 0.5)
            place.precision, place.where_prec = 1, 2
            return place
    unit = _context_unit(gaz, i, mentions, choices)
    if unit is not None:
        return _contained(place, unit, 0.5)
    unit = _focus_unit(gaz, known, demonyms)
    if unit is not None:
        return _contained(place, unit, 0.3)
    return place


def _contained(place: Place, unit: Any, score: float) -> Place:
    place.within = unit.geonameid
    place.lat, place.lon = unit.lat, unit.lon
    place.country, place.admin1, place.admin2 = unit.country, unit.admin1, unit.admin2
    place.resolved_as = "container"
    place.score = score
    place.precision = 3 if is_country(unit) or unit.country is None else 2
    place.where_prec = precision_of(unit)[1] if unit.feature_class != "P" else 2
    return place


def _context_place(i: int, mentions: list[Mention], choices: list[Choice],
                   classes: set[str]) -> Any | None:
    """The resolved place of a class nearest to mention ``i`` (by sentence, then chars)."""
    m = mentions[i]
    best: tuple[int, int, Any] | None = None
    for j, (o, ch) in enumerate(zip(mentions, choices, strict=True)):
        e = ch.entry
        if j == i or e is None or e.country is None or is_country(e) or o.weak or o.outlet:
            continue  # a doubtful name ("Taliban" as a Turkish village), an outlet's seat
            # ("according to NY Times") places nothing
        if e.feature_class not in classes or abs(o.sent - m.sent) > SENTENCE_WINDOW:
            continue
        rank = (abs(o.sent - m.sent), abs(o.start - m.start))
        if best is None or rank < best[:2]:
            best = (*rank, e)
    return best[2] if best else None


def _context_unit(gaz: Any, i: int, mentions: list[Mention], choices: list[Choice]) -> Any | None:
    e = _context_place(i, mentions, choices, {"P", "A"})
    if e is None:
        return None
    if e.feature_class == "A":
        return e
    unit = gaz.admin1(e.country, e.admin1_code) if e.admin1_code else None
    return unit or gaz.country(e.country)


def _focus_unit(gaz: Any, known: list[Place], demonyms: list[tuple[int, int, str]]) -> Any | None:
    from kharita.places.focus import compute_focus

    focus = compute_focus(known, demonyms, gaz)
    if focus["admin1"] and focus["admin1"][0]["score"] >= 0.6:
        return gaz.get(focus["admin1"][0]["geonameid"])
    if focus["countries"] and focus["countries"][0]["score"] >= 0.5:
        return gaz.country(focus["countries"][0]["country"])
    return None
