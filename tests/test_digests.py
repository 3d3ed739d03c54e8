"""Digests of new articles: the pure rules (periods, commands, the message) and the
scheduler over a real store, with a recording messenger that implements the same
interface as the Telegram and Zalo ones (those are tested end to end in
test_telegram.py and test_zalo.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.digest import (
    VN_TZ, current_period, digest_reply, due_period, mentions, parse_subscription, topic_forms,
)
from bot.scheduler import MAX_TRIES, DigestScheduler
from bot.settings import Settings
from bot.types import Reply
from bot_harness import rows
from corpus.errors import ConfigError, MessengerError, RecipientGone
from corpus.types import ArticleInfo, Subscription

UTC = dt.timezone.utc
BODY_A = ("Sáng 5/11, Ban Dân vận Huyện ủy Đăk Hà tổ chức hội nghị biểu dương 45 mô hình dân vận khéo "
          "tiêu biểu về phát triển kinh tế, giảm nghèo bền vững và giữ gìn an ninh trật tự ở cơ sở.")
BODY_B = ("Sáng 6/11, Hội Nông dân huyện Sa Thầy ra quân làm 12 km đường giao thông nông thôn, "
          "hàng trăm hội viên góp ngày công, hiến đất và vật liệu cho các thôn đặc biệt khó khăn.")


def _local(y, mo, d, h, mi=0) -> dt.datetime:
    return dt.datetime(y, mo, d, h, mi, tzinfo=VN_TZ)


def _sub(frequency="daily", topic="", created=_local(2026, 11, 1, 12)) -> Subscription:
    return Subscription(id=1, platform="telegram", chat_id="42", frequency=frequency, topic=topic, cursor=0,
                        created_at=created.astimezone(UTC))


# -- pure rules ------------------------------------------------------------------
def test_periods_start_at_the_digest_hour_in_vietnam_time():
    # 06:59 on the 25th (local) still belongs to the 24th's digest; 07:00 starts the 25th's
    assert current_period(_local(2026, 11, 25, 6, 59), "daily", 7).key == "2026-11-24"
    assert current_period(_local(2026, 11, 25, 7, 0), "daily", 7).key == "2026-11-25"
    # the same instant given in UTC: 00:30 UTC is 07:30 in Vietnam
    assert current_period(dt.datetime(2026, 11, 25, 0, 30, tzinfo=UTC), "daily", 7).key == "2026-11-25"
    # weekly: Monday 23/11/2026 at 07:00 starts the week, until the next Monday at 07:00
    assert current_period(_local(2026, 11, 25, 12), "weekly", 7).key == "W2026-11-23"
    assert current_period(_local(2026, 11, 23, 6), "weekly", 7).key == "W2026-11-16"
    assert current_period(_local(2026, 11, 30, 7), "weekly", 7).key == "W2026-11-30"
    with pytest.raises(ValueError, match="daily, weekly"):
        current_period(_local(2026, 11, 25, 8), "monthly", 7)


def test_a_new_subscription_waits_for_the_next_period():
    sub = _sub(created=_local(2026, 11, 25, 10))  # after today's 07:00 digest
    assert due_period(sub, _local(2026, 11, 25, 18), 7) is None
    assert due_period(sub, _local(2026, 11, 26, 7, 1), 7).key == "2026-11-26"


def test_subscription_commands_read_frequency_and_topic():
    assert parse_subscription("") == ("daily", "")
    assert parse_subscription("hằng tuần dân vận khéo") == ("weekly", "dân vận khéo")
    assert parse_subscription("hang tuan  Kon Tum") == ("weekly", "Kon Tum")
    assert parse_subscription("hàng ngày: MTTQ") == ("daily", "MTTQ")
    assert parse_subscription("weekly") == ("weekly", "")
    assert parse_subscription("tuần") == ("weekly", "")
    # "Ngày" opening a topic is not a frequency
    assert parse_subscription("Ngày hội Đại đoàn kết") == ("daily", "Ngày hội Đại đoàn kết")
    assert len(parse_subscription("dân vận " * 100)[1]) <= 100


def test_topics_match_whole_words_with_or_without_accents_and_abbreviations():
    text = "Ủy ban Mặt trận Tổ quốc huyện Kon Rẫy biểu dương mô hình dân vận khéo."
    assert mentions(topic_forms("dan van kheo"), "Tin địa phương", text)
    assert mentions(topic_forms("MTTQ"), "Tin địa phương", text)  # the abbreviation, written out
    assert mentions(topic_forms("Kon Rẫy"), "", text)
    assert not mentions(topic_forms("Kon Tum"), "", text)
    assert not mentions(topic_forms("dân"), "", "Dâng hương tưởng niệm")  # whole words only
    assert topic_forms("  ") == []


def test_digest_message_lists_new_articles_newest_first_and_escapes_titles():
    arts = [ArticleInfo(id=i, title=f"Bài <{i}> & tin", url=f"https://ví-dụ.vn/{i}" if i % 2 else None,
                        site="kontumtv.vn", published=dt.date(2026, 11, i)) for i in range(1, 14)]
    reply = digest_reply(_sub(topic="dân vận khéo"), current_period(_local(2026, 11, 25, 8), "daily", 7), arts)
    lines = reply.plain.split("\n")
    assert lines[0] == "📰 Bản tin hằng ngày 25/11/2026 về «dân vận khéo»: 13 bài mới"
    assert lines[1] == "1. Bài <13> & tin — kontumtv.vn, 13/11/2026"  # newest first
    assert lines[2] == "https://ví-dụ.vn/13"
    assert "… và 3 bài khác (gõ /moi để xem)." in reply.plain  # ten listed, the rest counted
    assert "/huytheodoi" in reply.plain
    assert "Bài &lt;13&gt; &amp; tin" in reply.html and "<13>" not in reply.html
    assert '<a href="https://ví-dụ.vn/13">' in reply.html


def test_digest_settings():
    assert Settings.from_env({}, dotenv=None).digest_hour == 7
    assert Settings.from_env({"DANVAN_DIGEST_HOUR": "off"}, dotenv=None).digest_hour == -1
    assert Settings.from_env({"DANVAN_DIGEST_HOUR": "18"}, dotenv=None).digest_hour == 18
    with pytest.raises(ConfigError, match="DANVAN_DIGEST_HOUR"):
        Settings.from_env({"DANVAN_DIGEST_HOUR": "25"}, dotenv=None)


# -- the scheduler over a real store --------------------------------------------------
class Recorder:
    """A Messenger that records what it is asked to send, and can be made to fail."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, list[Reply]]] = []
        self.fail_with: list[Exception] = []

    async def send(self, chat_id: str, replies: list[Reply]) -> None:
        if self.fail_with:
            raise self.fail_with.pop(0)
        self.sent.append((chat_id, replies))


class Clock:
    """Digest times after the subscriptions made now: day n at `hour`:mm, Vietnam time."""

    def __init__(self) -> None:
        tomorrow = dt.datetime.now(VN_TZ).date() + dt.timedelta(days=1)
        self.base = dt.datetime.combine(tomorrow, dt.time(0), VN_TZ)
        self.now = self.base

    def at(self, day: int, hour: int, minute: int = 0) -> None:
        self.now = self.base + dt.timedelta(days=day, hours=hour, minutes=minute)

    def __call__(self) -> dt.datetime:
        return self.now


async def _add_article(engine, tmp_path, name: str, title: str, body: str) -> int:
    """Ingest a small HTML article (its own words, so it is no near-duplicate); its id."""
    path = tmp_path / f"{name}.html"
    path.write_text(f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
                    f"<p>{body}</p><p>{body.split(',')[0]}, bài số {name}: {title.lower()}.</p>"
                    "</article></body></html>", encoding="utf-8")
    report = await engine.ingest([str(path)])
    assert len(report.added) == 1, report
    return max(a.id for a in await engine.store.articles_after(0))


async def test_a_digest_goes_out_once_per_period_even_across_restarts(engine, data_dir, tmp_path):
    store, clock, messenger = engine.store, Clock(), Recorder()
    sub, new = await store.subscribe("telegram", "42", "7", "daily", "")
    assert new and sub.cursor == max(a.id for a in await store.articles_after(0))  # only what comes next
    scheduler = DigestScheduler(store, "telegram", messenger, hour=7, min_gap=0, clock=clock)

    clock.at(0, 7, 5)
    assert await scheduler.tick() == 0 and messenger.sent == []  # nothing new: no message
    assert rows(data_dir, "SELECT period, status FROM deliveries") == [(clock.now.date().isoformat(), "empty")]

    first = await _add_article(engine, tmp_path, "a", "Đăk Hà biểu dương 45 mô hình dân vận khéo",
                               BODY_A)
    clock.at(0, 20)
    assert await scheduler.tick() == 0  # today's digest is done: the article waits for tomorrow
    clock.at(1, 7, 1)
    assert await scheduler.tick() == 1
    [(chat, [reply])] = messenger.sent
    assert chat == "42" and "Đăk Hà biểu dương 45 mô hình dân vận khéo" in reply.plain
    assert "1 bài mới" in reply.plain
    assert await scheduler.tick() == 0  # once per period
    restarted = DigestScheduler(store, "telegram", messenger, hour=7, min_gap=0, clock=clock)
    assert await restarted.tick() == 0  # a restart does not repeat it
    assert rows(data_dir, "SELECT cursor FROM subscriptions") == [(first,)]
    assert rows(data_dir, "SELECT status, articles FROM deliveries ORDER BY id")[-1] == ("sent", f"[{first}]")

    await _add_article(engine, tmp_path, "b", "Hội Nông dân ra quân làm đường giao thông nông thôn",
                       BODY_B)
    clock.at(2, 7, 1)
    assert await restarted.tick() == 1
    plain = messenger.sent[-1][1][0].plain
    assert "Hội Nông dân ra quân" in plain and "Đăk Hà biểu dương" not in plain  # only what is new


async def test_topic_subscriptions_get_only_the_articles_that_mention_the_topic(engine, tmp_path):
    store, clock, messenger = engine.store, Clock(), Recorder()
    await store.subscribe("zalo", "kheo", "u1", "daily", "dan van kheo")  # typed without accents
    await store.subscribe("zalo", "gialai", "u2", "daily", "Gia Lai")
    await store.subscribe("zalo", "weekly", "u3", "weekly", "")
    await _add_article(engine, tmp_path, "a", "Đăk Hà biểu dương 45 mô hình dân vận khéo",
                       BODY_A)
    scheduler = DigestScheduler(store, "zalo", messenger, hour=7, min_gap=0, clock=clock)
    clock.at(1, 7, 1)
    await scheduler.tick()
    chats = [chat for chat, _ in messenger.sent]
    assert "kheo" in chats and "gialai" not in chats
    assert messenger.sent[chats.index("kheo")][1][0].plain.startswith("📰 Bản tin hằng ngày")
    # the weekly one waits for a Monday 07:00 after it was made
    monday_passed = current_period(clock.now, "weekly", 7).start > dt.datetime.now(UTC)
    assert ("weekly" in chats) == monday_passed
    days_to_monday = (7 - clock.now.weekday()) % 7 or 7
    clock.at(1 + days_to_monday, 7, 1)
    await scheduler.tick()
    if not monday_passed:
        assert [chat for chat, _ in messenger.sent].count("weekly") == 1
        assert "Bản tin hằng tuần" in messenger.sent[-1][1][0].plain
        assert "Đăk Hà biểu dương" in messenger.sent[-1][1][0].plain


async def test_a_failed_send_is_retried_later_and_a_blocked_chat_is_unsubscribed(engine, data_dir, tmp_path):
    store, clock, messenger = engine.store, Clock(), Recorder()
    await store.subscribe("telegram", "42", "7", "daily", "")
    await store.subscribe("telegram", "43", "8", "daily", "")
    article = await _add_article(engine, tmp_path, "a", "Đăk Hà biểu dương 45 mô hình dân vận khéo",
                                 BODY_A)
    scheduler = DigestScheduler(store, "telegram", messenger, hour=7, min_gap=0, clock=clock)
    messenger.fail_with = [MessengerError("timed out"), RecipientGone("Forbidden: bot was blocked by the user")]
    clock.at(1, 7, 0)
    assert await scheduler.tick() == 0
    # chat 42 failed (kept, cursor not moved); chat 43 blocked the bot: its subscription ended
    assert rows(data_dir, "SELECT chat_id, active, cursor < ? FROM subscriptions ORDER BY id", (article,)) == [
        ("42", 1, 1), ("43", 0, 1)]
    assert rows(data_dir, "SELECT status, attempts, error FROM deliveries") == [("failed", 1, "timed out")]
    clock.at(1, 7, 0)
    clock.now += dt.timedelta(seconds=30)
    assert await scheduler.tick() == 0  # waits a minute before trying again
    clock.now += dt.timedelta(minutes=1)
    assert await scheduler.tick() == 1
    assert [chat for chat, _ in messenger.sent] == ["42"]
    assert rows(data_dir, "SELECT status, attempts FROM deliveries") == [("sent", 2)]
    assert rows(data_dir, "SELECT cursor FROM subscriptions WHERE chat_id='42'") == [(article,)]


async def test_after_the_last_try_the_articles_wait_for_the_next_period(engine, data_dir, tmp_path):
    store, clock, messenger = engine.store, Clock(), Recorder()
    await store.subscribe("telegram", "42", "7", "daily", "")
    await _add_article(engine, tmp_path, "a", "Đăk Hà biểu dương 45 mô hình dân vận khéo",
                       BODY_A)
    scheduler = DigestScheduler(store, "telegram", messenger, hour=7, min_gap=0, clock=clock)
    messenger.fail_with = [MessengerError("HTTP 502")] * (MAX_TRIES + 3)
    clock.at(1, 7)
    for _ in range(MAX_TRIES + 3):
        await scheduler.tick()
        clock.now += dt.timedelta(hours=1)
    assert rows(data_dir, "SELECT status, attempts FROM deliveries") == [("failed", MAX_TRIES)]
    messenger.fail_with = []
    clock.at(2, 7)
    assert await scheduler.tick() == 1
    assert "Đăk Hà biểu dương" in messenger.sent[0][1][0].plain  # not lost


async def test_subscribe_again_changes_the_frequency_and_unsubscribe_ends_it(engine, data_dir):
    store = engine.store
    first, new = await store.subscribe("telegram", "42", "7", "daily", "Kon Tum")
    again, new_again = await store.subscribe("telegram", "42", "7", "weekly", "Kon Tum")
    assert new and not new_again and again.id == first.id and again.frequency == "weekly"
    await store.subscribe("telegram", "42", "7", "daily", "")
    assert [s.topic for s in await store.subscriptions("telegram", "42")] == ["Kon Tum", ""]
    assert await store.unsubscribe("telegram", "42", "Kon Tum") == 1
    assert [s.topic for s in await store.subscriptions("telegram", "42")] == [""]
    assert await store.unsubscribe("telegram", "42") == 1
    assert await store.subscriptions("telegram") == []
    assert rows(data_dir, "SELECT count(*) FROM subscriptions") == [(2,)]  # kept, inactive
