"""Small workbooks whose content, within every limit of the guard, would cost the reader unbounded work."""

from __future__ import annotations

import re
import shutil

from unionxl import reader
from unionxl.reader import read_workbook

from .badinput.make_corpus import FILES, _rewrite_part
from .builders import clean_group, write_folder

MEMBERS_PART = "xl/worksheets/sheet3.xml"  # 'Đoàn viên'


def _with_merges(data: bytes, refs: list[str]) -> bytes:
    data = re.sub(rb"<mergeCells.*?</mergeCells>", b"", data, flags=re.S)
    merges = b"".join(f'<mergeCell ref="{ref}"/>'.encode() for ref in refs)
    cut = data.index(b"</sheetData>") + len(b"</sheetData>")
    return data[:cut] + b'<mergeCells count="%d">' % len(refs) + merges + b"</mergeCells>" + data[cut:]


class _CountingRows(set):
    """The record rows of a sheet, counting how often a row is looked up."""

    lookups = 0

    def __contains__(self, row) -> bool:
        type(self).lookups += 1
        return super().__contains__(row)


def test_a_merge_spanning_a_million_rows_is_checked_without_walking_them(tmp_path, monkeypatch):
    write_folder(tmp_path, [clean_group("T01")])
    path = tmp_path / "T01.xlsx"
    # below the records, down to the last row: they cover no record, and a thousand of them in a
    # 30 KB file made the reader walk a billion rows (the worker's CPU limit, file-timeout)
    below = [f"A{10 + i}:B1048576" for i in range(3)]
    _rewrite_part(path, MEMBERS_PART, lambda data: _with_merges(data, [*below, "C6:C1048576"]))
    real = reader._merged_in_data
    monkeypatch.setattr(reader, "_merged_in_data",
                        lambda sheet, header, cells, records: real(sheet, header, cells, _CountingRows(records)))
    book, findings = read_workbook(path)
    assert book.accepted
    merged = [f for f in findings if f.code == "cell-merged"]
    assert [(f.cell, f.value) for f in merged] == [("C6", "C6:C1048576")]  # the one that covers records
    assert _CountingRows.lookups <= 4  # at most one look-up a range, not one a row


def test_numbers_of_thousands_of_digits_are_findings_not_a_broken_zip(tmp_path):
    """Python refuses to convert more than 4300 digits to an int: a shared-string index or a
    uniqueCount that long was reported as a broken zip instead of what it is."""
    write_folder(tmp_path, [clean_group("T01"), clean_group("T02", offset=50)])
    digits = b"9" * 5000
    _rewrite_part(tmp_path / "T01.xlsx", MEMBERS_PART, lambda data: re.sub(
        rb'(<c r="B4"[^>]*t="s"[^>]*><v>)[0-9]+', lambda m: m.group(1) + digits, data, count=1))
    book, findings = read_workbook(tmp_path / "T01.xlsx")
    assert book.accepted
    assert [(f.code, f.cell) for f in findings] == [("cell-bad-string", "B4")]
    _rewrite_part(tmp_path / "T02.xlsx", "xl/sharedStrings.xml",
                  lambda data: re.sub(rb'uniqueCount="[0-9]+"', b'uniqueCount="' + digits + b'"', data))
    book, findings = read_workbook(tmp_path / "T02.xlsx")
    assert [f.code for f in findings] == ["file-too-large"]
    shutil.copy(FILES / "B04-calc.ods", tmp_path / "B04.ods")
    _rewrite_part(tmp_path / "B04.ods", "content.xml", lambda data: data.replace(
        b"<table:table-row ", b'<table:table-row table:number-rows-repeated="' + digits + b'" ', 1))
    book, findings = read_workbook(tmp_path / "B04.ods")
    assert [f.code for f in findings] == ["file-too-large"]


def test_an_ods_space_run_of_a_billion_is_refused_before_calamine_writes_it_out(tmp_path):
    """`<text:s text:c="N"/>` is N spaces in a cell: 30 bytes that calamine turns into a gigabyte
    string (the worker ran out of memory on it). A run Calc writes, a few spaces, still reads."""
    from unionxl.xlsx import guard

    def spaces(count: int):
        return lambda data: re.sub(rb"(<table:table-cell [^>]*office:value-type=\"string\"[^>]*>\s*<text:p>)",
                                   lambda m: m.group(1) + b'x<text:s text:c="%d"/>' % count, data, count=1)

    shutil.copy(FILES / "B04-calc.ods", tmp_path / "few.ods")
    _rewrite_part(tmp_path / "few.ods", "content.xml", spaces(3))
    book, findings = read_workbook(tmp_path / "few.ods")
    assert book.accepted and not [f for f in findings if f.code.startswith("file-")]
    shutil.copy(FILES / "B04-calc.ods", tmp_path / "huge.ods")
    _rewrite_part(tmp_path / "huge.ods", "content.xml", spaces(1_000_000_000))
    try:
        guard.guard(tmp_path / "huge.ods")
    except guard.UnreadableWorkbook as refused:
        assert refused.code == "file-too-large"
    else:
        raise AssertionError("the guard let a billion spaces through to calamine")
