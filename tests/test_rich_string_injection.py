"""A name shaped like XlsxWriter's rich-string markup must stay text in every workbook unionxl writes."""

from __future__ import annotations

import zipfile
from pathlib import Path

import python_calamine
from click.testing import CliRunner

from unionxl.cli import main
from unionxl.template import write_group_workbook

from .builders import UNIT_NAME, YEAR, two_groups, write_folder

MARKUP = "<r><t>NHIEM</t></r>"


def raw_markup_in(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return [name for name in archive.namelist() if b"<r><t>NHIEM" in archive.read(name)]


def all_text(path: Path) -> set:
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    return {v for n in book.sheet_names for row in book.get_sheet_by_name(n).to_python() for v in row}


def test_markup_shaped_names_stay_text_in_every_output(tmp_path):
    groups = two_groups()
    groups[0]["data"]["members"][0]["note"] = MARKUP
    groups[0]["data"]["members"][1]["gender"] = MARKUP  # also becomes a finding value
    folder = write_folder(tmp_path / "in", groups)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["merge", str(folder), "-o", str(out)])
    assert result.exit_code == 1, result.output
    books = sorted(out.rglob("*.xlsx"))
    assert len(books) >= 2  # the consolidated workbook and a feedback copy
    for path in books:
        assert raw_markup_in(path) == [], path.name
    assert MARKUP in all_text(out / "tong-hop-2024.xlsx")


def test_markup_shaped_values_stay_text_in_the_template(tmp_path):
    path = tmp_path / "T01.xlsx"
    write_group_workbook(path, year=YEAR, unit_name=UNIT_NAME, group_code="T01", group_name=MARKUP)
    assert raw_markup_in(path) == []
    assert any(isinstance(v, str) and MARKUP in v for v in all_text(path))
