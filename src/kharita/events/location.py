"""Where an event happened (owner: events-context).

Choose among the places the places stage found (``doc.places``) the one where THIS
event took place: "Speaking from Berlin, Obama condemned the fighting in Homs" puts
the fighting in Homs and the statement in Berlin.

Rules, in order:

1. **In the sentence.**  Each place mention in the event's sentence (minus the
   indexes in ``exclude``: a movement's origin, destinations and route) is scored by
   its dependency-tree distance to the trigger, plus penalties for a preposition that
   does not locate ("from" = origin, "to"/"towards" = destination), for a place used
   as an actor or owner ("Syria said", "Iraq's army", "Baghdad and Washington are in
   talks") or a state named as an ally ("fought with the US") or broker ("a deal mediated by
   Qatar", "the Moscow-brokered truce"), for adjectival/demonym
   mentions ("Syrian troops": the country only; but a country word before ground or
   places in the plural, "on Kenyan soil", "in Russian cities", names the country as
   the scene, returned with ``resolved_as="demonym_place"``), and a bonus when the trigger
   dominates the place (the place is inside the event's own phrase) or sits in a
   "where" clause describing the place ("in Y, where the rebels shelled ..."), for a
   landmark ("50 km west of Baghdad") and for a place inside an actor's name
   ("Islamic State of Iraq").  A town or unknown name modifying the event's own noun
   ("the X attack", "the X abduction") is no demonym nor actor: it names the scene.  Lowest wins,
   named places before demonyms; ties go to the more specific place, then the
   nearer one.  Within the winner's locative phrase ("in the X area of Y city, Z")
   the first resolved place is used (English lists places small to large; not across
   coordination: "around X and in Y" are siblings, the better-scored stands) that
   agrees with the others (same admin1 or within 150 km: a namesake elsewhere is
   skipped); an unresolved X yields to Y with precision at least 2.  When the
   best-scored place is a name the gazetteer does not know but the places stage
   placed ("took the village of X, west of Y"), it stays the scene: its text with the
   known place's point, codes and precision (``resolved_as="container"``).  A province,
   district or country chosen, or a part of one ("eastern X"), yields to a place of
   the sentence inside it (by the gazetteer's codes; an unknown name the places stage
   put in the unit counts as a village) that scores at most ``INNER_MARGIN`` worse ("the school in
   Jangebe, in Zamfara State").  The Place is otherwise returned unchanged (a copy).
   An event the sentence puts in "the city" / "the town" (and names no place, or
   only a demonym) is in the city or town named most often before it, "the capital"
   in the focus country's capital named before (``resolved_as="context"``, precision
   at least 2): not a neighbourhood or province the paragraph named since.
   An event the sentence spreads over the whole country ("killed across the
   country", "arrested nationwide") and ties to no place of its own is placed in the
   top ``doc.focus["countries"]`` entry before rules 2-5 (``resolved_as="focus"``).
   So is a war, ceasefire, truce or conflict (a noun trigger) the sentence places
   nowhere, unless the scene rules 2-5 would give lies in another country.
2. **Paragraph context.**  No usable place in the sentence: the scene the last
   sentence of the paragraph that names a place set, i.e. its first non-demonym place
   in a locative phrase (any place when none is in one), or the place inside a
   container named right after it ("the village of Kafr Zita in Hama province":
   Kafr Zita) (not one beyond a border: "near the
   border with Mali"; not one named as an actor: "Moscow did not comment", nor one
   inside an actor's name: "the Islamic State in the Sahel claimed it"; not one
   that says whose someone is or where a body sits: "allies of the US", "a researcher
   at a think tank in Washington"; not one named to compare: "as in Grozny", "unlike
   Mosul"; not a land region, continent or
   river across borders: "the Sahel", "Europe", "the Euphrates" frame a sentence, the
   later event happened in one country of them; seas stay).  The copy
   keeps that mention's text and offsets (the evidence is real text), gets
   ``resolved_as="context"`` and a precision lowered to at least 2 (ACLED: near /
   part of) and ``where_prec`` at least 2.
3. **Previous paragraph.**  Else the scene so set in the paragraph before, with
   precision and ``where_prec`` at least 3 (a roundup article moves on by paragraph:
   the scene just set beats the whole document's focus; it also beats a demonym of
   the sentence, which names an actor's country: "Russian forces had been attacking
   the town").
4. **Dateline.**  "KABUL, Afghanistan (AP) --": the most specific place of the
   dateline, ``resolved_as="dateline"``, precision at least 2.
5. **Document focus.**  Else the top ``doc.focus["admin1"]`` entry (precision 3,
   where_prec 4) - or rather the town of it the document names most often, at least
   twice (the province of "Ouagadougou" is Centre: the article is about the town) -,
   then the top ``doc.focus["countries"]`` entry (precision 3,
   where_prec 6), as a Place with empty text and offsets ``-1`` (no mention says
   so) and ``resolved_as="focus"``.
   A sentence whose best place is far from the trigger on the tree (score >=
   ``MAX_SCORE``) counts as naming none; that place is kept as a last resort,
   marked ``resolved_as="context"`` with lowered precision.  But when one of its
   places sits in a locative phrase ("a bomber drove into a convoy on the outskirts
   of Jalalabad, wounding three ...": not an origin or goal, an actor, a speaker's
   place or a to-/-ing clause of its own), that place comes before rules 2-5, with
   ``resolved_as="context"`` and precision at least 2.  Failing that, the best place
   the sentence names in any role but those ("The fall of X, from which the rebels
   drove ..."): a town or site comes before rules 2-5 (it says more than an earlier
   sentence's scene), a province or country after rule 2 but before rules 3-5 (the
   scene the paragraph set is often inside it; the sentence is still about it).
6. Else ``None``.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from kharita.events.arrays import tree_arrays, tree_distance, word_arrays
from kharita.events.roles import doc_text
from kharita.model import Document, Place
from kharita.places.cues import beyond_border, seat_of_outlet
from kharita.places.focus import DESCRIBING
from kharita.places.resolve import haversine_km
from kharita.speech import REPORT, SPEAKING

LOCATING_PREPS = {"in", "at", "near", "outside", "around", "inside", "across", "throughout", "on",
                  "within", "along", "over", "off", "between", "among", "beyond", "north",
                  "south", "east", "west", "into", "onto", "upon", "nearby", "against"}
ORIGIN_PREPS = {"from", "out"}
DESTINATION_PREPS = {"to", "toward", "towards", "for"}
ACTOR_NOUNS = {"army", "force", "forces", "military", "government", "president", "minister", "police",
               "troop", "troops", "soldier", "militia", "leader", "official", "authority", "ministry",
               "parliament", "navy", "regime", "people", "ambassador", "envoy", "spokesman", "king",
               "prime", "foreign", "opposition", "rebel", "intelligence", "embassy", "delegation"}
# "a Moscow-brokered truce", "the US-mediated deal": the place names who arranged the
# agreement, not where anything happened
BROKERED = re.compile(r"-(?:brokered|mediated|negotiated|imposed|drafted|proposed|sanctioned)\b")
ACTOR_DEPS = {"nsubj", "nsubjpass", "poss", "agent", "csubj"}
# A best score this high means no place is syntactically tied to the event (about four
# arcs from its locative phrase, or nearer but in an origin/actor role): treat the
# sentence as naming none.  The one tuned number here: chosen between 4 and 9 on the
# event_location development sentences (benchmarks/events_location.py).
MAX_SCORE = 5.0


def _place_token(sent: Any, place: Place) -> Any | None:
    """The syntactic head of the place mention inside the sentence."""
    words = word_arrays(sent.doc)
    starts, ends, sdoc = words.starts, words.ends, sent.doc
    toks = [sdoc[i] for i in range(sent.start, sent.end)
            if starts[i] < place.end and place.start < ends[i]]
    if not toks:
        return None
    ids = {t.i for t in toks}
    for tok in toks:
        if tok.head.i not in ids or tok.head.i == tok.i:
            return tok
    return toks[-1]


def _governing_prep(tok: Any) -> Any | None:
    """The preposition token introducing the place's noun phrase, if any."""
    cur = tok
    for _ in range(4):
        if cur.dep_ == "pobj":
            return cur.head
        if cur.dep_ in ("compound", "amod", "nmod", "appos", "conj", "nummod") and cur.head.i != cur.i:
            cur = cur.head
            continue
        return None
    return None


PLACE_NOUNS = {"city", "town", "village", "province", "district", "region", "area", "neighbourhood",
               "neighborhood", "capital", "governorate", "county", "state", "suburb", "camp", "border",
               "outskirts", "countryside", "port", "base", "airport", "valley", "river", "coast",
               "island", "street", "square", "market", "municipality", "desert", "mountains", "hills",
               "prefecture", "department", "territory", "enclave", "strip", "bank", "zone", "sector",
               "quarter", "division", "subdistrict", "hamlet", "center", "centre", "headquarters", "plain", "lake"}


# sites a country owns abroad: a country word before them says whose they are
OWNED_SITES = {"base", "airbase", "embassy", "consulate", "outpost", "garrison", "compound",
               "facility", "installation", "mission"}


# ground that a country word before it puts in that country ("on Kenyan soil",
# "inside Syrian territory"), and places in the plural ("Russian cities", "Saudi
# airports"); a single place ("the Lebanese town of X", "the Libyan capital") is named
# by its own name or is the capital, not the country; "border": which side?
COUNTRY_GROUND = {"soil", "territory", "airspace", "water", "countryside", "mainland"}
COUNTRY_PLACES = {"city", "town", "village", "province", "region", "district", "port", "airport",
                  "hamlet", "township", "base", "camp", "site", "area", "street"}


def _country_word_of_places(tok: Any) -> bool:
    """A country word that says where places are ("dozens of Russian cities", "attacks on
    Kenyan soil"): it names the country as the scene, not an actor's nationality."""
    head = tok.head
    if tok.dep_ != "amod" or head.i == tok.i:
        return False
    lemma = head.lemma_.lower()
    return lemma in COUNTRY_GROUND or (lemma in COUNTRY_PLACES and head.tag_ == "NNS")


def _names_its_event(place: Place, tok: Any, trigger: Any) -> bool:
    """A town or an unknown name modifying the event's own noun ("the Boulkessi attack",
    "the Kuriga abduction") names where it happened, not whose it was; a country or a
    capital there stands for a state ("a US strike"), and a name matched only as a
    spelling variant is more often a thing's ("Katyusha rockets")."""
    return place.resolved_as not in ("demonym", "variant") and not _state_like(place) \
        and tok.dep_ == "compound" \
        and tok.head.i == trigger.i and trigger.pos_ == "NOUN"


def _is_demonym(place: Place, tok: Any) -> bool:
    """A country word that describes someone ("Syrian troops", "US air strike", "a
    Tehran-backed militia")."""
    if place.resolved_as == "demonym":
        return not _country_word_of_places(tok)
    if DESCRIBING.match(doc_text(tok.doc), place.end) or BROKERED.match(doc_text(tok.doc), place.end):
        return True
    head = tok.head
    place_head = head.lemma_.lower() in PLACE_NOUNS or head.ent_type_ in ("GPE", "LOC", "FAC")
    if tok.ent_type_ == "NORP":
        # The tagger calls some town names NORP ("Charikar city"); a name the places
        # stage resolved to a town or sub-national unit before a place noun is a place.
        below_country = place.feature_code is not None and not place.feature_code.startswith("PCL")
        # nor is such a name standing as a noun phrase of its own ("captured Kidal",
        # "near the town of X"): a demonym describes a noun, it does not head one
        noun_phrase = tok.pos_ == "PROPN" and tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "appos", "conj")
        return not (below_country and (place_head or noun_phrase))
    if tok.pos_ == "ADJ" or (tok.dep_ == "amod" and tok.tag_ == "JJ"):
        return not (head.i != tok.i and place_head)  # "Mirabad city" is a place, tagged ADJ
    # "US air strike", "Kabul police": a country (or an unresolved name) modifying a noun
    # describes the noun; a town before "district center" still names a place.
    # "US Central Command said": a country naming an organisation is no scene either.
    country_like = place.feature_code is None or place.feature_code.startswith("PCL")
    if country_like and tok.dep_ in ("compound", "nmod", "amod") and head.i != tok.i \
            and head.lemma_.lower() in OWNED_SITES:
        return True  # "a US military base", "the Turkish embassy": whose, not where
    return country_like and tok.dep_ in ("compound", "nmod", "amod") and head.i != tok.i \
        and (head.pos_ == "NOUN" or head.pos_ == "PROPN" and head.ent_type_ == "ORG") \
        and not place_head


def _score(place: Place, tok: Any, trigger: Any) -> float:
    """Lower is better: tree distance plus penalties for non-locating roles.

    The distance is taken from the top of the place's locative phrase ("in the
    southern city of Basra" counts from "in"), plus a quarter per arc inside it.
    """
    root = tok.doc[_chain_root(tok, trigger)]
    inner = tree_distance(tok, root)
    score = float(tree_distance(root, trigger)) + 0.25 * inner
    prep_tok = _governing_prep(tok)
    prep = prep_tok.lower_ if prep_tok is not None else None
    np_head = _np_head(tok)
    inside = trigger.i in tree_arrays(tok.doc).path_up(tok.i)[1:]
    described = not inside and _where_clause_over(tok, trigger, place)
    if described:
        pass  # "fled from X, which was shelled": the clause's event is at X, whatever brought X in
    elif prep in ORIGIN_PREPS:
        score += 2.5
        if prep_tok.head.pos_ in ("NOUN", "PROPN"):
            score += 1.5  # "a driver from Abidjan", "troops from Chad": where someone is from
    elif prep in DESTINATION_PREPS:
        score += 1.5
    elif prep is None:
        score += 1.0 if np_head.dep_ not in ("dobj", "npadvmod") else 0.5
    elif prep == "with" and _state_like(place):
        score += 3.0  # "forces who fought with the US": an ally, not a scene
    elif prep_tok.dep_ == "agent" and _state_like(place):
        score += 3.0  # "a truce brokered by the US", "mediated by Qatar": the doer, not a scene
    if tok.dep_ == "poss" or np_head.dep_ == "poss":
        # "Iraq's army" is an actor; "Kafr Saghir's liberation", "Bonn's market square"
        # place the thing they possess.
        owner_of = (tok if tok.dep_ == "poss" else np_head).head
        score += 3.0 if owner_of.lemma_.lower() in ACTOR_NOUNS else 0.5
    elif np_head.dep_ in ACTOR_DEPS and not _names_its_event(place, tok, trigger):
        score += 3.0  # but "the X attack killed ...": the subject is the event, X its place
    if _is_demonym(place, tok) and not _names_its_event(place, tok, trigger):
        score += 3.0
    if inside:
        score -= 1.0
    elif described:
        score -= WHERE_BONUS  # "in Taiz, where the rebels shelled a district": the scene
    if any(a.lemma_ in REPORT and a.i != trigger.i and a.pos_ == "VERB" and a not in trigger.ancestors
           for a in tok.ancestors):
        score += 1.0  # "speaking from Berlin": the report's place, not the event's
    if _speaker_seat(place, tok, trigger):
        score += SPEAKER_PENALTY
    elif _home_of_someone(tok, named=True):
        score += SPEAKER_PENALTY  # "Karimi, 31, from Herat, was arrested": his home town, not the scene
    if place.geonameid is None and place.lat is None:
        score += 0.5
    if _where_treated(prep_tok, trigger):
        score += MAX_SCORE  # "taken to hospital in X": where the wounded went, never the scene
    if _reference_point(prep_tok):
        score += 2.0
    if beyond_border(doc_text(tok.doc), tok.idx):
        score += 3.0  # "near the border with Mali": the scene is this side of it
    if _compared(tok):
        score += MAX_SCORE  # "as in Grozny, the old town burned": a comparison
    return score


def _where_treated(prep_tok: Any | None, trigger: Any) -> bool:
    """The place is where victims were treated afterwards: it hangs on a
    hospital ("taken to hospital in X", "in a stable condition in a hospital in X") or
    on a verb of treatment ("treated in X") that is not the event's own; a hospital the
    event hit or happened in ("shelled a hospital in X", "killed in a hospital in X")
    is its scene."""
    if prep_tok is None:
        return False
    head = prep_tok.head
    if head.i != trigger.i and (head.lemma_.lower() in _TREATED or any(
            c.dep_ == "prep" and c.i != prep_tok.i and any(
                g.dep_ == "pobj" and g.lemma_.lower() in _CARE_PLACES for g in c.children)
            for c in head.children)):
        return True  # "treated in X", "taken to hospital in X" (the parser hangs both on the verb)
    if head.lemma_.lower() not in _CARE_PLACES:
        return False
    up = head.head  # the hospital's own preposition or verb
    if head.dep_ == "pobj" and up.lower_ in ("to", "in", "at", "into"):
        return up.head.i != trigger.i
    return False


_CARE_PLACES = {"hospital", "clinic", "infirmary", "morgue", "mortuary"}
_TREATED = {"treat", "hospitalise", "hospitalize", "recover"}  # not evacuate: where from is the scene


def _compared(tok: Any) -> bool:
    """A place named for comparison, not as a scene: "as in X", "like in X",
    "unlike X", a sentence opening "Like X, ...", "as they did in X"."""
    prep = _governing_prep(tok)
    if prep is None:
        return False
    word = prep.lower_
    if word == "unlike":
        return True
    if word == "like":
        return prep.i == prep.sent.start  # "towns like X and Y were shelled" lists scenes
    head = prep.head
    if word in ("in", "at") and head.dep_ == "prep" and head.lower_ in ("as", "like", "unlike"):
        return True
    return head.lemma_ == "do" and head.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ == "as" for c in head.children)


# as much as a place named as an actor: where a teller sits or spoke is no scene
SPEAKER_PENALTY = 3.0


def _speaker_seat(place: Place, tok: Any, trigger: Any) -> bool:
    """The place says where the teller of the event spoke or sits, not where the event
    happened: "the spokesman told reporters in X that troops repulsed ..." (where someone
    spoke, after the speech verb, about another act than the speaking), or a national
    capital inside the subject of the speech verb ("officials in Kyiv said the town was
    shelled", "diplomats in X said"): the seat of a government or embassy that tells.
    Kept: a scene set before the verb ("In X, monitors reported clashes"), a place
    inside the event's own phrase ("the group claimed attacks in X"), the police or
    witnesses of a place ("police in X said a bomb went off": they are where it
    happened), a town or country inside the subject ("the UN mission in X said"), and
    places after "of" ("the governor of X province said", "residents of X said")."""
    prep = _governing_prep(tok)
    if prep is None or prep.lower_ not in ("in", "at", "from"):
        return False
    path = tree_arrays(tok.doc).path_up(tok.i)
    verb = _speech_verb(tok)
    if verb is not None:  # not "were reported missing in X": where they went missing
        return verb.i != trigger.i and prep.i > verb.i and trigger.i not in path and verb.tag_ != "VBN"
    if place.feature_code != "PPLC" or trigger.i in path:
        return False
    for a in tok.ancestors:
        if a.dep_ in ("nsubj", "nsubjpass") and a.head.lemma_ in REPORT and a.head.i != trigger.i:
            return a.lemma_.lower() not in LOCAL_TELLERS
    return False


# tellers who are where the event happened, not at a government's seat
LOCAL_TELLERS = {"police", "policeman", "resident", "witness", "villager", "local", "survivor",
                 "doctor", "medic", "hospital", "people", "family", "relative", "student", "journalist"}


# a "where" clause that holds the event describes its place: worth the distance
# of a locative phrase and the penalties of a landmark or a missing preposition
WHERE_BONUS = 3.0


def _where_clause_over(tok: Any, trigger: Any, place: Place) -> bool:
    """The trigger is inside a relative clause opened by "where" that describes the
    place's phrase ("fighting spread to the outskirts of X, where 21 people were
    killed", "in Y, where the rebels shelled a district"), or inside any relative
    clause on the place itself or its place noun ("fled from X province, which was
    shaken by fighting", "the town of X, which the rebels took"; not a state the
    clause makes its subject: "Turkey, which launched an offensive")."""
    phrase = {tok.i}
    root = _chain_root(tok, None)
    cur = tok
    while cur.i != root and cur.head.i != cur.i:
        cur = cur.head
        phrase.add(cur.i)
    for a in trigger.ancestors if trigger.dep_ != "relcl" else [trigger, *trigger.ancestors]:
        if a.dep_ == "relcl":
            if a.head.i not in phrase:
                return False
            if any(c.lower_ == "where" for c in a.children):
                return True
            return _relative_on_place(a, tok, place)
    return False


def _relative_on_place(rel: Any, tok: Any, place: Place) -> bool:
    """The relative clause ``rel`` describes the place itself ("X, which was shelled",
    "the town of X, which the rebels took"), not a state acting in it ("Turkey, which
    launched ...") nor another noun of the phrase ("the army in X, which ...")."""
    head = rel.head
    if head.i != tok.i and not _place_noun_of(head, tok):
        return False
    if any(c.tag_ == "WRB" for c in rel.children):
        return False  # "January 2014, when fighters seized X": a time, not a place
    if _state_like(place):
        # "Turkey, which launched ...", "Turkey, whose drones ...": the state acts; only
        # what befell it ("Syria, which was invaded", "X, which the rebels took") is there
        return any(c.dep_ in ("nsubjpass", "dobj") and c.tag_ in ("WDT", "WP") for c in rel.children)
    return True


def _place_noun_of(noun: Any, tok: Any) -> bool:
    """``noun`` is the place noun that ``tok`` names: "the town of X", "X city", "X,
    the lakeside city"."""
    if noun.lemma_.lower() not in PLACE_NOUNS:
        return False
    if tok.head.i == noun.i and tok.dep_ in ("compound", "appos", "nmod"):
        return True
    if noun.head.i == tok.i and noun.dep_ == "appos":
        return True
    prep = tok.head if tok.dep_ == "pobj" else None
    return prep is not None and prep.lower_ == "of" and prep.head.i == noun.i


DIRECTION_WORDS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                   "km", "kilometres", "kilometers", "miles", "mi", "kms"}


def _np_head(tok: Any) -> Any:
    """The head of the noun phrase the place is part of, through modifiers and
    coordination ("Baghdad and Washington are in talks": the subject)."""
    np_head = tok
    while np_head.dep_ in ("compound", "amod", "nmod", "appos", "conj") and np_head.head.i != np_head.i:
        np_head = np_head.head
    return np_head


def _state_like(place: Place) -> bool:
    """A country or a national capital: names that stand for a state."""
    code = place.feature_code or ""
    return code.startswith("PCL") or code == "PPLC"


def _reference_point(prep_tok: Any | None) -> bool:
    """'50 km west of Baghdad', 'north of the capital': a landmark, not the place."""
    return prep_tok is not None and prep_tok.lower_ == "of" and prep_tok.head.lower_ in DIRECTION_WORDS


def _specificity(place: Place) -> int:
    """Lower is more specific: towns and sites, then admin levels, countries, unresolved."""
    if place.geonameid is None:
        if place.resolved_as == "direction":
            return 4  # "eastern Syria": a part of a country, as large as a province
        return 9 if place.lat is None else 6
    code = place.feature_code or ""
    if code.startswith("PCL"):
        return 5
    if code == "ADM1" or (place.feature_class == "A" and not code.startswith("ADM")):
        return 4
    if code == "ADM2":
        return 3
    if code.startswith("ADM"):
        return 2
    return 1


_CHAIN_DEPS = {"compound", "pobj", "prep", "appos", "conj", "nmod", "amod", "npadvmod", "cc", "punct", "det"}


def _chain_root(tok: Any, trigger: Any | None) -> int:
    """The top of the locative phrase holding ``tok`` ("in the X area of Y city, Z")."""
    tree = tree_arrays(tok.doc)
    heads, deps, pos = tree.heads, tree.deps, tree.pos
    stop = trigger.i if trigger is not None else -1
    cur = tok.i
    while deps[cur] in _CHAIN_DEPS and heads[cur] != cur and pos[heads[cur]] not in ("VERB", "AUX") \
            and heads[cur] != stop:
        cur = heads[cur]
    return cur


def _refine(best: tuple[float, bool, int, Place, Any], pool: list[tuple[float, bool, int, Place, Any]],
            trigger: Any | None) -> Place:
    """Within one locative phrase, the first place the gazetteer knows.

    English names places from small to large ("in Band Temur of Maywand district,
    Kandahar"; "in PD4 of Lashkargah city, Helmand"), so the first resolved mention of
    the phrase is the most specific known place, whichever one the tree put nearest
    the trigger.  When unresolved mentions come before it ("in the Paie Nawa area of
    Tarinkot city"), the event is part of / near that place: precision at least 2.
    """
    root = _chain_root(best[4], trigger)
    branch = _conjunct(best[4], root)
    # "around X and in Y": coordinated places are siblings, not a place and its container
    chain = sorted((c for c in pool if not c[1] and _chain_root(c[4], trigger) == root
                    and _conjunct(c[4], root) == branch), key=lambda c: c[3].start)
    # Countries and provinces, and the "Sarajevo" of "the Sarajevo neighbourhood of
    # Dobrinja", yield to the named place inside them; otherwise the text's order decides.
    # A country word ("Palestinian cities in the West Bank") comes after the names.
    known = sorted((c for c in chain if c[3].geonameid is not None),
                   key=lambda c: (_specificity(c[3]) >= 4, c[3].resolved_as == "demonym",
                                  _names_container(c[4]), c[3].start))
    known = [c for c in known if _coherent(c[3], [k[3] for k in known if k is not c])] or known
    if not known:
        return dataclasses.replace(best[3])
    pick = known[0][3]
    if any(c[3].start < pick.start and c[3].geonameid is None for c in chain):
        return dataclasses.replace(pick, precision=max(pick.precision or 1, 2),
                                   where_prec=max(pick.where_prec or 1, 2))
    return dataclasses.replace(pick)


def _conjunct(tok: Any, root: int) -> tuple[int, ...]:
    """The coordinated branches ("conj" arcs) between ``tok`` and its phrase's top."""
    out = []
    cur = tok
    while cur.i != root and cur.head.i != cur.i:
        if cur.dep_ == "conj":
            out.append(cur.i)
        cur = cur.head
    return tuple(out)


def _inside_actor(doc: Document, place: Place) -> bool:
    """The mention is part of a longer actor name ("Islamic State of Iraq", "Kabul police")."""
    return any(a.start <= place.start and place.end <= a.end and (a.end - a.start) > (place.end - place.start)
               for a in doc.actors)


def _sentence_places(doc: Document, sent: Any) -> list[tuple[int, Place, Any, bool]]:
    """(index, place, head token, is demonym) for the sentence's places, cached per parse."""
    user_data = getattr(getattr(sent, "doc", None), "user_data", None)
    cache = user_data.setdefault("kharita.location", {}) if isinstance(user_data, dict) else {}
    key = (sent.start_char, sent.end_char, len(doc.places), id(doc.places))
    if key not in cache:
        found = []
        for i, place in enumerate(doc.places):
            if sent.start_char <= place.start < sent.end_char and not _named_group(doc, place):
                tok = _place_token(sent, place)
                # a measure ("the size of Belgium") or a side ("its backers in Tehran", "an
                # alliance of Arab states") is no place of the sentence's events
                if tok is not None and not _measure(tok) and not _allegiance(tok) \
                        and not _home_of_someone(tok):
                    found.append((i, place, tok, _is_demonym(place, tok)))
        cache[key] = found
    return cache[key]


def _measure(tok: Any) -> bool:
    """A place named as a measure of something else, never a scene: "an area roughly
    the size of Belgium", "a territory larger than Lebanon"."""
    prep = _governing_prep(tok)
    if prep is None:
        return False
    return (prep.lower_ == "of" and prep.head.lemma_.lower() == "size") or prep.lower_ == "than"


def _names_container(tok: Any) -> bool:
    """'Sarajevo' in "the Sarajevo neighbourhood of Dobrinja": it modifies a place noun
    whose own name follows after "of"."""
    head = tok.head
    return tok.dep_ in ("compound", "amod", "nmod") and head.i != tok.i \
        and head.lemma_.lower() in PLACE_NOUNS and any(c.lower_ == "of" for c in head.children)


COHERENT_KM = 150.0


def _coherent(place: Place, others: list[Place]) -> bool:
    """A place agrees with the rest of its phrase ("X of Y district, Z province"): same
    admin1, or within ``COHERENT_KM`` of one of them.  A name the gazetteer resolved
    to a namesake elsewhere fails this and yields to its containers."""
    if not others:
        return True
    for other in others:
        if place.admin1 and other.admin1 and place.admin1 == other.admin1 and place.country == other.country:
            return True
        if (other.feature_code or "").startswith("PCL") and other.country and place.country == other.country:
            return True
        if None not in (place.lat, place.lon, other.lat, other.lon) and \
                haversine_km(place.lat, place.lon, other.lat, other.lon) <= COHERENT_KM:  # type: ignore[arg-type]
            return True
    return False


def _in_sentence(doc: Document, sent: Any, trigger: Any | None, exclude: set[int]) -> Place | None:
    cands: list[tuple[float, bool, int, Place, Any]] = []
    for i, place, tok, demonym in _sentence_places(doc, sent):
        if i in exclude or (place.feature_code == "PPLC" and _acting(doc, place)):
            continue  # "Ankara's order to shell", "Kyiv said": a capital named for its government
        if DESCRIBING.match(doc.text, place.end) or BROKERED.match(doc.text, place.end):
            continue  # "US-backed rebels", "a London-based monitor": the backer is not the scene
        if trigger is not None:
            demonym = demonym and not _names_its_event(place, tok, trigger)
            score = _score(place, tok, trigger) + (3.0 if _inside_actor(doc, place) else 0.0)
            near = abs(place.start - trigger.idx)
        else:
            score = 3.0 if demonym else 0.0
            near = place.start - sent.start_char
        cands.append((score, demonym, near, place, tok))
    if not cands:
        return None
    # A named place tied to the event beats a demonym ("killing 2 Afghan soldiers, in X").
    named = [c for c in cands if not c[1] and c[0] < MAX_SCORE]
    pool = named or cands
    best = min(pool, key=lambda c: (c[0], _specificity(c[3]), c[2]))
    place = best[3]
    if best[0] >= MAX_SCORE:
        return dataclasses.replace(place, precision=max(place.precision or 1, 2),
                                   where_prec=max(place.where_prec or 1, 2), resolved_as="weak")
    if best[1]:
        return dataclasses.replace(place, resolved_as="demonym")  # "US air strike", "Ankara-backed"
    pick = _phrase_coherent(_refine(best, pool, trigger), pool, trigger)
    if (pick.geonameid is not None or pick.resolved_as == "direction") and _specificity(pick) >= 3:
        # "gunmen rode into the school in Jangebe, in Zamfara State, and marched 279 girls
        # into the bush": the state hangs nearer the trigger, the town inside it is the scene
        inner = [c for c in named if c[3].start != pick.start and c[0] <= best[0] + INNER_MARGIN
                 and _contains(pick, c[3])]
        if inner:
            best = min(inner, key=lambda c: (c[0], _specificity(c[3]), c[2]))
            pick = _unknown_name(best[3], _phrase_coherent(_refine(best, pool, trigger), pool, trigger))
            return _country_word(pick)
    return _country_word(_unknown_name(best[3], pick))


def _country_word(pick: Place) -> Place:
    """A country word that won as a place ("in Russian cities") is the scene: no longer
    marked "demonym" (which sends the caller to the context rules)."""
    return dataclasses.replace(pick, resolved_as="demonym_place") if pick.resolved_as == "demonym" else pick


def _unknown_name(named: Place, pick: Place) -> Place:
    """"took the village of X, west of Y", "bombed the village of X in Y province": when
    the best-scored place is a name the gazetteer does not know (placed by the places
    stage in a unit, ``within``) and the phrase's rules moved to a known place, the
    unknown name is still the scene: it keeps its text and takes the known place's
    point, codes and precision (where the text puts it, as near as it allows)."""
    if named.geonameid is not None or named.within is None or named.lat is None \
            or pick.geonameid is None or pick.start == named.start:
        return pick
    return dataclasses.replace(named, lat=pick.lat, lon=pick.lon, country=pick.country,
                               admin1=pick.admin1, admin2=pick.admin2, within=pick.geonameid,
                               resolved_as="container", precision=pick.precision,
                               where_prec=pick.where_prec, score=pick.score)


# how much worse a place inside the chosen province or country may score and still be
# taken instead of it (two arcs: another locative phrase of the same clause)
INNER_MARGIN = 2.0


def _loosely_held(doc: Document, sent: Any, trigger: Any, exclude: set[int]) -> Place | None:
    """The best place of the sentence that sits in a locative phrase ("in", "near", "on
    the outskirts of" ...) although far from the trigger on the tree, or ``None``.

    Not a place of origin or destination ("from", "to"), nor one in a to- or -ing
    clause of its own ("argued for prosecuting them in Geneva"), nor an actor ("Phnom Penh said"),
    a demonym, the far side of a border, a place that sets no scene (where someone
    spoke, whose someone is) nor one inside the subject of a speech verb ("diplomats
    in Yaounde said"): those say who acts or speaks, not where.  Precision and
    ``where_prec`` at least 2 and ``resolved_as="context"``, as for any place the tree
    does not tie to the event.  Nor where the wounded were treated ("taken to hospital
    in X": :func:`_where_treated`).
    """
    return _loose_place(doc, sent, trigger, exclude, locative=True)


def _loosely_named(doc: Document, sent: Any, trigger: Any, exclude: set[int]) -> Place | None:
    """The best place the sentence names although the tree ties it to no locative
    phrase of the event ("the fall of X, from which the rebels drove ...", "Y's
    government says the operation killed only fighters"), with the exclusions of
    :func:`_loosely_held`; ``None`` if there is none."""
    return _loose_place(doc, sent, trigger, exclude, locative=False)


def _loose_place(doc: Document, sent: Any, trigger: Any, exclude: set[int], locative: bool) -> Place | None:
    pool = []
    for i, place, tok, demonym in _sentence_places(doc, sent):
        if i in exclude or demonym or (place.geonameid is None and place.lat is None):
            continue
        if (locative and not _in_locative_phrase(tok, trigger)) or beyond_border(doc.text, place.start) \
                or _acting(doc, place) or _inside_actor(doc, place) or _sets_no_scene(tok.doc, place) \
                or _in_speaker(tok, trigger) or _other_nonfinite_clause(tok, trigger) \
                or _where_treated(_governing_prep(tok), trigger):
            continue
        pool.append((_score(place, tok, trigger), False, abs(place.start - trigger.idx), place, tok))
    if not pool:
        return None
    best = min(pool, key=lambda c: (c[0], _specificity(c[3]), c[2]))
    place = _refine(best, pool, trigger)
    return dataclasses.replace(place, precision=max(place.precision or 1, 2),
                               where_prec=max(place.where_prec or 1, 2), resolved_as="context")


def _in_locative_phrase(tok: Any, trigger: Any) -> bool:
    """The outermost preposition over ``tok`` in its phrase locates ("on the outskirts
    of X", "in Tak province"), and no preposition on the way says origin or goal."""
    root = _chain_root(tok, trigger)
    preps = []
    cur = tok
    for _ in range(12):
        if cur.dep_ == "prep" or cur.pos_ == "ADP" or (cur.lower_ in LOCATING_PREPS and any(
                c.lower_ == "of" for c in cur.children)):  # "south of X", the parser's adverb
            preps.append(cur.lower_)
        if cur.i == root or cur.head.i == cur.i:
            break
        cur = cur.head
    return bool(preps) and preps[-1] in LOCATING_PREPS \
        and not any(p in ORIGIN_PREPS or p in DESTINATION_PREPS for p in preps) \
        and not _other_nonfinite_clause(tok, trigger)


def _other_nonfinite_clause(tok: Any, trigger: Any) -> bool:
    """``tok`` is in a to- or -ing clause that neither holds nor governs the trigger
    ("the people they allegedly killed ..., some argue for prosecuting them in
    Geneva"): where something else would be done, not where the event was."""
    if trigger in tok.ancestors:
        return False
    verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None or verb.i == trigger.i or verb in trigger.ancestors or verb.dep_ == "acl":
        return False  # "trucks carrying supplies on the highway": a participle describing a participant
    return verb.tag_ in ("VB", "VBG")


def _in_speaker(tok: Any, trigger: Any) -> bool:
    """``tok`` is inside the subject of a speech verb ("diplomats in Yaounde said the
    killings ..."): the speaker's place."""
    for a in [tok, *tok.ancestors]:
        if a.i == trigger.i:
            return False
        if a.dep_ in ("nsubj", "nsubjpass") and a.head.lemma_ in REPORT and a.head.i != trigger.i:
            return True
    return False


def _phrase_coherent(pick: Place, pool: list[tuple[float, bool, int, Place, Any]], trigger: Any | None) -> Place:
    """A pick the gazetteer put in another country than the containers of its own phrase
    ("in the Kotal-e Khair Khana area of Kabul city": "Khair" resolved in India) is a
    namesake: take the best-scored place of the phrase in the containers' country.

    Containers are places nested by "of"/"in", apposition or compound; coordinated
    places ("Basra and Nasiriyah") and landmarks ("south of Baghdad", "near the border
    with Honduras") are not, and places in the same country are never switched."""
    mine = next((c for c in pool if c[3].start == pick.start), None)
    if pick.geonameid is None or not pick.country or mine is None:
        return pick
    root = mine[4].doc[_chain_root(mine[4], trigger)]
    span = range(root.left_edge.i, root.right_edge.i + 1)
    phrase = [c for c in pool if c[4].i in span and not c[1] and c[3].geonameid is not None]
    containers = [c for c in phrase if c[3].start != pick.start and _is_container_mention(c[4])]
    countries = {c[3].country for c in containers}
    if len(countries) != 1 or None in countries or pick.country in countries:
        return pick
    country = countries.pop()
    same = [c for c in phrase if c[3].country == country]
    best = min(same, key=lambda c: (_specificity(c[3]) >= 4, c[0], c[3].start))
    return dataclasses.replace(best[3])


def _is_container_mention(tok: Any) -> bool:
    """Nested in the phrase as a container, not coordinated or used as a landmark."""
    if tok.dep_ == "conj" or any(c.dep_ == "conj" for c in tok.children):
        return False
    prep = _governing_prep(tok)
    if prep is None:
        return tok.dep_ in ("appos", "compound", "npadvmod", "nmod")
    return prep.lower_ in ("of", "in") and not _reference_point(prep)


def _paragraph_start(text: str, pos: int) -> int:
    cut = text.rfind("\n", 0, pos)
    return cut + 1 if cut >= 0 else 0


def _from_paragraph(doc: Document, sent: Any, exclude: set[int], previous: bool = False) -> Place | None:
    """The scene set earlier in the sentence's paragraph (:func:`_last_scene`; precision at least 2),
    or with ``previous`` in the paragraph before it (at least 3: a weaker guess; a
    roundup moves on by paragraph, so the previous one beats the whole document's
    focus).  Places beyond a border ("the border with Mali") are not the scene."""
    para = _paragraph_start(doc.text, sent.start_char)
    lo, hi = para, sent.start_char
    if previous:
        if para == 0:
            return None
        lo, hi = _paragraph_start(doc.text, max(para - 2, 0)), para
        dateline = dateline_span(doc.text)
        if dateline is not None and lo <= dateline[0] < hi:  # its places are the dateline rule's
            lo = max(lo, dateline[1])
    earlier = [
        p for i, p in enumerate(doc.places)
        if i not in exclude and lo <= p.start < hi and p.resolved_as != "demonym"
        and (p.geonameid is not None or p.lat is not None) and not beyond_border(doc.text, p.start)
        and not _acting(doc, p) and not _inside_actor(doc, p) and not _sets_no_scene(sent.doc, p)
        and not _across_borders(p)
    ]
    if not earlier:
        return None
    place = _last_scene(earlier, sent.doc)
    floor = 3 if previous else 2
    return dataclasses.replace(
        place,
        precision=max(place.precision or 1, floor),
        where_prec=max(place.where_prec or 1, floor),
        resolved_as="context",
    )


# waters a later sentence's event may still be on ("ships attacked in the Red Sea")
SEA_CODES = {"SEA", "GULF", "BAY", "STRT", "OCN", "CHN", "SD"}


def _across_borders(place: Place) -> bool:
    """A land region, continent or river spanning several countries ("the Sahel", "West
    Africa", "Europe", "the Euphrates", the European Union): it frames an earlier
    sentence ("jihadists who have spread across the Sahel") but sets no scene for a
    later one, whose event happened in one country of it.  Seas and gulfs stay:
    attacks on shipping happen on them."""
    return place.country is None and place.resolved_as in ("gazetteer", "region", "variant") \
        and (place.feature_code or "") not in SEA_CODES and (place.where_prec or 0) >= 6


def _head_of(sdoc: Any, place: Place) -> Any | None:
    span = sdoc.char_span(place.start, place.end, alignment_mode="expand") if sdoc is not None else None
    return span.root if span is not None and len(span) else None


def _last_scene(places: list[Place], sdoc: Any) -> Place:
    """The scene an earlier passage set: of the last sentence that names a place in a
    locative phrase ("in", "near", "of" ...), the first such place.  A sentence opens on
    its scene; places it names later are more often where someone went or spoke, or a
    comparison ("militants attacked a checkpoint in Kunduz before fleeing towards
    Baghlan": Kunduz).  Places in no locative phrase count only when no place is in
    one ("it is easy to condemn from a sofa in London. Hamas has said ..."), and a
    container named right after a place inside it yields to that place ("the village
    of Kafr Zita in Hama province": Kafr Zita)."""
    heads = [(p, _head_of(sdoc, p)) for p in places]
    located = [(p, tok) for p, tok in heads if tok is not None and (prep := _governing_prep(tok)) is not None
               and (prep.lower_ in LOCATING_PREPS or prep.lower_ == "of")]
    pool = located or [(p, tok) for p, tok in heads if tok is not None]
    if not pool:
        return places[-1]
    sent = pool[-1][1].sent
    place = next(p for p, tok in pool if tok.sent.start == sent.start)
    inner = [p for p in places if sent.start_char <= p.start and p.end <= place.start
             and place.start - p.end <= CONTAINED_GAP and _contains(place, p)]
    return inner[-1] if inner else place


# characters between a place and the container named after it ("X in Y province",
# "X, a town in Y state")
CONTAINED_GAP = 60


def _contains(outer: Place, inner: Place) -> bool:
    """``inner`` lies in ``outer`` by the gazetteer's codes: a country holds its places,
    a province or district the smaller places that carry its code."""
    if inner is outer or inner.country is None or inner.country != outer.country:
        return False
    # an unknown name the places stage put in a unit is a village or site: as small as a town
    size = 1 if inner.geonameid is None and inner.within is not None and inner.resolved_as != "direction" \
        else _specificity(inner)
    code = outer.feature_code or ""
    if outer.geonameid is None and outer.resolved_as == "direction":
        # "eastern Burkina Faso", "northern Idlib": a part of a country or province
        # holds the towns of that country or province
        return size < 4 and (outer.admin1 is None or inner.admin1 == outer.admin1)
    if code.startswith("PCL"):
        return size < 5
    if code == "ADM1":
        return inner.admin1 is not None and inner.admin1 == outer.admin1 and size < 4
    if code == "ADM2":
        return inner.admin2 is not None and inner.admin2 == outer.admin2 and inner.admin1 == outer.admin1 \
            and size < 3
    return False


def _sets_no_scene(sdoc: Any, place: Place) -> bool:
    """A place named earlier that sets no scene for a later sentence: a country word
    describing people or an organisation ("US advisers", "US Central Command said":
    the actor's country), where someone spoke ("speaking to reporters in London"), a
    measure ("the size of Belgium") or a comparison ("as in Grozny")."""
    tok = _head_of(sdoc, place)
    if tok is None:
        return False
    return _is_demonym(place, tok) or _where_spoken(tok) or _affiliation(place, tok) \
        or _measure(tok) or _allegiance(tok) or _home_of_someone(tok, named=True) or _compared(tok)


# nouns of people or bodies that a place after "of"/"with"/"in" affiliates, not locates
AFFILIATED = {"ally", "partner", "backer", "friend", "enemy", "rival", "citizen", "national",
              "envoy", "ambassador", "embassy", "government", "president", "minister", "official",
              "expert", "analyst", "institute", "university", "council", "ministry", "agency"}


def _affiliation(place: Place, tok: Any) -> bool:
    """A place named as whose someone is or where a body sits, which sets no scene
    for a later sentence: "allies of the US", "fought with the US", "a researcher at a
    think tank in Washington", "Rome and Tripoli are in talks" (a
    state named as an actor)."""
    prep = _governing_prep(tok)
    if prep is None:
        return _state_like(place) and _np_head(tok).dep_ in ACTOR_DEPS
    if prep.lower_ == "with" and _state_like(place):
        return True
    owner = prep.head
    if prep.lower_ not in ("of", "in", "at", "from") or owner.pos_ not in ("NOUN", "PROPN"):
        return False
    return owner.lemma_.lower() in AFFILIATED or owner.ent_type_ == "ORG"


# people a "from" phrase says where they come from ("a teenager from Bristol")
PEOPLE_FROM = {"man", "woman", "boy", "girl", "teenager", "student", "jihadist", "fighter",
               "militant", "volunteer", "national", "citizen", "resident", "native",
               "couple", "worker", "doctor", "journalist", "teacher", "driver", "soldier",
               "recruit", "convert", "father", "mother", "son", "daughter", "husband", "wife",
               "brother", "sister", "pupil", "schoolgirl", "schoolboy"}
# (not refugees or displaced families: where they come from is where they fled)


def _home_of_someone(tok: Any, named: bool = False) -> bool:
    """A place after "from" that says where someone comes from, not where anything
    happened: a person named ("Omar, from Leeds, was killed"), or a noun of people
    ("two volunteers from Bristol"; :data:`PEOPLE_FROM`).  With ``named``, only a
    named person, also through an apposition ("Hamid, a shopkeeper from Herat"): such
    a line of biography is no scene for a later sentence either."""
    prep = _governing_prep(tok)
    if prep is None or prep.lower_ != "from":
        return False
    owner = prep.head
    if named:
        if owner.dep_ == "appos" and owner.head.i != owner.i:
            owner = owner.head  # "Hamid, a shopkeeper from Herat": the shopkeeper is Hamid
        return _person_name(owner)
    return _person_name(owner) or (owner.pos_ == "NOUN" and owner.lemma_.lower() in PEOPLE_FROM)


def _person_name(tok: Any) -> bool:
    return tok.ent_type_ == "PERSON" and tok.pos_ == "PROPN"


# nouns of a side taken: a place after them says whose side, never where it happened
ALLEGIANCE = {"ally", "partner", "backer", "patron", "sponsor", "friend", "enemy", "rival",
              "adversary", "foe"}


# bodies whose members a place after "of" names ("an alliance of Arab states")
MEMBERSHIP = {"coalition", "alliance", "bloc", "league", "union", "grouping", "axis"}


def _allegiance(tok: Any) -> bool:
    """"with its allies in Beijing", "backers in Tehran", "rivals from Riyadh", "an
    alliance of Arab states": whose side, or who is a member, never the scene."""
    prep = _governing_prep(tok)
    if prep is None:
        return False
    owner = prep.head.lemma_.lower()
    return (prep.lower_ in ("in", "of", "from", "at") and owner in ALLEGIANCE) or (
        prep.lower_ == "of" and owner in MEMBERSHIP)


def _where_spoken(tok: Any) -> bool:
    """``tok`` is where someone spoke: "speaking to reporters in London", "told a news
    conference in Ankara"."""
    return _speech_verb(tok) is not None


def _speech_verb(tok: Any) -> Any | None:
    """The speech verb whose place ``tok`` is ("told a news conference in Ankara": told)."""
    prep = _governing_prep(tok)
    if prep is None or prep.lower_ not in ("in", "at", "from"):
        return None
    verb = prep.head
    for _ in range(3):  # "told a news conference in Ankara": up to the verb
        if verb.pos_ == "VERB" or verb.dep_ not in ("prep", "pobj", "dobj") or verb.head.i == verb.i:
            break
        verb = verb.head
    return verb if verb.pos_ == "VERB" and verb.lemma_.lower() in SPEAKING else None


def _acting(doc: Document, place: Place) -> bool:
    """The place is named as an actor ("Moscow did not comment", "Ukraine said"): the
    actors stage made it a state mention, so it sets no scene."""
    return any(a.start <= place.start and place.end <= a.end and a.type == "state"
               for a in doc.actors) or _named_group(doc, place)


def _named_group(doc: Document, place: Place) -> bool:
    """A "place" that is a group's or a person's name as the actors stage read it
    ("Daesh", "Turkish-backed Jihadis"): the whole mention is an actor that is no state,
    and the gazetteer did not resolve it.  A group's name is never a scene, nor is the
    seat in a news outlet's name."""
    if seat_of_outlet(doc.text, place.end):
        return True  # "the Washington Post reported", "the Jerusalem Post wrote": who tells
    if place.geonameid is not None:
        return False
    return any(a.start <= place.start and place.end <= a.end and a.type != "state"
               for a in doc.actors)


def _top(entries: Any) -> dict[str, Any] | None:
    if isinstance(entries, dict):
        entries = [entries]
    if not isinstance(entries, list):
        return None
    good = [e for e in entries if isinstance(e, dict) and (e.get("lat") is not None or e.get("geonameid"))]
    return max(good, key=lambda e: e.get("score") or 0.0) if good else None


def _from_focus(doc: Document, keys: tuple[str, ...] = ("admin1", "countries")) -> Place | None:
    focus = doc.focus or {}
    for key, where_prec in (("admin1", 4), ("countries", 6)):
        if key not in keys:
            continue
        entry = _top(focus.get(key))
        if entry is None:
            continue
        if key == "admin1":
            town = _main_town(doc, entry)
            if town is not None:
                return town
        return Place(
            text="", start=-1, end=-1, name=entry.get("name"), geonameid=entry.get("geonameid"),
            lat=entry.get("lat"), lon=entry.get("lon"), country=entry.get("country"),
            admin1=entry.get("admin1"), precision=3, where_prec=where_prec,
            score=float(entry.get("score") or 0.0), resolved_as="focus",
            feature_code="ADM1" if key == "admin1" else "PCLI",
        )
    return None


def _main_town(doc: Document, entry: dict[str, Any]) -> Place | None:
    """The town the document names most often inside its focus province (the first
    named on a tie): an article about "Ouagadougou" or "Mogadishu" has the province
    of the capital as its focus, and an event it places nowhere else is in that town
    rather than at the province's centre (precision 3, where_prec 4: the province
    is what the text supports).  Needs two mentions: one passing name is no focus."""
    counts: dict[Any, int] = {}
    first: dict[Any, Place] = {}
    for p in doc.places:
        if p.feature_class != "P" or p.country != entry.get("country") or p.admin1 != entry.get("admin1") \
                or p.geonameid is None or _acting(doc, p) or _inside_actor(doc, p):
            continue
        counts[p.geonameid] = counts.get(p.geonameid, 0) + 1
        first.setdefault(p.geonameid, p)
    if not counts:
        return None
    gid = max(counts, key=lambda g: (counts[g], -first[g].start))
    if counts[gid] < 2:
        return None
    p = first[gid]
    return dataclasses.replace(p, precision=max(p.precision or 1, 3), where_prec=max(p.where_prec or 1, 4),
                               resolved_as="focus")


def event_location(doc: Document, sent: Any, trigger: Any | None = None, exclude: set[int] | None = None) -> Place | None:
    """The place where the event at ``trigger`` happened; ``exclude`` holds indexes into
    ``doc.places`` already used as origin/destination/route.

    Returns a copy; context and focus fallbacks carry ``resolved_as`` "context" or
    "focus" and a lowered precision (see the module docstring).  A street or square
    is named by its town (:func:`_street_town`).
    """
    return _street_town(doc, _event_location(doc, sent, trigger, exclude or set()))


def _street_town(doc: Document, place: Place | None) -> Place | None:
    """An event on a street or square the gazetteer does not know ("protesters marched
    down Rustaveli Avenue") took place in the town the places stage put the street in
    (ACLED: the town is the location, at precision 1, the street is a note).  The copy
    keeps the street's text and offsets and takes the town's name and id."""
    if place is None or place.geonameid is not None or place.within is None or place.start < 0:
        return place
    street = next((p for p in doc.places if p.start == place.start and p.end == place.end), None)
    if street is None or street.resolved_as != "container" or (street.precision, street.where_prec) != (1, 2):
        return place  # not a street: "Baghuz Fawqani" near Baghuz is a village of its own
    town = next((p for p in doc.places if p.geonameid == place.within and p.feature_class == "P"), None)
    if town is None:
        return place
    return dataclasses.replace(place, name=town.name, geonameid=town.geonameid)


def _event_location(doc: Document, sent: Any, trigger: Any | None, exclude: set[int]) -> Place | None:
    found = _in_sentence(doc, sent, trigger, exclude)
    if found is not None and found.resolved_as not in ("demonym", "weak"):
        return found
    if trigger is not None and (found is None or found.resolved_as == "demonym"):
        town = _the_town(doc, sent, trigger, exclude)
        if town is not None:
            return town
    if trigger is not None and _country_wide(trigger):
        # "at least 800 civilians have been killed across the country", "nationwide
        # protests": no place of the sentence holds the event, the whole country does
        country = _from_focus(doc, keys=("countries",))
        if country is not None:
            return country
    if trigger is not None and found is None and trigger.lemma_.lower() in COUNTRY_WIDE_EVENTS \
            and trigger.pos_ in ("NOUN", "PROPN"):
        # "the truce took effect at 7pm", "the war has killed 300,000": a war, a
        # ceasefire or an uprising the sentence places nowhere holds the whole
        # country, not the town where the paragraph's last clash was
        country = _from_focus(doc, keys=("countries",))
        scene = _from_paragraph(doc, sent, exclude) or _fallback(doc, sent, exclude)
        if country is not None and (scene is None or scene.country == country.country):
            return country
    if found is not None and found.resolved_as == "weak":
        # "a suicide bomber drove into a convoy on the outskirts of Jalalabad, wounding
        # three": a place of the sentence in a locative phrase, even far from the
        # trigger on the tree, beats a place of an earlier sentence.
        held = _loosely_held(doc, sent, trigger, exclude)
        if held is not None:
            return held
        found.resolved_as = "context"
        named = _loosely_named(doc, sent, trigger, exclude) if trigger is not None else None
        if named is not None and _town_like(named):
            # "a drone hit a market in the town, the governor of X province said; the
            # day before, gunmen had stormed Y": a town or village of the event's own
            # sentence says more than the scene an earlier sentence set
            return named
        # a country or province the sentence names loosely yields to the scene set
        # earlier in the paragraph (often a place inside it), but beats the previous
        # paragraph, the dateline and the whole document's focus: the sentence is about it
        return _from_paragraph(doc, sent, exclude) or named or _fallback(doc, sent, exclude) or found
    # "Syrian troops shelled the village": a named place earlier in the paragraph says
    # more than the country of a demonym.
    # A demonym ("Russian forces had been attacking the town") names the actor's
    # country, so the scene just set in the previous paragraph comes first.
    return _from_paragraph(doc, sent, exclude) or _fallback(doc, sent, exclude) or found


TOWN_WORDS = {"city", "town"}


def _the_town(doc: Document, sent: Any, trigger: Any, exclude: set[int]) -> Place | None:
    """"shops in the city's centre were looted", "shells fell on the edges of the town",
    "looting in parts of the capital": a sentence naming no place that puts its event
    in "the city" / "the town" means the city or town named most often before it, the
    latest on a tie (a populated place, not a neighbourhood or province the paragraph
    named since: the city the article is about), "the capital" the capital of the
    document's focus country named before.  ``resolved_as="context"``, precision at
    least 2."""
    word = None
    for tok in trigger.sent:
        lemma = tok.lower_
        if lemma not in TOWN_WORDS and lemma != "capital":
            continue
        if not any(c.lower_ == "the" for c in tok.children) or tok.dep_ not in ("pobj", "poss"):
            continue
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
            continue  # "the city of X": its own name follows
        if trigger.i in tree_arrays(tok.doc).path_up(tok.i) or tree_distance(tok, trigger) <= 3:
            word = lemma
            break
    if word is None:
        return None
    codes = ("PPLC",) if word == "capital" else ("PPL", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLC")
    named = [p for i, p in enumerate(doc.places)
             if p.start < sent.start_char and i not in exclude and p.feature_code in codes
             and not _acting(doc, p) and not _inside_actor(doc, p) and not beyond_border(doc.text, p.start)
             and not _sets_no_scene(sent.doc, p)]
    home = _top((doc.focus or {}).get("countries"))
    if word == "capital" and home is not None:
        # "the capital": the capital of the country the article is about
        named = [p for p in named if p.country == home.get("country")]
    if not named:
        return None
    # the city the article is about: the one named most often so far, the latest on a tie
    counts: dict[Any, int] = {}
    for p in named:
        counts[p.geonameid or p.name] = counts.get(p.geonameid or p.name, 0) + 1
    p = max(reversed(named), key=lambda q: counts[q.geonameid or q.name])
    return dataclasses.replace(p, precision=max(p.precision or 1, 2), where_prec=max(p.where_prec or 1, 2),
                               resolved_as="context")


# events that hold a whole country unless a place of their own is named
COUNTRY_WIDE_EVENTS = {"war", "ceasefire", "truce", "conflict", "insurgency", "hostilities", "armistice"}
NATIONWIDE = {"nationwide", "countrywide"}
SPREAD_PREPS = {"across", "throughout", "around", "over", "in", "all"}


def _country_wide(trigger: Any) -> bool:
    """The event's own phrase spreads it over the country it is told of: "killed across
    the country", "throughout this country", "nationwide protests", "strikes spread
    nationwide"."""
    for tok in trigger.sent:
        if tok.lower_ in NATIONWIDE and tok.head.i == trigger.i:
            return True
        if tok.lower_ == "country" and tok.dep_ == "pobj" and tok.head.lower_ in SPREAD_PREPS \
                and tok.head.head.i == trigger.i and any(c.lower_ in ("the", "this") for c in tok.children):
            return True
    return False


def _fallback(doc: Document, sent: Any, exclude: set[int]) -> Place | None:
    """Rules 3-5: the previous paragraph's scene, the dateline, the document focus."""
    return (_from_paragraph(doc, sent, exclude, previous=True)
            or _from_dateline(doc, exclude) or _from_focus(doc))


def _town_like(place: Place) -> bool:
    """A town, village or site: a gazetteer place below the admin units, or an unknown
    name the places stage put inside a unit (``within``)."""
    if place.geonameid is None:
        return place.within is not None and place.lat is not None
    return _specificity(place) == 1


_DATELINE_RX = re.compile(r"^\s*[A-Z][A-Za-z.'\- ]{1,40}(?:,\s*[A-Z][A-Za-z.'\- ]{1,40})?\s*"
                          r"(?:\([^)]{1,40}\)\s*)?(?:--|—|–|-|:)\s")


def dateline_span(text: str) -> tuple[int, int] | None:
    """Where the report's dateline is: at the very start ("Kabul, Afghanistan (AP) --")
    or opening one of the first paragraphs after a headline ("GAZA, Oct 3 (Wire) - ",
    the parser's :data:`kharita.nlp.DATELINE`)."""
    m = _DATELINE_RX.match(text[:120])
    if m is not None:
        return m.start(), m.end()
    from kharita.nlp import DATELINE

    m = DATELINE.search(text[:600])
    return (m.start(), m.end()) if m is not None else None


def _from_dateline(doc: Document, exclude: set[int]) -> Place | None:
    """'KABUL, Afghanistan (AP) -- ...': where the report was filed, near the events it
    tells of.  Precision at least 2, ``resolved_as="dateline"``, the mention's offsets."""
    span = dateline_span(doc.text)
    if span is None:
        return None
    inside = [p for i, p in enumerate(doc.places) if i not in exclude and span[0] <= p.start
              and p.end <= span[1]
              and p.resolved_as != "demonym" and (p.geonameid is not None or p.lat is not None)]
    if not inside:
        return None
    place = min(inside, key=_specificity)
    return dataclasses.replace(place, precision=max(place.precision or 1, 2),
                               where_prec=max(place.where_prec or 1, 2), resolved_as="dateline")
