"""More officers' habits, each edited into the real template (an openpyxl load and save, or LibreOffice
where the habit is Calc's): the finding at its cell, what the officer clearly meant read as meant,
and every row accounted for.

Layout (the template's): data from row 4; 'Đoàn viên' B name, C gender, H professional level,
I political theory; 'Quỹ du lịch' D..O months, P total; 'Thông tin tổ' values in B (B5 year, B7 code).
"""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

import unionxl
from unionxl.findings import Severity
from unionxl.merge import merge_folder

from .builders import two_groups, write_folder
from .test_habits import INFO, M, TF, WF, findings, folder_with, row_values


def test_group_code_typed_in_lower_case_is_the_units_code(tmp_path):
    def edit(wb):
        wb[INFO]["B7"] = "t01"
        wb[M]["C5"] = "nu"  # a finding the reader makes before the code is matched to the unit's list
    folder = folder_with(tmp_path, edit)
    result = merge_folder(folder)
    assert findings(result) == [("cell-choice-normalised", "T01.xlsx", M, "C5"),
                                ("group-code-normalised", "T01.xlsx", INFO, "B7")]
    assert {f.group for f in result.report.findings} == {"T01"}
    assert sorted(b.group_code for b in result.dataset.groups) == ["T01", "T02"]
    assert len(row_values(result, "T01", "members")) == 3
    one = unionxl.check_file(folder / "T01.xlsx", folder / "don-vi.xlsx")
    assert [(f.code, f.cell, f.group) for f in one.report.findings if f.severity != Severity.NOTE] == [
        ("cell-choice-normalised", "C5", "T01"), ("group-code-normalised", "B7", "T01")]
    assert one.exit_code == 0


@pytest.mark.parametrize("sheet, renamed, key", [
    (M, "DS đoàn viên", "members"), (TF, "Quỹ du lịch 2024", "travel_fund"), (TF, "Quy du lich nam 2024", "travel_fund"),
])
def test_sheet_renamed_with_more_words_is_still_read(tmp_path, sheet, renamed, key):
    def edit(wb):
        wb[sheet].title = renamed
        wb[renamed]["E5" if key == "members" else "F5"] = "012.190.004.32"  # a finding names the renamed sheet
    result = merge_folder(folder_with(tmp_path, edit))
    assert [f for f in findings(result) if f[0] == "sheet-missing"] == []
    assert ("cccd-length" if key == "members" else "cell-type", "T01.xlsx", renamed,
            "E5" if key == "members" else "F5") in findings(result)
    assert result.report.account[key].read == 6
    assert "member-unknown" not in {f.code for f in result.report.findings}


def test_last_years_sheet_beside_this_years_is_not_read(tmp_path):
    def edit(wb):
        wb.copy_worksheet(wb[TF]).title = "Quỹ du lịch 2023"
        wb["Quỹ du lịch 2023"]["D4"] = 1
    result = merge_folder(folder_with(tmp_path, edit))
    assert findings(result) == []
    assert row_values(result, "T01", "travel_fund")[0]["m01"] == 30_000


@pytest.mark.parametrize("sheet, cell, typed, key, meant", [
    (M, "G4", "PTTH", "general_education", "thpt"), (M, "G4", "10/10", "general_education", "thpt"),
    (M, "H4", "ĐH", "professional_level", "university"), (M, "H4", "CĐ", "professional_level", "college"),
    (M, "H4", "TC", "professional_level", "vocational"), (M, "H4", "ThS", "professional_level", "postgraduate"),
    (M, "H4", "BS CKI", "professional_level", "postgraduate"), (M, "I4", "TC", "political_theory", "intermediate"),
    (WF, "C4", "Tết Nguyên đán", "kind", "tet_gift"), (WF, "C5", "Ngày Thầy thuốc Việt Nam", "kind", "doctors_day"),
    (WF, "G4", "CĐ cơ sở", "source", "unit"),
])
def test_abbreviations_officers_write_in_list_columns(tmp_path, sheet, cell, typed, key, meant):
    def edit(wb):
        wb[sheet][cell] = typed
    result = merge_folder(folder_with(tmp_path, edit))
    assert findings(result) == [("cell-choice-normalised", "T01.xlsx", sheet, cell)]
    table = "members" if sheet == M else "welfare"
    assert row_values(result, "T01", table)[int(cell[1:]) - 4][key] == meant


@pytest.mark.parametrize("cell, typed, code", [
    ("B5", "Năm 2024", "cell-type"), ("B5", None, "cell-required"), ("B12", "3 người", "cell-type"),
])
def test_a_group_info_value_not_of_its_type_is_one_error_and_the_group_is_still_merged(tmp_path, cell, typed, code):
    def edit(wb):
        wb[INFO][cell] = typed
    result = merge_folder(folder_with(tmp_path, edit))
    assert findings(result) == [(code, "T01.xlsx", INFO, cell)]
    assert len(row_values(result, "T01", "members")) == 3
    assert result.report.account["members"].accepted == 6


def test_a_dash_in_an_amount_cell_is_a_zero(tmp_path):
    def edit(wb):  # month 7 unpaid, written as accountants write a zero; the row total says so too
        wb[TF]["J5"], wb[TF]["P5"] = "-", 330_000
        wb[INFO]["B15"] = 1_050_000
    result = merge_folder(folder_with(tmp_path, edit))
    assert findings(result) == [("amount-as-text", "T01.xlsx", TF, "J5"), ("contribution-arrears", "T01.xlsx", TF, "J5")]
    assert result.report.account["travel_fund"].rejected == 0
    assert row_values(result, "T01", "travel_fund")[1]["m07"] == 0


def test_values_pasted_with_excels_text_apostrophe_are_read(tmp_path):
    def edit(wb):  # the apostrophe that makes a cell text in Excel, pasted in as part of the text
        wb[TF]["D4"], wb[M]["D4"], wb[M]["C5"] = "'30.000", "'12/03/1985", "'Nữ"
    result = merge_folder(folder_with(tmp_path, edit))
    assert findings(result) == [("amount-as-text", "T01.xlsx", TF, "D4"), ("cell-choice-normalised", "T01.xlsx", M, "C5"),
                                ("date-as-text", "T01.xlsx", M, "D4")]
    assert result.report.errors == 0
    members = row_values(result, "T01", "members")
    assert (members[0]["birth_date"], members[1]["gender"]) == (dt.date(1985, 3, 12), "female")
    assert row_values(result, "T01", "travel_fund")[0]["m01"] == 30_000


def test_group_listed_twice_in_the_units_list_is_told_at_the_second_row(tmp_path):
    # The template command refuses a list with a code twice, but the treasurer edits the list after;
    # the merge used the first row and said nothing of the second.
    folder = write_folder(tmp_path / "in", two_groups(), unit_codes=["T01", "T02", "T01"])
    result = merge_folder(folder)
    assert findings(result, "group-listed-twice") == [("group-listed-twice", "don-vi.xlsx", "Tổ công đoàn", "B6")]
    [found] = [f for f in result.report.findings if f.code == "group-listed-twice"]
    assert found.params["other"] == "B4" and found.severity == Severity.WARNING
    assert sorted(b.group_code for b in result.dataset.groups) == ["T01", "T02"]
    assert result.exit_code == 0


def test_a_rate_of_zero_in_the_units_rates_is_told_at_its_cell(tmp_path):
    # A rate of 0 turned every check against it off and printed 'mức đóng 0đ' in the report, at exit 0
    # with no word; the other rates stay unremarked.
    folder = write_folder(tmp_path / "in", two_groups())
    path = folder / "don-vi.xlsx"
    wb = openpyxl.load_workbook(path)
    wb["Định mức"]["B4"] = 0
    wb.save(path)
    result = merge_folder(folder)
    assert findings(result, "policy-rate-zero") == [("policy-rate-zero", "don-vi.xlsx", "Định mức", "B4")]
    [found] = [f for f in result.report.findings if f.code == "policy-rate-zero"]
    assert "Quỹ tương hỗ: mức đóng mỗi quý" in found.message("vi") and found.severity == Severity.WARNING
