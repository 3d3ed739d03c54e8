"""Fuse lexical and dense rankings into one (pure numpy over plain data).

Strategies, chosen by name:
- "weighted": lexical scores divided by the best one, plus the dense cosine
  rescaled over the candidates, the dense side weighted by how much it can be
  trusted for this question (less for a question typed without accents,
  whose embedding is poor, and less when the lexical match is decisive);
- "rrf": reciprocal-rank fusion, for comparison.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

STRATEGIES = ("weighted", "rrf", "lexical", "dense")


@dataclass(frozen=True)
class FusionParams:
    strategy: str = "weighted"
    dense_weight: float = 0.5  # accented question
    dense_weight_unaccented: float = 0.15
    decisive_margin: float = 0.5  # lexical top-1 / top-2 gap that makes dense matter less
    rrf_k: float = 60.0

    def __post_init__(self) -> None:
        if self.strategy not in STRATEGIES:
            raise ValueError(f"unknown fusion strategy {self.strategy!r}; valid: {', '.join(STRATEGIES)}")


def normalise_lexical(scores: np.ndarray) -> np.ndarray:
    top = scores.max() if scores.size else 0.0
    return scores / top if top > 0 else np.zeros_like(scores)


def rescale_dense(cosines: np.ndarray) -> np.ndarray:
    """Cosines to [0, 1] over the candidate set (e5 cosines sit in a narrow band)."""
    if cosines.size == 0:
        return cosines
    lo, hi = float(cosines.min()), float(cosines.max())
    return (cosines - lo) / (hi - lo) if hi > lo else np.ones_like(cosines)


def fuse(lexical: np.ndarray, dense: np.ndarray, accented: bool, params: FusionParams) -> np.ndarray:
    """Fused scores for candidates given aligned raw lexical (BM25) and dense (cosine) scores."""
    lex = normalise_lexical(lexical)
    if params.strategy == "lexical":
        return lex
    if params.strategy == "dense":
        return dense.astype(np.float64)
    if params.strategy == "rrf":
        lex_rank = np.argsort(np.argsort(-lexical))
        den_rank = np.argsort(np.argsort(-dense))
        lex_part = np.where(lexical > 0, 1.0 / (params.rrf_k + lex_rank + 1), 0.0)
        return lex_part + 1.0 / (params.rrf_k + den_rank + 1)
    weight = params.dense_weight if accented else params.dense_weight_unaccented
    if lex.size >= 2:
        second = np.partition(lex, -2)[-2]
        if 1.0 - second >= params.decisive_margin:
            weight *= 0.5
    return lex + weight * rescale_dense(dense)
