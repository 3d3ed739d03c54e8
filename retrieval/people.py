"""People a question names, and whether a passage writes their name (pure).

A Vietnamese name is a family name and two or three more syllables ("Đinh Thị
Anh", "Nguyễn Đức Tuy"). A question naming one that an article writes is as
exact as a document code: "Đinh Thị Anh là ai" is answered by the article that
writes "Đ/c Đinh Thị Anh-UVBTV, Trưởng ban DV …" even when its words and its
embedding score low (few words, one of them a name).

A question's name is read with or without capitals and accents ("dinh thi anh
la ai"); typed in lower case it must have a usual middle syllable ("thị", "văn",
…), so that "cao huyết áp" is no name. Not read as a person: a name after a unit
or a street, school or office ("xã Lý Thường Kiệt", "Trường THPT Chu Văn An",
"Huyện Đoàn Kon Rẫy"), a place ("Hồ Chí Minh", "Đăk Tô"), the office after a name
("Nguyễn Đức Tuy Chủ trì" is Nguyễn Đức Tuy). A passage writes the name in title
case, ending where it ends ("Lê Thị Mỹ" is not "Lê Thị Mỹ Linh"), with the same
accents when the question has them.

Only a name that surely is a person's (a usual middle syllable, or after "ông",
"bà", "đồng chí" …) and that no article writes is reported as unknown.
"""

from __future__ import annotations

import re

from retrieval.normalize import fold, has_diacritics
from retrieval.places import clauses, is_place_name, same_syllable, spells_a_place, title_cased

SURNAMES = frozenset(
    "nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý lí đinh trịnh lương mai đào cao "
    "hà tạ lâm tô tôn tăng thái trương đoàn chu châu kiều lưu quách vương từ triệu kim hứa mạc nông lò lục sầm "
    "hầu vi thân khúc nghiêm doãn lại phùng diệp âu tống cù la đàm mã tiêu khổng lã thạch danh giàng sùng "
    "thào ksor nay siu rơ".split())
# typed plain, a family name that is also an everyday word in lower case (là, từ, do, vì, mà, tô, này)
_FOLDED_SURNAMES = frozenset(fold(s) for s in SURNAMES) - {"la", "tu", "do", "vi", "ma", "to", "nay"}
_MIDDLES = frozenset(
    "thị văn đức hữu ngọc thanh quang xuân minh công đình kim thu hồng trọng quốc anh tiến thế hoàng bá "
    "phương thúy thuý diệu bích mỹ khánh việt duy huy tuấn trung".split())
_FOLDED_MIDDLES = frozenset(fold(m) for m in _MIDDLES)


def reads_as_a_person(name: list[str]) -> bool:
    """Whether a name's folded, lower-case syllables read as a person's: a surname, then a
    middle name or two more syllables ("nguyen van", "tran dinh thuan"; not "le hoa",
    "phan thiet", places named after people)."""
    return len(name) >= 2 and name[0] in _FOLDED_SURNAMES and (name[1] in _FOLDED_MIDDLES or len(name) >= 3)


_LONGEST = 4  # syllables of a name
# Words of institutions that follow a family-name-like word ("Đoàn BDV Tỉnh ủy",
# "Đoàn Thanh niên"): no part of a person's name.
_NOT_IN_NAMES_ACCENTED = frozenset("tỉnh huyện xã ủy uỷ ban đảng niên phòng viện cục".split())
_NOT_IN_NAMES = frozenset(fold(w) for w in _NOT_IN_NAMES_ACCENTED | {"sở", "chi"})  # typed plain
# Given names that also open an institution's name, when followed by its next word
# ("Chi bộ", "Sở Nội vụ"), not when they end a name ("Nguyễn Thị Kim Chi nói …").
_INSTITUTION_STARTS = {"chi": {"bộ", "hội", "đoàn", "nhánh", "cục"}, "sở": set()}
# An office written after a name ("Nguyễn Đức Tuy Chủ trì …", "… Phó Bí thư"): the name ends there.
_OFFICES = frozenset("chủ phó bí trưởng giám tổng ủy uỷ thường chánh đại".split())
# Before a name that is a place's or an institution's ("xã Lý Thường Kiệt", "đường Nguyễn
# Văn Linh", "Trường THPT Chu Văn An", "Huyện Đoàn Kon Rẫy"): no person.
_NAMING = frozenset("xã phường đường phố trường thpt thcs ptdtbt học non hiệu ty quận huyện tỉnh trấn tp cầu chợ "
                    "viện thành thôn làng buôn plei số hẻm ngõ ngách".split())
_FOLDED_NAMING = frozenset(fold(w) for w in _NAMING) - {"truong"}  # typed plain, "truong" is also trưởng
# Before a person's name ("ông Nguyễn Văn Hùng", "đồng chí …", "đ/c …").
_TITLES = frozenset("ông bà anh chị cô chú bác em chí c".split())  # in lower case: "Mai Anh Đào" has none
_TITLES_CAPITALISED = frozenset(w.capitalize() for w in _TITLES) - {"C"}
_FOLDED_TITLES = frozenset(fold(w) for w in _TITLES) - {"c", "em", "chi", "co"}  # typed plain: "ông", "bà" …
# Titles of two words before a name, typed plain ("dong chi nguyen duc tuy").
_TITLE_PAIRS = {("dong", "chi"), ("d", "c"), ("chu", "tich"), ("bi", "thu"), ("truong", "ban"), ("giam", "doc")}
# What a question asks of a person, right after the name (folded word pairs).
_ASKED_OF_PEOPLE = {("la", "ai"), ("la", "nguoi"), ("giu", "chuc"), ("noi", "gi"), ("lam", "gi"), ("phat", "bieu")}
# After a three-syllable name, words that start no fourth syllable of it: a post, a
# village, an office ("Nguyễn Đức Tuy Tổ trưởng …", "… Thôn trưởng", "… Già làng").
_AFTER_NAME = frozenset("tổ thôn làng già người công nghệ giáo bệnh đồn buôn plei đoàn hội ban xã huyện tỉnh "
                        "kon đăk đắk ia".split())
# Two syllables after a family-name-like word that make a common word, not a name
# ("Đoàn Thanh Tra", "Đoàn Công Tác", "Đoàn Thanh niên").
_NOT_A_NAME = frozenset({"thanh tra", "cong tac", "kiem tra", "giam sat", "thanh nien", "cong doan", "cong an"})
# A lower-case name does not end on the words a question asks with ("la thế nào").
_ASKING = frozenset("nào gì ai là không có như thế sao đâu bao mấy".split())
_FOLDED_ASKING = frozenset(fold(w) for w in _ASKING)


def named_people(question: str) -> tuple[tuple[str, ...], ...]:
    """The names a question may name: runs of three or four syllables from a family
    name (more than one when the run's end is unsure: "Đinh Thị Anh Phó"), as typed."""
    return tuple(name for name, _, _ in _candidates(question))


def trusted_people(question: str) -> tuple[tuple[str, ...], ...]:
    """The names `named_people` reads that stand where a name does: written with
    capitals or accents, after a title ("ông", "bà", "dong chi" …) or before what is
    asked of a person ("là ai", "giữ chức vụ gì"); those an article writing them
    answers and ranks first."""
    return tuple(name for name, _, where in _candidates(question) if where)


def _candidates(question: str) -> list[tuple[tuple[str, ...], bool, bool]]:
    """(name, whether it surely is a person's, whether it stands where a name does) for
    each name `named_people` reads."""
    if title_cased(question):
        return []
    accented = has_diacritics(question)
    out: dict[tuple[str, ...], tuple[bool, bool]] = {}
    for ws in clauses(question):
        folded = [fold(w).lower() for w in ws]
        lower = [w.lower() for w in ws]
        for i, w in enumerate(ws):
            capital = w[0].isupper() and (i > 0 or ws[i + 1:i + 2] and ws[i + 1][0].isupper())
            if not (lower[i] in SURNAMES if accented else folded[i] in _FOLDED_SURNAMES):
                continue
            if i + 3 > len(ws) or any(is_place_name(" ".join(folded[i:i + n])) for n in (3, 4)):
                continue
            if is_place_name(" ".join(folded[i:i + 2])) and (i + 3 > len(ws) - 1 or is_place_name(" ".join(folded[i + 2:i + 4]))):
                continue  # "Vũ Quang" (a district) "Hà Tĩnh"; but "Ông Vũ Quang Huy" is a man
            if " ".join(folded[i + 1:i + 3]) in _NOT_A_NAME:
                continue
            if i and (lower[i - 1] in _NAMING if accented else folded[i - 1] in _FOLDED_NAMING):
                continue
            if i and lower[i - 1] not in _TITLES and folded[i - 1] not in _FOLDED_TITLES and (
                    ws[i - 1][:1].isupper() or not accented) and is_place_name(
                    f"{folded[i - 1]} {folded[i]}"):
                continue  # "Đăk Tô Kon Tum" (not "Bà Đinh", which folds like Ba Đình)
            if i and (ws[i - 1].isdigit() or (i > 1 and ws[i - 1] in _TITLES_CAPITALISED)):
                continue  # "Số 12 Phan Đình Phùng"; in "Lễ hội Mai Anh Đào Măng Đen", "Anh" is no title
            middle = lower[i + 1] in _MIDDLES if accented else folded[i + 1] in _FOLDED_MIDDLES
            if not capital and not middle:
                continue
            if capital and not all(_title(x) for x in ws[i:i + 3]):
                continue
            titled = i > 0 and (ws[i - 1] in _TITLES or (i == 1 and lower[0] in _TITLES)
                                or (not accented and folded[i - 1] in _FOLDED_TITLES)
                                or tuple(folded[max(0, i - 2):i]) in _TITLE_PAIRS)
            person = middle or titled
            # typed in lower case, a name is trusted only where names stand: after a title, or
            # before what is asked of a person ("… là ai", "… giữ chức vụ gì"); "cach ho van dong
            # thanh nien" holds no Hồ Văn Đông, "luong thanh toan" no Lương Thanh Toàn
            # (typed with accents, the passage must write the same accents: trusted too)
            where = capital or accented or titled or any(tuple(folded[j:j + 2]) in _ASKED_OF_PEOPLE
                                                         for j in (i + 3, i + 4))
            for n in range(3, min(_LONGEST, len(ws) - i) + 1):
                last = i + n - 1
                if ((capital and not _title(ws[last])) or _institution_word(ws, lower, folded, last, accented)
                        or (accented and lower[last] in _OFFICES and capital)
                        or (n == 4 and (lower[last] in _AFTER_NAME or (
                            last + 1 < len(ws) and ws[last + 1][0].isupper()
                            and is_place_name(" ".join(folded[last:last + 2])))))
                        or (not capital and (lower[last] in _ASKING if accented else folded[last] in _FOLDED_ASKING))):
                    break
                out[tuple(ws[i:i + n])] = (person, where)
    return [(name, person, where) for name, (person, where) in out.items()]


def _institution_word(ws: list[str], lower: list[str], folded: list[str], i: int, accented: bool) -> bool:
    """Whether word `i` belongs to an institution's name, not a person's: "Tỉnh", "Ban"
    (with its accents when typed so: "Huyền" is a name, "huyện" a unit), "Chi bộ", "Sở
    Nội vụ"."""
    if not accented:
        return folded[i] in _NOT_IN_NAMES
    if lower[i] in _NOT_IN_NAMES_ACCENTED:
        return True
    if lower[i] in _INSTITUTION_STARTS and i + 1 < len(ws):
        nxt = ws[i + 1]
        return nxt.lower() in _INSTITUTION_STARTS[lower[i]] or (nxt[0].isupper() and nxt.lower() not in _OFFICES)
    return False


def _title(word: str) -> bool:
    """A name's syllable: a capital, then small letters ("Anh", not "BDV")."""
    return word[0].isupper() and (len(word) == 1 or word[1:].islower())


def capitalised_people(question: str) -> tuple[tuple[str, ...], ...]:
    """The names a question writes with capitals that surely are people's, each
    whole ("Nguyễn Thị Mỹ Hảo", not also "Nguyễn Thị Mỹ"); not a foreign name joined by
    hyphens, which articles write in other cases."""
    names = [n for n, person, _ in _candidates(question) if person and all(w[0].isupper() for w in n)
             and not any(f"{a}-{b}" in question for a, b in zip(n, n[1:]))]  # "Kim So-Yeon": written "So-yeon"
    return tuple(n for n in names if not any(m != n and m[:len(n)] == n for m in names))


_WORD_RE = re.compile(r"\w+")


def capitalised_words(question: str) -> tuple[str, ...]:
    """The words a question writes with a capital, folded and in lower case ("Vincent",
    "IgG": "vincent", "igg"), the first word too; not numbers nor single letters."""
    return tuple(dict.fromkeys(fold(w).lower() for w in _WORD_RE.findall(question)
                               if len(w) > 1 and w[0].isupper()))


def writes_name(text: str, name: tuple[str, ...], accented: bool, folded_text: str | None = None) -> bool:
    """Whether `text` writes `name` in title case, ending there (not followed, after a
    space, by another such syllable): the same syllables, with the same accents
    (wherever the tone mark sits) when `accented`. `folded_text`: `text` folded and
    lower-cased, when the caller has it."""
    want = [fold(w).lower() for w in name]
    if " ".join(want) not in (folded_text if folded_text is not None else fold(text).lower()):
        return False
    found = list(_WORD_RE.finditer(text))
    n = len(name)
    for i in range(len(found) - n + 1):
        run = [m.group(0) for m in found[i:i + n]]
        if [fold(w).lower() for w in run] != want or not all(_title(w) for w in run):
            continue
        if accented and not all(same_syllable(a, b) for a, b in zip(run, name)):
            continue
        if i + n < len(found):
            after = found[i + n]
            if (text[found[i + n - 1].end():after.start()].isspace() and _title(after.group(0))
                    and after.group(0).lower() not in _OFFICES):
                continue  # a longer name: "Lê Thị Mỹ Linh" is not "Lê Thị Mỹ" (but "… Tuy Phó Bí thư" is Tuy)
        return True
    return False


def names_match(question: str, texts: list[str]) -> bool:
    """Whether one of `texts` writes a name the question names (`trusted_people`)."""
    return writes_any(texts, trusted_people(question), has_diacritics(question))


def writes_any(texts: list[str], names: tuple[tuple[str, ...], ...], accented: bool) -> bool:
    """Whether one of `texts` writes one of `names` (`writes_name`)."""
    for text in texts if names else ():
        folded = fold(text).lower()
        if any(writes_name(text, name, accented, folded) for name in names):
            return True
    return False


_SURNAME = r"\b(?:" + "|".join(sorted((w.capitalize() for w in SURNAMES), key=len, reverse=True)) + r")"
# a family name and one or two syllables, checked to be in title case
_SURNAME_RUN_RE = {n: re.compile(_SURNAME + rf"(?:\s+[^\W\d_]+){{{n}}}") for n in (1, 2)}
_TITLED_RE = re.compile(r"(?:\b(?:ông|bà|đồng chí)|đ/c)\s+([^\W\d_]+)", re.I)


# The words before a street's, a ward's or a school's name ("đường Phạm Đăng Giảng", "phường Lê Hồng
# Phong", "Trường THPT Chu Văn An"): not "thôn", "xã", "trường", "học" ("Trưởng thôn Nguyễn Văn Hùng",
# "Chủ tịch xã Lê Văn Bình", "Hiệu trưởng nhà trường …", "Nhà sử học Dương Trung Quốc" name people)
_STREET_OR_WARD = frozenset("đường phố hẻm ngõ ngách kiệt phường thpt thcs".split())
_NOT_A_STREET_AFTER = frozenset("trưởng dân".split())  # "Trưởng phố …", "tổ dân phố Nguyễn Văn Tư"
_HOUSE_NUMBER_RE = re.compile(r"\d[\w/.-]*")  # "20", "20/5", "42A" (not "5,": a comma ends the place)


def _named_after_it(text: str, at: int) -> bool:
    """Whether the name starting at `at` names a street, a ward or a school: the word right before
    it, or before a house number, says so ("đường Phạm Đăng Giảng", "hẻm 20 Phạm Đăng Giảng"); not
    across a comma ("Tại phường, Lê Văn Tám …")."""
    before = text[:at].split()[-3:]
    if before and _HOUSE_NUMBER_RE.fullmatch(before[-1]):
        before = before[:-1]  # "hẻm 20 Phạm Đăng Giảng"
    if not before or before[-1].lower().lstrip("(\"“") not in _STREET_OR_WARD:
        return False
    return len(before) < 2 or before[-2].lower() not in _NOT_A_STREET_AFTER


def writes_a_person(sentence: str, given: int = 2) -> bool:
    """Whether a sentence names someone: a family name and two more syllables in title
    case ("Nguyễn Đức Tuy"; with `given` 1, one is enough: "Hoàng Tùng", where an office
    is named before it, but not a place's: "Giám đốc Sở Y tế Hà Nam", "quận Hoàng Mai"), or a title and a name
    ("ông Năng", "đồng chí Tuy")."""
    return (any(all(_title(w) for w in m.group(0).split()) and not (given == 1 and spells_a_place(m.group(0)))
                and not _named_after_it(sentence, m.start())
                for m in _SURNAME_RUN_RE[given].finditer(sentence))
            or any(_title(m.group(1)) for m in _TITLED_RE.finditer(sentence)))
