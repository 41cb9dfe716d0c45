"""The text catalogue's format specs: raw finding parameters rendered per language, never before."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from unionxl import i18n
from unionxl.cli import main
from unionxl.findings import Finding

ROOT = Path(__file__).resolve().parent.parent


def test_amounts_per_language():
    assert i18n.render("{x:vnd}", "vi", x=200000) == "200.000đ"
    assert i18n.render("{x:vnd}", "en", x=200000) == "200,000 VND"
    assert i18n.render("{x:vnd}", "en", x=15_000_000) == "15,000,000 VND"
    assert i18n.render("{x:num}", "vi", x=1234) == "1.234"
    assert i18n.render("{x:num}", "en", x=1234) == "1,234"
    # A year is a plain int: no thousands separator unless the template asks for one.
    assert i18n.render("{x}", "vi", x=1985) == "1985"


def test_dates_per_language():
    assert i18n.render("{d:date}", "vi", d=dt.date(1985, 3, 5)) == "05/03/1985"
    assert i18n.render("{d:date}", "en", d=dt.date(1985, 3, 5)) == "1985-03-05"
    assert i18n.render("{d}", "en", d=dt.datetime(1985, 3, 5, 10, 0)) == "1985-03-05"


def test_periods_per_language():
    assert i18n.render("{p:quarter}", "vi", p=4) == "quý IV"
    assert i18n.render("{p:quarter}", "en", p=4) == "Q4"
    assert i18n.render("{p:month}", "vi", p=3) == "tháng 3"
    assert i18n.render("{p:month}", "en", p=3) == "month 3"
    assert i18n.render("{p:period}", "vi", p="q2") == "quý II"
    assert i18n.render("{p:period}", "en", p="m11") == "month 11"


def test_schema_labels_per_language():
    assert i18n.render("{k:list.welfare_kind}", "vi", k="doctors_day") == "Ngày Thầy thuốc 27/2"
    assert i18n.render("{k:list.welfare_kind}", "en", k="doctors_day") == "Doctors' Day 27/2"
    assert i18n.render("{c:column}", "vi", c="members.cccd") == "Số CCCD"
    assert i18n.render("{c:column}", "en", c="members.cccd") == "Citizen ID"
    assert i18n.render("{c:column}", "en", c="unit-ledger:loans.origin_group_code") == "Group code"
    assert i18n.render("{s:sheet}", "en", s="mutual_fund") == "Mutual-aid fund"
    assert i18n.render("{s:sheet}", "vi", s="mutual_fund") == "Quỹ tương hỗ"
    assert i18n.render("{l:choices}", "en", l="gender") == "Male, Female"
    assert i18n.render("{n:who}", "en", n={"group": "Khoa Nhi"}) == "Group Khoa Nhi"
    assert i18n.render("{n:who}", "vi", n={"group": "Khoa Nhi"}) == "Tổ Khoa Nhi"


def test_text_params_are_catalogue_keys_or_shown_as_read():
    assert i18n.render("({d:text})", "en", d="skip.hidden") == "(a hidden file)"
    assert i18n.render("({d:text})", "vi", d=("unreadable.broken_link", "loop")) == "(liên kết hỏng: loop)"
    assert i18n.render("({d:text})", "en", d=("rollup.no_kind", {"sheet": "X"})) == \
        "(the 'X' sheet does not name a consolidated workbook)"
    assert i18n.render("({d:text})", "en", d="BadZipFile: bad") == "(BadZipFile: bad)"


def test_a_value_the_spec_does_not_fit_is_shown_as_read_and_a_missing_one_as_a_question_mark():
    assert i18n.render("{x:vnd}", "en", x="200k") == "200k"
    assert i18n.render("{c:column}", "en", c="Cột lạ") == "Cột lạ"
    assert i18n.render("{x:period}", "en", x="q9") == "q9"
    assert i18n.render("{x:vnd} due", "en") == "? due"


def test_invisible_characters_are_made_visible():
    assert i18n.visible("abc") == "abc"
    assert i18n.visible("Nguyễn Văn A") == "Nguyễn Văn A"
    assert i18n.visible("012345678901 ") == "012345678901␣"
    assert i18n.visible(" 12") == "␣12"
    assert i18n.visible("12\u00a0000") == "12⟨NBSP⟩000"
    assert i18n.visible("Nam\u200b") == "Nam⟨ZWSP⟩"
    assert i18n.visible("a\u2060b") == "a⟨U+2060⟩b"
    assert i18n.visible("  ") == "␣␣"


def test_finding_value_as_read_shows_hidden_characters():
    found = Finding("cell-choice", "T01.xlsx", "Đoàn viên", "C4", "Nam\u200b",
                    {"column": "members.gender", "list": "gender"})
    assert found.to_dict("en")["value"] == "Nam⟨ZWSP⟩"
    assert found.message("en") == "'Nam⟨ZWSP⟩' is not in the list for 'Gender'. Choose one of: Male, Female."
    assert found.message("vi") == "'Nam⟨ZWSP⟩' không có trong danh sách 'Giới tính'. Chọn một trong: Nam, Nữ."


def test_one_finding_renders_in_either_language_from_the_same_raw_params():
    found = Finding("contribution-arrears", "T02.xlsx", "Quỹ tương hỗ", "G5", None,
                    {"name": "Lường Văn Tiến (012098487259)", "period": "q4", "fund": "mutual_fund",
                     "expected": 200000})
    assert found.message("vi").startswith(
        "Lường Văn Tiến (012098487259) chưa đóng quý IV (Quỹ tương hỗ), mức 200.000đ.")
    assert found.message("en").startswith(
        "Lường Văn Tiến (012098487259) has not paid Q4 (Mutual-aid fund), due 200,000 VND.")


def test_validate_samples_in_english_shows_english_periods_and_amounts():
    result = CliRunner().invoke(main, ["validate", str(ROOT / "samples" / "2024"), "--lang", "en", "--all"])
    assert result.exit_code == 0, result.output
    # the unpaid quarters are notes quoting the officer's own (Vietnamese) reason
    assert ("Lò Văn Hòa (012094685120) has not paid Q2 (Mutual-aid fund), due 200,000 VND; reason given: "
            "'Chưa đóng quý II, III, IV'.") in result.output
    assert "paid quý" not in result.output and "200.000đ" not in result.output


def test_checks_pass_raw_parameters_and_format_nothing():
    """Formatting belongs to rendering: a check that formats an amount or a label fixes its language."""
    for path in sorted((ROOT / "unionxl" / "checks").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        for formatting in ("fmt import", "vnd(", ".label(", "strftime(", "i18n"):
            assert formatting not in source, f"{path.name} formats a parameter ({formatting})"


def test_render_gives_what_the_formatter_gives_for_every_catalogue_text():
    # render's cached fast path against string.Formatter's own vformat, with every field filled
    # (an amount, a date, a text) and with none: any difference in what a person reads is a bug.
    import string as stdlib_string

    from unionxl.texts import CATALOGUE

    values = (1234567, dt.date(2024, 6, 30), "Lò Thị Hương", -50000, None)
    checked = 0
    for key, pair in CATALOGUE.items():
        for lang, template in zip(i18n.LANGS, pair):
            if not isinstance(template, str):
                continue
            names = {name for _, name, _, _ in stdlib_string.Formatter().parse(template) if name}
            for value in values:
                params = {name: value for name in names}
                slow = i18n._FORMATTERS[lang].vformat(template, (), i18n._Missing(params))
                assert i18n.render(template, lang, **params) == slow, (key, lang, value)
            assert i18n.render(template, lang) == i18n._FORMATTERS[lang].vformat(template, (), i18n._Missing({}))
            checked += 1
    assert checked > 500
