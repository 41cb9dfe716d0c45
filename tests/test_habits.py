"""Officers' real habits (issue 12): each edited into the real template the way Excel saves it (an
openpyxl load and save), asserting the finding and the cell, and that nothing false comes with it.

Layout (the template's): data from row 4; 'Đoàn viên' B name, C gender, D birth date, E CCCD,
K join date, N note; 'Quỹ du lịch' D..O months, P total, Q trip support, R note; 'Quỹ tương hỗ'
D..G quarters, H total, I note; 'Chăm lo' C kind, D name, E CCCD; 'Thông tin tổ' values in B.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from unionxl import schema
from unionxl.checks.members import EARLIEST_RETIREMENT_AGE, retirement_age_months, retirement_month
from unionxl.findings import Severity
from unionxl.merge import merge_folder
from unionxl.parse import legacy_to_unicode, parse_cccd, parse_date
from unionxl.writers import write_outputs

from .builders import clean_group, two_groups, unit_data, write_folder

M, TF, MF, WF, INFO = "Đoàn viên", "Quỹ du lịch", "Quỹ tương hỗ", "Chăm lo", "Thông tin tổ"


def folder_with(tmp_path, edit, groups=None, file="T01.xlsx", **kw) -> Path:
    """The groups written with the real template, then one file opened and saved by openpyxl."""
    folder = write_folder(tmp_path / "in", groups or two_groups(), **kw)
    path = folder / file
    wb = openpyxl.load_workbook(path)
    edit(wb)
    wb.save(path)
    return folder


def findings(result, *codes):
    return sorted((f.code, f.file, f.sheet, f.cell) for f in result.report.findings if not codes or f.code in codes)


def errors(result):
    return [(f.code, f.sheet, f.cell) for f in result.report.findings if f.severity == Severity.ERROR]


def row_values(result, group, sheet):
    book = next(b for b in result.dataset.groups if b.group_code == group)
    return [r.values for r in book.rows(sheet)]


# ------------------------------------------------ 1. formulas and zeros below the list


def test_rows_of_zeros_below_the_list_are_not_records(tmp_path):
    def edit(wb):  # what a SUM filled down shows (calamine reads the saved 0 like a typed one)
        for r in range(7, 27):
            wb[TF][f"P{r}"] = 0
            wb[MF][f"H{r}"] = 0
            wb[M][f"A{r}"] = r - 3  # STT numbered down too
    result = merge_folder(folder_with(tmp_path, edit))
    assert findings(result) == []
    assert result.report.account["travel_fund"].read == 6


# ------------------------------------------------ 2. totals lines


@pytest.mark.parametrize("label_cell, label, merge", [
    ("A7", "Tổng cộng", None), ("A7", "Cộng", "A7:C7"), ("B7", "Tổng số: 3 người", None), ("B7", None, None)])
def test_totals_line_is_not_a_record_wherever_its_label_is(tmp_path, label_cell, label, merge):
    def edit(wb):
        ws = wb[TF]
        if label:
            ws[label_cell] = label
        for c in "DEFGHIJKLMNOP":
            ws[f"{c}7"] = sum(ws[f"{c}{r}"].value for r in (4, 5, 6))
        if merge:
            ws.merge_cells(merge)
    result = merge_folder(folder_with(tmp_path, edit))
    assert findings(result) == [("row-summary", "T01.xlsx", TF, label_cell)]
    account = result.report.account["travel_fund"]  # read, and kept out as a totals line: no declared-total
    assert (account.read, account.accepted, account.summary) == (7, 6, 1)


def test_a_surname_like_a_label_is_still_a_member(tmp_path):
    groups = two_groups()
    groups[0]["data"]["members"][2]["full_name"] = "Tống Văn Hùng"
    groups[0]["data"]["members"][2]["cccd"] = None  # and no CCCD: still a person, not a totals line
    result = merge_folder(write_folder(tmp_path / "in", groups))
    assert ("cell-required", M, "E6") in errors(result)
    assert "row-summary" not in result.report.codes()


# ------------------------------------------------ 3. an officer's column named like a template column


def test_extra_birth_year_column_does_not_take_the_birth_date_place(tmp_path):
    def edit(wb):
        ws = wb[M]
        ws.insert_cols(4)
        ws["D3"] = "Năm sinh"
        for r in (4, 5, 6):
            ws[f"D{r}"] = ws[f"E{r}"].value.year
    result = merge_folder(folder_with(tmp_path, edit))
    assert findings(result) == [("column-unknown", "T01.xlsx", M, "D3")]
    assert [v["birth_date"] for v in row_values(result, "T01", "members")] == \
        [dt.date(1985, 3, 12), dt.date(1990, 7, 1), dt.date(2001, 1, 20)]


@pytest.mark.parametrize("typed, expected", [(1985, dt.date(1985, 1, 1)), ("1985", dt.date(1985, 1, 1)),
                                             ("tháng 3/1985", dt.date(1985, 3, 1)), ("3/1985", dt.date(1985, 3, 1))])
def test_a_year_or_month_alone_in_a_date_cell(tmp_path, typed, expected):
    def edit(wb):
        wb[M]["D4"] = typed  # into the template's dd/mm/yyyy cell: 1985 is stored as serial 1985
    result = merge_folder(folder_with(tmp_path, edit))
    assert findings(result) == [("date-incomplete", "T01.xlsx", M, "D4")]
    assert row_values(result, "T01", "members")[0]["birth_date"] == expected


# ------------------------------------------------ 4. a workbook reused by another group


def _reused(tmp_path, own_name, reused_name):
    groups = two_groups()
    folder = write_folder(tmp_path / "in", groups)
    (folder / "T01.xlsx").rename(folder / own_name)
    (folder / "T02.xlsx").rename(folder / reused_name)
    wb = openpyxl.load_workbook(folder / reused_name)
    wb[INFO]["B7"] = "T01"  # T02 typed its rows over T01's workbook: the locked code stayed
    wb.save(folder / reused_name)
    return merge_folder(folder)


@pytest.mark.parametrize("own, reused", [("T01-to-mot.xlsx", "T02-to-hai.xlsx"),
                                         ("T01 to mot.xlsx", "0-T02 to hai.xlsx")])  # the reused file read first
def test_reused_workbook_is_named_and_never_called_extra(tmp_path, own, reused):
    result = _reused(tmp_path, own, reused)
    assert findings(result, "group-code-reused", "group-duplicate-file") == \
        [("group-code-reused", reused, INFO, "B7")]
    found = next(f for f in result.report.findings if f.code == "group-code-reused")
    assert "xóa tệp thừa" not in found.message() and "T02" in found.message()
    assert [b.display for b in result.dataset.groups] == [own]
    assert ("group-missing", "T02") in [(f.code, f.group) for f in result.report.findings]


def test_file_name_of_another_group_is_a_warning_alone(tmp_path):
    groups = [clean_group("T01"), clean_group("T02", offset=50)]
    folder = write_folder(tmp_path / "in", groups)
    (folder / "T01.xlsx").rename(folder / "T03-to-ba.xlsx")
    result = merge_folder(write_folder(folder, [], unit=unit_data(["T01", "T02", "T03"])))
    assert findings(result, "group-file-name") == [("group-file-name", "T03-to-ba.xlsx", INFO, "B7")]


def test_two_copies_of_the_same_group_still_name_the_extra_file(tmp_path):
    folder = write_folder(tmp_path / "in", two_groups())
    (folder / "T01 (1).xlsx").write_bytes((folder / "T01.xlsx").read_bytes())
    result = merge_folder(folder)
    assert findings(result, "group-code-reused", "group-duplicate-file") == \
        [("group-duplicate-file", "T01 (1).xlsx", INFO, "B7")]


# ------------------------------------------------ 5, 6. no cascades


def test_one_wrong_cccd_in_the_member_list_is_reported_once(tmp_path):
    def edit(wb):
        wb[M]["E5"] = "01219000432"  # one digit dropped; the fund and welfare sheets have it right
    result = merge_folder(folder_with(tmp_path, edit))
    assert findings(result) == [("cccd-length", "T01.xlsx", M, "E5"), ("member-linked-by-name", "T01.xlsx", M, "E5")]
    assert result.report.account["travel_fund"].rejected == 0


def test_one_wrong_cccd_on_a_fund_sheet_points_at_that_row(tmp_path):
    def edit(wb):
        wb[MF]["C5"] = "012190004322"  # valid-looking, but no member has it
    result = merge_folder(folder_with(tmp_path, edit))
    assert findings(result) == [("member-linked-by-name", "T01.xlsx", MF, "C5")]
    found = result.report.findings[0]
    assert "012190004322" in found.message() and "012190004321" in found.message()


def test_a_stranger_is_still_unknown(tmp_path):
    def edit(wb):
        wb[MF]["B5"], wb[MF]["C5"] = "Người Ngoài", "012190009999"
    result = merge_folder(folder_with(tmp_path, edit))
    assert ("member-unknown", "T01.xlsx", MF, "C5") in findings(result)


def test_rejected_fund_row_is_not_also_a_missing_row(tmp_path):
    def edit(wb):
        wb[TF]["I5"] = "ba mươi nghìn"
        wb[WF]["F5"] = "hai trăm"  # Tết gift of the second member
    result = merge_folder(folder_with(tmp_path, edit))
    assert findings(result) == [("cell-type", "T01.xlsx", WF, "F5"), ("cell-type", "T01.xlsx", TF, "I5")]


# ------------------------------------------------ 7. a reason in Ghi chú


def test_reason_in_the_note_turns_arrears_into_a_note_shown_in_the_workbook(tmp_path):
    def edit(wb):
        wb[MF]["G5"], wb[MF]["H5"], wb[MF]["I5"] = None, 600_000, "Nghỉ thai sản"
        wb[INFO]["B16"] = 800_000 * 3 - 200_000
        wb[MF]["G6"], wb[MF]["H6"] = None, 600_000  # no reason: still a warning
        wb[INFO]["B16"] = 800_000 * 3 - 400_000
    result = merge_folder(folder_with(tmp_path, edit))
    assert findings(result) == [("contribution-arrears", "T01.xlsx", MF, "G6"),
                                ("contribution-arrears-noted", "T01.xlsx", MF, "G5")]
    noted = next(f for f in result.report.findings if f.code == "contribution-arrears-noted")
    assert noted.severity == Severity.NOTE and "Nghỉ thai sản" in noted.message()
    out = tmp_path / "out"
    write_outputs(result, out)
    sheet = openpyxl.load_workbook(next(out.glob("tong-hop-*.xlsx")), read_only=True)["Phát hiện"]
    shown = [row for row in sheet.iter_rows(values_only=True) if "contribution-arrears-noted" in row]
    assert len(shown) == 1 and "Nghỉ thai sản" in shown[0][-1] and shown[0][0] == "Ghi chú"


# ------------------------------------------------ 8. dates typed on a US-format computer


def test_dates_typed_on_a_us_computer_are_read_as_meant(tmp_path):
    def edit(wb):  # what Calc/Excel in en-US store for '05/03/1985', '15/07/1990', '20/01/2001'
        wb[M]["D4"] = dt.datetime(1985, 5, 3)
        wb[M]["D5"] = "15/07/1990"
        wb[M]["D6"] = "20/01/2001"
        for r in (4, 5, 6):
            wb[M][f"K{r}"] = dt.datetime(2015, 1, 5)  # '01/05/2015' typed
        wb[INFO]["B11"] = "20/12/2024"
        for r in range(4, 11):  # welfare dates typed too: 05/02 -> 2 May, 27/02 and 08/03 stay as typed
            value = wb[WF][f"B{r}"].value
            wb[WF][f"B{r}"] = value.strftime("%d/%m/%Y") if value.day > 12 else value.replace(day=value.month,
                                                                                              month=value.day)
        wb[schema.LOANS.vi]["D4"] = dt.datetime(2024, 3, 1)  # '03/01/2024' typed
    result = merge_folder(folder_with(tmp_path, edit))
    codes = Counter(f.code for f in result.report.findings)
    # swapped: birth D4, 3 join dates, the loan date, 3 Tết gifts (05/02), Women's Day (08/03);
    # text: births D5 and D6, the date prepared, 3 Doctors' Day rows (27/02)
    assert codes == {"date-us-swapped": 1 + 3 + 1 + 3 + 1, "date-us-text": 2 + 1 + 3}
    assert ("date-us-swapped", "T01.xlsx", M, "D4") in findings(result)
    assert ("date-us-text", "T01.xlsx", M, "D5") in findings(result)
    members = row_values(result, "T01", "members")
    assert [m["birth_date"] for m in members] == [dt.date(1985, 3, 5), dt.date(1990, 7, 15), dt.date(2001, 1, 20)]
    assert {m["join_date"] for m in members} == {dt.date(2015, 5, 1)}
    swapped = next(f for f in result.report.findings if f.cell == "D4")
    assert swapped.params["expected"] == dt.date(1985, 3, 5) and "gõ 05/03/1985" in swapped.message()


def test_one_text_date_among_day_first_dates_is_just_text(tmp_path):
    def edit(wb):
        wb[M]["D5"] = "15/07/1990"  # the other dates (27/02, 20/12 ...) were understood day-first
    result = merge_folder(folder_with(tmp_path, edit))
    assert findings(result) == [("date-as-text", "T01.xlsx", M, "D5")]


def test_template_turns_a_date_cell_holding_text_orange():
    from unionxl.template import write_group_workbook
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        path = write_group_workbook(Path(tmp) / "T.xlsx", year=2024, unit_name="U", group_code="T01",
                                    group_name="T", data={})
        ws = openpyxl.load_workbook(path)[M]
        rules = [(str(rng.sqref), rule.formula) for rng in ws.conditional_formatting for rule in rng.rules]
    assert ("D4:D403", ["ISTEXT(D4)"]) in rules and ("K4:K403", ["ISTEXT(K4)"]) in rules


# ------------------------------------------------ 9. ages


@pytest.mark.parametrize("gender, year, months", [
    ("male", 2020, 720), ("male", 2021, 723), ("male", 2024, 732), ("male", 2028, 744), ("male", 2035, 744),
    ("female", 2020, 660), ("female", 2021, 664), ("female", 2024, 676), ("female", 2035, 720),
    ("female", 2040, 720)])
def test_retirement_age_roadmap(gender, year, months):
    assert retirement_age_months(gender, year) == months


def test_no_one_has_retired_before_the_year_after_their_55th_birthday():
    # check_ages skips anyone younger than that without working out their retirement month
    for gender in ("male", "female"):
        for year in range(1940, 2000):
            for month in (1, 6, 12):
                retired = retirement_month(dt.date(year, month, 28), gender)
                assert retired.year >= year + EARLIEST_RETIREMENT_AGE


def test_retirement_month():
    assert retirement_month(dt.date(1963, 1, 5), "male") == dt.date(2023, 10, 1)  # 60y9m in 2023
    assert retirement_month(dt.date(1968, 1, 1), "female") == dt.date(2024, 5, 1)  # 56y4m in 2024


@pytest.mark.parametrize("gender, birth, cccd, code", [
    ("Nam", dt.date(2012, 5, 20), "012212001234", "member-age-young"),
    ("Nam", dt.date(1958, 3, 14), "012058001234", "member-age-retired"),
    ("Nữ", dt.date(1966, 3, 14), "012166001234", "member-age-retired"),
    ("Nữ", dt.date(1968, 1, 1), "012168001234", None),  # reaches retirement in 2024: still a member this year
    ("Nam", dt.date(2009, 12, 31), "012209001234", None),  # 15 in 2024
])
def test_age_at_the_report_year(tmp_path, gender, birth, cccd, code):
    groups = two_groups()
    member = groups[0]["data"]["members"][0]
    old = member["cccd"]
    for sheet in ("members", "travel_fund", "mutual_fund", "loans", "welfare"):
        for row in groups[0]["data"][sheet]:
            if row.get("cccd") == old:
                row["cccd"] = cccd
    member.update(gender=gender, birth_date=birth)
    groups[0]["data"]["info"]["declared_male"] = sum(m["gender"] == "Nam" for m in groups[0]["data"]["members"])
    groups[0]["data"]["info"]["declared_female"] = 3 - groups[0]["data"]["info"]["declared_male"]
    result = merge_folder(write_folder(tmp_path / "in", groups))
    assert findings(result) == ([(code, "T01.xlsx", M, "D4")] if code else [])


# ------------------------------------------------ the other habits of issue 12


@pytest.mark.parametrize("seen, meant, encoding", [
    ("NguyÔn ThÞ Hoa", "Nguyễn Thị Hoa", "TCVN3"), ("Tr\xadêng V¨n §øc", "Trường Văn Đức", "TCVN3"),
    ("Nguyeãn Thò Hoa", "Nguyễn Thị Hoa", "VNI"), ("Ñinh Xuaân Thuûy", "Đinh Xuân Thủy", "VNI")])
def test_legacy_encodings_are_recognised(seen, meant, encoding):
    assert legacy_to_unicode(seen) == (meant, encoding)


@pytest.mark.parametrize("text", ["Nguyễn Thị Hoa", "Hoàng Văn Thắng", "Đoàn Thuỳ Dương", "Lò Văn Inh",
                                  "“Quỹ tương hỗ” – 2024…", "Giàng A Sử", "Phạm Hoà"])
def test_unicode_vietnamese_is_left_alone(text):
    assert legacy_to_unicode(text) is None


def test_every_sample_name_is_unicode():
    wb = openpyxl.load_workbook(Path(__file__).parent.parent / "samples" / "2024" / "T08-khoa-noi-tong-hop.xlsx")
    names = [r[1] for r in wb[M].iter_rows(min_row=4, values_only=True) if r[1]]
    assert names and all(legacy_to_unicode(n) is None for n in names)


def test_name_in_tcvn3_is_read_converted_with_a_warning(tmp_path):
    def edit(wb):
        wb[M]["B5"] = "NguyÔn ThÞ Hoa"
    result = merge_folder(folder_with(tmp_path, edit))
    assert findings(result) == [("text-legacy-encoding", "T01.xlsx", M, "B5")]
    assert row_values(result, "T01", "members")[1]["full_name"] == "Nguyễn Thị Hoa"
    assert "Nguyễn Thị Hoa" in result.report.findings[0].message()


def test_marks_instead_of_amounts_are_one_warning_per_row(tmp_path):
    def edit(wb):
        for c in "DEFGHIJKLMNO":
            wb[TF][f"{c}5"] = "x"
        wb[MF]["D6"] = "✓"
    result = merge_folder(folder_with(tmp_path, edit))
    assert findings(result) == [("amount-mark", "T01.xlsx", TF, "D5"), ("amount-mark", "T01.xlsx", MF, "D6")]
    assert row_values(result, "T01", "travel_fund")[1]["m12"] == 30_000


def test_amounts_in_thousands_are_one_warning_per_sheet(tmp_path):
    def edit(wb):
        for r in (4, 5, 6):
            for c in "DEFG":
                wb[MF][f"{c}{r}"] = 200
            wb[MF][f"H{r}"] = 800
    result = merge_folder(folder_with(tmp_path, edit))
    assert findings(result) == [("amount-thousands", "T01.xlsx", MF, "D4")]
    assert result.report.findings[0].params["count"] == 15
    assert row_values(result, "T01", "mutual_fund")[2]["total"] == 800_000


def test_month_block_shifted_one_column_right(tmp_path):
    def edit(wb):
        ws = wb[TF]
        for r in (4, 5, 6):
            values = [ws.cell(r, c).value for c in range(4, 19)]  # D..R
            ws.cell(r, 4).value = None
            for i, value in enumerate(values):
                ws.cell(r, 5 + i).value = value
    result = merge_folder(folder_with(tmp_path, edit))
    assert findings(result) == [("columns-shifted", "T01.xlsx", TF, "D3")]
    assert row_values(result, "T01", "travel_fund")[0]["m01"] == 30_000


def test_second_table_right_of_the_list(tmp_path):
    def edit(wb):
        wb[M]["P3"], wb[M]["Q3"], wb[M]["P4"], wb[M]["Q4"] = "Thống kê", "Số", "Nam", 2
    result = merge_folder(folder_with(tmp_path, edit))
    assert findings(result) == [("table-beside", "T01.xlsx", M, "P3")]


def test_duplicated_sheet(tmp_path):
    def edit(wb):
        wb.copy_worksheet(wb[M]).title = "Đoàn viên (2)"
    result = merge_folder(folder_with(tmp_path, edit))
    assert findings(result) == [("sheet-duplicate", "T01.xlsx", "Đoàn viên (2)", "")]
    assert result.report.account["members"].read == 6


def test_original_sheet_deleted_its_copy_is_read(tmp_path):
    def edit(wb):
        wb.copy_worksheet(wb[M]).title = "Đoàn viên_2"
        del wb[M]
    result = merge_folder(folder_with(tmp_path, edit))
    assert findings(result) == []
    assert result.report.account["members"].read == 6


def test_phone_number_in_the_cccd_column(tmp_path):
    def edit(wb):
        wb[M]["E4"] = "0912 345 678"
    result = merge_folder(folder_with(tmp_path, edit))
    assert findings(result) == [("cccd-phone", "T01.xlsx", M, "E4"), ("member-linked-by-name", "T01.xlsx", M, "E4")]
    assert parse_cccd(912345678) == ("0912345678", "phone")


def test_sorted_list_retyped_headers_line_breaks_filters_and_tables_read_clean(tmp_path):
    from openpyxl.worksheet.table import Table

    def edit(wb):
        ws = wb[M]
        rows = [[ws.cell(r, c).value for c in range(1, 15)] for r in (4, 5, 6)]
        for r, values in zip((4, 5, 6), reversed(rows)):  # sorted the other way: STT 3, 2, 1
            for c, value in enumerate(values, 1):
                ws.cell(r, c).value = value
        ws["B3"], ws["D3"], ws["E3"] = "Họ  và\ntên", "Ngày tháng năm sinh", "SỐ CCCD"
        ws["B5"] = "Nguyễn Thị\nHoa"
        ws.protection.sheet = False
        ws.row_dimensions[5].hidden = True
        ws = wb[MF]
        ws.auto_filter.ref = None
        ws.add_table(Table(displayName="Quy", ref="A3:I6"))
        for i in range(1, 13):
            wb[TF].cell(3, 3 + i).value = f"T{i}"
    result = merge_folder(folder_with(tmp_path, edit))
    assert findings(result) == []
    assert [m["full_name"] for m in row_values(result, "T01", "members")] == ["Giàng A Sử", "Nguyễn Thị Hoa",
                                                                                "Lò Văn Inh"]


def test_old_excel_xls_is_read(tmp_path):
    from tests.conftest import needs
    import shutil
    import subprocess

    soffice = needs("soffice")
    folder = write_folder(tmp_path / "in", two_groups())
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to",
                    "xls:MS Excel 97", "--outdir", str(tmp_path), str(folder / "T01.xlsx")],
                   check=True, capture_output=True, timeout=300)
    (folder / "T01.xlsx").unlink()
    shutil.copyfile(tmp_path / "T01.xlsx".replace(".xlsx", ".xls"), folder / "T01.xls")
    result = merge_folder(folder)
    assert findings(result) == []
    assert row_values(result, "T01", "members")[0]["cccd"] == "012085001234"


def test_parse_date_year_only():
    assert parse_date(dt.datetime(1905, 6, 12)) == (dt.date(1990, 1, 1), "partial")  # 1990 in a date cell
