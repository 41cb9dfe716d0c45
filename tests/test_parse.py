"""The forgiving parsers: what officers type, and properties that must hold for any input."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, strategies as st

from unionxl import schema
from unionxl.fmt import percent
from unionxl.i18n import number
from unionxl.parse import ChoiceIndex, clean_text, fold, parse_amount, parse_cccd, parse_date


@pytest.mark.parametrize("raw, expected", [
    (30000, (30000, None)), (30000.0, (30000, None)), ("30.000", (30000, "as_text")),
    ("30,000 đ", (30000, "as_text")), ("30000đ", (30000, "as_text")), ("1.000.000 VNĐ", (1000000, "as_text")),
    ("30.000,00", (30000, "as_text")), ("\u00a030 000\u200b", (30000, "as_text")), ("ba mươi", (None, "invalid")),
    (30000.5, (None, "invalid")), ("", (None, None)), (None, (None, None)), (True, (None, "invalid")),
])
def test_amounts(raw, expected):
    assert parse_amount(raw) == expected


@given(st.integers(min_value=0, max_value=10**12))
def test_amount_written_the_vietnamese_way_reads_back(value):
    assert parse_amount(number(value, "vi")) == (value, "as_text")
    assert parse_amount(number(value, "vi") + " đ") == (value, "as_text")
    assert parse_amount(float(value)) == (value, None)


@given(st.text())
def test_amount_parser_never_raises(text):
    value, note = parse_amount(text)
    assert note in (None, "as_text", "invalid")
    assert (value is None) == (note in (None, "invalid"))


@pytest.mark.parametrize("raw, expected", [
    ("05/01/2024", (dt.date(2024, 1, 5), "as_text")),  # day first, as Vietnamese write it
    ("5-1-2024", (dt.date(2024, 1, 5), "as_text")), ("05.01.85", (dt.date(1985, 1, 5), "as_text")),
    ("2024-01-05", (dt.date(2024, 1, 5), "as_text")), ("31/02/1990", (None, "invalid")),
    (45296, (dt.date(2024, 1, 5), "as_number")), (dt.datetime(2024, 1, 5, 0, 0), (dt.date(2024, 1, 5), None)),
    (dt.date(1850, 1, 1), (None, "invalid")), ("hôm qua", (None, "invalid")), (-3, (None, "invalid")),
])
def test_dates(raw, expected):
    assert parse_date(raw) == expected


@given(st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 12, 31)))
def test_date_round_trips_as_text_and_serial(date):
    assert parse_date(date.strftime("%d/%m/%Y")) == (date, "as_text")
    serial = (date - dt.date(1899, 12, 30)).days
    if 1900 <= serial <= 2100:  # a bare year: that serial is a day of 1905, which nobody means
        assert parse_date(serial) == (dt.date(serial, 1, 1), "partial")
    else:
        assert parse_date(serial) == (date, "as_number")


@given(st.one_of(st.text(), st.integers(), st.floats()))
def test_date_parser_never_raises(raw):
    value, note = parse_date(raw)
    assert note in (None, "as_text", "as_number", "partial", "invalid")


@pytest.mark.parametrize("raw, expected", [
    ("012085001234", ("012085001234", None)), (12085001234, ("012085001234", "lost_zero")),
    (12085001234.0, ("012085001234", "lost_zero")), ("012 085 001 234", ("012085001234", None)),
    ("'012085001234", ("012085001234", None)), ("\u200b012085001234\u00a0", ("012085001234", None)),
    ("01208500123", ("01208500123", "invalid")), ("1.20850E+11", ("1.20850E+11", "invalid")),
    (1.2085e11, ("120850000000", None)), ("abc", ("abc", "invalid")),
])
def test_citizen_ids(raw, expected):
    assert parse_cccd(raw) == expected


@given(st.from_regex(r"0[0-9]{11}", fullmatch=True))
def test_cccd_with_leading_zero_survives_a_numeric_cell(cccd):
    assert parse_cccd(cccd) == (cccd, None)
    restored, note = parse_cccd(int(cccd))
    if int(cccd) >= 10**10:  # one zero lost: restorable
        assert (restored, note) == (cccd, "lost_zero")
    else:  # two or more zeros lost: cannot be guessed, must be flagged (9 digits look like a phone number)
        assert note in ("invalid", "phone")


@given(st.text())
def test_cccd_parser_never_raises(text):
    value, note = parse_cccd(text)
    assert note in (None, "lost_zero", "invalid", "phone")
    if note is None and value is not None:
        assert len(value) == 12 and value.isascii() and value.isdigit()


def test_folding_forgives_case_spaces_and_diacritics():
    assert fold("  Đại   HỌC ") == fold("dai hoc") == "dai hoc"
    assert clean_text("Lò\u00a0Văn\u200bInh ") == "Lò VănInh"


@pytest.mark.parametrize("raw, expected", [
    ("Nữ", ("female", None)), ("nữ", ("female", "normalised")), ("NU", ("female", "normalised")),
    ("Nữ ", ("female", "normalised")), ("Female", ("female", None)), ("Khác", (None, "invalid")),
    ("", (None, None)),
])
def test_choice_matching(raw, expected):
    assert ChoiceIndex(schema.GENDER).match(raw) == expected


def test_every_list_label_matches_itself_exactly():
    for lst in schema.LISTS.values():
        index = ChoiceIndex(lst)
        for choice in lst.choices:
            assert index.match(choice.vi) == (choice.key, None)


@pytest.mark.parametrize("part, whole, text", [
    (120, 307, "39,1%"), (187, 307, "60,9%"), (49, 307, "16%"), (2, 307, "0,65%"), (306, 307, "99,7%"),
    (307, 307, "100%"), (0, 307, "0%"), (1, 0, "—"),
])
def test_percent_as_the_seed_prints_it(part, whole, text):
    assert percent(part, whole) == text


@given(st.text(alphabet=st.characters(max_codepoint=0xFFFF, exclude_categories=("Cs",))))
def test_fold_equals_its_plain_definition(text):
    import unicodedata

    lowered = clean_text(text).lower().replace("đ", "d")
    plain = "".join(ch for ch in unicodedata.normalize("NFD", lowered) if not unicodedata.combining(ch))
    assert fold(text) == plain
