"""More officers' habits, each edited into the real template (an openpyxl load and save, or LibreOffice
where the habit is Calc's): the finding at its cell, what the officer clearly meant read as meant,
and every row accounted for.

Layout (the template's): data from row 4; 'Đoàn viên' B name, C gender, H professional level,
I political theory; 'Quỹ du lịch' D..O months, P total; 'Thông tin tổ' values in B (B5 year, B7 code).
"""

from __future__ import annotations

import unionxl
from unionxl.findings import Severity
from unionxl.merge import merge_folder

from .test_habits import INFO, M, findings, folder_with, row_values


def test_group_code_typed_in_lower_case_is_the_units_code(tmp_path):
    def edit(wb):
        wb[INFO]["B7"] = "t01"
        wb[M]["C5"] = "nu"  # a finding the reader makes before the code is matched to the unit's list
    folder = folder_with(tmp_path, edit)
    result = merge_folder(folder)
    assert findings(result) == [("cell-choice-normalised", "T01.xlsx", M, "C5"),
                                ("group-code-normalised", "T01.xlsx", INFO, "B7")]
    assert {f.group for f in result.report.findings} == {"T01"}
    assert sorted(b.group_code for b in result.dataset.groups) == ["T01", "T02"]
    assert len(row_values(result, "T01", "members")) == 3
    one = unionxl.check_file(folder / "T01.xlsx", folder / "don-vi.xlsx")
    assert [(f.code, f.cell, f.group) for f in one.report.findings if f.severity != Severity.NOTE] == [
        ("cell-choice-normalised", "C5", "T01"), ("group-code-normalised", "B7", "T01")]
    assert one.exit_code == 0
