"""Fit the "not found" threshold to a corpus and its questions (pure).

Given the signals of questions that should be answered (in-domain) and of
questions the corpus cannot answer (off-topic), each asked as typed and
without diacritics, choose for each accent condition the highest `min_score`
that still answers `target` of the in-domain questions, and report the share
of off-topic questions it lets through. The feature weights stay those of the
shipped rule (`confidence.Threshold`); only the cut is fitted, so a handful of
questions is enough. `python main.py calibrate` runs it and can store the
result with the corpus, where the engine finds it.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass

from retrieval.confidence import Threshold, passes

COVERAGE_WEIGHT = 0.05
COVERAGE_FLOOR = 0.01


@dataclass(frozen=True)
class Signal:
    """What the not-found rule sees of one asked question."""

    top_cosine: float
    coverage: float
    accented: bool
    has_hits: bool


@dataclass(frozen=True)
class Calibration:
    threshold: Threshold
    model_id: str
    chunk_words: int
    target: float
    found_in_domain: dict[str, float]  # "accented" / "plain" -> found rate under the threshold
    found_off_topic: dict[str, float]
    n_in_domain: dict[str, int]
    n_off_topic: dict[str, int]

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, raw: str) -> "Calibration":
        data = json.loads(raw)
        return cls(**{**data, "threshold": Threshold(**data["threshold"])})


def _condition(accented: bool) -> str:
    return "accented" if accented else "plain"


def _cut(scores: list[float], n: int, target: float) -> float:
    """The highest cut (rounded down to 0.001) keeping `target` of `n` questions above it."""
    need = max(1, math.ceil(target * n - 1e-9))
    if len(scores) < need:  # even a cut at zero would miss the target: keep every eligible question
        return 0.0
    return math.floor(sorted(scores, reverse=True)[need - 1] * 1000) / 1000


def fit(in_domain: list[Signal], off_topic: list[Signal], model_id: str, chunk_words: int,
        target: float = 0.95, base: Threshold | None = None) -> Calibration:
    """The threshold answering `target` of the in-domain questions in each accent condition."""
    if not 0 < target <= 1:
        raise ValueError(f"target must be in (0, 1], not {target}")
    dense_base = base is not None and base.min_score_accented is not None  # a shipped dense rule to start from
    weight = base.coverage_weight if dense_base else COVERAGE_WEIGHT
    floor = base.coverage_floor if dense_base else COVERAGE_FLOOR
    cuts: dict[str, float] = {}
    for accented in (True, False):
        group = [s for s in in_domain if s.accented == accented]
        eligible = [s.top_cosine + weight * s.coverage for s in group if s.has_hits and s.coverage >= floor]
        cuts[_condition(accented)] = _cut(eligible, len(group), target) if group else math.inf
    t = Threshold(
        coverage_weight=weight,
        min_score_accented=cuts["accented"] if math.isfinite(cuts["accented"]) else None,
        min_score_plain=cuts["plain"] if math.isfinite(cuts["plain"]) else None,
        min_coverage_accented=base.min_coverage_accented if base else 0.25,
        min_coverage_plain=base.min_coverage_plain if base else 0.25,
        coverage_floor=floor,
    )
    if t.min_score_accented is None and t.min_score_plain is not None:
        t = Threshold(**{**asdict(t), "min_score_accented": t.min_score_plain})
    elif t.min_score_plain is None and t.min_score_accented is not None:
        t = Threshold(**{**asdict(t), "min_score_plain": t.min_score_accented})
    return Calibration(
        threshold=t, model_id=model_id, chunk_words=chunk_words, target=target,
        found_in_domain=found_rates(in_domain, t), found_off_topic=found_rates(off_topic, t),
        n_in_domain=_counts(in_domain), n_off_topic=_counts(off_topic),
    )


def _counts(signals: list[Signal]) -> dict[str, int]:
    return {c: sum(1 for s in signals if _condition(s.accented) == c) for c in ("accented", "plain")}


def found_rates(signals: list[Signal], t: Threshold) -> dict[str, float]:
    """The share of questions the threshold answers, per accent condition."""
    out: dict[str, float] = {}
    for cond in ("accented", "plain"):
        group = [s for s in signals if _condition(s.accented) == cond]
        if group:
            found = sum(s.has_hits and passes(s.top_cosine, s.coverage, s.accented, True, t) for s in group)
            out[cond] = round(found / len(group), 4)
    return out
