"""Toponyms recognised by their shape rather than the gazetteer.

Streets ("Orchard Street", "Highway 19", "Interstate 45", "County Road 109") and
physical features ("Kanawha River", "Otter Creek Wilderness", "Mount Hood",
"Lake Vermont") are places the gazetteer of towns and admin units does not list.
They are recognised from a run of capitalised words ending in (or, for "Mount",
"Lake", "Fort", starting with) a feature word, and placed later in their
containing town or unit (see :mod:`kharita.places.containers`).
"""

from __future__ import annotations

import re
from typing import Any

from kharita.places.lexicon import words

STREET_WORDS = words(
    "street st st. avenue ave ave. road rd rd. drive dr. boulevard blvd blvd. lane ln ln. way "
    "parkway pkwy pkwy. circle court ct ct. place pl pl. highway freeway expressway turnpike "
    "pike trail square plaza bridge alley terrace row"
)
FEATURE_WORDS = words(
    "river creek lake lakes valley mountain mountains wilderness forest reservoir island islands "
    "bay beach falls canyon desert hills ridge springs harbor harbour peninsula gulf sea ocean "
    "canal dam pass plateau basin coast park preserve refuge swamp marsh bayou lagoon strait "
    "sound cape glacier volcano national"
)
PREFIX_WORDS = words("mount mt. mt lake fort port cape camp")
NUMBERED = words("highway interstate route road hwy hwy. i sr us state county")
# Surnames that double as feature words: "Faith Hill", "Ricky Lake" are people.
PERSON_SAFE = words("hill hills park lake ridge brook wood woods field fields")
_NUMBER = re.compile(r"^\d{1,4}[A-Za-z]?$")


def shape_mentions(tokens: list[Any], taken: set[int], chrome: set[int]) -> list[tuple[int, int, str]]:
    """Token ranges ``(first, last, kind)`` of streets and features; kind is street|feature."""
    out: list[tuple[int, int, str]] = []
    i, n = 0, len(tokens)
    while i < n:
        hit = _match_at(tokens, i, taken | chrome)
        if hit is None:
            i += 1
            continue
        out.append(hit)
        i = hit[1] + 1
    return out


def _cap(tok: Any) -> bool:
    return tok.text[:1].isupper() and (tok.is_alpha or tok.text.endswith("."))


def _match_at(tokens: list[Any], i: int, skip: set[int]) -> tuple[int, int, str] | None:
    tok = tokens[i]
    if i in skip or not (_cap(tok) or tok.text[:1].isdigit()):
        return None
    if i > 0 and _cap(tokens[i - 1]) and i - 1 not in skip:
        return None  # only at the start of a capitalised run
    j = i
    while j + 1 < len(tokens) and j + 1 not in skip and j - i < 5 and (
        _cap(tokens[j + 1]) or (_NUMBER.match(tokens[j + 1].text) and tokens[j].lower_ in NUMBERED)
    ):
        j += 1
    run = tokens[i : j + 1]
    low = [t.lower_ for t in run]
    if len(run) >= 2 and low[-1] in STREET_WORDS | FEATURE_WORDS:
        kind = "street" if low[-1] in STREET_WORDS else "feature"
        return None if _person(run, low) else (i, j, kind)
    if len(run) >= 2 and _NUMBER.match(run[-1].text) and low[-2] in NUMBERED:
        return i, j, "street"
    if len(run) >= 2 and low[0] in PREFIX_WORDS and tok.ent_type_ != "PERSON":
        return i, j, "feature"
    return None


def _person(run: list[Any], low: list[str]) -> bool:
    return run[0].ent_type_ == "PERSON" and low[-1] in PERSON_SAFE
