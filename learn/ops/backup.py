"""`learn db backup` and `learn db restore`: pick the method for the configured database."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from learn import schema
from learn.ops import pg_backup, sqlite_backup
from learn.ops.schema_check import revision_problems
from learn.ops.sqlite_backup import BackupError


@dataclass(frozen=True)
class RestoreReport:
    """The checks after a restore: empty problems means the database is ready."""

    revision: str | None
    problems: list[str]


def _backend(database_url: str) -> str:
    backend = make_url(database_url).get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise BackupError(f"backups of {backend} databases are not supported")
    return backend


def sqlite_path(database_url: str) -> Path:
    """The file of a SQLite database URL."""
    database = make_url(database_url).database
    if not database or database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return Path(database)


def backup(database_url: str, target: Path, *, force: bool = False) -> int:
    """Back the database up into a single file; returns the file's size in bytes."""
    if _backend(database_url) == "sqlite":
        return sqlite_backup.backup_sqlite(sqlite_path(database_url), target, force=force)
    return pg_backup.backup_postgres(database_url, target, force=force)


def restore(database_url: str, source: Path, *, force: bool = False) -> RestoreReport:
    """Restore a backup file into the database, then check it as the app will need it."""
    if not source.is_file():
        raise BackupError(f"{source} does not exist")
    if _backend(database_url) == "sqlite":
        database = sqlite_path(database_url)
        revision = sqlite_backup.sqlite_revision(source)
        if revision is None:
            raise BackupError(f"{source} holds no learn database (no Alembic revision)")
        sqlite_backup.restore_sqlite(source, database, force=force)
        problems = sqlite_backup.sqlite_problems(database)
    else:
        pg_backup.restore_postgres(source, database_url, force=force)
        problems = pg_backup.postgres_problems(database_url)
    revision = schema.current_revision(database_url)
    return RestoreReport(revision, [*problems, *revision_problems(revision)])
