"""Peak memory of a command and all its children, sampled from /proc (Linux).

`/usr/bin/time -v` reports the largest single process; a run whose readers are worker
processes needs the sum over the process tree at each moment, and each worker's own peak.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass, field


@dataclass
class Peak:
    returncode: int
    tree_bytes: int  # highest sum of RSS over the process tree at one sample
    process_bytes: dict[int, int] = field(default_factory=dict)  # pid -> its own highest RSS (VmHWM)
    seconds: float = 0.0
    stdout: str = ""
    stderr: str = ""


def _children(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        here = todo.pop()
        try:
            with open(f"/proc/{here}/task/{here}/children") as handle:
                kids = [int(k) for k in handle.read().split()]
        except OSError:
            kids = []
        found.extend(kids)
        todo.extend(kids)
    return found


def _status(pid: int) -> dict[str, int]:
    values = {}
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    key, amount, _unit = line.split()
                    values[key[:-1]] = int(amount) * 1024
    except OSError:
        pass
    return values


def measure(command: list[str], timeout: float = 600, interval: float = 0.05, **kwargs) -> Peak:
    start = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)
    peak = 0
    per: dict[int, int] = {}
    import threading

    out: dict[str, str] = {}
    reader = threading.Thread(target=lambda: out.update(zip(("stdout", "stderr"), process.communicate())))
    reader.start()
    while process.poll() is None:
        if time.monotonic() - start > timeout:
            process.kill()
            break
        total = 0
        for pid in [process.pid, *_children(process.pid)]:
            status = _status(pid)
            total += status.get("VmRSS", 0)
            per[pid] = max(per.get(pid, 0), status.get("VmHWM", 0))
        peak = max(peak, total)
        time.sleep(interval)
    reader.join()
    return Peak(process.returncode, peak, per, time.monotonic() - start, out.get("stdout", ""), out.get("stderr", ""))


if __name__ == "__main__":
    result = measure(sys.argv[1:])
    print(f"exit {result.returncode}  {result.seconds:.1f} s  peak tree RSS {result.tree_bytes / 2**20:.0f} MiB")
    for pid, hwm in sorted(result.process_bytes.items(), key=lambda kv: -kv[1])[:6]:
        print(f"  pid {pid}: peak {hwm / 2**20:.0f} MiB")
    sys.exit(0)
