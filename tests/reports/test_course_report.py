"""The course report: learners, completion, median time to complete and the unit funnel."""

from __future__ import annotations

from learn.orgs.scope import Scope
from learn.reports.course_report import build_course_report
from learn.reports.tables import ratio
from tests.reports.conftest import TODAY


def test_whole_population(db_session, province):
    report = build_course_report(db_session, Scope(everything=True), province.courses["CDS"],
                                 TODAY)
    assert (report.assigned.pairs, report.assigned.started, report.assigned.completed,
            report.assigned.overdue) == (8, 6, 5, 3)
    # bn4 (inactive) is left out everywhere.
    assert (report.learners, report.started, report.completed) == (8, 6, 5)
    assert ratio(report.completed, report.learners) == 0.63
    # Days to complete: 2, 9, 13, 19 and 30.7 -> median 13.
    assert report.median_days == 13.0
    assert [(s.position, s.reached, s.completed) for s in report.funnel] == [
        (1, 6, 6), (2, 6, 5), (3, 5, 5),
    ]


def test_manager_scope(db_session, province):
    scope = Scope(everything=False, paths=(province.units["A"].path,))
    report = build_course_report(db_session, scope, province.courses["CDS"], TODAY)
    assert (report.assigned.pairs, report.assigned.completed, report.assigned.overdue) == \
        (5, 3, 2)
    assert (report.learners, report.started, report.completed) == (5, 4, 3)
    assert report.median_days == 9.0
    assert [(s.reached, s.completed) for s in report.funnel] == [(4, 4), (4, 3), (3, 3)]


def test_learners_who_started_without_assignment_count(db_session, province):
    # free1 belongs to no unit and opened SKILLS: counted in the whole population only.
    everything = build_course_report(db_session, Scope(everything=True),
                                     province.courses["SKILLS"], TODAY)
    scoped = build_course_report(
        db_session, Scope(everything=False, paths=(province.units["A"].path,)),
        province.courses["SKILLS"], TODAY,
    )
    # Assigned: an1, an2, cit1, an3, an4, an5 (6); started: an1, cit1, an4 (+ free1).
    assert (everything.assigned.pairs, everything.started, everything.learners) == (6, 4, 7)
    assert (scoped.assigned.pairs, scoped.started, scoped.learners) == (6, 3, 6)
    assert everything.funnel[1].reached == 3  # cit1, an4 completed; free1 last opened unit 2
    assert everything.median_days == 3.0  # cit1 4 days, an4 2 days


def test_completions_per_month(db_session, province):
    report = build_course_report(db_session, Scope(everything=True), province.courses["CDS"],
                                 TODAY)
    counts = {m.month.strftime("%Y-%m"): m.count for m in report.months}
    assert len(report.months) == 12 and report.months[-1].month.month == 6
    # sn1 completed on 31 March at 20:00 UTC: April in Vietnam.
    assert counts == {"2025-07": 0, "2025-08": 0, "2025-09": 0, "2025-10": 0, "2025-11": 0,
                      "2025-12": 0, "2026-01": 1, "2026-02": 1, "2026-03": 1,
                      "2026-04": 1, "2026-05": 1, "2026-06": 0}
