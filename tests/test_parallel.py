"""The parallel read (several processes) gives exactly what the reference path (one process) gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.synthetic import generate
from unionxl.merge import merge_folder

ROOT = Path(__file__).resolve().parent.parent


def outcome(folder: Path, jobs: int) -> dict:
    data = merge_folder(folder, jobs=jobs).to_json()
    data["files"] = sorted(data["files"], key=lambda f: f["file"])
    return data


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("synthetic"), groups=12, members=15, seed=7, mistakes=0.1, jobs=1)


@pytest.mark.parametrize("folder", [ROOT / "samples" / "2024", ROOT / "samples" / "2024-loi"], ids=["2024", "loi"])
def test_parallel_read_equals_reference_on_the_samples(folder):
    reference = outcome(folder, jobs=1)
    assert outcome(folder, jobs=2) == reference
    assert reference["findings"]  # there is something to compare


def test_parallel_read_equals_reference_on_a_synthetic_year(synthetic):
    reference = outcome(synthetic, jobs=1)
    parallel = outcome(synthetic, jobs=2)
    assert parallel == reference
    codes = {f["code"] for f in reference["findings"]}
    assert {"cccd-lost-zero", "amount-as-text", "contribution-arrears"} <= codes  # the planted mistakes
    assert reference["figures"]["members"] == 12 * 15


def test_feedback_copies_written_in_parallel_equal_the_serial_ones(tmp_path, monkeypatch):
    from unionxl.writers import feedback

    result = merge_folder(ROOT / "samples" / "2024-loi")
    parallel = feedback.write_feedback(result, tmp_path / "parallel")
    assert len(parallel) >= feedback.PARALLEL_FROM  # the parallel path was taken
    monkeypatch.setattr(feedback, "PARALLEL_FROM", 10**6)
    serial = feedback.write_feedback(result, tmp_path / "serial")
    assert [p.name for p in parallel] == [p.name for p in serial]
    for a, b in zip(parallel, serial):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_a_unit_with_its_own_rates_is_checked_with_them_on_both_paths(tmp_path):
    from .builders import clean_group, unit_data, write_folder

    groups = [clean_group(f"T{i:02d}", offset=37 * i) for i in range(1, 11)]  # enough files to go parallel
    unit = unit_data([g["code"] for g in groups])
    unit["policy"] = {"travel_monthly": 40_000}  # the groups paid the default 30.000
    folder = write_folder(tmp_path / "in", groups, unit=unit)
    reference = outcome(folder, jobs=1)
    assert outcome(folder, jobs=2) == reference
    rate = [f for f in reference["findings"] if f["code"] == "contribution-rate"]
    assert len(rate) == 10 * 3 * 12  # every month of every member, against the unit's 40.000
    assert "40.000đ" in rate[0]["message"]


def test_rows_survive_the_trip_between_processes():
    import datetime as dt
    import pickle

    from unionxl.model import Row

    row = Row(12, {"full_name": "Lò Văn Inh", "birth_date": dt.date(1985, 3, 12), "m01": 30_000}, accepted=False)
    assert pickle.loads(pickle.dumps(row)) == row
