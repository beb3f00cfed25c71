"""Per-parse arrays of heads, dependency labels and coarse tags, built once per spaCy
Doc and cached in ``Doc.user_data``: tree walks over plain lists of ints and strings
avoid creating a spaCy Token object per step (a speed-up only; same answers)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_KEY = "kharita.events.arrays"


@dataclass
class TreeArrays:
    """``heads[i]`` is the index of token i's head (itself for a root); ``deps[i]`` and
    ``pos[i]`` are its ``dep_`` and ``pos_``."""

    heads: list[int]
    deps: list[str]
    pos: list[str]

    def path_up(self, i: int) -> list[int]:
        """``i`` and its ancestors, nearest first, as ``[tok, *tok.ancestors]`` gives
        them (at most one step per token, like spaCy's guard against cycles)."""
        heads = self.heads
        out = [i]
        for _ in range(len(heads)):
            h = heads[i]
            if h == i:
                break
            i = h
            out.append(i)
        return out


def _cached(sdoc: Any, key: str, build: Callable[[Any], Any]) -> Any:
    """``build(sdoc)``, computed on first use and kept in the Doc's ``user_data``."""
    user_data = getattr(sdoc, "user_data", None)
    if isinstance(user_data, dict):
        found = user_data.get(key)
        if found is not None:
            return found
    made = build(sdoc)
    if isinstance(user_data, dict):
        user_data[key] = made
    return made


def tree_arrays(sdoc: Any) -> TreeArrays:
    """The arrays of ``sdoc``, computed on first use and kept in its ``user_data``."""
    return _cached(sdoc, _KEY, _build_tree)


def _build_tree(sdoc: Any) -> TreeArrays:
    from spacy.attrs import DEP, HEAD, POS

    rows = sdoc.to_array([HEAD, DEP, POS]).astype("int64").tolist()
    strings = sdoc.vocab.strings
    names: dict[int, str] = {}

    def name(h: int) -> str:
        s = names.get(h)
        if s is None:
            s = names[h] = strings[h & 0xFFFFFFFFFFFFFFFF]
        return s

    return TreeArrays(
        heads=[i + r[0] for i, r in enumerate(rows)],
        deps=[name(r[1]) for r in rows],
        pos=[name(r[2]) for r in rows],
    )


_WORDS_KEY = "kharita.events.words"
_LOWERED: dict[int, str] = {}  # lemma hash -> lower-cased lemma, shared by all parses


@dataclass
class WordArrays:
    """``lemmas[i]`` is ``tok.lemma_.lower()``, ``lowers[i]`` is ``tok.lower_``;
    ``starts[i]``/``ends[i]`` are the token's character offsets (``idx``, ``idx + len``)."""

    lemmas: list[str]
    lowers: list[str]
    starts: list[int]
    ends: list[int]


def word_arrays(sdoc: Any) -> WordArrays:
    """The word arrays of ``sdoc``, computed on first use and kept in its ``user_data``."""
    return _cached(sdoc, _WORDS_KEY, _build_words)


def _build_words(sdoc: Any) -> WordArrays:
    from spacy.attrs import IDX, LEMMA, LENGTH, LOWER

    rows = sdoc.to_array([LEMMA, LOWER, IDX, LENGTH]).tolist()
    strings = sdoc.vocab.strings
    lemmas = []
    for r in rows:
        s = _LOWERED.get(r[0])
        if s is None:
            s = _LOWERED[r[0]] = strings[r[0]].lower()
        lemmas.append(s)
    return WordArrays(lemmas=lemmas, lowers=[strings[r[1]] for r in rows],
                      starts=[r[2] for r in rows], ends=[r[2] + r[3] for r in rows])


def tree_distance(a: Any, b: Any, unconnected: int = 20) -> int:
    """Dependency arcs between two tokens of one Doc (``unconnected`` when they share
    no ancestor, as tokens of different sentences do)."""
    tree = tree_arrays(a.doc)
    index = {t: n for n, t in enumerate(tree.path_up(a.i))}
    for n, t in enumerate(tree.path_up(b.i)):
        if t in index:
            return index[t] + n
    return unconnected
