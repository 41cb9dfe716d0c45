"""The web desk with a reading worker that does less: where the floor of an upload's latency is.

    python benchmarks/floor.py MODE serve --data DIR --port N --no-browser

starts the real `unionxl serve` after replacing, in this server process only, the task its
reading workers run for an upload (`service._check_in_worker`) by `floor_task`:

- check: nothing replaced, the desk as shipped (the baseline the others are compared with);
- unguarded: the whole check, but the guard's scans of the file are skipped;
- calamine: the worker only opens the workbook and parses its sheets with python-calamine;
- nothing: the worker does no work at all.

Whatever it skipped, the worker returns the outcome of the first upload it really checked, so
the server stores and shows a full list of findings as it does for a real check. bench_web.py
--floor runs one round of officers against each mode. Never for real use: a benchmark's tool.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODES = ("check", "unguarded", "calamine", "nothing")
_MODE_ENV = "UNIONXL_BENCH_FLOOR"

_first = None  # in a reading worker: the outcome of the first upload it checked


def floor_task(path, unit, display, expected_group, scratch, lang, feedback):
    """In a reading worker, in place of service._check_in_worker (same arguments)."""
    global _first
    from unionxl.web import service

    mode = os.environ.get(_MODE_ENV, "check")
    if mode == "unguarded":
        from unionxl import reader

        reader.guard = lambda _path: {}  # this worker's reads skip the guard from now on
    if _first is None or mode in ("check", "unguarded"):
        _first = service._check_in_worker(path, unit, display, expected_group, scratch, lang, feedback)
        return _first
    if mode == "calamine":
        import python_calamine

        book = python_calamine.CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        book.close()
    return _first


def main() -> None:
    mode, argv = sys.argv[1], sys.argv[2:]
    if mode not in MODES:
        raise SystemExit(f"mode: one of {', '.join(MODES)}")
    sys.path.insert(0, str(ROOT))  # before the reading workers' fork server starts: they import this module
    os.environ[_MODE_ENV] = mode
    from benchmarks import floor
    from unionxl.cli import main as unionxl_main
    from unionxl.web import service

    service._check_in_worker = floor.floor_task  # what check_upload hands its reading worker
    sys.argv = ["unionxl", *argv]
    unionxl_main()


if __name__ == "__main__":
    main()
