"""The report's figures as typed records, and the one place a group's totals are summed.

`tables.compute_figures(dataset)` fills `Figures` once per dataset; the console, the JSON,
the consolidated workbook, the Word report and the year-on-year comparison all read these
attributes. Amounts are whole đồng (int), counts are ints, a rate is None where the
merged units do not share one.

A group's totals are summed in one place: what each declared total counts or sums is the
schema's `Field.tally`, and `declared_totals(book)` applies those tallies. The report's per-group
figures (`GroupTotals.of`) take them over the accepted rows; the declared-totals check takes them
over every row the officer wrote (`accepted_only=False`), so both say the same thing about the
same rows, and a declared total added to the schema is checked without code here.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Iterable

from . import schema
from .model import Row, Workbook

def paid(row: Row, sheet_key: str) -> int:
    """What one row of a fund sheet paid over its periods, in đồng (the schema's fund_sheets())."""
    return paid_over(row, schema.fund_sheets()[sheet_key])


def paid_over(row: Row, periods: tuple[str, ...]) -> int:
    """What one row paid over these period columns, in đồng (a blank period adds nothing)."""
    return sum(filter(None, map(row.values.get, periods)))


def declared_totals(book: Workbook, accepted_only: bool = True) -> dict[str, int]:
    """Each declared total of the group info sheet (schema.declared_totals) as the rows give it."""
    def rows(key: str) -> list[Row]:
        return [r for r in book.rows(key) if r.accepted] if accepted_only else book.rows(key)

    return {key: tally.of(rows(tally.sheet)) for key, tally in schema.declared_totals().items()}


@dataclass(frozen=True, slots=True)
class GroupTotals:
    """One group's (or, at sector level, one CĐCS's) totals."""

    members: int = 0
    male: int = 0
    female: int = 0
    party_members: int = 0
    travel_collected: int = 0
    trip_support_count: int = 0
    trip_support_amount: int = 0
    mutual_collected: int = 0
    mutual_unpaid_periods: int = 0
    loans_count: int = 0
    loans_amount: int = 0
    loans_repaid: int = 0
    welfare_amount: int = 0

    @classmethod
    def of(cls, book: Workbook, accepted_only: bool = True) -> "GroupTotals":
        def rows(key: str) -> Iterable[Row]:
            return [r for r in book.rows(key) if r.accepted] if accepted_only else book.rows(key)

        members, travel, mutual = rows("members"), rows("travel_fund"), rows("mutual_fund")
        loans, welfare = rows("loans"), rows("welfare")
        declared = declared_totals(book, accepted_only)
        return cls(
            members=declared["declared_members"],
            male=declared["declared_male"],
            female=declared["declared_female"],
            party_members=sum(1 for r in members if r.values.get("party_member") == "yes"),
            travel_collected=declared["declared_travel_total"],
            trip_support_count=sum(1 for r in travel if r.values.get("trip_support")),
            trip_support_amount=sum(r.values.get("trip_support") or 0 for r in travel),
            mutual_collected=declared["declared_mutual_total"],
            mutual_unpaid_periods=sum(1 for r in mutual for q in schema.QUARTERS if not r.values.get(q)),
            loans_count=declared["declared_loans_count"],
            loans_amount=declared["declared_loans_amount"],
            loans_repaid=sum(r.values.get("repaid") or 0 for r in loans),
            welfare_amount=sum(r.values.get("amount") or 0 for r in welfare),
        )

    def __add__(self, other: "GroupTotals") -> "GroupTotals":
        return GroupTotals(*(a + b for a, b in zip(_values(self), _values(other))))


def _values(totals: GroupTotals) -> tuple[int, ...]:
    return tuple(getattr(totals, name) for name in GroupTotals.__slots__)


@dataclass(frozen=True, slots=True)
class TravelFund:
    rate: int | None  # policy, per month
    contributors: int  # members who paid anything
    collected: int
    trip_support_count: int
    trip_support_amount: int
    trip_support_each: int | None  # the one amount every supported member got, None when they differ


@dataclass(frozen=True, slots=True)
class MutualFund:
    rate: int | None  # policy, per quarter
    contributors: int
    collected: int
    unpaid_periods: int  # member-quarters not paid
    opening_balance: int  # carried from last year
    balance: int  # opening + collected − lent (SPEC §3: must not go below zero)
    repaid: int
    closing_balance: int  # balance + repaid: what next year opens with


@dataclass(frozen=True, slots=True)
class Loans:
    count: int
    amount: int
    repaid: int
    cap: int | None  # policy, per loan
    each: int | None  # the one amount every loan had, None when they differ


@dataclass(frozen=True, slots=True)
class WelfareKind:
    """Payments of one welfare kind (schema.WELFARE_KIND), and who funded them (counts of payments)."""

    count: int = 0
    amount: int = 0
    unit: int = 0  # funded by the CĐCS
    sector: int = 0  # funded by the sector union
    other: int = 0
    each: int | None = None  # the one amount every payment had, None when they differ


@dataclass(frozen=True, slots=True)
class NotRecorded:
    """A member not yet recorded in the national member software (KPI 10), and why if the note says."""

    group_code: str
    full_name: str
    note: str


@dataclass(frozen=True)
class Figures:
    """Every figure of the annual report (seed §I and §II), for one merge or roll-up."""

    year: int | None
    level: str  # "unit" (a CĐCS's groups merged) or "sector" (CĐCS workbooks rolled up)
    unit_name: str
    superior_name: str
    place: str
    chair_name: str
    groups: int  # workbooks merged: groups of a CĐCS, or CĐCS of a sector
    groups_expected: int
    units: int  # CĐCS covered (1 for a merge)
    union_groups: int  # union groups covered
    members: int
    male: int
    female: int
    general_education: dict[str, int]
    professional_level: dict[str, int]  # every level of the list, in list order
    party_members: int
    political_theory: dict[str, int]  # every level but "none", in list order
    studying_political: dict[str, int]
    social_fund: int  # members contributing to the provincial social fund (KPI 1)
    software_recorded: int  # members recorded in the member software (KPI 10)
    new_members: int
    travel_fund: TravelFund
    mutual_fund: MutualFund
    loans: Loans
    welfare: dict[str, WelfareKind]  # by kind key, kinds that occurred
    visits: int  # sickness, wedding/funeral and farewell visits
    per_group: dict[str, GroupTotals]  # by group code (D01… at sector level), in the merge's order
    not_recorded: list[NotRecorded] = field(default_factory=list)

    def welfare_of(self, kind: str) -> WelfareKind:
        return self.welfare.get(kind) or WelfareKind()

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values: ints, strings, None, lists and dicts."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class FundPosition:
    """The mutual-aid fund over the year, from the accepted rows of every group."""

    opening: int
    collected: int
    lent: int
    repaid: int

    @property
    def balance(self) -> int:
        """What SPEC §3 checks: opening + collections − loans must not go below zero."""
        return self.opening + self.collected - self.lent

    @property
    def closing(self) -> int:
        """Also counting repayments: what the next year opens with."""
        return self.balance + self.repaid


def fund_position(opening: int, books: Iterable[Workbook] = (), totals: GroupTotals | None = None) -> FundPosition:
    """The fund from the books, or from their totals when the caller already has them."""
    if totals is None:
        totals = sum((GroupTotals.of(b) for b in books), GroupTotals())
    return FundPosition(opening, totals.mutual_collected, totals.loans_amount, totals.loans_repaid)
