"""Small, exact edits to an .xlsx package, for feedback copies.

Loading a whole workbook into openpyxl and saving it again costs 0.1-0.4 s a
file and loses what openpyxl does not model (x14 validations, slicers, ...).
A feedback copy only needs a few parts changed: styles (two fills and the
clones of the flagged cells' formats), the flagged sheets (a style per cell and
a <legacyDrawing>), new comments and VML parts, a new first sheet, and the
registrations of those in workbook.xml, the relationships and
[Content_Types].xml. Every other part is copied as it is.

Each edited part is parsed with lxml and serialised again. Unlike ElementTree,
lxml keeps namespace prefixes and every declaration as written, so
mc:Ignorable="x14ac" still names a declared prefix and Excel does not repair
the file. The zip is read and written with the public `zipfile` API only:
unchanged parts are decompressed and compressed again (their content is the
same, their compressed bytes may not be). Anything the patch does not handle
(Strict OOXML, rows or cells without a reference, a part that is not
well-formed, ...) raises Unsupported, and the caller takes the openpyxl path
and records why.

Element order matters to Excel ("We found a problem with some content");
WORKSHEET_ORDER is the CT_Worksheet sequence of ECMA-376 Part 1, 18.3.1.99.
"""

from __future__ import annotations

import copy
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
DOC_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_OFFICE_DOCUMENT = DOC_REL_NS + "/officeDocument"
REL_WORKSHEET = DOC_REL_NS + "/worksheet"
REL_STYLES = DOC_REL_NS + "/styles"
REL_COMMENTS = DOC_REL_NS + "/comments"
REL_VML = DOC_REL_NS + "/vmlDrawing"
REL_CALC_CHAIN = DOC_REL_NS + "/calcChain"
CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
CT_VML = "application/vnd.openxmlformats-officedocument.vmlDrawing"
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
COMPRESS_LEVEL = 1
"""Every part of a copy is compressed anew (zipfile has no public raw copy); a copy is a small file
sent back by e-mail, where level 6 would save a few kilobytes for about twice the time."""

_M = f"{{{MAIN_NS}}}"
_R_ID = f"{{{DOC_REL_NS}}}id"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
# Legacy VML as Excel writes it is not always well-formed (<br> without an end tag); it is only read
# for the drawing numbers already taken, so a forgiving parse is enough there.
_VML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)


class Unsupported(Exception):
    """The package holds something the patch does not handle; use the openpyxl path."""


# ------------------------------------------------------------------ text and references

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """Text without the characters XML 1.0 cannot hold."""
    return _XML_ILLEGAL.sub("", text)


def escape_text(text: str) -> str:
    return clean_text(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_attribute(text: str) -> str:
    return escape_text(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


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


def parse(data: bytes | str, what: str) -> etree._Element:
    try:
        return etree.fromstring(data.encode("utf-8") if isinstance(data, str) else data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise Unsupported(f"{what} is not well-formed XML: {exc}") from exc


def serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _child(parent: etree._Element, name: str) -> etree._Element | None:
    """The first child in the parent's own namespace with this local name."""
    return parent.find(f"{{{etree.QName(parent).namespace}}}{name}" if etree.QName(parent).namespace else name)


def _new(parent: etree._Element, name: str, **attributes) -> etree._Element:
    """A new last child in the parent's namespace. Made as a child, it uses the prefixes already declared
    instead of declaring its own; callers move it where it belongs (a move keeps that)."""
    namespace = etree.QName(parent).namespace
    element = etree.SubElement(parent, f"{{{namespace}}}{name}" if namespace else name)
    for key, value in attributes.items():
        element.set(key, value)
    return element


def _with_r_id(parent: etree._Element, name: str, rid: str) -> etree._Element:
    """A new last child carrying r:id; the relationships prefix is declared on it if the root lacks one."""
    if DOC_REL_NS in parent.nsmap.values():
        element = _new(parent, name)
    else:  # openpyxl declares it on each element that needs it
        element = etree.Element(_M + name, nsmap={"r": DOC_REL_NS})
        parent.append(element)
    element.set(_R_ID, rid)
    return element


def _insert_before(parent: etree._Element, element: etree._Element, before: set[str]) -> None:
    """Insert element before the first child whose local name is in before, else at the end."""
    for index, child in enumerate(parent):
        if local(child.tag) in before:
            parent.insert(index, element)
            return
    parent.append(element)


# ------------------------------------------------------------------ the zip


class Package:
    """An .xlsx read once; parts replaced, added or removed; saved through zipfile's public API."""

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
            if info.flag_bits & 0x1:
                raise Unsupported(f"encrypted part {info.filename}")
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

    def xml(self, part: str) -> etree._Element:
        return parse(self.read(part), part)

    def put(self, part: str, data: str | bytes | etree._Element) -> None:
        if etree.iselement(data):
            data = serialise(data)
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
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
            for info in self._infos:
                if info.filename in self._removed:
                    continue
                data = self._changed.get(info.filename)
                out.writestr(_new_info(info.filename, stamp, info),
                             data if data is not None else self._zip.read(info), compresslevel=COMPRESS_LEVEL)
            for name, data in self._added.items():
                out.writestr(_new_info(name, stamp), data, compresslevel=COMPRESS_LEVEL)


def _new_info(name: str, stamp, like: zipfile.ZipInfo | None = None) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, like.date_time if like else stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = like.external_attr if like and like.external_attr else 0o644 << 16
    return info


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


def _rels_root(root: etree._Element) -> etree._Element:
    if root.tag != f"{{{PKG_REL_NS}}}Relationships":
        raise Unsupported(f"relationships root {root.tag!r}")
    return root


def relationships(root: etree._Element) -> list[Relationship]:
    return [Relationship(rel.get("Id", ""), rel.get("Type", ""), rel.get("Target", ""),
                         rel.get("TargetMode") == "External")
            for rel in _rels_root(root).iter(f"{{{PKG_REL_NS}}}Relationship")]


def new_relationships() -> etree._Element:
    return etree.Element(f"{{{PKG_REL_NS}}}Relationships", nsmap={None: PKG_REL_NS})


def add_relationship(root: etree._Element, rel_type: str, target: str) -> str:
    """Add a relationship to the rels document; return its fresh Id."""
    used = {rel.id for rel in relationships(root)}
    number = len(used) + 1
    while f"rId{number}" in used:
        number += 1
    rid = f"rId{number}"
    etree.SubElement(root, f"{{{PKG_REL_NS}}}Relationship", Id=rid, Type=rel_type, Target=target)
    return rid


def remove_relationships(root: etree._Element, rel_type: str) -> list[Relationship]:
    gone = []
    for rel in list(_rels_root(root).iter(f"{{{PKG_REL_NS}}}Relationship")):
        if rel.get("Type") == rel_type:
            gone.append(Relationship(rel.get("Id", ""), rel_type, rel.get("Target", ""),
                                     rel.get("TargetMode") == "External"))
            rel.getparent().remove(rel)
    return gone


class ContentTypes:
    PART = "[Content_Types].xml"

    def __init__(self, package: Package):
        self.package = package
        self.root = package.xml(self.PART)
        if self.root.tag != f"{{{CT_NS}}}Types":
            raise Unsupported("[Content_Types].xml is not a Types document")

    def overrides(self) -> dict[str, str]:
        return {o.get("PartName", "").lower(): o.get("ContentType", "")
                for o in self.root.iter(f"{{{CT_NS}}}Override")}

    def defaults(self) -> dict[str, str]:
        return {d.get("Extension", "").lower(): d.get("ContentType", "")
                for d in self.root.iter(f"{{{CT_NS}}}Default")}

    def add_default(self, extension: str, content_type: str) -> None:
        if extension.lower() not in self.defaults():
            etree.SubElement(self.root, f"{{{CT_NS}}}Default", Extension=extension, ContentType=content_type)

    def add_override(self, part: str, content_type: str) -> None:
        etree.SubElement(self.root, f"{{{CT_NS}}}Override", PartName="/" + part, ContentType=content_type)

    def remove_override(self, part: str) -> None:
        for override in self.root.iter(f"{{{CT_NS}}}Override"):
            if override.get("PartName", "").lower() == "/" + part.lower():
                self.root.remove(override)
                return

    def save(self) -> None:
        self.package.put(self.PART, self.root)


# ------------------------------------------------------------------ styles


class Styles:
    """Append fonts, fills, borders and cell formats to styles.xml; indices of the new ones."""

    BLOCKS = (("fonts", "font"), ("fills", "fill"), ("borders", "border"), ("cellXfs", "xf"))

    def __init__(self, root: etree._Element):
        if local(root.tag) != "styleSheet" or etree.QName(root).namespace != MAIN_NS:
            raise Unsupported(f"styles root {root.tag!r}")
        self.root = root
        self.blocks: dict[str, etree._Element] = {}
        for block, item in self.BLOCKS:
            element = root.find(_M + block)
            if element is None:
                raise Unsupported(f"styles.xml has no <{block}> list")
            self.blocks[block] = element
        style_xfs = root.find(_M + "cellStyleXfs")
        if style_xfs is None or style_xfs.find(_M + "xf") is None:
            raise Unsupported("styles.xml has no cell style format for xfId 0")
        self._clones: dict[tuple[int, int], int] = {}

    def _items(self, block: str) -> list[etree._Element]:
        item = dict(self.BLOCKS)[block]
        return [child for child in self.blocks[block] if child.tag == _M + item]

    def _append(self, block: str, element: etree._Element) -> int:
        parent = self.blocks[block]
        if element.getparent() is not parent:
            parent.append(element)
        count = len(self._items(block))
        parent.set("count", str(count))
        return count - 1

    def _element(self, block: str, name: str, **attributes) -> etree._Element:
        element = _new(self.blocks[block], name)
        for key, value in attributes.items():
            element.set(key, value)
        return element

    def font(self, name: str, size: int = 11, bold: bool = False, underline: bool = False,
             color: str | None = None) -> int:
        font = self._element("fonts", "font")
        if bold:
            etree.SubElement(font, _M + "b")
        if underline:
            etree.SubElement(font, _M + "u")
        etree.SubElement(font, _M + "sz", val=str(size))
        if color:
            etree.SubElement(font, _M + "color", rgb=color)
        etree.SubElement(font, _M + "name", val=name)
        etree.SubElement(font, _M + "family", val="1")
        return self._append("fonts", font)

    def solid_fill(self, rgb: str) -> int:
        fill = self._element("fills", "fill")
        pattern = etree.SubElement(fill, _M + "patternFill", patternType="solid")
        etree.SubElement(pattern, _M + "fgColor", rgb=rgb)
        etree.SubElement(pattern, _M + "bgColor", indexed="64")
        return self._append("fills", fill)

    def thin_border(self, rgb: str) -> int:
        border = self._element("borders", "border")
        for side in ("left", "right", "top", "bottom"):
            etree.SubElement(etree.SubElement(border, _M + side, style="thin"), _M + "color", rgb=rgb)
        etree.SubElement(border, _M + "diagonal")
        return self._append("borders", border)

    def cell_format(self, font: int, fill: int = 0, border: int = 0, vertical: str = "top",
                    wrap: bool = False) -> int:
        xf = self._element("cellXfs", "xf", numFmtId="0", fontId=str(font), fillId=str(fill), borderId=str(border),
                           xfId="0", applyFont="1", applyFill="1", applyBorder="1", applyAlignment="1")
        alignment = etree.SubElement(xf, _M + "alignment", vertical=vertical)
        if wrap:
            alignment.set("wrapText", "1")
        return self._append("cellXfs", xf)

    def with_fill(self, style: int, fill: int) -> int:
        """A clone of cell format `style` (number format, font, border, protection kept) with another fill."""
        key = (style, fill)
        if key not in self._clones:
            items = self._items("cellXfs")
            original = items[style] if 0 <= style < len(items) else items[0] if items else None
            clone = copy.deepcopy(original) if original is not None else self._element("cellXfs", "xf")
            if clone.getparent() is None:
                self.blocks["cellXfs"].append(clone)
            clone.set("fillId", str(fill))
            clone.set("applyFill", "1")
            for name in ("numFmtId", "fontId", "borderId", "xfId"):
                if clone.get(name) is None:  # all four are required by Excel even if the schema says optional
                    clone.set(name, "0")
            self._clones[key] = self._append("cellXfs", clone)
        return self._clones[key]


# ------------------------------------------------------------------ one flagged sheet


@dataclass
class Mark:
    """What one flagged cell gets: a fill (by its index in styles) and a comment."""
    fill: int
    comment: str
    width_px: int = 360
    height_px: int = 80


def _worksheet_root(root: etree._Element) -> etree._Element:
    if root.tag != _M + "worksheet":
        raise Unsupported(f"root element {root.tag!r}, expected a Transitional worksheet")
    return root


@dataclass
class Sheet:
    """A worksheet part and the facts the marking needs from it."""
    name: str
    part: str
    root: etree._Element
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)

    @classmethod
    def load(cls, package: Package, name: str, part: str) -> Sheet:
        root = _worksheet_root(package.xml(part))
        merged = []
        for cell in root.iter(_M + "mergeCell"):
            corners = [parse_ref(c) for c in (cell.get("ref") or "").split(":")]
            if len(corners) == 2 and all(corners):
                (r1, c1), (r2, c2) = corners
                merged.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))
        return cls(name, part, root, merged)

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
        if self.root.find(_M + "legacyDrawing") is not None:
            return True
        rels = rels_part(self.part)
        return rels in package and any(rel.type == REL_COMMENTS for rel in relationships(package.xml(rels)))


_CELL_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")


def mark_cells(root: etree._Element, marks: dict[tuple[int, int], int], restyle) -> None:
    """Give each (row, col) in marks the style restyle(original style, fill); create missing cells and rows."""
    _worksheet_root(root)
    data = root.find(_M + "sheetData")
    if data is None:
        raise Unsupported("worksheet without <sheetData>")
    col_styles = _column_styles(root)
    rows: dict[int, etree._Element] = {}
    for row in data.iterchildren(_M + "row"):
        number = row.get("r")
        if number is None or not number.isdigit():
            raise Unsupported("a row without r")
        rows[int(number)] = row
    by_row: dict[int, dict[int, int]] = {}
    for (row, col), fill in marks.items():
        by_row.setdefault(row, {})[col] = fill
    for number, cols in sorted(by_row.items()):
        row = rows.get(number)
        if row is None:
            row = _new(data, "row", r=str(number))
            after = [r for r in rows if r > number]
            if after:
                rows[min(after)].addprevious(row)
            rows[number] = row
        _mark_row(row, number, cols, restyle, col_styles)
    _extend_dimension(root, marks)


def _mark_row(row: etree._Element, number: int, cols: dict[int, int], restyle, col_styles: dict[int, int]) -> None:
    row_style = int(row.get("s")) if row.get("customFormat") in ("1", "true") and row.get("s") else None
    present: dict[int, etree._Element] = {}
    for cell in row.iterchildren(_M + "c"):
        found = _CELL_REF.fullmatch(cell.get("r") or "")
        if not found or int(found[2]) != number:
            raise Unsupported("a cell without r, or with another row's")
        present[col_number(found[1])] = cell
    for col, fill in sorted(cols.items()):
        cell = present.get(col)
        if cell is not None:
            cell.set("s", str(restyle(int(cell.get("s", "0")), fill)))
            continue
        base = row_style if row_style is not None else col_styles.get(col, 0)
        cell = _new(row, "c", r=cell_ref(number, col), s=str(restyle(base, fill)))
        after = [c for c in present if c > col]
        if after:
            present[min(after)].addprevious(cell)
        present[col] = cell
        if row.get("spans") is not None:
            del row.attrib["spans"]  # a hint; a stale one is worse than none


def _column_styles(root: etree._Element) -> dict[int, int]:
    styles = {}
    for col in root.iter(_M + "col"):
        if col.get("style") and col.get("min") and col.get("max"):
            for c in range(int(col.get("min")), min(int(col.get("max")), MAX_COLUMN) + 1):
                styles[c] = int(col.get("style"))
    return styles


def _extend_dimension(root: etree._Element, marks) -> None:
    dimension = root.find(_M + "dimension")
    if dimension is None:
        return
    corners = [parse_ref(c) for c in (dimension.get("ref") or "").split(":")]
    if not corners or not all(corners):
        return
    rows = [c[0] for c in corners] + [r for r, _ in marks]
    cols = [c[1] for c in corners] + [c for _, c in marks]
    first, last = cell_ref(min(rows), min(cols)), cell_ref(max(rows), max(cols))
    dimension.set("ref", first if first == last else f"{first}:{last}")


def add_legacy_drawing(root: etree._Element, rid: str) -> None:
    """Insert <legacyDrawing r:id=…/> where CT_Worksheet wants it."""
    _worksheet_root(root)
    if root.find(_M + "sheetData") is None:
        raise Unsupported("worksheet without <sheetData>")
    element = _with_r_id(root, "legacyDrawing", rid)
    _insert_before(root, element, _AFTER_LEGACY_DRAWING)


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
    """The o:idmap drawing numbers the workbook's VML parts already use."""
    blocks = set()
    for name in package.part_names():
        if name.lower().endswith(".vml"):
            root = etree.fromstring(package.read(name), _VML_PARSER)
            if root is None:
                raise Unsupported(f"{name} cannot be read")
            for idmap in root.iter("{urn:schemas-microsoft-com:office:office}idmap"):
                blocks.update(int(n) for n in re.findall(r"\d+", idmap.get("data", "")))
    return blocks


def clear_tab_selected(root: etree._Element) -> bool:
    """Unselect the sheet's tabs; whether anything changed."""
    changed = False
    for view in root.iter(_M + "sheetView"):
        if view.get("tabSelected") is not None:
            del view.attrib["tabSelected"]
            changed = True
    return changed


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
        main = [rel for rel in relationships(package.xml("_rels/.rels")) if rel.type == REL_OFFICE_DOCUMENT]
        if len(main) != 1:
            raise Unsupported("no single officeDocument relationship")
        self.part = resolve("", main[0].target)
        self.root = package.xml(self.part)
        if self.root.tag != _M + "workbook":
            raise Unsupported("not Transitional SpreadsheetML")  # Strict OOXML uses purl.oclc.org names
        self.rels_part = rels_part(self.part)
        self.rels = package.xml(self.rels_part)
        targets = {rel.id: rel for rel in relationships(self.rels)}
        self.sheets = []
        for sheet in self.root.iter(_M + "sheet"):
            rel = targets.get(sheet.get(_R_ID, ""))
            part = resolve(self.part, rel.target) if rel and not rel.external else None
            self.sheets.append(WorkbookSheet(sheet.get("name", ""), part, rel.type if rel else ""))

    def styles_part(self) -> str:
        rel = next((rel for rel in relationships(self.rels) if rel.type == REL_STYLES), None)
        if rel is None:
            raise Unsupported("no styles part")
        return resolve(self.part, rel.target)

    def insert_first_sheet(self, name: str, part: str, names: list[tuple[str, str, bool]]) -> None:
        """Register `part` as the first, active sheet; shift sheet-local names; add the new sheet's names."""
        rid = add_relationship(self.rels, REL_WORKSHEET, relative(self.part, part))
        sheets = self.root.find(_M + "sheets")
        if sheets is None:
            raise Unsupported("workbook without <sheets>")
        ids = [int(s.get("sheetId")) for s in sheets.iter(_M + "sheet") if (s.get("sheetId") or "").isdigit()]
        element = _with_r_id(sheets, "sheet", rid)
        element.set("name", clean_text(name))
        element.set("sheetId", str(max(ids, default=0) + 1))
        sheets.insert(0, element)
        for defined in self.root.iter(_M + "definedName"):
            if (defined.get("localSheetId") or "").isdigit():
                defined.set("localSheetId", str(int(defined.get("localSheetId")) + 1))
        defined_names = self.root.find(_M + "definedNames")
        if defined_names is None:
            defined_names = _new(self.root, "definedNames")
            _insert_before(self.root, defined_names, _AFTER_DEFINED_NAMES)
        for defined_name, value, hidden in names:
            element = etree.SubElement(defined_names, _M + "definedName", name=defined_name, localSheetId="0")
            if hidden:
                element.set("hidden", "1")
            element.text = clean_text(value)
        for view in self.root.iter(_M + "workbookView"):
            for attribute in ("activeTab", "firstSheet"):
                if view.get(attribute) is not None:
                    del view.attrib[attribute]

    def drop_calc_chain(self, types: ContentTypes) -> None:
        """Excel rebuilds calcChain.xml silently; a stale one makes it repair the file."""
        for rel in remove_relationships(self.rels, REL_CALC_CHAIN):
            part = resolve(self.part, rel.target)
            self.package.remove(part)
            types.remove_override(part)

    def save(self) -> None:
        self.package.put(self.part, self.root)
        self.package.put(self.rels_part, self.rels)
