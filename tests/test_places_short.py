"""Short conflict reports (one or two sentences, wire-summary style) on the built gazetteer.

Each rule is checked on hand-written sentences from several countries.  Skipped
when the gazetteer has not been built (``kharita gazetteer build``).
"""

from __future__ import annotations

import pytest

from kharita import nlp
from kharita.model import Document
from kharita.places import Geoparser


def places(gp: Geoparser, text: str) -> dict[str, object]:
    doc = gp(Document(id="t", text=text), nlp.load()(text))
    out = {}
    for p in doc.places:
        assert text[p.start:p.end] == p.text
        out[p.text] = p
    return out


@pytest.mark.parametrize("text, name, country, admin1", [
    ("Two shops burned in Kunduz city on Friday.", "Kunduz", "AF", "Kunduz"),
    ("Gunmen killed two traders in Maiduguri city on Tuesday.", "Maiduguri", "NG", "Borno"),
    ("Cartel gunmen opened fire on a bar in Culiacan city.", "Culiacan", "MX", "Sinaloa"),
    ("A drone struck Kharkiv city overnight.", "Kharkiv", "UA", None),
    ("Shelling hit Idlib city at dawn.", "Idlib", "SY", "Idlib"),
    ("Houthi fighters entered Taiz city on Monday.", "Taiz", "YE", "Taiz"),
])
def test_x_city_is_the_town(gp, text, name, country, admin1):
    p = places(gp, text)[name]
    assert (p.country, p.feature_class, p.precision) == (country, "P", 1)
    assert admin1 is None or p.admin1 == admin1


@pytest.mark.parametrize("text, name, country", [
    # the entity layer tags the city PERSON; one shells or besieges a place
    ("Rebels shelled Goma on Monday.", "Goma", "CD"),
])
def test_a_city_a_verb_of_place_takes_is_a_place_whatever_its_tag(gp, text, name, country):
    assert places(gp, text)[name].country == country


def test_a_name_beside_a_place_word_is_the_gazetteers_place_whatever_its_tag(gp):
    # the entity layer tags "al-Hawl" PERSON; "camp" after it says it is a place,
    # and the gazetteer knows the town the camp is named after
    p = places(gp, "Aid workers said the clinic inside al-Hawl camp ran out of insulin.")
    assert p["al-Hawl"].country == "SY" and p["al-Hawl"].geonameid is not None


def test_a_person_a_verb_of_place_takes_stays_a_person(gp):
    assert "Salah" not in places(gp, "Police detained Salah on Monday.")


def test_ezafe_compounds_are_one_name(gp):
    got = places(gp, "Clashes were reported in Sar-i-Pul and Mazar-i-Sharif.")
    assert got["Sar-i-Pul"].country == "AF" and got["Sar-i-Pul"].admin1 == "Sar-e Pol"
    assert got["Mazar-i-Sharif"].geonameid == 1133616
    got = places(gp, "Fighting was reported in Sar-e Pol province and in Pul-e Khumri.")
    assert got["Sar-e Pol"].country == "AF"
    assert got["Pul-e Khumri"].country == "AF"
    got = places(gp, "Police found a car bomb near Qasr-e Shirin on Sunday.")
    assert set(got) == {"Qasr-e Shirin"} and got["Qasr-e Shirin"].admin1 == "Kermanshah"


def test_unknown_ezafe_compound_is_not_its_first_word(gp):
    got = places(gp, "A rocket landed in the Dasht-e Naw area of Herat city.")
    assert "Dasht" not in got
    unknown = got["Dasht-e Naw"]
    assert unknown.geonameid is None and unknown.resolved_as == "container"
    assert unknown.country == "AF" and unknown.admin1 == "Herat"


@pytest.mark.parametrize("text, name, country, admin1", [
    ("Gunmen attacked Jawand district center, Badghis.", "Jawand", "AF", "Badghis"),
    ("Soldiers died in Hays district centre, Hodeidah.", "Hays", "YE", "Al Hudaydah"),
    ("Gunmen attacked Aguililla municipality seat, Michoacan.", "Aguililla", "MX", None),
])
def test_district_centre_is_the_seat_town(gp, text, name, country, admin1):
    p = places(gp, text)[name]
    assert (p.country, p.feature_class, p.precision) == (country, "P", 1)
    assert admin1 is None or p.admin1 == admin1


@pytest.mark.parametrize("text, name, country, admin1", [
    ("Taliban attacked a checkpoint in Dawlat Abad district, Balkh.", "Dawlat Abad", "AF", "Balkh"),
    ("Bandits raided Dara village, Zamfara.", "Dara", "NG", "Zamfara"),
    ("Gunmen killed a police officer in Lagos village, Jalisco.", "Lagos", "MX", "Jalisco"),
    ("Fishermen were attacked off the coast in Maritime, Yemen.", "Maritime", "YE", None),
    ("Shelling was reported in Paris village, Donetsk.", "Paris", "UA", "Donetsk"),
])
def test_unit_qualifier_excludes_namesakes_abroad(gp, text, name, country, admin1):
    """ "X district, Y": an X with no reading inside Y is another place, placed in Y."""
    p = places(gp, text)[name]
    assert p.country == country
    assert p.resolved_as == "container" and p.geonameid is None
    assert admin1 is None or p.admin1 == admin1


def test_unit_qualifier_keeps_the_reading_inside(gp):
    got = places(gp, "Clashes erupted in Salamiyah district, Hama.")
    assert got["Salamiyah"].country == "SY" and got["Salamiyah"].admin1 == "Hama"
    got = places(gp, "Strikes hit Aleppo, Syria and Mosul, Iraq.")  # a list, not "X in Y"
    assert got["Aleppo"].geonameid == 170063 and got["Mosul"].country == "IQ"


def test_doubtful_names_next_to_each_other_vouch_for_each_other(gp):
    got = places(gp, "Fighting erupted in Sake and spread to Goma.")
    assert got["Sake"].country == "CD" and got["Goma"].country == "CD"
    got = places(gp, "Drones hit depots in Zhmerynka and Bar overnight.")
    assert got["Bar"].country == "UA"


def test_a_doubtful_city_after_a_place_word_fits_the_country_named(gp):
    # the entity layer tags the city PERSON; a country the sentence names vouches for
    # a city of its own after "from"/"into"/"near"
    got = places(gp, "Congo's army has sent reinforcements north from Goma.")
    assert got["Goma"].country == "CD"
    # a name after a word that takes people ("to", "with") still needs a neighbour
    got = places(gp, "Congo's president spoke by telephone with Goma on Monday.")
    assert "Goma" not in got


def test_small_town_opening_an_unknown_name_yields(gp):
    got = places(gp, "Militants killed a policeman in the Qaisar Kuhadanak of Farah city.")
    assert "Qaisar" not in got
    assert got["Farah"].country == "AF"


def test_lone_unknown_name_around_a_town(gp):
    got = places(gp, "Protesters gathered in Homs Alwaer on Friday.")
    assert got["Homs Alwaer"].country == "SY" and got["Homs Alwaer"].resolved_as == "container"


@pytest.mark.parametrize("text, name, country", [
    ("A bomb went off in Karz of Kandahar district.", "Kandahar", "AF"),
    ("Bandits killed farmers in Kurmin Masara of Kaduna district.", "Kaduna", "NG"),
    ("Raids hit a village in Zaporizhzhia district.", "Zaporizhzhia", "UA"),
])
def test_district_without_admin2_is_near_its_seat(gp, text, name, country):
    """ "X district" where the gazetteer has town X but no district X: near the town."""
    p = places(gp, text)[name]
    assert (p.country, p.feature_class, p.precision, p.where_prec) == (country, "P", 2, 2)


def test_unknown_place_of_a_district_is_placed_there(gp):
    got = places(gp, "A bomb went off in Karz of Kandahar district.")
    assert got["Karz"].resolved_as == "container"
    assert (got["Karz"].lat, got["Karz"].lon) == (got["Kandahar"].lat, got["Kandahar"].lon)
    got = places(gp, "Police were attacked in Hazar Asp of Nawa district, Helmand.")
    assert got["Nawa"].admin1 == "Helmand"  # not the Nawa district of Ghazni


def test_town_opening_an_unknown_arabic_name_yields(gp):
    got = places(gp, "Airstrikes hit the Hawija al-Sakhr area of Deir ez-Zor district.")
    assert "Hawija" not in got and got["Deir ez-Zor"].country == "SY"


def test_doubtful_name_places_no_unknown(gp):
    """A weak hit ("Taliban" as a Turkish village) is no context for an unknown name."""
    got = places(gp, "Clashes between Taliban militants and Afghan forces hit the Kal-e-Sorkh "
                     "village of the district.")
    assert got["Kal-e-Sorkh"].country == "AF"


def test_locality_named_like_a_foreign_capital(gp):
    """ "the X area of Y": a locality, not the famous X abroad."""
    got = places(gp, "A sniper killed a soldier in the Rabat area of Daychopan (Shahr-e-Safa) "
                     "district, Zabul.")
    assert all(p.country == "AF" for p in got.values())
    got = places(gp, "Shelling hit the Moscow village of Donetsk oblast and Horlivka.")
    assert got["Moscow"].country == "UA"


@pytest.mark.parametrize("text, name, code, country", [
    ("Shelling hit the Moscow village of Donetsk oblast and Horlivka.", "Donetsk", "ADM1", "UA"),
    ("Shelling hit Donetsk and Horlivka.", "Donetsk", "PPLA", "UA"),
])
def test_unit_word_keeps_the_unit_reading(gp, text, name, code, country):
    p = places(gp, text)[name]
    assert (p.feature_code, p.country) == (code, country)


@pytest.mark.parametrize("text, name", [
    ("Officials in Quetta said the road was shut.", "Quetta"),
    ("Residents in Kismayo said the port was shelled.", "Kismayo"),
    ("Officials in Herat said the road was shut.", "Herat"),
])
def test_name_after_a_place_preposition_before_said_is_the_place(gp, text, name):
    # "X said" reads X as a surname, but nobody is "in" a person: where the speaker is
    assert name in places(gp, text)


def test_name_before_said_is_still_a_surname(gp):
    assert "Ripley" not in places(gp, "Sheriff Tom Ripley arrived late. Ripley said the road was closed.")
