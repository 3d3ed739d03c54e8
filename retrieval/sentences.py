"""Sentences of the passages an answer quotes: how much of a question each holds, whether
one repeats another or leans on the one before, and a long one cut to its clauses (pure)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from corpus.chunking import split_sentences
from corpus.docrefs import fits_query, parse_code_query
from retrieval.normalize import fold, is_code, nfc, words


def _folded_terms(text: str) -> tuple[set[str], set[str]]:
    toks = [fold(w) for w in words(text)]
    return set(toks), {a + "_" + b for a, b in zip(toks, toks[1:])}


def sentence_score(q_uni: set[str], q_bi: set[str], sentence: str, idf: Callable[[str], float],
                   bigram_weight: float) -> float:
    uni, bi = _folded_terms(sentence)
    return sum(idf(t) for t in q_uni & uni) + bigram_weight * sum(idf(t) for t in q_bi & bi)


def names_code(sentence: str, codes: list[tuple[int, str | None, str | None]]) -> bool:
    """Whether a sentence names one of the (loosely typed) document codes."""
    for token in words(sentence):
        if is_code(token):
            if any(fits_query(c, codes) for c in parse_code_query(token)):
                return True
    return False


NEAR_DUPLICATE = 0.8  # share of the shorter sentence's words found in the other
_NEGATIONS = {"không", "chưa", "chẳng", "chả", "đã", "khong", "chua", "chang", "da"}


def repeats(a: str, b: str, near: bool = False) -> bool:
    """Whether one sentence repeats the other: one holds the other (a caption run into
    the next line); with `near` (sentences of two articles: a syndicated copy), also
    when nearly all the shorter one's words are in the longer and the two differ in
    no figure, no negation and no name each has of its own ("xã Đắk Ruồng đạt chuẩn…"
    is no repeat of "xã Tân Lập đạt chuẩn…") (pure)."""
    na, nb = (" ".join(t.lower().split()).rstrip(" .!?…;:,") for t in (a, b))
    ga, gb = na.replace(" ", ""), nb.replace(" ", "")  # the same with a scraper's glued words ("xâm nhậptrái")
    if ga in gb or gb in ga:
        return True
    if not near:
        return False
    wa, wb = Counter(words(na)), Counter(words(nb))
    only_a, only_b = set(wa) - set(wb), set(wb) - set(wa)
    if any(w[0].isdigit() or w in _NEGATIONS for w in only_a | only_b):  # another figure, or its opposite
        return False
    plain_a, plain_b = (set(re.findall(r"\w+", n)) for n in (na, nb))  # as _names splits ("25-NQ/TW")
    if _names(a) - plain_b and _names(b) - plain_a:  # the same words about another place or person
        return False
    shorter, longer = (wa, wb) if sum(wa.values()) <= sum(wb.values()) else (wb, wa)
    size = sum(shorter.values())
    return size >= 6 and sum((shorter & longer).values()) >= NEAR_DUPLICATE * size


def _names(sentence: str) -> set[str]:
    """Capitalised words past the first, lower-cased."""
    return {w.lower() for w in re.findall(r"\w+", sentence)[1:] if w[:1].isupper()}


def sentences_after(last: str, following: str) -> list[str]:
    """The sentences after `last` in the passage that follows its own: after it where that
    passage holds it too (chunks share their boundary sentence; `last` may itself have been
    taken from that passage), else all of them (a long sentence continued)."""
    nxt = split_sentences(following)
    return nxt[nxt.index(last) + 1:] if last in nxt else nxt


def sentence_after(last: str, following: str) -> str:
    """The first of `sentences_after`, or ""."""
    return next(iter(sentences_after(last, following)), "")


# How a sentence opens when it leans on the one before ("Cách này giúp …", "Do đó, …").
# Only these: any "<one or two words> này/đó" gained half as much on ViNewsQA dev.
_REFERS_BACK_RE = re.compile(
    r"^\W*(?:(?:cách|điều|việc|tình trạng|hiện tượng|phương pháp|biện pháp) này|nhờ đó|nhờ vậy|do đó|vì vậy"
    r"|vì thế|bởi vậy|theo đó|từ đó|điều đó|đây là|đó là)\b", re.I)


LONG_SENTENCE = 300  # characters: a sentence this long may be quoted in part (`clauses_around`)
_CLAUSE_END_RE = re.compile(r"(?<=[,;:])\s+")


def clauses_around(sentence: str, q_uni: set[str], q_bi: set[str], idf: Callable[[str], float],
                   bigram_weight: float, limit: int) -> str:
    """A long sentence cut to at most `limit` characters at clause breaks: the clause holding
    most of the question's words and those next to it, "…" where it was cut (pure)."""
    clauses = _CLAUSE_END_RE.split(sentence)
    if len(clauses) < 2:
        return sentence
    scores = [sentence_score(q_uni, q_bi, c, idf, bigram_weight) for c in clauses]
    lo = hi = max(range(len(clauses)), key=lambda i: (scores[i], -i))
    size = len(clauses[lo]) + 4  # and the "… " and " …" that may mark the cuts
    while True:  # grow towards the neighbour holding more of the question, the next one on a tie
        options = [i for i in (hi + 1, lo - 1) if 0 <= i < len(clauses) and size + 1 + len(clauses[i]) <= limit]
        if not options:
            break
        i = max(options, key=lambda j: (scores[j], j))
        lo, hi = min(lo, i), max(hi, i)
        size += 1 + len(clauses[i])
    part = " ".join(clauses[lo:hi + 1])
    if hi < len(clauses) - 1:
        part = part.rstrip(",;: ") + " …"
    return ("… " + part) if lo > 0 else part


def may_answer(sentence: str) -> bool:
    """Whether a sentence may be quoted as an answer: not a question ("Hà Nội đang có
    bao nhiêu quận?", a subheading), unless it quotes someone ("… hỏi: "…?""). """
    # (a closing quote alone is none: "Đến bao giờ … tái định cư?”" ends a quoted question)
    return not re.search(r"\?\W*$", sentence) or bool(re.search(r"[\"“”]", sentence.rstrip("\"”’)")))


# A straight quote that opens (after the start, a space, "(", ":" or "," and before a word, maybe after
# a space or an ellipsis: `khuyên: "Khi`, `: " Khi`, `"…Khi`, `nói,"Chúng`), and one that closes (any
# other: `người thân", bà nói`, an inch mark: `tivi 55"`)
_STRAIGHT_OPEN_RE = re.compile(r'(?:^|(?<=[\s(:,]))"(?=\s?\w|…|\.\.\.)')


def _quotes(sentence: str) -> tuple[int, int]:
    """How many quotations a sentence opens and how many it closes, curly or straight."""
    opened = len(_STRAIGHT_OPEN_RE.findall(sentence))
    return sentence.count("“") + opened, sentence.count("”") + sentence.count('"') - opened


def opens_quote(sentence: str) -> bool:
    """Whether a sentence opens a quotation it does not close (`bà Hunt khuyên: "Khi …`):
    the words quoted go on in the next sentence (pure)."""
    opened, closed = _quotes(sentence)
    return opened > closed


def closes_quote(sentence: str) -> bool:
    """Whether a sentence closes a quotation it did not open (`… bạn bè", bà Hunt nói.`) (pure)."""
    opened, closed = _quotes(sentence)
    return closed > opened


def refers_back(sentence: str) -> bool:
    """Whether a sentence opens by pointing back to the sentence before it (pure)."""
    return bool(_REFERS_BACK_RE.match(nfc(sentence)))
