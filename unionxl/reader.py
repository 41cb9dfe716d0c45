"""One workbook -> typed rows that remember their cell, plus the findings met on the way.

Driven entirely by the schema: sheets are found by name, header rows by their
text (in any row near the top, in any column order, with case, spacing and
diacritics forgiven), field sheets by their labels. Reads .xlsx, .xlsm, .xls
and .ods through python-calamine, whose XML parser expands no entities.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import datetime as dt
import hashlib
import math
import os
import re
import stat
import unicodedata
from pathlib import Path
from typing import Any, Iterable, Iterator

import python_calamine as calamine

from . import i18n, schema
from .findings import Finding
from .xlsx.guard import (  # noqa: F401 (the limits are part of the reader's interface)
    MAX_FILE_BYTES, MAX_INFLATE_RATIO, MAX_PART_BYTES, MAX_PARTS, MAX_SHARED_STRINGS, MAX_SHEET_CELLS,
    MAX_UNZIPPED_BYTES, OLE_MAGIC, SheetScan, UnreadableWorkbook, guard)
from .model import FieldsData, Row, SheetData, Workbook, column_letter
from .parse import (LEGACY_HINT, ChoiceIndex, legacy_to_unicode, parse_amount, parse_cccd, parse_date)
from .textnorm import clean_text, fold
from .schema import ColType, FieldSheet, TableSheet

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
HEADER_SCAN_ROWS = 30
FORMULA_ERRORS = {"#REF!", "#VALUE!", "#DIV/0!", "#N/A", "#NAME?", "#NUM!", "#NULL!", "#GETTING_DATA",
                  "#SPILL!", "#CALC!", "Err:502", "Err:504", "Err:508", "Err:511", "Err:522"}
SUMMARY_LABELS = {"cong", "tong", "tong cong", "cong nam", "tong so", "total"}
# The label of a totals line, wherever the officer typed it: "Tổng cộng", "Cộng:", "Tổng số: 7 người"
# but never a name: 'Tống Văn Hùng' folds to 'tong van hung', so the word must end the label.
_SUMMARY_LABEL = re.compile(r"^(?:tong cong|tong so|tong thu|tong|cong nam|cong|total|sum)"
                            r"(?:\s*$|\s*[:.(]|\s+[0-9]|\s+(?:cong|toan|ca|so|nam)\b)")
_SUMMARY_INITIALS = "tcs"  # the first letters _SUMMARY_LABEL's words fold from (Tổng, Cộng, Total, Sum)
_SUMMARY_HEADS = {"to", "co", "su"}  # and their first two
# What officers put in a contribution cell instead of the amount to say "paid" (folded)
PAID_MARKS = {"x", "v", "✓", "✔", "√", "co", "d", "da dong", "roi", "ok", "+"}
# Period columns whose mark means "paid the rate": column key -> policy rate key
MARK_RATES = {**{m: "travel_monthly" for m in schema.MONTHS}, **{q: "mutual_quarterly" for q in schema.QUARTERS}}
# No contribution, gift or loan is under 1.000đ: an amount below it was typed in thousands.
THOUSANDS_BELOW = 1000
# What a cell may hold before it is a finding and is cut (docs/security.md). Every text read ends up
# in outputs (ledgers, feedback copies, JSON), a group name in every ledger row of its group.
MAX_TEXT_CHARS = 32_767  # Excel's own limit for one cell
MAX_NAME_CHARS = 255  # a person's or a group's name, a unit's name
MAX_CODE_CHARS = 64  # a group code, a citizen ID as typed
MAX_AMOUNT = 10 ** 15  # đồng: no amount of a union's year comes near; 2**53 is ~9 * 10**15
MAX_SHOWN_CHARS = 200  # of a value quoted in a finding

_CHOICE_INDEX = {key: ChoiceIndex(lst) for key, lst in schema.LISTS.items()}
_TYPE_WORDS = {  # what a cell-type message says the cell must be: a key of the text catalogue
    ColType.DATE: "type.date",
    ColType.AMOUNT: "type.amount",
    ColType.INT: "type.int",
}


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def open_workbook(path: Path):
    """(calamine workbook, per-sheet scan). Raises UnreadableWorkbook with the finding to give."""
    scans = guard(path)
    try:
        with open(path, "rb") as handle:
            magic = handle.read(4)
        suffix = path.suffix.lower()
        native = (magic.startswith(b"PK") and suffix in {".xlsx", ".xlsm", ".xlsb", ".ods"}) or \
            (magic == OLE_MAGIC[:4] and suffix == ".xls")
        if native and _utf8_name(path):
            return calamine.CalamineWorkbook.from_path(str(path)), scans
        # A workbook under the wrong name (an .xls renamed .xlsx): calamine sniffs the content.
        with open(path, "rb") as handle:
            return calamine.CalamineWorkbook.from_filelike(handle), scans
    except calamine.PasswordError as exc:
        raise UnreadableWorkbook("file-encrypted") from exc
    except Exception as exc:  # calamine raises several kinds for corrupt input
        raise UnreadableWorkbook("file-unreadable", type(exc).__name__ + ": " + str(exc)[:120]) from exc


def _utf8_name(path: Path) -> bool:
    """Whether calamine can be given the path as text: a name that is not UTF-8 on disk is not
    found by from_path, so such a file is handed over open instead."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _sheet_names(book) -> dict[str, str]:
    """folded name -> real name"""
    return {fold(name): name for name in book.sheet_names}


def _find_sheet(names: dict[str, str], vi: str, en: str) -> str | None:
    return names.get(fold(vi)) or names.get(fold(en))


# A sheet copied by Excel ('Đoàn viên (2)'), by LibreOffice ('Đoàn viên_2') or renamed by hand ('Copy of …')
_COPY_NAME = re.compile(r"^(?:copy of |ban sao )?(.*?)(?: ?\([0-9]+\)|_[0-9]+| - copy| copy)?$")


def _sheet_copies(names: dict[str, str], vi: str, en: str) -> list[str]:
    """Real names of the copies of a sheet, in workbook order."""
    wanted = {fold(vi), fold(en)}
    return [real for folded, real in names.items()
            if folded not in wanted and (m := _COPY_NAME.match(folded)) and m.group(1) in wanted]


def _sheet_renamed(names: dict[str, str], vi: str, en: str, known: set[str]) -> str | None:
    """The one sheet whose name holds the template's name among other words ('DS đoàn viên',
    'Quỹ du lịch 2024'), and no other sheet's: what is left of a sheet the officer renamed."""
    wanted = [re.compile(rf"(?<!\w){re.escape(fold(name))}(?!\w)") for name in (vi, en)]
    found = [real for folded, real in names.items()
             if folded not in known and any(w.search(folded) for w in wanted)
             and not any(k in folded for k in known if k not in (fold(vi), fold(en)))]
    return found[0] if len(found) == 1 else None


def _iter_grid(calamine_sheet) -> Iterator[list[Any]]:
    """The rows of to_python(skip_empty_area=False), one at a time: iter_rows starts at row 0 but at the
    first used column, so each row gets the columns before it back."""
    if calamine_sheet.height <= 20_000:  # a group's sheet: one call is faster than a row at a time
        return iter(calamine_sheet.to_python(skip_empty_area=False))  # and no generator step per row
    return _padded_rows(calamine_sheet)


def _padded_rows(calamine_sheet) -> Iterator[list[Any]]:
    start = calamine_sheet.start
    pad = [""] * start[1] if start else []
    for row in calamine_sheet.iter_rows():
        yield pad + row if pad else row


def _grid(book, name: str) -> list[list[Any]]:
    return book.get_sheet_by_name(name).to_python(skip_empty_area=False)


# ------------------------------------------------------------------ cells


class CellReader:
    """Parses one cell for its column type and emits findings at its place."""

    def __init__(self, display: str, sheet: str, lang_group: str = "", scan: SheetScan | None = None):
        self.display = display
        self.sheet = sheet
        self.group = lang_group
        self.scan = scan or SheetScan()
        self.findings: list[Finding] = []
        self.marks: list[tuple[str, Any, int]] = []  # (cell, mark, amount read) in the current row
        self.thousands: list[tuple[str, Any, int]] = []  # (cell, typed, amount read) in this sheet

    # `column` below is the "sheet.column" key the messages render as the column's label (i18n's
    # {column:column}), e.g. "members.cccd".
    def blank(self, cell: str, column: str, required: bool) -> bool:
        """Findings for a cell that reads as blank; True when the row can still be used.

        calamine reads a formula error and a formula with no saved result as '': the
        scan of the sheet's XML says which blank cells are really one of those.
        """
        error = self.scan.errors.get(cell)
        if error is not None:
            self.finding("cell-formula-error", cell, error, column=column)
            return False
        formula = self.scan.no_value.get(cell)
        if formula is not None:
            self.finding("cell-formula-no-value", cell, formula, column=column)
        if required:
            self.finding("cell-required", cell, None, column=column)
            return False
        return True

    def finding(self, code: str, cell: str, value: Any = None, **params) -> Finding:
        if isinstance(value, str) and len(value) > MAX_SHOWN_CHARS:
            value = value[:MAX_SHOWN_CHARS] + "…"  # a finding quotes the cell; the whole of it stays in the file
        found = Finding(code, self.display, self.sheet, cell, value, params, self.group)
        self.findings.append(found)
        return found

    def read(self, raw: Any, col: schema.Column | schema.Field, cell: str, column: str) -> tuple[Any, bool]:
        """(typed value, row_ok). row_ok is False when the value is unusable."""
        if isinstance(raw, str) and raw.strip() in FORMULA_ERRORS:
            self.finding("cell-formula-error", cell, raw.strip(), column=column)
            return None, False
        kind = col.type
        if isinstance(raw, str) and len(raw) > _max_chars(col):
            limit = _max_chars(col)
            self.finding("cell-too-long", cell, raw, column=column, length=len(raw), limit=limit)
            if kind not in (ColType.TEXT, ColType.NAME):
                return None, False
            return clean_text(raw[:limit]) or None, False
        if kind in (ColType.TEXT, ColType.NAME):
            if isinstance(raw, float) and raw.is_integer():
                raw = int(raw)
            if isinstance(raw, (dt.date, dt.datetime)):
                return raw.strftime("%d/%m/%Y"), True
            # Before clean_text: TCVN3 writes 'ư' as a soft hyphen, which cleaning deletes.
            legacy = legacy_to_unicode(raw.strip()) if isinstance(raw, str) and LEGACY_HINT.search(raw) else None
            if legacy:
                converted = clean_text(legacy[0])
                self.finding("text-legacy-encoding", cell, clean_text(raw), expected=converted, encoding=legacy[1])
                return converted, True
            return (clean_text(raw) or None), True
        if kind == ColType.CCCD:
            if isinstance(raw, float) and not (math.isfinite(raw) and abs(raw) < 10 ** 13):
                self.finding("cccd-length", cell, _plain(raw))  # no 12-digit number; nothing to keep
                return None, True
            value, note = parse_cccd(raw)
            if note == "lost_zero":
                self.finding("cccd-lost-zero", cell, _plain(raw), expected=value)
            elif note == "phone":
                self.finding("cccd-phone", cell, _plain(raw))
            elif note == "invalid":
                self.finding("cccd-length", cell, value)
            return value, True
        if kind == ColType.DATE:
            value, note = parse_date(raw, self.scan.date1904)
            if note == "invalid":
                self._type_error(raw, kind, cell, column)
                return None, False
            if note in ("as_text", "as_number"):
                self.finding("date-as-text", cell, _plain(raw), expected=value)
            elif note == "partial":  # a year typed into a date cell shows as a day of 1905: show the year
                shown = value.year if isinstance(raw, (dt.date, dt.datetime)) else _plain(raw)
                self.finding("date-incomplete", cell, shown, expected=value)
            return value, True
        if kind in (ColType.AMOUNT, ColType.INT):
            value, note = parse_amount(raw)
            if note == "invalid" and col.key in MARK_RATES and isinstance(raw, str) and fold(raw) in PAID_MARKS:
                value = schema.POLICY_DEFAULTS[MARK_RATES[col.key]]
                self.marks.append((cell, clean_text(raw), value))
                return value, True
            if note == "invalid":
                self._type_error(raw, kind, cell, column)
                return None, False
            if kind == ColType.AMOUNT and value is not None and 0 < value < THOUSANDS_BELOW:
                self.thousands.append((cell, _plain(raw), value * 1000))
                value *= 1000
                note = None
            if note == "as_text" and kind == ColType.AMOUNT:
                self.finding("amount-as-text", cell, _plain(raw), expected=value)
            if value is not None and value < 0:
                self.finding("cell-negative", cell, value if value > -MAX_AMOUNT else _plain(raw), column=column)
                return None, False
            if value is not None and value >= MAX_AMOUNT:
                self.finding("cell-amount-too-large", cell, _plain(raw), column=column, limit=MAX_AMOUNT)
                return None, False
            return value, True
        if kind == ColType.CHOICE:
            index = _CHOICE_INDEX[col.choices]
            key, note = index.match(raw)
            if note == "invalid":
                self.finding("cell-choice", cell, _plain(raw), column=column, list=col.choices)
                return None, False
            if note == "normalised":
                self.finding("cell-choice-normalised", cell, _plain(raw), expected=key, list=col.choices)
            return key, True
        return raw, True  # pragma: no cover - every ColType is handled above

    def flush_marks(self) -> None:
        """One warning for a row's 'x' marks: the officer marks a whole row, not one cell."""
        if self.marks:
            cell, mark, amount = self.marks[0]
            self.finding("amount-mark", cell, mark, count=len(self.marks), expected=amount)
            self.marks = []

    def flush_thousands(self) -> None:
        """One warning per sheet for amounts typed in thousands: it is a habit, not a slip."""
        if self.thousands:
            cell, typed, amount = self.thousands[0]
            self.finding("amount-thousands", cell, typed, count=len(self.thousands), expected=amount)
            self.thousands = []

    def _type_error(self, raw, kind, cell, column):
        self.finding("cell-type", cell, _plain(raw), column=column, expected=_TYPE_WORDS[kind])


def _plain(raw: Any) -> Any:
    if isinstance(raw, float) and raw.is_integer() and abs(raw) < MAX_AMOUNT:
        return int(raw)
    if isinstance(raw, float) and not math.isfinite(raw):
        return str(raw)  # JSON has no inf or nan
    return raw


def _blank(raw: Any) -> bool:
    if raw is None or raw == "":
        return True
    if raw.__class__ is not str:
        return False
    text = raw.strip()
    # Zero-width characters are not printable; only then is the full cleaning needed.
    return not text or (not text.isprintable() and not clean_text(text))


# Fast paths for the values that make up nearly every cell. Each returns the typed value,
# or _SLOW for anything it is not sure about, which CellReader.read then handles in full
# (with its findings). A test checks they agree with CellReader.read on every sample cell.
_SLOW = object()


def _max_chars(col) -> int:
    if col.key.endswith("_code") or col.type == ColType.CCCD:
        return MAX_CODE_CHARS
    if col.type == ColType.NAME or col.key.endswith("_name"):
        return MAX_NAME_CHARS
    return MAX_TEXT_CHARS


@functools.lru_cache(maxsize=4096)  # a member's name comes again on each fund and welfare sheet
def _fast_text(raw, _exact):
    if raw.__class__ is str and raw and len(raw) <= MAX_NAME_CHARS and raw.isprintable() and raw == raw.strip() and "  " not in raw \
            and raw not in FORMULA_ERRORS and (raw.isascii() or (unicodedata.is_normalized("NFC", raw)
                                                                   and not LEGACY_HINT.search(raw))):
        return raw
    return _SLOW


def _fast_amount(raw, _exact):
    # 0 < amount < 1.000 goes the slow way: it was typed in thousands
    if raw.__class__ is float and (THOUSANDS_BELOW <= raw < MAX_AMOUNT or raw == 0) and raw.is_integer():
        return int(raw)
    if raw.__class__ is int and (THOUSANDS_BELOW <= raw < MAX_AMOUNT or raw == 0):
        return raw
    return _SLOW


def _fast_int(raw, _exact):
    if raw.__class__ is float and 0 <= raw < MAX_AMOUNT and raw.is_integer():
        return int(raw)
    if raw.__class__ is int and 0 <= raw < MAX_AMOUNT:
        return raw
    return _SLOW


def _fast_date(raw, _exact):
    # 1905 is where a bare year typed into a date cell lands (serial 1900..2100), 1909 in a workbook
    # counting from 1904: parse_date says so
    if raw.__class__ is dt.date and 1910 < raw.year <= 2100:
        return raw
    if raw.__class__ is dt.datetime and 1910 < raw.year <= 2100:
        return raw.date()
    return _SLOW


def _fast_cccd(raw, _exact):
    if raw.__class__ is str and len(raw) == 12 and raw.isascii() and raw.isdigit():
        return raw
    return _SLOW


def _fast_choice(raw, exact):
    return exact.get(raw, _SLOW) if raw.__class__ is str else _SLOW


def _fast_stt(raw, _exact):
    # A row number as text may be a blank one ('  '): the full path tells
    return _SLOW if raw.__class__ is str else _plain(raw)


_FAST = {ColType.TEXT: _fast_text, ColType.NAME: _fast_text, ColType.CCCD: _fast_cccd,
         ColType.DATE: _fast_date, ColType.AMOUNT: _fast_amount, ColType.INT: _fast_int,
         ColType.CHOICE: _fast_choice}


# Rows are typed a chunk at a time, column by column: the fast paths then run in map() rather than
# in the row loop. A chunk bounds what a 250 000-row ledger holds at once.
_CHUNK_ROWS = 2048


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    items = iter(items)
    while chunk := list(itertools.islice(items, size)):
        yield chunk


def _fast_columns(rows: list[list[Any]], plan, empty_is_none: list[bool]) -> list[tuple[Any, ...]]:
    """Per row, each planned column's value as its fast path reads it: _SLOW where the full path
    must decide (it then also gives the findings), None for an empty cell that asks for none.
    Fast paths take no blank, so a value they give is a value the row loop would give."""
    columns = []
    grid_columns = list(zip(*rows))  # the rows are padded to the planned columns
    for (_col, i, _letter, fast, exact), empty_none in zip(plan, empty_is_none):
        raws = grid_columns[i]
        distinct = set(raws)
        # A column repeats its values (a rate, a choice, blanks): each is read once. Equal values
        # read alike, except an int or a bool beside the float it equals (1 == 1.0 == True), which
        # the set of distinct values would hide.
        if len(distinct) * 2 <= len(raws) and not (int in (kinds := set(map(type, raws))) or bool in kinds):
            known = {raw: fast(raw, exact) for raw in distinct}
            if empty_none and "" in known:
                known[""] = None
            columns.append(list(map(known.__getitem__, raws)))
            continue
        typed = list(map(fast, raws, itertools.repeat(exact)))
        if empty_none and "" in distinct:
            typed = [None if raw == "" else value for raw, value in zip(raws, typed)]
        columns.append(typed)
    return list(zip(*columns))


# ----------------------------------------------------------- field sheets


def read_fields(book, name: str, sheet: FieldSheet, display: str, findings: list[Finding], group: str = "",
                scan: SheetScan | None = None) -> FieldsData:
    """Labelled values: the label anywhere in the first columns, its value in the next cell."""
    wanted = {}
    for f in sheet.fields:
        wanted[fold(f.vi)] = f
        wanted[fold(f.en)] = f
    data = FieldsData(sheet.key, name)
    cells = CellReader(display, name, group, scan)
    unusable: set[str] = set()  # cells whose value was reported as unusable
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
            if cell in cells.scan.bad_strings:
                cells.finding("cell-bad-string", cell, cells.scan.bad_strings[cell], column=f"{sheet.key}.{f.key}")
                data.values[f.key] = None
                break
            if _blank(value_raw):
                if cells.blank(cell, f"{sheet.key}.{f.key}", False):
                    continue
                data.values[f.key] = None
                break
            value, ok = cells.read(value_raw, f, cell, f"{sheet.key}.{f.key}")
            data.values[f.key] = value
            if not ok:
                unusable.add(cell)
            break
    for f in sheet.fields:
        if f.required and data.values.get(f.key) is None:
            cell = data.cells.get(f.key, "")
            if cell and (cell in cells.scan.errors or cell in unusable):
                continue  # already reported: a formula error, or a value not of its type ('Năm 2024')
            if cell:
                cells.finding("cell-required", cell, None, column=f"{sheet.key}.{f.key}")
            else:
                cells.finding("column-missing", "", None, column=f"{sheet.key}.{f.key}")
    cells.flush_thousands()
    findings.extend(cells.findings)
    return data


# ----------------------------------------------------------- table sheets


def _header_keys(sheet: TableSheet) -> dict[str, tuple[str, bool]]:
    """folded header -> (column key, True when it is the template's own wording rather than an alias)"""
    keys: dict[str, tuple[str, bool]] = {}
    for col in sheet.columns:
        for text in (col.vi, col.en, col.key):
            keys.setdefault(fold(text), (col.key, True))
    for col in sheet.columns:
        for text in col.aliases:
            keys.setdefault(fold(text), (col.key, False))
    return keys


_HEADER_KEYS: dict[str, dict[str, tuple[str, bool]]] = {}


def _normal_header(raw: Any) -> str:
    text = fold(raw).rstrip(" *:")
    for suffix in (" (d)", " (dong)", " (vnd)"):
        text = text.removesuffix(suffix)
    return text


@functools.lru_cache(maxsize=4096)
def _header_key(sheet_key: str, text: str) -> tuple[str, bool] | None:
    """Headers repeat across hundreds of workbooks: fold each spelling once."""
    return _HEADER_KEYS[sheet_key].get(_normal_header(text))


def find_header(grid: list[list[Any]], sheet: TableSheet) -> tuple[int, dict[str, int], list[tuple[int, str]]] | None:
    """(row index, column key -> index, unknown headers) of the best header row near the top.

    A row naming most of the sheet's required columns is the header: data rows below it
    cannot do better, so the scan stops there.
    """
    if sheet.key not in _HEADER_KEYS:
        _HEADER_KEYS[sheet.key] = _header_keys(sheet)  # what _header_key looks spellings up in
    required = {col.key for col in sheet.columns if col.required}
    best = None
    for r, row in enumerate(grid[:HEADER_SCAN_ROWS]):
        mapping: dict[str, int] = {}
        exact: dict[str, bool] = {}
        unknown = []
        for c, raw in enumerate(row):
            if not isinstance(raw, str) or not raw.strip():
                continue
            found = _header_key(sheet.key, raw) if len(raw) <= 80 else None
            if found is None:
                unknown.append((c, clean_text(raw)))
                continue
            key, is_exact = found
            if key not in mapping:
                mapping[key], exact[key] = c, is_exact
            elif is_exact and not exact[key]:
                # An officer's own column ('Năm sinh' beside 'Ngày sinh') read like an alias of a
                # template column: the template's wording wins, the officer's column is extra.
                unknown.append((mapping[key], clean_text(row[mapping[key]])))
                mapping[key], exact[key] = c, True
            else:
                unknown.append((c, clean_text(raw)))
        unknown.sort()
        if len(mapping) >= 2 and (best is None or len(mapping) > len(best[1])):
            best = (r, mapping, unknown)
            if len(required & mapping.keys()) * 2 > len(required):
                break
    return best


def read_table(book, name: str, sheet: TableSheet, display: str, findings: list[Finding], group: str = "",
               scan: SheetScan | None = None) -> SheetData:
    calamine_sheet = book.get_sheet_by_name(name)  # parsed once: values and merges come from it
    rows = _iter_grid(calamine_sheet)  # row by row: a 250 000-row ledger is never held as one grid
    top = list(itertools.islice(rows, HEADER_SCAN_ROWS))
    data = SheetData(sheet.key, name)
    cells = CellReader(display, name, group, scan)
    found = find_header(top, sheet)
    if found is None:
        cells.finding("header-missing", "A1", None, columns=[f"{sheet.key}.{c.key}" for c in sheet.columns if c.required])
        # Every row that looks like a record (a title or a hint fills one cell) is data
        # we cannot place: reject it, loudly.
        for r, row in enumerate(itertools.chain(top, rows)):
            if sum(1 for v in row if not _blank(v)) >= 2:
                data.rows.append(Row(r + 1, {}, accepted=False))
        findings.extend(cells.findings)
        return data
    header_row, mapping, unknown = found
    body: Iterable[list[Any]] = itertools.chain(top[header_row + 1:], rows)
    if sheet.key in _PERIOD_SHEETS:  # a group's fund sheet (a few hundred rows): looked at whole first
        body = list(body)
        shift = _shifted_periods(body, mapping, sheet)
        if shift:
            first = min(mapping[p] for p in shift)
            header = top[header_row]
            cells.finding("columns-shifted", f"{column_letter(first)}{header_row + 1}", clean_text(header[first]),
                          expected=clean_text(header[first + 1]))
            mapping = {key: (i + 1 if i >= first else i) for key, i in mapping.items()}
            unknown = [(c, text) for c, text in unknown if c < first]
    data.columns = mapping
    width = max(mapping.values()) + 1
    beside = _Beside(width)  # a second table pasted right of the list, past an empty column
    beside.see(top[header_row], header_row)
    missing = [col for col in sheet.columns if col.required and col.key not in mapping]
    for col in missing:
        cells.finding("column-missing", f"A{header_row + 1}", None, column=f"{sheet.key}.{col.key}")
    # One plan per column, computed once: this loop runs for every cell of every workbook.
    plan = [(col, i, column_letter(i), _fast_stt if col.key == "stt" else _FAST[col.type],
             col.choices and _CHOICE_INDEX[col.choices].exact)
            for col in sheet.columns if (i := mapping.get(col.key)) is not None]
    keys = [col.key for col, *_ in plan]
    content = [i for col, i, *_ in plan if col.key != "stt"]
    identity = [i for key in ("full_name", "cccd") if (i := mapping.get(key)) is not None]
    label_cols = max(identity) + 1 if identity else 1
    hidden = bool(cells.scan.errors or cells.scan.no_value)  # blank-looking cells that are not blank
    misread = cells.scan.bad_strings  # cells calamine read as another string than the one written
    # An empty cell reads as None with no finding, unless its column is required or the sheet hides
    # formula errors or unsaved formulas behind empty cells: CellReader.blank decides those.
    empty_is_none = [not (col.required or hidden) for col, *_ in plan]
    cccd_at = keys.index("cccd") if "cccd" in keys else None
    for chunk in _chunks(enumerate(body, header_row + 1), _CHUNK_ROWS):
        for k, (r, row) in enumerate(chunk):
            if len(row) < width:
                chunk[k] = (r, row + [""] * (width - len(row)))
            elif len(row) > width + 1:
                beside.see(row, r)
        grid = [row for _r, row in chunk]
        typed = _fast_columns(grid, plan, empty_is_none)
        for (r, row), fast_values in zip(chunk, typed):
            for i in content:
                # A formula filled down past the last record shows 0 or "": that is not content.
                if row[i] != "" and row[i] != 0 and not _blank(row[i]):
                    break
            else:
                continue  # a blank, zero-only or formatting-only row: not a record
            number = r + 1
            # A CCCD its fast path read (twelve digits) names someone: the row is a record.
            if (cccd_at is None or fast_values[cccd_at].__class__ is not str) and _nameless(row, identity):
                label = _summary_label(row, label_cols)
                if label is not None or _sums_rows_above(row, data, plan):
                    at = label[0] if label else (identity[0] if identity else 0)
                    cells.finding("row-summary", f"{column_letter(at)}{number}", label[1] if label else "")
                    data.summary_rows.append(number)
                    continue
            if not misread and _SLOW not in fast_values:
                data.rows.append(Row(number, dict(zip(keys, fast_values)), accepted=not missing))
                continue
            values: dict[str, Any] = {}
            ok = not missing
            for (col, i, letter, _fast, _exact), value in zip(plan, fast_values):
                raw = row[i]
                if misread and f"{letter}{number}" in misread:
                    cells.finding("cell-bad-string", f"{letter}{number}", misread[f"{letter}{number}"],
                                  column=f"{sheet.key}.{col.key}")
                    values[col.key] = None
                    ok = False
                    continue
                if value is not _SLOW:
                    values[col.key] = value
                    continue
                if raw == "" or (raw.__class__ is str and (raw.isspace() or not raw.isprintable()) and _blank(raw)):
                    values[col.key] = None
                    if col.required or hidden:
                        ok = cells.blank(f"{letter}{number}", f"{sheet.key}.{col.key}", col.required) and ok
                    continue
                if col.key == "stt":
                    values["stt"] = _plain(raw)
                    continue
                value, cell_ok = cells.read(raw, col, f"{letter}{number}", f"{sheet.key}.{col.key}")
                ok = ok and cell_ok
                values[col.key] = value
            if cells.marks:
                cells.flush_marks()
            data.rows.append(Row(number, values, accepted=ok))
    cells.flush_thousands()
    table_beside = beside.first()
    for c, text in unknown:
        if table_beside is None or c < table_beside[0]:  # the other table's headers are not columns of this one
            cells.finding("column-unknown", f"{column_letter(c)}{header_row + 1}", text)
    _merged_in_data(calamine_sheet, header_row, cells, {row.number for row in data.rows})
    if table_beside is not None:
        cells.finding("table-beside", table_beside[1], table_beside[2])
    findings.extend(cells.findings)
    return data


_PERIOD_SHEETS = {"travel_fund": schema.MONTHS, "mutual_fund": schema.QUARTERS}


class _Beside:
    """Content right of the list, watched row by row: the first cell of a column that has content,
    with an empty column between it and the list, is where a second table starts."""

    def __init__(self, width: int):
        self.width = width
        self.first_cell: dict[int, tuple[int, Any]] = {}  # column -> (row, value) of its first content

    def see(self, row: list[Any], r: int) -> None:
        for c in range(self.width, len(row)):
            if c not in self.first_cell and not _blank(row[c]):
                self.first_cell[c] = (r, row[c])

    def first(self) -> tuple[int, str, str] | None:
        """(column, cell, its text) of the second table, or None."""
        for c in sorted(self.first_cell):
            if any(gap not in self.first_cell for gap in range(self.width, c)):
                r, value = self.first_cell[c]
                return c, f"{column_letter(c)}{r + 1}", clean_text(value)[:60]
        return None


def _is_summary_label(raw: Any) -> bool:
    if not isinstance(raw, str) or len(raw) >= 40:
        return False
    # Asked of every record's name: most are answered without folding them. Every label word folds to
    # 'to', 'co' or 'su' first (Tổng, Cộng, Total, Sum), and two ASCII characters fold to themselves:
    # 'Trần', 'Châu' or a CCCD is no label. A name whose first character is a letter that starts no
    # label is none either.
    head = raw.lstrip()[:2]
    if head.isascii() and head.lower() not in _SUMMARY_HEADS:
        return False
    if head[:1].isalpha() and head[:1].lower() not in _SUMMARY_INITIALS:
        return False
    return bool(_SUMMARY_LABEL.match(fold(raw)))


def _nameless(row: list[Any], identity: list[int]) -> bool:
    """Whether a row's identity cells (name, CCCD) are all blank or totals labels."""
    return all(_blank(row[i]) or _is_summary_label(row[i]) for i in identity)


def _summary_label(row: list[Any], label_cols: int) -> tuple[int, str] | None:
    """(column, text) of a totals label in the columns up to the name and CCCD: officers type
    'Tổng cộng' in the STT column or merge it across the first columns."""
    for c in range(min(label_cols, len(row))):
        if _is_summary_label(row[c]):
            return c, clean_text(row[c])
    return None


def _sums_rows_above(row: list[Any], data: SheetData, plan) -> bool:
    """A line without a name or label whose every amount is its column's sum over the records
    above (at least two of them, so a second identical record is not taken for one)."""
    if len(data.rows) < 2:
        return False
    matched = False
    for col, i, *_ in plan:
        if col.type is not ColType.AMOUNT:
            continue
        raw = row[i]
        if _blank(raw):
            continue
        value, note = parse_amount(raw)
        if note == "invalid" or value is None:
            return False
        if value == 0:
            continue
        if value != sum(r.values.get(col.key) or 0 for r in data.rows):
            return False
        matched = True
    return matched


def _shifted_periods(body: list[list[Any]], mapping: dict[str, int], sheet: TableSheet) -> tuple[str, ...] | None:
    """The period columns of a fund sheet when the amounts sit one column right of their headers
    (a block pasted one column off): most rows then add up only when read shifted."""
    periods = _PERIOD_SHEETS.get(sheet.key)
    if not periods or any(p not in mapping for p in periods) or "total" not in mapping:
        return None
    cols = [mapping[p] for p in periods]
    total = mapping["total"]
    if cols != list(range(cols[0], cols[0] + len(cols))) or total != cols[-1] + 1:
        return None

    def amount(row, c):
        if c >= len(row):
            return 0
        raw = row[c]
        if raw.__class__ is int:
            return raw
        if raw.__class__ is float and raw.is_integer():
            return int(raw)
        if _blank(raw):
            return 0
        value, note = parse_amount(raw)
        return value if note != "invalid" and value is not None else None

    # A row reads shifted only with nothing in the first period and an amount right of the total:
    # unless two rows are so, the shifted reading cannot win (it needs two).
    if sum(1 for row in body if amount(row, cols[0]) == 0 and amount(row, total + 1)) < 2:
        return None
    as_headed = shifted = 0
    left = len(body)
    for row in body:
        left -= 1
        if all(c >= len(row) or _blank(row[c]) for c in (*cols, total, total + 1)):
            continue
        first = [amount(row, c) for c in cols]
        if None not in first and amount(row, total) == sum(first) and sum(first):
            as_headed += 1
            if shifted + left <= as_headed or shifted + left < 2:
                break  # even if every row left read shifted, the shifted reading could not win
            continue
        moved = [amount(row, c + 1) for c in cols]
        if None not in moved and amount(row, total + 1) == sum(moved) and sum(moved) and amount(row, cols[0]) == 0:
            shifted += 1
    return periods if shifted >= 2 and shifted > as_headed else None


def _merged_in_data(calamine_sheet, header_row: int, cells: CellReader, records: set[int]) -> None:
    """Merged cells on a record: calamine gives the value to the first cell only. A merge on a
    totals line or a blank row loses nothing."""
    ranges = cells.scan.merged
    if ranges is None:
        try:
            ranges = calamine_sheet.merged_cell_ranges or []
        except Exception:  # not every format reports merges
            ranges = []
    numbers = sorted(records)  # a range may span a million rows: look its rows up, never walk them
    for (r0, c0), (r1, c1) in sorted(ranges):
        first_record = bisect.bisect_left(numbers, r0 + 1)
        if r1 > header_row and first_record < len(numbers) and numbers[first_record] <= r1 + 1:
            first = f"{column_letter(c0)}{r0 + 1}"
            cells.finding("cell-merged", first, f"{first}:{column_letter(c1)}{r1 + 1}")


# --------------------------------------------------------------- workbooks


def read_workbook(path: Path, display: str | None = None) -> tuple[Workbook, list[Finding]]:
    """Read a group or unit workbook. Never raises for bad content: problems are findings."""
    path = Path(path)
    display = display or path.name
    book_data = Workbook(path, display)
    findings: list[Finding] = []
    try:
        _refuse_special(path)
        book_data.sha256 = sha256_of(path)
        book, scans = open_workbook(path)
    except UnreadableWorkbook as exc:
        book_data.accepted = False
        findings.append(Finding(exc.code, display, "", "", None, {"detail": exc.detail}))
        return book_data, findings
    except OSError as exc:
        book_data.accepted = False
        findings.append(Finding("file-unreadable", display, "", "", None, {"detail": exc.strerror or str(exc)}))
        return book_data, findings
    try:
        _read_content(book, book_data, findings, scans)
    except Exception as exc:  # a parser failure deep inside a sheet must not end the run
        book_data.accepted = False
        findings.append(Finding("file-unreadable", display, "", "", None,
                                {"detail": type(exc).__name__ + ": " + str(exc)[:120]}))
    finally:
        book.close()
    return book_data, findings


def _refuse_special(path: Path) -> None:
    """A link leading out of the folder is not followed; a device or pipe is never opened."""
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError) as exc:  # dangling link, or a loop
            raise UnreadableWorkbook("file-unreadable", ("unreadable.broken_link", str(exc))) from exc
        if not target.is_relative_to(path.parent.resolve()):
            raise UnreadableWorkbook("file-link-outside", str(target))
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):
        raise UnreadableWorkbook("file-unreadable", "unreadable.not_regular")


def _read_content(book, data: Workbook, findings: list[Finding], scans: dict[str, SheetScan]) -> None:
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
                                {"sheet_expected": schema.GROUP_INFO.key}))
        return
    info_findings: list[Finding] = []
    info = read_fields(book, name, info_sheet, data.display, info_findings, scan=scans.get(name))
    data.fields[info_sheet.key] = info
    group = str(info.values.get("group_code") or "")
    for found in info_findings:
        findings.append(_with_group(found, group))
    for field_sheet in extra_fields:
        real = _find_sheet(names, field_sheet.vi, field_sheet.en)
        if real:
            data.fields[field_sheet.key] = read_fields(book, real, field_sheet, data.display, findings, group,
                                                       scans.get(real))
        else:
            findings.append(Finding("sheet-missing", data.display, "", "", None,
                                    {"sheet_expected": field_sheet.key}, group))
    known = {fold(name) for sheet in (info_sheet, *extra_fields, *tables) for name in (sheet.vi, sheet.en)}
    for table in tables:
        real = _find_sheet(names, table.vi, table.en)
        copies = _sheet_copies(names, table.vi, table.en)
        if real is None and copies:
            real = copies.pop(0)  # the original was deleted or renamed: its copy is what is left
        if real is None:
            real = _sheet_renamed(names, table.vi, table.en, known)
        for copy_name in copies:
            findings.append(Finding("sheet-duplicate", data.display, copy_name, "", copy_name,
                                    {"sheet_expected": table.key, "used": real}, group))
        if real is None:
            findings.append(Finding("sheet-missing", data.display, "", "", None, {"sheet_expected": table.key}, group))
            data.tables[table.key] = SheetData(table.key, table.vi)
            continue
        data.tables[table.key] = read_table(book, real, table, data.display, findings, group, scans.get(real))
    _us_dates(data, findings)
    if data.kind == "unit":
        _groups_listed_twice(data, findings)
        from .report_texts import read_into  # the committee's text: long, with line breaks, its own rules

        read_into(book, names, data, findings, scans)


def listed_groups(sheet: SheetData | None) -> tuple[dict[str, Row], list[tuple[str, Row, Row]]]:
    """The unit's list of groups: each code's first row (the group the merge expects), and every later
    row of a code already listed as (code, that row, the first row)."""
    first: dict[str, Row] = {}
    again: list[tuple[str, Row, Row]] = []
    for row in sheet.accepted() if sheet else ():
        code = str(row.values.get("group_code") or "").strip()
        if code in first:
            again.append((code, row, first[code]))
        elif code:
            first[code] = row
    return first, again


def _groups_listed_twice(data: Workbook, findings: list[Finding]) -> None:
    """A group code on two rows of the unit's list: the merge expects the group once, from the first
    row, so the treasurer is told where the other row is (an extra row, or a code typed for another group)."""
    sheet = data.tables.get(schema.UNIT_GROUPS.key)
    for code, row, first in listed_groups(sheet)[1]:
        findings.append(Finding("group-listed-twice", data.display, sheet.name, sheet.cell(row, "group_code"), code,
                                {"other": sheet.cell(first, "group_code")}))


def _with_group(found: Finding, group: str) -> Finding:
    if found.group or not group:
        return found
    return Finding(found.code, found.file, found.sheet, found.cell, found.value, found.params, group)


_DAY_FIRST_TEXT = re.compile(r"^\s*([0-9]{1,2})\s*[/.\-]\s*([0-9]{1,2})\s*[/.\-]\s*[0-9]{2,4}\s*$")


def _us_dates(data: Workbook, findings: list[Finding]) -> None:
    """Dates typed day/month/year on a computer set to US regional format (month/day/year).

    The spreadsheet turns '05/03/1985' into 3 May and leaves '15/03/1985' as text, since there is
    no month 15; the cell's dd/mm/yyyy format only changes the display. So in one file, text
    dates whose first number is over 12 beside true dates mean the true dates with a day of 12 or
    less were probably swapped, when no true date in the file has a day over 12 (no date typed
    day-first was understood as such). Each is then read as meant and reported with the cause.
    A file with true dates past the 12th was typed on a computer that reads day/month: its text
    dates have another cause and stay date-as-text.
    """
    typed: dict[tuple[str, str], Finding] = {}
    evidence = False
    for found in findings:
        if found.code == "date-as-text" and isinstance(found.value, str) and found.file == data.display:
            typed[(found.sheet, found.cell)] = found
            match = _DAY_FIRST_TEXT.match(found.value)
            evidence = evidence or bool(match and int(match.group(1)) > 12 and int(match.group(2)) <= 12)
    if not evidence:
        return
    true_dates = []  # (sheet, cell, holder dict, key, date)
    for sheet in data.tables.values():
        spec = schema.table_sheet(sheet.key) if sheet.key in _TABLE_KEYS else None
        if spec is None:
            continue
        for col in spec.columns:
            if col.type is not ColType.DATE or col.key not in sheet.columns:
                continue
            for row in sheet.rows:
                value = row.values.get(col.key)
                cell = sheet.cell(row, col.key)
                if isinstance(value, dt.date) and (sheet.name, cell) not in typed:
                    true_dates.append((sheet.name, cell, row.values, col.key, value))
    for fields in data.fields.values():
        spec = next((f for f in (schema.GROUP_INFO, schema.UNIT_INFO) if f.key == fields.key), None)
        for f in spec.fields if spec else ():
            value = fields.values.get(f.key)
            if f.type is ColType.DATE and isinstance(value, dt.date) and (fields.name, fields.cells.get(f.key)) not in typed:
                true_dates.append((fields.name, fields.cells.get(f.key, ""), fields.values, f.key, value))
    if any(value.day > 12 for *_, value in true_dates):
        return  # dates typed day-first were understood: the text ones have another cause
    group = data.group_code
    for sheet, cell, holder, key, value in true_dates:
        if value.day == value.month:
            continue
        meant = value.replace(day=value.month, month=value.day)
        holder[key] = meant
        findings.append(Finding("date-us-swapped", data.display, sheet, cell, value, {"expected": meant}, group))
    for i, found in enumerate(findings):
        match = found.code == "date-as-text" and isinstance(found.value, str) and _DAY_FIRST_TEXT.match(found.value)
        if match and found.file == data.display and int(match.group(1)) > 12:
            findings[i] = Finding("date-us-text", found.file, found.sheet, found.cell, found.value, found.params,
                                  found.group)


_TABLE_KEYS = {t.key for t in (*schema.GROUP_SHEETS, *schema.UNIT_SHEETS)}


def read_unit(path: Path) -> tuple[Workbook, list[Finding]]:
    """Read the unit workbook, in an isolated worker; raise ValueError when the file is not one."""
    from . import isolation  # the reader is what the workers import; isolation is for the caller

    [outcome] = isolation.run_isolated(read_workbook, [(Path(path),)])
    if isinstance(outcome, isolation.Failure):
        raise ValueError(f"{path}: {outcome.finding(Path(path).name).message()}")
    book, findings = outcome
    if book.kind != "unit":
        detail = "; ".join(f.message() for f in findings) or i18n.text("usage.not_unit")
        raise ValueError(f"{path}: {i18n.both('usage.not_unit')} ({detail})")
    return book, findings


def is_candidate(path: Path) -> bool:
    return path.suffix.lower() in WORKBOOK_SUFFIXES


def iter_inputs(folder: Path) -> Iterable[Path]:
    """The files of a folder, by stem: 'T30.xlsx' comes before its copy 'T30 (1).xlsx'."""
    return sorted((p for p in folder.iterdir() if not p.is_dir()), key=lambda p: (p.stem, p.suffix))
