"""Long work off the event loop: a consolidation runs in its own process, which reports its
progress in the database; the dashboard only reads that progress, so it stays responsive.
One merge at a time per year (storage.add_merge refuses a second while one is under way)."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from .files import SAFE_NAME, DataFolder
from .storage import Store

log = logging.getLogger("unionxl.web")

PROGRESS_EVERY = 0.5  # seconds between progress writes


class MergeRunner:
    """Each merge runs as `python -m unionxl.web.jobs DATA MERGE_ID`: a fresh interpreter (no
    fork, no re-import of the server's main module), which may die without touching the server."""

    def __init__(self, data: DataFolder, store: Store):
        self.data = data
        self.store = store
        self._children: dict[int, subprocess.Popen] = {}
        self._lock = threading.Lock()

    def submit(self, merge_id: int) -> threading.Thread:
        child = subprocess.Popen([sys.executable, "-m", "unionxl.web.jobs", str(self.data.root), str(int(merge_id))],
                                 stdin=subprocess.DEVNULL)
        with self._lock:
            self._children[merge_id] = child
        waiter = threading.Thread(target=self._wait, args=(merge_id, child), daemon=True, name=f"merge-{merge_id}")
        waiter.start()
        return waiter

    def _wait(self, merge_id: int, child: subprocess.Popen) -> None:
        code = child.wait()
        with self._lock:
            self._children.pop(merge_id, None)
        if code == 0:
            return
        # The worker died (killed, out of memory) before recording an end: the merge failed.
        row = self.store.merge(merge_id)
        if row is not None and row["state"] in ("queued", "running"):
            log.error("merge %s: worker ended with status %s", merge_id, code)
            self.store.merge_failed(merge_id, f"worker exit status {code}")

    def shutdown(self) -> None:
        with self._lock:
            children = list(self._children.values())
        for child in children:
            child.terminate()


def input_name(code: str, name: str, file_name: str, head: bytes, group_id: int) -> str:
    """The merge input's file name: the template's own name for the group, safe by construction."""
    from .service import group_file_name, working_suffix

    stem = Path(group_file_name(code, name)).stem
    candidate = stem + working_suffix(file_name, head)
    return candidate if SAFE_NAME.match(candidate) else f"group-{int(group_id)}{working_suffix(file_name, head)}"


def run_merge(data_root: str, merge_id: int) -> None:
    """In the worker process: link the recorded versions into a folder, consolidate, move the
    outputs into merges/<id>/ in one rename, then record the result."""
    from . import service

    data = DataFolder(Path(data_root))
    store = Store(data.database)
    merge = store.merge(merge_id)
    year = store.year(merge["year_id"])
    inputs = store.merge_inputs(merge_id)
    work = data.merge_scratch(merge_id)
    try:
        folder = work / "in"
        folder.mkdir()
        sector = year["mode"] == "sector"  # a sector year rolls up its CĐCS' consolidated workbooks
        unit_path = None if sector else data.link_into(year["unit_sha256"], folder, f"don-vi-{int(year['year'])}.xlsx")
        for row in inputs:
            with open(data.blob_path(row["sha256"]), "rb") as handle:
                head = handle.read(8)
            data.link_into(row["sha256"], folder, input_name(row["code"], row["group_name"], row["file_name"],
                                                             head, row["group_id"]))
        previous = None
        if merge["with_previous"] and year["previous_sha256"]:
            previous = data.link_into(year["previous_sha256"], work, "nam-truoc.xlsx")
        store.merge_started(merge_id, len(inputs) + (0 if sector else 1))
        done = 0
        last = 0.0

        def progress(_path) -> None:
            nonlocal done, last
            done += 1
            if time.monotonic() - last >= PROGRESS_EVERY:
                last = time.monotonic()
                store.merge_progress(merge_id, done)

        out = work / "out"
        if sector:
            outcome = service.rollup(folder, out, unit_name=year["name"], previous=previous, lang=merge["lang"],
                                     progress=progress)
        else:
            outcome = service.consolidate(folder, unit_path, out, previous=previous, lang=merge["lang"],
                                          progress=progress)
        final = data.merge_dir(merge_id)
        shutil.rmtree(final, ignore_errors=True)  # a half-recorded earlier attempt of this same merge
        os.replace(out, final)
        store.merge_finished(merge_id, exit_code=outcome.exit_code, errors=outcome.errors,
                             warnings=outcome.warnings, summary=outcome.summary, outputs=outcome.outputs)
    except Exception as exc:  # a bug or a usage problem: the merge failed, the desk goes on
        log.exception("merge %s failed", merge_id)
        store.merge_failed(merge_id, f"{type(exc).__name__}: {exc}"[:500])
    finally:
        shutil.rmtree(work, ignore_errors=True)


MERGE_NICENESS = 10  # a merge yields the cores to the desk's pages and upload checks (POSIX)


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.WARNING)
    if hasattr(os, "nice"):  # its reading workers, started from here, inherit it
        os.nice(MERGE_NICENESS)
    run_merge(argv[0], int(argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
