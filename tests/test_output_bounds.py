"""Outputs cannot be blown up: absurd texts and numbers are findings at their cell and never reach a writer whole."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from python_calamine import CalamineWorkbook

from unionxl import reader
from unionxl.cli import main

from .builders import two_groups, unit_data, write_folder

NOTE = "x" * 40_000  # over Excel's 32 767 characters
LONG_NAME = "Nguyễn " * 5_000  # 35 000 characters for a person's name
LONG_GROUP = "Tổ " * 10_000


def _cell(ws, header: str, nth: int = 1) -> tuple[str, int]:
    """(column letter, row) of the nth data cell under `header`."""
    for row in ws.iter_rows(min_row=1, max_row=20):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.strip().rstrip(" *") == header:
                return cell.column_letter, cell.row + nth
    raise AssertionError(f"no header {header!r} in {ws.title}")


def _set(path: Path, sheet: str, header: str, value, nth: int = 1) -> str:
    book = openpyxl.load_workbook(path)
    ws = book[sheet]
    col, row = _cell(ws, header, nth)
    long = isinstance(value, str) and len(value) > 100
    ws[f"{col}{row}"].value = "PLACEHOLDER-TEXT" if long else value
    book.save(path)
    if long:  # openpyxl cuts text at 32 767 characters: put the whole of it in the XML ourselves
        _replace_in_parts(path, b"PLACEHOLDER-TEXT", value.encode())
    return f"{col}{row}"


def _replace_in_parts(path: Path, old: bytes, new: bytes) -> None:
    with zipfile.ZipFile(path) as archive:
        parts = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in parts:
            archive.writestr(info, data.replace(old, new))


def _label_value(path: Path, sheet: str, label: str, value) -> str:
    book = openpyxl.load_workbook(path)
    ws = book[sheet]
    for row in ws.iter_rows(min_row=1, max_row=40, max_col=3):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.strip().rstrip(" *:") == label:
                target = ws.cell(cell.row, cell.column + 1)
                target.value = "PLACEHOLDER-GROUP"
                book.save(path)
                _replace_in_parts(path, b"PLACEHOLDER-GROUP", value.encode())
                return target.coordinate
    raise AssertionError(label)


def test_absurd_texts_and_amounts_are_findings_and_every_output_is_written(tmp_path):
    from unionxl import schema

    folder = tmp_path / "in"
    write_folder(folder, two_groups(), unit=unit_data(["T01", "T02"]))
    members, travel = schema.table_sheet("members"), schema.table_sheet("travel_fund")
    t1, t2 = folder / "T01.xlsx", folder / "T02.xlsx"
    note_cell = _set(t1, members.vi, members.column("note").vi, NOTE)
    name_cell = _set(t1, members.vi, members.column("full_name").vi, LONG_NAME, nth=2)
    huge_cell = _set(t1, travel.vi, travel.column("m01").vi, 1e308)
    inf_cell = _set(t1, travel.vi, travel.column("m02").vi, "1e400")  # typed as text: not a number either
    big_cell = _set(t2, travel.vi, travel.column("m03").vi, 10 ** 15)
    group_cell = _label_value(t2, schema.GROUP_INFO.vi, schema.GROUP_INFO.field("group_name").vi, LONG_GROUP)

    out = tmp_path / "out"
    outcome = CliRunner().invoke(main, ["merge", str(folder), "-o", str(out), "--json", str(tmp_path / "f.json")])
    assert outcome.exit_code == 1, outcome.output
    assert "Traceback" not in outcome.output
    found = json.loads((tmp_path / "f.json").read_text(encoding="utf-8"))["findings"]
    at = {(f["file"], f["cell"]): f for f in found}
    assert at[("T01.xlsx", note_cell)]["code"] == "cell-too-long"
    assert at[("T01.xlsx", name_cell)]["code"] == "cell-too-long"
    assert at[("T01.xlsx", huge_cell)]["code"] == "cell-amount-too-large"
    assert at[("T01.xlsx", inf_cell)]["code"] == "cell-type"
    assert at[("T02.xlsx", big_cell)]["code"] == "cell-amount-too-large"
    assert at[("T02.xlsx", group_cell)]["code"] == "cell-too-long"
    # values stay JSON numbers where they are numbers (docs/result.schema.json); text is bounded
    assert all(len(f["value"]) <= reader.MAX_SHOWN_CHARS + 1 for f in found if isinstance(f["value"], str))
    assert at[("T01.xlsx", huge_cell)]["value"] == 1e308

    consolidated = out / "tong-hop-2024.xlsx"
    assert consolidated.is_file() and list(out.glob("*.docx"))
    book = CalamineWorkbook.from_path(str(consolidated))
    longest = max(len(v) for name in book.sheet_names for row in book.get_sheet_by_name(name).to_python()
                  for v in row if isinstance(v, str))
    assert longest <= reader.MAX_TEXT_CHARS
    with zipfile.ZipFile(consolidated) as archive:
        assert sum(i.file_size for i in archive.infolist()) < 20 * 1024 * 1024  # no 35 000-char name per ledger row


def test_a_feedback_copy_that_cannot_be_written_is_skipped_with_a_finding(tmp_path, monkeypatch):
    from unionxl.writers import feedback

    folder = tmp_path / "in"
    write_folder(folder, two_groups(), unit=unit_data(["T01", "T02"]))
    from unionxl import schema

    for name in ("T01.xlsx", "T02.xlsx"):  # a finding at a cell in each group: both deserve a copy
        _set(folder / name, schema.table_sheet("travel_fund").vi, schema.table_sheet("travel_fund").column("m01").vi,
             "ba mươi nghìn")
    real = feedback._write_copy

    def broken(source, target, display, findings, lang, **kw):
        if display == "T01.xlsx":
            raise ValueError("x14 data validation with #REF!")
        return real(source, target, display, findings, lang, **kw)

    monkeypatch.setattr(feedback, "_write_copy", broken)
    out = tmp_path / "out"
    outcome = CliRunner().invoke(main, ["merge", str(folder), "-o", str(out)])
    assert outcome.exit_code == 1, outcome.output
    assert "Traceback" not in outcome.output
    copies = sorted(p.name for p in (out / feedback.feedback_folder("vi")).iterdir())
    assert len(copies) == 1 and copies[0].startswith("T02"), copies
    data = json.loads((out / "tong-hop-2024.json").read_text(encoding="utf-8"))
    skipped = [f for f in data["findings"] if f["code"] == "output-failed"]
    assert [f["file"] for f in skipped] == ["T01.xlsx"] and "#REF!" in skipped[0]["message"]
    assert (out / "tong-hop-2024.xlsx").is_file()
