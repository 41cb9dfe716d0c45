"""MergeResult -> the consolidated workbook `tong-hop-<year>.xlsx`.

Sheets: summary (one row per group, totals as auditable formulas written with
their values), all members, the four ledgers, the report tables, the findings
and the provenance of every input. The ledger sheets keep the group
template's headers (schema Column.vi / Column.en) behind a "Mã tổ"/"Tên tổ"
pair, and a hidden `unionxl` sheet names the kind of workbook, so the reader
can recognise and read this file at the next level's merge.

Nothing a group typed is ever interpreted: every string goes through
`write_string` (a member called `=HYPERLINK(...)` stays text), and the
workbook is opened with XlsxWriter's string conversions switched off as a
second guard. Output is reproducible: fixed document date, same cells for the
same inputs.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from .. import __version__, schema
from ..fileio import atomic_path
from ..fmt import percent
from ..merge import MergeResult
from ..previous import comparison_table, movement_table
from ..tables import ReportTable, Share, compute_figures, group_table, report_tables
from ..xlsx import write_text

CONSOLIDATED_KIND = schema.CONSOLIDATED_KIND
INFO_SHEET = schema.CONSOLIDATED_INFO_SHEET
FONT = "Times New Roman"
HEADER_FILL = "#DDEBF7"
TOTAL_FILL = "#F2F2F2"
TITLE_ROW, SUBTITLE_ROW, NOTE_ROW, HEADER_ROW = 0, 1, 2, 3  # 0-based; data from row 5 in Excel terms
WIDE_SHEET_CHARS = 100  # wider tables print landscape

SHEETS = {  # key -> (vi, en); names stay under Excel's 31 characters
    "summary": ("Tổng hợp", "Summary"),
    "members": (schema.MEMBERS.vi, schema.MEMBERS.en),
    "travel_fund": (schema.TRAVEL_FUND.vi, schema.TRAVEL_FUND.en),
    "mutual_fund": (schema.MUTUAL_FUND.vi, schema.MUTUAL_FUND.en),
    "loans": (schema.LOANS.vi, schema.LOANS.en),
    "welfare": (schema.WELFARE.vi, schema.WELFARE.en),
    "report": ("Báo cáo", "Report"),
    "kpis": (schema.KPI_SHEET.vi, schema.KPI_SHEET.en),
    "movements": ("Biến động đoàn viên", "Membership changes"),
    "findings": (schema.FINDINGS_SHEET.vi, schema.FINDINGS_SHEET.en),
    "sources": ("Nguồn", "Sources"),
}



def _l(lang: str, pair: tuple[str, str]) -> str:
    return pair[0] if lang == "vi" else pair[1]


def consolidated_name(year) -> str:
    return f"tong-hop-{year or 'nam'}.xlsx"


def write_consolidated(result: MergeResult, path: Path, lang: str = "vi") -> Path:
    """Write the consolidated workbook atomically and return its path."""
    path = Path(path)
    with atomic_path(path) as tmp:
        book = xlsxwriter.Workbook(str(tmp), {
            "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
            "constant_memory": True,  # rows are written in order: each is flushed to disk, not kept
        })
        writer = _Writer(book, result, lang)
        try:
            writer.write_all()
        finally:
            book.close()
        if writer.deferred:
            _append_ledger_rows(tmp, writer.deferred)
        share_like_others(tmp)
    return path


FAST_LEDGERS = True
"""Ledger rows as XML written straight into the saved file (about 10x faster than a cell at a time
through XlsxWriter at 100.000 members). False takes XlsxWriter's path; a test compares both."""


def _append_ledger_rows(path: Path, deferred: list["_Deferred"]) -> None:
    """Stream each deferred ledger's rows into its sheet part, copying every other part as it is."""
    by_part = {d.part: d for d in deferred}
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=".unionxl-", suffix=".xlsx")
    os.close(fd)
    try:
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp_name, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                data = src.read(info)
                ledger = by_part.get(info.filename)
                if ledger is None:
                    dst.writestr(info, data)
                    continue
                head, sep, tail = data.partition(b"</sheetData>")
                if not sep:
                    raise ValueError(f"{info.filename}: no sheetData")  # our own XlsxWriter output: a bug
                head = _DIMENSION.sub(f'<dimension ref="A1:{ledger.last_cell}"/>'.encode(), head, count=1)
                target = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                target.compress_type = zipfile.ZIP_DEFLATED
                with dst.open(target, "w", force_zip64=True) as out:
                    out.write(head)
                    for chunk in ledger.xml_chunks():
                        out.write(chunk)
                    out.write(sep + tail)
        os.replace(tmp_name, path)
    finally:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)


_DIMENSION = re.compile(rb'<dimension ref="[^"]*"/>')
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def _xml_text(text: str) -> str:
    """Escape text for <t>, the way Excel and XlsxWriter do (control characters as _xHHHH_)."""
    if _CONTROL.search(text):
        text = _CONTROL.sub(lambda m: "_x005F" + m.group() if m.group().startswith("_x")
                            else f"_x{ord(m.group()):04X}_", text)
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


class _Deferred:
    """One ledger's rows, to be written as XML once XlsxWriter has saved the workbook."""

    def __init__(self, part: str, first_row: int, columns: list, rows: list, values, styles: dict[str, int]):
        self.part, self.first_row, self.columns, self.rows = part, first_row, columns, rows
        self.values = values  # (book, row) -> list of cell values in column order
        self.styles = styles
        self.last_cell = f"{xl_col_to_name(len(columns) - 1)}{first_row + len(rows)}"

    def xml_chunks(self, rows_per_chunk: int = 2000):
        letters = [xl_col_to_name(c) for c in range(len(self.columns))]
        kinds = ["amount" if col.type == schema.ColType.AMOUNT else "int" for col in self.columns]
        s_text, s_date = self.styles["text"], self.styles["date"]
        s_num = [self.styles[k] for k in kinds]
        parts: list[str] = []
        for n, item in enumerate(self.rows, self.first_row + 1):  # Excel's 1-based row number
            parts.append(f'<row r="{n}">')
            for c, value in enumerate(self.values(item, n - 1)):
                if value is None:
                    continue
                ref = f"{letters[c]}{n}"
                if value.__class__ is str:
                    space = ' xml:space="preserve"' if value[:1].isspace() or value[-1:].isspace() else ""
                    parts.append(f'<c r="{ref}" s="{s_text}" t="inlineStr"><is><t{space}>{_xml_text(value)}</t></is></c>')
                elif value.__class__ is int or value.__class__ is float:
                    parts.append(f'<c r="{ref}" s="{s_num[c]}"><v>{value}</v></c>')
                elif isinstance(value, dt.datetime):
                    serial = (value - dt.datetime(1899, 12, 30)).total_seconds() / 86400
                    parts.append(f'<c r="{ref}" s="{s_date}"><v>{serial:.16g}</v></c>')
                elif isinstance(value, dt.date):
                    days = (value - _EXCEL_EPOCH).days
                    days -= days <= 60  # Excel counts a 29/02/1900 that never was
                    parts.append(f'<c r="{ref}" s="{s_date}"><v>{days}</v></c>')
                else:
                    text = _xml_text(str(value))
                    parts.append(f'<c r="{ref}" s="{s_text}" t="inlineStr"><is><t>{text}</t></is></c>')
            parts.append("</row>")
            if len(parts) > rows_per_chunk * 8:
                yield "".join(parts).encode("utf-8")
                parts.clear()
        if parts:
            yield "".join(parts).encode("utf-8")


def share_like_others(path: Path) -> None:
    """A temporary file is private (0600); the output should be as readable as any file the user saves."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


class _Writer:
    def __init__(self, book: xlsxwriter.Workbook, result: MergeResult, lang: str) -> None:
        self.book, self.result, self.lang = book, result, lang
        self.deferred: list[_Deferred] = []  # ledgers whose rows are written after XlsxWriter saves
        self.dataset, self.report = result.dataset, result.report
        self.figures = compute_figures(self.dataset)
        year = self.dataset.year or dt.date.today().year
        book.set_properties({
            "title": self._t("Tổng hợp số liệu công đoàn", "Consolidated union figures") + f" {self.dataset.year or ''}",
            "subject": self.figures.unit_name, "author": "unionxl", "company": self.figures.unit_name,
            "comments": f"unionxl {__version__}", "created": dt.datetime(year, 1, 1),
        })
        base = {"font_name": FONT, "font_size": 11, "valign": "top"}
        self.fmt = {
            "text": book.add_format({**base, "num_format": "@"}),
            "wrap": book.add_format({**base, "num_format": "@", "text_wrap": True}),
            "int": book.add_format({**base, "num_format": "#,##0"}),
            "amount": book.add_format({**base, "num_format": "#,##0"}),
            "delta": book.add_format({**base, "num_format": "+#,##0;-#,##0;0"}),
            "date": book.add_format({**base, "num_format": "dd/mm/yyyy", "align": "left"}),
            "title": book.add_format({**base, "bold": True, "font_size": 14}),
            "subtitle": book.add_format({**base, "italic": True}),
            "section": book.add_format({**base, "bold": True, "font_size": 12}),
            "header": book.add_format({**base, "bold": True, "bg_color": HEADER_FILL, "border": 1,
                                       "text_wrap": True, "align": "center", "valign": "vcenter"}),
            "total_label": book.add_format({**base, "bold": True, "bg_color": TOTAL_FILL, "top": 1,
                                            "num_format": "@"}),
            "total_int": book.add_format({**base, "bold": True, "bg_color": TOTAL_FILL, "top": 1,
                                          "num_format": "#,##0"}),
            "total_amount": book.add_format({**base, "bold": True, "bg_color": TOTAL_FILL, "top": 1,
                                             "num_format": "#,##0"}),
        }
        # One percent format per number of decimals, so Excel shows what fmt.percent prints:
        # 39,1% / 16% / 0,65%.
        self.pct = {d: book.add_format({**base, "num_format": "0" + ("." + "0" * d if d else "") + "%"})
                    for d in (0, 1, 2)}
        self.pct_total = {d: book.add_format({**base, "bold": True, "bg_color": TOTAL_FILL, "top": 1,
                                              "num_format": "0" + ("." + "0" * d if d else "") + "%"})
                          for d in (0, 1, 2)}

    def _t(self, vi: str, en: str) -> str:
        return vi if self.lang == "vi" else en

    def name(self, key: str) -> str:
        return _l(self.lang, SHEETS[key])

    # ------------------------------------------------------------- cells

    def put(self, ws, row: int, col: int, value: Any, kind: str = "text", total: bool = False) -> None:
        """Write one value by its Python type; a str is always a string cell."""
        if value is None:
            ws.write_blank(row, col, None, self.fmt["total_label"] if total else None)
        elif isinstance(value, Share):
            share = value.value
            if share is None:
                ws.write_blank(row, col, None)
            else:
                fmts = self.pct_total if total else self.pct
                ws.write_number(row, col, share, fmts[_decimals(value)])
        elif isinstance(value, str):
            write_text(ws, row, col, value, self.fmt["total_label" if total else ("wrap" if kind == "wrap" else "text")])
        elif isinstance(value, bool):
            ws.write_boolean(row, col, value)
        elif isinstance(value, (int, float)):
            fmt = ("total_amount" if kind == "amount" else "total_int") if total else (
                kind if kind in ("amount", "delta") else "int")
            ws.write_number(row, col, value, self.fmt[fmt])
        elif isinstance(value, dt.datetime):
            ws.write_datetime(row, col, value, self.fmt["date"])
        elif isinstance(value, dt.date):
            ws.write_datetime(row, col, dt.datetime.combine(value, dt.time()), self.fmt["date"])
        else:
            write_text(ws, row, col, str(value), self.fmt["text"])

    def head(self, ws, title: str, headers: list[str], widths: list[float], rows: int,
             subtitle: str | None = None, note: str = "") -> None:
        """Title, subtitle, header row; frozen, filtered, printable."""
        write_text(ws, TITLE_ROW, 0, title, self.fmt["title"])
        write_text(ws, SUBTITLE_ROW, 0, subtitle if subtitle is not None else self.subtitle(), self.fmt["subtitle"])
        if note:
            write_text(ws, NOTE_ROW, 0, note, self.fmt["subtitle"])
        for c, (text, width) in enumerate(zip(headers, widths)):
            write_text(ws, HEADER_ROW, c, text, self.fmt["header"])
            ws.set_column(c, c, width)
        ws.set_row(HEADER_ROW, 30 if max(len(h) for h in headers) > 12 else None)
        ws.freeze_panes(HEADER_ROW + 1, 0)
        ws.autofilter(HEADER_ROW, 0, HEADER_ROW + max(rows, 1), len(headers) - 1)
        self.print_setup(ws, sum(widths), HEADER_ROW)

    def print_setup(self, ws, width: float, header_row: int | None) -> None:
        ws.set_paper(9)  # A4
        if width > WIDE_SHEET_CHARS:
            ws.set_landscape()
        ws.fit_to_pages(1, 0)
        ws.set_margins(left=0.5, right=0.4, top=0.6, bottom=0.6)
        if header_row is not None:
            ws.repeat_rows(header_row)
        ws.set_footer("&C&P / &N")

    def subtitle(self) -> str:
        unit = self.figures.unit_name or "?"
        return f"{unit} — {self._t('năm', 'year')} {self.dataset.year or '?'}"

    # ------------------------------------------------------------- sheets

    def write_all(self) -> None:
        self.summary()
        self.members()
        for sheet in (schema.TRAVEL_FUND, schema.MUTUAL_FUND, schema.LOANS, schema.WELFARE):
            self.ledger(sheet)
        self.tables()
        if self.result.comparison is not None:
            self.movements()
        self.findings()
        self.sources()
        self.info()

    def summary(self) -> None:
        table = group_table(self.dataset, self.figures, self.lang, self.report)
        ws = self.book.add_worksheet(self.name("summary"))
        widths = [9, 34] + [14 if kind == "amount" else 11 for kind in table.kinds[2:]]
        groups, totals = table.rows[:-1], table.rows[-1]
        n = len(groups)
        received = f"{self.figures.groups}/{self.figures.groups_expected}"
        if self.dataset.level == schema.LEVEL_UNIT:
            title = self._t("TỔNG HỢP SỐ LIỆU THEO TỔ CÔNG ĐOÀN", "FIGURES BY UNION GROUP")
            note = self._t(f"{received} tổ đã nộp biểu mẫu; dòng cộng là công thức, có thể kiểm tra lại trong Excel.",
                           f"{received} groups sent their workbook; the totals row holds formulas Excel can audit.")
        else:
            title = self._t("TỔNG HỢP SỐ LIỆU THEO CÔNG ĐOÀN CƠ SỞ", "FIGURES BY GRASSROOTS UNION")
            note = self._t(f"{self.figures.groups} bản tổng hợp ({self.figures.units} CĐCS, "
                           f"{self.figures.union_groups} tổ công đoàn); dòng cộng là công thức, có thể kiểm tra "
                           "lại trong Excel.",
                           f"{self.figures.groups} consolidated workbooks ({self.figures.units} unions, "
                           f"{self.figures.union_groups} groups); the totals row holds formulas Excel can audit.")
        self.head(ws, title, table.headers, widths, n, note=note)
        first = HEADER_ROW + 1
        for r, values in enumerate(groups, first):
            for c, (value, kind) in enumerate(zip(values, table.kinds)):
                self.put(ws, r, c, value, kind)
        # The totals row: formulas Excel can audit, each written with the value tables computed,
        # so a reader that does not calculate (LibreOffice preview, openpyxl) still sees the figure.
        total_row = first + n
        for c, (value, kind) in enumerate(zip(totals, table.kinds)):
            if kind == "text" or not n:
                self.put(ws, total_row, c, value, kind, total=True)
                continue
            top, bottom = xl_rowcol_to_cell(first, c), xl_rowcol_to_cell(total_row - 1, c)
            ws.write_formula(total_row, c, f"=SUM({top}:{bottom})",
                             self.fmt["total_amount" if kind == "amount" else "total_int"], value)
        ws.freeze_panes(HEADER_ROW + 1, 2)

    def members(self) -> None:
        self.ledger(schema.MEMBERS)

    def ledger(self, sheet: schema.TableSheet) -> None:
        """All accepted rows of one group sheet, behind where each comes from (the group; from the sector
        level on also the CĐCS), with their source file and row."""
        key = sheet.key
        ws = self.book.add_worksheet(self.name(key))
        layout = schema.ledger_sheet(sheet, self.dataset.level)
        headers = [col.header(self.lang) for col in layout.columns]
        widths = [col.width for col in layout.columns]
        rows = list(self.dataset.rows(key))
        self.head(ws, sheet.title(self.lang), headers, widths, len(rows))
        columns = layout.columns

        # Per column, once: where its value comes from. This runs for every cell of every ledger.
        origin_index = {"origin_unit": 0, "origin_group_code": 1, "origin_group_name": 2}
        textual = (schema.ColType.CCCD, schema.ColType.TEXT, schema.ColType.NAME)
        plan = []
        for col in columns:
            if col.key in origin_index:
                plan.append(("origin", origin_index[col.key], None))
            elif col.key in ("source_file", "source_row", "stt"):
                plan.append((col.key, None, None))
            elif col.choices:
                labels = {c.key: c.label(self.lang) for c in schema.LISTS[col.choices].choices}
                plan.append(("choice", col.key, labels))
            else:
                plan.append(("text" if col.type in textual else "value", col.key, None))
        per_book_origin = self.dataset.level == schema.LEVEL_UNIT  # the same for every row of a book
        origins: dict[int, tuple] = {}

        def values(item, r: int) -> list:
            book, row = item
            if per_book_origin:
                origin = origins.get(id(book))
                if origin is None:
                    origin = origins[id(book)] = self.dataset.origin(book, row)
            else:
                origin = self.dataset.origin(book, row)
            got = row.values.get
            out = []
            for how, key, labels in plan:
                if how == "value":
                    out.append(got(key))
                elif how == "choice":
                    value = got(key)
                    out.append(labels.get(value, value) if isinstance(value, str) else value)
                elif how == "text":
                    value = got(key)
                    out.append(value if value is None or value.__class__ is str else str(value))
                elif how == "origin":
                    out.append(origin[key])
                elif how == "source_file":
                    out.append(book.display)
                elif how == "source_row":
                    out.append(row.number)
                else:  # stt: the consolidated list's own numbering
                    out.append(r - HEADER_ROW)
            return out

        if FAST_LEDGERS and rows:
            part = f"xl/worksheets/sheet{self.book.worksheets().index(ws) + 1}.xml"
            # Registering the formats now gives them the style numbers XlsxWriter will save.
            styles = {kind: self.fmt[kind]._get_xf_index() for kind in ("text", "int", "amount", "date")}
            self.deferred.append(_Deferred(part, HEADER_ROW + 1, list(columns), rows, values, styles))
        else:
            for r, item in enumerate(rows, HEADER_ROW + 1):
                for c, (col, value) in enumerate(zip(columns, values(item, r))):
                    self.put(ws, r, c, value, "amount" if col.type == schema.ColType.AMOUNT else "text")
        origin = len(layout.columns) - len(sheet.columns) - 2  # the columns saying where a row comes from
        ws.freeze_panes(HEADER_ROW + 1, origin + (2 if key != "welfare" else 0))

    def tables(self) -> None:
        """Tables (a)-(d) stacked on one sheet; the KPI table gets its own sheet (long texts need wide
        columns), and the per-group table is the summary sheet."""
        tables = report_tables(self.dataset, self.lang, self.report)
        ws = self.book.add_worksheet(self.name("report"))
        stacked = [t for t in tables if t.key not in ("kpis", "groups")]
        if self.result.comparison is not None:
            stacked.append(comparison_table(self.result.comparison, self.lang))
        columns = max(len(t.headers) for t in stacked)
        widths = [50] + [14] * (columns - 1)
        for c, width in enumerate(widths):
            ws.set_column(c, c, width)
        write_text(ws, TITLE_ROW, 0, self._t("CÁC BẢNG SỐ LIỆU BÁO CÁO", "REPORT TABLES"), self.fmt["title"])
        write_text(ws, SUBTITLE_ROW, 0, self.subtitle(), self.fmt["subtitle"])
        write_text(ws, NOTE_ROW, 0, self._t(f"Bảng 5 ở trang '{self.name('kpis')}', bảng 6 ở trang "
                                             f"'{self.name('summary')}'.",
                                             f"Table 5 is on sheet '{self.name('kpis')}', table 6 on sheet "
                                             f"'{self.name('summary')}'."), self.fmt["subtitle"])
        r = NOTE_ROW + 2
        for table in stacked:
            r = self.report_table(ws, r, table) + 1
        self.print_setup(ws, sum(widths), None)
        for table in tables:
            if table.key == "kpis":
                self.kpis(table)

    def kpis(self, table: ReportTable) -> None:
        ws = self.book.add_worksheet(self.name("kpis"))
        widths = [6, 48, 48, 12]
        self.head(ws, table.title.split(". ", 1)[-1].upper(), table.headers, widths, len(table.rows))
        for r, values in enumerate(table.rows, HEADER_ROW + 1):
            for c, (value, kind) in enumerate(zip(values, table.kinds)):
                self.put(ws, r, c, value, "wrap" if kind == "text" else kind)
            # Row heights are not recomputed by every spreadsheet on opening: size wrapped rows here.
            lines = max(_lines(str(v or ""), w) for v, w in zip(values, widths))
            ws.set_row(r, 15 * lines)

    def report_table(self, ws, r: int, table: ReportTable) -> int:
        """One report table from row r; returns the next free row."""
        write_text(ws, r, 0, table.title, self.fmt["section"])
        r += 1
        for c, text in enumerate(table.headers):
            write_text(ws, r, c, text, self.fmt["header"])
        ws.set_row(r, 30)
        last = len(table.rows) - 1
        for values in table.rows:
            r += 1
            total = table.total_row and values is table.rows[last]
            for c, (value, kind) in enumerate(zip(values, table.kinds)):
                self.put(ws, r, c, value, "wrap" if kind == "text" and c else kind, total)
        return r + 1

    def movements(self) -> None:
        """Members who joined or left since last year's consolidated workbook, matched by CCCD."""
        table = movement_table(self.result.comparison, self.lang, self.dataset.level != schema.LEVEL_UNIT)
        ws = self.book.add_worksheet(self.name("movements"))
        widths = [22, 26, 15, *([30] if len(table.headers) == 6 else []), 8, 32]
        comparison = self.result.comparison
        note = self._t(f"So với bản tổng hợp năm {comparison.previous_year} ('{comparison.previous_file}'): "
                       f"{len(comparison.left)} không còn tên, {len(comparison.joined)} mới có tên.",
                       f"Against the {comparison.previous_year} workbook ('{comparison.previous_file}'): "
                       f"{len(comparison.left)} left, {len(comparison.joined)} new.")
        self.head(ws, table.title.split(". ", 1)[-1].upper(), table.headers, widths, len(table.rows), note=note)
        for r, values in enumerate(table.rows, HEADER_ROW + 1):
            for c, value in enumerate(values):
                self.put(ws, r, c, value)

    def findings(self) -> None:
        ws = self.book.add_worksheet(self.name("findings"))
        layout = schema.FINDINGS_SHEET
        headers = [col.header(self.lang) for col in layout.columns]
        widths = [col.width for col in layout.columns]
        findings = self.report.sorted()
        counts = self._t(f"{self.report.errors} lỗi, {self.report.warnings} cảnh báo",
                         f"{self.report.errors} errors, {self.report.warnings} warnings")
        self.head(ws, layout.title(self.lang), headers, widths, len(findings), note=counts)
        for r, f in enumerate(findings, HEADER_ROW + 1):
            d = f.to_dict(self.lang)
            for c, value in enumerate((f.severity.label(self.lang), f.code, f.group, f.file, f.sheet, f.cell,
                                       d["value"], d["message"])):
                self.put(ws, r, c, value, "wrap" if c == 7 else "text")

    def sources(self) -> None:
        ws = self.book.add_worksheet(self.name("sources"))
        headers = [self._t(*p) for p in (("Tệp", "File"), ("Loại", "Kind"), ("Tổ", "Group"),
                                         ("Dòng đọc", "Rows read"), ("Dòng nhận", "Rows accepted"),
                                         ("Dòng loại", "Rows rejected"), ("SHA-256", "SHA-256"))]
        widths = [36, 12, 7, 10, 10, 10, 68]
        files = self.report.files
        self.head(ws, self._t("NGUỒN SỐ LIỆU", "SOURCES"), headers, widths, len(files),
                  note=self._t("Mỗi tệp đầu vào, mã kiểm tra SHA-256 và số dòng đọc = nhận + loại.",
                               "Every input file, its SHA-256 checksum, and rows read = accepted + rejected."))
        kinds = {"group": ("Tổ", "Group"), "unit": ("Đơn vị", "Unit"), "skipped": ("Bỏ qua", "Skipped"),
                 "rejected": ("Bị loại", "Rejected"), "consolidated": ("Bản tổng hợp", "Consolidated")}
        r = HEADER_ROW
        for r, rec in enumerate(files, HEADER_ROW + 1):
            for c, value in enumerate((rec.display, _l(self.lang, kinds.get(rec.kind, (rec.kind, rec.kind))),
                                       rec.group, rec.rows_read, rec.rows_accepted, rec.rows_rejected, rec.sha256)):
                self.put(ws, r, c, value, "int")
        # The row account per sheet kind: read = accepted + rejected, with the check as a formula.
        r += 2
        write_text(ws, r, 0, self._t("Đối chiếu số dòng theo trang", "Row account by sheet"), self.fmt["section"])
        r += 1
        for c, text in enumerate([self._t(*p) for p in (("Trang", "Sheet"), ("", ""), ("", ""),
                                                         ("Đọc", "Read"), ("Nhận", "Accepted"),
                                                         ("Loại", "Rejected"), ("Đọc = nhận + loại", "Read = accepted + rejected"))]):
            write_text(ws, r, c, text, self.fmt["header"])
        for key, account in self.report.account.items():
            r += 1
            self.put(ws, r, 0, schema.table_sheet(key).name(self.lang))
            for c, value in ((3, account.read), (4, account.accepted), (5, account.rejected)):
                self.put(ws, r, c, value, "int")
            ok, bad = self._t("Khớp", "OK"), self._t("Lệch", "MISMATCH")
            read, accepted, rejected = (xl_rowcol_to_cell(r, c) for c in (3, 4, 5))
            ws.write_formula(r, 6, f'=IF({read}={accepted}+{rejected},"{ok}","{bad}")', self.fmt["text"],
                             ok if account.read == account.accepted + account.rejected else bad)

    def info(self) -> None:
        """Hidden key-value sheet laid out like the template's info sheets, so the next level's roll-up
        recognises this file and reads what its rows cannot tell (opening balance, rates, counts)."""
        ws = self.book.add_worksheet(INFO_SHEET)
        layout = schema.CONSOLIDATED_INFO
        write_text(ws, 0, 0, layout.title(self.lang), self.fmt["title"])
        write_text(ws, 1, 0, self._t("Mục", "Item"), self.fmt["header"])
        write_text(ws, 1, 1, self._t("Giá trị", "Value"), self.fmt["header"])
        info, f = self.dataset.unit_info, self.figures
        values = {
            "kind": CONSOLIDATED_KIND, "template_version": schema.TEMPLATE_VERSION, "year": self.dataset.year,
            "unit_name": info.get("unit_name") or "", "superior_name": info.get("superior_name") or "",
            "level": self.dataset.level, "mutual_opening_balance": f.mutual_fund.opening_balance,
            "new_members": f.new_members, "units": f.units, "groups": f.union_groups,
            "members": f.members, "errors": self.report.errors,
            **{k: self.dataset.policy.get(k) for k in schema.POLICY_DEFAULTS},
            "tool": f"unionxl {__version__}",
        }
        for r, fld in enumerate(layout.fields, schema.FIELD_FIRST_ROW - 1):
            write_text(ws, r, 0, fld.label(self.lang), self.fmt["text"])
            self.put(ws, r, 1, values.get(fld.key), "int")
        ws.set_column(0, 0, 40)
        ws.set_column(1, 1, 50)
        ws.hide()


def _lines(text: str, width: float) -> int:
    """Lines a wrapped cell of this width (in characters) needs, roughly."""
    per_line = max(int(width * 1.1), 1)
    return max(1, sum(-(-len(part) // per_line) or 1 for part in text.split("\n")))


def _decimals(share: Share) -> int:
    """How many decimals fmt.percent shows for this share (0, 1 or 2)."""
    text = percent(share.part, share.whole, "en").rstrip("%")
    return len(text.split(".")[1]) if "." in text else 0
