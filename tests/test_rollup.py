"""Roll-up to the sector union: consolidated workbooks of several CĐCS -> the sector's figures, checks and
outputs, and the sector's own workbook rolled up again one level higher."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import xlsxwriter
from click.testing import CliRunner

from unionxl.cli import main
import unionxl
from unionxl.merge import merge_folder
from unionxl.sector import rollup_folder
from unionxl.tables import compute_figures
from unionxl.writers import write_outputs
from unionxl.writers.workbook import write_consolidated

from .builders import PEOPLE, clean_group, two_groups, unit_data, write_folder

A_NAME, B_NAME = "Công đoàn cơ sở Bệnh viện A", "Công đoàn cơ sở Trung tâm Y tế B"
SECTOR = "Công đoàn ngành Y tế Thử"


def cdcs(root: Path, name: str, groups: list[dict], year: int = 2024, opening: int = 50_000_000) -> Path:
    """Merge one CĐCS built from tests.builders and write its consolidated workbook; return its path."""
    unit = unit_data([g["code"] for g in groups], opening)
    unit["unit_info"].update(unit_name=name, year=year)
    for g in groups:
        g["year"] = year
    folder = write_folder(root / "cdcs" / name, groups, unit)
    result = merge_folder(folder)
    path = root / "nganh" / f"tong-hop-{year}-{len(list((root / 'nganh').glob('*'))) if (root / 'nganh').exists() else 0}.xlsx"
    write_consolidated(result, path)
    return path


def b_groups() -> list[dict]:
    extra = PEOPLE + [("Vàng Thị Mai", "Nữ", PEOPLE[1][2].replace(year=1988), "012188005555")]
    return [clean_group("B1", extra, offset=100), clean_group("B2", offset=200)]


@pytest.fixture(scope="module")
def sector(tmp_path_factory):
    root = tmp_path_factory.mktemp("sector")
    a = cdcs(root, A_NAME, two_groups())
    b = cdcs(root, B_NAME, b_groups())
    folder = root / "nganh"
    return {"root": root, "folder": folder, "a": a, "b": b, "result": rollup_folder(folder)}


def _each(root: Path, name: str, groups) -> dict:
    unit = unit_data([g["code"] for g in groups])
    unit["unit_info"]["unit_name"] = name
    return compute_figures(merge_folder(write_folder(root / "again" / name, groups, unit)).dataset)


HEADLINE = ("members", "male", "female", "party_members", "social_fund", "software_recorded", "new_members")


def test_sector_figures_are_the_sums_of_each_cdcs(sector, tmp_path):
    a = _each(tmp_path, A_NAME, two_groups())
    b = _each(tmp_path, B_NAME, b_groups())
    s = compute_figures(sector["result"].dataset)
    for key in HEADLINE:
        assert getattr(s, key) == getattr(a, key) + getattr(b, key), key
    for key in ("professional_level", "political_theory", "studying_political", "general_education"):
        assert Counter(getattr(s, key)) == Counter(getattr(a, key)) + Counter(getattr(b, key)), key
    for fund in ("travel_fund", "mutual_fund"):
        for key in ("contributors", "collected"):
            assert getattr(getattr(s, fund), key) == getattr(getattr(a, fund), key) + getattr(getattr(b, fund), key), \
                (fund, key)
    for key in ("opening_balance", "balance", "repaid", "closing_balance", "unpaid_periods"):
        assert getattr(s.mutual_fund, key) == getattr(a.mutual_fund, key) + getattr(b.mutual_fund, key), key
    for key in ("count", "amount", "repaid"):
        assert getattr(s.loans, key) == getattr(a.loans, key) + getattr(b.loans, key), key
    for kind, entry in s.welfare.items():
        assert entry.amount == a.welfare_of(kind).amount + b.welfare_of(kind).amount, kind
    assert (s.groups, s.units, s.union_groups) == (2, 2, 4)
    assert s.members == 13
    # one row per CĐCS, in file order, each equal to that CĐCS's own totals
    per = s.per_group
    assert [per[c].members for c in ("D01", "D02")] == [a.members, b.members]
    assert per["D02"].mutual_collected == b.mutual_fund.collected


def test_clean_sector_has_no_findings_and_accounts_for_every_row(sector):
    report = sector["result"].report
    assert report.findings == []
    assert report.exit_code == 0
    assert report.account["members"].read == 13
    for key, account in report.account.items():
        assert account.read == account.accepted + account.rejected, key
    assert [f.kind for f in report.files] == ["consolidated", "consolidated"]
    assert sector["result"].dataset.unit_info["unit_name"] == "Công đoàn ngành Y tế Thử"  # their superior union


def test_same_cccd_in_two_cdcs_is_reported_at_the_later_workbook(tmp_path):
    a = cdcs(tmp_path, A_NAME, two_groups())
    moved = two_groups()[0]["data"]["members"][1]  # Nguyễn Thị Hoa of A's T01, who transferred to B
    groups = b_groups()
    groups[1]["data"]["members"][2].update(full_name=moved["full_name"], cccd=moved["cccd"],
                                           birth_date=moved["birth_date"], gender="Nữ")
    for sheet in ("travel_fund", "mutual_fund"):
        groups[1]["data"][sheet][2].update(full_name=moved["full_name"], cccd=moved["cccd"])
    for w in groups[1]["data"]["welfare"]:
        if w["cccd"] and w["cccd"].endswith(f"{(7777 + 200) % 10000:04d}"):
            w.update(full_name=moved["full_name"], cccd=moved["cccd"])
    groups[1]["data"]["info"].update(declared_male=1, declared_female=2)
    b = cdcs(tmp_path, B_NAME, groups)
    result = rollup_folder(tmp_path / "nganh")
    dup = [f for f in result.report.findings if f.code == "cccd-duplicate-units"]
    assert len(dup) == 1
    f = dup[0]
    # B's members ledger: Mã tổ, Tên tổ, STT, Họ và tên, Giới tính, Ngày sinh, Số CCCD (G); B1 has 4 rows from
    # row 5, so B2's third member is on row 11
    assert (f.file, f.sheet, f.cell, f.value, f.group) == (b.name, "Đoàn viên", "G11", moved["cccd"], "D02")
    assert A_NAME in f.message() and f"{a.name} 'Đoàn viên'!G6" in f.message()
    assert f.severity == "error" and result.report.exit_code == 1
    assert result.report.findings == dup  # each CĐCS merge was clean: nothing else


def _random_xlsx(path: Path) -> None:
    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("Sheet1").write_row(0, 0, ["Họ và tên", "Số CCCD", "Ghi chú"])
    book.close()


def test_files_that_are_not_consolidated_workbooks_are_findings_naming_the_file(sector, tmp_path):
    folder = tmp_path / "nganh"
    folder.mkdir()
    (folder / "tong-hop-a.xlsx").write_bytes(sector["a"].read_bytes())
    group_folder = write_folder(tmp_path / "to", two_groups())
    (folder / "T01-cua-to.xlsx").write_bytes((group_folder / "T01.xlsx").read_bytes())
    (folder / "don-vi.xlsx").write_bytes((group_folder / "don-vi.xlsx").read_bytes())
    _random_xlsx(folder / "bang-luong.xlsx")
    (folder / "hong.xlsx").write_bytes(b"PK\x03\x04 this is not a zip at all")
    (folder / "ghi-chu.txt").write_text("xin chào", encoding="utf-8")
    result = CliRunner().invoke(main, ["rollup", str(folder), "-o", str(tmp_path / "out"), "--json", "-"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    data = json.loads(result.output)
    by_file = {f["file"]: f for f in data["findings"]}
    assert by_file["T01-cua-to.xlsx"]["code"] == "rollup-not-consolidated"
    assert "biểu mẫu của một tổ công đoàn" in by_file["T01-cua-to.xlsx"]["message"]
    assert by_file["don-vi.xlsx"]["code"] == "rollup-not-consolidated"
    assert by_file["bang-luong.xlsx"]["code"] == "rollup-not-consolidated"
    assert by_file["hong.xlsx"]["code"] == "file-unreadable"
    assert by_file["ghi-chu.txt"]["code"] == "file-skipped"
    assert data["figures"]["members"] == 6  # the one real consolidated workbook still rolls up
    assert {f["file"]: f["kind"] for f in data["files"]}["bang-luong.xlsx"] == "rejected"


def test_unresolved_errors_and_other_years_are_flagged(tmp_path):
    cdcs(tmp_path, A_NAME, two_groups())
    broken = b_groups()
    broken[0]["data"]["members"][0]["gender"] = "Khác"  # B's merge rejects that row: an error it still lists
    b = cdcs(tmp_path, B_NAME, broken)
    old = cdcs(tmp_path, "Công đoàn cơ sở Trạm C", two_groups(), year=2023)
    result = rollup_folder(tmp_path / "nganh")
    codes = {f.code: f for f in result.report.findings}
    unresolved = codes["rollup-unresolved-errors"]
    assert (unresolved.file, unresolved.group, unresolved.value) == (b.name, "D02", 1)
    assert unresolved.sheet == "Phát hiện" and unresolved.cell == "A5"
    assert "cell-choice" in unresolved.message() and B_NAME in unresolved.message()
    year = codes["rollup-year"]
    assert (year.file, year.value, year.sheet) == (old.name, 2023, "unionxl")
    assert result.dataset.year == 2024 and len(result.dataset.groups) == 2
    account = result.report.account["members"]
    assert account.read == 6 + 6 + 6 and account.rejected == 6  # C's rows: read, and rejected with its file
    assert account.read == account.accepted + account.rejected


def test_two_workbooks_of_one_cdcs(sector, tmp_path):
    folder = tmp_path / "nganh"
    folder.mkdir()
    for name in ("a.xlsx", "a (1).xlsx"):
        (folder / name).write_bytes(sector["a"].read_bytes())
    result = rollup_folder(folder)
    assert [(f.code, f.file) for f in result.report.findings] == [("rollup-duplicate-unit", "a (1).xlsx")]
    assert result.dataset.groups[0].display == "a.xlsx"


def test_the_sector_workbook_rolls_up_again_with_the_same_totals(sector, tmp_path):
    out = tmp_path / "nganh-out"
    paths = write_outputs(sector["result"], out)
    assert {p.name for p in paths} >= {"tong-hop-2024.xlsx", "bao-cao-2024.docx"}
    province = tmp_path / "tinh"
    province.mkdir()
    (province / "nganh-y-te.xlsx").write_bytes((out / "tong-hop-2024.xlsx").read_bytes())
    again = rollup_folder(province, unit_name="Liên đoàn Lao động tỉnh Thử")
    first, second = compute_figures(sector["result"].dataset), compute_figures(again.dataset)
    for key in (*HEADLINE, "professional_level", "political_theory", "travel_fund", "loans", "welfare"):
        assert getattr(second, key) == getattr(first, key), key
    mutual = ("collected", "opening_balance", "closing_balance", "unpaid_periods")
    assert {k: getattr(second.mutual_fund, k) for k in mutual} == {k: getattr(first.mutual_fund, k) for k in mutual}
    assert (second.units, second.union_groups, second.groups) == (2, 4, 1)
    assert again.report.findings == []
    # nothing lost on the way: every member still knows its CĐCS and group
    origins = Counter(again.dataset.origin(b, r)[:2] for b, r in again.dataset.rows("members"))
    assert origins == {(A_NAME, "T01"): 3, (A_NAME, "T02"): 3, (B_NAME, "B1"): 4, (B_NAME, "B2"): 3}
    # ... and a CCCD repeated across two sector workbooks names the CĐCS, not the sector
    (province / "nganh-y-te-ban-sao.xlsx").write_bytes((out / "tong-hop-2024.xlsx").read_bytes())
    twice = rollup_folder(province)
    assert Counter(f.code for f in twice.report.findings) == {"rollup-duplicate-unit": 1}


def test_rolled_up_ledgers_keep_the_cdcs_and_group_columns(sector, tmp_path):
    from python_calamine import CalamineWorkbook

    write_outputs(sector["result"], tmp_path)
    grid = CalamineWorkbook.from_path(str(tmp_path / "tong-hop-2024.xlsx")).get_sheet_by_name("Đoàn viên").to_python()
    assert grid[3][:4] == ["Công đoàn cơ sở", "Mã tổ", "Tên tổ", "STT"]
    assert grid[3][-2:] == ["Tệp nguồn", "Dòng nguồn"]
    assert grid[4][:3] == [A_NAME, "T01", "Tổ thử T01"]
    assert grid[4][-2:] == [sector["a"].name, 5.0]
    summary = CalamineWorkbook.from_path(str(tmp_path / "tong-hop-2024.xlsx")).get_sheet_by_name("Tổng hợp").to_python()
    assert summary[3][:3] == ["Mã", "Công đoàn cơ sở", "Số đoàn viên"]
    assert [row[1] for row in summary[4:6]] == [A_NAME, B_NAME]
    assert summary[6][2] == 13


def test_cli_rollup_json_equals_the_library_and_english(sector):
    result = CliRunner().invoke(main, ["rollup", str(sector["folder"]), "-o", str(sector["root"] / "o"),
                                       "--json", "-"])
    assert result.exit_code == 0, result.output
    expected = unionxl.rollup(sector["folder"]).to_json()
    assert json.loads(result.output) == expected
    english = CliRunner().invoke(main, ["rollup", str(sector["folder"]), "-o", str(sector["root"] / "en"),
                                        "--lang", "en"])
    assert english.exit_code == 0
    assert "Sector roll-up: Công đoàn ngành Y tế Thử — year 2024 — 2 consolidated workbooks" in english.output
    assert "Members: read 13 = accepted 13 + rejected 0" in english.output
    assert CliRunner().invoke(main, ["rollup", str(sector["root"] / "khong-co"), "-o", "x"]).exit_code == 2


def test_rollup_against_last_years_sector_workbook(tmp_path):
    from unionxl.previous import compare_with_previous

    last = tmp_path / "2023"
    cdcs(last, A_NAME, two_groups(), year=2023)
    cdcs(last, B_NAME, b_groups(), year=2023)
    write_outputs(rollup_folder(last / "nganh"), last / "out")
    previous = last / "out" / "tong-hop-2023.xlsx"
    # each CĐCS closed 2023 at opening + collected + repaid − lent; A opens 2024 right, B does not
    closing_a = 50_000_000 + 6 * 800_000 + 2 * 4_000_000 - 2 * 10_000_000
    cdcs(tmp_path, A_NAME, two_groups(), opening=closing_a)
    cdcs(tmp_path, B_NAME, [g for g in b_groups()], opening=50_000_000)
    result = rollup_folder(tmp_path / "nganh")
    comparison = compare_with_previous(result, previous)
    assert comparison.change("members").delta == 0 and comparison.left == comparison.joined == []
    closing_b = 50_000_000 + 7 * 800_000 + 2 * 4_000_000 - 2 * 10_000_000
    assert comparison.previous_closing == closing_a + closing_b
    [f] = result.report.findings
    assert f.code == "previous-opening-balance" and f.file == ""  # the sector's balance is the CĐCS' sum
    assert f"{closing_a + closing_b:,}".replace(",", ".") in f.message()


@pytest.mark.parametrize("edit", ["delete", "paste-again"])
def test_member_rows_edited_by_hand_after_the_merge(sector, tmp_path, edit):
    """The consolidated workbook states how many members its merge counted; a row deleted or pasted again
    by hand afterwards would change the sector's figures with no trace."""
    import openpyxl

    folder = tmp_path / "nganh"
    folder.mkdir()
    (folder / "a.xlsx").write_bytes(sector["a"].read_bytes())
    b = folder / "b.xlsx"
    book = openpyxl.load_workbook(sector["b"])
    members = book["Đoàn viên"]
    if edit == "delete":
        members.delete_rows(members.max_row)
    else:
        members.append([c.value for c in members[members.max_row]])
    book.save(b)
    stated = compute_figures(rollup_folder(sector["folder"]).dataset).per_group["D02"].members
    result = rollup_folder(folder)
    found = [f for f in result.report.findings if f.code == "rollup-members-count"]
    assert [(f.file, f.group, f.sheet, f.value) for f in found] == [("b.xlsx", "D02", "unionxl", stated)]
    listed = stated - 1 if edit == "delete" else stated + 1
    assert found[0].params["expected"] == listed
    assert found[0].cell == result.dataset.groups[1].fields["info"].cells["members"]
    assert compute_figures(result.dataset).per_group["D02"].members == listed  # counted as it stands, flagged
    assert not [f for f in rollup_folder(sector["folder"]).report.findings if f.code == "rollup-members-count"]


def test_an_empty_folder_is_a_finding_not_a_clean_result(tmp_path):
    """Nothing rolled up must not end as 'no errors' with an empty sector workbook."""
    folder = tmp_path / "nganh"
    folder.mkdir()
    (folder / "ghi-chu.txt").write_text("gửi sau")
    result = CliRunner().invoke(main, ["rollup", str(folder), "-o", str(tmp_path / "out"), "--json", "-"])
    assert result.exit_code == 1, result.output
    codes = [f["code"] for f in json.loads(result.output)["findings"]]
    assert "rollup-none" in codes


def test_a_folder_of_rejected_files_is_not_also_empty(sector, tmp_path):
    folder = tmp_path / "nganh"
    write_folder(folder, two_groups(), unit_data(["A1", "A2"]))
    codes = {f.code for f in rollup_folder(folder).report.findings}
    assert codes == {"rollup-not-consolidated"}


def test_a_fund_total_typed_over_after_the_merge_is_a_row_total(sector, tmp_path):
    import openpyxl

    folder = tmp_path / "nganh"
    folder.mkdir()
    (folder / "a.xlsx").write_bytes(sector["a"].read_bytes())
    book = openpyxl.load_workbook(sector["b"])
    travel = book["Quỹ du lịch"]
    header = next(r for r in travel.iter_rows() if any(c.value == "Cộng" for c in r))
    total = next(c for c in header if c.value == "Cộng")
    cell = travel.cell(header[0].row + 1, total.column)
    cell.value = (cell.value or 0) + 1_000
    book.save(folder / "b.xlsx")
    result = rollup_folder(folder)
    found = [f for f in result.report.findings if f.code == "row-total"]
    assert [(f.file, f.group, f.sheet, f.cell, f.value) for f in found] == \
        [("b.xlsx", "D02", "Quỹ du lịch", cell.coordinate, cell.value)]
    assert found[0].params["expected"] == cell.value - 1_000
    clean = compute_figures(rollup_folder(sector["folder"]).dataset)
    assert compute_figures(result.dataset).travel_fund.collected == clean.travel_fund.collected
