"""What a question asks, read once (pure).

A message of several sentences (a pasted text with a question in it) asks in its asking
sentence(s) (`message.asked_sentences`): its figure, cause and present are read there, not in the
context. Who-questions read the whole message: the office asked may be named in the
context's places ("Huyện Kon Rẫy … Chủ tịch huyện đó là ai?").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from typing import NamedTuple

from corpus.docrefs import document_numbers
from retrieval.people import trusted_people
from retrieval.question.causes import asks_why
from retrieval.question.dates import asks_time, states_time, times_written, without_date_asked
from retrieval.question.documents import asks_document_number, asks_full_code, question_numbers, states_document_number
from retrieval.question.figures import (CountedNoun, asks_a_figure, asks_total, count_qualifier, counted_noun, gives_total,
                                        is_sum, money_acts, named_days, counts_qualified)
from retrieval.question.message import asked_sentences
from retrieval.question.offices import Office, asked_office, asks_who, names_the_office
from retrieval.question.present import asks_of_now
from retrieval.question.slot import Slot, asked_slot
from retrieval.question.units import names_a_place, unit_asked
from retrieval.question.years import asks_birth_year, asks_year, question_years, states_year
from retrieval.query import named_years


@dataclass(frozen=True)
class Asked:
    """What a question asks for, as the answer's composition needs it."""

    text: str  # what the message asks: its asking sentence(s), or the whole question
    has_context: bool  # the message has context besides `text`
    counted: CountedNoun | None  # "bao nhiêu mô hình": what counts it (a sum, a length, a duration…)
    figure: bool  # a figure at all ("bao nhiêu", "mấy", "số lượng")
    days: frozenset[tuple[int, int]]  # for a figure: the days named ("tính đến 14h ngày 30/4": (30, 4))
    why: bool  # a cause ("vì sao", "nguyên nhân")
    who: bool  # a person ("… là ai?", "… tên là gì?")
    named: tuple[tuple[str, ...], ...]  # the people the question names ("Đinh Thị Mỹ Hảo là ai?")
    office: Office | None  # for a who-question naming no one: the office asked ("Chủ tịch UBND tỉnh …")
    now: bool  # how things are now ("hiện nay", "năm nay")
    slot: Slot | None  # what the question asks to fill ("… quê ở đâu?": "quê")
    # for a message asking two things or more ("Chủ tịch UBND xã … là ai? Chị G. vay bao nhiêu
    # tiền?"): each question read alone
    parts: tuple[Asked, ...] = ()
    # for a sum asked: what it is the sum of, nearest the asking first ("bị xử phạt bao nhiêu tiền":
    # "phạt"; `money_acts`)
    acts: tuple[str, ...] = ()
    # for a figure: a total asked ("tổng cộng bao nhiêu tiền": the sentence giving the total, not each part)
    total: bool = False
    # for a count: what happened to what is counted ("bao nhiêu cán bộ … đã hy sinh": "hy sinh")
    qualifier: str = ""
    # which place of a kind, year or document's number (`Which`; none with a count or an office asked)
    which: Which | None = None
    # the years the message names when it asks none ("năm 2019 chủ đề dân vận là gì": "2019"); a
    # sentence about other years answers it less (`years.of_other_years`)
    years: frozenset[str] = frozenset()

    def answers(self) -> Callable[[str], bool] | None:
        """What tells a sentence that answers: one counting what is asked ("25 mô hình"),
        naming the holder of the office asked, or naming the place of a kind, the year or the
        document's number asked ("thôn 3", "năm 2016", "Chỉ thị 16"), or writing what a yes/no
        question asks ("bị thương"); None when none is asked."""
        if self.counted is not None:
            return self.counted.search
        office = self.office
        if office is not None:
            return lambda sentence: names_the_office(sentence, office)
        if self.which is not None:
            return self.which.answers
        return self._yes_no.written_in if self._yes_no is not None else None

    @property
    def _yes_no(self) -> Slot | None:
        """The slot of a yes/no question ("… có ai bị thương không?": "bị thương"), which the sentence
        writing it answers ("… nên không có người bị thương."); not of one asking why."""
        slot = self.slot
        return slot if slot is not None and slot.yes_no and not slot.kind and not self.why else None

    def passage_tests(self) -> tuple[Callable[[str], bool], ...]:
        """What a sentence of another passage of the top article must pass to be drawn on when none
        the answer draws on does (`answer.counting_passage`), the first test first: a count (as a
        total when one is asked; a count the message states is no reason to draw on another
        passage), or a place of the kind asked, a year, a document's number, or what a yes/no
        question asks (`_yes_no`: "… đã bị hủy chưa?": "bị hủy"); () when none is asked."""
        if self.counted is not None:
            return tuple(t for t in (self.prefers(anew=False), self.counted.search) if t is not None)
        if self.which is not None:
            return (self.which.answers,)
        return (self._yes_no.written_in,) if self._yes_no is not None else ()

    def prefers(self, anew: bool = True) -> Callable[[str], bool] | None:
        """Of the sentences that answer (`answers`), those that answer best, if any: for a total
        asked ("tổng cộng bao nhiêu tiền"), one counting it as a total ("trên tổng số kinh phí … là
        9,8 tỷ đồng", not each person's sum); with `anew`, one counting it with a number the message
        does not state ("20 phòng", not its "23 phòng"); for a count said of what happened ("bao nhiêu
        cán bộ … đã hy sinh"), one counting it so ("909 cán bộ đã anh dũng hy sinh"); None when no such
        preference is asked."""
        counted, qualifier = self.counted, self.qualifier
        anew = anew and counted is not None and bool(counted.stated)
        if counted is None or not (self.total or anew or qualifier):
            return None
        return lambda sentence: (counted.search(sentence) and (not self.total or gives_total(sentence))
                                 and (not anew or counted.counts_anew(sentence))
                                 and (not qualifier or counts_qualified(counted, sentence, qualifier)))


@lru_cache(maxsize=256)
def read_question(question: str) -> Asked:
    """What `question` asks. (Remembered: the answer, the engine's checks and the date note
    each ask.)"""
    sentences = asked_sentences(question)
    part = " ".join(sentences) or None
    text = part or question
    number = asks_document_number(text)  # ("công điện số mấy" asks no figure, counts nothing)
    counts = without_date_asked(text)  # ("ngày mấy" neither: "ngày 27/4" is no count)
    figure = not number and asks_a_figure(counts)
    who = asks_who(question)
    named = trusted_people(question) if who else ()
    counted = None if number else counted_noun(counts, question)
    office = asked_office(question) if who and not named else None
    which = _which(text, question, number) if counted is None and office is None else None
    return Asked(
        text=text, has_context=part is not None, counted=counted, figure=figure,
        days=frozenset(named_days(text)) if figure else frozenset(), why=asks_why(text), who=who, named=named,
        office=office, now=asks_of_now(text), slot=asked_slot(text),
        acts=money_acts(text, counted), total=counted is not None and asks_total(text),
        qualifier=count_qualifier(text) if counted is not None and not is_sum(counted) else "",
        which=which, years=frozenset() if asks_year(text) else frozenset(str(n.year) for n in named_years(question)),
        parts=tuple(_with_places(read_question(s), question) for s in sentences) if len(sentences) > 1 else ())


class Which(NamedTuple):
    """A question asking which place of a kind ("… xảy ra ở xã nào?"), which year ("… từ năm nào?")
    or which number a document bears ("… có số hiệu là gì?")."""

    what: str  # as an answer says none is stated: "xã nào", "năm nào", "số hiệu văn bản"
    answers: Callable[[str], bool]  # a sentence that answers it, to open on ("xã Tân Phong")
    # a sentence that may state it, however written ("đổ bộ vào Quảng Ngãi": a place without its
    # unit): when no quoted sentence does, the answer says none is stated
    states: Callable[[str], bool]


def _which(text: str, question: str, number: bool) -> Which | None:
    """What a question (`text`: what the message asks; `question`: the whole message, whose places,
    years and documents answer none of it) asks which of; None for none."""
    unit = unit_asked(text, question)
    if unit is not None:
        return Which(f"{unit.units[0]} nào", unit.named_in,
                     lambda sentence: unit.named_in(sentence) or names_a_place(sentence, question, unit.units[0]))
    if asks_year(text):
        births = asks_birth_year(text)
        return Which("năm nào", partial(states_year, births=births, stated=question_years(question)),
                     partial(states_year, births=births))
    if asks_time(text):
        return Which("thời gian", partial(states_time, stated=frozenset(times_written(question))), states_time)
    if number:
        return Which("số hiệu văn bản", partial(states_document_number, stated=question_numbers(question),
                                                 coded=document_numbers(question, coded=True),
                                                 full=asks_full_code(text)), states_document_number)
    return None


def _with_places(part: Asked, question: str) -> Asked:
    """A question of a message read alone, its office read with the whole message's provinces
    and places ("Tỉnh Kon Tum có bao nhiêu huyện? Chủ tịch UBND tỉnh đó là ai?": not another
    province's chairman; a district named only in the other question is not checked)."""
    whole = asked_office(question)
    if part.office is None or whole is None or whole.title != part.office.title:
        return part
    return replace(part, office=whole)
