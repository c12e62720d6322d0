"""Fixtures of the courses tests: a copy of the example tree, publishing, row counting."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import event, func, select

from learn.courses.models import (
    Course,
    CourseAsset,
    Publication,
    Question,
    QuestionVersion,
    Quiz,
    QuizQuestion,
    Unit,
)
from learn.courses.publishing import publish
from learn.courses.summary import PublicationResult
from learn.db import engine_for, transaction

FIXTURE_TREE = Path(__file__).resolve().parent / "fixtures" / "tree"
CONTENT_MODELS = (Course, Unit, Quiz, Question, QuestionVersion, QuizQuestion, CourseAsset)


@pytest.fixture
def tree(tmp_path) -> Path:
    """A writable copy of the example courses tree (one course, one draft course)."""
    target = tmp_path / "courses"
    shutil.copytree(FIXTURE_TREE, target)
    return target


@pytest.fixture
def run_publish(app) -> Callable[..., PublicationResult]:
    """Publish a folder in its own committed transaction, as the CLI does."""

    def run(path: Path, **kwargs) -> PublicationResult:
        with transaction(app) as session:
            return publish(session, path, **kwargs)

    return run


def row_counts(session) -> dict[str, int]:
    """Rows per content table (plus publications)."""
    session.expire_all()
    return {
        model.__tablename__: session.scalar(select(func.count()).select_from(model))
        for model in (*CONTENT_MODELS, Publication)
    }


@pytest.fixture
def statements(app) -> Callable[[], Iterator[list[str]]]:
    """A context manager collecting the SQL statements run on the app's engine."""

    @contextmanager
    def capture() -> Iterator[list[str]]:
        seen: list[str] = []

        def record(_conn, _cursor, statement, _params, _context, _executemany):
            seen.append(" ".join(statement.split()))

        engine = engine_for(app)
        event.listen(engine, "before_cursor_execute", record)
        try:
            yield seen
        finally:
            event.remove(engine, "before_cursor_execute", record)

    return capture


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact text in a file (the test fails if it is not there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
