"""XSS through people and organisation data: names typed at registration, by administrators,
in CSV imports (web and command line), unit names, certificate names and revocation reasons;
then every page that shows them, for administrators, managers and the people themselves."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import select

from learn.auth import passwords
from learn.auth.models import User
from learn.certificates.models import Certificate
from learn.certificates.services import issue_certificate
from learn.courses.models import Course
from learn.db import transaction
from learn.orgs.models import OrgUnit
from tests.conftest import TEST_PASSWORD
from tests.security.conftest import new_client, sign_in
from tests.security.crawl import live_problems, missing_texts, visit
from tests.security.html_checks import as_stored
from tests.security.payloads import CORPUS, SHORT, numbered
from tests.security.world import EMAILS

NEW_PASSWORD = "sông núi nước nam vua nam ở"


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def _ids(app, model, column, values) -> list[int]:
    with transaction(app) as session:
        return list(session.scalars(select(model.id).where(column.in_(values))))


def test_names_chosen_at_registration_are_inert(sec_app, world):
    problems = []
    for n, payload in enumerate(CORPUS):
        client = new_client(sec_app)
        response = client.post("/register", data={
            "full_name": payload, "email": f"dang.ky.{n}@example.org",
            "password": NEW_PASSWORD, "confirm": NEW_PASSWORD, "consent": "y"})
        assert response.status_code == 302, (payload, response.status_code)
        pages = visit(client, ["/", "/account", "/account/delete"])
        problems += live_problems(pages)
        problems += missing_texts(pages["/account"], [as_stored(payload)], f"account {n}")
        data = client.get("/account/data.json")
        assert data.mimetype == "application/json"
        assert data.headers["X-Content-Type-Options"] == "nosniff"
        assert data.headers["Content-Disposition"].startswith("attachment")
    assert not problems, "\n".join(problems)


def test_names_and_positions_typed_by_an_administrator_are_inert(sec_app, world):
    admin = sign_in(sec_app, EMAILS["admin"])
    problems = []
    for n, payload in enumerate(SHORT):
        created = admin.post("/admin/users/new", data={
            "email": f"tao.moi.{n}@example.org", "full_name": payload, "kind": "official",
            "unit": str(world.units["A1"]), "position": numbered(payload, n)})
        assert created.status_code == 200, created.status_code
        html = created.get_data(as_text=True)
        problems += live_problems({"created": html})
        problems += missing_texts(html, [as_stored(payload)], "created page")
    ids = _ids(sec_app, User, User.email, [f"tao.moi.{n}@example.org" for n in range(len(SHORT))])
    for user_id, payload in zip(sorted(ids), reversed(SHORT), strict=True):
        edited = admin.post(f"/admin/users/{user_id}", data={
            "full_name": payload, "kind": "official", "unit": str(world.units["A1"]),
            "position": payload})
        assert edited.status_code == 302, edited.status_code
        page = admin.get(f"/admin/users/{user_id}").get_data(as_text=True)
        problems += live_problems({f"user {user_id}": page})
        problems += missing_texts(page, [as_stored(payload)], f"user {user_id}")
    assert not problems, "\n".join(problems)


def test_names_units_and_file_names_of_a_csv_import_are_inert(sec_app, world):
    admin = sign_in(sec_app, EMAILS["admin"])
    header = ["email", "full_name", "unit_code", "kind", "position"]
    rows = [[f"nhap.{n}@example.org", payload, "A1", "official", numbered(payload, n)]
            for n, payload in enumerate(CORPUS)]
    bad = [["loi@example.org", "Lỗi", SHORT[1], "official", ""]]
    filename = "<svg onload=alert(1)>'.csv"
    preview = admin.post("/admin/users/import", data={
        "file": (io.BytesIO(_csv([header, *rows, *bad])), filename)},
        content_type="multipart/form-data")
    assert preview.status_code == 200, preview.get_data(as_text=True)[-1500:]
    html = preview.get_data(as_text=True)
    problems = live_problems({"preview with errors": html})
    problems += missing_texts(html, [as_stored(p) for p in CORPUS] + [filename, SHORT[1]],
                              "preview")
    clean = admin.post("/admin/users/import", data={
        "file": (io.BytesIO(_csv([header, *rows])), filename)},
        content_type="multipart/form-data")
    token = clean.get_data(as_text=True).split('name="token"', 1)[1].split('value="', 1)[1]
    done = admin.post("/admin/users/import/apply", data={"token": token.split('"', 1)[0]})
    assert done.status_code == 200
    problems += live_problems({"import done": done.get_data(as_text=True)})
    problems += missing_texts(done.get_data(as_text=True), [as_stored(CORPUS[0])], "done")
    assert not problems, "\n".join(problems)


def _import_units(runner, tmp_path, parent_code: str) -> list[str]:
    rows = [["code", "name", "kind", "parent_code"]]
    rows += [[f"XSS{n}", numbered(payload, n), "commune", parent_code]
             for n, payload in enumerate(CORPUS)]
    path = tmp_path / "units.csv"
    path.write_bytes(_csv(rows))
    result = runner.invoke(["orgs", "import", str(path)])
    assert result.exit_code == 0, result.output
    return [as_stored(numbered(payload, n)) for n, payload in enumerate(CORPUS)]


def _add_units_by_form(admin, world) -> list[str]:
    names = []
    for n, payload in enumerate(SHORT):
        response = admin.post("/admin/orgs/new", data={
            "code": f"FORM{n}", "name": payload, "kind": "commune",
            "parent": str(world.units["A"])})
        assert response.status_code == 302, response.status_code
        names.append(as_stored(payload))
    return names


def _certificates(app, world) -> list[tuple[int, str]]:
    """A certificate of khoa-a for everyone imported with a payload name."""
    found = []
    with transaction(app) as session:
        course = session.scalar(select(Course).where(Course.slug == "khoa-a"))
        for user in session.scalars(select(User).where(User.email.like("nhap.%"))):
            certificate = issue_certificate(session, user.id, course)
            session.flush()
            found.append((certificate.id, certificate.code))
    return found


@pytest.fixture
def crowded(sec_app, world, runner, tmp_path):
    """The world plus payload-named people (CSV import), units (CLI import and the form),
    their certificates, and revocations with payload reasons."""
    admin = sign_in(sec_app, EMAILS["admin"])
    header = ["email", "full_name", "unit_code", "kind", "position"]
    rows = [[f"nhap.{n}@example.org", payload, "A1", "official", numbered(payload, n)]
            for n, payload in enumerate(CORPUS)]
    clean = admin.post("/admin/users/import", data={
        "file": (io.BytesIO(_csv([header, *rows])), "people.csv")},
        content_type="multipart/form-data").get_data(as_text=True)
    token = clean.split('name="token"', 1)[1].split('value="', 1)[1].split('"', 1)[0]
    assert admin.post("/admin/users/import/apply", data={"token": token}).status_code == 200
    units = _import_units(runner, tmp_path, "A") + _add_units_by_form(admin, world)
    certificates = _certificates(sec_app, world)
    for (certificate_id, _code), reason in zip(certificates, SHORT, strict=False):
        response = admin.post(f"/admin/certificates/{certificate_id}/revoke",
                              data={"reason": reason})
        assert response.status_code == 302
    people = [as_stored(p) for p in CORPUS]
    return {"admin": admin, "units": units, "people": people, "certificates": certificates}


def test_every_page_showing_people_and_units_keeps_them_inert(sec_app, world, crowded):
    admin = crowded["admin"]
    unit_ids = _ids(sec_app, OrgUnit, OrgUnit.code,
                    [f"XSS{n}" for n in range(len(CORPUS))] + ["A", "A1"])
    person_ids = _ids(sec_app, User, User.email,
                      [f"nhap.{n}@example.org" for n in range(0, len(CORPUS), 4)])
    district = world.units["A"]
    urls = [
        "/admin/users", "/admin/users?page=2", "/admin/users?q=nhap", "/admin/orgs",
        *[f"/admin/orgs/{i}" for i in unit_ids], *[f"/admin/users/{i}" for i in person_ids],
        "/admin/users/new", "/admin/assignments", "/admin/certificates",
        "/admin/certificates?page=2", "/reports/orgs", f"/reports/orgs?unit={district}",
        f"/reports/people?unit={district}", f"/reports/people?unit={district}&page=2",
        "/reports/indicators", "/reports/courses/khoa-a",
        *[f"/admin/certificates/{cid}" for cid, _code in crowded["certificates"][:10]],
    ]
    pages = visit(admin, urls)
    manager = sign_in(sec_app, EMAILS["manager_a"])
    pages |= {f"manager {u}": html for u, html in visit(manager, [
        "/admin/users", "/admin/orgs", f"/reports/orgs?unit={district}",
        f"/reports/people?unit={district}", "/admin/assignments"]).items()}
    problems = live_problems(pages)
    problems += missing_texts(pages["/admin/orgs"], crowded["units"], "tree")
    problems += missing_texts(pages[f"/reports/orgs?unit={district}"], crowded["units"],
                              "report by unit")
    problems += missing_texts(pages["/admin/certificates"], crowded["people"][:40],
                              "certificates list")
    shown_people = pages["/admin/users"] + pages["/admin/users?page=2"]
    problems += missing_texts(shown_people, crowded["people"], "people list")
    assert not problems, "\n".join(problems)


def test_certificates_of_payload_named_people_are_inert(sec_app, world, crowded):
    problems = []
    for certificate_id, code in crowded["certificates"][:12]:
        with transaction(sec_app) as session:
            certificate = session.get(Certificate, certificate_id)
            email = session.get(User, certificate.user_id).email
            name, reason = certificate.learner_name, certificate.revoked_reason
        with transaction(sec_app) as session:
            # Imported people have no password until they activate: give one directly.
            user = session.scalar(select(User).where(User.email == email))
            user.password_hash = passwords.hash_password(TEST_PASSWORD)
        owner = sign_in(sec_app, email)
        pages = visit(owner, [f"/certificates/{code}", "/me", f"/verify/{code}"])
        problems += live_problems(pages)
        problems += missing_texts(pages[f"/certificates/{code}"], [name], "certificate")
        shown = [name] + ([reason] if reason else [])
        problems += missing_texts(pages[f"/verify/{code}"], [name], "verify")
        problems += missing_texts(crowded["admin"].get(
            f"/admin/certificates/{certificate_id}").get_data(as_text=True), shown, "detail")
    assert not problems, "\n".join(problems)
