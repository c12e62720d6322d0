"""Plausible Vietnamese names, unit names and positions for the demo province (fictional)."""

from __future__ import annotations

import random

from learn.core.text import fold

# Approximate shares of the most common family names.
FAMILY_NAMES = (
    ("Nguyễn", 38), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7), ("Hoàng", 3), ("Huỳnh", 2.5),
    ("Phan", 4.5), ("Vũ", 2.5), ("Võ", 2.5), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 1.4),
    ("Hồ", 1.3), ("Ngô", 1.3), ("Dương", 1), ("Lý", 0.5), ("Đinh", 0.8), ("Trương", 0.8),
    ("Lâm", 0.5), ("Mai", 0.4), ("Đoàn", 0.5), ("Cao", 0.4), ("Tạ", 0.3), ("Lương", 0.4),
)
MALE_MIDDLE = (("Văn", 40), ("Hữu", 6), ("Đức", 8), ("Minh", 10), ("Quốc", 6), ("Thanh", 6),
               ("Công", 5), ("Ngọc", 4), ("Xuân", 4), ("Hoàng", 4), ("Trọng", 3), ("Anh", 3))
FEMALE_MIDDLE = (("Thị", 45), ("Ngọc", 8), ("Thu", 7), ("Thanh", 6), ("Kim", 5), ("Mỹ", 4),
                 ("Phương", 4), ("Bích", 3), ("Minh", 4), ("Thùy", 4), ("Hồng", 4), ("Thị Thu", 3))
MALE_GIVEN = (
    "An", "Bình", "Cường", "Dũng", "Hùng", "Hải", "Hiếu", "Huy", "Khoa", "Long", "Minh", "Nam",
    "Phong", "Phúc", "Quang", "Sơn", "Tài", "Thắng", "Thành", "Tuấn", "Trung", "Việt", "Vinh",
    "Đạt", "Đức", "Hòa", "Khánh", "Lâm", "Lộc", "Tâm", "Toàn", "Thịnh", "Hưng", "Kiên", "Nghĩa",
)
FEMALE_GIVEN = (
    "Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Loan",
    "Mai", "Nga", "Ngọc", "Nhung", "Oanh", "Phương", "Quyên", "Thảo", "Thủy", "Trang", "Trinh",
    "Tuyết", "Uyên", "Vân", "Yến", "Hiền", "Huyền", "My", "Nhi", "Thư", "Diệp", "Lụa", "Xuân",
)

PROVINCE = ("TINH", "Tỉnh Hòa Sơn (minh họa)")
# Departments and agencies as reorganised in early 2025 (code, name).
DEPARTMENTS = (
    ("VP-UBND", "Văn phòng UBND tỉnh"),
    ("VP-DBQH-HDND", "Văn phòng Đoàn ĐBQH và HĐND tỉnh"),
    ("SO-NV", "Sở Nội vụ"),
    ("SO-TC", "Sở Tài chính"),
    ("SO-TP", "Sở Tư pháp"),
    ("SO-CT", "Sở Công Thương"),
    ("SO-KHCN", "Sở Khoa học và Công nghệ"),
    ("SO-YT", "Sở Y tế"),
    ("SO-GDDT", "Sở Giáo dục và Đào tạo"),
    ("SO-NNMT", "Sở Nông nghiệp và Môi trường"),
    ("SO-XD", "Sở Xây dựng"),
    ("SO-VHTTDL", "Sở Văn hóa, Thể thao và Du lịch"),
    ("SO-DTTG", "Sở Dân tộc và Tôn giáo"),
    ("SO-NGV", "Sở Ngoại vụ"),
    ("TTRA", "Thanh tra tỉnh"),
    ("BQL-KCN", "Ban Quản lý các khu công nghiệp"),
    ("TT-PVHCC", "Trung tâm Phục vụ hành chính công"),
    ("DAI-PTTH", "Đài Phát thanh và Truyền hình"),
    ("TRUONG-CT", "Trường Chính trị tỉnh"),
    ("BQLDA-XD", "Ban Quản lý dự án đầu tư xây dựng"),
)
DEPARTMENT_OFFICES = (("VP", "Văn phòng"), ("KHTC", "Phòng Kế hoạch - Tài chính"),
                      ("TTRA", "Thanh tra"))
# District-level units before the district level was abolished in July 2025.
DISTRICTS = (
    ("Thành phố", "Tân Phong"), ("Thị xã", "Hòa Thành"), ("Huyện", "An Phú"),
    ("Huyện", "Bình Sơn"), ("Huyện", "Đông Hải"), ("Huyện", "Phước Long"),
    ("Huyện", "Tân Thạnh"), ("Huyện", "Vĩnh Lộc"), ("Huyện", "Mỹ Xuân"),
    ("Huyện", "Long Điền"), ("Huyện", "Quang Minh"), ("Huyện", "Trung Sơn"),
)
DISTRICT_OFFICES = (
    ("VP", "Văn phòng HĐND và UBND"), ("NV", "Phòng Nội vụ"),
    ("TCKH", "Phòng Tài chính - Kế hoạch"), ("VHKHTT", "Phòng Văn hóa, Khoa học và Thông tin"),
    ("GDDT", "Phòng Giáo dục và Đào tạo"),
)
COMMUNE_FIRST = ("Tân", "Hòa", "Bình", "An", "Phú", "Thạnh", "Long", "Vĩnh", "Đông", "Tây",
                 "Nam", "Bắc", "Quang", "Hưng", "Minh", "Thuận", "Phước", "Trung", "Mỹ", "Hiệp",
                 "Xuân", "Thanh", "Lộc", "Khánh")
COMMUNE_SECOND = ("Lập", "Bình", "An", "Phú", "Hòa", "Thành", "Lợi", "Hưng", "Thịnh", "Tiến",
                  "Phong", "Thuận", "Lộc", "Hải", "Sơn", "Điền", "Mỹ", "Khánh", "Xuân", "Đức",
                  "Trung", "Nghĩa", "Tân", "Quới", "Thạnh")

POSITIONS = {
    "province": (("Chuyên viên", 6), ("Chuyên viên chính", 2), ("Phó Chánh Văn phòng", 1)),
    "department": (("Chuyên viên", 10), ("Chuyên viên chính", 3), ("Trưởng phòng", 2),
                   ("Phó Trưởng phòng", 2), ("Phó Giám đốc", 1), ("Văn thư", 1),
                   ("Kế toán", 1), ("Viên chức", 3)),
    "office": (("Chuyên viên", 8), ("Trưởng phòng", 1), ("Phó Trưởng phòng", 1),
               ("Văn thư", 1), ("Kế toán", 1)),
    "district": (("Chuyên viên", 8), ("Phó Chủ tịch UBND", 1), ("Chánh Văn phòng", 1),
                 ("Trưởng phòng", 2), ("Phó Trưởng phòng", 2)),
    "commune": (("Công chức Văn phòng - Thống kê", 3), ("Công chức Tư pháp - Hộ tịch", 3),
                ("Công chức Địa chính - Xây dựng", 3), ("Công chức Tài chính - Kế toán", 2),
                ("Công chức Văn hóa - Xã hội", 3), ("Phó Chủ tịch UBND xã", 1),
                ("Chủ tịch UBND xã", 1), ("Chỉ huy trưởng Quân sự", 1)),
}


def pick(rng: random.Random, weighted) -> str:
    """One value of (value, weight) pairs."""
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def person_name(rng: random.Random) -> str:
    """A plausible Vietnamese full name: family, middle and given name."""
    female = rng.random() < 0.5
    family = pick(rng, FAMILY_NAMES)
    middle = pick(rng, FEMALE_MIDDLE if female else MALE_MIDDLE)
    given = rng.choice(FEMALE_GIVEN if female else MALE_GIVEN)
    if middle.endswith(given):
        middle = "Thị" if female else "Văn"
    return f"{family} {middle} {given}"


def email_for(name: str, number: int) -> str:
    """A unique demo address: given name, dot, family and middle names, a number."""
    words = fold(name).split()
    return f"{words[-1]}.{''.join(words[:-1])}{number}@example.org"


def slug_code(text: str) -> str:
    """An upper-case code from a Vietnamese name ("Xã Tân Lập" -> "XA-TAN-LAP")."""
    return "-".join(fold(text).upper().split())


def commune_names(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    """`count` commune-level names not yet used in the province."""
    names: list[str] = []
    while len(names) < count:
        first, second = rng.choice(COMMUNE_FIRST), rng.choice(COMMUNE_SECOND)
        if first == second:
            continue
        kind = "Phường" if rng.random() < 0.15 else ("Thị trấn" if rng.random() < 0.05 else "Xã")
        name = f"{kind} {first} {second}"
        if name in taken:
            if len(taken) > 1500:
                name = f"{name} {len(taken)}"
            else:
                continue
        taken.add(name)
        names.append(name)
    return names
