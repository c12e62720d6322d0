"""What machine and software a run was measured on (for results.json and the docs)."""

from __future__ import annotations

import os
import platform
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from bench.environment import REPO_ROOT


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_mib() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return None


def _git(*args: str) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=REPO_ROOT, capture_output=True, text=True,
                              timeout=10, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip()


def _postgres_version(admin_url: str | None) -> str | None:
    if not admin_url:
        return None
    try:
        from sqlalchemy import create_engine, text

        engine = create_engine(admin_url)
        try:
            with engine.connect() as connection:
                return connection.execute(text("SHOW server_version")).scalar()
        finally:
            engine.dispose()
    except Exception as error:  # the version is informative only
        return f"unavailable ({type(error).__name__})"


def _tool_version(*command: str) -> str | None:
    try:
        done = subprocess.run(list(command), capture_output=True, text=True, timeout=10)
    except OSError:
        return None
    text = (done.stdout or done.stderr).strip().splitlines()
    return text[0] if text else None


def describe(postgres_admin_url: str | None) -> dict[str, Any]:
    """CPU, cores, memory, Python, SQLite, PostgreSQL, gunicorn, wrk and the git commit."""
    import gunicorn

    dirty = _git("status", "--porcelain", "--untracked-files=no")
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory_mib": _memory_mib(),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "postgresql": _postgres_version(postgres_admin_url),
        "gunicorn": gunicorn.__version__,
        "wrk": _tool_version("wrk", "--version"),
        # An exported tree (git archive) has no .git: LEARN_BENCH_COMMIT names its commit.
        "git_commit": _git("rev-parse", "HEAD") or os.environ.get("LEARN_BENCH_COMMIT"),
        "git_dirty": bool(dirty) if dirty is not None else None,
    }
