"""BM25 over token lists: a pure numpy core with no I/O.

Term weights are precomputed per (document, term):
    W[d, t] = idf(t) · tf·(k1+1) / (tf + k1·(1 − b + b·dl/avgdl))
and kept column-major (term → postings), so a query costs one slice and one
scatter-add per query term.
"""

from __future__ import annotations

from collections import Counter

import numpy as np


class BM25Field:
    def __init__(self, docs: list[list[str]], k1: float = 1.2, b: float = 0.75) -> None:
        if k1 < 0 or not 0 <= b <= 1:
            raise ValueError(f"BM25 needs k1 >= 0 and 0 <= b <= 1, not k1={k1}, b={b}")
        self.k1, self.b = k1, b
        self.n_docs = len(docs)
        self.vocab: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        tfs: list[int] = []
        lengths = np.zeros(len(docs), dtype=np.float32)
        for d, toks in enumerate(docs):
            lengths[d] = len(toks)
            for term, count in Counter(toks).items():
                rows.append(d)
                cols.append(self.vocab.setdefault(term, len(self.vocab)))
                tfs.append(count)
        r = np.asarray(rows, dtype=np.int32)
        c = np.asarray(cols, dtype=np.int64)
        tf = np.asarray(tfs, dtype=np.float32)
        df = np.bincount(c, minlength=len(self.vocab)).astype(np.float32)
        self.idf = np.log1p((self.n_docs - df + 0.5) / (df + 0.5)).astype(np.float32)
        avg = float(lengths.mean()) if len(lengths) and lengths.mean() > 0 else 1.0
        w = self.idf[c] * tf * (k1 + 1) / (tf + k1 * (1 - b + b * lengths[r] / avg)) if len(c) else tf
        order = np.argsort(c, kind="stable")
        self.post_doc = r[order]
        self.post_w = np.asarray(w, dtype=np.float32)[order]
        self.ptr = np.zeros(len(self.vocab) + 1, dtype=np.int64)
        np.cumsum(df.astype(np.int64), out=self.ptr[1:])

    def postings(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        j = self.vocab.get(term)
        if j is None:
            return self.post_doc[:0], self.post_w[:0]
        a, z = self.ptr[j], self.ptr[j + 1]
        return self.post_doc[a:z], self.post_w[a:z]

    def add_scores(self, terms: list[str], weight: float, out: np.ndarray) -> None:
        """out += weight · Σ_query-terms W[:, t] (repeated query terms count again)."""
        if weight == 0:
            return
        for term, count in Counter(terms).items():
            docs, w = self.postings(term)
            if len(docs):
                out[docs] += (weight * count) * w  # docs are unique within one term

    def idf_of(self, term: str) -> float | None:
        j = self.vocab.get(term)
        return float(self.idf[j]) if j is not None else None

    def max_idf(self) -> float:
        return float(self.idf.max()) if len(self.idf) else 1.0
