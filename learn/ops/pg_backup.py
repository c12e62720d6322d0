"""PostgreSQL backup and restore with pg_dump/pg_restore (custom format)."""

from __future__ import annotations

import os
import shutil
import subprocess  # nosec B404
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from learn.ops.sqlite_backup import BackupError

PG_DUMP_MAGIC = b"PGDMP"
TIMEOUT_SECONDS = 3600


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} was not found; install the PostgreSQL client tools of the server's "
            "major version (Debian: postgresql-client)"
        )
    return path


def libpq_target(database_url: str) -> tuple[str, dict[str, str]]:
    """The libpq URI without its password, and the environment carrying the password."""
    url = make_url(database_url)
    env = dict(os.environ)
    if url.password:
        # In the environment of the child only, never on its command line (visible in ps).
        env["PGPASSWORD"] = str(url.password)
    uri = url.set(drivername="postgresql", password=None).render_as_string(
        hide_password=False
    )
    return uri, env


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    # An absolute tool path and an argument list, no shell.
    result = subprocess.run(  # noqa: S603  # nosec B603
        args, env=env, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{Path(args[0]).name} failed: {result.stderr.strip()[:2000]}")
    return result


def backup_postgres(database_url: str, target: Path, *, force: bool = False) -> int:
    """pg_dump --format=custom of the database into target; returns its size."""
    if target.exists() and not force:
        raise BackupError(f"{target} exists; use --force to replace it")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    uri, env = libpq_target(database_url)
    old_umask = os.umask(0o077)  # the dump holds personal data: owner-only file
    try:
        _run([_tool("pg_dump"), "--format=custom", f"--file={partial}", f"--dbname={uri}"], env)
    finally:
        os.umask(old_umask)
    try:
        verify_dump(partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target.stat().st_size


def verify_dump(path: Path) -> None:
    """Refuse a file that pg_restore cannot read as a custom-format archive."""
    with path.open("rb") as handle:
        if handle.read(len(PG_DUMP_MAGIC)) != PG_DUMP_MAGIC:
            raise BackupError(f"{path} is not a pg_dump custom-format archive")
    _run([_tool("pg_restore"), "--list", str(path)], dict(os.environ))


def postgres_has_tables(database_url: str) -> bool:
    """True when the database's public schema holds at least one table."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            count = connection.execute(
                text(
                    "SELECT count(*) FROM information_schema.tables "
                    "WHERE table_schema = 'public'"
                )
            ).scalar()
    finally:
        engine.dispose()
    return bool(count)


def restore_postgres(source: Path, database_url: str, *, force: bool = False) -> None:
    """pg_restore --clean --if-exists in one transaction; refuses a non-empty database."""
    verify_dump(source)
    if postgres_has_tables(database_url) and not force:
        raise BackupError(
            "the database is not empty; stop the app and use --force to replace its contents"
        )
    uri, env = libpq_target(database_url)
    _run(
        [
            _tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
            "--single-transaction", "--exit-on-error", f"--dbname={uri}", str(source),
        ],
        env,
    )


def postgres_problems(database_url: str) -> list[str]:
    """Constraints left unvalidated after a restore (there should be none)."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            names = connection.execute(
                text(
                    "SELECT conname FROM pg_constraint c JOIN pg_namespace n "
                    "ON n.oid = c.connamespace WHERE n.nspname = 'public' "
                    "AND NOT c.convalidated"
                )
            ).scalars().all()
    finally:
        engine.dispose()
    return [f"constraint {name} is not validated" for name in names]
