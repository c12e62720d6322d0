"""A seeded world for the attack tests: two districts, every kind of person, real content.

Tree:    P  Tỉnh Thử (province)
         ├── A  Huyện A (district)   — manager A, learner (in A1), pending person (in A1)
         │   └── A1 Xã A1 (commune)
         └── B  Huyện B (district)   — manager B, other learner (in B1)
             └── B1 Xã B1 (commune)
Courses (published from tests/security/fixtures/courses with the real publisher):
khoa-a (authored by the trainer; a unit to mark done and a quiz), khoa-b (someone else's),
khoa-nhap (a draft). The learner and the other learner each have a graded attempt and a
certificate of khoa-a; the learner also has an open attempt. Manager A has applied an
import whose activation links are still waiting to be downloaded.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from learn.auth import services as accounts
from learn.auth.models import User
from learn.certificates.services import issue_certificate
from learn.courses.models import Course, CourseAsset, Quiz
from learn.courses.publishing import publish
from learn.db import session_factory, transaction, utcnow
from learn.orgs.import_uploads import keep_upload, mark_applied
from learn.orgs.models import Assignment, ManagerScope, OrgMembership, OrgUnit, UserImportUpload
from learn.orgs.tree import create_unit
from learn.quiz import services as quizzes
from tests.conftest import TEST_PASSWORD

FIXTURES = Path(__file__).resolve().parent / "fixtures"
COURSES = FIXTURES / "courses"

EMAILS = {
    "learner": "learner@example.org",
    "other": "nguoi.khac@example.org",
    "trainer": "trainer@example.org",
    "manager_a": "manager.a@example.org",
    "manager_b": "manager.b@example.org",
    "admin": "admin@example.org",
}
NAMES = {
    "learner": "Nguyễn Học Viên",
    "other": "Trần Thị Người Khác",
    "trainer": "Lê Giảng Viên",
    "manager_a": "Phạm Quản Lý A",
    "manager_b": "Võ Quản Lý B",
    "admin": "Đỗ Quản Trị",
}
ROLES = {"trainer": ("trainer",), "manager_a": ("manager",), "manager_b": ("manager",),
         "admin": ("admin",)}
# Text that only a page showing the other learner's (district B's) data contains.
OTHER_SIDE_MARKERS = ("Trần Thị Người Khác", "nguoi.khac@example.org", "Xã B1")
CITIZEN_EMAIL = "citizen@example.org"
PENDING_EMAIL = "pending@example.org"


@dataclass
class World:
    """What was created, by short name, and the values URL templates are filled with."""

    courses_dir: Path
    users: dict[str, int] = field(default_factory=dict)
    units: dict[str, int] = field(default_factory=dict)
    ids: dict[str, object] = field(default_factory=dict)

    def fill(self, template: str) -> str:
        """A URL template with the world's ids put in."""
        return template.format(**self.ids)


def copy_courses(target: Path) -> Path:
    """A writable copy of the fixture courses tree."""
    shutil.copytree(COURSES, target)
    return target


def _people(session: Session, units: dict[str, OrgUnit]) -> dict[str, User]:
    people = {}
    for key, email in EMAILS.items():
        people[key] = accounts.create_user(session, email, NAMES[key],
                                           roles=ROLES.get(key, ("learner",)),
                                           password=TEST_PASSWORD)
    people["citizen"] = accounts.create_user(session, CITIZEN_EMAIL, "Công Dân Thử",
                                             kind="citizen", password=TEST_PASSWORD)
    people["pending"] = accounts.create_user(session, PENDING_EMAIL, "Người Chờ Kích Hoạt",
                                             password=None)
    session.flush()
    for key, unit in (("learner", "A1"), ("pending", "A1"), ("other", "B1"),
                      ("manager_a", "A"), ("manager_b", "B")):
        session.add(OrgMembership(user_id=people[key].id, org_unit_id=units[unit].id))
    session.add_all([
        ManagerScope(user_id=people["manager_a"].id, org_unit_id=units["A"].id),
        ManagerScope(user_id=people["manager_b"].id, org_unit_id=units["B"].id),
    ])
    session.flush()
    return people


def _attempt(session: Session, user_id: int, quiz_id: int, submit: bool) -> int:
    now = utcnow()
    attempt = quizzes.start_attempt(session, user_id, quiz_id, now - timedelta(minutes=5))
    if submit:
        quizzes.submit_attempt(session, attempt.id, user_id, None, now)
    return attempt.id


def build_world(app, courses_dir: Path) -> World:
    """Publish the fixture courses and create the people, attempts and certificates."""
    world = World(courses_dir=courses_dir)
    with transaction(app) as session:
        tree: dict[str, OrgUnit] = {}
        tree["P"] = create_unit(session, "P", "Tỉnh Thử", "province", None)
        tree["A"] = create_unit(session, "A", "Huyện A", "district", tree["P"])
        tree["B"] = create_unit(session, "B", "Huyện B", "district", tree["P"])
        tree["A1"] = create_unit(session, "A1", "Xã A1", "commune", tree["A"])
        tree["B1"] = create_unit(session, "B1", "Xã B1", "commune", tree["B"])
        people = _people(session, tree)
        result = publish(session, courses_dir, user_id=people["admin"].id, source="cli")
        assert result.ok, result.to_json()
        courses = {c.slug: c for c in session.scalars(select(Course))}
        for slug, unit in (("khoa-a", "A"), ("khoa-b", "B")):
            session.add(Assignment(course_id=courses[slug].id, org_unit_id=tree[unit].id,
                                   audience="all", created_by_id=people["admin"].id))
        quiz = session.scalar(select(Quiz).where(Quiz.key == "kiem-tra-a"))
        mine = _attempt(session, people["learner"].id, quiz.id, submit=True)
        theirs = _attempt(session, people["other"].id, quiz.id, submit=True)
        open_attempt = _attempt(session, people["learner"].id, quiz.id, submit=False)
        mine_cert = issue_certificate(session, people["learner"].id, courses["khoa-a"])
        their_cert = issue_certificate(session, people["other"].id, courses["khoa-a"])
        keep_upload(session, people["manager_a"].id, "people.csv", b"email,full_name\n")
        upload = session.scalars(select(UserImportUpload)).one()
        mark_applied(session, upload, "email,full_name,activation_link\r\n")
        activation = accounts.issue_activation(session, people["pending"])
        asset = session.scalars(select(CourseAsset)).first()
        session.flush()
        world.users = {key: user.id for key, user in people.items()}
        world.units = {code: unit.id for code, unit in tree.items()}
        world.ids = {
            "course_a": "khoa-a", "course_b": "khoa-b", "draft": "khoa-nhap",
            "unit_a": "bai-mot", "quiz_unit_a": "kiem-tra", "unit_b": "bai-mot",
            "unit_draft": "bai-mot",
            "quiz_a": quiz.id,
            "my_attempt": mine, "their_attempt": theirs, "open_attempt": open_attempt,
            "my_cert_code": mine_cert.code, "their_cert_code": their_cert.code,
            "my_cert": mine_cert.id, "their_cert": their_cert.id,
            "unit_in_a": tree["A1"].id, "unit_in_b": tree["B1"].id, "top_unit": tree["P"].id,
            "person_in_a": people["learner"].id, "person_in_b": people["other"].id,
            "admin_id": people["admin"].id,
            "publication": result.publication_id, "upload": upload.id,
            "assignment_a": session.scalar(select(Assignment.id).where(
                Assignment.org_unit_id == tree["A"].id)),
            "assignment_b": session.scalar(select(Assignment.id).where(
                Assignment.org_unit_id == tree["B"].id)),
            "activation_token": activation,
            "asset_hash": asset.sha256[:12], "asset_name": asset.path.removeprefix("assets/"),
            "asset_path": asset.path,
            "course_b_id": courses["khoa-b"].id, "pending": people["pending"].id,
            "manager_b_id": people["manager_b"].id, "district_b": tree["B"].id,
        }
    return world


def user_id(app, email: str) -> int:
    """The id of the user with this email."""
    session = session_factory(app)()
    try:
        return session.scalar(select(User.id).where(User.email == email))
    finally:
        session.close()


def add_user(app, email: str, name: str, roles: tuple[str, ...] = ("learner",),
             kind: str = "official") -> int:
    """Create a user with TEST_PASSWORD (committed); returns the id."""
    with transaction(app) as session:
        user = accounts.create_user(session, email, name, kind=kind, roles=roles,
                                    password=TEST_PASSWORD)
        session.flush()
        return user.id


def publish_tree(app, root: Path, user_id: int | None = None):
    """Publish a courses tree as the CLI does (committed); returns the result."""
    with transaction(app) as session:
        return publish(session, root, user_id=user_id, source="cli")
