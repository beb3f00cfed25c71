"""Text stage: HTML/plain text -> clean text, metadata, language, identity."""

from __future__ import annotations

from kharita.model import Document, Failure, RawDocument


def clean(raw: RawDocument) -> Document | Failure:
    raise NotImplementedError


class Deduplicator:
    """Marks near-duplicates (sets ``Document.duplicate_of``)."""

    def add(self, doc_id: str, text: str) -> None:
        pass

    def check(self, doc: Document) -> None:
        pass
