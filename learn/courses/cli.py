"""``learn courses sync``: publish the course files (a command of the ``courses`` group)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from learn.content import Diagnostic, Severity
from learn.content.cli import courses as courses_group
from learn.content.folders import available_workers
from learn.courses.apply import AssetChangedError
from learn.courses.publishing import publish
from learn.courses.summary import CourseResult, PublicationResult, sorted_diagnostics
from learn.db import transaction

__all__ = ["courses_group"]

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
_TEXT = {
    "no_dir": {
        "vi": "Không tìm thấy thư mục “{path}”.",
        "en": "The folder “{path}” does not exist.",
    },
    "no_courses": {
        "vi": "Thư mục “{path}” không có khoá học nào: không xuất bản, không ngừng khoá nào.",
        "en": "The folder “{path}” holds no course: nothing published, nothing retired.",
    },
    "line": {
        "vi": "{slug}{draft}: {status} (phiên bản {version}); bài: {units}; câu hỏi: {questions}",
        "en": "{slug}{draft}: {status} (version {version}); units: {units}; questions: {questions}",
    },
    "error_line": {
        "vi": "{slug}: KHÔNG xuất bản, {errors} lỗi (dữ liệu đã lưu giữ nguyên)",
        "en": "{slug}: NOT published, {errors} errors (stored content left as it was)",
    },
    "retired_line": {
        "vi": "{slug}: thư mục không còn, khoá học ngừng hiển thị",
        "en": "{slug}: folder gone, course retired",
    },
    "draft": {"vi": " [nháp]", "en": " [draft]"},
    "unchanged_since": {
        "vi": "Các tệp giống hệt lúc xuất bản lần số {id}: không có gì thay đổi.",
        "en": "The files are identical to publication #{id}: nothing changed.",
    },
    "dry_run": {
        "vi": "Chạy thử: chưa ghi gì vào cơ sở dữ liệu.",
        "en": "Dry run: nothing was written to the database.",
    },
    "recorded": {"vi": "Đã ghi lần xuất bản số {id}.", "en": "Recorded publication #{id}."},
    "had_errors": {
        "vi": "{errors} lỗi, {warnings} cảnh báo: khoá học có lỗi chưa được xuất bản.",
        "en": "{errors} errors, {warnings} warnings: courses with errors were not published.",
    },
    "asset_changed": {
        "vi": "Tệp “{path}” thay đổi trong khi xuất bản; không ghi gì, hãy chạy lại.",
        "en": "The file “{path}” changed while publishing; nothing was written, run again.",
    },
}
_STATUS = {
    "added": {"vi": "mới", "en": "added"},
    "changed": {"vi": "cập nhật", "en": "changed"},
    "unchanged": {"vi": "không đổi", "en": "unchanged"},
}
_COUNTS = {
    "added": {"vi": "{n} mới", "en": "{n} added"},
    "changed": {"vi": "{n} sửa", "en": "{n} changed"},
    "restored": {"vi": "{n} dùng lại", "en": "{n} restored"},
    "retired": {"vi": "{n} ngừng", "en": "{n} retired"},
    "unchanged": {"vi": "{n} không đổi", "en": "{n} unchanged"},
}


@courses_group.command("sync")
@click.argument("directory", required=False, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check and show what would change; write nothing.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True,
              help="Language of the messages.")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Processes checking course folders [default: the CPUs available].")
@with_appcontext
def sync_command(directory: Path | None, dry_run: bool, lang: str, jobs: int | None) -> None:
    """Publish a courses folder (default LEARN_COURSES_DIR) or one course to the database.

    Courses with errors are not published and stay as stored. Exit status: 0 all published,
    1 errors, 2 missing folder.
    """
    directory = directory or current_app.config["SETTINGS"].courses_dir
    if not directory.is_dir():
        click.echo(_TEXT["no_dir"][lang].format(path=directory), err=True)
        sys.exit(EXIT_USAGE)
    try:
        with transaction(current_app) as session:
            result = publish(session, directory, source="cli", dry_run=dry_run,
                             workers=jobs or available_workers())
    except AssetChangedError as error:
        raise click.ClickException(_TEXT["asset_changed"][lang].format(path=error)) from error
    print_result(result, Path(directory), lang)
    sys.exit(EXIT_OK if result.ok else EXIT_ERRORS)


def print_result(result: PublicationResult, directory: Path, lang: str) -> None:
    """Print the diagnostics (as ``courses check`` does) and one line per course."""
    root = directory.parent if (directory / "course.md").is_file() else directory
    for d in sorted_diagnostics(result.diagnostics):
        click.echo(_diagnostic_line(d, root, lang))
    if result.diagnostics:
        click.echo("")
    if result.problem == "no_courses":
        click.secho(_TEXT["no_courses"][lang].format(path=directory), fg="red", bold=True)
    for course in result.courses:
        click.echo(_course_line(course, lang))
    if result.unchanged_since is not None:
        click.echo(_TEXT["unchanged_since"][lang].format(id=result.unchanged_since))
    if result.errors:
        click.secho(_TEXT["had_errors"][lang].format(
            errors=len(result.errors), warnings=len(result.warnings)), fg="red", bold=True)
    if result.dry_run:
        click.secho(_TEXT["dry_run"][lang], bold=True)
    elif result.publication_id is not None:
        click.secho(_TEXT["recorded"][lang].format(id=result.publication_id),
                    fg="green" if result.ok else None, bold=True)


def _shown_path(root: Path, file: str) -> str:
    full = root / file if file else root
    try:
        shown = os.path.relpath(full)
    except ValueError:  # another drive on Windows
        return str(full)
    return str(full) if shown.startswith("..") else shown


def _diagnostic_line(d: Diagnostic, root: Path, lang: str) -> str:
    where = _shown_path(root, d.file)
    if d.line is not None:
        where += f":{d.line}" + (f":{d.column}" if d.column is not None else "")
    is_error = d.severity is Severity.ERROR
    label = click.style(d.severity.value, fg="red" if is_error else "yellow", bold=is_error)
    return f"{where}: {label}: {d.message(lang)}"


def _counts(counts: dict[str, int], lang: str) -> str:
    shown = [key for key in ("added", "changed", "restored", "retired", "unchanged")
             if key != "restored" or counts.get(key)]
    return ", ".join(_COUNTS[key][lang].format(n=counts.get(key, 0)) for key in shown)


def _course_line(course: CourseResult, lang: str) -> str:
    if course.status == "error":
        return _TEXT["error_line"][lang].format(slug=course.slug, errors=course.errors)
    if course.status == "retired":
        return _TEXT["retired_line"][lang].format(slug=course.slug)
    return _TEXT["line"][lang].format(
        slug=course.slug, draft=_TEXT["draft"][lang] if course.draft else "",
        status=_STATUS[course.status][lang], version=course.version,
        units=_counts(course.units, lang), questions=_counts(course.questions, lang),
    )
