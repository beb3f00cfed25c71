"""Fatalities, injured and arrested counts (owner: events-context)."""

from __future__ import annotations

from typing import Any

from kharita.model import Document, Quantity


def casualties(doc: Document, sent: Any, trigger: Any | None = None) -> dict[str, Quantity]:
    """Return a dict with any of the keys 'fatalities', 'injured', 'arrested'."""
    return {}
