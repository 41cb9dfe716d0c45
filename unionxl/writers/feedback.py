"""Feedback copies: each workbook with findings, returned to its sender with the cells marked.

For every input file that has an error or warning at a cell, a copy of that
file is written to `<stem>-phan-hoi.xlsx` (`-feedback` in English): each
offending cell is filled (red for an error, amber for a warning) and carries a
comment with severity, code and message; a first sheet lists all the file's
findings with a link to each cell. Notes are listed but never highlighted.

The input is only read: openpyxl loads it and saves to a temporary file beside
the output, which is renamed into place (`fileio.atomic_path`).

What openpyxl keeps and drops on the way (tests/test_feedback.py holds it to
this): it keeps ordinary data validations, number formats, cell and sheet
protection, freeze panes, autofilters, conditional formats, print titles and
defined names. It drops the x14 data-validation extension, which Excel writes
for a dropdown whose list lives on another sheet (the 'Danh mục' lists once an
officer saves the template in Excel); openpyxl only warns "Data Validation
extension is not supported and will be removed". Those validations are read
from the original sheet XML here and added back as ordinary validations,
which Excel 2010+ and LibreOffice read the same way.

A copy that comes back (an officer fixed the cells in the copy and resent it)
has its old feedback sheet, fills and comments removed before the new ones
are added, so a fixed cell does not stay red.
"""

from __future__ import annotations

import math
import re
import warnings
import zipfile
from collections import defaultdict
from pathlib import Path, PurePosixPath
from typing import Iterable
from xml.etree import ElementTree

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils.cell import coordinate_from_string, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.hyperlink import Hyperlink

from ..fileio import atomic_path
from ..findings import Finding, Severity
from ..merge import MergeResult
from ..template import FONT

AUTHOR = "unionxl"
FILLS = {  # strong enough to tell from the template's pale yellow entry cells and orange headers
    Severity.ERROR: "FFFF7C80",
    Severity.WARNING: "FFFFC000",
}
HEADER_FILL = "FFD9D9D9"
OPENPYXL_SUFFIXES = {".xlsx", ".xlsm"}
MAX_CELL_TEXT = 32_000  # Excel's limit is 32.767 characters per cell
MESSAGE_WIDTH = 60
SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTE: 2}


def _t(vi: str, en: str) -> dict[str, str]:
    return {"vi": vi, "en": en}


TEXT = {
    "suffix": _t("-phan-hoi", "-feedback"),
    "sheet": _t("Phản hồi", "Feedback"),
    "title": _t("PHẢN HỒI KIỂM TRA BIỂU MẪU: {file}", "CHECK RESULTS FOR: {file}"),
    "summary": _t("{errors} lỗi, {warnings} cảnh báo, {notes} ghi chú. Ô có lỗi tô đỏ, ô cảnh báo tô vàng cam; "
                  "di chuột vào ô để đọc ghi chú, bấm vào địa chỉ ô ở cột “Ô” để đến ô đó. "
                  "Sửa các ô rồi gửi lại tệp.",
                  "{errors} errors, {warnings} warnings, {notes} notes. Error cells are red, warning cells amber; "
                  "hover over a cell to read its comment, click an address in the “Cell” column to go there. "
                  "Fix the cells and send the file back."),
    "headers": _t("STT|Mức độ|Mã|Trang|Ô|Giá trị|Nội dung cần sửa", "No.|Severity|Code|Sheet|Cell|Value|What to do"),
    "no_sheet": _t("(trang không còn trong tệp)", "(sheet no longer in the file)"),
    "not_marked": _t("Tệp gốc dạng {suffix} nên không tô màu được các ô; lưu tệp dạng .xlsx (Excel Workbook) "
                     "rồi gửi lại.",
                     "The original is a {suffix} file, so its cells could not be marked; save it as .xlsx "
                     "and send it again."),
    "whole_file": _t("(cả tệp)", "(whole file)"),
}


def _text(key: str, lang: str, **params) -> str:
    return TEXT[key]["vi" if lang == "vi" else "en"].format(**params)


def feedback_folder(lang: str = "vi") -> str:
    """The subfolder of the output folder that holds the copies to send back."""
    return "phan-hoi" if lang == "vi" else "feedback"


def write_feedback(result: MergeResult, out_dir: Path, lang: str = "vi",
                   folder: Path | None = None) -> list[Path]:
    """Write one feedback copy per input file with an error or warning at a cell; return their paths.

    `folder` is the merged folder; when omitted it is worked out from the workbooks the merge kept.
    """
    out_dir = Path(out_dir)
    sources = _sources(result, folder)
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in result.report.findings:
        if finding.file:
            by_file[finding.file].append(finding)
    written: list[Path] = []
    used: set[str] = set()
    for display in sorted(by_file):
        findings = by_file[display]
        source = sources.get(display)
        if source is None or not any(f.cell and f.severity != Severity.NOTE for f in findings):
            continue
        target = out_dir / _output_name(display, source, lang, used)
        _write_copy(source, target, display, _ordered(findings), lang)
        written.append(target)
    return written


def _sources(result: MergeResult, folder: Path | None) -> dict[str, Path]:
    """Finding.file -> the input path: the merge's workbooks, then files found under the folder."""
    books = list(result.dataset.groups) + ([result.dataset.unit] if result.dataset.unit else [])
    books = [book for book in books if book.display]  # a roll-up's sector 'unit' has no file behind it
    sources = {book.display: Path(book.path) for book in books}
    folders = [Path(folder)] if folder is not None else []
    for book in books:
        parts = PurePosixPath(Path(book.display).as_posix()).parts
        path = Path(book.path)
        if path.parts[-len(parts):] == parts:
            folders.append(Path(*path.parts[:-len(parts)]) if len(path.parts) > len(parts) else Path("."))
    # rejected files (wrong year, duplicate group) are not in the dataset but still deserve feedback
    for record in result.report.files:
        if record.path in sources or record.kind == "skipped":
            continue
        for base in folders:
            candidate = base / record.path
            if candidate.is_file():
                sources[record.path] = candidate
                break
    return sources


def _output_name(display: str, source: Path, lang: str, used: set[str]) -> str:
    suffix = source.suffix.lower() if source.suffix.lower() in OPENPYXL_SUFFIXES else ".xlsx"
    stem = Path(display).stem
    if stem in used:  # the same name in two subfolders: keep the folder in the name
        stem = re.sub(r"[\\/:]+", "_", str(Path(display).with_suffix("")))
    used.add(stem)
    return f"{stem}{_text('suffix', lang)}{suffix}"


def _ordered(findings: Iterable[Finding]) -> list[Finding]:
    def key(f: Finding):
        letters = f.cell.rstrip("0123456789")
        digits = f.cell[len(letters):]
        return (SEVERITY_ORDER[f.severity], f.sheet, int(digits) if digits else 0, letters.rjust(3), f.code)

    return sorted(findings, key=key)


# ------------------------------------------------------------------ the copy


def _write_copy(source: Path, target: Path, display: str, findings: list[Finding], lang: str) -> None:
    book = None
    note = ""
    if source.suffix.lower() in OPENPYXL_SUFFIXES:
        try:
            book = _load(source)
        except Exception:  # calamine read it but openpyxl cannot: still send the list
            book = None
    if book is None:
        book = openpyxl.Workbook()
        book.remove(book.active)
        note = _text("not_marked", lang, suffix=source.suffix or "?")
    else:
        _forget_old_feedback(book)
        _restore_x14_validations(source, book)
        _mark_cells(book, findings, lang)
    _add_feedback_sheet(book, display, findings, lang, note)
    with atomic_path(target) as tmp:
        book.save(tmp)


def _load(source: Path):
    with warnings.catch_warnings():
        # the validations behind the "extension is not supported" warning are restored below
        warnings.filterwarnings("ignore", message="Data Validation extension is not supported", category=UserWarning)
        return openpyxl.load_workbook(source, keep_vba=source.suffix.lower() == ".xlsm", rich_text=True)


def _forget_old_feedback(book) -> None:
    for lang in ("vi", "en"):
        name = _text("sheet", lang)
        if name in book.sheetnames:
            book.remove(book[name])
    ours = set(FILLS.values())
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.comment is not None and cell.comment.author == AUTHOR:
                    cell.comment = None
                if cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb in ours:
                    cell.fill = PatternFill(fill_type=None)


def _mark_cells(book, findings: list[Finding], lang: str) -> None:
    by_cell: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in findings:
        if f.cell and f.severity != Severity.NOTE and f.sheet in book.sheetnames:
            by_cell[(f.sheet, f.cell)].append(f)
    for (sheet_name, ref), found in by_cell.items():
        sheet = book[sheet_name]
        cell = _writable_cell(sheet, ref)
        if cell is None:
            continue
        worst = min((f.severity for f in found), key=SEVERITY_ORDER.__getitem__)
        cell.fill = PatternFill("solid", fgColor=FILLS[worst])
        lines = [f"{f.severity.label(lang)} [{f.code}]: {f.message(lang)}" for f in found]
        if cell.comment is not None:  # the officer's own comment stays, after ours
            lines.append("—\n" + cell.comment.text)
        text = _clean("\n\n".join(lines))
        comment = Comment(text, AUTHOR)
        comment.width = 360
        comment.height = max(80, 16 * sum(math.ceil(len(line) / 50) + 1 for line in lines))
        cell.comment = comment


def _writable_cell(sheet, ref: str):
    """The cell at ref, or the top-left cell of the merged range that covers it; None for a bad ref."""
    try:
        coordinate_from_string(ref)
        cell = sheet[ref]
    except (ValueError, KeyError):
        return None
    for merged in sheet.merged_cells.ranges:
        if cell.coordinate in merged:
            return sheet.cell(merged.min_row, merged.min_col)
    return cell


def _clean(text: str, limit: int = MAX_CELL_TEXT) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", text)[:limit]


def _set_text(cell, text: str) -> None:
    """Always a string cell: a value such as '=HYPERLINK(…)' from a group must never become a formula."""
    cell.value = _clean(text)
    cell.data_type = "s"


def _add_feedback_sheet(book, display: str, findings: list[Finding], lang: str, note: str) -> None:
    sheet = book.create_sheet(_text("sheet", lang), 0)
    for other in book.worksheets:
        other.sheet_view.tabSelected = False
    sheet.sheet_view.tabSelected = True
    book.active = 0

    plain, bold = Font(name=FONT), Font(name=FONT, bold=True)
    counts = {s: sum(f.severity == s for f in findings) for s in SEVERITY_ORDER}
    _set_text(sheet["A1"], _text("title", lang, file=display))
    sheet["A1"].font = Font(name=FONT, bold=True, size=13)
    summary = _text("summary", lang, errors=counts[Severity.ERROR], warnings=counts[Severity.WARNING],
                    notes=counts[Severity.NOTE])
    _set_text(sheet["A2"], summary + (" " + note if note else ""))
    sheet["A2"].font = plain
    sheet["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells("A2:G2")
    sheet.row_dimensions[2].height = 15 * 3

    header_row = 3
    thin = Side(style="thin", color="FF808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for col, title in enumerate(_text("headers", lang).split("|"), 1):
        cell = sheet.cell(header_row, col)
        _set_text(cell, title)
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.border = border
        cell.alignment = Alignment(vertical="center", wrap_text=True)

    for number, f in enumerate(findings, 1):
        row = header_row + number
        exists = f.sheet in book.sheetnames and f.sheet != sheet.title
        values = [None, f.severity.label(lang), f.code, f.sheet or _text("whole_file", lang),
                  f.cell, f.to_dict(lang)["value"], f.message(lang)]
        if f.sheet and not exists:
            values[3] = f"{f.sheet} {_text('no_sheet', lang)}"
        for col, value in enumerate(values, 1):
            cell = sheet.cell(row, col)
            if col == 1:
                cell.value = number
            else:
                _set_text(cell, value or "")
            cell.font, cell.border = plain, border
            cell.alignment = Alignment(vertical="top", wrap_text=col in (6, 7))
        if f.severity in FILLS:
            sheet.cell(row, 2).fill = PatternFill("solid", fgColor=FILLS[f.severity])
        if f.cell and exists and _writable_cell(book[f.sheet], f.cell) is not None:
            link = sheet.cell(row, 5)
            # location only, no target: an internal jump, never an external relationship
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"{quote_sheetname(f.sheet)}!{f.cell}")
            link.font = Font(name=FONT, color="FF0563C1", underline="single")
        lines = max(math.ceil(len(str(values[6])) / MESSAGE_WIDTH), math.ceil(len(str(values[5])) / 20), 1)
        sheet.row_dimensions[row].height = 15 * lines

    for letter, width in zip("ABCDEFG", (5, 10, 22, 14, 7, 20, MESSAGE_WIDTH + 2)):
        sheet.column_dimensions[letter].width = width
    last = header_row + max(len(findings), 1)
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.auto_filter.ref = f"A{header_row}:G{last}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


# ------------------------------------------------------------------ x14 validations

_NS = {
    "main": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "x14": "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main",
    "xm": "http://schemas.microsoft.com/office/excel/2006/main",
}
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_DV_ATTRIBUTES = ("type", "operator", "errorStyle", "allowBlank", "showDropDown", "showInputMessage",
                  "showErrorMessage", "errorTitle", "error", "promptTitle", "prompt", "imeMode")
_BOOLEAN = {"allowBlank", "showDropDown", "showInputMessage", "showErrorMessage"}


def x14_validations(source: Path) -> dict[str, list[DataValidation]]:
    """Sheet name -> the validations stored in the x14 extension, which openpyxl does not load."""
    found: dict[str, list[DataValidation]] = {}
    with zipfile.ZipFile(source) as archive:
        names = set(archive.namelist())
        for sheet_name, part in _sheet_parts(archive):
            if part not in names:
                continue
            xml = archive.read(part)
            if _NS["x14"].encode() not in xml or b"dataValidation" not in xml:
                continue
            root = ElementTree.fromstring(xml)
            for node in root.iterfind(".//x14:dataValidation", _NS):
                found.setdefault(sheet_name, []).append(_x14_to_validation(node))
    return found


def _sheet_parts(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iterfind("rel:Relationship", _NS)}
    parts = []
    for sheet in workbook.iterfind("main:sheets/main:sheet", _NS):
        target = targets.get(sheet.get(_R_ID), "")
        part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        parts.append((sheet.get("name", ""), part))
    return parts


def _x14_to_validation(node) -> DataValidation:
    kwargs = {}
    for name in _DV_ATTRIBUTES:
        value = node.get(name)
        if value is not None:
            kwargs[name] = value in ("1", "true") if name in _BOOLEAN else value
    formulas = [node.findtext(f"x14:{tag}/xm:f", default=None, namespaces=_NS) for tag in ("formula1", "formula2")]
    sqref = node.findtext("xm:sqref", default="", namespaces=_NS)
    return DataValidation(formula1=formulas[0], formula2=formulas[1], sqref=sqref, **kwargs)


def _restore_x14_validations(source: Path, book) -> None:
    for sheet_name, validations in x14_validations(source).items():
        if sheet_name not in book.sheetnames:
            continue
        sheet = book[sheet_name]
        present = {(str(v.sqref), v.type, v.formula1) for v in sheet.data_validations.dataValidation}
        for validation in validations:
            if (str(validation.sqref), validation.type, validation.formula1) not in present:
                sheet.add_data_validation(validation)
