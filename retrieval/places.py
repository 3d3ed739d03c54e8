"""Places a question names (pure): Vietnam's provinces and cities, and any
"tỉnh / huyện / xã … Name" written with capitals.

A question about a place no stored article mentions cannot be answered from
the store, however well its other words match: "Tỉnh Quảng Nam có bao nhiêu mô
hình Dân vận khéo?" asked of Kon Tum articles must say so, not quote Kon Tum's
figures. Names are compared folded (no diacritics, lower case); a place may be
written several ways (``TP HCM``, ``Hồ Chí Minh``, ``Sài Gòn``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.normalize import fold

# The 63 provinces and centrally-run cities before the 2025 merger (older articles
# use them; the 34 after it are among them), with the other ways they are written.
PROVINCES: dict[str, tuple[str, ...]] = {
    "An Giang": (), "Bà Rịa - Vũng Tàu": ("Vũng Tàu", "Bà Rịa"), "Bắc Giang": (), "Bắc Kạn": ("Bắc Cạn",),
    "Bạc Liêu": (), "Bắc Ninh": (), "Bến Tre": (), "Bình Định": (), "Bình Dương": (), "Bình Phước": (),
    "Bình Thuận": (), "Cà Mau": (), "Cao Bằng": (), "Cần Thơ": (), "Đà Nẵng": (), "Đắk Lắk": ("Đắc Lắc",),
    "Đắk Nông": ("Đắc Nông",), "Điện Biên": (), "Đồng Nai": (), "Đồng Tháp": (), "Gia Lai": (),
    "Hà Giang": (), "Hà Nam": (), "Hà Nội": (), "Hà Tĩnh": (), "Hải Dương": (), "Hải Phòng": (),
    "Hậu Giang": (), "Hòa Bình": ("Hoà Bình",), "Hưng Yên": (), "Khánh Hòa": ("Khánh Hoà",),
    "Kiên Giang": (), "Kon Tum": (), "Lai Châu": (), "Lâm Đồng": (), "Lạng Sơn": (), "Lào Cai": (),
    "Long An": (), "Nam Định": (), "Nghệ An": (), "Ninh Bình": (), "Ninh Thuận": (), "Phú Thọ": (),
    "Phú Yên": (), "Quảng Bình": (), "Quảng Nam": (), "Quảng Ngãi": (), "Quảng Ninh": (), "Quảng Trị": (),
    "Sóc Trăng": (), "Sơn La": (), "Tây Ninh": (), "Thái Bình": (), "Thái Nguyên": (),
    "Thanh Hóa": ("Thanh Hoá",), "Thừa Thiên Huế": ("Huế",), "Tiền Giang": (),
    "Hồ Chí Minh": ("HCM", "TPHCM", "Sài Gòn"), "Trà Vinh": (), "Tuyên Quang": (), "Vĩnh Long": (),
    "Vĩnh Phúc": (), "Yên Bái": (),
}
# Names that are also everyday words ("hòa bình": peace): a place only after "tỉnh" or "TP".
_AMBIGUOUS = {"hoa binh", "thai binh", "binh dinh", "long an", "hue"}
_UNIT = r"(?:tỉnh|thành phố|tp\.?|huyện|quận|thị xã|thị trấn|xã|phường)(?:\s+ủy|\s+uỷ)?"
_PREFIXED_RE = re.compile(rf"(?i:\b({_UNIT}))\s+((?:[A-ZĐ][\wÀ-ỹ]*)(?:[ ]+[A-ZĐ][\wÀ-ỹ]*){{0,3}})", re.UNICODE)
_UNIT_FOLDED = r"(?:tinh|thanh pho|tp|huyen|quan|thi xa|thi tran|xa|phuong)"


@dataclass(frozen=True)
class Place:
    name: str  # as it is written (the province's proper spelling, or as typed)
    keys: tuple[str, ...]  # folded, lower case, single-spaced: the ways it may be written


def _folded_words(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(text).lower()))


_PROVINCE_PLACES = {name: Place(name, tuple(dict.fromkeys(_folded_words(n) for n in (name, *alts))))
                    for name, alts in PROVINCES.items()}
# (key, place), longest keys first so that "thua thien hue" is seen before "hue"
_PROVINCE_KEYS = sorted(((k, p) for p in _PROVINCE_PLACES.values() for k in p.keys), key=lambda kp: -len(kp[0]))


def named_places(question: str) -> tuple[Place, ...]:
    """The places a question names, provinces first (no repeats)."""
    q = " " + _folded_words(question) + " "
    found: list[Place] = []
    seen: list[str] = []  # keys matched, so that "hue" inside "thua thien hue" is not a second place
    for key, place in _PROVINCE_KEYS:
        if f" {key} " not in q or any(f" {key} " in f" {s} " for s in seen):
            continue
        if key in _AMBIGUOUS and not re.search(rf" {_UNIT_FOLDED} {key} ", q):
            continue
        seen.append(key)
        if place not in found:
            found.append(place)
    for m in _PREFIXED_RE.finditer(question):
        key = _folded_words(m.group(2))
        if not key or any(f" {key} " in f" {s} " or f" {s} " in f" {key} " for s in seen):
            continue
        place = Place(m.group(2), (key,))
        if fold(m.group(1)).lower().startswith(("tinh", "thanh pho", "tp")):
            place = _province_like(place)  # "tỉnh Quảng Nhin": a typo of a province
        seen.append(key)
        if place not in found:
            found.append(place)
    return tuple(found)


def _province_like(place: Place) -> Place:
    """The province a name after "tỉnh" is a typo of (one letter off, two in long names)."""
    key = place.keys[0]
    if len(key) < 5:
        return place
    best_key, best = min(_PROVINCE_KEYS, key=lambda kp: _distance(key, kp[0]))
    return best if 0 < _distance(key, best_key) <= (1 if len(key) < 8 else 2) else place


def _distance(a: str, b: str) -> int:
    """Levenshtein distance."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]
