"""Movements told over several sentences, folded into one movement event."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from kharita.model import Event


def chain_movements(events: list[Event], sent_of: dict[str, int], window: int = 4) -> list[Event]:
    """Fold successive mentions of one actor's movement into one movement event.

    "an Isis mass escape is ongoing from Deir Ezzor to Idlib" ... "small groups of
    Daesh jihadists move at night" are one movement told in steps: same moving actor
    (by actor id), movements within ``window`` sentences of each other, origins not in
    conflict.  The richest mention (most places) leads; the others lend manner,
    attribution, route and destinations.
    """
    out: list[Event] = []
    chains: list[tuple[str, list[Event]]] = []  # every chain, so an aside cannot end another
    for ev in events:
        key = _mover_id(ev)
        chainable = key and ev.kind == "movement" and ev.modality not in ("negated", "denied", "hypothetical")
        chain = _open_chain(chains, key, ev, sent_of, window) if chainable else None
        if chain is not None:
            chain.append(ev)
            continue
        out.append(ev)
        if chainable:
            chains.append((key, [ev]))
    for _, chain in chains:
        if len(chain) > 1:
            _fold(chain)
    return out


def _open_chain(chains: list[tuple[str, list[Event]]], key: str | None, ev: Event,
                sent_of: dict[str, int], window: int) -> list[Event] | None:
    """The chain of the same mover that ``ev`` continues, if any.

    Among open chains, one that already has an origin or destinations wins (a bare
    "they move at night" continues the journey, not an aside such as "leave the
    area"); then the most recent one.
    """
    best: list[Event] | None = None
    best_key: tuple[bool, int] = (False, -1)
    for n, (chain_key, chain) in enumerate(chains):
        if chain_key == key and sent_of[ev.id] - sent_of[chain[-1].id] <= window \
                and _compatible(chain[0], ev):
            placed = any(_named(e.origin) or any(map(_named, e.destinations)) for e in chain)
            if (placed, n) > best_key:
                best, best_key = chain, (placed, n)
    return best


def _mover_id(ev: Event) -> str | None:
    for role in ("mover", "actor1"):
        for a in ev.actors:
            if a.role == role and a.actor_id:
                return a.actor_id
    return None


def _compatible(a: Event, b: Event) -> bool:
    if a.mode != b.mode and "move" not in (a.mode, b.mode):
        return False
    named = [e.origin for e in (a, b) if _named(e.origin)]  # a nameless site ("leave the
    # area") conflicts with no named origin
    return not (len(named) == 2 and named[0].geonameid != named[1].geonameid)


def _fold(chain: list[Event]) -> None:
    """Make chain[0] carry the whole movement (the richest mention's fields first)."""
    lead = chain[0]
    # most places first; between equals, the telling with a told day and a source (a
    # lede, "Ukraine's army said on Saturday it had withdrawn ...", over its headline)
    # ... and, between equals still, the one an ACLED coder codes ("being pushed from
    # Raqqa, the fighters retreated to the valley": the retreat)
    richest = max(chain, key=lambda e: (_named(e.origin) + sum(map(_named, e.destinations)) + len(e.route),
                                        (e.origin is not None) + len(e.destinations),
                                        e.date_text is not None, e.attribution is not None,
                                        e.acled_event_type is not None))
    others = [ev for ev in chain if ev is not lead]
    if richest is not lead:
        # the lead's own telling lends its places like any other ("pushed from Raqqa")
        others.insert(0, replace(lead, destinations=list(lead.destinations),
                                 route=list(lead.route), manner=list(lead.manner),
                                 actors=[], evidence=None))
        if lead.evidence is not None:  # its own telling stays one of the event's
            lead.more_evidence.append(lead.evidence)
        for name in ("origin", "destinations", "route", "trigger", "evidence", "type", "mode",
                     "cameo", "acled_event_type", "acled_sub_event_type", "location"):
            setattr(lead, name, getattr(richest, name))
        if lead.modality == "asserted":
            lead.modality = richest.modality
    dest_ids = {(p.start, p.end) for p in lead.destinations}
    route_ids = {(p.start, p.end) for p in lead.route}
    for ev in others:
        if ev.origin is not None and (lead.origin is None or (
                not _named(lead.origin) and _named(ev.origin))):
            lead.origin = ev.origin
        for p in ev.destinations:
            if (p.start, p.end) not in dest_ids and p.geonameid not in {d.geonameid for d in lead.destinations if d.geonameid}:
                lead.destinations.append(p)
                dest_ids.add((p.start, p.end))
        for p in ev.route:
            if (p.start, p.end) not in route_ids:
                lead.route.append(p)
                route_ids.add((p.start, p.end))
        lead.manner.extend(m for m in ev.manner if m.text not in {x.text for x in lead.manner})
        if lead.attribution is None:
            lead.attribution = ev.attribution
        if lead.modality == "asserted" and ev.modality in ("ongoing",):
            lead.modality = ev.modality
        for a in ev.actors:
            if a.role == "facilitator" and a not in lead.actors:
                lead.actors.append(a)
        if ev.evidence is not None and ev.evidence not in lead.more_evidence \
                and ev.evidence != lead.evidence:
            lead.more_evidence.append(ev.evidence)
        lead.confidence = max(lead.confidence, ev.confidence)
    lead.route = distinct(lead.route)
    lead.destinations = distinct(lead.destinations)
    if any(map(_named, lead.destinations)):  # a nameless site yields to a named place
        lead.destinations = [d for d in lead.destinations if _named(d)]


def _named(p: Any) -> bool:
    """A place the telling names: not a nameless site ("their bases", see movements.py)
    nor the place a word pointing back stands for ("left the area", see the coder)."""
    return p is not None and p.resolved_as not in ("site", "pointed")


def distinct(places: list[Any]) -> list[Any]:
    """One place once: "the Middle Euphrates River Valley (MERV)" is one route."""
    seen: set[Any] = set()
    out = []
    for p in places:
        key = p.geonameid or (p.name or p.text).lower()
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out
