"""Numbers as Vietnamese readers expect them: 110.520.000đ, 39,1%, 05/01/2024."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from . import i18n


def number(value: int | None) -> str:
    """1234567 -> '1.234.567'"""
    if value is None:
        return ""
    return f"{value:,}".replace(",", ".")


def vnd(value: int | None) -> str:
    """110520000 -> '110.520.000đ'"""
    return "" if value is None else number(value) + "đ"


def percent(part: int, whole: int, lang: str = "vi") -> str:
    """Share as the seed report prints it: one decimal, ',0' dropped, two decimals below 1%.

    120/307 -> '39,1%', 49/307 -> '16%', 2/307 -> '0,65%', 0/307 -> '0%'.
    """
    if not whole:
        return "—"
    share = Decimal(part) * 100 / Decimal(whole)
    places = Decimal("0.01") if 0 < share < 1 else Decimal("0.1")
    text = str(share.quantize(places, rounding=ROUND_HALF_UP))
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", i18n.text("format.decimal", lang)) + "%"


def date(value: dt.date | None) -> str:
    return "" if value is None else value.strftime("%d/%m/%Y")


def count2(value: int) -> str:
    """Counts below 10 as the seed writes them: 02, 09."""
    return f"{value:02d}"
