"""Feedback copies: the group's own workbook, cells marked, nothing of the original lost, input untouched.

Layout reminders: 'Đoàn viên' data rows start at row 4; C gender, E CCCD (text
format '@'), D birth date, H professional level.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import warnings
import zipfile
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

import openpyxl
import pytest

from tests.conftest import needs

from unionxl.findings import Finding, Severity
from unionxl.merge import merge_folder
from unionxl.writers.feedback import FILLS, write_feedback, x14_validations

from .builders import two_groups, write_folder
from .test_checks import set_cccd

FORMULA = '=HYPERLINK("http://x","y")'
EXPECTED = {  # (code, sheet, cell) -> severity, for the broken group T01
    ("cccd-birth-year", "Đoàn viên", "E4"): Severity.ERROR,
    ("cell-choice", "Đoàn viên", "C5"): Severity.ERROR,
    ("cell-choice-normalised", "Đoàn viên", "H4"): Severity.WARNING,
}


def broken_groups() -> list[dict]:
    """T01 with two errors and one warning; T02 clean."""
    groups = two_groups()
    set_cccd(groups[0], 0, "012090001234")  # born 1985, digits 5-6 say 90
    groups[0]["data"]["members"][1]["gender"] = FORMULA  # not in the list, and must stay text
    groups[0]["data"]["members"][0]["professional_level"] = "dai hoc"  # read as Đại học, with a warning
    return groups


def blank_flags(path: Path, name: str) -> list[tuple[str, bool]]:
    """Each data validation of sheet `name` with its allowBlank flag, as the XML says."""
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(archive.read(sheet_part(archive, name)))
    return sorted((v.get("sqref"), v.get("allowBlank") in ("1", "true")) for v in root.iter(main + "dataValidation"))


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def feedback_rows(path: Path, sheet: str = "Phản hồi") -> list[tuple]:
    ws = openpyxl.load_workbook(path)[sheet]
    return [tuple(c.value for c in row) for row in ws.iter_rows(min_row=4) if row[0].value is not None]


def signature(path: Path) -> dict:
    """Everything of a workbook the copy must keep, per sheet, as openpyxl reads it."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(path)
    sheets = {}
    for ws in book.worksheets:
        p = ws.protection
        sheets[ws.title] = {
            "validations": sorted((str(v.sqref), v.type, v.formula1, v.formula2, v.allow_blank, v.showDropDown)
                                  for v in ws.data_validations.dataValidation),
            "protection": (p.sheet, p.formatColumns, p.formatRows, p.insertRows, p.deleteRows, p.sort,
                           p.autoFilter, p.objects, p.scenarios, p.password),
            "freeze": ws.freeze_panes, "state": ws.sheet_state, "filter": ws.auto_filter.ref,
            "conditional": sorted(str(r.sqref) for r in ws.conditional_formatting),
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "print_titles": ws.print_title_rows,
            "names": sorted((n, d.attr_text) for n, d in ws.defined_names.items()),
            "widths": {k: d.width for k, d in ws.column_dimensions.items()},
        }
    names = sorted((n, d.attr_text) for n, d in book.defined_names.items())
    return {"sheets": sheets, "names": names}


def sheet_part(archive: zipfile.ZipFile, name: str) -> str:
    """The zip part holding sheet `name` (openpyxl renumbers parts by position, a patched copy does not)."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
          "p": "http://schemas.openxmlformats.org/package/2006/relationships"}
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target") for rel in rels.iterfind("p:Relationship", ns)}
    sheet = next(s for s in book.iterfind("m:sheets/m:sheet", ns) if s.get("name") == name)
    target = targets[sheet.get(rid)]
    return target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)


@pytest.fixture
def run(tmp_path):
    folder = write_folder(tmp_path / "in", broken_groups())
    before = digests(folder)
    result = merge_folder(folder)
    paths = write_feedback(result, tmp_path / "out")
    return folder, before, result, paths


def test_a_copy_only_for_the_group_with_findings(run, tmp_path):
    folder, _, result, paths = run
    assert {(f.code, f.sheet, f.cell): f.severity for f in result.report.findings} == EXPECTED
    assert paths == [tmp_path / "out" / "T01-phan-hoi.xlsx"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["T01-phan-hoi.xlsx"]  # no temp files left


def test_inputs_are_never_modified(run):
    folder, before, _, _ = run
    assert digests(folder) == before


def test_each_finding_cell_is_filled_and_commented(run):
    _, _, _, paths = run
    ws = openpyxl.load_workbook(paths[0])["Đoàn viên"]
    for (code, _, cell), severity in EXPECTED.items():
        assert ws[cell].fill.fill_type == "solid"
        assert ws[cell].fill.fgColor.rgb == FILLS[severity]
        assert ws[cell].comment is not None and code in ws[cell].comment.text
        assert severity.label("vi") in ws[cell].comment.text
    assert ws["E4"].fill.fgColor.rgb != ws["H4"].fill.fgColor.rgb
    assert ws["B4"].comment is None and ws["B4"].fill.fill_type is None  # untouched neighbour


def test_feedback_sheet_lists_exactly_the_findings(run):
    _, _, _, paths = run
    book = openpyxl.load_workbook(paths[0])
    assert book.sheetnames[0] == "Phản hồi" and book.active.title == "Phản hồi"
    assert [ws.sheet_view.tabSelected for ws in book.worksheets].count(True) == 1  # no grouped sheets
    rows = feedback_rows(paths[0])
    assert {(r[2], r[3], r[4]): r[1] for r in rows} == {k: v.label("vi") for k, v in EXPECTED.items()}
    assert [r[1] for r in rows] == ["Lỗi", "Lỗi", "Cảnh báo"]  # errors first
    ws = book["Phản hồi"]
    assert ws.freeze_panes == "A4" and ws.auto_filter.ref == "A3:G6"
    assert ws.column_dimensions["G"].width > 50
    links = {ws.cell(r, 5).value: ws.cell(r, 5).hyperlink for r in range(4, 7)}
    assert links["E4"].location == "'Đoàn viên'!E4"
    assert all(link.target is None for link in links.values())  # internal jumps only


def test_a_formula_from_a_group_stays_text(run):
    _, _, _, paths = run
    ws = openpyxl.load_workbook(paths[0])["Phản hồi"]
    cell = next(c for c in ws["F"] if c.value == FORMULA)
    assert cell.data_type == "s"
    with zipfile.ZipFile(paths[0]) as archive:
        sheet_xml = archive.read(sheet_part(archive, "Phản hồi")).decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    assert '<t>=HYPERLINK("http://x","y")</t>' in sheet_xml  # a string cell, never a formula


def test_everything_of_the_original_survives(run):
    folder, _, _, paths = run
    original, copy = signature(folder / "T01.xlsx"), signature(paths[0])
    assert copy["names"] == original["names"]
    assert set(copy["sheets"]) == set(original["sheets"]) | {"Phản hồi"}
    for name, sheet in original["sheets"].items():
        assert copy["sheets"][name] == sheet, name
    lists = [v for v in original["sheets"]["Đoàn viên"]["validations"] if v[1] == "list"]
    assert ("C4:C403", "list", "'Danh mục'!$A$2:$A$3", None, True, False) in lists
    a, b = openpyxl.load_workbook(folder / "T01.xlsx"), openpyxl.load_workbook(paths[0])
    for ref in ("E4", "E5", "E403", "D4", "K4"):
        assert b["Đoàn viên"][ref].number_format == a["Đoàn viên"][ref].number_format
        assert b["Đoàn viên"][ref].protection.locked == a["Đoàn viên"][ref].protection.locked
    assert b["Đoàn viên"]["E4"].number_format == "@" and b["Đoàn viên"]["D4"].number_format == "dd/mm/yyyy"
    assert b["Đoàn viên"]["E4"].value == "012090001234"  # still text, leading zero kept


def test_the_copy_is_still_a_valid_input(run, tmp_path):
    _, _, result, paths = run
    again = tmp_path / "again"
    shutil.copytree(tmp_path / "in", again)
    shutil.copy(paths[0], again / "T01.xlsx")
    places = lambda r: sorted((f.code, f.sheet, f.cell) for f in r.report.findings)  # noqa: E731
    second = merge_folder(again)
    assert places(second) == places(result)
    # fed back, the old feedback sheet, fills and comments give way to the new ones
    copy = write_feedback(second, tmp_path / "out2")[0]
    book = openpyxl.load_workbook(copy)
    assert book.sheetnames.count("Phản hồi") == 1 and len(book.sheetnames) == 9
    assert book["Đoàn viên"]["E4"].comment.text.count("cccd-birth-year") == 1
    # this copy is saved by openpyxl, which must keep every validation's "ignore blank" box as the
    # template set it: read from the XML, as openpyxl before 3.1.3 lost it on loading (and so on saving)
    original = tmp_path / "in" / "T01.xlsx"
    sheets = openpyxl.load_workbook(original, read_only=True).sheetnames
    flags = {name: blank_flags(original, name) for name in sheets}
    assert {name: blank_flags(copy, name) for name in sheets} == flags
    assert ("C4:C403", True) in flags["Đoàn viên"]


def test_clean_groups_get_no_copy(tmp_path):
    result = merge_folder(write_folder(tmp_path / "in", two_groups()))
    assert write_feedback(result, tmp_path / "out") == []
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_english_names_and_file_level_and_vanished_sheet_findings(run, tmp_path):
    folder, _, result, _ = run
    result.report.add(Finding("sheet-missing", "T01.xlsx", params={"sheet_expected": "Chăm lo"}, group="T01"))
    result.report.add(Finding("cell-required", "T01.xlsx", "Gone", "B4", None, {"column": "X"}, "T01"))
    paths = write_feedback(result, tmp_path / "en", lang="en")
    assert [p.name for p in paths] == ["T01-feedback.xlsx"]
    book = openpyxl.load_workbook(paths[0])
    assert "Gone" not in book.sheetnames and book.sheetnames[0] == "Feedback"
    rows = {r[2]: r for r in feedback_rows(paths[0], "Feedback")}
    assert set(rows) == {code for code, _, _ in EXPECTED} | {"sheet-missing", "cell-required"}
    assert rows["sheet-missing"][3] == "(whole file)" and rows["sheet-missing"][1] == "Error"
    assert rows["cell-required"][3].startswith("Gone (sheet no longer")
    ws = book["Feedback"]
    link_rows = [r for r in range(4, 9) if ws.cell(r, 3).value == "cell-required"]
    assert ws.cell(link_rows[0], 5).hyperlink is None


def test_a_rejected_file_and_the_unit_get_feedback_at_their_cells(tmp_path):
    groups = two_groups()
    groups[1]["year"] = 2023
    result = merge_folder(write_folder(tmp_path / "in", groups))
    assert sorted((f.file, f.code, f.cell) for f in result.report.findings) == [
        ("T02.xlsx", "file-year", "B5"), ("don-vi.xlsx", "group-missing", "B5")]
    paths = write_feedback(result, tmp_path / "out")
    assert [p.name for p in paths] == ["T02-phan-hoi.xlsx", "don-vi-phan-hoi.xlsx"]
    assert openpyxl.load_workbook(paths[0])["Thông tin tổ"]["B5"].fill.fgColor.rgb == FILLS[Severity.ERROR]
    unit = openpyxl.load_workbook(paths[1])
    assert unit["Tổ công đoàn"]["B5"].fill.fgColor.rgb == FILLS[Severity.ERROR]
    assert "group-missing" in unit["Tổ công đoàn"]["B5"].comment.text


# ------------------------------------------------------------------ Excel's x14 dropdowns

X14_URI = "{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}"


def as_excel_saves_it(path: Path, sheet_part: str = "xl/worksheets/sheet3.xml") -> int:
    """Move the cross-sheet list validations into the x14 extension, as Excel 2010+ writes them."""
    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    xml = parts[sheet_part].decode()
    lists = re.findall(r'<dataValidation type="list".*?</dataValidation>', xml)
    for block in lists:
        xml = xml.replace(block, "")
    xml = re.sub(r'<dataValidations count="\d+">', lambda m: f'<dataValidations count="{14 - len(lists)}">', xml)
    ext = "".join(
        '<x14:dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1">'
        f'<x14:formula1><xm:f>{re.search("<formula1>(.*?)</formula1>", b).group(1)}</xm:f></x14:formula1>'
        f'<xm:sqref>{re.search(r"sqref=.(.*?).>", b).group(1)}</xm:sqref></x14:dataValidation>' for b in lists)
    xml = xml.replace("</worksheet>", (
        f'<extLst><ext uri="{X14_URI}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
        f'<x14:dataValidations count="{len(lists)}" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
        f'{ext}</x14:dataValidations></ext></extLst></worksheet>'))
    parts[sheet_part] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return len(lists)


def list_validations(path: Path, sheet: str = "Đoàn viên") -> set[tuple]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ws = openpyxl.load_workbook(path)[sheet]
    return {(str(v.sqref), v.formula1) for v in ws.data_validations.dataValidation if v.type == "list"}


def test_excel_x14_dropdowns_are_restored(tmp_path):
    folder = write_folder(tmp_path / "in", broken_groups())
    expected = list_validations(folder / "T01.xlsx")
    assert as_excel_saves_it(folder / "T01.xlsx") == len(expected) == 8
    assert list_validations(folder / "T01.xlsx") == set()  # what openpyxl alone sees, and would save
    assert {(str(v.sqref), v.formula1) for v in x14_validations(folder / "T01.xlsx")["Đoàn viên"]} == expected
    before = digests(folder)
    paths = write_feedback(merge_folder(folder), tmp_path / "out")
    # kept as Excel wrote them (a patched copy) or as ordinary validations (an openpyxl copy): all there
    kept = {(str(v.sqref), v.formula1) for v in x14_validations(paths[0]).get("Đoàn viên", [])}
    assert list_validations(paths[0]) | kept == expected
    assert digests(folder) == before
    # sent back, the copy takes the openpyxl path (old marks removed), which restores them as ordinary ones
    shutil.copy(paths[0], folder / "T01.xlsx")
    again = write_feedback(merge_folder(folder), tmp_path / "again")
    assert list_validations(again[0]) == expected


def test_libreoffice_opens_the_copy_and_keeps_the_dropdowns(run, tmp_path):
    needs("soffice")
    _, _, _, paths = run
    out = tmp_path / "lo"
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx",
                    "--outdir", str(out), str(paths[0])], check=True, capture_output=True, timeout=180)
    converted = out / paths[0].name
    assert list_validations(converted) == list_validations(paths[0])
    ws = openpyxl.load_workbook(converted)["Đoàn viên"]
    assert ws["E4"].fill.fgColor.rgb == FILLS[Severity.ERROR] and "cccd-birth-year" in ws["E4"].comment.text


def test_an_isolated_copy_is_the_same_copy_and_a_dying_patcher_costs_only_that_copy(tmp_path, monkeypatch):
    """The web desk patches copies in reading workers (isolated=True): same bytes as in process;
    a worker that dies is that copy's output-failed finding, not the caller's crash."""
    from unionxl import isolation
    from unionxl.merge import merge_folder as merge_again

    folder = write_folder(tmp_path / "in", broken_groups())
    here = write_feedback(merge_folder(folder), tmp_path / "here")
    with isolation.WarmPool(1):
        there = write_feedback(merge_folder(folder), tmp_path / "there", isolated=True)
    assert [p.name for p in there] == [p.name for p in here] == ["T01-phan-hoi.xlsx"]
    assert there[0].read_bytes() == here[0].read_bytes()

    result = merge_again(folder)
    crashed = [isolation.Failure("file-crashed-reader", "SIGABRT")]  # what a worker dying while patching gives
    monkeypatch.setattr(isolation, "run_isolated", lambda worker, tasks, **kw: crashed * len(tasks))
    assert write_feedback(result, tmp_path / "crashed", isolated=True) == []
    failed = [f for f in result.report.findings if f.code == "output-failed"]
    assert len(failed) == 1 and failed[0].file == "T01.xlsx", failed
