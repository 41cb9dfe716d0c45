"""Each group's declared totals against its rows, and each row total against its periods."""

from __future__ import annotations

from typing import Iterator

from .. import schema
from ..findings import Finding
from ..model import Workbook
from .common import GroupContext

PERIODS = {"travel_fund": schema.MONTHS, "mutual_fund": schema.QUARTERS}


def paid(row, sheet_key: str) -> int:
    return sum(row.values.get(p) or 0 for p in PERIODS[sheet_key])


DEPENDS_ON = {  # declared total -> (sheet, columns whose values it sums or splits by)
    "declared_members": ("members", ()),
    "declared_male": ("members", ("gender",)),
    "declared_female": ("members", ("gender",)),
    "declared_travel_total": ("travel_fund", schema.MONTHS),
    "declared_mutual_total": ("mutual_fund", schema.QUARTERS),
    "declared_loans_count": ("loans", ()),
    "declared_loans_amount": ("loans", ("amount",)),
}


def computed_totals(book: Workbook) -> dict[str, int]:
    """The figures every row the officer wrote gives (accepted or not), keyed like the declared totals."""
    rows = book.rows
    members, loans = rows("members"), rows("loans")
    return {
        "declared_members": len(members),
        "declared_male": sum(1 for r in members if r.values.get("gender") == "male"),
        "declared_female": sum(1 for r in members if r.values.get("gender") == "female"),
        "declared_travel_total": sum(paid(r, "travel_fund") for r in rows("travel_fund")),
        "declared_mutual_total": sum(paid(r, "mutual_fund") for r in rows("mutual_fund")),
        "declared_loans_count": len(loans),
        "declared_loans_amount": sum(r.values.get("amount") or 0 for r in loans),
    }


def _unreadable(book: Workbook, key: str) -> bool:
    """A rejected row lacking a value this total needs: the rows cannot tell the true figure."""
    sheet, columns = DEPENDS_ON[key]
    return any(not r.accepted and any(r.values.get(c) is None for c in columns) for r in book.rows(sheet))


def check_declared(ctx: GroupContext) -> Iterator[Finding]:
    """The officer's own arithmetic: declared totals against every row they wrote, accepted or not."""
    info = ctx.book.fields.get(schema.GROUP_INFO.key)
    if info is None:
        return
    for key, rows_give in computed_totals(ctx.book).items():
        declared = info.values.get(key)
        if declared is None or declared == rows_give or _unreadable(ctx.book, key):
            continue
        field = schema.GROUP_INFO.field(key)
        money = field.type == schema.ColType.AMOUNT
        yield ctx.at_info(key, "declared-total", declared, column=f"{schema.GROUP_INFO.key}.{key}",
                          expected=rows_give, format="vnd" if money else "num")


def check_row_totals(ctx: GroupContext) -> Iterator[Finding]:
    for key in PERIODS:
        sheet = ctx.book.tables.get(key)
        if sheet is None:
            continue
        for row in sheet.accepted():
            total = row.values.get("total")
            if total is not None and total != paid(row, key):
                yield ctx.at(key, row, "total", "row-total", total, expected=paid(row, key))
