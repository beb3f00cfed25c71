"""Where an event happened (owner: events-context)."""

from __future__ import annotations

from typing import Any

from kharita.model import Document, Place


def event_location(doc: Document, sent: Any, trigger: Any | None = None, exclude: set[int] | None = None) -> Place | None:
    """The place where the event at ``trigger`` happened; ``exclude`` holds indexes into
    ``doc.places`` already used as origin/destination/route."""
    return None
