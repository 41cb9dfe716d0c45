"""Workbooks really saved by LibreOffice Calc (tests/fixtures/libreoffice, made by make_libreoffice_fixtures.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from unionxl.merge import merge_folder
from unionxl.template import write_unit_workbook

from .builders import UNIT_NAME, YEAR, unit_data

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "libreoffice"


@pytest.fixture(params=["xlsx", "ods"])
def merged(request, tmp_path):
    folder = tmp_path / request.param
    folder.mkdir()
    for path in FIXTURES.glob(f"lo-*.{request.param}"):
        shutil.copy(path, folder)
    write_unit_workbook(folder / "don-vi.xlsx", year=YEAR, unit_name=UNIT_NAME, data=unit_data(["T01", "T02", "T03"]))
    return request.param, merge_folder(folder)


def test_calc_files_merge_without_errors(merged):
    _, result = merged
    assert result.report.errors == 0, [f.to_dict() for f in result.report.findings]
    assert [b.group_code for b in result.dataset.groups] == ["T01", "T02", "T03"]
    assert sum(len(b.rows("members")) for b in result.dataset.groups) == 9
    for key, account in result.report.account.items():
        assert account.rejected == 0, key


def test_text_amounts_saved_by_calc_are_read_with_warnings(merged):
    suffix, result = merged
    found = sorted((f.sheet, f.cell, f.value) for f in result.report.findings if f.code == "amount-as-text")
    assert found == [("Quỹ du lịch", "D4", "30.000"), ("Quỹ du lịch", "E4", "30.000"),
                     ("Quỹ du lịch", "F4", "30.000"), ("Quỹ tương hỗ", "G5", "200,000 đ")]
    assert {f.file for f in result.report.findings if f.code == "amount-as-text"} == {f"lo-text-amounts.{suffix}"}
    t02 = next(b for b in result.dataset.groups if b.group_code == "T02")
    assert t02.rows("travel_fund")[0].values["m01"] == 30_000


def test_cccd_that_lost_its_zero_in_calc_is_restored(merged):
    suffix, result = merged
    found = sorted((f.file, f.cell, f.params["expected"]) for f in result.report.findings if f.code == "cccd-lost-zero")
    t03 = next(b for b in result.dataset.groups if b.group_code == "T03")
    restored = [r.values["cccd"] for r in t03.rows("members")[:2]]
    assert found == [(f"lo-lost-zero.{suffix}", "E4", restored[0]), (f"lo-lost-zero.{suffix}", "E5", restored[1])]
    assert all(c.startswith("012") and len(c) == 12 for c in restored)


def test_calc_dates_and_choices_read_as_written(merged):
    _, result = merged
    first = result.dataset.groups[0].rows("members")[0].values
    assert (first["full_name"], first["gender"], str(first["birth_date"]), first["cccd"]) == \
        ("Lò Văn Inh", "male", "1985-03-12", "012085001234")
