"""Hybrid search: article and chunk BM25 plus dense chunks, fused per article.

Then exact boosts for document codes and quoted phrases, soft boosts for a
year or a place named in the question, and at most `per_article` passages per
article. Each hit says whether its article fits the years and places the
question names; those that do rank first (a filter that never
empties the list), and the answer quotes only them. Places, document codes,
laws, quarters, years and people (with capitals) the question names that no
article mentions are reported as `unknown`: the store cannot answer it. A question typed without
accents is searched on the folded fields, and its accents are restored before
it is embedded.
"""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np

from corpus.store import Store
from corpus.types import ArticleInfo
from embeddings.base import Encoder
from retrieval.accents import reading, restore
from retrieval.fusion import FusionParams, fuse, minmax_top
from retrieval.lexical import build_query
from retrieval.lexical_index import LexicalIndex, LexicalParams, LexicalSnapshot
from retrieval.normalize import fold, has_diacritics, nfc, spell_out_abbreviations, words
from retrieval.people import capitalised_people, capitalised_words, trusted_people, writes_any, writes_name
from retrieval.places import (JOINED_PLACES, PROVINCE_KEYS, UNITS, Place, article_province, folded_words, is_district_name,
                              is_place_name, named_places, names_the_man, province_by_key, same_syllable, site_province,
                              title_cased, writes_district, written_forms)
from retrieval.query import (Named, QueryIntent, analyse, full_codes, named_requirements, named_years,
                             without_asking_words)
from retrieval.types import Elsewhere, Hit
from retrieval.vector_index import VectorIndex

MODES = ("hybrid", "lexical", "dense")
NAME_READS = 20  # articles read to see whether one writes a person's name whole


@dataclass(frozen=True)
class SearchConfig:
    dense_candidates: int = 200
    per_article: int = 3
    fusion: FusionParams = field(default_factory=FusionParams)
    lexical: LexicalParams = field(default_factory=LexicalParams)
    code_boost: float = 2.0  # the fused score is at most about 2: an article naming the code asked about comes first
    name_boost: float = 0.5  # an article writing a person's name the question names
    quote_boost: float = 0.3
    year_boost: float = 0.15
    place_boost: float = 0.15
    restore_accents: bool = True


@dataclass(frozen=True)
class Byline:
    """A person the question names whom no article writes of, but who wrote some."""

    name: str
    article_ids: tuple[int, ...]  # newest stored first


@dataclass(frozen=True)
class Ranking:
    hits: list[Hit]
    accented: bool
    top_cosine: float  # best dense cosine over all chunks (0 without dense)
    bigram_coverage: float  # idf share of the question's bigrams in the top article
    lexical: LexicalSnapshot  # the lexical state this ranking was computed on
    code_match: bool = False  # the top article names a document code the question names
    name_match: bool = False  # its passages found write a person's name the question names
    unknown: tuple[str, ...] = ()  # places, document codes, laws, quarters, years named that no article mentions
    bylines: tuple[Byline, ...] = ()  # people named that no article writes of, only as its author
    # places named that none of the articles found writes (other articles do, on other things)
    elsewhere: Elsewhere | None = None
    rare_name: bool = False  # the top article writes a rare name the question writes (`writes_rare_names`)
    # the top article writes the places named but hardly any other word of the question (`PLACE_ONLY_SHARE`)
    place_only: bool = False

    @property
    def contradicted(self) -> bool:
        """Never answered: the question names what no article, or none of those found, mentions,
        or the top article shares only its places' names."""
        return bool(self.unknown) or self.elsewhere is not None or self.place_only

    @property
    def exact_match(self) -> bool:
        """Answered whatever the not-found scores: the top article names the document, the
        person or the rare name the question names."""
        return self.code_match or self.name_match or self.rare_name


@dataclass(frozen=True)
class Fit:
    """The articles that fit the years and places a question names: published in
    one of the years or mentioning one, and each place in their metadata or text
    (a province: its name or one of its districts), or a province's own newspaper."""

    years: frozenset[int]
    year_rows: frozenset[int] | None  # articles mentioning one of the years (None: no year named)
    place_rows: dict[Place, frozenset[int]]  # a place -> the articles mentioning it

    def level(self, row: int, article: ArticleInfo) -> int:
        """2: the article fits every year and place; 1: the years named, not every place
        (when nothing fits all, figures of the year asked come first); 0: neither."""
        year = self.year_rows is None or row in self.year_rows or (
            article.published is not None and article.published.year in self.years)
        places = all(self.fits_place(place, row, article) for place in self.place_rows)
        return 2 if year and places else int(year and self.year_rows is not None)

    def fits_place(self, place: Place, row: int | None, article: ArticleInfo) -> bool:
        """Whether the article (at `row`) fits one of the places named."""
        # (stored metadata is folded: it cannot tell Phù Yên from Phú Yên)
        return row in self.place_rows[place] or (not place.spelt and bool(_metadata_places(article) & set(place.keys)))

    def unfound(self, hits: list[Hit], lex: LexicalSnapshot, unknown: tuple[str, ...]) -> Elsewhere | None:
        """The places named (not villages, nor those `unknown` to every article) that none
        of `hits`' articles fits; or, when each place has its articles but none of them fits
        the year named too, the places with the years (Kon Tum in 2017: not Đồng Tháp's
        2017 figure, nor Kon Tum's of 2018). None when the hits fit."""
        places = [p for p in self.place_rows if not p.village and p.name not in unknown]
        missing = tuple(p.name for p in places if not any(
            self.fits_place(p, lex.articles.row(h.article_id), h.passage.article) for h in hits))
        if missing:
            return Elsewhere(missing)
        if not places or not self.years or any(h.fits for h in hits):
            return None
        return Elsewhere(tuple(p.name for p in places), tuple(sorted(self.years)))


@lru_cache(maxsize=1024)
def _metadata_places(article: ArticleInfo) -> frozenset[str]:
    """The folded places an article's metadata names, and its paper's province (read once
    for every place named and every hit)."""
    return frozenset({folded_words(p) for p in article.places} | {article_province(article)})


def _capitalised_in(question: str, key: str, spelt: str | None = None) -> bool:
    """Whether the question writes the folded name `key` with capitals (and is not in title
    case; a name of one word not followed by another capitalised word); given its spelling,
    with its accents or none ("Ngô Xuân Đông" writes no "Đồng")."""
    typed = re.findall(r"\w+", question)
    folded, want = [fold(w).lower() for w in typed], key.split()
    spelling = spelt.split() if spelt else None
    return not title_cased(question) and any(
        folded[i:i + len(want)] == want and all(w[0].isupper() for w in typed[i:i + len(want)])
        and (i or len(want) > 1)  # one capitalised first word is just the question's start ("Vinh danh …")
        # one word is no place when it begins a longer name ("o Bac Bo": no "Bạc")
        and (len(want) > 1 or i + 1 >= len(typed) or not typed[i + 1][0].isupper())
        and (spelling is None or all(not has_diacritics(w) or same_syllable(w, a)
                                     for w, a in zip(typed[i:i + len(want)], spelling)))
        for i in range(len(typed) - len(want) + 1))


# a place's unit ("tỉnh", "huyện", "thị xã"; not "Tỉnh ủy", an office), longest first
_PLAIN_UNITS = sorted((u.split() for u in UNITS if not u.endswith(" uy")), key=len, reverse=True)
_UNIT_WORDS = tuple(" ".join(u) for u in _PLAIN_UNITS)


def _bigrams_besides(question: str, names: list[str]) -> set[str]:
    """The question's folded word pairs that stand apart from where it writes the names
    (folded keys) and the unit before them: "thu nhập bình quân ở Bình Dương" keeps
    "binh_quan", not "o_binh"; "… ở tỉnh Điện Biên" keeps no "o_tinh"."""
    toks = [fold(t).lower() for t in words(question)]
    inside: set[int] = set()
    for name in names:
        n = len(key := name.split())
        for i in range(len(toks) - n + 1):
            if toks[i:i + n] == key:
                start = next((i - len(u) for u in _PLAIN_UNITS if toks[max(i - len(u), 0):i] == u), i)
                inside.update(range(start, i + n))
    return {f"{toks[i]}_{toks[i + 1]}" for i in range(len(toks) - 1) if i not in inside and i + 1 not in inside}


def _name_forms(place: Place) -> tuple[str, ...]:
    """The folded forms that, in an article, write the place's name: "TP HCM", not "tư
    tưởng Hồ Chí Minh"; a district's whole; another name, or its start of two words or
    more (none for a district spelt like a province: "Phù Yên" is written "Phú Yên" once
    folded, its `within` tells); a few names also in one word ("Sapa", `JOINED_PLACES`)."""
    forms = written_forms(place)
    if forms is not None:
        return forms
    if place.spelt:
        return ()
    out: list[str] = []
    for key in place.keys:
        words_ = key.split()
        shortest = len(words_) if is_district_name(key) else min(len(words_), 2)  # not "Hàm Thuận" for Hàm Thuận Nam
        out += [" ".join(words_[:n]) for n in range(len(words_), shortest - 1, -1)]
    return tuple(dict.fromkeys(out + _joined(place.keys)))


def _joined(keys: tuple[str, ...]) -> list[str]:
    """Names as articles also write them, in one word: "Sapa" for Sa Pa (`JOINED_PLACES`)."""
    return [JOINED_PLACES[k] for k in keys if k in JOINED_PLACES]


def _spelt_as(place: Place, form: str) -> list[str] | None:
    """The accented syllables of the place's name that a folded form of it writes (its
    start or whole: "dien bien" -> điện biên), or None when the form is another name or
    the name has no accents to tell it by (a name spelt "Đăk", "Đắk" or "Đak" alike)."""
    spelt = nfc(place.name).lower().split()
    folded = form.split()
    if (len(folded) > len(spelt) or [fold(w) for w in spelt[:len(folded)]] != folded
            or not has_diacritics(place.name) or "dak" in folded):
        return None
    return spelt[:len(folded)]


def _writing(lex: LexicalSnapshot, place: Place, form: str) -> np.ndarray:
    """Rows of the articles that write a folded form of the place's name with the
    name's accents (or none): "Điện Biên", not "diễn biến". A name as the question typed
    it (not a province's or a district's), which no article writes with those accents, is
    taken as mistyped: "xã Minh Tấm" for Minh Tâm. Once per snapshot."""
    def rows() -> np.ndarray:
        folded = lex.articles_mentioning(form)
        spelt = _spelt_as(place, form) if folded.size else None
        if not spelt:
            return folded
        written = np.intersect1d(folded, lex.articles_writing(spelt))
        canonical = province_by_key(place.keys[0]) is not None or is_district_name(place.keys[0])
        if not written.size and not canonical:  # mistyped, if some article writes it after a unit
            # ("xã Minh Tâm"; not "mỗi đồng tiền" for xã Đồng Tiến)
            written = np.unique(np.concatenate([lex.articles_mentioning(f"{u} {form}") for u in _UNIT_WORDS]))
        return written

    return lex.remembered(("written", place.name, form), rows)


# A word the question writes with a capital that few stored articles write is a name
# ("Vincent", "Sakthivel", "IgG"); one that many write is an everyday word ("Bệnh", "Ban").
RARE_NAME_SHARE = 0.005  # of the stored articles: at most 4 of ViNewsQA's 898
# A question naming places whose top article writes less than this idf share of its other words
# is not answered ("Thị xã Hồng Lĩnh, Hà Tĩnh có bao nhiêu ca mắc Covid-19?" had quoted a crane
# accident in Hồng Lĩnh: 0.0). The lowest answered rightly: 0.31 (a fresh review set), 0.44
# (ViNewsQA dev), 0.42 (cadre questions).
PLACE_ONLY_SHARE = 0.15
COMMON_WORD_SHARE = 0.03


def writes_rare_names(lex: LexicalSnapshot, question: str, article_id: int, places: tuple[Place, ...] = ()) -> bool:
    """Whether the question writes a rare name (`RARE_NAME_SHARE`) and the article writes
    it and every other capitalised word of the question that is no everyday word: as exact
    a match as a person's name ("Vincent được điều trị ở đâu?"). An article writing Miami
    does not match "Messi … cho Inter Miami", which no article writes. Not the words of
    the places named (`places`: a commune's rare name is judged as a place is, "Xã Hơ Moong
    có bao nhiêu hộ nghèo" by the not-found rule), nor parts of what the index reads as
    one word ("NN&PTNT", "18-NQ/TW")."""
    n, f = len(lex.articles.ids), lex.articles.fields[2]
    row = lex.articles.row(article_id)
    own = {fold(w) for w in words(question)}  # the index's words
    of_places = {w for p in places for k in p.keys for w in k.split()}
    names = [(w, f.df(w)) for w in capitalised_words(question) if w in own and w not in of_places]
    names = [(w, df) for w, df in names if df <= COMMON_WORD_SHARE * n]
    return (row is not None and any(0 < df <= RARE_NAME_SHARE * n for _, df in names)
            and all(row in f.postings(w)[0] for w, _ in names))


class Searcher:
    def __init__(self, store: Store, encoder: Encoder, index: VectorIndex, lexical: LexicalIndex,
                 config: SearchConfig | None = None) -> None:
        self.store = store
        self.encoder = encoder
        self.index = index
        self.lexical = lexical
        self.config = config or SearchConfig()
        self.known_places: tuple[str, ...] = ()
        self.known_years: frozenset[int] = frozenset()
        self.site_provinces: frozenset[str] = frozenset()  # provinces whose own newspaper is stored
        self._bylines: tuple[int, list[tuple[str, list[int]]]] | None = None  # (store generation, author lines)
        self._author_keys: tuple[list, dict] | None = None  # (author lines, folded name -> its lines)
        # (known places, folded name -> their positions, the most words a name has)
        self._place_keys: tuple[tuple, dict, int] | None = None

    async def refresh_known(self) -> None:
        """The place names the corpus knows (for filters named in a question), the
        years its articles were published in and the provinces whose newspapers it holds."""
        self.known_places = await self.store.places()
        self.known_years = frozenset(await self.store.published_years())
        self.site_provinces = frozenset(filter(None, (site_province(s) for s, _ in await self.store.sites())))

    def reading(self, question: str) -> str:
        """The question as it is searched and answered: one typed partly without
        accents is read without any (retrieval.accents.partly_accented)."""
        return reading(question, self.lexical.latest().accent_candidates())

    def _embed(self, text: str) -> np.ndarray:
        return self.encoder.encode_queries([text])[0]

    def dense_text(self, question: str, accented: bool, article_lex: np.ndarray | None = None,
                   snap: LexicalSnapshot | None = None, stored: tuple[str, ...] = ()) -> str:
        """The question as it should be embedded: accents restored when typed without
        (from the top lexical articles), without the question words it ends on, and the
        field's abbreviations followed by their words ("MTTQ (mặt trận tổ quốc)": a
        passage may write either form)."""
        return spell_out_abbreviations(self._dense_words(question, accented, article_lex, snap, stored))

    def _dense_words(self, question: str, accented: bool, article_lex: np.ndarray | None,
                     snap: LexicalSnapshot | None, stored: tuple[str, ...]) -> str:
        if accented or not self.config.restore_accents or article_lex is None or not article_lex.size:
            return without_asking_words(question)
        top = np.argsort(-article_lex)[:3]
        local = Counter()
        for row in top:
            if article_lex[row] > 0:
                local.update(snap.article_tokens(int(snap.articles.ids[row])))
        # the provinces and districts it names, and the stored places it writes with capitals,
        # as they are spelt ("Tu Mo Rong": Tu Mơ Rông, not "từ mô rông")
        names = tuple(p.name for p in named_places(question)
                      if not p.village and (p.keys[0] in PROVINCE_KEYS or is_district_name(p.keys[0])))
        names += tuple(p for p in stored if has_diacritics(p) and _capitalised_in(question, folded_words(p), p))
        return without_asking_words(restore(question, snap.accent_candidates(), snap.bigram_df, local, names))

    def _stored_places_in(self, question: str) -> tuple[str, ...]:
        """The stored place names (`known_places`, of three letters or more) a question
        writes, in their stored order: its runs of words looked up by their folded form
        (the names are folded once per refresh, not for every question)."""
        if self._place_keys is None or self._place_keys[0] is not self.known_places:
            keys: dict[str, list[int]] = {}
            for at, p in enumerate(self.known_places):
                if len(p) >= 3 and (key := folded_words(p)):
                    keys.setdefault(key, []).append(at)
            self._place_keys = (self.known_places, keys, max((len(k.split()) for k in keys), default=0))
        _, keys, longest = self._place_keys
        folded = folded_words(question).split()
        found = {at for n in range(1, longest + 1) for i in range(len(folded) - n + 1)
                 for at in keys.get(" ".join(folded[i:i + n]), ())}
        return tuple(self.known_places[at] for at in sorted(found))

    async def search(self, question: str, k: int = 10, mode: str = "hybrid") -> Ranking:
        if mode not in MODES:
            raise ValueError(f"unknown search mode {mode!r}; valid: {', '.join(MODES)}")
        cfg = self.config
        lq = build_query(question)
        stored = self._stored_places_in(question)
        intent = analyse(question, stored)
        lex = self.lexical.latest()  # one consistent state for the whole search
        use_dense = mode in ("hybrid", "dense") and self.index.size > 0
        empty = Ranking([], lq.accented, 0.0, 0.0, lex)

        # The encoder releases the GIL: it runs on the other core while the lexical
        # scores are computed here. An accented question is embedded as typed, at
        # once; one typed without accents as soon as the article scores have
        # chosen the articles its accents are restored from.
        early: asyncio.Task | None = None
        try:
            if use_dense and lq.accented:
                early = self._embed_soon(self.dense_text(question, accented=True))
            art_lex = lex.article_scores(lq)
            if len(art_lex) == 0:
                return empty
            if use_dense and early is None:
                early = self._embed_soon(self.dense_text(question, lq.accented, art_lex, lex, stored))
            chunk_lex = lex.chunk_scores(lq)
            dense_vals = np.zeros(len(lex.chunks.ids), dtype=np.float32)  # cosine per chunk row, 0 if not retrieved
            top_cos = 0.0
            if early is not None:
                for cid, cos in self.index.search(await early, cfg.dense_candidates):
                    top_cos = max(top_cos, cos)
                    row = lex.chunks.row(cid)
                    if row is not None:  # a chunk added after this snapshot is left out
                        dense_vals[row] = cos
        finally:  # an embedding left running by an error is not awaited: drop it
            if early is not None and not early.done():
                early.cancel()

        chunk_rows = lex.chunk_article_rows
        best_lex = np.zeros(len(art_lex), dtype=np.float32)
        best_dense = np.zeros(len(art_lex), dtype=np.float32)
        if chunk_lex.size:
            np.maximum.at(best_lex, chunk_rows, chunk_lex)
            np.maximum.at(best_dense, chunk_rows, dense_vals)
        scores = fuse(art_lex, best_lex, best_dense, cfg.fusion,
                      use_lexical=mode != "dense", use_dense=mode != "lexical")
        code_rows = lex.chunks_with_codes(intent.codes)  # exact document codes win
        code_articles = np.unique(chunk_rows[code_rows])
        scores[code_articles] += cfg.code_boost
        # Places, full document codes, … the question names that no article does:
        # the store cannot answer it (a place is known when any article mentions it,
        # or the start of its name: "Kon Rẫy Có Bao" typed in title case).
        places = named_places(question)
        # (a village no article names is no reason to refuse: its commune's articles may answer)
        # (nor a province whose own newspaper is stored: it writes of it without naming it)
        unknown = tuple(p.name for p in places if not p.village and not self._mentioned(lex, p)
                        and not self.site_provinces.intersection(p.keys))
        unknown += tuple(text for code, text in full_codes(question)
                         if not lex.chunks_with_codes((code,)).size)
        unknown += tuple(n.text for n in named_requirements(question) if not self._named_known(lex, n))
        # People: an article writing a name the question names comes first (as a code's
        # does); a name surely a person's that no article writes is unknown.
        accented = has_diacritics(question)
        trusted, surely, writing = trusted_people(question), capitalised_people(question), set()
        bylines: list[Byline] = []
        for name in dict.fromkeys((*trusted, *surely)):
            rows = await self._writing_person(lex, name, accented)
            if name in trusted:
                writing.update(rows)
            if not rows and (authored := await self._authored(name, accented)):
                bylines.append(authored)  # "Nguyễn Thị Qúy" signs an article
            elif not rows and name in surely:
                unknown += (" ".join(name),)
        if writing:  # once, however many names: below a document code's boost
            scores[sorted(writing)] += cfg.name_boost
        # Min-max scaling leaves the weakest matches at 0: an article any signal matched
        # still counts (/tim lists every article holding the words), ties broken by its
        # own word score.
        matched = scores > 0
        if mode != "dense":
            matched |= (art_lex > 0) | (best_lex > 0)
        if mode != "lexical":
            matched |= best_dense > 0
        ranked = np.lexsort((-art_lex, -scores))
        order = [int(r) for r in ranked[matched[ranked]][: max(k * 3, 30)]]
        if not order:
            return replace(empty, unknown=unknown, bylines=tuple(bylines))

        # Passages of the candidate articles, with a chunk-level score to pick them.
        lex_mm = minmax_top(chunk_lex, cfg.fusion.top)
        w_lex, w_dense = (0.0 if mode == "dense" else 1.0), (0.0 if mode == "lexical" else 0.5)
        chunk_score = (w_lex * lex_mm + w_dense * minmax_top(dense_vals, cfg.fusion.top)).astype(np.float32)
        if code_rows.size:
            chunk_score[code_rows] += cfg.code_boost
        per_article: dict[int, list[tuple[float, int]]] = {}
        for r in np.nonzero(np.isin(chunk_rows, order))[0]:
            per_article.setdefault(int(chunk_rows[r]), []).append((float(chunk_score[r]), int(lex.chunks.ids[r])))
        chosen: list[tuple[float, float, int]] = []  # (article score, chunk score, chunk id)
        for a in order:
            best = sorted(per_article.get(a, []), reverse=True)[: cfg.per_article]
            chosen += [(float(scores[a]), cs, cid) for cs, cid in best]
        passages = await self.store.passages([cid for _, _, cid in chosen])

        fitting = self._fitting(lex, question, places, intent.places, frozenset(order))
        coded = set(code_articles.tolist())
        hits: list[Hit] = []
        level: dict[int, int] = {}  # chunk id -> how well its article fits (`Fit.level`)
        for art_score, cs, cid in chosen:
            p = passages.get(cid)
            if p is None:
                continue
            score = art_score + self._boost(p.text, p.article, intent)
            row = lex.chunks.row(cid)  # chosen chunks all come from this snapshot
            # an article naming a document code the question names is never filtered down
            article_row = int(chunk_rows[row])
            level[cid] = 2 if fitting is None or article_row in coded else fitting.level(article_row, p.article)
            hits.append(Hit(passage=p, score=score + 0.01 * cs, lexical=float(lex_mm[row]),
                            dense=float(dense_vals[row]), fits=level[cid] == 2))
        # a filter: what fits the years and places named first, then what fits the years
        hits.sort(key=lambda h: (-level[h.passage.chunk_id], -h.score))
        # the best-scoring article, whether or not the filter kept it among the first k
        best_scoring = max(hits, key=lambda h: h.score).article_id if hits else None
        keep = set(list(dict.fromkeys(h.article_id for h in hits))[:k])
        hits = [h for h in hits if h.article_id in keep]
        if not hits:
            return replace(empty, unknown=unknown, bylines=tuple(bylines))
        provinces_only = fitting is not None and all(p.keys[0] in PROVINCE_KEYS and not p.spelt
                                                     for p in fitting.place_rows)
        bigrams = (lq.typed_bi, lq.long_bi)
        # the question's word pairs apart from the places' names and their units
        besides = (_bigrams_besides(question, [k for p in fitting.place_rows for k in p.keys])
                   if fitting is not None else set())
        if fitting is not None and best_scoring != hits[0].article_id:
            # the filter put an article that fits the year or place first: the not-found rule
            # judges it by the question's words besides the places' names and their units (a
            # war story naming Quảng Trị does not answer "lũ lụt ở Quảng Trị", nor a dam's
            # address in huyện Sa Thầy "Huyện Sa Thầy có bao nhiêu mô hình dân vận khéo"), and
            # for a year or a province by its own passages, not another year's or province's
            # ("Kon Tum năm 2022" is no 2019 figure). (Not by its own cosine for a place below a
            # province: an article naming "huyện Đông Anh" is strong evidence, and so judged one
            # ViNewsQA question, answered right, was refused. Nor by those words alone for an
            # article first on its own merits: "Tu Mơ Rông trồng cây gì" holds no other word
            # pair of the article on Tu Mơ Rông's coffee.)
            if provinces_only:
                top_cos = float(dense_vals[chunk_rows == lex.articles.row(hits[0].article_id)].max(initial=0.0))
            apart = tuple(tuple(b for b in bi if b in besides) for bi in bigrams)
            bigrams = apart if apart[0] else bigrams
        coverage = max(lex.bigram_coverage(bi, hits[0].article_id) for bi in bigrams if bi) \
            if lq.typed_bi else 0.0
        code_match = bool(lex.articles.row(hits[0].article_id) in code_articles)
        name_match = writes_any([h.passage.text for h in hits if h.article_id == hits[0].article_id], trusted, accented)
        # the question names a place that some articles write, but none of those found does:
        # not another province's figures in its name ("Tỉnh Điện Biên có bao nhiêu ca mắc")
        elsewhere = fitting.unfound(hits, lex, unknown) if fitting is not None else None
        # (the words the index reads in those pairs: not the places' names, their units, nor a word
        # only ever next to a name)
        apart_words = ({w for pair in besides for w in pair.split("_")}
                       if fitting is not None and fitting.place_rows else set())
        # (two such words at least: "Kon Rẫy dạo này thế nào?" asks of the place; words no article
        # writes, an abbreviation the index does not know ("Hội CCB Kon Rẫy …"), weigh nothing)
        others = tuple(w for w in lq.fold_uni if w in apart_words and lex.articles.fields[2].idf_of(w) is not None)
        place_only = len(others) >= 2 and lex.word_coverage(others, hits[0].article_id) < PLACE_ONLY_SHARE
        return Ranking(hits, lq.accented, top_cos, coverage, lex, code_match, name_match, unknown, tuple(bylines),
                       elsewhere, writes_rare_names(lex, question, hits[0].article_id,
                                                    tuple(fitting.place_rows) if fitting is not None else ()),
                       place_only)

    async def _writing_person(self, lex: LexicalSnapshot, name: tuple[str, ...], accented: bool) -> list[int]:
        """The rows of the articles that write a person's name whole ("Lê Thị Mỹ" is not
        "Lê Thị Mỹ Linh"), or, when none does, its longest reading of three syllables or
        more that one does: the articles holding its words, read (at most `NAME_READS`)."""
        for n in range(len(name), 2, -1):
            rows = [int(r) for r in lex.articles_mentioning(" ".join(fold(w).lower() for w in name[:n]))[:NAME_READS]]
            texts = await self.store.article_texts([int(lex.articles.ids[r]) for r in rows]) if rows else {}
            writing = [r for r in rows if (found := texts.get(int(lex.articles.ids[r]))) is not None
                       and writes_name(f"{found[0]}. {found[1]}", name[:n], accented)]
            if writing:
                return writing
        return []

    async def author_named(self, question: str) -> Byline | None:
        """The author a question names by the very words of an author line ("Hữu Nam viết
        bài gì": a pen name, no person's name by its form), the longest such line, of
        two syllables or more, written whole; None when it names none."""
        lines = await self._author_lines()
        if self._author_keys is None or self._author_keys[0] is not lines:
            keys: dict[str, list[tuple[str, list[int]]]] = {}
            for author, ids in lines:
                key = folded_words(author)
                if len(key.split()) >= 2 and not is_place_name(key):  # an author line "Hà Nội" names the city
                    keys.setdefault(key, []).append((author, ids))
            self._author_keys = (lines, keys)
        keys = self._author_keys[1]
        # the name written with capitals, as author lines write it, or a question typed all in
        # lower case (asked only of writing: "Ai phụ trách cửa khẩu Hữu Nghị" names a gate,
        # though an author signs "Hữu Nghị")
        typed = re.findall(r"\w+", question)
        folded = [fold(w).lower() for w in typed]
        for n in (4, 3, 2):
            for i in range(len(typed) - n + 1):
                named = keys.get(" ".join(folded[i:i + n]))
                if named and (all(w[0].isupper() for w in typed[i:i + n]) or question.islower()):
                    ids = sorted({i for _, ids in named for i in ids}, reverse=True)
                    return Byline(named[0][0], tuple(ids))
        return None

    async def _author_lines(self) -> list[tuple[str, list[int]]]:
        """The store's author lines, read once per change of the store."""
        generation = await self.store.generation()
        if self._bylines is None or self._bylines[0] != generation:
            self._bylines = (generation, await self.store.bylines())
        return self._bylines[1]

    async def _authored(self, name: tuple[str, ...], accented: bool) -> Byline | None:
        """The articles whose author line writes the name, newest stored first (an author
        line "Bài, ảnh: Nguyễn Thị Qúy" is not in the article's text), with the name as
        the line spells it when it is the whole line; None when no article is signed so.
        The author lines are read once per change of the store."""
        matched = [(author, ids) for author, ids in await self._author_lines() if writes_name(author, name, accented)]
        if not matched:
            return None
        want = " ".join(fold(w).lower() for w in name)
        shown = next((a for a, _ in matched if " ".join(fold(a).lower().split()) == want),
                     " ".join(w[:1].upper() + w[1:] for w in name))
        return Byline(shown, tuple(sorted((i for _, ids in matched for i in ids), reverse=True)))

    @staticmethod
    def mentions(lex: LexicalSnapshot, article: ArticleInfo, place: Place) -> bool:
        """Whether this article names the place, as `_mentioned` reads any article, or
        comes from the paper of the province it is."""
        row = lex.articles.row(article.id)
        return (row is not None and Searcher._mentioned(lex, place, int(row))) or (
            not place.spelt and article_province(article) in place.keys)

    @staticmethod
    def _mentioned(lex: LexicalSnapshot, place: Place, row: int | None = None) -> bool:
        """Whether an article (any, or the one at `row`) names the place: its name, one of
        its districts after its unit ("huyện Tháp Mười" is in Đồng Tháp), or the place
        its name may be a typo of."""
        return (Searcher._name_written(lex, place, row)
                or bool(Searcher._district_rows(lex, place, first=True, only=row))
                or (place.alt is not None and Searcher._mentioned(lex, place.alt, row)))

    @staticmethod
    def _name_written(lex: LexicalSnapshot, place: Place, row: int | None = None) -> bool:
        """Whether an article (any, or the one at `row`) writes the place's name (`_name_forms`)."""
        for form in _name_forms(place):
            rows = _writing(lex, place, form)
            if rows.size if row is None else np.any(rows == row):
                return True
        return False

    @staticmethod
    def _name_rows(lex: LexicalSnapshot, place: Place) -> frozenset[int]:
        """Rows of the articles that write the place's name (`_name_forms`)."""
        return frozenset(int(r) for form in _name_forms(place) for r in _writing(lex, place, form))

    @staticmethod
    def _district_rows(lex: LexicalSnapshot, place: Place, first: bool = False,
                       only: int | None = None, among: frozenset[int] | None = None) -> frozenset[int]:
        """Rows of the articles (or of the one at `only`, or of those `among`) that write one
        of the province's districts after its unit (the words found by the index, then read
        in order, with their accents); with `first`, stop at the first."""
        rows: set[int] = set()
        for district in place.within:
            candidates = {int(r) for form in district.folded_forms(with_quan=True)
                          for r in lex.articles_mentioning(form)} - rows
            if only is not None:
                candidates &= {only}
            if among is not None:
                candidates &= among
            for row in sorted(candidates):
                terms = lex.article_terms.get(int(lex.articles.ids[row]))
                if terms and writes_district(terms[0].split(), district):
                    rows.add(row)
                    if first:
                        return frozenset(rows)
        return frozenset(rows)

    @staticmethod
    def _fitting(lex: LexicalSnapshot, question: str, places: tuple[Place, ...],
                 known_places: tuple[str, ...], among: frozenset[int] | None = None) -> Fit | None:
        """What fits the years (after "năm" or in a date) and the places the question
        names (`named_places`, or a stored place written with capitals: "Tu Mơ Rông",
        not the words "thống nhất");
        None when it names neither. An article fits a province when it writes its name
        or one of its districts (an article on a district may not write its province),
        or its metadata names it: not another province's figures because some other
        article mentions this one ("Gia Lai có bao nhiêu mô hình" is no Kon Rẫy count)."""
        years = frozenset(n.year for n in named_years(question) if n.year is not None)
        year_rows = None
        if years:
            year_rows = frozenset(np.concatenate([lex.articles_mentioning(str(y)) for y in years]).tolist())
        named = list(places)  # `named_places(question)`
        for stored in known_places:  # a stored place written with capitals: a province as one
            key = folded_words(stored)
            place = province_by_key(key) or Place(stored, (key,))
            # (not a word of a place named: "Thầy" of "huyện Sa Thầy")
            if (_capitalised_in(question, key, stored) and not any(f" {key} " in f" {k} " for p in named for k in p.keys)
                    and not names_the_man(question, key)):  # "phong cách HCM": not the city
                named.append(place)
        place_rows = {place: Searcher._place_rows(lex, place, among) for place in named}
        return Fit(years, year_rows, place_rows) if years or place_rows else None

    @staticmethod
    def _place_rows(lex: LexicalSnapshot, place: Place, among: frozenset[int] | None) -> frozenset[int]:
        """Rows of the articles (of those `among`, for a province's districts) that fit a
        place; when none write a name that may be a typo of a province's ("tỉnh Quảng
        Nhin"; "Phù Yên" with no unit), those of that province."""
        if place.spelt:  # a district whose name folds like a province's
            rows = Searcher._district_rows(lex, place, among=among)
        elif not PROVINCE_KEYS.intersection(place.keys):
            forms = (*place.keys, *_joined(place.keys))
            rows = frozenset(np.concatenate([_writing(lex, place, k) for k in forms]).tolist())
        else:  # a province: the articles writing its name or one of its districts'
            # (its districts read in the candidate articles only: Hà Nội has 27, written in
            # thousands of articles of a large store)
            rows = Searcher._name_rows(lex, place) | Searcher._district_rows(lex, place, among=among)
        return rows or (Searcher._place_rows(lex, place.alt, among) if place.alt is not None else rows)

    def _named_known(self, lex: LexicalSnapshot, named: Named) -> bool:
        if named.year is not None and named.year in self.known_years:
            return True
        return any(lex.articles_mentioning(key).size for key in named.keys)

    def _embed_soon(self, text: str) -> asyncio.Task:
        """Embed on the other core while this one scores (the encoder releases the GIL)."""
        return asyncio.create_task(asyncio.to_thread(self._embed, text))

    def _boost(self, text: str, article, intent: QueryIntent) -> float:
        cfg = self.config
        boost = 0.0
        if intent.quoted:
            ftext = fold(text).lower()
            if any(q in ftext for q in intent.quoted):
                boost += cfg.quote_boost
        if intent.years:
            year_hit = (article.published and article.published.year in intent.years) or any(
                str(y) in text for y in intent.years
            )
            if year_hit:
                boost += cfg.year_boost
        if intent.places and any(p in article.places for p in intent.places):
            boost += cfg.place_boost
        return boost

