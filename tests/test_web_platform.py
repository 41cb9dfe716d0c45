"""What Windows offices need, tested as far as Linux allows: a console without Vietnamese
letters, Windows-style file names from the browser, the serve and password commands."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from unionxl.cli import main
from unionxl.web.service import working_suffix


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_the_cli_prints_vietnamese_on_a_console_that_cannot_show_it(encoding):
    env = {**os.environ, "PYTHONIOENCODING": encoding, "PYTHONUTF8": "0"}
    done = subprocess.run([sys.executable, "-m", "unionxl", "codes"], capture_output=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-800:]
    text = done.stdout.decode(encoding, errors="replace")  # click itself writes UTF-8 to a plain-ASCII stream
    assert "file-unreadable" in text and "Kh" in text
    assert b"UnicodeEncodeError" not in done.stderr


@pytest.mark.parametrize("sent, suffix", [
    ("C:\\Users\\To truong\\Desktop\\T01.XLSX", ".xlsx"),
    ("D:\\bao cao\\T01.xls", ".xls"),
    ("T01.ods", ".ods"),
    ("T01.xlsx.exe", ".xlsx"),   # not a workbook suffix: named by its content (a zip here)
    ("T01", ".xlsx"),
])
def test_the_working_copy_takes_a_suffix_from_our_list_never_the_senders_text(sent, suffix):
    assert working_suffix(sent, b"PK\x03\x04") == suffix


def test_an_old_excel_file_is_recognised_by_its_first_bytes():
    assert working_suffix("bao-cao", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") == ".xls"


def test_serve_and_password_have_help():
    for command in ("serve", "password"):
        result = CliRunner().invoke(main, [command, "--help"])
        assert result.exit_code == 0 and "--data" in result.output
    assert "0.0.0.0" in CliRunner().invoke(main, ["serve", "--help"]).output


def test_the_web_package_is_not_imported_by_the_library():
    code = ("import sys, unionxl, unionxl.merge, unionxl.cli, unionxl.writers, unionxl.template;"
            "print(any(m.startswith('unionxl.web') for m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "False", done.stderr
