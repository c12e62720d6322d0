"""Benchmark 4: `learn courses sync` of a large generated tree into an empty database, then
again with nothing changed; baseline: parsing and checking the same tree (check_tree)."""

from __future__ import annotations

import time
from pathlib import Path

from bench.course_tree import generate
from bench.databases import BenchDatabase
from bench.results import Result, verdict
from bench.scale import Scale
from bench.site import build_app, publish_courses

NAME = "publishing"
FIRST_MAX_S = 10.0
UNCHANGED_MAX_S = 1.0


def _tree(scale: Scale, workdir: Path) -> Path:
    root = workdir / f"tree-{scale.publish_courses}x{scale.publish_units}"
    if not root.exists():
        generate(root, scale.publish_courses, scale.publish_units)
    return root


def _check_seconds(root: Path) -> tuple[float, int, int]:
    from learn.content import check_tree

    started = time.perf_counter()
    report = check_tree(root)
    return time.perf_counter() - started, len(report.errors), len(report.publishable)


def _count_units(app) -> int:
    from sqlalchemy import func, select

    from learn.courses.models import Unit
    from learn.db import transaction

    with transaction(app) as session:
        return session.scalar(select(func.count()).select_from(Unit))


def run(kind: str, scale: Scale, workdir: Path) -> list[Result]:
    """Time the first and the unchanged sync, and the check of the same tree."""
    root = _tree(scale, workdir)
    check_s, errors, publishable = _check_seconds(root)
    if errors or publishable != scale.publish_courses:
        raise RuntimeError(f"generated tree invalid: {errors} errors, {publishable} publishable")
    database = BenchDatabase.create(kind, "publishing", workdir)
    try:
        database.migrate()
        app = build_app(database.url, workdir / "instance-publishing")
        started = time.perf_counter()
        first_output = publish_courses(app, root)
        first_s = time.perf_counter() - started
        started = time.perf_counter()
        again_output = publish_courses(app, root)
        again_s = time.perf_counter() - started
        units = _count_units(app)
        from learn.db import engine_for

        engine_for(app).dispose()
    finally:
        database.drop()
    expected = scale.publish_courses * scale.publish_units
    if units != expected:
        raise RuntimeError(f"{units} units published, expected {expected}: {first_output[-300:]}")
    unchanged = again_output.count("unchanged") + again_output.count("không đổi")
    details = {"courses": scale.publish_courses, "units_per_course": scale.publish_units,
               "units_published": units, "check_tree_s": check_s, "first_s": first_s,
               "unchanged_s": again_s, "unchanged_lines": unchanged}
    # The targets are for SQLite (the one-server setup); PostgreSQL is reported beside it.
    judged = kind == "sqlite"
    size = f"{scale.publish_courses}x{scale.publish_units}"
    return [
        Result(NAME, kind, f"first sync {size}", first_s, "s", check_s, "check_tree",
               f"< {FIRST_MAX_S:.0f} s" + ("" if judged else " (SQLite)"),
               verdict(first_s < FIRST_MAX_S) if judged else "INFO", details=details),
        Result(NAME, kind, "unchanged sync", again_s, "s", check_s, "check_tree",
               f"< {UNCHANGED_MAX_S:.0f} s" + ("" if judged else " (SQLite)"),
               verdict(again_s < UNCHANGED_MAX_S) if judged else "INFO"),
    ]
