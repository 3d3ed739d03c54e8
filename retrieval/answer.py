"""Compose an extractive answer: the sentences that answer, each with its [n] (pure).

Sentences of the top passages (only of articles that fit the year and place the
question names, when any does) are scored by the idf mass of the question's
folded syllables (and, at half weight, syllable bigrams) they contain (the words only the
context of a message of several sentences writes at a quarter; a sentence about other years than
the question names at under a third). What the question asks decides
which sentence opens the answer: for "bao nhiêu <noun>" the one counting it ("25 mô hình"),
a length, a duration, "tầng mấy"; for "… là ai" one naming the office's holder; for "vì sao"
a sentence giving a cause is quoted too; a sentence of the first article writing the slot
the question asks to fill ("… quê ở đâu?": "quê") is favoured. The
best few are quoted, plus the sentence right after the best one (measured: the
answer often follows the clause that matches the question) and the one before a
quoted sentence that opens by pointing back ("Cách này …"): articles in rank
order, each one's sentences in the order they stand in the article.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from corpus.chunking import split_sentences
from corpus.docrefs import parse_code_query
from corpus.types import Passage
from retrieval.lexical import build_query
from retrieval.normalize import cut_at_word
from retrieval.question.asked import Asked, read_question
from retrieval.question.causes import WHY_WORDS, explains, gives_cause, names_cause, states_the_cause
from retrieval.places import named_places
from retrieval.question.figures import is_sum, named_days, names_act, names_another_sum, states_a_figure
from retrieval.question.offices import names_someone_asked, names_the_office
from retrieval.question.slot import Slot, writes
from retrieval.question.units import UNIT_SYLLABLES
from retrieval.question.years import of_other_years
from retrieval.sentences import (LONG_SENTENCE, clauses_around, closes_quote, may_answer, names_code, opens_quote,
                                 refers_back, repeats, sentence_after, sentence_score, sentences_after)
from retrieval.types import (AS_OF_NOTE, AS_OF_UNDATED_NOTE, DATE_FORMAT, NO_AMOUNT_NOTE, NO_FIGURE_NOTE, NO_SUM_NOTE,
                             NOT_STATED_NOTE, Answer, Citation, Hit, Sentence)


GAP = "\n\n[…]\n\n"  # between passages that are not next to each other
MAX_QUOTE_GOES_ON = 3  # sentences quoted after one opening a quotation, to the one closing it
MIN_SENTENCE = 15  # characters: shorter pieces (a credit, a stray heading) are never quoted


@dataclass(frozen=True)
class AnswerParams:
    max_passages: int = 4  # passages sentences are drawn from
    max_sentences: int = 4  # best-scoring sentences quoted...
    add_next: bool = True  # ...plus the one after the best
    # ...and the one before a quoted sentence that opens by pointing back to it
    # ("Cách này …", "Do đó …"): answer_hit +0.005 on ViNewsQA dev, no loss
    add_antecedent: bool = True
    max_chars: int = 700
    # A quoted sentence scores at least this share of the best. 0.4 rather than 0.2: on
    # ViNewsQA dev answer_hit 0.759 -> 0.755 (3 questions) for answers 13% shorter, and
    # a cadre's answer keeps off sentences that share only a word pair with the question.
    relative_floor: float = 0.4
    bigram_weight: float = 0.5
    # A passage of another article is drawn on only when its score is at least this share
    # of the first passage's: not a fruit article's "18 - 20" under Chỉ thị 18-CT/TU.
    # ViNewsQA dev answer_hit 0.771 -> 0.772 (0.736 -> 0.739 without accents) at 0.5;
    # the same at 0.3, 0.771 at 0.7, 0.758 at 0.9.
    min_score_share: float = 0.5
    # The answer opens on the best sentence of the first article drawn (the one ranked
    # first, cited [1]) unless another article's best sentence scores more than this many
    # times as high: a sentence's word overlap is weaker evidence than the article's rank
    # ("Alle mắc bệnh gì từ lúc bẩm sinh?" opened on another article's "dị tật bẩm sinh").
    # ViNewsQA dev, answer in source [1]: 0.710 -> 0.729 (0.699 -> 0.706 without accents),
    # in the first sentence 0.586 -> 0.596; answer_hit unchanged. Opening on it whatever
    # the scores measured the same within two questions; 2.0 keeps the opener an answer
    # that only another article gives.
    rival_factor: float = 2.0


COUNT_WEIGHT = 0.3  # of the question's idf mass (ViNewsQA dev answer_hit +0.001; cadre questions like it)
DATE_WEIGHT = 0.3  # of it, for a sentence naming the day a figure is asked of (ViNewsQA dev unchanged)

# Of the question's idf mass, for a sentence naming someone when the question asks who
# (ViNewsQA dev and the cadre sets unchanged at 0, 0.3 and 0.6; on the samples
# "Trưởng Ban Dân vận Tỉnh ủy Kon Tum là ai?" quotes "… đồng chí Nguyễn Đức Tuy – …,
# Trưởng Ban Dân vận Tỉnh ủy …" second instead of third; at 0.3 a sentence on the
# office's meeting, sharing more of the question's words, still came first).
WHO_WEIGHT = 0.6
# Of the question's idf mass, for a sentence of the first article writing the slot the question
# asks to fill ("… quê ở đâu?": "quê ở tỉnh Hà Giang"; "… có ai tử vong không?"), which the sentences
# repeating the event's words seldom write. Review sets (421 cadre questions on the dantri store): the
# first sentence holds the answer 285 -> 292, any 339 -> 344; ViNewsQA dev answer_hit 0.7818 ->
# 0.7830, its first sentence 0.6007 -> 0.6043 (flat from 0.8 to 1.2; docs/evaluation.md). A kind ("… số điện thoại nào?",
# "… bệnh gì?") weighs less: the answer often names the thing without its kind (at 0.4 and 0.5
# "biện pháp nào", "hoạt động gì" lost their answer on ViNewsQA). Another article's sentence
# writing the slot is no answer about this event ("dịch vụ y tế nào" lost its list to another
# article's "giá dịch vụ y tế").
SLOT_WEIGHT = 0.8
KIND_SLOT_WEIGHT = 0.3
# A sentence about other years than the question names ("năm 2019 chủ đề dân vận là gì": "… chủ đề công
# tác dân vận năm 2020 …") scores this share of its words' worth.
OTHER_YEAR_FACTOR = 0.3


def drawn_from(hits: list[Hit], params: AnswerParams | None = None) -> list[int]:
    """The ranks of the hits an answer quotes from: the top passages, only of articles
    that fit the year and place the question names when any does, and of other articles
    than the first only when they score near it (`AnswerParams.min_score_share`)."""
    p = params or AnswerParams()
    ranks = [r for r, h in enumerate(hits) if h.fits] or list(range(len(hits)))
    if ranks and p.min_score_share > 0:
        top = hits[ranks[0]]
        ranks = [r for r in ranks if hits[r].article_id == top.article_id
                 or hits[r].score >= p.min_score_share * top.score]
    return ranks[: p.max_passages]


def counting_passage(question: str, hits: list[Hit], passages: list[Passage], idf: Callable[[str], float],
                     params: AnswerParams | None = None) -> Passage | None:
    """For "bao nhiêu <noun>", when no sentence of the passages the answer draws on
    counts the noun: the passage among `passages` (the top article's) holding the
    sentence that counts it and best matches the question ("Kon Rẫy có bao nhiêu mô
    hình…": "Có 25 mô hình kinh tế, 10 mô hình…", further down the article); for a total
    asked, when none counts it as a total ("phải hoàn trả tổng cộng bao nhiêu tiền": each
    person's sum is drawn on, the total further up); for "… thuộc phường nào?", the one naming
    a place of the kind asked ("phường Mỹ Đình 2") (pure).
    (Not for a cause asked: drawing on another passage of the first article pushes out
    the other articles' passages, which answered 3 ViNewsQA questions.)"""
    tests = read_question(question).passage_tests()
    if not tests or not hits:
        return None
    drawn = {hits[r].passage.chunk_id for r in drawn_from(hits, params)}
    drawn_sentences = [s for h in hits if h.passage.chunk_id in drawn for s in split_sentences(h.passage.text)]
    others = [(passage, split_sentences(passage.text)) for passage in passages if passage.chunk_id not in drawn]
    p = params or AnswerParams()
    q = build_query(question)
    q_uni, q_bi = set(q.fold_uni), set(q.fold_bi)
    for counts in tests:  # (a total first)
        if any(counts(s) for s in drawn_sentences):
            return None
        best, chosen = 0.0, None
        for passage, passage_sentences in others:
            for s in passage_sentences:
                if len(s) >= MIN_SENTENCE and counts(s):
                    score = sentence_score(q_uni, q_bi, s, idf, p.bigram_weight)
                    if score > best:
                        best, chosen = score, passage
        if chosen is not None:
            return chosen
    return None


CONTEXT_WEIGHT = 0.25  # of a word's weight, for the words only the context of a pasted question writes


def _weighed_for_asking(question: str, asked: Asked, idf: Callable[[str], float]
                        ) -> tuple[Callable[[str], float], list[tuple[int, str | None, str | None]], float]:
    """The word weights sentences are scored by, the document codes named and the weight of
    a sentence naming one, for a message of several sentences ("Ban Thường vụ có Thông báo
    số 203-TB/TU … Xin hỏi người dân … khi quay trở về thì bắt buộc phải làm gì?"): the words
    and codes of the sentence that asks count whole, the context's at `CONTEXT_WEIGHT`, so
    the answer opens on what is asked, not on the sentence repeating the context. The search
    itself reads the whole message: the context tells which article (pure)."""
    codes = parse_code_query(question)
    if not asked.has_context:
        return idf, codes, 1.0
    aq = build_query(asked.text)
    own = set(aq.fold_uni) | set(aq.fold_bi)

    def weighed(term: str) -> float:
        return idf(term) * (1.0 if term in own else CONTEXT_WEIGHT)

    asked_codes = parse_code_query(asked.text)
    return weighed, asked_codes or codes, 1.0 if asked_codes else CONTEXT_WEIGHT


def _best(scored: list[tuple[float, tuple[int, int]]], test: Callable[[tuple[int, int]], bool]) -> tuple[int, int] | None:
    """The best-scored sentence key (of a positive score) that passes `test`."""
    return next((key for score, key in scored if score > 0 and test(key)), None)


def _filling_slots(asked: Asked, sentences: Mapping[tuple[int, int], str], own: Callable[[tuple[int, int]], bool],
                   mass: float) -> dict[tuple[int, int], float]:
    """The bonus of each sentence key writing the slot a question (or each question of the
    message) asks to fill: of the first article's quotable sentences (`own`) only."""
    slots = [part.slot for part in (asked.parts or (asked,)) if part.slot is not None]
    if not slots:
        return {}
    ws = {key: Slot.sentence_words(s) for key, s in sentences.items() if own(key) and _quotable(s)}
    bonus: dict[tuple[int, int], float] = {}
    for slot in slots:
        phrases = slot.phrases(list(ws.values()))
        if not phrases:
            continue  # no sentence writes it
        weight = (KIND_SLOT_WEIGHT if slot.kind else SLOT_WEIGHT) * mass
        for key, w in ws.items():
            if any(writes(w, phrase) for phrase in phrases):
                bonus[key] = max(bonus.get(key, 0.0), weight)  # (a sentence filling two slots: the larger)
    return bonus


def _goes_on(sentence: str) -> bool:
    """Whether a sentence says nothing without the next: a lead-in ("… yêu cầu:") or one opening a
    quotation it does not close."""
    return sentence.rstrip().endswith(":") or opens_quote(sentence)


def _quotable(sentence: str) -> bool:
    """Whether a sentence may be quoted at all (not a credit, a stray heading, a question)."""
    return len(sentence) >= MIN_SENTENCE and may_answer(sentence)


def compose(question: str, hits: list[Hit], found: bool, idf: Callable[[str], float],
            params: AnswerParams | None = None, following: Mapping[int, str] | None = None) -> Answer:
    """The answer to `question` from ranked hits (already judged `found`). `following`:
    chunk id -> the text of the passage after it, for the sentence after the best
    one when the best ends its passage, what a quotation or a lead-in goes on to, and a
    cause asked that the passages drawn on do not give."""
    p = params or AnswerParams()
    if not found or not hits:
        return Answer(query=question, found=False, hits=tuple(hits))
    q = build_query(question)
    q_uni, q_bi = set(q.fold_uni), set(q.fold_bi)
    asked = read_question(question)
    idf, codes, code_weight = _weighed_for_asking(question, asked, idf)
    # (hit rank, position) -> sentence, for the top passages
    ranks = drawn_from(hits, p)
    sentences: dict[tuple[int, int], str] = {}
    # each drawn passage's own sentences (before any from the passage after it)
    passage_sentences = {rank: split_sentences(hits[rank].passage.text) for rank in ranks}
    for rank in ranks:
        for pos, sent in enumerate(passage_sentences[rank]):
            sentences[(rank, pos)] = sent
    mass = sum(idf(t) for t in q_uni)  # the question's idf mass, which the bonuses below are shares of
    # A sentence naming a document code the question names scores as if it held
    # every word of the question too ("18 ct tu ban hành ngày nào").
    code_bonus = code_weight * max(mass, 1.0) if codes else 0.0  # "QĐ 217": no other word to weigh
    # "bao nhiêu mô hình": a sentence counting them ("25 mô hình kinh tế") holds the answer
    counted = asked.counted
    count_bonus = COUNT_WEIGHT * mass if counted else 0.0
    # "bao nhiêu … tính đến 14h ngày 30/4": a figure of that day, not the day before (only for
    # a figure: "Ai chủ trì cuộc họp … chiều 30/4?" opened on the meeting's date line, not its chair;
    # not a day of a pasted context)
    days = asked.days
    day_bonus = DATE_WEIGHT * mass if days else 0.0
    # "… là ai?": a sentence naming someone holds the answer: the person named ("Đinh Thị Mỹ Hảo là
    # ai?"), else the holder of the office asked ("Chủ tịch UBND tỉnh An Giang là ai?"), not a deputy
    who, named, office = asked.who, asked.named, asked.office
    who_bonus = WHO_WEIGHT * mass if who else 0.0

    def answers_who(s: str) -> bool:
        return names_the_office(s, office) if office is not None else names_someone_asked(s, named, q.accented)

    # a title that names the holder answers too ("Thiếu tướng Vũ Xuân Viên: - Giám đốc Công an…"),
    # or the first article's title that counts what is asked ("… với sự tham dự của trên 500 đại
    # biểu"; not another article's, which would open the answer for its figure alone)
    title_answers = (lambda t: names_the_office(t, office)) if office is not None else counted.search if counted else None
    if title_answers is not None:
        for rank in dict.fromkeys(ranks if office is not None else ranks[:1]):
            title = " ".join(hits[rank].passage.article.title.split())
            if title_answers(title) and title not in sentences.values():
                sentences[(rank, -1)] = title

    # "… quê ở đâu?": a sentence of the first article writing "quê"
    first_aid = hits[ranks[0]].article_id if ranks else None

    def of_first(key: tuple[int, int]) -> bool:
        """Whether a sentence key is of the first article drawn on (cited [1])."""
        return hits[key[0]].article_id == first_aid

    filling = _filling_slots(asked, sentences, of_first, mass)
    years = asked.years  # "năm 2019 …": a sentence about 2020 alone answers less
    scored = sorted(
        ((sentence_score(q_uni, q_bi, s, idf, p.bigram_weight) * (OTHER_YEAR_FACTOR if of_other_years(s, years) else 1.0)
          + (code_bonus if codes and names_code(s, codes) else 0.0)
          + (count_bonus if counted and counted.search(s) else 0.0) + (who_bonus if who and answers_who(s) else 0.0)
          + (day_bonus if days and days & named_days(s) else 0.0)
          + filling.get(key, 0.0),
          key) for key, s in sentences.items() if _quotable(s)),
        key=lambda x: (-x[0], x[1]),
    )
    if not scored or scored[0][0] <= 0:
        return Answer(query=question, found=False, hits=tuple(hits))
    best = scored[0][0]
    own = next((i for i, (score, key) in enumerate(scored) if of_first(key)), None)
    if own is not None and own > 0 and scored[own][0] * p.rival_factor >= best:  # (0: it opens already)
        scored.insert(0, scored.pop(own))
    # (the opener always: moved first from a rival article, it may score under the floor)
    picked = [scored[0][1]] + [key for score, key in scored[1:p.max_sentences] if score >= p.relative_floor * best]
    spilled: dict[tuple[int, int], tuple[str, int]] = {}  # sentences from the passage after a hit's: (text, ord)

    def next_of(key: tuple[int, int]) -> tuple[int, int] | None:
        """The sentence after a sentence, from the next passage when it ends its own; None
        for a fragment (a caption's "Ảnh: HN") or none."""
        rank, pos = key
        after, hit = (rank, pos + 1), hits[rank]
        if pos >= 0 and after not in sentences and following and hit.passage.chunk_id in following:
            text = following[hit.passage.chunk_id]
            sentences[after] = sentence_after(sentences[key], text)
            spilled[after] = (text, hit.passage.ord + 1)
        ok = after in sentences and _quotable(sentences[after])
        return after if ok else None

    if p.add_next:
        # the sentence after the best: right after the best, or after the second best when it
        # comes from the next passage
        after = next_of(scored[0][1])
        if after is not None and after not in picked:
            picked.insert(2 if after in spilled else 1, after)
    opener = picked[0]  # the sentence the answer opens on
    # "bao nhiêu mô hình": the sentence that counts them; "Trưởng ban Dân vận huyện … là
    # ai?": the one naming the office's holder. It comes right after the best, before the
    # budget can drop it for long sentences that only share the words, and the answer
    # opens on it; a message asking two such things ("… là ai? … bao nhiêu tiền?") gets both,
    # in the order asked.
    tests = [(t, a.prefers()) for a in asked.parts if (t := a.answers()) is not None] or [
        (asked.answers(), asked.prefers())]
    score_of = {key: score for score, key in scored}
    at, opened = 1, False  # where the next answering sentence goes; whether one opens the answer
    for answering, preferred in tests:
        if answering is None:
            continue

        def answers(test: Callable[[tuple[int, int]], bool]) -> tuple[int, int] | None:
            """The best-scoring sentence answering, among those passing `test`: one answering
            best (a total asked) if any."""
            best_key = _best(scored, lambda key: test(key) and preferred(sentences[key])) if preferred else None
            return best_key if best_key is not None else _best(scored, lambda key: test(key) and answering(sentences[key]))

        # (the first article's when it scores at least 1/rival_factor of the best one: another fire's
        # "6 xe chuyên dụng" is no answer of this one's; a count far better matched elsewhere still is)
        answer_key = answers(lambda key: True)
        own_key = answers(of_first)
        if own_key is not None and answer_key is not None and score_of[own_key] * p.rival_factor >= score_of[answer_key]:
            answer_key = own_key
        if answer_key is None or answer_key in picked[1:at]:
            continue
        if answer_key == picked[0]:
            opened = True
            continue
        if answer_key in picked:
            picked.remove(answer_key)
        # (the one the answer opens on first in the budget's order too: a long one is cut to its
        # clauses, not dropped for the sentences that only share the question's words)
        picked.insert(0 if not opened else at, answer_key)
        at += 1
        if not opened:
            opener, opened = answer_key, True
    # "Vì sao …": a sentence giving a cause ("do mưa lớn", "nên mới") holds the answer
    if asked.why:
        # a cause shares a word with the question besides the places' names and units: not "UBND xã Lê
        # Hóa đã hỗ trợ gia đình … do hoàn cảnh khó khăn" for "Vì sao cháu bé ở … xã Lê Hóa tử vong?"
        unplaced = (q_uni - UNIT_SYLLABLES - WHY_WORDS
                    - {k for place in named_places(question) for key in place.keys for k in key.split()})

        def about_it(sentence: str) -> bool:
            """Whether a cause is about what is asked: it shares a word with the question besides its
            places and asking words, or says what the cause is ("Nguyên nhân được xác định là do …")."""
            return sentence_score(unplaced, set(), sentence, idf, p.bigram_weight) > 0 or states_the_cause(sentence)

    if asked.why and not any(gives_cause(sentences[key]) for key in picked):
        # "Vì sao hố … bị ngập nước?": the sentences sharing most words name the place and the
        # event; the best one of the first article giving a cause is quoted right after the opener
        cause = _best(scored, lambda key: of_first(key) and gives_cause(sentences[key]) and about_it(sentences[key]))
        if cause is None and following:
            # ... or, when none does, the best one giving a cause (and sharing a word with the question)
            # in the passage after one of its passages drawn on ("… đều bị thủng ruột do cây tăm xuyên
            # qua.", further on), with the sentence before it when it points back ("Tình trạng này là do …")
            # key -> (score, the sentence, the sentence before it, the next passage, its ord)
            after: dict[tuple[int, int], tuple[float, str, str, str, int]] = {}
            for rank in ranks:
                hit = hits[rank]
                text = following.get(hit.passage.chunk_id) if of_first((rank, 0)) else None
                if not text:
                    continue
                last = passage_sentences[rank][-1] if passage_sentences[rank] else ""
                nxt = sentences_after(last, text)
                for j, sent in enumerate(nxt):
                    score = sentence_score(q_uni, q_bi, sent, idf, p.bigram_weight)
                    if score > 0 and _quotable(sent) and gives_cause(sent) and about_it(sent):
                        after[(rank, len(passage_sentences[rank]) + j)] = (score, sent, nxt[j - 1] if j else "", text,
                                                                           hit.passage.ord + 1)
            if after:
                cause = min(after, key=lambda k: (-after[k][0], k))  # (the earliest of the best)
                _, sentences[cause], previous, *passage = after[cause]
                spilled[cause] = tuple(passage)
                before = (cause[0], cause[1] - 1)
                if before not in sentences and refers_back(sentences[cause]):
                    sentences[before], spilled[before] = previous, spilled[cause]
        if cause is not None:
            picked.insert(1, cause)
    if asked.why and not any(t is not None for t, _ in tests) and of_first(picked[0]) and not explains(sentences[picked[0]]):
        # "Vì sao …" (asking nothing else): the first article's cause ("do …", "vì …"; not only an effect,
        # "Vụ cháy khiến …") opens the answer when the best sentence, of that article, only restates the
        # event (fresh review sets: first sentence +7 of 16 why-questions; ViNewsQA dev +8 / −5); the best
        # keeps its place first in the length budget
        cause = next((key for key in picked if of_first(key) and names_cause(sentences[key]) and about_it(sentences[key])),
                     None)
        if cause is not None:
            picked.remove(cause)
            picked.insert(1, cause)
            opener = cause
    # "… yêu cầu:" says nothing without what follows: the sentence after a lead-in, right after it;
    # a quotation opened goes on to the sentence closing it (`…", bà nói.`), `MAX_QUOTE_GOES_ON` at most
    goes_with: dict[tuple[int, int], list[tuple[int, int]]] = {}  # a sentence -> those it goes on to
    for key in list(picked):
        if key[1] < 0 or not _goes_on(sentences[key]):
            continue  # (a title's quotation goes on to no sentence of the passage)
        quoting, prev = opens_quote(sentences[key]), key
        for _ in range(MAX_QUOTE_GOES_ON if quoting else 1):
            after = next_of(prev)
            if after is None:
                break
            if after not in picked:  # (the sentence after the best may be quoted already: kept where it is)
                picked.insert(picked.index(prev) + 1, after)
            goes_with.setdefault(key, []).append(after)
            if not quoting or closes_quote(sentences[after]) or opens_quote(sentences[after]):
                break
            prev = after
    if p.add_antecedent:
        # "Cách này giúp …" says nothing without the sentence before it: quote that too
        # (right after it in priority, so the budget drops it with it)
        for key in list(picked):
            before = (key[0], key[1] - 1)
            if before in sentences and before not in picked and refers_back(sentences[key]):
                picked.insert(picked.index(key) + 1, before)
    # Keep within the length budget, dropping the weakest first (the best always stays).
    # A long sentence that did not fit is then quoted by its clauses that hold the question's
    # words, in the room left.
    kept, total, seen, too_long = [], 0, [], []  # seen: (article id, text) of the sentences kept
    for key in picked:
        text, aid = sentences[key], hits[key[0]].article_id
        if any(repeats(text, other, near=aid != other_aid) for other_aid, other in seen):
            continue
        if kept and total + len(text) > p.max_chars:
            too_long += [key] if len(text) > LONG_SENTENCE else []
            continue
        if len(text) > p.max_chars:  # the best, longer than a whole answer (cut at a word, if no clause fits)
            text = clauses_around(text, q_uni, q_bi, idf, p.bigram_weight, p.max_chars)
            text = sentences[key] = text if len(text) <= p.max_chars else cut_at_word(text, p.max_chars - 2) + " …"
        kept.append(key)
        seen.append((aid, text))
        total += len(text)
    for key in too_long:
        if p.max_chars - total >= LONG_SENTENCE // 2:
            text = clauses_around(sentences[key], q_uni, q_bi, idf, p.bigram_weight, min(p.max_chars - total, LONG_SENTENCE))
            if total + len(text) <= p.max_chars:  # (not when its best clause alone is longer)
                sentences[key] = text
                kept.append(key)
                seen.append((hits[key[0]].article_id, text))
                total += len(text)
    # The best sentence (or the one counting what is asked) first, with the sentence it
    # points back to, its article first; then each article's sentences in the order they
    # stand in it, articles in rank order (passages of one article may rank out of order).
    first_rank: dict[int, int] = {}
    for rank, _ in sorted(kept):
        first_rank.setdefault(hits[rank].article_id, rank)
    best_key = opener if opener in kept else kept[0]  # (the best always stays)
    lead = [best_key]
    if (best_key[0], best_key[1] - 1) in kept and refers_back(sentences[best_key]):
        lead.insert(0, (best_key[0], best_key[1] - 1))
    lead += [key for key in goes_with.get(best_key, []) if key in kept]  # what a lead-in or a quotation goes on to
    best_aid = hits[best_key[0]].article_id
    kept.sort(key=lambda key: (hits[key[0]].article_id != best_aid, first_rank[hits[key[0]].article_id],
                               lead.index(key) if key in lead else len(lead), hits[key[0]].passage.ord, key[1]))
    numbers: dict[int, int] = {}
    quotes: dict[int, list[str]] = {}
    first_hit: dict[int, Hit] = {}
    passages: dict[int, list[str]] = {}  # every passage a quote of the article comes from
    ords: dict[int, list[int]] = {}
    out: list[Sentence] = []
    for rank, pos in kept:
        hit = hits[rank]
        aid = hit.article_id
        if aid not in numbers:
            numbers[aid] = len(numbers) + 1
            first_hit[aid] = hits[first_rank[aid]]  # its best-ranked passage: the citation's score
        quotes.setdefault(aid, []).append(sentences[(rank, pos)])
        text, ord_ = spilled.get((rank, pos), (hit.passage.text, hit.passage.ord))
        if text not in passages.setdefault(aid, []):
            passages[aid].append(text)
            ords.setdefault(aid, []).append(ord_)
        out.append(Sentence(text=sentences[(rank, pos)], n=numbers[aid]))
    citations = tuple(
        Citation(
            n=n, title=first_hit[aid].passage.article.title, url=first_hit[aid].passage.article.url,
            site=first_hit[aid].passage.article.site, published=first_hit[aid].passage.article.published,
            quote=" ".join(quotes[aid]), score=first_hit[aid].score, article_id=aid,
            chunk_id=first_hit[aid].passage.chunk_id, passage=GAP.join(passages[aid]), ords=tuple(ords[aid]),
        )
        for aid, n in numbers.items()
    )
    # "bao nhiêu …" answered by sentences that give no figure, or "bị xử phạt bao nhiêu tiền" by none
    # giving a fine: said, not left to be guessed
    no_figure = asked.figure and not any(states_a_figure(s.text) for s in out)

    def sum_of_act(key: tuple[int, int]) -> bool:
        """For a sum asked of an act ("bị xử phạt bao nhiêu tiền"): whether the sentence at `key`
        gives one naming it, or right after one naming it ("Tỉnh hỗ trợ các hộ. Mỗi hộ nhận 2 triệu
        đồng."), and then not a sum of something else ("Trị giá hàng hóa vi phạm … là …")."""
        s = sentences[key]
        if not asked.counted.search(s):
            return False
        before = sentences.get((key[0], key[1] - 1))
        return names_act(s, asked.acts) or bool(before and names_act(before, asked.acts) and not names_another_sum(s))

    no_sum = bool(asked.acts) and not any(sum_of_act(key) for key in kept)
    # "Học phí … là bao nhiêu một năm?" answered by sentences giving no sum at all
    no_amount = is_sum(asked.counted) and not any(asked.counted.search(s.text) for s in out)
    # "… xảy ra ở xã nào?", "… từ năm nào?", "… có số hiệu là gì?" answered by sentences naming none
    which = asked.which if not asked.parts else None
    unstated = which is not None and not any(which.states(s.text) for s in out)
    note = (NO_FIGURE_NOTE if no_figure else NO_SUM_NOTE.format(act=asked.acts[0]) if no_sum
            else NO_AMOUNT_NOTE if no_amount else NOT_STATED_NOTE.format(what=which.what) if unstated else "")
    return Answer(query=question, found=True, sentences=tuple(out), citations=citations, hits=tuple(hits),
                  note=note)


STALE_DAYS = 30  # an article older than this no longer tells the present


def dated(answer: Answer, today: dt.date) -> Answer:
    """An answer to a question about the present quoted from a source [1] published more
    than `STALE_DAYS` before `today`, or on no known day, says so before the quotes: a
    cadre asking how many poor households there are now must not take a 2020 figure
    for today's."""
    if not answer.found or not answer.citations or not read_question(answer.query).now:
        return answer
    published = answer.citations[0].published
    if published is not None and (today - published).days <= STALE_DAYS:
        return answer
    note = AS_OF_NOTE.format(date=published.strftime(DATE_FORMAT)) if published else AS_OF_UNDATED_NOTE
    return replace(answer, note=f"{note} {answer.note}" if answer.note else note)


def with_context(chunks: list[tuple[int, str]], ords: tuple[int, ...], around: int = 1) -> str:
    """The quoted passages of an article with `around` passages either side, for reading
    the source: (ord, text) chunks in; adjacent ones joined (the sentence two chunks
    share is said once, a sentence cut between them made whole), gaps marked "[…]" (pure)."""
    wanted = {o + d for o in ords for d in range(-around, around + 1)}
    runs: list[list[str]] = []
    last = None
    for o, text in sorted(chunks):
        if o not in wanted:
            continue
        sentences = split_sentences(text)
        if last is not None and o == last + 1:
            if sentences and runs[-1] and sentences[0] == runs[-1][-1]:
                sentences = sentences[1:]  # the sentence it shares with the chunk before
            elif sentences and runs[-1] and runs[-1][-1].endswith(" …") and sentences[0].startswith("… "):
                # a long sentence cut between the two chunks (corpus.chunking.split_long): whole again
                runs[-1][-1] = runs[-1][-1][:-2] + " " + sentences[0][2:]
                sentences = sentences[1:]
            runs[-1].extend(sentences)
        else:
            runs.append(list(sentences))
        last = o
    return GAP.join(" ".join(run) for run in runs if run)
