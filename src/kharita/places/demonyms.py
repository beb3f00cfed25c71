"""Demonyms and adjectives of place ("Syrian" -> SY), from ``data/demonyms.yaml``.

Sub-national demonyms ("Texan", "Ontarian") map to "ISO2/admin1 name" through
:func:`demonym_code`.  Public helper for other stages: :func:`demonym_country` maps a word such as
"Syrian", "Syrians" or "Iraqi" to an ISO2 code (``None`` for non-country
adjectives such as "Kurdish" and for ambiguous ones such as "Congolese").
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml


@lru_cache(maxsize=1)
def demonym_table() -> dict[str, str]:
    """Lower-cased demonym (and regular plural) -> ISO2; ambiguous words dropped."""
    raw = yaml.safe_load(resources.files("kharita").joinpath("data", "demonyms.yaml").read_text("utf-8"))
    seen: dict[str, set[str]] = {}
    for code, words in (raw.get("countries") or {}).items():
        for word in words:
            for form in _forms(str(word)):
                seen.setdefault(form.lower(), set()).add(str(code))
    return {w: next(iter(c)) for w, c in seen.items() if len(c) == 1}


def _forms(word: str) -> list[str]:
    out = [word]
    if word.endswith(("an", "i", "ian", "er", "ot", "ite", "ek", "ak", "ab", "ier")):
        out.append(word + "s")
    return out


@lru_cache(maxsize=1)
def admin1_table() -> dict[str, str]:
    """Lower-cased sub-national demonym -> "ISO2/admin1 name" ("texan" -> "US/Texas")."""
    raw = yaml.safe_load(resources.files("kharita").joinpath("data", "demonyms.yaml").read_text("utf-8"))
    out: dict[str, str] = {}
    for unit, words in (raw.get("admin1") or {}).items():
        for word in words:
            for form in _forms(str(word)):
                out.setdefault(form.lower(), str(unit))
    return out


def demonym_code(word: str) -> str | None:
    """ "ISO2" for a country demonym, "ISO2/admin1 name" for a sub-national one."""
    if not word or not word[0].isupper():
        return None
    low = word.lower()
    return demonym_table().get(low) or admin1_table().get(low)


def demonym_country(word: str) -> str | None:
    """ISO2 country a demonym refers to, or None ("Syrian" -> "SY", "Kurdish" -> None)."""
    if not word or not word[0].isupper():
        return None
    return demonym_table().get(word.lower())
