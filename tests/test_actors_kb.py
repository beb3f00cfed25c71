"""The actor knowledge base: integrity of the shipped YAML and the public KB API."""

from __future__ import annotations

from pathlib import Path

import pytest

from kharita.actors.kb import INTER, SECTORS, build_kb, generic_actor, load_kb, strip_period
from kharita.actors.matcher import PhraseMatcher, case_ok


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def test_size_and_coverage(kb):
    named = [a for a in kb if a.kind == "named"]
    assert len(named) >= 200
    assert len(kb) >= 700  # plus military/police/government of every country
    for region_actor in ("islamic_state", "sdf", "houthis", "taliban", "jnim", "is_sahel",
                         "wagner_group", "fama", "boko_haram", "iswap", "al_shabaab",
                         "atmis", "rsf", "saf", "splm_n", "hamas", "hezbollah", "idf",
                         "tatmadaw", "arakan_army", "pdf_myanmar", "m23", "adf", "codeco",
                         "wazalendo", "cjng", "sinaloa_cartel", "monusco", "unifil", "nato"):
        assert kb.get(region_actor) is not None, region_actor


def test_fields_are_valid(kb):
    for actor in kb:
        assert actor.sector in SECTORS, actor.id
        assert actor.inter is None or actor.inter in INTER, actor.id
        assert all(c in kb.countries for c in actor.country), actor.id
        assert all(c in kb.countries for c in actor.descriptions), actor.id
        if actor.parent:
            assert kb.get(actor.parent) is not None, actor.id
        if actor.qid:
            assert actor.qid.startswith("Q") and actor.qid[1:].isdigit()


def test_no_alias_names_two_actors_in_one_country(kb):
    owners: dict[str, list] = {}
    for actor in kb:
        if actor.kind != "named":
            continue
        for alias in {actor.name, *actor.aliases}:
            owners.setdefault(alias, [])
            if actor not in owners[alias]:
                owners[alias].append(actor)
    for alias, actors in owners.items():
        for i, a in enumerate(actors):
            for b in actors[i + 1:]:
                assert not set(a.country) & set(b.country), (alias, a.id, b.id)


def test_acled_names_per_country_and_period(kb):
    assert kb.acled_name("islamic_state", "SY") == "Islamic State (Syria)"
    assert kb.acled_name("islamic_state", "IQ") == "Islamic State (Iraq)"
    assert kb.acled_name("islamic_state", "FR") == "Islamic State"
    assert kb.acled_name("military_sy", "SY", 2019) == "Military Forces of Syria (2000-2024)"
    assert kb.acled_name("military_sy", "SY", 2025) == "Military Forces of Syria (2024-)"
    assert kb.acled_name("military_sy", "SY", "2024-06-01") == "Military Forces of Syria (2000-2024)"
    assert kb.acled_name("military_sy", "SY", "2024-12-20") == "Military Forces of Syria (2024-)"
    assert kb.acled_name("military_af", None, 2020) == "Military Forces of Afghanistan (2014-2021)"
    assert kb.acled_name("police_us", None, 2025) == "Police Forces of United States"
    assert strip_period("Military Forces of Afghanistan (2014-)") == "Military Forces of Afghanistan"
    assert strip_period("Police Forces of Afghanistan (2014-2021) Afghan Local Police") == (
        "Police Forces of Afghanistan Afghan Local Police")
    assert generic_actor("progov_militia", "AF").name == "Militia (Pro-Government)"
    assert kb.acled_name("military_cl") == "Military Forces of Chile"  # no period known
    assert kb.acled_name("no_such_actor") is None


def test_generic_actor(kb):
    civ = generic_actor("civilians", "SY")
    assert civ.name == "Civilians (Syria)" and civ.inter == 7 and civ.sector == "CVL"
    assert generic_actor("armed_group", "NG").name == "Unidentified Armed Group (Nigeria)"
    assert generic_actor("protesters", "SD").inter == 6
    assert generic_actor("civilians").name == "Civilians"
    assert generic_actor("no-such-kind", "SO").name == "Unidentified Armed Group (Somalia)"


def test_operations_are_not_aliases(kb):
    for actor in kb:
        assert not set(actor.operations) & set(actor.aliases), actor.id


def test_case_rules():
    assert case_ok("IS", "IS") and not case_ok("IS", "is") and not case_ok("IS", "Is")
    assert case_ok("ISIS", "Isis") and case_ok("NATO", "Nato")
    assert case_ok("Round Up", "Round Up") and not case_ok("Round Up", "round up")
    assert not case_ok("Round Up", "Round up")
    assert case_ok("colectivos", "Colectivos")
    # a generic head after two capitalised words may be lower-cased by house style
    assert case_ok("Free Syrian Army", "Free Syrian army")
    assert case_ok("Kurdistan Workers' Party", "Kurdistan Workers' party")
    assert not case_ok("Free Syrian Army", "free Syrian army")
    assert not case_ok("Syrian Army", "Syrian army")  # one capitalised word is not enough
    assert not case_ok("Free Syrian Army", "Free syrian army")


def test_matcher_word_boundaries(kb):
    matcher = PhraseMatcher.for_kb(kb)
    refs = {(h.pattern.ref, h.start) for h in matcher.find("ISWAP and the Hamasite Amal")}
    assert ("iswap", 0) in refs
    assert not any(ref == "hamas" for ref, _ in refs)


def test_malformed_entry_skipped(tmp_path: Path, kb, caplog):
    src = Path(__file__).resolve().parents[1] / "src" / "kharita" / "data" / "actors"
    for name in ("countries.yaml", "roles.yaml"):
        (tmp_path / name).write_text((src / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "x.yaml").write_text(
        "actors:\n- {id: ok_group, name: Ok Group, sector: REB, inter: 2}\n- {name: no id}\n",
        encoding="utf-8")
    small = build_kb(tmp_path)
    assert small.get("ok_group") is not None
    assert "malformed" in caplog.text


def test_every_country_code_is_two_letters(kb):
    # a bare NO (Norway) in YAML reads as the boolean false
    assert all(isinstance(c, str) and len(c) == 2 and c.isupper() for c in kb.countries)
    assert kb.state_actor("government", "NO").name == "Government of Norway"
