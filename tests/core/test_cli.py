"""The learn command works from any folder and manages the schema and users."""

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from learn.auth.models import User

LEARN = Path(sys.executable).parent / "learn"


def _run(args, cwd, env_extra, stdin=None):
    env = {**os.environ, **env_extra}
    return subprocess.run(
        [str(LEARN), *args], cwd=cwd, env=env, input=stdin, capture_output=True, text=True,
        timeout=120, check=False,
    )


def test_db_upgrade_from_another_folder_creates_sqlite(tmp_path):
    db_file = tmp_path / "nested" / "learn.db"
    result = _run(["db", "upgrade"], tmp_path, {"LEARN_DATABASE_URL": f"sqlite:///{db_file}"})
    assert result.returncode == 0, result.stderr
    assert db_file.exists()
    assert "Database at" in result.stdout


def test_users_create_prints_activation_link(runner, db_session):
    result = runner.invoke(
        args=["users", "create", "Chi.Pham@Example.org", "--name", "Phạm Thị Chi",
              "--role", "trainer"]
    )
    assert result.exit_code == 0, result.output
    assert "/activate/" in result.output
    user = db_session.scalar(select(User).where(User.email == "chi.pham@example.org"))
    assert user is not None
    assert user.password_hash is None
    assert user.roles == {"trainer"}


def test_users_create_with_password_from_stdin(runner, client):
    result = runner.invoke(
        args=["users", "create", "an@example.org", "--name", "Lê Văn An", "--role", "admin",
              "--password-stdin"],
        input="tre xanh bo sat ben song\n",
    )
    assert result.exit_code == 0, result.output
    assert "/activate/" not in result.output
    response = client.post(
        "/login", data={"email": "an@example.org", "password": "tre xanh bo sat ben song"}
    )
    assert response.status_code == 302


def test_users_create_rejects_duplicates_and_weak_passwords(runner, make_user):
    make_user(email="dup@example.org")
    duplicate = runner.invoke(args=["users", "create", "DUP@example.org", "--name", "X Y"])
    assert duplicate.exit_code != 0
    assert "already exists" in duplicate.output
    weak = runner.invoke(
        args=["users", "create", "w@example.org", "--name", "W", "--password-stdin"],
        input="password123\n",
    )
    assert weak.exit_code != 0
    assert "too easy to guess" in weak.output
