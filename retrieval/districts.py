"""The districts (huyện, quận, thị xã, thành phố thuộc tỉnh) of each province
before the 2025 reform, with their unit, as the General Statistics Office of Viet
Nam named them (696 units, codes of January 2025, taken from the data of the
`vietnam-provinces` 0.6.0 package; urban districts named by a number left out, and
the GSO's "Phú Quí" written "Phú Quý", as the press does: 686 entries, 657 names).
Articles written before July 2025 place themselves by these names, often without
their province's.

Many names are also everyday words ("La Gi" / là gì, "Thống Nhất" / thống nhất). The
sets at the end list them, counted once in 38,085 news articles of 2017 and 2020
(the research corpora in ../shared/corpus; not kept here): the names of two
syllables or more written there in lower case with accents not the district's
(twice or more: EVERYDAY_FOLDED) or with the district's own (once or more:
EVERYDAY_ACCENTED), and those written as everyday words right after a unit
("thành phố thống nhất giao…", "TP còn có", "huyện cần được": EVERYDAY_AFTER_UNIT).
"""

DISTRICTS: dict[str, tuple[str, ...]] = {
    "An Giang": (
        "thành phố Long Xuyên", "thành phố Châu Đốc", "huyện An Phú", "thị xã Tân Châu", "huyện Phú Tân",
        "huyện Châu Phú", "thị xã Tịnh Biên", "huyện Tri Tôn", "huyện Châu Thành", "huyện Chợ Mới",
        "huyện Thoại Sơn"),
    "Bà Rịa - Vũng Tàu": (
        "thành phố Vũng Tàu", "thành phố Bà Rịa", "huyện Châu Đức", "huyện Xuyên Mộc", "huyện Long Đất",
        "thị xã Phú Mỹ", "huyện Côn Đảo"),
    "Bình Dương": (
        "thành phố Thủ Dầu Một", "huyện Bàu Bàng", "huyện Dầu Tiếng", "thành phố Bến Cát", "huyện Phú Giáo",
        "thành phố Tân Uyên", "thành phố Dĩ An", "thành phố Thuận An", "huyện Bắc Tân Uyên"),
    "Bình Phước": (
        "thị xã Phước Long", "thành phố Đồng Xoài", "thị xã Bình Long", "huyện Bù Gia Mập", "huyện Lộc Ninh",
        "huyện Bù Đốp", "huyện Hớn Quản", "huyện Đồng Phú", "huyện Bù Đăng", "thị xã Chơn Thành",
        "huyện Phú Riềng"),
    "Bình Thuận": (
        "thành phố Phan Thiết", "thị xã La Gi", "huyện Tuy Phong", "huyện Bắc Bình", "huyện Hàm Thuận Bắc",
        "huyện Hàm Thuận Nam", "huyện Tánh Linh", "huyện Đức Linh", "huyện Hàm Tân", "huyện Phú Quý"),
    "Bình Định": (
        "thành phố Quy Nhơn", "huyện An Lão", "thị xã Hoài Nhơn", "huyện Hoài Ân", "huyện Phù Mỹ",
        "huyện Vĩnh Thạnh", "huyện Tây Sơn", "huyện Phù Cát", "thị xã An Nhơn", "huyện Tuy Phước",
        "huyện Vân Canh"),
    "Bạc Liêu": (
        "thành phố Bạc Liêu", "huyện Hồng Dân", "huyện Phước Long", "huyện Vĩnh Lợi", "thị xã Giá Rai",
        "huyện Đông Hải", "huyện Hoà Bình"),
    "Bắc Giang": (
        "thành phố Bắc Giang", "huyện Yên Thế", "huyện Tân Yên", "huyện Lạng Giang", "huyện Lục Nam",
        "huyện Lục Ngạn", "huyện Sơn Động", "thị xã Việt Yên", "huyện Hiệp Hòa", "thị xã Chũ"),
    "Bắc Kạn": (
        "thành phố Bắc Kạn", "huyện Pác Nặm", "huyện Ba Bể", "huyện Ngân Sơn", "huyện Bạch Thông", "huyện Chợ Đồn",
        "huyện Chợ Mới", "huyện Na Rì"),
    "Bắc Ninh": (
        "thành phố Bắc Ninh", "huyện Yên Phong", "thị xã Quế Võ", "huyện Tiên Du", "thành phố Từ Sơn",
        "thị xã Thuận Thành", "huyện Gia Bình", "huyện Lương Tài"),
    "Bến Tre": (
        "thành phố Bến Tre", "huyện Châu Thành", "huyện Chợ Lách", "huyện Mỏ Cày Nam", "huyện Giồng Trôm",
        "huyện Bình Đại", "huyện Ba Tri", "huyện Thạnh Phú", "huyện Mỏ Cày Bắc"),
    "Cao Bằng": (
        "thành phố Cao Bằng", "huyện Bảo Lâm", "huyện Bảo Lạc", "huyện Hà Quảng", "huyện Trùng Khánh",
        "huyện Hạ Lang", "huyện Quảng Hòa", "huyện Hoà An", "huyện Nguyên Bình", "huyện Thạch An"),
    "Cà Mau": (
        "thành phố Cà Mau", "huyện U Minh", "huyện Thới Bình", "huyện Trần Văn Thời", "huyện Cái Nước",
        "huyện Đầm Dơi", "huyện Năm Căn", "huyện Phú Tân", "huyện Ngọc Hiển"),
    "Cần Thơ": (
        "quận Ninh Kiều", "quận Ô Môn", "quận Bình Thuỷ", "quận Cái Răng", "quận Thốt Nốt", "huyện Vĩnh Thạnh",
        "huyện Cờ Đỏ", "huyện Phong Điền", "huyện Thới Lai"),
    "Gia Lai": (
        "thành phố Pleiku", "thị xã An Khê", "thị xã Ayun Pa", "huyện KBang", "huyện Đăk Đoa", "huyện Chư Păh",
        "huyện Ia Grai", "huyện Mang Yang", "huyện Kông Chro", "huyện Đức Cơ", "huyện Chư Prông", "huyện Chư Sê",
        "huyện Đăk Pơ", "huyện Ia Pa", "huyện Krông Pa", "huyện Phú Thiện", "huyện Chư Pưh"),
    "Hà Giang": (
        "thành phố Hà Giang", "huyện Đồng Văn", "huyện Mèo Vạc", "huyện Yên Minh", "huyện Quản Bạ", "huyện Vị Xuyên",
        "huyện Bắc Mê", "huyện Hoàng Su Phì", "huyện Xín Mần", "huyện Bắc Quang", "huyện Quang Bình"),
    "Hà Nam": (
        "thành phố Phủ Lý", "thị xã Duy Tiên", "thị xã Kim Bảng", "huyện Thanh Liêm", "huyện Bình Lục",
        "huyện Lý Nhân"),
    "Hà Nội": (
        "quận Ba Đình", "quận Hoàn Kiếm", "quận Tây Hồ", "quận Long Biên", "quận Cầu Giấy", "quận Đống Đa",
        "quận Hai Bà Trưng", "quận Hoàng Mai", "quận Thanh Xuân", "huyện Sóc Sơn", "huyện Đông Anh", "huyện Gia Lâm",
        "quận Nam Từ Liêm", "huyện Thanh Trì", "quận Bắc Từ Liêm", "huyện Mê Linh", "quận Hà Đông", "thị xã Sơn Tây",
        "huyện Ba Vì", "huyện Phúc Thọ", "huyện Đan Phượng", "huyện Hoài Đức", "huyện Quốc Oai", "huyện Thạch Thất",
        "huyện Chương Mỹ", "huyện Thanh Oai", "huyện Thường Tín", "huyện Phú Xuyên", "huyện Ứng Hòa",
        "huyện Mỹ Đức"),
    "Hà Tĩnh": (
        "thành phố Hà Tĩnh", "thị xã Hồng Lĩnh", "huyện Hương Sơn", "huyện Đức Thọ", "huyện Vũ Quang",
        "huyện Nghi Xuân", "huyện Can Lộc", "huyện Hương Khê", "huyện Thạch Hà", "huyện Cẩm Xuyên", "huyện Kỳ Anh",
        "thị xã Kỳ Anh"),
    "Hòa Bình": (
        "thành phố Hòa Bình", "huyện Đà Bắc", "huyện Lương Sơn", "huyện Kim Bôi", "huyện Cao Phong", "huyện Tân Lạc",
        "huyện Mai Châu", "huyện Lạc Sơn", "huyện Yên Thủy", "huyện Lạc Thủy"),
    "Hưng Yên": (
        "thành phố Hưng Yên", "huyện Văn Lâm", "huyện Văn Giang", "huyện Yên Mỹ", "thị xã Mỹ Hào", "huyện Ân Thi",
        "huyện Khoái Châu", "huyện Kim Động", "huyện Tiên Lữ", "huyện Phù Cừ"),
    "Hải Dương": (
        "thành phố Hải Dương", "thành phố Chí Linh", "huyện Nam Sách", "thị xã Kinh Môn", "huyện Kim Thành",
        "huyện Thanh Hà", "huyện Cẩm Giàng", "huyện Bình Giang", "huyện Gia Lộc", "huyện Tứ Kỳ", "huyện Ninh Giang",
        "huyện Thanh Miện"),
    "Hải Phòng": (
        "quận Hồng Bàng", "quận Ngô Quyền", "quận Lê Chân", "quận Hải An", "quận Kiến An", "quận Đồ Sơn",
        "quận Dương Kinh", "thành phố Thuỷ Nguyên", "quận An Dương", "huyện An Lão", "huyện Kiến Thuỵ",
        "huyện Tiên Lãng", "huyện Vĩnh Bảo", "huyện Cát Hải", "huyện Bạch Long Vĩ"),
    "Hậu Giang": (
        "thành phố Vị Thanh", "thành phố Ngã Bảy", "huyện Châu Thành A", "huyện Châu Thành", "huyện Phụng Hiệp",
        "huyện Vị Thuỷ", "huyện Long Mỹ", "thị xã Long Mỹ"),
    "Hồ Chí Minh": (
        "quận Gò Vấp", "quận Bình Thạnh", "quận Tân Bình", "quận Tân Phú", "quận Phú Nhuận", "thành phố Thủ Đức",
        "quận Bình Tân", "huyện Củ Chi", "huyện Hóc Môn", "huyện Bình Chánh", "huyện Nhà Bè", "huyện Cần Giờ"),
    "Khánh Hòa": (
        "thành phố Nha Trang", "thành phố Cam Ranh", "huyện Cam Lâm", "huyện Vạn Ninh", "thị xã Ninh Hòa",
        "huyện Khánh Vĩnh", "huyện Diên Khánh", "huyện Khánh Sơn", "huyện Trường Sa"),
    "Kiên Giang": (
        "thành phố Rạch Giá", "thành phố Hà Tiên", "huyện Kiên Lương", "huyện Hòn Đất", "huyện Tân Hiệp",
        "huyện Châu Thành", "huyện Giồng Riềng", "huyện Gò Quao", "huyện An Biên", "huyện An Minh",
        "huyện Vĩnh Thuận", "thành phố Phú Quốc", "huyện Kiên Hải", "huyện U Minh Thượng", "huyện Giang Thành"),
    "Kon Tum": (
        "thành phố Kon Tum", "huyện Đắk Glei", "huyện Ngọc Hồi", "huyện Đắk Tô", "huyện Kon Plông", "huyện Kon Rẫy",
        "huyện Đắk Hà", "huyện Sa Thầy", "huyện Tu Mơ Rông", "huyện Ia H' Drai"),
    "Lai Châu": (
        "thành phố Lai Châu", "huyện Tam Đường", "huyện Mường Tè", "huyện Sìn Hồ", "huyện Phong Thổ",
        "huyện Than Uyên", "huyện Tân Uyên", "huyện Nậm Nhùn"),
    "Long An": (
        "thành phố Tân An", "thị xã Kiến Tường", "huyện Tân Hưng", "huyện Vĩnh Hưng", "huyện Mộc Hóa",
        "huyện Tân Thạnh", "huyện Thạnh Hóa", "huyện Đức Huệ", "huyện Đức Hòa", "huyện Bến Lức", "huyện Thủ Thừa",
        "huyện Tân Trụ", "huyện Cần Đước", "huyện Cần Giuộc", "huyện Châu Thành"),
    "Lào Cai": (
        "thành phố Lào Cai", "huyện Bát Xát", "huyện Mường Khương", "huyện Si Ma Cai", "huyện Bắc Hà",
        "huyện Bảo Thắng", "huyện Bảo Yên", "thị xã Sa Pa", "huyện Văn Bàn"),
    "Lâm Đồng": (
        "thành phố Đà Lạt", "thành phố Bảo Lộc", "huyện Đam Rông", "huyện Lạc Dương", "huyện Lâm Hà",
        "huyện Đơn Dương", "huyện Đức Trọng", "huyện Di Linh", "huyện Bảo Lâm", "huyện Đạ Huoai"),
    "Lạng Sơn": (
        "thành phố Lạng Sơn", "huyện Tràng Định", "huyện Bình Gia", "huyện Văn Lãng", "huyện Cao Lộc",
        "huyện Văn Quan", "huyện Bắc Sơn", "huyện Hữu Lũng", "huyện Chi Lăng", "huyện Lộc Bình", "huyện Đình Lập"),
    "Nam Định": (
        "thành phố Nam Định", "huyện Vụ Bản", "huyện Ý Yên", "huyện Nghĩa Hưng", "huyện Nam Trực", "huyện Trực Ninh",
        "huyện Xuân Trường", "huyện Giao Thủy", "huyện Hải Hậu"),
    "Nghệ An": (
        "thành phố Vinh", "thị xã Thái Hoà", "huyện Quế Phong", "huyện Quỳ Châu", "huyện Kỳ Sơn",
        "huyện Tương Dương", "huyện Nghĩa Đàn", "huyện Quỳ Hợp", "huyện Quỳnh Lưu", "huyện Con Cuông",
        "huyện Tân Kỳ", "huyện Anh Sơn", "huyện Diễn Châu", "huyện Yên Thành", "huyện Đô Lương",
        "huyện Thanh Chương", "huyện Nghi Lộc", "huyện Nam Đàn", "huyện Hưng Nguyên", "thị xã Hoàng Mai"),
    "Ninh Bình": (
        "thành phố Tam Điệp", "huyện Nho Quan", "huyện Gia Viễn", "thành phố Hoa Lư", "huyện Yên Khánh",
        "huyện Kim Sơn", "huyện Yên Mô"),
    "Ninh Thuận": (
        "thành phố Phan Rang-Tháp Chàm", "huyện Bác Ái", "huyện Ninh Sơn", "huyện Ninh Hải", "huyện Ninh Phước",
        "huyện Thuận Bắc", "huyện Thuận Nam"),
    "Phú Thọ": (
        "thành phố Việt Trì", "thị xã Phú Thọ", "huyện Đoan Hùng", "huyện Hạ Hoà", "huyện Thanh Ba",
        "huyện Phù Ninh", "huyện Yên Lập", "huyện Cẩm Khê", "huyện Tam Nông", "huyện Lâm Thao", "huyện Thanh Sơn",
        "huyện Thanh Thuỷ", "huyện Tân Sơn"),
    "Phú Yên": (
        "thành phố Tuy Hoà", "thị xã Sông Cầu", "huyện Đồng Xuân", "huyện Tuy An", "huyện Sơn Hòa",
        "huyện Sông Hinh", "huyện Tây Hoà", "huyện Phú Hoà", "thị xã Đông Hòa"),
    "Quảng Bình": (
        "thành phố Đồng Hới", "huyện Minh Hóa", "huyện Tuyên Hóa", "huyện Quảng Trạch", "huyện Bố Trạch",
        "huyện Quảng Ninh", "huyện Lệ Thủy", "thị xã Ba Đồn"),
    "Quảng Nam": (
        "thành phố Tam Kỳ", "thành phố Hội An", "huyện Tây Giang", "huyện Đông Giang", "huyện Đại Lộc",
        "thị xã Điện Bàn", "huyện Duy Xuyên", "huyện Quế Sơn", "huyện Nam Giang", "huyện Phước Sơn",
        "huyện Hiệp Đức", "huyện Thăng Bình", "huyện Tiên Phước", "huyện Bắc Trà My", "huyện Nam Trà My",
        "huyện Núi Thành", "huyện Phú Ninh"),
    "Quảng Ngãi": (
        "thành phố Quảng Ngãi", "huyện Bình Sơn", "huyện Trà Bồng", "huyện Sơn Tịnh", "huyện Tư Nghĩa",
        "huyện Sơn Hà", "huyện Sơn Tây", "huyện Minh Long", "huyện Nghĩa Hành", "huyện Mộ Đức", "thị xã Đức Phổ",
        "huyện Ba Tơ", "huyện Lý Sơn"),
    "Quảng Ninh": (
        "thành phố Hạ Long", "thành phố Móng Cái", "thành phố Cẩm Phả", "thành phố Uông Bí", "huyện Bình Liêu",
        "huyện Tiên Yên", "huyện Đầm Hà", "huyện Hải Hà", "huyện Ba Chẽ", "huyện Vân Đồn", "thành phố Đông Triều",
        "thị xã Quảng Yên", "huyện Cô Tô"),
    "Quảng Trị": (
        "thành phố Đông Hà", "thị xã Quảng Trị", "huyện Vĩnh Linh", "huyện Hướng Hóa", "huyện Gio Linh",
        "huyện Đa Krông", "huyện Cam Lộ", "huyện Triệu Phong", "huyện Hải Lăng", "huyện Cồn Cỏ"),
    "Sóc Trăng": (
        "thành phố Sóc Trăng", "huyện Châu Thành", "huyện Kế Sách", "huyện Mỹ Tú", "huyện Cù Lao Dung",
        "huyện Long Phú", "huyện Mỹ Xuyên", "thị xã Ngã Năm", "huyện Thạnh Trị", "thị xã Vĩnh Châu",
        "huyện Trần Đề"),
    "Sơn La": (
        "thành phố Sơn La", "huyện Quỳnh Nhai", "huyện Thuận Châu", "huyện Mường La", "huyện Bắc Yên",
        "huyện Phù Yên", "huyện Mộc Châu", "huyện Yên Châu", "huyện Mai Sơn", "huyện Sông Mã", "huyện Sốp Cộp",
        "huyện Vân Hồ"),
    "Thanh Hóa": (
        "thành phố Thanh Hóa", "thị xã Bỉm Sơn", "thành phố Sầm Sơn", "huyện Mường Lát", "huyện Quan Hóa",
        "huyện Bá Thước", "huyện Quan Sơn", "huyện Lang Chánh", "huyện Ngọc Lặc", "huyện Cẩm Thủy",
        "huyện Thạch Thành", "huyện Hà Trung", "huyện Vĩnh Lộc", "huyện Yên Định", "huyện Thọ Xuân",
        "huyện Thường Xuân", "huyện Triệu Sơn", "huyện Thiệu Hóa", "huyện Hoằng Hóa", "huyện Hậu Lộc",
        "huyện Nga Sơn", "huyện Như Xuân", "huyện Như Thanh", "huyện Nông Cống", "huyện Quảng Xương",
        "thị xã Nghi Sơn"),
    "Thái Bình": (
        "thành phố Thái Bình", "huyện Quỳnh Phụ", "huyện Hưng Hà", "huyện Đông Hưng", "huyện Thái Thụy",
        "huyện Tiền Hải", "huyện Kiến Xương", "huyện Vũ Thư"),
    "Thái Nguyên": (
        "thành phố Thái Nguyên", "thành phố Sông Công", "huyện Định Hóa", "huyện Phú Lương", "huyện Đồng Hỷ",
        "huyện Võ Nhai", "huyện Đại Từ", "thành phố Phổ Yên", "huyện Phú Bình"),
    "Thừa Thiên Huế": (
        "quận Thuận Hóa", "quận Phú Xuân", "thị xã Phong Điền", "huyện Quảng Điền", "huyện Phú Vang",
        "thị xã Hương Thủy", "thị xã Hương Trà", "huyện A Lưới", "huyện Phú Lộc"),
    "Tiền Giang": (
        "thành phố Mỹ Tho", "thành phố Gò Công", "thị xã Cai Lậy", "huyện Tân Phước", "huyện Cái Bè",
        "huyện Cai Lậy", "huyện Châu Thành", "huyện Chợ Gạo", "huyện Gò Công Tây", "huyện Gò Công Đông",
        "huyện Tân Phú Đông"),
    "Trà Vinh": (
        "thành phố Trà Vinh", "huyện Càng Long", "huyện Cầu Kè", "huyện Tiểu Cần", "huyện Châu Thành",
        "huyện Cầu Ngang", "huyện Trà Cú", "huyện Duyên Hải", "thị xã Duyên Hải"),
    "Tuyên Quang": (
        "thành phố Tuyên Quang", "huyện Lâm Bình", "huyện Na Hang", "huyện Chiêm Hóa", "huyện Hàm Yên",
        "huyện Yên Sơn", "huyện Sơn Dương"),
    "Tây Ninh": (
        "thành phố Tây Ninh", "huyện Tân Biên", "huyện Tân Châu", "huyện Dương Minh Châu", "huyện Châu Thành",
        "thị xã Hòa Thành", "huyện Gò Dầu", "huyện Bến Cầu", "thị xã Trảng Bàng"),
    "Vĩnh Long": (
        "thành phố Vĩnh Long", "huyện Long Hồ", "huyện Mang Thít", "huyện Vũng Liêm", "huyện Tam Bình",
        "thị xã Bình Minh", "huyện Trà Ôn", "huyện Bình Tân"),
    "Vĩnh Phúc": (
        "thành phố Vĩnh Yên", "thành phố Phúc Yên", "huyện Lập Thạch", "huyện Tam Dương", "huyện Tam Đảo",
        "huyện Bình Xuyên", "huyện Yên Lạc", "huyện Vĩnh Tường", "huyện Sông Lô"),
    "Yên Bái": (
        "thành phố Yên Bái", "thị xã Nghĩa Lộ", "huyện Lục Yên", "huyện Văn Yên", "huyện Mù Căng Chải",
        "huyện Trấn Yên", "huyện Trạm Tấu", "huyện Văn Chấn", "huyện Yên Bình"),
    "Điện Biên": (
        "thành phố Điện Biên Phủ", "thị xã Mường Lay", "huyện Mường Nhé", "huyện Mường Chà", "huyện Tủa Chùa",
        "huyện Tuần Giáo", "huyện Điện Biên", "huyện Điện Biên Đông", "huyện Mường Ảng", "huyện Nậm Pồ"),
    "Đà Nẵng": (
        "quận Liên Chiểu", "quận Thanh Khê", "quận Hải Châu", "quận Sơn Trà", "quận Ngũ Hành Sơn", "quận Cẩm Lệ",
        "huyện Hòa Vang", "huyện Hoàng Sa"),
    "Đắk Lắk": (
        "thành phố Buôn Ma Thuột", "thị xã Buôn Hồ", "huyện Ea H'leo", "huyện Ea Súp", "huyện Buôn Đôn",
        "huyện Cư M'gar", "huyện Krông Búk", "huyện Krông Năng", "huyện Ea Kar", "huyện M'Đrắk", "huyện Krông Bông",
        "huyện Krông Pắc", "huyện Krông A Na", "huyện Lắk", "huyện Cư Kuin"),
    "Đắk Nông": (
        "thành phố Gia Nghĩa", "huyện Đăk Glong", "huyện Cư Jút", "huyện Đắk Mil", "huyện Krông Nô",
        "huyện Đắk Song", "huyện Đắk R'Lấp", "huyện Tuy Đức"),
    "Đồng Nai": (
        "thành phố Biên Hòa", "thành phố Long Khánh", "huyện Tân Phú", "huyện Vĩnh Cửu", "huyện Định Quán",
        "huyện Trảng Bom", "huyện Thống Nhất", "huyện Cẩm Mỹ", "huyện Long Thành", "huyện Xuân Lộc",
        "huyện Nhơn Trạch"),
    "Đồng Tháp": (
        "thành phố Cao Lãnh", "thành phố Sa Đéc", "thành phố Hồng Ngự", "huyện Tân Hồng", "huyện Hồng Ngự",
        "huyện Tam Nông", "huyện Tháp Mười", "huyện Cao Lãnh", "huyện Thanh Bình", "huyện Lấp Vò", "huyện Lai Vung",
        "huyện Châu Thành"),
}


# Folded district names that everyday words also fold to, typed in lower case (two uses or
# more in 38,085 news articles of 2017 and 2020: "la gi" là gì, "can duoc" cần được,
# "tu mo rong" tư mở rộng): without diacritics they are no place.
EVERYDAY_FOLDED = frozenset({
    "an bien", "an duong", "an lao", "an minh", "an phu", "an thi", "ba be", "ba che", "ba dinh", "ba don",
    "ba thuoc", "ba to", "ba tri", "ba vi", "bac ha", "bac me", "bao lam", "bao loc", "bao thang", "ben cau",
    "ben luc", "bien hoa", "binh dai", "binh gia", "binh long", "binh luc", "binh tan", "binh thanh", "bo trach",
    "buon don", "cai be", "cai rang", "cam giang", "cam lam", "cam le", "cam lo", "cam pha", "cam thuy",
    "cam xuyen", "can duoc", "can gio", "can loc", "cang long", "cao lanh", "cao phong", "cat hai", "cau ke",
    "cau ngang", "chau phu", "chi lang", "chi linh", "cho don", "cho gao", "cho moi", "chon thanh", "chu se",
    "co do", "co to", "con co", "con cuong", "con dao", "cu chi", "da bac", "da lat", "dai tu", "dam doi",
    "dam ha", "dan phuong", "di an", "di linh", "dien ban", "dien bien dong", "dien chau", "dinh hoa", "dinh lap",
    "dinh quan", "do luong", "do son", "doan hung", "don duong", "dong anh", "dong da", "dong giang", "dong ha",
    "dong hai", "dong hoa", "dong hoi", "dong hung", "dong hy", "dong phu", "dong trieu", "dong van", "dong xuan",
    "duc co", "duc hoa", "duc pho", "duc trong", "duong kinh", "gia binh", "gia lam", "gia loc", "gia nghia",
    "gia vien", "gio linh", "giong rieng", "go cong", "go cong dong", "go dau", "ha dong", "ha hoa", "ha tien",
    "hai an", "hai chau", "hai hau", "hai lang", "ham tan", "hoa an", "hoa thanh", "hoa vang", "hoai an",
    "hoang hoa", "hoc mon", "hoi an", "hon dat", "hon quan", "hong bang", "hong ngu", "huong hoa", "huong thuy",
    "huong tra", "ke sach", "kien an", "kien hai", "kien luong", "kien tuong", "kien xuong", "kim bang",
    "kim dong", "ky anh", "la gi", "lac duong", "lai vung", "lam binh", "lam ha", "lap vo", "le chan", "long bien",
    "long dat", "long ho", "long phu", "long thanh", "luc nam", "luc ngan", "luong son", "luong tai", "ly nhan",
    "mai chau", "mang thit", "me linh", "minh hoa", "minh long", "mo duc", "moc hoa", "mong cai", "muong la",
    "my tu", "na hang", "nam can", "nam dan", "nam giang", "nam sach", "nam truc", "nga nam", "nghi xuan",
    "nghia dan", "nguyen binh", "nha be", "nha trang", "nho quan", "nhu thanh", "ninh hai", "nong cong", "o mon",
    "phan thiet", "pho yen", "phong dien", "phong tho", "phu cat", "phu cu", "phu giao", "phu hoa", "phu quoc", "phu quy",
    "phu rieng", "phu tan", "phu thien", "phu vang", "phuc tho", "phuoc long", "quan ba", "quan hoa", "quang dien",
    "quang hoa", "quang xuong", "que vo", "quy hop", "son dong", "son duong", "son hoa", "son tra", "song cau",
    "song cong", "song hinh", "song lo", "song ma", "tam binh", "tam dao", "tam duong", "tam ky", "tam nong",
    "tan an", "tan bien", "tan binh", "tan chau", "tan hong", "tan ky", "tan phu", "tan thanh", "tay giang",
    "tay ho", "tay hoa", "tay son", "thach an", "thai hoa", "thai thuy", "thang binh", "thanh ba", "thanh binh",
    "thanh chuong", "thanh ha", "thanh mien", "thanh phu", "thanh son", "thanh thuy", "thanh tri", "thieu hoa",
    "thoi binh", "thoi lai", "thong nhat", "thu thua", "thuan an", "thuan hoa", "thuan nam", "thuan thanh",
    "thuong tin", "tien du", "tien hai", "tien lang", "tieu can", "tinh bien", "tra bong", "tra cu", "tra on",
    "tram tau", "tran de", "trang bang", "trang bom", "trang dinh", "tri ton", "trieu phong", "tu ky",
    "tu mo rong", "tu nghia", "tu son", "tuan giao", "tuong duong", "tuy phong", "tuyen hoa", "ung hoa", "uong bi",
    "van ban", "van canh", "van chan", "van don", "van ho", "van lam", "van lang", "van quan", "van yen",
    "vi thanh", "vi thuy", "vi xuyen", "vinh cuu", "vinh thanh", "vu ban", "vu quang", "vu thu", "xuyen moc",
    "yen thanh",
})

# District names written, accents and all, as everyday words in lower case in the same
# articles ("thống nhất", "yên bình", "chợ mới", "duyên hải", "cái nước"): typed in
# lower case they are no place; with capitals they are.
EVERYDAY_ACCENTED = frozenset({
    "an bien", "an phu", "ba vi", "bac ai", "bach thong", "bao thang", "bao yen", "binh dai", "binh minh",
    "binh son", "binh thuy", "buon ho", "cai nuoc", "cai rang", "cao phong", "cau giay", "cho moi", "co do",
    "co to", "dai tu", "dien chau", "dinh hoa", "dinh lap", "dinh quan", "do son", "dong anh", "dong van",
    "duc co", "duyen hai", "gia binh", "gia lam", "gia nghia", "gia vien", "giang thanh", "ha dong", "hai an",
    "hai chau", "hoa an", "hoa thanh", "hoc mon", "hoi an", "hon dat", "huong tra", "ke sach", "kien an",
    "kim thanh", "ky anh", "ky son", "le chan", "loc binh", "long dat", "luong tai", "ly nhan", "minh hoa",
    "mong cai", "nam can", "nga nam", "nghia hanh", "nha be", "nhu thanh", "ninh hai", "ninh hoa", "nui thanh",
    "phu my", "phu quy", "phuc yen", "quan hoa", "quoc oai", "son duong", "son tra", "song cong", "tam nong",
    "tan binh", "tanh linh", "thach thanh", "thai hoa", "thanh ba", "thanh binh", "thanh liem", "thanh xuan",
    "thong nhat", "thot not", "thu thua", "thuan an", "thuan thanh", "thuong xuan", "thuy nguyen", "tien du",
    "tien lang", "tran de", "tran yen", "trieu son", "truong sa", "tu nghia", "tuy phong", "ung hoa", "van ban",
    "van chan", "van quan", "vi thanh", "vi thuy", "vinh cuu", "vu ban", "yen binh", "yen the",
})

# District names seen as everyday words right after a unit in the same articles ("thành phố
# thống nhất giao…", "TP còn có", "huyện cần được", "huyền thoại Sơn Tùng" folded): an
# article's folded words are no evidence of these districts.
EVERYDAY_AFTER_UNIT = frozenset({
    "can duoc", "co to", "con co", "da bac", "duyen hai", "nhu thanh", "thoai son", "thong nhat", "van ban",
    "vinh bao", "yen binh",
})
