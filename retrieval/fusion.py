"""Fuse article-level lexical, chunk-level lexical and dense scores (pure numpy).

Measured on ViNewsQA dev (see docs/evaluation.md): plain reciprocal-rank fusion loses to
BM25 alone, so the default is a weighted sum of scores min-max scaled over each
list's top N (values below clipped to 0):

    article = mm(BM25 article) + w_chunk · mm(best BM25 chunk) + w_dense · mm(best dense chunk)

Strategies are chosen by name; an unknown name raises ValueError listing the
valid ones.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

STRATEGIES = ("weighted", "rrf")


@dataclass(frozen=True)
class FusionParams:
    strategy: str = "weighted"
    chunk_weight: float = 0.5
    dense_weight: float = 0.5
    top: int = 50  # the range of the min-max scaling
    rrf_k: float = 60.0

    def __post_init__(self) -> None:
        if self.strategy not in STRATEGIES:
            raise ValueError(f"unknown fusion strategy {self.strategy!r}; valid: {', '.join(STRATEGIES)}")


def minmax_top(x: np.ndarray, top: int) -> np.ndarray:
    """Scale to [0, 1] using the top-`top` values as the range; lower values clip to 0."""
    if x.size == 0:
        return x.astype(np.float32)
    k = min(top, x.size)
    idx = np.argpartition(-x, k - 1)[:k]
    hi, lo = float(x[idx].max()), float(x[idx].min())
    if hi <= 0:
        return np.zeros_like(x, dtype=np.float32)
    if hi == lo:
        return (x >= hi).astype(np.float32)
    return np.clip((x - lo) / (hi - lo), 0, None).astype(np.float32)


def _rrf(x: np.ndarray, k: float) -> np.ndarray:
    ranks = np.empty(x.size, dtype=np.float64)
    ranks[np.argsort(-x, kind="stable")] = np.arange(1, x.size + 1)
    return np.where(x > 0, 1.0 / (k + ranks), 0.0)


def fuse(article_lex: np.ndarray, best_chunk_lex: np.ndarray, best_chunk_dense: np.ndarray,
         p: FusionParams, use_lexical: bool = True, use_dense: bool = True) -> np.ndarray:
    """One score per article from three aligned arrays (dense: cosine, 0 when absent)."""
    out = np.zeros(article_lex.shape, dtype=np.float64)
    if p.strategy == "rrf":
        if use_lexical:
            out += _rrf(article_lex, p.rrf_k) + _rrf(best_chunk_lex, p.rrf_k)
        if use_dense:
            out += _rrf(best_chunk_dense, p.rrf_k)
        return out
    if use_lexical:
        out += minmax_top(article_lex, p.top) + p.chunk_weight * minmax_top(best_chunk_lex, p.top)
    if use_dense:
        out += (p.dense_weight if use_lexical else 1.0) * minmax_top(best_chunk_dense, p.top)
    return out
