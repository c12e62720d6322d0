"""Bench databases: a fresh SQLite file or PostgreSQL database, migrated, dropped after."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench.environment import POSTGRES_ADMIN_URL

KINDS = ("sqlite", "postgresql")


@dataclass
class BenchDatabase:
    """One database made for a benchmark; `drop()` removes it."""

    kind: str
    name: str
    url: str
    path: Path | None = None

    @classmethod
    def create(cls, kind: str, name: str, workdir: Path) -> BenchDatabase:
        """An empty database called `name` (dropped first if a previous run left it)."""
        if kind == "sqlite":
            path = workdir / f"{name}.db"
            _remove_sqlite(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            return cls(kind, name, f"sqlite:///{path}", path)
        if kind != "postgresql":
            raise ValueError(f"unknown database kind {kind!r}")
        db_name = f"learn_bench_{name}"
        _admin_execute(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
        _admin_execute(f'CREATE DATABASE "{db_name}"')
        url = make_url(POSTGRES_ADMIN_URL).set(database=db_name)
        return cls(kind, name, url.render_as_string(hide_password=False))

    def migrate(self) -> None:
        """Apply the migrations (the real schema, as `learn db upgrade` does)."""
        from learn import schema

        schema.upgrade(self.url)

    def drop(self) -> None:
        """Remove the database."""
        if self.kind == "sqlite":
            if self.path is not None:
                _remove_sqlite(self.path)
            return
        _admin_execute(f'DROP DATABASE IF EXISTS "{make_url(self.url).database}" WITH (FORCE)')

    def analyze(self) -> None:
        """Refresh the planner statistics after a bulk load (as an operator would)."""
        engine = create_engine(self.url, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as connection:
                connection.execute(text("ANALYZE"))
        finally:
            engine.dispose()


def _remove_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def copy_sqlite(source: Path, target: Path) -> None:
    """Copy a SQLite file (no WAL must be pending: the source was closed cleanly)."""
    _remove_sqlite(target)
    shutil.copyfile(source, target)


def postgres_available() -> str | None:
    """None when the PostgreSQL server answers, else the reason it does not."""
    try:
        _admin_execute("SELECT 1")
    except Exception as error:  # any failure means: run SQLite only
        return f"PostgreSQL unavailable at {make_url(POSTGRES_ADMIN_URL).host}: " \
               f"{type(error).__name__}"
    return None


def _admin_execute(sql: str) -> None:
    engine = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(sql))
    finally:
        engine.dispose()
