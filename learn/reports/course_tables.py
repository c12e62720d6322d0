"""The course report as tables (screen, CSV, XLSX)."""

from __future__ import annotations

from flask_babel import gettext as _

from learn.reports.course_report import CourseReport
from learn.reports.tables import Column, ReportDocument, ReportTable, Row, one_decimal, ratio
from learn.reports.timeline import MonthCount


def month_label(month) -> str:
    """A month as MM/YYYY."""
    return month.strftime("%m/%Y")


def months_table(key: str, title: str, months: list[MonthCount]) -> ReportTable:
    """Completions per month as a table (the text alternative of the chart)."""
    return ReportTable(
        key=key,
        title=title,
        columns=(Column("month", _("Month"), "text"), Column("count", _("Completions"), "int")),
        rows=[Row((month_label(m.month), m.count)) for m in months],
    )


def course_document(report: CourseReport, filename_stem: str, notes: list[str]) -> ReportDocument:
    """Key figures, the unit funnel and completions per month."""
    assigned = report.assigned
    summary = ReportTable(
        key="course-summary",
        title=_("Key figures"),
        columns=(
            Column("learners", _("Learners (assigned or started)"), "int"),
            Column("started", _("Started learning"), "int"),
            Column("completed", _("Completed"), "int"),
            Column("rate", _("Completion rate"), "percent"),
            Column("assigned", _("Assigned"), "int"),
            Column("assigned_completed", _("Assigned and completed"), "int"),
            Column("assigned_rate", _("Completion rate of assigned learners"), "percent"),
            Column("overdue", _("Overdue"), "int"),
            Column("median", _("Median days to complete"), "number", decimals=1),
        ),
        rows=[Row((
            report.learners, report.started, report.completed,
            ratio(report.completed, report.learners), assigned.pairs, assigned.completed,
            assigned.rate, assigned.overdue, one_decimal(report.median_days),
        ))],
    )
    funnel = ReportTable(
        key="course-funnel",
        title=_("Where learners stop: units reached and completed"),
        columns=(
            Column("position", _("No."), "int"),
            Column("unit", _("Unit"), "text"),
            Column("required", _("Required"), "text"),
            Column("reached", _("Reached"), "int"),
            Column("reached_share", _("Reached (share of starters)"), "percent"),
            Column("completed", _("Completed"), "int"),
            Column("completed_share", _("Completed (share of starters)"), "percent"),
        ),
        rows=[
            Row((
                index, step.title, _("Yes") if step.required else _("No"), step.reached,
                ratio(step.reached, report.started), step.completed,
                ratio(step.completed, report.started),
            ))
            for index, step in enumerate(report.funnel, start=1)
        ],
    )
    months = months_table("course-months", _("Completions per month"), report.months)
    return ReportDocument(
        title=_("Course report: %(course)s", course=report.course.title),
        filename_stem=filename_stem,
        tables=[summary, funnel, months],
        notes=notes,
    )
