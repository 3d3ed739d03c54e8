"""Lexical fields and queries for the FTS5 BM25 index (pure).

Each chunk is indexed in two fields: `acc` (accented syllables and syllable
bigrams) and `fold` (the same, diacritics folded). An accented question is
scored on both fields, the accented one weighing more; a question typed
without accents only on the folded field.
"""

from __future__ import annotations

from dataclasses import dataclass

from retrieval.normalize import expand_abbreviations, fold, has_diacritics, is_code, words

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
    match: str  # FTS5 MATCH expression ("" when nothing to search)
    weights: tuple[float, float]  # bm25 weights for (acc, fold)
    accented: bool
    terms: tuple[str, ...]  # folded query terms kept (for answer scoring)


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


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def build_query(question: str, accent_weight: float = 2.0, fold_weight: float = 1.0,
                use_bigrams: bool = True) -> LexicalQuery:
    toks = words(question)
    accented = has_diacritics(question)
    if accented:
        content = [t for t in toks if t not in QUERY_STOPWORDS or is_code(t)]
    else:
        content = [t for t in toks if t not in FOLDED_STOPWORDS or is_code(t)]
    if not content:
        content = toks
    content = expand_abbreviations(content)
    folded = [fold(t) for t in content]
    # Bigrams come from the question as typed (stopwords included) so phrases survive.
    all_folded = [fold(t) for t in toks]
    fold_terms = list(dict.fromkeys(folded + (_bigrams(all_folded) if use_bigrams else [])))
    parts = []
    if fold_terms:
        parts.append("fold : (" + " OR ".join(_quote(t) for t in fold_terms) + ")")
    if accented:
        acc_terms = list(dict.fromkeys(content + (_bigrams(toks) if use_bigrams else [])))
        parts.insert(0, "acc : (" + " OR ".join(_quote(t) for t in acc_terms) + ")")
    weights = (accent_weight, fold_weight) if accented else (0.0, 1.0)
    return LexicalQuery(match=" OR ".join(parts), weights=weights, accented=accented, terms=tuple(folded))
