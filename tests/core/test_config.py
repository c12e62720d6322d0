"""Configuration from the environment and the production safety checks."""

import pytest

from learn import create_app
from learn.config import ConfigError, load_settings
from tests.conftest import make_settings


def test_defaults_use_sqlite_in_instance_folder(tmp_path, monkeypatch):
    for name in ("LEARN_DATABASE_URL", "LEARN_SECRET_KEY", "LEARN_ENV", "LEARN_COURSES_DIR"):
        monkeypatch.delenv(name, raising=False)
    settings = load_settings(tmp_path)
    assert settings.database_url == f"sqlite:///{tmp_path / 'learn.db'}"
    assert settings.env == "development"
    assert settings.courses_dir.name == "courses"


def test_development_secret_key_is_created_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.delenv("LEARN_SECRET_KEY", raising=False)
    first = load_settings(tmp_path).secret_key
    second = load_settings(tmp_path).secret_key
    assert len(first) >= 32
    assert first == second
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_environment_variables_are_read(tmp_path, monkeypatch):
    monkeypatch.setenv("LEARN_SITE_NAME", "Bồi dưỡng số")
    monkeypatch.setenv("LEARN_ORG_NAME", "Sở Nội vụ")
    monkeypatch.setenv("LEARN_REDIS_URL", "redis://127.0.0.1:6379/0")
    monkeypatch.setenv("LEARN_COURSES_DIR", str(tmp_path / "c"))
    settings = load_settings(tmp_path)
    assert settings.site_name == "Bồi dưỡng số"
    assert settings.org_name == "Sở Nội vụ"
    assert settings.redis_url == "redis://127.0.0.1:6379/0"
    assert settings.courses_dir == tmp_path / "c"


def test_unknown_environment_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("LEARN_ENV", "staging")
    with pytest.raises(ConfigError):
        load_settings(tmp_path)


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"secret_key": ""}, "LEARN_SECRET_KEY"),
        ({"secret_key": "short"}, "LEARN_SECRET_KEY"),
        ({"secret_key": "x" * 48, "debug": True}, "LEARN_DEBUG"),
    ],
)
def test_production_refuses_unsafe_settings(tmp_path, overrides, fragment):
    settings = make_settings("sqlite://", tmp_path, env="production", **overrides)
    with pytest.raises(ConfigError, match=fragment):
        create_app({"SETTINGS": settings, "INSTANCE_PATH": str(tmp_path)})


def test_production_with_a_strong_key_starts_with_secure_cookies(tmp_path):
    settings = make_settings("sqlite://", tmp_path, env="production", secret_key="k" * 48)
    app = create_app({"SETTINGS": settings, "INSTANCE_PATH": str(tmp_path)})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert app.config["SESSION_COOKIE_NAME"].startswith("__Host-")


def test_the_course_parser_loads_without_flask():
    import subprocess
    import sys

    code = (
        "import sys, learn.content; "
        "web = ('flask', 'sqlalchemy', 'werkzeug'); "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in web); "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
