"""The `learn` command: serve, database, users and (through features) courses and reports."""

from __future__ import annotations

import secrets
import sys

import click
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext
from flask_babel import force_locale
from sqlalchemy import func, select
from werkzeug.serving import run_simple

from learn import create_app, schema
from learn.auth import services as accounts
from learn.auth.cli import two_factor_group
from learn.auth.messages import account_message
from learn.core.cli import i18n_group
from learn.courses.cli import courses_group
from learn.db import transaction
from learn.ops.cli import check_deploy, db_backup, db_restore
from learn.reports.cli import report_group


def _settings():
    return current_app.config["SETTINGS"]


@click.group(cls=FlaskGroup, create_app=lambda: create_app(), add_default_commands=False,
             add_version_option=False, load_dotenv=False)
def main() -> None:
    """learn: e-learning for the province's digital-transformation programme."""


main.add_command(i18n_group)
main.add_command(check_deploy)
main.add_command(two_factor_group)
main.add_command(courses_group)
main.add_command(report_group)


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=int, help="Port to listen on.")
@with_appcontext
def serve(host: str, port: int) -> None:
    """Run the development server (use gunicorn in production)."""
    click.echo(f"Serving on http://{host}:{port}/ (Ctrl+C to stop)")
    run_simple(host, port, current_app._get_current_object(), threaded=True)


DEMO_ADMIN_EMAIL = "admin@example.org"


@main.command("quickstart")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=int, help="Port to listen on.")
@click.pass_context
@with_appcontext
def quickstart(ctx: click.Context, host: str, port: int) -> None:
    """First run and every run: migrate, demo administrator, publish courses, demo data, serve."""
    settings = _settings()
    schema.upgrade(settings.database_url)
    _ensure_demo_admin(settings)
    courses = main.get_command(ctx, "courses")
    sync = courses.get_command(ctx, "sync") if isinstance(courses, click.Group) else None
    if sync is not None:
        click.echo("Publishing the courses in " + str(settings.courses_dir))
        try:
            ctx.invoke(sync, directory=settings.courses_dir)
        except SystemExit as stop:
            if stop.code:
                click.echo("Some courses have errors and were not published (see above).")
    demo = main.get_command(ctx, "demo")
    if demo is not None and not _has_organisation():
        click.echo("Seeding the demo province (first run)...")
        ctx.invoke(demo)
    ctx.invoke(serve, host=host, port=port)


def _has_organisation() -> bool:
    from learn.orgs.models import OrgUnit

    with transaction(current_app) as session:
        return session.scalar(select(func.count()).select_from(OrgUnit)) > 0


def _ensure_demo_admin(settings) -> None:
    """Create the demo administrator once and print its credentials."""
    credentials = settings.instance_path / "demo-admin.txt"
    with transaction(current_app) as session:
        if accounts.find_user_by_email(session, DEMO_ADMIN_EMAIL) is not None:
            if credentials.exists():
                click.echo(f"Demo administrator: see {credentials}")
            return
        password = secrets.token_urlsafe(12)
        accounts.create_user(
            session, DEMO_ADMIN_EMAIL, "Quản trị viên (demo)",
            roles=("admin", "manager", "trainer"), password=password,
        )
    credentials.parent.mkdir(parents=True, exist_ok=True)
    credentials.write_text(f"{DEMO_ADMIN_EMAIL}\n{password}\n", encoding="utf-8")
    credentials.chmod(0o600)
    click.echo("=" * 64)
    click.echo("Demo administrator created (also saved in " + str(credentials) + "):")
    click.echo(f"  email:    {DEMO_ADMIN_EMAIL}")
    click.echo(f"  password: {password}")
    click.echo("=" * 64)


@main.group("db")
def db_group() -> None:
    """Database schema and maintenance."""


@db_group.command("upgrade")
@click.option("--revision", default="head", show_default=True)
@with_appcontext
def db_upgrade(revision: str) -> None:
    """Apply migrations (creates a new SQLite database if needed)."""
    schema.upgrade(_settings().database_url, revision)
    click.echo(f"Database at {schema.current_revision(_settings().database_url)}.")


@db_group.command("revision")
@click.option("--message", "-m", required=True, help="What the migration changes.")
@click.option("--empty", is_flag=True, help="Write an empty migration instead of autogenerating.")
@with_appcontext
def db_revision(message: str, empty: bool) -> None:
    """Write a new migration from the difference between models and database (developers)."""
    schema.revision(_settings().database_url, message, autogenerate=not empty)


db_group.add_command(db_backup)
db_group.add_command(db_restore)


@main.group("users")
def users_group() -> None:
    """Manage user accounts."""


@users_group.command("create")
@click.argument("email")
@click.option("--name", required=True, help="Full name.")
@click.option("--role", "roles", multiple=True, default=("learner",), show_default=True,
              type=click.Choice(["learner", "trainer", "manager", "admin"]),
              help="Role; repeat for several.")
@click.option("--kind", default="official", show_default=True,
              type=click.Choice(["official", "citizen"]))
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_appcontext
def users_create(email: str, name: str, roles: tuple[str, ...], kind: str,
                 password_stdin: bool) -> None:
    """Create a user; without a password, print a one-time activation link."""
    password = sys.stdin.readline().rstrip("\r\n") if password_stdin else None
    try:
        with transaction(current_app) as session:
            user = accounts.create_user(session, email, name, kind=kind, roles=roles,
                                        password=password)
            token = None if password else accounts.issue_activation(session, user)
            email_shown = user.email
    except accounts.AccountError as error:
        raise click.ClickException(_account_error_text(error.code)) from error
    click.echo(f"Created {email_shown} ({', '.join(sorted(roles))}).")
    if token:
        click.echo(f"Activation link (valid {accounts.ACTIVATION_HOURS} hours, one use): "
                   f"{_settings().base_url}/activate/{token}")


def _account_error_text(code: str) -> str:
    with force_locale("en"):
        return account_message(code)


from learn.orgs.cli import orgs_group, users_import  # noqa: E402  (needs users_group above)
from learn.orgs.demo import demo_command  # noqa: E402

main.add_command(orgs_group)
main.add_command(demo_command)
users_group.add_command(users_import)
