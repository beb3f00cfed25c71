"""Who did what to whom, read from the dependency parse (never from word order).

``arguments`` finds the agent, patient and partner tokens of a trigger: subjects
(``nsubj``), passive agents (``by`` phrases), objects (``dobj``, ``nsubjpass``, ``on``/
``against`` phrases), partners (``with``/``between``), shared subjects of coordinated or
controlled verbs (``tried to negotiate``), relative clauses, and the carrying verb of a
noun trigger (``carried out an attack``).  ``ActorIndex`` then maps a role's tokens to
the actor mentions the actors stage found, by character overlap.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from kharita.model import ActorMention, Document, EventActor

_PATIENT_PREPS = {"against", "on", "upon", "at", "targeting", "into"}
_PARTNER_PREPS = {"with", "between", "among", "alongside"}
_RECIPIENT_PREPS = {"to", "for"}
# acts whose content clause names who is asked or blamed: "demanded that Y ..."
_CONTENT_TARGET_TYPES = {"REQUEST", "ACCUSE"}
# "accused X of shelling", "arrested two men for killing", "charged X with murder":
# the act in the of/for/with phrase is X's, as the accuser tells it
ACCUSING = {"accuse", "blame", "charge", "suspect", "condemn", "criticise", "criticize",
            "denounce", "fault", "implicate", "indict", "convict", "arrest", "detain",
            "sentence", "jail", "punish", "hold"}
_ACCUSING_PREPS = {"of", "for", "with"}
# of those, the verbs that report a detention or a sentence, not a charge
ARRESTING = {"arrest", "detain", "jail", "sentence", "convict", "punish", "hold"}
_SUBJ = {"nsubj", "csubj"}
_PASS_SUBJ = {"nsubjpass", "csubjpass"}
# verbs whose complement's subject is their own subject ("tried to negotiate")
_CONTROL_DEPS = {"xcomp", "conj", "advcl", "ccomp", "pcomp"}
_PRONOUNS = {"who", "which", "that", "whom"}
# verbs whose object does what they ask, order or let: "ordered the rebels to surrender
# the town" (the rebels would surrender it), "forced the army to retreat"
# (:attr:`Args.ordered`)
_OBJECT_CONTROL = {"order", "instruct", "tell", "ask", "urge", "force", "compel", "persuade",
                   "convince", "allow", "permit", "authorise", "authorize", "encourage",
                   "invite", "pressure", "pressurise", "pressurize", "press", "direct",
                   "command", "oblige", "require", "advise", "warn", "push", "lead", "get"}
# movement nouns and people-led nouns read "X of Y" with Y as the agent
_OF_AGENT_TYPES = {"PROTEST", "CONSULT", "RETREAT", "MOBILIZE", "AGREE", "AID", "COOPERATE",
                   "REQUEST", "THREATEN", "ACCUSE", "REJECT", "SUPPORT", "CONCEDE"}
ARMED_SECTORS = {"MIL", "COP", "REB", "INS", "UAF", "PRM", "SPY", "IGM"}


_TEXTS: dict[int, tuple[Any, str]] = {}


def doc_text(sdoc: Any) -> str:
    """``sdoc.text`` rebuilds the string from every token on each call; keep the last
    few documents' text so spans cost a slice."""
    hit = _TEXTS.get(id(sdoc))
    if hit is not None and hit[0] is sdoc:
        return hit[1]
    if len(_TEXTS) > 8:
        _TEXTS.clear()
    text = sdoc.text
    _TEXTS[id(sdoc)] = (sdoc, text)
    return text


def remember_text(sdoc: Any, text: str) -> None:
    """Give :func:`doc_text` the document's string when the caller already holds it
    (the pipeline parses ``Document.text[:MAX_CODED_CHARS]``, so offsets agree),
    sparing spaCy's token-by-token rebuild; checked on the last token."""
    if not len(sdoc):
        return
    last = sdoc[-1]
    end = last.idx + len(last.text_with_ws)
    if text[last.idx: last.idx + len(last)] != last.text:
        return
    if len(_TEXTS) > 8:
        _TEXTS.clear()
    _TEXTS[id(sdoc)] = (sdoc, text[:end])


@dataclass
class Args:
    """The role tokens of one trigger."""

    agents: list[Any] = field(default_factory=list)
    patients: list[Any] = field(default_factory=list)
    partners: list[Any] = field(default_factory=list)
    # "to X"/"for X" of the trigger: the recipient of what is given, offered or said
    # (used as the target by non-movement senses, where "to X" is no destination)
    recipients: list[Any] = field(default_factory=list)
    # objects, partners and recipients of the verbs the trigger controls: "offered to
    # hand over the prisoners to the army", "threatened to attack the town" (a fallback
    # target when the trigger itself has none)
    complement: list[Any] = field(default_factory=list)
    passive: bool = False
    governor: Any = None  # the verb that carries tense/modality (light verb or itself)
    # whom the controlling verb orders, asks or lets to do the act ("ordered the
    # rebels to surrender", "told the troops to pull back"); ``agents`` keeps the
    # orderer, and the coder decides whose act it is
    ordered: list[Any] = field(default_factory=list)


# verbs with no passive: "30 militants surrendered", read as a reduced relative,
# still has the militants surrendering
INTRANSITIVE = {"surrender", "flee", "defect", "retreat", "clash", "riot", "arrive", "die",
                "desert", "mutiny", "rebel", "march", "escape"}


def is_passive(verb: Any) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ == "acl" and verb.lemma_.lower() not in INTRANSITIVE
    )


# group nouns a name in apposition tells apart: "the Kurdish militia, the YPG"
_GROUP_NOUNS = {"militia", "group", "militants", "force", "forces", "rebels", "faction",
                "movement", "organisation", "organization", "alliance", "coalition", "army",
                "insurgents", "fighters", "outfit"}


def _with_conj(tok: Any) -> list[Any]:
    """A head and the heads coordinated with it ("Taliban and ISIS militants"); a
    group noun with a name in apposition is that name ("the Kurdish militia, the YPG,
    withdrew")."""
    named = [c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    if named and tok.pos_ == "NOUN" and tok.lower_ in _GROUP_NOUNS:
        return named + [t for c in tok.children if c.dep_ == "conj"
                        and c.pos_ in ("NOUN", "PROPN", "PRON") for t in _with_conj(c)]
    out = [tok]
    for c in tok.children:
        # (a number too: "a colonel and about 40 of his soldiers surrendered")
        if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            out.extend(_with_conj(c))
        elif c.dep_ == "appos" and c.pos_ in ("NOUN", "PROPN"):
            out.append(c)
    return out


def _pobjs(prep: Any) -> list[Any]:
    out = []
    for c in prep.children:
        if c.dep_ in ("pobj", "pcomp"):
            out.extend(_with_conj(c))
        elif c.dep_ == "prep":  # "according to", "out of"
            out.extend(_pobjs(c))
    return out


def _targets(prep: Any) -> list[Any]:
    """The objects of an on/at/against phrase, but no day or time ("attacked on
    Friday", "struck at dawn" name no target)."""
    return [t for t in _pobjs(prep) if t.ent_type_ not in ("DATE", "TIME")]


# verbs whose subject undergoes the act: whoever died is a victim, never the doer
_UNDERGO = {"die", "perish", "succumb", "drown", "starve"}


# a mine is set off by whoever steps on it or drives over it: its victim, not its layer
_MINES = {"mine", "landmine", "ied", "bomb", "explosive", "device", "booby", "trap", "charge"}
_MINE_VERBS = {"step", "tread", "drive", "run", "stand", "walk", "hit", "strike", "trigger"}


def _set_off_by_victim(verb: Any) -> bool:
    """"two boys stepped on a mine", "a car hit a roadside bomb", "the bus drove over
    an IED": the subject set the device off and was its victim."""
    if verb.lemma_.lower() not in _MINE_VERBS:
        return False
    things = [c for c in verb.children if c.dep_ == "dobj"]
    things += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "onto", "over", "into")
               for g in c.children if g.dep_ == "pobj"]
    return any(t.lemma_.lower() in _MINES for t in things)


# verbs that need an object: said of a subject alone, in a headline's clipped passive
# ("Journalist kidnapped near Gao", "Former commander shot dead in Tafas"), the
# subject underwent them
NEEDS_OBJECT = {"kill", "shoot", "wound", "injure", "arrest", "detain", "abduct", "kidnap",
                "behead", "execute", "capture", "murder", "assassinate", "slay", "lynch",
                "torture", "jail", "imprison", "stab", "rape", "massacre"}


def clipped_passive(verb: Any) -> bool:
    """A past form of a verb that needs an object, with a subject, no object and no
    auxiliary: the passive of a headline ("Journalist kidnapped near Gao")."""
    if verb.tag_ not in ("VBD", "VBN") or verb.lemma_.lower() not in NEEDS_OBJECT:
        return False
    kids = list(verb.children)
    if not any(c.dep_ == "nsubj" for c in kids):
        return False
    if any(c.dep_ in ("dobj", "nsubjpass", "aux", "auxpass", "ccomp", "xcomp", "dative", "attr")
           or (c.dep_ == "prep" and c.lower_ in ("at", "on", "upon")) for c in kids):
        return False  # "police shot at the crowd": the subject did it
    # "gunmen kidnapped and killed a man": the object hangs on the last verb
    return not any(c.dep_ == "conj" and any(g.dep_ == "dobj" for g in c.children) for c in kids)


_GROUP_PRONOUNS = {"them", "whom", "those", "these"}


def _among_them(prep: Any) -> bool:
    """An "among them" / "among whom" phrase: it lists part of a group just named."""
    return prep.lower_ == "among" and any(o.dep_ == "pobj" and o.lower_ in _GROUP_PRONOUNS
                                          for o in prep.children)


# "set fire to X", "set light to X": the object of "to" is what burned, not a recipient
_SET_ALIGHT = {"fire", "light", "flame", "flames"}


def _sets_fire(verb: Any) -> bool:
    return verb.lemma_.lower() == "set" and any(
        c.dep_ == "dobj" and c.lower_ in _SET_ALIGHT for c in verb.children)


def _verb_args(verb: Any, args: Args, depth: int = 0) -> None:
    """Fill ``args`` from a verb's children, climbing to a controlling verb for subjects."""
    clipped = clipped_passive(verb)
    passive = is_passive(verb) or clipped
    args.passive = args.passive or passive
    has_object = any(c.dep_ == "dobj" for c in verb.children)
    for c in verb.children:
        dep = c.dep_
        if dep == "nsubj" and clipped:
            args.patients.extend(_with_conj(c))
        elif dep in _SUBJ and c.lower_ in _PRONOUNS and verb.dep_ == "relcl":
            args.agents.append(verb.head)  # "the militiamen who escaped": the head noun
        elif dep in _SUBJ and (verb.lemma_.lower() in _UNDERGO or _set_off_by_victim(verb)):
            args.patients.extend(_with_conj(c))  # "300 people have died": victims
        elif dep in _SUBJ:
            args.agents.extend(_with_conj(c))
        elif dep in _PASS_SUBJ:
            args.patients.extend(_with_conj(c))
        elif dep == "agent":
            args.agents.extend(_pobjs(c))
        elif dep == "dative" and c.pos_ == "ADP" and depth == 0:
            # "offered its troops to Niger" parsed with "to" as the dative: whoever the
            # phrase names received it (the "to" itself is no party)
            args.recipients.extend(_pobjs(c))
            args.patients.extend(_pobjs(c))
        elif dep in ("dobj", "dative") and depth == 0:
            args.patients.extend(_with_conj(c))
        elif dep == "prep" and depth == 0 and _among_them(c):
            # "killed 31 civilians, among them women": part of those the clause names,
            # who underwent the act with them (or did it, when no one underwent it)
            members = [t for t in _pobjs(c) if t.lower_ not in _GROUP_PRONOUNS]
            (args.patients if passive or has_object else args.agents).extend(members)
        elif dep == "npadvmod" and depth == 0 and any(_among_them(g) for g in c.children):
            args.patients.extend(_with_conj(c))  # "killed 12 villagers, among them children"
        elif (dep == "prep" and depth == 0 and c.lower_ in _PARTNER_PREPS and passive
              and verb.lemma_.lower() in NEEDS_OBJECT):
            # "he was killed, with two nurses": who was killed with him, not a party
            # (a "between" phrase names the sides of a fight: :func:`sides_between`)
            if c.lower_ != "between":
                args.patients.extend(_pobjs(c))
        elif dep == "prep" and depth == 0:
            lem = c.lower_
            if lem in _PATIENT_PREPS:
                args.patients.extend(_targets(c))
            elif lem in _PARTNER_PREPS:
                args.partners.extend(_pobjs(c))
            elif lem == "to" and _sets_fire(verb):
                args.patients.extend(_pobjs(c))  # "set fire to the police station": it burned
            elif lem in _RECIPIENT_PREPS:
                args.recipients.extend(_pobjs(c))
    if passive and not any(c.dep_ == "agent" for c in verb.children):
        # the parser may hang the by-phrase on a phrase of the verb: "are carried out
        # with impunity by Syrian forces", "were killed in an attack by rebels", also
        # through "of" ("killed in days of shelling by the army", "in one of the
        # heaviest bombing campaigns by the regime")
        for c in verb.children:
            if c.dep_ == "prep":
                for o in c.children:
                    if o.dep_ != "pobj":
                        continue
                    nodes = [o]
                    for _ in range(2):
                        nodes += [g for n in nodes[-1:] for p in n.children
                                  if p.dep_ == "prep" and p.lower_ == "of"
                                  for g in p.children if g.dep_ in ("pobj", "pcomp")][:1]
                    args.agents.extend(t for n in nodes for p in n.children if p.dep_ == "prep"
                                       and p.lower_ == "by" for t in _pobjs(p))
    if depth == 0 and not args.agents and verb.tag_ == "VBG" and verb.dep_ == "pcomp":
        # a gerund read as a noun: "days of shelling by government forces"
        args.agents.extend(t for c in verb.children if c.dep_ == "prep" and c.lower_ == "by"
                           for t in _pobjs(c))
    if depth == 0 and not args.patients and not passive:
        # "captured and executed a number of guards", "attacked and burned the village":
        # coordinated verbs share the object the parser hangs on the last of them
        for c in verb.children:
            if c.dep_ == "conj" and c.pos_ == "VERB" and c.i > verb.i:
                args.patients.extend(t for d in c.children if d.dep_ == "dobj" for t in _with_conj(d))
                break
    if verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBD") and verb.head != verb \
            and verb.lemma_.lower() in INTRANSITIVE and not args.agents:
        args.agents.append(verb.head)  # "30 IS militants surrendered to Afghan forces"
    elif verb.dep_ == "acl" and verb.tag_ == "VBN" and not args.patients and verb.head != verb:
        # "the journalist captured by Islamic State": the noun a passive participle
        # describes underwent the act, also when a by-phrase names who did it
        args.patients.append(verb.head)
    if args.agents or depth > 3:
        return
    accused = accused_of(verb)
    if accused:
        args.agents.extend(accused)
        return
    head = verb.head
    if head == verb or (passive and verb.dep_ in ("ccomp", "advcl")):
        # "X is restricted, aid workers said": the speaker is not the doer; "if
        # soldiers had been killed, Putin would ...": nor is the main clause's subject
        return
    if verb.dep_ == "xcomp" and verb.tag_ == "VBG" and head.lemma_.lower() in _SAID:
        # "the monitor said fighting with the rebels continued" parsed with "fighting"
        # as the complement of "said": what was said, not the speaker's own act
        return
    if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ == "VBG"):
        (args.patients if passive else args.agents).append(head)
    elif (verb.dep_ == "acl" and not passive and head.lemma_.lower() in _INTENT_NOUNS
          and head.dep_ in ("dobj", "attr") and head.head.pos_ in ("VERB", "AUX")
          and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)):
        # "Ethiopian troops are drawing up plans to attack X", "Ankara has taken the
        # decision to withdraw": who makes the plan is to do the act
        args.agents.extend(t for c in head.head.children if c.dep_ == "nsubj"
                           for t in _with_conj(c))
    elif _adjunct_gerund(verb):
        # "she will lose her passport after fleeing Britain", "was arrested
        # while crossing": the main clause's subject, active or passive, did the -ing act
        main = head.head
        subj = [t for c in main.children if c.dep_ in _SUBJ or c.dep_ in _PASS_SUBJ
                for t in _with_conj(c)]
        if not subj:
            sub = Args()
            _verb_args(main, sub, depth + 1)
            subj = sub.patients if sub.passive else sub.agents
        # the grammatical subject, not a by-phrase ("he was captured by X"); it
        # underwent a passive -ing act ("after being pushed from Raqqa")
        if not passive:
            args.agents.extend(subj)
        elif not args.patients:
            args.patients.extend(subj)
    elif verb.dep_ in _CONTROL_DEPS and (head.pos_ in ("VERB", "AUX") or (
            verb.dep_ == "xcomp" and head.dep_ == "acomp" and head.head.pos_ in ("VERB", "AUX"))):
        # controlled/coordinated verbs share the subject; in "made them surrender"
        # the object of the controller is the subject
        if head.dep_ == "acomp" and head.pos_ not in ("VERB", "AUX"):
            head = head.head  # "troops are due (ready, likely) to arrive": the copula's subject
        sub = Args()
        _verb_args(head, sub, depth + 1)
        undergone = verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
        if verb.dep_ == "xcomp" and sub.passive and sub.patients and not undergone:
            # "troops are expected to withdraw", "were ordered (by X) to leave": the
            # passive subject does the complement's act, not the by-phrase ("were
            # found shot dead": a participle is undergone, not done)
            sub.agents = sub.patients
        elif verb.dep_ == "xcomp" and sub.passive and sub.patients and not args.patients:
            args.patients.extend(sub.patients)  # "were found shot dead": who was shot
            args.passive = True
            return
        if verb.dep_ in ("xcomp", "ccomp") and not sub.agents:
            sub.agents = [c for c in head.children if c.dep_ == "dobj"]
        elif verb.dep_ == "xcomp" and head.lemma_.lower() in _OBJECT_CONTROL:
            args.ordered.extend(t for c in head.children if c.dep_ == "dobj"
                                for t in _with_conj(c))
        if verb.dep_ == "conj" and (passive or (
                sub.passive and verb.tag_ == "VBN" and not any(c.dep_ == "dobj" for c in verb.children))):
            # "had surrendered or been killed", "were arrested and later killed": the
            # shared subject underwent the second act; it did not do it
            if not args.patients:
                args.patients.extend(sub.patients if sub.passive else sub.agents)
            args.passive = True
            return
        # (an active conjunct of a passive verb: "were ambushed and killed three militants")
        args.agents.extend(sub.patients if (sub.passive and verb.dep_ == "conj")
                           and not sub.agents else sub.agents)


# verbs of saying whose -ing complement is a misparsed reported clause
_SAID = {"say", "report", "state", "add", "tell"}


# nouns of another party: "X's partners" are not X
_RELATION_NOUNS = {"partner", "ally", "proxy", "backer", "enemy", "rival", "opponent", "foe",
                   "client", "sponsor", "patron", "adversary", "protege", "surrogate",
                   "critic", "detractor"}


# one person by kin or tie: "the son of the former president", "the general's widow",
# "her cousin" are people of their own (the coder reads one such victim as a civilian)
KIN_NOUNS = {"son", "daughter", "wife", "husband", "brother", "sister", "mother", "father",
             "widow", "widower", "child", "nephew", "niece", "cousin", "uncle", "aunt",
             "grandson", "granddaughter", "grandfather", "grandmother", "relative", "sibling",
             "parent", "fiance", "fiancee", "neighbour", "neighbor", "colleague", "friend"}


# nouns of intent whose infinitive is done by whoever holds them ("made plans to attack")
_INTENT_NOUNS = {"plan", "decision", "intention", "bid", "attempt", "effort", "preparation",
                 "promise", "pledge", "vow", "threat", "commitment", "readiness", "determination"}


# prepositions whose -ing clause has the main clause's subject as its own
_ADJUNCT_PREPS = {"after", "before", "while", "when", "since", "upon", "on", "without", "despite",
                  "by", "through"}


def _adjunct_gerund(verb: Any) -> bool:
    """An -ing clause after a time or manner preposition on a verb ("arrested *after
    fleeing*", "died *while trying*"), with no subject of its own."""
    prep = verb.head
    being = verb.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.lower_ == "being"
                                       for c in verb.children)
    return (verb.dep_ == "pcomp" and (verb.tag_ == "VBG" or being) and prep.dep_ == "prep"
            and prep.lower_ in _ADJUNCT_PREPS and prep.head.pos_ in ("VERB", "AUX")
            and not any(c.dep_ in _SUBJ or c.dep_ == "poss" for c in verb.children))


def accusing_verb(tok: Any) -> Any | None:
    """The accusing verb whose of/for/with phrase holds ``tok`` ("accused Russia of
    *shelling*", "arrested two men for *killing*"), or None."""
    prep = tok.head
    if tok.dep_ not in ("pcomp", "pobj") or prep.dep_ != "prep" or prep.lower_ not in _ACCUSING_PREPS:
        return None
    verb = prep.head
    if verb.dep_ in ("dobj", "nsubjpass") and verb.pos_ in ("NOUN", "PROPN"):
        verb = verb.head  # the phrase hangs on the accused: "accused [forces of attacking]"
    return verb if verb.pos_ == "VERB" and verb.lemma_.lower() in ACCUSING else None


def accused_of(tok: Any) -> list[Any]:
    """Who is accused of the act at ``tok``: the accusing verb's object, or its
    passive subject ("Russia was accused of shelling")."""
    verb = accusing_verb(tok)
    if verb is None:
        return []
    if tok.head.head.i != verb.i:  # attached to the accused noun itself
        return _with_conj(tok.head.head)
    out: list[Any] = []
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            out.extend(_with_conj(c))
    return out


# nouns whose possessor is who underwent the act when it is a person ("their capture",
# "his arrest", "her killing"); "the army's arrest of ..." names the doer and an "of"
_UNDERGONE_NOUNS = {"capture", "arrest", "detention", "abduction", "kidnapping", "kidnap",
                    "killing", "murder", "assassination", "execution", "death", "release",
                    "rescue", "disappearance", "torture", "beheading", "extradition",
                    "deportation", "transfer", "repatriation", "surrender"}


# movements done to someone: "the transfer of the detainees" moves the detainees
_MOVED_NOUNS = {"transfer", "deportation", "repatriation", "extradition", "expulsion",
                "evacuation", "relocation", "rendition", "handover"}


def _noun_args(noun: Any, ptype: str, args: Args) -> None:
    """Roles of a noun trigger: possessor, compound actor, by/of/on/with phrases."""
    undergone = noun.lemma_.lower() in _UNDERGONE_NOUNS and not any(
        c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)
    for c in noun.children:
        dep = c.dep_
        if dep == "poss" and undergone and (c.pos_ == "PRON" or c.ent_type_ == "PERSON"):
            args.patients.append(c)  # "their capture", "his arrest": who underwent it
        elif dep == "poss" or (dep in ("compound", "nmod") and c.pos_ in ("PROPN", "NOUN")):
            args.agents.append(c)
        elif dep == "prep":
            lem = c.lower_
            if lem == "by":
                args.agents.extend(_pobjs(c))
            elif lem == "of":
                agentive = ptype in _OF_AGENT_TYPES and noun.lemma_.lower() not in _MOVED_NOUNS
                (args.agents if agentive else args.patients).extend(_pobjs(c))
            elif lem in _PATIENT_PREPS:
                args.patients.extend(_targets(c))
            elif lem in _PARTNER_PREPS:
                args.partners.extend(_pobjs(c))
        elif dep == "amod" and (c.pos_ == "PROPN" or c.ent_type_ == "NORP"):
            args.agents.append(c)  # "the Turkish invasion", "Israeli raids"
        elif dep == "amod" and c.lower_ == "led":
            # "a Russian-led bombardment": who led it did it
            args.agents.extend(g for g in c.children if g.dep_ in ("npadvmod", "compound", "amod")
                               and (g.pos_ == "PROPN" or g.ent_type_ in ("NORP", "GPE", "ORG")))


# fighting words whose sides a "between" phrase names
_FIGHTS = {"clash", "clashes", "fighting", "fight", "battle", "battles", "firefight",
           "skirmish", "skirmishes", "gunfight", "shootout", "exchange", "confrontation"}


_NOT_SIDES = {"GPE", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "QUANTITY"}


def sides_between(verb: Any) -> list[Any]:
    """"were killed on Tuesday in a clash near the town of X between A and B": the
    sides of the fight a passive killing was told in, wherever the parser hangs the
    "between" phrase among the verb's own phrases (on the verb, the fight word or a
    place after it); none when no fight word comes before it.  The coder keeps them
    only when they are parties, not places."""
    if not (is_passive(verb) and verb.lemma_.lower() in NEEDS_OBJECT):
        return []
    fought = False
    for t in verb.subtree:
        if t.i <= verb.i:
            continue
        if t.lemma_.lower() in _FIGHTS or t.lower_ in _FIGHTS:
            fought = True
        if t.dep_ == "prep" and t.lower_ == "between" and fought:
            node = t.head
            while node.i != verb.i and node.pos_ not in ("VERB", "AUX"):
                node = node.head
            sides = _pobjs(t)
            if node.i != verb.i or any(o.ent_type_ in _NOT_SIDES or o.like_num for o in sides):
                return []  # inside a clause of its own; "between Gao and Kidal", "between 2 and 4 pm"
            return sides
    return []


def _told_in(noun: Any, args: Args) -> None:
    """The sides of a fight told as the setting of a killing or a capture: in "the
    army killed 40 militants in fighting near X", "rebels captured six soldiers during
    clashes", who killed or captured and who was killed or captured fought each other.
    Only when that verb names its doer (a passive with no by-phrase names one side)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("in", "during", "amid"):
        return
    verb = prep.head
    if verb.pos_ in ("NOUN", "PROPN") and verb.dep_ in ("dobj", "nsubjpass"):
        verb = verb.head  # "killed 40 militants [in fighting]": the phrase hangs on the object
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in NEEDS_OBJECT:
        return
    sub = Args()
    _verb_args(verb, sub)
    if sub.agents and sub.patients:
        args.agents.extend(sub.agents)
        args.patients.extend(sub.patients)


def arguments(trigger: Any, ptype: str, light_verbs: frozenset[str]) -> Args:
    """The agent/patient/partner tokens of ``trigger`` (a spaCy Token)."""
    args = Args(governor=trigger)
    if trigger.pos_ == "VERB" or (trigger.pos_ == "ADJ" and trigger.tag_ == "VBN"):
        _verb_args(trigger, args)
        if trigger.dep_ == "nsubj" and trigger.head.pos_ == "VERB" and not (
                args.agents or args.partners):
            # a gerund as subject: "Fighting continued on Tuesday between the army and
            # the rebels": the sides hang on the verb it is the subject of
            sub = Args()
            _verb_args(trigger.head, sub)
            args.partners.extend(sub.partners)
        taker = _fallen_to(trigger)
        if taker:
            # "Raqqa has fallen to US-backed forces": the place fell, the forces took it
            args.patients = [t for t in args.agents if t not in taker] + args.patients
            args.agents = taker
            return args
        if not args.patients and not is_passive(trigger) and not any(
                c.dep_ in ("dobj", "prep", "ccomp", "xcomp") for c in trigger.children):
            args.patients.extend(_object_after(trigger))
        args.complement = _complement_args(trigger)
        if ptype in _CONTENT_TARGET_TYPES:  # "demanded that Hamas renounce ...": Hamas
            args.complement += [s for c in trigger.children if c.dep_ == "ccomp"
                                for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
        # "accepted demands from Shona rebels", "rejected Israel's proposal": whose
        # demand or proposal it was is who the act answers
        args.complement += [o for c in trigger.children if c.dep_ == "dobj"
                            and c.lemma_.lower() in _PROPOSALS for o in _owners(c)]
        return args
    _noun_args(trigger, ptype, args)
    _measure_phrases(trigger, args)
    under = under_verb(trigger)
    if under is not None:  # "came under heavy shelling from Houthi fighters"
        _under_args(trigger, under, args)
        return args
    putter = _put_under(trigger)
    if putter is not None:  # "police placed the opposition leader under house arrest"
        sub = Args()
        _verb_args(putter, sub)
        args.governor, args.passive = putter, sub.passive
        args.agents.extend(t for t in sub.agents if t not in args.agents)
        args.patients.extend(t for t in sub.patients if t not in args.patients)
        return args
    # "blamed the regime for the chemical attack": the accused is the attack's doer
    # (also when the trigger word is a compound of the accused-of noun)
    phrase_head = trigger.head if trigger.dep_ == "compound" else trigger
    accused = accused_of(phrase_head)
    if accused:
        args.agents = accused + [t for t in args.agents if t not in accused]
    head = trigger.head
    if (not args.agents and trigger.dep_ == "pobj" and head.lower_ == "in"
            and head.head.lemma_.lower() in _TAKE_PART):
        # "government forces were engaged in heavy fighting"
        sub = Args()
        _verb_args(head.head, sub)
        args.agents.extend(sub.patients if sub.passive and not sub.agents else sub.agents)
    if not (args.agents or args.patients or args.partners):
        _told_in(trigger, args)
    answered = _answered_with(trigger)
    if answered is not None:
        # "responded with air strikes", "retaliated with artillery fire": the
        # answering verb carries the act, its subject is the doer
        head = answered
    phrase = trigger
    measure = measure_of(trigger)
    if answered is None and measure is not None:
        # "carried out a wave of air strikes": the measure noun stands where the act would
        phrase, head = measure, measure.head
    if head != trigger and head.pos_ in ("VERB", "AUX"):
        carried = answered is not None or phrase.dep_ in ("dobj", "attr", "nsubjpass") and (
            is_light(head, light_verbs) or head.lemma_.lower() == "be"
        )
        if carried or phrase.dep_ in ("nsubj", "attr", "dobj"):
            args.governor = head
        if carried:
            # the carrying verb's subject is the doer ("Finland gave Tanzania a grant
            # of 5 million": "of 5 million" is no actor, so the subject comes after the
            # noun's own agents), its dative or "on"/"against" phrase the target
            sub = Args()
            _verb_args(head, sub)
            if not args.agents:
                args.passive = sub.passive
            if all(_in_of_phrase(t) for t in args.agents):  # not "repulsed *their* attack"
                args.agents.extend(t for t in sub.agents if t not in args.agents)
            elif all(_common_compound(t) for t in args.agents):
                # "US troops conducted *air* strikes": a common-noun compound says how
                # ("air", "drone", "artillery"); the carrying verb's subject is the doer
                args.agents[:0] = [t for t in sub.agents if t not in args.agents]
            elif (all(t.dep_ == "poss" and t.lower_ in _OWN_PRONOUNS for t in args.agents)
                  and head.lemma_.lower() in _OWN_ACT_VERBS):
                # "rebels launched *their* attack", "the army resumed *its* advance": the
                # pronoun is the subject's own (not so for "repulsed their attack")
                args.agents[:0] = [t for t in sub.agents if t not in args.agents]
            args.patients.extend(t for t in sub.patients if t.i not in (trigger.i, phrase.i))
            args.partners.extend(sub.partners)
            args.recipients.extend(sub.recipients)
        elif phrase.dep_ == "nsubj":
            sub = Args()
            _verb_args(head, sub)
            if not args.patients:
                args.patients.extend(sub.patients)
            args.partners.extend(sub.partners)
    return args


# "re" + a light verb that is no repetition of it
_NOT_AGAIN = {"resign", "remark", "retake", "report", "register", "reorder"}


def is_light(verb: Any, light_verbs: frozenset[str]) -> bool:
    """``verb`` is a light verb ("staged a sit-in", "launched an attack"), by its lemma
    or, where the small model lemmatises an inflected form wrongly ("staged" read as
    "stag"), by the form less its ending."""
    lem = verb.lemma_.lower()
    if lem in light_verbs:
        return True
    if lem.startswith("re") and lem[2:] in light_verbs and lem not in _NOT_AGAIN:
        return True  # "reimposed blockades", "relaunched the offensive": the act again
    low = verb.lower_
    if verb.tag_ in ("VBD", "VBN") and low.endswith("ed"):
        return low[:-1] in light_verbs or low[:-2] in light_verbs
    if verb.tag_ == "VBZ" and low.endswith("s"):
        return low[:-1] in light_verbs or (low.endswith("es") and low[:-2] in light_verbs)
    if verb.tag_ == "VBG" and low.endswith("ing"):
        return low[:-3] in light_verbs or low[:-3] + "e" in light_verbs
    return False


# nouns that measure an act told in their "of" phrase: "a wave of air strikes"
_MEASURES = {"wave", "series", "barrage", "string", "spate", "round", "volley", "salvo", "hail",
             "flurry", "campaign", "burst", "rounds", "waves", "dozens", "scores", "hundreds",
             "number", "succession", "torrent",
             # amounts of what is given: "5 million dollars of aid", "700 kg of medicine"
             "dollars", "euros", "pounds", "tons", "tonnes", "kg", "kilograms", "worth",
             "consignment", "shipment", "truckloads"}


def measure_of(trigger: Any) -> Any | None:
    """The measure noun whose "of" phrase holds the trigger ("a *wave* of strikes",
    "*days* of shelling"), or None."""
    prep = trigger.head
    if trigger.dep_ != "pobj" or prep.lower_ != "of" or prep.dep_ != "prep":
        return None
    noun = prep.head
    return noun if noun.pos_ == "NOUN" and noun.lower_ in _MEASURES else None


def _measure_phrases(trigger: Any, args: Args) -> None:
    """"a series of airstrikes by Pakistani jets", "two waves of strikes on X": the
    parser hangs the act's own "by" and target phrases on the measure noun; they are
    the act's doer and target all the same."""
    measure = measure_of(trigger)
    if measure is None:
        return
    for c in measure.children:
        if c.dep_ != "prep" or c.i < trigger.i:
            continue
        if c.lower_ == "by":
            args.agents.extend(t for t in _pobjs(c) if t not in args.agents)
        elif c.lower_ in _PATIENT_PREPS:
            args.patients.extend(t for t in _targets(c) if t not in args.patients)


_UNDER_VERBS = {"come", "be", "remain"}
# verbs of taking part in an act named by a noun: their subject does it
_TAKE_PART = {"engage", "involve", "participate"}


def _verb_through(trigger: Any, preps: tuple[str, ...], verbs: set[str] | frozenset[str],
                  pos: tuple[str, ...] = ("VERB",)) -> Any | None:
    """The verb the trigger hangs on through one of ``preps`` ("came *under* attack",
    "placed X *under* arrest", "responded *with* strikes"), when its lemma is in
    ``verbs``; else None."""
    prep = trigger.head
    # a phrase coordinated with another adjunct hangs on the same verb: "retaliated
    # at once and *with* air strikes"
    if trigger.dep_ != "pobj" or prep.lower_ not in preps or not (
            prep.dep_ == "prep" or prep.dep_ == "conj" and prep.pos_ == "ADP"):
        return None
    verb = prep.head
    return verb if verb.pos_ in pos and verb.lemma_.lower() in verbs else None


def under_verb(trigger: Any) -> Any | None:
    """The verb of "came under attack / fire / heavy shelling", "was under
    bombardment": its subject is the target, not the doer."""
    return _verb_through(trigger, ("under",), _UNDER_VERBS, ("VERB", "AUX"))


# verbs that put someone there: "placed under house arrest", "put in jail" are arrests
PUTTING = frozenset({"place", "put", "send", "throw", "commit", "remand", "lock"})


def _put_under(trigger: Any) -> Any | None:
    """The verb of "placed X under arrest", "put X in jail": it carries the act, its
    subject is the doer and its object the person held."""
    return _verb_through(trigger, ("under", "in", "into"), PUTTING)


def _under_args(trigger: Any, verb: Any, args: Args) -> None:
    """Roles of an act the subject came under: the subject is the patient; "from X"
    (on the act or on the verb) is the doer."""
    args.governor = verb
    for c in verb.children:
        if c.dep_ in _SUBJ or c.dep_ in _PASS_SUBJ:
            args.patients.extend(t for t in _with_conj(c) if t not in args.patients)
    for holder in (trigger, verb):
        for c in holder.children:
            if c.dep_ == "prep" and c.lower_ == "from":
                args.agents.extend(t for t in _pobjs(c) if t not in args.agents)


_ANSWER_VERBS = {"respond", "retaliate", "reply", "react", "answer", "hit", "strike", "fight"}


def _answered_with(trigger: Any) -> Any | None:
    """The verb of "responded / retaliated / hit back with <trigger>", if that is how
    the trigger is told; also "responded with two hours of strikes", "with a
    barrage of rockets", where the trigger is told through a measure of it."""
    if (trigger.dep_ == "pobj" and trigger.head.lower_ == "of" and trigger.head.head.pos_ == "NOUN"
            and trigger.head.head.dep_ == "pobj"):
        trigger = trigger.head.head
    verb = _verb_through(trigger, ("with",), _ANSWER_VERBS)
    if verb is None:
        return None
    if verb.lemma_.lower() in ("hit", "strike", "fight") and not any(
            c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in verb.children):
        return None  # "hit the town with rockets": the rockets are the means, not the act
    return verb


def _fallen_to(verb: Any) -> list[Any]:
    """Who a place fell to ("fell to Kurdish-led forces"): the objects of "to"."""
    if verb.lemma_.lower() != "fall":
        return []
    return [t for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" for t in _pobjs(c)]


def _common_compound(tok: Any) -> bool:
    """``tok`` is a common noun in a compound ("*air* strikes", "*army* raid"), or
    coordinated with one ("a ground and *air* offensive")."""
    if tok.pos_ != "NOUN":
        return False
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ in ("compound", "nmod") and tok.pos_ == "NOUN"


# light verbs whose subject does the act its object names, so that a possessive
# pronoun on that object is the subject's own ("launched their offensive"); the verbs
# that answer someone else's act (repel, foil, thwart) are not among them
_OWN_ACT_VERBS = {"carry", "launch", "conduct", "stage", "mount", "wage", "begin", "start",
                  "continue", "resume", "renew", "intensify", "escalate", "step", "unleash",
                  "undertake", "initiate", "execute", "orchestrate", "organize", "organise",
                  "commit", "perform", "lead", "hold"}
_OWN_PRONOUNS = {"its", "their", "his", "her", "our"}


def _in_of_phrase(tok: Any) -> bool:
    """``tok`` is the object of an "of" phrase (or coordinated with one)."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ == "of"


_PROPOSALS = {"demand", "proposal", "offer", "request", "plan", "call", "condition",
              "ultimatum", "initiative", "appeal", "bid", "terms"}


def _owners(noun: Any) -> list[Any]:
    """Who a noun belongs to: its possessor, or the object of its from/by/of phrase."""
    out = [c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON"]
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in ("from", "by", "of"):
            out.extend(_pobjs(c))
    return out


def _complement_args(verb: Any, depth: int = 0) -> list[Any]:
    """Objects, partners and recipients down the chain of open complements
    ("offered to hand over X to Y", "willing to send troops to help defend Y"), in
    order of depth; subjects are the trigger's own and are not collected."""
    out: list[Any] = []
    if depth >= 3:
        return out
    for c in verb.children:
        if c.dep_ != "xcomp" or c.pos_ not in ("VERB", "AUX"):
            continue
        sub = Args()
        _verb_args(c, sub, depth=0)
        out.extend(sub.patients + sub.partners + sub.recipients)
        out.extend(_complement_args(c, depth + 1))
    return out


_AIMED_PREPS = {"against", "on", "upon", "with", "to", "toward", "towards", "for"}


def aimed_at(noun: Any) -> list[Any]:
    """Who a thing or an act named by a common noun is aimed at: the objects of its
    against/on/with/to/for phrases ("action against Russia", "relations with Russia",
    "an ultimatum to Togo", "aid for Romania and Poland")."""
    if noun.pos_ != "NOUN":
        return []
    return [t for c in noun.children if c.dep_ == "prep" and c.lower_ in _AIMED_PREPS
            for t in _pobjs(c)]


def asked_of(trigger: Any) -> list[Any]:
    """Who is asked, when a request names no addressee: the object of its "from"
    phrase ("demanded compensation from Togo", "sought support from the
    assembly"), or of the "by" phrase of what is asked ("demanded an admission by
    Moscow": Moscow is to admit)."""
    out = [t for c in trigger.children if c.dep_ == "prep" and c.lower_ == "from"
           for t in _pobjs(c)]
    for o in trigger.children:
        if o.dep_ == "dobj":
            out.extend(t for c in o.children if c.dep_ == "prep" and c.lower_ in ("from", "by")
                       for t in _pobjs(c))
    return out


def _object_after(verb: Any) -> list[Any]:
    """Fallback when the parser gave a transitive trigger no object (a misparsed
    acronym such as "eliminate IS cells" read as a verb): the noun phrase right after
    the verb, up to the first punctuation or preposition."""
    out = []
    for t in verb.doc[verb.i + 1: min(len(verb.doc), verb.i + 5)]:
        if t.is_punct or t.pos_ in ("ADP", "SCONJ", "CCONJ") or t.is_sent_start:
            break
        if t.pos_ in ("PROPN", "NOUN") or t.is_upper:
            out.append(t)
    return out


class ActorIndex:
    """Actor mentions of a document, searchable by character offsets."""

    def __init__(self, doc: Document) -> None:
        self.actors = list(doc.actors)
        self.starts = [a.start for a in self.actors]
        ops = getattr(doc, "operations", None) or []
        self.blocked = [(_get(o, "start"), _get(o, "end")) for o in ops]
        # resolve_role's answers per (token, sector reader): the rules ask about the
        # same role tokens many times per sentence
        self.role_memo: dict[tuple[int, Any], dict[str, Any] | None] = {}

    def at(self, start: int, end: int) -> ActorMention | None:
        """The mention overlapping [start, end), the longest if several."""
        i = bisect.bisect_right(self.starts, end)
        best = None
        for a in self.actors[max(0, i - 8):i]:
            if a.start < end and a.end > start and (best is None or a.end - a.start > best.end - best.start):
                best = a
        return best

    def within(self, start: int, end: int) -> list[ActorMention]:
        """The mentions lying wholly inside [start, end) (a speaker's or caller's span)."""
        return [a for a in self.actors if start <= a.start and a.end <= end]

    def is_operation(self, start: int, end: int) -> bool:
        return any(s is not None and s < end and e > start for s, e in self.blocked)


def _get(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)


def _np_tokens(tok: Any) -> list[Any]:
    """The head of a role and its modifiers: compounds, adjectives, "of" phrases."""
    out = [tok]
    for c in tok.children:
        if c.dep_ in ("compound", "amod", "poss", "nmod", "nummod", "det", "quantmod"):
            out.extend(_np_tokens(c) if c.dep_ != "det" else [c])
        elif c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ == "pobj":
                    out.extend(_np_tokens(p))
    return out


def resolve_role(tok: Any, role: str, index: ActorIndex, sector_of: Any) -> EventActor | None:
    """Map a role token to an EventActor: an actor mention, else a typed generic head.

    The answer depends only on the token, so it is memoised on the index; each call
    still gets its own EventActor (callers change roles)."""
    memo = getattr(index, "role_memo", None)
    if memo is None:
        return _resolve_role(tok, role, index, sector_of)
    key = (tok.i, sector_of)
    if key not in memo:
        ea = _resolve_role(tok, role, index, sector_of)
        memo[key] = None if ea is None else {k: v for k, v in ea.__dict__.items() if k != "role"}
    fields = memo[key]
    return None if fields is None else EventActor(role=role, **fields)


def _nobody(tok: Any) -> bool:
    """"No group has claimed the attack", "nobody claimed": a role no one plays."""
    return tok.lower_ in ("nobody", "none", "noone") or any(
        c.dep_ == "det" and c.lower_ == "no" for c in tok.children)


# a group's men told by the group they come from: "gunmen from al-Shabaab", "fighters
# of Libya Dawn"; "a suicide bomber from the Islamic State's Afghan affiliate"
_FROM_PREPS = ("of", "from")
_UNARMED_SECTORS = {"CVL", "JRN", "NGO", "MED", "EDU", "REL", "BUS", "LAB", "REF", "IGO"}


_NAMING = {"know", "call", "name", "dub"}


def _named_as(tok: Any, index: ActorIndex) -> ActorMention | None:
    """The name a noun is given by its own phrase: "a militia *known as* the White
    Army", "a group *calling itself* Ansaru", "a faction called X"."""
    for c in tok.children:
        if c.dep_ != "acl" or c.lemma_.lower() not in _NAMING:
            continue
        names = [o for g in c.children if g.dep_ == "prep" and g.lower_ == "as"
                 for o in g.children if o.dep_ == "pobj"]
        names += [g for g in c.children if g.dep_ in ("oprd", "attr")]
        if not any(g.dep_ == "dobj" and g.pos_ != "PRON" for g in c.children):
            names += [g for g in c.children if g.dep_ == "dobj"]  # "calls itself" has a PRON
        for o in names:
            m = index.at(o.idx, o.idx + len(o))
            if m is not None and m.type == "named":
                return m
    return None


def _named_origin(tok: Any, index: ActorIndex) -> ActorMention | None:
    """The named group an unnamed band's "of/from" phrase names, or None."""
    for c in tok.children:
        if c.dep_ != "prep" or c.lower_ not in _FROM_PREPS:
            continue
        for o in c.children:
            if o.dep_ != "pobj":
                continue
            for t in _np_tokens(o):
                m = index.at(t.idx, t.idx + len(t))
                if m is not None and m.type == "named":
                    return m
            named = _named_as(o, index)  # "gunmen from a group calling itself X"
            if named is not None:
                return named
    return None


# verbs by which a place or a thing is told as someone's: "positions held by X", "a depot
# used by X", "a checkpoint run by X", "a base belonging to X", "sites linked to X"
_HOLDING = {"hold", "use", "run", "control", "occupy", "operate", "man", "own", "garrison",
            "belong", "link", "tie"}
_HOLDING_TO = {"belong", "link", "tie"}
# people who are held are captives, not the holder's men ("prisoners held by X")
_CAPTIVES = {"hostage", "captive", "prisoner", "detainee", "civilian", "resident", "people",
             "person", "man", "woman", "child", "family", "migrant", "refugee"}


def _holders(tok: Any, sector_of: Any) -> list[Any]:
    """Who holds, uses or runs the place or thing at ``tok``, as its own phrase tells
    it ("positions held by the RSF", "a warehouse used by the group", "a warplane
    belonging to X", "the town, which had been held by X since May"): an act against a
    place or thing is an act against them, and a weapon acts for its owner.  Never
    for people ("hostages held by X" are not X's)."""
    if tok.ent_type_ == "PERSON" or tok.lemma_.lower() in _CAPTIVES or sector_of(tok) == "CVL":
        return []
    for c in tok.children:
        if c.dep_ not in ("acl", "relcl") or c.lemma_.lower() not in _HOLDING:
            continue
        for g in c.children:
            if g.dep_ == "agent" or (g.dep_ == "prep" and g.lower_ == "to"
                                     and c.lemma_.lower() in _HOLDING_TO):
                return [t for t in _pobjs(g) if t.lower_ not in _PRONOUNS]
    return []


# vehicles that stand for the people they carry
_VEHICLES = {"convoy", "bus", "truck", "lorry", "boat", "ship", "vessel", "plane", "aircraft",
             "flight", "vehicle", "car", "van", "minibus", "train", "helicopter", "column", "ferry"}
_CARRYING = {"carry", "transport", "ferry", "bring", "take"}


def _carried(toks: list[Any]) -> list[Any]:
    """Who a vehicle or convoy carries ("a convoy of buses *carrying* 700 aid workers",
    "a bus carrying pilgrims"): what happens to it or what it does, the people in it
    undergo or do."""
    for t in toks:
        if t.lemma_.lower() not in _VEHICLES:
            continue
        for c in t.children:
            if c.dep_ == "acl" and c.lemma_.lower() in _CARRYING:
                return [o for g in c.children if g.dep_ == "dobj" for o in _with_conj(g)]
    return []


def _others_of(tok: Any) -> Any | None:
    """Who "others" are more of, in a clause coordinated with one that names them:
    "two soldiers were killed and three others wounded", "killed a policeman and
    wounded four others": the first clause's argument in the same role (undergoer
    for undergoer, doer for doer), or None."""
    verb = tok.head
    if tok.lower_ != "others" or verb.pos_ not in ("VERB", "AUX") or verb.dep_ != "conj":
        return None
    own, first = Args(), Args()
    _verb_args(verb, own)
    _verb_args(verb.head, first)
    if tok in own.patients:
        pool = first.patients
    elif tok in own.agents and not own.passive:
        pool = first.agents
    else:
        return None
    return next((t for t in pool if t.lower_ != "others" and t.pos_ in ("NOUN", "PROPN")), None)


def _resolve_role(tok: Any, role: str, index: ActorIndex, sector_of: Any) -> EventActor | None:
    if _nobody(tok):
        return None
    toks = [t for t in _np_tokens(tok) if t.i == tok.i or not index.is_operation(t.idx, t.idx + 1)]
    start = min(t.idx for t in toks)
    end = max(t.idx + len(t) for t in toks)
    if index.is_operation(tok.idx, tok.idx + len(tok)):
        return None
    mention = index.at(tok.idx, tok.idx + len(tok))
    if mention is not None and mention.type == "generic" and (mention.sector or "") in ARMED_SECTORS:
        origin = _named_origin(tok, index)
        if origin is not None and (origin.sector or "") not in _UNARMED_SECTORS:
            mention = origin
    if mention is None or (mention.type == "generic" and (mention.sector or "") in ARMED_SECTORS):
        # "a militia known as the White Army": its own name is the band itself, whatever
        # the list says of the name's sector
        mention = _named_as(tok, index) or mention
    if mention is not None and mention.type in ("generic", "description", None):
        for t in toks:  # "IS sleeper cells": the named owner beats the generic head
            m = index.at(t.idx, t.idx + len(t))
            # so does an owner read back ("the group said *its* fighters")
            owner = t.dep_ == "poss" and m is not None and m.type in ("coref", "description")
            if m is not None and (m.type == "named" or owner) and t.i < tok.i:
                mention = m
                break
    relation = tok.lemma_.lower() in _RELATION_NOUNS
    kin = tok.lemma_.lower() in KIN_NOUNS
    if mention is None:
        for t in sorted(toks, key=lambda t: abs(t.i - tok.i)):
            if t.dep_ == "det":
                continue
            if (relation or kin) and t.i < tok.i and any(a.dep_ == "poss" and a.head.i == tok.i
                                                         for a in [t, *t.ancestors] if a.i < tok.i):
                continue  # "the TPLF's Sudanese allies" are not the TPLF
            if (kin or relation) and t.i > tok.i and any(a.lower_ == "of" and a.head.i == tok.i
                                                         for a in t.ancestors if a.i > tok.i):
                continue  # "the son of a former president" is not the presidency, nor
                # "a critic of the regime", "an ally of the TPLF" the regime or the TPLF
            mention = index.at(t.idx, t.idx + len(t))
            if mention is not None:
                break
    if mention is not None and not index.is_operation(mention.start, mention.end):
        return actor_of(mention, role)
    if tok.pos_ in ("PRON",) or tok.lower_ in _PRONOUNS:
        return None
    same = _others_of(tok)
    if same is not None:  # "four policemen were killed and three others wounded"
        return _resolve_role(same, role, index, sector_of)
    for holder in _holders(tok, sector_of) or _carried(toks):
        # "struck positions held by the RSF": the act is against whoever holds them;
        # "a convoy carrying 700 staff left": the people it carries move
        ea = _resolve_role(holder, role, index, sector_of)
        if ea is not None:
            return ea
    sector = sector_of(tok)
    if sector is None:
        return None
    doc = tok.doc
    text = doc_text(doc)[start:end]
    return EventActor(role=role, actor_id=None, name=None, text=text, start=start, end=end,
                      sector=sector, inter=_inter_of_sector(sector))


def actor_of(mention: ActorMention, role: str) -> EventActor:
    """The event role played by an actor mention."""
    return EventActor(role=role, actor_id=mention.actor_id, name=mention.name,
                      text=mention.text, start=mention.start, end=mention.end,
                      sector=mention.sector, country=mention.country, inter=mention.inter)


def _inter_of_sector(sector: str) -> int | None:
    """ACLED inter code implied by a generic head's sector (state forces are 1...)."""
    return {"MIL": 1, "COP": 1, "REB": 3, "CVL": 7, "PRO": 6}.get(sector)


def is_armed(actor: EventActor | None) -> bool:
    if actor is None:
        return False
    if actor.inter is not None:
        return actor.inter in (1, 2, 3, 4, 8)
    return (actor.sector or "") in ARMED_SECTORS


def is_civilian(actor: EventActor | None) -> bool:
    if actor is None:
        return False
    if actor.inter is not None:
        return actor.inter == 7
    return actor.sector in ("CVL", "REF", "MED", "EDU", "REL", "JRN", "NGO", "LAB", "BUS")


def is_state(actor: EventActor | None) -> bool:
    if actor is None:
        return False
    if actor.inter is not None:
        return actor.inter == 1
    return actor.sector in ("MIL", "COP", "GOV")
