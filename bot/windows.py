"""Time windows a question names (pure): "hôm nay", "tuần này", "7 ngày qua",
"tháng 10/2020", "quý trước", "năm 2024"… as the first and last day they cover.

Days are those of the caller's `today` (Vietnam time in the bot); a week starts
on Monday. A question typed without accents is matched by the folded patterns,
where "nam" is also "năm" (an accented "Việt Nam" is never a year).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from retrieval.normalize import fold


@dataclass(frozen=True)
class Found:
    since: dt.date  # the window's first day
    until: dt.date | None  # its last day for a past period ("năm 2024"); None: up to today
    label: str  # how a reply names it ("trong tuần này")
    start: int  # where its words are in the text searched
    end: int


_COUNTS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10}
_UNITS = {"ngày": 1, "tuần": 7, "tháng": 30, "năm": 365}
# Both readings look the matched words up folded ("ngay" or "ngày"; "nam" is then also "năm").
_FOLDED_COUNTS = {fold(w): n for w, n in _COUNTS.items()}
_FOLDED_UNITS = {fold(w): (w, days) for w, days in _UNITS.items()}


Window = tuple[dt.date, dt.date | None, str]  # since, until, label


def _last(m: re.Match, today: dt.date) -> Window | None:
    """ "7 ngày qua", "hai tuần gần đây", "3 tháng qua", "3 thang qua"."""
    count = m.group(1)
    n = int(count) if count.isdigit() else _FOLDED_COUNTS[fold(count)]
    unit, days = _FOLDED_UNITS[fold(m.group(2))]
    if not 0 < n < 100:
        return None
    return today - dt.timedelta(days=n * days - 1), None, f"trong {n} {unit} qua"


def _year(m: re.Match, today: dt.date) -> Window:
    year = int(m.group(1))
    if year == today.year:
        return dt.date(year, 1, 1), None, "trong năm nay"
    return dt.date(year, 1, 1), dt.date(year, 12, 31), f"trong năm {year}"


def _month(m: re.Match, today: dt.date) -> Window | None:
    """ "tháng 10 năm 2020", "tháng 10/2020", "tháng 10" (the latest October up to today)."""
    month = int(m.group(1))
    if not 1 <= month <= 12:
        return None
    if m.group(2):
        year = int(m.group(2))
    elif m.group(3):  # "năm nay" / "năm ngoái", "năm trước"
        year = today.year if fold(m.group(3)) == "nam nay" else today.year - 1
    else:
        year = today.year if month <= today.month else today.year - 1
    first = dt.date(year, month, 1)
    last = (first + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
    return first, (last if last < today else None), f"trong tháng {month}/{year}"


def _fixed(since: Callable[[dt.date], dt.date], label: str, until: Callable[[dt.date], dt.date] | None = None):
    return lambda m, today: (since(today), until(today) if until else None, label)


def _days_ago(days: int) -> Callable[[dt.date], dt.date]:
    return lambda today: today - dt.timedelta(days=days)


def _monday(today: dt.date) -> dt.date:
    return today - dt.timedelta(days=today.weekday())


def _quarter_start(day: dt.date) -> dt.date:
    return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)


def _last_month(today: dt.date) -> dt.date:
    return (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


# (accented pattern, its window from the match and today); the first that matches counts. A
# question typed without accents is matched by the folded patterns: "nam" is then also "năm".
_WINDOW_RULES: tuple[tuple[str, Callable[[re.Match, dt.date], Window | None]], ...] = (
    (rf"(?<!tháng )\b(\d{{1,2}}|{'|'.join(_COUNTS)}) ({'|'.join(_UNITS)}) (?:qua|vừa qua|gần đây|gần nhất|trước|nay)\b", _last),
    (r"\b(?:(?:mấy|vài|những) (?:hôm|ngày) (?:nay|qua|gần đây)|(?:các )?ngày (?:qua|gần đây)|dạo này"
     r"|tuần (?:vừa )?qua)\b", _fixed(_days_ago(6), "trong 7 ngày qua")),
    (r"\b(?:mấy|vài|những) tuần (?:nay|qua|gần đây)\b", _fixed(_days_ago(29), "trong 30 ngày qua")),
    (r"\b(?:(?:trong )?ngày )?(?:hôm|sáng|chiều|tối) nay\b", _fixed(_days_ago(0), "hôm nay")),
    (r"\b(?:hôm|tối|đêm) qua\b", _fixed(_days_ago(1), "từ hôm qua")),
    (r"\btuần này\b", _fixed(_monday, "trong tuần này")),
    (r"\btuần (?:trước|rồi)\b", _fixed(lambda today: _monday(today) - dt.timedelta(days=7), "trong tuần trước",
                               lambda today: _monday(today) - dt.timedelta(days=1))),
    (r"\b(?:tháng này|từ đầu tháng)\b", _fixed(lambda today: today.replace(day=1), "trong tháng này")),
    (r"\btháng (?:vừa )?qua\b", _fixed(_days_ago(29), "trong 30 ngày qua")),
    (r"\btháng (?:trước|rồi)\b", _fixed(_last_month, "trong tháng trước",
                                lambda today: today.replace(day=1) - dt.timedelta(days=1))),
    (r"\bquý này\b", _fixed(_quarter_start, "trong quý này")),
    (r"\bquý (?:trước|rồi)\b", _fixed(lambda today: _quarter_start(_quarter_start(today) - dt.timedelta(days=1)),
                                      "trong quý trước", lambda today: _quarter_start(today) - dt.timedelta(days=1))),
    (r"\btháng (\d{1,2})(?:(?:[/.-]| năm )((?:19|20)\d\d)| (năm nay|năm ngoái|năm trước))?\b(?![/.-]\d)", _month),
    (r"\b(?:năm nay|từ đầu năm)\b", _fixed(lambda today: today.replace(month=1, day=1), "trong năm nay")),
    (r"\bnăm (?:vừa )?qua\b", _fixed(_days_ago(364), "trong năm qua")),
    (r"\b(?:năm ngoái|năm trước|năm rồi)\b", _fixed(lambda today: dt.date(today.year - 1, 1, 1), "trong năm ngoái",
                                            lambda today: dt.date(today.year - 1, 12, 31))),
    (r"\bnăm ((?:19|20)\d\d)\b", _year),
)
_WINDOWS = {acc: tuple((re.compile(pattern if acc else fold(pattern)), read) for pattern, read in _WINDOW_RULES)
            for acc in (True, False)}




def find_window(text: str, accented: bool, today: dt.date) -> Found | None:
    """The first window named in `text` (lower case; folded unless `accented`)."""
    for pattern, read in _WINDOWS[accented]:
        m = pattern.search(text)
        if m and (window := read(m, today)) is not None:
            return Found(*window, m.start(), m.end())
    return None
