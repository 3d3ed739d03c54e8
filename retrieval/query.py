"""What a question asks for besides its words: years, places, document codes,
and the laws and periods it names (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.docrefs import parse_code_query
from retrieval.normalize import ABBREVIATIONS, fold, has_diacritics, quarter_at, quarter_spellings, words
from retrieval.question.message import ASKING_PHRASES
from retrieval.places import clauses, folded_words, title_cased

_YEAR_RE = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")


@dataclass(frozen=True)
class QueryIntent:
    years: tuple[int, ...]
    codes: tuple[tuple[int, str | None, str | None], ...]
    places: tuple[str, ...]  # place names of the corpus found in the question
    quoted: tuple[str, ...]  # "quoted phrases" (folded)


def analyse(question: str, known_places: tuple[str, ...] = ()) -> QueryIntent:
    folded_q = " " + folded_words(question) + " "
    places = tuple(p for p in known_places if len(p) >= 3 and " " + folded_words(p) + " " in folded_q)
    quoted = tuple(fold(q).lower() for q in re.findall(r"[\"“]([^\"”]{3,80})[\"”]", question))
    return QueryIntent(
        years=tuple(int(y) for y in _YEAR_RE.findall(question)),
        codes=tuple(parse_code_query(question)),
        places=places,
        quoted=quoted,
    )


# What a question ends on to ask ("… là gì?", "… bao nhiêu?", "… có … không?"):
# the encoder reads the question without it. e5 puts a question ending on these
# words closer to every passage, so its cosines told in-domain from off-topic
# questions less well (ViNewsQA dev found 0.952 -> 0.962 accented at the same
# off-topic rate; the ranking barely moves, see docs/evaluation.md).
_ASKING_ENDS = (*ASKING_PHRASES, "cái gì", "gì", "nào", "mấy", "ai", "không")
# and as typed without accents, where restoring them left them so ("may" is also
# máy, a machine: only "mấy" with its accent)
_ASKING_ENDS += tuple(fold(w) for w in _ASKING_ENDS if fold(w) not in _ASKING_ENDS and w != "mấy")
_ASKING_END_RE = re.compile(r"\b(?:" + "|".join(_ASKING_ENDS) + r")\b[\s?.!,;:…]*$", re.I)


def without_asking_words(question: str) -> str:
    """The question without the question words it ends on (at most two runs:
    "… có được không, là gì?"); the question itself when nothing else is left."""
    text = question
    for _ in range(2):
        text = _ASKING_END_RE.sub("", text).strip()
    return text or question


def full_codes(question: str) -> list[tuple[tuple[int, str, str], str]]:
    """Document codes written in full in a question (number, type and issuer:
    ``25-NQ/TW``, ``18 CT TU``, ``3370/BGTVT-ĐTCT``), each with the text it was typed as (what
    `parse_code_query` reads as a code: not "15.000 dong/kg", "30 da du")."""
    out = []
    for m in re.finditer(r"(?<![\w/])\d{1,4}(?:\s*[-/ ]\s*[^\W\d_]{1,6}){2}\b", question):  # not 15/"2020/NĐ-CP"
        typed = m.group(0)
        out += [((number, kind, issuer), typed) for number, kind, issuer in parse_code_query(typed) if kind and issuer]
    return out


@dataclass(frozen=True)
class Named:
    """A law, a quarter or a year a question names. As with places and document
    codes, the store cannot answer the question unless some article mentions it."""

    text: str  # as the reply names it
    keys: tuple[str, ...]  # folded word sequences; an article mentioning any one is enough
    year: int | None = None  # a year also counts when an article was published in it


# Words that end a law's name: question words and the verbs asked about it
# ("Luật Đất đai quy định gì", "… có hiệu lực từ ngày nào", "… được ban hành …",
# "Luật Biển nêu …"): the name ends there ("Luật Biển"), and an article mentions
# the law when it holds "luật" and the name's first two words.
_LAW_NAME_ENDS = set(
    "có là gì nào bao nhiêu đâu thế như khi ai năm và của các những về trong được với cho tại "
    "quy nói ban sửa hiệu thi áp mới này nêu đã thì sẽ đang lấy giúp hướng ra mà cần đối gồm yêu".split())
_FOLDED_LAW_NAME_ENDS = {fold(w) for w in _LAW_NAME_ENDS}
_YEAR_AFTER_RE = re.compile(r"(?:\bnam\s+|/)(19[5-9]\d|20\d\d)(?!\d)")


def _law_keys(name: list[str]) -> tuple[str, ...]:
    """How an article may mention a law whose name's folded words are `name`:
    "luật" and the name's first two words (one if it has one), the first word's
    abbreviation of the field written out whole, or the abbreviation of the words it
    starts with ("Luật MTTQ" / "Luật Mặt trận Tổ quốc Việt Nam")."""
    while len(name) > 2 and name[-2:] == ["viet", "nam"]:  # "Luật Biển Việt Nam" is written "Luật Biển" too
        name = name[:-2]
    keys = [" ".join(["luat", *name[:2]])]
    if name[0] in ABBREVIATIONS:  # written out whole: "Luật BHXH" is no "Luật Bảo hiểm y tế"
        keys.append("luat " + fold(ABBREVIATIONS[name[0]]))
    for abbr, phrase in ABBREVIATIONS.items():
        spelled = fold(phrase).split()
        if name[:len(spelled)] == spelled:
            keys.append(f"luat {abbr}")
    return tuple(dict.fromkeys(keys))


def named_laws(question: str) -> tuple[Named, ...]:
    """Laws named with capitals: "Luật Thực hiện dân chủ ở cơ sở", "Bộ luật Lao
    động" (not "pháp luật Việt Nam", nor a question in title case)."""
    if title_cased(question):
        return ()
    accented = has_diacritics(question)  # then "Nam" is a name, not "năm"
    out: list[Named] = []
    for ws in clauses(question):
        folded = [fold(w).lower() for w in ws]
        ends = [w.lower() in _LAW_NAME_ENDS if accented else f in _FOLDED_LAW_NAME_ENDS for w, f in zip(ws, folded)]
        for i, f in enumerate(folded[:-1]):
            if f != "luat" or not ws[i + 1][0].isupper() or (i and folded[i - 1] == "phap"):
                continue
            j = i + 2
            while j < len(ws) and j - i <= 8 and not ends[j] and not ws[j].isdigit():
                j += 1
            start = i - 1 if i and folded[i - 1] == "bo" else i
            named = Named(" ".join(ws[start:j]), _law_keys(folded[i + 1:j]))
            if named not in out:
                out.append(named)
    return tuple(out)


def named_quarters(question: str) -> tuple[Named, ...]:
    """Quarters: "quý I", "quy 2"; the first also as "3 tháng đầu năm"."""
    toks = words(question)
    accented = has_diacritics(question)
    out: list[Named] = []
    for i in range(len(toks) - 1):
        n = quarter_at(toks, i, accented)
        if n is None:
            continue
        keys = tuple(f"quy {fold(w)}" for w in quarter_spellings(n))
        if n == 1:
            keys += ("3 thang dau nam", "ba thang dau nam")
        roman = quarter_spellings(n)[2].upper()
        named = Named(f"quý {roman}", keys)
        if named not in out:
            out.append(named)
    return tuple(out)


# A bare year ends its clause or is followed by a question word ("kon tum 2022", "dân vận
# khéo 2023 có gì"), and no count's word is before it: "2000 hộ", "tăng 2000" are counts,
# "Quyết định 2020" a document; nor is one end of a range ("nhiệm kỳ 2020-2025").
_BARE_YEAR_RE = re.compile(r"(?<![\w/.,\-–])(199\d|20[0-3]\d)(?![\w/.,%\-–])(?=\s*(?:$|[?!.,;:)]|(?:co|la|the|nhu|ra|"
                           r"ve|cua|tai|o|thi|va|bao|nao|gi|duoc|da|dat)\b))")
_COUNT_BEFORE = {"co", "tang", "giam", "duoc", "la", "khoang", "gan", "hon", "tren", "duoi", "den", "toi", "dat",
                 "so", "con", "them", "voi", "tong",
                 "dinh", "quyet", "thi", "hoach", "luat"}  # a document's number: "Quyết định 2020"


def named_years(question: str) -> tuple[Named, ...]:
    """Years written as years: after "năm", in a date ("năm 2023", "quý I/2023",
    "6/2022") or bare at a clause's end ("kon tum 2022"); a bare 2000 may be a count
    ("2000 hộ", "tăng 2000")."""
    text = fold(question).lower()
    years = dict.fromkeys(int(y) for y in _YEAR_AFTER_RE.findall(text))
    for m in _BARE_YEAR_RE.finditer(text):
        before = re.findall(r"\w+", text[:m.start()])[-1:]
        if not before or before[0] not in _COUNT_BEFORE:
            years.setdefault(int(m.group(1)))
    return tuple(Named(f"năm {y}", (str(y),), y) for y in years)


def named_requirements(question: str) -> tuple[Named, ...]:
    """The laws, quarters and years a question names (see `Named`)."""
    return named_laws(question) + named_quarters(question) + named_years(question)
