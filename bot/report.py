"""What admins read about the questions the bots could not answer well (pure).

The same question asked again, however it is typed ("Chủ tịch UBND tỉnh là ai?",
"chu tich ubnd tinh la ai"), is one line, counted; lines come newest first, so
that an office sees what its cadres are asking for that the store lacks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot import render
from corpus.types import AskedQuestion
from retrieval.normalize import fold, words

MAX_LINES = 15
MAX_QUESTION_CHARS = 150


@dataclass(frozen=True)
class WeakQuestion:
    """One question, however often asked: the last wording and time, how many times,
    how many of those went unanswered, and the 👎 its answers got."""

    question: str
    last_at: dt.datetime
    times: int
    not_found: int
    down_votes: int


def question_key(question: str) -> str:
    """The words of a question, folded: one key however it is typed."""
    return " ".join(fold(w) for w in words(question))


def group(asked: list[AskedQuestion]) -> list[WeakQuestion]:
    """Questions (newest first) grouped by their words, newest group first."""
    groups: dict[str, list[AskedQuestion]] = {}
    for a in asked:
        groups.setdefault(question_key(a.question) or a.question, []).append(a)
    out = [WeakQuestion(question=items[0].question, last_at=max(i.at for i in items), times=len(items),
                        not_found=sum(not i.found for i in items), down_votes=sum(i.down_votes for i in items))
           for items in groups.values()]
    return sorted(out, key=lambda w: w.last_at, reverse=True)


def weak_questions_text(asked: list[AskedQuestion], days: int, capped: bool = False) -> str:
    """The admin's list (plain text): each question with when and how it went.
    `capped`: `asked` holds only the newest of them."""
    weak = group(asked)
    if not weak:
        return f"{days} ngày qua không có câu hỏi nào bot chưa trả lời được hoặc bị đánh giá chưa tốt."
    count = f"{len(weak)} câu trong {len(asked)} lượt hỏi gần nhất" if capped else f"{len(weak)} câu"
    lines = [f"Câu hỏi {days} ngày qua bot chưa trả lời được hoặc bị đánh giá chưa tốt "
             f"({count}, mới nhất trước):"]
    for i, w in enumerate(weak[:MAX_LINES], 1):
        how = []
        if w.not_found:
            how.append("chưa tìm thấy" if w.not_found == w.times else f"{w.not_found} lần chưa tìm thấy")
        if w.down_votes:
            how.append(f"👎 {w.down_votes}")
        times = f"{w.times} lần, gần nhất " if w.times > 1 else ""
        lines.append(f"{i}. «{render.clip(w.question, MAX_QUESTION_CHARS)}» — {times}{render.fmt_time(w.last_at)}; "
                     + ", ".join(how))
    if len(weak) > MAX_LINES:
        lines.append(f"… và {len(weak) - MAX_LINES} câu khác.")
    lines.append("Nên bổ sung bài viết về các nội dung này: /them <địa chỉ bài hoặc RSS>.")
    return "\n".join(lines)
