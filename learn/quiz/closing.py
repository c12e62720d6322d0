"""Closing an attempt exactly once and grading it: submission, deadline, cleanup.

Every way of closing goes through `close_attempt`: a conditional UPDATE moves the attempt
from 'open' to 'submitted' or 'expired', and only the request whose UPDATE changed the row
grades it. Any concurrent request waits on that row (PostgreSQL row lock, SQLite write lock),
then finds it closed and reads the result that was committed.

Statuses: 'submitted' (the learner submitted before the deadline and its grace) and
'expired' (closed at the deadline: a late submission, a late save, a lazy check when the
attempt was opened again, or `learn quiz close-expired`); an expired attempt is graded with
the answers saved before the deadline and its submitted_at is the deadline.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from learn.courses.models import QuestionVersion
from learn.quiz.access import quiz_with_course
from learn.quiz.completion import record_quiz_pass
from learn.quiz.grading import attempt_score, grade, has_passed
from learn.quiz.models import AttemptQuestion, QuizAttempt
from learn.quiz.timing import GRACE, is_too_late

Answers = Mapping[int, Mapping[str, Any] | None]  # attempt question position -> answer


def claim_open(session: Session, attempt_id: int, **values: Any) -> bool:
    """Update an attempt only while it is open; True when this call changed it."""
    result = session.execute(
        update(QuizAttempt)
        .where(QuizAttempt.id == attempt_id, QuizAttempt.status == "open")
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


_FRESH_QUESTIONS = (
    select(AttemptQuestion)
    .where(AttemptQuestion.attempt_id == bindparam("attempt_id"))
    .order_by(AttemptQuestion.position)
    .execution_options(populate_existing=True)
)


def fresh_questions(session: Session, attempt: QuizAttempt) -> list[AttemptQuestion]:
    """The attempt's questions as the database holds them now, in order."""
    return list(session.scalars(_FRESH_QUESTIONS, {"attempt_id": attempt.id}))


def store_answers(
    session: Session, attempt: QuizAttempt, answers: Answers
) -> list[AttemptQuestion]:
    """Replace the saved answers of the positions given; other positions keep theirs.

    Returns the attempt's questions as now stored.
    """
    questions = fresh_questions(session, attempt)
    for question in questions:
        if question.position in answers:
            answer = answers[question.position]
            question.answer = dict(answer) if answer else None
    session.flush()
    return questions


def _versions(session: Session, ids: list[int]) -> dict[int, QuestionVersion]:
    """Question versions by id; those already in the session are not read again.

    A question version never changes once written (an edit makes a new version), so one
    loaded earlier in the request is as good as a fresh read.
    """
    found: dict[int, QuestionVersion] = {}
    for version_id in set(ids):
        version = session.identity_map.get(identity_key(QuestionVersion, version_id))
        if version is not None:
            found[version_id] = version
    missing = [version_id for version_id in set(ids) if version_id not in found]
    if missing:
        found.update((v.id, v) for v in session.scalars(
            select(QuestionVersion).where(QuestionVersion.id.in_(missing))))
    return found


def grade_attempt(
    session: Session, attempt: QuizAttempt, questions: list[AttemptQuestion] | None = None
) -> None:
    """Grade every question with its saved answer and set the attempt's score and result.

    `questions` are the attempt's questions read after it was claimed (by store_answers);
    without them they are read now.
    """
    if questions is None:
        questions = fresh_questions(session, attempt)
    versions = _versions(session, [q.question_version_id for q in questions])
    for question in questions:
        version = versions[question.question_version_id]
        result = grade(version.type, version.data, question.answer)
        question.score, question.correct = result.score, result.correct
    attempt.score = attempt_score(q.score or 0.0 for q in questions)
    attempt.passed = has_passed(attempt.score, attempt.pass_mark)
    session.flush()


def close_attempt(
    session: Session, attempt: QuizAttempt, now: datetime, answers: Answers | None = None
) -> bool:
    """Close and grade an open attempt once; False when another request already closed it.

    Answers sent in time are stored first; past the deadline and its grace they are ignored
    and the attempt is graded with what was saved before.
    """
    late = is_too_late(attempt, now)
    status = "expired" if late else "submitted"
    closed_at = attempt.deadline_at if late and attempt.deadline_at is not None else now
    claimed = claim_open(session, attempt.id, status=status, submitted_at=closed_at)
    if not claimed:
        session.refresh(attempt)  # closed by another request: read what it committed
        return False
    # The row is this request's now: nobody else changes it, so no need to read it back.
    set_committed_value(attempt, "status", status)
    set_committed_value(attempt, "submitted_at", closed_at)
    questions = None
    if answers is not None and not late:
        questions = store_answers(session, attempt, answers)
    grade_attempt(session, attempt, questions)
    if attempt.passed:
        quiz = quiz_with_course(session, attempt.quiz_id)
        if quiz is not None:
            record_quiz_pass(session, attempt.user_id, quiz.unit, attempt.id)
    session.flush()
    return True


def expire_if_overdue(session: Session, attempt: QuizAttempt, now: datetime) -> bool:
    """Close and grade an open attempt whose time is up; True when this call closed it."""
    if attempt.status != "open" or not is_too_late(attempt, now):
        return False
    return close_attempt(session, attempt, now)


def close_expired_attempts(session: Session, now: datetime) -> int:
    """Close and grade every open attempt past its deadline and grace; returns how many."""
    overdue = session.scalars(
        select(QuizAttempt)
        .where(
            QuizAttempt.status == "open",
            QuizAttempt.deadline_at.is_not(None),
            QuizAttempt.deadline_at < now - GRACE,
        )
        .order_by(QuizAttempt.id)
    ).all()
    return sum(1 for attempt in overdue if close_attempt(session, attempt, now))
