"""The library as the bot and the command line use it: one object, async.

Opens the store, the encoder and the vector index (checking the index
against the store), and offers ingest, ask, search, documents, latest, stats.
"""

from __future__ import annotations

import asyncio
import itertools
import contextlib
import datetime as dt
import logging
import re
import time
from collections.abc import AsyncIterable, AsyncIterator, Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from corpus.chunking import CHUNK_WORDS, split_sentences
from corpus.docrefs import DOCUMENT_ABBRS, REFS_VERSION, code_matches, extract_refs, parse_code_query
from corpus.errors import EncoderMismatch, InputError, UnreadableInput
from corpus.metadata import latest_mentioned
from corpus.sources import Fetcher, is_url, read_file, walk
from corpus.store import Store
from corpus.types import ArticleInfo, IngestReport, RawDocument, RefMention
from embeddings.base import Encoder
from retrieval.answer import AnswerParams, compose, counting_passage, drawn_from, with_context
from retrieval.byline import MAX_BYLINE_ARTICLES, asks_of_author, asks_of_writing, byline_answer
from retrieval.calibrate import Calibration, Signal
from retrieval.confidence import Threshold, is_found, threshold_for
from retrieval.indexer import Indexer, chunk_rows
from retrieval.lexical import TOKENS_VERSION, index_fields
from retrieval.lexical_index import LexicalIndex
from retrieval.normalize import abbreviation_variants, fold, words
from retrieval.question.message import shorten_question
from retrieval.places import named_places
from retrieval.question.asked import read_question
from retrieval.question.offices import asked_office, names_the_office
from retrieval.search import SearchConfig, Searcher
from retrieval.types import Answer, Citation
from retrieval.vector_index import INDEX_FILE, META_FILE, REINDEX_HINT, VectorIndex

log = logging.getLogger(__name__)

DB_FILE = "danvan.sqlite3"


CHUNK_WORDS_KEY = "chunk_words"  # meta: the size the stored passages were cut at
TOKENS_KEY = "tokens_version"  # meta: the tokeniser version the lexical rows were split by
REFS_KEY = "refs_version"  # meta: the `extract_refs` version the document references were read by
SERVING_BATCH = 2  # passages an ingest encodes at a time while the bots answer questions (`make bench`, 7)
QUESTIONS_FIRST_S = 2.0  # the longest an ingest waits for questions to be answered before each batch
CALIBRATION_KEY = "calibration"  # meta: the not-found threshold fitted to this corpus (`calibrate --save`)
MAX_LISTED_RANKING = 1280  # articles a keyword search reads at most, looking for those that hold the words
BARE_NUMBER_RE = re.compile(r"\s*(?:(?:số|so)\s*)?0*(\d{1,5})\s*", re.I)  # "62", "số 62": a document's number


def _take(items: Iterator, n: int) -> list:
    """The next `n` items of an iterator (fewer at its end)."""
    return list(itertools.islice(items, n))


@dataclass(frozen=True)
class EngineConfig:
    data_dir: Path
    search: SearchConfig = field(default_factory=SearchConfig)
    threshold: Threshold | None = None  # None: the corpus's stored calibration, else the encoder's
    answer: AnswerParams = field(default_factory=AnswerParams)
    chunk_words: int = CHUNK_WORDS
    fetch_timeout: float = 15.0
    reranker: str = ""  # a sentence-transformers CrossEncoder name or folder; "" = none
    ingest_batch: int = 0  # passages encoded at a time, questions first (the bots: SERVING_BATCH); 0: whole articles


class Engine:
    def __init__(self, config: EngineConfig, store: Store, encoder: Encoder, index: VectorIndex,
                 lexical: LexicalIndex) -> None:
        self.config = config
        self.store = store
        self.encoder = encoder
        self.index = index
        self.lexical = lexical
        self.indexer = Indexer(store, encoder, index, lexical, chunk_words=config.chunk_words,
                               batch=config.ingest_batch, gate=self._questions_first)
        self.searcher = Searcher(store, encoder, index, lexical, config.search)
        self.reranker = None
        if config.reranker:
            from retrieval.rerank import CrossEncoderReranker

            self.reranker = CrossEncoderReranker(config.reranker)
        self.threshold = config.threshold or threshold_for(encoder.model_id)
        self.threshold_source = "configured" if config.threshold else "shipped"  # or "calibrated"
        self.stored_chunk_words: str | None = None  # meta: the size the stored passages were cut at
        self._lock = asyncio.Lock()
        self._rebuilding: asyncio.Task | None = None  # the word index's next snapshot, being built
        self._catching_up: asyncio.Task | None = None  # `sync` started by a question
        self._asking = 0  # questions being answered now
        self._no_question = asyncio.Event()
        self._no_question.set()

    @classmethod
    async def open(cls, config: EngineConfig, encoder: Encoder) -> "Engine":
        store = await Store.open(config.data_dir / DB_FILE)
        try:
            await cls._resplit_terms(store)
            await cls._reread_refs(store)
            await store.fill_mentioned_until(latest_mentioned)  # undated articles stored before migration 11
            seen, held = await store.generation(), await store.article_hashes()  # before: a write meanwhile is caught up
            index = await cls._load_index(config.data_dir, store, encoder)
            lexical = await cls._load_lexical(config, store)
            engine = cls(config, store, encoder, index, lexical)
            engine.indexer.seen, engine.indexer.held = seen, held
            await engine.searcher.refresh_known()
            await engine._check_chunking()
            await engine._load_calibration()
        except BaseException:
            await store.close()
            raise
        return engine

    async def _load_calibration(self) -> None:
        """Use the threshold stored by `calibrate --save` if it was fitted for this
        encoder and passage size (an explicit `EngineConfig.threshold` wins)."""
        raw = await self.store.get_meta(CALIBRATION_KEY)
        if self.config.threshold is not None or raw is None:
            return
        try:
            cal = Calibration.from_json(raw)
        except (ValueError, TypeError, KeyError) as exc:
            log.warning("the stored not-found calibration is unreadable (%s); using the default", exc)
            return
        if cal.model_id != self.encoder.model_id or cal.chunk_words != self.config.chunk_words:
            log.warning("the stored not-found calibration was fitted for %s at %d syllables, not %s at %d; "
                        "using the default: run `python main.py calibrate --save` again",
                        cal.model_id, cal.chunk_words, self.encoder.model_id, self.config.chunk_words)
            return
        self.threshold, self.threshold_source = cal.threshold, "calibrated"

    async def save_calibration(self, cal: Calibration) -> None:
        await self.store.set_meta(CALIBRATION_KEY, cal.to_json())
        self.threshold, self.threshold_source = cal.threshold, "calibrated"

    async def _check_chunking(self) -> None:
        """Warn when the stored passages were cut at another size than configured: the
        not-found threshold is calibrated for the configured size."""
        want = self.config.chunk_words
        self.stored_chunk_words = await self.store.get_meta(CHUNK_WORDS_KEY)
        if self.stored_chunk_words is None and not (await self.store.counts())["chunks"]:
            await self.store.set_meta(CHUNK_WORDS_KEY, str(want))
            self.stored_chunk_words = str(want)
        elif not self.passages_current:
            log.warning("the stored passages were cut at %s syllables, the configuration says %d: "
                        "run `python main.py reindex` to re-chunk them",
                        self.stored_chunk_words or "an older size (150)", want)

    @property
    def passages_current(self) -> bool:
        """Were the stored passages cut at the configured size?"""
        return self.stored_chunk_words == str(self.config.chunk_words)

    @staticmethod
    async def _load_index(data_dir: Path, store: Store, encoder: Encoder) -> VectorIndex:
        other = [m for m in await store.models_in_use() if m != encoder.model_id]
        if other:
            raise EncoderMismatch(
                f"the store holds vectors of encoder {other[0]!r}, not {encoder.model_id!r}: {REINDEX_HINT}"
            )
        expected = await store.vector_ids()
        generation = await store.generation()
        index = VectorIndex.load(data_dir, encoder.dim, encoder.model_id, expected, generation)
        if index is None:
            index = VectorIndex(data_dir, encoder.dim, encoder.model_id)
            ids, vectors = await store.all_vectors(encoder.model_id)
            if len(ids):
                log.info("rebuilding the vector index from %d stored vectors", len(ids))
            index.add(ids, vectors)
            index.save(generation)
        return index

    @staticmethod
    async def _resplit_terms(store: Store) -> None:
        """Words split by an older tokeniser, or articles stored before migration 3
        added their terms: derive every lexical row again from the stored texts."""
        if await store.get_meta(TOKENS_KEY) != TOKENS_VERSION or await store.terms_missing():
            articles, chunks = await store.texts()
            if articles:
                log.info("re-splitting the words of %d articles and %d chunks (tokeniser version %s)",
                         len(articles), len(chunks), TOKENS_VERSION)

                def split() -> tuple[list, list]:  # CPU work, off the event loop
                    return ([(i, *index_fields(t, x)) for i, t, x in articles],
                            [(i, *index_fields(t, x)) for i, t, x in chunks])
                await store.replace_terms(*await asyncio.to_thread(split))
            await store.set_meta(TOKENS_KEY, TOKENS_VERSION)

    @staticmethod
    async def _reread_refs(store: Store) -> None:
        """References read by an older `extract_refs` (one that did not know "văn bản số
        3370/BGTVT-ĐTCT"): read every article's again from its stored text."""
        if await store.get_meta(REFS_KEY) != REFS_VERSION:
            articles = await store.all_article_texts()
            if articles:
                log.info("reading the document references of %d articles again (version %s)",
                         len(articles), REFS_VERSION)
                await store.replace_refs(await asyncio.to_thread(
                    lambda: [(i, digest, extract_refs(f"{title}\n{text}")) for i, title, text, digest in articles]))
            await store.set_meta(REFS_KEY, REFS_VERSION)

    @staticmethod
    async def _load_lexical(config: EngineConfig, store: Store) -> LexicalIndex:
        params = config.search.lexical
        generation = await store.generation()
        lexical = LexicalIndex.load(config.data_dir, generation, params, await store.lexical_counts())
        if lexical is None:
            lexical = LexicalIndex(params)
            rows = await store.lexical_rows()
            if rows:
                log.info("rebuilding the lexical index from %d stored chunks", len(rows))
            lexical.fill(await store.article_term_rows(), rows)
            lexical.save(config.data_dir, generation)
        return lexical

    @classmethod
    async def reindex(cls, config: EngineConfig, encoder: Encoder,
                      progress: Callable[[int, int], None] | None = None) -> int:
        """Re-chunk and re-encode every article (after changing the model or the
        chunk size). Each article is swapped in its own transaction, so a killed
        run leaves every article whole; running it again finishes the work."""
        store = await Store.open(config.data_dir / DB_FILE)
        try:
            return await _rebuild(store, encoder, config.data_dir, config.chunk_words, progress)
        finally:
            await store.close()

    async def close(self) -> None:
        try:
            with contextlib.suppress(Exception):  # a failed rebuild is redone from the store at the next start
                await self.settled()
            await self.save()
        finally:  # even when cancelled (Ctrl-C while closing): the store's thread would keep the process alive
            await self.store.close()

    # -- ingest ----------------------------------------------------------
    async def _documents(self, inputs: list[str]) -> AsyncIterator:
        fetcher = Fetcher(timeout=self.config.fetch_timeout)
        try:
            for item in inputs:
                if is_url(item):
                    async for doc in fetcher.documents(item):
                        yield doc
                    continue
                path = Path(item)
                if not path.exists():
                    yield UnreadableInput(item, "no such file or folder", "không có tệp hoặc thư mục này")
                    continue
                for file in walk(path):
                    docs = read_file(file)  # read off the event loop, a few hundred at a time
                    while batch := await asyncio.to_thread(_take, docs, 200):
                        for doc in batch:
                            yield doc
        finally:
            await fetcher.close()

    async def ingest(self, inputs: list[str], progress: Callable | None = None) -> IngestReport:
        async with self._lock:
            report = await self.indexer.ingest(self._documents(inputs), progress=progress)
        await self.searcher.refresh_known()
        return report

    async def ingest_documents(self, docs: "Iterable[RawDocument | InputError] | AsyncIterable[RawDocument | InputError]",
                               report: IngestReport | None = None, save: bool = True) -> IngestReport:
        """Ingest documents already read (a list, or an async stream that fetches them);
        `report`, when given, is filled as the work goes; `save=False`: the index caches
        are written by a later `save()` (one write for an ingest made in parts)."""
        async def gen():
            for d in docs:
                yield d

        async with self._lock:
            report = await self.indexer.ingest(docs if isinstance(docs, AsyncIterable) else gen(), report=report,
                                               save=save)
        if self.lexical.dirty:  # not saved now: the stored articles become searchable in the background
            self._rebuild_soon()
        await self.searcher.refresh_known()
        return report

    async def save(self) -> None:
        """Write the index caches if anything changed (after `ingest_documents(save=False)`)."""
        async with self._lock:
            if self.index.dirty or self.lexical.dirty:
                await self.indexer.save()

    def _rebuild_soon(self) -> None:
        """Build the word index's next snapshot in the background (seconds on a large
        store); searches read the last one meanwhile."""
        if self._rebuilding is None or self._rebuilding.done():
            self._rebuilding = asyncio.create_task(self._rebuild_lexical(), name="lexical-rebuild")

    async def _rebuild_lexical(self) -> None:
        async with self._lock:
            await self.lexical.rebuild()

    async def settled(self) -> None:
        """Wait for the background work a question or an ingest started: catching up
        with the store, rebuilding the word index (tests, benchmarks, closing)."""
        for task in (self._catching_up, self._rebuilding):
            if task is not None:
                await task

    async def _changed_elsewhere(self) -> bool:
        """Whether the store changed since these indexes last agreed with it (one read)."""
        return await self.store.generation() != self.indexer.seen

    async def catch_up_soon(self) -> None:
        """What a question does first: if another process changed the store, catch up
        in the background (`sync`); the question is answered from the indexes as they
        are, which never mix two states."""
        if self._lock.locked() or not await self._changed_elsewhere():
            return
        if self._catching_up is None or self._catching_up.done():
            self._catching_up = asyncio.create_task(self.sync(), name="catch-up")

    async def sync(self) -> int:
        """Catch up with what another process changed in the store (`main.py ingest`,
        a cron `feeds check` beside the bots): the articles added, removed or replaced
        there (told by their content hashes) are read again from the store and the
        word index's snapshot is built in a worker thread; only then are the vectors
        and that snapshot swapped in together, so a search never pairs one state's
        vectors with another's rows. How many articles changed."""
        indexer = self.indexer
        if not await self._changed_elsewhere():
            return 0
        async with self._lock:
            generation = await self.store.generation()
            stored = await self.store.article_hashes()
            held = indexer.held
            affected = {a for a in stored.keys() | held.keys() if stored.get(a) != held.get(a)}
            if affected:
                among = sorted(affected)
                terms = await self.store.article_term_rows(among)
                rows = await self.store.lexical_rows(among)
                ids, vectors = await self.store.all_vectors(self.encoder.model_id, among)
                old: dict[int, list[int]] = {}
                for c, a in self.lexical.chunk_article.items():
                    if a in affected:
                        old.setdefault(a, []).append(c)
                # the maps change now; searches keep reading the last snapshot and the
                # vectors as they are until the new snapshot is built
                for aid in affected:
                    self.lexical.remove_article(aid, old.get(aid, []))
                self.lexical.fill(terms, rows)
                await self.lexical.rebuild()
                # no await from here: the vectors follow the snapshot at once
                self.index.remove([c for cs in old.values() for c in cs])
                if len(ids):
                    self.index.add(ids, vectors)
                indexer.held = stored
                indexer.forget_signatures()
            indexer.seen = generation
        if affected:
            await self.searcher.refresh_known()
            log.info("caught up with the store: %d article(s) changed by another process", len(affected))
        return len(affected)

    async def _questions_first(self) -> None:
        """An ingest waits here before encoding a few passages while questions are
        being answered (at most QUESTIONS_FIRST_S at a time, so a stream of questions
        only slows an ingest down)."""
        if self._asking:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._no_question.wait(), QUESTIONS_FIRST_S)

    # -- asking ----------------------------------------------------------
    @contextlib.asynccontextmanager
    async def answering(self):
        """While inside, an ingest of this engine encodes nothing (see `_questions_first`)."""
        self._asking += 1
        self._no_question.clear()
        try:
            yield
        finally:
            self._asking -= 1
            if not self._asking:
                self._no_question.set()

    async def ask(self, question: str, mode: str = "hybrid", k: int = 10) -> Answer:
        await self.catch_up_soon()
        async with self.answering():
            return await self._ask(question, mode, k)

    async def _ask(self, question: str, mode: str, k: int) -> Answer:
        start = time.perf_counter()
        typed = _clean(question)
        question = self.searcher.reading(typed)  # "dan vân kheo …": read as typed without accents
        ranking = await self.searcher.search(question, k=k, mode=mode)
        found = is_found(ranking.hits, ranking.top_cosine, ranking.bigram_coverage, ranking.accented,
                         used_dense=mode != "lexical", t=self.threshold,
                         exact_match=ranking.exact_match,
                         contradicted=ranking.contradicted)
        hits = ranking.hits
        by = None
        if not ranking.name_match and not ranking.unknown and asks_of_author(question):
            # "Nguyễn Thị Qúy là ai?": she only signs articles; "Hữu Nam viết bài gì": a pen name
            # (a pen name only when the question asks what someone wrote)
            by = ranking.bylines[0] if ranking.bylines else (
                await self.searcher.author_named(question) if asks_of_writing(question) else None)
        if by is not None:
            answer = byline_answer(question, by.name, await self.store.lead_passages(by.article_ids[:MAX_BYLINE_ARTICLES]))
            return replace(answer, query=typed, latency_ms=(time.perf_counter() - start) * 1000,
                           unknown=ranking.unknown)
        if found and self.reranker is not None:
            hits = await self.reranker.rerank(question, hits)
        if found and hits and read_question(question).passage_tests():
            top = hits[drawn_from(hits, self.config.answer)[0]]
            extra = counting_passage(question, hits, await self.store.article_passages(top.article_id),
                                     ranking.lexical.idf, self.config.answer)
            if extra is not None:  # drawn on, as the top article's second passage
                at = hits.index(top) + 1
                hits = [*hits[:at], replace(top, passage=extra), *hits[at:]]
        drawn = [hits[r].passage.chunk_id for r in drawn_from(hits, self.config.answer)] if found else []
        following = await self.store.following_chunks(drawn) if drawn else {}
        answer = compose(question, hits, found, ranking.lexical.idf, self.config.answer, following)
        # "Chủ tịch UBND tỉnh … là ai?": only a sentence naming both answers (the office read even when
        # the question also names someone, unlike `Asked.office`, which then defers to the name)
        office = asked_office(question)
        if answer.found and office is not None and not any(names_the_office(s.text, office) for s in answer.sentences):
            # the top articles name the office but no one in it: the passages found that do answer,
            # from articles that fit the question and write the places it names (not another
            # province's or district's chairman: the office check reads the title, the next
            # word, a province right after it and the place after the unit asked)
            places = [p for p in named_places(question) if not p.village]
            fitting = [h for h in hits if h.fits
                       and all(self.searcher.mentions(ranking.lexical, h.passage.article, p) for p in places)]

            def names_holder(text: str) -> bool:
                return any(names_the_office(s, office) for s in split_sentences(text))

            naming = [h for h in fitting if names_holder(h.passage.text)]
            if not naming and fitting:  # further down the first fitting article ("Đ/c Đinh Thị Anh - …, Trưởng ban DV")
                top = fitting[0]
                naming = [replace(top, passage=p) for p in await self.store.article_passages(top.article_id)
                          if names_holder(p.text)][:self.config.answer.max_passages]
            answer = compose(question, naming, True, ranking.lexical.idf, self.config.answer) if naming else answer
            if not any(names_the_office(s.text, office) for s in answer.sentences):
                answer = Answer(query=question, found=False, hits=tuple(hits))
        elapsed = (time.perf_counter() - start) * 1000
        return Answer(query=typed, found=answer.found, sentences=answer.sentences,
                      citations=answer.citations, hits=answer.hits, latency_ms=elapsed, unknown=ranking.unknown,
                      elsewhere=ranking.elsewhere,
                      note=answer.note)

    async def signal(self, question: str) -> Signal:
        """What the not-found rule sees of a question (for calibration)."""
        ranking = await self.searcher.search(self.searcher.reading(_clean(question)))
        return Signal(ranking.top_cosine, ranking.bigram_coverage, ranking.accented, bool(ranking.hits),
                      ranking.exact_match, ranking.contradicted)

    async def source_text(self, citation: Citation) -> str:
        """What the source view shows: the quoted passages with their neighbours
        (read when asked for, not on every question)."""
        chunks = await self.store.article_chunks(citation.article_id)
        return with_context(chunks, citation.ords) or citation.passage

    async def search_articles(self, query: str, limit: int = 5, offset: int = 0) -> list[ArticleInfo]:
        """Articles matching keywords, most relevant first (one entry per article): those
        holding one of the keywords' word pairs, or the keyword when it is one word (an
        abbreviation of the field in either form), or a document code or number typed
        ("18 CT TU", "số 136"), not any of their syllables ("Gia Lai" is not "tham gia"
        and "tương lai")."""
        await self.catch_up_soon()
        query = _clean(query)
        typed = " ".join(fold(w) for w in words(query))
        forms = [typed, *abbreviation_variants(typed)]
        codes = parse_code_query(query)
        if not codes and (bare := BARE_NUMBER_RE.fullmatch(query)):  # "136", "số 136": any document of it
            codes = [(int(bare.group(1)), abbr, None) for abbr in DOCUMENT_ABBRS]  # (not "60 km/h")
        k = 2 * (offset + limit) + 20
        while True:  # the ranking holds loose matches too: read further until the page is full
            # (typed partly without accents, "dan vân kheo": ranked as typed without any, as questions are)
            ranking = await self.searcher.search(self.searcher.reading(query), k=k, mode="lexical")
            snap = ranking.lexical
            coded = list(dict.fromkeys(
                snap.articles.ids[snap.chunk_article_rows[snap.chunks_with_codes(tuple(codes))]].tolist()))
            ranked = list(dict.fromkeys(h.article_id for h in ranking.hits))
            named = set(coded)
            kept = [aid for aid in ranked if aid in named or snap.holds_words(aid, forms)]
            if len(kept) >= offset + limit or len(ranked) < k or k >= MAX_LISTED_RANKING:
                break
            k = min(k * 4, MAX_LISTED_RANKING)
        info = {h.article_id: h.passage.article for h in ranking.hits}
        # an article naming the document that the words did not rank (a number inside a code),
        # or signed by a person the query names ("/tim Nguyễn Thị Qúy"): after
        signed = [aid for b in ranking.bylines for aid in b.article_ids]
        unranked = [aid for aid in dict.fromkeys((*coded, *signed)) if aid not in kept]
        fetched = await self.store.latest(len(unranked), among=unranked) if unranked else []
        info |= {a.id: a for a in fetched}
        kept += [a.id for a in fetched]  # newest first
        return [info[aid] for aid in kept[offset : offset + limit]]

    async def documents(self, code_query: str) -> list[RefMention]:
        """Every article that mentions a document typed loosely (``18 CT TU``), or any
        document of that number when only a number is typed (``62``, ``số 62``)."""
        wanted = parse_code_query(code_query)
        bare = BARE_NUMBER_RE.fullmatch(code_query)
        if not wanted and bare:
            wanted = [(int(bare.group(1)), None, None)]
        out: list[RefMention] = []
        seen: set[tuple[int, str]] = set()
        for q in wanted:
            for m in await self.store.ref_mentions(q[0]):
                key = (m.article.id, m.ref.key)
                if key not in seen and code_matches(m.ref.code, m.ref.kind, m.ref.number, q):
                    seen.add(key)
                    out.append(m)
        out.sort(key=lambda m: (m.article.published or dt.date.min), reverse=True)
        return out

    async def latest(self, limit: int = 5, offset: int = 0, until: dt.date | None = None) -> list[ArticleInfo]:
        return await self.store.latest(limit, offset, until=until)

    async def newest_mentioning(self, parts: list[list[str]], limit: int, offset: int = 0,
                                until: dt.date | None = None) -> list[ArticleInfo]:
        """The newest articles (of `until` or before) whose words hold, for every part,
        one of its keys (folded word sequences; every word pair of a key must occur,
        not necessarily together: callers that need the phrase check the text)."""
        await self.catch_up_soon()
        snap = self.lexical.latest()
        rows = None
        for keys in parts:
            some = np.unique(np.concatenate([snap.articles_mentioning(k) for k in keys] or [np.zeros(0, np.int64)]))
            rows = some if rows is None else np.intersect1d(rows, some)
        if rows is None or not rows.size:
            return []
        return await self.store.latest(limit, offset, among=snap.articles.ids[rows].tolist(), until=until)

    async def stats(self) -> dict:
        counts = await self.store.counts()
        today = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT00:00:00Z")
        return {
            **counts,
            "vectors": self.index.size,
            "encoder": self.encoder.model_id,
            "threshold": self.threshold,
            "threshold_source": self.threshold_source,
            "sites": await self.store.sites(),
            "newest": await self.store.newest_date(),
            "last_ingest": await self.store.last_ingest(),
            "queries_today": await self.store.queries_since(today),
        }


def _clean(question: str) -> str:
    """A question as it is searched (see `shorten_question`)."""
    return shorten_question(question)[0]


async def _rebuild(store: Store, encoder: Encoder, data_dir: Path, chunk_words: int,
                   progress: Callable[[int, int], None] | None = None) -> int:
    for name in (INDEX_FILE, META_FILE):  # until rebuilt, opening the engine re-reads the stored vectors
        (data_dir / name).unlink(missing_ok=True)
    index = VectorIndex(data_dir, encoder.dim, encoder.model_id)
    n = 0
    article_ids = (await store.article_ids()).tolist()
    for done, article_id in enumerate(article_ids, 1):
        if progress is not None:
            progress(done, len(article_ids))
        stored = await store.article_text(article_id)
        if stored is None:  # deleted meanwhile
            continue
        rows = chunk_rows(encoder, *stored, chunk_words)
        ids = await store.replace_chunks(article_id, rows, encoder.model_id, index_fields(*stored))
        if ids:
            index.add(np.array(ids), np.stack([r.vector for r in rows]))
        n += len(ids)
    index.save(await store.generation())
    await store.set_meta(CHUNK_WORDS_KEY, str(chunk_words))
    await store.set_meta(TOKENS_KEY, TOKENS_VERSION)  # every word split again above
    return n
