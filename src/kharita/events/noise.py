"""Which trigger candidates are events of their own (one event per real happening).

A dense news sentence names one happening with several words ("eliminate IS cells
with targeted blitz and attacks"), mentions events only as the purpose of another
("moved at night to avoid being captured"), as the topic of talks or demands
("met to discuss a ceasefire", "demanded an end to the fighting"), or refers back to
an event already told ("arrested suspects in connection with the bombing").  None of
these is a new happening for an analyst browsing the dataset.  The rules here decide
it from the parse, before the costly per-event work (dates, counts, location), so
dropped candidates cost little.  See ``docs/events.md`` ("Noise") for the rules.

Every rule is general: grammar (purpose clause, complement of a communicative act,
participle of the same act) plus what is attached to the trigger (an actor, a place,
a date).  A trigger with its own actor, place or date is always kept by the
bare-noun rules: "the attack in Kandahar" may be a second happening.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from kharita.events.roles import ARRESTING, accusing_verb

# acts whose complement is what is talked about, asked for or threatened, not a
# happening: "discussed a ceasefire", "demanded the release", "threatened an offensive"
TOPIC_TYPES = {"CONSULT", "REQUEST", "THREATEN", "REJECT", "ACCUSE", "AGREE"}
# of those, the ones whose topic never happened, even with a place attached
UNREALISED_TOPIC = {"CONSULT", "REQUEST", "THREATEN"}
_TIME_ENTS = {"DATE", "TIME"}
# buildings and rooms one breaks into: "looters broke into the warehouses"
PREMISES = {"house", "home", "office", "shop", "store", "supermarket", "warehouse", "bank",
            "pharmacy", "depot", "building", "compound", "church", "mosque", "temple",
            "school", "hospital", "clinic", "headquarters", "embassy", "consulate", "prison",
            "jail", "station", "factory", "premises", "residence", "apartment", "flat",
            "storehouse", "armoury", "armory", "arsenal", "barracks", "palace", "parliament",
            "ministry", "courthouse", "court", "camp", "base", "garage", "granary", "stall"}
_SUBJ = {"nsubj", "nsubjpass", "csubj", "expl"}
# a noun in one of these slots is what its clause is about ("*Fighting* erupted",
# "lodged *a protest*", "carried out *a raid*"), not a passing reference
_CORE = {"nsubj", "nsubjpass", "dobj", "attr", "ROOT", "appos"}


class Candidate(Protocol):
    """What the rules read of a trigger candidate (``coder.Cand``)."""

    tok: Any
    sense: Any
    match: Any
    args: Any
    merged: list[Any]


def purpose_clause(tok: Any) -> Any | None:
    """The verb heading an infinitival purpose clause that contains ``tok``, if any.

    "moved at night *to avoid being captured*" (an ``advcl`` with *to*), "in order to
    retake the town", and a verbless goal fragment ("*To cut off* their funding.",
    an infinitive root with no subject).  Complements of *try*, *plan*, *is* ("the
    aim is to eliminate") are ``xcomp`` and are not purpose clauses: modality
    handles them.
    """
    t = tok
    for _ in range(12):
        if t.pos_ in ("VERB", "AUX") and _infinitive(t):
            if t.dep_ == "advcl" or _purpose_xcomp(t):
                return t
            if t.dep_ == "acl" and t.head.lower_ == "order":
                return t
            if t.dep_ == "ROOT" and not any(c.dep_ in _SUBJ for c in t.children):
                return t
        if t.dep_ == "ROOT" or t.head is t:
            return None
        t = t.head
    return None


def _infinitive(verb: Any) -> bool:
    """"to avoid", "to be moved": a *to* auxiliary and no tense of its own."""
    return verb.tag_ in ("VB", "VBN") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


# verbs whose object is the doer of their infinitive ("forced residents to flee"):
# there the infinitive is the object's act, not the purpose of the verb
OBJECT_CONTROL = {"ask", "tell", "order", "force", "urge", "allow", "permit", "help", "compel",
                  "persuade", "invite", "encourage", "call", "require", "enable", "lead",
                  "expect", "want", "warn", "instruct", "push", "press", "pressure", "oblige",
                  "advise", "get", "cause", "prompt", "authorize", "authorise", "direct",
                  "command", "convince", "need", "train", "send", "deploy", "use", "pay",
                  "hire", "recruit", "mobilize", "mobilise", "beg", "appeal"}


def _purpose_xcomp(verb: Any) -> bool:
    """"leave the area *to avoid* being captured": an infinitive after a verb that
    already has its object, the verb not being one of object control."""
    head = verb.head
    return (verb.dep_ == "xcomp" and head.pos_ == "VERB"
            and head.lemma_.lower() not in OBJECT_CONTROL
            and any(c.dep_ == "dobj" and c.i < verb.i for c in head.children))


def attached(tok: Any, place_within: Callable[[int, int], bool]) -> bool:
    """A place or a date hangs on the trigger ("the attack in Kandahar on Monday").

    A noun that is the subject of its clause ("Fighting erupted in Homs") also owns
    the place and date phrases of that clause's verb.
    """
    spans = [(tok.left_edge.i, tok.right_edge.i)]
    head = tok.head
    if tok.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        for c in head.children:
            if c.dep_ in ("prep", "npadvmod", "advmod", "pobj") and c.i != tok.i:
                spans.append((c.left_edge.i, c.right_edge.i))
    sdoc = tok.doc
    for lo, hi in spans:
        span = sdoc[lo: hi + 1]
        if place_within(span.start_char, span.end_char):
            return True
        if any(t.ent_type_ in _TIME_ENTS for t in span):
            return True
    return False


def prune(cands: list[Candidate], own_actor: Callable[[Candidate, bool], bool],
          place_within: Callable[[int, int], bool], planned: Callable[[Candidate], bool],
          absorb: Callable[[Candidate, Candidate], None]) -> list[Candidate]:
    """The candidates of one sentence that are events of their own.

    ``own_actor(c, agent_only)`` says whether the candidate's own syntactic roles name
    an actor (carried-over subjects do not count); ``place_within(start, end)`` whether
    a place lies in that span; ``planned(c)`` whether its modality is planned;
    ``absorb(a, b)`` folds b into a (same happening).
    """
    alive = [c for c in cands if not _natural_cause(c, own_actor)
             and not _weapon_unused(c) and not _resultative_leave(c, cands)
             and not _held_now(c)
             and not _other_sense(c) and not _campaign(c)]
    alive = [c for c in alive if not _purpose_of_event(c, alive, own_actor) or planned(c)]
    alive = [c for c in alive if not _onset(c, alive, own_actor)]
    alive = [c for c in alive if not _vague_allegation(c, place_within)]
    alive = _drop_topics(alive, own_actor, place_within)
    alive = _fold_same_act(alive, own_actor, place_within, absorb)
    alive = _fold_means(alive, own_actor)
    alive = [c for c in alive if not _news_of(c, place_within)]
    alive = [c for c in alive if not _circumstance_of_harm(c, alive)]
    return [c for c in alive if not (_bare_noun(c, own_actor, place_within)
                                     and _inside_other(c, alive))
            and not (_bare_event(c, own_actor, place_within) and not planned(c))]


# What kills or destroys with nobody doing it: "died in a house fire", "killed in a
# car crash", "died of cholera", "destroyed by the floods".  ACLED codes political
# violence; a death or damage with no perpetrator is no event of its own.
NATURAL_CAUSES = {"fire", "blaze", "flame", "crash", "accident", "collision", "flood", "flooding",
                  "storm", "cyclone", "hurricane", "earthquake", "quake", "landslide", "avalanche",
                  "cold", "frost", "hypothermia", "heat", "heatwave", "disease", "illness",
                  "cholera", "malaria", "measles", "covid", "pneumonia", "malnutrition", "hunger",
                  "starvation", "dehydration", "drowning", "collapse", "derailment", "lightning",
                  "wildfire", "tsunami", "infection", "outbreak", "epidemic", "exposure",
                  "rain", "rainfall", "downpour", "snow", "snowstorm", "blizzard", "hail", "wind",
                  "gale", "typhoon", "tornado", "drought", "weather"}
_CAUSE_PREPS = {"in", "of", "from", "by", "after", "during"}


def _natural_cause(c: Candidate, own_actor: Callable[[Candidate, bool], bool]) -> bool:
    """A killing, burning or destruction whose only stated cause is an accident, a
    disaster or an illness, with no doer of its own ("three workers burned to death
    when a blaze swept the warehouse", "killed when their bus collided with a lorry" is left to the rest)."""
    tok = c.tok
    if tok.pos_ != "VERB":
        return False
    # "a helicopter crashed near the border, killing five soldiers"; "a soldier was
    # killed after a military truck overturned": the accident is the cause, whatever
    # the parser makes the killing's subject
    if tok.dep_ in ("advcl", "conj") and tok.tag_ == "VBG" and _accident(tok.head):
        return True
    transitive = any(ch.dep_ == "dobj" for ch in tok.children)
    if transitive and own_actor(c, True):
        return False  # "rebels burned the market in a fire they set": someone did it
    linked = [tok, *(ch for ch in tok.children if ch.dep_ == "conj")]
    if any(ch.dep_ == "advcl" and _accident(ch) for v in linked for ch in v.children):
        # "was killed when the bus overturned"; "one soldier was killed and two injured
        # after their truck overturned" (the clause hangs on the last verb)
        return True
    for prep in (ch for v in linked for ch in v.children):
        if prep.dep_ in ("prep", "agent") and prep.lower_ in _CAUSE_PREPS:
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                if obj.lemma_.lower() in NATURAL_CAUSES and not _weapon_fire(obj):
                    return True
                if any(g.dep_ in ("acl", "relcl") and _accident(g) for g in obj.children):
                    return True  # "after a military truck overturned"
    return _accident(tok)  # "floods have killed four people", "an earthquake struck"


# what happens to a vehicle or a building by itself
ACCIDENT_VERBS = {"crash", "overturn", "collide", "capsize", "sink", "derail", "collapse",
                  "topple", "plunge", "flip"}


def _accident(verb: Any) -> bool:
    """A verb of accident, or one whose subject is a disaster, an illness or an
    accidental blast ("when a gas explosion tore through the plant")."""
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    if verb.lemma_.lower() in ACCIDENT_VERBS:
        return True
    return any(ch.dep_ in ("nsubj", "nsubjpass") and (
        ch.lemma_.lower() in NATURAL_CAUSES and not _weapon_fire(ch) or accidental_blast(ch))
        for ch in verb.children)


# where the hurt and the dead are taken
CARE_PLACES = {"hospital", "infirmary", "clinic", "morgue", "mortuary", "ward", "icu"}
# people whose release or evacuation is the news wherever they are taken
_FREED = {"hostage", "captive", "detainee", "prisoner", "patient", "evacuee"}
# what the people taken to a hospital are
_HURT_WORDS = {"injured", "wounded", "hurt", "sick", "dead", "dying", "critically", "seriously"}
# verbs of one's own flight, which may end in a hospital compound taken as a shelter
_OWN_FLIGHT = {"flee", "escape", "run", "shelter", "seek"}


def _to_care(verb: Any) -> bool:
    """People taken to a hospital or a morgue ("the wounded were taken to hospital",
    "two injured soldiers were flown to the Royal Victoria Infirmary"): care for the
    hurt, no movement of armed men or of people fleeing ("residents fled to the
    hospital compound" is one)."""
    if verb.lemma_.lower() in _OWN_FLIGHT or any(
            t.dep_ == "prep" and t.lower_ in ("from", "out") for t in verb.subtree):
        return False  # "evacuated the sick from the besieged town to hospitals in X"
    v = verb
    for _ in range(3):  # "handed to the Red Cross ... before being flown to hospitals"
        for mover in v.children:
            if mover.dep_ not in ("nsubjpass", "dobj", "nsubj"):
                continue
            lem = mover.lemma_.lower()
            if lem in _FREED or (lem in FORCE_NOUNS and not any(
                    c.lower_ in _HURT_WORDS for c in mover.children)):
                return False  # "troops were sent to the hospital to guard it"
        if v.dep_ not in ("conj", "advcl", "pcomp", "xcomp") or v.head.i == v.i:
            break
        v = v.head.head if v.head.pos_ == "ADP" else v.head
    for prep in verb.children:
        if prep.dep_ in ("prep", "dative") and prep.lower_ in ("to", "into", "towards"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and any(t.lemma_.lower() in CARE_PLACES
                                              for t in obj.subtree if t.i <= obj.i):
                    return True
    return False


# what rehearses fighting: "the annual exercise", "live-fire drills", "war games"
REHEARSALS = {"exercise", "drill", "wargame", "manoeuvre", "maneuver", "manoeuver", "rehearsal",
              "simulation"}
# what an exercise that went wrong tells: someone hurt or killed
_HURT = {"kill", "die", "wound", "injure", "dead", "death", "casualty"}


def _rehearsed(tok: Any) -> bool:
    """The sentence of an attack word tells a military exercise and no one hurt ("the
    marines stormed the beach on the last day of the exercise", "jets struck mock
    targets during war games"): a rehearsal, no attack."""
    sent = tok.sent
    if {t.lemma_.lower() for t in sent} & _HURT:
        return False
    for t in sent:
        games = t.lower_ == "war" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lemma_.lower() == "game"
        if (games or (t.lemma_.lower() in REHEARSALS and t.pos_ == "NOUN")) and not _describes(t):
            return True
    return False


def _describes(tok: Any) -> bool:
    """The token sits in a clause that describes a noun ("an air base *where troops
    were taking part in an exercise*"), not in the sentence's own telling."""
    while tok.head.i != tok.i:
        if tok.dep_ in ("relcl", "acl"):
            return True
        tok = tok.head
    return False


# what blows up by accident: "a gas explosion", "a boiler blast", "an accidental fire"
_ACCIDENTAL = {"gas", "boiler", "accidental", "industrial", "electrical", "cylinder", "methane",
               "firework", "fireworks"}
_BLASTS = {"explosion", "blast", "fire", "leak", "detonation"}


def accidental_blast(noun: Any) -> bool:
    """A blast its own words say was an accident ("a gas explosion", "a boiler blast")."""
    return noun.lemma_.lower() in _BLASTS and any(
        ch.dep_ in ("compound", "amod") and ch.lemma_.lower() in _ACCIDENTAL for ch in noun.children)


def _weapon_fire(noun: Any) -> bool:
    """"sniper fire", "fire from a tank", "heavy fire": the fire of weapons, not a blaze."""
    if noun.lemma_.lower() not in ("fire", "flame"):
        return False
    return any(c.dep_ in ("compound", "amod", "nmod") or (c.dep_ == "prep" and c.lower_ == "from")
               for c in noun.children if c.lower_ not in ("a", "the", "house", "forest", "building"))


# trigger nouns that name the people doing the act, not the act: "protesters fled" is
# a flight of the protesters (the coder makes the word the event's actor)
SELF_AGENT = {"protester", "demonstrator", "bomber", "sniper", "refugee", "rioter", "mob"}


def _vague_allegation(c: Candidate, place_within: Callable[[int, int], bool]) -> bool:
    """An act someone is accused of, with no place or date of its own ("accused the
    militia of *targeting* hospitals") is a charge, not a happening: the ACCUSE event
    records it.  "accused Russia of *shelling* a hospital in Kherson on Monday" is
    kept (with the accuser as its source); an arrest "for killing a teacher" is no
    accusation."""
    verb = accusing_verb(c.tok)
    if verb is None or verb.lemma_.lower() in ARRESTING:
        return False
    return not attached(c.tok, place_within)



def _onset(c: Candidate, cands: list[Candidate],
           own_actor: Callable[[Candidate, bool], bool]) -> bool:
    """A verb with no object whose subject is another trigger's noun, and no actor,
    says that event started, spread or went on ("*fighting* broke out", "the *clashes*
    spread"): the noun is the happening, the verb (read alone as an escape) is not
    another one."""
    tok = c.tok
    if tok.pos_ != "VERB" or any(ch.dep_ in ("dobj", "dative") for ch in tok.children):
        return False
    if own_actor(c, True):
        return False  # a misparsed subject with an actor in apposition is still a doer
    subjects = {ch.i for ch in tok.children if ch.dep_ == "nsubj"}
    return any(o is not c and o.tok.i in subjects and o.tok.pos_ == "NOUN"
               and o.tok.lemma_.lower() not in SELF_AGENT
               and o.sense.type != c.sense.type for o in cands)


# below this lexicon strength a word alone does not say an event happened
WEAK = 0.65


# nouns that with "the ... against X" name a whole campaign, not a happening
CAMPAIGN_NOUNS = {"fight", "war", "battle", "campaign", "struggle"}


def _campaign(c: Candidate) -> bool:
    """"involved in the fight against al-Shabaab", "their role in the war against the
    Taliban", "joined the campaign against al-Shabaab": a campaign as the object of
    another word, with no day or place of its own, is no particular happening.  As
    a subject ("the battle against IS for Baghuz raged on Friday") it may be news."""
    tok = c.tok
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in CAMPAIGN_NOUNS or len(c.match.tokens) > 1:
        return False
    if tok.dep_ not in ("pobj", "dobj") or c.merged:
        return False
    definite = any(ch.dep_ in ("det", "poss") and ch.lower_ not in ("a", "an") for ch in tok.children)
    against = any(ch.dep_ == "prep" and ch.lower_ == "against" for ch in tok.children)
    own = any(ch.ent_type_ in ("DATE", "TIME") for ch in tok.subtree if ch.i != tok.i)
    return definite and against and not own


def _bare_event(c: Candidate, own_actor: Callable[[Candidate, bool], bool],
                place_within: Callable[[int, int], bool]) -> bool:
    """Nobody, nowhere, no time: a weak trigger ("took part in *the operation*") or an
    agentless passive ("access to the area *is restricted*") with no actor among its
    own roles and no place or date attached is commentary, not a codable event.
    An actor carried over from the previous sentence does not count: it is a guess."""
    weak = c.sense.strength < WEAK
    passive = c.tok.pos_ == "VERB" and c.args is not None and c.args.passive
    if not (weak or passive) or c.merged:
        return False
    if not weak and c.sense.type == "ASSAULT" and _people_hurt(c):
        return False  # "he was beaten with a rubber hose", "a girl was raped": told harm
    return not own_actor(c, False) and not attached(c.tok, place_within)


_PERSONS = {"he", "she", "they", "him", "her", "them", "we", "i", "us", "me"}
PEOPLE = {"man", "woman", "child", "boy", "girl", "soldier", "civilian", "villager", "farmer",
          "student", "teacher", "journalist", "worker", "family", "resident", "people", "person",
          "prisoner", "detainee", "officer", "policeman", "fighter", "militant", "son", "daughter",
          "wife", "husband", "mother", "father", "brother", "sister", "doctor", "nurse", "pupil"}


def _people_hurt(c: Candidate) -> bool:
    """The act's passive subject is a person: someone it was done to is told."""
    for t in c.args.patients if c.args is not None else []:
        if t.lower_ in _PERSONS or t.ent_type_ == "PERSON" or t.lemma_.lower() in PEOPLE:
            return True
    return False


# what tells of a happening: "news of their capture", "footage of the strike"
NEWS_NOUNS = {"news", "report", "word", "footage", "video", "image", "picture", "photo",
              "detail", "account", "rumour", "rumor", "confirmation", "announcement"}


def _news_of(c: Candidate, place_within: Callable[[int, int], bool]) -> bool:
    """A bare noun that news, a report or footage is of ("before reports of
    their capture emerged", "footage of the bombing was shared"): a happening
    referred to, told (if at all) where it is reported.  One with its own place, date
    or named party ("reports of an attack in Kunar on Monday") is kept."""
    head = c.tok.head
    if not (_is_noun(c) and c.tok.dep_ == "pobj" and head.lower_ == "of"
            and head.head.lemma_.lower() in NEWS_NOUNS):
        return False
    # a modifier says more than a reference would ("an impending regime incursion",
    # "the Taliban's attack"); a pronoun owner does not ("their capture")
    told = any(ch.dep_ in ("compound", "amod", "nmod", "nummod") or (
        ch.dep_ == "poss" and ch.pos_ != "PRON") for ch in c.tok.children)
    return not told and not attached(c.tok, place_within)


_WHILE = {"as", "when", "while"}


def _circumstance_of_harm(c: Candidate, cands: list[Candidate]) -> bool:
    """A movement told only as what the victims of an attack were doing: "gunmen
    killed two doctors *as they left* a clinic", "a bomb killed four people
    *travelling* to a wedding", "killing dozens *as they fled*".  Where they were
    going is the attack's circumstance, not a movement of its own."""
    tok = c.tok
    if not c.sense.move or tok.pos_ != "VERB":
        return False
    harm = {o.tok.i for o in cands if o is not c and o.sense.type == "ASSAULT"}
    if tok.dep_ == "advcl" and tok.head.i in harm:
        return any(ch.dep_ == "mark" and ch.lower_ in _WHILE for ch in tok.children)
    if tok.dep_ == "acl" and tok.tag_ == "VBG":
        victim = tok.head
        return victim.dep_ in ("dobj", "nsubjpass") and victim.head.i in harm
    return False


def _inside_other(c: Candidate, cands: list[Candidate]) -> bool:
    """Another trigger of the sentence governs this one: it is told within the
    report of that event ("arrested suspects in connection with *the bombing*")."""
    anc = {a.i for a in c.tok.ancestors}
    return any(o is not c and o.tok.i in anc for o in cands)


def _purpose_of_event(c: Candidate, cands: list[Candidate],
                      own_actor: Callable[[Candidate, bool], bool]) -> bool:
    """The trigger sits in the purpose clause of another trigger ("*withdrew* from the
    area to avoid being captured") or in a verbless goal fragment ("To cut off their
    funding.").  When the verb the purpose hangs on is no event ("shunned work to
    protest"), the purpose clause says what the act was, and the trigger is kept if
    it has an actor of its own ("... to be moved to safe places" has none)."""
    verb = purpose_clause(c.tok)
    if verb is None:
        return False
    if verb.dep_ == "ROOT":
        return True
    anc = {a.i for a in verb.ancestors}
    return any(o is not c and o.tok.i in anc for o in cands) or not own_actor(c, False)


def _nominal(tok: Any) -> bool:
    """A noun, or a bare gerund used as one ("after weeks *of fighting*")."""
    if tok.pos_ in ("NOUN", "PROPN"):
        return True
    return tok.tag_ == "VBG" and tok.dep_ == "pobj" and not any(
        c.dep_ in ("dobj", "nsubj", "agent") for c in tok.children)


def _is_noun(c: Candidate) -> bool:
    """A one-word noun trigger (or coordinated nouns: "blitz and attacks")."""
    return (_nominal(c.tok) and len(c.match.tokens) == 1
            and all(_nominal(m) for m in c.merged))


def _drop_topics(cands: list[Candidate], own_actor: Callable[[Candidate, bool], bool],
                 place_within: Callable[[int, int], bool]) -> list[Candidate]:
    """A noun trigger inside the complement of a communicative act is that act's
    topic: "met to discuss *a ceasefire*", "demanded an end to *the fighting*",
    "threatened to launch *an offensive*" (talks, demands and threats are about
    things that have not happened).  After an accusation or a rejection the noun is
    kept when it has a doer, place or date of its own ("accused X of the attack in
    Kandahar on Monday": the attack may be news of its own)."""
    heads = [c for c in cands if c.sense.type in TOPIC_TYPES]
    if not heads:
        return cands
    out = []
    for c in cands:
        if _is_noun(c):
            anc = {a.i for a in c.tok.ancestors}
            head = next((h for h in heads if h is not c and h.tok.i in anc), None)
            if head is not None and (head.sense.type in UNREALISED_TOPIC or (
                    not own_actor(c, True) and not attached(c.tok, place_within))):
                continue
        out.append(c)
    return out


# what is released when something is published, not set free
PUBLISHED = {"video", "footage", "statement", "figure", "report", "data", "detail", "image",
             "photo", "photograph", "picture", "recording", "audio", "list", "document",
             "evidence", "result", "finding", "information", "transcript", "tape", "map",
             "budget", "plan", "book", "album", "film", "song", "update", "memo", "letter",
             "readout", "account", "summary", "assessment", "estimate", "toll", "tally",
             "study", "survey", "poll", "record", "message", "audiotape", "videotape", "clip"}


FIGURATIVE_IN = {"stab": "back", "shoot": "foot"}
# words that make a site a thing of the past
PAST_SITES = {"former", "old", "abandoned", "disused", "ex", "derelict", "defunct"}
# who clashes in words: a politician's clash is an argument
POLITICIANS = {"senator", "republican", "democrat", "lawmaker", "mp", "congressman",
               "congresswoman", "politician", "minister", "chancellor", "premier", "candidate",
               "speaker", "president", "commissioner", "mayor", "governor", "legislator"}
# verbs that move people or things; with only things as object, no one moves
CARRY_VERBS = {"transfer", "move", "transport", "carry", "ship", "deliver", "send", "relocate",
               "smuggle", "bring"}
CARRIED_THINGS = {"bomb", "explosive", "ied", "mine", "landmine", "weapon", "arm", "ammunition",
                  "munition", "rocket", "missile", "mortar", "shell", "grenade", "rifle", "gun",
                  "drug", "cargo",
                  "fuel", "supply", "money", "cash", "equipment", "material", "vehicle", "car",
                  "truck", "gold", "oil", "goods", "good", "aid", "food"}
# money and trade, which move without anyone moving
MONEY_WORDS = {"wealth", "money", "cash", "investment", "fund", "funds", "dollar",
               "euro", "pound", "revenue", "profit", "export", "import", "remittance", "asset",
               "savings", "currency", "trade", "price", "share", "stock", "inflation"}
# ideas and troubles, which are moved only in a figure ("move the crisis from one
# province to another", "shifted the focus to the north")
MOVED_IN_WORDS = {"crisis", "catastrophe", "problem", "debate", "focus", "attention", "burden",
                  "risk", "danger", "blame", "pressure", "tension", "discussion", "issue",
                  "question", "spotlight", "agenda", "story", "narrative", "conversation"}
# carried things that carry people when they move themselves ("the car crossed into",
# "hundreds of military vehicles crossed the border")
_VEHICLES = {"vehicle", "car", "truck", "tank", "convoy", "boat", "ship", "plane", "aircraft",
             "helicopter", "bus"}
# counts of things: "millions of dollars", "tonnes of food"
_MEASURES = {"million", "billion", "thousand", "hundred", "tonne", "ton", "barrel", "kilogram",
             "lot", "amount", "quantity", "sum", "worth"}


def _a_thing(tok: Any) -> bool:
    """A thing carried, money moved, counted or not ("the weapons", "millions of
    dollars", "wealth"), or a trouble moved in a figure ("the crisis")."""
    lem = tok.lemma_.lower()
    if lem in CARRIED_THINGS or lem in MONEY_WORDS or lem in MOVED_IN_WORDS:
        return True
    if lem in _MEASURES or tok.like_num:
        of = _prep_objects(tok, ("of",))
        return bool(of) and all(_a_thing(g) for g in of)
    return False


# what is deployed as a tool, not a force that moves
DEPLOYED_THINGS = {"drone", "quadcopter", "weapon", "technology", "tool", "tactic", "software",
                   "camera", "sensor", "gas", "spray", "cannon", "app", "algorithm", "system",
                   "measure", "resource", "strategy", "capability", "device", "robot", "swarm"}
# what is handed back, not anyone going back: "return the base to the army"
RETURNED_THINGS = CARRIED_THINGS | {
    "base", "town", "city", "village", "territory", "land", "area", "control", "body",
    "remains", "corpse", "property", "site", "airport", "airbase", "position", "post",
    "district", "province", "region", "power", "compound", "building", "school",
    "field", "oilfield", "dam", "bridge", "crossing", "port", "favour", "favor",
    "fire", "call"}
# an attack that is words, illness or code: "Republican attacks", "a heart attack",
# "a ransomware attack"; and attacks on an idea ("attacked the policy")
ATTACK_WORDS = {"attack", "assault", "onslaught", "broadside", "offensive", "counterattack"}
NOT_VIOLENT_ATTACK = {"republican", "democratic", "democrat", "conservative", "liberal", "labour",
                      "tory", "partisan", "political", "verbal", "personal", "rhetorical",
                      "scathing", "blistering", "stinging", "withering", "media",
                      "press", "campaign", "smear", "charm", "diplomatic", "legal", "cyber",
                      "cyber-attack", "online", "ransomware", "malware", "hacker", "hacking",
                      "phishing", "heart", "asthma", "panic", "anxiety", "seizure", "stroke",
                      "allergy", "allergic", "shark", "dog", "bear", "insect", "locust",
                      "twitter", "written", "editorial", "advertising", "ad"}
IDEA_NOUNS = {"policy", "policies", "record", "plan", "decision", "proposal", "remark", "comment",
              "claim", "report", "law", "bill", "budget", "reform", "strategy", "leadership",
              "character", "integrity", "credibility", "ruling", "verdict", "deal", "agreement",
              "idea", "view", "speech", "statement", "handling", "approach", "stance",
              "tweet", "article", "book", "film", "performance",
              # principles and institutions attacked in words
              "sovereignty", "democracy", "freedom", "freedoms", "independence", "dignity",
              "constitution", "values", "rights", "liberty", "judiciary",
              "multilateralism", "order"}
# what is seized or captured in a figure: a chance, a moment, attention
def seized_a_chance(tok: Any) -> bool:
    """A verb whose only objects are a chance, a moment or attention ("seized the
    initiative", "captured the imagination"): a figure, no capture.  The coder does
    not fold a conjoined act into it ("seized the initiative and retook the town":
    the retaking is the event)."""
    objects = [ch for ch in tok.children if ch.dep_ in ("dobj", "nsubjpass")]
    return tok.pos_ == "VERB" and bool(objects) and all(
        o.lemma_.lower() in SEIZED_CHANCES for o in objects)


SEIZED_CHANCES = {"chance", "opportunity", "moment", "initiative", "imagination", "attention",
                  "headline", "mood", "spirit", "essence", "momentum", "day"}
# a surge of troops is sent; a surge in violence is a rise
RISE_NOUNS = {"surge"}
FORCE_NOUNS = {"troop", "soldier", "force", "forces", "fighter", "reinforcement", "marine",
               "personnel", "unit", "police", "officer"}
_BETRAYED = {"ally", "partner", "friend", "party", "government", "country", "nation", "itself",
             "himself", "herself", "themselves", "ourselves", "us", "voter", "supporter"}


# what a happening is captured or caught on when it is only recorded
RECORDINGS = {"video", "camera", "film", "tape", "cctv", "footage", "phone", "smartphone",
              "dashcam", "webcam", "audio", "microphone", "bodycam", "mobile", "livestream"}
# what two parties exchange when they only talk
WORDS_SWAPPED = {"view", "word", "greeting", "letter", "message", "note", "idea", "opinion",
                 "information", "pleasantry", "insult", "accusation", "barb", "gift", "vow",
                 "ring", "call", "experience", "intelligence", "data", "glance", "thought"}
# what an official abuses without hurting anyone
OFFICES_ABUSED = {"office", "power", "position", "authority", "trust", "privilege", "system",
                  "process", "mandate", "discretion", "role", "post", "platform", "access"}
# posts and roles one person takes over from another
# (not "positions", "posts", "offices": held or occupied by force as often as by turn)
OFFICES = {"role", "job", "leadership", "presidency", "premiership", "helm", "chairmanship",
           "chair", "command", "portfolio", "duty", "duties", "responsibility",
           "responsibilities", "reins", "management", "running", "editorship"}


def _prep_objects(tok: Any, preps: tuple[str, ...]) -> list[Any]:
    """The objects of the token's own phrases with these prepositions ("the fall *of*
    X", "an attack *on* Y")."""
    return [g for ch in tok.children if ch.dep_ == "prep" and ch.lower_ in preps
            for g in ch.children if g.dep_ == "pobj"]


# what falls when a number does: "the number of lorries has fallen"
QUANTITIES = {"number", "price", "level", "rate", "figure", "share", "stock", "output", "export",
              "import", "sale", "revenue", "profit", "value", "index", "inflation", "demand",
              "supply", "production", "turnout", "temperature", "currency", "population"}
# wars fought with no arms: "the trade war", "a price war", "the culture wars"
NOT_ARMED_WARS = {"trade", "price", "tariff", "culture", "currency", "bidding", "propaganda",
                  "console", "streaming", "format", "talent", "pricing"}
# what an aircraft or a vehicle strikes when it crashes
TERRAIN = {"ridge", "mountain", "mountainside", "hillside", "hill", "ground", "tree", "pylon",
           "cliff", "runway", "wall", "iceberg", "reef", "sea"}
# who marches in a parade rather than a protest
PARADERS = {"soldier", "troop", "cadet", "veteran", "band", "regiment", "sailor", "marine",
            "guardsman", "recruit"}
# who falls from power: "the fall of the government", "the fall of the president"
RULERS = {"government", "regime", "president", "dictator", "leader", "minister", "cabinet",
          "monarchy", "dynasty", "king", "shah", "emperor", "junta", "administration", "wall"}
# a whole conflict named as a time: "before the war", "since the invasion"
ERAS = {"war", "conflict", "insurgency", "uprising", "revolution", "occupation", "invasion"}
ERA_PREPS = {"before", "after", "since", "until", "till"}
# what a round-up gathers when it is a digest, not a sweep of arrests
DIGESTED = {"news", "story", "headline", "event", "day", "week", "result", "highlight",
            "reaction", "coverage", "development", "update", "report", "opinion", "read"}
# what is defused when no bomb is: "defused the crisis", "the row was defused"
STANDOFFS = {"crisis", "tension", "situation", "standoff", "stand-off", "row", "dispute",
             "confrontation", "argument", "anger", "threat", "criticism", "controversy"}
# verbs of fighting whose object may be a fire, a flood or a disease
FOUGHT = {"fight", "battle", "combat", "tackle"}


def _other_sense(c: Candidate) -> bool:
    """A trigger word in its everyday sense: "a surge in violence" (a rise, no troops
    sent); "released a video", "figures released by the UN" (published, no one set
    free); "demonstrates a capability", "demonstrated that ..." (showed, no one
    marched); "stabbed Turkey in the back" (betrayed)."""
    tok = c.tok
    lemma = tok.lemma_.lower()
    if lemma in ("station", "base") and tok.pos_ == "VERB" and len(c.match.tokens) == 1:
        return _posted(tok)
    if c.sense.cls == "base" and len(c.match.tokens) > 1:
        # "a hotel built on an abandoned army base": the base is where something else
        # stands, not one set up
        site = tok.doc[c.match.tokens[-1]]
        return site.dep_ == "pobj" or any(ch.dep_ == "amod" and ch.lower_ in PAST_SITES
                                          for ch in site.children)
    if lemma in RISE_NOUNS and tok.pos_ == "NOUN":
        # "a surge in violence", "a surge in the killing": a rise, no troops sent
        return any(ch.dep_ == "prep" and ch.lower_ in ("in", "of") and not any(
            g.lemma_.lower() in FORCE_NOUNS for g in ch.children) for ch in tok.children)
    if lemma in ATTACK_WORDS and tok.pos_ == "NOUN":
        if any(ch.dep_ in ("amod", "compound") and ch.lower_ in NOT_VIOLENT_ATTACK
               for ch in tok.children):
            return True  # "deflected Republican attacks", "died of a heart attack"
        ons = _prep_objects(tok, ("on", "against"))
        if ons and all(g.lemma_.lower() in IDEA_NOUNS or g.lower_ in IDEA_NOUNS for g in ons):
            return True  # "a scathing attack on the government's policy"
    # the verb's objects, or the subject of its passive: what the act was done to
    objects = [ch for ch in tok.children if ch.dep_ in ("dobj", "nsubjpass")]
    verb_on = objects if tok.pos_ == "VERB" else []
    if c.sense.cls == "capture" and not c.merged and seized_a_chance(tok):
        return True  # "seized the chance to flee", "captured the imagination"
    if lemma in ("attack", "assault") and verb_on and all(
            o.lemma_.lower() in IDEA_NOUNS or o.lower_ in IDEA_NOUNS for o in verb_on):
        return True  # "the minister attacked the plan"
    if c.sense.type == "PROTEST" and _mourning(tok):
        return True  # "gathered to mourn the film-maker", "the funeral procession"
    if lemma == "demonstration" and tok.pos_ == "NOUN" and _display(tok):
        return True  # "a demonstration of the new drone", "flew in a demonstration at an expo"
    if lemma == "return" and tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ == "in":
        return True  # "in return for": in exchange, no one goes back
    if lemma == "fall" and tok.pos_ == "NOUN" and any(
            g.ent_type_ == "PERSON" or g.lemma_.lower() in RULERS for g in _prep_objects(tok, ("of",))):
        return True  # "the fall of Gaddafi", "the fall of the government": lost power, no town taken
    if lemma in ERAS and tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ in ERA_PREPS \
            and any(ch.dep_ == "det" and ch.lower_ == "the" for ch in tok.children) \
            and not any(ch.dep_ == "prep" for ch in tok.children):
        return True  # "before the war, she taught history": a time, no happening told
    if lemma == "fall" and (
            tok.pos_ == "NOUN" and any(ch.dep_ == "prep" and ch.lower_ == "in" for ch in tok.children)
            or tok.pos_ == "VERB" and any(ch.dep_ == "nsubj" and ch.lemma_.lower() in QUANTITIES
                                          for ch in tok.children)):
        return True  # "a fall in crude stocks", "the number of lorries has fallen": fewer, no town taken
    if lemma == "war" and tok.pos_ == "NOUN" and (
            any(ch.dep_ in ("compound", "amod") and ch.lemma_.lower() in NOT_ARMED_WARS for ch in tok.children)
            or any(g.lemma_.lower() == "word" for g in _prep_objects(tok, ("of",)))):
        return True  # "the trade war", "a price war", "a war of words"
    if lemma in ("strike", "hit") and tok.pos_ == "VERB" and any(
            ch.dep_ == "dobj" and ch.lemma_.lower() in TERRAIN for ch in tok.children):
        return True  # "the aircraft struck the ridge in thick cloud": a crash
    if lemma == "march" and tok.pos_ == "VERB" and any(
            ch.dep_ == "nsubj" and ch.lemma_.lower() in PARADERS for ch in tok.children):
        return True  # "soldiers and cadets marched behind the veterans": a parade
    if tok.pos_ == "NOUN" and accidental_blast(tok):
        return True  # "a gas explosion killed seven": an accident, no attack
    if c.sense.move and tok.pos_ == "VERB" and _to_care(tok):
        return True  # "the injured soldiers were flown to the infirmary": care, no movement
    if c.sense.type == "ASSAULT" and _rehearsed(tok):
        return True  # "marines stormed ashore as the annual exercise reached its climax"
    if tok.pos_ == "NOUN" and lemma in ("round", "up", "round-up", "roundup") and any(
            g.lemma_.lower() in DIGESTED for h in (tok, tok.head) for g in _prep_objects(h, ("of",))):
        return True  # "a round-up of the day's news": a digest, no one detained
    if lemma == "break" and len(c.match.tokens) > 1:
        # "broke into the warehouses" is a raid on premises; "broke into applause",
        # "break into the Asian market" are no looting
        broken = _prep_objects(tok, ("into",)) + [ch for ch in tok.children if ch.dep_ == "nsubjpass"]
        return not any(g.lemma_.lower() in PREMISES for g in broken)
    if lemma in ("defuse", "defusing") and any(
            ch.dep_ in ("dobj", "nsubjpass") and ch.lemma_.lower() in STANDOFFS for ch in tok.children):
        return True  # "the crisis was defused": calmed, no bomb made safe
    if lemma in FOUGHT and any(ch.dep_ in ("dobj", "nsubjpass") and ch.lemma_.lower() in NATURAL_CAUSES
                               and not _weapon_fire(ch) for ch in tok.children):
        return True  # "firefighters fought the blaze", "battling the floods"
    if tok.pos_ != "VERB":
        return False
    if lemma == "exchange" and any(ch.dep_ in ("dobj", "nsubjpass") and ch.lemma_.lower() in WORDS_SWAPPED
                                   for ch in tok.children):
        return True  # "exchanged views on Syria", "exchanged letters": talk, no one freed
    if lemma == "abuse" and any(ch.dep_ in ("dobj", "nsubjpass") and ch.lemma_.lower() in OFFICES_ABUSED
                                for ch in tok.children):
        return True  # "abusing his office", "abused their power": misconduct, no one hurt
    if lemma in ("capture", "catch", "record") and any(
            ch.dep_ == "prep" and ch.lower_ == "on" and any(
                g.lemma_.lower() in RECORDINGS for g in tok.doc[ch.i + 1:ch.i + 3])
            for ch in tok.children):
        return True  # "was captured on video insulting ...": recorded, no one seized
    if lemma == "take" and any(ch.dep_ == "prt" and ch.lower_ == "over" for ch in tok.children):
        # "took over from Smith as director", "took over the leadership": a person
        # succeeds another in a post, no ground changes hands
        return any((ch.dep_ == "prep" and ch.lower_ == "as")
                   or (ch.dep_ == "prep" and ch.lower_ == "from" and any(
                       g.dep_ == "pobj" and g.ent_type_ == "PERSON" for g in ch.children))
                   or (ch.dep_ == "dobj" and ch.lemma_.lower() in OFFICES)
                   for ch in tok.children)
    if lemma in CARRY_VERBS and c.sense.type in ("MOBILIZE", "RETREAT"):
        # "a bomb the smugglers were transferring blew up", "moved the weapons to a
        # depot": a thing carried, no people moving
        objs = list(objects)
        if tok.dep_ in ("relcl", "acl") and tok.head.pos_ == "NOUN":
            objs.append(tok.head)
        if not objs:
            # the parser may glue a reduced relative's noun to its subject ("a bomb
            # Taliban militants were transferring" read as one noun phrase)
            # or make the thing itself the subject ("a bomb the smugglers were carrying")
            subjects = [ch for ch in tok.children if ch.dep_ == "nsubj"]
            objs = [g for ch in subjects for g in [ch, *ch.children]
                    if (g is ch or (g.dep_ == "compound" and g.i < ch.i))
                    and g.lemma_.lower() in CARRIED_THINGS]
        # "sent armoured vehicles and troops": people among the things carried move
        objs += [g for o in objs for g in o.conjuncts if g.pos_ in ("NOUN", "PROPN", "PRON")]
        return bool(objs) and all(_a_thing(o) for o in objs)
    if c.sense.move and tok.pos_ == "VERB" and lemma not in CARRY_VERBS:
        # "more money leaves the province than arrives in it", "millions of dollars flowed out":
        # money or goods on the move, no people
        subjects = [ch for ch in tok.children if ch.dep_ in ("nsubj", "nsubjpass")]
        if subjects and all(_a_thing(o) and not any(w.lemma_.lower() in _VEHICLES
                                                     for w in o.subtree) for o in subjects):
            return True
    if lemma == "deploy" and c.sense.type == "MOBILIZE":
        # "groups have deployed drones", "the police deployed tear gas": a thing put to
        # use, no force moving (unless sent somewhere: "deployed missiles to Kaliningrad")
        objs = objects
        goes = any(ch.dep_ == "prep" and ch.lower_ in ("to", "into", "towards", "toward")
                   for ch in tok.children)
        if objs and not goes and all(o.lemma_.lower() in DEPLOYED_THINGS for o in objs):
            return True
    if lemma == "return" and c.sense.type in ("MOBILIZE", "RETREAT"):
        # "obliges the militia to hand the airbase back to the army", "returned the bodies",
        # "returned fire": something handed back or given in turn; no one goes back
        objs = [ch for ch in tok.children if ch.dep_ == "dobj"]
        return bool(objs) and all(o.lemma_.lower() in RETURNED_THINGS or o.ent_type_ in (
            "GPE", "LOC", "FAC") for o in objs)
    if lemma in ("clash", "spar", "feud") and (any(
            ch.dep_ == "prep" and ch.lower_ == "with" and any(
                g.dep_ == "pobj" and g.ent_type_ == "PERSON" and not any(
                    h.dep_ == "conj" for h in g.children) for g in ch.children)
            for ch in tok.children) or any(
            ch.dep_ == "nsubj" and ch.lemma_.lower() in POLITICIANS for ch in tok.children)):
        # "the senator clashed with Biden", "a Green Party MP clashed with
        # the president": one person or a politician argues, nobody fights
        return True
    if lemma == "rally" and any(ch.dep_ == "dobj" or (ch.dep_ == "prep" and ch.lower_ in (
            "behind", "around", "round")) or (ch.dep_ in ("ccomp", "xcomp") and any(
                g.dep_ == "nsubj" for g in ch.children)) for ch in tok.children):
        # "rallied young men to his cause", "rallied behind the president": won support,
        # nobody marched
        return True
    if lemma == "release":
        objs = list(objects)
        if tok.dep_ == "acl" and tok.head.pos_ == "NOUN":
            objs.append(tok.head)
        return any(o.lemma_.lower() in PUBLISHED for o in objs)
    if lemma == "demonstrate":
        return any(ch.dep_ in ("dobj", "ccomp") for ch in tok.children)
    # "stabbed Turkey in the back", "shot itself in the foot": a betrayal, a blunder
    body = FIGURATIVE_IN.get(lemma)
    if body is None or not any(ch.dep_ == "prep" and ch.lower_ == "in" and any(
            g.dep_ == "pobj" and g.lower_ == body for g in ch.children) for ch in tok.children):
        return False
    # a state, a party or oneself is stabbed in the back figuratively; a person literally
    return any(ch.dep_ == "dobj" and (ch.ent_type_ in ("GPE", "ORG", "NORP") or ch.lemma_.lower()
                                      in _BETRAYED) for ch in tok.children)


# a crowd that gathers or walks for a funeral, a burial or a prayer, with no grievance
# told (not a vigil, a commemoration or a celebration: ACLED codes many of those as
# demonstrations)
MOURNING_VERBS = {"mourn", "bury", "pray", "grieve", "farewell"}
MOURNING_NOUNS = {"funeral", "burial", "prayer", "prayers", "wake", "mourner", "mourners",
                  "wedding", "pilgrimage"}
_GRIEVANCE = {"against", "over", "protest", "demand", "condemn", "denounce", "call",
              "justice", "chant", "anger"}


def _posted(verb: Any) -> bool:
    """"About 900 troops are stationed in Syria", "the base where he was stationed",
    "has stationed ships in the Gulf": where forces are kept, a state, not a
    deployment ("2,000 troops were stationed along the border on Monday" stays)."""
    if verb.dep_ in ("relcl", "acl"):
        return True
    return any(a.dep_ in ("aux", "auxpass") and (a.lower_ in ("is", "are", "am", "'re", "'s")
                                                 or a.lemma_.lower() == "have")
               for a in verb.children)


def _mourning(tok: Any) -> bool:
    """A gathering or procession told as a funeral, a burial or a prayer:
    "gathered to mourn the film-maker", "the funeral procession", "the procession
    was due to march to the cemetery where he would be buried"; not when the sentence
    tells a grievance ("mourners chanted against the government")."""
    sent = tok.sent
    if any(t.lower_ in _GRIEVANCE or t.lemma_.lower() in _GRIEVANCE for t in sent):
        return False
    if any(c.lemma_.lower() in MOURNING_NOUNS for c in tok.children if c.dep_ in ("compound", "amod")):
        return True
    if any(c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in MOURNING_VERBS for c in tok.children):
        return True
    if tok.lemma_.lower() == "procession" or tok.dep_ == "dobj" and tok.head.lemma_.lower() == "attend":
        return any(t.lemma_.lower() in MOURNING_VERBS | MOURNING_NOUNS for t in sent if t.i != tok.i)
    return False


# who demonstrates: "a demonstration of thousands of workers"
_CROWD = {"people", "worker", "student", "supporter", "farmer", "teacher", "resident", "woman",
          "man", "citizen", "youth", "nurse", "doctor", "employee", "member", "activist",
          "villager", "trader", "driver", "miner", "voter", "mother", "family", "veteran"}
# what holds or makes weapons: "chemical weapons sites" are a target, not an attack
ARSENAL = {"capability", "capabilities", "facility", "site", "stockpile", "programme",
           "program", "arsenal", "production", "plant", "depot", "research", "factory",
           "laboratory", "lab", "storage", "infrastructure", "centre", "center", "expert",
           "inspector", "convention", "treaty", "ban", "watchdog"}
# where a thing is shown off, not where a crowd protests
SHOWS = {"forum", "show", "airshow", "expo", "exhibition", "fair", "conference", "summit",
         "trade", "festival", "ceremony", "parade", "launch", "event", "demonstration", "range",
         "showcase", "convention", "gala"}


def _display(noun: Any) -> bool:
    """"a demonstration of the new drone", "1,000 quadcopters in a demonstration at a
    business forum": a thing shown, not people protesting; nothing says who protests
    or about what."""
    preps = {ch.lower_: [g for g in ch.children if g.dep_ == "pobj"]
             for ch in noun.children if ch.dep_ == "prep"}
    if any(k in preps for k in ("against", "over", "for", "in")) and not preps.get("of"):
        return False  # "a demonstration against the war", "in support of ..."
    of = preps.get("of") or []
    if of and not any(t.lemma_.lower() in SELF_AGENT | _CROWD or t.ent_type_ in ("NORP", "PERSON")
                      for o in of for t in o.subtree):
        return True  # "a demonstration of the system" (not "of thousands of workers")
    at = preps.get("at") or []
    return any(o.lemma_.lower() in SHOWS or any(c.lemma_.lower() in SHOWS for c in o.children)
               for o in at)


# being kept in custody: told in the present tense, a state, not an arrest
_KEPT = {"detain", "imprison", "jail", "incarcerate", "intern"}


def _held_now(c: Candidate) -> bool:
    """"Her brother is detained at a prison in Hasakah", "both men are imprisoned in
    Hasakah": a present passive of detention with no time of its own tells where
    someone is held now, not an arrest (ACLED codes the arrest, when told)."""
    tok = c.tok
    if tok.lemma_.lower() not in _KEPT or tok.tag_ != "VBN":
        return False
    aux = [ch for ch in tok.children if ch.dep_ == "auxpass"]
    if not aux or aux[0].tag_ not in ("VBZ", "VBP") or any(
            ch.dep_ == "aux" for ch in tok.children):
        return False
    return not any(t.ent_type_ in _TIME_ENTS for t in tok.subtree)


# states something is left in: "left the building in ruins", "left Assad in power"
LEFT_IN = {"ruins", "rubble", "tatters", "limbo", "disarray", "shock", "power", "place",
           "charge", "control", "darkness", "doubt", "danger", "need", "despair", "pieces"}


def _resultative_leave(c: Candidate, cands: list[Candidate]) -> bool:
    """"The attack left 12 people dead", "policies have left America isolated", "the
    blast left the building in ruins", "the envoys were left to settle it": *leave*
    telling a result or a state, not a departure."""
    tok = c.tok
    if tok.lemma_.lower() != "leave" or tok.pos_ != "VERB":
        return False
    if any(ch.dep_ == "auxpass" for ch in tok.children) and not any(
            ch.dep_ == "agent" for ch in tok.children):
        return True  # "were left to agree the timetable", "was left behind": no one departs
    for ch in tok.children:
        if ch.dep_ == "oprd":
            return True
        if ch.dep_ in ("advcl", "xcomp", "acomp", "ccomp") and ch.tag_ in ("JJ", "VBN") and not any(
                g.dep_ in _SUBJ for g in ch.children):
            return True
        if ch.dep_ == "prep" and ch.lower_ == "in" and any(
                g.dep_ == "pobj" and g.lower_ in LEFT_IN for g in ch.children):
            return True
        if ch.dep_ == "nsubj" and any(o is not c and o.tok.i == ch.i for o in cands):
            return True  # "the attack left ...": an act's subject, no one departs
    return False


# what turns a chemical weapon from a thing into an attack: "used chemical weapons",
# "the use of chemical weapons", "a chemical weapons attack", "nerve agent killed"
WEAPON_USE = {"use", "deploy", "fire", "drop", "launch", "unleash", "employ", "attack", "strike",
              "hit", "kill", "injure", "wound", "gas", "poison", "bombard", "shell", "target",
              "atrocity", "massacre", "assault"}


def _weapon_unused(c: Candidate) -> bool:
    """A chemical weapon named as a thing, not as used ("a chemical weapons
    conference", "the removal of chemical weapons from Syria", "its chemical weapons
    programme"): no attack is told."""
    tok = c.tok
    if c.sense.cls != "chemical" or tok.lemma_.lower() not in ("weapon", "agent"):
        return False
    head = tok.head
    if tok.dep_ in ("compound", "amod", "nmod", "dobj", "nsubj", "nsubjpass", "conj") \
            and head.lemma_.lower() in WEAPON_USE:
        return False
    if tok.dep_ == "pobj" and head.lower_ in ("of", "with", "by") \
            and head.head.lemma_.lower() in WEAPON_USE:
        return False
    return not any(ch.lemma_.lower() in WEAPON_USE for ch in tok.children)


# what someone is doing for a cause, said of who they are: "their citizens fighting in
# Syria", "a British woman fighting alongside Kurdish forces ... has been killed"
ROLE_VERBS = {"fight", "battle", "serve", "volunteer", "operate", "engage"}


HELD_WORDS = {"hostage", "captive"}


def _on_whose_side(verb: Any) -> bool:
    """The verb's only complement says with whom: "alongside X", "on the side of X"."""
    sides = False
    for ch in verb.children:
        if ch.dep_ == "dobj":
            return False  # "fought Isis fighters alongside the SDF": a fight with someone
        if ch.dep_ == "prep" and (ch.lower_ == "alongside" or (ch.lower_ == "on" and any(
                g.dep_ == "pobj" and g.lower_ == "side" for g in ch.children))):
            sides = True
    return sides


# verbs by which a place changes hands, and the nouns of places they describe
HANDOVER_VERBS = {"vacate", "abandon", "evacuate", "capture", "seize", "liberate", "retake",
                  "recapture", "free", "overrun", "cede", "surrender", "take", "lose", "win"}
PLACE_NOUNS = {"territory", "area", "land", "town", "village", "city", "district", "region",
               "zone", "neighbourhood", "neighborhood", "position", "enclave", "pocket",
               "stronghold", "province", "countryside", "ground", "suburb", "quarter", "base"}


def _place_by_its_past(tok: Any) -> bool:
    """A passive participle naming a place by how it changed hands, inside a clause
    about something else: "moved into territory vacated by retreating militants",
    "returned to villages captured from the rebels".  (A headline's "Town captured
    by rebels" has no other clause: the participle is its news.)"""
    if tok.tag_ != "VBN" or tok.dep_ != "acl" or tok.lemma_.lower() not in HANDOVER_VERBS:
        return False
    head = tok.head
    if head.dep_ == "ROOT" or head.i > tok.i:
        return False
    return head.lemma_.lower() in PLACE_NOUNS or head.ent_type_ in ("GPE", "LOC", "FAC")


def names_an_arsenal(c: Any) -> bool:
    """A weapon phrase that modifies what holds or makes weapons ("struck chemical
    weapons facilities", "its chemical weapons programme"): a target or a topic, not
    the means of an attack (it must not lend its class to the attack it is merged into)."""
    if c.sense.cls != "chemical" or len(c.match.tokens) < 2:
        return False
    last = c.tok.doc[c.match.tokens[-1]]
    return last.dep_ in ("compound", "amod", "nmod") and last.head.lemma_.lower() in ARSENAL


def describes_someone(c: Candidate) -> bool:
    """Words that say who someone is, not that anything took place: a fighting verb in
    a participle clause on a noun ("citizens fighting in Syria", "advisers engaged
    in operations against the jihadists") or with only "alongside X" / "on the side of X"; a
    participle before its noun ("the attacking forces"); "their former hostages"; a place
    named by who took or left it ("territory vacated by the militants", "villages
    captured from the rebels in 2016").
    The happening, if any, is the sentence's own verb ("has been killed")."""
    tok = c.tok
    if tok.lemma_.lower() in HELD_WORDS and tok.pos_ == "NOUN":
        # "two former hostages, Marta Lind and Paul Okoro": who someone was
        return any(ch.dep_ == "poss" or (ch.dep_ == "amod" and ch.lower_ in ("former", "ex"))
                   for ch in tok.children)
    if tok.tag_ == "VBG" and tok.dep_ in ("amod", "compound") and tok.head.pos_ in ("NOUN", "PROPN") \
            and tok.head.i > tok.i:
        return True  # "the attacking forces", "the advancing troops"
    if any(_place_by_its_past(t) for t in [tok, tok.head, tok.head.head]):
        return True  # "moved into territory vacated by (retreating) militants"
    if tok.lemma_.lower() == "engage" and tok.pos_ == "VERB" and not any(
            c.dep_ == "dobj" for c in tok.children) and any(
            c.dep_ == "prep" and c.lower_ == "in" for c in tok.children):
        return True  # "advisers engaged in operations against the jihadists": taking part (the
        # fight, if told, is its own candidate); "troops engaged the militants" stays
    if tok.lemma_.lower() in ROLE_VERBS and tok.pos_ == "VERB" and _on_whose_side(tok):
        return True  # "had fought on the side of the junta": whose side they are on
    if tok.tag_ not in ("VBG", "VBN") or tok.lemma_.lower() not in ROLE_VERBS or tok.i == 0:
        return False
    if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
        return True  # "citizens fighting in Syria", "contingents engaged in the fight"
    if tok.tag_ != "VBG":
        return False
    # the parser may hang it on the verb: "prosecute their citizens fighting in Syria"
    before = tok.doc[tok.i - 1]
    return tok.dep_ == "advcl" and before.pos_ in ("NOUN", "PROPN") and before.dep_ in (
        "dobj", "pobj") and not any(ch.dep_ in _SUBJ for ch in tok.children)


def participle(tok: Any) -> bool:
    """"struck a vehicle, *killing* 12": a subjectless -ing clause of the act itself."""
    return (tok.tag_ == "VBG" and tok.dep_ in ("advcl", "xcomp", "conj")
            and not any(c.dep_ in _SUBJ for c in tok.children))


def _fold_same_act(cands: list[Candidate], own_actor: Callable[[Candidate, bool], bool],
                   place_within: Callable[[int, int], bool],
                   absorb: Callable[[Candidate, Candidate], None]) -> list[Candidate]:
    """Fold a second trigger of the same PLOVER type that adds nothing of its own.

    A bare noun (no actor, place or date of its own: "eliminate cells with *blitz and
    attacks*", "repelled an assault after hours of *fighting*", "a *charge* the group
    denied") or a subjectless participle clause under the act ("struck a vehicle,
    *killing* 12") names the same happening as the other trigger of its type in the
    sentence; it lends its words (weapon, mode) and roles to that event.
    """
    out = list(cands)
    for c in sorted(cands, key=lambda c: -_depth(c.tok)):
        if c not in out:
            continue
        part = c.tok.pos_ == "VERB" and participle(c.tok)
        bare = _is_noun(c) and not own_actor(c, False) and not attached(c.tok, place_within)
        if not (part or bare):
            continue
        same = [o for o in out if o is not c and o.sense.type == c.sense.type]
        if part:  # only an act of the participle's clause: its head or the head's subject
            anc = {a.i for a in c.tok.ancestors}
            head = c.tok.head
            # ... or an earlier act told under the same head ("accused Russia of
            # *shelling* a hospital, *killing* three": the clause hangs on "accused")
            same = [o for o in same if o.tok.i in anc or (
                o.tok.head.i == head.i and o.tok.dep_ in _SUBJ) or (
                o.tok.i < c.tok.i and head.i in {a.i for a in o.tok.ancestors})]
        if not same:
            continue
        host = min(same, key=lambda o: (o.tok.i not in {a.i for a in c.tok.ancestors},
                                        abs(o.tok.i - c.tok.i)))
        absorb(host, c)
        out.remove(c)
    return out


# operation nouns that are how an arrest was made ("arrested 15 in overnight raids")
MEANS_NOUNS = {"raid", "operation", "sweep", "crackdown", "search", "swoop"}


def _fold_means(cands: list[Candidate], own_actor: Callable[[Candidate, bool], bool]) -> list[Candidate]:
    """An operation noun with no actor of its own, in an *in/during* phrase of an
    arrest, is how the arrest was made: one happening (ACLED codes it as the arrest),
    which takes the operation's places and roles but keeps its own type."""
    out = list(cands)
    for c in cands:
        tok = c.tok
        prep = tok.head
        if (not _is_noun(c) or tok.lemma_.lower() not in MEANS_NOUNS or tok.dep_ != "pobj"
                or prep.lower_ not in ("in", "during") or own_actor(c, False)):
            continue
        host = next((o for o in out if o is not c and o.tok.i == prep.head.i
                     and o.sense.cls == "arrest"), None)
        if host is not None:
            host.merged.append(c.tok)
            out.remove(c)
    return out


def _bare_noun(c: Candidate, own_actor: Callable[[Candidate, bool], bool],
               place_within: Callable[[int, int], bool]) -> bool:
    """A single noun with no actor, place or date of its own, sitting in a
    prepositional phrase or as a modifier (not the subject or object of its clause)
    says only that something of the kind exists ("in connection with *the
    bombing*"): a reference back, not a report.  It is dropped only when another
    trigger governs it (``_inside_other``): "died of *torture*" is the
    sentence's own news."""
    if not _is_noun(c) or _slot(c.tok) in _CORE or _claimed(c.tok):
        return False
    return not own_actor(c, False) and not attached(c.tok, place_within)


def _slot(tok: Any) -> str:
    """The clause slot of a noun, looking through measure phrases: in "launched 10
    days *of war games*", "gave 5 million dollars *of aid*" the noun after *of* fills
    its head noun's slot."""
    for _ in range(4):
        prep = tok.head
        if not (tok.dep_ == "pobj" and prep.lower_ == "of" and prep.head.pos_ in ("NOUN", "NUM")):
            break
        tok = prep.head
    return tok.dep_


_CLAIM_NOUNS = {"responsibility", "blame", "credit"}


def _claimed(tok: Any) -> bool:
    """"claimed responsibility for *the bombing*": the claim reports the event (the
    claimant is its source and author), so the noun is the news itself."""
    prep = tok.head
    return (tok.dep_ == "pobj" and prep.lower_ == "for"
            and prep.head.lemma_.lower() in _CLAIM_NOUNS)


def _depth(tok: Any) -> int:
    d = 0
    while tok.head is not tok and tok.dep_ != "ROOT" and d < 50:
        tok = tok.head
        d += 1
    return d
