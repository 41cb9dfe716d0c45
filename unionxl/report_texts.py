"""The executive committee's own text for the annual report.

The unit workbook's sheet 'Nội dung báo cáo' (schema.REPORT_TEXTS) has one row
per section the committee writes (schema.REPORT_SECTIONS), its number and
heading written by the tool, a cell for the text and a status; under a section
come the few figures the seed states in that section's prose (labour accidents,
a contest's result) as typed cells, and last the report's recipients. The
consolidated workbook carries the same sheet, so the sector union and next
year's template read the texts back with the same reader.

Texts keep their line breaks: each line becomes a paragraph of the report, and
lines starting with "-" or "+" stay the bullets the committee wrote.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Callable

from . import i18n, schema
from .findings import Finding
from .model import FieldsData, Row, SheetData, column_letter
from .textnorm import fold

TEXT_ROWS_KEY = schema.REPORT_TEXTS.key
FACTS_KEY = "report_facts"

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")


@dataclass
class ReportTexts:
    """What the committee wrote, by section key; blank sections are absent from `texts`."""

    texts: dict[str, str] = field(default_factory=dict)
    previous: set[str] = field(default_factory=set)  # sections still marked as last year's
    facts: dict[str, Any] = field(default_factory=dict)
    recipients: list[str] = field(default_factory=list)
    present: bool = True  # False when the workbook has no report sheet at all


def clean_long_text(raw: Any) -> str:
    """A committee's text as typed, tidied but with its line breaks: spaces folded inside each
    line, invisible characters dropped, blank lines at either end removed and runs of them cut to one."""
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = unicodedata.normalize("NFC", str(raw)).translate(_INVISIBLE)
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    return "\n".join(kept)


def heading_names(year: int | None, superior: str, lang: str) -> dict[str, Any]:
    """What a section heading may name: the year, the next, the lunar year, the superior union."""
    from .writers.report_docx import lunar_year_name  # the report owns the lunar calendar

    fallback = i18n.text("report.superior_in_heading", lang)
    return {"year": year or "…", "next_year": (year + 1) if year else "…",
            "lunar": lunar_year_name(year) if year else "", "superior": superior or fallback}


def written_sections(level: str = schema.LEVEL_UNIT) -> list[schema.ReportSection]:
    return [s for s in schema.report_sections(level) if s.written]


# ------------------------------------------------------------------ writing


def sheet_rows(lang: str, names: dict[str, Any], texts: ReportTexts | None = None,
               mark_previous: bool = False) -> list[dict[str, Any]]:
    """The sheet's rows, in report order: a text row per written section, its fact rows, then
    the recipients. `mark_previous`: the texts are last year's, to be revised."""
    texts = texts or ReportTexts()
    rows: list[dict[str, Any]] = []
    for section in written_sections():
        text = texts.texts.get(section.key) or None
        status = None
        if text and (mark_previous or section.key in texts.previous):
            status = schema.TEXT_STATUS.label("previous", lang)
        rows.append({"kind": "text", "section": section.number, "heading": section.heading(lang, **names),
                     "text": text, "status": status})
        for fact in section.facts:
            rows.append({"kind": "fact", "section": section.number, "heading": fact.header(lang),
                         "text": texts.facts.get(fact.key), "column": fact})
    recipients = "\n".join(texts.recipients) or None
    rows.append({"kind": "recipients", "section": "", "heading": i18n.text("report.recipients_label", lang),
                 "text": recipients, "status": None})
    return rows


def fact_display(fact: schema.Column, value: Any, lang: str) -> Any:
    """A fact as its cell shows it: a list key becomes its label."""
    if value is not None and fact.type is schema.ColType.CHOICE:
        return schema.LISTS[fact.choices].label(value, lang)
    return value


LINE_POINTS, CHARS_PER_LINE = 15.0, 95  # Times New Roman 11 in a 90-wide column, cautiously
BLANK_TEXT_HEIGHT = 90.0  # room to write in
MAX_ROW_HEIGHT = 409.0  # Excel's limit


def write_sheet(wb, ws, lang: str, rows: list[dict[str, Any]], title: str, *,
                fmt: Callable[..., Any], validation: Callable[[schema.Column], dict | None] | None = None,
                editable: bool = True) -> None:
    """Lay the rows out on `ws` (an XlsxWriter worksheet): title, hint, header, then one row each.

    `fmt(**props)` makes a format; `validation(column)` gives a cell's data validation (the
    template's, so the figure cells accept what every other cell of that type accepts)."""
    from .xlsx import write_text  # our one way of writing a string that never becomes a formula

    sheet = schema.REPORT_TEXTS
    cols = sheet.columns
    for c, col in enumerate(cols):
        ws.set_column(c, c, col.width)
    title_fmt = fmt(bold=True, font_size=13, align="center", valign="vcenter")
    ws.merge_range(0, 0, 0, len(cols) - 1, "", title_fmt)
    write_text(ws, 0, 0, title, title_fmt)
    ws.set_row(0, 22)
    hint = i18n.text("report.texts_hint", lang)
    hint_fmt = fmt(italic=True, font_size=10, font_color="#595959", valign="vcenter", text_wrap=True)
    ws.merge_range(1, 0, 1, len(cols) - 1, "", hint_fmt)
    write_text(ws, 1, 0, hint, hint_fmt)
    ws.set_row(1, 30)
    header = schema.HEADER_ROW - 1
    head_fmt = fmt(bold=True, text_wrap=True, align="center", valign="vcenter", border=1, bg_color="#DDEBF7")
    for c, col in enumerate(cols):
        write_text(ws, header, c, col.header(lang), head_fmt)
    ws.set_row(header, 32)

    grey = "#E7E6E6"
    locked = fmt(bg_color=grey, border=1, border_color="#A6A6A6", text_wrap=True, num_format="@")
    locked_bold = fmt(bg_color=grey, border=1, border_color="#A6A6A6", text_wrap=True, bold=True, num_format="@")
    locked_italic = fmt(bg_color=grey, border=1, border_color="#A6A6A6", text_wrap=True, italic=True,
                        num_format="@")
    entry = {"locked": not editable, "border": 1, "border_color": "#A6A6A6", "text_wrap": True}
    text_fmt = fmt(num_format="@", **entry)
    status_fmt = fmt(num_format="@", **entry)
    status_col = schema.REPORT_TEXTS.column("status")
    status_list = schema.TEXT_STATUS
    r = header
    for row in rows:
        r += 1
        write_text(ws, r, 0, row["section"], locked)
        kind = row["kind"]
        write_text(ws, r, 1, row["heading"], locked_italic if kind == "fact" else locked_bold)
        if kind == "fact":
            column: schema.Column = row["column"]
            value = fact_display(column, row["text"], lang)
            cell_fmt = fmt(num_format=schema.NUMBER_FORMATS[column.type], **entry)
            if isinstance(value, str):
                write_text(ws, r, 2, value, cell_fmt)
            elif value is None:
                ws.write_blank(r, 2, None, cell_fmt)
            else:
                ws.write_number(r, 2, value, cell_fmt)
            ws.write_blank(r, 3, None, locked)
            if validation and editable:
                options = validation(column)
                if options:
                    ws.data_validation(r, 2, r, 2, options)
            ws.set_row(r, 30)
            continue
        text = row["text"]
        if text:
            write_text(ws, r, 2, text, text_fmt)
        else:
            ws.write_blank(r, 2, None, text_fmt)
        if row.get("status"):
            write_text(ws, r, 3, row["status"], status_fmt)
        else:
            ws.write_blank(r, 3, None, status_fmt)
        if validation and editable and kind == "text":
            options = validation(status_col)
            if options:
                ws.data_validation(r, 3, r, 3, options)
        ws.set_row(r, _height(text, row["heading"]))
    del status_list
    ws.freeze_panes(header + 1, 2)
    ws.repeat_rows(header)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)


HEADING_CHARS_PER_LINE = 32  # bold, in the 34-wide heading column


def _height(text: str | None, heading: str) -> float:
    """Tall enough for the heading and the text, both wrapped: neither Excel nor LibreOffice grows a
    row for wrapped text on opening a generated file. A blank text gets room to write in."""
    heading_lines = max(1, -(-len(heading) // HEADING_CHARS_PER_LINE))
    if not text:
        return min(MAX_ROW_HEIGHT, max(BLANK_TEXT_HEIGHT, LINE_POINTS * heading_lines + 4))
    text_lines = sum(max(1, -(-len(line) // CHARS_PER_LINE)) for line in text.split("\n"))
    return min(MAX_ROW_HEIGHT, max(LINE_POINTS * max(text_lines, heading_lines) + 4, 32.0))


# ------------------------------------------------------------------ reading


def _by_number() -> dict[str, schema.ReportSection]:
    return {fold(s.number): s for s in written_sections()}


def read_sheet(calamine_book, name: str, display: str, findings: list[Finding] | None, group: str = "",
               scan=None) -> tuple[SheetData, FieldsData]:
    """The sheet's text rows (each accepted, or rejected with a finding) and its facts.

    With `findings` None (last year's or another union's workbook) nothing is reported: the
    texts are read for what they say."""
    from .reader import CellReader, find_header  # the reader's own cell rules for the typed facts

    sink: list[Finding] = [] if findings is None else findings
    grid = calamine_book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    data = SheetData(TEXT_ROWS_KEY, name)
    facts = FieldsData(FACTS_KEY, name)
    cells = CellReader(display, name, group, scan)
    found = find_header(grid, schema.REPORT_TEXTS)
    if found is None or "text" not in found[1]:
        cells.finding("header-missing", "A1", None,
                      expected=", ".join(c.vi for c in schema.REPORT_TEXTS.columns))
        sink.extend(cells.findings)
        return data, facts
    header_row, mapping, _unknown = found
    data.columns = mapping
    numbers = _by_number()
    recipient_labels = {fold(i18n.text("report.recipients_label", lang)) for lang in i18n.LANGS}
    width = max(mapping.values()) + 1
    seen: dict[str, int] = {}

    def at(row: list, key: str) -> Any:
        i = mapping.get(key)
        return row[i] if i is not None and i < len(row) else None

    for r in range(header_row + 1, len(grid)):
        row = grid[r]
        if len(row) < width:
            row = row + [""] * (width - len(row))
        number = r + 1
        section_raw = clean_long_text(at(row, "section")).rstrip(".")
        heading = clean_long_text(at(row, "heading"))
        raw_text = at(row, "text")
        text_cell = f"{column_letter(mapping['text'])}{number}"
        if fold(heading) in recipient_labels:
            lines = [line.lstrip("-+• ").rstrip(";.").strip() for line in clean_long_text(raw_text).split("\n")]
            facts.values["recipients"] = [line for line in lines if line]
            data.rows.append(Row(number, {"kind": "recipients", "text": clean_long_text(raw_text)}))
            continue
        section = numbers.get(fold(section_raw))
        text = clean_long_text(raw_text)
        if section is None:
            if text:  # content we cannot place: reject it loudly
                cells.finding("report-section-unknown", f"{column_letter(mapping.get('section', 0))}{number}",
                              section_raw or heading)
                data.rows.append(Row(number, {"kind": "text", "text": text}, accepted=False))
            continue
        fact = next((f for f in section.facts if fold(heading) in (fold(f.vi), fold(f.en))), None)
        if fact is not None:
            facts.cells[fact.key] = text_cell
            if raw_text is None or (isinstance(raw_text, str) and not raw_text.strip()):
                facts.values[fact.key] = None
                if findings is not None:
                    cells.finding("report-fact-missing", text_cell, None, section=section.number,
                                  label_vi=fact.vi, label_en=fact.en)
                continue
            value, ok = cells.read(raw_text, fact, text_cell, fact.vi)
            facts.values[fact.key] = value if ok else None
            data.rows.append(Row(number, {"kind": "fact", "key": fact.key, "value": value}, accepted=ok))
            continue
        status = None
        status_raw = at(row, "status")
        if status_raw not in (None, "") and "status" in mapping:
            status_cell = f"{column_letter(mapping['status'])}{number}"
            status, _ok = cells.read(status_raw, schema.REPORT_TEXTS.column("status"), status_cell,
                                     schema.REPORT_TEXTS.column("status").vi)
        seen[section.key] = number
        values = {"kind": "text", "key": section.key, "section": section.number, "text": text, "status": status}
        data.rows.append(Row(number, values))
        if findings is None:
            continue
        if not text:
            cells.finding("report-text-missing", text_cell, None, section=section.number,
                          **_headings(section, heading))
        elif status == "previous":
            cells.finding("report-text-previous", f"{column_letter(mapping['status'])}{number}",
                          schema.TEXT_STATUS.label("previous"), section=section.number,
                          **_headings(section, heading))
    if findings is not None:
        for section in written_sections():
            if section.key not in seen:  # a deleted row: the section is still never dropped silently
                cells.finding("report-text-missing", "", None, section=section.number,
                              **_headings(section, ""))
            for fact in section.facts:
                if fact.key not in facts.cells:
                    cells.finding("report-fact-missing", "", None, section=section.number,
                                  label_vi=fact.vi, label_en=fact.en)
    sink.extend(cells.findings)
    return data, facts


def _headings(section: schema.ReportSection, shown: str) -> dict[str, str]:
    """A finding quotes the heading as the workbook shows it (with its year); a deleted row, the schema's."""
    if shown:
        return {"heading_vi": shown, "heading_en": shown}
    return {f"heading_{lang}": section.heading(lang, year="…", next_year="…", lunar="…", superior="…")
            for lang in ("vi", "en")}


def read_into(calamine_book, sheet_names: dict[str, str], book, findings: list[Finding] | None, scans: dict,
              report_missing: bool = True) -> None:
    """Read the report sheet of `book` (a unit or consolidated workbook) into its tables and fields."""
    real = sheet_names.get(fold(schema.REPORT_TEXTS.vi)) or sheet_names.get(fold(schema.REPORT_TEXTS.en))
    if real is None:
        if findings is not None and report_missing:
            findings.append(Finding("report-sheet-missing", book.display, "", "", None,
                                    {"sheet_expected": schema.REPORT_TEXTS.vi}))
        return
    data, facts = read_sheet(calamine_book, real, book.display, findings, scan=scans.get(real) if scans else None)
    book.tables[TEXT_ROWS_KEY] = data
    book.fields[FACTS_KEY] = facts


def texts_of(book) -> ReportTexts:
    """The texts a unit (or consolidated) workbook holds, as the report uses them."""
    if book is None:
        return ReportTexts(present=False)
    texts = ReportTexts(present=TEXT_ROWS_KEY in book.tables)
    for row in book.tables[TEXT_ROWS_KEY].rows if texts.present else ():
        values = row.values
        if not row.accepted or values.get("kind") != "text" or not values.get("key"):
            continue
        if values.get("text"):
            texts.texts[values["key"]] = values["text"]
            if values.get("status") == "previous":
                texts.previous.add(values["key"])
    facts = book.fields.get(FACTS_KEY)
    if facts is not None:
        texts.facts = {k: v for k, v in facts.values.items() if k != "recipients"}
        texts.recipients = list(facts.values.get("recipients") or [])
    return texts


def read_texts(calamine_book, sheet_names: dict[str, str], display: str, scans: dict | None = None) -> ReportTexts:
    """What another workbook's report sheet says (last year's, a CĐCS's at sector level), no findings."""
    from .model import Workbook

    holder = Workbook(path=None, display=display)  # type: ignore[arg-type]  # a carrier, never a file
    read_into(calamine_book, sheet_names, holder, None, scans or {})
    return texts_of(holder)


SUMMED_FACTS = ("labour_accidents", "occupational_disease")
"""Facts a sector adds up over its CĐCS; a contest's prize does not add up."""


def summed_facts(texts: list[ReportTexts]) -> dict[str, int | None]:
    """Each summable fact over the CĐCS, or None when one of them has not given it."""
    sums: dict[str, int | None] = {}
    for key in SUMMED_FACTS:
        values = [t.facts.get(key) for t in texts]
        sums[key] = sum(values) if values and all(isinstance(v, int) for v in values) else None
    return sums


def add_consolidated_sheet(wb, dataset, lang: str) -> None:
    """The consolidated workbook's copy of the report sheet: what the committee wrote (a sector:
    its summed facts), for the sector union and for next year's template."""
    unit = dataset.unit
    info = dataset.unit_info
    texts = texts_of(unit)
    names = heading_names(dataset.year, info.get("superior_name") or "", lang)
    ws = wb.add_worksheet(schema.REPORT_TEXTS.name(lang))
    formats: dict[tuple, Any] = {}

    def fmt(**props):
        key = tuple(sorted(props.items()))
        if key not in formats:
            formats[key] = wb.add_format({"font_name": "Times New Roman", "font_size": 11, "valign": "top", **props})
        return formats[key]

    suffix = "".join(f" – {p}" for p in (info.get("unit_name"), dataset.year) if p)
    write_sheet(wb, ws, lang, sheet_rows(lang, names, texts), schema.REPORT_TEXTS.title(lang) + suffix,
                fmt=fmt, editable=False)
