"""Each seed article: body kept, boilerplate gone, metadata and references right."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from conftest import SAMPLES
from corpus.parse import parse
from corpus.types import RawDocument


def article(stem: str):
    path = next(SAMPLES.glob(f"{stem}_*.txt"))
    return parse(RawDocument(origin=str(path), text=path.read_text(encoding="utf-8"), kind="text"))


SEEDS = {
    "000": dict(
        title="Ban Dân vận Tỉnh ủy làm việc với Huyện ủy Tu Mơ Rông",
        published=dt.date(2024, 2, 23), site="baokontum.com.vn", author="Hữu Nam",
        url="http://baokontum.com.vn/thoi-su-chinh-tri/ban-dan-van-tinh-uy-lam-viec-voi-huyen-uy-tu-mo-rong-38481.html",
        refs=set(),
        keeps=["Chiều 22/2, Đoàn công tác của Ban Dân vận Tỉnh ủy",
               "kết nối với các doanh nghiệp để phối hợp giúp người dân phát triển các hợp tác xã",
               "quan tâm đến cơ sở vật chất, trang thiết bị phục vụ cho công tác dân vận trên địa bàn",
               "Trưởng Ban Dân vận Tỉnh ủy kết luận buổi làm việc.\n"],  # the caption, without its credit
        loses=["%C4%90", "Nguồn bài viết", "\n30\n", "baokontum.com.vn\n", "Ảnh: HN"],
    ),
    "001": dict(
        title="Tiếp và làm việc với Tổ khảo sát của Ban Dân vận Tỉnh ủy về kết quả 01 năm thực hiện Nghị quyết 01",
        published=dt.date(2022, 8, 19), site=None, author="Nguyễn Thu", url=None,
        refs={"NQ 01"},
        keeps=["Ngày 19/8/2022, Ban Thường vụ Huyện ủy Tháp Mười",
               "Mối quan hệ giữa Nhân dân với Đảng, Nhà nước ngày càng mật thiết.",
               "Phấn đấu thực hiện đạt các chỉ tiêu theo Nghị quyết đề ra"],
        loses=["Xuất bản thông tin", "null ", "Chi tiết bài viết", "BT: Nguyễn Thu"],
    ),
    "002": dict(
        title=None,  # no title line: derived from the lead
        published=dt.date(2019, 12, 19), site="kontumtv.vn", author="Như Nguyệt – Văn Hiển", url=None,
        refs=set(),
        keeps=["Thu nhập bình quân đầu người đạt 40,7 triệu đồng/năm",
               "thu ngân sách nhà nước trên địa bàn tỉnh vượt ngưỡng 3.000 tỷ đồng",
               "Đại hội XVI Đảng bộ tỉnh và Đại hội XIII của Đảng"],
        loses=["Email của bạn", "Trả lời", "HOI NGHI TRUC TUYEN", "(kontumtv.vn)"],
    ),
    "003": dict(
        title="Sơ kết công tác dân vận 6 tháng đầu năm và triển khai phương hướng nhiệm vụ 6 tháng cuối năm 2022",
        published=dt.date(2022, 7, 11), site=None, author="Quý Son", url=None,
        refs={"ĐA 01"},
        keeps=["toàn huyện đã đăng ký 39 mô hình về giảm nghèo bền vững",
               "giải ngân được 90 triệu",
               "Chỉ đạo tăng cường công tác quản lý nhà nước về tôn giáo"],
        loses=["Tổng số điểm", "Đang truy cập", "Tổng lượt truy cập", "Những tin mới hơn", "congbao",
               "Bạn đã không sử dụng Site", "Thứ hai - 11/07/2022", "Tác giả"],
    ),
    "004": dict(
        title="Phát huy hiệu quả từ phong trào thi đua Dân vận khéo trên địa bàn huyện Kon Rẫy",
        published=None, site=None, author="Nguyễn Thị Qúy", url=None,
        refs={"136-KH/HU", "18-CT/TU", "62-CTr/HU", "25-NQ/TW", "217-QĐ/TW", "218-QĐ/TW"},
        keeps=["Có 25 mô hình kinh tế, 10 mô hình trên lĩnh vực văn hóa - xã hội",
               "Tổ chức quán triệt Kế hoạch số136-KH/HU",
               "trong những năm tiếp theo./.",
               "\nĐinh Thị Mỹ Hảo – PBT Thường trực Huyện ủy làm việc"],
        loses=["A- A A+", "Tăng tương phản", "Tổng số điểm", "Bài viết liên quan", "Video Clip", "Bài, ảnh",
               "c Đinh Thị Mỹ Hảo"],  # a caption's "Đ/c" that lost its "Đ/"
    ),
}


@pytest.mark.parametrize("stem", sorted(SEEDS))
def test_seed_cleaning_and_metadata(stem):
    want = SEEDS[stem]
    a = article(stem)
    if want["title"]:
        assert a.title == want["title"]
    else:
        assert a.title.startswith("Ban Dân vận Tỉnh ủy Kon Tum tổ chức Hội nghị trực tuyến tổng kết")
    assert a.published == want["published"]
    assert a.site == want["site"]
    assert a.author == want["author"]
    assert a.url == want["url"]
    assert {r.key for r in a.refs} == want["refs"]
    for sentence in want["keeps"]:
        assert sentence in a.text, sentence
    for junk in want["loses"]:
        assert junk not in a.text + "\n", junk
    # a line printed twice on the page is kept once
    lines = [line for line in a.text.split("\n") if line]
    assert len(lines) == len(set(lines))
    assert a.title not in lines


@pytest.mark.parametrize("line, kept", [
    ("Ông Dũng tại buổi họp chiều 30/4 (Ảnh: Nguyễn Trường). Ông nói thêm.", "Ông Dũng tại buổi họp chiều 30/4. Ông nói thêm."),
    ("Thôn Quan Nhân, xã Đạo Lý - Hà Nam. (Ảnh: Đức Văn).", "Thôn Quan Nhân, xã Đạo Lý - Hà Nam."),
    ("Chuyện tăng giá vé đang gây tranh cãi (Ảnh minh hoạ)", "Chuyện tăng giá vé đang gây tranh cãi"),
    ("(ảnh minh họa)", ""),
    ("Ảnh: Thành Trung", ""),
    ("Lãnh đạo dự hội nghị. Ảnh: T.Hương", "Lãnh đạo dự hội nghị."),
    ("Lãnh đạo dự hội nghị - Ảnh: HN", "Lãnh đạo dự hội nghị"),
    ("Lãnh đạo dự hội nghị. ẢNH: HN", "Lãnh đạo dự hội nghị."),
    ("Thủ tướng phát biểu. Ảnh: VGP/Nhật Bắc", "Thủ tướng phát biểu."),
    ("Hội nghị. Ảnh: Minh Quyết - TTXVN", "Hội nghị."),
    ("Hội nghị. Ảnh: Thanh Hà (Báo Kon Tum)", "Hội nghị."),
    ("Hội nghị. Ảnh: Hồng Đạt, Thu Hà", "Hội nghị."),
    ("Có 12 tác phẩm đạt giải (ảnh: 5, video: 7).", "Có 12 tác phẩm đạt giải (ảnh: 5, video: 7)."),  # figures
    ("Bài, ảnh: Hữu Nam", "Bài, ảnh: Hữu Nam"),  # a by-line: the author is read from it
    # not credits: a sentence about pictures, "ảnh hưởng", a photo's date
    ("Hình ảnh: người dân xếp hàng chờ tiêm vắc xin.", "Hình ảnh: người dân xếp hàng chờ tiêm vắc xin."),
    ("Ông nói: Ảnh hưởng của dịch rất lớn.", "Ông nói: Ảnh hưởng của dịch rất lớn."),
    ("Tiến độ dự án (ảnh chụp ngày 5/5) vẫn chậm.", "Tiến độ dự án (ảnh chụp ngày 5/5) vẫn chậm."),
])
def test_photo_credits_are_removed(line, kept):
    from corpus.clean import strip_photo_credit

    assert strip_photo_credit(line) == kept


def test_a_long_line_that_is_no_credit_is_read_once_and_kept():
    """A credit's words are joined one way only: the earlier pattern took exponential
    time on such lines (20 s and more for a caption of 15 words), stalling an ingest."""
    from corpus.clean import strip_photo_credit

    caption = "Ảnh: Lãnh đạo Ban Dân vận Tỉnh ủy trao quà cho các hộ nghèo, gia đình chính sách (CTV)"
    names = "Lãnh đạo tỉnh dự hội nghị. Ảnh: " + " ".join(["Nguyễn Văn Thành Trung Hoàng Anh"] * 6) + " 2024"
    for line in (caption, names, "x. Ảnh: " + "a " * 5000):
        assert strip_photo_credit(line) == line.strip()


def test_a_title_in_capitals_takes_the_capitals_its_text_gives_its_words():
    text = ("Chiều 19/12, Ban Dân vận Tỉnh ủy Kon Tum tổ chức Hội nghị trực tuyến tổng kết công tác dân vận "
            "năm 2019. Huyện Đăk Hà, tỉnh Kon Tum phát huy phong trào “Dân vận khéo” ở cơ sở. ") * 2
    a = parse(RawDocument(origin="mem#caps", kind="record", text=text,
                          title="BAN DÂN VẬN TỈNH ỦY KON TUM TỔ CHỨC HỘI NGHỊ TRỰC TUYẾN TỔNG KẾT CÔNG TÁC DÂN VẬN"))
    assert a.title == "Ban Dân vận Tỉnh ủy Kon Tum tổ chức Hội nghị trực tuyến tổng kết công tác dân vận"
    a = parse(RawDocument(origin="mem#caps2", kind="record", text=text, title="KON TUM: “DÂN VẬN KHÉO” Ở ĐĂK HÀ"))
    assert a.title == "Kon Tum: “Dân vận khéo” ở Đăk Hà"
    a = parse(RawDocument(origin="mem#caps3", kind="record", text=text, title="THÔNG BÁO MỚI"))
    assert a.title == "Thông báo mới"  # words the text does not hold: lower case


def test_a_record_titled_only_by_a_photo_credit_gets_a_title_from_its_lead():
    lead = "Chiều 1/5, xã Đạo Lý tổ chức phun khử khuẩn toàn bộ khu vực thôn Quan Nhân. " * 3
    a = parse(RawDocument(origin="mem#1", kind="record", title="(Ảnh minh họa).", text=lead))
    assert a.title.startswith("Xã Đạo Lý tổ chức phun khử khuẩn")
    a = parse(RawDocument(origin="mem#2", kind="record", title="Phun khử khuẩn ở Đạo Lý (Ảnh: Đức Văn)", text=lead))
    assert a.title == "Phun khử khuẩn ở Đạo Lý"
    nfd = unicodedata.normalize("NFD", "Phun khử khuẩn ở Đạo Lý (Ảnh: Đức Văn)")
    assert parse(RawDocument(origin="mem#3", kind="record", title=nfd, text=lead)).title == "Phun khử khuẩn ở Đạo Lý"


def test_a_record_whose_title_is_its_lead_is_quoted_from_it_too():
    """News corpora give the lead (sapo) as a record's title: its facts are answers, so
    it opens the text too; a headline stays a title only."""
    lead = ("Tối 30/4, trao đổi với PV Dân trí, bà Lê Thị Hồng Vân, Giám đốc Sở Y tế Yên Bái cho biết, các đơn vị "
            "chức năng đang tích cực tìm những hành khách đi trên chuyến xe khách.")
    body = "Theo thông báo, chuyến xe chạy tuyến Hà Nội - Yên Bái chiều 28/4. " * 3
    a = parse(RawDocument(origin="mem#lead", kind="record", title=lead, text=body))
    assert a.title == lead and a.text.startswith(lead + "\n\n")
    a = parse(RawDocument(origin="mem#head", kind="record", title="Yên Bái tìm hành khách đi chuyến xe khách", text=body))
    assert a.title == "Yên Bái tìm hành khách đi chuyến xe khách" and a.text.startswith("Theo thông báo")
    a = parse(RawDocument(origin="mem#again", kind="record", title=lead, text=lead + "\n\n" + body))
    assert a.text.count("Giám đốc Sở Y tế") == 1  # a text that opens on it already: once


def test_html_entities_left_in_a_record_are_decoded():
    """News records carry entities their scraper left ("lúc&nbsp11h", without its
    semicolon): read as the characters they stand for, in the title and the text."""
    body = ("Cụ thể, lúc&nbsp11h hôm nay 29/4, giá vàng SJC ở mức 55,4 triệu đồng. &quot;Dân vận khéo&quot; &amp; "
            "AT&T, Sở XD&GT, Phòng QLĐT&GTVT, &#8220;xem&#x201D; ?id=1&region=2, Chủ tịch&nbspUBND. ") * 3
    a = parse(RawDocument(origin="mem#ent", kind="record", title="Giá vàng&nbsp;tăng lúc&nbsp11h", text=body))
    assert a.title == "Giá vàng tăng lúc 11h"
    assert "lúc 11h hôm nay" in a.text and '"Dân vận khéo" & AT&T, Sở XD&GT, Phòng QLĐT&GTVT, “xem” ?id=1&region=2, ' \
        'Chủ tịch UBND.' in a.text and "&" + "nbsp" not in a.text


def test_reference_details_kon_ray():
    refs = {r.key: r for r in article("004").refs}
    ct = refs["18-CT/TU"]
    assert (ct.kind, ct.number, ct.issuer, ct.date) == ("Chỉ thị", "18", "Ban Thường vụ Tỉnh ủy", dt.date(2023, 6, 21))
    kh = refs["136-KH/HU"]
    assert kh.kind == "Kế hoạch" and kh.date == dt.date(2023, 7, 25) and kh.issuer == "Ban Thường vụ Huyện ủy"
    assert refs["25-NQ/TW"].date == dt.date(2013, 6, 3)
    assert refs["62-CTr/HU"].date == dt.date(2013, 10, 8)
    assert "Chỉ thị số 18-CT/TU" in ct.mention


def test_places_found():
    assert "Tu Mơ Rông" in article("000").places
    assert "Kon Rẫy" in article("004").places


def test_general_rules_on_another_page_layout():
    """A breadcrumb before the title, a "Xem thêm" box inside the body, a footer list."""
    para = ("Sáng 3/3/2024, Ban Dân vận Huyện ủy Đăk Hà tổ chức hội nghị triển khai nhiệm vụ công tác dân vận "
            "năm 2024 với sự tham gia của các đồng chí lãnh đạo khối vận các xã, thị trấn trên địa bàn huyện.")
    later = ("Hội nghị cũng biểu dương 12 mô hình dân vận khéo tiêu biểu trong phát triển kinh tế và xây dựng "
             "nông thôn mới, mỗi mô hình được tặng giấy khen của Ban Thường vụ Huyện ủy.")
    page = "\n".join([
        "Trang chủ", "Xây dựng Đảng", "Đăk Hà triển khai nhiệm vụ công tác dân vận năm 2024", para,
        "Xem thêm", "Kon Tum: tổng kết phong trào thi đua", later, "Tin liên quan", "Bài một", "Bài hai",
    ])
    a = parse(RawDocument(origin="x", text=page, kind="text"))
    assert a.title == "Đăk Hà triển khai nhiệm vụ công tác dân vận năm 2024"
    assert para in a.text and later in a.text  # nothing after the inner box is lost
    assert "Bài một" not in a.text and "Tin liên quan" not in a.text and "Xem thêm" not in a.text
    assert a.published == dt.date(2024, 3, 3)
