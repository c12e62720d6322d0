"""The site under test: a bench database with the shipped curriculum and learners, the app
built in this process (for setup and checks) and served by gunicorn (for measuring)."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner
from flask import Flask
from sqlalchemy import select

from bench.browser import Browser
from bench.databases import BenchDatabase
from bench.environment import REPO_ROOT, app_environment, patched_environ
from bench.server import DEFAULT_WORKERS, Gunicorn

PASSWORD = "bốn mùa xuân hạ thu đông"  # noqa: S105 - bench accounts on a throwaway database
# Sign-in is not what is measured: cheap hashing keeps the setup fast in this process.
CHEAP_HASHING = {"LEARN_ARGON2_TIME_COST": "1", "LEARN_ARGON2_MEMORY_KIB": "1024"}


def build_app(database_url: str, instance: Path, **extra: str) -> Flask:
    """The real app (production settings) on a database, built in this process."""
    from learn import create_app

    with patched_environ(app_environment(database_url, **extra)):
        return create_app({"INSTANCE_PATH": str(instance)})


def publish_courses(app: Flask, directory: Path) -> str:
    """Publish a courses tree with `learn courses sync` (or the publishing service)."""
    from learn.cli import main

    result = CliRunner().invoke(main, ["courses", "sync", str(directory)], obj=_script_info(app))
    if result.exit_code not in (0, 1) or "No such command" in (result.output or ""):
        raise RuntimeError(f"courses sync failed ({result.exit_code}): {result.output[-800:]}")
    return result.output


def _script_info(app: Flask):
    from flask.cli import ScriptInfo

    return ScriptInfo(create_app=lambda: app)


def create_learners(app: Flask, count: int, prefix: str = "learner") -> list[str]:
    """Create `count` official learners with PASSWORD; returns their emails."""
    from learn.auth import services as accounts
    from learn.db import transaction

    emails = [f"{prefix}{i:03d}@bench.example.org" for i in range(count)]
    with transaction(app) as session:
        for i, email in enumerate(emails):
            accounts.create_user(session, email, f"Nguyễn Văn Học Viên {i}", kind="official",
                                 roles=("learner",), password=PASSWORD)
    return emails


ADMIN_EMAIL = "admin@bench.example.org"


def create_admin(app: Flask) -> str:
    """An administrator and manager of everything (for the report pages)."""
    from learn.auth import services as accounts
    from learn.db import transaction

    with transaction(app) as session:
        accounts.create_user(session, ADMIN_EMAIL, "Trần Thị Quản Trị", kind="official",
                             roles=("admin", "manager"), password=PASSWORD)
    return ADMIN_EMAIL


@dataclass(frozen=True)
class UnitRef:
    """A unit to read: its URL and title."""

    course_slug: str
    unit_slug: str
    title: str
    html_bytes: int

    @property
    def path(self) -> str:
        """/courses/<slug>/units/<unit>"""
        return f"/courses/{self.course_slug}/units/{self.unit_slug}"


def typical_unit(app: Flask) -> UnitRef:
    """The unit of median size among the units officials study (quiz panels included)."""
    from learn.courses.models import Course, Unit
    from learn.db import transaction

    with transaction(app) as session:
        rows = session.execute(
            select(Course.slug, Course.audience, Course.draft, Unit.slug, Unit.title, Unit.html)
            .join(Unit, Unit.course_id == Course.id)
            .where(Course.retired_at.is_(None), Unit.retired_at.is_(None))
        ).all()
    units = [
        UnitRef(slug, unit_slug, title, len(html.encode()))
        for slug, audience, draft, unit_slug, title, html in rows
        if not draft and (not audience or "official" in audience)
    ]
    if not units:
        raise RuntimeError("no published unit for officials")
    units.sort(key=lambda u: (u.html_bytes, u.path))
    median = statistics.median_low([u.html_bytes for u in units])
    return next(u for u in units if u.html_bytes == median)


class Site:
    """Database + in-process app + gunicorn for one database kind."""

    def __init__(self, kind: str, workdir: Path, learners: int, workers: int = DEFAULT_WORKERS):
        self.kind = kind
        self.workdir = workdir / f"site-{kind}"
        self.learner_count = learners
        self.workers = workers
        self.database: BenchDatabase | None = None
        self.app: Flask | None = None
        self.server: Gunicorn | None = None
        self.emails: list[str] = []
        self.publish_output = ""

    def setup(self) -> Site:
        """Create and fill the database, then start the server."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.database = BenchDatabase.create(self.kind, "site", self.workdir)
        self.database.migrate()
        self.app = build_app(self.database.url, self.workdir / "instance", **CHEAP_HASHING)
        self.publish_output = publish_courses(self.app, REPO_ROOT / "courses")
        self.emails = create_learners(self.app, self.learner_count)
        create_admin(self.app)
        self.server = Gunicorn("learn:create_app()", app_environment(self.database.url),
                               self.workdir, f"app-{self.kind}", self.workers).start()
        return self

    def browser(self, index: int) -> Browser:
        """A signed-in browser for learner `index`, connecting from its own loopback address."""
        assert self.server is not None
        browser = Browser(self.server.port, source=f"127.0.{1 + index // 250}.{1 + index % 250}")
        browser.login(self.emails[index], PASSWORD)
        return browser

    def admin_browser(self) -> Browser:
        """A signed-in administrator's browser."""
        assert self.server is not None
        browser = Browser(self.server.port, source="127.0.99.1")
        browser.login(ADMIN_EMAIL, PASSWORD)
        return browser

    def teardown(self) -> None:
        """Stop the server and drop the database."""
        if self.server is not None:
            self.server.stop()
        if self.app is not None:
            from learn.db import engine_for

            engine_for(self.app).dispose()
        if self.database is not None:
            self.database.drop()

    def __enter__(self) -> Site:
        try:
            return self.setup()
        except BaseException:
            self.teardown()
            raise

    def __exit__(self, *_exc) -> None:
        self.teardown()
