"""The one place where the web desk calls the library.

Routes and jobs call these functions with paths the desk chose itself; nothing here knows
about requests. Each function is what a CLI command would do: read the unit workbook, check
one group's workbook, consolidate a folder, write templates. Nothing here re-implements a
check, a reader or a writer.
"""

from __future__ import annotations

import dataclasses
import threading
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .. import i18n
from ..findings import Finding, Report, Severity
from ..merge import MergeResult, MergeUsageError

LANGS = ("vi", "en")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


def upload_limit() -> int:
    """The largest file the reader accepts: a bigger request body is refused before it is read."""
    from ..xlsx.guard import MAX_FILE_BYTES

    return MAX_FILE_BYTES


class UnitProblem(ValueError):
    """The unit workbook cannot start a year (not a unit workbook, no groups, duplicate codes)."""


@dataclass
class UnitInfo:
    year: int
    name: str
    groups: list[tuple[str, str]]  # (code, name) in the workbook's order


def read_unit_workbook(path: Path, lang: str = "vi") -> UnitInfo:
    """The year, the unit's name and its group list, or UnitProblem saying what to fix."""
    from ..reader import listed_groups, read_unit

    try:
        book, findings = read_unit(path)
    except ValueError as exc:
        raise UnitProblem(str(exc)) from exc
    info = book.fields["unit_info"].values
    groups_sheet = book.tables["groups"].name if "groups" in book.tables else None
    errors = [f for f in findings if f.severity is Severity.ERROR and (f.sheet == groups_sheet or not f.sheet)]
    if errors:
        raise UnitProblem("; ".join(f"{f.place or f.file}: {f.message(lang)}" for f in errors))
    first, again = listed_groups(book.tables.get("groups"))
    groups = [(code, str(row.values.get("group_name") or "").strip()) for code, row in first.items()]
    if not groups:
        raise UnitProblem(i18n.t("web.unit_no_groups", lang))
    twice = sorted({code for code, _row, _first in again})
    if twice:
        raise UnitProblem(i18n.text("template.duplicate_groups", lang) + ": " + ", ".join(twice))
    if not info.get("year"):
        raise UnitProblem(i18n.t("web.unit_no_year", lang))
    return UnitInfo(int(info["year"]), str(info.get("unit_name") or ""), groups)


def next_year_unit_workbook(previous_unit: Path, closing_balance: int | None, out: Path,
                            lang: str = "vi") -> UnitInfo:
    """Next year's unit workbook from last year's: the same unit, groups and rates, and last
    year's mutual-aid closing balance as the opening balance (`unionxl template unit` with data)."""
    from ..reader import read_unit
    from ..template import write_unit_workbook

    try:
        book, _ = read_unit(previous_unit)
    except ValueError as exc:
        raise UnitProblem(str(exc)) from exc
    info = book.fields["unit_info"].values
    if not info.get("year"):
        raise UnitProblem(i18n.t("web.unit_no_year", lang))
    keep = {k: info[k] for k in ("superior_name", "place", "chair_name") if info.get(k)}
    keep["mutual_opening_balance"] = closing_balance
    groups = [{k: row.values.get(k) for k in ("group_code", "group_name", "leader") if row.values.get(k)}
              for row in book.rows("groups") if row.accepted and row.values.get("group_code")]
    policy = {k: v for k, v in book.fields["policy"].values.items() if v is not None} if "policy" in book.fields else {}
    write_unit_workbook(out, year=int(info["year"]) + 1, unit_name=str(info.get("unit_name") or ""), lang=lang,
                        data={"unit_info": keep, "groups": groups, "policy": policy})
    return read_unit_workbook(out, lang)


def check_previous_workbook(path: Path) -> int | None:
    """The year of last year's consolidated workbook (what `--previous` accepts); UnitProblem if it is not one."""
    from ..previous import load_previous

    try:
        result = load_previous(path)
    except MergeUsageError as exc:
        raise UnitProblem(str(exc)) from exc
    return result.dataset.year


def write_blank_group_workbook(path: Path, *, year: int, unit_name: str, code: str, name: str,
                               lang: str = "vi") -> Path:
    """The same pre-filled group workbook as `unionxl template groups` writes."""
    from ..template import write_group_workbook

    return write_group_workbook(path, year=year, unit_name=unit_name, group_code=code, group_name=name, lang=lang)


def group_file_name(code: str, name: str) -> str:
    from ..template import group_file_name as name_of

    return name_of(code, name)


def working_suffix(client_name: str, head: bytes) -> str:
    """The suffix the working copy gets: the sender's own if it is a workbook's (taken from our
    list, not from their text), else what the first bytes say. Anything else is named .xlsx so
    the reader reports it as unreadable rather than skipping it."""
    suffix = Path(client_name.replace("\\", "/")).suffix.lower()
    for known in WORKBOOK_SUFFIXES:
        if suffix == known:
            return known
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return ".xls"
    return ".xlsx"


# ---------------------------------------------------------------------- one upload


@dataclass
class CheckOutcome:
    verdict: str  # 'error', 'warning' or 'ok'
    errors: int
    warnings: int
    notes: int
    findings: dict[str, list[dict]]  # lang -> findings as shown, errors first
    account: dict[str, int] = field(default_factory=dict)  # rows read / accepted / rejected
    marks: int = 0  # findings a feedback copy marks at their cell (0: no copy to make)
    feedback: Path | None = None  # the feedback copy, when asked for and there is something to mark


class UnitBooks:
    """The year's unit workbook read once per content (keyed by its sha256), not once per upload:
    a 1.000-group unit workbook takes longer to read than a group's workbook. Read through the
    isolated reader like any file (`read`: how, where the caller is itself a reading worker); a few
    kept (the years being collected at once)."""

    def __init__(self, kept: int = 4, read: Callable[[Path], Any] | None = None):
        self.kept = kept
        self.read = read or _read_unit_isolated
        self._books: dict[str, Any] = {}
        self._lock = threading.Lock()
        self._loading: dict[str, threading.Lock] = {}

    def get(self, sha256: str, path: Path):
        with self._lock:
            if sha256 in self._books:
                return self._books[sha256]
            loading = self._loading.setdefault(sha256, threading.Lock())
        with loading:  # a rush of uploads reads it once, the others wait for that read
            with self._lock:
                if sha256 in self._books:
                    return self._books[sha256]
            book = self.read(path)
            with self._lock:
                self._books[sha256] = book
                while len(self._books) > self.kept:
                    self._books.pop(next(iter(self._books)))
                self._loading.pop(sha256, None)
            return book


def _read_unit_isolated(path: Path):
    from ..reader import read_unit

    try:
        book, _ = read_unit(path)
    except ValueError as exc:
        raise UnitProblem(str(exc)) from exc
    return book


def _read_unit_here(path: Path):
    """In a reading worker, which is itself the isolation."""
    from ..reader import read_workbook

    book, _ = read_workbook(path)
    if book.kind != "unit":  # a Failure for check_upload, whose own read then says why
        raise UnitProblem(str(path))
    return book


@dataclass(frozen=True)
class UnitFile:
    """The year's unit workbook as a reading worker finds it: its content's sha256 (what a worker
    keeps it by once read) and a path to it, valid during the call."""
    sha256: str
    path: Path


def check_upload(path: Path, unit: UnitFile, display: str, expected_group: str, scratch: Path,
                 lang: str = "vi", feedback: bool = True, units: UnitBooks | None = None) -> CheckOutcome:
    """Check one group's workbook against the unit workbook, as the merge would (`unionxl.check_file`),
    and write its feedback copy into `scratch` unless `feedback` is False (the desk makes it when
    first asked for: patching the copy cost as much as the check, and an officer waits for the
    findings, not the copy). The file must be named by the desk (see working_suffix).

    Read, checked and turned into its outcome in one isolated worker, which keeps the unit
    workbook it read: only the findings come back, not the workbook read (unpickling that was
    most of the server's part of a check). When the worker fails, the outcome is what the merge
    says of such a file; `units` then reads the unit workbook here."""
    from .. import isolation

    [outcome] = isolation.run_isolated(_check_in_worker, [(path, unit, display, expected_group, scratch, lang,
                                                           feedback)])
    if not isinstance(outcome, isolation.Failure):
        return outcome
    from ..merge import ReadTask, failed_read
    from ..pipeline import checked_file

    unit_book = (units or UnitBooks()).get(unit.sha256, unit.path)
    result = checked_file(path, display, unit_book, failed_read(ReadTask(path, display), outcome))
    return _check_outcome(result, path, display, expected_group, scratch, lang, feedback=False)


_WORKER_UNITS = UnitBooks(read=_read_unit_here)  # in a reading worker: the unit workbooks it read


def _check_in_worker(path: Path, unit: UnitFile, display: str, expected_group: str, scratch: Path, lang: str,
                     feedback: bool) -> CheckOutcome:
    """In a reading worker (isolation.run_isolated): `check_upload`'s work."""
    from ..merge import ReadTask, read_one
    from ..pipeline import check_context, checked_file

    unit_book = _WORKER_UNITS.get(unit.sha256, unit.path)
    read = read_one(ReadTask(path, display, check_context(unit_book)))
    return _check_outcome(checked_file(path, display, unit_book, read), path, display, expected_group, scratch,
                          lang, feedback)


def _check_outcome(result: MergeResult, path: Path, display: str, expected_group: str, scratch: Path, lang: str,
                   feedback: bool) -> CheckOutcome:
    mine = [f for f in result.report.findings if f.file == display]
    record = next((r for r in result.report.files if r.display == display), None)
    wrong = _wrong_workbook(result, mine, record, display, expected_group)
    if wrong is not None:
        mine = [f for f in mine if f.code not in ("unit-duplicate", "file-not-group")] + [wrong]
    report = Report(findings=mine, files=[r for r in result.report.files if r.display == display])
    ordered = _errors_first(mine)
    errors = sum(1 for f in mine if f.severity is Severity.ERROR)
    warnings = sum(1 for f in mine if f.severity is Severity.WARNING)
    notes = sum(1 for f in mine if f.severity is Severity.NOTE)
    marks = sum(1 for f in mine if f.cell and f.severity is not Severity.NOTE)
    copy = None
    if feedback and marks:
        from ..writers.feedback import write_feedback

        # in the reading worker, from the received file
        written = write_feedback(MergeResult(result.dataset, report), scratch / "feedback", lang, folder=path.parent)
        copy = written[0] if written else None
    account = {}
    if record is not None:
        account = {"read": record.rows_read, "accepted": record.rows_accepted, "rejected": record.rows_rejected}
    return CheckOutcome("error" if errors else "warning" if warnings else "ok", errors, warnings, notes,
                        {lg: [f.to_dict(lg) for f in ordered] for lg in LANGS}, account, marks, copy)


def _wrong_workbook(result: MergeResult, mine: list[Finding], record, display: str,
                    expected_group: str) -> Finding | None:
    """Name a wrong workbook as such: the unit's workbook, or another group's."""
    if any(f.code == "unit-duplicate" or (f.code == "file-not-group" and f.params.get("detail") == "upload.unit_workbook")
           for f in mine):
        return Finding("upload-unit-workbook", display)
    if record is not None and record.group and record.group != expected_group:
        return Finding("upload-other-group", display, value=record.group, params={"expected": expected_group},
                       group=expected_group)
    return None


def _errors_first(findings: list[Finding]) -> list[Finding]:
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTE: 2}
    return sorted(findings, key=lambda f: (order[f.severity], f.sheet, _row_of(f.cell), f.cell, f.code))


def _row_of(cell: str) -> int:
    digits = cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return int(digits) if digits.isdigit() else 0


# ---------------------------------------------------------------------- consolidation


@dataclass
class MergeOutcome:
    exit_code: int
    errors: int
    warnings: int
    summary: dict[str, Any]
    outputs: list[str]  # file names in out_dir


def consolidate(folder: Path, unit_path: Path, out_dir: Path, *, previous: Path | None = None, lang: str = "vi",
                progress: Callable[[Path], None] | None = None) -> MergeOutcome:
    """`unionxl merge FOLDER -o OUT [--previous …]`, plus one zip of the feedback copies."""
    from ..pipeline import run
    from ..writers import write_outputs
    from ..writers.feedback import feedback_folder

    result = run(folder, unit_path, previous=previous, progress=progress)
    paths = write_outputs(result, out_dir, lang)
    feedback_dir = out_dir / feedback_folder(lang)
    names = [p.name for p in paths if p.parent == out_dir]
    copies = [p for p in paths if p.parent == feedback_dir]
    if copies:
        archive = out_dir / f"{feedback_folder(lang)}.zip"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
            for copy in copies:
                out.write(copy, copy.name)
        names.append(archive.name)
    return _outcome(result, names, lang, feedback_copies=len(copies))


def _outcome(result: MergeResult, names: list[str], lang: str, feedback_copies: int) -> MergeOutcome:
    """What the desk records of a merge or a roll-up: the row account, the headline figures and
    the findings as shown in both languages."""
    data = result.to_json(lang)
    summary = {
        "exit_code": data["exit_code"],
        "counts": data["summary"],
        "account": data["account"],
        "figures": _headline(data.get("figures") or {}),
        "findings": {lg: [f.to_dict(lg) for f in _errors_first(result.report.findings)] for lg in LANGS},
        "feedback_copies": feedback_copies,
    }
    return MergeOutcome(result.report.exit_code, result.report.errors, result.report.warnings, summary, names)


def _headline(figures: dict) -> dict:
    """The few figures the dashboard shows after a merge (every figure is in the outputs), and the
    mutual-aid closing balance that opens next year."""
    def get(*keys):
        value: Any = figures
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        return value

    return {
        "members": get("members"), "male": get("male"), "female": get("female"),
        "groups": get("groups"), "groups_expected": get("groups_expected"),
        "party_members": get("party_members"),
        "travel_collected": get("travel_fund", "collected"),
        "mutual_collected": get("mutual_fund", "collected"),
        "loans_count": get("loans", "count"), "loans_amount": get("loans", "amount"),
        "mutual_closing_balance": get("mutual_fund", "closing_balance"),
    }


# ---------------------------------------------------------------------- sector mode


def _library_rollup():
    """The pipeline's `unionxl.rollup(...)` (contract 1)."""
    from ..pipeline import rollup as library_rollup

    return lambda folder, unit_name, progress: library_rollup(folder, unit_name=unit_name, progress=progress)


def check_consolidated(path: Path, display: str, sector_year: int, lang: str = "vi") -> CheckOutcome:
    """Check one CĐCS's consolidated workbook as the sector's roll-up will read it: through the
    isolated reader, alone in its folder. A group's or a unit's workbook sent here is named as
    such (`rollup-not-consolidated`); errors the CĐCS left unresolved come up as
    `rollup-unresolved-errors`; a workbook of another year as `rollup-year`."""
    result = _library_rollup()(path.parent, None, None)
    mine = []
    for f in result.report.findings:
        mine.append(dataclasses.replace(f, file=display) if f.file == path.name else f)
    for book in result.dataset.groups:
        year = book.fields["info"].values.get("year") if "info" in book.fields else None
        if year and year != sector_year:
            info = book.fields["info"]
            mine.append(Finding("rollup-year", display, info.name, info.cells.get("year", ""), year,
                                {"expected": sector_year}))
    records = [r for r in result.report.files if r.display == path.name]
    ordered = _errors_first(mine)
    errors = sum(1 for f in mine if f.severity is Severity.ERROR)
    warnings = sum(1 for f in mine if f.severity is Severity.WARNING)
    notes = sum(1 for f in mine if f.severity is Severity.NOTE)
    account = {}
    if records:
        account = {"read": records[0].rows_read, "accepted": records[0].rows_accepted,
                   "rejected": records[0].rows_rejected}
    return CheckOutcome("error" if errors else "warning" if warnings else "ok", errors, warnings, notes,
                        {lg: [f.to_dict(lg) for f in ordered] for lg in LANGS}, account)


def rollup(folder: Path, out_dir: Path, *, unit_name: str | None, previous: Path | None = None, lang: str = "vi",
           progress: Callable[[Path], None] | None = None) -> MergeOutcome:
    """`unionxl rollup FOLDER -o OUT [--unit-name …] [--previous …]` for the sector desk."""
    from ..pipeline import rollup as library_rollup
    from ..writers import write_outputs

    result = library_rollup(folder, unit_name=unit_name or None, previous=previous, progress=progress, lang=lang)
    paths = write_outputs(result, out_dir, lang)
    names = [p.name for p in paths if p.parent == out_dir]
    return _outcome(result, names, lang, feedback_copies=0)


__all__ = ["MergeUsageError", "UnitProblem", "UnitInfo", "CheckOutcome", "MergeOutcome", "upload_limit",
           "read_unit_workbook", "write_blank_group_workbook", "group_file_name", "working_suffix",
           "check_upload", "UnitBooks", "UnitFile", "consolidate", "check_consolidated", "rollup"]
