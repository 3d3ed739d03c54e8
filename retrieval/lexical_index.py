"""The in-memory BM25 indexes, mirrored from the store and cached on disk.

Two levels, each with four BM25 fields (accented / folded × syllables /
syllable bigrams): whole articles ("title. text", which ranks articles best)
and chunks (which finds the passage to quote). The store's `article_terms` and
`chunk_fts` rows, written in the same transaction as each article, are the
persisted lexical index; this class holds them for millisecond queries. Its
cache file is checked against the store's ids on load and rebuilt when stale.
Added rows mark it dirty; it is rebuilt before the next search.
"""

from __future__ import annotations

import logging
import os
import pickle
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from retrieval.bm25 import BM25Field
from retrieval.lexical import LexicalQuery
from retrieval.normalize import fold

log = logging.getLogger(__name__)

CACHE_FILE = "lexical.pkl"
CACHE_VERSION = 2


@dataclass(frozen=True)
class LexicalParams:
    k1: float = 1.2
    b: float = 0.9
    bigram_weight: float = 0.5
    accent_weight: float = 1.0  # accented fields, for an accented question
    fold_weight: float = 1.0


def _split(field: str) -> tuple[list[str], list[str]]:
    toks = field.split()
    return [t for t in toks if "_" not in t], [t for t in toks if "_" in t]


class FieldSet:
    """Four BM25 fields over one kind of document (articles or chunks)."""

    def __init__(self) -> None:
        self.docs: dict[int, tuple[str, str]] = {}  # id -> (acc, fold) token strings
        self.ids = np.zeros(0, dtype=np.int64)
        self.fields: list[BM25Field] = []
        self.dirty = True

    def build(self, p: LexicalParams) -> None:
        self.ids = np.array(sorted(self.docs), dtype=np.int64)
        split = [(_split(self.docs[i][0]), _split(self.docs[i][1])) for i in self.ids]
        self.fields = [
            BM25Field([a[0] for a, _ in split], p.k1, p.b),
            BM25Field([a[1] for a, _ in split], p.k1, p.b),
            BM25Field([f[0] for _, f in split], p.k1, p.b),
            BM25Field([f[1] for _, f in split], p.k1, p.b),
        ]
        self.dirty = False

    def scores(self, q: LexicalQuery, p: LexicalParams) -> np.ndarray:
        out = np.zeros(len(self.ids), dtype=np.float32)
        if not len(self.ids):
            return out
        if q.accented:
            self.fields[0].add_scores(list(q.acc_uni), p.accent_weight, out)
            self.fields[1].add_scores(list(q.acc_bi), p.accent_weight * p.bigram_weight, out)
        self.fields[2].add_scores(list(q.fold_uni), p.fold_weight, out)
        self.fields[3].add_scores(list(q.fold_bi), p.fold_weight * p.bigram_weight, out)
        return out

    def row(self, doc_id: int) -> int | None:
        r = int(np.searchsorted(self.ids, doc_id))
        return r if r < len(self.ids) and self.ids[r] == doc_id else None


class LexicalIndex:
    def __init__(self, params: LexicalParams | None = None) -> None:
        self.params = params or LexicalParams()
        self.articles = FieldSet()
        self.chunks = FieldSet()
        self.chunk_article: dict[int, int] = {}
        self._accents: dict[str, list[tuple[str, int]]] | None = None
        self._chunk_article_rows = np.zeros(0, dtype=np.int64)

    # -- content ---------------------------------------------------------
    def add_article(self, article_id: int, terms: tuple[str, str], chunk_ids: list[int],
                    chunk_terms: list[tuple[str, str]]) -> None:
        self.articles.docs[int(article_id)] = terms
        self.articles.dirty = True
        self.add_chunks(chunk_ids, [article_id] * len(chunk_ids), chunk_terms)

    def add_chunks(self, chunk_ids: list[int], article_ids: list[int], terms: list[tuple[str, str]]) -> None:
        for cid, aid, f in zip(chunk_ids, article_ids, terms):
            self.chunks.docs[int(cid)] = f
            self.chunk_article[int(cid)] = int(aid)
        self.chunks.dirty = True

    def remove_article(self, article_id: int, chunk_ids: list[int]) -> None:
        self.articles.docs.pop(int(article_id), None)
        self.articles.dirty = True
        for cid in chunk_ids:
            self.chunks.docs.pop(int(cid), None)
            self.chunk_article.pop(int(cid), None)
        self.chunks.dirty = True

    @property
    def dirty(self) -> bool:
        return self.articles.dirty or self.chunks.dirty

    def ensure_built(self) -> None:
        rebuilt = self.dirty or len(self._chunk_article_rows) != len(self.chunks.ids)
        if self.articles.dirty:
            self.articles.build(self.params)
            self._accents = None
        if self.chunks.dirty:
            self.chunks.build(self.params)
        if rebuilt:
            self._chunk_article_rows = np.array(
                [self.articles.row(self.chunk_article[int(c)]) for c in self.chunks.ids], dtype=np.int64)

    # -- persistence -----------------------------------------------------
    @classmethod
    def load(cls, directory: Path, article_ids: np.ndarray, chunk_ids: np.ndarray,
             params: LexicalParams | None = None) -> "LexicalIndex | None":
        try:
            with open(directory / CACHE_FILE, "rb") as fh:
                data = pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, ImportError):
            return None
        idx = cls(params)
        if data.get("version") != CACHE_VERSION or data.get("params") != idx.params:
            return None
        idx.articles, idx.chunks, idx.chunk_article = data["articles"], data["chunks"], data["chunk_article"]
        if not (np.array_equal(idx.articles.ids, np.sort(article_ids))
                and np.array_equal(idx.chunks.ids, np.sort(chunk_ids))):
            log.warning("lexical index cache is stale; it will be rebuilt")
            return None
        idx.ensure_built()
        return idx

    def save(self, directory: Path) -> None:
        self.ensure_built()
        directory.mkdir(parents=True, exist_ok=True)
        tmp = directory / (CACHE_FILE + ".tmp")
        with open(tmp, "wb") as fh:
            pickle.dump({"version": CACHE_VERSION, "params": self.params, "articles": self.articles,
                         "chunks": self.chunks, "chunk_article": self.chunk_article},
                        fh, protocol=pickle.HIGHEST_PROTOCOL)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, directory / CACHE_FILE)

    # -- queries ---------------------------------------------------------
    def article_scores(self, q: LexicalQuery) -> np.ndarray:
        """BM25 of every article, in the row order of `articles.ids`."""
        self.ensure_built()
        return self.articles.scores(q, self.params)

    def chunk_scores(self, q: LexicalQuery) -> np.ndarray:
        """BM25 of every chunk, in the row order of `chunks.ids`."""
        self.ensure_built()
        return self.chunks.scores(q, self.params)

    def chunk_article_rows(self) -> np.ndarray:
        """For every chunk row, the row of its article."""
        self.ensure_built()
        return self._chunk_article_rows

    def article_tokens(self, article_id: int) -> list[str]:
        """Accented syllables of an article (no bigrams)."""
        terms = self.articles.docs.get(int(article_id))
        return [t for t in terms[0].split() if "_" not in t] if terms else []

    def idf(self, term: str) -> float:
        """Chunk-level idf of a folded syllable or bigram (0 when unknown)."""
        self.ensure_built()
        if not self.chunks.fields:
            return 0.0
        field = self.chunks.fields[3] if "_" in term else self.chunks.fields[2]
        return field.idf_of(term) or 0.0

    def bigram_coverage(self, terms: tuple[str, ...], article_id: int) -> float:
        """Share of the query's idf mass (folded bigrams) found in an article.
        A bigram the corpus never uses counts with the highest idf: it is
        evidence that the question is about something else."""
        self.ensure_built()
        row = self.articles.row(article_id)
        if not terms or row is None or not self.articles.fields:
            return 0.0
        field = self.articles.fields[3]
        top = field.max_idf()
        total = hit = 0.0
        for t in set(terms):
            idf = field.idf_of(t)
            w = top if idf is None else idf
            total += w
            if idf is not None and row in field.postings(t)[0]:
                hit += w
        return hit / total if total else 0.0

    def accent_candidates(self) -> dict[str, list[tuple[str, int]]]:
        """Folded syllable -> its accented spellings in the corpus, with document frequency."""
        self.ensure_built()
        if self._accents is None:
            acc = defaultdict(list)
            if self.articles.fields:
                field = self.articles.fields[0]
                df = np.diff(field.ptr)
                for term, j in field.vocab.items():
                    acc[fold(term)].append((term, int(df[j])))
            self._accents = {k: sorted(v, key=lambda x: -x[1]) for k, v in acc.items()}
        return self._accents

    def bigram_df(self, accented_bigram: str) -> int:
        self.ensure_built()
        if not self.articles.fields:
            return 0
        field = self.articles.fields[1]
        j = field.vocab.get(accented_bigram)
        return int(field.ptr[j + 1] - field.ptr[j]) if j is not None else 0

    def chunks_with_codes(self, codes: tuple[tuple[int, str | None, str | None], ...]) -> np.ndarray:
        """Rows of the chunks that name one of the (loosely typed) document codes."""
        self.ensure_built()
        if not codes or not self.chunks.fields:
            return np.zeros(0, dtype=np.int64)
        field = self.chunks.fields[2]
        rows = []
        for term in field.vocab:
            if "-" not in term or "/" not in term:
                continue
            num, _, rest = term.partition("-")
            abbr, _, suffix = rest.partition("/")
            if not num.isdigit():
                continue
            for n, a, s in codes:
                if int(num) == n and (a is None or a == abbr) and (s is None or s == suffix):
                    rows.append(field.postings(term)[0])
                    break
        return np.unique(np.concatenate(rows)) if rows else np.zeros(0, dtype=np.int64)
