"""The README's library example runs as written, and Result.frames() gives analysts proper types."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

import pandas as pd
import pytest

import unionxl

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def readme_library_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Dùng như thư viện / as a library", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(blocks) == 1, "the library section holds exactly one Python example"
    return blocks[0]


def test_the_readme_library_example_runs_and_prints_the_seed_figures(monkeypatch):
    monkeypatch.chdir(ROOT)  # the example uses paths relative to the repository, as a reader would
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(readme_library_example(), "README.md", "exec"), {})
    lines = out.getvalue().splitlines()
    assert lines[0] == "0 307 110520000"  # SPEC §5: 307 members, 30.000đ × 12 × 307
    assert lines[1] == "312"  # samples/tong-hop/tong-hop-2023.xlsx lists 312 members
    assert any("Lường Văn Tiến" in line for line in lines)  # a member-quarter unpaid (samples/README.md)
    assert any(line.startswith("cccd-") or line.startswith("cell-") for line in lines)


@pytest.fixture(scope="module")
def frames():
    return unionxl.run(SAMPLES / "2024").frames()


def test_one_frame_per_ledger_with_provenance_first(frames):
    assert list(frames) == ["members", "travel_fund", "mutual_fund", "loans", "welfare"]
    for frame in frames.values():
        assert list(frame.columns[:6]) == ["unit", "group_code", "group_name", "source_file", "source_sheet",
                                           "source_row"]
    members = frames["members"]
    assert len(members) == 307 and members["cccd"].is_unique
    first = members.iloc[0]
    assert (first["group_code"], first["source_file"], first["source_sheet"], first["source_row"]) == (
        "T01", "T01-ban-giam-doc.xlsx", "Đoàn viên", 4)


def test_frames_have_proper_dtypes(frames):
    members, mutual, loans = frames["members"], frames["mutual_fund"], frames["loans"]
    assert isinstance(members["cccd"].dtype, pd.StringDtype)
    assert members["cccd"].str.len().eq(12).all() and members["cccd"].str.startswith("0").all()  # zeros kept
    assert pd.api.types.is_datetime64_any_dtype(members["birth_date"])
    assert members["birth_date"].dt.year.between(1950, 2010).all()
    for column in ("q1", "q2", "q3", "q4", "total"):
        assert mutual[column].dtype == "Int64", column
    assert mutual[["q1", "q2", "q3", "q4"]].sum().sum() == 243_800_000  # SPEC §5
    assert mutual[["q1", "q2", "q3", "q4"]].isna().sum().sum() == 9  # the 9 unpaid member-quarters stay missing
    assert loans["amount"].dtype == "Int64" and loans["amount"].sum() == 240_000_000
    assert pd.api.types.is_datetime64_any_dtype(loans["loan_date"])


def test_sector_frames_keep_each_rows_cdcs_and_group():
    members = unionxl.rollup(SAMPLES / "nganh-2024" / "tong-hop").frames()["members"]
    assert len(members) == 307 + 65 + 121
    assert members.groupby("unit")["cccd"].count().sort_values().tolist() == [65, 121, 307]
    assert members["group_code"].notna().all() and (members["group_code"] != "").all()


def test_exit_status_3_is_documented_with_the_others():
    from click.testing import CliRunner

    from unionxl.cli import main

    help_text = CliRunner().invoke(main, ["--help"]).output
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    docs = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for text in (help_text, readme, docs):
        for code in ("0", "1", "2", "3"):
            assert re.search(rf"\b{code}\s*(=|\||\s)\s*\S", text), code
        assert "--debug" in text
    assert "lỗi nội bộ" in help_text and "internal error" in help_text


def test_an_internal_error_exits_3_with_a_plain_message(monkeypatch):
    from click.testing import CliRunner

    from unionxl import merge
    from unionxl.cli import main

    def bug(*_args, **_kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(merge.cccd, "check_across_groups", bug)  # runs in this process, after reading
    result = CliRunner().invoke(main, ["validate", str(SAMPLES / "2024")])
    assert result.exit_code == 3
    assert "internal error: ZeroDivisionError" in result.output and "--debug" in result.output
    assert "Traceback" not in result.output
    debug = CliRunner().invoke(main, ["--debug", "validate", str(SAMPLES / "2024")])
    assert isinstance(debug.exception, ZeroDivisionError)
