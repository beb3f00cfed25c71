"""Reporting stage: what of the coded candidates a careful analyst would code.

The events stage reads every sentence for triggers and codes a candidate for each;
whole articles are full of triggers that tell no happening (commentary, generic
statements, hypotheticals, questions, quoted opinion, sport and market metaphors)
and of happenings told several times.  This stage, run after it, decides:

1. ``Document.relevance`` (0-1): how likely the document reports political
   violence, conflict, protest, coercion or the movement of armed groups or
   displaced people at all (a logistic model over the document's words, actors and
   candidates, :mod:`.features`).  Below the installed threshold the document keeps
   no ACLED-scope event, except that one just below it (within
   :data:`DOUBTFUL_BAND`) keeps the events it surely tells (judged against the
   "marked" threshold, as recalled happenings are);
2. for each ACLED-scope candidate (an ACLED type, or a movement with a path), the
   probability that its sentence tells a happening a careful coder would code;
   candidates below the threshold are dropped (a recalled or summary happening must
   clear the higher "marked" threshold; in an article, a hypothetical or a negated
   act is no event at all).
   ``Event.confidence`` becomes the probability that the coder would code it *with
   this type*: that probability times the probability that the type is the coder's,
   given that a happening is told;
3. ``Event.background`` (a past happening recalled) and ``Event.aggregate`` (a
   summary of many happenings, as is any toll of a thousand dead or more); a
   candidate that is both, a recalled summary ("41 nurses have lost their lives
   there since 2009"), is a statistic and is dropped;
4. one happening, one event: the remaining tellings are folded (:mod:`.fold`) and
   each event lists them in ``mentions``.

Events outside ACLED's scope (PLOVER's verbal and diplomatic types) are kept as the
events stage coded them, with their evidence as their one mention; so is a verbal or
diplomatic act the model judges no ACLED event ("offered to hand over the prisoners"),
without its ACLED type.  A material act judged no told happening is dropped.

The models are trained on the project's own annotated corpus by
``training/reporting/train.py`` (``make models``); see ``training/reporting/DATA_CARD.md``.
Reads ``doc.text``, ``doc.events``, ``doc.actors``, ``doc.places``, ``doc.title`` and
the spaCy parse; writes ``doc.relevance`` and ``doc.events``.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from kharita.events.retold import headline_end
from kharita.model import Document, Event
from kharita.reporting.features import (
    doc_info,
    document_features,
    event_features,
    in_scope,
    pair_features,
)
from kharita.reporting.fold import PLANS
from kharita.reporting.fold import fold as fold_happenings
from kharita.reporting.model import ReportingModels, load_models

log = logging.getLogger(__name__)

# Documents with fewer sentences than this are not gated by relevance: one or two
# sentences ("Police arrested two men in Kandahar on Monday.") say too little about
# what the document is about for the document model, and the event model judges them.
SHORT_DOCUMENT = 4
# How far below the relevance gate a document may score and still keep the events it
# surely tells (each judged against the "marked" threshold, as recalled happenings are).
DOUBTFUL_BAND = 0.2
# what the grammar says did not (or may not) happen: a hypothetical ("would attack if"),
# a negated act ("was not fighting but driving an ambulance")
UNREAL = frozenset({"hypothetical", "negated"})
DEFAULT_THRESHOLDS = {"relevance": 0.5, "coded": 0.5, "background": 0.5, "aggregate": 0.5,
                      "same": 0.5, "marked": 0.5, "floor": 0.0}
# thresholds a model trained before them does not carry fall back to another one's
FALLBACK_THRESHOLDS = {"plan": "coded"}


class Reporter:
    """Pipeline stage (see the module docstring); ``models`` may be injected for tests."""

    def __init__(self, models: ReportingModels | None = None, fold_tellings: bool = True,
                 doubtful_band: float = DOUBTFUL_BAND, drop_statistics: bool = True,
                 drop_unreal: bool = True) -> None:
        self._models = models
        self.fold_tellings = fold_tellings
        self.doubtful_band = doubtful_band
        self.drop_statistics = drop_statistics
        self.drop_unreal = drop_unreal

    @property
    def models(self) -> ReportingModels:
        if self._models is None:
            self._models = load_models()
        return self._models

    def threshold(self, name: str) -> float:
        got = self.models.thresholds.get(name)
        if got is None:
            return self.threshold(FALLBACK_THRESHOLDS[name]) if name in FALLBACK_THRESHOLDS \
                else DEFAULT_THRESHOLDS[name]
        return float(got)

    def __call__(self, doc: Document, sdoc: Any) -> Document:
        if sdoc is None or not doc.text:
            return doc
        m = self.models
        info = doc_info(doc, sdoc)
        dfeat, dvec = document_features(doc, sdoc, info)
        doc.relevance = round(m.relevance.prob(dfeat, dvec), 3)
        # a note of a few sentences is judged by its sentences, not as a document: no
        # relevance gate, no retellings to fold across types, no recalled context
        short = len(info.sentences) < SHORT_DOCUMENT
        gate = self.threshold("relevance")
        relevant = doc.relevance >= gate or short
        # a document just below the gate (a tribute to a volunteer killed by a mine, a
        # column about a withdrawal) keeps only the events it surely tells
        doubtful = not relevant and doc.relevance >= gate - self.doubtful_band
        kept: list[Event] = []
        scored: list[Event] = []
        score: dict[int, float] = {}
        for ev in doc.events:
            if not in_scope(ev):
                kept.append(ev)
                continue
            if not (relevant or doubtful):
                continue
            if ev.modality in UNREAL and not short and self.drop_unreal:
                # what the grammar says did not or may not happen is no happening to
                # code, however surely the sentence speaks of it ("the militia would
                # shell the port if the talks failed", "no shots were fired at the
                # crowd"); a verbal act stays as PLOVER codes it
                if _verbal(ev):
                    kept.append(_out_of_scope(ev))
                continue
            feats, dense = event_features(ev, doc, sdoc, info)
            p = m.coded.prob(feats, dense)  # a codable happening is told here
            earlier = _told_as_earlier(ev, sdoc)
            ev.background = (m.background.prob(feats, dense) >= self.threshold("background")
                             and not _told_as_recent(ev, info.published)) or _told_as_old(
                                 ev, info.published) or earlier
            ev.aggregate = (m.aggregate.prob(feats, dense) >= self.threshold("aggregate")
                            or _toll_of_a_war(ev) or _many_as_one(ev, sdoc))
            if ev.background and ev.aggregate and self.drop_statistics:
                # a recalled summary ("41 nurses have lost their lives there since 2009",
                # "last year there were 19 raids on clinics") is a statistic, not a
                # happening any coder codes
                continue
            # a recalled or summary happening (or, in a note, a hypothetical one) is
            # kept only when surely coded; a note of
            # a few sentences is there to report something: more likely coded than not
            # is enough, and it has no context to recall, so it is judged as news.  A
            # named party's plan or threat has its own threshold: the model learns
            # plans from fewer examples and scores them lower than deeds, and a
            # coder codes an explicit one as readily (chosen on the corpus, as all are)
            marked = ev.background or ev.aggregate or ev.modality in UNREAL
            need = 0.5 if short and not earlier else self.threshold(
                "marked" if marked or doubtful else "plan" if ev.modality in PLANS else "coded")
            if p < need:
                if _verbal(ev):
                    kept.append(_out_of_scope(ev))
                continue
            # P(coded with this type) = P(a codable happening is told) x P(this type | told)
            typed = m.typed.prob(feats, dense) if m.typed is not None else 1.0
            if _verbal(ev) and typed < 0.5:
                kept.append(_out_of_scope(ev))  # told, but no ACLED event of this type
                continue
            if typed < self.threshold("floor"):
                # a happening is told, but hardly as this type: the coder would code
                # it as another kind of event (most often one already told beside
                # it, which this telling would duplicate), or not at all
                continue
            # a happening the sentence itself places before its news ("after the recent
            # riots") is seldom what a coder codes from it: half as likely
            ev.confidence = round(p * typed * (EARLIER_WEIGHT if earlier else 1.0), 3)
            score[id(ev)] = p - (0.2 if ev.background or ev.aggregate else 0.0)
            scored.append(ev)
        if self.fold_tellings:
            same = None
            if m.same is not None and not short:
                model = m.same

                def same(a: Event, b: Event) -> float:
                    return model.prob(pair_features(a, b, info))

            scored = fold_happenings(scored, score, same, self.threshold("same"),
                                     headline_end(doc))
        _statements_first(kept, scored, sdoc)
        events = kept + scored
        events.sort(key=lambda e: (e.evidence.start if e.evidence else 0,
                                   e.trigger.start if e.trigger else 0))
        for ev in events:
            if not ev.mentions and ev.evidence is not None:
                ev.mentions = sorted([ev.evidence, *ev.more_evidence], key=lambda s: s.start)
        doc.events = events
        return doc


# a happening its own clause dates this close to publication is news, not background
RECENT_DAYS = 31


def _told_as_recent(ev: Event, published: dt.date | None) -> bool:
    """"two detainees were moved to a prison a week ago", "on Sunday": the event's own
    words date it to the last month before ``published`` (the document's day, parsed
    once by :func:`.features.doc_info`; the guide's background is older, or only
    recalled)."""
    if not ev.date_text or ev.modality == "historical":
        return False
    gap = _days_before(ev, published)
    return gap is not None and 0 <= gap <= RECENT_DAYS


def _days_before(ev: Event, published: dt.date | None) -> int | None:
    """Days from the event's date to ``published``; None when either is unknown."""
    if not (ev.date and published):
        return None
    try:
        return (published - dt.date.fromisoformat(ev.date[:10])).days
    except ValueError:
        return None


# a happening its own sentence dates more than this before publication is history
OLD_DAYS = 366
# ... and one it dates only to a month or year of an earlier calendar year, this long
# before publication ("last year", "in 2017" told in 2018)
EARLIER_YEAR_DAYS = 92


def _told_as_old(ev: Event, published: dt.date | None) -> bool:
    """"was wounded in a mortar attack in 1994", "seized the valley in the 1999 war": the
    event's own sentence dates it more than a year before ``published``, or only to a
    month or year of an earlier calendar year ("last year"): recalled history,
    however vivid the telling."""
    span, told = ev.date_text, ev.evidence
    if not (span and told) or ev.modality in ("planned", "threatened"):
        return False
    if not (told.start <= span.start and span.end <= told.end):
        return False  # dated by an earlier sentence: its frame, not this telling's
    gap = _days_before(ev, published)
    if gap is not None and gap > EARLIER_YEAR_DAYS and ev.date_precision == 3 \
            and published is not None and ev.date is not None and int(ev.date[:4]) < published.year:
        return True  # "last year there were ...", "in 2017" told in 2018: a past year
    return gap is not None and gap > OLD_DAYS


# words that put what a noun names before the news: "the recent riots", "an earlier attack"
EARLIER = {"recent", "earlier", "previous", "prior"}
EARLIER_WEIGHT = 0.5


def _told_as_earlier(ev: Event, sdoc: Any) -> bool:
    """"after the recent riots", "after an earlier attack": a happening named by
    a noun the sentence places before its news is recalled, not told."""
    tok = _trigger_token(sdoc, ev) if sdoc is not None else None
    return tok is not None and tok.pos_ == "NOUN" and any(
        c.dep_ == "amod" and c.lower_ in EARLIER for c in tok.children)


# a death toll this high is a war's or a campaign's, not one happening's: "an estimated
# 250,000 people have been killed"
WAR_TOLL = 1000


def _toll_of_a_war(ev: Event) -> bool:
    return ev.fatalities is not None and ev.fatalities.best >= WAR_TOLL


# a stretch of time an act fills ("six years of killing", "months of shelling") and
# words of a habit ("the daily bombardment", "repeated air strikes") tell many acts
SPANS = {"year", "month", "week", "decade", "day", "night"}
HABIT = {"daily", "nightly", "weekly", "repeated", "relentless", "incessant", "endless",
         "constant", "continual", "systematic", "systemic", "routine", "regular", "frequent"}


# words that count many of what follows "of": "dozens of air strikes"
MANY = {"dozens", "hundreds", "thousands", "scores", "tens", "numerous", "countless"}
# how many acts a plural noun must count to be a summary ("two air strikes hit the town
# on Monday" may be one of ACLED's events; "42 killings", "12 attacks" are not)
COUNTED_MANY = 3


def _counted(tok: Any) -> bool:
    """A plural act noun counted as many: "19 raids on clinics", "dozens of air strikes"."""
    if tok.tag_ != "NNS":
        return False
    for c in tok.children:
        if c.dep_ == "nummod" and c.like_num:
            try:
                return float(c.text.replace(",", "")) >= COUNTED_MANY
            except ValueError:
                return c.lower_ in MANY
    head = tok.head
    return tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in MANY


def _many_as_one(ev: Event, sdoc: Any) -> bool:
    """The trigger noun names acts over a stretch of time or as a habit: "eight years
    of mass killing", "weeks of shelling", "the daily bombardment", "repeated raids";
    or counts many of them: "42 killings", "dozens of air strikes"."""
    if ev.trigger is None or sdoc is None:
        return False
    span = sdoc.char_span(ev.trigger.start, ev.trigger.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span.root
    if _counted(tok):
        return True
    head = tok.head
    if (tok.dep_ in ("pobj", "pcomp") and head.lower_ == "of" and head.head.lemma_.lower() in SPANS
            and head.head.tag_ == "NNS"):
        return True  # "four years of shelling"
    if tok.pos_ != "NOUN":
        return False
    return any(c.dep_ in ("amod", "advmod", "conj") and c.lower_ in HABIT
           for c in [*tok.children, *(g for c in tok.children if c.dep_ == "amod" for g in c.children)])


# PLOVER types that are statements, decisions or diplomacy rather than material acts
VERBAL_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "SANCTION"}


def _verbal(ev: Event) -> bool:
    return ev.type in VERBAL_TYPES and ev.kind == "event"


def _out_of_scope(ev: Event) -> Event:
    """A verbal or diplomatic act ("offered to hand over the prisoners", "threatened to
    resign") that no careful coder would code as an ACLED event keeps its PLOVER
    coding without the ACLED one; a material act (an attack, a movement) that is no
    told happening ("journalists are killed for their work") is dropped instead."""
    ev.acled_event_type = ev.acled_sub_event_type = None
    if ev.modality == "threatened":
        ev.modality = "asserted"  # the threat was made; nothing threatened is coded
    return ev


def _statements_first(kept: list[Event], scored: list[Event], sdoc: Any) -> None:
    """A statement about a happening is at least as certain as the happening it tells
    of ("Palestinians blamed Israel for the bombing of ...": whoever codes the bombing
    codes the accusation too), so a verbal event outside ACLED's scope whose trigger
    governs an ACLED-scope event's trigger ranks above it.  So does a verbal event in
    ACLED's scope over a plan or threat it states ("Libya offered to hand over the
    suspects": the offer was made; the handing over is only its content)."""
    if not scored:
        return
    heads = {}
    for ev in scored:
        tok = _trigger_token(sdoc, ev)
        if tok is not None:
            heads[tok.i] = ev
    for ev in [*kept, *scored]:
        if not _verbal(ev):
            continue
        tok = _trigger_token(sdoc, ev)
        if tok is None:
            continue
        below = [heads[t.i] for t in tok.subtree if t.i in heads and t.i != tok.i]
        if any(ev is e for e in scored):
            below = [b for b in below if b.modality in ("planned", "threatened")]
        if below:
            ev.confidence = round(min(0.99, max(ev.confidence,
                                               max(b.confidence for b in below) + 0.01)), 3)


def _trigger_token(sdoc: Any, ev: Event) -> Any | None:
    if ev.trigger is None:
        return None
    span = sdoc.char_span(ev.trigger.start, ev.trigger.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


__all__ = ["DOUBTFUL_BAND", "Reporter"]
