"""This year against last year: headline figures, members who joined and left, the mutual-aid
fund's opening balance. Numbers only, like tables.py; the writers format them.

Last year is read from its consolidated workbook (what `unionxl merge` or
`unionxl rollup` wrote a year ago) with the roll-up's reader, so the same
figures are computed the same way for both years.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from . import i18n, schema
from .checks.common import valid_cccd
from .findings import Finding
from .figures import Figures
from .merge import MergeUsageError
from .result import Result
from .textnorm import fold
from .tables import ReportTable, compute_figures


@dataclass(frozen=True)
class Headline:
    key: str  # its label is the catalogue's table.headline.<key>
    kind: str  # "int" (people, loans) or "amount" (VND)
    get: Callable[[Figures], int]
    counts: str = "people"  # what an "int" counts, for the report's sentences (table.counts.<counts>)
    level: tuple[schema.ChoiceList, str] | None = None  # a qualification level: its list and choice

    def label(self, lang: str = "vi") -> str:
        if self.level is not None:
            lst, choice = self.level
            return i18n.text(f"table.headline.{lst.key}", lang) + lst.label(choice, lang)
        return i18n.text(f"table.headline.{self.key}", lang)

    def unit(self, lang: str = "vi") -> str:
        return i18n.text(f"table.counts.{self.counts}", lang)


def _level(lst: schema.ChoiceList, figure: str, skip=()) -> tuple[Headline, ...]:
    return tuple(Headline(f"{figure}.{c.key}", "int", lambda f, k=c.key: getattr(f, figure).get(k, 0),
                          level=(lst, c.key))
                 for c in lst.choices if c.key not in skip)


HEADLINES: tuple[Headline, ...] = (
    Headline("members", "int", lambda f: f.members),
    Headline("male", "int", lambda f: f.male),
    Headline("female", "int", lambda f: f.female),
    Headline("party_members", "int", lambda f: f.party_members),
    *_level(schema.PROFESSIONAL_LEVEL, "professional_level"),
    *_level(schema.POLITICAL_THEORY, "political_theory", ("none",)),
    Headline("travel_collected", "amount", lambda f: f.travel_fund.collected),
    Headline("mutual_collected", "amount", lambda f: f.mutual_fund.collected),
    Headline("loans_count", "int", lambda f: f.loans.count, "loans"),
    Headline("loans_amount", "amount", lambda f: f.loans.amount),
)
"""The figures compared year on year, in the order the report lists them."""


@dataclass
class Change:
    headline: Headline
    previous: int
    current: int

    @property
    def delta(self) -> int:
        return self.current - self.previous


@dataclass
class MemberMove:
    movement: str  # "joined" (in this year's lists, not last year's) or "left"
    full_name: str
    cccd: str
    unit: str  # the CĐCS
    group_code: str
    group_name: str


@dataclass
class YearComparison:
    year: int | None
    previous_year: int | None
    previous_file: str
    previous_unit: str
    changes: list[Change]
    joined: list[MemberMove] = field(default_factory=list)
    left: list[MemberMove] = field(default_factory=list)
    opening_balance: int | None = None  # this year's, as entered
    previous_closing: int | None = None  # last year's opening + collected + repaid − lent

    def change(self, key: str) -> Change:
        return next(c for c in self.changes if c.headline.key == key)

    def to_dict(self) -> dict[str, Any]:
        return {
            "year": self.year, "previous_year": self.previous_year, "previous_file": self.previous_file,
            "changes": {c.headline.key: {"previous": c.previous, "current": c.current, "change": c.delta}
                        for c in self.changes},
            "joined": [vars(m) for m in self.joined], "left": [vars(m) for m in self.left],
            "opening_balance": self.opening_balance, "previous_closing_balance": self.previous_closing,
        }


def load_previous(path: Path) -> Result:
    """Last year's consolidated workbook as a dataset; MergeUsageError when it is not one."""
    from .sector import load_consolidated

    return load_consolidated(path)


def compare(current: Result, previous: Result, previous_file: str = "") -> YearComparison:
    now, before = compute_figures(current.dataset), compute_figures(previous.dataset)
    changes = [Change(h, h.get(before), h.get(now)) for h in HEADLINES]
    this_year, last_year = _members(current), _members(previous)
    return YearComparison(
        year=current.dataset.year, previous_year=previous.dataset.year, previous_file=previous_file,
        previous_unit=before.unit_name, changes=changes,
        joined=[_move("joined", m) for cccd, m in this_year.items() if cccd not in last_year],
        left=[_move("left", m) for cccd, m in last_year.items() if cccd not in this_year],
        opening_balance=current.dataset.unit_info.get("mutual_opening_balance"),
        previous_closing=before.mutual_fund.closing_balance,
    )


def _members(result: Result) -> dict[str, tuple]:
    """CCCD -> (name, CĐCS, group code, group name), in list order; rows without a valid CCCD cannot be matched."""
    dataset = result.dataset
    members: dict[str, tuple] = {}
    for book, row in dataset.rows("members"):
        cccd = row.values.get("cccd")
        if valid_cccd(cccd) and cccd not in members:
            members[cccd] = (row.values.get("full_name") or "", cccd, *dataset.origin(book, row))
    return members


def _move(movement: str, member: tuple) -> MemberMove:
    name, cccd, unit, code, group = member
    return MemberMove(movement, name, cccd, unit, code, group)


def check(current: Result, comparison: YearComparison) -> Iterator[Finding]:
    """Last year's closing balance is this year's opening balance; last year's file is this unit's."""
    dataset = current.dataset
    unit = dataset.unit
    info = unit.fields.get(schema.UNIT_INFO.key) if unit else None
    opening = comparison.opening_balance
    if info is not None and opening is not None and comparison.previous_closing is not None \
            and opening != comparison.previous_closing:
        yield Finding("previous-opening-balance", unit.display, info.name,
                      info.cells.get("mutual_opening_balance", ""), opening,
                      {"expected": comparison.previous_closing, "previous_year": comparison.previous_year,
                       "previous": comparison.previous_file})
    name = dataset.unit_info.get("unit_name") or ""
    if name and comparison.previous_unit and fold(name) != fold(comparison.previous_unit):
        yield Finding("previous-other-unit", unit.display if unit else "", info.name if info else "",
                      info.cells.get("unit_name", "") if info else "", comparison.previous_unit,
                      {"expected": name, "previous": comparison.previous_file})


def compare_with_previous(result: Result, path: Path) -> YearComparison:
    """Compare a merge or roll-up with last year's consolidated workbook at `path`: the comparison goes
    on the result (for the writers) and its findings into the result's report."""
    previous = load_previous(path)
    year, previous_year = result.dataset.year, previous.dataset.year
    if year and previous_year and previous_year >= year:
        raise MergeUsageError(f"'{path}' " + i18n.both("usage.previous_not_before", previous_year=previous_year,
                                                       year=year))
    comparison = compare(result, previous, Path(path).name)
    result.report.extend(check(result, comparison))
    result.comparison = comparison
    return comparison


# ------------------------------------------------------------------ tables


def comparison_table(comparison: YearComparison, lang: str = "vi") -> ReportTable:
    """Năm trước / Năm nay / Tăng, giảm for every headline figure, then the membership changes."""
    before, now = comparison.previous_year or "?", comparison.year or "?"
    rows: list[list[Any]] = [[c.headline.label(lang), c.previous, c.current, c.delta]
                             for c in comparison.changes]
    rows.append([i18n.text("table.members_joined", lang), None, len(comparison.joined), None])
    rows.append([i18n.text("table.members_left", lang), len(comparison.left), None, None])
    if comparison.previous_closing is not None:
        opening = comparison.opening_balance
        rows.append([i18n.text("table.closing_vs_opening", lang),
                     comparison.previous_closing, opening,
                     None if opening is None else opening - comparison.previous_closing])
    return ReportTable("comparison", i18n.text("table.title_compared_with", lang).format(before=before),
                       [i18n.text("table.item", lang), i18n.text("table.last_year", lang).format(before=before),
                        i18n.text("table.this_year", lang).format(now=now), i18n.text("table.change", lang)],
                       rows, ["text", "int", "int", "delta"])


def movement_table(comparison: YearComparison, lang: str = "vi", sector: bool = False) -> ReportTable:
    """One row per member who joined or left, by CCCD: who, where, which way."""
    label = {"joined": i18n.text("table.new_this_year", lang), "left": i18n.text("table.left", lang)}
    rows = []
    for move in [*comparison.left, *comparison.joined]:
        rows.append([label[move.movement], move.full_name, move.cccd,
                     *([move.unit] if sector else []), move.group_code, move.group_name])
    headers = [i18n.text("table.movement", lang), i18n.text("table.full_name", lang),
               i18n.text("table.citizen_id", lang), *([i18n.text("table.grassroots_union", lang)] if sector else []),
               i18n.text("table.group_code", lang), i18n.text("table.group_name", lang)]
    since = comparison.previous_year or "?"
    return ReportTable("movements", i18n.text("table.title_membership_changes_since", lang).format(since=since),
                       headers, rows, ["text"] * len(headers))
