"""Words matched as a cadre types them: with their accents where typed with some, bare where
not ("hiền tài" is no "hiện tại", but "hien tai" may be) (pure)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from retrieval.normalize import fold, has_diacritics, nfc


@dataclass(frozen=True)
class TypedWords:
    """A set of words looked up as typed: a word typed with accents among the words, one
    typed bare among their bare forms ("đó" is not "đo", "do" may be either)."""

    accented: frozenset[str]
    bare: frozenset[str]

    @classmethod
    def of(cls, words: Iterable[str]) -> TypedWords:
        if isinstance(words, str):
            raise TypeError("TypedWords.of takes words, not one string")
        accented = frozenset(words)
        return cls(accented, frozenset(fold(w) for w in accented))

    def __contains__(self, word: str) -> bool:
        return word in (self.accented if has_diacritics(word) else self.bare)

    def read_in(self, word: str, accented: bool) -> bool:
        """Whether a (lower-case) word of a question is one of these, the question read as a whole:
        with its accents in one typed with some ("thi" there is no "thì"), bare in one typed
        without."""
        return (word in self.accented) if accented else (fold(word) in self.bare)


def phrases_typed(text: str, phrases: tuple[tuple[str, ...], ...],
                  each_word: bool = False) -> Iterator[tuple[list[str], int, tuple[str, ...]]]:
    """(the text's lower-case words, where, which) for each of the (accented, lower-case) phrases
    the text writes: with their accents where typed with some ("hiền tài" is no "hiện tại"),
    bare where not ("hien nay"); with `each_word`, each word so ("Lệ phi": one accent left off,
    "hoc phi" typed bare in a message with accents; "Lê Phi" is no "lệ phí")."""
    ws = re.findall(r"\w+", nfc(text).lower())
    folded = [fold(w) for w in ws]
    for phrase in phrases:
        bare = [fold(w) for w in phrase]
        for i in range(len(ws) - len(phrase) + 1):
            typed = ws[i:i + len(phrase)]
            if folded[i:i + len(phrase)] == bare and (
                    all(t == w or not has_diacritics(t) for t, w in zip(typed, phrase)) if each_word
                    else tuple(typed) == phrase or not any(map(has_diacritics, typed))):
                yield ws, i, phrase
