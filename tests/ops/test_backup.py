"""`learn db backup` of a running instance, `learn db restore` elsewhere, row-by-row comparison."""

import os
import sqlite3
import stat

import pytest

from learn import schema
from learn.ops.schema_check import head_revision
from tests.ops.conftest import migrated_sqlite, table_rows

PG_BASE = os.environ.get("LEARN_TEST_DATABASE_URL")


def test_sqlite_backup_of_a_running_instance_restores_row_for_row(tmp_path, cli_app, writer):
    live_url = migrated_sqlite(tmp_path / "live" / "learn.db")
    process = writer(live_url)
    process.wait_for(15)

    backup_file = tmp_path / "backups" / "learn-backup.db"
    result = cli_app(live_url).invoke("db", "backup", str(backup_file))
    assert result.exit_code == 0, result.output
    assert "Backed up" in result.output
    assert stat.S_IMODE(backup_file.stat().st_mode) == 0o600
    process.wait_for(process.written + 5)  # writes went on during and after the backup
    process.stop()

    restored_url = f"sqlite:///{tmp_path / 'restored' / 'learn.db'}"
    result = cli_app(restored_url).invoke("db", "restore", str(backup_file))
    assert result.exit_code == 0, result.output
    assert f"schema at {head_revision()}" in result.output

    backup_rows = table_rows(f"sqlite:///{backup_file}")
    restored_rows = table_rows(restored_url)
    live_rows = table_rows(live_url)
    assert restored_rows == backup_rows
    assert 0 < len(backup_rows["users"]) < len(live_rows["users"])
    for table, rows in backup_rows.items():
        assert set(rows) <= set(live_rows[table]), table
    # A consistent snapshot: every registration came with its consent, session and event.
    assert len(backup_rows["consent_records"]) == len(backup_rows["users"])
    assert len(backup_rows["user_sessions"]) == len(backup_rows["users"])


@pytest.mark.skipif(not PG_BASE, reason="LEARN_TEST_DATABASE_URL is not set")
def test_postgres_backup_of_a_running_instance_restores(
    fresh_postgres, cli_app, writer, tmp_path
):
    live_url = fresh_postgres("backup_live")
    restored_url = fresh_postgres("backup_restored")
    schema.upgrade(live_url)
    process = writer(live_url)
    process.wait_for(15)

    backup_file = tmp_path / "learn.dump"
    result = cli_app(live_url).invoke("db", "backup", str(backup_file))
    assert result.exit_code == 0, result.output
    assert backup_file.read_bytes().startswith(b"PGDMP")
    assert stat.S_IMODE(backup_file.stat().st_mode) == 0o600
    process.wait_for(process.written + 5)
    process.stop()

    result = cli_app(restored_url).invoke("db", "restore", str(backup_file))
    assert result.exit_code == 0, result.output
    restored_rows = table_rows(restored_url)
    live_rows = table_rows(live_url)
    assert restored_rows.keys() == live_rows.keys()
    assert 0 < len(restored_rows["users"]) < len(live_rows["users"])
    for table, rows in restored_rows.items():
        assert set(rows) <= set(live_rows[table]), table
    assert len(restored_rows["consent_records"]) == len(restored_rows["users"])

    again = cli_app(restored_url).invoke("db", "restore", str(backup_file))
    assert again.exit_code != 0
    assert "not empty" in again.output
    forced = cli_app(restored_url).invoke("db", "restore", "--force", str(backup_file))
    assert forced.exit_code == 0, forced.output
    assert table_rows(restored_url) == restored_rows


def test_backup_refuses_to_overwrite_without_force(tmp_path, cli_app):
    url = migrated_sqlite(tmp_path / "learn.db")
    target = tmp_path / "b.db"
    target.write_text("precious")
    app = cli_app(url)
    refused = app.invoke("db", "backup", str(target))
    assert refused.exit_code != 0
    assert "--force" in refused.output
    assert target.read_text() == "precious"
    assert app.invoke("db", "backup", "--force", str(target)).exit_code == 0
    assert target.read_bytes().startswith(b"SQLite format 3")


def test_restore_refuses_a_database_that_is_not_empty(tmp_path, cli_app):
    source_url = migrated_sqlite(tmp_path / "source.db")
    backup_file = tmp_path / "b.db"
    assert cli_app(source_url).invoke("db", "backup", str(backup_file)).exit_code == 0
    existing_url = migrated_sqlite(tmp_path / "existing.db")
    app = cli_app(existing_url)
    refused = app.invoke("db", "restore", str(backup_file))
    assert refused.exit_code != 0
    assert "not empty" in refused.output
    forced = app.invoke("db", "restore", "--force", str(backup_file))
    assert forced.exit_code == 0, forced.output


def test_restore_refuses_a_damaged_or_foreign_file(tmp_path, cli_app):
    app = cli_app(f"sqlite:///{tmp_path / 'target.db'}")
    junk = tmp_path / "junk.db"
    junk.write_bytes(os.urandom(4096))
    assert app.invoke("db", "restore", str(junk)).exit_code != 0

    source_url = migrated_sqlite(tmp_path / "source.db")
    backup_file = tmp_path / "b.db"
    cli_app(source_url).invoke("db", "backup", str(backup_file))
    data = bytearray(backup_file.read_bytes())
    data[5000:9000] = os.urandom(4000)  # inside the table pages
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(bytes(data))
    result = app.invoke("db", "restore", str(damaged))
    assert result.exit_code != 0
    assert not (tmp_path / "target.db").exists() or (tmp_path / "target.db").stat().st_size == 0

    no_schema = tmp_path / "plain.db"
    sqlite3.connect(no_schema).execute("CREATE TABLE t (x)").connection.close()
    result = app.invoke("db", "restore", str(no_schema))
    assert result.exit_code != 0
    assert "no learn database" in result.output


def test_restore_of_an_older_schema_says_to_upgrade(tmp_path, cli_app):
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(schema.alembic_config("sqlite://"))
    first = list(script.walk_revisions())[-1].revision
    old_url = f"sqlite:///{tmp_path / 'old.db'}"
    schema.upgrade(old_url, first)
    backup_file = tmp_path / "old-backup.db"
    assert cli_app(old_url).invoke("db", "backup", str(backup_file)).exit_code == 0
    result = cli_app(f"sqlite:///{tmp_path / 'new.db'}").invoke("db", "restore", str(backup_file))
    assert result.exit_code == 1
    assert "learn db upgrade" in result.output


def test_foreign_key_violations_in_a_backup_are_refused(tmp_path, cli_app):
    url = migrated_sqlite(tmp_path / "src.db")
    connection = sqlite3.connect(tmp_path / "src.db")
    connection.execute("PRAGMA foreign_keys=OFF")
    connection.execute(
        "INSERT INTO user_roles (user_id, role) VALUES (424242, 'learner')"
    )
    connection.commit()
    connection.close()
    backup_file = tmp_path / "b.db"
    result = cli_app(url).invoke("db", "backup", str(backup_file))
    assert result.exit_code != 0
    assert "foreign key" in result.output
    assert not backup_file.exists()
