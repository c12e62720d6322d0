"""The demo province for the report benchmark (`learn demo --learners N`), cached between runs
as a SQLite file or a pg_dump archive, keyed by schema revision, generator version and size."""

from __future__ import annotations

import hashlib
import inspect
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from bench.databases import BenchDatabase, copy_sqlite
from bench.environment import BIN, CACHE_DIR, REPO_ROOT, app_environment
from bench.site import build_app, publish_courses


class DemoMissing(RuntimeError):
    """`learn demo` does not exist yet."""


def demo_command():
    """The `learn demo` click command, or None."""
    from learn.cli import main

    return main.commands.get("demo")


def generator_version() -> str:
    """The demo generator's declared version, else a hash of its module's source."""
    command = demo_command()
    if command is None:
        raise DemoMissing("`learn demo` is not available yet")
    module = inspect.getmodule(command.callback)
    declared = getattr(module, "GENERATOR_VERSION", None) or getattr(module, "VERSION", None)
    if declared is not None:
        return f"v{declared}"
    source = Path(inspect.getsourcefile(command.callback) or "")
    folder = source.parent
    digest = hashlib.sha256()
    for path in sorted(folder.glob("demo*.py")) or [source]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def schema_revision() -> str:
    """The migrations' head revision."""
    from alembic.script import ScriptDirectory

    from learn import schema

    return "-".join(ScriptDirectory.from_config(schema.alembic_config("sqlite://")).get_heads())


def cache_key(kind: str, learners: int) -> str:
    """File name stem of a cached province."""
    return f"province-{kind}-{learners}-{schema_revision()}-{generator_version()}"


def _generate(database: BenchDatabase, learners: int, workdir: Path) -> None:
    database.migrate()
    app = build_app(database.url, workdir / "instance-demo")
    publish_courses(app, REPO_ROOT / "courses")
    from learn.db import engine_for

    engine_for(app).dispose()
    env = app_environment(database.url)
    done = subprocess.run([str(BIN / "learn"), "demo", "--learners", str(learners)], env=env,
                          cwd=workdir, capture_output=True, text=True, timeout=3600, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"learn demo failed: {(done.stderr or done.stdout)[-800:]}")


def _pg_args(url: str) -> list[str]:
    parsed = make_url(url)
    return ["-h", parsed.host or "127.0.0.1", "-p", str(parsed.port or 5432),
            "-U", parsed.username or "postgres", "-d", parsed.database or ""]


def province(kind: str, learners: int, workdir: Path, name: str) -> tuple[BenchDatabase, bool]:
    """A database holding the demo province; (database, came from the cache)."""
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    key = cache_key(kind, learners)
    database = BenchDatabase.create(kind, name, workdir)
    cached = CACHE_DIR / (key + (".db" if kind == "sqlite" else ".dump"))
    if cached.exists():
        if kind == "sqlite":
            assert database.path is not None
            copy_sqlite(cached, database.path)
        else:
            subprocess.run(["pg_restore", "--no-owner", "-j", "2", *_pg_args(database.url),
                            str(cached)], check=True, capture_output=True, timeout=1800)
        database.analyze()
        return database, True
    _generate(database, learners, workdir)
    database.analyze()
    partial = cached.with_name(cached.name + ".partial")
    if kind == "sqlite":
        assert database.path is not None
        with sqlite3.connect(database.path) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copyfile(database.path, partial)
    else:
        subprocess.run(["pg_dump", "-Fc", "-f", str(partial), *_pg_args(database.url)],
                       check=True, capture_output=True, timeout=1800)
    partial.replace(cached)
    return database, False

