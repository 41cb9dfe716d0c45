"""A real `unionxl serve` in a subprocess on a free loopback port, for tests that need a
server of their own (the desk-to-desk send, the kill test)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, data: Path, log: Path, port: int | None = None, env: dict | None = None):
        self.data, self.log_path = data, log
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, **(env or {})}
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> "Server":
        log = open(self.log_path, "ab")
        # Its own process group, so a SIGKILL can take the merge workers it started with it.
        self.proc = subprocess.Popen([sys.executable, "-m", "unionxl", "serve", "--data", str(self.data),
                                      "--port", str(self.port), "--no-browser"], stdout=log,
                                     stderr=subprocess.STDOUT, env=self.env, start_new_session=True)
        log.close()
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as r:
                    if r.read() == b"ok":
                        return self
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError("the server did not start: " + self.log_path.read_text(errors="replace"))
                time.sleep(0.2)

    def kill(self) -> None:
        """SIGKILL the server and everything it started (as a power cut or the OOM killer would)."""
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
