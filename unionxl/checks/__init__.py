"""Checks are small generators of Findings, one module per concern.

GROUP_CHECKS run on each accepted group workbook with its GroupContext; the
unit-level checks in merge.py look across groups.
"""

from . import cccd, common, funds, loans, members, totals, welfare

GROUP_CHECKS = (
    cccd.check_group,
    totals.check_declared,
    totals.check_row_totals,
    funds.check_group,
    loans.check_group,
    welfare.check_group,
    members.check_ages,
    common.check_links,  # last: the checks above record the rows they matched by name
)
