"""Compose an extractive answer: the sentences that answer, each with its [n] (pure).

Sentences of the top passages (only of articles that fit the year and place the
question names, when any does) are scored by the idf mass of the question's
folded syllables (and, at half weight, syllable bigrams) they contain (the words only the
context of a message of several sentences writes at a quarter). What the question asks decides
which sentence opens the answer: for "bao nhiêu <noun>" the one counting it ("25 mô hình"),
a length, a duration, "tầng mấy"; for "… là ai" one naming the office's holder; for "vì sao"
a sentence giving a cause is quoted too. The
best few are quoted, plus the sentence right after the best one (measured: the
answer often follows the clause that matches the question) and the one before a
quoted sentence that opens by pointing back ("Cách này …"): articles in rank
order, each one's sentences in the order they stand in the article.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache

from corpus.chunking import split_sentences
from corpus.docrefs import fits_query, parse_code_query
from retrieval.lexical import build_query
from retrieval.normalize import asked_part, cut_at_word, fold, has_diacritics, is_code, marks_last, nfc, words
from retrieval.people import trusted_people, writes_a_person, writes_any
from retrieval.places import PROVINCE_KEYS, named_places, province_by_key
from corpus.types import Passage
from retrieval.types import AS_OF_NOTE, AS_OF_UNDATED_NOTE, DATE_FORMAT, NO_FIGURE_NOTE, Answer, Citation, Hit, Sentence


GAP = "\n\n[…]\n\n"  # between passages that are not next to each other
MIN_SENTENCE = 15  # characters: shorter pieces (a credit, a stray heading) are never quoted


@dataclass(frozen=True)
class AnswerParams:
    max_passages: int = 4  # passages sentences are drawn from
    max_sentences: int = 4  # best-scoring sentences quoted...
    add_next: bool = True  # ...plus the one after the best
    # ...and the one before a quoted sentence that opens by pointing back to it
    # ("Cách này …", "Do đó …"): answer_hit +0.005 on ViNewsQA dev, no loss
    add_antecedent: bool = True
    max_chars: int = 700
    # A quoted sentence scores at least this share of the best. 0.4 rather than 0.2: on
    # ViNewsQA dev answer_hit 0.759 -> 0.755 (3 questions) for answers 13% shorter, and
    # a cadre's answer keeps off sentences that share only a word pair with the question.
    relative_floor: float = 0.4
    bigram_weight: float = 0.5
    # A passage of another article is drawn on only when its score is at least this share
    # of the first passage's: not a fruit article's "18 - 20" under Chỉ thị 18-CT/TU.
    # ViNewsQA dev answer_hit 0.771 -> 0.772 (0.736 -> 0.739 without accents) at 0.5;
    # the same at 0.3, 0.771 at 0.7, 0.758 at 0.9.
    min_score_share: float = 0.5
    # The answer opens on the best sentence of the first article drawn (the one ranked
    # first, cited [1]) unless another article's best sentence scores more than this many
    # times as high: a sentence's word overlap is weaker evidence than the article's rank
    # ("Alle mắc bệnh gì từ lúc bẩm sinh?" opened on another article's "dị tật bẩm sinh").
    # ViNewsQA dev, answer in source [1]: 0.710 -> 0.729 (0.699 -> 0.706 without accents),
    # in the first sentence 0.586 -> 0.596; answer_hit unchanged. Opening on it whatever
    # the scores measured the same within two questions; 2.0 keeps the opener an answer
    # that only another article gives.
    rival_factor: float = 2.0


def _folded_terms(text: str) -> tuple[set[str], set[str]]:
    toks = [fold(w) for w in words(text)]
    return set(toks), {a + "_" + b for a, b in zip(toks, toks[1:])}


def sentence_score(q_uni: set[str], q_bi: set[str], sentence: str, idf: Callable[[str], float],
                   bigram_weight: float) -> float:
    uni, bi = _folded_terms(sentence)
    return sum(idf(t) for t in q_uni & uni) + bigram_weight * sum(idf(t) for t in q_bi & bi)


COUNT_WEIGHT = 0.3  # of the question's idf mass (ViNewsQA dev answer_hit +0.001; cadre questions like it)
DATE_WEIGHT = 0.3  # of it, for a sentence naming the day a figure is asked of (ViNewsQA dev unchanged)
_DAY_RE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?!\d)")  # "30/4", "ngày 30/4/2021"


def named_days(text: str) -> set[tuple[int, int]]:
    """The days (day, month) a text writes as d/m ("tính đến 14h ngày 30/4")."""
    return {(int(d), int(m)) for d, m in _DAY_RE.findall(text) if 1 <= int(d) <= 31 and 1 <= int(m) <= 12}
# Of the question's idf mass, for a sentence naming someone when the question asks who
# (ViNewsQA dev and the cadre sets unchanged at 0, 0.3 and 0.6; on the samples
# "Trưởng Ban Dân vận Tỉnh ủy Kon Tum là ai?" quotes "… đồng chí Nguyễn Đức Tuy – …,
# Trưởng Ban Dân vận Tỉnh ủy …" second instead of third; at 0.3 a sentence on the
# office's meeting, sharing more of the question's words, still came first).
WHO_WEIGHT = 0.6
# "… là ai?", "Ai là …", "ai đã …" (not "những ai", "mọi ai": which people, not a name)
_WHO_RE = {True: re.compile(r"(?<!những )(?<!mọi )\bai\b", re.I),
           False: re.compile(r"\b(?:la ai|ai la|ai da|ai duoc)\b")}
# "… tên (là) gì" after an office ("Bí thư phường … tên là gì?") or a few words after a
# person ("hai đối tượng đó tên gì", "Ông ấy ten la gi"), not after a thing ("Mô hình dân
# vận khéo của xã tên là gì?"); over folded text, however much of it is accented
_NAME_ASKED_RE = re.compile(r"\bten (?:la )?gi\b")
_PERSON_WORDS = ("ông", "bà", "anh", "chị", "người", "đối tượng", "nạn nhân", "bệnh nhân", "tài xế", "cán bộ",
                 "đồng chí", "thí sinh", "tác giả")
_PERSON_RE = {True: re.compile(r"\b(?:" + "|".join(w for w in _PERSON_WORDS if w != "bà") + r")\b"
                              r"|\bbà\b(?! con)"),  # typed with accents ("bà con": folk, no one)
              # typed bare: not "chi" (chi bộ) nor "ba" (three)
              False: re.compile(r"\b(?:" + "|".join(fold(w) for w in _PERSON_WORDS if fold(w) not in ("chi", "ba")) + r")\b")}
_PERSON_BEFORE_NAME = 6  # words


# Offices a who-question may ask about ("Chủ tịch UBND tỉnh Kon Tum là ai?"), folded, longest first.
_OFFICES = sorted((fold(o) for o in (
    "phó chủ tịch", "chủ tịch", "phó bí thư", "bí thư", "phó trưởng ban", "trưởng ban", "phó giám đốc", "giám đốc",
    "phó trưởng phòng", "trưởng phòng", "chủ nhiệm", "phó chủ nhiệm", "hiệu trưởng", "chánh văn phòng",
    "trưởng thôn", "già làng", "trưởng khoa", "bộ trưởng", "thứ trưởng", "tổng bí thư", "thủ tướng",
    "trưởng khối vận", "phó trưởng khối vận", "trưởng khối dân vận")),
    key=lambda o: -len(o))
# Offices as a hurried cadre types them ("Phó CT UBND tỉnh", "PBT Huyện ủy"), folded
_OFFICE_ABBREVIATIONS = {"ct": "chu tich", "pct": "pho chu tich", "bt": "bi thu", "pbt": "pho bi thu",
                         "gd": "giam doc", "pgd": "pho giam doc"}
_OFFICE_RE = re.compile(r"\b(" + "|".join(_OFFICES) + r")\s+(\w+)")


def _office_words(folded: list[str]) -> str:
    """Folded words with the offices' short forms written out ("pbt" -> "pho bi thu")."""
    return " ".join(_OFFICE_ABBREVIATIONS.get(w, w) for w in folded)


@dataclass(frozen=True)
class Office:
    """An office a who-question asks about: its title's folded words ("chu tich") and
    the words after it in the question ("ubnd tinh kon tum")."""

    title: tuple[str, ...]
    after: tuple[str, ...]  # up to OFFICE_WORDS folded words after the title ("ubnd tinh kon tum la ai")
    provinces: tuple[str, ...] = ()  # the provinces the question names (`Place.name`): the office's
    # the folded names of the places below a province the question names ("thu duc"): the office's
    places: tuple[str, ...] = ()
    # the unit it is of, read as typed ("phuong"; None: none named), whether from a word typed bare
    # (it may then be a name's: "chu tich ubnd quan son"), and the words from the unit on, without the
    # people's committee (the same office however typed)
    unit: str | None = field(default=None, compare=False)
    unit_bare: bool = field(default=False, compare=False)
    from_unit: tuple[str, ...] = field(default=(), compare=False)


@lru_cache(maxsize=256)
def asked_office(question: str) -> Office | None:
    """For a who-question about an office ("Chủ tịch UBND tỉnh … là ai?", "Ai là Bí thư
    Huyện ủy …?"): the office; None for any other question. (Remembered: the answer and
    the engine's check of it both ask.)"""
    if not asks_who(question):
        return None
    folded = _office_words([fold(w) for w in words(question)])
    # not a body named after an office, "Ban" right before it as typed: "Ban Bí thư yêu cầu ai …"
    # (the Secretariat), "Ban Giám đốc"; "Chào bạn, Giám đốc Sở … là ai?" asks for one
    typed = nfc(question).lower()

    def a_body(m: re.Match) -> bool:
        first = m.group(1).split()[0]  # the office's first word, folded
        return any(_office_words([fold(t.group(1))]).split()[0] == first
                   for t in re.finditer(r"\bban\s+(\w+)", typed))  # "Ban GĐ", "Ban BT"

    m = next((m for m in _OFFICE_RE.finditer(folded) if not (folded[:m.start()].endswith("ban ") and a_body(m))), None)
    if not m:
        return None
    places = named_places(question)
    provinces = tuple(p.name for p in places if province_by_key(p.keys[0]) is not None)
    below = tuple(k for p in places if province_by_key(p.keys[0]) is None and not p.village for k in p.keys)
    # the words after the title as typed, one for each folded word ("pbt": "pbt", "", "")
    typed_words = [t for w in words(question) for t in [w.lower()] + [""] * (len(_office_words([fold(w)]).split()) - 1)]
    at = len(folded[:m.start(2)].split())
    after = folded[m.start(2):].split()[:OFFICE_WORDS]
    unit, bare, from_unit, _ = _office_unit(after, typed_words[at:at + OFFICE_WORDS], loose=True)
    return Office(tuple(m.group(1).split()), tuple(after), provinces, below, unit, bare, tuple(from_unit))


def _initials(ws: list[str]) -> str:
    return "".join(w[0] for w in ws if w)


def names_the_office(sentence: str, office: Office) -> bool:
    """Whether a sentence names someone and the office asked about: its title, or the
    title's initials ("PBT" for Phó Bí thư), then the word after it in the question, as
    written or abbreviated either way ("Chủ tịch Ủy ban nhân dân" for "Chủ tịch UBND",
    "Trưởng ban DV" for "Trưởng ban Dân vận", "UBMTTQVN" for "MTTQ"); not another
    office's holder ("Chủ tịch UBMTTQVN huyện" is no "Chủ tịch UBND tỉnh")."""
    if not writes_a_person(sentence, given=1):  # "Chủ tịch UBND TP Thủ Đức Hoàng Tùng"
        return False
    typed = [w.lower() for w in words(sentence)]
    ws = [fold(w) for w in typed]
    bare = ws == typed  # typed without accents: a unit may be too
    title = office.title
    for i in range(len(ws)):
        if i and ws[i - 1] == "pho" and title[0] != "pho":
            continue  # "Phó Bí thư" holds no "Bí thư"
        if ws[i:i + len(title)] == list(title):
            rest = ws[i + len(title):]
        elif ws[i] == _initials(list(title)):
            rest = ws[i + 1:]
        else:
            continue
        if not office.after or not rest:
            return True
        unit, _, from_unit, width = _office_unit(rest, typed[len(ws) - len(rest):], loose=bare)
        if office.unit is not None and unit is not None:
            # "Chủ tịch (UBND) phường …": the same unit, with the people's committee named or not;
            # a unit typed bare may be a name's first word ("chu tich ubnd quan son": huyện Quan Sơn)
            same = unit == office.unit or (office.unit_bare and from_unit[width:width + 2] == list(office.from_unit[:2]))
        else:
            first, nxt = office.after[0], rest[0]
            same = (nxt == first or _initials(rest[:len(first)]) == first  # UBND / Ủy ban nhân dân
                    or nxt == _initials(list(office.after[:len(nxt)]))  # DV / dân vận
                    or (len(first) > 2 and len(nxt) > 2 and (first in nxt or nxt in first)))  # MTTQ / UBMTTQVN
        if same and not _another_province(rest[:OFFICE_PLACE_WORDS], office.provinces, office.places):
            return True
    return False


OFFICE_PLACE_WORDS = 6  # "Bí thư Tỉnh ủy Cà Mau": the words after a title that may name its province
OFFICE_WORDS = 8  # the words after its title an office asked is read from ("ủy ban nhân dân tỉnh Kon Tum")
# "Chủ tịch UBND phường Mường Thanh" is the "Chủ tịch phường Mường Thanh": the people's committee
# may be named before a unit or not; a unit is read as typed ("Quan Sơn", "Tịnh Biên" are names)
_COMMITTEE = (["ubnd"], ["uy", "ban", "nhan", "dan"])
_UNIT_WORDS = {"tỉnh": "tinh", "huyện": "huyen", "quận": "quan", "xã": "xa", "phường": "phuong"}
_UNIT_PAIRS = {("thành", "phố"): "tp", ("thị", "xã"): "tx", ("thị", "trấn"): "tt"}
_UNIT_SHORT = {"tp", "tx", "tt"}


def _office_unit(folded: list[str], typed: list[str], loose: bool) -> tuple[str | None, bool, list[str], int]:
    """The unit an office's words name after the people's committee or without it ("ubnd phuong
    …": "phuong"), whether it was typed bare, the words from the unit on, without the committee,
    and how many of them the unit is; (None, False, those words, 0) for none. `typed`: the same words as typed, lower case ("" for a word
    an abbreviation became); a unit must be typed as the unit word, or, `loose`, bare ("Quan Sơn",
    "Tịnh Biên", "Thanh Xuân" in an article are names)."""
    at = next((len(c) for c in _COMMITTEE if folded[:len(c)] == c), 0)
    ws, ts = folded[at:], [*typed[at:], "", ""]

    def typed_as(i: int, word: str) -> tuple[bool, bool]:  # (is it, typed bare)
        if ts[i] == word or (not ts[i] and i < len(ws) and ws[i] == fold(word)):
            return True, False
        bare = loose and bool(ts[i]) and not has_diacritics(ts[i]) and ts[i] == fold(word)
        return bare, bare

    for (a, b), unit in _UNIT_PAIRS.items():
        (first, bare_a), (second, bare_b) = typed_as(0, a), typed_as(1, b)
        if len(ws) >= 2 and first and second:
            return unit, bare_a or bare_b, ws, 2
    if ws[:1] and ws[0] in _UNIT_SHORT:
        return ws[0], False, ws, 1
    for word, unit in _UNIT_WORDS.items():
        found, bare = typed_as(0, word)
        if ws[:1] and found:
            return unit, bare, ws, 1
    return None, False, ws, 0


def _another_province(following: list[str], asked: tuple[str, ...], below: tuple[str, ...] = ()) -> bool:
    """Whether the words after an office's title (folded) name a province and the
    question (`asked`: the provinces it names) names others only ("Bí thư Tỉnh ủy Cà
    Mau" for "Bí thư Tỉnh ủy Kon Tum"; "TPHCM" is "TP HCM"), or names a place below a
    province (`below`, folded) that they do not write ("Chủ tịch UBND TPHCM" is no
    "Chủ tịch UBND TP Thủ Đức")."""
    text = " " + " ".join(w.lower() for w in following) + " "
    written = {province_by_key(k).name for k in PROVINCE_KEYS if f" {k} " in text}
    if below and not any(f" {k} " in text for k in below):
        return bool(written)
    return bool(written and asked and not written.intersection(asked))


def _names_someone_asked(sentence: str, named: tuple[tuple[str, ...], ...], accented: bool) -> bool:
    """For a who-question: the sentence names the person asked about (`named`), or,
    when the question names no one, anyone."""
    return writes_any([sentence], named, accented) if named else writes_a_person(sentence)


def asks_who(question: str) -> bool:
    """Whether a question asks who someone is or did something, or a person's name."""
    accented = has_diacritics(question)
    text = nfc(question).lower() if accented else fold(question).lower()
    if _WHO_RE[accented].search(text):
        return True
    folded = fold(text)  # as long as `text` (NFC letters fold one to one)
    m = _NAME_ASKED_RE.search(folded)
    if not m:
        return False
    # an office before the words that ask ("Tân Bí thư tên là gì?"; the office's next word may be "tên")
    offices = _office_words(folded[:m.end()].split())
    if any(o.start(1) < len(offices) - len(m.group(0)) for o in _OFFICE_RE.finditer(offices)):
        return True
    near = " ".join(text[:m.start()].split()[-_PERSON_BEFORE_NAME:])
    return bool(_PERSON_RE[True].search(near) or _PERSON_RE[False].search(fold(near)))


# "bao nhiêu", "mấy" (with its accent only: without, "may" is also máy, a machine, or may,
# sewing), and "số lượng" / "tổng số" anywhere: what asks for a figure; before a noun, what
# asks to count it (`counted_noun`). A question that opens on "số / số lượng / tổng số
# <noun>" asks a count too ("Số mô hình dân vận khéo ở Kon Rẫy"), unless it asks "bao
# nhiêu" of another ("Số ca mắc tăng bao nhiêu phần trăm").
_HOW_MANY = ("bao nhiêu", "mấy")
_NUMBER_OF = ("số lượng", "tổng số")
_HOW_MANY_RE = {True: re.compile(r"\b(?:" + "|".join(_HOW_MANY) + r")\s+([^\W\d_]+)"),
                False: re.compile(r"\b" + fold(_HOW_MANY[0]) + r"\s+([^\W\d_]+)")}
# Typed bare, "so" is also sở, sổ, so sánh, so với: only "so luong" / "tong so" count;
# "Số điện thoại", "Số hóa", "Số kế hoạch" … name no count.
_NUMBER_OF_RE = {True: re.compile(r"^\W*(?:tổng\s+)?số(?:\s+lượng)?\s+"
                                  r"(?!(?:điện|hóa|hoá|hiệu|kế|tài|báo|liệu|phận|sánh|với)\b)([^\W\d_]+)"),
                 False: re.compile(r"^\W*(?:" + "|".join(fold(w).replace(" ", r"\s+") for w in _NUMBER_OF)
                                   + r")\s+([^\W\d_]+)")}


@dataclass(frozen=True)
class CountedNoun:
    """The noun a "bao nhiêu <noun>" question counts, and whether a sentence counts it:
    a number written before it ("25 mô hình", "1.200 hộ"), not a year ("Năm 2023, mô
    hình …"); with its accents when both are typed with them ("hộ" is not "hồ")."""

    accented: re.Pattern | None  # over `marks_last` text; None: the noun was typed without accents
    folded: re.Pattern

    def search(self, sentence: str) -> bool:
        if self.accented is not None and has_diacritics(sentence):
            return bool(self.accented.search(marks_last(sentence)))
        return bool(self.folded.search(fold(sentence).lower()))


# A unit asked and the ways the press writes it after a number ("dài bao nhiêu mét": "600m"),
# looked up as typed: with its accents ("căn" nhà is no "cân"), or bare when no other word folds
# to it ("can", "ki", "ky", "tan", "tang" do: căn, cần, kỳ, tan, tăng)
_UNITS = (("mét", "m"), ("km", "ki-lô-mét", "kilômét", "cây số"), ("ha", "héc-ta", "hecta", "héc"),
          ("kg", "ki-lô-gam", "kilôgam", "kí", "ký", "cân"), ("tấn",), ("tầng",), ("cm",), ("mm",))
_LENGTH_UNITS = tuple(u for g in _UNITS if g[0] in ("mét", "km", "cm", "mm") for u in g)
_LENGTHS = frozenset(fold(u) for u in _LENGTH_UNITS)
_UNIT_OF = {nfc(u): g for g in _UNITS for u in g}
_UNIT_OF_BARE = {fold(u): g for g in _UNITS for u in g if fold(u) not in {"can", "ki", "ky", "tan", "tang"}}
# Units of more than one word, read before the noun after "bao nhiêu" ("bao nhiêu ki-lô-mét", "cây số")
_LONG_UNIT_RE = re.compile(r"\b(?:bao nhieu|may) (?:(ki[\s-]*lo[\s-]*met|cay so)|(ki[\s-]*lo[\s-]*gam|ki[\s-]*lo))\b")
# A dimension asked ("cầu dài bao nhiêu", "nặng mấy kí"): a figure right after that word answers,
# in a unit; not the words that make it something else ("nâng cao", "mở rộng", "kéo dài"); typed
# bare, "sau bao nhiêu" is "after how many": not read.
_DIMENSIONS = ("dài", "rộng", "cao", "sâu", "nặng")
_NOT_DIMENSION = {"cao": ("nâng", "đề", "tăng"), "rộng": ("mở",), "dài": ("kéo",)}
# the units a dimension is given in, when no unit is asked ("Tòa nhà cao bao nhiêu?": "cao 36 m", not
# "năng suất cao 7 tấn/ha")
_DIMENSION_UNITS = {"dài": _LENGTH_UNITS, "rộng": _LENGTH_UNITS, "sâu": _LENGTH_UNITS, "cao": (*_LENGTH_UNITS, "tầng"),
                    "nặng": tuple(u for g in _UNITS if g[0] in ("kg", "tấn") for u in g) + ("tạ", "gam", "g")}


def _not_after(dimension: str, f: Callable[[str], str]) -> str:
    return "".join(rf"(?<!{f(w)} )" for w in _NOT_DIMENSION.get(dimension, ()))


_DIMENSION_RE = {True: re.compile("|".join(rf"{_not_after(d, nfc)}\b({d})\s+(?:khoảng\s+|là\s+)?(?:bao nhiêu|mấy)\b"
                                           for d in _DIMENSIONS)),
                 False: re.compile("|".join(rf"{_not_after(d, fold)}\b({fold(d)})\s+(?:khoang\s+|la\s+)?bao nhieu\b"
                                            for d in _DIMENSIONS if d != "sâu"))}
# "bao lâu": a number of hours, days… ("Sau khoảng 2 giờ, ngọn lửa được khống chế")
_DURATIONS = ("giờ", "tiếng", "phút", "giây", "ngày", "đêm", "tuần", "tháng", "năm")
_HOW_LONG_RE = re.compile(r"\bbao lau\b(?! nay\b)")  # ("bao lâu nay": for so long)
# "tầng mấy", "đơn vị bầu cử số mấy": the number after the noun ("tầng 5"); "mấy" with its accent
_WHICH_NUMBER_RE = re.compile(r"\b([^\W\d_]+)\s+(?:(?:số|thứ)\s+)?mấy\b")
_NOT_NUMBERED = frozenset("có là được của và trong ở tại thì mất còn hết cả những các làm".split())
# between a dimension and its figure: "dài khoảng 600m", "cao hơn 45 m", "nặng tới 1,8 kg"
_FILLERS = ("khoảng", "gần", "hơn", "trên", "là", "đạt", "tới", "lên tới", "chừng", "xấp xỉ", "chỉ", "đến", "gần như")


_NUMBER = r"(?<![\w.,])(?!(?:19|20)\d\d(?![\d.,]))\d+(?:[.,]\d+)*"  # not a year: "25", "1.200", "2,5"
_WORD_END = r"(?![\w\u0300-\u036f-])"  # (a tone mark left apart by `marks_last` is part of the word)


def _number_before(nouns: tuple[str, ...], f: Callable[[str], str]) -> str:
    """A number (not a year) before one of the nouns, `f`-ed ("2 giờ", "3 ngày")."""
    return rf"{_NUMBER}\s*(?:" + "|".join(f(n) for n in nouns) + rf"){_WORD_END}"


def _spellings(noun: str, f: Callable[[str], str]) -> list[str]:
    """The noun and, for a unit, its other spellings, through `f` (`marks_last` or `fold`)."""
    group = _UNIT_OF.get(nfc(noun).lower()) if has_diacritics(noun) else _UNIT_OF_BARE.get(noun.lower())
    return sorted({f(u) for u in (noun, *(group or ()))}, key=len, reverse=True)


def _count_pattern(noun: str | None, f: Callable[[str], str] = fold, dimension: str | None = None,
                   typed: str | None = None) -> re.Pattern:
    """A number (not a year) before the noun (`noun` already `f`-ed; `typed`: as typed, for its
    unit spellings), written apart or glued ("70ha"; not in a code: "12HA-3", "VN123"); a unit in
    any of its spellings ("600m" for "mét"); for a dimension asked, a figure right after its word
    ("dài khoảng 600m", not "rộng 14m", "kéo dài 3 tháng", "tăng cao 30%"), in a unit when no
    noun is asked; for "mấy giờ", an hour as the press writes it too ("15h", "15h30", "15g30",
    "7h-11h"; not "Quốc lộ 14H", "ĐT 8H", "82H-012.34"). Over lower-case text, `f`-ed.
    (A tone mark that cannot combine with a final consonant stays apart: "cổng" is no "công".)"""
    end = _WORD_END
    number = _NUMBER
    if dimension is not None:
        fillers = "|".join(f(w) for w in _FILLERS)
        # (glued to the word before too: a scraper's "cất cánhdài 1.500m")
        number = rf"{_not_after(dimension, f)}{f(dimension)}{end}\s*(?:(?:{fillers})\s+){{0,2}}{number}"
    if noun is None:  # (then a dimension is asked: `counted_noun`)
        units = "|".join(re.escape(f(u)) for u in sorted(_DIMENSION_UNITS[dimension], key=len, reverse=True))
        return re.compile(rf"{number}\s*(?:{units}){end}")
    at = r"(?:[01]?\d|2[0-3])(?:h(?:[0-5]\d)?|g[0-5]\d)"  # "15h", "15h30", "15g30" (not "5g" of grams, "5G")
    hour = (rf"|(?<![\w.,/-])(?<!lo )(?<!lộ )(?<!ql )(?<!dt )(?<!đt ){at}(?:\s*[-–]\s*{at})?{end}"  # "7h-11h"
            if noun in ("gio", marks_last("giờ")) else "")  # (not "gió", wind)
    units = "|".join(re.escape(u) for u in _spellings(typed or noun, f))
    return re.compile(rf"{number}\s*(?:{units}){end}{hour}")


# Words after "bao nhiêu" that are no noun counted ("tặng quà trị giá bao nhiêu cho …"), as
# typed with accents ("chợ", "chỗ", "ổ dịch" are nouns) and, for a question typed bare, folded
_NOT_COUNTED = frozenset("cho của và để là thì trong ở tại với được khi vào từ đến trên so như mà".split())
_NOT_COUNTED_BARE = frozenset(fold(w) for w in _NOT_COUNTED) - {"o", "so"}  # "ô tô", "sổ đỏ" typed bare
# A question asking an amount of money ("trị giá bao nhiêu", "bao nhiêu tiền", "kinh phí … bao
# nhiêu", "giá vé bao nhiêu"), folded; not "tham gia bao nhiêu buổi", "bao nhiêu đồng chí"
# what "đồng" is no currency before ("12 đồng chí", "50 đồng đội")
_NOT_MONEY_AFTER_DONG = ("chí", "bào", "đội", "nghiệp", "hương", "môn", "thời", "loạt", "ý", "tình", "hành", "bằng")
_NOT_MONEY_AFTER_DONG_FOLDED = "|".join(fold(w) for w in _NOT_MONEY_AFTER_DONG)
_ASKS_MONEY_RE = re.compile(r"\b(?:bao nhieu tien|tri gia|kinh phi|chi phi|von dau tu|tong von|so tien"
                            r"|gia tri(?: \w+){0,3} (?:la |dat )?bao nhieu"
                            r"|(?<!tham )(?<!quoc )(?<!gia )(?<!chuyen )(?<!danh )(?<!dai )gia "
                            r"(?!(?:dinh|tang|han|nhap|tri|su|lai|hoa|nhan|giam|dao|toc|cong|co|thap)\b)"
                            r"(?:[\w-]+ ){0,6}(?:la |o muc |dat )?bao nhieu"
                            rf"|bao nhieu (?:dong(?! (?:{_NOT_MONEY_AFTER_DONG_FOLDED})\b)|ty|trieu))\b")
_MONEY_NOUNS = frozenset({"tien", "dong", "ty", "ti", "trieu", "usd"})  # "bao nhiêu <these>" asks a sum


def _money_pattern(accented: bool) -> re.Pattern:
    """A sum: a number (not a year), a multiplier maybe, and a currency ("gần 3 tỷ đồng",
    "500 USD"); or a number of tỷ ("9,8 tỷ"). Not "12 đồng chí", "3 nghìn người"."""
    f = marks_last if accented else fold
    multiplier = "|".join(f(w) for w in ("nghìn", "ngàn", "triệu", "tỷ", "tỉ"))
    currency = "|".join(f(w) for w in ("đồng", "usd", "đô la", "euro", "yên"))
    not_money = "|".join(f(w) for w in _NOT_MONEY_AFTER_DONG)
    number = r"(?<![\d.,])\d+(?:[.,]\d+)*\s*"
    year = r"(?!(?:19|20)\d\d\b)"  # "Năm 2023 đồng chí …" (a year before a bare currency word only)
    end = r"(?![\w\u0300-\u036f])"
    return re.compile(rf"{number}(?:{multiplier})\s+(?:{currency}){end}"  # "2000 tỷ đồng", "40 triệu đồng"
                      rf"|{number}(?:{f('tỷ')}|{f('tỉ')}){end}"  # "9,8 tỷ" (not "3 nghìn người")
                      rf"|{year}{number}(?:{currency}){end}(?!\s+(?:{not_money}){end})")


_MONEY = CountedNoun(_money_pattern(True), _money_pattern(False))


def counted_noun(question: str) -> CountedNoun | None:
    """For "bao nhiêu <noun>" / "mấy <noun>", what counts it (`CountedNoun`); for an amount
    of money asked (and no other noun counted), a sum. Read in what a message of several
    sentences asks (`asked_part`): a count in its context is none."""
    question = asked_part(question) or question
    accented = has_diacritics(question)
    text = nfc(question).lower() if accented else fold(question).lower()
    m = _HOW_MANY_RE[accented].search(text) or _NUMBER_OF_RE[accented].search(text)
    noun = m.group(1) if m and m.group(1) not in (_NOT_COUNTED if accented else _NOT_COUNTED_BARE) else None
    if noun is None and not accented and re.search(r"\bmay gio\b", text):
        noun = "gio"  # "xay ra luc may gio": typed bare, "máy giờ" is no phrase
    # ("bao nhiêu đồng chí" counts comrades: the money words are read in `_ASKS_MONEY_RE`)
    money_noun = noun is not None and fold(noun) in _MONEY_NOUNS and not re.search(
        rf"\bdong (?:{_NOT_MONEY_AFTER_DONG_FOLDED})\b", fold(text))
    if (noun is None or money_noun) and asks_a_figure(question) and _ASKS_MONEY_RE.search(fold(text)):
        return _MONEY
    if (long := _LONG_UNIT_RE.search(fold(text))) is not None:  # "bao nhiêu ki-lô-mét", "cây số"
        noun = "km" if long.group(1) else "kg"
    dim = _DIMENSION_RE[accented].search(text)
    dimension = next((d for d in _DIMENSIONS if dim and any(g and fold(g) == fold(d) for g in dim.groups())), None)
    if noun is not None and not set(_spellings(noun, fold)) & _LENGTHS:
        dimension = None  # only lengths tell "dài" from "rộng"; "cao bao nhiêu tầng" counts floors
    if noun is None and dimension is None:
        if _HOW_LONG_RE.search(fold(text)):  # "sau bao lâu mới khống chế được"
            return CountedNoun(re.compile(_number_before(_DURATIONS, marks_last)), re.compile(_number_before(_DURATIONS, fold)))
        which = _WHICH_NUMBER_RE.search(text) if accented else None
        if which is not None and which.group(1) not in _NOT_NUMBERED:  # "cháy ở tầng mấy": "tầng 5"
            after = r"(?<![\w\u0300-\u036f]){}\s+(?:(?:{}|{})\s+)?\d+(?:/[\w-]+)*(?![\d/])"
            return CountedNoun(re.compile(after.format(marks_last(which.group(1)), marks_last("số"), marks_last("thứ"))),
                               re.compile(after.format(fold(which.group(1)), "so", "thu")))
        return None
    return CountedNoun(_count_pattern(marks_last(noun) if noun else None, marks_last, dimension, noun)
                       if noun is None or has_diacritics(noun) else None,
                       _count_pattern(fold(noun) if noun else None, fold, dimension, noun))


# folded, however it is typed ("mấy" only with its accent)
_ASKS_FIGURE_RE = (re.compile(r"\b(?:" + "|".join(fold(w) for w in (_HOW_MANY[0], *_NUMBER_OF)) + r")\b"),
                   re.compile(r"\b" + _HOW_MANY[1] + r"\b"))
# A figure: digits, or a number written out ("hai mươi", "hàng trăm", "một nửa")
_FIGURE_RE = re.compile(r"\d|\b(?:hai|ba|bốn|tư|năm|sáu|bảy|tám|chín|mười|mươi|trăm|nghìn|ngàn|triệu|tỷ|tỉ|chục"
                        r"|nửa|một|gấp)\b", re.I)
# A figure of these words alone is no answer ("năm" is mostly the year, "một" an article)
_FIGURE_ONLY_WORDS = {"năm", "một", "tư"}


def asks_a_figure(question: str) -> bool:
    """Whether a question asks how many or how much ("bao nhiêu", "mấy", "số lượng"), in what a
    message of several sentences asks (`asked_part`), as `counted_noun` reads it."""
    question = asked_part(question) or question
    folded, few = _ASKS_FIGURE_RE
    return bool(folded.search(fold(question).lower()) or few.search(nfc(question).lower()))


# Digits that are no figure: dates ("Chiều 22/2", "ngày 5 tháng 3", "năm 2023"), document codes
_NOT_FIGURES_RE = re.compile(
    r"\d{1,2}/\d{1,2}/\d{2,4}|(?:\b(?:ngày|sáng|chiều|tối|trưa|đêm|hôm|từ|đến|tới|trước|sau|niệm|qua|nay)\s+|\()"
    r"\d{1,2}/\d{1,2}(?:/\d{2,4})?\b"  # "Chiều 22/2", "Kỷ niệm 2/9", "Chiều nay (1/5)"
    r"|\d{1,4}/(?:19|20)\d\d\b|(?-i:\d+[-/][A-ZĐ]{1,5})\b|\b[A-Za-z]+-\d+\b"  # 6/2022, 100/2019, 18-CT, COVID-19
    r"|\b(?:ngày|tháng|năm|quý|khóa|khoá|lần thứ)\s+\d+(?:/\d+)*", re.I)


def states_a_figure(sentence: str) -> bool:
    """Whether a sentence gives a figure: digits (not of a date, a year or a document
    code) or a number written out."""
    text = _NOT_FIGURES_RE.sub(" ", nfc(sentence))
    return any(m.group(0).isdigit() or m.group(0).lower() not in _FIGURE_ONLY_WORDS
               for m in _FIGURE_RE.finditer(text))


def _names_code(sentence: str, codes: list[tuple[int, str | None, str | None]]) -> bool:
    """Whether a sentence names one of the (loosely typed) document codes."""
    for token in words(sentence):
        if is_code(token):
            if any(fits_query(c, codes) for c in parse_code_query(token)):
                return True
    return False


NEAR_DUPLICATE = 0.8  # share of the shorter sentence's words found in the other
_NEGATIONS = {"không", "chưa", "chẳng", "chả", "đã", "khong", "chua", "chang", "da"}


def repeats(a: str, b: str, near: bool = False) -> bool:
    """Whether one sentence repeats the other: one holds the other (a caption run into
    the next line); with `near` (sentences of two articles: a syndicated copy), also
    when nearly all the shorter one's words are in the longer and the two differ in
    no figure, no negation and no name each has of its own ("xã Đắk Ruồng đạt chuẩn…"
    is no repeat of "xã Tân Lập đạt chuẩn…") (pure)."""
    na, nb = (" ".join(t.lower().split()).rstrip(" .!?…;:,") for t in (a, b))
    ga, gb = na.replace(" ", ""), nb.replace(" ", "")  # the same with a scraper's glued words ("xâm nhậptrái")
    if ga in gb or gb in ga:
        return True
    if not near:
        return False
    wa, wb = Counter(words(na)), Counter(words(nb))
    only_a, only_b = set(wa) - set(wb), set(wb) - set(wa)
    if any(w[0].isdigit() or w in _NEGATIONS for w in only_a | only_b):  # another figure, or its opposite
        return False
    plain_a, plain_b = (set(re.findall(r"\w+", n)) for n in (na, nb))  # as _names splits ("25-NQ/TW")
    if _names(a) - plain_b and _names(b) - plain_a:  # the same words about another place or person
        return False
    shorter, longer = (wa, wb) if sum(wa.values()) <= sum(wb.values()) else (wb, wa)
    size = sum(shorter.values())
    return size >= 6 and sum((shorter & longer).values()) >= NEAR_DUPLICATE * size


def _names(sentence: str) -> set[str]:
    """Capitalised words past the first, lower-cased."""
    return {w.lower() for w in re.findall(r"\w+", sentence)[1:] if w[:1].isupper()}


def _sentence_after(last: str, following: str) -> str:
    """The sentence after `last` in the passage that follows its own: after it where that
    passage holds it too (chunks share their boundary sentence; `last` may itself have been
    taken from that passage), else its first (a long sentence continued)."""
    nxt = split_sentences(following)
    at = nxt.index(last) + 1 if last in nxt else 0
    return nxt[at] if at < len(nxt) else ""


# How a sentence opens when it leans on the one before ("Cách này giúp …", "Do đó, …").
# Only these: any "<one or two words> này/đó" gained half as much on ViNewsQA dev.
_REFERS_BACK_RE = re.compile(
    r"^\W*(?:(?:cách|điều|việc|tình trạng|hiện tượng|phương pháp|biện pháp) này|nhờ đó|nhờ vậy|do đó|vì vậy"
    r"|vì thế|bởi vậy|theo đó|từ đó|điều đó|đây là|đó là)\b", re.I)


LONG_SENTENCE = 300  # characters: a sentence this long may be quoted in part (`clauses_around`)
_CLAUSE_END_RE = re.compile(r"(?<=[,;:])\s+")


def clauses_around(sentence: str, q_uni: set[str], q_bi: set[str], idf: Callable[[str], float],
                   params: AnswerParams, limit: int) -> str:
    """A long sentence cut to at most `limit` characters at clause breaks: the clause holding
    most of the question's words and those next to it, "…" where it was cut (pure)."""
    clauses = _CLAUSE_END_RE.split(sentence)
    if len(clauses) < 2:
        return sentence
    scores = [sentence_score(q_uni, q_bi, c, idf, params.bigram_weight) for c in clauses]
    lo = hi = max(range(len(clauses)), key=lambda i: (scores[i], -i))
    size = len(clauses[lo]) + 4  # and the "… " and " …" that may mark the cuts
    while True:  # grow towards the neighbour holding more of the question, the next one on a tie
        options = [i for i in (hi + 1, lo - 1) if 0 <= i < len(clauses) and size + 1 + len(clauses[i]) <= limit]
        if not options:
            break
        i = max(options, key=lambda j: (scores[j], j))
        lo, hi = min(lo, i), max(hi, i)
        size += 1 + len(clauses[i])
    part = " ".join(clauses[lo:hi + 1])
    if hi < len(clauses) - 1:
        part = part.rstrip(",;: ") + " …"
    return ("… " + part) if lo > 0 else part


def _may_answer(sentence: str) -> bool:
    """Whether a sentence may be quoted as an answer: not a question ("Hà Nội đang có
    bao nhiêu quận?", a subheading), unless it quotes someone ("… hỏi: "…?""). """
    return not re.search(r"\?\W*$", sentence) or bool(re.search(r"[\"“”]", sentence))


def refers_back(sentence: str) -> bool:
    """Whether a sentence opens by pointing back to the sentence before it (pure)."""
    return bool(_REFERS_BACK_RE.match(nfc(sentence)))


def drawn_from(hits: list[Hit], params: AnswerParams | None = None) -> list[int]:
    """The ranks of the hits an answer quotes from: the top passages, only of articles
    that fit the year and place the question names when any does, and of other articles
    than the first only when they score near it (`AnswerParams.min_score_share`)."""
    p = params or AnswerParams()
    ranks = [r for r, h in enumerate(hits) if h.fits] or list(range(len(hits)))
    if ranks and p.min_score_share > 0:
        top = hits[ranks[0]]
        ranks = [r for r in ranks if hits[r].article_id == top.article_id
                 or hits[r].score >= p.min_score_share * top.score]
    return ranks[: p.max_passages]


# "Vì sao …", "Nguyên nhân … là gì?", typed with accents or without ("Ai đỗ đầu" is no "do đâu")
_WHY = tuple(tuple(w.split()) for w in ("vì sao", "tại sao", "nguyên nhân", "lý do", "lí do", "do đâu", "vì đâu"))
# A sentence giving a cause: "nguyên nhân là …", "do mưa lớn", "do thiếu vốn đầu tư", "do người dân
# chưa nắm rõ" (not "do đó", "do vậy": therefore; nor "tự do", "do dự" but "do dự án treo"; nor an
# agent, one of these words then, in the clause, what agents do: "do xã tổ chức", "do ông A phụ
# trách", "do ông bà để lại"; nor a capitalised name: "do Viện … khảo sát"; but a sentence opening
# "Do …," gives one: "Do Ủy ban nhân dân xã chậm bàn giao mặt bằng, …"), "vì …"
# (not "vì vậy"), "bởi …" (not "bởi vậy"), "khiến", "dẫn đến", "làm cho", "nên mới"
_AGENTS = ("xã(?! hội)", "huyện", "tỉnh", "thành phố", "phường", "quận", "sở", "bộ(?! phận| máy)", "ban",
           "hội(?! chứng)", "công ty", "đơn vị", "nhà trường", "đoàn", "lực lượng", "cơ quan", "chính quyền",
           "ủy ban", "nhóm", "gia đình", "các", "tổ(?! chức)", "người dân", "ông", "bà", "anh", "chị", "bác", "cô",
           "chú", "em")
# what agents do ("kiểm tra", "xử lý" only ending the clause: "do cơ quan kiểm tra lỏng lẻo" is a cause)
_AGENT_VERBS = ("tổ chức", "chủ trì", "thực hiện", "phụ trách", "ban hành", "bình chọn", "đầu tư", "quản lý",
                "điều hành", "trao", "tài trợ", "khảo sát", "thi công", "phát động", "cấp", "dẫn đầu", "làm trưởng",
                "chủ trương", "đề xuất", "xây dựng", "biên soạn", "đảm nhận", "đảm nhiệm", "sáng lập", "cử", "ký",
                "tiếp nhận", "đóng góp", "làm chủ", "để lại", "sở hữu", "chăm sóc",
                "kiểm tra(?=[,.;]|$| xử lý)", "xử lý(?=[,.;]|$)")
_AGENTS_ALT, _AGENT_VERBS_ALT = "|".join(_AGENTS), "|".join(_AGENT_VERBS)
# an agent and what it does in the same clause ("do xã tổ chức"; not "do các giếng khoan bị khô, xã đã đầu tư")
_AGENT_RE = rf"(?i:(?:{_AGENTS_ALT})\b[^.,;:]{{0,40}}?\b(?:{_AGENT_VERBS_ALT})\b)"
# ... or named with an apposition at a sentence's start ("Do ông A, Chủ tịch xã, ký.")
_AGENT_NAMED_RE = rf"(?i:(?:{_AGENTS_ALT})\b[^,.;]{{0,40}},\s*[^,.;]{{0,60}},\s*(?:{_AGENT_VERBS_ALT})\b)"
_UPPER = "".join(sorted({c for c in map(chr, range(0x41, 0x1EFA)) if c.isupper()}))  # capitals, Vietnamese ones too (Đ, Ấ, Ủ)
_THEREFORE = r"(?:đó|vậy|thế|đây|đấy)\b"  # "do đó", "Do vậy,": therefore
_GIVES_CAUSE_RE = re.compile(
    r"(?i:\bnguyên nhân (?:chính |chủ yếu |ban đầu )?(?:là|do|được xác định)\b)"
    # "Do Ủy ban nhân dân xã chậm bàn giao mặt bằng, dự án bị đình trệ." (not "Do ông A, Chủ tịch xã, ký.")
    rf"|^\W*Do (?!{_THEREFORE})(?!{_AGENT_NAMED_RE})[^,.;]{{3,80}},"
    rf"|(?<![Tt]ự )(?<![Cc]ho )\b[Dd]o (?!{_THEREFORE}|(?:ai|dự(?! (?:án|báo|kiến|toán)))\b)(?!{_AGENT_RE})(?!{_AGENT_NAMED_RE})"
    r"(?![" + re.escape(_UPPER) + r"])[^\W\d_]"
    r"|(?i:\bvì (?!(?:vậy|thế|sao)\b)\w|\bbởi (?!(?:vậy|thế|lẽ đó)\b)|\bkhiến\b|\bdẫn (?:đến|tới)\b"
    r"|\blàm cho\b|\bnên mới\b)")


def asks_why(question: str) -> bool:
    """Whether the question (what a message of several sentences asks) asks why."""
    return any(_phrases_typed(asked_part(question) or question, _WHY))


def gives_cause(sentence: str) -> bool:
    """Whether a sentence (written with its accents) gives a cause."""
    return bool(_GIVES_CAUSE_RE.search(nfc(sentence)))


def counting_passage(question: str, hits: list[Hit], passages: list[Passage], idf: Callable[[str], float],
                     params: AnswerParams | None = None) -> Passage | None:
    """For "bao nhiêu <noun>", when no sentence of the passages the answer draws on
    counts the noun: the passage among `passages` (the top article's) holding the
    sentence that counts it and best matches the question ("Kon Rẫy có bao nhiêu mô
    hình…": "Có 25 mô hình kinh tế, 10 mô hình…", further down the article) (pure).
    (Not for a cause asked: drawing on another passage of the first article pushes out
    the other articles' passages, which answered 3 ViNewsQA questions.)"""
    counted = counted_noun(question)
    if counted is None or not hits:
        return None
    drawn = {hits[r].passage.chunk_id for r in drawn_from(hits, params)}
    if any(counted.search(s) for h in hits if h.passage.chunk_id in drawn
           for s in split_sentences(h.passage.text)):
        return None
    p = params or AnswerParams()
    q = build_query(question)
    q_uni, q_bi = set(q.fold_uni), set(q.fold_bi)
    best, chosen = 0.0, None
    for passage in passages:
        if passage.chunk_id in drawn:
            continue
        for s in split_sentences(passage.text):
            if len(s) >= MIN_SENTENCE and counted.search(s):
                score = sentence_score(q_uni, q_bi, s, idf, p.bigram_weight)
                if score > best:
                    best, chosen = score, passage
    return chosen


CONTEXT_WEIGHT = 0.25  # of a word's weight, for the words only the context of a pasted question writes


def _weighed_for_asking(question: str, idf: Callable[[str], float]
                        ) -> tuple[Callable[[str], float], list[tuple[int, str | None, str | None]], float]:
    """The word weights sentences are scored by, the document codes named and the weight of
    a sentence naming one, for a message of several sentences ("Ban Thường vụ có Thông báo
    số 203-TB/TU … Xin hỏi người dân … khi quay trở về thì bắt buộc phải làm gì?"): the words
    and codes of the sentence that asks count whole, the context's at `CONTEXT_WEIGHT`, so
    the answer opens on what is asked, not on the sentence repeating the context. The search
    itself reads the whole message: the context tells which article (pure)."""
    codes = parse_code_query(question)
    asked = asked_part(question)
    if asked is None:
        return idf, codes, 1.0
    aq = build_query(asked)
    own = set(aq.fold_uni) | set(aq.fold_bi)

    def weighed(term: str) -> float:
        return idf(term) * (1.0 if term in own else CONTEXT_WEIGHT)

    asked_codes = parse_code_query(asked)
    return weighed, asked_codes or codes, 1.0 if asked_codes else CONTEXT_WEIGHT


def _best(scored: list[tuple[float, tuple[int, int]]], test: Callable[[tuple[int, int]], bool]) -> tuple[int, int] | None:
    """The best-scored sentence key (of a positive score) that passes `test`."""
    return next((key for score, key in scored if score > 0 and test(key)), None)


def compose(question: str, hits: list[Hit], found: bool, idf: Callable[[str], float],
            params: AnswerParams | None = None, following: Mapping[int, str] | None = None) -> Answer:
    """The answer to `question` from ranked hits (already judged `found`). `following`:
    chunk id -> the text of the passage after it, for the sentence after the best
    one when the best ends its passage."""
    p = params or AnswerParams()
    if not found or not hits:
        return Answer(query=question, found=False, hits=tuple(hits))
    q = build_query(question)
    q_uni, q_bi = set(q.fold_uni), set(q.fold_bi)
    idf, codes, code_weight = _weighed_for_asking(question, idf)
    # (hit rank, position) -> sentence, for the top passages
    ranks = drawn_from(hits, p)
    sentences: dict[tuple[int, int], str] = {}
    for rank in ranks:
        for pos, sent in enumerate(split_sentences(hits[rank].passage.text)):
            sentences[(rank, pos)] = sent
    # A sentence naming a document code the question names scores as if it held
    # every word of the question too ("18 ct tu ban hành ngày nào").
    code_bonus = code_weight * max(sum(idf(t) for t in q_uni), 1.0) if codes else 0.0  # "QĐ 217": no other word to weigh
    # "bao nhiêu mô hình": a sentence counting them ("25 mô hình kinh tế") holds the answer
    counted = counted_noun(question)
    count_bonus = COUNT_WEIGHT * sum(idf(t) for t in q_uni) if counted else 0.0
    # "bao nhiêu … tính đến 14h ngày 30/4": a figure of that day, not the day before (only for
    # a figure: "Ai chủ trì cuộc họp … chiều 30/4?" opened on the meeting's date line, not its chair)
    figure = asks_a_figure(question)
    days = named_days(asked_part(question) or question) if figure else set()  # (not a day of the context)
    day_bonus = DATE_WEIGHT * sum(idf(t) for t in q_uni) if days else 0.0
    # "Vì sao …": a sentence giving a cause ("do mưa lớn", "nên mới") holds the answer
    why = asks_why(question)
    who = asks_who(question)  # "… là ai?": a sentence naming someone holds the answer
    who_bonus = WHO_WEIGHT * sum(idf(t) for t in q_uni) if who else 0.0
    named = trusted_people(question)  # "Đinh Thị Mỹ Hảo là ai?": a sentence naming her, not anyone
    # "Chủ tịch UBND tỉnh An Giang là ai?": a sentence naming the holder, not a deputy
    office = asked_office(question) if who and not named else None

    def answers_who(s: str) -> bool:
        return names_the_office(s, office) if office is not None else _names_someone_asked(s, named, q.accented)

    # a title that names the holder answers too ("Thiếu tướng Vũ Xuân Viên: - Giám đốc Công an…"),
    # or the first article's title that counts what is asked ("… với sự tham dự của trên 500 đại
    # biểu"; not another article's, which would open the answer for its figure alone)
    title_answers = (lambda t: names_the_office(t, office)) if office is not None else counted.search if counted else None
    if title_answers is not None:
        for rank in dict.fromkeys(ranks if office is not None else ranks[:1]):
            title = " ".join(hits[rank].passage.article.title.split())
            if title_answers(title) and title not in sentences.values():
                sentences[(rank, -1)] = title

    scored = sorted(
        ((sentence_score(q_uni, q_bi, s, idf, p.bigram_weight) + (code_bonus if codes and _names_code(s, codes) else 0.0)
          + (count_bonus if counted and counted.search(s) else 0.0) + (who_bonus if who and answers_who(s) else 0.0)
          + (day_bonus if days and days & named_days(s) else 0.0),
          key) for key, s in sentences.items() if len(s) >= MIN_SENTENCE and _may_answer(s)),
        key=lambda x: (-x[0], x[1]),
    )
    if not scored or scored[0][0] <= 0:
        return Answer(query=question, found=False, hits=tuple(hits))
    best = scored[0][0]
    first_aid = hits[ranks[0]].article_id
    own = next((i for i, (score, key) in enumerate(scored) if hits[key[0]].article_id == first_aid), None)
    if own is not None and own > 0 and scored[own][0] * p.rival_factor >= best:  # (0: it opens already)
        scored.insert(0, scored.pop(own))
    # (the opener always: moved first from a rival article, it may score under the floor)
    picked = [scored[0][1]] + [key for score, key in scored[1:p.max_sentences] if score >= p.relative_floor * best]
    spilled: dict[tuple[int, int], tuple[str, int]] = {}  # sentences from the passage after a hit's: (text, ord)

    def next_of(key: tuple[int, int]) -> tuple[int, int] | None:
        """The sentence after a sentence, from the next passage when it ends its own; None
        for a fragment (a caption's "Ảnh: HN") or none."""
        rank, pos = key
        after, hit = (rank, pos + 1), hits[rank]
        if pos >= 0 and after not in sentences and following and hit.passage.chunk_id in following:
            text = following[hit.passage.chunk_id]
            sentences[after] = _sentence_after(sentences[key], text)
            spilled[after] = (text, hit.passage.ord + 1)
        ok = after in sentences and len(sentences[after]) >= MIN_SENTENCE and _may_answer(sentences[after])
        return after if ok else None

    if p.add_next:
        # the sentence after the best: right after the best, or after the second best when it
        # comes from the next passage
        after = next_of(scored[0][1])
        if after is not None and after not in picked:
            picked.insert(2 if after in spilled else 1, after)
    opener = picked[0]  # the sentence the answer opens on
    # "bao nhiêu mô hình": the sentence that counts them; "Trưởng ban Dân vận huyện … là
    # ai?": the one naming the office's holder. It comes right after the best, before the
    # budget can drop it for long sentences that only share the words, and the answer
    # opens on it.
    answering = counted.search if counted else (answers_who if office is not None else None)
    if answering is not None:
        answer_key = _best(scored, lambda key: answering(sentences[key]))
        if answer_key is not None and answer_key != picked[0]:
            if answer_key in picked:
                picked.remove(answer_key)
            picked.insert(1, answer_key)
            opener = answer_key
    if why and not any(gives_cause(sentences[key]) for key in picked):
        # "Vì sao hố … bị ngập nước?": the sentences sharing most words name the place and the
        # event; the best one of the first article giving a cause is quoted right after the opener
        cause = _best(scored, lambda key: hits[key[0]].article_id == first_aid and gives_cause(sentences[key]))
        if cause is not None:
            picked.insert(1, cause)
    # "… yêu cầu:" says nothing without what follows: the sentence after a lead-in, right after it
    for key in list(picked):
        if sentences[key].rstrip().endswith(":") and (after := next_of(key)) is not None and after not in picked:
            picked.insert(picked.index(key) + 1, after)
    if p.add_antecedent:
        # "Cách này giúp …" says nothing without the sentence before it: quote that too
        # (right after it in priority, so the budget drops it with it)
        for key in list(picked):
            before = (key[0], key[1] - 1)
            if before in sentences and before not in picked and refers_back(sentences[key]):
                picked.insert(picked.index(key) + 1, before)
    # Keep within the length budget, dropping the weakest first (the best always stays).
    # A long sentence that did not fit is then quoted by its clauses that hold the question's
    # words, in the room left.
    kept, total, seen, too_long = [], 0, [], []  # seen: (article id, text) of the sentences kept
    for key in picked:
        text, aid = sentences[key], hits[key[0]].article_id
        if any(repeats(text, other, near=aid != other_aid) for other_aid, other in seen):
            continue
        if kept and total + len(text) > p.max_chars:
            too_long += [key] if len(text) > LONG_SENTENCE else []
            continue
        if len(text) > p.max_chars:  # the best, longer than a whole answer (cut at a word, if no clause fits)
            text = clauses_around(text, q_uni, q_bi, idf, p, p.max_chars)
            text = sentences[key] = text if len(text) <= p.max_chars else cut_at_word(text, p.max_chars - 2) + " …"
        kept.append(key)
        seen.append((aid, text))
        total += len(text)
    for key in too_long:
        if p.max_chars - total >= LONG_SENTENCE // 2:
            text = clauses_around(sentences[key], q_uni, q_bi, idf, p, min(p.max_chars - total, LONG_SENTENCE))
            if total + len(text) <= p.max_chars:  # (not when its best clause alone is longer)
                sentences[key] = text
                kept.append(key)
                seen.append((hits[key[0]].article_id, text))
                total += len(text)
    # The best sentence (or the one counting what is asked) first, with the sentence it
    # points back to, its article first; then each article's sentences in the order they
    # stand in it, articles in rank order (passages of one article may rank out of order).
    first_rank: dict[int, int] = {}
    for rank, _ in sorted(kept):
        first_rank.setdefault(hits[rank].article_id, rank)
    best_key = opener if opener in kept else kept[0]  # (the best always stays)
    lead = [best_key]
    if (best_key[0], best_key[1] - 1) in kept and refers_back(sentences[best_key]):
        lead.insert(0, (best_key[0], best_key[1] - 1))
    best_aid = hits[best_key[0]].article_id
    kept.sort(key=lambda key: (hits[key[0]].article_id != best_aid, first_rank[hits[key[0]].article_id],
                               lead.index(key) if key in lead else len(lead), hits[key[0]].passage.ord, key[1]))
    numbers: dict[int, int] = {}
    quotes: dict[int, list[str]] = {}
    first_hit: dict[int, Hit] = {}
    passages: dict[int, list[str]] = {}  # every passage a quote of the article comes from
    ords: dict[int, list[int]] = {}
    out: list[Sentence] = []
    for rank, pos in kept:
        hit = hits[rank]
        aid = hit.article_id
        if aid not in numbers:
            numbers[aid] = len(numbers) + 1
            first_hit[aid] = hits[first_rank[aid]]  # its best-ranked passage: the citation's score
        quotes.setdefault(aid, []).append(sentences[(rank, pos)])
        text, ord_ = spilled.get((rank, pos), (hit.passage.text, hit.passage.ord))
        if text not in passages.setdefault(aid, []):
            passages[aid].append(text)
            ords.setdefault(aid, []).append(ord_)
        out.append(Sentence(text=sentences[(rank, pos)], n=numbers[aid]))
    citations = tuple(
        Citation(
            n=n, title=first_hit[aid].passage.article.title, url=first_hit[aid].passage.article.url,
            site=first_hit[aid].passage.article.site, published=first_hit[aid].passage.article.published,
            quote=" ".join(quotes[aid]), score=first_hit[aid].score, article_id=aid,
            chunk_id=first_hit[aid].passage.chunk_id, passage=GAP.join(passages[aid]), ords=tuple(ords[aid]),
        )
        for aid, n in numbers.items()
    )
    # "bao nhiêu …" answered by sentences that give no figure: said, not left to be guessed
    no_figure = figure and not any(states_a_figure(s.text) for s in out)
    return Answer(query=question, found=True, sentences=tuple(out), citations=citations, hits=tuple(hits),
                  note=NO_FIGURE_NOTE if no_figure else "")


# Words of a question about the present ("Hiện nay huyện có bao nhiêu hộ nghèo?"), with their
# accents where they are typed with some: "hiền tài", "bảy giờ", "lúc nãy" fold alike
_NOW = ("hôm nay", "hiện nay", "hiện tại", "hiện giờ", "bây giờ", "lúc này", "năm nay", "tháng này", "mới nhất",
        "hiện có", "hiện đang", "hiện còn")  # "Xã đảo Thạnh An hiện có bao nhiêu nhân khẩu?"
_NOW_PHRASES = tuple(tuple(w.split()) for w in _NOW)
# "hiện …" after these is no present: "thực hiện có hiệu quả", "thực hiện tại xã", "phát hiện có",
# "xuất hiện", "thể hiện", "biểu hiện" (read with accents when typed with them: "xử phạt hiện nay" asks)
_NOT_NOW_BEFORE = frozenset({"thực", "phát", "xuất", "thể", "biểu"})
# ... unless that word ends a word of its own: "sản xuất hiện nay", "đại biểu hiện có", "cụ thể hiện nay"
_ENDS_A_WORD = frozenset({"sản xuất", "đại biểu", "phát biểu", "tiêu biểu", "cụ thể", "tập thể", "có thể",
                          "cơ thể", "toàn thể", "xuất phát"})
_NOT_NOW_BEFORE_BARE = frozenset(fold(w) for w in _NOT_NOW_BEFORE)
_ENDS_A_WORD_BARE = frozenset(fold(w) for w in _ENDS_A_WORD)
STALE_DAYS = 30  # an article older than this no longer tells the present


def _hien_of_another_word(before: list[str]) -> bool:
    """Whether the "hiện" after these (lower-case) words is part of a word ("thực hiện")."""
    prev = before[-1]
    if " ".join(before) in _ENDS_A_WORD or " ".join(fold(w) for w in before) in _ENDS_A_WORD_BARE:
        return False
    return prev in _NOT_NOW_BEFORE or (not has_diacritics(prev) and prev in _NOT_NOW_BEFORE_BARE)


def _phrases_typed(text: str, phrases: tuple[tuple[str, ...], ...]) -> Iterator[tuple[list[str], int, tuple[str, ...]]]:
    """(the text's lower-case words, where, which) for each of the (accented, lower-case) phrases
    the text writes: with their accents where typed with some ("hiền tài" is no "hiện tại"),
    bare where not ("hien nay")."""
    ws = re.findall(r"\w+", nfc(text).lower())
    folded = [fold(w) for w in ws]
    for phrase in phrases:
        bare = [fold(w) for w in phrase]
        for i in range(len(ws) - len(phrase) + 1):
            typed = ws[i:i + len(phrase)]
            if folded[i:i + len(phrase)] == bare and (tuple(typed) == phrase or not any(map(has_diacritics, typed))):
                yield ws, i, phrase


def asks_of_now(question: str) -> bool:
    """Whether a question asks how things are now ("hiện nay", "hôm nay", "năm nay"; not the
    "hiện" of "thực hiện", "xuất hiện")."""
    return any(phrase[0] != "hiện" or not i or not _hien_of_another_word(ws[max(0, i - 2):i])
               for ws, i, phrase in _phrases_typed(asked_part(question) or question, _NOW_PHRASES))


def dated(answer: Answer, today: dt.date) -> Answer:
    """An answer to a question about the present quoted from a source [1] published more
    than `STALE_DAYS` before `today`, or on no known day, says so before the quotes: a
    cadre asking how many poor households there are now must not take a 2020 figure
    for today's."""
    if not answer.found or not answer.citations or not asks_of_now(answer.query):
        return answer
    published = answer.citations[0].published
    if published is not None and (today - published).days <= STALE_DAYS:
        return answer
    note = AS_OF_NOTE.format(date=published.strftime(DATE_FORMAT)) if published else AS_OF_UNDATED_NOTE
    return replace(answer, note=f"{note} {answer.note}" if answer.note else note)


MAX_BYLINE_ARTICLES = 3
# "bài viết của …", "tác giả …", "… viết những bài nào": a question about what someone wrote
_ABOUT_WRITING_RE = re.compile(r"\b(?:bai(?: viet| bao)? cua|tac gia|phong vien|viet (?:nhung )?bai|nhung bai)\b")


def asks_of_writing(question: str) -> bool:
    """Whether a question asks what someone wrote ("X viết bài gì", "bài của X")."""
    return bool(_ABOUT_WRITING_RE.search(fold(question).lower()))


def asks_of_author(question: str) -> bool:
    """Whether a question naming someone who only signs articles is about that person
    (who they are, what they wrote), not a question that names them in passing
    ("Theo phóng viên X, tỉnh có bao nhiêu ca mắc?" asks for the figure)."""
    return (asks_who(question) or asks_of_writing(question)) and counted_noun(question) is None


def byline_answer(question: str, name: str, leads: list[Passage]) -> Answer:
    """The answer about a person no article writes of, who signs some (`leads`: the
    first passage of each, newest first, at most MAX_BYLINE_ARTICLES): says so, citing
    them, and quotes nothing."""
    if not leads:
        return Answer(query=question, found=False)
    sentences = [Sentence(f"{name} là tên tác giả ghi cuối bài viết này; các bài trong kho không viết gì thêm về người này.", 1)]
    sentences += [Sentence(f"Bài khác của {name}.", n) for n in range(2, len(leads) + 1)]
    citations = tuple(
        Citation(n=n, title=p.article.title, url=p.article.url, site=p.article.site, published=p.article.published,
                 quote="", score=0.0, article_id=p.article.id, chunk_id=p.chunk_id, passage=p.text, ords=(p.ord,))
        for n, p in enumerate(leads, 1))
    return Answer(query=question, found=True, sentences=tuple(sentences), citations=citations)


def with_context(chunks: list[tuple[int, str]], ords: tuple[int, ...], around: int = 1) -> str:
    """The quoted passages of an article with `around` passages either side, for reading
    the source: (ord, text) chunks in; adjacent ones joined (the sentence two chunks
    share is said once, a sentence cut between them made whole), gaps marked "[…]" (pure)."""
    wanted = {o + d for o in ords for d in range(-around, around + 1)}
    runs: list[list[str]] = []
    last = None
    for o, text in sorted(chunks):
        if o not in wanted:
            continue
        sentences = split_sentences(text)
        if last is not None and o == last + 1:
            if sentences and runs[-1] and sentences[0] == runs[-1][-1]:
                sentences = sentences[1:]  # the sentence it shares with the chunk before
            elif sentences and runs[-1] and runs[-1][-1].endswith(" …") and sentences[0].startswith("… "):
                # a long sentence cut between the two chunks (corpus.chunking.split_long): whole again
                runs[-1][-1] = runs[-1][-1][:-2] + " " + sentences[0][2:]
                sentences = sentences[1:]
            runs[-1].extend(sentences)
        else:
            runs.append(list(sentences))
        last = o
    return GAP.join(" ".join(run) for run in runs if run)
