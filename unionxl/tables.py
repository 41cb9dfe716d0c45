"""Dataset -> the report's figures. Numbers only; writers format them.

Every figure of the annual report (seed §I and §II) is computed here once, so
the console, the JSON, the consolidated workbook and the Word report agree.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from . import i18n, schema
from .figures import (Figures, GroupTotals, Loans, MutualFund, NotRecorded, TravelFund, WelfareKind, fund_position,
                      paid)
from .findings import Report, Severity
from .fmt import percent
from .model import Dataset


def _count(rows, key: str) -> Counter:
    return Counter(r.values.get(key) for r in rows)


def compute_figures(dataset: Dataset) -> Figures:
    """Every figure of the report, computed once per dataset (a dataset does not change after
    the merge returns it; the console, the JSON and each writer ask for the same figures)."""
    cached = dataset.__dict__.get("_figures")
    if cached is None:
        cached = dataset.__dict__["_figures"] = _compute_figures(dataset)
    return cached


def uniform(amounts) -> int | None:
    """The one amount every payment had, or None when they differ (or there are none)."""
    seen = {a for a in amounts if a}
    return seen.pop() if len(seen) == 1 else None


def _compute_figures(dataset: Dataset) -> Figures:
    members = [row for _, row in dataset.rows("members")]
    travel = [row for _, row in dataset.rows("travel_fund")]
    mutual = [row for _, row in dataset.rows("mutual_fund")]
    loan_rows = [row for _, row in dataset.rows("loans")]
    gender = _count(members, "gender")
    per_group = {book.group_code: GroupTotals.of(book) for book in dataset.groups}
    total = sum(per_group.values(), GroupTotals())

    welfare_rows: dict[str, list] = {}
    for _, row in dataset.rows("welfare"):
        welfare_rows.setdefault(row.values.get("kind"), []).append(row)
    welfare = {}
    for kind, rows in welfare_rows.items():
        sources = _count(rows, "source")
        welfare[kind] = WelfareKind(len(rows), sum(r.values.get("amount") or 0 for r in rows),
                                    sources["unit"], sources["sector"], sources["other"],
                                    uniform(r.values.get("amount") for r in rows))
    info = dataset.unit_info
    fund = fund_position(info.get("mutual_opening_balance") or 0, totals=total)
    new_declared = info.get("new_members")
    new_from_dates = sum(1 for r in members if r.values.get("join_date") and dataset.year
                         and r.values["join_date"].year == dataset.year)
    sector = dataset.level != "unit"
    level_counts = _count(members, "professional_level")
    theory_counts = _count(members, "political_theory")
    studying_counts = _count(members, "studying_political")
    return Figures(
        year=dataset.year,
        level=dataset.level,
        unit_name=info.get("unit_name") or "",
        superior_name=info.get("superior_name") or "",
        place=info.get("place") or "",
        chair_name=info.get("chair_name") or "",
        groups=len(dataset.groups),
        groups_expected=len(dataset.expected_groups),
        # At sector level each workbook merged is a consolidated one that says how many CĐCS and
        # groups it holds; a group workbook is one group.
        units=sum(b.info.get("units") or 1 for b in dataset.groups) if sector else 1,
        union_groups=sum(b.info.get("union_groups") or 0 for b in dataset.groups) if sector
        else len(dataset.groups),
        members=len(members),
        male=gender["male"],
        female=gender["female"],
        general_education=dict(_count(members, "general_education")),
        professional_level={c.key: level_counts[c.key] for c in schema.PROFESSIONAL_LEVEL.choices},
        party_members=total.party_members,
        political_theory={c.key: theory_counts[c.key] for c in schema.POLITICAL_THEORY.choices if c.key != "none"},
        studying_political={c.key: studying_counts[c.key] for c in schema.STUDYING_POLITICAL.choices},
        social_fund=sum(1 for r in members if r.values.get("social_fund") == "yes"),
        software_recorded=sum(1 for r in members if r.values.get("software_recorded") == "yes"),
        new_members=new_declared if new_declared is not None else new_from_dates,
        travel_fund=TravelFund(
            rate=dataset.policy.get("travel_monthly"),
            contributors=sum(1 for r in travel if paid(r, "travel_fund")),
            collected=total.travel_collected,
            trip_support_count=total.trip_support_count,
            trip_support_amount=total.trip_support_amount,
            trip_support_each=uniform(r.values.get("trip_support") for r in travel),
        ),
        mutual_fund=MutualFund(
            rate=dataset.policy.get("mutual_quarterly"),
            contributors=sum(1 for r in mutual if paid(r, "mutual_fund")),
            collected=total.mutual_collected,
            unpaid_periods=total.mutual_unpaid_periods,
            opening_balance=fund.opening,
            balance=fund.balance,
            repaid=fund.repaid,
            closing_balance=fund.closing,
        ),
        loans=Loans(count=total.loans_count, amount=total.loans_amount, repaid=total.loans_repaid,
                    cap=dataset.policy.get("loan_cap"), each=uniform(r.values.get("amount") for r in loan_rows)),
        welfare=welfare,
        visits=sum(welfare[k].count for k in schema.VISIT_WELFARE if k in welfare),
        per_group=per_group,
        not_recorded=[NotRecorded(b.group_code, r.values.get("full_name") or "", r.values.get("note") or "")
                      for b, r in dataset.rows("members") if r.values.get("software_recorded") != "yes"],
    )


# ------------------------------------------------------------ report tables
#
# The report tables are built here once, from the figures, so the consolidated
# workbook and the Word report show the same rows. Cells hold plain values:
# numbers stay numbers, a share is a Share(part, whole) that each writer
# formats (fmt.percent in Word, a percent number format in Excel), and text is
# only ever a label.


class Share(NamedTuple):
    """part of whole, shown as a percent by the writers (fmt.percent)."""

    part: int
    whole: int

    @property
    def value(self) -> float | None:
        return self.part / self.whole if self.whole else None


@dataclass
class ReportTable:
    key: str
    title: str
    headers: list[str]
    rows: list[list[Any]]
    # per column: "text", "int", "amount" or "share" — how a writer should format the cells
    kinds: list[str] = field(default_factory=list)
    total_row: bool = False  # the last row is a total


@dataclass
class KpiResult:
    number: int
    key: str
    target: str  # the target as the sector union set it
    result: str  # what was achieved (a label: "307/307 (100%)", or the treasurer's text)
    status: str | None  # "met", "not_met" or None when nobody assessed it
    part: int | None = None  # for the data-decided targets
    whole: int | None = None


def kpi_results(dataset: Dataset, figures: Figures | None = None, lang: str = "vi") -> list[KpiResult]:
    """The 11 targets of the sector union: (1), (8), (10) from the data, the rest from the unit workbook."""
    figures = figures or compute_figures(dataset)
    entered = {}
    sheet = dataset.unit.tables.get("kpis") if dataset.unit else None
    for row in sheet.accepted() if sheet else ():
        if row.values.get("number") is not None:
            entered.setdefault(row.values["number"], row.values)
    members = figures.members
    results = []
    for kpi in schema.KPIS:
        row = entered.get(kpi.number, {})
        target = kpi.label(lang)
        if kpi.key == "social_fund":
            part = figures.social_fund
            status = "met" if members and part == members else "not_met"
            results.append(KpiResult(kpi.number, kpi.key, target,
                                     f"{part}/{members} ({percent(part, members, lang)})", status, part, members))
        elif kpi.key == "member_software":
            part = figures.software_recorded
            status = "met" if members and part == members else "not_met"
            results.append(KpiResult(kpi.number, kpi.key, target,
                                     f"{part}/{members} ({percent(part, members, lang)})", status, part, members))
        elif kpi.key == "fund_models":
            travel, mutual = figures.travel_fund.contributors, figures.mutual_fund.contributors
            status = "met" if travel and mutual else "not_met"
            result = i18n.text("table.travel_fund_members_contributing_mutual", lang).format(travel=travel, mutual=mutual)
            results.append(KpiResult(kpi.number, kpi.key, target, result, status))
        else:
            results.append(KpiResult(kpi.number, kpi.key, target, str(row.get("result") or ""),
                                     row.get("status") or None))
    return results


def report_tables(dataset: Dataset, lang: str = "vi", report: Report | None = None) -> list[ReportTable]:
    """Tables (a)-(f) of the annual report."""
    f = compute_figures(dataset)
    total = f.members
    tables: list[ReportTable] = []

    def label(lst: schema.ChoiceList, key: str) -> str:
        try:
            return lst.label(key, lang)
        except KeyError:
            return str(key)

    # (a) quantity
    tables.append(ReportTable(
        "quantity", i18n.text("table.title_members", lang),
        [i18n.text("table.item", lang), i18n.text("table.number", lang), i18n.text("table.share", lang)],
        [[i18n.text("table.union_members", lang), total, None],
         [i18n.text("table.male", lang), f.male, Share(f.male, total)],
         [i18n.text("table.female", lang), f.female, Share(f.female, total)],
         *([[i18n.text("table.grassroots_unions", lang), f.units, None]] if f.level != "unit" else []),
         [i18n.text("table.union_groups", lang), f.union_groups, None],
         [i18n.text("table.new_members_admitted_this_year", lang), f.new_members, None]],
        ["text", "int", "share"]))

    # (b) quality
    rows: list[list[Any]] = []
    for key, n in sorted(f.general_education.items(), key=lambda kv: _order(schema.GENERAL_EDUCATION, kv[0])):
        rows.append([i18n.text("table.general_education", lang) + label(schema.GENERAL_EDUCATION, key),
                     n, Share(n, total)])
    for key, n in f.professional_level.items():
        rows.append([i18n.text("table.professional_level", lang) + label(schema.PROFESSIONAL_LEVEL, key),
                     n, Share(n, total)])
    rows.append([i18n.text("table.party_members", lang), f.party_members, Share(f.party_members, total)])
    for key, n in f.political_theory.items():
        rows.append([i18n.text("table.political_theory", lang) + label(schema.POLITICAL_THEORY, key),
                     n, Share(n, total)])
    for key, n in f.studying_political.items():
        if n or key == "tcllct":
            rows.append([label(schema.STUDYING_POLITICAL, key), n, None])
    tables.append(ReportTable("quality", i18n.text("table.title_members_qualifications", lang),
                              [i18n.text("table.item", lang), i18n.text("table.people", lang), i18n.text("table.share", lang)],
                              rows, ["text", "int", "share"]))

    # (c) funds
    travel, mutual, loans = f.travel_fund, f.mutual_fund, f.loans
    trip_each = travel.trip_support_each
    if trip_each is None and travel.trip_support_count:
        trip_each = dataset.policy.get("trip_support")
    rows = [
        [i18n.text("table.travel_fund_members_contributing_monthly", lang),
         travel.contributors, travel.rate, travel.collected],
        [i18n.text("table.travel_fund_trip_support_per_member", lang),
         travel.trip_support_count, trip_each, travel.trip_support_amount],
        [i18n.text("table.mutual_aid_fund_members_contributing_qua", lang),
         mutual.contributors, mutual.rate, mutual.collected],
        [i18n.text("table.mutual_aid_fund_member_quarters_unpaid", lang),
         mutual.unpaid_periods, mutual.rate, mutual.unpaid_periods * (mutual.rate or 0)],
        [i18n.text("table.mutual_aid_fund_opening_balance", lang),
         None, None, mutual.opening_balance],
        [i18n.text("table.loans_from_the_mutual_aid_fund_per_loan", lang),
         loans.count, loans.each, loans.amount],
        [i18n.text("table.loans_repaid", lang), None, None, loans.repaid],
        [i18n.text("table.mutual_aid_fund_balance_opening_collecte", lang),
         None, None, mutual.balance],
        [i18n.text("table.mutual_aid_fund_closing_balance_with_rep", lang),
         None, None, mutual.closing_balance],
    ]
    tables.append(ReportTable("funds", i18n.text("table.title_travel_fund_mutual_aid_fund_and_loans", lang),
                              [i18n.text("table.item_2", lang), i18n.text("table.number", lang), i18n.text("table.rate_vnd", lang),
                               i18n.text("table.amount_vnd", lang)],
                              rows, ["text", "int", "amount", "amount"]))

    # (d) welfare
    welfare = f.welfare
    rows = []
    for kind in schema.WELFARE_KIND.choices:
        if kind.key not in welfare and kind.key not in (*schema.PER_HEAD_WELFARE, *schema.PER_GROUP_WELFARE,
                                                        "hardship_gift"):
            continue
        entry = f.welfare_of(kind.key)
        rate = entry.each
        if rate is None and kind.key in schema.WELFARE_RATE:
            rate = dataset.policy.get(schema.WELFARE_RATE[kind.key]) if not entry.count else None
        rows.append([kind.label(lang), entry.count, rate, entry.amount, entry.sector, entry.unit, entry.other])
    visits = [f.welfare_of(k) for k in schema.VISIT_WELFARE]
    rows.append([i18n.text("table.of_which_visits_sickness_wedding_funeral", lang),
                 f.visits, None, sum(v.amount for v in visits), sum(v.sector for v in visits),
                 sum(v.unit for v in visits), sum(v.other for v in visits)])
    rows.append([i18n.text("table.total_welfare", lang), sum(e.count for e in welfare.values()), None,
                 sum(e.amount for e in welfare.values()), sum(e.sector for e in welfare.values()),
                 sum(e.unit for e in welfare.values()), sum(e.other for e in welfare.values())])
    tables.append(ReportTable("welfare", i18n.text("table.title_welfare", lang),
                              [i18n.text("table.kind", lang), i18n.text("table.count", lang), i18n.text("table.rate_vnd", lang),
                               i18n.text("table.amount_vnd", lang), i18n.text("table.by_sector_union", lang),
                               i18n.text("table.by_grassroots_union", lang), i18n.text("table.other_source", lang)],
                              rows, ["text", "int", "amount", "amount", "int", "int", "int"], total_row=True))

    # (e) KPIs
    status_label = {c.key: c.label(lang) for c in schema.KPI_STATUS.choices}
    tables.append(ReportTable(
        "kpis", i18n.text("table.title_targets_set_by_the_sector_union", lang),
        [i18n.text("table.no", lang), i18n.text("table.target", lang), i18n.text("table.result", lang), i18n.text("table.assessment", lang)],
        [[k.number, k.target, k.result, status_label.get(k.status or "", "")]
         for k in kpi_results(dataset, f, lang)],
        ["int", "text", "text", "text"]))

    # (f) per group
    tables.append(group_table(dataset, f, lang, report))
    return tables


def _order(lst: schema.ChoiceList, key: str) -> int:
    keys = [c.key for c in lst.choices]
    return keys.index(key) if key in keys else len(keys)


GROUP_COLUMNS = ("members", "male", "female", "party_members", "travel_collected", "mutual_collected",
                 "loans_count", "loans_amount", "welfare_amount")
"""The per-group figures the summary shows, in order (GroupTotals attributes)."""


def group_table(dataset: Dataset | None, figures: Figures, lang: str = "vi",
                report: Report | None = None) -> ReportTable:
    """(f) one row per group: received groups in the unit's order, then expected groups that sent nothing.
    At sector level, one row per CĐCS."""
    sector = figures.level != "unit"
    per_group = figures.per_group
    names = {}
    if dataset is not None:
        names = {str(g.get("group_code")): g.get("group_name") or "" for g in dataset.expected_groups}
        for book in dataset.groups:
            names.setdefault(book.group_code, book.info.get("group_name") or "")
    codes = list(per_group) + [c for c in names if c not in per_group]
    errors: Counter = Counter()
    warnings: Counter = Counter()
    for finding in report.findings if report else ():
        if finding.severity == Severity.ERROR:
            errors[finding.group] += 1
        elif finding.severity == Severity.WARNING:
            warnings[finding.group] += 1
    rows = []
    for code in codes:
        g = per_group.get(code)
        rows.append([code, names.get(code, ""), *((getattr(g, k) if g else None) for k in GROUP_COLUMNS),
                     errors[code] if report else None, warnings[code] if report else None])
    code_header, name_header = ((i18n.text("table.code", lang), i18n.text("table.grassroots_union", lang)) if sector
                                else (i18n.text("table.group_code", lang), i18n.text("table.group_name", lang)))
    headers = [code_header, name_header, i18n.text("table.members", lang), i18n.text("table.male", lang),
               i18n.text("table.female", lang), i18n.text("table.party_members", lang), i18n.text("table.travel_fund_collected", lang),
               i18n.text("table.mutual_aid_fund_collected", lang), i18n.text("table.loans", lang),
               i18n.text("table.amount_lent", lang), i18n.text("table.welfare_paid", lang), i18n.text("table.errors", lang),
               i18n.text("table.warnings", lang)]
    kinds = ["text", "text", "int", "int", "int", "int", "amount", "amount", "int", "amount", "amount", "int", "int"]
    received = sum(1 for code in codes if code in per_group)
    total = [i18n.text("table.total", lang), i18n.text("table.unions", lang).format(received=received) if sector
             else i18n.text("table.groups", lang).format(received=received),
             *(sum(row[c] or 0 for row in rows) for c in range(2, len(headers)))]
    title = (i18n.text("table.title_figures_by_grassroots_union", lang) if sector
             else i18n.text("table.title_figures_by_union_group", lang))
    return ReportTable("groups", title, headers, rows + [total], kinds, total_row=True)
