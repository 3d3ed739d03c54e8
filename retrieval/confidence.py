"""The calibrated "not found" decision (pure).

A question is answered only when the best passage covers enough of the
question's content words, or the dense match is strong and some words match.
Both features are scale-free (a share and a cosine), so they carry across
corpora of different sizes; the thresholds are tuned with `main.py eval` on
in-domain questions and on out-of-domain ones (prices, football, weather…).
"""

from __future__ import annotations

from dataclasses import dataclass

from retrieval.types import Hit


@dataclass(frozen=True)
class Threshold:
    min_coverage: float = 0.5
    dense_coverage: float = 0.3  # coverage needed when the dense match is strong
    strong_dense: float = 0.86


def is_found(hits: list[Hit], coverage: float, accented: bool, t: Threshold) -> bool:
    if not hits:
        return False
    top = hits[0]
    if coverage >= t.min_coverage:
        return True
    return accented and top.dense >= t.strong_dense and coverage >= t.dense_coverage
