"""The quiz pages over HTTP: start, save, submit, resubmit, review modes, access, CSRF."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from learn.courses.models import QuestionVersion
from learn.learning.models import UnitCompletion
from learn.quiz.models import QuizAttempt
from tests.conftest import AuthActions, csrf_token_from
from tests.quiz import factories
from tests.quiz.conftest import T0

KEY_MARKERS = ("FEEDBACK-", "EXPLANATION-", "Hà Nội", "42,75", "42.75", "correct",
               'value="o1"', 'value="p1"', "weight")


@pytest.fixture
def clock(monkeypatch):
    """Set the time the quiz pages see: clock.now = ..."""

    class Clock:
        now = T0

    monkeypatch.setattr("learn.quiz.views.utcnow", lambda: Clock.now)
    return Clock


@pytest.fixture
def signed_in(client, learner):
    """The learner, signed in on the default client."""
    response = AuthActions(client).login(learner.email)
    assert response.status_code == 302
    return learner


def _start(client, quiz):
    response = client.post(f"/quiz/{quiz.id}/start")
    assert response.status_code == 302
    match = re.search(r"/quiz/attempts/(\d+)$", response.headers["Location"])
    assert match, response.headers["Location"]
    return int(match.group(1))


def _questions():
    return [factories.single("q1"), factories.multiple("q2"), factories.true_false("q3"),
            factories.short_text("q4"), factories.numeric("q5", 42.75, 42.75),
            factories.matching("q6")]


def _all_right_form(db_session, attempt_id):
    """The form fields a learner who knows every answer posts (display indexes)."""
    attempt = db_session.get(QuizAttempt, attempt_id)
    fields: dict = {}
    for question in attempt.questions:
        version = db_session.get(QuestionVersion, question.question_version_id)
        right = factories.right_answer(version.type, version.data)
        order, name = question.option_order, f"q{question.position}"
        if version.type == "single":
            fields[name] = str(order.index(right["choice"]))
        elif version.type == "multiple":
            fields[name] = [str(order.index(key)) for key in right["choices"]]
        elif version.type == "true_false":
            fields[name] = "true" if right["value"] else "false"
        elif version.type == "short_text":
            fields[name] = right["text"].lower()
        elif version.type == "numeric":
            fields[name] = right["text"]
        else:
            for row, left in enumerate(order["lefts"]):
                fields[f"{name}-{row}"] = str(order["rights"].index(left))
    return fields


class TestAccess:
    def test_anonymous_is_sent_to_sign_in(self, client, db_session, quiz_factory, learner):
        quiz = quiz_factory()
        assert client.post(f"/quiz/{quiz.id}/start").headers["Location"].startswith("/login")
        assert client.get("/quiz/attempts/1").headers["Location"].startswith("/login")
        assert client.get("/quiz/attempts/1/result").headers["Location"].startswith("/login")

    def test_another_learner_gets_404(self, app, client, signed_in, make_user, quiz_factory):
        quiz = quiz_factory()
        attempt_id = _start(client, quiz)
        other = make_user(email="khac@example.org")
        intruder = app.test_client()
        AuthActions(intruder).login(other.email)
        assert intruder.get(f"/quiz/attempts/{attempt_id}").status_code == 404
        assert intruder.post(f"/quiz/attempts/{attempt_id}",
                             data={"action": "submit-anyway"}).status_code == 404
        assert intruder.get(f"/quiz/attempts/{attempt_id}/result").status_code == 404
        assert client.get(f"/quiz/attempts/{attempt_id}").status_code == 200

    def test_unknown_or_retired_quiz(self, client, signed_in, db_session, quiz_factory):
        assert client.post("/quiz/999999/start").status_code == 404
        quiz = quiz_factory()
        quiz.retired_at = T0
        db_session.commit()
        assert client.post(f"/quiz/{quiz.id}/start").status_code == 404

    def test_a_course_outside_the_learners_audience(self, client, signed_in, db_session,
                                                     quiz_factory):
        quiz = quiz_factory()
        quiz.unit.course.audience = ["citizen"]  # the learner is an official
        db_session.commit()
        assert client.post(f"/quiz/{quiz.id}/start").status_code == 403

    def test_attempts_exhausted_goes_back_to_the_unit(self, client, signed_in, quiz_factory):
        quiz = quiz_factory([factories.true_false("t")], attempts=1)
        attempt_id = _start(client, quiz)
        client.post(f"/quiz/attempts/{attempt_id}", data={"action": "submit-anyway"})
        response = client.post(f"/quiz/{quiz.id}/start", follow_redirects=False)
        assert response.status_code == 302
        assert response.headers["Location"].endswith(
            f"/courses/{quiz.unit.course.slug}/units/{quiz.unit.slug}")


class TestAttemptPage:
    def test_the_form_asks_without_giving_the_answers_away(self, client, signed_in,
                                                            quiz_factory):
        quiz = quiz_factory(_questions(), shuffle=True)
        attempt_id = _start(client, quiz)
        response = client.get(f"/quiz/attempts/{attempt_id}?lang=en")
        html = response.get_data(as_text=True)
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "no-store"
        for marker in KEY_MARKERS:
            assert marker not in html, marker
        assert html.count("<fieldset") == 6 and html.count("<legend>") == 6
        assert html.count('type="radio"') == 3 + 2 and html.count('type="checkbox"') == 4
        assert html.count('type="text"') == 2 and 'inputmode="decimal"' in html
        assert html.count("<select") == 3
        # every input has a label (or is labelled by its option text)
        for input_id in re.findall(r'<(?:input|select)[^>]* id="([^"]+)"', html):
            assert f'for="{input_id}"' in html or f'aria-labelledby="{input_id}-text"' in html
        assert 'value="save"' in html and 'value="submit"' in html
        assert "quiz-timer.js" not in html  # no time limit
        assert "Prompt q1" in html and "Option q1-1" in html and "Right q6-1" in html

    def test_option_text_with_blocks_is_labelled_by_reference(self, client, signed_in,
                                                              quiz_factory):
        question = factories.single("q1")
        question[2]["options"][0]["html"] = "<p>One</p><ul><li>two</li></ul>"
        quiz = quiz_factory([question])
        html = client.get(f"/quiz/attempts/{_start(client, quiz)}").get_data(as_text=True)
        assert 'aria-labelledby="q1-0-text"' in html and 'id="q1-0-text"' in html

    def test_save_keeps_answers_for_later(self, client, signed_in, clock, db_session,
                                          quiz_factory):
        quiz = quiz_factory(_questions())
        attempt_id = _start(client, quiz)
        response = client.post(f"/quiz/attempts/{attempt_id}", data={
            "action": "save", "q1": "1", "q3": "false", "q4": "Huế", "q5": "1.500", "q6-0": "2",
        })
        assert response.headers["Location"].endswith(f"/quiz/attempts/{attempt_id}")
        db_session.expire_all()
        saved = {q.position: q.answer for q in db_session.get(QuizAttempt, attempt_id).questions}
        order = db_session.get(QuizAttempt, attempt_id).questions[5].option_order
        assert saved[1] == {"choice": "o2"}
        assert saved[2] is None
        assert saved[3] == {"value": False}
        assert saved[4] == {"text": "Huế"}
        assert saved[5] == {"text": "1.500", "value": 1500.0}
        assert saved[6] == {"matches": {"p1": order["rights"][2]}}
        html = client.get(f"/quiz/attempts/{attempt_id}?lang=en").get_data(as_text=True)
        assert "Đã lưu câu trả lời của bạn lúc 14:00." in html  # flashed in the POST's language
        assert re.search(r'id="q1-1" value="1" checked', html)
        assert re.search(r'id="q3-false" value="false" checked', html)
        assert 'value="Huế"' in html and 'value="1.500"' in html
        assert '<option value="2" selected>' in html
        assert db_session.get(QuizAttempt, attempt_id).status == "open"

    def test_an_unreadable_number_is_pointed_out(self, client, signed_in, quiz_factory):
        quiz = quiz_factory([factories.numeric("n")])
        attempt_id = _start(client, quiz)
        client.post(f"/quiz/attempts/{attempt_id}", data={"action": "save", "q1": "3 mét"})
        html = client.get(f"/quiz/attempts/{attempt_id}?lang=en").get_data(as_text=True)
        assert 'role="alert"' in html and "not a number we can read" in html
        assert 'aria-invalid="true"' in html and 'aria-describedby="q1-hint q1-error"' in html


class TestSubmit:
    def test_submit_grades_and_shows_the_review(self, client, signed_in, db_session,
                                                quiz_factory):
        quiz = quiz_factory(_questions(), shuffle=True)
        attempt_id = _start(client, quiz)
        response = client.post(f"/quiz/attempts/{attempt_id}",
                               data={"action": "submit", **_all_right_form(db_session, attempt_id)})
        assert response.headers["Location"].endswith(f"/quiz/attempts/{attempt_id}/result")
        html = client.get(f"/quiz/attempts/{attempt_id}/result?lang=en").get_data(as_text=True)
        assert "Your score: 100%" in html and "Passed" in html
        assert "EXPLANATION-q1" in html and "FEEDBACK-RIGHT-q1-1" in html
        assert "FEEDBACK-q4" in html and "42.75" in html
        assert db_session.scalar(select(func.count(UnitCompletion.id))) == 1

    def test_blank_answers_ask_for_confirmation(self, client, signed_in, db_session,
                                                quiz_factory):
        quiz = quiz_factory(_questions())
        attempt_id = _start(client, quiz)
        response = client.post(f"/quiz/attempts/{attempt_id}",
                               data={"action": "submit", "q1": "0", "q6-0": "0"})
        assert response.headers["Location"].endswith(f"/quiz/attempts/{attempt_id}?check=1#check")
        assert db_session.get(QuizAttempt, attempt_id).status == "open"
        html = client.get(f"/quiz/attempts/{attempt_id}?check=1&lang=en").get_data(as_text=True)
        alert = html[html.index('role="alert"'):html.index("</div>", html.index('role="alert"'))]
        for number in (2, 3, 4, 5, 6):  # question 6 is only partly matched
            assert f"Question {number} is not answered completely" in alert
        assert "Question 1 " not in alert
        assert 'value="submit-anyway"' in html and 'value="0" checked' in html
        response = client.post(f"/quiz/attempts/{attempt_id}",
                               data={"action": "submit-anyway", "q1": "0"})
        assert response.headers["Location"].endswith("/result")
        db_session.expire_all()
        attempt = db_session.get(QuizAttempt, attempt_id)
        assert attempt.status == "submitted" and attempt.score == pytest.approx(100 / 6)

    def test_resubmitting_and_the_back_button_show_the_same_result(self, client, signed_in,
                                                                   db_session, quiz_factory):
        quiz = quiz_factory(_questions())
        attempt_id = _start(client, quiz)
        right = {"action": "submit", **_all_right_form(db_session, attempt_id)}
        client.post(f"/quiz/attempts/{attempt_id}", data=right)
        first = client.get(f"/quiz/attempts/{attempt_id}/result?lang=en").get_data(as_text=True)
        wrong = {"action": "submit-anyway", "q1": "2", "q3": "false"}
        again = client.post(f"/quiz/attempts/{attempt_id}", data=wrong)  # browser re-POST
        assert again.headers["Location"].endswith(f"/quiz/attempts/{attempt_id}/result")
        saved = client.post(f"/quiz/attempts/{attempt_id}", data={"action": "save", "q1": "2"})
        assert saved.headers["Location"].endswith("/result")
        back = client.get(f"/quiz/attempts/{attempt_id}")  # back button to the form
        assert back.headers["Location"].endswith(f"/quiz/attempts/{attempt_id}/result")
        html = client.get(f"/quiz/attempts/{attempt_id}/result?lang=en").get_data(as_text=True)
        assert "already been submitted" in html
        assert "Your score: 100%" in html and "Your score: 100%" in first
        db_session.expire_all()
        assert db_session.get(QuizAttempt, attempt_id).score == 100.0
        assert db_session.scalar(select(func.count(UnitCompletion.id))) == 1
        assert db_session.scalar(select(func.count(QuizAttempt.id))) == 1

    def test_an_open_attempt_has_no_result_yet(self, client, signed_in, quiz_factory):
        attempt_id = _start(client, quiz_factory())
        response = client.get(f"/quiz/attempts/{attempt_id}/result")
        assert response.headers["Location"].endswith(f"/quiz/attempts/{attempt_id}")

    def test_unknown_action_is_refused(self, client, signed_in, quiz_factory):
        attempt_id = _start(client, quiz_factory())
        assert client.post(f"/quiz/attempts/{attempt_id}", data={"action": "x"}).status_code == 400


class TestReviewModes:
    @pytest.mark.parametrize(("mode", "right", "shown"), [
        ("after_submit", False, True),
        ("after_submit", True, True),
        ("after_pass", False, False),
        ("after_pass", True, True),
        ("never", True, False),
    ])
    def test_review_follows_the_quiz_setting(self, client, signed_in, quiz_factory, mode,
                                             right, shown):
        quiz = quiz_factory([factories.single("q1")], review=mode)
        attempt_id = _start(client, quiz)
        client.post(f"/quiz/attempts/{attempt_id}",
                    data={"action": "submit", "q1": "0" if right else "1"})
        html = client.get(f"/quiz/attempts/{attempt_id}/result?lang=en").get_data(as_text=True)
        assert ("EXPLANATION-q1" in html) is shown
        assert ("FEEDBACK-RIGHT-q1-1" in html) is shown
        if not shown:
            assert "FEEDBACK-" not in html and 'badge ok">right answer' not in html

    def test_after_pass_shows_earlier_attempts_once_passed(self, client, signed_in,
                                                           quiz_factory):
        quiz = quiz_factory([factories.single("q1")], review="after_pass")
        failed = _start(client, quiz)
        client.post(f"/quiz/attempts/{failed}", data={"action": "submit", "q1": "1"})
        passed = _start(client, quiz)
        client.post(f"/quiz/attempts/{passed}", data={"action": "submit", "q1": "0"})
        html = client.get(f"/quiz/attempts/{failed}/result").get_data(as_text=True)
        assert "EXPLANATION-q1" in html


class TestTimeLimit:
    def test_deadline_shown_in_vietnam_time_and_timer_script(self, client, signed_in, clock,
                                                             quiz_factory):
        quiz = quiz_factory(time_limit=35)
        attempt_id = _start(client, quiz)
        clock.now = T0 + timedelta(minutes=5)
        html = client.get(f"/quiz/attempts/{attempt_id}?lang=en").get_data(as_text=True)
        assert "Submit by 14:35" in html
        assert 'data-remaining="1800"' in html
        assert 'src="/static/quiz-timer.js"' in html and "<script>" not in html

    def test_late_submission_keeps_the_saved_answers(self, client, signed_in, clock,
                                                     db_session, quiz_factory):
        quiz = quiz_factory([factories.single("a"), factories.single("b")], time_limit=10)
        attempt_id = _start(client, quiz)
        clock.now = T0 + timedelta(minutes=9)
        client.post(f"/quiz/attempts/{attempt_id}", data={"action": "save", "q1": "0"})
        clock.now = T0 + timedelta(minutes=10, seconds=31)
        response = client.post(f"/quiz/attempts/{attempt_id}",
                               data={"action": "submit", "q1": "0", "q2": "0"})
        assert response.headers["Location"].endswith("/result")
        html = client.get(f"/quiz/attempts/{attempt_id}/result?lang=en").get_data(as_text=True)
        assert "time was up" in html and "Your score: 50%" in html
        db_session.expire_all()
        assert db_session.get(QuizAttempt, attempt_id).status == "expired"

    def test_opening_an_overdue_attempt_closes_it(self, client, signed_in, clock, db_session,
                                                  quiz_factory):
        quiz = quiz_factory([factories.single("a")], time_limit=10)
        attempt_id = _start(client, quiz)
        client.post(f"/quiz/attempts/{attempt_id}", data={"action": "save", "q1": "0"})
        clock.now = T0 + timedelta(hours=1)
        response = client.get(f"/quiz/attempts/{attempt_id}")
        assert response.headers["Location"].endswith("/result")
        db_session.expire_all()
        attempt = db_session.get(QuizAttempt, attempt_id)
        assert (attempt.status, attempt.score) == ("expired", 100.0)


class TestCsrf:
    def test_posts_need_the_token(self, csrf_app, db_session, learner, quiz_factory):
        quiz = quiz_factory([factories.single("q1")])
        client = csrf_app.test_client()
        home = client.get("/login").get_data(as_text=True)
        client.post("/login", data={"email": learner.email, "password": "correct horse battery "
                                    "staple", "csrf_token": csrf_token_from(home)})
        assert client.post(f"/quiz/{quiz.id}/start").status_code == 400
        token = csrf_token_from(client.get("/").get_data(as_text=True))
        started = client.post(f"/quiz/{quiz.id}/start", data={"csrf_token": token})
        assert started.status_code == 302
        attempt_url = started.headers["Location"]
        page = client.get(attempt_url).get_data(as_text=True)
        assert client.post(attempt_url, data={"action": "submit", "q1": "0"}).status_code == 400
        done = client.post(attempt_url, data={"action": "submit", "q1": "0",
                                              "csrf_token": csrf_token_from(page)})
        assert done.headers["Location"].endswith("/result")


def test_cli_closes_expired_attempts(runner, db_session, learner, quiz_factory):
    from learn.quiz.services import start_attempt

    quiz = quiz_factory([factories.single("a")], time_limit=1)
    start_attempt(db_session, learner.id, quiz.id, T0)
    db_session.commit()
    result = runner.invoke(["quiz", "close-expired"])
    assert result.exit_code == 0, result.output
    assert "Closed 1 expired attempt(s)." in result.output
    db_session.expire_all()
    assert db_session.scalar(select(QuizAttempt.status)) == "expired"
