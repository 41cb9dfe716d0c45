"""The blank templates and a consolidated workbook against committed goldens (tests/golden/).

A difference fails with the first lines of the diff. When the change is intended:
`python -m tests.golden --update`, read `git diff tests/golden`, commit.
"""

from __future__ import annotations

import difflib
import zipfile

import pytest

from .golden import CASES, golden_path, normalise, render


@pytest.mark.parametrize("case", list(CASES))
def test_output_matches_its_golden(case):
    committed = golden_path(case).read_text(encoding="utf-8")
    now = render(case)
    if now != committed:
        diff = "".join(list(difflib.unified_diff(committed.splitlines(True), now.splitlines(True),
                                                 f"tests/golden/{case}.txt", "now", n=1))[:60])
        pytest.fail(f"{case} differs from its golden (intended? python -m tests.golden --update):\n{diff}")


def test_the_output_is_reproducible_byte_for_byte(tmp_path):
    """Fixed document dates and zip timestamps: the same inputs give the same file, not just the same XML."""
    first = CASES["consolidated-vi"](tmp_path / "a").read_bytes()
    second = CASES["consolidated-vi"](tmp_path / "b").read_bytes()
    assert first == second


def test_the_comparison_sees_a_changed_cell(tmp_path):
    """normalise() must not hide content: one cell's text changed in the saved file shows in the text."""
    path = CASES["template-group-vi"](tmp_path)
    before = normalise(path)
    changed = tmp_path / "changed.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(changed, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/sharedStrings.xml":
                data = data.replace("Khoa Nội".encode(), "Khoa Ngoại".encode(), 1)
            dst.writestr(info, data)
    after = normalise(changed)
    assert before != after and "Khoa Ngoại" in after and "Khoa Ngoại" not in before
