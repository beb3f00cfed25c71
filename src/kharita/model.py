"""The typed data model every pipeline stage reads and writes.

Plain dataclasses with a JSON round-trip (``to_dict`` / ``from_dict``).  The JSON
field names listed in ``docs/data-model.md`` are a contract that users' scripts
depend on: add fields freely, rename none.

Every span (``start``/``end``) is a character offset into ``Document.text``, the
stored clean text, and ``text`` equals ``Document.text[start:end]``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")

# Allowed values, in one place so stages, docs and tests agree.
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
MODALITIES = ("asserted", "negated", "denied", "attempted", "planned", "threatened", "hypothetical",
              "ongoing", "historical")
ACTOR_ROLES = ("actor1", "actor2", "assoc_actor1", "assoc_actor2", "mover", "facilitator")
EVENT_KINDS = ("event", "movement")


@dataclass
class Span:
    """A piece of evidence: ``text == Document.text[start:end]``."""

    text: str
    start: int
    end: int


@dataclass
class Place:
    """A place mention resolved (or not) to the gazetteer.

    ``precision`` is ACLED's geo_precision (1 the named town, 2 near a town or part
    of a region, 3 a larger region / province centre); ``where_prec`` is UCDP's 1-7.
    ``country`` is ISO 3166-1 alpha-2.  Unresolved mentions keep ``text`` and have a
    null ``geonameid``; they may carry the coordinates of a containing unit, with a
    precision that says so.
    """

    text: str
    start: int
    end: int
    name: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    feature_code: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    precision: int | None = None
    score: float = 0.0
    where_prec: int | None = None
    feature_class: str | None = None
    population: int | None = None
    resolved_as: str | None = None  # "gazetteer", "container", "abbreviation", "demonym", ...
    within: int | None = None  # geonameid of the containing unit for unknown toponyms


@dataclass
class ActorMention:
    """A mention of an actor in the text, resolved to the actor knowledge base."""

    text: str
    start: int
    end: int
    actor_id: str | None = None
    name: str | None = None  # ACLED-style name, e.g. "Islamic State (Syria)"
    type: str | None = None  # "named", "state", "generic", "coref"
    sector: str | None = None  # PLOVER sector: GOV, MIL, REB, CVL, ...
    country: str | None = None  # ISO2
    inter: int | None = None  # ACLED inter code 1-8
    wikidata: str | None = None
    canonical: str | None = None
    antecedent: int | None = None  # index into Document.actors for coreference


@dataclass
class Operation:
    """A named military operation ("Operation Peace Spring", "Jazeera Storm").

    Operations are what an actor does, never actors themselves: ``actor_id`` is the
    KB actor that runs it (None when the KB does not know the operation).
    """

    text: str
    start: int
    end: int
    name: str | None = None
    actor_id: str | None = None


@dataclass
class EventActor:
    role: str
    actor_id: str | None
    name: str | None
    text: str
    start: int
    end: int
    sector: str | None = None
    country: str | None = None
    inter: int | None = None


@dataclass
class Quantity:
    """A count given as a range: ``best`` is the single figure analysts use."""

    low: int
    best: int
    high: int
    text: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class Event:
    id: str
    doc_id: str
    type: str  # PLOVER type
    mode: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    actors: list[EventActor] = field(default_factory=list)
    location: Place | None = None
    origin: Place | None = None
    destinations: list[Place] = field(default_factory=list)
    date: str | None = None  # ISO 8601 day
    date_precision: int | None = None  # ACLED time_precision: 1 day, 2 week, 3 month
    modality: str = "asserted"
    attribution: Span | None = None
    fatalities: Quantity | None = None
    evidence: Span | None = None
    confidence: float = 0.0
    kind: str = "event"  # "event" or "movement"
    cameo: str | None = None  # CAMEO root code, "18"
    route: list[Place] = field(default_factory=list)
    manner: list[Span] = field(default_factory=list)
    injured: Quantity | None = None
    arrested: Quantity | None = None
    trigger: Span | None = None
    date_text: Span | None = None
    # further sentences of the same event (a movement told over several sentences)
    more_evidence: list[Span] = field(default_factory=list)
    # every sentence of the document that tells this happening, evidence included, in
    # text order (the reporting stage folds the tellings of one happening into one event)
    mentions: list[Span] = field(default_factory=list)
    background: bool = False  # a past happening recalled, not the news the article reports
    aggregate: bool = False  # a summary of many happenings ("more than 100 air strikes this week")


@dataclass
class Document:
    id: str
    text: str = ""
    url: str | None = None
    title: str | None = None
    source: str | None = None
    published: str | None = None  # ISO 8601 date or datetime
    language: str | None = None
    places: list[Place] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    duplicate_of: str | None = None
    content_hash: str | None = None
    author: str | None = None
    site: str | None = None
    coded: bool = True  # False for non-English or empty documents
    input: str | None = None  # where the document came from (path, path:line, stdin)
    focus: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    operations: list[Operation] = field(default_factory=list)  # set by the actors stage
    # how likely the document reports political violence, conflict, protest, coercion
    # or the movement of armed groups or displaced people (reporting stage), 0-1
    relevance: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        return from_dict(cls, data)

    def span(self, start: int, end: int) -> Span:
        return Span(self.text[start:end], start, end)


def to_dict(obj: Any) -> Any:
    """Dataclass -> plain JSON-able structures (recursively)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, list | tuple):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    return obj


_NESTED: dict[tuple[str, str], type] = {
    ("Document", "places"): Place,
    ("Document", "actors"): ActorMention,
    ("Document", "operations"): Operation,
    ("Document", "events"): Event,
    ("Event", "actors"): EventActor,
    ("Event", "location"): Place,
    ("Event", "origin"): Place,
    ("Event", "destinations"): Place,
    ("Event", "route"): Place,
    ("Event", "attribution"): Span,
    ("Event", "fatalities"): Quantity,
    ("Event", "injured"): Quantity,
    ("Event", "arrested"): Quantity,
    ("Event", "evidence"): Span,
    ("Event", "trigger"): Span,
    ("Event", "date_text"): Span,
    ("Event", "manner"): Span,
    ("Event", "more_evidence"): Span,
    ("Event", "mentions"): Span,
}


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Plain dict -> dataclass; unknown keys are ignored so old readers survive new fields."""
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        if key not in names:
            continue
        sub = _NESTED.get((cls.__name__, key))
        if sub is not None and value is not None:
            if isinstance(value, list):
                value = [from_dict(sub, v) for v in value]
            else:
                value = from_dict(sub, value)
        kwargs[key] = value
    return cls(**kwargs)


@dataclass
class RawDocument:
    """What a reader yields: one input document before the text stage.

    Exactly one of ``html`` / ``text`` is set.  ``input`` names where it came from
    (``path``, ``path:line`` for JSONL, ``path#record`` for WARC/feeds, ``<stdin>``).
    """

    input: str
    html: str | None = None
    text: str | None = None
    id: str | None = None  # caller's own id (JSONL), kept as Document.id
    url: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None
    language: str | None = None
    encoding: str | None = None


@dataclass
class Failure:
    """An input that could not be turned into a document, and why."""

    input: str
    reason: str
    stage: str = "ingest"
