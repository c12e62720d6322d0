"""`learn report completion`: the organisation report written to a file (whole tree)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import force_locale
from sqlalchemy import select

from learn.audit.services import record as audit
from learn.core.localtime import local_today
from learn.courses.models import Course
from learn.db import transaction
from learn.orgs.models import OrgUnit
from learn.orgs.scope import Scope
from learn.reports.exports import FORMATS, render
from learn.reports.filters import ReportFilters
from learn.reports.org_tables import DEFAULT_SORT, org_document
from learn.reports.query import filter_notes
from learn.reports.rollup import build_rollup


@click.group("report")
def report_group() -> None:
    """Reports written to files."""


@report_group.command("completion")
@click.option("--unit", "unit_code", help="Code of the unit (default: the top of the tree).")
@click.option("--course", "course_slug", help="Only this course (its id, the folder name).")
@click.option("--kind", type=click.Choice(["official", "citizen"]), help="Only this kind of user.")
@click.option("--from", "date_from", type=click.DateTime(["%Y-%m-%d"]),
              help="Count completions on or after this day (YYYY-MM-DD).")
@click.option("--to", "date_to", type=click.DateTime(["%Y-%m-%d"]),
              help="Count completions on or before this day (YYYY-MM-DD).")
@click.option("--format", "fmt", required=True, type=click.Choice(sorted(FORMATS)))
@click.option("--output", required=True, type=click.Path(dir_okay=False, writable=True),
              help="File to write.")
@click.option("--language", default="vi", show_default=True, type=click.Choice(["vi", "en"]))
@with_appcontext
def completion(unit_code: str | None, course_slug: str | None, kind: str | None,
               date_from, date_to, fmt: str, output: str, language: str) -> None:
    """Write completion by organisation (child units of --unit) as CSV or XLSX."""
    today: date = local_today()
    with force_locale(language), transaction(current_app) as session:
        unit = None
        if unit_code:
            unit = session.scalar(select(OrgUnit).where(OrgUnit.code == unit_code))
            if unit is None:
                raise click.ClickException(f"No unit with code {unit_code!r}.")
        course = None
        if course_slug:
            course = session.scalar(select(Course).where(Course.slug == course_slug))
            if course is None:
                raise click.ClickException(f"No course {course_slug!r}.")
        filters = ReportFilters(
            course_id=course.id if course else None, kind=kind,
            completed_from=date_from.date() if date_from else None,
            completed_to=date_to.date() if date_to else None,
        )
        if filters.completed_from and filters.completed_to \
                and filters.completed_to < filters.completed_from:
            raise click.ClickException("--to is before --from.")
        scope = Scope(everything=True)
        rollup = build_rollup(session, scope, unit, filters, today)
        stem = "-".join(["completion", unit.code if unit else "all",
                         *([course.slug] if course else [])])
        document = org_document(rollup, DEFAULT_SORT, filter_notes(unit, course, filters), stem)
        data = render(document, fmt)
        Path(output).write_bytes(data)
        audit(session, "reports.export", actor_label="cli", target="orgs",
              details={"format": fmt, "unit": unit_code or "", "course": course_slug or "",
                       "kind": kind or "", "rows": len(document.tables[0].rows),
                       "output": Path(output).name})
    click.echo(f"Wrote {output} ({len(rollup.lines)} units).")
