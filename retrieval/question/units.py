"""Questions asking which place of a kind ("… xảy ra ở thôn nào?", "Thôn Hoàng Xá thuộc xã nào?",
"Chung cư … thuộc phường nào quản lý?") and whether a sentence names one: the unit followed by
a name or a number ("thôn 3, xã Đắk Ha", "xã Phạm Văn Hai", "khối 13") (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.normalize import fold, has_diacritics, nfc


# Administrative units below a province, and the province and city: longest first ("tổ dân phố"
# before "tổ", "thị trấn" before a bare "thị")
_UNITS = sorted(("thôn", "xóm", "bản", "ấp", "khối", "tổ dân phố", "khu phố", "xã", "phường", "thị trấn", "huyện",
                 "quận", "thị xã", "tỉnh", "thành phố"), key=len, reverse=True)
# the syllables of the units' words, folded ("xa", "thon", "thi", "tran" …)
UNIT_SYLLABLES = frozenset(w for u in _UNITS for w in fold(u).split())
# "ở thôn nào", "thuộc xã nào": "nào" with its accent where the question is typed with accents; not
# "Văn bản nào", "phiên bản nào"
_NOT_A_UNIT = "".join(rf"(?<!{w} )" for w in ("văn", "phiên", "kịch", "nguyên", "tái", "xuất"))
_ASKED_RE = {True: re.compile(_NOT_A_UNIT + r"\b(" + "|".join(_UNITS) + r")\s+nào\b", re.I),
             False: re.compile(fold(_NOT_A_UNIT) + r"\b(" + "|".join(dict.fromkeys(map(fold, _UNITS))) + r")\s+nao\b",
                               re.I)}
# a unit's name: a number ("thôn 3", "khối 13", "tổ dân phố 7A") or a capitalised word ("xã Phạm Văn
# Hai", "bản Nà Sản"; "TP" written for "thành phố" too)
_NAME = r"(?:số\s+)?(?:\d+[A-Za-z]?\b|[A-ZĐÀ-Ỹ][^\s,.;:()]*)"


@dataclass(frozen=True)
class UnitAsked:
    """The kind of place a question asks which of, as a sentence writes it ("xã", however it was
    typed), and the names of places of that kind the question writes itself (folded)."""

    units: tuple[str, ...]  # accented spellings ("xa" typed bare reads "xã")
    named: frozenset[str]

    def named_in(self, sentence: str) -> bool:
        """Whether a sentence names a place of the kind asked that the question does not name."""
        text = nfc(sentence)
        pattern = r"(?i:\b(?:" + "|".join(self.units) + r"))\s+(" + _NAME + r")"
        return any(fold(m.group(1)).lower() not in self.named for m in re.finditer(pattern, text))


def unit_asked(question: str) -> UnitAsked | None:
    """The kind of place a question asks which of ("… ở thôn nào?"), or None."""
    text = nfc(question)
    accented = has_diacritics(text)
    m = _ASKED_RE[accented].search(text if accented else fold(text))
    if m is None:
        return None
    asked = m.group(1).lower()
    units = tuple(u for u in _UNITS if (u == asked if accented else fold(u) == asked))
    pattern = r"(?i:\b(?:" + "|".join(map(fold, units)) + r"))\s+(" + _NAME + r")"
    return UnitAsked(units, frozenset(fold(n).lower() for n in re.findall(pattern, fold(text))))
