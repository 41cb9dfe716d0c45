"""Each check of the merge, broken by a workbook, asserting the code and the cell.

Layout reminders (the template's): data rows start at row 4; 'Đoàn viên' columns
B name, C gender, D birth date, E CCCD, H professional level, K join date;
'Quỹ du lịch' C CCCD, D..O months 1-12, P total, Q trip support; 'Quỹ tương hỗ'
D..G quarters, H total; 'Vay vốn' C CCCD, E amount, G repaid, H outstanding;
'Chăm lo' C kind, E CCCD, F amount; 'Thông tin tổ' values in column B from row 3.
"""

from __future__ import annotations

import shutil

import openpyxl
import pytest

from unionxl.merge import merge_folder

from .builders import clean_group, two_groups, unit_data, write_folder


def merged(tmp_path, groups, **kw):
    return merge_folder(write_folder(tmp_path / "in", groups, **kw))


def places(result, code):
    return [(f.file, f.sheet, f.cell) for f in result.report.findings if f.code == code]


def set_cccd(group, index, new):
    """Change one member's CCCD everywhere it appears, as an officer fixing a typo would."""
    old = group["data"]["members"][index]["cccd"]
    for sheet in ("members", "travel_fund", "mutual_fund", "loans", "welfare"):
        for row in group["data"][sheet]:
            if row.get("cccd") == old:
                row["cccd"] = new


def test_clean_groups_have_no_findings(tmp_path):
    result = merged(tmp_path, two_groups())
    assert [f.to_dict() for f in result.report.findings] == []
    assert result.report.exit_code == 0
    assert len(result.dataset.groups) == 2


# ------------------------------------------------------------------ cells

def test_required_cell_missing_rejects_the_row(tmp_path):
    groups = two_groups()
    groups[0]["data"]["members"][1]["birth_date"] = None
    result = merged(tmp_path, groups)
    assert places(result, "cell-required") == [("T01.xlsx", "Đoàn viên", "D5")]
    assert result.report.account["members"].rejected == 1
    assert result.report.exit_code == 1


@pytest.mark.parametrize("sheet_key, column, row, raw, cell", [
    ("travel_fund", "m03", 0, "ba mươi nghìn", "'Quỹ du lịch'!F4"),
    ("members", "birth_date", 0, "31/02/1990", "'Đoàn viên'!D4"),
    ("loans", "term_months", 0, "mười hai", "'Vay vốn'!F4"),
])
def test_wrong_type(tmp_path, sheet_key, column, row, raw, cell):
    groups = two_groups()
    groups[0]["data"][sheet_key][row][column] = raw
    result = merged(tmp_path, groups)
    found = [f for f in result.report.findings if f.code == "cell-type"]
    assert [f.place for f in found] == [cell]
    assert found[0].value == raw


def test_value_outside_list(tmp_path):
    groups = two_groups()
    groups[0]["data"]["members"][0]["gender"] = "Khác"
    result = merged(tmp_path, groups)
    assert places(result, "cell-choice") == [("T01.xlsx", "Đoàn viên", "C4")]


def test_value_without_diacritics_is_read_with_a_warning(tmp_path):
    groups = two_groups()
    groups[0]["data"]["members"][0]["professional_level"] = "dai hoc"
    result = merged(tmp_path, groups)
    assert places(result, "cell-choice-normalised") == [("T01.xlsx", "Đoàn viên", "H4")]
    assert result.report.exit_code == 0
    assert result.dataset.groups[0].rows("members")[0].values["professional_level"] == "university"


@pytest.mark.parametrize("typed", ["30.000", "30,000 đ", "30000đ"])
def test_amount_typed_as_text_is_counted_with_a_warning(tmp_path, typed):
    groups = two_groups()
    groups[0]["data"]["travel_fund"][0]["m01"] = typed
    result = merged(tmp_path, groups)
    assert places(result, "amount-as-text") == [("T01.xlsx", "Quỹ du lịch", "D4")]
    assert result.report.errors == 0  # still 30.000: totals agree


def test_date_typed_as_text_is_read_day_first(tmp_path):
    groups = two_groups()
    groups[0]["data"]["members"][0]["join_date"] = "05/01/2015"
    result = merged(tmp_path, groups)
    assert places(result, "date-as-text") == [("T01.xlsx", "Đoàn viên", "K4")]
    assert str(result.dataset.groups[0].rows("members")[0].values["join_date"]) == "2015-01-05"


def test_date_as_excel_serial_number_in_a_general_cell(tmp_path):
    folder = write_folder(tmp_path / "in", two_groups())
    book = openpyxl.load_workbook(folder / "T01.xlsx")
    cell = book["Đoàn viên"]["K4"]
    cell.value, cell.number_format = 42125, "General"  # 01/05/2015 in Excel's 1900 system
    book.save(folder / "T01.xlsx")
    result = merge_folder(folder)
    assert str(result.dataset.groups[0].rows("members")[0].values["join_date"]) == "2015-05-01"
    assert places(result, "date-as-text") == [("T01.xlsx", "Đoàn viên", "K4")]


def test_negative_amount(tmp_path):
    groups = two_groups()
    groups[0]["data"]["loans"][0]["repaid"] = -1000
    result = merged(tmp_path, groups)
    assert places(result, "cell-negative") == [("T01.xlsx", "Vay vốn", "G4")]


# ------------------------------------------------------------- citizen IDs

def test_cccd_not_12_digits(tmp_path):
    groups = two_groups()
    set_cccd(groups[0], 0, "01208500123")
    result = merged(tmp_path, groups)
    assert ("T01.xlsx", "Đoàn viên", "E4") in places(result, "cccd-length")


def test_cccd_lost_leading_zero_is_restored(tmp_path):
    groups = two_groups()
    groups[0]["data"]["members"][0]["cccd"] = 12085001234  # a number: Excel drops the 0
    result = merged(tmp_path, groups)
    assert places(result, "cccd-lost-zero") == [("T01.xlsx", "Đoàn viên", "E4")]
    assert result.dataset.groups[0].rows("members")[0].values["cccd"] == "012085001234"
    assert result.report.errors == 0  # restored, so fund rows still find the member


def test_cccd_fourth_digit_disagrees_with_gender(tmp_path):
    groups = two_groups()
    set_cccd(groups[0], 0, "012185001234")  # 1 = female born 19xx, but he is Nam
    result = merged(tmp_path, groups)
    assert places(result, "cccd-gender-century") == [("T01.xlsx", "Đoàn viên", "E4")]


def test_cccd_fourth_digit_disagrees_with_century(tmp_path):
    groups = two_groups()
    set_cccd(groups[0], 2, "012001007777")  # 0 = male born 19xx, but born 2001
    result = merged(tmp_path, groups)
    assert places(result, "cccd-gender-century") == [("T01.xlsx", "Đoàn viên", "E6")]


def test_cccd_birth_year_digits(tmp_path):
    groups = two_groups()
    set_cccd(groups[0], 0, "012090001234")  # born 1985, digits 5-6 say 90
    result = merged(tmp_path, groups)
    assert places(result, "cccd-birth-year") == [("T01.xlsx", "Đoàn viên", "E4")]


def test_cccd_unknown_province(tmp_path):
    groups = two_groups()
    set_cccd(groups[0], 0, "099085001234")
    result = merged(tmp_path, groups)
    assert places(result, "cccd-province") == [("T01.xlsx", "Đoàn viên", "E4")]


def test_same_cccd_twice_in_a_group(tmp_path):
    groups = two_groups()
    member = groups[0]["data"]["members"][2]
    member.update(gender="Nam", birth_date=groups[0]["data"]["members"][0]["birth_date"])
    member["cccd"] = groups[0]["data"]["members"][0]["cccd"]
    result = merged(tmp_path, groups)
    assert ("T01.xlsx", "Đoàn viên", "E6") in places(result, "cccd-duplicate")


def test_same_cccd_in_two_groups(tmp_path):
    groups = two_groups()
    set_cccd(groups[1], 0, groups[0]["data"]["members"][0]["cccd"])
    result = merged(tmp_path, groups)
    assert places(result, "cccd-duplicate-groups") == [("T02.xlsx", "Đoàn viên", "E4")]
    assert result.report.findings[-1].params or True


# ----------------------------------------------------------------- totals

def test_declared_total_against_rows(tmp_path):
    groups = two_groups()
    groups[0]["data"]["info"]["declared_members"] = 4
    result = merged(tmp_path, groups)
    found = [f for f in result.report.findings if f.code == "declared-total"]
    assert [(f.place, f.value, f.params["expected"]) for f in found] == [("'Thông tin tổ'!B12", 4, 3)]


def test_declared_fund_total_against_rows(tmp_path):
    groups = two_groups()
    groups[0]["data"]["info"]["declared_travel_total"] = 1_000_000
    result = merged(tmp_path, groups)
    assert places(result, "declared-total") == [("T01.xlsx", "Thông tin tổ", "B15")]


def test_row_total_against_its_months(tmp_path):
    groups = two_groups()
    groups[0]["data"]["travel_fund"][0]["total"] = 350_000
    result = merged(tmp_path, groups)
    assert places(result, "row-total") == [("T01.xlsx", "Quỹ du lịch", "P4")]


def test_unpaid_quarter_is_arrears(tmp_path):
    groups = two_groups()
    row = groups[0]["data"]["mutual_fund"][0]
    row["q2"], row["total"] = None, 600_000
    groups[0]["data"]["info"]["declared_mutual_total"] -= 200_000
    result = merged(tmp_path, groups)
    assert places(result, "contribution-arrears") == [("T01.xlsx", "Quỹ tương hỗ", "E4")]
    assert result.report.exit_code == 0


def test_member_who_joined_this_year_owes_from_the_join_month(tmp_path):
    groups = two_groups()
    groups[0]["data"]["members"][0]["join_date"] = __import__("datetime").date(2024, 7, 1)
    row = groups[0]["data"]["mutual_fund"][0]
    row["q1"] = row["q2"] = None
    row["total"] = 400_000
    groups[0]["data"]["info"]["declared_mutual_total"] -= 400_000
    result = merged(tmp_path, groups)
    assert places(result, "contribution-arrears") == []


def test_contribution_other_than_the_rate(tmp_path):
    groups = two_groups()
    row = groups[0]["data"]["travel_fund"][0]
    row["m05"], row["total"] = 20_000, 350_000
    groups[0]["data"]["info"]["declared_travel_total"] -= 10_000
    result = merged(tmp_path, groups)
    assert places(result, "contribution-rate") == [("T01.xlsx", "Quỹ du lịch", "H4")]


def test_member_without_a_fund_row(tmp_path):
    groups = two_groups()
    del groups[0]["data"]["travel_fund"][2]
    groups[0]["data"]["info"]["declared_travel_total"] -= 360_000
    result = merged(tmp_path, groups)
    assert places(result, "member-no-contribution") == [("T01.xlsx", "Đoàn viên", "B6")]


def test_fund_row_for_someone_not_a_member(tmp_path):
    groups = two_groups()
    groups[0]["data"]["travel_fund"].append(
        {"full_name": "Người Lạ", "cccd": "012080009999", **{f"m{m:02d}": 30_000 for m in range(1, 13)},
         "total": 360_000})
    groups[0]["data"]["info"]["declared_travel_total"] += 360_000
    result = merged(tmp_path, groups)
    assert places(result, "member-unknown") == [("T01.xlsx", "Quỹ du lịch", "C7")]


def test_trip_support_other_than_policy(tmp_path):
    groups = two_groups()
    groups[0]["data"]["travel_fund"][0]["trip_support"] = 500_000
    result = merged(tmp_path, groups)
    assert places(result, "trip-support-rate") == [("T01.xlsx", "Quỹ du lịch", "Q4")]


# ------------------------------------------------------------------ loans

def _loan(group, **values):
    group["data"]["loans"][0].update(values)


def test_loan_above_cap(tmp_path):
    groups = two_groups()
    _loan(groups[0], amount=15_000_000, outstanding=11_000_000)
    groups[0]["data"]["info"]["declared_loans_amount"] = 15_000_000
    result = merged(tmp_path, groups)
    assert places(result, "loan-cap") == [("T01.xlsx", "Vay vốn", "E4")]


def test_loan_to_non_member(tmp_path):
    groups = two_groups()
    _loan(groups[0], full_name="Người Ngoài", cccd="012080009999")
    result = merged(tmp_path, groups)
    assert places(result, "loan-non-member") == [("T01.xlsx", "Vay vốn", "C4")]


def test_repaid_more_than_lent(tmp_path):
    groups = two_groups()
    _loan(groups[0], repaid=12_000_000, outstanding=0)
    result = merged(tmp_path, groups)
    assert places(result, "loan-overpaid") == [("T01.xlsx", "Vay vốn", "G4")]


def test_outstanding_is_amount_minus_repaid(tmp_path):
    groups = two_groups()
    _loan(groups[0], outstanding=5_000_000)
    result = merged(tmp_path, groups)
    assert places(result, "loan-outstanding") == [("T01.xlsx", "Vay vốn", "H4")]


def test_loans_beyond_what_the_fund_holds(tmp_path):
    groups = two_groups()
    result = merged(tmp_path, groups, unit=unit_data(["T01", "T02"], opening=0))
    # opening 0 + collected 4.800.000 − lent 20.000.000 < 0
    assert places(result, "loan-fund-exceeded") == [("don-vi.xlsx", "Thông tin đơn vị", "B10")]


# ---------------------------------------------------------------- welfare

def test_per_head_gift_paid_twice(tmp_path):
    groups = two_groups()
    groups[0]["data"]["welfare"].append(dict(groups[0]["data"]["welfare"][0]))
    result = merged(tmp_path, groups)
    assert places(result, "welfare-duplicate") == [("T01.xlsx", "Chăm lo", "C11")]


def test_per_head_gift_missing(tmp_path):
    groups = two_groups()
    del groups[0]["data"]["welfare"][3]  # member 2's Doctors' Day
    result = merged(tmp_path, groups)
    assert places(result, "welfare-missing") == [("T01.xlsx", "Đoàn viên", "B5")]


def test_group_gift_missing(tmp_path):
    groups = two_groups()
    del groups[0]["data"]["welfare"][-1]
    result = merged(tmp_path, groups)
    assert places(result, "welfare-missing") == [("T01.xlsx", "Thông tin tổ", "B8")]


def test_welfare_rate(tmp_path):
    groups = two_groups()
    groups[0]["data"]["welfare"][0]["amount"] = 100_000
    result = merged(tmp_path, groups)
    assert places(result, "welfare-rate") == [("T01.xlsx", "Chăm lo", "F4")]


# ------------------------------------------------------------------ files

def test_wrong_year(tmp_path):
    groups = two_groups()
    groups[1]["year"] = 2023
    result = merged(tmp_path, groups)
    assert places(result, "file-year") == [("T02.xlsx", "Thông tin tổ", "B5")]
    assert [b.group_code for b in result.dataset.groups] == ["T01"]
    assert result.report.account["members"].rejected == 3


def test_wrong_template_version(tmp_path):
    folder = write_folder(tmp_path / "in", two_groups())
    book = openpyxl.load_workbook(folder / "T02.xlsx")
    book["Thông tin tổ"]["B4"] = "0.9"
    book.save(folder / "T02.xlsx")
    result = merge_folder(folder)
    assert places(result, "file-version") == [("T02.xlsx", "Thông tin tổ", "B4")]


def test_group_not_in_unit_list(tmp_path):
    result = merged(tmp_path, two_groups(), unit_codes=["T01"])
    assert places(result, "group-unknown") == [("T02.xlsx", "Thông tin tổ", "B7")]


def test_expected_group_sent_nothing(tmp_path):
    result = merged(tmp_path, two_groups(), unit_codes=["T01", "T02", "T03"])
    assert places(result, "group-missing") == [("don-vi.xlsx", "Tổ công đoàn", "B6")]


@pytest.mark.parametrize("spoil", ["unreadable", "other_year"])
def test_a_group_whose_file_was_refused_is_missing_with_that_file_named(tmp_path, spoil):
    groups = [clean_group("T01"), clean_group("T02", offset=50)]
    if spoil == "other_year":
        groups[1]["year"] -= 1  # read, its code T02 known, refused for its year
    folder = write_folder(tmp_path / "in", groups, unit_codes=["T01", "T02", "T03"])
    if spoil == "unreadable":
        (folder / "T02.xlsx").write_bytes(b"PK\x03\x04 not a workbook")  # only its file name says T02
    result = merge_folder(folder)
    missing = {f.group: f for f in result.report.findings if f.code == "group-missing"}
    assert sorted(missing) == ["T02", "T03"]
    assert (missing["T02"].sheet, missing["T02"].cell) == ("Tổ công đoàn", "B5")
    assert "'T02.xlsx'" in missing["T02"].message("vi") and "'T02.xlsx'" in missing["T02"].message("en")
    assert "T02.xlsx" not in missing["T03"].message("en")  # T03 sent nothing at all
    assert missing["T03"].message("en").startswith("No usable workbook received from group T03 (Tổ thử T03). Ask")


def test_two_files_for_one_group(tmp_path):
    folder = write_folder(tmp_path / "in", two_groups())
    shutil.copy(folder / "T02.xlsx", folder / "T02-ban-sua.xlsx")
    result = merge_folder(folder)
    assert places(result, "group-duplicate-file") == [("T02-ban-sua.xlsx", "Thông tin tổ", "B7")]
    assert result.report.account["members"].read == 9
    assert result.report.account["members"].rejected == 3


def test_lock_files_and_non_workbooks_are_skipped_with_a_note(tmp_path):
    folder = write_folder(tmp_path / "in", two_groups())
    (folder / "~$T01.xlsx").write_bytes(b"\x00lock")
    (folder / "ghi-chu.txt").write_text("xin chào")
    result = merge_folder(folder)
    assert sorted(places(result, "file-skipped")) == [("ghi-chu.txt", "", ""), ("~$T01.xlsx", "", "")]
    assert result.report.exit_code == 0


def test_unreadable_and_foreign_files(tmp_path):
    folder = write_folder(tmp_path / "in", two_groups())
    (folder / "hong.xlsx").write_bytes(b"this is not a zip")
    foreign = openpyxl.Workbook()
    foreign.active["A1"] = "Bảng lương"
    foreign.save(folder / "bang-luong.xlsx")
    result = merge_folder(folder)
    assert places(result, "file-unreadable") == [("hong.xlsx", "", "")]
    assert places(result, "file-not-unionxl") == [("bang-luong.xlsx", "", "")]
    assert len(result.dataset.groups) == 2  # the others still merge


def test_no_unit_workbook(tmp_path):
    folder = write_folder(tmp_path / "in", two_groups())
    (folder / "don-vi.xlsx").unlink()
    result = merge_folder(folder)
    assert places(result, "unit-missing") == [("", "", "")]
    assert result.dataset.year == 2024  # taken from the groups


# ------------------------------------------------- sheets, headers, layout

def test_sheet_deleted(tmp_path):
    folder = write_folder(tmp_path / "in", two_groups())
    book = openpyxl.load_workbook(folder / "T01.xlsx")
    del book["Vay vốn"]
    book.save(folder / "T01.xlsx")
    result = merge_folder(folder)
    missing = [f for f in result.report.findings if f.code == "sheet-missing"]
    assert [(f.file, f.params["sheet_expected"]) for f in missing] == [("T01.xlsx", "loans")]
    assert "'Vay vốn'" in missing[0].message() and "'Loans'" in missing[0].message("en")


def test_header_row_deleted_rejects_its_rows(tmp_path):
    folder = write_folder(tmp_path / "in", two_groups())
    book = openpyxl.load_workbook(folder / "T01.xlsx")
    book["Quỹ tương hỗ"].delete_rows(3)
    book.save(folder / "T01.xlsx")
    result = merge_folder(folder)
    assert places(result, "header-missing") == [("T01.xlsx", "Quỹ tương hỗ", "A1")]
    assert result.report.account["mutual_fund"].rejected == 3


def test_moved_and_retyped_columns_and_rows_above_the_header(tmp_path):
    folder = write_folder(tmp_path / "in", two_groups())
    book = openpyxl.load_workbook(folder / "T01.xlsx")
    sheet = book["Đoàn viên"]
    sheet.insert_rows(1, amount=2)  # header now row 5
    sheet.insert_cols(2)  # an extra column before the name
    sheet["B5"] = "Mã nhân viên"
    sheet["C5"] = "HO VA TEN"  # retyped without diacritics, upper case
    sheet["F5"] = "so  cccd"
    book.save(folder / "T01.xlsx")
    result = merge_folder(folder)
    assert places(result, "column-unknown") == [("T01.xlsx", "Đoàn viên", "B5")]
    assert result.report.errors == 0
    first = result.dataset.groups[0].rows("members")[0]
    assert first.number == 6 and first.values["full_name"] == "Lò Văn Inh"
    assert result.dataset.groups[0].tables["members"].cell(first, "cccd") == "F6"


def test_required_column_missing(tmp_path):
    folder = write_folder(tmp_path / "in", two_groups())
    book = openpyxl.load_workbook(folder / "T01.xlsx")
    book["Quỹ du lịch"]["P3"] = None  # the 'Cộng' header
    book.save(folder / "T01.xlsx")
    result = merge_folder(folder)
    assert places(result, "column-missing") == [("T01.xlsx", "Quỹ du lịch", "A3")]
    assert result.report.account["travel_fund"].rejected == 3


def test_totals_line_under_the_list_is_not_a_member(tmp_path):
    folder = write_folder(tmp_path / "in", two_groups())
    book = openpyxl.load_workbook(folder / "T01.xlsx")
    book["Quỹ du lịch"]["B8"] = "Cộng"
    book["Quỹ du lịch"]["P8"] = 1_080_000
    book.save(folder / "T01.xlsx")
    result = merge_folder(folder)
    assert places(result, "row-summary") == [("T01.xlsx", "Quỹ du lịch", "B8")]
    assert result.report.errors == 0


# ------------------------------------------------------------ nothing lost

def test_every_row_read_is_accepted_or_rejected_with_a_finding(tmp_path):
    groups = two_groups()
    groups[0]["data"]["members"][1]["gender"] = "?"
    groups[1]["data"]["travel_fund"][0]["m02"] = "không"
    groups[1]["year"] = 2023
    result = merged(tmp_path, groups)
    for key, account in result.report.account.items():
        assert account.read == account.accepted + account.rejected, key
    rejected_files = {f.file for f in result.report.findings if f.code == "file-year"}
    for book in [*result.dataset.groups]:
        for key, sheet in book.tables.items():
            for row in sheet.rows:
                if not row.accepted:
                    rows_with_findings = {f.cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
                                          for f in result.report.findings if f.file == book.display
                                          and f.sheet == sheet.name}
                    assert str(row.number) in rows_with_findings or book.display in rejected_files
    assert result.report.account["members"].rejected == 1 + 3
    assert result.report.account["travel_fund"].rejected == 3


def test_a_csv_export_is_skipped_with_advice_to_send_the_workbook(tmp_path):
    folder = write_folder(tmp_path / "in", two_groups())
    (folder / "T03.csv").write_text("Họ và tên;Giới tính\nLò Văn Inh;Nam\n", encoding="utf-8")
    result = merge_folder(folder)
    [skipped] = [f for f in result.report.findings if f.code == "file-skipped"]
    assert skipped.file == "T03.csv" and ".xlsx" in skipped.message() and ".xlsx" in skipped.message("en")
