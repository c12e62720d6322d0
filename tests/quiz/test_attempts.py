"""Attempts on the server: drawing, stored order, limits, deadlines, saving, best attempt."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from learn.courses.models import Question, QuestionVersion
from learn.db import session_factory
from learn.learning.models import UnitCompletion
from learn.quiz.errors import (
    ATTEMPT_NOT_FOUND,
    ATTEMPTS_EXHAUSTED,
    NO_QUESTIONS,
    QUIZ_UNAVAILABLE,
    QuizError,
)
from learn.quiz.models import AttemptQuestion, QuizAttempt
from learn.quiz.services import (
    close_expired_attempts,
    own_attempt,
    save_answers,
    start_attempt,
    submit_attempt,
    unit_quiz_summary,
)
from tests.quiz import factories
from tests.quiz.conftest import T0


def _start(db_session, learner, quiz, now=T0, rng=None):
    attempt = start_attempt(db_session, learner.id, quiz.id, now, rng=rng)
    db_session.commit()
    return attempt


def _submit(db_session, learner, attempt, answers, now):
    result = submit_attempt(db_session, attempt.id, learner.id, answers, now)
    db_session.commit()
    return result


def _keys(db_session, attempt):
    return [db_session.get(QuestionVersion, q.question_version_id).data["prompt_html"]
            for q in attempt.questions]


class TestStart:
    def test_draws_every_question_in_pool_order_without_shuffle(self, db_session, learner,
                                                                 quiz_factory):
        quiz = quiz_factory()
        attempt = _start(db_session, learner, quiz)
        assert (attempt.status, attempt.number, attempt.deadline_at) == ("open", 1, None)
        assert attempt.pass_mark == 70 and attempt.quiz_version == quiz.version
        assert [q.position for q in attempt.questions] == [1, 2, 3, 4, 5, 6]
        assert _keys(db_session, attempt) == [f"<p>Prompt q{i}</p>" for i in range(1, 7)]
        single, multiple, *_, matching = attempt.questions
        assert single.option_order == ["o1", "o2", "o3"]
        assert multiple.option_order == ["o1", "o2", "o3", "o4"]
        assert matching.option_order["lefts"] == ["p1", "p2", "p3"]
        assert sorted(matching.option_order["rights"]) == ["p1", "p2", "p3"]
        assert all(q.answer is None for q in attempt.questions)

    def test_draw_takes_n_distinct_questions(self, db_session, learner, quiz_factory):
        quiz = quiz_factory([factories.single(f"q{i}") for i in range(1, 11)], draw=4)
        attempt = _start(db_session, learner, quiz)
        ids = [q.question_version_id for q in attempt.questions]
        assert len(ids) == 4 == len(set(ids))
        assert ids == sorted(ids)  # unshuffled quizzes keep pool order

    def test_draw_larger_than_pool_asks_everything(self, db_session, learner, quiz_factory):
        quiz = quiz_factory([factories.single("a"), factories.single("b")], draw=5)
        assert len(_start(db_session, learner, quiz).questions) == 2

    def test_shuffle_orders_questions_and_options(self, db_session, learner, quiz_factory):
        quiz = quiz_factory([factories.single(f"q{i}", n=6) for i in range(1, 9)], shuffle=True)
        attempt = _start(db_session, learner, quiz, rng=random.Random(7))
        keys = _keys(db_session, attempt)
        assert sorted(keys) == sorted(f"<p>Prompt q{i}</p>" for i in range(1, 9))
        assert keys != sorted(keys)
        orders = [q.option_order for q in attempt.questions]
        assert all(sorted(o) == [f"o{i}" for i in range(1, 7)] for o in orders)
        assert any(o != sorted(o) for o in orders)

    def test_stored_order_survives_reload(self, app, db_session, learner, quiz_factory):
        quiz = quiz_factory(factories.every_type(), shuffle=True)
        attempt = _start(db_session, learner, quiz)
        stored = [(q.position, q.question_version_id, q.option_order) for q in attempt.questions]
        other = session_factory(app)()
        try:
            again = start_attempt(other, learner.id, quiz.id, T0 + timedelta(minutes=5))
            assert again.id == attempt.id
            assert [(q.position, q.question_version_id, q.option_order)
                    for q in again.questions] == stored
        finally:
            other.close()

    def test_retired_and_versioned_questions(self, db_session, learner, quiz_factory):
        quiz = quiz_factory([factories.single("keep"), factories.single("gone")])
        gone = db_session.scalar(select(Question).where(Question.key == "gone"))
        gone.retired_at = T0
        keep = db_session.scalar(select(Question).where(Question.key == "keep"))
        v2 = factories.new_version(db_session, keep, factories.single("keep", correct=2)[2])
        attempt = _start(db_session, learner, quiz)
        assert [q.question_version_id for q in attempt.questions] == [v2.id]

    def test_a_new_version_after_start_does_not_change_the_attempt(self, db_session, learner,
                                                                   quiz_factory):
        quiz = quiz_factory([factories.single("q", correct=1)])
        attempt = _start(db_session, learner, quiz)
        question = db_session.scalar(select(Question).where(Question.key == "q"))
        factories.new_version(db_session, question, factories.single("q", correct=2)[2])
        result = _submit(db_session, learner, attempt, {1: {"choice": "o1"}}, T0)
        assert result.attempt.score == 100.0

    def test_second_start_returns_the_open_attempt(self, db_session, learner, quiz_factory):
        quiz = quiz_factory()
        first = _start(db_session, learner, quiz)
        assert _start(db_session, learner, quiz).id == first.id
        assert db_session.scalar(select(func.count(QuizAttempt.id))) == 1

    def test_empty_or_retired_quiz(self, db_session, learner, quiz_factory):
        with pytest.raises(QuizError) as error:
            _start(db_session, learner, quiz_factory([]))
        assert error.value.code == NO_QUESTIONS
        quiz = quiz_factory()
        quiz.retired_at = T0
        db_session.commit()
        with pytest.raises(QuizError) as error:
            _start(db_session, learner, quiz)
        assert error.value.code == QUIZ_UNAVAILABLE


class TestLimitsAndBestAttempt:
    def test_attempts_limit(self, db_session, learner, quiz_factory):
        quiz = quiz_factory(attempts=2)
        for number in (1, 2):
            attempt = _start(db_session, learner, quiz)
            assert attempt.number == number
            _submit(db_session, learner, attempt, {}, T0)
        with pytest.raises(QuizError) as error:
            _start(db_session, learner, quiz)
        assert error.value.code == ATTEMPTS_EXHAUSTED
        summary = unit_quiz_summary(db_session, learner.id, quiz.id, T0)
        assert (summary.attempts_used, summary.attempts_left, summary.can_start) == (2, 0, False)

    def test_unlimited_attempts(self, db_session, learner, quiz_factory):
        quiz = quiz_factory([factories.true_false("t")])
        for _ in range(5):
            _submit(db_session, learner, _start(db_session, learner, quiz), {}, T0)
        summary = unit_quiz_summary(db_session, learner.id, quiz.id, T0)
        assert (summary.attempts_used, summary.attempts_left, summary.can_start) == (5, None, True)

    def test_best_attempt_counts_and_retake_after_pass(self, db_session, learner, quiz_factory):
        quiz = quiz_factory([factories.single("a"), factories.true_false("b", answer=True)])
        first = _start(db_session, learner, quiz)
        _submit(db_session, learner, first, {1: {"choice": "o1"}, 2: {"value": True}}, T0)
        second = _start(db_session, learner, quiz)  # retaking after passing is allowed
        assert second.number == 2
        _submit(db_session, learner, second, {1: {"choice": "o1"}}, T0)
        assert (second.score, second.passed) == (50.0, False)
        summary = unit_quiz_summary(db_session, learner.id, quiz.id, T0)
        assert (summary.best_score, summary.best_attempt_id, summary.passed) == (
            100.0, first.id, True)
        assert db_session.scalar(select(func.count(UnitCompletion.id))) == 1

    def test_best_of_many_is_the_earliest_of_equal_scores(self, db_session, learner,
                                                          quiz_factory):
        quiz = quiz_factory([factories.single("a"), factories.true_false("b", answer=True)])
        halves = {1: {"choice": "o1"}}
        made = []
        for answers in ({}, halves, {}, halves, {}, halves):
            attempt = _start(db_session, learner, quiz)
            _submit(db_session, learner, attempt, answers, T0)
            made.append(attempt)
        open_one = _start(db_session, learner, quiz)
        summary = unit_quiz_summary(db_session, learner.id, quiz.id, T0)
        assert (summary.attempts_used, summary.best_score, summary.best_attempt_id) == (
            7, 50.0, made[1].id)
        assert (summary.passed, summary.open_attempt_id) == (False, open_one.id)
        assert open_one.number == 7

    def test_summary_before_any_attempt(self, db_session, learner, quiz_factory):
        quiz = quiz_factory(draw=4, time_limit=15, pass_mark=80, attempts=3)
        summary = unit_quiz_summary(db_session, learner.id, quiz.id, T0)
        assert summary.best_score is None and not summary.passed
        assert (summary.question_count, summary.time_limit_minutes, summary.pass_mark) == (
            4, 15, 80)
        assert (summary.attempts_used, summary.attempts_left, summary.can_start) == (0, 3, True)
        assert summary.open_attempt_id is None

    def test_summary_shows_the_open_attempt(self, db_session, learner, quiz_factory):
        quiz = quiz_factory(time_limit=10)
        attempt = _start(db_session, learner, quiz)
        summary = unit_quiz_summary(db_session, learner.id, quiz.id, T0 + timedelta(minutes=3))
        assert summary.open_attempt_id == attempt.id
        assert summary.open_deadline == T0 + timedelta(minutes=10)


class TestGradingAndCompletion:
    def test_all_right_passes_and_completes_the_unit(self, db_session, learner, quiz_factory):
        quiz = quiz_factory()
        attempt = _start(db_session, learner, quiz)
        result = _submit(db_session, learner, attempt,
                         factories.right_answers(db_session, attempt), T0)
        assert result.graded_now and not result.late
        assert (attempt.status, attempt.score, attempt.passed) == ("submitted", 100.0, True)
        assert all(q.correct and q.score == 1.0 for q in attempt.questions)
        completion = db_session.scalar(select(UnitCompletion))
        assert (completion.user_id, completion.unit_id, completion.method,
                completion.attempt_id) == (learner.id, quiz.unit_id, "quiz", attempt.id)

    def test_below_pass_mark_records_nothing(self, db_session, learner, quiz_factory):
        quiz = quiz_factory()
        attempt = _start(db_session, learner, quiz)
        answers = factories.right_answers(db_session, attempt, positions={1, 2, 3, 4})
        _submit(db_session, learner, attempt, answers, T0)
        assert attempt.score == pytest.approx(400 / 6)
        assert attempt.passed is False
        assert db_session.scalar(select(func.count(UnitCompletion.id))) == 0

    def test_blank_answers_score_zero(self, db_session, learner, quiz_factory):
        quiz = quiz_factory()
        attempt = _start(db_session, learner, quiz)
        _submit(db_session, learner, attempt, dict.fromkeys(range(1, 7)), T0)
        assert (attempt.score, attempt.passed) == (0.0, False)

    def test_submitting_twice_grades_once(self, db_session, learner, quiz_factory):
        quiz = quiz_factory([factories.single("a"), factories.single("b")])
        attempt = _start(db_session, learner, quiz)
        first = _submit(db_session, learner, attempt, {1: {"choice": "o1"}}, T0)
        again = _submit(db_session, learner, attempt,
                        {1: {"choice": "o1"}, 2: {"choice": "o1"}}, T0 + timedelta(seconds=1))
        assert first.graded_now and not again.graded_now
        assert again.attempt.score == 50.0 and again.attempt.submitted_at == T0
        assert attempt.questions[1].answer is None

    def test_only_the_owner_may_submit(self, db_session, learner, make_user, quiz_factory):
        quiz = quiz_factory()
        attempt = _start(db_session, learner, quiz)
        intruder = make_user()
        with pytest.raises(QuizError) as error:
            submit_attempt(db_session, attempt.id, intruder.id, {}, T0)
        assert error.value.code == ATTEMPT_NOT_FOUND
        with pytest.raises(QuizError):
            own_attempt(db_session, attempt.id, intruder.id)
        assert own_attempt(db_session, attempt.id, learner.id) is attempt


class TestSaving:
    def test_saved_answers_are_kept_and_replaced(self, db_session, learner, quiz_factory):
        quiz = quiz_factory()
        attempt = _start(db_session, learner, quiz)
        assert save_answers(db_session, attempt, {1: {"choice": "o2"}, 5: {"text": "3,5",
                                                                          "value": 3.5}}, T0)
        db_session.commit()
        assert save_answers(db_session, attempt, {1: {"choice": "o1"}, 2: None}, T0)
        db_session.commit()
        db_session.expire_all()
        saved = {q.position: q.answer for q in db_session.get(QuizAttempt, attempt.id).questions}
        assert saved[1] == {"choice": "o1"} and saved[5] == {"text": "3,5", "value": 3.5}
        assert saved[2] is None

    def test_save_after_submission_does_nothing(self, db_session, learner, quiz_factory):
        quiz = quiz_factory()
        attempt = _start(db_session, learner, quiz)
        _submit(db_session, learner, attempt, {}, T0)
        assert not save_answers(db_session, attempt, {1: {"choice": "o1"}}, T0)
        db_session.commit()
        db_session.expire_all()
        assert db_session.get(QuizAttempt, attempt.id).questions[0].answer is None


class TestTimeLimit:
    def test_deadline_is_start_plus_time_limit(self, db_session, learner, quiz_factory):
        attempt = _start(db_session, learner, quiz_factory(time_limit=10))
        assert attempt.deadline_at == T0 + timedelta(minutes=10)

    def test_answers_within_the_grace_are_accepted(self, db_session, learner, quiz_factory):
        quiz = quiz_factory([factories.single("a")], time_limit=10)
        attempt = _start(db_session, learner, quiz)
        at = T0 + timedelta(minutes=10, seconds=30)
        assert save_answers(db_session, attempt, {1: {"choice": "o2"}}, at)
        result = _submit(db_session, learner, attempt, {1: {"choice": "o1"}}, at)
        assert (result.late, attempt.status, attempt.score) == (False, "submitted", 100.0)

    def test_late_submission_is_graded_with_what_was_saved(self, db_session, learner,
                                                            quiz_factory):
        quiz = quiz_factory([factories.single("a"), factories.single("b")], time_limit=10)
        attempt = _start(db_session, learner, quiz)
        assert save_answers(db_session, attempt, {1: {"choice": "o1"}}, T0 + timedelta(minutes=9))
        db_session.commit()
        late = T0 + timedelta(minutes=10, seconds=31)
        result = _submit(db_session, learner, attempt,
                         {1: {"choice": "o1"}, 2: {"choice": "o1"}}, late)
        assert result.graded_now and result.late
        assert (attempt.status, attempt.score, attempt.passed) == ("expired", 50.0, False)
        assert attempt.submitted_at == T0 + timedelta(minutes=10)
        assert attempt.questions[1].answer is None

    def test_late_save_is_refused_and_closes_the_attempt(self, db_session, learner,
                                                          quiz_factory):
        quiz = quiz_factory([factories.single("a")], time_limit=10)
        attempt = _start(db_session, learner, quiz)
        save_answers(db_session, attempt, {1: {"choice": "o1"}}, T0 + timedelta(minutes=1))
        assert not save_answers(db_session, attempt, {1: {"choice": "o2"}},
                                T0 + timedelta(minutes=11))
        db_session.commit()
        assert (attempt.status, attempt.score, attempt.passed) == ("expired", 100.0, True)
        assert db_session.scalar(select(func.count(UnitCompletion.id))) == 1

    def test_overdue_attempt_is_closed_lazily_by_the_summary(self, db_session, learner,
                                                             quiz_factory):
        quiz = quiz_factory([factories.single("a"), factories.single("b")], time_limit=10)
        attempt = _start(db_session, learner, quiz)
        save_answers(db_session, attempt, {2: {"choice": "o1"}}, T0 + timedelta(minutes=2))
        db_session.commit()
        summary = unit_quiz_summary(db_session, learner.id, quiz.id, T0 + timedelta(hours=2))
        db_session.commit()
        assert (attempt.status, attempt.score) == ("expired", 50.0)
        assert (summary.open_attempt_id, summary.best_score, summary.attempts_used) == (
            None, 50.0, 1)

    def test_overdue_attempt_is_closed_lazily_by_start(self, db_session, learner, quiz_factory):
        quiz = quiz_factory([factories.single("a")], time_limit=10)
        attempt = _start(db_session, learner, quiz)
        save_answers(db_session, attempt, {1: {"choice": "o1"}}, T0)
        db_session.commit()
        later = T0 + timedelta(minutes=30)
        again = _start(db_session, learner, quiz, now=later)
        assert again.id == attempt.id and again.status == "expired" and again.score == 100.0
        fresh = _start(db_session, learner, quiz, now=later)
        assert fresh.number == 2 and fresh.status == "open"

    def test_close_expired_attempts(self, db_session, learner, make_user, quiz_factory):
        quiz = quiz_factory([factories.single("a")], time_limit=10)
        untimed = quiz_factory([factories.single("a")])
        overdue = _start(db_session, learner, quiz)
        other = make_user()
        running = _start(db_session, other, quiz, now=T0 + timedelta(minutes=5))
        forever = _start(db_session, learner, untimed)
        closed = close_expired_attempts(db_session, T0 + timedelta(minutes=10, seconds=31))
        db_session.commit()
        assert closed == 1
        assert [a.status for a in (overdue, running, forever)] == ["expired", "open", "open"]
        assert close_expired_attempts(db_session, T0 + timedelta(days=1)) == 1


def test_attempt_questions_belong_to_their_attempt(db_session, learner, quiz_factory):
    quiz = quiz_factory()
    attempt = _start(db_session, learner, quiz)
    rows = db_session.scalars(select(AttemptQuestion)).all()
    assert {row.attempt_id for row in rows} == {attempt.id}
