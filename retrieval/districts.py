"""The districts (huyện, quận, thị xã, thành phố thuộc tỉnh) of each province
before the 2025 reform, as the General Statistics Office of Viet Nam named them
(696 units, codes of January 2025, taken from the data of the `vietnam-provinces`
0.6.0 package; urban districts named by a number left out, a town and the rural
district around it that share a name listed once, and the GSO's "Phú Quí" written
"Phú Quý", as the press does). Articles written before July 2025 place themselves
by these names, often without their province's.

Many names are also everyday words ("La Gi" / là gì, "Thống Nhất" / thống nhất). The
two sets at the end list them, counted in 38,085 news articles of 2017 and 2020
(the research corpora in ../shared/corpus, read once; not kept here): every
two-syllable-or-longer name typed in lower case there, with accents not the
district's (twice or more: EVERYDAY_FOLDED) or with the district's own (once or
more: EVERYDAY_ACCENTED); and those written as everyday words right after a unit
("thành phố thống nhất"), EVERYDAY_AFTER_UNIT. Without these, a district after
its unit in the same articles was the district in all 14,696 matches (64 of them
real districts typed partly in lower case, "huyện Cư M gar"); with them, 103 of
14,829 matches were everyday words or such typing.
"""

DISTRICTS: dict[str, tuple[str, ...]] = {
    "An Giang": (
        "Long Xuyên", "Châu Đốc", "An Phú", "Tân Châu", "Phú Tân", "Châu Phú", "Tịnh Biên", "Tri Tôn", "Châu Thành",
        "Chợ Mới", "Thoại Sơn"),
    "Bà Rịa - Vũng Tàu": ("Vũng Tàu", "Bà Rịa", "Châu Đức", "Xuyên Mộc", "Long Đất", "Phú Mỹ", "Côn Đảo"),
    "Bình Dương": (
        "Thủ Dầu Một", "Bàu Bàng", "Dầu Tiếng", "Bến Cát", "Phú Giáo", "Tân Uyên", "Dĩ An", "Thuận An",
        "Bắc Tân Uyên"),
    "Bình Phước": (
        "Phước Long", "Đồng Xoài", "Bình Long", "Bù Gia Mập", "Lộc Ninh", "Bù Đốp", "Hớn Quản", "Đồng Phú",
        "Bù Đăng", "Chơn Thành", "Phú Riềng"),
    "Bình Thuận": (
        "Phan Thiết", "La Gi", "Tuy Phong", "Bắc Bình", "Hàm Thuận Bắc", "Hàm Thuận Nam", "Tánh Linh", "Đức Linh",
        "Hàm Tân", "Phú Quý"),
    "Bình Định": (
        "Quy Nhơn", "An Lão", "Hoài Nhơn", "Hoài Ân", "Phù Mỹ", "Vĩnh Thạnh", "Tây Sơn", "Phù Cát", "An Nhơn",
        "Tuy Phước", "Vân Canh"),
    "Bạc Liêu": ("Bạc Liêu", "Hồng Dân", "Phước Long", "Vĩnh Lợi", "Giá Rai", "Đông Hải", "Hoà Bình"),
    "Bắc Giang": (
        "Bắc Giang", "Yên Thế", "Tân Yên", "Lạng Giang", "Lục Nam", "Lục Ngạn", "Sơn Động", "Việt Yên", "Hiệp Hòa",
        "Chũ"),
    "Bắc Kạn": ("Bắc Kạn", "Pác Nặm", "Ba Bể", "Ngân Sơn", "Bạch Thông", "Chợ Đồn", "Chợ Mới", "Na Rì"),
    "Bắc Ninh": ("Bắc Ninh", "Yên Phong", "Quế Võ", "Tiên Du", "Từ Sơn", "Thuận Thành", "Gia Bình", "Lương Tài"),
    "Bến Tre": (
        "Bến Tre", "Châu Thành", "Chợ Lách", "Mỏ Cày Nam", "Giồng Trôm", "Bình Đại", "Ba Tri", "Thạnh Phú",
        "Mỏ Cày Bắc"),
    "Cao Bằng": (
        "Cao Bằng", "Bảo Lâm", "Bảo Lạc", "Hà Quảng", "Trùng Khánh", "Hạ Lang", "Quảng Hòa", "Hoà An", "Nguyên Bình",
        "Thạch An"),
    "Cà Mau": (
        "Cà Mau", "U Minh", "Thới Bình", "Trần Văn Thời", "Cái Nước", "Đầm Dơi", "Năm Căn", "Phú Tân", "Ngọc Hiển"),
    "Cần Thơ": (
        "Ninh Kiều", "Ô Môn", "Bình Thuỷ", "Cái Răng", "Thốt Nốt", "Vĩnh Thạnh", "Cờ Đỏ", "Phong Điền", "Thới Lai"),
    "Gia Lai": (
        "Pleiku", "An Khê", "Ayun Pa", "KBang", "Đăk Đoa", "Chư Păh", "Ia Grai", "Mang Yang", "Kông Chro", "Đức Cơ",
        "Chư Prông", "Chư Sê", "Đăk Pơ", "Ia Pa", "Krông Pa", "Phú Thiện", "Chư Pưh"),
    "Hà Giang": (
        "Hà Giang", "Đồng Văn", "Mèo Vạc", "Yên Minh", "Quản Bạ", "Vị Xuyên", "Bắc Mê", "Hoàng Su Phì", "Xín Mần",
        "Bắc Quang", "Quang Bình"),
    "Hà Nam": ("Phủ Lý", "Duy Tiên", "Kim Bảng", "Thanh Liêm", "Bình Lục", "Lý Nhân"),
    "Hà Nội": (
        "Ba Đình", "Hoàn Kiếm", "Tây Hồ", "Long Biên", "Cầu Giấy", "Đống Đa", "Hai Bà Trưng", "Hoàng Mai",
        "Thanh Xuân", "Sóc Sơn", "Đông Anh", "Gia Lâm", "Nam Từ Liêm", "Thanh Trì", "Bắc Từ Liêm", "Mê Linh",
        "Hà Đông", "Sơn Tây", "Ba Vì", "Phúc Thọ", "Đan Phượng", "Hoài Đức", "Quốc Oai", "Thạch Thất", "Chương Mỹ",
        "Thanh Oai", "Thường Tín", "Phú Xuyên", "Ứng Hòa", "Mỹ Đức"),
    "Hà Tĩnh": (
        "Hà Tĩnh", "Hồng Lĩnh", "Hương Sơn", "Đức Thọ", "Vũ Quang", "Nghi Xuân", "Can Lộc", "Hương Khê", "Thạch Hà",
        "Cẩm Xuyên", "Kỳ Anh"),
    "Hòa Bình": (
        "Hòa Bình", "Đà Bắc", "Lương Sơn", "Kim Bôi", "Cao Phong", "Tân Lạc", "Mai Châu", "Lạc Sơn", "Yên Thủy",
        "Lạc Thủy"),
    "Hưng Yên": (
        "Hưng Yên", "Văn Lâm", "Văn Giang", "Yên Mỹ", "Mỹ Hào", "Ân Thi", "Khoái Châu", "Kim Động", "Tiên Lữ",
        "Phù Cừ"),
    "Hải Dương": (
        "Hải Dương", "Chí Linh", "Nam Sách", "Kinh Môn", "Kim Thành", "Thanh Hà", "Cẩm Giàng", "Bình Giang",
        "Gia Lộc", "Tứ Kỳ", "Ninh Giang", "Thanh Miện"),
    "Hải Phòng": (
        "Hồng Bàng", "Ngô Quyền", "Lê Chân", "Hải An", "Kiến An", "Đồ Sơn", "Dương Kinh", "Thuỷ Nguyên", "An Dương",
        "An Lão", "Kiến Thuỵ", "Tiên Lãng", "Vĩnh Bảo", "Cát Hải", "Bạch Long Vĩ"),
    "Hậu Giang": ("Vị Thanh", "Ngã Bảy", "Châu Thành A", "Châu Thành", "Phụng Hiệp", "Vị Thuỷ", "Long Mỹ"),
    "Hồ Chí Minh": (
        "Gò Vấp", "Bình Thạnh", "Tân Bình", "Tân Phú", "Phú Nhuận", "Thủ Đức", "Bình Tân", "Củ Chi", "Hóc Môn",
        "Bình Chánh", "Nhà Bè", "Cần Giờ"),
    "Khánh Hòa": (
        "Nha Trang", "Cam Ranh", "Cam Lâm", "Vạn Ninh", "Ninh Hòa", "Khánh Vĩnh", "Diên Khánh", "Khánh Sơn",
        "Trường Sa"),
    "Kiên Giang": (
        "Rạch Giá", "Hà Tiên", "Kiên Lương", "Hòn Đất", "Tân Hiệp", "Châu Thành", "Giồng Riềng", "Gò Quao",
        "An Biên", "An Minh", "Vĩnh Thuận", "Phú Quốc", "Kiên Hải", "U Minh Thượng", "Giang Thành"),
    "Kon Tum": (
        "Kon Tum", "Đắk Glei", "Ngọc Hồi", "Đắk Tô", "Kon Plông", "Kon Rẫy", "Đắk Hà", "Sa Thầy", "Tu Mơ Rông",
        "Ia H' Drai"),
    "Lai Châu": ("Lai Châu", "Tam Đường", "Mường Tè", "Sìn Hồ", "Phong Thổ", "Than Uyên", "Tân Uyên", "Nậm Nhùn"),
    "Long An": (
        "Tân An", "Kiến Tường", "Tân Hưng", "Vĩnh Hưng", "Mộc Hóa", "Tân Thạnh", "Thạnh Hóa", "Đức Huệ", "Đức Hòa",
        "Bến Lức", "Thủ Thừa", "Tân Trụ", "Cần Đước", "Cần Giuộc", "Châu Thành"),
    "Lào Cai": (
        "Lào Cai", "Bát Xát", "Mường Khương", "Si Ma Cai", "Bắc Hà", "Bảo Thắng", "Bảo Yên", "Sa Pa", "Văn Bàn"),
    "Lâm Đồng": (
        "Đà Lạt", "Bảo Lộc", "Đam Rông", "Lạc Dương", "Lâm Hà", "Đơn Dương", "Đức Trọng", "Di Linh", "Bảo Lâm",
        "Đạ Huoai"),
    "Lạng Sơn": (
        "Lạng Sơn", "Tràng Định", "Bình Gia", "Văn Lãng", "Cao Lộc", "Văn Quan", "Bắc Sơn", "Hữu Lũng", "Chi Lăng",
        "Lộc Bình", "Đình Lập"),
    "Nam Định": (
        "Nam Định", "Vụ Bản", "Ý Yên", "Nghĩa Hưng", "Nam Trực", "Trực Ninh", "Xuân Trường", "Giao Thủy",
        "Hải Hậu"),
    "Nghệ An": (
        "Vinh", "Thái Hoà", "Quế Phong", "Quỳ Châu", "Kỳ Sơn", "Tương Dương", "Nghĩa Đàn", "Quỳ Hợp", "Quỳnh Lưu",
        "Con Cuông", "Tân Kỳ", "Anh Sơn", "Diễn Châu", "Yên Thành", "Đô Lương", "Thanh Chương", "Nghi Lộc",
        "Nam Đàn", "Hưng Nguyên", "Hoàng Mai"),
    "Ninh Bình": ("Tam Điệp", "Nho Quan", "Gia Viễn", "Hoa Lư", "Yên Khánh", "Kim Sơn", "Yên Mô"),
    "Ninh Thuận": ("Phan Rang-Tháp Chàm", "Bác Ái", "Ninh Sơn", "Ninh Hải", "Ninh Phước", "Thuận Bắc", "Thuận Nam"),
    "Phú Thọ": (
        "Việt Trì", "Phú Thọ", "Đoan Hùng", "Hạ Hoà", "Thanh Ba", "Phù Ninh", "Yên Lập", "Cẩm Khê", "Tam Nông",
        "Lâm Thao", "Thanh Sơn", "Thanh Thuỷ", "Tân Sơn"),
    "Phú Yên": (
        "Tuy Hoà", "Sông Cầu", "Đồng Xuân", "Tuy An", "Sơn Hòa", "Sông Hinh", "Tây Hoà", "Phú Hoà", "Đông Hòa"),
    "Quảng Bình": (
        "Đồng Hới", "Minh Hóa", "Tuyên Hóa", "Quảng Trạch", "Bố Trạch", "Quảng Ninh", "Lệ Thủy", "Ba Đồn"),
    "Quảng Nam": (
        "Tam Kỳ", "Hội An", "Tây Giang", "Đông Giang", "Đại Lộc", "Điện Bàn", "Duy Xuyên", "Quế Sơn", "Nam Giang",
        "Phước Sơn", "Hiệp Đức", "Thăng Bình", "Tiên Phước", "Bắc Trà My", "Nam Trà My", "Núi Thành", "Phú Ninh"),
    "Quảng Ngãi": (
        "Quảng Ngãi", "Bình Sơn", "Trà Bồng", "Sơn Tịnh", "Tư Nghĩa", "Sơn Hà", "Sơn Tây", "Minh Long", "Nghĩa Hành",
        "Mộ Đức", "Đức Phổ", "Ba Tơ", "Lý Sơn"),
    "Quảng Ninh": (
        "Hạ Long", "Móng Cái", "Cẩm Phả", "Uông Bí", "Bình Liêu", "Tiên Yên", "Đầm Hà", "Hải Hà", "Ba Chẽ",
        "Vân Đồn", "Đông Triều", "Quảng Yên", "Cô Tô"),
    "Quảng Trị": (
        "Đông Hà", "Quảng Trị", "Vĩnh Linh", "Hướng Hóa", "Gio Linh", "Đa Krông", "Cam Lộ", "Triệu Phong",
        "Hải Lăng", "Cồn Cỏ"),
    "Sóc Trăng": (
        "Sóc Trăng", "Châu Thành", "Kế Sách", "Mỹ Tú", "Cù Lao Dung", "Long Phú", "Mỹ Xuyên", "Ngã Năm", "Thạnh Trị",
        "Vĩnh Châu", "Trần Đề"),
    "Sơn La": (
        "Sơn La", "Quỳnh Nhai", "Thuận Châu", "Mường La", "Bắc Yên", "Phù Yên", "Mộc Châu", "Yên Châu", "Mai Sơn",
        "Sông Mã", "Sốp Cộp", "Vân Hồ"),
    "Thanh Hóa": (
        "Thanh Hóa", "Bỉm Sơn", "Sầm Sơn", "Mường Lát", "Quan Hóa", "Bá Thước", "Quan Sơn", "Lang Chánh", "Ngọc Lặc",
        "Cẩm Thủy", "Thạch Thành", "Hà Trung", "Vĩnh Lộc", "Yên Định", "Thọ Xuân", "Thường Xuân", "Triệu Sơn",
        "Thiệu Hóa", "Hoằng Hóa", "Hậu Lộc", "Nga Sơn", "Như Xuân", "Như Thanh", "Nông Cống", "Quảng Xương",
        "Nghi Sơn"),
    "Thái Bình": (
        "Thái Bình", "Quỳnh Phụ", "Hưng Hà", "Đông Hưng", "Thái Thụy", "Tiền Hải", "Kiến Xương", "Vũ Thư"),
    "Thái Nguyên": (
        "Thái Nguyên", "Sông Công", "Định Hóa", "Phú Lương", "Đồng Hỷ", "Võ Nhai", "Đại Từ", "Phổ Yên", "Phú Bình"),
    "Thừa Thiên Huế": (
        "Thuận Hóa", "Phú Xuân", "Phong Điền", "Quảng Điền", "Phú Vang", "Hương Thủy", "Hương Trà", "A Lưới",
        "Phú Lộc"),
    "Tiền Giang": (
        "Mỹ Tho", "Gò Công", "Cai Lậy", "Tân Phước", "Cái Bè", "Châu Thành", "Chợ Gạo", "Gò Công Tây",
        "Gò Công Đông", "Tân Phú Đông"),
    "Trà Vinh": ("Trà Vinh", "Càng Long", "Cầu Kè", "Tiểu Cần", "Châu Thành", "Cầu Ngang", "Trà Cú", "Duyên Hải"),
    "Tuyên Quang": ("Tuyên Quang", "Lâm Bình", "Na Hang", "Chiêm Hóa", "Hàm Yên", "Yên Sơn", "Sơn Dương"),
    "Tây Ninh": (
        "Tây Ninh", "Tân Biên", "Tân Châu", "Dương Minh Châu", "Châu Thành", "Hòa Thành", "Gò Dầu", "Bến Cầu",
        "Trảng Bàng"),
    "Vĩnh Long": ("Vĩnh Long", "Long Hồ", "Mang Thít", "Vũng Liêm", "Tam Bình", "Bình Minh", "Trà Ôn", "Bình Tân"),
    "Vĩnh Phúc": (
        "Vĩnh Yên", "Phúc Yên", "Lập Thạch", "Tam Dương", "Tam Đảo", "Bình Xuyên", "Yên Lạc", "Vĩnh Tường",
        "Sông Lô"),
    "Yên Bái": (
        "Yên Bái", "Nghĩa Lộ", "Lục Yên", "Văn Yên", "Mù Căng Chải", "Trấn Yên", "Trạm Tấu", "Văn Chấn",
        "Yên Bình"),
    "Điện Biên": (
        "Điện Biên Phủ", "Mường Lay", "Mường Nhé", "Mường Chà", "Tủa Chùa", "Tuần Giáo", "Điện Biên",
        "Điện Biên Đông", "Mường Ảng", "Nậm Pồ"),
    "Đà Nẵng": ("Liên Chiểu", "Thanh Khê", "Hải Châu", "Sơn Trà", "Ngũ Hành Sơn", "Cẩm Lệ", "Hòa Vang", "Hoàng Sa"),
    "Đắk Lắk": (
        "Buôn Ma Thuột", "Buôn Hồ", "Ea H'leo", "Ea Súp", "Buôn Đôn", "Cư M'gar", "Krông Búk", "Krông Năng",
        "Ea Kar", "M'Đrắk", "Krông Bông", "Krông Pắc", "Krông A Na", "Lắk", "Cư Kuin"),
    "Đắk Nông": ("Gia Nghĩa", "Đăk Glong", "Cư Jút", "Đắk Mil", "Krông Nô", "Đắk Song", "Đắk R'Lấp", "Tuy Đức"),
    "Đồng Nai": (
        "Biên Hòa", "Long Khánh", "Tân Phú", "Vĩnh Cửu", "Định Quán", "Trảng Bom", "Thống Nhất", "Cẩm Mỹ",
        "Long Thành", "Xuân Lộc", "Nhơn Trạch"),
    "Đồng Tháp": (
        "Cao Lãnh", "Sa Đéc", "Hồng Ngự", "Tân Hồng", "Tam Nông", "Tháp Mười", "Thanh Bình", "Lấp Vò", "Lai Vung",
        "Châu Thành"),
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
    "phan thiet", "pho yen", "phong dien", "phong tho", "phu cat", "phu cu", "phu giao", "phu hoa", "phu quoc",
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
