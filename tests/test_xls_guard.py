"""The .xls guard sees the BIFF stream calamine reads, wherever the compound file keeps it.

Real files of the public corpora (tests/realworld) showed the gaps: a workbook stream under 4096
bytes lives in the mini stream, some writers call it 'WORKBOOK' or 'BOOK', and an XOR-obfuscated
workbook is read by calamine as if it were plain. Each file here is built by hand, small, and
read by python-calamine (checked below), so the guard must bound it as calamine would read it.
"""

from __future__ import annotations

import hashlib
import struct
from pathlib import Path

import pytest
import python_calamine

from unionxl.reader import read_workbook
from unionxl.xlsx import guard

FREE, END, FAT_SECTOR = 0xFFFF_FFFF, 0xFFFF_FFFE, 0xFFFF_FFFD
SHEET = "Danh sách"  # a BIFF8 name in UTF-16: the finding must name it as Excel shows it
FAR = (65_535, 255)  # IV65536: 65 536 x 256 cells from A1, over guard.MAX_SHEET_CELLS
assert FAR[0] * FAR[1] > guard.MAX_SHEET_CELLS


def _record(kind: int, body: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def _bof(kind: int) -> bytes:
    return _record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 0x0006))


def biff8(cells=((0, 0, 1.0),), sheet: str = SHEET, filepass: bytes | None = None,
          filepass_in_sheet: bool = False) -> bytes:
    """A BIFF8 workbook stream: globals (BOF, [FILEPASS], BOUNDSHEET, EOF), then one sheet of NUMBER cells."""
    def globals_(offset: int) -> bytes:
        name = sheet.encode("utf-16-le")
        body = _bof(0x0005) + (_record(0x002F, filepass) if filepass is not None else b"")
        body += _record(0x0085, struct.pack("<IBBBB", offset, 0, 0, len(sheet), 1) + name)
        return body + _record(0x000A)

    offset = len(globals_(0))
    body = _bof(0x0010) + (_record(0x002F, b"\x01\x00" + bytes(52)) if filepass_in_sheet else b"")
    for row, col, value in cells:
        body += _record(0x0203, struct.pack("<HHHd", row, col, 0, value))
    return globals_(offset) + body + _record(0x000A)


def compound_file(streams: list[tuple[str, bytes]], name_length: int | None = None) -> bytes:
    """A version-3 compound file (512-byte sectors) whose streams, each under 4096 bytes, live in
    the mini stream: header, FAT (sector 0), directory (1), mini FAT (2), mini stream (3...).
    `name_length` overrides the length every stream entry declares for its name."""
    mini, mini_fat, entries = b"", [], []
    for name, data in streams:
        first, count = len(mini) // 64, max(1, -(-len(data) // 64))
        mini_fat += [first + i + 1 for i in range(count - 1)] + [END]
        entries.append((name, first, len(data)))
        mini += data.ljust(count * 64, b"\0")
    mini_sectors = -(-len(mini) // 512)
    fat = [FAT_SECTOR, END, END] + [4 + i for i in range(mini_sectors - 1)] + [END]

    def entry(name: str, kind: int, start: int, size: int, child: int = FREE, declared: int | None = None) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        head = raw.ljust(64, b"\0") + struct.pack("<HBBIII", len(raw) if declared is None else declared, kind, 1,
                                                  FREE, FREE, child)
        return head + bytes(36) + struct.pack("<III", start, size, 0)

    directory = entry("Root Entry", 5, 3, len(mini), child=1)
    directory += b"".join(entry(name, 2, first, size, declared=name_length) for name, first, size in entries)
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
    header += bytes(6) + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, 2, 1, END, 0)
    header += struct.pack("<109I", 0, *([FREE] * 108))
    assert len(header) == 512 and len(directory) <= 512 and len(mini_fat) <= 128
    return (header + struct.pack(f"<{len(fat)}I", *fat).ljust(512, b"\xff") + directory.ljust(512, b"\0")
            + struct.pack(f"<{len(mini_fat)}I", *mini_fat).ljust(512, b"\xff") + mini.ljust(mini_sectors * 512, b"\0"))


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "T01.xls"
    path.write_bytes(data)
    return path


def _refusal(path: Path) -> guard.UnreadableWorkbook | None:
    try:
        guard.guard(path)
    except guard.UnreadableWorkbook as exc:
        return exc
    return None


# Each: (what, streams, name_length) -- calamine reads the far cell of every one of them.
FAR_CELL = [
    ("a workbook stream under 4096 bytes, in the mini stream", [("Workbook", biff8([(0, 0, 1.0), (*FAR, 7.0)]))],
     None),
    ("a stream called WORKBOOK", [("WORKBOOK", biff8([(0, 0, 1.0), (*FAR, 7.0)]))], None),
    ("a stream called BOOK", [("BOOK", biff8([(0, 0, 1.0), (*FAR, 7.0)]))], None),
    ("an entry whose declared name length is 0", [("Workbook", biff8([(0, 0, 1.0), (*FAR, 7.0)]))], 0),
    ("a harmless Book before the Workbook calamine prefers",
     [("Book", biff8()), ("Workbook", biff8([(0, 0, 1.0), (*FAR, 7.0)]))], None),
    ("a FILEPASS record inside the sheet, which calamine ignores",
     [("Workbook", biff8([(0, 0, 1.0), (*FAR, 7.0)], filepass_in_sheet=True))], None),
]


@pytest.mark.parametrize("streams, name_length", [(s, n) for _w, s, n in FAR_CELL], ids=[w for w, _s, _n in FAR_CELL])
def test_a_far_cell_is_refused_wherever_the_stream_is(tmp_path, streams, name_length):
    path = _write(tmp_path, compound_file(streams, name_length))
    refused = _refusal(path)
    assert refused is not None and refused.code == "file-too-large"
    key, params = refused.detail
    assert key == "too_large.sheet" and params["sheet"] == SHEET  # the name Excel shows, not a placeholder
    assert (params["rows"], params["cols"]) == (FAR[0] + 1, FAR[1] + 1)


@pytest.mark.parametrize("streams, name_length", [(s, n) for _w, s, n in FAR_CELL], ids=[w for w, _s, _n in FAR_CELL])
def test_calamine_reads_the_same_files_near_cells_and_so_does_the_merge(tmp_path, streams, name_length):
    """The files above with the far cell moved near (D5): the guard lets them through, calamine reads
    the sheet the guard scanned, so the refusal above is the far cell's and nothing else's."""
    near = [(name, data.replace(struct.pack("<HH", *FAR), struct.pack("<HH", 4, 3))) for name, data in streams]
    path = _write(tmp_path, compound_file(near, name_length))
    assert _refusal(path) is None
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    assert book.sheet_names == [SHEET]
    assert book.get_sheet_by_name(SHEET).to_python()[4][3] == 7.0
    codes = [f.code for f in read_workbook(path)[1]]
    assert codes == ["file-not-unionxl"]  # read to the end: a workbook, just not ours


@pytest.mark.parametrize("filepass", [struct.pack("<HHH", 0, 0x1234, 0x5678), b"\x01\x00" + bytes(52)],
                         ids=["xor-obfuscation", "rc4"])
def test_an_encrypted_xls_is_said_to_be_encrypted(tmp_path, filepass):
    """calamine reads an XOR-obfuscated workbook as plain records (and then fails on a garbled code
    page, or worse, reads garbage as cells); the person must hear that the file has a password."""
    path = _write(tmp_path, compound_file([("Workbook", biff8(filepass=filepass))]))
    refused = _refusal(path)
    assert refused is not None and refused.code == "file-encrypted"
    assert [f.code for f in read_workbook(path)[1]] == ["file-encrypted"]


def _rc4(key: bytes, data: bytes) -> bytes:
    """RC4, written here again so the test does not take the guard's word for it."""
    box, j, out = list(range(256)), 0, bytearray()
    for i in range(256):
        j = (j + box[i] + key[i % len(key)]) % 256
        box[i], box[j] = box[j], box[i]
    i = j = 0
    for byte in data:
        i, j = (i + 1) % 256, (j + box[(i + 1) % 256]) % 256
        box[i], box[j] = box[j], box[i]
        out.append(byte ^ box[(box[i] + box[j]) % 256])
    return bytes(out)


def rc4_filepass(password: str, salt: bytes = bytes(range(16)), verifier: bytes = b"unionxl-verifier") -> bytes:
    """A FILEPASS body for RC4 encryption version 1.1 (MS-OFFCRYPTO 2.3.6) with `password`."""
    start = hashlib.md5(password.encode("utf-16-le")).digest()[:5]
    key = hashlib.md5(hashlib.md5((start + salt) * 16).digest()[:5] + struct.pack("<I", 0)).digest()
    return struct.pack("<HHH", 1, 1, 1) + salt + _rc4(key, verifier + hashlib.md5(verifier).digest())


def test_a_protected_workbook_is_told_apart_from_a_password(tmp_path):
    """Excel saves an .xls whose workbook is protected encrypted with its built-in password and opens
    it without asking: 'remove the password' would send the officer looking for one that is not there."""
    protected = _write(tmp_path, compound_file([("Workbook", biff8(filepass=rc4_filepass("VelvetSweatshop")))]))
    assert [f.code for f in read_workbook(protected)[1]] == ["file-xls-protected"]
    with pytest.raises(python_calamine.PasswordError):  # calamine cannot read it either way
        python_calamine.CalamineWorkbook.from_path(str(protected))
    locked = _write(tmp_path, compound_file([("Workbook", biff8(filepass=rc4_filepass("mật khẩu")))]))
    assert [f.code for f in read_workbook(locked)[1]] == ["file-encrypted"]


@pytest.mark.parametrize("short", [0, 2, -(1 << 30)], ids=["at-the-end", "a-record-header-short", "far-past"])
def test_a_sheet_offset_past_the_stream_is_refused_not_a_reader_crash(tmp_path, short):
    """A BOUNDSHEET record whose offset lies at or past the end of the workbook stream: calamine
    slices the stream there and panics (file-crashed-reader). The guard says the file is odd instead."""
    stream = biff8()
    at = stream.index(struct.pack("<H", 0x0085)) + 4
    stream = stream[:at] + struct.pack("<I", len(stream) - short) + stream[at + 4:]
    path = _write(tmp_path, compound_file([("Workbook", stream)]))
    refused = _refusal(path)
    assert refused is not None and refused.code == "file-unsafe"
    assert [f.code for f in read_workbook(path)[1]] == ["file-unsafe"]
