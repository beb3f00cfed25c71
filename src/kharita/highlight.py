"""What to mark in a document's text: evidence, places, actors, triggers, dates.

Shared by ``kharita show`` (terminal) and ``kharita serve`` (HTML): both take the
same :func:`marks`, so they highlight the same words.  :func:`segments` cuts the
text into runs that each carry the set of marks over them, which a renderer
turns into styled text or escaped HTML; no markup is produced here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from kharita.model import Document

# Kinds in the order they are laid on (later ones on top where they overlap).
KINDS = ("evidence", "place", "actor", "attribution", "date", "trigger")


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # one of KINDS
    event: int | None = None  # index into Document.events for event spans


@dataclass
class Segment:
    start: int
    end: int
    text: str
    kinds: list[str] = field(default_factory=list)
    events: list[int] = field(default_factory=list)  # events whose evidence covers it


def marks(doc: Document) -> list[Mark]:
    """Every annotation of ``doc`` that falls inside its text, in laying-on order."""
    n = len(doc.text)
    out: list[Mark] = []

    def add(start: int | None, end: int | None, kind: str, event: int | None = None) -> None:
        if start is not None and end is not None and 0 <= start < end <= n:
            out.append(Mark(start, end, kind, event))

    for i, e in enumerate(doc.events):
        for span in [e.evidence, *e.more_evidence]:
            if span is not None:
                add(span.start, span.end, "evidence", i)
    for p in doc.places:
        add(p.start, p.end, "place")
    for a in doc.actors:
        add(a.start, a.end, "actor")
    for i, e in enumerate(doc.events):
        if e.attribution:
            add(e.attribution.start, e.attribution.end, "attribution", i)
        if e.date_text:
            add(e.date_text.start, e.date_text.end, "date", i)
        if e.trigger:
            add(e.trigger.start, e.trigger.end, "trigger", i)
    return out


def segments(text: str, ms: list[Mark]) -> list[Segment]:
    """``text`` cut at every mark boundary; each run lists the kinds (in KINDS order)
    and the events' evidence over it.  The runs' texts join back to ``text``."""
    cuts = sorted({0, len(text), *(m.start for m in ms), *(m.end for m in ms)})
    out: list[Segment] = []
    for a, b in pairwise(cuts):
        if a >= b:
            continue
        over = [m for m in ms if m.start <= a and b <= m.end]
        kinds = [k for k in KINDS if any(m.kind == k for m in over)]
        events = sorted({m.event for m in over if m.kind == "evidence" and m.event is not None})
        out.append(Segment(a, b, text[a:b], kinds, events))
    return out
