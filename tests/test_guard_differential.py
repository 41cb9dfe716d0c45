"""Differential test: whatever calamine reads, the guard has already bounded.

Each generated workbook spells its cells in a way some writer (or attacker) might: references
in any case, with leading zeros or wrapping past 2**32, cells without references, odd spacing,
prefixes, single quotes, relationship ids without a prefix, targets in another case, the
workbook folder outside xl/, shared-string indices that are not indices, .ods whose `table:`
prefix is bound elsewhere. The guard runs here; calamine runs in an isolated worker (it may
abort) and reports the grid it returns. Property: a grid larger than the guard's limit was
refused by the guard, and a cell calamine reads as another string than the one its index
names is reported at that cell.
"""

from __future__ import annotations

import random

import pytest

from unionxl.isolation import Failure, Limits, run_isolated
from unionxl.xlsx import guard

from .fuzz.xlsxparts import ods_parts, write_zip, xlsx_parts

LIMIT = 200_000  # the guard's MAX_SHEET_CELLS for this test: far cells stay cheap for calamine
FAR_ROW, FAR_COL = 2000, 200  # GR2000: 400 000 cells from A1, twice the limit
FAR_LETTERS = "GR"


def calamine_grid(path: str) -> dict:
    """In a worker: what python-calamine returns for each sheet (as the reader asks for it)."""
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(path)
    out = {}
    for name in book.sheet_names:
        grid = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        out[name] = {"cells": len(grid) * max((len(r) for r in grid), default=0),
                     "values": {f"{_col(c)}{r + 1}": v for r, row in enumerate(grid[:50]) for c, v in enumerate(row[:50])
                                if v != ""}}
    return out


def _col(index: int) -> str:
    return guard.column_letter(index)


def _far_refs() -> list[str]:
    r, c = FAR_ROW, FAR_LETTERS
    return [f"{c}{r}", f"{c.lower()}{r}", f"{c[0].lower()}{c[1]}{r}", f"{c}000{r}", f"{c}{'0' * 12}{r}",
            f"{c}{2 ** 32 + r}", f"{c}{2 ** 33 + r}"]


def _xlsx_variants() -> list[tuple[str, dict[str, bytes], bytes]]:
    variants = []
    for ref in _far_refs():
        for form in ('<c r="{ref}"><v>1</v></c>', "<c r='{ref}'><v>1</v></c>", '<c\tr="{ref}"><v>1</v></c>',
                     '<c\nr="{ref}"><v>1</v></c>', '<c  r="{ref}" t="n"><v>1</v></c>',
                     '<c t="n" r="{ref}"><v>1</v></c>', '<c r="{ref}"><is><t>x</t></is></c>',
                     '<c r="{ref}" t="str"><v>x</v></c>', '<c r="{ref}"><f>1+1</f><v>2</v></c>'):
            cell = form.format(ref=ref).encode()
            data = b'<row r="1"><c r="A1"><v>1</v></c></row><row r="' + str(FAR_ROW).encode() + b'">' + cell + b"</row>"
            variants.append((f"{form[:12]}|{ref}", xlsx_parts(data), b""))
    implied = (b'<row r="1"><c r="A1"><v>1</v></c></row><row r="' + str(FAR_ROW).encode() + b'"><c r="GQ'
               + str(FAR_ROW).encode() + b'"/><c><v>1</v></c></row>')
    variants.append(("implied column", xlsx_parts(implied), b""))
    rows_only = b'<row r="1"><c><v>1</v></c></row><row r="A' + str(FAR_ROW).encode() + b'">' \
        + b"<c/>" * (FAR_COL - 1) + b"<c><v>1</v></c></row>"
    variants.append(("implied row with letters", xlsx_parts(rows_only), b""))
    prefixed = (b'<row r="1"><c r="A1"><v>1</v></c></row><x:row xmlns:x="http://schemas.openxmlformats.org/'
                b'spreadsheetml/2006/main" r="' + str(FAR_ROW).encode() + b'"><x:c r="GR' + str(FAR_ROW).encode()
                + b'"><x:v>1</x:v></x:c></x:row>')
    variants.append(("prefixed cell", xlsx_parts(prefixed), b""))
    far = b'<row r="1"><c r="A1"><v>1</v></c></row><row r="2000"><c r="GR2000"><v>1</v></c></row>'
    variants.append(("id without prefix", xlsx_parts(far, id_attr=b"id"), b""))
    variants.append(("id with another prefix", xlsx_parts(far, id_attr=b"q:id"), b""))
    variants.append(("target in another case", xlsx_parts(far, sheet_target=b"Worksheets/SHEET1.xml"), b""))
    variants.append(("absolute target", xlsx_parts(far, sheet_target=b"/xl/worksheets/sheet1.xml"), b""))
    moved = {name.replace("xl/", "wb/"): data for name, data in xlsx_parts(far).items()}
    moved["_rels/.rels"] = moved["_rels/.rels"].replace(b"xl/workbook.xml", b"wb/workbook.xml")
    variants.append(("workbook outside xl/", moved, b""))
    variants.append(("bytes before PK", xlsx_parts(far), b"MZ" + b"\0" * 30))
    return variants


def _ods_variants() -> list[tuple[str, dict[str, bytes], bytes]]:
    far = (b'<P:table-row><P:table-cell office:value-type="float" office:value="1"/></P:table-row>'
           b'<P:table-row P:number-rows-repeated="1998"><P:table-cell/></P:table-row>'
           b'<P:table-row><P:table-cell P:number-columns-repeated="199"/>'
           b'<P:table-cell office:value-type="float" office:value="1"/></P:table-row>')
    repeated = (b'<P:table-row P:number-rows-repeated="2000"><P:table-cell P:number-columns-repeated="200" '
                b'office:value-type="float" office:value="1"/></P:table-row>')
    out = []
    for body_name, body in (("far cell", far), ("repeats", repeated)):
        out.append((f"ods {body_name}", ods_parts(body.replace(b"P:", b"table:")), b""))
        out.append((f"ods {body_name}, table: bound elsewhere",
                    ods_parts(body.replace(b"P:", b"table:"), prefix=b"t"), b""))
        out.append((f"ods {body_name}, t: prefix", ods_parts(body.replace(b"P:", b"t:"), prefix=b"t"), b""))
    return out


@pytest.fixture
def small_limit(monkeypatch):
    monkeypatch.setattr(guard, "MAX_SHEET_CELLS", LIMIT)


def _run(tmp_path, variants, suffix):
    paths, verdicts = [], []
    for i, (name, parts, prefix) in enumerate(variants):
        path = write_zip(tmp_path / f"v{i:03d}{suffix}", parts, prefix)
        try:
            verdicts.append(("accepted", guard.guard(path)))
        except guard.UnreadableWorkbook as exc:
            verdicts.append((exc.code, None))
        paths.append(path)
    read = run_isolated(calamine_grid, [(str(p),) for p in paths], jobs=2,
                        limits=Limits(memory_bytes=2 * 1024 ** 3, cpu_seconds=60, wall_seconds=120))
    return verdicts, read


def test_every_far_cell_calamine_reads_was_refused_by_the_guard(tmp_path, small_limit):
    variants = _xlsx_variants()
    verdicts, read = _run(tmp_path, variants, ".xlsx")
    big = 0
    for (name, _parts, _prefix), (verdict, _scans), grid in zip(variants, verdicts, read):
        if isinstance(grid, Failure):
            continue  # calamine refused or died on it: nothing was read
        cells = max((sheet["cells"] for sheet in grid.values()), default=0)
        if cells > LIMIT:
            big += 1
            assert verdict != "accepted", f"{name}: calamine read {cells} cells, the guard let it through"
    assert big >= len(variants) // 2, "too few variants reached calamine: the test proves little"


def test_ods_whatever_its_prefixes_is_bounded_as_calamine_reads_it(tmp_path, small_limit):
    variants = _ods_variants()
    verdicts, read = _run(tmp_path, variants, ".ods")
    big = 0
    for (name, _parts, _prefix), (verdict, _scans), grid in zip(variants, verdicts, read):
        if isinstance(grid, Failure):
            continue
        cells = max((sheet["cells"] for sheet in grid.values()), default=0)
        if cells > LIMIT:
            big += 1
            assert verdict != "accepted", f"{name}: calamine read {cells} cells, the guard let it through"
    assert big >= 2


INDICES = ["0", "1", "2", "7", "-1", "abc", " 1", "1 ", "01", "+1", "1e0", "99999999999999999999999", ""]


def test_a_shared_string_calamine_misreads_is_reported_at_its_cell(tmp_path):
    strings = [b"Instructions title", b"Nguyen Van A"]
    rng = random.Random(11)
    variants = []
    for i in range(40):
        index = rng.choice(INDICES)
        # the fast scan's form, one that needs expat, and type attributes the fast scan must not take as untyped
        form = rng.choice(['<c r="B2" t="s"><v>{}</v></c>', '<c t="s" r="B2"><v>{}</v></c>',
                           "<c r=\"B2\" t='s'><v>{}</v></c>", '<c r="B2" t ="s"><v>{}</v></c>',
                           '<c r="B2" t= "s"><v>{}</v></c>'])
        cell = form.format(index).encode()
        data = b'<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2">' + cell + b"</row>"
        variants.append((f"index {index!r} {form}", xlsx_parts(data, strings), b""))
    verdicts, read = _run(tmp_path, variants, ".xlsx")
    misread = 0
    for (name, _parts, _prefix), (verdict, scans), grid in zip(variants, verdicts, read):
        index = name.split("'")[1]
        written = strings[int(index)].decode() if index.isdigit() and int(index) < len(strings) else None
        if isinstance(grid, Failure) or verdict != "accepted":
            continue
        value = grid["Data"]["values"].get("B2")
        if value is not None and value != written:
            misread += 1
            assert "B2" in scans["Data"].bad_strings, f"{name}: calamine read {value!r}, the guard said nothing"
    assert misread >= 3, "calamine misread too few of the odd indices: the test proves little"
