"""Benchmark 5: 32 learners starting and submitting quiz attempts at once, then a database
check that every submitted attempt was graded exactly once."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from sqlalchemy import func, select

from bench.browser import Browser, csrf_token
from bench.quiz_answers import correct_fields
from bench.quiz_flow import Cycle, QuizRef, take_quiz, typical_quiz
from bench.results import Result, verdict
from bench.scale import Scale
from bench.site import Site
from bench.stats import percentile

NAME = "quiz_load"
MAX_P95_MS = 100.0
RESUBMITTED = 8  # attempts posted a second time to prove that grading happens once


@dataclass
class Learner:
    """One simulated learner's thread and what it saw."""

    index: int
    browser: Browser
    cycles: list[Cycle] = field(default_factory=list)
    crash: str | None = None


def _loop(site: Site, learner: Learner, quiz: QuizRef, deadline: float) -> None:
    # Every other learner knows the right answers, so passing, unit and course completion
    # (and certificates) are exercised too; the others answer the first choice everywhere.
    answers = None
    if learner.index % 2 == 0:
        def answers(attempt_id: int) -> list[tuple[str, str]]:
            return correct_fields(site.app, attempt_id)
    try:
        while time.monotonic() < deadline:
            learner.cycles.append(take_quiz(learner.browser, quiz, answers))
    except Exception as error:  # record it; the check below counts it as an error
        learner.crash = f"{type(error).__name__}: {error}"


def _resubmit(site: Site, learner: Learner, attempt_id: int) -> int:
    page = learner.browser.get("/me")
    answer = learner.browser.post(f"/quiz/attempts/{attempt_id}",
                                  [("csrf_token", csrf_token(page.text)), ("action", "submit")])
    return answer.status


def _database_check(site: Site, learners: list[Learner], quiz: QuizRef) -> dict:
    """Compare what the clients saw with what the database holds."""
    from learn.auth.models import User
    from learn.courses.models import Quiz
    from learn.db import transaction
    from learn.learning.models import UnitCompletion
    from learn.quiz.models import QuizAttempt

    assert site.app is not None
    seen = {c.attempt_id for lr in learners for c in lr.cycles if c.attempt_id}
    submitted = {c.attempt_id for lr in learners for c in lr.cycles if c.submitted}
    emails = [site.emails[lr.index] for lr in learners]
    with transaction(site.app) as session:
        user_ids = list(session.scalars(select(User.id).where(User.email.in_(emails))))
        rows = session.execute(
            select(QuizAttempt.id, QuizAttempt.status, QuizAttempt.score,
                   QuizAttempt.submitted_at, QuizAttempt.passed, QuizAttempt.user_id)
            .where(QuizAttempt.user_id.in_(user_ids), QuizAttempt.quiz_id == quiz.quiz_id)
        ).all()
        unit_id = session.scalar(select(Quiz.unit_id).where(Quiz.id == quiz.quiz_id))
        completions = session.scalar(
            select(func.count()).select_from(UnitCompletion)
            .where(UnitCompletion.unit_id == unit_id, UnitCompletion.user_id.in_(user_ids)))
    by_id = {row.id: row for row in rows}
    not_graded = sorted(a for a in submitted
                        if a not in by_id or by_id[a].status != "submitted"
                        or by_id[a].score is None or by_id[a].submitted_at is None)
    unknown = sorted(a for a, row in by_id.items() if a not in seen)
    graded_unseen = sorted(a for a, row in by_id.items()
                           if row.status == "submitted" and a not in submitted)
    passers = {row.user_id for row in rows if row.passed}
    before = {a: (by_id[a].score, by_id[a].submitted_at) for a in sorted(submitted)[:RESUBMITTED]}
    by_attempt = {c.attempt_id: lr for lr in learners for c in lr.cycles if c.attempt_id}
    statuses = [_resubmit(site, by_attempt[a], a) for a in before]
    with transaction(site.app) as session:
        after = {row.id: (row.score, row.submitted_at) for row in session.execute(
            select(QuizAttempt.id, QuizAttempt.score, QuizAttempt.submitted_at)
            .where(QuizAttempt.id.in_(list(before))))}
    regraded = sorted(a for a in before if after.get(a) != before[a])
    return {
        "attempts_seen": len(seen), "attempts_submitted": len(submitted),
        "attempts_in_db": len(rows), "not_graded": not_graded[:20],
        "unknown_attempts": unknown[:20], "graded_not_seen_submitted": graded_unseen[:20],
        "resubmitted": len(before), "resubmit_statuses": statuses,
        "regraded_on_resubmit": regraded, "unit_completions": completions,
        "learners_who_passed": len(passers),
        "ok": not not_graded and not unknown and not graded_unseen and not regraded
        and completions == len(passers),
    }


def run(site: Site, scale: Scale) -> list[Result]:
    """The load, its latencies by step, and the database check."""
    assert site.app is not None
    quiz = typical_quiz(site.app)
    learners = [Learner(i, site.browser(i)) for i in range(1, scale.quiz_learners + 1)]
    deadline = time.monotonic() + scale.quiz_seconds
    threads = [threading.Thread(target=_loop, args=(site, lr, quiz, deadline), daemon=True)
               for lr in learners]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(scale.quiz_seconds + 120)
    elapsed = time.monotonic() - started
    quiz_ms = [s * 1000 for lr in learners for c in lr.cycles for step, s in c.timings
               if step != "unit page"]
    unit_ms = [s * 1000 for lr in learners for c in lr.cycles for step, s in c.timings
               if step == "unit page"]
    by_step: dict[str, list[float]] = {}
    for lr in learners:
        for c in lr.cycles:
            for step, s in c.timings:
                by_step.setdefault(step, []).append(s * 1000)
    errors = [c.error for lr in learners for c in lr.cycles if c.error]
    crashes = [lr.crash for lr in learners if lr.crash]
    check = _database_check(site, learners, quiz)
    p95, base = percentile(quiz_ms, 95), percentile(unit_ms, 95)
    ok = p95 is not None and p95 < MAX_P95_MS and not errors and not crashes and check["ok"]
    details = {
        "quiz_id": quiz.quiz_id, "unit": quiz.unit_path, "questions": quiz.pool,
        "learners": len(learners), "seconds": round(elapsed, 1),
        "requests": len(quiz_ms) + len(unit_ms),
        "cycles": sum(len(lr.cycles) for lr in learners),
        "steps": {k: {"n": len(v), "p50_ms": percentile(v, 50), "p95_ms": percentile(v, 95),
                      "max_ms": max(v)} for k, v in by_step.items()},
        "errors": errors[:10], "error_count": len(errors), "crashes": crashes[:5],
        "database_check": check,
    }
    note = ""
    if errors or crashes:
        note = f"{len(errors) + len(crashes)} errors: {(errors + crashes)[0]}"
    elif not check["ok"]:
        note = "database check failed"
    submitted = check["attempts_submitted"]
    return [
        Result(NAME, site.kind, "p95 latency (quiz requests)", p95, "ms", base,
               "unit page p95, same run", f"< {MAX_P95_MS:.0f} ms, no error, graded once",
               verdict(ok), note, details),
        Result(NAME, site.kind, "attempts submitted", submitted, "", None, "",
               "", "INFO", f"{submitted / elapsed:.1f}/s, "
               f"{check['unit_completions']} completions"),
    ]
