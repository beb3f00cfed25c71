"""Exact and near-duplicate detection across a batch (and a store).

Exact duplicates share a :func:`~kharita.text.normalize.content_hash`.  Near
duplicates (the same wire story with a different intro or footer) are found
with MinHash over word 5-gram shingles and an LSH index at ~0.8 estimated
Jaccard similarity, then confirmed on the two signatures.

Seeding from a store: ``add(doc_id, text)`` recomputes the signature; the
cheaper path is to persist :meth:`Deduplicator.signature` (bytes, ~1 KB) with
each stored document and call ``add_signature(doc_id, content_hash, sig)``.
"""

from __future__ import annotations

import struct
import zlib
from functools import lru_cache
from typing import Any

import numpy as np

from kharita.model import Document
from kharita.text.normalize import content_hash, hash_key

NUM_PERM = 128
THRESHOLD = 0.8
SHINGLE = 5
SCHEME = "affine32"  # datasketch's 32-bit hashing: signatures fit 4 bytes per permutation
MIN_SHINGLES = 8  # shorter texts: exact matching only (too few shingles to compare)


@lru_cache(maxsize=1)
def _permutations() -> Any:
    """The MinHash permutation parameters, built once (seeded: stable across runs)."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME).permutations


def _hash32(data: bytes) -> int:
    # crc32 is stable across processes (unlike hash()) and fast; 32 bits is
    # what MinHash keeps anyway.
    return zlib.crc32(data)


def shingles(text: str) -> set[bytes]:
    """Word 5-gram shingles of the normalised text."""
    tokens = hash_key(text).split()
    if len(tokens) < SHINGLE:
        return {" ".join(tokens).encode()} if tokens else set()
    return {" ".join(tokens[i : i + SHINGLE]).encode() for i in range(len(tokens) - SHINGLE + 1)}


def minhash(text: str) -> Any:
    """The MinHash of a text's shingles (None when the text is too short to compare)."""
    from datasketch import MinHash

    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return None
    m = MinHash(
        num_perm=NUM_PERM, permutations=_permutations(), hashfunc=_hash32, scheme=SCHEME
    )
    m.update_batch(grams)
    return m


class Deduplicator:
    """Marks exact and near duplicates of documents seen earlier by this instance.

    ``check(doc)`` sets ``doc.duplicate_of`` (and ``doc.content_hash`` when
    missing) and remembers a non-duplicate for later checks.
    """

    def __init__(self, threshold: float = THRESHOLD) -> None:
        from datasketch import MinHashLSH

        self.threshold = threshold
        self._by_hash: dict[str, str] = {}
        self._signatures: dict[str, Any] = {}
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)

    def __len__(self) -> int:
        return len(self._by_hash)

    @staticmethod
    def signature(text: str) -> bytes | None:
        """A compact, persistable near-duplicate signature of ``text`` (None if too short)."""
        m = minhash(text)
        if m is None:
            return None
        return struct.pack(f"<{NUM_PERM}I", *(int(v) for v in m.hashvalues))

    def add(self, doc_id: str, text: str, digest: str | None = None) -> None:
        """Remember a document already stored, so later copies are marked duplicates."""
        self._remember(doc_id, digest or content_hash(text), minhash(text))

    def add_signature(self, doc_id: str, digest: str, signature: bytes | None) -> None:
        """Like :meth:`add`, from a stored content hash and :meth:`signature` bytes."""
        m = None
        if signature:
            from datasketch import MinHash

            values = np.array(struct.unpack(f"<{NUM_PERM}I", signature), dtype=np.uint32)
            m = MinHash(
                num_perm=NUM_PERM, permutations=_permutations(), hashvalues=values, scheme=SCHEME
            )
        self._remember(doc_id, digest, m)

    def _remember(self, doc_id: str, digest: str, m: Any) -> None:
        self._by_hash.setdefault(digest, doc_id)
        if m is not None and doc_id not in self._signatures:
            self._signatures[doc_id] = m
            self._lsh.insert(doc_id, m)

    def find(self, text: str, digest: str | None = None) -> tuple[str | None, Any]:
        """The id of an earlier exact or near copy of ``text`` (and the text's MinHash)."""
        digest = digest or content_hash(text)
        if digest in self._by_hash:
            return self._by_hash[digest], None
        m = minhash(text)
        if m is None:
            return None, None
        best, best_sim = None, 0.0
        for cand in self._lsh.query(m):
            sim = m.jaccard(self._signatures[cand])
            if sim >= self.threshold and (sim > best_sim or (sim == best_sim and cand < best)):
                best, best_sim = cand, sim
        return best, m

    def check(self, doc: Document) -> Document:
        """Set ``doc.duplicate_of`` when an earlier document has the same or nearly the same text."""
        if not doc.content_hash:
            doc.content_hash = content_hash(doc.text)
        earlier, m = self.find(doc.text, doc.content_hash)
        if earlier is not None:
            doc.duplicate_of = earlier
            return doc
        self._by_hash[doc.content_hash] = doc.id
        if m is None:
            m = minhash(doc.text)
        if m is not None and doc.id not in self._signatures:
            self._signatures[doc.id] = m
            self._lsh.insert(doc.id, m)
        return doc
