"""Word lists the synthetic corpus draws from: place names, people, qualifiers.

Kept apart from the generator logic so the vocabulary can grow without touching it.
"""

from __future__ import annotations

# Vietnam's 34 provincial-level units (after the 2025 merger); (name with prefix, bare name).
PROVINCES: tuple[tuple[str, str], ...] = tuple(
    (("thành phố " if city else "tỉnh ") + name, name) for name, city in (
        ("Hà Nội", True), ("Huế", True), ("Lai Châu", False), ("Điện Biên", False), ("Sơn La", False),
        ("Lạng Sơn", False), ("Quảng Ninh", False), ("Thanh Hóa", False), ("Nghệ An", False),
        ("Hà Tĩnh", False), ("Cao Bằng", False), ("Tuyên Quang", False), ("Lào Cai", False),
        ("Thái Nguyên", False), ("Phú Thọ", False), ("Bắc Ninh", False), ("Hưng Yên", False),
        ("Hải Phòng", True), ("Ninh Bình", False), ("Quảng Trị", False), ("Đà Nẵng", True),
        ("Quảng Ngãi", False), ("Gia Lai", False), ("Khánh Hòa", False), ("Lâm Đồng", False),
        ("Đắk Lắk", False), ("Hồ Chí Minh", True), ("Đồng Nai", False), ("Tây Ninh", False),
        ("Cần Thơ", True), ("Vĩnh Long", False), ("Đồng Tháp", False), ("Cà Mau", False), ("An Giang", False),
    )
)

# Syllables that district and commune names are commonly made of (Long Phú, Tân Hòa, …).
FIRST_SYLLABLES = (
    "Long", "Tân", "Phú", "Mỹ", "An", "Bình", "Hòa", "Thạnh", "Vĩnh", "Đông", "Tây", "Nam", "Bắc",
    "Trung", "Hưng", "Phước", "Thuận", "Quảng", "Kim", "Ngọc", "Hồng", "Thanh", "Cẩm", "Lộc",
)
SECOND_SYLLABLES = (
    "Phú", "Hòa", "Bình", "Thạnh", "Lợi", "Hưng", "Thuận", "Yên", "Sơn", "Giang", "Điền", "Xuân",
    "Lạc", "Châu", "Thành", "Mỹ", "An", "Đức", "Phong", "Trị", "Hải", "Lâm", "Tiến", "Khánh",
)

FAMILY_NAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ")
MIDDLE_NAMES = ("Văn", "Thị", "Minh", "Hữu", "Đức", "Thanh", "Quốc", "Ngọc", "Hồng", "Xuân")
GIVEN_NAMES = ("Hiệp", "Đức", "Nhi", "Tòng", "Ngọc", "Hùng", "Lan", "Phương", "Tuấn", "Hải", "Dũng",
               "Hạnh", "Bình", "Sơn", "Thảo", "Khoa", "Trang", "Vinh", "Yến", "Nam")

# Qualifiers that turn one real indicator into a family of distinct, comparable indicators.
INDICATOR_QUALIFIERS: tuple[tuple[str, str, str], ...] = (
    ("linh-vuc-dat-dai", "trong lĩnh vực đất đai", "land administration"),
    ("linh-vuc-dau-tu", "trong lĩnh vực đầu tư", "investment"),
    ("linh-vuc-xay-dung", "trong lĩnh vực xây dựng", "construction"),
    ("linh-vuc-tu-phap", "trong lĩnh vực tư pháp", "justice"),
    ("linh-vuc-y-te", "trong lĩnh vực y tế", "health"),
    ("linh-vuc-giao-duc", "trong lĩnh vực giáo dục", "education"),
)

# Agencies by the level of the issuing place: who a plan gives duties to.
AGENCIES = {
    "tinh": ("Sở Nội vụ", "Sở Tư pháp", "Văn phòng UBND tỉnh", "Sở Tài chính", "Sở Khoa học và Công nghệ",
             "Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Xây dựng", "Sở Nông nghiệp và Môi trường",
             "Các Sở, ban, ngành; UBND cấp huyện"),
    "huyen": ("Phòng Nội vụ", "Phòng Tư pháp", "Văn phòng HĐND và UBND huyện", "Phòng Tài chính - Kế hoạch",
              "Phòng Văn hóa và Thông tin", "Phòng Kinh tế và Hạ tầng", "UBND các xã, thị trấn"),
    "xa": ("Văn phòng - Thống kê xã", "Công chức Tư pháp - Hộ tịch", "Công chức Tài chính - Kế toán",
           "Bộ phận Một cửa xã", "Các ấp, khóm"),
}

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
