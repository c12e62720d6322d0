"""Exports: the numbers in CSV and XLSX are exactly the numbers on screen; files are safe."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from learn.audit.models import AuditEvent
from learn.reports import views
from learn.reports.export_csv import csv_value as csv_cell
from learn.reports.export_csv import neutralise, write_csv
from learn.reports.export_xlsx import write_xlsx
from learn.reports.exports import safe_filename
from learn.reports.tables import Column, ReportDocument, ReportTable, Row
from tests.reports.parsing import (
    csv_sections,
    csv_value,
    html_tables,
    screen_value,
    xlsx_sheets,
    xlsx_value,
)

ORG = ["text", "int", "int", "int", "int", "percent", "int"]  # + the screen-only "People"
PEOPLE = ["text", "text", "text", "text", "text", "date", "percent", "date", "date"]
COURSE = {
    "course-summary": ["int", "int", "int", "percent", "int", "int", "percent", "int",
                       "number"],
    "course-funnel": ["int", "text", "text", "int", "percent", "int", "percent"],
    "course-months": ["text", "int"],
}
ITEMS = {
    "item-quizzes": ["text", "int", "int", "text"],
    "item-questions": ["text", "text", "text", "text", "int", "percent", "number", "text"],
    "item-options": ["text", "text", "text", "text", "int", "percent"],
}
INDICATORS = {
    "indicator-officials": ["int", "int", "percent"],
    "indicator-officials-by-unit": ["text", "int", "int", "percent"],
    "indicator-units": ["int", "int", "percent"],
    "indicator-units-without": ["text", "text", "text", "int", "text"],
}


def _screen(html: str, table_id: str, kinds: list[str]) -> list[list]:
    table = html_tables(html)[table_id]
    header = table["header"][0][: len(kinds)]
    rows = [[screen_value(text, kind) for text, kind in zip(row, kinds, strict=False)]
            for row in table["rows"]]
    return [header, *rows]


def _csv(section: list[list[str]], kinds: list[str]) -> list[list]:
    header, *rows = section
    return [header, *[[csv_value(t, k) for t, k in zip(row, kinds, strict=True)]
                      for row in rows]]


def _xlsx(sheet: list[list], kinds: list[str]) -> list[list]:
    header, *rows = sheet
    return [header, *[[xlsx_value(v, k) for v, k in zip(row, kinds, strict=True)]
                      for row in rows]]


def _download(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response.headers["Cache-Control"] == "no-store"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="')
    name = disposition.split('"')[1]
    assert all(ch.isalnum() or ch in "._-" for ch in name), name
    return response


def _compare(client, page_url: str, export_url: str, kinds: dict[str, list[str]]):
    html = client.get(page_url).get_data(as_text=True)
    sep = "&" if "?" in export_url else "?"
    csv_data = _download(client, f"{export_url}{sep}format=csv").data
    xlsx_data = _download(client, f"{export_url}{sep}format=xlsx").data
    sections = csv_sections(csv_data)
    sheets = xlsx_sheets(xlsx_data)
    several = len(kinds) > 1
    for index, (table_id, table_kinds) in enumerate(kinds.items()):
        screen = _screen(html, table_id, table_kinds)
        section = sections[index][1:] if several else sections[index]
        assert _csv(section, table_kinds) == screen, table_id
        assert _xlsx(sheets[index], table_kinds) == screen, table_id
        assert len(screen) > 1, f"{table_id} has no rows to compare"
    return html


def test_org_report_screen_csv_xlsx_equal(province, login):
    client = login("admin")
    unit = province.units["P"].id
    html = _compare(client, f"/reports/orgs?unit={unit}&sort=rate&dir=desc",
                    f"/reports/orgs/export?unit={unit}&sort=rate&dir=desc", {"org-table": ORG})
    rows = _screen(html, "org-table", ORG)
    assert rows[1:] == [
        ["Huyện Bình Sơn", 2, 2, 1, 1, 0.5, 1],
        ["Sở Thông tin và Truyền thông", 1, 2, 1, 1, 0.5, 0],
        ["Huyện An Phú", 6, 13, 9, 6, 0.46, 4],
        ["Tổng: Tỉnh Demo", 9, 17, 11, 8, 0.47, 5],
    ]


def test_org_report_with_filters_equal(province, login):
    client = login("admin")
    query = (f"unit={province.units['A'].id}&course=chuyen-doi-so-can-bo"
             "&date_from=2026-01-01&date_to=2026-03-31")
    _compare(client, f"/reports/orgs?{query}", f"/reports/orgs/export?{query}",
             {"org-table": ORG})


def test_people_screen_csv_xlsx_equal(province, login):
    client = login("admin")
    query = f"unit={province.units['A'].id}&sort=status"
    _compare(client, f"/reports/people?{query}", f"/reports/people/export?{query}",
             {"people-table": PEOPLE})


def test_course_report_screen_csv_xlsx_equal(province, login):
    client = login("admin")
    _compare(client, "/reports/courses/chuyen-doi-so-can-bo",
             "/reports/courses/chuyen-doi-so-can-bo/export", COURSE)


def test_items_screen_csv_xlsx_equal(province, login):
    client = login("trainer1")
    _compare(client, "/reports/courses/chuyen-doi-so-can-bo/items",
             "/reports/courses/chuyen-doi-so-can-bo/items/export", ITEMS)


def test_indicators_screen_csv_xlsx_equal(province, login):
    client = login("admin")
    _compare(client, "/reports/indicators", "/reports/indicators/export", INDICATORS)


def test_export_is_audited(province, login, db_session):
    client = login("managera")
    unit = province.units["A1"].id
    _download(client, f"/reports/people/export?unit={unit}&format=csv")
    events = db_session.scalars(
        select(AuditEvent).where(AuditEvent.action == "reports.export")
    ).all()
    assert len(events) == 1
    event = events[0]
    assert event.actor_id == province.staff["managera"].id
    assert event.target == "people"
    assert event.details["format"] == "csv"
    assert event.details["unit"] == "A1"
    assert event.details["rows"] == 5


def test_unknown_format_is_not_found(province, login):
    client = login("admin")
    assert client.get("/reports/orgs/export?format=pdf").status_code == 404
    assert client.get("/reports/indicators/export").status_code == 404


def test_exports_check_access_then_format_then_filters(province, login):
    trainer, manager, admin = login("trainer2"), login("managera"), login("admin")
    cds = "/reports/courses/chuyen-doi-so-can-bo"
    # Who may read the report comes first: a refusal whatever the format.
    for url in ("/reports/orgs/export", "/reports/people/export",
                "/reports/indicators/export", f"{cds}/export", f"{cds}/items/export"):
        assert trainer.get(f"{url}?format=pdf").status_code == 403, url
    assert manager.get(f"{cds}/items/export?format=pdf").status_code == 403
    # Then the format, before the unit and the filters are read.
    other = province.units["B"].id
    assert manager.get(f"/reports/orgs/export?format=pdf&unit={other}").status_code == 404
    assert admin.get("/reports/people/export?format=pdf&kind=alien").status_code == 404
    assert admin.get("/reports/people/export?format=csv&kind=alien").status_code == 400
    assert manager.get(f"/reports/orgs/export?format=csv&unit={other}").status_code == 404


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\r=1", "'\r=1"),
        ("Xã Tân Lập", "Xã Tân Lập"),
        ("a=b", "a=b"),
    ],
)
def test_csv_neutralises_formulas(text, written):
    assert neutralise(text) == written
    assert csv_cell(text, Column("x", "X")) == written


def _document(text: str) -> ReportDocument:
    table = ReportTable(
        key="t", title="=title",
        columns=(Column("name", "=Name"), Column("n", "N", "int"),
                 Column("r", "R", "percent"), Column("d", "D", "date"),
                 Column("x", "X", "number", decimals=2)),
        rows=[Row(("=1+1", 3, 0.5, date(2026, 3, 1), -0.25)), Row(("@me", None, None, None,
                                                                      None))],
    )
    return ReportDocument(title="T", filename_stem="t", tables=[table])


def test_csv_format_quotes_everything_and_keeps_numbers():
    data = write_csv(_document("x"))
    text = data.decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[0] == '"\'=Name","N","R","D","X"'
    assert lines[1] == '"\'=1+1","3","50%","2026-03-01","-0.25"'
    assert lines[2] == '"\'@me","","","",""'


def test_xlsx_types_styles_and_formula_safety():


    workbook = load_workbook(io.BytesIO(write_xlsx(_document("x"))))
    sheet = workbook.worksheets[0]
    assert sheet.freeze_panes == "A2"
    header = sheet["A1"]
    assert header.font.bold and header.fill.fgColor.rgb.endswith("DCE6F2")
    assert sheet["A2"].value == "=1+1" and sheet["A2"].data_type == "s"
    assert sheet["B2"].value == 3
    assert sheet["C2"].value == 0.5 and sheet["C2"].number_format == "0.0%"
    assert sheet["D2"].is_date and sheet["D2"].number_format == "DD/MM/YYYY"
    assert sheet["E2"].value == -0.25 and sheet["E2"].number_format == "0.00"
    assert sheet.column_dimensions["A"].width >= 8
    assert workbook.worksheets[-1]["A1"].value == "T"


def test_safe_filename():
    assert safe_filename("completion-Xã A/../b", "csv", date(2026, 3, 1)) == \
        "completion-X-A-..-b-20260301.csv"
    assert safe_filename("", "xlsx", date(2026, 3, 1)) == "report-20260301.xlsx"
    assert safe_filename('a"b\r\nc', "csv", date(2026, 3, 1)) == "a-b-c-20260301.csv"


def test_people_xlsx_export_has_a_row_limit(province, login, monkeypatch):
    monkeypatch.setattr(views, "XLSX_MAX_ROWS", 5)
    client = login("admin")
    unit = province.units["A"].id
    refused = client.get(f"/reports/people/export?unit={unit}&format=xlsx")
    assert refused.status_code == 400
    assert "13" in refused.get_data(as_text=True) and "CSV" in refused.get_data(as_text=True)
    assert client.get(f"/reports/people/export?unit={unit}&format=csv").status_code == 200
    small = client.get(f"/reports/people/export?unit={province.units['A2'].id}&format=xlsx")
    assert small.status_code == 200
