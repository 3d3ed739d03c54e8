"""The bot core: a message in, replies out. It knows nothing of Telegram or Zalo.

Free text is a question (in groups only when the bot is addressed); commands
are Vietnamese with English aliases; button presses arrive as callback data.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import html
import logging
import re
import time
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot import render
from bot.clock import VN_TZ, vn_today
from bot.digest import (
    LABEL, MAX_PER_CHAT, parse_subscription, subscription_problem, topic_as_read, topic_key, topic_label,
    topic_parts,
)
from bot.recent import RecentAsk, in_window, parse_recent, parse_topic_window, recent_reply
from bot.report import group, weak_questions_text
from bot.settings import Settings
from bot.smalltalk import REPLIES, Talk, asks_whats_new, small_talk
from bot.topic_match import TopicMatcher
from bot.types import Button, ChatMemory, Incoming, Reply
from corpus.errors import DanvanError, StoreError
from corpus.store import WEAK_QUESTIONS_READ, parse_utc
from corpus.types import ArticleInfo
from retrieval.feeds import CONFIG, FeedWatcher, find_feed
from retrieval.answer import dated
from retrieval.normalize import fold, nfc
from retrieval.question.message import clean_question, shorten_question
from retrieval.types import DATE_FORMAT, Answer

log = logging.getLogger(__name__)

PAGE = 5
RECENT_BATCH, RECENT_SCAN = 20, 300  # what's-new on a topic: candidate texts read at a time, and in all
EXAMPLES = (
    "Chỉ thị 18-CT/TU nói gì về phong trào Dân vận khéo?",
    "thu nhap binh quan kon tum 2019",
    "Ban Dân vận Tỉnh ủy làm việc với huyện Tu Mơ Rông về những nội dung gì?",
    "Bài mới về công tác tôn giáo tuần này?",
)


@dataclass(frozen=True)
class Command:
    names: tuple[str, ...]  # Vietnamese first, then English aliases
    args: str
    help: str
    admin: bool = False


COMMANDS: tuple[Command, ...] = (
    Command(("start", "batdau"), "", "lời chào và giới thiệu"),
    Command(("help", "trogiup"), "", "danh sách lệnh"),
    Command(("hoi", "ask"), "<câu hỏi>", "hỏi (dùng trong nhóm)"),
    Command(("tim", "search"), "<từ khóa>", "tìm bài viết theo từ khóa"),
    Command(("vanban", "doc"), "<số hiệu>", "các bài nhắc đến một văn bản, ví dụ 18-CT/TU"),
    Command(("moi", "latest"), "[chủ đề] [thời gian]", "các bài mới nhất, có thể theo chủ đề, địa danh, thời gian (tuần này, tháng này)"),
    Command(("nguon", "source"), "<n>", "đoạn văn đầy đủ của nguồn [n] trong câu trả lời vừa rồi"),
    Command(("xemthem", "more"), "", "thêm kết quả cho câu hỏi vừa rồi"),
    Command(("tot", "good"), "", "đánh giá câu trả lời vừa rồi là hữu ích"),
    Command(("chuatot", "bad"), "", "đánh giá câu trả lời vừa rồi là chưa đúng"),
    Command(("theodoi", "subscribe"), "[hằng ngày|hằng tuần] [chủ đề]", "nhận bản tin các bài mới, có thể theo chủ đề hoặc địa danh"),
    Command(("huytheodoi", "unsubscribe"), "[chủ đề]", "ngừng nhận bản tin"),
    Command(("them", "add"), "<url>", "nạp bài viết, hoặc theo dõi nguồn RSS để tự nạp bài mới (quản trị)", admin=True),
    Command(("nguontin", "feeds"), "", "các nguồn RSS đang theo dõi và lần kiểm tra gần nhất (quản trị)", admin=True),
    Command(("bonguon", "unwatch"), "<số|url>", "ngừng theo dõi một nguồn RSS (quản trị)", admin=True),
    Command(("thongke", "stats"), "", "thống kê kho dữ liệu (quản trị)", admin=True),
    Command(("chuatraloi", "unanswered"), "[số ngày]",
            "các câu hỏi bot chưa trả lời được hoặc bị đánh giá chưa tốt (quản trị)", admin=True),
)
_BY_NAME = {name: cmd for cmd in COMMANDS for name in cmd.names}
_TAG_RE = re.compile(r"<[^>]{0,200}>")
_CMD_RE = re.compile(r"^/([^\W\d]\w*)(?:@\w+)?(?:\s+(.*))?$", re.S)  # "/tìm" too: names are read folded
_PAGE_RE = re.compile(r"\s+(?:trang|page)\s+(\d{1,3})$", re.I)
REPORT_DAYS, MAX_REPORT_DAYS = 7, 365  # /chuatraloi: the window it reads by default, and at most
APOLOGY = "Xin lỗi, đã có lỗi khi xử lý tin nhắn của bạn. Xin thử lại sau ít phút."


def telegram_commands() -> list[tuple[str, str]]:
    """(command, description) pairs for setMyCommands: Vietnamese names."""
    return [(c.names[0], c.help) for c in COMMANDS if not c.admin]


def _vn_time(iso: str | None) -> str:
    """A stored UTC time ("2026-11-26T22:22:40Z") as a cadre reads it: "27/11/2026 05:22"."""
    return parse_utc(iso).astimezone(VN_TZ).strftime(f"{DATE_FORMAT} %H:%M") if iso else "—"


def _threshold_line(t, source: str) -> str:
    """Which "not found" rule answers, for the admin's statistics."""
    origin = {"calibrated": "đã hiệu chỉnh cho kho này", "configured": "do cấu hình đặt"}.get(
        source, "mặc định của bộ mã hóa")
    if t.min_score_accented is None:
        return f"Ngưỡng “không tìm thấy”: theo độ phủ từ khóa ({origin}; chạy `calibrate` để hiệu chỉnh)"
    return (f"Ngưỡng “không tìm thấy”: {t.min_score_accented} có dấu, {t.min_score_plain} không dấu ({origin})")


def _reply(html_text: str, plain: str | None = None, buttons=(), notice: str = "") -> Reply:
    if plain is None:
        plain = html.unescape(_TAG_RE.sub("", html_text))
    return Reply(html=html_text, plain=plain, buttons=tuple(buttons), notice=notice)


def _document_name(ref) -> str:
    """How a reply names a document: "Chương trình 62-CTr/HU", "Nghị quyết 01" (its
    number as the article writes it)."""
    if ref.code:
        return f"{ref.kind} {ref.code}"
    written = re.search(rf"{re.escape(ref.kind)}\s+(?:số\s*)?(0*{int(ref.number)})(?!\d)", ref.mention, re.I)
    return f"{ref.kind} {written.group(1) if written else ref.number}"


def _document_key(ref) -> tuple:
    """One document however its number is written ("Nghị quyết 1", "Nghị quyết 01")."""
    return (ref.kind.lower(), ref.code or int(ref.number))


def _text(plain: str) -> Reply:
    return Reply(html=html.escape(plain), plain=plain)


class ChatLocks:
    """One asyncio lock per chat, so that updates handled concurrently are still
    answered in order within a chat (a question, then /nguon). Unused locks go away."""

    def __init__(self) -> None:
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}

    @contextlib.asynccontextmanager
    async def __call__(self, chat_id: str):
        lock, users = self._locks.get(chat_id, (None, 0))
        lock = lock or asyncio.Lock()
        self._locks[chat_id] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[chat_id]
            if users <= 1:
                del self._locks[chat_id]
            else:
                self._locks[chat_id] = (lock, users - 1)


class RateLimiter:
    """At most `per_minute` messages a user a minute; one polite warning, then silence."""

    def __init__(self, per_minute: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self.clock = clock
        self._seen: dict[str, deque] = {}
        self._warned: dict[str, float] = {}

    def check(self, user: str) -> str:
        """"ok", "warn" (first refusal in the window) or "drop"."""
        if self.per_minute <= 0:
            return "ok"
        now = self.clock()
        q = self._seen.setdefault(user, deque())
        while q and now - q[0] > 60:
            q.popleft()
        if len(q) >= self.per_minute:
            if now - self._warned.get(user, -1e9) > 60:
                self._warned[user] = now
                return "warn"
            return "drop"
        q.append(now)
        return "ok"


def _command_name(typed: str) -> str:
    """A command's name as typed, read without accents: "/tìm" is /tim, "/Hỏi" is /hoi."""
    return fold(typed).lower()


class BotCore:
    def __init__(self, engine, settings: Settings, platform: str = "",
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.engine = engine
        self.settings = settings
        self.platform = platform
        self.limiter = RateLimiter(settings.rate_limit_per_minute, clock)
        self._memory: OrderedDict[str, ChatMemory] = OrderedDict()
        self.on_typing: Callable[[Incoming], Awaitable[None]] | None = None
        self._topics = TopicMatcher(engine.store, capacity=500)  # what's-new lists: recent texts read once

    # -- helpers -----------------------------------------------------------
    def memory(self, chat_id: str) -> ChatMemory:
        mem = self._memory.get(chat_id)
        if mem is None:
            mem = self._memory[chat_id] = ChatMemory()
            if len(self._memory) > 5000:
                self._memory.popitem(last=False)
        self._memory.move_to_end(chat_id)
        return mem

    def is_admin(self, msg: Incoming) -> bool:
        return msg.user_id in self.settings.admins or msg.platform == "console"

    def allowed(self, msg: Incoming) -> bool:
        return msg.platform == "console" or self.settings.admits(msg.user_id, msg.chat_id)

    # -- entry point -------------------------------------------------------
    async def handle(self, msg: Incoming) -> list[Reply]:
        """All replies to one incoming message (possibly none)."""
        text = nfc(msg.text or "").strip()  # tone marks typed as separate characters, composed
        command = _CMD_RE.match(text) if msg.kind == "text" else None
        if not msg.is_private and not msg.addressed and msg.kind != "callback":
            if not command or _command_name(command.group(1)) not in _BY_NAME:
                return []  # group chatter, stickers or another bot's command: not for us
        if not self.allowed(msg):
            return [_text("Xin lỗi, bạn chưa được cấp quyền sử dụng trợ lý này. "
                          "Vui lòng liên hệ quản trị viên của đơn vị.")]
        # the console chat is the operator's own (questions piped in a batch): never limited
        verdict = "ok" if msg.platform == "console" else self.limiter.check(msg.user_id)
        if verdict == "drop":
            return []
        if verdict == "warn":
            return [_text("Bạn gửi tin hơi nhanh. Xin chờ một chút rồi hỏi tiếp nhé.")]
        try:
            if msg.kind == "callback":
                return await self._callback(msg)
            if msg.kind in ("sticker", "image", "unsupported"):
                return [_text("Tôi chỉ đọc được tin nhắn chữ. Bạn hãy gõ câu hỏi, ví dụ: "
                              f"«{EXAMPLES[0]}»")]
            if command:
                return await self._command(msg, command.group(1), (command.group(2) or "").strip())
            return await self._question(msg, text)
        except DanvanError as exc:
            log.warning("request failed: %s", exc)
            # a store's trouble is the administrator's (folders, permissions: said in the
            # log and on the command line, where the console chat runs), not the cadre's
            generic = isinstance(exc, StoreError) and msg.platform != "console"
            return [_text(StoreError.user_message if generic else exc.user_message)]

    # -- questions ---------------------------------------------------------
    async def _question(self, msg: Incoming, text: str) -> list[Reply]:
        question, cut = shorten_question(text)
        if not any(c.isalnum() for c in question):  # nothing to search: "/", "…", an emoji
            return [_text("Bạn hãy gõ câu hỏi, ví dụ: «" + EXAMPLES[0] + "». Gõ /help để xem các lệnh.")]
        talk = small_talk(question)
        if talk is Talk.WHO:  # "bạn là ai": the introduction /start gives
            return await self._cmd_start(msg, "")
        if talk is Talk.HELP:  # "help", "hướng dẫn" typed without the slash
            return await self._cmd_help(msg, "")
        if talk is not None:  # "chào bot", "cảm ơn", "ok", "tạm biệt", English: no search, not logged as unanswered
            return [_text(REPLIES[talk].format(example=EXAMPLES[2 if talk is Talk.ENGLISH else 0]))]
        prefix = render.long_question_note(text, question) + "\n\n" if cut else ""
        today = vn_today()
        recent = parse_recent("tin mới nhất" if asks_whats_new(question) else question, today)
        if recent is not None:  # "Bài mới về công tác tôn giáo tuần này?": a list, not quotes
            return await self._recent(msg, recent, question)
        if self.on_typing:
            try:
                await self.on_typing(msg)
            except Exception:  # noqa: BLE001 - a typing indicator must never block an answer
                log.debug("typing action failed", exc_info=True)
        answer = dated(await self.engine.ask(question), today)  # "hiện nay …" from a 2020 article: said
        qid = await self.engine.store.log_query(
            msg.platform, msg.chat_id, msg.user_id, question, answer.found,
            [c.to_json() for c in answer.citations], answer.latency_ms,
        )
        mem = self.memory(msg.chat_id)
        mem.last_query_id, mem.last_answer, mem.shown_hits = qid, answer, len(answer.citations)
        return [self._answer_reply(answer, qid, prefix)]

    def _answer_reply(self, answer: Answer, qid: int, prefix: str = "") -> Reply:
        html_text = html.escape(prefix) + render.answer_html(answer)
        plain = prefix + render.answer_plain(answer)
        if not answer.found:
            return Reply(html=html_text, plain=plain)
        buttons = (
            (Button("Thêm kết quả", f"more:{qid}"), Button("Xem nguồn", f"src:{qid}")),
            (Button("👍", f"fb:{qid}:1"), Button("👎", f"fb:{qid}:-1")),
        )
        plain += ("\n\nGõ /xemthem để xem thêm kết quả, /nguon 1 để đọc nguồn [1], "
                  "/tot hoặc /chuatot để đánh giá câu trả lời.")
        return Reply(html=html_text, plain=plain, buttons=buttons)

    # -- commands ----------------------------------------------------------
    async def _command(self, msg: Incoming, typed: str, arg: str) -> list[Reply]:
        cmd = _BY_NAME.get(_command_name(typed))
        if cmd is None:
            return [_text(f"Không có lệnh /{typed}. Gõ /help để xem các lệnh.")]
        if cmd.admin and not self.is_admin(msg):
            return [_text("Lệnh này chỉ dành cho quản trị viên.")]
        handler = getattr(self, f"_cmd_{cmd.names[0]}")
        return await handler(msg, arg)

    async def _cmd_start(self, msg: Incoming, arg: str) -> list[Reply]:
        st = await self.engine.stats()
        sites = ", ".join(s for s, _ in st["sites"][:5]) or "các trang tin"
        newest = render.fmt_date(st["newest"]) if st["newest"] else "chưa rõ"
        examples = "\n".join(f"• {e}" for e in EXAMPLES)
        plain = (
            "Xin chào! Tôi là Trợ lý Dân vận: tôi trả lời câu hỏi về công tác dân vận bằng cách "
            "trích dẫn nguyên văn các bài viết, kèm nguồn và ngày đăng.\n"
            f"Kho dữ liệu: {st['articles']} bài từ {sites}, mới nhất đến {newest}.\n\n"
            f"Bạn có thể hỏi, ví dụ:\n{examples}\n\n"
            + ("Gõ /theodoi hằng ngày để nhận bản tin các bài mới. "
               if msg.platform in ("telegram", "zalo") and self.settings.digest_hour >= 0 else "")
            + "Gõ /help để xem các lệnh."
        )
        return [_text(plain)]

    async def _cmd_help(self, msg: Incoming, arg: str) -> list[Reply]:
        lines = ["Các lệnh:"]
        for c in COMMANDS:
            if c.admin and not self.is_admin(msg):
                continue
            # the Vietnamese name first, as the README lists them ("start" and "help" are Telegram's own)
            shown = (c.names[1], c.names[0], *c.names[2:]) if c.names[0] in ("start", "help") else c.names
            alias = ", ".join("/" + n for n in shown[1:])
            lines.append(f"/{shown[0]} {c.args}".rstrip() + f" ({alias}) — {c.help}")
        lines.append("\nHoặc cứ gõ câu hỏi (có dấu hay không dấu đều được).")
        return [_text("\n".join(lines))]

    async def _cmd_hoi(self, msg: Incoming, arg: str) -> list[Reply]:
        if not arg:
            return [_text("Hãy gõ câu hỏi sau lệnh, ví dụ: /hoi " + EXAMPLES[0])]
        return await self._question(msg, arg)

    def _article_lines(self, infos, start: int = 1) -> tuple[str, str]:
        lines = [render.article_line(i, a) for i, a in enumerate(infos, start)]
        return "\n".join(p for p, _ in lines), "\n".join(h for _, h in lines)

    async def _cmd_tim(self, msg: Incoming, arg: str, page: int = 0) -> list[Reply]:
        paged = _PAGE_RE.search(arg)
        if paged:  # "/tim dân vận trang 2": the text form of the "Trang sau" button
            page, arg = max(int(paged.group(1)) - 1, 0), arg[: paged.start()]
        query = shorten_question(arg)[0]
        if not query:
            return [_text("Hãy gõ từ khóa sau lệnh, ví dụ: /tim dân vận khéo")]
        infos = await self.engine.search_articles(query, limit=PAGE + 1, offset=page * PAGE)
        if not infos:
            more = "" if page == 0 else " nữa"
            return [_text(f"Không tìm thấy bài viết nào{more} với từ khóa «{query}».")]
        mem = self.memory(msg.chat_id)
        mem.last_search, mem.search_page = query, page
        has_next = len(infos) > PAGE
        plain, htm = self._article_lines(infos[:PAGE], start=page * PAGE + 1)
        head = f"Bài viết về «{query}» (trang {page + 1}):"
        buttons = ((Button("Trang sau", f"tim:{page + 1}"),),) if has_next else ()
        plain_full = f"{head}\n{plain}" + (f"\n\nGõ /tim {query} trang {page + 2} để xem trang sau."
                                            if has_next else "")
        return [_reply(f"{html.escape(head)}\n{htm}", plain_full, buttons)]

    async def _cmd_vanban(self, msg: Incoming, arg: str) -> list[Reply]:
        if not arg:
            return [_text("Hãy gõ số hiệu văn bản, ví dụ: /vanban 18-CT/TU")]
        mentions = await self.engine.documents(arg)
        if not mentions:
            return [_text(f"Chưa có bài viết nào nhắc đến văn bản «{arg[:80]}».")]
        plain, htm = [], []
        names: dict[tuple, str] = {}
        for m in mentions:
            names.setdefault(_document_key(m.ref), _document_name(m.ref))
        # one document, or several of the number typed ("/vanban 62"): each item says which
        listed = list(names.values())
        head = f"Các bài nhắc đến {', '.join(listed[:5])}{', …' if len(listed) > 5 else ''}:"
        for i, m in enumerate(mentions[:10], 1):
            a = m.article
            meta = render.meta(a.site, a.published)
            which = f" ({names[_document_key(m.ref)]})" if len(names) > 1 else ""
            plain.append(f"{i}. {render.short_title(a.title)} — {meta}{which}\n«{m.ref.mention}»"
                         + (f"\n{a.url}" if a.url else ""))
            htm.append(f"{i}. {render.title_html(a.title, a.url)} — {html.escape(meta + which)}"
                       f"\n<i>«{html.escape(m.ref.mention)}»</i>")
        return [_reply(html.escape(head) + "\n" + "\n\n".join(htm), head + "\n" + "\n\n".join(plain))]

    async def _recent(self, msg: Incoming, ask: RecentAsk, question: str) -> list[Reply]:
        """The newest articles on a topic (all of them without one) for a what's-new question."""
        started = time.perf_counter()
        parts = topic_parts(ask.topic)  # "dân vận khéo ở Kon Rẫy": the words, and the place
        topic, scanned = ask.topic, 0
        if parts:
            on_topic, scanned = await self._newest_on_topic(parts, ask)
            if not on_topic and (loose := topic_parts(ask.topic, loose=True)) != parts:
                on_topic, scanned = await self._newest_on_topic(loose, ask)  # "dân vận khéo Kon Rẫy"
                if on_topic:  # the digest suggested reads it the same way: "… ở Kon Rẫy"
                    topic = topic_as_read(ask.topic, loose=True)
        else:
            on_topic = await self.engine.latest(PAGE, until=ask.until)
        follow = ""
        if msg.platform in ("telegram", "zalo") and self.settings.digest_hour >= 0:
            every, when = ("ngày", "mỗi sáng") if ask.daily else ("tuần", "mỗi tuần")
            follow = f"Gõ /theodoi hằng {every} {topic}".rstrip() + f" để nhận bản tin các bài mới {when}."
        reply = recent_reply(ask, on_topic, PAGE, follow, scanned if scanned >= RECENT_SCAN else 0)
        latency = (time.perf_counter() - started) * 1000
        qid = await self.engine.store.log_query(msg.platform, msg.chat_id, msg.user_id, question,
                                                bool(in_window(ask, on_topic)), [], latency)
        mem = self.memory(msg.chat_id)  # a list, not an answer: /nguon and /xemthem have nothing to show
        mem.last_query_id, mem.last_answer, mem.shown_hits = qid, None, 0
        return [reply]

    async def _newest_on_topic(self, parts: list[list[str]], ask: RecentAsk) -> tuple[list[ArticleInfo], int]:
        """The newest articles (up to the window's end) that write the topic, and how
        many candidates were read: those holding its words, from the lexical index,
        whose text is then checked for the phrase, at most RECENT_SCAN of them."""
        found: list[ArticleInfo] = []
        offset = 0
        while len(found) < PAGE and offset < RECENT_SCAN:
            batch = await self.engine.newest_mentioning(parts, RECENT_BATCH, offset, until=ask.until)
            for a in batch:
                if await self._topics.writes_all(parts, a):
                    found.append(a)
                    if len(found) == PAGE:
                        break
            offset += len(batch)
            if len(batch) < RECENT_BATCH:
                break
        return found, offset

    async def _cmd_moi(self, msg: Incoming, arg: str) -> list[Reply]:
        arg = shorten_question(arg)[0]
        if arg:  # "/moi dân vận khéo", "/moi tuần này", "/moi MTTQ tháng này"
            return await self._recent(msg, parse_topic_window(arg, vn_today()), f"/moi {arg}")
        infos = await self.engine.latest(PAGE)
        if not infos:
            return [_text("Kho dữ liệu chưa có bài viết nào.")]
        plain, htm = self._article_lines(infos)
        return [_reply("Các bài mới nhất:\n" + htm, "Các bài mới nhất:\n" + plain)]

    async def _cmd_nguon(self, msg: Incoming, arg: str) -> list[Reply]:
        mem = self.memory(msg.chat_id)
        answer: Answer | None = mem.last_answer  # type: ignore[assignment]
        if not answer or not answer.citations:
            return [_text("Chưa có câu trả lời nào có nguồn trong cuộc trò chuyện này. Hãy đặt câu hỏi trước.")]
        try:
            n = int(arg.strip().strip("[]") or "1")
        except ValueError:
            return [_text("Hãy gõ số thứ tự nguồn, ví dụ: /nguon 1")]
        cite = next((c for c in answer.citations if c.n == n), None)
        if cite is None:
            n = len(answer.citations)
            return [_text(f"Câu trả lời vừa rồi chỉ có nguồn 1 đến {n}." if n > 1
                          else "Câu trả lời vừa rồi chỉ có một nguồn: gõ /nguon 1.")]
        return [await self._source_reply(cite)]

    async def _source_reply(self, c) -> Reply:
        passage = await self.engine.source_text(c)
        meta = render.meta(c.site, c.published)
        plain = f"[{c.n}] {render.short_title(c.title)} — {meta}\n\n{passage}" + (f"\n\n{c.url}" if c.url else "")
        title = render.title_html(c.title, c.url)
        htm = f"<b>[{c.n}]</b> {title} — {html.escape(meta)}\n\n{html.escape(passage)}"
        return Reply(html=htm, plain=plain)

    async def _cmd_xemthem(self, msg: Incoming, arg: str) -> list[Reply]:
        mem = self.memory(msg.chat_id)
        answer: Answer | None = mem.last_answer  # type: ignore[assignment]
        if not answer or not answer.found:
            return [_text("Chưa có câu hỏi nào để xem thêm. Hãy đặt câu hỏi trước.")]
        cited = {c.article_id for c in answer.citations}
        seen: set[int] = set(cited)
        more = []
        for h in answer.hits:
            if h.article_id not in seen:
                seen.add(h.article_id)
                more.append(h)
        more = more[mem.shown_hits - len(cited) : mem.shown_hits - len(cited) + 3]
        if not more:
            return [_text("Không còn kết quả nào khác cho câu hỏi này.")]
        mem.shown_hits += len(more)
        plain, htm = [], []
        for h in more:
            a = h.passage.article
            meta = render.meta(a.site, a.published)
            snippet = render.clip(h.passage.text, render.MAX_SNIPPET_CHARS)
            plain.append(f"• {render.short_title(a.title)} — {meta}\n{snippet}" + (f"\n{a.url}" if a.url else ""))
            htm.append(f"• {render.title_html(a.title, a.url)} — {html.escape(meta)}\n{html.escape(snippet)}")
        head = "Thêm kết quả liên quan:"
        return [_reply(head + "\n" + "\n\n".join(htm), head + "\n" + "\n\n".join(plain))]

    async def _vote(self, msg: Incoming, vote: int, qid: int | None = None) -> list[Reply]:
        qid = qid if qid is not None else self.memory(msg.chat_id).last_query_id
        if qid is None or not await self.engine.store.query_exists(qid):
            return [_text("Chưa có câu trả lời nào để đánh giá.")]
        await self.engine.store.add_feedback(qid, msg.user_id, vote)
        thanks = "Cảm ơn bạn đã đánh giá!" if vote > 0 else "Cảm ơn bạn, chúng tôi sẽ cải thiện câu trả lời."
        return [Reply(html=html.escape(thanks), plain=thanks, notice=thanks)]

    async def _cmd_tot(self, msg: Incoming, arg: str) -> list[Reply]:
        return await self._vote(msg, 1)

    async def _cmd_chuatot(self, msg: Incoming, arg: str) -> list[Reply]:
        return await self._vote(msg, -1)

    # -- digests -----------------------------------------------------------
    def _when(self, frequency: str) -> str:
        hour = self.settings.digest_hour
        day = "mỗi sáng" if hour < 12 else "mỗi ngày"
        return f"lúc {hour}:00 {day if frequency == 'daily' else 'thứ Hai hằng tuần'}"

    async def _cmd_theodoi(self, msg: Incoming, arg: str) -> list[Reply]:
        if msg.platform not in ("telegram", "zalo"):
            return [_text("Bản tin chỉ được gửi qua Telegram hoặc Zalo.")]
        if self.settings.digest_hour < 0:
            return [_text("Đơn vị chưa bật bản tin định kỳ. Bạn có thể gõ /moi để xem các bài mới nhất.")]
        store = self.engine.store
        usage = ("Gõ /theodoi hằng ngày (hoặc hằng tuần), có thể kèm chủ đề hay địa danh, ví dụ:\n"
                 "• /theodoi hằng ngày\n• /theodoi hằng tuần dân vận khéo\n• /theodoi Kon Tum")
        if not arg:
            subs = await store.subscriptions(msg.platform, msg.chat_id)
            if not subs:
                return [_text("Bạn chưa đăng ký bản tin nào. " + usage)]
            lines = [f"• {LABEL[s.frequency]} {topic_label(s.topic)}, {self._when(s.frequency)}" for s in subs]
            return [_text("Các bản tin bạn đã đăng ký:\n" + "\n".join(lines) + "\n\n" + usage
                          + "\nGõ /huytheodoi để hủy.")]
        problem = subscription_problem(arg)
        if problem:
            return [_text(problem)]
        frequency, topic = parse_subscription(arg)
        key = topic_key(topic)
        held = await store.subscriptions(msg.platform, msg.chat_id)
        if len(held) >= MAX_PER_CHAT and all(s.key != key for s in held):
            return [_text(f"Mỗi cuộc trò chuyện nhận tối đa {MAX_PER_CHAT} bản tin. "
                          "Gõ /huytheodoi <chủ đề> để bớt một bản tin trước.")]
        sub, new = await store.subscribe(msg.platform, msg.chat_id, msg.user_id, frequency, topic, key)
        what = f"bản tin {LABEL[sub.frequency]} {topic_label(sub.topic)}"
        head = f"Đã đăng ký {what}" if new else f"Đã cập nhật: {what}"
        return [_text(f"{head}. Tôi sẽ gửi các bài mới được đưa vào kho {self._when(sub.frequency)} "
                      "(không gửi khi không có bài mới). Gõ /huytheodoi để hủy.")]

    async def _cmd_huytheodoi(self, msg: Incoming, arg: str) -> list[Reply]:
        store = self.engine.store
        subs = await store.subscriptions(msg.platform, msg.chat_id)
        if not subs:
            return [_text("Bạn chưa đăng ký bản tin nào.")]
        if not arg:
            await store.unsubscribe(msg.platform, msg.chat_id)
            return [_text(f"Đã hủy {len(subs)} bản tin. Gõ /theodoi để đăng ký lại.")]
        _, topic = parse_subscription(arg)
        key = topic_key(topic)
        ended = [s for s in subs if s.key == key]
        if ended:
            await store.unsubscribe(msg.platform, msg.chat_id, key)
        else:
            names = ", ".join(f"«{s.topic}»" if s.topic else "mọi bài mới" for s in subs)
            return [_text(f"Không có bản tin nào về «{topic}». Các bản tin của bạn: {names}.")]
        return [_text(f"Đã hủy bản tin {topic_label(ended[0].topic)}.")]

    def _watcher(self) -> FeedWatcher:
        return FeedWatcher(self.engine, self.settings.feed_interval)

    async def _cmd_them(self, msg: Incoming, arg: str) -> list[Reply]:
        url = arg.strip()
        if not re.match(r"^https?://\S+$", url):
            return [_text("Hãy gõ địa chỉ bài viết hoặc nguồn RSS, ví dụ: /them https://baokontum.com.vn/rss")]
        added = await self._watcher().add(url, msg.user_id or None)
        report = added.report
        lines = []
        if added.feed is not None:
            every = render.fmt_minutes(self.settings.feed_interval.total_seconds() / 60)
            if self.settings.feed_minutes <= 0:
                lines.append("Đã ghi nhận nguồn tin này, nhưng bot đang tắt việc tự kiểm tra "
                             "(DANVAN_FEED_MINUTES=off): bài mới chỉ được nạp khi chạy `main.py feeds check`.")
            elif added.new:
                lines.append(f"Đã theo dõi nguồn tin này: cứ {every} bot tự kiểm tra và nạp bài mới.")
            else:
                lines.append(f"Nguồn tin này đã được theo dõi (kiểm tra mỗi {every}); vừa kiểm tra lại.")
        known = len(report.duplicates) + (added.check.known if added.check else 0)
        if added.feed is not None and not (report.added or report.updated or report.failed or known):
            lines.append("Không có bài mới.")
        else:
            lines.append(f"Đã nạp: {len(report.added)} bài mới, {len(report.updated)} cập nhật, "
                         f"{known} trùng, {len(report.failed)} lỗi.")
        lines += [f"• lỗi: {f.origin}: {f.reason}" for f in report.failed[:5]]
        return [_text("\n".join(lines))]

    async def _cmd_nguontin(self, msg: Incoming, arg: str) -> list[Reply]:
        feeds = await self.engine.store.feeds()
        now = dt.datetime.now(dt.timezone.utc)
        return [_text(render.feed_list(feeds, self.settings.feed_interval, now, self.settings.feed_minutes > 0))]

    async def _cmd_bonguon(self, msg: Incoming, arg: str) -> list[Reply]:
        feeds = await self.engine.store.feeds()
        feed = find_feed(feeds, arg)
        if feed is None:
            if not arg.strip():
                return [_text("Hãy gõ số thứ tự hoặc địa chỉ của nguồn tin trong danh sách /nguontin, "
                              "ví dụ: /bonguon 1")]
            if not feeds:
                return [_text("Bot chưa theo dõi nguồn tin nào, nên không có gì để bỏ.")]
            return [_text(f"Không có nguồn tin «{clean_question(arg)[:80]}» trong danh sách /nguontin "
                          f"({len(feeds)} nguồn): hãy gõ số thứ tự hoặc địa chỉ đúng như danh sách ghi.")]
        await self._watcher().remove(feed.url)
        note = ""
        if feed.added_by == CONFIG:
            note = " Nguồn này được khai báo trong DANVAN_FEEDS: hãy bỏ nó khỏi cấu hình, nếu không bot sẽ theo dõi lại khi khởi động."
        return [_text(f"Đã ngừng theo dõi {feed.url}. Các bài đã nạp từ nguồn này vẫn được giữ.{note}")]

    async def _feeds_line(self) -> str:
        feeds = await self.engine.store.feeds()
        failing = sum(1 for f in feeds if f.error)
        if not feeds:
            return "Nguồn RSS theo dõi: chưa có (/them <địa chỉ RSS>)"
        return (f"Nguồn RSS theo dõi: {len(feeds)}" + (f", {failing} đang lỗi" if failing else "")
                + (" (tự kiểm tra đang tắt; /nguontin)" if self.settings.feed_minutes <= 0 else " (/nguontin)"))

    async def _cmd_thongke(self, msg: Incoming, arg: str) -> list[Reply]:
        st = await self.engine.stats()
        sites = ", ".join(f"{s} ({n})" for s, n in st["sites"][:8]) or "—"
        plain = (
            f"Bài viết: {st['articles']} (đoạn: {st['chunks']}, vectơ: {st['vectors']})\n"
            f"Bài gần trùng (đăng lại nơi khác) đã bỏ qua: {st['duplicates']}\nVăn bản được nhắc: {st['references']}\n"
            f"Nguồn: {sites}\nBài mới nhất: {render.fmt_date(st['newest'])}\n"
            f"Lần nạp gần nhất: {_vn_time(st['last_ingest'])}\n{await self._feeds_line()}\n"
            f"Câu hỏi hôm nay: {st['queries_today']}\n{await self._weak_line()}\n"
            f"Bộ mã hóa: {st['encoder']}\n{_threshold_line(st['threshold'], st['threshold_source'])}"
        )
        return [_text(plain)]

    async def _weak_questions(self, days: int) -> tuple[list, bool]:
        """The questions of the last `days` not answered or marked 👎, and whether only
        the newest of them were read."""
        since = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=days)
        asked = await self.engine.store.weak_questions(since)
        return asked, len(asked) >= WEAK_QUESTIONS_READ

    async def _weak_line(self) -> str:
        asked, capped = await self._weak_questions(REPORT_DAYS)
        weak = group(asked)
        return f"Câu hỏi chưa trả lời được hoặc bị chấm 👎 ({REPORT_DAYS} ngày qua): {len(weak)}" + (
            "+" if capped else "") + (" (/chuatraloi)" if weak else "")

    async def _cmd_chuatraloi(self, msg: Incoming, arg: str) -> list[Reply]:
        arg = arg.strip().lower().removesuffix("ngày").removesuffix("ngay").strip()
        if arg and not (re.fullmatch(r"[0-9]{1,3}", arg) and 1 <= int(arg) <= MAX_REPORT_DAYS):
            return [_text(f"Hãy gõ số ngày muốn xem, từ 1 đến {MAX_REPORT_DAYS}, ví dụ: /chuatraloi 30")]
        days = int(arg) if arg else REPORT_DAYS
        asked, capped = await self._weak_questions(days)
        return [_text(weak_questions_text(asked, days, capped=capped))]

    # -- buttons -----------------------------------------------------------
    async def _callback(self, msg: Incoming) -> list[Reply]:
        parts = msg.callback_data.split(":")
        kind = parts[0]
        mem = self.memory(msg.chat_id)
        try:
            if kind == "fb" and len(parts) == 3:
                return await self._vote(msg, 1 if parts[2] == "1" else -1, int(parts[1]))
            if kind == "more":
                if mem.last_query_id != int(parts[1]):
                    return [_text("Câu trả lời này đã cũ; hãy hỏi lại để xem thêm kết quả.")]
                return await self._cmd_xemthem(msg, "")
            if kind == "src":
                answer: Answer | None = mem.last_answer  # type: ignore[assignment]
                if not answer or mem.last_query_id != int(parts[1]):
                    return [_text("Câu trả lời này đã cũ; hãy hỏi lại để xem nguồn.")]
                return [await self._source_reply(c) for c in answer.citations]
            if kind == "tim" and mem.last_search:
                return await self._cmd_tim(msg, mem.last_search, page=int(parts[1]))
        except (ValueError, IndexError):
            pass
        return [Reply(html="", plain="", notice="Nút này không còn dùng được.")]
