"""Questions that ask what is new (pure): "Bài mới về công tác tôn giáo tuần này?",
"co tin moi nao ve MTTQ khong". They are answered with a list of recent articles
on the topic, not with quoted passages; `/moi [chủ đề]` gives the same list.

A topic is matched as digest topics are (`bot.digest.topic_forms`): whole words,
with or without diacritics, abbreviations of the field both ways. An article's
date is its publication date, or the day it was stored when it has none; time
windows are those of Vietnam (UTC+7), a week starting on Monday.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from bot import render
from bot.digest import VN_TZ
from bot.types import Reply
from corpus.types import ArticleInfo
from retrieval.normalize import fold, nfc

MAX_TOPIC_WORDS = 6  # a longer remainder is a real question about the news, not a listing

# "bài mới", "bài viết mới nhất", "tin tức gần đây", "bài nào mới" (folded word sequences)
_NEWS_RE = re.compile(r"\b(?:bai viet|bai bao|bai|tin tuc|tin)(?: nao)? (?:moi nhat|moi|gan day)\b")
_QUESTION_RE = re.compile(r"\b(?:nhu the nao|the nao|ra sao|bao nhieu|vi sao|tai sao|khi nao|o dau|lam gi|la gi"
                          r"|noi gi|noi ve gi|gom nhung gi)\b")
# Words around a topic that are not part of it ("có … nào về X không?").
_FILLERS = set("ve co nao khong gi nhung cac cho toi xem hay liet ke a nhe vay ha o tai trong cua lien quan den "
               "chu de duoc dang nay khac moi nhat gan day".split())


def _today_minus(days: int) -> Callable[[dt.date], dt.date]:
    return lambda today: today - dt.timedelta(days=days)


# (folded pattern, how the reply names the window, its first day from today)
_WINDOWS: tuple[tuple[re.Pattern, str, Callable[[dt.date], dt.date]], ...] = (
    (re.compile(r"\bhom nay\b"), "hôm nay", _today_minus(0)),
    (re.compile(r"\bhom qua\b"), "từ hôm qua", _today_minus(1)),
    (re.compile(r"\btuan nay\b"), "trong tuần này", lambda today: today - dt.timedelta(days=today.weekday())),
    (re.compile(r"\b(?:tuan qua|tuan truoc|(?:7|bay) ngay qua)\b"), "trong 7 ngày qua", _today_minus(6)),
    (re.compile(r"\bthang nay\b"), "trong tháng này", lambda today: today.replace(day=1)),
    (re.compile(r"\b(?:thang qua|thang truoc|30 ngay qua)\b"), "trong 30 ngày qua", _today_minus(29)),
)


@dataclass(frozen=True)
class RecentAsk:
    topic: str  # as typed ("" for every article)
    since: dt.date | None = None  # the window's first day; None: no window, just the newest
    window: str = ""  # how the reply names the window ("trong tuần này")


def _words(text: str) -> list[tuple[str, str]]:
    """(word as typed, folded lower case) pairs."""
    return [(w, fold(w).lower()) for w in re.findall(r"[^\W_]+(?:[-/][^\W_]+)*", nfc(text))]


def parse_recent(text: str, today: dt.date) -> RecentAsk | None:
    """A what's-new question's topic and time window, or None for any other question."""
    pairs = _words(text)
    folded = " ".join(f for _, f in pairs)
    news = _NEWS_RE.search(folded)
    if not news or _QUESTION_RE.search(folded):
        return None
    used = [(news.start(), news.end())]
    since, window = None, ""
    for pattern, label, first_day in _WINDOWS:
        m = pattern.search(folded)
        if m:
            since, window = first_day(today), label
            used.append((m.start(), m.end()))
            break
    # the words outside the news and window phrases, in runs; fillers trimmed off each run's ends
    runs: list[list[tuple[str, str]]] = [[]]
    start = 0  # where each word starts in `folded`
    for word, f in pairs:
        inside = any(a <= start < b for a, b in used)
        start += len(f) + 1
        if inside:
            runs.append([])
        else:
            runs[-1].append((word, f))
    topic_words: list[str] = []
    for run in runs:
        while run and run[0][1] in _FILLERS:
            run = run[1:]
        while run and run[-1][1] in _FILLERS:
            run = run[:-1]
        topic_words += [w for w, _ in run]
    if len(topic_words) > MAX_TOPIC_WORDS:
        return None
    return RecentAsk(" ".join(topic_words), since, window)


def article_day(a: ArticleInfo, tz: dt.tzinfo) -> dt.date | None:
    """The day an article counts from: published, else the day (in `tz`) it was stored."""
    if a.published:
        return a.published
    if not a.ingested_at:
        return None
    return dt.datetime.fromisoformat(a.ingested_at.replace("Z", "+00:00")).astimezone(tz).date()


def recent_reply(ask: RecentAsk, on_topic: list[ArticleInfo], limit: int, follow: str = "") -> Reply:
    """The list a what's-new question gets. `on_topic`: the newest articles on its
    topic, newest first; `follow`: a closing hint (how to subscribe), may be empty."""
    about = f" về «{ask.topic}»" if ask.topic else ""
    when = f" {ask.window} (từ {render.fmt_date(ask.since)})" if ask.since else ""
    fresh = [a for a in on_topic if ask.since is None or (article_day(a, VN_TZ) or dt.date.min) >= ask.since]
    if fresh:
        head = f"Các bài mới{about}{when}:" if ask.since else f"Các bài mới nhất{about}:"
        shown = fresh[:limit]
    elif on_topic:
        head = f"Chưa có bài mới{about}{when}. Các bài gần nhất:"
        shown = on_topic[:limit]
    else:
        head = f"Kho dữ liệu chưa có bài nào{about}." if about else "Kho dữ liệu chưa có bài viết nào."
        shown = []
    lines = [render.article_line(i, a) for i, a in enumerate(shown, 1)]
    plain = [head] + [p for p, _ in lines] + ([follow] if follow else [])
    htm = [html.escape(head)] + [h for _, h in lines] + ([html.escape(follow)] if follow else [])
    return Reply(html="\n".join(htm), plain="\n".join(plain))
