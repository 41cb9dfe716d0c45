"""Group workbooks as other producers save them (Google Sheets, Apple Numbers, Mac Excel, WPS):
the parts of a filled template rewritten the way each writes them, read back as the officer meant."""

from __future__ import annotations

import re
import tempfile
import zipfile
from pathlib import Path

from unionxl.merge import merge_folder

from .builders import clean_group, write_folder


def _rewrite(path: Path, edit) -> None:
    """edit(name, text) -> text for every XML part of the workbook at `path`, in place."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, edit(name, data.decode("utf-8")).encode("utf-8") if name.endswith(".xml") else data)


def _merged(tmp_path, edit):
    folder = write_folder(tmp_path / "in", [clean_group("T01")])
    _rewrite(folder / "T01.xlsx", edit)
    return merge_folder(folder, jobs=1)


def _date_styles() -> set[str]:
    """The cell style numbers (s="…") of the template's dd/mm/yyyy cells."""
    with zipfile.ZipFile(write_folder(Path(tempfile.mkdtemp()), [clean_group("T01")]) / "T01.xlsx") as archive:
        text = archive.read("xl/styles.xml").decode("utf-8")
    formats = {m.group(1) for m in re.finditer(r'<numFmt numFmtId="([0-9]+)" formatCode="dd/mm/yyyy"', text)}
    xfs = re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", text, re.S).group(1)
    return {str(i) for i, xf in enumerate(re.findall(r"<xf [^>]*", xfs))
            if re.search(r'numFmtId="([0-9]+)"', xf).group(1) in formats}


def _book(result):
    return next(b for b in result.dataset.groups if b.group_code == "T01")


def test_google_sheets_float_tails_are_the_whole_amounts_shown(tmp_path):
    def edit(name, text):
        # Sheets saves a computed 30000 as 30000.000000000004 (its binary rounding): every number of 1000
        # and more gets such a tail, as a sheet of sums would
        if not name.startswith("xl/worksheets/"):
            return text
        return re.sub(r"(<c [^>]*?)(?<!t=\"s\")><v>([0-9]{4,})</v>",
                      lambda m: f"{m.group(1)}><v>{repr(int(m.group(2)) * (1 + 1.5e-16))}</v>", text)

    result = _merged(tmp_path, edit)
    clean = clean_group("T01")["data"]
    book = _book(result)
    assert [f for f in result.report.findings if f.file == "T01.xlsx"] == []
    assert [r.values["m01"] for r in book.rows("travel_fund")] == [r["m01"] for r in clean["travel_fund"]]
    assert [r.values["amount"] for r in book.rows("loans")] == [r["amount"] for r in clean["loans"]]
    assert book.info["declared_travel_total"] == clean["info"]["declared_travel_total"]


def test_mac_excel_1904_dates_are_the_days_typed(tmp_path):
    date_styles = _date_styles()

    def edit(name, text):
        # Mac Excel's 1904 date system: every date serial is 1462 days smaller than in the 1900 one.
        # The template's sheets 2 and 3 are 'Thông tin tổ' and 'Đoàn viên'.
        if name == "xl/workbook.xml":
            return text.replace("<workbookPr ", '<workbookPr date1904="1" ')
        if not name.startswith("xl/worksheets/"):
            return text

        def shift(m):
            serial = int(m.group(3)) - 1462
            if (name, m.group(1)) == ("xl/worksheets/sheet2.xml", "B11"):  # the date of the info sheet with its date format cleared: a bare serial
                return f'<c r="B11" s="0"><v>{serial}</v></c>'
            if (name, m.group(1)) == ("xl/worksheets/sheet3.xml", "D4"):  # a year typed alone into a date cell, which Mac Excel shows as a day of 1909
                return f'<c r="D4" s="{m.group(2)}"><v>1985</v></c>'
            return f'<c r="{m.group(1)}" s="{m.group(2)}"><v>{serial}</v></c>'

        return re.sub(r'<c r="([A-Z]+[0-9]+)" s="([0-9]+)"><v>([0-9]+)</v></c>',
                      lambda m: shift(m) if m.group(2) in date_styles else m.group(0), text)

    result = _merged(tmp_path, edit)
    clean = clean_group("T01")["data"]
    book = _book(result)
    found = {(f.code, f.sheet, f.cell) for f in result.report.findings if f.file == "T01.xlsx"}
    assert found == {("date-as-text", "Thông tin tổ", "B11"), ("date-incomplete", "Đoàn viên", "D4")}
    assert book.info["prepared_date"] == clean["info"]["prepared_date"]
    births = [r.values["birth_date"] for r in book.rows("members")]
    assert births == [clean["members"][0]["birth_date"].replace(month=1, day=1),
                      *(m["birth_date"] for m in clean["members"][1:])]
    for sheet, key in (("members", "join_date"), ("loans", "loan_date"), ("welfare", "date")):
        assert [r.values[key] for r in book.rows(sheet)] == [r[key] for r in clean[sheet]], (sheet, key)


def test_yes_no_as_a_checkbox_or_a_number_is_read_as_meant(tmp_path):
    def edit(name, text):
        # 'Đoàn viên' (sheet3), column L 'Đã ghi phần mềm': a Google Sheets checkbox saves TRUE/FALSE as a
        # logical cell (t="b"); M 'Đóng quỹ XHCĐ' with 1 typed into a number cell
        if name != "xl/worksheets/sheet3.xml":
            return text
        text = re.sub(r'<c r="(L[4-6])" s="([0-9]+)" t="s"><v>[0-9]+</v></c>',
                      lambda m: f'<c r="{m.group(1)}" s="{m.group(2)}" t="b"><v>{int(m.group(1) != "L5")}</v></c>', text)
        return re.sub(r'<c r="(M[4-6])" s="([0-9]+)" t="s"><v>[0-9]+</v></c>', r'<c r="\1" s="\2"><v>1</v></c>', text)

    result = _merged(tmp_path, edit)
    book = _book(result)
    assert [r.values["software_recorded"] for r in book.rows("members")] == ["yes", "no", "yes"]
    assert [r.values["social_fund"] for r in book.rows("members")] == ["yes"] * 3
    assert all(r.accepted for r in book.rows("members"))
    found = sorted((f.code, f.cell) for f in result.report.findings if f.file == "T01.xlsx")
    assert found == sorted([("cell-choice-normalised", c) for c in ("L4", "L5", "L6", "M4", "M5", "M6")])
