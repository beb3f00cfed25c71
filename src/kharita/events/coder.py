"""The event coder: one pass over each sentence's tokens, one Event per trigger.

Reads ``doc.text``, ``doc.places``, ``doc.actors`` (and ``doc.operations`` if the
actors stage sets it) and the spaCy parse; writes ``doc.events``.  For each sentence:

1. find triggers with the compiled lexicon (phrases first, then single lemmas),
   skipping words inside place names, named actors and operation names;
2. merge triggers that name one event ("killed in an airstrike", "repulsed their
   attack", "killed and wounded"): same PLOVER type, linked in the parse;
3. drop candidates that are no happening of their own (:mod:`.noise`: purpose
   clauses, topics of talks and demands, a second word for the same act, bare
   back-references and bare events), before any costly per-event work;
4. read roles from the parse (:mod:`.roles`), modality (:mod:`.modality`),
   attribution (:mod:`.attribution`), movement path (:mod:`.movements`), ACLED type
   (:mod:`.acled`); date, casualties and location come from the events-context
   helpers (:mod:`.dates`, :mod:`.numbers`, :mod:`.location`);
5. after all sentences, successive mentions of one actor's movement are chained into
   a single movement event (:func:`chain_movements`);
6. one happening told twice becomes one event: a headline and its body event
   (:func:`merge_headline`), two body events with the same actors, place, date, type
   and modality (:func:`merge_retold`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import logging
from dataclasses import dataclass, field, replace
from typing import Any

from kharita.events import acled, noise
from kharita.events.arrays import tree_arrays, word_arrays
from kharita.events.attribution import attribution
from kharita.events.chains import chain_movements, distinct
from kharita.events.lexicon import Lexicon, Match, Sense
from kharita.events.modality import PLAN as PLAN_WORDS
from kharita.events.modality import modality
from kharita.events.movements import HEADINGS, SITE_NOUNS, PlaceIndex, materialize, movement_path
from kharita.events.readings import (
    DEMANDS,
    ENVOYS,
    MILITARY_RESTRICTIONS,
    called_protest,
    formal_complaint,
    intent,
    retype,
    sent_what,
    state_actor1,
    subordinate,
    threatened_act,
)
from kharita.events.readings import MODALITY_WEIGHT as _MODALITY_WEIGHT
from kharita.events.retold import (
    COUNTRY,
    antecedent,
    claimant_is_doer,
    claimed,
    fineness,
    goes_on,
    merge_headline,
    merge_retold,
    named_target,
    points_back,
    take_place,
)
from kharita.events.roles import (
    ARMED_SECTORS,
    KIN_NOUNS,
    PUTTING,
    ActorIndex,
    Args,
    actor_of,
    aimed_at,
    arguments,
    asked_of,
    is_armed,
    is_civilian,
    is_state,
    measure_of,
    remember_text,
    resolve_role,
    sides_between,
    under_verb,
)
from kharita.model import Document, Event, EventActor, Place, Span
from kharita.speech import STANCE, quotation_at, quote_speaker

log = logging.getLogger(__name__)

# which class a merged event keeps; killing outranks the abduction before it
# ("kidnapped and killed" is an attack, ACLED's convention)
_CLS_RANK = {"chemical": 6, "suicide": 6, "air": 5, "shelling": 5, "grenade": 5,
             "explosion": 4, "capture": 3, "sexual": 3, "clash": 2, "violence": 1, "abduct": 0}
PROTEST_FORCE = {"kill", "shoot", "fire", "wound", "injure", "ammunition", "live"}
PROTEST_INTERVENE = {"disperse", "teargas", "tear", "baton", "cannon", "arrest", "detain",
                     "beat", "break", "clear", "charge", "crack"}
# Words that make a munition a crowd-control one: "stun grenades", "rubber bullets",
# "tear gas shells", "sound bombs".  Such a munition is no weapon of remote violence
# (ACLED's grenade and shelling attacks are lethal); fired at a crowd it is force
# short of killing, ACLED's intervention.
LESS_LETHAL = {"stun", "rubber", "rubber-coated", "plastic", "sound", "smoke", "pepper", "flash",
               "paint", "beanbag", "teargas"}
# the munitions they name ("plastic explosives" and "mustard gas shells" stay weapons)
_CROWD_MUNITIONS = {"grenade", "bullet", "round", "shell", "canister", "bomb", "pellet", "ball",
                    "cartridge", "projectile"}
# verbs of going that, *on* a place, tell an advance to take it
_ADVANCING = {"march", "move", "advance", "push", "close", "converge", "descend", "press"}


def _chemical_targets(sent: Any, lex: Any) -> bool:
    """Every chemical word of the sentence names sites or stocks ("chemical weapons
    facilities", "its chemical capabilities"), never the weapon used."""
    cues = dict(lex.weapon_cues).get("chemical") or set()
    found = [t for t in sent if t.lower_ in cues or t.lemma_.lower() in cues]
    if not found:
        return False
    for t in found:
        head = t
        for _ in range(3):  # up through "chemical" -> "weapons" -> "capabilities"
            if head.dep_ not in ("amod", "compound", "nmod") or head.head.i == head.i:
                break
            head = head.head
        if head.lemma_.lower() not in noise.ARSENAL and head.lower_ not in noise.ARSENAL:
            return False
    return True


# words for people taken together: what a capture of them takes is people, not ground
_PEOPLE_TOGETHER = {"pair", "couple", "duo", "trio", "family", "brother", "sister", "sibling",
                    "twin", "relative", "husband", "wife", "son", "daughter"}


@dataclass
class Cand:
    """A trigger being turned into an event."""

    match: Match
    sense: Sense
    tok: Any
    sent_i: int
    merged: list[Any] = field(default_factory=list)
    capture_tok: Any = None  # the capture word when a capture trigger was merged in
    args: Args | None = None  # the trigger's own roles, read once


def _no_self_target(ev: Event) -> None:
    """A side is not its own target: "Turkey said it would hit back at the troops"
    with both sides read as Turkey's forces keeps only the doer (a mutiny or an
    intra-group clash names its splinter, a different actor).  Unnamed actors of one
    kind ("Civilians (Mali)") can be on both sides: "villagers beat a woman"."""
    from kharita.actors.kb import load_kb

    kb = load_kb()
    doers = {a.actor_id for a in ev.actors if a.role == "actor1" and a.actor_id
             and kb.generic_kind(a.actor_id) is None}
    if doers:
        ev.actors = [a for a in ev.actors if not (a.role == "actor2" and a.actor_id in doers)]


class Coder:
    """Codes one document; holds the per-document indexes."""

    def __init__(self, doc: Document, sdoc: Any, lex: Lexicon) -> None:
        self.doc, self.sdoc, self.lex = doc, sdoc, lex
        remember_text(sdoc, doc.text)
        self.actors = ActorIndex(doc)
        self.places = PlaceIndex(doc)
        self.blocked = _blocked_spans(doc)
        self.para_starts = _paragraph_starts(doc.text)
        self.events: list[Event] = []
        self.sent_of: dict[str, int] = {}
        self._told: list[tuple[Event, str]] = []  # events so far, with their trigger lemmas
        self.prev_subject: EventActor | None = None
        self._violent_lemmas: set[str] = set()  # trigger lemmas already coded in ACLED's scope
        self._doc_weapon: str | None = None  # what a bare "strike" is here (_strike_weapon)
        self._claimant_memo: list[EventActor | None] | None = None  # (_doc_claimant)
        self._rivals: list[Any] = []
        self.prev_para = -1
        self._words_key = -1
        self._actor_memo: dict[int, bool] = {}
        self._lex_toks: list[int] | None = None
        self._modality_memo: dict[tuple[int, int | None], str] = {}
        self._words_val: tuple[set[str], set[str]] = (set(), set())
        self._crime_story = False  # an earlier arrest was for ordinary crime (_ordinary_crime)

    # ------------------------------------------------------------------ driver
    def run(self) -> list[Event]:
        for si, sent in enumerate(self.sdoc.sents):
            para = bisect.bisect_right(self.para_starts, sent.start_char)
            if para != self.prev_para:
                self.prev_subject = None if para > self.prev_para + 1 else self.prev_subject
                self.prev_para = para
            try:
                cands = self._prune(self._merge(self._triggers(sent, si)))
            except Exception as exc:  # an odd sentence must not lose the rest
                log.debug("triggers failed in sentence %d: %s", si, exc, exc_info=True)
                self.doc.warnings.append(f"events: sentence {si} skipped: {exc}")
                continue
            counted = [c.tok for c in cands if c.sense.type in _COUNTED]
            # two violent events told in clauses of their own share out the counts
            self._rivals = counted if len(counted) > 1 and any(_own_clause(t) for t in counted) else []
            made: list[tuple[Event, Any]] = []
            for cand in cands:
                try:
                    ev = self._event(cand, sent)
                except Exception as exc:  # one odd parse must not lose the document
                    log.debug("event failed at %s: %s", cand.tok.idx, exc, exc_info=True)
                    continue
                if ev is not None:
                    made.append((ev, cand.tok))
            toks = [t for _, t in made]
            for ev, tok in made:
                before = ev.type
                intent(ev, tok, toks)
                if ev.type == "REQUEST" and before != "REQUEST":
                    self._speaker_asks(ev)
                subordinate(ev, tok, toks)
                _no_self_target(ev)
                self.events.append(ev)
                self._told.append((ev, tok.lemma_.lower()))
                self.sent_of[ev.id] = si
            if sent.root.lemma_.lower() in STANCE:
                # a sentence of speech ("The UK government said ...") breaks the chain
                # of who acts: neither its speaker nor an earlier doer is carried on
                self.prev_subject = None
            else:
                self.prev_subject = self._sentence_subject(sent) or self.prev_subject
        events = merge_retold(merge_headline(chain_movements(self.events, self.sent_of), self.doc))
        for ev in events:
            _moved_by_another(ev)
        return events

    def _lexicon_tokens(self) -> list[int]:
        """Indexes of the tokens whose lemma or lower-case form is a lexicon word (most
        words are no trigger).  Read from the parse's hash arrays in one pass; the
        word tests are memoised per string hash on the lexicon, across documents."""
        if self._lex_toks is None:
            from spacy.attrs import LEMMA, LOWER

            known = self.lex.known_words
            memo = self.lex.__dict__.setdefault("_known_hashes", ({}, {}))
            by_lemma, by_lower = memo
            strings = self.sdoc.vocab.strings
            out = []
            for i, (lem, low) in enumerate(self.sdoc.to_array([LEMMA, LOWER]).tolist()):
                hit = by_lemma.get(lem)
                if hit is None:
                    word = strings[lem]
                    hit = by_lemma[lem] = bool(word) and (word.lower() in known
                                                          or word.lower() in _RULE_TRIGGERS)
                if not hit:
                    hit = by_lower.get(low)
                    if hit is None:
                        hit = by_lower[low] = strings[low] in known
                if hit:
                    out.append(i)
            self._lex_toks = out
        return self._lex_toks

    def _triggers(self, sent: Any, si: int) -> list[Cand]:
        out: list[Cand] = []
        used: set[int] = set()
        ids = self._lexicon_tokens()
        sdoc = self.sdoc
        for k in range(bisect.bisect_left(ids, sent.start), bisect.bisect_left(ids, sent.end)):
            tok = sdoc[ids[k]]
            if tok.i in used or tok.is_punct:
                continue
            if not tok.is_alpha and "-" not in tok.text:
                continue
            if tok.dep_ == "amod" and tok.pos_ in ("VERB", "ADJ"):
                continue  # "alleged bombers", "wounded soldiers": a description, not an event
            if tok.pos_ == "NOUN" and (tok.ent_type_ in ("DATE", "TIME") or (
                    tok.lower_ == "fall" and (tok.dep_ == "npadvmod" or any(
                        c.lower_ in _SEASON_MARKS for c in tok.children)))):
                continue  # "paid this fall", "last fall": a season, not a city's fall
            if (tok.pos_ == "NOUN" and tok.lemma_.lower() in _HELD_STATES and tok.dep_ == "pobj"
                    and tok.head.lower_ in ("in", "from", "under", "out")
                    and tok.head.head.lemma_.lower() not in PUTTING):
                continue  # "women in detention", "released from custody": a state, not an arrest
            m = (self._drove_out(tok) or self._sit_in(tok) or self.lex.match(tok) or self._took_place(tok)
                 or self._gathered_to_protest(tok)
                 or self._under_fire(tok) or self._ordered_to(tok) or self._ordered_out(tok)
                 or self._carried(tok) or self._rolled(tok) or self._taken_by_armed(tok)
                 or self._landed(tok))
            if m is None or self._blocked(tok):
                continue
            if tok.dep_ == "compound" and len(m.tokens) == 1 and m.sense.cls not in _CLS_RANK:
                continue  # a modifier: "supply routes", "peace movement" (weapons still count)
            if tok.dep_ == "compound" and tok.head.lemma_.lower() in _PICTURES:
                continue  # what a film shows or a drill rehearses: "execution videos"
            if (tok.pos_ == "VERB" and len(m.tokens) == 1
                    and any(c.dep_ == "prt" for c in tok.children)
                    and m.sense.words[0] in ("hand", "give", "blow", "set", "pull", "take")):
                continue  # a particle verb whose own sense differs ("give up", "set up")
            used.update(m.tokens)
            out.append(Cand(m, m.sense, tok, si))
        return out

    def _took_place(self, tok: Any) -> Match | None:
        """"The rebels took the town of Minova", "took Bakhmut": *take* with a place as
        its direct object is a capture (the lexicon's *take* is a light verb)."""
        if tok.lemma_.lower() != "take" or tok.pos_ != "VERB":
            return None
        capture = self.lex.verbs.get("capture")
        if capture is None:
            return None
        for obj in tok.children:
            if obj.dep_ != "dobj":
                continue
            if obj.lemma_.lower() in _TAKEN_PLACES or self.places.named(obj):
                return Match(capture, tok.i, (tok.i,))
        return None

    def _sit_in(self, tok: Any) -> Match | None:
        """"Students occupied a dozen faculties", "protesters occupied the parliament
        building", "striking workers occupied the factory": unarmed people occupying a
        building or a public place stage a sit-in, a demonstration (the lexicon's
        *occupy* is an armed group taking ground: "rebels occupied the town hall")."""
        if tok.lemma_.lower() != "occupy" or tok.pos_ != "VERB":
            return None
        subjects = _subject_heads(tok)
        if not subjects or any(self._armed_word(h) or self._official(h) for h in subjects):
            return None
        if not (_crowd_subject(tok) or any(h.lemma_.lower() in _PROTESTERS for h in subjects)):
            return None
        if not any(c.dep_ == "dobj" and c.lemma_.lower() in _SIT_IN_SITES for c in tok.children):
            return None
        protest = self.lex.verbs.get("demonstrate")
        return Match(protest, tok.i, (tok.i,)) if protest is not None else None

    def _drove_out(self, tok: Any) -> Match | None:
        """"Kurdish fighters drove the militants out of the town": armed men driven,
        chased, pushed or forced out of somewhere are routed (a battle, with them as the
        losing side); people driven out of their villages are expelled ("forced out of
        office" is neither)."""
        if tok.lemma_.lower() not in _DRIVE_OUT or tok.pos_ != "VERB":
            return None
        outs = [c for c in tok.children if c.lower_ == "out" and c.dep_ in ("prep", "prt", "advmod")]
        driven = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        if not outs or not driven:
            return None
        whence = [g for o in outs for p in (o, *o.children) for g in p.children if g.dep_ == "pobj"]
        if any(g.lemma_.lower() in _OUT_OF_IDIOMS for g in whence):
            return None
        doers = [c for c in tok.children if c.dep_ == "nsubj"]
        if any(d.lemma_.lower() in noise.NATURAL_CAUSES for d in doers):
            return None  # "rains forced thousands out of their homes": no one did it
        if any(self._armed_word(d) for d in driven):
            if any(g.lemma_.lower() in ("country", "territory") for g in whence) or any(
                    self._official(d) or d.lemma_.lower() in ("junta", "ruler") for d in doers):
                return None  # "the junta pushed French troops out": a host's decision
            sense = self.lex.verbs.get("rout")
        elif any(self._person(d) for d in driven):
            sense = self.lex.verbs.get("expel")
        else:
            return None
        return Match(sense, tok.i, (tok.i,)) if sense is not None else None

    def _ordered_to(self, tok: Any) -> Match | None:
        """"Washington ordered 3,000 troops to Poland", "the army rushed reinforcements
        to the town": armed people ordered or rushed to a place are deployed there.
        ("ordered troops to withdraw" is the withdrawal's own trigger.)"""
        if tok.lemma_.lower() not in _SENT_OFF or tok.pos_ != "VERB":
            return None
        armed = self._armed_object(tok)
        # the path may hang on the verb or on what is sent ("ordered a squadron and
        # two destroyers to the region")
        sent = [t for c in tok.children if c.dep_ == "dobj"
                for t in (c, *[g for g in c.children if g.dep_ == "conj"])]
        goes = any(c.dep_ in ("prep", "dative") and c.lower_ in _PATH_PREPS - {"from"}
                   and any(g.dep_ == "pobj" and (self.places.named(g)
                                                 or g.lemma_.lower() in _FRONTS)
                           for g in c.children)
                   for h in (tok, *sent) for c in h.children)
        sense = self.lex.verbs.get("deploy")
        return Match(sense, tok.i, (tok.i,)) if armed and goes and sense is not None else None

    def _armed_object(self, tok: Any) -> bool:
        """The verb's object is armed people or what carries them ("troops",
        "reinforcements", "warships")."""
        return any(c.dep_ == "dobj" and (self._armed_word(c) or c.lemma_.lower() in _DEPLOYABLE)
                   for c in tok.children)

    def _ordered_out(self, tok: Any) -> Match | None:
        """"ordered all US troops out of Afghanistan", "determined to take its troops
        out of Syria": armed people ordered, taken or brought out of a place are
        withdrawn from it."""
        if tok.lemma_.lower() not in _SENT_OUT or tok.pos_ != "VERB":
            return None
        armed = self._armed_object(tok)
        out = any(c.lower_ == "out" and c.dep_ in ("prep", "prt", "advmod") and any(
                      o.dep_ == "prep" and o.lower_ == "of" and any(
                          g.dep_ == "pobj" and self.places.named(g)
                          for g in o.children) for o in c.children)
                  for c in tok.children)
        sense = self.lex.verbs.get("withdraw")
        return Match(sense, tok.i, (tok.i,)) if armed and out and sense is not None else None

    def _carried(self, tok: Any) -> Match | None:
        """"were brought from Kamiti prison to Nairobi", "our bus took eleven people to
        Zaporizhzhia", "drove his family to Hasakah": people brought, taken, driven or
        carried from or to a named place are moved there (not goods: "brought aid to
        Gaza"; not an idiom without a place: "taken to hospital", "brought to justice")."""
        if tok.lemma_.lower() not in _CARRY or tok.pos_ != "VERB":
            return None
        movers = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        people = [t for c in movers for t in (c, *c.children)
                  if t is c or t.dep_ in ("conj", "nsubj", "appos")]  # "he and his co-accused"
        if not any(self._person(t) for t in people):
            return None
        heads = [tok, *movers, *(c for c in tok.children
                                  if c.dep_ == "advmod" and c.lower_ in ("back", "home"))]
        # "took him from his home", "drove the group from Tikrit": an abduction, a rout;
        # taken or driven somewhere, people are moved
        preps = _PATH_PREPS - {"from"} if tok.lemma_.lower() in ("take", "drive") else _PATH_PREPS
        # "carried the fighters out of Douma": the place hangs on the "of" of "out"
        # (people driven out of somewhere are expelled or routed: _drove_out)
        outs = [o for h in heads for c in h.children if c.lower_ == "out" and c.dep_ in (
            "prep", "prt", "advmod") for o in c.children if o.dep_ == "prep" and o.lower_ == "of"
                ] if tok.lemma_.lower() != "drive" else []
        goes = any((c.dep_ == "prep" and c.lower_ in preps or c in outs)
                   and any(g.dep_ == "pobj" and (g.pos_ == "PROPN" or self.places.within(
                       g.left_edge.idx, g.right_edge.idx + len(g.right_edge)))
                           for g in c.children)  # "to a cousin's house in Hasakah"
                   for c in [*(c for h in heads for c in h.children), *outs])
        sense = self.lex.verbs.get("move")
        return Match(sense, tok.i, (tok.i,)) if goes and sense is not None else None

    def _rolled(self, tok: Any) -> Match | None:
        """"Tanks rolled into the town", "a column of armoured vehicles drove south
        towards the port": armed men's vehicles driving somewhere named are their
        movement (the people driving to work are not: the subject must be armed)."""
        if tok.lemma_.lower() not in _ROLL or tok.pos_ != "VERB" or any(
                c.dep_ == "dobj" for c in tok.children):
            return None
        # aid lorries roll into towns too: vehicles count when their words say armed
        if not any(self._armed_word(h) or (h.lemma_.lower() in _ARMED_VEHICLES and any(
                m.lower_ in _MILITARY_MODS or self._armed_word(m)
                for m in h.children if m.dep_ in ("amod", "compound", "nmod", "poss")))
                   for h in _subject_heads(tok)):
            return None
        heads = [tok, *(c for c in tok.children if c.dep_ == "advmod" and c.lower_ in HEADINGS)]
        goes = any(c.dep_ == "prep" and c.lower_ in _PATH_PREPS | {"through", "across"}
                   and any(g.dep_ == "pobj" for g in c.children)
                   for h in heads for c in h.children)
        sense = self.lex.verbs.get("move")
        return Match(sense, tok.i, (tok.i,)) if goes and sense is not None else None

    def _landed(self, tok: Any) -> Match | None:
        """"A plane carrying 150 peacekeepers landed in Bangui", "she landed at
        Heathrow with her children": an aircraft or people landing at a named place
        arrive there (not "landed a job", "the ball landed in the net")."""
        if tok.lemma_.lower() != "land" or tok.pos_ != "VERB" or any(
                c.dep_ == "dobj" for c in tok.children):
            return None
        subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not any(c.lemma_.lower() in _AIRCRAFT or self._person(c) for c in subj):
            return None
        at = any(c.dep_ == "prep" and c.lower_ in ("in", "at") and any(
            g.dep_ == "pobj" and self.places.named(g) for g in c.children)
                 for c in tok.children)
        sense = self.lex.verbs.get("arrive")
        return Match(sense, tok.i, (tok.i,)) if at and sense is not None else None

    def _taken_by_armed(self, tok: Any) -> Match | None:
        """"Militiamen took the two nurses into the forest", "two teachers were taken
        from their school by armed men", "aid workers were held by gunmen": people
        taken or held by armed men, and brought nowhere named (that is _carried),
        are abducted.  Police and soldiers taking someone away is an arrest or a
        disappearance the models judge by the words around; here only armed men
        who are no state's: gunmen, militiamen, "armed men", a group's fighters."""
        lemma = tok.lemma_.lower()
        if lemma not in _TAKEN or tok.pos_ != "VERB":
            return None
        passive = any(c.dep_ == "auxpass" for c in tok.children)
        if lemma == "hold" and not passive:
            return None  # "held talks", "held a rally"
        taken = [c for c in tok.children if c.dep_ == ("nsubjpass" if passive else "dobj")]
        doers = ([g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
                 if passive else [c for c in tok.children if c.dep_ == "nsubj"])
        if not doers and not passive and tok.dep_ == "conj":  # "stopped the car and took them"
            doers = [c for c in tok.head.children if c.dep_ == "nsubj"]
        if not taken or not doers or any(self._armed_word(t) for t in taken):
            return None
        if not any(self._person(t) for t in taken) or not any(self._irregular(d) for d in doers):
            return None
        sense = self.lex.verbs.get("abduct")
        return Match(sense, tok.i, (tok.i,)) if sense is not None else None

    def _irregular(self, tok: Any) -> bool:
        """Armed men of no state: a rebel or militia actor, or words for gunmen."""
        mention = self.actors.at(tok.idx, tok.idx + len(tok))
        if mention is not None and mention.sector:
            return mention.sector in ("REB", "UAF")
        low = tok.lemma_.lower()
        return self.lex.sector_of(tok) == "REB" or (low in ("man", "people", "group") and any(
            c.dep_ == "amod" and c.lower_ in ("armed", "masked", "unidentified") for c in tok.children))

    def _person(self, tok: Any) -> bool:
        """People (not goods): a pronoun for people, a person or armed word, an actor."""
        if tok.pos_ == "PRON":
            return tok.lower_ in ("him", "her", "them", "he", "she", "they", "us", "we", "i", "me")
        mention = self.actors.at(tok.idx, tok.idx + len(tok))
        return mention is not None or self.lex.sector_of(tok) is not None or self._armed_word(tok)

    def _under_fire(self, tok: Any) -> Match | None:
        """"the convoy came under fire near the bridge", "the patrol was under fire": gunfire
        at the subject.  Said of a minister or a policy it is criticism ("came under
        fire for his remarks", "from critics"), so it counts only when the subject or
        the shooter is armed (a force, a post, a convoy) and no "for"/"over" says why."""
        if tok.lemma_.lower() != "fire" or tok.pos_ != "NOUN":
            return None
        verb = under_verb(tok)
        if verb is None or any(c.dep_ == "prep" and c.lower_ in ("for", "over", "after")
                               for h in (verb, tok) for c in h.children):
            return None
        shooters = [t for h in (tok, verb) for c in h.children
                    if c.dep_ == "prep" and c.lower_ == "from" for t in c.children if t.dep_ == "pobj"]
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        armed = any(self._armed_word(t) for t in shooters + subjects)
        if not armed or any(not self._armed_word(t) for t in shooters):
            return None
        sense = self.lex.nouns.get("gunfire")
        return Match(sense, tok.i, (tok.i,)) if sense is not None else None

    def _foretold(self, tok: Any, actors: list[EventActor]) -> bool:
        """A forecast, not a plan: a future act of a named party told inside a quotation
        by someone who is not that party ("'As soon as the US leaves, Turkey will begin
        an air bombardment,' said a former US official").  Only the party itself can
        announce its plan; an explicit plan word ("plans to", "ordered", "vowed") or a
        first-person doer ("we will") keeps it a plan."""
        if any(a.lemma_.lower() in PLAN_WORDS for a in tok.ancestors) or tok.lemma_.lower() in PLAN_WORDS:
            return False
        doer = next((a for a in actors if a.role == "actor1"), None)
        if doer is None or doer.text.lower() in _FIRST_PERSON:
            return False
        quote = quotation_at(self.doc.text, tok.idx)
        if quote is None:
            return False
        span = quote_speaker(self.doc.text, quote)
        if span is None:
            return False
        from kharita.actors.kb import load_kb

        said = self.actors.within(span[0], span[1])
        if not said:
            # a name with no group is an onlooker; a pronoun nobody resolved may be the
            # party's own spokesman
            return self.doc.text[span[0]:span[1]].lower() not in ("he", "she", "they", "it")
        kb = load_kb()
        for speaker in said:  # the speaker or the description of the speaker
            if doer.actor_id and speaker.actor_id and kb.same_as(doer.actor_id) == kb.same_as(speaker.actor_id):
                return False
            if doer.country and speaker.country == doer.country and speaker.sector in ("GOV", "MIL"):
                return False
        return True

    def _advocated(self, tok: Any, actors: list[EventActor]) -> bool:
        """An act with no doer of its own that a commentator calls for ("the columnist
        calls for arming the rebels and bombing the bases", "critics urged striking
        the depots"): advocacy, not anyone's plan.  A state, an armed group or an
        unresolved pronoun calling for it may be the party itself, and stays a plan."""
        caller = next((a for a in tok.ancestors if a.pos_ == "VERB"
                       and a.lemma_.lower() in _ADVOCATE), None)
        if caller is None:
            return False
        subj = next((c for c in caller.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.pos_ == "PRON":
            return False
        span = subj.doc[subj.left_edge.i:subj.right_edge.i + 1]
        if any(a.role == "actor1" and not (span.start_char <= a.start and a.end <= span.end_char)
               for a in actors):
            return False  # a doer of its own ("urged the army to strike"): a demand of it
        if any(a.sector in _PARTY_SECTORS for a in self.actors.within(span.start_char, span.end_char)):
            return False
        # a name no party answers to (a writer, a campaign group) or a commentator's title
        return subj.pos_ == "PROPN" or subj.lemma_.lower() in _COMMENTATORS

    def _armed_word(self, tok: Any) -> bool:
        """An armed party or a military object: a resolved armed actor, or a word such
        as "troops", "convoy", "checkpoint", "tank"."""
        mention = self.actors.at(tok.idx, tok.idx + len(tok))
        if mention is not None and mention.sector in ("MIL", "REB", "UAF", "COP", "SPY"):
            return True
        return tok.lemma_.lower() in _ARMED_WORDS or self.lex.sector_of(tok) in ("MIL", "REB", "UAF", "COP")

    def _gathered_to_protest(self, tok: Any) -> Match | None:
        """"Dozens of residents gathered in the main square to condemn the killing": a
        crowd that gathers to condemn, demand or denounce is a demonstration."""
        if tok.pos_ != "VERB":
            return None
        lemma = tok.lemma_.lower()
        protest = self.lex.verbs.get("demonstrate")
        if protest is None:
            return None
        if _crowd_shows_a_cause(tok):
            return Match(protest, tok.i, (tok.i,))
        if lemma in _MASSING and self._armed_massing(tok):
            deploy = self.lex.verbs.get("deploy")
            return Match(deploy, tok.i, (tok.i,)) if deploy is not None else None
        if lemma not in _GATHER or lemma in _STANDING and not _crowd_subject(tok):
            return None
        for c in tok.children:
            if c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in _PROTEST_PURPOSES:
                return Match(protest, tok.i, (tok.i,))
            if c.dep_ not in ("nsubj", "nsubjpass") and _shows_a_cause(c):
                # "gathered outside the court chanting slogans", "... holding placards"
                return Match(protest, tok.i, (tok.i,))
            if c.dep_ == "prep" and c.lower_ == "in" and any(
                    g.dep_ == "pobj" and g.lemma_.lower() in ("protest", "solidarity")
                    for g in c.children):
                return Match(protest, tok.i, (tok.i,))  # "gathered in protest"
        if _before_a_seat(tok) and not any(
                c.dep_ == "nsubj" and (self._armed_word(c) or self._official(c))
                for c in tok.children):
            return Match(protest, tok.i, (tok.i,))  # "crowds gathered outside parliament"
        if lemma not in _STANDING and self._protest_told() and self._gathers_somewhere(tok) and (
                _crowd_subject(tok) or _gathering_again(tok)) and not _gathered_for_else(tok):
            # in a report of protests, "in Leipzig, 1,500 people gathered on the main
            # square" and "they would gather again outside the court" tell more of them
            return Match(protest, tok.i, (tok.i,))
        return None

    def _gathers_somewhere(self, verb: Any) -> bool:
        """The gathering is told with a public place where it happens: a named place,
        a square, street, park or gate, a seat of power ("gathered on Augustusplatz",
        "at the park gates"); not "around the radio", "in the desert"."""
        return any(c.dep_ == "prep" and c.lower_ in _AT_SEAT | {"on", "along"}
                   and any(g.dep_ == "pobj" and (g.lemma_.lower() in _PUBLIC_SPOTS | _SEATS
                                                 or self.places.named(g))
                           for g in c.children) for c in verb.children)

    def _protest_told(self) -> bool:
        """An earlier sentence of the document told a protest."""
        return any(e.type == "PROTEST" for e in self.events)

    def _official(self, tok: Any) -> bool:
        """Office holders: ministers meeting at a palace are no crowd."""
        mention = self.actors.at(tok.idx, tok.idx + len(tok))
        sector = mention.sector if mention is not None else self.lex.sector_of(tok)
        return sector in ("GOV", "LEG", "JUD", "IGO") or tok.lemma_.lower() in _OFFICE_HOLDERS or (
            tok.lower_.removesuffix("s") in _OFFICE_HOLDERS)  # "Journalists" opening a sentence

    def _armed_massing(self, tok: Any) -> bool:
        """"Fighters gathered near the village", "columns of armoured vehicles
        assembled at the junction": armed people or their vehicles coming together are
        a deployment (the lexicon's *mass*, *amass*), not a crowd."""
        if any(c.dep_ == "dobj" for c in tok.children):
            return False  # "the militants gathered the men in the yard": not themselves
        return any(self._armed_word(h) or h.lemma_.lower() in _ARMED_VEHICLES
                   for h in _subject_heads(tok))

    def _blocked(self, tok: Any) -> bool:
        s, e = tok.idx, tok.idx + len(tok)
        i = bisect.bisect_right(self.blocked, (s, 10**12)) - 1
        for j in range(max(0, i - 2), min(len(self.blocked), i + 2)):
            bs, be = self.blocked[j]
            if bs < e and be > s:
                return True
        return False

    # ------------------------------------------------------------------ merging
    def _merge(self, cands: list[Cand]) -> list[Cand]:
        """Fold triggers that name the same event into the one highest in the tree;
        then drop weapon nouns left on their own ("the discovery of rockets")."""
        # "a woman fighting alongside Kurdish forces ... has been killed": the fighting
        # says who she is; merged into the killing it would make her its doer
        alive = self._fold([c for c in cands if not noise.describes_someone(c)
                            and not noise.names_an_arsenal(c)])
        return [c for c in alive if not (
            c.tok.pos_ == "NOUN" and not c.merged and c.tok.lemma_.lower() in _WEAPON_WORDS
            and len(c.match.tokens) == 1 and c.tok.dep_ not in ("nsubj", "nsubjpass"))]

    def _fold(self, cands: list[Cand]) -> list[Cand]:
        alive = list(cands)
        # "seized the initiative and retook the town": a capture that is a figure folds
        # nothing into it (its words are read once; its class may change by folding)
        chances = {id(c) for c in alive if noise.seized_a_chance(c.tok)}
        changed = True
        while changed:
            changed = False
            for a in alive:
                for b in alive:
                    if a is b or a.sense.type != b.sense.type or _own_clause(b.tok):
                        continue
                    if any(c.sense.cls == "capture" and id(c) in chances for c in (a, b)):
                        continue
                    if _depth(a.tok) <= _depth(b.tok) and any(
                            _linked(t, b.tok) for t in (a.tok, *a.merged)):
                        _absorb(a, b)
                        alive.remove(b)
                        changed = True
                        break
                if changed:
                    break
        return alive

    def _prune(self, cands: list[Cand]) -> list[Cand]:
        """Keep the candidates that are happenings of their own (:mod:`.noise`)."""
        if not cands:
            return cands
        for c in cands:
            c.args = arguments(c.tok, c.sense.type, self.lex.light_verbs)
        return noise.prune(cands, self._own_actor, self._place_within, self._planned, _absorb)

    def _own_actor(self, cand: Cand, agent_only: bool) -> bool:
        """The trigger's own roles name an actor (a carried-over subject does not count)."""
        args = cand.args
        groups = (args.agents,) if agent_only else (args.agents, args.patients, args.partners)
        return any(self._is_actor(t) for g in groups for t in g)

    def _is_actor(self, tok: Any) -> bool:
        """Whether a role token names an actor, memoised per token (the rules ask
        about the same tokens several times)."""
        hit = self._actor_memo.get(tok.i)
        if hit is None:
            hit = resolve_role(tok, "actor1", self.actors, self.lex.sector_of) is not None
            self._actor_memo[tok.i] = hit
        return hit

    def _place_within(self, start: int, end: int) -> bool:
        return bool(self.places.within(start, end))

    def _planned(self, cand: Cand) -> bool:
        return self._modality(cand.tok, cand.args.governor) == "planned"

    def _modality(self, tok: Any, governor: Any | None) -> str:
        """:func:`.modality.modality`, memoised per (trigger, governor): the pruning
        rules and the event itself ask about the same trigger."""
        key = (tok.i, None if governor is None else governor.i)
        found = self._modality_memo.get(key)
        if found is None:
            found = self._modality_memo[key] = modality(tok, governor, self.doc.published)
        return found

    # ------------------------------------------------------------------ one event
    def _event(self, cand: Cand, sent: Any) -> Event | None:
        tok, sense = cand.tok, cand.sense
        args = cand.args or arguments(tok, sense.type, self.lex.light_verbs)
        for other in cand.merged:  # merged triggers lend their roles
            extra = arguments(other, sense.type, self.lex.light_verbs)
            if noise.participle(other):  # "..., killing three": the doer is the host's,
                own = {t.i for t in other.subtree}  # not one climbed to from the clause
                extra.agents = [t for t in extra.agents if t.i in own]
                if sense.move:  # "withdrew, handing Russia a gain": no mover
                    extra.patients = []
            _union(args, extra)
        _repelled(args, [tok, *cand.merged], self.lex.light_verbs, self._antecedent)
        _killed_in_their_attack(args, tok)
        if tok.lemma_.lower() in noise.SELF_AGENT:  # "protesters", "suicide bomber": the word is the actor
            args.agents.insert(0, tok)
        actors = self._actors(args, sense)
        self._each_other(tok, cand.merged, args, actors)
        if sense.type == "PROTEST":
            self._force_on_crowd(tok, args, actors)
        if sense.type in ("ASSAULT", "COERCE"):  # "IEDs planted by X destroyed two vehicles"
            self._claimed_by(tok, cand.merged, args, actors)
        if sense.type == "ASSAULT":
            self._person_victim(args, actors)
        if sense.move and not any(a.role in ("mover", "actor1") for a in actors):
            self._person_mover(args, actors)
        elif sense.move and not any(a.role in ("mover", "actor2") for a in actors):
            # "the SDF transferred Amina Yusuf to al-Roj": moved by another, the target
            self._person_mover(args, actors, role="actor2", patients_only=True)
        carried = False
        prev = self.prev_subject
        if (prev is not None and not args.passive
                and not any(a.role == "actor1" for a in actors)
                and not _own_subject(tok, args)
                and not any(a.actor_id and a.actor_id == prev.actor_id for a in actors)):
            actors.insert(0, EventActor(**{**prev.__dict__, "role": "actor1"}))
            carried = True
        trig_toks = [self.sdoc[i] for i in cand.match.tokens]
        t_start = min(t.idx for t in trig_toks)
        t_end = max(t.idx + len(t) for t in trig_toks)
        ev = Event(
            id=f"{self.doc.id}:e{t_start}",
            doc_id=self.doc.id,
            type=sense.type,
            mode=sense.mode,
            cameo=sense.cameo or None,
            actors=actors,
            evidence=Span(self.doc.text[sent.start_char:sent.end_char], sent.start_char,
                          sent.end_char),
            trigger=Span(self.doc.text[t_start:t_end], t_start, t_end),
            kind="movement" if sense.move else "event",
        )
        ev.modality = self._modality(tok, args.governor)
        ev.attribution = attribution(tok, args.governor, sent)
        if ev.modality == "planned" and (self._foretold(tok, actors) or self._advocated(tok, actors)):
            ev.modality = "hypothetical"
        used: set[int] = set()
        pointed: list[tuple[str, str]] = []
        if sense.move:
            path = materialize(movement_path(tok, args.governor, self.places, self.lex,
                                             cand.merged), self.doc)
            ev.origin, ev.destinations, ev.route, ev.manner = (
                path.origin, distinct(path.destinations), distinct(path.route), path.manner)
            used, pointed = path.used, path.pointed
            if any(a.role == "mover" for a in ev.actors):
                for a in ev.actors:  # "smugglers moved the fighters": who helps them move
                    if a.role == "actor1" and (a.text.lower().rstrip("s") in self.lex.facilitators
                                               or (a.name or "").lower().startswith("smuggler")):
                        a.role = "facilitator"
            for f in path.facilitators:
                fa = resolve_role(f, "facilitator", self.actors, self.lex.sector_of)
                if fa is not None:
                    ev.actors.append(fa)
            if not ev.destinations and _homeward(tok, ev):
                home = self._home_of_state(ev, sent)
                if home is not None:
                    ev.destinations = [home]
            if sense.move == "move" and _official_trip(ev, self._names_a_person):
                # "the French foreign minister arrived in Kyiv": a visit, not a movement of
                # armed men or of people fleeing (PLOVER's CONSULT, with the host)
                ev.type, ev.mode, ev.cameo, ev.kind = "CONSULT", "visit", "04", "event"
                ev.origin, ev.destinations, ev.route = None, [], []
                used = set()  # where the visitor arrived is the visit's place
        if (sense.strength < 0.65 and not ev.actors and tok.pos_ == "NOUN"
                and tok.lemma_.lower() not in self._violent_lemmas):
            return None  # a weak noun ("the operation") with nobody attached says little
        if sense.mode in ("restrict", "obstruct") and tok.pos_ == "VERB" and not (
                args.patients or args.passive):
            return None  # "shops closed": intransitive, nobody closed anything
        if sense.words == ("join",) and (_lone_recruit(tok) or not any(
                is_armed(a) for a in ev.actors if a.role in ("actor2", "assoc_actor2"))):
            # "joined the talks" is no change of allegiance; "the student who joined the
            # militia" is one recruit, not a change to a group or its activity
            return None
        if (sense.type in ("ASSAULT", "COERCE") and tok.pos_ == "VERB" and not cand.merged
                and tok.lemma_.lower() in _DOUBLE_VERBS and not args.passive
                and (objs := [c for c in tok.children if c.dep_ == "dobj"])
                and all(t.lemma_.lower() in _THINGS_DONE for t in objs)):
            return None  # "executed a search warrant", "shot a film": no one was hurt
        self._nation_at_arms(ev, sense, tok)
        self._allied_forces(ev)
        self._mode_and_acled(ev, cand, args, sent)
        if ev.type == "RETREAT" and _left_a_deal(tok):
            # "the US would withdraw from the Iran deal", "Hunt will leave the summit
            # early": a party leaves an agreement or a meeting; no one moves anywhere
            ev.type, ev.mode, ev.cameo, ev.kind = "SANCTION", "withdraw", "16", "event"
            ev.origin, ev.destinations, ev.route = None, [], []
            ev.acled_event_type = ev.acled_sub_event_type = None
            used = set()
        threatened_act(ev, tok)
        called_protest(ev, tok)
        self._context(ev, sent, tok, used, cand.merged, pointed)
        # after the place: its country names the group, and tells a retold kind apart
        if ev.acled_event_type in (acled.VAC, acled.BATTLES) and tok.lemma_.lower() not in acled.MOB_ACTS:
            self._armed_strangers(ev)
        if ev.acled_event_type:
            self._means_owner(ev, tok)
        if (ev.acled_event_type == acled.BATTLES and tok.lemma_.lower() in _FIGHT_WORDS) or (
                ev.type == "AGREE" and tok.lemma_.lower() in _TRUCES):
            self._fighting_sides(ev, tok)
        if ev.acled_sub_event_type in _FROM_AFAR:
            _no_civilian_gunners(ev)
        if ev.acled_event_type in (acled.REMOTE, acled.VAC) and not any(
                a.role == "actor1" for a in ev.actors) and not self._same_kind_author(ev) \
                and not self._claimed_elsewhere(ev):
            self._unidentified(ev)
        if ev.acled_event_type and not any(a.role == "actor2" for a in ev.actors):
            self._property_owners(ev, args)
        if ev.acled_event_type:
            self._named_civilians(ev)
        self._bare_officers(ev)
        self._scene_civilians(ev)
        if ev.acled_event_type in _FIGHTING or (ev.type in ("MOBILIZE", "RETREAT") and (
                sense.move in _TROOP_MOVES or sense.move == "withdrawal" and (
                    (ev.origin is not None and ev.origin.country)
                    or any(a.role == "mover" and a.sector == "MIL" for a in ev.actors)))):
            # a state sends, pulls back or withdraws troops through its military too
            _armed_state(ev, self.doc.published)
        if ev.acled_sub_event_type == "Protest with intervention":
            _protest_first(ev)
        if ev.type == "PROTEST" or ev.acled_event_type == acled.PROTESTS:
            _crowd_protests(ev)
        if ev.acled_event_type == acled.RIOTS:
            _crowd_riots(ev, self._scene_country(ev))
        if (ev.type == "CONSULT" and ev.mode == "visit") or (
                ev.type in _SCENE_TARGET_TYPES and ev.kind == "event" and not ev.acled_event_type):
            # a visit abroad meets the host; a concession, sanction, threat or aid that a
            # state directs at another country's ground ("lifted the curfew in
            # Kismayo", "halted aid to Togo") is aimed at that country (CAMEO)
            _host(ev, self.doc.published)
        if _nobody_nowhere(ev, sent, self.actors, sense.strength) and not (
                ev.acled_event_type and tok.lemma_.lower() in self._violent_lemmas):
            # (one sense per discourse: "the strikes on the market" after "air strikes
            # hit a market" are the same strikes, not a walk-out)
            return None
        ev.confidence = confidence(ev, sense, tok, carried)
        if ev.acled_event_type in (acled.PROTESTS, acled.RIOTS) and not any(
                a.role == "actor1" for a in ev.actors):
            self._unnamed_crowd(ev)
        if ev.acled_event_type:  # the words this document uses for violence, as nouns too
            self._violent_lemmas.update(t.lemma_.lower() for t in [tok, *cand.merged, *args.agents]
                                        if t.pos_ in ("NOUN", "VERB"))
        return ev

    def _claimed_by(self, tok: Any, merged: list[Any], args: Args, actors: list[EventActor]) -> None:
        """"a bombing claimed by Islamic State", "the attack, which the Taliban claimed",
        "X claimed responsibility for the bombing": whoever claims the attack is its
        doer (actor1), as ACLED codes claimed attacks."""
        words = [tok, *merged, *(t for t in args.agents if t.pos_ == "NOUN"
                                 or t.lemma_.lower() in _PLANT_VERBS)]
        found = None
        for w in words:
            found = _claimant(w) or _planter(w)
            if found is not None:
                break
        if found is None:
            return
        ea = resolve_role(found, "actor1", self.actors, self.lex.sector_of)
        if ea is None:
            return
        for a in actors:
            if a.role == "actor1":
                a.role = "assoc_actor1" if a.actor_id and a.actor_id != ea.actor_id else "drop"
        actors[:] = [a for a in actors if a.role != "drop"]
        actors.insert(0, ea)

    def _each_other(self, tok: Any, merged: list[Any], args: Args, actors: list[EventActor]) -> None:
        """"Government troops and NAS fighters clashed", "the army and the RSF agreed to a
        ceasefire", "India and China signed a deal": the coordinated subjects of a
        reciprocal act are its two sides, the second the other side (actor2), not the
        first one's partner.  An ally told as such ("Turkish troops and allied rebels
        clashed with ...") stays the first one's partner."""
        if any(a.role == "actor2" for a in actors):
            return
        first = next((a for a in actors if a.role == "actor1"), None)
        if first is None or first.start >= first.end:
            return
        words = [tok, *merged]
        if args.governor is not None:
            words.append(args.governor)
        words += [w.head for w in list(words) if w.pos_ == "NOUN" and w.dep_ in ("dobj", "pobj", "nsubjpass")]
        words += [w.head.head for w in list(words) if w.dep_ == "pobj" and w.head.head.pos_ == "VERB"]
        if not any(_reciprocal(w) for w in words):
            return
        head1 = self._span_root(first)
        if head1 is None:
            return
        for a in actors:
            if a.role != "assoc_actor1" or a.start >= a.end or (
                    a.actor_id and a.actor_id == first.actor_id):
                continue
            head2 = self._span_root(a)
            for _ in range(3):  # "OLA fighters", "fighters of the NAS": the conjunct's head
                if head2 is not None and head2.dep_ in ("compound", "poss", "amod", "pobj", "prep"):
                    head2 = head2.head
            if head2 is None or head2.dep_ != "conj" or any(
                    c.lemma_.lower() in _ALLIED for c in head2.children) or not any(
                    h.i == head1.i for h in head2.ancestors):
                continue
            a.role = "actor2"
            return

    def _span_root(self, a: EventActor) -> Any | None:
        span = self.sdoc.char_span(a.start, a.end, alignment_mode="expand")
        return span.root if span is not None else None

    def _force_on_crowd(self, tok: Any, args: Args, actors: list[EventActor]) -> None:
        """"Police opened fire on protesters", "soldiers shot dead three demonstrators",
        "troops fired tear gas at crowds marching on the palace": when the protesting
        crowd is what state forces act on, the forces are actor1 and the crowd actor2
        (ACLED's excessive force against protesters; an intervention is put back
        protesters first by ``_protest_first``)."""
        crowd = next((a for a in actors if a.role == "actor1"), None)
        if crowd is None:
            return
        word = tok if tok.lemma_.lower() in noise.SELF_AGENT else next(
            (t for t in args.agents if t.idx <= crowd.start < t.idx + len(t) or t.idx == crowd.start), None)
        if word is None:
            return
        verb = word.head
        if word.dep_ == "pobj" and verb.lower_ in ("on", "at", "into"):
            verb = verb.head
        elif word.dep_ != "dobj":
            return
        if verb.pos_ != "VERB" or verb.i == tok.i:
            return
        force = next((resolve_role(c, "actor1", self.actors, self.lex.sector_of)
                      for c in verb.children if c.dep_ == "nsubj"), None)
        if force is None or not (is_state(force) and is_armed(force)):
            return
        for a in actors:
            a.role = {"actor1": "actor2", "assoc_actor1": "assoc_actor2"}.get(a.role, a.role)
        actors.insert(0, force)

    def _person_victim(self, args: Args, actors: list[EventActor]) -> None:
        """"Ahmed Noor was shot dead", "he was killed when a shell hit", "her cousin was
        wounded": one person, by name, pronoun or kinship, whom the actor list does not
        know and who underwent the act, is its target; ACLED codes such a victim as a
        civilian ("Civilians (Country)", named once the place is known)."""
        if any(a.role == "actor2" for a in actors):
            return
        for t in args.patients:
            person = t.lower_ in _PERSON_PRONOUNS or t.lemma_.lower() in KIN_NOUNS or (
                t.ent_type_ == "PERSON" and t.pos_ == "PROPN" and not self._place_at(t.idx, t.idx + len(t)))
            if not person or self.actors.at(t.idx, t.idx + len(t)) is not None:
                continue
            ent = next((e for e in t.doc.ents if e.start <= t.i < e.end), None) if t.pos_ == "PROPN" else None
            start, end = (ent.start_char, ent.end_char) if ent is not None else (
                min(x.idx for x in t.subtree if x.i <= t.i), t.idx + len(t))
            actors.append(EventActor(role="actor2", actor_id=None, name=None,
                                     text=self.doc.text[start:end], start=start, end=end,
                                     sector="CVL", inter=7))
            return

    def _place_at(self, start: int, end: int) -> bool:
        return bool(self.places.within(start, end)) or any(
            p.start < end and start < p.end for p in self.doc.places)

    def _person_mover(self, args: Args, actors: list[EventActor], role: str = "mover",
                      patients_only: bool = False) -> None:
        """"Amina Yusuf was moved from one camp to another", "she was transferred a week
        ago": a named person who moves is the movement's mover (a pronoun is read as the
        nearest person named before it, within the last few sentences); one moved by a
        named doer ("the SDF transferred her") is its target, ``role`` actor2.  No
        knowledge-base actor: the name as written, in ``name``; the words in the
        sentence, in ``text``."""
        for tok in [*args.patients, *([] if patients_only else args.agents)]:
            if tok.ent_type_ == "PERSON" and tok.pos_ == "PROPN" and not self.places.named(tok):
                # (a town the tagger calls a person is where: "left Douma")
                ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
                if ent is not None:
                    actors.append(EventActor(role=role, actor_id=None, name=ent.text,
                                             text=ent.text, start=ent.start_char, end=ent.end_char))
                    return
            if tok.lower_ in ("she", "he", "her", "him"):
                person = _previous_person(tok, self._place_at, governed=not patients_only)
                if person is not None:
                    actors.append(EventActor(role=role, actor_id=None, name=person,
                                             text=tok.text, start=tok.idx, end=tok.idx + len(tok)))
                    return

    def _speaker_asks(self, ev: Event) -> None:
        """A reported obligation ("Russia said Sudan must return the helicopter") is a
        REQUEST by the speaker: the speaker's actor becomes actor1 and the obligated
        party, the clause's subject, actor2 (PLOVER's source and target)."""
        span = ev.attribution
        m = self.actors.at(span.start, span.end) if span is not None else None
        if m is None or any(a.actor_id and a.actor_id == m.actor_id for a in ev.actors):
            return
        shift = {"actor1": "actor2", "actor2": "assoc_actor2", "assoc_actor1": "assoc_actor2"}
        for a in ev.actors:
            a.role = shift.get(a.role, a.role)
        ev.actors.insert(0, actor_of(m, "actor1"))

    def _antecedent(self, tok: Any, avoid: list[Any]) -> Any | None:
        """A role token as the actors stage sees it; an unresolved "their"/"they" is
        read as the nearest actor named earlier in the sentence that is not ``avoid``
        ("12 Taliban militants were killed when Afghan forces repulsed their attack")."""
        if tok.pos_ != "PRON" or self.actors.at(tok.idx, tok.idx + len(tok)) is not None:
            return tok
        if tok.lower_ not in ("their", "they", "them", "its", "his"):
            return None
        banned = {t.i for a in avoid for t in a.subtree}
        for t in reversed(list(tok.sent)[: tok.i - tok.sent.start]):
            if t.i in banned or t.pos_ not in ("NOUN", "PROPN"):
                continue
            if self.actors.at(t.idx, t.idx + len(t)) is not None or self.lex.sector_of(t):
                return t
        return None

    def _actors(self, args: Args, sense: Sense) -> list[EventActor]:
        out: list[EventActor] = []
        seen: set[tuple[int, int]] = set()
        mover_type = bool(sense.move)
        if not (args.agents or args.partners):
            # "were killed in a clash near the town between the army and the rebels"
            sides = sides_between(args.governor) if args.governor is not None else []
            if sides and any(resolve_role(t, "actor1", self.actors, self.lex.sector_of)
                             for t in sides) and not any(
                    self.places.named(t) for t in sides):
                args.partners = sides
        armed = [t for t in args.ordered if self._armed_word(t) and (
            t.head.lemma_.lower() in _COERCING or any(c.dep_ == "poss" for c in t.children))]
        if armed:
            # "ordered his troops to pull back", "forced the rebels to surrender the
            # town": a party's own forces told to act, or forces made to act, do the
            # act; people ordered out of their homes, or another's forces ordered out
            # of a country, are moved by whoever orders it
            args.agents = armed
        if args.partners and not (mover_type and args.agents) and not any(
                resolve_role(t, "actor1", self.actors, self.lex.sector_of) for t in args.agents):
            # "killed during clashes with Taliban militants": with no one named as the
            # doer, the other side of a clash or talks is actor1 (ACLED's habit); who
            # moves "with his family" moves with them, whoever he is
            first = args.partners[0]
            if len(args.partners) > 1 and first.dep_ == "pobj" and first.head.lower_ == "between":
                # "clashes between Houthi rebels and government troops": the sides in
                # the order told, actor1 and actor2
                args.agents = [first]
                args.patients = args.partners[1:] + [t for t in args.patients if t not in args.partners]
                args.partners = []
            else:
                args.agents, args.partners = args.partners, []
        patients = args.patients
        if mover_type:
            # "fled the fighting", "escaped the regime": what is fled is no mover
            patients = [t for t in patients if not (
                t.dep_ == "dobj" and t.head.lemma_.lower() in _LEFT_BEHIND)]
        given_to = [t for t in args.recipients if t.head.lower_ == "to"]
        if sense.mode == "cede":
            # "handed the base to the army": the base passes, the army receives it
            groups = [(args.agents, "actor1", "assoc_actor1"), (given_to, "actor2", "assoc_actor2")]
        else:
            groups = [(args.agents, "actor1", "assoc_actor1"),
                      (patients, "mover" if mover_type else "actor2",
                       "mover" if mover_type else "assoc_actor2"),
                      # who moves "with his family" or "with allied militias" moves too
                      (args.partners, "assoc_actor1" if mover_type else "actor2",
                       "assoc_actor1" if mover_type else "assoc_actor2")]
        if sense.type in _RECIPIENT_TYPES and not mover_type:
            # "offered its troops to Lebanon's president", "granted asylum to five
            # officers": who receives what is given is the target, not what is given
            # (a "for" phrase is as often a purpose: it comes after the object)
            groups.insert(1, (given_to, "actor2", "assoc_actor2"))
        if sense.type in _RECIPIENT_TYPES or sense.words[0] in _YIELD_TO:
            # "sent arms to Pakistan" too; "surrendered to Kurdish forces": who received it
            groups.append((args.recipients, "actor2", "assoc_actor2"))
        if sense.type == "REQUEST" and args.governor is not None:
            # "demanded compensation from Togo": who is asked
            groups.append((asked_of(args.governor), "actor2", None))
        if not mover_type:  # last resort: the target of the verb the trigger controls
            groups.append((args.complement, "actor2", None))
        for toks, first, rest in groups:
            for tok in toks:
                have = any(a.role == first for a in out)
                if have and rest is None:
                    break
                if first == "mover" and self.places.named(tok):
                    continue  # "left the UK", "entered Syria": where, not who moves
                ea = resolve_role(tok, rest if have else first, self.actors, self.lex.sector_of)
                if ea is None and first == "actor2" and sense.type in _ADDRESSED_TYPES:
                    # "threatened further action against Russia", "issued an ultimatum
                    # to Togo", "break relations with Russia": the act or thing named
                    # is no party; the party it is aimed at is its phrase's object
                    # (the party itself, not a party named deeper in the phrase: "for
                    # the departure of American forces" aims at no one)
                    ea = next((a for a in (resolve_role(t, rest if have else first, self.actors,
                                                        self.lex.sector_of)
                                           for t in aimed_at(tok)
                                           if self.actors.at(t.idx, t.idx + len(t)) is not None)
                               if a is not None), None)
                if ea is None or (ea.start, ea.end) in seen:
                    continue
                if ea.actor_id and any(a.actor_id == ea.actor_id for a in out) and not (
                        self._generic_at(ea) and not any(
                            a.actor_id == ea.actor_id and a.role in (first, rest) for a in out)):
                    # the same actor twice is one party; but two unnamed crowds of one
                    # kind on both sides ("villagers beat a woman", "gunmen killed two
                    # militants") are two parties
                    continue
                seen.add((ea.start, ea.end))
                out.append(ea)
        return out

    def _generic_at(self, ea: EventActor) -> bool:
        """``ea`` is an unnamed actor the actors stage typed by its words."""
        m = self.actors.at(ea.start, ea.end) if ea.start < ea.end else None
        return m is not None and m.type == "generic"

    def _mode_and_acled(self, ev: Event, cand: Cand, args: Args, sent: Any) -> None:
        sense = cand.sense
        lemmas, lowers = self._words(sent)
        if sense.cls in acled.CLS_WEAPON and any(_less_lethal(sent.doc[i]) for i in cand.match.tokens):
            # "stun grenades were thrown into the crowd": no grenade attack
            sense = Sense(sense.type, None, sense.cameo, "violence", sense.move, sense.strength, sense.words)
            ev.mode = None
        weapon = self.lex.weapon_in(lemmas | lowers)
        crowd_control = any(_less_lethal(t) for t in sent)  # read once, for weapon and protest
        if weapon is not None and crowd_control:
            weapon = self.lex.weapon_in(_lethal_words(sent))
        if weapon == "chemical" and _chemical_targets(sent, self.lex):
            # "the US was attacking Syria's chemical weapons capabilities": the sites hit
            weapon = self.lex.weapon_in((lemmas | lowers) - dict(self.lex.weapon_cues)["chemical"])
        if weapon is None and ev.type == "ASSAULT" and any(
                t.pos_ == "NOUN" and t.lemma_.lower() == "strike" for t in (cand.tok, *cand.merged)):
            weapon = self._strike_weapon()
        if weapon in (None, "ied") and ev.type == "ASSAULT" and any(
                _dropped_bombs(t, ev) for t in (cand.tok, *cand.merged)) and \
                self.lex.weapon_in((lemmas | lowers) - _BOMB_WORDS) in (None, "air"):
            weapon = "air"
        if (ev.type == "ASSAULT" and weapon
                and (sense.cls in acled.CLS_WEAPON or sense.cls in ("violence", "clash"))
                and ev.mode in (None, "firearms", "explosives", "heavy-weapons")):
            ev.mode = _WEAPON_MODE.get(weapon, ev.mode)
        if sense.cls == "loot" and weapon in acled.WEAPON_SUB:
            # "an IED destroyed a tank": destruction by a weapon is the attack itself
            sense = Sense("ASSAULT", _WEAPON_MODE.get(weapon), "18", "explosion"
                          if weapon in ("ied", "suicide", "chemical") else weapon, None,
                          sense.strength, sense.words)
            ev.type, ev.mode, ev.cameo = sense.type, sense.mode, sense.cameo
        if self._marching_on(cand.tok, sense, ev):
            # "the M23 intends to march on Kinshasa", "will move on Mariupol": an
            # advance to take a place is an offensive, not a journey or a protest
            sense = Sense("ASSAULT", None, "19", "clash", None, sense.strength, sense.words)
            ev.type, ev.mode, ev.cameo = sense.type, sense.mode, sense.cameo
        a1 = next((a for a in ev.actors if a.role == "actor1"), None)
        a2 = next((a for a in ev.actors if a.role in ("actor2", "mover")), None)
        # what was taken is read from the capture word's own object, not merged ones
        own = args if sense.cls != "capture" else arguments(
            cand.capture_tok or cand.tok, sense.type, self.lex.light_verbs)
        kind = self._patient_kind(own)
        if kind == "person" and (cand.capture_tok or cand.tok).lemma_.lower() in _TAKES_GROUND:
            kind = "place"  # "retook Palmyra" (tagged PERSON): one retakes ground, not people
        if kind is None and sense.cls == "capture" and cand.tok.pos_ == "NOUN" \
                and not own.patients and self._people_taken_before():
            kind = "person"  # "two militants were captured ... The capture was reported"
        ctx = acled.Context(
            cls=sense.cls, lemma=cand.tok.lemma_.lower(), actor1=a1, actor2=a2,
            weapon=weapon if sense.cls not in ("capture", "arrest", "abduct") else None,
            patient_kind=kind, protest_cue=_protest_cue(lemmas, sent, crowd_control),
            # a town or district changes hands; a withdrawal from a whole country
            # ("pull US troops out of Syria") changes what a force does
            has_place=(ev.origin is not None and not (ev.origin.feature_code or "").startswith("PCL"))
            or kind == "place" or sense.mode == "cede",  # "handed the base to": ground passes
            ground=bool(lemmas & acled.GROUND_ATTACK),
            ordinary_crime=self._ordinary_crime(lemmas) if sense.cls == "arrest" else False,
            fighting=bool(lemmas & acled.FIGHTING),
        )
        if sense.words == ("charge",) and args.passive:
            ev.type, ev.mode, ev.cameo = "COERCE", "arrest", "17"
        objs = {t.lemma_.lower() for t in args.patients}
        retype(ev, cand.tok, objs, sent)
        if ev.type == "SANCTION" and ev.mode == "withdraw" and cand.tok.pos_ == "NOUN" and not any(
                a.role == "actor1" for a in ev.actors):
            # "a French minister cancelled a planned visit": who stops the cooperation
            # is who sanctions, though the noun names the cooperation itself
            stopper = cand.tok.head if cand.tok.dep_ not in ("compound", "amod") else cand.tok.head.head
            if stopper.pos_ == "VERB":
                for agent in arguments(stopper, ev.type, self.lex.light_verbs).agents:
                    ea = resolve_role(agent, "actor1", self.actors, self.lex.sector_of)
                    if ea is not None and not any(a.actor_id and a.actor_id == ea.actor_id
                                                  for a in ev.actors):
                        ev.actors.insert(0, ea)
                        break
        if sense.move in ("deployment", "move", "reinforcement"):
            sent_what(ev, cand.tok, args)
        if sense.words == ("accept",) and objs & DEMANDS:
            ev.type, ev.mode, ev.cameo = "CONCEDE", "accede", "08"
        if ev.type == "CONCEDE" and ev.mode == "ease" and objs & MILITARY_RESTRICTIONS:
            ev.type, ev.cameo = "RETREAT", "08"
        if ev.type == "COERCE" and ev.mode == "restrict" and cand.tok.lemma_.lower() in (
                "block", "blockade", "barricade", "close", "shut") and not state_actor1(ev):
            ev.type, ev.mode, ev.cameo = "PROTEST", "obstruct", "14"
        if ev.type == "PROTEST" and formal_complaint(cand.tok):
            ev.type, ev.mode, ev.cameo = "ACCUSE", "disapprove", "11"
        if ev.mode == "deport" and any(t.lemma_.lower() in ENVOYS for t in args.patients):
            ev.type, ev.mode, ev.cameo = "SANCTION", "expel", "16"
        if sense.cls == "capture" and ctx.patient_kind == "person":
            ev.type, ev.mode, ev.cameo = "COERCE", "arrest", "17"
        elif sense.cls == "capture" and ctx.patient_kind == "weapon":
            ev.type, ev.mode, ev.cameo = "COERCE", "confiscate", "17"
        if ev.type == "PROTEST" and ev.mode == "strike":
            ctx.cls = "protest"  # a labour strike read from the word "strike" is no fight
        ev.acled_event_type, ev.acled_sub_event_type = acled.acled_type(ctx)
        if ev.acled_event_type is None and ev.kind == "movement" and (sense.move in (
                "deployment", "reinforcement", "infiltration") and (a1 or a2) or (
                sense.move == "return" and (ev.origin or ev.destinations) and any(
                    a.role == "mover" and is_state(a) and is_armed(a) for a in ev.actors))):
            # a state bringing its forces home changes what they do, as a withdrawal
            # does ("France is bringing its troops home from Mali"); people going home
            # stay a movement
            ctx.cls = "change"
            ev.acled_event_type, ev.acled_sub_event_type = acled.acled_type(ctx)

    def _marching_on(self, tok: Any, sense: Sense, ev: Event) -> bool:
        """A march, move or advance *on* a place (not "moved on to"), or a protest
        march by armed men on one (protesters marching on a city still protest)."""
        if tok.lemma_.lower() not in _ADVANCING:
            return False
        if not sense.move and not (sense.type == "PROTEST" and any(
                a.role == "actor1" and is_armed(a) for a in ev.actors)):
            return False
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "on" and not any(g.dep_ == "prep" for g in c.children):
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None and self.places.named(obj):
                    return True
        return False

    def _strike_weapon(self) -> str:
        """What a bare "strikes" in this document are ("nine died in the strikes"):
        the weapon the document names elsewhere ("warplanes", "missiles"), else air
        strikes, what unqualified "strikes" means in conflict reporting.  ACLED never
        codes remote violence as violence against civilians, so an unqualified strike
        that kills civilians is an air/drone strike, not an attack."""
        if self._doc_weapon is None:
            words = {t.lemma_.lower() for t in self.sdoc} | {t.lower_ for t in self.sdoc}
            self._doc_weapon = next((name for name, cues in self.lex.weapon_cues
                                     if name in ("drone", "air", "shelling") and words & cues), "air")
        return self._doc_weapon

    def _ordinary_crime(self, lemmas: set[str]) -> bool:
        """An arrest for ordinary crime: its sentence names one (narcotics, theft, a
        warrant) and nothing political or armed; in a story whose earlier arrest was
        such ("Police arrested six in a narcotics investigation. ... Officers also
        arrested X, 33"), a later arrest whose sentence names no political cue is too."""
        if lemmas & acled.POLITICAL_CUES:
            return False
        if lemmas & acled.ORDINARY_CRIME:
            self._crime_story = True
        return self._crime_story

    def _words(self, sent: Any) -> tuple[set[str], set[str]]:
        """Lemma and lower-case word sets of a sentence, computed once per sentence."""
        if self._words_key != sent.start:
            self._words_key = sent.start
            words = word_arrays(self.sdoc)
            self._words_val = (set(words.lemmas[sent.start:sent.end]),
                               set(words.lowers[sent.start:sent.end]))
        return self._words_val

    def _same_kind_author(self, ev: Event) -> bool:
        """"Israeli jets struck Khan Younis ... On Tuesday, strikes on Rafah killed 12":
        an air strike, shelling or bombing with no author in its sentence is by whoever
        the document last named doing that same kind of act (same ACLED sub-event type,
        told as fact, in the same country).  The author is inferred: an empty span at
        the trigger, like an unidentified group."""
        for prev in reversed(self.events):
            if prev.acled_sub_event_type != ev.acled_sub_event_type or prev.modality in (
                    "negated", "denied", "hypothetical"):
                continue
            if (prev.location is not None and ev.location is not None and prev.location.country
                    and ev.location.country and prev.location.country != ev.location.country):
                continue
            doer = next((a for a in prev.actors if a.role == "actor1"), None)
            if doer is None or doer.start == doer.end or not doer.actor_id or is_civilian(doer):
                continue  # (a civilian "doer" of violence is a misread victim, not an author)
            if any(a.role == "actor2" and a.actor_id == doer.actor_id for a in ev.actors):
                return False  # "the patrol came under fire ...": the target is not its own attacker
            at = ev.trigger.start
            ev.actors.insert(0, EventActor(**{**doer.__dict__, "role": "actor1", "text": "",
                                               "start": at, "end": at}))
            return True
        return False

    def _means_owner(self, ev: Event, tok: Any) -> None:
        """"A drone struck the market", "the jets hit homes": a weapon or aircraft that
        acts with no owner told in its own words is not itself an actor.  Its owner is
        the armed body whose report tells the act ("the air force said fighter jets had
        struck ..."), else whoever the document last named doing the same kind of act
        (``_same_kind_author``); with neither, the weapon stays as told."""
        means = next((a for a in ev.actors if a.role == "actor1"), None)
        if means is None or means.actor_id or means.name or means.start >= means.end:
            return
        head = self._actor_head(means)
        if head is None or head.lemma_.lower() not in _MEANS:
            return
        speaker = _reporting_subject(tok)
        owner = resolve_role(speaker, "actor1", self.actors, self.lex.sector_of) if (
            speaker is not None) else None
        if owner is not None and owner.actor_id and is_armed(owner):
            ev.actors[ev.actors.index(means)] = owner
            return
        ev.actors.remove(means)
        if not self._same_kind_author(ev):
            ev.actors.insert(0, means)

    def _actor_head(self, actor: EventActor) -> Any | None:
        """The head token of an actor's words (None for an inferred, empty span)."""
        if actor.start >= actor.end:
            return None
        span = self.sdoc.char_span(actor.start, actor.end, alignment_mode="expand")
        return span.root if span is not None else None

    def _names_a_person(self, actor: EventActor) -> bool:
        """Whether an actor's words are a person's name (the entity layer's PERSON)."""
        head = self._actor_head(actor)
        return head is not None and head.ent_type_ == "PERSON"

    def _people_taken_before(self) -> bool:
        """Whether the document's last capture told before was of people (an arrest or
        an abduction), so that a bare "the capture" pointing back is one too."""
        for prev in reversed(self.events):
            if prev.trigger is not None and prev.trigger.text.lower().startswith(_CAPTURE_STEMS):
                return prev.type == "COERCE"
        return False

    def _fighting_sides(self, ev: Event, tok: Any) -> None:
        """"Fighting continued on Tuesday around the airport", "the army launched an
        offensive": fighting told with a side missing is between the sides the document
        last told fighting each other (one war per article): with no side told, both;
        with one told that is one of them, the other.  Inferred sides have an empty span
        at the trigger.  An offensive's side is its launcher, never guessed.  A truce or
        ceasefire told with a side missing is between the same sides, or those the
        document last told agreeing."""
        if ev.trigger is None or any(a.role == "actor2" for a in ev.actors):
            return
        first = next((a for a in ev.actors if a.role == "actor1"), None)
        if first is None and tok.lemma_.lower() in _OFFENSIVES:
            return
        for prev in reversed(self.events):
            agreed = ev.type == "AGREE" and prev.type == "AGREE"
            if not (prev.acled_event_type == acled.BATTLES or agreed) or prev.modality in (
                    "negated", "denied", "hypothetical"):
                continue
            a1 = next((a for a in prev.actors if a.role == "actor1"), None)
            a2 = next((a for a in prev.actors if a.role == "actor2"), None)
            if a1 is None or a2 is None or not a1.actor_id or not a2.actor_id or (
                    a1.actor_id == a2.actor_id) or not agreed and (
                    not is_armed(a1) or not is_armed(a2)):
                continue
            at = ev.trigger.start
            if first is None:
                ev.actors[:0] = [EventActor(**{**a1.__dict__, "role": "actor1", "text": "",
                                                "start": at, "end": at}),
                                 EventActor(**{**a2.__dict__, "role": "actor2", "text": "",
                                                "start": at, "end": at})]
            elif first.actor_id in (a1.actor_id, a2.actor_id):
                other = a2 if first.actor_id == a1.actor_id else a1
                ev.actors.append(EventActor(**{**other.__dict__, "role": "actor2", "text": "",
                                               "start": at, "end": at}))
            return
        opposite = first is not None and self._opposite_in_fight(first, tok)
        if (first is None or opposite) and ev.type != "AGREE":
            # "the Kurdish-led forces said clashes were continuing": an armed body
            # reporting fighting it is in is one of its sides; "the army said fighting
            # with al-Shabaab went on": the one it fights with is the other
            speaker = _reporting_subject(tok)
            if speaker is not None and _relative(speaker):
                speaker = _antecedent(speaker)
                if speaker.dep_ == "pobj" and speaker.head.dep_ == "prep" \
                        and speaker.head.head.pos_ in ("NOUN", "PROPN"):
                    speaker = speaker.head.head  # "commanders in the field who said ..."
            side = resolve_role(speaker, "actor1", self.actors, self.lex.sector_of) if (
                speaker is not None) else None
            if side is not None and side.actor_id and is_armed(side) and (
                    first is None or side.actor_id != first.actor_id):
                if first is not None:
                    first.role = "actor2"
                ev.actors.insert(0, side)

    def _opposite_in_fight(self, actor: EventActor, tok: Any) -> bool:
        """Whether ``actor`` is told as whom the fight at ``tok`` is with or against
        ("fighting with al-Shabaab", "clashes against the rebels")."""
        head = self._actor_head(actor)
        return head is not None and head.dep_ == "pobj" and head.head.lower_ in (
            "with", "against") and head.head.head.i == tok.i

    def _claimed_elsewhere(self, ev: Event) -> bool:
        """"A car bomb exploded outside the hotel ... Al-Shabaab claimed responsibility":
        a bombing or attack on civilians with no author in its sentence is by the one
        armed group the document says claimed an attack (ACLED codes claimed attacks to
        the claimant).  Not air or drone strikes, which armed groups rarely fly.  The
        author is inferred: an empty span at the trigger."""
        if ev.acled_sub_event_type == "Air/drone strike" or ev.trigger is None:
            return False
        claimant = self._doc_claimant()
        if claimant is None:
            return False
        at = ev.trigger.start
        ev.actors.insert(0, EventActor(**{**claimant.__dict__, "role": "actor1", "text": "",
                                           "start": at, "end": at}))
        return True

    def _doc_claimant(self) -> EventActor | None:
        """The one named armed group the document says claimed responsibility or an
        attack ("X claimed responsibility", "X claimed the bombing", "the attack was
        claimed by X"); None if no group or several did, or the claim is denied ("no
        group has claimed", "has not claimed").  Read once per document."""
        if self._claimant_memo is None:
            found: dict[str, EventActor] = {}
            for t in self.sdoc:
                if t.lemma_.lower() != "claim" or t.pos_ != "VERB" or any(
                        c.dep_ == "neg" for c in t.children):
                    continue
                if not any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in _CLAIMED
                           for c in t.children):
                    continue
                who = [c for c in t.children if c.dep_ == "nsubj"] + [
                    o for c in t.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
                for w in who:
                    ea = resolve_role(w, "actor1", self.actors, self.lex.sector_of)
                    if ea is not None and ea.actor_id and is_armed(ea) and not is_state(ea):
                        found[ea.actor_id] = ea
            self._claimant_memo = [next(iter(found.values())) if len(found) == 1 else None]
        return self._claimant_memo[0]

    def _unidentified(self, ev: Event) -> None:
        """A bomb or an attack on civilians with no named author: ACLED's
        "Unidentified Armed Group (Country)", inferred, so its span is empty (at the
        trigger).  The country is that of the event's resolved place when known (a
        world-news article about Afghanistan that mentions Myanmar first must not make
        a Kabul bombing's author Myanmar's), else the document's focus."""
        from kharita.actors.kb import load_kb

        top = self._focus_top()
        name, country = top.get("name"), top.get("country")
        if not name or ev.trigger is None:
            return
        loc = ev.location
        if (country and loc is not None and loc.country and loc.country != country
                and loc.resolved_as != "focus"):
            name = load_kb().country_name(loc.country) or name
            country = loc.country
        at = ev.trigger.start
        ev.actors.insert(0, EventActor(role="actor1", actor_id=None,
                                       name=f"Unidentified Armed Group ({name})", text="",
                                       start=at, end=at, sector="UAF", inter=3,
                                       country=country))

    def _unnamed_crowd(self, ev: Event) -> None:
        """"The march set off from the square", "rallies were held in Berlin": a protest
        or riot with nobody told doing it is by ACLED's "Protesters (Country)" /
        "Rioters (Country)", the country of the scene (ACLED names a crowd by where it
        gathers).  Inferred, so its span is empty (at the trigger), and added after the
        event's confidence is scored."""
        from kharita.actors.kb import load_kb

        kb = load_kb()
        if any(a.role in ("actor2", "assoc_actor2") and kb.generic_kind(a.actor_id) in (
                "protesters", "rioters") for a in ev.actors):
            return  # "several protesters were wounded": the crowd is the target
        country = self._scene_country(ev)
        if not country or ev.trigger is None:
            return
        kind = "rioters" if ev.acled_event_type == acled.RIOTS else "protesters"
        crowd = kb.generic_actor(kind, country)
        at = ev.trigger.start
        ev.actors.insert(0, EventActor(role="actor1", actor_id=crowd.id, name=crowd.name, text="",
                                       start=at, end=at, sector=crowd.sector, inter=crowd.inter,
                                       country=country))

    def _armed_strangers(self, ev: Event) -> None:
        """"Two men on a motorcycle shot the mayor", "the men who attacked the base":
        unnamed men who shoot, attack or abduct are no civilians but an armed group
        nobody has named, ACLED's "Unidentified Armed Group (Country)" (a crowd of
        villagers or residents who beat someone stays a mob)."""
        from kharita.actors.kb import load_kb

        for a in ev.actors:
            if a.role != "actor1" or not is_civilian(a) or a.start >= a.end:
                continue
            words = self.doc.text[a.start:a.end].lower().split()
            if not words or words[-1] not in _STRANGERS:
                continue
            country = a.country or self._scene_country(ev)
            name = load_kb().country_name(country) if country else None
            if not name:
                continue
            a.actor_id, a.name, a.sector, a.inter, a.country = (
                None, f"Unidentified Armed Group ({name})", "UAF", 3, country)

    def _home_of_state(self, ev: Event, sent: Any) -> Place | None:
        """"Norway will repatriate 40 children", "Iraq brought home 94 families":
        the people a state repatriates go to that state.  Its country, as the document
        names it (the mention in the sentence, else the nearest one before), is the
        destination, with a country's precision; ``None`` when the doer is no state
        or the document never names its country."""
        a1 = next((a for a in ev.actors if a.role == "actor1"), None)
        if a1 is None or not a1.country or a1.sector not in ("GOV", "MIL"):
            return None
        at = ev.trigger.start if ev.trigger else sent.start_char
        named = [p for p in _country_named(self.doc, a1.country) if p.start < sent.end_char]
        inside = [p for p in named if p.start >= sent.start_char]
        pool = inside or [p for p in named if p.start < at]
        if not pool:
            return None
        return min(pool, key=lambda p: abs(p.start - at))

    def _scene_country(self, ev: Event) -> str | None:
        """The event's place's country, else the document's focus."""
        loc = ev.location
        if loc is not None and loc.country:
            return loc.country
        return self._focus_top().get("country")

    def _focus_top(self) -> dict[str, Any]:
        """The top country entry of the document's places focus ({} when none)."""
        countries = (self.doc.focus or {}).get("countries") or []
        return countries[0] if countries and isinstance(countries[0], dict) else {}

    def _named_civilians(self, ev: Event) -> None:
        """"Gunmen seized a 23-year-old student", "killing its driver": a person the
        actor list does not know, read as a civilian (ACLED inter 7), is named as ACLED
        names unnamed civilians, "Civilians (Country)"; the words and span stay."""
        from kharita.actors.kb import load_kb

        for a in ev.actors:
            if a.actor_id is None and not a.name and a.inter == 7 and a.start < a.end:
                country = a.country or self._scene_country(ev)
                crowd = load_kb().generic_actor("civilians", country)
                a.actor_id, a.name, a.country = crowd.id, crowd.name, country

    def _bare_officers(self, ev: Event) -> None:
        """"Officers arrested 23 people", "300 more officers were deployed": officers
        of no told body are policemen (soldiers' officers are told as such: "army
        officers"), the police of the scene's country (ACLED's "Police Forces of
        Country"); the words and span stay."""
        from kharita.actors.kb import load_kb

        for a in ev.actors:
            if a.actor_id or a.name or a.start >= a.end:
                continue
            span = self.sdoc.char_span(a.start, a.end, alignment_mode="expand")
            head = span.root if span is not None else None
            if head is None or head.lemma_.lower() != "officer" or any(
                    c.dep_ in ("compound", "poss", "nmod") or (
                        c.dep_ == "amod" and c.lemma_.lower() in _OTHER_OFFICERS)
                    for c in head.children) or any(
                    c.dep_ == "prep" and c.lower_ in ("of", "from") for c in head.children):
                continue
            country = self._scene_country(ev)
            kb = load_kb()
            police = kb.state_actor("police", country) if country else None
            if police is None:
                continue
            a.actor_id, a.country, a.sector, a.inter = police.id, country, "COP", police.inter
            a.name = kb.acled_name(police.id, country, ev.date or self.doc.published) or police.name

    def _scene_civilians(self, ev: Event) -> None:
        """Civilians of no told nation are the scene's: "Russian-led strikes killed 20
        people in Idlib" are Syria's, not of the country named nearest them; people on
        the move are of the place they leave (of none told, left alone)."""
        from kharita.actors.kb import load_kb

        moving = ev.origin is not None or bool(ev.destinations)
        scene = ev.origin if moving else ev.location
        if scene is None or not scene.country:
            return
        # who flees or moves is actor1 of a flight told with no path ("thousands
        # fleeing the offensive on Kobani")
        movers = ("actor2", "mover", "actor1") if ev.type in ("RETREAT", "MOBILIZE") else (
            "actor2", "mover")
        for a in ev.actors:
            if (a.role in movers and (a.actor_id or "").startswith("civilians_")
                    and a.country != scene.country and not self._names_a_country(a)):
                crowd = load_kb().generic_actor("civilians", scene.country)
                a.actor_id, a.name, a.country = crowd.id, crowd.name, scene.country
            kind = load_kb().generic_kind(a.actor_id)
            if kind in ("protesters", "rioters") and a.country != scene.country and not moving:
                # ACLED names a crowd by where it gathers: Kurds marching in Manchester
                # are "Protesters (United Kingdom)"
                crowd = load_kb().generic_actor(kind, scene.country)
                a.actor_id, a.name, a.country = crowd.id, crowd.name, scene.country

    def _nation_at_arms(self, ev: Event, sense: Any, tok: Any) -> None:
        """"The Turks shelled Kurdish positions", "the Russians withdrew", "pushed the
        Russians back": a nation named by its plural people, with no number or other
        word, that attacks, is fought or moves as an army does is its military, not
        its civilians ("two Russians were killed" stay civilians; so do people who flee)."""
        from kharita.actors.kb import load_kb

        fought = tok.lemma_.lower() in _FOUGHT
        doer_acts = sense.type == "ASSAULT" or sense.move in _ARMY_MOVES or fought
        armed_doer = any(a.role == "actor1" and is_armed(a) for a in ev.actors)
        for a in ev.actors:
            if not (a.actor_id or "").startswith("civilians_") or not a.country:
                continue
            # whom armed men attack may be civilians ("gunmen attacked Russians at a
            # hotel"); whom they fight, repel or push back is an army
            if not ((a.role in ("actor1", "mover") and doer_acts)
                    or (a.role == "actor2" and fought and armed_doer)):
                continue
            if not self._bare_nation(a):
                continue
            kb = load_kb()
            army = kb.state_actor("military", a.country)
            if army is None:
                continue
            a.actor_id, a.sector, a.inter = army.id, "MIL", self._abroad(army.inter, a.country)
            a.name = kb.acled_name(army.id, a.country, ev.date or self.doc.published) or army.name

    def _abroad(self, inter: int | None, country: str | None) -> int | None:
        """ACLED's inter 8 for a state's forces outside the document's main country
        (the top of its places focus), as the actors stage gives them."""
        top = self._focus_top().get("country")
        return 8 if inter == 1 and top and country and country != top else inter

    def _allied_forces(self, ev: Event) -> None:
        """"Strikes by US, British and French forces", "Russian and Syrian jets": one
        force noun with several nations before it is their militaries acting
        together; the first named is actor1, the others assoc_actor1 (ACLED's
        convention), each at its own word."""
        from kharita.actors.kb import load_kb

        doer = next((a for a in ev.actors if a.role == "actor1"), None)
        if doer is None or not (doer.actor_id or "").startswith("military_"):
            return
        span = self.sdoc.char_span(doer.start, doer.end, alignment_mode="expand")
        if span is None or span.root.lemma_.lower() not in _FORCE_HEADS:
            return
        root = span.root
        words = []
        for c in root.children:
            if c.i < root.i and c.dep_ in ("amod", "nmod", "compound") and c.ent_type_ in ("NORP", "GPE"):
                words.extend(t for t in c.subtree if t.ent_type_ in ("NORP", "GPE")
                             and (t is c or t.dep_ == "conj"))
        kb = load_kb()
        table = _nation_table(kb)
        named: list[tuple[Any, str]] = []
        for t in sorted(words, key=lambda t: t.i):
            iso = t.text if t.text.isupper() and t.text in kb.countries else table.get(t.lower_)
            if iso and iso not in (c for _, c in named):
                named.append((t, iso))
        if len(named) < 2:
            return
        when = ev.date or self.doc.published
        side: list[EventActor] = []
        for k, (t, iso) in enumerate(named):
            army = kb.state_actor("military", iso)
            if army is None:
                return
            side.append(EventActor(role="actor1" if k == 0 else "assoc_actor1", actor_id=army.id,
                                   name=kb.acled_name(army.id, iso, when) or army.name,
                                   text=t.text, start=t.idx, end=t.idx + len(t), sector="MIL",
                                   inter=self._abroad(army.inter, iso), country=iso))
        known = {kb.same_as(a.actor_id) for a in side if a.actor_id}
        ev.actors = side + [a for a in ev.actors if a is not doer and not (
            a.role == "assoc_actor1" and a.actor_id and kb.same_as(a.actor_id) in known)]

    def _bare_nation(self, a: EventActor) -> bool:
        """The actor's words are "(the) Turks": one plural nationality noun, no count."""
        span = self.sdoc.char_span(a.start, a.end, alignment_mode="expand")
        if span is None:
            return False
        words = [t for t in span if t.dep_ != "det"]
        if len(words) != 1:
            return False
        word = words[0]
        return (word.ent_type_ == "NORP" and word.tag_ in ("NNPS", "NNS")
                and not any(c.dep_ in ("nummod", "amod", "quantmod") for c in word.children)
                and word.head.lower_ != "of")  # "thousands of Russians"

    def _names_a_country(self, a: EventActor) -> bool:
        """Whether the actor's own words name a nation ("Russian civilians")."""
        span = self.sdoc.char_span(a.start, a.end, alignment_mode="expand")
        return span is None or any(t.ent_type_ in ("NORP", "GPE") for t in span)

    def _property_owners(self, ev: Event, args: Args) -> None:
        """Homes, shops, markets, wells burned or shelled with no one named as hit:
        ACLED's target is the civilians who own them ("Civilians (Country)"), at the
        property's words."""
        from kharita.actors.kb import load_kb

        # ("set fire **to** homes": the object of "to" is what burned)
        owned = next((t for t in _quantified(args.patients + args.recipients) if t.lemma_.lower() in _CIVIL_PROPERTY
                      and not self.actors.at(t.idx, t.idx + len(t))
                      and not any(c.dep_ in ("poss", "compound", "amod") and self.actors.at(c.idx, c.idx + len(c))
                                  for c in t.children)), None)
        if owned is None:
            return
        country = self._scene_country(ev)
        crowd = load_kb().generic_actor("civilians", country)
        ev.actors.append(EventActor(role="actor2", actor_id=crowd.id, name=crowd.name, text=owned.text,
                                    start=owned.idx, end=owned.idx + len(owned), sector="CVL",
                                    inter=crowd.inter, country=country))

    def _patient_kind(self, args: Args) -> str | None:
        for tok in _quantified(args.patients):
            if self.places.named(tok) or tok.ent_type_ in ("GPE", "LOC", "FAC"):
                return "place"
            lem = tok.lemma_.lower()
            if lem in acled.POSITION_NOUNS:
                return "position"
            if lem in acled.TERRITORY_NOUNS:
                return "place"
            if lem in acled.MUNITION_NOUNS:
                return "munition"
            if lem in acled.AIRCRAFT_NOUNS:
                return "aircraft"
            if lem in acled.WEAPON_NOUNS:
                return "weapon"
            if self.lex.sector_of(tok) or self.actors.at(tok.idx, tok.idx + len(tok)):
                return "person"
            if tok.ent_type_ == "PERSON" or tok.pos_ == "PRON":
                return "person"
            if lem == "old" and any(c.lower_ in ("year", "years") for c in tok.children):
                return "person"  # "the 17-year-old was captured by militiamen"
            if lem in _PEOPLE_TOGETHER or (tok.tag_ == "CD" and not any(
                    c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)):
                return "person"  # "the pair were seized", "the two were captured at a checkpoint"
        return None

    def _context(self, ev: Event, sent: Any, tok: Any, used: set[int], merged: list[Any] = (),
                 pointed: list[tuple[str, str]] = ()) -> None:
        """Date, casualties and location from the events-context helpers; a movement
        whose path is told only by a word pointing back ("left the country") goes from
        or to the place it is found at (:func:`_pointed_path`)."""
        from kharita.events import dates, location, numbers

        try:
            ev.date, ev.date_precision, ev.date_text = dates.event_date(self.doc, sent, tok)
            if not _told_in(ev.date_text, sent):
                # "fought in the insurgency and was killed in 2010": a trigger merged
                # into this one may carry the sentence's date on its own branch
                for other in merged:
                    if other.sent.start == sent.start:
                        got = dates.event_date(self.doc, sent, other)
                        if _told_in(got[2], sent):
                            ev.date, ev.date_precision, ev.date_text = got
                            break
        except Exception as exc:  # noqa: BLE001 - a helper's bug must not lose the event
            log.debug("event_date failed: %s", exc)
        try:
            # counts of dead, wounded, arrested belong to violent or ACLED-scope events;
            # "talks resumed after 12 were killed" does not give the talks 12 dead
            rivals = [t for t in self._rivals if t.i != tok.i]
            counts = numbers.casualties(self.doc, sent, tok, rivals) or {} if (
                ev.type in _COUNTED or ev.acled_event_type) else {}
            ev.fatalities = counts.get("fatalities")
            ev.injured = counts.get("injured")
            ev.arrested = counts.get("arrested")
        except Exception as exc:  # noqa: BLE001
            log.debug("casualties failed: %s", exc)
        if ev.kind == "movement" and ev.origin is not None and ev.origin.lat is not None:
            # from one place to another: troops sent, units moved, detainees transferred
            # are placed where they go; a flight, withdrawal or return where it starts
            goal = next((d for d in ev.destinations if d.lat is not None), None)
            ev.location = goal if goal is not None and ev.mode in _ARRIVALS else ev.origin
        else:
            try:
                ev.location = location.event_location(self.doc, sent, tok, exclude=used)
            except Exception as exc:  # noqa: BLE001
                log.debug("event_location failed: %s", exc)
            if ev.kind == "movement" and pointed and ev.origin is None and not ev.destinations:
                _pointed_path(ev, pointed, self.doc, sent.start_char)
        if ev.kind == "event" and ev.modality not in ("planned", "threatened", "hypothetical"):
            self._retold(ev, sent, tok)
        if ev.modality == "asserted" and _long_before(ev.date, self.doc.published):
            ev.modality = "historical"

    def _retold(self, ev: Event, sent: Any, tok: Any) -> None:
        """"Jets bombed a market in X on Monday ... The strike was the deadliest this
        year": a telling that points back to a happening already told, and whose own
        sentence places it nowhere finer than a country, happened where (and, when
        its sentence tells no day, when) the nearest earlier event of its kind did
        (:func:`.retold.antecedent`)."""
        if not (points_back(tok) or goes_on(tok)):
            return
        dated = _told_in(ev.date_text, sent)
        lemma, names = tok.lemma_.lower(), named_target(tok)
        if claimed(tok):
            # "JNIM claimed the attack": the claimant did the attack told before
            prev = antecedent(ev, lemma, dated, self._told, names, finer=False)
            if prev is not None:
                claimant_is_doer(ev, prev)
        if _told_in(ev.location, sent) and fineness(ev.location) < COUNTRY:
            return  # its own sentence names a place below the country
        prev = antecedent(ev, lemma, dated, self._told, names)
        if prev is not None:
            take_place(ev, prev, dated)

    def _sentence_subject(self, sent: Any) -> EventActor | None:
        """The actor the sentence is about: the subject of its root, if an actor."""
        root = sent.root
        for c in root.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                ea = resolve_role(c, "actor1", self.actors, self.lex.sector_of)
                if ea is not None and ea.actor_id:
                    return ea
        return None


_COUNTED = {"ASSAULT", "COERCE", "PROTEST"}
# capture verbs whose object is ground, never people (unlike capture, seize, liberate)
_TAKES_GROUND = {"retake", "regain", "reclaim", "conquer", "reconquer", "occupy", "overrun"}

# what shows or rehearses an act without being one: "execution videos", "a bombing
# scene", "attack drills"
_PICTURES = {"video", "footage", "film", "photo", "photograph", "image", "imagery", "picture",
             "clip", "documentary", "movie", "game", "simulation", "drill", "scene", "poster",
             "reenactment", "re-enactment", "rehearsal"}

# weapons and aircraft: what acts for an owner, never an actor of its own
_MEANS = {"drone", "jet", "warplane", "aircraft", "plane", "helicopter", "gunship", "bomber",
          "missile", "rocket", "shell", "mortar", "artillery"}
# officers of another body than the police: "military officers", "intelligence officers"
_OTHER_OFFICERS = {"military", "army", "naval", "security", "intelligence", "prison", "customs",
                   "immigration", "border", "medical", "commanding", "senior", "former", "retired",
                   "election", "electoral", "correctional", "health"}
# acts two sides do to each other, told with both as the subject ("X and Y clashed")
_RECIPROCAL_VERBS = {"clash", "fight", "skirmish", "battle", "agree", "sign", "negotiate",
                     "exchange", "reconcile"}
_RECIPROCAL_NOUNS = {"ceasefire", "truce", "deal", "agreement", "accord", "pact", "armistice",
                     "talks", "clash", "clashes"}
# verbs that make their object act: "forced the army to retreat"
_COERCING = {"force", "compel", "oblige", "push"}
# a partner told as such: "troops and allied militias"
_ALLIED = {"allied", "affiliated", "aligned", "loyal", "supporting", "partner", "proxy"}


def _reciprocal(w: Any) -> bool:
    lemma = w.lemma_.lower()
    if w.pos_ == "NOUN":
        return lemma in _RECIPROCAL_NOUNS or w.lower_ in _RECIPROCAL_NOUNS
    if lemma not in _RECIPROCAL_VERBS:
        return False
    # "fought their way into", "signed an order": not an act on each other
    objs = [c for c in w.children if c.dep_ == "dobj"]
    if lemma in ("sign", "exchange"):
        return any(o.lemma_.lower() in _RECIPROCAL_NOUNS or o.lemma_.lower() in ("fire", "prisoner")
                   for o in objs)
    return not objs


# fighting told as such, with or without its sides
_OFFENSIVES = {"offensive", "counteroffensive", "counter-offensive"}
_TRUCES = {"ceasefire", "truce", "armistice", "cessation", "pause"}
_FIGHT_WORDS = {"fighting", "fight", "clash", "clashes", "battle", "combat", "firefight",
                "skirmish"} | _OFFENSIVES
_REPORTING = {"say", "announce", "report", "confirm", "state", "add", "claim"}


def _reporting_subject(tok: Any) -> Any | None:
    """The subject of the speech verb whose reported clause holds ``tok`` ("the army
    said aircraft struck ..."), or None (an accusation's accuser is no reporter)."""
    node = tok
    for _ in range(6):
        if node.dep_ == "ccomp" and node.head.lemma_.lower() in _REPORTING:
            return next((c for c in node.head.children if c.dep_ == "nsubj"), None)
        if node.head.i == node.i:
            return None
        node = node.head
    return None
# what a group claims when it claims an attack: "claimed responsibility", "claimed the bombing"
_CLAIMED = {"responsibility", "attack", "bombing", "killing", "ambush", "assault", "blast",
            "abduction", "kidnapping", "raid", "explosion", "attacks", "bombings", "killings"}
# how a capture word begins ("captured", "capture", "seized", "seizure")
_CAPTURE_STEMS = ("captur", "seiz", "recaptur")
# who is told only as men: when they shoot or attack, an armed group nobody has named
_STRANGERS = {"man", "men", "assailant", "assailants", "attacker", "attackers", "individuals",
              "persons"}
# one person told by pronoun or by kinship: "he was killed", "her cousin was shot"
_PERSON_PRONOUNS = {"he", "she", "him", "her"}

# collective nouns: when one of these joins, a group changes sides, not a person
_COLLECTIVES = {"group", "faction", "brigade", "battalion", "regiment", "division", "unit",
                "militia", "tribe", "clan", "party", "movement", "front", "army", "force",
                "coalition", "alliance", "organisation", "organization", "network", "wing",
                "cell", "contingent", "company", "platoon", "squad", "council", "government",
                "country", "state", "nation", "family", "community", "garrison"}


def _relative(tok: Any) -> bool:
    """A relative pronoun that is its clause's subject ("the student *who* joined")."""
    return tok.tag_ in ("WP", "WDT") and tok.head.dep_ == "relcl"


def _antecedent(tok: Any) -> Any:
    """The noun a relative pronoun stands for, or the token itself."""
    return tok.head.head if _relative(tok) else tok


def _lone_recruit(tok: Any) -> bool:
    """Whether who joins (a group) is one person: "the student who joined the militia",
    "she joined the group in 2015".  ACLED codes a group's change of side or activity,
    not one recruit's; plural and collective joiners ("hundreds of fighters", "a
    faction") stay events."""
    node, subj = tok, None
    for _ in range(3):
        subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            subj = _antecedent(subj)
            break
        if node.dep_ == "relcl":
            subj = node.head
            break
        if node.dep_ not in ("xcomp", "conj", "advcl") or node.head is node:
            return False
        node = node.head
    if subj is None or any(c.dep_ in ("conj", "nummod") for c in subj.children):
        return False
    if subj.lower_ in _PERSON_PRONOUNS:
        return True
    if subj.ent_type_ in ("ORG", "NORP", "GPE"):
        return False
    if subj.tag_ == "NNP":
        return subj.ent_type_ == "PERSON"
    return subj.tag_ == "NN" and subj.lemma_.lower() not in _COLLECTIVES


# armed people or vehicles coming together: a build-up ("fighters gathered near the town")
_MASSING = {"gather", "assemble", "converge"}
# what carries them besides the armed words (tanks, artillery): "columns of vehicles"
_ARMED_VEHICLES = {"vehicle", "truck", "pickup", "armour", "armor"}
# seats of power before which crowds gather to be heard
_SEATS = {"parliament", "embassy", "consulate", "ministry", "palace", "legislature",
          "assembly", "courthouse", "statehouse", "capitol", "governorate", "presidency",
          "chancellery", "headquarters"}
_AT_SEAT = {"outside", "at", "before", "near", "around", "in"}
_OFFICE_HOLDERS = {"minister", "official", "leader", "diplomat", "delegate", "lawmaker",
                   "senator", "ambassador", "envoy", "president", "mp", "guest", "journalist",
                   "reporter"}
# "stood outside the court holding photographs of the missing": a crowd only
_STANDING = {"stand", "line"}
_GATHER = {"gather", "assemble", "converge", "congregate", "mass", "turn"} | _STANDING
# lemmas that are triggers by a rule of the coder, not by the lexicon alone
# verbs that deploy the armed people they take as object to a place ("ordered troops
# to Poland", "rushed reinforcements to the town")
_SENT_OFF = {"order", "rush"}
# verbs by which armed people are withdrawn "out of" a place
_SENT_OUT = {"order", "take", "bring", "get", "move"}
_DEPLOYABLE = {"reinforcement", "battalion", "brigade", "contingent", "warship", "peacekeeper",
               "marine", "paratrooper", "commando", "division", "regiment", "jet", "warplane",
               "squadron", "fleet", "flotilla", "destroyer", "cruiser", "frigate", "submarine",
               "carrier", "company", "detachment"}
_FRONTS = SITE_NOUNS | {"front", "frontline", "border", "region", "province", "line", "sector",
                        "zone"}
# verbs that move the people they carry ("brought from X to Y", "took them to Z")
_CARRY = {"bring", "take", "drive", "carry"}
# verbs by which armed men take people (_taken_by_armed; "hold" in the passive only)
_TAKEN = {"take", "hold", "drag", "pull", "lead", "march"}
# words that make "fall" the season ("this fall", "late last fall")
_SEASON_MARKS = {"this", "last", "next", "that", "early", "late", "previous", "coming"}
# verbs that drive someone out of somewhere (_drove_out), and where "out of" is an idiom
_DRIVE_OUT = {"drive", "chase", "push", "force"}
_OUT_OF_IDIOMS = {"office", "power", "business", "market", "job", "work", "race", "contest",
                  "competition", "tournament", "league", "party", "coalition", "government",
                  "range", "reach", "sight"}
# what lands somewhere with people aboard (_landed)
_AIRCRAFT = {"plane", "aircraft", "airliner", "jet", "flight", "helicopter", "airlift", "charter"}
# what vehicles do when they move (armed subjects only: _rolled)
_ROLL = {"drive", "roll"}
_MILITARY_MODS = {"military", "armoured", "armored", "army", "armed"}
_PATH_PREPS = {"from", "to", "into", "towards", "toward"}
# how a crowd shows its cause: chanting, or holding up what it demands
_CHANTS = {"chant", "shout"}
_SHOWN = {"hold", "wave", "carry", "raise", "brandish"}
_PLACARDS = {"banner", "placard", "sign", "portrait", "photograph", "photo", "picture",
             "poster", "slogan", "flag"}
# pictures show a cause when they are of someone: "portraits of the missing"
_LIKENESSES = {"portrait", "photograph", "photo", "picture"}
_RULE_TRIGGERS = (_GATHER | _SENT_OFF | _CARRY | _ROLL | _DRIVE_OUT | _TAKEN | _SHOWN | _CHANTS
                  | {"land", "fire"})
_FIRST_PERSON = {"we", "i", "us", "our", "my"}
# verbs by which someone argues for an act, and who argues without being a party
_ADVOCATE = {"call", "urge", "advocate", "recommend", "propose", "suggest", "favour", "favor",
             "argue", "demand"}
_COMMENTATORS = {"critic", "columnist", "commentator", "analyst", "writer", "author", "editorial",
                 "expert", "pundit", "hawk", "campaigner", "academic", "scholar", "observer"}
# a state, its forces or an armed group (roles.ARMED_SECTORS), or a party: may call for its own act
_PARTY_SECTORS = ARMED_SECTORS | {"GOV", "PTY"}
# military people and objects: "came under fire" said of them is gunfire
_ARMED_WORDS = {"force", "troop", "soldier", "army", "convoy", "patrol", "checkpoint", "post",
                "base", "position", "outpost", "unit", "tank", "militant", "fighter", "gunman",
                "sniper", "militia", "rebel", "insurgent", "police", "policeman", "officer",
                "helicopter", "aircraft", "jet", "warship", "vessel", "ship", "artillery",
                "mortar", "barracks"}


def _shows_a_cause(branch: Any) -> bool:
    """A crowd's own gesture of protest in a branch of the gathering verb: chanting or
    shouting, or holding, waving or carrying banners, placards, portraits or
    photographs (the parser may hang "waving placards" anywhere in the branch)."""
    for t in branch.subtree:
        if t.pos_ != "VERB" or t.tag_ not in ("VBG", "VBD", "VBN"):
            continue
        lem = t.lemma_.lower()
        if lem in _CHANTS:
            return True
        if lem in _SHOWN and (_placard(t.head) or any(
                c.dep_ == "dobj" and _placard(c) for c in t.children)):
            return True
    return False


def _before_a_seat(verb: Any) -> bool:
    """The gathering is outside, at or in front of a seat of power ("gathered outside
    parliament", "assembled in front of the embassy"), where crowds come to be heard."""
    for c in verb.children:
        if c.dep_ != "prep" or c.lower_ not in _AT_SEAT:
            continue
        objs = [g for g in c.children if g.dep_ == "pobj"]
        if c.lower_ == "in":  # "in front of X"
            objs = [h for g in objs if g.lower_ == "front" for p in g.children
                    if p.dep_ == "prep" and p.lower_ == "of" for h in p.children if h.dep_ == "pobj"]
        if any(o.lemma_.lower() in _SEATS for o in objs):
            return True
    return False


def _placard(tok: Any) -> bool:
    """A banner, placard or sign; a portrait or photograph when it is of someone."""
    lemma = tok.lemma_.lower()
    if lemma in _LIKENESSES:
        return any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)
    return lemma in _PLACARDS


def _subject_heads(verb: Any) -> list[Any]:
    """The verb's subject nouns and what an "of" phrase on them names ("columns of
    tanks": columns, tanks); pronouns left out."""
    return [h for c in verb.children if c.dep_ == "nsubj" and c.pos_ != "PRON"
            for h in (c, *[g for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                           for g in p.children if g.dep_ == "pobj"])]


def _crowd_shows_a_cause(verb: Any) -> bool:
    """"Relatives held up portraits of the missing", "students chanted slogans": people
    told in the plural (or a crowd) showing placards, banners, portraits or
    photographs, or chanting slogans, demonstrate.  One person holding a photograph
    ("the minister held up a picture") is no protest; flags are waved at matches."""
    lemma = verb.lemma_.lower()
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    if not (lemma in _SHOWN and lemma != "raise" and any(
                _placard(o) and o.lemma_.lower() in _CARRIED_CAUSES for o in objs)
            or lemma in _CHANTS and any(o.lemma_.lower() == "slogan" for o in objs)):
        return False
    return _crowd_subject(verb)


def _crowd_subject(verb: Any) -> bool:
    """The verb's subject is people in the plural or a crowd, unarmed (soldiers carry
    banners on parade; one man standing and shouting is no gathering)."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    subj = _antecedent(subj) if subj is not None else None  # "relatives who held ..."
    return subj is not None and subj.pos_ == "NOUN" and (
        subj.tag_ == "NNS" or subj.lemma_.lower() in _CROWD_NOUNS) and (
        subj.lemma_.lower() not in _ARMED_WORDS)


_CROWD_NOUNS = {"crowd", "group", "mob", "throng", "gathering", "people"}
# public places a crowd gathers in to be seen
_PUBLIC_SPOTS = {"square", "street", "road", "corner", "park", "plaza", "bridge", "roundabout",
                 "gate", "entrance", "steps", "station", "port", "quay", "market", "campus",
                 "avenue", "boulevard", "highway", "junction", "monument", "memorial", "stadium"}
_PROTESTERS = {"protester", "demonstrator", "activist", "striker", "picket"}
# buildings and public places unarmed people occupy in protest (not towns or ground)
_SIT_IN_SITES = _PUBLIC_SPOTS | _SEATS | {
    "faculty", "university", "campus", "building", "school", "office", "hall", "factory",
    "plant", "mine", "station", "airport", "court", "library", "lobby", "chamber", "premises",
    "headquarters", "site", "refinery", "warehouse", "church", "cathedral", "mosque", "rectorate"}


def _gathered_for_else(verb: Any) -> bool:
    """The gathering tells its own reason, and no cause: round a thing ("around a
    radio", "round the fire") or for another purpose ("to collect flour", "to
    listen for news", "to watch the match")."""
    return any(c.dep_ == "prep" and c.lower_ in ("around", "round") or c.dep_ in ("xcomp", "advcl")
               and c.lemma_.lower() not in _PROTEST_PURPOSES
               and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
               for c in verb.children)


def _gathering_again(verb: Any) -> bool:
    """"They would gather again": people named by a pronoun gathering once more."""
    return any(c.dep_ == "advmod" and c.lower_ == "again" for c in verb.children) and any(
        c.dep_ == "nsubj" and c.lower_ in ("they", "we") for c in verb.children)


# what a crowd holds up for its cause without gathering first (not a sign over a shop)
_CARRIED_CAUSES = {"banner", "placard", "poster"} | _LIKENESSES
_PROTEST_PURPOSES = {"condemn", "demand", "denounce", "protest", "decry", "call", "demonstrate",
                     "oppose", "reject", "express", "voice", "mourn", "honour", "honor"}
# violent verbs with an everyday sense decided by their object: "executed a search
# warrant", "shot a documentary", "hit a record", "struck a chord"
_DOUBLE_VERBS = {"execute", "shoot", "hit", "strike", "kill", "fire", "bomb", "blast", "destroy",
                 "crush", "shatter", "wreck"}
_THINGS_DONE = {"warrant", "order", "plan", "strategy", "contract", "deal", "trade", "search",
                "policy", "project", "task", "transaction", "will", "film", "video", "movie",
                "scene", "photo", "photograph", "picture", "footage", "documentary", "episode",
                "commercial", "advert", "record", "high", "low", "peak", "milestone", "note",
                "chord", "balance", "tone", "jackpot", "headline", "headlines", "snag",
                # what is destroyed or crushed only figuratively: "destroy the group's
                # hold on territory", "crushed hopes of a deal", "killed the bill"
                "hope", "chance", "hold", "grip", "credibility", "reputation", "career",
                "confidence", "trust", "morale", "myth", "narrative", "argument",
                "legitimacy", "idea", "bill", "proposal", "momentum", "dream", "prospect",
                "relationship", "image", "brand", "ambition", "spirit"}
# what can be taken by force: "took the town", "took the airport"
_TAKEN_PLACES = {"town", "city", "village", "base", "airport", "district", "airbase", "outpost",
                 "position", "hill", "stronghold", "capital", "port", "crossing", "checkpoint",
                 "garrison", "barracks", "bridge", "area"}
_WEAPON_WORDS = {"bomb", "ied", "landmine", "mine", "explosive", "vbied", "rocket", "mortar",
                 "missile", "artillery", "projectile", "grenade", "salvo"}
# Senses whose "to X"/"for X" names who receives what the actor gives, offers, grants,
# concedes or says ("sent aid to Sudan", "apologised to Brazil", "spoke to reporters").
_RECIPIENT_TYPES = {"AID", "AGREE", "SUPPORT", "COOPERATE", "CONCEDE", "CONSULT", "REQUEST"}
# acts a state directs at a country by acting on its ground, outside ACLED's scope
_SCENE_TARGET_TYPES = {"CONCEDE", "SANCTION", "THREATEN", "AID"}
# statements, diplomacy and sanctions: their object may be a thing aimed at a party
_ADDRESSED_TYPES = _RECIPIENT_TYPES | {"THREATEN", "SANCTION", "REJECT", "ACCUSE"}
# yielding to someone: "surrendered to Kurdish forces", "defected to the army"
_YIELD_TO = {"surrender", "defect", "capitulate", "submit", "yield"}
_WEAPON_MODE = {"chemical": "CBRN", "suicide": "suicide-bomb", "drone": "drone", "air": "aerial",
                "grenade": "explosives", "ied": "explosives", "shelling": "heavy-weapons",
                "firearms": "firearms"}


def _previous_person(tok: Any, is_place: Any, reach: int = 600, governed: bool = True) -> str | None:
    """The fullest name of the person last named before ``tok`` (within ``reach``
    characters): "Shamima Begum ... Begum ... she" gives "Shamima Begum".  Names the
    places stage read as places are not persons (the small model calls many Arabic
    place names PERSON: "al-Hawl").  ``governed``: a subject pronoun is first read as
    the person its governing clause is told of; an object pronoun ("transferred her")
    is never its own clause's subject, so it takes the last person named."""
    names = [e for e in tok.doc.ents if e.label_ == "PERSON" and e.end <= tok.i
             and tok.idx - e.start_char <= reach and not is_place(e.start_char, e.end_char)]
    if not names:
        return None
    last = (_governing_subject(tok, names) if governed else None) or names[-1]
    if last is NOBODY:
        return None
    surname = last[-1].text
    full = [e.text for e in tok.doc.ents if e.label_ == "PERSON" and e.end <= tok.i
            and e[-1].text == surname and len(e) > len(last)]
    return full[0] if full else last.text


NOBODY = object()  # a pronoun whose antecedent is a name the tagger did not read as a person


# movements whose object is what is left or fled, never who moves (unlike "evacuated
# 157 people", "moved the detainees")
_LEFT_BEHIND = {"flee", "escape", "leave", "abandon", "desert", "vacate", "quit", "exit"}


def _governing_subject(tok: Any, names: list[Any]) -> Any | None:
    """Of the persons named before a pronoun, the subject of a clause the pronoun's
    clause hangs from: in "Malik has been informed by the interior minister, Tom
    Ashworth, that she will lose ...", *she* is Malik, not the nearer Ashworth."""
    by_root = {e.root.i: e for e in names}
    for anc in tok.ancestors:
        for c in anc.children:
            if c.dep_ not in ("nsubj", "nsubjpass") or c.i > tok.i:
                continue
            if c.i in by_root:
                return by_root[c.i]
            if c.pos_ == "PROPN" and c.ent_type_ not in ("GPE", "LOC", "NORP", "FAC"):
                # a name the tagger missed: its fuller form named before, else no one
                # (not the nearer person: "Begum has been told by Javid that she ...")
                return next((e for e in reversed(names) if e[-1].text == c.text), NOBODY)
    return None


# who plants or lays a bomb set it off: "a Taliban-planted mine", "an IED planted by
# Islamic State", "a bomb which the militants had placed"
_PLANT_VERBS = {"plant", "lay", "place", "rig", "bury", "emplace", "hide", "attach"}
_PLANTED = {"bomb", "ied", "mine", "landmine", "explosive", "explosives", "device", "booby",
            "trap", "charge", "bombs", "ieds", "mines", "landmines", "devices"}


def _planter(tok: Any) -> Any | None:
    """The noun of whoever planted the bomb ``tok`` names (or the planting verb itself,
    when the parser makes it the subject: "IEDs planted by the Taliban destroyed ...")."""
    if tok.lemma_.lower() in _PLANT_VERBS and tok.pos_ == "VERB":
        verbs = [tok]
    elif tok.lower_ in _PLANTED or tok.lemma_.lower() in _PLANTED:
        verbs = [c for c in tok.children if c.dep_ in ("acl", "amod", "relcl")
                 and c.lemma_.lower() in _PLANT_VERBS]
        if tok.dep_ in ("nsubjpass", "dobj") and tok.head.lemma_.lower() in _PLANT_VERBS:
            verbs.append(tok.head)  # "the Taliban planted a mine", "IEDs were planted by X"
    else:
        return None
    for v in verbs:
        for g in v.children:
            if g.dep_ == "agent":
                return next((x for x in g.children if x.dep_ == "pobj"), None)
            if v.dep_ == "amod" and g.dep_ in ("npadvmod", "compound") and g.i < v.i:
                return g  # "a Taliban-planted mine"
            if g.dep_ == "nsubj" and g.lower_ not in ("which", "that", "who"):
                return g
    return None


def _claimant(tok: Any) -> Any | None:
    """The noun of whoever claims the attack named by ``tok``, if the sentence says so."""
    for c in tok.children:
        if c.lemma_.lower() != "claim":
            continue
        if c.dep_ == "acl":  # "a bombing claimed by X"
            for g in c.children:
                if g.dep_ == "agent":
                    return next((x for x in g.children if x.dep_ == "pobj"), None)
        if c.dep_ == "relcl":  # "the bombing, which X claimed"
            return next((x for x in c.children if x.dep_ == "nsubj"), None)
    head = tok.head
    if tok.dep_ == "pobj" and ((head.lower_ == "for" and head.head.lower_ == "responsible")
                               or head.lower_ == "behind"):
        # "the army was responsible for the shelling of the market", "X was held
        # responsible for ...", "the group is behind the bombing"
        verb = head.head.head if head.lower_ == "for" else head.head
        if verb.lemma_.lower() in ("be", "hold") and not any(
                c.dep_ == "neg" for w in (verb, head.head) for c in w.children):
            return next((x for x in verb.children if x.dep_ in ("nsubj", "nsubjpass")
                         and x.lower_ not in ("it", "who", "which", "that")), None)
    if tok.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_.lower() == "responsibility":
        head = head.head  # "X claimed responsibility for the bombing"
        tok = head
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() == "claim":
        return next((x for x in tok.head.children if x.dep_ == "nsubj"), None)
    return None


# being held, not the act of detaining: "in detention", "under house arrest"
_HELD_STATES = {"detention", "custody", "captivity", "imprisonment", "confinement", "arrest",
                "prison", "jail"}
# nouns that count people: "a number of soldiers", "a group of villagers"
_COUNT_NOUNS = {"dozens", "scores", "hundreds", "thousands", "some", "many", "number", "dozen",
                "handful", "couple", "group", "groups", "lot", "lots", "few", "majority", "score",
                "remnants", "remnant", "members", "member", "rest", "remainder", "bulk"}


def _quantified(toks: list[Any]) -> list[Any]:
    """"two of the jihadists", "dozens of villagers": the people counted, not the count."""
    out = []
    for tok in toks:
        if tok.pos_ in ("NUM", "PRON", "DET", "ADJ") or tok.lower_ in _COUNT_NOUNS:
            out.extend(g for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
                       for g in p.children if g.dep_ == "pobj")
        out.append(tok)
    return out


def _salience(tok: Any) -> float:
    """How central the trigger is in its sentence: main clause, reported clause or
    complement of an intent verb score high; adverbial and relative clauses low."""
    penalty = 0.0
    t = tok
    for _ in range(8):
        if t.dep_ == "ROOT":
            break
        if t.dep_ in ("ccomp", "acl") and t.head.pos_ == "NOUN":
            penalty += 0.12  # the content of a demand, report or admission
        elif t.dep_ in ("advcl", "relcl", "acl", "pcomp"):
            penalty += 0.08
        elif t.dep_ == "pobj" and t.pos_ == "NOUN":
            penalty += 0.05
        elif t.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and t.pos_ == "NOUN":
            penalty += 0.02
        elif t.dep_ in ("ccomp", "xcomp", "conj", "parataxis"):
            penalty += 0.01
        t = t.head
    return max(0.0, 0.12 - penalty)


def _linked(a: Any, b: Any) -> bool:
    """b hangs on a within two arcs (through a preposition or clause link), or they are
    coordinated.  A relative clause on one of a's arguments ("detained protesters *who
    had blocked* the road", "killed militants who attacked a post") tells another act,
    done by that argument: it is never the same event."""
    if b.dep_ == "relcl" and b.head != a and any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("who", "which", "that")
            for c in b.children):
        return False  # ("a town near X, *where* fighters opened fire" may tell the same act)
    if b.head == a or (b.head.head == a and b.head.pos_ in ("ADP", "NOUN", "VERB")):
        return True
    measure = measure_of(b)
    if measure is not None and measure.head == a and measure.dep_ in ("nsubj", "nsubjpass", "dobj"):
        return True  # "a series of airstrikes by X killed 30": the measure stands for the act
    if b.dep_ == "conj" and b.head == a:
        return True
    return a.head == b.head and b.dep_ == "conj"


_CONTRAST_MARKS = {"while", "whereas", "whilst"}


def _own_clause(tok: Any) -> bool:
    """A coordinated or contrasted clause with a doer of its own (an active noun
    subject) tells its own happening, however close ("missiles killed five in Kharkiv,
    while drone strikes killed three in Odesa"); a pronoun subject refers back to the
    same doer ("... and they killed five"), and a passive subject is a victim of the
    same act ("three soldiers were killed and five were wounded")."""
    if tok.pos_ != "VERB" or not any(
            c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN") for c in tok.children):
        return False
    if tok.dep_ == "conj":
        return True
    # "... killed when Afghan forces repulsed their attack": the when-clause tells how
    # the same happening went; "while"/"whereas" set another beside it
    return tok.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in _CONTRAST_MARKS for c in tok.children)


def _depth(tok: Any) -> int:
    heads = tree_arrays(tok.doc).heads
    i, d = tok.i, 0
    while heads[i] != i and d < 50:
        i = heads[i]
        d += 1
    return d


def _told_in(span: Span | Place | None, sent: Any) -> bool:
    """The date span or place mention starts in the sentence (not an earlier
    sentence's frame, the dateline or the focus)."""
    return span is not None and sent.start_char <= span.start < sent.end_char


# prepositions of what led up to an act ("after days of shelling, rebels took the town")
_LEADING_UP = {"after", "following", "amid", "before"}


def _leading_up(b: Any, a: Any) -> bool:
    """``b`` is told in a phrase of what led up to act ``a`` ("after days of mortar fire
    and street battles, the town fell"): it lends its words, but the act it led up to
    keeps its kind (the town's fall is a change of territory, not a shelling)."""
    for anc in b.ancestors:
        if anc.i == a.i:
            return False
        if anc.dep_ == "prep" and anc.lower_ in _LEADING_UP and anc.head.i == a.i:
            return True
    return False


def _absorb(a: Cand, b: Cand) -> None:
    """Merge b into a, keeping the more specific mode, class and weapon (an operation
    noun, "kidnapped 40 in a night *raid*", says how, not what: it keeps a's class)."""
    a.merged.append(b.tok)
    a.merged.extend(b.merged)
    if b.sense.cls == "capture" and a.sense.cls != "capture":
        a.capture_tok = b.capture_tok or b.tok
    # a crowd-control munition ("fired stun grenades at") says how, not what
    means = b.tok.pos_ == "NOUN" and (b.tok.lemma_.lower() in noise.MEANS_NOUNS or _less_lethal(b.tok))
    if not means and not _leading_up(b.tok, a.tok) \
            and _CLS_RANK.get(b.sense.cls, 0) > _CLS_RANK.get(a.sense.cls, 0):
        a.sense = Sense(a.sense.type, b.sense.mode or a.sense.mode, b.sense.cameo, b.sense.cls,
                        a.sense.move or b.sense.move, max(a.sense.strength, b.sense.strength),
                        a.sense.words)
    elif a.sense.mode is None and b.sense.mode:
        a.sense = Sense(a.sense.type, b.sense.mode, a.sense.cameo, a.sense.cls, a.sense.move,
                        max(a.sense.strength, b.sense.strength), a.sense.words)


_REPEL = {"repulse", "repel", "foil", "thwart", "counter", "beat", "fend", "push"}


def _repelled(args: Args, toks: list[Any], light_verbs: frozenset[str], known: Any) -> None:
    """"Afghan forces repulsed their attack": whoever attacked is actor1 (ACLED's
    initiator) and the defender actor2, whatever the verb's grammatical subject."""
    for verb in toks:
        if verb.lemma_.lower() not in _REPEL:
            continue
        for obj in verb.children:
            if obj.dep_ != "dobj":
                continue
            defenders = [t for t in args.agents if t.head == verb or t.i in {
                c.i for c in verb.children}]
            driven_back = verb.lemma_.lower() in ("repel", "repulse") or any(
                c.dep_ in ("prt", "advmod") and c.lower_ in ("back", "off") for c in verb.children)
            if (driven_back and obj.pos_ in ("NOUN", "PROPN", "PRON")
                    and obj.lemma_.lower() not in _REPELLED_ACTS):
                # "repulsed the attackers", "soldiers repelled them": who is driven
                # back attacked
                attackers = [a for a in (known(t, defenders) for t in [obj, *(
                    c for c in obj.children if c.dep_ == "conj")])
                             if a is not None]
            else:
                attackers = [a for a in (known(t, defenders) for t in arguments(
                    obj, "ASSAULT", light_verbs).agents) if a is not None]
            # (not the means: "foiled a car bomb attack" names no attacker)
            attackers = [a for a in attackers if a not in defenders
                         and a.lemma_.lower() not in _WEAPON_WORDS | _MEANS_WORDS]
            if not attackers:
                # "repelled the attack, killing 23 militants": those the defenders
                # killed while repelling it are the attackers
                attackers = [t for t in args.patients if t.dep_ == "dobj" and t.head != verb
                             and t.head.head == verb and t.head.dep_ in ("advcl", "conj")
                             and t.head.lemma_.lower() in _KILLED_ATTACKERS]
            if attackers and defenders:
                args.agents = attackers + [t for t in args.agents if t not in defenders]
                args.patients = defenders + [t for t in args.patients if t not in attackers]
            return


_OWN_ATTACKS = {"attack", "assault", "offensive", "raid", "ambush", "incursion", "advance"}
# what is repelled when it is an act, not the people who do it
_REPELLED_ACTS = _OWN_ATTACKS | {"attempt", "counterattack", "counteroffensive", "push", "bid",
                                 "onslaught", "wave", "charge", "infiltration", "strike"}
_KILLED_ATTACKERS = {"kill", "neutralise", "neutralize", "eliminate", "capture"}
_MEANS_WORDS = {"car", "truck", "vehicle", "suicide", "drone", "air", "ground", "gun", "knife"}


def _killed_in_their_attack(args: Args, verb: Any) -> None:
    """"10 Taliban militants were killed following their attacks on Afghan forces":
    those killed attacked; ACLED makes the initiator actor1 and the attacked actor2."""
    if not args.passive or not args.patients or verb.pos_ != "VERB":
        return
    verbs = [verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB")]
    for prep in (c for v in verbs for c in v.children):
        # the parser reads "following" as a preposition or as a verb of its own
        if prep.lower_ not in ("following", "after", "during", "in"):
            continue
        for att in prep.children:
            if att.dep_ not in ("pobj", "dobj") or att.lemma_.lower() not in _OWN_ATTACKS:
                continue
            if not any(c.dep_ == "poss" and c.lower_ in ("their", "its") for c in att.children):
                continue
            targets = [t for p in att.children if p.dep_ == "prep" and p.lower_ in ("on", "against")
                       for t in p.children if t.dep_ == "pobj"]
            if not targets or any(a.head != att for a in args.agents):
                return  # someone else is named as the doer
            args.agents = [t for t in args.patients if t not in targets]
            args.patients = targets + [t for t in args.partners if t not in targets]
            args.partners = []
            args.passive = False
            return


_NAMED_ENTS = {"ORG", "GPE", "NORP", "PERSON", "FAC", "LOC"}
# lexicon strength from which a trigger word alone says the event happened
_SURE_WORD = 0.8
# ACLED's political-violence types: a state that fights does so with its forces
_FIGHTING = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


# the titles of people whose journeys are visits
_OFFICIALS = {"secretary", "minister", "president", "envoy", "delegation", "ambassador",
              "chancellor", "premier", "king", "queen", "prince", "pope", "emir", "mayor",
              "governor", "diplomat", "diplomats", "senator", "senators", "delegates",
              "spokesman", "spokeswoman", "leader", "chief", "commissioner", "negotiators",
              "official"}


# what a party leaves without moving: agreements, talks and meetings
DEALS = {"deal", "agreement", "accord", "treaty", "pact", "summit", "talks", "meeting",
         "conference", "negotiation", "process", "convention", "framework", "plan", "race",
         "election", "contest", "competition", "tournament", "session", "forum",
         # a body one belongs to: "threatened to quit the alliance", "left the union"
         "alliance", "union", "bloc", "league", "organisation", "organization", "federation",
         "commonwealth", "membership", "nato", "eu", "opec", "ecowas", "asean"}


def _left_a_deal(tok: Any) -> bool:
    """The trigger's object or from/out-of phrase is an agreement or a meeting."""
    objs = [c for c in tok.children if c.dep_ == "dobj"]
    for c in tok.children:
        if c.dep_ in ("prep", "prt") and c.lower_ in ("from", "out", "of"):
            # "withdraw from the deal", "pulled out of the talks"
            objs.extend(w for w in c.subtree if w.dep_ == "pobj" and w.head.lower_ in ("from", "out", "of"))
    return any(o.lemma_.lower() in DEALS or o.lower_ in DEALS for o in objs)


# verbs whose subject moves itself even when made to ("forcing residents to flee")
_SELF_MOTION = {"flee", "fled", "flees", "fleeing", "escape", "escaped", "escaping", "run", "ran"}


def _moved_by_another(ev: Event) -> None:
    """"Iraq repatriated 94 families", "Kenya deported 20 Somalis", "guards transferred
    the detainees to Hasakah": people moved by someone else are the target of the one
    who moves them (actor2), as the project's codebook and PLOVER code a deportation
    or a transfer; who moves of their own accord, or with nobody told moving them
    ("thousands were displaced"), stays the mover, and so do people made to flee
    ("forcing thousands to flee": they flee).  A side's own forces or fighters sent
    somewhere ("Russia deployed troops", "its units pulled back soldiers") are its
    own means, not its target.  Run after movements are chained (the chain follows
    the people moved)."""
    if ev.kind != "movement" or ev.mode == "displace" or ev.trigger is None or (
            set(ev.trigger.text.lower().split()) & _SELF_MOTION):
        return
    doer = next((a for a in ev.actors if a.role == "actor1"), None)
    if doer is None:
        return
    first = True
    for a in ev.actors:
        if a.role != "mover" or (a.actor_id and a.actor_id == doer.actor_id):
            continue
        if is_armed(a) and (not a.actor_id or not a.country or not doer.country
                            or a.country == doer.country):
            continue  # "deployed its troops", "pulled its fighters back"
        a.role = "actor2" if first else "assoc_actor2"
        first = False


# words of a state taking its own people home ("repatriated", "brought home", "flew
# home"); "sent home" and "went home" go to the people's home, not the sender's
_HOMEWARD_LEMMAS = {"repatriate", "repatriation"}
_HOMEWARD_VERBS = {"bring", "fly", "take"}


def _homeward(tok: Any, ev: Event) -> bool:
    """The trigger tells a party bringing people home."""
    if tok.lemma_.lower() in _HOMEWARD_LEMMAS:
        return True
    words = (ev.trigger.text.lower().split() if ev.trigger else [])
    return tok.lemma_.lower() in _HOMEWARD_VERBS and "home" in words


def _official_trip(ev: Event, person: Any = None) -> bool:
    """Everyone who goes is a civil official named by title ("the foreign minister",
    "the defence secretary", "a UN envoy"), or by a person's name the actor list knows
    as an official of a government ("President Macron flew on to Dakar"): ``person(a)``
    says whether the actor's words name a person."""
    goers = [a for a in ev.actors if a.role in ("actor1", "mover")]
    return bool(goers) and all(
        # a state abroad is ACLED's inter 8 ("external forces"), as are UN bodies
        a.sector in ("GOV", "IGO", "JUD") and (a.inter in (None, 1, 8)) and (bool(
            _titles((a.text or "").lower().replace("'s", "").split()) & _OFFICIALS)
            or (person is not None and person(a)))
        for a in goers)


def _titles(words: list[str]) -> set[str]:
    """The words with plural titles made singular: "the leaders of Iran and Turkey",
    "foreign ministers" go as officials do."""
    return {w[:-1] if w.endswith("s") and w[:-1] in _OFFICIALS else w for w in words}


def _host(ev: Event, published: str | None) -> None:
    """A visit abroad is a consultation with the host: "the Iraqi president arrived in
    Amman on a visit" has Jordan's government as its actor2 (CAMEO's and PLOVER's
    convention) when no one else is named as met."""
    from kharita.actors.kb import load_kb

    loc = ev.location
    a1 = next((a for a in ev.actors if a.role == "actor1"), None)
    if (loc is None or not loc.country or loc.resolved_as not in ("gazetteer", "variant")
            or a1 is None or not a1.country or a1.country == loc.country
            or any(a.role == "actor2" for a in ev.actors)):
        return
    kb = load_kb()
    host = kb.state_actor("government", loc.country)
    if host is None:
        return
    ev.actors.append(EventActor(role="actor2", actor_id=host.id, name=kb.acled_name(
        host.id, loc.country, ev.date or published) or host.name, text=loc.text, start=loc.start,
        end=loc.end, sector="GOV", country=loc.country, inter=host.inter))


def _armed_state(ev: Event, published: str | None) -> None:
    """"Russia shelled Kherson": a country acting by force is its military
    ("Military Forces of Russia (2000-)", ACLED's convention), not its government."""
    from kharita.actors.kb import load_kb

    kb = None
    for a in ev.actors:
        if not (a.actor_id or "").startswith("government_"):
            continue
        kb = kb or load_kb()
        military = "military_" + a.actor_id.split("_", 1)[1]
        if military not in kb.actors:
            continue
        a.actor_id = military
        a.name = kb.acled_name(military, a.country, ev.date or published) or a.name
        a.sector = "MIL"


# what civilians own: burned, looted or shelled, its owners are the target
_CIVIL_PROPERTY = {"house", "home", "hut", "shop", "store", "market", "hospital", "clinic",
                   "school", "mosque", "church", "temple", "well", "farm", "crop", "granary",
                   "dwelling", "homestead", "bakery", "marketplace"}
def _country_named(doc: Document, iso: str | None) -> list[Place]:
    """The document's mentions of the country ``iso`` itself (a PCL place), in order."""
    return [p for p in doc.places if p.country == iso and (p.feature_code or "").startswith("PCL")]


# the place a pointing-back word stands for: "the town" a town, "the country" a country
_TOWN_WORDS = {"city", "town"}
_COUNTRY_WORDS = {"country"}


def _pointed_path(ev: Event, pointed: list[tuple[str, str]], doc: Document, before: int) -> None:
    """"Soldiers returned to the town", "the troops are to leave the country": the
    path is told by a word standing for a place the text has named, which is where the
    event is found (``ev.location``, from its sentence or the ones before).  A town word
    takes a town, "the country" that place's country as the text names it (the last
    mention before the sentence, else the first), "the area" anything finer than a
    country; otherwise the path stays untold."""
    role, word = pointed[0]
    place = ev.location
    if place is None or place.lat is None:
        return
    if word in _COUNTRY_WORDS:
        if fineness(place) != COUNTRY:
            named = [p for p in _country_named(doc, place.country) if p.lat is not None]
            earlier = [p for p in named if p.start < before]
            place = earlier[-1] if earlier else (named[0] if named else None)
    elif word in _TOWN_WORDS:
        place = place if place.feature_class == "P" else None
    elif fineness(place) >= COUNTRY:
        place = None
    if place is None:
        return
    place = replace(place, resolved_as="pointed")  # told by no name of its own
    if role == "origin":
        ev.origin = place
    else:
        ev.destinations = [place]


# movements placed where they go, not where they start: a deployment, reinforcement,
# infiltration or plain move is done at its goal; flight, withdrawal, displacement,
# smuggling, return and deportation are done where they leave from
_ARRIVALS = {"troops", "infiltrate", "move"}
# movements of armed forces: a state doing them acts through its military
_TROOP_MOVES = {"deployment", "reinforcement"}  # and withdrawals from a place
# nouns for a state's armed means: "US and British warplanes", "Russian and Syrian jets"
_FORCE_HEADS = {"force", "forces", "troop", "troops", "soldier", "soldiers", "jet", "jets",
                "warplane", "warplanes", "aircraft", "plane", "planes", "bomber", "bombers",
                "army", "armies", "navy", "navies", "warship", "warships", "military",
                "militaries", "drone", "drones", "helicopter", "helicopters"}


def _nation_table(kb: Any) -> dict[str, str]:
    """Lower-case country names, other names and demonyms to ISO codes (memoised)."""
    table = kb.__dict__.get("_nation_table")
    if table is None:
        table = {}
        for iso, c in kb.countries.items():
            for word in [c.name, *c.alt, *c.demonyms]:
                table.setdefault(word.lower(), iso)
        kb.__dict__["_nation_table"] = table
    return table


# moves a nation makes as an army: "the Russians withdrew", "the Turks deployed"
_ARMY_MOVES = {"deployment", "reinforcement", "withdrawal", "infiltration"}
# what armies do to each other: "pushed the Russians back", "fought the Turks"
_FOUGHT = {"push", "repel", "repulse", "drive", "fight", "battle", "clash", "rout", "encircle",
           "surround", "counterattack", "outflank"}


def _protest_first(ev: Event) -> None:
    """"Police fired tear gas at protesters": a protest met with force short of killing
    is the protesters' event (ACLED's *Protest with intervention*: the protesters are
    actor1, the force that intervened actor2); excessive force keeps the force first."""
    doers = [a for a in ev.actors if a.role in ("actor1", "assoc_actor1")]
    hit = [a for a in ev.actors if a.role in ("actor2", "assoc_actor2")]
    if not hit or not doers or not any(is_state(a) or is_armed(a) for a in doers) or not all(
            is_civilian(a) or a.inter == 6 for a in hit if a.role == "actor2"):
        return
    swap = {"actor1": "actor2", "assoc_actor1": "assoc_actor2",
            "actor2": "actor1", "assoc_actor2": "assoc_actor1"}
    for a in doers + hit:
        a.role = swap[a.role]
    ev.actors.sort(key=lambda a: a.role != "actor1")


def _crowd_protests(ev: Event) -> None:
    """"Thousands of people marched": whoever protests is a protester (ACLED's
    "Protesters (Country)"), not the civilians a generic "people" names."""
    from kharita.actors.kb import load_kb

    for a in ev.actors:
        if a.role not in ("actor1", "assoc_actor1") or not (
                (a.actor_id or "").startswith("civilians") or (a.actor_id is None and a.sector == "CVL")):
            continue
        crowd = load_kb().generic_actor("protesters", a.country)
        # (the sector the words told stays: farmers, workers, refugees protesting)
        a.actor_id, a.name, a.inter = crowd.id, crowd.name, crowd.inter
        a.sector = a.sector or crowd.sector


def _crowd_riots(ev: Event, scene: str | None) -> None:
    """"Protesters threw stones at the police", "a crowd beat a man to death": an
    unnamed crowd that riots or lynches is ACLED's "Rioters (Country)", whatever its
    words called it (protesters, villagers, a crowd); a named group or a state body
    keeps its name."""
    from kharita.actors.kb import load_kb

    kb = load_kb()
    for a in ev.actors:
        if a.role not in ("actor1", "assoc_actor1"):
            continue
        kind = kb.generic_kind(a.actor_id)
        if kind not in ("civilians", "protesters") and not (
                a.actor_id is None and not a.name and a.start < a.end
                and a.text.lower().split()[-1:] in (["crowd"], ["crowds"], ["mob"], ["mobs"])):
            continue
        country = a.country or scene
        crowd = kb.generic_actor("rioters", country)
        a.actor_id, a.name, a.inter, a.country = crowd.id, crowd.name, crowd.inter, country
        a.sector = a.sector or crowd.sector


def _nobody_nowhere(ev: Event, sent: Any, actors: ActorIndex, strength: float) -> bool:
    """Outside ACLED's scope, or in it with a word that does not say so by itself:
    no actor in any role, nobody named anywhere in its sentence (no actor mention,
    no name the entity layer calls a person, group, organisation or country: an
    actor the KB does not know still counts), no place named in the sentence, no
    date, no count: "the deal only works for new subscribers", "helping cut
    turbulence", "close out games".  A trigger word alone is no codable happening
    (see docs/events.md)."""
    if ev.actors or ev.kind != "event" or ev.date_text is not None:
        return False
    if ev.acled_event_type and strength >= _SURE_WORD:
        return False  # "fighting continues": violence is news even unattributed, when the
        # word says so by itself ("hit", "engage", "fall" do not)
    if ev.fatalities or ev.injured or ev.arrested:
        return False
    loc = ev.location
    if loc is not None and loc.resolved_as not in ("context", "focus", "dateline", "retold") and (
            ev.evidence is None or ev.evidence.start <= loc.start < ev.evidence.end):
        return False
    if actors.at(sent.start_char, sent.end_char) is not None:
        return False
    return not any(e.label_ in _NAMED_ENTS for e in sent.ents)


def _own_subject(tok: Any, args: Args) -> bool:
    """The trigger's clause has a subject of its own that no actor covers ("air
    defences had shot down 14 drones"): someone else acted, so the previous
    sentence's subject is not carried over.  Pronouns do not count (they are what
    carrying over resolves).  A participle clause's subject is its main clause's
    ("Having fled the town, **the families** now live in tents", "**most** of the
    uprooted say ...")."""
    adjunct = tok.dep_ in ("advcl", "pcomp") and tok.tag_ in ("VBG", "VBN")
    return any(t.dep_ in ("nsubj",) and (t.head.i == tok.i or adjunct and t.head.i == tok.head.i
                                         or adjunct and t.head.i == tok.head.head.i)
               and (t.pos_ in ("NOUN", "PROPN") or t.pos_ in ("ADJ", "NUM") and any(
                   c.dep_ == "prep" and c.lower_ == "of" for c in t.children))
               for t in args.agents)


def _union(args: Args, extra: Args) -> None:
    for name in ("agents", "patients", "partners", "recipients", "complement"):
        have = getattr(args, name)
        ids = {t.i for t in have}
        have.extend(t for t in getattr(extra, name) if t.i not in ids)


def _protest_cue(lemmas: set[str], sent: Any, crowd_control: bool) -> str | None:
    """Force against protesters the sentence tells: killing ("excessive"), or tear gas,
    batons, arrests or crowd-control munitions (``crowd_control``: "intervention")."""
    if lemmas & {"protester", "demonstrator", "protest", "demonstration", "rally", "march"}:
        if lemmas & {"kill", "shoot", "wound", "injure"} or "live ammunition" in sent.text.lower():
            return "excessive"
        if lemmas & PROTEST_INTERVENE or crowd_control:
            return "intervention"
    return None


_FROM_AFAR = {"Air/drone strike", "Shelling/artillery/missile attack", "Chemical weapon"}


def _no_civilian_gunners(ev: Event) -> None:
    """Civilians fly no jets and fire no artillery: a civilian read as the doer of an
    air strike, a shelling or a chemical attack ("burned by an air strike that killed
    their mother, the children ...") is among those it hit (actor2 when there is none,
    else dropped), and the doer is left for the unnamed-author rule."""
    for a in list(ev.actors):
        if a.role == "actor1" and is_civilian(a):
            if any(b.role == "actor2" for b in ev.actors):
                ev.actors.remove(a)
            else:
                a.role = "actor2"


_BOMB_WORDS = {"bomb", "bombs", "bombing", "bombings", "bombed"}
_BOMBS_COME = {"fall", "rain", "drop", "land"}  # not "hit": "a bomb planted by X hit a tank"


def _dropped_bombs(tok: Any, ev: Event) -> bool:
    """Bombing done from the air, told with no word for the weapon but "bomb": a
    state's or an outside force's army bombing a place ("the coalition has bombed
    rebel positions", "Turkey's bombing of the villages"), or bombs that fall or rain
    down.  A bomb that explodes, is planted or is set off stays an explosive device,
    and so does bombing by anyone else ("militants bombed a checkpoint")."""
    lemma = tok.lemma_.lower()
    if lemma not in ("bomb", "bombing"):
        return False
    if tok.pos_ == "NOUN" and lemma == "bomb":  # "bombs rained down", not "a bomb killed three"
        return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in _BOMBS_COME
    a1 = next((a for a in ev.actors if a.role == "actor1"), None)
    return a1 is not None and (is_state(a1) and is_armed(a1) or a1.inter == 8)


def _less_lethal(tok: Any) -> bool:
    """A munition named with a crowd-control word before it ("stun grenades", "rubber
    bullets", "tear gas shells"; not "mustard gas shells")."""
    if tok.i == 0 or tok.lemma_.lower() not in _CROWD_MUNITIONS:
        return False
    doc = tok.doc
    prev = doc[tok.i - 1]
    if prev.lower_ == "gas":
        return tok.i > 1 and doc[tok.i - 2].lower_ in ("tear", "pepper")
    return prev.lower_ in LESS_LETHAL or any(
        c.lower_ in LESS_LETHAL and c.dep_ in ("compound", "amod", "nmod") for c in tok.children)


def _lethal_words(sent: Any) -> set[str]:
    """The sentence's lemmas and lower-case forms, less the crowd-control munitions."""
    out: set[str] = set()
    for t in sent:
        if not _less_lethal(t):
            out.add(t.lemma_.lower())
            out.add(t.lower_)
    return out


def _blocked_spans(doc: Document) -> list[tuple[int, int]]:
    """Character spans where no trigger may start: place names, named actors, operations."""
    spans = [(p.start, p.end) for p in doc.places]
    spans += [(a.start, a.end) for a in doc.actors if a.type in ("named",) and a.end - a.start > 3]
    for o in getattr(doc, "operations", None) or []:
        s = o.get("start") if isinstance(o, dict) else getattr(o, "start", None)
        e = o.get("end") if isinstance(o, dict) else getattr(o, "end", None)
        if s is not None and e is not None:
            spans.append((s, e))
    return sorted(spans)


def _paragraph_starts(text: str) -> list[int]:
    starts = [0]
    i = text.find("\n")
    while i != -1:
        starts.append(i + 1)
        i = text.find("\n", i + 1)
    return starts


def _long_before(date: str | None, published: str | None) -> bool:
    """True when the event date is more than half a year before publication."""
    if not date or not published:
        return False
    try:
        d = dt.date.fromisoformat(date[:10])
        p = dt.date.fromisoformat(published[:10])
    except ValueError:
        return False
    return (p - d).days > 183




def confidence(ev: Event, sense: Sense, tok: Any, carried: bool) -> float:
    """How much is known about the event, in [0, 1] (see docs/events.md)."""
    score = 0.35 * sense.strength
    roles = {a.role for a in ev.actors}
    if "actor1" in roles:
        score += 0.12 if any(a.role == "actor1" and a.actor_id for a in ev.actors) else 0.07
        if carried:
            score -= 0.04
    if roles & {"actor2", "mover"}:
        score += 0.08
    if ev.location is not None:
        score += {1: 0.12, 2: 0.09, 3: 0.05}.get(ev.location.precision or 3, 0.04)
    if ev.date:
        score += 0.05
    if ev.attribution is not None:
        score += 0.04
    if ev.acled_event_type:
        score += 0.06
    score += _salience(tok)
    if ev.kind == "movement" and (ev.origin or ev.destinations):
        score += 0.06
    score *= _MODALITY_WEIGHT.get(ev.modality, 0.8)
    return round(min(0.99, max(0.05, score)), 3)


