"""Welfare payments: per-head gifts paid once to every member, the group gift once, rates."""

from __future__ import annotations

from typing import Iterator

from .. import schema
from ..findings import Finding
from ..model import Row
from .common import GroupContext, who


def check_group(ctx: GroupContext) -> Iterator[Finding]:
    sheet = ctx.book.tables.get("welfare")
    if sheet is None:
        return
    first: dict[tuple[str, int], Row] = {}  # the cell is named only for a duplicate
    group_gifts: dict[str, list] = {}
    # A per-head payment whose row was rejected is not missing: the rejection is the finding.
    rejected = set()
    for row in sheet.rows:
        if not row.accepted and (member := ctx.member_of(row)) is not None:
            kind = row.values.get("kind")
            rejected |= {(k, id(member)) for k in ((kind,) if kind else schema.PER_HEAD_WELFARE)}
    for row in sheet.accepted():
        kind = row.values.get("kind")
        amount = row.values.get("amount")
        rate_key = schema.WELFARE_RATE.get(kind)
        rate = ctx.policy.get(rate_key) if rate_key else None
        if rate and amount is not None and amount != rate:
            yield ctx.at("welfare", row, "amount", "welfare-rate", amount, kind=kind, expected=rate)
        if kind in schema.PER_GROUP_WELFARE:
            group_gifts.setdefault(kind, []).append(row)
            continue
        if kind == "other":
            continue
        member = ctx.member_of(row, "welfare")
        if member is None:
            yield ctx.at("welfare", row, "cccd" if row.values.get("cccd") else "full_name", "member-unknown",
                         who(row), sheet_expected="members")
            continue
        if kind in schema.PER_HEAD_WELFARE:
            key = (kind, id(member))
            if key in first:
                yield ctx.at("welfare", row, "kind", "welfare-duplicate", None, name=who(member),
                             kind=kind, other=sheet.cell(first[key], "kind"))
            else:
                first[key] = row
    members = ctx.book.tables.get("members")
    if members is not None:
        for kind in schema.PER_HEAD_WELFARE:
            for member in members.accepted():
                key = (kind, id(member))
                if key in first or key in rejected or ctx.repeats_a_member(member):
                    continue
                reason = member.values.get("note")  # the reason the message asks for, where it asks for it
                yield ctx.at("members", member, "full_name", "welfare-missing-noted" if reason else "welfare-missing",
                             member.values.get("full_name"), name=who(member), kind=kind, reason=reason)
    for kind in schema.PER_GROUP_WELFARE:
        rows = group_gifts.get(kind, [])
        group_name = ctx.book.info.get("group_name") or ctx.book.group_code
        if not rows:
            yield ctx.at_info("group_name", "welfare-missing", group_name, name={"group": group_name}, kind=kind)
        for extra in rows[1:]:
            yield ctx.at("welfare", extra, "kind", "welfare-duplicate", None, name={"group": group_name}, kind=kind,
                         other=sheet.cell(rows[0], "kind"))
