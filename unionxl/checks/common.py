"""What every check needs: the group's members indexed once, and a way to point at a cell."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

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
    by_name: dict[str, list[Row]] | None = None  # folded name -> members, made when first needed
    # member id -> (member, [(sheet key, row, CCCD the row gives)]) for rows matched by name only
    linked_by_name: dict[int, tuple[Row, list[tuple[str, Row, str]]]] = field(default_factory=dict)

    @classmethod
    def build(cls, book: Workbook, policy: dict[str, int], year: int | None) -> "GroupContext":
        ctx = cls(book, policy, year)
        # Rejected member rows still identify a person: a fund row for them is not 'unknown'.
        for row in book.rows("members"):
            cccd = row.values.get("cccd")
            if cccd and cccd not in ctx.by_cccd:
                ctx.by_cccd[cccd] = row
        return ctx

    def members_named(self, name: str) -> list[Row]:
        """Members (rejected rows too) whose folded name is `name` folded. Folding every member's name
        waits for the first row not found by its CCCD: in most groups none is."""
        if self.by_name is None:
            self.by_name = {}
            for row in self.book.rows("members"):
                if full_name := row.values.get("full_name"):
                    self.by_name.setdefault(fold(full_name), []).append(row)
        return self.by_name.get(fold(name), [])

    def member_of(self, row: Row, sheet_key: str = "") -> Row | None:
        """The member a fund, loan or welfare row is about: by citizen ID, else by a unique name.

        A CCCD no member has (one side mistyped) does not make the row a stranger when the name
        matches exactly one member: one wrong digit must give one finding, not one per sheet.
        Such links are remembered and reported once per member (check_links).
        """
        cccd = row.values.get("cccd")
        if cccd:
            member = self.by_cccd.get(cccd)
            if member is not None:
                return member
        same = self.members_named(row.values.get("full_name") or "")
        if len(same) != 1:
            return None
        member = same[0]
        if cccd and sheet_key:
            links = self.linked_by_name.setdefault(id(member), (member, []))[1]
            if not any(key == sheet_key and linked is row for key, linked, _ in links):
                links.append((sheet_key, row, cccd))
        return member

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


def check_links(ctx: GroupContext) -> Iterator[Finding]:
    """One warning per member whose rows elsewhere were matched by name because the CCCDs differ.

    It points at the odd one out: the member list's CCCD when it is not a valid one or every
    other row agrees on another; otherwise the first row that disagrees with the member list.
    """
    for member, links in ctx.linked_by_name.values():
        own = member.values.get("cccd")
        others = {cccd for _, _, cccd in links}
        places = [f"'{ctx.book.tables[key].name}'!{ctx.book.tables[key].cell(row, 'cccd')}" for key, row, _ in links]
        if not valid_cccd(own) or (len(others) == 1 and valid_cccd(next(iter(others)))
                                   and len(links) > 1):
            yield ctx.at("members", member, "cccd", "member-linked-by-name", own, name=member.values.get("full_name"),
                         expected=next(iter(sorted(others))), other=", ".join(places))
        else:
            key, row, cccd = links[0]
            yield ctx.at(key, row, "cccd", "member-linked-by-name", cccd, name=member.values.get("full_name"),
                         expected=own, other=f"'{ctx.book.tables['members'].name}'!"
                                             f"{ctx.book.tables['members'].cell(member, 'cccd')}")
