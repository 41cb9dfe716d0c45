"""What every check needs: the group's members indexed once, and a way to point at a cell."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import schema
from ..findings import Finding
from ..model import Row, Workbook
from ..textnorm import fold


def valid_cccd(value: Any) -> bool:
    return isinstance(value, str) and len(value) == 12 and value.isascii() and value.isdigit()


@dataclass
class GroupContext:
    book: Workbook
    policy: dict[str, int]
    year: int | None
    by_cccd: dict[str, Row] = field(default_factory=dict)
    by_name: dict[str, list[Row]] = field(default_factory=dict)

    @classmethod
    def build(cls, book: Workbook, policy: dict[str, int], year: int | None) -> "GroupContext":
        ctx = cls(book, policy, year)
        # Rejected member rows still identify a person: a fund row for them is not 'unknown'.
        for row in book.rows("members"):
            cccd = row.values.get("cccd")
            if cccd and cccd not in ctx.by_cccd:
                ctx.by_cccd[cccd] = row
            name = row.values.get("full_name")
            if name:
                ctx.by_name.setdefault(fold(name), []).append(row)
        return ctx

    def member_of(self, row: Row) -> Row | None:
        """The member a fund, loan or welfare row is about: by citizen ID, else by a unique name."""
        cccd = row.values.get("cccd")
        if cccd:
            return self.by_cccd.get(cccd)
        same = self.by_name.get(fold(row.values.get("full_name") or ""), [])
        return same[0] if len(same) == 1 else None

    def repeats_a_member(self, member: Row) -> bool:
        """A second row with an earlier row's CCCD: reported once as cccd-duplicate, not checked again."""
        cccd = member.values.get("cccd")
        return bool(cccd) and self.by_cccd.get(cccd) is not member

    def at(self, sheet_key: str, row: Row | int, column: str, code: str, value: Any = None, **params) -> Finding:
        sheet = self.book.tables[sheet_key]
        return Finding(code, self.book.display, sheet.name, sheet.cell(row, column), value, params,
                       self.book.group_code)

    def at_info(self, field_key: str, code: str, value: Any = None, **params) -> Finding:
        info = self.book.fields[schema.GROUP_INFO.key]
        return Finding(code, self.book.display, info.name, info.cells.get(field_key, ""), value, params,
                       self.book.group_code)

    def sheet_name(self, key: str) -> str:
        sheet = self.book.tables.get(key)
        return sheet.name if sheet else schema.table_sheet(key).vi


def who(row: Row) -> str:
    name = row.values.get("full_name") or "?"
    cccd = row.values.get("cccd")
    return f"{name} ({cccd})" if cccd else name
