"""The Zalo bot end to end: our httpx client and adapter, a real engine (hashing
encoder, sample articles) and the fake Zalo Bot API server over real HTTP."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import re
import sqlite3

import httpx
import pytest

from bot import zalo_adapter
from bot.core import APOLOGY
from bot.runner import SharedEngine, run_bots
from bot.types import Reply
from bot.webhook import WebhookServer
from bot.zalo_client import ZaloApiError, ZaloClient
from bot_harness import (
    BotDriver,
    ADMIN, KONRAY_TITLE, KONTUM_Q, SECRET, TG_TOKEN, TUMORONG_Q, ZALO_TOKEN,
    free_port, rows, settings_for, webhook_server,
)
from corpus.errors import MessengerError, RetryLater
from fake_botapi import (
    FakeBotApi, tg_text_update, zalo_image_update, zalo_sticker_update, zalo_text_update,
    zalo_unsupported_update,
)

USER = "a0c01dfe32b3dbed82a2"
GROUP_ID = "9f00aa11bb22cc33dd44"
pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


class Zalo(BotDriver):
    def __init__(self, fake: FakeBotApi, bot: zalo_adapter.ZaloBot, server: WebhookServer | None) -> None:
        super().__init__(fake, server)
        self.bot = bot

    async def ask(self, text: str, **kw) -> str:
        kw.setdefault("chat_id", USER)
        [call] = await self.send(zalo_text_update(text, **kw))
        return call.params["text"]

    async def ignored(self, update: dict, chat_id: str = GROUP_ID, chat_type: str = "GROUP") -> None:
        user = chat_id if chat_type == "PRIVATE" else USER
        await self.assert_ignored(update, zalo_text_update("/help", chat_id=chat_id, chat_type=chat_type,
                                                           user_id=user))


@contextlib.asynccontextmanager
async def zalo_bot(engine, data_dir, webhook: bool = False, **kw):
    with FakeBotApi("zalo", max_poll_wait=0.1) as fake:
        settings = settings_for(data_dir, zalo_token=ZALO_TOKEN, zalo_base_url=fake.zalo_base, **kw)
        async with webhook_server(webhook) as server:
            url = f"http://127.0.0.1:{server.port}/zalo" if server else ""
            async with zalo_adapter.running(settings, SharedEngine.of(engine), server=server, webhook_url=url,
                                            secret=SECRET, poll_timeout=1) as bot:
                yield Zalo(fake, bot, server)


def assert_plain(text: str) -> None:
    assert 1 <= len(text) <= 2000
    assert not re.search(r"</?(b|i|a|code|pre)\b[^>]*>", text), text[:200]
    assert "&lt;" not in text and "&amp;" not in text


# -- acceptance ----------------------------------------------------------------
async def test_acceptance_same_answer_in_plain_text(engine, data_dir):
    async with zalo_bot(engine, data_dir) as z:
        text = await z.ask(KONTUM_Q)
        assert "40,7 triệu đồng/năm" in text and "[1]" in text and "Nguồn:" in text and "kontumtv.vn" in text
        assert_plain(text)
        assert "Gõ /xemthem để xem thêm kết quả, /nguon 1 để đọc nguồn [1]" in text  # buttons as commands
        assert z.fake.last("sendMessage").params == {"chat_id": USER, "text": text}
        assert z.fake.calls("sendChatAction")[0].params == {"chat_id": USER, "action": "typing"}
        [[platform, chat, question, citations]] = rows(
            data_dir, "SELECT platform, chat_id, question, citations FROM queries")
        assert (platform, chat, question) == ("zalo", USER, KONTUM_Q)
        assert json.loads(citations)[0]["site"] == "kontumtv.vn"

        text = await z.ask(TUMORONG_Q)
        assert "http://baokontum.com.vn/thoi-su-chinh-tri/ban-dan-van-tinh-uy-lam-viec-voi-huyen-uy-tu-mo-rong" in text
        assert_plain(text)
        assert all(len(c.params["text"]) <= 2000 for c in z.fake.calls("sendMessage"))


async def test_acceptance_vanban(engine, data_dir):
    async with zalo_bot(engine, data_dir) as z:
        for query in ("/vanban 18-CT/TU", "/vanban 18 ct tu", "/doc 18 CT/TU"):
            text = await z.ask(query)
            assert KONRAY_TITLE in text and "Chỉ thị số 18-CT/TU" in text, query
            assert_plain(text)


# -- commands ------------------------------------------------------------------
async def test_commands_in_plain_text(engine, data_dir, web):
    from bot_harness import ARTICLE_HTML

    web.route("/bai.html", ARTICLE_HTML)
    async with zalo_bot(engine, data_dir) as z:
        assert (await z.ask("/start")).startswith("Xin chào! Tôi là Trợ lý Dân vận")
        help_text = await z.ask("/trogiup")
        assert "/vanban <số hiệu> (/doc)" in help_text  # plain: no escaping
        assert (await z.ask("/moi")).startswith("Các bài mới nhất:\n1. ")
        assert "40,7" in await z.ask(f"/hoi {KONTUM_Q}")
        src = await z.ask("/nguon 1")
        assert src.startswith("[1] Ban Dân vận Tỉnh ủy Kon Tum") and "40,7 triệu đồng/năm" in src
        assert_plain(src)
        assert (await z.ask("/more")).startswith(("Thêm kết quả liên quan:", "Không còn kết quả nào khác"))
        assert await z.ask("/tot") == "Cảm ơn bạn đã đánh giá!"
        assert await z.ask("/chuatot") == "Cảm ơn bạn, chúng tôi sẽ cải thiện câu trả lời."
        assert [v for (v,) in rows(data_dir, "SELECT vote FROM feedback ORDER BY id")] == [1, -1]
        assert await z.ask("/stats") == "Lệnh này chỉ dành cho quản trị viên."

        added = await z.ask(f"/add {web.url('/bai.html')}", chat_id=ADMIN)
        assert added.startswith("Đã nạp: 1 bài mới")
        assert (await z.ask("/thongke", chat_id=ADMIN)).startswith("Bài viết: 6 (")
        # paging without buttons: the text says how to see page 2, and that works
        page1 = await z.ask("/tim dân vận")
        assert page1.endswith("Gõ /tim dân vận trang 2 để xem trang sau.")
        page2 = await z.ask("/tim dân vận trang 2")
        assert page2.startswith("Bài viết về «dân vận» (trang 2):\n6. ")


# -- polling details -------------------------------------------------------------
async def test_empty_polls_single_updates_duplicates_and_dates(engine, data_dir):
    async with zalo_bot(engine, data_dir) as z:
        await asyncio.sleep(0.25)  # at least one long poll ends empty (408)
        polls = z.fake.calls("getUpdates")
        assert polls and polls[0].params == {"timeout": "1"}
        assert polls[0].response is None  # 408: nothing new, and the bot polls on
        assert z.fake.calls("deleteWebhook")

        stamp_ms = int(dt.datetime(2024, 2, 23, 8, 0, tzinfo=dt.timezone.utc).timestamp() * 1000)
        update = zalo_text_update(KONTUM_Q, chat_id=USER, message_id="m-dup-1", date=stamp_ms)
        assert zalo_adapter.sent_at(update["message"]["date"]).date() == dt.date(2024, 2, 23)
        assert zalo_adapter.sent_at(stamp_ms // 1000).date() == dt.date(2024, 2, 23)
        assert zalo_adapter.sent_at("garbage") is None
        z.fake.push_update(update)
        z.fake.push_update(update)  # delivered twice
        await z.send(zalo_text_update("/help", chat_id=USER), expect=2)  # the probe comes after both
        await asyncio.sleep(0.05)
        texts = [c.params["text"] for c in z.sent()]
        assert sum("40,7" in t for t in texts) == 1 and len(texts) == 2
        assert rows(data_dir, "SELECT count(*) FROM queries") == [(1,)]


def test_names_and_kinds():
    plain = zalo_text_update("xin chào", chat_id=USER, display_name="Trần Thị B")
    msg = zalo_adapter.to_incoming(plain, None)
    assert (msg.user_name, msg.chat_id, msg.user_id, msg.is_private, msg.kind) == (
        "Trần Thị B", USER, USER, True, "text")
    old = zalo_text_update("xin chào", chat_id=USER)
    old["message"]["from"] = {"id": USER, "first_name": "Lan", "is_bot": False}
    assert zalo_adapter.to_incoming(old, None).user_name == "Lan"
    assert zalo_adapter.to_incoming(zalo_sticker_update(), None).kind == "sticker"
    assert zalo_adapter.to_incoming(zalo_image_update(), None).kind == "image"
    assert zalo_adapter.to_incoming(zalo_unsupported_update(), None).kind == "unsupported"
    assert zalo_adapter.to_incoming({"event_name": "follow", "message": {}}, None) is None
    assert zalo_adapter.to_incoming(zalo_text_update("hi", is_bot=True), None) is None
    wrapped = {"ok": True, "result": plain}
    assert zalo_adapter.unwrap(wrapped) is plain
    for bad in ([], {"ok": True}, {"event_name": 3, "message": {}}, {"event_name": "x"}):
        with pytest.raises(ValueError):
            zalo_adapter.unwrap(bad)


# -- groups, access control, rate limit ---------------------------------------------
async def test_group_answers_only_when_addressed(engine, data_dir):
    group = dict(chat_id=GROUP_ID, chat_type="GROUP", user_id=USER)
    async with zalo_bot(engine, data_dir) as z:
        await z.ignored(zalo_text_update(KONTUM_Q, **group))
        await z.ignored(zalo_sticker_update(**group))
        await z.ignored(zalo_text_update(f"@SomeoneElse {KONTUM_Q}", **group))
        assert rows(data_dir, "SELECT count(*) FROM queries") == [(0,)]
        assert "40,7" in await z.ask(f"@FakeBot {KONTUM_Q}", **group)
        assert "40,7" in await z.ask(f"{KONTUM_Q} @bot.FakeBot", **group)
        assert "Tu Mơ Rông" in await z.ask(f"/hoi {TUMORONG_Q}", **group)
        assert [q for (q,) in rows(data_dir, "SELECT question FROM queries")] == [KONTUM_Q, KONTUM_Q, TUMORONG_Q]
        assert {c.params["chat_id"] for c in z.sent()} == {GROUP_ID}


async def test_access_control_and_rate_limit(engine, data_dir):
    async with zalo_bot(engine, data_dir, allowed_users=frozenset({"friend"}), rate_limit_per_minute=2) as z:
        refusal = await z.ask(KONTUM_Q, chat_id="stranger")
        assert refusal == ("Xin lỗi, bạn chưa được cấp quyền sử dụng trợ lý này. "
                           "Vui lòng liên hệ quản trị viên của đơn vị.")
        assert rows(data_dir, "SELECT count(*) FROM queries") == [(0,)]
        assert not z.fake.calls("sendChatAction")
        assert "40,7" in await z.ask(KONTUM_Q, chat_id="friend")
        assert "40,7" in await z.ask(KONTUM_Q, chat_id="friend")
        assert await z.ask(KONTUM_Q, chat_id="friend") == "Bạn gửi tin hơi nhanh. Xin chờ một chút rồi hỏi tiếp nhé."
        await z.ignored(zalo_text_update(KONTUM_Q, chat_id="friend"), chat_id=ADMIN, chat_type="PRIVATE")
        assert "40,7" in await z.ask(KONTUM_Q, chat_id=ADMIN)  # admins are always allowed
        assert rows(data_dir, "SELECT count(*) FROM queries") == [(3,)]


# -- bad input, splitting, flood control ---------------------------------------------
async def test_bad_input(engine, data_dir):
    async with zalo_bot(engine, data_dir) as z:
        for update in (zalo_sticker_update(chat_id=USER), zalo_image_update(chat_id=USER),
                       zalo_unsupported_update(chat_id=USER)):
            [call] = await z.send(update)
            assert call.params["text"].startswith("Tôi chỉ đọc được tin nhắn chữ.")
        assert (await z.ask("")).startswith("Bạn hãy gõ câu hỏi, ví dụ:")
        assert (await z.ask("dân vận khéo " * 800)).startswith("(Câu hỏi dài quá, tôi chỉ dùng 500 ký tự đầu.)")
        assert await z.ask("/xyz") == "Không có lệnh /xyz. Gõ /help để xem các lệnh."
        text = await z.ask("/vanban <script>alert(1)</script>")
        assert text == "Chưa có bài viết nào nhắc đến văn bản «<script>alert(1)</script>»."  # plain text: as typed


async def test_long_reply_split_under_2000(engine, data_dir):
    sentence = "Câu trích dẫn số {i} về công tác dân vận ở cơ sở, có đủ chữ để dài. [{n}]"
    plain = " ".join(sentence.format(i=i, n=i % 3 + 1) for i in range(120))
    plain += "\n\nNguồn:\n" + "\n".join(f"[{i}] Bài {i} — baokontum.com.vn\nhttp://baokontum.com.vn/{i}.html"
                                         for i in range(1, 30))
    assert len(plain) > 2 * 2000
    async with zalo_bot(engine, data_dir) as z:
        async def handle(msg):
            return [Reply(html="<b>unused</b>", plain=plain)]

        z.bot.core.handle = handle
        calls = await z.send(zalo_text_update("dài", chat_id=USER), expect=3)
        await asyncio.sleep(0.05)
        calls = z.sent()
        assert all(len(c.params["text"]) <= 2000 for c in calls)
        assert not any(c.params["text"].startswith("[") and c.params["text"][1:2].isdigit()
                       and "—" not in c.params["text"].split("\n")[0] for c in calls)
        joined = " ".join(c.params["text"] for c in calls)
        assert "số 0 " in joined and "số 119 " in joined and "http://baokontum.com.vn/29.html" in joined
        for c in calls[:-1]:  # cut at a line end, or after a sentence and its [n]
            end = plain.index(c.params["text"]) + len(c.params["text"])
            assert plain[end] == "\n" or (plain[end] == " " and plain[end - 1] == "]"), plain[end - 20:end + 5]


async def test_flood_control_and_failures(engine, data_dir):
    async with zalo_bot(engine, data_dir) as z:
        z.fake.fail_next("sendMessage", 429, "Too many requests", times=2, parameters={"retry_after": 0.05})
        assert (await z.ask("/start")).startswith("Xin chào!")
        assert [c.response is None for c in z.fake.calls("sendMessage")] == [True, True, False]
        z.fake.fail_next("sendMessage", 429, "Too many requests", times=3, parameters={"retry_after": 0.05})
        assert await z.ask("/start") == APOLOGY
        z.fake.fail_next("getUpdates", 500, "Internal error")  # a failing poll: the bot keeps polling
        await asyncio.sleep(0.05)
        assert "40,7" in await z.ask(KONTUM_Q)


async def test_client_translates_errors(data_dir):
    with FakeBotApi("zalo", token=ZALO_TOKEN, max_poll_wait=0.05) as fake:
        good = ZaloClient(ZALO_TOKEN, fake.zalo_base)
        bad = ZaloClient("999:wrong", fake.zalo_base)
        try:
            assert (await good.get_me())["account_name"] == "bot.FakeBot"
            assert await good.get_updates(timeout=1) is None  # 408
            with pytest.raises(ZaloApiError) as err:
                await bad.get_me()
            assert err.value.error_code == 401 and isinstance(err.value, MessengerError)
            fake.fail_next("sendMessage", 429, "slow down", parameters={"retry_after": 2})
            with pytest.raises(RetryLater) as err:
                await good.send_message(USER, "x")
            assert err.value.retry_after == 2
            with pytest.raises(ValueError):
                await good.send_message(USER, "x" * 2001)
        finally:
            await good.aclose()
            await bad.aclose()
    closed = ZaloClient(ZALO_TOKEN, f"http://127.0.0.1:{free_port()}")
    try:
        with pytest.raises(MessengerError) as err:
            await closed.get_me()
        assert isinstance(err.value.__cause__, httpx.HTTPError)
        assert ZALO_TOKEN not in str(err.value)
    finally:
        await closed.aclose()


# -- webhook -------------------------------------------------------------------
async def test_webhook_checks_the_secret_and_body(engine, data_dir):
    async with zalo_bot(engine, data_dir, webhook=True) as z:
        assert z.fake.webhook_url == f"http://127.0.0.1:{z.server.port}/zalo"
        assert z.fake.webhook_secret == SECRET
        assert not z.fake.calls("getUpdates")
        update = zalo_text_update(KONTUM_Q, chat_id=USER)
        for secret in ("wrong-secret-123", ""):
            assert (await z.fake.post_webhook_async(update, secret=secret)).status_code == 403
        async with httpx.AsyncClient() as client:
            headers = z.fake.webhook_headers()
            for body in (b"{oops", b"[]", b'{"event_name": "message.text.received"}', b'{"event_name": "\xff\xfe"}',
                         b"[" * 100_000 + b"]" * 100_000):  # nested too deeply to read
                r = await client.post(z.fake.webhook_url, content=body, headers=headers)
                assert r.status_code == 400, body
        # wrapped {ok, result} bodies are accepted too
        [call] = await z.send({"ok": True, "result": zalo_text_update(TUMORONG_Q, chat_id=USER)})
        assert "baokontum.com.vn" in call.params["text"]
        await asyncio.sleep(0.05)
        assert len(z.sent()) == 1
        assert [q for (q,) in rows(data_dir, "SELECT question FROM queries")] == [TUMORONG_Q]


# -- both bots through run_bots ----------------------------------------------------------
async def health(data_dir, **env) -> tuple[int, str]:
    """`main.py health` run beside the bots' event loop: its exit code and output."""
    from bot_harness import health_command

    done = await asyncio.to_thread(health_command, data_dir, **env)
    return done.returncode, done.stdout + done.stderr


async def test_run_bots_runs_telegram_and_zalo_together(engine, data_dir):
    with FakeBotApi("telegram", max_poll_wait=0.1) as tg, FakeBotApi("zalo", max_poll_wait=0.1) as zl:
        settings = settings_for(data_dir, telegram_token=TG_TOKEN, telegram_base_url=tg.base_url,
                                zalo_token=ZALO_TOKEN, zalo_base_url=zl.zalo_base)
        # a daily digest subscribed long ago on each platform: due at once, it holds the five samples
        for platform, chat in (("telegram", "4242"), ("zalo", GROUP_ID)):
            await engine.store.subscribe(platform, chat, "1", "daily", "", "")
        with sqlite3.connect(data_dir / "danvan.sqlite3") as con:
            con.execute("UPDATE subscriptions SET cursor=0, created_at='2000-01-01T00:00:00Z'")
        stop = asyncio.Event()
        task = asyncio.create_task(run_bots(settings, webhook=False, engines=SharedEngine.of(engine),
                                            stop=stop, poll_timeout=1))
        digests = [await fake.wait_for_async("sendMessage") for fake in (tg, zl)]
        assert [d.params["chat_id"] for [d] in digests] == [4242, GROUP_ID]
        assert all("Bản tin hằng ngày" in d.params["text"] and "5 bài mới" in d.params["text"] for [d] in digests)
        tg.push_update(tg_text_update(KONTUM_Q, chat_id=42))
        zl.push_update(zalo_text_update(KONTUM_Q, chat_id=USER))
        [_, t] = await tg.wait_for_async("sendMessage", 2)
        [_, z] = await zl.wait_for_async("sendMessage", 2)
        assert "40,7" in t.params["text"] and "<b>[1]</b>" in t.params["text"]
        assert "40,7" in z.params["text"] and "<b>" not in z.params["text"]
        # the Docker health check in polling mode: the heartbeat the running bots write
        code, out = await health(data_dir)
        assert code == 0 and "Bot đang chạy bình thường (ok: telegram, zalo (polling)" in out, out
        stop.set()
        assert await asyncio.wait_for(task, 10) == 0
        code, out = await health(data_dir)  # stopped: no heartbeat left behind
        assert code == 1 and "no heartbeat: the bots are not running" in out, out
        assert rows(data_dir, "SELECT platform FROM queries ORDER BY platform") == [("telegram",), ("zalo",)]
        assert (await engine.store.counts())["articles"] == 5  # the shared engine is still usable


async def test_run_bots_webhook_mode_and_health(engine, data_dir):
    port = free_port()
    with FakeBotApi("telegram", max_poll_wait=0.1) as tg, FakeBotApi("zalo", max_poll_wait=0.1) as zl:
        settings = settings_for(data_dir, telegram_token=TG_TOKEN, telegram_base_url=tg.base_url,
                                zalo_token=ZALO_TOKEN, zalo_base_url=zl.zalo_base, webhook_url="https://bot.example.vn/",
                                webhook_secret=SECRET, webhook_listen="127.0.0.1", webhook_port=port)
        stop = asyncio.Event()
        task = asyncio.create_task(run_bots(settings, webhook=True, engines=SharedEngine.of(engine), stop=stop))
        for _ in range(200):
            if zl.webhook_url and tg.webhook_url:
                break
            await asyncio.sleep(0.02)
        assert tg.webhook_url == "https://bot.example.vn/telegram" and zl.webhook_url == "https://bot.example.vn/zalo"
        local = f"http://127.0.0.1:{port}"
        async with httpx.AsyncClient() as client:
            assert (await client.get(f"{local}/healthz")).json() == {"ok": True}
        for _ in range(200):  # the first beat is written once the bots run
            if (data_dir / "danvan.heartbeat").exists():
                break
            await asyncio.sleep(0.02)
        code, out = await health(data_dir, DANVAN_WEBHOOK_LISTEN="127.0.0.1")
        assert code == 0 and "ok: telegram, zalo (webhook)" in out, out
        r = await zl.post_webhook_async(zalo_text_update(KONTUM_Q, chat_id=USER), url=f"{local}/zalo")
        assert r.status_code == 200
        r = await tg.post_webhook_async(tg_text_update(KONTUM_Q, chat_id=42), url=f"{local}/telegram")
        assert r.status_code == 200
        await tg.wait_for_async("sendMessage")
        await zl.wait_for_async("sendMessage")
        stop.set()
        assert await asyncio.wait_for(task, 10) == 0
        with pytest.raises(httpx.ConnectError):
            async with httpx.AsyncClient() as client:
                await client.get(f"{local}/healthz")


async def test_run_bots_needs_a_token_and_a_webhook_url(data_dir):
    from corpus.errors import ConfigError

    with pytest.raises(ConfigError, match="TELEGRAM_BOT_TOKEN"):
        await run_bots(settings_for(data_dir), webhook=False, platforms=("telegram",))
    with pytest.raises(ConfigError, match="DANVAN_WEBHOOK_URL"):
        await run_bots(settings_for(data_dir, zalo_token="x"), webhook=True)
    with pytest.raises(ConfigError, match="DANVAN_WEBHOOK_SECRET"):
        await run_bots(settings_for(data_dir, zalo_token="x", webhook_url="https://x", webhook_secret="a b"),
                       webhook=True)


# -- digests ---------------------------------------------------------------------
async def test_digest_subscribed_in_chat_is_sent_as_plain_text(engine, data_dir, tmp_path):
    from bot.scheduler import DigestScheduler
    from test_digests import BODY_A, Clock, _add_article, pin_subscriptions

    async with zalo_bot(engine, data_dir) as z:
        assert (await z.ask("/theodoi hang tuan")).startswith("Đã đăng ký bản tin hằng tuần (mọi bài mới)")
        # one subscription per topic: asking again changes its frequency
        assert (await z.ask("/theodoi hằng ngày")).startswith("Đã cập nhật: bản tin hằng ngày (mọi bài mới)")
        assert (await z.ask("/theodoi hằng tuần MTTQ")).startswith("Đã đăng ký bản tin hằng tuần về «MTTQ»")
        await _add_article(engine, tmp_path, "a", "Đăk Hà biểu dương 45 mô hình dân vận khéo",
                           BODY_A)
        pin_subscriptions(data_dir)
        clock = Clock()
        scheduler = DigestScheduler(engine.store, "zalo", z.bot, min_gap=0, clock=clock)
        clock.at(1, 7, 1)
        before = len(z.sent())
        # an API error: the digest is tried again on a later pass, where flood control is waited out
        z.fake.fail_next("sendMessage", error_code=-201, description="Internal error")
        assert await scheduler.tick() == 0
        assert rows(data_dir, "SELECT status, error FROM deliveries") == [
            ("failed", "Zalo sendMessage failed: -201 Internal error")]
        z.fake.fail_next("sendMessage", 429, "Too many requests", parameters={"retry_after": 0.05})
        clock.now += dt.timedelta(minutes=2)
        assert await scheduler.tick() == 1
        sent = [c for c in z.sent()[before:] if c.params["chat_id"] == USER]
        assert sent and "Đăk Hà biểu dương 45 mô hình dân vận khéo" in sent[-1].params["text"]
        assert_plain(sent[-1].params["text"])
        assert "/huytheodoi" in sent[-1].params["text"]
        assert (await z.ask("/huytheodoi hang ngay")).startswith("Đã hủy bản tin (mọi bài mới)")
        assert [(s.frequency, s.topic) for s in await engine.store.subscriptions("zalo", USER)] == [("weekly", "MTTQ")]
        assert (await z.ask("/huytheodoi Kon Tum")).startswith("Không có bản tin nào về «Kon Tum». Các bản tin của bạn: «MTTQ»")
