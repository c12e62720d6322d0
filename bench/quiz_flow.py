"""A learner taking a quiz through the real pages: unit page, start, attempt, submit, result."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import Flask
from sqlalchemy import func, select

from bench.browser import Browser, Response
from bench.forms import form_posting_to
from bench.site import Site

_ATTEMPT = re.compile(r"/quiz/attempts/(\d+)")
PREFERRED_QUESTIONS = 5


@dataclass(frozen=True)
class QuizRef:
    """A quiz to take and the unit page that offers it."""

    quiz_id: int
    unit_path: str
    pool: int


def typical_quiz(app: Flask) -> QuizRef:
    """A unit quiz officials may take again and again (no attempt limit, no time limit),
    with a pool closest to five questions."""
    from learn.courses.models import Course, Quiz, QuizQuestion, Unit
    from learn.db import transaction

    with transaction(app) as session:
        pool = (select(QuizQuestion.quiz_id, func.count().label("n"))
                .group_by(QuizQuestion.quiz_id).subquery())
        rows = session.execute(
            select(Quiz.id, Quiz.draw, pool.c.n, Course.slug, Course.audience, Course.order,
                   Unit.slug)
            .join(Unit, Unit.id == Quiz.unit_id).join(Course, Course.id == Quiz.course_id)
            .join(pool, pool.c.quiz_id == Quiz.id)
            .where(Quiz.retired_at.is_(None), Unit.retired_at.is_(None),
                   Course.retired_at.is_(None), Course.draft.is_(False),
                   Quiz.attempts_allowed == 0, Quiz.time_limit_minutes.is_(None))
        ).all()
    candidates = [
        (abs(min(draw or n, n) - PREFERRED_QUESTIONS), order, quiz_id,
         QuizRef(quiz_id, f"/courses/{slug}/units/{unit_slug}", min(draw or n, n)))
        for quiz_id, draw, n, slug, audience, order, unit_slug in rows
        if not audience or "official" in audience
    ]
    if not candidates:
        raise RuntimeError("no unlimited, untimed quiz for officials in the curriculum")
    return min(candidates, key=lambda c: c[:3])[3]


@dataclass
class Cycle:
    """What one start-to-result cycle did: timings by step, the attempt, errors."""

    timings: list[tuple[str, float]] = field(default_factory=list)
    attempt_id: int | None = None
    submitted: bool = False
    attempt_path: str | None = None
    result_path: str | None = None
    error: str | None = None


def _timed(cycle: Cycle, step: str, response: Response) -> Response:
    cycle.timings.append((step, response.seconds))
    return response


def start_attempt(browser: Browser, quiz: QuizRef, cycle: Cycle) -> bool:
    """Open the unit page and press Start: the attempt's id and path go into `cycle`."""
    unit = _timed(cycle, "unit page", browser.get(quiz.unit_path))
    if unit.status != 200:
        cycle.error = f"unit page {unit.status}"
        return False
    start = form_posting_to(unit.text, f"/quiz/{quiz.quiz_id}/start")
    if start is None:
        cycle.error = "no start form on the unit page"
        return False
    started = _timed(cycle, "start", browser.post(start.action, start.filled()))
    match = _ATTEMPT.search(started.location) if started.status in (302, 303) else None
    if match is None:
        cycle.error = f"start answered {started.status} {started.location}"
        return False
    cycle.attempt_id = int(match.group(1))
    cycle.attempt_path = started.location
    return True


def submit_attempt(browser: Browser, cycle: Cycle,
                   answers: Callable[[int], list[tuple[str, str]]] | None = None) -> bool:
    """Load the attempt, answer everything (first choices, or `answers(attempt_id)`), submit,
    and load the result."""
    assert cycle.attempt_path is not None
    page = _timed(cycle, "attempt page", browser.get(cycle.attempt_path))
    form = form_posting_to(page.text, f"/quiz/attempts/{cycle.attempt_id}") if \
        page.status == 200 else None
    button = form.button("submit") if form else None
    if form is None or button is None:
        cycle.error = f"attempt page {page.status} without a submit button"
        return False
    fields = form.filled()
    if answers is not None:
        given = answers(cycle.attempt_id or 0)
        names = {name for name, _ in given}
        fields = [f for f in fields if f[0] not in names] + given
    answer = _timed(cycle, "submit", browser.post(form.action, [*fields, button]))
    if answer.status == 200:  # asked to confirm: unanswered questions
        again = form_posting_to(answer.text, f"/quiz/attempts/{cycle.attempt_id}")
        anyway = again.button("submit-anyway") if again else None
        if again is not None and anyway is not None:
            answer = _timed(cycle, "submit", browser.post(again.action,
                                                          [*again.filled(), anyway]))
    if answer.status not in (302, 303):
        cycle.error = f"submit answered {answer.status}"
        return False
    cycle.submitted = True
    cycle.result_path = answer.location
    result = _timed(cycle, "result page", browser.get(answer.location))
    if result.status != 200:
        cycle.error = f"result page {result.status}"
        return False
    return True


def take_quiz(browser: Browser, quiz: QuizRef,
              answers: Callable[[int], list[tuple[str, str]]] | None = None) -> Cycle:
    """Open the unit, start (or continue) an attempt, answer everything, submit, see the result."""
    cycle = Cycle()
    if start_attempt(browser, quiz, cycle):
        submit_attempt(browser, cycle, answers)
    return cycle


def quiz_pages(site: Site, index: int) -> dict[str, str]:
    """An open attempt page and a result page of the typical quiz, for learner `index`."""
    assert site.app is not None
    quiz = typical_quiz(site.app)
    browser = site.browser(index)
    done = take_quiz(browser, quiz)
    if done.error or not done.result_path:
        raise RuntimeError(f"taking the quiz failed: {done.error}")
    opened = Cycle()
    if not start_attempt(browser, quiz, opened) or not opened.attempt_path:
        raise RuntimeError(f"starting the quiz failed: {opened.error}")
    return {"attempt": opened.attempt_path, "result": done.result_path}
