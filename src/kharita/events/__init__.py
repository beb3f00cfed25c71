"""Events stage: who did what to whom, where, when, how sure.

``EventCoder()(doc, sdoc)`` reads ``doc.text``, ``doc.places``, ``doc.focus``,
``doc.actors`` (and ``doc.operations`` when present) and the spaCy parse, and sets
``doc.events``.  The lexicon is compiled once per coder; see :mod:`.coder` for the
steps and ``docs/events.md`` for the coding rules.
"""

from __future__ import annotations

import logging
from typing import Any

from kharita.model import Document

log = logging.getLogger(__name__)


class EventCoder:
    """Pipeline stage that codes events; ``lexicon`` may be injected for tests."""

    def __init__(self, lexicon: Any | None = None) -> None:
        self._lexicon = lexicon

    @property
    def lexicon(self) -> Any:
        if self._lexicon is None:
            from kharita.events.lexicon import load_lexicon

            self._lexicon = load_lexicon()
        return self._lexicon

    def __call__(self, doc: Document, sdoc: Any) -> Document:
        from kharita.events.coder import Coder

        if sdoc is None or not doc.text:
            doc.events = []
            return doc
        doc.events = Coder(doc, sdoc, self.lexicon).run()
        return doc


__all__ = ["EventCoder"]
