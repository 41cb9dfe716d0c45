"""Contributions against policy: who is in arrears, who paid another rate, rows for non-members."""

from __future__ import annotations

from typing import Iterator

from .. import schema
from ..findings import Finding
from .common import GroupContext, who

FUNDS = (
    # sheet, periods, policy rate
    ("travel_fund", schema.MONTHS, "travel_monthly"),
    ("mutual_fund", schema.QUARTERS, "mutual_quarterly"),
)


def due_periods(join_date, year: int | None, count: int) -> range:
    """Period numbers (1-based) a member owes: all of them, or from the join month on."""
    if join_date is None or year is None or join_date.year < year:
        return range(1, count + 1)
    if join_date.year > year:
        return range(0)
    first = join_date.month if count == 12 else (join_date.month - 1) // 3 + 1
    return range(first, count + 1)


def check_group(ctx: GroupContext) -> Iterator[Finding]:
    members = ctx.book.tables.get("members")
    for sheet_key, periods, rate_key in FUNDS:
        sheet = ctx.book.tables.get(sheet_key)
        if sheet is None:
            continue
        rate = ctx.policy.get(rate_key)
        rows_of: dict[int, list] = {}
        # A member whose row was rejected has a row: its own finding says what is wrong with it.
        rejected_for = {id(m) for row in sheet.rows if not row.accepted and (m := ctx.member_of(row)) is not None}
        for row in sheet.accepted():
            member = ctx.member_of(row, sheet_key)
            if member is None:
                yield ctx.at(sheet_key, row, "cccd", "member-unknown", who(row), sheet_expected="members")
                continue
            rows_of.setdefault(id(member), []).append(row)
            if sheet_key == "travel_fund":
                yield from _trip_support(ctx, row)
        if members is None:
            continue
        for member in members.accepted():
            if ctx.repeats_a_member(member):
                continue
            rows = rows_of.get(id(member))
            if not rows and id(member) in rejected_for:
                continue
            if not rows:
                yield ctx.at("members", member, "full_name", "member-no-contribution",
                             member.values.get("full_name"), name=who(member), sheet_expected=sheet_key)
                continue
            if len(rows) > 1:
                first = sheet.cell(rows[0], "cccd")
                for extra in rows[1:]:
                    yield ctx.at(sheet_key, extra, "cccd", "cccd-duplicate", extra.values.get("cccd"), other=first)
            row = rows[0]
            due = due_periods(member.values.get("join_date"), ctx.year, len(periods))
            amounts = list(map(row.values.get, periods))
            if rate and amounts[due.start - 1:due.stop - 1].count(rate) == len(due):
                continue  # the rate in every period owed (most members): nothing to say
            reason = row.values.get("note")
            for i in due:
                period = periods[i - 1]
                amount = row.values.get(period)
                if not amount and reason:  # the officer gave the reason the message asks for
                    yield ctx.at(sheet_key, row, period, "contribution-arrears-noted", amount, name=who(member),
                                 period=period, fund=sheet_key, expected=rate, reason=reason)
                elif not amount:
                    yield ctx.at(sheet_key, row, period, "contribution-arrears", amount, name=who(member),
                                 period=period, fund=sheet_key, expected=rate)
                elif rate and amount != rate:
                    yield ctx.at(sheet_key, row, period, "contribution-rate", amount, name=who(member),
                                 period=period, expected=rate)


def _trip_support(ctx: GroupContext, row) -> Iterator[Finding]:
    support = row.values.get("trip_support")
    rate = ctx.policy.get("trip_support")
    if support and rate and support != rate:
        reason = row.values.get("note")
        code = "trip-support-rate-noted" if reason else "trip-support-rate"
        yield ctx.at("travel_fund", row, "trip_support", code, support, expected=rate, reason=reason)
