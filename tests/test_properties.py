"""Property tests: the forgiving parsers on the shapes officers type, and the template round trip.

test_parse.py has the parsers' basic properties; these add the messy variants (separators,
invisible characters, lost zeros) and write -> read through the real template writer and reader.
Example counts stay small so the suite stays fast.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings, strategies as st

from unionxl import schema
from unionxl.parse import clean_text, fold, legacy_to_unicode, parse_amount, parse_cccd, parse_date
from unionxl.reader import SUMMARY_LABELS, _is_summary_label, read_workbook
from unionxl.template import write_group_workbook

from .builders import UNIT_NAME, YEAR, _member

INVISIBLE = st.sampled_from(["", "\u200b", "\u00a0", "\ufeff", " ", "\u202f"])


@given(st.integers(min_value=0, max_value=10**11), st.sampled_from([".", ",", " ", "\u00a0"]),
       st.sampled_from(["", "đ", " đ", " VNĐ", " đồng", "d"]), INVISIBLE, INVISIBLE)
def test_amount_with_any_thousands_separator_and_unit(value, sep, unit, before, after):
    text = before + f"{value:,}".replace(",", sep) + unit + after
    assert parse_amount(text) == (value, "as_text")


@given(st.integers(min_value=0, max_value=10**12))
def test_amount_from_a_number_cell_is_exact(value):
    assert parse_amount(float(value)) == (value, None)
    assert parse_amount(value) == (value, None)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
       st.sampled_from(["{d:02d}/{m:02d}/{y}", "{d}/{m}/{y}", "{d}-{m}-{y}", "{d:02d}.{m:02d}.{y}",
                        "{y}-{m:02d}-{d:02d}", "{d} / {m} / {y}"]), INVISIBLE, INVISIBLE)
def test_date_typed_in_any_usual_shape(date, shape, before, after):
    text = before + shape.format(d=date.day, m=date.month, y=date.year) + after
    assert parse_date(text) == (date, "as_text")


@given(st.from_regex(r"[0-9]{12}", fullmatch=True), st.lists(st.tuples(st.integers(0, 12), INVISIBLE), max_size=4))
def test_cccd_survives_invisible_characters_and_spaces(cccd, inserts):
    text = cccd
    for position, char in sorted(inserts, reverse=True):
        text = text[:position] + char + text[position:]
    assert parse_cccd(text) == (cccd, None)


@given(st.from_regex(r"[0-9]{12}", fullmatch=True))
def test_cccd_from_a_number_cell(cccd):
    value, note = parse_cccd(float(int(cccd)))
    if cccd.startswith("00"):
        assert note == "invalid"  # two zeros lost: 10 digits, not restorable with confidence
    elif cccd.startswith("0"):
        assert (value, note) == (cccd, "lost_zero")
    else:
        assert (value, note) == (cccd, None)


# ------------------------------------------------------------- round trip

_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
_NAME_CHARS = _LETTERS + _LETTERS.upper() + " '-=+@()\"0123456789"

member_rows = st.lists(
    st.tuples(
        st.text(_NAME_CHARS, min_size=1, max_size=40),
        st.sampled_from(["Nam", "Nữ"]),
        st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2006, 12, 31)),
        st.from_regex(r"0[0-9]{11}|[1-9][0-9]{11}", fullmatch=True),
        # no amount is under 1.000đ: one is read as typed in thousands (test_habits covers that)
        st.lists(st.one_of(st.just(0), st.integers(min_value=1000, max_value=5_000_000)), min_size=12, max_size=12),
    ),
    min_size=1, max_size=6, unique_by=lambda row: row[3],
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(member_rows)
def test_rows_written_with_the_template_read_back_the_same(rows):
    for name, *_ in rows:
        assume(clean_text(name) == name and fold(name) not in SUMMARY_LABELS and not _is_summary_label(name))
        # a string that spells Vietnamese in VNI or TCVN3 ('AÀ' is VNI for 'Ầ') is read converted, on purpose
        assume(legacy_to_unicode(name) is None)
    members, travel = [], []
    for i, (name, gender, birth, cccd, months) in enumerate(rows):
        members.append({**_member(i, name, gender, birth, cccd), "stt": i + 1})
        travel.append({"stt": i + 1, "full_name": name, "cccd": cccd, **dict(zip(schema.MONTHS, months)),
                       "total": sum(months), "trip_support": None})
    with tempfile.TemporaryDirectory() as tmp:
        path = write_group_workbook(Path(tmp) / "T01.xlsx", year=YEAR, unit_name=UNIT_NAME, group_code="T01",
                                    group_name="Tổ thử", data={"members": members, "travel_fund": travel})
        book, findings = read_workbook(path)
    # the group-info sheet is left blank here: only the two filled sheets must read clean
    assert [f.to_dict() for f in findings if f.sheet in ("Đoàn viên", "Quỹ du lịch")] == []
    got = [(r.values["full_name"], r.values["gender"], r.values["birth_date"], r.values["cccd"])
           for r in book.rows("members")]
    assert got == [(name, "male" if gender == "Nam" else "female", birth, cccd)
                   for name, gender, birth, cccd, _ in rows]
    got_travel = [([r.values[m] for m in schema.MONTHS], r.values["total"]) for r in book.rows("travel_fund")]
    assert got_travel == [(months, sum(months)) for *_, months in rows]
