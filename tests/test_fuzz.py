"""A short run of the fuzzer (tests/fuzz): mutants of the sample year, each round checked as a user runs it.

The long run is by hand: `python -m tests.fuzz --seconds 3600 --seed N`; real files from public
corpora: `python -m tests.fuzz --corpus DIR`.
"""

from __future__ import annotations

import os

from .fuzz import MAX_TREE_BYTES, run

SECONDS = float(os.environ.get("UNIONXL_FUZZ_SECONDS", "60"))


def test_a_minute_of_mutants_breaks_nothing():
    tally = run(SECONDS, seed=20241220, log=lambda _line: None)
    assert tally.mutants >= 6, "not one round ran"
    assert not tally.failures, "\n\n".join(tally.failures)
    assert tally.peak_bytes <= MAX_TREE_BYTES
