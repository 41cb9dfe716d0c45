"""Feedback copies: each workbook with findings, returned to its sender with the cells marked.

For every input file that has an error or warning at a cell, a copy of that
file is written to `<stem>-phan-hoi.xlsx` (`-feedback` in English): each
offending cell is filled (red for an error, amber for a warning) and carries a
comment with severity, code and message; a first sheet lists all the file's
findings with a link to each cell. Notes are listed but never highlighted.

The input is only read, and the copy is written to a temporary file beside
the output, which is renamed into place (`fileio.atomic_path`).

An .xlsx/.xlsm copy is the original zip with a few parts edited
(unionxl.xlsx.patch, lxml on each edited part): styles, the flagged sheets,
new comment and VML parts, the new first sheet and their registrations; every
other part keeps its content as it is, so whatever Excel wrote (x14 dropdowns,
slicers, pictures) stays, and a copy costs milliseconds instead of an openpyxl
load and save (0.1-0.4 s).

openpyxl remains the path for what the patch does not handle (Unsupported, or
a package it cannot parse): a flagged sheet that already has comments (the
officer's own notes are kept, after ours), a feedback copy that comes back
(its old feedback sheet, fills and comments are removed before the new ones
are added, so a fixed cell does not stay red), and packages written in forms
the patch does not parse (Strict SpreadsheetML, rows or cells without r, XML
that is not well-formed). Each such detour is an `output-slow-path` note for
that file, and a copy that cannot be written at all an `output-failed`
warning: a library change that breaks the fast path shows in the run.
What openpyxl keeps and drops on that path (tests/test_feedback.py holds it
to this): it keeps ordinary data validations, number formats, cell and sheet
protection, freeze panes, autofilters, conditional formats, print titles and
defined names. It drops the x14 data-validation extension, which Excel writes
for a dropdown whose list lives on another sheet (the 'Danh mục' lists once an
officer saves the template in Excel); openpyxl only warns "Data Validation
extension is not supported and will be removed". Those validations are read
from the original sheet XML here and added back as ordinary validations,
which Excel 2010+ and LibreOffice read the same way.

.xls, .xlsb and .ods inputs get a new workbook with the findings sheet only.
"""

from __future__ import annotations

import math
import os
import re
import warnings
import zipfile
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable
from xml.etree import ElementTree

from lxml import etree

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils.cell import coordinate_from_string, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.hyperlink import Hyperlink

from .. import i18n
from ..fileio import atomic_path
from ..findings import Finding, Severity
from ..merge import PARALLEL_FROM, MergeResult
from ..template import FONT
from ..xlsx.patch import (CT_COMMENTS, CT_VML, CT_WORKSHEET, MAIN_NS, REL_COMMENTS, REL_VML, REL_WORKSHEET,
                          ContentTypes, Mark, Package, Sheet, Styles, Unsupported, Workbook, add_legacy_drawing,
                          add_relationship, clear_tab_selected, comments_xml, mark_cells, new_relationships,
                          relative, rels_part, used_vml_blocks, vml_xml, worksheet_xml)

AUTHOR = "unionxl"
FILLS = {  # strong enough to tell from the template's pale yellow entry cells and orange headers
    Severity.ERROR: "FFFF7C80",
    Severity.WARNING: "FFFFC000",
}
HEADER_FILL = "FFD9D9D9"
BORDER = "FF808080"
LINK_COLOR = "FF0563C1"
HEADER_ROW = 3
SUMMARY_HEIGHT = 15 * 3
OPENPYXL_SUFFIXES = {".xlsx", ".xlsm"}
COMMENT_WIDTH = 360  # pixels
MAX_CELL_TEXT = 32_000  # Excel's limit is 32.767 characters per cell
MESSAGE_WIDTH = 60
WIDTHS = (5, 10, 22, 14, 7, 20, MESSAGE_WIDTH + 2)  # columns A..G of the findings sheet
SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTE: 2}


def _text(key: str, lang: str, **params) -> str:
    return i18n.text(key, lang).format(**params)


def feedback_folder(lang: str = "vi") -> str:
    """The subfolder of the output folder that holds the copies to send back."""
    return i18n.text("feedback.folder", lang)


def write_feedback(result: MergeResult, out_dir: Path, lang: str = "vi",
                   folder: Path | None = None, isolated: bool = False) -> list[Path]:
    """Write one feedback copy per input file with an error or warning at a cell; return their paths.

    `folder` is the merged folder; when omitted it is worked out from the workbooks the merge kept.
    `isolated`: each copy is patched in an isolated worker (unionxl.isolation), for a caller
    that must not open a received file in its own process (the web desk's server).
    """
    return start_feedback(result, out_dir, lang, folder, isolated).finish()


def start_feedback(result: MergeResult, out_dir: Path, lang: str = "vi",
                   folder: Path | None = None, isolated: bool = False) -> "FeedbackRun":
    """Start writing the feedback copies; when there are many, they are written by worker processes
    while the caller writes other outputs. `finish()` waits for them and returns their paths."""
    out_dir = Path(out_dir)
    sources = _sources(result, folder)
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in result.report.findings:
        if finding.file:
            by_file[finding.file].append(finding)
    jobs: list[tuple] = []
    used: set[str] = set()
    for display in sorted(by_file):
        findings = by_file[display]
        source = sources.get(display)
        if source is None or not any(f.cell and f.severity != Severity.NOTE for f in findings):
            continue
        target = out_dir / _output_name(display, source, lang, used)
        jobs.append((source, target, display, _ordered(findings), lang))
    return FeedbackRun(result, out_dir, jobs, isolated)


class FeedbackRun:
    """Feedback copies being written. Copies are independent: across processes when there are many
    (same rule as reading), submitted at once so they overlap whatever the caller does next."""

    def __init__(self, result: MergeResult, out_dir: Path, jobs: list[tuple], isolated: bool = False):
        self.result, self.out_dir, self.jobs, self.isolated = result, out_dir, jobs, isolated
        self.pool: ProcessPoolExecutor | None = None
        self.pending = None
        if not isolated and len(jobs) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1:
            self.pool = ProcessPoolExecutor(max_workers=os.cpu_count())
            self.pending = self.pool.map(_write_job, jobs,
                                         chunksize=max(1, len(jobs) // (4 * (os.cpu_count() or 1))))

    def finish(self) -> list[Path]:
        """Wait for every copy; add a finding for each detour or failure; return the copies written."""
        result, outcomes = self.result, None
        if self.pool is not None:
            try:
                outcomes = list(self.pending)
            except BrokenProcessPool as exc:  # a worker died: write them here, one by one, and say so
                result.report.add(Finding("output-slow-path", params={
                    "output": self.out_dir.name,
                    "reason": f"feedback workers died ({exc}); copies written one by one"}))
            finally:
                self.pool.shutdown()
        if outcomes is None and self.isolated:
            from .. import isolation

            outcomes = [([], f"{o.code}: {o.detail}") if isinstance(o, isolation.Failure) else o
                        for o in isolation.run_isolated(_write_job, [(job,) for job in self.jobs])]
        if outcomes is None:
            outcomes = [_write_job(job) for job in self.jobs]
        written = []
        for job, (detours, failure) in zip(self.jobs, outcomes):
            display, target = job[2], job[1]
            # Every step off the fast path is said, so a library change that breaks it cannot go unseen.
            for reason in detours:
                result.report.add(Finding("output-slow-path", file=display, params={"output": target.name,
                                                                                     "reason": reason}))
            if failure is None:
                written.append(target)
            else:
                result.report.add(Finding("output-failed", file=display, params={"output": target.name,
                                                                                  "reason": failure}))
        return written


def _write_job(job: tuple) -> tuple[list[str], str | None]:
    """Write one copy: (the detours it took, why it failed or None). One copy's failure is that copy's
    finding, never the end of the run."""
    detours: list[str] = []
    try:
        _write_copy(*job, detours=detours)
    except Exception as exc:  # noqa: BLE001 - reported as output-failed for this copy
        return detours, f"{type(exc).__name__}: {exc}"
    return detours, None


def _sources(result: MergeResult, folder: Path | None) -> dict[str, Path]:
    """Finding.file -> the input file, from the run's file records (which keep each input's path).

    `folder` is kept for callers that still pass it; a record without a path (none since the
    pipeline records them) is looked up under it."""
    sources: dict[str, Path] = {}
    for record in result.report.files:
        if record.kind == "skipped":
            continue
        if record.path is not None:
            sources[record.display] = Path(record.path)
        elif folder is not None and (Path(folder) / record.display).is_file():
            sources[record.display] = Path(folder) / record.display
    return sources


def _output_name(display: str, source: Path, lang: str, used: set[str]) -> str:
    suffix = source.suffix.lower() if source.suffix.lower() in OPENPYXL_SUFFIXES else ".xlsx"
    stem = Path(display).stem
    if stem in used:  # the same name in two subfolders: keep the folder in the name
        stem = re.sub(r"[\\/:]+", "_", str(Path(display).with_suffix("")))
    used.add(stem)
    return f"{stem}{_text('feedback.suffix', lang)}{suffix}"


def _ordered(findings: Iterable[Finding]) -> list[Finding]:
    def key(f: Finding):
        letters = f.cell.rstrip("0123456789")
        digits = f.cell[len(letters):]
        return (SEVERITY_ORDER[f.severity], f.sheet, int(digits) if digits else 0, letters.rjust(3), f.code)

    return sorted(findings, key=key)


# ------------------------------------------------------------------ the copy


# What the patch can meet in a package it does not handle; each sends the copy down the openpyxl path.
PATCH_DETOURS = (Unsupported, ValueError, KeyError, IndexError, zipfile.BadZipFile, etree.LxmlError)


def _write_copy(source: Path, target: Path, display: str, findings: list[Finding], lang: str,
                detours: list[str] | None = None) -> None:
    """Write one copy; append to `detours` why it left the fast path, if it did."""
    detours = detours if detours is not None else []
    if source.suffix.lower() in OPENPYXL_SUFFIXES:
        try:
            _patch_copy(source, target, display, findings, lang)
            return
        except PATCH_DETOURS as exc:
            detours.append(f"patch: {exc}" if isinstance(exc, Unsupported) else f"patch: {type(exc).__name__}: {exc}")
    book = None
    note = ""
    if source.suffix.lower() in OPENPYXL_SUFFIXES:
        try:
            book = _load(source)
        except Exception as exc:  # noqa: BLE001 - calamine read it but openpyxl cannot: still send the list
            detours.append(f"openpyxl: {type(exc).__name__}: {exc}")
            book = None
    if book is None:
        book = openpyxl.Workbook()
        book.remove(book.active)
        note = _text("feedback.not_marked", lang, suffix=source.suffix or "?")
    else:
        _forget_old_feedback(book)
        _restore_x14_validations(source, book)
        _mark_cells(book, findings, lang)
    _add_feedback_sheet(book, display, findings, lang, note)
    with atomic_path(target) as tmp:
        book.save(tmp)


def _patch_copy(source: Path, target: Path, display: str, findings: list[Finding], lang: str) -> None:
    """The copy as the original zip with a few parts edited (unionxl.xlsx.patch); raises Unsupported when
    it cannot."""
    with Package(source) as package:
        workbook = Workbook(package)
        names = [sheet.name for sheet in workbook.sheets]
        if any(_text("feedback.sheet", other) in names for other in i18n.LANGS):
            raise Unsupported("a feedback copy sent back: its old marks must go, which openpyxl does")
        types = ContentTypes(package)
        styles_part = workbook.styles_part()
        styles = Styles(package.xml(styles_part))
        ours = set(FILLS.values())
        if any(color.get("rgb") in ours for color in styles.root.iter(f"{{{MAIN_NS}}}fgColor")):
            raise Unsupported("fills of an earlier feedback copy")
        for part, content_type in types.overrides().items():
            if content_type == CT_COMMENTS and part.lstrip("/") in package and any(
                    author.text == AUTHOR for author in package.xml(part.lstrip("/")).iter(f"{{{MAIN_NS}}}author")):
                raise Unsupported("comments of an earlier feedback copy")

        parts = {sheet.name: sheet.part for sheet in workbook.sheets
                 if sheet.kind == REL_WORKSHEET and sheet.part and sheet.part in package}
        loaded: dict[str, Sheet] = {}
        for f in findings:
            if f.cell and f.sheet in parts and f.sheet not in loaded:
                loaded[f.sheet] = Sheet.load(package, f.sheet, parts[f.sheet])
        by_cell: dict[str, dict[tuple[int, int], list[Finding]]] = defaultdict(lambda: defaultdict(list))
        for f in findings:
            if f.cell and f.severity != Severity.NOTE and f.sheet in loaded:
                place = loaded[f.sheet].writable(f.cell)
                if place is not None:
                    by_cell[f.sheet][place].append(f)

        fills = {severity: styles.solid_fill(rgb) for severity, rgb in FILLS.items()}
        block = max(used_vml_blocks(package), default=0)
        for sheet_name, cells in by_cell.items():
            sheet = loaded[sheet_name]
            if sheet.has_comments(package):
                raise Unsupported("the officer's own comments: openpyxl merges ours with them")
            marks = {}
            for place, found in cells.items():
                lines = _comment_lines(found, lang)
                marks[place] = Mark(fills[_worst(found)], _clean("\n\n".join(lines)), COMMENT_WIDTH,
                                    _comment_height(lines))
            mark_cells(sheet.root, {place: mark.fill for place, mark in marks.items()}, styles.with_fill)
            comments = package.free_name("xl/comments{}.xml")
            package.put(comments, comments_xml(marks, AUTHOR))
            block += 1
            vml = package.free_name("xl/drawings/vmlDrawing{}.vml")
            package.put(vml, vml_xml(marks, block))
            rels = rels_part(sheet.part)
            rels_root = package.xml(rels) if rels in package else new_relationships()
            add_relationship(rels_root, REL_COMMENTS, relative(sheet.part, comments))
            vml_id = add_relationship(rels_root, REL_VML, relative(sheet.part, vml))
            package.put(rels, rels_root)
            add_legacy_drawing(sheet.root, vml_id)
            types.add_default("vml", CT_VML)
            types.add_override(comments, CT_COMMENTS)

        title = _text("feedback.sheet", lang)
        part = package.free_name("xl/worksheets/sheet{}.xml")
        package.put(part, _findings_sheet_xml(styles, display, findings, lang, names, loaded))
        types.add_override(part, CT_WORKSHEET)
        last = HEADER_ROW + max(len(findings), 1)
        quoted = quote_sheetname(title)
        workbook.insert_first_sheet(title, part, [
            ("_xlnm._FilterDatabase", f"{quoted}!$A${HEADER_ROW}:$G${last}", True),
            ("_xlnm.Print_Titles", f"{quoted}!${HEADER_ROW}:${HEADER_ROW}", False)])
        flagged = {sheet.part: sheet.root for sheet in loaded.values() if sheet.name in by_cell}
        for sheet_part in set(parts.values()):  # ours is the one selected tab
            root = flagged.get(sheet_part)
            if root is None and b"tabSelected" in package.read(sheet_part):
                root = package.xml(sheet_part)
                if clear_tab_selected(root):
                    package.put(sheet_part, root)
            elif root is not None:
                clear_tab_selected(root)
                package.put(sheet_part, root)
        workbook.drop_calc_chain(types)
        workbook.save()
        types.save()
        package.put(styles_part, styles.root)
        with atomic_path(target) as tmp:
            package.save(tmp)


def _findings_sheet_xml(styles: Styles, display: str, findings: list[Finding], lang: str,
                        sheet_names: list[str], sheets: dict[str, Sheet]) -> str:
    """The first sheet of a patched copy: the same layout _add_feedback_sheet gives an openpyxl copy."""
    plain, bold = styles.font(FONT), styles.font(FONT, bold=True)
    title = styles.cell_format(styles.font(FONT, 13, bold=True), vertical="bottom")
    summary = styles.cell_format(plain, wrap=True)
    border = styles.thin_border(BORDER)
    header = styles.cell_format(bold, styles.solid_fill(HEADER_FILL), border, "center", wrap=True)
    body = styles.cell_format(plain, border=border)
    wrapped = styles.cell_format(plain, border=border, wrap=True)
    severity = {s: styles.cell_format(plain, styles.solid_fill(rgb), border) for s, rgb in FILLS.items()}
    link = styles.cell_format(styles.font(FONT, underline=True, color=LINK_COLOR), border=border)

    rows = [(1, None, [(1, title, _clean(_text("feedback.title", lang, file=display)))]),
            (2, SUMMARY_HEIGHT, [(1, summary, _clean(_summary(findings, lang, "")))]),
            (HEADER_ROW, None, [(col, header, text)
                                for col, text in enumerate(_text("feedback.headers", lang).split("|"), 1)])]
    links = []
    linkable = lambda name, ref: name in sheets and sheets[name].writable(ref) is not None  # noqa: E731
    for number, line in enumerate(_lines(findings, lang, sheet_names, linkable), 1):
        row = HEADER_ROW + number
        cells = [(1, body, number)]
        for col, value in enumerate(line.values, 2):
            style = wrapped if col in (6, 7) else body
            if col == 2 and line.severity in severity:
                style = severity[line.severity]
            if col == 5 and line.link:
                style = link
                links.append((f"E{row}", line.link))
            cells.append((col, style, value))
        rows.append((row, line.height, cells))
    last = HEADER_ROW + max(len(findings), 1)
    return worksheet_xml(rows, dict(enumerate(WIDTHS, 1)), HEADER_ROW, f"A{HEADER_ROW}:G{last}", ["A2:G2"], links)


def _load(source: Path):
    with warnings.catch_warnings():
        # the validations behind the "extension is not supported" warning are restored below
        warnings.filterwarnings("ignore", message="Data Validation extension is not supported", category=UserWarning)
        return openpyxl.load_workbook(source, keep_vba=source.suffix.lower() == ".xlsm", rich_text=True)


def _forget_old_feedback(book) -> None:
    for lang in ("vi", "en"):
        name = _text("feedback.sheet", lang)
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
        cell.fill = PatternFill("solid", fgColor=FILLS[_worst(found)])
        lines = _comment_lines(found, lang)
        if cell.comment is not None:  # the officer's own comment stays, after ours
            lines.append("—\n" + cell.comment.text)
        comment = Comment(_clean("\n\n".join(lines)), AUTHOR)
        comment.width, comment.height = COMMENT_WIDTH, _comment_height(lines)
        cell.comment = comment


def _worst(found: list[Finding]) -> Severity:
    return min((f.severity for f in found), key=SEVERITY_ORDER.__getitem__)


def _comment_lines(found: list[Finding], lang: str) -> list[str]:
    return [f"{f.severity.label(lang)} [{f.code}]: {f.message(lang)}" for f in found]


def _comment_height(lines: list[str]) -> int:
    """Pixels, for a comment box COMMENT_WIDTH pixels wide (about 50 characters a line)."""
    return max(80, 16 * sum(math.ceil(len(line) / 50) + 1 for line in lines))


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


@dataclass
class _Line:
    """One row of the findings sheet, columns B..G, and where its cell address links to."""
    values: list[str]
    severity: Severity
    link: str | None
    height: float


def _lines(findings: list[Finding], lang: str, sheet_names: list[str],
           linkable: Callable[[str, str], bool]) -> list[_Line]:
    lines = []
    for f in findings:
        exists = bool(f.sheet) and f.sheet in sheet_names
        values = [f.severity.label(lang), f.code, f.sheet or _text("feedback.whole_file", lang),
                  f.cell, f.to_dict(lang)["value"], f.message(lang)]
        if f.sheet and not exists:
            values[2] = f"{f.sheet} {_text('feedback.no_sheet', lang)}"
        values = [_clean(str(v)) if v else "" for v in values]
        link = None
        if f.cell and exists and linkable(f.sheet, f.cell):
            link = f"{quote_sheetname(f.sheet)}!{f.cell}"
        rows = max(math.ceil(len(values[5]) / MESSAGE_WIDTH), math.ceil(len(values[4]) / 20), 1)
        lines.append(_Line(values, f.severity, link, 15 * rows))
    return lines


def _summary(findings: list[Finding], lang: str, note: str) -> str:
    counts = {s: sum(f.severity == s for f in findings) for s in SEVERITY_ORDER}
    summary = _text("feedback.summary", lang, errors=counts[Severity.ERROR], warnings=counts[Severity.WARNING],
                    notes=counts[Severity.NOTE])
    return summary + (" " + note if note else "")


def _add_feedback_sheet(book, display: str, findings: list[Finding], lang: str, note: str) -> None:
    sheet = book.create_sheet(_text("feedback.sheet", lang), 0)
    for other in book.worksheets:
        other.sheet_view.tabSelected = False
    sheet.sheet_view.tabSelected = True
    book.active = 0

    plain, bold = Font(name=FONT), Font(name=FONT, bold=True)
    _set_text(sheet["A1"], _text("feedback.title", lang, file=display))
    sheet["A1"].font = Font(name=FONT, bold=True, size=13)
    _set_text(sheet["A2"], _summary(findings, lang, note))
    sheet["A2"].font = plain
    sheet["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells("A2:G2")
    sheet.row_dimensions[2].height = SUMMARY_HEIGHT

    thin = Side(style="thin", color=BORDER)
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for col, title in enumerate(_text("feedback.headers", lang).split("|"), 1):
        cell = sheet.cell(HEADER_ROW, col)
        _set_text(cell, title)
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.border = border
        cell.alignment = Alignment(vertical="center", wrap_text=True)

    names = [name for name in book.sheetnames if name != sheet.title]
    linkable = lambda name, ref: _writable_cell(book[name], ref) is not None  # noqa: E731
    for number, line in enumerate(_lines(findings, lang, names, linkable), 1):
        row = HEADER_ROW + number
        for col, value in enumerate([number, *line.values], 1):
            cell = sheet.cell(row, col)
            if col == 1:
                cell.value = value
            else:
                _set_text(cell, value)
            cell.font, cell.border = plain, border
            cell.alignment = Alignment(vertical="top", wrap_text=col in (6, 7))
        if line.severity in FILLS:
            sheet.cell(row, 2).fill = PatternFill("solid", fgColor=FILLS[line.severity])
        if line.link:
            link = sheet.cell(row, 5)
            # location only, no target: an internal jump, never an external relationship
            link.hyperlink = Hyperlink(ref=link.coordinate, location=line.link)
            link.font = Font(name=FONT, color=LINK_COLOR, underline="single")
        sheet.row_dimensions[row].height = line.height

    for letter, width in zip("ABCDEFG", WIDTHS):
        sheet.column_dimensions[letter].width = width
    last = HEADER_ROW + max(len(findings), 1)
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.auto_filter.ref = f"A{HEADER_ROW}:G{last}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
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
