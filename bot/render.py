"""Render the core's replies for each platform (pure): plain text or Telegram HTML,
split under the platform's length limit at paragraph or sentence boundaries."""

from __future__ import annotations

import datetime as dt
import html
import re

from retrieval.question.message import MAX_QUESTION_CHARS, clean_question, cut_question, shorten_question
from bot.clock import VN_TZ
from retrieval.types import DATE_FORMAT, Answer, Citation

LONG_QUESTION_NOTE = f"(Câu hỏi dài quá, tôi chỉ dùng {MAX_QUESTION_CHARS} ký tự đầu.)"
MAX_NOTED_QUESTION_CHARS = 200


def long_question_note(typed: str, used: str | None = None) -> str | None:
    """What a reply says of a message too long to search whole, given the question
    searched (`shorten_question`'s, worked out when not given): that its start was used,
    or which question in it was (None: it was not shortened)."""
    if used is None:
        used = shorten_question(typed)[0]
    whole = clean_question(typed)
    if used == whole:
        return None
    if used == cut_question(whole):  # its start
        return LONG_QUESTION_NOTE
    return f"(Tin nhắn dài quá, tôi tìm theo câu hỏi trong đó: «{clip(used, MAX_NOTED_QUESTION_CHARS)}»)"


def fmt_date(d: dt.date | None) -> str:
    return d.strftime(DATE_FORMAT) if d else UNDATED


UNDATED = "không rõ ngày đăng"  # an article's date, in answers' sources and in lists alike


def meta(site: str | None, published: dt.date | None) -> str:
    """``site, dd/mm/yyyy`` of a source."""
    return ", ".join(x for x in (site, fmt_date(published)) if x)


MAX_TITLE_CHARS = 120
MAX_SNIPPET_CHARS = 300


def clip(text: str, limit: int) -> str:
    """`text` whole when it fits, else cut at a word boundary and marked "…"."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:-–") + "…"


def short_title(title: str) -> str:
    """A title as a list shows it: a long one (a record whose "title" is its lead or
    a photo caption) cut at a word boundary, marked "…"."""
    return clip(title, MAX_TITLE_CHARS)


def title_html(title: str, url: str | None) -> str:
    """The escaped (shortened) title, linked when the source names a URL."""
    escaped = html.escape(short_title(title))
    return f'<a href="{html.escape(url, quote=True)}">{escaped}</a>' if url else escaped


def article_line(i: int, a) -> tuple[str, str]:
    """``i. Title — site, date`` of an article (`ArticleInfo`): plain (the URL on the
    next line) and HTML (the title linked)."""
    m = meta(a.site, a.published)
    if a.published is None and getattr(a, "ingested_at", None):
        # an undated article counts in a listing's window by the day it was stored: say so
        from bot.recent import article_day, text_day

        named = text_day(a)  # a text long older than its storing is dated by what it says
        said = f"bài nhắc đến ngày {fmt_date(named)}" if named else f"lưu {fmt_date(article_day(a, VN_TZ))}"
        m = f"{meta(a.site, None)}, {said}"
    plain = f"{i}. {short_title(a.title)} — {m}" + (f"\n{a.url}" if a.url else "")
    return plain, f"{i}. {title_html(a.title, a.url)} — {html.escape(m)}"


def source_line(c: Citation) -> str:
    """``[1] Title — site, 23/02/2024`` and the URL on the next line (plain)."""
    line = f"[{c.n}] {short_title(c.title)} — {meta(c.site, c.published)}"
    return line + (f"\n{c.url}" if c.url else "")

def answer_plain(answer: Answer) -> str:
    if not answer.found:
        return answer.text
    lines = [answer.text, "", "Nguồn:"]
    lines += [source_line(c) for c in answer.citations]
    return "\n".join(lines)


def answer_html(answer: Answer) -> str:
    if not answer.found:
        return html.escape(answer.text)
    body = " ".join(f"{html.escape(s.text)} <b>[{s.n}]</b>" for s in answer.sentences)
    lines = [*([f"<i>{html.escape(answer.note)}</i>"] if answer.note else []), body, "", "<b>Nguồn:</b>"]
    lines += [f"[{c.n}] {title_html(c.title, c.url)} — {html.escape(meta(c.site, c.published))}"
              for c in answer.citations]
    return "\n".join(lines)


# -- splitting ---------------------------------------------------------------

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^<>]*>")
_ENTITY = re.compile(r"&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);")
_MARKER = re.compile(r"\[\d{1,3}\]")
_SENTENCE_END = ".!?…;:»\"”)"


def split_message(text: str, limit: int, html: bool = True) -> list[str]:
    """Pieces of at most `limit` characters, cut at paragraphs, then lines, then
    sentences, then spaces. A cut never falls inside an HTML tag, an entity or a
    ``[n]`` marker, and never separates a sentence from the ``[n]`` after it. With
    ``html=True`` every piece is balanced: a cut is placed outside ``<a>``, ``<b>``,
    ``<i>``... elements when the text allows, and otherwise the open elements are
    closed at the end of the piece and opened again at the start of the next."""
    text = text.strip()
    if len(text) <= limit:
        return [text] if text else []
    if limit < 40:
        raise ValueError("limit is too small to split a message safely")
    scan = _Scan(text, html)
    pieces: list[str] = []
    start, carried, n = 0, "", len(text)
    while start < n:
        while start < n and text[start].isspace():
            start += 1
        if start >= n:
            break
        if len(carried) + n - start <= limit:
            pieces.append(carried + text[start:])
            break
        end = scan.best_cut(start, limit - len(carried) - scan.reserve)
        stack = scan.stack_at(end)
        closers = "".join(f"</{name}>" for name, _ in reversed(stack))
        pieces.append(carried + text[start:end].rstrip() + closers)
        carried = "".join(tag for _, tag in stack)
        start = end
    return [p for p in pieces if p.strip()]


class _Scan:
    """Positions of a text that a cut must avoid, and the open elements at each point."""

    def __init__(self, text: str, html: bool) -> None:
        self.text = text
        n = len(text)
        self.forbidden = bytearray(n + 1)  # 1: a cut just before this index breaks a token
        self.inside = bytearray(n + 1)  # 1: some element is open at this index
        self.events: list[tuple[int, bool, str, str]] = []  # (end index, opens?, name, tag)
        spans = []
        if html:
            for m in _TAG.finditer(text):
                spans.append((m.start(), m.end()))
                self.events.append((m.end(), not m.group(1), m.group(2).lower(), m.group(0)))
            spans += [(m.start(), m.end()) for m in _ENTITY.finditer(text)]
        spans += [(m.start(), m.end()) for m in _MARKER.finditer(text)]
        for a, b in spans:
            self.forbidden[a + 1 : b] = b"\x01" * (b - a - 1)
        self.reserve = 0  # room for the closing tags of a cut inside elements
        prev = 0
        stack: list[tuple[str, str]] = []
        for end, opens, name, tag in self.events + [(n + 1, True, "", "")]:
            if stack:
                self.inside[prev:end] = b"\x01" * (min(end, n + 1) - prev)
            if end > n:
                break
            self._apply(stack, opens, name, tag)
            self.reserve = max(self.reserve, sum(len(x) + 3 for x, _ in stack))
            prev = end

    @staticmethod
    def _apply(stack: list[tuple[str, str]], opens: bool, name: str, tag: str) -> None:
        if opens:
            stack.append((name, tag))
            return
        for j in range(len(stack) - 1, -1, -1):
            if stack[j][0] == name:
                del stack[j:]
                return

    def stack_at(self, pos: int) -> list[tuple[str, str]]:
        """Elements open at `pos`: (name, opening tag), outermost first."""
        stack: list[tuple[str, str]] = []
        for end, opens, name, tag in self.events:
            if end > pos:
                break
            self._apply(stack, opens, name, tag)
        return stack

    def best_cut(self, start: int, budget: int) -> int:
        """The best end (exclusive) of a piece that starts at `start`, within `budget` chars."""
        hi = min(len(self.text), start + max(budget, 1))
        lo = start + budget // 3  # no tiny pieces when a later cut exists
        best: dict[int, int] = {}  # rank -> the latest position with that rank
        for i in range(hi, start, -1):
            if self.forbidden[i]:
                continue
            rank = self._rank(i)
            if rank is None:
                continue
            rank += 0 if self.inside[i] else 10  # outside every element is always better
            best.setdefault(rank, i)
        good = [(r, i) for r, i in best.items() if i >= lo]
        if good:
            return max(good)[1]
        if best:
            return max(best.items())[1]
        for i in range(hi, start, -1):  # no boundary at all: any position outside a token
            if not self.forbidden[i]:
                return i
        return hi

    def _rank(self, i: int) -> int | None:
        """How good a cut just before index i is (higher is better); None: no boundary."""
        text = self.text
        if not text[i].isspace():
            return None
        if text[i] == "\n":
            return 4 if text[i - 1] == "\n" or text.startswith("\n\n", i) else 3
        rest = text[i : i + 12].lstrip()
        if rest.startswith(("[", "<b>[")):
            return None  # never separate a sentence from its [n]
        before = re.sub(r"(?:<[^<>]*>)+$", "", text[max(0, i - 120) : i].rstrip())
        if before[-1:] and before[-1] in _SENTENCE_END + "]":
            return 2
        return 1


def fmt_time(at: dt.datetime) -> str:
    """``HH:MM dd/mm/yyyy``, Vietnam time."""
    return at.astimezone(VN_TZ).strftime(f"%H:%M {DATE_FORMAT}")


def fmt_minutes(minutes: float) -> str:
    """``30 phút``, ``2 giờ``, ``2,5 phút`` (a decimal comma)."""
    text = f"{minutes / 60:g} giờ" if minutes >= 60 and minutes % 60 == 0 else f"{minutes:g} phút"
    return text.replace(".", ",")


def feed_list(feeds, interval: dt.timedelta, now: dt.datetime, checking: bool = True) -> str:
    """The watched feeds (`corpus.types.Feed`), each with how its last check went,
    numbered by their ids: a number stays the feed's (`/bonguon 3`) whatever is
    added or removed in between."""
    from retrieval.feeds import CONFIG, failed_pages_note, next_check

    if not feeds:
        return ("Chưa theo dõi nguồn tin nào. Quản trị viên thêm nguồn bằng /them <địa chỉ RSS>, "
                "hoặc khai báo DANVAN_FEEDS.")
    every = fmt_minutes(interval.total_seconds() / 60)
    head = (f"Nguồn tin đang theo dõi (kiểm tra mỗi {every}):" if checking
            else "Nguồn tin đã khai báo (bot đang tắt việc tự kiểm tra: DANVAN_FEED_MINUTES=off):")
    lines = [head]
    for f in feeds:
        lines.append(f"{f.id}. {f.url}")
        if f.checked_at is None:
            state = "Chưa kiểm tra."
        elif f.error:
            state = (f"Lần kiểm tra lúc {fmt_time(f.checked_at)} bị lỗi (lỗi {f.failures} lần liên tiếp): {f.error}."
                     + (f" Thử lại lúc {fmt_time(max(next_check(f, interval), now))}." if checking else ""))
        else:  # read fine; pages of it may have failed (tried again, the feed keeps its schedule)
            state = f"Kiểm tra lúc {fmt_time(f.checked_at)}: {failed_pages_note(f) or 'tốt.'}"
        lines.append(f"   {state} Đã nạp {f.articles} bài từ nguồn này."
                     + (" (Khai báo trong DANVAN_FEEDS.)" if f.added_by == CONFIG else ""))
    return "\n".join(lines)
