"""The ``courses`` command group (click, no Flask): check, import-gift, export-gift."""

from __future__ import annotations

import json
import os
import sys
from itertools import groupby
from pathlib import Path

import click

from learn.content.bank_yaml import to_bank_yaml
from learn.content.checker import CheckReport, check_tree
from learn.content.diagnostics import Diagnostic, Severity
from learn.content.folders import available_workers
from learn.content.gift import parse_gift_bytes, to_gift
from learn.content.model import CourseSource, QuestionSource

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
_TEXT = {
    "summary": {
        "vi": "{errors} lỗi, {warnings} cảnh báo; {courses} khoá học, "
              "{publishable} khoá không có lỗi.",
        "en": "{errors} errors, {warnings} warnings; {courses} courses, "
              "{publishable} without errors.",
    },
    "clean": {"vi": "Không có vấn đề nào.", "en": "No problems found."},
    "imported": {
        "vi": "Đã ghi {count} câu hỏi vào {path}.",
        "en": "Wrote {count} questions to {path}.",
    },
    "unusable": {
        "vi": "Không dùng được tệp {path}: không có câu hỏi nào đọc được.",
        "en": "The file {path} is unusable: no question could be read.",
    },
    "exported": {
        "vi": "Đã xuất {count} câu hỏi vào {path}.",
        "en": "Exported {count} questions to {path}.",
    },
    "no_course": {
        "vi": "Không đọc được khoá học “{course}” trong {path}.",
        "en": "The course “{course}” could not be read in {path}.",
    },
    "no_unit": {
        "vi": "Khoá học không có bài “{unit}”.",
        "en": "The course has no unit “{unit}”.",
    },
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
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Processes checking course folders [default: the CPUs available].")
def check_command(directory: Path | None, fmt: str, lang: str, jobs: int | None) -> None:
    """Check a courses folder (default $LEARN_COURSES_DIR or ./courses) or one course.

    Exit status: 0 no errors (warnings allowed), 1 errors, 2 usage or missing folder.
    """
    directory = directory or default_courses_dir()
    if not directory.is_dir():
        click.echo(_TEXT["no_dir"][lang].format(path=directory), err=True)
        sys.exit(EXIT_USAGE)
    report = check_tree(directory, workers=jobs or available_workers())
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


@courses.command("import-gift")
@click.argument("gift_file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--out", "out", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="The YAML bank to write, e.g. courses/x/banks/cuoi-khoa.yaml.")
@click.option("--title", default="", help="Optional title of the bank.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True)
def import_gift_command(gift_file: Path, out: Path, title: str, lang: str) -> None:
    """Convert a Moodle GIFT file into a question bank in our YAML format.

    Unsupported questions (essay, description) are reported with their line and skipped.
    Exit status: 0 written, 1 the file is unusable (not UTF-8, no readable question),
    2 usage.
    """
    if not gift_file.is_file():
        click.echo(_TEXT["no_dir"][lang].format(path=gift_file), err=True)
        sys.exit(EXIT_USAGE)
    questions, diagnostics = parse_gift_bytes(gift_file.read_bytes(), str(gift_file))
    for d in diagnostics:
        click.echo(d.format(lang), err=True)
    if not questions:
        click.echo(_TEXT["unusable"][lang].format(path=gift_file), err=True)
        sys.exit(EXIT_ERRORS)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(to_bank_yaml(questions, title), encoding="utf-8")
    click.echo(_TEXT["imported"][lang].format(count=len(questions), path=out))


@courses.command("export-gift")
@click.argument("course")
@click.option("--unit", default=None, help="Only the quiz of this unit (its slug).")
@click.option("--out", "out", required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--courses-dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Default: $LEARN_COURSES_DIR or ./courses.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True)
def export_gift_command(
    course: str, unit: str | None, out: Path, courses_dir: Path | None, lang: str
) -> None:
    """Export the questions of a course (or of one unit's quiz) as Moodle GIFT.

    Exit status: 0 written, 1 the course or unit cannot be read, 2 usage.
    """
    base = courses_dir or default_courses_dir()
    folder = base / course
    if not folder.is_dir():
        click.echo(_TEXT["no_dir"][lang].format(path=folder), err=True)
        sys.exit(EXIT_USAGE)
    report = check_tree(folder)
    source = report.course(course)
    if source is None:
        for d in report.errors:
            click.echo(d.format(lang), err=True)
        click.echo(_TEXT["no_course"][lang].format(course=course, path=base), err=True)
        sys.exit(EXIT_ERRORS)
    if unit is not None and source.unit(unit) is None:
        click.echo(_TEXT["no_unit"][lang].format(unit=unit), err=True)
        sys.exit(EXIT_ERRORS)
    questions = course_questions(source, unit)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(to_gift(questions), encoding="utf-8")
    click.echo(_TEXT["exported"][lang].format(count=len(questions), path=out))


def course_questions(course: CourseSource, unit: str | None = None) -> list[QuestionSource]:
    """The questions of a course (quizzes in unit order, then banks), each id once."""
    pools: list[QuestionSource] = []
    for u in course.units:
        if u.quiz is not None and (unit is None or u.slug == unit):
            pools.extend(u.quiz.questions)
    if unit is None:
        for bank in course.banks:
            pools.extend(bank.questions)
    seen: set[str] = set()
    out = []
    for q in pools:
        if q.id not in seen:
            seen.add(q.id)
            out.append(q)
    return out
