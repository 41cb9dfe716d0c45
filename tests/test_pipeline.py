"""The public pipeline: unionxl.run, unionxl.rollup, unionxl.check_file.

Each test breaks one thing and asserts the finding's code and cell, or the property the pipeline
promises (checked once with the unit's own rates, last year's comparison applied, input paths kept).
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

import unionxl
from tests.builders import YEAR, clean_group, two_groups, unit_data, write_folder
from unionxl import merge
from unionxl.writers.workbook import write_consolidated

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def test_public_names():
    assert callable(unionxl.run) and callable(unionxl.rollup) and callable(unionxl.check_file)
    assert unionxl.Result.__name__ == "Result"
    assert issubclass(unionxl.UsageError, Exception)


@pytest.fixture()
def in_process(monkeypatch):
    """Read tasks run in this process, so a test can count what the workers do (isolation itself is
    tested in tests/test_isolation.py)."""
    from unionxl import isolation

    monkeypatch.setattr(isolation, "run_isolated",
                        lambda worker, tasks, jobs=None, progress=None, **_: [worker(*task) for task in tasks])


def test_each_group_is_checked_once_with_the_units_own_rates(tmp_path, monkeypatch, in_process):
    unit = unit_data(["T01", "T02"])
    unit["policy"] = {"mutual_quarterly": 250_000}  # the groups paid 200.000: every quarter is off-rate
    folder = write_folder(tmp_path / "in", two_groups(), unit)
    calls: Counter = Counter()
    real = merge.check_group

    def counting(book, policy, year):
        calls[book.group_code] += 1
        assert policy["mutual_quarterly"] == 250_000 and year == YEAR  # never the defaults first
        return real(book, policy, year)

    monkeypatch.setattr(merge, "check_group", counting)
    result = unionxl.run(folder, jobs=1)
    assert calls == {"T01": 1, "T02": 1}
    rate = [f for f in result.report.findings if f.code == "contribution-rate"]
    assert len(rate) == 2 * 3 * 4  # 2 groups × 3 members × 4 quarters, each against 250.000
    assert {f.cell for f in rate if f.file == "T01.xlsx"} >= {"D4", "E4", "F4", "G4"}


def test_a_unit_workbook_named_otherwise_is_still_found_and_groups_checked_once(tmp_path, monkeypatch,
                                                                               in_process):
    folder = write_folder(tmp_path / "in", two_groups())
    (folder / "don-vi.xlsx").rename(folder / "A00-cau-hinh.xlsx")  # read in folder order, not first
    calls: Counter = Counter()
    real = merge.check_group
    monkeypatch.setattr(merge, "check_group",
                        lambda book, policy, year: calls.update([book.group_code]) or real(book, policy, year))
    result = unionxl.run(folder, jobs=1)
    assert calls == {"T01": 1, "T02": 1}
    assert result.dataset.unit.display == "A00-cau-hinh.xlsx"
    assert result.exit_code == 0


def test_run_applies_last_years_comparison_itself():
    result = unionxl.run(SAMPLES / "2024", previous=SAMPLES / "tong-hop" / "tong-hop-2023.xlsx")
    assert result.comparison is not None
    assert result.comparison.change("members").previous == 312
    assert result.comparison.change("members").current == result.figures.members == 307


def test_file_records_keep_their_input_paths(tmp_path):
    folder = write_folder(tmp_path / "in", two_groups())
    (folder / "ghi-chu.txt").write_text("x", encoding="utf-8")
    result = unionxl.run(folder)
    paths = {r.display: r.path for r in result.report.files}
    assert paths == {"don-vi.xlsx": folder / "don-vi.xlsx", "T01.xlsx": folder / "T01.xlsx",
                     "T02.xlsx": folder / "T02.xlsx", "ghi-chu.txt": folder / "ghi-chu.txt"}


def test_feedback_copies_come_from_the_recorded_input_paths(tmp_path):
    """A display name that does not lead to the file (as a web desk's upload names do) is no obstacle."""
    from unionxl.writers.feedback import write_feedback

    broken = clean_group("T01")
    broken["data"]["members"][1]["cccd"] = "01219000432"  # 11 digits
    folder = write_folder(tmp_path / "in", [broken])
    upload = tmp_path / "uploads" / "7f3a.xlsx"
    upload.parent.mkdir()
    shutil.copy(folder / "T01.xlsx", upload)
    result = unionxl.check_file(upload, folder / "don-vi.xlsx", display="Tổ T01 (lần 2).xlsx")
    assert [(f.code, f.cell) for f in result.report.findings if f.code == "cccd-length"] == [("cccd-length", "E5")]
    written = write_feedback(result, tmp_path / "phan-hoi")
    assert len(written) == 1 and written[0].is_file()


@pytest.fixture()
def unit_folder(tmp_path):
    return write_folder(tmp_path / "in", two_groups(), unit_codes=["T01", "T02", "T03"])


def test_check_file_reports_the_file_and_nothing_about_the_others(unit_folder):
    result = unionxl.check_file(unit_folder / "T01.xlsx", unit_folder / "don-vi.xlsx")
    assert result.report.findings == []  # no group-missing for T02 (not checked) or T03 (never sent)
    assert result.exit_code == 0
    assert [r.display for r in result.report.files] == ["T01.xlsx"]
    assert result.figures.members == 3 and result.dataset.year == YEAR


def test_check_file_uses_the_units_year_rates_and_group_list(tmp_path):
    old = clean_group("T01")
    old["year"] = 2023
    unknown = clean_group("T09")
    unit = unit_data(["T01", "T02"])
    unit["policy"] = {"travel_monthly": 40_000}
    folder = write_folder(tmp_path / "in", [old, unknown, clean_group("T02")], unit, unit_codes=["T01", "T02"])
    unit_path = folder / "don-vi.xlsx"
    year = unionxl.check_file(folder / "T01.xlsx", unit_path)
    assert [(f.code, f.sheet, f.cell, f.value) for f in year.report.findings] == [
        ("file-year", "Thông tin tổ", "B5", 2023)]
    assert year.report.files[0].kind == "rejected" and year.exit_code == 1
    code = unionxl.check_file(folder / "T09.xlsx", unit_path)
    assert [(f.code, f.cell, f.value) for f in code.report.findings] == [("group-unknown", "B7", "T09")]
    rates = unionxl.check_file(folder / "T02.xlsx", unit_path)
    assert Counter(f.code for f in rates.report.findings) == {"contribution-rate": 36}


def test_check_file_names_a_unit_workbook_uploaded_as_a_group(unit_folder):
    result = unionxl.check_file(unit_folder / "don-vi.xlsx", unit_folder / "don-vi.xlsx", display="up.xlsx")
    assert [(f.code, f.file) for f in result.report.findings] == [("file-not-group", "up.xlsx")]
    assert "biểu mẫu đơn vị" in result.report.findings[0].message("vi")
    assert "the unit workbook" in result.report.findings[0].message("en")
    assert result.exit_code == 1


def test_check_file_with_a_unit_that_is_not_one_is_a_usage_error(unit_folder):
    with pytest.raises(unionxl.UsageError):
        unionxl.check_file(unit_folder / "T01.xlsx", unit_folder / "T02.xlsx")
    with pytest.raises(unionxl.UsageError):
        unionxl.check_file(unit_folder / "T01.xlsx", unit_folder / "khong-co.xlsx")


def test_check_file_sees_a_changed_unit_workbook(tmp_path):
    folder = write_folder(tmp_path / "in", two_groups(), unit_codes=["T01"])
    assert unionxl.check_file(folder / "T02.xlsx", folder / "don-vi.xlsx").report.findings[0].code == "group-unknown"
    write_folder(tmp_path / "in", two_groups(), unit_codes=["T01", "T02"])  # the treasurer adds T02
    assert unionxl.check_file(folder / "T02.xlsx", folder / "don-vi.xlsx").report.findings == []


def _blank_findings_severity(path: Path) -> None:
    """Overwrite the displayed severity word of every findings-sheet row, as a translation or a hand edit would."""
    book = openpyxl.load_workbook(path)
    sheet = book["Phát hiện"]
    for row in sheet.iter_rows(min_row=5, max_col=1):
        if row[0].value:
            row[0].value = "Sai sót"
    book.save(path)


def test_rollup_counts_unresolved_errors_from_the_info_sheet_not_the_displayed_word(tmp_path):
    broken = two_groups()
    broken[0]["data"]["members"][0]["gender"] = "Khác"  # its merge rejects the row: one error it still lists
    folder = write_folder(tmp_path / "cdcs", broken)
    nganh = tmp_path / "nganh"
    write_consolidated(unionxl.run(folder), nganh / "tong-hop-a.xlsx")
    _blank_findings_severity(nganh / "tong-hop-a.xlsx")
    result = unionxl.rollup(nganh)
    [unresolved] = [f for f in result.report.findings if f.code == "rollup-unresolved-errors"]
    assert (unresolved.file, unresolved.value, unresolved.sheet, unresolved.cell) == ("tong-hop-a.xlsx", 1,
                                                                                      "Phát hiện", "A5")
    assert "cell-choice" in unresolved.message()


def test_check_file_against_a_unit_already_read_folds_its_group_list_once(unit_folder, monkeypatch):
    """The web desk checks every upload against the same unit Workbook: its group list is folded
    for file names once, and each check still names a file that points at another group."""
    from unionxl import pipeline
    from unionxl.checks.files import GroupNames

    built = []

    class Counting(GroupNames):
        def __init__(self, expected):
            built.append(len(expected))
            super().__init__(expected)

    monkeypatch.setattr(pipeline, "GroupNames", Counting)
    [(unit, _, _)] = merge.read_all([(unit_folder / "don-vi.xlsx", "don-vi.xlsx")], 1)
    upload = unit_folder / "T03-to-ba.xlsx"
    shutil.copy(unit_folder / "T01.xlsx", upload)
    for _ in range(3):
        result = unionxl.check_file(upload, unit)
        assert [(f.code, f.cell, f.params["named"]) for f in result.report.findings] == [
            ("group-file-name", "B7", "T03")]
    assert built == [3]
