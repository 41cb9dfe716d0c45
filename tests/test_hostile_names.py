"""File names that are not what an output can hold."""

from __future__ import annotations

import json
import os
from pathlib import Path

from click.testing import CliRunner

from unionxl.cli import main
from unionxl.template import write_group_workbook

from .builders import UNIT_NAME, clean_group, two_groups, unit_data, write_folder


def test_a_file_name_that_is_not_utf8_is_read_and_reported(tmp_path):
    """A name copied from an old USB stick or unpacked from a zip made elsewhere: its bytes are not
    UTF-8, Python hands it over with lone surrogates, which the JSON could not encode (exit 3) and
    calamine could not find the file by."""
    folder = write_folder(tmp_path / "in", two_groups(), unit=unit_data(["T01", "T02", "T03"]))
    group = clean_group("T03", offset=100)
    write_group_workbook(folder / os.fsdecode(b"T03-t\xf4\xa0-cp1258.xlsx"), year=group["year"], unit_name=UNIT_NAME,
                         group_code="T03", group_name=group["name"], data=group["data"])
    out = tmp_path / "found.json"
    result = CliRunner().invoke(main, ["validate", str(folder), "--lang", "en", "--json", str(out)])
    assert result.exit_code in (0, 1), result.output
    found = json.loads(out.read_text(encoding="utf-8"))
    [record] = [f for f in found["files"] if f["file"].startswith("T03")]
    assert record["file"] == "T03-t\ufffd\ufffd-cp1258.xlsx"
    assert not [f for f in found["findings"] if f["file"] == record["file"] and f["severity"] == "error"]
    assert record["kind"] == "group" and record["group"] == "T03"  # read and merged like the others
    assert record["rows_accepted"] == record["rows_read"] > 0
