"""Small, clean, self-consistent workbooks for tests, written with the real template writer.

A test takes `clean_group()`, breaks one thing, writes the folder and asserts
the finding's code and cell. Cell addresses in tests are literal on purpose:
they are what an officer sees in Excel.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

from unionxl import schema
from unionxl.report_texts import ReportTexts, written_sections
from unionxl.template import write_group_workbook, write_unit_workbook

YEAR = 2024
UNIT_NAME = "Công đoàn cơ sở Thử nghiệm"

PEOPLE = [  # name, gender, birth, cccd (Lai Châu 012, digit 4 = gender/century, 5-6 = birth year)
    ("Lò Văn Inh", "Nam", dt.date(1985, 3, 12), "012085001234"),
    ("Nguyễn Thị Hoa", "Nữ", dt.date(1990, 7, 1), "012190004321"),
    ("Giàng A Sử", "Nam", dt.date(2001, 1, 20), "012201007777"),
]


def _member(i: int, name, gender, birth, cccd) -> dict:
    return {
        "stt": i + 1, "full_name": name, "gender": gender, "birth_date": birth, "cccd": cccd,
        "party_member": "Có" if i == 0 else "Không", "general_education": "THPT",
        "professional_level": "Đại học", "political_theory": "Sơ cấp" if i == 0 else None,
        "studying_political": None, "join_date": dt.date(2015, 5, 1), "software_recorded": "Có",
        "social_fund": "Có", "note": None,
    }


def clean_group(code: str = "T01", people=PEOPLE, offset: int = 0) -> dict:
    people = [(n, g, b, c[:-4] + f"{(int(c[-4:]) + offset) % 10000:04d}") for n, g, b, c in people]
    members = [_member(i, *p) for i, p in enumerate(people)]
    travel = [{"stt": i + 1, "full_name": m["full_name"], "cccd": m["cccd"],
               **{k: 30_000 for k in schema.MONTHS}, "total": 360_000, "trip_support": None}
              for i, m in enumerate(members)]
    mutual = [{"stt": i + 1, "full_name": m["full_name"], "cccd": m["cccd"],
               **{k: 200_000 for k in schema.QUARTERS}, "total": 800_000}
              for i, m in enumerate(members)]
    loans = [{"stt": 1, "full_name": members[0]["full_name"], "cccd": members[0]["cccd"],
              "loan_date": dt.date(2024, 3, 1), "amount": 10_000_000, "term_months": 12,
              "repaid": 4_000_000, "outstanding": 6_000_000, "purpose": "Sửa nhà"}]
    welfare = []
    for m in members:
        welfare.append({"date": dt.date(2024, 2, 5), "kind": "Quà Tết", "full_name": m["full_name"],
                        "cccd": m["cccd"], "amount": 200_000, "source": "CĐCS"})
        welfare.append({"date": dt.date(2024, 2, 27), "kind": "Ngày Thầy thuốc 27/2", "full_name": m["full_name"],
                        "cccd": m["cccd"], "amount": 150_000, "source": "CĐCS"})
    welfare.append({"date": dt.date(2024, 3, 8), "kind": "Quốc tế Phụ nữ 8/3", "full_name": f"Tổ {code}",
                    "cccd": None, "amount": 500_000, "source": "CĐCS"})
    for i, w in enumerate(welfare, 1):
        w["stt"] = i
    info = {
        "leader": members[0]["full_name"], "prepared_by": members[1]["full_name"],
        "prepared_date": dt.date(2024, 12, 20),
        "declared_members": len(members),
        "declared_male": sum(m["gender"] == "Nam" for m in members),
        "declared_female": sum(m["gender"] == "Nữ" for m in members),
        "declared_travel_total": 360_000 * len(members),
        "declared_mutual_total": 800_000 * len(members),
        "declared_loans_count": 1, "declared_loans_amount": 10_000_000,
    }
    return {"code": code, "name": f"Tổ thử {code}", "year": YEAR,
            "data": {"info": info, "members": members, "travel_fund": travel, "mutual_fund": mutual,
                     "loans": loans, "welfare": welfare}}


def unit_data(codes, opening: int = 50_000_000) -> dict:
    return {
        "unit_info": {"year": YEAR, "unit_name": UNIT_NAME, "superior_name": "Công đoàn ngành Y tế Thử",
                      "place": "Than Uyên", "chair_name": "Đinh Văn Chủ", "mutual_opening_balance": opening},
        "groups": [{"stt": i + 1, "group_code": c, "group_name": f"Tổ thử {c}"} for i, c in enumerate(codes)],
        "report": complete_texts(),
    }


def complete_texts() -> ReportTexts:
    """A short text for every section the committee writes, and its figures: a unit workbook with
    nothing left to write, so a clean folder gives no report findings."""
    return ReportTexts(texts={s.key: f"- Nội dung thử của mục {s.number}." for s in written_sections()},
                       facts={"labour_accidents": 0, "occupational_disease": 0, "contest_prize": "merit"})


def write_folder(folder: Path, groups: list[dict], unit: dict | None = None, unit_codes=None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    codes = unit_codes if unit_codes is not None else [g["code"] for g in groups]
    write_unit_workbook(folder / "don-vi.xlsx", year=YEAR, unit_name=UNIT_NAME,
                        data=unit if unit is not None else unit_data(codes))
    for g in groups:
        write_group_workbook(folder / f"{g['code']}.xlsx", year=g["year"], unit_name=UNIT_NAME,
                             group_code=g["code"], group_name=g["name"], data=g["data"])
    return folder


def two_groups() -> list[dict]:
    return [clean_group("T01"), clean_group("T02", offset=50)]


def copy_of(group: dict) -> dict:
    return copy.deepcopy(group)
