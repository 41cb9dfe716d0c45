"""One workbook -> typed rows that remember their cell, plus the findings met on the way.

Driven entirely by the schema: sheets are found by name, header rows by their
text (in any row near the top, in any column order, with case, spacing and
diacritics forgiven), field sheets by their labels. Reads .xlsx, .xlsm, .xls
and .ods through python-calamine, whose XML parser expands no entities.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import zipfile
from pathlib import Path
from typing import Any, Iterable

import python_calamine as calamine

from . import schema
from .findings import Finding
from .fmt import vnd
from .model import FieldsData, Row, SheetData, Workbook, column_letter
from .parse import ChoiceIndex, clean_text, fold, parse_amount, parse_cccd, parse_date
from .schema import ColType, FieldSheet, TableSheet

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
HEADER_SCAN_ROWS = 30
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_UNZIPPED_BYTES = 512 * 1024 * 1024
MAX_INFLATE_RATIO = 200  # a real workbook part compresses ~5-30x; bombs go to 1000x
FORMULA_ERRORS = {"#REF!", "#VALUE!", "#DIV/0!", "#N/A", "#NAME?", "#NUM!", "#NULL!", "#GETTING_DATA"}
SUMMARY_LABELS = {"cong", "tong", "tong cong", "cong nam", "tong so", "total"}

_CHOICE_INDEX = {key: ChoiceIndex(lst) for key, lst in schema.LISTS.items()}
_TYPE_WORDS = {  # expected_vi, expected_en for cell-type messages
    ColType.DATE: ("một ngày (ngày/tháng/năm)", "a date (dd/mm/yyyy)"),
    ColType.AMOUNT: ("một số tiền (chỉ gồm chữ số)", "an amount (digits only)"),
    ColType.INT: ("một số nguyên", "a whole number"),
}


class UnreadableWorkbook(Exception):
    """The file cannot be opened as a workbook; `code` is the finding to give."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(detail or code)
        self.code = code
        self.detail = detail


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _guard_container(path: Path) -> None:
    """Refuse what would hurt before a parser sees it: huge files, zip bombs, encryption."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise UnreadableWorkbook("file-unreadable", f"tệp quá lớn / too large: {size // (1024 * 1024)} MB")
    with open(path, "rb") as handle:
        magic = handle.read(8)
    if magic.startswith(b"\xd0\xcf\x11\xe0") and path.suffix.lower() in {".xlsx", ".xlsm"}:
        raise UnreadableWorkbook("file-encrypted")  # Office wraps encrypted OOXML in an OLE container
    if not magic.startswith(b"PK"):
        return  # .xls (OLE) or not a workbook at all: calamine decides
    try:
        with zipfile.ZipFile(path) as archive:
            total = 0
            for info in archive.infolist():
                total += info.file_size
                if info.file_size > 1024 * 1024 and info.file_size > MAX_INFLATE_RATIO * max(info.compress_size, 1):
                    raise UnreadableWorkbook("file-unreadable", f"zip bomb: {info.filename}")
            if total > MAX_UNZIPPED_BYTES:
                raise UnreadableWorkbook("file-unreadable", "zip bomb: giải nén quá lớn / inflates too much")
    except zipfile.BadZipFile as exc:
        raise UnreadableWorkbook("file-unreadable", f"zip hỏng / broken zip: {exc}") from exc


def open_workbook(path: Path):
    _guard_container(path)
    try:
        return calamine.CalamineWorkbook.from_path(str(path))
    except calamine.PasswordError as exc:
        raise UnreadableWorkbook("file-encrypted") from exc
    except Exception as exc:  # calamine raises several kinds for corrupt input
        raise UnreadableWorkbook("file-unreadable", type(exc).__name__ + ": " + str(exc)[:120]) from exc


def _sheet_names(book) -> dict[str, str]:
    """folded name -> real name"""
    return {fold(name): name for name in book.sheet_names}


def _find_sheet(names: dict[str, str], vi: str, en: str) -> str | None:
    return names.get(fold(vi)) or names.get(fold(en))


def _grid(book, name: str) -> list[list[Any]]:
    return book.get_sheet_by_name(name).to_python(skip_empty_area=False)


# ------------------------------------------------------------------ cells


class CellReader:
    """Parses one cell for its column type and emits findings at its place."""

    def __init__(self, display: str, sheet: str, lang_group: str = ""):
        self.display = display
        self.sheet = sheet
        self.group = lang_group
        self.findings: list[Finding] = []

    def finding(self, code: str, cell: str, value: Any = None, **params) -> Finding:
        found = Finding(code, self.display, self.sheet, cell, value, params, self.group)
        self.findings.append(found)
        return found

    def read(self, raw: Any, col: schema.Column | schema.Field, cell: str, label: str) -> tuple[Any, bool]:
        """(typed value, row_ok). row_ok is False when the value is unusable."""
        if isinstance(raw, str) and raw.strip() in FORMULA_ERRORS:
            self.finding("cell-formula-error", cell, raw.strip(), column=label)
            return None, False
        kind = col.type
        if kind in (ColType.TEXT, ColType.NAME):
            if isinstance(raw, float) and raw == int(raw):
                raw = int(raw)
            if isinstance(raw, (dt.date, dt.datetime)):
                return raw.strftime("%d/%m/%Y"), True
            return (clean_text(raw) or None), True
        if kind == ColType.CCCD:
            value, note = parse_cccd(raw)
            if note == "lost_zero":
                self.finding("cccd-lost-zero", cell, _plain(raw), expected=value)
            elif note == "invalid":
                self.finding("cccd-length", cell, value)
            return value, True
        if kind == ColType.DATE:
            value, note = parse_date(raw)
            if note == "invalid":
                self._type_error(raw, kind, cell, label)
                return None, False
            if note in ("as_text", "as_number"):
                self.finding("date-as-text", cell, _plain(raw), expected=value.strftime("%d/%m/%Y"))
            return value, True
        if kind in (ColType.AMOUNT, ColType.INT):
            value, note = parse_amount(raw)
            if note == "invalid":
                self._type_error(raw, kind, cell, label)
                return None, False
            if note == "as_text" and kind == ColType.AMOUNT:
                self.finding("amount-as-text", cell, _plain(raw), expected=vnd(value))
            if value is not None and value < 0:
                self.finding("cell-negative", cell, value, column=label)
                return None, False
            return value, True
        if kind == ColType.CHOICE:
            index = _CHOICE_INDEX[col.choices]
            key, note = index.match(raw)
            if note == "invalid":
                labels = ", ".join(c.vi for c in index.list.choices)
                self.finding("cell-choice", cell, _plain(raw), column=label, expected=labels)
                return None, False
            if note == "normalised":
                self.finding("cell-choice-normalised", cell, _plain(raw), expected=index.list.label(key))
            return key, True
        return raw, True  # pragma: no cover - every ColType is handled above

    def _type_error(self, raw, kind, cell, label):
        vi, en = _TYPE_WORDS[kind]
        self.finding("cell-type", cell, _plain(raw), column=label, expected_vi=vi, expected_en=en)


def _plain(raw: Any) -> Any:
    if isinstance(raw, float) and raw == int(raw):
        return int(raw)
    return raw


def _blank(raw: Any) -> bool:
    return raw is None or raw == "" or (isinstance(raw, str) and not clean_text(raw))


# ----------------------------------------------------------- field sheets


def read_fields(book, name: str, sheet: FieldSheet, display: str, findings: list[Finding], group: str = "") -> FieldsData:
    """Labelled values: the label anywhere in the first columns, its value in the next cell."""
    wanted = {}
    for f in sheet.fields:
        wanted[fold(f.vi)] = f
        wanted[fold(f.en)] = f
    data = FieldsData(sheet.key, name)
    cells = CellReader(display, name, group)
    for r, row in enumerate(_grid(book, name)):
        for c, raw in enumerate(row[:3]):
            if not isinstance(raw, str):
                continue
            f = wanted.get(fold(raw).rstrip(" *:"))
            if f is None or f.key in data.cells or c + 1 >= len(row):
                continue
            cell = f"{column_letter(c + 1)}{r + 1}"
            data.cells[f.key] = cell
            value_raw = row[c + 1]
            if _blank(value_raw):
                continue
            value, _ok = cells.read(value_raw, f, cell, f.label())
            data.values[f.key] = value
            break
    for f in sheet.fields:
        if f.required and data.values.get(f.key) is None:
            cell = data.cells.get(f.key, "")
            if cell:
                cells.finding("cell-required", cell, None, column=f.label())
            else:
                cells.finding("column-missing", "", None, expected=f.label())
    findings.extend(cells.findings)
    return data


# ----------------------------------------------------------- table sheets


def _header_keys(sheet: TableSheet) -> dict[str, str]:
    keys: dict[str, str] = {}
    for col in sheet.columns:
        for text in (col.vi, col.en, col.key, *col.aliases):
            keys.setdefault(fold(text), col.key)
    return keys


_HEADER_KEYS: dict[str, dict[str, str]] = {}


def _normal_header(raw: Any) -> str:
    text = fold(raw).rstrip(" *:")
    for suffix in (" (d)", " (dong)", " (vnd)"):
        text = text.removesuffix(suffix)
    return text


def find_header(grid: list[list[Any]], sheet: TableSheet) -> tuple[int, dict[str, int], list[tuple[int, str]]] | None:
    """(row index, column key -> index, unknown headers) of the best header row near the top."""
    keys = _HEADER_KEYS.setdefault(sheet.key, _header_keys(sheet))
    best = None
    for r, row in enumerate(grid[:HEADER_SCAN_ROWS]):
        mapping: dict[str, int] = {}
        unknown = []
        for c, raw in enumerate(row):
            if not isinstance(raw, str) or not raw.strip():
                continue
            key = keys.get(_normal_header(raw))
            if key and key not in mapping:
                mapping[key] = c
            else:
                unknown.append((c, clean_text(raw)))
        if len(mapping) >= 2 and (best is None or len(mapping) > len(best[1])):
            best = (r, mapping, unknown)
    return best


def read_table(book, name: str, sheet: TableSheet, display: str, findings: list[Finding], group: str = "") -> SheetData:
    grid = _grid(book, name)
    data = SheetData(sheet.key, name)
    cells = CellReader(display, name, group)
    found = find_header(grid, sheet)
    if found is None:
        expected = ", ".join(c.vi for c in sheet.columns if c.required)
        cells.finding("header-missing", "A1", None, expected=expected)
        # Every row that looks like a record (a title or a hint fills one cell) is data
        # we cannot place: reject it, loudly.
        for r, row in enumerate(grid):
            if sum(1 for v in row if not _blank(v)) >= 2:
                data.rows.append(Row(r + 1, {}, accepted=False))
        findings.extend(cells.findings)
        return data
    header_row, mapping, unknown = found
    data.columns = mapping
    for c, text in unknown:
        cells.finding("column-unknown", f"{column_letter(c)}{header_row + 1}", text)
    missing = [col for col in sheet.columns if col.required and col.key not in mapping]
    for col in missing:
        cells.finding("column-missing", f"A{header_row + 1}", None, expected=col.vi)
    columns = [(col, mapping[col.key]) for col in sheet.columns if col.key in mapping]
    content_columns = [(col, i) for col, i in columns if col.key != "stt"]
    name_index = mapping.get("full_name")
    for r in range(header_row + 1, len(grid)):
        row = grid[r]
        if all(_blank(row[i]) if i < len(row) else True for _, i in content_columns):
            continue
        number = r + 1
        if name_index is not None and name_index < len(row) and _is_summary(row, name_index, mapping):
            cells.finding("row-summary", f"{column_letter(name_index)}{number}", clean_text(row[name_index]))
            continue
        values: dict[str, Any] = {}
        ok = not missing
        for col, i in columns:
            raw = row[i] if i < len(row) else None
            cell = f"{column_letter(i)}{number}"
            if _blank(raw):
                values[col.key] = None
                if col.required:
                    cells.finding("cell-required", cell, None, column=col.vi)
                    ok = False
                continue
            if col.key == "stt":
                values["stt"] = _plain(raw)
                continue
            value, cell_ok = cells.read(raw, col, cell, col.vi)
            values[col.key] = value
            ok = ok and cell_ok
        data.rows.append(Row(number, values, accepted=ok))
    findings.extend(cells.findings)
    return data


def _is_summary(row: list[Any], name_index: int, mapping: dict[str, int]) -> bool:
    """A 'Cộng' line officers add under a list: a label and sums, no citizen ID."""
    label = row[name_index]
    if not isinstance(label, str) or fold(label).rstrip(" :") not in SUMMARY_LABELS:
        return False
    cccd = mapping.get("cccd")
    return cccd is None or cccd >= len(row) or _blank(row[cccd])


# --------------------------------------------------------------- workbooks


def read_workbook(path: Path, display: str | None = None) -> tuple[Workbook, list[Finding]]:
    """Read a group or unit workbook. Never raises for bad content: problems are findings."""
    path = Path(path)
    display = display or path.name
    book_data = Workbook(path, display)
    findings: list[Finding] = []
    try:
        book_data.sha256 = sha256_of(path)
        book = open_workbook(path)
    except UnreadableWorkbook as exc:
        book_data.accepted = False
        findings.append(Finding(exc.code, display, "", "", None, {"detail": exc.detail}))
        return book_data, findings
    except OSError as exc:
        book_data.accepted = False
        findings.append(Finding("file-unreadable", display, "", "", None, {"detail": exc.strerror or str(exc)}))
        return book_data, findings
    try:
        _read_content(book, book_data, findings)
    except Exception as exc:  # a parser failure deep inside a sheet must not end the run
        book_data.accepted = False
        findings.append(Finding("file-unreadable", display, "", "", None,
                                {"detail": type(exc).__name__ + ": " + str(exc)[:120]}))
    finally:
        book.close()
    return book_data, findings


def _read_content(book, data: Workbook, findings: list[Finding]) -> None:
    names = _sheet_names(book)
    group_info = _find_sheet(names, schema.GROUP_INFO.vi, schema.GROUP_INFO.en)
    unit_info = _find_sheet(names, schema.UNIT_INFO.vi, schema.UNIT_INFO.en)
    if group_info:
        data.kind = "group"
        info_sheet, tables = schema.GROUP_INFO, schema.GROUP_SHEETS
        extra_fields: tuple[FieldSheet, ...] = ()
        name = group_info
    elif unit_info:
        data.kind = "unit"
        info_sheet, tables = schema.UNIT_INFO, schema.UNIT_SHEETS
        extra_fields = (schema.POLICY,)
        name = unit_info
    else:
        data.accepted = False
        findings.append(Finding("file-not-unionxl", data.display, "", "", None,
                                {"sheet_expected": schema.GROUP_INFO.vi}))
        return
    info_findings: list[Finding] = []
    info = read_fields(book, name, info_sheet, data.display, info_findings)
    data.fields[info_sheet.key] = info
    group = str(info.values.get("group_code") or "")
    for found in info_findings:
        findings.append(_with_group(found, group))
    for field_sheet in extra_fields:
        real = _find_sheet(names, field_sheet.vi, field_sheet.en)
        if real:
            data.fields[field_sheet.key] = read_fields(book, real, field_sheet, data.display, findings, group)
        else:
            findings.append(Finding("sheet-missing", data.display, "", "", None,
                                    {"sheet_expected": field_sheet.vi}, group))
    for table in tables:
        real = _find_sheet(names, table.vi, table.en)
        if real is None:
            findings.append(Finding("sheet-missing", data.display, "", "", None, {"sheet_expected": table.vi}, group))
            data.tables[table.key] = SheetData(table.key, table.vi)
            continue
        data.tables[table.key] = read_table(book, real, table, data.display, findings, group)


def _with_group(found: Finding, group: str) -> Finding:
    if found.group or not group:
        return found
    return Finding(found.code, found.file, found.sheet, found.cell, found.value, found.params, group)


def read_unit(path: Path) -> tuple[Workbook, list[Finding]]:
    """Read the unit workbook; raise ValueError when the file is not one."""
    book, findings = read_workbook(path)
    if book.kind != "unit":
        detail = "; ".join(f.message() for f in findings) or "không phải biểu mẫu đơn vị"
        raise ValueError(f"{path}: không phải biểu mẫu đơn vị unionxl / not a unionxl unit workbook ({detail})")
    return book, findings


def is_candidate(path: Path) -> bool:
    return path.suffix.lower() in WORKBOOK_SUFFIXES


def iter_inputs(folder: Path) -> Iterable[Path]:
    return sorted((p for p in folder.iterdir() if not p.is_dir()), key=lambda p: p.name)
