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
from unionxl.xlsx.ledgers import Ledger, row_chunks

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


def test_dates_before_march_1900_match_excel():
    ledger = Ledger("x", 0, ["date"], [dt.date(1900, 2, 28), dt.date(1900, 3, 1)], lambda item, r: [item])
    xml = b"".join(row_chunks(ledger, {"text": 1, "int": 2, "amount": 2, "date": 3})).decode()
    assert '<v>59</v>' in xml and '<v>61</v>' in xml  # Excel's serials for 28/02/1900 and 01/03/1900


def test_a_file_other_than_expected_is_written_the_slow_way_and_said(tmp_path, monkeypatch):
    """The style numbers are read back from the saved file and checked against styles.xml: when the
    check fails (here: the date columns' format is not the one expected), the rows are still all
    written, cell by cell, and a note names the output and why."""
    result = merge_folder(tricky_folder(tmp_path))
    monkeypatch.setattr(workbook, "FAST_LEDGERS", False)
    reference = workbook.write_consolidated(result, tmp_path / "reference.xlsx")
    monkeypatch.setattr(workbook, "FAST_LEDGERS", True)
    monkeypatch.setitem(workbook.LEDGER_FORMATS, "date", "yyyy-mm-dd")
    fallback = workbook.write_consolidated(result, tmp_path / "fallback.xlsx")
    notes = [f for f in result.report.findings if f.code == "output-slow-path"]
    assert len(notes) == 1 and notes[0].params["output"] == "fallback.xlsx"
    assert "dd/mm/yyyy" in notes[0].params["reason"] or "date" in notes[0].params["reason"]
    got, want = cells(fallback), cells(reference)
    for name in LEDGERS:
        assert got[name] == want[name]
    findings = got["Phát hiện"]
    assert any("output-slow-path" in row for row in findings)  # the note is on the findings sheet


def test_sheet_parts_follow_the_relationships_not_the_sheet_order(tmp_path):
    """Part names come from workbook.xml and its relationships, not from a naming habit: the parts
    of a hand-made package are named unlike XlsxWriter's and listed out of order."""
    from unionxl.xlsx.ledgers import sheet_parts

    path = tmp_path / "odd.xlsx"
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    ws_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Override PartName="/xl/data/zeta.xml" ContentType="{ws_type}"/>'
            f'<Override PartName="/xl/alpha.xml" ContentType="{ws_type}"/></Types>'))
        archive.writestr("_rels/.rels", f'<Relationships xmlns="{pkg}"><Relationship Id="r1" '
                                        f'Type="{rel}/officeDocument" Target="xl/book.xml"/></Relationships>')
        archive.writestr("xl/_rels/book.xml.rels", (
            f'<Relationships xmlns="{pkg}">'
            f'<Relationship Id="b" Type="{rel}/worksheet" Target="alpha.xml"/>'
            f'<Relationship Id="a" Type="{rel}/worksheet" Target="/xl/data/zeta.xml"/></Relationships>'))
        archive.writestr("xl/book.xml", (
            f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
            '<sheet name="Đoàn viên" sheetId="1" r:id="a"/><sheet name="Vay vốn" sheetId="2" r:id="b"/>'
            '</sheets></workbook>'))
    with zipfile.ZipFile(path) as archive:
        assert sheet_parts(archive) == {"Đoàn viên": "xl/data/zeta.xml", "Vay vốn": "xl/alpha.xml"}
