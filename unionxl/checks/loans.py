"""Loans from the mutual-aid fund: cap, borrower, repayments, and what the fund can hold."""

from __future__ import annotations

from typing import Iterator

from .. import schema
from ..findings import Finding
from ..model import Workbook
from .common import GroupContext, who
from ..figures import fund_position


def check_group(ctx: GroupContext) -> Iterator[Finding]:
    sheet = ctx.book.tables.get("loans")
    if sheet is None:
        return
    cap = ctx.policy.get("loan_cap")
    for row in sheet.accepted():
        amount = row.values.get("amount") or 0
        repaid = row.values.get("repaid") or 0
        outstanding = row.values.get("outstanding")
        if cap and amount > cap:
            yield ctx.at("loans", row, "amount", "loan-cap", amount, expected=cap)
        if ctx.member_of(row, "loans") is None:
            yield ctx.at("loans", row, "cccd", "loan-non-member", who(row))
        if repaid > amount:
            yield ctx.at("loans", row, "repaid", "loan-overpaid", repaid, expected=amount)
        elif outstanding is not None and outstanding != amount - repaid:
            yield ctx.at("loans", row, "outstanding", "loan-outstanding", outstanding,
                         expected=amount - repaid)


def check_fund_balance(unit: Workbook | None, books: list[Workbook]) -> Iterator[Finding]:
    """SPEC: opening balance + collections − loans must not go below zero."""
    if unit is None or schema.UNIT_INFO.key not in unit.fields:
        return
    info = unit.fields[schema.UNIT_INFO.key]
    opening = info.values.get("mutual_opening_balance")
    if opening is None:
        return
    position = fund_position(opening, books)
    if position.balance < 0:
        yield Finding("loan-fund-exceeded", unit.display, info.name, info.cells.get("mutual_opening_balance", ""),
                      position.balance, {k: getattr(position, k) for k in ("opening", "collected", "lent", "repaid")})
