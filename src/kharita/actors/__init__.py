"""Actors stage: resolve actor mentions to the actor knowledge base."""

from __future__ import annotations

from typing import Any

from kharita.model import Document


class ActorResolver:
    def __call__(self, doc: Document, sdoc: Any) -> Document:
        return doc
