"""samples/2024-thoi-quen: the clean year as officers hand it in gives exactly the findings its README
lists, no false Error on a correct row, and every row the clean year has, with the clean year's values."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from unionxl.findings import Severity
from unionxl.merge import merge_folder

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
MESSY = SAMPLES / "2024-thoi-quen"

# Habits that change what the group reports on purpose (the rest must read back as the clean year):
# T07 reused T06's workbook (rejected), T09's rejected row, T10's unpaid month, T12's child, T13's
# retired man, T04's incomplete birth dates.
CHANGED = {"T04": ("members",), "T07": None, "T09": ("travel_fund",), "T10": ("travel_fund",),
           "T12": None, "T13": None}


@pytest.fixture(scope="module")
def messy():
    return merge_folder(MESSY, jobs=1)


@pytest.fixture(scope="module")
def clean():
    return merge_folder(SAMPLES / "2024", jobs=1)


def test_messy_year_gives_exactly_the_listed_findings(messy):
    with open(MESSY / "expected-findings.csv", encoding="utf-8") as handle:
        expected = sorted((r["code"], r["file"], r["sheet"], r["cell"]) for r in csv.DictReader(handle))
    actual = sorted((f.code, f.file, f.sheet, f.cell) for f in messy.report.findings)
    assert actual == expected


def test_at_least_thirty_habits_each_in_the_readme(messy):
    readme = (MESSY / "README.md").read_text(encoding="utf-8")
    habits = [line for line in readme.splitlines() if line.startswith("| ") and line.split("|")[1].strip().isdigit()]
    assert len(habits) >= 30
    with open(MESSY / "expected-findings.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["file"] not in ("README.md", "expected-findings.csv") and "arrears-noted" not in row["code"]:
                assert f"`{row['code']}`" in readme, row


def test_no_error_on_a_correct_row(messy):
    """The only errors are the habits that are real mistakes: a reused workbook (and the group it
    leaves missing), a dropped CCCD digit, a phone number for a CCCD, words in an amount."""
    errors = sorted((f.code, f.file) for f in messy.report.findings if f.severity == Severity.ERROR)
    assert errors == [
        ("cccd-length", "T08-khoa-noi-tong-hop.xlsx"),
        ("cccd-phone", "T24-tram-y-te-xa-muong-kim.xlsx"),
        ("cell-type", "T09-khoa-ngoai-tong-hop.xlsx"),
        ("group-code-reused", "T07-khoa-hoi-suc-cap-cuu.xlsx"),
        ("group-missing", "don-vi-2024.xlsx"),
    ]


def test_every_row_accounted_for_none_lost_or_counted_twice(messy, clean):
    account = messy.report.account
    for key, sheet in account.items():
        assert sheet.read == sheet.accepted + sheet.rejected, key
    t07 = {"members": 18, "travel_fund": 18, "mutual_fund": 18, "loans": 0, "welfare": 38}  # its file is rejected
    summary = {"travel_fund": 1, "mutual_fund": 2}  # T02's two totals lines, T04's unlabelled one
    for key, rejected in t07.items():
        extra = 1 if key == "travel_fund" else 0  # T09's row with words in an amount
        lines = summary.get(key, 0)
        assert (account[key].read, account[key].rejected, account[key].summary) == \
            (clean.report.account[key].read + lines, rejected + extra + lines, lines), key
    assert len(messy.dataset.groups) == 31
    assert sorted(b.display for b in messy.dataset.groups if b.display.endswith(".xls")) == \
        ["T26-tram-y-te-xa-hua-na.xls"]


def _rows(result, code, sheet):
    book = next(b for b in result.dataset.groups if b.group_code == code)
    return sorted((tuple(sorted((k, v) for k, v in r.values.items() if k not in ("stt", "note")))
                   for r in book.rows(sheet)), key=repr)


def test_habits_read_tolerantly_give_the_clean_values(messy, clean):
    """Formulas filled down, totals lines, an extra column, retyped headers, line breaks, TCVN3 and VNI
    names, 'x' marks, thousands, a shifted block, US-typed dates, an .xls, a sorted list, a table, a copy
    of a sheet: every group's rows read back equal to the clean year's."""
    compared = 0
    for book in clean.dataset.groups:
        code = book.group_code
        for sheet in ("members", "travel_fund", "mutual_fund", "loans", "welfare"):
            if code in CHANGED and (CHANGED[code] is None or sheet in CHANGED[code]):
                continue
            if code in ("T08", "T24") and sheet == "members":  # the mistyped CCCD is kept as typed
                continue
            assert _rows(messy, code, sheet) == _rows(clean, code, sheet), (code, sheet)
            compared += 1
    assert compared >= 140


def test_us_typed_dates_are_read_as_typed(messy):
    members = {r.values["full_name"]: r.values for b in messy.dataset.groups if b.group_code == "T27"
               for r in b.rows("members")}
    assert all(isinstance(v["birth_date"], dt.date) for v in members.values())
    assert "date-us-swapped" in {f.code for f in messy.report.findings if f.group == "T27"}
