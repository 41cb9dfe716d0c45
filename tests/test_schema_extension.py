"""The schema is the whole truth: a fund sheet added to it (a 'Quỹ khác' with monthly amounts and a
declared total) is in the template, read, checked against its declared total and its row totals,
listed in the consolidated workbook and kept by the roll-up, without a writer or reader edited.

The schema is a copy: only this test's module state is patched (monkeypatch undoes it), and the
reading workers are forked from this process so that they see it too."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import openpyxl
import pytest
import python_calamine

from unionxl import isolation, schema
from unionxl.merge import merge_folder
from unionxl.sector import rollup_folder
from unionxl.writers.workbook import write_consolidated

from .builders import UNIT_NAME, clean_group, write_folder

MONTHLY = 10_000
OTHER = schema.TableSheet(
    "other_fund", "Quỹ khác", "Other fund", "THU QUỸ KHÁC", "OTHER FUND",
    tuple(col for col in schema.TRAVEL_FUND.columns if col.key != "trip_support"),
    periods=schema.MONTHS,
)
DECLARED = schema.Field("declared_other_total", "Tổng thu quỹ khác", "Other fund collected",
                        schema.ColType.AMOUNT, True, tally=schema.Tally("other_fund", schema.MONTHS))


@pytest.fixture
def extended(monkeypatch):
    # Files are read in isolated workers that start from a fork server, which never saw this patch;
    # workers forked from this process carry the patched schema with them.
    monkeypatch.setattr(isolation, "start_method", lambda: "fork")
    monkeypatch.setattr(schema, "GROUP_SHEETS", (*schema.GROUP_SHEETS, OTHER))
    monkeypatch.setattr(schema, "GROUP_INFO",
                        dataclasses.replace(schema.GROUP_INFO, fields=(*schema.GROUP_INFO.fields, DECLARED)))


def with_other_fund(group: dict, declared_delta: int = 0, wrong_total_row: int | None = None) -> dict:
    rows = []
    for i, member in enumerate(group["data"]["members"]):
        total = 12 * MONTHLY + (5_000 if i == wrong_total_row else 0)
        rows.append({"stt": i + 1, "full_name": member["full_name"], "cccd": member["cccd"],
                     **{m: MONTHLY for m in schema.MONTHS}, "total": total})
    group["data"]["other_fund"] = rows
    group["data"]["info"]["declared_other_total"] = 12 * MONTHLY * len(rows) + declared_delta
    return group


def cells(path: Path, sheet: str) -> list[list]:
    return python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


def test_a_fund_sheet_added_to_the_schema_goes_all_the_way(extended, tmp_path):
    # T01 is right; T02 declares 50.000đ too much and has a row whose total is not its months
    groups = [with_other_fund(clean_group("T01")),
              with_other_fund(clean_group("T02", offset=50), declared_delta=50_000, wrong_total_row=1)]
    folder = write_folder(tmp_path / "in", groups)

    # the template: the sheet, its headers, and the declared total on the info sheet
    book = openpyxl.load_workbook(folder / "T01.xlsx")
    assert "Quỹ khác" in book.sheetnames
    headers = [c.value for c in book["Quỹ khác"][schema.HEADER_ROW]]
    assert headers[:5] == ["STT", "Họ và tên", "Số CCCD", "Tháng 1", "Tháng 2"] and "Cộng" in headers
    assert "Tổng thu quỹ khác" in [c.value for c in book["Thông tin tổ"]["A"]]

    # read: every row, with its amounts
    result = merge_folder(folder)
    rows = list(result.dataset.rows("other_fund"))
    assert len(rows) == 6 and all(row.values["m12"] == MONTHLY for _, row in rows)
    assert result.report.account["other_fund"].read == 6

    # checked: the declared total against the rows, the row total against its months
    found = {(f.code, f.file, f.sheet, f.cell) for f in result.report.findings}
    info_cell = next(f.cell for f in result.report.findings if f.code == "declared-total")
    assert ("declared-total", "T02.xlsx", "Thông tin tổ", info_cell) in found
    [declared] = [f for f in result.report.findings if f.code == "declared-total"]
    assert declared.params["column"] == f"info.{DECLARED.key}" and declared.value == 12 * MONTHLY * 3 + 50_000
    assert DECLARED.vi in declared.message("vi")
    assert ("row-total", "T02.xlsx", "Quỹ khác", f"P{schema.HEADER_ROW + 2}") in found
    assert not [f for f in result.report.findings if f.file == "T01.xlsx" and f.severity == "error"]

    # the consolidated workbook lists it as a ledger, after the four others
    out = tmp_path / "cdcs"
    out.mkdir()
    path = write_consolidated(result, out / "tong-hop-2024.xlsx")
    names = python_calamine.CalamineWorkbook.from_path(str(path)).sheet_names
    assert names.index("Quỹ khác") == names.index("Chăm lo") + 1
    ledger = cells(path, "Quỹ khác")
    data = [row for row in ledger[4:] if any(v != "" for v in row)]
    assert len(data) == 6 and {row[0] for row in data} == {"T01", "T02"}

    # and the sector's roll-up reads it back and lists it again, behind the CĐCS column
    sector = rollup_folder(out)
    assert not [f for f in sector.report.findings if f.code == "sheet-missing"]
    assert sector.report.account["other_fund"].accepted == 6
    sector_path = write_consolidated(sector, tmp_path / "nganh.xlsx")
    rolled = [row for row in cells(sector_path, "Quỹ khác")[4:] if any(v != "" for v in row)]
    assert len(rolled) == 6 and {row[0] for row in rolled} == {UNIT_NAME}
    assert sum(row[rolled[0].index(MONTHLY)] for row in rolled) == 6 * MONTHLY  # the amounts came along
