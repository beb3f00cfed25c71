"""Movement paths the parse hides: on the people moved, after a manner phrase, to a site
with no name, after "back"; people carried somewhere; hyphenated movement nouns.

Hand-written sentences; places and actors are given by hand (``builders``), so the
tests exercise the coder's and movements.py's rules only.
"""

from __future__ import annotations

import pytest

from builders import actor, code
from builders import place as _place
from kharita import nlp


@pytest.fixture(scope="module")
def parser():
    return nlp.load()


def moves(doc):
    return [e for e in doc.events if e.kind == "movement"]


def test_path_hung_on_the_people_moved(parser):
    # the parser hangs "from Bamako" on "staff", not on "relocate"
    text = "The mission said it would relocate some of its international staff from Bamako to Dakar."
    doc = code(parser, text, places=[_place("Bamako", text, 1), _place("Dakar", text, 2)])
    (ev,) = moves(doc)
    assert ev.origin is not None and ev.origin.text == "Bamako"
    assert [p.text for p in ev.destinations] == ["Dakar"]


def test_path_after_a_manner_phrase_read_as_agent(parser):
    # "by coach" is parsed as a passive agent, with "from Dover" hanging on it
    text = "Last night the families were moved by coach from Dover to hostels."
    doc = code(parser, text, places=[_place("Dover", text, 1)])
    (ev,) = moves(doc)
    assert ev.origin is not None and ev.origin.text == "Dover"
    assert "by coach from Dover" in [m.text for m in ev.manner]


@pytest.mark.parametrize("text,dest", [
    ("The gunmen fled into the nearby hills after the raid.", "nearby hills"),
    ("The battalions returned to their bases on Monday.", "bases"),
    ("The judges were evacuated through a side door to a neighbouring building.",
     "neighbouring building"),
])
def test_site_destination_without_a_name(parser, text, dest):
    (ev,) = moves(code(parser, text))
    assert [p.text for p in ev.destinations] == [dest]
    assert ev.destinations[0].resolved_as == "site" and ev.destinations[0].lat is None


def test_site_left_is_the_origin(parser):
    (ev,) = moves(code(parser, "The militiamen abandoned their positions overnight."))
    assert ev.origin is not None and ev.origin.text == "positions"


def test_bare_site_noun_is_an_idiom_not_a_destination(parser):
    doc = code(parser, "The soldiers were sent to prison for desertion.")
    assert all(not e.destinations for e in moves(doc))


def test_people_carried_from_and_to_a_place_move(parser):
    text = "Police brought the two prisoners from Mombasa to Nairobi on Tuesday."
    doc = code(parser, text, places=[_place("Mombasa", text, 1), _place("Nairobi", text, 2)])
    (ev,) = moves(doc)
    assert ev.trigger.text == "brought" and ev.type == "MOBILIZE"
    assert ev.origin.text == "Mombasa" and [p.text for p in ev.destinations] == ["Nairobi"]


@pytest.mark.parametrize("text", [
    "The convoy brought food and medicine from Mombasa to Nairobi.",  # goods, not people
    "The wounded were taken to hospital.",  # no place
])
def test_goods_or_idioms_carried_do_not_move(parser, text):
    places = [_place(w, text, i) for i, w in enumerate(["Mombasa", "Nairobi"], 1) if w in text]
    doc = code(parser, text, places=places)
    assert not [e for e in moves(doc) if e.trigger.text in ("brought", "taken")]


def test_destination_after_back(parser):
    text = "The navy flew the sailors back to Manila on Friday."
    doc = code(parser, text, places=[_place("Manila", text, 1)])
    (ev,) = moves(doc)
    assert [p.text for p in ev.destinations] == ["Manila"]


def test_hyphenated_movement_noun(parser):
    doc = code(parser, "The pull-back from the ridge began on Monday, officials said.")
    ev = next(e for e in doc.events if e.trigger.text == "pull-back")
    assert ev.type == "RETREAT" and ev.kind == "movement"


@pytest.mark.parametrize("text,dest,kind", [
    # an in/at phrase on a verb of arrival ends the movement, named or not
    ("About 3,000 people crossed at Ghulam Khan on Thursday.", "Ghulam Khan", "unresolved"),
    ("Armed men arrived in the village late on Sunday.", "village", "site"),
    # who holds a place is no place: the site is the destination
    ("Hundreds of families fled to an SDF-controlled area on Sunday.", "SDF-controlled area",
     "site"),
])
def test_arrival_at_a_place_no_one_resolved(parser, text, dest, kind):
    (ev,) = moves(code(parser, text))
    assert [p.text for p in ev.destinations] == [dest]
    assert ev.destinations[0].resolved_as == kind


def test_come_back_is_a_return(parser):
    text = "Last month the family came back from a camp near Dohuk."
    doc = code(parser, text, places=[_place("Dohuk", text, 1)])
    (ev,) = moves(doc)
    assert ev.type == "RETREAT" and ev.mode == "return" and ev.origin.text == "Dohuk"


def test_out_of_a_country_named_by_its_neighbours(parser):
    (ev,) = moves(code(parser, "The mining firm pulled its engineers out of a neighbouring country."))
    assert ev.origin is not None and ev.origin.text == "neighbouring country"


@pytest.mark.parametrize("text", [
    "The mining firm pulled its foreign engineers out of the country.",
    "The rebels who survived the siege now try to leave the area.",
])
def test_the_area_points_back_at_a_named_place_and_is_no_site(parser, text):
    # a bare "the area"/"the country" is the place named before it, not a new site:
    # the movement keeps its path open for the place the context gives
    evs = moves(code(parser, text))
    assert evs and all(ev.origin is None for ev in evs)



def test_home_below_a_preposition_is_no_return(parser):
    # "take home" is a return only with "home" on the verb, not in "from his home"
    doc = code(parser, "Gunmen took the teacher from his home before dawn.")
    assert not [e for e in doc.events if e.mode == "return"], [(e.type, e.trigger.text) for e in doc.events]
    doc = code(parser, "The ministry said it would bring the children home next week.")
    assert any(e.mode == "return" for e in doc.events)



def test_a_nameless_site_does_not_place_a_chain(parser):
    # "leave the area" (a nameless site) is an aside: the later bare "move at night"
    # continues the journey with named places, and lends it its source
    text = ("Hundreds of Islamic State fighters fled from Hajin towards Idlib. "
            "The Islamic State fighters also withdrew from the area. "
            "Local sources say the Islamic State fighters move at night.")
    from builders import actor as _actor
    actors = [_actor("Islamic State", text, "Islamic State (Syria)", 2, "REB", n=k) for k in range(3)]
    doc = code(parser, text, actors=actors,
               places=[_place("Hajin", text, 1), _place("Idlib", text, 2)])
    ev = next(e for e in moves(doc) if e.origin is not None and e.origin.text == "Hajin")
    assert ev.attribution is not None and ev.attribution.text == "Local sources"


def test_a_country_owning_the_fled_happening_is_its_doer_not_the_origin(parser):
    text = "Thousands of families fled Ethiopia's offensive on the town of Adwa."
    doc = code(parser, text, places=[_place("Ethiopia", text, 1), _place("Adwa", text, 2)])
    flights = [e for e in doc.events if e.type == "RETREAT"]
    assert flights and (flights[0].origin is None or flights[0].origin.text == "Adwa")
    assert flights[0].location is not None and flights[0].location.text == "Adwa"
    text = "Thousands of families fled Ethiopia's capital."
    doc = code(parser, text, places=[_place("Ethiopia", text, 1)])
    assert [e.origin.text for e in doc.events if e.origin is not None] == ["Ethiopia"]


def _roles(ev, text):
    return [a.role for a in ev.actors if a.text == text]


def test_people_moved_by_another_are_its_target(parser):
    # the codebook's convention (and PLOVER's): who is deported or transferred is the
    # target of the one who moves them
    text = "The Kenyan authorities deported 40 Somali traders to Mogadishu on Friday."
    doc = code(parser, text, actors=[
        actor("Kenyan authorities", text, "Government of Kenya", 1, "GOV", actor_id="government_ke"),
        actor("Somali traders", text, "Civilians (Somalia)", 7, "CVL", actor_id="civilians_so")],
        places=[_place("Mogadishu", text, 3)])
    (ev,) = moves(doc)
    assert _roles(ev, "Kenyan authorities") == ["actor1"]
    assert _roles(ev, "Somali traders") == ["actor2"]

    # who flees flees of their own accord, even when made to: they stay the movers
    text = "The rebels forced hundreds of villagers to flee towards the border."
    ev = next(e for e in moves(code(parser, text)))
    assert _roles(ev, "hundreds of villagers") == ["mover"]


def _town(name, text, lat, lon):
    return _place(name, text, int(lat * 1000), lat=lat, lon=lon, resolved_as="gazetteer")


def test_hyphenated_goal_split_by_the_parser_is_the_found_place(parser):
    # the parser hangs "al", "-" and "Rai" on "to" as three objects: the place the
    # places stage found over all three is the destination, not a name without coordinates
    text = "Fighters were moved from al-Bab to al-Rai last week."
    doc = code(parser, text, places=[_town("al-Bab", text, 36.4, 37.5), _town("al-Rai", text, 36.6, 37.9)])
    (ev,) = moves(doc)
    assert [p.text for p in ev.destinations] == ["al-Rai"]
    assert ev.destinations[0].lat == 36.6


@pytest.mark.parametrize("text,scene", [
    # sent, moved, transferred from one place to another: placed where they arrive
    ("The army moved two battalions from Mosul to Kirkuk on Sunday.", "Kirkuk"),
    ("The prisoners were transferred from Mosul to Kirkuk on Sunday.", "Kirkuk"),
    # withdrawals and flights from one place to another: placed where they leave
    ("The rebels withdrew from Mosul to Kirkuk on Sunday.", "Mosul"),
    ("Thousands of families fled from Mosul to Kirkuk on Sunday.", "Mosul"),
])
def test_movement_from_one_place_to_another_is_placed_by_its_kind(parser, text, scene):
    doc = code(parser, text, places=[_town("Mosul", text, 36.3, 43.1), _town("Kirkuk", text, 35.5, 44.4)])
    (ev,) = moves(doc)
    assert ev.origin is not None and ev.origin.text == "Mosul"
    assert [p.text for p in ev.destinations] == ["Kirkuk"]
    assert ev.location is not None and ev.location.text == scene


def test_to_read_as_a_dative_still_gives_the_destination(parser):
    # the parser makes the "to" of "sent to X" the verb's dative, not a preposition
    text = "Kyiv said that reinforcements had been sent to the Kupiansk area on Friday."
    doc = code(parser, text, places=[_town("Kupiansk", text, 49.7, 37.6)])
    (ev,) = moves(doc)
    assert [p.text for p in ev.destinations] == ["Kupiansk"]


@pytest.fixture(scope="module")
def pipeline():
    from kharita.pipeline import Options, Pipeline
    from kharita.places.gazetteer import Gazetteer, GazetteerMissing

    try:
        Gazetteer.open().close()
    except GazetteerMissing:
        pytest.skip("needs the built gazetteer (kharita gazetteer build)")
    return Pipeline(Options(reporting=False, workers=1))


def _last_move(pipeline, text):
    from kharita.model import RawDocument

    doc = pipeline.process_batch([RawDocument(input="t", text=text, published="2023-05-02")])[0]
    return moves(doc)[-1]


@pytest.mark.parametrize("text,role,named", [
    # "the town", "the area", "the country" stand for the place named before
    ("Rebels shelled Kidal on Monday. On Tuesday soldiers returned to the town.", "dest", "Kidal"),
    ("Fighting spread to Kidal on Monday. Many families tried to leave the area at night.",
     "origin", "Kidal"),
    ("Fighting spread to Kidal in Mali on Monday. Foreign companies pulled their staff out of the country.",
     "origin", "Mali"),
])
def test_a_place_word_pointing_back_tells_the_path(pipeline, text, role, named):
    ev = _last_move(pipeline, text)
    got = ev.origin if role == "origin" else (ev.destinations or [None])[0]
    assert got is not None and got.name == named
    assert got.resolved_as == "pointed"


def test_a_place_word_pointing_back_must_fit_the_place(pipeline):
    # "the town" is no country
    ev = _last_move(pipeline, "Fighting broke out across Mali on Monday. "
                              "On Tuesday soldiers returned to the town.")
    assert ev.origin is None and not ev.destinations


def test_a_place_noun_named_in_apposition_is_the_path(parser):
    # "on the capital, Bamako": the name of the place noun comes after a comma
    text = "The rebels said they would advance on the capital, Bamako, within days."
    (ev,) = moves(code(parser, text, places=[_town("Bamako", text, 12.6, -8.0)]))
    assert [p.text for p in ev.destinations] == ["Bamako"]


def test_a_named_person_moved_by_another_is_the_target(parser):
    # the doer is known, so the person moved is no mover of her own: the target
    text = "Kurdish security forces transferred Amina Yusuf to al-Roj on Friday."
    sdf = actor("Kurdish security forces", text, "SDF: Syrian Democratic Forces", 2, "REB")
    (ev,) = moves(code(parser, text, actors=[sdf]))
    assert [a.name for a in ev.actors if a.role == "actor2"] == ["Amina Yusuf"]


def test_a_person_moved_by_another_is_found_behind_her_pronoun(parser):
    # "transferred her": the object pronoun is never the clause's own subject (the
    # SDF); it is the person named before
    text = "Amina Yusuf was detained in March. Kurdish security forces transferred her to al-Roj."
    sdf = actor("Kurdish security forces", text, "SDF: Syrian Democratic Forces", 2, "REB")
    ev = moves(code(parser, text, actors=[sdf]))[-1]
    assert [a.name for a in ev.actors if a.role == "actor2"] == ["Amina Yusuf"]


@pytest.mark.parametrize("text,origin,dest", [
    ("The army sent two battalions south from Kindu on Sunday.", "Kindu", None),
    ("Hundreds of families fled east from Tawila towards Tina on Monday.", "Tawila", "Tina"),
    ("The column pushed deeper into Kidal on Friday.", None, "Kidal"),
])
def test_path_hung_on_a_heading(parser, text, origin, dest):
    # the parser hangs "from X" / "into X" on the heading adverb, not on the verb
    names = [n for n in (origin, dest) if n]
    doc = code(parser, text, places=[_place(n, text, i + 1) for i, n in enumerate(names)])
    (ev,) = moves(doc)
    assert (ev.origin.text if ev.origin else None) == origin
    assert [p.text for p in ev.destinations] == ([dest] if dest else [])


def test_south_of_a_place_says_where_not_whence(parser):
    text = "The fighters moved south of Kindu on Sunday."
    doc = code(parser, text, places=[_place("Kindu", text, 1)])
    for ev in moves(doc):
        assert ev.origin is None and not ev.destinations
