"""What a question asks for besides its words: years, places, document codes (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.docrefs import parse_code_query
from retrieval.normalize import fold

_YEAR_RE = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")


@dataclass(frozen=True)
class QueryIntent:
    years: tuple[int, ...]
    codes: tuple[tuple[int, str | None, str | None], ...]
    places: tuple[str, ...]  # place names of the corpus found in the question
    quoted: tuple[str, ...]  # "quoted phrases" (folded)


def _folded_words(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(text).lower()))


def analyse(question: str, known_places: tuple[str, ...] = ()) -> QueryIntent:
    folded_q = " " + _folded_words(question) + " "
    places = tuple(p for p in known_places if len(p) >= 3 and " " + _folded_words(p) + " " in folded_q)
    quoted = tuple(fold(q).lower() for q in re.findall(r"[\"“]([^\"”]{3,80})[\"”]", question))
    return QueryIntent(
        years=tuple(int(y) for y in _YEAR_RE.findall(question)),
        codes=tuple(parse_code_query(question)),
        places=places,
        quoted=quoted,
    )


def full_codes(question: str) -> list[tuple[tuple[int, str, str], str]]:
    """Document codes written in full in a question (number, type and issuer:
    ``25-NQ/TW``, ``18 CT TU``), each with the text it was typed as."""
    out = []
    for m in re.finditer(r"\b\d{1,4}(?:\s*[-/ ]\s*[^\W\d_]{1,6}){2}\b", question):
        for code in parse_code_query(m.group(0)):
            if code[1] and code[2]:
                out.append(((code[0], code[1], code[2]), m.group(0)))
    return out

