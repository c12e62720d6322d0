"""Commands: `learn check-deploy`, `learn db backup FILE`, `learn db restore FILE`."""

from __future__ import annotations

import os
from pathlib import Path

import click
from flask import current_app
from flask.cli import ScriptInfo, with_appcontext

from learn.config import ConfigError, load_settings
from learn.ops.backup import backup, restore
from learn.ops.checks import ERROR, DeploymentContext, run_checks
from learn.ops.mounts import read_proc_mounts
from learn.ops.redis_probe import ping_redis
from learn.ops.sqlite_backup import BackupError


def _context(script_info: ScriptInfo) -> DeploymentContext:
    try:
        app = script_info.load_app()
    except ConfigError as error:
        # The app refuses to start; check the raw settings so every problem is listed.
        return DeploymentContext(
            settings=load_settings(Path.cwd() / "instance"),
            startup_error=str(error),
            environ=dict(os.environ),
            mounts_text=read_proc_mounts(),
            redis_ping=ping_redis,
        )
    return DeploymentContext(
        settings=app.config["SETTINGS"],
        app_config=app.config,
        environ=dict(os.environ),
        mounts_text=read_proc_mounts(),
        redis_ping=ping_redis,
    )


@click.command("check-deploy")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.pass_context
def check_deploy(ctx: click.Context, strict: bool) -> None:
    """Report unsafe production settings; exit 1 when any error is found."""
    findings = run_checks(_context(ctx.ensure_object(ScriptInfo)))
    for finding in findings:
        label = "ERROR  " if finding.level == ERROR else "WARNING"
        click.echo(f"{label} {finding.id}: {finding.message}")
        click.echo(f"        fix: {finding.hint}")
    errors = sum(1 for f in findings if f.level == ERROR)
    warnings = len(findings) - errors
    if not findings:
        click.echo("No problems found.")
    else:
        click.echo(f"{errors} error(s), {warnings} warning(s).")
    if errors or (strict and warnings):
        raise SystemExit(1)


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@with_appcontext
def db_backup(file: Path, force: bool) -> None:
    """Back up the database into FILE while the app keeps running."""
    try:
        size = backup(current_app.config["SETTINGS"].database_url, file, force=force)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Backed up to {file} ({size} bytes). Keep it as safe as the database itself.")


@click.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace a database that is not empty.")
@with_appcontext
def db_restore(file: Path, force: bool) -> None:
    """Restore FILE into the configured database (stop the app first), then check it."""
    try:
        report = restore(current_app.config["SETTINGS"].database_url, file, force=force)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    for problem in report.problems:
        click.echo(f"PROBLEM {problem}")
    if report.problems:
        raise SystemExit(1)
    click.echo(f"Restored from {file}; integrity checked, schema at {report.revision} (head).")
