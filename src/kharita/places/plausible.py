"""Is a gazetteer hit in running text really a place?  Filters and their cues.

A capitalised word that a gazetteer knows is often something else: a surname
("Ripley said"), a common word ("Officer", "March"), an organisation ("Isis"),
part of a person's name.  :func:`plausible_match` decides from the entity
layer, part of speech, titles and speech verbs around it, whether the name
occurs as a person elsewhere in the text, and how prominent the place is.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from kharita.places import lexicon as lx
from kharita.places.demonyms import demonym_code
from kharita.places.gazetteer import ARABIC_NAME_COUNTRIES, normalize_name

if TYPE_CHECKING:
    from kharita.places.recognize import Mention

NER_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
ACRONYM = re.compile(r"^[A-Z][A-Z.&]{1,7}$")


def is_cap(tok: Any) -> bool:
    t = tok.text
    return bool(t) and t[0].isupper()


def dateline(tokens: list[Any], i: int, j: int) -> bool:
    """ "BEIRUT (AP) —", "CHARLESTON, W.Va. --": an upper-case place opening a line."""
    first = tokens[i]
    at_line_start = i == 0 or "\n" in tokens[i - 1].text or "\n" in tokens[i - 1].whitespace_
    nxt = tokens[j + 1].text if j + 1 < len(tokens) else ""
    if len(first.text) < 3:
        return False
    if nxt in {"--", "—", "–"}:  # "... March 15, 2009 NEWARK -- Unfortunately"
        return True
    return (at_line_start or first.is_sent_start) and nxt[:1] in {",", "(", "—", "–", "-", ":"}


def surnames(tokens: list[Any], ents: list[Any]) -> set[str]:
    """Last words of multi-word person names: "Bob Ripley" makes a later "Ripley" a person."""
    out = set()
    for ent in {e for e in ents if e is not None and e.label_ == "PERSON" and len(e) > 1}:
        words = [t for t in ent if t.is_alpha]  # "Gustavo Petro's": the span may hold the 's
        last = words[-1] if len(words) > 1 else None
        if last is not None and last.text[:1].isupper():
            out.add(last.text)
    return out


def one_sense_per_discourse(
    accepted: list[Mention], rejected: list[tuple[Mention, int, int]], ents: list[Any]
) -> list[Mention]:
    """A name the text uses as a place elsewhere is a place here too.

    Recovers "Charleston" inside "the United Bank Charleston Market" or a
    politician's "D-Charleston" once the article has said "in Charleston";
    never inside a person's name.
    """
    from kharita.places.gazetteer import normalize_name

    keys = {normalize_name(m.text) for m in accepted if m.source == "gazetteer" and not m.weak}
    for m in accepted:
        if m.weak and normalize_name(m.text) in keys:
            m.weak = False
    spans = [(m.start, m.end) for m in accepted]
    out = []
    for m, i, j in rejected:
        ent = ents[i]
        exact_org = ent is not None and ent.label_ == "ORG" and trim_entity(ent) == (i, j + 1)
        if normalize_name(m.text) not in keys or (ent is not None and ent.label_ == "PERSON") or exact_org:
            continue
        if any(a < m.end and m.start < b for a, b in spans):
            continue
        spans.append((m.start, m.end))
        out.append(m)
    return out


@lru_cache(maxsize=1)
def dictionary() -> frozenset[str]:
    """English nouns and adjectives (the parser's lemmatizer tables), lower-case.

    A capitalised dictionary word ("Street", "Officer", "March", "Hope") that is
    also a small town needs more than capitalisation to count as a place.
    """
    try:
        from kharita import nlp

        table = nlp.load().get_pipe("lemmatizer").lookups.get_table("lemma_index")
        return frozenset(w for pos in ("noun", "adj", "verb") for w in table[pos])
    except (KeyError, ValueError, RuntimeError, OSError):  # no lookup tables: no filter
        return frozenset()


@lru_cache(maxsize=1)
def leader_names() -> frozenset[str]:
    """The names of the heads of state and government the actor KB knows
    (``leaders.yaml``, in or out of office): never places, whatever town shares them."""
    from kharita.actors.kb import load_kb

    return frozenset(alias for actor in load_kb() if actor.terms for alias in actor.aliases)


def arabic_article(tokens: list[Any], i: int) -> bool:
    """Whether the name at token i is written after a lower-case Arabic article
    joined by a hyphen ("al-Bab", "el-Fasher", "ar-Raqqa"): the tokenizer splits it
    off, so the word before the name is two tokens back."""
    return (i >= 2 and tokens[i - 1].text == "-" and not tokens[i - 1].whitespace_
            and not tokens[i - 2].whitespace_ and tokens[i - 2].text in lx.ARTICLES)


def kind_not_name(tokens: list[Any], i: int, j: int) -> bool:
    """Whether the capitalised run around tokens i..j follows an indefinite article,
    ends in a word for a kind of polity (:data:`lexicon.POLITY_WORDS`) and heads its own
    phrase: "an Islamic Republic since 1958", "a Federal Republic with sixteen
    states" describe a state; "a Czech Republic side" (the run modifies a noun) and "a
    Manhattan Democrat" still name places."""
    start, end = i, j
    while start > 0 and tokens[start - 1].is_alpha and tokens[start - 1].text[:1].isupper():
        start -= 1
    while end + 1 < len(tokens) and tokens[end + 1].is_alpha and tokens[end + 1].text[:1].isupper():
        end += 1
    if start == 0 or tokens[start - 1].lower_ not in ("a", "an") or tokens[end].lower_ not in lx.POLITY_WORDS:
        return False
    after = tokens[end + 1] if end + 1 < len(tokens) else None
    return after is None or (after.pos_ not in ("NOUN", "PROPN", "ADJ", "PART") and after.text != "-")


def speech_community(tokens: list[Any], i: int, j: int) -> bool:
    """Whether tokens i..j are one word for the speakers of a language ("Anglophone",
    "Francophone", "Russophone" regions): an adjective, not a place's name, though it
    is capitalised and stands before a place-type word."""
    word = tokens[i].text
    return i == j and len(word) > 7 and word[:1].isupper() and word.lower().endswith("phone")


def describes_not_names(tokens: list[Any], i: int, j: int) -> bool:
    """Whether tokens i..j describe rather than name a place: a kind of state
    (:func:`kind_not_name`) or the speakers of a language (:func:`speech_community`)."""
    return kind_not_name(tokens, i, j) or speech_community(tokens, i, j)


def _takes_ground(tok: Any | None) -> bool:
    """Whether a token is a verb whose object is ground (:data:`lexicon.GROUND_VERBS`)."""
    return tok is not None and tok.tag_.startswith("VB") and tok.lemma_.lower() in lx.GROUND_VERBS


def plausible_match(m: Mention, tokens: list[Any], i: int, j: int, ents: list[Any],
                    person_names: set[str] = frozenset()) -> str:  # type: ignore[assignment]
    """"yes", "no", or "weak" for a gazetteer hit at tokens i..j.

    "weak" hits (a small town the model labelled PERSON, an upper-case headline
    word) are kept only if they resolve next to the document's other places
    (see :mod:`kharita.places.containers`).
    """
    ent = ents[i]
    first = tokens[i]
    best = max(m.candidates, key=prominence)
    k = i - 2 if arabic_article(tokens, i) else i  # "to al-Bab": the word before "al-"
    prev = tokens[k - 1].lower_ if k else ""
    if k < i and ent is not None and ent.start == k and ent.end == j + 1:
        # the tagger calls "al-Bab" a person for its article; that is no evidence the
        # name is someone's, so the surnames it gave do not count against it
        person_names = set(person_names) - {tokens[j].text}
    if k < i and (prev in lx.LOC_PREPS - {"of"} or _takes_ground(tokens[k - 1] if k else None)) and any(
            c.country in ARABIC_NAME_COUNTRIES for c in m.candidates):
        # "fled to al-Bab", "in el-Fasher", "entered al-Bab": an Arabic place name
        # after a preposition of place or as the object of a verb that takes ground
        return "yes"
    if kind_not_name(tokens, i, j):
        return "no"  # "an Islamic Republic", "a Federal Republic": a kind, not a name
    prominent = any(is_prominent(c) for c in m.candidates)  # Donetsk city, not its raion
    if j == i and (first.pos_ in _FUNCTION_POS or first.lower_ in _TITLES
                   or first.lower_ in DIRECTION_WORDS):
        return "no"  # "No", "Do" opening a sentence; "Sen.", "Rev."; "Central", "North"
    if (j == i and first.text in person_names and prev not in lx.LOC_PREPS
            and not _metonym(m)):
        return "no"  # "Binali Yildirim ... Yildirim said": the surname, however big the namesake
    if m.text in leader_names() and prev not in lx.STRONG_LOC_PREPS:
        return "no"  # "Obama-era rules", "Erdogan said": a head of state, not Obama, Japan
    if (j == i and first.is_sent_start and first.lower_ in dictionary() and not _own_name(m)
            and (ent is None or ent.label_ not in {"GPE", "LOC"})):
        return "no"  # "Mass abductions ..." opening a paragraph: a word, not Massachusetts' short name
    if j == i and not prominent and prev not in lx.STRONG_LOC_PREPS and (
        first.text in person_names
        or (first.lower_ in dictionary() and (ent is None or ent.label_ not in {"GPE", "LOC"}))
    ):
        if prev in lx.LOC_PREPS - {"of"} and not first.is_sent_start and first.text.istitle() \
                and first.text not in person_names:
            return "weak"  # "from Sake to Goma": kept if it fits the document's places
        return "no"
    if ACRONYM.match(m.text) and dateline(tokens, i, j):
        return "yes"
    if (ent is not None and ent.label_ in ("PERSON", "ORG") and j == i and prominent
            and first.dep_ == "dobj" and first.head.lemma_.lower() in _PLACE_VERBS):
        return "yes"  # "rebels shelled Goma" (tagged PERSON, or ORG): a city is what one shells
    if ent is not None and ent.label_ in _NON_PLACE_LABELS:
        return "yes" if ent.label_ == "LANGUAGE" and prev in lx.LOC_PREPS else "no"
    if ACRONYM.match(m.text) and not any(is_major(c) for c in m.candidates):
        # "IS", "ISIS": short acronyms are not towns; "PATASKALA" in a headline may be
        return "weak" if len(m.text) >= 4 and m.text.isalpha() else "no"
    if ent is not None and (trim_entity(ent) or (i, j + 1)) not in ((i, j + 1), (k, j + 1)):
        if inside_entity(ent, tokens, i, j, best):
            return "yes"
        if _hyphen_chain(tokens, i, j) and ent.start >= i and ent.end <= j + 1:
            # "in Rostov-on-Don": the tagger labels only a piece of a hyphenated name
            return "yes" if prominent or prev in lx.LOC_PREPS else "weak"
        # "fled Afrin for Aleppo", read as a title: a title in news is quoted; an
        # unquoted one is more often the tagger's slip, so its names are kept where
        # they fit the document's other places
        return "weak" if ent.label_ == "WORK_OF_ART" and not _quoted(ent) else "no"
    if ent is not None and ent.label_ == "ORG" and not prominent and (
            (j == i and first.lower_ in dictionary()) or (j > i and prev not in lx.LOC_PREPS)):
        # "backers in Congress", "the Red Cross said": an organisation named with a
        # common word, or a longer name with no preposition of place before it, is kept
        # only where it fits the document's other places (Congress, Arizona, and Red
        # Cross, North Carolina, do not fit a report on Syria)
        return "weak"
    if ent is not None and ent.label_ in NER_PLACE_LABELS:
        return "yes"
    if ent is not None and ent.label_ == "NORP":
        # "Islamic", "Kurdish" are not places; a name the model mislabels is
        # ("fighting in Homs and Aleppo", Aleppo tagged NORP).
        nxt = tokens[j + 1].text if j + 1 < len(tokens) else ""
        if nxt in _UNIT_NOUNS and demonym_code(m.text) is None:
            return "yes"  # "Ghoryan district", "Dawlatabad town": a name, not an adjective
        # a name ends its phrase where an adjective would need its noun: "in Omdurman
        # on Monday" (the tagger reads some towns ending in -an as adjectives)
        closes = j + 1 >= len(tokens) or tokens[j + 1].is_punct or (
            tokens[j + 1].pos_ in ("ADP", "CCONJ", "AUX", "VERB", "SCONJ")
            and demonym_code(m.text) is None)
        if re.search(r"(an|ish|ese|ic|i|ist|ite)s?$", m.text) and not (
                closes and prev in lx.LOC_PREPS | {","} and prominent):
            return "no"  # but "X, Michoacan." ends a place phrase: no adjective there
        return "yes" if prominent or prev in lx.LOC_PREPS | {"and"} else "weak"
    if person_context(tokens, i, j) and not _metonym(m):
        return "no"  # "Mr. Flores", "Hopkins said"; but "Washington said" is a government
    if j == i:  # single word without a place label: needs a proper-noun tag
        if first.pos_ != "PROPN" and not (first.is_sent_start and first.pos_ in {"NOUN", "X"}
                                           and prominent and _own_name(m)):
            # ("Mass abductions" opening a sentence: a common noun that is only a short
            # form of Massachusetts' name is no place)
            if not first.is_sent_start and prev in lx.LOC_PREPS - {"of"} and first.text.istitle():
                return "weak"  # "from Sake to Goma": capitalised mid-sentence after a preposition
            return "no"
        # "the eastern town of Avdiivka": a place-type word and "of" name a place
        # whatever the model's label
        typed_of = prev == "of" and i >= 2 and tokens[i - 2].lower_ in lx.TYPE_WORDS
        if (ent is not None and ent.label_ in {"PERSON", "ORG"} and not typed_of
                and prev not in lx.STRONG_LOC_PREPS - {"between"}):
            if ent.label_ == "PERSON":
                # a name that is also an old alternate name of a small capital ("Lewis
                # told Today": St George's, Grenada) is someone's name
                return "yes" if any(_famous(c) and (c.feature_code != "PPLC" or c.population >= 100_000)
                                    for c in m.candidates) else "weak"
            return "yes" if any(_famous(c) for c in m.candidates) else "weak"
        if first.is_sent_start and not prominent and best.population < 50_000:
            return "weak"
        if ent is None and not prominent and prev not in lx.LOC_PREPS:
            return "weak"  # no entity label, no preposition: only if it fits the rest
    return "yes"


# Lower-case unit nouns that make the capitalised word before them a place name.
_UNIT_NOUNS = lx.ADMIN2_WORDS | lx.words("province provinces governorate city town village")
_FUNCTION_POS = frozenset({"DET", "AUX", "PRON", "ADP", "CCONJ", "SCONJ", "PART", "VERB"})
# verbs whose object is a place, not a person: one shells, besieges or leaves a town
_PLACE_VERBS = frozenset({"shell", "bomb", "bombard", "besiege", "storm", "overrun", "recapture",
                          "retake", "liberate", "encircle", "surround", "evacuate", "flee",
                          "enter", "blockade", "annex", "occupy", "invade",
                          # verbs that take people or organisations too ("captured the
                          # commander"): a single word naming a city, which no full name
                          # told before makes a surname, is the city ("seized Goma")
                          "capture", "seize", "attack", "raid", "leave", "abandon", "reach"})
_NON_PLACE_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL",
                               "QUANTITY", "LAW", "LANGUAGE"})
# Words that, after a place name inside an organisation's name, show the place is
# the organisation's seat ("Alexandria Police Department", "Minnesota House").
_ORG_HEADS = lx.words("police sheriff fire city county public school schools high university college hospital "
    "board council house senate department state community city's chamber times post herald "
    "news tribune daily courier journal gazette airport station library museum church club "
    "district parish area regional national international federal court jail prison center "
    "centre zoo port harbor harbour water transit metro bureau office army guard")
_TITLES = lx.words("mr mr. mrs mrs. ms ms. dr dr. sen sen. rep rep. gov gov. president secretary sheriff "
    "officer judge justice mayor senator representative governor deputy sgt sgt. lt lt. "
    "capt capt. coach pastor rev rev. attorney chief commissioner minister prince king queen "
    "sir lord lady st.")
_SPEECH = lx.words("said says told added explained wrote asked stated noted tweeted stressed "
                   "insisted argued warned admitted acknowledged recalled replied posted")


def trim_start(ent: Any) -> int:
    s = ent.start
    while s < ent.end and ent.doc[s].lower_ in {"the", "a", "an"}:
        s += 1
    return s


_QUOTES = set("\"'“”‘’«»")


def _quoted(ent: Any) -> bool:
    """The entity is set in quotation marks (or italics' stand-in, a quote at either end)."""
    doc = ent.doc
    before = doc[ent.start - 1].text if ent.start > 0 else ""
    after = doc[ent.end].text if ent.end < len(doc) else ""
    return bool(_QUOTES & set(before + after + ent.text[:1] + ent.text[-1:]))


def inside_entity(ent: Any, tokens: list[Any], i: int, j: int, best: Any) -> bool:
    """A gazetteer hit inside a longer entity: a place only in a few positions.

    Leading an organisation's name ("the Alexandria Police Department") or after
    "of"/"in" inside it ("University of Mississippi"); never inside a person's name.
    """
    if ent.label_ in NER_PLACE_LABELS:
        return True
    if ent.label_ == "NORP":
        return False  # "South" in "South Ossetian": part of an adjective of origin
    start = trim_start(ent)
    nxt = tokens[j + 1].lower_ if j + 1 < len(tokens) else ""
    if ent.label_ == "PERSON":
        return start == i and nxt in _ORG_HEADS
    if start < i and all(tokens[k].lower_ in DIRECTION_WORDS for k in range(start, i)):
        start = i  # "Northeast Texas Community College": the place still leads
    if start == i:
        return nxt in _ORG_HEADS or is_prominent(best)
    return tokens[i - 1].lower_ in {"of", "in", "at"}


DIRECTION_WORDS = lx.words(
    "north south east west northern southern eastern western northeast northwest southeast "
    "southwest northeastern northwestern southeastern southwestern central upper lower greater"
)


def titled(tokens: list[Any], s: int) -> bool:
    """The name at token ``s`` opens with, or follows, a person's title ("Mr",
    "Dr", "Gen.", "President"; not "St", which opens many places)."""
    words = [tokens[s].lower_] + ([tokens[s - 1].lower_] if s else [])
    return any(w in _TITLES and w not in ("st", "st.") for w in words)


def person_context(tokens: list[Any], i: int, j: int) -> bool:
    """ "Mr. Jones", "Sheriff Smith", "Hopkins said": a surname, not a town.  But a
    name right after a preposition of place is where the speaker is ("police in
    Karachi said"): nobody is "in Hopkins"."""
    prev = tokens[i - 1] if i else None
    if prev is not None and (prev.lower_ in _TITLES or (
            prev.ent_type_ == "PERSON" and prev.text[:1].isupper() and j == i)):
        return True
    nxt = tokens[j + 1] if j + 1 < len(tokens) else None
    return nxt is not None and nxt.lower_ in _SPEECH and j == i \
        and (prev is None or prev.lower_ not in lx.STRONG_LOC_PREPS)


def _own_name(m: Mention) -> bool:
    """The text is the full name of one of its prominent candidates, not a short or
    alternate form ("Gaza" is Gaza's name; "Mass" only an abbreviation)."""
    key = normalize_name(m.text)
    return any(is_prominent(c) and normalize_name(c.name) == key for c in m.candidates)


def _hyphen_chain(tokens: list[Any], i: int, j: int) -> bool:
    """Tokens i..j are one word joined by hyphens ("Rostov-on-Don", "Stratford-upon-Avon")."""
    return j > i and any(tokens[k].text == "-" for k in range(i + 1, j)) and not any(
        tokens[k].whitespace_ for k in range(i, j))


def _famous(c: Any) -> bool:
    """Famous enough to beat the entity layer's PERSON/ORG label ("Hamas" is no Hamm)."""
    code = c.feature_code or ""
    return code.startswith("PCL") or code in {"ADM1", "CONT", "RGN", "PPLC"} or (
        c.population >= 1_000_000)


def _metonym(m: Mention) -> bool:
    """A country or capital, whose name stands for its government ("Washington
    said"), by its own name or a well-known one: an old alternate name of a small
    capital ("Lewis" for St George's, Grenada) is more likely someone's name."""
    key = normalize_name(m.text)
    return any(((c.feature_code or "").startswith("PCL") or c.feature_code == "PPLC")
               and (normalize_name(c.name) == key or c.population >= 100_000 or c.alt_count >= 20)
               for c in m.candidates)


def is_prominent(c: Any) -> bool:
    """Famous enough to be meant even where the syntax is ambiguous."""
    code = c.feature_code or ""
    return code.startswith("PCL") or code in {"ADM1", "CONT", "RGN", "PPLC"} or (
        c.population >= 100_000
    ) or c.feature_class in {"L"}


def drop_typed_aliases(cands: list[Any], text: str) -> list[Any]:
    """Without its type word a name does not mean the county: "Smith" is not Smith County.

    GeoNames indexes "Smith County" under "Smith" too; in running text a bare
    surname is far more often a person, and a bare "Mobile" the city.
    """
    from kharita.places.gazetteer import normalize_name

    out = []
    key = normalize_name(text)
    for c in cands:
        words = normalize_name(c.name).split()
        if c.feature_code in {"ADM1", "ADM2", "ADM3", "ADMD"} and len(words) > 1 and words[-1] not in key.split() and words[-1] in lx.ADMIN2_WORDS | lx.ADMIN1_WORDS:
            continue
        out.append(c)
    return out


def prominence(c: Any) -> float:
    return float(c.population) + (1e7 if is_major(c) else 0.0)


def is_major(c: Any) -> bool:
    code = c.feature_code or ""
    return code.startswith("PCL") or code in {"ADM1", "ADM2", "CONT", "RGN", "TERR"} or (
        c.feature_class in {"L", "H", "T"}
    )


def trim_entity(ent: Any) -> tuple[int, int] | None:
    """Token range of an entity without a leading "the" or a trailing possessive."""
    s, e = ent.start, ent.end
    doc = ent.doc
    while s < e and doc[s].lower_ in {"the", "a", "an"}:
        s += 1
    # a span run on across a clause break ("the port of Tartus; rebels said ..." as one name):
    # the name ends before it
    cut = next((t for t in range(s, e) if doc[t].text in {";", ":", "—", "–"}), e)
    e = cut
    while e > s and (doc[e - 1].text in {"'s", "’s", "'", "’"} or doc[e - 1].is_punct
                     or (e - 1 > s and doc[e - 1].lower_ in lx.TYPE_WORDS and doc[e - 1].text.islower())
                     or (e - 1 > s and doc[e - 1].pos_ in ("ADP", "CCONJ", "DET") and doc[e - 1].text.islower())):
        # "Kunduz city": the lower-case type word is a cue, not part of the name; "the
        # Gulf on": the model's span ran on into the next phrase
        e -= 1
    return (s, e) if s < e else None


def entity_is_place(ent: Any, sdoc: Any, s: int, e: int) -> bool:
    """Unknown (non-gazetteer) entities kept as toponyms, by label and cue."""
    if not any(sdoc[t].text[:1].isupper() for t in range(s, e)):
        return False
    if any(ch.isdigit() for t in range(s, e) for ch in sdoc[t].text):
        return False  # "M23", "Route 9": groups and roads (roads come from patterns.py)
    nxt = sdoc[e].lower_ if e < len(sdoc) else ""
    prev = sdoc[s - 1].lower_ if s > 0 else ""
    prev2 = sdoc[s - 2].lower_ if s > 1 else ""
    type_after = nxt in lx.TYPE_WORDS and nxt not in {"state", "states"}
    type_before = prev == "of" and prev2 in lx.OF_TYPE_WORDS
    last = sdoc[e - 1]
    if last.dep_ == "compound" and last.head.pos_ == "NOUN" and last.head.lower_ not in lx.TYPE_WORDS:
        return False  # "Daesh jihadists", "Isis militiamen": a modifier, not a location
    if ent.label_ in {"GPE", "LOC"}:
        # A lone unknown word that is the subject of a verb ("Daesh and X try to
        # deal") is more often an organisation the model mislabelled than a place.
        return not (e - s == 1 and last.dep_ in {"nsubj", "nsubjpass"} and prev not in lx.LOC_PREPS)
    if ent.label_ == "FAC":
        return type_after or any(sdoc[t].lower_ in lx.TYPE_WORDS for t in range(s, e))
    if ent.label_ in {"PERSON", "ORG"}:
        loc_prep = prev in lx.STRONG_LOC_PREPS - {"in", "between"} or (
            prev == "the" and prev2 in lx.STRONG_LOC_PREPS
        )
        return type_after or type_before or (loc_prep and type_after) or (
            prev in lx.NEAR_PREPS
        )
    return False
