"""Extract article metadata from scraped text lines (pure).

Dates: ``23/02/2024 15:24``, ``Thứ hai - 11/07/2022 09:32``, ``Ngày 19/8/2022``,
and ``Chiều 19/12`` whose year is taken from the text (or left empty).
Source URL only when the page names it (``Nguồn bài viết: http://…``).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import Counter
from urllib.parse import urlparse

log = logging.getLogger(__name__)

_WEEKDAY = r"(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|chủ\s*nhật|cn)"
DATE_LINE_RE = re.compile(
    rf"^(?:{_WEEKDAY}\s*[-,–]?\s*)?(?:ngày\s*)?(\d{{1,2}})\s*[/-]\s*(\d{{1,2}})\s*[/-]\s*(\d{{4}})"
    r"(?:\s*[-,|]?\s*(?:lúc\s*)?\d{1,2}\s*[:h]\s*\d{2}(?:\s*:\s*\d{2})?\s*(?:\(?GMT[+\d:]*\)?)?)?\s*$",
    re.IGNORECASE,
)
_LEAD_DATE_RE = re.compile(
    r"^(?:\(?[\w.-]+\.(?:vn|com|net|org)\)?\s*[-–—:]?\s*)?"
    r"(?:(?:sáng|chiều|tối|trưa|đêm|hôm)\s*(?:nay\s*)?(?:ngày\s*)?|ngày\s*)"
    r"(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?",
    re.IGNORECASE,
)
_SITE_PREFIX_RE = re.compile(r"^\(\s*((?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:vn|com|net|org))\s*\)\s*[-–—:]?\s*", re.I)
_DOMAIN_RE = re.compile(r"^(?:https?://)?(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:vn|com|net|org|gov|edu|info)(?:\.vn)?)/?$", re.I)
_SOURCE_LABEL_RE = re.compile(r"^(?:nguồn(?: bài viết| tin)?|source)\s*:\s*(\S*)\s*$", re.IGNORECASE)
_URL_RE = re.compile(r"^https?://\S+$")
_AUTHOR_LABEL_RE = re.compile(
    r"^(?:tác giả|bài(?:\s*(?:,|và)\s*ảnh)?|tin(?:\s*(?:,|và)\s*ảnh)?|bt|pv|ctv|nhóm pv|theo|người viết)\s*:\s*(.+)$",
    re.IGNORECASE,
)
_NAME_WORD_RE = re.compile(r"^[A-ZĐÀ-Ỹ][\wÀ-ỹ]*\.?$", re.UNICODE)
_YEAR_RE = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
_PLACE_RE = re.compile(
    r"(?:\b(?:tỉnh|huyện|xã|thị trấn|thị xã|thành phố|phường|quận|Tỉnh ủy|Huyện ủy|Thành ủy|TP\.?)\s+)"
    r"((?:[A-ZĐ][\wÀ-ỹ]*)(?:[ ]+[A-ZĐ][\wÀ-ỹ]*){0,3})",
    re.UNICODE,
)
_PLACE_STOP = {"Ban", "Đảng", "Ủy", "Uỷ", "Mặt", "Hội", "Thường", "Bí", "Chủ", "Phó", "Trưởng", "Việt"}


def parse_date_line(line: str) -> dt.datetime | None:
    """A line that is only a date (and maybe a weekday and a time)."""
    m = DATE_LINE_RE.match(line.strip())
    if not m:
        return None
    try:
        day = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None
    return dt.datetime.combine(day, dt.time())


def context_year(lead: str, text: str, month: int) -> int | None:
    """The year an undated ``19/12`` most likely belongs to, from the text.

    The lead sentence decides first: a December review of "năm 2019 ... năm
    2020" is 2019, a January one is 2020. Otherwise the most mentioned year of
    the text; None when it names no year or two years tie (better no date
    than a wrong one).
    """
    lead_years = sorted({int(y) for y in _YEAR_RE.findall(lead)})
    if lead_years:
        if len(lead_years) >= 2 and lead_years[1] == lead_years[0] + 1:
            return lead_years[1] if month <= 2 else lead_years[0]
        if len(lead_years) == 1:
            return lead_years[0]
    counts = Counter(int(y) for y in _YEAR_RE.findall(text))
    if not counts:
        return None
    ranked = counts.most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


def lead_date(line: str, full_text: str) -> tuple[dt.date | None, bool]:
    """Date at the start of a lead sentence; (date, year_was_inferred)."""
    m = _LEAD_DATE_RE.match(line.strip())
    if not m:
        return None, False
    day, month = int(m.group(1)), int(m.group(2))
    inferred = m.group(3) is None
    first_sentence = re.split(r"(?<=[.!?])\s", line.strip())[0]
    year = int(m.group(3)) if m.group(3) else context_year(first_sentence, full_text, month)
    if year is None:
        return None, False
    try:
        return dt.date(year, month, day), inferred
    except ValueError:
        return None, False


def site_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname or ""
    return host[4:] if host.startswith("www.") else (host or None)


def domain_of_line(line: str) -> str | None:
    m = _DOMAIN_RE.match(line.strip())
    return m.group(1).lower() if m else None


def split_site_prefix(line: str) -> tuple[str | None, str]:
    """``(kontumtv.vn) – Chiều 19/12, …`` -> (``kontumtv.vn``, ``Chiều 19/12, …``)."""
    m = _SITE_PREFIX_RE.match(line)
    if not m:
        return None, line
    return m.group(1).lower(), line[m.end():]


def take_source_url(lines: list[str]) -> tuple[str | None, list[str]]:
    """Remove a "Nguồn bài viết: URL" block; return the URL the page names."""
    out: list[str] = []
    url = None
    i = 0
    while i < len(lines):
        m = _SOURCE_LABEL_RE.match(lines[i])
        if m:
            candidate = m.group(1)
            j = i + 1
            if not candidate:
                while j < len(lines) and not lines[j]:
                    j += 1
                if j < len(lines) and _URL_RE.match(lines[j]):
                    candidate = lines[j]
                    j += 1
            if candidate and _URL_RE.match(candidate):
                url = url or candidate
                i = j
                continue
        out.append(lines[i])
        i += 1
    return url, out


def author_of(line: str) -> str | None:
    """Author named by a by-line: ``Tác giả: Quý Son``, ``BT: Nguyễn Thu – Hình: …``."""
    m = _AUTHOR_LABEL_RE.match(line.strip())
    if m:
        name = re.split(r"\s+[-–—]\s*(?:hình|ảnh|video|đồ họa)\s*:", m.group(1), flags=re.I)[0]
        return name.strip(" .") or None
    return None


def looks_like_name_line(line: str) -> bool:
    """A bare by-line such as ``Hữu Nam`` or ``Như Nguyệt – Văn Hiển``."""
    if not line or len(line) > 60 or line.endswith((".", ":", ";", "?", "!")):
        return False
    parts = [p for p in re.split(r"\s*[-–—,]\s*|\s+", line) if p]
    if not 2 <= len(parts) <= 8:
        return False
    return all(_NAME_WORD_RE.match(p) for p in parts)


def places_in(text: str) -> tuple[str, ...]:
    """Administrative place names mentioned in text, most frequent first."""
    counts: Counter[str] = Counter()
    for m in _PLACE_RE.finditer(text):
        words = m.group(1).split()
        kept = []
        for w in words:
            if w in _PLACE_STOP and kept:
                break
            kept.append(w)
        if kept and kept[0] not in _PLACE_STOP:
            counts[" ".join(kept)] += 1
    return tuple(name for name, _ in counts.most_common(8))


_ANY_DATE_RE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)(?![\d/])")


def latest_mentioned(text: str) -> dt.date | None:
    """The latest date (dd/mm/yyyy) a text mentions: an undated article was written
    that day or after ("Kế hoạch số 136-KH/HU, ngày 25/7/2023" -> 2023-07-25)."""
    best = None
    for m in _ANY_DATE_RE.finditer(text):
        try:
            day = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            continue
        best = day if best is None or day > best else best
    return best
