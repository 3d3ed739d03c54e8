"""Digests of new articles: the pure rules (periods, commands, the message) and the
scheduler over a real store, with a recording messenger that implements the same
interface as the Telegram and Zalo ones (those are tested end to end in
test_telegram.py and test_zalo.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.clock import VN_TZ, vn_today
from bot.digest import (
    MAX_CHARS, current_period, digest_reply, due_period, mentions, parse_subscription, subscription_problem,
    topic_forms, topic_key,
)
import asyncio

from bot.scheduler import MAX_TRIES, DigestScheduler
from bot.settings import Settings
from bot.types import Reply
from bot_harness import rows
from corpus.errors import ChatMoved, ConfigError, MessengerError, RecipientGone
from corpus.types import ArticleInfo, Subscription

UTC = dt.timezone.utc
BODY_A = ("Sáng 5/11, Ban Dân vận Huyện ủy Đăk Hà tổ chức hội nghị biểu dương 45 mô hình dân vận khéo "
          "tiêu biểu về phát triển kinh tế, giảm nghèo bền vững và giữ gìn an ninh trật tự ở cơ sở.")
BODY_B = ("Sáng 6/11, Hội Nông dân huyện Sa Thầy ra quân làm 12 km đường giao thông nông thôn, "
          "hàng trăm hội viên góp ngày công, hiến đất và vật liệu cho các thôn đặc biệt khó khăn.")


def _local(y, mo, d, h, mi=0) -> dt.datetime:
    return dt.datetime(y, mo, d, h, mi, tzinfo=VN_TZ)


def _sub(frequency="daily", topic="", created=_local(2026, 11, 1, 12)) -> Subscription:
    return Subscription(id=1, platform="telegram", chat_id="42", user_id="7", frequency=frequency, topic=topic,
                        key=topic_key(topic), cursor=0, created_at=created.astimezone(UTC))


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


def test_today_is_counted_in_vietnam_time():
    # 18:30 UTC on 26/11 is 01:30 on 27/11 in Vietnam: a cadre's "hôm nay" is the 27th
    assert vn_today(dt.datetime(2026, 11, 26, 18, 30, tzinfo=dt.timezone.utc)) == dt.date(2026, 11, 27)
    assert vn_today(dt.datetime(2026, 11, 26, 16, 59, tzinfo=dt.timezone.utc)) == dt.date(2026, 11, 26)


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
    # what cannot be honoured is said, not silently stored
    assert subscription_problem("hằng tháng Kon Tum").startswith("Bản tin chỉ có hằng ngày hoặc hằng tuần")
    assert subscription_problem("???").startswith("Chủ đề cần có chữ")
    assert subscription_problem("123").startswith("Chủ đề cần có chữ")
    assert subscription_problem("hằng tuần 18-CT/TU") is None  # a document code has letters
    assert subscription_problem("hằng tuần dân vận khéo") is None and subscription_problem("") is None
    # one topic however it is typed
    assert topic_key("Kon Tum") == topic_key("kon  tum.") == topic_key("Kon Tum") == "kon tum"


def test_a_topic_naming_a_place_is_its_words_and_the_place():
    from bot.digest import topic_parts, topic_split

    text = "Ủy ban Mặt trận Tổ quốc huyện Kon Rẫy biểu dương mô hình dân vận khéo."
    for topic in ("dân vận khéo ở Kon Rẫy", "MTTQ ở huyện Kon Rẫy", "dan van kheo o kon ray", "mô hình tại Kon Tum",
                  "dân vận khéo trên địa bàn huyện Kon Rẫy"):
        parts = topic_parts(topic)
        assert len(parts) == 2 and all(mentions(forms, "", text) for forms in parts), topic
    assert topic_split("dân vận khéo ở Kon Rẫy") == ("dân vận khéo", ("Kon Rẫy",))
    assert topic_split("dân vận khéo ở huyện Kon Rẫy") == ("dân vận khéo", ("huyện Kon Rẫy",))
    assert topic_parts("dân vận khéo ở huyện Kon Rẫy") == topic_parts("dân vận khéo ở Kon Rẫy")  # matched by name
    assert topic_parts("dân vận ở Quan Hóa")[1][0] == "quan hoa"  # a name that starts like a unit stays whole
    # a commune known by its unit: the topic the digest is suggested with reads the same way
    rest, places = topic_split("dân vận khéo xã Ngọk Réo", loose=True)
    assert places == ("xã Ngọk Réo",) and topic_parts(f"{rest} ở {places[0]}") == topic_parts(
        "dân vận khéo xã Ngọk Réo", loose=True)
    assert topic_split("dân vận ở tỉnh Gia Lai") == ("dân vận", ("tỉnh Gia Lai",))  # a province keeps its unit
    assert not all(mentions(f, "", text) for f in topic_parts("dân vận khéo ở Gia Lai"))
    # without "ở / tại" a place is part of a name: the topic stays whole
    for topic in ("thành phố Kon Tum", "Báo Kon Tum", "Huyện ủy Kon Rẫy", "Ban Dân vận Tỉnh ủy Kon Tum", "MTTQ Kon Tum",
                  "dân chủ ở cơ sở", "MTTQ", "Hội Liên hiệp Phụ nữ Việt Nam", "Chiến thắng Điện Biên Phủ"):
        assert topic_parts(topic) == [topic_forms(topic)], topic
    assert not any(mentions(f, "", "Đảm bảo an sinh ở huyện Đắk Hà.") for f in topic_parts("Báo Kon Tum"))
    # loosely, a capitalised place name ending the topic (asked when the phrase is written nowhere)
    assert topic_parts("dân vận khéo Kon Rẫy", loose=True) == topic_parts("dân vận khéo ở Kon Rẫy")


def test_a_topic_naming_two_places_wants_either():
    """"… ở Kon Rẫy và Đắk Hà": the words, and one of the places (a district named after
    "và" or a comma counts as after "ở"); a district's province after it only says where
    it is; "và" between words is no place."""
    from bot.digest import topic_as_read, topic_parts, topic_split
    from retrieval.places import named_places

    kon_ray = "Huyện Kon Rẫy biểu dương mô hình dân vận khéo."
    dak_ha = "Huyện Đắk Hà biểu dương mô hình dân vận khéo."
    elsewhere = "Huyện Tu Mơ Rông biểu dương mô hình dân vận khéo."
    for topic in ("dân vận khéo ở Kon Rẫy và Đắk Hà", "dân vận khéo ở Kon Rẫy, Đắk Hà",
                  "dan van kheo o kon ray va dak ha", "dân vận khéo tại huyện Kon Rẫy hoặc huyện Đắk Hà"):
        parts = topic_parts(topic)
        assert len(parts) == 2, (topic, parts)
        for text in (kon_ray, dak_ha):
            assert all(mentions(forms, "", text) for forms in parts), (topic, text)
        assert not all(mentions(forms, "", elsewhere) for forms in parts), topic
    assert topic_split("dân vận khéo ở Kon Rẫy và Đắk Hà") == ("dân vận khéo", ("Kon Rẫy", "Đắk Hà"))
    assert topic_as_read("dân vận khéo ở Kon Rẫy, Đắk Hà") == "dân vận khéo ở Kon Rẫy và Đắk Hà"
    assert topic_parts("dân vận ở Kon Rẫy và ở Đắk Hà") == topic_parts("dân vận ở Kon Rẫy và Đắk Hà")
    assert topic_as_read("dân vận ở Kon Rẫy và ở Đắk Hà") == "dân vận ở Kon Rẫy và Đắk Hà"
    # listed after a smaller place, a larger one is its address: Kon Rẫy only, not any Kon Tum article
    assert topic_parts("dân vận ở Kon Rẫy, Kon Tum") == topic_parts("dân vận ở Kon Rẫy")
    for topic in ("dân vận ở xã Ngọk Réo, huyện Đắk Hà, tỉnh Kon Tum", "dân vận ở xã Ngọk Réo huyện Đắk Hà"):
        assert topic_parts(topic) == [["dan van"], ["ngok reo"]], topic
    # joined by "và", a province is another place, as is a province's city
    assert topic_parts("dân vận ở Kon Rẫy và Kon Tum")[1][:2] == ["kon ray", "kon tum"]
    assert topic_parts("dân vận ở Đắk Hà và thành phố Kon Tum")[1] == ["dak ha", "thanh pho kon tum", "thanh pho kontum"]
    # loosely, places joined to a place ending the topic
    assert topic_parts("Kon Rẫy và Tu Mơ Rông", loose=True) == [["kon ray", "tu mo rong"]]
    assert topic_parts(topic_as_read("Kon Rẫy và Tu Mơ Rông", loose=True)) == [["kon ray", "tu mo rong"]]
    # "và" between the topic's words, or before a name that is no place
    assert topic_parts("MTTQ và Hội Nông dân ở Kon Rẫy")[0][0] == "mttq va hoi nong dan"
    assert topic_parts("dân vận khéo ở Kon Rẫy và Báo Kon Tum") == [["dan van kheo"], ["bao kon tum", "bao kontum"], ["kon ray"]]
    # words on both sides of a place are cut there ("và" not left dangling), each to be written
    assert topic_parts("dân vận khéo ở Kon Rẫy và cộng đồng") == [["dan van kheo"], ["cong dong"], ["kon ray"]]
    assert topic_as_read("dân vận khéo ở Kon Rẫy và cộng đồng") == "dân vận khéo ở Kon Rẫy và cộng đồng"
    # an address from the top down is its smallest place
    for topic in ("dân vận ở Kon Tum, huyện Đắk Hà, xã Ngọk Réo", "dân vận ở tỉnh Kon Tum huyện Đắk Hà xã Ngọk Réo"):
        assert topic_parts(topic) == [["dan van"], ["ngok reo"]], topic
    # only places: read as places even strictly (a digest's topic), not as a phrase no article writes
    assert topic_parts("Kon Rẫy và Tu Mơ Rông") == [["kon ray", "tu mo rong"]]
    assert topic_parts("Đắk Hà, Kon Rẫy, Tu Mơ Rông") == [["dak ha", "kon ray", "tu mo rong"]]
    assert topic_parts("Kon Rẫy") == [["kon ray"]] and topic_parts("Báo Kon Tum") == [["bao kon tum", "bao kontum"]]
    # villages: a name of its own as it is (an article may write "Kon Klor" alone), one
    # syllable or a number with the unit ("thôn Bắc" is no "bắc", "buôn Đôn" no "đơn"), and
    # with the commune or district listed beside it (many a commune has a thôn 3)
    assert topic_parts("dân vận khéo ở làng Kon Klor") == [["dan van kheo"], ["kon klor"]]
    assert topic_parts("dân vận ở thôn Bắc") == [["dan van"], ["thon bac"]]
    assert topic_parts("MTTQ ở thôn 3, xã Đắk Ui, huyện Đắk Hà")[1:] == [["thon 3"], ["dak ui"]]
    assert topic_parts("dân vận khéo ở Đắk Hà, thôn 3")[1:] == [["dak ha"], ["thon 3"]]
    assert topic_parts("dân vận ở thôn Kon Rế, xã Ngọk Réo") == [["dan van"], ["kon re"], ["ngok reo"]]
    # a name of everyday words keeps its unit ("đoàn kết" is everyday); a village's name
    # ends at the next unit, office or place
    assert topic_parts("dân vận khéo ở thôn Đoàn Kết") == [["dan van kheo"], ["thon doan ket"]]
    assert [p.name for p in named_places("thôn Đăk Xú Huyện Ngọc Hồi")] == ["Đăk Xú", "Ngọc Hồi"]
    assert [p.name for p in named_places("làng Kon Klor Kon Tum")] == ["Kon Klor", "Kon Tum"]
    for question in ("Đường giao thông nông thôn 2023 ở Đắk Hà", "xây dựng nông thôn 3 năm qua"):
        assert not any(p.keys[0].startswith("thon") for p in named_places(question)), question
    assert topic_parts("dân vận ở tổ dân phố 5, phường Quyết Thắng") == [["dan van"], ["to dan pho 5"], ["quyet thang"]]
    assert topic_parts("MTTQ thôn 3", loose=True)[1:] == [["thon 3"]]
    for question in ("Dân vận khéo Buôn Ma Thuột thế nào", "Lễ viếng Lăng Bác thế nào?", "viếng lăng Bác",
                     "Già làng A Pớt nói gì về dân vận?"):  # a name, a mausoleum, an elder: no village
        assert named_places(question) == (), question
    assert named_places("Tin ở Plei Kần") == ()  # "Plei" capitalised: part of the name, not "Kần" after a unit
    assert topic_split("dân vận khéo và Đắk Hà") == ("dân vận khéo và đắk hà", ())


def test_topics_match_whole_words_with_or_without_accents_and_abbreviations():
    text = "Ủy ban Mặt trận Tổ quốc huyện Kon Rẫy biểu dương mô hình dân vận khéo."
    assert mentions(topic_forms("dan van kheo"), "Tin địa phương", text)
    assert mentions(topic_forms("MTTQ"), "Tin địa phương", text)  # the abbreviation, written out
    assert mentions(topic_forms("Kon Rẫy"), "", text)
    assert not mentions(topic_forms("Gia Lai"), "", text)
    # a province: its districts' news too, which seldom writes the province
    assert mentions(topic_forms("Kon Tum"), "", text) and mentions(topic_forms("tinh kon tum"), "", text)
    assert mentions(topic_forms("Đồng Tháp"), "", "Huyện ủy Tháp Mười tiếp Tổ khảo sát.")
    assert not mentions(topic_forms("Phú Thọ"), "", "Huyện Tam Nông sơ kết.")  # Đồng Tháp has one too
    assert not mentions(topic_forms("Kon Tum"), "", "Gặp mặt đồng bào Kon Rẫy.")  # no unit: a name, or words?
    # a district is read with its own unit and accents, in order
    assert not mentions(topic_forms("Tiền Giang"), "", "Về thăm (huyện Tân Phú, Đồng Nai).")  # not Tân Phú Đông
    assert not mentions(topic_forms("Sóc Trăng"), "", "Ca sĩ Huyền My, Tú Anh biểu diễn.")  # not huyện Mỹ Tú
    assert not any(f.startswith("quan ") for f in topic_forms("Hà Nội"))  # folded, quận is also cơ quan
    assert topic_forms("hòa bình") == ["hoa binh"] and len(topic_forms("tỉnh Hòa Bình")) > 1  # peace, or the province
    assert not mentions(topic_forms("thành phố Kon Tum"), "", text)  # the city, not the province
    assert not mentions(topic_forms("dân"), "", "Dâng hương tưởng niệm")  # whole words only
    # a department's compound abbreviation, either way
    assert mentions(topic_forms("Sở GD&ĐT"), "", "Sở Giáo dục và Đào tạo tỉnh Kon Tum khen thưởng học sinh.")
    assert mentions(topic_forms("giáo dục và đào tạo"), "", "Sở GD&ĐT tỉnh khen thưởng học sinh.")
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
    # long titles and links: as many as fit in one message (Zalo: 2,000 characters), the rest counted
    long = [ArticleInfo(id=i, title="Hội nghị tổng kết công tác dân vận " * 4, url="https://kontumtv.vn/" + "x" * 150,
                        site="kontumtv.vn", published=dt.date(2026, 11, 1)) for i in range(1, 13)]
    reply = digest_reply(_sub(), current_period(_local(2026, 11, 25, 8), "daily", 7), long)
    assert len(reply.plain) <= MAX_CHARS and len(reply.html) <= 4096
    listed = sum(1 for line in reply.plain.split("\n") if line[:1].isdigit())
    assert 3 <= listed < 10 and f"… và {12 - listed} bài khác" in reply.plain


def test_digest_settings():
    assert Settings.from_env({}, dotenv=None).digest_hour == 7
    assert Settings.from_env({"DANVAN_DIGEST_HOUR": "off"}, dotenv=None).digest_hour == -1
    assert Settings.from_env({"DANVAN_DIGEST_HOUR": "18"}, dotenv=None).digest_hour == 18
    with pytest.raises(ConfigError, match="DANVAN_DIGEST_HOUR"):
        Settings.from_env({"DANVAN_DIGEST_HOUR": "25"}, dotenv=None)
    # values Python would read but no setting means: refused by name
    for key, raw in (("DANVAN_DIGEST_HOUR", "²"), ("DANVAN_DIGEST_CHECK_SECONDS", "nan"),
                     ("DANVAN_RATE_LIMIT", "inf"), ("DANVAN_WEBHOOK_PORT", "nan"), ("DANVAN_WEBHOOK_PORT", "70000"),
                     ("DANVAN_WEBHOOK_PORT", "80.9"), ("DANVAN_DIGEST_CHECK_SECONDS", "0"),
                     ("DANVAN_DIGEST_CHECK_SECONDS", "-5"), ("DANVAN_WEBHOOK_URL", "notaurl"),
                     ("DANVAN_WEBHOOK_URL", "http://bot.example.vn"), ("DANVAN_WEBHOOK_URL", "https://")):
        with pytest.raises(ConfigError, match=key):
            Settings.from_env({key: raw}, dotenv=None)
    assert Settings.from_env({"DANVAN_WEBHOOK_PORT": " 8443 "}, dotenv=None).webhook_port == 8443
    assert Settings.from_env({"DANVAN_DIGEST_CHECK_SECONDS": "1"}, dotenv=None).digest_check_seconds == 1.0
    for url in ("https://bot.example.vn", "http://127.0.0.1:8080"):  # plain http only on this machine
        assert Settings.from_env({"DANVAN_WEBHOOK_URL": url}, dotenv=None).webhook_url == url
    assert Settings.from_env({"TELEGRAM_BOT_TOKEN": "  "}, dotenv=None).telegram_token == ""  # spaces are no token


def test_a_bad_setting_is_said_without_a_traceback(tmp_path):
    import subprocess
    import sys

    from conftest import ROOT

    env = {"PATH": "/usr/bin:/bin", "DANVAN_DATA_DIR": str(tmp_path), "DANVAN_DIGEST_HOUR": "25"}
    done = subprocess.run([sys.executable, "main.py", "telegram"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "Lỗi: Thiết lập hoặc tham số chưa đúng." in done.stderr and "DANVAN_DIGEST_HOUR" in done.stderr


# -- the scheduler over a real store --------------------------------------------------
class Recorder:
    """A Messenger that records what it is asked to send, and can be made to fail."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, list[Reply]]] = []
        self.fail_with: list[Exception] = []

    async def send(self, chat_id: str, replies: list[Reply]) -> None:
        if self.fail_with:
            raise self.fail_with.pop(0)
        await asyncio.sleep(0)  # a real send awaits: let other coroutines run
        self.sent.append((chat_id, replies))

    def chats(self) -> list[str]:
        return [chat for chat, _ in self.sent]


# Subscriptions in these tests are made on Tuesday 1/12/2026 at 23:00 (Vietnam time);
# the clock starts the next day, a Wednesday, so weekly digests come on Monday 7/12 (day 5).
MADE = _local(2026, 12, 1, 23)


class Clock:
    """The scheduler's clock: day n after Wednesday 2/12/2026, at hour:minute, Vietnam time."""

    def __init__(self) -> None:
        self.base = _local(2026, 12, 2, 0)
        self.now = self.base

    def at(self, day: int, hour: int, minute: int = 0) -> None:
        self.now = self.base + dt.timedelta(days=day, hours=hour, minutes=minute)

    def __call__(self) -> dt.datetime:
        return self.now


def pin_subscriptions(data_dir) -> None:
    """Subscriptions made through a chat (now) as if made at MADE, so that the Clock applies."""
    import sqlite3

    with sqlite3.connect(data_dir / "danvan.sqlite3") as con:
        con.execute("UPDATE subscriptions SET created_at=?", (MADE.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),))


async def _subscribe(store, chat: str, frequency: str = "daily", topic: str = "", platform: str = "telegram",
                     at: dt.datetime = MADE):
    return await store.subscribe(platform, chat, "u" + chat, frequency, topic, topic_key(topic), at=at)


async def _add_article(engine, tmp_path, name: str, title: str, body: str) -> ArticleInfo:
    """Ingest a small HTML article (its own words, so it is no near-duplicate)."""
    path = tmp_path / f"{name}.html"
    path.write_text(f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
                    f"<p>{body}</p><p>{body.split(',')[0]}, bài số {name}: {title.lower()}.</p>"
                    "</article></body></html>", encoding="utf-8")
    report = await engine.ingest([str(path)])
    assert len(report.added) == 1, report
    return (await engine.store.articles_after(0))[-1]


TITLE_A = "Đăk Hà biểu dương 45 mô hình dân vận khéo"
TITLE_B = "Hội Nông dân ra quân làm đường giao thông nông thôn"


async def test_a_digest_goes_out_once_per_period_even_across_restarts(engine, data_dir, tmp_path):
    store, clock, messenger = engine.store, Clock(), Recorder()
    sub, new = await _subscribe(store, "42")
    assert new and sub.cursor == max(a.seq for a in await store.articles_after(0))  # only what comes next
    scheduler = DigestScheduler(store, "telegram", messenger, hour=7, min_gap=0, clock=clock)

    clock.at(0, 7, 5)
    assert await scheduler.tick() == 0 and messenger.sent == []  # nothing new: no message
    assert rows(data_dir, "SELECT period, status FROM deliveries") == [("2026-12-02", "empty")]

    first = await _add_article(engine, tmp_path, "a", TITLE_A, BODY_A)
    clock.at(0, 20)
    assert await scheduler.tick() == 0  # today's digest is done: the article waits for tomorrow
    clock.at(1, 7, 1)
    assert await scheduler.tick() == 1
    [(chat, [reply])] = messenger.sent
    assert chat == "42" and TITLE_A in reply.plain and "1 bài mới" in reply.plain
    assert reply.plain.startswith("📰 Bản tin hằng ngày 03/12/2026 (mọi bài mới)")
    assert await scheduler.tick() == 0  # once per period
    restarted = DigestScheduler(store, "telegram", messenger, hour=7, min_gap=0, clock=clock)
    assert await restarted.tick() == 0  # a restart does not repeat it
    assert rows(data_dir, "SELECT cursor FROM subscriptions") == [(first.seq,)]
    assert rows(data_dir, "SELECT status, articles FROM deliveries ORDER BY id")[-1] == ("sent", f"[{first.id}]")

    await _add_article(engine, tmp_path, "b", TITLE_B, BODY_B)
    clock.at(2, 7, 1)
    assert await restarted.tick() == 1
    plain = messenger.sent[-1][1][0].plain
    assert TITLE_B in plain and TITLE_A not in plain  # only what is new


async def test_a_stop_during_a_pass_ends_it_after_the_send_in_hand(engine, data_dir, tmp_path):
    store, clock = engine.store, Clock()
    for chat in ("1", "2", "3"):
        await _subscribe(store, chat)
    await _add_article(engine, tmp_path, "a", TITLE_A, BODY_A)
    stop = asyncio.Event()

    class Stopping(Recorder):
        async def send(self, chat_id, replies):
            await super().send(chat_id, replies)
            stop.set()  # the bots are told to stop while this send is in hand

    messenger = Stopping()
    scheduler = DigestScheduler(store, "telegram", messenger, hour=7, min_gap=0, clock=clock)
    clock.at(1, 7, 1)
    assert await scheduler.tick(stop) == 1 and messenger.chats() == ["1"]
    assert rows(data_dir, "SELECT chat_id FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id "
                          "WHERE status='sent'") == [("1",)]  # written before the pass ended
    restarted = DigestScheduler(store, "telegram", Recorder(), hour=7, min_gap=0, clock=clock)
    assert await restarted.tick() == 2 and sorted(restarted.messenger.chats()) == ["2", "3"]  # none twice


async def test_a_deleted_or_edited_article_neither_hides_nor_repeats_news(engine, data_dir):
    from corpus.types import RawDocument

    def doc(name: str, body: str) -> RawDocument:
        return RawDocument(origin=f"mem#{name}", kind="record", url=f"https://danvan.example/{name}",
                           title=f"Tin {name}", text=body, published="2026-12-01")

    store, clock, messenger = engine.store, Clock(), Recorder()
    await _subscribe(store, "42")
    scheduler = DigestScheduler(store, "telegram", messenger, hour=7, min_gap=0, clock=clock)
    await engine.ingest_documents([doc("a", BODY_A)])
    [gone] = await store.articles_after((await store.subscriptions("telegram"))[0].cursor)
    await engine.indexer.delete(gone.id)  # the newest article goes before any digest
    await engine.ingest_documents([doc("b", BODY_B)])
    [b] = await store.articles_after(gone.seq - 1)
    assert b.id == gone.id and b.seq > gone.seq  # SQLite gave the id again; the order number is new
    clock.at(1, 7, 1)
    assert await scheduler.tick() == 1 and "Tin b" in messenger.sent[-1][1][0].plain  # not skipped

    # the same page edited: replaced in the store, but not news again
    await engine.ingest_documents([doc("b", BODY_B.replace("12 km", "15 km"))])
    [edited] = rows(data_dir, "SELECT id, seq FROM articles WHERE url='https://danvan.example/b'")
    assert edited[1] == b.seq and "15 km" in rows(data_dir, "SELECT text FROM articles WHERE seq=?", (b.seq,))[0][0]
    clock.at(2, 7, 1)
    assert await scheduler.tick() == 0 and len(messenger.sent) == 1
    assert rows(data_dir, "SELECT status FROM deliveries ORDER BY id") == [("sent",), ("empty",)]


async def test_a_store_from_before_the_order_numbers_keeps_its_cursors(tmp_path):
    import sqlite3

    from corpus.migrations import MIGRATIONS
    from corpus.store import Store

    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as con:  # a store as schema version 4 left it
        for number, script in MIGRATIONS[:4]:
            con.executescript(script)
        con.execute("PRAGMA user_version=4")
        for i in (1, 2, 5):
            con.execute("INSERT INTO articles(id, title, text, origin, content_hash, minhash) VALUES (?,?,?,?,?,?)",
                        (i, f"t{i}", "x", f"o{i}", f"h{i}", b""))
        con.execute("INSERT INTO subscriptions(platform, chat_id, frequency, cursor) VALUES ('zalo', '9', 'daily', 2)")
        # a chat whose cursor is the id of an article deleted before the upgrade (7 > 5, the highest left)
        con.execute("INSERT INTO subscriptions(platform, chat_id, frequency, cursor) VALUES ('zalo', '8', 'daily', 7)")
    store = await Store.open(path)
    try:
        assert [a.seq for a in await store.articles_after(0)] == [1, 2, 5]  # their ids
        assert [a.id for a in await store.articles_after(2)] == [5]  # the stored cursor means what it meant
    finally:
        await store.close()
    with sqlite3.connect(path) as con:  # after the newest is deleted, SQLite's next id is 3; its number is 8,
        con.execute("DELETE FROM articles WHERE id=5")  # above every cursor: every chat gets it
        con.execute("INSERT INTO articles(title, text, origin, content_hash, minhash) VALUES ('n', 'x', 'o', 'h', x'')")
        assert con.execute("SELECT id, seq FROM articles WHERE title='n'").fetchone() == (3, 8)


async def test_a_chat_that_unsubscribes_or_changes_during_a_pass_gets_nothing_stale(engine, data_dir, tmp_path):
    store, clock = engine.store, Clock()

    class Slow(Recorder):  # while the first digest is sent, the second chat unsubscribes, the third goes weekly
        async def send(self, chat_id, replies):
            await super().send(chat_id, replies)
            if chat_id == "42":
                assert await store.unsubscribe("telegram", "43") == 1
                await _subscribe(store, "44", "weekly", at=clock.now)

    for chat in ("42", "43", "44"):
        await _subscribe(store, chat)
    await _add_article(engine, tmp_path, "a", TITLE_A, BODY_A)
    messenger = Slow()
    clock.at(1, 7, 1)
    assert await DigestScheduler(store, "telegram", messenger, hour=7, min_gap=0, clock=clock).tick() == 1
    assert messenger.chats() == ["42"]
    assert rows(data_dir, "SELECT subscription_id, status FROM deliveries") == [(1, "sent")]


async def test_topic_subscriptions_get_only_the_articles_that_mention_the_topic(engine, tmp_path):
    store, clock, messenger = engine.store, Clock(), Recorder()
    await _subscribe(store, "kheo", topic="dan van kheo", platform="zalo")  # typed without accents
    await _subscribe(store, "gialai", topic="Gia Lai", platform="zalo")
    await _subscribe(store, "kontum", topic="Kon Tum", platform="zalo")  # its districts' news: both articles
    await _subscribe(store, "weekly", "weekly", platform="zalo")
    await _add_article(engine, tmp_path, "a", TITLE_A, BODY_A)
    await _add_article(engine, tmp_path, "b", TITLE_B, BODY_B)
    scheduler = DigestScheduler(store, "zalo", messenger, hour=7, min_gap=0, clock=clock)
    clock.at(1, 7, 1)
    assert await scheduler.tick() == 2
    [(chat, [reply]), (province, [both])] = sorted(messenger.sent, key=lambda s: s[0])
    assert chat == "kheo" and TITLE_A in reply.plain and TITLE_B not in reply.plain
    assert reply.plain.startswith("📰 Bản tin hằng ngày 03/12/2026 về «dan van kheo»: 1 bài mới")
    assert province == "kontum" and TITLE_A in both.plain and TITLE_B in both.plain  # Đăk Hà, Sa Thầy
    assert "Kon Tum" not in BODY_A + BODY_B + TITLE_A + TITLE_B
    clock.at(4, 23)  # Sunday night: the weekly one still waits for Monday
    await scheduler.tick()
    assert "weekly" not in messenger.chats()
    clock.at(5, 7)
    await scheduler.tick()
    assert messenger.chats() == ["kheo", "kontum", "weekly"]
    assert "Bản tin hằng tuần 07/12/2026 (mọi bài mới): 2 bài mới" in messenger.sent[-1][1][0].plain


async def test_a_changed_frequency_waits_for_its_own_schedule(engine, tmp_path):
    store, clock, messenger = engine.store, Clock(), Recorder()
    await _subscribe(store, "42", topic="Kon Tum")
    await _add_article(engine, tmp_path, "a", "Kon Tum: " + TITLE_A, BODY_A)
    scheduler = DigestScheduler(store, "telegram", messenger, hour=7, min_gap=0, clock=clock)
    clock.at(0, 7, 5)
    assert await scheduler.tick() == 1
    # the same topic typed another way is the same subscription: its frequency changes
    sub, new = await _subscribe(store, "42", "weekly", topic="kon tum", at=clock.now + dt.timedelta(hours=2))
    assert not new and sub.frequency == "weekly" and len(await store.subscriptions("telegram", "42")) == 1
    await _add_article(engine, tmp_path, "b", "Kon Tum: " + TITLE_B, BODY_B)
    clock.at(0, 12)
    assert await scheduler.tick() == 0  # no weekly digest off schedule, on a Wednesday
    clock.at(5, 7)
    assert await scheduler.tick() == 1 and TITLE_B in messenger.sent[-1][1][0].plain


async def test_two_platforms_subscribing_and_ingesting_at_once_share_the_store_safely(engine, tmp_path):
    store, clock = engine.store, Clock()
    for i in range(6):
        await _subscribe(store, f"t{i}")
        await _subscribe(store, f"z{i}", platform="zalo")
    await _add_article(engine, tmp_path, "a", TITLE_A, BODY_A)
    tg, zl = Recorder(), Recorder()
    schedulers = [DigestScheduler(store, "telegram", tg, min_gap=0, clock=clock),
                  DigestScheduler(store, "zalo", zl, min_gap=0, clock=clock)]
    clock.at(1, 7, 1)
    # both passes, new subscriptions and an ingest, all interleaved on one connection
    results = await asyncio.gather(*(s.tick() for s in schedulers),
                                   *(_subscribe(store, f"late{i}", at=clock.now) for i in range(5)),
                                   _add_article(engine, tmp_path, "b", TITLE_B, BODY_B))
    assert results[:2] == [6, 6]
    assert sorted(tg.chats()) == [f"t{i}" for i in range(6)] and sorted(zl.chats()) == [f"z{i}" for i in range(6)]
    assert [await s.tick() for s in schedulers] == [0, 0]  # every send was recorded: none repeats
    assert len(await store.subscriptions("telegram")) == 11


async def test_failures_are_retried_later_and_never_stop_the_others(engine, data_dir, tmp_path):
    store, clock, messenger = engine.store, Clock(), Recorder()
    for chat in ("42", "43", "44"):
        await _subscribe(store, chat)
    article = await _add_article(engine, tmp_path, "a", TITLE_A, BODY_A)
    scheduler = DigestScheduler(store, "telegram", messenger, hour=7, min_gap=0, clock=clock)
    # 42: a platform error; 43: blocked the bot; 44: an unexpected error from a library
    messenger.fail_with = [MessengerError("timed out"), RecipientGone("Forbidden: bot was blocked by the user"),
                           ValueError("text is too long")]
    clock.at(1, 7, 0)
    assert await scheduler.tick() == 0
    assert rows(data_dir, "SELECT chat_id, active, cursor < ? FROM subscriptions ORDER BY id", (article.seq,)) == [
        ("42", 1, 1), ("43", 0, 1), ("44", 1, 1)]
    assert rows(data_dir, "SELECT subscription_id, status, attempts, error FROM deliveries ORDER BY id") == [
        (1, "failed", 1, "timed out"), (3, "failed", 1, "text is too long")]
    clock.now += dt.timedelta(seconds=30)
    assert await scheduler.tick() == 0  # waits a minute before trying again
    clock.now += dt.timedelta(minutes=1)
    assert await scheduler.tick() == 2
    assert messenger.chats() == ["42", "44"]
    assert rows(data_dir, "SELECT status, attempts FROM deliveries ORDER BY id") == [("sent", 2), ("sent", 2)]
    assert rows(data_dir, "SELECT cursor FROM subscriptions WHERE chat_id='42'") == [(article.seq,)]


async def test_after_the_last_try_the_articles_wait_for_the_next_period(engine, data_dir, tmp_path):
    store, clock, messenger = engine.store, Clock(), Recorder()
    await _subscribe(store, "42")
    await _add_article(engine, tmp_path, "a", TITLE_A, BODY_A)
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
    assert TITLE_A in messenger.sent[0][1][0].plain  # not lost


async def test_a_moved_chat_keeps_its_digest_and_one_not_allowed_gets_none(engine, data_dir, tmp_path):
    store, clock, messenger = engine.store, Clock(), Recorder()
    await _subscribe(store, "-100")
    await _subscribe(store, "-200", topic="Kon Tum")
    await _subscribe(store, "-200999", topic="Kon Tum")  # the new id already holds this one
    await _subscribe(store, "55")
    await _add_article(engine, tmp_path, "a", "Kon Tum: " + TITLE_A, BODY_A)
    allowed = {"-100", "-100999", "-200", "-200999"}
    scheduler = DigestScheduler(store, "telegram", messenger, hour=7, min_gap=0, clock=clock,
                                allowed=lambda sub: sub.chat_id in allowed)
    messenger.fail_with = [ChatMoved("group upgraded", "-100999"), ChatMoved("group upgraded", "-200999")]
    clock.at(1, 7)
    assert await scheduler.tick() == 1  # -200999 got its own; the two moved chats wait for the next pass
    assert rows(data_dir, "SELECT chat_id, active FROM subscriptions ORDER BY id") == [
        ("-100999", 1), ("-200", 0), ("-200999", 1), ("55", 1)]  # 55 is skipped, not ended
    assert await scheduler.tick() == 1 and messenger.chats() == ["-200999", "-100999"]
    assert await scheduler.tick() == 0  # no retry of a dead id, no second copy
    allowed.add("55")
    assert await scheduler.tick() == 1 and messenger.chats()[-1] == "55"


async def test_subscribe_again_changes_the_frequency_and_unsubscribe_ends_it(engine, data_dir, tmp_path):
    store = engine.store
    first, new = await _subscribe(store, "42", topic="Kon Tum")
    again, new_again = await _subscribe(store, "42", "weekly", topic="Kon Tum")
    assert new and not new_again and again.id == first.id and again.frequency == "weekly"
    await _subscribe(store, "42")
    assert [s.topic for s in await store.subscriptions("telegram", "42")] == ["Kon Tum", ""]
    assert await store.unsubscribe("telegram", "42", "kon tum") == 1
    assert [s.topic for s in await store.subscriptions("telegram", "42")] == [""]
    assert await store.unsubscribe("telegram", "42") == 1
    assert await store.subscriptions("telegram") == []
    assert rows(data_dir, "SELECT count(*) FROM subscriptions") == [(2,)]  # kept, inactive
    # subscribing again later starts afresh: after the newest article, from that time
    newest = await _add_article(engine, tmp_path, "a", TITLE_A, BODY_A)
    later = MADE + dt.timedelta(days=3)
    back, new_back = await _subscribe(store, "42", "daily", topic="Kon Tum", at=later)
    assert new_back and back.id == first.id and back.cursor == newest.seq and back.created_at == later
