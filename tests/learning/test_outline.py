"""The course outline kept per process follows every publication, in every worker."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from learn.courses.models import Course
from learn.learning.outline import course_outline

FIXTURE_TREE = Path(__file__).resolve().parents[1] / "courses" / "fixtures" / "tree"
COURSE = "mat-khau-an-toan"
UNITS = f"/courses/{COURSE}/units"


@pytest.fixture
def tree(tmp_path) -> Path:
    """A writable copy of the example courses tree."""
    target = tmp_path / "courses"
    shutil.copytree(FIXTURE_TREE, target)
    return target


def _sync(runner, tree: Path) -> None:
    result = runner.invoke(["courses", "sync", str(tree)])
    assert result.exit_code == 0, result.output


def _course(db_session) -> Course:
    db_session.expire_all()
    return db_session.scalar(select(Course).where(Course.slug == COURSE))


def test_republishing_changes_what_every_worker_shows(app_factory, runner, tree, make_user,
                                                       db_session):
    _sync(runner, tree)
    make_user(email="hv@example.org")
    # Two apps stand for two workers: each keeps its own outlines.
    workers = [app_factory().test_client() for _ in range(2)]
    for client in workers:
        client.post("/login", data={"email": "hv@example.org",
                                    "password": "correct horse battery staple"})
        page = client.get(f"{UNITS}/xac-thuc-hai-yeu-to?lang=en").get_data(as_text=True)
        assert "Unit 2 of 3:" in page

    # The trainer drops unit 2, adds a new last unit and publishes from one worker.
    course_dir = tree / COURSE
    (course_dir / "02-xac-thuc-hai-yeu-to.md").unlink()
    (course_dir / "04-sao-luu.md").write_text(
        '---\ntitle: "Sao lưu dữ liệu"\nduration_minutes: 5\n---\n\n## Vì sao\n\nSao lưu.\n',
        encoding="utf-8",
    )
    _sync(runner, tree)

    for client in workers:
        assert client.get(f"{UNITS}/xac-thuc-hai-yeu-to").status_code == 404
        page = client.get(f"{UNITS}/sao-luu?lang=en").get_data(as_text=True)
        assert "Unit 3 of 3:" in page
        assert re.search(r'rel="prev" href="[^"]*/kiem-tra-cuoi-khoa"', page)
        course_page = client.get(f"/courses/{COURSE}?lang=en").get_data(as_text=True)
        assert "Sao lưu dữ liệu" in course_page
        assert "Xác thực hai yếu tố" not in course_page


def test_outline_is_read_once_per_published_version(app, runner, tree, db_session):
    _sync(runner, tree)
    course = _course(db_session)
    first = course_outline(db_session, course)
    assert course_outline(db_session, course) is first
    assert [u.slug for u in first.units] == [
        "mat-khau-manh", "xac-thuc-hai-yeu-to", "kiem-tra-cuoi-khoa"]
    quiz = first.quiz_of(first.units[2].id)
    assert (quiz.key, quiz.draw, quiz.pool_size > quiz.draw) == ("kiem-tra-cuoi-khoa", 3, True)

    (tree / COURSE / "02-xac-thuc-hai-yeu-to.md").write_text(
        '---\ntitle: "Xác thực hai lớp"\nduration_minutes: 12\n---\n\nBật mã OTP.\n',
        encoding="utf-8",
    )
    _sync(runner, tree)
    second = course_outline(db_session, _course(db_session))
    assert second is not first
    assert (second.units[1].title, second.units[1].duration_minutes) == ("Xác thực hai lớp", 12)
    assert [u.id for u in second.units] == [u.id for u in first.units]  # stable ids


def test_unit_content_is_read_once_per_version_and_follows_republication(
        app_factory, runner, tree, make_user, db_session):
    _sync(runner, tree)
    make_user(email="hv@example.org")
    client = app_factory().test_client()
    client.post("/login", data={"email": "hv@example.org",
                                "password": "correct horse battery staple"})
    path = f"{UNITS}/xac-thuc-hai-yeu-to"
    assert "Bật mã OTP" not in client.get(path).get_data(as_text=True)

    (tree / COURSE / "02-xac-thuc-hai-yeu-to.md").write_text(
        '---\ntitle: "Xác thực hai lớp"\nduration_minutes: 12\n---\n\nBật mã OTP **ngay**.\n'
        '\n<script>alert(1)</script>\n',
        encoding="utf-8",
    )
    _sync(runner, tree)
    page = client.get(path).get_data(as_text=True)
    assert "<p>Bật mã OTP <strong>ngay</strong>.</p>" in page
    # Still the HTML of publishing: raw HTML in Markdown is shown as text, never run.
    assert "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>" in page


def test_unit_content_of_one_version_is_not_read_again(app, runner, tree, db_session):
    from learn.db import engine_for
    from learn.learning.unit_content import unit_html
    from tests.conftest import counting_statements

    _sync(runner, tree)
    course = _course(db_session)
    unit = course_outline(db_session, course).units[0]
    html = unit_html(db_session, course, unit)
    assert "<h2" in html
    with counting_statements(engine_for(app)) as statements:
        assert unit_html(db_session, course, unit) == html
    assert statements == []
