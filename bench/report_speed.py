"""Benchmark 2: the organisation report of a 100,000-learner province at the root and at one
district, through the page (service + rendering), vs one hand-written aggregate query whose
numbers must equal the report's; and statements per page at two scales."""

from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flask import Flask
from sqlalchemy import event, select

from bench.databases import BenchDatabase
from bench.province import DemoMissing, demo_command, province
from bench.report_sql import Line, report_numbers
from bench.results import Result, skipped, verdict
from bench.scale import Scale
from bench.site import ADMIN_EMAIL, PASSWORD, build_app
from bench.stats import median

NAME = "report"
MAX_RATIO = 1.5
MAX_ROOT_PG_MS = 300.0


@dataclass
class Target:
    """A unit whose report is measured."""

    label: str
    unit_id: int
    path: str

    @property
    def url(self) -> str:
        """/reports/orgs?unit=<id>"""
        return f"/reports/orgs?unit={self.unit_id}"


@contextmanager
def counting(app: Flask):
    """Count the SQL statements the app's engine runs inside the block."""
    from learn.db import engine_for

    counter = {"n": 0}

    def count(*_args) -> None:
        counter["n"] += 1

    engine = engine_for(app)
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield counter
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _ensure_admin(app: Flask) -> None:
    from learn.auth import services as accounts
    from learn.db import transaction

    with transaction(app) as session:
        if accounts.find_user_by_email(session, ADMIN_EMAIL) is None:
            accounts.create_user(session, ADMIN_EMAIL, "Trần Thị Quản Trị", kind="official",
                                 roles=("admin", "manager"), password=PASSWORD)


def _targets(app: Flask) -> list[Target]:
    from learn.db import transaction
    from learn.orgs.models import OrgUnit

    with transaction(app) as session:
        roots = session.execute(select(OrgUnit.id, OrgUnit.path)
                                .where(OrgUnit.parent_id.is_(None)).order_by(OrgUnit.id)).all()
        district = session.execute(
            select(OrgUnit.id, OrgUnit.path).where(OrgUnit.kind == "district")
            .order_by(OrgUnit.id).limit(1)).first()
        if district is None:  # no unit called a district: the first child of the root
            district = session.execute(select(OrgUnit.id, OrgUnit.path)
                                       .where(OrgUnit.depth == 1).order_by(OrgUnit.id)
                                       .limit(1)).first()
    if len(roots) != 1 or district is None:
        raise RuntimeError(f"expected one province root and a district, found {len(roots)} roots")
    return [Target("root", roots[0].id, roots[0].path),
            Target("district", district.id, district.path)]


def _client(app: Flask):
    client = app.test_client()
    answer = client.post("/login", data={"email": ADMIN_EMAIL, "password": PASSWORD})
    if answer.status_code != 302:
        raise RuntimeError(f"administrator sign-in answered {answer.status_code}")
    return client


def _page(client, target: Target) -> float:
    started = time.perf_counter()
    answer = client.get(target.url)
    elapsed = time.perf_counter() - started
    if answer.status_code != 200:
        raise RuntimeError(f"{target.url} answered {answer.status_code}")
    return elapsed


def _service_numbers(app: Flask, target: Target) -> dict[str, Line]:
    """The report service's numbers for the unit, keyed by child path like the baseline."""
    from learn.core.localtime import local_today
    from learn.db import transaction
    from learn.orgs.models import OrgUnit
    from learn.orgs.scope import Scope
    from learn.reports.filters import ReportFilters
    from learn.reports.rollup import build_rollup

    with transaction(app) as session:
        unit = session.get(OrgUnit, target.unit_id)
        rollup = build_rollup(session, Scope(everything=True), unit, ReportFilters(),
                              local_today())
        paths = dict(session.execute(select(OrgUnit.id, OrgUnit.path)).all())
    numbers = {}
    for line in rollup.lines:
        c = line.counts
        if c.pairs or c.learners:
            numbers[paths[line.unit_id]] = Line(c.learners, c.pairs, c.started, c.completed,
                                                c.overdue)
    return numbers


def _has_report_command() -> bool:
    from learn.cli import main

    return "report" in main.commands


def _cli_seconds(app: Flask, target: Target, output: Path) -> float:
    """`learn report completion --unit CODE --format csv` (the roll-up alone, no page)."""
    from click.testing import CliRunner
    from flask.cli import ScriptInfo

    from learn.cli import main
    from learn.db import transaction
    from learn.orgs.models import OrgUnit

    with transaction(app) as session:
        code = session.scalar(select(OrgUnit.code).where(OrgUnit.id == target.unit_id))
    started = time.perf_counter()
    done = CliRunner().invoke(main, ["report", "completion", "--unit", code, "--format", "csv",
                                     "--output", str(output)],
                              obj=ScriptInfo(create_app=lambda: app))
    elapsed = time.perf_counter() - started
    if done.exit_code != 0:
        raise RuntimeError(f"learn report completion failed: {done.output[-300:]}")
    return elapsed


def _baseline(app: Flask, target: Target) -> tuple[float, dict[str, Line]]:
    from learn.core.localtime import local_today
    from learn.db import engine_for

    with engine_for(app).connect() as connection:
        started = time.perf_counter()
        numbers = report_numbers(connection, target.path, local_today())
        return time.perf_counter() - started, numbers


def _statements(app: Flask, client, targets: list[Target]) -> dict[str, int]:
    _page(client, targets[0])  # warm caches (templates, the session row) first
    counts = {}
    for target in targets:
        with counting(app) as counter:
            _page(client, target)
        counts[target.label] = counter["n"]
    return counts


def _open(kind: str, learners: int, workdir: Path, name: str
          ) -> tuple[BenchDatabase, Flask, bool]:
    database, cached = province(kind, learners, workdir, name)
    app = build_app(database.url, workdir / f"instance-{name}")
    app.config["WTF_CSRF_ENABLED"] = False  # the sign-in form is posted by the test client
    _ensure_admin(app)
    return database, app, cached


def _close(database: BenchDatabase, app: Flask) -> None:
    from learn.db import engine_for

    engine_for(app).dispose()
    database.drop()


def run(kind: str, scale: Scale, workdir: Path) -> list[Result]:
    """Statement counts at two scales, then timings and the equality check at full scale."""
    try:
        if demo_command() is None:
            raise DemoMissing("`learn demo` is not available yet")
    except DemoMissing as missing:
        return [skipped(NAME, kind, str(missing))]
    database, app, _ = _open(kind, scale.report_small_learners, workdir, "report_small")
    try:
        if not any(r.rule.startswith("/reports/orgs") for r in app.url_map.iter_rules()):
            return [skipped(NAME, kind, "the /reports/orgs page is not available yet")]
        small = _statements(app, _client(app), _targets(app))
    finally:
        _close(database, app)
    database, app, cached = _open(kind, scale.report_learners, workdir, "report_large")
    try:
        client = _client(app)
        targets = _targets(app)
        large = _statements(app, client, targets)
        results = []
        for target in targets:
            pages = [_page(client, target) for _ in range(scale.report_repeats)]
            baseline = [_baseline(app, target) for _ in range(scale.report_repeats)]
            page_ms = median(pages) * 1000
            base_ms = median([b[0] for b in baseline]) * 1000
            theirs, ours = _service_numbers(app, target), baseline[0][1]
            equal = theirs == ours
            ok = equal and page_ms <= MAX_RATIO * base_ms
            target_text = f"<= {MAX_RATIO}x baseline, numbers equal"
            if target.label == "root" and kind == "postgresql":
                ok = ok and page_ms < MAX_ROOT_PG_MS
                target_text += f", < {MAX_ROOT_PG_MS:.0f} ms"
            mismatch = sorted(set(theirs.items()) ^ set(ours.items()))[:6]
            results.append(Result(
                NAME, kind, f"org report at {target.label}", page_ms, "ms", base_ms,
                "one SQL query", target_text, verdict(ok),
                "" if equal else "numbers differ from the baseline query",
                {"url": target.url, "learners": scale.report_learners, "cached_db": cached,
                 "page_ms": [p * 1000 for p in pages], "baseline_ms": [b[0] * 1000
                                                                         for b in baseline],
                 "lines": len(ours), "total_learners": sum(v.learners for v in ours.values()),
                 "numbers_equal": equal, "mismatch": [repr(m) for m in mismatch]}))
        root = targets[0]
        if _has_report_command():
            cli = [_cli_seconds(app, root, workdir / "completion.csv")
                   for _ in range(max(3, scale.report_repeats // 2))]
            root_base = next(r.baseline for r in results if r.metric.endswith("root"))
            results.append(Result(
                NAME, kind, "CLI report completion (root)", median(cli) * 1000, "ms",
                root_base, "one SQL query", "", "INFO",
                details={"runs_ms": [c * 1000 for c in cli]}))
        for label in large:
            results.append(Result(
                NAME, kind, f"SQL statements ({label})", large[label], "stmts", small[label],
                f"{scale.report_small_learners:,} learners", "same at both scales",
                verdict(large[label] == small[label]),
                details={"large_learners": scale.report_learners}))
        return results
    finally:
        _close(database, app)
