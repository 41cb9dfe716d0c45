"""Texts rendered in a language: the lookup `t(key, lang, **params)` over the one catalogue
(`unionxl.texts`) and the formatter that shows raw parameters per language.

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
import functools
import string
import unicodedata
from typing import Any, Mapping

from .texts import CATALOGUE

LANGS = ("vi", "en")


def t(key: str, lang: str = "vi", **params) -> str:
    """The text `key` in `lang`, its parameters rendered with the catalogue's format specs."""
    return render(text(key, lang), lang, **params)


def both(key: str, **params) -> str:
    """A text in both languages, "vi / en", for what is shown before a language is chosen (the command
    line's help, its usage errors). Parameters go in as they are (paths, names)."""
    return " / ".join(text(key, lang).format(**params) for lang in LANGS)


def has(key: str) -> bool:
    """Whether the catalogue holds `key` (schema labels aside)."""
    return key in CATALOGUE


def paragraphs(key: str, lang: str = "vi") -> tuple[str, ...]:
    """A text whose sides are lists of paragraphs (the template's instructions), in `lang`."""
    side = CATALOGUE[key][_side(lang)]
    return (side,) if isinstance(side, str) else tuple(side)


def text(key: str, lang: str = "vi") -> str:
    """The raw template of `key`; schema labels answer as `sheet.<key>`, `column.<sheet>.<column>`,
    `list.<list>.<choice>`, so one lookup reaches every label a person reads."""
    pair = CATALOGUE.get(key)
    if pair is not None:
        return pair[_side(lang)]
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


def _side(lang: str) -> int:
    """Which side of a (vi, en) pair `lang` reads; an unknown language reads Vietnamese, the default."""
    return LANGS.index(lang) if lang in LANGS else 0


def render(template: str, lang: str = "vi", /, **params) -> str:
    """`template` with `params` rendered for `lang`; a missing parameter shows '?'."""
    formatter = _FORMATTERS[lang if lang in _FORMATTERS else "vi"]
    pieces = _pieces(template)
    if pieces is None:
        return formatter.vformat(template, (), _Missing(params))
    # What vformat does for plain named fields, without parsing the template again each time:
    # a page of the web desk renders hundreds of texts.
    out = []
    for literal, name, spec in pieces:
        out.append(literal)
        if name is not None:
            out.append(formatter.format_field(params.get(name), spec))
    return "".join(out)


@functools.lru_cache(maxsize=4096)
def _pieces(template: str) -> tuple[tuple[str, str | None, str], ...] | None:
    """(literal, field name, format spec) of a template whose fields are all plain names with plain
    specs; None for anything else (a conversion, a nested field, a positional field)."""
    pieces = []
    for literal, name, spec, conversion in _PARSER.parse(template):
        if name is not None and (conversion or not name.isidentifier() or "{" in spec):
            return None
        pieces.append((literal, name, spec))
    return tuple(pieces)


_PARSER = string.Formatter()


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
        return t(value, lang) if value in CATALOGUE else visible(value)
    if isinstance(value, (list, tuple)) and value and isinstance(value[0], str) and value[0] in CATALOGUE:
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
    return f"{value:,}".replace(",", text("format.thousands", lang))


def vnd(value: int, lang: str = "vi") -> str:
    """200000 -> '200.000đ' (vi) / '200,000 VND' (en)"""
    return text("format.vnd", lang).format(amount=number(value, lang))


def date(value: dt.date, lang: str = "vi") -> str:
    """dd/mm/yyyy as Vietnamese offices write it; ISO 8601 in English (see the module docstring)."""
    if isinstance(value, dt.datetime):
        value = value.date()
    return value.strftime(text("format.date", lang))


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
