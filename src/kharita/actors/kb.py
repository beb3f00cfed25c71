"""The actor knowledge base: named actors, per-country state forces and generic agents.

The KB ships as YAML written for kharita (``kharita/data/actors/``): one file per
region of named actors, ``countries.yaml`` (from which the military, police and
government of every country are generated) and ``roles.yaml`` (role nouns and
generic agents).  ``load_kb()`` parses them once per process.

Names follow ACLED's conventions: some groups are named per country
("Islamic State (Syria)"), state forces carry the regime period
("Military Forces of Syria (2000-2024)"), unnamed agents are scoped by country
("Civilians (Syria)").  ``ActorKB.acled_name(actor_id, country, year)`` returns
the name for a given country and year.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

log = logging.getLogger(__name__)

# PLOVER/CAMEO sector codes used by the KB and the resolver (documented in docs/actors.md).
SECTORS = {
    "GOV": "government, executive",
    "MIL": "state military (and state-aligned armed forces)",
    "COP": "police and gendarmerie",
    "SPY": "intelligence services",
    "LEG": "legislature",
    "JUD": "judiciary, courts, prosecutors",
    "REB": "rebels, insurgents, jihadist and other non-state armed groups (INS accepted as a synonym)",
    "UAF": "unidentified armed forces",
    "PTY": "political party",
    "OPP": "political opposition",
    "CVL": "civilians",
    "REF": "refugees, migrants, displaced people",
    "IGO": "intergovernmental organisation",
    "NGO": "non-governmental organisation",
    "MED": "medical: doctors, health workers (as in the PLOVER gold standard)",
    "JRN": "journalists and media",
    "BUS": "business",
    "LAB": "labour",
    "EDU": "education",
    "REL": "religious",
    "AGR": "agriculture",
    "CRM": "criminals, cartels, gangs, smugglers",
    "ELI": "elites",
}

# ACLED interaction codes.
INTER = {
    1: "State forces",
    2: "Rebel groups",
    3: "Political militias",
    4: "Identity militias",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/other forces",
}

STATE_KINDS = {"military": ("Military Forces of", "MIL"), "police": ("Police Forces of", "COP"),
               "government": ("Government of", "GOV")}


@dataclass
class Actor:
    """One actor of the KB.  ``acled_names`` maps ISO2 (or "default") to a name."""

    id: str
    name: str
    acled_names: dict[str, str] = field(default_factory=dict)
    aliases: list[str] = field(default_factory=list)
    qid: str | None = None
    sector: str | None = None
    inter: int | None = None
    country: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    descriptions: dict[str, list[str]] = field(default_factory=dict)
    operations: list[str] = field(default_factory=list)
    parent: str | None = None
    kind: str = "named"  # "named", "state" (generated per country) or "generic"
    periods: list[str] = field(default_factory=list)  # ACLED regime periods, state actors
    switch: str | None = None  # month-day of the latest regime change ("12-08")
    # a leader's periods in office, (start, end or None) as ISO dates: the name
    # denotes the state only then (``serving``)
    terms: list[tuple[str, str | None]] = field(default_factory=list)

    @property
    def acled_name(self) -> str:
        return self.acled_names.get("default", self.name)

    @property
    def armed(self) -> bool:
        """A non-state armed group (a possible antecedent of "the militants")."""
        return self.kind == "named" and self.sector in {"REB", "UAF", "CRM"} | (
            {"MIL", "CVL"} if self.inter in (3, 4) else set())

    @property
    def jihadist(self) -> bool:
        return "jihadist" in self.tags

    def serving(self, when: int | str | None) -> bool:
        """True when ``when`` (an ISO date or a year; None: unknown) falls in one of
        the actor's terms of office, or the actor has none.  A bare year counts when
        any term overlaps it."""
        if not self.terms or when is None:
            return True
        text = str(when)
        for start, end in self.terms:
            if len(text) == 4:  # a year alone
                if start[:4] <= text and (end is None or text <= end[:4]):
                    return True
            elif start <= text[:10] and (end is None or text[:10] < end):
                return True
        return False


@dataclass
class Country:
    iso2: str
    name: str
    alt: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    periods: list[str] = field(default_factory=list)
    switch: str | None = None

    @property
    def display(self) -> str:
        """The name as it appears inside ACLED actor names ("United States": ACLED
        writes no article, "Military Forces of United States")."""
        return self.name


def _period_for(periods: list[str], when: int | str | None, switch: str | None = None) -> str | None:
    """The regime period covering ``when`` (a year or an ISO date; the newest period
    when unknown).  In a year where one period ends and the next begins, an ISO
    date on or after ``switch`` ("12-08", the month-day of the change) picks the
    newer period; a bare year picks the newer one."""
    if not periods:
        return None
    if when is None:
        return periods[-1]
    text = str(when)
    if not text[:4].isdigit():
        return periods[-1]
    year, month_day = int(text[:4]), text[5:10]
    covering = []
    for period in periods:
        start, _, end = period.partition("-")
        if int(start) <= year <= (int(end) if end else 9999):
            covering.append(period)
    if not covering:
        return periods[-1] if year > int(periods[-1].split("-")[0]) else None
    if len(covering) > 1 and switch and len(month_day) == 5 and month_day < switch:
        return covering[0]
    return covering[-1]


class ActorKB:
    """Actors by id plus the lookup tables the resolver needs."""

    def __init__(self, actors: list[Actor], countries: dict[str, Country],
                 roles: dict[str, Any], shared_demonyms: dict[str, list[str]] | None = None):
        self.actors: dict[str, Actor] = {}
        self.countries = countries
        self.roles = roles
        self.shared_demonyms = shared_demonyms or {}
        for actor in actors:
            if actor.id in self.actors:
                log.warning("actor KB: duplicate id %r, keeping the first", actor.id)
                continue
            self.actors[actor.id] = actor
        for iso2, country in countries.items():
            for kind, (prefix, sector) in STATE_KINDS.items():
                aid = f"{kind}_{iso2.lower()}"
                if aid not in self.actors:
                    self.actors[aid] = Actor(
                        id=aid, name=f"{prefix} {country.display}", sector=sector, inter=1,
                        country=[iso2], kind="state", periods=list(country.periods),
                        switch=country.switch)
        self._generic_cache: dict[tuple[str, str | None], Actor] = {}

    def __len__(self) -> int:
        return len(self.actors)

    def __iter__(self):
        return iter(self.actors.values())

    def get(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id)

    def branches(self, actor_id: str) -> list[Actor]:
        """Named actors whose parent is ``actor_id`` (regional branches), in KB order."""
        index = self.__dict__.get("_branches")
        if index is None:
            index = {}
            for a in self.actors.values():
                if a.parent and a.kind == "named":
                    index.setdefault(a.parent, []).append(a)
            self.__dict__["_branches"] = index
        return index.get(actor_id, [])

    def same_as(self, actor_id: str) -> str:
        """The actor an event comparison should see: a named branch of a country's
        state forces ("United States Armed Forces", parent "Military Forces of the
        United States") is that state actor; any other id is itself.  Two tellings
        of one air strike name the doer either way."""
        actor = self.actors.get(actor_id)
        if actor is not None and actor.parent and actor.parent != actor_id:
            parent = self.actors.get(actor.parent)
            if parent is not None and parent.kind == "state":
                return parent.id
        return actor_id

    def state_actor(self, kind: str, country: str) -> Actor | None:
        """The generated military/police/government actor of a country."""
        return self.actors.get(f"{kind}_{country.lower()}")

    def acled_name(self, actor_id: str, country: str | None = None,
                   year: int | str | None = None) -> str | None:
        """ACLED-style name of an actor as coded in ``country`` (ISO2) at ``year``
        (a year or an ISO date, which picks the state forces' regime period)."""
        actor = self.actors.get(actor_id)
        if actor is None:
            return None
        if actor.kind == "state":
            period = _period_for(actor.periods, year, actor.switch)
            return f"{actor.name} ({period})" if period else actor.name
        if country and country in actor.acled_names:
            return actor.acled_names[country]
        default = actor.acled_names.get("default")
        if default:
            return self._dated_unit_name(actor, default, country, year)
        if actor.parent and actor.parent in self.actors and actor.parent != actor_id:
            parent = self.actors[actor.parent]
            if parent.kind == "state":
                return self.acled_name(parent.id, country, year)
        return actor.name

    def _dated_unit_name(self, actor: Actor, default: str, country: str | None,
                         year: int | str | None) -> str:
        """A unit of a state's forces ("Military Forces of Mexico (2024-) National
        Guard") takes its parent's period for the date: the KB text is a fallback."""
        parent = self.actors.get(actor.parent or "")
        if year is None or parent is None or parent.kind != "state" or (
                not default.startswith(parent.name + " (")):
            return default  # without a date the KB's own period is the better guess
        close = default.find(")", len(parent.name))
        suffix = default[close + 1:] if close >= 0 else ""
        dated = self.acled_name(parent.id, country, year) or parent.name
        return dated + suffix

    def country_name(self, iso2: str | None) -> str | None:
        if not iso2:
            return None
        country = self.countries.get(iso2)
        return country.name if country else iso2

    def generic_kind(self, actor_id: str | None) -> str | None:
        """The kind an unnamed actor's id was made from by :meth:`generic_actor`
        ("civilians_sy" and "civilians" -> "civilians"), else None."""
        if not actor_id:
            return None
        return next((kind for kind in self.roles["generic"]
                     if actor_id == kind or actor_id.startswith(kind + "_")), None)

    def generic_actor(self, kind: str, country: str | None = None) -> Actor:
        """An unnamed typed actor, e.g. ``generic_actor("civilians", "SY")`` ->
        "Civilians (Syria)".  Unknown kinds fall back to the armed-group kind."""
        key = (kind, country)
        cached = self._generic_cache.get(key)
        if cached is not None:
            return cached
        spec = self.roles["generic"].get(kind) or self.roles["generic"]["armed_group"]
        cname = self.country_name(country)
        pattern: str = spec["name"]
        if "{country}" not in pattern:
            name = pattern  # "Militia (Pro-Government)" has no country
        else:
            name = pattern.format(country=cname) if cname else pattern.split(" (")[0]
        actor = Actor(id=f"{kind}_{country.lower()}" if country else kind, name=name,
                      acled_names={"default": name}, sector=spec["sector"],
                      inter=spec["inter"], country=[country] if country else [],
                      kind="generic")
        self._generic_cache[key] = actor
        return actor


def strip_period(name: str | None) -> str | None:
    """An ACLED name without its regime period, for matching across ACLED releases
    ("Military Forces of Afghanistan (2014-)" and "(2014-2021)" are one actor)."""
    if name is None:
        return None
    return re.sub(r"\s*\(\d{4}-(?:\d{4})?\)", "", name).strip()


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def _term(text: Any) -> tuple[str, str | None]:
    """"2017-01-20/2021-01-20" or an open "2025-01-20/" -> (start, end)."""
    start, sep, end = str(text).partition("/")
    if not sep or not _ISO.fullmatch(start) or (end and not _ISO.fullmatch(end)):
        raise ValueError(f"term {text!r} is not YYYY-MM-DD/[YYYY-MM-DD]")
    return start, end or None


def _actor_from(entry: dict[str, Any], source: str) -> Actor | None:
    """One YAML entry -> Actor; a malformed entry is skipped with a warning."""
    try:
        acled = dict(entry.get("acled") or {})
        return Actor(
            id=str(entry["id"]), name=str(entry["name"]),
            acled_names={str(k): str(v) for k, v in acled.items()},
            aliases=[str(a) for a in _as_list(entry.get("aliases"))],
            qid=entry.get("qid"), sector=entry.get("sector"), inter=entry.get("inter"),
            country=[str(c) for c in _as_list(entry.get("country"))],
            tags=[str(t) for t in _as_list(entry.get("tags"))],
            descriptions={str(k): [str(p) for p in _as_list(v)]
                          for k, v in (entry.get("descriptions") or {}).items()},
            operations=[str(o) for o in _as_list(entry.get("operations"))],
            parent=entry.get("parent"),
            terms=[_term(t) for t in _as_list(entry.get("terms"))],
        )
    except (KeyError, TypeError, ValueError) as exc:
        log.warning("actor KB %s: skipping malformed entry %r: %s", source, entry, exc)
        return None


def data_dir() -> Path:
    return Path(str(resources.files("kharita") / "data" / "actors"))


def _read_yaml(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    return data if isinstance(data, dict) else {}


def build_kb(directory: Path | None = None) -> ActorKB:
    """Parse the KB directory: every ``*.yaml`` with an ``actors`` list, plus
    ``countries.yaml`` and ``roles.yaml``."""
    directory = directory or data_dir()
    countries_raw = _read_yaml(directory / "countries.yaml")
    countries = {}
    for iso2, spec in (countries_raw.get("countries") or {}).items():
        countries[str(iso2)] = Country(
            iso2=str(iso2), name=str(spec["name"]),
            alt=[str(a) for a in _as_list(spec.get("alt"))],
            demonyms=[str(d) for d in _as_list(spec.get("dem"))],
            periods=[str(p) for p in _as_list(spec.get("years"))],
            switch=str(spec["switch"]) if spec.get("switch") else None)
    roles = _read_yaml(directory / "roles.yaml")
    actors: list[Actor] = []
    for path in sorted(directory.glob("*.yaml")):
        if path.name in {"countries.yaml", "roles.yaml"}:
            continue
        for entry in _read_yaml(path).get("actors") or []:
            actor = _actor_from(entry, path.name)
            if actor is not None:
                actors.append(actor)
    shared = {str(k): [str(c) for c in v]
              for k, v in (countries_raw.get("shared_demonyms") or {}).items()}
    return ActorKB(actors, countries, roles, shared)


@lru_cache(maxsize=1)
def load_kb() -> ActorKB:
    """The packaged KB, parsed once per process."""
    return build_kb()


def generic_actor(kind: str, country: str | None = None) -> Actor:
    """Module-level shortcut for ``load_kb().generic_actor(kind, country)``."""
    return load_kb().generic_actor(kind, country)
