"""Modality from the grammar: asserted, negated, denied, attempted, planned,
hypothetical, ongoing or historical (``threatened`` is set by
:func:`kharita.events.readings.intent` for a stated threat).

Read from the trigger's own auxiliaries and negation and from the chain of verbs
that govern it (``xcomp``/``ccomp`` parents such as *try*, *plan*, *deny*), from
``if``/``unless`` clauses, and from tense (pluperfect, a past event inside an
*after* clause of a present-tense sentence).  When several apply the stronger one
wins, in this order: negated, hypothetical, planned, attempted, historical, ongoing.
"""

from __future__ import annotations

from typing import Any

from kharita.speech import ATTRIBUTING

ATTEMPT = {"try", "attempt", "seek", "strive", "endeavour", "endeavor", "struggle"}
PLAN = {"plan", "intend", "aim", "prepare", "expect", "schedule", "vow", "pledge",
        "demand", "call", "urge", "request", "appeal", "ask", "insist", "press", "order",
        "plea", "proposal", "propose", "offer", "bid", "push",
        "promise", "mean", "set", "threaten", "agree", "decide", "vote",
        "due", "poise", "going", "plot", "consider", "mull", "seek", "swear",
        "prepared", "willing", "ready", "determined", "poised", "eager", "keen", "likely",
        "about", "decision", "intention", "timetable", "deadline",
        # an act agreed or under negotiation is not yet done: "in talks to transfer
        # the detainees", "a deal to pull back their fighters"
        "talk", "negotiation", "deal", "agreement", "accord", "pact", "arrangement"}
# verbs of calling for something, whose subjectless -ing clauses list what is called for
CALLS = {"call", "urge", "demand", "propose", "advocate", "recommend"}
# adjectives that judge an act named by their infinitive ("it would be unwise to ...",
# "impossible to ...", "too risky to ...")
JUDGED = {"wrong", "right", "wise", "unwise", "foolish", "reckless", "dangerous", "risky",
          "impossible", "possible", "difficult", "hard", "necessary", "essential", "vital",
          "important", "crucial", "unacceptable", "unthinkable", "premature", "sensible",
          "better", "best", "worse", "mistake", "irresponsible", "legitimate", "illegal",
          "lawful", "unlawful", "justified", "appropriate", "inappropriate"}
# a chance or a leave to act, named by a noun with the act as its infinitive
LEAVE_TO = {"excuse", "pretext", "chance", "opportunity", "light", "licence", "license",
            "permission", "authorisation", "authorization", "leeway", "option", "freedom"}
# verbs by which such a chance is taken, so that the act is done: "seized the chance to flee"
_TAKEN_UP = {"take", "seize", "use", "grab", "exploit"}


def _offered(noun: Any) -> bool:
    """Whether a chance or leave to act is only offered, sought or had, not taken up."""
    head = noun.head
    return not (noun.dep_ == "dobj" and head.lemma_.lower() in _TAKEN_UP)


# what a party wishes is no plan of it ("wishes to go home", "hopes to go back")
WISHES = {"want", "hope", "wish", "long", "dream"}
# what a party expects another to do is a forecast, not its plan ("expects the rebels to
# leave the hills"); what it expects to do itself stays a plan ("expects to retake")
FORECASTS = {"expect", "predict", "anticipate", "foresee"}
# verbs of ordering, which make an act to come only with a to-infinitive
ORDER_VERBS = {"instruct", "command", "direct", "tell", "authorise", "authorize", "task"}
# verbs of asking another party to act: what is asked is a demand, no plan
ASK_VERBS = {"ask", "urge", "request", "implore", "beg", "press", "encourage", "invite"}
DISCUSS = {"discuss", "negotiate", "consider", "debate", "mull", "study", "weigh", "seek"}
NEGATORS = {"deny", "refute", "dismiss", "reject", "refuse", "decline", "unwilling",
            "reluctant", "fail", "avoid", "prevent", "foil", "thwart", "escape", "evade",
            "forestall", "avert", "deter", "stop", "block", "ban", "prohibit"}
ONGOING = {"continue", "keep", "persist", "go", "remain", "resume", "carry", "proceed"}
ONGOING_ADJ = {"ongoing", "underway", "continuing", "unabated", "still"}
HYPOTHETICAL_AUX = {"could", "would", "might", "may", "should", "must"}
FUTURE_AUX = {"will", "shall", "'ll", "wo"}
_MAYBE_AUX = {"could", "might", "may"}
# the phrases whose act shares a maybe-verb's chance: "could be killed *in* an assault",
# "*by* shelling", "*within* a day of an offensive" (not "*after* Monday's bombing")
_MAYBE_PREPS = {"in", "during", "within", "by", "under", "on"}
IF_MARKS = {"if", "unless", "whether", "lest", "until"}
PAST_MARKS = {"after", "since", "following", "before"}
FUTURE_MARKS = {"before", "until", "once", "unless", "till"}
NEG_DETS = {"no", "none", "nobody", "nothing", "neither"}
# negators that are a party's denial of a report, not a failure or prevention
DENY = {"deny", "refute", "dismiss", "reject"}

# verbs whose object act did not happen to them ("evaded arrest", "foiled a plot")
_EVADED = {"evade", "escape", "avoid", "foil", "thwart", "prevent", "avert", "forestall",
           "dodge", "elude",
           # "the city was spared an assault" (the tagger's lemma of "spared" is "spar")
           "spare", "spar"}

# adjectives that put an act named by a noun in the future or among the possibilities
# (not "planned", "scheduled", "upcoming": said mostly of visits and meetings, whose
# cancellation or holding is the news)
FUTURE_ADJ = {"impending", "imminent", "looming", "anticipated", "projected", "expected",
              "intended", "mooted", "promised", "threatened", "forthcoming", "proposed"}
POSSIBLE_ADJ = {"possible", "potential", "feared", "hypothetical", "prospective", "would-be"}

# verbs that stop the act they take as object ("ended its operations in Syria",
# "suspended the offensive", "called off the strike"): the stop is told, not the act
_HALTED = {"end", "halt", "suspend", "cease", "abandon", "conclude", "pause", "wind"}

# verbs whose object act is feared, foreseen or argued for, not done ("the Kurds fear an
# attack by Turkey", "he advocated air strikes on the sites", "warned of reprisals")
WISHED_OR_FEARED = {"fear", "dread", "predict", "forecast", "foresee", "envisage", "envision",
                    "risk", "advocate", "favour", "favor", "recommend", "suggest", "champion",
                    "oppose", "rule", "contemplate", "imagine", "invite", "court", "provoke"}


def _wished_or_feared(trigger: Any) -> bool:
    """A noun trigger that is the object of fearing, foreseeing or arguing for, or
    of "warn of" ("the Kurds fear an attack", "advocated air strikes", "warned of
    attacks")."""
    if trigger.pos_ != "NOUN":
        return False
    head = trigger.head
    if trigger.dep_ == "dobj" and head.lemma_.lower() in WISHED_OR_FEARED:
        return head.lemma_.lower() != "rule" or any(c.lower_ == "out" for c in head.children)
    return (trigger.dep_ == "pobj" and head.lower_ in ("of", "against", "about")
            and head.head.lemma_.lower() in ("warn", "caution", "fear", "worry"))


# a stop told in the passive, or a cut: "the offensive was suspended", "operations
# have been run down", "air operations were scaled back"
_CUT = _HALTED | {"reduce", "curtail", "freeze", "limit", "restrict", "cancel", "postpone",
                  "shelve", "delay"}


def _halted_subject(trigger: Any) -> bool:
    """A noun trigger that is the subject of a passive stop or cut: the stop is
    told, not the act (as "ended its operations" is for an object)."""
    if trigger.pos_ != "NOUN" or trigger.dep_ != "nsubjpass":
        return False
    verb = trigger.head
    lem = verb.lemma_.lower()
    if lem in ("run", "scale", "wind", "draw", "call"):  # phrasal: "run down", "scale back"
        return any(c.dep_ == "prt" and c.lower_ in ("down", "back", "off") for c in verb.children)
    return lem in _CUT


# a condition outranks everything ("if the talks fail, they would not attack")
ORDER = ("hypothetical", "negated", "denied", "planned", "attempted", "historical", "ongoing")


def modality(trigger: Any, governor: Any | None = None, published: str | None = None) -> str:
    """The modality of the event whose trigger token is ``trigger``.

    ``governor`` is the verb carrying a noun trigger ("carried out an attack",
    "there will be redeployment"); its auxiliaries count as the trigger's own.
    ``published`` (ISO date) lets a year named in the clause ("in 2014") mark
    background events.
    """
    found: set[str] = set()
    chain = _chain(trigger, governor)
    verbs = [v for v, _ in chain]
    reported = _reported(verbs)
    for depth, (verb, link) in enumerate(chain):
        if link == "prep":  # "said they would retaliate with attacks": only the tense
            prep = _phrase_prep(trigger)
            _future_only(verb, found, reported, prep, direct=prep == trigger.head)
            continue
        if link == "conj":  # "would first escape, then cross the border": one auxiliary
            _shared(verb, found, reported)
            if _shares_negation(chain[depth - 1][0], verb):
                found.add("negated")
        else:
            _own(verb, found, depth == 0 or verb == governor, reported)
        lem = verb.lemma_.lower()
        if link == "comp" and lem == "be" and depth and _doer_is_to(verb, chain[depth - 1][0]):
            found.add("planned")  # "both sides are to pull back": arranged, not done
        elif link == "comp":
            if lem in ATTEMPT:
                found.add("attempted")
            elif _judged(verb, chain[depth - 1][0] if depth else None):
                # "it would be unwise to move the detainees to Baghdad", "too risky to
                # deploy troops there": an act judged, not one told or planned
                found.add("hypothetical")
            elif lem in LEAVE_TO and verb.pos_ == "NOUN" and _offered(verb):
                # "would hand the army a pretext to mount an assault", "the green
                # light to attack": a chance or a leave to act, not the act
                found.add("hypothetical")
            elif lem in WISHES or (lem in FORECASTS and depth and _own_subject(chain[depth - 1][0])):
                # "he wishes to go home", "hopes to go back": a wish, no plan; "the envoy
                # expects the rebels to leave the hills": a forecast of another's act
                found.add("hypothetical")
            elif lem in ASK_VERBS and depth and _to_infinitive(chain[depth - 1][0]) and any(
                    c.dep_ == "dobj" for c in verb.children):
                # "Kinshasa asked Kigali to pull back its troops", "urged the rebels to
                # withdraw": a demand of another party, not anyone's plan
                found.add("hypothetical")
            elif lem in PLAN:
                # "do not intend to surrender", "has no intention of attacking": no plan
                found.add("negated" if _disowned(verb) else "planned")
            elif lem in ORDER_VERBS and depth and _to_infinitive(chain[depth - 1][0]):
                # "instructed the battalion to abandon its positions", "told his men
                # to leave": ordered, not yet done ("told reporters that ..." is speech)
                found.add("planned")
            elif lem in NEGATORS:
                found.add("denied" if lem in DENY else "negated")
            elif lem in ANNOUNCE and depth and _progressive(chain[depth - 1][0]):
                # "announced it was withdrawing its soldiers from Mali", "declared it was
                # pulling its police out of the north": a decision made known, not yet done
                found.add("planned")
            elif lem in ONGOING and continuing(verb):
                found.add("ongoing")
        elif link in ("subj", "gov") and lem in ONGOING and continuing(verb):
            found.add("ongoing")  # "the exodus continues"

        elif link == "gov" and trigger.dep_ == "dobj" and lem in PLAN | DISCUSS:
            found.add("planned")  # "discussed a ceasefire", "demanded the release"
        elif link == "gov" and trigger.dep_ == "dobj" and lem in _EVADED:
            found.add("negated")  # "evading arrest", "foiled an attack": it did not happen
        elif link == "gov" and trigger.dep_ == "dobj" and lem in _HALTED and trigger.pos_ == "NOUN":
            found.add("negated")  # "was ending all military operations": a stop is told
        marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
        if "for" in marks and _to_infinitive(verb):
            found.add("planned")  # "calls for the fighters to be sent back": wanted, not done
        if verb.dep_ == "advcl" and marks & IF_MARKS:
            found.add("hypothetical")
        elif verb.dep_ == "advcl" and marks & FUTURE_MARKS and verb.tag_ in ("VBP", "VBZ", "VB"):
            found.add("planned")  # "before they demobilize": not yet done
        elif verb.dep_ == "advcl" and verb.tag_ in ("VBP", "VBZ") and _future_main(verb.head):
            found.add("planned")  # "once the mission leaves, the militia will ...": not yet
    if _wished_or_feared(trigger) or any(_bare_root(v) for v, link in chain if link in ("self", "gov")):
        found.add("hypothetical")
    if _halted_subject(trigger):
        found.add("negated")
    if _negated_subject(trigger):
        found.add("negated")
    if _imagined(trigger) or _any_one(trigger) or _habitual(trigger) or _asked(trigger):
        found.add("hypothetical")
    carrier = _gerund_carrier(trigger)
    if carrier is None and trigger.dep_ == "dobj" and trigger.head.tag_ == "VBG":
        # "would have no problem fending off an incursion": the act named as the
        # object of the -ing verb is as real as that verb
        carrier = _gerund_carrier(trigger.head)
    if carrier is not None:
        # "would have no trouble repelling an offensive", "will have a chance of
        # retaking the town": the act is as real as the verb that carries its noun
        for c in carrier.children:
            if c.dep_ == "aux" and _future(c, reported):
                found.add("planned")
            elif c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX and not _maybe_done(c):
                found.add("hypothetical")
    named = _act_as_subject(trigger)
    if named:
        found.add(named)
    if "planned" in found and _believed(verbs):
        # "the UN believes 700,000 people would head towards the border": a forecast
        # of what others would do, not anyone's plan
        found.discard("planned")
        found.add("hypothetical")
    told_as_done = trigger.dep_ in ("nsubj", "nsubjpass") and trigger.head.tag_ in (
        "VBD", "VBZ", "VBP") and not any(c.dep_ == "aux" for c in trigger.head.children)
    # "launched its long-promised offensive", "launched the expected offensive": what
    # was once to come is now carried out
    told_as_done = told_as_done or _carried_out(trigger)
    if trigger.pos_ == "NOUN" and not told_as_done:
        # "an impending regime incursion", "a possible attack": not (yet) happened
        # ("the planned withdrawal began on Friday" did)
        mods = {c.lower_ for c in trigger.children if c.dep_ in ("amod", "compound")}
        if mods & FUTURE_ADJ:
            found.add("planned")
        elif mods & POSSIBLE_ADJ:
            found.add("hypothetical")
    if not reported and (_historical(trigger, verbs) or _earlier_year(verbs[:2], published)):
        found.add("historical")
    for m in ORDER:
        if m in found:
            return m
    return "asserted"


# subjects that can be arranged to act ("Israel is to withdraw", "both sides are to
# pull back"); "the aim is to ...", "the first is to ..." say what a goal is
_DOERS = {"side", "force", "troop", "army", "soldier", "fighter", "rebel", "government",
          "police", "country", "militia", "unit", "party", "group", "mission", "state"}


# verbs whose object is an act carried out ("launched the offensive", "mounted an invasion")
_CARRY_OUT = {"launch", "mount", "begin", "start", "stage", "conduct", "carry", "unleash",
              "execute", "undertake", "initiate", "commence", "resume", "complete"}


def _carried_out(trigger: Any) -> bool:
    """The act's noun is the object of a carrying-out verb told as done (past tense, or
    a present perfect; no future or modal auxiliary)."""
    head = trigger.head
    if trigger.dep_ != "dobj" or head.lemma_.lower() not in _CARRY_OUT:
        return False
    auxes = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
    if head.tag_ == "VBD":
        return not auxes
    return head.tag_ == "VBN" and bool(auxes) and all(
        c.lemma_.lower() == "have" for c in auxes)


def _doer_is_to(be: Any, verb: Any) -> bool:
    """"X is to VERB" with X a party: the future arranged for X."""
    if not _to_infinitive(verb):
        return False
    subj = next((c for c in be.children if c.dep_ == "nsubj"), None)
    return subj is not None and (
        subj.pos_ in ("PROPN", "PRON") and subj.lower_ not in ("it", "this", "that", "which")
        or subj.ent_type_ in ("GPE", "NORP", "ORG", "PERSON")
        or subj.lemma_.lower() in _DOERS)


def _act_as_subject(trigger: Any) -> str | None:
    """"Retaking the city would take months", "Capturing it will destroy their hold":
    an act named by a gerund as the subject of a future or conditional verb (the
    parser may read a sentence-initial gerund as an adverbial clause) is planned or
    hypothetical, not told."""
    if trigger.tag_ != "VBG" or any(c.dep_ in ("nsubj", "mark") for c in trigger.children):
        return None
    if not (trigger.dep_ in ("csubj", "nsubj") or (
            trigger.dep_ == "advcl" and trigger.i == trigger.sent.start)):
        return None
    auxes = {c.lower_ for c in trigger.head.children if c.dep_ == "aux"}
    if auxes & FUTURE_AUX:
        return "planned"
    if auxes & HYPOTHETICAL_AUX:
        return "hypothetical"
    return None


# verbs whose content is pictured, not told: "he often imagined jets bombing his school"
IMAGINE = {"imagine", "dream", "envisage", "envision", "fantasize", "fantasise", "picture",
           "pretend", "daydream", "visualise", "visualize"}


def _imagined(trigger: Any) -> bool:
    """The act is the content of imagining or dreaming ("she dreamed that soldiers
    attacked the village", "he imagined jets bombing his school"), reached up the
    clause chain (the parser may hang a listed -ing act on the verb as a conjunct)."""
    tok = trigger
    for _ in range(4):
        if tok.dep_ not in ("conj", "xcomp", "ccomp", "dobj") or tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.pos_ == "VERB" and tok.lemma_.lower() in IMAGINE:
            return True
    return False


def _gerund_carrier(trigger: Any) -> Any | None:
    """The verb of "would have no trouble *repelling*", "has a chance of *retaking*":
    an -ing act hung on the object of a verb (directly or by "of"/"in")."""
    if trigger.tag_ != "VBG" or trigger.dep_ not in ("acl", "pcomp"):
        return None
    noun = trigger.head
    if noun.pos_ == "ADP" and noun.head.pos_ == "NOUN":
        noun = noun.head
    if noun.pos_ != "NOUN" or noun.dep_ not in ("dobj", "attr"):
        return None
    return noun.head if noun.head.pos_ in ("VERB", "AUX") else None


def _chain(trigger: Any, governor: Any | None) -> list[tuple[Any, str]]:
    """The trigger, its carrying verb, then governing words up the clause chain, each
    with how it was reached: "self", "gov" (carrying verb), "comp" (the trigger's
    clause is its complement: *try to*, *plan to*, *deny*), "subj" (a noun trigger is
    its subject: "the exodus continues")."""
    chain = [(trigger, "self")]
    if governor is not None and governor != trigger:
        chain.append((governor, "gov"))
    tok = chain[-1][0]
    for _ in range(4):
        if tok.dep_ in ("acl", "ccomp") and tok.head.pos_ == "NOUN":
            chain.append((tok.head, "comp"))  # "its demand that Israel ease restrictions"
            break
        if (tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.head.lemma_.lower() in CALLS
                and not _own_subject(tok)):
            # "urges sanctions, arming the villagers and shelling the depots":
            # the -ing clauses go on listing what is called for
            chain.append((tok.head, "comp"))
            break
        if tok.dep_ not in ("xcomp", "ccomp", "conj", "pcomp", "acomp") or tok.head == tok:
            break
        if tok.dep_ == "conj":
            if _shares_auxiliary(tok):
                chain.append((tok.head, "conj"))
            tok = tok.head
            continue
        head = tok.head
        if head.pos_ == "ADP":  # "attempt at negotiating"
            head = head.head
        chain.append((head, "comp"))
        tok = head
    if trigger.dep_ in ("nsubj", "nsubjpass") and all(trigger.head != v for v, _ in chain):
        chain.append((trigger.head, "subj"))
    if len(chain) == 1 and trigger.pos_ == "NOUN":
        prep = _phrase_prep(trigger)
        if prep is not None:
            chain.append((prep.head, "prep"))  # "will retaliate *with attacks*"
    return chain


# nouns of a time told by another happening: "within a day of", "on the eve of"
_TIME_FRAMES = {"day", "days", "hour", "hours", "week", "weeks", "month", "months", "eve",
                "wake", "start", "outbreak", "onset", "event", "case"}


def _phrase_prep(trigger: Any) -> Any | None:
    """The preposition by which a noun trigger's phrase hangs on a verb: "retaliate
    *with* attacks", "displaced *within* a day of an offensive"."""
    if trigger.dep_ != "pobj" or trigger.head.dep_ not in ("prep", "agent"):
        return None
    prep = trigger.head
    if prep.head.pos_ == "VERB":
        return prep
    frame = prep.head
    if (prep.lower_ == "of" and frame.lemma_.lower() in _TIME_FRAMES and frame.dep_ == "pobj"
            and frame.head.dep_ == "prep" and frame.head.head.pos_ == "VERB"):
        return frame.head
    return None


def _future(aux: Any, reported: bool = False) -> bool:
    """The auxiliary puts the act in the future: "will", "shall", "'ll", or in reported
    speech "would" ("said they would boycott": future in the past)."""
    return aux.lower_ in FUTURE_AUX or (aux.lower_ == "would" and reported)


def _future_main(head: Any) -> bool:
    """The clause a temporal clause hangs on has a future auxiliary ("will", "shall",
    "'ll"), looking through an adverb ("*as soon as* X leaves, Y will ...")."""
    for _ in range(2):
        if head.pos_ in ("VERB", "AUX"):
            return any(c.dep_ == "aux" and _future(c) for c in head.children)
        if head.dep_ != "advmod" or head.head.i == head.i:
            return False
        head = head.head
    return False


_PHRASE_DEPS = {"acl", "dobj", "pobj", "prep", "agent"}


def _future_only(verb: Any, found: set[str], reported: bool, prep: Any = None,
                 direct: bool = True) -> None:
    """A noun in a phrase of a verb takes the verb's future ("will strike *with
    drones*", "said they would retaliate *with attacks*"), not its negation or its
    conditional: "was not killed in the attack" tells an attack.  A verb that only may
    happen makes its phrase's act as possible: "could be displaced within a day of an
    offensive", "might be killed in an assault" ("might have been killed in the attack"
    tells an attack)."""
    for _ in range(5):  # "will open with shelling *followed by* an infantry assault"
        auxes = [c for c in verb.children if c.dep_ == "aux"]
        if auxes or verb.dep_ not in _PHRASE_DEPS or verb.head.i == verb.i:
            break
        verb = verb.head
    if direct and any(_future(c, reported) for c in auxes):
        found.add("planned")
    elif (prep is not None and prep.lower_ in _MAYBE_PREPS and any(c.lower_ in _MAYBE_AUX for c in auxes)
          and not any(c.lemma_.lower() == "have" for c in auxes)):
        found.add("hypothetical")


def _earlier_year(verbs: list[Any], published: str | None) -> bool:
    """"In 2014 IS seized Mosul" (published later), "last year": background."""
    pub_year = int(published[:4]) if published and published[:4].isdigit() else None
    for verb in verbs:
        for c in verb.children:
            words = [c] if c.dep_ == "npadvmod" else [
                g for g in c.children if g.dep_ == "pobj"] if c.dep_ == "prep" else []
            for w in words:
                if w.lower_ == "year" and any(g.lower_ in ("last", "previous") for g in w.children):
                    return True
                if (pub_year and len(w.text) == 4 and w.text.isdigit()
                        and 1900 <= int(w.text) < pub_year):
                    return True
    return False


# verbs of belief or forecast: what their clause says would happen is expected, not planned
BELIEF = {"believe", "fear", "predict", "forecast", "estimate", "think", "suspect", "worry",
          "speculate", "guess", "doubt", "reckon", "project",
          # and adjectives of doubt or fear: "sceptical that Trump will attack"
          "sceptical", "skeptical", "doubtful", "unsure", "uncertain", "unconvinced", "afraid",
          "worried", "fearful", "hopeful"}


def _believed(chain: list[Any]) -> bool:
    """The trigger's clause is the content of a belief or forecast whose holder is not
    its subject ("aid agencies fear 700,000 people would flee"; but "Turkey believes it
    will win" is Turkey's own), a fear, or a belief about what will be done to someone."""
    for v in chain:
        if v.dep_ == "ccomp" and v.head.lemma_.lower() in BELIEF:
            if v.head.lemma_.lower() in ("fear", "worry") or any(
                    c.dep_ == "nsubjpass" for c in v.children):
                # "families fear they will be moved to another camp": what one fears, or what
                # one believes others will do to one, is no plan of one's own
                return True
            holder = {c.lower_ for c in v.head.children if c.dep_ == "nsubj"}
            subject = {c.lower_ for c in v.children if c.dep_ in ("nsubj", "nsubjpass")}
            return not (subject & (holder | {"it", "they", "we", "he", "she", "i"}))
    return False


def _reported(chain: list[Any]) -> bool:
    """True when the clause is reported speech: "said they would", "said it had"
    shift tense back without making the event hypothetical or historical.  So do a
    speaker told aside ("the troops would leave by June, the minister added"), a
    statement noun ("said in a statement that it would resume attacks") and the
    terms of an arrangement ("under the deal, the brigade would move to Gao")."""
    last = chain[-1]
    if last.dep_ in ("ccomp", "parataxis") and last.head.lemma_.lower() in REPORTING:
        return True
    for v in chain:
        while v.dep_ == "conj" and v.head.i != v.i:  # "said X ... and that Y had been captured"
            if _told_aside(v):
                return True
            v = v.head
        if v.dep_ == "ccomp" and v.head.lemma_.lower() in REPORTING:
            return True
        if v.dep_ in ("acl", "ccomp") and v.head.lemma_.lower() in STATEMENTS and any(
                c.dep_ == "mark" and c.lower_ == "that" for c in v.children):
            return True
        if _told_aside(v) or _under_terms(v):
            return True
    return False


# nouns of something said or written, whose that-clause reports speech
STATEMENTS = {"statement", "announcement", "message", "video", "speech", "communique",
              "communiqué", "broadcast", "post", "interview", "letter", "declaration",
              "briefing", "address", "remark", "comment", "tweet", "notice", "decree"}
# arrangements whose terms say what a party is to do: "under the plan, X would ..."
TERMS = {"plan", "deal", "agreement", "accord", "pact", "arrangement", "proposal", "term",
         "scheme", "timetable", "treaty", "ceasefire", "truce", "roadmap", "framework"}


def _told_aside(verb: Any) -> bool:
    """A speaker told in a parenthesis of the verb's clause: "..., the minister added"."""
    return any(c.dep_ == "parataxis" and c.lemma_.lower() in REPORTING
               and any(g.dep_ == "nsubj" for g in c.children) for c in verb.children)


def _under_terms(verb: Any) -> bool:
    """The verb's clause tells the terms of an arrangement: "under the plan, ..."."""
    return any(c.dep_ == "prep" and c.lower_ == "under" and any(
        g.dep_ == "pobj" and g.lemma_.lower() in TERMS for g in c.children)
        for c in verb.children)


# verbs that report a resolution as speech verbs report words: "agreed that the troops
# would leave", "decided that the mission would end" (a future in the past, not a maybe)
RESOLVING = {"agree", "decide", "promise", "pledge", "vow", "resolve", "commit", "determine"}
REPORTING = ATTRIBUTING | RESOLVING


def _own(verb: Any, found: set[str], own: bool, reported: bool = False) -> None:
    """Auxiliaries, negation and aspect attached to one verb of the chain."""
    for c in verb.children:
        low = c.lower_
        if c.dep_ == "neg" and own:
            found.add("negated")
        elif c.dep_ in ("aux", "auxpass"):
            if _future(c, reported):
                found.add("planned")
            elif low in HYPOTHETICAL_AUX and not _maybe_done(c):
                found.add("hypothetical")
        elif c.dep_ in ("acomp", "advmod") and low in ONGOING_ADJ:
            found.add("ongoing")
    if _progressive(verb):
        found.add("ongoing")
    if verb.lemma_.lower() in ONGOING and verb.dep_ == "ROOT" and not own and continuing(verb):
        found.add("ongoing")
    if verb.lemma_.lower() == "be":
        for c in verb.children:
            if c.dep_ == "acomp" and c.lower_ in ONGOING_ADJ:
                found.add("ongoing")


def _shares_auxiliary(verb: Any) -> bool:
    """A verb conjoined to another without a subject or auxiliary of its own shares
    the other's ("will storm the town and seize the bridge", "if they attack and
    burn the depot"); one with its own subject is a clause of its own."""
    return verb.pos_ in ("VERB", "AUX") and verb.head.pos_ in ("VERB", "AUX") and not any(
        c.dep_ in ("nsubj", "nsubjpass", "expl", "aux", "auxpass") for c in verb.children)


def _shared(verb: Any, found: set[str], reported: bool) -> None:
    """The auxiliaries of the verb a subjectless conjunct hangs on."""
    for c in verb.children:
        if c.dep_ == "aux" and _future(c, reported):
            found.add("planned")
        elif c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX and not _maybe_done(c):
            found.add("hypothetical")


# modals that with a perfect say what may have happened, not what would have
_EPISTEMIC = {"may", "might", "could", "must"}


def _maybe_done(aux: Any) -> bool:
    """"as many as 40 fighters may have been killed in the clash", "the strike might
    have killed dozens": a happening told, its toll or doer uncertain; "would have
    been killed if ..." and "should have attacked" stay what did not happen."""
    return aux.lower_ in _EPISTEMIC and any(
        c.dep_ == "aux" and c.lemma_ == "have" for c in aux.head.children)


def _shares_negation(conj: Any, head: Any) -> bool:
    """A subjectless conjunct of a negated verb is negated too when it is joined by
    "or"/"nor", is a bare infinitive of the same "did not" ("did not attack the town
    or burn the market", "did not attack the town and burn the market"), or follows
    "let alone" ("have not been threatened, let alone invaded"); one joined by "but"
    is told ("did not attack the town but burned the market")."""
    if not any(c.dep_ == "neg" for c in head.children):
        return False
    if conj.lemma_.lower() == "let" and any(c.lower_ == "alone" for c in conj.children):
        return True
    ccs = {c.lower_ for c in head.children if c.dep_ == "cc" and c.i < conj.i}
    if ccs & {"but", "yet"}:
        return False
    if ccs & {"or", "nor"}:
        return True
    return conj.tag_ == "VB" and any(c.dep_ == "aux" and c.lemma_ == "do" for c in head.children)


def continuing(verb: Any) -> bool:
    """"carry on", "go on", "drag on", "keep up" continue; "carried out", "went
    ahead" do not."""
    if verb.lemma_.lower() not in ("carry", "go", "drag"):
        return True
    return any(c.dep_ == "prt" and c.lower_ == "on" for c in verb.children)


def _bare_root(verb: Any) -> bool:
    """A sentence whose main verb is a bare infinitive with neither subject nor
    auxiliary tells no deed when it is a command ("Send us your story", "Never fire
    without an order": nothing named before it) or a clause the parser cut from the
    modal before it ("they would have to pay the guards, then quietly flee").  A name
    the parser takes for a verb ("MPs back air strikes") is no command."""
    if verb.dep_ != "ROOT" or verb.tag_ != "VB" or not verb.text[1:].islower() or any(
            c.dep_ in ("nsubj", "nsubjpass", "expl", "aux", "auxpass") for c in verb.children):
        return False
    before = verb.doc[verb.sent.start:verb.i]
    return not any(t.pos_ in ("NOUN", "PROPN", "PRON", "NUM") for t in before) or any(
        t.dep_ == "aux" and t.lower_ in HYPOTHETICAL_AUX for t in before)


def _judged(verb: Any, below: Any | None) -> bool:
    """``below``, a to-infinitive, names an act the adjective ``verb`` judges ("unwise
    to move"), or hangs on a "be" whose complement does ("it is impossible to
    evacuate", the parser hanging the infinitive on "is")."""
    if verb.pos_ == "ADJ":
        return verb.lemma_.lower() in JUDGED
    return (verb.lemma_.lower() == "be" and below is not None and below.dep_ == "xcomp"
            and _to_infinitive(below) and any(
                c.dep_ == "acomp" and c.lemma_.lower() in JUDGED for c in verb.children))


def _asked(trigger: Any) -> bool:
    """The trigger's sentence is a question ("Who will protect the villages?", "Why
    are the rebels advancing again?"): asked, not told."""
    return trigger.sent.text.rstrip().rstrip("\"'”’»)").endswith("?")


# verbs that make a decision known: what they tell as under way is arranged
ANNOUNCE = {"announce", "declare", "unveil"}


def _progressive(verb: Any) -> bool:
    """"was withdrawing", "is pulling out": be + -ing."""
    return verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children)


def _own_subject(verb: Any) -> bool:
    """The verb has a subject of its own: "expected *the rebels* to give up"."""
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _to_infinitive(verb: Any) -> bool:
    """The verb carries a *to* auxiliary: "to leave", "to be sent back"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _disowned(plan: Any) -> bool:
    """A plan word negated: "do not intend to", "no plans to", "has no intention of"."""
    if any(c.dep_ == "neg" for c in plan.children):
        return True
    if plan.pos_ == "NOUN":
        if any(c.dep_ == "det" and c.lower_ in NEG_DETS for c in plan.children):
            return True
        verb = plan.head if plan.dep_ in ("dobj", "attr") else None
        return verb is not None and any(c.dep_ == "neg" for c in verb.children)
    return False


_ANY = {"every", "any"}


def _any_one(trigger: Any) -> bool:
    """Told of anyone, no one in particular: "any attack on the camp will be
    answered", "every civilian killed in a strike fed the anger", "any fighter caught
    looting would be punished" ("killed every man in the village" is one massacre)."""
    def general(noun: Any) -> bool:
        return any(c.dep_ == "det" and c.lower_ in _ANY for c in noun.children)

    if trigger.pos_ == "NOUN":
        return general(trigger)
    if trigger.dep_ in ("acl", "relcl") and trigger.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return general(trigger.head)  # "every lorry that leaves the market pays twice"
    verbs = [trigger]
    if trigger.dep_ in ("xcomp", "advcl"):  # "any fighter caught looting"
        if trigger.head.dep_ == "acl":
            return general(trigger.head.head)
        verbs.append(trigger.head)
    return any(c.dep_ in ("nsubj", "nsubjpass") and general(c) for v in verbs for c in v.children)


# what a kind of act is said to be when no particular one is told
_HABITS = {"common", "commonplace", "frequent", "routine", "widespread", "rampant", "endemic",
           "rare", "normal", "rife", "regular", "prevalent", "unusual", "usual"}


def _habitual(trigger: Any) -> bool:
    """A kind of act told as common or rare ("kidnapping for ransom has become common
    on the road", "such raids are routine"): a habit, no particular happening ("the
    protests were the most widespread in years" are particular ones)."""
    if trigger.pos_ != "NOUN" or trigger.dep_ != "nsubj":
        return False
    verb = trigger.head
    return verb.lemma_.lower() in ("be", "become", "remain", "grow") and any(
        c.dep_ in ("acomp", "attr") and c.lemma_.lower() in _HABITS and not any(
            g.lower_ in ("most", "more", "less", "least", "the") for g in c.children)
        for c in verb.children)


def _negated_subject(trigger: Any) -> bool:
    """"No one was killed", "no casualties were reported"."""
    for c in trigger.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj"):
            words = {c.lower_} | {g.lower_ for g in c.children if g.dep_ == "det"}
            if words & NEG_DETS or c.lower_ in ("nobody", "none", "noone"):
                return True
            if c.lower_ == "one" and any(g.lower_ == "no" for g in c.children):
                return True
    return False


# what someone was when a life story tells an act of their childhood or youth
_LIFE_STAGES = {"child", "boy", "girl", "teenager", "teen", "baby", "toddler", "kid",
                "schoolboy", "schoolgirl", "youngster", "infant", "age", "young", "little"}


def _life_stage(verb: Any) -> bool:
    """"When she was 12 her family took her to Amman", "as a teenager she fled to
    Jordan", "at the age of 12": an act of someone's childhood, told as their story."""
    for c in verb.children:
        if c.dep_ == "advcl" and c.lemma_ == "be" and any(
                m.dep_ in ("mark", "advmod") and m.lower_ == "when" for m in c.children):
            for a in c.children:
                if a.dep_ in ("attr", "acomp") and (a.tag_ == "CD" or a.lemma_.lower() in _LIFE_STAGES):
                    return True
        if c.dep_ == "prep" and c.lower_ in ("at", "as") and any(
                o.dep_ == "pobj" and o.lemma_.lower() in _LIFE_STAGES for o in c.children):
            return True
    return False


def _done_once(verb: Any) -> bool:
    """"were once arrested", "formerly ruled": at some time long past ("once more",
    "once again" are not)."""
    return any(c.dep_ == "advmod" and c.lower_ in ("once", "formerly") and not any(
        g.lower_ in ("more", "again") for g in c.children) for c in verb.children)


def _historical(trigger: Any, chain: list[Any]) -> bool:
    """Pluperfect, a past event in an "after"/"since" clause of a present sentence, an
    act of someone's childhood, or one told as done *once* (at some time past)."""
    verb = chain[1] if len(chain) > 1 and trigger.pos_ != "VERB" else trigger
    if any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children):
        return True
    if verb.tag_ in ("VBD", "VBN") and (_life_stage(verb) or _done_once(verb)):
        return True
    if verb.dep_ == "advcl" and verb.tag_ in ("VBD", "VBN") and any(
        c.dep_ in ("mark", "prep") and c.lower_ in PAST_MARKS and c.i < verb.i
        for c in verb.children
    ):
        main = verb.head
        auxes = [c for c in main.children if c.dep_ == "aux"]
        return (main.tag_ in ("VBP", "VBZ") or any(c.tag_ in ("VBP", "VBZ") for c in auxes)
                or (main.tag_ == "VB" and not auxes)  # present tense tagged as base form
                or any(c.lower_ == "now" for c in main.children))
    return False
