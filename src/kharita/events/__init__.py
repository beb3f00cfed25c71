"""Events stage: who did what to whom, where, when, how sure."""

from __future__ import annotations

from typing import Any

from kharita.model import Document


class EventCoder:
    def __call__(self, doc: Document, sdoc: Any) -> Document:
        return doc
