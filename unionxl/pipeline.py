"""The public pipeline: the only functions the CLI, the web desk and other code call to check and merge.

    result = unionxl.run("bieu-mau/2024")                     # a CĐCS: group workbooks + unit workbook
    result = unionxl.rollup("tong-hop-cdcs/2024")             # a sector union: the CĐCS' consolidated workbooks
    result = unionxl.check_file("T05.xlsx", "don-vi-2024.xlsx")  # one upload, checked against its unit

Each returns a `Result` (dataset, report, figures, comparison, exit code, `to_json`, `frames`);
`unionxl.writers.write_outputs(result, out_dir, lang)` writes the files. Files are read through
`merge.read_all`, the one place inputs are opened. A problem with the call itself (a folder that
does not exist, a unit workbook that is not one) raises `UsageError`; anything wrong inside a
workbook is a finding.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path
from typing import Callable

from . import merge as _merge
from . import i18n, schema
from .checks.files import GroupNames
from .findings import FileRecord, Finding, Report
from .merge import CheckContext, MergeUsageError, ReadTask, account_rows, policy_of, read_all, unit_year
from .model import Dataset, Workbook
from .result import Result

UsageError = MergeUsageError
"""The call cannot be carried out as asked (the CLI's exit status 2)."""

Progress = Callable[[Path], None]


def run(folder: Path | str, unit: Path | str | None = None, previous: Path | str | None = None,
        jobs: int | None = None, progress: Progress | None = None) -> Result:
    """Check and merge the group workbooks of `folder` against its unit workbook.

    `unit`: the unit workbook when it is not in the folder (or to choose one). `previous`: last year's
    consolidated workbook (tong-hop-<year>.xlsx): its figures are compared and its closing balance
    checked against this year's opening balance. `jobs`: reading processes (default: every core).
    `progress` is called with each input path once it has been read.
    """
    result = _merge.merge_folder(Path(folder), Path(unit) if unit is not None else None, progress, jobs)
    _compare(result, previous)
    return result


def rollup(folder: Path | str, unit_name: str | None = None, superior_name: str | None = None,
           previous: Path | str | None = None, jobs: int | None = None, progress: Progress | None = None,
           lang: str = "vi") -> Result:
    """Roll up the CĐCS consolidated workbooks of `folder` into one sector result (a sector's output
    rolls up again one level up). `unit_name` names the sector (default: the superior union most
    CĐCS name); `lang` is the language of the sector's own KPI summary lines."""
    from .sector import rollup_folder

    with _merge.collector_paused():
        result = rollup_folder(Path(folder), unit_name=unit_name, superior_name=superior_name, lang=lang,
                               progress=progress, jobs=jobs)
    _compare(result, previous)
    return result


def check_file(path: Path | str, unit: Path | str | Workbook, display: str | None = None) -> Result:
    """Check ONE group workbook against its unit workbook, as the merge would check it.

    The unit gives the year, the rates and the list of groups; everything a merge would say about
    this file is reported (version, year, a group code not in the list, cells, citizen IDs,
    totals, arrears, loans, welfare), and nothing about the other groups (no `group-missing`).
    `unit` is the unit workbook's path (read once and remembered while the file is unchanged) or
    a Workbook already read. `display` is the name findings give the file (default: its name).
    """
    path = Path(path)
    display = display or path.name
    unit_book = unit if isinstance(unit, Workbook) else _unit_workbook(Path(unit))
    [read] = read_all([ReadTask(path, display, check_context(unit_book))], 1)
    return checked_file(path, display, unit_book, read)


def check_context(unit: Workbook) -> CheckContext:
    """What a reading worker needs from the unit workbook to check a group's file where it reads it."""
    return CheckContext(policy_of(unit), unit_year(unit))


def checked_file(path: Path, display: str, unit_book: Workbook, read: _merge.ReadResult) -> Result:
    """`check_file` for a file already read: `merge.read_one(ReadTask(path, display, check_context(unit)))`,
    called by code that is itself in an isolated worker (the web desk's checks), or its Failure
    turned into a ReadResult by `merge.failed_read`."""
    book, found, checked = read
    policy, year = policy_of(unit_book), unit_year(unit_book)
    report = Report()
    report.extend(found)
    expected, names = _unit_groups(unit_book)
    if book.accepted and book.kind != "group":
        book.accepted = False
        detail = "upload.unit_workbook" if book.kind == "unit" else "upload.other_workbook"
        report.add(Finding("file-not-group", display,
                           params={"detail": detail, "sheet_expected": schema.GROUP_INFO.key}))
    year = year or book.info.get("year")
    groups = _merge.accept_groups([book], year, expected, unit_book, report, names=names)
    if groups:
        if checked is not None and checked[0] == year and checked[1] == policy:
            report.extend(_merge.of_group(checked[2], book.group_code))
        else:
            report.extend(_merge.check_group(book, policy, year))
    record = FileRecord(display, book.sha256, book.kind if book.accepted else "rejected", book.group_code,
                        path=path)
    account_rows(book, record, report)
    dataset = Dataset(year=year, unit=unit_book, policy=policy, groups=groups,
                      expected_groups=list(expected.values()))
    return Result(dataset, report)


def _compare(result: Result, previous: Path | str | None) -> None:
    if previous is not None:
        from .previous import compare_with_previous

        compare_with_previous(result, Path(previous))


# The web desk checks every upload against the same unit workbook: read it once per version of the file.
_UNITS: OrderedDict[tuple, Workbook] = OrderedDict()
_GROUPS: OrderedDict[int, tuple] = OrderedDict()  # id(unit workbook) -> (it, expected groups, GroupNames)
_UNITS_LOCK = threading.Lock()
_UNITS_KEPT = 8


def _unit_groups(unit: Workbook) -> tuple[dict, GroupNames]:
    """The unit's expected groups and their folded codes and names, made once per unit workbook
    read: the web desk checks every upload of a year against the same one, and folding a 1.000-group
    list again for each upload was a third of the desk's own work per upload."""
    with _UNITS_LOCK:
        kept = _GROUPS.get(id(unit))
        if kept is not None and kept[0] is unit:  # the workbook itself is kept: its id is not reused
            _GROUPS.move_to_end(id(unit))
            return kept[1], kept[2]
    expected = _merge.expected_groups(unit)
    names = GroupNames(expected)
    with _UNITS_LOCK:
        _GROUPS[id(unit)] = (unit, expected, names)
        while len(_GROUPS) > _UNITS_KEPT:
            _GROUPS.popitem(last=False)
    return expected, names


def _unit_workbook(path: Path) -> Workbook:
    try:
        stat = path.stat()
    except OSError as exc:
        raise UsageError(i18n.both("usage.no_unit", path=path)) from exc
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    with _UNITS_LOCK:
        if key in _UNITS:
            _UNITS.move_to_end(key)
            return _UNITS[key]
    [(book, _, _)] = read_all([ReadTask(path, path.name)], 1)
    if book.kind != "unit" or not book.accepted:
        raise UsageError(f"'{path}' " + i18n.both("usage.not_unit"))
    with _UNITS_LOCK:
        _UNITS[key] = book
        while len(_UNITS) > _UNITS_KEPT:
            _UNITS.popitem(last=False)
    return book
