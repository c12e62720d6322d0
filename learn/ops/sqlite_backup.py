"""SQLite backup and restore with the online backup API, consistent while the app runs."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_SECONDS = 30


class BackupError(RuntimeError):
    """A backup or restore refused or failed, with a message for the operator."""


def is_sqlite_file(path: Path) -> bool:
    """True when the file starts with the SQLite header."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def _connect_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                           timeout=BUSY_TIMEOUT_SECONDS)


def _new_private_file(path: Path) -> None:
    # Backups hold personal data: readable by the owner only, from the first byte.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(descriptor)


def backup_sqlite(database: Path, target: Path, *, force: bool = False) -> int:
    """Copy a live SQLite database into target (one self-contained file); returns its size."""
    if not database.exists():
        raise BackupError(f"the database {database} does not exist")
    if target.exists() and not force:
        raise BackupError(f"{target} exists; use --force to replace it")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    _new_private_file(partial)
    try:
        with closing(_connect_read_only(database)) as source, \
                closing(sqlite3.connect(partial)) as copy:
            # One step (pages=-1): a single consistent snapshot, even in WAL mode with
            # writers committing meanwhile.
            source.backup(copy)
            # A backup is one file: no -wal/-shm beside it.
            copy.execute("PRAGMA journal_mode=DELETE")
        problems = sqlite_problems(partial)
        if problems:
            raise BackupError("the copy failed its integrity check: " + "; ".join(problems))
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target.stat().st_size


def sqlite_problems(path: Path) -> list[str]:
    """What PRAGMA integrity_check and foreign_key_check report (nothing when sound)."""
    problems: list[str] = []
    with closing(_connect_read_only(path)) as connection:
        integrity = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            problems.extend(f"integrity: {line}" for line in integrity[:20])
        for table, rowid, parent, _fk in connection.execute("PRAGMA foreign_key_check"):
            problems.append(f"foreign key: {table} row {rowid} points at a missing {parent}")
            if len(problems) > 40:
                break
    return problems


def sqlite_revision(path: Path) -> str | None:
    """The Alembic revision recorded in a SQLite file, or None."""
    with closing(_connect_read_only(path)) as connection:
        try:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.DatabaseError:
            return None
    return row[0] if row else None


def sqlite_has_tables(path: Path) -> bool:
    """True when the file exists and holds at least one table."""
    if not path.exists() or path.stat().st_size == 0:
        return False
    with closing(_connect_read_only(path)) as connection:
        row = connection.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
        ).fetchone()
    return bool(row and row[0])


def restore_sqlite(source: Path, database: Path, *, force: bool = False) -> None:
    """Copy a backup into the database path; refuses to replace a non-empty one unless forced."""
    if not is_sqlite_file(source):
        raise BackupError(f"{source} is not a SQLite backup")
    problems = sqlite_problems(source)
    if problems:
        raise BackupError("the backup is damaged: " + "; ".join(problems))
    if sqlite_has_tables(database) and not force:
        raise BackupError(
            f"the database {database} is not empty; stop the app and use --force to replace it"
        )
    database.parent.mkdir(parents=True, exist_ok=True)
    if not database.exists():
        _new_private_file(database)
    # Through a connection, not a file copy: a -wal file left beside the old database is
    # handled by SQLite instead of being replayed over the restored pages.
    with closing(_connect_read_only(source)) as backup, \
            closing(sqlite3.connect(database, timeout=BUSY_TIMEOUT_SECONDS)) as target:
        backup.backup(target)
