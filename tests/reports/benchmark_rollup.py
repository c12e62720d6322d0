"""Benchmark: the organisation roll-up at the province root against one hand-written SQL.

Run (PostgreSQL; the database is created/replaced):
    python -m tests.reports.benchmark_rollup \
        --url postgresql+psycopg://postgres@127.0.0.1:5432/learn_reports_bench

It builds ~700 units and 100,000 learners, then times `build_rollup` (all statements of
the report) and a single hand-written aggregate statement computing the same child counts.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import create_engine, insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from learn.auth.models import User
from learn.courses.models import Course, Quiz, Unit
from learn.db import Base
from learn.learning.models import CourseCompletion, CourseProgress
from learn.model_registry import load_all_models
from learn.orgs.models import Assignment, OrgMembership, OrgUnit
from learn.orgs.scope import Scope
from learn.quiz.models import QuizAttempt
from learn.reports.filters import ReportFilters
from learn.reports.rollup import build_rollup

# The best single statement written by hand: per (unit, class, course) first, no per-person
# expansion (the same idea as learn/reports/assigned.py, without SQLAlchemy or Python).
BASELINE_SQL = """
WITH uc AS (
  SELECT mu.id AS unit_id, a.course_id, a.audience, a.due_date
  FROM assignments a JOIN org_units au ON au.id = a.org_unit_id
  JOIN courses c ON c.id = a.course_id
  JOIN org_units mu ON mu.path LIKE au.path || '%'
  WHERE a.is_active AND c.retired_at IS NULL AND mu.path LIKE :root || '%'
), cls(official, spec) AS (VALUES (1, 0), (1, 1), (0, 0), (0, 1)),
cc AS (
  SELECT uc.unit_id, k.official, k.spec, uc.course_id, min(uc.due_date) AS due
  FROM uc CROSS JOIN cls k
  WHERE uc.audience = 'all' OR (uc.audience = 'officials' AND k.official = 1)
     OR (uc.audience = 'specialists' AND k.spec = 1)
  GROUP BY 1, 2, 3, 4
), cs AS (
  SELECT unit_id, official, spec, count(*) AS n,
         sum(CASE WHEN due < :today THEN 1 ELSE 0 END) AS n_due
  FROM cc GROUP BY 1, 2, 3
), mem AS (
  SELECT m.user_id, m.org_unit_id AS unit_id,
         CASE WHEN u.kind = 'official' THEN 1 ELSE 0 END AS official,
         CASE WHEN m.is_dx_specialist THEN 1 ELSE 0 END AS spec
  FROM org_memberships m JOIN users u ON u.id = m.user_id
  JOIN org_units mu ON mu.id = m.org_unit_id
  WHERE u.is_active AND mu.path LIKE :root || '%'
), assigned AS (
  SELECT mem.unit_id, count(*) AS learners, sum(cs.n) AS pairs, sum(cs.n_due) AS due_pairs
  FROM mem JOIN cs ON cs.unit_id = mem.unit_id AND cs.official = mem.official
                  AND cs.spec = mem.spec
  GROUP BY mem.unit_id
), st AS (
  SELECT g.unit_id, sum(g.n) AS started FROM (
    SELECT mem.unit_id, mem.official, mem.spec, p.course_id, count(*) AS n
    FROM course_progress p JOIN mem ON mem.user_id = p.user_id GROUP BY 1, 2, 3, 4) g
  JOIN cc ON cc.unit_id = g.unit_id AND cc.official = g.official AND cc.spec = g.spec
         AND cc.course_id = g.course_id
  GROUP BY g.unit_id
), co AS (
  SELECT g.unit_id, sum(g.n) AS completed,
         sum(CASE WHEN cc.due < :today THEN g.n ELSE 0 END) AS due_done FROM (
    SELECT mem.unit_id, mem.official, mem.spec, c.course_id, count(*) AS n
    FROM course_completions c JOIN mem ON mem.user_id = c.user_id GROUP BY 1, 2, 3, 4) g
  JOIN cc ON cc.unit_id = g.unit_id AND cc.official = g.official AND cc.spec = g.spec
         AND cc.course_id = g.course_id
  GROUP BY g.unit_id
)
SELECT split_part(ou.path, '/', 3) AS child, sum(a.learners), sum(a.pairs),
       sum(coalesce(st.started, 0)), sum(coalesce(co.completed, 0)),
       sum(a.due_pairs - coalesce(co.due_done, 0))
FROM assigned a JOIN org_units ou ON ou.id = a.unit_id
LEFT JOIN st ON st.unit_id = a.unit_id LEFT JOIN co ON co.unit_id = a.unit_id
GROUP BY 1
"""

# The obvious statement: one row per (person, course) pair, then joins. Shown for reference.
NAIVE_SQL = """
WITH uc AS (
  SELECT mu.id AS unit_id, a.course_id, a.audience, a.due_date
  FROM assignments a
  JOIN org_units au ON au.id = a.org_unit_id
  JOIN courses c ON c.id = a.course_id
  JOIN org_units mu ON mu.path LIKE au.path || '%'
  WHERE a.is_active AND c.retired_at IS NULL
), pairs AS (
  SELECT m.user_id, m.org_unit_id, uc.course_id, min(uc.due_date) AS due
  FROM org_memberships m
  JOIN users u ON u.id = m.user_id
  JOIN uc ON uc.unit_id = m.org_unit_id
  WHERE u.is_active AND (uc.audience = 'all'
     OR (uc.audience = 'officials' AND u.kind = 'official')
     OR (uc.audience = 'specialists' AND m.is_dx_specialist))
  GROUP BY m.user_id, m.org_unit_id, uc.course_id
)
SELECT split_part(ou.path, '/', 3) AS child, count(DISTINCT p.user_id), count(*),
       count(cp.id), count(cc.id),
       sum(CASE WHEN cc.id IS NULL AND p.due < :today THEN 1 ELSE 0 END)
FROM pairs p
JOIN org_units ou ON ou.id = p.org_unit_id
LEFT JOIN course_progress cp ON cp.user_id = p.user_id AND cp.course_id = p.course_id
LEFT JOIN course_completions cc ON cc.user_id = p.user_id AND cc.course_id = p.course_id
GROUP BY 1
"""


def _recreate_database(url: str) -> None:
    parsed = make_url(url)
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    admin.dispose()


def _units(session: Session) -> list[OrgUnit]:
    units: list[OrgUnit] = []

    def add(code: str, kind: str, parent: OrgUnit | None) -> OrgUnit:
        unit = OrgUnit(code=code, name=f"Unit {code}", kind=kind,
                       parent_id=parent.id if parent else None)
        session.add(unit)
        session.flush()
        unit.path = (parent.path if parent else "/") + f"{unit.id}/"
        unit.depth = parent.depth + 1 if parent else 0
        units.append(unit)
        return unit

    root = add("P", "province", None)
    for d in range(40):
        department = add(f"S{d}", "department", root)
        for o in range(9):
            add(f"S{d}-{o}", "office", department)
    for h in range(12):
        district = add(f"H{h}", "district", root)
        for o in range(10):
            add(f"H{h}-P{o}", "office", district)
        for x in range(15):
            add(f"H{h}-X{x}", "commune", district)
    session.flush()
    return units


def build(url: str, learners: int, seed: int = 7) -> None:
    """Create the schema and a province of the given size."""
    rng = random.Random(seed)
    load_all_models()
    engine = create_engine(url)
    Base.metadata.create_all(engine)
    now = datetime.now(UTC)
    with Session(engine) as session:
        units = _units(session)
        courses = [
            Course(slug=f"c{i}", title=f"Course {i}", summary="", content_hash="0" * 64)
            for i in range(6)
        ]
        session.add_all(courses)
        session.flush()
        root = units[0]
        districts = [u for u in units if u.kind == "district"]
        departments = [u for u in units if u.kind == "department"]
        session.add_all([
            Assignment(course_id=courses[0].id, org_unit_id=root.id, audience="all",
                       due_date=date.today() - timedelta(days=30)),
            Assignment(course_id=courses[1].id, org_unit_id=root.id, audience="officials",
                       due_date=date.today() + timedelta(days=60)),
            Assignment(course_id=courses[2].id, org_unit_id=root.id, audience="specialists"),
            *[Assignment(course_id=courses[3].id, org_unit_id=d.id, audience="all")
              for d in districts],
            *[Assignment(course_id=courses[4].id, org_unit_id=d.id, audience="officials",
                         due_date=date.today() - timedelta(days=5))
              for d in departments[::2]],
        ])
        session.commit()
        unit_ids = [u.id for u in units]
        session.execute(insert(User), [
            {"email": f"u{i}@example.org", "full_name": f"Người {i}",
             "kind": "official" if rng.random() < 0.8 else "citizen", "is_active": True}
            for i in range(learners)
        ])
        user_ids = list(session.scalars(text("SELECT id FROM users ORDER BY id")))
        session.execute(insert(OrgMembership), [
            {"user_id": uid, "org_unit_id": rng.choice(unit_ids),
             "is_dx_specialist": rng.random() < 0.02}
            for uid in user_ids
        ])
        progress, completions = [], []
        for uid in user_ids:
            for course in courses[:5]:
                roll = rng.random()
                if roll < 0.6:
                    started = now - timedelta(days=rng.randint(1, 300))
                    progress.append({"user_id": uid, "course_id": course.id,
                                     "started_at": started, "last_activity_at": started})
                    if roll < 0.35:
                        completions.append({"user_id": uid, "course_id": course.id,
                                            "completed_at": started + timedelta(days=3),
                                            "course_version": 1})
        session.execute(insert(CourseProgress), progress)
        session.execute(insert(CourseCompletion), completions)
        _final_quiz_attempts(session, courses[0], completions, rng)
        session.commit()
    with engine.begin() as connection:
        connection.execute(text("ANALYZE"))
    engine.dispose()


def _final_quiz_attempts(session: Session, course: Course, completions: list[dict],
                         rng: random.Random) -> None:
    """A final quiz for the first course and one or two graded attempts per completer."""
    unit = Unit(course_id=course.id, slug="cuoi-khoa", position=1, title="Cuối khoá",
                content_hash="0" * 64)
    session.add(unit)
    session.flush()
    quiz = Quiz(course_id=course.id, unit_id=unit.id, key="cuoi-khoa", content_hash="0" * 64)
    session.add(quiz)
    session.flush()
    attempts = []
    for row in completions:
        if row["course_id"] != course.id:
            continue
        for number in range(1, rng.choice((2, 3))):
            attempts.append({"user_id": row["user_id"], "quiz_id": quiz.id, "number": number,
                             "quiz_version": 1, "pass_mark": 70, "status": "submitted",
                             "score": float(rng.randint(40, 100))})
    session.execute(insert(QuizAttempt), attempts)


def _time_interleaved(candidates: dict, repeat: int) -> dict[str, tuple[float, float]]:
    """(minimum, median) seconds of each candidate, run in turn so load spikes hit all alike."""
    for run in candidates.values():
        run()  # warm up caches
    timings: dict[str, list[float]] = {name: [] for name in candidates}
    for _ in range(repeat):
        for name, run in candidates.items():
            start = time.perf_counter()
            run()
            timings[name].append(time.perf_counter() - start)
    return {name: (min(t), statistics.median(t)) for name, t in timings.items()}


def measure(url: str, repeat: int = 15) -> dict[str, tuple[float, float]]:
    """(minimum, median) seconds of the report's roll-up and of the hand-written statements.

    Also checks that all three agree on every child's counts.
    """
    engine = create_engine(url)
    today = date.today()
    with Session(engine) as session:
        unit = session.scalars(select(OrgUnit).where(OrgUnit.parent_id.is_(None))).one()
        params = {"today": today, "root": unit.path}

        def report():
            return build_rollup(session, Scope(everything=True), unit, ReportFilters(), today)

        rollup = report()
        mine = {str(line.unit_id): (line.counts.learners, line.counts.pairs, line.counts.started,
                                    line.counts.completed, line.counts.overdue)
                for line in rollup.lines if not line.own_members}
        for sql in (BASELINE_SQL, NAIVE_SQL):
            rows = session.execute(text(sql), params).all()
            hand = {row[0]: tuple(int(v) for v in row[1:]) for row in rows if row[0]}
            assert hand == mine, "hand-written SQL and report disagree"
        timings = _time_interleaved({
            "report": report,
            "baseline": lambda: session.execute(text(BASELINE_SQL), params).all(),
            "naive": lambda: session.execute(text(NAIVE_SQL), params).all(),
        }, repeat)
    engine.dispose()
    return timings


def main() -> None:
    """Build (unless --reuse) and time the roll-up against the baseline."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--learners", type=int, default=100_000)
    parser.add_argument("--reuse", action="store_true", help="Keep the existing database.")
    args = parser.parse_args()
    if not args.reuse:
        _recreate_database(args.url)
        started = time.perf_counter()
        build(args.url, args.learners)
        print(f"built in {time.perf_counter() - started:.1f} s")
    timings = measure(args.url)
    for name, label in (("report", "report roll-up (all its statements)"),
                        ("baseline", "hand-written single statement"),
                        ("naive", "naive pair-by-pair statement")):
        fastest, median = timings[name]
        print(f"{label}: min {fastest * 1000:.0f} ms, median {median * 1000:.0f} ms")
    print(f"ratio report/baseline: min {timings['report'][0] / timings['baseline'][0]:.2f}, "
          f"median {timings['report'][1] / timings['baseline'][1]:.2f}")


if __name__ == "__main__":
    main()
