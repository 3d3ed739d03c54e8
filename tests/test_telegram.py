"""The Telegram bot end to end: a real python-telegram-bot Application, a real engine
(hashing encoder, sample articles) and the fake Bot API server over real HTTP."""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import time

import httpx
import pytest

from bot import telegram_adapter
from bot.core import APOLOGY, telegram_commands
from bot.runner import SharedEngine
from bot.types import Button, Reply
from bot.webhook import WebhookServer
from bot_harness import (
    BotDriver,
    ADMIN, ARTICLE_HTML, KONRAY_TITLE, KONTUM_Q, SECRET, TG_TOKEN, TUMORONG_Q,
    assert_balanced_html, rows, settings_for, webhook_server,
)
from fake_botapi import FakeBotApi, tg_callback_update, tg_text_update

GROUP = -1001234567890
pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


class TG(BotDriver):
    """The fake server and the running application, with helpers to talk to the bot."""

    def __init__(self, fake: FakeBotApi, app, server: WebhookServer | None) -> None:
        super().__init__(fake, server)
        self.app = app

    async def say(self, text: str, expect: int = 1, **kw):
        kw.setdefault("chat_id", 42)
        return await self.send(tg_text_update(text, **kw), expect)

    async def ask(self, text: str, **kw) -> str:
        [call] = await self.say(text, **kw)
        return call.params["text"]

    async def ignored(self, update: dict, chat_id: int = GROUP, user_id: int = 1001) -> None:
        await self.assert_ignored(update, tg_text_update("/help", chat_id=chat_id, user_id=user_id,
                                                         chat_type="private" if chat_id > 0 else "supergroup"))


async def _settle(seconds: float = 0.05) -> None:
    await asyncio.sleep(seconds)


@contextlib.asynccontextmanager
async def tg_bot(engine, data_dir, webhook: bool = False, **kw):
    with FakeBotApi("telegram", max_poll_wait=0.1) as fake:
        settings = settings_for(data_dir, telegram_token=TG_TOKEN, telegram_base_url=fake.base_url, **kw)
        async with webhook_server(webhook) as server:
            url = f"http://127.0.0.1:{server.port}/telegram" if server else ""
            async with telegram_adapter.running(settings, SharedEngine.of(engine), server=server,
                                                webhook_url=url, secret=SECRET, poll_timeout=1) as app:
                yield TG(fake, app, server)


def _message_of(update: dict, **fields) -> dict:
    msg = update["message"]
    msg.pop("text", None)
    msg.pop("entities", None)
    msg.update(fields)
    return update


PHOTO = [{"file_id": "AgA", "file_unique_id": "AQA", "width": 90, "height": 90}]
STICKER = {"file_id": "CAA", "file_unique_id": "AgAD", "type": "regular", "width": 512, "height": 512,
           "is_animated": False, "is_video": False}


# -- acceptance ----------------------------------------------------------------
async def test_acceptance_question_answered_with_citation_and_logged(engine, data_dir):
    async with tg_bot(engine, data_dir) as tg:
        [call] = await tg.say(KONTUM_Q, chat_id=42)
        text = call.params["text"]
        assert "40,7 triệu đồng/năm" in text and "[1]" in text and "Nguồn" in text and "kontumtv.vn" in text
        assert call.params["parse_mode"] == "HTML"
        assert call.params["chat_id"] == 42
        keyboard = call.reply_markup["inline_keyboard"]
        assert [b["callback_data"].split(":")[0] for row in keyboard for b in row] == ["more", "src", "fb", "fb"]
        # "typing" while searching, before the answer
        methods = [c.method for c in tg.fake.calls() if c.method in ("sendChatAction", "sendMessage")]
        assert methods[:2] == ["sendChatAction", "sendMessage"]
        assert tg.fake.last("sendChatAction").params == {"chat_id": 42, "action": "typing"}
        # the command menu, Vietnamese names
        assert [c["command"] for c in tg.fake.commands] == [n for n, _ in telegram_commands()]
        assert {"hoi", "tim", "vanban", "nguon"} <= {c["command"] for c in tg.fake.commands}

        [[platform, chat, user, question, found, citations]] = rows(
            data_dir, "SELECT platform, chat_id, user_id, question, found, citations FROM queries")
        assert (platform, chat, user, question, found) == ("telegram", "42", "42", KONTUM_Q, 1)
        cites = json.loads(citations)
        assert cites[0]["n"] == 1 and cites[0]["site"] == "kontumtv.vn" and "40,7" in cites[0]["quote"]

        text = await tg.ask(TUMORONG_Q)
        assert '<a href="http://baokontum.com.vn/' in text


async def test_acceptance_vanban_lists_the_kon_ray_article(engine, data_dir):
    async with tg_bot(engine, data_dir) as tg:
        for query in ("/vanban 18-CT/TU", "/vanban 18 ct tu", "/doc 18-CT/TU"):
            text = await tg.ask(query)
            assert KONRAY_TITLE in text, query
            assert "Chỉ thị số 18-CT/TU" in text
            assert text.startswith("Các bài nhắc đến Chỉ thị 18-CT/TU")
        assert "Chưa có bài viết nào nhắc đến văn bản «99-CT/TU»" in await tg.ask("/vanban 99-CT/TU")


# -- commands ------------------------------------------------------------------
async def test_every_command_and_english_alias(engine, data_dir):
    async with tg_bot(engine, data_dir) as tg:
        for start in ("/start", "/batdau"):
            text = await tg.ask(start)
            assert text.startswith("Xin chào! Tôi là Trợ lý Dân vận") and "5 bài" in text and "/theodoi hằng ngày" in text
        help_text = await tg.ask("/help")
        assert "/vanban &lt;số hiệu&gt; (/doc)" in help_text  # escaped, not a tag
        assert "/them" not in help_text and "/thongke" not in help_text  # admin only
        assert "/hoi" in await tg.ask("/trogiup")

        for cmd in ("/hoi", "/ask"):
            assert "40,7 triệu đồng/năm" in await tg.ask(f"{cmd} {KONTUM_Q}")
        assert (await tg.ask("/hoi")).startswith("Hãy gõ câu hỏi sau lệnh")

        for cmd in ("/tim", "/search"):
            text = await tg.ask(f"{cmd} dân vận")
            assert text.startswith("Bài viết về «dân vận» (trang 1):") and "1. " in text
        assert (await tg.ask("/moi")).startswith("Các bài mới nhất:\n1. ")
        latest = await tg.ask("/latest")
        # newest first: Tu Mơ Rông (2024) before Kon Rẫy (undated, its text's latest date 25/7/2023)
        assert latest.index("Tu Mơ Rông") < latest.index(KONRAY_TITLE)
        assert "bài nhắc đến ngày 25/07/2023" in latest

        await tg.ask(TUMORONG_Q)
        for cmd in ("/nguon 1", "/source 1", "/nguon [1]"):
            text = await tg.ask(cmd)
            assert text.startswith("<b>[1]</b> <a href=\"http://baokontum.com.vn/")
            assert "Nguyễn Đức Tuy" in text
        assert (await tg.ask("/nguon 7")) == "Câu trả lời vừa rồi chỉ có một nguồn: gõ /nguon 1."  # one source
        assert (await tg.ask("/nguon abc")).startswith("Hãy gõ số thứ tự nguồn")
        more = await tg.ask("/xemthem")
        assert more.startswith("Thêm kết quả liên quan:\n• ")
        assert (await tg.ask("/more")).startswith(("Thêm kết quả liên quan:", "Không còn kết quả nào khác"))

        assert await tg.ask("/tot") == "Cảm ơn bạn đã đánh giá!"
        assert await tg.ask("/chuatot") == "Cảm ơn bạn, chúng tôi sẽ cải thiện câu trả lời."
        assert await tg.ask("/good") == "Cảm ơn bạn đã đánh giá!"
        assert await tg.ask("/bad") == "Cảm ơn bạn, chúng tôi sẽ cải thiện câu trả lời."
        last_q = rows(data_dir, "SELECT max(id) FROM queries")[0][0]
        assert rows(data_dir, "SELECT vote FROM feedback WHERE query_id=? ORDER BY id", (last_q,)) == [
            (1,), (-1,), (1,), (-1,)]

        for cmd in ("/them https://example.vn", "/add https://example.vn", "/thongke", "/stats"):
            assert await tg.ask(cmd) == "Lệnh này chỉ dành cho quản trị viên."
        assert await tg.ask("/khongco") == "Không có lệnh /khongco. Gõ /help để xem các lệnh."
        assert (await tg.ask("/hoi@fake_bot " + KONTUM_Q)).count("40,7 triệu đồng/năm") == 1


async def test_admin_commands(engine, data_dir, web):
    web.route("/bai.html", ARTICLE_HTML)
    admin = int(ADMIN)
    async with tg_bot(engine, data_dir) as tg:
        text = await tg.ask(f"/them {web.url('/bai.html')}", chat_id=admin)
        assert text.startswith("Đã nạp: 1 bài mới, 0 cập nhật, 0 trùng, 0 lỗi.")
        assert (await tg.ask(f"/add {web.url('/bai.html')}", chat_id=admin)).startswith("Đã nạp: 0 bài mới")
        missing = web.url("/khongco.html")
        assert await tg.ask(f"/them {missing}", chat_id=admin) == (
            f"Đã nạp: 0 bài mới, 0 cập nhật, 0 trùng, 1 lỗi.\n• lỗi: {missing}: máy chủ trả lỗi HTTP 404")
        assert (await tg.ask("/them ftp://x", chat_id=admin)).startswith("Hãy gõ địa chỉ bài viết")
        for cmd in ("/thongke", "/stats"):
            stats = await tg.ask(cmd, chat_id=admin)
            assert stats.startswith("Bài viết: 6 (đoạn:") and "Bộ mã hóa:" in stats
            assert "Bài gần trùng (đăng lại nơi khác) đã bỏ qua: 0" in stats
            assert "Ngưỡng “không tìm thấy”: theo độ phủ từ khóa (mặc định" in stats  # hashing: not calibrated
        assert "/them &lt;url&gt; (/add)" in await tg.ask("/help", chat_id=admin)
        assert "Đăk Hà" in await tg.ask("hội nghị biểu dương 45 mô hình dân vận khéo Đăk Hà", chat_id=admin)


# -- buttons -------------------------------------------------------------------
async def test_buttons_more_source_feedback_and_paging(engine, data_dir, web):
    web.route("/bai.html", ARTICLE_HTML)
    await engine.ingest([web.url("/bai.html")])  # a sixth article: two pages of "dân vận"
    async with tg_bot(engine, data_dir) as tg:
        [answer] = await tg.say(KONTUM_Q)
        data = {b["text"]: b["callback_data"] for row in answer.reply_markup["inline_keyboard"] for b in row}
        qid = rows(data_dir, "SELECT max(id) FROM queries")[0][0]
        assert data == {"Thêm kết quả": f"more:{qid}", "Xem nguồn": f"src:{qid}",
                        "👍": f"fb:{qid}:1", "👎": f"fb:{qid}:-1"}

        def press(value: str) -> dict:
            return tg_callback_update(value, message=answer.response, user_id=42)

        [src] = await tg.send(press(data["Xem nguồn"]))
        assert src.params["text"].startswith("<b>[1]</b> ") and "40,7 triệu đồng/năm" in src.params["text"]
        [more] = await tg.send(press(data["Thêm kết quả"]))
        assert more.params["text"].startswith("Thêm kết quả liên quan:")
        snippets = [html.unescape(p.split("\n", 1)[1]) for p in more.params["text"].split("\n", 1)[1].split("\n\n")]
        passages = [t for (t,) in rows(data_dir, "SELECT text FROM chunks")]
        # a short passage whole, a long one cut at a word and marked
        assert snippets and all(s in passages or (s.endswith("…") and len(s) <= 301 and any(
            p.startswith(s[:-1]) and len(p) > 300 for p in passages)) for s in snippets)

        [up] = await tg.send(press(data["👍"]))
        assert up.params["text"] == "Cảm ơn bạn đã đánh giá!"
        [down] = await tg.send(press(data["👎"]))
        assert down.params["text"] == "Cảm ơn bạn, chúng tôi sẽ cải thiện câu trả lời."
        assert rows(data_dir, "SELECT query_id, user_id, vote FROM feedback ORDER BY id") == [
            (qid, "42", 1), (qid, "42", -1)]
        notices = [c.params.get("text") for c in tg.fake.calls("answerCallbackQuery")]
        assert notices[-2:] == ["Cảm ơn bạn đã đánh giá!", "Cảm ơn bạn, chúng tôi sẽ cải thiện câu trả lời."]
        assert len(notices) == 4

        # the buttons of an earlier answer once another question was asked
        await tg.ask(TUMORONG_Q)
        [old_more] = await tg.send(press(data["Thêm kết quả"]))
        assert old_more.params["text"] == "Câu trả lời này đã cũ; hãy hỏi lại để xem thêm kết quả."
        [old_src] = await tg.send(press(data["Xem nguồn"]))
        assert old_src.params["text"] == "Câu trả lời này đã cũ; hãy hỏi lại để xem nguồn."
        notices = [c.params.get("text") for c in tg.fake.calls("answerCallbackQuery")]

        # an unknown or stale button: a notice, no message
        before = len(tg.sent())
        tg.fake.push_update(tg_callback_update("nope:1", message=answer.response, user_id=42))
        await tg.fake.wait_for_async("answerCallbackQuery", count=len(notices) + 1)
        assert tg.fake.last("answerCallbackQuery").params["text"] == "Nút này không còn dùng được."
        await tg.ask("/help")
        assert len(tg.sent()) == before + 1

        # /tim paging: "Trang sau" shows page 2
        [page1] = await tg.say("/tim dân vận")
        [[button]] = page1.reply_markup["inline_keyboard"]
        assert button == {"text": "Trang sau", "callback_data": "tim:1"}
        [page2] = await tg.send(tg_callback_update("tim:1", message=page1.response, user_id=42))
        assert page2.params["text"].startswith("Bài viết về «dân vận» (trang 2):\n6. ")
        assert page2.reply_markup is None


# -- groups --------------------------------------------------------------------
async def test_group_answers_only_when_addressed(engine, data_dir):
    group = dict(chat_type="supergroup", chat_id=GROUP, user_id=1001)
    async with tg_bot(engine, data_dir) as tg:
        await tg.ignored(tg_text_update(KONTUM_Q, **group))
        await tg.ignored(tg_text_update(f"/hoi@other_bot {KONTUM_Q}", **group))
        await tg.ignored(tg_text_update("/lenhla", **group))  # maybe another bot's command
        await tg.ignored(_message_of(tg_text_update("x", **group), sticker=STICKER))
        assert rows(data_dir, "SELECT count(*) FROM queries") == [(0,)]

        [call] = await tg.say(f"@fake_bot {KONTUM_Q}", **group)
        assert "40,7 triệu đồng/năm" in call.params["text"]
        assert call.params["reply_parameters"]["message_id"] > 0  # threaded under the question
        assert rows(data_dir, "SELECT question FROM queries") == [(KONTUM_Q,)]  # mention stripped

        [call] = await tg.say(f"/hoi {TUMORONG_Q}", **group)
        assert "baokontum.com.vn" in call.params["text"]
        [call] = await tg.say(f"/hoi@fake_bot {KONTUM_Q}", **group)
        assert "40,7" in call.params["text"]

        bot_message = dict(call.response)
        [call] = await tg.say(TUMORONG_Q, reply_to_message=bot_message, **group)
        assert "Tu Mơ Rông" in call.params["text"]
        assert rows(data_dir, "SELECT count(*) FROM queries") == [(4,)]


# -- access control and rate limit -----------------------------------------------
async def test_access_control(engine, data_dir):
    async with tg_bot(engine, data_dir, allowed_users=frozenset({"7"}), allowed_chats=frozenset({"-100777"})) as tg:
        [refusal] = await tg.say(KONTUM_Q, chat_id=55)
        assert refusal.params["text"] == ("Xin lỗi, bạn chưa được cấp quyền sử dụng trợ lý này. "
                                         "Vui lòng liên hệ quản trị viên của đơn vị.")
        assert refusal.reply_markup is None
        [refusal] = await tg.say("/tim dân vận", chat_id=55)
        assert refusal.params["text"].startswith("Xin lỗi, bạn chưa được cấp quyền")
        assert rows(data_dir, "SELECT count(*) FROM queries") == [(0,)]
        assert tg.fake.calls("sendChatAction") == []  # nothing searched

        assert "40,7" in await tg.ask(KONTUM_Q, chat_id=7)
        assert "40,7" in await tg.ask(KONTUM_Q, chat_id=int(ADMIN))
        assert "40,7" in await tg.ask(f"/hoi {KONTUM_Q}", chat_id=-100777, chat_type="supergroup", user_id=55)
        assert rows(data_dir, "SELECT user_id FROM queries ORDER BY id") == [("7",), (ADMIN,), ("55",)]


async def test_rate_limit(engine, data_dir):
    async with tg_bot(engine, data_dir, rate_limit_per_minute=2) as tg:
        assert "40,7" in await tg.ask(KONTUM_Q)
        assert "Tu Mơ Rông" in await tg.ask(TUMORONG_Q)
        assert await tg.ask(KONTUM_Q) == "Bạn gửi tin hơi nhanh. Xin chờ một chút rồi hỏi tiếp nhé."
        await tg.ignored(tg_text_update(KONTUM_Q, chat_id=42), chat_id=43, user_id=43)  # silence, then
        assert rows(data_dir, "SELECT count(*) FROM queries") == [(2,)]
        assert "40,7" in await tg.ask(KONTUM_Q, chat_id=43)  # other users are not limited


# -- splitting and escaping ----------------------------------------------------------
async def test_long_replies_split_in_balanced_pieces(engine, data_dir):
    sentence = 'Câu trích dẫn số {i} về công tác dân vận &amp; "Dân vận khéo" ở cơ sở. <b>[{n}]</b>'
    body = " ".join(sentence.format(i=i, n=i % 3 + 1) for i in range(150))
    sources = "\n".join(f'[{i}] <a href="http://baokontum.com.vn/bai-{i}.html">Bài {i}. Tiêu đề có dấu chấm.'
                        f' Và nhiều chữ</a> — baokontum.com.vn, 23/02/2024' for i in range(1, 40))
    quote = "<i>«" + " ".join(f"Câu {i} trong một trích dẫn nghiêng rất dài." for i in range(200)) + "»</i>"
    html_text = f"{body}\n\n<b>Nguồn:</b>\n{sources}\n\n{quote}"
    assert len(html_text) > 3 * 4096
    long_reply = Reply(html=html_text, plain="x", buttons=((Button("Thêm kết quả", "more:1"),),))

    async with tg_bot(engine, data_dir) as tg:
        core = tg.app.bot_data["core"]

        async def handle(msg):
            return [long_reply]

        core.handle = handle
        await tg.say("dài", expect=4)
        await _settle()
        calls = tg.sent()
        assert len(calls) >= 4
        for c in calls:
            assert len(c.params["text"]) <= 4096
            assert_balanced_html(c.params["text"])
        assert [c.reply_markup is not None for c in calls] == [False] * (len(calls) - 1) + [True]
        joined = " ".join(c.params["text"] for c in calls)
        for i in (0, 75, 149):
            assert f"Câu trích dẫn số {i} " in joined
        assert "Câu 199 trong một trích dẫn" in joined
        # a sentence is never separated from its [n]
        assert not any(c.params["text"].lstrip().startswith("<b>[") for c in calls)

    # a long /nguon passage through the real core stays whole and balanced
    async with tg_bot(engine, data_dir) as tg:
        await tg.ask(KONTUM_Q)
        [src] = await tg.say("/nguon 1")
        assert_balanced_html(src.params["text"])


async def test_html_in_questions_comes_back_escaped(engine, data_dir):
    async with tg_bot(engine, data_dir) as tg:
        text = await tg.ask("/vanban <script>alert(1)</script><b>x</b>")
        assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;" in text
        assert "<script>" not in text and "<b>x" not in text
        text = await tg.ask(f"<script>alert(1)</script> <b>{KONTUM_Q}</b>")
        assert "<script" not in text and "<b>Thu" not in text and "40,7" in text
        assert rows(data_dir, "SELECT question FROM queries") == [(f"alert(1) {KONTUM_Q}",)]  # tags dropped
        text = await tg.ask("/tim <b>dân vận</b> & <i>khéo</i>")
        assert text.startswith("Bài viết về «dân vận &amp; khéo» (trang 1):")


# -- bad input -------------------------------------------------------------------
async def test_bad_input(engine, data_dir):
    async with tg_bot(engine, data_dir) as tg:
        assert (await tg.ask("   ")).startswith("Bạn hãy gõ câu hỏi, ví dụ:")
        long_text = await tg.ask("dân vận khéo " * 800)  # about 10,000 characters
        assert long_text.startswith("(Câu hỏi dài quá, tôi chỉ dùng 500 ký tự đầu.)")
        [[question]] = rows(data_dir, "SELECT question FROM queries")
        assert len(question) <= 500

        for fields in ({"sticker": STICKER}, {"photo": PHOTO}, {"photo": PHOTO, "caption": "ảnh"}):
            [call] = await tg.send(_message_of(tg_text_update("x", chat_id=42), **fields))
            assert call.params["text"].startswith("Tôi chỉ đọc được tin nhắn chữ.")

        edited = tg_text_update(KONTUM_Q, chat_id=42)
        edited["edited_message"] = dict(edited.pop("message"), edit_date=int(time.time()))
        [call] = await tg.send(edited)
        assert "40,7 triệu đồng/năm" in call.params["text"]
        assert (await tg.ask("/xyz abc")) == "Không có lệnh /xyz. Gõ /help để xem các lệnh."
        # someone joins a group: a service message, no answer
        join = _message_of(tg_text_update("x", chat_type="supergroup", chat_id=GROUP),
                           new_chat_members=[{"id": 5, "is_bot": False, "first_name": "A"}])
        await tg.ignored(join)


async def test_flood_control_retry_and_error_handler(engine, data_dir):
    async with tg_bot(engine, data_dir) as tg:
        tg.fake.fail_next("sendMessage", 429, "Too Many Requests: retry after 0.05", times=2,
                          parameters={"retry_after": 0.05})
        [call] = await tg.say("/start")
        assert call.params["text"].startswith("Xin chào!")
        assert [c.response is None for c in tg.fake.calls("sendMessage")] == [True, True, False]

        # three refusals: the update fails, the error handler apologises, the bot goes on
        tg.fake.fail_next("sendMessage", 429, "Too Many Requests: retry after 0.05", times=3,
                          parameters={"retry_after": 0.05})
        [call] = await tg.say("/start")
        assert call.params["text"] == APOLOGY
        assert len(tg.fake.calls("sendMessage")) == 3 + 3 + 1
        assert "40,7" in await tg.ask(KONTUM_Q)

        # a failing core: logged, apology, next update fine
        core = tg.app.bot_data["core"]
        real = core.handle

        async def broken(msg):
            raise RuntimeError("boom")

        core.handle = broken
        assert await tg.ask("gì đó") == APOLOGY
        core.handle = real
        assert "40,7" in await tg.ask(KONTUM_Q)


async def test_refused_html_falls_back_to_plain_text_once(engine, data_dir):
    async with tg_bot(engine, data_dir) as tg:
        tg.fake.fail_next("sendMessage", 400, "Bad Request: can't parse entities: unexpected end tag")
        [call] = await tg.say(KONTUM_Q)
        text = call.params["text"]
        assert "parse_mode" not in call.params and "<b>" not in text and "<a" not in text
        assert "40,7 triệu đồng/năm" in text and text.count("Nguồn:") == 1
        assert call.reply_markup and "more:" in json.dumps(call.reply_markup)  # buttons kept


# -- webhook ---------------------------------------------------------------------
async def test_a_rejected_token_is_a_setting_and_never_logged(engine, data_dir):
    """Telegram answers 401: a ConfigError naming TELEGRAM_BOT_TOKEN (main exits 2), the token itself nowhere."""
    from corpus.errors import ConfigError

    with FakeBotApi("telegram", token="123:the-right-one", max_poll_wait=0.1) as fake:
        settings = settings_for(data_dir, telegram_token=TG_TOKEN, telegram_base_url=fake.base_url)
        with pytest.raises(ConfigError, match="TELEGRAM_BOT_TOKEN was rejected") as caught:
            async with telegram_adapter.running(settings, SharedEngine.of(engine), poll_timeout=1):
                pass
    assert TG_TOKEN not in str(caught.value)


async def test_a_webhook_port_in_use_or_a_bad_address_is_named_as_a_setting():
    """Not an OSError traceback: the settings to change (main exits 2 with it)."""
    from corpus.errors import ConfigError

    first = WebhookServer("127.0.0.1", 0)
    await first.start()
    try:
        with pytest.raises(ConfigError, match=f"cannot listen on 127.0.0.1:{first.port}.*DANVAN_WEBHOOK_PORT"):
            await WebhookServer("127.0.0.1", first.port).start()
        with pytest.raises(ConfigError, match="cannot listen on notanip"):
            await WebhookServer("notanip", 0).start()
    finally:
        await first.stop()


async def test_webhook_checks_the_secret(engine, data_dir):
    async with tg_bot(engine, data_dir, webhook=True) as tg:
        assert tg.fake.webhook_url == f"http://127.0.0.1:{tg.server.port}/telegram"
        assert tg.fake.webhook_secret == SECRET
        assert [c.method for c in tg.fake.calls()][:1] == ["getMe"]
        assert not tg.fake.calls("getUpdates")

        update = tg_text_update(KONTUM_Q, chat_id=42)
        for secret in ("wrong-secret", ""):
            r = await tg.fake.post_webhook_async(update, secret=secret)
            assert r.status_code == 403
        r = await tg.fake.post_webhook_async(update, secret=SECRET[:-1])
        assert r.status_code == 403
        async with httpx.AsyncClient() as client:
            url = tg.fake.webhook_url
            headers = tg.fake.webhook_headers()
            assert (await client.post(url, content=b"{not json", headers=headers)).status_code == 400
            assert (await client.post(url, content=b"[1, 2]", headers=headers)).status_code == 400
            assert (await client.post(url, json={"message": {}}, headers=headers)).status_code == 400
            assert (await client.post(url, json={"update_id": True}, headers=headers)).status_code == 400
            deep = b"[" * 100_000 + b"]" * 100_000
            assert (await client.post(url, content=deep, headers=headers)).status_code == 400
            assert (await client.get(url)).status_code == 405
            health = await client.get(f"http://127.0.0.1:{tg.server.port}/healthz")
            assert health.status_code == 200 and health.json() == {"ok": True}
        [call] = await tg.send(tg_text_update(TUMORONG_Q, chat_id=42))
        assert "baokontum.com.vn" in call.params["text"]
        await _settle()
        assert len(tg.sent()) == 1  # the refused updates were never processed
        assert rows(data_dir, "SELECT question FROM queries") == [(TUMORONG_Q,)]


def test_file_url():
    assert telegram_adapter.file_url("https://api.telegram.org/bot") == "https://api.telegram.org/file/bot"
    assert telegram_adapter.file_url("http://127.0.0.1:8081/bot/") == "http://127.0.0.1:8081/file/bot"


@pytest.mark.parametrize("text,expected", [("x" * 5000, 2), ("😀" * 3000, 2)])
def test_pieces_count_utf16(text, expected):
    parts = telegram_adapter.pieces(text)
    assert len(parts) >= expected
    assert all(len(p.encode("utf-16-le")) // 2 <= 4096 for p in parts)
    assert "".join(parts) == text


# -- digests ---------------------------------------------------------------------
async def test_digest_subscribed_in_chat_is_sent_through_the_bot_api(engine, data_dir, tmp_path):
    from bot.scheduler import DigestScheduler
    from test_digests import BODY_A, BODY_B, Clock, _add_article, pin_subscriptions

    async with tg_bot(engine, data_dir) as tg:
        text = await tg.ask("/theodoi hằng ngày dân vận khéo")
        assert text.startswith("Đã đăng ký bản tin hằng ngày về «dân vận khéo»") and "7:00" in text
        assert "hằng ngày về «dân vận khéo», lúc 7:00" in await tg.ask("/theodoi")
        assert await tg.ask("/theodoi hằng ngày Gia Lai", chat_id=77, user_id=77)
        await _add_article(engine, tmp_path, "a", "Đăk Hà biểu dương 45 mô hình dân vận khéo",
                           BODY_A)
        pin_subscriptions(data_dir)
        clock = Clock()
        scheduler = DigestScheduler(engine.store, "telegram", telegram_adapter.TelegramMessenger(tg.app.bot),
                                    min_gap=0, clock=clock)
        clock.at(1, 7, 1)
        before = len(tg.sent())
        assert await scheduler.tick() == 1  # chat 77 (Gia Lai) has nothing new
        [call] = tg.sent()[before:]
        assert call.params["chat_id"] == 42 and call.params["parse_mode"] == "HTML"
        assert "Bản tin hằng ngày" in call.params["text"]
        assert "Đăk Hà biểu dương 45 mô hình dân vận khéo" in call.params["text"]
        assert_balanced_html(call.params["text"])

        # the user blocks the bot: the next digest fails with 403 and the subscription ends
        await _add_article(engine, tmp_path, "b", "Sa Thầy: nông dân làm đường, dân vận khéo ở thôn", BODY_B)
        tg.fake.fail_next("sendMessage", error_code=403, description="Forbidden: bot was blocked by the user")
        clock.at(2, 7, 1)
        assert await scheduler.tick() == 0
        assert rows(data_dir, "SELECT chat_id, active FROM subscriptions ORDER BY id") == [("42", 0), ("77", 1)]

        # a group that became a supergroup: its digest follows it to the new id
        await tg.ask("/theodoi", chat_id=GROUP, chat_type="supergroup")  # lists (none), subscribes nothing
        await tg.say("/theodoi@" + tg.app.bot.username + " hằng ngày", chat_id=GROUP, chat_type="supergroup")
        pin_subscriptions(data_dir)
        await _add_article(engine, tmp_path, "c", "Kon Plông: hội nghị dân vận chính quyền năm 2026",
                           BODY_A.replace("Đăk Hà", "Kon Plông"))
        tg.fake.fail_next("sendMessage", 400, "Bad Request: group chat was upgraded to a supergroup chat",
                          parameters={"migrate_to_chat_id": GROUP - 1})
        clock.at(3, 7, 1)
        assert await scheduler.tick() == 0  # the group's send failed: it moved (chat 77: nothing on Gia Lai)
        assert rows(data_dir, "SELECT chat_id FROM subscriptions WHERE active=1 AND topic=''") == [(str(GROUP - 1),)]
        assert await scheduler.tick() == 1
        assert tg.sent()[-1].params["chat_id"] == GROUP - 1 and "hội nghị dân vận chính quyền" in tg.sent()[-1].params["text"]

        assert (await tg.ask("/huytheodoi", chat_id=77, user_id=77)).startswith("Đã hủy 1 bản tin")
        assert await tg.ask("/huytheodoi", chat_id=77, user_id=77) == "Bạn chưa đăng ký bản tin nào."
