"""`learn 2fa`: key rotation status and resetting the two-factor sign-in of a locked-out user."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from learn.audit.services import record as audit
from learn.auth import services, two_factor
from learn.auth.totp import key_id
from learn.db import transaction

CLI_ACTOR = "cli"


@click.group("2fa")
def two_factor_group() -> None:
    """Two-factor sign-in: key rotation status, resetting a user's enrolment."""


@two_factor_group.command("status")
@with_appcontext
def status() -> None:
    """How many enrolments use the current key, a retired key, or a key no longer configured."""
    settings = current_app.config["SETTINGS"]
    ring = two_factor.key_ring(settings)
    retired = {key_id(k) for k in ring.retired}
    with transaction(current_app) as session:
        counts = two_factor.keys_in_use(session)
    if not counts:
        click.echo("No confirmed two-factor enrolments.")
    for fingerprint, count in sorted(counts.items()):
        if fingerprint == ring.current_id:
            state = "current key"
        elif fingerprint in retired:
            state = "retired key (still accepted; these users should enrol again)"
        else:
            state = "UNKNOWN key (these users can only use recovery codes)"
        click.echo(f"{fingerprint}: {count} enrolment(s), {state}")


@two_factor_group.command("reset")
@click.argument("email")
@with_appcontext
def reset(email: str) -> None:
    """Turn off two-factor sign-in for a user who lost both phone and recovery codes."""
    with transaction(current_app) as session:
        user = services.find_user_by_email(session, email)
        if user is None:
            raise click.ClickException(f"No user with the email {email}.")
        two_factor.disable(session, user.id)
        ended = services.end_all_sessions(session, user.id)
        audit(session, "auth.2fa_reset", actor_label=CLI_ACTOR, target=user.email,
              details={"sessions_ended": ended})
        shown = user.email
    click.echo(f"Two-factor sign-in turned off for {shown}; {ended} session(s) ended. "
               "Check the person's identity before telling them.")
