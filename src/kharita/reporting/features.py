"""What the reporting models read: named features of a document and of each event.

Two kinds, both computed from the spaCy parse and the fields earlier stages set:

* **sparse** features, ``{name: value}`` (mostly 1.0): words of the sentence, the
  trigger and its grammar (tense, auxiliaries, clause), the event's fields (type,
  modality, roles, place, date, counts), where the sentence sits (headline, lede,
  inside a quotation, a question) and what kind of document it is in (share of
  first-person, quoted and question sentences);
* **dense** features: the parser's own contextual token vectors (``Doc.tensor``,
  96 numbers per token in ``en_core_web_sm``) averaged over the sentence and taken
  at the trigger, so the models see meaning the word features miss at no extra
  parsing cost.

The same functions serve the pipeline stage and the training script
(``training/reporting/train.py``), so a model sees at run time exactly what it was
trained on.  Nothing here decides anything: see :mod:`kharita.reporting.model`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from kharita.actors.kb import load_kb
from kharita.model import Document, Event

FIRST_PERSON = {"i", "we", "us", "our", "me", "my", "ours", "myself", "ourselves"}
SECOND_PERSON = {"you", "your", "yours"}
MODALS = {"would", "could", "should", "might", "may", "must", "will", "shall", "can", "'ll", "wo"}
CONDITION = {"if", "unless", "whether"}
GENERIC_TIME = {"often", "usually", "always", "never", "routinely", "regularly", "frequently",
                "sometimes", "rarely", "generally", "typically", "repeatedly", "constantly"}
SPAN_WORDS = {"since", "past", "decade", "decades", "years", "months", "weeks", "throughout",
              "campaign", "war", "conflict", "total", "tally", "toll", "overall", "so-far"}
OPEN_QUOTES = "“«„"
_QUOTE_REACH = 400
_TELLING_POS = {"VERB", "AUX", "ADV", "ADJ", "ADP", "SCONJ", "CCONJ", "DET", "PRON", "PART", "NUM"}
CLOSE_QUOTES = "”»"
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_NUMBER = re.compile(r"\d")

# ACLED scope as the scorer and users see it
def in_scope(ev: Event) -> bool:
    """An event with an ACLED type, or a movement with an origin or destinations."""
    return bool(ev.acled_event_type) or bool(ev.origin) or bool(ev.destinations)


@dataclass
class SentenceInfo:
    """Facts about one sentence, computed once and shared by its events."""

    index: int
    start_char: int
    end_char: int
    features: dict[str, float]
    vector: np.ndarray
    first_person: bool
    quoted: bool
    question: bool


@dataclass
class DocInfo:
    """Per-document facts: the sentences, paragraph starts and document-level features."""

    sentences: list[SentenceInfo]
    starts: list[int]
    features: dict[str, float] = field(default_factory=dict)
    vector: np.ndarray | None = None
    published: dt.date | None = None
    # how many distinct towns and told days the document's ACLED-scope candidates name:
    # a dense report tells many happenings of one kind, a feature one told many times
    density: tuple[int, int] = (0, 0)


def _bucket(x: float, edges: tuple[float, ...]) -> int:
    return bisect.bisect_right(edges, x)


def _quote_depth(text: str, para_start: int, pos: int) -> bool:
    """Whether ``pos`` is inside a quotation: the last curly quotation mark before it
    (within a few hundred characters) opens one, or an odd number of straight ones
    precede it in its paragraph.  Looking back only so far keeps a quotation that
    never closes, or a paragraph that is a whole article, from putting everything
    after it in quotes."""
    seg = text[max(para_start, pos - _QUOTE_REACH):pos]
    last_open = max(seg.rfind(c) for c in OPEN_QUOTES)
    last_close = max(seg.rfind(c) for c in CLOSE_QUOTES)
    if last_open != -1 or last_close != -1:
        return last_open > last_close
    return seg.count('"') % 2 == 1


def doc_info(doc: Document, sdoc: Any) -> DocInfo:
    """Sentences with their features, and the document-level features."""
    cached = sdoc.user_data.get("kharita.reporting.doc") if isinstance(sdoc.user_data, dict) else None
    if cached is not None:
        return cached
    text = doc.text
    para_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
    tensor = getattr(sdoc, "tensor", None)
    width = tensor.shape[1] if tensor is not None and tensor.ndim == 2 and len(tensor) else 0
    published = _published(doc.published)
    headline_end = text.find("\n") if "\n" in text else -1
    sents: list[SentenceInfo] = []
    n_first = n_quote = n_q = 0
    all_sents = list(sdoc.sents)
    last = max(1, len(all_sents) - 1)
    for si, sent in enumerate(all_sents):
        f: dict[str, float] = {}
        # Only the words that carry how a sentence tells (function words, verbs,
        # adverbs): nouns and names say what it is about, which the relevance model
        # judges; learned from them, the model would learn topics, not tellings.
        for t in sent:
            if t.is_alpha and t.pos_ in _TELLING_POS:
                f["w:" + t.lemma_.lower()] = 1.0
        lowers = {t.lower_ for t in sent}
        s_text = sent.text.strip()
        question = s_text.endswith("?") or s_text.rstrip("”\"’'»)").endswith("?")
        para = bisect.bisect_right(para_starts, sent.start_char) - 1
        quoted = _quote_depth(text, para_starts[para], sent.start_char) or s_text[:1] in '"“«'
        first = bool(lowers & FIRST_PERSON)
        if question:
            f["s:question"] = 1.0
        if quoted:
            f["s:opens_in_quote"] = 1.0
        if first:
            f["s:first_person"] = 1.0
        if lowers & SECOND_PERSON:
            f["s:second_person"] = 1.0
        for m in lowers & MODALS:
            f["s:modal:" + m] = 1.0
        if lowers & CONDITION:
            f["s:condition"] = 1.0
        if lowers & GENERIC_TIME:
            f["s:generic_time"] = 1.0
        if published is not None:
            for y in _YEAR.findall(sent.text):
                gap = published.year - int(y)
                f["s:year_gap:" + str(min(max(gap, -1), 6))] = 1.0
        if _NUMBER.search(sent.text):
            f["s:digits"] = 1.0
        if sent.start_char < headline_end or (si == 0 and headline_end == -1):
            f["s:first_line" if headline_end != -1 else "s:first_sentence"] = 1.0
        # Where the sentence sits: the headline and lede by index, the rest by its
        # share of the way through.  Absolute indices beyond the lede would tie the
        # models to the length of the articles they learned from (real reporting
        # runs about twice as long as the corpus's articles).
        f["s:pos:" + str(_bucket(si, (1, 2, 3)))] = 1.0
        if si >= 3:
            f["s:rel:" + str(_bucket(si / last, (0.25, 0.5, 0.75)))] = 1.0
        f["s:len:" + str(_bucket(len(sent), (8, 15, 25, 40, 60)))] = 1.0
        if sent.start_char in para_starts:
            f["s:para_first"] = 1.0
        if width:
            vec = tensor[sent.start:sent.end].mean(axis=0)
        else:
            vec = np.zeros(0, dtype="float32")
        n_first += first
        n_quote += quoted
        n_q += question
        sents.append(SentenceInfo(si, sent.start_char, sent.end_char, f, vec, first, quoted, question))
    n = max(1, len(sents))
    dfeat = {
        "d:first_person:" + str(_bucket(n_first / n, (0.05, 0.15, 0.3))): 1.0,
        "d:quoted:" + str(_bucket(n_quote / n, (0.05, 0.15, 0.3))): 1.0,
        "d:questions:" + str(_bucket(n_q / n, (0.02, 0.08))): 1.0,
        "d:sentences:" + str(_bucket(len(sents), (3, 8, 15, 30, 60))): 1.0,
        "d:has_published": 1.0 if published else 0.0,
    }
    dvec = tensor.mean(axis=0) if width else None
    scoped = [e for e in doc.events if in_scope(e)]
    towns = {e.location.geonameid for e in scoped
             if e.location is not None and e.location.geonameid and (e.location.precision or 3) == 1}
    days = {e.date for e in scoped if e.date and e.date_text is not None}
    info = DocInfo(sents, [s.start_char for s in sents], dfeat, dvec, published,
                   density=(len(towns), len(days)))
    if isinstance(sdoc.user_data, dict):
        sdoc.user_data["kharita.reporting.doc"] = info
    return info


def _published(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def sentence_of(info: DocInfo, ev: Event) -> SentenceInfo | None:
    """The sentence the event's evidence starts in."""
    if ev.evidence is None or not info.sentences:
        return None
    i = bisect.bisect_right(info.starts, ev.evidence.start) - 1
    return info.sentences[max(0, i)]


def _token_at(sdoc: Any, char: int) -> Any | None:
    span = sdoc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


_CLAUSE = {"ROOT", "ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "pcomp", "parataxis",
           "nsubj", "nsubjpass", "dobj", "pobj", "compound", "appos", "attr", "csubj"}


def event_features(ev: Event, doc: Document, sdoc: Any, info: DocInfo,
                   relevance: float | None = None) -> tuple[dict[str, float], np.ndarray]:
    """Sparse and dense features of one event (see the module docstring)."""
    sent = sentence_of(info, ev)
    f: dict[str, float] = dict(sent.features) if sent is not None else {}
    f.update(info.features)
    f["bias"] = 1.0
    f["e:type:" + ev.type] = 1.0
    f["e:kind:" + ev.kind] = 1.0
    f["e:modality:" + ev.modality] = 1.0
    if ev.mode:
        f["e:mode:" + ev.mode] = 1.0
    if ev.acled_sub_event_type:
        f["e:acled:" + ev.acled_sub_event_type] = 1.0
    elif ev.acled_event_type:
        f["e:acled:" + ev.acled_event_type] = 1.0
    if ev.origin or ev.destinations:
        f["e:path"] = 1.0
    roles = [a.role for a in ev.actors]
    for a in ev.actors:
        key = f"e:role:{a.role}"
        f[key] = 1.0
        f[key + ":" + ("id" if a.actor_id else "name" if a.name else "text")] = 1.0
        if a.sector:
            f[f"e:sector:{a.role}:{a.sector}"] = 1.0
        if ev.evidence is not None and not (ev.evidence.start <= a.start < ev.evidence.end):
            f["e:actor_outside:" + a.role] = 1.0
    if not roles:
        f["e:no_actor"] = 1.0
    loc = ev.location
    if loc is not None:
        # a place taken from the happening a telling points back to comes from another
        # sentence, as a context place does (the model was trained before "retold")
        f["e:loc:" + ("context" if loc.resolved_as == "retold" else loc.resolved_as or "?")] = 1.0
        f["e:loc_prec:" + str(loc.precision)] = 1.0
        if ev.evidence is not None and ev.evidence.start <= loc.start < ev.evidence.end:
            f["e:loc_in_sentence"] = 1.0
    else:
        f["e:no_loc"] = 1.0
    if ev.date_text is not None:
        f["e:date_text"] = 1.0
    if ev.date and info.published:
        try:
            gap = (info.published - dt.date.fromisoformat(ev.date)).days
            f["e:date_gap:" + str(_bucket(gap, (-1, 1, 3, 8, 22, 45, 120, 365)))] = 1.0
        except ValueError:
            pass
    if ev.date_precision:
        f["e:date_prec:" + str(ev.date_precision)] = 1.0
    if ev.fatalities is not None:
        f["e:dead:" + str(_bucket(ev.fatalities.best, (1, 2, 6, 21, 101, 1001)))] = 1.0
    if ev.injured is not None:
        f["e:injured"] = 1.0
    if ev.arrested is not None:
        f["e:arrested"] = 1.0
    if ev.attribution is not None:
        f["e:attributed"] = 1.0
    if ev.more_evidence:
        f["e:told_again"] = 1.0
    f["e:heuristic:" + str(_bucket(ev.confidence, (0.3, 0.45, 0.55, 0.65, 0.75)))] = 1.0
    if relevance is not None:
        f["d:relevance:" + str(_bucket(relevance, (0.2, 0.4, 0.6, 0.8)))] = 1.0
    fam = _family(ev)
    f["x:modality_family:" + ev.modality + ":" + fam] = 1.0
    if ev.date_text is None and ev.location is None:
        f["x:no_time_no_place:" + fam] = 1.0
    tok = _token_at(sdoc, ev.trigger.start) if ev.trigger is not None else None
    vec_t = np.zeros(0, dtype="float32")
    if tok is not None:
        _trigger_grammar(tok, f, doc.text, info)
        tensor = getattr(sdoc, "tensor", None)
        if tensor is not None and tensor.ndim == 2 and len(tensor) > tok.i:
            vec_t = tensor[tok.i]
    dense = np.concatenate([sent.vector if sent is not None else vec_t * 0, vec_t]) \
        if len(vec_t) else np.zeros(0, dtype="float32")
    return f, dense


def _trigger_grammar(tok: Any, f: dict[str, float], text: str, info: DocInfo) -> None:
    """The trigger word, its clause and tense, its determiners and number."""
    lemma = tok.lemma_.lower()
    f["t:lemma:" + lemma] = 1.0
    f["t:pos:" + tok.pos_] = 1.0
    f["t:tag:" + tok.tag_] = 1.0
    f["t:dep:" + (tok.dep_ if tok.dep_ in _CLAUSE else "other")] = 1.0
    verb = tok
    if tok.pos_ != "VERB":
        verb = tok.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        f["t:noun_head_dep:" + (tok.dep_ if tok.dep_ in _CLAUSE else "other")] = 1.0
        dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "poss")}
        for d in dets & {"a", "an", "the", "this", "that", "these", "those", "its", "their"}:
            f["t:det:" + d] = 1.0
        if tok.tag_ == "NNS":
            f["t:plural"] = 1.0
        if any(c.dep_ == "nummod" or c.like_num for c in tok.children):
            f["t:counted"] = 1.0
    f["t:verb_tag:" + verb.tag_] = 1.0
    f["x:tense_pos:" + verb.tag_ + ":" + tok.pos_] = 1.0
    f["t:verb_lemma:" + verb.lemma_.lower()] = 1.0
    for c in verb.children:
        if c.dep_ in ("aux", "auxpass"):
            f["t:aux:" + c.lower_] = 1.0
        elif c.dep_ == "neg":
            f["t:neg"] = 1.0
        elif c.dep_ == "mark":
            f["t:mark:" + c.lower_] = 1.0
        elif c.dep_ in ("nsubj", "nsubjpass"):
            f["t:subj_pos:" + c.pos_] = 1.0
            if c.pos_ == "NOUN" and c.tag_ == "NNS" and not any(
                    g.dep_ in ("det", "poss", "nummod") for g in c.children):
                f["t:bare_plural_subject"] = 1.0
            if c.lower_ in FIRST_PERSON:
                f["t:subj_first_person"] = 1.0
    hops = 0
    t = verb
    while t.dep_ != "ROOT" and hops < 6:
        f["t:up:" + (t.dep_ if t.dep_ in _CLAUSE else "other")] = 1.0
        if t.head.pos_ in ("VERB", "AUX"):
            f["t:gov:" + t.head.lemma_.lower()] = 1.0
            for c in t.head.children:
                if c.dep_ in ("aux", "auxpass") and c.tag_ == "MD":
                    f["t:anc_modal:" + c.lower_] = 1.0
                elif c.dep_ == "neg":
                    f["t:anc_neg"] = 1.0
        t = t.head
        hops += 1
    f["t:depth:" + str(min(hops, 4))] = 1.0
    para = text.rfind("\n", 0, tok.idx) + 1
    if _quote_depth(text, para, tok.idx):
        f["t:in_quote"] = 1.0


def document_features(doc: Document, sdoc: Any, info: DocInfo) -> tuple[dict[str, float], np.ndarray]:
    """Features of a whole document for the relevance model: its words (title
    counted twice), its actors' sectors, the share of sentences with an event
    candidate of each type, and the mean contextual vector."""
    f: dict[str, float] = {"bias": 1.0}
    f.update(info.features)
    counts: dict[str, int] = {}
    for t in sdoc:
        if t.is_alpha and not t.is_stop and len(t) > 2:
            key = "w:" + t.lemma_.lower()
            counts[key] = counts.get(key, 0) + 1
    for key, n in counts.items():
        f[key] = min(1.0, 0.5 + 0.25 * n)
    if doc.title:
        for w in re.findall(r"[A-Za-z]{3,}", doc.title.lower()):
            f["title:" + w] = 1.0
    n_sent = max(1, len(info.sentences))
    sectors: dict[str, int] = {}
    for a in doc.actors:
        if a.sector:
            sectors[a.sector] = sectors.get(a.sector, 0) + 1
    for s, n in sectors.items():
        f["actor_sector:" + s] = min(1.0, n / 3)
    by_type: dict[str, set[int]] = {}
    for ev in doc.events:
        key = ev.acled_event_type or ev.type
        if ev.evidence is not None:
            by_type.setdefault(key, set()).add(ev.evidence.start)
    for key, starts in by_type.items():
        f["events:" + key] = min(1.0, 3 * len(starts) / n_sent)
    f["places:" + str(_bucket(len(doc.places), (1, 3, 8, 20)))] = 1.0
    vec = info.vector if info.vector is not None else np.zeros(0, dtype="float32")
    return f, vec


def _family(ev: Event) -> str:
    return ev.acled_event_type or "Movement"


def _actor_ids(ev: Event, roles: tuple[str, ...] | None = None) -> set[str]:
    kb = load_kb()
    return {(kb.same_as(a.actor_id) if a.actor_id else a.name or "").lower() for a in ev.actors
            if (roles is None or a.role in roles) and (a.actor_id or a.name)}


def pair_features(a: Event, b: Event, info: DocInfo) -> dict[str, float]:
    """Features of two candidate events of one document for the same-happening model:
    what they share (type, sentence, place, day, actors, counts, marks) and what sets
    them apart.  Symmetric in ``a`` and ``b``."""
    from kharita.places.resolve import haversine_km

    f: dict[str, float] = {"bias": 1.0}
    sa, sb = sentence_of(info, a), sentence_of(info, b)
    dist = abs(sa.index - sb.index) if sa is not None and sb is not None else 99
    f["p:sent_dist:" + str(_bucket(dist, (1, 2, 4, 8, 16)))] = 1.0
    fa, fb = _family(a), _family(b)
    f["p:family:" + ("same" if fa == fb else "diff")] = 1.0
    towns, days = info.density
    dense = str(_bucket(towns, (1, 2, 4))) + ":" + str(_bucket(days, (1, 2, 4)))
    f["p:density:" + ("same" if fa == fb else "diff") + ":" + dense] = 1.0
    f["p:families:" + "|".join(sorted((fa, fb)))] = 1.0
    if a.acled_sub_event_type and a.acled_sub_event_type == b.acled_sub_event_type:
        f["p:same_subtype"] = 1.0
    if a.type == b.type:
        f["p:same_plover"] = 1.0
    if a.trigger is not None and b.trigger is not None and \
            a.trigger.text.lower() == b.trigger.text.lower():
        f["p:same_trigger_word"] = 1.0
    plan_a, plan_b = a.modality in ("planned", "threatened"), b.modality in ("planned", "threatened")
    f["p:plans:" + str(int(plan_a) + int(plan_b))] = 1.0
    la, lb = a.location, b.location
    if la is None or lb is None or la.lat is None or lb.lat is None:
        f["p:place:unknown"] = 1.0
    elif la.geonameid is not None and la.geonameid == lb.geonameid:
        f["p:place:same" + (":town" if (la.precision or 3) == 1 else "")] = 1.0
    else:
        km = haversine_km(la.lat, la.lon, lb.lat, lb.lon)  # type: ignore[arg-type]
        precise = (la.precision or 3) == 1 and (lb.precision or 3) == 1
        f["p:place_km:" + str(_bucket(km, (30, 100, 300))) + (":towns" if precise else "")] = 1.0
        if la.country and lb.country and la.country != lb.country:
            f["p:place:other_country"] = 1.0
    if a.date and b.date:
        same_day = a.date == b.date
        # both told to the day: a report's date ("said on Tuesday", precision 2) or a
        # week is no evidence of another day
        told = (a.date_text is not None and b.date_text is not None
                and a.date_precision == 1 and b.date_precision == 1)
        f["p:date:" + ("same" if same_day else "diff") + (":told" if told else "")] = 1.0
    else:
        f["p:date:unknown"] = 1.0
    ia, ib = _actor_ids(a, ("actor1", "mover")), _actor_ids(b, ("actor1", "mover"))
    if ia and ib:
        f["p:doer:" + ("same" if ia & ib else "diff")] = 1.0
    xa, xb = _actor_ids(a), _actor_ids(b)
    if xa and xb:
        f["p:actors_overlap:" + ("yes" if xa & xb else "no")] = 1.0
    qa, qb = a.fatalities, b.fatalities
    if qa is not None and qb is not None:
        agree = qb.low <= qa.best <= qb.high or qa.low <= qb.best <= qa.high
        f["p:dead:" + ("agree" if agree else "differ")] = 1.0
    pa = [p for p in [a.origin, *a.destinations] if p is not None]
    pb = [p for p in [b.origin, *b.destinations] if p is not None]
    if pa and pb:
        shared = any((x.geonameid is not None and x.geonameid == y.geonameid)
                     or (x.text or "").lower() == (y.text or "").lower() for x in pa for y in pb)
        f["p:path:" + ("shared" if shared else "apart")] = 1.0
    if sa is not None and sb is not None and ("s:first_line" in sa.features or "s:first_line" in sb.features):
        f["p:headline"] = 1.0
    return f
