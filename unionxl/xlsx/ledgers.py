"""Ledger rows streamed as XML into a workbook XlsxWriter has already saved.

Writing 100.000 members a cell at a time through XlsxWriter costs about ten times
what generating the same <row> elements as text does. So the consolidated
workbook is saved by XlsxWriter with each ledger's title, headers and column
formats only, and the rows are then streamed into those sheets here.

Everything this needs is read back from the saved file through public formats,
never from XlsxWriter's objects:

- which part holds a sheet: xl/workbook.xml names it, xl/_rels/workbook.xml.rels
  gives its target, [Content_Types].xml must call it a worksheet;
- which style number a cell of each kind gets: the writer gives every ledger
  column its format (`set_column(..., cell_format)`, public and useful in
  itself: a row typed into the workbook later gets the column's format), so the
  sheet's <col style="N"> holds the numbers, and xl/styles.xml must confirm that
  style N has the number format expected for that kind.

Anything unexpected raises `StreamError`; the caller then writes the workbook
the slow way and records why. The zip is rewritten with the public `zipfile`
API only, and the sheet part is edited with lxml (a real parser; the part is
small, since the rows are not in it yet).
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from lxml import etree
from openpyxl.styles.numbers import BUILTIN_FORMATS
from xlsxwriter.utility import xl_col_to_name

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
DOC_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
REL_OFFICE_DOCUMENT = DOC_REL_NS + "/officeDocument"
REL_STYLES = DOC_REL_NS + "/styles"

KINDS = ("text", "int", "amount", "date")
"""The kinds of cell a ledger holds; each needs one style number."""

_M = f"{{{MAIN_NS}}}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
_ROWS_MARK = "unionxl-ledger-rows"  # a comment put where the rows go, then split on


class StreamError(Exception):
    """The saved workbook is not as this module expects; write the rows the slow way."""


@dataclass
class Ledger:
    """One sheet's rows, to be written once the workbook is saved.

    `kinds[c]` is the kind of column c ('text', 'int', 'amount' or 'date');
    `values(item, r)` gives row item's cell values in column order (r: 0-based row).
    """
    sheet: str
    first_row: int  # 0-based, the first data row
    kinds: Sequence[str]
    rows: Sequence[Any]
    values: Callable[[Any, int], list]

    @property
    def last_cell(self) -> str:
        return f"{xl_col_to_name(len(self.kinds) - 1)}{self.first_row + len(self.rows)}"


# ------------------------------------------------------------------ reading the saved package


def _xml(archive: zipfile.ZipFile, part: str) -> etree._Element:
    try:
        return etree.fromstring(archive.read(part), _PARSER)
    except KeyError as exc:
        raise StreamError(f"missing part {part}") from exc
    except etree.XMLSyntaxError as exc:
        raise StreamError(f"{part}: {exc}") from exc


def _rels_part(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _resolve(source_part: str, target: str) -> str:
    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_part), target))


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Id -> (type, resolved part) for the relationships of `part` ('' for the package)."""
    root = _xml(archive, _rels_part(part) if part else "_rels/.rels")
    return {rel.get("Id"): (rel.get("Type"), _resolve(part, rel.get("Target", "")))
            for rel in root.iter(f"{{{PKG_REL_NS}}}Relationship") if rel.get("TargetMode") != "External"}


def workbook_part(archive: zipfile.ZipFile) -> str:
    main = [part for kind, part in _relationships(archive, "").values() if kind == REL_OFFICE_DOCUMENT]
    if len(main) != 1:
        raise StreamError("no single officeDocument relationship")
    return main[0]


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its worksheet part, as workbook.xml, its relationships and the content types say."""
    book = workbook_part(archive)
    rels = _relationships(archive, book)
    types = {o.get("PartName", "").lstrip("/").lower(): o.get("ContentType")
             for o in _xml(archive, "[Content_Types].xml").iter(f"{{{CT_NS}}}Override")}
    parts = {}
    for sheet in _xml(archive, book).iter(f"{_M}sheet"):
        rel = rels.get(sheet.get(f"{{{DOC_REL_NS}}}id"))
        if rel is not None and types.get(rel[1].lower()) == CT_WORKSHEET:
            parts[sheet.get("name")] = rel[1]
    return parts


def number_formats(archive: zipfile.ZipFile) -> list[str]:
    """The number format code of every cell format (cellXfs) in the styles part, by style number."""
    book = workbook_part(archive)
    styles = [part for kind, part in _relationships(archive, book).values() if kind == REL_STYLES]
    if len(styles) != 1:
        raise StreamError("no single styles part")
    root = _xml(archive, styles[0])
    codes = dict(BUILTIN_FORMATS)
    for fmt in root.iter(f"{_M}numFmt"):
        codes[int(fmt.get("numFmtId"))] = fmt.get("formatCode")
    cell_xfs = root.find(f"{_M}cellXfs")
    if cell_xfs is None:
        raise StreamError("styles without cellXfs")
    return [codes.get(int(xf.get("numFmtId", "0")), "") for xf in cell_xfs.iter(f"{_M}xf")]


def column_styles(sheet: etree._Element) -> dict[int, int]:
    """0-based column -> the style number of its <col> definition."""
    styles = {}
    for col in sheet.iter(f"{_M}col"):
        if col.get("style") is not None:
            for c in range(int(col.get("min")) - 1, int(col.get("max"))):
                styles[c] = int(col.get("style"))
    return styles


def kind_styles(ledger: Ledger, sheet: etree._Element, formats: list[str],
                expected: dict[str, str]) -> dict[str, int]:
    """Kind -> style number, read from the sheet's column formats and checked against styles.xml."""
    by_column = column_styles(sheet)
    found: dict[str, int] = {}
    for c, kind in enumerate(ledger.kinds):
        style = by_column.get(c)
        if style is None:
            raise StreamError(f"{ledger.sheet}: column {xl_col_to_name(c)} has no format")
        if not 0 <= style < len(formats) or formats[style] != expected[kind]:
            raise StreamError(f"{ledger.sheet}: column {xl_col_to_name(c)} has style {style}, "
                              f"not the {kind} format {expected[kind]!r}")
        if found.setdefault(kind, style) != style:
            raise StreamError(f"{ledger.sheet}: two styles for {kind} columns")
    return found


# ------------------------------------------------------------------ the rows as XML

LEDGER_COMPRESSLEVEL = 2

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def xml_text(text: str) -> str:
    """Escape text for <t>, the way Excel and XlsxWriter do (control characters as _xHHHH_)."""
    # isprintable() is one C pass and true for nearly every name and note: the regex only runs
    # for text that may hold a control character or a literal _xHHHH_.
    if (not text.isprintable() or "_x" in text) and _CONTROL.search(text):
        text = _CONTROL.sub(lambda m: "_x005F" + m.group() if m.group().startswith("_x")
                            else f"_x{ord(m.group()):04X}_", text)
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


def row_chunks(ledger: Ledger, styles: dict[str, int], rows_per_chunk: int = 2000) -> Iterator[bytes]:
    """The ledger's <row> elements, a few thousand rows a chunk. Text is an inline string (no shared
    string table to rewrite); a number takes its column's style, or the int style in a text column."""
    if "text" not in styles or "int" not in styles:
        raise StreamError(f"{ledger.sheet}: no text or number column to take a style from")
    letters = [xl_col_to_name(c) for c in range(len(ledger.kinds))]
    # Everything between a cell's reference and its value, per column, made once: this loop runs
    # for every cell of every ledger.
    text_open = f'" s="{styles["text"]}" t="inlineStr"><is><t'
    num_open = [f'" s="{styles[k] if k in ("int", "amount") else styles["int"]}"><v>' for k in ledger.kinds]
    date_open = f'" s="{styles["date"]}"><v>' if "date" in styles else None
    parts: list[str] = []
    append = parts.append
    for n, item in enumerate(ledger.rows, ledger.first_row + 1):  # Excel's 1-based row number
        append(f'<row r="{n}">')
        for c, value in enumerate(ledger.values(item, n - 1)):
            if value is None:
                continue
            kind = value.__class__
            if kind is str:
                space = ' xml:space="preserve"' if value[:1].isspace() or value[-1:].isspace() else ""
                append(f'<c r="{letters[c]}{n}{text_open}{space}>{xml_text(value)}</t></is></c>')
            elif kind is int or kind is float:
                append(f'<c r="{letters[c]}{n}{num_open[c]}{value}</v></c>')
            elif isinstance(value, dt.date):
                if date_open is None:
                    raise StreamError(f"{ledger.sheet}: a date in a sheet without a date column")
                if isinstance(value, dt.datetime):
                    serial = f"{(value - dt.datetime(1899, 12, 30)).total_seconds() / 86400:.16g}"
                else:
                    days = (value - _EXCEL_EPOCH).days
                    serial = days - (days <= 60)  # Excel counts a 29/02/1900 that never was
                append(f'<c r="{letters[c]}{n}{date_open}{serial}</v></c>')
            else:
                append(f'<c r="{letters[c]}{n}{text_open}>{xml_text(str(value))}</t></is></c>')
        append("</row>")
        if len(parts) > rows_per_chunk * 8:
            yield "".join(parts).encode("utf-8")
            parts.clear()
    if parts:
        yield "".join(parts).encode("utf-8")


def _split_sheet(sheet: etree._Element, last_cell: str) -> tuple[bytes, bytes]:
    """The sheet part before and after where its rows go, with its dimension covering them."""
    data = sheet.find(f"{_M}sheetData")
    if data is None:
        raise StreamError("worksheet without sheetData")
    dimension = sheet.find(f"{_M}dimension")
    if dimension is not None:
        dimension.set("ref", f"A1:{last_cell}")
    data.append(etree.Comment(_ROWS_MARK))
    text = etree.tostring(sheet, xml_declaration=True, encoding="UTF-8", standalone=True)
    head, mark, tail = text.partition(f"<!--{_ROWS_MARK}-->".encode())
    if not mark or _ROWS_MARK.encode() in tail:
        raise StreamError("could not place the rows")
    return head, tail


# ------------------------------------------------------------------ the rewrite


def stream_ledgers(path: Path, ledgers: Iterable[Ledger], expected_formats: dict[str, str]) -> None:
    """Put each ledger's rows into its sheet of the saved workbook at `path`, in place.

    `expected_formats` maps each kind to the number format code its column format carries.
    Raises StreamError (leaving `path` as it was) when the package is not as expected.
    """
    ledgers = [ledger for ledger in ledgers if ledger.rows]
    if not ledgers:
        return
    path = Path(path)
    with zipfile.ZipFile(path) as src:
        parts = sheet_parts(src)
        formats = number_formats(src)
        by_part: dict[str, tuple[Ledger, bytes, bytes, dict[str, int]]] = {}
        for ledger in ledgers:
            part = parts.get(ledger.sheet)
            if part is None:
                raise StreamError(f"no worksheet part for sheet {ledger.sheet!r}")
            sheet = _xml(src, part)
            styles = kind_styles(ledger, sheet, formats, expected_formats)
            head, tail = _split_sheet(sheet, ledger.last_cell)
            by_part[part] = (ledger, head, tail, styles)
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=".unionxl-", suffix=".xlsx")
        os.close(fd)
        try:
            # The ledgers are most of the bytes (370 MB of XML at 1.000 groups): deflate level 2
            # compresses them in 1,3 s where the default 6 takes 4,3 s, for a file a fifth larger
            # (38 MB, not 32 MB); level 1 is no faster and 8 % larger. A part opened by name takes
            # the archive's level; a ZipInfo would carry the default level (its own level is public
            # only from Python 3.13), so a ledger part gets zipfile's fixed 1980-01-01 date and a
            # 0600 mode instead of XlsxWriter's: still the same bytes on every run, and no reader
            # looks at either. The other parts are copied with their own date and mode.
            with zipfile.ZipFile(tmp_name, "w", zipfile.ZIP_DEFLATED, compresslevel=LEDGER_COMPRESSLEVEL) as dst:
                for info in src.infolist():
                    if info.filename not in by_part:
                        target = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                        target.compress_type = zipfile.ZIP_DEFLATED
                        target.external_attr = info.external_attr
                        dst.writestr(target, src.read(info))
                        continue
                    ledger, head, tail, styles = by_part[info.filename]
                    with dst.open(info.filename, "w", force_zip64=True) as out:
                        out.write(head)
                        for chunk in row_chunks(ledger, styles):
                            out.write(chunk)
                        out.write(tail)
            os.replace(tmp_name, path)
        finally:
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)
