"""Every untrusted file is read in a worker process that may die without taking the run with it.

python-calamine is native code: on a hostile file it can abort the process when an allocation
fails, panic (pyo3 raises `PanicException`, a BaseException), or spin. So nothing that opens a
group's file runs in the main process. `run_isolated` hands each task to a pebble `ProcessPool`
worker that has its own limits:

- address space (RLIMIT_AS) set once in the worker, so an allocation that would take the
  machine's memory fails inside that worker instead;
- CPU time (RLIMIT_CPU) re-armed before each task, so a task that spins is killed by SIGXCPU;
- wall-clock time per task (pebble's timeout), on every platform, for what CPU time misses;
- no core files.

A task whose worker aborts, panics, runs out of memory or time comes back as a `Failure` for
that task only; pebble starts a fresh worker and the other tasks go on. The caller turns the
failure into a finding for its file (`Failure.finding`). Without the `resource` module
(Windows) only the wall-clock limit applies.

Workers start from a fork server (Linux, macOS) or are spawned (Windows): never forked from the
main process, whose heap and threads they must not inherit.

A server that reads files all day (the web desk) keeps one `WarmPool` for its life instead of
starting a pool per call (a pool's start and stop cost more than reading a small workbook):
inside `with WarmPool(...)`, `run_isolated` in that process hands its tasks to those workers,
with the same limits per task; a worker is replaced after `max_tasks` tasks, or when it dies.
"""

from __future__ import annotations

import faulthandler
import math
import multiprocessing
import os
import signal
import tempfile
import threading
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures import wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

import pebble

try:
    import resource
except ImportError:  # Windows: only the wall-clock limit applies
    resource = None

from .findings import Finding

# A group workbook reads in well under a second and ~100 MB. These leave room for the largest
# input a CĐCS or a sector may legitimately send (a workbook of 250 000 members is read in ~40 s
# with a ~630 MB worker on a busy 2-core machine): docs/security.md's table is made from these.
WORKER_MEMORY_BYTES = 2 * 1024 ** 3  # address space of one worker (RLIMIT_AS)
TASK_CPU_SECONDS = 240  # CPU time one task may use (RLIMIT_CPU, re-armed per task)
TASK_WALL_SECONDS = 600  # wall-clock time one task may take, waiting for a core included
RETRIES_AFTER_BROKEN_POOL = 1  # a pool that breaks as a whole is rebuilt once for the tasks left
# A running task ends within its wall-clock limit; pebble starts that clock only when a worker
# takes the task. A pool in which no task of a call is running or ends for this long is stuck
# itself (workers that never start: a fork server that failed to boot, an initializer that hangs)
# and its tasks left are handled as those of a broken pool. A warm pool's workers may be busy with
# other callers' tasks meanwhile, so there a call waits a task's wall-clock limit longer first.
STALL_GRACE_SECONDS = 60

# What a Rust allocation failure prints before it aborts; Python prints MemoryError.
_MEMORY_WORDS = ("memory allocation of", "MemoryError", "Cannot allocate memory", "out of memory")
_TELLING_WORDS = (*_MEMORY_WORDS, "panicked at", "Error")


@dataclass(frozen=True)
class Limits:
    memory_bytes: int = WORKER_MEMORY_BYTES
    cpu_seconds: int = TASK_CPU_SECONDS
    wall_seconds: float = TASK_WALL_SECONDS


@dataclass(frozen=True)
class Failure:
    """A task that did not return: `code` is the finding it becomes, `detail` what was seen."""

    code: str  # "file-crashed-reader", "file-timeout" or "file-memory"
    detail: str

    def finding(self, display: str) -> Finding:
        return Finding(self.code, display, params={"detail": self.detail})


def start_method() -> str:
    methods = multiprocessing.get_all_start_methods()
    return "forkserver" if "forkserver" in methods else "spawn"


_PRELOAD = ["unionxl.merge", "unionxl.sector"]  # what every read task imports, loaded once per fork server


def _context():
    context = multiprocessing.get_context(start_method())
    if context.get_start_method() == "forkserver":
        context.set_forkserver_preload(_PRELOAD)
    return context


class WarmPool:
    """Limited workers kept for a process's life: `with WarmPool(2):` and every `run_isolated` of
    this process (from any thread) with the default limits runs its tasks on them. The limits are
    those of `run_isolated`: address space per worker, CPU time re-armed and wall-clock time per
    task. A worker is replaced after `max_tasks` tasks (what a reader leaks goes with it) or when
    it dies; a pool that breaks as a whole is rebuilt for the next call."""

    def __init__(self, workers: int | None = None, *, max_tasks: int = 200, limits: Limits | None = None):
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.max_tasks = max_tasks
        self.limits = limits or Limits()
        self._lock = threading.Lock()
        self._logs: tempfile.TemporaryDirectory | None = None
        self._pool: pebble.ProcessPool | None = None
        self._previous: WarmPool | None = None

    def __enter__(self) -> "WarmPool":
        global _WARM
        with self._lock:
            self._logs = tempfile.TemporaryDirectory(prefix="unionxl-workers-")
            self._pool = self._new_pool()
        self._previous, _WARM = _WARM, self
        return self

    def __exit__(self, *exc) -> None:
        global _WARM
        if _WARM is self:
            _WARM = self._previous
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.stop()
            pool.join(timeout=10)
        if self._logs is not None:
            self._logs.cleanup()

    def _new_pool(self) -> pebble.ProcessPool:
        return pebble.ProcessPool(max_workers=self.workers, max_tasks=self.max_tasks, initializer=_start_worker,
                                  initargs=(self.limits.memory_bytes, self._logs.name), context=_context())

    def lease(self, broken: pebble.ProcessPool | None = None) -> tuple[pebble.ProcessPool, Path]:
        """The live pool (a new one in place of `broken`, the pool a caller saw break)."""
        with self._lock:
            if self._pool is None:
                raise RuntimeError("WarmPool used outside its with-block")
            if broken is not None and broken is self._pool:
                broken.stop()
                self._pool = self._new_pool()
            return self._pool, Path(self._logs.name)


_WARM: WarmPool | None = None  # the pool of the innermost active `with WarmPool(...)`


def run_isolated(worker: Callable[..., Any], tasks: Sequence[tuple], *, jobs: int | None = None,
                 limits: Limits | None = None,
                 progress: Callable[[tuple], None] | None = None) -> list[Any]:
    """`worker(*task)` for each task, each in a limited worker process; results in task order.

    `worker` must be a top-level (picklable) function. A task that raised, crashed, ran out of
    memory or time gives a `Failure` in its place; this function itself does not raise for a task.
    `progress(task)` is called as each task ends, in task order. Inside a `WarmPool` (and with
    its limits) the tasks go to its workers and `jobs` is the pool's size instead.
    """
    limits = limits or Limits()
    warm = _WARM if _WARM is not None and _WARM.limits == limits else None
    results: list[Any] = [None] * len(tasks)
    pending = list(range(len(tasks)))
    broken_pool = None
    for attempt in range(RETRIES_AFTER_BROKEN_POOL + 1):
        if not pending:
            break
        last = attempt == RETRIES_AFTER_BROKEN_POOL
        if warm is not None:
            pool, logs = warm.lease(broken_pool)
            pending = _collect(pool, logs, worker, tasks, pending, results, limits, progress, last,
                               stall_seconds=limits.wall_seconds + STALL_GRACE_SECONDS)
            broken_pool = pool
        else:
            pending = _run_pool(worker, tasks, pending, results, jobs, limits, progress, last)
    return results


def _run_pool(worker, tasks, indexes, results, jobs, limits, progress, last_attempt) -> list[int]:
    workers = max(1, min(jobs or os.cpu_count() or 1, len(indexes)))
    with tempfile.TemporaryDirectory(prefix="unionxl-workers-") as logs:
        pool = pebble.ProcessPool(max_workers=workers, initializer=_start_worker,
                                  initargs=(limits.memory_bytes, logs), context=_context())
        try:
            return _collect(pool, Path(logs), worker, tasks, indexes, results, limits, progress, last_attempt,
                            stall_seconds=STALL_GRACE_SECONDS)
        finally:
            pool.stop()
            pool.join()


def _collect(pool, logs: Path, worker, tasks, indexes, results, limits, progress, last_attempt, *,
             stall_seconds: float) -> list[int]:
    """Schedule the tasks on `pool` and gather their results (or failures); the indexes whose
    pool broke as a whole, for another attempt."""
    broken: list[int] = []
    futures = []
    for i in indexes:
        try:
            futures.append((i, pool.schedule(_run_task, args=(worker, tuple(tasks[i]), limits.cpu_seconds),
                                             timeout=limits.wall_seconds)))
        except RuntimeError:  # a pool that broke earlier (a warm one) refuses new tasks
            if last_attempt:
                results[i] = Failure("file-crashed-reader", "BrokenProcessPool")
                if progress:
                    progress(tasks[i])
            else:
                broken.append(i)
    ended = _Ended()
    for _, future in futures:
        future.add_done_callback(ended)
    stalled = False
    for i, future in futures:
        stalled = stalled or _stalled(future, futures, ended, stall_seconds)
        if stalled:
            future.cancel()
            if not last_attempt:
                broken.append(i)
                continue
            results[i] = Failure("file-crashed-reader", f"worker pool stalled: no task ran in {stall_seconds:g} s")
            if progress:
                progress(tasks[i])
            continue
        try:
            results[i] = future.result()
        except FutureTimeout:
            results[i] = Failure("file-timeout", f"> {limits.wall_seconds:g} s")
        except pebble.ProcessExpired as exc:
            results[i] = _expired(exc, logs, limits)
        except BrokenProcessPool as exc:
            if not last_attempt:
                broken.append(i)
                continue
            results[i] = Failure("file-crashed-reader", f"BrokenProcessPool: {exc}"[:200])
        except Exception as exc:  # e.g. a result that could not be sent back
            results[i] = Failure("file-crashed-reader", f"{type(exc).__name__}: {exc}"[:200])
        if progress:
            progress(tasks[i])
    return broken


class _Ended:
    """Counts the futures it is attached to as they end (a done-callback: no scan of every future)."""

    def __init__(self) -> None:
        self.count = 0
        self._lock = threading.Lock()  # pebble's thread and (for a future already done) the caller's

    def __call__(self, _future) -> None:
        with self._lock:
            self.count += 1


def _stalled(future, futures, ended: _Ended, stall_seconds: float) -> bool:
    """Wait for `future`; True if meanwhile, for `stall_seconds`, none of `futures` ran or ended."""
    seen = ended.count
    while not wait([future], timeout=stall_seconds).done:
        if ended.count == seen and not any(f.running() for _, f in futures):
            return True
        seen = ended.count
    return False


def _expired(exc: pebble.ProcessExpired, logs: Path, limits: Limits) -> Failure:
    """Why a worker died: its exit signal, and what it printed last (Rust prints the failed allocation)."""
    code = exc.exitcode
    said = ""
    try:
        with open(logs / f"{exc.pid}.err", "rb") as handle:
            said = handle.read(64 * 1024).decode("utf-8", "replace")
    except OSError:
        pass
    name = _signal_name(code)
    lines = [line.strip() for line in said.splitlines() if line.strip()]
    telling = next((line for line in lines if any(word in line for word in _TELLING_WORDS)), "")
    last_words = telling or (lines[-1] if lines else "")
    detail = f"{name}: {last_words}"[:200] if last_words else name
    if code == -getattr(signal, "SIGXCPU", -1000):
        return Failure("file-timeout", f"CPU > {limits.cpu_seconds} s")
    if any(word in said for word in _MEMORY_WORDS) or code == -getattr(signal, "SIGKILL", -1000):
        # SIGKILL from outside is almost always the kernel's out-of-memory killer
        return Failure("file-memory", detail)
    return Failure("file-crashed-reader", detail)


def _signal_name(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return signal.Signals(-exitcode).name
        except ValueError:
            pass
    return f"exit {exitcode}"


def _start_worker(memory_bytes: int, logs: str) -> None:
    """Runs once in each new worker: its limits, and its stderr into a file the pool can read."""
    if resource is not None:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        _lower(resource.RLIMIT_AS, memory_bytes)
    faulthandler.disable()  # a forked worker may inherit a test runner's: the finding reports the crash
    os.environ["RUST_BACKTRACE"] = "0"  # a panic's first line says what happened; a backtrace only buries it
    try:
        fd = os.open(os.path.join(logs, f"{os.getpid()}.err"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(fd, 2)
        os.close(fd)
    except OSError:
        pass  # the worker still runs; a crash is then reported without its last words


def _lower(limit: int, value: int) -> None:
    soft, hard = resource.getrlimit(limit)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    resource.setrlimit(limit, (value, hard))


def _run_task(worker: Callable[..., Any], args: tuple, cpu_seconds: int) -> Any:
    """In the worker: arm the CPU limit for this task, run it, and turn what it raises into a Failure."""
    if resource is not None:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        _lower(resource.RLIMIT_CPU, math.ceil(usage.ru_utime + usage.ru_stime) + cpu_seconds)
    try:
        return worker(*args)
    except MemoryError:
        return Failure("file-memory", "MemoryError")
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # pyo3's PanicException derives from BaseException, not Exception
        return Failure("file-crashed-reader", f"{type(exc).__name__}: {exc}"[:200])
