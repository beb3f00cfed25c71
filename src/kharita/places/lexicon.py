"""Word lists the recogniser and resolver share: place-type words, cues, abbreviations.

Kept in one module so the rules that use them stay short and the lists can be
reviewed (and extended) in one place.  All entries are lower-case.
"""

from __future__ import annotations


def words(s: str) -> frozenset[str]:
    """A word list written as one space-separated string."""
    return frozenset(s.split())


# Place-type words that, right after a name ("Idlib province", "Rapides Parish"),
# say what kind of unit the name is.  Plural forms cover "Homs and Aleppo Governorates".
ADMIN1_WORDS = words("province provinces governorate governorates state states region regions oblast oblasts "
    "prefecture prefectures wilaya wilayah wilayas muhafazah muhafazat emirate")
ADMIN2_WORDS = words("district districts county counties parish parishes municipality municipalities borough "
    "boroughs township townships raion qada qadaa nahiya subdistrict sub-district department "
    "departments")
CITY_WORDS = words("city cities town towns village villages hamlet hamlets camp camps neighborhood "
    "neighbourhood neighborhoods neighbourhoods suburb suburbs quarter settlement "
    "settlements township")
AREA_WORDS = words("area areas countryside outskirts vicinity environs border frontier")
PHYSICAL_WORDS = words("river valley mountains mountain desert plain plains basin lake sea gulf bay island "
    "islands peninsula coast strait")
TYPE_WORDS = ADMIN1_WORDS | ADMIN2_WORDS | CITY_WORDS | AREA_WORDS | PHYSICAL_WORDS

# Lower-case words allowed inside a multi-word place name ("Bosnia and Herzegovina",
# "Deir ez-Zor", "Stratford-upon-Avon", "Rio de Janeiro").
JOINERS = words("of the de del della di da do dos das du des la le les al el ez az as ad ar ash at an "
    "ed es er et en y upon on sur bin ibn and sous im am")

# Arabic definite-article forms, written separately or hyphenated ("al-", "ez-").
ARTICLES = words("al el ul il ez az es as ed ad er ar et at en an ash esh sh")

# Words for a kind of polity that end a capitalised name ("Islamic Republic", "United
# Kingdom"); after an indefinite article the phrase describes a state ("an Islamic
# Republic since 1958"), it does not name one.
POLITY_WORDS = words(
    "republic kingdom state emirate emirates federation union caliphate confederation "
    "commonwealth sultanate principality empire")

# Verbs whose object is ground, not a person, in conflict reporting: "troops entered
# al-X", "rebels besieged el-Y" (lemmas).  The tagger calls an Arabic name after its
# article a person; after one of these verbs, as after a preposition of place, it is
# a place when the gazetteer has it in an Arabic-speaking country.
GROUND_VERBS = words(
    "reach enter reenter storm besiege shell bombard bomb overrun capture recapture "
    "seize retake regain liberate encircle surround occupy evacuate infiltrate")

# Prepositions after which a capitalised name is usually a location.
STRONG_LOC_PREPS = words("in near outside around inside towards toward across throughout between along")
LOC_PREPS = STRONG_LOC_PREPS | words("at from to into through via of")
NEAR_PREPS = words("near outside around nearby close")

# Words before "of X" that make X a place of a given kind ("the town of Oxford").
OF_TYPE_WORDS = {w: "city" for w in CITY_WORDS} | {w: "admin1" for w in ADMIN1_WORDS} | {
    w: "admin2" for w in ADMIN2_WORDS
}

# US state abbreviations in AP style and postal codes: "Prague, Okla." / "Oxford, MS".
US_STATES = {
    "AL": ("Alabama", ["Ala"]), "AK": ("Alaska", []), "AZ": ("Arizona", ["Ariz"]),
    "AR": ("Arkansas", ["Ark"]), "CA": ("California", ["Calif", "Cal"]),
    "CO": ("Colorado", ["Colo"]), "CT": ("Connecticut", ["Conn"]), "DE": ("Delaware", ["Del"]),
    "FL": ("Florida", ["Fla"]), "GA": ("Georgia", ["Ga"]), "HI": ("Hawaii", []),
    "ID": ("Idaho", []), "IL": ("Illinois", ["Ill"]), "IN": ("Indiana", ["Ind"]),
    "IA": ("Iowa", []), "KS": ("Kansas", ["Kan", "Kans"]), "KY": ("Kentucky", ["Ky"]),
    "LA": ("Louisiana", ["La"]), "ME": ("Maine", []), "MD": ("Maryland", ["Md"]),
    "MA": ("Massachusetts", ["Mass"]), "MI": ("Michigan", ["Mich"]),
    "MN": ("Minnesota", ["Minn"]), "MS": ("Mississippi", ["Miss"]),
    "MO": ("Missouri", ["Mo"]), "MT": ("Montana", ["Mont"]), "NE": ("Nebraska", ["Neb", "Nebr"]),
    "NV": ("Nevada", ["Nev"]), "NH": ("New Hampshire", ["N.H"]), "NJ": ("New Jersey", ["N.J"]),
    "NM": ("New Mexico", ["N.M"]), "NY": ("New York", ["N.Y"]),
    "NC": ("North Carolina", ["N.C"]), "ND": ("North Dakota", ["N.D"]), "OH": ("Ohio", []),
    "OK": ("Oklahoma", ["Okla"]), "OR": ("Oregon", ["Ore", "Oreg"]),
    "PA": ("Pennsylvania", ["Pa", "Penn"]), "RI": ("Rhode Island", ["R.I"]),
    "SC": ("South Carolina", ["S.C"]), "SD": ("South Dakota", ["S.D"]),
    "TN": ("Tennessee", ["Tenn"]), "TX": ("Texas", ["Tex"]), "UT": ("Utah", []),
    "VT": ("Vermont", ["Vt"]), "VA": ("Virginia", ["Va"]), "WA": ("Washington", ["Wash"]),
    "WV": ("West Virginia", ["W.Va", "W.V"]), "WI": ("Wisconsin", ["Wis", "Wisc"]),
    "WY": ("Wyoming", ["Wyo"]), "DC": ("District of Columbia", ["D.C"]),
}


def us_state_abbreviations() -> dict[str, str]:
    """Abbreviation as written (without final dot, case kept) -> full state name."""
    out: dict[str, str] = {}
    for code, (name, abbrs) in US_STATES.items():
        out[code] = name
        for a in abbrs:
            out[a] = name
    return out


# Country abbreviations news writers use; GeoNames lists some only as codes.
COUNTRY_ABBREVIATIONS = {
    "US": "US", "U.S.": "US", "U.S": "US", "USA": "US", "U.S.A.": "US", "UK": "GB",
    "U.K.": "GB", "UAE": "AE", "U.A.E.": "AE", "DRC": "CD", "PRC": "CN", "KSA": "SA",
    "ROK": "KR", "DPRK": "KP", "BiH": "BA",
}
