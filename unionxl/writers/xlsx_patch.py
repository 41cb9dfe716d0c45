"""Small, exact edits to an .xlsx package, for feedback copies.

Loading a whole workbook into openpyxl and saving it again costs 0.1-0.4 s a
file and loses what openpyxl does not model (x14 validations, slicers, ...).
A feedback copy only needs a few parts changed: styles (two fills and the
clones of the flagged cells' formats), the flagged sheets (a style index per
cell and a <legacyDrawing>), new comments and VML parts, a new first sheet,
and the registrations of those in workbook.xml, the relationships and
[Content_Types].xml. Every other part is copied as it is stored in the zip,
compressed bytes included.

The edits are string surgery on the XML text, never a parse and re-serialise:
ElementTree rewrites namespace prefixes and drops declarations it thinks
unused, which breaks mc:Ignorable and makes Excel repair the file. Anything
the surgery does not expect (prefixed SpreadsheetML, rows without an r
attribute, Strict OOXML, ...) raises Unsupported, and the caller takes the
openpyxl path instead.

Element order matters to Excel ("We found a problem with some content");
WORKSHEET_ORDER is the CT_Worksheet sequence of ECMA-376 Part 1, 18.3.1.99.
"""

from __future__ import annotations

import html
import posixpath
import re
import struct
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
DOC_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
REL_OFFICE_DOCUMENT = DOC_REL_NS + "/officeDocument"
REL_WORKSHEET = DOC_REL_NS + "/worksheet"
REL_STYLES = DOC_REL_NS + "/styles"
REL_COMMENTS = DOC_REL_NS + "/comments"
REL_VML = DOC_REL_NS + "/vmlDrawing"
REL_CALC_CHAIN = DOC_REL_NS + "/calcChain"
CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
CT_VML = "application/vnd.openxmlformats-officedocument.vmlDrawing"
CT_RELS = "application/vnd.openxmlformats-package.relationships+xml"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

WORKSHEET_ORDER = (
    "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr",
    "sheetProtection", "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate",
    "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting", "dataValidations",
    "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks",
    "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing",
    "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts",
    "extLst",
)
# what may follow <legacyDrawing>; Excel wraps controls and oleObjects in mc:AlternateContent
_AFTER_LEGACY_DRAWING = set(WORKSHEET_ORDER[WORKSHEET_ORDER.index("legacyDrawing") + 1:]) | {"AlternateContent"}

# CT_Workbook children that follow <definedNames>
_AFTER_DEFINED_NAMES = {"calcPr", "oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes",
                        "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst", "AlternateContent"}

MAX_COLUMN, MAX_ROW = 16_384, 1_048_576


class Unsupported(Exception):
    """The package holds something the surgery does not handle; use the openpyxl path."""


# ------------------------------------------------------------------ text helpers

_ATTRIBUTE = re.compile(r'([\w:.-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
_TAG = re.compile(r'<(/?)([\w:.-]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|\'[^\']*\'))*)\s*(/?)>|<!--.*?-->|<\?.*?\?>',
                  re.S)
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def attributes(tag: str) -> dict[str, str]:
    return {m[1]: html.unescape(m[2] if m[2] is not None else m[3]) for m in _ATTRIBUTE.finditer(tag)}


def escape_text(text: str) -> str:
    return _XML_ILLEGAL.sub("", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_attribute(text: str) -> str:
    return escape_text(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def set_attribute(tag: str, name: str, value: str | None) -> str:
    """The start tag with attribute `name` replaced, added (value) or removed (None)."""
    pattern = re.compile(r'(?<=\s)' + re.escape(name) + r'\s*=\s*(?:"[^"]*"|\'[^\']*\')')
    found = pattern.search(tag)
    if value is None:
        return tag if not found else tag[:found.start() - 1] + tag[found.end():]
    new = f'{name}="{escape_attribute(value)}"'
    if found:
        return tag[:found.start()] + new + tag[found.end():]
    end = len(tag) - (2 if tag.endswith("/>") else 1)
    return tag[:end].rstrip() + " " + new + tag[end:]


def root_tag(xml: str, local: str) -> re.Match:
    """The document element's start tag, which must be unprefixed SpreadsheetML."""
    found = re.search(r"<(?![?!])([\w:.-]+)[^>]*>", xml)
    if not found or found[1] != local:
        raise Unsupported(f"root element {found[1] if found else None!r}, expected {local!r}")
    return found


def namespace_prefix(start_tag: str, namespace: str) -> str | None:
    for name, value in attributes(start_tag).items():
        if name.startswith("xmlns:") and value == namespace:
            return name[len("xmlns:"):]
    return None


def col_number(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - 64
    return number


def col_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_REF = re.compile(r"\$?([A-Z]{1,3})\$?([0-9]{1,7})")


def parse_ref(ref: str) -> tuple[int, int] | None:
    """'E4' -> (row 4, column 5); None unless a single cell inside Excel's grid."""
    found = _REF.fullmatch(ref or "")
    if not found:
        return None
    row, col = int(found[2]), col_number(found[1])
    return (row, col) if 1 <= row <= MAX_ROW and 1 <= col <= MAX_COLUMN else None


def cell_ref(row: int, col: int) -> str:
    return f"{col_letters(col)}{row}"


# ------------------------------------------------------------------ the zip


class Package:
    """An .xlsx read once; parts replaced, added or removed; saved with untouched parts copied raw."""

    def __init__(self, path: Path):
        try:
            self._zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise Unsupported(f"not a zip: {exc}") from exc
        self._infos = self._zip.infolist()
        self._names = {info.filename.lower(): info.filename for info in self._infos}
        if len(self._names) != len(self._infos):
            raise Unsupported("duplicate part names")
        for info in self._infos:
            if info.flag_bits & 0x1 or max(info.file_size, info.compress_size) >= 0xFFFFFFFF:
                raise Unsupported(f"encrypted or zip64 part {info.filename}")
        self._changed: dict[str, bytes] = {}
        self._added: dict[str, bytes] = {}
        self._removed: set[str] = set()

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def name(self, part: str) -> str | None:
        """The stored name of a part (part names are case-insensitive), None if absent."""
        lower = part.lower()
        if lower in self._names and self._names[lower] not in self._removed:
            return self._names[lower]
        return next((name for name in self._added if name.lower() == lower), None)

    def __contains__(self, part: str) -> bool:
        return self.name(part) is not None

    def read(self, part: str) -> bytes:
        name = self.name(part)
        if name is None:
            raise Unsupported(f"missing part {part}")
        if name in self._added:
            return self._added[name]
        if name in self._changed:
            return self._changed[name]
        return self._zip.read(name)

    def text(self, part: str) -> str:
        try:
            return self.read(part).decode("utf-8")
        except UnicodeDecodeError as exc:  # UTF-16 parts are legal but never written by Excel
            raise Unsupported(f"{part} is not UTF-8") from exc

    def put(self, part: str, data: str | bytes) -> None:
        data = data.encode("utf-8") if isinstance(data, str) else data
        name = self.name(part)
        if name is None:
            self._added[part] = data
        elif name in self._added:
            self._added[name] = data
        else:
            self._changed[name] = data

    def remove(self, part: str) -> None:
        name = self.name(part)
        if name in self._added:
            del self._added[name]
        elif name is not None:
            self._removed.add(name)
            self._changed.pop(name, None)

    def free_name(self, pattern: str) -> str:
        """The first part name pattern.format(n), n = 1, 2, ..., not yet in the package."""
        number = 1
        while pattern.format(number) in self:
            number += 1
        return pattern.format(number)

    def part_names(self) -> list[str]:
        return [i.filename for i in self._infos if i.filename not in self._removed] + list(self._added)

    def save(self, target: Path) -> None:
        stamp = self._infos[0].date_time if self._infos else (1980, 1, 1, 0, 0, 0)
        with open(self._zip.filename, "rb") as source, \
                zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
            for info in self._infos:
                if info.filename in self._removed:
                    continue
                if info.filename in self._changed:
                    out.writestr(_new_info(info.filename, stamp, info), self._changed[info.filename])
                else:
                    _copy_raw(source, info, out)
            for name, data in self._added.items():
                out.writestr(_new_info(name, stamp), data)


def _new_info(name: str, stamp, like: zipfile.ZipInfo | None = None) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, like.date_time if like else stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = like.external_attr if like and like.external_attr else 0o644 << 16
    return info


def _copy_raw(source, info: zipfile.ZipInfo, out: zipfile.ZipFile) -> None:
    """Copy one entry's compressed bytes unchanged: no inflate, no deflate.

    zipfile has no public call for this; it uses ZipInfo.FileHeader and the writer's
    start_dir, which zipfile itself relies on for ZipFile.write and has kept since 3.x.
    """
    source.seek(info.header_offset)
    header = source.read(30)
    if header[:4] != b"PK\x03\x04":
        raise Unsupported(f"bad local header for {info.filename}")
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    source.seek(info.header_offset + 30 + name_length + extra_length)
    data = source.read(info.compress_size)
    copy = zipfile.ZipInfo(info.filename, info.date_time)
    copy.compress_type = info.compress_type
    copy.CRC, copy.compress_size, copy.file_size = info.CRC, info.compress_size, info.file_size
    copy.external_attr, copy.create_system = info.external_attr, info.create_system
    copy.flag_bits = info.flag_bits & 0x806  # keep the deflate level bits and UTF-8 names; sizes are in the header
    out.fp.seek(out.start_dir)
    copy.header_offset = out.fp.tell()
    out.fp.write(copy.FileHeader(False))
    out.fp.write(data)
    out.start_dir = out.fp.tell()
    out.filelist.append(copy)
    out.NameToInfo[copy.filename] = copy
    out._didModify = True


# ------------------------------------------------------------------ relationships and content types


def rels_part(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def resolve(source_part: str, target: str) -> str:
    target = unquote(target)
    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_part), target))


def relative(source_part: str, part: str) -> str:
    return posixpath.relpath(part, posixpath.dirname(source_part) or ".")


@dataclass
class Relationship:
    id: str
    type: str
    target: str
    external: bool
    start: int
    end: int


def relationships(xml: str) -> list[Relationship]:
    root_tag(xml, "Relationships")
    found = []
    for match in re.finditer(r"<Relationship\b[^>]*>(?:\s*</Relationship>)?", xml):
        attrs = attributes(match[0])
        found.append(Relationship(attrs.get("Id", ""), attrs.get("Type", ""), attrs.get("Target", ""),
                                  attrs.get("TargetMode") == "External", match.start(), match.end()))
    return found


def add_relationship(xml: str | None, rel_type: str, target: str) -> tuple[str, str]:
    """The rels XML with a new relationship, and its fresh Id."""
    if xml is None:
        xml = f'{XML_DECLARATION}<Relationships xmlns="{PKG_REL_NS}"></Relationships>'
    xml = xml.replace("<Relationships xmlns=\"" + PKG_REL_NS + "\"/>",
                      "<Relationships xmlns=\"" + PKG_REL_NS + "\"></Relationships>")
    used = {rel.id for rel in relationships(xml)}
    number = len(used) + 1
    while f"rId{number}" in used:
        number += 1
    rid = f"rId{number}"
    end = xml.rfind("</Relationships>")
    if end < 0:
        raise Unsupported("rels without </Relationships>")
    element = f'<Relationship Id="{rid}" Type="{rel_type}" Target="{escape_attribute(target)}"/>'
    return xml[:end] + element + xml[end:], rid


def remove_relationships(xml: str, rel_type: str) -> tuple[str, list[Relationship]]:
    gone = [rel for rel in relationships(xml) if rel.type == rel_type]
    for rel in reversed(gone):
        xml = xml[:rel.start] + xml[rel.end:]
    return xml, gone


class ContentTypes:
    PART = "[Content_Types].xml"

    def __init__(self, package: Package):
        self.package = package
        self.xml = package.text(self.PART)
        root_tag(self.xml, "Types")

    def _insert(self, element: str) -> None:
        end = self.xml.rfind("</Types>")
        if end < 0:
            raise Unsupported("[Content_Types].xml without </Types>")
        self.xml = self.xml[:end] + element + self.xml[end:]

    def overrides(self) -> dict[str, str]:
        return {attrs.get("PartName", "").lower(): attrs.get("ContentType", "")
                for attrs in map(attributes, re.findall(r"<Override\b[^>]*>", self.xml))}

    def defaults(self) -> dict[str, str]:
        return {attrs.get("Extension", "").lower(): attrs.get("ContentType", "")
                for attrs in map(attributes, re.findall(r"<Default\b[^>]*>", self.xml))}

    def add_default(self, extension: str, content_type: str) -> None:
        if extension.lower() not in self.defaults():
            self._insert(f'<Default Extension="{extension}" ContentType="{content_type}"/>')

    def add_override(self, part: str, content_type: str) -> None:
        self._insert(f'<Override PartName="/{escape_attribute(part)}" ContentType="{content_type}"/>')

    def remove_override(self, part: str) -> None:
        for match in re.finditer(r"<Override\b[^>]*>(?:\s*</Override>)?", self.xml):
            if attributes(match[0]).get("PartName", "").lower() == "/" + part.lower():
                self.xml = self.xml[:match.start()] + self.xml[match.end():]
                return

    def save(self) -> None:
        self.package.put(self.PART, self.xml)


# ------------------------------------------------------------------ styles


class Styles:
    """Append fonts, fills, borders and cell formats to styles.xml; indices of the new ones."""

    def __init__(self, xml: str):
        root_tag(xml, "styleSheet")
        self.xml = xml
        self.blocks = {}
        for block, item in (("fonts", "font"), ("fills", "fill"), ("borders", "border"), ("cellXfs", "xf")):
            found = re.search(rf"<{block}\b[^>]*>(.*?)</{block}>", xml, re.S)
            if not found:
                raise Unsupported(f"styles.xml has no <{block}> list")
            items = re.findall(rf"<{item}\b[^>]*?(?:/>|>.*?</{item}>)", found[1], re.S)
            self.blocks[block] = (items, [])
        if not re.search(r"<cellStyleXfs\b[^>]*>\s*<xf\b", xml):
            raise Unsupported("styles.xml has no cell style format for xfId 0")
        self._clones: dict[tuple[int, int], int] = {}

    def _append(self, block: str, element: str) -> int:
        items, added = self.blocks[block]
        added.append(element)
        return len(items) + len(added) - 1

    def font(self, name: str, size: int = 11, bold: bool = False, underline: bool = False,
             color: str | None = None) -> int:
        return self._append("fonts", "<font>" + ("<b/>" if bold else "") + ("<u/>" if underline else "")
                            + f'<sz val="{size}"/>' + (f'<color rgb="{color}"/>' if color else "")
                            + f'<name val="{escape_attribute(name)}"/><family val="1"/></font>')

    def solid_fill(self, rgb: str) -> int:
        return self._append("fills", f'<fill><patternFill patternType="solid"><fgColor rgb="{rgb}"/>'
                                     '<bgColor indexed="64"/></patternFill></fill>')

    def thin_border(self, rgb: str) -> int:
        sides = "".join(f'<{side} style="thin"><color rgb="{rgb}"/></{side}>'
                        for side in ("left", "right", "top", "bottom"))
        return self._append("borders", f"<border>{sides}<diagonal/></border>")

    def cell_format(self, font: int, fill: int = 0, border: int = 0, vertical: str = "top",
                    wrap: bool = False) -> int:
        alignment = f'<alignment vertical="{vertical}"' + (' wrapText="1"' if wrap else "") + "/>"
        return self._append("cellXfs", f'<xf numFmtId="0" fontId="{font}" fillId="{fill}" borderId="{border}" '
                                       'xfId="0" applyFont="1" applyFill="1" applyBorder="1" '
                                       f'applyAlignment="1">{alignment}</xf>')

    def with_fill(self, style: int, fill: int) -> int:
        """A clone of cell format `style` (number format, font, border, protection kept) with another fill."""
        key = (style, fill)
        if key not in self._clones:
            items = self.blocks["cellXfs"][0]
            original = items[style] if 0 <= style < len(items) else items[0] if items else '<xf/>'
            start = re.match(r"<xf\b[^>]*?(/?)>", original)
            tag = set_attribute(set_attribute(start[0], "fillId", str(fill)), "applyFill", "1")
            for name, default in (("numFmtId", "0"), ("fontId", "0"), ("borderId", "0"), ("xfId", "0")):
                if f"{name}=" not in tag:  # all four are required by Excel even if the schema says optional
                    tag = set_attribute(tag, name, default)
            self._clones[key] = self._append("cellXfs", tag + original[start.end():])
        return self._clones[key]

    def result(self) -> str:
        xml = self.xml
        for block, (items, added) in self.blocks.items():
            if not added:
                continue
            found = re.search(rf"(<{block}\b[^>]*>)(.*?)</{block}>", xml, re.S)
            start = set_attribute(found[1], "count", str(len(items) + len(added)))
            xml = xml[:found.start()] + start + found[2] + "".join(added) + f"</{block}>" + xml[found.end():]
        return xml


# ------------------------------------------------------------------ one flagged sheet


@dataclass
class Mark:
    """What one flagged cell gets: a fill (by its index in styles) and a comment."""
    fill: int
    comment: str
    width_px: int = 360
    height_px: int = 80


@dataclass
class Sheet:
    """A worksheet part and the facts the marking needs from it."""
    name: str
    part: str
    xml: str
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)

    @classmethod
    def load(cls, package: Package, name: str, part: str) -> Sheet:
        xml = package.text(part)
        root_tag(xml, "worksheet")
        merged = []
        for ref in re.findall(r'<mergeCell\b[^>]*?\bref="([^"]+)"', xml):
            corners = [parse_ref(c) for c in ref.split(":")]
            if len(corners) == 2 and all(corners):
                (r1, c1), (r2, c2) = corners
                merged.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))
        return cls(name, part, xml, merged)

    def writable(self, ref: str) -> tuple[int, int] | None:
        """The cell at ref, or the top-left cell of the merged range covering it; None for a bad ref."""
        place = parse_ref(ref)
        if place is None:
            return None
        row, col = place
        for r1, c1, r2, c2 in self.merged:
            if r1 <= row <= r2 and c1 <= col <= c2:
                return r1, c1
        return place

    def has_comments(self, package: Package) -> bool:
        if re.search(r"<legacyDrawing\b", self.xml):
            return True
        rels = rels_part(self.part)
        return rels in package and any(rel.type == REL_COMMENTS for rel in relationships(package.text(rels)))


_ROW = re.compile(r"<row\b([^>]*?)(/?)>")
_CELL = re.compile(r"<c\b([^>]*?)(/?)>")


def mark_cells(xml: str, marks: dict[tuple[int, int], int], restyle) -> str:
    """Give each (row, col) in marks the style restyle(original style, fill); create missing cells and rows."""
    data = re.search(r"<sheetData\b[^>]*?(/?)>", xml)
    if not data:
        raise Unsupported("worksheet without <sheetData>")
    if data[1]:
        xml = xml[:data.start()] + "<sheetData></sheetData>" + xml[data.end():]
        start = data.start() + len("<sheetData>")
        end = start
    else:
        start = data.end()
        end = xml.find("</sheetData>", start)
        if end < 0:
            raise Unsupported("unterminated <sheetData>")
    col_styles = _column_styles(xml[:data.start()])

    rows: dict[int, tuple[re.Match, int]] = {}  # r -> (start tag, end of the row element)
    order: list[tuple[int, int]] = []  # (r, start offset), in document order
    for match in _ROW.finditer(xml, start, end):
        number = re.search(r'(?:^|\s)r="(\d+)"', match[1])
        if not number:
            raise Unsupported("a row without r")
        close = match.end() if match[2] else xml.find("</row>", match.end(), end) + len("</row>")
        if close < match.end():
            raise Unsupported("unterminated <row>")
        rows[int(number[1])] = (match, close)
        order.append((int(number[1]), match.start()))

    edits: list[tuple[int, int, str]] = []  # (start, end, replacement)
    by_row: dict[int, dict[int, int]] = {}
    for (row, col), fill in marks.items():
        by_row.setdefault(row, {})[col] = fill
    for row, cols in by_row.items():
        if row in rows:
            edits.extend(_mark_row(xml, rows[row], row, cols, restyle, col_styles))
            continue
        cells = "".join(f'<c r="{cell_ref(row, col)}" s="{restyle(col_styles.get(col, 0), fill)}"/>'
                        for col, fill in sorted(cols.items()))
        after = next((offset for r, offset in order if r > row), end)
        edits.append((after, after, f'<row r="{row}">{cells}</row>'))
    for begin, stop, text in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        xml = xml[:begin] + text + xml[stop:]
    return _extend_dimension(xml, marks)


def _mark_row(xml: str, row_info, row: int, cols: dict[int, int], restyle, col_styles):
    match, close = row_info
    attrs = attributes(match[1])
    row_style = int(attrs["s"]) if attrs.get("customFormat") in ("1", "true") and "s" in attrs else None
    edits = []
    present: list[tuple[int, re.Match]] = []
    if not match[2]:
        for cell in _CELL.finditer(xml, match.end(), close):
            place = re.search(r'(?:^|\s)r="([A-Z]+)(\d+)"', cell[1])
            if not place:
                raise Unsupported("a cell without r")
            present.append((col_number(place[1]), cell))
    found = {col: cell for col, cell in present}
    missing = []
    for col, fill in sorted(cols.items()):
        if col in found:
            cell = found[col]
            style = re.search(r'(?:^|\s)s="(\d+)"', cell[1])
            tag = set_attribute(cell[0], "s", str(restyle(int(style[1]) if style else 0, fill)))
            edits.append((cell.start(), cell.end(), tag))
        else:
            base = row_style if row_style is not None else col_styles.get(col, 0)
            missing.append((col, f'<c r="{cell_ref(row, col)}" s="{restyle(base, fill)}"/>'))
    if missing:
        start_tag = set_attribute(match[0], "spans", None)  # spans is a hint; a stale one is worse than none
        if match[2]:
            start_tag = start_tag[:-2].rstrip() + ">"
            edits.append((match.start(), match.end(),
                          start_tag + "".join(text for _, text in missing) + "</row>"))
        else:
            edits.append((match.start(), match.end(), start_tag))
            for col, text in missing:
                after = next((cell.start() for c, cell in present if c > col), close - len("</row>"))
                edits.append((after, after, text))
    return edits


def _column_styles(head: str) -> dict[int, int]:
    styles = {}
    for tag in re.findall(r"<col\b[^>]*>", head):
        attrs = attributes(tag)
        if "style" in attrs and "min" in attrs and "max" in attrs:
            for col in range(int(attrs["min"]), min(int(attrs["max"]), MAX_COLUMN) + 1):
                styles[col] = int(attrs["style"])
    return styles


def _extend_dimension(xml: str, marks) -> str:
    found = re.search(r'<dimension\b[^>]*?\bref="([^"]*)"[^>]*>', xml)
    if not found:
        return xml
    corners = [parse_ref(c) for c in found[1].split(":")]
    if not corners or not all(corners):
        return xml
    rows = [c[0] for c in corners] + [r for r, _ in marks]
    cols = [c[1] for c in corners] + [c for _, c in marks]
    ref = f"{cell_ref(min(rows), min(cols))}:{cell_ref(max(rows), max(cols))}"
    if ref.split(":")[0] == ref.split(":")[1]:
        ref = ref.split(":")[0]
    return xml[:found.start()] + set_attribute(found[0], "ref", ref) + xml[found.end():]


def add_legacy_drawing(xml: str, rid: str) -> str:
    """Insert <legacyDrawing r:id=…/> where CT_Worksheet wants it; declare the r prefix if needed."""
    root = root_tag(xml, "worksheet")
    prefix = namespace_prefix(root[0], DOC_REL_NS)
    if prefix is None:
        prefix = "r" if "xmlns:r=" not in root[0] else "unionxl_r"
        xml = xml[:root.start()] + set_attribute(root[0], f"xmlns:{prefix}", DOC_REL_NS) + xml[root.end():]
        root = root_tag(xml, "worksheet")
    data_end = xml.find("</sheetData>")
    if data_end < 0:
        raise Unsupported("worksheet without </sheetData>")
    position = insertion_point(xml, data_end + len("</sheetData>"), _AFTER_LEGACY_DRAWING)
    return xml[:position] + f'<legacyDrawing {prefix}:id="{rid}"/>' + xml[position:]


def insertion_point(xml: str, start: int, before: set[str]) -> int:
    """Offset of the first child element of the root, at or after start, whose local name is in before;
    else of the root's end tag. start must be at depth 1 (between two children of the root)."""
    depth = 0
    for tag in _TAG.finditer(xml, start):
        if tag[2] is None:
            continue  # a comment or processing instruction
        if tag[1]:
            depth -= 1
            if depth < 0:
                return tag.start()
        elif depth == 0 and tag[2].split(":")[-1] in before:
            return tag.start()
        elif not tag[4]:
            depth += 1
    raise Unsupported("no end tag for the document element")


def comments_xml(marks: dict[tuple[int, int], Mark], author: str) -> str:
    items = []
    for (row, col), mark in sorted(marks.items()):
        text = escape_text(mark.comment)
        items.append(f'<comment ref="{cell_ref(row, col)}" authorId="0"><text><r><rPr><sz val="9"/>'
                     '<color indexed="81"/><rFont val="Tahoma"/><family val="2"/></rPr>'
                     f'<t xml:space="preserve">{text}</t></r></text></comment>')
    return (f'{XML_DECLARATION}<comments xmlns="{MAIN_NS}"><authors><author>{escape_text(author)}</author>'
            f'</authors><commentList>{"".join(items)}</commentList></comments>')


def vml_xml(marks: dict[tuple[int, int], Mark], block: int) -> str:
    """The legacy drawing Excel needs to show comments: one hidden Note shape per comment.

    `block` is this drawing's o:idmap number; shape ids are 1024 * block + n and must not
    collide with another VML part of the workbook.
    """
    shapes = []
    for n, ((row, col), mark) in enumerate(sorted(marks.items()), 1):
        width, height = mark.width_px * 0.75, mark.height_px * 0.75
        top = max(row - 2, 0)
        anchor = f"{col}, 15, {top}, 10, {col + 1 + -(-mark.width_px // 64)}, 15, {top + -(-mark.height_px // 20)}, 4"
        shapes.append(
            f'<v:shape id="_x0000_s{1024 * block + n}" type="#_x0000_t202" '
            f'style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:{width:g}pt;height:{height:g}pt;'
            f'z-index:{n};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">'
            '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/>'
            '<v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto">'
            '<div style="text-align:left"></div></v:textbox>'
            '<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>'
            f'<x:Anchor>{anchor}</x:Anchor><x:AutoFill>False</x:AutoFill>'
            f'<x:Row>{row - 1}</x:Row><x:Column>{col - 1}</x:Column></x:ClientData></v:shape>')
    return ('<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
            'xmlns:x="urn:schemas-microsoft-com:office:excel">'
            f'<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{block}"/></o:shapelayout>'
            '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">'
            '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
            + "".join(shapes) + "</xml>")


def worksheet_xml(rows: list[tuple[int, float | None, list[tuple[int, int, object]]]],
                  widths: dict[int, float], freeze_row: int, autofilter: str, merged: list[str],
                  links: list[tuple[str, str]]) -> str:
    """A new worksheet: rows of (row, height, [(col, style, value)]), every str an inline string.

    Inline strings leave sharedStrings.xml untouched, and a value such as '=SUM(…)' stays text:
    nothing here ever writes <f>. Opens on A1 with rows 1..freeze_row frozen, prints A4 landscape,
    one page wide.
    """
    last_row = max((r for r, _, _ in rows), default=1)
    last_col = max((c for _, _, cells in rows for c, _, _ in cells), default=1)
    body = []
    for number, height, cells in rows:
        attrs = f' ht="{height:g}" customHeight="1"' if height else ""
        parts = []
        for col, style, value in cells:
            ref = cell_ref(number, col)
            if value is None or value == "":
                parts.append(f'<c r="{ref}" s="{style}"/>')
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                parts.append(f'<c r="{ref}" s="{style}"><v>{value}</v></c>')
            else:
                text = escape_text(str(value))
                space = ' xml:space="preserve"' if text != text.strip() or "\n" in text or "\t" in text else ""
                parts.append(f'<c r="{ref}" s="{style}" t="inlineStr"><is><t{space}>{text}</t></is></c>')
        body.append(f'<row r="{number}"{attrs}>{"".join(parts)}</row>')
    cols = "".join(f'<col min="{c}" max="{c}" width="{w:g}" customWidth="1"/>' for c, w in sorted(widths.items()))
    top = cell_ref(freeze_row + 1, 1)
    pane = (f'<pane ySplit="{freeze_row}" topLeftCell="{top}" activePane="bottomLeft" state="frozen"/>'
            f'<selection pane="bottomLeft" activeCell="{top}" sqref="{top}"/>')
    merges = (f'<mergeCells count="{len(merged)}">' + "".join(f'<mergeCell ref="{m}"/>' for m in merged)
              + "</mergeCells>") if merged else ""
    hyperlinks = ("<hyperlinks>" + "".join(
        f'<hyperlink ref="{ref}" location="{escape_attribute(location)}" display="{escape_attribute(ref)}"/>'
        for ref, location in links) + "</hyperlinks>") if links else ""
    return (f'{XML_DECLARATION}<worksheet xmlns="{MAIN_NS}" xmlns:r="{DOC_REL_NS}">'
            '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
            f'<dimension ref="A1:{cell_ref(last_row, last_col)}"/>'
            f'<sheetViews><sheetView tabSelected="1" workbookViewId="0">{pane}</sheetView></sheetViews>'
            f'<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols>'
            f'<sheetData>{"".join(body)}</sheetData>'
            f'<autoFilter ref="{autofilter}"/>{merges}{hyperlinks}'
            '<pageMargins left="0.5" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>'
            '<pageSetup paperSize="9" fitToHeight="0" orientation="landscape"/>'
            '</worksheet>')


def used_vml_blocks(package: Package) -> set[int]:
    blocks = set()
    for name in package.part_names():
        if name.lower().endswith(".vml"):
            text = package.read(name).decode("utf-8", "replace")
            for data in re.findall(r'<o:idmap\b[^>]*\bdata="([^"]*)"', text):
                blocks.update(int(n) for n in re.findall(r"\d+", data))
    return blocks


def clear_tab_selected(xml: str) -> str:
    return re.sub(r'(<sheetView\b[^>]*?)\s+tabSelected\s*=\s*"(?:1|true)"', r"\1", xml)


# ------------------------------------------------------------------ the workbook


@dataclass
class WorkbookSheet:
    name: str
    part: str | None  # None for a sheet whose relationship is missing
    kind: str  # relationship type


class Workbook:
    """workbook.xml, its relationships and the sheets it lists."""

    def __init__(self, package: Package):
        self.package = package
        root_rels = relationships(package.text("_rels/.rels"))
        main = next((rel for rel in root_rels if rel.type == REL_OFFICE_DOCUMENT), None)
        if main is None:
            raise Unsupported("no officeDocument relationship")
        self.part = resolve("", main.target)
        self.xml = package.text(self.part)
        root = root_tag(self.xml, "workbook")
        if f'xmlns="{MAIN_NS}"' not in root[0]:
            raise Unsupported("not Transitional SpreadsheetML")  # Strict OOXML uses purl.oclc.org names
        self.r = namespace_prefix(root[0], DOC_REL_NS)  # openpyxl declares it on each <sheet> instead
        self.rels_part = rels_part(self.part)
        self.rels = package.text(self.rels_part)
        targets = {rel.id: rel for rel in relationships(self.rels)}
        self.sheets = []
        for tag in re.findall(r"<sheet\b[^>]*>", self.xml):
            attrs = attributes(tag)
            prefix = namespace_prefix(tag, DOC_REL_NS) or self.r
            rel = targets.get(attrs.get(f"{prefix}:id", "")) if prefix else None
            part = resolve(self.part, rel.target) if rel and not rel.external else None
            self.sheets.append(WorkbookSheet(attrs.get("name", ""), part, rel.type if rel else ""))
        self.sheet_ids = [int(n) for n in re.findall(r'<sheet\b[^>]*?\bsheetId="(\d+)"', self.xml)]

    def styles_part(self) -> str:
        rel = next((rel for rel in relationships(self.rels) if rel.type == REL_STYLES), None)
        if rel is None:
            raise Unsupported("no styles part")
        return resolve(self.part, rel.target)

    def insert_first_sheet(self, name: str, part: str, names: list[tuple[str, str, bool]]) -> None:
        """Register `part` as the first, active sheet; shift sheet-local names; add the new sheet's names."""
        self.rels, rid = add_relationship(self.rels, REL_WORKSHEET, relative(self.part, part))
        sheets = re.search(r"<sheets\b[^>]*>", self.xml)
        if not sheets or sheets[0].endswith("/>"):
            raise Unsupported("workbook without <sheets>")
        sheet_id = max(self.sheet_ids, default=0) + 1
        declare = "" if self.r else f' xmlns:r="{DOC_REL_NS}"'
        element = f'<sheet{declare} name="{escape_attribute(name)}" sheetId="{sheet_id}" {self.r or "r"}:id="{rid}"/>'
        xml = self.xml[:sheets.end()] + element + self.xml[sheets.end():]
        xml = re.sub(r'(<definedName\b[^>]*?\blocalSheetId=")(\d+)"', lambda m: f'{m[1]}{int(m[2]) + 1}"', xml)
        ours = "".join(f'<definedName name="{n}" localSheetId="0"' + (' hidden="1"' if hidden else "")
                       + f">{escape_text(value)}</definedName>" for n, value, hidden in names)
        if re.search(r"<definedNames\b[^>]*/>", xml):
            xml = re.sub(r"<definedNames\b[^>]*/>", lambda m: f"<definedNames>{ours}</definedNames>", xml, count=1)
        elif "</definedNames>" in xml:
            xml = xml.replace("</definedNames>", ours + "</definedNames>", 1)
        else:
            at = insertion_point(xml, xml.index("</sheets>") + len("</sheets>"), _AFTER_DEFINED_NAMES)
            xml = xml[:at] + f"<definedNames>{ours}</definedNames>" + xml[at:]
        xml = re.sub(r"<workbookView\b[^>]*>",
                     lambda m: set_attribute(set_attribute(m[0], "activeTab", None), "firstSheet", None), xml)
        self.xml = xml

    def drop_calc_chain(self, types: ContentTypes) -> None:
        """Excel rebuilds calcChain.xml silently; a stale one makes it repair the file."""
        self.rels, gone = remove_relationships(self.rels, REL_CALC_CHAIN)
        for rel in gone:
            part = resolve(self.part, rel.target)
            self.package.remove(part)
            types.remove_override(part)

    def save(self) -> None:
        self.package.put(self.part, self.xml)
        self.package.put(self.rels_part, self.rels)
