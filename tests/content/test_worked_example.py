"""The worked example course of docs/authoring.md: clean, fully built, stable hashes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from learn.content import CourseSource, check_tree
from tests.content.conftest import WORKED_EXAMPLE

DOC = Path(__file__).resolve().parents[2] / "docs" / "authoring.md"


@pytest.fixture(scope="module")
def course() -> CourseSource:
    report = check_tree(WORKED_EXAMPLE)
    assert report.diagnostics == (), [d.format("en") for d in report.diagnostics]
    assert [c.slug for c in report.publishable] == ["mat-khau-an-toan"]
    return report.courses[0]


def test_course_metadata(course: CourseSource) -> None:
    assert course.title == "Mật khẩu an toàn"
    assert course.audience == ("official", "citizen")
    assert (course.level, course.language, course.duration_minutes) == ("basic", "vi", 45)
    assert course.competences == ("4.1", "4.2")
    assert (course.pass_mark, course.certificate, course.order, course.draft) == (70, True, 10,
                                                                                  False)
    assert course.authors == ("tap.huan@example.gov.vn",)
    assert course.path == "mat-khau-an-toan"


def test_units_in_order_with_stable_slugs(course: CourseSource) -> None:
    assert [(u.number, u.slug) for u in course.units] == [
        (1, "vi-sao-can-mat-khau-manh"), (2, "tao-mat-khau-manh"), (3, "kiem-tra-cuoi-khoa")]
    first = course.units[0]
    assert first.objectives == ("Nêu được hậu quả khi lộ mật khẩu", "Nhận biết mật khẩu yếu")
    assert first.required and course.units[1].duration_minutes == 15
    assert [e.id for e in first.toc] == [
        "mật-khẩu-bảo-vệ-điều-gì", "mật-khẩu-yếu-trông-như-thế-nào"]
    assert "```quiz" not in first.body_md and "mk-yeu-1" not in first.html
    assert first.file_name == "01-vi-sao-can-mat-khau-manh.md"


def test_quizzes_resolve_inline_questions_banks_and_defaults(course: CourseSource) -> None:
    first, second, final = (u.quiz for u in course.units)
    assert first is not None and second is not None and final is not None
    assert (first.id, first.pass_mark, first.shuffle, first.draw) == ("kiem-tra-bai-1", 80, True,
                                                                      None)
    assert [q.type for q in first.questions] == ["single", "true_false"]
    assert (second.attempts, second.time_limit_minutes, second.review) == (3, 10, "after_pass")
    assert [q.id for q in second.questions] == [
        "tao-mk-nhieu", "tao-mk-ten", "tao-mk-do-dai", "tao-mk-ghep", "on-tap-1", "on-tap-2"]
    assert (final.bank, final.draw, final.pass_mark) == ("cuoi-khoa", 3, 70)
    assert len(final.questions) == 4
    assert final.questions[2].accent_sensitive is False


def test_question_details(course: CourseSource) -> None:
    questions = {q.id: q for u in course.units if u.quiz for q in u.quiz.questions}
    single = questions["mk-yeu-1"]
    assert single.prompt_html == "<p>Mật khẩu nào <strong>mạnh</strong> nhất?</p>"
    assert [o.correct for o in single.options] == [False, False, True]
    assert single.options[0].text_md == "123456"
    assert single.source_file == "mat-khau-an-toan/01-vi-sao-can-mat-khau-manh.md"
    assert single.source_line == 34
    multiple = questions["tao-mk-nhieu"]
    assert [o.weight for o in multiple.options] == [50, 50, -50]
    numeric = questions["tao-mk-do-dai"]
    assert numeric.numeric_answers[0].accepts(12) and numeric.numeric_answers[1].accepts(9)
    assert [(p.left_md, p.right_md) for p in questions["tao-mk-ghep"].pairs][1] == (
        "Chặn đăng nhập lạ", "Xác thực hai lớp")
    gift = questions["on-tap-2"]
    assert gift.answer is False and gift.source_file.endswith("banks/on-tap.gift")


def test_assets_are_hashed(course: CourseSource) -> None:
    svg = course.asset("assets/minh-hoa.svg")
    assert svg is not None and svg.media_type == "image/svg+xml" and svg.is_image
    assert svg.read_bytes().startswith(b"<svg")
    assert f"/courses/mat-khau-an-toan/assets/{svg.sha256[:12]}/minh-hoa.svg" in (
        course.overview_html)


def test_hashes_are_stable(course: CourseSource) -> None:
    again = check_tree(WORKED_EXAMPLE).courses[0]
    assert again == course
    assert again.content_hash == course.content_hash


def _edited(tmp_path: Path, name: str, old: str, new: str) -> CourseSource:
    root = tmp_path / "courses"
    shutil.copytree(WORKED_EXAMPLE, root)
    path = root / "mat-khau-an-toan" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return check_tree(root).courses[0]


def test_hashes_change_with_what_learners_see(course: CourseSource, tmp_path: Path) -> None:
    edited = _edited(tmp_path, "01-vi-sao-can-mat-khau-manh.md", "Rất yếu", "Cực yếu")
    assert edited.units[0].content_hash != course.units[0].content_hash
    assert edited.units[0].quiz == course.units[0].quiz
    assert edited.units[1].content_hash == course.units[1].content_hash
    assert edited.content_hash != course.content_hash


def test_question_hash_changes_only_for_that_question(course: CourseSource, tmp_path: Path) -> None:
    edited = _edited(tmp_path, "banks/cuoi-khoa.yaml", "ít nhất bao nhiêu từ", "tối thiểu mấy từ")
    before = {q.id: q.content_hash for q in course.units[2].quiz.questions}
    after = {q.id: q.content_hash for q in edited.units[2].quiz.questions}
    assert [k for k in before if before[k] != after[k]] == ["ck-4"]
    assert edited.units[2].quiz.content_hash != course.units[2].quiz.content_hash
    assert edited.units[2].content_hash != course.units[2].content_hash


def test_changed_asset_changes_the_hash_of_the_page_using_it(course, tmp_path: Path) -> None:
    root = tmp_path / "courses"
    shutil.copytree(WORKED_EXAMPLE, root)
    (root / "mat-khau-an-toan/assets/minh-hoa.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    edited = check_tree(root).courses[0]
    assert edited.content_hash != course.content_hash
    assert edited.units[0].content_hash == course.units[0].content_hash


def test_renumbering_a_unit_keeps_its_hash(course: CourseSource, tmp_path: Path) -> None:
    root = tmp_path / "courses"
    shutil.copytree(WORKED_EXAMPLE, root)
    folder = root / "mat-khau-an-toan"
    (folder / "03-kiem-tra-cuoi-khoa.md").rename(folder / "09-kiem-tra-cuoi-khoa.md")
    edited = check_tree(root).courses[0]
    assert edited.units[2].number == 9
    assert edited.units[2].content_hash == course.units[2].content_hash


def test_the_worked_example_is_in_the_authoring_guide() -> None:
    guide = DOC.read_text(encoding="utf-8")
    for path in sorted((WORKED_EXAMPLE / "mat-khau-an-toan").rglob("*")):
        if path.suffix in (".md", ".yaml", ".gift"):
            text = path.read_text(encoding="utf-8").strip()
            assert text in guide, f"{path.name} is not shown in docs/authoring.md"


def test_question_examples_in_the_guide_are_valid(tmp_path: Path) -> None:
    from tests.content.conftest import COURSE_MD, UNIT_MD, write_tree

    guide = DOC.read_text(encoding="utf-8")
    blocks = [b.split("\n```", 1)[0] for b in guide.split("```yaml\n")[1:]]
    questions = [b for b in blocks if b.startswith("  - id:")]
    assert len(questions) == 6
    root = write_tree(tmp_path, {
        "c/course.md": COURSE_MD, "c/01-mot.md": UNIT_MD,
        "c/banks/vi-du.yaml": "questions:\n" + "\n".join(questions) + "\n",
    })
    report = check_tree(root)
    assert report.errors == (), [d.format("en") for d in report.diagnostics]
    types = [q.type for q in report.courses[0].banks[0].questions]
    assert types == ["single", "multiple", "true_false", "short_text", "numeric", "matching"]
