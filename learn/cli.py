"""The `learn` command: serve, database, users and (through features) courses and reports."""

from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext

from learn import create_app, schema
from learn.auth import services as accounts
from learn.core.cli import i18n_group
from learn.db import transaction


def _settings():
    return current_app.config["SETTINGS"]


@click.group(cls=FlaskGroup, create_app=lambda: create_app(), add_default_commands=False,
             add_version_option=False, load_dotenv=False)
def main() -> None:
    """learn: e-learning for the province's digital-transformation programme."""


main.add_command(i18n_group)


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=int, help="Port to listen on.")
@with_appcontext
def serve(host: str, port: int) -> None:
    """Run the development server (use gunicorn in production)."""
    from werkzeug.serving import run_simple

    click.echo(f"Serving on http://{host}:{port}/ (Ctrl+C to stop)")
    run_simple(host, port, current_app._get_current_object(), threaded=True)


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


_ACCOUNT_ERRORS = {
    "invalid_email": "the email address is not valid",
    "invalid_name": "the name is empty or too long",
    "email_taken": "a user with this email already exists",
    "password_too_short": "the password is shorter than 10 characters",
    "password_too_long": "the password is too long",
    "password_too_weak": "the password is too easy to guess; use a passphrase",
    "password_personal": "the password contains the name or email",
}


def _account_error_text(code: str) -> str:
    return _ACCOUNT_ERRORS.get(code, code)
