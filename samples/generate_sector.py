"""Generate last year and the sector: samples/2023, samples/tong-hop and samples/nganh-2024.

    python samples/generate_sector.py            # rewrites them under samples/
    python samples/generate_sector.py --out DIR  # writes them under DIR instead

- samples/2023/: the 2023 year of CĐCS Trung tâm Y tế Than Uyên, consistent with
  samples/2024: the same 32 groups and people (everyone listed in 2024 joined
  the union before 2024), plus five members who left at the end of 2023 (two
  retirements, two transfers, one resignation); three 2024 party members were
  admitted in 2024, two members finished a university degree in 2024 and two
  finished intermediate political theory. The mutual-aid fund closes 2023 at
  exactly the 243.150.000đ that 2024 opens with.
- samples/tong-hop/tong-hop-2023.xlsx: that year merged, the `--previous` of 2024.
- samples/nganh-2024/: two more CĐCS of the Lai Châu health sector for 2024
  (Trung tâm Y tế huyện Tam Đường, Bệnh viện Đa khoa tỉnh Lai Châu) as unit and
  group workbooks, and in tong-hop/ the consolidated workbook of each of the
  three CĐCS (Than Uyên's merged from samples/2024), ready for `unionxl rollup`.
  One member is listed by two CĐCS: Than Uyên's member whose CCCD the national
  software reports as duplicated (samples/2024, T26) transferred to Tam Đường in
  January 2024 and Than Uyên never removed her, so the roll-up must report
  `cccd-duplicate-units` at her row in Than Uyên's workbook, naming Tam Đường.
  The member who transferred from Than Uyên to the provincial hospital at the
  end of 2023 is on the hospital's 2024 list (and not on Than Uyên's).

samples/2024 and samples/2024-loi are generate.py's and are only read here.
Everything is seeded, so a run gives the same files every time.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import random
import shutil
from pathlib import Path

import generate as g24  # samples/generate.py: the 2024 year, names, CCCDs, row shapes

from unionxl import schema
from unionxl.merge import merge_folder
from unionxl.report_texts import ReportTexts
from unionxl.template import write_group_workbook, write_unit_workbook
from unionxl.writers.workbook import write_consolidated

D = dt.date
HERE = Path(__file__).resolve().parent
SECTOR = "Công đoàn ngành Y tế Lai Châu"  # as every CĐCS names its superior union
CLOSING_2023 = g24.UNIT["mutual_opening_balance"]  # 243.150.000đ: 2023 closes with what 2024 opens with
POLICY = schema.POLICY_DEFAULTS
LABEL = {"yes": schema.YES_NO.label("yes"), "no": schema.YES_NO.label("no")}

# Who left Than Uyên at the end of 2023: group, gender, birth year, level, party, note.
LEAVERS_2023 = [
    ("T08", "male", 1963, "university", True, "Nghỉ hưu từ 01/01/2024"),
    ("T13", "female", 1968, "vocational", False, "Nghỉ hưu từ 01/12/2023"),
    ("T07", "female", 1990, "university", True, "Chuyển công tác về Bệnh viện Đa khoa tỉnh từ 01/01/2024"),
    ("T22", "male", 1992, "college", False, "Chuyển công tác về Trung tâm Y tế huyện Tân Uyên từ 01/01/2024"),
    ("T14", "female", 1996, "college", False, "Thôi việc từ 31/12/2023"),
]
TRANSFER_TO_HOSPITAL = 2  # index in LEAVERS_2023

UNITS_2024 = [
    {
        "slug": "ttyt-tam-duong", "seed": 2402, "opening": 96_400_000, "place": "Tam Đường",
        "facts": {"labour_accidents": 0, "occupational_disease": 0},
        "name": "Công đoàn cơ sở Trung tâm Y tế huyện Tam Đường", "loans": 6, "trip": 14, "hardship": 9,
        "visits": 7, "new_members": 2,
        "groups": [
            ("T01", "Ban Giám đốc - Phòng Tổ chức - Hành chính", 8, "admin"),
            ("T02", "Phòng Kế hoạch - Nghiệp vụ - Tài chính", 6, "office"),
            ("T03", "Khoa Khám bệnh - Hồi sức cấp cứu", 10, "clinical"),
            ("T04", "Khoa Nội - Nhi - Truyền nhiễm", 9, "clinical"),
            ("T05", "Khoa Ngoại - Sản - Liên chuyên khoa", 8, "clinical"),
            ("T06", "Khoa Xét nghiệm - CĐHA - Dược", 7, "support"),
            ("T07", "Khoa Kiểm soát bệnh tật - Y tế công cộng", 6, "support"),
            ("T08", "Trạm Y tế xã Bình Lư", 5, "station"),
            ("T09", "Trạm Y tế xã Bản Bo", 5, "station"),
        ],
    },
    {
        "slug": "bvdk-tinh-lai-chau", "seed": 2403, "opening": 152_700_000, "place": "Lai Châu",
        "facts": {"labour_accidents": 1, "occupational_disease": 0},  # a needle-stick injury in the year
        "name": "Công đoàn cơ sở Bệnh viện Đa khoa tỉnh Lai Châu", "loans": 11, "trip": 30, "hardship": 12,
        "visits": 12, "new_members": 0,
        "groups": [
            ("T01", "Ban Giám đốc", 5, "lead"),
            ("T02", "Phòng Tổ chức cán bộ - Hành chính quản trị", 14, "admin"),
            ("T03", "Phòng Kế hoạch tổng hợp - Điều dưỡng", 10, "office"),
            ("T04", "Phòng Tài chính kế toán", 8, "office"),
            ("T05", "Khoa Khám bệnh", 16, "clinical"),
            ("T06", "Khoa Hồi sức tích cực - Chống độc", 14, "clinical"),
            ("T07", "Khoa Nội tổng hợp", 15, "clinical"),
            ("T08", "Khoa Ngoại tổng hợp", 15, "clinical"),
            ("T09", "Khoa Sản", 12, "clinical"),
            ("T10", "Khoa Xét nghiệm - Chẩn đoán hình ảnh", 11, "support"),
        ],
    },
]
TRANSFERRED_GROUP = ("ttyt-tam-duong", "T09")  # where Than Uyên's blocked member is also listed
HOSPITAL_GROUP = ("bvdk-tinh-lai-chau", "T06")  # where the 2023 transfer from Than Uyên now works

# How a department's staff usually look: share of men, weights of the professional levels.
MALE_SHARE = {"lead": 0.6, "admin": 0.45, "office": 0.25, "clinical": 0.3, "support": 0.3, "station": 0.35}
LEVEL_WEIGHTS = {  # postgraduate, university, college, vocational, untrained
    "lead": (6, 4, 0, 0, 0), "admin": (0, 5, 2, 2, 3), "office": (0, 7, 2, 1, 0),
    "clinical": (1, 5, 3, 3, 0.3), "support": (0.5, 5, 3, 3, 0.5), "station": (0, 3, 2, 6, 0),
}
LEVELS = [key for key, _ in g24.LEVELS]


# ------------------------------------------------------------------ one year's sheets


def fill_year(groups: dict[str, dict], year: int, rng: random.Random, *, loans: int, trip: int, hardship: int,
              visits: int, tet: D, doctors: D, womens: D, farewell: dict[str, tuple[D, str]] | None = None) -> None:
    """Travel, mutual-aid, loans and welfare sheets and the declared totals, from each group's members.

    Everyone pays every month and quarter from the one they joined in; gifts go to everyone listed.
    """
    farewell = farewell or {}
    everyone = [(code, m) for code, g in groups.items() for m in g["members"]]
    on_trip = {id(m) for _, m in rng.sample(everyone, trip)}
    borrowers = {id(m) for _, m in rng.sample(everyone, loans)}
    needy = rng.sample(everyone, hardship)
    needy_source = {id(m): ("sector" if i % 4 else "unit") for i, (_, m) in enumerate(needy)}
    visit_of = {id(m): rng.choice(g24.VISITS) for _, m in rng.sample(everyone, visits)}
    for code, group in groups.items():
        travel, mutual, loan_rows, welfare = [], [], [], []
        for i, m in enumerate(group["members"], 1):
            joined = m["join_date"]
            first_month = joined.month if joined.year == year else 1
            months = {mm: (POLICY["travel_monthly"] if n >= first_month else None)
                      for n, mm in enumerate(schema.MONTHS, 1)}
            travel.append({"stt": i, "full_name": m["full_name"], "cccd": m["cccd"], **months,
                           "total": sum(v or 0 for v in months.values()),
                           "trip_support": POLICY["trip_support"] if id(m) in on_trip else None, "note": None})
            first_quarter = (first_month - 1) // 3 + 1
            quarters = {q: (POLICY["mutual_quarterly"] if n >= first_quarter else None)
                        for n, q in enumerate(schema.QUARTERS, 1)}
            mutual.append({"stt": i, "full_name": m["full_name"], "cccd": m["cccd"], **quarters,
                           "total": sum(v or 0 for v in quarters.values()), "note": None})
            if id(m) in borrowers:
                date = g24.random_date(rng, year, last=D(year, 10, 31))
                term = rng.choice([12, 24])
                repaid = int(min(POLICY["loan_cap"], (12 - date.month) * round(POLICY["loan_cap"] / term, -3)))
                loan_rows.append({"full_name": m["full_name"], "cccd": m["cccd"], "loan_date": date,
                                  "amount": POLICY["loan_cap"], "term_months": term, "repaid": repaid,
                                  "outstanding": POLICY["loan_cap"] - repaid,
                                  "purpose": rng.choice(g24.LOAN_PURPOSES), "note": None})

        def pay(date, kind, who, amount, source="unit", note=None):
            name, cccd = (who["full_name"], who["cccd"]) if isinstance(who, dict) else (who, None)
            welfare.append({"date": date, "kind": schema.WELFARE_KIND.label(kind), "full_name": name, "cccd": cccd,
                            "amount": amount, "source": schema.WELFARE_SOURCE.label(source), "note": note})

        for m in group["members"]:
            if id(m) in needy_source:
                pay(tet - dt.timedelta(days=3), "hardship_gift", m, POLICY["hardship_gift"], needy_source[id(m)])
        for m in group["members"]:
            pay(tet, "tet_gift", m, POLICY["tet_gift"])
        for m in group["members"]:
            pay(doctors, "doctors_day", m, POLICY["doctors_day"])
        pay(womens, "womens_day", group["name"], POLICY["womens_day"], note="Quà của tổ")
        for m in group["members"]:
            if id(m) in visit_of:
                kind = visit_of[id(m)]
                pay(g24.random_date(rng, year, D(year, 3, 15), D(year, 12, 10)), kind, m, g24.VISIT_AMOUNT[kind],
                    note=rng.choice(g24.VISIT_NOTE[kind]))
            if m["full_name"] in farewell:
                date, note = farewell[m["full_name"]]
                pay(date, "farewell", m, g24.VISIT_AMOUNT["farewell"], note=note)
        loan_rows.sort(key=lambda r: r["loan_date"])
        welfare.sort(key=lambda r: r["date"])
        for rows in (loan_rows, welfare):
            for i, row in enumerate(rows, 1):
                row["stt"] = i
        group.update(travel_fund=travel, mutual_fund=mutual, loans=loan_rows, welfare=welfare)
        group["info"].update(g24.declare(group))


def fund_totals(groups: dict[str, dict]) -> tuple[int, int, int]:
    """(collected, lent, repaid) of the mutual-aid fund."""
    collected = sum(r[q] or 0 for g in groups.values() for r in g["mutual_fund"] for q in schema.QUARTERS)
    lent = sum(r["amount"] for g in groups.values() for r in g["loans"])
    repaid = sum(r["repaid"] for g in groups.values() for r in g["loans"])
    return collected, lent, repaid


# ------------------------------------------------------------------ Than Uyên 2023


def person(rng: random.Random, kind: str, gender: str, birth_year: int, level: str, party: bool,
           used_names: set[str], used_cccd: set[str], join_by: int) -> dict:
    """A member row (labels, as the officer types them) for a new person."""
    p = {"full_name": g24.make_name(rng, kind, gender, used_names), "gender": gender,
         "birth_date": g24.random_date(rng, birth_year), "cccd": g24.make_cccd(rng, gender, birth_year, used_cccd),
         "party_member": party, "professional_level": level,
         "political_theory": ("elementary" if party and rng.random() < 0.5 else None), "studying_political": None,
         "join_date": g24.random_date(rng, min(birth_year + rng.randint(22, 27), join_by)),
         "software_recorded": True}
    return g24.member_row(0, p)


def build_2023() -> tuple[dict, dict[str, dict], dict]:
    """Than Uyên's 2023 unit data and groups, and the member who moved to the provincial hospital."""
    unit24, groups24 = g24.build_year()
    rng = random.Random(2023)
    groups = {code: {"code": code, "name": g["name"], "file": g["file"],
                     "info": {k: g["info"][k] for k in ("leader", "prepared_by")},
                     "members": copy.deepcopy(g["members"])} for code, g in groups24.items()}
    used_names = {m["full_name"] for g in groups.values() for m in g["members"]}
    used_cccd = {m["cccd"] for g in groups.values() for m in g["members"]}
    everyone = [m for g in groups.values() for m in g["members"]]
    assert all(m["join_date"].year < 2024 for m in everyone), "2024 has no new members"

    # What changed during 2024, undone for 2023. The national software flags her CCCD as a duplicate only
    # since Tam Đường registered her in 2024 (see the module docstring).
    for m in everyone:
        if m["software_recorded"] == LABEL["no"]:
            m.update(software_recorded=LABEL["yes"], note=None)
    party_no_theory = [m for m in everyone if m["party_member"] == LABEL["yes"] and not m["political_theory"]
                       and m["full_name"] != "Đinh Xuân Thủy"]
    for m in rng.sample(party_no_theory, 3):
        m["party_member"] = LABEL["no"]  # admitted to the party in 2024
    university = [m for m in everyone if m["professional_level"] == "Đại học" and m["full_name"] != "Đinh Xuân Thủy"]
    for m in rng.sample(university, 2):
        m["professional_level"] = "Cao đẳng"  # finished a university degree in 2024
    intermediate = [m for m in everyone if m["political_theory"] == "Trung cấp"]
    for m in rng.sample(intermediate, 2):
        m["political_theory"] = "Sơ cấp"  # finished intermediate political theory in 2024
        m["studying_political"] = schema.STUDYING_POLITICAL.label("tcllct")

    farewell = {}
    moved = None
    for i, (code, gender, birth_year, level, party, note) in enumerate(LEAVERS_2023):
        kind = next(k for c, _, _, k in g24.GROUPS if c == code)
        row = person(rng, kind, gender, birth_year, level, party, used_names, used_cccd, 2022)
        row["note"] = note
        groups[code]["members"].append(row)
        if note.startswith("Nghỉ hưu"):
            farewell[row["full_name"]] = (D(2023, 12, 27), note)
        if i == TRANSFER_TO_HOSPITAL:
            moved = dict(row, note="Chuyển công tác từ Trung tâm Y tế Than Uyên từ 01/01/2024")
    for g in groups.values():
        for i, m in enumerate(g["members"], 1):
            m["stt"] = i
        g["info"]["prepared_date"] = g24.random_date(rng, 2023, D(2023, 12, 15), D(2023, 12, 27))

    fill_year(groups, 2023, rng, loans=20, trip=38, hardship=25, visits=16, tet=D(2023, 1, 16),
              doctors=D(2023, 2, 24), womens=D(2023, 3, 7), farewell=farewell)
    collected, lent, repaid = fund_totals(groups)
    opening = CLOSING_2023 - collected - repaid + lent
    assert opening >= 0 and opening + collected - lent >= 0, opening
    unit = copy.deepcopy(unit24)
    unit["unit_info"].update(year=2023, mutual_opening_balance=opening)
    unit["kpis"] = [dict(k, result=(k["result"] or "").replace("2024", "2023") or None) for k in unit["kpis"]]
    unit["unit_info"]["report_basis"] = "Công văn số 152/CĐN ngày 17/10/2023 của Công đoàn ngành Y tế tỉnh Lai Châu"
    unit["report"] = ReportTexts(texts={**g24.REPORT_TEXTS, **TEXTS_2023}, facts=dict(g24.REPORT_FACTS, contest_prize="third"),
                                 recipients=list(g24.RECIPIENTS))
    return unit, groups, moved


# 2023's own words where the year differs; `unionxl template unit --previous tong-hop-2023.xlsx` drafts
# the 2024 unit workbook from them.
TEXTS_2023 = {
    "membership": "Trong năm có 02 viên chức chuyển đi, 03 viên chức nghỉ hưu và thôi việc; đơn vị không tuyển mới.",
    "contest": "Công đoàn cơ sở cử đội 03 đoàn viên tham dự hội thi do Công đoàn ngành tổ chức.",
    "limitations": (
        "- Việc cập nhật đoàn viên trên phần mềm quản lý đoàn viên còn chậm.\n"
        "- Một số tổ công đoàn chưa sinh hoạt đều đặn hằng tháng."),
    "next_year": (
        "1. Quán triệt chủ đề năm 2024 và Nghị quyết Đại hội Công đoàn các cấp tới đoàn viên.\n"
        "2. Duy trì quỹ du lịch, quỹ tương hỗ; cho vay đúng đối tượng.\n"
        "3. Hoàn thành cập nhật đoàn viên trên phần mềm quản lý đoàn viên."),
}


# ------------------------------------------------------------------ two more CĐCS for 2024


def build_unit_2024(spec: dict, used_names: set[str], used_cccd: set[str], extra: dict[str, list[dict]]) -> tuple[dict, dict]:
    rng = random.Random(spec["seed"])
    groups = {}
    newcomers = spec["new_members"]
    for code, name, size, kind in spec["groups"]:
        members = []
        for _ in range(size):
            gender = "male" if rng.random() < MALE_SHARE[kind] else "female"
            birth_year = rng.randint(1966, 1978) if kind == "lead" else rng.randint(1966, 2001)
            if gender == "female" and birth_year < g24.WOMEN_BORN_FROM:
                birth_year += 10  # no member past retirement age; no draw, so nothing else changes
            level = rng.choices(LEVELS, LEVEL_WEIGHTS[kind])[0]
            party = rng.random() < (0.9 if kind == "lead" else 0.3 + (0.2 if level in LEVELS[:2] else 0))
            row = person(rng, kind, gender, birth_year, level, party, used_names, used_cccd, 2023)
            if party and kind == "lead":
                row["political_theory"] = schema.POLITICAL_THEORY.label(rng.choice(["intermediate", "advanced"]))
            elif party and rng.random() < 0.3:
                row["political_theory"] = schema.POLITICAL_THEORY.label("intermediate")
            members.append(row)
        if newcomers and kind == "clinical":  # admitted to the union in 2024
            newcomers -= 1
            members[-1]["join_date"] = D(2024, 4 + newcomers * 3, 1)
        groups[code] = {"code": code, "name": name, "file": f"{code}-{g24.slug(name)}.xlsx", "members": members,
                        "info": {}}
    for code, rows in extra.items():
        groups[code]["members"] += rows
    for g in groups.values():
        for i, m in enumerate(g["members"], 1):
            m["stt"] = i
        g["info"] = {"leader": g["members"][0]["full_name"], "prepared_by": g["members"][1]["full_name"],
                     "prepared_date": g24.random_date(rng, 2024, D(2024, 12, 16), D(2024, 12, 27))}
    fill_year(groups, 2024, rng, loans=spec["loans"], trip=spec["trip"], hardship=spec["hardship"],
              visits=spec["visits"], tet=D(2024, 2, 5), doctors=D(2024, 2, 26), womens=D(2024, 3, 7))
    chair = groups["T01"]["members"][0]["full_name"]
    kpis = [{"number": k.number, "target": k.vi, "result": g24.KPI_RESULTS.get(k.number, (None, None))[0],
             "status": g24.KPI_RESULTS.get(k.number, (None, None))[1]} for k in schema.KPIS]
    unit = {
        "unit_info": {"year": 2024, "unit_name": spec["name"], "superior_name": SECTOR, "place": spec["place"],
                      "chair_name": chair, "mutual_opening_balance": spec["opening"]},
        "groups": [{"stt": i, "group_code": g["code"], "group_name": g["name"], "leader": g["info"]["leader"]}
                   for i, g in enumerate(groups.values(), 1)],
        "policy": dict(POLICY),
        "kpis": kpis,
        # Only the figures: these two CĐCS have not written their text yet (the roll-up shows the notes).
        "report": ReportTexts(facts=dict(spec["facts"])),
    }
    return unit, groups


# ------------------------------------------------------------------ writing


def write_unit_folder(folder: Path, year: int, unit: dict, groups: dict[str, dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    name = unit["unit_info"]["unit_name"]
    write_unit_workbook(folder / f"don-vi-{year}.xlsx", year=year, unit_name=name, data=unit)
    for g in groups.values():
        data = {k: g[k] for k in ("info", "members", "travel_fund", "mutual_fund", "loans", "welfare")}
        write_group_workbook(folder / g["file"], year=year, unit_name=name, group_code=g["code"],
                             group_name=g["name"], data=data)
    return folder


def consolidate(folder: Path, target: Path) -> None:
    """Merge a CĐCS folder and keep its consolidated workbook; the merge must find no errors."""
    result = merge_folder(folder)
    errors = [f"{f.code} {f.file} {f.place}" for f in result.report.findings if f.severity == "error"]
    assert not errors, errors
    target.parent.mkdir(parents=True, exist_ok=True)
    write_consolidated(result, target)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE,
                        help="folder to write 2023/, tong-hop/ and nganh-2024/ into (default: samples/)")
    args = parser.parse_args(argv)
    out = args.out
    for sub in ("2023", "tong-hop", "nganh-2024"):
        shutil.rmtree(out / sub, ignore_errors=True)

    unit23, groups23, moved = build_2023()
    write_unit_folder(out / "2023", 2023, unit23, groups23)
    consolidate(out / "2023", out / "tong-hop" / "tong-hop-2023.xlsx")

    _, groups24 = g24.build_year()
    used_names = {m["full_name"] for g in (*groups23.values(), *groups24.values()) for m in g["members"]}
    used_cccd = {m["cccd"] for g in (*groups23.values(), *groups24.values()) for m in g["members"]}
    blocked = next(dict(m) for g in groups24.values() for m in g["members"] if m["software_recorded"] == LABEL["no"])
    blocked.update(software_recorded=LABEL["yes"], note="Chuyển công tác từ Trung tâm Y tế Than Uyên từ 01/01/2024")
    extras = {TRANSFERRED_GROUP: blocked, HOSPITAL_GROUP: moved}
    sector = out / "nganh-2024"
    consolidate(HERE / "2024" if (HERE / "2024").is_dir() else out / "2024",
                sector / "tong-hop" / "tong-hop-2024-ttyt-than-uyen.xlsx")
    for spec in UNITS_2024:
        extra = {code: [row] for (slug, code), row in extras.items() if slug == spec["slug"]}
        unit, groups = build_unit_2024(spec, used_names, used_cccd, extra)
        folder = write_unit_folder(sector / spec["slug"], 2024, unit, groups)
        consolidate(folder, sector / "tong-hop" / f"tong-hop-2024-{spec['slug']}.xlsx")
        print(f"{folder}: {len(groups)} groups, {sum(len(g['members']) for g in groups.values())} members")
    print(f"{out / '2023'}: {len(groups23)} groups, {sum(len(g['members']) for g in groups23.values())} members, "
          f"opening balance {unit23['unit_info']['mutual_opening_balance']:,}")


if __name__ == "__main__":
    main()
