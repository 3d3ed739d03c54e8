"""The bot core through the console platform and a real engine (hashing encoder),
the splitting of long replies, and the Docker deployment files."""

from __future__ import annotations

import asyncio
import io
import re
import shlex
from dataclasses import replace
from pathlib import Path

import pytest

from bot import render
from bot.console import run_console
from bot.core import BotCore, ChatLocks, RateLimiter, telegram_commands
from bot.types import Incoming
from bot_harness import KONTUM_Q, assert_balanced_html, settings_for

ROOT = Path(__file__).resolve().parent.parent


def msg(text="", **kw) -> Incoming:
    base = dict(platform="telegram", chat_id="1", user_id="1", text=text)
    base.update(kw)
    return Incoming(**base)


async def test_console_chat_answers_and_commands(engine, data_dir):
    out = io.StringIO()
    await run_console(engine, settings_for(data_dir), io.StringIO(f"{KONTUM_Q}\n\n/nguon 1\n/thongke\n"), out)
    text = out.getvalue()
    assert "40,7 triệu đồng/năm" in text and "[1]" in text and "Nguồn:\n[1]" in text
    assert "Bài viết: 5" in text  # the console user is an admin


async def test_a_message_with_separate_tone_marks_reads_as_typed_normally(engine, data_dir):
    import unicodedata

    core = BotCore(engine, settings_for(data_dir), "telegram")
    composed = (await core.handle(msg(KONTUM_Q)))[0].plain
    assert "40,7 triệu đồng/năm" in composed
    assert (await core.handle(msg(unicodedata.normalize("NFD", KONTUM_Q))))[0].plain == composed
    [new] = await core.handle(msg(unicodedata.normalize("NFD", "Bài mới về công tác dân vận tuần này?")))
    assert "«công tác dân vận»" in new.plain


async def test_commands_typed_with_accents_and_messages_with_nothing_to_search(engine, data_dir):
    core = BotCore(engine, settings_for(data_dir), "telegram")
    typed = (await core.handle(msg("/tìm dân vận")))[0].plain
    assert typed.startswith("Bài viết về «dân vận»") and typed == (await core.handle(msg("/tim dân vận")))[0].plain
    assert "40,7 triệu đồng/năm" in (await core.handle(msg("/Hỏi " + KONTUM_Q)))[0].plain
    group = dict(is_private=False, chat_id="-5")
    assert (await core.handle(msg("/tìm dân vận", **group)))[0].plain.startswith("Bài viết về «dân vận»")
    assert (await core.handle(msg("/lệnhlạ")))[0].plain == "Không có lệnh /lệnhlạ. Gõ /help để xem các lệnh."
    for nothing in ("/", "\u200b\u200b", "…?", "🙂"):
        [reply] = await core.handle(msg(nothing))
        assert reply.plain.startswith("Bạn hãy gõ câu hỏi"), nothing
    # a zero-width space between words is a space
    assert "40,7 triệu đồng/năm" in (await core.handle(msg(KONTUM_Q.replace(" ", "\u200b"))))[0].plain


async def test_greetings_thanks_and_english_get_their_own_reply_not_an_apology(engine, data_dir):
    """"chào bot", "cảm ơn bot nhiều", "ok", an English question: a short reply of
    their own, nothing searched, nothing logged as unanswered; "có gì mới không"
    lists the newest articles. Questions that only start like them are questions."""
    from bot_harness import rows

    core = BotCore(engine, settings_for(data_dir), "telegram")
    for text, start in (("chào bot", "Xin chào! Bạn cứ hỏi về công tác dân vận"), ("Xin chào!", "Xin chào!"),
                        ("bot ơi", "Xin chào!"), ("cảm ơn bot nhiều", "Không có gì ạ!"),
                        ("cam on ban nhe", "Không có gì ạ!"), ("ok thanks", "Không có gì ạ!"),
                        ("Ok", "Vâng ạ."), ("dạ", "Vâng ạ."),
                        ("What is the average income in Kon Tum in 2019?", "Tôi trả lời bằng tiếng Việt")):
        [reply] = await core.handle(msg(text))
        assert reply.plain.startswith(start), text
    assert "(I answer in Vietnamese" in reply.plain
    # who it is, how to use it, goodbye: the introduction, the command list, a farewell
    for text, start in (("bạn là ai?", "Xin chào! Tôi là Trợ lý Dân vận"), ("Chào bạn, bạn là ai", "Xin chào! Tôi là"),
                        ("bot lam duoc gi", "Xin chào! Tôi là"), ("help", "Các lệnh:"), ("Hướng dẫn", "Các lệnh:"),
                        ("tạm biệt", "Tạm biệt!"), ("bye bot", "Tạm biệt!"), ("Ban là ai?", "Xin chào! Tôi là")):
        [reply] = await core.handle(msg(text))
        assert reply.plain.startswith(start), text
    assert rows(data_dir, "SELECT count(*) FROM queries")[0][0] == 0
    [new] = await core.handle(msg("có gì mới không"))
    assert "Phát huy hiệu quả từ phong trào thi đua Dân vận khéo" in new.plain
    for question in (KONTUM_Q, "thu nhap binh quan kon tum 2019", "chao mung ngay dai doan ket co gi",
                     "cảm ơn người có uy tín thế nào", "To chuc WHO the nao", "to chuc WHO", "Vàng", "Đà",
                     "Ai là Bí thư Tỉnh ủy?", "hướng dẫn thực hiện quy chế dân chủ", "giúp đỡ hộ nghèo thế nào",
                     "Ban là gì"):
        from bot.smalltalk import small_talk

        assert small_talk(question) is None, question


async def test_command_wording_help_stats_and_feeds(engine, data_dir):
    """/help names the Vietnamese command first; /thongke writes times as dd/mm/yyyy
    in Vietnam time; /bonguon says there is no such feed, not "type its number"."""
    from bot_harness import ADMIN

    core = BotCore(engine, settings_for(data_dir), "telegram")
    [help_] = await core.handle(msg("/help"))
    assert "/batdau (/start) — " in help_.plain and "/trogiup (/help) — " in help_.plain
    [stats] = await core.handle(msg("/thongke", user_id=ADMIN))
    assert re.search(r"Lần nạp gần nhất: \d\d/\d\d/\d{4} \d\d:\d\d\n", stats.plain), stats.plain
    [none] = await core.handle(msg("/bonguon 3", user_id=ADMIN))
    assert none.plain == "Bot chưa theo dõi nguồn tin nào, nên không có gì để bỏ."
    assert (await core.handle(msg("/bonguon", user_id=ADMIN)))[0].plain.startswith("Hãy gõ số thứ tự")
    await engine.store.add_feed("https://baokontum.com.vn/rss", "1")
    [other] = await core.handle(msg("/unwatch https://example.invalid/rss", user_id=ADMIN))
    assert other.plain.startswith("Không có nguồn tin «https://example.invalid/rss» trong danh sách /nguontin (1 nguồn)")


async def test_digest_commands_where_there_is_no_digest(engine, data_dir):
    console = BotCore(engine, settings_for(data_dir), "console")
    [reply] = await console.handle(msg("/theodoi hằng ngày", platform="console"))
    assert reply.plain == "Bản tin chỉ được gửi qua Telegram hoặc Zalo."
    off = BotCore(engine, settings_for(data_dir, digest_hour=-1), "telegram")
    [reply] = await off.handle(msg("/subscribe"))
    assert reply.plain.startswith("Đơn vị chưa bật bản tin định kỳ")
    assert "/theodoi" not in (await off.handle(msg("/start")))[0].plain
    assert await engine.store.subscriptions("telegram") == [] and await engine.store.subscriptions("console") == []


async def test_groups_ignore_chatter_stickers_and_foreign_commands(engine, data_dir):
    core = BotCore(engine, settings_for(data_dir), "telegram")
    group = dict(is_private=False, chat_id="-5")
    assert await core.handle(msg(KONTUM_Q, **group)) == []
    assert await core.handle(msg("", kind="sticker", **group)) == []
    assert await core.handle(msg("/lenhla", **group)) == []
    assert "40,7" in (await core.handle(msg(KONTUM_Q, addressed=True, **group)))[0].plain
    assert (await core.handle(msg("/lenhla", addressed=True, **group)))[0].plain.startswith("Không có lệnh")
    assert (await core.handle(msg("", kind="sticker", addressed=True, **group)))[0].plain.startswith("Tôi chỉ đọc")


async def test_access_control_and_rate_limit_with_a_clock(engine, data_dir):
    now = [0.0]
    core = BotCore(engine, settings_for(data_dir, allowed_chats=frozenset({"-7"}), rate_limit_per_minute=2),
                   "zalo", clock=lambda: now[0])
    [refusal] = await core.handle(msg("/start", user_id="x", chat_id="x"))
    assert refusal.plain.startswith("Xin lỗi, bạn chưa được cấp quyền") and not refusal.buttons
    ok = dict(user_id="u", chat_id="-7", is_private=False, addressed=True)
    assert (await core.handle(msg("/start", **ok)))[0].plain.startswith("Xin chào")
    assert (await core.handle(msg("/start", **ok)))[0].plain.startswith("Xin chào")
    assert (await core.handle(msg("/start", **ok)))[0].plain.startswith("Bạn gửi tin hơi nhanh")
    assert await core.handle(msg("/start", **ok)) == []
    now[0] = 61.0
    assert (await core.handle(msg("/start", **ok)))[0].plain.startswith("Xin chào")
    limiter = RateLimiter(0)
    assert all(limiter.check("a") == "ok" for _ in range(100))
    # the console chat (questions piped in a batch by the operator) is never limited
    out = io.StringIO()
    await run_console(engine, settings_for(data_dir, rate_limit_per_minute=2), io.StringIO("chào bot\n" * 25), out)
    assert out.getvalue().count("Xin chào! Bạn cứ hỏi") == 25 and "hơi nhanh" not in out.getvalue()


async def test_a_document_is_listed_by_its_number_alone_and_named_as_written(engine, data_dir):
    from corpus.types import RawDocument

    core = BotCore(engine, settings_for(data_dir), "telegram")
    for query in ("/vanban 62", "/vanban số 62", "/vanban 062"):
        [reply] = await core.handle(msg(query))
        assert reply.plain.startswith("Các bài nhắc đến Chương trình 62-CTr/HU:\n1. Phát huy hiệu quả"), query
    [nq] = await core.handle(msg("/vanban NQ 01"))
    assert nq.plain.startswith("Các bài nhắc đến Nghị quyết 01:\n1. Tiếp và làm việc với Tổ khảo sát")
    # several documents of that number: each item says which
    await engine.ingest_documents([RawDocument(
        origin="mem#62", kind="record", title="Sơ kết Kế hoạch 62",
        text="Huyện ủy sơ kết Kế hoạch số 62-KH/HU, ngày 2/3/2024 về công tác dân vận chính quyền. " * 3)])
    [both] = await core.handle(msg("/vanban 62"))
    assert both.plain.startswith("Các bài nhắc đến ") and "Chương trình 62-CTr/HU" in both.plain.splitlines()[0]
    assert "Kế hoạch 62-KH/HU" in both.plain.splitlines()[0] and "(Kế hoạch 62-KH/HU)" in both.plain
    # the number after the kind, not a date's ("01/02/2024 … Quyết định 1")
    await engine.ingest_documents([RawDocument(
        origin="mem#qd1", kind="record", title="Ban hành quy chế",
        text="Ngày 01/02/2024, Ban Thường vụ Huyện ủy ban hành Quyết định 1 về quy chế làm việc của khối dân vận. " * 3)])
    [qd] = await core.handle(msg("/vanban quyết định 1"))
    assert qd.plain.startswith("Các bài nhắc đến Quyết định 1:\n1. Ban hành quy chế"), qd.plain
    [none] = await core.handle(msg("/vanban 63"))
    assert none.plain == "Chưa có bài viết nào nhắc đến văn bản «63»."


async def test_a_store_failure_is_told_to_a_cadre_without_the_administrators_details(engine, data_dir,
                                                                                       monkeypatch):
    from corpus.errors import StoreError

    core = BotCore(engine, settings_for(data_dir), "telegram")

    async def broken(*args, **kwargs):
        raise StoreError("query failed: unable to open database file",
                         f"Không mở được kho dữ liệu {data_dir}: hãy cấp quyền (chown, chmod)")

    monkeypatch.setattr(engine, "ask", broken)
    [reply] = await core.handle(msg(KONTUM_Q))
    assert reply.plain == "Lỗi kho dữ liệu, xin thử lại sau hoặc báo người quản trị."
    # the console chat is the administrator's own: it says what to do
    console = BotCore(engine, settings_for(data_dir), "console")
    [told] = await console.handle(msg(KONTUM_Q, platform="console"))
    assert told.plain.startswith("Không mở được kho dữ liệu") and "chown" in told.plain


async def test_answers_escape_html_and_offer_buttons(engine, data_dir):
    core = BotCore(engine, settings_for(data_dir), "telegram")
    [reply] = await core.handle(msg(f"<b>{KONTUM_Q}</b> & <script>"))
    assert "<script" not in reply.html and "40,7" in reply.html
    assert_balanced_html(reply.html)
    assert [b.label for row in reply.buttons for b in row] == ["Thêm kết quả", "Xem nguồn", "👍", "👎"]
    [reply] = await core.handle(msg("/vanban a<b>&c"))
    assert "«a&lt;b&gt;&amp;c»" in reply.html and "«a<b>&c»" in reply.plain
    [stale] = await core.handle(msg(kind="callback", callback_data="src:999"))
    assert stale.plain.startswith("Câu trả lời này đã cũ")
    [gone] = await core.handle(msg(kind="callback", callback_data="zzz"))
    assert gone.html == "" and gone.notice == "Nút này không còn dùng được."


async def test_a_question_about_now_answered_from_an_older_article_says_its_date(engine, data_dir):
    """"Hiện nay …" answered from a 2022 article: the reply says what day its figures are
    of; the same question without "hiện nay", or asked within a month of the article, does not."""
    import datetime as dt

    from retrieval.answer import dated
    from retrieval.types import AS_OF_NOTE, AS_OF_UNDATED_NOTE, NO_FIGURE_NOTE

    core = BotCore(engine, settings_for(data_dir), "telegram")
    now_q = KONTUM_Q.replace("năm 2019", "hiện nay")
    [reply] = await core.handle(msg(now_q))
    answer = core.memory("1").last_answer
    published = answer.citations[0].published
    note = AS_OF_NOTE.format(date=published.strftime("%d/%m/%Y")) if published else AS_OF_UNDATED_NOTE
    assert answer.found and reply.plain.startswith(note) and f"<i>{note}" in reply.html
    [plain] = await core.handle(msg(KONTUM_Q))
    assert "có thể đã thay đổi" not in plain.plain
    # pure: within a month of the article nothing is said; an undated one is named so;
    # a note already there (no figure) is kept after it
    fresh = dt.date(2022, 8, 19)
    a = replace(answer, citations=(replace(answer.citations[0], published=fresh),), note="")
    assert dated(a, fresh + dt.timedelta(days=30)).note == "" and dated(a, dt.date(2026, 11, 27)).note == \
        AS_OF_NOTE.format(date="19/08/2022")
    undated = replace(answer, citations=(replace(answer.citations[0], published=None),), note=NO_FIGURE_NOTE)
    assert dated(undated, fresh).note == f"{AS_OF_UNDATED_NOTE} {NO_FIGURE_NOTE}"
    assert dated(replace(a, query="Thu nhập bình quân năm 2019?"), dt.date(2026, 11, 27)).note == ""
    for other in ("Chính sách trọng dụng hiền tài của tỉnh?", "Hội nghị khai mạc lúc bảy giờ sáng ngày nào?",
                  "Huyện thực hiện có hiệu quả bao nhiêu mô hình?", "Năm 2021 xuất hiện có bao nhiêu ổ dịch?",
                  "thuc hien tai xa nao",
                  # "hiện nay" in a message's context only: the question asks nothing of now
                  "Hiện nay xã đang vận động bà con làm căn cước. Xin hỏi quy định về CCCD thế nào?"):
        assert dated(replace(a, query=other), dt.date(2026, 11, 27)).note == "", other  # fold as "hien tai" …
    for bare in ("hien nay co bao nhieu ho ngheo", "Hien nay huyện có bao nhiêu hộ nghèo?",  # typed bare, in part
                 "Xã hiện có bao nhiêu nhân khẩu?", "ca nuoc hien co bao nhieu co so dao tao luat",
                 # "an", "phạt", "sản xuất", "đại biểu" before it are words of their own
                 "Tỉnh Long An hiện có bao nhiêu xã?", "Mức xử phạt hiện nay là bao nhiêu?",
                 "Tình hình sản xuất hiện nay thế nào?", "Số đại biểu hiện có là bao nhiêu?",
                 # one sentence though abbreviated ("TP."), or with "…"
                 "Hiện nay TP. Kon Tum có bao nhiêu hộ nghèo?", "Hiện nay… huyện có bao nhiêu hộ nghèo?",
                 "Hiện nay... huyện có bao nhiêu hộ nghèo?", "Hiện nay... ở huyện có bao nhiêu hộ nghèo?"):
        assert dated(replace(a, query=bare), dt.date(2026, 11, 27)).note, bare


def test_telegram_commands_are_vietnamese_and_valid():
    names = [n for n, _ in telegram_commands()]
    assert names[:3] == ["start", "help", "hoi"] and "them" not in names
    assert all(re.fullmatch(r"[a-z0-9_]{1,32}", n) for n in names)
    assert all(3 <= len(d) <= 256 for _, d in telegram_commands())


async def test_chat_locks_keep_order_within_a_chat():
    locks, order = ChatLocks(), []

    async def job(chat, n, delay):
        async with locks(chat):
            await asyncio.sleep(delay)
            order.append((chat, n))

    await asyncio.gather(job("a", 1, 0.03), job("a", 2, 0.0), job("b", 1, 0.0))
    assert order == [("b", 1), ("a", 1), ("a", 2)]
    assert locks._locks == {}


# -- splitting ---------------------------------------------------------------------
def _long_html() -> str:
    body = " ".join(f'Câu {i} nói về dân vận &amp; "Dân vận khéo". <b>[{i % 3 + 1}]</b>' for i in range(300))
    links = "\n".join(f'[{i}] <a href="http://x.vn/{i}">Tiêu đề. Có dấu chấm {i}</a> — site' for i in range(60))
    quote = "<i>«" + " ".join("Một câu rất dài trong thẻ nghiêng." for _ in range(400)) + "»</i>"
    return f"{body}\n\n<b>Nguồn:</b>\n{links}\n{quote}"


@pytest.mark.parametrize("limit", [200, 1000, 2000, 4096])
def test_split_html_is_balanced_and_complete(limit):
    text = _long_html()
    pieces = render.split_message(text, limit)
    assert len(pieces) > 1
    for p in pieces:
        assert len(p) <= limit
        assert_balanced_html(p)
        assert not p.startswith("<b>[") and not re.match(r"^\[\d+\]\s*$", p)

    def strip(s: str) -> str:
        return re.sub(r"\s+|<[^>]+>", "", s)

    assert strip("".join(pieces)) == strip(text)
    # links are never cut: each <a> in a piece is whole
    assert sum(p.count("<a href=") for p in pieces) == 60


def test_split_never_separates_a_sentence_from_its_marker():
    text = " ".join(f"Câu số {i} là một câu có nghĩa. [{i}]" for i in range(1, 200))
    for p in render.split_message(text, 300, html=False):
        assert re.match(r"^Câu số \d+", p) and p.endswith("]"), p[:40]


def test_a_long_title_is_shortened_in_lists_and_sources():
    import datetime as dt

    from corpus.types import ArticleInfo

    caption = ("Phó Chủ tịch UBND TP Hà Nội Chử Xuân Dũng (áo xanh) kiểm tra công tác phòng dịch tại khu cách ly "
               "tập trung vào sáng 1/5, đề nghị các quận, huyện không bỏ lọt ca lây nhiễm (Ảnh: Thành Trung).")
    a = ArticleInfo(id=1, title=caption, url="https://dantri.example/1", site="dantri.example",
                    published=dt.date(2021, 5, 1))
    plain, htm = render.article_line(1, a)
    shown = plain.split(" — ")[0][3:]
    assert shown.endswith("…") and len(shown) <= render.MAX_TITLE_CHARS + 1 and caption.startswith(shown[:-1])
    assert f">{shown}</a>" in htm
    assert render.short_title("Ban Dân vận Tỉnh ủy làm việc với Huyện ủy Tu Mơ Rông") == (
        "Ban Dân vận Tỉnh ủy làm việc với Huyện ủy Tu Mơ Rông")
    # an undated source is labelled as lists label it
    from retrieval.types import Citation

    undated = Citation(1, "Bài", None, "baokontum.com.vn", None, "q", 1.0, 1, 1, "p")
    assert render.source_line(undated) == "[1] Bài — baokontum.com.vn, không rõ ngày đăng"
    listed = ArticleInfo(id=1, title="Bài", url=None, site="baokontum.com.vn", published=None)
    assert render.article_line(1, listed)[0] == "1. Bài — baokontum.com.vn, không rõ ngày đăng"


def test_split_plain_keeps_angle_brackets_and_hard_cuts():
    assert render.split_message("a < b và c > d", 4000, html=False) == ["a < b và c > d"]
    parts = render.split_message("x" * 10_000, 2000, html=False)
    assert [len(p) for p in parts] == [2000] * 5
    assert render.split_message("  ", 100) == []
    with pytest.raises(ValueError):
        render.split_message("x" * 100, 10)


# -- deployment files ------------------------------------------------------------------
def _dockerfile() -> list[tuple[str, str]]:
    lines = (ROOT / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ").splitlines()
    return [(ln.split(None, 1)[0].upper(), ln.split(None, 1)[1] if " " in ln.strip() else "")
            for ln in (x.strip() for x in lines) if ln and not ln.startswith("#")]


def test_dockerfile_runs_main_as_a_non_root_user_with_a_data_volume():
    instr = _dockerfile()
    get = lambda name: [arg for k, arg in instr if k == name]  # noqa: E731
    assert get("FROM")[0].startswith("python:3.11-slim")
    assert get("WORKDIR") == ["/app"]
    user = get("USER")
    assert user and user[-1] not in ("root", "0")
    assert any("/data" in v for v in get("VOLUME"))
    assert any("DANVAN_DATA_DIR=/data" in e for e in get("ENV"))
    assert get("ENTRYPOINT") == ['["python", "main.py"]'] and get("CMD") == ['["run"]']
    [health] = get("HEALTHCHECK")
    assert health.endswith('CMD ["python", "main.py", "health"]')  # polling and webhook mode alike
    # same install as the Makefile (`pip install -e '.[test]'`), minus editable and test extras
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    make_install = re.search(r"-m pip install --quiet -e '\.\[test\]'", makefile)
    assert make_install, "the Makefile install line changed: update the Dockerfile too"
    runs = " ".join(get("RUN"))
    assert re.search(r"python -m pip install (--no-cache-dir )?\.(\s|$)", runs)
    order = [k for k, _ in instr]
    assert order.index("USER") > max(i for i, (k, a) in enumerate(instr) if k == "RUN" and "pip install" in a)
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".venv", "data", ".env", ".git"} <= set(ignored)
    assert shlex.split(health)  # a well-formed shell line


async def test_forged_feedback_button_and_source_passages(engine, data_dir):
    core = BotCore(engine, settings_for(data_dir), "telegram")
    [forged] = await core.handle(msg(kind="callback", callback_data="fb:99999:1"))
    assert forged.plain == "Chưa có câu trả lời nào để đánh giá."
    [answer] = await core.handle(msg(KONTUM_Q))
    qid = int(answer.buttons[1][0].data.split(":")[1])
    [thanks] = await core.handle(msg(kind="callback", callback_data=f"fb:{qid}:1"))
    assert thanks.notice.startswith("Cảm ơn") and await engine.store.feedback_for(qid) == [1]
    last = core.memory("1").last_answer
    for c in last.citations:  # "/nguon n" shows passages holding every quoted sentence
        for s in last.sentences:
            if s.n == c.n:
                assert s.text in c.passage


async def test_whats_new_on_a_province_lists_its_districts_news(engine, data_dir):
    """No sample writes "Đồng Tháp"; one is on "Huyện ủy Tháp Mười", in Đồng Tháp."""
    core = BotCore(engine, settings_for(data_dir), "telegram")
    [listing] = await core.handle(msg("/moi Đồng Tháp"))
    titles = [line for line in listing.plain.splitlines() if line[:1].isdigit()]
    assert len(titles) == 1 and titles[0].startswith("1. Tiếp và làm việc với Tổ khảo sát của Ban Dân vận Tỉnh ủy")
    [none] = await core.handle(msg("co bai moi nao ve phu tho khong"))
    assert none.plain.startswith("Kho dữ liệu chưa có bài nào về «phu tho».")


async def test_whats_new_on_a_topic_in_a_place_lists_articles_writing_both(engine, data_dir):
    """"dân vận khéo ở Kon Rẫy" is the topic's words and the place, not the whole phrase."""
    import datetime as dt

    from bot.clock import VN_TZ
    from corpus.types import RawDocument

    core = BotCore(engine, settings_for(data_dir), "telegram")
    kon_ray = "1. Phát huy hiệu quả từ phong trào thi đua Dân vận khéo trên địa bàn huyện Kon Rẫy"
    for question in ("Tin mới nhất về dân vận khéo ở Kon Rẫy?", "/moi dân vận khéo Kon Rẫy",
                     "co bai moi ve dan van kheo o huyen kon ray khong", "Tin mới về MTTQ Kon Rẫy"):
        [listing] = await core.handle(msg(question))
        titles = [line for line in listing.plain.splitlines() if line[:1].isdigit()]
        assert len(titles) == 1 and titles[0].startswith(kon_ray), (question, listing.plain)
        # undated, and its text's latest date (25/7/2023) long before it was stored: it counts
        # by that date, and says so
        assert titles[0].endswith("— không rõ ngày đăng, bài nhắc đến ngày 25/07/2023"), titles[0]
    # read loosely ("dân vận khéo Kon Rẫy" is written nowhere), the digest suggested reads it the same way
    [loose] = await core.handle(msg("/moi dân vận khéo Kon Rẫy"))
    assert "Gõ /theodoi hằng tuần dân vận khéo ở Kon Rẫy để nhận bản tin" in loose.plain
    # both must be written: Tu Mơ Rông's article is on dân vận, but not dân vận khéo
    [none] = await core.handle(msg("Tin mới về dân vận khéo ở Tu Mơ Rông"))
    assert "Kon Rẫy" not in none.plain and "Tu Mơ Rông" in none.plain.splitlines()[0]
    # two places: either ("… ở Kon Rẫy và Tu Mơ Rông", not an article writing that phrase)
    [both] = await core.handle(msg("Tin mới về dân vận ở Kon Rẫy và Tu Mơ Rông"))
    titles = [line for line in both.plain.splitlines() if line[:1].isdigit()]
    assert len(titles) == 2 and titles[1].startswith(kon_ray.replace("1.", "2.", 1)), both.plain  # 2023, by its text
    assert titles[0].startswith("1. Ban Dân vận Tỉnh ủy làm việc với Huyện ủy Tu Mơ Rông"), both.plain  # 2024
    # so it is not this week's news; an undated article whose text says nothing older counts
    # by the day it was stored
    [week] = await core.handle(msg("Tin mới về dân vận khéo ở Kon Rẫy tuần này"))
    assert week.plain.startswith("Chưa có bài mới") and "bài nhắc đến ngày 25/07/2023" in week.plain
    await engine.ingest_documents([RawDocument(origin="u", kind="record", title="Ra quân làm đường ở Kon Rẫy",
                                               text="Sáng nay, xã Đăk Ruồng, huyện Kon Rẫy ra quân làm đường "
                                                    "giao thông nông thôn theo phong trào dân vận khéo.")])
    [week] = await core.handle(msg("Tin mới về dân vận khéo ở Kon Rẫy tuần này"))
    today = dt.datetime.now(VN_TZ).strftime("%d/%m/%Y")
    assert f"1. Ra quân làm đường ở Kon Rẫy — không rõ ngày đăng, lưu {today}" in week.plain, week.plain


async def test_whats_new_questions_get_the_newest_articles_on_their_topic(engine, data_dir):
    import datetime as dt

    from bot.clock import VN_TZ
    from bot_harness import rows
    from corpus.types import RawDocument

    today = dt.datetime.now(VN_TZ).date()
    body = ("Ban Dân vận Huyện ủy Sa Thầy phối hợp tổ chức hội nghị về công tác tôn giáo, đối thoại với "
            "{n} chức sắc, chức việc các tôn giáo trên địa bàn về {what}.")
    await engine.ingest_documents([
        RawDocument(origin="mem#new", kind="record", url="https://danvan.example/moi", title="Đối thoại tôn giáo mới",
                    published=today.isoformat(), text=body.format(n=45, what="giữ gìn an ninh nông thôn")),
        RawDocument(origin="mem#old", kind="record", url="https://danvan.example/cu", title="Đối thoại tôn giáo cũ",
                    published=(today - dt.timedelta(days=60)).isoformat(),
                    text=body.format(n=30, what="xây dựng nông thôn mới và giảm nghèo ở làng Kon Khôn")),
    ])
    core = BotCore(engine, settings_for(data_dir), "telegram")
    [week] = await core.handle(msg("Bài mới về công tác tôn giáo tuần này?"))
    lines = week.plain.splitlines()
    assert lines[0].startswith("Các bài mới về «công tác tôn giáo» trong tuần này (từ ")
    assert lines[1].startswith("1. Đối thoại tôn giáo mới — danvan.example, ") and "tôn giáo cũ" not in week.plain
    assert lines[-1] == "Gõ /theodoi hằng tuần công tác tôn giáo để nhận bản tin các bài mới mỗi tuần."
    assert '<a href="https://danvan.example/moi">' in week.html and not week.buttons
    # typed without accents: the articles that write the topic, newest first (two samples too,
    # not the three samples that do not write "công tác tôn giáo")
    [latest] = await core.handle(msg("co bai moi nao ve cong tac ton giao khong"))
    titles = [line.split(" — ")[0] for line in latest.plain.splitlines() if line[:1].isdigit()]
    assert titles[:3] == ["1. Đối thoại tôn giáo mới", "2. Đối thoại tôn giáo cũ", "3. Sơ kết công tác dân vận 6 "
                          "tháng đầu năm và triển khai phương hướng nhiệm vụ 6 tháng cuối năm 2022"]
    assert len(titles) == 4 and titles[3].startswith("4. Ban Dân vận Tỉnh ủy Kon Tum tổ chức Hội nghị")
    [same] = await core.handle(msg("/moi công tác tôn giáo"))
    assert same.plain.splitlines()[1:3] == latest.plain.splitlines()[1:3]
    [none] = await core.handle(msg("/moi bóng đá"))
    assert none.plain.startswith("Kho dữ liệu chưa có bài nào về «bóng đá».")
    # a window alone; today's news points to the daily digest; a list leaves nothing for /nguon
    [week_all] = await core.handle(msg("/moi tuần này"))
    assert week_all.plain.startswith("Các bài mới trong tuần này (từ ") and "tôn giáo cũ" not in week_all.plain
    [today_all] = await core.handle(msg("Hôm nay có bài mới không?"))
    assert "1. Đối thoại tôn giáo mới" in today_all.plain
    assert today_all.plain.endswith("Gõ /theodoi hằng ngày để nhận bản tin các bài mới mỗi sáng.")
    [no_source] = await core.handle(msg("/nguon 1"))
    assert no_source.plain.startswith("Chưa có câu trả lời nào có nguồn")
    # logged with their time, found only when something is in the window
    [old_only] = await core.handle(msg("Bài mới về làng Kon Khôn tuần này"))
    assert old_only.plain.startswith("Chưa có bài mới về «làng Kon Khôn» trong tuần này")
    assert rows(data_dir, "SELECT question, found FROM queries ORDER BY id") == [
        ("Bài mới về công tác tôn giáo tuần này?", 1), ("co bai moi nao ve cong tac ton giao khong", 1),
        ("/moi công tác tôn giáo", 1), ("/moi bóng đá", 0), ("/moi tuần này", 1),
        ("Hôm nay có bài mới không?", 1), ("Bài mới về làng Kon Khôn tuần này", 0)]
    assert rows(data_dir, "SELECT count(*) FROM queries WHERE latency_ms > 0") == [(7,)]
    # in the console there is no digest to offer
    console = BotCore(engine, settings_for(data_dir), "console")
    [plain] = await console.handle(msg("Bài mới về công tác tôn giáo tuần này?", platform="console"))
    assert "/theodoi" not in plain.plain


async def test_admins_see_the_questions_not_answered_or_marked_wrong(engine, data_dir):
    """/chuatraloi: what cadres asked that the store could not answer, or whose answer
    got a 👎, one line per question however typed, newest first; cadres may not."""
    from bot_harness import ADMIN, rows

    core = BotCore(engine, settings_for(data_dir), "telegram")
    [empty] = await core.handle(msg("/chuatraloi", user_id=ADMIN))
    assert empty.plain == "7 ngày qua không có câu hỏi nào bot chưa trả lời được hoặc bị đánh giá chưa tốt."
    for question in ("Giá vàng hôm nay bao nhiêu?", "gia vang hom nay bao nhieu", KONTUM_Q,
                     "Tỉnh Quảng Nam có bao nhiêu mô hình Dân vận khéo?"):
        await core.handle(msg(question))
    await core.handle(msg("/chuatot"))  # the last answer: none, as Quảng Nam was not found
    await core.handle(msg(KONTUM_Q, chat_id="2"))
    for vote in ("/chuatot", "/chuatot", "/tot", "/chuatot"):  # a wrong answer, says a cadre (who hesitates)
        await core.handle(msg(vote, chat_id="2"))
    await core.handle(msg(KONTUM_Q, chat_id="3"))
    for vote in ("/chuatot", "/tot"):  # another, who thinks better of it: not counted
        await core.handle(msg(vote, chat_id="3"))
    assert rows(data_dir, "SELECT count(*) FROM feedback WHERE vote < 0")[0][0] == 5
    [report] = await core.handle(msg("/chuatraloi", user_id=ADMIN))
    lines = report.plain.splitlines()
    assert lines[0] == "Câu hỏi 7 ngày qua bot chưa trả lời được hoặc bị đánh giá chưa tốt (3 câu, mới nhất trước):"
    assert lines[1].startswith(f"1. «{KONTUM_Q}» — ") and lines[1].endswith("; 👎 1"), lines[1]
    assert lines[2].startswith("2. «Tỉnh Quảng Nam có bao nhiêu mô hình Dân vận khéo?» — ")
    assert lines[2].endswith("; chưa tìm thấy, 👎 1"), lines[2]
    assert lines[3].startswith("3. «gia vang hom nay bao nhieu» — 2 lần, gần nhất ") and lines[3].endswith(
        "; chưa tìm thấy"), lines[3]
    assert lines[-1].startswith("Nên bổ sung bài viết")
    for arg in ("0", "-1", "²", "99999999999999999999", "366", "abc"):  # told how to type it
        assert "ví dụ: /chuatraloi 30" in (await core.handle(msg(f"/chuatraloi {arg}", user_id=ADMIN)))[0].plain, arg
    assert (await core.handle(msg("/unanswered 30 ngày", user_id=ADMIN)))[0].plain.startswith("Câu hỏi 30 ngày qua")
    [stats] = await core.handle(msg("/thongke", user_id=ADMIN))
    assert "Câu hỏi chưa trả lời được hoặc bị chấm 👎 (7 ngày qua): 3 (/chuatraloi)" in stats.plain
    [refused] = await core.handle(msg("/chuatraloi", user_id="999"))
    assert refused.plain == "Lệnh này chỉ dành cho quản trị viên."


def test_the_weak_questions_report_says_when_it_read_only_the_newest():
    import datetime as dt

    from bot.report import weak_questions_text
    from corpus.types import AskedQuestion

    at = dt.datetime(2026, 11, 26, 7, 5, tzinfo=dt.timezone.utc)
    asked = [AskedQuestion("Giá vàng hôm nay?", at, False, 0), AskedQuestion("gia vang hom nay", at, False, 0),
             AskedQuestion("Chủ tịch UBND tỉnh là ai?", at - dt.timedelta(hours=1), True, 2)]
    text = weak_questions_text(asked, 7, capped=True)
    assert text.splitlines()[0] == ("Câu hỏi 7 ngày qua bot chưa trả lời được hoặc bị đánh giá chưa tốt "
                                    "(2 câu trong 3 lượt hỏi gần nhất, mới nhất trước):")
    assert text.splitlines()[1] == "1. «Giá vàng hôm nay?» — 2 lần, gần nhất 14:05 26/11/2026; chưa tìm thấy"
    assert text.splitlines()[2].endswith("; 👎 2")
