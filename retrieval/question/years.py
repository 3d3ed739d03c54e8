"""Questions asking which year ("Cổng chào được xây dựng từ năm nào?") and whether a sentence
writes one (pure). Read as typed: with accents in a question typed with some ("Phó Chủ tịch
tỉnh Quảng Nam nào …" asks no year), bare in one typed without ("nam nao gay ngo doc" is
"nấm nào").
"""

from __future__ import annotations

import re

from retrieval.normalize import fold, has_diacritics, nfc

_PARTICLES = r"(?:\s+(?:vay|a|nhi|ha|the|day))?"  # "… xây từ năm nào vậy?" (folded)
# "năm bao nhiêu", "năm mấy" ask a year ending the question ("Huyện được thành lập năm bao nhiêu?"); not
# "mỗi năm bao nhiêu tiền", "Mỗi năm bao nhiêu hộ thoát nghèo?" (a count a year)
_ENDING = r"(?:\s+(?:vậy|ạ|nhỉ|hả|thế|vay|a|nhi|ha|the))?\s*(?:[?.!,]|$)"
_NOT_EACH = r"(?<!mỗi )(?<!hằng )(?<!hàng )(?<!một )(?<!các )(?<!mấy )"
# "năm nào" asks a year; not "năm nào (xã …) cũng …", "năm nào mà chẳng …", "cũng như năm nào" (every
# year; "từ / vào / đến năm nào" never is: "Từ năm nào học sinh … cũng được miễn học phí?"), "có năm
# nào …" (is there a year), "năm nào đó". Typed bare, "nam nao" may be "nấm nào": read only after "từ",
# "vào", "trong", "đến", or ending the question; "nam bao nhieu" ending it (not "nam bao nhieu, nu …")
_YEAR_ASKED_RE = {
    True: re.compile(r"\b(?:từ|vào|đến|tới|trong)\s+năm n(?:ào|ao)\b(?!\s+(?:đó|mà)\b)"
                     # half accented: "xây dựng từ nam nào", "vao nam nao" (after a bound only: "Quảng Nam nào")
                     r"|\b(?:từ|vào|đến|tới|trong|tu|vao|den|toi)\s+(?-i:nam) n(?:ào|ao)\b(?!\s+(?:đó|mà|do|ma)\b)"
                     r"|(?<!\bcó )(?<!\bnhư )\bnăm n(?:ào|ao)\b(?!\s+(?:đó|mà)\b)(?![^?.,;!]*\bcũng\b)"
                     rf"|{_NOT_EACH}\bnăm (?:bao nhiêu|mấy){_ENDING}", re.I),
    False: re.compile(rf"(?<!\bco )(?:\b(?:tu|vao|trong|den)\s+nam nao\b(?!\s+(?:do|ma)\b)"
                      rf"|(?<!\bnhu )\bnam nao{_PARTICLES}\s*(?:[?.!]|$))|{fold(_NOT_EACH)}\bnam (?:bao nhieu|may)"
                      rf"{_ENDING.replace(',', '')}",
                      re.I),
}
_YEAR = r"(?:1[89]|20)\d\d(?!\d|[.,]\d|/[A-Za-zĐđ])"  # (not a code's: "Thông tư 01/2021/TT-BYT")
# A year as the press writes one: after "năm" ("năm học 2021 - 2022"), a day, a month or a quarter
# ("3/6/2013", "24.3.2021", "tháng 10/2017", "quý IV/2020"), a bound or a period ("từ 2016", "hồi 2018",
# "giai đoạn 2016 - 2020", "thập niên 1990"), bracketed ("(2019)"); a span ("2011 – 2015"); after a
# completion ("hoàn thành 2020", "khánh thành 2012"; not "hoàn thành 2020 căn nhà"); "năm ngoái",
# "năm trước", "năm nay", "năm qua". Not a count, a phone number, an event's name ("2000 hộ", "1800
# 2074", "ASEAN 2020"), nor years counted or compared with ("5 năm qua", "Những năm qua", "nhiều năm
# nay", "hai năm trước", "so với năm trước", "cùng kỳ năm trước"), nor "năm nay 70 tuổi".
_COUNTED = "".join(rf"(?<!\b{w} )" for w in ("những", "nhiều", "các", "mấy", "vài", "hai", "ba", "bốn", "năm", "sáu",
                                              "bảy", "tám", "chín", "mười", "mươi", "chục", "hàng", "với", "kỳ", "kì"))
# what a number after "hoàn thành" counts ("hoàn thành 2020 căn nhà" is no year)
_COUNTS = "|".join(("hộ", "người", "km", "m", "ha", "tấn", "căn", "ngôi", "chiếc", "con", "cái", "đồng", "triệu", "tỷ",
                    "nghìn", "ngàn", "công trình", "mô hình", "nhà", "lượt", "suất", "phần", "hồ sơ", "tiêu chí"))
_YEAR_RE = re.compile(
    rf"(?:\bnăm(?:\s+(?:học|tài chính))?\s+|\b(?:1[0-2]|0?[1-9])[/-]|\b\d{{1,2}}\.\d{{1,2}}\.|\bquý\s+[IV\d]{{1,3}}\s*[/-]\s*|\("
    rf"|\b(?:từ|đến|tới|cuối|đầu|giữa|sau|trước|vào|hồi|thập niên|giai đoạn|niên khóa|niên khoá)\s+)(?P<year>{_YEAR})"
    rf"|(?P<first>{_YEAR})\s*[-–]\s*{_YEAR}"
    rf"|\b(?:hoàn thành|khánh thành|khởi công|thành lập|xong|ra đời)\s+(?P<done>{_YEAR})(?!\s+(?:{_COUNTS})\b)"
    rf"|(?<!\d ){_COUNTED}\bnăm (?:ngoái|trước|qua)\b|(?<!\d ){_COUNTED}\bnăm nay\b(?!\s+\d)", re.I)
# "sinh" ending another word ("tuyển sinh năm 2020", "học sinh năm 2020" are no births)
_SINH_COMPOUNDS = frozenset(("tuyển", "học", "nữ", "nam", "thí", "sản", "phát", "tái", "vệ", "hồi", "giáo", "sinh",
                             "hy", "hi", "mưu", "ký", "cộng", "song", "lưu", "nghiên"))
# a person's year of birth ("sinh năm 1989", "(SN 1972)", "cùng sinh 1985", "năm sinh 1990", "sinh ngày
# 12/3/1970"), which tells when something happened only to a question asking one ("… sinh năm nào?")
_BIRTH_YEAR_RE = re.compile(rf"(?:(?P<before>\w+)\s+)?\bsinh(?:\s+năm|\s+(?:ngày\s+)?\d{{1,2}}[/.-]\d{{1,2}}[/.-])?\s*:?\s*"
                            rf"{_YEAR}|\b(?:SN|năm sinh)\s*:?\s*{_YEAR}", re.I)
_BIRTH_ASKED_RE = re.compile(r"(?:(\w+)\s+)?\bsinh (?:ra |vao )?(?:nam|tu nam)\b|\bnam sinh (?:nao|cua|la)\b")  # (folded)


def asks_year(question: str) -> bool:
    """Whether a question asks which year ("… từ năm nào?")."""
    text = nfc(question)
    accented = has_diacritics(text)
    return bool(_YEAR_ASKED_RE[accented].search(text if accented else fold(text).lower()))


def asks_birth_year(question: str) -> bool:
    """Whether a question asking a year asks one of birth ("Ông A sinh năm nào?", "năm sinh của …";
    not "Trường nhận học sinh từ năm nào?")."""
    compounds = {fold(w) for w in _SINH_COMPOUNDS}
    return any(m.group(1) not in compounds for m in _BIRTH_ASKED_RE.finditer(fold(question).lower()))


def _births(text: str) -> list[tuple[int, int]]:
    """Where a text writes a year of birth (spans)."""
    return [m.span() for m in _BIRTH_YEAR_RE.finditer(text)
            if not m.group("before") or m.group("before").lower() not in _SINH_COMPOUNDS]


def years_written(text: str, births: bool = False) -> list[str]:
    """The years a text writes (`_YEAR_RE`; "ngoái", "nay"… for a year told from the article's);
    years of birth only with `births` ("Anh Tư (sinh năm 1989) về quê lập trang trại" tells no year
    the farm was set up)."""
    text = nfc(text)
    out = []
    if births:
        out += [re.search(_YEAR, text[a:b]).group(0) for a, b in _births(text)]
    for a, b in reversed(_births(text)):
        text = text[:a] + " " * (b - a) + text[b:]
    for m in _YEAR_RE.finditer(text):
        out.append(m.group("year") or m.group("first") or m.group("done") or m.group(0).split()[-1])
    return out


def question_years(question: str) -> frozenset[str]:
    """The years a question names, which answer none of it: as `years_written` reads them, and any
    number a year could be, however typed ("nam 2019 xa khoi cong, den nam nao thi xong?")."""
    return frozenset(years_written(question)) | frozenset(re.findall(rf"\b{_YEAR}", question))


def states_year(sentence: str, births: bool = False, stated: frozenset[str] = frozenset()) -> bool:
    """Whether a sentence writes a year (`years_written`) other than the `stated` ones (the years the
    question writes: "Năm 2019 xã khởi công cầu, đến năm nào thì xong?" is not answered by 2019)."""
    return any(y not in stated for y in years_written(sentence, births))


# a year compared with ("tăng 20% so với năm 2021", "cùng kỳ năm 2021") tells what a sentence is about no more
# than the year it compares
_COMPARED_RE = re.compile(rf"\b(?:so với|cùng kỳ|cùng kì|hơn)\s+(?:(?:cùng kỳ|cùng kì)\s+)?(?:năm\s+)?{_YEAR}", re.I)


def of_other_years(sentence: str, years: frozenset[str]) -> bool:
    """Whether a sentence is about other years than the `years` a question names: it writes a year as
    a year (`years_written`; not one it compares with, not a birth), and none of them ("chủ đề
    công tác dân vận năm 2020 …" for "năm 2019 chủ đề dân vận là gì")."""
    if not years:
        return False
    told = {y for y in years_written(_COMPARED_RE.sub(" ", nfc(sentence))) if y.isdigit()}
    return bool(told) and not told & years
