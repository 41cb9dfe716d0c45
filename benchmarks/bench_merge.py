"""Benchmark: unionxl against the script a user would write, and against the raw read floor.

    python benchmarks/bench_merge.py                      # 1.000 workbooks × 100 members
    python benchmarks/bench_merge.py --groups 100         # a quicker run

On one synthetic year (benchmarks/synthetic.py, cached under benchmarks/.cache)
it measures, each in a fresh Python process so peak memory is its own:

  floor      python-calamine reads every sheet of every workbook, nothing else
  baseline   pandas.read_excel(engine="openpyxl") for every sheet, concat, to_excel
  check      unionxl read + all checks (unionxl.run)
  merge      unionxl end to end: read, check, write every output

and prints seconds, peak RSS and the ratios baseline/merge and check/floor.
Nothing here asserts a time: the figures are for people (docs/performance.md).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))


def _floor(folder: Path, _out: Path) -> int:
    import python_calamine

    cells = 0
    for path in sorted(folder.glob("*.xlsx")):
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            cells += sum(len(r) for r in rows)
    return cells


def _baseline(folder: Path, out: Path) -> int:
    import pandas as pd

    from unionxl.schema import HEADER_ROW

    frames: dict[str, list] = {}
    for path in sorted(folder.glob("*.xlsx")):
        # header=: the template's header row. With the default (row 1) every workbook's own title
        # became a column name, and the concat grew a column per workbook: not a fair baseline.
        for name, frame in pd.read_excel(path, sheet_name=None, engine="openpyxl", header=HEADER_ROW - 1).items():
            frame.insert(0, "file", path.name)
            frames.setdefault(name, []).append(frame)
    with pd.ExcelWriter(out / "baseline.xlsx") as writer:
        for name, parts in frames.items():
            pd.concat(parts, ignore_index=True).to_excel(writer, sheet_name=name[:31], index=False)
    return sum(len(p) for parts in frames.values() for p in parts)


def _check(folder: Path, _out: Path) -> int:
    import unionxl

    result = unionxl.run(folder)
    return len(result.report.findings)


def _merge(folder: Path, out: Path) -> int:
    import unionxl
    from unionxl.writers import write_outputs

    result = unionxl.run(folder)
    write_outputs(result, out / "merge")
    return len(result.report.findings)


MEASURES = {"floor": _floor, "baseline": _baseline, "check": _check, "merge": _merge}
IMPORTS = {  # loaded before the clock starts: every measure times its work, not Python's start-up
    "floor": ["python_calamine"],
    "baseline": ["pandas", "openpyxl", "xlsxwriter", "unionxl.schema"],
    "check": ["unionxl.merge"],
    "merge": ["unionxl.merge", "unionxl.writers", "unionxl.writers.workbook", "unionxl.writers.report_docx",
              "unionxl.writers.feedback", "unionxl.console"],
}


def measure_here(kind: str, folder: Path) -> dict:
    """Run one measure in this process and return its figures."""
    import importlib

    for module in IMPORTS[kind]:
        importlib.import_module(module)
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        units = MEASURES[kind](folder, Path(tmp))
        seconds = time.perf_counter() - start
    return {"kind": kind, "seconds": round(seconds, 3), "peak_mb": round(peak_kb() / 1024, 1), "units": units}


def peak_kb() -> int:
    """This process's peak RSS. ru_maxrss keeps the parent's pages across execve on Linux; VmHWM does not."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def measure(kind: str, folder: Path) -> dict:
    done = subprocess.run([sys.executable, __file__, "--measure", kind, str(folder)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def synthetic_folder(groups: int, members: int, seed: int, cache: Path) -> Path:
    from benchmarks.synthetic import generate

    folder = cache / f"year-{groups}x{members}-s{seed}"
    marker = folder / ".complete"
    if not marker.exists():
        start = time.perf_counter()
        print(f"generating {groups} workbooks × {members} members into {folder} …", flush=True)
        generate(folder, groups, members, seed)
        marker.write_text("ok")
        print(f"  generated in {time.perf_counter() - start:.0f} s", flush=True)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--groups", type=int, default=1000)
    parser.add_argument("--members", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=HERE / ".cache")
    parser.add_argument("--skip", action="append", default=[], choices=list(MEASURES),
                        help="leave a measure out (the baseline takes minutes at 1.000 workbooks)")
    parser.add_argument("--measure", nargs=2, metavar=("KIND", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure_here(args.measure[0], Path(args.measure[1]))))
        return

    folder = synthetic_folder(args.groups, args.members, args.seed, args.cache)
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}")
    results = {}
    for kind in ("floor", "check", "merge", "baseline"):
        if kind in args.skip:
            continue
        results[kind] = measure(kind, folder)
        r = results[kind]
        print(f"  {kind:<9} {r['seconds']:>9.2f} s   peak {r['peak_mb']:>8.1f} MB", flush=True)
    print(f"workbooks {args.groups}, members {args.groups * args.members}")
    if "baseline" in results and "merge" in results:
        print(f"baseline / unionxl end to end : {results['baseline']['seconds'] / results['merge']['seconds']:.1f}×")
    if "check" in results and "floor" in results:
        print(f"unionxl read+check / floor    : {results['check']['seconds'] / results['floor']['seconds']:.2f}×")


if __name__ == "__main__":
    main()
