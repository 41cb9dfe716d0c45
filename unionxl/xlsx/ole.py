"""Bounds for legacy .xls (an OLE compound file holding a BIFF8 stream), checked before calamine reads one.

Follows calamine's src/cfb.rs and src/xls.rs: sector N sits after the header at (N + 1) x sector
size; the DIFAT is the header's 109 entries then a chain whose last entry points on; the FAT is
the concatenation of the sectors the DIFAT lists; the directory is read by following its chain
with no length limit, and a stream of 4096 bytes or more by following its FAT chain. calamine
detects no loop in any of those chains (a 1 KB file grows to gigabytes) and reserves the header's
counts up front. Then the BIFF stream: a DIMENSIONS record makes calamine reserve rows x columns,
and each cell record (16-bit row and column) widens the grid python-calamine returns.
"""

from __future__ import annotations

import struct

from . import guard

RESERVED = 0xFFFF_FFFA  # ids at or above this are markers, not sectors
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
    workbook = b""
    for entry in entries:
        name_len, = struct.unpack_from("<H", entry, 64)
        name = entry[:max(0, min(name_len, 64) - 2)].decode("utf-16-le", "replace")
        start, length = struct.unpack_from("<II", entry, 116)
        if start < RESERVED and length >= 4096:
            ids = chain(start)
            if name in ("Workbook", "Book") and not workbook:
                workbook = b"".join(sector(s) for s in ids)[:length]
    if workbook:
        _scan_biff(workbook)


def _u32s(block: bytes) -> list[int]:
    return list(struct.unpack_from(f"<{len(block) // 4}I", block))


def _scan_biff(stream: bytes) -> None:
    """Every sheet substream, from the start and from each BOUNDSHEET offset calamine seeks to."""
    starts = [0]
    for position in _walk(stream, 0, collect=True):
        starts.append(position)
    for start in starts[1:]:
        list(_walk(stream, start, collect=False))


def _walk(stream: bytes, position: int, collect: bool):
    """Records from `position`; bounds each substream's grid; yields BOUNDSHEET offsets when collecting."""
    max_row = max_col = 0
    n = len(stream)
    while position + 4 <= n:
        kind, length = struct.unpack_from("<HH", stream, position)
        body = stream[position + 4:position + 4 + length]
        position += 4 + length
        if kind == _BOF:
            max_row = max_col = 0
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
                raise guard.too_large(("too_large.sheet", {"sheet": "xls", "rows": rows, "cols": cols}))
        elif kind in _CELL_RECORDS and len(body) >= 4:
            row, col = struct.unpack_from("<HH", body)
            if row + 1 > max_row or col + 1 > max_col:
                max_row, max_col = max(max_row, row + 1), max(max_col, col + 1)
                guard.check_extent("xls", max_row, max_col)
        elif kind in _MULTI_RECORDS and len(body) >= 6:
            row, _first = struct.unpack_from("<HH", body)
            last, = struct.unpack_from("<H", body, len(body) - 2)
            if row + 1 > max_row or last + 1 > max_col:
                max_row, max_col = max(max_row, row + 1), max(max_col, last + 1)
                guard.check_extent("xls", max_row, max_col)
        elif kind == _BOUNDSHEET and collect and len(body) >= 4:
            yield struct.unpack_from("<I", body)[0]
        elif kind == _EOF and not collect:
            return
        elif kind == _FILEPASS and len(body) >= 2 and body[:2] != b"\0\0":
            return  # encrypted: calamine stops here (PasswordError), and the rest is ciphertext
