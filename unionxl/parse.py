"""Turn what an officer typed into typed values, forgivingly, saying what was forgiven.

Each parser returns (value, note). `note` is None when the cell was clean, or a
short word the reader turns into a finding: "as_text" (understood, but typed as
text), "lost_zero", "normalised", "invalid".
"""

from __future__ import annotations

import datetime as dt
import re

from .schema import ChoiceList
# The text helpers live in textnorm, below both the parsers and the checks; kept importable from here.
from .textnorm import clean_text, fold  # noqa: F401


# ------------------------------------------------------------------ amounts

_AMOUNT_TEXT = re.compile(r"^(-)?\s*([0-9]{1,3}(?:[.,\s][0-9]{3})+|[0-9]+)(?:[.,]0{1,2})?\s*(?:đ|d|vnđ|vnd|đồng|dong)?\.?$")


def parse_amount(raw) -> tuple[int | None, str | None]:
    """Whole VND. Numbers pass; text such as '30.000', '30,000 đ' is read with note 'as_text'."""
    if raw is None or raw == "":
        return None, None
    if isinstance(raw, bool):
        return None, "invalid"
    if isinstance(raw, int):
        return raw, None
    if isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")) or raw != round(raw):
            return None, "invalid"
        return int(raw), None
    text = clean_text(raw).lower()
    if not text:
        return None, None
    match = _AMOUNT_TEXT.match(text)
    if not match:
        return None, "invalid"
    digits = re.sub(r"[.,\s]", "", match.group(2))
    value = int(digits)
    return (-value if match.group(1) else value), "as_text"


# -------------------------------------------------------------------- dates

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_DATE_TEXT = re.compile(r"^([0-9]{1,2})\s*[/.\-]\s*([0-9]{1,2})\s*[/.\-]\s*([0-9]{2}|[0-9]{4})$")
_ISO_TEXT = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[ T]00:00(?::00)?)?$")
MIN_YEAR, MAX_YEAR = 1900, 2100


def _plausible(date: dt.date) -> bool:
    return MIN_YEAR <= date.year <= MAX_YEAR


def parse_date(raw) -> tuple[dt.date | None, str | None]:
    """A date from a date cell, an Excel serial number, or text dd/mm/yyyy (Vietnamese order)."""
    if raw is None or raw == "":
        return None, None
    if isinstance(raw, dt.datetime):
        return (raw.date(), None) if _plausible(raw) else (None, "invalid")
    if isinstance(raw, dt.date):
        return (raw, None) if _plausible(raw) else (None, "invalid")
    if isinstance(raw, bool):
        return None, "invalid"
    if isinstance(raw, (int, float)):
        # A serial number in a cell formatted as General: Excel's 1900 system.
        if raw != raw or not 1 <= raw < 2_958_466 or raw != int(raw):
            return None, "invalid"
        date = _EXCEL_EPOCH + dt.timedelta(days=int(raw))
        return (date, "as_number") if _plausible(date) else (None, "invalid")
    text = clean_text(raw)
    if not text:
        return None, None
    match = _DATE_TEXT.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        if year < 100:
            year += 2000 if year <= 30 else 1900
    else:
        match = _ISO_TEXT.match(text)
        if not match:
            return None, "invalid"
        year, month, day = (int(g) for g in match.groups())
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None, "invalid"
    return (date, "as_text") if _plausible(date) else (None, "invalid")


# --------------------------------------------------------------- citizen id

_DIGITS = re.compile(r"^[0-9]+$")  # ASCII only: str.isdigit() and \d accept other scripts' digits
_SCIENTIFIC = re.compile(r"^[0-9](?:[.,][0-9]+)?e\+?[0-9]+$", re.IGNORECASE)


def parse_cccd(raw) -> tuple[str | None, str | None]:
    """A 12-digit citizen ID as text.

    A numeric cell loses the leading zero (every CCCD issued by a province with a
    code below 100 starts with 0), so an 11-digit number is restored with note
    'lost_zero'. Anything else that is not 12 digits gives 'invalid' and the
    cleaned text as value, so the finding can show what was typed.
    """
    if raw is None or raw == "":
        return None, None
    if isinstance(raw, bool):
        return str(raw), "invalid"
    if isinstance(raw, float):
        if raw != raw or raw != int(raw):
            return str(raw), "invalid"
        raw = int(raw)
    if isinstance(raw, int):
        text = str(raw)
        if len(text) == 11:
            return "0" + text, "lost_zero"
        return text, (None if len(text) == 12 else "invalid")
    text = clean_text(raw).replace(" ", "").replace(".", "").replace("-", "")
    if not text:
        return None, None
    if _SCIENTIFIC.match(clean_text(raw)):
        return clean_text(raw), "invalid"  # digits already lost by Excel: cannot be restored
    if text.startswith("'"):
        text = text[1:]
    if not _DIGITS.match(text) or len(text) != 12:
        return text, "invalid"
    return text, None


# ------------------------------------------------------------------ choices


class ChoiceIndex:
    """Fast lookup of a typed value in a list: exact label first, then forgiving."""

    def __init__(self, choices: ChoiceList):
        self.list = choices
        self.exact: dict[str, str] = {}
        self.folded: dict[str, str] = {}
        for choice in choices.choices:
            for label in (choice.vi, choice.en):
                self.exact[label] = choice.key
                self.folded.setdefault(fold(label), choice.key)
            for alias in choice.aliases:
                self.folded.setdefault(fold(alias), choice.key)
            self.folded.setdefault(fold(choice.key), choice.key)

    def match(self, raw) -> tuple[str | None, str | None]:
        if raw is None or raw == "":
            return None, None
        if isinstance(raw, str) and raw in self.exact:
            return self.exact[raw], None
        text = clean_text(raw)
        if not text:
            return None, None
        if text in self.exact:
            return self.exact[text], ("normalised" if text != raw else None)
        key = self.folded.get(fold(text))
        if key is None:
            return None, "invalid"
        return key, "normalised"
