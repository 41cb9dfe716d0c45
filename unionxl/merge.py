"""Workbooks in a folder -> one consolidated Dataset and a Report of everything found.

Order of work: read the unit workbook first, then every other file (a bad file
is a finding, never a crash), each group checked once, in the process that read
it, with the unit's own rates and year; accept or reject each group file as a
whole (version, year, known group, one file per group), keep the checks of the
groups accepted, then run the checks that look across groups, and finally count
every row read as accepted or rejected.

`unionxl.run` (pipeline.py) is the public entry: this merge plus last year's
comparison.
"""

from __future__ import annotations

import gc
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, NamedTuple

from . import i18n, isolation, schema
from .checks import GROUP_CHECKS, cccd, loans
from .checks.files import GroupNames
from .checks.common import GroupContext
from .findings import FileRecord, Finding, Report
from .model import Dataset, Workbook
from .fileio import readable
from .reader import is_candidate, iter_inputs, listed_groups, read_workbook, sha256_of
from .result import Result
from .textnorm import fold


class MergeUsageError(Exception):
    """The command was given something it cannot work on (exit status 2)."""


MergeResult = Result  # the name callers used before the pipeline had one result type


def _major(version) -> str:
    return str(version or "").split(".")[0]


def _skip_reason(path: Path) -> str | None:
    """Why a file in the folder is not read: a key of the text catalogue, or None to read it."""
    name = path.name
    if name.startswith("~$") or name.startswith(".~lock."):
        return "skip.lock_file"
    if name.startswith("."):
        return "skip.hidden"
    if path.suffix.lower() in (".csv", ".tsv"):
        return "skip.csv"
    if not is_candidate(path):
        return "skip.not_spreadsheet"
    return None


def read_tasks(folder: Path, paths: list[Path], report: Report, progress: Callable[[Path], None] | None = None,
               consolidated: bool = False) -> list[ReadTask]:
    """What to read of `paths` found in `folder`; a file skipped on purpose becomes a note and a record."""
    tasks: list[ReadTask] = []
    for path in paths:
        display = _display(path, folder)
        reason = _skip_reason(path)
        if reason:
            report.add(Finding("file-skipped", display, params={"reason": reason}))
            report.files.append(FileRecord(display, kind="skipped", path=path))
            if progress:
                progress(path)
        else:
            tasks.append(ReadTask(path, display, consolidated=consolidated))
    return tasks


def _display(path: Path, folder: Path) -> str:
    try:
        name = str(path.relative_to(folder))
    except ValueError:
        name = path.name
    return readable(name)


def collect(folder: Path, unit_path: Path | None = None) -> list[Path]:
    if not folder.exists():
        raise MergeUsageError(i18n.both("usage.no_folder", folder=folder))
    if not folder.is_dir():
        raise MergeUsageError(i18n.both("usage.not_folder", folder=folder))
    paths = list(iter_inputs(folder))  # the original before its copy: the one kept is the original
    if unit_path is not None:
        if not unit_path.is_file():
            raise MergeUsageError(i18n.both("usage.no_unit", path=unit_path))
        if unit_path.resolve() not in {p.resolve() for p in paths}:
            paths.insert(0, unit_path)
    return paths


PARALLEL_FROM = 8  # files; below this, starting worker processes costs more than it saves (feedback copies)
# A group this large is checked once, in the merge, not provisionally in its reading worker: its findings
# would otherwise exist in both processes at once while they cross (peak memory, not time, decides).
PROVISIONAL_ROWS = 20_000


@dataclass(frozen=True)
class CheckContext:
    """What a group's checks need from the unit workbook: its rates and its year. Sent with each
    read task so a group is checked once, in the worker that read it."""

    policy: dict[str, int]
    year: int | None  # None: the unit gives no year; each group is checked with its own


class ReadTask(NamedTuple):
    """One file for `read_all`: its path, the name findings give it, and what to do once it is read."""

    path: Path
    display: str
    context: CheckContext | None = None  # check a group workbook with these rates; None: read only
    consolidated: bool = False  # a consolidated workbook for the roll-up, not a group or unit workbook


ReadResult = tuple[Any, list[Finding], tuple | None]
"""(Workbook, or rollup.Consolidated/None; the reader's findings; (year, policy, check findings) or None)."""


def read_one(task) -> ReadResult:
    """Read one workbook and, for a group with a check context, run its checks where the data already
    is, so the checks run on every core."""
    task = ReadTask(*task)
    if task.consolidated:
        from .sector import read_consolidated

        consolidated, found = read_consolidated(task.path, task.display)
        return consolidated, found, None
    book, found = read_workbook(task.path, task.display)
    checked = None
    # A group larger than PROVISIONAL_ROWS is checked in the merge instead (still once): its findings
    # would otherwise exist in both processes at once while they cross.
    if (task.context is not None and book.kind == "group" and book.accepted
            and sum(len(t.rows) for t in book.tables.values()) <= PROVISIONAL_ROWS):
        year = task.context.year if task.context.year is not None else book.info.get("year")
        checked = (year, task.context.policy, check_group(book, task.context.policy, year))
    return book, found, checked


def check_group(book: Workbook, policy: dict[str, int], year: int | None) -> list[Finding]:
    ctx = GroupContext.build(book, policy, year)
    return [finding for check in GROUP_CHECKS for finding in check(ctx)]


def read_all(tasks: list, jobs: int | None = None,
             progress: Callable[[Path], None] | None = None) -> list[ReadResult]:
    """Read workbooks, each in an isolated worker process; results keep the order of `tasks`.

    Each task is a ReadTask (or a (path, display) pair): the one place input files are opened
    for a merge, a roll-up or a single-file check. A file whose worker crashed, ran out of
    memory or time is that file's finding (unionxl.isolation); the other files are read as
    usual. jobs=1 reads one file at a time; the parallel path gives the same findings and
    figures (tested).
    """
    tasks = [ReadTask(*task) for task in tasks]
    outcomes = isolation.run_isolated(read_one, [(task,) for task in tasks], jobs=jobs,
                                      progress=(lambda args: progress(args[0][0])) if progress else None)
    return [failed_read(task, outcome) if isinstance(outcome, isolation.Failure) else outcome
            for task, outcome in zip(tasks, outcomes)]


def failed_read(task: ReadTask, failure: isolation.Failure) -> ReadResult:
    """What a file whose reading worker failed reads as: rejected whole, with the failure's finding."""
    path, display = task.path, task.display
    if task.consolidated:  # the roll-up's reader says None for a file it could not read
        return None, [failure.finding(display)], None
    book = Workbook(path, display)
    book.accepted = False
    try:
        book.sha256 = sha256_of(path)  # hashing is not parsing: the provenance sheet still names the file
    except OSError:
        pass
    return book, [failure.finding(display)], None


@contextmanager
def collector_paused():
    """The merge builds millions of small acyclic objects (rows, values); the cyclic garbage
    collector would walk all of them again and again while they pile up (a third of the
    time at 100.000 members). It resumes afterwards and then finds any cycle as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_collector_paused = collector_paused


def merge_folder(folder: Path, unit_path: Path | None = None,
                 progress: Callable[[Path], None] | None = None, jobs: int | None = None) -> Result:
    """Read, accept and check every workbook of `folder` (no comparison with last year: that is
    `unionxl.run`, which callers should prefer)."""
    with collector_paused():
        return _merge_folder(Path(folder), Path(unit_path) if unit_path is not None else None, progress, jobs)


_UNIT_NAME = re.compile(r"donvi|unit")


def _looks_like_unit(path: Path) -> bool:
    """A file named like the unit workbook ('don-vi-2024.xlsx', 'Đơn vị.xlsx', 'unit.xlsx') is read first,
    so its rates and year reach the groups' checks. Only the reading order depends on the name: a unit
    workbook named otherwise is still found, and its groups are then checked after reading."""
    return bool(_UNIT_NAME.search(re.sub(r"[\W_]+", "", fold(path.stem))))


def policy_of(unit: Workbook | None) -> dict[str, int]:
    """The rates the groups are checked against: the defaults, overridden by the unit workbook's."""
    policy = dict(schema.POLICY_DEFAULTS)
    if unit is not None and schema.POLICY.key in unit.fields:
        policy.update({k: v for k, v in unit.fields[schema.POLICY.key].values.items() if v is not None})
    return policy


def _zero_rates(unit: Workbook | None) -> list[Finding]:
    """A rate typed as 0 (or a cell cleared to 0): every check against it is skipped (a contribution of
    0đ owed is never missed, any amount is never "another rate") and the report prints 0đ as the rate."""
    rates = unit.fields.get(schema.POLICY.key) if unit is not None else None
    if rates is None:
        return []
    return [Finding("policy-rate-zero", unit.display, rates.name, rates.cells.get(key, ""), 0,
                    {"column": f"{schema.POLICY.key}.{key}"})
            for key, value in rates.values.items() if value == 0]


def unit_year(unit: Workbook | None) -> int | None:
    if unit is None or schema.UNIT_INFO.key not in unit.fields:
        return None
    return unit.fields[schema.UNIT_INFO.key].values.get("year") or None


def _merge_folder(folder: Path, unit_path: Path | None, progress: Callable[[Path], None] | None,
                  jobs: int | None) -> Result:
    report = Report()
    tasks = read_tasks(folder, collect(folder, unit_path), report, progress)

    # The unit workbook first: its rates and year are what every group is checked against.
    if unit_path is not None:
        first = [i for i, task in enumerate(tasks) if task.path.resolve() == unit_path.resolve()]
    else:
        first = [i for i, task in enumerate(tasks) if _looks_like_unit(task.path)]
    read: dict[int, ReadResult] = dict(zip(first, read_all([tasks[i] for i in first], 1, progress)))
    units = [book for book, _, _ in read.values() if book.kind == "unit" and book.accepted]
    context = CheckContext(policy_of(units[0]), unit_year(units[0])) if units else None
    rest = [i for i in range(len(tasks)) if i not in read]
    read.update(zip(rest, read_all([tasks[i]._replace(context=context) for i in rest], jobs, progress)))

    books: list[Workbook] = []
    checked: dict[int, tuple] = {}
    for i in range(len(tasks)):
        book, found, done = read[i]
        report.extend(found)
        books.append(book)
        if done is not None:
            checked[id(book)] = done
    preferred = units[0] if units else None
    unit = _pick_unit(books, unit_path, report, preferred)
    year = _year(unit, books)
    policy = policy_of(unit)
    expected = expected_groups(unit)

    names = GroupNames(expected)
    groups = accept_groups(books, year, expected, unit, report, names)
    for book in groups:
        done = checked.get(id(book))
        if done is not None and done[0] == year and done[1] == policy:
            report.extend(of_group(done[2], book.group_code))
        else:  # read before the unit was known (a unit workbook named unlike one): checked here, once
            report.extend(check_group(book, policy, year))
    report.extend(cccd.check_across_groups(groups))
    report.extend(loans.check_fund_balance(unit, groups))
    report.extend(_zero_rates(unit))
    _missing_groups(expected, groups, unit, report, books, names)

    order = {code: i for i, code in enumerate(expected)}
    groups.sort(key=lambda b: (order.get(b.group_code, len(order)), b.group_code, b.display))
    _account(books, report)
    dataset = Dataset(year=year, unit=unit, policy=policy, groups=groups,
                      expected_groups=list(expected.values()))
    return Result(dataset, report)


def _pick_unit(books: list[Workbook], unit_path: Path | None, report: Report,
               preferred: Workbook | None = None) -> Workbook | None:
    units = [b for b in books if b.kind == "unit" and b.accepted]
    if preferred is not None and preferred in units:  # the one read first, whose rates the checks used
        units = [preferred] + [b for b in units if b is not preferred]
    if unit_path is not None:
        chosen = [b for b in units if b.path.resolve() == unit_path.resolve()]
        if not chosen:
            raise MergeUsageError(f"'{unit_path}' " + i18n.both("usage.not_unit"))
        units = chosen + [b for b in units if b not in chosen]
    if not units:
        report.add(Finding("unit-missing", params={"sheet_expected": schema.UNIT_INFO.key}))
        return None
    for extra in units[1:]:
        extra.accepted = False
        report.add(Finding("unit-duplicate", extra.display, params={"other": units[0].display}))
    return units[0]


def _year(unit: Workbook | None, books: list[Workbook]) -> int | None:
    year = unit_year(unit)
    if year:
        return year
    years = [b.info.get("year") for b in books if b.kind == "group" and b.info.get("year")]
    return max(set(years), key=years.count) if years else None


def expected_groups(unit: Workbook | None) -> dict[str, dict]:
    if unit is None:
        return {}
    first, _again = listed_groups(unit.tables.get("groups"))  # a code listed again: the reader's finding
    return {code: dict(row.values, _row=row.number) for code, row in first.items()}


def _reject(book: Workbook, report: Report, code: str, cell_field: str = "", value=None, **params) -> None:
    book.accepted = False
    info = book.fields.get(schema.GROUP_INFO.key)
    sheet = info.name if info and cell_field else ""
    cell = info.cells.get(cell_field, "") if info and cell_field else ""
    report.add(Finding(code, book.display, sheet, cell, value, params, book.group_code))


def accept_groups(books, year, expected, unit, report: Report, names: GroupNames | None = None) -> list[Workbook]:
    """The group workbooks of `books` the merge uses, one per expected group; the others rejected with
    their finding. `names`: GroupNames(expected), when the caller keeps it across calls."""
    accepted: dict[str, Workbook] = {}
    group_names = names or GroupNames(expected)
    named_group = group_names.named
    for book in books:
        if book.kind != "group" or not book.accepted:
            continue
        info = book.info
        if _major(info.get("template_version")) != _major(schema.TEMPLATE_VERSION):
            _reject(book, report, "file-version", "template_version", info.get("template_version") or "?",
                    expected=schema.TEMPLATE_VERSION)
            continue
        if year and info.get("year") is not None and info.get("year") != year:  # no year: its cell's finding
            _reject(book, report, "file-year", "year", info.get("year") or "?", expected=year)
            continue
        code = book.group_code
        if not code:
            continue  # the reader already reported the missing group code; rows stay unattributed
        if expected and code not in expected:
            code = _known_code(book, code, group_names, report)
        if expected and code not in expected:
            _reject(book, report, "group-unknown", "group_code", code)
            continue
        if code in accepted:
            first = accepted[code]
            first_named, named = named_group(first.display), named_group(book.display)
            if named not in (None, code) and first_named in (None, code):
                _reject(book, report, "group-code-reused", "group_code", code, other=first.display, named=named)
            elif first_named not in (None, code) and named in (None, code):
                _reject(first, report, "group-code-reused", "group_code", code, other=book.display, named=first_named)
                accepted[code] = book
            else:
                _reject(book, report, "group-duplicate-file", "group_code", code, other=first.display)
            continue
        accepted[code] = book
    for code, book in accepted.items():
        named = named_group(book.display)
        if named not in (None, code):
            info = book.fields.get(schema.GROUP_INFO.key)
            report.add(Finding("group-file-name", book.display, info.name if info else "",
                               info.cells.get("group_code", "") if info else "", code, {"named": named}, code))
    for book in books:
        if book.kind == "group" and book.accepted and not book.group_code:
            book.accepted = False
    return list(accepted.values())


def _known_code(book: Workbook, code: str, names: GroupNames, report: Report) -> str:
    """The unit's code for a group code typed in another case ('t01' for T01): the group is merged as
    the unit's code, with a warning, instead of refused as unknown. Findings already made for the file
    follow it to that code."""
    known = names.codes.get(fold(code), ())
    if len(known) != 1:
        return code
    canonical = known[0]
    book.info["group_code"] = canonical
    report.findings[:] = [replace(f, group=canonical) if f.file == book.display and f.group == code else f
                          for f in report.findings]
    info = book.fields.get(schema.GROUP_INFO.key)
    report.add(Finding("group-code-normalised", book.display, info.name if info else "",
                       info.cells.get("group_code", "") if info else "", code, {"expected": canonical}, canonical))
    return canonical


def of_group(findings: list[Finding], code: str) -> list[Finding]:
    """A group's check findings, made where it was read, under the code the merge accepted it as."""
    return [f if f.group == code or not f.group else replace(f, group=code) for f in findings]


def _missing_groups(expected: dict[str, dict], groups: list[Workbook], unit: Workbook | None, report: Report,
                    books: list[Workbook], names: GroupNames) -> None:
    """An expected group with no workbook merged. When a file of that group came but was refused (its
    code read inside, or the group named by its file name when it could not be read), the finding
    names that file: the treasurer has it, and "nothing received" would send them looking for it."""
    present = {b.group_code for b in groups}
    sheet = unit.tables.get("groups") if unit else None
    refused: dict[str, str] = {}  # group code -> the first refused file of that group
    for book in books:
        if book.accepted or book.kind == "unit" or book is unit:
            continue
        code = book.group_code
        if code not in expected:
            code = names.named(book.display)
        if code in expected and code not in present:
            refused.setdefault(code, book.display)
    for code, row in expected.items():
        if code in present:
            continue
        cell = sheet.cell(row["_row"], "group_code") if sheet else ""
        why = ("group_missing.refused", {"file": refused[code]}) if code in refused else ""
        report.add(Finding("group-missing", unit.display if unit else "", sheet.name if sheet else "", cell, code,
                           {"group_name": row.get("group_name") or "", "refused": why}, code))


def _account(books: list[Workbook], report: Report) -> None:
    for book in books:
        record = FileRecord(book.display, book.sha256, book.kind if book.accepted else "rejected", book.group_code,
                            path=book.path)
        account_rows(book, record, report)


def account_rows(book: Workbook, record: FileRecord, report: Report) -> None:
    """Every row read is accepted or rejected; a rejected file rejects all its rows.
    Counts them per sheet kind and per file, and files the record."""
    for key, sheet in book.tables.items():
        account = report.account[key]
        summary = len(sheet.summary_rows)  # totals lines: read, not records, so rejected
        account.read += summary
        account.rejected += summary
        account.summary += summary
        record.rows_read += summary
        record.rows_rejected += summary
        record.rows_summary += summary
        for row in sheet.rows:
            if not book.accepted:
                row.accepted = False
            account.read += 1
            record.rows_read += 1
            if row.accepted:
                account.accepted += 1
                record.rows_accepted += 1
            else:
                account.rejected += 1
                record.rows_rejected += 1
    report.files.append(record)
