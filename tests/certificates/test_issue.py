"""Issuing certificates: snapshots, once per learner and course, unique codes."""

from __future__ import annotations

from sqlalchemy import func, select

from learn.certificates import services
from learn.certificates.models import Certificate
from learn.certificates.services import issue_certificate


def test_snapshots_survive_later_changes(db_session, certificate, owner):
    assert certificate.learner_name == "Phạm Thị Dung"
    assert certificate.course_title == "An toàn thông tin cho cán bộ"
    assert certificate.competences == ["4.1", "1.2"]
    owner.full_name = "Tên khác"
    db_session.commit()
    db_session.refresh(certificate)
    assert certificate.learner_name == "Phạm Thị Dung"


def test_issue_is_idempotent(db_session, certificate, owner):
    from learn.courses.models import Course

    course = db_session.get(Course, certificate.course_id)
    again = issue_certificate(db_session, owner.id, course)
    assert again.id == certificate.id
    assert db_session.scalar(select(func.count()).select_from(Certificate)) == 1


def test_a_taken_code_is_replaced(db_session, certificate, courses, make_user, monkeypatch):
    from tests.learning.factory import UnitSpec

    other_course = courses.course("khac", "Khoá khác", certificate=True,
                                  units=[UnitSpec("a", "A")])
    learner = make_user()
    codes = iter([certificate.code, "ABCDEFGHJKMN"])
    monkeypatch.setattr(services, "new_code", lambda: next(codes))
    issued = issue_certificate(db_session, learner.id, other_course)
    db_session.commit()
    assert issued.code == "ABCDEFGHJKMN"
    assert db_session.scalar(select(func.count()).select_from(Certificate)) == 2
