"""Hand-built annotations for the events tests: actor mentions and places at the n-th
occurrence of their text, and a document coded by the event coder alone (so a test
exercises the coder's rules, not the places and actors stages)."""

from __future__ import annotations

from typing import Any

from kharita.events import EventCoder
from kharita.model import ActorMention, Document, Place


def start_of(text: str, sentence: str, n: int = 0) -> int:
    """Offset of the ``n``-th (0-based) occurrence of ``text`` in ``sentence``."""
    start = -1
    for _ in range(n + 1):
        start = sentence.index(text, start + 1)
    return start


def actor(text: str, sentence: str, name: str, inter: int, sector: str, n: int = 0,
          actor_id: str | None = None) -> ActorMention:
    start = start_of(text, sentence, n)
    return ActorMention(text=text, start=start, end=start + len(text), actor_id=actor_id or name,
                        name=name, type="named", sector=sector, inter=inter)


def place(text: str, sentence: str, gid: int, n: int = 0, **fields: Any) -> Place:
    start = start_of(text, sentence, n)
    fields.setdefault("precision", 1)
    return Place(text=text, start=start, end=start + len(text), name=text, geonameid=gid, **fields)


def code(parser: Any, text: str, actors: Any = (), places: Any = (), **doc_fields: Any) -> Document:
    doc = Document(id=doc_fields.pop("id", "t"), text=text,
                   actors=sorted(actors, key=lambda a: a.start),
                   places=sorted(places, key=lambda p: p.start), **doc_fields)
    return EventCoder()(doc, parser(text))
