"""What's-new questions: recognised, their topic and time window read, and the
list they get (pure); end to end through the core in test_core.py."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.recent import RecentAsk, parse_recent, recent_reply
from corpus.types import ArticleInfo

TODAY = dt.date(2026, 11, 25)  # a Wednesday


@pytest.mark.parametrize("question, topic, since", [
    ("Bài mới về công tác tôn giáo tuần này?", "công tác tôn giáo", dt.date(2026, 11, 23)),
    ("Có bài mới nào về Kon Tum không?", "Kon Tum", None),
    ("tin moi nhat ve mttq", "mttq", None),
    ("Tuần này có tin mới về dân vận khéo không", "dân vận khéo", dt.date(2026, 11, 23)),
    ("Bài mới hôm nay", "", TODAY),
    ("bai viet moi ve 18-CT/TU thang nay", "18-CT/TU", dt.date(2026, 11, 1)),
    ("Các bài gần đây về chủ đề giảm nghèo", "giảm nghèo", None),
    ("Có tin tức mới trong 7 ngày qua không?", "", dt.date(2026, 11, 19)),
])
def test_whats_new_questions_are_read(question, topic, since):
    ask = parse_recent(question, TODAY)
    assert ask is not None and (ask.topic, ask.since) == (topic, since)


@pytest.mark.parametrize("question", [
    "Tin mới nhất về việc tỉnh hỗ trợ đồng bào bị lũ như thế nào?",  # a question about the news
    "Luật mới về tôn giáo quy định gì?",
    "thu nhap binh quan kon tum 2019",
    "Mô hình mới ở xã Đăk Ruồng tuần này ra sao?",
    "Bài học kinh nghiệm mới trong công tác dân vận",
])
def test_other_questions_are_not_whats_new(question):
    assert parse_recent(question, TODAY) is None


def _art(i: int, title: str, published: dt.date | None, ingested: str = "2026-11-01T03:00:00Z") -> ArticleInfo:
    return ArticleInfo(id=i, title=title, url=f"https://danvan.example/{i}", site="danvan.example",
                       published=published, ingested_at=ingested, seq=i)


def test_the_list_keeps_to_the_window_or_says_there_is_nothing_new():
    week = RecentAsk("tôn giáo", dt.date(2026, 11, 23), "trong tuần này")
    new, old = _art(2, "Tôn giáo <mới>", dt.date(2026, 11, 24)), _art(1, "Tôn giáo cũ", dt.date(2026, 9, 1))
    reply = recent_reply(week, [new, old], limit=5, follow="Gõ /theodoi hằng tuần tôn giáo để nhận bản tin.")
    assert reply.plain.splitlines()[0] == "Các bài mới về «tôn giáo» trong tuần này (từ 23/11/2026):"
    assert "Tôn giáo <mới>" in reply.plain and "Tôn giáo cũ" not in reply.plain
    assert "Tôn giáo &lt;mới&gt;" in reply.html and reply.plain.endswith("để nhận bản tin.")
    # nothing in the window: said, then the newest on the topic
    stale = recent_reply(week, [old], limit=5)
    assert stale.plain.startswith("Chưa có bài mới về «tôn giáo» trong tuần này (từ 23/11/2026). Các bài gần nhất:")
    assert "1. Tôn giáo cũ — danvan.example, 01/09/2026" in stale.plain
    assert recent_reply(week, [], 5).plain == "Kho dữ liệu chưa có bài nào về «tôn giáo»."
    assert recent_reply(RecentAsk(""), [], 5).plain == "Kho dữ liệu chưa có bài viết nào."
    # an undated article counts from the day it was stored, in Vietnam time (23:30 UTC is the next day)
    undated = _art(3, "Không ngày", None, ingested="2026-11-22T23:30:00Z")
    assert "Không ngày" in recent_reply(week, [undated], 5).plain.splitlines()[1]
    assert recent_reply(RecentAsk("", dt.date(2026, 11, 24), "từ hôm qua"), [undated], 5).plain.startswith("Chưa có")
