"""Every report runs a fixed number of SQL statements, whatever the size of the tree.

The same reports are measured on the small province and again after it has grown by dozens
of units and hundreds of learners with progress, completions and quiz attempts.
"""

from __future__ import annotations

import random

from learn.db import engine_for
from learn.orgs.models import Assignment
from learn.orgs.scope import Scope
from learn.quiz.models import AttemptQuestion, QuizAttempt
from learn.reports.course_report import build_course_report
from learn.reports.filters import ReportFilters
from learn.reports.indicators import build_indicators
from learn.reports.items import build_item_report
from learn.reports.people import people_page
from learn.reports.rollup import build_rollup
from learn.reports.sorting import SortState
from tests.conftest import counting_statements
from tests.reports.conftest import TODAY, add_person, add_unit, at, completed, started


def grow(session, province, districts: int = 6, communes: int = 7, people: int = 6) -> None:
    """Add districts with communes, people, progress, completions and quiz attempts."""
    rng = random.Random(5)
    cds, skills = province.courses["CDS"], province.courses["SKILLS"]
    number = 0
    for d in range(districts):
        district = add_unit(session, f"G{d}", f"Huyện mới {d}", "district",
                            province.units["P"])
        session.add(Assignment(course_id=skills.id, org_unit_id=district.id, audience="all"))
        for c in range(communes):
            commune = add_unit(session, f"G{d}-{c}", f"Xã mới {d}-{c}", "commune", district)
            for _ in range(people):
                number += 1
                person = add_person(session, f"g{number}", commune,
                                    kind=rng.choice(["official", "citizen"]),
                                    specialist=rng.random() < 0.2)
                session.flush()
                if rng.random() < 0.6:
                    completed(session, person, cds, at(2026, 1, 5), at(2026, 2, rng.randint(1, 28)))
                    attempt = QuizAttempt(user_id=person.id, quiz_id=province.quiz.id, number=1,
                                          quiz_version=1, pass_mark=70, status="submitted",
                                          score=float(rng.randint(0, 100)))
                    session.add(attempt)
                    session.flush()
                    for position, key in enumerate(("q-single", "q-multi", "q-tf"), start=1):
                        right = rng.random() < 0.6
                        session.add(AttemptQuestion(
                            attempt_id=attempt.id, position=position,
                            question_version_id=province.versions[key].id,
                            answer={"choice": "o1"} if key == "q-single" else None,
                            score=1.0 if right else 0.0, correct=right))
                elif rng.random() < 0.5:
                    started(session, person, skills, at(2026, 3, 1), last_unit=1)
    session.commit()


def _service_counts(session, province) -> dict[str, int]:
    engine = session.get_bind()
    everything = Scope(everything=True)
    manager = Scope(everything=False, paths=(province.units["A"].path,))
    runs = {
        "rollup root": lambda: build_rollup(session, everything, province.units["P"],
                                            ReportFilters(), TODAY),
        "rollup top": lambda: build_rollup(session, everything, None,
                                           ReportFilters(kind="official"), TODAY),
        "rollup manager": lambda: build_rollup(session, manager, None, ReportFilters(), TODAY),
        "people": lambda: people_page(session, everything, province.units["P"],
                                      ReportFilters(), TODAY, SortState("score", True)),
        "course": lambda: build_course_report(session, everything, province.courses["CDS"],
                                              TODAY),
        "items": lambda: build_item_report(session, province.courses["CDS"]),
        "indicators": lambda: build_indicators(session, everything, ("chuyen-doi-so-can-bo",),
                                               "chuyen-trach-cds-attt", "-"),
    }
    counts = {}
    for name, run in runs.items():
        session.expire_all()
        for loaded in (*province.units.values(), *province.courses.values()):
            session.refresh(loaded)  # count the report's statements, not reloading fixtures
        with counting_statements(engine) as statements:
            run()
        counts[name] = len(statements)
    return counts


PAGES = (
    "/reports/orgs?unit={P}", "/reports/orgs?unit={P}&sort=rate&dir=desc",
    "/reports/orgs/export?unit={P}&format=csv", "/reports/people?unit={P}&sort=status",
    "/reports/people/export?unit={P}&format=xlsx", "/reports/courses/chuyen-doi-so-can-bo",
    "/reports/courses/chuyen-doi-so-can-bo/export?format=csv",
    "/reports/courses/chuyen-doi-so-can-bo/items", "/reports/indicators",
    "/reports/indicators/export?format=xlsx",
)


def _page_counts(app, client, province) -> dict[str, int]:
    counts = {}
    for page in PAGES:
        url = page.format(P=province.units["P"].id)
        client.get(url)  # warm up (first-request caches)
        with counting_statements(engine_for(app)) as statements:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[page] = len(statements)
    return counts


def test_statement_counts_do_not_grow_with_the_tree(app, db_session, province, login):
    client = login("admin")
    small_services = _service_counts(db_session, province)
    small_pages = _page_counts(app, client, province)
    grow(db_session, province)
    large_services = _service_counts(db_session, province)
    large_pages = _page_counts(app, client, province)
    print("statements per report:", small_services, small_pages)
    assert large_services == small_services
    assert large_pages == small_pages
    # The roll-up itself is one aggregate statement plus two small unit lookups.
    assert small_services["rollup root"] == 3
