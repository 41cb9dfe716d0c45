"""Citizen IDs (CCCD): structure against gender and birth year, province, duplicates.

Digits 1-3 are the province of birth registration, digit 4 encodes gender and
century, digits 5-6 the last two digits of the birth year (Circular 59/2021/TT-BCA).
"""

from __future__ import annotations

from typing import Iterable, Iterator

from .. import schema
from ..findings import Finding
from ..model import Row, Workbook
from .common import GroupContext, valid_cccd


def check_group(ctx: GroupContext) -> Iterator[Finding]:
    members = ctx.book.tables.get("members")
    if members is None:
        return
    seen: dict[str, Row] = {}  # the cell is named only for a duplicate
    for row in members.accepted():
        cccd = row.values.get("cccd")
        if not valid_cccd(cccd):
            continue
        if cccd in seen:
            yield ctx.at("members", row, "cccd", "cccd-duplicate", cccd, other=members.cell(seen[cccd], "cccd"))
        else:
            seen[cccd] = row
        yield from _structure(ctx, row, cccd)


def _structure(ctx: GroupContext, row, cccd: str) -> Iterator[Finding]:
    if cccd[:3] not in schema.PROVINCE_CODES:
        yield ctx.at("members", row, "cccd", "cccd-province", cccd[:3])
    gender = row.values.get("gender")
    birth = row.values.get("birth_date")
    century, coded_gender = schema.CCCD_CENTURY_DIGIT[cccd[3]]
    birth_year = birth.year if birth else None
    wrong_gender = gender is not None and gender != coded_gender
    wrong_century = birth_year is not None and not century <= birth_year < century + 100
    if wrong_gender or wrong_century:
        yield ctx.at("members", row, "cccd", "cccd-gender-century", cccd[3],
                     gender=gender, birth_year=birth_year)
    if birth_year is not None and int(cccd[4:6]) != birth_year % 100:
        yield ctx.at("members", row, "cccd", "cccd-birth-year", cccd[4:6], birth_year=birth_year)


def check_across_groups(books: Iterable[Workbook]) -> Iterator[Finding]:
    """The same person in two groups is counted twice in every figure."""
    first: dict[str, tuple[Workbook, str]] = {}
    for book in books:
        members = book.tables.get("members")
        if members is None:
            continue
        in_this_group = set()
        for row in members.accepted():
            cccd = row.values.get("cccd")
            if not valid_cccd(cccd) or cccd in in_this_group:
                continue
            in_this_group.add(cccd)
            if cccd in first:
                other_book, other_cell = first[cccd]
                yield Finding("cccd-duplicate-groups", book.display, members.name, members.cell(row, "cccd"), cccd,
                              {"other_group": other_book.group_code,
                               "other": f"{other_book.display} '{members.name}'!{other_cell}"},
                              book.group_code)
            else:
                first[cccd] = (book, members.cell(row, "cccd"))
