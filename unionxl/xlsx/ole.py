"""Bounds for legacy .xls (an OLE compound file holding a BIFF8 stream), checked before calamine reads one.

Follows calamine's src/cfb.rs and src/xls.rs: sector N sits after the header at (N + 1) x sector
size; the DIFAT is the header's 109 entries then a chain whose last entry points on; the FAT is
the concatenation of the sectors the DIFAT lists; the directory is read by following its chain
with no length limit, and a stream of 4096 bytes or more by following its FAT chain. calamine
detects no loop in any of those chains (a 1 KB file grows to gigabytes) and reserves the header's
counts up front. The BIFF stream is the first of 'Workbook', 'Book', 'WORKBOOK', 'BOOK' (a
directory entry's name is its 64 bytes up to the first NUL, whatever length it declares); one of
under 4096 bytes is read from the mini stream, 64-byte mini sectors chained by the mini FAT. In it,
a DIMENSIONS record makes calamine reserve rows x columns, and each cell record (16-bit row and
column) widens the grid python-calamine returns. A FILEPASS record in the workbook globals means
the rest is encrypted: calamine says so for RC4, and reads XOR-obfuscated records as if plain.
"""

from __future__ import annotations

import hashlib
import struct

from . import guard

RESERVED = 0xFFFF_FFFA  # ids at or above this are markers, not sectors
MINI_CUTOFF = 4096  # a stream shorter than this lives in the mini stream
MINI_SECTOR = 64
STREAM_NAMES = ("Workbook", "Book", "WORKBOOK", "BOOK")  # calamine's order (src/xls.rs)
DIFSECT = 0xFFFF_FFFC
ENDOFCHAIN = 0xFFFF_FFFE
MAX_RESERVED_ENTRIES = 1 << 24  # calamine reserves the header's FAT and DIFAT counts, 4 bytes each

# The BIFF8 records calamine turns into cells, each at (row u16, column u16) in its first 4 bytes
_CELL_RECORDS = {0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD, 0x0006}
_MULTI_RECORDS = {0x00BD}  # MULRK: row, first column, ..., last column (last 2 bytes)
_DIMENSIONS, _BOF, _BOUNDSHEET, _EOF, _FILEPASS = 0x0200, 0x0809, 0x0085, 0x000A, 0x002F
# What a DIMENSIONS record may declare: the format's own maximum. calamine reserves that many cells
# (address space, ~40 bytes each, within a worker's limit); the cells themselves are bounded by
# guard.MAX_SHEET_CELLS like any sheet.
MAX_DIMENSION_ROWS, MAX_DIMENSION_COLS = 65_536, 256


def _refuse() -> guard.UnreadableWorkbook:
    return guard.unsafe("unsafe.ole")


def guard_ole(handle, size: int) -> None:
    data = handle.read()
    if len(data) < 512:
        return  # calamine refuses a header this short
    shift = struct.unpack_from("<H", data, 30)[0]
    if shift not in (9, 12):
        return  # calamine refuses any other sector size
    sector_size = 1 << shift
    maxid = size // sector_size
    fat_len, = struct.unpack_from("<I", data, 44)
    difat_len, = struct.unpack_from("<I", data, 62)  # calamine's read_usize(&buf[62..76]) reads these 4 bytes
    if fat_len > MAX_RESERVED_ENTRIES or difat_len > MAX_RESERVED_ENTRIES:
        raise _refuse()

    def sector(sid: int) -> bytes:
        if sid > maxid:
            raise _refuse()  # calamine: SectorBeyondEof
        start = (sid + 1) * sector_size
        return data[start:start + sector_size]

    # DIFAT: the header's entries, then a chain of DIFAT sectors whose last entry is the next one
    difat = list(struct.unpack_from("<109I", data, 76))
    sid, seen = struct.unpack_from("<I", data, 68)[0], set()
    while sid < RESERVED:
        if sid in seen or len(seen) > maxid:
            raise _refuse()
        seen.add(sid)
        entries = _u32s(sector(sid))
        difat.extend(entries)
        sid = difat.pop() if difat else ENDOFCHAIN
    fat_sectors = [s for s in difat if s < DIFSECT]
    if len(fat_sectors) > maxid + 1:
        raise _refuse()  # the same FAT sector listed again and again: calamine copies it each time
    fat: list[int] = []
    for sid in fat_sectors:
        fat.extend(_u32s(sector(sid)))

    def chain(start: int) -> list[int]:
        ids, here = [], start
        visited = set()
        while here != ENDOFCHAIN:
            if here >= len(fat) or here in visited:
                raise _refuse()  # calamine indexes out of its FAT (a panic) or loops for ever
            visited.add(here)
            ids.append(here)
            here = fat[here]
        return ids

    dir_start, = struct.unpack_from("<I", data, 48)
    directory = b"".join(sector(s) for s in chain(dir_start))
    entries = [directory[i:i + 128] for i in range(0, len(directory) - 127, 128)]
    if not entries:
        return
    mini_fat_start, = struct.unpack_from("<I", data, 60)
    mini_fat_len, = struct.unpack_from("<I", data, 64)
    if mini_fat_len:
        chain(struct.unpack_from("<I", entries[0], 116)[0])  # the mini stream, read up to its declared length
        chain(mini_fat_start)
    streams: dict[str, tuple[int, int]] = {}  # name -> (start, length) of the first entry of that name
    for entry in entries:
        name = entry[:64].decode("utf-16-le", "replace").split("\0", 1)[0]  # calamine's Directory::from_slice
        start, length = struct.unpack_from("<II", entry, 116)
        streams.setdefault(name, (start, length))
        if start < RESERVED and length >= MINI_CUTOFF:
            chain(start)
    name = next((n for n in STREAM_NAMES if n in streams), None)
    if name is None:
        return  # calamine finds no workbook stream
    start, length = streams[name]
    if length >= MINI_CUTOFF:
        workbook = b"".join(sector(s) for s in chain(start))[:length] if start < RESERVED else b""
    else:
        workbook = _mini_stream(entries[0], mini_fat_start, mini_fat_len, sector_size, sector, chain, start, length)
    if workbook:
        _scan_biff(workbook)


def _mini_stream(root: bytes, mini_fat_start: int, mini_fat_len: int, sector_size: int, sector, chain,
                 start: int, length: int) -> bytes:
    """A stream under MINI_CUTOFF bytes, as calamine's Cfb reads it: mini sectors of the root entry's
    stream, chained by the mini FAT, until `length` bytes are read."""
    if not mini_fat_len:
        return b""  # calamine has no mini stream to read it from
    root_start, root_length = struct.unpack_from("<II", root, 116)
    ministream = b"".join(sector(s) for s in chain(root_start))[:root_length]
    mini_fat = _u32s(b"".join(sector(s) for s in chain(mini_fat_start))[:mini_fat_len * sector_size])
    out = bytearray()
    here = start
    while here != ENDOFCHAIN and len(out) < length:
        block = ministream[here * MINI_SECTOR:(here + 1) * MINI_SECTOR]
        if here >= RESERVED or len(block) < MINI_SECTOR or here >= len(mini_fat) and len(out) + MINI_SECTOR < length:
            raise _refuse()  # past the mini stream (calamine reads whatever follows) or out of its mini FAT (a panic)
        out += block[:length - len(out)]
        if len(out) < length:
            here = mini_fat[here]
    return bytes(out)


def _u32s(block: bytes) -> list[int]:
    return list(struct.unpack_from(f"<{len(block) // 4}I", block))


def _scan_biff(stream: bytes) -> None:
    """Every sheet substream, from the start and from each BOUNDSHEET offset calamine seeks to."""
    names: dict[int, str] = {}  # offset of a sheet's BOF -> the sheet's name, for the finding
    _walk(stream, 0, names, globals_first=True)
    for start in list(names):
        _walk(stream, start, names, globals_first=False)


def _walk(stream: bytes, position: int, names: dict[int, str], globals_first: bool) -> None:
    """Records from `position`; bounds each substream's grid. From the start of the stream
    (`globals_first`), the workbook globals come first: their BOUNDSHEET records fill `names`, and
    a FILEPASS record among them means the workbook is encrypted. Elsewhere calamine ignores
    FILEPASS, and a walk from a sheet's offset ends at its EOF."""
    max_row = max_col = 0
    n = len(stream)
    sheet = "?"
    in_globals = globals_first
    biff8 = True
    while position + 4 <= n:
        at = position
        kind, length = struct.unpack_from("<HH", stream, position)
        body = stream[position + 4:position + 4 + length]
        position += 4 + length
        if kind == _BOF:
            max_row = max_col = 0
            sheet = names.get(at, "?")
            if at == 0 and len(body) >= 2:
                biff8 = struct.unpack_from("<H", body)[0] >= 0x0600
        elif kind == _DIMENSIONS:
            if len(body) == 14:
                first_row, last_row, first_col, last_col = struct.unpack_from("<IIHH", body)
            elif len(body) == 10:
                first_row, last_row, first_col, last_col = struct.unpack_from("<HHHH", body)
            else:
                continue
            rows = ((last_row - first_row) & 0xFFFF_FFFF) + 1
            cols = ((last_col - first_col) & 0xFFFF_FFFF) + 1
            if rows > MAX_DIMENSION_ROWS + 1 or cols > MAX_DIMENSION_COLS + 1:  # calamine reserves rows x columns
                raise guard.too_large(("too_large.sheet", {"sheet": sheet[:40], "rows": rows, "cols": cols}))
        elif kind in _CELL_RECORDS and len(body) >= 4:
            row, col = struct.unpack_from("<HH", body)
            if row + 1 > max_row or col + 1 > max_col:
                max_row, max_col = max(max_row, row + 1), max(max_col, col + 1)
                guard.check_extent(sheet, max_row, max_col)
        elif kind in _MULTI_RECORDS and len(body) >= 6:
            row, _first = struct.unpack_from("<HH", body)
            last, = struct.unpack_from("<H", body, len(body) - 2)
            if row + 1 > max_row or last + 1 > max_col:
                max_row, max_col = max(max_row, row + 1), max(max_col, last + 1)
                guard.check_extent(sheet, max_row, max_col)
        elif kind == _BOUNDSHEET and globals_first and len(body) >= 4:
            offset, = struct.unpack_from("<I", body)
            if offset + 4 > n:
                raise _refuse()  # calamine slices the stream from there and panics
            names.setdefault(offset, _sheet_name(body, biff8))
        elif kind == _EOF:
            if not globals_first:
                return
            in_globals = False
        elif kind == _FILEPASS and in_globals:
            # RC4 (calamine: PasswordError) or XOR obfuscation, which calamine reads as plain records
            raise guard.UnreadableWorkbook("file-xls-protected" if opens_without_password(body) else "file-encrypted")


def _sheet_name(body: bytes, biff8: bool) -> str:
    """A BOUNDSHEET record's sheet name, for a finding only (BIFF5 names are in the file's code page)."""
    if len(body) < 7:
        return "?"
    count = body[6]
    if not biff8:
        return body[7:7 + count].decode("cp1252", "replace") or "?"
    wide = len(body) > 7 and body[7] & 1
    raw = body[8:8 + count * (2 if wide else 1)]
    return (raw.decode("utf-16-le", "replace") if wide else raw.decode("latin-1")) or "?"


# Excel's built-in password: an .xls whose workbook is protected is saved encrypted with it, and
# Excel opens it without asking (MS-XLS 2.4.191, "VelvetSweatshop"). The person needs to hear
# that, not "remove the password" of a file that asks for none.
DEFAULT_PASSWORD = "VelvetSweatshop"


def opens_without_password(filepass: bytes) -> bool:
    """Whether a FILEPASS record's RC4 verifier (MS-OFFCRYPTO 2.3.6: version 1.1, MD5 keys) matches
    Excel's built-in password. CryptoAPI RC4 and XOR are not checked: they count as a password."""
    if len(filepass) < 54 or struct.unpack_from("<HHH", filepass) != (1, 1, 1):
        return False
    salt, verifier = filepass[6:22], filepass[22:54]
    start = hashlib.md5(DEFAULT_PASSWORD.encode("utf-16-le")).digest()[:5]
    intermediate = hashlib.md5((start + salt) * 16).digest()[:5]
    plain = _rc4(hashlib.md5(intermediate + struct.pack("<I", 0)).digest(), verifier)
    return hashlib.md5(plain[:16]).digest() == plain[16:]


def _rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) & 0xFF
        state[i], state[j] = state[j], state[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) & 0xFF
        j = (j + state[i]) & 0xFF
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) & 0xFF])
    return bytes(out)
