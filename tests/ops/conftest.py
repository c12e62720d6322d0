"""Fixtures for operations tests: migrated databases of their own, a running writer process."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from learn import create_app, schema
from learn.cli import main
from learn.db import engine_for
from tests.conftest import fresh_postgres_url, make_settings

WRITER = Path(__file__).with_name("serve_and_write.py")


@pytest.fixture
def fresh_postgres() -> Iterator:
    """Make empty PostgreSQL databases for a test; dropped at its end (request it first)."""
    made: list[str] = []

    def make(label: str) -> str:
        url = fresh_postgres_url(os.environ["LEARN_TEST_DATABASE_URL"], label)
        made.append(url)
        return url

    yield make
    for url in made:
        admin = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            name = make_url(url).database
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


class CliApp:
    """An app on a given database, with the `learn` command bound to it."""

    def __init__(self, database_url: str, instance: Path):
        settings = make_settings(database_url, instance)
        self.app = create_app({"SETTINGS": settings, "INSTANCE_PATH": str(instance),
                               "TESTING": True})
        self._runner = self.app.test_cli_runner()

    def invoke(self, *args: str):
        """Run `learn ARGS` against this app."""
        return self._runner.invoke(main, list(args))

    def close(self) -> None:
        """Release the database connections."""
        engine_for(self.app).dispose()


@pytest.fixture
def cli_app(tmp_path) -> Iterator:
    """Build CliApps on databases of the test's own; all closed at the end."""
    apps: list[CliApp] = []

    def build(database_url: str) -> CliApp:
        app = CliApp(database_url, tmp_path / f"instance-{uuid.uuid4().hex[:6]}")
        apps.append(app)
        return app

    yield build
    for app in apps:
        app.close()


class Writer:
    """A separate process serving the app and registering users through HTTP, non-stop."""

    def __init__(self, database_url: str, workdir: Path):
        env = {
            **os.environ,
            "LEARN_DATABASE_URL": database_url,
            "LEARN_SECRET_KEY": "writer-process-secret-key-long-enough-0123456789",
            "LEARN_ARGON2_TIME_COST": "1",
            "LEARN_ARGON2_MEMORY_KIB": "1024",
            "LEARN_ENV": "development",
        }
        env.pop("LEARN_REDIS_URL", None)
        self._process = subprocess.Popen(
            [sys.executable, str(WRITER)], cwd=workdir, env=env, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        self._lines: queue.Queue[str] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.written = 0

    def _read(self) -> None:
        for line in self._process.stdout:
            self._lines.put(line.strip())
        self._lines.put("exited")

    def wait_for(self, writes: int, timeout: float = 60) -> None:
        """Block until the process has written at least this many registrations."""
        while self.written < writes:
            line = self._lines.get(timeout=timeout)
            if line == "exited":
                raise AssertionError("writer died: " + self._process.stderr.read())
            if line.startswith("wrote "):
                self.written = int(line.split()[1])

    def stop(self) -> None:
        """Close its input (it stops after the current write) and wait."""
        if self._process.stdout.closed:
            return
        if self._process.poll() is None:
            self._process.stdin.close()
            try:
                self._process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._reader.join(timeout=30)
        errors = self._process.stderr.read()
        self._process.stderr.close()
        self._process.stdout.close()
        assert self._process.returncode == 0, errors


@pytest.fixture
def writer(tmp_path) -> Iterator:
    """Start writer processes on a database; they are stopped at the end of the test."""
    started: list[Writer] = []

    def start(database_url: str) -> Writer:
        process = Writer(database_url, tmp_path)
        started.append(process)
        return process

    yield start
    for process in started:
        process.stop()


def _hashable(value):
    # JSON columns come back as dicts and lists on PostgreSQL.
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    return value


def table_rows(database_url: str) -> dict[str, list[tuple]]:
    """Every row of every table (alembic_version included), in primary-key order."""
    engine = create_engine(database_url)
    try:
        inspector = inspect(engine)
        rows: dict[str, list[tuple]] = {}
        with engine.connect() as connection:
            for table in sorted(inspector.get_table_names()):
                columns = [c["name"] for c in inspector.get_columns(table)]
                key = inspector.get_pk_constraint(table)["constrained_columns"] or columns
                quoted = ", ".join(f'"{c}"' for c in columns)
                order = ", ".join(f'"{c}"' for c in key)
                rows[table] = [
                    tuple(_hashable(value) for value in r)
                    for r in connection.execute(
                        text(f'SELECT {quoted} FROM "{table}" ORDER BY {order}')  # noqa: S608
                    )
                ]
        return rows
    finally:
        engine.dispose()


def migrated_sqlite(path: Path) -> str:
    """A SQLite database at path, migrated to the head revision."""
    url = f"sqlite:///{path}"
    schema.upgrade(url)
    return url
