"""The bundled 2024 samples hold the figures of the seed report (SPEC §5).

The workbooks are counted with a plain python-calamine read that finds each
header row by the schema's Vietnamese headers, not with unionxl's reader: these
tests check the files a new user gets, independently of the code that merges them.
"""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from unionxl import schema

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
CLEAN, FLAWED = SAMPLES / "2024", SAMPLES / "2024-loi"


def read_table(path: Path, sheet: schema.TableSheet) -> list[dict]:
    """Rows below the header row, keyed by column key; blank cells are None."""
    grid = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet.vi).to_python()
    headers = [c.vi for c in sheet.columns]
    start = next(i for i, row in enumerate(grid) if [str(v).strip() for v in row[:len(headers)]] == headers)
    rows = []
    for raw in grid[start + 1:]:
        values = {c.key: (None if v == "" else v) for c, v in zip(sheet.columns, raw)}
        if any(values[k] is not None for k in values if k != "stt"):
            rows.append(values)
    return rows


def read_fields(path: Path, sheet: schema.FieldSheet) -> dict:
    grid = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet.vi).to_python()
    by_label = {str(row[0]).strip(): row[1] for row in grid if len(row) > 1}
    return {f.key: by_label.get(f.vi) for f in sheet.fields}


def whole(value) -> int:
    assert isinstance(value, float) and value == int(value), value
    return int(value)


@pytest.fixture(scope="module")
def year():
    groups = sorted(CLEAN.glob("T*.xlsx"))
    tables = {s.key: [] for s in schema.GROUP_SHEETS}
    infos = {}
    for path in groups:
        infos[path.name] = read_fields(path, schema.GROUP_INFO)
        for sheet in schema.GROUP_SHEETS:
            rows = read_table(path, sheet)
            for row in rows:
                row["_file"] = path.name
            tables[sheet.key] += rows
    unit = CLEAN / "don-vi-2024.xlsx"
    return {"files": groups, "infos": infos, **tables, "unit": read_fields(unit, schema.UNIT_INFO),
            "groups": read_table(unit, schema.UNIT_GROUPS), "kpis": read_table(unit, schema.KPI_SHEET)}


def test_files(year):
    assert sorted(p.name for p in CLEAN.iterdir()) == sorted([*(p.name for p in year["files"]), "don-vi-2024.xlsx"])
    assert len(year["files"]) == 32
    codes = [g["group_code"] for g in year["groups"]]
    assert codes == [f"T{i:02d}" for i in range(1, 33)]
    assert {info["group_code"] for info in year["infos"].values()} == set(codes)
    assert {whole(info["year"]) for info in year["infos"].values()} == {2024}
    assert whole(year["unit"]["year"]) == 2024
    assert whole(year["unit"]["mutual_opening_balance"]) == 243_150_000


def test_members(year):
    members = year["members"]
    count = lambda key: Counter(m[key] for m in members)  # noqa: E731
    assert len(members) == 307
    assert count("gender") == {"Nam": 120, "Nữ": 187}
    assert count("general_education") == {"THPT": 307}
    assert count("professional_level") == {"Sau đại học": 18, "Đại học": 140, "Cao đẳng": 49, "Trung cấp": 84,
                                           "Chưa qua đào tạo": 16}
    assert count("party_member") == {"Có": 160, "Không": 147}
    assert count("political_theory") == {"Cao cấp": 2, "Trung cấp": 40, "Sơ cấp": 52, None: 213}
    assert count("studying_political") == {"Đang học TCLLCT": 9, None: 298}
    assert count("social_fund") == {"Có": 307}
    assert count("software_recorded") == {"Có": 306, "Không": 1}
    assert all(isinstance(m["join_date"], dt.date) and m["join_date"].year < 2024 for m in members)  # 0 new


def test_citizen_ids(year):
    members = year["members"]
    ids = [m["cccd"] for m in members]
    assert all(isinstance(c, str) and len(c) == 12 and c.isdigit() and c.startswith("012") for c in ids)
    assert len(set(ids)) == 307
    for m in members:
        century, gender = schema.CCCD_CENTURY_DIGIT[m["cccd"][3]]
        born = m["birth_date"].year
        assert schema.GENDER.label(gender) == m["gender"] and century <= born < century + 100, m
        assert m["cccd"][4:6] == f"{born % 100:02d}", m
        assert 1965 <= born <= 2001


def test_funds(year):
    travel, mutual = year["travel_fund"], year["mutual_fund"]
    assert len(travel) == len(mutual) == 307
    assert sum(whole(r[m]) for r in travel for m in schema.MONTHS) == 110_520_000
    assert sum(whole(r["total"]) for r in travel) == 110_520_000
    assert Counter(r["trip_support"] for r in travel) == {1_000_000: 42, None: 265}
    paid = [r[q] for r in mutual for q in schema.QUARTERS]
    assert sum(whole(v) for v in paid if v is not None) == 243_800_000 and paid.count(None) == 9
    assert all(whole(r["total"]) == sum(whole(r[q]) for q in schema.QUARTERS if r[q] is not None) for r in mutual)
    members = {(m["_file"], m["cccd"]) for m in year["members"]}
    assert {(r["_file"], r["cccd"]) for r in travel} == {(r["_file"], r["cccd"]) for r in mutual} == members


def test_loans(year):
    loans = year["loans"]
    assert [whole(r["amount"]) for r in loans] == [10_000_000] * 24
    assert len({r["cccd"] for r in loans}) == 24
    members = {(m["_file"], m["cccd"]) for m in year["members"]}
    for r in loans:
        assert (r["_file"], r["cccd"]) in members
        assert r["loan_date"].year == 2024 and whole(r["term_months"]) in (12, 24)
        assert whole(r["repaid"]) <= 10_000_000 and whole(r["outstanding"]) == 10_000_000 - whole(r["repaid"])


def test_welfare(year):
    welfare = year["welfare"]
    by_kind = Counter((r["kind"], r["source"], whole(r["amount"])) for r in welfare)
    assert by_kind[("Quà Tết", "CĐCS", 200_000)] == 307
    assert by_kind[("Ngày Thầy thuốc 27/2", "CĐCS", 150_000)] == 307
    assert by_kind[("Quốc tế Phụ nữ 8/3", "CĐCS", 500_000)] == 32
    assert by_kind[("Quà Tết hoàn cảnh khó khăn", "CĐ ngành", 500_000)] == 23
    assert by_kind[("Quà Tết hoàn cảnh khó khăn", "CĐCS", 500_000)] == 6
    visits = {schema.WELFARE_KIND.label(k) for k in schema.VISIT_WELFARE}
    assert sum(1 for r in welfare if r["kind"] in visits) == 20
    assert sum(by_kind.values()) == 307 + 307 + 32 + 29 + 20
    members = {m["cccd"] for m in year["members"]}
    for kind in ("Quà Tết", "Ngày Thầy thuốc 27/2", "Quà Tết hoàn cảnh khó khăn"):
        ids = [r["cccd"] for r in welfare if r["kind"] == kind]
        assert len(ids) == len(set(ids)) and set(ids) <= members
    assert all(r["date"] < dt.date(2024, 2, 10) for r in welfare if r["kind"] == "Quà Tết")  # before Tết Giáp Thìn
    assert all(r["cccd"] is None for r in welfare if r["kind"] == "Quốc tế Phụ nữ 8/3")


def test_declared_totals_match_rows(year):
    for name, info in year["infos"].items():
        members = [m for m in year["members"] if m["_file"] == name]
        mine = lambda key: [r for r in year[key] if r["_file"] == name]  # noqa: E731
        assert whole(info["declared_members"]) == len(members)
        assert whole(info["declared_male"]) == sum(m["gender"] == "Nam" for m in members)
        assert whole(info["declared_female"]) == sum(m["gender"] == "Nữ" for m in members)
        assert whole(info["declared_travel_total"]) == sum(whole(r["total"]) for r in mine("travel_fund"))
        assert whole(info["declared_mutual_total"]) == sum(whole(r["total"]) for r in mine("mutual_fund"))
        assert whole(info["declared_loans_count"]) == len(mine("loans"))
        assert whole(info["declared_loans_amount"]) == sum(whole(r["amount"]) for r in mine("loans"))
        assert info["leader"] in {m["full_name"] for m in members}
        assert info["prepared_date"].year == 2024 and info["prepared_date"].month == 12


def test_kpis(year):
    kpis = {whole(k["number"]): k for k in year["kpis"]}
    assert sorted(kpis) == list(range(1, 12))
    assert all(kpis[n]["result"] is None and kpis[n]["status"] is None for n in (1, 8, 10))  # the tool decides
    assert kpis[9]["status"] == "Không đạt"
    assert all(kpis[n]["status"] == "Đạt" for n in (2, 3, 4, 5, 6, 7, 11))


def test_flawed_copy_lists_its_mistakes():
    rows = list(csv.DictReader(open(FLAWED / "expected-findings.csv", encoding="utf-8")))
    from unionxl.findings import CATALOGUE

    planted = [r for r in rows
               if r["code"] != "contribution-arrears" and r["file"] not in ("README.md", "expected-findings.csv")]
    assert len({(r["file"], r["code"]) for r in planted}) >= 15
    for r in rows:
        assert r["code"] in CATALOGUE
        if r["file"]:
            assert (FLAWED / r["file"]).exists(), r
        if r["sheet"]:
            assert r["sheet"] in CalamineWorkbook.from_path(str(FLAWED / r["file"])).sheet_names, r
    readme = (FLAWED / "README.md").read_text(encoding="utf-8")
    assert all(f"`{r['code']}`" in readme for r in planted)
    assert not (FLAWED / "T31-tram-y-te-xa-ta-mung.xlsx").exists()


def all_values(folder: Path) -> dict:
    """Every cell value of every workbook and the bytes of every other file."""
    out = {}
    for path in sorted(folder.iterdir()):
        if path.suffix == ".xlsx" and not path.name.startswith("~$"):
            book = CalamineWorkbook.from_path(str(path))
            out[path.name] = {n: book.get_sheet_by_name(n).to_python() for n in book.sheet_names}
        else:
            out[path.name] = path.read_bytes()
    return out


def test_generator_is_deterministic(tmp_path):
    subprocess.run([sys.executable, str(SAMPLES / "generate.py"), "--out", str(tmp_path)], check=True,
                   capture_output=True)
    for sub in ("2024", "2024-loi"):
        fresh, committed = all_values(tmp_path / sub), all_values(SAMPLES / sub)
        assert fresh.keys() == committed.keys()
        for name in fresh:
            assert fresh[name] == committed[name], f"{sub}/{name} differs from a fresh run of generate.py"
    assert (tmp_path / "expected-findings-2024.csv").read_bytes() == (SAMPLES / "expected-findings-2024.csv").read_bytes()
