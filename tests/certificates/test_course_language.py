"""The course title on certificates carries its language (lang), stored at issue time."""

from __future__ import annotations

import re

from sqlalchemy import create_engine, insert, select, text

from learn import schema
from learn.auth.models import User
from learn.certificates.models import Certificate
from learn.certificates.services import issue_certificate
from learn.courses.models import Course
from tests.core.test_migrations import empty_database_url
from tests.learning.factory import UnitSpec

TITLE = "Information security for officials"
BEFORE_COURSE_LANGUAGE = "e1656ba9b9b5"


def _english_certificate(db_session, courses, owner) -> Certificate:
    course = courses.course("security-en", TITLE, certificate=True, units=[UnitSpec("a", "A")])
    course.language = "en"
    db_session.commit()
    certificate = issue_certificate(db_session, owner.id, course)
    db_session.commit()
    return certificate


def _title_tag(page: str, title: str) -> str:
    """The opening tag of the element that holds the course title."""
    return re.search(rf"<(\w+)[^>]*>{re.escape(title)}</\1>", page).group(0)


def test_issue_stores_the_course_language(db_session, courses, owner, certificate):
    assert certificate.course_language == "vi"
    assert _english_certificate(db_session, courses, owner).course_language == "en"


def test_pages_mark_the_title_with_its_language(
    app, client, auth, make_user, db_session, courses, owner
):
    certificate = _english_certificate(db_session, courses, owner)
    auth.login("chu@example.org")
    for path in (f"/certificates/{certificate.code}?lang=vi", f"/verify/{certificate.code}"):
        page = client.get(path).get_data(as_text=True)
        assert 'lang="en"' in _title_tag(page, TITLE), path
    admin = app.test_client()
    make_user(email="admin@example.org", roles=("admin",))
    admin.post("/login", data={"email": "admin@example.org",
                               "password": "correct horse battery staple"})
    for path in ("/admin/certificates", f"/admin/certificates/{certificate.id}"):
        page = admin.get(path).get_data(as_text=True)
        assert 'lang="en"' in _title_tag(page, TITLE), path


def test_vietnamese_title_is_marked_vietnamese_on_an_english_page(client, auth, certificate):
    auth.login("chu@example.org")
    page = client.get(f"/certificates/{certificate.code}?lang=en").get_data(as_text=True)
    assert 'lang="vi"' in _title_tag(page, "An toàn thông tin cho cán bộ")


def test_migration_fills_the_language_of_existing_certificates(tmp_path):
    url = empty_database_url(tmp_path, "certificate_language")
    schema.upgrade(url, BEFORE_COURSE_LANGUAGE)
    engine = create_engine(url)
    with engine.begin() as connection:
        user_id = connection.execute(
            insert(User.__table__).values(email="a@example.org", full_name="A")
        ).inserted_primary_key[0]
        for slug, language in (("vi-course", "vi"), ("en-course", "en")):
            connection.execute(insert(Course.__table__).values(
                slug=slug, title=slug, summary="", language=language, content_hash="h",
                version=1,
            ))
            connection.execute(text(
                "INSERT INTO certificates (code, user_id, course_id, learner_name,"
                " course_title, competences, issued_at)"
                " SELECT :code, :user_id, id, 'A', title, '[]', CURRENT_TIMESTAMP"
                " FROM courses WHERE slug = :slug"
            ), {"code": slug.upper(), "user_id": user_id, "slug": slug})
    schema.upgrade(url)
    with engine.connect() as connection:
        languages = dict(connection.execute(
            select(Certificate.code, Certificate.course_language)
        ).all())
    engine.dispose()
    assert languages == {"VI-COURSE": "vi", "EN-COURSE": "en"}
