"""Group workbooks as other producers save them (Google Sheets, Apple Numbers, Mac Excel, WPS):
the parts of a filled template rewritten the way each writes them, read back as the officer meant."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from unionxl.merge import merge_folder

from .builders import clean_group, write_folder


def _rewrite(path: Path, edit) -> None:
    """edit(name, text) -> text for every XML part of the workbook at `path`, in place."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, edit(name, data.decode("utf-8")).encode("utf-8") if name.endswith(".xml") else data)


def _merged(tmp_path, edit):
    folder = write_folder(tmp_path / "in", [clean_group("T01")])
    _rewrite(folder / "T01.xlsx", edit)
    return merge_folder(folder, jobs=1)


def _book(result):
    return next(b for b in result.dataset.groups if b.group_code == "T01")


def test_google_sheets_float_tails_are_the_whole_amounts_shown(tmp_path):
    def edit(name, text):
        # Sheets saves a computed 30000 as 30000.000000000004 (its binary rounding): every number of 1000
        # and more gets such a tail, as a sheet of sums would
        if not name.startswith("xl/worksheets/"):
            return text
        return re.sub(r"(<c [^>]*?)(?<!t=\"s\")><v>([0-9]{4,})</v>",
                      lambda m: f"{m.group(1)}><v>{repr(int(m.group(2)) * (1 + 1.5e-16))}</v>", text)

    result = _merged(tmp_path, edit)
    clean = clean_group("T01")["data"]
    book = _book(result)
    assert [f for f in result.report.findings if f.file == "T01.xlsx"] == []
    assert [r.values["m01"] for r in book.rows("travel_fund")] == [r["m01"] for r in clean["travel_fund"]]
    assert [r.values["amount"] for r in book.rows("loans")] == [r["amount"] for r in clean["loans"]]
    assert book.info["declared_travel_total"] == clean["info"]["declared_travel_total"]
