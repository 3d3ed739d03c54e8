"""Proves tests/fake_botapi.py works with a real python-telegram-bot Application
and with plain httpx for the Zalo side."""

from __future__ import annotations

import asyncio
import contextlib

import httpx
import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

try:  # works whether or not tests/ is a package
    from tests.fake_botapi import (
        FakeBotApi,
        tg_callback_update,
        tg_entities,
        tg_text_update,
        zalo_image_update,
        zalo_sticker_update,
        zalo_text_update,
    )
except ImportError:  # pragma: no cover
    from fake_botapi import (  # type: ignore[no-redef]
        FakeBotApi,
        tg_callback_update,
        tg_entities,
        tg_text_update,
        zalo_image_update,
        zalo_sticker_update,
        zalo_text_update,
    )

TOKEN = "123:ABC"
ZALO_TOKEN = "1459232241454765289:fake-zalo-token"


@pytest.fixture
def tg_fake():
    with FakeBotApi("telegram") as fake:
        yield fake


@pytest.fixture
def zalo_fake():
    with FakeBotApi("zalo", max_poll_wait=0.2) as fake:
        yield fake


async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.effective_chat.send_action("typing")
    await update.message.reply_text(f"echo: {update.message.text}")


async def _start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    kb = InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="yes")]])
    await update.message.reply_text(f"hello {' '.join(context.args)}".strip(), reply_markup=kb)


async def _button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    q = update.callback_query
    await q.answer("ok")
    await q.edit_message_text(f"you chose {q.data}")


@contextlib.asynccontextmanager
async def running_app(fake: FakeBotApi):
    app: Application = (
        ApplicationBuilder().token(TOKEN).base_url(fake.base_url).build()
    )
    app.add_handler(CommandHandler("start", _start))
    app.add_handler(CallbackQueryHandler(_button))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, _echo))
    await app.initialize()
    await app.start()
    await app.updater.start_polling(poll_interval=0.05)
    try:
        yield app
    finally:
        await asyncio.wait_for(app.updater.stop(), 5)
        await asyncio.wait_for(app.stop(), 5)
        await asyncio.wait_for(app.shutdown(), 5)


@pytest.mark.asyncio
async def test_ptb_application_polls_and_replies(tg_fake: FakeBotApi) -> None:
    async with running_app(tg_fake):
        tg_fake.push_update(tg_text_update("xin chào", chat_id=42))
        [sent] = await tg_fake.wait_for_async("sendMessage")
        assert sent.params["text"] == "echo: xin chào"
        assert sent.params["chat_id"] == 42
        # PTB posts form data; the fake decodes it
        assert sent.content_type == "application/x-www-form-urlencoded"
        [action] = tg_fake.calls("sendChatAction")
        assert action.params == {"chat_id": 42, "action": "typing"}

        tg_fake.push_update(tg_text_update("/start now", chat_id=42))
        calls = await tg_fake.wait_for_async("sendMessage", count=2)
        assert calls[1].params["text"] == "hello now"
        assert calls[1].reply_markup == {
            "inline_keyboard": [[{"text": "Yes", "callback_data": "yes"}]]
        }

        # press the button on the message the bot really sent
        tg_fake.push_update(tg_callback_update("yes", message=calls[1].response))
        [edit] = await tg_fake.wait_for_async("editMessageText")
        assert edit.params["text"] == "you chose yes"
        assert edit.params["message_id"] == calls[1].response["message_id"]
        [answer] = tg_fake.calls("answerCallbackQuery")
        assert answer.params["text"] == "ok"

    methods = [c.method for c in tg_fake.calls()]
    assert methods[0] == "getMe"  # app.initialize()
    assert methods[1] == "deleteWebhook"  # start_polling bootstrap
    assert "getUpdates" in methods
    assert methods[-1] == "getUpdates"  # the shutdown "mark as read" call
    assert tg_fake.calls("getUpdates")[-1].params["timeout"] == 0
    assert tg_fake.pending_updates == []  # everything was confirmed via offset


@pytest.mark.asyncio
async def test_ptb_group_command_with_bot_mention(tg_fake: FakeBotApi) -> None:
    async with running_app(tg_fake):
        tg_fake.push_update(
            tg_text_update("/start@fake_bot hi", chat_type="supergroup", user_id=7)
        )
        [sent] = await tg_fake.wait_for_async("sendMessage")
        assert sent.params["text"] == "hello hi"
        assert sent.params["chat_id"] == -1001234567890
        assert sent.response["chat"]["type"] == "supergroup"


def test_entities_use_utf16_offsets() -> None:
    text = "/ask@fake_bot 😀 hỏi @someone"
    ents = tg_entities(text)
    assert ents[0] == {"type": "bot_command", "offset": 0, "length": 13}
    # the emoji is 2 UTF-16 code units
    assert ents[1] == {"type": "mention", "offset": 21, "length": 8}


def test_telegram_errors_and_json_bodies(tg_fake: FakeBotApi) -> None:
    url = tg_fake.method_url(TOKEN, "sendMessage")
    r = httpx.post(url, json={"chat_id": 5, "text": "x" * 4097})
    assert r.status_code == 400
    assert r.json()["description"] == "Bad Request: message is too long"
    tg_fake.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user")
    r = httpx.post(url, json={"chat_id": 5, "text": "hi"})
    assert (r.status_code, r.json()["error_code"]) == (403, 403)
    r = httpx.post(url, json={"chat_id": 5, "text": "hi", "reply_markup": {"inline_keyboard": []}})
    assert r.json()["result"]["text"] == "hi"
    assert tg_fake.last("sendMessage").reply_markup == {"inline_keyboard": []}


def test_zalo_get_updates_408_then_update(zalo_fake: FakeBotApi) -> None:
    url = zalo_fake.method_url(ZALO_TOKEN, "getUpdates")
    with httpx.Client(timeout=5) as client:
        r = client.post(url, json={"timeout": "30"})
        assert r.status_code == 200
        assert r.json() == {"ok": False, "error_code": 408, "description": "Request timeout"}

        upd = zalo_fake.push_update(zalo_text_update("Xin chào", chat_id="a0c01dfe32b3dbed82a2"))
        zalo_fake.push_update(zalo_sticker_update())
        r = client.post(url, json={"timeout": "30"})
        body = r.json()
        assert body["ok"] is True
        assert body["result"] == upd  # ONE update object, not a list
        msg = body["result"]["message"]
        assert body["result"]["event_name"] == "message.text.received"
        assert msg["chat"] == {"chat_type": "PRIVATE", "id": "a0c01dfe32b3dbed82a2"}
        assert msg["from"]["id"] == msg["chat"]["id"]
        assert msg["date"] > 10**12  # milliseconds
        r = client.post(url, json={"timeout": "30"})
        assert r.json()["result"]["event_name"] == "message.sticker.received"

        send = client.post(
            zalo_fake.method_url(ZALO_TOKEN, "sendMessage"),
            json={"chat_id": msg["chat"]["id"], "text": "chào bạn"},
        ).json()
        assert send["ok"] is True and set(send["result"]) == {"message_id", "date"}
        too_long = client.post(
            zalo_fake.method_url(ZALO_TOKEN, "sendMessage"),
            json={"chat_id": "x", "text": "a" * 2001},
        ).json()
        assert too_long["ok"] is False
        assert client.post(
            zalo_fake.method_url(ZALO_TOKEN, "sendChatAction"),
            json={"chat_id": "x", "action": "typing"},
        ).json() == {"ok": True}
    assert zalo_fake.wait_for("sendMessage", count=2, timeout=1)[0].params == {
        "chat_id": "a0c01dfe32b3dbed82a2",
        "text": "chào bạn",
    }


@pytest.mark.asyncio
async def test_zalo_long_poll_wakes_on_push_and_webhook_calls(zalo_fake: FakeBotApi) -> None:
    async with httpx.AsyncClient(base_url=zalo_fake.zalo_base, timeout=5) as client:
        me = (await client.post(f"/bot{ZALO_TOKEN}/getMe", json={})).json()
        assert me["ok"] and me["result"]["account_name"].startswith("bot.")

        poll = asyncio.create_task(
            client.post(f"/bot{ZALO_TOKEN}/getUpdates", json={"timeout": "30"})
        )
        await asyncio.sleep(0.05)
        zalo_fake.push_update(zalo_image_update(caption="ảnh"))
        body = (await poll).json()
        assert body["result"]["message"]["photo_url"].startswith("https://")

        r = await client.post(
            f"/bot{ZALO_TOKEN}/setWebhook",
            json={"url": "https://example.test/zalo", "secret_token": "s3cret-token"},
        )
        assert r.json()["result"]["url"] == "https://example.test/zalo"
        assert zalo_fake.webhook_headers()["X-Bot-Api-Secret-Token"] == "s3cret-token"
        info = (await client.post(f"/bot{ZALO_TOKEN}/getWebhookInfo", json={})).json()
        assert info["result"]["url"] == "https://example.test/zalo"
        await client.post(f"/bot{ZALO_TOKEN}/deleteWebhook", json={})
        assert zalo_fake.webhook_url == ""
