"""The one text catalogue: every string a person reads, keyed, Vietnamese and English side by side.

Texts are `str.format` templates rendered by `render(template, lang, **params)`. Parameters stay raw
data (ints for đồng and counts, `datetime.date`, period numbers, schema keys) until a language is
known; a template says how to show each one with a format spec:

=====================  ==============================  ==========================
spec                   raw parameter                   vi / en
=====================  ==============================  ==========================
(none)                 anything                        as read, dates per language,
                                                       invisible characters made visible
``vnd``                int (đồng)                      200.000đ / 200,000 VND
``num``                int (a count)                   1.234 / 1,234
``date``               datetime.date                   05/03/1985 / 1985-03-05
``quarter``            1..4                            quý IV / Q4
``month``              1..12                           tháng 3 / month 3
``period``             a period column key (m03, q4)   tháng 3 / month 3, quý IV / Q4
``sheet``              a schema sheet key (members)    Đoàn viên / Members
``column``             "sheet.column" (members.cccd)   Số CCCD / Citizen ID
``columns``            list of "sheet.column"          joined with ", "
``list.<list>``        a choice key (tet_gift)         Quà Tết / Tết gift
``choice``             "list.choice" (gender.male)     Nam / Male
``choices``            a list key (welfare_kind)       every choice, joined with ", "
``text``               a key of this catalogue, or     that text in the language
                       (key, {params}), (key, detail)
``who``                a person's "name (CCCD)", or    as is, or Tổ X / Group X
                       {"group": name}
=====================  ==============================  ==========================

A spec may name another parameter (``{value:{format}}`` with ``format="vnd"``). A value the spec does not
fit (a key that is not in the schema, a text where a number was expected) is shown as read: a
message never fails, and a finding whose parameter is missing shows "?".

English dates are ISO 8601 (1985-03-05): an English reader may be American, and 05/03/1985 would read
as May 3rd to them; the officers' own workbooks keep dd/mm/yyyy.
"""

from __future__ import annotations

import datetime as dt
import string
import unicodedata
from typing import Any, Mapping

LANGS = ("vi", "en")

TEXTS: dict[str, tuple[str, str]] = {
    "checking": ("Kiểm tra {n} tệp trong '{folder}'", "Checking {n} files in '{folder}'"),
    "reading": ("Đang đọc", "Reading"),
    "unit_line": ("Đơn vị: {unit} — năm {year} — {groups}/{expected} tổ đã nộp",
                  "Unit: {unit} — year {year} — {groups}/{expected} groups received"),
    "per_group": ("Theo tổ", "Per group"),
    "sector_line": ("Tổng hợp cấp ngành: {unit} — năm {year} — {groups} bản tổng hợp",
                    "Sector roll-up: {unit} — year {year} — {groups} consolidated workbooks"),
    "per_unit": ("Theo công đoàn cơ sở", "Per grassroots union"),
    "col_unit": ("CĐCS", "Union"),
    "compared": ("So với năm {year} ({file}): năm trước, năm nay, tăng (+) / giảm (−)",
                 "Compared with {year} ({file}): last year, this year, change"),
    "moves": ("Đoàn viên không còn tên: {left}; mới có tên: {joined} (theo CCCD, xem trang 'Biến động đoàn viên')",
              "Members who left: {left}; new: {joined} (by citizen ID, see the 'Membership changes' sheet)"),
    "opening_vs_closing": ("Quỹ tương hỗ: số dư cuối năm trước {closing}, số dư đầu năm nay {opening}",
                           "Mutual-aid fund: last year's closing balance {closing}, this year's opening {opening}"),
    "col_group": ("Tổ", "Group"),
    "col_file": ("Tệp", "File"),
    "col_rows": ("Dòng", "Rows"),
    "col_errors": ("Lỗi", "Errors"),
    "col_warnings": ("Cảnh báo", "Warnings"),
    "details": ("Chi tiết các phát hiện", "Findings in detail"),
    "whole_run": ("Chung (không thuộc tổ nào)", "General (no group)"),
    "account": ("Đối chiếu số dòng: đọc = nhận + loại", "Row account: read = accepted + rejected"),
    "account_line": ("{sheet}: đọc {read} = nhận {accepted} + loại {rejected}",
                     "{sheet}: read {read} = accepted {accepted} + rejected {rejected}"),
    "account_summary": ("(trong đó {n} dòng cộng, không phải bản ghi)", "(of which {n} totals lines, not records)"),
    "result": ("Kết quả: {errors} lỗi, {warnings} cảnh báo, {notes} ghi chú.",
               "Result: {errors} errors, {warnings} warnings, {notes} notes."),
    "ok": ("Không có lỗi: có thể tổng hợp.", "No errors: ready to consolidate."),
    "fix": ("Có lỗi: sửa các ô nêu trên (hoặc gửi bản phản hồi cho tổ) rồi chạy lại.",
            "Errors found: fix the cells above (or send the feedback copies) and run again."),
    "fix_sector": ("Có lỗi: gửi bản phản hồi cho CĐCS liên quan, nhận lại bản tổng hợp đã sửa rồi chạy lại.",
                   "Errors found: send the feedback copies to the unions concerned, get their corrected "
                   "workbooks and run again."),
    "more": ("… và {n} phát hiện nữa (xem đầy đủ bằng --all hoặc --json)",
             "… and {n} more (see all with --all or --json)"),
    "written": ("Đã ghi", "Written"),
    "json_written": ("Đã ghi JSON: {path}", "JSON written: {path}"),
    # --- severities
    "severity.error": ("Lỗi", "Error"),
    "severity.warning": ("Cảnh báo", "Warning"),
    "severity.note": ("Ghi chú", "Note"),
    # --- pieces of finding messages
    "group_named": ("Tổ {name}", "Group {name}"),
    "quarter": ("quý {roman}", "Q{number}"),
    "month": ("tháng {number}", "month {number}"),
    "skip.lock_file": ("khóa tạm của Excel/LibreOffice (tệp đang mở)", "an Excel/LibreOffice lock file (file open)"),
    "skip.hidden": ("ẩn", "a hidden file"),
    "skip.csv": ("dạng CSV: CSV không giữ được các trang và định dạng của biểu mẫu, hãy gửi tệp .xlsx của biểu mẫu",
                 "a CSV export: it cannot hold the template's sheets; send the .xlsx workbook"),
    "skip.not_spreadsheet": ("không phải bảng tính Excel", "not a spreadsheet"),
    "type.date": ("một ngày (ngày/tháng/năm)", "a date (dd/mm/yyyy)"),
    "type.amount": ("một số tiền (chỉ gồm chữ số)", "an amount (digits only)"),
    "type.int": ("một số nguyên", "a whole number"),
    "unreadable.empty": ("tệp rỗng", "empty file"),
    "unreadable.broken_link": ("liên kết hỏng", "broken link"),
    "unreadable.not_regular": ("không phải tệp thường", "not a regular file"),
    "unreadable.broken_zip": ("zip hỏng", "broken zip"),
    "unsafe.size_lies": ("kích thước khai sai", "declared size lies"),
    "unsafe.prefix": ("dữ liệu lạ trước nội dung zip", "bytes before the zip"),
    "unsafe.directories": ("nhiều mục lục zip", "several zip directories"),
    "unsafe.duplicate_part": ("hai phần cùng tên", "two parts with one name"),
    "unsafe.mixed_formats": ("vừa là .xlsx vừa là .ods", "both .xlsx and .ods"),
    "unsafe.not_utf8": ("XML không mã hóa UTF-8", "XML not in UTF-8"),
    "unsafe.bad_string_index": ("chỉ số chuỗi sai ở một trang không có tên", "bad string index in an unnamed sheet"),
    "unsafe.bad_repeat": ("số lặp sai", "bad repeat count"),
    "unsafe.ole": ("cấu trúc tệp .xls lạ", "odd .xls structure"),
    "too_large.parts": ("{parts:num} phần", "{parts:num} parts"),
    "too_large.sheet": ("trang '{sheet}': {rows:num} × {cols:num} ô", "sheet '{sheet}': {rows:num} × {cols:num} cells"),
    "too_large.strings": ("hơn {limit:num} chuỗi", "over {limit:num} strings"),
    "rollup.group_workbook": ("biểu mẫu của một tổ công đoàn", "a union group's workbook"),
    "rollup.unit_workbook": ("biểu mẫu đơn vị", "a unit workbook"),
    "upload.unit_workbook": ("biểu mẫu đơn vị", "the unit workbook"),
    "upload.other_workbook": ("một biểu mẫu khác", "another kind of workbook"),
    "rollup.no_info_sheet": ("không có trang '{sheet}'", "no '{sheet}' sheet"),
    "rollup.no_kind": ("trang '{sheet}' không ghi loại bản tổng hợp",
                       "the '{sheet}' sheet does not name a consolidated workbook"),
}


def t(key: str, lang: str = "vi", **params) -> str:
    """The text `key` in `lang`, its parameters rendered with the catalogue's format specs."""
    return render(text(key, lang), lang, **params)


def text(key: str, lang: str = "vi") -> str:
    """The raw template of `key`; schema labels answer as `sheet.<key>`, `column.<sheet>.<column>`,
    `list.<list>.<choice>`, so one lookup reaches every label a person reads."""
    pair = TEXTS.get(key)
    if pair is not None:
        return pair[0] if lang == "vi" else pair[1]
    kind, _, rest = key.partition(".")
    label = None
    if kind == "sheet":
        label = sheet_label(rest, lang)
    elif kind == "column":
        label = column_label(rest, lang)
    elif kind == "list":
        label = choice_label(rest, lang)
    if label is None:
        raise KeyError(key)
    return label


def render(template: str, lang: str = "vi", /, **params) -> str:
    """`template` with `params` rendered for `lang`; a missing parameter shows '?'."""
    return _FORMATTERS[lang if lang in _FORMATTERS else "vi"].vformat(template, (), _Missing(params))


class _Missing(dict):
    def __missing__(self, key):
        return None  # shown as '?'


class MessageFormatter(string.Formatter):
    """str.format whose format specs are the catalogue's (see the module docstring)."""

    def __init__(self, lang: str):
        super().__init__()
        self.lang = lang

    def get_value(self, key, args, kwargs):
        if isinstance(key, int):
            return args[key] if key < len(args) else None
        return kwargs[key]

    def format_field(self, value: Any, format_spec: str) -> str:
        try:
            return show(value, format_spec, self.lang)
        except Exception:  # noqa: BLE001 - a message must render whatever a check passed it
            return show(value, "", self.lang)


_FORMATTERS = {lang: MessageFormatter(lang) for lang in LANGS}
_ROMAN = ("I", "II", "III", "IV")


def show(value: Any, spec: str = "", lang: str = "vi") -> str:
    """One raw parameter as `spec` renders it in `lang` (see the module docstring)."""
    if value is None:
        return "?"
    if spec in ("", "s"):
        return _plain(value, lang)
    if spec == "vnd":
        return vnd(value, lang) if _is_int(value) else _plain(value, lang)
    if spec == "num":
        return number(value, lang) if _is_int(value) else _plain(value, lang)
    if spec == "date":
        return date(value, lang) if isinstance(value, dt.date) else _plain(value, lang)
    if spec == "quarter" and _is_int(value) and 1 <= value <= 4:
        return t("quarter", lang, roman=_ROMAN[value - 1], number=value)
    if spec == "month" and _is_int(value) and 1 <= value <= 12:
        return t("month", lang, number=value)
    if spec == "period" and isinstance(value, str):
        return period(value, lang)
    if spec == "sheet" and isinstance(value, str):
        return sheet_label(value, lang) or _plain(value, lang)
    if spec == "column" and isinstance(value, str):
        return column_label(value, lang) or _plain(value, lang)
    if spec == "columns" and isinstance(value, (list, tuple)):
        return ", ".join(column_label(v, lang) or _plain(v, lang) for v in value)
    if spec.startswith("list.") and isinstance(value, str):
        return choice_label(f"{spec[5:]}.{value}", lang) or _plain(value, lang)
    if spec == "choice" and isinstance(value, str):
        return choice_label(value, lang) or _plain(value, lang)
    if spec == "choices" and isinstance(value, str):
        from . import schema
        if value in schema.LISTS:
            return ", ".join(c.label(lang) for c in schema.LISTS[value].choices)
    if spec == "text":
        return _text_param(value, lang)
    if spec == "who" and isinstance(value, Mapping) and "group" in value:
        return t("group_named", lang, name=value["group"])
    return _plain(value, lang)


def _text_param(value: Any, lang: str) -> str:
    """A key of this catalogue -> its text; (key, {params}) -> the text rendered with them;
    (key, "detail") -> "text: detail"; anything else (an exception's own words) as read."""
    if isinstance(value, str):
        return t(value, lang) if value in TEXTS else visible(value)
    if isinstance(value, (list, tuple)) and value and isinstance(value[0], str) and value[0] in TEXTS:
        rest = value[1] if len(value) > 1 else None
        if isinstance(rest, Mapping):
            return t(value[0], lang, **rest)
        head = t(value[0], lang)
        return f"{head}: {visible(str(rest))}" if rest not in (None, "") else head
    return _plain(value, lang)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _plain(value: Any, lang: str) -> str:
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, dt.date):
        return date(value, lang)
    if isinstance(value, (list, tuple)):
        return ", ".join(_plain(v, lang) for v in value)
    return visible(str(value))


# ---------------------------------------------------------------- numbers and dates


def number(value: int, lang: str = "vi") -> str:
    """1234567 -> '1.234.567' (vi) / '1,234,567' (en)"""
    return f"{value:,}".replace(",", ".") if lang == "vi" else f"{value:,}"


def vnd(value: int, lang: str = "vi") -> str:
    """200000 -> '200.000đ' (vi) / '200,000 VND' (en)"""
    return number(value, lang) + ("đ" if lang == "vi" else " VND")


def date(value: dt.date, lang: str = "vi") -> str:
    """dd/mm/yyyy as Vietnamese offices write it; ISO 8601 in English (see the module docstring)."""
    if isinstance(value, dt.datetime):
        value = value.date()
    return value.strftime("%d/%m/%Y") if lang == "vi" else value.isoformat()


def period(key: str, lang: str = "vi") -> str:
    """A contribution period column: 'm03' -> tháng 3 / month 3, 'q4' -> quý IV / Q4."""
    if len(key) >= 2 and key[1:].isdigit():
        n = int(key[1:])
        if key[0] == "m" and 1 <= n <= 12:
            return t("month", lang, number=n)
        if key[0] == "q" and 1 <= n <= 4:
            return t("quarter", lang, roman=_ROMAN[n - 1], number=n)
    return visible(key)


# ---------------------------------------------------------------- what is read, made visible

_INVISIBLE_NAMES = {"\u00a0": "NBSP", "\u200b": "ZWSP", "\u200c": "ZWNJ", "\u200d": "ZWJ", "\ufeff": "BOM",
                    "\t": "TAB", "\n": "LF", "\r": "CR", "\u3000": "IDEOGRAPHIC SPACE"}


def visible(value: str) -> str:
    """Text as read with what the eye cannot see shown: '␣' for a leading or trailing space,
    ⟨NBSP⟩, ⟨ZWSP⟩, ⟨U+2060⟩ … for hidden characters (SPEC §8: the value the validator saw)."""
    if value.isprintable() and value == value.strip(" ") and value.isascii():
        return value  # the common case, fast
    out = []
    for ch in value:
        if ch == " " or (ch.isprintable() and unicodedata.category(ch) not in ("Zs", "Cf")):
            out.append(ch)
        else:
            out.append("⟨" + _INVISIBLE_NAMES.get(ch, f"U+{ord(ch):04X}") + "⟩")
    shown = "".join(out)
    core = shown.strip(" ")
    if not core:
        return "␣" * len(shown)
    lead = len(shown) - len(shown.lstrip(" "))
    trail = len(shown) - len(shown.rstrip(" "))
    return "␣" * lead + core + "␣" * trail


# ---------------------------------------------------------------- schema labels


def _schema_sheets() -> dict:
    from . import schema
    # The extension points first: a sheet or field added to the schema (GROUP_SHEETS, GROUP_INFO)
    # is named by the schema as it is now.
    sheets = {sheet.key: sheet for sheet in (schema.GROUP_INFO, *schema.GROUP_SHEETS)}
    for obj in vars(schema).values():
        if isinstance(obj, (schema.TableSheet, schema.FieldSheet)):
            sheets.setdefault(obj.key, obj)
    return sheets


def _sheets() -> dict:
    """The schema's sheets by key, built again only when its extension points change."""
    global _SHEETS, _SHEETS_OF
    from . import schema
    now = (id(schema.GROUP_INFO), id(schema.GROUP_SHEETS))
    if _SHEETS is None or _SHEETS_OF != now:
        _SHEETS, _SHEETS_OF = _schema_sheets(), now
    return _SHEETS


def _schema_columns() -> dict:
    from . import schema
    return {obj.key: obj for obj in vars(schema).values() if isinstance(obj, schema.Column)}


_SHEETS: dict | None = None
_SHEETS_OF: tuple | None = None
_LOOSE_COLUMNS: dict | None = None


def sheet_label(key: str, lang: str = "vi") -> str | None:
    """The template's name of sheet `key` in `lang`, or None for a name that is not a schema key."""
    sheet = _sheets().get(key)
    if sheet is not None:
        return sheet.name(lang)
    from . import schema
    fixed = {"instructions": schema.INSTRUCTIONS_SHEET, "lists": schema.LISTS_SHEET}.get(key)
    return schema.sheet_name(fixed, lang) if fixed else None


def column_label(key: str, lang: str = "vi") -> str | None:
    """'members.cccd' -> 'Số CCCD' / 'Citizen ID' (a column of a table sheet or a field of a field sheet)."""
    global _LOOSE_COLUMNS
    sheet_key, _, column_key = key.partition(".")
    sheet = _sheets().get(sheet_key.rpartition(":")[2])  # a ledger's key names its group sheet: unit-ledger:members
    if sheet is not None:
        try:
            item = sheet.column(column_key) if hasattr(sheet, "column") else sheet.field(column_key)
        except KeyError:
            item = None
        if item is not None:
            return item.header(lang) if hasattr(item, "header") else item.label(lang)
    if _LOOSE_COLUMNS is None:
        _LOOSE_COLUMNS = _schema_columns()
    loose = _LOOSE_COLUMNS.get(column_key) if sheet is not None else None  # ledger columns (origin_unit …)
    return loose.header(lang) if loose is not None else None


def choice_label(key: str, lang: str = "vi") -> str | None:
    """'welfare_kind.tet_gift' -> 'Quà Tết' / 'Tết gift'."""
    from . import schema
    list_key, _, choice_key = key.partition(".")
    lst = schema.LISTS.get(list_key)
    if lst is None:
        return None
    try:
        return lst.label(choice_key, lang)
    except KeyError:
        return None


# ---------------------------------------------------------------- the web desk (unionxl serve)
# Same catalogue, same rule: every word a person reads on the desk's pages is here, vi and en.
TEXTS.update({
    "web.app_name": ("Bàn làm việc của kế toán công đoàn", "Union treasurer's desk"),
    "web.logout": ("Đăng xuất", "Sign out"),
    "web.setup_title": ("Đặt mật khẩu kế toán", "Set the treasurer's password"),
    "web.setup_intro": ("Lần đầu dùng: đặt mật khẩu cho kế toán / BCH CĐCS (ít nhất {n} ký tự). Chỉ người có mật "
                        "khẩu này mới xem được bảng theo dõi và tổng hợp.",
                        "First use: set the treasurer's password (at least {n} characters). Only someone with it "
                        "can see the dashboard and consolidate."),
    "web.setup_local_only": ("Chỉ đặt được mật khẩu lần đầu trên chính máy chạy unionxl (mở http://127.0.0.1:8765), "
                             "hoặc bằng lệnh 'unionxl password'.",
                             "The first password can only be set on the machine running unionxl "
                             "(open http://127.0.0.1:8765) or with 'unionxl password'."),
    "web.setup_button": ("Lưu mật khẩu", "Save the password"),
    "web.password": ("Mật khẩu", "Password"),
    "web.password_again": ("Nhập lại mật khẩu", "Password again"),
    "web.password_short": ("Mật khẩu cần ít nhất {n} ký tự.", "The password needs at least {n} characters."),
    "web.password_mismatch": ("Hai lần nhập mật khẩu không giống nhau.", "The two passwords differ."),
    "web.login_title": ("Đăng nhập kế toán", "Treasurer sign-in"),
    "web.login_intro": ("Trang dành cho kế toán / BCH CĐCS. Tổ trưởng không cần đăng nhập: hãy mở đường link "
                        "riêng của tổ.", "For the treasurer. Group officers need no sign-in: open your group's "
                        "own link."),
    "web.login_button": ("Đăng nhập", "Sign in"),
    "web.login_wrong": ("Sai mật khẩu.", "Wrong password."),
    "web.login_blocked": ("Nhập sai quá nhiều lần. Chờ 15 phút rồi thử lại.",
                          "Too many wrong passwords. Wait 15 minutes and try again."),
    "web.login_forgot": ("Quên mật khẩu: trên máy chạy unionxl, chạy lệnh 'unionxl password' để đặt lại.",
                         "Forgot it? On the machine running unionxl, run 'unionxl password' to reset it."),
    "web.home_title": ("Các năm báo cáo", "Report years"),
    "web.years": ("Năm đã tạo", "Years"),
    "web.year_label": ("Năm {year}", "Year {year}"),
    "web.created": ("tạo lúc {at}", "created {at}"),
    "web.new_year": ("Tạo năm báo cáo mới", "Start a new year"),
    "web.new_year_intro": ("Tải lên biểu mẫu đơn vị đã điền (danh sách tổ, định mức, số dư năm trước). Mỗi tổ trong "
                           "danh sách sẽ có một đường link riêng để nộp biểu mẫu.",
                           "Upload the filled unit workbook (group list, rates, last year's balance). Each group "
                           "in the list gets its own upload link."),
    "web.new_year_hint": ("Chưa có biểu mẫu đơn vị? Tạo bằng lệnh: unionxl template unit don-vi.xlsx --year 2025",
                          "No unit workbook yet? Create one: unionxl template unit unit.xlsx --year 2025"),
    "web.unit_workbook": ("Biểu mẫu đơn vị (.xlsx)", "Unit workbook (.xlsx)"),
    "web.create_year": ("Tạo năm", "Create the year"),
    "web.year_no_file": ("Chưa chọn tệp biểu mẫu đơn vị.", "Choose the unit workbook first."),
    "web.year_bad_unit": ("Chưa tạo được năm từ tệp này:", "This file cannot start a year:"),
    "web.status_summary": ("Tình trạng các tổ", "Groups' status"),
    "web.status.ok": ("Đạt", "Accepted"),
    "web.status.warning": ("Chỉ cảnh báo", "Warnings only"),
    "web.status.error": ("Có lỗi", "Has errors"),
    "web.status.missing": ("Chưa nộp", "Not sent"),
    "web.status.pending": ("Đang kiểm tra", "Being checked"),
    "web.counts": ("{errors} lỗi, {warnings} cảnh báo", "{errors} errors, {warnings} warnings"),
    "web.consolidate": ("Tổng hợp", "Consolidate"),
    "web.consolidate_intro": ("{sent}/{total} tổ đã nộp. Tổng hợp dùng bản mới nhất của mỗi tổ và ghi đúng các kết "
                              "quả của lệnh 'unionxl merge': bản tổng hợp Excel, báo cáo Word, JSON và bản phản hồi "
                              "cho các tổ.",
                              "{sent}/{total} groups have sent. Consolidating uses each group's latest version and "
                              "writes exactly what 'unionxl merge' writes: the consolidated workbook, the Word "
                              "report, JSON and the feedback copies."),
    "web.with_previous": ("So sánh với bản tổng hợp năm trước", "Compare with last year's consolidated workbook"),
    "web.consolidate_button": ("Tổng hợp ngay", "Consolidate now"),
    "web.merge_busy": ("Đang tổng hợp…", "Consolidating…"),
    "web.merges": ("Các lần tổng hợp", "Consolidations"),
    "web.merge_state.queued": ("Đang chờ", "Queued"),
    "web.merge_state.running": ("Đang chạy", "Running"),
    "web.merge_state.done": ("Xong", "Done"),
    "web.merge_state.failed": ("Thất bại", "Failed"),
    "web.merge_state.interrupted": ("Bị ngắt (máy chủ dừng giữa chừng)", "Interrupted (server stopped)"),
    "web.merge_counts": ("{errors} lỗi, {warnings} cảnh báo", "{errors} errors, {warnings} warnings"),
    "web.groups": ("Các tổ công đoàn", "Union groups"),
    "web.groups_hint": ("Gửi cho mỗi tổ trưởng đường link của tổ (qua Zalo, e-mail). Ai có link đều nộp được cho tổ "
                        "đó: nếu lộ link, bấm 'Cấp link mới' (link cũ hết hiệu lực).",
                        "Send each group officer the group's link (Zalo, e-mail). Anyone with the link can upload "
                        "for that group: if it leaks, press 'New link' (the old one stops working)."),
    "web.col.group": ("Tổ", "Group"),
    "web.col.status": ("Tình trạng", "Status"),
    "web.col.last": ("Lần nộp cuối", "Last upload"),
    "web.col.versions": ("Số lần nộp", "Versions"),
    "web.col.link": ("Link nộp của tổ", "Group's upload link"),
    "web.col.actions": ("Việc khác", "Actions"),
    "web.col.severity": ("Mức", "Severity"),
    "web.col.place": ("Trang, ô", "Sheet, cell"),
    "web.col.value": ("Giá trị đọc được", "Value as read"),
    "web.col.message": ("Cần làm gì", "What to do"),
    "web.col.sheet": ("Trang", "Sheet"),
    "web.col.read": ("Đọc", "Read"),
    "web.col.accepted": ("Nhận", "Accepted"),
    "web.col.rejected": ("Loại", "Rejected"),
    "web.col.file": ("Tệp", "File"),
    "web.col.when": ("Lúc", "When"),
    "web.col.who": ("Ai", "Who"),
    "web.col.action": ("Việc", "Action"),
    "web.col.detail": ("Chi tiết", "Detail"),
    "web.link_of": ("Link nộp của tổ {group}", "Upload link of group {group}"),
    "web.copy": ("Chép", "Copy"),
    "web.link_revoked": ("Đã thu hồi link", "Link revoked"),
    "web.blank_workbook": ("Biểu mẫu trống", "Blank workbook"),
    "web.reissue": ("Cấp link mới", "New link"),
    "web.revoke": ("Thu hồi link", "Revoke link"),
    "web.unit_findings": ("Các phát hiện của cả đơn vị", "Findings across groups"),
    "web.unit_findings_hint": ("{n} phát hiện trong bản mới nhất của các tổ, lỗi trước. Các phát hiện giữa các tổ "
                               "(ví dụ một CCCD ở hai tổ) hiện sau khi tổng hợp.",
                               "{n} findings in the groups' latest versions, errors first. Findings across groups "
                               "(e.g. one citizen ID in two groups) appear after consolidating."),
    "web.no_findings_yet": ("Chưa có phát hiện nào.", "No findings yet."),
    "web.audit": ("Nhật ký (ai, lúc nào, tệp nào, kết quả)", "Audit log (who, when, which file, which result)"),
    "web.cell": ("ô", "cell"),
    "web.whole_file": ("cả tệp", "whole file"),
    "web.officer_title": ("Nộp biểu mẫu: {code} — {name}", "Send the workbook: {code} — {name}"),
    "web.checking": ("Đang kiểm tra tệp…", "Checking the file…"),
    "web.verdict_error": ("Chưa đạt: tệp có {n} lỗi", "Not accepted: the file has {n} errors"),
    "web.verdict_error_help": ("Sửa các ô nêu dưới đây (hoặc tải bản phản hồi: ô lỗi tô đỏ, có lời nhắn) rồi nộp "
                               "lại. Nộp lại bao nhiêu lần cũng được.",
                               "Fix the cells listed below (or download the feedback copy: error cells in red, with "
                               "a note) and upload again, as often as needed."),
    "web.verdict_warning": ("Đã nhận: không có lỗi, {n} cảnh báo", "Accepted: no errors, {n} warnings"),
    "web.verdict_warning_help": ("Tệp được nhận. Xem các cảnh báo dưới đây; nếu cần sửa thì sửa và nộp lại.",
                                 "The file is accepted. Read the warnings below; fix and upload again if needed."),
    "web.verdict_ok": ("Đã nhận: tệp đạt, không có lỗi", "Accepted: no errors"),
    "web.verdict_ok_help": ("Cảm ơn! Kế toán đã nhận được biểu mẫu của tổ.",
                            "Thank you! The treasurer has your group's workbook."),
    "web.file_received": ("Tệp '{name}' nhận lúc {at}", "File '{name}' received {at}"),
    "web.download_feedback": ("Tải bản phản hồi (ô cần sửa đã tô màu)", "Download the feedback copy (cells to fix are "
                                                                        "coloured)"),
    "web.upload_title": ("Nộp biểu mẫu của tổ", "Upload your group's workbook"),
    "web.choose_file": ("Chưa chọn tệp.", "No file chosen."),
    "web.drop_here": ("Kéo thả tệp Excel vào đây, hoặc", "Drop the Excel file here, or"),
    "web.choose_workbook": ("chọn tệp:", "choose it:"),
    "web.upload_button": ("Nộp và kiểm tra", "Upload and check"),
    "web.upload_hint": ("Tệp .xlsx (Excel, LibreOffice, WPS), tối đa {mb} MB. Kết quả kiểm tra hiện ngay.",
                        "An .xlsx file (Excel, LibreOffice, WPS), at most {mb} MB. The check shows at once."),
    "web.officer_blank": ("Tải biểu mẫu trống của tổ (đã ghi sẵn mã tổ, năm)",
                          "Download the group's blank workbook (code and year filled in)"),
    "web.versions": ("Các lần đã nộp", "Your uploads"),
    "web.current": ("bản đang dùng", "current"),
    "web.version_of": ("Bản nộp lúc {at}", "Upload of {at}"),
    "web.download_upload": ("Tải tệp đã nộp", "Download the file sent"),
    "web.merge_title": ("Tổng hợp #{id}", "Consolidation #{id}"),
    "web.requested": ("yêu cầu lúc {at}", "requested {at}"),
    "web.progress": ("Đã đọc {done}/{total} tệp", "{done}/{total} files read"),
    "web.progress_hint": ("Có thể đóng trang này; việc tổng hợp vẫn chạy tiếp.",
                          "You may close this page; the consolidation goes on."),
    "web.refresh": ("Tải lại trang", "Reload"),
    "web.merge_done": ("Tổng hợp xong: {errors} lỗi, {warnings} cảnh báo",
                       "Consolidated: {errors} errors, {warnings} warnings"),
    "web.fig.members": ("Đoàn viên", "Members"),
    "web.fig.male": ("Nam", "Male"),
    "web.fig.female": ("Nữ", "Female"),
    "web.fig.groups": ("Tổ đã tổng hợp", "Groups merged"),
    "web.outputs": ("Kết quả để tải về", "Outputs to download"),
    "web.merge_findings": ("Các phát hiện khi tổng hợp", "Findings of the consolidation"),
    "web.merge_failed_help": ("Bấm 'Tổng hợp ngay' ở trang năm để chạy lại. Các tệp đã nộp vẫn còn nguyên.",
                              "Press 'Consolidate now' on the year's page to run it again. Every upload is kept."),
    "web.merge_inputs": ("Các tệp đã dùng ({n})", "Files used ({n})"),
    "web.forbidden_title": ("Không được phép", "Not allowed"),
    "web.forbidden": ("Yêu cầu bị từ chối (phiên làm việc hết hạn hoặc biểu mẫu cũ). Tải lại trang rồi thử lại.",
                      "The request was refused (session expired or an old form). Reload the page and try again."),
    "web.not_found_title": ("Không tìm thấy", "Not found"),
    "web.not_found": ("Không có trang này. Nếu đây là link nộp của tổ, có thể link đã được thay: hỏi kế toán "
                      "link mới.", "No such page. If this was a group's upload link, it may have been replaced: "
                      "ask the treasurer for the new one."),
    "web.too_large_title": ("Tệp quá lớn", "File too large"),
    "web.too_large": ("Tệp quá lớn. Xóa các trang, dòng thừa, lưu lại dạng .xlsx rồi nộp lại.",
                      "The file is too large. Delete unused sheets and rows, save as .xlsx and upload again."),
    "web.error_title": ("Có lỗi", "Error"),
    "web.error": ("Có lỗi khi xử lý yêu cầu. Thử lại sau.", "The request could not be handled. Try again later."),
    "web.send": ("Gửi lên", "Upload"),
    "web.unit_card": ("Biểu mẫu đơn vị, năm trước, năm sau", "Unit workbook, last year, next year"),
    "web.unit_download": ("Tải biểu mẫu đơn vị đang dùng", "Download the unit workbook in use"),
    "web.unit_replace": ("Thay bằng biểu mẫu đơn vị đã sửa (cùng năm):", "Replace with a corrected unit workbook "
                         "(same year):"),
    "web.unit_replace_hint": ("Ví dụ khi đã nhập kết quả các chỉ tiêu, hoặc thêm tổ. Tổ mới được cấp link; bản nộp "
                              "của các tổ vẫn giữ nguyên.", "E.g. once the targets' results are entered, or a group "
                              "is added. New groups get a link; every upload is kept."),
    "web.unit_other_year": ("Biểu mẫu đơn vị này là của năm khác.", "This unit workbook is for another year."),
    "web.unit_other_year_detail": ("Tệp ghi năm {found}, năm đang làm là {expected}.",
                                   "The file says {found}; this is {expected}."),
    "web.previous_card": ("So sánh với năm trước", "Comparison with last year"),
    "web.previous_have": ("Đã có bản tổng hợp năm trước: khi tổng hợp, đánh dấu ô 'So sánh với bản tổng hợp năm "
                          "trước'.", "Last year's consolidated workbook is here: tick 'Compare with last year's "
                          "consolidated workbook' when consolidating."),
    "web.previous_none": ("Chưa có bản tổng hợp năm trước (tệp tong-hop-<năm>.xlsx mà unionxl đã ghi năm ngoái).",
                          "No consolidated workbook of last year yet (the tong-hop-<year>.xlsx unionxl wrote)."),
    "web.previous_upload": ("Bản tổng hợp năm trước:", "Last year's consolidated workbook:"),
    "web.previous_bad": ("Tệp này không phải bản tổng hợp của unionxl.", "This file is not a unionxl consolidated "
                         "workbook."),
    "web.next_year": ("Sang năm {year}", "On to {year}"),
    "web.next_year_hint": ("Tạo năm sau từ năm {year}: giữ danh sách tổ và định mức, lấy số dư cuối năm của quỹ "
                           "tương hỗ (lần tổng hợp gần nhất) làm số dư đầu năm, giữ bản tổng hợp năm {year} để so "
                           "sánh. Các tổ được cấp link mới.",
                           "Start next year from {year}: the same groups and rates, the mutual-aid fund's closing "
                           "balance (latest consolidation) as the opening balance, and {year}'s consolidated "
                           "workbook kept for the comparison. Groups get new links."),
    "web.next_year_button": ("Tạo năm {year}", "Create {year}"),
    "web.next_needs_merge": ("Cần tổng hợp năm này ít nhất một lần trước khi sang năm sau (để có số dư cuối năm).",
                             "Consolidate this year at least once first (for the closing balance)."),
})


# ------------------------------------------------------------ the annual report (writers/report_docx.py)
# One structure, two languages: the report is built once from the schema's sections and these
# sentences; the Vietnamese ones are the seed report's wording with the figures in place.
# Parameters arrive formatted (amounts, shares, counts) by the report writer.

REPORT_SENTENCES: dict[str, tuple[str, str]] = {
    "placeholder": ("[Ban Chấp hành viết nội dung mục này]", "[The executive committee writes this section]"),
    "doc_title": ("Báo cáo hoạt động Công đoàn năm {year}", "Trade union activity report {year}"),
    "republic": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIETNAM"),
    "motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "number": ("Số: …/BC-{issuer}", "No.: …/BC-{issuer}"),
    "dateline": ("{place}, ngày … tháng … năm …", "{place}, … … …"),
    "title": ("BÁO CÁO", "REPORT"),
    "subtitle": ("Hoạt động Công đoàn năm {year}, nhiệm vụ trọng tâm năm {next_year}",
                 "Trade union activities in {year} and priorities for {next_year}"),
    "intro": ("{unit} báo cáo kết quả hoạt động công đoàn năm {year} như sau:",
              "{unit} reports on its union activities in {year} as follows:"),
    "intro_basis": ("Thực hiện {basis} về việc báo cáo hoạt động Công đoàn năm {year}, nhiệm vụ trọng tâm năm "
                    "{next_year}, {unit} báo cáo kết quả hoạt động như sau:",
                    "Pursuant to {basis} on the {year} union activity report and the priorities for {next_year}, "
                    "{unit} reports as follows:"),
    "closing": ("Trên đây là báo cáo hoạt động Công đoàn năm {year}, nhiệm vụ trọng tâm năm {next_year} của {unit}./.",
                "This is the {year} union activity report of {unit}, with its priorities for {next_year}."),
    "recipients": ("Nơi nhận:", "Distribution:"),
    "recipients_superior": ("- {superior} (b/c);", "- {superior};"),
    "recipients_groups": ("- Các tổ công đoàn trực thuộc;", "- Union groups;"),
    "recipients_units": ("- Các công đoàn cơ sở trực thuộc;", "- Grassroots unions;"),
    "recipients_file": ("- Lưu: {issuer}, VT.", "- Files."),
    "superior_fallback": ("Công đoàn cấp trên", "Superior union"),
    "sign_for": ("T/M. BAN CHẤP HÀNH", "FOR THE EXECUTIVE COMMITTEE"),
    "sign_title": ("CHỦ TỊCH", "CHAIRPERSON"),
    "appendix": ("PHỤ LỤC: CÁC BẢNG SỐ LIỆU", "APPENDIX: REPORT TABLES"),
    "appendix_note": ("(Kèm theo báo cáo hoạt động Công đoàn năm {year} của {unit})",
                      "(Attached to the {year} union activity report of {unit})"),
    # I.1.1 numbers
    "members_total": ("- Tổng số: {n} đoàn viên công đoàn, trong đó: Nam {male} người = {male_pct}; "
                      "Nữ: {female} người = {female_pct};",
                      "- In total: {n} union members, of whom: male {male} = {male_pct}; "
                      "female: {female} = {female_pct};"),
    "groups_unit": ("- Số tổ công đoàn: {groups} tổ công đoàn.", "- Union groups: {groups}."),
    "groups_sector": ("- Số công đoàn cơ sở: {units}; số tổ công đoàn: {groups} tổ công đoàn.",
                      "- Grassroots unions: {units}; union groups: {groups}."),
    # I.1.2 qualifications
    "education": ("- Trình độ học vấn: {items}.", "- General education: {items}."),
    "no_data": ("chưa có số liệu", "no data"),
    "people_share": ("{label}: {count} người = {pct}", "{label}: {count} = {pct}"),
    "professional": ("- Trình độ chuyên môn:", "- Professional level:"),
    "professional_item": ("+ {label}: {count} người = {pct}.", "+ {label}: {count} = {pct}."),
    "theory": ("- Trình độ lý luận chính trị:", "- Political theory:"),
    "party": ("+ Đảng viên: {count} người = {pct}/ tổng đoàn viên công đoàn.",
              "+ Party members: {count} = {pct} of all union members."),
    "studying": ("đang học {what} {count} người", "studying {what}: {count}"),
    "theory_levels": ("+ {items}.", "+ {items}."),
    # I.4 labour accidents
    "accidents": ("Tính đến thời điểm báo cáo trong đơn vị {accidents}, {disease}.",
                  "Up to the time of this report: {accidents}; {disease}."),
    "accidents_sector": ("Tính đến thời điểm báo cáo trong các đơn vị {accidents}, {disease}.",
                         "Up to the time of this report, in the unions: {accidents}; {disease}."),
    "accidents_none": ("không xảy ra tai nạn lao động", "no labour accidents"),
    "accidents_some": ("xảy ra {count} vụ tai nạn lao động", "{count} labour accidents"),
    "accidents_unknown": ("chưa có số liệu về tai nạn lao động", "no figure for labour accidents"),
    "disease_none": ("không có trường hợp mắc bệnh nghề nghiệp", "no cases of occupational disease"),
    "disease_some": ("có {count} trường hợp mắc bệnh nghề nghiệp", "{count} cases of occupational disease"),
    "disease_unknown": ("chưa có số liệu về bệnh nghề nghiệp", "no figure for occupational disease"),
    # II.1 targets
    "kpi_intro": ("- Kết quả thực hiện các chỉ tiêu {superior} giao cho công đoàn cơ sở năm {year} như sau:",
                  "- Results against the targets set by {superior} for {year}:"),
    "kpi_intro_sector": ("- Kết quả thực hiện các chỉ tiêu giao cho các công đoàn cơ sở năm {year} (tổng hợp từ "
                         "{units} CĐCS) như sau:",
                         "- Results against the targets set for the grassroots unions in {year} ({units} unions):"),
    "sector_fallback": ("Công đoàn ngành", "the sector union"),
    "kpi_social_met": ("({number}). {part}/{whole} đoàn viên công đoàn nộp quỹ ủng hộ quỹ XHCĐ tỉnh đạt {pct} "
                       "(đạt chỉ tiêu).",
                       "({number}). {part}/{whole} members contributed to the provincial union social fund "
                       "({pct}) (target met)."),
    "kpi_social_not": ("({number}). {part}/{whole} đoàn viên công đoàn nộp quỹ ủng hộ quỹ XHCĐ tỉnh, đạt {pct}; "
                       "còn {missing} đoàn viên chưa nộp (Không đạt chỉ tiêu, chỉ tiêu giao 100%).",
                       "({number}). {part}/{whole} members contributed to the provincial union social fund "
                       "({pct}); {missing} not yet (target not met; the target is 100%)."),
    "kpi_funds_met": ("({number}). Tiếp tục duy trì và thực hiện hiệu quả mô hình: “Quỹ du lịch công đoàn” và "
                      "“Quỹ tương hỗ công đoàn” (đạt chỉ tiêu).",
                      "({number}). The “union travel fund” and “union mutual-aid fund” models were kept up "
                      "(target met)."),
    "kpi_funds_not": ("({number}). Chưa duy trì được mô hình {missing}: trong năm không có đoàn viên đóng quỹ "
                      "(Không đạt chỉ tiêu).",
                      "({number}). The {missing} model was not kept up: no member contributed this year "
                      "(target not met)."),
    "fund_travel": ("“Quỹ du lịch công đoàn”", "“union travel fund”"),
    "fund_mutual": ("“Quỹ tương hỗ công đoàn”", "“union mutual-aid fund”"),
    "and": (" và ", " and "),
    "kpi_software_met": ("({number}). {pct} đoàn viên công đoàn được cập nhật trên phần mềm quản lý đoàn viên "
                         "công đoàn (đạt chỉ tiêu).",
                         "({number}). {part}/{whole} members recorded in the member-management software ({pct}) "
                         "(target met)."),
    "kpi_software_not": ("({number}). {pct} đoàn viên công đoàn được cập nhật trên phần mềm quản lý đoàn viên "
                         "công đoàn. Hiện còn {missing} đoàn viên chưa được cập nhật{why} (Không đạt chỉ tiêu, "
                         "chỉ tiêu giao 100%).",
                         "({number}). {part}/{whole} members recorded in the member-management software ({pct}); "
                         "{missing} not yet{why} (target not met; the target is 100%)."),
    "kpi_software_why": (", ghi chú: {notes}", ", noted: {notes}"),
    "kpi_other": ("({number}). {text} {status}.", "({number}). {text} {status}."),
    "status_met": ("(đạt chỉ tiêu)", "(target met)"),
    "status_not_met": ("(Không đạt chỉ tiêu)", "(target not met)"),
    "status_none": ("(chưa đánh giá)", "(not assessed)"),
    "who_all": ("{pct} đoàn viên", "{pct} of members"),
    "who_part": ("{pct} đoàn viên ({part}/{whole})", "{pct} of members ({part}/{whole})"),
    "travel": ("+ Trong năm triển khai thu quỹ du lịch tới {who} tham gia với tổng số tiền thu được {collected} "
               "(mức đóng {rate}/tháng/đoàn viên){tail}",
               "+ Travel fund: {who} contributing, {collected} collected ({rate} a month each){tail}"),
    "travel_care": ("- Tiếp tục triển khai quỹ du lịch với {who} tham gia với tổng số tiền thu được {collected} "
                    "(mức đóng {rate}/tháng/đoàn viên){tail}",
                    "- The travel fund went on with {who} taking part, {collected} collected ({rate} a month "
                    "each){tail}"),
    "travel_no_trip": ("; trong năm chưa chi hỗ trợ đoàn viên tham gia du lịch.", "; no trip support paid this year."),
    "travel_trip_each": ("; chi hỗ trợ {count} đoàn viên tham gia du lịch với {each}/người.",
                         "; trip support for {count} members, {each} each."),
    "travel_trip_total": ("; chi hỗ trợ {count} đoàn viên tham gia du lịch với tổng số tiền {amount}.",
                          "; trip support for {count} members, {amount} in total."),
    "mutual": ("+ {who} tham gia đóng quỹ tương hỗ với tổng số tiền thu được là {collected}{tail}",
               "+ Mutual-aid fund: {who} contributing, {collected} collected{tail}"),
    "mutual_no_loans": ("; trong năm chưa có đoàn viên vay vốn.", "; no loans this year."),
    "mutual_loans_each": (" và triển khai cho đoàn viên công đoàn có hoàn cảnh khó khăn vay vốn là {count} đoàn "
                          "viên, với mức vay vốn {each}/xuất.",
                          "; {count} members in hardship borrowed, {each} per loan."),
    "mutual_loans_total": (" và triển khai cho đoàn viên công đoàn có hoàn cảnh khó khăn vay vốn là {count} đoàn "
                           "viên, với tổng số tiền vay {amount}.",
                           "; {count} members in hardship borrowed {amount} in total."),
    # II.4 care
    "tet": ("Tết Nguyên đán {lunar}", "Tết (the {lunar} lunar new year)"),
    "tet_plain": ("Tết Nguyên đán", "Tết"),
    "tet_each": ("Trong dịp {tet} hỗ trợ mỗi đoàn viên {each}", "At {tet} every member received {each}"),
    "tet_total": ("Trong dịp {tet} hỗ trợ {count} đoàn viên, tổng số tiền {amount}",
                  "At {tet} {count} members received {amount} in total"),
    "doctors_each": ("kỷ niệm ngày Thầy thuốc Việt Nam 27/2 mỗi đoàn viên {each}",
                     "on Vietnamese Doctors' Day (27/2) every member received {each}"),
    "doctors_total": ("kỷ niệm ngày Thầy thuốc Việt Nam 27/2 hỗ trợ {count} đoàn viên, tổng số tiền {amount}",
                      "on Doctors' Day (27/2) {count} members received {amount} in total"),
    "women_each": ("hỗ trợ các tổ công đoàn nhân ngày Quốc tế Phụ nữ 08/3 mỗi tổ một phần quà trị giá {each}",
                   "on International Women's Day (8/3) every union group received a gift worth {each}"),
    "women_total": ("hỗ trợ {count} tổ công đoàn nhân ngày Quốc tế Phụ nữ 08/3, tổng số tiền {amount}",
                    "on Women's Day (8/3) {count} union groups received {amount} in total"),
    "welfare_none": ("Trong năm chưa chi quà Tết, ngày 27/2 và ngày 8/3.", "No Tết, 27/2 or 8/3 gifts were paid."),
    "hardship": (" Chi hỗ trợ {count} đoàn viên có hoàn cảnh khó khăn trong dịp Tết Nguyên đán, {gift}{sources}",
                 " {count} members in hardship received a Tết gift, {gift}{sources}"),
    "hardship_each": ("mỗi xuất quà trị giá {each}", "{each} each"),
    "hardship_total": ("tổng số tiền {amount}", "{amount} in total"),
    "hardship_source": ("{name} tặng {count} xuất", "{count} from {name}"),
    "source_unit": ("Công đoàn cơ sở", "the grassroots union"),
    "source_other": ("nguồn khác", "other sources"),
    "hardship_none": (" Trong dịp Tết Nguyên đán chưa có xuất quà cho đoàn viên có hoàn cảnh khó khăn",
                      " No hardship gift was given at Tết"),
    "visits": ("; chi thăm hỏi động viên cán bộ bị ốm đau, hiếu hỉ và quà chia tay {count} lượt.",
               "; sickness, wedding/funeral and farewell visits: {count}."),
    "visits_none": ("; trong năm chưa có lượt thăm hỏi ốm đau, hiếu hỉ, quà chia tay.",
                    "; no sickness, wedding/funeral or farewell visits this year."),
    "care_mutual": ("- Duy trì triển khai xây dựng Quỹ tương hỗ tới {who} tham gia với mức đóng {rate}/quý/đoàn "
                    "viên; số dư năm {previous_year} chuyển sang {opening}, trong năm thu {collected}{tail}",
                    "- The mutual-aid fund went on with {who} taking part at {rate} a quarter each; {opening} "
                    "carried over from {previous_year}, {collected} collected this year{tail}"),
    "care_mutual_loans": (", cho {count} đoàn viên vay {amount}.", "; {count} members borrowed {amount}."),
    # II.5 members
    "new_none": ("- Trong năm chưa có đoàn viên kết nạp thêm.", "- No new members were admitted this year."),
    "new_some": ("- Trong năm kết nạp thêm {count} đoàn viên công đoàn.",
                 "- {count} new members were admitted this year."),
    # II.9 contest
    "prize_won": ("Kết quả: đội thi của Công đoàn cơ sở đạt {prize}.", "Result: the union's team won {prize}."),
    "prize_none": ("Kết quả: đội thi của Công đoàn cơ sở không đạt giải.", "Result: the union's team won no prize."),
    "prize_absent": ("Công đoàn cơ sở không cử đội tham dự hội thi.", "The union sent no team to the contest."),
    "prize_unknown": ("Kết quả hội thi: chưa có số liệu.", "Contest result: not given."),
    "prefilled": ("Đã chép từ {file}: nội dung {sections} mục báo cáo (đánh dấu “Năm trước — cần cập nhật”), "
                  "{groups} tổ công đoàn, số dư quỹ tương hỗ cuối năm. Sửa nội dung cho năm nay trước khi tổng hợp.",
                  "Copied from {file}: the text of {sections} report sections (marked “Last year's — to update”), "
                  "{groups} union groups and the fund's closing balance. Revise the text before merging."),
    # comparison with last year (I.1, after the qualifications)
    "compared": ("So sánh với năm {year}", "Compared with {year}"),
}

TEXTS.update({f"report.{key}": pair for key, pair in REPORT_SENTENCES.items()})


# ---------------------------------------------------------------- the web desk: sector union, year after year
TEXTS.update({
    "sector.new_title": ("Năm mới của công đoàn ngành", "New sector union year"),
    "sector.new_intro": ("Công đoàn ngành nhận bản tổng hợp (tong-hop-<năm>.xlsx) của từng CĐCS rồi tổng hợp cấp ngành. "
                         "Mỗi CĐCS một dòng; mỗi CĐCS sẽ có link nộp riêng.",
                         "A sector union receives each grassroots union's consolidated workbook (tong-hop-<year>.xlsx) and rolls them "
                         "up. One grassroots union per line; each gets its own upload link."),
    "sector.name": ("Tên công đoàn ngành", "Sector union's name"),
    "sector.year": ("Năm báo cáo", "Report year"),
    "sector.units": ("Các CĐCS (mỗi dòng một CĐCS)", "Its grassroots unions (one per line)"),
    "sector.create": ("Tạo năm cấp ngành", "Create the sector year"),
    "sector.bad_year": ("Năm báo cáo phải là một số như 2024.", "The report year must be a number such as 2024."),
    "sector.no_name": ("Hãy ghi tên công đoàn ngành.", "Enter the sector union's name."),
    "sector.no_units": ("Hãy ghi ít nhất một CĐCS, mỗi dòng một CĐCS.", "List at least one grassroots union, one per line."),
    "sector.too_many_units": ("Danh sách quá dài (tối đa 500 CĐCS).", "The list is too long (500 grassroots unions at most)."),
    "sector.dashboard_intro": ("Mỗi CĐCS nộp bản tổng hợp của mình qua link riêng; bản nộp được kiểm tra ngay như khi "
                               "tổng hợp cấp ngành.",
                               "Each grassroots union sends its consolidated workbook through its own link; each one is checked at "
                               "once as the sector roll-up will read it."),
    "sector.status.ok": ("Đã gửi, đạt", "Sent, accepted"),
    "sector.status.unresolved": ("Còn lỗi chưa xử lý", "Unresolved errors"),
    "sector.status.error": ("Tệp không dùng được", "Unusable file"),
    "sector.status.missing": ("Chưa gửi", "Not sent"),
    "sector.status.pending": ("Đang kiểm tra", "Being checked"),
    "sector.unresolved_n": ("{n} lỗi CĐCS chưa sửa", "{n} errors the grassroots union left"),
    "sector.rollup": ("Tổng hợp cấp ngành", "Sector roll-up"),
    "sector.rollup_intro": ("Đã có {sent}/{total} CĐCS gửi. Tổng hợp dùng bản mới nhất của mỗi CĐCS (như lệnh "
                            "unionxl rollup) và ghi bản tổng hợp của ngành cùng báo cáo Word.",
                            "{sent}/{total} grassroots unions have sent. The roll-up uses each grassroots union's latest workbook (as unionxl "
                            "rollup does) and writes the sector's consolidated workbook and Word report."),
    "sector.rollup_button": ("Tổng hợp cấp ngành", "Roll up the sector"),
    "sector.last_rollup": ("Lần tổng hợp gần nhất ({at})", "Latest roll-up ({at})"),
    "sector.across": ("Đoàn viên có tên ở hai CĐCS", "Members listed by two grassroots unions"),
    "sector.across_after_rollup": ("Hiện sau lần tổng hợp cấp ngành đầu tiên.", "Shown after the first roll-up."),
    "sector.across_none": ("Lần tổng hợp gần nhất không thấy CCCD nào ở hai CĐCS.",
                           "The latest roll-up found no CCCD in two grassroots unions."),
    "sector.across_hint": ("{n} đoàn viên được hai CĐCS cùng tính: báo cho CĐCS còn giữ tên để xóa, rồi nhận lại bản "
                           "tổng hợp của họ.",
                           "{n} members counted by two grassroots unions: ask the grassroots union that still lists them to remove them and "
                           "send its workbook again."),
    "sector.units_title": ("Các CĐCS", "The grassroots unions"),
    "sector.units_hint": ("Gửi cho mỗi CĐCS link của họ. Trên bàn làm việc của CĐCS, dán link vào mục 'Gửi lên công "
                          "đoàn ngành' để gửi bằng một nút bấm.",
                          "Send each grassroots union its link. On its own desk, the grassroots union pastes it under 'Send to the sector "
                          "union' and sends with one click."),
    "sector.col.unit": ("CĐCS", "Grassroots union"),
    "sector.officer_hint": ("Nộp bản tổng hợp năm {year} của CĐCS (tệp tong-hop-{year}.xlsx do unionxl ghi), không "
                            "phải biểu mẫu tổ hay biểu mẫu đơn vị.",
                            "Send the grassroots union's consolidated workbook for {year} (tong-hop-{year}.xlsx written by unionxl), "
                            "not a group's or the unit workbook."),
    "sector.send_title": ("Gửi lên công đoàn ngành", "Send to the sector union"),
    "sector.send_intro": ("Công đoàn ngành cho CĐCS một link nộp. Dán link đó vào đây một lần; sau mỗi lần tổng hợp, "
                          "một nút bấm gửi bản tổng hợp mới nhất lên ngành và cho biết ngành kiểm tra thấy gì.",
                          "The sector union gives each grassroots union an upload link. Paste it here once; after each "
                          "consolidation one click sends the latest consolidated workbook and shows the sector's check."),
    "sector.link": ("Link nộp của công đoàn ngành", "The sector union's upload link"),
    "sector.save_link": ("Lưu link", "Save link"),
    "sector.bad_link": ("Link không đúng dạng link nộp của unionxl (https://…/nop/…).",
                        "This is not a unionxl upload link (https://…/nop/…)."),
    "sector.send_button": ("Gửi bản tổng hợp {year} lên ngành", "Send the {year} consolidated workbook"),
    "sector.send_needs": ("Hãy tổng hợp trước khi gửi.", "Consolidate before sending."),
    "sector.send_failed": ("Chưa gửi được", "Not sent"),
    "sector.sent.ok": ("Ngành đã nhận: đạt", "Received: accepted"),
    "sector.sent.warning": ("Ngành đã nhận: có cảnh báo", "Received: warnings"),
    "sector.sent.error": ("Ngành đã nhận: còn lỗi", "Received: errors"),
    "sector.next_title": ("Năm sau", "Next year"),
    "sector.next_intro": ("Bắt đầu năm {year} từ năm này: giữ danh sách tổ, định mức và thông tin đơn vị; số dư cuối "
                          "năm của quỹ tương hỗ thành số dư đầu năm; bản tổng hợp mới nhất được giữ để so sánh với năm "
                          "trước. Năm này vẫn xem được như cũ.",
                          "Start {year} from this year: the same groups, rates and unit details; the mutual-aid "
                          "fund's closing balance becomes the opening balance; the latest consolidated workbook is "
                          "kept for the comparison with last year. This year stays readable as it is."),
    "sector.next_intro_sector": ("Bắt đầu năm {year} với cùng danh sách CĐCS (link mới); bản tổng hợp cấp ngành mới "
                                 "nhất được giữ để so sánh với năm trước.",
                                 "Start {year} with the same grassroots unions (new links); the latest sector roll-up is kept for "
                                 "the comparison with last year."),
    "sector.next_button": ("Bắt đầu năm {year}", "Start {year}"),
    "sector.next_exists": ("Năm {year} đã được bắt đầu từ năm này →", "{year} was started from this year →"),
    "sector.next_needs_merge": ("Hãy tổng hợp năm này ít nhất một lần trước: số dư cuối năm và bản tổng hợp lấy từ "
                                "lần tổng hợp mới nhất.",
                                "Consolidate this year at least once first: the closing balance and the consolidated "
                                "workbook come from the latest merge."),
    "sector.started_from": ("Bắt đầu từ", "Started from"),
    "sector.unit_download": ("Tải biểu mẫu đơn vị của năm này", "Download this year's unit workbook"),
    "sector.retry": ("Tổng hợp lại", "Run it again"),
    "sector.more": ("… và {n} lỗi khác (xem trang của CĐCS)", "… and {n} more errors (see the grassroots union's page)"),
    "sector.retry_hint": ("với đúng các bản đã dùng lần này", "on exactly the same file versions"),
})
