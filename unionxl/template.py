"""Schema -> the workbooks officers fill: one per union group, one for the unit.

Everything a sheet shows (names, headers, lists, formats, widths) comes from
`schema`; this module only decides how it looks and how it is protected.

Values passed in `data` are written by their Python type and never interpreted:
a `str` is always a string cell (so `=1+1` stays text and nothing a group typed
can become a live formula), `int`/`float` a number, a date a date, `None` a
blank formatted cell. The sample generator relies on this to plant mistakes
such as an 11-digit numeric CCCD or the text "30.000" in an amount cell.

The output is reproducible: the same inputs give byte-identical files (fixed
document dates; XlsxWriter already fixes the zip timestamps), which is what
lets `tests/test_template.py` keep `workbook_templates/` honest.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from . import __version__, i18n, schema
from .textnorm import fold
from .schema import (
    FIELD_FIRST_ROW, GROUP_INFO, GROUP_KIND, GROUP_SHEETS, HEADER_ROW, INSTRUCTIONS_SHEET, KPI_SHEET, KPIS,
    LISTS, LISTS_SHEET, NUMBER_FORMATS, POLICY, POLICY_DEFAULTS, REPORT_TEXTS, TEMPLATE_VERSION, UNIT_GROUPS,
    UNIT_INFO, UNIT_KIND, UNIT_ONLY_LISTS, ColType, Column, Field, FieldSheet, TableSheet, sheet_name,
)
from .xlsx import write_text

CREATED = dt.datetime(2024, 1, 1)
"""Fixed document date: the same inputs must give the same file."""

BLANK_NAMES = {"vi": ("to-cong-doan.xlsx", "don-vi.xlsx"), "en": ("group.xlsx", "unit.xlsx")}

FONT = "Times New Roman"  # what Vietnamese offices use; LibreOffice maps it to Liberation Serif
REQUIRED_FILL = "#F8CBAD"  # orange: must be filled
OPTIONAL_FILL = "#DDEBF7"  # blue: fill if it applies
ENTRY_FILL = "#FFF2CC"  # yellow: a value cell of an info sheet
LOCKED_FILL = "#E7E6E6"  # grey: written by the union executive, locked

# Excel's limits on data-validation texts (UTF-16 code units).
TITLE_LIMIT, MESSAGE_LIMIT = 32, 255
MIN_DATE, MAX_DATE = dt.date(1900, 1, 1), dt.date(2100, 12, 31)

# What a protected sheet still lets the officer do. No password: protection
# guards against accidents (a deleted header), not against the officer.
PROTECT_OPTIONS = {
    "insert_rows": True, "delete_rows": True, "sort": True, "autofilter": True,
    "format_columns": True, "format_rows": True,
}

WIDE_SHEET_CHARS = 100
"""A table wider than this (sum of column widths) prints landscape and freezes its name column."""
CHARS_PER_UNIT, BOLD_CHARS_PER_UNIT = 1.2, 1.05  # Times New Roman 11 per unit of column width, cautiously
LINE_POINTS = 14.5
FIELD_WIDTHS = (40, 30, 50)
WRAP_WIDTH = 30
"""Text columns at least this wide wrap (the KPI texts); narrower ones keep one line per row."""
INSTRUCTION_LINE_CHARS = 115
INSTRUCTION_WIDTHS = (18, 27, 9, 51)
"""Instruction paragraphs are split into unwrapped lines this long, so no row height has to be guessed."""


# ------------------------------------------------------------------ public API


def write_group_workbook(path, *, year: int | None, unit_name: str, group_code: str, group_name: str,
                         lang: str = "vi", data: dict | None = None) -> Path:
    """One union group's workbook, blank or pre-filled with `data`.

    `data` = {"info": {field: value}, "members": [row], "travel_fund": [...], "mutual_fund": [...],
    "loans": [...], "welfare": [...]}, keys from the schema. `data["info"]` wins over the
    keyword arguments, so a deliberately wrong year or version can be planted.
    """
    # The schema's sheets as they are now, read at call time: a sheet added to the schema is in the workbook.
    group_info, group_sheets = schema.GROUP_INFO, schema.GROUP_SHEETS
    data = dict(data or {})
    _check_keys(data, {"info", *(s.key for s in group_sheets)}, "data")
    info = {"kind": GROUP_KIND, "template_version": TEMPLATE_VERSION, "year": year, "unit_name": unit_name,
            "group_code": group_code, "group_name": group_name, **(data.get("info") or {})}
    book = _Book(path, lang, title=group_info.title(lang), subject=GROUP_KIND)
    book.instructions("group", (group_info, *group_sheets), subtitle=_group_line(lang, info))
    suffix = _title_suffix(lang, info.get("group_name"), info.get("year"))
    book.field_sheet(group_info, info, suffix)
    for sheet in group_sheets:
        book.table_sheet(sheet, data.get(sheet.key) or (), suffix)
    book.lists_sheet()
    return book.close()


def write_unit_workbook(path, *, year: int | None = None, unit_name: str = "", lang: str = "vi",
                        data: dict | None = None) -> Path:
    """The unit's workbook: its details, the expected groups, the rates (pre-filled), the 11 targets
    and the report's text.

    `data` = {"unit_info": {...}, "groups": [rows], "policy": {key: amount}, "kpis": [rows with keys
    number, target, result, status], "report": ReportTexts}; KPI rows are matched to the schema's
    targets by number, texts to the report's sections by key. A ReportTexts whose `previous` names
    a section marks that section's text as last year's.
    """
    from .report_texts import heading_names, sheet_rows

    data = dict(data or {})
    _check_keys(data, {"unit_info", "groups", "policy", "kpis", "report"}, "data")
    info = {"kind": UNIT_KIND, "template_version": TEMPLATE_VERSION, "year": year,
            "unit_name": unit_name or None, **(data.get("unit_info") or {})}
    policy = {**POLICY_DEFAULTS, **(data.get("policy") or {})}
    book = _Book(path, lang, title=UNIT_INFO.title(lang), subject=UNIT_KIND)
    book.instructions("unit", (UNIT_INFO, UNIT_GROUPS, POLICY, KPI_SHEET, REPORT_TEXTS), subtitle=None)
    suffix = _title_suffix(lang, info.get("unit_name"), info.get("year"))
    book.field_sheet(UNIT_INFO, info, suffix)
    book.table_sheet(UNIT_GROUPS, data.get("groups") or (), suffix)
    book.field_sheet(POLICY, policy, suffix)
    book.table_sheet(KPI_SHEET, _kpi_rows(lang, data.get("kpis") or ()), suffix, locked=("number", "target"))
    names = heading_names(info.get("year"), info.get("superior_name") or "", lang)
    book.report_sheet(sheet_rows(lang, names, data.get("report")), suffix)
    book.lists_sheet(unit=True)
    return book.close()


def unit_data_from_previous(previous, lang: str = "vi") -> dict:
    """Next year's unit workbook, drafted from last year's consolidated workbook (`tong-hop-<năm>.xlsx`):
    the union's details, next year, last year's closing balance as the opening balance, the groups,
    the rates, and every text the committee wrote, each marked as last year's to be revised. Figures
    of the year (KPI results, accidents, prizes) are not carried over.

    Raises MergeUsageError when `previous` is not a consolidated workbook."""
    from .report_texts import ReportTexts
    from .merge import ReadTask, read_all
    from .sector import load_consolidated
    from .tables import compute_figures

    last = load_consolidated(Path(previous))  # the same reader and figures as `--previous` of a merge
    [(consolidated, _found, _)] = read_all([ReadTask(Path(previous), Path(previous).name, consolidated=True)], 1)
    info = consolidated.info if consolidated else {}
    year = info.get("year")
    figures = compute_figures(last.dataset)
    groups: dict[str, str] = {}
    for row in last.dataset.groups[0].rows("members") if last.dataset.groups else ():
        code = str(row.values.get("origin_group_code") or "").strip()
        if code and code not in groups:
            groups[code] = row.values.get("origin_group_name") or ""
    said = consolidated.texts if consolidated else ReportTexts()
    return {
        "unit_info": {"year": year + 1 if year else None, "unit_name": info.get("unit_name") or None,
                      "superior_name": info.get("superior_name") or None,
                      "mutual_opening_balance": figures.mutual_fund.closing_balance},
        "groups": [{"stt": i, "group_code": code, "group_name": name} for i, (code, name) in
                   enumerate(groups.items(), 1)],
        "policy": {f.key: info[f.key] for f in POLICY.fields if isinstance(info.get(f.key), int)},
        "report": ReportTexts(texts=dict(said.texts), previous=set(said.texts), recipients=list(said.recipients)),
    }


def write_blank_templates(out_dir, lang: str = "vi") -> list[Path]:
    """The blank group and unit workbooks, e.g. for `workbook_templates/`."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    group_file, unit_file = BLANK_NAMES[lang]
    return [
        write_group_workbook(out / group_file, year=None, unit_name="", group_code="", group_name="", lang=lang),
        write_unit_workbook(out / unit_file, lang=lang),
    ]


def write_group_workbooks(unit_workbook, out_dir, lang: str = "vi") -> list[Path]:
    """One pre-filled group workbook per row of the unit workbook's group list.

    Raises ValueError when the unit workbook has errors or lists no groups, so no
    group receives a workbook with a wrong code or year.
    """
    from .findings import Severity
    from .reader import read_unit  # the reader owns every rule about reading a workbook

    book, findings = read_unit(Path(unit_workbook))
    info_data = book.fields["unit_info"]
    # Only what goes into the group workbooks must be right now; the rest of the
    # unit workbook (balances, targets) can still be completed before the merge.
    needed = {info_data.cells.get("year"), info_data.cells.get("unit_name")} - {None}
    groups_sheet = book.tables["groups"].name if "groups" in book.tables else None
    errors = [f for f in findings if f.severity is Severity.ERROR
              and (f.sheet == groups_sheet or (f.sheet == info_data.name and f.cell in needed) or not f.sheet)]
    if errors:
        raise ValueError("; ".join(f"{f.place or f.file}: {f.message(lang)}" for f in errors))
    info = info_data.values
    groups = [row.values for row in book.rows("groups") if row.accepted and row.values.get("group_code")]
    if not groups:
        raise ValueError(f"{unit_workbook}: {UNIT_GROUPS.name(lang)}: " + (
            i18n.text("template.no_groups", lang)))
    codes = [str(g["group_code"]) for g in groups]
    twice = sorted({c for c in codes if codes.count(c) > 1})
    if twice:
        raise ValueError(f"{unit_workbook}: {UNIT_GROUPS.name(lang)}: " + (
            i18n.text("template.duplicate_groups", lang)) + ": " + ", ".join(twice))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    return [
        write_group_workbook(out / group_file_name(str(g["group_code"]), g.get("group_name") or ""),
                             year=info.get("year"), unit_name=info.get("unit_name") or "",
                             group_code=str(g["group_code"]), group_name=g.get("group_name") or "", lang=lang)
        for g in groups
    ]


def group_file_name(group_code: str, group_name: str = "") -> str:
    """`T01-khoa-noi.xlsx`: ASCII, so the name survives e-mail, Zalo and zip tools."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(f"{group_code} {group_name}")).strip("-")
    return f"{slug or 'to'}.xlsx"


# ------------------------------------------------------------------ helpers


def _check_keys(given: Mapping, allowed: Iterable[str], what: str) -> None:
    unknown = sorted(set(given) - set(allowed))
    if unknown:
        raise ValueError(f"unknown {what} keys: {', '.join(map(str, unknown))}")


def _item_word(sheet_key: str, lang: str) -> str:
    """What one row of a table sheet holds, for its hint row; a fund sheet the schema gained counts members."""
    key = f"template.item.{sheet_key}"
    return i18n.text(key if i18n.has(key) else "template.item.members", lang)


def _title_suffix(lang: str, name, year) -> str:
    parts = [str(name)] if name else []
    if year not in (None, ""):
        parts.append(i18n.text("template.year", lang).format(year=year))
    return "".join(f" – {p}" for p in parts)


def _group_line(lang: str, info: Mapping) -> str | None:
    group = " ".join(str(info[k]) for k in ("group_code", "group_name") if info.get(k))
    if not (group or info.get("unit_name") or info.get("year")):
        return None
    return i18n.text("template.instructions.group_line", lang).format(
        group=group or "…", unit=info.get("unit_name") or "…", year=info.get("year") or "…")


def _kpi_rows(lang: str, given: Sequence[Mapping]) -> list[dict]:
    by_number = {}
    for row in given:
        _check_keys(row, KPI_SHEET.keys, "kpi row")
        by_number[row.get("number")] = row
    rows = [{"number": k.number, "target": k.label(lang), "result": None, "status": None,
             **by_number.pop(k.number, {})} for k in KPIS]
    return rows + list(by_number.values())  # rows the caller added beyond the schema's targets stay visible


def _fit(text: str, limit: int) -> str:
    """Cut to Excel's limit in UTF-16 code units, marking the cut."""
    def units(s: str) -> int:
        return len(s.encode("utf-16-le")) // 2

    if units(text) <= limit:
        return text
    while units(text) > limit - 1:
        text = text[:-1]
    return text.rstrip() + "…"


def _lines(text: str) -> list[str]:
    return textwrap.wrap(text, INSTRUCTION_LINE_CHARS, subsequent_indent="  " if text.startswith("•") else "")


def _row_height(cells: Iterable[tuple[str, float, bool]]) -> float:
    """Points for a row whose wrapped cells (text, column width, bold) must show in full.

    Neither Excel nor LibreOffice grows a row for wrapped text on opening a
    generated file, so the height is estimated, erring on the tall side.
    """
    lines = 1
    for text, width, bold in cells:
        per_line = max(1, int(width * (BOLD_CHARS_PER_UNIT if bold else CHARS_PER_UNIT)))
        lines = max(lines, sum(len(textwrap.wrap(part, per_line)) or 1 for part in text.split("\n")))
    return LINE_POINTS * lines + 3


def _quoted(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _write(ws, row: int, col: int, value: Any, fmt) -> None:
    """Write by Python type; a str is never a formula, a number or a URL."""
    if value is None:
        ws.write_blank(row, col, None, fmt)
    elif isinstance(value, str):
        write_text(ws, row, col, value, fmt)
    elif isinstance(value, bool):
        ws.write_boolean(row, col, value, fmt)
    elif isinstance(value, (int, float)):
        ws.write_number(row, col, value, fmt)
    elif isinstance(value, (dt.date, dt.datetime)):
        ws.write_datetime(row, col, value, fmt)
    else:
        raise TypeError(f"cannot write {type(value).__name__} value {value!r} to a cell")


class _Book:
    """An XlsxWriter workbook with the formats and sheet builders every unionxl workbook shares."""

    def __init__(self, path, lang: str, *, title: str, subject: str):
        if lang not in ("vi", "en"):
            raise ValueError(f"unknown language {lang!r}")
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.lang = lang
        # Belt and braces: _write already uses write_string, but nothing may turn text into formulas.
        self.wb = xlsxwriter.Workbook(str(self.path), {
            "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False})
        self.wb.set_properties({
            "title": title, "subject": subject, "author": "unionxl", "company": "",
            "comments": f"unionxl {__version__}, template {TEMPLATE_VERSION}", "created": CREATED,
        })
        self._formats: dict[tuple, Any] = {}
        self.row_border = self.wb.add_format({"border": 1, "border_color": "#808080"})
        # A date cell holding text turns orange as soon as it is typed: on a computer set to the US
        # month/day format, '15/03/1985' stays text, which tells the officer before anyone merges.
        self.date_as_text = self.wb.add_format({"bg_color": "#F8CBAD", "font_color": "#9C0006"})
        self.lists_name = sheet_name(LISTS_SHEET, lang)

    def close(self) -> Path:
        self.wb.close()
        return self.path

    # ------------------------------------------------------------- formats

    def fmt(self, **props):
        key = tuple(sorted(props.items()))
        if key not in self._formats:
            self._formats[key] = self.wb.add_format({"font_name": FONT, "font_size": 11, "valign": "top", **props})
        return self._formats[key]

    def title_fmt(self):
        return self.fmt(bold=True, font_size=13, align="center", valign="vcenter")

    def hint_fmt(self):
        return self.fmt(italic=True, font_size=10, font_color="#595959", valign="vcenter")

    def header_fmt(self, required: bool):
        return self.fmt(bold=True, text_wrap=True, align="center", valign="vcenter", border=1,
                        bg_color=REQUIRED_FILL if required else OPTIONAL_FILL)

    def entry_fmt(self, kind: ColType, *, wrap: bool = False):
        return self.fmt(num_format=NUMBER_FORMATS[kind], locked=False, text_wrap=wrap)

    def locked_fmt(self, kind: ColType, *, wrap: bool = False):
        return self.fmt(num_format=NUMBER_FORMATS[kind], bg_color=LOCKED_FILL, border=1, border_color="#A6A6A6",
                        text_wrap=wrap)

    # ------------------------------------------------------------- sheets

    def _sheet(self, name: str):
        ws = self.wb.add_worksheet(name)
        ws.set_paper(9)  # A4
        ws.set_margins(left=0.5, right=0.4, top=0.6, bottom=0.6)
        ws.set_footer(i18n.text("template.footer", self.lang))
        ws.fit_to_pages(1, 0)
        return ws

    def _protect(self, ws) -> None:
        ws.protect("", PROTECT_OPTIONS)

    def _validate(self, ws, first_row: int, col: int, last_row: int, item: Column | Field) -> None:
        options = self._validation(item)
        if options and ws.data_validation(first_row, col, last_row, col, options) != 0:
            raise ValueError(f"data validation rejected for {item.key}: {options}")

    def _validation(self, item: Column | Field) -> dict | None:
        lang = self.lang
        label = item.header(lang) if isinstance(item, Column) else item.label(lang)
        note = i18n.text("template.required_note" if item.required else "template.optional_note", lang)
        message = " ".join(p for p in (item.help(lang), note) if p)
        options: dict[str, Any] = {"input_title": _fit(label, TITLE_LIMIT), "input_message": _fit(message, MESSAGE_LIMIT),
                                   "ignore_blank": True, "error_type": "warning"}
        kind = item.type
        if kind is ColType.CHOICE and isinstance(item, Column):
            choices = LISTS[item.choices]
            heading = choices.heading(lang)
            options.update(validate="list", source=self.list_range(item.choices), dropdown=True,
                           error_title=_fit(i18n.text("template.list_error_title", lang), TITLE_LIMIT),
                           error_message=_fit(i18n.text("template.list_error", lang).format(value="…", list=heading),
                                              MESSAGE_LIMIT))
        elif kind in (ColType.AMOUNT, ColType.INT):
            options.update(validate="integer", criteria=">=", value=0,
                           error_title=_fit(i18n.text("template.amount_error_title", lang), TITLE_LIMIT),
                           error_message=_fit(i18n.text("template.amount_error", lang), MESSAGE_LIMIT))
        elif kind is ColType.DATE:
            options.update(validate="date", criteria="between", minimum=MIN_DATE, maximum=MAX_DATE,
                           error_title=_fit(i18n.text("template.date_error_title", lang), TITLE_LIMIT),
                           error_message=_fit(i18n.text("template.date_error", lang), MESSAGE_LIMIT))
        elif kind is ColType.CCCD:
            options.update(validate="length", criteria="==", value=12,
                           error_title=_fit(i18n.text("template.cccd_error_title", lang), TITLE_LIMIT),
                           error_message=_fit(i18n.text("template.cccd_error", lang), MESSAGE_LIMIT))
        else:
            options.update(validate="any")
            options.pop("error_type")
        return options

    def list_range(self, key: str) -> str:
        col = xl_col_to_name(list(LISTS).index(key))
        return f"={_quoted(self.lists_name)}!${col}$2:${col}${len(LISTS[key].choices) + 1}"

    def table_sheet(self, sheet: TableSheet, rows: Sequence[Mapping], suffix: str,
                    locked: tuple[str, ...] = ()) -> None:
        lang = self.lang
        ws = self._sheet(sheet.name(lang))
        columns = sheet.columns
        last_col = len(columns) - 1
        header = HEADER_ROW - 1  # 0-based
        first = HEADER_ROW  # 0-based first data row
        prepared = max(sheet.rows, len(rows))
        last = first + prepared - 1

        ws.merge_range(0, 0, 0, last_col, "", self.title_fmt())
        write_text(ws, 0, 0, sheet.title(lang) + suffix, self.title_fmt())
        ws.set_row(0, 22)
        ws.merge_range(1, 0, 1, last_col, "", self.hint_fmt())
        write_text(ws, 1, 0, i18n.text("template.table_hint", lang).format(
            first=HEADER_ROW + 1, item=_item_word(sheet.key, lang),  # a new fund: per member
            instructions=sheet_name(INSTRUCTIONS_SHEET, lang)),
            self.hint_fmt())

        formats = []
        for c, col in enumerate(columns):
            wrap = col.type is ColType.TEXT and col.width >= WRAP_WIDTH
            fmt = self.locked_fmt(col.type, wrap=wrap) if col.key in locked else self.entry_fmt(col.type, wrap=wrap)
            formats.append(fmt)
            # The column format also covers rows typed below the prepared ones.
            ws.set_column(c, c, col.width, self.entry_fmt(col.type, wrap=wrap))
            write_text(ws, header, c, col.header(lang), self.header_fmt(col.required))
            if col.key not in locked:
                self._validate(ws, first, c, last, col)
        ws.set_row(header, _row_height((col.header(lang), col.width, True) for col in columns))

        for r in range(prepared):
            values = rows[r] if r < len(rows) else {}
            _check_keys(values, sheet.keys, f"{sheet.key} row")
            for c, col in enumerate(columns):
                value = values.get(col.key)
                if value is None and col.key not in locked:
                    continue  # the column format already makes it an unlocked, formatted entry cell
                _write(ws, first + r, c, value, formats[c])
            wrapped = [(v, col.width, False) for col, v in ((col, values.get(col.key)) for col in columns)
                       if isinstance(v, str) and col.type is ColType.TEXT and col.width >= WRAP_WIDTH]
            if wrapped:
                ws.set_row(first + r, _row_height(wrapped))

        # The date highlight before the row border: LibreOffice applies only the first conditional format
        # that matches a cell, in the order written (XlsxWriter >= 3.3.0 writes them in the order added).
        for c, col in enumerate(columns):
            if col.type is ColType.DATE:
                letter = xl_col_to_name(c)
                ws.conditional_format(first, c, last, c, {
                    "type": "formula", "criteria": f"=ISTEXT({letter}{first + 1})", "format": self.date_as_text})
        # Borders only on rows in use, so a half-empty list does not print pages of empty boxes.
        last_letter = xl_col_to_name(last_col)
        ws.conditional_format(first, 0, last, last_col, {
            "type": "formula", "criteria": f"=COUNTA($A{first + 1}:${last_letter}{first + 1})>0",
            "format": self.row_border})

        keys = sheet.keys
        wide = sum(col.width for col in columns) > WIDE_SHEET_CHARS
        freeze_col = keys.index("full_name") + 1 if wide and "full_name" in keys else 0
        ws.freeze_panes(first, freeze_col)
        ws.autofilter(header, 0, last, last_col)
        ws.repeat_rows(header)
        if wide:
            ws.set_landscape()
        self._protect(ws)

    def field_sheet(self, sheet: FieldSheet, values: Mapping, suffix: str) -> None:
        lang = self.lang
        _check_keys(values, (f.key for f in sheet.fields), f"{sheet.key} field")
        ws = self._sheet(sheet.name(lang))
        for c, width in enumerate(FIELD_WIDTHS):
            ws.set_column(c, c, width)
        ws.merge_range(0, 0, 0, 2, "", self.title_fmt())
        write_text(ws, 0, 0, sheet.title(lang) + suffix, self.title_fmt())
        ws.set_row(0, 22)
        head = self.fmt(bold=True, border=1, align="center", valign="vcenter", bg_color=LOCKED_FILL)
        for c, text in enumerate(i18n.text("template.field_headings", lang).split("|")):
            write_text(ws, FIELD_FIRST_ROW - 2, c, text, head)
        help_fmt = self.fmt(text_wrap=True, border=1, border_color="#A6A6A6", font_size=10, italic=True)
        for i, f in enumerate(sheet.fields):
            row = FIELD_FIRST_ROW - 1 + i
            write_text(ws, row, 0, f.label(lang), self.fmt(
                bold=f.required, text_wrap=True, border=1, bg_color=REQUIRED_FILL if f.required else OPTIONAL_FILL))
            value = values.get(f.key, f.default)
            if f.locked:
                _write(ws, row, 1, value, self.fmt(num_format=NUMBER_FORMATS[f.type], bg_color=LOCKED_FILL, border=1,
                                                   border_color="#A6A6A6"))
            else:
                _write(ws, row, 1, value, self.fmt(num_format=NUMBER_FORMATS[f.type], locked=False, border=1,
                                                   border_color="#A6A6A6", bg_color=ENTRY_FILL))
                self._validate(ws, row, 1, row, f)
            write_text(ws, row, 2, f.help(lang), help_fmt)
            ws.set_row(row, _row_height([(f.label(lang), FIELD_WIDTHS[0], f.required),
                                         (f.help(lang), FIELD_WIDTHS[2], False)]))
        ws.freeze_panes(FIELD_FIRST_ROW - 1, 0)
        ws.repeat_rows(FIELD_FIRST_ROW - 2)
        self._protect(ws)

    def report_sheet(self, rows: Sequence[Mapping], suffix: str) -> None:
        from .report_texts import write_sheet

        ws = self._sheet(REPORT_TEXTS.name(self.lang))
        write_sheet(self.wb, ws, self.lang, list(rows), REPORT_TEXTS.title(self.lang) + suffix, fmt=self.fmt,
                    validation=self._validation)
        self._protect(ws)

    def lists_sheet(self, unit: bool = False) -> None:
        ws = self.wb.add_worksheet(self.lists_name)
        head = self.fmt(bold=True, border=1, bg_color=LOCKED_FILL)
        for c, (key, choices) in enumerate(LISTS.items()):
            if key in UNIT_ONLY_LISTS and not unit:
                continue  # they come last: the group workbooks' list columns stay where they were
            ws.set_column(c, c, 24)
            write_text(ws, 0, c, choices.heading(self.lang), head)
            for r, choice in enumerate(choices.choices, 1):
                write_text(ws, r, c, choice.label(self.lang), self.fmt())
            self.wb.define_name(f"DS_{key}", self.list_range(key))
        ws.protect("", {})
        ws.hide()

    def instructions(self, kind: str, sheets: Sequence[FieldSheet | TableSheet], *, subtitle: str | None) -> None:
        """The "Hướng dẫn" sheet: what each sheet is for, colours, how to fill, protection, sending, every column."""
        lang = self.lang
        ws = self._sheet(sheet_name(INSTRUCTIONS_SHEET, lang))
        ws.hide_gridlines(2)
        for c, width in enumerate(INSTRUCTION_WIDTHS):
            ws.set_column(c, c, width)
        text_fmt = self.fmt()
        section_fmt = self.fmt(bold=True, font_size=12, font_color="#1F4E79")
        row = 0
        ws.merge_range(row, 0, row, 3, "", self.title_fmt())
        write_text(ws, row, 0, i18n.text(f"template.instructions.{kind}_title", lang), self.title_fmt())
        ws.set_row(row, 24)
        row += 1
        if subtitle:
            write_text(ws, row, 0, subtitle, self.fmt(bold=True))
            row += 1
        row += 1

        def paragraph(lines: Iterable[str]) -> None:
            nonlocal row
            for text in lines:
                for line in _lines(text):
                    write_text(ws, row, 0, line, text_fmt)
                    row += 1

        def section(title_key: str) -> None:
            nonlocal row
            row += 1
            write_text(ws, row, 0, i18n.text(f"template.instructions.{title_key}", lang), section_fmt)
            row += 1

        paragraph(i18n.paragraphs(f"template.instructions.{kind}_about", lang))

        section("sheets")
        rates = {k: i18n.vnd(v, lang) for k, v in POLICY_DEFAULTS.items()}
        # A sheet the schema gained without a purpose written here is introduced by its own title.
        purposes = [(s.name(lang), i18n.text(f"template.purpose.{s.key}", lang).format(**rates)
                     if i18n.has(f"template.purpose.{s.key}") else s.title(lang)) for s in sheets]
        purposes.append((self.lists_name, i18n.text("template.purpose.lists", lang)))
        name_fmt = self.fmt(bold=True)
        for name, purpose in purposes:
            write_text(ws, row, 0, name, name_fmt)
            for line in textwrap.wrap(purpose, INSTRUCTION_LINE_CHARS - INSTRUCTION_WIDTHS[0]):
                write_text(ws, row, 1, line, text_fmt)
                row += 1

        section("colours")
        swatches = {"required": REQUIRED_FILL, "optional": OPTIONAL_FILL, "entry": ENTRY_FILL,
                    "locked": LOCKED_FILL, "white": "#FFFFFF"}
        for key in swatches:
            sample = i18n.text(f"template.legend.{key}", lang)
            meaning = i18n.text(f"template.legend.{key}.help", lang)
            write_text(ws, row, 0, sample, self.fmt(border=1, bg_color=swatches[key], bold=key != "white",
                                                     text_wrap=True))
            ws.set_row(row, _row_height([(sample, INSTRUCTION_WIDTHS[0], True)]))
            write_text(ws, row, 1, meaning, text_fmt)
            row += 1

        section("how")
        names = {"first": HEADER_ROW + 1, "groups": UNIT_GROUPS.name(lang), "policy": POLICY.name(lang),
                 "kpis": KPI_SHEET.name(lang), "texts": REPORT_TEXTS.name(lang)}
        paragraph(line.format(**names) for line in i18n.paragraphs(f"template.instructions.{kind}_how", lang))

        section("protection")
        paragraph(i18n.paragraphs("template.instructions.protection_text", lang))

        section("send")
        paragraph(i18n.paragraphs(f"template.instructions.{kind}_send", lang))

        section("columns")
        head = self.fmt(bold=True, border=1, bg_color=LOCKED_FILL, text_wrap=True, valign="vcenter")
        for c, text in enumerate(i18n.text("template.instructions.columns_head", lang).split("|")):
            write_text(ws, row, c, text, head)
        header_row = row
        row += 1
        cell = self.fmt(border=1, border_color="#A6A6A6", text_wrap=True)
        for sheet in sheets:
            items = sheet.fields if isinstance(sheet, FieldSheet) else sheet.columns
            for item in items:
                label = item.label(lang) if isinstance(item, Field) else item.header(lang)
                required = item.required and not getattr(item, "locked", False)
                fill = REQUIRED_FILL if item.required else OPTIONAL_FILL
                write_text(ws, row, 0, sheet.name(lang), cell)
                write_text(ws, row, 1, label, self.fmt(border=1, border_color="#A6A6A6", text_wrap=True,
                                                        bg_color=fill))
                write_text(ws, row, 2, i18n.text("template.yes" if required else "template.no", lang), cell)
                write_text(ws, row, 3, _column_help(item, lang), cell)
                ws.set_row(row, _row_height([(sheet.name(lang), INSTRUCTION_WIDTHS[0], False),
                                             (label, INSTRUCTION_WIDTHS[1], False),
                                             (_column_help(item, lang), INSTRUCTION_WIDTHS[3], False)]))
                row += 1
        ws.repeat_rows(header_row)
        ws.protect("", {})


def _column_help(item: Column | Field, lang: str) -> str:
    """The schema's help, plus what the cell accepts when the help does not say it."""
    parts = [item.help(lang)]
    if isinstance(item, Column) and item.type is ColType.CHOICE:
        labels = " / ".join(c.label(lang) for c in LISTS[item.choices].choices)
        parts.append(i18n.text("template.choose", lang) + labels)
    elif isinstance(item, Field) and item.locked:
        parts.append(i18n.text("template.prefilled", lang))
    return " ".join(p for p in parts if p)


__all__ = ["write_group_workbook", "write_unit_workbook", "write_blank_templates", "write_group_workbooks",
           "unit_data_from_previous",
           "group_file_name", "CREATED"]
