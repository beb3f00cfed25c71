"""Exact and near-duplicate detection across a batch (and a store).

Exact duplicates share a :func:`~kharita.text.normalize.content_hash`.  Near
duplicates (the same wire story with a different intro or footer) are found
with MinHash over word 5-gram shingles and an LSH index at ~0.8 estimated
Jaccard similarity, then confirmed on the two signatures.

Seeding from a store: ``add(doc_id, text)`` recomputes the signature; the
cheaper path is to persist :meth:`Deduplicator.signature` (512 bytes) with
each stored document and call ``add_signature(doc_id, content_hash, sig)``.
"""

from __future__ import annotations

import zlib
from functools import lru_cache
from typing import Any

import numpy as np

from kharita.model import Document
from kharita.text.normalize import content_hash, hash_key

NUM_PERM = 128
THRESHOLD = 0.8
SHINGLE = 5
MIN_SHINGLES = 8  # shorter texts: exact matching only (too few shingles to compare)
_BASE = np.uint64(1_000_003)


@lru_cache(maxsize=1)
def _permutations() -> tuple[Any, Any]:
    """The (a, b) of the 128 hash functions ``a*x + b mod 2**32`` (a odd): seeded, stable."""
    rng = np.random.RandomState(1)
    a = (rng.randint(0, 2**31, size=NUM_PERM).astype(np.uint32) << np.uint32(1)) | np.uint32(1)
    b = rng.randint(0, 2**32, size=NUM_PERM, dtype=np.uint64).astype(np.uint32)
    return a, b


def _fmix32(h: Any) -> Any:
    """MurmurHash3's finaliser: spreads the bits before the cheap affine permutations."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


class Signature:
    """A MinHash signature: 128 unsigned 32-bit minima (what datasketch's LSH index reads)."""

    __slots__ = ("hashvalues",)

    def __init__(self, hashvalues: Any) -> None:
        self.hashvalues = hashvalues

    def __len__(self) -> int:
        return len(self.hashvalues)

    def jaccard(self, other: Signature) -> float:
        """Estimated Jaccard similarity of the two shingle sets."""
        return float(np.mean(self.hashvalues == other.hashvalues))

    def to_bytes(self) -> bytes:
        return self.hashvalues.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        return cls(np.frombuffer(data, dtype="<u4").astype(np.uint32))


def shingle_hashes(text: str) -> Any:
    """Distinct 32-bit hashes of the word 5-grams of the normalised text.

    Token hashes (crc32: stable across processes, unlike ``hash()``) are
    combined per 5-gram with a polynomial in numpy, which is several times
    faster than hashing joined strings one by one.
    """
    tokens = hash_key(text).split()
    if not tokens:
        return np.zeros(0, dtype=np.uint32)
    th = np.fromiter((zlib.crc32(t.encode()) for t in tokens), dtype=np.uint64, count=len(tokens))
    n = max(1, len(tokens) - SHINGLE + 1)
    width = min(SHINGLE, len(tokens))
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(width):
            h = h * _BASE + th[k : k + n]
        folded = (h ^ (h >> np.uint64(32))).astype(np.uint32)
    return np.unique(folded)


def minhash(text: str) -> Signature | None:
    """The MinHash signature of a text (None when too short to compare).

    Mixed 32-bit shingle hashes go through 128 affine maps modulo 2**32 (uint32
    arithmetic wraps, so no slow 64-bit modulo); the minima are the signature.
    """
    hashes = shingle_hashes(text)
    if len(hashes) < MIN_SHINGLES:
        return None
    a, b = _permutations()
    with np.errstate(over="ignore"):
        values = _fmix32(hashes)[:, None] * a[None, :] + b[None, :]
    return Signature(values.min(axis=0))


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
        """A compact, persistable near-duplicate signature of ``text`` (512 bytes; None if short)."""
        m = minhash(text)
        return None if m is None else m.to_bytes()

    def add(self, doc_id: str, text: str, digest: str | None = None) -> None:
        """Remember a document already stored, so later copies are marked duplicates."""
        self._remember(doc_id, digest or content_hash(text), minhash(text))

    def add_signature(self, doc_id: str, digest: str, signature: bytes | None) -> None:
        """Like :meth:`add`, from a stored content hash and :meth:`signature` bytes (no text work)."""
        m = Signature.from_bytes(signature) if signature else None
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
