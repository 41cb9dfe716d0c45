"""The committed samples of the README's sector and year-over-year commands, run as a user runs them:
`unionxl rollup samples/nganh-2024/tong-hop` and `unionxl merge samples/2024 --previous
samples/tong-hop/tong-hop-2023.xlsx`; and samples/generate_sector.py gives exactly the committed files."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from python_calamine import CalamineWorkbook

from unionxl.cli import main

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SECTOR = SAMPLES / "nganh-2024" / "tong-hop"
PREVIOUS = SAMPLES / "tong-hop" / "tong-hop-2023.xlsx"
THAN_UYEN, TAM_DUONG, HOSPITAL = (f"tong-hop-2024-{slug}.xlsx"
                                  for slug in ("ttyt-than-uyen", "ttyt-tam-duong", "bvdk-tinh-lai-chau"))


def run(*args) -> tuple[int, dict]:
    result = CliRunner().invoke(main, [str(a) for a in args] + ["--json", "-"])
    return result.exit_code, json.loads(result.output)


@pytest.fixture(scope="module")
def sector(tmp_path_factory):
    out = tmp_path_factory.mktemp("out-nganh")
    code, data = run("rollup", SECTOR, "-o", out)
    return code, data, out


@pytest.fixture(scope="module")
def year_over_year(tmp_path_factory):
    return run("merge", SAMPLES / "2024", "-o", tmp_path_factory.mktemp("out"), "--previous", PREVIOUS)


def test_sector_rollup_of_the_three_cdcs(sector):
    code, data, out = sector
    f = data["figures"]
    assert (f["members"], f["units"], f["union_groups"]) == (307 + 65 + 121, 3, 32 + 9 + 10)
    assert {g: v["members"] for g, v in f["per_group"].items()} == {"D01": 121, "D02": 65, "D03": 307}
    assert f["mutual_fund"]["opening_balance"] == 243_150_000 + 96_400_000 + 152_700_000
    assert f["loans"]["count"] == 24 + 6 + 11
    assert f["unit_name"] == "Công đoàn ngành Y tế Lai Châu"
    for key, account in data["account"].items():
        assert account["read"] == account["accepted"] + account["rejected"], key
    assert data["account"]["members"] == {"read": 493, "accepted": 493, "rejected": 0, "summary": 0}
    assert (out / "tong-hop-2024.xlsx").exists() and (out / "bao-cao-2024.docx").exists()


def test_the_transferred_member_is_the_one_finding_the_sector_must_see(sector):
    code, data, out = sector
    assert code == 1
    [finding] = data["findings"]
    assert (finding["code"], finding["file"], finding["sheet"], finding["cell"]) == \
        ("cccd-duplicate-units", THAN_UYEN, "Đoàn viên", "G269")  # as the README says
    assert "Trung tâm Y tế huyện Tam Đường" in finding["message"] and TAM_DUONG in finding["message"]
    # that row of Than Uyên's workbook is the member the 2024 samples mark as blocked by a duplicated CCCD
    grid = CalamineWorkbook.from_path(str(SECTOR / THAN_UYEN)).get_sheet_by_name("Đoàn viên").to_python()
    row = grid[int(finding["cell"][1:]) - 1]
    assert row[6] == finding["value"] and row[15] == "Trùng CCCD trên phần mềm QLĐV"
    assert (out / "phan-hoi" / "tong-hop-2024-ttyt-than-uyen-phan-hoi.xlsx").exists()


def test_sector_output_rolls_up_again(sector, tmp_path):
    _, first, out = sector
    (tmp_path / "nganh-y-te.xlsx").write_bytes((out / "tong-hop-2024.xlsx").read_bytes())
    code, again = run("rollup", tmp_path, "-o", tmp_path / "tinh", "--unit-name", "Liên đoàn Lao động tỉnh Lai Châu")
    assert code == 1  # the sector's own unresolved error travels up with it
    assert [f["code"] for f in again["findings"]] == ["rollup-unresolved-errors"]
    for key in ("members", "male", "female", "party_members", "professional_level", "travel_fund", "loans"):
        assert again["figures"][key] == first["figures"][key], key
    assert (again["figures"]["units"], again["figures"]["union_groups"]) == (3, 51)


def test_this_year_against_last_year(year_over_year):
    code, data = year_over_year
    assert code == 0
    # no opening-balance error; the 9 unpaid quarters carry their reason, so they are notes
    assert Counter(f["code"] for f in data["findings"]) == {"contribution-arrears-noted": 9}
    c = data["comparison"]
    assert c["previous_year"] == 2023
    assert c["changes"]["members"] == {"previous": 312, "current": 307, "change": -5}
    assert c["changes"]["party_members"]["change"] == 1
    assert c["opening_balance"] == c["previous_closing_balance"] == 243_150_000
    assert len(c["left"]) == 5 and c["joined"] == []
    assert {m["group_code"] for m in c["left"]} == {"T07", "T08", "T13", "T14", "T22"}


def test_readme_shows_these_commands():
    readme = (SAMPLES.parent / "README.md").read_text(encoding="utf-8")
    assert "unionxl rollup samples/nganh-2024/tong-hop -o out-nganh/" in readme
    assert "unionxl merge samples/2024 -o out/ --previous samples/tong-hop/tong-hop-2023.xlsx" in readme
    assert "`cccd-duplicate-units`" in readme and "'Đoàn viên'!G269" in readme


def test_generate_sector_gives_the_committed_files(tmp_path):
    subprocess.run([sys.executable, str(SAMPLES / "generate_sector.py"), "--out", str(tmp_path)], check=True,
                   capture_output=True)
    fresh = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    committed = sorted(p.relative_to(SAMPLES) for sub in ("2023", "tong-hop", "nganh-2024")
                       for p in (SAMPLES / sub).rglob("*") if p.is_file())
    assert fresh == committed
    for rel in fresh:
        a, b = CalamineWorkbook.from_path(str(tmp_path / rel)), CalamineWorkbook.from_path(str(SAMPLES / rel))
        assert a.sheet_names == b.sheet_names, rel
        for name in a.sheet_names:
            assert a.get_sheet_by_name(name).to_python() == b.get_sheet_by_name(name).to_python(), \
                f"{rel} '{name}' differs: run python samples/generate_sector.py"
