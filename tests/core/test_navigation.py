"""The header navigation: who sees which links, in which language, built once per kind."""

from __future__ import annotations

import re

from learn.auth import services as accounts

NAV = re.compile(r'<nav aria-label="[^"]+">\s*<ul class="nav">(.*?)</ul>', re.S)


def nav_links(page: str) -> list[tuple[str, str]]:
    """(href, label) of each header navigation link, in order."""
    block = NAV.search(page)
    assert block, "no header navigation in the page"
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', block.group(1))


def test_anonymous_visitor_sees_public_links_only(client):
    assert nav_links(client.get("/?lang=en").get_data(as_text=True)) == [
        ("/courses/", "Catalogue")
    ]


def test_each_visitor_gets_the_links_of_their_own_roles(client, make_user, auth):
    make_user(email="admin@example.org", roles=("admin",))
    make_user(email="learner@example.org", roles=("learner",))
    auth.login("admin@example.org")
    admin_links = nav_links(client.get("/?lang=en").get_data(as_text=True))
    assert admin_links == [
        ("/courses/", "Catalogue"), ("/me", "My learning"), ("/admin/orgs", "Organisation"),
        ("/admin/users", "People"), ("/admin/assignments", "Assignments"),
        ("/preview/", "Preview"), ("/reports/", "Reports"),
        ("/admin/certificates", "Certificates"), ("/admin/publishing/", "Publishing"),
        ("/admin/audit", "Audit log"),
    ]
    auth.logout()
    auth.login("learner@example.org")
    learner_links = nav_links(client.get("/?lang=en").get_data(as_text=True))
    assert learner_links == [("/courses/", "Catalogue"), ("/me", "My learning")]
    auth.logout()
    assert nav_links(client.get("/?lang=en").get_data(as_text=True)) == [
        ("/courses/", "Catalogue")
    ]


def test_links_are_in_the_language_of_each_page(client, make_user, auth):
    make_user(email="manager@example.org", roles=("manager",))
    auth.login("manager@example.org")
    expected = {
        "en": [("/courses/", "Catalogue"), ("/me", "My learning"),
               ("/admin/orgs", "Organisation"), ("/admin/users", "People"),
               ("/admin/assignments", "Assignments"), ("/reports/", "Reports")],
        "vi": [("/courses/", "Danh mục khoá học"), ("/me", "Học tập của tôi"),
               ("/admin/orgs", "Tổ chức"), ("/admin/users", "Người dùng"),
               ("/admin/assignments", "Giao khóa học"), ("/reports/", "Báo cáo")],
    }
    for language in ("en", "vi", "en", "vi"):
        page = client.get(f"/?lang={language}").get_data(as_text=True)
        assert nav_links(page) == expected[language]


def test_a_new_role_shows_its_links_on_the_next_page(client, make_user, auth, db_session):
    user = make_user(email="hv@example.org", roles=("learner",))
    auth.login("hv@example.org")
    learner_links = [("/courses/", "Catalogue"), ("/me", "My learning")]
    assert nav_links(client.get("/?lang=en").get_data(as_text=True)) == learner_links
    accounts.set_roles(db_session, user, ("learner", "trainer"))
    db_session.commit()
    page = client.get("/?lang=en").get_data(as_text=True)
    assert nav_links(page) == [*learner_links, ("/preview/", "Preview"), ("/reports/", "Reports")]


def test_the_current_page_is_marked(client):
    page = client.get("/courses/?lang=en").get_data(as_text=True)
    assert '<a href="/courses/" aria-current="page">Catalogue</a>' in page
