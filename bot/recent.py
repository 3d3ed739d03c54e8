"""Questions that ask what is new (pure): "Bài mới về công tác tôn giáo tuần này?",
"co tin moi nao ve MTTQ khong". They are answered with a list of recent articles
on the topic, not with quoted passages; `/moi [chủ đề]` gives the same list.

An accented question is read with its accents ("Bài mới về Đảng": "Đảng" is the
topic, not the filler "đăng"); one typed without them is read folded, where the
words that could be a topic word ("dang", "chua", "vay") are never trimmed off
as fillers. The topic is what follows "về" when the question has it, else the
words left around the news and window phrases.

A topic is matched as digest topics are (`bot.digest.topic_parts`): whole words,
with or without diacritics, abbreviations of the field both ways, a place it names
apart from the rest ("dân vận khéo ở Kon Rẫy": both written, not the whole phrase). An article's
date is its publication date, or the day it was stored when it has none; the
time windows (`bot.windows`) are those of Vietnam (UTC+7).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, replace

from bot import render
from bot.clock import VN_TZ
from bot.types import Reply
from bot.windows import find_window
from corpus.store import STALE_AFTER_DAYS, parse_utc
from corpus.types import ArticleInfo
from retrieval.normalize import fold, has_diacritics, nfc
from retrieval.places import named_places

MAX_TOPIC_WORDS = 6  # a longer remainder is a real question about the news, not a listing
MAX_ABOUT_WORDS = 10  # what follows "về" may be a long name ("Hội Liên hiệp Phụ nữ Việt Nam")

_ITEM = r"(?:bài viết|bài báo|bài đăng|bài|tin tức|tin)"
# "bài mới", "bài viết mới nhất", "tin gì mới", "gần đây có bài nào"; not "niềm tin mới", "thông tin mới".
_NEWS_ACCENTED = (rf"(?<!niềm )(?<!thông )(?<!lòng )(?<!bản )\b(?:{_ITEM}(?: nào| gì)? (?:mới nhất|mới|gần đây)"
                  rf"|gần đây (?:có )?{_ITEM}(?: nào| gì)?)\b")
# Folded, "moi" is also mỗi/môi/mọi/mối: "tin moi truong", "ban tin moi tuan", "moi nguoi" are not
# news, but "tin moi tuan nay", "bai moi nam 2024" are.
_FOLDED_NEW = "(?:moi nhat|moi|gan day)"
assert _FOLDED_NEW in fold(_NEWS_ACCENTED)
_NEWS_PLAIN = fold(_NEWS_ACCENTED).replace(_FOLDED_NEW, "(?:moi nhat|gan day|moi\\b"
                                           r"(?! (?:truong|nguoi|khi|luc|noi|quan|gioi|cap|mat|ben|nha|la|thu|lan)\b)"
                                           r"(?! (?:tuan|thang|nam|ngay)\b(?! (?:nay|qua|vua|truoc|ngoai|roi|hom|\d))))")
_NEWS_RE = {True: re.compile(_NEWS_ACCENTED), False: re.compile(_NEWS_PLAIN)}
# "Tin dân vận mới nhất", "Các bài về dân vận mới nhất": the topic between the item and "mới nhất"
# (not "bài học", "tin tưởng", "tin nhắn" …).
_NEWEST_ACCENTED = (rf"(?<!bản )\b({_ITEM})(?! (?:học|hát|thuốc|toán|thơ|tập|giảng|phát|tưởng|cậy|nhắn|đồn)\b)"
                    r"(?: [^\W\d_]+){1,8}? (mới nhất)\b")
_NEWEST_RE = {True: re.compile(_NEWEST_ACCENTED), False: re.compile(fold(_NEWEST_ACCENTED))}
# Folded: questions about the news, or about writing or getting it, not a request for a list.
_QUESTION_RE = re.compile(r"\b(?:nhu the nao|the nao|ra sao|bao nhieu|vi sao|tai sao|khi nao|luc nao|o dau|den dau"
                          r"|lam gi|la gi|noi gi|noi ve gi|gom nhung gi|nhung gi|noi dung gi|nhung noi dung|lam sao"
                          r"|cach nao|(?<!bai )bao nao|trang nao|dang ky (?:nhan|theo doi)|nhan tin moi|nhan bai moi"
                          r"|nhan ban tin|viet bai|soan bai|ai viet|ai dang)\b|^(?:cach|ai)\b")

# Words around a topic that are not part of it, as word sequences (accented).
_LEADING = ("có", "hãy", "cho tôi", "cho mình", "cho em", "cho xem", "xem", "liệt kê", "tìm", "đọc", "tôi", "mình",
            "muốn", "cần", "xin", "bạn", "những", "các", "nào", "gì", "ở", "tại", "trong", "của", "về", "chủ đề",
            "vấn đề", "lĩnh vực", "liên quan đến", "liên quan tới", "mọi người", "anh chị", "các bạn", "gửi",
            "gửi cho", "gửi mình", "gửi tôi")
_TOPIC_LEADING = ("chủ đề", "vấn đề", "lĩnh vực", "các", "những")  # after "về": "về chủ đề giảm nghèo"
_TRAILING = ("không", "nào", "nhé", "ạ", "vậy", "chưa", "hả", "gì", "với", "đi", "có", "khác", "được đăng", "đăng",
             "trong", "ở", "tại", "của", "hay", "thế", "không ạ", "nhỉ", "được")
# Folded fillers that are also topic words (đăng/Đảng, tại/tài chính, vậy/cho vay, chưa/chùa, …).
_AMBIGUOUS = {"dang", "tai", "vay", "chua", "di", "ha", "voi", "the", "nhi", "duoc"}


def _forms(phrases: tuple[str, ...], accented: bool) -> list[tuple[str, ...]]:
    """Filler phrases as word tuples, longest first; folded ones without the ambiguous."""
    out = {tuple(p.split()) if accented else tuple(fold(p).split()) for p in phrases}
    if not accented:
        out = {p for p in out if not (len(p) == 1 and p[0] in _AMBIGUOUS)}
    return sorted(out, key=len, reverse=True)


_FILLERS = {acc: (_forms(_LEADING, acc), _forms(_TOPIC_LEADING, acc), _forms(_TRAILING, acc)) for acc in (True, False)}

@dataclass(frozen=True)
class RecentAsk:
    topic: str  # as typed ("" for every article)
    since: dt.date | None = None  # the window's first day; None: no window, just the newest
    window: str = ""  # how the reply names the window ("trong tuần này")
    until: dt.date | None = None  # the window's last day, for a past period ("năm 2024"); None: up to today

    @property
    def daily(self) -> bool:
        """Asks for today's or yesterday's news (the daily digest's)."""
        return self.window in ("hôm nay", "từ hôm qua")


@dataclass(frozen=True)
class _Word:
    typed: str
    key: str  # compared with the patterns and fillers: lower case, folded unless read with accents
    clause: int = 0


def _words(text: str, accented: bool) -> list[_Word]:
    """The words, each with its clause's number (a topic never runs past a comma, but
    for a place listed after one: "… ở Kon Rẫy, Tu Mơ Rông")."""
    out: list[_Word] = []
    n = -1
    for sep, clause in _clauses(nfc(text)):
        if sep == "," and out and _starts_with_place(clause):
            out[-1] = replace(out[-1], typed=out[-1].typed + ",")  # the topic keeps its comma
        else:
            n += 1
        out += [_Word(w, w.lower() if accented else fold(w).lower(), n)
                for w in re.findall(r"[^\W_]+(?:[-/.][^\W_]+)*", clause)]
    return out


def _clauses(text: str) -> list[tuple[str, str]]:
    """(the separator before it, the clause) for each clause."""
    parts = re.split(r"([,;:!?()…]|\.(?!\d))", text)
    return [("", parts[0])] + [(parts[i], parts[i + 1]) for i in range(1, len(parts) - 1, 2)]


_UNIT_RE = re.compile(r"^\s*(?:(?:tỉnh|huyện|xã|phường|quận|thị xã|thị trấn|thành phố|tp\.?|thôn|làng|buôn|plei"
                      r"|tổ dân phố)\s+)?", re.I)


def _starts_with_place(clause: str) -> bool:
    """Whether a clause opens with a place's name, its unit perhaps before it ("Tu Mơ
    Rông", "xã Đăk Ui"), read as after "ở"."""
    starts = [[fold(w).lower() for w in re.findall(r"\w+", text)] for text in (_UNIT_RE.sub("", clause), clause)]
    cue = "ở " if has_diacritics(clause) else "o "  # (a village's key holds its unit: "lang kon klor")
    return bool(starts[0]) and any(key.split() == first[:len(key.split())] for first in starts
                                   for place in named_places(cue + clause.strip()) for key in place.keys)


def _place_words(topic: str) -> int:
    """How many words of a topic the places it names after "ở" take, with their units."""
    return sum(len(key.split()) + 1 for place in named_places(topic) for key in place.keys[:1])


def _span(words: list[str], start: int, end: int) -> range:
    """The word indices the characters start:end of " ".join(words) cover."""
    at, first, last = 0, None, None
    for i, w in enumerate(words):
        if first is None and at >= start:
            first = i
        if at < end:
            last = i
        at += len(w) + 1
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


# Words a question typed partly without accents shows that way ("Bài mới ve Đắk Lắk", "Tin mới 7 ngay qua").
_PLAIN_MARKERS = {"ve", "moi", "bai", "ngay", "tuan", "thang", "khong", "nao", "hom", "gan"}  # not "qua", "nay"


def parse_recent(text: str, today: dt.date) -> RecentAsk | None:
    """A what's-new question's topic and time window, or None for any other question.
    A question with accents is read with them; one typed partly without ("bai moi
    ve Đắk Lắk", "Bài mới ve Đắk Lắk") also folded, and the reading that finds a
    window or the shorter topic wins."""
    if _QUESTION_RE.search(fold(nfc(text)).lower()):
        return None
    if not has_diacritics(text):
        return _parse(text, today, accented=False)
    ask = _parse(text, today, accented=True)
    mixed = any(w in _PLAIN_MARKERS for w in re.findall(r"\w+", nfc(text).lower()))
    if ask is not None and not mixed:
        return ask
    plain = _parse(text, today, accented=False, typed_plain=True)
    if ask is None or plain is None:
        return ask or plain
    if (plain.since is not None, -len(plain.topic.split())) > (ask.since is not None, -len(ask.topic.split())):
        return plain
    return ask


def _parse(text: str, today: dt.date, accented: bool, typed_plain: bool = False) -> RecentAsk | None:
    words = _words(text, accented)
    keys = [w.key for w in words]
    joined = " ".join(keys)
    news = _NEWS_RE[accented].search(joined)
    if news:
        used = set(_span(keys, *news.span()))
    elif (newest := _NEWEST_RE[accented].search(joined)) is not None:
        used = set(_span(keys, *newest.span(1))) | set(_span(keys, *newest.span(2)))
    else:
        return None
    news_start = min(used)
    typed = " ".join(words[i].typed.lower() for i in sorted(used))
    if typed_plain and has_diacritics(typed) and not _NEWS_RE[True].search(typed):
        return None  # accented words that are not news ("Tin môi trường …"), read folded
    since = until = None
    window = ""
    found = find_window(joined, accented, today)
    if found is not None:
        since, until, window = found.since, found.until, found.label
        used |= set(_span(keys, found.start, found.end))
    leading, topic_leading, trailing = _FILLERS[accented]
    abouts = [i for i, k in enumerate(keys) if i not in used and k == ("về" if accented else "ve")]
    about = next((i for i in abouts if i > news_start), abouts[0] if abouts else None)
    if about is not None:  # "… về <topic> [tuần này] không?"
        end = next((i for i in range(about + 1, len(words)) if i in used or words[i].clause != words[about].clause),
                   len(words))
        topic = _trim(words[about + 1:end], topic_leading, trailing)
        most = MAX_ABOUT_WORDS
    else:  # the words outside the news and window phrases, fillers trimmed off each run
        runs: list[list[_Word]] = [[]]
        for i, w in enumerate(words):
            if i in used or (i and w.clause != words[i - 1].clause):
                runs.append([])
            if i not in used:
                runs[-1].append(w)
        topic = [w for run in runs for w in _trim(run, leading, trailing)]
        most = MAX_TOPIC_WORDS
    if len(topic) > most and len(topic) - _place_words(" ".join(w.typed for w in topic)) > most:
        return None  # (the words of places named do not count: "… ở xã Đăk Rơ Wa, thành phố Kon Tum")
    return RecentAsk(" ".join(w.typed for w in topic), since, window, until)


def parse_topic_window(arg: str, today: dt.date) -> RecentAsk:
    """What `/moi <arg>` asks for: a topic, a window, or both ("/moi tuần này", "/moi MTTQ tháng này")."""
    prefix = "bài mới " if has_diacritics(arg) else "bai moi "
    return parse_recent(prefix + arg, today) or RecentAsk(" ".join(arg.split()))


def text_day(a: ArticleInfo) -> dt.date | None:
    """For an undated article whose text's latest date is older than the day it was stored
    by more than STALE_AFTER_DAYS (a sample, an archive stored long after it was written):
    that date, which it counts by (as the store orders listings); else None."""
    if a.published or not a.ingested_at or a.mentioned_until is None:
        return None
    stored = parse_utc(a.ingested_at)
    return a.mentioned_until if a.mentioned_until < (stored - dt.timedelta(days=STALE_AFTER_DAYS)).date() else None


def article_day(a: ArticleInfo, tz: dt.tzinfo) -> dt.date | None:
    """The day an article counts from: published, else the date its text names
    (`text_day`), else the day (in `tz`) it was stored."""
    if a.published:
        return a.published
    if not a.ingested_at:
        return None
    return text_day(a) or parse_utc(a.ingested_at).astimezone(tz).date()


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
    elif ask.until:  # nothing up to the end of a past period; later articles were not looked at
        head = f"Chưa có bài nào{about}{when}."
        shown = []
    else:
        head = f"Kho dữ liệu chưa có bài nào{about}." if about else "Kho dữ liệu chưa có bài viết nào."
        shown = []
    lines = [render.article_line(i, a) for i, a in enumerate(shown, 1)]
    plain = [head] + [p for p, _ in lines] + ([follow] if follow else [])
    htm = [html.escape(head)] + [h for _, h in lines] + ([html.escape(follow)] if follow else [])
    return Reply(html="\n".join(htm), plain="\n".join(plain))
