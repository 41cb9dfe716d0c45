"""Habits typed into the real template through LibreOffice Calc's input handler (en-US document),
committed by tests/fixtures/make_libreoffice_habits.py: read back as the officer meant them."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from unionxl.merge import merge_folder
from unionxl.template import write_unit_workbook

from .builders import UNIT_NAME, YEAR, clean_group, unit_data

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "libreoffice"


@pytest.fixture(scope="module")
def merged(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lo-habits")
    shutil.copy(FIXTURES / "habit-us-dates.xlsx", folder / "T01.xlsx")
    shutil.copy(FIXTURES / "habit-formulas.xlsx", folder / "T02.xlsx")
    write_unit_workbook(folder / "don-vi.xlsx", year=YEAR, unit_name=UNIT_NAME, data=unit_data(["T01", "T02"]))
    return merge_folder(folder, jobs=1)


def test_calc_in_en_us_swapped_the_dates_it_understood(merged):
    found = [f for f in merged.report.findings if f.file == "T01.xlsx"]
    # clean_group's dates: births 12/03/1985, 01/07/1990, 20/01/2001; joins 01/05/2015 x3; loan 01/03/2024;
    # Tết 05/02 x3, Doctors' Day 27/02 x3, Women's Day 08/03; prepared 20/12/2024
    assert Counter(f.code for f in found) == {"date-us-swapped": 1 + 3 + 1 + 3 + 1 + 1, "date-us-text": 1 + 3 + 1}
    assert {(f.sheet, f.cell) for f in found if f.code == "date-us-text"} == {
        ("Đoàn viên", "D6"), ("Chăm lo", "B5"), ("Chăm lo", "B7"), ("Chăm lo", "B9"), ("Thông tin tổ", "B11")}
    assert merged.report.errors == 0


def test_every_date_is_read_as_typed(merged):
    book = next(b for b in merged.dataset.groups if b.group_code == "T01")
    clean = clean_group("T01")["data"]
    for sheet, key in (("members", "birth_date"), ("members", "join_date"), ("loans", "loan_date"),
                       ("welfare", "date")):
        assert [r.values[key] for r in book.rows(sheet)] == [r[key] for r in clean[sheet]], (sheet, key)
    assert book.info["prepared_date"] == clean["info"]["prepared_date"]


def test_formulas_filled_down_and_a_merged_totals_line_are_not_records(merged):
    found = sorted((f.code, f.sheet, f.cell) for f in merged.report.findings if f.file == "T02.xlsx")
    assert found == [("row-summary", "Quỹ tương hỗ", "A7")]
    book = next(b for b in merged.dataset.groups if b.group_code == "T02")
    assert (len(book.rows("travel_fund")), len(book.rows("mutual_fund"))) == (3, 3)
