"""Each group's declared totals against its rows, and each row total against its periods."""

from __future__ import annotations

from typing import Iterator

from .. import schema
from ..findings import Finding
from ..figures import declared_totals, paid_over
from ..model import Workbook
from .common import GroupContext


def computed_totals(book: Workbook) -> dict[str, int]:
    """The figures every row the officer wrote gives (accepted or not), keyed like the declared totals.
    What each total counts or sums is the schema's (Field.tally), the same tallies the report's
    per-group figures use (figures.GroupTotals)."""
    return declared_totals(book, accepted_only=False)


def _unreadable(book: Workbook, key: str) -> bool:
    """A rejected row lacking a value this total needs: the rows cannot tell the true figure."""
    tally = schema.declared_totals()[key]
    return any(not r.accepted and any(r.values.get(c) is None for c in tally.columns)
               for r in book.rows(tally.sheet))


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
    for key, periods in schema.fund_sheets().items():
        sheet = ctx.book.tables.get(key)
        if sheet is None:
            continue
        for row in sheet.accepted():
            total = row.values.get("total")
            if total is not None and total != (expected := paid_over(row, periods)):
                yield ctx.at(key, row, "total", "row-total", total, expected=expected)
