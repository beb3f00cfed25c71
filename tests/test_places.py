"""Geoparser behaviour on small hand-built gazetteers (no built gazetteer needed)."""

from __future__ import annotations

import pytest

from kharita import nlp
from kharita.model import Document
from kharita.places import Geoparser, place_for
from kharita.places.gazetteer import GazEntry, Gazetteer


def E(gid, name, lat, lon, fc, code, cc, a1=None, a2=None, pop=0, alts=0, a1n=None):
    return GazEntry(gid, name, lat, lon, fc, code, cc, a1, a2, a1n, None, pop, alts)


ENTRIES = [
    E(163843, "Syria", 35.0, 38.0, "A", "PCLI", "SY", pop=22_000_000, alts=200),
    E(99237, "Iraq", 33.0, 44.0, "A", "PCLI", "IQ", pop=38_000_000, alts=200),
    E(3077311, "Czechia", 49.75, 15.0, "A", "PCLI", "CZ", pop=10_000_000, alts=200),
    E(6252001, "United States", 39.76, -98.5, "A", "PCLI", "US", pop=310_000_000, alts=200),
    E(2635167, "United Kingdom", 54.0, -2.0, "A", "PCLI", "GB", pop=66_000_000, alts=200),
    E(170062, "Aleppo", 36.25, 37.5, "A", "ADM1", "SY", "09", pop=4_800_000, alts=6),
    E(170063, "Aleppo", 36.2, 37.16, "P", "PPLA", "SY", "09", pop=1_600_000, alts=60),
    E(169575, "Homs", 34.5, 38.0, "A", "ADM1", "SY", "11", pop=1_800_000, alts=6),
    E(169577, "Homs", 34.73, 36.72, "P", "PPLA", "SY", "11", pop=775_000, alts=50),
    E(170792, "Dayr az Zawr", 35.0, 40.37, "A", "ADM1", "SY", "06", pop=450_000, alts=6),
    E(170794, "Deir ez-Zor", 35.34, 40.14, "P", "PPLA", "SY", "06", pop=271_800, alts=70),
    E(169387, "Idlib", 35.8, 36.6, "A", "ADM1", "SY", "10", pop=440_000, alts=5),
    E(169389, "Idlib", 35.93, 36.63, "P", "PPLA", "SY", "10", pop=128_840, alts=28),
    E(3067695, "Praha", 50.08, 14.47, "A", "ADM1", "CZ", "52", pop=1_100_000, alts=5),
    E(3067696, "Prague", 50.09, 14.42, "P", "PPLC", "CZ", "52", pop=1_165_581, alts=40),
    E(4544379, "Oklahoma", 35.5, -97.5, "A", "ADM1", "US", "OK", pop=3_000_000, alts=5),
    E(4548393, "Prague", 35.49, -96.68, "P", "PPL", "US", "OK", pop=2_400, alts=5),
    E(4436296, "Mississippi", 32.75, -89.75, "A", "ADM1", "US", "MS", pop=2_900_000, alts=6),
    E(4440076, "Oxford", 34.37, -89.52, "P", "PPL", "US", "MS", pop=22_000, alts=12),
    E(6269131, "England", 52.16, -1.0, "A", "ADM1", "GB", "ENG", pop=53_000_000, alts=50),
    E(2640729, "Oxford", 51.75, -1.26, "P", "PPL", "GB", "ENG", pop=162_100, alts=66),
    E(323854, "Ambar", 38.5, 40.5, "P", "PPL", "TR", "21", pop=5_000, alts=2),
    E(-1001, "Middle Euphrates River Valley", 34.8, 40.6, "L", "RGN", "SY", pop=0, alts=1),
    E(3088461, "Police", 53.55, 14.57, "P", "PPL", "PL", "84", pop=34_000, alts=14),
    E(4076598, "Mobile", 30.69, -88.04, "P", "PPLA2", "US", "AL", pop=183_000, alts=34),
    E(900001, "Ripley", 38.82, -81.71, "P", "PPL", "US", "WV", pop=3_200, alts=3),
    E(1854979, "Obama", 35.5, 135.75, "P", "PPL", "JP", "32", pop=29_000, alts=5),
]
NAMES = [(3067695, "Prague"), (170794, "Dayr az Zawr"), (6252001, "America")]


@pytest.fixture(scope="module")
def geoparser() -> Geoparser:
    return Geoparser(Gazetteer.from_entries(ENTRIES, NAMES))


def parse(gp: Geoparser, text: str) -> Document:
    doc = Document(id="t", text=text)
    return gp(doc, nlp.load()(text))


def names_and_countries(entries: list, names: list, text: str) -> set[tuple[str, str | None]]:
    """(text, country) of every place found in ``text`` with a gazetteer of ``entries``."""
    gp = Geoparser(Gazetteer.from_entries(entries, names))
    return {(p.text, p.country) for p in parse(gp, text).places}


def by_text(doc: Document) -> dict[str, list]:
    out: dict[str, list] = {}
    for p in doc.places:
        out.setdefault(p.text, []).append(p)
    return out


def test_spans_are_exact_and_sorted(geoparser):
    doc = parse(geoparser, "Clashes in Homs and Aleppo spread to Idlib, officials in Syria said.")
    assert [p.start for p in doc.places] == sorted(p.start for p in doc.places)
    for p in doc.places:
        assert doc.text[p.start:p.end] == p.text


def test_bare_names_are_the_cities(geoparser):
    doc = parse(geoparser, "Heavy fighting in Homs and Aleppo killed dozens on Monday.")
    got = {p.text: p.geonameid for p in doc.places}
    assert got["Homs"] == 169577 and got["Aleppo"] == 170063
    assert all(p.precision == 1 and p.where_prec == 1 for p in doc.places)


def test_governorates_word_makes_both_admin_units(geoparser):
    doc = parse(geoparser, "Aid reached villages in Homs and Aleppo Governorates this week.")
    ids = {p.geonameid for p in doc.places}
    assert {169575, 170062} <= ids
    assert all(p.precision == 3 and p.where_prec == 4 for p in doc.places if p.geonameid in ids)


def test_prague_alone_and_qualified(geoparser):
    doc = parse(geoparser, "The delegation flew to Prague for talks.")
    assert by_text(doc)["Prague"][0].geonameid == 3067696
    doc = parse(geoparser, "The storm hit Prague, Oklahoma, on Tuesday night.")
    assert by_text(doc)["Prague"][0].geonameid == 4548393
    assert by_text(doc)["Oklahoma"][0].geonameid == 4544379


def test_town_of_oxford_is_the_english_one(geoparser):
    doc = parse(geoparser, "Oxford University, in the town of Oxford, opened a new college.")
    assert {p.geonameid for p in doc.places if "Oxford" in p.text} == {2640729}


def test_transliteration_variants(geoparser):
    doc = parse(geoparser, "Militants fled from Deir Ezzor to Idleb at night.")
    got = {p.text: p for p in doc.places}
    assert got["Deir Ezzor"].geonameid == 170794
    assert got["Idleb"].geonameid == 169389


def test_unknown_place_goes_to_its_governorate(geoparser):
    text = ("In Deir Ezzor the last fighters are surrounded. They are trapped along the river "
            "in the Baghuz Fawqani area with no way out.")
    doc = parse(geoparser, text)
    bf = by_text(doc)["Baghuz Fawqani"][0]
    assert bf.geonameid is None and bf.within == 170792
    assert bf.resolved_as == "container" and bf.precision == 2 and bf.where_prec == 4
    assert bf.country == "SY"


def test_no_wrong_town_by_shared_letters(geoparser):
    doc = parse(geoparser, "Troops moved into Anbar after the attack.")
    assert all(p.geonameid != 323854 for p in doc.places)


def test_abbreviation_defined_in_text(geoparser):
    text = ("Fighters crossed the Middle Euphrates River Valley (MERV) towards Iraq. "
            "Patrols in MERV continue.")
    doc = parse(geoparser, text)
    merv = [p for p in doc.places if p.text == "MERV"]
    assert len(merv) == 2
    assert all(p.geonameid == -1001 and p.precision == 3 for p in merv)
    assert merv[-1].resolved_as == "abbreviation"


def test_demonyms_and_focus(geoparser):
    doc = parse(geoparser, "Syrian forces and Kurdish fighters clashed near Aleppo and Homs. Iraqi "
                           "officials watched from Iraq.")
    demonyms = {p.text: p.country for p in doc.places if p.resolved_as == "demonym"}
    assert demonyms == {"Syrian": "SY", "Iraqi": "IQ"}
    assert doc.focus["countries"][0]["country"] == "SY"
    assert doc.focus["countries"][0]["geonameid"] == 163843
    assert 0 < doc.focus["countries"][0]["score"] <= 1
    assert {a["geonameid"] for a in doc.focus["admin1"][:2]} == {170062, 169575}


def test_a_backer_or_a_base_does_not_make_the_focus(geoparser):
    # "US-backed", "London-based": who backs the fighters or hosts the monitor, not where
    doc = parse(geoparser, "US-backed fighters said the troops had left Aleppo.")
    assert doc.focus["countries"][0]["country"] == "SY"


def test_common_words_are_not_places(geoparser):
    doc = parse(geoparser, "Police said the man lived in a Mobile home park. Police arrived late.")
    assert not [p for p in doc.places if p.text == "Police"]


def test_near_lowers_precision(geoparser):
    doc = parse(geoparser, "An explosion was reported near Idlib on Sunday.")
    p = by_text(doc)["Idlib"][0]
    assert (p.precision, p.where_prec) == (2, 2)


def test_place_for_builds_a_place(geoparser):
    p = place_for(170792, "the province", 10, 22, gazetteer=geoparser.gazetteer)
    assert p is not None and p.geonameid == 170792 and p.precision == 3 and p.where_prec == 4
    assert place_for(123, "x", 0, 1, gazetteer=geoparser.gazetteer) is None


def test_empty_text(geoparser):
    doc = parse(geoparser, "")
    assert doc.places == [] and doc.focus == {"countries": [], "admin1": []}


def test_landmark_context_picks_the_right_oxford(geoparser):
    doc = parse(geoparser, "Ole Miss is located in Oxford.")
    assert by_text(doc)["Oxford"][0].geonameid == 4440076


def test_street_is_placed_in_its_town(geoparser):
    doc = parse(geoparser, "The fire started in a house on Orchard Street in Mobile on Sunday.")
    street = by_text(doc)["Orchard Street"][0]
    assert street.geonameid is None and street.within == 4076598
    assert (street.precision, street.where_prec, street.resolved_as) == (1, 2, "container")


def test_dateline_in_capitals(geoparser):
    doc = parse(geoparser, "Storm damage assessed. MOBILE -- Crews worked through the night.")
    assert by_text(doc)["MOBILE"][0].geonameid == 4076598


def test_sub_national_demonym(geoparser):
    doc = parse(geoparser, "Many Oklahomans drove to Prague, Oklahoma for the festival.")
    okl = by_text(doc)["Oklahomans"][0]
    assert okl.resolved_as == "demonym" and okl.geonameid == 4544379 and okl.where_prec == 4


def test_surname_is_not_a_town(geoparser):
    doc = parse(geoparser, "Sheriff Tom Ripley arrived in Mobile. Ripley said the road was closed.")
    assert "Ripley" not in by_text(doc) and "Mobile" in by_text(doc)


@pytest.mark.parametrize("text,found", [
    # a head of state's name, in office or not, is no town that shares it
    ("After a review of Obama-era rules, the navy shut the base.", False),
    ("Obama said the talks in Prague would continue.", False),
    # after a locative preposition it is the town
    ("The festival was held in Obama on Sunday.", True),
])
def test_a_leaders_name_is_no_town(geoparser, text, found):
    assert ("Obama" in by_text(parse(geoparser, text))) == found


@pytest.mark.parametrize("text,name,beyond,outlet", [
    ("near the border with Mali, officials said", "Mali", True, False),
    ("in Mali, near the border", "Mali", False, False),
    ("according to the NY Times, two died", "NY", False, True),
    ("the Jerusalem Post reported", "Jerusalem", False, True),
    ("troops in Jerusalem posted guards", "Jerusalem", False, False),
])
def test_border_and_outlet_cues(text, name, beyond, outlet):
    from kharita.places.cues import beyond_border, seat_of_outlet

    start = text.index(name)
    assert beyond_border(text, start) is beyond
    assert seat_of_outlet(text, start + len(name)) is outlet


# -- far-fetched namesakes and words that are no places ---------------------------------
NAMESAKES = [
    E(2017370, "Russia", 60.0, 100.0, "A", "PCLI", "RU", pop=140_000_000, alts=300),
    E(4783900, "Washington", 38.9, -77.04, "P", "PPLC", "US", "DC", pop=600_000, alts=200),
    E(4164138, "Miami", 25.77, -80.19, "P", "PPLA2", "US", "FL", pop=400_000, alts=80),
    E(104515, "Makkah", 21.43, 39.83, "P", "PPLA", "SA", "14", pop=1_300_000, alts=60),
    # Ohio towns and a county named after them, within a few km of each other
    E(900101, "Russia", 40.23, -84.41, "P", "PPL", "US", "OH", pop=600, alts=1),
    E(900102, "Piqua", 40.14, -84.24, "P", "PPL", "US", "OH", pop=20_000, alts=3),
    E(900103, "Miami County", 40.05, -84.23, "A", "ADM2", "US", "OH", pop=100_000, alts=2),
    E(900104, "Mecca", 40.10, -84.30, "P", "PPL", "US", "OH", pop=300, alts=1),
    E(900105, "Washington Township", 40.12, -84.28, "P", "PPL", "US", "OH", pop=2_000, alts=1),
    E(3719432, "Nord", 19.6, -72.3, "A", "ADM1", "HT", "09", pop=1_000_000, alts=10),
]
NAMESAKE_NAMES = [(104515, "Mecca"), (900102, "Washington"), (900105, "Washington"), (3719432, "No")]


def test_namesakes_do_not_vouch_for_each_other():
    # "Russia", "Washington", "Miami" and "Mecca" each have a far-fetched reading in one
    # corner of Ohio; those readings must not support each other into winning
    gp = Geoparser(Gazetteer.from_entries(NAMESAKES, NAMESAKE_NAMES))
    doc = parse(gp, "Officials in Washington and Miami discussed Russia and the pilgrimage to Mecca.")
    got = {p.text: p.country for p in doc.places}
    assert got == {"Washington": "US", "Miami": "US", "Russia": "RU", "Mecca": "SA"}, got
    assert {p.text: p.geonameid for p in doc.places}["Washington"] == 4783900


def test_function_words_and_named_people_are_no_places(geoparser):
    doc = parse(geoparser, "The envoy met Ivan Petrov and his niece Olga in Aleppo.")
    assert [p.text for p in doc.places] == ["Aleppo"]
    gp = Geoparser(Gazetteer.from_entries(NAMESAKES, NAMESAKE_NAMES))
    doc = parse(gp, "A No 10 spokesman said Russia would reply. No action is likely, he said.")
    assert [p.text for p in doc.places] == ["Russia"]  # "No" is not Nord, Haiti


WORLD = [
    E(2017370, "Russia", 60.0, 100.0, "A", "PCLI", "RU", pop=140_000_000, alts=300),
    E(6252001, "United States", 39.76, -98.5, "A", "PCLI", "US", pop=310_000_000, alts=200),
    E(163843, "Syria", 35.0, 38.0, "A", "PCLI", "SY", pop=22_000_000, alts=200),
    E(3017382, "France", 46.0, 2.0, "A", "PCLI", "FR", pop=67_000_000, alts=200),
    E(170654, "Damascus", 33.51, 36.29, "P", "PPLC", "SY", "13", pop=1_570_000, alts=150),
    E(4783900, "Washington", 38.9, -77.04, "P", "PPLC", "US", "DC", pop=600_000, alts=200),
    E(-2001, "Middle East", 29.0, 41.0, "L", "RGN", None, pop=0, alts=40),
    # Maryland namesakes a few dozen km from Washington, and an Ohio village
    E(900201, "Damascus", 39.29, -77.2, "P", "PPL", "US", "MD", pop=15_000, alts=2),
    E(900202, "Middle East", 39.3, -76.58, "P", "PPL", "US", "MD", pop=5_000, alts=1),
    E(900203, "Russia", 40.23, -84.41, "P", "PPL", "US", "OH", pop=600, alts=1),
    E(4509177, "Ohio", 40.25, -82.75, "A", "ADM1", "US", "OH", pop=11_000_000, alts=20),
]
WORLD_NAMES = [(6252001, "US"), (6252001, "America")]


def test_world_news_keeps_capitals_and_countries_abroad():
    # an article about Syria full of "US" and "Washington": Damascus is Syria's
    # capital, not the Maryland town near Washington that "the Middle East" namesake
    # (another Maryland place) would vouch for
    gp = Geoparser(Gazetteer.from_entries(WORLD, WORLD_NAMES))
    text = ("US officials in Washington said the US would not leave Syria. France and Russia "
            "disagreed. The US envoy flew from Washington to the Middle East and on to Damascus. "
            "Washington and the US say Russia, America and France must talk.")
    doc = parse(gp, text)
    got = {(p.text, p.country) for p in doc.places}
    assert ("Damascus", "SY") in got and ("Damascus", "US") not in got, got
    assert ("Russia", "US") not in got, got  # "Russia, America": a list, not "Russia, Ohio"


def test_a_village_named_like_a_country_still_wins_with_its_state():
    gp = Geoparser(Gazetteer.from_entries(WORLD, WORLD_NAMES))
    doc = parse(gp, "The fair in Russia, Ohio drew farmers from across the county.")
    assert {p.text: p.country for p in doc.places}.get("Russia") == "US"


def test_an_operations_name_is_no_place():
    entries = WORLD + [E(4440559, "Olive Branch", 34.96, -89.83, "P", "PPL", "US", "MS", pop=33_000, alts=3),
                       E(170017, "Afrin", 36.51, 36.87, "P", "PPL", "SY", "09", pop=36_000, alts=20)]
    gp = Geoparser(Gazetteer.from_entries(entries, WORLD_NAMES))
    doc = parse(gp, "Turkey launched Operation Olive Branch against Afrin in Syria. The town of "
                    "Olive Branch, Mississippi, has a fair.")
    got = [(p.text, p.country) for p in doc.places]
    assert ("Afrin", "SY") in got, got
    assert got.count(("Olive Branch", "US")) == 1, got  # only the town, named as a town


def test_bare_washington_is_the_capital_not_the_state():
    entries = WORLD + [E(5815135, "Washington", 47.5, -120.5, "A", "ADM1", "US", "WA", pop=7_000_000, alts=60),
                       E(5809844, "Seattle", 47.6, -122.33, "P", "PPLA2", "US", "WA", pop=700_000, alts=60),
                       E(5812944, "Spokane", 47.66, -117.43, "P", "PPLA2", "US", "WA", pop=220_000, alts=20)]
    gp = Geoparser(Gazetteer.from_entries(entries, WORLD_NAMES))
    doc = parse(gp, "Officials in Washington said the troops would stay in Syria.")
    ids = [p.geonameid for p in doc.places if p.text == "Washington"]
    assert ids == [4783900], ids
    # with the state's towns around it, the state
    doc = parse(gp, "Floods hit Seattle and Spokane, and the governor of Washington declared an emergency.")
    assert [p.geonameid for p in doc.places if p.text == "Washington"] == [5815135]


def test_organisations_named_with_common_words_are_no_towns_far_away():
    entries = WORLD + [E(5289282, "Congress", 34.16, -112.85, "P", "PPL", "US", "AZ", pop=1_900, alts=2),
                       E(4488010, "Red Cross", 35.26, -80.37, "P", "PPL", "US", "NC", pop=700, alts=1),
                       E(170017, "Afrin", 36.51, 36.87, "P", "PPL", "SY", "09", pop=36_000, alts=20)]
    gp = Geoparser(Gazetteer.from_entries(entries, WORLD_NAMES))
    doc = parse(gp, "Trump's staunchest allies in Congress criticised the decision. "
                    "The Red Cross said 1,000 people had fled Afrin in Syria.")
    assert [p.text for p in doc.places] == ["Afrin", "Syria"], [p.text for p in doc.places]


def test_a_country_owns_the_place_after_its_possessive():
    entries = [
        E(99237, "Iraq", 33.0, 44.0, "A", "PCLI", "IQ", pop=38_000_000, alts=200),
        E(130758, "Iran", 32.0, 53.0, "A", "PCLI", "IR", pop=80_000_000, alts=200),
        E(126584, "Kurdistan", 35.6, 46.8, "A", "ADM1", "IR", "16", pop=1_500_000, alts=30),
        E(-1019, "Kurdistan (region)", 37.0, 43.0, "L", "RGN", None, pop=0, alts=5),
        E(-1201, "Kurdistan Region", 36.4, 44.4, "L", "RGN", "IQ", pop=0, alts=5),
    ]
    names = [(-1019, "Kurdistan"), (-1201, "Kurdistan region")]
    gp = Geoparser(Gazetteer.from_entries(entries, names))
    doc = parse(gp, "Erbil is one of the oldest cities in Iraq's Kurdistan region.")
    assert {p.text: p.geonameid for p in doc.places}.get("Kurdistan region") == -1201, \
        [(p.text, p.geonameid) for p in doc.places]
    doc = parse(gp, "Protests in Iran's Kurdistan province continued on Monday.")
    assert {p.text: p.country for p in doc.places}.get("Kurdistan") == "IR"


MORE = WORLD + [
    E(102358, "Saudi Arabia", 25.0, 45.0, "A", "PCLI", "SA", pop=33_000_000, alts=200),
    E(130758, "Iran", 32.0, 53.0, "A", "PCLI", "IR", pop=80_000_000, alts=200),
    E(289688, "Qatar", 25.5, 51.25, "A", "PCLI", "QA", pop=2_700_000, alts=150),
    E(2220955, "West", 5.5, 10.5, "A", "ADM1", "CM", "08", pop=1_700_000, alts=10),
    E(2089856, "Gulf", -7.5, 144.5, "A", "ADM1", "PG", "01", pop=160_000, alts=8),
    E(-1325, "Persian Gulf", 27.0, 51.0, "H", "GULF", None, pop=0, alts=30),
    E(524901, "Moscow", 55.75, 37.62, "P", "PPLC", "RU", "48", pop=10_400_000, alts=300),
    E(5601538, "Moscow", 46.73, -117.0, "P", "PPL", "US", "ID", pop=25_000, alts=5),
    E(5808079, "Pullman", 46.73, -117.18, "P", "PPL", "US", "WA", pop=32_000, alts=5),
    E(3579925, "Saint George's", 12.06, -61.75, "P", "PPLC", "GD", "03", pop=4_300, alts=30),
    E(3374333, "Paul", 17.0, -25.0, "A", "ADM1", "CV", "20", pop=7_000, alts=3),
]
MORE_NAMES = WORLD_NAMES + [(-1325, "Gulf"), (-1325, "the Gulf"), (3579925, "Lewis")]


@pytest.mark.parametrize("text,expected", [
    # a demonym inside a longer name is part of it
    ("Trump embraced Saudi Arabia, whose dispute with Qatar goes on.",
     {("Saudi Arabia", "SA"), ("Qatar", "QA")}),
    # the parser's span "the Gulf on" runs into the next phrase
    ("Iranian boats harassed a tanker in the Gulf on Monday near Qatar.",
     {("Iranian", "IR"), ("Gulf", None), ("Qatar", "QA")}),
    # a compass word alone is a bloc, not Cameroon's West region
    ("Russia and the West are again at odds over Syria.",
     {("Russia", "RU"), ("Syria", "SY")}),
    # one other name is thin evidence of the document's country
    ("Washington said it would respond. Moscow denied it.", {("Washington", "US"), ("Moscow", "RU")}),
    # people's names that are also small places
    ('"The home secretary will decide," Lewis told reporters in Syria.', {("Syria", "SY")}),
    ("In 2016, his 75-year-old uncle, Paul, recorded a plea from Syria.", {("Syria", "SY")}),
])
def test_world_news_names(text, expected):
    got = names_and_countries(MORE, MORE_NAMES, text)
    assert got == expected, got


def test_a_town_near_its_neighbour_keeps_its_state():
    got = names_and_countries(MORE, MORE_NAMES, "Students in Pullman and Moscow marched on Friday.")
    assert ("Moscow", "US") in got, got


ARABIC = [
    E(163843, "Syria", 35.0, 38.0, "A", "PCLI", "SY", pop=22_000_000, alts=200),
    E(366847, "Sudan", 16.0, 30.0, "A", "PCLI", "SD", pop=43_000_000, alts=200),
    E(170500, "Al Bab", 36.37, 37.52, "P", "PPL", "SY", "09", pop=63_000, alts=20),
    E(379303, "El Fasher", 13.63, 25.35, "P", "PPLA", "SD", "02", pop=250_000, alts=20),
    # an American namesake reached through an alternate spelling
    E(4700001, "Bab", 30.1, -95.2, "P", "PPL", "US", "TX", pop=90_000, alts=3),
]
ARABIC_NAMES = [(170500, "Bab"), (170500, "al-Bab"), (379303, "Fasher"), (379303, "el-Fasher")]


@pytest.mark.parametrize("text,expected", [
    # the tagger calls "al-X" a person; after a preposition of place it is a town
    ("In Syria, the fighters moved to al-Bab on Monday.", {("Syria", "SY"), ("al-Bab", "SY")}),
    ("Sudan's army said the convoy arrived in el-Fasher late on Friday.",
     {("Sudan", "SD"), ("el-Fasher", "SD")}),
    # the object of a verb that takes ground is a town too
    ("In Syria, the rebels entered al-Bab at dawn.", {("Syria", "SY"), ("al-Bab", "SY")}),
    ("Sudan's army said militias had besieged el-Fasher for a year.",
     {("Sudan", "SD"), ("el-Fasher", "SD")}),
    # a man's surname with the article is no town, even one in the gazetteer
    ("In Syria, Ahmed al-Bab said the talks had failed.", {("Syria", "SY")}),
    ("In Syria, the police questioned al-Bab on Monday.", {("Syria", "SY")}),
])
def test_arabic_names_after_their_article(text, expected):
    got = names_and_countries(ARABIC, ARABIC_NAMES, text)
    assert got == expected, got
