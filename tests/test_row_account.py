"""Every row read is accepted or rejected, counted against an independent count of the inputs.

The merge's own counters are incremented together, so `read == accepted + rejected` alone proves
little. Here openpyxl, a different reader, counts the non-empty rows under each ledger sheet's header
in every input workbook, and the merge's per-file `rows_read` must equal that count; totals lines
('Cộng') an officer adds under a list are among them and appear in the account as rejected.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

import unionxl
from tests.builders import two_groups, write_folder
from unionxl import schema

ROOT = Path(__file__).resolve().parent.parent
SHEETS = {sheet.vi: sheet for sheet in (*schema.GROUP_SHEETS, *schema.UNIT_SHEETS, schema.REPORT_TEXTS)}
# Files the merge reads to the end (the others are refused whole: bombs, encrypted, not a workbook)
CORPUS = ROOT / "tests" / "badinput" / "files"


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip(" \t\r\n\u00a0\u200b\ufeff"))


def independent_count(path: Path) -> int:
    """Rows under each ledger sheet's header that hold anything besides a sequence number, as openpyxl
    sees them; a sheet whose header is gone counts every row with two or more values (its records
    are still read, and rejected)."""
    book = openpyxl.load_workbook(path, read_only=True)
    total = 0
    try:
        for name in book.sheetnames:
            sheet = SHEETS.get(name)
            if sheet is None:
                continue
            rows = [list(r) for r in book[name].iter_rows(values_only=True)]
            first = next(c.vi for c in sheet.columns if c.key != "stt")
            header = next((i for i, row in enumerate(rows[:20]) if first in row), None)
            if header is None:
                total += sum(1 for row in rows if sum(not _blank(v) for v in row) >= 2)
                continue
            stt = [i for i, v in enumerate(rows[header]) if v == "STT"]
            total += sum(1 for row in rows[header + 1:]
                         if any(not _blank(v) for i, v in enumerate(row) if i not in stt))
    finally:
        book.close()
    return total


def _records(result) -> dict[str, object]:
    return {r.display: r for r in result.report.files}


@pytest.mark.parametrize("folder", [ROOT / "samples" / "2024-loi", CORPUS], ids=["flawed-samples", "badinput"])
def test_rows_read_equal_an_independent_count_of_every_input(folder):
    result = unionxl.run(folder)
    records = _records(result)
    whole_file = {f.file for f in result.report.findings
                  if f.code in ("file-unreadable", "file-encrypted", "file-too-large", "file-unsafe",
                                "file-not-unionxl", "file-crashed-reader", "file-timeout", "file-memory")}
    checked = []
    for path in sorted(folder.iterdir()):
        if (path.suffix.lower() != ".xlsx" or path.name.startswith("~$") or path.name in whole_file
                or not zipfile.is_zipfile(path)):  # openpyxl reads only real .xlsx (B05 is an .xls renamed)
            continue
        assert records[path.name].rows_read == independent_count(path), path.name
        checked.append(path.stem.split("-")[0])
    if folder == CORPUS:  # every .xlsx of the corpus whose content is read (tests/badinput/README.md)
        assert checked == ["B07", "B08", "B09", "B10", "B10", "B11", "B12", "B14", "B15", "B16", "B17", "B18",
                           "B19", "B23"]
    else:
        assert len(checked) == 34  # 33 group workbooks (T30 twice, no T31) and the unit workbook
    for key, account in result.report.account.items():
        assert account.read == account.accepted + account.rejected, key
    assert sum(a.read for a in result.report.account.values()) == sum(r.rows_read for r in records.values())


def _add_totals_line(path: Path, sheet_name: str, label: str) -> int:
    book = openpyxl.load_workbook(path)
    sheet = book[sheet_name]
    row = sheet.max_row + 1
    sheet.cell(row, 2, label)  # under 'Họ và tên', as officers type it
    sheet.cell(row, 4, 999)
    book.save(path)
    return row


def test_totals_lines_are_read_and_appear_in_the_account(tmp_path):
    folder = write_folder(tmp_path / "in", two_groups())
    members, travel = schema.table_sheet("members").vi, schema.table_sheet("travel_fund").vi
    row = _add_totals_line(folder / "T01.xlsx", members, "Cộng")
    _add_totals_line(folder / "T02.xlsx", travel, "Tổng cộng:")
    result = unionxl.run(folder)
    [note] = [f for f in result.report.findings if f.code == "row-summary" and f.file == "T01.xlsx"]
    assert (note.sheet, note.cell) == (members, f"B{row}")
    account = result.report.account
    assert (account["members"].read, account["members"].accepted, account["members"].summary) == (7, 6, 1)
    assert (account["travel_fund"].read, account["travel_fund"].summary) == (7, 1)
    assert account["members"].rejected == 1
    records = _records(result)
    assert records["T01.xlsx"].rows_summary == 1 and records["T02.xlsx"].rows_summary == 1
    for name in ("T01.xlsx", "T02.xlsx"):
        assert records[name].rows_read == independent_count(folder / name), name
