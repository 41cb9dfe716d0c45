"""Archives built so that Python's zipfile (the guard) and calamine's zip crate read different things.

Each file is generated here from a clean group workbook; the reader must refuse it with a
whole-file finding before calamine parses what the guard never saw.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
import python_calamine

from unionxl import isolation
from unionxl.xlsx import guard
from unionxl.reader import read_workbook

from .builders import clean_group, write_folder

INFO_PART = "xl/worksheets/sheet2.xml"  # 'Thông tin tổ', a sheet the reader reads


def _parts(folder: Path) -> list[tuple[str, bytes]]:
    write_folder(folder, [clean_group("T01")])
    with zipfile.ZipFile(folder / "T01.xlsx") as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def _far_cell(sheet: bytes, row: int) -> bytes:
    cut = sheet.index(b"</sheetData>")
    return sheet[:cut] + f'<row r="{row}"><c r="A{row}" t="n"><v>1</v></c></row>'.encode() + sheet[cut:]


def _members(parts: list[tuple[str, bytes]], at: int) -> tuple[bytes, bytes]:
    """Local headers with their data (starting at offset `at`), and the central directory for them."""
    body, directory = bytearray(), bytearray()
    for name, data in parts:
        raw, crc, encoded = zlib.compress(data)[2:-4], zlib.crc32(data), name.encode()
        directory += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, 0, 8, 0, 0x21, crc, len(raw), len(data),
                                 len(encoded), 0, 0, 0, 0, 0, at + len(body)) + encoded
        body += struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, 8, 0, 0x21, crc, len(raw), len(data), len(encoded), 0)
        body += encoded + raw
    return bytes(body), bytes(directory)


def _two_directories(parts, other_parts, zip64_points_to_first: bool = True) -> bytes:
    """Both sets of members, both directories; the zip64 end record leads to the first set, the plain
    end record (not saturated) to the second, or both to the first when they agree."""
    first, first_dir = _members(parts, 0)
    second, second_dir = _members(other_parts, len(first))
    out = bytearray(first + second)
    plain_at, plain_dir = len(out), second_dir
    out += second_dir
    zip64_at, zip64_dir = len(out), first_dir
    out += first_dir
    if not zip64_points_to_first:
        plain_at, plain_dir = zip64_at, zip64_dir
    count = len(parts)
    record = len(out)
    out += struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, count, count, len(zip64_dir), zip64_at)
    out += struct.pack("<IIQI", 0x07064B50, 0, record, 1)
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(plain_dir), plain_at, 0)
    return bytes(out)


def _calamine_rows(path: Path, sheet: str) -> int:
    return python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).height


def test_a_zip64_end_record_leading_to_another_directory_is_refused(tmp_path):
    parts = _parts(tmp_path / "clean")
    far = [(name, _far_cell(data, 5000) if name == INFO_PART else data) for name, data in parts]
    path = tmp_path / "in" / "T03.xlsx"
    path.parent.mkdir()
    path.write_bytes(_two_directories(parts, far))
    with zipfile.ZipFile(path) as archive:  # what the guard reads: the clean sheet
        assert b'r="A5000"' not in archive.read(INFO_PART)
    [rows] = isolation.run_isolated(_calamine_rows, [(path, "Thông tin tổ")])
    assert rows == 5000  # what calamine reads: the other directory (a far cell here, a bomb in a hostile file)
    book, findings = read_workbook(path)
    assert not book.accepted
    assert [f.code for f in findings] == ["file-unsafe"]


def test_a_zip64_end_record_that_agrees_with_the_plain_one_is_read(tmp_path):
    parts = _parts(tmp_path / "clean")
    path = tmp_path / "T01.xlsx"
    path.write_bytes(_two_directories(parts, parts, zip64_points_to_first=False))
    book, findings = read_workbook(path)
    assert book.accepted and book.kind == "group"
    assert not [f for f in findings if not f.sheet]


def _renamed_sheet(parts, name: str, data: bytes) -> list[tuple[str, bytes]]:
    """The 'Thông tin tổ' sheet moved to another part name, its relationship following it."""
    out = []
    for part, content in parts:
        if part == INFO_PART:
            out.append((f"xl/worksheets/{name}", data))
        elif part == "xl/_rels/workbook.xml.rels":
            out.append((part, content.replace(b"worksheets/sheet2.xml", f"worksheets/{name}".encode())))
        else:
            out.append((part, content))
    return out


def test_a_sheet_under_another_name_with_bytes_before_its_first_tag_is_bounded(tmp_path, monkeypatch):
    """quick-xml skips text before the first tag, and a relationship may name any part: a part
    neither named .xml nor starting with '<' is still a sheet to calamine."""
    parts = dict(_parts(tmp_path / "clean"))
    far = _far_cell(parts[INFO_PART], 5000)
    path = tmp_path / "T01.xlsx"
    zipped, directory = _members(_renamed_sheet(parts.items(), "sheet2.dat", b"junk " + far), 0)
    count = len(parts)
    path.write_bytes(zipped + directory + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(directory),
                                                      len(zipped), 0))
    [rows] = isolation.run_isolated(_calamine_rows, [(path, "Thông tin tổ")])
    assert rows == 5000  # calamine reads the far cell
    monkeypatch.setattr(guard, "MAX_SHEET_CELLS", 4000)  # 5000 rows x 1 column now exceeds it
    book, findings = read_workbook(path)
    assert not book.accepted
    # bounded (too large) or refused by expat (the bytes before the tag): either way before calamine
    assert [f.code for f in findings] in (["file-too-large"], ["file-unsafe"])


@pytest.mark.parametrize("prefix, tag_prefix", [(b"<\x00>", b""), (b"\xff\xfe<>", b""), (b"<\x00>", b"\x01:")],
                         ids=["lt-zero", "utf16-mark", "odd-namespace-prefix"])
def test_a_sheet_that_only_starts_like_utf16_is_still_bounded(tmp_path, monkeypatch, prefix, tag_prefix):
    """A part that starts as UTF-16 does ('<' and a zero byte, or a byte-order mark) but goes on
    in UTF-8 is read by calamine as UTF-8: the guard may not let it be unscanned as a UTF-16 part.
    quick-xml takes anything before the first ':' of a name as its prefix, '\\x01' too."""
    parts = dict(_parts(tmp_path / "clean"))
    sheet = re.sub(rb"<(/?)([A-Za-z]\w*)([ >/])", lambda m: b"<" + m[1] + tag_prefix + m[2] + m[3],
                   _far_cell(parts[INFO_PART], 5000))
    data = prefix + sheet
    data += b" " * (1 - len(data) % 2)  # an odd length: not UTF-16 text at all
    path = tmp_path / "T01.xlsx"
    zipped, directory = _members(_renamed_sheet(parts.items(), "sheet2.dat", data), 0)
    count = len(parts)
    path.write_bytes(zipped + directory + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(directory),
                                                      len(zipped), 0))
    [rows] = isolation.run_isolated(_calamine_rows, [(path, "Thông tin tổ")])
    assert rows == 5000  # calamine reads the far cell past the prefix
    monkeypatch.setattr(guard, "MAX_SHEET_CELLS", 4000)
    book, findings = read_workbook(path)
    assert not book.accepted
    assert [f.code for f in findings] in (["file-too-large"], ["file-unsafe"])
