"""Ledger rows written as XML must give the same workbook as XlsxWriter's cell-at-a-time path."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
import python_calamine

from unionxl.merge import merge_folder
from unionxl.writers import workbook

from .builders import two_groups, write_folder

ROOT = Path(__file__).resolve().parent.parent
LEDGERS = ("Đoàn viên", "Quỹ du lịch", "Quỹ tương hỗ", "Vay vốn", "Chăm lo")


def tricky_folder(tmp_path: Path) -> Path:
    groups = two_groups()
    members = groups[0]["data"]["members"]
    members[0]["note"] = "a & b < c > d"
    members[1]["note"] = "  leading and trailing  "
    members[2]["note"] = "control\x01char and _x0041_ literal"
    members[2]["birth_date"] = dt.date(2001, 1, 20)
    groups[0]["data"]["loans"][0]["purpose"] = "<r><t>markup</t></r>"
    return write_folder(tmp_path / "in", groups)


def cells(path: Path) -> dict:
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def formats(path: Path) -> dict:
    book = openpyxl.load_workbook(path)
    return {name: [[(c.number_format, c.font.name, c.alignment.horizontal) for c in row]
                   for row in book[name].iter_rows()] for name in LEDGERS}


@pytest.fixture(params=["tricky", "loi"])
def folder(request, tmp_path):
    return tricky_folder(tmp_path) if request.param == "tricky" else ROOT / "samples" / "2024-loi"


def test_fast_ledgers_equal_the_reference_workbook(folder, tmp_path, monkeypatch):
    result = merge_folder(folder)
    fast = workbook.write_consolidated(result, tmp_path / "fast.xlsx")
    monkeypatch.setattr(workbook, "FAST_LEDGERS", False)
    reference = workbook.write_consolidated(result, tmp_path / "reference.xlsx")
    assert cells(fast) == cells(reference)
    assert formats(fast) == formats(reference)
    with zipfile.ZipFile(fast) as archive:
        names = archive.namelist()
        dimensions = {n: archive.read(n).split(b"<dimension ref=")[1][:20] for n in names if "worksheets/sheet" in n}
    with zipfile.ZipFile(reference) as archive:
        assert dimensions == {n: archive.read(n).split(b"<dimension ref=")[1][:20] for n in names
                              if "worksheets/sheet" in n}
    members = cells(fast)["Đoàn viên"]
    assert sum(1 for row in members for v in row if isinstance(v, str) and v) > 20  # rows were really written


def test_dates_before_march_1900_match_excel(tmp_path):
    deferred = workbook._Deferred("x", 0, [type("C", (), {"type": None})()], [dt.date(1900, 2, 28), dt.date(1900, 3, 1)],
                                  lambda item, r: [item], {"text": 1, "int": 2, "amount": 2, "date": 3})
    xml = b"".join(deferred.xml_chunks()).decode()
    assert '<v>59</v>' in xml and '<v>61</v>' in xml  # Excel's serials for 28/02/1900 and 01/03/1900
