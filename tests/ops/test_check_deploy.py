"""`learn check-deploy`: every unsafe production setting is reported with an id and a fix."""

import secrets
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask.cli import ScriptInfo

from learn.cli import main
from learn.config import ConfigError
from learn.ops.checks import DeploymentContext, run_checks
from learn.ops.mounts import filesystem_type, is_network_filesystem, parse_mounts
from learn.ops.redis_probe import ping_redis
from tests.conftest import LearnRunner, make_settings

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
proc /proc proc rw,nosuid 0 0
nas:/export/learn /srv/nfs nfs4 rw,relatime 0 0
//files/share /srv/smb cifs rw 0 0
user@host:/data /srv/ssh fuse.sshfs rw 0 0
/dev/sdb1 /srv/nfs/local\\040disk ext4 rw 0 0
tmpfs /tmp tmpfs rw 0 0
"""

SAFE = {
    "env": "production",
    "secret_key": secrets.token_urlsafe(48),
    "trusted_hosts": ("hoc.example.gov.vn",),
    "base_url": "https://hoc.example.gov.vn",
    "redis_url": "redis://127.0.0.1:6379/15",
    "totp_key": secrets.token_urlsafe(48),
    "argon2_time_cost": 3,
    "argon2_memory_kib": 65536,
}


def _ids(tmp_path, *, environ=None, mounts="", app_config=None, startup_error=None,
         ping=None, **overrides) -> set[str]:
    values = {**SAFE, **overrides}
    database_url = values.pop("database_url", "postgresql+psycopg://app@127.0.0.1/learn")
    settings = make_settings(database_url, tmp_path, **values)
    context = DeploymentContext(settings=settings, app_config=app_config,
                                startup_error=startup_error, environ=environ or {},
                                mounts_text=mounts, redis_ping=ping)
    return {finding.id for finding in run_checks(context)}


def test_a_safe_production_configuration_has_no_findings(tmp_path):
    assert _ids(tmp_path, ping=lambda url: None) == set()


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"env": "development"}, "learn.E001"),
        ({"debug": True}, "learn.E002"),
        ({"secret_key": ""}, "learn.E003"),
        ({"secret_key": "short"}, "learn.E003"),
        ({"secret_key": "a" * 40}, "learn.E004"),
        ({"secret_key": "my-super-secret-key-for-production-use"}, "learn.E004"),
        ({"trusted_hosts": ()}, "learn.W001"),
        ({"redis_url": None}, "learn.W002"),
        ({"redis_url": "redis://cache.internal:6379/0"}, "learn.W010"),
        ({"base_url": "http://hoc.example.gov.vn"}, "learn.E008"),
        ({"require_staff_2fa": False}, "learn.W004"),
        ({"totp_key": ""}, "learn.W005"),
        ({"totp_key": "short"}, "learn.E009"),
        ({"session_idle_minutes": 480}, "learn.W006"),
        ({"session_lifetime_hours": 24 * 30}, "learn.W007"),
        ({"argon2_time_cost": 1, "argon2_memory_kib": 1024}, "learn.W008"),
        ({"database_url": "postgresql+psycopg://app:pw@db.internal/learn"}, "learn.W009"),
        ({"database_url": "sqlite:////srv/learn/learn.db"}, "learn.W003"),
    ],
)
def test_each_unsafe_setting_is_reported(tmp_path, overrides, expected):
    assert expected in _ids(tmp_path, **overrides)


def test_tls_to_a_remote_database_is_accepted(tmp_path):
    url = "postgresql+psycopg://app@db.internal/learn?sslmode=verify-full"
    assert "learn.W009" not in _ids(tmp_path, database_url=url)


def test_memory_rate_limits_with_several_workers_are_reported_in_development(tmp_path):
    development = {"env": "development", "redis_url": None}
    assert "learn.W002" not in _ids(tmp_path, **development)
    for environ in ({"WEB_CONCURRENCY": "4"}, {"GUNICORN_CMD_ARGS": "--bind :8000 -w 3"},
                    {"GUNICORN_CMD_ARGS": "--workers=2"}):
        assert "learn.W002" in _ids(tmp_path, environ=environ, **development)


def test_unreachable_redis_is_an_error(tmp_path):
    assert "learn.E006" in _ids(tmp_path, redis_url="redis://127.0.0.1:1/0", ping=ping_redis)


@pytest.mark.parametrize(
    ("folder", "fs_type", "network"),
    [
        ("/srv/nfs/learn", "nfs4", True),
        ("/srv/smb/x/y", "cifs", True),
        ("/srv/ssh", "fuse.sshfs", True),
        ("/srv/nfs/local disk/learn", "ext4", False),
        ("/var/lib/learn", "ext4", False),
        ("/tmp/x", "tmpfs", False),
    ],
)
def test_filesystem_type_of_a_folder(folder, fs_type, network):
    found = filesystem_type(Path(folder), MOUNTS)
    assert found == fs_type
    assert is_network_filesystem(found) is network


def test_sqlite_on_a_network_filesystem_is_an_error(tmp_path):
    on_nfs = _ids(tmp_path, mounts=MOUNTS, database_url="sqlite:////srv/nfs/learn/learn.db")
    assert "learn.E007" in on_nfs
    local = _ids(tmp_path, mounts=MOUNTS, database_url="sqlite:////var/lib/learn/learn.db")
    assert "learn.E007" not in local


def test_mount_table_parsing_unescapes_spaces():
    assert ("/srv/nfs/local disk", "ext4") in parse_mounts(MOUNTS)


def test_insecure_cookie_configuration_is_an_error(tmp_path):
    config = {"SESSION_COOKIE_SECURE": False, "SESSION_COOKIE_HTTPONLY": True,
              "SESSION_COOKIE_SAMESITE": "Lax", "SESSION_COOKIE_NAME": "learn_session"}
    assert "learn.E005" in _ids(tmp_path, app_config=config)
    safe = {**config, "SESSION_COOKIE_SECURE": True, "SESSION_COOKIE_NAME": "__Host-learn"}
    assert "learn.E005" not in _ids(tmp_path, app_config=safe)


def test_command_on_the_development_app_fails_with_fixes(runner):
    result = runner.invoke(["check-deploy"])
    assert result.exit_code == 1
    for expected in ("learn.E001", "learn.E005", "learn.E008", "learn.W001", "fix:"):
        assert expected in result.output


def test_command_on_a_safe_production_app_passes(app_factory, monkeypatch):
    for name in ("WEB_CONCURRENCY", "GUNICORN_CMD_ARGS"):
        monkeypatch.delenv(name, raising=False)
    app = app_factory(**SAFE)
    result = LearnRunner(app).invoke(["check-deploy"])
    assert "ERROR" not in result.output
    if app.config["SETTINGS"].database_url.startswith("sqlite"):
        assert "learn.W003" in result.output
    assert result.exit_code == 0, result.output
    strict = LearnRunner(app).invoke(["check-deploy", "--strict"])
    assert strict.exit_code == (1 if "WARNING" in result.output else 0)


def test_command_reports_an_app_that_refuses_to_start(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LEARN_ENV", "production")
    monkeypatch.delenv("LEARN_SECRET_KEY", raising=False)

    def refuse():
        raise ConfigError("LEARN_SECRET_KEY is missing")

    result = CliRunner().invoke(main, ["check-deploy"], obj=ScriptInfo(create_app=refuse))
    assert result.exit_code == 1
    assert "learn.E000" in result.output
    assert "learn.E003" in result.output
