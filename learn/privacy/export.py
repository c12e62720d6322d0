"""Everything the system holds about one user, as plain JSON-ready data (right of access)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from learn.audit.models import AuditEvent
from learn.auth import two_factor
from learn.auth.models import ConsentRecord, User, UserSession
from learn.auth.privacy import PRIVACY_NOTICE_VERSION
from learn.certificates.models import Certificate
from learn.courses.models import Course, Question, QuestionVersion, Quiz, Unit
from learn.db import utcnow
from learn.learning.models import CourseCompletion, CourseProgress, UnitCompletion
from learn.orgs.models import ManagerScope, OrgMembership, OrgUnit
from learn.quiz.models import AttemptQuestion, QuizAttempt

FORMAT_VERSION = 1


def _when(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _account(session: Session, user: User) -> dict[str, Any]:
    credential = two_factor.credential_of(session, user.id)
    confirmed = credential is not None and credential.confirmed_at is not None
    return {
        "id": user.id,
        "email": user.email,
        "full_name": user.full_name,
        "kind": user.kind,
        "preferred_language": user.preferred_language,
        "is_active": user.is_active,
        "created_at": _when(user.created_at),
        "last_login_at": _when(user.last_login_at),
        "has_password": user.password_hash is not None,
        "two_factor": {
            "enabled": confirmed,
            "enabled_at": _when(credential.confirmed_at) if confirmed else None,
            "recovery_codes_left": two_factor.recovery_codes_left(session, user.id),
        },
    }


def _consents(session: Session, user_id: int) -> list[dict]:
    rows = session.scalars(
        select(ConsentRecord).where(ConsentRecord.user_id == user_id).order_by(ConsentRecord.id)
    )
    return [
        {
            "notice_version": r.notice_version,
            "language": r.language,
            "consented_at": _when(r.consented_at),
            "withdrawn_at": _when(r.withdrawn_at),
        }
        for r in rows
    ]


def _sessions(session: Session, user_id: int) -> list[dict]:
    # The token hashes are credentials of a kind: they are never exported.
    rows = session.scalars(
        select(UserSession).where(UserSession.user_id == user_id).order_by(UserSession.id)
    )
    return [
        {
            "created_at": _when(r.created_at),
            "last_seen_at": _when(r.last_seen_at),
            "ended_at": _when(r.ended_at),
            "ip_address": r.ip_address,
            "user_agent": r.user_agent,
        }
        for r in rows
    ]


def _organisation(session: Session, user_id: int) -> dict[str, Any]:
    membership = session.execute(
        select(OrgMembership, OrgUnit)
        .join(OrgUnit, OrgUnit.id == OrgMembership.org_unit_id)
        .where(OrgMembership.user_id == user_id)
    ).first()
    scopes = session.scalars(
        select(OrgUnit)
        .join(ManagerScope, ManagerScope.org_unit_id == OrgUnit.id)
        .where(ManagerScope.user_id == user_id)
        .order_by(OrgUnit.code)
    )
    unit = None
    if membership is not None:
        member, org = membership
        unit = {
            "code": org.code,
            "name": org.name,
            "position": member.position,
            "is_dx_specialist": member.is_dx_specialist,
        }
    return {
        "unit": unit,
        "manager_of": [{"code": s.code, "name": s.name} for s in scopes],
    }


def _learning(session: Session, user_id: int) -> dict[str, list[dict]]:
    progress = session.execute(
        select(CourseProgress, Course.slug, Course.title, Unit.slug)
        .join(Course, Course.id == CourseProgress.course_id)
        .outerjoin(Unit, Unit.id == CourseProgress.last_unit_id)
        .where(CourseProgress.user_id == user_id)
        .order_by(CourseProgress.id)
    )
    units = session.execute(
        select(UnitCompletion, Course.slug, Unit.slug, Unit.title)
        .join(Course, Course.id == UnitCompletion.course_id)
        .join(Unit, Unit.id == UnitCompletion.unit_id)
        .where(UnitCompletion.user_id == user_id)
        .order_by(UnitCompletion.id)
    )
    courses = session.execute(
        select(CourseCompletion, Course.slug, Course.title)
        .join(Course, Course.id == CourseCompletion.course_id)
        .where(CourseCompletion.user_id == user_id)
        .order_by(CourseCompletion.id)
    )
    return {
        "course_progress": [
            {
                "course": slug,
                "course_title": title,
                "started_at": _when(p.started_at),
                "last_activity_at": _when(p.last_activity_at),
                "last_unit": last_unit,
            }
            for p, slug, title, last_unit in progress
        ],
        "unit_completions": [
            {
                "course": course,
                "unit": unit,
                "unit_title": title,
                "completed_at": _when(c.completed_at),
                "method": c.method,
                "unit_version": c.unit_version,
            }
            for c, course, unit, title in units
        ],
        "course_completions": [
            {
                "course": slug,
                "course_title": title,
                "completed_at": _when(c.completed_at),
                "course_version": c.course_version,
            }
            for c, slug, title in courses
        ],
    }


def _attempt_questions(session: Session, attempt_ids: list[int]) -> dict[int, list[dict]]:
    by_attempt: dict[int, list[dict]] = {i: [] for i in attempt_ids}
    if not attempt_ids:
        return by_attempt
    rows = session.execute(
        select(AttemptQuestion, Question.key, QuestionVersion.version)
        .join(QuestionVersion, QuestionVersion.id == AttemptQuestion.question_version_id)
        .join(Question, Question.id == QuestionVersion.question_id)
        .where(AttemptQuestion.attempt_id.in_(attempt_ids))
        .order_by(AttemptQuestion.attempt_id, AttemptQuestion.position)
    )
    for row, key, version in rows:
        by_attempt[row.attempt_id].append(
            {
                "position": row.position,
                "question": key,
                "question_version": version,
                "option_order": row.option_order,
                "answer": row.answer,
                "score": row.score,
                "correct": row.correct,
            }
        )
    return by_attempt


def _attempts(session: Session, user_id: int) -> list[dict]:
    rows = session.execute(
        select(QuizAttempt, Quiz.key, Course.slug)
        .join(Quiz, Quiz.id == QuizAttempt.quiz_id)
        .join(Course, Course.id == Quiz.course_id)
        .where(QuizAttempt.user_id == user_id)
        .order_by(QuizAttempt.id)
    ).all()
    questions = _attempt_questions(session, [a.id for a, _, _ in rows])
    return [
        {
            "course": course,
            "quiz": quiz,
            "number": a.number,
            "status": a.status,
            "started_at": _when(a.started_at),
            "deadline_at": _when(a.deadline_at),
            "submitted_at": _when(a.submitted_at),
            "score": a.score,
            "passed": a.passed,
            "pass_mark": a.pass_mark,
            "questions": questions[a.id],
        }
        for a, quiz, course in rows
    ]


def _certificates(session: Session, user_id: int) -> list[dict]:
    rows = session.scalars(
        select(Certificate).where(Certificate.user_id == user_id).order_by(Certificate.id)
    )
    return [
        {
            "code": c.code,
            "learner_name": c.learner_name,
            "course_title": c.course_title,
            "competences": c.competences,
            "issued_at": _when(c.issued_at),
            "revoked_at": _when(c.revoked_at),
            "revoked_reason": c.revoked_reason,
        }
        for c in rows
    ]


def audit_condition(user_id: int, email: str):
    """SQL: audit events by the user, or about their email (e.g. failed sign-ins)."""
    # Exact match only: "an@example.org" must not pick up events about "joan@example.org".
    return or_(
        AuditEvent.actor_id == user_id,
        func.lower(func.trim(AuditEvent.target)) == email.lower(),
    )


def _audit_events(session: Session, user: User) -> list[dict]:
    rows = session.scalars(
        select(AuditEvent).where(audit_condition(user.id, user.email)).order_by(AuditEvent.id)
    )
    return [
        {
            "occurred_at": _when(e.occurred_at),
            "action": e.action,
            "by_you": e.actor_id == user.id,
            "target": e.target,
            "ip_address": e.ip_address,
            "details": e.details,
        }
        for e in rows
    ]


def personal_data(session: Session, user: User) -> dict[str, Any]:
    """Every record about the user, grouped by kind, with dates in ISO 8601 (UTC)."""
    return {
        "format_version": FORMAT_VERSION,
        "generated_at": _when(utcnow()),
        "current_privacy_notice": PRIVACY_NOTICE_VERSION,
        "account": _account(session, user),
        "roles": sorted(user.roles),
        "consents": _consents(session, user.id),
        "sessions": _sessions(session, user.id),
        "organisation": _organisation(session, user.id),
        **_learning(session, user.id),
        "quiz_attempts": _attempts(session, user.id),
        "certificates": _certificates(session, user.id),
        "audit_events": _audit_events(session, user),
    }
