"""A gunicorn server on loopback: start, wait until healthy, its workers' memory, stop."""

from __future__ import annotations

import http.client
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from bench.environment import BIN

# The production setting documented in docs/deployment.md: sync workers, 2 per core.
DEFAULT_WORKERS = 4


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class WorkerMemory:
    """Resident memory of one process, in MiB (PSS when the kernel offers it)."""

    pid: int
    rss_mib: float
    pss_mib: float | None


def process_memory(pid: int) -> WorkerMemory:
    """VmRSS from /proc/<pid>/status and Pss from /proc/<pid>/smaps_rollup."""
    rss = pss = None
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            rss = int(line.split()[1]) / 1024
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1]) / 1024
    except OSError:
        pass
    return WorkerMemory(pid, rss or 0.0, pss)


class Gunicorn:
    """One gunicorn master with `workers` sync workers serving `app_spec`."""

    def __init__(self, app_spec: str, env: dict[str, str], workdir: Path, name: str,
                 workers: int = DEFAULT_WORKERS):
        self.app_spec = app_spec
        self.env = env
        self.workdir = workdir
        self.name = name
        self.workers = workers
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.log_path = workdir / f"gunicorn-{name}.log"

    @property
    def base_url(self) -> str:
        """http://127.0.0.1:PORT"""
        return f"http://127.0.0.1:{self.port}"

    def start(self, ready_path: str = "/healthz", timeout: float = 60) -> Gunicorn:
        """Start the server and wait until `ready_path` answers 200 on every worker."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), "--workers", str(self.workers), "--worker-class", "sync",
             "--bind", f"127.0.0.1:{self.port}", "--timeout", "60",
             "--error-logfile", "-", self.app_spec],
            env=self.env, cwd=self.workdir, stdout=log, stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn {self.name} exited: {self.log_tail()}")
            if len(self.worker_pids()) >= self.workers and self._answers(ready_path):
                # Warm every worker once (imports, template compilation) before measuring.
                for _ in range(self.workers * 3):
                    self._answers(ready_path)
                return self
            time.sleep(0.2)
        raise TimeoutError(f"gunicorn {self.name} not ready: {self.log_tail()}")

    def _answers(self, path: str) -> bool:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request("GET", path)
            return connection.getresponse().status == 200
        except OSError:
            return False
        finally:
            connection.close()

    def worker_pids(self) -> list[int]:
        """The pids of the master's children (its workers)."""
        if self.process is None:
            return []
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(p) for p in children.read_text().split()]
        except OSError:
            return []

    def worker_memory(self) -> list[WorkerMemory]:
        """Memory of each worker now."""
        result = []
        for pid in self.worker_pids():
            try:
                result.append(process_memory(pid))
            except OSError:  # a worker restarted between listing and reading
                continue
        return result

    def log_tail(self, lines: int = 20) -> str:
        """The end of the server's log (for error messages)."""
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        """Stop gracefully (SIGTERM), then kill if it hangs."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def __enter__(self) -> Gunicorn:
        return self.start()

    def __exit__(self, *_exc) -> None:
        self.stop()
