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


def link_qualifiers(text: str, mentions: list[Mention]) -> None:
    """ "X, Y": Y (a state, province or country) qualifies X."""
    for k in range(len(mentions) - 1):
        a, b = mentions[k], mentions[k + 1]
        if text[a.end : b.start] in {", ", ","} and any(is_major(c) for c in b.candidates):
            a.qualifier = k + 1


def is_initialism(abbr: str, name: str) -> bool:
    words = [w for w in re.split(r"[\s\-]+", name) if w and w[0].isupper()]
    initials = "".join(w[0] for w in words)
    return abbr.upper() == initials.upper() and len(abbr) >= 2
