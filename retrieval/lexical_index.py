"""The in-memory BM25 indexes, mirrored from the store and cached on disk.

Two levels, each with four BM25 fields (accented / folded × syllables /
syllable bigrams): whole articles ("title. text", which ranks articles best)
and chunks (which finds the passage to quote). The store's `article_terms` and
`chunk_fts` rows, written in the same transaction as each article, are the
persisted lexical index; this class holds them for millisecond queries.

Searches read an immutable `LexicalSnapshot`: adding or removing an article
only edits the token maps and marks them dirty, and the next `snapshot()`
builds a new one, so a question asked while an ingest runs never sees rows
and ids from two different states. The cache file records the store's
generation and is rebuilt when it differs.
"""

from __future__ import annotations

import asyncio
import logging
import pickle
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from corpus.docrefs import fits_query
from retrieval.bm25 import BM25Field
from retrieval.lexical import LexicalQuery
from retrieval.normalize import fold, tone_spellings
from retrieval.vector_index import atomic_write

log = logging.getLogger(__name__)

CACHE_FILE = "lexical.pkl"
CACHE_VERSION = 8  # 5, 6: postings keep their term frequencies; 7, 8: snapshots remember what readers derive


@dataclass(frozen=True)
class LexicalParams:
    k1: float = 1.2
    b: float = 0.9
    bigram_weight: float = 0.5
    accent_weight: float = 1.0  # accented fields, for an accented question
    fold_weight: float = 1.0
    chunk_b: float = 0.6  # chunks: lengths are bounded, so less length normalisation (measured)


def _split(terms: str) -> tuple[list[str], list[str]]:
    toks = terms.split()
    return [t for t in toks if "_" not in t], [t for t in toks if "_" in t]


@dataclass(frozen=True)
class FieldSet:
    """Four BM25 fields over one kind of document (articles or chunks); immutable."""

    ids: np.ndarray  # sorted document ids; row i is document ids[i]
    fields: tuple[BM25Field, ...]

    @classmethod
    def build(cls, docs: dict[int, tuple[str, str]], k1: float, b: float) -> "FieldSet":
        ids = np.array(sorted(docs), dtype=np.int64)
        split = [(_split(docs[i][0]), _split(docs[i][1])) for i in ids]
        return cls(ids, (
            BM25Field([a[0] for a, _ in split], k1, b),
            BM25Field([a[1] for a, _ in split], k1, b),
            BM25Field([f[0] for _, f in split], k1, b),
            BM25Field([f[1] for _, f in split], k1, b),
        ))

    def updated(self, docs: dict[int, tuple[str, str]], changed: set[int]) -> "FieldSet":
        """The field set over `docs`, where only the documents in `changed` (added,
        replaced or removed since this one was built) have their words counted."""
        ids = np.array(sorted(docs), dtype=np.int64)
        kept = ~np.isin(self.ids, np.fromiter(changed, dtype=np.int64, count=len(changed)))
        new_rows = np.full(len(self.ids), -1, dtype=np.int64)
        new_rows[kept] = np.searchsorted(ids, self.ids[kept])
        added = sorted(i for i in changed if i in docs)
        rows = np.searchsorted(ids, np.array(added, dtype=np.int64)).tolist()
        split = [(_split(docs[i][0]), _split(docs[i][1])) for i in added]
        parts = ([a[0] for a, _ in split], [a[1] for a, _ in split], [f[0] for _, f in split], [f[1] for _, f in split])
        return FieldSet(ids, tuple(f.updated(new_rows, part, rows, len(ids)) for f, part in zip(self.fields, parts)))

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


@dataclass(frozen=True)
class LexicalSnapshot:
    """Everything one search reads, consistent with itself."""

    params: LexicalParams
    articles: FieldSet
    chunks: FieldSet
    chunk_article_rows: np.ndarray  # for every chunk row, the row of its article
    article_terms: dict[int, tuple[str, str]]
    _accents: dict = field(default_factory=dict, compare=False)
    _remembered: dict = field(default_factory=dict, compare=False)  # see `remembered`
    _codes: list = field(default_factory=list, compare=False)  # (number, abbr, suffix, term), lazily

    def article_scores(self, q: LexicalQuery) -> np.ndarray:
        """BM25 of every article, in the row order of `articles.ids`."""
        return self.articles.scores(q, self.params)

    def chunk_scores(self, q: LexicalQuery) -> np.ndarray:
        """BM25 of every chunk, in the row order of `chunks.ids`."""
        return self.chunks.scores(q, self.params)

    def article_tokens(self, article_id: int) -> list[str]:
        """Accented syllables of an article (no bigrams)."""
        terms = self.article_terms.get(int(article_id))
        return [t for t in terms[0].split() if "_" not in t] if terms else []

    def idf(self, term: str) -> float:
        """Chunk-level idf of a folded syllable or bigram (0 when unknown)."""
        if not len(self.chunks.ids):
            return 0.0
        f = self.chunks.fields[3] if "_" in term else self.chunks.fields[2]
        return f.idf_of(term) or 0.0

    def bigram_coverage(self, terms: tuple[str, ...], article_id: int) -> float:
        """Share of the query's idf mass (folded bigrams) found in an article.
        A bigram the corpus never uses counts with the highest idf: it is
        evidence that the question is about something else."""
        return self._coverage(self.articles.fields[3], terms, article_id)

    def word_coverage(self, terms: tuple[str, ...], article_id: int) -> float:
        """The same share over folded syllables (`bigram_coverage`)."""
        return self._coverage(self.articles.fields[2], terms, article_id)

    def _coverage(self, f: BM25Field, terms: tuple[str, ...], article_id: int) -> float:
        row = self.articles.row(article_id)
        if not terms or row is None:
            return 0.0
        top = f.max_idf()
        total = hit = 0.0
        for t in set(terms):
            idf = f.idf_of(t)
            w = top if idf is None else idf
            total += w
            if idf is not None and row in f.postings(t)[0]:
                hit += w
        return hit / total if total else 0.0

    def articles_mentioning(self, key: str) -> np.ndarray:
        """Rows of the articles whose folded words hold `key` (a folded name of one
        or more syllables; several must all occur as word pairs)."""
        words = key.split()
        if not words or not len(self.articles.ids):
            return np.zeros(0, dtype=np.int64)
        if len(words) == 1:
            return self.articles.fields[2].postings(words[0])[0].astype(np.int64)
        f = self.articles.fields[3]
        rows = None
        for a, b in zip(words, words[1:]):
            docs = f.postings(f"{a}_{b}")[0]
            rows = docs if rows is None else np.intersect1d(rows, docs)
        return np.asarray(rows, dtype=np.int64)

    def remembered(self, key: tuple, make: Callable[[], Any]) -> Any:
        """`make()`, worked out once per snapshot for `key` (what a reader derives from the
        snapshot alone: the rows of the articles writing a place, `search._writing`)."""
        if key not in self._remembered:
            self._remembered[key] = make()
        return self._remembered[key]

    def _article_words(self, row: int) -> str:
        """An article's folded words in their order, space-padded (its index field's start)."""
        terms = self.article_terms.get(int(self.articles.ids[row]))
        return f" {terms[1]} " if terms else ""

    def articles_writing(self, syllables: list[str]) -> np.ndarray:
        """Rows of the articles whose words hold these accented syllables in a row, each
        with its tone mark on any vowel or written bare ("điện biên", "dien bien"; not
        "diễn biến", which folds alike)."""
        if not syllables or not len(self.articles.ids):
            return np.zeros(0, dtype=np.int64)
        spellings = [tone_spellings(w) for w in syllables]
        if len(spellings) == 1:
            f = self.articles.fields[0]
            return np.unique(np.concatenate([f.postings(w)[0] for w in spellings[0]])).astype(np.int64)
        f = self.articles.fields[1]
        rows = None
        for a, b in zip(spellings, spellings[1:]):
            docs = np.unique(np.concatenate([f.postings(f"{x}_{y}")[0] for x in a for y in b]))
            rows = docs if rows is None else np.intersect1d(rows, docs)
        return np.asarray(rows, dtype=np.int64)

    def holds_words(self, article_id: int, forms: list[str]) -> bool:
        """Whether an article's folded words hold, for one of the forms (folded word
        sequences), its one word or one of its word pairs: "gia lai" is not held by an
        article writing "tham gia" and "tương lai" apart."""
        row = self.articles.row(article_id)
        if row is None:
            return False
        for form in forms:
            ws = form.split()
            if len(ws) == 1 and row in self.articles.fields[2].postings(ws[0])[0]:
                return True
            if any(row in self.articles.fields[3].postings(f"{a}_{b}")[0] for a, b in zip(ws, ws[1:])):
                return True
        return False

    def accent_candidates(self) -> dict[str, list[tuple[str, int]]]:
        """Folded syllable -> its accented spellings in the corpus, most frequent first."""
        if not self._accents and len(self.articles.ids):
            acc = defaultdict(list)
            for term, df in self.articles.fields[0].terms():
                acc[fold(term)].append((term, df))
            # most frequent first; ties by spelling, not by the order the words came in
            self._accents.update({k: sorted(v, key=lambda x: (-x[1], x[0])) for k, v in acc.items()})
        return self._accents

    def bigram_df(self, accented_bigram: str) -> int:
        if not len(self.articles.ids):
            return 0
        return self.articles.fields[1].df(accented_bigram)

    def chunks_with_codes(self, codes: tuple[tuple[int, str | None, str | None], ...]) -> np.ndarray:
        """Rows of the chunks that name one of the (loosely typed) document codes."""
        if not codes or not len(self.chunks.ids):
            return np.zeros(0, dtype=np.int64)
        f = self.chunks.fields[2]
        if not self._codes:  # the code tokens of the vocabulary, found once per snapshot
            for term, _ in f.terms():
                num, _, rest = term.partition("-")
                abbr, _, suffix = rest.partition("/")
                if num.isdigit() and abbr and suffix:
                    self._codes.append((int(num), abbr, suffix, term))
        rows = [f.postings(term)[0] for num, abbr, suffix, term in self._codes if fits_query((num, abbr, suffix), codes)]
        # A State-style code ("669/QĐ-UBND", "16/CT-TTg") is indexed as its words, in the
        # same order as a Party code's: the chunks holding both its word pairs (a type with
        # no issuer would be any "1. Đa dạng …")
        pairs = self.chunks.fields[3]
        for num, abbr, suffix in codes:
            if abbr and suffix:
                held = np.intersect1d(pairs.postings(f"{num}_{abbr}")[0], pairs.postings(f"{abbr}_{suffix}")[0])
                run = f" {num} {abbr} {suffix} "  # in a row, in the article's words (not 669/QĐ-BCĐ … 12/QĐ-UBND)
                writing = {a for a in set(self.chunk_article_rows[held].tolist()) if run in self._article_words(a)}
                rows.append(held[np.isin(self.chunk_article_rows[held], list(writing))].astype(np.int64))
        return np.unique(np.concatenate(rows)).astype(np.int64) if rows else np.zeros(0, dtype=np.int64)


class LexicalIndex:
    """The mutable token maps, and the snapshot built from them."""

    def __init__(self, params: LexicalParams | None = None) -> None:
        self.params = params or LexicalParams()
        self.article_terms: dict[int, tuple[str, str]] = {}
        self.chunk_terms: dict[int, tuple[str, str]] = {}
        self.chunk_article: dict[int, int] = {}
        self._snapshot: LexicalSnapshot | None = None  # of the maps as they are; None: changed since
        self._last: LexicalSnapshot | None = None  # the newest one built (what searches read meanwhile)
        self._version = 0  # bumped by every change to the maps
        # articles and chunks changed since `_last` was built -> the version of their last
        # change: the next snapshot counts only their words
        self._changed_articles: dict[int, int] = {}
        self._changed_chunks: dict[int, int] = {}

    @property
    def dirty(self) -> bool:
        return self._snapshot is None

    def add_article(self, article_id: int, terms: tuple[str, str], chunk_ids: list[int],
                    chunk_terms: list[tuple[str, str]]) -> None:
        self.fill([(article_id, *terms)], [(c, article_id, *t) for c, t in zip(chunk_ids, chunk_terms)])

    def fill(self, article_rows: list[tuple[int, str, str]], chunk_rows: list[tuple[int, int, str, str]]) -> None:
        """Add articles' terms and their chunks as the store gives them: (article id,
        acc, fold) and (chunk id, article id, acc, fold) rows."""
        self._changed()
        for aid, acc, folded in article_rows:
            self.article_terms[int(aid)] = (acc, folded)
            self._changed_articles[int(aid)] = self._version
        self.add_chunks([r[0] for r in chunk_rows], [r[1] for r in chunk_rows], [(r[2], r[3]) for r in chunk_rows])

    def add_chunks(self, chunk_ids: list[int], article_ids: list[int], terms: list[tuple[str, str]]) -> None:
        self._changed()
        for cid, aid, t in zip(chunk_ids, article_ids, terms):
            self.chunk_terms[int(cid)] = t
            self.chunk_article[int(cid)] = int(aid)
            self._changed_chunks[int(cid)] = self._version

    def remove_article(self, article_id: int, chunk_ids: list[int]) -> None:
        self._changed()
        self.article_terms.pop(int(article_id), None)
        self._changed_articles[int(article_id)] = self._version
        for cid in chunk_ids:
            self.chunk_terms.pop(int(cid), None)
            self.chunk_article.pop(int(cid), None)
            self._changed_chunks[int(cid)] = self._version

    def _changed(self) -> None:
        self._snapshot = None
        self._version += 1

    def _build(self) -> LexicalSnapshot:
        """The snapshot of the maps: from the last one, counting only the words of the
        articles and chunks changed since (a feed's few new pages on a large store),
        or from scratch when there is none."""
        p = self.params
        base = self._last
        if base is None:
            articles = FieldSet.build(self.article_terms, p.k1, p.b)
            chunks = FieldSet.build(self.chunk_terms, p.k1, p.chunk_b)
        else:
            articles = base.articles.updated(self.article_terms, set(self._changed_articles))
            chunks = base.chunks.updated(self.chunk_terms, set(self._changed_chunks))
        rows = np.array([articles.row(self.chunk_article[int(c)]) for c in chunks.ids], dtype=np.int64)
        return LexicalSnapshot(self.params, articles, chunks, rows, dict(self.article_terms))

    def _built(self, snap: LexicalSnapshot, version: int) -> None:
        """`snap`, built from the maps at `version`, is the newest: forget the changes it holds."""
        self._last = snap
        for changed in (self._changed_articles, self._changed_chunks):
            for key in [k for k, v in changed.items() if v <= version]:
                del changed[key]
        if version == self._version:
            self._snapshot = snap

    def snapshot(self) -> LexicalSnapshot:
        """The current immutable index (built now if anything changed)."""
        if self._snapshot is None:
            self._built(self._build(), self._version)
        return self._snapshot

    def latest(self) -> LexicalSnapshot:
        """What a search reads: the newest snapshot built, even if the maps changed
        since (an ingest or catch-up builds the next one off the event loop with
        `rebuild`; seconds on a large store); built now only if there is none."""
        return self._last or self.snapshot()  # every snapshot built is also the last

    async def rebuild(self) -> LexicalSnapshot:
        """Build the current snapshot in a worker thread. Callers hold the engine's
        write lock, so the maps do not change meanwhile (if they did, the snapshot
        is kept only as the latest, and the index stays dirty)."""
        if self._snapshot is None:
            version = self._version
            self._built(await asyncio.to_thread(self._build_for_questions), version)
        return self._last

    def _build_for_questions(self) -> LexicalSnapshot:
        """`_build`, with what questions read of the snapshot made ready too (the accented
        spellings a question typed partly without accents is read by; a second on a large
        store), so that no question pays for it on the event loop."""
        snap = self._build()
        snap.accent_candidates()
        return snap

    # -- persistence -----------------------------------------------------
    @classmethod
    def load(cls, directory: Path, generation: int, params: LexicalParams | None = None,
             counts: tuple[int, int] | None = None) -> "LexicalIndex | None":
        """The cached index if it was saved at the store's current generation and holds
        as many articles and chunks as `counts` (the store's: a cache saved without an
        article is rebuilt, as the vector index is)."""
        try:
            with open(directory / CACHE_FILE, "rb") as fh:
                data = pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, ImportError):
            return None
        idx = cls(params)
        if data.get("version") != CACHE_VERSION or data.get("params") != idx.params:
            return None
        if data.get("generation") != generation:
            log.warning("lexical index cache is stale; it will be rebuilt")
            return None
        if counts is not None and counts != (len(data["articles"]), len(data["chunks"])):
            log.warning("lexical index cache holds %d articles and %d chunks, the store %d and %d; it will be rebuilt",
                        len(data["articles"]), len(data["chunks"]), *counts)
            return None
        idx.article_terms, idx.chunk_terms, idx.chunk_article = data["articles"], data["chunks"], data["chunk_article"]
        idx._snapshot = idx._last = data["snapshot"]  # (no changes since it was built)
        return idx

    def save(self, directory: Path, generation: int) -> None:
        snap = self.snapshot()
        directory.mkdir(parents=True, exist_ok=True)
        data = {"version": CACHE_VERSION, "params": self.params, "generation": generation,
                "articles": self.article_terms, "chunks": self.chunk_terms,
                "chunk_article": self.chunk_article, "snapshot": snap}

        def write(tmp: Path) -> None:
            with open(tmp, "wb") as fh:
                pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)

        atomic_write(directory / CACHE_FILE, write)
