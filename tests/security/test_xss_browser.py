"""XSS in a real browser: a representative set of pages full of payloads, loaded in headless
Chromium with the Content-Security-Policy switched off (so that only escaping protects them),
with every element hovered and every field focused. No dialog may open and the marker
`window.__xss` that payloads set must stay undefined.
"""

from __future__ import annotations

import csv
import io
from urllib.parse import quote

import pytest
from sqlalchemy import select

from learn.certificates.services import issue_certificate
from learn.courses.models import Course
from learn.db import transaction
from learn.orgs.csvfile import read_csv
from learn.orgs.models import OrgUnit
from learn.orgs.scope import Scope
from learn.orgs.users_csv import apply_users_import, plan_users_import
from tests.conftest import TEST_PASSWORD
from tests.security.conftest import new_client, token_in
from tests.security.payloads import CORPUS, SHORT
from tests.security.world import EMAILS, build_world, copy_courses, publish_tree
from tests.security.xss_tree import write_xss_tree

pytestmark = pytest.mark.browser

PROVOKE = """() => {
  for (const el of document.querySelectorAll('*')) {
    for (const type of ['mouseover', 'mouseenter', 'focus', 'toggle', 'animationstart']) {
      el.dispatchEvent(new Event(type, {bubbles: true}));
    }
  }
  for (const el of document.querySelectorAll('input, select, textarea, a, button')) {
    el.focus();
  }
  return typeof window.__xss;
}"""


class Watched:
    """A page in a context without CSP, recording dialogs and off-site requests."""

    def __init__(self, browser, site: str):
        self.site = site
        self.dialogs: list[str] = []
        self.outside: list[str] = []
        self.context = browser.new_context(bypass_csp=True, viewport={"width": 1280,
                                                                     "height": 900})
        self.context.set_default_timeout(10_000)
        self.context.route("**/*", self._guard)
        self.page = self.context.new_page()
        self.page.on("dialog", self._dialog)

    def _guard(self, route) -> None:
        url = route.request.url
        if url.startswith(self.site) or url.startswith(("data:", "about:")):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def visit(self, path: str) -> str:
        """Load a page, provoke every handler; the type of window.__xss afterwards."""
        self.page.goto(self.site + path, wait_until="load")
        return self.page.evaluate(PROVOKE)

    def sign_in(self, email: str) -> None:
        """Sign in through the form."""
        self.page.goto(self.site + "/login")
        self.page.fill("input[name=email]", email)
        self.page.fill("input[name=password]", TEST_PASSWORD)
        self.page.click("main form button[type=submit]")
        self.page.wait_for_load_state("load")


@pytest.fixture
def watched(browser, live_server):
    """A CSP-free page on the live server; closed at the end, requests kept on the site."""
    pages: list[Watched] = []

    def make() -> Watched:
        pages.append(Watched(browser, live_server.url))
        return pages[-1]

    yield make
    for item in pages:
        item.context.close()
        assert item.outside == [], item.outside


def test_the_harness_sees_a_payload_that_runs(watched):
    # The control experiment: without CSP, a live payload is seen both ways.
    page = watched()
    page.page.set_content('<img src="x" onerror="window.__xss=1"><svg onload="alert(1)">')
    page.page.wait_for_timeout(200)
    assert page.page.evaluate("typeof window.__xss") == "number"
    assert page.dialogs == ["1"]


def _failed_sign_ins(app) -> None:
    """Failed sign-ins with payloads as the email: the audit log shows them to admins."""
    for payload in SHORT:
        client = new_client(app)
        token = token_in(client.get("/login").get_data(as_text=True))
        response = client.post("/login", data={"email": payload, "password": "x" * 12,
                                               "csrf_token": token})
        assert response.status_code == 200  # "wrong email or password", and recorded


@pytest.fixture
def payload_site(live_server, tmp_path):
    """The live server's database with the seeded world, payload courses and payload people."""
    app = live_server.app
    world = build_world(app, copy_courses(tmp_path / "courses"))
    tree = write_xss_tree(tmp_path / "xss", authors=(EMAILS["trainer"],))
    assert publish_tree(app, tree.root).ok
    out = io.StringIO()
    csv.writer(out).writerows([["email", "full_name", "unit_code", "position"],
                               *[[f"nguoi.{n}@example.org", p, "A1", p]
                                 for n, p in enumerate(CORPUS)]])
    with transaction(app) as session:
        plan = plan_users_import(session, Scope(everything=True),
                                 read_csv(out.getvalue().encode()))
        assert plan.ok, [(r.number, r.errors) for r in plan.rows if r.errors]
        apply_users_import(session, Scope(everything=True), plan)
        district = session.scalar(select(OrgUnit).where(OrgUnit.code == "A"))
        for n, payload in enumerate(SHORT):
            unit = OrgUnit(code=f"XSS{n}", name=payload, kind="commune", parent_id=district.id)
            session.add(unit)
            session.flush()
            unit.path, unit.depth = f"{district.path}{unit.id}/", district.depth + 1
        course = session.scalar(select(Course).where(Course.slug == "xss-2"))
        code = issue_certificate(session, world.users["learner"], course).code
    _failed_sign_ins(app)
    return {"world": world, "tree": tree, "certificate": code, "district": district.id}


def test_admin_pages_full_of_payloads_run_nothing(watched, payload_site):
    page = watched()
    page.sign_in(EMAILS["admin"])
    district = payload_site["district"]
    found = {}
    for path in ("/admin/users", "/admin/users?page=2", "/admin/orgs",
                 f"/admin/orgs/{district}", "/admin/certificates", "/admin/assignments",
                 f"/reports/orgs?unit={district}", f"/reports/people?unit={district}",
                 "/reports/courses/xss-1", "/admin/publishing/", "/admin/audit"):
        found[path] = page.visit(path)
    assert found == dict.fromkeys(found, "undefined")
    assert page.dialogs == []


def test_learner_pages_and_reflections_run_nothing(watched, payload_site):
    page = watched()
    page.sign_in(EMAILS["learner"])
    tree = payload_site["tree"]
    paths = ["/courses/", *[f"/courses/{slug}" for slug in tree.course_titles],
             *[f"/courses/{s}/units/{u}" for s, u in tree.unit_titles],
             "/me", f"/certificates/{payload_site['certificate']}",
             f"/verify/{payload_site['certificate']}"]
    paths += [f"/courses/?q={quote(p)}" for p in SHORT]
    paths += [f"/no-such-page/{quote(p, safe='')}?{quote(p)}" for p in SHORT[:3]]
    found = {path: page.visit(path) for path in paths}
    assert found == dict.fromkeys(found, "undefined")
    assert page.dialogs == []


def test_quiz_answers_typed_in_the_browser_run_nothing(watched, payload_site):
    page = watched()
    page.sign_in(EMAILS["learner"])
    for first, second in zip(SHORT[::2], SHORT[1::2], strict=False):
        page.visit("/courses/xss-1/units/bai-3")
        page.page.click("form[action*='/start'] button[type=submit]")
        page.page.wait_for_url("**/quiz/attempts/*")
        page.page.check("input[name=q1]")
        page.page.fill("input[name=q2]", first)
        page.page.fill("input[name=q3]", second)
        for choice in page.page.locator("select").all():
            choice.select_option(index=1)
        page.page.click("button[value=submit]")
        page.page.wait_for_load_state("load")
        if not page.page.url.endswith("/result"):
            # An unreadable number is asked about first: the check page, then submit anyway.
            assert page.page.evaluate(PROVOKE) == "undefined", first
            page.page.click("button[value=submit-anyway]")
            page.page.wait_for_url("**/result")
        assert page.page.evaluate(PROVOKE) == "undefined", first
        # The answers were shown (escaped) on the result page.
        assert first.strip() in page.page.inner_text("main")
    assert page.dialogs == []
