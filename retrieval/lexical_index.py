"""The in-memory BM25 index, mirrored from the store and cached on disk.

The store's `chunk_fts` rows (written in the same transaction as each chunk)
are the persisted lexical index; this class holds them as four BM25 fields
(accented / folded × unigrams / bigrams) for millisecond queries. Like the
vector index, its cache file is checked against the store's chunk ids on load
and rebuilt when stale. Added chunks mark it dirty; it is rebuilt before the
next search.
"""

from __future__ import annotations

import logging
import os
import pickle
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from retrieval.bm25 import BM25Field
from retrieval.lexical import LexicalQuery

log = logging.getLogger(__name__)

CACHE_FILE = "lexical.pkl"
CACHE_VERSION = 1


@dataclass(frozen=True)
class LexicalParams:
    k1: float = 1.2
    b: float = 0.75
    bigram_weight: float = 0.5
    accent_weight: float = 1.0  # accented fields, for an accented question
    fold_weight: float = 1.0


def _split(field: str) -> tuple[list[str], list[str]]:
    toks = field.split()
    return [t for t in toks if "_" not in t], [t for t in toks if "_" in t]


class LexicalIndex:
    def __init__(self, params: LexicalParams | None = None) -> None:
        self.params = params or LexicalParams()
        self._docs: dict[int, tuple[str, str]] = {}  # chunk id -> (acc, fold) token strings
        self._ids = np.zeros(0, dtype=np.int64)
        self._fields: list[BM25Field] = []
        self.dirty = True

    # -- content ---------------------------------------------------------
    def add(self, chunk_ids: list[int], fields: list[tuple[str, str]]) -> None:
        for cid, f in zip(chunk_ids, fields):
            self._docs[int(cid)] = f
        self.dirty = True

    def remove(self, chunk_ids: list[int]) -> None:
        for cid in chunk_ids:
            self._docs.pop(int(cid), None)
        self.dirty = True

    def ids(self) -> np.ndarray:
        return np.array(sorted(self._docs), dtype=np.int64)

    @property
    def size(self) -> int:
        return len(self._docs)

    def _build(self) -> None:
        p = self.params
        self._ids = np.array(sorted(self._docs), dtype=np.int64)
        split = [(_split(self._docs[i][0]), _split(self._docs[i][1])) for i in self._ids]
        self._fields = [
            BM25Field([a[0] for a, _ in split], p.k1, p.b),
            BM25Field([a[1] for a, _ in split], p.k1, p.b),
            BM25Field([f[0] for _, f in split], p.k1, p.b),
            BM25Field([f[1] for _, f in split], p.k1, p.b),
        ]
        self.dirty = False

    # -- persistence -----------------------------------------------------
    @classmethod
    def load(cls, directory: Path, expected_ids: np.ndarray, params: LexicalParams | None = None) -> "LexicalIndex | None":
        try:
            with open(directory / CACHE_FILE, "rb") as fh:
                data = pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            return None
        idx = cls(params)
        if data.get("version") != CACHE_VERSION or data.get("params") != idx.params:
            return None
        idx._docs = data["docs"]
        if not np.array_equal(idx.ids(), np.sort(expected_ids)):
            log.warning("lexical index cache is stale; it will be rebuilt")
            return None
        idx._ids, idx._fields, idx.dirty = data["ids"], data["fields"], False
        return idx

    def save(self, directory: Path) -> None:
        if self.dirty:
            self._build()
        directory.mkdir(parents=True, exist_ok=True)
        tmp = directory / (CACHE_FILE + ".tmp")
        with open(tmp, "wb") as fh:
            pickle.dump({"version": CACHE_VERSION, "params": self.params, "docs": self._docs,
                         "ids": self._ids, "fields": self._fields}, fh, protocol=pickle.HIGHEST_PROTOCOL)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, directory / CACHE_FILE)

    # -- queries ---------------------------------------------------------
    def scores(self, q: LexicalQuery) -> np.ndarray:
        """BM25 score of every chunk (row order of `row_ids`)."""
        if self.dirty:
            self._build()
        p = self.params
        out = np.zeros(len(self._ids), dtype=np.float32)
        if not len(self._ids):
            return out
        if q.accented:
            self._fields[0].add_scores(list(q.acc_uni), p.accent_weight, out)
            self._fields[1].add_scores(list(q.acc_bi), p.accent_weight * p.bigram_weight, out)
        self._fields[2].add_scores(list(q.fold_uni), p.fold_weight, out)
        self._fields[3].add_scores(list(q.fold_bi), p.fold_weight * p.bigram_weight, out)
        return out

    def search(self, q: LexicalQuery, k: int) -> list[tuple[int, float]]:
        scores = self.scores(q)
        if not len(scores):
            return []
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [(int(self._ids[i]), float(scores[i])) for i in top if scores[i] > 0]

    def coverage(self, terms: tuple[str, ...], chunk_id: int) -> float:
        """Share of the query's idf mass (folded unigrams) found in a chunk.
        A term the corpus never uses counts with the highest idf: it is
        evidence that the question is about something else."""
        if self.dirty:
            self._build()
        if not terms or not len(self._ids):
            return 0.0
        row = int(np.searchsorted(self._ids, chunk_id))
        if row >= len(self._ids) or self._ids[row] != chunk_id:
            return 0.0
        field = self._fields[2]
        top = field.max_idf()
        total = hit = 0.0
        for t in set(terms):
            idf = field.idf_of(t)
            w = top if idf is None else idf
            total += w
            if idf is not None and row in field.postings(t)[0]:
                hit += w
        return hit / total if total else 0.0
