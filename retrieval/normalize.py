"""Vietnamese text normalisation shared by indexing and querying (pure).

Two token streams are produced for any text:
- accented: NFC, lower case, syllables as typed;
- folded: the same with diacritics removed and đ→d, so that a question typed
  without accents matches.
Numbers keep their inner separators (``40,7``, ``3.000``) and document codes
(``25-NQ/TW``, typed ``25-nq/tw`` or ``25 NQ TW``) stay single tokens.
Abbreviations of the field are expanded both ways at indexing time. Periods
typed in words (``sáu tháng``, ``tháng sáu``, ``quý một``, ``quý I``) gain their
other spellings in a question (``6 tháng``, ``tháng 6``, ``quý 1``), so a
question matches however the report wrote them.
"""

from __future__ import annotations

import re
import unicodedata

from corpus.docrefs import CODE_TOKEN_RE, canonical_code_token

_WORD_RE = re.compile(
    r"\d+(?:[.,]\d+)+"  # 3.000 · 40,7 · 1.234,5
    r"|\w+",
    re.UNICODE,
)

# Abbreviation (folded, lower) -> expansion (accented, lower). Both directions
# are indexed: the expansion's words are added where the abbreviation stands,
# and the abbreviation token is added where the expansion stands.
ABBREVIATIONS: dict[str, str] = {
    "dtts": "dân tộc thiểu số",
    "dbdtts": "đồng bào dân tộc thiểu số",
    "mttq": "mặt trận tổ quốc",
    "mttqvn": "mặt trận tổ quốc việt nam",
    "ubmttq": "ủy ban mặt trận tổ quốc",
    "ubmttqvn": "ủy ban mặt trận tổ quốc việt nam",
    "cvd": "cuộc vận động",
    "ubnd": "ủy ban nhân dân",
    "hdnd": "hội đồng nhân dân",
    "btv": "ban thường vụ",
    "uvbtv": "ủy viên ban thường vụ",
    "bch": "ban chấp hành",
    "mtqg": "mục tiêu quốc gia",
    "ctmtqg": "chương trình mục tiêu quốc gia",
    "tw": "trung ương",  # "tu", "hu", "dv", "tp" are left out: real syllables
    "bdv": "ban dân vận",
    "qcdc": "quy chế dân chủ",
    "ntm": "nông thôn mới",
    "ktxh": "kinh tế xã hội",
    "hcm": "hồ chí minh",
    "pbt": "phó bí thư",
    "ctv": "cộng tác viên",
    "hlhpn": "hội liên hiệp phụ nữ",
    "hnd": "hội nông dân",
    "hccb": "hội cựu chiến binh",
    "dtncshcm": "đoàn thanh niên cộng sản hồ chí minh",
    "cccd": "căn cước công dân",
    "bhxh": "bảo hiểm xã hội",
    "bhyt": "bảo hiểm y tế",
    "bvmt": "bảo vệ môi trường",
    "bdbp": "bộ đội biên phòng",
    "csgt": "cảnh sát giao thông",
    "atgt": "an toàn giao thông",
    "ttatgt": "trật tự an toàn giao thông",
    "antt": "an ninh trật tự",
    "pccc": "phòng cháy chữa cháy",
    "gpmb": "giải phóng mặt bằng",
    "thpt": "trung học phổ thông",
    "thcs": "trung học cơ sở",
    "bvdk": "bệnh viện đa khoa",
    "ttyt": "trung tâm y tế",
    "tand": "tòa án nhân dân",
    "vksnd": "viện kiểm sát nhân dân",
    "thads": "thi hành án dân sự",
    "qltt": "quản lý thị trường",
    "pct": "phó chủ tịch",
    "sn": "sinh năm",  # "(SN 1964)"
    "tx": "thị xã",  # "UBND TX Sa Pa" ("tp", "tt" are left out: real syllables, "tt" also thông tư)
    "ub": "ủy ban",  # "UB Thường vụ Quốc hội", "UB MTTQ phường"
    "ubkt": "ủy ban kiểm tra",
    "bcd": "ban chỉ đạo",
    "bql": "ban quản lý",
    "dbqh": "đại biểu quốc hội",
    "ptt": "phó thủ tướng",
    "qdnd": "quân đội nhân dân",
    "htx": "hợp tác xã",
    "kcn": "khu công nghiệp",
    "attp": "an toàn thực phẩm",
    "tthc": "thủ tục hành chính",
    "ktx": "ký túc xá",
    "dhqg": "đại học quốc gia",
    "hs": "học sinh",  # ("hs", "gv", "sv" are no syllables)
    "gv": "giáo viên",
    "sv": "sinh viên",
    # ministries and departments, however their "&" is written ("Sở GD&ĐT", "Sở GDĐT"; see `words`)
    "nnptnt": "nông nghiệp và phát triển nông thôn",
    "tnmt": "tài nguyên và môi trường",
    "gddt": "giáo dục và đào tạo",
    "ldtbxh": "lao động thương binh và xã hội",
    "vhttdl": "văn hóa thể thao và du lịch",
    "gtvt": "giao thông vận tải",
    "khcnbo": "khoa học và công nghệ",  # only from "KH&CN" ("KHCN" is also "khách hàng cá nhân")
    "khdtbo": "kế hoạch và đầu tư",  # only from "KH&ĐT"
    "tttt": "thông tin và truyền thông",
}
# Places the press also writes in one word ("Sapa"): read as their two words, both ways (and by
# `retrieval.places` as the places); not every two-word name: "Tú An" would be "tuan" (tuần),
# "Mai Sơn" "Maison", "Điện Biên" a glued "diễnbiến"
JOINED_NAMES = {"sapa": "Sa Pa", "dalat": "Đà Lạt", "halong": "Hạ Long", "kontum": "Kon Tum", "daklak": "Đắk Lắk",
                "daknong": "Đắk Nông"}
ABBREVIATIONS.update({joined: name.lower() for joined, name in JOINED_NAMES.items()})
# Compound abbreviations written with "&" ("Bộ NN&PTNT", "LĐ-TB&XH"): `words` makes each
# one token (its folded letters -> the token), never from parts a comma or a document
# code ("45/KH-CN") separates.
_COMPOUND_TOKENS = {"nnptnt": "nnptnt", "tnmt": "tnmt", "gddt": "gddt", "ldtbxh": "ldtbxh", "vhttdl": "vhttdl",
                    "tttt": "tttt", "khcn": "khcnbo", "khdt": "khdtbo"}
_COMPOUND_RE = re.compile(r"(?<![\w&/-])(?:(\w{2})-)?(\w{2})\s?&\s?(\w{2,4})(?![\w&/-])")


def cut_at_word(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word boundary."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    if text[limit] != " " and " " in head:
        head = head.rsplit(" ", 1)[0]  # no half word at the end
    return head.rstrip()


_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "D"})


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# upper-case letters, Vietnamese ones too (Đ, Ấ, Ủ), for regex character classes
CAPITALS = "".join(sorted({c for c in map(chr, range(0x41, 0x1EFA)) if c.isupper()}))


def fold(text: str) -> str:
    """Remove diacritics (đ→d) and return NFC text; case is kept."""
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_TABLE))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", stripped)


STRIP_CHOICES = ("all", "half")


def strip_accents(text: str, how: str = "all") -> str:
    """The question without its diacritics ("all"), or with those of every other
    accented word left off, the first kept ("half": "Kon Rẫy có bao nhiêu mô hình"
    -> "Kon Rẫy co bao nhiêu mo hình"), as a cadre typing in a hurry may write it."""
    if how == "all":
        return fold(text)
    if how != "half":
        raise ValueError(f"unknown way to strip accents {how!r}; valid: {', '.join(STRIP_CHOICES)}")
    out, accented = [], 0
    for word in text.split(" "):
        if fold(word) != word:
            accented += 1
            if accented % 2 == 0:
                word = fold(word)
        out.append(word)
    return " ".join(out)


TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền, sắc, ngã, hỏi, nặng


def split_tone(word: str) -> tuple[str, str]:
    """A lower-cased word's letters (NFC, with their other diacritics) and its tone
    mark, wherever the mark was placed ("thủy" and "thuỷ" give ("thuy", "\u0309"))."""
    chars = unicodedata.normalize("NFD", word.lower())
    return (unicodedata.normalize("NFC", "".join(c for c in chars if c not in TONE_MARKS)),
            "".join(c for c in chars if c in TONE_MARKS))


_WORD_WITH_MARKS_RE = re.compile(r"[\w\u0300-\u036f]+")


_VOWELS = frozenset("aeiouy")


def tone_spellings(word: str) -> frozenset[str]:
    """A lower-cased syllable as it may be written with its tone mark on any of its
    vowels ("hòa": hòa, hoà), and without diacritics ("hoa"), each NFC."""
    letters, tone = split_tone(word)
    out = {fold(letters)} if tone else {fold(letters), letters}
    if tone:
        chars = unicodedata.normalize("NFD", letters)
        for i, c in enumerate(chars):
            if c.lower() in _VOWELS:
                j = i + 1
                while j < len(chars) and unicodedata.combining(chars[j]):
                    j += 1
                out.add(unicodedata.normalize("NFC", chars[:j] + tone + chars[j:]))
    return frozenset(out)


def marks_last(text: str) -> str:
    """Lower-case text with each word's tone mark moved to its end (see `split_tone`),
    so that a mark placed on either vowel ("thủy", "thuỷ"; "hòa", "hoà") reads the same
    in a regular expression."""
    return unicodedata.normalize("NFC", _WORD_WITH_MARKS_RE.sub(
        lambda m: "".join(split_tone(m.group(0))), unicodedata.normalize("NFD", text.lower())))


# A tone mark written on the first vowel of "oa", "oe", "uy" ("hòa", "thủy") or on the second
# ("hoà", "thuỷ"): one spelling, the second (cheaper than `split_tone` on every word; unlike
# `marks_last`, the words stay whole for `words`)
def _old_tones() -> dict[str, str]:
    """"òa" -> "oà", "ủy" -> "uỷ", … for the five tones of "oa", "oe", "uy"."""
    out = {}
    for second, marked_seconds in (("a", "àáảãạ"), ("e", "èéẻẽẹ"), ("y", "ỳýỷỹỵ")):
        first = "u" if second == "y" else "o"
        marked_firsts = "ùúủũụ" if first == "u" else "òóỏõọ"
        for marked_first, marked_second in zip(marked_firsts, marked_seconds):
            out[marked_first + second] = first + marked_second
    return out


_OLD_TONES = _old_tones()
_OLD_TONES_RE = re.compile("|".join(_OLD_TONES))


def one_tone_placement(text: str) -> str:
    """Text with one placement of the tone mark of "oa", "oe", "uy" ("hòa" and "hoà" alike)."""
    return _OLD_TONES_RE.sub(lambda m: _OLD_TONES[m.group(0)], text)


def has_diacritics(text: str) -> bool:
    """True when the text carries any Vietnamese diacritic (or đ)."""
    return fold(text) != text


_GLUED_RE = re.compile(r"\b(số)(?=\d)")  # "số136-KH/HU": a number glued to "số"


def _joined(m: re.Match) -> str:
    """A compound abbreviation's token, or the text as it was."""
    return _COMPOUND_TOKENS.get(fold("".join(g for g in m.groups() if g)), m.group(0))


def words(text: str) -> list[str]:
    """Lower-cased NFC syllables; numbers and document codes kept whole; compound
    abbreviations as one folded token ("NN&PTNT" -> "nnptnt"). (Changing how text
    is split: bump `retrieval.lexical.TOKENS_VERSION`.)"""
    text = _GLUED_RE.sub(r"\1 ", nfc(text).lower())
    text = _COMPOUND_RE.sub(_joined, text)
    out: list[str] = []
    pos = 0
    for m in CODE_TOKEN_RE.finditer(text):
        out.extend(_WORD_RE.findall(text[pos : m.start()]))
        out.append(canonical_code_token(m.group(0)))
        pos = m.end()
    out.extend(_WORD_RE.findall(text[pos:]))
    return [_number(w.replace("_", "")) for w in out if w.strip("_")]


def _number(token: str) -> str:
    """``01`` and ``1`` are the same number ("Nghị quyết 01", "kết quả 1 năm")."""
    return token.lstrip("0") or "0" if token.isascii() and token.isdigit() and token[0] == "0" else token


_EXPANSION_WORDS = {abbr: exp.split() for abbr, exp in ABBREVIATIONS.items()}
# folded first word -> list of (abbr, folded expansion words)
_PHRASES: dict[str, list[tuple[str, list[str]]]] = {}
for _abbr, _exp in ABBREVIATIONS.items():
    _f = fold(_exp).split()
    _PHRASES.setdefault(_f[0], []).append((_abbr, _f))
for _lst in _PHRASES.values():
    _lst.sort(key=lambda item: -len(item[1]))


_LETTERS_RE = re.compile(r"(?<![\w/-])[^\W\d_]{2,9}(?![\w/-])")  # a word of letters, not part of a code


def spell_out_abbreviations(text: str) -> str:
    """The text with the field's abbreviations followed by their words ("MTTQ tham gia…"
    -> "MTTQ (mặt trận tổ quốc) tham gia…"), for the encoder, which knows the words
    better than the letters, while a passage may write either; codes ("25-NQ/TW") are
    left as they are. (Measured with e5: written out alone, a passage writing "MTTQ"
    lost cosine; the two forms embedded apart cost a second embedding.) An abbreviation
    whose words the text already writes ("Mặt trận Tổ quốc (MTTQ)") is left alone."""
    text = nfc(text)
    written = " " + " ".join(fold(w) for w in words(text)) + " "

    def one(m: re.Match) -> str:
        long_form = ABBREVIATIONS.get(fold(m.group(0)).lower())
        if not long_form or f" {fold(long_form)} " in written:
            return m.group(0)
        return f"{m.group(0)} ({long_form})"
    return _LETTERS_RE.sub(one, text)


def abbreviation_variants(phrase: str) -> list[str]:
    """A folded, space-separated phrase with an abbreviation of the field in its other
    form ("mttq kon tum" -> "mat tran to quoc kon tum", and back)."""
    out = []
    for abbr, long_form in ABBREVIATIONS.items():
        folded_long = fold(long_form)
        if f" {abbr} " in f" {phrase} ":
            out.append(f" {phrase} ".replace(f" {abbr} ", f" {folded_long} ").strip())
        elif f" {folded_long} " in f" {phrase} ":
            out.append(f" {phrase} ".replace(f" {folded_long} ", f" {abbr} ").strip())
    return out


def expand_abbreviations(tokens: list[str]) -> list[str]:
    """Tokens plus the other form of every abbreviation or expansion found.

    ``["dtts"]`` gains ``dân tộc thiểu số``; ``dân tộc thiểu số`` gains ``dtts``.
    The added tokens are appended, so bigrams of the original order survive.
    """
    extra: list[str] = []
    folded = [fold(t) for t in tokens]
    for i, f in enumerate(folded):
        exp = _EXPANSION_WORDS.get(f)
        if exp:
            extra.extend(exp)
        for abbr, phrase in _PHRASES.get(f, ()):
            if folded[i : i + len(phrase)] == phrase:
                extra.append(abbr)
                break
    return tokens + extra


def is_code(token: str) -> bool:
    return "-" in token and "/" in token


# Spelled numbers as periods use them (accented, lower). "năm" (five) is left out
# of durations: "năm tháng" mostly means "years and months"; months say "tháng tư".
_DURATION_WORDS = {1: "một", 2: "hai", 3: "ba", 4: "bốn", 6: "sáu", 7: "bảy", 8: "tám", 9: "chín", 10: "mười"}
_MONTH_WORDS = {2: "hai", 3: "ba", 4: "tư", 5: "năm", 6: "sáu", 7: "bảy", 8: "tám", 9: "chín", 10: "mười"}
_QUARTER_WORDS = {1: "một", 2: "hai", 3: "ba", 4: "bốn"}
_ROMAN = {1: "i", 2: "ii", 3: "iii", 4: "iv"}
_NUMBER_PARTS = {"một", "hai", "ba", "bốn", "tư", "năm", "lăm", "sáu", "bảy", "tám", "chín", "mười", "mươi", "mốt"}
_AFTER_SPELLED_MONTH = {"một", "mốt", "hai", "mươi", "lăm", "lần"}  # "tháng mười hai", "tháng hai lần"


def _digit(token: str, top: int) -> int | None:
    return int(token) if token.isascii() and token.isdigit() and 1 <= int(token) <= top else None


def _read(token: str, words: dict[int, str], top: int, spelled: bool) -> int | None:
    n = _digit(token, top)
    if n is None and spelled:
        n = next((k for k, w in words.items() if w == token), None)
    return n


def period_variants(tokens: list[str], accented: bool) -> list[tuple[str, str]]:
    """Word pairs spelling the periods of a question another way: ``sáu tháng`` →
    (``6``, ``tháng``); ``tháng 6`` → (``tháng``, ``sáu``); ``quý I`` → (``quý``, ``1``),
    (``quý``, ``một``). Number words are read only in an accented question (``sau``
    is also "after", ``ba`` also "Mrs"), and not where they are part of a longer
    number (``mười hai tháng``) or a date (``ngày 5 tháng 6``, ``9 tháng năm 2023``)."""
    out: list[tuple[str, str]] = []

    def nxt(k: int) -> str:
        return tokens[k] if 0 <= k < len(tokens) else ""

    for i, tok in enumerate(tokens):
        unit = tok if accented else fold(tok)
        if unit in ("tháng", "thang"):
            # a duration before it, unless it is a day (a month number follows, or
            # "ngày" comes before) or the end of a longer number
            n = _read(nxt(i - 1), _DURATION_WORDS, 12, accented)
            if n is not None and _digit(nxt(i + 1), 12) is None and nxt(i - 2) != "ngày" \
                    and nxt(i - 2) not in _NUMBER_PARTS and not nxt(i - 2).isdigit():
                out += [(w, tok) for w in (str(n), _DURATION_WORDS.get(n)) if w and w != nxt(i - 1)]
            # a month after it; a spelled one not when a longer number, "lần" or a year follows
            n = _read(nxt(i + 1), _MONTH_WORDS, 12, accented)
            spelled = nxt(i + 1) in _MONTH_WORDS.values()
            if n is not None and not (spelled and (nxt(i + 2) in _AFTER_SPELLED_MONTH or nxt(i + 2).isdigit())):
                out += [(tok, w) for w in (str(n), _MONTH_WORDS.get(n)) if w and w != nxt(i + 1)]
        else:
            n = quarter_at(tokens, i, accented)
            if n is not None:
                out += [(tok, w) for w in quarter_spellings(n) if w != nxt(i + 1)]
    return out


def quarter_at(tokens: list[str], i: int, accented: bool) -> int | None:
    """The quarter ``tokens[i:i+2]`` names (``quý I``, ``quý 2``, ``quý ba``), else None."""
    if i + 1 >= len(tokens) or (tokens[i] if accented else fold(tokens[i])) not in ("quý", "quy"):
        return None
    nx = tokens[i + 1]
    return _read(nx, _QUARTER_WORDS, 4, accented) or next((k for k, r in _ROMAN.items() if r == nx), None)


def quarter_spellings(n: int) -> tuple[str, ...]:
    """The words that follow "quý" for quarter `n` (accented, lower case)."""
    return str(n), _QUARTER_WORDS[n], _ROMAN[n]
