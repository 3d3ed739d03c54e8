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
import random
from dataclasses import asdict, dataclass

import numpy as np

from retrieval.confidence import CALIBRATED, Threshold, passes

# The feature weights of the shipped e5 rule, used for an encoder without one.
_SHIPPED = CALIBRATED["e5-small"]
CONDITIONS = ("accented", "plain")


@dataclass(frozen=True)
class Signal:
    """What the not-found rule sees of one asked question."""

    top_cosine: float
    coverage: float
    accented: bool
    has_hits: bool
    exact_match: bool = False  # answered whatever the cut (the top article names its document code, person or rare name)
    unknown: bool = False  # never answered (it names a place or document no article names)


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
    target_met: dict[str, bool]  # per condition with in-domain questions

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, raw: str) -> "Calibration":
        data = json.loads(raw)
        return cls(**{**data, "threshold": Threshold(**data["threshold"])})


def _condition(accented: bool) -> str:
    return "accented" if accented else "plain"


def _cut(scores: list[float], n: int, target: float, answered: int = 0) -> tuple[float, bool]:
    """The highest cut (rounded down to 0.001) keeping `target` of `n` questions above
    it, `answered` of them being answered whatever the cut, and whether it does; when
    no cut can, the one keeping every eligible question."""
    need = max(1, math.ceil(target * n - 1e-9) - answered)
    ranked = sorted(scores, reverse=True)
    if not ranked:
        return 1.0, False  # no question is eligible: a cut no cosine reaches
    met = len(ranked) >= need
    return math.floor(ranked[min(need, len(ranked)) - 1] * 1000) / 1000, met


def fit(in_domain: list[Signal], off_topic: list[Signal], model_id: str, chunk_words: int,
        target: float = 0.95, base: Threshold | None = None) -> Calibration:
    """The threshold answering `target` of the in-domain questions in each accent
    condition. A condition without in-domain questions keeps the dense cut of `base`
    (the shipped rule) when there is one, else takes the other condition's."""
    if not 0 < target <= 1:
        raise ValueError(f"target must be in (0, 1], not {target}")
    if not in_domain:
        raise ValueError("calibration needs in-domain questions")
    start = base if base is not None and base.min_score_accented is not None else _SHIPPED
    cuts: dict[str, float] = {}
    met: dict[str, bool] = {}
    for accented in (True, False):
        group = [s for s in in_domain if s.accented == accented]
        if group:
            eligible = [s.top_cosine + start.coverage_weight * s.coverage for s in group
                        if s.has_hits and not s.unknown and not s.exact_match and s.coverage >= start.coverage_floor]
            answered = sum(1 for s in group if s.has_hits and not s.unknown and s.exact_match)
            cuts[_condition(accented)], met[_condition(accented)] = _cut(eligible, len(group), target, answered)
    for cond in CONDITIONS:
        if cond not in cuts:
            shipped = start.min_score_accented if cond == "accented" else start.min_score_plain
            cuts[cond] = shipped if start is base else next(iter(cuts.values()))
    t = Threshold(
        coverage_weight=start.coverage_weight,
        min_score_accented=cuts["accented"],
        min_score_plain=cuts["plain"],
        min_coverage_accented=start.min_coverage_accented,
        min_coverage_plain=start.min_coverage_plain,
        coverage_floor=start.coverage_floor,
    )
    return Calibration(
        threshold=t, model_id=model_id, chunk_words=chunk_words, target=target,
        found_in_domain=found_rates(in_domain, t), found_off_topic=found_rates(off_topic, t),
        n_in_domain=_counts(in_domain), n_off_topic=_counts(off_topic), target_met=met,
    )


def _counts(signals: list[Signal]) -> dict[str, int]:
    return {c: sum(1 for s in signals if _condition(s.accented) == c) for c in CONDITIONS}


def found_rates(signals: list[Signal], t: Threshold) -> dict[str, float]:
    """The share of questions the threshold answers, per accent condition."""
    out: dict[str, float] = {}
    for cond in CONDITIONS:
        group = [s for s in signals if _condition(s.accented) == cond]
        if group:
            found = sum(s.has_hits and not s.unknown
                        and (s.exact_match or passes(s.top_cosine, s.coverage, s.accented, True, t)) for s in group)
            out[cond] = round(found / len(group), 4)
    return out


def holdout(inside: list[list[Signal]], outside: list[list[Signal]], target: float = 0.95,
            base: Threshold | None = None, splits: int = 200, seed: int = 0) -> dict[str, dict[str, float]]:
    """How the cut does on questions it was not fitted on: `splits` times, fit on a
    random half of the questions (each with all the ways it was asked) and measure
    the other half. Mean and 5th / 95th percentiles of the found rates per condition."""
    rng = random.Random(seed)
    runs: dict[str, list[float]] = {}
    for _ in range(splits):
        halves = []
        for groups in (inside, outside):
            order = list(range(len(groups)))
            rng.shuffle(order)
            mid = len(order) // 2
            halves.append(([s for i in order[:mid] for s in groups[i]], [s for i in order[mid:] for s in groups[i]]))
        (fit_in, test_in), (fit_out, test_out) = halves
        t = fit(fit_in, fit_out, "", 0, target=target, base=base).threshold
        for name, signals in (("in_domain", test_in), ("off_topic", test_out)):
            for cond, rate in found_rates(signals, t).items():
                runs.setdefault(f"{name}.{cond}", []).append(rate)
    return {key: {"mean": round(float(np.mean(v)), 4), "p5": round(float(np.percentile(v, 5)), 4),
                  "p95": round(float(np.percentile(v, 95)), 4)} for key, v in sorted(runs.items())}
