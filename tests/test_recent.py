"""What's-new questions: recognised, their topic and time window read, and the
list they get (pure); end to end through the core in test_core.py."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.recent import RecentAsk, parse_recent, parse_topic_window, recent_reply
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
    # an accented question keeps its accented topic words: not the fillers "đăng", "cho", "mới"
    ("Bài mới về Đảng", "Đảng", None),
    ("Bài mới về dân chủ ở cơ sở tuần này?", "dân chủ ở cơ sở", dt.date(2026, 11, 23)),
    ("Có bài mới nào về cho vay vốn không?", "cho vay vốn", None),
    ("Bài mới về nông thôn mới", "nông thôn mới", None),
    ("Cho tôi xem các bài mới nhất về chủ đề Đề án 06", "Đề án 06", None),
    ("Về công tác tôn giáo có bài mới nào không?", "công tác tôn giáo", None),
    ("bài mới liên quan đến an ninh trật tự", "an ninh trật tự", None),
    # folded words that may be topic words are never trimmed ("dang" may be Đảng, "chua" chùa)
    ("bai moi ve dang", "dang", None),
    ("co bai moi nao ve chua chien khong", "chua chien", None),
    ("bai moi ve cho vay von", "cho vay von", None),
    # more windows
    ("Bài mới về MTTQ trong 10 ngày qua", "MTTQ", dt.date(2026, 11, 16)),
    ("tin mới hai tuần qua", "", dt.date(2026, 11, 12)),
    ("Tin mới về dân vận năm nay", "dân vận", dt.date(2026, 1, 1)),
    ("bai moi ve mttq nam 2024", "mttq", dt.date(2024, 1, 1)),
    # typed without accents, a window right after "moi" is still news ("mới tuần này", not "mỗi tuần")
    ("tin moi tuan nay", "", dt.date(2026, 11, 23)),
    ("bai moi nam nay ve giam ngheo", "giam ngheo", dt.date(2026, 1, 1)),
    ("tin moi ngay hom nay", "", TODAY),
    ("tin moi lien quan den ton giao", "ton giao", None),
    # an accented "Nam" is a name, not the count "năm"
    ("Bài mới về Việt Nam tháng này", "Việt Nam", dt.date(2026, 11, 1)),
    ("Tin mới ở miền Nam tuần qua", "miền Nam", dt.date(2026, 11, 19)),
    # news words typed without accents around an accented name
    ("bai moi ve Đắk Lắk", "Đắk Lắk", None),
    ("tin moi ve MTTQ tuần này", "MTTQ", dt.date(2026, 11, 23)),
    # long names after "về"; other phrasings of the same request
    ("Bài mới về Hội Liên hiệp Phụ nữ Việt Nam", "Hội Liên hiệp Phụ nữ Việt Nam", None),
    ("Tin dân vận mới nhất", "dân vận", None),
    ("Các bài về dân vận mới nhất", "dân vận", None),
    ("Có bài gì mới về bầu cử không?", "bầu cử", None),
    ("Gần đây có bài nào về dân vận khéo không?", "dân vận khéo", None),
    ("Mình mới về xã, có bài mới về Kon Tum không", "Kon Tum", None),  # the "về" after the news words
    ("Bài mới về dân vận mấy hôm nay", "dân vận", dt.date(2026, 11, 19)),
    ("Bài mới quý này", "", dt.date(2026, 10, 1)),
    # a month: of a year, or the latest one up to today
    ("bài mới về mưa lũ tháng 10 năm 2020", "mưa lũ", dt.date(2020, 10, 1)),
    ("bai moi ve mua lu thang 10/2020", "mua lu", dt.date(2020, 10, 1)),
    ("Tin mới về bầu cử tháng 3 năm nay", "bầu cử", dt.date(2026, 3, 1)),  # not "3 năm nay"
    ("Bài mới tháng 12", "", dt.date(2025, 12, 1)),
    ("Tin mới tháng 10 năm ngoái", "", dt.date(2025, 10, 1)),
    ("Tin mới tháng 10-2024", "", dt.date(2024, 10, 1)),
    # counted windows typed without accents (the words are looked up folded)
    ("tin moi 7 ngay qua", "", dt.date(2026, 11, 19)),
    ("tin moi bon tuan qua", "", dt.date(2026, 10, 29)),
    ("tin moi ve Đà Nẵng 3 thang qua", "Đà Nẵng", dt.date(2026, 8, 28)),
    # typed partly without accents: the folded reading finds the window or the shorter topic
    ("Tin mới 7 ngay qua", "", dt.date(2026, 11, 19)),
    ("Bài mới ve Đắk Lắk", "Đắk Lắk", None),
    ("Bài mới về Hà Nam ngày qua", "Hà Nam", dt.date(2026, 11, 19)),
    # a topic stops at a comma
    ("Có bài mới nào về dân vận khéo không ạ, gửi mình với", "dân vận khéo", None),
    # ... but for a place listed after one ("…, Tu Mơ Rông"), with its comma
    ("Tin mới về dân vận ở Kon Rẫy, Tu Mơ Rông", "dân vận ở Kon Rẫy, Tu Mơ Rông", None),
    ("Tin mới về dân vận ở Kon Rẫy, tuần này", "dân vận ở Kon Rẫy", dt.date(2026, 11, 23)),
    ("Tin mới về dân vận ở xã Ngọk Réo, xã Đăk Ui tuần này", "dân vận ở xã Ngọk Réo, xã Đăk Ui", dt.date(2026, 11, 23)),
    ("Tin mới về dân vận ở làng Kon Klor, làng Kon Kơ Tu", "dân vận ở làng Kon Klor, làng Kon Kơ Tu", None),
    # an address's words do not make it a question about the news
    ("Tin mới về dân vận ở xã Đăk Rơ Wa, thành phố Kon Tum tuần này", "dân vận ở xã Đăk Rơ Wa, thành phố Kon Tum",
     dt.date(2026, 11, 23)),
    ("Gửi mình bài mới nhất nhé", "", None),
    ("Bài mới về đăng ký kết hôn", "đăng ký kết hôn", None),
    ("Bài mới quý trước", "", dt.date(2026, 7, 1)),
    ("Tin mới tối qua", "", dt.date(2026, 11, 24)),
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
    "Tin môi trường hôm nay", "tin moi truong hom nay",  # môi trường, not mới
    "Bản tin mỗi tuần gửi lúc mấy giờ", "ban tin moi tuan gui luc may gio",
    "Niềm tin mới của nhân dân vào Đảng", "niem tin moi cua nhan dan",
    "Làm sao để xem bài mới", "Tôi muốn đăng ký nhận tin mới", "Cách nhận tin mới mỗi ngày",
    "Tin mới được cập nhật lúc nào", "Tin mới về dân vận có những nội dung gì",
    "Bài học kinh nghiệm mới nhất về dân vận", "Tin nhắn mới nhất",
    "Ai viết bài mới về dân vận khéo?", "Bài mới về dân vận khéo được đăng ở báo nào?",
    "Tin mới về bão số 3 ảnh hưởng đến đâu?", "Bản tin mới nhất", "Tôi muốn viết bài mới về dân vận",
])
def test_other_questions_are_not_whats_new(question):
    assert parse_recent(question, TODAY) is None


def test_a_past_year_is_a_closed_window_and_moi_reads_a_window_alone():
    ask = parse_recent("bai moi ve mttq nam 2024", TODAY)
    assert (ask.until, ask.window) == (dt.date(2024, 12, 31), "trong năm 2024")
    assert parse_topic_window("tuần này", TODAY) == RecentAsk("", dt.date(2026, 11, 23), "trong tuần này")
    assert parse_topic_window("MTTQ tháng này", TODAY) == RecentAsk("MTTQ", dt.date(2026, 11, 1), "trong tháng này")
    assert parse_topic_window("dân vận khéo", TODAY) == RecentAsk("dân vận khéo")
    assert parse_topic_window("ve dan van", TODAY) == RecentAsk("dan van")  # read folded, as typed
    assert parse_topic_window("Đắk Lắk tuần này", TODAY).topic == "Đắk Lắk"
    # calendar periods: last week and last month are closed windows
    assert parse_recent("Bài mới tuần trước", TODAY) == RecentAsk(
        "", dt.date(2026, 11, 16), "trong tuần trước", dt.date(2026, 11, 22))
    assert parse_recent("Bài mới tháng trước", TODAY).until == dt.date(2026, 10, 31)
    assert parse_recent("bài mới về mưa lũ tháng 10 năm 2020", TODAY).until == dt.date(2020, 10, 31)
    assert parse_recent("Bài mới tháng 11", TODAY).until is None  # this month: up to today
    # a topic that happens to hold a question word is still a topic for /moi
    assert parse_topic_window("vì sao", TODAY) == RecentAsk("vì sao")


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
    # a past year: only that year's articles; none, then said so, with the newest before it
    y2024 = RecentAsk("tôn giáo", dt.date(2024, 1, 1), "trong năm 2024", dt.date(2024, 12, 31))
    in_2024, in_2023 = _art(4, "Tôn giáo 2024", dt.date(2024, 5, 1)), _art(5, "Tôn giáo 2023", dt.date(2023, 5, 1))
    assert recent_reply(y2024, [in_2024, in_2023], 5).plain.splitlines()[:2] == [
        "Các bài về «tôn giáo» trong năm 2024:", "1. Tôn giáo 2024 — danvan.example, 01/05/2024"]
    assert recent_reply(y2024, [in_2023], 5).plain.startswith(
        "Chưa có bài nào về «tôn giáo» trong năm 2024. Các bài gần nhất:\n1. Tôn giáo 2023")
    assert recent_reply(y2024, [], 5).plain == "Chưa có bài nào về «tôn giáo» trong năm 2024."
    # the search stopped after reading its limit of candidates: not "the store has none"
    assert recent_reply(week, [], 5, scanned=300).plain == (
        "Chưa tìm thấy bài nào về «tôn giáo» trong 300 bài gần nhất có các từ này.")


def test_no_question_of_our_sets_is_a_listing_and_no_mix_of_words_breaks_the_parser():
    import json
    import random
    from pathlib import Path

    from retrieval.normalize import fold

    data = Path(__file__).parent / "data"
    questions = [json.loads(line)["question"] for name in ("cadre_queries", "samples_queries", "ood_queries",
                                                           "cadre_unanswerable")
                 for line in (data / f"{name}.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(questions) > 100
    assert [q for q in questions for v in (q, fold(q)) if parse_recent(v, TODAY) is not None] == []
    # random mixes of the words the parser looks for, with and without accents: an answer or None, never an error
    words = ("bài mới tin về tuần này ngày qua tháng năm 2024 7 hai nay hôm có không nào gì Đảng Nam Việt mỗi môi "
             "trường niềm , . ? ạ với cho vay vốn 10/2020 quý trước rồi vừa mấy nhất gần đây").split()
    words += ["tuần này", "7 ngày qua", "tháng 10/2020", "năm 2024", "hôm nay", "tháng 3 năm nay", "quý trước"]
    rng = random.Random(7)
    listings = windows = 0
    for _ in range(3000):
        q = "Bài mới " * rng.randint(0, 1) + " ".join(rng.choice(words) for _ in range(rng.randint(1, 12)))
        for v in (q, fold(q)):
            ask = parse_recent(v, TODAY)
            if ask is None:
                continue
            listings += 1
            windows += ask.since is not None
            assert set(ask.topic.split()) <= set(v.replace(",", " ").replace(".", " ").split()), v
            assert (ask.since is None) == (ask.window == "") and (ask.until is None or ask.since <= ask.until), v
            assert ask.since is None or ask.since.year >= 1900, v
    assert listings > 1000 and windows > 300  # the mixes do reach the window rules
