"""Movements as first-class events: where from, where to, by which way, and how.

For a movement trigger (flee, exodus, withdraw, deploy, smuggle, ...) the prepositional
phrases hanging on the trigger (and on the verb carrying a noun trigger) are read by
their preposition: *from / out of* give the origin, *to / towards / into* the
destinations (coordinated ones too: "to Idlib or towards the border with Iraq"), *via /
through / along / across*, and *in* inside a destination phrase, the route.  The object
of *flee / leave / evacuate / abandon* is the origin.  Each place is taken from
``doc.places`` by character span, so it carries the places stage's resolution.  Manner
is read from *at night*, *on foot*, *by boat* phrases and from gerund complements such
as "paying the smugglers".  A proper name after *from* or *to* that the places stage
did not find ("moved from al-Mabrouk to al-Sadd": camps, bases, villages the gazetteer
lacks) is kept as an unresolved place (``resolved_as="unresolved"``, no coordinates):
the movement's path is told even where it cannot be mapped.  A destination that is no
place itself ("schools", "relatives' homes") is where the place in its phrase is, also
when the parser hangs that "in X" on the verb; a manner phrase does not hide the way on
("fled on foot towards Kidal"); troops deployed *at* or *in* a place go there.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from kharita.events.roles import doc_text
from kharita.model import Document, Place, Span

ORIGIN_PREPS = {"from", "out"}
DEST_PREPS = {"to", "towards", "toward", "into", "for", "onto", "inside"}
ROUTE_PREPS = {"via", "through", "along", "across", "over", "past", "throughout"}
MANNER_PREPS = {"at", "by", "on", "under", "in", "with", "aboard"}
ORIGIN_VERBS = {"flee", "leave", "evacuate", "abandon", "vacate", "escape", "desert"}
DEST_VERBS = {"enter", "reach", "infiltrate", "penetrate", "cross", "invade"}
ARRIVE_VERBS = {"arrive", "arrival", "land", "settle", "resettle", "relocate", "shelter",
                "deploy", "redeploy", "deployment", "station", "position"}
# what people are moved to or from that is no place name itself: its place is in its phrase
SITE_NOUNS = {"camp", "school", "base", "village", "town", "city", "prison", "jail", "centre",
              "center", "settlement", "shelter", "hospital", "site", "area", "district",
              "checkpoint", "compound", "facility", "neighbourhood", "neighborhood"}
_DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
# verbs of a force closing on a place: "advance on X" goes to X
ADVANCE_VERBS = {"advance", "march", "move", "push", "converge", "close", "descend", "press",
                 "bear", "drive", "roll"}
ROUTE_WORDS = {"valley", "river", "corridor", "road", "highway", "route", "border", "desert",
               "crossing", "pass", "mountains", "mountain", "sea", "strait", "coast"}


@dataclass
class Path:
    """The places and manner of one movement; ``used`` holds their doc.places indexes."""

    origin: Place | None = None
    destinations: list[Place] = field(default_factory=list)
    route: list[Place] = field(default_factory=list)
    manner: list[Span] = field(default_factory=list)
    facilitators: list[Any] = field(default_factory=list)
    used: set[int] = field(default_factory=set)
    roles: list[tuple[str, int | Place]] = field(default_factory=list)
    # roles told only by a site word pointing back ("left the country", "returned to
    # the town"): (role, word); the coder fills them from the place the event is at
    pointed: list[tuple[str, str]] = field(default_factory=list)


class PlaceIndex:
    """doc.places searchable by character range."""

    def __init__(self, doc: Document) -> None:
        self.places = doc.places
        self.starts = [p.start for p in doc.places]
        self._actors = [(a.start, a.end) for a in doc.actors]

    def actor_at(self, start: int, end: int) -> bool:
        """Whether an actor mention overlaps the range (a name that is no place)."""
        return any(s < end and start < e for s, e in self._actors)

    def named(self, tok: Any) -> list[int]:
        """Places in a noun's whole name: the head with the compound words right before
        it ("El Fasher", "Port Harcourt", "South Sudan" are one place each; the head
        alone, "Fasher", holds none)."""
        return self.within(*name_span(tok))

    def within(self, start: int, end: int) -> list[int]:
        lo = bisect.bisect_left(self.starts, start)
        out = []
        spans = set()
        for i in range(lo, len(self.places)):
            p = self.places[i]
            if p.start >= end:
                break
            if p.end <= end and (p.start, p.end) not in spans:  # one place per span
                spans.add((p.start, p.end))
                out.append(i)
        return out


def name_span(tok: Any) -> tuple[int, int]:
    """Characters of a name with the compound words right before its head: "El
    Fasher", "Port Harcourt" are one place, "Fasher", "Harcourt" only their heads."""
    first = tok
    for t in sorted((t for t in tok.lefts if t.dep_ == "compound"), key=lambda t: -t.i):
        if t.i == first.i - 1:
            first = t
    return first.idx, tok.idx + len(tok)


def movement_path(trigger: Any, governor: Any, places: PlaceIndex, lex: Any,
                  more: list[Any] | None = None) -> Path:
    """Read origin, destinations, route and manner around a movement trigger (and the
    triggers merged into it: "withdrew from Baidoa and fled towards Bakool")."""
    path = Path()
    heads = [trigger, *(more or [])]
    if governor is not None and governor != trigger:
        heads.append(governor)
    for head in heads:
        site_role = None  # the role of a site phrase just read ("to schools")
        for c in head.children:
            after_site, site_role = site_role, _site_role(c)
            if c.dep_ == "prep" and c.lower_ in ("in", "at", "near", "outside") and after_site:
                # "moved families to schools in Kupwara": the parser hangs "in Kupwara"
                # on the verb; it is where the schools are
                _prep(c, path, places, lex, after_site, force=True)
            elif c.dep_ == "prep" and c.lower_ in ("in", "at") and head.lemma_.lower() in ARRIVE_VERBS | {
                    "cross", "crossing"} and head.dep_ != "acl":  # not "troops stationed in X"
                _prep(c, path, places, lex, "dest", force=True)  # "arrived in the village"
            elif c.dep_ in ("prep", "agent") or (c.dep_ in ("conj", "dative") and c.pos_ == "ADP"):
                # (the parser reads "by coach" as an agent, and the "to" of "sent to
                # X" often as a dative)
                _prep(c, path, places, lex, None)
            elif c.dep_ in ("dobj", "npadvmod") and head.lemma_.lower() in ORIGIN_VERBS:
                found = _not_the_owner(c, _places_of(c, places), places, lex)
                _add(path, "origin", found)
                if not found and c.dep_ == "dobj" and _site_told(c) and not any(
                        g.dep_ == "prep" for g in c.children):
                    _site_place(path, "origin", c)  # "abandoned their positions"
                elif not found and c.dep_ == "dobj" and _points_back(c):
                    path.pointed.append(("origin", c.lemma_.lower()))  # "left the country"
            elif c.dep_ == "dobj" and head.lemma_.lower() in DEST_VERBS:
                _add(path, "dest", _places_of(c, places))
            elif c.dep_ in ("advmod",) and c.lower_ in ("home", "back"):
                for g in c.children:  # "flew the soldiers back to Myanmar"
                    if g.dep_ == "prep":
                        _prep(g, path, places, lex, None)
            elif c.dep_ == "advmod" and c.lower_ in HEADINGS:
                # "fled south from X", "pushed deeper into X": the parser hangs the path
                # on the heading; "south of X" says where, not whence, and stays unread
                for g in c.children:
                    if g.dep_ == "prep" and g.lower_ in _PATH_PREPS:
                        _prep(g, path, places, lex, None)
            elif c.dep_ in ("advcl", "xcomp", "pcomp", "conj") and c.tag_ in ("VBG", "VB"):
                _manner_verb(c, path, lex)
    if not any(r == "origin" for r, _ in path.roles):
        _where_they_were(trigger, path, places, lex)
    _on_the_movers(trigger, path, places, lex)
    # a nameless site stands in for a place only when none of its role is named
    # ("to schools in Kupwara", with "in Kupwara" hung on the verb, goes to Kupwara)
    named = {r for r, p in path.roles if not (isinstance(p, Place) and p.resolved_as == "site")}
    path.roles = [(r, p) for r, p in path.roles
                  if r not in named or not (isinstance(p, Place) and p.resolved_as == "site")]
    return path


# the words of a mover phrase the parser may hang the path on ("some of its staff",
# "employees, including all its foreign staff, from the mine")
_MOVER_PREPS = {"of", "including", "among"}
_PATH_PREPS = {"from", "out", "to", "towards", "toward", "into"}
# adverbs of heading a movement's path may hang on
HEADINGS = _DIRECTIONS | {"northward", "southward", "eastward", "westward", "deeper",
                           "further", "farther", "inland", "onward", "away"}


def _on_the_movers(trigger: Any, path: Path, places: PlaceIndex, lex: Any) -> None:
    """"relocate some of its staff from Tripoli to Tunis", "moved 200 staff and their
    families out of Bangui": the parser often hangs the from/to phrases on the people
    moved (the object, or the subject of a passive) rather than on the verb; they still
    tell the movement's path."""
    if trigger.pos_ != "VERB":
        return
    stack = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    seen = 0
    while stack and seen < 12:
        noun = stack.pop()
        seen += 1
        for c in noun.children:
            if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
                stack.append(c)
            elif c.dep_ == "prep" and c.lower_ in _MOVER_PREPS:
                stack.extend(g for g in c.children if g.dep_ == "pobj")
            elif c.dep_ == "prep" and c.lower_ in _PATH_PREPS:
                _prep(c, path, places, lex, None)


def _where_they_were(trigger: Any, path: Path, places: PlaceIndex, lex: Any) -> None:
    """"repatriate 40 children held in camps in Syria", "troops stationed in Germany
    were sent to Poland": where the movers are held, stranded or stationed is where
    they move from, when nothing else says it."""
    for mover in trigger.children:
        if mover.dep_ not in ("dobj", "nsubjpass"):
            continue
        for acl in mover.children:
            if acl.dep_ == "acl" and acl.tag_ in ("VBN", "VBG"):
                for prep in acl.children:
                    if prep.dep_ == "prep" and prep.lower_ in ("in", "at", "inside"):
                        _prep(prep, path, places, lex, "origin", force=True)


def _prep(prep: Any, path: Path, places: PlaceIndex, lex: Any, inherited: str | None,
          force: bool = False) -> None:
    """Classify one prepositional phrase (and the ones coordinated or nested in it);
    ``force`` keeps the inherited role whatever the preposition says."""
    word = prep.lower_
    role = inherited
    if force:
        pass
    elif word in ORIGIN_PREPS:
        role = "origin"
    elif word in DEST_PREPS:
        role = "dest"
    elif word in ROUTE_PREPS:
        role = "route"
    elif word == "on" and prep.head.lemma_.lower() in ADVANCE_VERBS:
        role = "dest"  # "will move on Tal Afar", "marched on the capital"
    elif word in MANNER_PREPS and _manner_noun(prep, lex):
        path.manner.append(_span_of(prep))
        for c in prep.children:  # "fled on foot towards Kidal": the way on is still told
            for g in c.children if c.dep_ == "pobj" else ():
                if g.dep_ == "prep" and g.lower_ not in MANNER_PREPS:
                    _prep(g, path, places, lex, None)
        return
    elif word in ("in", "within") and inherited == "dest":
        role = "route"
    elif word != "with":
        role = None if inherited is None else inherited
    for c in prep.children:
        if c.dep_ == "pobj":
            found: list[int] = []
            before = len(path.roles)
            if role is not None:
                found = _places_shallow(c, places)
                _add(path, role, found)
                if not found and role in ("origin", "dest") and (prep.lower_ in (
                        "from", "to", "towards", "toward", "into") or _arrived_at(prep, role, force)):
                    _unresolved(path, role, prep, getattr(places, "actor_at", None))
            # "to a school in Bajil", "to a camp south of Mosul": a destination that is
            # no place itself is where the place inside its phrase is; after a named
            # destination, "in X" is the way ("to Idlib or towards the border in MERV")
            site = role in ("origin", "dest") and not found and _site(c)
            for g in c.children:
                if g.dep_ == "prep":
                    nested = "route" if role == "dest" and g.lower_ in (
                        "in", "along", "through", "via") else role if g.lower_ in (
                        "with", "of") else None
                    at_site = site and g.lower_ in ("in", "near", "outside", "of", "at")
                    _prep(g, path, places, lex, role if at_site else nested, force=at_site)
                elif g.dep_ == "advmod" and site and g.lower_ in _DIRECTIONS:
                    for h in g.children:  # "a camp south of Mosul"
                        if h.dep_ == "prep" and h.lower_ == "of":
                            _prep(h, path, places, lex, role, force=True)
                elif g.dep_ == "conj" and role is not None:
                    _add(path, role, _places_shallow(g, places))
            if (role in ("origin", "dest") and len(path.roles) == before
                    and (prep.lower_ in _PATH_PREPS or _arrived_at(prep, role, force)
                         or (prep.lower_ == "of" and prep.head.lower_ == "out"))):
                if _site_told(c):
                    _site_place(path, role, c)
                elif _points_back(c):
                    path.pointed.append((role, c.lemma_.lower()))  # "returned to the town"
        elif c.dep_ == "prep":  # "out of X"
            _prep(c, path, places, lex, role)
        elif c.dep_ == "pcomp" and c.tag_ in ("VBG",):
            _manner_verb(c, path, lex)
        elif c.dep_ == "conj" and c.pos_ == "ADP":
            _prep(c, path, places, lex, inherited)


def _arrived_at(prep: Any, role: str | None, force: bool) -> bool:
    """"crossed at Torkham", "arrived in the village": an in/at phrase on a verb of
    arrival is where the movement ends (read as a destination by movement_path)."""
    return force and role == "dest" and prep.lower_ in ("in", "at") and prep.head.pos_ == "VERB"


def _site(noun: Any) -> bool:
    """A common noun a movement goes to or from that is no place name itself ("a
    school", "relatives' homes"): where it is, the phrase inside it says."""
    low = noun.lemma_.lower()
    return low in SITE_NOUNS or (noun.pos_ == "NOUN" and low not in ROUTE_WORDS
                                 and low not in _DIRECTIONS and not noun.ent_type_)


# sites a movement goes to or leaves that tell its path though no place is named
# ("evacuated to a neighbouring office block", "returning to their bases")
SITE_PLACES = {"base", "position", "post", "outpost", "barracks", "camp", "village", "town",
               "city", "settlement", "shelter", "centre", "center", "facility", "compound",
               "prison", "jail", "building", "block", "school", "hall", "front", "frontline",
               "border", "forest", "bush", "hill", "mountain", "island", "airport", "airfield",
               "port", "crossing", "area", "district", "neighbourhood", "neighborhood",
               "stronghold", "hideout", "garrison", "site", "country"}
# "the area", "the country": a bare definite place word points back at a place the
# text has named (the seed's "try to leave the area" is Deir Ezzor), not at a new site
ANAPHORIC_SITES = {"area", "region", "country", "province", "city", "town", "district",
                   "territory", "place"}


def _site_told(noun: Any) -> bool:
    """A site noun told as a particular site: with a determiner, possessive, number or
    modifier, or plural ("to a military facility", "to their bases", "into the forest");
    not a bare singular, which is an idiom ("back to school", "sent to prison")."""
    low = noun.lower_
    if noun.pos_ != "NOUN" or not (noun.lemma_.lower() in SITE_PLACES or low in SITE_PLACES or (
            low.endswith("s") and low[:-1] in SITE_PLACES)):  # "bases" (lemma "basis")
        return False
    told = [c for c in noun.children if c.dep_ in ("det", "poss", "nummod", "amod", "compound")]
    if (noun.tag_ == "NN" and noun.lemma_.lower() in ANAPHORIC_SITES
            and all(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in told)):
        return False
    return noun.tag_ == "NNS" or bool(told)


def _points_back(noun: Any) -> bool:
    """"the country", "this town", "the area": a bare definite place word standing for
    a place the text has named, with no place or other phrase of its own."""
    if noun.tag_ != "NN" or noun.lemma_.lower() not in ANAPHORIC_SITES:
        return False
    kids = list(noun.children)
    return bool(kids) and all(c.dep_ == "det" and c.lower_ in ("the", "this", "that")
                              for c in kids)


def _site_place(path: Path, role: str, noun: Any) -> None:
    """The site phrase (its words up to the noun) kept as an unresolved place."""
    toks = [t for t in noun.subtree if t.i <= noun.i]
    toks = toks[next((k for k, t in enumerate(toks) if t.dep_ not in ("det", "poss", "case")),
                     len(toks) - 1):]
    start, end = toks[0].idx, noun.idx + len(noun)
    text = doc_text(noun.doc)[start:end]
    path.roles.append((role, Place(text=text, start=start, end=end, name=text,
                                   resolved_as="site", score=0.0)))


def _site_role(prep: Any) -> str | None:
    """"origin"/"dest" when ``prep`` is a from/to phrase whose object is a site with
    no place of its own in the phrase."""
    if prep.dep_ != "prep" and not (prep.dep_ == "dative" and prep.pos_ == "ADP"):
        return None
    role = "origin" if prep.lower_ in ORIGIN_PREPS else "dest" if prep.lower_ in DEST_PREPS else None
    if role is None:
        return None
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None or not _site(obj):
        return None
    if any(g.dep_ == "prep" for g in obj.children):
        return None  # "to a school in Bajil": read inside the phrase
    return role


def _manner_noun(prep: Any, lex: Any) -> bool:
    for c in prep.children:
        if c.dep_ == "pobj" and (c.lemma_.lower() in lex.manner_nouns or c.lower_ in lex.manner_nouns):
            return True
    return False


def _manner_verb(verb: Any, path: Path, lex: Any) -> None:
    """A gerund or infinitive complement that says how the movement is done."""
    if verb.lemma_.lower() not in lex.manner_verbs:
        return
    toks = [verb]
    for c in verb.children:
        if c.dep_ in ("dobj", "prt", "dative"):
            toks.extend(c.subtree)
            if c.lemma_.lower() in lex.facilitators:
                path.facilitators.append(c)
        elif c.dep_ == "prep" and c.lower_ in ("as", "with", "through", "to"):
            toks.extend(t for t in c.subtree if t.dep_ != "relcl")
    start = min(t.idx for t in toks)
    end = max(t.idx + len(t) for t in toks)
    path.manner.append(Span(doc_text(verb.doc)[start:end], start, end))


def _span_of(tok: Any) -> Span:
    toks = list(tok.subtree)
    start = min(t.idx for t in toks)
    end = max(t.idx + len(t) for t in toks)
    return Span(doc_text(tok.doc)[start:end], start, end)


def _places_of(tok: Any, places: PlaceIndex) -> list[int]:
    toks = list(tok.subtree)
    return places.within(min(t.idx for t in toks), max(t.idx + len(t) for t in toks))


def _not_the_owner(tok: Any, found: list[int], places: PlaceIndex, lex: Any) -> list[int]:
    """"fled Russia's assault on Mariupol", "fled the army's offensive on Tal Rifaat": a
    country owning or describing a happening is who acts, not where people leave
    ("fled Syria's capital" keeps Syria)."""
    if lex.match(tok) is None:
        return found
    owners = {i for c in tok.children if c.dep_ in ("poss", "amod", "compound") and c.i < tok.i
              for i in _places_of(c, places)}
    return [i for i in found if i not in owners]


def _places_shallow(tok: Any, places: PlaceIndex) -> list[int]:
    """Places in a phrase without the prepositional phrases nested in it (read apart)."""
    toks = [tok]
    if tok.dep_ == "pobj":
        # "to al-Roj" parsed as three objects of "to" (al, -, Roj): the name is all of them
        sibs = {c.i: c for c in tok.head.children if c.dep_ == "pobj"}
        i = tok.i
        while i - 1 in sibs:
            i -= 1
            toks.append(sibs[i])
        i = tok.i
        while i + 1 in sibs:
            i += 1
            toks.append(sibs[i])
    stack = list(toks)
    # "the Yemeni city of Marib", "the Turkish air base at Incirlik": the place is the
    # one named in the phrase, not the country of the adjective
    named = any(c.dep_ == "prep" and c.lower_ in ("of", "at", "in", "near") for c in tok.children)
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ in ("prep", "conj", "cc", "relcl", "acl", "punct", "appos"):
                continue
            toks.append(c)
            stack.append(c)
    found = places.within(min(t.idx for t in toks), max(t.idx + len(t) for t in toks))
    if not found:
        # "on the capital, N'Djamena", "from the provincial capital, Lashkar Gah": a
        # place noun's name in apposition
        for c in tok.children:
            if c.dep_ == "appos" and c.i > tok.i:
                found = places.named(c)
                if found:
                    break
    if named:
        norp = {(c.idx, c.idx + len(c)) for c in tok.children
                if c.dep_ == "amod" and c.ent_type_ == "NORP"}
        found = [i for i in found if (places.places[i].start, places.places[i].end) not in norp]
    return found


def _add(path: Path, role: str, idxs: list[int]) -> None:
    """Record doc.places indexes under a role; :func:`materialize` turns them into Places."""
    for i in idxs:
        if i not in path.used:
            path.used.add(i)
            path.roles.append((role, i))


_NAME_PREFIXES = ("al", "el", "ar", "as", "ad", "an", "at", "ash", "az")
_SITE_WORDS = {"camp", "base", "prison", "village", "town", "airport", "port"}


# "SDF-controlled", "rebel-held", "Turkish-backed": a name joined to these says who
# holds, runs or backs the thing named after it
HELD_BY = {"controlled", "held", "run", "backed", "led", "occupied", "dominated", "allied",
           "linked", "affiliated", "aligned", "sponsored", "supported", "administered", "ruled"}


def _controlled_by(tok: Any) -> bool:
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and nxt.text == "-" and tok.i + 2 < len(doc):
        nxt = doc[tok.i + 2]
    return nxt is not None and nxt.lower_ in HELD_BY and nxt.idx - (tok.idx + len(tok)) <= 1


def _unresolved(path: Path, role: str, prep: Any, actors: Any = None) -> None:
    """The proper name right after *from*/*to* that the places stage did not find,
    kept with its words only ("al-Roj", "Kafr Nabudah", "al-Hawl camp").  Not a name
    the actors stage knows ("defected to the SDF"), not a date."""
    toks = []
    for t in prep.doc[prep.i + 1: prep.i + 8]:
        if not toks and (t.dep_ in ("det", "amod", "nummod") and not t.text[:1].isupper()):
            continue  # "the smaller Roj camp"
        low = t.lower_
        if t.pos_ == "PROPN" or low in _NAME_PREFIXES or (t.text == "-" and toks) or (
                low in _SITE_WORDS and toks):
            toks.append(t)
            continue
        break
    while toks and toks[-1].text == "-":
        toks.pop()
    if toks and _controlled_by(toks[-1]):
        return  # "fled to an SDF-controlled area": a name of who holds it, no place
    if not toks or not any(t.text[:1].isupper() for t in toks) or any(
            t.ent_type_ in ("DATE", "TIME", "MONEY", "CARDINAL", "NORP") for t in toks):
        return
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
    if any(isinstance(p, Place) and p.start == start for _, p in path.roles):
        return
    if actors is not None and actors(start, end):
        return
    text = doc_text(prep.doc)[start:end]
    path.roles.append((role, Place(text=text, start=start, end=end, name=text,
                                   resolved_as="unresolved", score=0.0)))


def materialize(path: Path, doc: Document) -> Path:
    """Turn recorded place indexes into Place objects (a second origin becomes route)."""
    for role, i in path.roles:
        place = i if isinstance(i, Place) else doc.places[i]
        if role == "origin" and path.origin is None:
            path.origin = place
        elif role == "dest":
            path.destinations.append(place)
        else:
            path.route.append(place)
    return path
