"""Compose an extractive answer: the sentences that answer, each with its [n] (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.chunking import split_sentences
from retrieval.normalize import fold, words
from retrieval.types import Answer, Citation, Hit, Sentence

_NUMBER_Q = re.compile(r"\b(bao nhieu|may|so luong|ty le|bao lau|khi nao|nam nao|ngay nao|luc nao)\b")


@dataclass(frozen=True)
class AnswerParams:
    max_passages: int = 3  # passages sentences are drawn from
    max_sentences: int = 3
    max_chars: int = 600
    relative_floor: float = 0.6  # a sentence must score this share of the best one


def _terms(text: str) -> list[str]:
    toks = [fold(w) for w in words(text)]
    return toks + [a + "_" + b for a, b in zip(toks, toks[1:])]


def score_sentence(query_terms: set[str], sentence: str, wants_number: bool, rank_bonus: float) -> float:
    terms = _terms(sentence)
    if not terms:
        return 0.0
    present = set(terms)
    overlap = sum(2.0 if "_" in t else 1.0 for t in query_terms if t in present)
    score = overlap / (len(terms) ** 0.15)
    if wants_number and re.search(r"\d", sentence):
        score *= 1.25
    return score * (1.0 + rank_bonus)


def compose(question: str, hits: list[Hit], found: bool, params: AnswerParams | None = None) -> Answer:
    """The answer to `question` from ranked hits (already judged `found`)."""
    p = params or AnswerParams()
    if not found or not hits:
        return Answer(query=question, found=False, hits=tuple(hits))
    qterms = {t for t in _terms(question)}
    wants_number = bool(_NUMBER_Q.search(fold(question).lower()))
    candidates: list[tuple[float, int, int, str, Hit]] = []  # score, hit rank, position, text, hit
    for rank, hit in enumerate(hits[: p.max_passages]):
        bonus = 0.3 * (1.0 - rank / p.max_passages)
        for pos, sent in enumerate(split_sentences(hit.passage.text)):
            if len(sent) < 15:
                continue
            candidates.append((score_sentence(qterms, sent, wants_number, bonus), rank, pos, sent, hit))
    if not candidates:
        return Answer(query=question, found=False, hits=tuple(hits))
    candidates.sort(key=lambda c: -c[0])
    best = candidates[0][0]
    chosen: list[tuple[float, int, int, str, Hit]] = []
    total = 0
    seen: set[str] = set()
    for cand in candidates:
        if len(chosen) >= p.max_sentences or (chosen and cand[0] < p.relative_floor * best):
            break
        key = " ".join(cand[3].lower().split())
        if key in seen:
            continue
        if chosen and total + len(cand[3]) > p.max_chars:
            continue
        chosen.append(cand)
        seen.add(key)
        total += len(cand[3])
    # Order: by passage rank, then position in the passage.
    chosen.sort(key=lambda c: (c[1], c[4].passage.ord, c[2]))
    numbers: dict[int, int] = {}
    quotes: dict[int, list[str]] = {}
    first_hit: dict[int, Hit] = {}
    sentences: list[Sentence] = []
    for _, _, _, text, hit in chosen:
        aid = hit.article_id
        if aid not in numbers:
            numbers[aid] = len(numbers) + 1
            first_hit[aid] = hit
        quotes.setdefault(aid, []).append(text)
        sentences.append(Sentence(text=text, n=numbers[aid]))
    citations = tuple(
        Citation(
            n=n, title=first_hit[aid].passage.article.title, url=first_hit[aid].passage.article.url,
            site=first_hit[aid].passage.article.site, published=first_hit[aid].passage.article.published,
            quote=" ".join(quotes[aid]), score=first_hit[aid].score, article_id=aid,
            chunk_id=first_hit[aid].passage.chunk_id, passage=first_hit[aid].passage.text,
        )
        for aid, n in numbers.items()
    )
    return Answer(query=question, found=True, sentences=tuple(sentences), citations=citations, hits=tuple(hits))
