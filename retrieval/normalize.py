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

import html
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
}

_TAG_RE = re.compile(r"</?[a-zA-Z!][^<>]{0,200}>")  # a tag starts with a letter: "1 < 2" stays


def clean_question(text: str) -> str:
    """A question as typed, minus markup: HTML tags dropped, entities decoded,
    whitespace collapsed (``<b>MTTQ</b>  &amp; dân vận`` → ``MTTQ & dân vận``)."""
    return " ".join(html.unescape(_TAG_RE.sub(" ", text)).split())


_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "D"})


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Remove diacritics (đ→d) and return NFC text; case is kept."""
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_TABLE))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", stripped)


def has_diacritics(text: str) -> bool:
    """True when the text carries any Vietnamese diacritic (or đ)."""
    return fold(text) != text


def words(text: str) -> list[str]:
    """Lower-cased NFC syllables; numbers and document codes kept whole."""
    text = nfc(text).lower()
    out: list[str] = []
    pos = 0
    for m in CODE_TOKEN_RE.finditer(text):
        out.extend(_WORD_RE.findall(text[pos : m.start()]))
        out.append(canonical_code_token(m.group(0)))
        pos = m.end()
    out.extend(_WORD_RE.findall(text[pos:]))
    return [w.replace("_", "") for w in out if w.strip("_")]


_EXPANSION_WORDS = {abbr: exp.split() for abbr, exp in ABBREVIATIONS.items()}
# folded first word -> list of (abbr, folded expansion words)
_PHRASES: dict[str, list[tuple[str, list[str]]]] = {}
for _abbr, _exp in ABBREVIATIONS.items():
    _f = fold(_exp).split()
    _PHRASES.setdefault(_f[0], []).append((_abbr, _f))
for _lst in _PHRASES.values():
    _lst.sort(key=lambda item: -len(item[1]))


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


# Number words and Roman numerals as periods use them (accented, lower).
_NUMBER_WORDS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7,
                 "tám": 8, "chín": 9, "mười": 10}
_SPELLED = {1: "một", 2: "hai", 3: "ba", 4: "bốn", 5: "năm", 6: "sáu", 7: "bảy", 8: "tám", 9: "chín", 10: "mười"}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _number(token: str, roman: bool = False) -> int | None:
    if token.isdigit() and 1 <= int(token) <= 12:
        return int(token)
    if roman and token in _ROMAN:
        return _ROMAN[token]
    return _NUMBER_WORDS.get(token)


def _spellings(n: int, roman: bool = False) -> list[str]:
    out = [str(n)] + ([_SPELLED[n]] if n in _SPELLED else [])
    if roman:
        out += [r for r, v in _ROMAN.items() if v == n]
    return out


def period_variants(tokens: list[str]) -> list[tuple[str, tuple[str, str]]]:
    """Other spellings of the periods in tokens: ``sáu tháng`` gives ``6`` and
    (``6``, ``tháng``); ``tháng 6`` gives ``sáu`` and (``tháng``, ``sáu``); ``quý I``
    gives ``1``, ``một`` and their pairs with ``quý``. Units may be typed without
    accents; number words only with them (``sau`` is also "after")."""
    out: list[tuple[str, tuple[str, str]]] = []
    for i, tok in enumerate(tokens):
        unit = fold(tok)
        if unit not in ("thang", "quy"):
            continue
        spans = [(i + 1, unit == "quy")] if i + 1 < len(tokens) else []  # "tháng sáu", "quý I"
        if unit == "thang" and i > 0:
            spans.append((i - 1, False))  # "sáu tháng": a duration
        for j, roman in spans:
            n = _number(tokens[j], roman)
            if n is None or (roman and n > 4):
                continue
            for other in _spellings(n, roman):
                if other != tokens[j]:
                    out.append((other, (tok, other) if j > i else (other, tok)))
    return out
