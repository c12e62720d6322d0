"""Quiz pages: start, the attempt form (save / submit), the result with its review."""

from __future__ import annotations

import click
from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from learn.core.headers import mark_private
from learn.courses.models import Quiz
from learn.db import get_session, transaction, utcnow
from learn.quiz import services
from learn.quiz.access import may_take, quiz_is_live, quiz_with_course
from learn.quiz.clock import local_clock, local_date_text, seconds_left
from learn.quiz.form_answers import answers_from_form, incomplete_positions
from learn.quiz.forms import ACTIONS, AnswersForm, StartForm
from learn.quiz.messages import quiz_message
from learn.quiz.models import QuizAttempt
from learn.quiz.presentation import asked_question
from learn.quiz.questions import drawn_questions
from learn.quiz.review import review_allowed, review_item
from learn.quiz.scores import number_text, score_text
from learn.quiz.timing import is_too_late

bp = Blueprint("quiz", __name__, url_prefix="/quiz", template_folder="templates",
               cli_group="quiz")


@bp.app_template_filter("quiz_score")
def _quiz_score(score: float | None) -> str:
    return score_text(score)


@bp.app_template_filter("quiz_clock")
def _quiz_clock(moment) -> str:
    return local_clock(moment)


@bp.app_template_filter("quiz_date")
def _quiz_date(moment) -> str:
    return local_date_text(moment)


@bp.app_template_filter("quiz_number")
def _quiz_number(value: float) -> str:
    return number_text(value)


def _true_false_labels() -> tuple[str, str]:
    return _("True"), _("False")


def _unit_url(quiz: Quiz) -> str:
    unit = quiz.unit
    return url_for("learning.unit", slug=unit.course.slug, unit_slug=unit.slug)


def _own_attempt_or_404(attempt_id: int) -> QuizAttempt:
    try:
        return services.own_attempt(get_session(), attempt_id, current_user.id)
    except services.QuizError:
        abort(404)


@bp.post("/<int:quiz_id>/start")
@login_required
def start(quiz_id: int):
    """Start the quiz, or continue the open attempt."""
    if not StartForm().validate_on_submit():
        abort(400)
    session = get_session()
    quiz = quiz_with_course(session, quiz_id)
    if quiz is None or not quiz_is_live(quiz):
        abort(404)
    if not may_take(session, current_user, quiz):
        abort(403)
    try:
        attempt = services.start_attempt(session, current_user.id, quiz.id, utcnow())
    except services.QuizError as error:
        flash(quiz_message(error.code), "error")
        return redirect(_unit_url(quiz))
    return redirect(url_for("quiz.attempt", attempt_id=attempt.id))


@bp.get("/attempts/<int:attempt_id>")
@login_required
def attempt(attempt_id: int):
    """The attempt's questions as a form, with the answers saved so far."""
    mark_private()
    session = get_session()
    attempt = _own_attempt_or_404(attempt_id)
    now = utcnow()
    if services.expire_if_overdue(session, attempt, now):
        flash(_("The time was up. Your attempt was graded with the answers saved before the "
                "deadline."), "info")
    if attempt.status != "open":
        return redirect(url_for("quiz.result", attempt_id=attempt.id))
    quiz = quiz_with_course(session, attempt.quiz_id)
    questions = drawn_questions(session, attempt)
    true_label, false_label = _true_false_labels()
    asked = [asked_question(q, true_label, false_label) for q in questions]
    checking = request.args.get("check") == "1"
    saved = {q.position: q.row.answer for q in questions}
    missing = incomplete_positions(questions, saved) if checking else []
    unreadable = [a.position for a in asked if a.unreadable_number]
    return render_template(
        "quiz/attempt.html",
        attempt=attempt,
        quiz=quiz,
        unit=quiz.unit,
        questions=asked,
        form=AnswersForm(),
        missing=missing,
        unreadable=unreadable,
        deadline_clock=local_clock(attempt.deadline_at) if attempt.deadline_at else None,
        seconds_left=seconds_left(attempt.deadline_at, now) if attempt.deadline_at else None,
    )


@bp.post("/attempts/<int:attempt_id>")
@login_required
def answer(attempt_id: int):
    """Save the answers, or submit them (asking first when some are left blank)."""
    form = AnswersForm()
    action = request.form.get("action")
    if not form.validate_on_submit() or action not in ACTIONS:
        abort(400)
    session = get_session()
    attempt = _own_attempt_or_404(attempt_id)
    now = utcnow()
    result_url = url_for("quiz.result", attempt_id=attempt.id)
    if attempt.status != "open":
        flash(_("This attempt has already been submitted. Here is its result."), "info")
        return redirect(result_url)
    questions = drawn_questions(session, attempt)
    answers = answers_from_form(questions, request.form)
    late = is_too_late(attempt, now)
    if action == "save" or (action == "submit" and not late
                            and incomplete_positions(questions, answers)):
        if not services.save_answers(session, attempt, answers, now):
            return _closed_while_answering(attempt, result_url)
        if action == "save":
            flash(_("Your answers were saved at %(time)s.", time=local_clock(now)), "success")
            return redirect(url_for("quiz.attempt", attempt_id=attempt.id))
        return redirect(url_for("quiz.attempt", attempt_id=attempt.id, check=1) + "#check")
    outcome = services.submit_attempt(session, attempt.id, current_user.id, answers, now)
    if outcome.late:
        flash(_("The time was up before your answers arrived. Your attempt was graded with "
                "the answers saved before the deadline."), "error")
    elif not outcome.graded_now:
        flash(_("This attempt has already been submitted. Here is its result."), "info")
    return redirect(result_url)


def _closed_while_answering(attempt: QuizAttempt, result_url: str):
    if attempt.status == "expired":
        flash(_("The time was up before your answers arrived. Your attempt was graded with "
                "the answers saved before the deadline."), "error")
    else:
        flash(_("This attempt has already been submitted. Here is its result."), "info")
    return redirect(result_url)


@bp.get("/attempts/<int:attempt_id>/result")
@login_required
def result(attempt_id: int):
    """The attempt's score and, as the quiz allows, the review of every question."""
    mark_private()
    session = get_session()
    attempt = _own_attempt_or_404(attempt_id)
    services.expire_if_overdue(session, attempt, utcnow())
    if attempt.status == "open":
        return redirect(url_for("quiz.attempt", attempt_id=attempt.id))
    quiz = quiz_with_course(session, attempt.quiz_id)
    summary = services.unit_quiz_summary(session, current_user.id, quiz.id, utcnow())
    passed_quiz = summary.passed
    show_review = review_allowed(quiz.review, passed_quiz)
    items = []
    if show_review:
        true_label, false_label = _true_false_labels()
        items = [review_item(q, true_label, false_label)
                 for q in drawn_questions(session, attempt)]
    return render_template(
        "quiz/result.html",
        attempt=attempt,
        quiz=quiz,
        unit=quiz.unit,
        summary=summary,
        passed_quiz=passed_quiz,
        show_review=show_review,
        items=items,
        unit_url=_unit_url(quiz),
        can_retry=summary.can_start and quiz_is_live(quiz),
        start_form=StartForm(),
        closed_clock=local_clock(attempt.submitted_at) if attempt.submitted_at else None,
    )


bp.cli.help = "Quiz attempts: maintenance commands."


@bp.cli.command("close-expired")
def close_expired_command() -> None:
    """Close and grade every open attempt whose time limit has passed."""
    with transaction(current_app) as session:
        closed = services.close_expired_attempts(session, utcnow())
    click.echo(f"Closed {closed} expired attempt(s).")
