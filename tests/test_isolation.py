"""One file's crash, panic, memory blow-up or hang costs only that file (unionxl.isolation)."""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from unionxl import isolation, merge
from unionxl.cli import main
from unionxl.isolation import Failure, Limits, run_isolated

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "2024"
TIGHT = Limits(memory_bytes=1024 ** 3, cpu_seconds=2, wall_seconds=4)


# Workers are top-level functions: the pool pickles them by name.
def double(x):
    return 2 * x


def abort(_x):
    os.abort()


def segfault(_x):
    ctypes.string_at(0)


def allocate(_x):
    return len(bytearray(3 * 1024 ** 3))  # over TIGHT's address space


class PanicException(BaseException):
    """Stands for pyo3's PanicException, which derives from BaseException too."""


def panic(_x):
    raise PanicException("called `Option::unwrap()` on a `None` value")


def spin(_x):
    while True:
        pass


def sleep(seconds):
    time.sleep(seconds)


def calamine_unguarded(path):
    """What the reader would do without its guard: calamine allocates rows x columns of the far cell."""
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(path)
    return [len(book.get_sheet_by_name(name).to_python()) for name in book.sheet_names]


@pytest.mark.parametrize("worker, code", [
    (abort, "file-crashed-reader"),
    (segfault, "file-crashed-reader"),
    (panic, "file-crashed-reader"),
    (allocate, "file-memory"),
    (spin, "file-timeout"),  # RLIMIT_CPU
    (sleep, "file-timeout"),  # the wall clock: no CPU used
], ids=lambda v: getattr(v, "__name__", v))
def test_a_worker_that_dies_is_a_failure_of_its_own_task(worker, code):
    outcomes = run_isolated(worker, [(30,)], jobs=1, limits=TIGHT)
    assert len(outcomes) == 1 and isinstance(outcomes[0], Failure), outcomes
    assert outcomes[0].code == code, outcomes[0]
    assert outcomes[0].finding("T07.xlsx").file == "T07.xlsx"
    # the pool goes on after a dead worker: the same pool shape serves healthy tasks
    assert run_isolated(double, [(1,), (2,), (3,)], jobs=2, limits=TIGHT) == [2, 4, 6]


def test_healthy_tasks_around_dying_ones_all_come_back_in_order():
    outcomes = run_isolated(double, [(i,) for i in range(6)], jobs=2, limits=TIGHT)
    assert outcomes == [0, 2, 4, 6, 8, 10]
    mixed = run_isolated(abort, [(1,), (2,)], jobs=2, limits=TIGHT)
    assert [o.code for o in mixed] == ["file-crashed-reader"] * 2


def test_the_panic_message_names_what_happened():
    [failure] = run_isolated(panic, [(1,)], limits=TIGHT)
    assert "PanicException" in failure.detail and "unwrap" in failure.detail


def far_cell(source: Path, target: Path, ref: bytes) -> Path:
    """A copy of a group workbook with one cell at `ref` in its members sheet."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/worksheets/sheet2.xml":
                data = data.replace(b"</sheetData>", b'<row r="9"><c r="' + ref + b'"><v>1</v></c></row></sheetData>')
            zout.writestr(info, data)
    return target


def test_native_abort_in_calamine_is_the_files_finding_not_the_runs_end(tmp_path):
    bomb = far_cell(SAMPLES / "T02-phong-to-chuc-hanh-chinh.xlsx", tmp_path / "far.xlsx", b"XFD1048576")
    clean = SAMPLES / "T01-ban-giam-doc.xlsx"
    outcomes = run_isolated(calamine_unguarded, [(str(bomb),), (str(clean),)], jobs=1, limits=TIGHT)
    assert isinstance(outcomes[0], Failure) and outcomes[0].code == "file-memory", outcomes[0]
    assert "memory allocation" in outcomes[0].detail
    assert isinstance(outcomes[1], list) and outcomes[1], outcomes[1]


def _abort_on(name):
    real = merge.read_workbook

    def read_workbook(path, display=None):
        if Path(path).name == name:
            os.abort()
        return real(path, display)

    return read_workbook


def test_merge_goes_on_past_a_file_whose_reader_aborts(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    shutil.copytree(SAMPLES, folder)
    victim = "T05-phong-dieu-duong.xlsx"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    # forked workers inherit the patched reader; production workers come from a fork server
    monkeypatch.setattr(isolation, "start_method", lambda: "fork")
    monkeypatch.setattr(merge, "read_workbook", _abort_on(victim))
    out = tmp_path / "out"
    outcome = CliRunner().invoke(main, ["merge", str(folder), "-o", str(out), "--json", str(tmp_path / "f.json")])
    assert outcome.exit_code == 1, outcome.output
    assert "Traceback" not in outcome.output
    data = json.loads((tmp_path / "f.json").read_text(encoding="utf-8"))
    crashed = [f for f in data["findings"] if f["code"] == "file-crashed-reader"]
    assert [f["file"] for f in crashed] == [victim], crashed
    assert "SIGABRT" in crashed[0]["message"]
    assert not [f for f in data["findings"] if f["code"] == "group-missing" and f["group"] != "T05"]
    files = {f["file"]: f for f in data["files"]}
    assert files[victim]["kind"] == "rejected"
    assert sum(1 for f in files.values() if f["kind"] == "group") == 31
    assert (out / "tong-hop-2024.xlsx").is_file()
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before  # inputs untouched


def test_the_few_files_path_is_isolated_too(tmp_path):
    """One file, jobs=1: the reader still runs in a worker (a native abort would end this test process)."""
    bomb = far_cell(SAMPLES / "T02-phong-to-chuc-hanh-chinh.xlsx", tmp_path / "far.xlsx", b"XFD1048576")
    [(book, found, _)] = merge.read_all([(bomb, "far.xlsx")], jobs=1)
    assert not book.accepted
    assert [f.code for f in found] in (["file-too-large"], ["file-memory"]), [f.to_dict() for f in found]
    assert found[0].file == "far.xlsx"


def pid(_x):
    return os.getpid()


def test_a_warm_pool_keeps_its_workers_across_calls_and_replaces_them_after_max_tasks():
    with isolation.WarmPool(1, max_tasks=3, limits=TIGHT):
        first = [run_isolated(pid, [(0,)], limits=TIGHT)[0] for _ in range(3)]
        later = run_isolated(pid, [(0,)], limits=TIGHT)[0]
    assert len(set(first)) == 1 and first[0] != os.getpid(), first  # one worker served the three calls
    assert later not in first  # the fourth task went to a fresh worker
    # other limits than the pool's: a pool of their own, as without a warm pool
    with isolation.WarmPool(1, limits=TIGHT):
        warm = run_isolated(pid, [(0,)], limits=TIGHT)[0]
        own = run_isolated(pid, [(0,)], limits=Limits(memory_bytes=TIGHT.memory_bytes, cpu_seconds=3,
                                                      wall_seconds=5))[0]
        assert run_isolated(pid, [(0,)], limits=TIGHT)[0] == warm
    assert own != warm


@pytest.mark.parametrize("worker, code", [
    (abort, "file-crashed-reader"),
    (allocate, "file-memory"),
    (spin, "file-timeout"),
    (sleep, "file-timeout"),
], ids=lambda v: getattr(v, "__name__", v))
def test_a_warm_pool_keeps_every_limit_and_serves_on_after_a_dying_task(worker, code):
    with isolation.WarmPool(1, limits=TIGHT):
        before = run_isolated(double, [(1,), (2,)], limits=TIGHT)
        outcomes = run_isolated(worker, [(30,)], limits=TIGHT)
        after = run_isolated(double, [(3,)], limits=TIGHT)
    assert before == [2, 4] and after == [6]
    assert isinstance(outcomes[0], Failure) and outcomes[0].code == code, outcomes


def busy(seconds):
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass
    return seconds


def test_a_warm_workers_cpu_limit_is_per_task_not_per_life():
    # three tasks of 1,5 s CPU each in one worker: 4,5 s in all, over TIGHT's 2 s, yet none is cut
    with isolation.WarmPool(1, limits=TIGHT):
        outcomes = [run_isolated(busy, [(1.5,)], limits=TIGHT)[0] for _ in range(3)]
    assert outcomes == [1.5, 1.5, 1.5], outcomes


def test_a_warm_pool_is_shared_by_threads_and_answers_each_in_its_order():
    from concurrent.futures import ThreadPoolExecutor

    with isolation.WarmPool(2, limits=TIGHT):
        with ThreadPoolExecutor(6) as threads:
            answers = list(threads.map(lambda n: run_isolated(double, [(n,), (n + 1,)], limits=TIGHT),
                                       range(0, 60, 2)))
    assert answers == [[2 * n, 2 * n + 2] for n in range(0, 60, 2)]


def never_starts(_memory, _logs):
    """A worker initializer that never returns: the pool's workers never take a task."""
    time.sleep(3600)


@pytest.mark.parametrize("warm", [False, True], ids=["own-pool", "warm-pool"])
def test_a_pool_whose_workers_never_start_gives_failures_instead_of_waiting_for_ever(monkeypatch, warm):
    # pebble counts a task's wall-clock limit from when a worker takes it: with no worker ever
    # ready, no limit fires and a plain future.result() would wait for ever (as it did when a
    # fork server failed to boot). No task running or ending for the grace is the pool's failure.
    monkeypatch.setattr(isolation, "_start_worker", never_starts)
    monkeypatch.setattr(isolation, "STALL_GRACE_SECONDS", 0.5)
    quick = Limits(memory_bytes=TIGHT.memory_bytes, cpu_seconds=2, wall_seconds=0.5)
    seen = []
    if warm:
        with isolation.WarmPool(1, limits=quick):
            outcomes = run_isolated(double, [(1,), (2,)], limits=quick, progress=seen.append)
    else:
        outcomes = run_isolated(double, [(1,), (2,)], limits=quick, progress=seen.append)
    assert [o.code for o in outcomes] == ["file-crashed-reader"] * 2, outcomes
    assert all("stalled" in o.detail for o in outcomes), outcomes
    assert seen == [(1,), (2,)]  # every task is still accounted for, in order


def test_a_task_running_longer_than_the_stall_grace_is_not_a_stall(monkeypatch):
    """The stall watch looks at tasks running, not only ending: a slow task is left to its own limit."""
    monkeypatch.setattr(isolation, "STALL_GRACE_SECONDS", 0.5)
    assert run_isolated(busy, [(1.5,), (0,)], jobs=1, limits=TIGHT) == [1.5, 0]
