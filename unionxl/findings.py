"""Findings are data: a stable code, a severity, a place and the value seen.

Every check yields Finding objects; one Report collects them with the row
account and feeds the console, the JSON output and the findings sheet. The
catalogue below is the only place a finding's wording lives; `docs/findings.md`
is generated from it (`unionxl codes --markdown`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, Iterable

from . import i18n


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"  # something skipped on purpose (a lock file); never changes the exit code

    def label(self, lang: str = "vi") -> str:
        return i18n.text(f"severity.{self.value}", lang)


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    rejects: str = ""  # "row" or "file" when the finding keeps data out of the merge

    def template(self, lang: str = "vi") -> str:
        """The message over the finding's raw params, with i18n's format specs ({expected:vnd}); its
        wording is the catalogue's `finding.<code>` (unionxl/texts/findings.py)."""
        return i18n.text(f"finding.{self.code}", lang)


E, W, N = Severity.ERROR, Severity.WARNING, Severity.NOTE

CATALOGUE: dict[str, Code] = {c.code: c for c in (
    # --- files
    Code("file-skipped", N),
    Code("file-unreadable", E, "file"),
    Code("file-encrypted", E, "file"),
    # An .xls Excel encrypted with its built-in password: a protected workbook, opened without asking.
    Code("file-xls-protected", E, "file"),
    Code("file-too-large", E, "file"),
    Code("file-unsafe", E, "file"),
    # A worker that read the file died or was stopped (unionxl.isolation); the other files go on.
    Code("file-crashed-reader", E, "file"),
    Code("file-timeout", E, "file"),
    Code("file-memory", E, "file"),
    Code("file-xlsb", E, "file"),
    Code("file-link-outside", E, "file"),
    Code("file-not-unionxl", E, "file"),
    Code("file-not-group", E, "file"),
    Code("file-version", E, "file"),
    Code("file-year", E, "file"),
    Code("group-duplicate-file", E, "file"),
    Code("group-code-reused", E, "file"),
    Code("group-file-name", W),
    Code("group-unknown", E, "file"),
    Code("group-code-normalised", W),
    Code("group-listed-twice", W),
    Code("policy-rate-zero", W),
    # --- the web desk: a workbook sent through a group's upload link that is not that group's
    Code("upload-unit-workbook", E, "file"),
    Code("upload-other-group", E, "file"),
    Code("group-missing", E),
    Code("unit-missing", E),
    Code("unit-duplicate", E, "file"),
    # --- the report's text (unit workbook, sheet 'Nội dung báo cáo')
    Code("report-text-missing", N),
    Code("report-text-previous", W),
    Code("report-fact-missing", N),
    Code("report-section-unknown", W, "row"),
    Code("report-sheet-missing", N),
    # --- sheets and columns
    Code("sheet-duplicate", W),
    Code("sheet-missing", E),
    Code("header-missing", E, "row"),
    Code("column-missing", E, "row"),
    Code("column-unknown", N),
    Code("columns-shifted", W),
    Code("table-beside", W),
    Code("row-summary", N),
    # --- cells
    Code("cell-required", E, "row"),
    Code("cell-bad-string", E, "row"),
    Code("cell-too-long", E, "row"),
    Code("cell-amount-too-large", E, "row"),
    Code("cell-type", E, "row"),
    Code("cell-choice", E, "row"),
    Code("cell-choice-normalised", W),
    Code("amount-as-text", W),
    Code("date-as-text", W),
    Code("date-incomplete", W),
    Code("date-us-swapped", W),
    Code("date-us-text", W),
    Code("amount-mark", W),
    Code("amount-thousands", W),
    Code("text-legacy-encoding", W),
    Code("cell-negative", E, "row"),
    Code("cell-formula-error", E, "row"),
    Code("cell-formula-no-value", W),
    Code("cell-merged", W),
    # --- citizen ids
    Code("cccd-length", E),
    Code("cccd-lost-zero", W),
    Code("cccd-phone", E),
    Code("cccd-gender-century", E),
    Code("cccd-birth-year", E),
    Code("cccd-province", E),
    Code("cccd-duplicate", E),
    Code("cccd-duplicate-groups", E),
    # --- members across sheets
    Code("member-unknown", E),
    Code("member-linked-by-name", W),
    Code("member-age-young", W),
    Code("member-age-retired", W),
    # --- totals
    Code("declared-total", E),
    Code("row-total", E),
    Code("contribution-arrears", W),
    Code("contribution-arrears-noted", N),
    Code("contribution-rate", W),
    Code("member-no-contribution", W),
    Code("trip-support-rate", W),
    Code("trip-support-rate-noted", N),
    # --- loans
    Code("loan-cap", E),
    Code("loan-non-member", E),
    Code("loan-overpaid", E),
    Code("loan-outstanding", E),
    Code("loan-fund-exceeded", E),
    # --- welfare
    Code("welfare-duplicate", E),
    Code("welfare-missing", W),
    Code("welfare-missing-noted", N),
    Code("welfare-rate", W),
    # --- roll-up of consolidated workbooks (sector union)
    Code("rollup-none", E),
    Code("rollup-not-consolidated", E, "file"),
    Code("rollup-year", E, "file"),
    Code("rollup-duplicate-unit", E, "file"),
    Code("rollup-unresolved-errors", E),
    Code("rollup-members-count", E),
    Code("cccd-duplicate-units", E),
    # --- this year against last year
    Code("previous-opening-balance", E),
    Code("previous-other-unit", W),
    # --- outputs: a fast path that stepped aside (the output is complete, written the slow way)
    Code("output-slow-path", N),
    Code("output-failed", W),
)}


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    file: str = ""  # path as given, relative to the input folder
    sheet: str = ""  # the sheet's name in that file
    cell: str = ""  # A1 reference, or "" for a whole file / sheet
    value: Any = None  # what was seen
    params: dict = field(default_factory=dict)
    group: str = ""  # group code, when known

    @property
    def severity(self) -> Severity:
        return CATALOGUE[self.code].severity

    @property
    def place(self) -> str:
        if not self.sheet:
            return ""
        quoted = "'" + self.sheet.replace("'", "''") + "'"
        return f"{quoted}!{self.cell}" if self.cell else quoted

    def message(self, lang: str = "vi") -> str:
        """The message in `lang`: raw params rendered by the catalogue's format specs at this point only."""
        return i18n.render(CATALOGUE[self.code].template(lang), lang, **{"group": self.group, **self.params, "value": self.value})

    def shown_value(self, lang: str = "vi") -> str:
        """The value as read, invisible characters made visible (SPEC §8); '' when nothing was read."""
        return "" if self.value is None else i18n.show(self.value, "", lang)

    def to_dict(self, lang: str = "vi") -> dict:
        return {
            "code": self.code,
            "severity": str(self.severity),
            "group": self.group,
            "file": self.file,
            "sheet": self.sheet,
            "cell": self.cell,
            "place": self.place,
            "value": self.shown_value(lang),
            "message": self.message(lang),
        }


@dataclass
class SheetAccount:
    """Rows of one sheet kind over all inputs: read = accepted + rejected. A totals line an officer
    added under a list ('Cộng') is read and rejected (it is not a record); `summary` counts those."""

    read: int = 0
    accepted: int = 0
    rejected: int = 0
    summary: int = 0


@dataclass
class FileRecord:
    """Provenance of one input file."""

    display: str  # the name findings give the file (relative to the input folder)
    sha256: str = ""
    kind: str = ""  # "group", "unit", "consolidated", "skipped", "rejected"
    group: str = ""
    rows_read: int = 0
    rows_accepted: int = 0
    rows_rejected: int = 0
    rows_summary: int = 0  # of the rejected: totals lines, not records
    path: Path | None = None  # the input file itself: feedback copies are made from it


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    files: list[FileRecord] = field(default_factory=list)
    # sheet key -> account; the invariant read == accepted + rejected is tested
    account: dict[str, SheetAccount] = field(default_factory=lambda: defaultdict(SheetAccount))

    def add(self, finding: Finding) -> None:
        self.findings.append(finding)

    def extend(self, findings: Iterable[Finding]) -> None:
        self.findings.extend(findings)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def errors(self) -> int:
        return self.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        return self.count(Severity.WARNING)

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0

    def codes(self) -> Counter:
        return Counter(f.code for f in self.findings)

    def sorted(self) -> list[Finding]:
        order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTE: 2}
        return sorted(self.findings, key=lambda f: (f.group or "~", f.file, order[f.severity], f.sheet,
                                                    _cell_sort_key(f.cell), f.code))


def _cell_sort_key(cell: str) -> tuple[int, str]:
    letters = cell.rstrip("0123456789")
    digits = cell[len(letters):]
    return (int(digits) if digits else 0, letters.rjust(3))


def catalogue_markdown() -> str:
    """docs/findings.md: every code with its severity and both wordings (generated; do not edit)."""

    def both(key: str, joiner: str = " / ") -> str:
        return i18n.text(key, "vi") + joiner + i18n.text(key, "en")

    def example(spec: str, param: str, value) -> str:
        shown = " / ".join(i18n.show(value, spec, lang) for lang in i18n.LANGS)
        return f"`{{{param}:{spec}}}` → {shown}"

    columns = " | ".join(both(f"finding_doc.col.{key}") for key in ("code", "severity", "rejects"))
    lines = [
        "# " + both("finding_doc.title"),
        "",
        "<!-- Generated by `unionxl codes --markdown > docs/findings.md`; a test fails when it is stale. -->",
        "",
        i18n.text("finding_doc.intro", "vi"),
        "",
        i18n.text("finding_doc.intro", "en"),
        "",
        i18n.text("finding_doc.params", "vi") + " / " + i18n.text("finding_doc.params", "en").format(
            examples=", ".join((example("vnd", "expected", 200_000), example("period", "period", "q4"),
                                example("column", "column", "members.cccd")))),
        "",
        f"| {columns} | {i18n.text('finding_doc.col.message', 'vi')} (vi) | "
        f"{i18n.text('finding_doc.col.message', 'en')} (en) |",
        "|---|---|---|---|---|",
    ]
    for code in CATALOGUE.values():
        sev = f"{code.severity.label('vi')} / {code.severity.label('en')}"
        vi = code.template("vi").replace("|", "\\|")
        en = code.template("en").replace("|", "\\|")
        lines.append(f"| `{code.code}` | {sev} | {code.rejects or '—'} | {vi} | {en} |")
    lines += ["", "## " + both("finding_doc.legal_title"), ""]
    lines += [f"- `{code}`: " + both(f"finding_doc.legal.{code}", " ") for code in AGE_CHECKS]
    return "\n".join(lines) + "\n"


AGE_CHECKS = ("member-age-young", "member-age-retired")
"""The checks whose legal basis docs/findings.md cites (finding_doc.legal.<code>)."""
