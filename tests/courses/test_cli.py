"""`learn courses sync`: publishing from the command line."""

from __future__ import annotations

import shutil

from sqlalchemy import select

from learn.courses.models import Course, Publication
from tests.conftest import LearnRunner
from tests.courses.conftest import edit, row_counts


def test_sync_publishes_and_prints_a_summary(runner, tree, db_session):
    result = runner.invoke(["courses", "sync", str(tree), "--lang", "en"])

    assert result.exit_code == 0, result.output
    assert ("mat-khau-an-toan: added (version 1); units: 3 added, 0 changed, 0 retired, "
            "0 unchanged; questions: 7 added, 0 changed, 0 retired, 0 unchanged") in result.output
    assert "ban-nhap [draft]: added (version 1)" in result.output
    assert "Recorded publication #" in result.output
    publication = db_session.scalars(select(Publication)).one()
    assert publication.source == "cli" and publication.published_by_id is None
    assert row_counts(db_session)["units"] == 4


def test_second_sync_reports_everything_unchanged(runner, tree, db_session):
    runner.invoke(["courses", "sync", str(tree)])
    before = row_counts(db_session)

    result = runner.invoke(["courses", "sync", str(tree), "--lang", "en"])

    assert result.exit_code == 0, result.output
    assert "mat-khau-an-toan: unchanged (version 1); units: 0 added, 0 changed, 0 retired, " \
           "3 unchanged" in result.output
    assert "identical to publication #1" in result.output
    assert row_counts(db_session) == {**before, "publications": 2}


def test_sync_prints_errors_with_file_and_line_and_exits_1(runner, tree, db_session):
    edit(tree / "mat-khau-an-toan" / "01-mat-khau-manh.md", "duration_minutes: 15",
         "duration_minutes: yes")

    result = runner.invoke(["courses", "sync", str(tree), "--lang", "en"])

    assert result.exit_code == 1
    assert "mat-khau-an-toan/01-mat-khau-manh.md:3:" in result.output
    assert ": error: " in result.output
    assert "mat-khau-an-toan: NOT published, 1 errors" in result.output
    assert [c.slug for c in db_session.scalars(select(Course))] == ["ban-nhap"]


def test_dry_run_prints_the_summary_and_writes_nothing(runner, tree, db_session):
    result = runner.invoke(["courses", "sync", str(tree), "--dry-run"])

    assert result.exit_code == 0, result.output
    assert "mat-khau-an-toan: mới (phiên bản 1); bài: 3 mới" in result.output
    assert "Chạy thử: chưa ghi gì vào cơ sở dữ liệu." in result.output
    assert set(row_counts(db_session).values()) == {0}


def test_sync_defaults_to_the_configured_courses_folder(app_factory, tree, db_session):
    app = app_factory(courses_dir=tree)

    result = LearnRunner(app).invoke(["courses", "sync"])

    assert result.exit_code == 0, result.output
    assert {c.slug for c in db_session.scalars(select(Course))} == {"mat-khau-an-toan",
                                                                    "ban-nhap"}


def test_missing_folder_is_a_usage_error(runner, tmp_path):
    result = runner.invoke(["courses", "sync", str(tmp_path / "nowhere"), "--lang", "en"])

    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_check_command_is_still_there(runner, tree):
    result = runner.invoke(["courses", "check", str(tree)])

    assert result.exit_code == 0, result.output


def test_jobs_check_folders_in_processes_with_the_same_result(runner, tree, db_session):
    for name in ("mot", "hai", "ba"):
        shutil.copytree(tree / "mat-khau-an-toan", tree / f"mat-khau-{name}")
    for folder in ("mot", "hai", "ba"):  # a title of its own, and quiz ids are per course
        edit(tree / f"mat-khau-{folder}" / "course.md", 'title: "', f'title: "{folder} ')

    serial = runner.invoke(["courses", "sync", str(tree), "--dry-run", "--jobs", "1"])
    parallel = runner.invoke(["courses", "sync", str(tree), "--dry-run", "--jobs", "2"])

    assert serial.exit_code == parallel.exit_code == 0, serial.output
    assert parallel.output == serial.output
    assert serial.output.count(": mới (phiên bản 1)") == 5


def test_jobs_must_be_positive(runner, tree):
    result = runner.invoke(["courses", "sync", str(tree), "--jobs", "0"])

    assert result.exit_code == 2
