"""Bad input gets a clear line in the report; the other inputs are still ingested."""

from __future__ import annotations

import json
import unicodedata

from conftest import SAMPLES
from corpus import sources
from corpus.errors import FetchError, InputError
from corpus.parse import parse
from corpus.types import RawDocument

ARTICLE_HTML = """<!doctype html><html><head><title>Hội nghị dân vận khéo | Báo Ví Dụ</title>
<meta property="og:title" content="Hội nghị biểu dương mô hình dân vận khéo năm 2023">
<meta property="article:published_time" content="2023-11-05T08:00:00+07:00">
<meta name="author" content="Lê Văn Tâm"></head>
<body><nav><a href="/">Trang chủ</a> | <a href="/tin">Tin tức</a></nav>
<article><h1>Hội nghị biểu dương mô hình dân vận khéo năm 2023</h1>
<p>Sáng 5/11, Ban Dân vận Huyện ủy Đăk Hà tổ chức hội nghị biểu dương 45 mô hình dân vận khéo tiêu biểu trên địa bàn huyện.</p>
<p>Các mô hình tập trung vào phát triển kinh tế, giảm nghèo bền vững và giữ gìn an ninh trật tự ở cơ sở, góp phần xây dựng nông thôn mới.</p>
<p>Hội nghị cũng triển khai Kế hoạch số 12-KH/HU về nâng cao chất lượng phong trào thi đua trong năm 2024.</p>
</article><footer>Bản quyền thuộc về Báo Ví Dụ. Đang truy cập: 120</footer></body></html>"""


def to_cp1258(text: str) -> bytes:
    """Encode as Windows-1258: vowel shapes precomposed, tone marks combining."""
    out = []
    for ch in text:
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        shape = "".join(m for m in d[1:] if m in "\u0302\u0306\u031b")
        tone = "".join(m for m in d[1:] if m not in shape)
        out.append((unicodedata.normalize("NFC", d[0] + shape) + tone).encode("cp1258"))
    return b"".join(out)


def feed_xml(links):
    items = "".join(f"<item><title>Bài {i}</title><link>{u}</link><pubDate>Sun, 05 Nov 2023 08:00:00 +0700</pubDate></item>"
                    for i, u in enumerate(links))
    return f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Tin</title>{items}</channel></rss>'


def test_html_page_through_trafilatura():
    a = parse(RawDocument(origin="page.html", text=ARTICLE_HTML, kind="html"))
    assert a.title == "Hội nghị biểu dương mô hình dân vận khéo năm 2023"
    assert "45 mô hình dân vận khéo" in a.text and "Trang chủ" not in a.text
    assert a.published and a.published.isoformat() == "2023-11-05"
    assert a.url is None  # no URL named, none invented
    assert [r.key for r in a.refs] == ["12-KH/HU"]


async def test_bad_inputs_reported_good_ones_ingested(engine, tmp_path, web):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 100)
    (bad / "empty.txt").write_bytes(b"")
    (bad / "huge.txt").write_bytes(b"a" * (50 * 1024 * 1024))
    legacy = ("Hội nghị dân vận huyện\n\nNgày 12/3/2023, Ban Dân vận Huyện ủy Sa Thầy tổ chức hội nghị "
              "triển khai công tác dân vận năm 2023 với sự tham gia của đông đảo cán bộ, đảng viên và nhân dân.")
    (bad / "legacy.txt").write_bytes(to_cp1258(legacy))
    (bad / "broken.jsonl").write_text('{"title": "ok", "text": "' + "Nội dung hợp lệ về công tác dân vận ở cơ sở. " * 5
                                      + '"}\n{not json\n', encoding="utf-8")
    web.route("/bai.html", ARTICLE_HTML)
    web.route("/slow.html", ARTICLE_HTML, delay=3)
    web.route("/notxml.rss", "this is not xml at all", ctype="application/rss+xml")
    web.route("/loop.html", "/loop.html", status=302)  # redirects to itself
    engine.config = type(engine.config)(data_dir=engine.config.data_dir, fetch_timeout=1.0)
    seen: list[tuple[int, str]] = []
    report = await engine.ingest([str(bad), web.url("/missing.html"), web.url("/slow.html"),
                                  web.url("/notxml.rss"), web.url("/bai.html"), "/no/such/path",
                                  web.url("/loop.html")],
                                 progress=lambda done, status, label: seen.append((done, status)))
    # the progress callback hears of every input, the failed ones too, in order
    assert [d for d, _ in seen] == list(range(1, len(seen) + 1))
    assert sum(s == "failed" for _, s in seen) == len(report.failed) and len(seen) == len(report.failed) + len(
        report.added) + len(report.updated) + len(report.duplicates)
    failed = {f.origin.split("/")[-1]: f for f in report.failed}
    text = "\n".join(f.detail for f in report.failed)  # English, as logged
    # each says why in Vietnamese for the user, and in English for the log
    assert failed["binary.txt"].reason == "không phải văn bản (dữ liệu nhị phân)"
    assert "binary file" in failed["binary.txt"].detail
    assert failed["empty.txt"].reason == "không có nội dung" and "empty file" in failed["empty.txt"].detail
    assert failed["huge.txt"].reason.startswith("tệp quá lớn") and "too large" in failed["huge.txt"].detail
    reasons = {f.reason for f in report.failed}
    assert {"bản ghi JSON không hợp lệ", "máy chủ trả lỗi HTTP 404", "quá thời gian chờ (1 giây)",
            "không phải nguồn tin RSS/Atom hợp lệ", "không có tệp hoặc thư mục này"} <= reasons
    assert failed["path"].origin == "/no/such/path"
    assert failed["loop.html"].reason == "địa chỉ chuyển hướng quá nhiều lần (có thể là vòng lặp chuyển hướng)"
    assert "too many redirects" in failed["loop.html"].detail
    assert "invalid JSON" in text
    assert "HTTP 404" in text
    assert "timed out" in text
    assert "not a valid RSS/Atom feed" in text
    assert "no such file" in text
    added = "\n".join(report.added)
    assert "Hội nghị dân vận huyện" in added  # the legacy-encoded file, decoded
    assert "Hội nghị biểu dương mô hình dân vận khéo năm 2023" in added
    assert "broken.jsonl:1" in added
    stored = await engine.store.latest(20)
    url_article = next(a for a in stored if a.title.startswith("Hội nghị biểu dương"))
    assert url_article.url == web.url("/bai.html")  # the URL it was fetched from
    assert url_article.site == "127.0.0.1"


async def test_error_pages_and_login_walls_served_as_200_are_not_stored(engine, web):
    """A site's "page not found" answered with HTTP 200, a login wall, a page of one
    repeated word: each a failed input saying why, nothing stored, nothing to cite."""
    web.route("/notfound200", "<html><head><title>Không tìm thấy trang</title></head><body><h1>Không tìm thấy "
                              "trang</h1><p>Trang bạn yêu cầu không tồn tại hoặc đã bị xóa. Quay về trang chủ.</p>"
                              "</body></html>")
    web.route("/login", "<html><body><p>Vui lòng đăng nhập để đọc tiếp nội dung bài viết này trên cổng thông tin "
                        "điện tử của tỉnh.</p></body></html>")
    web.route("/junk", "<html><body><p>" + "Đăng nhập " * 30 + "</p></body></html>")
    web.route("/bai.html", ARTICLE_HTML)
    before = (await engine.store.counts())["articles"]
    report = await engine.ingest([web.url("/notfound200"), web.url("/login"), web.url("/junk"), web.url("/bai.html")])
    failed = {f.origin.rsplit("/", 1)[-1]: f for f in report.failed}
    assert set(failed) == {"notfound200", "login", "junk"}
    for name in ("notfound200", "junk"):  # (the login wall's text is too short to be read at all)
        assert failed[name].reason == "trang này không phải bài viết (trang báo lỗi, trang đăng nhập hoặc nội dung lặp lại)"
    assert "an error or login page" in failed["notfound200"].detail and "repeated" in failed["junk"].detail
    from corpus.parse import not_an_article

    assert "login page" in not_an_article("Tin tức\n\nVui lòng đăng nhập để đọc tiếp bài viết này.")
    assert not_an_article("Tỉnh lộ 404 được nâng cấp. Bà con đi lại thuận tiện, không còn lo đường lầy lội.") is None
    for notice in ("Người dân nộp hồ sơ trực tuyến; vui lòng đăng nhập bằng tài khoản VNeID để được hỗ trợ.",
                   "Trong tháng, cơ quan chức năng đã yêu cầu, 98 nội dung đã bị gỡ bỏ khỏi mạng xã hội.",
                   "Người dân cần lưu ý: bạn cần đăng nhập đúng địa chỉ cổng dịch vụ công quốc gia.",
                   "Cán bộ được hướng dẫn xử lý lỗi 404 trên cổng thông tin điện tử của huyện."):
        assert not_an_article(notice) is None, notice  # short real notices, not error pages
    assert len(report.added) == 1 and (await engine.store.counts())["articles"] == before + 1


async def test_feed_entries_fetched_as_articles(engine, web):
    page2 = ARTICLE_HTML.replace("Đăk Hà", "Ngọc Hồi").replace("45 mô hình", "30 mô hình").replace(
        "Hội nghị biểu dương mô hình dân vận khéo năm 2023", "Ngọc Hồi biểu dương mô hình dân vận khéo")
    page2 = page2.replace("Các mô hình tập trung", "Những mô hình này hướng tới").replace("góp phần", "nhằm")
    web.route("/a.html", ARTICLE_HTML)
    web.route("/b.html", page2)
    web.route("/rss", feed_xml([web.url("/a.html"), web.url("/b.html"), web.url("/gone.html")]),
              ctype="application/rss+xml")
    report = await engine.ingest([web.url("/rss")])
    assert len(report.added) == 2, report
    assert [f.reason for f in report.failed] == ["máy chủ trả lỗi HTTP 404"]
    assert report.failed[0].origin == web.url("/gone.html") and "HTTP 404" in report.failed[0].detail


def test_input_errors_survive_pickle_and_copy():
    import copy
    import pickle

    err = FetchError("https://x.vn/a", "timed out after 15 s", "quá thời gian chờ (15 giây)")
    for clone in (pickle.loads(pickle.dumps(err)), copy.copy(err)):
        assert type(clone) is FetchError and str(clone) == "https://x.vn/a: timed out after 15 s"
        assert (clone.origin, clone.detail, clone.reason) == (err.origin, err.detail, err.reason)


def test_decode_legacy_and_utf16():
    text = "Công tác dân vận ở cơ sở được đổi mới"
    assert unicodedata.normalize("NFC", sources.decode_bytes(to_cp1258(text), "x")) == text
    assert sources.decode_bytes(text.encode("utf-16"), "x") == text
    for short in ("Dân vận khéo", "Mặt trận", "Bà con dân tộc"):  # few letters: cp1252 read them once
        assert unicodedata.normalize("NFC", sources.decode_bytes(to_cp1258(short), "x")) == short
    assert sources.decode_bytes(("\ufeff" + text).encode("utf-8"), "x") == text


def test_a_stray_legacy_byte_in_utf8_text_loses_nothing_else(tmp_path):
    text = "Công tác dân vận ở cơ sở được đổi mới. " * 20
    for stray in (b"\xa0", b" Caf\xe9 ", b"\x93trich\x94"):
        data = text.encode("utf-8") + stray + text.encode("utf-8")
        decoded = sources.decode_bytes(data, "x")
        assert decoded.count("Công tác dân vận ở cơ sở được đổi mới.") == 40 and "\ufffd" in decoded
    # a legacy file is still read as one (a few high bytes are no strays then)
    legacy = "Công tác dân vận ở cơ sở được đổi mới, người dân đồng thuận."
    assert unicodedata.normalize("NFC", sources.decode_bytes(to_cp1258(legacy), "x")) == legacy
    # JSONL: a record with a stray byte is read; one that is no text fails alone, with its line
    good = [json.dumps({"title": f"Bài {i}", "text": f"Nội dung dân vận số {i}."}, ensure_ascii=False).encode()
            for i in range(6)]
    stray = b'{"title": "Caf\xe9 d\xe2n v\xe2n", "text": "N\xc3\xb4i dung c\xc3\xb3 byte \xc6\xb0."}'
    junk = bytes(range(128, 256)) * 4
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join([good[0], stray, *good[1:3], junk, *good[3:]]) + b"\n")
    docs = list(sources.jsonl_records(path))
    assert [d.title for d in docs if not isinstance(d, InputError)] == [
        "Bài 0", "Caf\ufffd d\ufffdn v\ufffdn", "Bài 1", "Bài 2", "Bài 3", "Bài 4", "Bài 5"]
    [bad] = [d for d in docs if isinstance(d, InputError)]
    assert bad.origin == f"{path}:5" and bad.reason == "bản ghi không phải văn bản UTF-8"


def test_samples_are_plain_text_files():
    docs = list(sources.read_file(next(SAMPLES.glob("000_*.txt"))))
    assert len(docs) == 1 and docs[0].kind == "text"


async def test_huge_or_bad_links_are_refused(engine, web):
    web.route("/huge.html", b"<html><body>" + b"a" * (21 * 1024 * 1024) + b"</body></html>")
    web.route("/rss2", '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
              '<item><title>x</title><link>http://[bad-link</link></item>'
              '<item><title>y</title><link>/bai.html</link></item></channel></rss>', ctype="application/rss+xml")
    web.route("/bai.html", ARTICLE_HTML)
    report = await engine.ingest([web.url("/huge.html"), web.url("/rss2")])
    text = "\n".join(f.detail for f in report.failed)
    assert "too large" in text
    assert "cannot fetch" in text  # the malformed link, reported, not fatal
    assert [a.split(" — ")[0] for a in report.added] == [web.url("/bai.html")]  # relative link resolved


def test_a_record_nested_too_deeply_fails_alone_by_its_line(tmp_path):
    # json.loads gives up on "[[[[…" thousands deep with a RecursionError, which
    # used to end the whole ingest: that record alone fails, the others are read
    records = [json.dumps({"title": f"Bài {i}", "text": f"Nội dung dân vận số {i}."}, ensure_ascii=False)
               for i in range(2)]
    path = tmp_path / "nested.jsonl"
    path.write_text("\n".join([records[0], "[" * 5000 + "]" * 5000, '{"a": ' * 5000, records[1]]) + "\n",
                    encoding="utf-8")
    docs = list(sources.jsonl_records(path))
    assert [d.title for d in docs if not isinstance(d, InputError)] == ["Bài 0", "Bài 1"]
    bad = [d for d in docs if isinstance(d, InputError)]
    assert [d.origin for d in bad] == [f"{path}:2", f"{path}:3"]
    assert {d.reason for d in bad} == {"bản ghi JSON lồng nhau quá nhiều tầng, không đọc được"}
    assert all("nested too deeply" in d.detail for d in bad)  # English, for the log


async def test_a_broken_symlink_in_a_folder_is_a_failed_input(engine, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bai.txt").write_text("Hội nghị dân vận ở xã Đăk Pne\n\n" + "Ban Dân vận Huyện ủy tổ chức hội nghị "
                                    "triển khai công tác dân vận năm 2024 với đông đảo cán bộ tham gia. " * 3,
                                    encoding="utf-8")
    (folder / "mat.txt").symlink_to(tmp_path / "gone.txt")  # its file moved away
    (folder / ".an.txt").symlink_to(tmp_path / "gone.txt")  # hidden: left out like any hidden file
    report = await engine.ingest([str(folder)])
    assert [a.split(" — ")[0] for a in report.added] == [str(folder / "bai.txt")]
    [failed] = report.failed
    assert failed.origin == str(folder / "mat.txt")
    assert failed.reason == "là liên kết (symlink) trỏ tới tệp không còn tồn tại"
    assert "broken symbolic link" in failed.detail and "gone.txt" in failed.detail


def test_the_file_size_limit_is_said_in_round_units(tmp_path):
    assert sources.MAX_FILE_BYTES == 20_000_000  # "20 MB", as said, not 20 MiB said "21 MB"
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(sources.MAX_FILE_BYTES + 1)  # sparse: one byte over
    [err] = list(sources.read_file(big))
    assert err.reason == "tệp quá lớn (20,1 MB, tối đa 20 MB)"
    assert "file too large (20.1 MB > 20 MB)" in err.detail
    with big.open("wb") as fh:
        fh.truncate(52_428_800)  # 50 MiB
    [err] = list(sources.read_file(big))
    assert err.reason == "tệp quá lớn (52,5 MB, tối đa 20 MB)"
