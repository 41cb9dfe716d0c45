"""This year against last year: headline changes, members who joined and left by CCCD, and the mutual-aid
fund's opening balance against last year's closing balance."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from python_calamine import CalamineWorkbook

from unionxl.cli import main
from unionxl.merge import merge_folder
from unionxl.previous import compare_with_previous
from unionxl.writers.workbook import write_consolidated

from .builders import PEOPLE, clean_group, unit_data, write_folder

LEAVER = ("Vàng Thị Mai", "Nữ", dt.date(1988, 4, 2), "012188005555")
NEWCOMER = ("Lò Văn Khăm", "Nam", dt.date(1999, 9, 9), "012099006666")


def year_folder(root: Path, year: int, t01, t02, opening: int) -> Path:
    groups = [clean_group("T01", t01), clean_group("T02", t02, offset=50)]
    for g in groups:
        g["year"] = year
    unit = unit_data(["T01", "T02"], opening)
    unit["unit_info"]["year"] = year
    return write_folder(root / str(year), groups, unit)


# 2023: 4 + 3 members, opening 50.000.000; each group lends 10.000.000, 4.000.000 repaid; 800.000 a member.
CLOSING_2023 = 50_000_000 + 7 * 800_000 + 2 * 4_000_000 - 2 * 10_000_000  # 43.600.000


@pytest.fixture(scope="module")
def last_year(tmp_path_factory):
    root = tmp_path_factory.mktemp("years")
    folder = year_folder(root, 2023, PEOPLE + [LEAVER], PEOPLE, 50_000_000)
    path = root / "tong-hop-2023.xlsx"
    write_consolidated(merge_folder(folder), path)
    return path


def this_year(tmp_path: Path, opening: int):
    folder = year_folder(tmp_path, 2024, PEOPLE, PEOPLE + [NEWCOMER], opening)
    return folder, merge_folder(folder)


def test_headline_changes(last_year, tmp_path):
    _, result = this_year(tmp_path, CLOSING_2023)
    comparison = compare_with_previous(result, last_year)
    assert (comparison.year, comparison.previous_year) == (2024, 2023)
    changes = {c.headline.key: (c.previous, c.current, c.delta) for c in comparison.changes}
    assert changes["members"] == (7, 7, 0)
    assert changes["male"] == (4, 5, 1)
    assert changes["female"] == (3, 2, -1)
    assert changes["party_members"] == (2, 2, 0)
    assert changes["professional_level.university"] == (7, 7, 0)
    assert changes["political_theory.elementary"] == (2, 2, 0)
    assert changes["travel_collected"] == (7 * 360_000, 7 * 360_000, 0)
    assert changes["loans_count"] == (2, 2, 0)
    assert changes["loans_amount"] == (20_000_000, 20_000_000, 0)
    assert len(comparison.changes) == 4 + 5 + 3 + 4


def test_members_who_joined_and_left_by_cccd(last_year, tmp_path):
    _, result = this_year(tmp_path, CLOSING_2023)
    comparison = compare_with_previous(result, last_year)
    assert [(m.full_name, m.cccd, m.group_code) for m in comparison.left] == [("Vàng Thị Mai", "012188005555", "T01")]
    newcomer_cccd = "012099006666"[:-4] + f"{(6666 + 50) % 10000:04d}"
    assert [(m.full_name, m.cccd, m.group_code, m.group_name) for m in comparison.joined] == \
        [("Lò Văn Khăm", newcomer_cccd, "T02", "Tổ thử T02")]


def test_opening_balance_equal_to_last_closing_gives_no_finding(last_year, tmp_path):
    _, result = this_year(tmp_path, CLOSING_2023)
    compare_with_previous(result, last_year)
    assert result.report.findings == []
    assert result.comparison.previous_closing == CLOSING_2023 == 43_600_000


def test_opening_balance_not_last_closing_is_an_error_at_the_unit_cell(last_year, tmp_path):
    _, result = this_year(tmp_path, 45_000_000)
    compare_with_previous(result, last_year)
    [f] = result.report.findings
    assert (f.code, f.file, f.sheet, f.cell) == ("previous-opening-balance", "don-vi.xlsx", "Thông tin đơn vị", "B10")
    assert f.severity == "error" and result.report.exit_code == 1
    assert "45.000.000đ" in f.message() and "43.600.000đ" in f.message() and "2023" in f.message()


def test_cli_merge_with_previous_writes_the_comparison(last_year, tmp_path):
    folder, _ = this_year(tmp_path, CLOSING_2023)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["merge", str(folder), "-o", str(out), "--previous", str(last_year)])
    assert result.exit_code == 0, result.output
    assert "So với năm 2023 (tong-hop-2023.xlsx)" in result.output
    assert "Đoàn viên không còn tên: 1; mới có tên: 1" in result.output
    book = CalamineWorkbook.from_path(str(out / "tong-hop-2024.xlsx"))
    report = {row[0]: row[1:4] for row in book.get_sheet_by_name("Báo cáo").to_python() if row and row[0]}
    assert "7. So sánh với năm 2023" in report
    assert report["Nam"][:3] == [4.0, 5.0, 1.0]  # the comparison table comes after the quantity table
    moves = book.get_sheet_by_name("Biến động đoàn viên").to_python()
    assert moves[3][:3] == ["Biến động", "Họ và tên", "Số CCCD"]
    assert [row[:2] for row in moves[4:]] == [["Không còn tên năm nay", "Vàng Thị Mai"],
                                             ["Mới có tên năm nay", "Lò Văn Khăm"]]
    paragraphs = [p.text for p in docx.Document(str(out / "bao-cao-2024.docx")).paragraphs]
    assert any(p.startswith("- So với năm 2023, nam tăng 1 người (4 → 5); nữ giảm 1 người (3 → 2)") for p in paragraphs)
    assert "- Số dư quỹ tương hỗ cuối năm 2023 là 43.600.000đ, khớp với số dư năm trước chuyển sang." in paragraphs
    data = json.loads((out / "tong-hop-2024.json").read_text(encoding="utf-8"))
    assert data["comparison"]["changes"]["male"] == {"previous": 4, "current": 5, "change": 1}


def test_previous_must_be_a_consolidated_workbook_of_an_earlier_year(last_year, tmp_path):
    folder, _ = this_year(tmp_path, CLOSING_2023)
    runner = CliRunner()
    not_consolidated = runner.invoke(main, ["validate", str(folder), "--previous", str(folder / "T01.xlsx")])
    assert not_consolidated.exit_code == 2
    assert "không phải bản tổng hợp unionxl" in not_consolidated.output
    out = tmp_path / "out"
    runner.invoke(main, ["merge", str(folder), "-o", str(out)])
    same_year = runner.invoke(main, ["validate", str(folder), "--previous", str(out / "tong-hop-2024.xlsx")])
    assert same_year.exit_code == 2 and "không phải năm trước" in same_year.output
    assert runner.invoke(main, ["validate", str(folder), "--previous", str(tmp_path / "nope.xlsx")]).exit_code == 2
