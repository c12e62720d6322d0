"""Two requests at once: an attempt is graded once and a start creates one attempt.

The threads meet at a barrier right before the statement that decides (the conditional
UPDATE of submission, the INSERT of start), so both have already seen the attempt open,
which is the interleaving that double-grading would need. Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from learn.db import session_factory
from learn.learning.models import UnitCompletion
from learn.quiz import attempts, closing, completion
from learn.quiz.models import QuizAttempt
from learn.quiz.services import save_answers, start_attempt, submit_attempt
from tests.quiz import factories
from tests.quiz.conftest import T0


def _run_together(app, work, count=2):
    """Run work(session, index) in `count` threads, each with its own session; return results."""
    results: list = [None] * count
    errors: list[BaseException] = []

    def run(index: int) -> None:
        session = session_factory(app)()
        try:
            results[index] = work(session, index)
            session.commit()
        except BaseException as error:  # reported by the test below
            session.rollback()
            errors.append(error)
        finally:
            session.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    return results


@pytest.fixture
def completions(monkeypatch):
    """Calls made to learning's record_unit_completion (which still runs)."""
    calls: list[int] = []
    real = completion.find_recorder()
    assert real is not None, "learning's record_unit_completion is missing"

    def counting(*args, **kwargs):
        calls.append(kwargs["attempt_id"])
        return real(*args, **kwargs)

    monkeypatch.setattr(completion, "find_recorder", lambda: counting)
    return calls


def _rendezvous(monkeypatch, name, *modules, parties=2):
    """Make every thread wait for the others just before `name` runs (in each module)."""
    barrier = threading.Barrier(parties, timeout=10)
    real = getattr(modules[0], name)

    def together(*args, **kwargs):
        barrier.wait()
        return real(*args, **kwargs)

    for module in modules:
        monkeypatch.setattr(module, name, together)


def _started(db_session, learner, quiz):
    attempt = start_attempt(db_session, learner.id, quiz.id, T0)
    db_session.commit()
    return attempt, factories.right_answers(db_session, attempt)


def _submit_work(attempt_id, user_id, answers):
    def work(session, _index):
        result = submit_attempt(session, attempt_id, user_id, answers, T0)
        a = result.attempt
        return result.graded_now, a.status, a.score, a.passed, a.submitted_at

    return work


def test_two_concurrent_submissions_grade_once(app, db_session, learner, quiz_factory,
                                               monkeypatch, completions):
    quiz = quiz_factory([factories.single("a"), factories.true_false("b")])
    attempt, answers = _started(db_session, learner, quiz)
    _rendezvous(monkeypatch, "claim_open", closing)

    results = _run_together(app, _submit_work(attempt.id, learner.id, answers))

    assert sorted(r[0] for r in results) == [False, True]  # exactly one graded
    assert results[0][1:] == results[1][1:] == ("submitted", 100.0, True, T0)
    assert completions == [attempt.id]
    assert db_session.scalar(select(func.count(UnitCompletion.id))) == 1
    db_session.expire_all()
    stored = db_session.get(QuizAttempt, attempt.id)
    assert (stored.status, stored.score) == ("submitted", 100.0)


def test_concurrent_submissions_without_rendezvous(app, db_session, learner, quiz_factory,
                                                   completions):
    quiz = quiz_factory([factories.single("a"), factories.true_false("b")])
    for _ in range(3):
        attempt, answers = _started(db_session, learner, quiz)
        barrier = threading.Barrier(4, timeout=10)
        submit = _submit_work(attempt.id, learner.id, answers)

        def work(session, _index, submit=submit, barrier=barrier):
            barrier.wait()
            return submit(session, _index)

        results = _run_together(app, work, count=4)
        assert [r[0] for r in results].count(True) == 1
        assert len({r[1:] for r in results}) == 1
    assert len(completions) == 3 == len(set(completions))
    assert db_session.scalar(select(func.count(UnitCompletion.id))) == 1  # one unit, once


def test_concurrent_save_and_submit_keep_the_graded_answers(app, db_session, learner,
                                                            quiz_factory, monkeypatch):
    quiz = quiz_factory([factories.single("a")])
    attempt, answers = _started(db_session, learner, quiz)
    _rendezvous(monkeypatch, "claim_open", closing, attempts)

    def work(session, index):
        if index == 0:
            mine = session.get(QuizAttempt, attempt.id)
            return save_answers(session, mine, {1: {"choice": "o2"}}, T0)
        return submit_attempt(session, attempt.id, learner.id, answers, T0).graded_now

    saved, graded = _run_together(app, work)

    assert graded is True
    db_session.expire_all()
    stored = db_session.get(QuizAttempt, attempt.id)
    # Whichever went first, the save never changes the answers of a graded attempt.
    assert stored.questions[0].answer == {"choice": "o1"}
    assert (stored.status, stored.score) == ("submitted", 100.0)
    assert saved in (True, False)


def test_two_concurrent_starts_create_one_attempt(app, db_session, learner, quiz_factory,
                                                  monkeypatch):
    quiz = quiz_factory(factories.every_type(), shuffle=True)
    _rendezvous(monkeypatch, "live_pool", attempts)

    ids = _run_together(app, lambda s, _i: start_attempt(s, learner.id, quiz.id, T0).id)

    assert ids[0] == ids[1]
    assert db_session.scalar(select(func.count(QuizAttempt.id))) == 1
    db_session.expire_all()
    assert len(db_session.get(QuizAttempt, ids[0]).questions) == 6


def test_two_concurrent_http_submissions(app, db_session, learner, quiz_factory, monkeypatch,
                                         completions):
    from tests.conftest import AuthActions

    quiz = quiz_factory([factories.single("a"), factories.true_false("b")])
    attempt, _answers = _started(db_session, learner, quiz)
    clients = [app.test_client(), app.test_client()]
    for client in clients:
        AuthActions(client).login(learner.email)
    _rendezvous(monkeypatch, "claim_open", closing)
    statuses: list = [None, None]
    errors: list[BaseException] = []

    def post(index: int) -> None:
        try:
            response = clients[index].post(f"/quiz/attempts/{attempt.id}", data={
                "action": "submit", "q1": "0", "q2": "true"})
            statuses[index] = (response.status_code, response.headers.get("Location"))
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=post, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    result_url = f"/quiz/attempts/{attempt.id}/result"
    assert statuses == [(302, result_url), (302, result_url)]
    assert completions == [attempt.id]
    pages = [c.get(result_url + "?lang=en").get_data(as_text=True) for c in clients]
    assert all("Your score: 100%" in page for page in pages)
    db_session.expire_all()
    assert db_session.get(QuizAttempt, attempt.id).status == "submitted"
    assert db_session.scalar(select(func.count(UnitCompletion.id))) == 1
