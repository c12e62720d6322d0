"""Roll-up by organisation: hand-computed counts, drill-down, filters and sorting.

Expected numbers are worked out by hand from the province in conftest.py.
"""

from __future__ import annotations

from datetime import date

from learn.orgs.scope import Scope
from learn.reports.counts import Counts
from learn.reports.filters import ReportFilters
from learn.reports.org_tables import sorted_lines
from learn.reports.rollup import build_rollup
from learn.reports.sorting import SortState
from tests.reports.conftest import TODAY

EVERYTHING = Scope(everything=True)


def _by_code(rollup) -> dict[str, Counts]:
    return {line.code: line.counts for line in rollup.lines}


def test_province_children_and_total(db_session, province):
    rollup = build_rollup(db_session, EVERYTHING, province.units["P"], ReportFilters(), TODAY)
    assert _by_code(rollup) == {
        "A": Counts(learners=6, pairs=13, started=9, completed=6, overdue=4),
        "B": Counts(learners=2, pairs=2, started=1, completed=1, overdue=1),
        "S": Counts(learners=1, pairs=2, started=1, completed=1, overdue=0),
    }
    assert rollup.total == Counts(learners=9, pairs=17, started=11, completed=8, overdue=5)
    assert rollup.total.rate == 0.47
    assert _by_code(rollup)["A"].rate == 0.46


def test_drill_down_includes_people_placed_directly_in_the_unit(db_session, province):
    rollup = build_rollup(db_session, EVERYTHING, province.units["A"], ReportFilters(), TODAY)
    lines = {line.code: line for line in rollup.lines}
    assert lines["A"].own_members
    assert lines["A"].counts == Counts(learners=1, pairs=2, started=0, completed=0, overdue=1)
    assert lines["A1"].counts == Counts(learners=3, pairs=5, started=4, completed=2, overdue=3)
    assert lines["A2"].counts == Counts(learners=1, pairs=3, started=2, completed=2, overdue=0)
    assert lines["AO"].counts == Counts(learners=1, pairs=3, started=3, completed=2, overdue=0)
    assert rollup.total == Counts(learners=6, pairs=13, started=9, completed=6, overdue=4)


def test_leaf_unit_has_no_children(db_session, province):
    rollup = build_rollup(db_session, EVERYTHING, province.units["B1"], ReportFilters(), TODAY)
    assert [line.code for line in rollup.lines] == ["B1"]
    assert rollup.total == Counts(learners=2, pairs=2, started=1, completed=1, overdue=1)


def test_top_of_scope_for_administrator_and_manager(db_session, province):
    top = build_rollup(db_session, EVERYTHING, None, ReportFilters(), TODAY)
    assert [line.code for line in top.lines] == ["P"]
    assert top.total.pairs == 17
    manager = Scope(everything=False, paths=(province.units["B"].path,))
    mine = build_rollup(db_session, manager, None, ReportFilters(), TODAY)
    assert [line.code for line in mine.lines] == ["B"]
    assert mine.total == Counts(learners=2, pairs=2, started=1, completed=1, overdue=1)


def test_scope_limits_counts_even_for_a_wider_unit(db_session, province):
    # Defence in depth: asking for P with B's scope counts only B's people.
    manager = Scope(everything=False, paths=(province.units["B"].path,))
    rollup = build_rollup(db_session, manager, province.units["P"], ReportFilters(), TODAY)
    assert rollup.total.pairs == 2
    assert _by_code(rollup)["A"].pairs == 0


def test_course_filter(db_session, province):
    filters = ReportFilters(course_id=province.courses["CDS"].id)
    rollup = build_rollup(db_session, EVERYTHING, province.units["P"], filters, TODAY)
    assert _by_code(rollup)["A"] == Counts(learners=5, pairs=5, started=4, completed=3,
                                           overdue=2)
    assert rollup.total == Counts(learners=8, pairs=8, started=6, completed=5, overdue=3)


def test_kind_filter(db_session, province):
    filters = ReportFilters(kind="citizen")
    rollup = build_rollup(db_session, EVERYTHING, province.units["P"], filters, TODAY)
    assert rollup.total == Counts(learners=1, pairs=1, started=1, completed=1, overdue=0)


def test_period_counts_completions_by_vietnam_date(db_session, province):
    march = ReportFilters(completed_from=date(2026, 3, 1), completed_to=date(2026, 3, 31))
    rollup = build_rollup(db_session, EVERYTHING, province.units["P"], march, TODAY)
    # sn1 completed at 20:00 UTC on 31 March, which is 1 April in Vietnam.
    assert rollup.total == Counts(learners=9, pairs=17, started=11, completed=1, overdue=5)
    april_first = ReportFilters(completed_from=date(2026, 4, 1), completed_to=date(2026, 4, 1))
    rollup = build_rollup(db_session, EVERYTHING, province.units["P"], april_first, TODAY)
    assert _by_code(rollup)["S"].completed == 1
    assert rollup.total.completed == 1


def test_inactive_user_and_inactive_assignment_do_not_count(db_session, province):
    rollup = build_rollup(db_session, EVERYTHING, province.units["B1"], ReportFilters(), TODAY)
    # bn3 (citizen) is only reached by the inactive assignment; bn4 is an inactive account.
    assert rollup.total.learners == 2


def test_overdue_depends_on_today(db_session, province):
    before = build_rollup(db_session, EVERYTHING, province.units["P"], ReportFilters(),
                          date(2019, 12, 31))
    assert before.total.overdue == 0


def test_sorting_lines(db_session, province):
    rollup = build_rollup(db_session, EVERYTHING, province.units["P"], ReportFilters(), TODAY)
    assert [x.code for x in sorted_lines(rollup, SortState("name"))] == ["A", "B", "S"]
    assert [x.code for x in sorted_lines(rollup, SortState("pairs", True))] == ["A", "B", "S"]
    assert [x.code for x in sorted_lines(rollup, SortState("rate", True))] == ["B", "S", "A"]
    assert [x.code for x in sorted_lines(rollup, SortState("overdue"))] == ["S", "B", "A"]
