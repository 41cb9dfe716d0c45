"""The reader's fast paths must give exactly what the full cell parser gives, with no finding lost."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import python_calamine
from hypothesis import assume, example, given, settings, strategies as st

from unionxl import reader, schema
from unionxl.reader import _CHOICE_INDEX, _FAST, _SLOW, CellReader, find_header
from unionxl.xlsx import guard

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "badinput" / "files"
BOOKS = sorted([*ROOT.glob("samples/2024*/*.xls*"), *ROOT.glob("tests/fixtures/libreoffice/*"),
                *CORPUS.iterdir()])
# The corpus files whose sheets hold cells to parse (tests/badinput/README.md); the others are refused
# whole by the reader's guard (bombs, encryption, not a workbook) or have no table.
CORPUS_WITH_CELLS = {"B03-excel-97.xls", "B04-calc.ods", "B05-xls-doi-ten.xlsx", "B07-thieu-trang.xlsx",
                     "B08-mat-tieu-de.xlsx",  # one sheet's header deleted: its other sheets are read
                     "~$B03-excel-97.xlsx",  # the merge skips a lock file by name; its content is B03's
                     "B09-o-gop.xlsx", "B10-an-dong-cot.xlsx", "B10-ban-2.xlsx", "B11-cong-thuc-chua-tinh.xlsx",
                     "B12-loi-cong-thuc.xlsx", "B13-loi-cong-thuc.ods", "B14-tien-dang-chu.xlsx",
                     "B15-ngay-dang-chu.xlsx", "B16-cccd-so.xlsx", "B17-cccd-1e11.xlsx", "B18-khoang-trang-an.xlsx",
                     "B19-chuoi-cong-thuc.xlsx", "B23-nam-khac.xlsx", "B24-o-gop.ods"}
ALL_COLUMNS = {(col.type, col.choices): col for sheet in (*schema.GROUP_SHEETS, *schema.UNIT_SHEETS)
               for col in sheet.columns}


def agree(raw, col) -> None:
    if reader._blank(raw):
        return  # blanks are settled before any parser runs
    exact = _CHOICE_INDEX[col.choices].exact if col.choices else None
    fast = _FAST[col.type](raw, exact)
    if fast is _SLOW:
        return
    cells = CellReader("f.xlsx", "s")
    assert cells.read(raw, col, "A1", col.vi) == (fast, True), (raw, col.key)
    assert cells.findings == [], (raw, col.key)


def sample_cells(read_from: set[str] | None = None):
    """(raw value, column) of every data cell of every sample book. Books are opened as the reader opens
    them, behind its guard, so the corpus's bombs are refused here too instead of exhausting memory."""
    for path in BOOKS:
        if not path.is_file() or path.suffix.lower() not in reader.WORKBOOK_SUFFIXES:
            continue
        try:
            book, _scans = reader.open_workbook(path)
        except reader.UnreadableWorkbook:
            continue  # the corpus holds unreadable and hostile files on purpose
        for sheet in (*schema.GROUP_SHEETS, *schema.UNIT_SHEETS):
            if sheet.vi not in book.sheet_names:
                continue
            try:
                grid = book.get_sheet_by_name(sheet.vi).to_python(skip_empty_area=False)
            except Exception:
                continue
            found = find_header(grid, sheet)
            if not found:
                continue
            header_row, mapping, _ = found
            for row in grid[header_row + 1:]:
                for col in sheet.columns:
                    i = mapping.get(col.key)
                    if i is not None and i < len(row) and col.key != "stt" and not reader._blank(row[i]):
                        if read_from is not None:
                            read_from.add(path.name)
                        yield row[i], col


def test_fast_paths_agree_with_the_full_parser_on_every_sample_cell():
    seen = 0
    read_from: set[str] = set()
    for raw, col in sample_cells(read_from):
        agree(raw, col)
        seen += 1
    assert seen > 10_000  # the samples and the Calc fixtures were really read
    assert {name for name in read_from if (CORPUS / name).exists()} == CORPUS_WITH_CELLS  # and the whole corpus


values = st.one_of(
    st.text(max_size=20), st.integers(-10**13, 10**13), st.floats(allow_nan=True, allow_infinity=True),
    st.dates(dt.date(1800, 1, 1), dt.date(2300, 1, 1)), st.datetimes(dt.datetime(1800, 1, 1)),
    st.sampled_from(["Nam", "Nữ", " Nam", "nữ", "#REF!", "Err:502", "012085001234", "12085001234", "30.000",
                     "Đại học", "Dai hoc", "Có", "x", "THPT", "\u200b", "Lò\u00a0Văn", "e\u0301"]),
)


@settings(max_examples=300)
@given(values, st.sampled_from(sorted(ALL_COLUMNS, key=str)))
def test_fast_paths_agree_with_the_full_parser_on_any_value(raw, key):
    agree(raw, ALL_COLUMNS[key])


@pytest.mark.parametrize("raw", ["#REF!", "Err:502", " Nam", "Lò\u00a0Văn", "e\u0301", "a  b"])
def test_values_that_need_care_take_the_full_path(raw):
    assert _FAST[schema.ColType.TEXT](raw, None) is _SLOW


def test_an_amount_typed_as_text_takes_the_full_path_but_is_plain_text_elsewhere():
    # '30.000' in an amount column is read as 30 000 with a warning, which only the full parser gives;
    # in a text column it is just text, and the fast path keeps it as it is.
    assert _FAST[schema.ColType.AMOUNT]("30.000", None) is _SLOW
    assert _FAST[schema.ColType.TEXT]("30.000", None) == "30.000"


def _sheet(*refs: str) -> bytes:
    cells = "".join(f'<c r="{ref}" t="n"><v>1</v></c>' for ref in refs)
    return f'<worksheet><sheetData><row r="1">{cells}</row></sheetData></worksheet>'.encode()


@pytest.mark.parametrize("refs, refused", [
    (("A1", "ZZ9999"), False),  # the fast bound: 9 999 x 702 cells, under the limit
    (("A1", "N20000"), False),  # a long ledger: counted exactly, 280 000 cells
    (("A1", "AAA1"), False),  # a far column alone is narrow
    (("A1", "XFD1048576"), True),  # the allocation bomb
    (("A1", "ZZ20000"), True),  # 702 x 20 000 = 14M > 8M
])
def test_sheet_extent_bound(refs, refused):
    data = _sheet(*refs)
    if refused:
        with pytest.raises(guard.UnreadableWorkbook) as caught:
            guard._scan_xlsx_sheet_fast(data, "s")
        assert caught.value.code == "file-too-large"
    else:
        assert guard._scan_xlsx_sheet_fast(data, "s") is not None


def test_sheets_with_formulas_or_implied_positions_take_the_exact_scan():
    assert guard._scan_xlsx_sheet_fast(b'<sheetData><row r="1"><c r="A1"><f>1+1</f></c></row></sheetData>', "s") is None
    assert guard._scan_xlsx_sheet_fast(b'<sheetData><row r="1"><c t="n"><v>1</v></c></row></sheetData>', "s") is None
    assert guard._scan_xlsx_sheet_fast(b'<sheetData><row r="1"><c r="A1" t="e"><v>#REF!</v></c></row></sheetData>',
                                        "s") is None


blanks = st.one_of(st.sampled_from(["", " ", "\u200b", "\u00a0", " \u200b ", "\t", "\u2007", "\ufeff"]),
                   st.text(alphabet=" \t\n\u00a0\u200b\u200c\u200d\u2060\ufeff\u00ad\u2007\u202f", max_size=6))


@settings(max_examples=200)
@given(blanks, st.sampled_from(sorted(ALL_COLUMNS, key=str)))
def test_fast_paths_take_no_blank(raw, key):
    # The reader types whole columns through the fast paths before it knows which cells are blank:
    # a blank must be left to the full path, which says whether it is allowed.
    assume(reader._blank(raw))
    col = ALL_COLUMNS[key]
    exact = _CHOICE_INDEX[col.choices].exact if col.choices else None
    assert _FAST[col.type](raw, exact) is _SLOW
    assert reader._fast_stt(raw, None) is _SLOW


# Values that equal one another across types (0 == 0.0 == False, 1 == 1.0 == True, 10**15 == 1e15),
# repeated so that the column is typed value by value.
EQUALS = [0, 0.0, -0.0, False, 1, 1.0, True, 1000, 1000.0, 30000.0, "", " ", "Nam", "x", 2 ** 53, float(2 ** 53),
          1e15, 10 ** 15, float("nan"), dt.date(1990, 1, 2), dt.datetime(1990, 1, 2)]
column_values = st.one_of(st.lists(st.sampled_from(EQUALS), min_size=1, max_size=40),
                          st.lists(st.one_of(st.sampled_from(EQUALS), values), min_size=1, max_size=40))


@settings(max_examples=300)
@given(column_values, st.sampled_from(sorted(ALL_COLUMNS, key=str)), st.booleans(), st.booleans())
@example([1e15, 10 ** 15], sorted(ALL_COLUMNS, key=str)[0], False, True)  # a row number past MAX_AMOUNT stays as typed
@example([0.0, False], (schema.ColType.AMOUNT, None), False, False)
def test_a_column_typed_at_once_reads_as_its_cells_one_by_one(raws, key, empty_is_none, stt):
    col = ALL_COLUMNS[key]
    fast = reader._fast_stt if stt else _FAST[col.type]
    exact = _CHOICE_INDEX[col.choices].exact if col.choices else None
    plan = [(col, 0, "A", fast, exact)]
    typed = [values[0] for values in reader._fast_columns([[raw] for raw in raws], plan, [empty_is_none])]
    for raw, value in zip(raws, typed):
        expected = None if empty_is_none and raw == "" else fast(raw, exact)
        assert value is expected or (type(value) is type(expected) and value == expected), (raw, value, expected)


def _label_by_folding(raw) -> bool:
    """What _is_summary_label answered before its two-character shortcut."""
    if not isinstance(raw, str) or len(raw) >= 40:
        return False
    head = raw.lstrip()[:1]
    if head.isalpha() and head.lower() not in "tcs":
        return False
    return bool(reader._SUMMARY_LABEL.match(reader.fold(raw)))


label_like = st.one_of(
    st.sampled_from(["Tổng cộng", "Cộng:", "Tổng số: 7 người", "Total", "SUM", "Tòng Văn Hùng", "Sùng A Páo",
                     "Trần Văn A", "T\u200bong", "To\u0302\u0309ng co\u0323\u0302ng", " Tong", "\u00a0Cong", "tO",
                     "Co", "C", "T\tong", "Ｔong", "Çong", "012345678901", "Tổ 1"]),
    st.text(alphabet="TtCcSsoOuUnNgGrRhH ổộÔồ\u0302\u0309\u0323\u200b\u00a0:.0123", max_size=12),
    st.text(max_size=12))


@settings(max_examples=500)
@given(label_like)
def test_the_summary_label_shortcut_answers_as_folding_does(raw):
    assert reader._is_summary_label(raw) == _label_by_folding(raw)


@pytest.mark.parametrize("cells", [
    '<c><v>1</v></c>', '<c/>', '<c t="n"><v>1</v></c>', '<c  r="A1"><v>1</v></c>',  # no reference of the fast form
    '<c r="A1"><f>1+1</f><v>2</v></c>', '<c r="A1"><f t="shared" si="0"/><v>2</v></c>',  # formulas
    '<c r="A1" r="B1"><v>1</v></c>', "<c r='A1'><v>1</v></c>", '<c r ="A1"><v>1</v></c>',  # odd r attributes
    '<c r="A1"><v r="1">1</v></c>', '<c r="A1" s="1" r=A1><v>1</v></c>',
    '<c r="a1"><v>1</v></c>', '<c r="A01"><v>1</v></c>', '<c r="A1 "><v>1</v></c>',  # odd references
    '<c r="A1" t="s" x="1"><v>1</v></c>',  # a string cell in another form than the index regex's
])
def test_what_the_fast_scan_leaves_to_the_exact_scan(cells):
    data = f'<worksheet><sheetData><row r="1"><c r="B1"><v>1</v></c>{cells}</row></sheetData></worksheet>'.encode()
    assert guard._scan_xlsx_sheet_fast(data, "s") is None


def test_a_far_reference_is_bounded_beside_near_ones():
    # the one search for near references sends this sheet to the searches for odd and far ones
    near = "".join(f'<c r="B{r}"><v>1</v></c>' for r in range(1, 50))
    data = f'<worksheet><sheetData><row r="1">{near}<c r="AAA9999999"><v>1</v></c></row></sheetData></worksheet>'
    with pytest.raises(guard.UnreadableWorkbook):
        guard._scan_xlsx_sheet_fast(data.encode(), "s")
