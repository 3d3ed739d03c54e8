"""Put articles into the store and the indexes: dedup, chunk, embed, write.

Order of work for one article: fingerprint and dedup checks, chunking and
encoding (slow, outside any transaction), then one store transaction, then
the in-memory vector index. The vector file is saved every `save_every`
articles and at the end; if the process dies in between, the next open sees
a stale index and rebuilds it from the vectors kept in the store.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterable, Awaitable, Callable
from dataclasses import dataclass

import numpy as np

from corpus import dedup
from corpus.chunking import CHUNK_WORDS, chunk_article
from corpus.errors import InputError, StoreError
from corpus.parse import parse
from corpus.store import ChunkRow, Store
from corpus.types import Article, Chunk, Failure, IngestReport, RawDocument
from embeddings.base import Encoder
from retrieval.lexical import index_fields
from retrieval.lexical_index import LexicalIndex
from retrieval.vector_index import VectorIndex

log = logging.getLogger(__name__)
LONG_TEXT_CHARS = 200_000  # an article this long is said to take a while (a 5 MB text: about an hour on 2 cores)


@dataclass(frozen=True)
class Outcome:
    status: str  # "added" | "updated" | "duplicate"
    article_id: int
    detail: str = ""


def chunk_rows(encoder: Encoder, title: str, text: str, chunk_words: int = CHUNK_WORDS) -> list[ChunkRow]:
    """An article's chunks as the store keeps them: text, lexical fields, vector."""
    chunks = chunk_article(0, title, text, max_words=chunk_words)
    return rows_of(chunks, encoder.encode_passages([c.embed_text for c in chunks]))


def rows_of(chunks: list[Chunk], vectors: np.ndarray) -> list[ChunkRow]:
    return [ChunkRow(c.ord, c.text, *index_fields(c.title, c.text), vector=v) for c, v in zip(chunks, vectors)]


class Indexer:
    def __init__(self, store: Store, encoder: Encoder, index: VectorIndex, lexical: LexicalIndex,
                 chunk_words: int = CHUNK_WORDS, save_every: int = 50, batch: int = 0,
                 gate: Callable[[], Awaitable[None]] | None = None) -> None:
        self.store = store
        self.batch = batch  # passages encoded at a time; 0: a whole article at once
        # What the indexes hold, to tell another process's writes from ours (Engine.sync):
        # the content hash of each article, and the store generation they agree with.
        self.held: dict[int, str] = {}
        self.seen = -1
        self.gate = gate  # awaited before each batch is encoded: questions go first
        self.encoder = encoder
        self.index = index
        self.lexical = lexical
        self.chunk_words = chunk_words
        self.save_every = save_every
        self._sig_ids: np.ndarray | None = None
        self._sigs: np.ndarray | None = None

    async def _signatures(self) -> tuple[np.ndarray, np.ndarray]:
        if self._sig_ids is None:
            self._sig_ids, self._sigs = await self.store.signatures()
        return self._sig_ids, self._sigs

    def _remember(self, article_id: int, sig: np.ndarray) -> None:
        ids, sigs = self._sig_ids, self._sigs
        self._sig_ids = np.append(ids, article_id)
        self._sigs = sig[None, :] if sigs is None or sigs.size == 0 else np.vstack([sigs, sig])

    async def add(self, article: Article) -> Outcome:
        chash = dedup.content_hash(article.title + "\n" + article.text)
        replace_id = None
        if article.url:
            known = await self.store.find_by_url(article.url)
            if known:
                if known[1] == chash:
                    return Outcome("duplicate", known[0], "cùng địa chỉ, cùng nội dung")
                replace_id = known[0]
        same = await self.store.find_by_hash(chash)
        if same is not None:  # also when a known URL now carries another article's text
            return Outcome("duplicate", same, "cùng nội dung")
        sig = dedup.minhash(article.text)
        if replace_id is None:
            ids, sigs = await self._signatures()
            i, sim = dedup.best_match(sig, sigs)
            if i >= 0 and sim >= dedup.NEAR_DUP_THRESHOLD:
                of = int(ids[i])
                await self.store.record_duplicate(article.origin, article.url, article.title, of, sim)
                return Outcome("duplicate", of, f"gần trùng với bài #{of} (giống {sim:.0%})")

        rows = await self._rows(article)
        vectors = np.stack([r.vector for r in rows]) if rows else np.zeros((0, self.encoder.dim), np.float32)
        old_chunk_ids = await self.store.chunk_ids_of(replace_id) if replace_id is not None else []
        terms = index_fields(article.title, article.text)
        try:
            article_id, chunk_ids = await self.store.save_article(
                article, chash, sig, rows, self.encoder.model_id, replace_id=replace_id, article_terms=terms
            )
        except StoreError:
            # another process stored the same page meanwhile (a cron check beside the bots)
            same = await self.store.find_by_hash(chash)
            if same is None and article.url and replace_id is None:
                known = await self.store.find_by_url(article.url)
                same = known[0] if known else None
            if same is None:
                raise
            return Outcome("duplicate", same, "vừa được nạp ở nơi khác")
        self.held[article_id] = chash
        self.seen += 1  # the article's transaction bumped the generation once
        self.index.remove(old_chunk_ids)
        self.index.add(chunk_ids, vectors)
        if replace_id is not None:
            self.lexical.remove_article(replace_id, old_chunk_ids)
        self.lexical.add_article(article_id, terms, chunk_ids, [(r.acc, r.fold) for r in rows])
        if replace_id is not None:
            self.forget_signatures()
            return Outcome("updated", article_id)
        self._remember(article_id, sig)
        return Outcome("added", article_id)

    async def _rows(self, article: Article) -> list[ChunkRow]:
        """Chunk and encode an article. Encoding is slow CPU work, done off the event
        loop so the bots keep answering; with a `batch`, a few passages at a time,
        each batch started when the `gate` opens (no question is being answered: the
        encoder's threads would slow it down, `make bench` section 7)."""
        if len(article.text) > LONG_TEXT_CHARS:  # minutes of encoding with nothing else to show
            log.info("%s: a long text (%d characters, about %d passages): encoding it takes a while",
                     article.title[:80], len(article.text), len(article.text) // 250)
        if self.batch <= 0:
            return await asyncio.to_thread(chunk_rows, self.encoder, article.title, article.text, self.chunk_words)
        chunks = chunk_article(0, article.title, article.text, max_words=self.chunk_words)
        texts = [c.embed_text for c in chunks]
        parts = []
        for i in range(0, len(texts), self.batch):
            if self.gate is not None:
                await self.gate()
            parts.append(await asyncio.to_thread(self.encoder.encode_passages, texts[i : i + self.batch]))
        vectors = np.concatenate(parts) if parts else np.zeros((0, self.encoder.dim), np.float32)
        return rows_of(chunks, vectors)

    def forget_signatures(self) -> None:
        """The near-duplicate signatures are read again from the store when next needed."""
        self._sig_ids = None

    async def delete(self, article_id: int) -> None:
        chunk_ids = await self.store.delete_article(article_id)
        self.held.pop(article_id, None)
        self.seen += 1
        self.index.remove(chunk_ids)
        self.lexical.remove_article(article_id, chunk_ids)
        self.forget_signatures()
        await self.save()

    async def save(self) -> None:
        """Write both index caches (atomically, in a worker thread: seconds on a large
        store), stamped with the store's generation, or with none when another process
        has changed the store since these indexes last caught up with it (the next
        start then rebuilds them)."""
        generation = await self.store.generation()
        if generation != self.seen:
            generation = -1
        await self.lexical.rebuild()
        await asyncio.to_thread(self.index.save, generation)
        await asyncio.to_thread(self.lexical.save, self.index.directory, generation)

    async def ingest(self, docs: AsyncIterable["RawDocument | InputError"], progress=None,
                     report: IngestReport | None = None, save: bool = True) -> IngestReport:
        """Parse and add every document; failures are reported, never fatal. `report`,
        when given, is filled as the work goes (what was done before a cancel stays in it).
        `save`: write the index caches at the end (a caller storing in parts saves once)."""
        report = report if report is not None else IngestReport()
        done = 0

        def failed(origin: str, reason: str, detail: str) -> None:
            nonlocal done
            report.fail(Failure(origin, reason, detail))
            done += 1
            if progress:
                progress(done, "failed", origin)

        try:
            async for item in docs:
                if isinstance(item, InputError):
                    log.warning("input skipped: %s", item)
                    failed(item.origin, item.reason, item.detail)
                    continue
                try:
                    article = await asyncio.to_thread(parse, item)
                    outcome = await self.add(article)
                except InputError as exc:
                    log.warning("input skipped: %s", exc)
                    failed(item.origin, exc.reason, exc.detail)
                    continue
                except StoreError as exc:
                    log.warning("ingest of %s failed: %s", item.origin, exc)
                    failed(item.origin, exc.user_message, str(exc))
                    continue
                except Exception as exc:  # noqa: BLE001 - one unreadable page never stops the others
                    log.error("ingest of %s failed unexpectedly", item.origin, exc_info=True)
                    failed(item.origin, "không xử lý được bài viết này", f"unexpected error: {exc!r}")
                    continue
                label = f"{item.origin} — {article.title}"
                report.outcomes[item.origin] = outcome.status
                if outcome.status == "added":
                    report.added.append(label)
                elif outcome.status == "updated":
                    report.updated.append(label)
                else:
                    report.duplicates.append(f"{label} ({outcome.detail})")
                done += 1
                if progress:
                    progress(done, outcome.status, label)
                if self.index.dirty and done % self.save_every == 0:
                    await self.save()
        finally:
            if save and (self.index.dirty or self.lexical.dirty):
                await self.save()
        return report

