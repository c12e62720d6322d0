"""Crash test: gunicorn (several workers) on loopback, learners submitting quizzes, and every
server process killed with SIGKILL in the middle of the stream.

Afterwards the database must be sound (SQLite: integrity_check and foreign_key_check;
PostgreSQL: no unvalidated constraint), every submission a learner saw answered as saved
(a redirect to its result) must be in it, graded exactly once with the right score, and the
restarted app must serve those results. SQLite in a temporary folder, or PostgreSQL when
LEARN_TEST_DATABASE_URL is set (the CI runs both).
"""

from __future__ import annotations

import http.client
import os
import sqlite3
import subprocess
import threading
import time
from dataclasses import dataclass, field

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from learn import create_app
from learn.auth import services as accounts
from learn.courses.models import Quiz
from learn.courses.publishing import publish
from learn.db import engine_for, transaction
from tests.conftest import fresh_postgres_url, make_settings
from tests.security.crash_server import BIN, Learner, Server
from tests.security.world import copy_courses

pytestmark = pytest.mark.slow

PASSWORD = "gió mùa đông bắc tràn về đồng bằng"
LEARNERS = 6
ENOUGH = 36  # submissions seen saved before the plug is pulled
RIGHT = {"q1": "0", "q2": "VNeID", "q3": "4"}  # kiem-tra-a of the fixture course: 100 %
ONE_WRONG = {**RIGHT, "q2": "không biết"}  # two of three right


@dataclass
class Stream:
    """What the learners saw: attempt id -> expected score, for submissions seen saved."""

    saved: dict[int, float] = field(default_factory=dict)
    resubmitted: set[int] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stop: threading.Event = field(default_factory=threading.Event)


def _database(tmp_path) -> str:
    base = os.environ.get("LEARN_TEST_DATABASE_URL")
    if not base:
        return f"sqlite:///{tmp_path / 'crash.db'}"
    return fresh_postgres_url(base, "crash")


def _prepare(tmp_path, database_url: str) -> tuple[dict, int]:
    """Schema by the real migrations, then learners and the fixture courses; (env, quiz id)."""
    env = {**os.environ, "LEARN_DATABASE_URL": database_url, "LEARN_ENV": "development",
           "LEARN_SECRET_KEY": "crash-test-secret-key-0123456789-abcdefghij",
           "LEARN_ARGON2_TIME_COST": "1", "LEARN_ARGON2_MEMORY_KIB": "1024",
           "LEARN_PROXY_HOPS": "1", "LEARN_COURSES_DIR": str(tmp_path / "courses")}
    env.pop("LEARN_REDIS_URL", None)
    subprocess.run([str(BIN / "learn"), "db", "upgrade"], env=env, cwd=tmp_path, check=True,
                   capture_output=True, timeout=120)
    courses = copy_courses(tmp_path / "courses")
    app = create_app({"SETTINGS": make_settings(database_url, tmp_path / "instance"),
                      "INSTANCE_PATH": str(tmp_path / "instance")})
    try:
        with transaction(app) as session:
            for n in range(LEARNERS):
                accounts.create_user(session, f"hoc.vien.{n}@example.org", f"Học Viên {n}",
                                     password=PASSWORD)
            assert publish(session, courses).ok
            quiz_id = session.scalar(select(Quiz.id).where(Quiz.key == "kiem-tra-a"))
    finally:
        engine_for(app).dispose()
    return env, quiz_id


def _learn(learner: Learner, quiz_id: int, stream: Stream, n: int) -> None:
    """Start and submit attempts until told to stop or the server is gone."""
    try:
        learner.sign_in(PASSWORD)
        learner.get("/courses/khoa-a/units/kiem-tra")
        round_ = 0
        while not stream.stop.is_set():
            round_ += 1
            status, attempt = learner.post(f"/quiz/{quiz_id}/start", {})
            if status != 302 or "/quiz/attempts/" not in attempt:
                stream.errors.append(f"start: {status} {attempt}")
                return
            answers, expected = ((RIGHT, 100.0) if (round_ + n) % 2 else
                                 (ONE_WRONG, 200 / 3))
            status, result = learner.post(attempt, {**answers, "action": "submit"})
            if status not in (302, 303) or not result.endswith("/result"):
                stream.errors.append(f"submit: {status} {result}")
                return
            attempt_id = int(attempt.rsplit("/", 1)[1])
            with stream.lock:
                stream.saved[attempt_id] = expected
            if round_ % 4 == 0:  # the same form sent again: shown the result, graded once
                status, again = learner.post(attempt, {**ONE_WRONG, "action": "submit"})
                if status in (302, 303) and again.endswith("/result"):
                    with stream.lock:
                        stream.resubmitted.add(attempt_id)
    except (OSError, http.client.HTTPException):
        # The server was killed (mid-response, too): what was seen saved so far is what counts.
        return


def _rows(database_url: str, sql: str, **params) -> list[tuple]:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return [tuple(r) for r in connection.execute(text(sql), params)]
    finally:
        engine.dispose()


def _check_storage(database_url: str) -> None:
    if database_url.startswith("sqlite"):
        path = make_url(database_url).database
        connection = sqlite3.connect(path)
        try:
            assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        finally:
            connection.close()
    else:
        assert _rows(database_url, "SELECT conname FROM pg_constraint "
                                   "WHERE NOT convalidated") == []


def _check_submissions(database_url: str, stream: Stream) -> None:
    rows = {r[0]: r[1:] for r in _rows(
        database_url, "SELECT id, status, score, passed, submitted_at FROM quiz_attempts")}
    missing = sorted(set(stream.saved) - set(rows))
    assert missing == [], f"answered as saved but not in the database: {missing}"
    for attempt_id, expected in stream.saved.items():
        status, score, passed, submitted_at = rows[attempt_id]
        assert status == "submitted" and submitted_at is not None, attempt_id
        # The first submission's answers were graded; a resubmission changed nothing.
        assert abs(score - expected) < 0.01, (attempt_id, score, expected)
        assert passed is True or passed == 1
    ungraded = _rows(database_url, "SELECT q.attempt_id FROM attempt_questions q "
                                   "JOIN quiz_attempts a ON a.id = q.attempt_id "
                                   "WHERE a.status = 'submitted' AND q.score IS NULL")
    assert ungraded == []
    twice = _rows(database_url, "SELECT user_id, unit_id FROM unit_completions "
                                "GROUP BY user_id, unit_id HAVING COUNT(*) > 1")
    assert twice == [], "a unit was completed twice"
    twice = _rows(database_url, "SELECT user_id, quiz_id, number FROM quiz_attempts "
                                "GROUP BY user_id, quiz_id, number HAVING COUNT(*) > 1")
    assert twice == []


def test_killed_mid_stream_loses_nothing_seen_as_saved(tmp_path):
    database_url = _database(tmp_path)
    env, quiz_id = _prepare(tmp_path, database_url)
    server = Server(env, tmp_path, workers=3)
    try:
        server.wait_ready()
        stream = Stream()
        threads = [threading.Thread(target=_learn, args=(
            Learner(server.port, f"hoc.vien.{n}@example.org", f"10.8.0.{n + 1}"),
            quiz_id, stream, n), daemon=True) for n in range(LEARNERS)]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 60
        while len(stream.saved) < ENOUGH and time.monotonic() < deadline and any(
                t.is_alive() for t in threads):
            time.sleep(0.02)
        killed = server.kill_hard()  # in the middle: the learners are still submitting
        stream.stop.set()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        server.stop()
    assert len(killed) == 4, killed  # the master and its three workers
    assert stream.errors == []
    assert len(stream.saved) >= ENOUGH
    assert stream.resubmitted
    _check_storage(database_url)
    _check_submissions(database_url, stream)

    restarted = Server(env, tmp_path, workers=2)
    try:
        restarted.wait_ready()
        learner = Learner(restarted.port, "hoc.vien.0@example.org", "10.8.1.1")
        learner.sign_in(PASSWORD)
        user_id = _rows(database_url, "SELECT id FROM users WHERE email = :e",
                        e="hoc.vien.0@example.org")[0][0]
        own = [a for (a,) in _rows(database_url, "SELECT id FROM quiz_attempts WHERE "
                                   "user_id = :u AND status = 'submitted'", u=user_id)]
        assert own
        for attempt_id in own[:3]:
            status, _location, body = learner.get(f"/quiz/attempts/{attempt_id}/result")
            assert status == 200, attempt_id
            assert "%" in body
    finally:
        restarted.stop()
