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
