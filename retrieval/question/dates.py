"""Questions asking a date ("Hội nghị diễn ra vào ngày nào?", "Bao giờ xã khởi công cầu?", "hom nao
…") and whether a sentence tells a time (pure). Read as typed: with accents in a question typed
with some, bare in one typed without. A year asked ("… từ năm nào?") is `years`'s."""

from __future__ import annotations

import re

from retrieval.normalize import fold, has_diacritics, nfc
from retrieval.question.years import years_written

# "… cũng" after them is every time ("ngày nào cũng", "Hầu như ngày nào, xã cũng …")
_EVERY = r"(?![^?.;!]*\bcũng\b)"
# Asking words (accented) that ask a date: "ngày / hôm / tháng nào", "ngày / tháng / mùng mấy", "ngày
# bao nhiêu", "bao giờ"; also half-accented ("vào ngay nào", "khởi công bao gio"). Not "có / chưa /
# đã / không bao giờ", "… (từng) bao giờ chưa?" (ever, never), "hơn bao giờ hết", "từ bao giờ" (also
# "since what age"); not "mỗi ngày mấy ca", "tháng mấy lần" (a count a day), "một ngày nào đó", "không
# ngày nào", "nếu hôm nào". Not "khi nào", "lúc nào", "thời điểm nào", "thời gian nào": on ViNewsQA dev
# these ask a condition as often ("Đau đầu xuất hiện khi nào?": "sau khi uống rượu bia"), an age ("từ
# khi nào": "16 tuổi"), a minute of a match or a time of day ("ban đêm"), and opening on a sentence
# writing a date answered 10 of 22 in the first sentence instead of 14
_NOT_EVER = r"(?<!\bcó )(?<!\bchưa )(?<!\bđã )(?<!\bkhông )(?<!\bchẳng )(?<!\bhơn )(?<!\bbất cứ )(?<!\btừ )"
_NOT_SOME = r"(?<!\bmỗi )(?<!\bmột )(?<!\bkhông )(?<!\bnếu )(?<!\bhằng )(?<!\bhàng )"
_ENDS = r"(?=\s*(?:(?:vậy|ạ|nhỉ|hả|thế|thì|và|là|nhé)\b|[?.,;!]|$))"  # "ngày mấy?", "tháng mấy thì …"
_ASKED = (rf"{_NOT_EVER}\bbao gi(?:ờ|o)\b(?!\s+hết)(?![^?]*\bchưa\s*\??\s*$)"
          rf"|{_NOT_SOME}\b(?:(?:ngày|hôm|tháng) n(?:ào|ao)|(?:ngay|hom|thang) nào)\b(?!\s+đó)"
          rf"|{_NOT_SOME}\b(?:(?:ngày|tháng|mùng|mồng) m(?:ấy|ay)|(?:ngay|thang|mung) mấy|ngày bao nhiêu){_ENDS}")
# typed bare: not "thang may" ("thang máy"), "thang nao" ("thằng nào"), "ngay may" before a word ("ngay máy")
_ASKED_BARE = (rf"{fold(_NOT_EVER)}\bbao gio\b(?!\s+het)(?![^?]*\bchua\s*\??\s*$)"
               rf"|{fold(_NOT_SOME)}\b(?:ngay|hom) nao\b(?!\s+do)|{fold(_NOT_SOME)}\b(?:ngay|mung) may{fold(_ENDS)}")
_ASKED_RE = {True: re.compile(rf"(?:{_ASKED}){_EVERY}", re.I),
             False: re.compile(rf"(?:{_ASKED_BARE}){fold(_EVERY)}", re.I)}
# the asking words of a date, taken out of a question before its count is read ("Từ tháng nào đến nay,
# xã ghi nhận bao nhiêu ca?" still counts cases; "ngày mấy?" counts nothing)
_DATE_WORDS_RE = re.compile(r"\b(?:ngày|ngay|hôm|hom|tháng|thang|mùng|mồng|mung) (?:n(?:ào|ao)|m(?:ấy|ay)|bao nhiêu)\b", re.I)

# A time as the press writes one: a day and a month after a word of time ("ngày 15/3", "sáng 15-3",
# "Chiều 15.3", "(15/3)", "từ 15/3"), or with its year ("15/3/2021"); "ngày 15 tháng 3", "ngày 15",
# "tháng 9", "tháng Một", a clock time ("14h30", "15g30", "lúc 9 giờ", "khoảng 22 giờ"), a weekday
# ("thứ Hai", "Chủ nhật"), a day told from the article's ("hôm qua", "chiều qua", "sáng nay", "tuần
# tới"); or a year (`years_written`). Not a share or a score ("2/3 đại biểu", "đạt 9/9 tiêu chí", "số
# 15/3 đường …", "lớp 12/5"), a range of a count ("từ 5-7 ngày"), a rate ("ngày 2 lần", "Mỗi tháng 2
# lần"), a count of days ("15 ngày", "3 tháng tới", "những năm tới"), "lần thứ hai"
_D = r"(?P<d{n}>[12]\d|3[01]|0?[1-9])"
_M = r"(?P<m{n}>1[0-2]|0?[1-9])"
_WHEN = r"(?i:ngày|sáng|chiều|tối|trưa|đêm|hôm|từ|đến|tới|trước|sau|đầu|cuối|qua|nay|dịp|vào|lúc|hạn|mùng|mồng|là)"
_PART_OF_DAY = r"(?i:ngày|sáng|chiều|tối|trưa|đêm|hôm)"
_NOT_COUNT_AFTER = r"(?!\s*(?:%|(?:ngày|tuần|tháng|năm|giờ|tiếng|phút|tỷ|tỉ|triệu|nghìn|người|ca|lần|km|m|kg|tấn|ha)\b))"
_NOT_EACH = r"(?<!\bmỗi )(?<!\bMỗi )(?<!\bhằng )(?<!\bhàng )(?<!\bmột )"
_RATE_AFTER = r"(?!\s*(?:lần|tiếng|giờ|buổi|bữa|ca|viên|chuyến|đêm|km|ngày|tháng)\b)"
_COUNTED = "".join(rf"(?<!\b{w} )" for w in ("những", "nhiều", "các", "mấy", "vài", "với", "trong", "sau"))
_TIME_RE = re.compile(
    rf"(?:\b{_WHEN}\s+|\(){_D.format(n=1)}\s*[/-]\s*{_M.format(n=1)}(?:\s*[/-]\s*(?:19|20)?\d\d)?(?![\d/]){_NOT_COUNT_AFTER}"
    rf"|\b{_PART_OF_DAY}\s+{_D.format(n=4)}\.{_M.format(n=4)}(?:\.(?:19|20)?\d\d)?(?![\d.]\d)"
    rf"|(?<![\d/.,-])\b{_D.format(n=2)}\s*/\s*{_M.format(n=2)}\s*/\s*(?:19|20)\d\d(?![\d/])"
    rf"|\b(?i:ngày|mùng|mồng)\s+{_D.format(n=3)}\s+(?i:tháng)\s+{_M.format(n=3)}\b"
    rf"|{_NOT_EACH}\b(?i:ngày|mùng|mồng)\s+(?:[12]\d|3[01]|0?[1-9])\b(?!\s*[/-]){_RATE_AFTER}"
    rf"|{_NOT_EACH}\b(?i:tháng)\s+(?:1[0-2]|0?[1-9])\b{_RATE_AFTER}"
    r"|\b(?i:tháng)\s+(?:Giêng|Chạp|Một|Hai|Ba|Tư|Năm|Sáu|Bảy|Tám|Chín|Mười)\b"
    r"|(?<!\btrong )(?<!\bmất )(?<!\bsuốt )\b(?:[01]?\d|2[0-3])[hg](?:[0-5]\d)?\b"
    r"|\b(?i:lúc|khoảng|vào)\s+(?:[01]?\d|2[0-3])(?:\s*giờ(?:\s*[0-5]?\d\b)?|h(?:[0-5]\d)?|:[0-5]\d)"
    r"|\b[Tt]hứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy)\b|\b[Cc]hủ\s+[Nn]hật\b"
    r"|\b(?i:hôm nay|hôm qua|hôm kia|ngày mai|sáng nay|trưa nay|chiều nay|tối nay|đêm nay|đêm qua|sáng qua|trưa qua"
    r"|chiều qua|tối qua|sáng mai|chiều mai|cuối tuần|đầu tuần)\b"
    rf"|(?<!\d ){_COUNTED}\b(?i:tuần|tháng|năm)\s+(?i:tới|sau|trước)\b")


def asks_time(question: str) -> bool:
    """Whether a question asks a date ("… diễn ra vào ngày nào?", "Bao giờ xã khởi công cầu?", "hom
    nao …"). (`asked.read_question` reads a year asked first.)"""
    text = nfc(question)
    accented = has_diacritics(text)
    return bool(_ASKED_RE[accented].search(text if accented else fold(text).lower()))


def without_date_asked(question: str) -> str:
    """A question with its asking words of a date taken out ("ngày mấy", "tháng nào"), to read what
    else it counts."""
    return _DATE_WORDS_RE.sub(" ", nfc(question)) if asks_time(question) else question


def times_written(text: str) -> list[str]:
    """The times a text writes (`_TIME_RE`, then its years): a day and a month as "15/3" however
    written ("ngày 15-03", "ngày 15 tháng 3"), the rest with spaces and case folded."""
    text = nfc(text)
    out = []
    for m in _TIME_RE.finditer(text):
        day = next((g for g in (m.group(f"d{n}") for n in range(1, 5)) if g), None)
        month = next((g for g in (m.group(f"m{n}") for n in range(1, 5)) if g), None)
        out.append(f"{int(day)}/{int(month)}" if day else re.sub(r"\s+", "", m.group(0)).lower())
    return out + years_written(text)


def states_time(sentence: str, stated: frozenset[str] = frozenset()) -> bool:
    """Whether a sentence writes a time (`times_written`) other than the `stated` ones (the times the
    question writes: "Sau ngày 15/3, đến ngày nào thì …?" is not answered by "sáng 15-3")."""
    return any(t not in stated for t in times_written(sentence))
