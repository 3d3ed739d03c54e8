"""Content fingerprints for deduplication (pure).

- `content_hash`: the same text, whatever its spacing, case or accents typing.
- `minhash`: a signature of word 5-shingles; two articles whose signatures
  agree on most slots are near-duplicates (a syndicated copy with another
  header or footer).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import numpy as np

NUM_PERM = 64
SHINGLE = 5
NEAR_DUP_THRESHOLD = 0.8

_MASK = (1 << 61) - 1
_rng = np.random.default_rng(20240601)
_A = _rng.integers(1, _MASK, NUM_PERM, dtype=np.uint64)
_B = _rng.integers(0, _MASK, NUM_PERM, dtype=np.uint64)


def _norm_words(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFC", text).lower())


def content_hash(text: str) -> str:
    return hashlib.sha256(" ".join(_norm_words(text)).encode()).hexdigest()


def minhash(text: str) -> np.ndarray:
    """MinHash signature (uint64[NUM_PERM]) of the word shingles of text."""
    words = _norm_words(text)
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    hashes = np.array(
        [int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "little") & _MASK for s in shingles],
        dtype=np.uint64,
    )
    # (a*x + b) mod p, computed without overflow in uint64 by splitting x.
    x = hashes[:, None] % np.uint64(1 << 31)
    perm = (x * _A[None, :] + _B[None, :]) % np.uint64(_MASK)
    return perm.min(axis=0)


def similarity(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(sig_a == sig_b))


def best_match(sig: np.ndarray, others: np.ndarray) -> tuple[int, float]:
    """Index and similarity of the closest row of `others` (n, NUM_PERM)."""
    if len(others) == 0:
        return -1, 0.0
    sims = (others == sig[None, :]).mean(axis=1)
    i = int(np.argmax(sims))
    return i, float(sims[i])
