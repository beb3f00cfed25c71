"""Institutions and landmarks as context: "Ole Miss is located in Oxford" -> Mississippi.

``data/landmarks.yaml`` lists names that do not contain the place they stand in
(nicknamed universities, seats of government).  A landmark found in the text
votes for its place's country and admin1 unit and counts as a nearby point for
spatial minimality, exactly like a resolved place, but is not itself a mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True)
class Landmark:
    name: str
    place: str
    country: str
    admin1: str | None = None


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, Landmark], re.Pattern[str] | None]:
    raw = yaml.safe_load(
        resources.files("kharita").joinpath("data", "landmarks.yaml").read_text("utf-8"))
    items = {}
    for row in raw.get("landmarks") or []:
        lm = Landmark(str(row["name"]), str(row["place"]), str(row["country"]), row.get("admin1"))
        items[lm.name] = lm
    if not items:
        return items, None
    names = sorted(items, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")
    return items, pattern


def find_landmarks(text: str) -> list[tuple[int, int, Landmark]]:
    """Landmark names in ``text`` with their spans."""
    items, pattern = _table()
    if pattern is None:
        return []
    return [(m.start(), m.end(), items[m.group(0)]) for m in pattern.finditer(text)]


def landmark_entry(gaz: Any, lm: Landmark) -> Any | None:
    """The gazetteer entry of the landmark's place (largest match in its country/admin1)."""
    cands = [c for c in gaz.lookup(lm.place) if c.country == lm.country
             and c.feature_class in {"P", "A"} and (lm.admin1 is None or c.admin1 == lm.admin1)]
    return max(cands, key=lambda c: (c.feature_class == "P", c.population), default=None)
