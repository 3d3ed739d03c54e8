"""Typed values of the retrieval layer: hits, citations, answers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from corpus.types import Passage


@dataclass(frozen=True)
class Hit:
    """One retrieved passage with its scores."""

    passage: Passage
    score: float  # fused
    lexical: float = 0.0  # normalised lexical score in [0, 1]
    dense: float = 0.0  # cosine similarity
    fits: bool = True  # its article mentions the years and places the question names (or it names none)

    @property
    def article_id(self) -> int:
        return self.passage.article.id


@dataclass(frozen=True)
class Citation:
    n: int
    title: str
    url: str | None
    site: str | None
    published: dt.date | None
    quote: str
    score: float
    article_id: int
    chunk_id: int
    passage: str  # the whole passages behind the quotes (joined by "[…]" when several)
    ords: tuple[int, ...] = ()  # positions in the article of those passages

    def to_json(self) -> dict:
        return {
            "n": self.n,
            "title": self.title,
            "url": self.url,
            "site": self.site,
            "published": self.published.isoformat() if self.published else None,
            "quote": self.quote,
            "score": round(self.score, 4),
        }


@dataclass(frozen=True)
class Sentence:
    text: str
    n: int  # citation number


@dataclass(frozen=True)
class Elsewhere:
    """Places a question names that some articles write but none of those found; with
    the years it names when each place has articles, but none of them of those years."""

    places: tuple[str, ...]
    years: tuple[int, ...] = ()

    def __str__(self) -> str:
        """As the reply names it: "Điện Biên", "Kon Tum năm 2017"."""
        names = ", ".join(self.places)
        return f"{names} năm {', '.join(map(str, self.years))}" if self.years else names


@dataclass(frozen=True)
class Answer:
    query: str
    found: bool
    sentences: tuple[Sentence, ...] = ()
    citations: tuple[Citation, ...] = ()
    hits: tuple[Hit, ...] = field(default=(), repr=False)
    latency_ms: float = 0.0
    unknown: tuple[str, ...] = ()  # places, documents, laws, quarters, years named that no article mentions
    elsewhere: Elsewhere | None = None  # places named that articles write, but none of those found
    note: str = ""  # a line said before the quotes ("no figure in them" for a "how many" question)

    @property
    def text(self) -> str:
        """The quoted sentences, each followed by its [n], after the note if any; or the
        not-found line, naming what the store has nothing on when that is why."""
        if not self.found:
            if self.unknown:
                return UNKNOWN_TEXT.format(names=", ".join(self.unknown))
            if self.elsewhere is not None:
                return ELSEWHERE_TEXT.format(names=self.elsewhere)
            return NOT_FOUND_TEXT
        quotes = " ".join(f"{s.text} [{s.n}]" for s in self.sentences)
        return f"{self.note}\n{quotes}" if self.note else quotes

    def to_json(self) -> dict:
        return {
            "query": self.query,
            "found": self.found,
            "answer": self.text,
            "citations": [c.to_json() for c in self.citations],
        }


SEARCH_HINT = "dùng /tim để tìm bài theo từ khóa"  # the bots' command (the command line says its own)
UNKNOWN_TEXT = (
    "Xin lỗi, kho dữ liệu chưa có bài viết nào nhắc đến {names}, nên tôi chưa trả lời được câu hỏi này. "
    f"Bạn có thể {SEARCH_HINT}."
)
ELSEWHERE_TEXT = (
    "Xin lỗi, tôi chưa tìm thấy bài viết nào về {names} trả lời câu hỏi này (các bài gần nhất nói về nơi "
    f"khác hoặc thời gian khác, nên tôi không trích). Bạn có thể hỏi cách khác hoặc {SEARCH_HINT}."
)
DATE_FORMAT = "%d/%m/%Y"  # a day as cadres write it, in answers and in the bots
# A question about the present ("hiện nay", "hôm nay") answered from an older article
AS_OF_NOTE = "Thông tin dưới đây theo bài [1], đăng ngày {date}; đến nay có thể đã thay đổi."
AS_OF_UNDATED_NOTE = "Bài [1] không rõ ngày đăng; thông tin dưới đây đến nay có thể đã thay đổi."
NO_FIGURE_NOTE = "Các bài tìm được không nêu con số cụ thể; đây là những đoạn gần nhất với câu hỏi:"
NO_SUM_NOTE = "Các bài tìm được không nêu rõ số tiền {act}; đây là những đoạn gần nhất với câu hỏi:"
NO_AMOUNT_NOTE = "Các bài tìm được không nêu số tiền được hỏi; đây là những đoạn gần nhất với câu hỏi:"
# "… xảy ra ở xã nào?", "… từ năm nào?", "… có số hiệu là gì?" answered by sentences naming none
NOT_STATED_NOTE = "Các bài tìm được không nêu rõ {what}; đây là những đoạn gần nhất với câu hỏi:"
NOT_FOUND_TEXT = (
    "Xin lỗi, tôi không tìm thấy bài viết nào trong kho dữ liệu trả lời câu hỏi này. "
    f"Bạn có thể hỏi cách khác, dùng từ khóa cụ thể hơn, hoặc {SEARCH_HINT}."
)
