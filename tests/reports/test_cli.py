"""`learn report completion` writes the organisation report (whole tree) to a file."""

from __future__ import annotations

from sqlalchemy import select

from learn.audit.models import AuditEvent
from tests.reports.parsing import csv_sections, xlsx_sheets


def test_csv_of_the_province(runner, province, tmp_path, db_session):
    output = tmp_path / "out.csv"
    result = runner.invoke(["report", "completion", "--unit", "P", "--format", "csv",
                            "--output", str(output)])
    assert result.exit_code == 0, result.output
    (section,) = csv_sections(output.read_bytes())
    assert section[0][:7] == ["Đơn vị", "Người học", "Được giao", "Đã bắt đầu học",
                              "Đã hoàn thành", "Tỷ lệ hoàn thành", "Quá hạn"]
    assert section[1:] == [
        ["Huyện An Phú", "6", "13", "9", "6", "46%", "4"],
        ["Huyện Bình Sơn", "2", "2", "1", "1", "50%", "1"],
        ["Sở Thông tin và Truyền thông", "1", "2", "1", "1", "50%", "0"],
        ["Tổng: Tỉnh Demo", "9", "17", "11", "8", "47%", "5"],
    ]
    event = db_session.scalar(select(AuditEvent).where(AuditEvent.action == "reports.export"))
    assert event.actor_label == "cli" and event.details["format"] == "csv"


def test_xlsx_with_course_and_english(runner, province, tmp_path):
    output = tmp_path / "out.xlsx"
    result = runner.invoke(["report", "completion", "--course", "chuyen-doi-so-can-bo",
                            "--format", "xlsx", "--output", str(output), "--language", "en"])
    assert result.exit_code == 0, result.output
    sheet = xlsx_sheets(output.read_bytes())[0]
    assert sheet[0][:3] == ["Unit", "Learners", "Assigned"]
    assert sheet[1] == ["Tỉnh Demo", 8, 8, 6, 5, 0.63, 3]
    assert sheet[2] == ["Total: All units in your scope", 8, 8, 6, 5, 0.63, 3]


def test_period_filter_and_errors(runner, province, tmp_path):
    output = tmp_path / "march.csv"
    result = runner.invoke(["report", "completion", "--unit", "P", "--from", "2026-03-01",
                            "--to", "2026-03-31", "--format", "csv", "--output", str(output)])
    assert result.exit_code == 0, result.output
    assert csv_sections(output.read_bytes())[0][-1][4] == "1"
    bad = runner.invoke(["report", "completion", "--unit", "NOPE", "--format", "csv",
                         "--output", str(tmp_path / "x.csv")])
    assert bad.exit_code != 0 and "NOPE" in bad.output
    backwards = runner.invoke(["report", "completion", "--from", "2026-03-02", "--to",
                               "2026-03-01", "--format", "csv", "--output",
                               str(tmp_path / "y.csv")])
    assert backwards.exit_code != 0
    assert not (tmp_path / "x.csv").exists()
