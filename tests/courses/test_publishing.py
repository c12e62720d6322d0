"""Publishing the example tree: first run, re-runs, edits, removals, errors, dry runs."""

from __future__ import annotations

import hashlib
import shutil

from sqlalchemy import select

from learn.courses.models import (
    Course,
    CourseAsset,
    Publication,
    Question,
    QuestionVersion,
    Quiz,
    Unit,
)
from learn.learning.models import UnitCompletion
from tests.courses.conftest import edit, row_counts

COURSE = "mat-khau-an-toan"
DRAFT = "ban-nhap"


def _course(session, slug=COURSE) -> Course:
    session.expire_all()
    return session.scalars(select(Course).where(Course.slug == slug)).one()


def _units(session, slug=COURSE) -> dict[str, Unit]:
    return {u.slug: u for u in _course(session, slug).units}


def _question(session, key: str) -> Question:
    session.expire_all()
    return session.scalars(select(Question).where(Question.key == key)).one()


def _course_result(result, slug=COURSE):
    return next(c for c in result.courses if c.slug == slug)


def test_first_publish_stores_the_worked_example(tree, run_publish, db_session):
    result = run_publish(tree)

    assert result.ok and not result.dry_run
    summary = _course_result(result)
    assert summary.status == "added"
    assert summary.units["added"] == 3 and summary.questions["added"] == 7
    assert summary.quizzes["added"] == 2 and summary.assets_added == 2
    assert row_counts(db_session) == {
        "courses": 2, "units": 4, "quizzes": 2, "questions": 7, "question_versions": 7,
        "quiz_questions": 7, "course_assets": 2, "publications": 1,
    }
    course = _course(db_session)
    assert course.title == "Mật khẩu an toàn" and course.version == 1
    assert course.search_text == (
        "mat khau an toan dat mat khau manh, bat xac thuc hai yeu to va giu tai khoan "
        "cong vu an toan."
    )
    assert course.authors == ["trainer@example.org"] and course.certificate is True
    assert course.duration_minutes == 45 and course.draft is False
    assert '<img alt="Sơ đồ ba bước bảo vệ tài khoản"' in course.overview_html
    assert [(u.position, u.slug) for u in course.units] == [
        (1, "mat-khau-manh"), (2, "xac-thuc-hai-yeu-to"), (3, "kiem-tra-cuoi-khoa")]
    first, second, exam = course.units
    assert first.toc == [{"level": 2, "id": "cụm-mật-khẩu", "text": "Cụm mật khẩu"}]
    assert '<div class="admonition tip">' in first.html
    assert f'href="/courses/{COURSE}/units/mat-khau-manh#c%E1%BB%A5m-m' in second.html
    assert first.quiz.key == "kiem-tra-mat-khau" and first.quiz.pass_mark == 80
    assert second.quiz is None
    assert exam.quiz.draw == 3 and exam.quiz.shuffle is True and exam.quiz.pass_mark == 70
    assert [p.question.key for p in exam.quiz.pool] == [
        "q-ten-ung-dung", "q-do-dai", "q-ghep-doi", "q-lua-dao"]
    assert _course(db_session, DRAFT).draft is True


def test_question_versions_use_the_stored_format(tree, run_publish, db_session):
    run_publish(tree)

    def data(key):
        question = _question(db_session, key)
        assert question.current_version.version == 1
        return question.current_version.type, question.current_version.data

    kind, single = data("q-mat-khau-dai")
    assert kind == "single"
    assert single["prompt_html"] == "<p>Mật khẩu nào <strong>mạnh</strong> nhất?</p>"
    assert single["explanation_html"] == "<p>Độ dài quan trọng hơn ký tự đặc biệt.</p>"
    assert single["options"][1] == {"key": "o2", "html": "123456", "correct": False,
                                    "weight": None,
                                    "feedback_html": "Sai: quá ngắn và phổ biến."}
    kind, multiple = data("q-thoi-quen")
    assert [(o["key"], o["correct"], o["weight"]) for o in multiple["options"]] == [
        ("o1", True, 50.0), ("o2", True, 50.0), ("o3", False, -50.0)]
    kind, true_false = data("q-dung-sai")
    assert true_false["answer"] is False
    assert true_false["feedback_true_html"] == "Sai: một lần lộ là mất tất cả."
    kind, short = data("q-ten-ung-dung")
    assert short["accent_sensitive"] is True
    assert short["answers"] == [
        {"text": "VNeID", "weight": 100.0, "feedback_html": ""},
        {"text": "VNe ID", "weight": 50.0, "feedback_html": "Gần đúng: viết liền."}]
    kind, numeric = data("q-do-dai")
    assert numeric["ranges"] == [{"min": 4.0, "max": 4.0, "weight": 100.0, "feedback_html": ""}]
    kind, matching = data("q-ghep-doi")
    assert matching["pairs"][0] == {"key": "p1", "left_html": "Điều bạn biết",
                                    "right_html": "Mật khẩu"}


def test_assets_are_stored_with_hash_and_media_type(tree, run_publish, db_session):
    run_publish(tree)

    assets = {a.path: a for a in db_session.scalars(select(CourseAsset))}
    svg = (tree / COURSE / "assets" / "so-do.svg").read_bytes()
    assert assets["assets/so-do.svg"].data == svg
    assert assets["assets/so-do.svg"].sha256 == hashlib.sha256(svg).hexdigest()
    assert assets["assets/so-do.svg"].media_type == "image/svg+xml"
    assert assets["assets/khoa.png"].media_type == "image/png"
    assert assets["assets/khoa.png"].size == len((tree / COURSE / "assets/khoa.png").read_bytes())


def test_publication_row_records_the_run(tree, run_publish, db_session, make_user):
    admin = make_user(roles=("admin",))
    result = run_publish(tree, user_id=admin.id, source="web")

    publication = db_session.get(Publication, result.publication_id)
    assert publication.source == "web" and publication.published_by_id == admin.id
    assert publication.ok is True
    assert publication.summary["courses"][0]["slug"] == COURSE
    assert publication.summary["courses"][0]["units"]["added"] == 3
    assert publication.summary["error_count"] == 0


def test_second_run_changes_nothing(tree, run_publish, db_session, statements):
    run_publish(tree)
    before = row_counts(db_session)
    updated = _course(db_session).updated_at

    with statements() as seen:
        result = run_publish(tree)

    assert all(c.status == "unchanged" for c in result.courses)
    assert _course_result(result).units == {
        "added": 0, "changed": 0, "restored": 0, "unchanged": 3, "retired": 0}
    assert _course_result(result).questions["unchanged"] == 7
    assert result.unchanged_since == 1
    writes = [s for s in seen if not s.startswith(("SELECT", "PRAGMA"))]
    # Only the run itself is recorded: the publication history row and its audit event.
    assert [w.split(" (")[0] for w in writes] == [
        "INSERT INTO publications", "INSERT INTO audit_events"
    ]
    after = row_counts(db_session)
    assert after == {**before, "publications": before["publications"] + 1}
    assert _course(db_session).updated_at == updated
    assert _course(db_session).version == 1


def test_unchanged_run_after_an_error_parses_again_and_writes_nothing(
    tree, run_publish, db_session, statements
):
    (tree / "hong").mkdir()
    (tree / "hong" / "01-bai.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    first = run_publish(tree)
    assert not first.ok
    before = row_counts(db_session)

    with statements() as seen:
        result = run_publish(tree)

    assert result.unchanged_since is None  # the last run had errors: everything re-checked
    assert _course_result(result).status == "unchanged"
    assert _course_result(result, "hong").status == "error"
    writes = [s for s in seen if not s.startswith(("SELECT", "PRAGMA"))]
    # Only the run itself is recorded: the publication history row and its audit event.
    assert [w.split(" (")[0] for w in writes] == [
        "INSERT INTO publications", "INSERT INTO audit_events"
    ]
    assert row_counts(db_session) == {**before, "publications": before["publications"] + 1}


def test_editing_text_and_options_bumps_versions_and_keeps_ids(
    tree, run_publish, db_session, make_user
):
    run_publish(tree)
    units = _units(db_session)
    unit_ids = {slug: u.id for slug, u in units.items()}
    question = _question(db_session, "q-mat-khau-dai")
    old_version = question.current_version
    old_snapshot = (old_version.id, old_version.version, old_version.data,
                    old_version.content_hash, old_version.created_at)
    learner = make_user()
    db_session.add(UnitCompletion(user_id=learner.id, unit_id=unit_ids["mat-khau-manh"],
                                  course_id=_course(db_session).id, method="quiz",
                                  unit_version=1))
    db_session.commit()
    quiz_version = units["mat-khau-manh"].quiz.version

    unit_file = tree / COURSE / "01-mat-khau-manh.md"
    edit(unit_file, "khó đoán hơn một mật khẩu ngắn", "khó đoán hơn nhiều so với mật khẩu ngắn")
    edit(unit_file, 'text: "123456"', 'text: "12345678"')
    result = run_publish(tree)

    summary = _course_result(result)
    assert summary.status == "changed" and summary.version == 2
    assert summary.units == {"added": 0, "changed": 1, "restored": 0, "unchanged": 2,
                             "retired": 0}
    assert summary.questions["changed"] == 1 and summary.questions["unchanged"] == 6
    units = _units(db_session)
    assert {slug: u.id for slug, u in units.items()} == unit_ids
    assert units["mat-khau-manh"].version == 2
    assert "khó đoán hơn nhiều" in units["mat-khau-manh"].html
    assert units["xac-thuc-hai-yeu-to"].version == 1
    assert units["mat-khau-manh"].quiz.version == quiz_version  # same settings and pool
    question = _question(db_session, "q-mat-khau-dai")
    assert question.current_version.version == 2
    assert question.current_version.data["options"][1]["html"] == "12345678"
    kept = db_session.get(QuestionVersion, old_snapshot[0])
    assert (kept.id, kept.version, kept.data, kept.content_hash, kept.created_at) == old_snapshot
    assert _question(db_session, "q-dung-sai").current_version.version == 1
    completion = db_session.scalars(select(UnitCompletion)).one()
    assert completion.unit_id == unit_ids["mat-khau-manh"]
    assert _course(db_session).version == 2


def test_removed_unit_is_retired_and_comes_back(tree, run_publish, db_session):
    run_publish(tree)
    unit_id = _units(db_session)["xac-thuc-hai-yeu-to"].id
    moved = tree / "xac-thuc.md.bak"
    shutil.move(tree / COURSE / "02-xac-thuc-hai-yeu-to.md", moved)

    result = run_publish(tree)

    assert _course_result(result).units["retired"] == 1
    unit = db_session.get(Unit, unit_id)
    assert unit is not None and unit.retired_at is not None
    assert [u.slug for u in _course(db_session).active_units] == [
        "mat-khau-manh", "kiem-tra-cuoi-khoa"]
    assert row_counts(db_session)["units"] == 4

    shutil.move(moved, tree / COURSE / "02-xac-thuc-hai-yeu-to.md")
    result = run_publish(tree)

    assert _course_result(result).units["restored"] == 1
    db_session.expire_all()
    unit = db_session.get(Unit, unit_id)
    assert unit.retired_at is None and unit.version == 1
    assert len(_course(db_session).active_units) == 3


def test_renumbered_unit_moves_without_a_new_version(tree, run_publish, db_session):
    run_publish(tree)
    unit_id = _units(db_session)["xac-thuc-hai-yeu-to"].id
    shutil.move(tree / COURSE / "02-xac-thuc-hai-yeu-to.md",
                tree / COURSE / "05-xac-thuc-hai-yeu-to.md")

    result = run_publish(tree)

    assert _course_result(result).units["unchanged"] == 3
    db_session.expire_all()
    unit = db_session.get(Unit, unit_id)
    assert (unit.position, unit.version) == (5, 1)
    assert [u.slug for u in _course(db_session).active_units] == [
        "mat-khau-manh", "kiem-tra-cuoi-khoa", "xac-thuc-hai-yeu-to"]


def test_removed_question_is_retired_and_restored_content_is_a_new_version(
    tree, run_publish, db_session
):
    run_publish(tree)
    bank = tree / COURSE / "banks" / "cuoi-khoa.yaml"
    original = bank.read_text(encoding="utf-8")
    block = original[original.index("  - id: q-lua-dao"):]
    bank.write_text(original.replace(block, ""), encoding="utf-8")

    result = run_publish(tree)

    assert _course_result(result).questions["retired"] == 1
    assert _course_result(result).quizzes["changed"] == 1  # its pool lost a question
    question = _question(db_session, "q-lua-dao")
    assert question.retired_at is not None
    exam = _units(db_session)["kiem-tra-cuoi-khoa"].quiz
    assert exam.version == 2
    assert [p.question.key for p in exam.pool] == ["q-ten-ung-dung", "q-do-dai", "q-ghep-doi"]

    bank.write_text(original.replace("Không đưa mã, gác máy", "Không đưa mã"),
                    encoding="utf-8")
    result = run_publish(tree)

    assert _course_result(result).questions["restored"] == 1
    question = _question(db_session, "q-lua-dao")
    assert question.retired_at is None and question.current_version.version == 2
    assert len(_units(db_session)["kiem-tra-cuoi-khoa"].quiz.pool) == 4


def test_quiz_with_a_new_id_retires_the_old_one(tree, run_publish, db_session):
    run_publish(tree)
    old_id = _units(db_session)["mat-khau-manh"].quiz.id
    edit(tree / COURSE / "01-mat-khau-manh.md", "id: kiem-tra-mat-khau", "id: kiem-tra-bai-1")

    result = run_publish(tree)

    assert _course_result(result).quizzes["added"] == 1
    assert _course_result(result).quizzes["retired"] == 1
    assert db_session.get(Quiz, old_id).retired_at is not None
    unit = _units(db_session)["mat-khau-manh"]
    assert unit.quiz.key == "kiem-tra-bai-1"
    assert [p.question.key for p in unit.quiz.pool] == ["q-mat-khau-dai", "q-thoi-quen",
                                                        "q-dung-sai"]


def test_changed_asset_adds_a_row_and_keeps_the_old_one(tree, run_publish, db_session):
    run_publish(tree)
    svg = tree / COURSE / "assets" / "so-do.svg"
    svg.write_text(svg.read_text(encoding="utf-8").replace("#eef", "#efe"), encoding="utf-8")

    result = run_publish(tree)

    assert _course_result(result).assets_added == 1
    rows = db_session.scalars(
        select(CourseAsset).where(CourseAsset.path == "assets/so-do.svg")).all()
    assert len(rows) == 2
    new_hash = hashlib.sha256(svg.read_bytes()).hexdigest()
    assert f"/assets/{new_hash[:12]}/so-do.svg" in _course(db_session).overview_html
    run_publish(tree)
    assert row_counts(db_session)["course_assets"] == 3


def _snapshot(session, course_id: int) -> dict[str, list[tuple]]:
    """Every column of every content row of one course (asset bytes and versions included)."""
    session.expire_all()
    question_ids = select(Question.id).where(Question.course_id == course_id)
    queries = {
        "courses": select(Course).where(Course.id == course_id),
        "units": select(Unit).where(Unit.course_id == course_id),
        "quizzes": select(Quiz).where(Quiz.course_id == course_id),
        "questions": select(Question).where(Question.course_id == course_id),
        "question_versions": select(QuestionVersion).where(
            QuestionVersion.question_id.in_(question_ids)),
        "course_assets": select(CourseAsset).where(CourseAsset.course_id == course_id),
    }
    return {
        name: sorted(
            tuple(getattr(row, c.key) for c in row.__table__.columns)
            for row in session.scalars(query))
        for name, query in queries.items()
    }


def test_course_with_errors_is_left_untouched(tree, run_publish, db_session):
    run_publish(tree)
    course_id = _course(db_session).id
    before = _snapshot(db_session, course_id)
    draft_before = _snapshot(db_session, _course(db_session, DRAFT).id)
    edit(tree / COURSE / "01-mat-khau-manh.md", "duration_minutes: 15", "duration_minutes: yes")
    edit(tree / COURSE / "02-xac-thuc-hai-yeu-to.md", "bật mã OTP", "bật mã OTP ngay")
    edit(tree / DRAFT / "01-gioi-thieu.md", "Nội dung nháp.", "Nội dung nháp mới.")

    result = run_publish(tree)

    assert not result.ok
    assert _course_result(result).status == "error" and _course_result(result).errors >= 1
    assert _course_result(result, DRAFT).status == "changed"
    error = result.errors[0]
    assert error.file == f"{COURSE}/01-mat-khau-manh.md" and error.line == 3
    assert _snapshot(db_session, course_id) == before
    assert _snapshot(db_session, _course(db_session, DRAFT).id) != draft_before
    publication = db_session.get(Publication, result.publication_id)
    assert publication.ok is False
    assert publication.summary["errors"][0]["file"] == f"{COURSE}/01-mat-khau-manh.md"
    assert publication.summary["errors"][0]["line"] == 3


def test_course_with_errors_is_never_published(tree, run_publish, db_session):
    edit(tree / DRAFT / "course.md", "draft: true", "draft: yes")

    result = run_publish(tree)

    assert _course_result(result, DRAFT).status == "error"
    assert _course_result(result).status == "added"
    assert [c.slug for c in db_session.scalars(select(Course))] == [COURSE]


def test_dry_run_writes_nothing(tree, run_publish, db_session, statements):
    with statements() as seen:
        result = run_publish(tree, dry_run=True)

    assert result.dry_run and result.publication_id is None
    assert _course_result(result).status == "added"
    assert _course_result(result).units["added"] == 3
    assert not [s for s in seen if not s.startswith(("SELECT", "PRAGMA"))]
    assert set(row_counts(db_session).values()) == {0}

    run_publish(tree)
    edit(tree / COURSE / "02-xac-thuc-hai-yeu-to.md", "bật mã OTP", "bật mã OTP ngay")
    before = row_counts(db_session)
    result = run_publish(tree, dry_run=True)

    assert _course_result(result).status == "changed"
    assert _course_result(result).units["changed"] == 1
    assert row_counts(db_session) == before
    assert _units(db_session)["xac-thuc-hai-yeu-to"].version == 1


def test_removed_course_folder_retires_the_course(tree, run_publish, db_session):
    run_publish(tree)
    shutil.rmtree(tree / DRAFT)

    result = run_publish(tree)

    assert _course_result(result, DRAFT).status == "retired"
    assert _course(db_session, DRAFT).retired_at is not None
    assert _course(db_session).retired_at is None


def test_empty_tree_retires_nothing(tree, run_publish, db_session, tmp_path):
    run_publish(tree)
    empty = tmp_path / "empty"
    empty.mkdir()

    result = run_publish(empty)

    assert result.problem == "no_courses" and not result.ok
    assert all(c.retired_at is None for c in db_session.scalars(select(Course)))


def test_one_course_folder_publishes_only_that_course(tree, run_publish, db_session):
    run_publish(tree)
    edit(tree / DRAFT / "01-gioi-thieu.md", "Nội dung nháp.", "Nội dung nháp mới.")

    result = run_publish(tree / DRAFT)

    assert [c.slug for c in result.courses] == [DRAFT]
    assert result.courses[0].status == "changed"
    assert _course(db_session).retired_at is None
    assert _course(db_session, DRAFT).version == 2
