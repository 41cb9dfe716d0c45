"""The bad-input corpus (tests/badinput), merged as one folder with two clean groups.

Every bad file gives a finding naming it, never a traceback; the other files are
still merged; the row account holds. The table of kinds is tests/badinput/make_corpus.py
KINDS, rendered into tests/badinput/README.md.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner

from unionxl import isolation, reader
from unionxl.cli import main
from unionxl.findings import Severity
from unionxl.merge import merge_folder
from unionxl.template import write_group_workbook

from .badinput.make_corpus import FILES, HERE, INJECTIONS, KINDS, readme, shared_strings_bomb, unit_codes
from .builders import UNIT_NAME, clean_group, two_groups, unit_data, write_folder

CLEAN_KINDS = [k.file for k in KINDS if not k.codes]


def _add_test_time_files(folder: Path, outside: Path) -> None:
    shared_strings_bomb(folder / "chuoi-qua-nhieu.xlsx", reader.MAX_SHARED_STRINGS + 1)
    group = clean_group("B22", offset=420)
    write_group_workbook(folder / "B22-khong-quyen.xlsx", year=group["year"], unit_name=UNIT_NAME,
                         group_code="B22", group_name=group["name"], data=group["data"])
    outside.mkdir(parents=True, exist_ok=True)
    stranger = clean_group("X99", offset=990)
    target = write_group_workbook(outside / "X99.xlsx", year=stranger["year"], unit_name=UNIT_NAME,
                                  group_code="X99", group_name=stranger["name"], data=stranger["data"])
    (folder / "lien-ket-ra-ngoai.xlsx").symlink_to(target)
    os.mkfifo(folder / "ong-dan.xlsx")


def _deny(name: str):
    """open() that fails like a file without read permission (tests run as root, where chmod 000 reads)."""
    real_open = open

    def fake_open(file, *args, **kwargs):
        if Path(str(file)).name == name:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    return fake_open


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    folder = root / "in"
    shutil.copytree(FILES, folder)
    write_folder(folder, two_groups(), unit=unit_data(["T01", "T02", *unit_codes()], opening=900_000_000))
    _add_test_time_files(folder, root / "outside")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reader, "open", _deny("B22-khong-quyen.xlsx"), raising=False)
        patch.setattr(isolation, "start_method", lambda: "fork")  # the readers' workers inherit the patch
        result = merge_folder(folder)
    by_file = defaultdict(list)
    for found in result.report.findings:
        by_file[found.file].append(found)
    return folder, result, by_file


def test_readme_table_is_current():
    assert (HERE / "README.md").read_text(encoding="utf-8") == readme(), \
        "run `python tests/badinput/make_corpus.py` and commit tests/badinput/"


def test_at_least_25_kinds_and_every_committed_file_listed():
    assert len(KINDS) >= 25
    listed = {k.file for k in KINDS if k.made == "script"}
    assert listed == {p.name for p in FILES.iterdir()}


@pytest.mark.parametrize("kind", KINDS, ids=[k.file for k in KINDS])
def test_each_kind_gives_its_finding(corpus, kind):
    _, _, by_file = corpus
    found = by_file.get(kind.file, [])
    codes = {f.code for f in found}
    if kind.codes:
        assert set(kind.codes) <= codes, [f.to_dict() for f in found]
    else:
        loud = [f.to_dict() for f in found if f.severity != Severity.NOTE]
        assert loud == [], f"{kind.kind}: should read like a clean workbook"


def test_every_bad_file_is_named_by_a_finding(corpus):
    folder, _, by_file = corpus
    quiet = set(CLEAN_KINDS) | {"don-vi.xlsx", "T01.xlsx", "T02.xlsx"}
    for path in folder.iterdir():
        if path.name not in quiet:
            assert by_file.get(path.name), f"{path.name} gave no finding"


def test_the_other_files_are_still_merged(corpus):
    _, result, _ = corpus
    merged = {b.group_code for b in result.dataset.groups}
    # T01, T02 and every kind that must read like a clean workbook
    assert {"T01", "T02", "B03", "B04", "B05", "B10", "B18", "B19"} <= merged
    assert "X99" not in merged  # the link out of the folder was not followed
    t01 = next(b for b in result.dataset.groups if b.group_code == "T01")
    assert all(row.accepted for row in t01.rows("members"))


def test_the_row_account_holds(corpus):
    _, result, _ = corpus
    for key, account in result.report.account.items():
        assert account.read == account.accepted + account.rejected, key
    read = sum(a.read for a in result.report.account.values())
    assert read == sum(record.rows_read for record in result.report.files)
    for record in result.report.files:
        assert record.rows_read == record.rows_accepted + record.rows_rejected, record.display


def _group(result, code):
    return next(b for b in result.dataset.groups if b.group_code == code)


def test_hidden_rows_and_columns_still_count(corpus):
    _, result, _ = corpus
    book = _group(result, "B10")
    members = book.rows("members")
    assert [r.accepted for r in members] == [True, True, True]
    assert members[1].values["full_name"] == "Nguyễn Thị Hoa"  # row 5 is hidden
    assert members[0].values["professional_level"]  # column H is hidden
    assert book.rows("travel_fund")[0].values["m02"] == 30_000  # column E is hidden


def test_invisible_spaces_are_cleaned_away(corpus):
    _, result, _ = corpus
    members = _group(result, "B18").rows("members")
    assert [m.values["full_name"] for m in members] == ["Lò Văn Inh", "Nguyễn Thị Hoa", "Giàng A Sử"]
    assert all(len(m.values["cccd"]) == 12 and m.values["cccd"].isascii() for m in members)


def test_formula_strings_are_read_as_plain_text(corpus):
    _, result, _ = corpus
    book = _group(result, "B19")
    assert [m.values["full_name"] for m in book.rows("members")] == list(INJECTIONS[:3])
    assert book.rows("loans")[0].values["purpose"] == INJECTIONS[3]


def test_a_formula_without_value_is_never_read_as_zero(corpus):
    _, result, by_file = corpus
    row = next(b for b in result.report.files if b.display == "B11-cong-thuc-chua-tinh.xlsx")
    assert row.kind == "group"
    found = [(f.code, f.sheet, f.cell, f.value) for f in by_file["B11-cong-thuc-chua-tinh.xlsx"]
             if f.code == "cell-formula-no-value"]
    assert found == [("cell-formula-no-value", "Quỹ du lịch", "P4", "=SUM(D4:O4)"),
                     ("cell-formula-no-value", "Quỹ tương hỗ", "H4", "=SUM(D4:G4)")]
    book = _group(result, "B11")
    first = book.rows("travel_fund")[0]
    assert first.values["total"] is None and not first.accepted


def test_formula_errors_are_found_at_their_cells(corpus):
    _, _, by_file = corpus
    places = sorted((f.file, f.place, f.value) for name in ("B12-loi-cong-thuc.xlsx", "B13-loi-cong-thuc.ods")
                    for f in by_file[name] if f.code == "cell-formula-error")
    assert places == [
        ("B12-loi-cong-thuc.xlsx", "'Quỹ du lịch'!D5", "#REF!"),
        ("B12-loi-cong-thuc.xlsx", "'Quỹ tương hỗ'!E4", "#VALUE!"),
        ("B13-loi-cong-thuc.ods", "'Quỹ du lịch'!D5", "#DIV/0!"),
        ("B13-loi-cong-thuc.ods", "'Quỹ du lịch'!E5", "#VALUE!"),
    ]


def test_legacy_and_calc_formats_read_like_xlsx(corpus):
    _, result, _ = corpus
    for code in ("B03", "B04", "B05"):
        expected = clean_group(code, offset=100 + 10 * int(code[1:]))["data"]["members"]
        got = [r.values for r in _group(result, code).rows("members")]
        assert [(g["full_name"], g["birth_date"], g["cccd"]) for g in got] == \
            [(e["full_name"], e["birth_date"], e["cccd"]) for e in expected], code


def test_the_cli_reports_the_corpus_without_a_traceback(corpus, tmp_path):
    folder, _, _ = corpus
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reader, "open", _deny("B22-khong-quyen.xlsx"), raising=False)
        patch.setattr(isolation, "start_method", lambda: "fork")  # the readers' workers inherit the patch
        outcome = runner.invoke(main, ["validate", str(folder), "--all", "--json", str(tmp_path / "f.json")])
    assert outcome.exit_code == 1, outcome.output
    assert outcome.exception is None or isinstance(outcome.exception, SystemExit)
    assert "Traceback" not in outcome.output and "internal error" not in outcome.output
    for kind in KINDS:
        if kind.codes and kind.codes != ("file-skipped",):
            assert kind.file in outcome.output, kind.file


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 file; the corpus test simulates it")
def test_a_file_without_read_permission(tmp_path):
    folder = write_folder(tmp_path / "in", two_groups())
    (folder / "T02.xlsx").chmod(0)
    try:
        result = merge_folder(folder)
    finally:
        (folder / "T02.xlsx").chmod(0o644)
    assert [f.code for f in result.report.findings if f.file == "T02.xlsx"][0] == "file-unreadable"


def test_merge_writes_every_output_from_the_corpus(corpus, tmp_path):
    folder, _, _ = corpus
    out = tmp_path / "out"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reader, "open", _deny("B22-khong-quyen.xlsx"), raising=False)
        patch.setattr(isolation, "start_method", lambda: "fork")  # the readers' workers inherit the patch
        outcome = CliRunner().invoke(main, ["merge", str(folder), "-o", str(out)])
    assert outcome.exit_code == 1, outcome.output
    assert "Traceback" not in outcome.output and "internal error" not in outcome.output
    written = sorted(out.rglob("*.xlsx"))
    assert any(p.name.startswith("tong-hop-") for p in written) and list(out.glob("*.docx"))
    for path in written:
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None, path.name
