"""Gazetteer core: name keys, lookups, hierarchy, on small hand-built entries."""

from __future__ import annotations

import pytest

from kharita.places.gazetteer import (
    GazEntry,
    Gazetteer,
    GazetteerMissing,
    abbreviation_variants,
    name_variants,
    normalize_name,
)


def _e(gid, name, fcl, fcode, cc, a1=None, a2=None, pop=0, lat=0.0, lon=0.0, alts=0):
    return GazEntry(gid, name, lat, lon, fcl, fcode, cc, a1, a2, None, None, pop, alts)


SYRIA = [
    _e(163843, "Syria", "A", "PCLI", "SY", pop=22_000_000, lat=35.0, lon=38.0),
    _e(170792, "Deir ez-Zor", "A", "ADM1", "SY", "07", lat=35.0, lon=40.5),
    _e(169575, "Homs", "A", "ADM1", "SY", "11", lat=34.5, lon=38.0),
    _e(42, "Abu Kamal District", "A", "ADM2", "SY", "07", "0702", lat=34.4, lon=40.9),
    _e(170794, "Deir ez-Zor", "P", "PPLA", "SY", "07", pop=271_800, lat=35.33, lon=40.14),
    _e(169577, "Homs", "P", "PPLA", "SY", "11", pop=775_404, lat=34.72, lon=36.72),
    _e(173000, "Al Baghuz Fawqani", "P", "PPL", "SY", "07", "0702", pop=900, lat=34.46, lon=40.93),
]
ALTERNATES = [(170794, "Dayr az Zawr"), (170794, "Deir Ezzor"), (170794, "دير الزور"),
              (169577, "Ḩimş"), (170792, "Deir ez-Zor Governorate")]


@pytest.fixture()
def gaz():
    g = Gazetteer.from_entries(SYRIA, ALTERNATES)
    yield g
    g.close()


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Deir ez-Zor", "deir ez zor"),
        ("Dayr az Zawr", "dayr az zawr"),
        ("Deir  ez–Zor", "deir ez zor"),  # en dash, double space
        ("Ḩimş", "hims"),
        ("Dar'ā", "dara"),
        ("Ra’s al Khaymah", "ras al khaymah"),
        ("Ṣanʿāʾ", "sana"),
        ("São Tomé", "sao tome"),
        ("Łódź", "lodz"),
        ("Côte d’Ivoire", "cote divoire"),
        ("St. Louis", "st louis"),
        ("U.A.E.", "uae"),
        ("  ", ""),
        ("إدلب", normalize_name("ادلب")),  # hamza on alef is a diacritic
    ],
)
def test_normalize_name(raw, key):
    assert normalize_name(raw) == key


def test_lookup_matches_name_and_alternates_in_any_spelling(gaz):
    for spelling in ("Deir ez-Zor", "DEIR EZ ZOR", "Dayr az-Zawr", "deir ezzor", "دير الزور"):
        ids = [e.geonameid for e in gaz.lookup(spelling)]
        assert 170794 in ids, spelling
    # The governorate shares the city's name; the bigger place comes first.
    assert [e.geonameid for e in gaz.lookup("Deir ez-Zor")] == [170794, 170792]
    assert [e.geonameid for e in gaz.lookup("Hims")] == [169577]
    assert gaz.lookup("Atlantis") == []
    assert gaz.lookup("") == []


def test_lookup_returns_a_fresh_list(gaz):
    first = gaz.lookup("Homs")
    first.clear()
    assert gaz.lookup("Homs")


def test_admin_names_and_hierarchy_filled_from_entries(gaz):
    village = gaz.get(173000)
    assert village is not None
    assert (village.admin1, village.admin2) == ("Deir ez-Zor", "Abu Kamal District")
    assert gaz.get(170792).admin1 == "Deir ez-Zor"
    assert gaz.country("sy").geonameid == 163843
    assert gaz.admin1("SY", "11").geonameid == 169575
    assert gaz.admin2("SY", "07", "0702").geonameid == 42
    assert gaz.admin2("SY", "07", "9999") is None
    assert {e.geonameid for e in gaz.children(163843, "A")} == {170792, 169575}
    assert [e.geonameid for e in gaz.children(170792, "P")] == [170794]
    assert [e.geonameid for e in gaz.children(42)] == [173000]
    assert gaz.parent(173000).geonameid == 42
    assert gaz.parent(42).geonameid == 170792
    assert gaz.parent(170792).geonameid == 163843
    assert gaz.parent(163843) is None
    assert gaz.get(1) is None


def test_name_keys_and_counts(gaz):
    keys = list(gaz.name_keys())
    assert len(keys) == len(set(keys))
    assert {"deir ez zor", "dayr az zawr", "hims", "abu kamal district"} <= set(keys)
    counts = gaz.counts()
    assert counts["places"] == len(SYRIA)
    assert counts["places_P"] == 3
    assert counts["name_keys"] == len(keys)


def test_open_missing_file_says_how_to_build(tmp_path):
    with pytest.raises(GazetteerMissing, match="kharita gazetteer build"):
        Gazetteer.open(tmp_path / "nope.sqlite")
    bad = tmp_path / "bad.sqlite"
    bad.write_text("not a database")
    with pytest.raises(GazetteerMissing, match="bad.sqlite"):
        Gazetteer.open(bad)
    assert issubclass(GazetteerMissing, RuntimeError)


def test_open_reads_a_file_written_by_from_entries(tmp_path):
    path = tmp_path / "g.sqlite"
    Gazetteer.from_entries(SYRIA, ALTERNATES, path=path).close()
    with Gazetteer.open(path) as g:
        assert g.get(169577).name == "Homs"
        assert [e.geonameid for e in g.lookup("Ḩimş")] == [169577]


@pytest.mark.parametrize(("key", "expected", "absent"), [
    ("deir ez zor", {"deir ezzor", "deir al zor", "deir el zor"}, set()),
    ("ar raqqah", {"raqqa", "raqqah", "al raqqah"}, {"ar raqqah"}),
    ("al baghuz fawqani", {"baghuz fawqani"}, set()),
    ("al bab", {"el bab"}, {"bab"}),  # a 3-letter word is not left alone without its article
    ("hama", {"hamah"}, set()),
    ("aleppo", set(), {"aleppoh"}),  # "-o" is not "-a"
])
def test_name_variants(key, expected, absent):
    variants = name_variants(key)
    assert expected <= variants and not (absent & variants) and key not in variants
    assert len(variants) <= 12


def test_abbreviation_variants():
    assert abbreviation_variants("mount pleasant") == {"mt pleasant"}
    assert abbreviation_variants("st louis") == {"saint louis"}
    assert abbreviation_variants("loudon co") == {"loudon county"}
    assert abbreviation_variants("aleppo") == set()


def test_variants_are_indexed_only_where_they_apply(gaz):
    assert 173000 in [e.geonameid for e in gaz.lookup("Baghuz Fawqani")]  # Syria: Arabic names
    us = [_e(5, "Al Hamra", "P", "PPL", "US"), _e(6, "Mount Pleasant", "P", "PPL", "US")]
    with Gazetteer.from_entries(us) as g:
        assert g.lookup("Hamra") == []  # not an Arabic-name country
        assert [e.geonameid for e in g.lookup("Mt. Pleasant")] == [6]
