"""One happening, one event: fold every telling of a happening in an article together.

An article tells its news several times: the headline, the lede, a quote, a recap
further down ("Details of Sunday's fighting were sketchy ...").  ACLED's unit is one
kind of happening by the same actors at the same place on the same day, so the
tellings become one event whose ``evidence`` is the best telling (the one most
likely coded) and whose ``mentions`` list every telling in text order; fields the
best telling leaves empty are filled from the others (the most precise place, a day
rather than a week, a named actor, a count).

Which tellings are one happening is decided by a learned model of pairs
(``same`` in :mod:`kharita.reporting.model`, over :func:`kharita.reporting.features.pair_features`:
same type or not, sentences apart, places, days, actors, counts, marks), trained on
the project's corpus where every telling of every event is annotated.  Without it, a
rule: events are folded only inside one group (same ACLED event type or both
movements; same background/aggregate marks; both told as fact, or both
plans/threats) and only when nothing tells them apart: two resolved places far apart
and neither inside the other, two different days both known to the day, or named
doers with nobody in common.
"""

from __future__ import annotations

from collections.abc import Callable

from kharita.actors.kb import load_kb
from kharita.events.retold import _same_place
from kharita.model import Event, EventActor, Span

# what a named party plans or threatens: told, not done
PLANS = frozenset({"planned", "threatened"})
_DOUBT = {"hypothetical"}


def _family(ev: Event) -> str:
    return ev.acled_event_type or "Movement"


def _modality_group(ev: Event) -> str:
    if ev.modality in PLANS:
        return "plan"
    if ev.modality in _DOUBT:
        return "doubt"
    return "fact"


def group_key(ev: Event) -> tuple[str, bool, bool, str]:
    return (_family(ev), ev.background, ev.aggregate, _modality_group(ev))


def _named(ev: Event) -> set[str]:
    kb = load_kb()
    return {kb.same_as(a.actor_id) for a in ev.actors if a.actor_id}


def _doer(ev: Event) -> str | None:
    return next((load_kb().same_as(a.actor_id) for a in ev.actors
                 if a.role == "actor1" and a.actor_id), None)


def compatible(a: Event, b: Event) -> bool:
    """Nothing in the two events tells them apart (see the module docstring)."""
    if group_key(a) != group_key(b):
        return False
    if not _same_place(a.location, b.location):
        return False
    if (a.date and b.date and a.date != b.date and a.date_precision == 1
            and b.date_precision == 1 and a.date_text is not None and b.date_text is not None):
        return False
    da, db = _doer(a), _doer(b)
    if da and db and da != db and da not in _named(b) and db not in _named(a):
        return False
    return _family(a) != "Movement" or _same_path(a, b)


def _one_sentence(a: Event, b: Event) -> bool:
    """Both are told by the same sentence."""
    return a.evidence is not None and b.evidence is not None and a.evidence.start == b.evidence.start


def _movers(ev: Event) -> set[str]:
    return {(m.actor_id or m.name or m.text or "").lower() for m in ev.actors if m.role == "mover"} - {""}


def _path(ev: Event) -> list:
    """The places a telling names on its path (not those a word pointing back stands
    for: "left the area" may point at any place of the happening)."""
    return [p for p in [ev.origin, *ev.destinations] if p is not None and p.resolved_as != "pointed"]


def _same_path(a: Event, b: Event) -> bool:
    """Two tellings of one movement share a place of their path (when both tell one)
    and do not name different movers."""
    ma, mb = _movers(a), _movers(b)
    if ma and mb and not ma & mb:
        return False
    pa, pb = _path(a), _path(b)
    if pa and pb:
        return any(_close(x, y) for x in pa for y in pb)
    return True


def _close(x, y) -> bool:
    if x.geonameid is not None and x.geonameid == y.geonameid:
        return True
    return (x.text or "").lower() == (y.text or "").lower() or _same_place(x, y) and (
        x.geonameid is not None and y.geonameid is not None)


def fold(events: list[Event], score: dict[int, float],
         same: Callable[[Event, Event], float] | None = None, threshold: float = 0.5,
         headline_end: int | None = None) -> list[Event]:
    """Fold the tellings of one happening; ``score[id(ev)]`` ranks tellings (the best
    becomes the evidence).  ``same(a, b)`` is the probability that two events tell one
    happening (the learned model); without it, :func:`compatible` decides.  An event
    joins the cluster it is most likely the same as, on average over the cluster's
    members, when that is at least ``threshold``; else it starts its own."""
    order = sorted(events, key=lambda e: -score.get(id(e), 0.0))
    clusters: list[list[Event]] = []
    for ev in order:
        home, best = None, threshold
        for c in clusters:
            if same is None:
                p = 1.0 if all(compatible(ev, o) for o in c) else 0.0
            elif any((ev.kind == "movement") != (o.kind == "movement") and not _one_sentence(ev, o)
                     for o in c):
                # a movement and an act told apart are two happenings, however close; in
                # one sentence the movement may be a step of the act ("returned to the
                # village and detained 15 men"), which the model judges
                p = 0.0
            elif any({ev.modality, o.modality} & PLANS and "historical" in {ev.modality, o.modality}
                     for o in c):
                p = 0.0  # so are a plan or threat and a deed told as done before
            else:
                p = sum(same(ev, o) for o in c) / len(c)
            if p >= best:
                home, best = c, p
        if home is None:
            clusters.append([ev])
        else:
            home.append(ev)
    out = [_merge(_lead(c, score, headline_end)) for c in clusters]
    out.sort(key=lambda e: e.evidence.start if e.evidence else 0)
    return out


# A telling this close to the best one's score is as good evidence; the earliest of
# them (a headline or lede before a recap) becomes the event's evidence.
LEAD_MARGIN = 0.15


def _lead(cluster: list[Event], score: dict[int, float], headline_end: int | None = None) -> list[Event]:
    """The cluster with its evidence-to-be first: the earliest telling scored within
    :data:`LEAD_MARGIN` of the best (news tells a happening first, then recaps it),
    the lede rather than the headline (a headline's few words say less, often in the
    present tense: "Ukraine pulls troops out of Avdiivka")."""
    top = max(score.get(id(e), 0.0) for e in cluster)
    near = [e for e in cluster if score.get(id(e), 0.0) >= top - LEAD_MARGIN]
    body = [e for e in near if headline_end is None or e.evidence is None
            or e.evidence.start >= headline_end]
    lead = min(body or near, key=lambda e: e.evidence.start if e.evidence else 0)
    return [lead] + [e for e in cluster if e is not lead]


# ACLED's political violence: one fight may be told as a clash, a shelling, a killing
_VIOLENCE = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


def _same_kind(a: Event, b: Event) -> bool:
    """Tellings whose doers may stand for each other: the same ACLED type, or both
    political violence (not an arrest told beside the fight before it)."""
    return a.acled_event_type == b.acled_event_type or (
        a.acled_event_type in _VIOLENCE and b.acled_event_type in _VIOLENCE)


def _inferred(actor: EventActor) -> bool:
    """An actor the events stage inferred rather than read ("Unidentified Armed Group
    (Syria)" for a bomb with no named author): no words of the text stand for it."""
    return not actor.actor_id and actor.start == actor.end


def _named_doer(best: Event, rest: list[Event]) -> None:
    """A doer another telling names beats one the best telling only inferred: "killed
    while clearing mines" (unidentified) is the same happening as "a house
    booby-trapped by the jihadists" (Islamic State)."""
    doer = next((a for a in best.actors if a.role == "actor1"), None)
    if doer is not None and not _inferred(doer):
        return
    # only a telling of the same kind of act says who did this one, and whoever it
    # was done to is never its doer ("a soldier arrested after fighting Isis": the
    # soldier who fought is the arrest's target, not its author)
    kb = load_kb()
    undergone = set() if best.acled_event_type == "Battles" else {  # a battle hurts both sides
        kb.same_as(a.actor_id) for a in best.actors
        if a.actor_id and a.role in ("actor2", "assoc_actor2", "mover")}
    named = next((a for ev in rest if _same_kind(ev, best)
                  for a in ev.actors if a.role == "actor1" and a.actor_id
                  and kb.same_as(a.actor_id) not in undergone), None)
    if named is None:
        return
    best.actors = [named, *(a for a in best.actors if a is not doer)]


def _span_key(s: Span) -> tuple[int, int]:
    return (s.start, s.end)


def _merge(cluster: list[Event]) -> Event:
    best = cluster[0]
    spans: dict[tuple[int, int], Span] = {}
    for ev in cluster:
        for s in [ev.evidence, *ev.mentions, *ev.more_evidence]:
            if s is not None:
                spans.setdefault(_span_key(s), s)
    best.mentions = sorted(spans.values(), key=_span_key)
    best.more_evidence = [s for s in best.mentions
                          if best.evidence is None or _span_key(s) != _span_key(best.evidence)]
    rest = cluster[1:]
    if not rest:
        return best
    # a more precise place from another telling, when it lies in the best telling's
    # country: "in Afghanistan" yields to a town of Afghanistan, never to Washington
    # (where a recap was spoken or decided)
    here = best.location
    place = min((e.location for e in cluster if e.location is not None and (
                    here is None or here.country is None or e.location.country == here.country)),
                key=lambda p: (p.precision or 9, p.geonameid is None), default=None)
    if place is not None and (here is None or (place.precision or 9) < (here.precision or 9)):
        best.location = place
    if best.date_text is None or best.date_precision != 1:
        dated = next((e for e in rest if e.date_text is not None and e.date_precision == 1), None)
        if dated is not None:
            best.date, best.date_precision, best.date_text = dated.date, dated.date_precision, dated.date_text
    _named_doer(best, rest)
    roles = {a.role for a in best.actors}
    for ev in rest:
        for a in ev.actors:
            if a.role in ("actor1", "assoc_actor1") and not _same_kind(ev, best):
                continue  # who did another kind of act did not do this one
            if a.role not in roles and not (a.actor_id and load_kb().same_as(a.actor_id) in _named(best)):
                best.actors.append(a)
                roles.add(a.role)
    for name in ("fatalities", "injured", "arrested", "attribution", "origin"):
        if getattr(best, name) is None:
            got = next((getattr(e, name) for e in rest if getattr(e, name) is not None), None)
            if got is not None:
                setattr(best, name, got)
    if not best.destinations:
        best.destinations = next((list(e.destinations) for e in rest if e.destinations), [])
    return best
