"""Fatalities, injured and arrested counts (owner: events-context).

A count is read from the syntax around a casualty word in the event's sentence:
"12 militants were killed" (passive subject), "killing 12 people" (object),
"dozens wounded" (the word modifies its count), "12 dead", "the death toll rose
to 12", "no casualties were reported".  Each count becomes a
:class:`~kharita.model.Quantity` ``(low, best, high)`` whose evidence text is the
noun phrase that holds the number.

Documented conventions (ACLED's where it has one):

* Exact numbers: low = best = high.  "at least N"/"more than N"/"over N": best = N
  (ACLED codes the conservative figure), low = N, high = ceil(1.5 N).  "about/nearly/
  around N": low = floor(0.8 N), best = N, high = ceil(1.2 N).  "up to N": low = 1,
  best = high = N.  "between A and B"/"A-B"/"A to B": low = best = A, high = B.
* Vague words (ACLED codebook: "several"/"many" fatalities are coded 10, "dozens" 12,
  "hundreds" 100): several/many/a number of/some -> (2, 10, 20) but "a few" (2, 3, 5);
  dozens -> (24, 12 as ACLED's figure is conservative -> low is lowered to 12, 99)
  i.e. (12, 12, 99); scores -> (40, 40, 99); hundreds -> (100, 100, 999);
  thousands -> (1000, 1000, 9999).  An unquantified plural ("soldiers were killed")
  -> (2, 2, 10); a singular noun or a named person -> 1.
* "killed and wounded 7" / "killing and injuring N": the split is unknown, so no
  fatality or injury figure is given (ACLED codes 0 fatalities).
* Several victims of the same outcome in the sentence are summed, both sides alike
  ("12 militants killed and 3 soldiers died" -> 15); sub-counts introduced by
  "including"/"among them" are not added again.
* Negation ("no casualties", "no one was killed", "nobody was hurt") -> 0/0/0.
  "casualties" alone (killed and wounded together) only yields the zero case.
* No mention -> the key is absent; the exporter writes ACLED's 0.
* Cumulative totals ("the war has killed 500,000 since 2011") and causes ("protested
  over the death of a civilian") are not this event's toll.
* A following sentence of the same paragraph whose casualty verb says "also" ("6
  militants were also killed") adds to the toll (ACLED sums both sides).
* Two violent events told in clauses of their own in one sentence ("missiles killed
  five in Kharkiv, while drone strikes killed three in Odesa") share out its
  statements: each goes to the trigger nearest to it in the parse.
"""

from __future__ import annotations

import dataclasses
import math
import re
from typing import Any

from kharita.events.arrays import tree_distance, word_arrays
from kharita.model import Document, Quantity

OUTCOME_LEMMAS = {
    "fatalities": {"kill", "die", "slay", "murder", "execute", "behead", "massacre", "assassinate",
                   "perish", "slaughter", "lynch", "dead", "death", "fatality", "body", "corpse",
                   "toll", "shoot dead"},
    "injured": {"wound", "injure", "hurt", "maim", "injury", "injured", "wounded"},
    "arrested": {"arrest", "detain", "capture", "apprehend", "nab", "jail", "imprison",
                 "arrested", "detained", "custody"},
}
_LEMMA_OUTCOME = {lem: key for key, lems in OUTCOME_LEMMAS.items() for lem in lems}
FOUND_LEMMAS = {"find", "discover", "recover", "retrieve", "dump", "exhume", "identify", "pull", "wash"}
NEGATIVE_DETS = {"no", "none", "nobody", "noone"}
_BASIC = {
    "zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "single": 1, "couple": 2, "pair": 2,
    "both": 2, "dozen": 12,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
VAGUE = {  # word -> (low, best, high)
    "several": (2, 10, 20), "many": (2, 10, 20), "number": (2, 10, 20), "some": (2, 10, 20),
    "few": (2, 3, 5), "dozens": (12, 12, 99), "scores": (40, 40, 99), "hundreds": (100, 100, 999),
    "thousands": (1000, 1000, 9999), "tens": (20, 20, 99), "numerous": (2, 10, 20),
}
_NUM_WORD = "|".join(sorted([*_BASIC, *_SCALES], key=len, reverse=True))
_NUMBER = rf"(?:\d[\d,]*(?:\.\d+)?|(?:(?:{_NUM_WORD})(?:[\s-]+(?:and\s+)?(?={_NUM_WORD}))?)+)"
_RANGE_RX = re.compile(rf"\b(?:between\s+)?(?P<a>{_NUMBER})\s*(?:-|–|to|and|or)\s*(?P<b>{_NUMBER})\b", re.IGNORECASE)
_MOD_RX = re.compile(
    r"\b(?P<mod>at\s+least|more\s+than|over|upwards\s+of|in\s+excess\s+of|as\s+many\s+as|up\s+to"
    r"|nearly|almost|about|around|approximately|roughly|some|an\s+estimated|close\s+to|fewer\s+than"
    r"|less\s+than|under)\s+$", re.IGNORECASE)
_NUM_RX = re.compile(rf"\b{_NUMBER}\b", re.IGNORECASE)
_VAGUE_RX = re.compile(r"\b(?:a\s+)?(?:several|many|numerous|a\s+number\s+of|a\s+few|dozens|scores"
                       r"|hundreds|thousands|tens)\b", re.IGNORECASE)


_ARTICLE_BEFORE_COUNT = re.compile(
    r"\s+(?:estimated|further|additional|extra|reported|staggering|mere|total\s+of|other)\s+"
    r"(?:\d|(?:" + _NUM_WORD + r")\b)", re.IGNORECASE)


def words_to_int(text: str) -> int | None:
    """'12', '1,200', 'twelve', 'two hundred', 'a dozen', 'thirty-five' -> int."""
    t = text.strip().lower().replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return int(float(t))
    total, current, seen = 0, 0, False
    for w in re.split(r"[\s-]+", t):
        if w == "and" or not w:
            continue
        if w in _BASIC:
            value = _BASIC[w]
            current = current * value if w == "dozen" and current else current + value
            seen = True
        elif w in _SCALES:
            current = max(current, 1) * _SCALES[w]
            if _SCALES[w] >= 1000:
                total, current = total + current, 0
            seen = True
        else:
            return None
    return total + current if seen else None


def parse_quantity(text: str) -> tuple[int, int, int] | None:
    """A noun phrase's count as (low, best, high), or None when it holds no number."""
    if re.search(r"\bunknown\s+number\b", text, re.IGNORECASE):
        return None
    m = _RANGE_RX.search(text)
    if m and (m.group(0).lower().startswith("between") or re.search(r"-|–|to", m.group(0))):
        a, b = words_to_int(m.group("a")), words_to_int(m.group("b"))
        if a is not None and b is not None and a < b:
            return a, a, b
    for m in _NUM_RX.finditer(text):
        n = words_to_int(m.group(0))
        article = m.group(0).lower() in ("a", "an")
        # "a few", "an estimated 400,000 people": the article is no count of one (but
        # "a 12-year-old boy" is one boy)
        if n is None or (article and (_VAGUE_RX.search(text) or _ARTICLE_BEFORE_COUNT.match(
                text[m.end():]))):
            continue
        mod = _MOD_RX.search(text[: m.start()])
        return _modified(n, mod.group("mod").lower() if mod else "")
    v = _VAGUE_RX.search(text)
    if v:
        words = [w for w in v.group(0).lower().split() if w not in ("a", "of")]
        return VAGUE.get(words[-1], VAGUE["several"])
    return None


def _modified(n: int, mod: str) -> tuple[int, int, int]:
    mod = " ".join(mod.split())
    if mod in ("at least", "more than", "over", "upwards of", "in excess of"):
        return n, n, max(n, math.ceil(1.5 * n))
    if mod in ("up to", "as many as"):
        return min(1, n), n, n
    if mod in ("fewer than", "less than", "under"):
        return min(1, n), max(0, n - 1), max(0, n - 1)
    if mod:
        return math.floor(0.8 * n), n, math.ceil(1.2 * n)
    return n, n, n


# Words _outcome can return a value for: other tokens are skipped before any parse
# work (a speed-up only).
_OUTCOME_LOWERS = {"casualties", "casualty", "dead", "wounded", "injured", "killed"}
_OUTCOME_LEMMAS = {"life", "custody", "body", *_LEMMA_OUTCOME}


def _outcome(tok: Any) -> str | None:
    lemma = tok.lemma_.lower()
    low = tok.lower_
    if low in ("casualties", "casualty"):
        return "casualties"
    if low in ("dead", "wounded", "injured", "killed"):
        return {"dead": "fatalities", "killed": "fatalities"}.get(low, "injured")
    if lemma == "life" and any(h.lemma_ in ("lose", "claim") for h in [tok.head]):
        return "fatalities"
    if lemma == "custody" and tok.head.lemma_ in ("take", "in"):
        return "arrested"
    if lemma == "body" and tok.pos_ == "NOUN":
        found = tok.head.lemma_ in FOUND_LEMMAS  # "his body was found", "recovered the body"
        return "fatalities" if found or tok.tag_ == "NNS" or any(c.like_num for c in tok.children) else None
    return _LEMMA_OUTCOME.get(lemma) if tok.pos_ in ("VERB", "NOUN", "ADJ") else None


def _is_passive(verb: Any) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _victims(tok: Any) -> list[Any]:
    """The tokens naming who suffered the outcome expressed by ``tok``."""
    if tok.pos_ == "VERB":
        return _verb_victims(tok)
    if tok.pos_ == "ADJ":  # "12 dead", "leaving 12 dead", "3 people are dead", "shot dead X"
        if any(c.like_num or c.lower_ in VAGUE for c in tok.children):
            return [tok]
        if tok.head.pos_ in ("NUM", "NOUN", "PROPN") and tok.dep_ in ("amod", "acl", "nmod"):
            return [tok.head]
        if tok.dep_ == "advmod" and tok.head.pos_ == "VERB":
            return [c for c in tok.head.children if c.dep_ == "dobj"]
        return [c for c in tok.children if c.dep_ == "nsubj"] or [
            c for c in tok.head.children if c.dep_ == "nsubj"]
    if tok.lemma_ == "life":  # "lost their lives": the loser
        return [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if tok.lemma_ == "custody":  # "took 5 suspects into custody", "were taken into custody"
        verb = tok.head.head if tok.dep_ == "pobj" else tok.head
        return [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if tok.lemma_ in ("body", "corpse"):
        of = [g for c in tok.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        return of or [tok]
    if tok.dep_ == "compound" and _outcome(tok.head) is not None:
        return []  # "death toll": the head noun carries the count
    return [tok]  # a noun: "12 deaths", "death toll of 12"


def _verb_victims(tok: Any) -> list[Any]:
    kids = list(tok.children)
    has_have = any(c.lemma_ == "have" and c.dep_ == "aux" for c in kids)
    if tok.lemma_ in ("die", "perish", "lose"):
        deps: tuple[str, ...] = ("nsubj",)
    elif _is_passive(tok):
        deps = ("nsubjpass",) if any(c.dep_ == "nsubjpass" for c in kids) else ("nsubj",)
    elif tok.tag_ == "VBN" and not has_have and not any(c.dep_ == "dobj" for c in kids):
        deps = ("nsubj",)  # reduced passive: "and 24 others wounded"
    else:
        deps = ("dobj",)
    found = [c for c in kids if c.dep_ in deps]
    if not found and tok.dep_ in ("acl", "amod") and tok.head.pos_ in ("NOUN", "NUM", "PROPN", "PRON"):
        found = [tok.head]
    if not found and tok.dep_ == "conj" and _is_passive(tok.head) and tok.lemma_ not in ("die", "lose"):
        if _outcome(tok.head) is not None:
            return []  # "were killed and wounded": shared subject, split unknown
        found = [c for c in tok.head.children if c.dep_ == "nsubjpass"]  # "were shot and killed"
    if not found and deps == ("nsubj",) and tok.dep_ == "conj":
        found = [c for c in tok.head.children if c.dep_ == "nsubj"]
    return found + _also_victims(tok)


def _also_victims(tok: Any) -> list[Any]:
    """'killed 1 member in addition to 3 of his guards', 'along with two children'."""
    extra = []
    for prep in (c for c in tok.children if c.dep_ == "prep"):
        for obj in (g for g in prep.children if g.dep_ == "pobj"):
            if prep.lower_ == "in" and obj.lower_ == "addition":
                extra += [p2 for to in obj.children if to.lower_ == "to" for p2 in to.children if p2.dep_ == "pobj"]
            elif prep.lower_ == "with" and any(a.lower_ in ("along", "together") for a in prep.children):
                extra.append(obj)
    return extra


def _shared_object(tok: Any) -> bool:
    """'killing and injuring 7' / 'were killed and wounded': one set of victims for two
    outcomes, so the split is unknown and neither figure is given."""
    if tok.pos_ != "VERB":
        return False
    head = tok.head
    if tok.dep_ == "conj" and head.pos_ == "VERB" and _outcome(head) not in (None, _outcome(tok)) \
            and not any(c.dep_ == "dobj" for c in head.children) and not _is_passive(head) \
            and not any(c.dep_.startswith("nsubj") for c in tok.children):
        return True  # the second half of "killing and injuring 7"
    if any(c.dep_ == "dobj" for c in tok.children):
        return False
    for conj in (c for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB"):
        if _outcome(conj) in (None, _outcome(tok)):
            continue
        if _is_passive(tok) and not any(g.dep_.startswith("nsubj") for g in conj.children):
            return True  # "were killed and wounded"
        if not _is_passive(tok) and any(g.dep_ == "dobj" for g in conj.children):
            return True  # the first half of "killing and injuring 7"
    return False


def _count_of(noun: Any, text_of: str) -> tuple[tuple[int, int, int], int, int] | None:
    """Count for a victim token: (low, best, high), char start, char end."""
    if noun.lower_ in NEGATIVE_DETS or any(c.lower_ in NEGATIVE_DETS and c.dep_ == "det" for c in noun.children):
        return (0, 0, 0), noun.left_edge.idx, noun.idx + len(noun.text)
    left = noun.left_edge
    start = left.idx
    end = noun.idx + len(noun.text)
    for of in (c for c in noun.children if c.lower_ == "of"):  # "a number of soldiers"
        end = max(end, of.right_edge.idx + len(of.right_edge.text))
    # The phrase up to the noun, without an "including ..." tail on its left part.
    text = text_of[start:end]  # Document.text: spaCy's Doc.text is rebuilt on every access
    q = parse_quantity(text)
    if q is not None:
        return q, start, end
    stranded = _stranded_number(noun)
    if stranded is not None:
        q = parse_quantity(text_of[stranded.idx:end])
        if q is not None:
            return q, stranded.idx, end
    if noun.lemma_ == "toll" or noun.lower_ in ("deaths", "fatalities", "injuries", "arrests"):
        return _toll(noun)
    if noun.pos_ == "ADJ" or noun.lemma_ in ("life",):
        return None
    if noun.pos_ == "PROPN" or noun.ent_type_ == "PERSON" or noun.tag_ == "NN" or noun.lower_ in (
            "he", "she", "him", "her", "himself", "herself"):
        return (1, 1, 1), start, end
    if noun.tag_ == "NNS" and noun.pos_ == "NOUN":
        return (2, 2, 10), start, end
    return None


def _list_appos(noun: Any) -> list[Any]:
    """'2 militants, 3 policemen, 1 soldier, and 1 civilian' parsed as appositions: a
    chain of numbered appositions ending in 'and' is a list, not a re-description."""
    chain, cur = [], noun
    while True:
        nxt = [c for c in cur.children if c.dep_ == "appos"]
        if not nxt:
            break
        cur = nxt[0]
        chain.append(cur)
    if not chain or not any(c.dep_ == "cc" for t in chain for c in t.children):
        return []
    return [t for t in chain if any(c.dep_ == "nummod" for c in t.children)]


def _stranded_number(noun: Any) -> Any | None:
    """A number the parser split off the noun phrase: "5 IS militants" read as "5 is"."""
    i = noun.left_edge.i - 1
    steps = 0
    doc = noun.doc
    while i >= 0 and steps < 2 and doc[i].is_upper and not doc[i].like_num:
        i, steps = i - 1, steps + 1
    if steps == 0 or i < 0:
        return None
    tok = doc[i]
    if tok.like_num and tok.ent_type_ not in ("DATE", "TIME") and tok.head.ent_type_ != "DATE":
        return tok
    return None


def _own_count(noun: Any) -> bool:
    """A conjunct with its own number ("12 militants and 3 soldiers"); a bare one
    ("a scholar and teacher", "2 civilians, merchants") describes the same people."""
    return noun.like_num or noun.lower_ in VAGUE or any(
        c.dep_ in ("nummod", "det", "quantmod", "poss") or c.like_num or c.lower_ in VAGUE for c in noun.children)


def _toll(noun: Any) -> tuple[tuple[int, int, int], int, int] | None:
    """'the death toll rose to 12', 'a toll of 12', 'deaths reached 30'."""
    scope = [*noun.subtree] if noun.dep_ not in ("nsubj", "nsubjpass") else [*noun.head.subtree]
    for tok in reversed(scope):
        if tok.like_num and tok.i != noun.i:
            q = parse_quantity(tok.text)
            if q is not None:
                return q, tok.idx, tok.idx + len(tok.text)
    return None


def _is_subcount(tok: Any) -> bool:
    """Counts under 'including'/'among them' repeat part of another count."""
    for anc in [tok, *tok.ancestors]:
        if anc.lower_ in ("including", "among", "incl") and anc.dep_ in ("prep", "advmod", "acl"):
            return True
        if anc.dep_ in ("appos",) or anc.pos_ == "VERB":
            return anc.dep_ == "appos"
    return False


def _cumulative(tok: Any) -> bool:
    """'has killed 500,000 people since 2011': a running total, not this event."""
    scope = [tok, tok.head]
    return any(c.lower_ == "since" and c.dep_ == "prep" for t in scope for c in t.children) or any(
        c.lower_ in ("toll",) and c.dep_ == "nsubj" and any(g.lower_ in ("overall", "total") for g in c.children)
        for c in tok.children)


def casualties(doc: Document, sent: Any, trigger: Any | None = None,
               rivals: list[Any] | None = None) -> dict[str, Quantity]:
    """Return a dict with any of the keys 'fatalities', 'injured', 'arrested'.

    ``sent`` is the spaCy sentence of the event; every casualty statement in it
    belongs to the event, unless ``rivals`` names the triggers of other violent
    events told in clauses of their own in the same sentence ("missiles killed five
    in Kharkiv, while drone strikes killed three in Odesa"): then each statement goes
    to the trigger nearest to it in the parse.  The sentence's statements are cached
    on the spaCy Doc (``user_data``) for its other events; callers get copies.
    """
    cache = _sentence_cache(sent, "kharita.casualties")
    key = (sent.start, sent.end)
    if key not in cache:
        cache[key] = _casualties(doc, sent)
    parts, stated = cache[key]
    split = bool(rivals) and trigger is not None
    if split:
        parts = [p for p in parts if _nearest(p[0], [trigger, *rivals]).i == trigger.i]
    totals: dict[str, list[Any]] = {}
    for _tok, name, counted in parts:
        totals.setdefault(name, []).append(counted)
    out = {name: _sum(doc, items) for name, items in totals.items()}
    if stated is not None and not split:
        out["fatalities"] = dataclasses.replace(stated)
    return out


def _nearest(tok: Any, triggers: list[Any]) -> Any:
    """The trigger closest to ``tok`` in the dependency tree (ties: the earlier one)."""
    return min(triggers, key=lambda trig: (tree_distance(tok, trig, unconnected=10_000), trig.i))


def _sentence_cache(sent: Any, name: str) -> dict[Any, Any]:
    user_data = getattr(getattr(sent, "doc", None), "user_data", None)
    if not isinstance(user_data, dict):
        return {}
    return user_data.setdefault(name, {})


_ALSO_RX = re.compile(r"\balso\b", re.IGNORECASE)
CAUSE_HEADS = {"following", "after", "over", "against", "about", "for", "protest", "condemn", "mourn",
               "denounce", "investigate", "demand", "blame"}


def _is_cause(tok: Any) -> bool:
    """'protested ... following the death of a civilian': a reason, not this event's toll."""
    if tok.pos_ != "NOUN":
        return False
    head = tok.head
    return (tok.dep_ == "pobj" and head.lower_ in CAUSE_HEADS) or (
        tok.dep_ == "dobj" and head.lemma_.lower() in CAUSE_HEADS)


def _follow_ups(sent: Any) -> list[Any]:
    """Next sentences of the same paragraph that add to this toll ('6 militants were
    also killed'), stopping at one that starts another incident."""
    doc = sent.doc
    out: list[Any] = []
    end = sent.end
    while end < len(doc) and len(out) < 2:
        nxt = doc[end].sent
        if "\n" in doc[end - 1].text_with_ws or doc[end].is_space or nxt.end <= end:
            break
        lowered = nxt.text.lower()
        if any(w in lowered for w in ("another", "separately", "meanwhile", "elsewhere", "earlier")):
            break
        out.append(nxt)
        end = nxt.end
    return out


def _casualties(doc: Document, sent: Any) -> tuple[list[tuple[Any, str, Any]], Quantity | None]:
    """The sentence's casualty statements as (outcome word, key, count) and the count
    the report settles on, if it states one."""
    parts: list[tuple[Any, str, Any]] = []
    seen: set[int] = set()
    rest = doc.text[sent.end_char:sent.end_char + 600].split("\n", 1)[0]
    extra = [] if not _ALSO_RX.search(rest) else [
        t for s in _follow_ups(sent) for t in s
        if _outcome(t) is not None and any(c.lower_ == "also" for c in t.children)]
    words = word_arrays(sent.doc)
    lemmas, lowers, sdoc = words.lemmas, words.lowers, sent.doc
    own = [sdoc[i] for i in range(sent.start, sent.end)
           if lowers[i] in _OUTCOME_LOWERS or lemmas[i] in _OUTCOME_LEMMAS]
    for tok in [*own, *extra]:
        outcome = _outcome(tok)
        if outcome is None or _cumulative(tok) or _shared_object(tok) or _is_cause(tok):
            continue
        for victim in _victims(tok):
            if victim.i in seen or _is_subcount(victim) and outcome != "casualties":
                continue
            items = [c for c in victim.conjuncts if c.i > victim.i and _own_count(c)] + _list_appos(victim)
            for v in [victim, *items]:
                counted = _count_of(v, doc.text)
                if counted is None or (outcome == "casualties" and counted[0][1] != 0):
                    continue
                seen.add(v.i)
                keys = ("fatalities", "injured") if outcome == "casualties" else (outcome,)
                for key in keys:
                    parts.append((tok, key, counted))
    return parts, _stated_fatalities(doc, sent)


# An explicit statement of the count a report settles on, which overrides the tolls
# it quotes: "Fatalities coded as 0 (the agency reported 3)", "the death toll was
# revised to 12", "deaths recorded as 4".  Read from the rest of the paragraph.
_STATED_RX = re.compile(
    rf"\b(?:fatalities|deaths|death\s+toll|casualties)\s+(?:(?:was|were|is|are|has\s+been|have\s+been)\s+)?"
    rf"(?:coded|recorded|counted|registered|revised|confirmed|set)\s+(?:as|at|to)\s+(?P<n>{_NUMBER})\b",
    re.IGNORECASE,
)


def _stated_fatalities(doc: Document, sent: Any) -> Quantity | None:
    """The fatality count the paragraph explicitly settles on, from this sentence on."""
    end = doc.text.find("\n", sent.start_char)
    para = doc.text[sent.start_char:end if end != -1 else len(doc.text)]
    m = _STATED_RX.search(para)
    if m is None:
        return None
    n = words_to_int(m.group("n"))
    if n is None:
        return None
    start = sent.start_char + m.start()
    end_ = sent.start_char + m.end()
    return Quantity(n, n, n, doc.text[start:end_], start, end_)


def _sum(doc: Document, parts: list[tuple[tuple[int, int, int], int, int]]) -> Quantity:
    """Add the counts; the evidence spans from the first to the last count."""
    if len(parts) > 1 and any(p[0][1] == 0 for p in parts):
        parts = [p for p in parts if p[0][1] != 0] or parts[:1]
    low = sum(p[0][0] for p in parts)
    best = sum(p[0][1] for p in parts)
    high = sum(p[0][2] for p in parts)
    start = min(p[1] for p in parts)
    end = max(p[2] for p in parts)
    return Quantity(low, best, max(high, best), doc.text[start:end], start, end)
