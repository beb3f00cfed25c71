"""GeoNames dump import, on tiny files written in the real dump formats."""

from __future__ import annotations

import zipfile

import pytest

from kharita.places.gazetteer import GazEntry, Gazetteer
from kharita.places.geonames_import import GeoNamesImportError, import_files, parse_geonames_row


def _row(gid, name, ascii_, alts, lat, lon, fcl, fcode, cc, a1="", a2="", pop=0):
    """One line of allCountries.txt / SY.txt: 19 tab-separated columns."""
    cols = [gid, name, ascii_, ",".join(alts), lat, lon, fcl, fcode, cc, "", a1, a2, "", "",
            pop, "", "250", "Asia/Damascus", "2024-01-15"]
    return "\t".join(str(c) for c in cols) + "\n"


SY_ROWS = [
    _row(170792, "Muḩāfaz̧at Dayr az Zawr", "Muhafazat Dayr az Zawr",
         ["Deir ez-Zor Governorate", "Dayr az Zawr"], 35.0, 40.5, "A", "ADM1", "SY", "07"),
    _row(9000001, "Abū Kamāl District", "Abu Kamal District", [], 34.45, 40.92, "A", "ADM2",
         "SY", "07", "0702"),
    _row(9000002, "Al Bāghūz Fawqānī", "Al Baghuz Fawqani", ["Baghuz Fawqani", "الباغوز فوقاني"],
         34.4711, 40.9456, "P", "PPL", "SY", "07", "0702", 1200),
    _row(9000003, "Tall al Qirsh", "Tall al Qirsh", [], 35.2, 40.3, "P", "PPL", "SY", "07"),
    _row(9000004, "Jabal Bishrī", "Jabal Bishri", [], 35.3, 39.3, "T", "MTS", "SY", "07"),
    _row(9000005, "Some Hotel", "Some Hotel", [], 35.3, 40.1, "S", "HTL", "SY", "07"),
    "this line is not a geonames row\n",
]
ALT_ROWS = [  # alternateNameId, geonameid, isolanguage, name, pref, short, colloq, hist, from, to
    "1\t9000003\ten\tTal al-Qirsh\t1\t\t\t\t\t\n",
    "2\t9000003\tlink\thttps://en.wikipedia.org/wiki/Tal_al-Qirsh\t\t\t\t\t\t\n",
    "3\t9000003\tpost\t12345\t\t\t\t\t\t\n",
    "4\t9000003\tru\tТалль-эль-Кирш\t\t\t\t\t\t\n",
    "5\t99999999\ten\tNowhere Village\t\t\t\t\t\t\n",  # place not in the gazetteer
    "6\t9000002\tar\tالباغوز\t\t\t\t\t\t\n",
    "garbage\n",
]
ADMIN1_CODES = "SY.07\tDeir ez-Zor\tDeir ez-Zor\t170792\n"


def _zip(path, member, lines):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(member, "".join(lines))
        zf.writestr("readme.txt", "GeoNames readme\n")
    return path


@pytest.fixture()
def base(tmp_path):
    """A gazetteer with Syria and the Deir ez-Zor governorate under its readable name."""
    path = tmp_path / "gaz.sqlite"
    entries = [
        GazEntry(163843, "Syria", 35.0, 38.0, "A", "PCLI", "SY", None, None, None, None, 0, 0),
        GazEntry(170792, "Deir ez-Zor", 35.0, 40.4, "A", "ADM1", "SY", "07", None,
                 "Deir ez-Zor", None, 447454, 6),
    ]
    Gazetteer.from_entries(entries, [(170792, "Dayr az Zawr")], path=path).close()
    return path


def test_import_country_zip_with_alternate_names(tmp_path, base):
    sy = _zip(tmp_path / "SY.zip", "SY.txt", SY_ROWS)
    alt = _zip(tmp_path / "alternateNamesV2.zip", "alternateNamesV2.txt", ALT_ROWS)
    stats = import_files(base, [sy], alternate_names=alt)
    assert stats["places_written"] == 5  # the hotel (class S) is skipped, one row malformed
    assert stats["skipped_feature_class"] == 1
    assert stats["malformed"] == 2  # the bad SY line and the bad alternate-names line
    assert "SY.zip line 7" in stats["errors"][0]
    with Gazetteer.open(base) as gaz:
        village = gaz.get(9000002)
        assert village.name == "Al Bāghūz Fawqānī"
        assert (village.admin1, village.admin2) == ("Deir ez-Zor", "Abū Kamāl District")
        assert village.population == 1200
        assert gaz.parent(9000002).geonameid == 9000001
        assert gaz.parent(9000001).geonameid == 170792
        for spelling in ("Baghuz Fawqani", "al-Baghuz Fawqani", "Al Baghuz Fawqani", "الباغوز"):
            assert [e.geonameid for e in gaz.lookup(spelling)] == [9000002], spelling
        assert [e.geonameid for e in gaz.lookup("Tal al-Qirsh")] == [9000003]
        assert gaz.lookup("Тал ль-эль-Кирш") == []  # Cyrillic names are not indexed
        assert gaz.lookup("12345") == []  # postcodes are not names
        assert gaz.lookup("Nowhere Village") == []
        # The existing readable name wins; the dump's official name becomes an alternate.
        gov = gaz.get(170792)
        assert gov.name == "Deir ez-Zor" and gov.population == 447454
        assert [e.geonameid for e in gaz.lookup("Muhafazat Dayr az Zawr")] == [170792]
        assert gaz.lookup("Some Hotel") == []
        assert gaz.metadata()["imports"][0]["places_written"] == 5


def test_import_plain_txt_with_admin_codes_into_new_file(tmp_path):
    txt = tmp_path / "SY.txt"
    txt.write_text("".join(SY_ROWS[1:3]), encoding="utf-8")
    codes = tmp_path / "admin1CodesASCII.txt"
    codes.write_text(ADMIN1_CODES, encoding="utf-8")
    target = tmp_path / "new.sqlite"
    stats = import_files(target, [txt], admin_codes=[codes])
    assert stats["places_written"] == 2
    with Gazetteer.open(target) as gaz:
        assert gaz.get(9000002).admin1 == "Deir ez-Zor"


def test_import_errors_name_the_file(tmp_path, base):
    with pytest.raises(GeoNamesImportError, match="missing.zip"):
        import_files(base, [tmp_path / "missing.zip"])
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w") as zf:
        zf.writestr("image.png", b"\x89PNG")
    with pytest.raises(GeoNamesImportError, match="empty.zip"):
        import_files(base, [empty])


def test_parse_geonames_row_rejects_bad_rows():
    entry, alts = parse_geonames_row(SY_ROWS[2])
    assert entry.geonameid == 9000002 and entry.feature_code == "PPL"
    assert entry.admin2_code == "0702" and "Baghuz Fawqani" in alts
    with pytest.raises(ValueError):
        parse_geonames_row("1\tonly three\tcolumns\n")
    with pytest.raises(ValueError):
        parse_geonames_row(SY_ROWS[2].replace("34.4711", "not-a-number"))
