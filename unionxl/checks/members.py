"""Members' ages against Vietnamese labour law: a child or a long-retired person on the list is a
slip (a wrong birth year, a relative's row) more often than a member.

Working age: Labour Code 2019 (Law 45/2019/QH14) art. 3(1) sets the minimum age of an employee
at full 15 years (younger only for the light work of art. 143-145, not a health centre's staff).
Retirement age: Labour Code 2019 art. 169(2) and Decree 135/2020/NĐ-CP art. 4: from 2021 men
retire at 60 years 3 months, rising 3 months a year to 62 in 2028; women at 55 years 4 months,
rising 4 months a year to 60 in 2035.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from ..findings import Finding
from .common import GroupContext, who

MIN_WORKING_AGE = 15
EARLIEST_RETIREMENT_AGE = 55  # years: the lowest age of the roadmap below (a woman's, before 2021)


def retirement_age_months(gender: str, year: int) -> int:
    """The age (in months) at which a worker of `gender` retires in `year` (Decree 135/2020 art. 4)."""
    steps = min(max(year - 2020, 0), 8 if gender == "male" else 15)
    return 60 * 12 + 3 * steps if gender == "male" else 55 * 12 + 4 * steps


def retirement_month(birth: dt.date, gender: str) -> dt.date:
    """First day of the month a worker born on `birth` reaches the retirement age of that year."""
    born = birth.year * 12 + birth.month - 1
    for year in range(birth.year + 55, birth.year + 64):
        reached = born + retirement_age_months(gender, year)
        if reached // 12 <= year:
            return dt.date(reached // 12, reached % 12 + 1, 1)
    reached = born + retirement_age_months(gender, birth.year + 64)  # pragma: no cover - the roadmap ends by then
    return dt.date(reached // 12, reached % 12 + 1, 1)


def check_ages(ctx: GroupContext) -> Iterator[Finding]:
    members = ctx.book.tables.get("members")
    if members is None or not ctx.year:
        return
    for row in members.accepted():
        birth = row.values.get("birth_date")
        if not isinstance(birth, dt.date):
            continue
        age = ctx.year - birth.year  # the age the member reaches in the report year
        if age < MIN_WORKING_AGE:
            yield ctx.at("members", row, "birth_date", "member-age-young", birth, name=who(row), age=age,
                         minimum=MIN_WORKING_AGE, year=ctx.year)
            continue
        gender = row.values.get("gender")
        if gender not in ("male", "female") or age <= EARLIEST_RETIREMENT_AGE:
            continue  # retired at the earliest in the year of their 55th birthday: not before this year
        retired = retirement_month(birth, gender)
        if retired < dt.date(ctx.year, 1, 1):
            years, months = divmod(retirement_age_months(gender, retired.year), 12)
            yield ctx.at("members", row, "birth_date", "member-age-retired", birth, name=who(row), age=age,
                         retire_years=years, retire_months=months, retired=retired, year=ctx.year)
