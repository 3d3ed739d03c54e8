"""Questions about someone who only signs articles ("bài viết của phóng viên X"), and the
answer that says so, citing what they signed (pure)."""

from __future__ import annotations

import re

from corpus.types import Passage
from retrieval.normalize import fold
from retrieval.question.asked import read_question
from retrieval.types import Answer, Citation, Sentence


MAX_BYLINE_ARTICLES = 3
# "bài viết của …", "tác giả …", "… viết những bài nào": a question about what someone wrote
_ABOUT_WRITING_RE = re.compile(r"\b(?:bai(?: viet| bao)? cua|tac gia|phong vien|viet (?:nhung )?bai|nhung bai)\b")


def asks_of_writing(question: str) -> bool:
    """Whether a question asks what someone wrote ("X viết bài gì", "bài của X")."""
    return bool(_ABOUT_WRITING_RE.search(fold(question).lower()))


def asks_of_author(question: str) -> bool:
    """Whether a question naming someone who only signs articles is about that person
    (who they are, what they wrote), not a question that names them in passing
    ("Theo phóng viên X, tỉnh có bao nhiêu ca mắc?" asks for the figure)."""
    asked = read_question(question)
    return (asked.who or asks_of_writing(question)) and asked.counted is None


def byline_answer(question: str, name: str, leads: list[Passage]) -> Answer:
    """The answer about a person no article writes of, who signs some (`leads`: the
    first passage of each, newest first, at most MAX_BYLINE_ARTICLES): says so, citing
    them, and quotes nothing."""
    if not leads:
        return Answer(query=question, found=False)
    sentences = [Sentence(f"{name} là tên tác giả ghi cuối bài viết này; các bài trong kho không viết gì thêm về người này.", 1)]
    sentences += [Sentence(f"Bài khác của {name}.", n) for n in range(2, len(leads) + 1)]
    citations = tuple(
        Citation(n=n, title=p.article.title, url=p.article.url, site=p.article.site, published=p.article.published,
                 quote="", score=0.0, article_id=p.article.id, chunk_id=p.chunk_id, passage=p.text, ords=(p.ord,))
        for n, p in enumerate(leads, 1))
    return Answer(query=question, found=True, sentences=tuple(sentences), citations=citations)
