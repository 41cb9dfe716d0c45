"""Feedback copies written by patching the original zip: structurally sound, untouched parts untouched.

Excel refuses (or "repairs") a package whose relationships point nowhere, whose parts have no
content type, or whose worksheet children are out of the CT_Worksheet order, so each copy is
checked for those here, independently of unionxl.writers.xlsx_patch.
"""

from __future__ import annotations

import posixpath
import re
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pytest
from defusedxml.ElementTree import fromstring

from unionxl.findings import Severity
from unionxl.merge import merge_folder
from unionxl.xlsx import patch as xlsx_patch
from unionxl.writers.feedback import AUTHOR, FILLS, write_feedback

from .builders import write_folder
from .test_feedback import EXPECTED, as_excel_saves_it, broken_groups, sheet_part

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
# ECMA-376 Part 1, 18.3.1.99 CT_Worksheet: the children of <worksheet>, in the only order Excel accepts
CT_WORKSHEET = [
    "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr",
    "sheetProtection", "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate",
    "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting", "dataValidations", "hyperlinks",
    "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks", "customProperties",
    "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF",
    "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst",
]


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def check_package(path: Path) -> None:
    """Every relationship resolves, every part has a content type, every sheet is well-formed and in order."""
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        names = set(archive.namelist())
        lower = {n.lower() for n in names}
        types = fromstring(archive.read("[Content_Types].xml"))
        overrides = {o.get("PartName").lstrip("/").lower(): o.get("ContentType") for o in types.iter(CT + "Override")}
        defaults = {d.get("Extension").lower(): d.get("ContentType") for d in types.iter(CT + "Default")}
        assert set(overrides) <= lower, set(overrides) - lower  # no Override for a missing part
        for name in names:
            if not name.endswith("/") and name != "[Content_Types].xml":
                assert name.lower() in overrides or name.rsplit(".", 1)[-1].lower() in defaults, name
        for name in names:
            if not name.endswith(".rels"):
                continue
            source = posixpath.join(posixpath.dirname(posixpath.dirname(name)), posixpath.basename(name)[:-5])
            ids = []
            for rel in fromstring(archive.read(name)).iter(PKG + "Relationship"):
                ids.append(rel.get("Id"))
                if rel.get("TargetMode") == "External":
                    continue
                target = xlsx_patch.resolve(source, rel.get("Target"))
                assert target.lower() in lower, (name, rel.get("Target"))
            assert len(ids) == len(set(ids)), name

        book = fromstring(archive.read("xl/workbook.xml"))
        sheets = list(book.iter(MAIN + "sheet"))
        assert len({s.get("sheetId") for s in sheets}) == len(sheets)
        assert len({s.get("name") for s in sheets}) == len(sheets)
        for name in book.iter(MAIN + "definedName"):
            if name.get("localSheetId") is not None:
                sheet = sheets[int(name.get("localSheetId"))].get("name")
                assert sheet in name.text or f"'{sheet}'" in name.text, (sheet, name.text)
        vml_blocks = []
        selected = 0
        for sheet in sheets:
            part = sheet_part(archive, sheet.get("name"))
            xml = archive.read(part)
            root = fromstring(xml)
            order = [CT_WORKSHEET.index(local(child.tag)) for child in root if local(child.tag) != "AlternateContent"]
            assert order == sorted(order), (part, [local(child.tag) for child in root])
            selected += sum(v.get("tabSelected") in ("1", "true") for v in root.iter(MAIN + "sheetView"))
            rels = posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")
            if rels in names:
                targets = {rel.get("Id"): rel for rel in fromstring(archive.read(rels)).iter(PKG + "Relationship")}
                for element in root.iter():
                    if element.get(R_ID) is not None:
                        assert element.get(R_ID) in targets, (part, element.tag)
                comments = [r for r in targets.values() if r.get("Type").endswith("/comments")]
                if comments:
                    legacy = root.find(MAIN + "legacyDrawing")
                    assert legacy is not None
                    vml = archive.read(xlsx_patch.resolve(part, targets[legacy.get(R_ID)].get("Target"))).decode()
                    refs = [c.get("ref") for c in fromstring(archive.read(
                        xlsx_patch.resolve(part, comments[0].get("Target")))).iter(MAIN + "comment")]
                    assert vml.count('ObjectType="Note"') == len(refs)
                    vml_blocks += re.findall(r'idmap v:ext="edit" data="(\d+)"', vml)
                    cells = {c.get("r") for c in root.iter(MAIN + "c")}
                    assert set(refs) <= cells
        assert len(vml_blocks) == len(set(vml_blocks))
        assert selected == 1


def unchanged_parts(original: Path, copy: Path) -> set[str]:
    """Parts with the very same content (CRC and size) in both zips. (Their compressed bytes may differ:
    zipfile's public API writes each part compressed anew.)"""
    with zipfile.ZipFile(original) as a, zipfile.ZipFile(copy) as b:
        old = {i.filename: (i.CRC, i.file_size) for i in a.infolist()}
        return {i.filename for i in b.infolist() if old.get(i.filename) == (i.CRC, i.file_size)}


def patched(copy: Path) -> bool:
    """Whether the copy came from the zip patch: openpyxl renumbers the sheet parts, the new first sheet
    being sheet1.xml; the patch keeps the original parts and adds the new sheet under a new name."""
    with zipfile.ZipFile(copy) as archive:
        return sheet_part(archive, "Phản hồi") != "xl/worksheets/sheet1.xml"


def load_quietly(path: Path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # openpyxl warns about content it does not understand or repairs
        return openpyxl.load_workbook(path)


@pytest.fixture
def folder(tmp_path) -> Path:
    return write_folder(tmp_path / "in", broken_groups())


def test_the_copy_is_a_patch_of_the_original(folder, tmp_path):
    [copy] = write_feedback(merge_folder(folder), tmp_path / "out")
    check_package(copy)
    assert patched(copy)
    kept = unchanged_parts(folder / "T01.xlsx", copy)
    with zipfile.ZipFile(folder / "T01.xlsx") as archive:
        changed = set(archive.namelist()) - kept
    # styles (fills), the flagged sheet, the workbook and what registers the new parts; nothing else
    assert changed == {"[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                       "xl/worksheets/sheet1.xml", "xl/worksheets/sheet3.xml"}  # sheet1 loses tabSelected
    book = load_quietly(copy)
    assert book.sheetnames[0] == "Phản hồi" and book.active.title == "Phản hồi"
    ws = book["Đoàn viên"]
    for (_, _, ref), severity in EXPECTED.items():
        assert ws[ref].fill.fgColor.rgb == FILLS[severity] and ws[ref].comment.author == AUTHOR
    assert ws["E4"].number_format == "@" and ws["E4"].protection.locked is False


def test_excel_extensions_are_kept_as_written(folder, tmp_path):
    as_excel_saves_it(folder / "T01.xlsx")
    [copy] = write_feedback(merge_folder(folder), tmp_path / "out")
    check_package(copy)
    assert patched(copy)
    with zipfile.ZipFile(copy) as archive:
        sheet = archive.read("xl/worksheets/sheet3.xml").decode()
    assert "<x14:dataValidations" in sheet
    assert sheet.index("<legacyDrawing ") < sheet.index("<extLst>")  # before the extension list


def test_calc_chain_is_dropped_and_names_follow_their_sheets(folder, tmp_path):
    path = folder / "T01.xlsx"
    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    parts["xl/calcChain.xml"] = (b'<?xml version="1.0"?><calcChain xmlns="http://schemas.openxmlformats.org/'
                                 b'spreadsheetml/2006/main"><c r="A1" i="1"/></calcChain>')
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>')
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.spreadsheetml.calcChain+xml"/></Types>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    [copy] = write_feedback(merge_folder(folder), tmp_path / "out")
    check_package(copy)  # also: each localSheetId names the sheet its formula refers to
    assert patched(copy)
    assert "xl/calcChain.xml" not in zipfile.ZipFile(copy).namelist()
    assert load_quietly(copy)["Đoàn viên"].print_title_rows == "$3:$3"


def test_the_officers_own_comments_stay(folder, tmp_path):
    """A flagged sheet that already has comments takes the openpyxl path, which keeps them after ours."""
    book = openpyxl.load_workbook(folder / "T01.xlsx")
    book["Đoàn viên"]["E4"].comment = openpyxl.comments.Comment("Đã kiểm tra với phòng nhân sự", "Tổ trưởng")
    book.save(folder / "T01.xlsx")
    result = merge_folder(folder)
    [copy] = write_feedback(result, tmp_path / "out")
    check_package(copy)
    assert not patched(copy)
    text = load_quietly(copy)["Đoàn viên"]["E4"].comment.text
    assert "cccd-birth-year" in text and text.endswith("Đã kiểm tra với phòng nhân sự")
    # the detour is said, with the file and why
    [detour] = [f for f in result.report.findings if f.code == "output-slow-path"]
    assert detour.file == "T01.xlsx" and detour.severity == Severity.NOTE
    assert detour.params["output"] == copy.name and "comments" in detour.params["reason"]


def test_the_fast_path_leaves_no_note(folder, tmp_path):
    result = merge_folder(folder)
    [copy] = write_feedback(result, tmp_path / "out")
    assert patched(copy)
    assert not [f for f in result.report.findings if f.code.startswith("output-")]


def test_a_package_the_patch_cannot_parse_takes_the_openpyxl_path_and_says_why(folder, tmp_path):
    """An undeclared prefix in the styles part: not well-formed. Each path that steps aside says why."""
    path = folder / "T01.xlsx"
    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    styles = parts["xl/styles.xml"]
    parts["xl/styles.xml"] = styles.replace(b"<fonts", b"<bad:x/><fonts", 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    result = merge_folder(folder)
    copies = write_feedback(result, tmp_path / "out")
    reasons = [f.params["reason"] for f in result.report.findings if f.code == "output-slow-path"]
    # lxml refuses it, and so does openpyxl: the copy lists the findings without marking cells
    assert len(reasons) == 2
    assert reasons[0].startswith("patch: ") and "styles.xml" in reasons[0]
    assert reasons[1].startswith("openpyxl: ")
    [copy] = copies
    assert not patched(copy) and "không tô màu được" in load_quietly(copy)["Phản hồi"]["A2"].value


def test_one_copy_that_fails_is_a_finding_and_the_others_are_written(tmp_path, monkeypatch):
    from unionxl.writers import feedback

    groups = broken_groups()
    groups[1]["data"]["members"][0]["professional_level"] = "dai hoc"  # T02 gets a copy too
    result = merge_folder(write_folder(tmp_path / "in", groups))
    real = feedback._write_copy

    def failing(source, target, display, *args, **kwargs):
        if display == "T01.xlsx":
            raise OSError("disk full")
        return real(source, target, display, *args, **kwargs)

    monkeypatch.setattr(feedback, "_write_copy", failing)
    copies = write_feedback(result, tmp_path / "out")
    assert [c.name for c in copies] == ["T02-phan-hoi.xlsx"]
    [failed] = [f for f in result.report.findings if f.code == "output-failed"]
    assert failed.file == "T01.xlsx" and "disk full" in failed.params["reason"]
    assert failed.severity == Severity.WARNING


def test_a_workbook_saved_by_openpyxl_is_patched_too(folder, tmp_path):
    openpyxl.load_workbook(folder / "T01.xlsx").save(folder / "T01.xlsx")
    [copy] = write_feedback(merge_folder(folder), tmp_path / "out")
    check_package(copy)
    assert patched(copy)
    assert "xl/theme/theme1.xml" in unchanged_parts(folder / "T01.xlsx", copy)
    assert load_quietly(copy)["Đoàn viên"]["H4"].fill.fgColor.rgb == FILLS[Severity.WARNING]


# ------------------------------------------------------------------ the cell surgery, one case at a time

SHEET = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
         'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" '
         'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">'
         '<dimension ref="A1:C3"/><cols><col min="4" max="4" width="9" style="7"/></cols>{data}'
         '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
         '<tableParts count="0"/></worksheet>')


def restyle(style: int, fill: int) -> int:
    return 100 * fill + style


def cells(xml: str) -> list[tuple[str, str | None]]:
    return [(c.get("r"), c.get("s")) for c in fromstring(xml).iter(MAIN + "c")]


@pytest.mark.parametrize("data, marks, expected", [
    # existing cell without s, existing cell with s, a cell missing between two others
    ('<sheetData><row r="1" spans="1:3" x14ac:dyDescent="0.25"><c r="A1"><v>1</v></c><c r="C1" s="3" t="s">'
     '<v>0</v></c></row></sheetData>', {(1, 1): 1, (1, 3): 2, (1, 2): 1},
     [("A1", "100"), ("B1", "100"), ("C1", "203")]),
    # a row missing between two rows, one after the last; a column style is inherited
    ('<sheetData><row r="1"><c r="A1"/></row><row r="3"><c r="A3"/></row></sheetData>',
     {(2, 4): 1, (5, 2): 1}, [("A1", None), ("D2", "107"), ("A3", None), ("B5", "100")]),
    # an empty sheet, a self-closing row with a row style
    ('<sheetData/>', {(2, 2): 1}, [("B2", "100")]),
    ('<sheetData><row r="2" s="5" customFormat="1"/></sheetData>', {(2, 2): 1}, [("B2", "105")]),
])
def test_mark_cells(data, marks, expected):
    root = xlsx_patch.parse(SHEET.format(data=data), "sheet")
    xlsx_patch.mark_cells(root, marks, restyle)
    xml = xlsx_patch.serialise(root).decode()
    assert cells(xml) == expected
    rows = [int(r.get("r")) for r in fromstring(xml).iter(MAIN + "row")]
    assert rows == sorted(rows)
    assert 'mc:Ignorable="x14ac"' in xml and 'xmlns:x14ac=' in xml  # declarations untouched
    xlsx_patch.add_legacy_drawing(root, "rId7")
    xml = xlsx_patch.serialise(root).decode()
    assert xml.count("xmlns=") == 1  # new elements use the declarations in place, none of their own
    root = fromstring(xml)
    assert [local(c.tag) for c in root][-3:] == ["pageMargins", "legacyDrawing", "tableParts"]
    assert root.find(MAIN + "legacyDrawing").get(R_ID) == "rId7"  # the r prefix was declared
    last = xlsx_patch.cell_ref(max(3, *(r for r, _ in marks)), max(3, *(c for _, c in marks)))
    assert root.find(MAIN + "dimension").get("ref") == f"A1:{last}"  # covers the new cells

def test_styles_get_fills_and_clones_that_keep_the_format():
    xml = ('<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           '<fonts count="1"><font><sz val="11"/></font></fonts>'
           '<fills count="2"><fill><patternFill patternType="none"/></fill>'
           '<fill><patternFill patternType="gray125"/></fill></fills>'
           '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
           '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
           '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" '
           'applyProtection="1"><protection locked="0"/></xf></cellXfs></styleSheet>')
    styles = xlsx_patch.Styles(xlsx_patch.parse(xml, "styles"))
    red = styles.solid_fill("FFFF7C80")
    assert red == 2 and styles.with_fill(1, red) == 2 and styles.with_fill(1, red) == 2
    root = fromstring(xlsx_patch.serialise(styles.root))
    fills, xfs = root.find(MAIN + "fills"), root.find(MAIN + "cellXfs")
    assert fills.get("count") == "3" and len(fills) == 3
    assert xfs.get("count") == "3" and len(xfs) == 3
    clone = xfs[2]
    assert clone.get("numFmtId") == "49" and clone.get("fillId") == "2" and clone.get("applyFill") == "1"
    assert clone.find(MAIN + "protection").get("locked") == "0"
