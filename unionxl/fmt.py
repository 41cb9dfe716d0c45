"""Shares as the seed report prints them: 39,1% (vi) / 39.1% (en); numbers and amounts are i18n's."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from . import i18n


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
