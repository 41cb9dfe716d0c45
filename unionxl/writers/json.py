"""The machine-readable result: `--json` and `tong-hop-<year>.json`.

Its shape is `docs/result.schema.json` (JSON Schema 2020-12), versioned by `SCHEMA_VERSION`:
a field is only ever added within a version; renaming or removing one is a new version. JSON
numbers are numbers: đồng as integers, counts as integers; dates are ISO 8601 strings.

`write_json` streams: the findings and files of a run over thousands of workbooks are written
one by one, never built into one string in memory.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Iterator

from .. import __version__
from ..findings import FileRecord, Finding, Severity
from ..fileio import atomic_path, readable

if TYPE_CHECKING:
    from ..result import Result

SCHEMA_VERSION = "1"
SCHEMA_ID = "https://unionxl.invalid/schema/result/v1.json"  # an identifier, not a download location


def plain(value: Any) -> Any:
    """A value as JSON holds it: numbers stay numbers, dates become ISO 8601, anything else text."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if value == value and value not in (float("inf"), float("-inf")) else None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [plain(v) for v in value]
    return str(value)


def finding_dict(finding: Finding, lang: str) -> dict[str, Any]:
    return {
        "code": finding.code,
        "severity": str(finding.severity),
        "group": finding.group,
        "file": finding.file,
        "sheet": finding.sheet,
        "cell": finding.cell,
        "place": finding.place,
        "value": plain(finding.value),
        "params": plain(finding.params),
        "message": finding.message(lang),
    }


def file_dict(record: FileRecord) -> dict[str, Any]:
    return {
        "file": record.display,
        "path": readable(str(record.path)) if record.path is not None else None,
        "kind": record.kind,
        "group": record.group,
        "sha256": record.sha256,
        "rows_read": record.rows_read,
        "rows_accepted": record.rows_accepted,
        "rows_rejected": record.rows_rejected,
        "rows_summary": record.rows_summary,
    }


def _head(result: Result, lang: str) -> dict[str, Any]:
    report = result.report
    return {
        "schema": SCHEMA_ID,
        "schema_version": SCHEMA_VERSION,
        "unionxl": __version__,
        "lang": lang,
        "exit_code": result.exit_code,
        "summary": {"errors": report.errors, "warnings": report.warnings, "notes": report.count(Severity.NOTE)},
        "account": {key: {"read": a.read, "accepted": a.accepted, "rejected": a.rejected, "summary": a.summary}
                    for key, a in report.account.items()},
        "figures": plain(result.figures.to_dict()),
        "comparison": plain(result.comparison.to_dict()) if result.comparison is not None else None,
    }


def to_dict(result: Result, lang: str = "vi") -> dict[str, Any]:
    """The whole result as one dict (for a library caller; `write_json` streams the same content)."""
    return {**_head(result, lang),
            "files": [file_dict(r) for r in result.report.files],
            "findings": [finding_dict(f, lang) for f in result.report.sorted()]}


def chunks(result: Result, lang: str = "vi") -> Iterator[str]:
    """The JSON text of `to_dict(result, lang)`, piece by piece: one file or finding at a time."""
    head = _head(result, lang)
    yield "{\n"
    for key, value in head.items():
        yield f"  {json.dumps(key)}: {_indented(value)},\n"
    for key, items, last in (("files", (file_dict(r) for r in result.report.files), False),
                             ("findings", (finding_dict(f, lang) for f in result.report.sorted()), True)):
        yield f"  {json.dumps(key)}: ["
        sep = "\n"
        for item in items:
            yield sep + "    " + json.dumps(item, ensure_ascii=False)
            sep = ",\n"
        yield ("\n  ]" if sep != "\n" else "]") + ("\n" if last else ",\n")
    yield "}\n"


def _indented(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ")


def write_json(result: Result, target: Path | IO[str], lang: str = "vi") -> None:
    """Write the result's JSON to a path (atomically: whole or absent) or to an open text stream."""
    if hasattr(target, "write"):
        for piece in chunks(result, lang):
            target.write(piece)
        return
    with atomic_path(Path(target)) as tmp, open(tmp, "w", encoding="utf-8") as handle:
        for piece in chunks(result, lang):
            handle.write(piece)


def dumps(result: Result, lang: str = "vi") -> str:
    return "".join(chunks(result, lang))
