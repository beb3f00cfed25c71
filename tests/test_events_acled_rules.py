"""ACLED's event type from who acts on whom (kharita.events.acled): the street and the
crowd.  Written from the ACLED codebook's definitions of Riots and Protests."""

from __future__ import annotations

import pytest

from kharita.events import acled
from kharita.model import EventActor


def _actor(role: str, name: str, inter: int, sector: str | None = None) -> EventActor:
    return EventActor(role=role, actor_id=name.lower(), name=name, text=name, start=0, end=0,
                      sector=sector, inter=inter)


PROTESTERS = _actor("actor1", "Protesters", 6, "CVL")  # as the actor list has them
RIOTERS = _actor("actor1", "Rioters", 5, "CVL")
VILLAGERS = _actor("actor1", "Civilians", 7, "CVL")
POLICE = _actor("actor1", "Police", 1, "COP")


def _ctx(cls, lemma, a1, a2=None, cue=None):
    return acled.Context(cls=cls, lemma=lemma, actor1=a1, actor2=a2, weapon=None,
                         patient_kind=None, protest_cue=cue)


@pytest.mark.parametrize("ctx,expected", [
    # demonstrators who storm or clash: a violent demonstration, not an armed clash
    (_ctx("violence", "storm", PROTESTERS), ("Riots", "Violent demonstration")),
    (_ctx("clash", "clash", PROTESTERS, _actor("actor2", "Police", 1)),
     ("Riots", "Violent demonstration")),
    # protesters burning a police post: the riot, not looting apart
    (_ctx("loot", "burn", PROTESTERS), ("Riots", "Violent demonstration")),
    (_ctx("loot", "loot", RIOTERS), ("Riots", "Mob violence")),
    # a crowd of villagers beating a man
    (_ctx("violence", "beat", VILLAGERS, _actor("actor2", "Civilians", 7, "CVL")),
     ("Riots", "Mob violence")),
    # force against protesters: tear gas is an intervention, killing is excessive force
    (_ctx("violence", "fire", POLICE, _actor("actor2", "Protesters", 6, "CVL"), "intervention"),
     ("Protests", "Protest with intervention")),
    (_ctx("violence", "shoot", POLICE, _actor("actor2", "Protesters", 6, "CVL"), "excessive"),
     ("Protests", "Excessive force against protesters")),
    # looting by anyone else stays a strategic development
    (_ctx("loot", "loot", _actor("actor1", "Gunmen", 3)),
     ("Strategic developments", "Looting/property destruction")),
])
def test_the_street_and_the_crowd(ctx, expected):
    assert acled.acled_type(ctx) == expected


def _unnamed(role: str, text: str, sector: str | None = None) -> EventActor:
    return EventActor(role=role, actor_id=None, name=None, text=text, start=0, end=0, sector=sector)


@pytest.mark.parametrize("victim", ["a community leader", "the mayor of Tumaco", "a group of people"])
def test_violence_on_unarmed_people_the_actor_list_does_not_know_is_an_attack(victim):
    gunmen = _actor("actor1", "Unidentified Armed Group", 3, "UAF")
    ctx = _ctx("violence", "shoot", gunmen, _unnamed("actor2", victim, "GOV" if "mayor" in victim else None))
    assert acled.acled_type(ctx) == ("Violence against civilians", "Attack")


def test_violence_on_armed_or_unknown_targets_stays_a_battle():
    gunmen = _actor("actor1", "Unidentified Armed Group", 3, "UAF")
    assert acled.acled_type(_ctx("violence", "attack", gunmen, _unnamed("actor2", "a checkpoint"))) \
        == ("Battles", "Armed clash")
    assert acled.acled_type(_ctx("violence", "attack", gunmen, _unnamed("actor2", "the soldiers", "MIL"))) \
        == ("Battles", "Armed clash")


def test_soldiers_taken_by_the_other_side_are_part_of_the_fight():
    soldiers = _actor("actor2", "Military Forces", 1, "MIL")
    ctx = acled.Context(cls="capture", lemma="capture", actor1=_actor("actor1", "Islamic State", 2, "REB"),
                        actor2=soldiers, weapon=None, patient_kind="person", protest_cue=None)
    assert acled.acled_type(ctx) == ("Battles", "Armed clash")
    ctx = acled.Context(cls="capture", lemma="capture", actor1=POLICE,
                        actor2=_actor("actor2", "Unidentified Armed Group", 3, "UAF"), weapon=None,
                        patient_kind="person", protest_cue=None)
    assert acled.acled_type(ctx) == ("Strategic developments", "Arrests")


@pytest.mark.parametrize("a1,expected", [
    # a government's protest note or an organisation's boycott is no demonstration
    (_actor("actor1", "Government of Turkey", 1, "GOV"), (None, None)),
    (_actor("actor1", "European Union", 8, "IGO"), (None, None)),
    # police officers who demonstrate over pay are protesters
    (_actor("actor1", "Police Forces of Argentina", 1, "COP"), ("Protests", "Peaceful protest")),
    (PROTESTERS, ("Protests", "Peaceful protest")),
])
def test_only_people_protest_in_acled_terms(a1, expected):
    assert acled.acled_type(_ctx("protest", "protest", a1)) == expected


@pytest.mark.parametrize("lemma,expected", [
    # staying away from a summit or a vote gathers no one
    ("boycott", (None, None)),
    ("strike", ("Protests", "Peaceful protest")),
])
def test_a_boycott_is_no_demonstration(lemma, expected):
    assert acled.acled_type(_ctx("protest", lemma, PROTESTERS)) == expected


@pytest.mark.parametrize("lemma,expected", [
    # a stabbing or a murder with no side named is done to someone: an attack
    ("stabbing", ("Violence against civilians", "Attack")),
    ("murder", ("Violence against civilians", "Attack")),
    # fighting with no side named is still a battle
    ("fighting", ("Battles", "Armed clash")),
])
def test_a_one_sided_act_with_no_sides_named_is_an_attack(lemma, expected):
    assert acled.acled_type(_ctx("violence", lemma, None)) == expected
