"""The CLI as a user runs it: exit codes, messages, JSON equal to the library's result, docs current."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from unionxl.cli import main
import unionxl
from unionxl.findings import CATALOGUE, catalogue_markdown
from unionxl.merge import merge_folder

from .builders import two_groups, write_folder

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def clean(tmp_path):
    return write_folder(tmp_path / "clean", two_groups())


@pytest.fixture
def broken(tmp_path):
    groups = two_groups()
    groups[0]["data"]["members"][0]["gender"] = "Khác"
    return write_folder(tmp_path / "broken", groups)


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_validate_clean_folder_exits_0(clean):
    result = invoke("validate", clean)
    assert result.exit_code == 0, result.output
    assert "Kết quả: 0 lỗi, 0 cảnh báo, 0 ghi chú." in result.output
    assert "Đoàn viên: đọc 6 = nhận 6 + loại 0" in result.output


def test_validate_with_errors_exits_1_and_names_the_cell(broken):
    result = invoke("validate", broken)
    assert result.exit_code == 1
    assert "[Lỗi] cell-choice · T01.xlsx 'Đoàn viên'!C4" in result.output
    assert "'Khác' không có trong danh sách 'Giới tính'. Chọn một trong: Nam, Nữ." in result.output
    assert "Đoàn viên: đọc 6 = nhận 5 + loại 1" in result.output


def test_english_messages(broken):
    result = invoke("validate", broken, "--lang", "en")
    # The value as read stays Vietnamese (it is data); the column and the choices are the English labels.
    assert "'Khác' is not in the list for 'Gender'. Choose one of: Male, Female." in result.output
    assert "Members: read 6 = accepted 5 + rejected 1" in result.output


def test_usage_problems_exit_2(tmp_path):
    assert invoke("validate", tmp_path / "khong-co").exit_code == 2
    assert invoke("validate").exit_code == 2
    assert invoke("merge", tmp_path).exit_code == 2  # -o missing


def test_json_on_stdout_equals_the_library_result(broken):
    result = invoke("validate", broken, "--json", "-")
    assert result.exit_code == 1
    expected = unionxl.run(broken).to_json()
    assert json.loads(result.output) == expected
    assert expected["findings"][0]["place"] == "'Đoàn viên'!C4"


def test_json_to_a_file_keeps_the_console_report(clean, tmp_path):
    out = tmp_path / "ket-qua.json"
    result = invoke("validate", clean, "--json", out)
    assert result.exit_code == 0
    assert "Kết quả:" in result.output
    assert json.loads(out.read_text(encoding="utf-8"))["figures"]["members"] == 6


def test_every_command_has_help():
    def walk(command, path):
        yield path
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, path + [name])

    for path in walk(main, []):
        result = invoke(*path, "--help")
        assert result.exit_code == 0, path
        assert "Usage:" in result.output


def test_findings_catalogue_docs_are_current():
    committed = (ROOT / "docs" / "findings.md").read_text(encoding="utf-8")
    assert committed == catalogue_markdown(), "run: unionxl codes --markdown > docs/findings.md"
    assert invoke("codes", "--markdown").output == committed


def test_every_code_has_both_messages_and_every_placeholder_is_known():
    for code in CATALOGUE.values():
        assert code.template("vi") and code.template("en")
        assert code.template("vi") != code.template("en")


def test_outputs_are_readable_like_any_saved_file(clean, tmp_path):
    import os
    import stat

    out = tmp_path / "ra"
    invoke("merge", clean, "-o", out)
    umask = os.umask(0)
    os.umask(umask)
    for path in out.iterdir():
        if path.is_file():
            assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask, path.name
