"""The merge's report as a person reads it in a terminal. (The JSON is an output: writers/json.py.)"""

from __future__ import annotations

from collections import defaultdict

from . import schema
from .findings import Severity
from .i18n import number, t
from .result import Result

DETAIL_LIMIT = 40  # findings shown per group unless --all


def render(result: Result, lang: str = "vi", show_all: bool = False) -> str:
    report, dataset = result.report, result.dataset
    lines: list[str] = []
    unit_name = dataset.unit_info.get("unit_name") or "?"
    sector = dataset.level != "unit"
    lines.append(t("console.sector_line" if sector else "console.unit_line", lang, unit=unit_name,
                   year=dataset.year or "?", groups=len(dataset.groups), expected=len(dataset.expected_groups) or "?"))
    lines.append("")
    by_group: dict[str, list] = defaultdict(list)
    for finding in report.sorted():
        by_group[finding.group].append(finding)
    names = {str(g.get("group_code")): g.get("group_name") or "" for g in dataset.expected_groups}
    rows_of = {f.group: f for f in report.files if f.group and f.kind in ("group", "consolidated")}
    lines.append(t("console.per_unit" if sector else "console.per_group", lang))
    col = t("console.col_unit" if sector else "console.col_group", lang)
    rows, errors, warnings = (t(f"console.col_{c}", lang) for c in ("rows", "errors", "warnings"))
    header = f"  {col:<42} {rows:>6} {errors:>5} {warnings:>9}"
    lines.append(header)
    codes = sorted(set(names) | {g for g in by_group if g})
    for code in codes:
        found = by_group.get(code, [])
        errors = sum(1 for f in found if f.severity == Severity.ERROR)
        warnings = sum(1 for f in found if f.severity == Severity.WARNING)
        record = rows_of.get(code)
        label = f"{code} {names.get(code, '')}"[:42]
        lines.append(f"  {label:<42} {record.rows_read if record else '-':>6} {errors:>5} {warnings:>9}")
    lines.append("")
    if report.findings:
        lines.append(t("console.details", lang))
        for code in [g for g in by_group if g] + ([""] if "" in by_group else []):
            found = by_group[code]
            title = f"{code} {names.get(code, '')}".strip() if code else t("console.whole_run", lang)
            lines.append(f"── {title}")
            shown = found if show_all else found[:DETAIL_LIMIT]
            for f in shown:
                place = f"{f.file} {f.place}".strip()
                lines.append(f"  [{f.severity.label(lang)}] {f.code} · {place}")
                lines.append(f"      {f.message(lang)}")
            if len(found) > len(shown):
                lines.append("      " + t("console.more", lang, n=len(found) - len(shown)))
        lines.append("")
    if result.comparison is not None:
        lines += _comparison_lines(result.comparison, lang)
    lines.append(t("account", lang))
    for key, account in report.account.items():
        sheet = schema.table_sheet(key)
        line = "  " + t("console.account_line", lang, sheet=sheet.name(lang), read=account.read,
                        accepted=account.accepted, rejected=account.rejected)
        if account.summary:
            line += " " + t("console.account_summary", lang, n=account.summary)
        lines.append(line)
    lines.append("")
    lines.append(t("console.result", lang, errors=report.errors, warnings=report.warnings,
                   notes=report.count(Severity.NOTE)))
    verdict = ("console.fix_sector" if sector else "console.fix") if report.errors else "console.ok"
    lines.append(t(verdict, lang))
    return "\n".join(lines)


def _comparison_lines(comparison, lang: str) -> list[str]:
    """Last year / this year / change for each headline figure, and the membership changes."""
    def show(value):
        return "" if value is None else number(value, lang)

    lines = [t("console.compared", lang, year=comparison.previous_year or "?", file=comparison.previous_file)]
    width = max(len(c.headline.label(lang)) for c in comparison.changes)
    for c in comparison.changes:
        label = c.headline.label(lang)
        delta = ("+" if c.delta > 0 else "") + show(c.delta) if c.delta else "0"
        lines.append(f"  {label:<{width}} {show(c.previous):>14} {show(c.current):>14} {delta:>13}")
    lines.append("  " + t("console.moves", lang, left=len(comparison.left), joined=len(comparison.joined)))
    if comparison.previous_closing is not None:
        lines.append("  " + t("console.opening_vs_closing", lang, closing=show(comparison.previous_closing),
                               opening=show(comparison.opening_balance)))
    lines.append("")
    return lines
