"""Nothing outside a viewer's scope can be reached by any URL, parameter or export.

Roles: anonymous, learner, trainer (own course / other course), manager of district A,
manager of district B, administrator; against every report route, every unit id and course
slug, and every export format. Denied means 403/404 (anonymous: redirect to sign in), and
the body never holds report data.
"""

from __future__ import annotations

import pytest

from tests.reports.conftest import add_staff

ROLES = ("anonymous", "learner", "trainer1", "trainer2", "managera", "managerb", "admin")
UNIT_ROUTES = ("/reports/orgs", "/reports/orgs/export?format=csv",
               "/reports/orgs/export?format=xlsx", "/reports/people",
               "/reports/people/export?format=csv", "/reports/people/export?format=xlsx")
COURSE_ROUTES = ("/reports/courses/{slug}", "/reports/courses/{slug}/export?format=csv",
                 "/reports/courses/{slug}/export?format=xlsx")
ITEM_ROUTES = ("/reports/courses/{slug}/items", "/reports/courses/{slug}/items/export?format=csv",
               "/reports/courses/{slug}/items/export?format=xlsx")
INDICATOR_ROUTES = ("/reports/indicators", "/reports/indicators/export?format=csv",
                    "/reports/indicators/export?format=xlsx")
SUBTREES = {"managera": {"A", "A1", "A2", "AO"}, "managerb": {"B", "B1"}}
# Text that only appears when report data is shown.
DATA_MARKERS = ("Người an", "Người bn", "Người sn", "Xã Tân Lập", "Xã Hòa Bình", "Huyện",
                "Tỉnh Demo", "Sở Thông tin", "q-single", "cuoi-khoa")


def _client(role, app, login):
    return app.test_client() if role == "anonymous" else login(role)


def _with(url: str, param: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}{param}"


def _denied(response, role: str) -> None:
    body = response.get_data()
    if role == "anonymous":
        assert response.status_code == 302
        assert "/login" in response.headers["Location"]
    else:
        assert response.status_code in (403, 404), response.status_code
    text = body.decode("utf-8", "replace")
    assert not any(marker in text for marker in DATA_MARKERS), text[:300]


def _unit_allowed(role: str, code: str | None) -> bool:
    if role == "admin":
        return True
    if role in SUBTREES:
        return code is None or code in SUBTREES[role]
    return False


@pytest.mark.parametrize("role", ROLES)
def test_unit_routes(role, app, login, province):
    client = _client(role, app, login)
    codes = [None, *province.units]
    for route in UNIT_ROUTES:
        for code in codes:
            url = route if code is None else _with(route, f"unit={province.units[code].id}")
            response = client.get(url)
            if _unit_allowed(role, code):
                assert response.status_code == 200, (url, response.status_code)
            else:
                _denied(response, role)
        for bogus in ("999999", "abc", "-1", "1%27%20OR%201=1", "1" * 40):
            response = client.get(_with(route, f"unit={bogus}"))
            if role in ("anonymous", "learner", "trainer1", "trainer2"):
                _denied(response, role)
            else:
                assert response.status_code == 404, (route, bogus)


def _course_allowed(role: str, key: str) -> bool:
    return role in ("admin", "managera", "managerb") or (role == "trainer1" and key == "CDS")


def _items_allowed(role: str, key: str) -> bool:
    return role == "admin" or (role == "trainer1" and key == "CDS")


@pytest.mark.parametrize("role", ROLES)
def test_course_and_item_routes(role, app, login, province):
    client = _client(role, app, login)
    for key, course in province.courses.items():
        for routes, allowed in ((COURSE_ROUTES, _course_allowed), (ITEM_ROUTES, _items_allowed)):
            for route in routes:
                url = route.format(slug=course.slug)
                response = client.get(url)
                if allowed(role, key):
                    assert response.status_code == 200, (url, response.status_code)
                else:
                    _denied(response, role)
    for route in (*COURSE_ROUTES, *ITEM_ROUTES):
        response = client.get(route.format(slug="khong-ton-tai"))
        if role in ("anonymous", "learner"):
            _denied(response, role)
        else:
            assert response.status_code in (403, 404)


@pytest.mark.parametrize("role", ROLES)
def test_indicators_and_index(role, app, login, province):
    client = _client(role, app, login)
    for route in INDICATOR_ROUTES:
        response = client.get(route)
        if role in ("admin", "managera", "managerb"):
            assert response.status_code == 200
        else:
            _denied(response, role)
    index = client.get("/reports/")
    if role in ("anonymous", "learner"):
        _denied(index, role)
    else:
        assert index.status_code == 200


def test_manager_pages_hold_only_their_district(app, login, province):
    client = login("managera")
    people = client.get("/reports/people/export?format=csv").get_data(as_text=True)
    assert "Người an1" in people and "Người bn" not in people and "Người sn" not in people
    top = client.get("/reports/orgs").get_data(as_text=True)
    assert "Huyện An Phú" in top and "Huyện Bình Sơn" not in top and "Tỉnh Demo" not in top
    course = client.get("/reports/courses/chuyen-doi-so-can-bo/export?format=csv")
    summary = course.get_data(as_text=True).splitlines()[2]
    assert summary.startswith('"5","4","3","60%","5","3","60%","2"')
    indicators = client.get("/reports/indicators").get_data(as_text=True)
    assert "Xã Hòa Bình" not in indicators and "Xã Tân Lập" in indicators
    # Filtering by another district's course or people changes nothing about the scope.
    filtered = client.get("/reports/people/export?format=csv&kind=official").get_data(
        as_text=True)
    assert "Người bn" not in filtered


def test_trainer_course_report_is_whole_population_but_holds_no_names(app, login, province):
    client = login("trainer1")
    page = client.get("/reports/courses/chuyen-doi-so-can-bo").get_data(as_text=True)
    assert "Người an" not in page and "Người bn" not in page
    csv = client.get("/reports/courses/chuyen-doi-so-can-bo/export?format=csv")
    assert csv.get_data(as_text=True).splitlines()[2].startswith('"8","6","5","63%"')


def test_navigation_link_for_report_roles(app, login, province):
    for role, visible in (("admin", True), ("managera", True), ("trainer2", True),
                          ("learner", False)):
        html = login(role).get("/").get_data(as_text=True)
        assert ('href="/reports/"' in html) is visible, role


def test_manager_without_units_sees_nothing(app, login, province, db_session):
    add_staff(db_session, province, "lonely", ("manager",))
    client = login("lonely")
    for url in ("/reports/orgs", "/reports/people", "/reports/indicators",
                "/reports/people/export?format=csv", "/reports/orgs/export?format=csv"):
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.get_data().decode("utf-8", "replace")
        assert not any(marker in text for marker in DATA_MARKERS), url
    assert client.get(f"/reports/orgs?unit={province.units['A'].id}").status_code == 404
    assert "Bạn chưa được giao phụ trách đơn vị nào" in client.get("/reports/").get_data(
        as_text=True)
