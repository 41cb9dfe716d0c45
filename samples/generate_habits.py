"""Generate samples/2024-thoi-quen: the clean 2024 year as officers really hand it in.

    python samples/generate_habits.py            # rewrites samples/2024-thoi-quen from samples/2024
    python samples/generate_habits.py --out DIR  # writes DIR/2024-thoi-quen instead

Each group workbook of samples/2024 is edited the way an officer edits it: most with openpyxl
(a load and a save, as Excel does), the formulas filled down and the dates typed on a computer
set to the US regional format through LibreOffice Calc's own input handler (samples/uno_edit.py,
run by the system Python that has `uno`), and one workbook saved as .xls by LibreOffice for an old
Excel. Every habit lands in its own group so the findings of one never hide another's.

README.md lists each habit, the finding a careful treasurer wants from it (or the tolerant read,
with no finding) and the cell; expected-findings.csv holds the same for tests/test_habits_sample.py.
Needs LibreOffice (`soffice`) and python3-uno; the output is committed, so CI needs neither.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl
from openpyxl.worksheet.table import Table, TableStyleInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "samples"))

import generate as g24  # noqa: E402 - samples/generate.py: groups, file names
from unionxl import schema  # noqa: E402
from unionxl.model import column_letter  # noqa: E402
from unionxl.parse import _TCVN3_MEANT, _TCVN3_SEEN, _VNI  # noqa: E402 - the same tables, read backwards

SAMPLES = ROOT / "samples"
CLEAN = SAMPLES / "2024"
NAME = "2024-thoi-quen"
FILES = {code: f"{code}-{g24.slug(name)}.xlsx" for code, name, *_ in g24.GROUPS}
GROUP_ROW = {code: schema.HEADER_ROW + 1 + i for i, (code, *_) in enumerate(g24.GROUPS)}  # in the unit's list
SHEET = {s.key: s for s in schema.GROUP_SHEETS}
INFO_ROW = {f.key: schema.FIELD_FIRST_ROW + i for i, f in enumerate(schema.GROUP_INFO.fields)}
FIRST = schema.HEADER_ROW + 1


def col(sheet_key: str, key: str) -> str:
    return column_letter(SHEET[sheet_key].keys.index(key))


def to_tcvn3(text: str) -> str:
    table = dict(zip(_TCVN3_MEANT, _TCVN3_SEEN))
    return "".join(table.get(ch, ch) for ch in text)


def to_vni(text: str) -> str:
    table = {meant: vni for vni, meant in _VNI.items()}
    return "".join(table.get(ch, ch) for ch in text)


class Habits:
    """The habits applied and the findings each must produce."""

    def __init__(self, out: Path):
        self.out = out
        self.items: list[dict] = []
        self.books: dict[str, openpyxl.Workbook] = {}
        self.uno_jobs: list[dict] = []

    def add(self, code: str, what: str, *findings: tuple[str, str, str, str], file: str | None = None) -> None:
        """findings: (finding code, file, sheet, cell); none for a habit read tolerantly."""
        self.items.append({"group": code, "file": file or FILES[code], "what": what, "findings": findings})

    def book(self, code: str) -> openpyxl.Workbook:
        if code not in self.books:
            self.books[code] = openpyxl.load_workbook(self.out / FILES[code])
        return self.books[code]

    def save(self) -> None:
        for code, wb in self.books.items():
            wb.save(self.out / FILES[code])


def rows_of(ws, name_col: str = "B") -> list[int]:
    rows = []
    r = FIRST
    while ws[f"{name_col}{r}"].value not in (None, ""):
        rows.append(r)
        r += 1
    return rows


def row_named(ws, name: str, name_col: str = "B") -> int:
    return next(r for r in rows_of(ws, name_col) if ws[f"{name_col}{r}"].value == name)


def plain_member(wb, index: int = 0, gender: str | None = None) -> tuple[int, str, str]:
    """(row, name, CCCD) of a member with no loan, welfare visit, trip support or note: a habit on
    them touches nothing else."""
    members = wb[SHEET["members"].vi]
    busy = set()
    for r in rows_of(wb[SHEET["loans"].vi]):
        busy.add(wb[SHEET["loans"].vi][f"B{r}"].value)
    welfare = wb[SHEET["welfare"].vi]
    for r in rows_of(welfare, "D"):
        if welfare[f"C{r}"].value not in (g24.LABEL["tet"], g24.LABEL["doctors"]):
            busy.add(welfare[f"D{r}"].value)
    travel, mutual = wb[SHEET["travel_fund"].vi], wb[SHEET["mutual_fund"].vi]
    for r in rows_of(travel):
        if travel[f"{col('travel_fund', 'trip_support')}{r}"].value or travel[f"{col('travel_fund', 'note')}{r}"].value:
            busy.add(travel[f"B{r}"].value)
    for r in rows_of(mutual):
        if mutual[f"{col('mutual_fund', 'note')}{r}"].value:
            busy.add(mutual[f"B{r}"].value)
    info = wb[schema.GROUP_INFO.vi]
    busy |= {info[f"B{INFO_ROW['leader']}"].value, info[f"B{INFO_ROW['prepared_by']}"].value}
    found = [(r, members[f"B{r}"].value, members[f"E{r}"].value) for r in rows_of(members)
             if members[f"B{r}"].value not in busy and not members[f"N{r}"].value
             and (gender is None or members[f"C{r}"].value == gender)]
    return found[index]


def recode(wb, old: str, new: str) -> None:
    """A CCCD changed everywhere the officer typed it."""
    for key in ("members", "travel_fund", "mutual_fund", "loans", "welfare"):
        ws = wb[SHEET[key].vi]
        letter = col(key, "cccd")
        for r in range(FIRST, ws.max_row + 1):
            if ws[f"{letter}{r}"].value == old:
                ws[f"{letter}{r}"].value = new


def sums(ws, first: str, last: str, rows: list[int]) -> dict[str, int]:
    out = {}
    for c in range(openpyxl.utils.column_index_from_string(first), openpyxl.utils.column_index_from_string(last) + 1):
        letter = openpyxl.utils.get_column_letter(c)
        out[letter] = sum(ws[f"{letter}{r}"].value or 0 for r in rows)
    return out


# ---------------------------------------------------------------- the habits


def apply(h: Habits) -> None:  # noqa: C901 - one habit after another, each short
    M, TF, MF, LN, WF = (SHEET[k].vi for k in ("members", "travel_fund", "mutual_fund", "loans", "welfare"))
    INFO = schema.GROUP_INFO.vi

    # T01: the Cộng formula dragged 20 rows below the list, showing 0 (typed in LibreOffice Calc)
    wb = h.book("T01")
    last = rows_of(wb[TF])[-1]
    edits = [{"sheet": TF, "cell": f"P{r}", "formula": f"=SUM(D{r}:O{r})"} for r in range(last + 1, last + 21)]
    edits += [{"sheet": MF, "cell": f"H{r}", "formula": f"=SUM(D{r}:G{r})"} for r in range(last + 1, last + 21)]
    h.uno_jobs.append({"code": "T01", "edits": edits})
    h.add("T01", "Công thức Cộng (=SUM) kéo xuống thêm 20 dòng trống dưới danh sách, hiện số 0 (gõ trong "
                 "LibreOffice) [a SUM formula filled down 20 rows past the list] — không phải dòng dữ liệu")

    # T02: totals lines under the lists, label in the STT column / merged across the first columns
    wb = h.book("T02")
    ws = wb[TF]
    rows = rows_of(ws)
    n = rows[-1] + 1
    ws[f"A{n}"] = "Tổng cộng"
    for letter, total in sums(ws, "D", "Q", rows).items():
        ws[f"{letter}{n}"] = total
    h.add("T02", "Dòng 'Tổng cộng' gõ ở cột STT, có số tổng [totals line labelled in the STT column]",
          ("row-summary", FILES["T02"], TF, f"A{n}"))
    ws = wb[MF]
    rows = rows_of(ws)
    n = rows[-1] + 1
    ws[f"A{n}"] = "Cộng"
    ws.merge_cells(f"A{n}:C{n}")
    for letter, total in sums(ws, "D", "H", rows).items():
        ws[f"{letter}{n}"] = total
    h.add("T02", "Dòng 'Cộng' gộp ô A:C, có số tổng [totals line merged across the first columns]",
          ("row-summary", FILES["T02"], MF, f"A{n}"))

    # T03: an officer's own 'Năm sinh' column left of 'Ngày sinh'
    wb = h.book("T03")
    ws = wb[M]
    ws.insert_cols(4)
    ws["D3"] = "Năm sinh"
    for r in rows_of(ws):
        ws[f"D{r}"] = ws[f"E{r}"].value.year
    h.add("T03", "Thêm cột 'Năm sinh' (số 1985…) bên trái cột 'Ngày sinh' [an extra column named like a "
                 "template column]", ("column-unknown", FILES["T03"], M, "D3"))

    # T04: only the year, or 'tháng 3/1985', for a birth date; a totals line with no label
    wb = h.book("T04")
    ws = wb[M]
    (r1, *_), (r2, *_) = plain_member(wb, 0), plain_member(wb, 1)
    year1, birth2 = ws[f"D{r1}"].value.year, ws[f"D{r2}"].value
    ws[f"D{r1}"] = year1
    ws[f"D{r2}"] = f"tháng {birth2.month}/{birth2.year}"
    h.add("T04", f"Ngày sinh chỉ ghi năm {year1} (số) [a bare year in a date cell]",
          ("date-incomplete", FILES["T04"], M, f"D{r1}"))
    h.add("T04", f"Ngày sinh ghi 'tháng {birth2.month}/{birth2.year}' [month and year only]",
          ("date-incomplete", FILES["T04"], M, f"D{r2}"))
    ws = wb[MF]
    rows = rows_of(ws)
    n = rows[-1] + 1
    for letter, total in sums(ws, "D", "H", rows).items():
        ws[f"{letter}{n}"] = total
    h.add("T04", "Dòng tổng không có chữ 'Cộng', chỉ có các số tổng [an unlabelled totals line]",
          ("row-summary", FILES["T04"], MF, f"B{n}"))

    # T05: blank rows left inside the list; rows hidden
    wb = h.book("T05")
    ws = wb[M]
    ws.insert_rows(FIRST + 2, 2)
    wb[TF].row_dimensions[FIRST + 1].hidden = True
    h.add("T05", "Hai dòng trống giữa danh sách đoàn viên; một dòng quỹ du lịch bị ẩn (Hide) [blank rows inside "
                 "the list, a hidden row] — đọc đủ")

    # T07: T07's officer reused T06's workbook: T06's locked code and name stay
    wb = h.book("T07")
    wb[INFO][f"B{INFO_ROW['group_code']}"] = "T06"
    wb[INFO][f"B{INFO_ROW['group_name']}"] = dict((c, n) for c, n, *_ in g24.GROUPS)["T06"]
    h.add("T07", "Tổ T07 dùng lại tệp của tổ T06 (ô Mã tổ vẫn là T06) [a workbook reused by another group]",
          ("group-code-reused", FILES["T07"], INFO, f"B{INFO_ROW['group_code']}"),
          ("group-missing", g24.UNIT_FILE, schema.UNIT_GROUPS.vi, f"B{GROUP_ROW['T07']}"))

    # T08: a digit dropped from one CCCD in the member list only
    wb = h.book("T08")
    r, name, cccd = plain_member(wb, 0)
    wb[M][f"E{r}"] = cccd[:6] + cccd[7:]
    h.add("T08", "CCCD ở danh sách đoàn viên gõ thiếu một số (các trang quỹ đúng) [one wrong CCCD in the member "
                 "list]", ("cccd-length", FILES["T08"], M, f"E{r}"),
          ("member-linked-by-name", FILES["T08"], M, f"E{r}"))

    # T09: words in an amount: the row is rejected, and only that is reported
    wb = h.book("T09")
    r, name, _ = plain_member(wb, 0)
    rt = row_named(wb[TF], name)
    wb[TF][f"{col('travel_fund', 'm06')}{rt}"] = "ba mươi nghìn"
    h.add("T09", "Tháng 6 ghi chữ 'ba mươi nghìn' (dòng bị loại; không báo thêm 'không có dòng') "
                 "[words in an amount]", ("cell-type", FILES["T09"], TF, f"{col('travel_fund', 'm06')}{rt}"))

    # T10: a month unpaid, with the reason in Ghi chú (and the totals corrected)
    wb = h.book("T10")
    r, name, _ = plain_member(wb, 0)
    ws = wb[TF]
    rt = row_named(ws, name)
    m07, total, note = (col("travel_fund", k) for k in ("m07", "total", "note"))
    ws[f"{m07}{rt}"] = None
    ws[f"{total}{rt}"] = ws[f"{total}{rt}"].value - 30_000
    ws[f"{note}{rt}"] = "Nghỉ không lương tháng 7"
    cell = f"B{INFO_ROW['declared_travel_total']}"
    wb[INFO][cell] = wb[INFO][cell].value - 30_000
    h.add("T10", "Tháng 7 chưa đóng, lý do ghi ở Ghi chú [arrears with the reason in the Note column]",
          ("contribution-arrears-noted", FILES["T10"], TF, f"{m07}{rt}"))

    # T11: a name typed with the .VnTime (TCVN3) font
    wb = h.book("T11")
    r, name, _ = plain_member(wb, 0)
    wb[M][f"B{r}"] = to_tcvn3(name)
    h.add("T11", f"Họ tên '{name}' gõ bằng phông .VnTime (TCVN3): '{to_tcvn3(name)}' [a name in TCVN3]",
          ("text-legacy-encoding", FILES["T11"], M, f"B{r}"))

    # T12: a child on the list (born 2012, CCCD to match)
    wb = h.book("T12")
    r, name, cccd = plain_member(wb, 0)
    ws = wb[M]
    new = cccd[:3] + ("2" if ws[f"C{r}"].value == g24.LABEL["male"] else "3") + "12" + cccd[6:]
    recode(wb, cccd, new)
    ws[f"D{r}"] = dt.datetime(2012, 5, 20)
    ws[f"{col('members', 'join_date')}{r}"] = dt.datetime(2023, 9, 1)
    h.add("T12", "Một đoàn viên sinh năm 2012 (CCCD khớp) — trẻ em trong danh sách [a child listed as a member]",
          ("member-age-young", FILES["T12"], M, f"D{r}"))

    # T13: a man past retirement age
    wb = h.book("T13")
    r, name, cccd = plain_member(wb, 0, g24.LABEL["male"])
    new = cccd[:3] + "058" + cccd[6:]
    recode(wb, cccd, new)
    wb[M][f"D{r}"] = dt.datetime(1958, 3, 14)
    h.add("T13", "Một đoàn viên nam sinh 1958: đã quá tuổi nghỉ hưu [a member past retirement age]",
          ("member-age-retired", FILES["T13"], M, f"D{r}"))

    # T14: a name typed with a VNI font on the mutual-aid sheet
    wb = h.book("T14")
    r, name, _ = plain_member(wb, 0)
    rm = row_named(wb[MF], name)
    wb[MF][f"B{rm}"] = to_vni(name)
    h.add("T14", f"Họ tên '{name}' ở trang Quỹ tương hỗ gõ bằng phông VNI-Times: '{to_vni(name)}' [a name in VNI]",
          ("text-legacy-encoding", FILES["T14"], MF, f"B{rm}"))

    # T15: 'x' for every month paid
    wb = h.book("T15")
    r, name, _ = plain_member(wb, 0)
    ws = wb[TF]
    rt = row_named(ws, name)
    for m in schema.MONTHS:
        ws[f"{col('travel_fund', m)}{rt}"] = "x"
    h.add("T15", "Đánh dấu 'x' vào 12 tháng thay cho số tiền (ô Cộng vẫn ghi 360.000) ['x' marks instead of "
                 "amounts]", ("amount-mark", FILES["T15"], TF, f"D{rt}"))

    # T16: the mutual-aid sheet typed in thousands
    wb = h.book("T16")
    ws = wb[MF]
    for r in rows_of(ws):
        for q in (*schema.QUARTERS, "total"):
            cell = f"{col('mutual_fund', q)}{r}"
            if ws[cell].value:
                ws[cell] = ws[cell].value // 1000
    h.add("T16", "Cả trang Quỹ tương hỗ gõ theo nghìn đồng ('200' là 200.000đ) [amounts in thousands]",
          ("amount-thousands", FILES["T16"], MF, f"D{FIRST}"))

    # T17: the month block pasted one column to the right
    wb = h.book("T17")
    ws = wb[TF]
    rows = rows_of(ws)
    first_c = openpyxl.utils.column_index_from_string("D")
    last_c = openpyxl.utils.column_index_from_string(col("travel_fund", "note"))
    for r in rows:
        values = [ws.cell(r, c).value for c in range(first_c, last_c + 1)]
        ws.cell(r, first_c).value = None
        for i, value in enumerate(values):
            ws.cell(r, first_c + 1 + i).value = value
    h.add("T17", "Các số tháng 1–12, Cộng, Hỗ trợ dán lệch sang phải một cột [month columns shifted by one]",
          ("columns-shifted", FILES["T17"], TF, "D3"))

    # T18: a second table pasted right of the member list
    wb = h.book("T18")
    ws = wb[M]
    ws["P3"], ws["Q3"] = "Thống kê", "Số người"
    ws["P4"], ws["Q4"] = "Nam", sum(1 for r in rows_of(ws) if ws[f"C{r}"].value == g24.LABEL["male"])
    ws["P5"], ws["Q5"] = "Nữ", sum(1 for r in rows_of(ws) if ws[f"C{r}"].value == g24.LABEL["female"])
    h.add("T18", "Dán thêm một bảng thống kê Nam/Nữ bên phải danh sách (cột P:Q) [a second table pasted to the "
                 "right]", ("table-beside", FILES["T18"], M, "P3"))

    # T19: the member sheet duplicated
    wb = h.book("T19")
    copy = wb.copy_worksheet(wb[M])
    copy.title = f"{M} (2)"
    h.add("T19", f"Trang '{M}' bị nhân đôi thành '{M} (2)' [a sheet duplicated]",
          ("sheet-duplicate", FILES["T19"], f"{M} (2)", ""))

    # T20: the mutual-aid list turned into an Excel table (ListObject), a filter left on the members
    wb = h.book("T20")
    ws = wb[MF]
    rows = rows_of(ws)
    ws.auto_filter.ref = None
    table = Table(displayName="QuyTuongHo", ref=f"A3:{col('mutual_fund', 'note')}{rows[-1]}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(table)
    ws = wb[M]
    ws.auto_filter.add_filter_column(2, ["Nữ"])
    for r in rows_of(ws):
        if ws[f"C{r}"].value != "Nữ":
            ws.row_dimensions[r].hidden = True
    h.add("T20", "Quỹ tương hỗ chuyển thành Bảng Excel (Format as Table); danh sách đoàn viên còn để lọc "
                 "'Nữ' (các dòng Nam bị ẩn) [an Excel table, a filter left on] — đọc đủ")

    # T21: the list sorted by name: STT out of order
    wb = h.book("T21")
    ws = wb[M]
    rows = rows_of(ws)
    width = len(SHEET["members"].columns)
    records = [[ws.cell(r, c).value for c in range(1, width + 1)] for r in rows]
    records.sort(key=lambda values: values[1].split()[-1])
    for r, values in zip(rows, records):
        for c, value in enumerate(values, 1):
            ws.cell(r, c).value = value
    h.add("T21", "Danh sách sắp xếp lại theo tên nên cột STT lộn xộn [sorted by name, STT out of order] — đọc đủ")

    # T22: protection removed, headers retyped
    wb = h.book("T22")
    for ws in wb.worksheets:
        ws.protection.sheet = False
    ws = wb[M]
    ws["B3"], ws["C3"], ws["D3"], ws["E3"] = "Họ  và  tên", "Giới  tính", "Ngày tháng năm sinh", "SỐ CCCD"
    ws = wb[TF]
    for i, m in enumerate(schema.MONTHS, 1):
        ws[f"{col('travel_fund', m)}3"] = f"T{i}"
    ws[f"{col('travel_fund', 'total')}3"] = "Tổng cộng"
    h.add("T22", "Bỏ khóa trang rồi gõ lại tiêu đề: 'Họ  và  tên', 'Ngày tháng năm sinh', 'SỐ CCCD', 'T1'…'T12', "
                 "'Tổng cộng' [headers retyped with other wording and spacing] — đọc đủ")

    # T23: line breaks inside cells
    wb = h.book("T23")
    ws = wb[M]
    r, name, _ = plain_member(wb, 0)
    first, rest = name.split(" ", 1)
    ws[f"B{r}"] = f"{first}\n{rest}"
    ws["D3"] = "Ngày\nsinh"
    h.add("T23", "Xuống dòng trong ô (Alt+Enter) ở một họ tên và tiêu đề 'Ngày sinh' [line breaks inside cells] "
                 "— đọc đúng")

    # T24: a phone number in the CCCD column of the member list
    wb = h.book("T24")
    r, name, _ = plain_member(wb, 0)
    wb[M][f"E{r}"] = "0912345678"
    h.add("T24", "Cột CCCD của một đoàn viên ghi số điện thoại 0912345678 [a phone number in the CCCD column]",
          ("cccd-phone", FILES["T24"], M, f"E{r}"), ("member-linked-by-name", FILES["T24"], M, f"E{r}"))

    # T25: choices typed by hand
    wb = h.book("T25")
    ws = wb[M]
    r, *_ = plain_member(wb, 0, g24.LABEL["female"])
    ws[f"C{r}"] = "nữ "
    ws[f"F{r}"] = "x" if ws[f"F{r}"].value == "Có" else "k"
    h.add("T25", "Giới tính gõ tay 'nữ ' (chữ thường, dấu cách thừa) [a choice typed by hand]",
          ("cell-choice-normalised", FILES["T25"], M, f"C{r}"))
    h.add("T25", "Đảng viên ghi 'x'/'k' thay cho Có/Không ['x' for yes]",
          ("cell-choice-normalised", FILES["T25"], M, f"F{r}"))

    # T28: an amount typed as text with 'đ'; the sheet renamed without diacritics
    wb = h.book("T28")
    ws = wb[TF]
    r, name, _ = plain_member(wb, 0)
    rt = row_named(ws, name)
    ws[f"{col('travel_fund', 'm03')}{rt}"] = "30.000đ"
    ws.title = "Quy du lich"
    h.add("T28", "Tháng 3 gõ '30.000đ' (chữ) [an amount typed as text]",
          ("amount-as-text", FILES["T28"], "Quy du lich", f"{col('travel_fund', 'm03')}{rt}"))
    h.add("T28", "Đổi tên trang thành 'Quy du lich' (không dấu) [a sheet renamed without diacritics] — đọc đủ")

    # T29: CCCD with spaces; a join date typed as short text
    wb = h.book("T29")
    ws = wb[M]
    r, name, cccd = plain_member(wb, 0)
    ws[f"E{r}"] = f"{cccd[:3]} {cccd[3:6]} {cccd[6:]}"
    jc = col("members", "join_date")
    join = ws[f"{jc}{r}"].value
    ws[f"{jc}{r}"] = f"{join.day}/{join.month}/{join.year % 100:02d}"
    h.add("T29", "CCCD gõ có dấu cách '012 185 …' [a CCCD typed with spaces] — đọc đúng")
    h.add("T29", f"Ngày vào công đoàn gõ chữ '{join.day}/{join.month}/{join.year % 100:02d}' [a date typed as "
                 "short text]", ("date-as-text", FILES["T29"], M, f"{jc}{r}"))

    # T30: a CCCD typed into a numeric cell
    wb = h.book("T30")
    r, name, cccd = next(m for i in range(6) if (m := plain_member(wb, i))[2].startswith("0"))
    wb[M][f"E{r}"] = int(cccd)
    wb[M][f"E{r}"].number_format = "0"
    h.add("T30", "CCCD gõ vào ô dạng số nên mất số 0 đầu [a CCCD in a numeric cell]",
          ("cccd-lost-zero", FILES["T30"], M, f"E{r}"))

    # T31: a welfare kind typed by hand
    wb = h.book("T31")
    ws = wb[WF]
    r = next(r for r in rows_of(ws, "D") if ws[f"C{r}"].value == g24.LABEL["tet"])
    ws[f"C{r}"] = "quà tết"
    h.add("T31", "Nội dung chi gõ tay 'quà tết' [a welfare kind typed by hand]",
          ("cell-choice-normalised", FILES["T31"], WF, f"C{r}"))


def us_dates(h: Habits, code: str) -> None:
    """Every date of one workbook typed again, day/month/year, on a computer set to en-US."""
    wb = openpyxl.load_workbook(h.out / FILES[code])
    edits, findings = [], []
    sheets = [(SHEET[k].vi, col(k, c)) for k, c in (("members", "birth_date"), ("members", "join_date"),
                                                    ("loans", "loan_date"), ("welfare", "date"))]
    cells = [(schema.GROUP_INFO.vi, f"B{INFO_ROW['prepared_date']}")]
    for sheet, letter in sheets:
        ws = wb[sheet]
        cells += [(sheet, f"{letter}{r}") for r in range(FIRST, ws.max_row + 1)
                  if isinstance(ws[f"{letter}{r}"].value, dt.datetime)]
    for sheet, cell in cells:
        date = wb[sheet][cell].value
        typed = date.strftime("%d/%m/%Y")
        edits.append({"sheet": sheet, "cell": cell, "type": typed})
        if date.day > 12:
            findings.append(("date-us-text", FILES[code], sheet, cell))
        elif date.day != date.month:
            findings.append(("date-us-swapped", FILES[code], sheet, cell))
    h.uno_jobs.append({"code": code, "edits": edits})
    h.add(code, f"Mọi ngày ({len(cells)} ô) gõ ngày/tháng/năm trên máy đặt định dạng vùng Hoa Kỳ (LibreOffice, "
                "en-US): ngày ≤ 12 bị đảo thành tháng, ngày > 12 còn dạng chữ [dates typed on a US-format "
                "computer]", *findings)


def run_uno(h: Habits) -> None:
    python = os.environ.get("UNO_PYTHON", "/usr/bin/python3")
    with tempfile.TemporaryDirectory() as tmp:
        jobs = []
        for job in h.uno_jobs:
            src = Path(tmp) / FILES[job["code"]]
            shutil.copyfile(h.out / FILES[job["code"]], src)
            jobs.append({"src": str(src), "dst": str(h.out / FILES[job["code"]]), "locale": "en-US",
                         "edits": job["edits"]})
        spec = Path(tmp) / "jobs.json"
        spec.write_text(json.dumps(jobs, ensure_ascii=False), encoding="utf-8")
        subprocess.run([python, str(SAMPLES / "uno_edit.py"), str(spec)], check=True, timeout=600)


def old_excel(h: Habits, code: str) -> None:
    """The group's file saved as .xls (Excel 97-2003) by LibreOffice, as an old Excel sends it."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to",
                        "xls:MS Excel 97", "--outdir", tmp, str(h.out / FILES[code])],
                       check=True, capture_output=True, timeout=300)
        xls = Path(tmp) / (Path(FILES[code]).stem + ".xls")
        shutil.copyfile(xls, h.out / xls.name)
    (h.out / FILES[code]).unlink()
    h.add(code, "Tổ gửi tệp .xls (Excel 97-2003) từ máy Excel cũ [a group sends .xls from an old Excel] — đọc đủ",
          file=Path(FILES[code]).stem + ".xls")


# ---------------------------------------------------------------- writing


def clean_findings() -> list[dict]:
    """What the clean year gives and the messy one keeps (its noted arrears)."""
    with open(SAMPLES / "expected-findings-2024.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def write_expected(h: Habits, out: Path) -> list[dict]:
    rows = [{"code": c, "file": f, "sheet": s, "cell": cell, "group": item["group"], "item": i}
            for i, item in enumerate(h.items, 1) for c, f, s, cell in item["findings"]]
    extra = [dict(r, item="") for r in clean_findings()]
    extra += [{"code": "file-skipped", "file": name, "sheet": "", "cell": "", "group": "", "item": ""}
              for name in ("README.md", "expected-findings.csv")]
    with open(out / "expected-findings.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, ["code", "file", "sheet", "cell", "group"], extrasaction="ignore",
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows + extra)
    return rows + extra


def write_readme(h: Habits, out: Path) -> None:
    from unionxl.findings import CATALOGUE
    from unionxl.merge import merge_folder

    result = merge_folder(out, jobs=1)
    lines = [
        "# Năm 2024 với thói quen thật của tổ (2024 as officers really hand it in)",
        "",
        f"Bản sao của năm 2024 sạch (`../2024/`) do `samples/generate_habits.py` sửa lại đúng như cán bộ tổ vẫn "
        f"làm trong Excel và LibreOffice: {len(h.items)} thói quen, mỗi thói quen ở một tổ hay một trang riêng. "
        "Với mỗi thói quen, bảng ghi điều người kế toán cẩn thận cần thấy: một phát hiện đúng ô, hoặc không "
        "phát hiện nào khi phần mềm đọc đúng giá trị (— đọc đúng). Không dòng đúng nào bị báo Lỗi, không dòng "
        "nào mất hay bị tính hai lần (`tests/test_habits_sample.py`).",
        "",
        "A copy of the clean 2024 year edited the way group officers really edit workbooks. For each habit: the "
        "finding a careful treasurer wants, at its cell, or none when the value is read right.",
        "",
        "| # | Tệp (file) | Thói quen (habit) | Mã (finding) | Mức | Trang (sheet) | Ô (cell) |",
        "|---|---|---|---|---|---|---|",
    ]
    for i, item in enumerate(h.items, 1):
        found = item["findings"] or [("", item["file"], "", "")]
        for j, (code, file, sheet, cell) in enumerate(found):
            what = item["what"] if j == 0 else "↳"
            level = CATALOGUE[code].severity.label("vi") if code else "—"
            lines.append(f"| {i if j == 0 else ''} | `{file}` | {what} | {f'`{code}`' if code else '— (đọc đúng)'} "
                         f"| {level} | {sheet or '—'} | {cell or '—'} |")
    lines += [
        "",
        "Ngoài ra (also expected, in `expected-findings.csv`): các ghi chú `contribution-arrears-noted` của năm "
        "sạch (`../expected-findings-2024.csv`) và 2 ghi chú `file-skipped` cho `README.md`, "
        "`expected-findings.csv`.",
        "",
        "## Đối chiếu số dòng (row account)",
        "",
        "| Trang (sheet) | Đọc (read) | Nhận (accepted) | Loại (rejected) |",
        "|---|---|---|---|",
    ]
    for key, account in result.report.account.items():
        lines.append(f"| {schema.table_sheet(key).vi} | {account.read} | {account.accepted} | {account.rejected} |")
    lines += [
        "",
        f"Kết quả / result: {result.report.errors} lỗi, {result.report.warnings} cảnh báo; "
        f"{len(result.dataset.groups)} tổ được tổng hợp.",
        "",
        "Tạo lại (regenerate, needs LibreOffice and python3-uno): `python samples/generate_habits.py`.",
    ]
    (out / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=SAMPLES, help="folder to write 2024-thoi-quen/ into")
    args = parser.parse_args(argv)
    out = args.out / NAME
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(CLEAN, out)
    h = Habits(out)
    apply(h)
    h.save()
    us_dates(h, "T27")
    run_uno(h)
    old_excel(h, "T26")
    lock = "~$" + FILES["T32"]
    (out / lock).write_bytes(b"\x0bNguyen Thi A" + bytes(40))
    h.add("T32", "Tệp khóa '~$…' của Excel còn sót khi tổ chép cả thư mục [an Excel lock file]",
          ("file-skipped", lock, "", ""), file=lock)
    write_expected(h, out)
    write_readme(h, out)
    print(f"{out}: {len(h.items)} habits")


if __name__ == "__main__":
    main()
