"""The guard: refuse what would hurt before python-calamine (native code) parses a file.

The guard's acceptance is a superset of calamine's: whatever calamine would read, the guard has
bounded first. Its rules are calamine's own (calamine 0.37, src/xlsx, src/ods.rs, src/utils.rs,
src/attrs.rs), not a tidier reading of the standards:

- .xlsx: the workbook folder comes from `_rels/.rels` (the last relationship whose Type ends in
  `/relationships/officeDocument`); `workbook.xml`, `sharedStrings.xml` and
  `_rels/workbook.xml.rels` are fixed names in that folder; part names are looked up without
  regard to case or `\\` vs `/`; a sheet's relationship id is any attribute whose local name is
  `id`; elements are matched by local name (any prefix), attributes `r`, `t`, `Id`, `Target`,
  `uniqueCount` by their raw name. A cell reference is letters (any case) then digits (any
  number, leading zeros allowed), summed in wrapping 32-bit arithmetic; a cell without `r`
  takes the next column of the current row. `uniqueCount` is reserved up front; a shared-string
  index that is not a number reads string 0 silently.
- .ods: `content.xml` and its elements and attributes matched by their literal names with the
  `table:` prefix, whatever namespace that prefix is bound to; repeats expand.
- .xlsb is refused (calamine panics on real files); a zip with bytes before it, two parts with
  one name, several formats at once or XML that is not UTF-8 is refused.

Beyond bounding, every part that holds a `sheetData` is scanned, whether or not a relationship
leads to it, so no mapping subtlety can hide a sheet from the bounds. The scans also note what
calamine does not say: formula errors and formulas without a saved value (both read as ''),
merged cells in .ods, and shared-string indices calamine would misread.

Limits are in docs/security.md (generated from the constants below; a test checks the page).
"""

from __future__ import annotations

import copy
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from ..model import column_letter

# A group workbook is a few hundred KB: 400 members, ~10 000 cells per sheet, a few thousand
# distinct strings. Each limit leaves a margin of 20x or more.
MAX_FILE_BYTES = 64 * 1024 * 1024  # on disk
MAX_UNZIPPED_BYTES = 512 * 1024 * 1024  # all parts together, counted as actually inflated
MAX_PART_BYTES = 128 * 1024 * 1024  # one part, counted as actually inflated
MAX_PARTS = 10_000  # members of the zip
MAX_INFLATE_RATIO = 200  # a real workbook part compresses ~5-30x; bombs go to 1000x
# A consolidated workbook (the roll-up's input) of 100 000 members has ledgers of ~200 000 rows x 12
# columns and as many distinct strings: these two leave room for that, and calamine's rows x columns
# allocation (~32 bytes a cell) stays near 256 MB at the limit.
MAX_SHEET_CELLS = 8_000_000  # rows x columns from A1 to the farthest cell that holds something
assert 9_999 * 702 <= MAX_SHEET_CELLS  # the fast scan skips sheets within ZZ9999 (see _FAR_CELL)
MAX_SHARED_STRINGS = 2_000_000  # distinct strings in an .xlsx, and the uniqueCount it declares
# An .ods cell's `<text:s text:c="N"/>` is N spaces, which calamine writes out in full: a few bytes
# become a gigabyte string. Calc writes it for runs of spaces in a text (a handful each).
MAX_ODS_SPACES = 1_000_000  # all text:s spaces of a content.xml together

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")  # the OLE stream holding encrypted OOXML
_DTD_PATTERN = r"<!(?:DOCTYPE|ENTITY)"  # no Office or LibreOffice part ever has one; one pass for both
_DTD = re.compile(_DTD_PATTERN.encode())  # in a part's bytes
_DTD_TEXT = re.compile(_DTD_PATTERN)  # in a UTF-16 part's decoded text
_EOCD = b"PK\x05\x06"  # end of a zip's central directory
_ZIP64_LOCATOR = b"PK\x06\x07"  # points to a zip64 end record, which then says where the directory is
_U32 = 0xFFFFFFFF


class UnreadableWorkbook(Exception):
    """The file cannot be opened as a workbook; `code` is the finding to give."""

    def __init__(self, code: str, detail="") -> None:
        # detail: a key of the text catalogue, (key, detail) or (key, {params}), or words shown as read
        super().__init__(str(detail) or code)
        self.code = code
        self.detail = detail


@dataclass
class SheetScan:
    """What calamine does not tell, keyed by A1 references."""

    errors: dict[str, str] = field(default_factory=dict)  # cell -> "#REF!"
    no_value: dict[str, str] = field(default_factory=dict)  # cell -> "=SUM(D4:O4)"
    merged: list[tuple[tuple[int, int], tuple[int, int]]] | None = None  # as calamine's merged_cell_ranges
    bad_strings: dict[str, str] = field(default_factory=dict)  # cell -> the shared-string index written
    # The workbook counts days from 1904 (Mac Excel's `<workbookPr date1904="1"/>`): calamine turns a
    # date-formatted cell into the right date, but a serial number it gives as a number is a 1904 one.
    date1904: bool = False


def too_large(detail) -> UnreadableWorkbook:
    return UnreadableWorkbook("file-too-large", detail)


def unsafe(detail) -> UnreadableWorkbook:
    return UnreadableWorkbook("file-unsafe", detail)


def guard(path: Path) -> dict[str, SheetScan]:
    """Refuse what would hurt before a parser sees it; return the per-sheet scans.

    Raises UnreadableWorkbook with the finding's code. A file that is neither OLE nor zip is
    passed through (calamine then says it is not a workbook).
    """
    path = Path(path)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise too_large(f"{size // (1024 * 1024)} MB > {MAX_FILE_BYTES // (1024 * 1024)} MB")
    if size == 0:
        raise UnreadableWorkbook("file-unreadable", "unreadable.empty")
    with open(path, "rb") as handle:
        magic = handle.read(8)
        if magic.startswith(OLE_MAGIC[:4]):
            if _contains(handle, _ENCRYPTED_STREAM):
                raise UnreadableWorkbook("file-encrypted")  # Office wraps encrypted OOXML in an OLE container
            handle.seek(0)
            from .ole import guard_ole  # only for legacy .xls

            guard_ole(handle, size)
            return {}
        handle.seek(0)
        if not magic.startswith(b"PK"):
            # calamine's zip reader finds an archive behind any prefix: refuse, never pass it unscanned
            if _contains(handle, _EOCD):
                raise unsafe("unsafe.prefix")
            return {}
        start = max(0, size - (1 << 16) - 22 - 76)  # the longest comment, and a zip64 end record before it
        handle.seek(start)
        tail = handle.read()
        if tail.count(_EOCD) > 1 or _zip64_disagrees(tail, start):
            raise unsafe("unsafe.directories")
    try:
        with zipfile.ZipFile(path) as archive:
            return _guard_zip(archive)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError) as exc:
        raise UnreadableWorkbook("file-unreadable", ("unreadable.broken_zip", str(exc)[:100])) from exc
    except expat.ExpatError as exc:
        raise unsafe(f"XML: {str(exc)[:80]}") from exc


def _zip64_disagrees(tail: bytes, start: int) -> bool:
    """Whether the zip64 end record and the plain end record lead to two directories. Python's
    zipfile takes every figure from the zip64 record right before the locator; calamine's zip crate
    keeps the plain record's figures unless they are saturated (0xFFFF, 0xFFFFFFFF). A workbook
    under our limits needs no zip64 record, and one that repeats the plain figures is harmless."""
    at = tail.rfind(_EOCD)
    if at < 20 or tail[at - 20:at - 16] != _ZIP64_LOCATOR:
        return False  # zipfile reads the plain record, as calamine does
    if at < 76 or tail[at - 76:at - 72] != b"PK\x06\x06":
        return True  # a locator without the record where zipfile looks for it
    locator_disk, record_at, disks = struct.unpack_from("<IQI", tail, at - 16)
    disk, cd_disk, on_disk, entries, cd_size, cd_offset = struct.unpack_from("<IIQQQQ", tail, at - 76 + 16)
    plain = struct.unpack_from("<HHHHII", tail, at + 4)
    zip64 = (disk, cd_disk, on_disk, entries, cd_size, cd_offset)
    saturated = (0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, _U32, _U32)
    if any(p != z and p != full for p, z, full in zip(plain, zip64, saturated)):
        return True
    # the locator's own pointer (which the zip crate may follow) must lead to that same record
    return (locator_disk, disks) != (0, 1) or record_at != start + at - 76


def _guard_zip(archive: zipfile.ZipFile) -> dict[str, SheetScan]:
    infos = archive.infolist()
    if len(infos) > MAX_PARTS:
        raise too_large(("too_large.parts", {"parts": len(infos)}))
    if infos and min(info.header_offset for info in infos) != 0:
        raise unsafe("unsafe.prefix")
    parts: dict[str, str] = {}  # calamine's lookup key (lower case, '/') -> the part's real name
    declared = 0
    for info in infos:
        key = info.filename.replace("\\", "/").lower()
        if key in parts:
            raise unsafe(("unsafe.duplicate_part", info.filename[:60]))
        parts[key] = info.filename
        declared += info.file_size
        if _bomb_ratio(info.file_size, info.compress_size):
            raise too_large(f"zip bomb: {info.filename[:60]}")
        if info.flag_bits & 0x1:
            raise UnreadableWorkbook("file-encrypted")
    if declared > MAX_UNZIPPED_BYTES:
        raise too_large(f"zip bomb: {declared // (1024 * 1024)} MB")
    total = 0
    kept: dict[str, bytes] = {}  # XML parts scanned next, so each is inflated once
    for info in infos:
        inflated, data = _inflate_part(archive, info, MAX_UNZIPPED_BYTES - total)
        total += inflated
        if data is not None:
            kept[info.filename] = data
    names = set(parts.values())
    if "xl/workbook.bin" in parts or any(key.endswith(".bin") and "/worksheets/" in key for key in parts):
        raise UnreadableWorkbook("file-xlsb")
    ooxml = "_rels/.rels" in parts
    ods = "content.xml" in names  # calamine's .ods reader looks the name up exactly
    if ooxml and ods:
        raise unsafe("unsafe.mixed_formats")
    if "META-INF/manifest.xml" in names and b"encryption-data" in kept.get("META-INF/manifest.xml", b""):
        raise UnreadableWorkbook("file-encrypted")  # an .ods saved with a password
    if ods:
        return _scan_ods(kept["content.xml"])
    if ooxml:
        return _scan_xlsx(parts, kept)
    for name, data in kept.items():  # no known format: calamine opens nothing, but bound anyway
        if b"sheetData" in data:
            _scan_xlsx_sheet(data, name, 0)
    return {}


def _contains(handle, needle: bytes, chunk: int = 1 << 20) -> bool:
    tail = b""
    while block := handle.read(chunk):
        if needle in tail + block:
            return True
        tail = block[-len(needle):]
    return False


def _inflate_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> tuple[int, bytes | None]:
    """Inflate one part in small chunks, counting real bytes: the declared size may lie.
    Returns the bytes of an XML part (for the scans), None for media."""
    limit = min(budget, MAX_PART_BYTES)
    probe = copy.copy(info)
    # zipfile stops at the declared size (and checks the CRC there): let it run past our limit
    probe.file_size = limit + (1 << 20)
    inflated = 0
    tail = b""
    blocks: list[bytes] = []
    keep = True
    sheet_like = False  # a part not kept that holds the name of a sheet's cell table
    wide = None  # the codec of a part that starts as UTF-16 does
    with archive.open(probe) as stream:
        while block := stream.read(1 << 16):
            inflated += len(block)
            if inflated > limit:
                raise too_large(f"{info.filename[:60]} > {limit // (1024 * 1024)} MB")
            if _bomb_ratio(inflated, info.compress_size):
                raise too_large(f"zip bomb: {info.filename[:60]}")
            if not blocks and inflated == len(block):
                wide = _utf16_codec(block)
                keep = wide is not None or _is_xml(block, info.filename)
            window = tail + block
            if _DTD.search(window):
                raise unsafe(f"DTD/ENTITY: {info.filename[:60]}")
            sheet_like = sheet_like or (not keep and b"sheetData" in window)
            tail = block[-16:]
            if keep:
                blocks.append(block)
    if inflated != info.file_size:
        raise unsafe(("unsafe.size_lies", info.filename[:60]))
    if sheet_like:
        # Not XML by its start or its name, yet a relationship may make it a sheet, and quick-xml
        # skips whatever comes before the first tag: inflated again (its size is counted above)
        # for the scans to bound it like any sheet.
        with archive.open(probe) as stream:
            return inflated, stream.read(inflated)
    if wide is not None:
        _check_wide_part(b"".join(blocks), wide, info.filename)
        return inflated, None  # no reader of ours or of calamine's takes anything from it
    return inflated, (b"".join(blocks) if keep else None)


_XML_DECLARATION = re.compile(rb"^<\?xml[^>]*encoding\s*=\s*[\"']([^\"']*)[\"']")


def _is_xml(head: bytes, name: str) -> bool:
    """Whether a part is XML that a parser may read. quick-xml decodes declared encodings, which
    would hide a DTD from the byte check: only UTF-8 XML is accepted (UTF-16: _check_wide_part)."""
    body = (head[3:] if head.startswith(b"\xef\xbb\xbf") else head).lstrip()
    if not body.startswith(b"<"):
        return name.lower().endswith((".xml", ".rels"))  # kept for the scans, which then refuse it
    declared = _XML_DECLARATION.match(body)
    if declared and declared.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
        raise unsafe(("unsafe.not_utf8", name[:60]))
    return True


def _utf16_codec(head: bytes) -> str | None:
    """The codec of a part that starts as UTF-16 XML does (a byte-order mark, or '<' beside a zero byte)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if head.startswith(b"<\x00"):
        return "utf-16-le"
    if head.startswith(b"\x00<"):
        return "utf-16-be"
    return None


# Parts calamine opens by their name, whatever a relationship says.
_NAMED_PARTS = ("[content_types].xml", ".rels", "workbook.xml", "sharedstrings.xml", "styles.xml", "content.xml",
                "manifest.xml")
# Elements a reader acts on (calamine's sheet, shared-string, workbook, relationship, style and table
# readers), as quick-xml sees a start tag: '<', any prefix (whatever comes before the first ':', a
# control character too), the local name.
_READ_ELEMENTS = re.compile(r"<(?:[^\s<>/:]*:)?(?:sheetData|dimension|mergeCells?|row|c|sst|si|workbook|sheets?|"
                            r"definedNames?|Relationships?|styleSheet|numFmts?|cellXfs|xf|Types|Override|Default|"
                            r"tables?|tableColumns?)[\s/>]")


def _check_wide_part(data: bytes, codec: str, name: str) -> None:
    """A part in UTF-16 is accepted only where no reader would take anything from it: Excel writes
    some there (Power Query's customXml/item1.xml, an add-in's xl/customProperty1.bin), and a
    workbook holding one is otherwise sound. Its text is decoded here, so a DTD cannot hide in the
    encoding; one that a reader opens by its name, or that holds an element a reader acts on, is
    refused as before (the scans read UTF-8 only)."""
    lower = name.lower().replace("\\", "/")
    if _READ_ELEMENTS.search(data.decode("latin-1")):
        # only its start is UTF-16: calamine reads the bytes as UTF-8 and acts on these elements
        raise unsafe(("unsafe.not_utf8", name[:60]))
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        if lower.endswith((".xml", ".rels")):
            raise unsafe(("unsafe.not_utf8", name[:60])) from None
        return  # binary that merely starts like UTF-16: no XML reader can parse it
    if _DTD_TEXT.search(text):
        raise unsafe(f"DTD/ENTITY: {name[:60]}")
    if lower.endswith(_NAMED_PARTS) or "/worksheets/" in lower or _READ_ELEMENTS.search(text):
        raise unsafe(("unsafe.not_utf8", name[:60]))


def _bomb_ratio(inflated: int, compressed: int) -> bool:
    return inflated > 1024 * 1024 and inflated > MAX_INFLATE_RATIO * max(compressed, 1)


def _number(digits: str) -> int:
    """The value of a string of ASCII digits (a leading '+' allowed) that a file chose; one past any
    limit (u64) reads as that limit, since Python refuses to convert more than 4300 digits."""
    significant = digits.lstrip("+").lstrip("0")
    return int(significant or "0") if len(significant) <= 20 else 1 << 64


def check_extent(sheet: str, rows: int, cols: int) -> None:
    """rows x columns of the grid from A1 to the farthest cell (python-calamine returns that grid)."""
    if rows * cols > MAX_SHEET_CELLS:
        raise too_large(("too_large.sheet", {"sheet": sheet[:40], "rows": rows, "cols": cols}))


# ------------------------------------------------------------------ .xlsx


def calamine_position(ref: bytes) -> tuple[int, int | None] | None:
    """(row, column), 0-based, as calamine's get_row_and_optional_column computes them, or None
    where calamine refuses the reference (and stops reading the sheet). Letters of any case, then
    digits, each summed in wrapping 32-bit arithmetic like calamine's u32 in a release build."""
    col = row = 0
    i, n = 0, len(ref)
    while i < n:
        ch = ref[i]
        if 65 <= ch <= 90:
            col = (col * 26 + ch - 64) & _U32
        elif 97 <= ch <= 122:
            col = (col * 26 + ch - 96) & _U32
        elif 48 <= ch <= 57:
            break
        else:
            return None
        i += 1
    if i == n:
        return None  # no row
    while i < n:
        ch = ref[i]
        if not 48 <= ch <= 57:
            return None
        row = (row * 10 + ch - 48) & _U32
        i += 1
    if row == 0:
        return None
    return row - 1, (col - 1 if col else None)


def _parse(data: bytes, start=None, end=None, text=None) -> None:
    """Expat without namespace processing, so names arrive raw ('x:c') as calamine sees them."""
    parser = expat.ParserCreate()

    def refuse(*_args):
        raise unsafe("DTD/ENTITY")

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.buffer_text = True
    if start:
        parser.StartElementHandler = start
    if end:
        parser.EndElementHandler = end
    if text:
        parser.CharacterDataHandler = text
    parser.Parse(data, True)


def _local(name: str) -> str:
    return name[name.rfind(":") + 1:]


def _relationships(data: bytes) -> list[tuple[str, str, str]]:
    """(Id, Type, Target) of each Relationship element, raw attribute names as calamine reads them."""
    found = []

    def start(name, attrs):
        if _local(name) == "Relationship":
            found.append((attrs.get("Id", ""), attrs.get("Type", ""), attrs.get("Target", "")))

    _parse(data, start)
    return found


def _scan_xlsx(parts: dict[str, str], kept: dict[str, bytes]) -> dict[str, SheetScan]:
    def part(path: str) -> bytes | None:
        real = parts.get(path.lower())  # calamine's cached_zip_path (the query keeps its '\\')
        return kept.get(real) if real else None

    office = [t for _i, typ, t in _relationships(part("_rels/.rels") or b"") if typ.endswith("/relationships/officeDocument")]
    base = ""
    if office:
        target = office[-1]
        cut = target.rfind("/")
        base = target[:cut + 1].removeprefix("/") if cut >= 0 else ""
    strings = _shared_strings(parts, kept, part(base + "sharedStrings.xml"))
    workbook = part(base + "workbook.xml")
    sheet_parts = _sheet_parts(base, workbook, part(base + "_rels/workbook.xml.rels"), parts)
    date1904 = workbook is not None and _date1904(workbook)
    scans: dict[str, SheetScan] = {}
    scanned: dict[str, SheetScan] = {}
    for real, data in kept.items():
        if b"sheetData" in data:  # every worksheet-like part, whether or not a relationship leads to it
            scanned[real] = _scan_sheet_part(data, real, strings)
    for sheet, real in sheet_parts.items():
        if real in scanned:
            scans.setdefault(sheet, scanned[real]).date1904 = date1904
    mapped = set(sheet_parts.values())
    for real, scan in scanned.items():
        if scan.bad_strings and real not in mapped:
            raise unsafe(("unsafe.bad_string_index", real[:60]))
    return scans


def _shared_strings(parts: dict[str, str], kept: dict[str, bytes], data: bytes | None) -> int:
    """How many strings calamine loads; refuses a uniqueCount (reserved up front) or a count over the limit.
    Every part named like a shared-strings table is bounded, whichever one calamine opens."""
    count = 0
    for key, real in parts.items():
        if key.endswith("sharedstrings.xml") and kept.get(real) is not None:
            n = _count_strings(kept[real])
            if kept[real] is data:
                count = n
    return count


_FAST_SI = re.compile(rb"<si[\s/>]")


_PREFIXED_SST = re.compile(rb"<[A-Za-z_][\w.-]*:(?:si|sst)[\s/>]")
_SST_TAG = re.compile(rb"<sst\b[^>]*>")
_UNIQUE = re.compile(rb"\suniqueCount\s*=\s*[\"']([^\"']*)[\"']")


def _count_strings(data: bytes) -> int:
    """Strings in one shared-strings part (every `si`, by local name); its uniqueCount bounded."""
    tag = _SST_TAG.search(data[:8192])
    if tag is not None and not _PREFIXED_SST.search(data):
        unique = [m.group(1) for m in _UNIQUE.finditer(tag.group(0))][:1]
        count = data.count(b"<si>") + data.count(b"<si ") + data.count(b"<si/") + data.count(b"<si\t") \
            + data.count(b"<si\n") + data.count(b"<si\r")
    else:
        unique = []
        count = 0

        def start(name, attrs):
            nonlocal count
            local = _local(name)
            if local == "si":
                count += 1
            elif local == "sst" and "uniqueCount" in attrs and not unique:
                unique.append(attrs["uniqueCount"].encode())

        _parse(data, start)
    for value in unique:  # calamine reserves this many strings before reading one
        if re.fullmatch(rb"[0-9]+", value) and _number(value.decode()) > MAX_SHARED_STRINGS:
            raise too_large(f"uniqueCount {value[:20].decode()} > {MAX_SHARED_STRINGS:,}")
    if count > MAX_SHARED_STRINGS:
        raise too_large(("too_large.strings", {"limit": MAX_SHARED_STRINGS}))
    return count


def _date1904(workbook: bytes) -> bool:
    """Whether calamine reads the workbook in the 1904 date system: a `workbookPr` (any prefix) whose
    attribute spelt `date1904` is exactly "1" or "true" (calamine 0.37 src/xlsx/mod.rs)."""
    if b"date1904" not in workbook:
        return False
    found = []

    def start(name, attrs):
        if _local(name) == "workbookPr":
            found.append(attrs.get("date1904") in ("1", "true"))

    _parse(workbook, start)
    return bool(found) and found[-1]


def _sheet_parts(base: str, workbook: bytes | None, rels: bytes | None, parts: dict[str, str]) -> dict[str, str]:
    """Sheet name -> real part name, resolved as calamine's read_workbook does; the first sheet of a name wins."""
    if workbook is None or rels is None:
        return {}
    targets = {rid: target for rid, _typ, target in _relationships(rels)}  # a repeated Id: the last wins
    found: dict[str, str] = {}

    def start(name, attrs):
        if _local(name) != "sheet":
            return
        rid = None
        for key, value in attrs.items():
            if key == "id" or key.endswith(":id"):
                rid = value
        target = targets.get(rid) if rid is not None else None
        if target is None:
            return
        path = target[1:] if target.startswith("/") else base + target
        real = parts.get(path.lower())
        if real is not None:
            found.setdefault(attrs.get("name", ""), real)

    _parse(workbook, start)
    return found


# Fast path: the form every writer we know produces (XlsxWriter, Excel, LibreOffice). Anything
# else -- prefixes, cells without a reference, odd spacing, repeated attributes -- goes to expat.
_ANY_C = re.compile(rb"<c[\s/>]")
_CANON_C = re.compile(rb'<c r="[A-Z]{1,3}[1-9][0-9]{0,6}"[\s/>]')
_R_ATTR = re.compile(rb"\sr\s*=")
_CANON_ROW = re.compile(rb'<row r="[1-9][0-9]{0,6}"[\s/>]')
_PREFIXED = re.compile(rb"<[A-Za-z_][\w.-]*:(?:c|row|v|f|is|sheetData)[\s/>]")
_FAR_CELL = re.compile(rb'<c r="(?:[A-Z]{3}|[A-Z]{1,2}[0-9]{5})')  # column AAA+ or row 10000+
_CONTENT_ROW = re.compile(rb'<c r="[A-Z]{1,3}([0-9]{1,7})"')
_CONTENT_COL = re.compile(rb'<c r="([A-Z]{1,3})[0-9]')
_STRING_CELL = re.compile(rb'<c r="([A-Z]{1,3}[1-9][0-9]{0,6})"(?: s="[0-9]+")? t="s"(?: s="[0-9]+")?><v>([0-9]{1,9})</v></c>')


def _scan_sheet_part(data: bytes, name: str, strings: int) -> SheetScan:
    scan = _scan_xlsx_sheet_fast(data, name, strings)
    return scan if scan is not None else _scan_xlsx_sheet(data, name, strings)


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ch - 64
    return number


# A prefixed cell (`<x:c>`, a cell to calamine) sends the sheet to the exact scan, and so does
# whitespace other than single spaces (tabs, line breaks beyond the XML declaration's).
_PREFIXED_CELL = re.compile(rb":c[ >/\t\n\r]")  # one pass, not one per following character
# A regex led by a literal is one fast pass where `in` or count() would take one per spelling.
_FORMULA = re.compile(rb"<f[ >]")
# An error cell (t="e"), or a type attribute spelt otherwise than t="…" (t='s', t ="s"): calamine reads
# those as typed, so the string indices behind them are checked by the exact scan. Tabs and line
# breaks, the other spacing, never reach this test.
_ERROR_OR_ODD_TYPE = re.compile(rb"""t(?:=(?:"e"|'| )| +=)""")
_CELL_WITHOUT_REF = re.compile(rb'<c(?:[>/]| (?!r="))')
_ODD_R_ATTR = re.compile(rb' r=(?:(?!")|(?<!<c r=)(?<!<row r=))')  # any ' r=' but the one in '<c r="' or '<row r="'
_ODD_REF = re.compile(rb'<c r="(?![A-Z]{1,3}[1-9][0-9]{0,6}"[\s/>])')
# The two regexes tried at every cell are possessive (`++`, `?+`): each part stops where the next must
# start (letters, then digits, then a quote), so giving characters back could never help a match.
_NOT_NEAR_REF = re.compile(rb'<c r="(?![A-Z]{1,2}+[1-9][0-9]{0,3}+"[\s/>])')  # odd, or far (_FAR_CELL)
_STRING_INDEX = re.compile(rb'<c r="[A-Z]{1,3}+[1-9][0-9]{0,6}+"(?: s="[0-9]++")?+ t="s"(?: s="[0-9]++")?+'
                           rb'><v>([0-9]{1,9}+)</v></c>')


def _scan_xlsx_sheet_fast(data: bytes, sheet: str, strings: int = 1 << 62) -> SheetScan | None:
    """The common case at C speed: no formula, no error cell, every cell with its own canonical
    reference. None means 'not the common case': the exact scan decides."""
    if _FORMULA.search(data) or _ERROR_OR_ODD_TYPE.search(data) or _PREFIXED_CELL.search(data):
        return None
    head = data.find(b"?>") + 2 if data.startswith(b"<?xml") else 0  # the declaration's own line break
    if b"\t" in data or data.find(b"\n", head + 2) >= 0 or data.find(b"\r", head + 2) >= 0:
        return None  # a line break further on: maybe between '<c' and 'r=' 
    if _CELL_WITHOUT_REF.search(data):
        return None  # a cell whose position follows from the previous one
    if _ODD_R_ATTR.search(data):
        return None  # an r attribute with another quote or spacing, somewhere unexpected, or twice
    # One search for the common case, a near reference (two letters and four digits at most): only a
    # sheet that has another one needs the two searches that tell an odd reference from a far cell.
    far = _NOT_NEAR_REF.search(data) is not None
    if far and _ODD_REF.search(data):
        return None  # an odd reference
    scan = SheetScan()
    typed = data.count(b't="s"')
    if typed:
        indices = _STRING_INDEX.findall(data)
        if len(indices) != typed:
            return None
        if max(map(int, set(indices))) >= strings:  # a few hundred distinct indices among thousands
            found = _STRING_CELL.findall(data)
            scan.bad_strings = {ref.decode(): index.decode() for ref, index in found if int(index) >= strings}
    if (far and _FAR_CELL.search(data)) or MAX_SHEET_CELLS < 9_999 * 702:
        rows = _CONTENT_ROW.findall(data)
        if rows:
            max_row = max(map(int, rows))
            max_col = max(_column_number(col) for col in set(_CONTENT_COL.findall(data)))
            check_extent(sheet, max_row, max_col)
    return scan  # else every reference within ZZ9999: at most 7.02M cells, under MAX_SHEET_CELLS


def _scan_xlsx_sheet(data: bytes, sheet: str, strings: int) -> SheetScan:
    """One pass of expat with calamine's cell-position rules (cells_reader.rs next_cell): the
    extent of the cells that hold anything, error cells (t="e"), formulas with no saved value,
    and shared-string indices calamine would misread."""
    scan = SheetScan()
    state = {"row": 0, "col": 0, "max_row": 0, "max_col": 0, "in_data": False}
    cell: dict | None = None
    into = None

    def start(name, attrs):
        nonlocal cell, into
        tag = _local(name)
        if cell is not None:
            cell["content"] = True
            if tag in ("v", "f", "is"):
                into = tag
                cell["f"] = cell["f"] or tag == "f"
            return
        if tag == "sheetData":
            state["in_data"] = True
        elif tag == "row":
            given = attrs.get("r")
            if given is not None:
                position = calamine_position(given.encode())
                if position is not None:
                    state["row"] = position[0]
        elif tag == "c":
            given = attrs.get("r")
            if given is not None:
                position = calamine_position(given.encode())
                if position is None or position[1] is None:
                    pos = None  # calamine stops reading this sheet here
                else:
                    pos = position
                    state["col"] = position[1]
            else:
                pos = (state["row"], state["col"])
            cell = {"pos": pos, "t": attrs.get("t"), "content": False, "f": False, "v": "", "formula": ""}

    def text(data):
        if cell is not None and into == "v":
            cell["v"] += data
        elif cell is not None and into == "f":
            cell["formula"] += data

    def end(name):
        nonlocal cell, into
        tag = _local(name)
        if cell is not None and tag != "c":
            if tag in ("v", "f", "is"):
                into = None
            return
        if tag == "row":
            state["row"] = (state["row"] + 1) & _U32
            state["col"] = 0
        elif tag == "c" and cell is not None:
            state["col"] = (state["col"] + 1) & _U32
            pos, done = cell["pos"], cell
            cell = None
            if pos is None or not done["content"]:
                return
            row, col = pos
            if row + 1 > state["max_row"] or col + 1 > state["max_col"]:
                state["max_row"] = max(state["max_row"], row + 1)
                state["max_col"] = max(state["max_col"], col + 1)
                check_extent(sheet, state["max_row"], state["max_col"])
            here = f"{column_letter(col)}{row + 1}"
            if done["t"] == "e":
                scan.errors[here] = done["v"].strip() or "#?"
            elif done["f"] and not done["v"]:
                scan.no_value[here] = "=" + done["formula"]
            elif done["t"] == "s" and done["v"] and not (done["v"].isascii() and done["v"].isdigit()
                                                       and _number(done["v"]) < strings):
                scan.bad_strings[here] = done["v"][:20]

    _parse(data, start, end, text)
    return scan


# ------------------------------------------------------------------ .ods


_ODS_PLAIN_CELL_ATTRS = {"table:number-columns-repeated", "table:style-name", "table:content-validation-name"}


def _repeat(value: str | None) -> int:
    if value is None:
        return 1
    if not re.fullmatch(r"\+?[0-9]+", value):
        raise unsafe(("unsafe.bad_repeat", value[:20]))
    return max(1, _number(value))


def _scan_ods(data: bytes) -> dict[str, SheetScan]:
    """content.xml by calamine's literal names ('table:table-row' whatever 'table' is bound to):
    repeated rows and columns expand, so the extent is counted with repeats."""
    scans: dict[str, SheetScan] = {}
    state = {"sheet": "", "row": 0, "col": 0, "repeat_rows": 1, "max_row": 0, "max_col": 0, "depth": 0}
    scan = SheetScan(merged=[])
    cell: dict | None = None
    spaces = 0

    def start(name, attrs):
        nonlocal scan, cell, spaces
        if name == "text:s":  # calamine's literal name, as for the table elements
            spaces += _repeat(attrs.get("text:c"))
            if spaces > MAX_ODS_SPACES:
                raise too_large(f"content.xml: text:s > {MAX_ODS_SPACES:,}")
        if cell is not None:
            cell["depth"] += 1
            cell["content"] = True
            return
        if name == "table:table":
            state.update(sheet=attrs.get("table:name", ""), row=0, max_row=0, max_col=0)
            scan = scans.setdefault(state["sheet"], SheetScan(merged=[]))
        elif name == "table:table-row":
            state["repeat_rows"] = _repeat(attrs.get("table:number-rows-repeated"))
            state["col"] = 0
        elif name in ("table:table-cell", "table:covered-table-cell"):
            cell = {"repeat": _repeat(attrs.get("table:number-columns-repeated")), "depth": 0, "attrs": attrs,
                    "content": any(key not in _ODS_PLAIN_CELL_ATTRS for key in attrs), "text": ""}

    def text(data):
        if cell is not None:
            cell["text"] += data

    def end(name):
        nonlocal cell
        if cell is not None:
            if cell["depth"]:
                cell["depth"] -= 1
                return
            done, cell = cell, None
            row, col = state["row"], state["col"]
            if done["content"]:
                end_row, end_col = row + state["repeat_rows"], col + done["repeat"]
                if end_row > state["max_row"] or end_col > state["max_col"]:
                    state["max_row"] = max(end_row, state["max_row"])
                    state["max_col"] = max(end_col, state["max_col"])
                    check_extent(state["sheet"], state["max_row"], state["max_col"])
                attrs = done["attrs"]
                ref = f"{column_letter(col)}{row + 1}"
                if attrs.get("calcext:value-type") == "error":
                    scan.errors[ref] = done["text"].strip() or "#?"
                spans = (_repeat(attrs.get("table:number-rows-spanned")),
                         _repeat(attrs.get("table:number-columns-spanned")))
                if spans != (1, 1):
                    scan.merged.append(((row, col), (row + spans[0] - 1, col + spans[1] - 1)))
            state["col"] += done["repeat"]
        elif name == "table:table-row":
            state["row"] += state["repeat_rows"]

    _parse(data, start, end, text)
    return scans


def limits_markdown() -> str:
    """The limits table of docs/security.md, from the constants themselves (tests/test_security_doc.py)."""
    from .. import isolation, reader
    from . import ole

    mb = 1024 * 1024
    rows = [
        ("guard", "MAX_FILE_BYTES", f"{MAX_FILE_BYTES // mb} MB on disk", "0,1–0,3 MB"),
        ("guard", "MAX_UNZIPPED_BYTES", f"{MAX_UNZIPPED_BYTES // mb} MB, all parts, counted as really inflated", "1–3 MB"),
        ("guard", "MAX_PART_BYTES", f"{MAX_PART_BYTES // mb} MB, one part, counted as really inflated", "< 1 MB"),
        ("guard", "MAX_INFLATE_RATIO", f"{MAX_INFLATE_RATIO} (parts over 1 MB)", "5–30"),
        ("guard", "MAX_PARTS", f"{MAX_PARTS:,} zip members", "~20"),
        ("guard", "MAX_SHEET_CELLS", f"{MAX_SHEET_CELLS:,} cells from A1 to the farthest cell holding anything",
         "~10 000"),
        ("guard", "MAX_SHARED_STRINGS", f"{MAX_SHARED_STRINGS:,} strings, and the uniqueCount an .xlsx declares",
         "a few thousand"),
        ("guard (.ods)", "MAX_ODS_SPACES", f"{MAX_ODS_SPACES:,} spaces written as `<text:s text:c=…>` in content.xml",
         "a few"),
        ("guard (.xls)", "MAX_DIMENSION_ROWS × MAX_DIMENSION_COLS",
         f"{ole.MAX_DIMENSION_ROWS:,} × {ole.MAX_DIMENSION_COLS} declared by a DIMENSIONS record", "~400 × 20"),
        ("guard (.xls)", "MAX_RESERVED_ENTRIES", f"{ole.MAX_RESERVED_ENTRIES:,} FAT/DIFAT entries a header may declare",
         "< 100"),
        ("reader", "MAX_TEXT_CHARS", f"{reader.MAX_TEXT_CHARS:,} characters in a text cell", "< 100"),
        ("reader", "MAX_NAME_CHARS", f"{reader.MAX_NAME_CHARS} characters in a name", "< 40"),
        ("reader", "MAX_CODE_CHARS", f"{reader.MAX_CODE_CHARS} characters in a code or a citizen ID", "3–12"),
        ("reader", "MAX_AMOUNT", f"{reader.MAX_AMOUNT:,} đồng (or a count): that much or more is refused",
         "< 10⁹"),
        ("worker", "WORKER_MEMORY_BYTES", f"{isolation.WORKER_MEMORY_BYTES // mb:,} MB address space (RLIMIT_AS)",
         "~100 MB resident"),
        ("worker", "TASK_CPU_SECONDS", f"{isolation.TASK_CPU_SECONDS} s of CPU per file (RLIMIT_CPU)", "< 1 s"),
        ("worker", "TASK_WALL_SECONDS", f"{isolation.TASK_WALL_SECONDS} s of wall clock per file", "< 1 s"),
    ]
    lines = ["| where | constant | value | a real group workbook |", "|---|---|---|---|"]
    lines += [f"| {where} | `{name}` | {value} | {real} |" for where, name, value, real in rows]
    return "\n".join(lines) + "\n"
