"""Places stage: recognise toponyms, resolve them to the gazetteer, document focus."""

from __future__ import annotations

from typing import Any

from kharita.model import Document


class Geoparser:
    def __call__(self, doc: Document, sdoc: Any) -> Document:
        return doc
