"""A deterministic hashing encoder: fast, dependency-free, for tests and CI.

Vectors are hashed folded syllables and syllable bigrams, so texts that share
words are near; it implements the same `Encoder` interface as the real ones.
"""

from __future__ import annotations

import hashlib

import numpy as np

from embeddings.base import l2_normalize
from retrieval.normalize import fold, words


class HashingEncoder:
    def __init__(self, dim: int = 256) -> None:
        self.dim = dim
        self.model_id = f"hashing:{dim}"

    def _one(self, text: str) -> np.ndarray:
        vec = np.zeros(self.dim, dtype=np.float32)
        toks = [fold(w) for w in words(text)]
        for tok in toks + [a + "_" + b for a, b in zip(toks, toks[1:])]:
            h = int.from_bytes(hashlib.blake2b(tok.encode(), digest_size=8).digest(), "little")
            vec[h % self.dim] += 1.0 if (h >> 32) & 1 else -1.0
        return vec

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return l2_normalize(np.stack([self._one(t) for t in texts])) if texts else np.zeros((0, self.dim), np.float32)

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        return self.encode_queries(texts)
