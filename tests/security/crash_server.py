"""Running learn under gunicorn on loopback for the crash test, and a minimal HTTP learner.

The learner keeps its own cookies and CSRF token, never follows redirects (the test reads
them), and says where it comes from with X-Forwarded-For (the server trusts one proxy hop),
so that each learner has its own rate-limit allowance as real learners would.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

BIN = Path(sys.executable).parent
_TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """One gunicorn master with several sync workers, all started by this test."""

    def __init__(self, env: dict, cwd: Path, workers: int = 3):
        self.port = free_port()
        self.log = (cwd / f"gunicorn-{self.port}.log").open("wb")
        self.process = subprocess.Popen(  # our own gunicorn, on loopback only
            [str(BIN / "gunicorn"), "--workers", str(workers), "--bind",
             f"127.0.0.1:{self.port}", "--graceful-timeout", "5", "learn:create_app()"],
            env=env, cwd=cwd, stdout=self.log, stderr=subprocess.STDOUT,
        )

    def wait_ready(self, timeout: float = 60) -> None:
        """Wait until /healthz answers 200."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            try:
                status, _headers, _body = request(self.port, "GET", "/healthz")
                if status == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise TimeoutError("gunicorn did not become ready")

    def pids(self) -> list[int]:
        """The master and its worker processes."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        workers = [int(p) for p in children.read_text().split()] if children.exists() else []
        return [self.process.pid, *workers]

    def kill_hard(self) -> list[int]:
        """SIGKILL the master and every worker, one pid after the other; returns them."""
        pids = self.pids()
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        for pid in pids[1:]:
            _wait_gone(pid)
        self.log.close()
        return pids

    def stop(self) -> None:
        """Stop gracefully (SIGTERM) and wait."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill_hard()
        if not self.log.closed:
            self.log.close()


def _wait_gone(pid: int, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        stat = Path(f"/proc/{pid}/stat")
        if not stat.exists() or stat.read_text().split(")")[-1].split()[0] == "Z":
            return
        time.sleep(0.05)
    raise TimeoutError(f"process {pid} is still running")


def request(port: int, method: str, path: str, body: bytes | None = None,
            headers: dict | None = None) -> tuple[int, dict, str]:
    """One HTTP request; (status, headers, body text)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode(
            "utf-8", "replace")
    finally:
        connection.close()


class Learner:
    """A browser-like client of one learner."""

    def __init__(self, port: int, email: str, address: str):
        self.port, self.email, self.address = port, email, address
        self.cookies: dict[str, str] = {}
        self.token = ""

    def _headers(self, extra: dict | None = None) -> dict:
        headers = {"X-Forwarded-For": self.address, **(extra or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return headers

    def _keep(self, headers: dict) -> None:
        for name, value in headers.items():
            if name.lower() == "set-cookie":
                for morsel in SimpleCookie(value).values():
                    self.cookies[morsel.key] = morsel.value

    def get(self, path: str) -> tuple[int, str, str]:
        """GET; (status, Location, body). The CSRF token of the page is kept."""
        status, headers, body = request(self.port, "GET", path, headers=self._headers())
        self._keep(headers)
        match = _TOKEN.search(body)
        if match:
            self.token = match.group(1)
        return status, headers.get("Location", ""), body

    def post(self, path: str, fields: dict) -> tuple[int, str]:
        """POST a form with the CSRF token; (status, Location)."""
        body = urlencode({**fields, "csrf_token": self.token}).encode()
        status, headers, _body = request(self.port, "POST", path, body, self._headers(
            {"Content-Type": "application/x-www-form-urlencoded"}))
        self._keep(headers)
        return status, headers.get("Location", "")

    def sign_in(self, password: str) -> None:
        """Sign in through the form."""
        self.get("/login")
        status, _location = self.post("/login", {"email": self.email, "password": password})
        if status != 302:
            raise RuntimeError(f"sign-in of {self.email}: {status}")
