"""python -m tests.fuzz --seconds 600 --seed 7            mutants of the sample year
python -m tests.fuzz --corpus DIR [DIR ...]              real files from public test corpora"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import run, run_corpus

SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="copy the folders of failing rounds here")
    parser.add_argument("--corpus", type=Path, nargs="+", help="folders of real workbooks to run instead")
    args = parser.parse_args()
    if args.corpus:
        files = sorted(p for folder in args.corpus for p in folder.rglob("*")
                       if p.is_file() and p.suffix.lower() in SUFFIXES)
        tally = run_corpus(files)
    else:
        tally = run(args.seconds, args.seed, args.keep)
    print(f"\n{tally.rounds} rounds, {tally.mutants} mutants, {tally.real_files} real files in {tally.seconds:.0f} s; "
          f"peak {tally.peak_bytes >> 20} MiB for a whole run, {tally.worker_peak_bytes >> 20} MiB for one worker; "
          f"{len(tally.failures)} failures")
    for failure in tally.failures:
        print("FAIL", failure)
    return 1 if tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())
