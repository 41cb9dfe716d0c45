"""Outputs appear whole or not at all: write to a temporary file beside the target, then rename."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


TEMP_PREFIX = ".unionxl-"


def readable(name: str) -> str:
    """A file name as the outputs can hold it. A name that is not UTF-8 on disk (a file copied from
    an old USB stick, a zip unpacked from another system) comes with lone surrogates that no UTF-8
    output can encode: those bytes show as U+FFFD; the file itself is still opened by its real name."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def remove_stale_temps(folder: Path) -> list[Path]:
    """Delete temporary files that a run killed before its rename left in an output folder.

    They are hidden and never named like an output, so nobody mistakes one for a result;
    the next merge into the same folder (and its subfolders, e.g. feedback copies) removes them.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    removed = []
    for directory in (folder, *(p for p in folder.iterdir() if p.is_dir() and not p.is_symlink())):
        for path in directory.glob(TEMP_PREFIX + "*"):
            if path.is_file() and not path.is_symlink():
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; rename it over the target on success."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=TEMP_PREFIX, suffix=path.suffix)
    os.close(fd)
    try:
        yield Path(tmp)
        # mkstemp makes 0600 files; an output should be as readable as any file the user saves.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def atomic_write_text(path: Path, text: str) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
