"""`learn 2fa status` and `learn 2fa reset EMAIL`."""

from sqlalchemy import func, select

from learn.audit.models import AuditEvent
from learn.auth.models import RecoveryCode, TotpCredential
from learn.auth.totp import key_id


def test_status_counts_enrolments_per_key(app, runner, client, auth, make_user, enrol):
    assert "No confirmed" in runner.invoke(["2fa", "status"]).output
    make_user(email="qt@example.org", roles=("admin",))
    auth.login("qt@example.org")
    enrol(client)
    settings = app.config["SETTINGS"]
    output = runner.invoke(["2fa", "status"]).output
    assert f"{key_id(settings.totp_key or settings.secret_key)}: 1 enrolment(s), current key" in (
        output
    )


def test_reset_turns_2fa_off_and_ends_sessions(runner, client, auth, make_user, db_session,
                                               enrol):
    make_user(email="qt@example.org", roles=("admin",))
    auth.login("qt@example.org")
    enrol(client)
    result = runner.invoke(["2fa", "reset", "QT@example.org"])
    assert result.exit_code == 0, result.output
    assert db_session.scalar(select(func.count()).select_from(TotpCredential)) == 0
    assert db_session.scalar(select(func.count()).select_from(RecoveryCode)) == 0
    assert client.get("/account").status_code == 302
    event = db_session.scalar(select(AuditEvent).where(AuditEvent.action == "auth.2fa_reset"))
    assert event.target == "qt@example.org" and event.actor_label == "cli"
    assert auth.login("qt@example.org").headers["Location"] == "/"


def test_reset_of_an_unknown_user_fails(runner):
    result = runner.invoke(["2fa", "reset", "nobody@example.org"])
    assert result.exit_code != 0
    assert "No user" in result.output
