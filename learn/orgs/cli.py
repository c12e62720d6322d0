"""Commands: `learn orgs import/export` and `learn users import`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import force_locale

from learn.audit.services import record as audit
from learn.auth.services import ACTIVATION_HOURS
from learn.db import transaction
from learn.orgs.csv_import import ImportPlan
from learn.orgs.csvfile import CsvTable, read_csv, read_limited
from learn.orgs.errors import OrgError
from learn.orgs.messages import FIELD_LABELS, error_text
from learn.orgs.orgs_csv import apply_orgs_import, export_orgs_csv, plan_orgs_import
from learn.orgs.scope import Scope
from learn.orgs.users_csv import activation_links_csv, apply_users_import, plan_users_import

CLI_ACTOR = "cli"
Plan = TypeVar("Plan", bound=ImportPlan)


def _read(path: Path) -> CsvTable:
    try:
        with path.open("rb") as stream:
            return read_csv(read_limited(stream))
    except OSError as error:
        raise click.ClickException(f"Cannot read {path}: {error.strerror}") from error
    except OrgError as error:
        raise click.ClickException(_english(error)) from error


def _english(error: OrgError) -> str:
    with force_locale("en"):
        return error_text(error)


def _print_rows(rows) -> None:
    with force_locale("en"):
        for row in rows:
            label = getattr(row, "code", None) or getattr(row, "email", "")
            if row.errors:
                for error in row.errors:
                    click.echo(f"row {row.number}: {label}: error: {error_text(error)}", err=True)
            elif row.status == "update":
                changed = ", ".join(str(FIELD_LABELS.get(c, c)) for c in row.changes)
                click.echo(f"row {row.number}: {label}: update ({changed})")
            else:
                click.echo(f"row {row.number}: {label}: {row.status}")


def _summary(plan: ImportPlan) -> str:
    return (f"{plan.count('create')} to create, {plan.count('update')} to update, "
            f"{plan.count('unchanged')} unchanged, {plan.count('error')} with errors")


def _preview(make_plan: Callable[[], Plan], ignored_note: str, dry_run: bool) -> Plan | None:
    """Plan and print every row; the plan to apply, or None on a dry run.

    A file with any error is refused whole (ClickException), so nothing is ever half applied.
    """
    try:
        plan = make_plan()
    except OrgError as error:
        raise click.ClickException(_english(error)) from error
    _print_rows(plan.rows)
    if plan.ignored_columns:
        click.echo(ignored_note + ", ".join(plan.ignored_columns))
    click.echo(_summary(plan) + ".")
    if not plan.ok:
        raise click.ClickException("The file has errors; nothing was changed.")
    if dry_run:
        click.echo("Dry run: nothing was changed.")
        return None
    return plan


@click.group("orgs")
def orgs_group() -> None:
    """The organisation tree (units of the province)."""


@orgs_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check and show what would change; change nothing.")
@with_appcontext
def orgs_import(file: Path, dry_run: bool) -> None:
    """Create or update units from a CSV file: code,name,kind,parent_code (all or nothing)."""
    table = _read(file)
    with transaction(current_app) as session:
        plan = _preview(lambda: plan_orgs_import(session, table), "Ignored columns: ", dry_run)
        if plan is None:
            return
        apply_orgs_import(session, plan)
        audit(session, "orgs.import", actor_label=CLI_ACTOR, target=file.name,
              details=plan.counts())
    click.echo("Applied.")


@orgs_group.command("export")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file instead of standard output.")
@with_appcontext
def orgs_export(output: Path | None) -> None:
    """Write the tree as CSV (code,name,kind,parent_code), parents before children."""
    with transaction(current_app) as session:
        text = export_orgs_csv(session)
        audit(session, "orgs.export", actor_label=CLI_ACTOR, target=str(output or "stdout"))
    if output is None:
        click.echo(text.lstrip("\ufeff"), nl=False)
    else:
        output.write_text(text, encoding="utf-8", newline="")
        click.echo(f"Wrote {output}.", err=True)


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check and show what would change; change nothing.")
@click.option("--links", "links_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the new accounts' activation links to this CSV file instead of "
                   "printing them.")
@with_appcontext
def users_import(file: Path, dry_run: bool, links_file: Path | None) -> None:
    """Create or update people from a CSV file (all or nothing).

    Columns: email,full_name,unit_code,kind,position,is_dx_specialist. Roles and passwords
    are never imported; new people get a one-time activation link.
    """
    table = _read(file)
    settings = current_app.config["SETTINGS"]
    scope = Scope(everything=True)
    with transaction(current_app) as session:
        plan = _preview(
            lambda: plan_users_import(session, scope, table),
            "Ignored columns (roles and passwords are never imported): ", dry_run,
        )
        if plan is None:
            return
        created = apply_users_import(session, scope, plan)
        audit(session, "users.import", actor_label=CLI_ACTOR, target=file.name,
              details=plan.audit_details())
    click.echo("Applied.")
    if not created:
        return
    links = activation_links_csv(created, settings.base_url, f"{ACTIVATION_HOURS} h")
    if links_file is not None:
        links_file.write_text(links, encoding="utf-8", newline="")
        links_file.chmod(0o600)
        click.echo(f"Activation links ({len(created)}, valid {ACTIVATION_HOURS} hours, one use "
                   f"each) written to {links_file}.")
        return
    click.echo(f"Activation links (valid {ACTIVATION_HOURS} hours, one use each):")
    for account in created:
        click.echo(f"  {account.email}  {settings.base_url}/activate/{account.token}")

