"""One happening told twice gives one event: a headline and its lede, a summary
sentence and the paragraph that retells it.

News headlines summarise the lede: "RSF shelling kills 14 in El Fasher" over "The
Rapid Support Forces shelled a market in El Fasher on Monday, killing 14 people,
medics said."  Coded separately they are two events for one happening, the
duplicate GDELT is known for.  The body event is the richer one (date, attribution,
full actor names), so it absorbs the headline's: the headline sentence joins its
``more_evidence`` and fills what the body left empty (a count, an actor, a place).

The headline is folded into a body event that cannot be a different happening:
same PLOVER type, kind and ACLED event type; no conflicting named actor, place, date
or count; both told as fact.  Two body events are folded on stricter terms, ACLED's
own unit of an event (:func:`merge_retold`): the same actors in the same roles, at
the same resolved place, on the same date, with the same type, sub-type and
modality, and counts that agree.  Anything in doubt stays two events: an analyst can
merge, but cannot split what was merged wrongly.

A later telling that only points back ("the strike", "the attack", "Monday's
bombing") names no place of its own, or only the country, and often no day: it
takes the place and day of the happening it points back to, the nearest earlier
event of the same kind (:func:`antecedent`, :func:`take_place`), as
``resolved_as="retold"``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from kharita.events.modality import continuing
from kharita.model import Document, Event, Place
from kharita.places.resolve import haversine_km

# places this close are one place for the purpose of a headline ("El Fasher" vs a
# district of it); beyond it, two places are two happenings
SAME_PLACE_KM = 30.0
_FACT = {"asserted", "ongoing"}


def headline_end(doc: Document) -> int | None:
    """Where the document's headline line ends, or None if its text has none.

    The first line is the headline when it is the document's title (as the text
    stage stores plain-text pages and JSONL articles that repeat their title) and
    the text goes on after it.
    """
    if not doc.title or "\n" not in doc.text:
        return None
    first = doc.text.split("\n", 1)[0]
    if " ".join(first.split()).casefold() != " ".join(doc.title.split()).casefold():
        return None
    return len(first)


def merge_headline(events: list[Event], doc: Document) -> list[Event]:
    """Fold each headline event into the first body event that tells the same happening."""
    end = headline_end(doc)
    if end is None:
        return events
    heads = [e for e in events if e.evidence is not None and e.evidence.start < end]
    body = [e for e in events if e.evidence is not None and e.evidence.start >= end]
    dropped: set[int] = set()
    for head in heads:
        same = next((b for b in body if same_happening(head, b)), None)
        if same is not None:
            absorb(same, head)
            dropped.add(id(head))
    return [e for e in events if id(e) not in dropped]


def merge_retold(events: list[Event]) -> list[Event]:
    """Fold a later event into an earlier one that is the same happening told again
    ("try to deal with the SDF to get a safe-conduct" in a summary and in the body)."""
    out: list[Event] = []
    for ev in events:
        first = next((o for o in out if retold(o, ev)), None)
        if first is None:
            out.append(ev)
        else:
            absorb(first, ev)
    return out


def retold(a: Event, b: Event) -> bool:
    """ACLED's unit: same actors, place, date, type, sub-type and modality; counts agree."""
    if a.kind != "event" or b.kind != "event":
        return False  # movements are chained by chains.py
    if (a.type, a.mode, a.acled_event_type, a.acled_sub_event_type, a.modality, a.date) != (
            b.type, b.mode, b.acled_event_type, b.acled_sub_event_type, b.modality, b.date):
        return False
    if a.location is None or b.location is None or a.location.geonameid is None \
            or a.location.geonameid != b.location.geonameid:
        return False
    if (a.location.resolved_as == "focus") != (b.location.resolved_as == "focus"):
        return False  # one told its place, the other's is a guess from the document's focus
    if _actor_key(a, "actor1") is None or any(
            _actor_key(a, role) != _actor_key(b, role) for role in ("actor1", "actor2")):
        return False
    return _counts_agree(a, b)


def same_happening(head: Event, body: Event) -> bool:
    """Whether nothing in the two events tells them apart."""
    if (head.type, head.kind) != (body.type, body.kind):
        return False
    if head.modality not in _FACT or body.modality not in _FACT:
        return False
    if head.acled_event_type and body.acled_event_type and head.acled_event_type != body.acled_event_type:
        # a headline's few words type less surely ("Israeli strikes kill 20" reads as
        # a clash, the body says air strikes): the same named doer overrides
        doer = _actor_id(head, "actor1")
        if doer is None or doer != _actor_id(body, "actor1"):
            return False
    for role in ("actor1", "actor2", "mover"):
        a, b = _actor_id(head, role), _actor_id(body, role)
        if a and b and a != b:
            return False
    if head.date and body.date and head.date != body.date:
        return False
    if not _counts_agree(head, body):
        return False
    return _same_place(head.location, body.location) and _same_place(head.origin, body.origin)


def absorb(body: Event, head: Event) -> None:
    """Give ``body`` the headline's evidence and whatever the body did not say."""
    for span in [head.evidence, *head.more_evidence]:
        if span is not None and span not in body.more_evidence:
            body.more_evidence.append(span)
    for name in ("fatalities", "injured", "arrested", "location", "origin", "date", "attribution"):
        if getattr(body, name) is None and getattr(head, name) is not None:
            setattr(body, name, getattr(head, name))
            if name == "date":
                body.date_precision, body.date_text = head.date_precision, head.date_text
    roles = {a.role for a in body.actors}
    body.actors.extend(a for a in head.actors if a.role not in roles)
    if not body.destinations:
        body.destinations = list(head.destinations)
    body.confidence = max(body.confidence, head.confidence)


def _counts_agree(a: Event, b: Event) -> bool:
    for name in ("fatalities", "injured", "arrested"):
        x, y = getattr(a, name), getattr(b, name)
        if x is not None and y is not None and not (y.low <= x.best <= y.high or x.low <= y.best <= x.high):
            return False
    return True


def _actor_key(ev: Event, role: str) -> str | None:
    """Who plays ``role``: the actor id, else the typed name ("Civilians (Sudan)")."""
    return next((a.actor_id or a.name for a in ev.actors if a.role == role), None)


def _named_doer_id(ev: Event) -> str | None:
    """Actor1's id unless it is an unidentified armed group ("gunmen")."""
    from kharita.actors.kb import load_kb

    aid = _actor_id(ev, "actor1")
    return None if aid and load_kb().generic_kind(aid) == "armed_group" else aid


def claimed(tok: Any) -> bool:
    """The trigger is what a claim of responsibility names: "X claimed the attack",
    "claimed responsibility for the bombing"."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_.lower() == "responsibility":
        head = head.head.head
        return head.lemma_.lower() in ("claim", "accept", "admit")
    return tok.dep_ == "dobj" and head.lemma_.lower() == "claim"


def claimant_is_doer(ev: Event, prev: Event) -> None:
    """"Gunmen attacked a post ... JNIM claimed the attack": the group that claims a
    happening told before did it; it replaces an unidentified doer there."""
    from kharita.actors.kb import load_kb

    kb = load_kb()
    who = next((a for a in ev.actors if a.role == "actor1" and a.actor_id), None)
    if who is None or kb.generic_kind(who.actor_id) is not None:
        return
    doer = next((a for a in prev.actors if a.role == "actor1"), None)
    if doer is not None and (not doer.actor_id or kb.generic_kind(doer.actor_id) != "armed_group"):
        return
    prev.actors = [dataclasses.replace(who), *(a for a in prev.actors if a is not doer)]


def _actor_id(ev: Event, role: str) -> str | None:
    return next((a.actor_id for a in ev.actors if a.role == role and a.actor_id), None)


def _same_place(a: Place | None, b: Place | None) -> bool:
    """Unknown on either side, the same place, one inside the other, or very close."""
    if a is None or b is None:
        return True
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    if a.country and b.country and a.country != b.country:
        return False
    for coarse, fine in ((a, b), (b, a)):
        # a country headline over a town or province in it; a province over its town
        if (coarse.feature_code or "").startswith("PCL") and coarse.country == fine.country:
            return True
        if (coarse.resolved_as == "direction" and coarse.admin1 is None and fine.resolved_as != "direction"
                and coarse.country == fine.country):
            return True  # "northwest Nigeria" over a town in Nigeria: as its country would be
        if ((coarse.feature_code == "ADM1" or (coarse.precision or 1) > (fine.precision or 1))
                and coarse.admin1 and coarse.admin1 == fine.admin1):
            return True
    if None not in (a.lat, a.lon, b.lat, b.lon):
        return haversine_km(a.lat, a.lon, b.lat, b.lon) <= SAME_PLACE_KM  # type: ignore[arg-type]
    return False


# determiners and day words that point back to a happening already told: "the
# strike", "this attack", "Monday's bombing", "last week's raids"
_DEFINITE = {"the", "this", "that", "these", "those"}
_DAY_OWNERS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
               "yesterday", "today", "tonight", "week", "weekend", "night", "day", "morning",
               "afternoon", "evening", "month"}
# words that make the phrase another happening or a kind: "the next attack", "such
# strikes", "the first raid", "a similar bombing"
_OTHER = {"such", "next", "first", "second", "third", "previous", "earlier", "other", "similar",
          "new", "another", "future", "possible", "potential", "further", "subsequent", "last",
          "past", "prior", "former", "any", "every", "each", "many", "several", "more"}
# fine enough for a country-wide word ("the war", "the truce"): the location stage puts
# it in the whole country on purpose
_COUNTRY_WIDE = {"war", "ceasefire", "truce", "conflict", "insurgency", "hostilities", "armistice",
                 "uprising", "revolution", "crisis"}
# nouns for a state of things, not one happening: "the violence", "the unrest"
_STATES = {"violence", "unrest", "bloodshed", "turmoil", "chaos", "instability", "insecurity",
           "repression", "persecution", "terrorism", "terror"}
# verbs that tell what an act did to people, not the act: "nine were killed" may be
# told of any of a story's happenings
_HARM = {"kill", "die", "wound", "injure", "hurt", "murder"}
_NOT_TOLD = {"planned", "threatened", "hypothetical", "negated"}
COUNTRY = 10


def points_back(tok: Any) -> bool:
    """The trigger is an event noun told as known: "the strike", "this attack",
    "Monday's bombing", "last week's raids"; not "an attack", "attacks", "such
    attacks", "the next attack" nor "the two raids" (which may be two happenings)."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() in _COUNTRY_WIDE | _STATES:
        return False
    told = day = False
    for c in tok.children:
        low = c.lower_
        if c.dep_ == "det":
            if low not in _DEFINITE:
                return False
            told = True
        elif c.dep_ == "poss":
            if low not in _DAY_OWNERS and c.lemma_.lower() not in _DAY_OWNERS:
                return False  # "the army's attack" tells whose, not which
            told = day = True
        elif c.dep_ == "nummod" or c.tag_ == "JJS" or (
                c.dep_ in ("amod", "advmod", "predet", "quantmod") and low in _OTHER):
            return False  # "the two raids", "the deadliest attacks", "the next strike"
    # "the protests", "the killings": a wave of happenings, not the one told before
    # ("Sunday's clashes" are that day's)
    return told and (tok.tag_ != "NNS" or day)


# verbs by which a happening is told as going on: "attacks on the post were
# continuing", "the fighting raged on", "kept shelling", "continued their raids"
_GO_ON = {"continue", "persist", "rage", "drag", "go", "carry", "keep"}
_GOING_ON_ADJ = {"ongoing", "continuing", "continued", "persistent"}


def goes_on(tok: Any) -> bool:
    """The trigger is told as going on: a happening still under way when the article
    tells it again is the one it told before, not another ("police said attacks on
    the post were continuing", "the shelling went on", "continued their raids");
    not the war or the violence, which are told going on anywhere."""
    if tok.lemma_.lower() in _COUNTRY_WIDE | _STATES:
        return False
    if any(c.dep_ == "amod" and c.lower_ in _GOING_ON_ADJ for c in tok.children):
        return True
    head = tok.head
    lem = head.lemma_.lower()
    if head.i == tok.i or lem not in _GO_ON or not continuing(head):
        return False  # "went ahead", "carried out": done, not going on
    if tok.dep_ == "nsubj":
        return lem != "keep"
    return tok.dep_ in ("xcomp", "dobj") and lem in ("continue", "keep")


def fineness(place: Place | None) -> int:
    """Lower is finer: ACLED's precision 1-3; a country coarser than any of them."""
    if place is None:
        return 99
    if (place.feature_code or "").startswith("PCL"):
        return COUNTRY
    return place.precision or 3


def named_target(tok: Any) -> list[str]:
    """The proper names a pointing-back noun's own phrase gives its target: "March's
    attack *on Sergei Skripal*", "the killing *of Omar Haddad*"."""
    names = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("on", "against", "of"):
            for o in c.children:
                if o.dep_ == "pobj" and o.pos_ == "PROPN" and o.ent_type_ not in (
                        "DATE", "TIME", "CARDINAL", "ORDINAL"):  # "the attack on Tuesday"
                    names.append(o.text)
    return names


_VIOLENT = {"Battles", "Violence against civilians", "Explosions/Remote violence"}


def _untargeted(ev: Event) -> bool:
    """No target told: the ACLED type was chosen by default, not by whom it hit."""
    return not any(a.role == "actor2" for a in ev.actors)


def antecedent(ev: Event, lemma: str, told: bool, earlier: list[tuple[Event, str]],
               names: list[str] | None = None, finer: bool = True) -> Event | None:
    """The nearest earlier event ``ev`` points back to, if its place is finer than the
    one ``ev`` got: told as fact, of the same ACLED event type or PLOVER type, with
    a trigger of the same word or word family, not a harm verb ("killed"), in the same country, and with no named
    doer or (when ``told``, ``ev``'s sentence tells its own date) date that tells them
    apart; a target ``ev``'s own phrase names (``names``) must be in the earlier telling.
    ``finer=False`` finds it whatever its place (to pass on a claimant, not a place).
    ``earlier`` holds the events before it with their trigger lemmas."""
    here = fineness(ev.location)
    country = ev.location.country if ev.location is not None else None
    for prev, prev_lemma in reversed(earlier):
        if prev.kind != "event" or prev.modality in _NOT_TOLD or prev_lemma in _HARM | _STATES:
            continue
        if not ev.acled_event_type or (prev.acled_event_type != ev.acled_event_type and not (
                _untargeted(ev) and {prev.acled_event_type, ev.acled_event_type} <= _VIOLENT)):
            continue  # an act of ACLED's kind points back to one of the same type only
            # ("the missile strike" is not the attack told before in another country;
            # "the meeting", "the hearing" are no happenings of ACLED's) - unless its
            # type is only the default of a telling that names no target ("no group
            # has claimed the attack" after gunmen attacked a market)
        if not _same_word(prev_lemma, lemma):
            continue
        a, b = _named_doer_id(ev), _named_doer_id(prev)
        if a and b and a != b:
            continue  # (an unidentified armed group is nobody in particular)
        if names and not any(n in (prev.evidence.text if prev.evidence else "") for n in names):
            continue  # "the attack on X" is not an attack told without X
        if told and not _same_time(ev, prev):
            continue  # "the bombing of an airliner in 2015" is not Monday's bombing
        loc = prev.location
        if finer and (loc is None or loc.resolved_as in ("focus", "dateline") or fineness(loc) >= here):
            continue
        if country and loc is not None and loc.country != country:
            continue
        return prev
    return None


def take_place(ev: Event, prev: Event, dated: bool) -> None:
    """``ev`` happened where ``prev`` did (its place and precision, ``resolved_as``
    "retold") and, unless its own sentence dates it (``dated``), when; a week, month
    or year its sentence tells ("the strike this week") yields to the finer day of
    ``prev`` inside it."""
    assert prev.location is not None
    ev.location = dataclasses.replace(prev.location, resolved_as="retold")
    if prev.date is None:
        return
    if not dated or ((ev.date_precision or 1) > (prev.date_precision or 1) and _same_time(ev, prev)):
        ev.date, ev.date_precision, ev.date_text = prev.date, prev.date_precision, prev.date_text


# how far (days) a date of each ACLED time precision may lie from the day it stands
# for: a day, a week ("last week": its middle), a month or a year (its middle or the
# publication day)
_SLACK = {1: 0, 2: 7, 3: 45}


def _same_time(a: Event, b: Event) -> bool:
    """The two dates may be one day: equal, or within the slack of the coarser."""
    if a.date is None or b.date is None:
        return True
    try:
        gap = abs((dt.date.fromisoformat(a.date) - dt.date.fromisoformat(b.date)).days)
    except ValueError:
        return a.date == b.date
    return gap <= max(_SLACK.get(a.date_precision or 1, 45), _SLACK.get(b.date_precision or 1, 45))


# words for one kind of act: a later noun points back to an act told with any of them
# ("gunmen abducted ..." ... "the kidnapping"); a kind the ACLED sub-type alone does
# not tell apart ("the shooting" is not the storming told before it)
_FAMILIES = [
    {"strike", "airstrike", "bomb", "bombing", "bombardment", "shell", "shelling", "salvo", "barrage",
     "hit", "pound", "blast", "explosion", "explode", "rocket", "missile"},
    {"attack", "assault", "raid", "storm", "overrun", "ambush", "strike", "hit"},
    {"shoot", "shooting", "gunfire"},
    {"kidnap", "kidnapping", "abduct", "abduction", "seize", "seizure"},
    {"fight", "fighting", "clash", "battle", "skirmish", "shooting"},
    {"protest", "march", "rally", "demonstrate", "demonstration", "sit-in"},
    {"arrest", "detain", "detention"},
    {"assassinate", "assassination"},
]


def _same_word(a: str, b: str) -> bool:
    """One lemma, a verb and its -ing noun ("bombed" ... "the bombing"), or two words
    of one family (:data:`_FAMILIES`)."""
    return a == b or a + "ing" == b or b + "ing" == a or any(a in f and b in f for f in _FAMILIES)
