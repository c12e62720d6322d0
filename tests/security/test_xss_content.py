"""XSS through published content and quiz answers: a courses tree whose every field carries a
payload is published with the real publisher, then every page that shows it is checked."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from learn.certificates.services import issue_certificate
from learn.courses.models import Course, Quiz
from learn.db import transaction
from tests.security.conftest import sign_in
from tests.security.crawl import live_problems, missing_texts, visit
from tests.security.html_checks import assert_inert, parse
from tests.security.payloads import CORPUS, MARKDOWN_REFUSED, TEMPLATE_RESULTS
from tests.security.world import add_user, publish_tree
from tests.security.xss_tree import write_xss_tree

ADMIN, TRAINER, LEARNER = "admin@example.org", "trainer@example.org", "learner@example.org"


@pytest.fixture
def xss_tree(tmp_path):
    """The payload courses on disk (the trainer is their author)."""
    return write_xss_tree(tmp_path / "courses", authors=(TRAINER,))


@pytest.fixture
def xss_app(app_factory, xss_tree):
    """The app reading the payload courses (for the preview)."""
    return app_factory(courses_dir=xss_tree.root)


@pytest.fixture
def published(xss_app, xss_tree) -> dict:
    """The payload courses published; an administrator, their trainer and a learner."""
    admin = add_user(xss_app, ADMIN, "Quản Trị", roles=("admin",))
    add_user(xss_app, TRAINER, "Giảng Viên", roles=("trainer",))
    learner = add_user(xss_app, LEARNER, "Học Viên")
    result = publish_tree(xss_app, xss_tree.root, admin)
    assert result.ok, result.to_json()
    with transaction(xss_app) as session:
        course = session.scalar(select(Course).where(Course.slug == "xss-2"))
        code = issue_certificate(session, learner, course).code
        quiz_id = session.scalar(select(Quiz.id).where(Quiz.key == "kiem-tra-xss"))
    return {"publication": result.publication_id, "certificate": code, "quiz": quiz_id}


def _unit_urls(prefix: str, tree) -> list[str]:
    return [f"{prefix}/{slug}/units/{unit}" for slug, unit in tree.unit_titles]


def test_course_texts_are_inert_on_every_page_that_shows_them(xss_app, xss_tree, published):
    slugs = list(xss_tree.course_titles)
    learner, admin, trainer = (sign_in(xss_app, e) for e in (LEARNER, ADMIN, TRAINER))
    pages = visit(learner, ["/courses/", *[f"/courses/{s}" for s in slugs],
                            *_unit_urls("/courses", xss_tree), "/me",
                            f"/certificates/{published['certificate']}",
                            f"/verify/{published['certificate']}"])
    pages |= {f"admin {u}": html for u, html in visit(admin, [
        "/admin/publishing/", f"/admin/publishing/{published['publication']}",
        "/admin/assignments", "/admin/certificates", "/reports/",
        *[f"/reports/courses/{s}" for s in slugs], "/reports/courses/xss-1/items",
    ]).items()}
    pages |= {f"trainer {u}": html for u, html in visit(trainer, [
        "/preview/", *[f"/preview/{s}" for s in slugs], *_unit_urls("/preview", xss_tree),
    ]).items()}
    problems = live_problems(pages)
    problems += missing_texts(pages["/courses/"], [*xss_tree.course_titles.values(),
                                                  *xss_tree.course_summaries.values()],
                              "catalogue")
    for slug in slugs:
        titles = [t for (s, _u), t in xss_tree.unit_titles.items() if s == slug]
        problems += missing_texts(pages[f"/courses/{slug}"], [xss_tree.course_titles[slug],
                                                             *titles], slug)
        problems += missing_texts(pages[f"trainer /preview/{slug}"], titles, f"preview {slug}")
    for (slug, unit), objective in xss_tree.objectives.items():
        url = f"/courses/{slug}/units/{unit}"
        problems += missing_texts(pages[url], [objective, xss_tree.unit_titles[(slug, unit)]],
                                  url)
    problems += missing_texts(pages[f"/certificates/{published['certificate']}"],
                              [xss_tree.course_titles["xss-2"]], "certificate")
    assert not problems, "\n".join(problems)


def test_the_title_element_holds_only_text(xss_app, xss_tree, published):
    client = sign_in(xss_app, LEARNER)
    for (slug, unit), title in xss_tree.unit_titles.items():
        html = client.get(f"/courses/{slug}/units/{unit}").get_data(as_text=True)
        head = html.split("</head>", 1)[0]
        # Exactly one <title>, closed where the template closes it.
        assert head.count("<title>") == 1 and head.count("</title>") == 1, title
        assert [tag for tag, _attrs in parse(head).elements].count("script") == 0


def _answer(client, attempt_url: str, data: dict) -> str:
    token_free = {"action": "save", **data}
    assert client.post(attempt_url, data=token_free).status_code == 302
    return client.get(attempt_url).get_data(as_text=True)


def test_quiz_answers_are_inert_on_the_attempt_and_result_pages(xss_app, xss_tree, published):
    client = sign_in(xss_app, LEARNER)
    problems = []
    for first, second in zip(CORPUS[::2], CORPUS[1::2], strict=False):
        start = client.post(f"/quiz/{published['quiz']}/start")
        attempt_url = start.headers["Location"]
        assert re.fullmatch(r"/quiz/attempts/\d+", attempt_url), attempt_url
        answers = {"q1": "0", "q2": first, "q3": second, "q4-0": "0", "q4-1": "1"}
        saved = _answer(client, attempt_url, answers)
        problems += [f"attempt {first!r}: {p}" for p in live_problems({"": saved})]
        problems += missing_texts(saved, [first.strip(), second.strip()], "attempt page")
        submitted = client.post(attempt_url, data={**answers, "action": "submit-anyway"})
        assert submitted.headers["Location"].endswith("/result"), submitted.status_code
        result = client.get(submitted.headers["Location"]).get_data(as_text=True)
        problems += [f"result {first!r}: {p}" for p in live_problems({"": result})]
        problems += missing_texts(result, [first.strip(), second.strip(),
                                           xss_tree.short_answer, xss_tree.option_text],
                                  "result page")
    assert not problems, "\n".join(problems)


def test_answers_tried_in_the_trainer_preview_are_inert(xss_app, xss_tree, published):
    client = sign_in(xss_app, TRAINER)
    problems = []
    for first, second in zip(CORPUS[::2], CORPUS[1::2], strict=False):
        html = client.post("/preview/xss-1/units/bai-3", data={
            "q1": "o1", "q2": first, "q3": second, "q4-p1": "p2", "q4-p2": "p1"},
        ).get_data(as_text=True)
        problems += [f"preview {first!r}: {p}" for p in live_problems({"": html})]
        problems += missing_texts(html, [first, second], "preview quiz")
    assert not problems, "\n".join(problems)


def test_template_syntax_in_content_is_never_evaluated(xss_app, xss_tree, published):
    client = sign_in(xss_app, LEARNER)
    for (slug, unit), title in xss_tree.unit_titles.items():
        if "{{" not in title and "{%" not in title:
            continue
        html = client.get(f"/courses/{slug}/units/{unit}").get_data(as_text=True)
        assert_inert(html, title, shown=[title])
        assert not any(secret in html for secret in TEMPLATE_RESULTS[1:])


def test_courses_with_script_links_are_not_published(app_factory, tmp_path):
    app = None
    for n, attack in enumerate(MARKDOWN_REFUSED):
        root = tmp_path / f"courses-{n}"
        write_xss_tree(root)
        unit = root / "xss-1" / "01-bai-1.md"
        unit.write_text(unit.read_text(encoding="utf-8") + f"\n{attack}\n", encoding="utf-8")
        app = app or app_factory(courses_dir=root)
        result = publish_tree(app, root)
        with transaction(app) as session:
            published = {slug for slug, retired in session.execute(
                select(Course.slug, Course.retired_at)) if retired is None}
        assert "xss-1" not in published, attack
        assert {"xss-2", "xss-3"} <= published, attack
        assert not result.ok, attack
