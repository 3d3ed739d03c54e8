"""Watched feeds: checked on a schedule against a real local web server, their new
entries stored in the real store, nothing fetched twice, failures kept and retried."""

from __future__ import annotations

import asyncio
import datetime as dt

from bot.core import BotCore
from bot.runner import SharedEngine, feeds_running
from bot.types import Incoming
from bot_harness import ADMIN, rows, settings_for
from corpus.types import Feed, FeedEntry, IngestReport
from corpus.sources import feed_key
from retrieval.feeds import (CONFIG, MAX_TRIES, FeedWatcher, configure, entry_statuses, failed_pages_note,
                            find_feed, next_check, retry_pending, to_fetch)

T0 = dt.datetime(2026, 11, 26, 1, 0, tzinfo=dt.timezone.utc)
HOUR = dt.timedelta(hours=1)

TOPICS = [
    ("Đăk Hà biểu dương 45 mô hình dân vận khéo", "Ban Dân vận Huyện ủy Đăk Hà biểu dương 45 mô hình dân vận khéo "
     "về phát triển kinh tế, giảm nghèo bền vững và giữ gìn an ninh trật tự ở cơ sở."),
    ("Ngọc Hồi tập huấn công tác tôn giáo", "Huyện Ngọc Hồi mở lớp tập huấn công tác tôn giáo cho 120 cán bộ "
     "xã, thị trấn; học viên được phổ biến Luật Tín ngưỡng, tôn giáo và các văn bản hướng dẫn."),
    ("Sa Thầy ra mắt tổ tự quản bảo vệ rừng", "Xã Ya Xiêr, huyện Sa Thầy ra mắt 12 tổ tự quản bảo vệ rừng do "
     "đồng bào dân tộc thiểu số làm nòng cốt, nhận khoán hơn 900 héc ta rừng phòng hộ."),
    ("Kon Plông hỗ trợ nhà ở cho hộ nghèo", "Mặt trận Tổ quốc huyện Kon Plông trao 30 căn nhà đại đoàn kết cho "
     "hộ nghèo, mỗi căn được hỗ trợ 50 triệu đồng từ Quỹ Vì người nghèo của tỉnh."),
]


def page(i: int) -> str:
    title, lead = TOPICS[i]
    filler = {0: "Hội nghị đề ra chỉ tiêu năm 2025 với nhiều giải pháp cụ thể.",
              1: "Các đại biểu thảo luận về việc quản lý hoạt động tín ngưỡng tại địa phương.",
              2: "Lực lượng kiểm lâm phối hợp tuần tra thường xuyên trong mùa khô.",
              3: "Nhiều doanh nghiệp và nhà hảo tâm cùng đóng góp vật liệu xây dựng."}[i]
    return (f"<!doctype html><html><head><title>{title}</title>"
            f'<meta property="og:title" content="{title}"></head><body><article><h1>{title}</h1>'
            f"<p>{lead}</p><p>{filler}</p></article></body></html>")


def rss(links) -> str:
    items = "".join(f"<item><title>{TOPICS[i % len(TOPICS)][0]}</title><link>{u}</link>"
                    "<pubDate>Wed, 25 Nov 2026 08:00:00 +0700</pubDate></item>" for i, u in enumerate(links))
    return f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Tin</title>{items}</channel></rss>'


def feed(**kw) -> Feed:
    base = dict(id=1, url="https://x.vn/rss", added_by=None, added_at=T0, checked_at=None, ok_at=None,
                failures=0, error=None, etag=None, last_modified=None, articles=0)
    base.update(kw)
    return Feed(**base)


class Clock:
    def __init__(self, at=T0):
        self.at = at

    def __call__(self):
        return self.at


# -- the pure rules ------------------------------------------------------------
def test_a_feed_is_due_at_once_then_each_interval_and_waits_longer_after_failures():
    assert next_check(feed(), HOUR) == T0
    assert next_check(feed(checked_at=T0), HOUR) == T0 + HOUR
    assert next_check(feed(checked_at=T0, failures=1), HOUR) == T0 + 2 * HOUR
    assert next_check(feed(checked_at=T0, failures=3), HOUR) == T0 + 8 * HOUR
    assert next_check(feed(checked_at=T0, failures=40), HOUR) == T0 + dt.timedelta(days=1)  # at most a day
    week = dt.timedelta(days=7)
    assert next_check(feed(checked_at=T0, failures=2), week) == T0 + week  # never sooner than the interval


def test_one_feed_under_its_other_addresses_and_by_its_number():
    assert feed_key("https://www.BaoKonTum.com.vn/rss/") == feed_key("http://baokontum.com.vn/rss") == "baokontum.com.vn/rss"
    assert feed_key("https://x.vn/") == feed_key("x.vn") == "x.vn"
    assert feed_key("https://x.vn/rss?cat=1") != feed_key("https://x.vn/rss?cat=2")
    assert feed_key("https://x.vn/RSS") != feed_key("https://x.vn/rss")  # a path's case is the server's
    feeds = [feed(id=2, url="https://a.vn/rss"), feed(id=5, url="http://b.vn/tin/")]
    assert find_feed(feeds, "5") is feeds[1] and find_feed(feeds, " https://b.vn/tin ") is feeds[1]
    assert find_feed(feeds, "1") is None and find_feed(feeds, "") is None and find_feed(feeds, "c.vn") is None


async def test_a_feed_is_watched_once_under_any_of_its_addresses(engine):
    store = engine.store
    first, new = await store.add_feed("http://x.vn/rss", "7")
    assert new
    again, new = await store.add_feed("https://www.x.vn/rss/", "8")
    assert not new and again == first  # kept as it was: its address, who added it
    await configure(store, ["https://x.vn/rss"])  # the configuration names it too: still one feed
    assert [f.url for f in await store.feeds()] == ["http://x.vn/rss"]
    second, _ = await store.add_feed("https://y.vn/rss", CONFIG)
    await configure(store, ["http://y.vn/rss/"])  # the same feed configured: not pruned
    assert [f.url for f in await store.feeds()] == ["http://x.vn/rss", "https://y.vn/rss"]
    assert await store.remove_feed("https://x.vn/rss") and not await store.remove_feed("https://x.vn/rss")
    assert [f.id for f in await store.feeds()] == [second.id]
    # a store from before may hold one feed twice (http and https): each row is its own
    await store._write("INSERT INTO feeds(url, added_by) VALUES ('http://z.vn/rss', '42')")
    await store._write("INSERT INTO feeds(url, added_by) VALUES ('https://z.vn/rss', ?)", (CONFIG,))
    await configure(store, ["https://y.vn/rss"])  # z.vn no longer configured: only the configured row goes
    assert [(f.url, f.added_by) for f in await store.feeds()][-1] == ("http://z.vn/rss", "42")
    await store._write("INSERT INTO feeds(url, added_by) VALUES ('https://z.vn/rss', '43')")
    [old, new] = [f for f in await store.feeds() if "z.vn" in f.url]
    assert await store.remove_feed(new.url)  # the very row named, not its twin
    assert [f.url for f in await store.feeds() if "z.vn" in f.url] == [old.url]


def test_only_entries_never_handled_or_failed_fewer_times_are_fetched():
    entries = [FeedEntry(f"https://x.vn/{n}") for n in "abcd"]
    handled = {"https://x.vn/a": ("done", 1), "https://x.vn/b": ("failed", MAX_TRIES - 1),
               "https://x.vn/c": ("failed", MAX_TRIES)}
    assert [e.link for e in to_fetch(entries, handled)] == ["https://x.vn/b", "https://x.vn/d"]
    report = IngestReport(outcomes={"https://x.vn/b": "duplicate", "https://x.vn/d": "failed",
                                    "https://x.vn/e": "added"})
    assert entry_statuses(report) == {"https://x.vn/b": "done", "https://x.vn/d": "failed", "https://x.vn/e": "done"}
    assert retry_pending(handled) and not retry_pending({"https://x.vn/c": ("failed", MAX_TRIES)})


# -- checks against a local web server ------------------------------------------
async def test_a_watched_feed_is_read_once_and_only_its_new_entries_fetched(engine, web):
    clock = Clock()
    w = FeedWatcher(engine, HOUR, clock=clock)
    for i in range(3):
        web.route(f"/{i}.html", page(i))
    links = [web.url("/0.html"), web.url("/1.html"), web.url("/gone.html")]
    web.route("/rss", rss(links), ctype="application/rss+xml", etag='"v1"')
    before = (await engine.store.counts())["articles"]

    added = await w.add(web.url("/rss"), ADMIN)
    assert added.new and added.feed is not None and added.check is not None
    assert len(added.report.added) == 2 and [f.reason for f in added.report.failed] == ["máy chủ trả lỗi HTTP 404"]
    assert (await engine.store.counts())["articles"] == before + 2
    [f] = await engine.store.feeds()
    assert (f.url, f.added_by, f.articles, f.failures, f.error, f.etag) == (web.url("/rss"), ADMIN, 2, 0, None, '"v1"')
    answer = await engine.ask("Ngọc Hồi tập huấn công tác tôn giáo cho bao nhiêu cán bộ?")
    assert answer.found and "120 cán bộ" in answer.text and answer.citations[0].url == web.url("/1.html")

    # not due yet: nothing is asked
    clock.at = T0 + HOUR / 2
    assert await w.tick() == [] and web.hits["/rss"] == 1

    # due: a failed entry waits for another try, so the feed is read in full; only it is fetched
    clock.at = T0 + HOUR
    [check] = await w.tick()
    assert not check.unchanged and web.hits["/rss"] == 2 and web.hits["/0.html"] == web.hits["/1.html"] == 1
    assert web.hits["/gone.html"] == 2 and check.added == 0

    # the feed changes: only the new entry and the failed one are fetched
    web.route("/3.html", page(3))
    web.route("/rss", rss([web.url("/3.html"), *links]), ctype="application/rss+xml", etag='"v2"')
    clock.at = T0 + 2 * HOUR
    [check] = await w.tick()
    assert not check.unchanged and check.added == 1 and len(check.report.failed) == 1
    assert web.hits["/3.html"] == 1 and web.hits["/0.html"] == web.hits["/1.html"] == 1
    assert web.hits["/gone.html"] == MAX_TRIES == 3
    [f] = await engine.store.feeds()
    assert f.articles == 3 and f.etag == '"v2"' and f.checked_at == clock.at
    assert rows(engine.config.data_dir, "SELECT status, attempts FROM feed_entries WHERE link=?",
                (web.url("/gone.html"),)) == [("failed", MAX_TRIES)]

    # tried MAX_TRIES times in all, it is left alone: an unchanged feed is now one conditional request
    clock.at += HOUR
    [check] = await w.tick()
    assert check.unchanged and web.hits["/rss"] == 4 and web.hits["/gone.html"] == MAX_TRIES
    web.route("/rss", rss([web.url("/3.html"), *links]), ctype="application/rss+xml", etag='"v3"')
    clock.at += HOUR
    [check] = await w.tick()
    assert not check.unchanged and check.added == 0 and web.hits["/gone.html"] == MAX_TRIES
    assert (await engine.store.counts())["articles"] == before + 3


async def test_an_entry_already_stored_is_not_fetched_again(engine, web):
    web.route("/0.html", page(0))
    web.route("/1.html", page(1))
    report = await engine.ingest([web.url("/0.html")])  # an admin added it by hand
    assert len(report.added) == 1 and web.hits["/0.html"] == 1
    web.route("/rss", rss([web.url("/0.html"), web.url("/1.html")]), ctype="application/rss+xml")
    added = await FeedWatcher(engine, HOUR).add(web.url("/rss"), ADMIN)
    assert added.check.known == 1 and added.check.added == 1
    assert web.hits["/0.html"] == 1 and web.hits["/1.html"] == 1


async def test_the_stored_links_among_a_feeds_entries_are_found_at_once(engine):
    from corpus.types import RawDocument

    await engine.ingest_documents([RawDocument(origin="https://a.vn/go/1", kind="record", url="https://a.vn/1.html",
                                               title="Bài một", text="Dân vận khéo ở cơ sở, bài thứ nhất. " * 5)])
    links = ["https://a.vn/1.html", "https://a.vn/go/1", "https://a.vn/2.html", "https://a.vn/1.html"]
    many = [f"https://a.vn/x{i}.html" for i in range(900)] + links  # more than one query's parameters
    assert await engine.store.known_links(links) == await engine.store.known_links(many) == set(links[:2])
    assert await engine.store.known_links([]) == set()


async def test_a_feed_that_fails_keeps_its_state_and_waits_longer(engine, web):
    clock = Clock()
    w = FeedWatcher(engine, HOUR, clock=clock)
    web.route("/0.html", page(0))
    web.route("/rss", rss([web.url("/0.html")]), ctype="application/rss+xml")
    await w.add(web.url("/rss"), ADMIN)
    web.route("/rss", "overloaded", status=503)
    clock.at = T0 + HOUR
    [check] = await w.tick()
    assert check.error is not None and check.error.reason == "máy chủ trả lỗi HTTP 503"
    [f] = await engine.store.feeds()
    assert (f.failures, f.error, f.articles, f.ok_at) == (1, "máy chủ trả lỗi HTTP 503", 1, T0)
    assert next_check(f, HOUR) == T0 + 3 * HOUR  # twice the interval after one failure
    clock.at = T0 + 2 * HOUR
    assert await w.tick() == []
    # a feed that stops answering in time: the check gives up, the bot goes on
    web.route("/rss", rss([web.url("/0.html")]), ctype="application/rss+xml", delay=2.0)
    w.fetch_timeout = 0.5
    clock.at = T0 + 3 * HOUR
    [check] = await w.tick()
    assert check.error.reason == "quá thời gian chờ (0,5 giây)"
    [f] = await engine.store.feeds()
    assert (f.failures, f.error, f.articles) == (2, "quá thời gian chờ (0,5 giây)", 1)
    # it answers again: the failures are forgotten
    web.route("/rss", rss([web.url("/0.html")]), ctype="application/rss+xml")
    clock.at = next_check(f, HOUR)
    [check] = await w.tick()
    assert check.error is None and check.known == 0 and check.added == 0
    [f] = await engine.store.feeds()
    assert (f.failures, f.error) == (0, None)


async def test_adding_a_page_or_a_broken_feed_watches_nothing(engine, web):
    w = FeedWatcher(engine, HOUR)
    web.route("/0.html", page(0))
    as_page = await w.add(web.url("/0.html"), ADMIN)  # /them with an article: stored, not watched
    assert as_page.feed is None and len(as_page.report.added) == 1
    refused = await w.add(web.url("/0.html"), ADMIN, pages=False)  # `feeds add` with an article
    assert refused.feed is None and [f.reason for f in refused.report.failed] == ["không phải nguồn tin RSS/Atom"]
    web.route("/bad.xml", "<rss><channel><title>x</title></channel></rss>", ctype="application/rss+xml")
    broken = await w.add(web.url("/bad.xml"), ADMIN)
    assert broken.feed is None and broken.report.failed[0].reason == "không phải nguồn tin RSS/Atom hợp lệ"
    assert await engine.store.feeds() == []


async def test_configured_feeds_follow_the_configuration_and_added_ones_stay(engine):
    w = FeedWatcher(engine, HOUR)
    await engine.store.add_feed("https://tay.vn/rss", ADMIN)
    await w.configure(["https://a.vn/rss", "https://b.vn/rss"])
    assert [(f.url, f.added_by) for f in await engine.store.feeds()] == [
        ("https://tay.vn/rss", ADMIN), ("https://a.vn/rss", CONFIG), ("https://b.vn/rss", CONFIG)]
    await w.configure(["https://b.vn/rss"])
    assert [f.url for f in await engine.store.feeds()] == ["https://tay.vn/rss", "https://b.vn/rss"]


async def test_a_check_killed_half_way_fetches_nothing_twice(engine, web):
    web.route("/0.html", page(0))
    web.route("/1.html", page(1), delay=30.0)  # the process is killed while this one loads
    web.route("/rss", rss([web.url("/0.html"), web.url("/1.html")]), ctype="application/rss+xml", etag='"k"')
    w = FeedWatcher(engine, HOUR)
    w.fetch_group = 1  # each page stored before the next is fetched
    before = (await engine.store.counts())["articles"]
    task = asyncio.create_task(w.add(web.url("/rss"), ADMIN))
    for _ in range(200):
        await asyncio.sleep(0.05)
        if web.hits.get("/1.html"):
            break
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    assert (await engine.store.counts())["articles"] == before + 1  # the first article is stored whole
    [f] = await engine.store.feeds()
    assert f.etag is None  # not finished: the next check reads the feed in full, not "unchanged"
    web.route("/1.html", page(1))
    [check] = await w.tick(every=True)
    assert not check.unchanged
    assert check.known == 0 and check.added == 1  # the stored entry was recorded although the check was cancelled
    assert web.hits["/0.html"] == 1 and (await engine.store.counts())["articles"] == before + 2
    [f] = await engine.store.feeds()
    assert f.articles == 2


# -- in the bots ---------------------------------------------------------------
async def test_admins_watch_list_and_stop_feeds_in_the_bot(engine, data_dir, web):
    web.route("/0.html", page(0))
    web.route("/rss", rss([web.url("/0.html")]), ctype="application/rss+xml")
    core = BotCore(engine, settings_for(data_dir), "telegram")

    def m(text, user=ADMIN):
        return Incoming(platform="telegram", chat_id="5", user_id=user, text=text)

    [r] = await core.handle(m(f"/them {web.url('/rss')}", user="999"))
    assert r.plain == "Lệnh này chỉ dành cho quản trị viên." and await engine.store.feeds() == []
    [r] = await core.handle(m(f"/them {web.url('/rss')}"))
    assert "Đã theo dõi nguồn tin này: cứ 30 phút bot tự kiểm tra và nạp bài mới." in r.plain
    assert "Đã nạp: 1 bài mới" in r.plain
    [r] = await core.handle(m(f"/add {web.url('/rss')}"))
    assert r.plain.endswith("vừa kiểm tra lại.\nKhông có bài mới.") and web.hits["/0.html"] == 1
    [r] = await core.handle(m("/nguontin"))
    assert f"1. {web.url('/rss')}" in r.plain and "tốt. Đã nạp 1 bài từ nguồn này." in r.plain
    assert "kiểm tra mỗi 30 phút" in r.plain
    [r] = await core.handle(m("/thongke"))
    assert "Nguồn RSS theo dõi: 1 (/nguontin)" in r.plain
    web.route("/rss", "", status=503)
    await FeedWatcher(engine, HOUR).tick(every=True)
    [r] = await core.handle(m("/thongke"))
    assert "Nguồn RSS theo dõi: 1, 1 đang lỗi (/nguontin)" in r.plain
    [r] = await core.handle(m("/nguontin"))
    assert "bị lỗi (lỗi 1 lần liên tiếp): máy chủ trả lỗi HTTP 503. Thử lại lúc" in r.plain
    web.route("/rss", rss([web.url("/0.html")]), ctype="application/rss+xml")
    [r] = await core.handle(m("/bonguon 2"))
    assert r.plain.startswith("Không có nguồn tin «2» trong danh sách /nguontin (1 nguồn)")
    # numbers stay their feeds' while others come and go
    web.route("/rss2", rss([web.url("/0.html")]), ctype="application/rss+xml")
    await core.handle(m(f"/them {web.url('/rss2')}"))
    await core.handle(m(f"/them {web.url('/rss2')}/"))  # the same feed: not watched twice
    [r] = await core.handle(m("/nguontin"))
    assert f"1. {web.url('/rss')}" in r.plain and f"2. {web.url('/rss2')}" in r.plain and "\n3. " not in r.plain
    [r] = await core.handle(m("/bonguon 1"))
    assert r.plain.startswith(f"Đã ngừng theo dõi {web.url('/rss')}.")
    [r] = await core.handle(m("/nguontin"))
    assert f"2. {web.url('/rss2')}" in r.plain and "\n1. " not in r.plain
    [r] = await core.handle(m("/bonguon 2"))
    assert r.plain.startswith(f"Đã ngừng theo dõi {web.url('/rss2')}.")
    assert await engine.store.feeds() == [] and (await engine.store.counts())["articles"] == 6
    [r] = await core.handle(m("/feeds"))
    assert r.plain.startswith("Chưa theo dõi nguồn tin nào.")
    [r] = await core.handle(m("/stats"))
    assert "Nguồn RSS theo dõi: chưa có (/them <địa chỉ RSS>)" in r.plain
    off = BotCore(engine, settings_for(data_dir, feed_minutes=0.0), "telegram")
    [r] = await off.handle(m(f"/them {web.url('/rss')}"))
    assert r.plain.startswith("Đã ghi nhận nguồn tin này, nhưng bot đang tắt việc tự kiểm tra")
    [r] = await off.handle(m("/nguontin"))
    assert r.plain.startswith("Nguồn tin đã khai báo (bot đang tắt việc tự kiểm tra")


async def test_the_bots_check_configured_feeds_and_stop_cleanly(engine, data_dir, web):
    web.route("/0.html", page(0))
    web.route("/1.html", page(1))
    web.route("/rss", rss([web.url("/0.html"), web.url("/1.html")]), ctype="application/rss+xml")
    settings = settings_for(data_dir, feeds=(web.url("/rss"),), feed_minutes=30.0)
    cursor = max(r[0] for r in rows(data_dir, "SELECT seq FROM articles"))
    async with feeds_running(settings, SharedEngine.of(engine)) as task:
        assert task is not None
        for _ in range(200):
            if len(await engine.store.articles_after(cursor)) == 2:
                break
            await asyncio.sleep(0.05)
    assert task.done()
    new = await engine.store.articles_after(cursor)  # what the next digests will send
    assert sorted(a.url for a in new) == [web.url("/0.html"), web.url("/1.html")]
    [f] = await engine.store.feeds()
    assert f.added_by == CONFIG and f.articles == 2
    async with feeds_running(settings_for(data_dir, feed_minutes=0.0), SharedEngine.of(engine)) as task:
        assert task is None  # DANVAN_FEED_MINUTES=off


def test_feed_settings_are_read_and_checked():
    import pytest

    from bot.settings import Settings
    from corpus.errors import ConfigError

    s = Settings.from_env({"DANVAN_FEEDS": "https://a.vn/rss, https://b.vn/feed  https://a.vn/rss;https://c.vn/rss"})
    assert s.feeds == ("https://a.vn/rss", "https://b.vn/feed", "https://c.vn/rss") and s.feed_minutes == 30.0
    assert s.feed_interval == dt.timedelta(minutes=30)
    assert Settings.from_env({"DANVAN_FEED_MINUTES": "off"}).feed_minutes == 0.0
    assert Settings.from_env({"DANVAN_FEED_MINUTES": "90"}).feed_interval == dt.timedelta(minutes=90)
    with pytest.raises(ConfigError, match="DANVAN_FEEDS must list http"):
        Settings.from_env({"DANVAN_FEEDS": "baokontum.com.vn/rss"})
    for bad in ("0.5", "mỗi giờ", "nan", "inf"):
        with pytest.raises(ConfigError, match="DANVAN_FEED_MINUTES"):
            Settings.from_env({"DANVAN_FEED_MINUTES": bad})


async def test_an_ingest_in_the_bots_encodes_nothing_while_a_question_is_answered(template, data_dir):
    # Encoding passages while a question is answered slowed questions from ~40 ms to
    # a p95 of 2 s (`make bench`, section 7): in the bots an ingest encodes two
    # passages at a time, each batch only when no question is being answered.
    import shutil

    from corpus.types import RawDocument
    from embeddings.fake import HashingEncoder
    from retrieval.engine import SERVING_BATCH, Engine, EngineConfig

    class Counting(HashingEncoder):
        batches: list[int] = []

        def encode_passages(self, texts):
            self.batches.append(len(texts))
            return super().encode_passages(texts)

    shutil.copytree(template, data_dir, dirs_exist_ok=True)
    encoder = Counting()
    engine = await Engine.open(EngineConfig(data_dir=data_dir, ingest_batch=SERVING_BATCH), encoder)
    try:
        text = " ".join(f"{TOPICS[i % 4][1]} Đợt {i} kéo dài {i + 2} ngày." for i in range(12))
        doc = RawDocument(origin="https://x.vn/dai.html", text=text, kind="text", title="Một bài dài")
        async with engine.answering():
            task = asyncio.create_task(engine.ingest_documents([doc]))
            await asyncio.sleep(0.3)
            assert encoder.batches == [] and not task.done()  # waits for the question
        report = await task
        chunks = rows(data_dir, "SELECT count(*) FROM chunks c JOIN articles a ON a.id = c.article_id "
                                "WHERE a.origin = ?", ("https://x.vn/dai.html",))[0][0]
        assert len(report.added) == 1 and chunks >= 4
        assert max(encoder.batches) == SERVING_BATCH and sum(encoder.batches) == chunks
    finally:
        await engine.close()


async def test_articles_another_process_stores_are_found_by_the_running_bots(engine, data_dir, web):
    # `main.py feeds check` from cron (or `main.py ingest`) writes while the bots run.
    from embeddings.fake import HashingEncoder
    from retrieval.engine import Engine, EngineConfig

    question = "Ngọc Hồi tập huấn công tác tôn giáo cho bao nhiêu cán bộ?"
    assert "120 cán bộ" not in (await engine.ask(question)).text
    web.route("/0.html", page(0))
    web.route("/1.html", page(1))
    web.route("/2.html", page(2))
    cron = await Engine.open(EngineConfig(data_dir=data_dir), HashingEncoder())
    try:
        report = await cron.ingest([web.url("/1.html"), web.url("/2.html")])
        assert len(report.added) == 2
        gone = (await cron.store.find_by_url(web.url("/2.html")))[0]
        assert await engine.sync() == 2  # what the bots do before each question
        await engine.settled()  # the word index follows in the background
        answer = await engine.ask(question)
        assert answer.found and "120 cán bộ" in answer.text and answer.citations[0].url == web.url("/1.html")
        # an edited page stored again elsewhere keeps its ids (SQLite reuses the highest): told by its content
        edited = page(1).replace("120 cán bộ", "350 cán bộ")
        from corpus.types import RawDocument

        doc = RawDocument(origin=web.url("/1.html"), text=edited, kind="html", url=web.url("/1.html"))
        assert (await cron.ingest_documents([doc])).updated
        await engine.ask(question)  # finds the change; answered from the word index as it was
        await engine.settled()
        answer = await engine.ask(question)
        assert "350 cán bộ" in answer.text and "120 cán bộ" not in answer.text
        await cron.indexer.delete(gone)  # removed elsewhere: never quoted again
    finally:
        await cron.close()
    assert await engine.sync() == 1
    await engine.settled()
    answer = await engine.ask("Sa Thầy ra mắt bao nhiêu tổ tự quản bảo vệ rừng?")
    assert all(c.url != web.url("/2.html") for c in answer.citations)
    assert engine.index.size == (await engine.store.counts())["chunks"]
    # the bots' own ingest saves the caches; a restart trusts only caches that hold every article
    await engine.ingest([web.url("/0.html")])
    await engine.close()
    again = await Engine.open(EngineConfig(data_dir=data_dir), HashingEncoder())
    try:
        assert again.index.size == (await again.store.counts())["chunks"]
        assert sorted(again.lexical.chunk_terms) == sorted((await again.store.chunk_ids()).tolist())
        assert "350 cán bộ" in (await again.ask(question)).text
    finally:
        await again.close()


async def test_tracking_links_and_redirects_do_not_fetch_an_article_again(engine, web):
    from corpus.sources import without_tracking

    assert without_tracking("https://x.vn/a.php?id=5&utm_source=rss&fbclid=1") == "https://x.vn/a.php?id=5"
    assert without_tracking("https://x.vn/a?q=a+b") == "https://x.vn/a?q=a+b"  # untouched when nothing is removed
    clock = Clock()
    w = FeedWatcher(engine, HOUR, clock=clock)
    web.route("/0.html", page(0))
    web.route("/1.html", page(1))
    web.route("/rss", rss([web.url("/0.html?utm_source=rss&utm_term=1"), web.url("/1.html")]),
              ctype="application/rss+xml")
    added = await w.add(web.url("/rss"), ADMIN)
    assert added.check.added == 2
    [f] = await engine.store.feeds()
    for n in range(2, 5):  # a new tracking value at every fetch
        web.route("/rss", rss([web.url(f"/0.html?utm_source=rss&utm_term={n}"), web.url("/1.html")]),
                  ctype="application/rss+xml")
        clock.at += HOUR
        [check] = await w.tick()
        assert check.error is None and check.added == 0
    assert web.hits["/0.html"] == 1 and web.hits["/1.html"] == 1
    assert rows(engine.config.data_dir, "SELECT count(*) FROM feed_entries")[0][0] == 2
    # a link that redirects (a short link) to an article stored already is found by the link it was fetched by
    web.route("/2.html", page(2))
    web.route("/go/2", web.url("/2.html"), status=302)
    report = await engine.ingest([web.url("/go/2")])  # an admin added it by its short link
    assert len(report.added) == 1 and web.hits["/2.html"] == 1
    web.route("/rss", rss([web.url("/go/2"), web.url("/1.html")]), ctype="application/rss+xml")
    clock.at += HOUR
    [check] = await w.tick()
    assert check.known == 1 and check.added == 0 and web.hits["/go/2"] == 1 and web.hits["/2.html"] == 1


async def test_one_feed_failing_unexpectedly_does_not_stop_the_others(engine, web, monkeypatch):
    import corpus.sources

    clock = Clock()
    w = FeedWatcher(engine, HOUR, clock=clock)
    web.route("/0.html", page(0))
    web.route("/1.html", page(1))
    web.route("/bad", rss([web.url("/0.html")]), ctype="application/rss+xml")
    web.route("/good", rss([web.url("/1.html")]), ctype="application/rss+xml")
    await engine.store.add_feed(web.url("/bad"), ADMIN)
    await engine.store.add_feed(web.url("/good"), ADMIN)
    real = corpus.sources.parse_feed

    def broken(url, body):
        if url.endswith("/bad"):
            raise IndexError("a parser bug")
        return real(url, body)

    monkeypatch.setattr("retrieval.feeds.parse_feed", broken)
    bad, good = await w.tick(every=True)
    assert bad.error is not None and bad.error.reason == "lỗi không xác định khi kiểm tra nguồn tin"
    assert good.error is None and good.added == 1
    [fb, fg] = await engine.store.feeds()
    assert (fb.failures, fg.failures) == (1, 0) and fb.checked_at == T0
    assert next_check(fb, HOUR) == T0 + 2 * HOUR and next_check(fg, HOUR) == T0 + HOUR  # it backs off


async def test_a_checks_pages_are_fetched_a_few_at_a_time_and_feeds_side_by_side(engine, web):
    """A slow site is read a few pages at once, never all at once; a second feed is
    read while the first one's pages are still coming (not after)."""
    w = FeedWatcher(engine, HOUR, clock=Clock())

    async def watch_only(*feeds):
        for f in await engine.store.feeds():
            await engine.store.remove_feed(f.url)
        for name, pages in feeds:
            for i in pages:
                web.route(f"/{name}{i}.html", page(i), delay=0.3)
            web.route(f"/{name}", rss([web.url(f"/{name}{i}.html") for i in pages]), ctype="application/rss+xml")
            await engine.store.add_feed(web.url(f"/{name}"), ADMIN)
        web.load.clear()

    await watch_only(("a", range(3)))
    w.pages_at_once = 2
    [check] = await w.tick(every=True)
    assert check.added == 3 and web.most_at_once() == 2  # two of the three pages at a time
    # the same pages under other links (stored already: duplicates), two feeds
    await watch_only(("b", range(3)), ("c", [3]))
    w.pages_at_once = w.feeds_at_once = 1
    checks = await w.tick(every=True)
    assert [(len(c.report.duplicates), c.added) for c in checks] == [(3, 0), (0, 1)]
    assert web.most_at_once() == 1  # one feed, one page at a time
    await watch_only(("d", range(3)), ("e", [3]))
    w.feeds_at_once = 2
    checks = await w.tick(every=True)
    assert [(len(c.report.duplicates), c.added) for c in checks] == [(3, 0), (1, 0)] and web.most_at_once() == 2
    assert all(web.hits[f"/{n}{i}.html"] == 1 for n in "abd" for i in range(3))
    # two feeds listing one new page, checked side by side: it is fetched once
    for f in await engine.store.feeds():
        await engine.store.remove_feed(f.url)
    web.route("/same.html", page(2).replace("12 tổ tự quản", "14 tổ tự quản"), delay=0.3)
    for name in ("f", "g"):
        web.route(f"/{name}", rss([web.url("/same.html")]), ctype="application/rss+xml")
        await engine.store.add_feed(web.url(f"/{name}"), ADMIN)
    checks = await w.tick(every=True)
    assert web.hits["/same.html"] == 1 and sum(c.added for c in checks) == 1
    assert not any(c.report.failed for c in checks)
    checks = await w.tick(every=True)  # the other feed finds it stored at its next check
    assert web.hits["/same.html"] == 1 and sum(c.known for c in checks) == 1


async def test_a_feed_removed_during_its_check_is_not_recorded(engine, web):
    web.route("/0.html", page(0), delay=0.5)
    web.route("/rss", rss([web.url("/0.html")]), ctype="application/rss+xml")
    w = FeedWatcher(engine, HOUR)
    feed, _ = await engine.store.add_feed(web.url("/rss"), ADMIN)
    task = asyncio.create_task(w.check(feed))
    await asyncio.sleep(0.2)
    assert await w.remove(web.url("/rss"))
    check = await task  # no foreign-key error: the check of a feed no longer watched writes nothing
    assert check.added == 1 and await engine.store.feeds() == []
    assert rows(engine.config.data_dir, "SELECT count(*) FROM feed_entries")[0][0] == 0


async def test_a_page_stored_meanwhile_by_another_process_is_a_duplicate_not_an_error(engine, web):
    # The bots and a cron check read the same feed at once: both find the page new,
    # one stores it first; the other's write clashes with it and reports a duplicate.
    from corpus.types import RawDocument

    from embeddings.fake import HashingEncoder
    from retrieval.engine import Engine, EngineConfig

    first = RawDocument(origin=web.url("/1.html"), text=page(1), kind="html", url=web.url("/1.html"))
    assert len((await engine.ingest_documents([first])).added) == 1  # the bots know the store's articles
    doc = RawDocument(origin=web.url("/0.html"), text=page(0), kind="html", url=web.url("/0.html"))
    cron = await Engine.open(EngineConfig(data_dir=engine.config.data_dir), HashingEncoder())
    try:
        assert len((await cron.ingest_documents([doc])).added) == 1
    finally:
        await cron.close()
    store = engine.store
    real_url, real_hash = store.find_by_url, store.find_by_hash
    calls = {"n": 0}

    async def unseen_first(fn, *args):
        calls["n"] += 1
        return None if calls["n"] <= 2 else await fn(*args)  # the checks made before the other process wrote

    store.find_by_url = lambda url: unseen_first(real_url, url)
    store.find_by_hash = lambda h: unseen_first(real_hash, h)
    try:
        report = await engine.ingest_documents([doc])
    finally:
        store.find_by_url, store.find_by_hash = real_url, real_hash
    assert report.failed == [] and report.outcomes == {web.url("/0.html"): "duplicate"}
    assert "vừa được nạp ở nơi khác" in report.duplicates[0]


def test_minutes_are_written_the_vietnamese_way():
    from bot import render

    assert [render.fmt_minutes(m) for m in (30, 120, 2.5, 90)] == ["30 phút", "2 giờ", "2,5 phút", "90 phút"]


async def test_a_failed_entry_the_feed_no_longer_lists_is_given_up(engine, web):
    clock = Clock()
    w = FeedWatcher(engine, HOUR, clock=clock)
    web.route("/0.html", page(0))
    web.route("/rss", rss([web.url("/0.html"), web.url("/gone.html")]), ctype="application/rss+xml", etag='"1"')
    await w.add(web.url("/rss"), ADMIN)
    web.route("/rss", rss([web.url("/0.html")]), ctype="application/rss+xml", etag='"2"')
    clock.at += HOUR
    [check] = await w.tick()  # read in full: the failed entry waited for a try; now dropped from the feed
    assert not check.unchanged and web.hits["/gone.html"] == 1 and check.known == 0  # given up, not "stored"
    clock.at += HOUR
    [check] = await w.tick()
    assert check.unchanged  # nothing waits any more: one conditional request


async def test_a_check_writes_the_index_caches_once(engine, web, monkeypatch):
    saves = []
    real = engine.indexer.save

    async def counted():
        saves.append(1)
        await real()

    monkeypatch.setattr(engine.indexer, "save", counted)
    for i in range(3):
        web.route(f"/{i}.html", page(i))
    web.route("/rss", rss([web.url(f"/{i}.html") for i in range(3)]), ctype="application/rss+xml")
    w = FeedWatcher(engine, HOUR)
    w.fetch_group = 1
    added = await w.add(web.url("/rss"), ADMIN)
    assert added.check.added == 3 and len(saves) == 1
    answer = await engine.ask("Sa Thầy ra mắt bao nhiêu tổ tự quản bảo vệ rừng?")
    assert "12 tổ tự quản" in answer.text


async def test_articles_of_a_check_that_fails_half_way_are_searchable(engine, web, monkeypatch):
    web.route("/0.html", page(0))
    web.route("/1.html", page(1))
    web.route("/rss", rss([web.url("/0.html"), web.url("/1.html")]), ctype="application/rss+xml")
    w = FeedWatcher(engine, HOUR)
    w.fetch_group = 1
    real = __import__("corpus.sources", fromlist=["Fetcher"]).Fetcher.entry_document

    async def failing(self, entry):
        if entry.link.endswith("/1.html"):
            raise RuntimeError("a bug while fetching")
        return await real(self, entry)

    monkeypatch.setattr("corpus.sources.Fetcher.entry_document", failing)
    await engine.store.add_feed(web.url("/rss"), ADMIN)
    [check] = await w.tick(every=True)
    assert check.error is not None  # the bot goes on, engine open
    await engine.settled()
    answer = await engine.ask("Đăk Hà biểu dương bao nhiêu mô hình dân vận khéo?")
    assert answer.found and "45 mô hình" in answer.text


async def test_a_new_tokeniser_at_start_does_not_make_the_caches_look_stale(template, data_dir):
    import json
    import shutil

    from embeddings.fake import HashingEncoder
    from retrieval.engine import TOKENS_KEY, Engine, EngineConfig

    shutil.copytree(template, data_dir, dirs_exist_ok=True)
    import sqlite3

    with sqlite3.connect(data_dir / "danvan.sqlite3") as con:
        con.execute("UPDATE meta SET value='old' WHERE key=?", (TOKENS_KEY,))
    from corpus.types import RawDocument

    engine = await Engine.open(EngineConfig(data_dir=data_dir), HashingEncoder())  # re-splits the words
    await engine.ingest_documents([RawDocument(origin="x", text=page(0), kind="html")])
    await engine.close()
    generation = int(rows(data_dir, "SELECT value FROM meta WHERE key='generation'")[0][0])
    assert json.loads((data_dir / "vectors.json").read_text())["generation"] == generation


async def test_a_check_whose_pages_fail_says_so_and_the_feed_keeps_its_schedule(engine, web):
    clock = Clock()
    w = FeedWatcher(engine, HOUR, clock=clock)
    web.route("/0.html", page(0))
    web.route("/bin.html", b"\x00\x01PNG\x00" * 200, ctype="application/octet-stream")
    web.route("/rss", rss([web.url("/0.html"), web.url("/gone.html"), web.url("/bin.html")]),
              ctype="application/rss+xml")
    await w.add(web.url("/rss"), ADMIN)
    [f] = await engine.store.feeds()
    # the feed reads fine: it is no failing feed, its next check comes at the usual time
    assert (f.failures, f.error, f.articles, f.failed_pages) == (0, None, 1, 2)
    assert next_check(f, HOUR) == T0 + HOUR
    assert failed_pages_note(f) == ("lần kiểm tra gần nhất đọc được nguồn tin nhưng có 2 trang bài viết bị lỗi "
                                    f"(mỗi trang được thử lại ở các lần kiểm tra sau, tối đa {MAX_TRIES} lần).")
    web.route("/gone.html", page(1))  # one of them answers at the next check
    clock.at = T0 + HOUR
    [check] = await w.tick()
    assert len(check.report.added) == 1 and len(check.report.failed) == 1
    [f] = await engine.store.feeds()
    assert (f.failures, f.failed_pages) == (0, 1)  # counted at the last check only
    web.route("/rss", "overloaded", status=503)  # the feed itself fails: its error says it, not the pages
    clock.at = T0 + 2 * HOUR
    await w.tick()
    [f] = await engine.store.feeds()
    assert f.failures == 1 and failed_pages_note(f) == ""
    assert failed_pages_note(feed()) == ""
