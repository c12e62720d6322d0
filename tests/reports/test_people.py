"""The people report: statuses (incl. overdue), best final score, sorting, paging, filters."""

from __future__ import annotations

from datetime import date

from learn.orgs.scope import Scope
from learn.reports.filters import ReportFilters
from learn.reports.people import people_page
from learn.reports.sorting import SortState
from tests.reports.conftest import TODAY

EVERYTHING = Scope(everything=True)


NO_FILTERS = ReportFilters()


def _slug(province, row) -> str:
    return next(c.slug for c in province.courses.values() if c.id == row.course_id)
BY_NAME = SortState("name")


def _rows(session, province, unit="A", filters=NO_FILTERS, sort=BY_NAME, page=1,
          page_size=None):
    return people_page(session, EVERYTHING, province.units[unit], filters, TODAY, sort,
                       page=page, page_size=page_size)


def test_statuses_and_scores(db_session, province):
    page = _rows(db_session, province)
    found = {(r.email.split("@")[0], _slug(province, r)): (r.status, r.score, r.due_date)
             for r in page.rows}
    assert found == {
        ("an1", "chuyen-doi-so-can-bo"): ("completed", 100.0, date(2020, 6, 30)),
        ("an1", "ky-nang-so"): ("overdue", None, date(2020, 1, 1)),
        ("an2", "chuyen-doi-so-can-bo"): ("overdue", 10.0, date(2020, 6, 30)),
        ("an2", "ky-nang-so"): ("overdue", None, date(2020, 1, 1)),
        ("cit1", "ky-nang-so"): ("completed", None, date(2020, 1, 1)),
        ("an3", "chuyen-doi-so-can-bo"): ("completed", 90.0, date(2020, 6, 30)),
        ("an3", "chuyen-trach-cds-attt"): ("completed", None, None),
        ("an3", "ky-nang-so"): ("not_started", None, date(2099, 12, 31)),
        ("an4", "chuyen-doi-so-can-bo"): ("completed", 60.0, date(2020, 6, 30)),
        ("an4", "chuyen-trach-cds-attt"): ("in_progress", None, None),
        ("an4", "ky-nang-so"): ("completed", None, date(2099, 12, 31)),
        ("an5", "chuyen-doi-so-can-bo"): ("overdue", None, date(2020, 6, 30)),
        ("an5", "ky-nang-so"): ("not_started", None, date(2099, 12, 31)),
    }
    assert page.total == 13


def test_completion_and_activity_dates(db_session, province):
    page = _rows(db_session, province, unit="A1")
    an2 = next(r for r in page.rows
               if r.email.startswith("an2") and _slug(province, r) == "chuyen-doi-so-can-bo")
    assert an2.completed_at is None
    assert an2.last_activity_at.date() == date(2026, 4, 20)
    an1 = next(r for r in page.rows
               if r.email.startswith("an1") and _slug(province, r) == "chuyen-doi-so-can-bo")
    assert an1.completed_at.date() == date(2026, 3, 10)


def test_sort_by_status_puts_overdue_first(db_session, province):
    page = _rows(db_session, province, sort=SortState("status"))
    statuses = [r.status for r in page.rows]
    assert statuses == (["overdue"] * 4 + ["not_started"] * 2 + ["in_progress"]
                        + ["completed"] * 6)


def test_sort_by_score_descending_keeps_empty_scores_last(db_session, province):
    page = _rows(db_session, province, sort=SortState("score", descending=True))
    scores = [r.score for r in page.rows]
    assert scores[:4] == [100.0, 90.0, 60.0, 10.0]
    assert all(s is None for s in scores[4:])


def test_sort_by_unit_and_due_date(db_session, province):
    by_unit = _rows(db_session, province, sort=SortState("unit", descending=True))
    assert by_unit.rows[0].unit_name == "Xã Tân Lập"
    by_due = _rows(db_session, province, sort=SortState("due"))
    assert [r.due_date for r in by_due.rows][:3] == [date(2020, 1, 1)] * 3


def test_pages(db_session, province):
    first = _rows(db_session, province, page=1, page_size=5)
    third = _rows(db_session, province, page=3, page_size=5)
    beyond = _rows(db_session, province, page=99, page_size=5)
    assert (first.total, first.pages, len(first.rows)) == (13, 3, 5)
    assert len(third.rows) == 3
    assert beyond.page == 3 and beyond.rows == third.rows
    names = [r.full_name for r in _rows(db_session, province).rows]
    assert [r.full_name for r in first.rows] == names[:5]


def test_period_lists_completions_within_it(db_session, province):
    filters = ReportFilters(completed_from=date(2026, 5, 1), completed_to=date(2026, 5, 31))
    page = _rows(db_session, province, filters=filters)
    assert {(r.email.split("@")[0], _slug(province, r)) for r in page.rows} == {
        ("an3", "chuyen-doi-so-can-bo"), ("an3", "chuyen-trach-cds-attt"),
    }


def test_kind_and_course_filters(db_session, province):
    citizens = _rows(db_session, province, filters=ReportFilters(kind="citizen"))
    assert [(r.email, _slug(province, r)) for r in citizens.rows] == [("cit1@example.org",
                                                                  "ky-nang-so")]
    course = _rows(db_session, province, unit="P",
                   filters=ReportFilters(course_id=province.courses["SPEC"].id))
    assert sorted(r.email for r in course.rows) == ["an3@example.org", "an4@example.org",
                                                    "sn1@example.org"]


def test_manager_scope_hides_other_districts(db_session, province):
    scope = Scope(everything=False, paths=(province.units["B"].path,))
    page = people_page(db_session, scope, None, ReportFilters(), TODAY, SortState("name"))
    assert sorted(r.email for r in page.rows) == ["bn1@example.org", "bn2@example.org"]
