"""The ``courses`` command group (click, no Flask): check, import-gift, export-gift."""

from __future__ import annotations

import json
import os
import sys
from itertools import groupby
from pathlib import Path

import click

from learn.content.checker import CheckReport, check_tree
from learn.content.diagnostics import Diagnostic, Severity

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
_TEXT = {
    "summary": {
        "vi": "{errors} lỗi, {warnings} cảnh báo; {courses} khoá học, "
              "{publishable} khoá không có lỗi.",
        "en": "{errors} errors, {warnings} warnings; {courses} courses, "
              "{publishable} without errors.",
    },
    "clean": {"vi": "Không có vấn đề nào.", "en": "No problems found."},
    "no_dir": {
        "vi": "Không tìm thấy thư mục “{path}”.",
        "en": "The folder “{path}” does not exist.",
    },
}


def default_courses_dir() -> Path:
    """``$LEARN_COURSES_DIR`` or ``./courses``."""
    return Path(os.environ.get("LEARN_COURSES_DIR") or "courses")


@click.group(name="courses")
def courses() -> None:
    """Check course content and convert question banks (Moodle GIFT)."""


@courses.command("check")
@click.argument("directory", required=False, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["human", "json"]), default="human",
              show_default=True, help="human: for people; json: for CI.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True,
              help="Language of the messages.")
def check_command(directory: Path | None, fmt: str, lang: str) -> None:
    """Check a courses folder (default $LEARN_COURSES_DIR or ./courses) or one course.

    Exit status: 0 no errors (warnings allowed), 1 errors, 2 usage or missing folder.
    """
    directory = directory or default_courses_dir()
    if not directory.is_dir():
        click.echo(_TEXT["no_dir"][lang].format(path=directory), err=True)
        sys.exit(EXIT_USAGE)
    report = check_tree(directory)
    if fmt == "json":
        click.echo(json.dumps(report_to_json(report, lang), ensure_ascii=False, indent=2))
    else:
        _print_human(report, lang)
    sys.exit(EXIT_ERRORS if report.errors else EXIT_OK)


def report_to_json(report: CheckReport, lang: str) -> dict:
    """The report as a JSON-serialisable dictionary (paths relative to the tree root)."""
    return {
        "ok": report.ok,
        "root": str(report.root),
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "courses": [
            {
                "slug": c.slug,
                "title": c.title,
                "units": len(c.units),
                "publishable": not report.course_has_errors(c.slug),
                "content_hash": c.content_hash,
            }
            for c in report.courses
        ],
        "diagnostics": [d.to_json(lang) for d in _sorted(report.diagnostics)],
    }


def _sorted(diagnostics: tuple[Diagnostic, ...]) -> list[Diagnostic]:
    return sorted(diagnostics, key=lambda d: (d.file, d.line or 0, d.column or 0, d.code))


def _shown_path(report: CheckReport, file: str) -> str:
    full = report.root / file if file else report.root
    try:
        shown = os.path.relpath(full)
    except ValueError:  # another drive on Windows
        return str(full)
    return str(full) if shown.startswith("..") else shown


def _print_human(report: CheckReport, lang: str) -> None:
    for file, group in groupby(_sorted(report.diagnostics), key=lambda d: d.file):
        click.secho(_shown_path(report, file), bold=True)
        for d in group:
            where = _shown_path(report, file)
            if d.line is not None:
                where += f":{d.line}" + (f":{d.column}" if d.column is not None else "")
            is_error = d.severity is Severity.ERROR
            label = click.style(d.severity.value, fg="red" if is_error else "yellow", bold=is_error)
            click.echo(f"{where}: {label}: {d.message(lang)}")
        click.echo("")
    if not report.diagnostics:
        click.secho(_TEXT["clean"][lang], fg="green")
    summary = _TEXT["summary"][lang].format(
        errors=len(report.errors), warnings=len(report.warnings), courses=len(report.courses),
        publishable=len(report.publishable),
    )
    click.secho(summary, fg="red" if report.errors else "green", bold=True)
