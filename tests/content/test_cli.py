"""The ``courses`` click group: check, import-gift, export-gift (and ``python -m``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from learn.content.cli import courses
from tests.content.conftest import COURSE_MD, UNIT_MD, WORKED_EXAMPLE, write_tree

BROKEN_UNIT = '---\ntitle: "Bài"\nrequired: yes\n---\n# Bài\n'
WARNING_UNIT = '---\ntitle: "Bài"\n---\n# Bài\n\n![](assets/a.png)\n'


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(courses, list(args), env=env, catch_exceptions=False)


def test_clean_tree_exits_0() -> None:
    result = run("check", str(WORKED_EXAMPLE), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "0 errors, 0 warnings" in result.output


def test_errors_exit_1_and_are_grouped_by_file(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "courses", {
        "c/course.md": COURSE_MD, "c/01-mot.md": BROKEN_UNIT, "c/02-hai.md": BROKEN_UNIT})
    result = run("check", str(root), "--lang", "en")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    header = lines.index(str(root / "c/01-mot.md"))
    assert lines[header + 1] == (
        f"{root / 'c/01-mot.md'}:3:11: error: “yes” for “required” is not read as yes/no: "
        "write true or false.")
    assert "\x1b[" not in result.output  # not a terminal: no colours
    assert "2 errors, 0 warnings; 1 courses, 0 without errors." in result.output


def test_messages_in_vietnamese_by_default(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "courses", {"c/course.md": COURSE_MD, "c/01-mot.md": BROKEN_UNIT})
    result = run("check", str(root))
    assert "hãy viết true hoặc false" in result.output
    assert "1 lỗi, 0 cảnh báo" in result.output


def test_warnings_alone_exit_0(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "courses", {
        "c/course.md": COURSE_MD, "c/01-mot.md": WARNING_UNIT, "c/assets/a.png": b"\x89PNG"})
    result = run("check", str(root), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "warning: The image" in result.output


def test_json_output_for_ci(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "courses", {
        "c/course.md": COURSE_MD, "c/01-mot.md": BROKEN_UNIT,
        "d/course.md": COURSE_MD.replace("Khoá thử", "Khoá hai"), "d/01-mot.md": UNIT_MD})
    result = run("check", str(root), "--format", "json", "--lang", "en")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["ok"] is False and data["errors"] == 1 and data["warnings"] == 0
    assert [(c["slug"], c["publishable"]) for c in data["courses"]] == [("c", False), ("d", True)]
    (diag,) = data["diagnostics"]
    assert diag | {"message": ""} == {
        "file": "c/01-mot.md", "line": 3, "column": 11, "severity": "error",
        "code": "bool_word", "course": "c", "args": {"field": "required", "value": "yes"},
        "message": ""}
    assert diag["message"].startswith("“yes” for “required”")


def test_single_course_folder(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "courses", {"c/course.md": COURSE_MD, "c/01-mot.md": BROKEN_UNIT})
    result = run("check", str(root / "c"), "--format", "json")
    assert json.loads(result.output)["diagnostics"][0]["file"] == "c/01-mot.md"


def test_missing_directory_exits_2(tmp_path: Path) -> None:
    result = run("check", str(tmp_path / "khong-co"))
    assert result.exit_code == 2


def test_usage_error_exits_2() -> None:
    assert run("check", "--format", "xml").exit_code == 2


def test_default_directory_from_environment(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "courses", {"c/course.md": COURSE_MD, "c/01-mot.md": BROKEN_UNIT})
    result = run("check", env={"LEARN_COURSES_DIR": str(root)})
    assert result.exit_code == 1


def test_python_dash_m(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-m", "learn.content", "check", str(WORKED_EXAMPLE), "--lang", "en"],
        capture_output=True, text=True, cwd=root, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "0 errors" in result.stdout


def test_import_gift_writes_a_bank_and_reports_unsupported(tmp_path: Path) -> None:
    gift = tmp_path / "in.gift"
    gift.write_text("::A:: Câu một? {=Có ~Không#Sai}\n\n::B:: Viết cảm nghĩ {}\n",
                    encoding="utf-8")
    out = tmp_path / "c" / "banks" / "tu-moodle.yaml"
    result = CliRunner().invoke(courses, ["import-gift", str(gift), "--out", str(out),
                                          "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert f"{gift}:3:1: error: The essay question “B”" in result.output
    text = out.read_text(encoding="utf-8")
    assert "id: a" in text and "text: Có" in text


def test_import_gift_rejects_unusable_files(tmp_path: Path) -> None:
    gift = tmp_path / "in.gift"
    gift.write_bytes(b"C\xe2u h\xe1i {T}")
    result = CliRunner().invoke(courses, ["import-gift", str(gift), "--out",
                                          str(tmp_path / "o.yaml"), "--lang", "en"])
    assert result.exit_code == 1
    assert "not saved as UTF-8" in result.output
    assert not (tmp_path / "o.yaml").exists()


def test_export_gift_of_a_course_and_of_a_unit(tmp_path: Path) -> None:
    out = tmp_path / "all.gift"
    result = run("export-gift", "mat-khau-an-toan", "--out", str(out),
                 "--courses-dir", str(WORKED_EXAMPLE), "--lang", "en")
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    for qid in ("mk-yeu-1", "tao-mk-ghep", "on-tap-2", "ck-4"):
        assert f"// [id:{qid}]" in text
    assert text.count("// [id:on-tap-1]") == 1
    unit_out = tmp_path / "unit.gift"
    result = run("export-gift", "mat-khau-an-toan", "--unit", "vi-sao-can-mat-khau-manh",
                 "--out", str(unit_out), "--courses-dir", str(WORKED_EXAMPLE))
    assert result.exit_code == 0
    assert unit_out.read_text(encoding="utf-8").count("// [id:") == 2


def test_export_gift_unknown_unit_or_course(tmp_path: Path) -> None:
    out = str(tmp_path / "x.gift")
    assert run("export-gift", "mat-khau-an-toan", "--unit", "khong", "--out", out,
               "--courses-dir", str(WORKED_EXAMPLE)).exit_code == 1
    assert run("export-gift", "khong-co", "--out", out,
               "--courses-dir", str(WORKED_EXAMPLE)).exit_code == 2
