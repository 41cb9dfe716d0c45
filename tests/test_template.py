"""The template: what an officer opens, fills and sends back must read back exactly.

The round trips fill the workbook with openpyxl the way an officer types into
Excel (values under the headers, nothing else touched), then read it with
python-calamine (what the merge uses) and with unionxl's own reader.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import click
import openpyxl
from copy import copy
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook

from unionxl import schema
from unionxl.cli import main
from unionxl.schema import (
    FIELD_FIRST_ROW, GROUP_INFO, GROUP_SHEETS, HEADER_ROW, KPI_SHEET, KPIS, LISTS, LOANS, MEMBERS, POLICY,
    POLICY_DEFAULTS, TRAVEL_FUND, UNIT_GROUPS, UNIT_INFO, WELFARE, ColType,
)
from unionxl.template import write_blank_templates, write_group_workbook, write_unit_workbook

REPO = Path(__file__).resolve().parents[1]
COMMITTED = REPO / "workbook_templates"
GROUP = {"year": 2024, "unit_name": "Công đoàn cơ sở Trung tâm Y tế Than Uyên", "group_code": "T07",
         "group_name": "Trạm Y tế xã Mường Kim"}
FIRST = HEADER_ROW + 1  # first entry row, 1-based


def header_columns(ws, sheet, lang="vi") -> dict[str, int]:
    """Column key -> 1-based column, found by header text as a reader would."""
    found = {ws.cell(HEADER_ROW, c).value: c for c in range(1, ws.max_column + 1)}
    return {col.key: found[col.header(lang)] for col in sheet.columns}


def calamine_rows(path, name) -> list[list]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python(skip_empty_area=False)


def validation_at(ws, coordinate):
    matches = [dv for dv in ws.data_validations.dataValidation if coordinate in dv.sqref]
    assert len(matches) <= 1, f"{ws.title}!{coordinate}: {len(matches)} validations overlap"
    return matches[0] if matches else None


@pytest.fixture(scope="module")
def group_path(tmp_path_factory):
    return write_group_workbook(tmp_path_factory.mktemp("group") / "T07.xlsx", **GROUP)


@pytest.fixture(scope="module")
def unit_path(tmp_path_factory):
    return write_unit_workbook(tmp_path_factory.mktemp("unit") / "don-vi.xlsx", year=2024,
                               unit_name=GROUP["unit_name"])


# ------------------------------------------------------------------ round trips

TYPED = {  # what an officer types, sheet by sheet, in one row
    "members": {"stt": 1, "full_name": "Nguyễn Thị Hoa", "gender": "Nữ", "birth_date": dt.date(1985, 1, 5),
                "cccd": "012185000123", "party_member": "Có", "general_education": "THPT",
                "professional_level": "Đại học", "political_theory": "Trung cấp",
                "studying_political": "Đang học CCLLCT", "join_date": dt.date(2010, 3, 1),
                "software_recorded": "Có", "social_fund": "Không", "note": "Chuyển đến từ tổ T03"},
    "travel_fund": {"stt": 1, "full_name": "Nguyễn Thị Hoa", "cccd": "012185000123",
                    **{m: 30_000 for m in schema.MONTHS}, "total": 360_000, "trip_support": 1_000_000},
    "mutual_fund": {"stt": 1, "full_name": "Nguyễn Thị Hoa", "cccd": "012185000123",
                    **{q: 200_000 for q in schema.QUARTERS}, "total": 800_000},
    "loans": {"stt": 1, "full_name": "Nguyễn Thị Hoa", "cccd": "012185000123", "loan_date": dt.date(2024, 3, 15),
              "amount": 10_000_000, "term_months": 12, "repaid": 4_000_000, "outstanding": 6_000_000,
              "purpose": "Sửa nhà"},
    "welfare": {"stt": 1, "date": dt.date(2024, 2, 5), "kind": "Quà Tết hoàn cảnh khó khăn",
                "full_name": "Nguyễn Thị Hoa", "cccd": "012185000123", "amount": 500_000, "source": "CĐ ngành"},
}
TYPED_INFO = {"leader": "Lò Văn Inh", "prepared_by": "Nguyễn Thị Hoa", "prepared_date": dt.date(2024, 12, 20),
              "declared_members": 1, "declared_male": 0, "declared_female": 1, "declared_travel_total": 360_000,
              "declared_mutual_total": 800_000, "declared_loans_count": 1, "declared_loans_amount": 10_000_000}


def effective(ws, cell):
    """The style a person typing into this cell gets: its own, or its column's (Excel and Calc alike)."""
    if cell.has_style:
        return cell
    for dim in ws.column_dimensions.values():
        if dim.min <= cell.column <= dim.max:
            return dim
    return cell


def type_into(ws, row: int, column: int, value) -> None:
    """As Excel does when a value is typed into an empty cell: it takes the column's format."""
    cell = ws.cell(row, column)
    source = effective(ws, cell)
    if source is not cell:
        cell.number_format, cell.protection = source.number_format, copy(source.protection)
    cell.value = value


def fill_like_an_officer(path: Path, out: Path) -> Path:
    wb = openpyxl.load_workbook(path)
    for sheet in GROUP_SHEETS:
        ws = wb[sheet.name()]
        columns = header_columns(ws, sheet)
        for key, value in TYPED[sheet.key].items():
            type_into(ws, FIRST, columns[key], value)
    ws = wb[GROUP_INFO.name()]
    labels = {ws.cell(r, 1).value: r for r in range(FIELD_FIRST_ROW, ws.max_row + 1)}
    for key, value in TYPED_INFO.items():
        ws.cell(labels[GROUP_INFO.field(key).label()], 2).value = value
    wb.save(out)
    return out


@pytest.fixture(scope="module")
def filled_path(group_path, tmp_path_factory):
    return fill_like_an_officer(group_path, tmp_path_factory.mktemp("filled") / "T07.xlsx")


@pytest.mark.parametrize("sheet", GROUP_SHEETS, ids=lambda s: s.key)
def test_typed_values_read_back_exactly_with_calamine(filled_path, sheet):
    rows = calamine_rows(filled_path, sheet.name())
    assert rows[HEADER_ROW - 1] == [col.header() for col in sheet.columns]
    got = dict(zip(sheet.keys, rows[HEADER_ROW]))
    expected = {key: TYPED[sheet.key].get(key, "") for key in sheet.keys}
    assert got == expected
    if "cccd" in got:
        assert isinstance(got["cccd"], str)  # the leading zero survived


def test_template_formats_survive_an_officer_filling_it(filled_path):
    wb = openpyxl.load_workbook(filled_path)
    ws = wb[MEMBERS.name()]
    columns = header_columns(ws, MEMBERS)
    assert ws.cell(FIRST, columns["cccd"]).number_format == "@"
    assert ws.cell(FIRST, columns["cccd"]).value == "012185000123"
    assert ws.cell(FIRST, columns["birth_date"]).number_format == "dd/mm/yyyy"
    ws = wb[TRAVEL_FUND.name()]
    assert ws.cell(FIRST, header_columns(ws, TRAVEL_FUND)["total"]).number_format == "#,##0"


def test_typed_values_read_back_through_the_unionxl_reader(filled_path):
    reader = pytest.importorskip("unionxl.reader")
    book, findings = reader.read_workbook(filled_path)
    assert book.kind == "group" and book.accepted
    assert [f.code for f in findings] == []
    info = book.fields[GROUP_INFO.key].values
    assert {k: info[k] for k in GROUP} == GROUP
    assert {k: info[k] for k in TYPED_INFO} == TYPED_INFO
    for sheet in GROUP_SHEETS:
        [row] = book.rows(sheet.key)
        assert row.number == FIRST
        typed = TYPED[sheet.key]
        expected = {}
        for col in sheet.columns:
            value = typed.get(col.key)
            if col.type is ColType.CHOICE and value is not None:
                value = next(c.key for c in LISTS[col.choices].choices if c.vi == value)
            expected[col.key] = value
        assert {k: row.values.get(k) for k in expected} == expected, sheet.key


# ------------------------------------------------------------------ data written by type

def test_data_is_written_by_python_type_never_as_formula(tmp_path):
    planted = {
        "info": {"leader": "=HYPERLINK(\"http://x\",\"bấm\")", "declared_members": "3"},
        "members": [
            {"full_name": "=1+1", "cccd": 12185000123, "note": "@SUM(A1)", "gender": "Nữ",
             "birth_date": dt.date(1985, 1, 5)},
            {"full_name": "+84 912 345 678", "cccd": "-012185000123", "birth_date": "05/01/1985", "stt": 2.5},
        ],
        "travel_fund": [{"full_name": "Lò Văn Inh", "m01": "30.000", "m02": 30_000, "m03": "30,000 đ",
                         "total": None}],
    }
    path = write_group_workbook(tmp_path / "planted.xlsx", **GROUP, data=planted)
    with zipfile.ZipFile(path) as zf:
        sheets = [n for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not [n for n in sheets if "<f>" in zf.read(n).decode()], "a value became a formula"
    members = calamine_rows(path, MEMBERS.name())
    cols = {k: MEMBERS.keys.index(k) for k in MEMBERS.keys}
    first, second = members[HEADER_ROW], members[HEADER_ROW + 1]
    assert first[cols["full_name"]] == "=1+1"
    assert first[cols["cccd"]] == 12185000123  # the planted lost zero stays a number
    assert first[cols["note"]] == "@SUM(A1)"
    assert first[cols["birth_date"]] == dt.date(1985, 1, 5)
    assert second[cols["full_name"]] == "+84 912 345 678"
    assert second[cols["cccd"]] == "-012185000123"
    assert second[cols["birth_date"]] == "05/01/1985"
    assert second[cols["stt"]] == 2.5
    travel = calamine_rows(path, TRAVEL_FUND.name())[HEADER_ROW]
    t = {k: TRAVEL_FUND.keys.index(k) for k in TRAVEL_FUND.keys}
    assert (travel[t["m01"]], travel[t["m02"]], travel[t["m03"]]) == ("30.000", 30000, "30,000 đ")
    wb = openpyxl.load_workbook(path)
    info = wb[GROUP_INFO.name()]
    row = FIELD_FIRST_ROW + [f.key for f in GROUP_INFO.fields].index("leader")
    assert info.cell(row, 2).data_type == "s" and info.cell(row, 2).value.startswith("=HYPERLINK")
    travel_ws = wb[TRAVEL_FUND.name()]
    blank = travel_ws.cell(FIRST, t["total"] + 1)
    style = effective(travel_ws, blank)
    assert blank.value is None and style.number_format == "#,##0" and not style.protection.locked


def test_info_overrides_keyword_arguments_so_a_wrong_year_can_be_planted(tmp_path):
    path = write_group_workbook(tmp_path / "g.xlsx", **GROUP, data={"info": {"year": 2023, "template_version": "0.9"}})
    ws = openpyxl.load_workbook(path)[GROUP_INFO.name()]
    values = {f.key: ws.cell(FIELD_FIRST_ROW + i, 2).value for i, f in enumerate(GROUP_INFO.fields)}
    assert values["year"] == 2023 and values["template_version"] == "0.9"
    assert values["group_code"] == GROUP["group_code"]


@pytest.mark.parametrize("data", [{"member": []}, {"members": [{"fullname": "x"}]}, {"info": {"nam": 2024}}])
def test_unknown_keys_are_refused(tmp_path, data):
    with pytest.raises(ValueError, match="unknown"):
        write_group_workbook(tmp_path / "g.xlsx", **GROUP, data=data)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60),
                min_size=1, max_size=5))
def test_any_text_comes_back_unchanged(tmp_path, notes):
    path = write_group_workbook(tmp_path / "n.xlsx", **GROUP,
                                data={"members": [{"note": n} for n in notes]})
    rows = calamine_rows(path, MEMBERS.name())
    note = MEMBERS.keys.index("note")
    assert [r[note] for r in rows[HEADER_ROW:HEADER_ROW + len(notes)]] == notes


# ------------------------------------------------------------------ structure of the workbook

def test_sheets_in_order_lists_hidden_instructions_first(group_path, unit_path):
    wb = openpyxl.load_workbook(group_path)
    assert wb.sheetnames == ["Hướng dẫn", GROUP_INFO.name(), *(s.name() for s in GROUP_SHEETS), "Danh mục"]
    assert wb["Danh mục"].sheet_state == "hidden"
    assert wb.active.title == "Hướng dẫn"
    wb = openpyxl.load_workbook(unit_path)
    assert wb.sheetnames == ["Hướng dẫn", UNIT_INFO.name(), UNIT_GROUPS.name(), POLICY.name(), KPI_SHEET.name(),
                             "Nội dung báo cáo", "Danh mục"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_choice_column_drops_down_from_a_range_on_the_lists_sheet(tmp_path, lang):
    paths = write_blank_templates(tmp_path, lang)
    for path, sheets in zip(paths, (GROUP_SHEETS, (UNIT_GROUPS, KPI_SHEET))):
        wb = openpyxl.load_workbook(path)
        lists_name = schema.sheet_name(schema.LISTS_SHEET, lang)
        for sheet in sheets:
            ws = wb[sheet.name(lang)]
            for c, col in enumerate(sheet.columns, 1):
                if col.type is not ColType.CHOICE:
                    continue
                letter = get_column_letter(c)
                dv = validation_at(ws, f"{letter}{FIRST}")
                assert dv is not None and dv.type == "list", f"{ws.title}!{letter}"
                assert f"{letter}{HEADER_ROW + sheet.rows}" in dv.sqref
                assert dv.errorStyle in ("warning", "information")
                match = re.fullmatch(r"'(.+)'!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)", dv.formula1)
                assert match, f"not a range: {dv.formula1}"  # never an inline "a,b,c" list
                name, c1, r1, c2, r2 = match.groups()
                assert name == lists_name and c1 == c2
                listed = [wb[name][f"{c1}{r}"].value for r in range(int(r1), int(r2) + 1)]
                choices = LISTS[col.choices]
                assert listed == [ch.label(lang) for ch in choices.choices]
                assert wb[name][f"{c1}{int(r1) - 1}"].value == (choices.vi if lang == "vi" else choices.en)


def test_lists_sheet_has_one_column_per_list_and_a_name_for_each(group_path, unit_path):
    # The report sheet's lists (text status, prizes) are the unit workbook's only, and come last.
    group_lists = [lst for key, lst in LISTS.items() if key not in schema.UNIT_ONLY_LISTS]
    for path, lists in ((group_path, group_lists), (unit_path, list(LISTS.values()))):
        wb = openpyxl.load_workbook(path)
        ws = wb["Danh mục"]
        assert [ws.cell(1, c).value for c in range(1, len(lists) + 2)] == [lst.vi for lst in lists] + [None]
        for lst in lists:
            assert f"DS_{lst.key}" in wb.defined_names


def test_validations_on_amounts_dates_and_cccd_warn_and_every_column_has_a_hint(group_path):
    wb = openpyxl.load_workbook(group_path)
    for sheet in GROUP_SHEETS:
        ws = wb[sheet.name()]
        for c, col in enumerate(sheet.columns, 1):
            dv = validation_at(ws, f"{get_column_letter(c)}{FIRST}")
            assert dv is not None, f"{ws.title}: {col.key} has no input message"
            assert dv.showInputMessage and dv.promptTitle == col.header()[:32]
            assert col.help() in dv.prompt and len(dv.prompt) <= 255 and len(dv.promptTitle) <= 32
            expected = {ColType.AMOUNT: ("whole", "greaterThanOrEqual", "0"),
                        ColType.INT: ("whole", "greaterThanOrEqual", "0"),
                        ColType.DATE: ("date", "between", "1"),
                        ColType.CCCD: ("textLength", "equal", "12")}.get(col.type)
            if expected:
                assert (dv.type, dv.operator or "between", dv.formula1) == expected, f"{ws.title}: {col.key}"
                assert dv.errorStyle == "warning" and dv.showErrorMessage
                assert len(dv.error) <= 255 and len(dv.errorTitle) <= 32


@pytest.mark.parametrize("sheet", GROUP_SHEETS, ids=lambda s: s.key)
def test_headers_formats_and_unlocked_entry_rows(group_path, sheet):
    ws = openpyxl.load_workbook(group_path)[sheet.name()]
    if sheet is not LOANS:  # one row per member at least; loans are fewer
        assert sheet.rows >= 300
    assert GROUP["group_name"] in ws["A1"].value and "2024" in ws["A1"].value
    assert f"A1:{get_column_letter(len(sheet.columns))}1" in {str(r) for r in ws.merged_cells.ranges}
    fills = {True: set(), False: set()}
    for c, col in enumerate(sheet.columns, 1):
        head = ws.cell(HEADER_ROW, c)
        assert head.value == col.header()
        assert head.protection.locked and head.alignment.wrap_text and head.font.b
        fills[col.required].add(head.fill.fgColor.rgb)
        for row in (FIRST, HEADER_ROW + sheet.rows):
            cell = ws.cell(row, c)
            style = effective(ws, cell)
            assert style.number_format == col.number_format, f"{cell.coordinate} {col.key}"
            assert style.protection.locked is False, cell.coordinate
        [width] = [d.width for d in ws.column_dimensions.values() if d.min <= c <= d.max]
        assert width == pytest.approx(col.width, abs=0.75)
    assert len(fills[True]) <= 1 and len(fills[False]) <= 1 and not fills[True] & fills[False]
    formats = {col.type: col.number_format for col in sheet.columns}
    assert formats.get(ColType.CCCD, "@") == "@"
    assert formats.get(ColType.DATE, "dd/mm/yyyy") == "dd/mm/yyyy"
    assert formats.get(ColType.AMOUNT, "#,##0") == "#,##0"


@pytest.mark.parametrize("sheet", GROUP_SHEETS, ids=lambda s: s.key)
def test_protected_without_password_and_print_ready(group_path, sheet):
    ws = openpyxl.load_workbook(group_path)[sheet.name()]
    p = ws.protection
    assert p.sheet and not p.password
    # openpyxl's flags say "protected": False means the officer may do it.
    assert not (p.insertRows or p.deleteRows or p.sort or p.autoFilter or p.formatColumns or p.formatRows)
    assert p.insertColumns and p.deleteColumns  # columns are what the reader relies on
    wide = sum(c.width for c in sheet.columns) > 100
    name_col = sheet.keys.index("full_name") + 2 if wide else 1
    assert ws.freeze_panes == f"{get_column_letter(name_col)}{FIRST}"
    assert ws.auto_filter.ref == f"A{HEADER_ROW}:{get_column_letter(len(sheet.columns))}{HEADER_ROW + sheet.rows}"
    assert ws.page_setup.paperSize == 9
    assert ws.page_setup.orientation == ("landscape" if wide else "portrait")
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (None, 1)  # 1 is the default
    assert ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert "&P" in ws.oddFooter.center.text


def test_members_and_travel_fund_are_wide_and_freeze_the_name(group_path):
    wb = openpyxl.load_workbook(group_path)
    assert wb[MEMBERS.name()].freeze_panes == "C4"
    assert wb[TRAVEL_FUND.name()].page_setup.orientation == "landscape"


def test_group_info_prefilled_and_locked_rest_open(group_path):
    ws = openpyxl.load_workbook(group_path)[GROUP_INFO.name()]
    assert [ws.cell(2, c).value for c in (1, 2, 3)] == ["Nội dung", "Giá trị", "Hướng dẫn"]
    prefilled = {"kind": schema.GROUP_KIND, "template_version": schema.TEMPLATE_VERSION, **GROUP}
    for i, field in enumerate(GROUP_INFO.fields):
        row = FIELD_FIRST_ROW + i
        assert ws.cell(row, 1).value == field.label()
        assert (ws.cell(row, 3).value or "") == field.help()
        value = ws.cell(row, 2)
        assert value.value == prefilled.get(field.key)
        assert value.protection.locked is field.locked, field.key
        assert value.number_format == field.number_format
    assert ws.protection.sheet


def test_instructions_explain_every_column_colours_sending_and_protection(group_path):
    ws = openpyxl.load_workbook(group_path)["Hướng dẫn"]
    text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)
    for sheet in (GROUP_INFO, *GROUP_SHEETS):
        assert sheet.name() in text
    for sheet in GROUP_SHEETS:
        for col in sheet.columns:
            assert col.header() in text and col.help() in text
    for needle in ("màu cam", "màu xanh", "màu xám", "KHÔNG có mật khẩu", "Gửi", "12 chữ số", "T07", "2024"):
        assert needle in text, needle
    assert ws.protection.sheet and not ws.protection.password


def test_unit_workbook_prefills_policy_and_the_eleven_targets(tmp_path, unit_path):
    wb = openpyxl.load_workbook(unit_path)
    ws = wb[POLICY.name()]
    assert {f.key: ws.cell(FIELD_FIRST_ROW + i, 2).value for i, f in enumerate(POLICY.fields)} == POLICY_DEFAULTS
    ws = wb[UNIT_INFO.name()]
    values = {f.key: ws.cell(FIELD_FIRST_ROW + i, 2).value for i, f in enumerate(UNIT_INFO.fields)}
    assert values["year"] == 2024 and values["unit_name"] == GROUP["unit_name"] and values["kind"] == schema.UNIT_KIND
    ws = wb[KPI_SHEET.name()]
    rows = [[ws.cell(FIRST + i, c).value for c in (1, 2, 3, 4)] for i in range(len(KPIS))]
    assert rows == [[k.number, k.vi, None, None] for k in KPIS]
    assert ws.cell(FIRST, 2).protection.locked and not effective(ws, ws.cell(FIRST, 3)).protection.locked
    assert not effective(ws, ws.cell(FIRST, 4)).protection.locked

    path = write_unit_workbook(tmp_path / "u.xlsx", lang="en", data={
        "policy": {"loan_cap": 15_000_000}, "groups": [{"group_code": "T01", "group_name": "Khoa Nội"}],
        "kpis": [{"number": 9, "result": "Không có", "status": "Not met"}]})
    wb = openpyxl.load_workbook(path)
    assert wb["Rates"].cell(FIELD_FIRST_ROW + 2, 2).value == 15_000_000
    assert wb["Groups"].cell(FIRST, 2).value == "T01"
    assert [wb["Targets"].cell(FIRST + 8, c).value for c in (1, 2, 3, 4)] == [9, KPIS[8].en, "Không có", "Not met"]


# ------------------------------------------------------------------ reproducible and committed

def test_same_inputs_give_the_same_bytes(tmp_path):
    a = write_group_workbook(tmp_path / "a.xlsx", **GROUP, data={"members": [TYPED["members"]]})
    b = write_group_workbook(tmp_path / "b.xlsx", **GROUP, data={"members": [TYPED["members"]]})
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as zf:
        assert "2024-01-01T00:00:00Z" in zf.read("docProps/core.xml").decode()


def zip_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def test_committed_templates_are_current(tmp_path):
    fresh = write_blank_templates(tmp_path, "vi")
    for path in fresh:
        committed = COMMITTED / path.name
        hint = f"{committed} is out of date: run `unionxl template blank workbook_templates` and commit it"
        assert committed.exists(), hint
        old, new = zip_parts(committed), zip_parts(path)
        assert sorted(old) == sorted(new), hint
        stale = [name for name in new if old[name] != new[name]]
        assert not stale, f"{hint} (parts differ: {', '.join(stale)})"


# ------------------------------------------------------------------ command line

def test_cli_template_blank_and_unit(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["template", "blank", str(tmp_path / "blank")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "blank").iterdir()) == ["don-vi.xlsx", "to-cong-doan.xlsx"]
    assert result.output.splitlines() == [str(tmp_path / "blank" / n) for n in ("to-cong-doan.xlsx", "don-vi.xlsx")]
    result = runner.invoke(main, ["template", "blank", "--lang", "en", str(tmp_path / "en")])
    assert result.exit_code == 0 and sorted(p.name for p in (tmp_path / "en").iterdir()) == ["group.xlsx", "unit.xlsx"]
    out = tmp_path / "unit.xlsx"
    result = runner.invoke(main, ["template", "unit", str(out), "--year", "2024", "--unit-name", "CĐCS Thử"])
    assert result.exit_code == 0 and result.output.strip() == str(out)
    ws = openpyxl.load_workbook(out)[UNIT_INFO.name()]
    assert ws.cell(FIELD_FIRST_ROW + 2, 2).value == 2024 and ws.cell(FIELD_FIRST_ROW + 3, 2).value == "CĐCS Thử"


def test_cli_template_groups_writes_one_workbook_per_listed_group(tmp_path):
    pytest.importorskip("unionxl.reader")
    unit = write_unit_workbook(tmp_path / "don-vi.xlsx", year=2024, unit_name="CĐCS Thử", data={
        "groups": [{"group_code": "T01", "group_name": "Khoa Nội"},
                   {"group_code": "T02", "group_name": "Trạm Y tế xã Mường Kim"}]})
    result = CliRunner().invoke(main, ["template", "groups", str(unit), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["t01-khoa-noi.xlsx",
                                                                     "t02-tram-y-te-xa-muong-kim.xlsx"]
    ws = openpyxl.load_workbook(tmp_path / "out" / "t02-tram-y-te-xa-muong-kim.xlsx")[GROUP_INFO.name()]
    values = {f.key: ws.cell(FIELD_FIRST_ROW + i, 2).value for i, f in enumerate(GROUP_INFO.fields)}
    assert (values["year"], values["group_code"], values["unit_name"]) == (2024, "T02", "CĐCS Thử")

    empty = write_unit_workbook(tmp_path / "empty.xlsx", year=2024, unit_name="CĐCS Thử")
    result = CliRunner().invoke(main, ["template", "groups", str(empty), "-o", str(tmp_path / "none")])
    assert result.exit_code == 2 and "chưa có tổ công đoàn" in result.output


def _commands(group: click.Group, prefix=()):
    for name, command in group.commands.items():
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))


@pytest.mark.parametrize("args", [(), *_commands(main)], ids=lambda a: " ".join(a) or "unionxl")
def test_every_command_has_help(args):
    result = CliRunner().invoke(main, [*args, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output
    command = main
    for name in args:
        command = command.commands[name]
    assert command.help and command.help.strip()
