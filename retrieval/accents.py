"""Restore the diacritics of a question typed without them (pure).

The dense encoder reads "thu nhap binh quan" poorly; "thu nhập bình quân" well.
Each syllable takes the accented spelling that scores best on: how often it
occurs in the articles the lexical search already ranks first (×10), how
common it is in the corpus (log), and how often it pairs with its neighbours
as a bigram (×2, log). Question words keep their question reading
("nao" → "nào", not "não").
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable

from retrieval.normalize import fold, has_diacritics, words

QUESTION_WORDS = {fold(w): w for w in
                  ("nào", "gì", "đâu", "không", "mấy", "nhiêu", "là", "của", "được", "những", "các", "bị", "ai")}


def restore(question: str, candidates: dict[str, list[tuple[str, int]]], bigram_df: Callable[[str], int],
            local: Counter | None = None, names: tuple[str, ...] = ()) -> str:
    """The question with accents restored, syllable by syllable (lower case). `names`:
    proper spellings of places it names ("Tu Mơ Rông"), written so wherever their
    syllables typed bare stand in it ("tu mo rong" is no "từ mô rông")."""
    toks = words(question)
    fixed = _spelt_names(toks, names)
    local = local or Counter()
    out: list[str] = []
    for i, w in enumerate(toks):
        if i in fixed:
            out.append(fixed[i])
            continue
        options = candidates.get(w)
        if not options:
            out.append(w)
            continue
        best, best_score = w, -math.inf
        for cand, df in options:
            score = 10.0 * local.get(cand, 0) + math.log1p(df)
            if QUESTION_WORDS.get(w) == cand:
                score += 50.0
            if i > 0:  # the left neighbour as already restored
                score += 2.0 * math.log1p(bigram_df(f"{out[-1]}_{cand}"))
            if i + 1 < len(toks):
                nxt = candidates.get(toks[i + 1], ())
                score += 2.0 * math.log1p(sum(bigram_df(f"{cand}_{n}") for n, _ in nxt[:6]))
            if score > best_score:
                best, best_score = cand, score
        out.append(best)
    return " ".join(out)


def _spelt_names(toks: list[str], names: tuple[str, ...]) -> dict[int, str]:
    """Token position -> the syllable of a name spelt properly, where the name's
    syllables stand typed bare."""
    fixed: dict[int, str] = {}
    for name in names:
        spelt = words(name)
        bare = [fold(w) for w in spelt]
        for i in range(len(toks) - len(bare) + 1):
            if toks[i:i + len(bare)] == bare:
                fixed.update({i + j: syllable for j, syllable in enumerate(spelt)})
    return fixed


# A syllable typed bare looks like one whose accents were left off when the corpus
# writes it with accents at least this many times as often as bare ("kheo": khéo), in
# at least MIN_EVIDENCE articles: a store of a few articles is no evidence (on the five
# samples, 58 accented ViNewsQA questions would have been misread: "bao" is never bare
# there). A capitalised word inside the question is a name ("A Dong", "Y Hoan").
BARE_RATIO = 10
MIN_EVIDENCE = 20
# ... and a question with this many of them, beside syllables typed with accents, was
# typed partly without: measured on ViNewsQA (898 articles) none of 958 accented
# questions (its dev set and ours) is so read, and 94% of them with the accents of
# every other accented word left off are.
PARTLY_BARE_MIN = 2


def partly_accented(question: str, candidates: dict[str, list[tuple[str, int]]]) -> bool:
    """True for a question typed with some diacritics but without them on words that
    need them ("dan vân kheo kon rẫy co bao nhieu mo hinh", accents kept on a name
    only): every part of the search reads the question as one typed with accents or
    as one typed without, so such a question is read without (see `reading`)."""
    if not has_diacritics(question):
        return False
    bare = 0
    for i, raw in enumerate(question.split()):
        if i and raw[:1].isupper():
            continue  # a name
        for w in words(raw):
            options = candidates.get(w) if fold(w) == w else None  # typed bare, and a corpus syllable
            if options and options[0][1] >= MIN_EVIDENCE:
                own = next((df for spelling, df in options if spelling == w), 0)
                bare += own * BARE_RATIO < options[0][1]
    return bare >= PARTLY_BARE_MIN


def reading(question: str, candidates: dict[str, list[tuple[str, int]]]) -> str:
    """The question as the search reads it: a partly accented one without its accents."""
    return fold(question) if partly_accented(question, candidates) else question
