"""Readings of a trigger that depend on the words around it (PLOVER/CAMEO definitions).

Each function adjusts one already-built event: a stated intention is AGREE or
THREATEN, a reported obligation REQUEST, stopping cooperation SANCTION, what is sent
decides a deployment's type, and so on; see the table in ``docs/events.md``.  None of
these is written for a particular text: each follows a PLOVER or CAMEO category.
"""

from __future__ import annotations

from typing import Any

from kharita.events.roles import Args
from kharita.model import Event

MODALITY_WEIGHT = {"asserted": 1.0, "ongoing": 0.95, "historical": 0.8, "attempted": 0.7,
                   "planned": 0.6, "threatened": 0.6, "negated": 0.5, "denied": 0.5,
                   "hypothetical": 0.4}


_COOPERATIVE = {"AID", "RETREAT", "CONCEDE", "CONSULT", "COOPERATE", "SUPPORT"}


DEMANDS = {"demand", "request", "condition", "ultimatum", "call", "proposal", "plea"}


MILITARY_RESTRICTIONS = {"blockade", "siege", "sanction", "embargo", "closure", "cordon"}


_HOSTILE = {"ASSAULT", "COERCE", "SANCTION", "PROTEST"}


ENVOYS = {"diplomat", "ambassador", "envoy", "inspector", "observer", "peacekeeper", "monitor",
           "attache", "consul", "mission", "agency", "embassy", "staff"}


def subordinate(ev: Event, tok: Any, triggers: list[Any]) -> None:
    """An event told inside another event's words ("complained over two air raids",
    "accused them of killing") is the lesser of the two in confidence."""
    anc = {a.i for a in tok.ancestors}
    if any(t.i in anc for t in triggers if t.i != tok.i):
        ev.confidence = round(max(0.05, ev.confidence - 0.06), 3)


_SENT_OBJECTS = {
    "inspector": ("ACCUSE", "investigate", "09"), "investigator": ("ACCUSE", "investigate", "09"),
    "observer": ("ACCUSE", "investigate", "09"), "monitor": ("ACCUSE", "investigate", "09"),
    "envoy": ("CONSULT", "visit", "04"), "delegation": ("CONSULT", "visit", "04"),
    "mediator": ("CONSULT", "negotiate", "04"), "peacekeeper": ("AID", "peacekeeping", "07"),
    "peacekeeping": ("AID", "peacekeeping", "07"), "aid": ("AID", None, "07"),
    "food": ("AID", "humanitarian", "07"), "supply": ("AID", None, "07"),
    "arm": ("AID", "military", "07"), "weapon": ("AID", "military", "07"),
    "medicine": ("AID", "humanitarian", "07"), "money": ("AID", "economic", "07"),
}


def sent_what(ev: Event, tok: Any, args: Args) -> None:
    """"sent inspectors" is an investigation, "sent arms" military aid, "deployed
    peacekeepers" peacekeeping: for deployments the object says what is sent."""
    words: list[str] = []
    for t in args.patients + [c for c in tok.children if c.dep_ == "dobj"]:
        words.extend(x.lemma_.lower() for x in t.subtree)
    if tok.dep_ == "nsubj":  # "the deployment of peacekeeping troops arrived"
        words.extend(x.lemma_.lower() for x in tok.subtree)
    for w in words:
        if w in _SENT_OBJECTS:
            ev.type, ev.mode, ev.cameo = _SENT_OBJECTS[w]
            ev.acled_event_type = ev.acled_sub_event_type = None
            return


def intent(ev: Event, tok: Any, triggers: list[Any]) -> None:
    """A stated intention is itself the event in PLOVER: "Israel will evacuate the
    settlements" is AGREE (intent to yield), "X is prepared to impose martial law" is
    THREATEN.  Applied only when no other trigger governs this one (then that trigger,
    "agreed", "threatened", is the event).

    The intended act keeps its ACLED type, with modality ``planned`` (or
    ``threatened`` for a hostile act), so that ACLED-style data can list explicit
    plans and threats by a named party without counting them as having happened.
    A planned movement ("will pull its troops out of Niger", "ordered a third of the
    soldiers home") stays the movement (RETREAT, MOBILIZE) with modality
    ``planned``: what an analyst of movements looks for, though CAMEO would code the
    announcement as an intent to yield (AGREE)."""
    if ev.modality not in ("planned", "hypothetical") or (
            ev.kind == "movement" and ev.modality == "planned"):
        return
    anc = {a.i for a in tok.ancestors}
    if any(t.i in anc for t in triggers if t.i != tok.i):
        return
    if ev.modality == "hypothetical":
        if not _obligation(tok) or ev.type == "REQUEST":
            return
        old = ev.modality
        ev.mode, ev.type, ev.cameo = ev.type.lower(), "REQUEST", "10"
        ev.acled_event_type = ev.acled_sub_event_type = None
        ev.modality = "asserted"
        ev.confidence = round(min(0.99, ev.confidence / MODALITY_WEIGHT[old]), 3)
        return
    if ev.type in _COOPERATIVE:
        ev.mode, ev.type, ev.cameo = ev.type.lower(), "AGREE", "03"
        ev.modality = "planned"
    elif ev.type in _HOSTILE:
        # an announced protest is a plan; an announced attack or sanction a threat
        ev.modality = "planned" if ev.type == "PROTEST" else "threatened"
        ev.mode, ev.type, ev.cameo = (
            {"ASSAULT": "violence", "COERCE": "restrict", "SANCTION": "relations",
             "PROTEST": "relations"}[ev.type], "THREATEN", "13")
    else:
        return
    # the statement of intent is what happened (the PLOVER type); the intended act has
    # not, which the modality says
    ev.confidence = round(min(0.99, ev.confidence / MODALITY_WEIGHT["planned"]), 3)


STOP_VERBS = {"cancel", "end", "halt", "suspend", "reduce", "cut", "stop", "freeze", "postpone",
              "terminate", "abandon", "scrap", "withdraw", "break", "curtail", "call", "block",
              "discontinue", "scale"}


LABOUR = {"worker", "union", "employee", "teacher", "doctor", "nurse", "staff", "labor", "labour",
          "pay", "wage", "salary", "driver", "miner", "trader", "student"}


PROPERTY = {"line", "pipeline", "bridge", "building", "house", "home", "tower", "school", "road",
            "office", "station", "plant", "power", "shop", "market", "mosque", "church",
            "property", "crop", "field", "vehicle", "car", "truck", "facility", "infrastructure"}


def retype(ev: Event, tok: Any, objs: set[str], sent: Any) -> None:
    """Readings that depend on the words around the trigger, from PLOVER's definitions:
    stopping a cooperative activity is SANCTION ("cancelled a visit", "cut aid"); a
    strike with workers around is a labour strike; blowing up or burning property with
    no people as target is property destruction (COERCE)."""
    unit = tok.head if tok.dep_ in ("compound", "amod") else tok  # "mediation efforts"
    head = unit.head
    if ev.type in ("CONSULT", "AID", "COOPERATE", "AGREE") and unit.dep_ in ("dobj", "nsubjpass") \
            and head.lemma_.lower() in STOP_VERBS:
        ev.type, ev.mode, ev.cameo = "SANCTION", "withdraw", "16"
    elif tok.lemma_.lower() == "strike" and ev.type == "ASSAULT" and _labour_strike(tok) and (
            {t.lemma_.lower() for t in sent} & LABOUR):
        ev.type, ev.mode, ev.cameo = "PROTEST", "strike", "14"  # ACLED's type: the coder's
    elif ev.type == "ASSAULT" and ev.acled_sub_event_type in (None, "Remote explosive/landmine/IED") \
            and objs and objs <= PROPERTY and tok.lemma_.lower() in ("blow", "dynamite"):
        ev.type, ev.mode, ev.cameo = "COERCE", "destroy", "17"


def _labour_strike(tok: Any) -> bool:
    """"strike" that can be a stoppage: a bare noun ("the strike", not "an air strike"),
    or a verb whose subject works and that hits nothing ("teachers struck on Monday
    over pay", "workers struck at the mine"; not "struck the guards")."""
    if tok.pos_ == "NOUN":
        return not any(c.dep_ in ("compound", "amod") for c in tok.children)
    if tok.pos_ != "VERB" or not any(c.dep_ == "nsubj" and c.lemma_.lower() in LABOUR
                                     for c in tok.children):
        return False  # "gunmen struck at dawn, killing five workers": the workers were hit
    return not any(c.dep_ == "dobj" for c in tok.children)


def state_actor1(ev: Event) -> bool:
    from kharita.events.roles import is_state

    a1 = [a for a in ev.actors if a.role == "actor1"]
    return not a1 or is_state(a1[0]) or a1[0].sector in ("GOV", "JUD", "IGO")


def formal_complaint(tok: Any) -> bool:
    """"lodged a protest", "protested that ...": a verbal complaint (ACCUSE), not a
    street protest."""
    if tok.pos_ == "NOUN":
        return tok.dep_ == "dobj" and tok.head.lemma_.lower() in (
            "lodge", "file", "register", "send", "deliver", "issue", "submit", "voice")
    return any(c.dep_ in ("ccomp", "parataxis") for c in tok.children) or tok.dep_ == "parataxis"


_OBLIGATION = {"must", "should", "ought"}


def _obligation(tok: Any) -> bool:
    """"Iraq must cooperate" inside a reported clause: the speaker demands it."""
    for verb in (tok, tok.head):
        if any(c.dep_ == "aux" and c.lower_ in _OBLIGATION for c in verb.children) or any(
                c.dep_ == "aux" and c.lemma_ == "have" and c.i < verb.i for c in verb.children
                if verb.doc[c.i + 1: verb.i].text.strip() == "to"):
            return verb.dep_ in ("ccomp", "acl", "relcl") or verb.head.pos_ == "NOUN"
    return False


# What a threat can be a threat of: military action named by a noun or a verb.
THREATENED_ACTS = {
    "operation": "clash", "offensive": "clash", "attack": "clash", "assault": "clash",
    "invasion": "clash", "incursion": "clash", "war": "clash", "intervention": "clash",
    "action": "clash", "force": "clash", "raid": "clash", "invade": "clash", "attack_v": "clash",
    "march": "clash", "advance": "clash", "extend": "clash", "expand": "clash", "push": "clash",
    "strike": "air", "airstrike": "air", "bombardment": "air", "bomb": "air", "bombing": "air",
    "shell": "shelling", "shelling": "shelling",
}
_THREAT_SUB = {"clash": ("Battles", "Armed clash"),
               "air": ("Explosions/Remote violence", "Air/drone strike"),
               "shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack")}
_MILITARY_WORDS = {"military", "armed", "ground", "air", "army", "troops", "forces", "operation"}
# acts that are military whatever the words around them
_MILITARY_ACTS = {"invasion", "incursion", "offensive", "airstrike", "bombardment", "shelling",
                  "bombing"}


def threatened_act(ev: Event, tok: Any) -> None:
    """"Kenya threatened to push its offensive west to Bardera", "warnings of
    armed action": a threat by a named party of a particular military act keeps
    PLOVER's THREATEN and gets the ACLED type of what is threatened, with modality
    ``threatened`` (ACLED-style data can list it apart from what happened)."""
    if ev.type != "THREATEN" or ev.acled_event_type is not None or not ev.actors:
        return
    words: list[Any] = []
    for c in tok.children:
        if c.dep_ in ("xcomp", "ccomp") or c.dep_ == "prep" and c.lower_ in ("of", "to"):
            words.extend(c.subtree)
        elif c.dep_ == "dobj" and tok.pos_ == "VERB" and (
                c.lemma_.lower() in _MILITARY_ACTS
                or {w.lemma_.lower() for w in c.subtree} & _MILITARY_WORDS):
            # "threatened military action against the enclave", "threatened an
            # invasion": the act threatened is the object ("threatened a strike" of
            # workers, "threatened war" in words, name no military act)
            words.extend(c.subtree)
    lemmas = {w.lemma_.lower() for w in words}
    kind = None
    for w in words:
        lem = w.lemma_.lower()
        key = lem + "_v" if w.pos_ == "VERB" and lem == "attack" else lem
        found = THREATENED_ACTS.get(key)
        if found is None:
            continue
        if lem in ("action", "force", "extend", "expand", "push", "march", "advance") and not (
                lemmas & _MILITARY_WORDS or any(p.dep_ == "prep" and p.lower_ in ("towards", "toward", "into", "on")
                                                for p in w.children)):
            continue  # "action" alone, "extend a deadline": no military act named
        kind = kind or found
        if found != "clash":
            kind = found
    if kind is None:
        return
    ev.acled_event_type, ev.acled_sub_event_type = _THREAT_SUB[kind]
    ev.modality = "threatened"


PROTEST_NOUNS = {"strike", "march", "protest", "rally", "demonstration", "sit-in", "vigil",
                 "picket", "walkout", "stoppage", "shutdown"}


def called_protest(ev: Event, tok: Any) -> None:
    """"The union has called a strike in Torodi on Thursday", "organisers called a
    march on State House": a named organiser's call for a particular protest is the
    protest, planned (ACLED codes the protest when it happens; analysts track the
    announced ones).  A call *for an end to* a strike, or a call with no organiser,
    stays a request."""
    if ev.type != "REQUEST" or tok.lemma_.lower() != "call" or tok.pos_ != "VERB":
        return
    if not any(a.role == "actor1" for a in ev.actors):
        return
    objs = [c for c in tok.children if c.dep_ == "dobj"]
    objs += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "for"
             for g in c.children if g.dep_ == "pobj"]
    noun = next((o for o in objs if o.lemma_.lower() in PROTEST_NOUNS), None)
    if noun is None:
        return
    strike = noun.lemma_.lower() in ("strike", "walkout", "stoppage", "shutdown")
    ev.type, ev.mode, ev.cameo = "PROTEST", "strike" if strike else "demonstrate", "14"
    ev.acled_event_type, ev.acled_sub_event_type = "Protests", "Peaceful protest"
    ev.modality = "planned"
