"""wrk, the HTTP load generator: install it, run it, read its figures (p95 via a Lua hook)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

# wrk prints p50/p75/p90/p99 with --latency; this hook adds the 95th percentile and the
# error counts in a line that is easy to parse. Latencies are in microseconds.
DONE_HOOK = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d max_us=%d "
    .. "connect=%d read=%d write=%d status=%d timeout=%d\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
"""


# Several learners: each request carries the next learner's session cookie.
ROTATE_COOKIES = """
cookies = {%s}
counter = 0
request = function()
  counter = counter + 1
  local headers = {}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  headers["Cookie"] = cookies[(counter %% #cookies) + 1]
  return wrk.format(nil, nil, headers)
end
"""


def _lua_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


class WrkMissing(RuntimeError):
    """wrk is not installed and could not be installed."""


def ensure_wrk() -> str:
    """The path of wrk; installs Debian's package when missing and running as root."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise WrkMissing("wrk is missing: install it (Debian: apt-get install -y wrk)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "--no-install-recommends", "wrk"]
    if subprocess.run(install, env=env, capture_output=True, check=False).returncode != 0:
        subprocess.run(["apt-get", "update"], env=env, capture_output=True, check=False)
        subprocess.run(install, env=env, capture_output=True, check=False)
    found = shutil.which("wrk")
    if not found:
        raise WrkMissing("wrk could not be installed with apt-get")
    return found


@dataclass
class WrkResult:
    """What one wrk run measured."""

    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    errors: dict[str, int]

    @property
    def rps(self) -> float:
        """Requests per second."""
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def error_count(self) -> int:
        """Socket errors plus non-2xx/3xx answers."""
        return sum(self.errors.values())


def parse_output(output: str) -> WrkResult:
    """Read the BENCH line the Lua hook printed."""
    match = re.search(r"^BENCH (.*)$", output, re.MULTILINE)
    if not match:
        raise RuntimeError(f"wrk printed no result: {output[-500:]}")
    fields = dict(pair.split("=", 1) for pair in match.group(1).split())
    values = {k: int(v) for k, v in fields.items()}
    return WrkResult(
        requests=values["requests"],
        seconds=values["duration_us"] / 1e6,
        p50_ms=values["p50_us"] / 1000,
        p95_ms=values["p95_us"] / 1000,
        p99_ms=values["p99_us"] / 1000,
        max_ms=values["max_us"] / 1000,
        errors={k: values[k] for k in ("connect", "read", "write", "status", "timeout")},
    )


def run_wrk(url: str, seconds: int, connections: int = 16, threads: int = 2,
            headers: dict[str, str] | None = None, cookies: list[str] | None = None
            ) -> WrkResult:
    """Load `url` with `connections` concurrent connections for `seconds` (with `cookies`,
    each request takes the next cookie in turn)."""
    wrk = ensure_wrk()
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "done.lua"
        lua = DONE_HOOK
        if cookies:
            lua += ROTATE_COOKIES % ", ".join(_lua_string(c) for c in cookies)
        script.write_text(lua, encoding="utf-8")
        command = [wrk, "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s",
                   "--latency", "--timeout", "10s", "-s", str(script)]
        for name, value in (headers or {}).items():
            command += ["-H", f"{name}: {value}"]
        done = subprocess.run([*command, url], capture_output=True, text=True,
                              timeout=seconds + 60, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr[-500:]}")
    return parse_output(done.stdout)
