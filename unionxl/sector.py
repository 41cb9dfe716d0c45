"""Consolidated workbooks -> one sector Dataset and a Report (`unionxl rollup`).

The sector union (Công đoàn ngành) receives from each CĐCS the consolidated
workbook `unionxl merge` wrote, and needs the same figures, tables and report
for the sector. Each consolidated workbook stands where a group workbook
stands in a merge: its ledger sheets are read back with the same
header-matching reader into the same Workbook/SheetData objects, so
`tables.compute_figures`, the report tables and every writer work unchanged,
with one row per CĐCS where a merge has one per group. Every ledger row keeps
the CĐCS, group code and group name it came from (`Dataset.origin`), so a
sector workbook rolled up again (sector -> province) loses nothing.

What is checked here, and only here: files that are not consolidated
workbooks, a year that differs from the others, two workbooks of the same
CĐCS, a CĐCS whose workbook still lists errors, and one CCCD in two CĐCS. The
per-group checks (arrears, declared totals, loans) were the CĐCS's job and
are not repeated: their errors come up as `rollup-unresolved-errors`. What a
hand edit after the merge can break is checked again: a fund row's total
against its periods, and the member rows against the count the merge wrote.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from . import i18n, isolation, schema
from .checks.common import GroupContext, valid_cccd
from .checks.totals import check_row_totals
from .findings import CATALOGUE, FileRecord, Finding, Report, Severity
from .merge import MergeUsageError, ReadTask, account_rows, collect, read_all, read_tasks
from .model import Dataset, FieldsData, Row, SheetData, Workbook
from .textnorm import fold
from .report_texts import FACTS_KEY, ReportTexts, read_texts, summed_facts
from .reader import UnreadableWorkbook, open_workbook, read_fields, read_table, read_workbook, sha256_of
from .result import Result

CODE_FORMAT = "D{:02d}"
"""Each CĐCS rolled up gets a short code in file order (D01, D02 ...) for the per-CĐCS rows and findings."""



@dataclass
class Consolidated:
    """One consolidated workbook as read: its ledgers in `book`, and what the roll-up needs besides."""

    book: Workbook
    info: dict[str, Any]  # schema.CONSOLIDATED_INFO values
    info_sheet: str
    kpis: list[Row] = field(default_factory=list)
    texts: ReportTexts = field(default_factory=lambda: ReportTexts(present=False))  # its report sheet
    # (code, row) of each error its findings sheet lists, recognised by the stable code, never by the
    # displayed severity word (which is in the CĐCS's language)
    errors: list[tuple[str, int]] = field(default_factory=list)
    findings_sheet: str = ""

    @property
    def unresolved_errors(self) -> int:
        """The count the merge wrote on the hidden info sheet; the findings sheet only when it is absent
        (a workbook from before the count was written)."""
        count = self.info.get("errors")
        return count if isinstance(count, int) and count >= 0 else len(self.errors)

    @property
    def unit_name(self) -> str:
        return str(self.info.get("unit_name") or Path(self.book.display).stem)


# ------------------------------------------------------------------ reading


def read_consolidated(path: Path, display: str | None = None) -> tuple[Consolidated | None, list[Finding]]:
    """Read one consolidated workbook. Never raises for bad content: a file that is not one is a finding."""
    path = Path(path)
    display = display or path.name
    if path.is_symlink() or not path.is_file():
        # The reader knows which links and special files are refused; ask it, and go on only if it read the file.
        probe, found = read_workbook(path, display)
        if not probe.accepted:
            return None, found
    try:
        sha = sha256_of(path)
        calamine_book, scans = open_workbook(path)
    except UnreadableWorkbook as exc:
        return None, [Finding(exc.code, display, params={"detail": exc.detail})]
    except OSError as exc:
        return None, [Finding("file-unreadable", display, params={"detail": exc.strerror or str(exc)})]
    try:
        return _read(calamine_book, Path(path), display, sha, scans)
    except Exception as exc:  # a parser failure deep inside a sheet must not end the run
        return None, [Finding("file-unreadable", display,
                              params={"detail": type(exc).__name__ + ": " + str(exc)[:120]})]
    finally:
        calamine_book.close()


def _not_consolidated(display: str, detail: str | tuple) -> Finding:
    """`detail` says what the file is instead: a key of the text catalogue, or (key, its params)."""
    return Finding("rollup-not-consolidated", display, params={"detail": detail})


def _read(calamine_book, path: Path, display: str, sha: str, scans) -> tuple[Consolidated | None, list[Finding]]:
    names = {fold(name): name for name in calamine_book.sheet_names}

    def sheet_named(vi: str, en: str) -> str | None:
        return names.get(fold(vi)) or names.get(fold(en))

    info_name = names.get(fold(schema.CONSOLIDATED_INFO_SHEET))
    if info_name is None:
        if sheet_named(schema.GROUP_INFO.vi, schema.GROUP_INFO.en):
            return None, [_not_consolidated(display, "rollup.group_workbook")]
        if sheet_named(schema.UNIT_INFO.vi, schema.UNIT_INFO.en):
            return None, [_not_consolidated(display, "rollup.unit_workbook")]
        return None, [_not_consolidated(display, ("rollup.no_info_sheet", {"sheet": schema.CONSOLIDATED_INFO_SHEET}))]
    info_findings: list[Finding] = []
    info = read_fields(calamine_book, info_name, schema.CONSOLIDATED_INFO, display, info_findings,
                       scan=scans.get(info_name))
    if info.values.get("kind") != schema.CONSOLIDATED_KIND:
        return None, [_not_consolidated(display, ("rollup.no_kind", {"sheet": info_name}))]
    findings: list[Finding] = []
    version = info.values.get("template_version")
    if str(version or "").split(".")[0] != schema.TEMPLATE_VERSION.split(".")[0]:
        findings.append(Finding("file-version", display, info_name, info.cells.get("template_version", ""),
                                version or "?", {"expected": schema.TEMPLATE_VERSION}))
    book = Workbook(path, display, sha, kind="consolidated")
    book.fields["info"] = FieldsData("info", info_name, dict(info.values), dict(info.cells))
    unit_name = str(info.values.get("unit_name") or path.stem)
    for sheet in schema.GROUP_SHEETS:
        layout = schema.ledger_sheet(sheet, schema.LEVEL_SECTOR)  # a CĐCS workbook simply has no CĐCS column
        real = sheet_named(sheet.vi, sheet.en)
        if real is None:
            findings.append(Finding("sheet-missing", display, params={"sheet_expected": sheet.key}))
            book.tables[sheet.key] = SheetData(sheet.key, sheet.vi)
            continue
        data = read_table(calamine_book, real, layout, display, findings, scan=scans.get(real))
        data.key = sheet.key
        if sheet.key == "members":
            findings.extend(_members_count(info, data, real, display))
        for row in data.rows:
            if not row.values.get("origin_unit"):
                row.values["origin_unit"] = unit_name
        book.tables[sheet.key] = data
    consolidated = Consolidated(book, dict(info.values), info_name)
    # The KPI and findings sheets are read for what they say, not merged: their own cell notes are not findings.
    kpi_name = sheet_named(schema.KPI_SHEET.vi, schema.KPI_SHEET.en)
    if kpi_name:
        consolidated.kpis = read_table(calamine_book, kpi_name, schema.KPI_SHEET, display, []).rows
    consolidated.texts = read_texts(calamine_book, names, display, scans)
    findings_name = sheet_named(schema.FINDINGS_SHEET.vi, schema.FINDINGS_SHEET.en)
    if findings_name:
        consolidated.findings_sheet = findings_name
        for row in read_table(calamine_book, findings_name, schema.FINDINGS_SHEET, display, []).rows:
            code = CATALOGUE.get(str(row.values.get("code") or "").strip())
            if code is not None and code.severity == Severity.ERROR:
                consolidated.errors.append((code.code, row.number))
    return consolidated, findings


def _members_count(info, members: SheetData, sheet_name: str, display: str) -> Iterator[Finding]:
    """The member count the merge wrote against the member rows there now: rows added or deleted by hand
    after the merge change the sector's figures with no other trace."""
    stated = info.values.get("members")
    if not isinstance(stated, int) or not members.columns:  # no header found: that sheet's own finding
        return
    listed = len(members.rows)
    if listed != stated:
        yield Finding("rollup-members-count", display, info.name, info.cells.get("members", ""), stated,
                      {"expected": listed, "sheet_name": sheet_name})


# ------------------------------------------------------------------ roll-up


def rollup_folder(folder: Path, unit_name: str | None = None, superior_name: str | None = None,
                  lang: str = "vi", progress: Callable[[Path], None] | None = None,
                  jobs: int | None = None) -> Result:
    """Roll up every consolidated workbook in `folder` into one sector-level Result.

    `unit_name` names the sector (default: the superior union the CĐCS workbooks name most often).
    """
    folder = Path(folder)
    report = Report()
    tasks = read_tasks(folder, collect(folder), report, progress, consolidated=True)
    read: list[tuple[str, Consolidated | None, list[Finding]]] = [
        (task.display, consolidated, found)
        for task, (consolidated, found, _) in zip(tasks, read_all(tasks, jobs, progress))]
    paths = {task.display: task.path for task in tasks}
    if not read:  # nothing to roll up: an empty sector workbook and exit 0 would pass for a result
        report.add(Finding("rollup-none", params={"folder": str(folder)}))

    readable = [c for _, c, found in read if c is not None and not _rejects(found)]
    year = _common_year(readable)
    accepted: list[Consolidated] = []
    by_unit: dict[str, Consolidated] = {}
    file_findings: dict[str, list[Finding]] = {}
    for display, consolidated, found in read:
        found = list(found)
        file_findings[display] = found
        if consolidated is None or _rejects(found):
            continue
        book, info = consolidated.book, consolidated.info
        if year and info.get("year") != year:
            book.accepted = False
            found.append(Finding("rollup-year", display, consolidated.info_sheet,
                                 book.fields["info"].cells.get("year", ""), info.get("year") or "?",
                                 {"expected": year}))
            continue
        key = fold(consolidated.unit_name)
        if key in by_unit:
            book.accepted = False
            found.append(Finding("rollup-duplicate-unit", display, consolidated.info_sheet,
                                 book.fields["info"].cells.get("unit_name", ""), consolidated.unit_name,
                                 {"unit": consolidated.unit_name, "other": by_unit[key].book.display}))
            continue
        by_unit[key] = consolidated
        accepted.append(consolidated)

    for i, consolidated in enumerate(accepted, 1):
        info = consolidated.book.fields["info"].values
        info["group_code"] = CODE_FORMAT.format(i)
        info["group_name"] = consolidated.unit_name
        info["units"] = consolidated.info.get("units") or 1
        info["union_groups"] = consolidated.info.get("groups") or 0
    codes = {c.book.display: c.book.group_code for c in accepted}
    for display, found in file_findings.items():
        report.extend(_with_group(f, codes.get(display, "")) for f in found)
    for consolidated in accepted:
        report.extend(_unresolved(consolidated))
        # A 'Cộng' typed over by hand after the merge: the figures sum the periods, the ledger shows the typed one.
        report.extend(check_row_totals(GroupContext(consolidated.book, {}, year)))
    books = [c.book for c in accepted]
    report.extend(check_across_units(books))
    _account(read, paths, report)

    unit = _sector_unit(accepted, year, unit_name, superior_name, lang)
    dataset = Dataset(year=year, unit=unit, policy=_common_policy(accepted), groups=books,
                      expected_groups=[{"group_code": b.group_code, "group_name": b.info["group_name"]}
                                       for b in books],
                      level=schema.LEVEL_SECTOR)
    return Result(dataset, report)


def _rejects(found: Iterable[Finding]) -> bool:
    return any(CATALOGUE[f.code].rejects == "file" for f in found)


def _with_group(found: Finding, group: str) -> Finding:
    if found.group or not group:
        return found
    return Finding(found.code, found.file, found.sheet, found.cell, found.value, found.params, group)


def _common_year(readable: list[Consolidated]) -> int | None:
    years = Counter(c.info.get("year") for c in readable if c.info.get("year"))
    if not years:
        return None
    return max(years, key=lambda y: (years[y], y))  # most workbooks; on a tie, the latest year


def _unresolved(consolidated: Consolidated) -> Iterator[Finding]:
    """Errors the CĐCS has not resolved: its rows and files they rejected are missing from its figures."""
    count = consolidated.unresolved_errors
    if not count:
        return
    codes = Counter(code for code, _ in consolidated.errors)
    listed = ", ".join(f"{code} ×{n}" if n > 1 else code for code, n in codes.most_common(6))
    if len(codes) > 6:
        listed += ", …"
    first_row = min((row for _, row in consolidated.errors if row), default=0)
    if first_row:
        sheet, cell = consolidated.findings_sheet, f"A{first_row}"
    else:  # no findings sheet to point at: the count on the info sheet
        sheet, cell = consolidated.info_sheet, consolidated.book.fields["info"].cells.get("errors", "")
    yield Finding("rollup-unresolved-errors", consolidated.book.display, sheet, cell, count,
                  {"unit": consolidated.unit_name, "codes": listed or "?"}, consolidated.book.group_code)


def check_across_units(books: Iterable[Workbook]) -> Iterator[Finding]:
    """The same CCCD in two rolled-up workbooks: one member counted by two CĐCS.

    Reported at the member's cell in the later workbook, naming the CĐCS (and cell) of the first.
    Repeats inside one workbook were that workbook's own merge's finding.
    """
    first: dict[str, tuple[Workbook, str, str]] = {}
    for book in books:
        members = book.tables.get("members")
        if members is None:
            continue
        here: dict[str, tuple[Workbook, str, str]] = {}
        for row in members.accepted():
            cccd = row.values.get("cccd")
            if not valid_cccd(cccd) or cccd in here:
                continue
            cell = members.cell(row, "cccd")
            here[cccd] = (book, cell, row.values.get("origin_unit") or book.info.get("group_name") or "")
            if cccd in first:
                other_book, other_cell, other_unit = first[cccd]
                yield Finding("cccd-duplicate-units", book.display, members.name, cell, cccd,
                              {"name": row.values.get("full_name") or "?", "other_unit": other_unit,
                               "other": f"{other_book.display} '{members.name}'!{other_cell}"},
                              book.group_code)
        for cccd, seen in here.items():
            first.setdefault(cccd, seen)


def _account(read: list[tuple[str, Consolidated | None, list[Finding]]], paths: dict[str, Path],
             report: Report) -> None:
    """Every ledger row read is accepted or rejected; a rejected workbook rejects all its rows."""
    for display, consolidated, _ in read:
        if consolidated is None:
            report.files.append(FileRecord(display, kind="rejected", path=paths.get(display)))
            continue
        book = consolidated.book
        record = FileRecord(display, book.sha256, "consolidated" if book.accepted else "rejected",
                            book.group_code if book.accepted else "", path=book.path)
        account_rows(book, record, report)


def _common_policy(accepted: list[Consolidated]) -> dict[str, int | None]:
    """A rate every CĐCS shares; None where they differ (the report then shows no single rate)."""
    policy: dict[str, int | None] = {}
    for f in schema.POLICY.fields:
        values = {c.info.get(f.key) for c in accepted if c.info.get(f.key) is not None}
        policy[f.key] = values.pop() if len(values) == 1 else (None if accepted else f.default)
    return policy


def _sector_unit(accepted: list[Consolidated], year: int | None, unit_name: str | None,
                 superior_name: str | None, lang: str) -> Workbook:
    """The sector's own 'unit workbook', made from what the CĐCS workbooks say: no file stands behind it."""
    superiors = Counter(c.info.get("superior_name") for c in accepted if c.info.get("superior_name"))
    openings = [c.info.get("mutual_opening_balance") for c in accepted]
    new = [c.info.get("new_members") for c in accepted]
    values = {
        "year": year,
        "unit_name": unit_name or (superiors.most_common(1)[0][0] if superiors else ""),
        "superior_name": superior_name or "",
        "mutual_opening_balance": sum(o or 0 for o in openings),
        "new_members": sum(new) if new and all(n is not None for n in new) else None,
    }
    unit = Workbook(Path(""), "", kind="unit")
    unit.fields[schema.UNIT_INFO.key] = FieldsData(schema.UNIT_INFO.key, "", values)
    unit.tables["kpis"] = SheetData("kpis", "", rows=list(_sector_kpis(accepted, lang)))
    # The sector's own text is written in its Word report; the figures inside it add up.
    unit.fields[FACTS_KEY] = FieldsData(FACTS_KEY, "", summed_facts([c.texts for c in accepted]))
    return unit


def _sector_kpis(accepted: list[Consolidated], lang: str) -> Iterator[Row]:
    """Targets the CĐCS assess themselves: at sector level, how many CĐCS met each one.
    (1), (8) and (10) are computed from the rolled-up rows by tables.kpi_results."""
    for kpi in schema.KPIS:
        if kpi.decided_by_data:
            continue
        statuses = {c.unit_name: next((r.values.get("status") for r in c.kpis
                                       if r.values.get("number") == kpi.number), None) for c in accepted}
        assessed = {name: s for name, s in statuses.items() if s}
        if not assessed:
            continue
        met = [name for name, s in assessed.items() if s == "met"]
        not_met = [_short(name) for name, s in assessed.items() if s != "met"]
        result = i18n.text("rollup.kpi_met", lang).format(met=len(met), units=len(accepted))
        if not_met:
            result += i18n.text("rollup.kpi_not_met", lang).format(units=", ".join(not_met))
        status = "met" if len(met) == len(accepted) else "not_met"
        yield Row(0, {"number": kpi.number, "result": result, "status": status})


def _short(unit_name: str) -> str:
    """'Công đoàn cơ sở Bệnh viện X' -> 'CĐCS Bệnh viện X': lists of unions stay readable."""
    prefix = "công đoàn cơ sở "
    return "CĐCS " + unit_name[len(prefix):] if unit_name.lower().startswith(prefix) else unit_name


def load_consolidated(path: Path) -> Result:
    """One consolidated workbook read back as a (one-workbook) roll-up, e.g. last year's for a comparison.

    Raises MergeUsageError when the file is not a consolidated workbook.
    """
    path = Path(path)
    if not path.is_file():
        raise MergeUsageError(i18n.both("usage.no_file", path=path))
    [(consolidated, found, _)] = read_all([ReadTask(path, path.name, consolidated=True)], 1)
    if consolidated is None or _rejects(found):
        detail = "; ".join(f.message() for f in found) or "?"
        raise MergeUsageError(f"'{path}' {i18n.both('usage.not_consolidated')} ({detail})")
    report = Report(findings=list(found))
    info = consolidated.book.fields["info"].values
    info["group_code"] = CODE_FORMAT.format(1)
    info["group_name"] = consolidated.unit_name
    info["units"] = consolidated.info.get("units") or 1
    info["union_groups"] = consolidated.info.get("groups") or 0
    unit = _sector_unit([consolidated], consolidated.info.get("year"), consolidated.unit_name,
                        consolidated.info.get("superior_name"), "vi")
    dataset = Dataset(year=consolidated.info.get("year"), unit=unit, policy=_common_policy([consolidated]),
                      groups=[consolidated.book], level=schema.LEVEL_SECTOR)
    return Result(dataset, report)
