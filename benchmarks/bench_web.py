"""Benchmark: the web desk under a rush of officers, and the dashboard during a big merge.

    python benchmarks/bench_web.py                                # 32, 100, 300 officers; 1.000-workbook merge
    python benchmarks/bench_web.py --officers 32 --no-merge       # a quick look
    python benchmarks/bench_web.py --officers 100 --no-merge --floor 100   # and where the floor is

A real `unionxl serve` runs in a subprocess on a free loopback port (nothing leaves this
machine), with a synthetic year (benchmarks/synthetic.py: workbooks of --members members, a few
planted mistakes so the checks do real work). For each round, N simulated officers upload
their group's workbook at the same moment (N threads, one HTTP client each) and the clock runs
from the start of the upload to the page showing that file's findings. Printed per round:
p50 / p95 / max seconds, throughput, uploads lost (answered without the upload recorded and
checked in the database, or not answered: must be 0), the peak memory (RSS) of the server
and of the server with the reading workers it started, and the CPU each upload cost the server,
its reading workers and this load generator (which shares the machine's cores with them).

Then every group of the year (--merge-groups, default 1.000) is uploaded, a consolidation is
started, and the treasurer's dashboard is requested every 0,5 s while it runs: p50 / p95 / max
of the dashboard's response time during the merge against the same page when idle.

With --floor N, N more officers then upload to four fresh desks whose reading worker does less
each time (benchmarks/floor.py): the whole check, the check without the guard's scans, only
calamine's parse, nothing at all. Each p95 is printed against the whole check's of that run.

Bounded: every request has a timeout, every round a deadline; the server is stopped at the end
(and killed if it does not stop). Not a test: it asserts nothing; the figures are for people.
"""

from __future__ import annotations

import argparse
import http.client
import os
import platform
import re
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

PASSWORD = "mat-khau-do-tai-2024"
REQUEST_TIMEOUT = 300.0
ROUND_DEADLINE = 900.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def csrf(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def cpu_seconds(pid: int, children: bool = False) -> float:
    """User + system CPU of a process (and of its waited-for children, when asked)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = int(fields[11]) + int(fields[12]) + (int(fields[13]) + int(fields[14]) if children else 0)
    return ticks / os.sysconf("SC_CLK_TCK")


def tree_cpu(pid: int) -> tuple[float, float]:
    """CPU seconds of the server alone, and of the server with every process it started (live or ended)."""
    server = cpu_seconds(pid)
    return server, cpu_seconds(pid, children=True) + sum(cpu_seconds(p, children=True) for p in tree(pid)[1:])


def tree(pid: int) -> list[int]:
    """The process and its descendants (the reading workers, a merge worker)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in Path(f"/proc/{p}/task").iterdir():
                children = (task / "children").read_text().split()
                todo.extend(int(c) for c in children)
        except OSError:
            pass
    return out


class Sampler(threading.Thread):
    """Peak RSS of the server, and of the server with its children, sampled every 0,1 s."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self.peak_tree, self.running = pid, 0, 0, True

    def run(self) -> None:
        while self.running:
            self.peak = max(self.peak, rss_kb(self.pid))
            self.peak_tree = max(self.peak_tree, sum(rss_kb(p) for p in tree(self.pid)))
            time.sleep(0.1)

    def stop(self) -> tuple[int, int]:
        self.running = False
        self.join(timeout=5)
        return self.peak, self.peak_tree


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def start_server(data: Path, log: Path, floor: str | None = None) -> tuple[subprocess.Popen, str]:
    """`unionxl serve` on a free loopback port; with `floor`, through benchmarks/floor.py in that mode."""
    import httpx

    port = free_port()
    command = [str(HERE / "floor.py"), floor] if floor else ["-m", "unionxl"]
    proc = subprocess.Popen([sys.executable, *command, "serve", "--data", str(data), "--port", str(port),
                             "--no-browser"], stdout=open(log, "wb"), stderr=subprocess.STDOUT,
                            start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(url + "/healthz", timeout=2).text == "ok":
                return proc, url
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("the server did not start: " + log.read_text(errors="replace"))
        time.sleep(0.2)


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def set_up(url: str, unit: Path) -> tuple["object", dict[str, str]]:
    """The password and the year, through the pages as a treasurer would; the groups' links."""
    import httpx

    h = httpx.Client(base_url=url, timeout=REQUEST_TIMEOUT, follow_redirects=True)
    token = csrf(h.get("/setup").text)
    h.post("/setup", data={"csrf_token": token, "password": PASSWORD, "again": PASSWORD})
    token = csrf(h.get("/").text)
    r = h.post("/years", data={"csrf_token": token}, files={"unit_workbook": (unit.name, unit.read_bytes())})
    if r.url.path != "/years/1":
        raise SystemExit("could not create the year: " + r.text[:500])
    links = {}
    for row in re.findall(r'<tr id="g\d+">(.*?)</tr>', r.text, re.S):
        code = re.search(r"<b>([^<]+)</b>", row).group(1)
        link = re.search(r'value="(http://[^"]+/nop/[^"]+)"', row)
        if link:
            links[code] = link.group(1).split("/nop/", 1)[1]
    return h, links


class Officer:
    """One officer's browser, reduced to what the rush needs: one kept-alive connection
    (http.client: the load generator shares the server's 2 cores, and httpx spent 5 ms of them
    per upload), the desk's CSRF cookie, and redirects followed like a browser does."""

    def __init__(self, url: str):
        from urllib.parse import urlsplit

        parts = urlsplit(url)
        self.host, self.port = parts.hostname, parts.port
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=REQUEST_TIMEOUT)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, str, str]:
        """(status, final path, page text), after following redirects."""
        for _ in range(5):
            sent = dict(headers or {})
            if self.cookies:
                sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            self.conn.request(method, path, body=body, headers=sent)
            response = self.conn.getresponse()
            page = response.read()
            for header in response.headers.get_all("set-cookie") or []:
                name, _, rest = header.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
            if response.status in (301, 302, 303) and response.headers.get("location"):
                method, path, body, headers = "GET", response.headers["location"], None, None
                continue
            return response.status, path, page.decode("utf-8", "replace")
        raise http.client.HTTPException("too many redirects")

    def close(self) -> None:
        self.conn.close()


def multipart(fields: dict[str, str], name: str, filename: str, content: bytes) -> tuple[bytes, str]:
    boundary = "unionxl-bench-" + os.urandom(8).hex()
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
             for k, v in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                 f"Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n".encode()
                 + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def one_upload(url: str, token: str, path: Path, body: bytes, results: list, barrier: threading.Barrier) -> None:
    officer = Officer(url)
    fetched = start = None
    try:
        form = csrf(officer.request("GET", f"/nop/{token}")[2])
        payload, content_type = multipart({"csrf_token": form}, "workbook", path.name, body)
        fetched = time.perf_counter()
        barrier.wait(timeout=120)
        start = time.perf_counter()
        status, final, page = officer.request("POST", f"/nop/{token}", payload, {"Content-Type": content_type})
        elapsed = time.perf_counter() - start
        shown = status == 200 and 'id="result"' in page
        upload_id = int(m.group(1)) if (m := re.search(r"[?&]u=(\d+)", final)) else None
        title = m.group(1).strip() if (m := re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)) else ""
        results.append((elapsed, shown, upload_id if shown else f"HTTP {status} {final[-40:]} {title}", token))
    except (OSError, http.client.HTTPException, threading.BrokenBarrierError) as exc:
        why = f"{type(exc).__name__}: {exc}"[:200]
        if fetched is not None and start is not None:
            # the form's connection, kept alive while every officer fetched theirs, then reused for the upload
            why += (f" (after {time.perf_counter() - start:.2f} s, on the connection idle "
                    f"{start - fetched:.2f} s since the form was fetched)")
        results.append((None, False, why, token))
    finally:
        officer.close()


def upload_round(url: str, data: Path, proc: subprocess.Popen, links: dict[str, str], folder: Path, n: int,
                 first: int) -> dict:
    codes = sorted(links)[first:first + n]
    files = {code: folder / f"{code}.xlsx" for code in codes}
    bodies = {code: files[code].read_bytes() for code in codes}
    results: list = []
    marks: dict = {}

    def released() -> None:  # every officer has the form: the rush starts now (CPU counted from here)
        marks["cpu"], marks["client"] = tree_cpu(proc.pid), time.process_time()

    barrier = threading.Barrier(len(codes), action=released)
    sampler = Sampler(proc.pid)
    sampler.start()
    start = time.perf_counter()
    threads = [threading.Thread(target=one_upload, args=(url, links[c], files[c], bodies[c], results, barrier),
                                daemon=True) for c in codes]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=max(1.0, ROUND_DEADLINE - (time.perf_counter() - start)))
    wall = time.perf_counter() - start
    cpu_after, client_after = tree_cpu(proc.pid), time.process_time()
    peak, peak_tree = sampler.stop()
    conn = sqlite3.connect(f"file:{data / 'state.sqlite3'}?mode=ro", uri=True)
    checked = {r[0] for r in conn.execute("SELECT id FROM uploads WHERE state = 'checked'")}
    times = [r[0] for r in results if r[0] is not None and r[1]]
    answered_and_kept = sum(1 for r in results if r[1] and r[2] in checked)
    for r in results:  # say why an upload counts as lost, and what the server kept of it
        if not (r[1] and r[2] in checked):
            kept = conn.execute("SELECT u.id, u.state FROM uploads u JOIN links l ON l.id = u.link_id "
                                "WHERE l.token = ?", (r[3],)).fetchall()
            print(f"  lost: {r[2] if not r[1] else f'upload {r[2]} not checked'}; the server recorded "
                  f"{', '.join(f'upload {i} ({state})' for i, state in kept) or 'no upload'} for that group",
                  flush=True)
    conn.close()
    if len(results) < n:
        print(f"  lost: {n - len(results)} uploads never finished before the round's deadline", flush=True)
    return {"n": n, "p50": percentile(times, 0.5), "p95": percentile(times, 0.95), "max": max(times or [0]),
            "wall": wall, "per_s": len(times) / wall if wall else 0, "lost": n - answered_and_kept,
            "rss": peak / 1024, "rss_tree": peak_tree / 1024,
            "cpu_server": (cpu_after[0] - marks["cpu"][0]) / n * 1000,
            "cpu_workers": ((cpu_after[1] - cpu_after[0]) - (marks["cpu"][1] - marks["cpu"][0])) / n * 1000,
            "cpu_client": (client_after - marks["client"]) / n * 1000}


def upload_rest(url: str, links: dict[str, str], folder: Path, done: int, workers: int = 4) -> float:
    """Every group not uploaded yet, `workers` at a time, so the year is complete for the merge."""
    import queue

    import httpx

    todo: queue.Queue = queue.Queue()
    for code in sorted(links)[done:]:
        todo.put(code)
    start = time.perf_counter()

    def work() -> None:
        with httpx.Client(base_url=url, timeout=REQUEST_TIMEOUT, follow_redirects=True) as h:
            while True:
                try:
                    code = todo.get_nowait()
                except queue.Empty:
                    return
                token = links[code]
                form = csrf(h.get(f"/nop/{token}").text)
                path = folder / f"{code}.xlsx"
                h.post(f"/nop/{token}", data={"csrf_token": form}, files={"workbook": (path.name, path.read_bytes())})

    threads = [threading.Thread(target=work, daemon=True) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=ROUND_DEADLINE * 3)
    return time.perf_counter() - start


def dashboard_times(h, seconds: float | None, stop: threading.Event | None = None, every: float = 0.5) -> list[float]:
    times = []
    end = time.monotonic() + seconds if seconds else None
    while (end is None or time.monotonic() < end) and not (stop is not None and stop.is_set()):
        start = time.perf_counter()
        r = h.get("/years/1")
        if r.status_code == 200:
            times.append(time.perf_counter() - start)
        time.sleep(every)
    return times


def merge_under_watch(h, data: Path, proc: subprocess.Popen) -> dict:
    idle = dashboard_times(h, 5)
    token = csrf(h.get("/years/1").text)
    sampler = Sampler(proc.pid)
    sampler.start()
    start = time.perf_counter()
    r = h.post("/years/1/merge", data={"csrf_token": token})
    merge_id = int(r.url.path.rsplit("/", 1)[1])
    stop = threading.Event()
    during: list[float] = []
    watcher = threading.Thread(target=lambda: during.extend(dashboard_times(h, None, stop)), daemon=True)
    watcher.start()
    deadline = time.monotonic() + ROUND_DEADLINE
    state = "queued"
    while time.monotonic() < deadline:
        state = h.get(f"/merges/{merge_id}/status").json()["state"]
        if state not in ("queued", "running"):
            break
        time.sleep(1)
    took = time.perf_counter() - start
    stop.set()
    watcher.join(timeout=30)
    peak, peak_tree = sampler.stop()
    return {"state": state, "seconds": took, "idle_p50": percentile(idle, 0.5), "idle_p95": percentile(idle, 0.95),
            "p50": percentile(during, 0.5), "p95": percentile(during, 0.95), "max": max(during or [0]),
            "samples": len(during), "rss": peak / 1024, "rss_tree": peak_tree / 1024}


def floor_rounds(folder: Path, n: int) -> None:
    """One round of `n` officers against a fresh desk whose reading worker does less each time
    (benchmarks/floor.py): what is left of the latency when the check costs nothing."""
    from benchmarks.floor import MODES

    what = {"check": "the whole check (as shipped)", "unguarded": "the check without the guard's scans",
            "calamine": "only calamine's parse of the sheets", "nothing": "nothing (server, HTTP, database, page)"}
    print(f"\n| {n} officers at once; the reading worker does | p50 | p95 | p95 / whole check's | throughput | lost"
          " | CPU per upload: server / workers / this client |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    baseline = None
    for mode in MODES:
        with tempfile.TemporaryDirectory(prefix="bench-web-floor-") as tmp:
            data = Path(tmp) / "data"
            proc, url = start_server(data, Path(tmp) / "server.log", floor=mode)
            try:
                _h, links = set_up(url, folder / "don-vi.xlsx")
                links = {code: token for code, token in links.items() if (folder / f"{code}.xlsx").exists()}
                r = upload_round(url, data, proc, links, folder, n, 0)
            finally:
                stop_server(proc)
        baseline = baseline or r["p95"]
        print(f"| {what[mode]} | {r['p50']:.2f} s | {r['p95']:.2f} s | {r['p95'] / baseline:.2f} | "
              f"{r['per_s']:.1f}/s | {r['lost']} | {r['cpu_server']:.0f} / {r['cpu_workers']:.0f} / "
              f"{r['cpu_client']:.0f} ms |", flush=True)


def synthetic_year(groups: int, members: int, cache: Path) -> Path:
    from benchmarks.synthetic import generate

    folder = cache / f"year-{groups}x{members}-s1"
    if not (folder / ".complete").exists():
        print(f"generating {groups} workbooks × {members} members into {folder} …", flush=True)
        generate(folder, groups, members, 1)
        (folder / ".complete").write_text("ok")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--officers", default="32,100,300", help="simultaneous uploads per round")
    parser.add_argument("--members", type=int, default=100)
    parser.add_argument("--merge-groups", type=int, default=1000,
                        help="groups in the year (its unit workbook), all uploaded for the merge watched")
    parser.add_argument("--no-merge", action="store_true", help="only the upload rounds")
    parser.add_argument("--cache", type=Path, default=HERE / ".cache")
    parser.add_argument("--floor", type=int, default=0, metavar="N",
                        help="then N officers against desks whose reading worker does less (benchmarks/floor.py)")
    args = parser.parse_args()
    rounds = [int(n) for n in args.officers.split(",")]
    groups = max(sum(rounds), args.merge_groups)  # the year's size: its unit workbook lists every group
    folder = synthetic_year(groups, args.members, args.cache)
    print(f"unionxl web desk · {platform.python_version()} · {os.cpu_count()} cores · "
          f"{groups} groups × {args.members} members", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-web-") as tmp:
        data = Path(tmp) / "data"
        proc, url = start_server(data, Path(tmp) / "server.log")
        try:
            h, links = set_up(url, folder / "don-vi.xlsx")
            links = {code: token for code, token in links.items() if (folder / f"{code}.xlsx").exists()}
            print("\n| officers at once | p50 upload→findings | p95 | max | throughput | lost | server RSS peak"
                  " | with reading workers | CPU per upload: server / workers / this client |")
            print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
            first = 0
            for n in rounds:
                r = upload_round(url, data, proc, links, folder, n, first)
                first += n
                print(f"| {n} | {r['p50']:.2f} s | {r['p95']:.2f} s | {r['max']:.2f} s | {r['per_s']:.1f}/s | "
                      f"{r['lost']} | {r['rss']:.0f} MB | {r['rss_tree']:.0f} MB | {r['cpu_server']:.0f} / {r['cpu_workers']:.0f} / "
                      f"{r['cpu_client']:.0f} ms |", flush=True)
            if not args.no_merge:
                took = upload_rest(url, links, folder, first)
                print(f"\n(the other {len(links) - first} groups uploaded in {took:.0f} s, 4 at a time)", flush=True)
                m = merge_under_watch(h, data, proc)
                print(f"\n| merge of {len(links)} workbooks | dashboard idle p50 / p95 | during the merge p50 / p95"
                      " / max | samples | server RSS peak | with merge worker |")
                print("|---|---:|---:|---:|---:|---:|")
                print(f"| {m['state']} in {m['seconds']:.0f} s | {m['idle_p50'] * 1000:.0f} / {m['idle_p95'] * 1000:.0f}"
                      f" ms | {m['p50'] * 1000:.0f} / {m['p95'] * 1000:.0f} / {m['max'] * 1000:.0f} ms | "
                      f"{m['samples']} | {m['rss']:.0f} MB | {m['rss_tree']:.0f} MB |", flush=True)
        finally:
            stop_server(proc)
    if args.floor:
        floor_rounds(folder, args.floor)


if __name__ == "__main__":
    main()
