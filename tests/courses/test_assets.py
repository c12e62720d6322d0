"""Serving published assets: content-hashed URLs, long caching, inert SVG, drafts for staff."""

from __future__ import annotations

import hashlib

from tests.courses.conftest import edit

COURSE = "mat-khau-an-toan"


def _url(tree, name: str, slug: str = COURSE) -> str:
    digest = hashlib.sha256((tree / slug / "assets" / name).read_bytes()).hexdigest()
    return f"/courses/{slug}/assets/{digest[:12]}/{name}"


def test_png_is_served_with_immutable_caching(client, tree, run_publish):
    run_publish(tree)

    response = client.get(_url(tree, "khoa.png"))

    assert response.status_code == 200
    assert response.data == (tree / COURSE / "assets" / "khoa.png").read_bytes()
    assert response.mimetype == "image/png"
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_svg_gets_a_sandboxing_content_security_policy(client, tree, run_publish):
    run_publish(tree)

    response = client.get(_url(tree, "so-do.svg"))

    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert response.headers["Content-Security-Policy"] == (
        "default-src 'none'; style-src 'unsafe-inline'; sandbox")


def test_signed_in_users_still_get_cacheable_assets(client, tree, run_publish, make_user, auth):
    run_publish(tree)
    make_user(email="hoc@example.org")
    auth.login("hoc@example.org")

    response = client.get(_url(tree, "khoa.png"))

    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_the_url_in_the_rendered_html_works(client, tree, run_publish, db_session):
    from learn.courses.models import Course

    run_publish(tree)
    html = db_session.query(Course).filter_by(slug=COURSE).one().overview_html

    assert f'src="{_url(tree, "so-do.svg")}"' in html
    assert client.get(_url(tree, "so-do.svg")).status_code == 200


def test_old_versions_stay_reachable_and_revalidation_works(client, tree, run_publish):
    run_publish(tree)
    old_url = _url(tree, "so-do.svg")
    edit(tree / COURSE / "assets" / "so-do.svg", "#eef", "#efe")
    run_publish(tree)

    assert client.get(old_url).status_code == 200
    new = client.get(_url(tree, "so-do.svg"))
    assert new.status_code == 200 and b"#efe" in new.data
    again = client.get(_url(tree, "so-do.svg"), headers={"If-None-Match": new.headers["ETag"]})
    assert again.status_code == 304


def test_unknown_assets_are_404(client, tree, run_publish):
    run_publish(tree)
    good = _url(tree, "khoa.png")
    digest = good.split("/")[4]

    assert client.get(good.replace(digest, "0" * 12)).status_code == 404
    assert client.get(good.replace(digest, digest[:11])).status_code == 404
    assert client.get(good.replace(digest, "%25" + digest[1:])).status_code == 404
    assert client.get(good.replace("khoa.png", "khac.png")).status_code == 404
    assert client.get(good.replace(COURSE, "khoa-khac")).status_code == 404
    assert client.get(good.replace("khoa.png", "../course.md")).status_code == 404


def test_draft_course_assets_only_for_trainers_and_admins(
    client, tree, run_publish, make_user, auth
):
    (tree / "ban-nhap" / "assets").mkdir()
    (tree / "ban-nhap" / "assets" / "nhap.svg").write_bytes(
        (tree / COURSE / "assets" / "so-do.svg").read_bytes())
    edit(tree / "ban-nhap" / "01-gioi-thieu.md", "Nội dung nháp.",
         "![Bản nháp](assets/nhap.svg)")
    run_publish(tree)
    url = _url(tree, "nhap.svg", "ban-nhap")

    assert client.get(url).status_code == 404
    make_user(email="hoc@example.org")
    auth.login("hoc@example.org")
    assert client.get(url).status_code == 404
    auth.logout()
    make_user(email="gv@example.org", roles=("trainer",))
    auth.login("gv@example.org")
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, max-age=31536000, immutable"
