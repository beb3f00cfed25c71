"""One event per happening: the noise rules of ``kharita.events.noise``.

Hand-written sentences from several conflicts; each rule has a case where the
trigger must go and a case where a similar trigger must stay.
"""

from __future__ import annotations

import pytest

from builders import actor as _actor
from builders import code
from builders import place as _place
from kharita import nlp
from kharita.events import EventCoder
from kharita.model import Document


@pytest.fixture(scope="module")
def parser():
    return nlp.load()


def triggers(doc: Document) -> list[str]:
    return [e.trigger.text for e in doc.events]


# ------------------------------------------------------------- same happening
def test_instrument_nouns_fold_into_their_verb(parser):
    text = "Al-Shabaab fighters overran the base with mortars, raids and ambushes."
    doc = code(parser, text, actors=[_actor("Al-Shabaab", text, "Al-Shabaab", 2, "INS")])
    assaults = [e for e in doc.events if e.type == "ASSAULT"]
    assert len(assaults) == 1, triggers(doc)
    assert assaults[0].trigger.text == "overran"


def test_participle_of_the_same_attack_is_one_event(parser):
    text = "A car bomb tore through a market in Mogadishu, killing nine traders."
    doc = code(parser, text, places=[_place("Mogadishu", text, 53654)])
    assert len([e for e in doc.events if e.type == "ASSAULT"]) == 1, triggers(doc)


def test_referenced_attack_with_its_own_place_is_kept(parser):
    text = "Police arrested two men in Kano over the attack on a church in Jos."
    doc = code(parser, text, places=[_place("Kano", text, 2335204), _place("Jos", text, 2335953)])
    assert "attack" in triggers(doc)
    assert any(e.type == "COERCE" for e in doc.events)


def test_back_reference_after_same_type_verb_folds(parser):
    text = "Houthi rebels fired missiles at Marib, after weeks of fighting around the city."
    doc = code(parser, text, actors=[_actor("Houthi", text, "Houthis", 2, "REB")])
    assert "fighting" not in triggers(doc)


# ------------------------------------------------------------- purpose clauses
def test_purpose_of_a_movement_is_not_an_event(parser):
    text = "The militants withdrew from the hills to avoid being captured or killed."
    doc = code(parser, text)
    assert all(e.type != "ASSAULT" for e in doc.events), triggers(doc)
    assert any(e.trigger.text == "withdrew" for e in doc.events)


def test_purpose_of_a_non_event_verb_is_the_act(parser):
    text = "Teachers in Khartoum stayed home on Monday to protest against unpaid salaries."
    doc = code(parser, text, places=[_place("Khartoum", text, 379252)])
    assert any(e.type == "PROTEST" for e in doc.events), triggers(doc)


def test_goal_fragment_is_not_an_event(parser):
    text = "Both to cut off the rebels' funding and to weaken their recruitment."
    doc = code(parser, text)
    assert doc.events == [], triggers(doc)


def test_planned_purpose_is_kept(parser):
    text = "The army plans to deploy troops to Gao to secure the road."
    doc = code(parser, text, places=[_place("Gao", text, 2457163)])
    assert any(e.modality == "planned" or e.type == "AGREE" for e in doc.events), triggers(doc)


# ------------------------------------------------------------- topics
def test_topic_of_talks_is_not_an_event(parser):
    text = "Envoys met in Doha to discuss a ceasefire for Helmand."
    doc = code(parser, text, places=[_place("Doha", text, 290030),
                                     _place("Helmand", text, 1140025)])
    assert "ceasefire" not in triggers(doc)
    assert any(e.type == "CONSULT" for e in doc.events)


def test_topic_of_a_demand_is_not_an_event(parser):
    text = "Residents of Goma demanded an end to the violence."
    doc = code(parser, text, places=[_place("Goma", text, 216281)])
    assert "violence" not in triggers(doc)
    assert any(e.type == "REQUEST" for e in doc.events), triggers(doc)


def test_threatened_offensive_is_the_threat(parser):
    text = "The RSF threatened to launch an offensive on El Fasher."
    doc = code(parser, text, actors=[_actor("RSF", text, "Rapid Support Forces", 2, "REB")],
               places=[_place("El Fasher", text, 379555)])
    assert [e.type for e in doc.events] == ["THREATEN"], triggers(doc)


# ------------------------------------------------------------- bare nouns
def test_bare_back_reference_inside_another_event_goes(parser):
    text = "Police in Kano detained three men in connection with the bombing."
    doc = code(parser, text, places=[_place("Kano", text, 2335204)])
    assert "bombing" not in triggers(doc)
    assert any(e.type == "COERCE" for e in doc.events)


def test_claimed_event_is_kept(parser):
    text = "Boko Haram claimed responsibility for the bombing."
    doc = code(parser, text, actors=[_actor("Boko Haram", text, "Boko Haram", 2, "INS")])
    assert any(e.type == "ASSAULT" for e in doc.events), triggers(doc)


def test_only_trigger_of_its_sentence_is_kept(parser):
    text = "A prisoner died of torture in a police cell."
    doc = code(parser, text)
    assert any(e.type == "ASSAULT" for e in doc.events), triggers(doc)


def test_object_noun_is_kept(parser):
    text = "Myanmar troops launched an offensive against the Arakan Army."
    doc = code(parser, text, actors=[_actor("Myanmar troops", text, "Myanmar", 1, "MIL"),
                                     _actor("Arakan Army", text, "Arakan Army", 2, "REB")])
    assert any(e.type == "ASSAULT" for e in doc.events), triggers(doc)


# ------------------------------------------------------------- bare events
def test_agentless_passive_with_nothing_attached_goes(parser):
    text = "Access to the camps is restricted, aid workers said."
    doc = code(parser, text)
    assert all(e.trigger.text != "restricted" for e in doc.events), triggers(doc)


def test_agentless_passive_with_a_place_is_kept(parser):
    text = "Roads into Tigray were closed on Friday."
    doc = code(parser, text, places=[_place("Tigray", text, 444186)])
    assert any(e.trigger.text == "closed" for e in doc.events) or doc.events == [], triggers(doc)


def test_weak_noun_with_nobody_goes_even_after_an_actor_sentence(parser):
    text = ("Hezbollah fighters crossed into Syria. "
            "Nobody said how many men took part in the operation.")
    doc = code(parser, text, actors=[_actor("Hezbollah", text, "Hezbollah", 3, "REB")])
    assert "operation" not in triggers(doc)


def test_passive_with_a_victim_is_kept(parser):
    text = "Two soldiers were killed."
    doc = code(parser, text)
    assert any(e.type == "ASSAULT" for e in doc.events), triggers(doc)


@pytest.mark.parametrize("text,dropped,kept", [
    ("Fighting broke out near the district centre before dawn.", "broke out", "Fighting"),
    ("Protesters fled the square when police fired tear gas.", None, "fled"),
])
def test_onset_verb_of_an_event_noun_is_no_second_event(parser, text, dropped, kept):
    doc = EventCoder()(Document(id="t", text=text), parser(text))
    triggers = [e.trigger.text for e in doc.events]
    assert any(t.startswith(kept) for t in triggers), triggers
    if dropped:
        assert not any(t.startswith(dropped) for t in triggers), triggers


@pytest.mark.parametrize("text", [
    "Planning meals can help ensure that you have healthy ingredients on hand.",
    "The front suspension has also been revised to reduce unsprung weight.",
    "Those making the claim have offered a wide range of figures.",
])
def test_a_trigger_word_with_nobody_named_and_nowhere_is_no_event(parser, text):
    assert EventCoder()(Document(id="t", text=text), parser(text)).events == []


@pytest.mark.parametrize("text,type_", [
    ("Heavy fighting continues in the north.", "ASSAULT"),  # in ACLED's scope: kept
    ("The APEC forum agreed to set up an energy research centre.", "AGREE"),  # a name
])
def test_unattributed_violence_and_unknown_names_are_still_events(parser, text, type_):
    doc = EventCoder()(Document(id="t", text=text), parser(text))
    assert any(e.type == type_ for e in doc.events), [(e.type, e.trigger.text) for e in doc.events]


def test_a_weak_violence_word_with_nobody_and_nowhere_is_no_event(parser):
    text = "Those features will hit other platforms until then."
    assert EventCoder()(Document(id="t", text=text), parser(text)).events == []


@pytest.mark.parametrize("text,trigger,kept", [
    # a campaign as the object of taking part: no particular happening
    ("Danish instructors are involved in the fight against al-Shabaab in Somalia.", "fight", False),
    ("Britain has 400 troops taking part in the war against the Taliban.", "war", False),
    # an offensive of its own, or a battle told as raging, is news
    ("Government forces launched an offensive against the rebels near Kidal on Sunday.",
     "offensive", True),
    ("The battle against IS for Baghuz raged on Friday.", "battle", True),
])
def test_a_campaign_taken_part_in_is_no_happening(parser, text, trigger, kept):
    assert (trigger in triggers(code(parser, text))) == kept


@pytest.mark.parametrize("text,trigger,kept", [
    # things carried: nobody moves
    ("Three people died when a bomb the smugglers were transferring blew up near Ghazni.",
     "transferring", False),
    ("The rebels moved their weapons to a depot near Idlib.", "moved", False),
    ("The rebels moved their rifles, ammunition and fuel to a depot.", "moved", False),
    # things carried beside people: the people move
    ("Chad sent 40 pickup trucks and 600 soldiers to the border on Friday.", "sent", True),
    # people carried or moved do
    ("The militants were transferring prisoners to Raqqa.", "transferring", True),
    # a base, a town or bodies handed back, or something given in return: no one goes back
    ("The deal obliges the militia to return the airbase to the army.", "return", False),
    ("The rebels returned the bodies of the pilots on Monday.", "returned", False),
    ("Cairo expects a say over the port in return for its support.", "return", False),
    ("Thousands of displaced families returned to Mosul last week.", "returned", True),
    ("The army returned the prisoners to their families.", "returned", True),
    ("A military convoy entered Idlib on Tuesday.", "entered", True),
    ("A convoy carrying fighters and their families left Raqqa for Deir ez-Zor.", "left", True),
    # a tool put to use is no force deployed; one sent somewhere is
    ("Several armed factions have deployed drones, including al-Shabaab.", "deployed", False),
    ("Police deployed tear gas and water cannon against the crowd.", "deployed", False),
    ("Russia deployed missiles to Kaliningrad on Monday.", "deployed", True),
    ("The army deployed 300 troops to the border.", "deployed", True),
    # money and goods on the move move no one; people and vehicles do
    ("More money leaves the province each year than arrives in it.", "leaves", False),
    ("Millions of dollars were moved to Dubai through shell companies.", "moved", False),
    ("Hundreds of military vehicles crossed the border gate on Monday.", "crossed", True),
    ("Two million people have left the city since March.", "left", True),
    # a trouble moved in a figure moves no one
    ("Deporting the families will simply move the crisis from one province to another.",
     "move", False),
    ("The army moved 300 soldiers from Gao to Kidal on Monday.", "moved", True),
    # people left somewhere or left to do something stay where they are
    ("The two envoys were left to agree the timetable on their own.", "left", False),
    ("Hundreds of wounded fighters were left behind in Sirte.", "left", False),
    ("The village was left by its last residents on Monday.", "left", True),
    # the hurt taken to hospital are cared for; troops sent there and people sheltering
    # there move
    ("The two injured soldiers were flown to the Royal Victoria Infirmary in Newcastle.",
     "flown", False),
    ("The bodies were taken to the morgue in Kano.", "taken", False),
    ("Troops were sent to the hospital in Kunduz to guard it.", "Troops were sent", True),
    ("Residents fled to the hospital compound in Bentiu for shelter.", "fled", True),
])
def test_things_carried_are_no_movement(parser, text, trigger, kept):
    moved = [e for e in code(parser, text).events if e.trigger.text.startswith(trigger)
             and e.type in ("MOBILIZE", "RETREAT")]
    assert bool(moved) == kept, triggers(code(parser, text))


@pytest.mark.parametrize("text,trigger,kept", [
    # a politician's clash, or a clash with one person, is an argument
    ("A Green Party MP clashed with the defence minister in a committee hearing.", "clashed",
     False),
    ("The senator clashed with Biden on Tuesday.", "clashed", False),
    # armed men and crowds clash in the street
    ("Rebels clashed with troops loyal to Haftar near Sirte.", "clashed", True),
    # winning support is no rally in the street
    ("The preacher rallied hundreds of young men to his cause that summer.", "rallied", False),
    ("Lawmakers rallied behind the president on Tuesday.", "rallied", False),
    ("Thousands rallied in the capital on Friday against the junta.", "rallied", True),
    # attacks in words, of illness or of code, and attacks on an idea
    ("The governor brushed off Democratic attacks during the debate.", "attacks", False),
    ("The retired general died of a heart attack in Lyon.", "attack", False),
    ("A ransomware attack shut the port's systems on Monday.", "attack", False),
    ("The mayor launched a blistering attack on the budget.", "attack", False),
    ("The new law is an attack on press freedom, the union said.", "attack", False),
    ("Baghdad called the new border rules an attack on Iraqi sovereignty.", "attack", False),
    ("The opposition leader attacked the plan on Monday.", "attacked", False),
    ("Gunmen launched an attack on the police station at dawn.", "attack", True),
    ("The militants attacked army positions near the town at dawn.", "attacked", True),
    # a site something stands on is no base set up
    ("The hotel was built on an abandoned army base near the coast.", "built", False),
    ("The army built a new base near the border last month.", "built", True),
    # recorded on a camera: nobody is seized
    ("A shopkeeper was captured on video insulting customers at a bus station in Leeds.",
     "captured", False),
    ("The moment the gunmen seized the mayor was caught on CCTV.", "seized", True),
    ("Troops captured the town on Monday.", "captured", True),
    # one person succeeding another in a post: no ground changes hands
    ("The former deputy took over from Smith as director of the monitoring group.",
     "took over", False),
    ("The former deputy took over as head of the council.", "took over", False),
    ("Rebels took over the town from the army on Monday.", "took over", True),
    ("The army is ready to take over the positions the militia vacated.", "take over", True),
    # views or letters exchanged: talk, no one freed
    ("The two leaders spoke by phone and exchanged views on the war.", "exchanged", False),
    # an office or power abused: misconduct, nobody hurt
    ("The inquiry found he had abused his office for political gain.", "abused", False),
    ("Guards abused the prisoners at the jail on Monday.", "abused", True),
    # a fire fought, a crisis defused, a digest of the news: no battle, bomb or arrest
    ("Firefighters from a nearby army base fought the blaze for four hours.", "fought", False),
    ("Soldiers fought the rebels for four hours near the bridge.", "fought", True),
    ("The crisis was defused late on Sunday after a phone call.", "defused", False),
    ("Police defused a bomb near the market.", "defused", True),
    ("Welcome to our rolling round-up of the day's news.", "round", False),
    ("The round-up of suspects in the district went on all week.", "round", True),
    # a ruler's fall is a loss of power; a town's is a capture
    ("Three years after the fall of Muammar Gaddafi, Libya has two parliaments.", "fall", False),
    # a whole war named as a time tells no happening; one with its own place or day may
    ("Before the war, she taught history to teenagers in Mariupol.", "war", False),
    ("Since the invasion of Kherson on Monday, thousands have fled.", "invasion", True),
    # numbers fall, trade wars are fought with tariffs, aircraft strike ridges, cadets parade
    ("Figures showed a bigger than expected fall in crude stocks.", "fall", False),
    ("The number of lorries entering the port has fallen in recent weeks.", "fallen", False),
    ("The town of Bambari fell to the rebels on Sunday.", "fell", True),
    ("Shares fell as the trade war between Washington and Beijing dragged on.", "war", False),
    ("The investigators said the aircraft struck the ridge in thick cloud.", "struck", False),
    ("Rebels struck the army post near Goma on Monday.", "struck", True),
    ("About 1,500 soldiers and cadets marched behind the veterans' vehicles.", "marched", False),
    ("Thousands of students marched on parliament on Monday.", "marched", True),
    # an exercise rehearses an attack, unless someone is hurt or the exercise only
    # describes where the attack fell
    (("Hundreds of marines stormed ashore near Paldiski on Saturday as the annual "
      "exercise reached its climax."), "stormed", False),
    ("Jets struck mock targets off the coast during war games on Monday.", "struck", False),
    (("Militants overran an air base at Merowe where foreign troops were taking part in a "
      "joint exercise."), "overran", True),
])
def test_words_in_another_sense_are_no_clash_rally_attack_or_base(parser, text, trigger, kept):
    assert any(t.startswith(trigger) for t in triggers(code(parser, text))) == kept


@pytest.mark.parametrize("text,kept", [
    # a thing shown off is no protest
    ("The navy flew 200 drones in a demonstration at a defence expo on Tuesday.", False),
    ("The firm gave a demonstration of its new rifle to army buyers.", False),
    # people demonstrating are
    ("A demonstration of thousands of workers took place in Lagos on Monday.", True),
    ("Thousands joined a demonstration against the junta in Yangon.", True),
])
def test_a_demonstration_of_a_thing_is_no_protest(parser, text, kept):
    protests = [e for e in code(parser, text).events if e.type == "PROTEST"]
    assert bool(protests) == kept, triggers(code(parser, text))


@pytest.mark.parametrize("text,kept", [
    # a crowd mourning, burying or praying is no protest
    ("Hundreds of villagers assembled in the school yard to mourn the slain reporter.", False),
    ("Thousands attended the funeral procession in Qamishli on Sunday.", False),
    ("The procession was due to walk to the cemetery where he would be buried.", False),
    # unless the sentence tells a grievance
    ("Mourners chanted slogans against the army during the funeral procession in Deraa.", True),
    ("Thousands gathered in the main square to demand the governor's resignation.", True),
])
def test_a_funeral_or_vigil_is_no_protest(parser, text, kept):
    protests = [e for e in code(parser, text).events if e.type == "PROTEST"]
    assert bool(protests) == kept, triggers(code(parser, text))


@pytest.mark.parametrize("text,trigger,kept", [
    # what news, reports or footage are of is referred to, not told here
    ("They were held for a month before reports of their capture emerged.",
     "capture", False),
    ("Footage of the bombing was shared widely on Tuesday.", "bombing", False),
    # with its own place, date or named party it is told
    ("Reports of an attack on a checkpoint in Kunar on Monday could not be confirmed.",
     "attack", True),
    ("News of the Taliban's attack spread quickly.", "attack", True),
])
def test_what_news_is_of_is_a_reference_not_a_report(parser, text, trigger, kept):
    assert (trigger in triggers(code(parser, text))) == kept


@pytest.mark.parametrize("text,kept", [
    ("About 600 French soldiers are stationed in Chad.", False),
    ("The depot where the gunners were stationed was shelled at dawn.", False),
    ("The navy has stationed two frigates off the coast.", False),
    ("Hundreds of troops were stationed along the frontier on Friday.", True),
])
def test_where_forces_are_kept_is_no_deployment(text, kept):
    from kharita.model import RawDocument
    from kharita.pipeline import Options, Pipeline

    doc = Pipeline(Options(reporting=False, workers=1)).process_batch(
        [RawDocument(input="t", text=text, published="2024-03-04", language="en")])[0]
    assert any(e.trigger and e.trigger.text.startswith("stationed") for e in doc.events) is kept


def test_an_act_naming_a_film_or_a_drill_is_no_event(parser):
    assert "execution" not in triggers(code(parser, "The group posted execution videos online."))
    assert "bombing" not in triggers(code(parser, "Police rehearsed a bombing scene for the film."))
    assert "executed" in triggers(code(parser, "The militants executed five men in the square."))


@pytest.mark.parametrize("text,moved", [
    # what the victims were doing when they were attacked is no movement of its own
    ("Gunmen on a motorbike killed two doctors as they left a clinic in the city.", False),
    ("A roadside bomb killed four members of one family travelling to a wedding.", False),
    # a movement beside an attack, told for itself, stays one
    ("Thousands fled as the fighting intensified near the town.", True),
    ("The rebels withdrew from the town as the army shelled their positions.", True),
])
def test_where_the_victims_were_going_is_no_movement(parser, text, moved):
    assert any(e.kind == "movement" for e in code(parser, text).events) == moved


@pytest.mark.parametrize("text,kept", [
    # where someone is held now is a state, not an arrest
    ("Her brother is detained at a prison in Hasakah, the family said.", False),
    ("Both men are imprisoned in Hasakah, their lawyer said.", False),
    # an arrest told with its time, or in the past, is one
    ("A journalist is detained in Sirte on Monday, police say.", True),
    ("Two journalists were detained in Sirte on Monday.", True),
])
def test_being_held_now_is_no_arrest(parser, text, kept):
    held = [e for e in code(parser, text).events if e.type == "COERCE"]
    assert bool(held) == kept, triggers(code(parser, text))


@pytest.mark.parametrize("text,looted", [
    # breaking into buildings is a raid on property
    ("Gunmen broke into the offices of a charity in the town on Saturday.", True),
    ("Looters broke into several warehouses near the port after the troops left.", True),
    ("The clinic was broken into on Sunday night and its stock of drugs taken.", True),
    # breaking into applause, tears or a market is no raid
    ("The crowd broke into applause when the minister arrived.", False),
    ("The firm hopes to break into the African market next year.", False),
])
def test_breaking_into_buildings_is_looting(parser, text, looted):
    doer = text.split()[1] == "broke" and text.split()[0]
    actors = [_actor(doer, text, f"{doer} (Mali)", 5, "CVL")] if doer in ("Gunmen", "Looters") else []
    found = [(e.type, e.trigger.text) for e in code(parser, text, actors=actors).events]
    assert any(t == "COERCE" and w.startswith(("broke", "break")) for t, w in found) == looted, found
