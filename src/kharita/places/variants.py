"""Transliteration variants: "Deir Ezzor" finds "Deir ez-Zor", "Idleb" finds "Idlib".

A *sound key* is built from the normalised name: Arabic article tokens and fused
articles go ("al-", "ez-", "Ezzor" -> "zor"), a few consonant spellings are unified
(dh/z, q/k, ph/f, final -h after a vowel), every run of vowels (with y/w inside it)
becomes one "a", and doubled letters collapse.  So "deir ez zor", "dayr az zawr" and
"deir al zour" all give ``darzar`` while "anbar" (``anbar``) and "ambar" (``ambar``)
stay apart: the key forgives vowels and articles, never consonants, which is what
keeps the fuzzy step conservative.

The key -> name index over the whole gazetteer is built once and cached in a
side-car SQLite file next to the gazetteer (in memory for in-memory gazetteers).
"""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from kharita.places.lexicon import ARTICLES

INDEX_VERSION = 1
MIN_KEY_LEN = 4
MIN_NAME_LEN = 5  # "Isis", "Sens": too short to forgive spelling
MIN_RATIO = 75  # rapidfuzz ratio between the article-less spellings
MIN_VARIANT_POPULATION = 5_000
_FUSED = re.compile(r"^[ae]([lzsdrtn])\1(?=[a-z]{2})")  # "ezzor", "assuwayda", "arraqqa"
_VOWELS = re.compile(r"[aeiouy][aeiouyw]*")
_DOUBLE = re.compile(r"(.)\1+")
_SUBS = (("dh", "z"), ("th", "t"), ("ph", "f"), ("q", "k"), ("ck", "k"), ("kh", "k"),
         ("gh", "g"), ("sh", "s"), ("ch", "s"), ("j", "j"), ("x", "ks"))


def sound_key(key: str) -> str:
    """The vowel- and article-forgiving key of a normalised (ASCII) name."""
    parts = []
    words = key.split()
    for n, word in enumerate(words):
        if word in ARTICLES and n + 1 < len(words):
            continue
        word = _FUSED.sub("", word) if n > 0 else word
        parts.append(word)
    s = "".join(parts)
    for a, b in _SUBS:
        s = s.replace(a, b)
    s = re.sub(r"(?<=[aeiou])h$", "", s)
    s = _VOWELS.sub("a", s)
    return _DOUBLE.sub(r"\1", s)


def _bare(key: str) -> str:
    """The name without article tokens, for the spelling-similarity check."""
    return " ".join(w for w in key.split() if w not in ARTICLES)


def _notable(entry: Any) -> bool:
    """Variants only reach places big enough to be written in several spellings.

    A village of 600 people has one spelling in the gazetteer; a loosely similar
    unknown name is far more likely to be a different, unlisted place.
    """
    return entry.population >= MIN_VARIANT_POPULATION or entry.feature_class in {"A", "L", "H"}


def _ascii_key(key: str) -> bool:
    return key.isascii() and any(c.isalpha() for c in key)


class VariantIndex:
    """Sound key -> gazetteer name keys, built lazily on first use."""

    def __init__(self, gazetteer: Any) -> None:
        self.gaz = gazetteer
        self._conn: sqlite3.Connection | None = None

    def match(self, text: str) -> list[Any]:
        """Gazetteer entries whose name sounds like ``text``; [] when none or too short."""
        from kharita.places.gazetteer import normalize_name

        key = normalize_name(text)
        if not _ascii_key(key):
            return []
        skey = sound_key(key)
        if len(skey) < MIN_KEY_LEN or len(key) < MIN_NAME_LEN:
            return []
        conn = self._index()
        rows = conn.execute("SELECT key FROM variants WHERE skey = ?", (skey,)).fetchall()
        out: list[Any] = []
        seen: set[int] = set()
        bare = _bare(key)
        for (name_key,) in rows:
            if name_key[0] != key[0] and not (" " in key and key[0] in "aeiou" and name_key[0] in "aeiou"):
                continue
            if fuzz.ratio(bare, _bare(name_key)) < MIN_RATIO:
                continue
            for entry in self.gaz.lookup(name_key):
                if entry.geonameid not in seen and _notable(entry):
                    seen.add(entry.geonameid)
                    out.append(entry)
        return out

    def prepare(self) -> None:
        """Build (or validate) the side-car index now rather than on the first match.

        Called by ``kharita gazetteer build``/``import`` so that no later process,
        test or CI run pays the ~10 s build or writes beside the gazetteer.
        """
        self._index()

    def _index(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = _open_or_build(self.gaz)
        return self._conn


def _sidecar(gazetteer: Any) -> Path | None:
    path = getattr(gazetteer, "path", None)
    if not path or str(path) == ":memory:":
        return None
    p = Path(path)
    return p.with_name(p.name + f".variants-v{INDEX_VERSION}.sqlite") if p.is_file() else None


def _stamp(gazetteer: Any) -> str:
    st = os.stat(gazetteer.path)
    return f"{st.st_size}:{int(st.st_mtime)}"


def _open_or_build(gazetteer: Any) -> sqlite3.Connection:
    side = _sidecar(gazetteer)
    if side is not None and side.is_file():
        try:
            conn = sqlite3.connect(str(side), check_same_thread=False)
            row = conn.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone()
            if row and row[0] == _stamp(gazetteer):
                return conn
            conn.close()
        except sqlite3.DatabaseError:
            pass
    target = ":memory:"
    tmp: Path | None = None
    if side is not None and os.access(side.parent, os.W_OK):
        tmp = side.with_name(f".{side.name}.{os.getpid()}.tmp")
        tmp.unlink(missing_ok=True)
        target = str(tmp)
    conn = sqlite3.connect(target, check_same_thread=False)
    conn.execute("CREATE TABLE variants (skey TEXT NOT NULL, key TEXT NOT NULL)")
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    rows = ((sound_key(k), k) for k in gazetteer.name_keys() if _ascii_key(k))
    conn.executemany("INSERT INTO variants VALUES (?, ?)", (r for r in rows if len(r[0]) >= MIN_KEY_LEN))
    conn.execute("CREATE INDEX variants_skey ON variants (skey)")
    if tmp is not None and side is not None:
        conn.execute("INSERT INTO meta VALUES ('stamp', ?)", (_stamp(gazetteer),))
        conn.commit()
        conn.close()
        os.replace(tmp, side)
        return sqlite3.connect(str(side), check_same_thread=False)
    conn.commit()
    return conn
