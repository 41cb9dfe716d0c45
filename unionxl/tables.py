"""Dataset -> the report's figures. Numbers only; writers format them.

Every figure of the annual report (seed §I and §II) is computed here once, so
the console, the JSON, the consolidated workbook and the Word report agree.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from . import schema
from .checks.loans import fund_position
from .checks.totals import paid
from .model import Dataset, Workbook


def _count(rows, key: str) -> Counter:
    return Counter(r.values.get(key) for r in rows)


def group_figures(book: Workbook, year: int | None) -> dict[str, Any]:
    members = [r for r in book.rows("members") if r.accepted]
    travel = [r for r in book.rows("travel_fund") if r.accepted]
    mutual = [r for r in book.rows("mutual_fund") if r.accepted]
    loan_rows = [r for r in book.rows("loans") if r.accepted]
    welfare = [r for r in book.rows("welfare") if r.accepted]
    gender = _count(members, "gender")
    return {
        "members": len(members),
        "male": gender["male"],
        "female": gender["female"],
        "party_members": sum(1 for r in members if r.values.get("party_member") == "yes"),
        "travel_collected": sum(paid(r, "travel_fund") for r in travel),
        "trip_support_count": sum(1 for r in travel if r.values.get("trip_support")),
        "trip_support_amount": sum(r.values.get("trip_support") or 0 for r in travel),
        "mutual_collected": sum(paid(r, "mutual_fund") for r in mutual),
        "mutual_unpaid_periods": sum(1 for r in mutual for q in schema.QUARTERS if not r.values.get(q)),
        "loans_count": len(loan_rows),
        "loans_amount": sum(r.values.get("amount") or 0 for r in loan_rows),
        "loans_repaid": sum(r.values.get("repaid") or 0 for r in loan_rows),
        "welfare_amount": sum(r.values.get("amount") or 0 for r in welfare),
    }


def compute_figures(dataset: Dataset) -> dict[str, Any]:
    members = [row for _, row in dataset.rows("members")]
    welfare = [row for _, row in dataset.rows("welfare")]
    total = len(members)
    gender = _count(members, "gender")
    per_group = {book.group_code: group_figures(book, dataset.year) for book in dataset.groups}

    def sums(key: str) -> int:
        return sum(g[key] for g in per_group.values())

    welfare_by_kind: dict[str, dict[str, int]] = {}
    for row in welfare:
        kind = row.values.get("kind")
        entry = welfare_by_kind.setdefault(kind, {"count": 0, "amount": 0, "unit": 0, "sector": 0, "other": 0})
        entry["count"] += 1
        entry["amount"] += row.values.get("amount") or 0
        source = row.values.get("source")
        if source in entry:
            entry[source] += 1
    opening = dataset.unit_info.get("mutual_opening_balance") or 0
    fund = fund_position(opening, dataset.groups)
    new_declared = dataset.unit_info.get("new_members")
    new_from_dates = sum(1 for r in members if r.values.get("join_date") and dataset.year
                         and r.values["join_date"].year == dataset.year)
    return {
        "year": dataset.year,
        "unit_name": dataset.unit_info.get("unit_name") or "",
        "groups": len(dataset.groups),
        "groups_expected": len(dataset.expected_groups),
        "members": total,
        "male": gender["male"],
        "female": gender["female"],
        "general_education": dict(_count(members, "general_education")),
        "professional_level": {c.key: _count(members, "professional_level")[c.key]
                               for c in schema.PROFESSIONAL_LEVEL.choices},
        "party_members": sum(1 for r in members if r.values.get("party_member") == "yes"),
        "political_theory": {c.key: _count(members, "political_theory")[c.key]
                             for c in schema.POLITICAL_THEORY.choices if c.key != "none"},
        "studying_political": {c.key: _count(members, "studying_political")[c.key]
                               for c in schema.STUDYING_POLITICAL.choices},
        "social_fund": sum(1 for r in members if r.values.get("social_fund") == "yes"),
        "software_recorded": sum(1 for r in members if r.values.get("software_recorded") == "yes"),
        "new_members": new_declared if new_declared is not None else new_from_dates,
        "travel_fund": {
            "rate": dataset.policy.get("travel_monthly"),
            "contributors": sum(1 for _, r in dataset.rows("travel_fund") if paid(r, "travel_fund")),
            "collected": sums("travel_collected"),
            "trip_support_count": sums("trip_support_count"),
            "trip_support_amount": sums("trip_support_amount"),
        },
        "mutual_fund": {
            "rate": dataset.policy.get("mutual_quarterly"),
            "contributors": sum(1 for _, r in dataset.rows("mutual_fund") if paid(r, "mutual_fund")),
            "collected": sums("mutual_collected"),
            "unpaid_periods": sums("mutual_unpaid_periods"),
            "opening_balance": fund["opening"],
            "balance": fund["balance"],
        },
        "loans": {"count": sums("loans_count"), "amount": sums("loans_amount"), "repaid": sums("loans_repaid"),
                  "cap": dataset.policy.get("loan_cap")},
        "welfare": welfare_by_kind,
        "visits": sum(welfare_by_kind.get(k, {}).get("count", 0) for k in schema.VISIT_WELFARE),
        "per_group": per_group,
    }
