"""The bundled 2024 year through the real merge: every figure of SPEC §5, from the CLI's JSON."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from unionxl.cli import main

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "2024"


@pytest.fixture(scope="module")
def run():
    result = CliRunner().invoke(main, ["validate", str(SAMPLES), "--json", "-"])
    return result.exit_code, json.loads(result.output)


def test_clean_samples_merge_with_warnings_only(run):
    exit_code, data = run
    assert exit_code == 0
    assert data["summary"]["errors"] == 0
    # the only warnings are the 9 unpaid mutual-aid member-quarters, each at its cell
    # the 9 unpaid quarters have their reason in Ghi chú, so they are notes that quote it
    arrears = [f for f in data["findings"] if f["code"] == "contribution-arrears-noted"]
    assert Counter(f["code"] for f in data["findings"]) == Counter({"contribution-arrears-noted": 9})
    assert all(f["sheet"] == "Quỹ tương hỗ" and f["cell"][0] in "DEFG" for f in arrears)


def test_every_row_is_accounted_for(run):
    _, data = run
    assert data["account"]["members"] == {"read": 307, "accepted": 307, "rejected": 0, "summary": 0}
    for key, account in data["account"].items():
        assert account["read"] == account["accepted"] + account["rejected"], key
    assert len([f for f in data["files"] if f["kind"] == "group"]) == 32


def test_membership_figures(run):
    f = run[1]["figures"]
    assert (f["members"], f["male"], f["female"], f["groups"]) == (307, 120, 187, 32)
    assert f["general_education"] == {"thpt": 307}
    assert f["professional_level"] == {"postgraduate": 18, "university": 140, "college": 49, "vocational": 84,
                                       "untrained": 16}
    assert f["party_members"] == 160
    assert f["political_theory"] == {"advanced": 2, "intermediate": 40, "elementary": 52}
    assert f["studying_political"]["tcllct"] == 9
    assert f["social_fund"] == 307
    assert f["software_recorded"] == 306
    assert f["new_members"] == 0


def test_fund_and_loan_figures(run):
    f = run[1]["figures"]
    assert f["travel_fund"]["collected"] == 110_520_000 == 30_000 * 12 * 307
    assert (f["travel_fund"]["trip_support_count"], f["travel_fund"]["trip_support_amount"]) == (42, 42_000_000)
    assert f["mutual_fund"]["collected"] == 243_800_000
    assert f["mutual_fund"]["unpaid_periods"] == 9
    assert (f["loans"]["count"], f["loans"]["amount"]) == (24, 240_000_000)


def test_welfare_figures(run):
    w = run[1]["figures"]["welfare"]
    assert (w["tet_gift"]["count"], w["tet_gift"]["amount"]) == (307, 307 * 200_000)
    assert (w["doctors_day"]["count"], w["doctors_day"]["amount"]) == (307, 307 * 150_000)
    assert (w["womens_day"]["count"], w["womens_day"]["amount"]) == (32, 32 * 500_000)
    assert (w["hardship_gift"]["count"], w["hardship_gift"]["sector"], w["hardship_gift"]["unit"]) == (29, 23, 6)
    assert w["hardship_gift"]["amount"] == 29 * 500_000
    assert run[1]["figures"]["visits"] == 20
