"""Hybrid search: lexical (FTS5 BM25) and dense (FAISS) fused into one ranking.

Boosts for document codes and quoted phrases, soft filters for a year or a
place named in the question, at most a few chunks per article.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

import numpy as np

from corpus.docrefs import CODE_TOKEN_RE, canonical_code_token, code_matches
from corpus.store import Store
from embeddings.base import Encoder
from retrieval.fusion import FusionParams, fuse
from retrieval.lexical import build_query
from retrieval.lexical_index import LexicalIndex, LexicalParams
from retrieval.normalize import fold
from retrieval.query import QueryIntent, analyse
from retrieval.types import Hit
from retrieval.vector_index import VectorIndex

MODES = ("hybrid", "lexical", "dense")


@dataclass(frozen=True)
class SearchConfig:
    candidates: int = 100
    per_article: int = 2
    fusion: FusionParams = field(default_factory=FusionParams)
    lexical: LexicalParams = field(default_factory=LexicalParams)
    code_boost: float = 0.6
    quote_boost: float = 0.3
    year_boost: float = 0.15
    place_boost: float = 0.15


@dataclass(frozen=True)
class Ranking:
    hits: list[Hit]
    intent: QueryIntent
    accented: bool
    terms: tuple[str, ...]
    coverage: float  # share of query terms found in the best passage (folded)


def _chunk_codes(text: str) -> list[tuple[int, str, str]]:
    out = []
    for m in CODE_TOKEN_RE.finditer(text):
        tok = canonical_code_token(m.group(0))
        num, rest = tok.split("-", 1)
        abbr, suffix = rest.split("/", 1)
        out.append((int(num), abbr, suffix))
    return out


class Searcher:
    def __init__(self, store: Store, encoder: Encoder, index: VectorIndex, lexical: LexicalIndex,
                 config: SearchConfig | None = None) -> None:
        self.store = store
        self.encoder = encoder
        self.index = index
        self.lexical = lexical
        self.config = config or SearchConfig()
        self.known_places: tuple[str, ...] = ()

    async def refresh_places(self) -> None:
        places: dict[str, int] = {}
        for info in await self.store.latest(limit=100000):
            for p in info.places:
                places[p] = places.get(p, 0) + 1
        self.known_places = tuple(places)

    def _dense(self, question: str) -> np.ndarray:
        return self.encoder.encode_queries([question])[0]

    async def search(self, question: str, k: int = 10, mode: str = "hybrid") -> Ranking:
        if mode not in MODES:
            raise ValueError(f"unknown search mode {mode!r}; valid: {', '.join(MODES)}")
        cfg = self.config
        lq = build_query(question)
        intent = analyse(question, self.known_places)
        lexical: dict[int, float] = {}
        if mode in ("hybrid", "lexical"):
            lexical = dict(self.lexical.search(lq, cfg.candidates))
        dense: dict[int, float] = {}
        qvec = None
        if mode in ("hybrid", "dense") and self.index.size:
            qvec = await asyncio.to_thread(self._dense, question)
            dense = dict(self.index.search(qvec, cfg.candidates))
        ids = list(dict.fromkeys(list(lexical) + list(dense)))
        if not ids:
            return Ranking([], intent, lq.accented, lq.terms, 0.0)
        if qvec is not None:  # exact cosines for lexical-only candidates too
            missing = [i for i in ids if i not in dense]
            for cid, cos in zip(missing, self.index.cosines(qvec, missing)):
                dense[cid] = cos
        lex_arr = np.array([lexical.get(i, 0.0) for i in ids], dtype=np.float64)
        den_arr = np.array([dense.get(i, 0.0) for i in ids], dtype=np.float64)
        params = cfg.fusion if mode == "hybrid" else FusionParams(strategy=mode)
        fused = fuse(lex_arr, den_arr, lq.accented, params)
        passages = await self.store.passages(ids)
        lex_norm = lex_arr / lex_arr.max() if lex_arr.max() > 0 else lex_arr
        hits: list[Hit] = []
        for j, cid in enumerate(ids):
            p = passages.get(cid)
            if p is None:
                continue
            score = float(fused[j]) + self._boost(p.text, p.article, intent)
            hits.append(Hit(passage=p, score=score, lexical=float(lex_norm[j]), dense=float(den_arr[j])))
        hits.sort(key=lambda h: -h.score)
        kept: list[Hit] = []
        per: dict[int, int] = {}
        for h in hits:
            if per.get(h.article_id, 0) < cfg.per_article:
                per[h.article_id] = per.get(h.article_id, 0) + 1
                kept.append(h)
            if len(kept) >= k:
                break
        coverage = self.lexical.coverage(lq.terms, kept[0].passage.chunk_id) if kept else 0.0
        return Ranking(kept, intent, lq.accented, lq.terms, coverage)

    def _boost(self, text: str, article, intent: QueryIntent) -> float:
        cfg = self.config
        boost = 0.0
        if intent.codes:
            chunk_codes = _chunk_codes(text)
            if any(code_matches(f"{n}-{a}/{s}", "", str(n), q) for q in intent.codes for n, a, s in chunk_codes):
                boost += cfg.code_boost
        if intent.quoted:
            ftext = fold(text).lower()
            if any(q in ftext for q in intent.quoted):
                boost += cfg.quote_boost
        if intent.years:
            year_hit = (article.published and article.published.year in intent.years) or any(
                str(y) in text for y in intent.years
            )
            if year_hit:
                boost += cfg.year_boost
        if intent.places and any(p in article.places for p in intent.places):
            boost += cfg.place_boost
        return boost
