"""Quiz pages send a fixed, small number of SQL statements, whatever the size of the quiz."""

from __future__ import annotations

import re

from learn.db import engine_for
from tests.conftest import AuthActions, counting_statements
from tests.quiz import factories
from tests.quiz.test_pages import _all_right_form


def _counted(app, send) -> tuple[object, int]:
    with counting_statements(engine_for(app)) as statements:
        response = send()
    return response, len(statements)


def _cycle(app, client, db_session, quiz, right: bool) -> dict[str, int]:
    """Statements of each step of one attempt: start, attempt page, submit, result."""
    counts = {}
    started, counts["start"] = _counted(app, lambda: client.post(f"/quiz/{quiz.id}/start"))
    attempt_id = int(re.search(r"/attempts/(\d+)$", started.headers["Location"]).group(1))
    page, counts["attempt page"] = _counted(app, lambda: client.get(f"/quiz/attempts/{attempt_id}"))
    assert page.status_code == 200
    answers = _all_right_form(db_session, attempt_id) if right else {"q1": "0"}
    sent, counts["submit"] = _counted(app, lambda: client.post(
        f"/quiz/attempts/{attempt_id}", data={"action": "submit-anyway", **answers}))
    assert sent.status_code == 302
    result, counts["result"] = _counted(app, lambda: client.get(sent.headers["Location"]))
    assert result.status_code == 200
    return counts


def test_quiz_steps_send_few_statements_whatever_the_pool_size(app, client, db_session,
                                                                 learner):
    small = factories.publish_quiz(db_session, [factories.single(f"s{i}") for i in range(3)])
    large = factories.publish_quiz(db_session, [factories.single(f"l{i}") for i in range(30)])
    AuthActions(client).login(learner.email)
    for quiz in (small, large):  # first attempts: outline and templates warm up
        _cycle(app, client, db_session, quiz, right=False)

    failed = [_cycle(app, client, db_session, quiz, right=False) for quiz in (small, large)]
    assert failed[0] == failed[1]
    # Session and user; the attempt; the quiz with its unit and course; the drawn questions
    # with their versions; and, per step, what it writes or sums up.
    assert failed[0] == {"start": 7, "attempt page": 4, "submit": 8, "result": 6}

    # A first pass also records the unit's and the course's completion (once per learner).
    passed = [_cycle(app, client, db_session, quiz, right=True) for quiz in (small, large)]
    assert passed[0] == passed[1]
    assert passed[0]["submit"] <= 24
