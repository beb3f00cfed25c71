"""Event dates from the text, relative to the publication date (owner: events-context)."""

from __future__ import annotations

from typing import Any

from kharita.model import Document, Span


def event_date(doc: Document, sent: Any, trigger: Any | None = None) -> tuple[str | None, int | None, Span | None]:
    """Return (ISO date, ACLED time_precision 1/2/3, evidence span) or (None, None, None)."""
    return None, None, None
