"""Generate the bundled 2024 sample workbooks of CĐCS Trung tâm Y tế Than Uyên.

    python samples/generate.py            # rewrites samples/2024 and samples/2024-loi
    python samples/generate.py --out DIR  # writes DIR/2024 and DIR/2024-loi instead

samples/2024 is the clean year: merged, it reproduces every figure of the 2024
annual report (SPEC §5). samples/2024-loi is the same year with mistakes planted
on purpose (SPEC §3); its README.md and expected-findings.csv list them.

Everything comes from one seeded random.Random(2024) and fixed dates, so a run
gives the same files every time. The data model is plain dicts keyed by the
column keys of unionxl.schema, the same keys the template writer takes.
"""

from __future__ import annotations

import argparse
import copy
import csv
import datetime as dt
import random
import re
import shutil
import unicodedata
from pathlib import Path

from unionxl import schema
from unionxl.model import column_letter
from unionxl.report_texts import ReportTexts

YEAR = 2024
D = dt.date
UNIT_FILE = f"don-vi-{YEAR}.xlsx"
UNIT = {
    "year": YEAR,
    "unit_name": "Công đoàn cơ sở Trung tâm Y tế Than Uyên",
    "superior_name": "Công đoàn ngành Y tế Lai Châu",
    "place": "Than Uyên",
    "chair_name": "Đinh Xuân Thủy",
    "mutual_opening_balance": 243_150_000,  # "hơn 243 triệu" carried from 2023
    "report_basis": "Công văn số 140/CĐN ngày 16/10/2024 của Công đoàn ngành Y tế tỉnh Lai Châu",
}
PROVINCE = "012"  # Lai Châu
# Women born before 1968 reached retirement age before 2024 (Labour Code 2019 art. 169, Decree 135/2020).
WOMEN_BORN_FROM = 1968

# The executive committee's own text for the report's written sections: short, in the seed report's
# style (a line per paragraph, "-" and "+" bullets), written for the sample, not copied from the seed.
REPORT_TEXTS = {
    "jobs_income": (
        "- Toàn bộ viên chức, người lao động có việc làm ổn định, được bố trí theo đúng chuyên môn đào tạo; "
        "việc điều động giữa các khoa, phòng và trạm y tế xã có cân nhắc hoàn cảnh gia đình.\n"
        "- Thu nhập chủ yếu từ lương, phụ cấp ưu đãi nghề, tiền trực và phụ cấp phẫu thuật, thủ thuật; với "
        "giá cả tăng, thu nhập của viên chức trẻ và hợp đồng còn khó khăn.\n"
        "- Lương, phụ cấp và các chế độ bảo hiểm được chi trả đúng hạn; đời sống đoàn viên cơ bản ổn định."),
    "labour_relations": (
        "- Thủ trưởng đơn vị thực hiện đầy đủ chế độ làm thêm giờ, trực, công tác phí, bồi dưỡng độc hại, "
        "thai sản, ốm đau theo quy định; việc bình xét thi đua hàng tháng công khai, dân chủ.\n"
        "- Quan hệ giữa Ban Giám đốc, Ban Chấp hành Công đoàn và người lao động hài hòa, không có khiếu nại, "
        "tranh chấp lao động."),
    "accidents": (
        "Đơn vị trang bị đủ phương tiện bảo hộ cá nhân cho các khoa lây nhiễm, xét nghiệm, chẩn đoán hình ảnh; "
        "tổ chức tập huấn an toàn, vệ sinh lao động và phòng cháy chữa cháy cho toàn thể viên chức."),
    "union_issues": (
        "- Cán bộ công đoàn đều kiêm nhiệm, thời gian dành cho công tác công đoàn còn ít.\n"
        "- Nhiều tổ công đoàn ở trạm y tế xã cách xa trung tâm, việc sinh hoạt chung còn khó khăn."),
    "theme_targets": (
        "Công đoàn cơ sở quán triệt chủ đề năm tới từng tổ công đoàn, đưa các nội dung của chủ đề vào kế hoạch "
        "hoạt động năm và lồng ghép trong sinh hoạt chuyên môn hàng tháng."),
    "resolutions": (
        "- Tổ chức quán triệt Nghị quyết Đại hội Công đoàn các cấp tới các tổ công đoàn; 100% đoàn viên tham "
        "gia cuộc thi trực tuyến tìm hiểu Nghị quyết.\n"
        "- Vận động đoàn viên thực hiện văn hóa công sở, tổ chức việc cưới, việc tang văn minh, tiết kiệm; "
        "đội của đơn vị tham gia hội thi tuyên truyền xóa bỏ hủ tục do huyện tổ chức."),
    "action_programme": (
        "Ban Chấp hành bám sát chương trình hành động của cấp ủy, đổi mới cách tổ chức sinh hoạt: thông báo "
        "qua nhóm Zalo của từng tổ, giảm họp tập trung, tăng sinh hoạt theo chuyên đề."),
    "care": "- Tổ chức gặp mặt, tặng hoa nữ đoàn viên nhân ngày Phụ nữ Việt Nam 20/10.",
    "membership": "Đơn vị không tuyển dụng mới trong năm nên không có đối tượng để kết nạp.",
    "workers_month": (
        "Ban Chấp hành xây dựng kế hoạch Tháng Công nhân; tổ chức giải bóng chuyền hơi, kéo co giữa các tổ "
        "công đoàn và thăm hỏi đoàn viên có hoàn cảnh khó khăn trong tháng."),
    "policy": (
        "- Tham gia xây dựng quy chế chi tiêu nội bộ, quy chế dân chủ cơ sở và thỏa ước lao động tập thể "
        "với Ban Giám đốc.\n"
        "- Phổ biến tới đoàn viên các quy định mới về tiền lương, bảo hiểm xã hội và Luật Khám bệnh, chữa bệnh."),
    "emulation": (
        "Phát động phong trào “Lao động giỏi, lao động sáng tạo”, “Đổi mới phong cách, thái độ phục vụ hướng "
        "tới sự hài lòng của người bệnh” tới các tổ công đoàn; sơ kết, biểu dương tập thể và cá nhân tiêu "
        "biểu vào dịp cuối năm."),
    "contest": (
        "Ban Chấp hành lập kế hoạch, chọn 03 đoàn viên thành lập đội thi và ôn luyện theo thể lệ của Công "
        "đoàn ngành."),
    "leadership": (
        "- Duy trì họp Ban Chấp hành hằng quý và đột xuất khi cần; phân công ủy viên phụ trách từng cụm tổ "
        "công đoàn.\n"
        "- Kinh nghiệm: hoạt động nào gắn với quyền lợi thiết thực của đoàn viên (quỹ tương hỗ, quỹ du lịch) "
        "thì được hưởng ứng đông đảo."),
    "limitations": (
        "- Một số tổ công đoàn gửi biểu mẫu báo cáo chậm, số liệu còn phải sửa nhiều lần.\n"
        "- Chưa có sáng kiến được đề nghị tặng Bằng lao động sáng tạo."),
    "causes": (
        "- Tổ trưởng công đoàn kiêm nhiệm, khối lượng công việc chuyên môn lớn.\n"
        "- Kinh phí hoạt động hạn chế, chủ yếu từ nguồn được trích lại."),
    "next_year": (
        "1. Tuyên truyền chủ trương của Đảng, pháp luật của Nhà nước và nghị quyết công đoàn các cấp tới "
        "đoàn viên.\n"
        "2. Duy trì quỹ du lịch, quỹ tương hỗ; cho vay đúng đối tượng, đúng mục đích và bảo toàn nguồn vốn.\n"
        "3. Phát động thi đua chào mừng Đại hội Đảng các cấp nhiệm kỳ 2025 - 2030; khuyến khích đoàn viên "
        "đăng ký đề tài, sáng kiến.\n"
        "4. Cập nhật đầy đủ đoàn viên trên phần mềm quản lý đoàn viên."),
    "to_party": "Tiếp tục lãnh đạo, tạo điều kiện về thời gian và kinh phí cho hoạt động công đoàn.",
    "to_superior": (
        "- Mở lớp tập huấn nghiệp vụ cho cán bộ công đoàn cơ sở và tổ trưởng công đoàn.\n"
        "- Hướng dẫn xử lý trường hợp đoàn viên bị trùng căn cước trên phần mềm quản lý đoàn viên."),
}
REPORT_FACTS = {"labour_accidents": 0, "occupational_disease": 0, "contest_prize": "merit"}
RECIPIENTS = ["CĐ ngành Y tế Lai Châu (b/c)", "BCH Đảng ủy TTYT (b/c)", "Ban Giám đốc TTYT",
              "Các tổ công đoàn trực thuộc", "Các đồng chí ủy viên BCH CĐCS", "Lưu: CĐCS, VT"]

# (code, name, members, kind); kind steers qualifications, gender and ethnicity.
GROUPS = [
    ("T01", "Ban Giám đốc", 4, "lead"),
    ("T02", "Phòng Tổ chức - Hành chính", 10, "admin"),
    ("T03", "Phòng Kế hoạch - Nghiệp vụ", 6, "office"),
    ("T04", "Phòng Tài chính - Kế toán", 6, "office"),
    ("T05", "Phòng Điều dưỡng", 4, "office"),
    ("T06", "Khoa Khám bệnh", 16, "clinical"),
    ("T07", "Khoa Hồi sức cấp cứu", 18, "clinical"),
    ("T08", "Khoa Nội tổng hợp", 22, "clinical"),
    ("T09", "Khoa Ngoại tổng hợp", 20, "clinical"),
    ("T10", "Khoa Chăm sóc sức khỏe sinh sản", 17, "clinical"),
    ("T11", "Khoa Nhi", 15, "clinical"),
    ("T12", "Khoa Truyền nhiễm", 10, "clinical"),
    ("T13", "Khoa Y học cổ truyền - PHCN", 11, "clinical"),
    ("T14", "Khoa Xét nghiệm - CĐHA", 14, "support"),
    ("T15", "Khoa Dược - VTYT", 8, "support"),
    ("T16", "Khoa Kiểm soát nhiễm khuẩn", 6, "support"),
    ("T17", "Khoa Kiểm soát bệnh tật - HIV/AIDS", 12, "support"),
    ("T18", "Khoa Liên chuyên khoa (Mắt - TMH - RHM)", 8, "clinical"),
    ("T19", "Khoa Y tế công cộng - An toàn thực phẩm", 7, "support"),
    ("T20", "Phòng khám đa khoa khu vực Mường Kim", 10, "clinical"),
    ("T21", "Trạm Y tế thị trấn Than Uyên", 8, "station"),
    ("T22", "Trạm Y tế xã Mường Than", 7, "station"),
    ("T23", "Trạm Y tế xã Mường Cang", 7, "station"),
    ("T24", "Trạm Y tế xã Mường Kim", 8, "station"),
    ("T25", "Trạm Y tế xã Mường Mít", 7, "station"),
    ("T26", "Trạm Y tế xã Hua Nà", 7, "station"),
    ("T27", "Trạm Y tế xã Khoen On", 6, "station"),
    ("T28", "Trạm Y tế xã Pha Mu", 7, "station"),
    ("T29", "Trạm Y tế xã Phúc Than", 7, "station"),
    ("T30", "Trạm Y tế xã Tà Hừa", 6, "station"),
    ("T31", "Trạm Y tế xã Tà Mung", 7, "station"),
    ("T32", "Trạm Y tế xã Ta Gia", 6, "station"),
]

# Exact counts of the report (seed §I.1.2); the assignment below hits them exactly.
MALE = 120
LEVELS = [("postgraduate", 18), ("university", 140), ("college", 49), ("vocational", 84), ("untrained", 16)]
PARTY = 160
THEORY = [("advanced", 2), ("intermediate", 40), ("elementary", 52)]
STUDYING = 9
TRIP_SUPPORT = 42
LOANS = 24
HARDSHIP = [("sector", 23), ("unit", 6)]
VISITS = ["sickness_visit"] * 9 + ["wedding"] * 5 + ["funeral"] * 4 + ["farewell"] * 2
VISIT_AMOUNT = {"sickness_visit": 500_000, "wedding": 500_000, "funeral": 1_000_000, "farewell": 500_000}
VISIT_NOTE = {"sickness_visit": ["Nằm viện điều trị", "Phẫu thuật", "Ốm đau dài ngày"],
              "wedding": ["Kết hôn"], "funeral": ["Thân phụ từ trần", "Thân mẫu từ trần"], "farewell": ["Chuyển công tác"]}
LOAN_PURPOSES = ["Sửa nhà", "Làm nhà", "Chữa bệnh cho bố mẹ", "Cho con đi học đại học", "Mua xe máy đi làm",
                 "Chữa bệnh cho con", "Mua sắm đồ dùng gia đình"]
# Member-quarters left unpaid: 9 in all (the merge reports them as arrears).
UNPAID = {"T02": [("q4",)], "T09": [("q3", "q4"), ("q4",)], "T16": [("q2", "q3", "q4")], "T25": [("q4",), ("q4",)]}

TET_DAY, HARDSHIP_DAY, DOCTORS_DAY, WOMENS_DAY = D(2024, 2, 5), D(2024, 2, 2), D(2024, 2, 26), D(2024, 3, 7)

# ------------------------------------------------------------------ names

KINH = (["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ngô", "Dương", "Đinh", "Hà",
         "Lương", "Phan", "Trịnh", "Đào", "Mai", "Tạ", "Lại"],
        ["Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Tiến", "Mạnh", "Ngọc", "Thành", "Công"],
        ["Hùng", "Dũng", "Tuấn", "Hải", "Long", "Nam", "Thắng", "Cường", "Hiếu", "Khánh", "Sơn", "Tùng", "Việt",
         "Hoàng", "Trung", "Quân", "Phong", "Bình", "Toàn", "Huy", "Kiên", "Đạt", "Thịnh", "Lâm"],
        ["Thị", "Thu", "Thanh", "Ngọc", "Hồng", "Phương", "Minh", "Kim", "Thúy", "Bích"],
        ["Lan", "Hương", "Hà", "Hạnh", "Huyền", "Trang", "Thủy", "Nga", "Hằng", "Liên", "Mai", "Ngọc", "Phương",
         "Thảo", "Yến", "Nhung", "Loan", "Hoa", "Dung", "Oanh", "Vân", "Hiền", "Duyên", "Giang", "Quyên", "Tâm"])
THAI = (["Lò", "Lường", "Tòng", "Quàng", "Cầm", "Điêu", "Lù", "Hoàng"],
        ["Văn"],
        ["Thoan", "Chiến", "Inh", "Chinh", "Tuân", "Ánh", "Piêng", "Khiêm", "Sinh", "Xuân", "Hòa", "Thanh",
         "Hưng", "Duẩn", "Tiến", "Nhất", "Ương", "Phanh", "Tuấn", "Hải"],
        ["Thị"],
        ["Ban", "Ơn", "Xiêm", "Ngoan", "Hương", "Yến", "Thu", "Lả", "Pánh", "Kim", "Hoa", "Thắm", "Lan", "Dung",
         "Mai", "Nhung", "Hiên", "Tươi", "Xuân", "Hạnh", "Quyên", "Ánh", "Thoa", "Diện", "Sương"])
MONG = (["Giàng", "Sùng", "Thào", "Vàng", "Lý", "Hầu", "Mùa", "Sình", "Hạng"],
        ["A", "Seo", "Văn"],
        ["Sử", "Dính", "Chư", "Pháo", "Lử", "Tú", "Sàng", "Dơ", "Chinh", "Cở", "Lềnh", "Súa"],
        ["Thị"],
        ["Mai", "Dung", "Sua", "Mỷ", "Chá", "Dợ", "Hoa", "Lan", "Say", "Pà", "Xuân"])
DAO = (["Tẩn", "Chảo", "Phàn", "Lý", "Đặng"],
       ["Láo", "Văn", "Kiều"],
       ["Sử", "Lở", "Phù", "Chẳn", "Quẩy", "Vần", "Sơn", "Minh"],
       ["Thị"],
       ["Mẩy", "Chiêm", "Xuân", "Sành", "Dần", "Mai", "Phương"])
OTHER = (["Vàng", "Hoàng", "Lù", "Vì", "Tao", "Lò"],  # Giáy, Khơ Mú, Lự
         ["Văn"],
         ["Thắng", "Chung", "Phong", "Hưởng", "Khăm", "Kiên"],
         ["Thị"],
         ["Nhất", "Chăm", "Ngân", "Hiền", "Sen", "Thơm"])
ETHNICITY = {"station": [(KINH, 20), (THAI, 45), (MONG, 20), (DAO, 8), (OTHER, 7)],
             "default": [(KINH, 55), (THAI, 30), (MONG, 7), (DAO, 4), (OTHER, 4)]}


def slug(text: str) -> str:
    ascii_ = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_ = "".join(c for c in ascii_ if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")


def random_date(rng: random.Random, year: int, first: D | None = None, last: D | None = None) -> D:
    first, last = first or D(year, 1, 1), last or D(year, 12, 31)
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


def make_cccd(rng: random.Random, gender: str, birth_year: int, used: set[str]) -> str:
    century_digit = {("male", 1900): "0", ("female", 1900): "1", ("male", 2000): "2", ("female", 2000): "3"}
    head = PROVINCE + century_digit[gender, birth_year // 100 * 100] + f"{birth_year % 100:02d}"
    while True:
        cccd = head + f"{rng.randrange(10 ** 6):06d}"
        if cccd not in used:
            used.add(cccd)
            return cccd


def make_name(rng: random.Random, kind: str, gender: str, used: set[str]) -> str:
    pools, weights = zip(*ETHNICITY.get(kind, ETHNICITY["default"]))
    while True:
        surnames, male_mid, male_given, female_mid, female_given = rng.choices(pools, weights)[0]
        mids, givens = (male_mid, male_given) if gender == "male" else (female_mid, female_given)
        name = f"{rng.choice(surnames)} {rng.choice(mids)} {rng.choice(givens)}"
        if name not in used:
            used.add(name)
            return name


# ------------------------------------------------------------------ members


def take(ranked: list[dict], count: int) -> list[dict]:
    """The first `count` of an already ranked list, removed from it."""
    chosen = ranked[:count]
    del ranked[:count]
    return chosen


def build_members(rng: random.Random) -> dict[str, list[dict]]:
    """Every member, with attributes assigned by ranking so each report count is exact."""
    people = []
    for code, _, size, kind in GROUPS:
        for i in range(size):
            first, last = (1965, 1980) if kind == "lead" else (1965, 2001)
            people.append({"group": code, "kind": kind, "birth_year": rng.randint(first, last),
                           "noise": rng.random()})
    chair = people[0]  # Đinh Xuân Thủy, chair of the CĐCS, sits in the Ban Giám đốc
    chair.update(birth_year=1972, chair=True)

    male_bias = {"lead": 0.5, "admin": 0.35, "station": 0.15, "support": 0.05, "office": 0.0, "clinical": -0.05}
    ranked = sorted(people, key=lambda p: -(p["noise"] + male_bias[p["kind"]] + (9 if p is chair else 0)))
    for p in people:
        p["gender"] = "female"
    for p in ranked[:MALE]:
        p["gender"] = "male"

    # Untrained: drivers, guards and ward attendants; then levels by department and age.
    untrained_bias = {"admin": 0.75, "clinical": 0.3, "support": 0.3}
    ranked = sorted(people, key=lambda p: -(untrained_bias.get(p["kind"], -5) + rng.random()))
    for p in take(ranked, 16):
        p["professional_level"] = "untrained"
    level_bias = {"lead": 3.0, "clinical": 0.9, "support": 0.7, "office": 0.6, "admin": 0.2, "station": 0.0}
    ranked.sort(key=lambda p: -(level_bias[p["kind"]] + rng.gauss(0, 0.6) + (9 if p is chair else 0)))
    for level, count in LEVELS[:-1]:
        for p in take(ranked, count):
            p["professional_level"] = level

    # Party membership and political theory go with seniority and qualification.
    level_weight = {"postgraduate": 1.0, "university": 0.5, "college": 0.2, "vocational": 0.2, "untrained": -0.6}
    for p in people:
        p["seniority"] = ((YEAR - p["birth_year"]) / 20 + level_weight[p["professional_level"]] + rng.random()
                          + (3 if p["kind"] == "lead" else 0) + (9 if p is chair else 0))
    ranked = sorted(people, key=lambda p: -p["seniority"])
    party = take(ranked, PARTY)
    for p in people:
        p["party_member"] = p in party
        p["political_theory"] = p["studying_political"] = None
    for theory, count in THEORY:
        for p in take(party, count):
            p["political_theory"] = theory
    elementary = [p for p in people if p["political_theory"] == "elementary"]
    for p in rng.sample(elementary, STUDYING):
        p["studying_political"] = "tcllct"

    used_names, used_cccd = {"Đinh Xuân Thủy"}, set()
    for p in people:
        if p["gender"] == "female" and p["birth_year"] < WOMEN_BORN_FROM:
            p["birth_year"] += 10  # no member past retirement age (checks/members.py); no draw, so no other change
        by = p["birth_year"]
        p["full_name"] = "Đinh Xuân Thủy" if p is chair else make_name(rng, p["kind"], p["gender"], used_names)
        p["birth_date"] = random_date(rng, by)
        p["cccd"] = make_cccd(rng, p["gender"], by, used_cccd)
        p["join_date"] = random_date(rng, min(by + rng.randint(22, 27), YEAR - 1))
        p["software_recorded"] = True
    blocked = rng.choice([p for p in people if p["kind"] == "station"])
    blocked.update(software_recorded=False, note="Trùng CCCD trên phần mềm QLĐV")

    by_group: dict[str, list[dict]] = {code: [] for code, *_ in GROUPS}
    for p in people:
        by_group[p["group"]].append(p)
    return by_group


def member_row(i: int, p: dict) -> dict:
    yes_no = schema.YES_NO.label
    return {
        "stt": i, "full_name": p["full_name"], "gender": schema.GENDER.label(p["gender"]),
        "birth_date": p["birth_date"], "cccd": p["cccd"], "party_member": yes_no("yes" if p["party_member"] else "no"),
        "general_education": schema.GENERAL_EDUCATION.label("thpt"),
        "professional_level": schema.PROFESSIONAL_LEVEL.label(p["professional_level"]),
        "political_theory": p["political_theory"] and schema.POLITICAL_THEORY.label(p["political_theory"]),
        "studying_political": p["studying_political"] and schema.STUDYING_POLITICAL.label(p["studying_political"]),
        "join_date": p["join_date"], "software_recorded": yes_no("yes" if p["software_recorded"] else "no"),
        "social_fund": yes_no("yes"), "note": p.get("note"),
    }


# ------------------------------------------------------------------ one year


def build_year(seed: int = YEAR) -> tuple[dict, dict[str, dict]]:
    """The unit workbook's data and each group's data, exactly as the officers would type them."""
    rng = random.Random(seed)
    policy = schema.POLICY_DEFAULTS
    by_group = build_members(rng)
    everyone = [p for code, *_ in GROUPS for p in by_group[code]]

    # Who gets what; a few picks are pinned to groups the flawed copy needs them in.
    pinned_trip = by_group["T27"][1]
    trip = [pinned_trip] + rng.sample([p for p in everyone if p is not pinned_trip], TRIP_SUPPORT - 1)
    pinned_loans = [by_group[g][2] for g in ("T18", "T21", "T23", "T26")]
    borrowers = pinned_loans + rng.sample([p for p in everyone if p not in pinned_loans], LOANS - 4)
    needy = sorted(everyone, key=lambda p: -(level_weight_for_need(p) + rng.random()))[:sum(n for _, n in HARDSHIP)]
    sources = [s for s, n in HARDSHIP for _ in range(n)]
    rng.shuffle(sources)
    visit_people = [by_group["T06"][3]] + rng.sample([p for p in everyone if p["group"] != "T06"], len(VISITS) - 1)
    visit_kinds = VISITS[:]
    rng.shuffle(visit_kinds)

    groups = {}
    for code, name, _, kind in GROUPS:
        members = by_group[code]
        travel, mutual, loans, welfare = [], [], [], []
        for i, p in enumerate(members, 1):
            months = {m: policy["travel_monthly"] for m in schema.MONTHS}
            support = policy["trip_support"] if p in trip else None
            travel.append({"stt": i, "full_name": p["full_name"], "cccd": p["cccd"], **months,
                           "total": sum(months.values()), "trip_support": support, "note": None})
            quarters = {q: policy["mutual_quarterly"] for q in schema.QUARTERS}
            mutual.append({"stt": i, "full_name": p["full_name"], "cccd": p["cccd"], **quarters,
                           "total": sum(quarters.values()), "note": None})
        for row, unpaid in zip(mutual[1::2], UNPAID.get(code, [])):  # every other member, skipping the leader
            for q in unpaid:
                row[q] = None
            row["total"] = sum(row[q] or 0 for q in schema.QUARTERS)
            row["note"] = "Chưa đóng quý " + ", ".join(schema.MUTUAL_FUND.column(q).vi[4:] for q in unpaid)

        for p in members:
            if p in borrowers:
                date = random_date(rng, YEAR, last=D(YEAR, 10, 31))
                term = rng.choice([12, 24])
                months_paid = 12 - date.month  # monthly instalments from the month after
                repaid = min(policy["loan_cap"], months_paid * round(policy["loan_cap"] / term, -3))
                loans.append({"full_name": p["full_name"], "cccd": p["cccd"], "loan_date": date,
                              "amount": policy["loan_cap"], "term_months": term, "repaid": repaid,
                              "outstanding": policy["loan_cap"] - repaid, "purpose": rng.choice(LOAN_PURPOSES),
                              "note": None})
        loans.sort(key=lambda r: r["loan_date"])

        def pay(date, kind_, who, amount, source="unit", note=None):
            name_, cccd = (who["full_name"], who["cccd"]) if isinstance(who, dict) else (who, None)
            welfare.append({"date": date, "kind": schema.WELFARE_KIND.label(kind_), "full_name": name_,
                            "cccd": cccd, "amount": amount, "source": schema.WELFARE_SOURCE.label(source),
                            "note": note})

        for p in members:
            if p in needy:
                pay(HARDSHIP_DAY, "hardship_gift", p, policy["hardship_gift"], sources[needy.index(p)])
        for p in members:
            pay(TET_DAY, "tet_gift", p, policy["tet_gift"])
        for p in members:
            pay(DOCTORS_DAY, "doctors_day", p, policy["doctors_day"])
        pay(WOMENS_DAY, "womens_day", name, policy["womens_day"], note="Quà của tổ")
        for p, visit in zip(visit_people, visit_kinds):
            if p["group"] == code:
                pay(random_date(rng, YEAR, D(YEAR, 3, 15), D(YEAR, 12, 10)), visit, p, VISIT_AMOUNT[visit],
                    note=rng.choice(VISIT_NOTE[visit]))
        welfare.sort(key=lambda r: r["date"])  # stable: same-day rows keep member order
        for table in (loans, welfare):
            for i, row in enumerate(table, 1):
                row["stt"] = i

        senior = sorted(members, key=lambda p: -p["seniority"])
        leader, preparer = senior[0], senior[min(1, len(senior) - 1)]
        groups[code] = {
            "code": code, "name": name, "file": f"{code}-{slug(name)}.xlsx",
            "info": {"leader": leader["full_name"], "prepared_by": preparer["full_name"],
                     "prepared_date": random_date(rng, YEAR, D(YEAR, 12, 16), D(YEAR, 12, 27))},
            "members": [member_row(i, p) for i, p in enumerate(members, 1)],
            "travel_fund": travel, "mutual_fund": mutual, "loans": loans, "welfare": welfare,
        }
        groups[code]["info"].update(declare(groups[code]))

    unit = {
        "unit_info": dict(UNIT),
        "groups": [{"stt": i, "group_code": g["code"], "group_name": g["name"], "leader": g["info"]["leader"]}
                   for i, g in enumerate(groups.values(), 1)],
        "policy": dict(policy),
        "kpis": [{"number": k.number, "target": k.vi, "result": KPI_RESULTS.get(k.number, (None, None))[0],
                  "status": KPI_RESULTS.get(k.number, (None, None))[1]} for k in schema.KPIS],
        "report": ReportTexts(texts=dict(REPORT_TEXTS), facts=dict(REPORT_FACTS), recipients=list(RECIPIENTS)),
    }
    return unit, groups


def level_weight_for_need(p: dict) -> float:
    """Hardship gifts go mostly to staff on the lower pay scales, often at commune stations."""
    need = {"untrained": 1.2, "vocational": 0.9, "college": 0.5, "university": 0.2, "postgraduate": -5}
    return need[p["professional_level"]] + (0.4 if p["kind"] == "station" else 0) - (5 if p["kind"] == "lead" else 0)


_MET, _NOT_MET = schema.KPI_STATUS.label("met"), schema.KPI_STATUS.label("not_met")
KPI_RESULTS = {  # seed §II.1; (1), (8) and (10) are left for the tool to compute
    2: ("Trong năm thực hiện kiểm tra tài chính đồng cấp 01 cuộc, kiểm tra toàn diện 01 cuộc", _MET),
    3: ("100% các báo cáo gửi về CĐN Y tế đảm bảo đúng thời gian quy định", _MET),
    4: ("Đặt báo Lao Động hàng ngày 02 số", _MET),
    5: ("01 bài trên cổng thông tin điện tử LĐLĐ tỉnh, 02 bài trên trang thông tin điện tử Sở Y tế", _MET),
    6: ("01 video “Tổ chức các hoạt động chào mừng sinh nhật Bác” trên cổng thông tin điện tử LĐLĐ tỉnh", _MET),
    7: ("Phối hợp tổ chức hội nghị CBVCNLĐ đầu năm", _MET),
    9: ("Không có", _NOT_MET),
    11: ("CĐCS đạt hoàn thành tốt nhiệm vụ", _MET),
}


def declare(group: dict) -> dict:
    """The officer's own totals: counted from the rows as typed."""
    genders = [m["gender"] for m in group["members"]]
    money = lambda rows, keys: sum(r[k] for r in rows for k in keys if isinstance(r[k], int))  # noqa: E731
    return {
        "declared_members": len(genders),
        "declared_male": genders.count(schema.GENDER.label("male")),
        "declared_female": genders.count(schema.GENDER.label("female")),
        "declared_travel_total": money(group["travel_fund"], schema.MONTHS),
        "declared_mutual_total": money(group["mutual_fund"], schema.QUARTERS),
        "declared_loans_count": len(group["loans"]),
        "declared_loans_amount": money(group["loans"], ["amount"]),
    }


# ------------------------------------------------------------------ the flawed copy

SHEETS = {s.key: s for s in schema.GROUP_SHEETS}
INFO_KEYS = [f.key for f in schema.GROUP_INFO.fields]
VISIT_LABELS = {schema.WELFARE_KIND.label(k) for k in schema.VISIT_WELFARE}
LABEL = {"tet": schema.WELFARE_KIND.label("tet_gift"), "doctors": schema.WELFARE_KIND.label("doctors_day"),
         "male": schema.GENDER.label("male"), "female": schema.GENDER.label("female")}


class Planted:
    """The mistakes planted in the flawed copy and the findings each must produce.

    A finding's place is kept as the row object itself and turned into a cell
    only at the end, because later mutations add and remove rows.
    """

    def __init__(self, groups: dict[str, dict]):
        self.groups = groups
        self.items: list[dict] = []

    def add(self, group: str, what: str, *findings: tuple, consequence: str = "") -> None:
        self.items.append({"group": group, "what": what, "findings": findings, "consequence": consequence})

    def rows(self) -> list[dict]:
        """One row per expected finding: code, file, sheet, cell, group, what, consequence."""
        return [{"code": code, **self.place(item["group"], place), "group": item["group"],
                 "what": item["what"] if i == 0 else "↳ hệ quả của lỗi trên [consequence of the mistake above]",
                 "consequence": item["consequence"] if i == 0 else ""}
                for item in self.items for i, (code, place) in enumerate(item["findings"])]

    def place(self, group: str, place) -> dict:
        """Where a finding must point. `place` is one of:
        ("file", name)             a whole file that is not a group workbook
        ("info_of", name, key)     a value of the info sheet of another file, e.g. a copy
        "field_key"                a value of the group's info sheet (column B)
        ("unit", group_code)       the group's row in the unit workbook's list
        (sheet_key, row, column)   a cell of one of the group's table sheets
        """
        if place[0] == "file":
            return {"file": place[1], "sheet": "", "cell": ""}
        if place[0] == "info_of":
            row = schema.FIELD_FIRST_ROW + INFO_KEYS.index(place[2])
            return {"file": place[1], "sheet": schema.GROUP_INFO.vi, "cell": f"B{row}"}
        if place[0] == "unit":
            row = schema.HEADER_ROW + 1 + list(self.groups).index(place[1])
            col = column_letter(schema.UNIT_GROUPS.keys.index("group_code"))
            return {"file": UNIT_FILE, "sheet": schema.UNIT_GROUPS.vi, "cell": f"{col}{row}"}
        data = self.groups[group]
        if isinstance(place, str):
            row = schema.FIELD_FIRST_ROW + INFO_KEYS.index(place)
            return {"file": data["file"], "sheet": schema.GROUP_INFO.vi, "cell": f"B{row}"}
        sheet_key, row_obj, column = place
        index = next(i for i, r in enumerate(data[sheet_key]) if r is row_obj)
        col = column_letter(SHEETS[sheet_key].keys.index(column))
        return {"file": data["file"], "sheet": SHEETS[sheet_key].vi, "cell": f"{col}{schema.HEADER_ROW + 1 + index}"}


def plain_members(group: dict) -> list[dict]:
    """Members with no special role, so a mistake planted on one touches nothing else."""
    info, busy = group["info"], set()
    busy |= {info["leader"], info["prepared_by"]}
    busy |= {r["full_name"] for r in group["loans"]}
    busy |= {r["full_name"] for r in group["welfare"] if r["kind"] not in (LABEL["tet"], LABEL["doctors"])}
    busy |= {r["full_name"] for r in group["mutual_fund"] if r["note"]}
    busy |= {r["full_name"] for r in group["travel_fund"] if r["trip_support"]}
    return [m for m in group["members"] if m["full_name"] not in busy and not m["note"]]


def recode(group: dict, old: str, new: str) -> None:
    """The officer typed a wrong CCCD once and copied it to every sheet."""
    for key in SHEETS:
        for row in group[key]:
            if row.get("cccd") == old:
                row["cccd"] = new


def row_of(group: dict, sheet: str, member: dict, kind: str | None = None) -> dict:
    return next(r for r in group[sheet] if r["full_name"] == member["full_name"]
                and (kind is None or r["kind"] == kind))


def plant(groups: dict[str, dict]) -> tuple[Planted, dict]:
    """Apply the row-level mistakes in place; return them and the file-level plans."""
    P, g = Planted(groups), groups
    used = {r["cccd"] for grp in groups.values() for r in grp["members"]}
    g["T33"] = t33_group()  # a group from outside the unit list sends a workbook
    assert not used & {r["cccd"] for r in g["T33"]["members"]}

    m = plain_members(g["T05"])[0]
    m["cccd"] = int(m["cccd"])
    P.add("T05", "CCCD gõ vào ô dạng số nên mất số 0 ở đầu (11 chữ số) [CCCD typed as a number]",
          ("cccd-lost-zero", ("members", m, "cccd")))

    w = next(r for r in g["T06"]["welfare"] if r["kind"] in VISIT_LABELS)
    w["cccd"] = w["cccd"][:5] + w["cccd"][6:]
    P.add("T06", "CCCD người nhận tiền thăm hỏi chỉ có 11 chữ số (gõ thiếu) [11-digit CCCD as text]",
          ("cccd-length", ("welfare", w, "cccd")), ("member-linked-by-name", ("welfare", w, "cccd")),
          consequence="CCCD sai nhưng họ tên khớp đúng một đoàn viên: dòng vẫn được tính, member-linked-by-name "
                      "ở cùng ô nói đã ghép theo họ tên")

    m = next(m for m in plain_members(g["T07"]) if m["gender"] == LABEL["female"])
    new = m["cccd"][:3] + str(int(m["cccd"][3]) - 1) + m["cccd"][4:]  # the male digit of her century
    assert new not in used
    recode(g["T07"], m["cccd"], new)
    P.add("T07", "Chữ số thứ 4 của CCCD là của nam, đoàn viên là nữ [4th digit says male]",
          ("cccd-gender-century", ("members", m, "cccd")))

    m = plain_members(g["T08"])[0]
    new = m["cccd"][:4] + f"{(int(m['cccd'][4:6]) + 1) % 100:02d}" + m["cccd"][6:]
    assert new not in used
    recode(g["T08"], m["cccd"], new)
    P.add("T08", "Chữ số 5–6 của CCCD lệch năm sinh 1 năm [digits 5-6 disagree with birth year]",
          ("cccd-birth-year", ("members", m, "cccd")))

    m = plain_members(g["T09"])[0]
    new = "021" + m["cccd"][3:]
    recode(g["T09"], m["cccd"], new)
    P.add("T09", "Mã tỉnh 021 (gõ đảo của 012) không tồn tại [unknown province code]",
          ("cccd-province", ("members", m, "cccd")))

    m = plain_members(g["T10"])[0]
    dup = dict(m, stt=len(g["T10"]["members"]) + 1)
    g["T10"]["members"].append(dup)
    g["T10"]["info"]["declared_members"] += 1
    g["T10"]["info"]["declared_" + ("male" if m["gender"] == LABEL["male"] else "female")] += 1
    P.add("T10", "Một đoàn viên bị chép thêm một dòng ở cuối danh sách (tổ khai cả dòng thừa) [member listed twice]",
          ("cccd-duplicate", ("members", dup, "cccd")),
          consequence="Bản merge hiện tại còn báo dòng thừa thiếu quỹ/quà (member-no-contribution, welfare-missing "
                      "ở cột B) — trùng ý với cccd-duplicate, chưa đưa vào danh sách")

    y = plain_members(g["T11"])[0]
    x = next(m for m in plain_members(g["T12"]) if m["gender"] == y["gender"])
    x["birth_date"] = x["birth_date"].replace(year=y["birth_date"].year, day=min(x["birth_date"].day, 28))
    recode(g["T12"], x["cccd"], y["cccd"])
    P.add("T12", f"CCCD của {x['full_name']} gõ nhầm thành CCCD của {y['full_name']} (tổ T11) "
          "[same CCCD in two groups]", ("cccd-duplicate-groups", ("members", x, "cccd")),
          consequence="Có thể báo thêm ở tệp T11 (may also be reported at T11's row)")

    m = plain_members(g["T13"])[0]
    m["birth_date"] = None
    P.add("T13", "Bỏ trống ngày sinh [birth date left empty]", ("cell-required", ("members", m, "birth_date")),
          consequence="Dòng đoàn viên bị loại; số khai đối chiếu với mọi dòng đã ghi nên không báo "
                      "declared-total")

    m = plain_members(g["T14"])[0]
    r = row_of(g["T14"], "travel_fund", m)
    r["m06"] = "ba mươi nghìn"
    P.add("T14", "Số tiền tháng 6 gõ bằng chữ 'ba mươi nghìn' [text in an amount]",
          ("cell-type", ("travel_fund", r, "m06")),
          consequence="Dòng bị loại; không báo thêm member-no-contribution vì đoàn viên có dòng (bị loại)")

    r = row_of(g["T15"], "travel_fund", plain_members(g["T15"])[0])
    r["m05"] = "30.000"
    P.add("T15", "Số tiền tháng 5 gõ dạng chữ '30.000' (vẫn được tính) [amount typed as text]",
          ("amount-as-text", ("travel_fund", r, "m05")))

    m = next(m for m in plain_members(g["T16"]) if m["professional_level"] == "Đại học")
    m["professional_level"] = "Dai hoc"
    P.add("T16", "Trình độ chuyên môn gõ không dấu 'Dai hoc' [missing diacritics]",
          ("cell-choice-normalised", ("members", m, "professional_level")))

    m = next(m for m in plain_members(g["T17"]) if m["gender"] == LABEL["female"])
    m["gender"] = "Khác"
    P.add("T17", "Giới tính ghi 'Khác', không có trong danh sách [value outside its list]",
          ("cell-choice", ("members", m, "gender")), consequence="Dòng đoàn viên bị loại")

    r = g["T18"]["loans"][0]
    r["loan_date"] = "31/06/2024"
    P.add("T18", "Ngày vay gõ dạng chữ '31/06/2024' — ngày không có thật [impossible date]",
          ("cell-type", ("loans", r, "loan_date")), consequence="Khoản vay bị loại")

    r = row_of(g["T19"], "mutual_fund", plain_members(g["T19"])[0])
    r["total"] = 600_000
    P.add("T19", "Ô Cộng ghi 600.000 trong khi 4 quý cộng 800.000 [row total ≠ its quarters]",
          ("row-total", ("mutual_fund", r, "total")))

    g["T20"]["info"]["declared_travel_total"] -= 360_000
    P.add("T20", "Tổng thu quỹ du lịch khai thiếu 360.000 (quên một người) [declared total ≠ rows]",
          ("declared-total", "declared_travel_total"))

    r = g["T21"]["loans"][0]
    r.update(amount=15_000_000, outstanding=15_000_000 - r["repaid"])
    g["T21"]["info"]["declared_loans_amount"] += 5_000_000
    P.add("T21", "Khoản vay 15.000.000 vượt mức 10.000.000/xuất [loan above the cap]",
          ("loan-cap", ("loans", r, "amount")))

    wife = next(m for m in g["T22"]["members"] if m["gender"] == LABEL["female"])
    outsider = {"stt": len(g["T22"]["loans"]) + 1, "full_name": "Lò Văn Pọm", "cccd": "012088" + "417352",
                "loan_date": D(2024, 5, 14), "amount": 10_000_000, "term_months": 12, "repaid": 5_838_000,
                "outstanding": 4_162_000, "purpose": "Mua máy cày", "note": f"Chồng đoàn viên {wife['full_name']}"}
    assert outsider["cccd"] not in used
    g["T22"]["loans"].append(outsider)
    g["T22"]["info"]["declared_loans_count"] += 1
    g["T22"]["info"]["declared_loans_amount"] += 10_000_000
    P.add("T22", "Cho chồng của một đoàn viên (không phải đoàn viên) vay [loan to a non-member]",
          ("loan-non-member", ("loans", outsider, "cccd")))

    r = g["T23"]["loans"][0]
    r.update(repaid=12_000_000, outstanding=None)
    P.add("T23", "Đã trả 12.000.000 nhiều hơn số vay 10.000.000, bỏ trống Còn nợ [repaid > lent]",
          ("loan-overpaid", ("loans", r, "repaid")))

    tet = row_of(g["T24"], "welfare", plain_members(g["T24"])[0], LABEL["tet"])
    again = dict(tet, stt=len(g["T24"]["welfare"]) + 1)
    g["T24"]["welfare"].append(again)
    P.add("T24", "Quà Tết chi hai lần cho một đoàn viên (thêm dòng ở cuối) [Tết gift paid twice]",
          ("welfare-duplicate", ("welfare", again, "kind")))

    m = plain_members(g["T25"])[0]
    g["T25"]["welfare"].remove(row_of(g["T25"], "welfare", m, LABEL["doctors"]))
    P.add("T25", "Xóa dòng chi Ngày Thầy thuốc 27/2 của một đoàn viên [no Doctors' Day row]",
          ("welfare-missing", ("members", m, "full_name")))

    r = g["T26"]["loans"][0]
    r["outstanding"] += 1_000_000
    P.add("T26", "Còn nợ lớn hơn số vay trừ đã trả 1.000.000 [outstanding ≠ amount − repaid]",
          ("loan-outstanding", ("loans", r, "outstanding")))

    r = next(r for r in g["T27"]["travel_fund"] if r["trip_support"])
    r["trip_support"] = 500_000
    P.add("T27", "Hỗ trợ du lịch 500.000, định mức 1.000.000 [trip support off the rate]",
          ("trip-support-rate", ("travel_fund", r, "trip_support")))

    r = row_of(g["T28"], "welfare", plain_members(g["T28"])[0], LABEL["tet"])
    r["amount"] = 100_000
    P.add("T28", "Quà Tết 100.000, định mức 200.000 [Tết gift off the rate]",
          ("welfare-rate", ("welfare", r, "amount")))

    for grp in groups.values():  # keep STT tidy after rows were added or removed
        for key in ("loans", "welfare"):
            for i, row in enumerate(grp[key], 1):
                row["stt"] = i

    # File-level mistakes: each in a file that carries no row-level mistake.
    lock = f"~${g['T03']['file']}"
    copy_name = g["T30"]["file"].replace(".xlsx", " (1).xlsx")
    files = {"wrong_year": "T29", "version": "T32", "copy": copy_name, "missing": "T31", "lock": lock}
    P.add("T29", "Tệp ghi năm báo cáo 2023 (gửi nhầm tệp năm trước) [wrong year]", ("file-year", "year"),
          ("group-missing", ("unit", "T29")), consequence="Tệp bị loại nên tổ T29 coi như chưa gửi")
    P.add("T32", "Phiên bản mẫu sửa thành 0.9 [old template version]", ("file-version", "template_version"),
          ("group-missing", ("unit", "T32")), consequence="Tệp bị loại nên tổ T32 coi như chưa gửi")
    P.add("T30", f"Hai tệp giống hệt nhau của tổ T30: tệp gốc và bản tải lại '{copy_name}' [two files, one group]",
          ("group-duplicate-file", ("info_of", copy_name, "group_code")),
          consequence="Bản merge giữ tệp gốc và báo bản sao '(1)' [the original is kept, the copy reported]")
    P.add("T31", "Xóa tệp của tổ T31 (tổ chưa gửi) [expected group sent nothing]", ("group-missing", ("unit", "T31")))
    P.add("T33", "Tệp của Tổ công đoàn Bảo hiểm xã hội huyện (mã T33) không có trong danh sách tổ "
          "[unknown group code]", ("group-unknown", "group_code"))
    P.add("", "Tệp khóa của Excel (vài byte rác) [Excel lock file]", ("file-skipped", ("file", lock)))
    P.add("", "Tệp ghi chú .txt, không phải sổ tính [not a workbook]", ("file-skipped", ("file", NOTE_FILE)))
    P.add("", "Sổ tính Excel không phải biểu mẫu unionxl (bảng chấm công) [not a unionxl workbook]",
          ("file-not-unionxl", ("file", TIMESHEET_FILE)))
    return P, files


NOTE_FILE, TIMESHEET_FILE = "ghi-chu.txt", "bang-cham-cong-thang-12.xlsx"


def t33_group() -> dict:
    """A group of the district social-insurance office, which joins the sports days but is not a unit group."""
    rng = random.Random(33)
    members = build_members(rng)["T21"][:5]  # reuse the machinery; names and CCCDs are drawn afresh
    used = set()
    for p in members:
        p["cccd"] = make_cccd(random.Random(p["full_name"]), p["gender"], p["birth_year"], used)
    group = {"code": "T33", "name": "Tổ công đoàn Bảo hiểm xã hội huyện", "members":
             [member_row(i, p) for i, p in enumerate(members, 1)], "loans": [], "welfare": [],
             "travel_fund": [{"stt": i, "full_name": p["full_name"], "cccd": p["cccd"],
                              **{m: 30_000 for m in schema.MONTHS}, "total": 360_000, "trip_support": None,
                              "note": None} for i, p in enumerate(members, 1)],
             "mutual_fund": [{"stt": i, "full_name": p["full_name"], "cccd": p["cccd"],
                              **{q: 200_000 for q in schema.QUARTERS}, "total": 800_000, "note": None}
                             for i, p in enumerate(members, 1)]}
    group["file"] = f"T33-{slug(group['name'])}.xlsx"
    group["info"] = {"leader": members[0]["full_name"], "prepared_by": members[0]["full_name"],
                     "prepared_date": D(2024, 12, 20), **declare(group)}
    return group


# ------------------------------------------------------------------ writing


def write_group(folder: Path, group: dict, year: int = YEAR, version: str | None = None) -> Path:
    from unionxl.template import write_group_workbook

    data = {k: group[k] for k in ("info", *SHEETS)}
    if version:
        data["info"] = {**data["info"], "template_version": version}
    return write_group_workbook(folder / group["file"], year=year, unit_name=UNIT["unit_name"],
                                group_code=group["code"], group_name=group["name"], data=data)


def write_clean(folder: Path, unit: dict, groups: dict[str, dict]) -> None:
    from unionxl.template import write_unit_workbook

    folder.mkdir(parents=True, exist_ok=True)
    write_unit_workbook(folder / UNIT_FILE, year=YEAR, unit_name=UNIT["unit_name"], data=unit)
    for group in groups.values():
        write_group(folder, group)


def write_flawed(folder: Path, unit: dict, groups: dict[str, dict]) -> Planted:
    from unionxl.template import write_unit_workbook

    folder.mkdir(parents=True, exist_ok=True)
    groups = copy.deepcopy(groups)
    planted, files = plant(groups)
    write_unit_workbook(folder / UNIT_FILE, year=YEAR, unit_name=UNIT["unit_name"], data=unit)
    for code, group in groups.items():
        if code != files["missing"]:
            year = YEAR - 1 if code == files["wrong_year"] else YEAR
            write_group(folder, group, year, version="0.9" if code == files["version"] else None)
    shutil.copyfile(folder / groups["T30"]["file"], folder / files["copy"])
    (folder / files["lock"]).write_bytes(b"\x0eNguyen Van A" + bytes(40))
    (folder / NOTE_FILE).write_text(
        "Ghi chú của kế toán: còn chờ tổ Trạm Y tế xã Tà Mung gửi biểu; tổ Trạm Y tế xã Tà Hừa gửi lại lần hai.\n",
        encoding="utf-8")
    write_not_unionxl(folder / TIMESHEET_FILE)
    write_findings(folder, planted, groups)
    return planted


def write_not_unionxl(path: Path) -> None:
    """A timesheet someone dropped in the folder: a real workbook, but not ours."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"created": dt.datetime(2024, 12, 20, 8, 0, 0), "author": "Phòng Tổ chức - Hành chính"})
    ws = wb.add_worksheet("Chấm công T12")
    ws.write_row(0, 0, ["STT", "Họ và tên", "Số ngày công", "Ghi chú"])
    for i, (name, days) in enumerate([("Nguyễn Thị Lan", 22), ("Lò Văn Thoan", 21), ("Giàng A Sử", 22)], 1):
        ws.write_row(i, 0, [i, name, days, ""])
    wb.close()


def arrears(groups: dict[str, dict]) -> list[dict]:
    """What the clean year must give: the 9 unpaid member-quarters, as notes where the row's Ghi chú
    gives the reason, as warnings where it does not."""
    out = []
    for code, group in groups.items():
        for i, row in enumerate(group["mutual_fund"]):
            for q in schema.QUARTERS:
                if row[q] is None:
                    cell = f"{column_letter(schema.MUTUAL_FUND.keys.index(q))}{schema.HEADER_ROW + 1 + i}"
                    found = "contribution-arrears-noted" if row.get("note") else "contribution-arrears"
                    out.append({"code": found, "file": group["file"], "sheet": schema.MUTUAL_FUND.vi,
                                "cell": cell, "group": code})
    return out


def write_csv(path: Path, rows: list[dict]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.DictWriter(f, ["code", "file", "sheet", "cell", "group"], extrasaction="ignore", lineterminator="\n")
        out.writeheader()
        out.writerows(rows)


def write_findings(folder: Path, planted: Planted, groups: dict[str, dict]) -> None:
    """README.md (people) and expected-findings.csv (scripts) of the flawed copy."""
    from unionxl.findings import CATALOGUE

    rows = planted.rows()
    docs = [{"code": "file-skipped", "file": name, "sheet": "", "cell": "", "group": ""}
            for name in ("README.md", "expected-findings.csv")]
    write_csv(folder / "expected-findings.csv", rows + arrears(groups) + docs)
    lines = [
        "# Năm 2024 có lỗi cài sẵn (2024 samples with planted mistakes)",
        "",
        "Bản sao của năm 2024 sạch (`../2024/`) do `samples/generate.py` tạo, trong đó cố ý cài "
        f"{len(planted.items)} lỗi, mỗi lỗi ở một chỗ khác nhau, để thấy các bước kiểm tra hoạt động "
        "(`unionxl validate samples/2024-loi` phải kết thúc với mã 1). Bảng dưới ghi từng lỗi: tệp, trang, ô, "
        "việc đã làm và mã phát hiện (finding code, xem `unionxl/findings.py`) phải báo. "
        "Lỗi cấp tệp chỉ cài vào tệp không có lỗi cấp dòng, vì tệp bị loại thì không ai thấy lỗi dòng của nó.",
        "",
        "| # | Tệp (file) | Trang (sheet) | Ô (cell) | Lỗi cài vào (what was done) | Mã (code) | Mức | Hệ quả (consequences) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for i, r in enumerate(rows, 1):
        lines.append(f"| {i} | `{r['file']}` | {r['sheet'] or '—'} | {r['cell'] or '—'} | {r['what']} | "
                     f"`{r['code']}` | {CATALOGUE[r['code']].severity.label('vi')} | {r['consequence']} |")
    lines += [
        "",
        "Ngoài ra (also expected, listed in `expected-findings.csv`):",
        "",
        "- 9 ghi chú `contribution-arrears-noted`: 9 quý chưa đóng quỹ tương hỗ, có sẵn trong năm sạch, lý do "
        "đã ghi ở cột Ghi chú "
        "(`../expected-findings-2024.csv`).",
        "- 2 ghi chú `file-skipped` cho chính `README.md` và `expected-findings.csv` trong thư mục này.",
        "",
        "Tạo lại (regenerate): `python samples/generate.py`.",
    ]
    (folder / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent,
                        help="folder to write 2024/ and 2024-loi/ into (default: samples/)")
    args = parser.parse_args(argv)
    unit, groups = build_year()
    for sub in ("2024", "2024-loi"):
        shutil.rmtree(args.out / sub, ignore_errors=True)
    write_clean(args.out / "2024", unit, groups)
    write_csv(args.out / "expected-findings-2024.csv", arrears(groups))
    planted = write_flawed(args.out / "2024-loi", unit, groups)
    print(f"{args.out / '2024'}: {len(groups)} groups, {sum(len(g['members']) for g in groups.values())} members")
    print(f"{args.out / '2024-loi'}: {len(planted.items)} planted mistakes")


if __name__ == "__main__":
    main()
