"""Questions that ask what is new (pure): "Bài mới về công tác tôn giáo tuần này?",
"co tin moi nao ve MTTQ khong". They are answered with a list of recent articles
on the topic, not with quoted passages; `/moi [chủ đề]` gives the same list.

An accented question is read with its accents ("Bài mới về Đảng": "Đảng" is the
topic, not the filler "đăng"); one typed without them is read folded, where the
words that could be a topic word ("dang", "chua", "vay") are never trimmed off
as fillers. The topic is what follows "về" when the question has it, else the
words left around the news and window phrases.

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
from retrieval.normalize import fold, has_diacritics, nfc

MAX_TOPIC_WORDS = 6  # a longer remainder is a real question about the news, not a listing

# "bài mới", "bài viết mới nhất", "tin tức gần đây", "bài nào mới"; not "niềm tin mới", "thông tin mới".
# Folded, "moi" is also mỗi/môi/mọi: "tin moi truong", "ban tin moi tuan" are not news.
_NEWS_RE = {
    True: re.compile(r"(?<!niềm )(?<!thông )(?<!lòng )\b(?:bài viết|bài báo|bài|tin tức|tin)(?: nào)?"
                     r" (?:mới nhất|mới|gần đây)\b"),
    False: re.compile(r"(?<!niem )(?<!thong )(?<!long )\b(?:bai viet|bai bao|bai|tin tuc|tin)(?: nao)?"
                      r" (?:moi nhat|gan day|moi\b(?! (?:truong|tuan|ngay|thang|nam|nguoi|khi|luc|noi|quan|lien"
                      r"|gioi|cap|mat|ben|nha|la|thu|lan)\b))"),
}
_QUESTION_RE = re.compile(r"\b(?:nhu the nao|the nao|ra sao|bao nhieu|vi sao|tai sao|khi nao|o dau|lam gi|la gi"
                          r"|noi gi|noi ve gi|gom nhung gi)\b")

# Words around a topic that are not part of it, as word sequences (accented).
_LEADING = ("có", "hãy", "cho tôi", "cho mình", "cho em", "cho xem", "xem", "liệt kê", "tìm", "đọc", "tôi", "mình",
            "muốn", "cần", "xin", "bạn", "những", "các", "nào", "gì", "ở", "tại", "trong", "của", "về", "chủ đề",
            "vấn đề", "lĩnh vực", "liên quan đến", "liên quan tới")
_TOPIC_LEADING = ("chủ đề", "vấn đề", "lĩnh vực", "các", "những")  # after "về": "về chủ đề giảm nghèo"
_TRAILING = ("không", "nào", "nhé", "ạ", "vậy", "chưa", "hả", "gì", "với", "đi", "có", "khác", "được đăng", "đăng",
             "trong", "ở", "tại", "của", "hay", "thế", "không ạ", "nhỉ")
# Folded fillers that are also topic words (đăng/Đảng, tại/tài chính, vậy/cho vay, chưa/chùa, …).
_AMBIGUOUS = {"dang", "tai", "vay", "chua", "di", "ha", "voi", "the", "nhi"}


def _forms(phrases: tuple[str, ...], accented: bool) -> list[tuple[str, ...]]:
    """Filler phrases as word tuples, longest first; folded ones without the ambiguous."""
    out = {tuple(p.split()) if accented else tuple(fold(p).split()) for p in phrases}
    if not accented:
        out = {p for p in out if not (len(p) == 1 and p[0] in _AMBIGUOUS)}
    return sorted(out, key=len, reverse=True)


_FILLERS = {acc: (_forms(_LEADING, acc), _forms(_TOPIC_LEADING, acc), _forms(_TRAILING, acc)) for acc in (True, False)}

_COUNTS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9, "muoi": 10}
_UNIT_DAYS = {"ngay": 1, "tuan": 7, "thang": 30}
_LABEL_UNIT = {"ngay": "ngày", "tuan": "tuần", "thang": "tháng"}
MAX_WINDOW_DAYS = 366


@dataclass(frozen=True)
class RecentAsk:
    topic: str  # as typed ("" for every article)
    since: dt.date | None = None  # the window's first day; None: no window, just the newest
    window: str = ""  # how the reply names the window ("trong tuần này")
    until: dt.date | None = None  # the window's last day, for a past period ("năm 2024"); None: up to today


Window = tuple[dt.date, dt.date | None, str]  # since, until, label


def _last(m: re.Match, today: dt.date) -> Window | None:
    """ "7 ngày qua", "hai tuần gần đây", "3 tháng qua"."""
    n = int(m.group(1)) if m.group(1).isdigit() else _COUNTS[m.group(1)]
    days = n * _UNIT_DAYS[m.group(2)]
    if not 0 < days <= MAX_WINDOW_DAYS:
        return None
    return today - dt.timedelta(days=days - 1), None, f"trong {n} {_LABEL_UNIT[m.group(2)]} qua"


def _year(m: re.Match, today: dt.date) -> Window | None:
    year = int(m.group(1))
    if not 1900 < year <= today.year:
        return None
    if year == today.year:
        return dt.date(year, 1, 1), None, "trong năm nay"
    return dt.date(year, 1, 1), dt.date(year, 12, 31), f"trong năm {year}"


def _fixed(since: Callable[[dt.date], dt.date], label: str, until: Callable[[dt.date], dt.date] | None = None):
    return lambda m, today: (since(today), until(today) if until else None, label)


def _days_ago(days: int) -> Callable[[dt.date], dt.date]:
    return lambda today: today - dt.timedelta(days=days)


_N = r"(\d{1,3}|" + "|".join(_COUNTS) + ")"
# (folded pattern, its window from the match and today); the first that matches counts
_WINDOWS: tuple[tuple[re.Pattern, Callable[[re.Match, dt.date], Window | None]], ...] = (
    (re.compile(r"\bhom nay\b"), _fixed(_days_ago(0), "hôm nay")),
    (re.compile(r"\bhom qua\b"), _fixed(_days_ago(1), "từ hôm qua")),
    (re.compile(r"\btuan nay\b"), _fixed(lambda today: today - dt.timedelta(days=today.weekday()), "trong tuần này")),
    (re.compile(rf"\b{_N} (ngay|tuan|thang) (?:qua|vua qua|gan day|gan nhat|truoc|nay)\b"), _last),
    (re.compile(r"\b(?:tuan qua|tuan truoc)\b"), _fixed(_days_ago(6), "trong 7 ngày qua")),
    (re.compile(r"\bthang nay\b"), _fixed(lambda today: today.replace(day=1), "trong tháng này")),
    (re.compile(r"\b(?:thang qua|thang truoc)\b"), _fixed(_days_ago(29), "trong 30 ngày qua")),
    (re.compile(r"\bnam nay\b"), _fixed(lambda today: today.replace(month=1, day=1), "trong năm nay")),
    (re.compile(r"\b(?:nam ngoai|nam truoc)\b"), _fixed(
        lambda today: dt.date(today.year - 1, 1, 1), "trong năm ngoái", lambda today: dt.date(today.year - 1, 12, 31))),
    (re.compile(r"\bnam ((?:19|20)\d\d)\b"), _year),
)


@dataclass(frozen=True)
class _Word:
    typed: str
    key: str  # compared with the fillers: lower case, folded when the question has no accents
    folded: str


def _words(text: str, accented: bool) -> list[_Word]:
    out = []
    for w in re.findall(r"[^\W_]+(?:[-/][^\W_]+)*", nfc(text)):
        folded = fold(w).lower()
        out.append(_Word(w, w.lower() if accented else folded, folded))
    return out


def _span(words: list[str], m: re.Match) -> range:
    """The word indices a match over " ".join(words) covers."""
    start, first, last = 0, None, None
    for i, w in enumerate(words):
        if first is None and start >= m.start():
            first = i
        if start < m.end():
            last = i
        start += len(w) + 1
    return range(first if first is not None else len(words), (last or 0) + 1)


def _trim(run: list[_Word], leading: list[tuple[str, ...]], trailing: list[tuple[str, ...]]) -> list[_Word]:
    """A run of words without the filler phrases at its ends."""
    changed = True
    while run and changed:
        changed = False
        keys = tuple(w.key for w in run)
        for phrase in leading:
            if keys[:len(phrase)] == phrase:
                run, changed = run[len(phrase):], True
                break
        keys = tuple(w.key for w in run)
        for phrase in trailing:
            if len(keys) >= len(phrase) and keys[len(keys) - len(phrase):] == phrase:
                run, changed = run[:len(run) - len(phrase)], True
                break
    return run


def parse_recent(text: str, today: dt.date) -> RecentAsk | None:
    """A what's-new question's topic and time window, or None for any other question."""
    accented = has_diacritics(text)
    words = _words(text, accented)
    keys, folded = [w.key for w in words], [w.folded for w in words]
    news = _NEWS_RE[accented].search(" ".join(keys))
    if not news or _QUESTION_RE.search(" ".join(folded)):
        return None
    used = set(_span(keys, news))
    since = until = None
    window = ""
    for pattern, read in _WINDOWS:
        m = pattern.search(" ".join(folded))
        if m and (found := read(m, today)) is not None:
            since, until, window = found
            used |= set(_span(folded, m))
            break
    leading, topic_leading, trailing = _FILLERS[accented]
    about = next((i for i, k in enumerate(keys) if i not in used and k == ("về" if accented else "ve")), None)
    if about is not None:  # "… về <topic> [tuần này] không?"
        end = next((i for i in range(about + 1, len(words)) if i in used), len(words))
        topic = _trim(words[about + 1:end], topic_leading, trailing)
    else:  # the words outside the news and window phrases, fillers trimmed off each run
        runs: list[list[_Word]] = [[]]
        for i, w in enumerate(words):
            if i in used:
                runs.append([])
            else:
                runs[-1].append(w)
        topic = [w for run in runs for w in _trim(run, leading, trailing)]
    if len(topic) > MAX_TOPIC_WORDS:
        return None
    return RecentAsk(" ".join(w.typed for w in topic), since, window, until)


def parse_topic_window(arg: str, today: dt.date) -> RecentAsk:
    """What `/moi <arg>` asks for: a topic, a window, or both ("/moi tuần này", "/moi MTTQ tháng này")."""
    return parse_recent("bài mới " + arg, today) or RecentAsk(" ".join(arg.split()))


def article_day(a: ArticleInfo, tz: dt.tzinfo) -> dt.date | None:
    """The day an article counts from: published, else the day (in `tz`) it was stored."""
    if a.published:
        return a.published
    if not a.ingested_at:
        return None
    return dt.datetime.fromisoformat(a.ingested_at.replace("Z", "+00:00")).astimezone(tz).date()


def in_window(ask: RecentAsk, articles: list[ArticleInfo]) -> list[ArticleInfo]:
    """The articles whose day falls in the question's window (all of them without one)."""
    if ask.since is None:
        return list(articles)
    until = ask.until or dt.date.max
    return [a for a in articles if ask.since <= (article_day(a, VN_TZ) or dt.date.min) <= until]


def recent_reply(ask: RecentAsk, on_topic: list[ArticleInfo], limit: int, follow: str = "",
                 scanned: int = 0) -> Reply:
    """The list a what's-new question gets. `on_topic`: the newest articles on its
    topic, newest first; `follow`: a closing hint (how to subscribe), may be empty;
    `scanned`: when nothing was found, how many candidate articles were read before
    the search stopped (0: the store has none)."""
    about = f" về «{ask.topic}»" if ask.topic else ""
    when = ""
    if ask.since:
        when = f" {ask.window}" + (f" (từ {render.fmt_date(ask.since)})" if ask.until is None else "")
    fresh = in_window(ask, on_topic)
    if fresh:
        if ask.until:
            head = f"Các bài{about}{when}:"
        else:
            head = f"Các bài mới{about}{when}:" if ask.since else f"Các bài mới nhất{about}:"
        shown = fresh[:limit]
    elif on_topic:
        head = f"Chưa có bài {'nào' if ask.until else 'mới'}{about}{when}. Các bài gần nhất:"
        shown = on_topic[:limit]
    elif scanned:
        head = f"Chưa tìm thấy bài nào{about} trong {scanned} bài gần nhất có các từ này."
        shown = []
    else:
        head = f"Kho dữ liệu chưa có bài nào{about}." if about else "Kho dữ liệu chưa có bài viết nào."
        shown = []
    lines = [render.article_line(i, a) for i, a in enumerate(shown, 1)]
    plain = [head] + [p for p, _ in lines] + ([follow] if follow else [])
    htm = [html.escape(head)] + [h for _, h in lines] + ([html.escape(follow)] if follow else [])
    return Reply(html="\n".join(htm), plain="\n".join(plain))
