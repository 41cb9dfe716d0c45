"""What the reader produces and the merge consolidates: typed rows that remember their cell."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator


def column_letter(index: int) -> str:
    """0-based column index -> Excel letters (0 -> A, 27 -> AB)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass(slots=True)
class Row:
    number: int  # the Excel row number, 1-based
    values: dict[str, Any]  # column key -> typed value (None when blank)
    accepted: bool = True

    def __reduce__(self):
        # Rows cross from the reading processes to the merge by the hundred thousand: a plain
        # constructor call unpickles 3x faster than the slots dataclass's generic state.
        return (Row, (self.number, self.values, self.accepted))


@dataclass
class SheetData:
    """The rows of one table sheet of one workbook."""

    key: str  # schema key, e.g. "members"
    name: str  # the sheet's name in the file
    columns: dict[str, int] = field(default_factory=dict)  # column key -> 0-based index
    rows: list[Row] = field(default_factory=list)
    # Excel row numbers of totals lines ('Cộng') read under the list: not records, but read, so the
    # row account counts them (as rejected) instead of losing them.
    summary_rows: list[int] = field(default_factory=list)

    def cell(self, row: Row | int, key: str) -> str:
        number = row if isinstance(row, int) else row.number
        index = self.columns.get(key)
        return f"{column_letter(index)}{number}" if index is not None else f"A{number}"

    def accepted(self) -> Iterator[Row]:
        return (row for row in self.rows if row.accepted)


@dataclass
class FieldsData:
    """The values of one labelled-value sheet (group info, unit info, rates)."""

    key: str
    name: str
    values: dict[str, Any] = field(default_factory=dict)
    cells: dict[str, str] = field(default_factory=dict)  # field key -> A1 of its value


@dataclass
class Workbook:
    """One input workbook as read: where it came from and what it holds."""

    path: Path
    display: str  # path relative to the input folder, as findings name it
    sha256: str = ""
    kind: str = ""  # "group" or "unit"
    fields: dict[str, FieldsData] = field(default_factory=dict)
    tables: dict[str, SheetData] = field(default_factory=dict)
    accepted: bool = True  # False when the whole file is rejected

    @property
    def info(self) -> dict[str, Any]:
        first = next(iter(self.fields.values()), None)
        return first.values if first else {}

    @property
    def group_code(self) -> str:
        return str(self.info.get("group_code") or "")

    def rows(self, key: str) -> list[Row]:
        sheet = self.tables.get(key)
        return sheet.rows if sheet else []


@dataclass
class Dataset:
    """Everything the merge accepted, with the unit's settings."""

    year: int
    unit: Workbook | None
    policy: dict[str, int]
    groups: list[Workbook]  # accepted group workbooks, ordered by the unit's group list
    expected_groups: list[dict[str, Any]] = field(default_factory=list)  # rows of the unit's group list
    # "unit": a CĐCS whose groups were merged; "sector": consolidated workbooks rolled up, each
    # CĐCS (or sector) workbook standing where a group stands, its rows keeping their origin.
    level: str = "unit"

    @property
    def unit_info(self) -> dict[str, Any]:
        return self.unit.fields["unit_info"].values if self.unit and "unit_info" in self.unit.fields else {}

    def rows(self, key: str) -> Iterator[tuple[Workbook, Row]]:
        """Every accepted row of one sheet kind, with its workbook."""
        for book in self.groups:
            for row in book.rows(key):
                if row.accepted:
                    yield book, row

    def origin(self, book: Workbook, row: Row) -> tuple[str, str, str]:
        """(CĐCS, group code, group name) a row comes from, at any level of roll-up."""
        if self.level == "unit":
            return self.unit_info.get("unit_name") or "", book.group_code, book.info.get("group_name") or ""
        values = row.values
        return (values.get("origin_unit") or book.info.get("group_name") or "",
                str(values.get("origin_group_code") or ""), values.get("origin_group_name") or "")
