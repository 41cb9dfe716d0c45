"""docs/security.md's limits table is the code's: made from the constants, checked here."""

from __future__ import annotations

from pathlib import Path

from unionxl.xlsx.guard import limits_markdown

DOC = Path(__file__).resolve().parents[1] / "docs" / "security.md"


def test_the_limits_table_matches_the_constants():
    text = DOC.read_text(encoding="utf-8")
    table = text.split("<!-- limits:start -->\n", 1)[1].split("<!-- limits:end -->", 1)[0]
    assert table == limits_markdown(), (
        "docs/security.md is out of date: paste unionxl.xlsx.guard.limits_markdown() between the limits markers")


def test_every_finding_code_the_page_names_exists():
    import re

    from unionxl.findings import CATALOGUE

    named = set(re.findall(r"`((?:file|cell|output)-[a-z-]+)`", DOC.read_text(encoding="utf-8")))
    assert named and named <= set(CATALOGUE), named - set(CATALOGUE)
