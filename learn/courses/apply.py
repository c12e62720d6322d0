"""Writing a course plan with bulk statements: a few INSERTs and UPDATEs per table.

Nothing is deleted except quiz pool memberships of a quiz whose pool is rewritten (attempts
point at question versions, never at pool rows).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, update
from sqlalchemy.orm import Session

from learn.courses.diff import Diff
from learn.courses.models import (
    Course,
    CourseAsset,
    Question,
    QuestionVersion,
    Quiz,
    QuizQuestion,
    Unit,
)
from learn.courses.payloads import Item
from learn.courses.plan import CoursePlan


def apply_plan(session: Session, plan: CoursePlan, now: datetime) -> int:
    """Write one course's plan; returns the course id."""
    course_id = _write_course(session, plan, now)
    unit_ids = _write_units(session, course_id, plan.units, now)
    question_ids = _write_questions(session, course_id, plan.questions, now)
    _write_quizzes(session, course_id, plan.quizzes, unit_ids, question_ids, now)
    _write_assets(session, course_id, plan)
    return course_id


def refresh_source_hashes(session: Session, plans: Iterable[CoursePlan]) -> None:
    """Record new fingerprints of unchanged courses whose files changed in no visible way."""
    rows = [
        {"id": plan.stored.id, "source_hash": plan.source_hash}
        for plan in plans
        if plan.stored is not None and plan.status == "unchanged"
        and plan.source_hash is not None and plan.stored.source_hash != plan.source_hash
    ]
    if rows:
        session.execute(update(Course), rows)


def retire_courses(session: Session, course_ids: Iterable[int], now: datetime) -> None:
    """Hide courses whose folder is gone (their rows and learners' records stay)."""
    rows = [{"id": course_id, "retired_at": now} for course_id in course_ids]
    if rows:
        session.execute(update(Course), rows)


def _write_course(session: Session, plan: CoursePlan, now: datetime) -> int:
    values = {**plan.items.course.payload, "content_hash": plan.items.tree_hash,
              "source_hash": plan.source_hash}
    if plan.stored is None:
        return session.execute(
            insert(Course).returning(Course.id),
            [{**values, "slug": plan.source.slug, "version": 1, "created_at": now,
              "updated_at": now}],
        ).scalar_one()
    session.execute(update(Course), [{
        **values, "id": plan.stored.id, "version": plan.next_version, "updated_at": now,
        "retired_at": None,
    }])
    return plan.stored.id


def _insert_returning(session: Session, model: type, key_column: str,
                      rows: list[dict[str, Any]]) -> dict[Any, int]:
    if not rows:
        return {}
    table = model.__table__  # type: ignore[attr-defined]
    # A Core insert: the ORM's bulk insert would also work out every row's primary key
    # object, which is not needed. Each row comes back with its key, so their order does
    # not matter: without sort_by_parameter_order SQLite inserts in batches too.
    result = session.execute(insert(table).returning(table.c.id, table.c[key_column]), rows)
    return {row[1]: row[0] for row in result}


def _update(session: Session, model: type, rows: list[dict[str, Any]]) -> None:
    if rows:
        session.execute(update(model), rows)


def _changed_values(item: Item, version: int) -> dict[str, Any]:
    return {"content_hash": item.hash, "version": version}


def _write_units(session: Session, course_id: int, diff: Diff, now: datetime) -> dict[str, int]:
    ids = _insert_returning(session, Unit, "slug", [
        {**item.payload, "course_id": course_id, "slug": item.key, "position": item.position,
         "content_hash": item.hash, "version": 1}
        for item in diff.added
    ])
    updates: list[dict[str, Any]] = []
    for item, row in diff.changed:
        updates.append({**item.payload, **_changed_values(item, row.version + 1), "id": row.id,
                        "position": item.position})
    for item, row in diff.restored:
        values: dict[str, Any] = {"id": row.id, "retired_at": None, "position": item.position}
        if row.hash != item.hash:
            values.update(item.payload, **_changed_values(item, row.version + 1))
        updates.append(values)
    restored = {row.id for _, row in diff.restored}
    updates.extend({"id": row.id, "position": item.position}
                   for item, row in diff.moved if row.id not in restored)
    updates.extend({"id": row.id, "retired_at": now} for row in diff.retired)
    _update(session, Unit, updates)
    ids.update({item.key: row.id for item, row in (*diff.changed, *diff.restored,
                                                   *diff.unchanged)})
    return ids


def _write_questions(session: Session, course_id: int, diff: Diff,
                     now: datetime) -> dict[str, int]:
    ids = _insert_returning(session, Question, "key", [
        {"course_id": course_id, "key": item.key} for item in diff.added
    ])
    new_versions: list[tuple[int, Item, int]] = [(ids[item.key], item, 1) for item in diff.added]
    new_versions.extend((row.id, item, row.version + 1) for item, row in diff.changed)
    new_versions.extend((row.id, item, row.version + 1) for item, row in diff.restored
                        if row.hash != item.hash)
    version_ids = _insert_returning(session, QuestionVersion, "question_id", [
        {"question_id": question_id, "version": version, "type": item.payload["type"],
         "data": item.payload["data"], "content_hash": item.hash, "created_at": now}
        for question_id, item, version in new_versions
    ])
    updates: dict[int, dict[str, Any]] = {
        question_id: {"id": question_id, "current_version_id": version_id}
        for question_id, version_id in version_ids.items()
    }
    for _, row in (*diff.changed, *diff.restored):
        updates.setdefault(row.id, {"id": row.id})["retired_at"] = None
    for row in diff.retired:
        updates[row.id] = {"id": row.id, "retired_at": now}
    _update(session, Question, list(updates.values()))
    ids.update({item.key: row.id for item, row in (*diff.changed, *diff.restored,
                                                   *diff.unchanged)})
    return ids


def _quiz_values(item: Item, unit_ids: dict[str, int]) -> dict[str, Any]:
    values = {k: v for k, v in item.payload.items() if k not in ("unit", "pool")}
    values["unit_id"] = unit_ids[item.payload["unit"]]
    return values


def _write_quizzes(session: Session, course_id: int, diff: Diff, unit_ids: dict[str, int],
                   question_ids: dict[str, int], now: datetime) -> None:
    ids = _insert_returning(session, Quiz, "key", [
        {**_quiz_values(item, unit_ids), "course_id": course_id, "key": item.key,
         "content_hash": item.hash, "version": 1}
        for item in diff.added
    ])
    rewritten: list[tuple[int, Item]] = []
    updates: list[dict[str, Any]] = []
    for item, row in diff.changed:
        updates.append({**_quiz_values(item, unit_ids), **_changed_values(item, row.version + 1),
                        "id": row.id})
        rewritten.append((row.id, item))
    for item, row in diff.restored:
        values: dict[str, Any] = {"id": row.id, "retired_at": None}
        if row.hash != item.hash:
            values.update(_quiz_values(item, unit_ids), **_changed_values(item, row.version + 1))
            rewritten.append((row.id, item))
        updates.append(values)
    updates.extend({"id": row.id, "retired_at": now} for row in diff.retired)
    _update(session, Quiz, updates)
    if rewritten:
        old = [quiz_id for quiz_id, _ in rewritten]
        session.execute(delete(QuizQuestion).where(QuizQuestion.quiz_id.in_(old)))
    repooled = [(ids[item.key], item) for item in diff.added] + rewritten
    pool_rows = [
        {"quiz_id": quiz_id, "question_id": question_ids[key], "position": position}
        for quiz_id, item in repooled
        for position, key in enumerate(item.payload["pool"], start=1)
    ]
    if pool_rows:
        session.execute(insert(QuizQuestion.__table__), pool_rows)


class AssetChangedError(RuntimeError):
    """An asset file changed on disk between checking and publishing."""


def _write_assets(session: Session, course_id: int, plan: CoursePlan) -> None:
    rows = []
    for asset in plan.new_assets:
        data = asset.read_bytes()
        if hashlib.sha256(data).hexdigest() != asset.sha256:
            raise AssetChangedError(f"{plan.source.slug}/{asset.path}")
        rows.append({"course_id": course_id, "path": asset.path, "sha256": asset.sha256,
                     "media_type": asset.media_type, "size": len(data), "data": data})
    if rows:
        session.execute(insert(CourseAsset.__table__), rows)
