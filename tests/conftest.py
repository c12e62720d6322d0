"""Shared fixtures: a fresh app and database state per test, clients and factories."""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url

from learn import create_app
from learn.auth import services as accounts
from learn.cli import main
from learn.config import Settings
from learn.db import Base, engine_for, session_factory
from learn.model_registry import load_all_models

REPO_ROOT = Path(__file__).resolve().parent.parent

# In CI the property tests explore the same examples every run: a failure is reproducible, and
# a green run does not depend on luck. Locally they keep exploring new examples.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")
TEST_PASSWORD = "correct horse battery staple"


def _worker_suffix() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def fresh_postgres_url(base: str, label: str = "") -> str:
    """A new, empty database of this xdist worker on the PostgreSQL server of the base URL."""
    url = make_url(base)
    name = "_".join(part for part in (url.database, label, _worker_suffix()) if part)
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    """SQLite in a temporary folder, or PostgreSQL when LEARN_TEST_DATABASE_URL is set."""
    base = os.environ.get("LEARN_TEST_DATABASE_URL")
    if base:
        return fresh_postgres_url(base)
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"


@pytest.fixture(scope="session")
def schema_engine(database_url) -> Iterator[Engine]:
    """The test database with every table created once for the session."""
    load_all_models()
    engine = create_engine(database_url)
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    yield engine
    engine.dispose()


def _clear_tables(engine: Engine) -> None:
    tables = list(reversed(Base.metadata.sorted_tables))
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                connection.execute(table.delete())


def make_settings(database_url: str, instance_path: Path, **overrides) -> Settings:
    """Settings for tests: cheap password hashing, a temporary instance folder."""
    values = {
        "env": "development",
        "database_url": database_url,
        "secret_key": "test-secret-key-that-is-long-enough-for-tests",
        "courses_dir": REPO_ROOT / "courses",
        "redis_url": None,
        "site_name": "Học trực tuyến",
        "org_name": "Sở Khoa học và Công nghệ tỉnh",
        "base_url": "http://localhost",
        "instance_path": instance_path,
        "argon2_time_cost": 1,
        "argon2_memory_kib": 1024,
    }
    values.update(overrides)
    return Settings(**values)


@pytest.fixture
def app_factory(schema_engine, database_url, tmp_path) -> Iterator[Callable[..., object]]:
    """Build apps on the test database; tables are emptied after the test."""
    apps = []

    def build(csrf: bool = False, **setting_overrides):
        url = setting_overrides.pop("database_url", database_url)
        settings = make_settings(url, tmp_path / "instance", **setting_overrides)
        app = create_app(
            {
                "SETTINGS": settings,
                "INSTANCE_PATH": str(tmp_path / "instance"),
                "TESTING": True,
                "WTF_CSRF_ENABLED": csrf,
                "SERVER_NAME": None,
            }
        )
        apps.append(app)
        return app

    yield build
    leaked = [engine_for(app).pool.checkedout() for app in apps]
    for app in apps:
        engine_for(app).dispose()
    _clear_tables(schema_engine)
    if schema_engine.dialect.name == "postgresql":
        # Sessions and results left in reference cycles by this test (an exception's
        # traceback, say) hold pooled psycopg connections. Collected now, SQLAlchemy returns
        # and closes them; collected by chance during a later test, psycopg may be finalised
        # first and its "deleted while still open" ResourceWarning fails that innocent test.
        gc.collect()
    # A connection still checked out here escapes dispose(): it would be garbage-collected
    # during some later test, whose run then fails on the ResourceWarning. Fail this one.
    assert not any(leaked), f"the test left {sum(leaked)} database connection(s) checked out"


@pytest.fixture
def app(app_factory):
    """The app with CSRF checks off (tests of CSRF use csrf_app)."""
    return app_factory()


@pytest.fixture
def csrf_app(app_factory):
    """The app with CSRF protection on, as in production."""
    return app_factory(csrf=True)


@pytest.fixture
def client(app):
    """A test client."""
    return app.test_client()


class LearnRunner:
    """Runs the `learn` command group against the test app."""

    def __init__(self, app):
        self._runner = app.test_cli_runner()

    def invoke(self, args, **kwargs):
        """Invoke `learn ARGS` and return click's result."""
        return self._runner.invoke(main, args, **kwargs)


@pytest.fixture
def runner(app):
    """A CLI runner for the learn command, bound to the test app."""
    return LearnRunner(app)


@pytest.fixture
def db_session(app):
    """A database session for arranging and checking data (commit to make it visible)."""
    session = session_factory(app)()
    yield session
    session.rollback()
    session.close()


@pytest.fixture
def make_user(db_session) -> Callable[..., object]:
    """Create and commit a user; returns it. Password is TEST_PASSWORD unless given."""
    counter = iter(range(1, 100_000))

    def create(
        email: str | None = None,
        name: str = "Nguyễn Văn An",
        roles: tuple[str, ...] = ("learner",),
        kind: str = "official",
        password: str | None = TEST_PASSWORD,
        **fields,
    ):
        email = email or f"user{next(counter)}@example.org"
        user = accounts.create_user(
            db_session, email, name, kind=kind, roles=roles, password=password
        )
        for key, value in fields.items():
            setattr(user, key, value)
        db_session.commit()
        return user

    return create


class AuthActions:
    """Sign a test client in and out through the real forms."""

    def __init__(self, client):
        self._client = client

    def login(self, email: str, password: str = TEST_PASSWORD, follow: bool = False):
        """Post the sign-in form."""
        return self._client.post(
            "/login", data={"email": email, "password": password}, follow_redirects=follow
        )

    def logout(self):
        """Post the sign-out form."""
        return self._client.post("/logout")


@pytest.fixture
def auth(client) -> AuthActions:
    """Sign-in helper for the default client."""
    return AuthActions(client)


def csrf_token_from(html: str) -> str:
    """The CSRF token in a rendered page."""
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


@contextmanager
def counting_statements(engine: Engine) -> Iterator[list[str]]:
    """Collect the SQL statements sent to the database inside the block."""
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)
