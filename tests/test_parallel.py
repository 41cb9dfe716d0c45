"""The parallel read (several processes) gives exactly what the reference path (one process) gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.synthetic import generate
from unionxl.console import to_json
from unionxl.merge import merge_folder

ROOT = Path(__file__).resolve().parent.parent


def outcome(folder: Path, jobs: int) -> dict:
    data = to_json(merge_folder(folder, jobs=jobs))
    data["files"] = sorted(data["files"], key=lambda f: f["path"])
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
