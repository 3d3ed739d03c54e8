"""Who-questions ("… là ai?", "Ai là Bí thư Huyện ủy …?", "… tên là gì?") and the offices they
ask about: reading the office asked, and whether a sentence names its holder (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple
from functools import lru_cache

from retrieval.normalize import fold, has_diacritics, nfc, words
from retrieval.people import reads_as_a_person, writes_a_person, writes_any
from retrieval.places import PROVINCE_KEYS, named_places, province_by_key


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
    "trưởng khối vận", "phó trưởng khối vận", "trưởng khối dân vận", "cục trưởng", "phó cục trưởng",
    "chi cục trưởng", "phó chi cục trưởng", "tổng cục trưởng", "phó tổng cục trưởng", "viện trưởng",
    "phó viện trưởng", "chánh án", "phó chánh án")),
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
    # people's committee (so "Chủ tịch phường X" and "Chủ tịch UBND phường X" read alike)
    unit: str | None = None
    unit_bare: bool = False
    from_unit: tuple[str, ...] = ()
    # the place below a province the office is of, as asked: its unit and folded name ("huyen",
    # "kon ray"); None when the question names none for it ("Chủ tịch UBND huyện đó")
    place: tuple[str, str] | None = None


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
    place = _asked_place(folded[m.start(2):].split(), typed_words[at:], below)
    return Office(tuple(m.group(1).split()), tuple(after), provinces, below, unit, bare, tuple(from_unit), place)


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
    title, initials = list(office.title), _initials(list(office.title))
    # the office's title or its initials, not a deputy's ("Phó Bí thư" holds no "Bí thư", "Phó Tổng
    # cục trưởng" no "Tổng cục trưởng"), and the place each of these mentions is of ("… huyện Đăk Hà")
    mentions = [i for i in range(len(ws)) if not _deputy_before(ws, i, office.title)
                and (ws[i:i + len(title)] == title or ws[i] == initials)]
    places = _places_after_title(sentence, office.title) if office.place is not None else []
    if len(places) != len(mentions):  # (the text read two ways disagrees, "05-CT/TU": no place read)
        places = []
    for seen, i in enumerate(mentions):
        rest = ws[i + len(title):] if ws[i:i + len(title)] == title else ws[i + 1:]
        if not office.after or not rest:
            return True
        unit, _, from_unit, width = _office_unit(rest, typed[len(ws) - len(rest):], loose=bare)
        if office.unit is not None and unit is not None:
            # "Chủ tịch (UBND) phường …": the same unit, with the people's committee named or not;
            # a unit typed bare may be a name's first word ("chu tich ubnd quan son": huyện Quan Sơn)
            same = unit == office.unit or (office.unit_bare and from_unit[width:width + 2] == list(office.from_unit[:2]))
        else:
            # "Chủ tịch Ủy ban MTTQ Việt Nam huyện …" for "Chủ tịch MTTQ huyện …": the committee's words aside
            body = rest[2:] if rest[:2] == ["uy", "ban"] and office.after[0] not in ("uy", "ubnd") and rest[2:] else rest
            first, nxt = office.after[0], body[0]
            same = (nxt == first or _initials(rest[:len(first)]) == first  # UBND / Ủy ban nhân dân
                    or nxt == _initials(list(office.after[:len(nxt)]))  # DV / dân vận
                    or (len(first) > 2 and len(nxt) > 2 and (first in nxt or nxt in first)))  # MTTQ / UBMTTQVN
        if same and not _another_province(rest[:OFFICE_PLACE_WORDS], office.provinces, office.places) \
                and not (places and _another_place(places[seen], office.place)):
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


PLACE_NAME_WORDS = 4  # syllables of a place's name after its unit ("huyện Ia H Drai")
# units below a province, folded (a pair read first: "thi xa" is no "xa")
_UNITS_BELOW = (set(_UNIT_WORDS.values()) - {"tinh"}) | _UNIT_SHORT
_UNIT_PAIRS_BELOW = {tuple(fold(w) for w in pair): unit for pair, unit in _UNIT_PAIRS.items()}
_UNITS_TYPED = (set(_UNIT_WORDS) - {"tỉnh"}) | {"tp", "tx"}  # in a sentence, with their accents
_BODY_AFTER_UNIT = {"uy", "doan"}  # "Huyện ủy Kon Rẫy", "Huyện Đoàn Đăk Hà": the place follows
_NOT_A_UNIT_BEFORE = {"xa": {"hoi", "vien", "luan"}}  # "xã hội", "xã viên", "xã luận"
_PHRASE_END_RE = re.compile(r"[,;:.()–—]| - ")  # what ends an office's words in a sentence


def _unit_at(ws: list[str], i: int) -> tuple[str, int] | None:
    """The unit below a province folded words name at `i` ("huyen", "thi xa") and the index
    of the word after it and after a body's word ("ủy"); None for none."""
    if (pair := tuple(ws[i:i + 2])) in _UNIT_PAIRS_BELOW:
        unit, j = _UNIT_PAIRS_BELOW[pair], i + 2
    elif ws[i] in _UNITS_BELOW:
        unit, j = ws[i], i + 1
    else:
        return None
    return unit, j + 1 if ws[j:j + 1] and ws[j] in _BODY_AFTER_UNIT else j


def _unit_typed_at(folded: list[str], typed: list[str], i: int, bare: bool = False) -> tuple[str, int] | None:
    """`_unit_at` for a unit typed as one: with its accents ("quản", "TT Y tế", "xã hội" are
    none), or, `bare`, without any (a question typed so)."""
    word = typed[i]
    if not (word in _UNITS_TYPED or tuple(typed[i:i + 2]) in _UNIT_PAIRS or bare and not has_diacritics(word)):
        return None
    if folded[i + 1:i + 2] and folded[i + 1] in _NOT_A_UNIT_BEFORE.get(folded[i], ()):
        return None
    return _unit_at(folded, i)


def _asked_place(following: list[str], typed: list[str], below: tuple[str, ...]) -> tuple[str, str] | None:
    """The place below a province an office asked is of: the first unit in the (folded) words
    after its title (`typed`: as typed, lower case; a unit typed with accents must be one:
    "Ban Quản lý", "Xã hội" are none) and the place the question names right after it ("ubnd
    huyen kon ray la ai": ("huyen", "kon ray")); None when it names none there."""
    typed = [*typed, ""]
    for i in range(min(len(following), OFFICE_WORDS)):
        found = _unit_typed_at(following, typed, i, bare=True)
        if found is not None:
            rest = " ".join(following[found[1]:]) + " "
            key = next((k for k in sorted(below, key=len, reverse=True) if rest.startswith(k + " ")), None)
            return (found[0], key) if key else None
    return None


_SHORT_UNIT_DOT_RE = re.compile(r"\b(TP|Tp|TX|Tx|Q|P|H)\.(?=\s*\w)")  # "TP. Buôn Ma Thuột": no phrase end
class _WrittenPlace(NamedTuple):
    """The place an office's words in a sentence name after a unit below a province."""

    unit: str  # folded: "huyen", "tx"
    name: tuple[str, ...]  # the words written with capitals right after it, folded ("dak", "ha")
    following: tuple[str, ...]  # every word after it, folded, whatever its case
    at: int  # how many words after the title the unit stands

NEAR_TITLE = 3  # words between a title and another unit that may still be its office's ("Chủ tịch Hội Nông dân huyện")


def _deputy_before(folded_words: list[str], i: int, title: tuple[str, ...]) -> bool:
    """Whether the title at `i` is a deputy's ("Phó Bí thư", "Phó Tổng cục trưởng") and not asked so."""
    return title[0] != "pho" and (folded_words[i - 1:i] == ["pho"] or folded_words[max(0, i - 2):i] == ["pho", "tong"])


def _places_after_title(sentence: str, title: tuple[str, ...]) -> list[_WrittenPlace | None]:
    """For each mention of an office's title in a sentence (not a deputy's unless asked), the
    place its words name up to a comma, a bracket, a dash or a full stop ("TP. Pleiku" goes on):
    the first unit below a province typed with its accents ("quản", "xã hội", "TT Y tế" are
    none) followed by words written with capitals, or else the first unit; its name, folded;
    and the words after it, folded, whatever their case ("Chủ tịch UBND huyện Đăk Hà, …": unit
    "huyen", name ("dak", "ha")); None for a mention naming no unit."""
    text = _SHORT_UNIT_DOT_RE.sub(lambda m: m.group(1) + " ", nfc(sentence))
    folded = fold(text).lower()
    if len(folded) != len(text):  # (offsets must agree; NFC Vietnamese folds letter for letter)
        return []
    pattern = re.compile(r"\b(?:" + r"\s+".join(title) + "|" + _initials(list(title)) + r")\b")
    out: list[_WrittenPlace | None] = []
    for m in pattern.finditer(folded):
        before = re.findall(r"[^\W_]+", folded[:m.start()])  # (as `words` reads them: "(Phó …")
        if _deputy_before(before, len(before), title):
            continue
        stop = _PHRASE_END_RE.search(text, m.end())
        toks = re.findall(r"[^\W_]+", text[m.end():stop.start() if stop else len(text)])
        accented = [t.lower() for t in toks]
        ws = [fold(t) for t in accented]
        place = None
        for i in range(len(ws)):
            found = _unit_typed_at(ws, accented, i)
            if found is None:
                continue
            name = []
            for t in toks[found[1]:found[1] + PLACE_NAME_WORDS]:
                if not t[:1].isupper():
                    break
                name.append(fold(t).lower())
            if place is None or name:
                place = _WrittenPlace(found[0], tuple(name), tuple(ws[found[1]:]), i)
            if name or found[1] >= len(ws) or _unit_at(ws, found[1]) is None:  # ("Huyện ủy huyện Đăk Hà": the next)
                break
        out.append(place)
    return out


def _another_place(written: _WrittenPlace | None, asked: tuple[str, str]) -> bool:
    """Whether an office's words in a sentence name a place other than the one asked: after
    the unit asked, another name ("Chủ tịch UBND huyện Đăk Hà" for "… huyện Kon Rẫy"); after
    another unit, any name ("Chủ tịch Hội Nông dân huyện Kon Rẫy" for "… xã Đăk Ruồng"). The
    place asked written in any case is none ("huyện Cư M'gar"), nor a person after the unit
    ("huyện Nguyễn Văn B cho biết"), nor no name ("Chủ tịch UBND huyện, ông A")."""
    if written is None:
        return False
    if written.unit == asked[0] and (" ".join(written.following) + " ").startswith(asked[1] + " "):
        return False
    if written.unit != asked[0] and written.at > NEAR_TITLE:  # ("Chủ tịch UBND H. Kon Rẫy thăm xã Tân Lập")
        return False
    return bool(written.name) and not reads_as_a_person(list(written.name))


def names_someone_asked(sentence: str, named: tuple[tuple[str, ...], ...], accented: bool) -> bool:
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
