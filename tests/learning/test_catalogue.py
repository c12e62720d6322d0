"""The catalogue: visibility by kind of user, filters, accent-blind search, pagination."""

from __future__ import annotations

import re

import pytest

from learn.learning.catalogue import PAGE_SIZE
from tests.learning.factory import UnitSpec


@pytest.fixture
def catalogue(courses):
    """Five courses: for officials, citizens, specialists, everyone, and a draft."""
    one = [UnitSpec("bai-1", "Bài 1")]
    courses.course("an-toan-thong-tin", "An toàn thông tin", audience=("official",),
                   level="basic", competences=("4.1",), units=one, order=1)
    courses.course("dich-vu-cong", "Dịch vụ công trực tuyến", audience=("citizen",),
                   level="basic", competences=("1.1", "2.1"), units=one, order=2,
                   summary="Nộp hồ sơ trên Cổng Dịch vụ công quốc gia.")
    courses.course("chuyen-trach", "Chuyên trách chuyển đổi số", audience=("specialist",),
                   level="advanced", competences=("5.1",), units=one, order=3)
    courses.course("cho-moi-nguoi", "Kỹ năng số cho mọi người", audience=(),
                   level="intermediate", competences=("3.1",), units=one, order=4)
    courses.course("ban-nhap", "Khoá học đang soạn", audience=("official", "citizen"),
                   draft=True, units=one, order=5)


def titles(page: str) -> list[str]:
    """The course titles listed on a catalogue page, in order."""
    return re.findall(r'<h3><a href="/courses/[^"]+">([^<]+)</a></h3>', page)


def test_anonymous_sees_the_public_catalogue_without_drafts(client, catalogue):
    page = client.get("/courses/").get_data(as_text=True)
    assert titles(page) == [
        "An toàn thông tin", "Dịch vụ công trực tuyến", "Chuyên trách chuyển đổi số",
        "Kỹ năng số cho mọi người",
    ]
    assert "/login?next=" in page and "/register" in page


def test_official_sees_official_specialist_and_everyone(client, auth, make_user, catalogue):
    make_user(email="canbo@example.org", kind="official")
    auth.login("canbo@example.org")
    page = client.get("/courses/").get_data(as_text=True)
    assert titles(page) == [
        "An toàn thông tin", "Chuyên trách chuyển đổi số", "Kỹ năng số cho mọi người",
    ]


def test_citizen_sees_citizen_and_everyone(client, auth, make_user, catalogue):
    make_user(email="dan@example.org", kind="citizen")
    auth.login("dan@example.org")
    page = client.get("/courses/").get_data(as_text=True)
    assert titles(page) == ["Dịch vụ công trực tuyến", "Kỹ năng số cho mọi người"]


@pytest.mark.parametrize("role", ["trainer", "admin"])
def test_staff_see_drafts_marked(client, auth, make_user, catalogue, role):
    make_user(email="staff@example.org", roles=(role,), kind="official")
    auth.login("staff@example.org")
    page = client.get("/courses/?lang=en").get_data(as_text=True)
    assert len(titles(page)) == 5
    assert "Khoá học đang soạn" in titles(page)
    assert "Draft – visible to trainers only" in page


def test_retired_course_is_hidden_from_everyone(client, auth, make_user, courses, db_session):
    from learn.db import utcnow

    course = courses.course("cu", "Khoá học cũ", units=[UnitSpec("a", "A")])
    course.retired_at = utcnow()
    db_session.commit()
    make_user(email="admin@example.org", roles=("admin",))
    assert titles(client.get("/courses/").get_data(as_text=True)) == []
    auth.login("admin@example.org")
    assert titles(client.get("/courses/").get_data(as_text=True)) == []
    assert client.get("/courses/cu").status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("an toan", ["An toàn thông tin"]),
        ("AN TOÀN", ["An toàn thông tin"]),
        ("dich vu cong", ["Dịch vụ công trực tuyến"]),
        ("cong quoc gia", ["Dịch vụ công trực tuyến"]),  # found in the summary
        ("chuyen doi so", ["Chuyên trách chuyển đổi số"]),
        ("ky nang  so", ["Kỹ năng số cho mọi người"]),
        ("khong co gi", []),
    ],
)
def test_search_ignores_diacritics_and_case(client, catalogue, query, expected):
    page = client.get("/courses/", query_string={"q": query}).get_data(as_text=True)
    assert titles(page) == expected


def test_search_with_d_bar(client, courses):
    courses.course("dao-tao", "Đào tạo số", units=[UnitSpec("a", "A")])
    page = client.get("/courses/", query_string={"q": "dao tao"}).get_data(as_text=True)
    assert titles(page) == ["Đào tạo số"]


def test_filters_by_audience_level_and_area(client, catalogue):
    def listed(**params):
        return titles(client.get("/courses/", query_string=params).get_data(as_text=True))

    assert listed(audience="citizen") == ["Dịch vụ công trực tuyến"]
    assert listed(level="advanced") == ["Chuyên trách chuyển đổi số"]
    assert listed(area="2") == ["Dịch vụ công trực tuyến"]
    assert listed(area="4", level="basic") == ["An toàn thông tin"]
    assert listed(area="4", level="advanced") == []
    # Unknown values are ignored rather than failing.
    assert len(listed(level="expert", area="9")) == 4


def test_filter_form_is_a_plain_get_form_with_labels(client, catalogue):
    page = client.get("/courses/?lang=en").get_data(as_text=True)
    assert re.search(r'<form method="get" action="/courses/"', page)
    for name in ("q", "audience", "level", "area"):
        assert f'<label for="{name}"' in page
    assert "Safety" in page or "An toàn" in page  # area names
    assert "<script" not in page


def test_filters_are_kept_in_the_form(client, catalogue):
    page = client.get("/courses/", query_string={"q": "an toan", "level": "basic"}).get_data(
        as_text=True
    )
    assert 'value="an toan"' in page
    assert '<option selected value="basic">' in page


def test_pagination_keeps_filters(client, courses):
    for n in range(PAGE_SIZE + 3):
        courses.course(f"khoa-{n:02d}", f"Khoá {n:02d}", order=n, units=[UnitSpec("a", "A")])
    first = client.get("/courses/?q=khoa").get_data(as_text=True)
    assert len(titles(first)) == PAGE_SIZE
    assert 'href="/courses/?page=2&amp;q=khoa"' in first
    second = client.get("/courses/?q=khoa&page=2").get_data(as_text=True)
    assert titles(second) == [f"Khoá {n:02d}" for n in range(PAGE_SIZE, PAGE_SIZE + 3)]
    assert client.get("/courses/?page=abc").status_code == 200


def test_catalogue_shows_learner_progress(client, auth, make_user, security_course, db_session):
    from learn.learning.completion import mark_unit_done

    user = make_user(email="canbo@example.org")
    mark_unit_done(db_session, user.id, security_course.units[0])
    db_session.commit()
    auth.login("canbo@example.org")
    page = client.get("/courses/?lang=en").get_data(as_text=True)
    assert "In progress" in page
    assert '<progress max="3" value="1"' in page
