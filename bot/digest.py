"""Digests of new articles (pure): when a digest is due, what a subscription
command asks for, and the digest message itself.

Times are those of Vietnam (UTC+7, no daylight saving). A daily digest is due
every day at the configured hour, a weekly one on Mondays at that hour; the
period key names the day (``2026-11-25``) or the week (``W2026-11-23``, its
Monday), so a digest is sent once per period whatever restarts happen.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
from dataclasses import dataclass

from bot import render
from bot.clock import VN_TZ
from bot.types import Reply
from corpus.types import ArticleInfo, Subscription
from retrieval.normalize import abbreviation_variants, fold, has_diacritics, nfc, words
from retrieval.places import (PROVINCE_KEYS, VILLAGE_UNITS, district_of_form, named_places, province_of_key,
                              writes_district)

FREQUENCIES = ("daily", "weekly")
LABEL = {"daily": "hằng ngày", "weekly": "hằng tuần"}
MAX_TOPIC_CHARS = 100
MAX_LISTED = 10  # articles listed in one digest; the rest are counted
MAX_CHARS = 1800  # one message on every platform (Zalo's limit is 2,000), so a retry never repeats a part
MAX_PER_CHAT = 10  # subscriptions a chat may hold

# How a frequency may be typed at the start of /theodoi (folded, lower case).
# "ngày"/"tuần" alone only as the whole argument: "Ngày hội đại đoàn kết" is a topic.
_FREQ_RE = re.compile(r"^(?:(?:hang|moi) (ngay|tuan)\b|(daily|weekly)\b|(ngay|tuan)$)[\s,:;-]*")


@dataclass(frozen=True)
class Period:
    key: str  # "2026-11-25" (daily) or "W2026-11-23" (weekly, its Monday)
    start: dt.datetime  # when its digest becomes due (aware, UTC+7)


def current_period(now: dt.datetime, frequency: str, hour: int) -> Period:
    """The latest period whose digest time has come at `now` (an aware datetime)."""
    local = now.astimezone(VN_TZ)
    day = local.date()
    if local.hour < hour:
        day -= dt.timedelta(days=1)
    if frequency == "weekly":
        day -= dt.timedelta(days=day.weekday())  # back to Monday (its hour has passed: `day` is not after today's)
        key = f"W{day.isoformat()}"
    elif frequency == "daily":
        key = day.isoformat()
    else:
        raise ValueError(f"unknown digest frequency {frequency!r}; valid: {', '.join(FREQUENCIES)}")
    return Period(key, dt.datetime.combine(day, dt.time(hour), VN_TZ))


def due_period(sub: Subscription, now: dt.datetime, hour: int) -> Period | None:
    """The period whose digest this subscription should get now: the current one,
    unless the subscription started after it did (its first digest is the next one)."""
    period = current_period(now, sub.frequency, hour)
    return period if period.start >= sub.created_at else None


_OTHER_FREQ_RE = re.compile(r"^(?:hang|moi) (thang|quy|nam|gio|phut)\b")


def subscription_problem(arg: str) -> str | None:
    """Why `/theodoi <arg>` cannot be honoured (Vietnamese), or None."""
    if _OTHER_FREQ_RE.match(fold(" ".join(arg.split())).lower()):
        return "Bản tin chỉ có hằng ngày hoặc hằng tuần, ví dụ: /theodoi hằng tuần dân vận khéo"
    _, topic = parse_subscription(arg)
    if topic and not (topic_key(topic) and any(c.isalpha() for c in topic)):
        return "Chủ đề cần có chữ, ví dụ: /theodoi dân vận khéo hoặc /theodoi Kon Tum"
    return None


def parse_subscription(arg: str) -> tuple[str, str]:
    """``/theodoi [hằng ngày|hằng tuần] [chủ đề]`` → (frequency, topic). Daily by default."""
    text = nfc(" ".join(arg.split()))
    m = _FREQ_RE.match(fold(text).lower())
    if not m:
        return "daily", text[:MAX_TOPIC_CHARS].strip()
    word = m.group(1) or m.group(2) or m.group(3)
    frequency = "weekly" if word in ("tuan", "weekly") else "daily"
    return frequency, text[m.end():][:MAX_TOPIC_CHARS].strip()


def topic_key(topic: str) -> str:
    """A topic normalised: its words folded ("Kon Tum", "kon  tum", "Kon Tum." are one)."""
    return " ".join(fold(w) for w in words(topic))


def topic_forms(topic: str) -> list[str]:
    """The folded word sequences an article may write a topic as: as typed, and an
    abbreviation of the field in its other form (``MTTQ`` / ``Mặt trận Tổ quốc``);
    a province also as its districts after their unit (``Kon Tum``: ``huyen kon ray``,
    ``huyen uy tu mo rong``…), since a district's news seldom writes its province."""
    typed = topic_key(topic)
    if not typed:
        return []
    province = province_of_key(typed)
    return [typed, *(f for d in (province.within if province else ()) for f in d.folded_forms()),
            *abbreviation_variants(typed)]


# Before a place in a topic: a cue that it is where ("dân vận khéo ở Kon Rẫy"), then
# perhaps its unit; a province's unit stays with it ("thành phố Kon Tum" is the city,
# `topic_forms`). Without a cue a place is part of a name ("Báo Kon Tum", "Huyện ủy Kon
# Rẫy", "Ban Dân vận Tỉnh ủy Kon Tum") and the topic stays whole.
_CUES = {"o", "tai", "tren dia ban"}
_PROVINCE_UNIT = {"tinh", "thanh pho", "tp"}
_UNITS = {"huyen", "quan", "thi xa", "tx", "xa", "phuong", "thi tran"} | _PROVINCE_UNIT | VILLAGE_UNITS


def topic_split(topic: str, loose: bool = False) -> tuple[str, tuple[str, ...]]:
    """A topic's words (joined, for showing) and the places it names (`_read`)."""
    segments, groups = _read(topic, loose)
    return " ".join(segments), tuple(shown for group in groups for shown, _ in group)


def topic_as_read(topic: str, loose: bool = False) -> str:
    """The topic written as it is read: its words, then each place after "ở" ("dân vận
    khéo Kon Rẫy", loose -> "dân vận khéo ở Kon Rẫy"; alternatives joined by "và")."""
    segments, groups = _read(topic, loose)
    if len(segments) > 1:
        return topic  # words on both sides of a place: read so already ("… ở Kon Rẫy và cộng đồng")
    places = [" và ".join(shown for shown, _ in group) for group in groups]
    return " ".join([*segments, *(f"ở {p}" for p in places)])  # "ở Kon Rẫy và Tu Mơ Rông" alone too


# Between two places of a topic that are alternatives: "và / hoặc / hay", perhaps
# followed by the cue again ("ở Kon Rẫy và (ở) Đắk Hà").
_OR_WORDS = {("va",), ("hoac",), ("hay",)}
_AFTER_OR_RE = re.compile(r"(?:\s(?:và|hoặc|hay|va|hoac)\s+|,\s*)", re.I)
_COMMUNE_UNITS = {"xa", "phuong", "thi tran"}
_CITY_PROVINCES = {"ha noi", "ho chi minh", "tp hcm", "da nang", "hai phong", "can tho", "hue"}


def _rank(place, unit: str) -> int:
    """0 a village, 1 a commune, 2 a district or a city of a province, 3 a province."""
    if place.village or unit in VILLAGE_UNITS:
        return 0
    if unit in _COMMUNE_UNITS:
        return 1
    if PROVINCE_KEYS.intersection(place.keys) and (
            unit not in ("thanh pho", "tp") or _CITY_PROVINCES.intersection(place.keys)):
        return 3
    return 2


def _unit_before(folded: list[str], at: int) -> int:
    """How many words of a unit stand right before word `at` ("huyện", "thị trấn", "tổ dân phố")."""
    return next((n for n in (3, 2, 1) if n <= at and " ".join(folded[at - n:at]) in _UNITS), 0)


def _gap(between: list[str]) -> str | None:
    """How two places are joined by the words between them: "or" ("và", "hoặc ở"),
    "list" (nothing but a comma, which `words` drops), or None (other words)."""
    gap = tuple(between)
    for cue in ("tren dia ban", "o", "tai"):
        n = len(cue.split())
        if len(gap) > n and gap[-n:] == tuple(cue.split()):
            gap = gap[:-n]
            break
    return "or" if gap in _OR_WORDS else "list" if not gap else None


def _read(topic: str, loose: bool = False) -> tuple[list[str], list[list[tuple[str, str]]]]:
    """A topic read as `_read_as`; a topic made only of places joined by "và" or commas
    ("Kon Rẫy và Tu Mơ Rông") is read loosely even when asked strictly, so that it names
    them and not a phrase no article writes."""
    segments, groups = _read_as(topic, loose)
    if not loose and not groups and len(topic.split()) > 2:
        loose_segments, loose_groups = _read_as(topic, True)
        if not loose_segments and sum(len(g) for g in loose_groups) >= 2:
            return loose_segments, loose_groups
    return segments, groups


def _read_as(topic: str, loose: bool = False) -> tuple[list[str], list[list[tuple[str, str]]]]:
    """A topic's words apart from the places it names after "ở / tại / trên địa bàn"
    (`retrieval.places.named_places`), and those places, grouped: "dân vận khéo ở Kon
    Rẫy" -> ("dân vận khéo", [[("Kon Rẫy", …)]]), "… ở xã Ngọk Réo" -> (…, [[("xã Ngọk
    Réo", …)]]). Each place: (as shown, with its unit; as matched). Places after the cue
    joined by "và / hoặc / hay", or listed with commas, are one group, alternatives
    ("… ở Kon Rẫy và Đắk Hà"); but listed after a smaller one, a larger one only says
    where that is, as an address does ("ở xã Ngọk Réo, huyện Đắk Hà" is Ngọk Réo; "ở
    Kon Rẫy, Kon Tum" is Kon Rẫy). `loose`: a capitalised place name ending the topic,
    and those joined to it so, count without the cue too ("dân vận khéo Kon Rẫy", "Kon
    Rẫy và Tu Mơ Rông"; but also "Báo Kon Tum": for when the whole phrase is written
    nowhere). The words are cut where a place was taken out ("dân vận khéo ở Kon Rẫy và
    cộng đồng": "dân vận khéo" and "cộng đồng"), without a "và" left dangling."""
    typed = words(topic)
    folded = [fold(w) for w in typed]
    keep = [True] * len(typed)
    groups: list[list[tuple[str, str]]] = []
    text = nfc(topic)
    found = list(named_places(text))
    # after "và / hoặc / hay" or a comma, a place may follow one named after the cue:
    # read it as if after the cue too (a district is a place only so: "… và Đắk Hà")
    cue_word = "ở" if has_diacritics(topic) else "o"
    if (after_or := _AFTER_OR_RE.sub(rf"\g<0>{cue_word} ", text)) != text:
        found += [p for p in named_places(after_or) if p not in found]
    if loose:  # capitalised names ending the topic, or each part of it, read as if after "ở"
        for part in re.split(r"\s(?:và|hoặc|hay|va|hoac)\s|,", text, flags=re.I):
            caps = re.findall(r"\w+", part)
            found += [p for i in range(len(caps)) if caps[i][:1].isupper() and (i or part is not text)
                      for p in named_places("ở " + " ".join(caps[i:]))
                      if p.keys[0] == " ".join(fold(w).lower() for w in caps[i:]) and p not in found][:1]
    located = []  # (where its name starts, its length in words, the place), in the topic's order
    for place in found:
        for key in place.keys:
            want = key.split()
            at = next((i for i in range(len(folded) - len(want) + 1) if folded[i:i + len(want)] == want), None)
            if at is not None:
                located.append((at, len(want), place))
                break
    located.sort(key=lambda x: x[0])
    # loosely, a place ending the topic counts, and one joined to a place that counts
    chained: set[int] = set()
    if loose:
        end = len(typed)
        for at, size, _ in reversed(located):
            if at + size == end or (at + size < end and _gap(folded[at + size:end]) is not None):
                chained.add(at)
                end = at - _unit_before(folded, at)
            else:
                break
    last_end, last_rank = None, 0  # where the last place taken ends, and how large it is
    for at, size, place in located:
        if not all(keep[at:at + size]):
            continue
        start = at - _unit_before(folded, at)  # its unit, if any, goes with it
        unit = " ".join(folded[start:at])
        cue = next((n for n in (3, 1) if n <= start and " ".join(folded[start - n:start]) in _CUES), 0)
        joined = _gap(folded[last_end:start]) if last_end is not None and last_end <= start else None
        if not cue and not joined and at not in chained:
            continue  # part of a name: "Báo Kon Tum", "Huyện ủy Kon Rẫy"
        before = (start - last_end) if joined else cue
        keep[start - before:at + size] = [False] * (at + size - start + before)
        shown = f"{' '.join(typed[start:at])} {place.name}".strip()
        # matched: a province with its unit ("thành phố Kon Tum" is the city), any other
        # place by its name ("xã Ngọk Réo": an article may write "Ngọk Réo")
        entry = (shown, shown if unit in _PROVINCE_UNIT else place.name)
        rank = _rank(place, unit)
        if joined == "list" and 0 in (rank, last_rank) and rank != last_rank:
            groups.append([entry])  # a village and its commune or district, both: "thôn 3, xã Đắk Ui"
        elif joined == "list" and rank > last_rank:
            pass  # an address: "xã Ngọk Réo, huyện Đắk Hà" is where the commune is
        elif joined == "list" and rank < last_rank:
            groups[-1][-1] = entry  # an address from the top: "Kon Tum, huyện Đắk Hà" is Đắk Hà
        elif joined:
            groups[-1].append(entry)
        else:
            groups.append([entry])
        last_end, last_rank = at + size, (last_rank if joined == "list" and rank > max(last_rank, 1) else rank)
    segments: list[list[str]] = [[]]
    for w, f, k in zip(typed, folded, keep):
        if k:
            segments[-1].append((w, f))
        elif segments[-1]:
            segments.append([])
    out = []
    for seg in segments:
        while seg and (seg[0][1],) in _OR_WORDS:
            seg = seg[1:]
        while seg and (seg[-1][1],) in _OR_WORDS:
            seg = seg[:-1]
        if seg:
            out.append(" ".join(w for w, _ in seg))
    return out, groups


def topic_parts(topic: str, loose: bool = False) -> list[list[str]]:
    """The parts of a topic an article must all write, each as its `topic_forms`: its
    words and the places it names after "ở / tại" (`topic_split`), so that "dân vận
    khéo ở Kon Rẫy" is an article writing "dân vận khéo" and "Kon Rẫy", not the whole
    phrase; places named as alternatives ("ở Kon Rẫy và Đắk Hà") are one part, any of
    them; a topic naming no place so is one part."""
    return [list(forms) for forms in _topic_parts(topic, loose)]


@functools.lru_cache(maxsize=4096)  # a digest pass asks for every subscription's topic: many share one
def _topic_parts(topic: str, loose: bool) -> tuple[tuple[str, ...], ...]:
    segments, groups = _read(topic, loose)
    places = [tuple(dict.fromkeys(f for _, matched in group for f in topic_forms(matched))) for group in groups]
    return tuple(tuple(forms) for forms in (*(topic_forms(seg) for seg in segments), *places) if forms)


def article_words(title: str, text: str) -> str:
    """An article's folded words, space-delimited (what `written_in` searches)."""
    return " " + " ".join(fold(w) for w in words(f"{title}. {text}")) + " "


def article_tokens(title: str, text: str) -> list[str]:
    """An article's words with their accents, in order (what `writes_district` reads)."""
    return words(f"{title}. {text}")


def district_forms_in(forms: list[str], folded_words: str) -> bool:
    """Whether a form found in the article is a province's district (to be read again
    with accents: `written_in` with `tokens`)."""
    return any(district_of_form(f) is not None and f" {f} " in folded_words for f in forms[1:])


def written_in(forms: list[str], folded_words: str, tokens: list[str] | None = None) -> bool:
    """Whether one of a topic's forms occurs, as whole words, in `article_words`. A
    province's district counts only as `tokens` write it, with its own unit and accents
    ("huyện Tân Phú, Đồng Nai" is not Tân Phú Đông, "Huyền My, Tú Anh" not Mỹ Tú)."""
    for i, form in enumerate(forms):
        if f" {form} " in folded_words:
            district = district_of_form(form) if i else None
            if district is None or (tokens is not None and writes_district(tokens, district)):
                return True
    return False


def mentions(forms: list[str], title: str, text: str) -> bool:
    """Whether an article writes one of a topic's forms (whole words, any accents)."""
    return written_in(forms, article_words(title, text), article_tokens(title, text))


def topic_label(topic: str) -> str:
    return f"về «{topic}»" if topic else "(mọi bài mới)"


def digest_reply(sub: Subscription, period: Period, articles: list[ArticleInfo],
                 max_chars: int = MAX_CHARS) -> Reply:
    """The digest message: a heading, then the new articles, newest first, as many
    as fit in one message (at most MAX_LISTED); the rest are counted."""
    when = render.fmt_date(period.start.date())
    head = f"📰 Bản tin {LABEL[sub.frequency]} {when} {topic_label(sub.topic)}: {len(articles)} bài mới"
    tail = "Hỏi tôi về bất kỳ bài nào; gõ /huytheodoi để ngừng nhận bản tin."
    newest = sorted(articles, key=lambda a: (a.published or dt.date.min, a.id), reverse=True)
    plain, htm = [head], [html.escape(head)]
    budget = max_chars - len(head) - len(tail) - 60  # room for the "… và N bài khác" line
    for i, a in enumerate(newest[:MAX_LISTED], 1):
        line, line_html = render.article_line(i, a)
        if i > 1 and len(line) + 1 > budget:
            break
        budget -= len(line) + 1
        plain.append(line)
        htm.append(line_html)
    shown = len(plain) - 1
    if len(articles) > shown:
        more = f"… và {len(articles) - shown} bài khác (gõ /moi để xem)."
        plain.append(more)
        htm.append(html.escape(more))
    plain.append(tail)
    htm.append(html.escape(tail))
    return Reply(html="\n".join(htm), plain="\n".join(plain))
