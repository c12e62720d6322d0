"""Programme indicators: officials trained, units with a trained specialist; settings."""

from __future__ import annotations

from learn.orgs.scope import Scope
from learn.reports import settings
from learn.reports.indicators import build_indicators

REQUIRED = ("chuyen-doi-so-can-bo",)
SPECIALIST = "chuyen-trach-cds-attt"


def test_whole_province(db_session, province):
    data = build_indicators(db_session, Scope(everything=True), REQUIRED, SPECIALIST, "none")
    # 8 officials in units (bn4 inactive) + 6 staff accounts of kind official without unit.
    assert (data.officials.officials, data.officials.completed) == (14, 5)
    assert data.officials.rate == 0.36
    # Broken down by the province's children; nobody is placed directly in the province.
    assert [(line.name, line.officials, line.completed) for line in data.by_unit] == [
        ("Huyện An Phú", 5, 3), ("Huyện Bình Sơn", 2, 1), ("Sở Thông tin và Truyền thông", 1, 1),
        ("none", 6, 0),
    ]
    counted = {u.code: (u.designated, u.trained) for u in data.units}
    # an4 sits in an office of district A: counts for A (not trained yet).
    assert counted == {"A": (1, 0), "B": (0, 0), "S": (1, 0), "A1": (0, 0), "A2": (1, 1),
                       "B1": (0, 0)}
    assert (data.units_with_trained, data.units_rate) == (1, 0.17)
    assert sorted(u.code for u in data.units_without) == ["A", "A1", "B", "B1", "S"]


def test_manager_scope(db_session, province):
    scope = Scope(everything=False, paths=(province.units["A"].path,))
    data = build_indicators(db_session, scope, REQUIRED, SPECIALIST, "none")
    assert (data.officials.officials, data.officials.completed, data.officials.rate) == \
        (5, 3, 0.6)
    assert [u.code for u in data.units] == ["A", "A1", "A2"]
    assert [(line.name, line.officials) for line in data.by_unit] == [
        ("Phòng Văn hóa - Thông tin An Phú", 1), ("Xã Phú Hòa", 1), ("Xã Tân Lập", 2),
        ("Huyện An Phú", 1),
    ]
    assert data.units_rate == 0.33


def test_several_required_courses_must_all_be_completed(db_session, province):
    both = ("chuyen-doi-so-can-bo", "chuyen-trach-cds-attt")
    data = build_indicators(db_session, Scope(everything=True), both, SPECIALIST, "none")
    assert data.officials.completed == 1  # only an3 completed both


def test_unpublished_courses_are_reported(db_session, province):
    data = build_indicators(db_session, Scope(everything=True), ("khong-co",), "khong-co-2",
                            "none")
    assert data.missing_required == ["khong-co"]
    assert data.specialist_missing
    assert data.officials.completed == 0
    assert data.units_with_trained == 0


def test_settings_from_extra_and_environment(app_factory, monkeypatch):
    monkeypatch.setenv("LEARN_REQUIRED_COURSES", " a-1, b-2 ,a-1,")
    monkeypatch.setenv("LEARN_SPECIALIST_COURSE", "spec-env")
    app = app_factory()
    with app.app_context():
        assert settings.required_course_slugs() == ("a-1", "b-2")
        assert settings.specialist_course_slug() == "spec-env"
    configured = app_factory(extra={"LEARN_REQUIRED_COURSES": "x", "specialist_course": "y"})
    with configured.app_context():
        assert settings.required_course_slugs() == ("x",)
        assert settings.specialist_course_slug() == "y"
    monkeypatch.delenv("LEARN_REQUIRED_COURSES")
    monkeypatch.delenv("LEARN_SPECIALIST_COURSE")
    with app.app_context():
        assert settings.required_course_slugs() == ("chuyen-doi-so-can-bo",)
        assert settings.specialist_course_slug() == "chuyen-trach-cds-attt"
