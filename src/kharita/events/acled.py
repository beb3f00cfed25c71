"""ACLED event type and sub-event type from the trigger class, the actors and weapons.

ACLED codes by what happened and to whom: a remote weapon (air strike, shelling,
IED, grenade, suicide bomb, chemical weapon) makes an Explosions/Remote violence
event whoever the target; otherwise violence between two armed sides is a Battle,
violence by an armed actor on civilians is Violence against civilians, force against
protesters is a Protest event; arrests, agreements, territory changes without
fighting, weapons seizures and looting are Strategic developments.  Events outside
ACLED's scope (statements, visits, aid) get no ACLED type.
"""

from __future__ import annotations

from dataclasses import dataclass

from kharita.events.roles import is_armed, is_civilian, is_state
from kharita.model import EventActor

BATTLES = "Battles"
REMOTE = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

WEAPON_SUB = {
    "chemical": "Chemical weapon",
    "suicide": "Suicide bomb",
    "drone": "Air/drone strike",
    "air": "Air/drone strike",
    "grenade": "Grenade",
    "ied": "Remote explosive/landmine/IED",
    "shelling": "Shelling/artillery/missile attack",
}
CLS_WEAPON = {"explosion": "ied", "air": "air", "shelling": "shelling", "grenade": "grenade",
              "chemical": "chemical"}
GOV_RETAKE = {"recapture", "retake", "liberate", "regain", "reclaim"}
TERRITORY_NOUNS = {"town", "village", "district", "city", "area", "territory", "province",
                   "region", "centre", "center", "airport", "border", "crossing",
                   "neighborhood", "neighbourhood", "oilfield", "field", "highway", "dam",
                   "control", "county", "municipality", "locality", "valley", "island",
                   "capital", "suburb", "quarter", "governorate", "state"}
# Military positions: taking one in a fight is a clash, not a change of territory.
POSITION_NOUNS = {"checkpoint", "point", "post", "outpost", "position", "base", "hill",
                  "compound", "camp", "headquarters", "station", "barracks", "bridge", "road",
                  "tank", "vehicle", "humvee", "convoy"}
GROUND_ATTACK = {"attack", "assault", "clash", "fight", "ambush", "storm", "raid", "battle",
                 "overrun", "repulse", "repel", "gunfight", "firefight", "skirmish"}
FIGHTING = {"fighting", "combat", "offensive", "counteroffensive", "battle", "clash", "gunbattle"}
# what flies at a target and can be brought down on its way: shooting it down is
# ACLED's disrupted weapons use, not an attack
MUNITION_NOUNS = {"drone", "uav", "missile", "rocket", "projectile", "shell"}
AIRCRAFT_NOUNS = {"helicopter", "jet", "plane", "aircraft", "warplane", "fighter-bomber", "gunship"}
INTERCEPTING = {"shoot", "intercept", "down", "destroy", "neutralize", "neutralise", "repel"}
WEAPON_NOUNS = {"weapon", "arm", "ammunition", "explosive", "ied", "bomb", "mine", "rocket",
                "cache", "rifle", "gun", "munition", "device", "vehicle", "drug", "missile"}


@dataclass
class Context:
    """What the ACLED rules look at for one event."""

    cls: str
    lemma: str
    actor1: EventActor | None
    actor2: EventActor | None
    weapon: str | None  # weapon class from the sentence's cue words
    patient_kind: str | None  # "place", "person", "position", "weapon", "munition", "aircraft" or None
    protest_cue: str | None  # "intervention" / "excessive" when force meets protesters
    has_place: bool = False
    ground: bool = False  # a ground attack word in the sentence (attack, clash, ambush...)
    ordinary_crime: bool = False  # a word of ordinary crime in the sentence (narcotics, theft...)
    fighting: bool = False  # "fighting", "combat", "offensive" in the sentence


# words of ordinary crime: arrests for these are policing, not political (ACLED codes
# arrests of protesters, activists, politicians, fighters and suspects of attacks)
ORDINARY_CRIME = {"narcotic", "narcotics", "theft", "burglary", "shoplifting", "larceny", "dui", "trespass",
                  "trespassing", "warrant", "vandalism", "speeding", "embezzlement", "counterfeit",
                  "poaching", "prostitution", "gambling", "drunk", "intoxicated", "carjacking",
                  "traffic"}
# ... unless the sentence ties them to armed groups, war or politics ("an activist
# arrested on a theft charge", "arrested on an ICC warrant")
POLITICAL_CUES = {"cartel", "militant", "rebel", "insurgent", "terrorist", "terrorism", "jihadist",
                  "militia", "protester", "protest", "activist", "opposition", "journalist",
                  "dissident", "blogger", "politician", "candidate", "lawmaker", "critic", "icc",
                  "tribunal", "war", "gunman", "gunmen", "gang", "genocide", "coup", "treason",
                  "sedition", "espionage"}


def acled_type(ctx: Context) -> tuple[str | None, str | None]:
    """(event_type, sub_event_type) or (None, None) when out of ACLED's scope."""
    cls = ctx.cls
    if cls in ("violence", "clash", "explosion", "air", "shelling", "grenade", "chemical"):
        return _violent(ctx)
    if cls == "capture":
        return _capture(ctx)
    if cls == "abduct":
        if is_armed(ctx.actor2) and ctx.actor2 is not None and ctx.actor2.inter != 7:
            return BATTLES, "Armed clash"  # soldiers taken in a fight: part of the battle
        return VAC, "Abduction/forced disappearance"
    if cls == "sexual":
        return VAC, "Sexual violence"
    if cls == "arrest":
        if ctx.actor1 is not None and is_armed(ctx.actor1) and not _detains_lawfully(ctx.actor1) \
                and not _fighters_taken(ctx):
            return VAC, "Abduction/forced disappearance"
        if ctx.ordinary_crime:
            # "police arrested six people during a narcotics investigation", "on two
            # outstanding warrants": policing of ordinary crime, which ACLED leaves out
            return None, None
        return STRATEGIC, "Arrests"
    if cls == "protest":
        if ctx.actor1 is not None and ctx.actor1.sector in OFFICIAL_SECTORS:
            # "Ankara has long protested at the alliance", "the EU chief will boycott
            # the summit": a government's or an organisation's objection, no demonstration
            return None, None
        if ctx.lemma == "boycott":
            # "opposition groups boycotted the summit", "a boycott of the vote": an
            # absence, no gathering in the street (PLOVER's PROTEST, no ACLED event)
            return None, None
        if ctx.protest_cue == "excessive":
            return PROTESTS, "Excessive force against protesters"
        if ctx.protest_cue == "intervention":
            return PROTESTS, "Protest with intervention"
        return PROTESTS, "Peaceful protest"
    if cls == "riot":
        return RIOTS, "Mob violence" if ctx.lemma in ("mob", "lynch") else "Violent demonstration"
    return _strategic(ctx)


# who objects by note or absence, not in the street: governments and international bodies
OFFICIAL_SECTORS = frozenset({"GOV", "IGO"})


# what a crowd of civilians does to someone that ACLED calls mob violence
MOB_ACTS = frozenset({"beat", "lynch", "stone", "burn", "torch", "hack", "mob"})


# who a victim is when the actor list does not know the words: unarmed people
PERSON_HEADS = frozenset({
    "people", "person", "man", "men", "woman", "women", "boy", "boys", "girl", "girls",
    "child", "children", "leader", "mayor", "official", "officials", "councillor",
    "councilor", "candidate", "judge", "lawyer", "politician", "inmate", "inmates",
    "prisoner", "prisoners", "detainee", "detainees", "worker", "workers", "villager",
    "villagers", "resident", "residents", "family", "families", "passenger", "passengers",
    "student", "students", "teacher", "teachers", "doctor", "nurse", "journalist",
    "activist", "activists", "farmer", "farmers", "driver", "drivers", "priest", "imam"})


_COLLECTIVES = frozenset({"group", "number", "crowd", "dozens", "hundreds", "scores", "family"})


def _unarmed_person(actor: EventActor | None) -> bool:
    """An actor the actor list left unnamed whose head word is a person ("a community
    leader", "a group of people", "the mayor")."""
    if actor is None or actor.actor_id or actor.inter is not None or is_armed(actor):
        return False
    words = (actor.text or "").lower().replace("'s", "").split()
    if not words:
        return False
    if "of" in words[1:]:  # "the mayor of Tumaco", "a group of people"
        head = words[words.index("of", 1) - 1]
        return head in PERSON_HEADS or (head in _COLLECTIVES and words[-1] in PERSON_HEADS)
    return words[-1] in PERSON_HEADS


def _violent(ctx: Context) -> tuple[str | None, str | None]:
    if ctx.patient_kind == "munition" and ctx.lemma in INTERCEPTING:
        return STRATEGIC, "Disrupted weapons use"  # "shot down a drone over the Red Sea"
    if ctx.patient_kind == "aircraft" and ctx.lemma in INTERCEPTING:
        return BATTLES, "Armed clash"  # "rebels shot down an army helicopter": fire from the ground
    weapon = CLS_WEAPON.get(ctx.cls) if ctx.cls != "explosion" else (
        ctx.weapon if ctx.weapon in ("suicide", "chemical", "grenade", "air", "drone") else "ied")
    if weapon is None and ctx.weapon in WEAPON_SUB and ctx.cls != "clash" and not (
            ctx.ground and ctx.weapon in ("shelling", "grenade")):
        # a clash or ground attack fought with rockets or grenades is still a battle:
        # ACLED's remote violence is violence whose author is not on the spot
        weapon = ctx.weapon
    if weapon is not None:
        return REMOTE, WEAPON_SUB[weapon]
    a1, a2 = ctx.actor1, ctx.actor2
    if a2 is not None and a2.sector == "PRO" or (a2 is not None and a2.inter == 6):
        if ctx.protest_cue == "intervention":
            # tear gas, batons, water cannon and nobody killed: ACLED's intervention
            return PROTESTS, "Protest with intervention"
        return PROTESTS, "Excessive force against protesters"
    if a1 is not None and (a1.inter in (5, 6) or a1.sector == "PRO"):
        # demonstrators who storm, clash or burn: ACLED's violent demonstration
        return RIOTS, "Mob violence" if is_civilian(a2) and a1.inter != 6 else "Violent demonstration"
    if ctx.cls != "clash" and is_civilian(a1) and ctx.lemma in MOB_ACTS and not is_armed(a2):
        return RIOTS, "Mob violence"  # "villagers beat a man to death"
    if ctx.cls != "clash" and (is_civilian(a2) or _unarmed_person(a2)) and not (
            is_armed(a2) or (is_civilian(a1) and a1.actor_id is None)):
        # "gunmen shot a community leader", "two men on a motorbike shot the mayor":
        # ACLED codes violence on unarmed people (officials too) as an attack on
        # civilians, whoever the unnamed author
        return VAC, "Attack"
    if ctx.cls != "clash" and a2 is None and is_civilian(a1) and ctx.lemma in (
            "kill", "wound", "injure", "murder", "shoot"):
        # "3 civilians were killed" puts the civilians in the patient slot already;
        # a civilian agent with no target is a misparse of the same thing
        return VAC, "Attack"
    if ctx.cls != "clash" and a1 is None and not is_armed(a2) and ctx.lemma in ONE_SIDED_ACTS:
        # "the stabbing occurred during a lecture", "the murder shocked the town": an act
        # done to someone, not a fight between two armed sides
        return VAC, "Attack"
    return BATTLES, "Armed clash"


# acts one side does to a victim; with no armed side named they are no battle
ONE_SIDED_ACTS = {"stab", "stabbing", "murder", "assassinate", "assassination", "behead",
                  "beheading", "lynch", "lynching", "strangle", "hack", "knife", "stone",
                  "stoning", "execute", "execution", "torture"}


def _detains_lawfully(actor: EventActor) -> bool:
    """State forces at home, or foreign/international forces (ACLED inter 8: Israeli
    troops in the West Bank, peacekeepers): their detentions are Arrests, an armed
    group's are abductions."""
    return is_state(actor) or actor.inter == 8


def _fighters_taken(ctx: Context) -> bool:
    """The people taken are fighters of an armed group ("the SDF captured two Isis
    militants"): violence against civilians it is not; outside a battle, ACLED codes
    the capture as a strategic development."""
    return ctx.actor2 is not None and is_armed(ctx.actor2) and ctx.actor2.inter not in (None, 7)


def _capture(ctx: Context) -> tuple[str | None, str | None]:
    if ctx.patient_kind in ("weapon", "munition"):
        return STRATEGIC, "Disrupted weapons use"
    if ctx.patient_kind == "position":
        return BATTLES, "Armed clash"
    if ctx.patient_kind == "person":
        if is_state(ctx.actor2) and is_armed(ctx.actor2) and not is_state(ctx.actor1):
            # "the militants said they had seized and executed several guards":
            # soldiers taken by the other side are part of the fight
            return BATTLES, "Armed clash"
        if (ctx.ground or ctx.fighting) and is_armed(ctx.actor2):
            # "the army killed 300 rebels and captured 150 in fighting": fighters taken
            # in a battle are part of it
            return BATTLES, "Armed clash"
        if ctx.actor1 is not None and is_armed(ctx.actor1) and not _detains_lawfully(ctx.actor1) \
                and not _fighters_taken(ctx):
            return VAC, "Abduction/forced disappearance"
        return STRATEGIC, "Arrests"
    if ctx.actor1 is not None and (is_state(ctx.actor1) or is_armed(ctx.actor1)):
        if is_state(ctx.actor1):
            return BATTLES, "Government regains territory"
        return BATTLES, "Non-state actor overtakes territory"
    if ctx.lemma in GOV_RETAKE:
        return BATTLES, "Government regains territory"
    return BATTLES, "Non-state actor overtakes territory"


def _strategic(ctx: Context) -> tuple[str | None, str | None]:
    cls = ctx.cls
    armed = is_armed(ctx.actor1) or is_armed(ctx.actor2)
    if cls == "defuse":
        return STRATEGIC, "Disrupted weapons use"
    if cls == "loot":
        if ctx.actor1 is not None and ctx.actor1.inter in (5, 6):
            # protesters or a mob burning a police post: a riot, not looting apart
            return RIOTS, "Violent demonstration" if ctx.actor1.inter == 6 else "Mob violence"
        return STRATEGIC, "Looting/property destruction"
    if cls == "base":
        return STRATEGIC, "Headquarters or base established"
    if cls == "agreement" and (armed or ctx.lemma in ("ceasefire", "cease-fire", "truce",
                                                       "armistice", "surrender")):
        return STRATEGIC, "Agreement"
    if cls == "transfer" and armed:
        if ctx.has_place:
            return STRATEGIC, "Non-violent transfer of territory"
        return STRATEGIC, "Change to group/activity"
    if cls == "change" and armed:
        return STRATEGIC, "Change to group/activity"
    return None, None
