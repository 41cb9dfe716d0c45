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
import time
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from .. import __version__, i18n, schema
from ..fileio import atomic_path
from ..fmt import percent
from ..merge import MergeResult
from ..previous import comparison_table, movement_table
from ..report_texts import add_consolidated_sheet
from ..tables import ReportTable, Share, compute_figures, group_table, report_tables
from ..findings import Finding
from ..xlsx import write_text
from ..xlsx.ledgers import Ledger, StreamError, stream_ledgers

CONSOLIDATED_KIND = schema.CONSOLIDATED_KIND
INFO_SHEET = schema.CONSOLIDATED_INFO_SHEET
FONT = "Times New Roman"
HEADER_FILL = "#DDEBF7"
TOTAL_FILL = "#F2F2F2"
TITLE_ROW, SUBTITLE_ROW, NOTE_ROW, HEADER_ROW = 0, 1, 2, 3  # 0-based; data from row 5 in Excel terms
WIDE_SHEET_CHARS = 100  # wider tables print landscape




def consolidated_name(year) -> str:
    return f"tong-hop-{year or 'nam'}.xlsx"


def write_consolidated(result: MergeResult, path: Path, lang: str = "vi") -> Path:
    """Write the consolidated workbook atomically and return its path.

    The ledgers' rows are streamed into the saved file (unionxl.xlsx.ledgers). Should that
    ever find the file other than it expects (a new XlsxWriter writing parts differently),
    the workbook is written again cell by cell, and a note on the findings sheet says so.
    """
    path = Path(path)
    with atomic_path(path) as tmp:
        ledgers = _save(result, tmp, lang, FAST_LEDGERS)
        _pause_for_tests()  # the temporary file is a workbook without its ledger rows: half-written
        try:
            stream_ledgers(tmp, ledgers, LEDGER_FORMATS)
        except StreamError as exc:
            result.report.add(Finding("output-slow-path", params={"output": path.name, "reason": str(exc)}))
            _save(result, tmp, lang, fast=False)
    return path


FAST_LEDGERS = True
"""Ledger rows as XML written straight into the saved file (about 10x faster than a cell at a time
through XlsxWriter at 100.000 members). False takes XlsxWriter's path; a test compares both."""

LEDGER_FORMATS = {"text": schema.NUMBER_FORMATS[schema.ColType.TEXT], "int": "#,##0", "amount": "#,##0",
                  "date": schema.NUMBER_FORMATS[schema.ColType.DATE]}
"""The number format of each kind of ledger column; unionxl.xlsx.ledgers checks styles.xml against it."""

PAUSE_ENV = "UNIONXL_TEST_PAUSE_IN_WRITE"
"""Test-only: a path. When set, the writer creates that file while the consolidated workbook's
temporary file holds everything but the ledger rows, then waits while that file exists, so a test
can kill the run at exactly that point instead of racing it (tests/test_security.py). Never set outside tests."""


def _pause_for_tests() -> None:
    flag = os.environ.get(PAUSE_ENV)
    if flag:
        Path(flag).touch()
        deadline = time.monotonic() + 300  # a test that forgets us must not hang CI for ever
        while Path(flag).exists() and time.monotonic() < deadline:
            time.sleep(0.05)


def _save(result: MergeResult, path: Path, lang: str, fast: bool) -> list[Ledger]:
    """XlsxWriter writes the workbook; with `fast`, ledger rows are left out and returned to stream."""
    book = xlsxwriter.Workbook(str(path), {
        "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
        "constant_memory": True,  # rows are written in order: each is flushed to disk, not kept
    })
    writer = _Writer(book, result, lang, fast)
    try:
        writer.write_all()
    finally:
        book.close()
    return writer.deferred


def share_like_others(path: Path) -> None:
    """A temporary file is private (0600); the output should be as readable as any file the user saves."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


class _Writer:
    def __init__(self, book: xlsxwriter.Workbook, result: MergeResult, lang: str, fast: bool = True) -> None:
        self.book, self.result, self.lang, self.fast = book, result, lang, fast
        # Sheet names and the ledgers are the schema's as it is now: a group sheet added there is a
        # ledger here, and the roll-up finds it.
        self.sheets = {key: (vi, en) for key, vi, en in schema.consolidated_sheets()}
        self.ledgers = schema.GROUP_SHEETS
        self.deferred: list[Ledger] = []  # ledgers whose rows are streamed after XlsxWriter saves
        self.dataset, self.report = result.dataset, result.report
        self.figures = compute_figures(self.dataset)
        year = self.dataset.year or dt.date.today().year
        book.set_properties({
            "title": i18n.text("workbook.consolidated_union_figures", self.lang) + f" {self.dataset.year or ''}",
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

    def file_kind(self, kind: str) -> str:
        key = f"workbook.file_kind.{kind}"
        return i18n.text(key, self.lang) if i18n.has(key) else kind

    def name(self, key: str) -> str:
        return schema.sheet_name(self.sheets[key], self.lang)

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
        return f"{unit} — {i18n.text('workbook.year', self.lang)} {self.dataset.year or '?'}"

    # ------------------------------------------------------------- sheets

    def write_all(self) -> None:
        self.summary()
        for sheet in self.ledgers:
            self.ledger(sheet)
        self.tables()
        add_consolidated_sheet(self.book, self.dataset, self.lang)  # the committee's text, for the next level
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
            title = i18n.text("workbook.figures_by_union_group", self.lang)
            note = i18n.text("workbook.groups_note", self.lang).format(received=received)
        else:
            title = i18n.text("workbook.figures_by_grassroots_union", self.lang)
            note = i18n.text("workbook.units_note", self.lang).format(
                groups=self.figures.groups, units=self.figures.units, union_groups=self.figures.union_groups)
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
        # Each column carries the format of its kind: a row typed in later gets it, and the fast
        # path reads the style numbers back from these <col> definitions in the saved file.
        kinds = [_LEDGER_KIND.get(col.type, "text") for col in columns]
        for c, (kind, width) in enumerate(zip(kinds, widths)):
            ws.set_column(c, c, width, self.fmt[kind])

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

        if self.fast and rows:
            self.deferred.append(Ledger(ws.get_name(), HEADER_ROW + 1, kinds, rows, values))
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
        write_text(ws, TITLE_ROW, 0, i18n.text("workbook.report_tables", self.lang), self.fmt["title"])
        write_text(ws, SUBTITLE_ROW, 0, self.subtitle(), self.fmt["subtitle"])
        note = i18n.text("workbook.tables_note", self.lang).format(kpis=self.name("kpis"), summary=self.name("summary"))
        write_text(ws, NOTE_ROW, 0, note, self.fmt["subtitle"])
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
        note = i18n.text("workbook.movements_note", self.lang).format(
            previous_year=comparison.previous_year, previous_file=comparison.previous_file,
            left=len(comparison.left), joined=len(comparison.joined))
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
        counts = i18n.text("workbook.errors_warnings", self.lang).format(errors=self.report.errors,
                                                                           warnings=self.report.warnings)
        self.head(ws, layout.title(self.lang), headers, widths, len(findings), note=counts)
        for r, f in enumerate(findings, HEADER_ROW + 1):
            d = f.to_dict(self.lang)
            lines = _lines(d["message"], widths[7])
            if lines > 1:  # a wrapped message would spill over the next rows where the height is not set
                ws.set_row(r, 15 * lines)
            for c, value in enumerate((f.severity.label(self.lang), f.code, f.group, f.file, f.sheet, f.cell,
                                       d["value"], d["message"])):
                self.put(ws, r, c, value, "wrap" if c == 7 else "text")

    def sources(self) -> None:
        ws = self.book.add_worksheet(self.name("sources"))
        headers = [i18n.text(f"workbook.sources.{key}", self.lang)
                   for key in ("file", "kind", "group", "read", "accepted", "rejected", "sha256")]
        widths = [36, 12, 7, 10, 10, 10, 68]
        files = self.report.files
        self.head(ws, i18n.text("workbook.sources", self.lang), headers, widths, len(files),
                  note=i18n.text("workbook.sources_note", self.lang))
        r = HEADER_ROW
        for r, rec in enumerate(files, HEADER_ROW + 1):
            for c, value in enumerate((rec.display, self.file_kind(rec.kind),
                                       rec.group, rec.rows_read, rec.rows_accepted, rec.rows_rejected, rec.sha256)):
                self.put(ws, r, c, value, "int")
        # The row account per sheet kind: read = accepted + rejected, with the check as a formula.
        r += 2
        write_text(ws, r, 0, i18n.text("workbook.row_account_by_sheet", self.lang), self.fmt["section"])
        r += 1
        for c, key in enumerate(("sheet", "", "", "read", "accepted", "rejected", "balance")):
            text = i18n.text(f"workbook.account.{key}", self.lang) if key else ""
            write_text(ws, r, c, text, self.fmt["header"])
        for key, account in self.report.account.items():
            r += 1
            self.put(ws, r, 0, schema.table_sheet(key).name(self.lang))
            for c, value in ((3, account.read), (4, account.accepted), (5, account.rejected)):
                self.put(ws, r, c, value, "int")
            ok, bad = i18n.text("workbook.ok", self.lang), i18n.text("workbook.mismatch", self.lang)
            read, accepted, rejected = (xl_rowcol_to_cell(r, c) for c in (3, 4, 5))
            ws.write_formula(r, 6, f'=IF({read}={accepted}+{rejected},"{ok}","{bad}")', self.fmt["text"],
                             ok if account.read == account.accepted + account.rejected else bad)

    def info(self) -> None:
        """Hidden key-value sheet laid out like the template's info sheets, so the next level's roll-up
        recognises this file and reads what its rows cannot tell (opening balance, rates, counts)."""
        ws = self.book.add_worksheet(INFO_SHEET)
        layout = schema.CONSOLIDATED_INFO
        write_text(ws, 0, 0, layout.title(self.lang), self.fmt["title"])
        write_text(ws, 1, 0, i18n.text("workbook.item", self.lang), self.fmt["header"])
        write_text(ws, 1, 1, i18n.text("workbook.value", self.lang), self.fmt["header"])
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


_LEDGER_KIND = {schema.ColType.DATE: "date", schema.ColType.AMOUNT: "amount", schema.ColType.INT: "int"}


def _lines(text: str, width: float) -> int:
    """Lines a wrapped cell of this width (in characters) needs, roughly."""
    per_line = max(int(width * 1.1), 1)
    return max(1, sum(-(-len(part) // per_line) or 1 for part in text.split("\n")))


def _decimals(share: Share) -> int:
    """How many decimals fmt.percent shows for this share (0, 1 or 2)."""
    text = percent(share.part, share.whole, "en").rstrip("%")
    return len(text.split(".")[1]) if "." in text else 0
