"""BM25 over token lists: a pure numpy core with no I/O.

Term weights are precomputed per (document, term):
    W[d, t] = idf(t) · tf·(k1+1) / (tf + k1·(1 − b + b·dl/avgdl))
and kept column-major (term → postings), so a query costs one slice and one
scatter-add per query term. The term frequencies are kept beside them, so a field
can be rebuilt with some documents added and others dropped counting only the
words of the added ones (`updated`).
"""

from __future__ import annotations

from collections import Counter
from typing import Iterator, Sequence

import numpy as np


def _count(docs: Sequence[list[str]], rows: Sequence[int], vocab: dict[str, int]) -> tuple[np.ndarray, ...]:
    """The (row, term id, tf) triples of documents, adding their new terms to `vocab`."""
    r: list[int] = []
    c: list[int] = []
    tfs: list[int] = []
    for d, toks in zip(rows, docs):
        for term, count in Counter(toks).items():
            r.append(d)
            c.append(vocab.setdefault(term, len(vocab)))
            tfs.append(count)
    return np.asarray(r, dtype=np.int64), np.asarray(c, dtype=np.int64), np.asarray(tfs, dtype=np.float32)


class BM25Field:
    """One BM25 field. Its vocabulary may hold terms no document has any longer
    (after `updated` drops documents): they have no postings and no idf."""

    def __init__(self, docs: list[list[str]], k1: float = 1.2, b: float = 0.75) -> None:
        if k1 < 0 or not 0 <= b <= 1:
            raise ValueError(f"BM25 needs k1 >= 0 and 0 <= b <= 1, not k1={k1}, b={b}")
        self.k1, self.b = k1, b
        vocab: dict[str, int] = {}
        self._fit(vocab, *_count(docs, range(len(docs)), vocab), len(docs))

    def updated(self, new_rows: np.ndarray, docs: Sequence[list[str]], rows: Sequence[int],
                n_docs: int) -> "BM25Field":
        """A field over `n_docs` documents: this one's, each at its row in `new_rows`
        (−1: dropped), and `docs` at `rows`. Only the new documents' words are
        counted; the kept ones' counts are read from the postings."""
        field = BM25Field.__new__(BM25Field)
        field.k1, field.b = self.k1, self.b
        vocab = dict(self.vocab)
        old_cols = np.repeat(np.arange(len(self.ptr) - 1, dtype=np.int64), np.diff(self.ptr))
        moved = new_rows[self.post_doc]
        keep = moved >= 0
        r, c, tf = _count(docs, rows, vocab)
        # the kept postings stay in (term, row) order (rows keep their order): merge the new ones in
        n = max(n_docs, 1)
        old_keys = old_cols[keep] * n + moved[keep]
        order = np.argsort(c * n + r)
        at = np.searchsorted(old_keys, (c * n + r)[order])
        field._fit(vocab, np.insert(moved[keep], at, r[order]), np.insert(old_cols[keep], at, c[order]),
                   np.insert(self.post_tf[keep], at, tf[order]), n_docs, ordered=True)
        return field

    def _fit(self, vocab: dict[str, int], r: np.ndarray, c: np.ndarray, tf: np.ndarray, n_docs: int,
             ordered: bool = False) -> None:
        """Weigh the (row, term, tf) triples; `ordered`: they are sorted by term, then row."""
        k1, b = self.k1, self.b
        df = np.bincount(c, minlength=len(vocab))
        if len(vocab) > 1000 and (df == 0).sum() * 2 > len(vocab):  # mostly words of dropped documents
            used = df > 0
            new_id = np.cumsum(used) - 1
            c, df = new_id[c], df[used]
            vocab = {t: int(new_id[j]) for t, j in vocab.items() if used[j]}
        self.n_docs = n_docs
        self.vocab = vocab
        lengths = np.bincount(r, weights=tf, minlength=n_docs).astype(np.float32)
        self.idf = np.log1p((n_docs - df.astype(np.float32) + 0.5) / (df.astype(np.float32) + 0.5)).astype(np.float32)
        avg = float(lengths.mean()) if len(lengths) and lengths.mean() > 0 else 1.0
        w = self.idf[c] * tf * (k1 + 1) / (tf + k1 * (1 - b + b * lengths[r] / avg)) if len(c) else tf
        order = slice(None) if ordered else np.argsort(c, kind="stable")  # by term, then row
        self.post_doc = r[order].astype(np.int32)
        self.post_w = np.asarray(w, dtype=np.float32)[order]
        self.post_tf = tf[order]
        self.ptr = np.zeros(len(vocab) + 1, dtype=np.int64)
        np.cumsum(df, out=self.ptr[1:])
        self._max_idf = float(self.idf[df > 0].max()) if (df > 0).any() else 1.0

    def df(self, term: str) -> int:
        j = self.vocab.get(term)
        return int(self.ptr[j + 1] - self.ptr[j]) if j is not None else 0

    def terms(self) -> Iterator[tuple[str, int]]:
        """The terms some document has, with their document frequency."""
        df = np.diff(self.ptr)
        return ((t, int(df[j])) for t, j in self.vocab.items() if df[j])

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
        return float(self.idf[j]) if j is not None and self.ptr[j + 1] > self.ptr[j] else None

    def max_idf(self) -> float:
        return self._max_idf
