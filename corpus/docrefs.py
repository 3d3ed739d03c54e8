"""Find references to Party and State documents in text (pure).

Recognises ``Nghị quyết số 25-NQ/TW, ngày 03/6/2013``, ``Kế hoạch số136-KH/HU``,
``Chương trình số 62-CTr/HU``, ``Quyết định số 217-QĐ/TW``, ``Nghị quyết 01``,
and loose query forms such as ``18 CT TU``, ``18-ct/tu`` or ``nq25``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from corpus.types import DocRef

KINDS: dict[str, str] = {
    "nghị quyết": "NQ",
    "chỉ thị": "CT",
    "kế hoạch": "KH",
    "chương trình": "CTr",
    "quyết định": "QĐ",
    "kết luận": "KL",
    "quy định": "QĐi",
    "hướng dẫn": "HD",
    "thông báo": "TB",
    "đề án": "ĐA",
    "nghị định": "NĐ",
    "thông tư": "TT",
    "công văn": "CV",
    "công điện": "CĐ",
    "báo cáo": "BC",
    "văn bản": "VB",  # only with a code: "văn bản số 3370/BGTVT-ĐTCT"
}
_NEEDS_CODE = frozenset({"văn bản"})  # "văn bản 2" is no document's name
_NEEDS_NUMBER_WORD = frozenset({"công điện"})  # without "số" or a code: "thi công điện 35 kV"
# Bumped when `extract_refs` reads more: a store extracts its articles' references again once.
# 2: "văn bản số 3368/BGTVT-ATGT", "Công điện số 02/CĐ-UBND".
# 3: a department numbered ("2630/UBND-DL1"); "công điện" only with "số" or a code; a merged
#    reference keeps the kind named.
REFS_VERSION = "3"
# Issuer implied by the suffix of a code.
ISSUERS: dict[str, str] = {
    "TW": "Trung ương",
    "TU": "Tỉnh ủy",
    "HU": "Huyện ủy",
    "ĐU": "Đảng ủy",
    "TƯ": "Trung ương",
    "CP": "Chính phủ",
    "TTg": "Thủ tướng Chính phủ",
    "UBND": "Ủy ban nhân dân",
    "BDVTW": "Ban Dân vận Trung ương",
    "BDVTU": "Ban Dân vận Tỉnh ủy",
    "BDVHU": "Ban Dân vận Huyện ủy",
}

_L = r"A-Za-zĐđƯưƠơ"  # letters that occur in document codes
# A code as it appears in text or as a token: 25-NQ/TW, 136-KH/HU, 18 ct tu.
_CODE_BODY = rf"(\d{{1,4}})(?:\s*-\s*|\s+)([{_L}]{{1,6}})\s*/\s*([{_L}]{{1,8}}(?:-[{_L}]{{1,8}})?)"
CODE_TOKEN_RE = re.compile(rf"(?<![\w/-]){_CODE_BODY}(?![\w/])", re.UNICODE)

_KIND_ALT = "|".join(sorted(KINDS, key=len, reverse=True))
_REF_RE = re.compile(
    rf"(?P<kind>{_KIND_ALT})(?:\s+(?:liên\s+tịch|hành\s+động))?\s*(?P<so>số\s*)?"
    rf"(?P<num>\d{{1,4}})(?!\d|[.,]\d|/\d{{1,2}}/)"
    rf"(?:\s*-\s*(?P<abbr>[{_L}]{{1,6}})\s*/\s*(?P<suffix>[{_L}]{{1,8}}(?:-[{_L}]{{1,8}})?)"
    # State style: 45/KH-UBND, 1719/QĐ-TTg, 05/2022/NĐ-CP
    rf"|(?:/(?P<year>\d{{4}}))?\s*/\s*(?P<sabbr>[{_L}]{{1,6}})\s*-\s*(?P<sissuer>[{_L}]{{1,8}}(?:\d{{1,2}}(?!\d))?))?"
    rf"(?=(?P<tail>[^.;\n]{{0,160}}))",
    re.IGNORECASE | re.UNICODE,
)
# After a bare number ("Nghị quyết 01"), these words mean it was not a document number.
_NOT_A_NUMBER = re.compile(r"^\s*(?:năm|tháng|ngày|tuần|lần|người|điểm|%|giờ|phút|xã|huyện|tỉnh|mô hình|nội dung)\b",
                           re.IGNORECASE)
_DATE_RE = re.compile(r"^\s*,?\s*(?:ngày\s*)?(\d{1,2})\s*[/-]\s*(\d{1,2})\s*[/-]\s*(\d{4})", re.IGNORECASE)
_ISSUER_RE = re.compile(
    r"^\s*(?:,?\s*ngày\s*\d{1,2}/\d{1,2}/\d{4}\s*)?,?\s*của\s+"
    r"((?:Ban|Bộ|Ủy|Uỷ|Hội|Thủ|Chính|Tỉnh|Huyện|Thành|Đảng|Quốc|Mặt|Văn)[^,.;:“”\"(]{2,70}?)"
    r"(?=\s+(?:về|khóa|khoá|nhiệm kỳ|lần|thực hiện|“|\")|[,.;:“”\"(]|$)",
    re.IGNORECASE,
)


def canonical_code(number: str, abbr: str, suffix: str) -> str:
    """``25``, ``nq``, ``tw`` -> ``25-NQ/TW``; keeps the ``CTr`` spelling."""
    abbr_u = abbr.upper()
    abbr_c = {"CTR": "CTr", "QĐI": "QĐi"}.get(abbr_u, abbr_u)
    suffix_u = suffix.upper().replace("TTG", "TTg")
    return f"{int(number)}-{abbr_c}/{suffix_u}"


def canonical_code_token(text: str) -> str:
    """A code as one lower-case, folded token: ``25-NQ/TW`` -> ``25-nq/tw``."""
    m = CODE_TOKEN_RE.search(text)
    if not m:
        return text.lower()
    return _fold(canonical_code(*m.groups()).lower())


def _fold(s: str) -> str:
    s = s.replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn"))


def ref_key(ref: DocRef) -> str:
    if ref.code:
        return ref.code
    return f"{KINDS.get(ref.kind.lower(), ref.kind)} {int(ref.number):02d}"


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), text.rfind("; ", 0, start))
    left = 0 if left < 0 else left + 1
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return " ".join(text[left:right].split()).strip()


def extract_refs(text: str) -> list[DocRef]:
    """Every document mentioned in `text`, in order, duplicates merged."""
    text = unicodedata.normalize("NFC", text)
    found: dict[str, DocRef] = {}
    for m in _REF_RE.finditer(text):
        kind_raw = m.group("kind")
        kind = kind_raw[0].upper() + kind_raw[1:].lower()
        number = m.group("num")
        code = None
        issuer = None
        tail = m.group("tail") or ""
        if m.group("abbr"):
            code = canonical_code(number, m.group("abbr"), m.group("suffix"))
            issuer = ISSUERS.get(code.split("/")[1])
        elif m.group("sabbr"):
            sissuer = m.group("sissuer").upper().replace("TTG", "TTg")
            year = f"{m.group('year')}/" if m.group("year") else ""
            code = f"{number}/{year}{m.group('sabbr').upper()}-{sissuer}"
            issuer = ISSUERS.get(sissuer)
        elif (kind_raw.lower() in _NEEDS_CODE or not m.group("so") and (
                kind_raw.lower() in _NEEDS_NUMBER_WORD or len(number) > 3 or _NOT_A_NUMBER.match(tail))):
            continue  # "kết luận 2 năm", "thông báo 2023": a count or a year, not a document
        date = None
        dm = _DATE_RE.match(tail)
        if dm:
            try:
                date = dt.date(int(dm.group(3)), int(dm.group(2)), int(dm.group(1)))
            except ValueError:
                date = None
        im = _ISSUER_RE.match(tail)
        if im:
            issuer = " ".join(im.group(1).split())
        ref = DocRef(kind=kind, number=number, code=code, issuer=issuer, date=date,
                     mention=_sentence_around(text, m.start(), m.end("num")))
        key = ref_key(ref)
        old = found.get(key)
        if old is None:
            found[key] = ref
        else:  # keep the richest description of the same document
            kind = ref.kind if old.kind.lower() in _NEEDS_CODE else old.kind  # "Nghị quyết", not "Văn bản"
            found[key] = DocRef(kind, old.number, old.code, old.issuer or ref.issuer,
                                old.date or ref.date, old.mention)
    return list(found.values())


# A State-style code typed whole, whatever its letters: "3368/BGTVT-ATGT", "02/CĐ-UBND" (not
# one with a year, "60/2018/TT-BGTVT", nor a date "16/4")
_STATE_CODE_RE = re.compile(rf"(?<![\w/=&?])(\d{{1,4}})\s*/\s*([{_L}]{{2,8}})\s*-\s*([{_L}]{{2,8}}(?:\d{{1,2}}(?!\d))?)(?![\w/])")
_LOOSE_CODE_RE = re.compile(
    r"(?<![\w/])(\d{1,4})\s*[-/\s]?\s*(nq|ct|ctr|kh|qd|qđ|kl|hd|hđ|tb|da|đa|nd|nđ|tt|cv|bc)"
    r"(?:\s*[/\s-]?\s*(tw|tư|tu|hu|du|đu|cp|ttg|ubnd))?(?![\w])",
    re.IGNORECASE,
)
_LOOSE_ABBR_FIRST_RE = re.compile(
    r"(?<![\w])(nq|ct|ctr|kh|qd|qđ|kl|hd|tb|nd|nđ|tt)\s*[-\s]?\s*(\d{1,4})(?![\w])", re.IGNORECASE
)


# "Nghị quyết 25 nói gì", "chi thi so 18 ve …": a kind of document and its number, read
# only where a question about a document goes on (a question word, "về", "của", a date,
# its issuer, the end) and never from a count ("Đề án 1 triệu ha", "kế hoạch 2 đợt",
# "100%", "1.200 hộ") or a year ("Nghị quyết 2020"). Accented questions are read with
# their accents ("để ăn 2 bữa" is no "đề án 2").
_FOLLOWER_WORDS = ("nói|về|của|là|ban|có|được|đã|gì|thế|như|quy|yêu|hướng|trong|thực|triển|đề|nêu|gồm|còn|hiệu"
                   "|áp|khi|và|do|ra|mới|này|với|cho|thì|tw|tu|hu")
_DOC_FOLLOWERS = {
    accented: re.compile(r"\s*(?:[?.,;:!)]|$)|\s+(?:(?:" + (_FOLLOWER_WORDS if accented else _fold(_FOLLOWER_WORDS))
                         + r")\b|(?:" + ("ngày|năm" if accented else "ngay|nam") + r")\s+\d)")
    for accented in (True, False)
}
_KIND_NUMBER_RE = {
    accented: re.compile(
        r"(?<![\w])(" + "|".join(sorted({k if accented else _fold(k) for k in KINDS}, key=len, reverse=True))
        + r")(?:\s+(?:hành động|hanh dong))?\s+(?:số\s*|so\s*)?(?!(?:19|20)\d\d\b)(\d{1,4})(?![\w.,%/-])")
    for accented in (True, False)
}
_KIND_ABBRS = {k: (_fold(v.lower()),) for k, v in KINDS.items()}
_KIND_ABBRS["quy định"] = ("qdi", "qd")  # Party regulations are coded QĐi or QĐ ("69-QĐ/TW")
_KIND_ABBRS["văn bản"] = (None,)  # a letter's code names its ministry, not its kind ("3368/BGTVT-ATGT")
_KIND_ABBRS.update({_fold(k): v for k, v in list(_KIND_ABBRS.items())})
# The abbreviations of document kinds in codes ("nq", "ct", "qdi"…): a number typed alone
# is any document's of that number, not "60 km/h" or "700 UI/L".
DOCUMENT_ABBRS = tuple(sorted({a for abbrs in _KIND_ABBRS.values() for a in abbrs if a}))


_ISSUER_ABBRS = frozenset(_fold(k.lower()) for k in ISSUERS)
# what a rate is counted per ("300 kh/ngay": 300 customers a day, "10 tb/thang")
_PER_UNITS = frozenset(("ngay", "thang", "nam", "tuan", "gio", "h", "phut", "nguoi", "ho", "lan", "ca", "kg", "km",
                        "tan", "ha", "m", "m2", "lit", "con", "xa", "ky"))


def _document_typed(typed: str, kind: str, issuer: str) -> bool:
    """Whether a code as typed in a query names a document: typed with no space after its number
    ("18-ct/tu", "45/KH-UBND"), or with one and a document kind's abbreviation ("18 CT TU", "05
    QC/TW" by its issuer); not a price or a rate typed bare ("5 trieu/thang", "100 USD/nguoi", "60
    km/h", "300 kh/ngay"), nor "đã" typed bare after a number ("30 da du dieu kien", "2 da tu vong":
    ĐA, đề án, typed in capitals or with its issuer after a slash, "4 da/tu")."""
    number_end = len(typed) - len(typed.lstrip("0123456789"))
    if not typed[number_end:number_end + 1].isspace():
        return True
    issuer = _fold(issuer.lower())
    if issuer in _PER_UNITS:
        return False
    if kind == "da":
        return "/" in typed and issuer in _ISSUER_ABBRS
    return _fold(kind.lower()) in DOCUMENT_ABBRS or issuer in _ISSUER_ABBRS


def parse_code_query(text: str) -> list[tuple[int, str | None, str | None]]:
    """Loose document codes in a query: ``18 CT TU`` -> ``[(18, "ct", "tu")]``;
    ``Nghị quyết 25`` -> ``[(25, "nq", None)]``.

    Returns (number, folded lower abbr or None, folded lower suffix or None).
    """
    out: list[tuple[int, str | None, str | None]] = []
    for m in CODE_TOKEN_RE.finditer(text):
        if _document_typed(m.group(0), m.group(2), m.group(3)):
            out.append((int(m.group(1)), _fold(m.group(2).lower()), _fold(m.group(3).lower())))
    if out:
        return out
    for m in _STATE_CODE_RE.finditer(text):
        out.append((int(m.group(1)), _fold(m.group(2).lower()), _fold(m.group(3).lower())))
    for m in _LOOSE_CODE_RE.finditer(text):
        per = re.match(r"\s*/\s*(\w+)", text[m.end():])
        if _document_typed(m.group(0), m.group(2), m.group(3) or (per.group(1) if per else "")):
            suffix = _fold(m.group(3).lower()) if m.group(3) else None
            out.append((int(m.group(1)), _fold(m.group(2).lower()), suffix))
    for m in _LOOSE_ABBR_FIRST_RE.finditer(text):
        out.append((int(m.group(2)), _fold(m.group(1).lower()), None))
    accented = text != _fold(text)
    typed = unicodedata.normalize("NFC", text).lower()
    folded = _fold(typed)
    read = typed if accented else folded
    for m in _KIND_NUMBER_RE[accented].finditer(read):
        if _DOC_FOLLOWERS[accented].match(read, m.end()):
            out += [(int(m.group(2)), abbr, None) for abbr in _KIND_ABBRS[m.group(1)]]
    return list(dict.fromkeys(out))


# A code as documents write it: "25-NQ/TW", "3368/BGTVT-ATGT", "60/2018/TT-BGTVT" (not "60 km/h")
_WRITTEN_CODE_RE = re.compile(rf"(?<![\w/-])(\d{{1,4}})(?:\s*-\s*[{_L}]{{1,6}}\s*/\s*[{_L}]{{1,8}}"
                              rf"|(?:/\d{{4}})?/[{_L}]{{1,8}}-[{_L}]{{1,8}})(?![\w/])")
# Kinds a number alone names a document of ("Chỉ thị 16", "Quyết định 486", "Đề án 06", "Kết luận 126";
# not "thông báo 5 ca mắc mới", "Kế hoạch 2 đợt", "Báo cáo 3 vụ cháy")
NUMBERED_KINDS = ("nghị quyết", "chỉ thị", "nghị định", "thông tư", "công văn", "công điện", "văn bản", "quyết định",
                  "đề án", "kết luận")
# one of them and a four-digit number no year could be ("Quyết định 1234 năm 2022"; `extract_refs`
# reads "thông báo 2023" as no document)
_KIND_FOUR_DIGITS_RE = re.compile(rf"\b(?:{'|'.join(NUMBERED_KINDS)})\s+(?!1[89]\d\d|20\d\d)(\d{{4}})(?!\d|[.,]\d)",
                                  re.IGNORECASE)
# "Kế hoạch 45": a plan by a number of two digits or more (not "Kế hoạch 2 đợt", "kế hoạch 10 năm")
_PLAN_NUMBER_RE = re.compile(r"\bkế hoạch\s+(\d{2,3})(?!\d|[.,]\d|\s*%)", re.IGNORECASE)
# a kind, up to two words, "số" and a number: "văn bản số 3370", "Công điện hỏa tốc số 15" (which
# `extract_refs` reads only with a code or with "số" right after the kind)
_KIND_NUMBER_WRITTEN_RE = re.compile(rf"\b(?:{_KIND_ALT})(?:\s+\w+){{0,2}}?\s+số\s*(\d{{1,4}})(?![\d.,]\d|\s*%)",
                                     re.IGNORECASE)


def document_numbers(text: str, coded: bool = False) -> frozenset[int]:
    """The numbers of the documents a text names: by a code ("25-NQ/TW", "3368/BGTVT-ATGT"), or, unless
    `coded`, by its kind and number ("Công điện số 860", "văn bản số 3370", "Chỉ thị 16")."""
    text = unicodedata.normalize("NFC", text)
    refs = extract_refs(text)
    numbers = {int(m.group(1)) for m in _WRITTEN_CODE_RE.finditer(text)}
    numbers |= {int(ref.number) for ref in refs if ref.code}
    if not coded:
        numbers |= {int(m.group(1)) for m in _KIND_NUMBER_WRITTEN_RE.finditer(text)}
        numbers |= {int(ref.number) for ref in refs if ref.kind.lower() in NUMBERED_KINDS}
        numbers |= {int(m.group(1)) for m in _KIND_FOUR_DIGITS_RE.finditer(text)}
        numbers |= {int(m.group(1)) for m in _PLAN_NUMBER_RE.finditer(text) if not _NOT_A_NUMBER.match(text[m.end():])}
    return frozenset(numbers)


def code_parts(code: str) -> tuple[str, str]:
    """(type abbreviation, issuer) of ``25-NQ/TW`` or of ``45/KH-UBND``, ``05/2022/NĐ-CP``."""
    m = re.match(r"^\d+-([^/]+)/(.+)$", code)
    if m:
        return m.group(1), m.group(2)
    m = re.match(r"^\d+(?:/\d{4})?/([^-]+)-(.+)$", code)
    return (m.group(1), m.group(2)) if m else ("", "")


def fits_query(code: tuple[int, str, str], queries) -> bool:
    """Does a code (number, folded type, folded issuer) fit one of the loosely typed
    query codes, whose type or issuer may be None (left open)?"""
    num, kind, issuer = code
    return any(num == n and k in (None, kind) and i in (None, issuer) for n, k, i in queries)


def code_matches(ref_code: str | None, ref_kind: str, ref_number: str,
                 query: tuple[int, str | None, str | None]) -> bool:
    """Does a stored reference match a loose query code?"""
    number, abbr, suffix = query
    try:
        if int(ref_number) != number:
            return False
    except ValueError:
        return False
    if ref_code:
        r_abbr, r_suffix = code_parts(ref_code)
        if abbr and _fold(r_abbr.lower()) != abbr:
            return False
        if suffix and _fold(r_suffix.lower()) != suffix:
            return False
        return True
    kind_abbr = _fold(KINDS.get(ref_kind.lower(), "").lower())
    return (abbr is None or abbr == kind_abbr) and suffix is None
