"""Report pages: sorting links, filters, drill-down, breadcrumbs, paging, languages."""

from __future__ import annotations

from datetime import date

from markupsafe import escape
from sqlalchemy import select

from learn.courses.models import Course
from learn.learning.models import CourseCompletion
from learn.learning.rules import completion_rule_text
from learn.orgs.scope import Scope
from learn.reports.filters import ReportFilters
from learn.reports.rollup import build_rollup
from learn.reports.timeline import month_window
from tests.reports.conftest import at
from tests.reports.parsing import html_tables
from tests.reports.test_statement_counts import grow


def test_sort_links_announce_direction(province, login):
    client = login("admin")
    unit = province.units["P"].id
    html = client.get(f"/reports/orgs?unit={unit}&sort=rate&dir=desc").get_data(as_text=True)
    assert '<th scope="col" class="num" aria-sort="descending">' in html
    assert (f'<a href="/reports/orgs?unit={unit}&amp;sort=rate">Tỷ lệ hoàn thành'
            '<span aria-hidden="true"> ▼</span><span class="visually-hidden">, đang sắp xếp '
            'giảm dần, chọn để sắp xếp tăng dần</span></a>') in html
    rows = html_tables(html)["org-table"]["rows"]
    assert [r[0] for r in rows] == ["Huyện Bình Sơn", "Sở Thông tin và Truyền thông",
                                    "Huyện An Phú", "Tổng: Tỉnh Demo"]
    # An unknown sort key falls back to the default order.
    default = client.get(f"/reports/orgs?unit={unit}&sort=password").get_data(as_text=True)
    assert html_tables(default)["org-table"]["rows"][0][0] == "Huyện An Phú"


def test_accessible_table_markup(province, login):
    html = login("admin").get(f"/reports/orgs?unit={province.units['A'].id}").get_data(
        as_text=True)
    assert '<div class="table-wrap" role="region" aria-labelledby="org-table-caption"' in html
    assert '<caption id="org-table-caption">Hoàn thành theo đơn vị: Huyện An Phú</caption>' \
        in html
    assert '<td class="num">' in html and '<th scope="row">' in html
    assert 'rel="stylesheet" href="/reports/static/reports.css"' in html


def test_drill_down_links_and_own_members_row(province, login):
    client = login("admin")
    units = province.units
    html = client.get(f"/reports/orgs?unit={units['A'].id}&course=chuyen-doi-so-can-bo"
                      ).get_data(as_text=True)
    rows = html_tables(html)["org-table"]["rows"]
    own = next(r for r in rows if r[0] == "Huyện An Phú (người thuộc trực tiếp đơn vị này)")
    assert own[-1] == ""  # its people are in the total row's list
    # Leaves open their list of people; people links keep the filters.
    assert f'href="/reports/orgs?unit={units["A1"].id}' not in html
    assert (f'<th scope="row"><a href="/reports/people?unit={units["A1"].id}'
            '&amp;course=chuyen-doi-so-can-bo">Xã Tân Lập</a></th>') in html
    assert (f'href="/reports/people?unit={units["A1"].id}&amp;course=chuyen-doi-so-can-bo"'
            in html)
    top = client.get(f"/reports/orgs?unit={units['P'].id}").get_data(as_text=True)
    assert f'href="/reports/orgs?unit={units["A"].id}"' in top


def test_breadcrumbs_stop_at_the_managers_scope(province, login):
    html = login("managera").get(f"/reports/orgs?unit={province.units['A1'].id}").get_data(
        as_text=True)
    crumbs = html.split('class="report-crumbs"')[1].split("</nav>")[0]
    assert "Huyện An Phú" in crumbs and "Xã Tân Lập" in crumbs and "Tỉnh Demo" not in crumbs


def test_invalid_filters_are_reported_and_not_applied(province, login):
    client = login("admin")
    unit = province.units["P"].id
    html = client.get(f"/reports/orgs?unit={unit}&date_from=2026-05-01&date_to=2026-04-01"
                      ).get_data(as_text=True)
    assert "Một số điều kiện lọc không hợp lệ" in html
    assert "Ngày kết thúc đang ở trước ngày bắt đầu." in html
    assert html_tables(html)["org-table"]["rows"][-1][4] == "8"
    assert client.get(f"/reports/orgs/export?format=csv&unit={unit}&course=nope"
                      ).status_code == 400
    assert client.get("/reports/people?kind=alien").status_code == 200


def test_filters_are_kept_in_the_form_and_links(province, login):
    client = login("admin")
    unit = province.units["P"].id
    html = client.get(f"/reports/orgs?unit={unit}&kind=official&date_from=2026-03-01"
                      ).get_data(as_text=True)
    assert '<option selected value="official">' in html
    assert 'value="2026-03-01"' in html
    assert "kind=official&amp;date_from=2026-03-01" in html  # in sort and export links


def test_people_page_and_paging(province, login, db_session):
    client = login("admin")
    unit = province.units["P"].id
    html = client.get(f"/reports/people?unit={unit}").get_data(as_text=True)
    assert "Số lượt khoá học được giao trong danh sách: 17." in html
    assert "report-pages" not in html
    grow(db_session, province)
    html = client.get(f"/reports/people?unit={unit}&sort=status").get_data(as_text=True)
    assert len(html_tables(html)["people-table"]["rows"]) == 50
    assert "Trang 1/" in html
    assert f'href="/reports/people?unit={unit}&amp;sort=status&amp;page=2" rel="next"' in html
    second = client.get(f"/reports/people?unit={unit}&sort=status&page=2").get_data(
        as_text=True)
    assert 'rel="prev"' in second


def test_english_formats(province, login):
    client = login("admin")
    html = client.get(f"/reports/orgs?unit={province.units['P'].id}&lang=en").get_data(
        as_text=True)
    rows = html_tables(html)["org-table"]["rows"]
    assert rows[-1] == ["Total: Tỉnh Demo", "9", "17", "11", "8", "47%", "5", "People"]
    people = client.get(f"/reports/people?unit={province.units['A1'].id}&lang=en").get_data(
        as_text=True)
    assert "10 Mar 2026" in people


def test_index_lists_what_each_role_may_open(province, login):
    trainer = login("trainer1").get("/reports/").get_data(as_text=True)
    assert "/reports/courses/chuyen-doi-so-can-bo/items" in trainer
    assert "/reports/orgs" not in trainer
    assert "/reports/courses/ky-nang-so" not in trainer
    other = login("trainer2").get("/reports/").get_data(as_text=True)
    assert "Chưa có khoá học nào để báo cáo." in other
    manager = login("managerb").get("/reports/").get_data(as_text=True)
    assert f'/reports/orgs?unit={province.units["B"].id}' in manager
    assert "/reports/courses/ky-nang-so" in manager and "/items" not in manager


def test_course_page_shows_rule_and_funnel(app, province, login, db_session):
    html = login("admin").get("/reports/courses/chuyen-doi-so-can-bo").get_data(as_text=True)
    course = db_session.get(Course, province.courses["CDS"].id)
    with app.test_request_context("/?lang=vi"):
        rule = completion_rule_text(course, course.units)
    assert f'<p class="lead">{escape(rule)}</p>' in html
    funnel = html_tables(html)["course-funnel"]["rows"]
    assert funnel[0][:6] == ["1", "Chuyển đổi số cho cán bộ – bài 1", "Có", "6", "100 %", "6"]
    assert "Số ngày hoàn thành (trung vị)" in html
    assert html_tables(html)["course-summary"]["rows"][0][-1] == "13,0"


def _months(db_session, unit, filters, months) -> list[int]:
    rollup = build_rollup(db_session, Scope(everything=True), unit, filters, date(2026, 6, 1),
                          months)
    assert [m.month for m in rollup.months] == months
    return [m.count for m in rollup.months]


def test_org_timeline_counts_assigned_completions(db_session, province):
    months = [date(2026, m, 1) for m in range(1, 7)]
    # Assigned completions: an4 CDS+SKILLS (Jan, Feb), bn1 Feb, an1 Mar, cit1 Apr,
    # sn1 Apr (Vietnam time), an3 CDS+SPEC May.
    assert _months(db_session, province.units["P"], ReportFilters(), months) == \
        [1, 2, 1, 2, 2, 0]
    period = ReportFilters(completed_from=date(2026, 4, 1), completed_to=date(2026, 4, 30),
                           kind="citizen")
    assert _months(db_session, province.units["P"], period, months) == [0, 0, 0, 1, 0, 0]
    # A course filter, and a unit's subtree (B: bn1's CDS in February).
    cds = ReportFilters(course_id=province.courses["CDS"].id)
    assert _months(db_session, province.units["P"], cds, months) == [1, 1, 1, 1, 1, 0]
    assert _months(db_session, province.units["B"], ReportFilters(), months) == \
        [0, 1, 0, 0, 0, 0]


def test_org_timeline_shows_only_its_months_but_counts_the_whole_period(db_session,
                                                                         province):
    # An old completion inside a long period counts as completed, outside the months shown.
    old = db_session.scalars(select(CourseCompletion).where(
        CourseCompletion.user_id == province.people["an4"].id,
        CourseCompletion.course_id == province.courses["CDS"].id)).one()
    old.completed_at = at(2019, 5, 5)
    db_session.commit()
    since_2010 = ReportFilters(completed_from=date(2010, 1, 1), completed_to=date(2026, 5, 31))
    rollup = build_rollup(db_session, Scope(everything=True), province.units["P"], since_2010,
                          date(2026, 6, 1), month_window(since_2010, date(2026, 6, 1)))
    assert len(rollup.months) == 36 and rollup.months[0].month == date(2023, 6, 1)
    assert sum(m.count for m in rollup.months) == 7
    assert rollup.total.completed == 8
    assert _months(db_session, province.units["P"], ReportFilters(),
                   [date(2019, 5, 1), date(2019, 6, 1)]) == [1, 0]
