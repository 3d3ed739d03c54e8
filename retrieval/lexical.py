"""Lexical fields and queries for the FTS5 BM25 index (pure).

Each chunk is indexed in two fields: `acc` (accented syllables and syllable
bigrams) and `fold` (the same, diacritics folded). An accented question is
scored on both fields, the accented one weighing more; a question typed
without accents only on the folded field.
"""

from __future__ import annotations

from dataclasses import dataclass

from retrieval.normalize import ABBREVIATIONS, expand_abbreviations, fold, has_diacritics, is_code, period_variants, words

# Bumped whenever `words` or `index_fields` split text differently: a store indexed
# by another version re-derives its lexical rows when it is opened (no re-encoding).
# 2: "số136-KH/HU" is split as "số 136-KH/HU" (a document code glued to "số").
# 3: leading zeros dropped from numbers ("01" is "1").
# 4: compound abbreviations of ministries expanded ("Bộ NN&PTNT", "Sở GD&ĐT").
# 5: ... and kept as one token, only when written with their "&" ("nnptnt").
# 6: CCCD, BHXH, BHYT expanded.
# 7: BVMT, BĐBP, CSGT, PCCC, THPT… expanded.
# 8: places written in one word ("Sapa") read as their two ("Sa Pa").
# 9: BVĐK, TTYT, TAND, VKSND, THADS, QLTT, PCT, SN expanded.
# 10: TX (thị xã) expanded.
# 11: UB, UBKT, BCĐ, BQL, ĐBQH, PTT, QĐND, HTX, KCN, ATTP, TTHC, KTX, ĐHQG, HS, GV, SV expanded.
TOKENS_VERSION = "11"

# Question words and function words that carry no topic (folded forms).
QUERY_STOPWORDS = set(
    (
        "là gì nào bao nhiêu không có được của và các những thế như ai đâu khi hãy cho biết tôi về "
        "gì ạ nhé vậy sao bạn những mấy hỏi xin với thì mà này đó ở trong nêu nói"
    ).split()
)
FOLDED_STOPWORDS = {fold(w) for w in QUERY_STOPWORDS}


@dataclass(frozen=True)
class LexicalQuery:
    acc_uni: tuple[str, ...]
    acc_bi: tuple[str, ...]
    fold_uni: tuple[str, ...]
    fold_bi: tuple[str, ...]
    accented: bool
    typed_bi: tuple[str, ...]  # fold_bi as typed, without added spellings (for coverage)
    long_bi: tuple[str, ...] = ()  # typed_bi with the field's abbreviations written out (when it has some)

    @property
    def terms(self) -> tuple[str, ...]:
        """Folded content words (for coverage and answer scoring)."""
        return self.fold_uni


def _bigrams(tokens: list[str]) -> list[str]:
    return [a + "_" + b for a, b in zip(tokens, tokens[1:])]


def index_fields(title: str, text: str) -> tuple[str, str]:
    """The (acc, fold) token strings of a chunk; the title is indexed with it."""
    toks = words(f"{title}. {text}") if title else words(text)
    unigrams = expand_abbreviations(toks)
    folded = [fold(t) for t in toks]
    acc = unigrams + _bigrams(toks)
    fold_all = [fold(t) for t in unigrams] + _bigrams(folded)
    return " ".join(acc), " ".join(fold_all)


def build_query(question: str) -> LexicalQuery:
    """Query terms per field. Question words are dropped from unigrams; bigrams
    are formed over the whole question, except those made only of question words."""
    toks = words(question)
    accented = has_diacritics(question)
    stop = QUERY_STOPWORDS if accented else FOLDED_STOPWORDS

    def is_stop(t: str) -> bool:
        return t in stop and not is_code(t)

    content = [t for t in toks if not is_stop(t)] or toks
    content = expand_abbreviations(content)
    bigrams = [(a, b) for a, b in zip(toks, toks[1:]) if not (is_stop(a) and is_stop(b))]
    typed_bi = tuple(fold(a) + "_" + fold(b) for a, b in bigrams)
    # "MTTQ có vai trò gì": an article writing "Mặt trận Tổ quốc có vai trò" covers it too
    long_toks = [w for t in toks for w in (ABBREVIATIONS.get(fold(t).lower()) or t).split()]
    long_bi = tuple(fold(a) + "_" + fold(b) for a, b in zip(long_toks, long_toks[1:])
                    if not (is_stop(a) and is_stop(b))) if len(long_toks) > len(toks) else ()
    # A period written another way ("sáu tháng" / "6 tháng"): its other spellings.
    bigrams += period_variants(toks, accented)
    return LexicalQuery(
        acc_uni=tuple(content) if accented else (),
        acc_bi=tuple(a + "_" + b for a, b in bigrams) if accented else (),
        fold_uni=tuple(fold(t) for t in content),
        fold_bi=tuple(fold(a) + "_" + fold(b) for a, b in bigrams),
        accented=accented,
        typed_bi=typed_bi,
        long_bi=long_bi,
    )
