"""python -m tests.golden [--update]: compare (or rewrite) the golden files; see tests/golden/__init__.py."""

from __future__ import annotations

import argparse
import difflib
import sys

from . import CASES, golden_path, render


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.golden", description=__doc__)
    parser.add_argument("--update", action="store_true", help="rewrite tests/golden/*.txt from today's output")
    args = parser.parse_args()
    status = 0
    for case in CASES:
        text, path = render(case), golden_path(case)
        if args.update:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
            continue
        committed = path.read_text(encoding="utf-8") if path.exists() else ""
        if text != committed:
            status = 1
            sys.stdout.writelines(difflib.unified_diff(committed.splitlines(True), text.splitlines(True),
                                                       str(path), f"{case} (now)", n=2))
        else:
            print(f"{case}: same")
    return status


if __name__ == "__main__":
    sys.exit(main())
