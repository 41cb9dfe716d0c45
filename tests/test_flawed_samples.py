"""samples/2024-loi: the merge gives exactly the findings its README lists (expected-findings.csv)."""

from __future__ import annotations

import csv
from pathlib import Path

from unionxl.merge import merge_folder

FLAWED = Path(__file__).resolve().parent.parent / "samples" / "2024-loi"


def test_flawed_year_gives_exactly_the_listed_findings():
    with open(FLAWED / "expected-findings.csv", encoding="utf-8") as handle:
        expected = sorted((r["code"], r["file"], r["sheet"], r["cell"]) for r in csv.DictReader(handle))
    result = merge_folder(FLAWED)
    actual = sorted((f.code, f.file, f.sheet, f.cell) for f in result.report.findings)
    assert actual == expected
    assert result.report.exit_code == 1
    assert len({row[0] for row in expected}) >= 15  # at least 15 distinct kinds of mistake


def test_flawed_year_still_merges_the_good_groups_and_accounts_for_every_row():
    result = merge_folder(FLAWED)
    for key, account in result.report.account.items():
        assert account.read == account.accepted + account.rejected, key
    rejected_files = {f.file for f in result.report.findings if f.code in
                      ("file-year", "file-version", "group-duplicate-file", "group-unknown")}
    assert len(rejected_files) == 4
    assert len(result.dataset.groups) == 32 - 3  # T29 wrong year, T32 old version, T31 missing
