"""What a question asks, read once (pure).

A message of several sentences (a pasted text with a question in it) asks in its asking
sentence (`message.asked_part`): its figure, cause and present are read there, not in the
context. Who-questions read the whole message: the office asked may be named in the
context's places ("Huyện Kon Rẫy … Chủ tịch huyện đó là ai?").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from retrieval.people import trusted_people
from retrieval.question.causes import asks_why
from retrieval.question.figures import CountedNoun, asks_a_figure, counted_noun, named_days
from retrieval.question.message import asked_part
from retrieval.question.offices import Office, asked_office, asks_who
from retrieval.question.present import asks_of_now


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


@lru_cache(maxsize=256)
def read_question(question: str) -> Asked:
    """What `question` asks. (Remembered: the answer, the engine's checks and the date note
    each ask.)"""
    part = asked_part(question)
    text = part or question
    figure = asks_a_figure(text)
    who = asks_who(question)
    named = trusted_people(question) if who else ()
    return Asked(
        text=text, has_context=part is not None, counted=counted_noun(text), figure=figure,
        days=frozenset(named_days(text)) if figure else frozenset(), why=asks_why(text), who=who, named=named,
        office=asked_office(question) if who and not named else None, now=asks_of_now(text))
