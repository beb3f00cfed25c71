"""Make the stock spaCy pipeline faster without changing what it outputs.

Two measured bottlenecks of ``en_core_web_sm`` on a 500-word news text (2-core AMD
EPYC, ``benchmarks/pipeline_speed.py``), both fixed here for every pipeline kharita
loads:

* **Matrix products.**  thinc's ``NumpyOps`` multiplies through the ``blis``
  package, whose wheels fall back to a generic, unvectorised kernel on CPUs it does
  not recognise (``BLIS_ARCH_DEBUG=1`` prints ``selecting sub-configuration
  'generic'`` on this machine).  numpy's bundled OpenBLAS picks its kernel at run
  time and multiplied a 600x288 by 288x288 float32 matrix 3x faster.  ``MatmulOps``
  is ``NumpyOps`` with ``gemm`` (and so ``affine``) routed through ``numpy.dot``;
  every other operation is unchanged.  The two token-to-vector encoders (shared
  and NER's own) drop from 20 to 9 ms per document.
* **The attribute ruler.**  It maps each token's tag (and a few words) to POS,
  morphology and lemma exceptions through a ``Matcher`` of 179 patterns, which tries
  every pattern at every token: 10 ms per document.  All of those patterns are one
  or two tokens of equality, IN, NOT_IN or REGEX tests on four attributes, so ``IndexedRulerMatch`` finds the same
  matches through a lookup on each token's (lower, tag, dep, is_space) values and
  hands them to the ruler's own ``set_annotations``: same rules, same precedence,
  about 1 ms.  A ruler holding any pattern it cannot index (operators, regexes,
  other attributes) is left as it is.

Both are checked token by token against the stock pipeline in
``tests/test_nlp_speed.py``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)


def speed_up(nlp: Any) -> None:
    """Apply both changes to a loaded pipeline in place (idempotent)."""
    use_matmul_ops(nlp)
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        fast = IndexedRulerMatch.build(ruler)
        if fast is not None:
            ruler.match = fast.match
        else:
            log.info("attribute ruler kept as it is: a pattern cannot be indexed")


def _matmul_ops_class() -> type:
    from thinc.api import NumpyOps
    from thinc.backends.ops import Ops

    class MatmulOps(NumpyOps):
        """``NumpyOps`` whose matrix products go through numpy (OpenBLAS), not blis."""

        name = "kharita_matmul"

        def gemm(self, x: Any, y: Any, out: Any = None, trans1: bool = False, trans2: bool = False) -> Any:
            return Ops.gemm(self, x, y, out=out, trans1=trans1, trans2=trans2)

    return MatmulOps


_OPS: Any = None


def use_matmul_ops(nlp: Any) -> None:
    """Give every layer of every trainable component the numpy-matmul ops."""
    global _OPS
    if _OPS is None:
        _OPS = _matmul_ops_class()()
    for _name, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            node.ops = _OPS


# Token attributes an indexed pattern may test, as (pattern key, array attribute).
_INDEXABLE = ("LOWER", "TAG", "DEP", "IS_SPACE")


class IndexedRulerMatch:
    """The attribute ruler's ``match``, answered by lookup instead of a Matcher scan.

    Returns what ``AttributeRuler.match`` returns: ``(rule index, match id, start,
    end)`` sorted, so that the ruler's ``set_annotations`` applies later rules over
    earlier ones exactly as before.
    """

    def __init__(self, vocab: Any, rules: list[tuple[int, int, list[list[dict[str, _Test]]]]]) -> None:
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        self.vocab = vocab
        self.columns = [LOWER, TAG, DEP, IS_SPACE]
        # Every (rule, pattern) as (rule index, match id, token specs); each spec maps a
        # column index to the test its value must pass.
        self.patterns: list[tuple[int, int, list[dict[int, _Test]]]] = []
        for index, match_id, pats in rules:
            for pat in pats:
                specs = [{_INDEXABLE.index(k): v for k, v in tok.items()} for tok in pat]
                self.patterns.append((index, match_id, specs))
        self._cache: dict[tuple[int, ...], tuple[int, ...]] = {}

    @classmethod
    def build(cls, ruler: Any) -> IndexedRulerMatch | None:
        """Compile a ruler's patterns, or None if one of them is not plain equality."""
        strings = ruler.vocab.strings
        rules = []
        for index, entry in enumerate(ruler.patterns):
            match_id = strings[str(index)]
            pats = []
            for pat in entry["patterns"]:
                if not isinstance(pat, list) or not pat:
                    return None
                specs = []
                for tok in pat:
                    spec = {}
                    for key, value in tok.items():
                        if key not in _INDEXABLE:
                            return None
                        test = _compile_test(strings, key, value)
                        if test is None:
                            return None
                        spec[key] = test
                    specs.append(spec)
                pats.append(specs)
            rules.append((index, match_id, pats))
        return cls(ruler.vocab, rules)

    def _first_token_hits(self, row: tuple[int, ...]) -> tuple[int, ...]:
        """Indices into ``self.patterns`` whose first token accepts this row (cached)."""
        hits = self._cache.get(row)
        if hits is None:
            hits = tuple(
                k for k, (_, _, specs) in enumerate(self.patterns)
                if all(test(row[col]) for col, test in specs[0].items())
            )
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[row] = hits
        return hits

    def match(self, doc: Any) -> list[tuple[int, int, int, int]]:
        rows = list(map(tuple, doc.to_array(self.columns).tolist())) if len(doc) else []
        n = len(rows)
        out = []
        for start, row in enumerate(rows):
            for k in self._first_token_hits(row):
                index, match_id, specs = self.patterns[k]
                end = start + len(specs)
                if end > n:
                    continue
                if all(
                    test(rows[start + j][col])
                    for j in range(1, len(specs))
                    for col, test in specs[j].items()
                ):
                    out.append((index, match_id, start, end))
        out.sort()
        return out


_Test = Callable[[int], bool]


def _compile_test(strings: Any, key: str, value: Any) -> _Test | None:
    """A pattern's test on one attribute's value id: a plain value, ``{"IN": [...]}``,
    ``{"NOT_IN": [...]}`` or ``{"REGEX": ...}`` (searched in the attribute's string,
    as the Matcher does); None for anything else."""
    if isinstance(value, dict):
        if len(value) != 1:
            return None
        (op, arg), = value.items()
        if op == "REGEX" and isinstance(arg, str) and key != "IS_SPACE":
            search = re.compile(arg).search
            return lambda v: search(strings[v]) is not None
        if op not in ("IN", "NOT_IN") or not isinstance(arg, (list, tuple, set)):
            return None
        ids = [_value_id(strings, key, v) for v in arg]
        if any(i is None for i in ids):
            return None
        values = frozenset(ids)
        return values.__contains__ if op == "IN" else (lambda v: v not in values)
    one = _value_id(strings, key, value)
    if one is None:
        return None
    return one.__eq__


def _value_id(strings: Any, key: str, value: Any) -> int | None:
    """The integer ``Doc.to_array`` holds for this pattern value."""
    if key == "IS_SPACE":
        return int(bool(value)) if isinstance(value, bool) else None
    if not isinstance(value, str):
        return None
    return strings[value]  # the string's hash, as the Matcher compares it
