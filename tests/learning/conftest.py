"""Fixtures of the learning tests: a course factory and a few typical courses."""

from __future__ import annotations

import pytest

from tests.learning.factory import CourseFactory, UnitSpec


@pytest.fixture
def courses(db_session) -> CourseFactory:
    """Builds published courses in the test database."""
    return CourseFactory(db_session)


@pytest.fixture
def security_course(courses):
    """'An toàn thông tin' for officials: two units to mark done, one with a quiz."""
    return courses.course(
        "an-toan-thong-tin", "An toàn thông tin cho cán bộ",
        summary="Mật khẩu, xác thực hai lớp và thư lừa đảo.",
        audience=("official", "specialist"), competences=("4.1", "4.2", "1.2"),
        certificate=True,
        units=[
            UnitSpec("mat-khau", "Mật khẩu mạnh", duration=15,
                     toc=[{"level": 2, "id": "vi-sao", "text": "Vì sao"},
                          {"level": 2, "id": "cach-dat", "text": "Cách đặt"},
                          {"level": 3, "id": "cum-tu", "text": "Cụm từ mật khẩu"}]),
            UnitSpec("xac-thuc-hai-lop", "Xác thực hai lớp"),
            UnitSpec("kiem-tra", "Bài kiểm tra", quiz=True, pass_mark=80),
        ],
    )
