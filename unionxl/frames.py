"""The accepted ledger rows as pandas DataFrames, for analysts (`Result.frames()`).

One DataFrame per ledger sheet of the schema (members, travel_fund, mutual_fund, loans,
welfare), one row per accepted row, columns keyed as in the schema, and provenance first:
the CĐCS, group code and name the row belongs to, and the file, sheet and Excel row it was
read from. Types are what an analyst expects: citizen IDs as strings (leading zeros kept),
amounts and counts as integers (pandas' nullable Int64: a blank cell stays missing, never 0
or a float), dates as datetime64, list values as their stable keys (e.g. gender "male").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import schema

if TYPE_CHECKING:
    import pandas

    from .result import Result

PROVENANCE = ("unit", "group_code", "group_name", "source_file", "source_sheet", "source_row")
"""Columns every frame starts with: where the row belongs and where it was read."""

_DTYPES = {
    schema.ColType.TEXT: "string",
    schema.ColType.NAME: "string",
    schema.ColType.CCCD: "string",
    schema.ColType.CHOICE: "string",
    schema.ColType.AMOUNT: "Int64",
    schema.ColType.INT: "Int64",
}

# Columns the roll-up adds to a ledger (the CĐCS, group and origin of a row at sector level) are
# provenance already; they are not repeated.
_ORIGIN = {"origin_unit", "origin_group_code", "origin_group_name", "source_file", "source_row"}


def ledger_frames(result: Result) -> dict[str, pandas.DataFrame]:
    import pandas as pd

    dataset = result.dataset
    frames = {}
    for sheet in schema.GROUP_SHEETS:
        columns = [c for c in sheet.columns if c.key != "stt" and c.key not in _ORIGIN]
        records = []
        for book, row in dataset.rows(sheet.key):
            unit, code, name = dataset.origin(book, row)
            values = row.values
            source_file = values.get("source_file") or book.display
            source_row = values.get("source_row") or row.number
            records.append((unit, code, name, source_file, book.tables[sheet.key].name, source_row,
                            *(values.get(c.key) for c in columns)))
        frame = pd.DataFrame.from_records(records, columns=[*PROVENANCE, *(c.key for c in columns)])
        types = {key: "string" for key in PROVENANCE[:5]} | {"source_row": "Int64"}
        for column in columns:
            if column.type == schema.ColType.DATE:
                frame[column.key] = pd.to_datetime(frame[column.key])
            else:
                types[column.key] = _DTYPES[column.type]
        frames[sheet.key] = frame.astype(types)
    return frames
