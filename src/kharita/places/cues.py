"""Syntactic cues around a mention: place-type words, prepositions, "X, Y".

"Idlib province" and "the town of Oxford" say what kind of place a name is;
"near X" says the event is close to, not at, X; "Homs and Aleppo Governorates"
spreads the type word over both names; "Prague, Oklahoma" links X to the unit
that contains it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from kharita.places import lexicon as lx

if TYPE_CHECKING:
    from kharita.places.recognize import Mention
from kharita.places.plausible import is_major


# -- cues -----------------------------------------------------------------------------
def apply_cues(text: str, sdoc: Any, mentions: list[Mention]) -> None:
    """Type words and prepositions around each mention set hint / near / span."""
    tok_at = {t.idx: t.i for t in sdoc}
    for k, m in enumerate(mentions):
        first = tok_at.get(m.start)
        if first is None:
            continue
        last = first
        while last + 1 < len(sdoc) and sdoc[last + 1].idx < m.end:
            last += 1
        _type_word_cue(text, sdoc, m, last)
        _before_cues(sdoc, m, first)
        if m.hint and m.hint.endswith("s"):  # plural type word: spread over conjuncts
            m.hint = m.hint[:-1]
            _spread_hint(text, mentions, k, m.hint)


def _type_word_cue(text: str, sdoc: Any, m: Mention, last: int) -> None:
    if last + 1 >= len(sdoc):
        return
    nxt = sdoc[last + 1]
    low = nxt.lower_
    kind = None
    if low in lx.ADMIN1_WORDS:
        kind = "admin1"
    elif low in lx.ADMIN2_WORDS:
        kind = "admin2"
    elif low in lx.CITY_WORDS:
        kind = "city"
    elif low in lx.AREA_WORDS:
        kind = "area"
    elif low in lx.PHYSICAL_WORDS:
        kind = "physical"
    if kind is None:
        return
    after = sdoc[last + 2].lower_ if last + 2 < len(sdoc) else ""
    if kind == "admin2" and after in _SEAT_WORDS:
        kind = "seat"  # "Ghoryan district center": the district's town, not the district
    plural = low.endswith("s") and low[:-1] in lx.TYPE_WORDS | {"countie", "parishe"}
    if low in {"counties", "parishes", "cities", "municipalities"}:
        plural = True
    if low in {"state", "states"} and kind == "admin1":
        kind = "admin1"
    if nxt.text[0].isupper() and m.source != "gazetteer" or (
        nxt.text[0].isupper() and not plural
    ):
        m.end = nxt.idx + len(nxt.text)  # "Rapides Parish", "Aleppo Governorate"
        m.text = text[m.start : m.end]
    m.hint = kind + ("s" if plural else "")


_SEAT_WORDS = frozenset(("center", "centre", "headquarters", "capital", "seat", "town"))


def _before_cues(sdoc: Any, m: Mention, first: int) -> None:
    k = first - 1
    if k >= 0 and sdoc[k].lower_ == "the":
        k -= 1
    if k < 0:
        return
    prev = sdoc[k].lower_
    if prev in lx.NEAR_PREPS or (prev == "of" and k > 0 and sdoc[k - 1].lower_ in
                                 {"north", "south", "east", "west", "outskirts", "northeast",
                                  "northwest", "southeast", "southwest", "suburbs"}):
        m.near = True
    if prev == "of" and k > 0 and sdoc[k - 1].lower_ in lx.OF_TYPE_WORDS and not m.hint:
        m.hint = lx.OF_TYPE_WORDS[sdoc[k - 1].lower_]


def _spread_hint(text: str, mentions: list[Mention], k: int, hint: str) -> None:
    j = k - 1
    while j >= 0:
        gap = text[mentions[j].end : mentions[j + 1].start].strip().lower()
        if gap not in {",", "and", ", and", "or", ", or", "&"}:
            break
        if mentions[j].hint is None:
            mentions[j].hint = hint
        j -= 1


# "X district, Y", "X district center, Y", "X city, Y", "the X area of Y",
# "X village in Y": lower-case unit words, then a comma or "of"/"in", then Y.
_UNIT_GAP = re.compile(r"^ (?:[a-z]+ ){0,3}?(?:[a-z]+)(?:, ?| (?:of|in) (?:the )?)$")


_LOCAL = re.compile(r" (?:area|village|neighbou?rhood) (?:of|in) ")


def link_qualifiers(text: str, mentions: list[Mention]) -> None:
    """ "X, Y": Y (a state, province or country) qualifies X.

    "X district, Y" and "the X area of Y" qualify too, and more strictly: the
    text itself says X lies in Y, so an X with no candidate inside Y is another,
    unknown place (``Mention.in_unit``).
    """
    for k in range(len(mentions) - 1):
        a, b = mentions[k], mentions[k + 1]
        gap = text[a.end : b.start]
        if gap in {", ", ","} and any(is_major(c) for c in b.candidates):
            a.qualifier = k + 1
            # "Maritime, Yemen" (not a list "Aleppo, Syria and Iraq"): X must be in Y
            a.in_unit = all(c.feature_code.startswith("PCL") for c in b.candidates) and not any(
                c.feature_code.startswith("PCL") for c in a.candidates) and not re.match(
                r"\s*(,|and\b|or\b)", text[b.end : b.end + 6])
            continue
        if _POSSESSIVE.match(gap) and b.candidates and any(
                c.feature_code.startswith("PCL") for c in a.candidates):
            # "Iraq's Kurdistan region", "Syria's northern Idlib province": the
            # country owns the place (not Iran's Kurdistan province)
            b.qualifier = k
            continue
        if _LOCAL.match(text, a.end):
            a.local = True  # "the Rabat area of Tarnak district": not Morocco's capital
        if not b.candidates:
            continue
        if gap in {" of ", " in "}:
            if not a.candidates and b.hint in {"admin1", "admin2", "city", "seat"}:
                a.qualifier, a.in_unit = k + 1, True  # "Hazar Asp of Nawa district"
            continue
        words = set(gap.replace(",", " ").split()) - {"of", "in", "the"}
        if _UNIT_GAP.match(gap) and words and words <= lx.TYPE_WORDS | _SEAT_WORDS | {
                "administration", "adminstration"}:
            a.qualifier, a.in_unit = k + 1, True


_POSSESSIVE = re.compile(r"^['’]s(?:\s+[a-z][a-z-]*){0,2}\s+$")


def is_initialism(abbr: str, name: str) -> bool:
    words = [w for w in re.split(r"[\s\-]+", name) if w and w[0].isupper()]
    initials = "".join(w[0] for w in words)
    return abbr.upper() == initials.upper() and len(abbr) >= 2


_BORDER_WITH = re.compile(r"\b(?:border|borders|frontier|boundary)\s+with\s+(?:the\s+)?$", re.IGNORECASE)


def beyond_border(text: str, start: int) -> bool:
    """The place at ``start`` is the far side of a border ("near the border with
    Mali"): the scene is on this side of it, so it is neither the event's place nor
    the country of the people acting there."""
    return bool(_BORDER_WITH.search(text[max(0, start - 30):start]))


_OUTLET_AFTER = re.compile(
    r"^[ \t]+(?:Times|Post|Herald|Tribune|Journal|Gazette|Daily|News|Chronicle|Observer|"
    r"Telegraph|Independent|Radio|TV|Television|Press|Agency|Monitor|Standard|Globe)\b")


def seat_of_outlet(text: str, end: int) -> bool:
    """The place ending at ``end`` names a news outlet ("NY Times", "Kyiv Independent",
    "Jerusalem Post"): who reports, not where things happen."""
    return bool(_OUTLET_AFTER.match(text[end:end + 16]))


_MEASURE_BEFORE = re.compile(r"\b(?:size\s+of|(?:larger|bigger|smaller)\s+than)\s+(?:the\s+)?$",
                             re.IGNORECASE)


def named_as_measure(text: str, start: int) -> bool:
    """The place at ``start`` measures something else ("an area the size of Belgium",
    "a territory larger than Lebanon"): no scene, and no country of the actors."""
    return bool(_MEASURE_BEFORE.search(text[max(0, start - 30):start]))
