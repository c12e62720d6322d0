"""The organisation report as tables (screen, CSV, XLSX)."""

from __future__ import annotations

from collections.abc import Callable

from flask_babel import gettext as _

from learn.reports.counts import Counts
from learn.reports.rollup import OrgRollup, UnitLine
from learn.reports.sorting import SortState
from learn.reports.tables import Column, Link, ReportDocument, Row, sorted_table_document

SORT_KEYS = ("name", "learners", "pairs", "started", "completed", "rate", "overdue")
DEFAULT_SORT = SortState("name")

UnitUrl = Callable[[int], str]


def _columns() -> tuple[Column, ...]:
    return (
        Column("name", _("Unit"), "text", sortable=True),
        Column("learners", _("Learners"), "int", sortable=True),
        Column("pairs", _("Assigned"), "int", sortable=True),
        Column("started", _("Started learning"), "int", sortable=True),
        Column("completed", _("Completed"), "int", sortable=True),
        Column("rate", _("Completion rate"), "percent", sortable=True),
        Column("overdue", _("Overdue"), "int", sortable=True),
        Column("people", _("People"), "text", screen_only=True),
    )


def line_name(line: UnitLine) -> str:
    """The unit's name as shown in its row."""
    name = line.name
    if line.own_members:
        name = _("%(unit)s (people placed directly in it)", unit=name)
    if not line.is_active:
        name = _("%(unit)s (inactive)", unit=name)
    return name


def _values(name: str, counts: Counts, people: bool = True) -> tuple:
    return (name, counts.learners, counts.pairs, counts.started, counts.completed,
            counts.rate, counts.overdue, _("People") if people else "")


def definitions() -> list[tuple[str, str]]:
    """What each count means, one sentence each (on the page and in the files)."""
    return [
        (_("Learners"), _("Distinct people (active accounts) with at least one course "
                          "assigned to them.")),
        (_("Assigned"), _("Each row counts (learner, course) pairs: a course assigned to a "
                          "unit reaches everyone in that unit and the units below it who fit "
                          "the assignment's audience; the same course assigned twice counts "
                          "once.")),
        (_("Started learning"), _("Assigned pairs in which the learner has opened the "
                                  "course.")),
        (_("Completed"), _("Assigned pairs with a course completion record, dated within the "
                           "period when one is chosen.")),
        (_("Completion rate"), _("Completed pairs divided by assigned pairs, rounded to a "
                                 "whole percent.")),
        (_("Overdue"), _("Assigned pairs whose due date has passed (Vietnam time) and that "
                         "are not completed.")),
    ]


def _sort_value(line: UnitLine, key: str):
    counts = line.counts
    values = {
        "name": line_name(line).casefold(),
        "learners": counts.learners,
        "pairs": counts.pairs,
        "started": counts.started,
        "completed": counts.completed,
        "rate": counts.rate if counts.rate is not None else -1.0,
        "overdue": counts.overdue,
    }
    return values[key]


def sorted_lines(rollup: OrgRollup, sort: SortState) -> list[UnitLine]:
    """The lines in the asked order (name breaks ties)."""
    lines = sorted(rollup.lines, key=lambda line: line_name(line).casefold())
    return sorted(lines, key=lambda line: _sort_value(line, sort.key), reverse=sort.descending)


def org_document(
    rollup: OrgRollup,
    sort: SortState,
    notes: list[str],
    filename_stem: str,
    drill_url: UnitUrl | None = None,
    people_url: UnitUrl | None = None,
) -> ReportDocument:
    """The organisation report: a row per child unit and the chosen unit's total."""
    rows = []
    for line in sorted_lines(rollup, sort):
        name = line_name(line)
        links = {}
        if not line.own_members:
            # A unit with sub-units opens its own roll-up; a leaf opens its list of people.
            if drill_url and line.has_children:
                links["name"] = Link(drill_url(line.unit_id))
            elif people_url:
                links["name"] = Link(people_url(line.unit_id))
            if people_url:
                links["people"] = Link(people_url(line.unit_id),
                                       _("People of %(unit)s", unit=name))
        rows.append(Row(_values(name, line.counts, people=not line.own_members), links))
    title = rollup.unit.name if rollup.unit is not None else _("All units in your scope")
    total_name = _("Total: %(unit)s", unit=title)
    total_links = {}
    if people_url and rollup.unit is not None:
        total_links["people"] = Link(people_url(rollup.unit.id),
                                     _("People of %(unit)s", unit=title))
    rows.append(Row(_values(total_name, rollup.total), total_links, total=True))
    return sorted_table_document(
        key="org-table", table_title=_("Completion by unit: %(unit)s", unit=title),
        columns=_columns(), rows=rows, sort=sort,
        title=_("Completion by organisation: %(unit)s", unit=title),
        filename_stem=filename_stem,
        notes=[*notes, *(f"{term}: {text}" for term, text in definitions())],
    )
