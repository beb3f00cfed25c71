"""Resolution: choose one gazetteer entry per mention, or a containing unit.

Each candidate gets a score that adds up independent pieces of evidence:

* prior — population, feature code (countries > admin1 > capitals > towns), how the
  name matched (the entry's own name, an alternate name, or a county matched
  without its "County"), number of alternate names;
* cues — a place-type word ("Aleppo Governorate", "the town of Oxford"), and the
  rule that a bare name means the city when the same-named admin unit is seated
  there ("fighting in Homs" -> the city; "Homs Governorate" -> the unit);
* "X, Y" — Y (state, province, country) must contain X ("Prague, Oklahoma");
* the document — countries and admin1 units the *other* mentions point to
  (leave-one-name-out, so a name cannot vote for itself), and distance to the
  other places (spatial minimality), iterated a few rounds.

``score`` in [0, 1] is the softmax share of the winner times the match quality.
Unknown toponyms are placed in the smallest containing unit the context supports
(resolved_as="container", see :func:`container_for`).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from kharita.geo import haversine_km
from kharita.model import Place
from kharita.places.gazetteer import normalize_name
from kharita.places.lexicon import TYPE_WORDS
from kharita.places.recognize import Mention

ROUNDS = 3
MAX_CANDIDATES = 25
OUTLIER_SHARE = 0.7
MULTINATIONAL_SUPPORT = 0.3  # stands in for the spatial support a region cannot get
# a candidate this far below its name's best prior gives other names no spatial support
SUPPORT_MARGIN = 0.6
FAMOUS_GAP = 0.45
CAPITAL_OVER_NAMESAKE = 0.15
CONTEXT_FULL = 2.0  # country votes (about two names) for the document's country to count fully
WORLD_NEWS = 3  # countries a document names for it to be about the world, not a town
TEMPERATURE = 0.15
_FEATURE_PRIOR = {
    "PCLI": 0.55, "PCLD": 0.45, "PCLF": 0.45, "PCLS": 0.45, "PCLIX": 0.45, "PCL": 0.45,
    "TERR": 0.4, "CONT": 0.5, "ADM1": 0.3, "ADM2": 0.1, "ADMD": 0.05, "RGN": 0.35,
    "PPLC": 0.3, "PPLA": 0.2, "PPLA2": 0.12, "PPLA3": 0.08, "PPLA4": 0.06, "PPL": 0.05,
}
_COUNTRY_CODES = frozenset(c for c in _FEATURE_PRIOR if c.startswith("PCL") or c == "TERR")


@dataclass
class Choice:
    entry: Any | None  # GazEntry
    score: float
    container: Any | None = None  # for unknown toponyms


def is_country(c: Any) -> bool:
    return c.feature_code in _COUNTRY_CODES


def contains(outer: Any, inner: Any) -> bool:
    """Whether admin unit / country ``outer`` contains ``inner`` (by codes)."""
    if outer.geonameid == inner.geonameid or outer.country is None:
        return False
    if outer.country != inner.country:
        return False
    if is_country(outer):
        return True
    if outer.feature_code == "ADM1":
        return inner.admin1_code == outer.admin1_code and inner.feature_code != "ADM1"
    if outer.feature_code == "ADM2":
        return (inner.admin1_code, inner.admin2_code) == (outer.admin1_code, outer.admin2_code) \
            and inner.feature_code != "ADM2"
    return False


# -- priors ---------------------------------------------------------------------------
def prior(m: Mention, c: Any, key: str) -> float:
    """Context-free plausibility of entry ``c`` for mention ``m``."""
    pop = min(1.0, math.log10(c.population + 1) / 7.0)
    if c.geonameid < 0 and c.population == 0:
        pop = 0.85  # kharita's curated seas, rivers and regions are notable by selection
    feat = _FEATURE_PRIOR.get(c.feature_code, 0.1 if c.feature_class in "LHT" else 0.0)
    alt = min(1.0, math.log(c.alt_count + 1) / math.log(100))
    own = normalize_name(c.name)
    if own == key:
        name = 0.25
    elif own.startswith(key + " ") and own[len(key) + 1 :] in TYPE_WORDS:
        name = 0.0  # "Mobile County" for "Mobile": the writer left out the type word
    elif c.population >= 100_000 or c.alt_count >= 20 or c.feature_class != "P":
        name = 0.1  # an exonym or official variant of a well-known place ("Prague")
    else:
        name = -0.15  # a small town reached through an odd alternate name
    return 0.45 * pop + feat + name + 0.15 * alt + _hint_bonus(m.hint, c)


# a town reached only through another name (often a former one: "Salisbury" for
# Harare) yields this much when a notable town really bears the name
FORMER_NAME = 0.2


def _truly_named(cands: list[Any], key: str) -> bool:
    """Whether a notable populated place bears ``key`` as its own name ("Salisbury",
    England, against Harare's former name)."""
    return any(normalize_name(c.name) == key and c.feature_class == "P"
               and c.population >= 20_000 and c.alt_count >= 10 for c in cands)


def _hint_bonus(hint: str | None, c: Any) -> float:
    if hint is None:
        return 0.0
    code, fc = c.feature_code, c.feature_class
    if hint == "admin1":
        return 0.7 if code == "ADM1" else (-0.1 if fc == "A" else -0.4)
    if hint == "admin2":
        return 0.7 if code == "ADM2" else (0.0 if fc == "A" else -0.4)
    if hint in {"city", "seat"}:
        return 0.3 if fc == "P" else -0.5
    if hint == "physical":
        return 0.5 if fc in "LHT" else -0.2
    return 0.0


def _seat_penalties(m: Mention, cands: list[Any], key: str) -> dict[int, float]:
    """Bare "Aleppo" is the city when the same-named unit is seated there.

    With an admin cue the other way round: "Aleppo Governorate" is the unit.
    """
    out: dict[int, float] = {}
    admin_hint = m.hint in {"admin1", "admin2"}
    seats = {"ADM1": {"PPLA", "PPLC"}, "ADM2": {"PPLA", "PPLA2", "PPLC"}}
    for a in cands:
        if a.feature_code not in seats:
            continue
        for p in cands:
            if p.feature_code not in seats[a.feature_code] or p.country != a.country:
                continue
            if normalize_name(p.name) not in {key, normalize_name(a.name)}:  # same-named seat
                continue
            if p.admin1_code != a.admin1_code or (
                a.feature_code == "ADM2" and p.admin2_code != a.admin2_code
            ):
                if p.feature_code == "PPLC" and a.feature_code == "ADM1" and not admin_hint:
                    # bare "Washington": the national capital, not the state of that
                    # name elsewhere, unless the other names point to the state
                    out[a.geonameid] = out.get(a.geonameid, 0.0) - CAPITAL_OVER_NAMESAKE
                continue
            if admin_hint:
                out[p.geonameid] = out.get(p.geonameid, 0.0) - 0.3
            else:
                out[a.geonameid] = out.get(a.geonameid, 0.0) - 0.6
    return out


# -- the document loop ----------------------------------------------------------------
class Resolver:
    """Resolves the mentions of one document jointly."""

    def __init__(self, gazetteer: Any) -> None:
        self.gaz = gazetteer

    def resolve(self, mentions: list[Mention], demonyms: list[tuple[int, int, str]],
                landmarks: list[Any] = ()) -> list[Choice]:  # type: ignore[assignment]
        """One Choice per mention; ``landmarks`` are GazEntry context points."""
        keys = [normalize_name(m.text) for m in mentions]
        base = [self._base_scores(m, k) for m, k in zip(mentions, keys, strict=True)]
        _apply_qualifiers(mentions, base)
        # a name whose best-known reading is a country or a capital ("Russia",
        # "Damascus", "Berlin"): what it scored before the other names had their say
        priors = [{gid: sc for gid, (_, sc) in b.items()} for b in base]
        leads = [_famous_lead(b) for b in base]
        _mutual_support(keys, base, [m.weak for m in mentions])
        choices = [_pick(b) for b in base]
        _confine_variants(mentions, base, choices)
        choices = [_pick(b) for b in base]
        for _ in range(ROUNDS):
            ctx = _Context(mentions, keys, choices, demonyms, list(landmarks))
            new = []
            for i, b in enumerate(base):
                if not b:
                    new.append(Choice(None, 0.0))
                    continue
                scored = {gid: (c, s + ctx.bonus(i, c)) for gid, (c, s) in b.items()}
                new.append(_pick(scored))
            if [c.entry for c in new] == [c.entry for c in choices]:
                choices = new
                break
            choices = new
        named_countries = {c.entry.country for c in choices if c.entry is not None and is_country(c.entry)}
        for i, lead in enumerate(leads if len(named_countries) >= WORLD_NEWS else ()):
            e = choices[i].entry
            # context may pick a village over a country or a capital of the same name
            # only when their priors are close: international news full of "US"
            # mentions otherwise puts Russia and Damascus in Ohio and Maryland
            if (lead is not None and e is not None and e.feature_class == "P"
                    and e.geonameid != lead.geonameid
                    and priors[i][lead.geonameid] - priors[i].get(e.geonameid, 0.0) > FAMOUS_GAP):
                choices[i] = Choice(lead, choices[i].score)
        for i, m in enumerate(mentions):
            if m.abbreviation_of is not None and choices[m.abbreviation_of].entry is not None:
                choices[i] = choices[m.abbreviation_of]
        _drop_outliers(mentions, keys, choices, demonyms)
        return choices

    def _base_scores(self, m: Mention, key: str) -> dict[int, tuple[Any, float]]:
        """Prior scores of the candidates, the MAX_CANDIDATES best by prior kept.

        Context adds at most ~1.2; a candidate further behind than that cannot win,
        except through an "X, Y" qualifier, which is applied over all candidates.
        """
        if not m.candidates:
            return {}
        if m.hint == "admin2" and m.source != "variant" and not any(
                c.feature_code == "ADM2" for c in m.candidates) and any(
                c.feature_code in {"PPLA", "PPLA2", "PPLC"} for c in m.candidates):
            # "Kandahar district" with no such ADM2: the district around its same-named
            # seat, which is nearer than the province's centre
            m.hint, m.near = "seat", True
        if m.hint == "seat":
            m.candidates = self._with_seats(m.candidates)
        seat = _seat_penalties(m, m.candidates, key)
        named = _truly_named(m.candidates, key)
        scored = {c.geonameid: (c, prior(m, c, key) + seat.get(c.geonameid, 0.0)
                                - (FORMER_NAME if named and normalize_name(c.name) != key
                                   and c.feature_class == "P" else 0.0))
                  for c in m.candidates}
        if len(scored) <= MAX_CANDIDATES or m.qualifier is not None:
            return scored
        keep = sorted(scored.items(), key=lambda kv: -kv[1][1])[:MAX_CANDIDATES]
        return dict(keep)


    def _with_seats(self, cands: list[Any]) -> list[Any]:
        """ "X district center": the district's seat town (its PPLA2, the most populous
        if several) joins the candidates when no town is named X."""
        if any(c.feature_class == "P" for c in cands):
            return cands
        out = list(cands)
        for c in cands:
            if c.feature_code == "ADM2":
                towns = [t for t in self.gaz.children(c.geonameid, "P") if t.feature_code in {"PPLA2", "PPLA"}]
                out += towns[:1]
        return out


def _outlier_famous(c: Any) -> bool:
    code = c.feature_code or ""
    return c.country is None or code.startswith("PCL") or code in {"PPLC", "CONT", "RGN"} or (
        c.population >= 1_000_000)


def _foreign_context(e: Any) -> bool:
    """A country or a capital: named in conflict news as the seat of an actor
    ("Moscow denied", "Russian forces", "talks in Washington") as often as the place
    where things happen, so it is no evidence against a town elsewhere."""
    code = e.feature_code or ""
    return code.startswith("PCL") or code == "PPLC"


def _drop_outliers(mentions: list[Mention], keys: list[str], choices: list[Choice],
                   demonyms: list[tuple[int, int, str]] = ()) -> None:  # type: ignore[assignment]
    """A small place in a country nothing else in a focused text points to is doubtful.

    In an article about Panjshir, "Dara" is a local district missing from the
    gazetteer, not Daraa in Syria.  When the other names give one country at least
    OUTLIER_SHARE of their votes, a non-famous choice in a country without any other
    vote becomes unknown: placed in its container like any unknown name when the
    entity layer calls it a place, dropped otherwise ("Road", "Trapani" the surname).
    Countries, capitals and demonyms support a place in their country but count for
    no country against one elsewhere (:func:`_foreign_context`): "the governor of Idlib
    accused Russian forces ..., a charge Moscow denied" is about Idlib.
    """
    votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    support: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for k, ch in zip(keys, choices, strict=True):
        if ch.entry is not None and ch.entry.country:
            support[k][ch.entry.country] += 1.0
            if not _foreign_context(ch.entry):
                votes[k][ch.entry.country] += 1.0
    for _, _, code in demonyms:  # "Palestinian" supports Gaza
        support["#demonym"][code.split("/")[0]] += 1.0
    for i, ch in enumerate(choices):
        e = ch.entry
        if e is None or (_outlier_famous(e) and not mentions[i].local) or mentions[i].weak:
            continue
        if any(e.country in v for k, v in support.items() if k != keys[i]):
            continue
        others: dict[str, float] = defaultdict(float)
        for k, v in votes.items():
            if k != keys[i]:
                for c, w in v.items():
                    others[c] += w
        total = sum(others.values())
        if total < 2:
            continue
        if max(others.values()) / total >= OUTLIER_SHARE:
            choices[i] = Choice(None, 0.0)
            mentions[i].candidates = []
            mentions[i].outlier = True


def doc_countries(mentions: list[Mention], choices: list[Choice]) -> set[str]:
    """Countries of the exactly matched mentions' current choices."""
    return {ch.entry.country for m, ch in zip(mentions, choices, strict=True)
            if ch.entry is not None and ch.entry.country and m.source != "variant"}


def _confine_variants(mentions: list[Mention], base: list[dict[int, tuple[Any, float]]],
                      choices: list[Choice]) -> None:
    """A spelling variant must land in a country the rest of the document is about.

    "Deir Ezzor" next to "Syria" finds Deir ez-Zor; a lone "Saakashvili" that
    sounds like a Georgian village in a US article finds nothing.  A variant
    with no exact place beside it keeps only admin units and big cities.
    """
    countries = doc_countries(mentions, choices)
    for i, m in enumerate(mentions):
        if m.source != "variant" or not base[i]:
            continue
        if countries:
            keep = {g: cs for g, cs in base[i].items() if cs[0].country in countries}
        else:
            keep = {g: cs for g, cs in base[i].items()
                    if cs[0].feature_class == "A" or cs[0].population >= 100_000}
        base[i] = keep
        if not keep:
            m.candidates = []


def _cell(c: Any) -> tuple[int, int]:
    return round(c.lat * 2), round(c.lon * 2)  # half-degree cells, ~50 km


def _mutual_support(keys: list[str], base: list[dict[int, tuple[Any, float]]],
                    weak: list[bool]) -> None:
    """Spatial minimality over all candidates, not just the current choices.

    "Paris" and "Henry County" are both ambiguous; only in Tennessee do a Paris
    and a Henry County lie together.  Each candidate gains for every other name
    with a candidate in the same county or within ~50-100 km, weighted by
    1/sqrt(that name's number of candidates) so precise names count more.
    """
    cells: dict[tuple[int, int], set[str]] = defaultdict(set)
    adm2: dict[tuple, set[str]] = defaultdict(set)
    size = {k: len(b) for k, b in zip(keys, base, strict=True)}
    for k, b, w in zip(keys, base, weak, strict=True):
        if w:  # a doubtful mention receives support but gives none
            continue
        top = max((s for _, s in b.values()), default=0.0)
        lead = _best_by_prior(b)
        if lead is not None and (is_country(lead) or lead.country is None):
            # a name that reads first as a country or a region across borders ("Middle
            # East", "Jordan") says nothing about where its namesake villages lie: the
            # Middle East, Maryland would make Damascus a town there
            continue
        for c, s in b.values():
            if is_country(c) or c.feature_code in {"ADM1", "CONT", "RGN"} or c.country is None:
                continue
            if s < top - SUPPORT_MARGIN:
                # a far-fetched reading of a name with a clear one gives no support:
                # "Russia", "Miami", "Mecca" and "Washington" all have namesakes in
                # Ohio, which would otherwise vouch for each other there
                continue
            cells[_cell(c)].add(k)
            if c.admin2_code:
                adm2[(c.country, c.admin1_code, c.admin2_code)].add(k)
    for k, b in zip(keys, base, strict=True):
        if len(b) < 2:
            continue
        for gid, (c, s) in list(b.items()):
            if c.country is None:  # a multinational region: context neither for nor against
                b[gid] = (c, s + MULTINATIONAL_SUPPORT)
                continue
            if is_country(c):
                continue
            x, y = _cell(c)
            near: set[str] = set()
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    near |= cells.get((x + dx, y + dy), set())
            same = adm2.get((c.country, c.admin1_code, c.admin2_code), set()) if c.admin2_code else set()
            near |= same
            near.discard(k)
            if near:  # sharing a county counts twice: containment beats mere distance
                support = sum((2.0 if o in same else 1.0) / math.sqrt(max(size[o], 1)) for o in near)
                b[gid] = (c, s + 0.4 * min(1.5, support))


def _apply_qualifiers(mentions: list[Mention], base: list[dict[int, tuple[Any, float]]]) -> None:
    """ "X, Y": keep X's candidates inside one of Y's, and Y's that contain one of X's."""
    for i, m in enumerate(mentions):
        q = m.qualifier
        if q is None or not base[i] or not base[q]:
            continue
        if _reads_as_country(base[i]) and _reads_as_country(base[q]):
            continue  # "Russia, America, the European Union": a list, not "Russia, Ohio"
        outers = [c for c, _ in base[q].values()]
        inside = {gid for gid, (c, _) in base[i].items() if any(contains(o, c) for o in outers)}
        if not inside and m.in_unit:  # "Hays district, Hodeidah": Y's town names its province
            inside = {gid for gid, (c, _) in base[i].items() if any(_same_admin1(o, c) for o in outers)}
        if not inside and m.in_unit and _unit_only(outers):
            # "Dawlat Abad district, Balkh" with no Dawlat Abad in Balkh: another,
            # unknown place of that name, placed in Y
            base[i], m.candidates = {}, []
            continue
        if not inside:
            continue
        base[i] = {gid: (c, s + 1.0) for gid, (c, s) in base[i].items() if gid in inside}
        inners = [c for c, _ in base[i].values()]
        base[q] = {gid: (c, s + (1.0 if any(contains(c, x) for x in inners) else 0.0))
                   for gid, (c, s) in base[q].items()}


def _best_by_prior(scored: dict[int, tuple[Any, float]]) -> Any | None:
    return max(scored.values(), key=lambda cs: cs[1])[0] if scored else None


def _reads_as_country(scored: dict[int, tuple[Any, float]]) -> bool:
    best = _best_by_prior(scored)
    return best is not None and is_country(best)


def _same_admin1(town: Any, c: Any) -> bool:
    return town.feature_class == "P" and bool(town.admin1_code) and c.geonameid != town.geonameid \
        and (c.country, c.admin1_code) == (town.country, town.admin1_code)


def _unit_only(outers: list[Any]) -> bool:
    """Whether the qualifier can contain anything: an admin unit, or a town standing
    for its province (X is unknown when no candidate lies in any of Y's readings)."""
    return any(o.feature_class in {"A", "P"} for o in outers)


def _famous_lead(scored: dict[int, tuple[Any, float]]) -> Any | None:
    """The best reading by prior when it is a country or a national capital."""
    lead = _best_by_prior(scored)
    return lead if lead is not None and (is_country(lead) or lead.feature_code == "PPLC") else None


def _pick(scored: dict[int, tuple[Any, float]]) -> Choice:
    if not scored:
        return Choice(None, 0.0)
    best_c, best_s = max(scored.values(), key=lambda cs: (cs[1], cs[0].population))
    z = sum(math.exp((s - best_s) / TEMPERATURE) for _, s in scored.values())
    return Choice(best_c, 1.0 / z)


class _Context:
    """Evidence from the other mentions: focus weights and coordinates.

    Totals are kept per name key so that a name's own votes can be left out
    cheaply (leave-one-name-out); bonuses are memoised per (key, candidate).
    """

    def __init__(self, mentions: list[Mention], keys: list[str], choices: list[Choice],
                 demonyms: list[tuple[int, int, str]], landmarks: list[Any]) -> None:
        self.keys = keys
        self.country: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        self.admin1: dict[str, dict[tuple[str, str], float]] = defaultdict(lambda: defaultdict(float))
        points: dict[tuple[float, float], set[str]] = defaultdict(set)
        for m, k, ch in zip(mentions, keys, choices, strict=True):
            e = ch.entry
            if e is None or e.country is None or m.weak:
                continue
            w = 0.5 + 0.5 * ch.score
            self.country[k][e.country] += w
            if e.admin1_code and not is_country(e):
                self.admin1[k][(e.country, e.admin1_code)] += w
            if e.feature_class in {"P", "A"} and not is_country(e) and e.feature_code != "ADM1":
                points[(e.lat, e.lon)].add(k)
        for _, _, code in demonyms:  # "ISO2" or "ISO2/admin1 name"
            self.country["#demonym"][code.split("/")[0]] += 0.5
        for e in landmarks:  # "Ole Miss": a point in Oxford, Mississippi
            self.country["#landmark"][e.country] += 1.0
            if e.admin1_code:
                self.admin1["#landmark"][(e.country, e.admin1_code)] += 2.0
            points[(e.lat, e.lon)].add("#landmark")
        self.points = list(points.items())
        self.country_all: dict[str, float] = defaultdict(float)
        self.admin1_all: dict[tuple[str, str], float] = defaultdict(float)
        for v in self.country.values():
            for c, w in v.items():
                self.country_all[c] += w
        for va in self.admin1.values():
            for a, w in va.items():
                self.admin1_all[a] += w
        self.key_total = {k: sum(v.values()) for k, v in self.country.items()}
        self.total = sum(self.key_total.values())
        self._memo: dict[tuple[str, int], float] = {}

    def bonus(self, i: int, c: Any) -> float:
        key = self.keys[i]
        memo = self._memo.get((key, c.geonameid))
        if memo is None:
            memo = self._memo[(key, c.geonameid)] = self._bonus(key, c)
        return memo

    def _bonus(self, key: str, c: Any) -> float:
        own = self.country.get(key, {})
        total = self.total - self.key_total.get(key, 0.0)
        if c.country is None:  # "Middle East", "Euphrates": as good as the leading country
            best = max((w - own.get(k, 0.0) for k, w in self.country_all.items()), default=0.0)
            return 0.5 * (best / total) if total > 0 else 0.0
        cw = self.country_all.get(c.country, 0.0) - own.get(c.country, 0.0)
        # one other name ("Washington said ... Moscow denied") is thin evidence of
        # the document's country: its vote counts fully from about two names on
        out = 0.5 * (cw / total) * min(1.0, total / CONTEXT_FULL) if total > 0 else 0.0
        if c.admin1_code and not is_country(c):
            a = (c.country, c.admin1_code)
            aw = self.admin1_all.get(a, 0.0) - self.admin1.get(key, {}).get(a, 0.0)
            out += 0.4 * min(1.0, aw / 2.0)
        if c.feature_class in {"P", "A"} and not is_country(c) and self.points:
            d = min((haversine_km(c.lat, c.lon, la, lo) for (la, lo), ks in self.points
                     if ks != {key}), default=1e9)
            out += 0.3 if d < 50 else 0.2 if d < 200 else 0.1 if d < 500 else 0.0
        return out


# -- precision and Place construction --------------------------------------------------
def precision_of(entry: Any, near: bool = False) -> tuple[int, int]:
    """(ACLED geo_precision, UCDP where_prec) for a resolved entry."""
    code, fc = entry.feature_code, entry.feature_class
    if is_country(entry):
        return 3, 6
    if code == "ADM1":
        return 3, 4
    if code in {"ADM2", "ADM3", "ADM4", "ADMD"}:
        return 2, 3
    if fc == "P":
        return (2, 2) if near else (1, 1)
    if entry.country is None or code == "CONT":
        return 3, 7
    return 3, 5


def resolved_as(entry: Any, m: Mention) -> str:
    if m.source == "abbreviation":
        return "abbreviation"
    if m.source == "variant":
        return "variant"
    if entry.feature_class in {"L", "H", "T"}:
        return "region"
    return "gazetteer"


def make_place(text: str, start: int, end: int, entry: Any, precision: int | None = None,
               where_prec: int | None = None, score: float = 1.0,
               how: str = "gazetteer") -> Place:
    """A Place for a gazetteer entry at a text span (see kharita.places.place_for)."""
    p, w = precision_of(entry)
    return Place(
        text=text, start=start, end=end, name=entry.name, geonameid=entry.geonameid,
        lat=entry.lat, lon=entry.lon, feature_code=entry.feature_code,
        feature_class=entry.feature_class, country=entry.country, admin1=entry.admin1,
        admin2=entry.admin2, population=entry.population,
        precision=precision if precision is not None else p,
        where_prec=where_prec if where_prec is not None else w,
        score=round(score, 3), resolved_as=how,
    )
