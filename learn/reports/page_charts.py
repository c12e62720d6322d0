"""The charts of the report pages, with their text descriptions."""

from __future__ import annotations

from flask_babel import gettext as _
from markupsafe import Markup

from learn.core.i18n import format_percent
from learn.reports.charts import Bar, horizontal_bars, vertical_bars
from learn.reports.course_tables import month_label, months_table
from learn.reports.org_tables import line_name
from learn.reports.rollup import OrgRollup
from learn.reports.tables import ReportTable
from learn.reports.timeline import MonthCount


def _months_chart(chart_id: str, months: list[MonthCount]) -> Markup:
    bars = [Bar(month_label(m.month), float(m.count), str(m.count)) for m in months]
    values = "; ".join(f"{b.label}: {b.value_text}" for b in bars)
    return vertical_bars(
        chart_id,
        _("Completions per month"),
        _("Vertical bars, one per month, oldest first, with the number of completions "
          "printed above each bar. %(values)s.", values=values),
        bars,
    )


def org_charts(rollup: OrgRollup, months: list[MonthCount]) -> tuple[Markup | None, Markup,
                                                                      ReportTable]:
    """Completion rate by unit (None without units) and completions per month."""
    bars = [Bar(line_name(line), line.counts.rate, format_percent(line.counts.rate))
            for line in rollup.lines]
    rate_chart = None
    if bars:
        ordered = sorted(bars, key=lambda b: (b.value is None, -(b.value or 0.0)))
        values = "; ".join(f"{b.label}: {b.value_text}" for b in ordered)
        rate_chart = horizontal_bars(
            "chart-rate",
            _("Completion rate by unit"),
            _("Horizontal bars, one per unit, from the highest completion rate to the "
              "lowest, with the rate printed after each bar. %(values)s.", values=values),
            bars,
            format_percent,
        )
    table = months_table("org-months", _("Completions per month"), months)
    return rate_chart, _months_chart("chart-months", months), table


def course_months_chart(months: list[MonthCount]) -> Markup:
    """Completions of the course per month."""
    return _months_chart("chart-course-months", months)
