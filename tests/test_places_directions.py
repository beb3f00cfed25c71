"""Compass parts of a country or province ("eastern Syria") on a small hand-built gazetteer."""

from __future__ import annotations

import pytest

from kharita import nlp
from kharita.model import Document
from kharita.places import Geoparser
from kharita.places.directions import compass_word, part_point
from kharita.places.gazetteer import GazEntry, Gazetteer


def E(gid, name, lat, lon, fc, code, cc, a1=None, a2=None, pop=0, alts=0):
    return GazEntry(gid, name, lat, lon, fc, code, cc, a1, a2, None, None, pop, alts)


ENTRIES = [
    E(163843, "Syria", 35.0, 38.0, "A", "PCLI", "SY", pop=22_000_000, alts=200),
    E(170062, "Aleppo", 36.25, 37.5, "A", "ADM1", "SY", "09", pop=4_800_000, alts=6),
    E(169575, "Homs", 34.5, 38.0, "A", "ADM1", "SY", "11", pop=1_800_000, alts=6),
    E(170792, "Dayr az Zawr", 35.0, 40.37, "A", "ADM1", "SY", "06", pop=450_000, alts=6),
    E(170793, "Al Hasakah", 36.5, 40.75, "A", "ADM1", "SY", "01", pop=1_500_000, alts=6),
    E(169387, "Idlib", 35.8, 36.6, "A", "ADM1", "SY", "10", pop=440_000, alts=5),
    E(163345, "Tartus", 34.9, 35.9, "A", "ADM1", "SY", "14", pop=800_000, alts=5),
    # Idlib's towns (its districts are not in this gazetteer)
    E(169389, "Idlib", 35.93, 36.63, "P", "PPLA", "SY", "10", pop=128_840, alts=28),
    E(900010, "Sarmada", 36.18, 36.72, "P", "PPL", "SY", "10", pop=15_000, alts=3),
    E(900011, "Khan Shaykhun", 35.44, 36.65, "P", "PPL", "SY", "10", pop=34_000, alts=3),
    E(900012, "Jisr ash Shughur", 35.81, 36.32, "P", "PPL", "SY", "10", pop=44_000, alts=3),
    E(99237, "Iraq", 33.0, 44.0, "A", "PCLI", "IQ", pop=38_000_000, alts=200),
    E(7909807, "South Sudan", 7.5, 30.0, "A", "PCLI", "SS", pop=11_000_000, alts=100),
    E(366755, "Sudan", 16.0, 30.0, "A", "PCLI", "SD", pop=43_000_000, alts=100),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_entries(ENTRIES)


@pytest.fixture(scope="module")
def geoparser(gaz) -> Geoparser:
    return Geoparser(gaz)


def places(gp: Geoparser, text: str) -> dict[str, object]:
    doc = gp(Document(id="t", text=text), nlp.load()(text))
    return {p.text: p for p in doc.places}


def test_compass_words_in_their_spellings():
    east = compass_word("eastern")
    assert east is not None and east[0] == 90.0
    for spelling in ("north-east", "northeast", "North East", "north-eastern"):
        found = compass_word(spelling)
        assert found is not None and found[1] == "North-eastern"
    assert compass_word("central")[0] is None
    assert compass_word("upper") is None


def test_the_point_is_the_mean_of_the_units_in_that_direction(gaz):
    syria = gaz.get(163843)
    lat, lon = part_point(gaz, syria, compass_word("eastern")[0])
    assert (lat, lon) == pytest.approx((35.75, 40.56))  # Dayr az Zawr and Al Hasakah
    lat, lon = part_point(gaz, syria, compass_word("southern")[0])
    assert (lat, lon) == pytest.approx((34.5, 38.0))  # Homs only
    lat, lon = part_point(gaz, syria, compass_word("western")[0])
    assert lon < 37.0  # Tartus / Idlib side, not the country centre


def test_eastern_syria_is_a_region_of_syria_not_its_centre(geoparser):
    got = places(geoparser, "Coalition jets bombed targets in eastern Syria on Thursday.")
    p = got["eastern Syria"]
    assert "Syria" not in got  # the country mention became the part it names
    assert p.name == "Eastern Syria" and p.resolved_as == "direction" and p.geonameid is None
    assert p.within == 163843 and p.country == "SY" and p.feature_code == "RGN"
    assert (p.precision, p.where_prec) == (3, 5)
    assert (p.lat, p.lon) == pytest.approx((35.75, 40.56))


def test_part_of_a_province_is_read_from_its_towns(geoparser):
    p = places(geoparser, "Air strikes hit villages in northern Idlib on Monday.")["northern Idlib"]
    assert p.resolved_as == "direction" and p.within == 169387 and p.precision == 2
    assert p.lat > 35.9  # Sarmada and Idlib city, north of the province centre


def test_too_few_located_units_keep_the_country(geoparser):
    got = places(geoparser, "Fighting continued in northern Iraq.")
    assert "Iraq" in got and got["Iraq"].geonameid == 99237


def test_a_compass_word_that_is_part_of_a_name_is_that_name(geoparser):
    got = places(geoparser, "Clashes broke out in South Sudan on Monday.")
    assert [p.geonameid for p in got.values()] == [7909807]
